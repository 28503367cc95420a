"""Secondary haemophagocytic lymphohistiocytosis: once the HLH picture is in view, its trigger.

HLH is a syndrome, not a cause: outside infancy it is nearly always set off by something
else, and finding that trigger is the task, since it is treated beside the HLH itself
(doxycycline for a rickettsiosis, antituberculous drugs, amphotericin for kala-azar,
chemotherapy for a lymphoma). In adults about half the triggers are infections (herpesviruses
first, then mycobacteria, Leishmania, Histoplasma, rickettsiae, Brucella and the tick-borne
and mosquito-borne viruses of each region) and nearly as many are neoplasms, most of them
lymphomas (Ramos-Casals 2014). So the HLH picture raises whichever trigger the case already
points to: a trigger with a clue of its own ranks beside the HLH, not far below it.

Which clue goes with which trigger is each infection's own epidemiology (where it is caught,
the exposure that brings it). The weight (strong, about tenfold) is what the HLH picture itself
says of the trigger: HLH is rare among patients with low counts (its prior is very rare) but
far commoner with disseminated tuberculosis, kala-azar, brucellosis, scrub typhus, SFTS or
severe dengue, the leading triggers where they are caught; ten is an estimate, not a measured
ratio (no series gives one). It is applied only where the
case already points to that trigger, so that the picture does not raise every trigger at once,
and it is not a soft clue to be halved beside the trigger's own: it is a different finding."""

from __future__ import annotations

from experta import AND, AS, NOT, OR, Rule

from .base import DERIVES_FACTS, MODERATE_AGAINST, STRONG_FOR, Conclusions
from .conditions import SEVERAL_LINES, above
from .facts import CD4Count, CellLines, Cytopenia, Fact, Fever, Findings, Labs, Medication
from .infections import (
    CCHF_REGIONS,
    CELL_IMMUNITY_DRUGS,
    HIGH_TB_BURDEN,
    LEISHMANIASIS_REGIONS,
    TRANSPLANTED,
    TWO_WEEKS_OR_MORE,
    lives_in_or_came_back_within,
    lives_in_or_has_been_in,
)
from .other import hlh_2004_criteria_met
from .quantities import Range

# Where dengue is caught (GeoSentinel: the commonest fever after South-East Asia, Latin
# America and the Caribbean; common in South Asia too)
DENGUE_REGIONS = ("southeast_asia", "latin_america_caribbean", "south_asia")
DENGUE_INCUBATES_WEEKS = 2  # 3-14 days
HAEMORRHAGIC_FEVER_INCUBATES_WEEKS = 3  # at most 21 days
HLH_DIAGNOSED_AT = 5  # HLH-2004: five of the eight criteria make the diagnosis
VERY_HIGH_FERRITIN_FROM = 10000  # µg/L: rare outside HLH (allen-ferritin-2008)


def _at_least(value, limit) -> bool:
    """A number at or above ``limit``, or a bound wholly at or above it."""
    if type(value) is Range:
        return value.at_or_above(limit)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= limit


def _febrile_picture(labs: dict, findings: dict) -> str | None:
    """What shows the HLH picture in a febrile patient with two or three low lines, if
    anything does."""
    if findings.get("marrow_infiltrate") == "hemophagocytosis":
        return "haemophagocytosis and fever"
    if _at_least(labs.get("ferritin"), VERY_HIGH_FERRITIN_FROM):
        return "ferritin above 10,000 and fever"
    if len(hlh_2004_criteria_met(labs, findings, True)) >= HLH_DIAGNOSED_AT:
        return "five HLH-2004 criteria"
    return None


class HaemophagocyticPicture(Fact):
    """The HLH picture is in view: haemophagocytosis in the marrow with two or three low
    lines and a fever or a high ferritin, a ferritin above 10,000 µg/L with a fever and two or
    three low lines, or five of the eight HLH-2004 criteria. ``basis`` says which."""


class SecondaryHLHRules(Conclusions):
    """The HLH picture, and the trigger it sends the search to."""

    @Rule(AS.labs << Labs(), AS.findings << Findings(), AS.fever << Fever(),
          CellLines(pattern=SEVERAL_LINES), salience=DERIVES_FACTS)
    def recognise_the_haemophagocytic_picture(self, labs, findings, fever):
        basis = _febrile_picture(labs.as_dict(), findings.as_dict()) if fever["present"] \
            else None
        if basis:
            self.declare(HaemophagocyticPicture(basis=basis))

    @Rule(AS.labs << Labs(), AS.findings << Findings(), CellLines(pattern=SEVERAL_LINES),
          salience=DERIVES_FACTS)
    def recognise_the_haemophagocytic_picture_on_the_marrow_and_ferritin(self, labs, findings):
        """Case reports that give the marrow and the ferritin often leave the fever unstated."""
        labs, findings = labs.as_dict(), findings.as_dict()
        if findings.get("marrow_infiltrate") == "hemophagocytosis" and \
                "ferritin of 500 µg/L or more" in hlh_2004_criteria_met(labs, findings, False):
            self.declare(HaemophagocyticPicture(basis="haemophagocytosis and ferritin"))

    # ---- the infections that set it off, each by its own clue -------------------------------

    # Tuberculosis is the commonest bacterial trigger of HLH, nearly always disseminated
    # (miliary) disease; its clue is its features, granulomas in the marrow, a fever of two
    # weeks or more, or a home or stay where it is common (Brastianos 2006).
    @Rule(HaemophagocyticPicture(),
          OR(Findings(tb_features="yes"), Findings(marrow_granulomas="yes"),
             lives_in_or_has_been_in(*HIGH_TB_BURDEN),
             AND(Fever(present=True), Findings(acute_infection_onset_days=TWO_WEEKS_OR_MORE))))
    def tuberculosis_behind_the_haemophagocytic_picture(self):
        self.evidence("tuberculosis", STRONG_FOR,
                      "With the HLH picture, a clue to tuberculosis (its features, marrow "
                      "granulomas, weeks of fever, or a home where it is common) makes "
                      "disseminated tuberculosis the trigger to look for: it is the commonest "
                      "bacterial trigger of HLH, and the marrow, liver and spleen are where it "
                      "is found (stain and culture the marrow for mycobacteria).",
                      "brastianos-tb-hlh-2006")

    # Brucellosis sets off HLH where it is endemic; its clue is the exposure (raw dairy or
    # livestock), not the region alone, which its own rule already weighs.
    @Rule(HaemophagocyticPicture(), Findings(livestock_or_raw_dairy="yes"))
    def brucellosis_behind_the_haemophagocytic_picture(self):
        self.evidence("brucellosis", STRONG_FOR,
                      "With the HLH picture after raw dairy or work with livestock, brucellosis "
                      "is a trigger to look for (blood and marrow culture, agglutination "
                      "serology): treated, the haemophagocytosis settles with it.",
                      "ramos-casals-hlh-2014")

    # Visceral leishmaniasis and HLH share fever, a big spleen and pancytopenia, and kala-azar
    # is among the commonest parasitic triggers: in someone from where it is caught the
    # haemophagocytes of the marrow should be searched for amastigotes.
    @Rule(HaemophagocyticPicture(), Findings(splenomegaly="yes"),
          OR(lives_in_or_has_been_in(*LEISHMANIASIS_REGIONS), Findings(parasite_exposure="yes")))
    def visceral_leishmaniasis_behind_the_haemophagocytic_picture(self):
        self.evidence("parasitic_infestation", STRONG_FOR,
                      "With the HLH picture and a big spleen in someone from where visceral "
                      "leishmaniasis is caught, kala-azar is a trigger to exclude (rK39 "
                      "serology, amastigotes or Leishmania PCR in the marrow): it mimics HLH, "
                      "sets it off, and is cured by amphotericin.", "ramos-casals-hlh-2014")

    # The mosquito- and tick-borne viruses of each region: dengue where it is caught, and the
    # tick-borne haemorrhagic fevers (SFTS in East Asia, Crimean-Congo fever in the Balkans,
    # Turkey, the Middle East and Central Asia), with the falling platelets they bring: acute
    # illnesses of days, not of a fever that has lasted weeks.
    @Rule(HaemophagocyticPicture(),
          lives_in_or_came_back_within(DENGUE_INCUBATES_WEEKS, *DENGUE_REGIONS),
          Cytopenia(line="thrombocytopenia"))
    def dengue_behind_the_haemophagocytic_picture(self):
        self.evidence("dengue", STRONG_FOR,
                      "With the HLH picture and low platelets where dengue is caught, dengue is "
                      "a trigger to test for (NS1 antigen, IgM or PCR).", "ramos-casals-hlh-2014")

    @Rule(HaemophagocyticPicture(), Cytopenia(line="thrombocytopenia"),
          lives_in_or_came_back_within(HAEMORRHAGIC_FEVER_INCUBATES_WEEKS, "east_asia",
                                       *CCHF_REGIONS),
          NOT(Findings(acute_infection_onset_days=above(21))))
    def tick_borne_haemorrhagic_fever_behind_the_haemophagocytic_picture(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_FOR,
                      "With the HLH picture and low platelets in East Asia (SFTS) or where "
                      "Crimean-Congo haemorrhagic fever is caught, the tick-borne haemorrhagic "
                      "fever of the region is a trigger to test for (PCR), with the patient "
                      "isolated first.", "ramos-casals-hlh-2014")

    @Rule(HaemophagocyticPicture(), Findings(tick_bite_or_eschar="yes"))
    def tick_borne_infection_behind_the_haemophagocytic_picture(self):
        for cause in ("rickettsial_infection", "ehrlichiosis_anaplasmosis"):
            self.evidence(cause, STRONG_FOR,
                          "With the HLH picture after a tick or mite bite, the rickettsioses "
                          "(scrub typhus, spotted fevers) and ehrlichiosis are triggers to "
                          "treat with doxycycline on suspicion.", "ramos-casals-hlh-2014")

    # When cellular immunity is down (advanced HIV, transplant, TNF inhibitors and other
    # drugs) the trigger is most often an opportunistic infection of the macrophages:
    # Histoplasma and mycobacteria.
    @Rule(HaemophagocyticPicture(),
          OR(CD4Count(status="severe"), Findings(hiv_test="positive"),
             Findings(hiv_risk="known_positive"), Findings(transplant=TRANSPLANTED),
             Medication(drug_class=CELL_IMMUNITY_DRUGS)))
    def opportunistic_infection_behind_the_haemophagocytic_picture(self):
        self.evidence("disseminated_histoplasmosis", STRONG_FOR,
                      "With the HLH picture when cellular immunity is down (HIV, a transplant, "
                      "drugs that suppress it), an infection of the macrophages is the likely "
                      "trigger: disseminated histoplasmosis (urine antigen, marrow culture) "
                      "beside mycobacteria.", "ramos-casals-hlh-2014")
        self.evidence("tuberculosis", STRONG_FOR,
                      "With the HLH picture when cellular immunity is down, disseminated "
                      "tuberculosis is a trigger to look for: most tuberculosis-associated HLH "
                      "is in immunocompromised patients.", "brastianos-tb-hlh-2006")

    # ---- what the HLH explains ----------------------------------------------------------------

    # The HLH's activated macrophages fill the spleen and consume the blood cells: the big
    # spleen and the low counts need no portal hypertension to explain them.
    @Rule(HaemophagocyticPicture(), Findings(splenomegaly="yes"))
    def the_haemophagocytic_picture_explains_the_big_spleen(self):
        self.evidence("hypersplenism", MODERATE_AGAINST,
                      "With the HLH picture the big spleen is the HLH's own (activated "
                      "macrophages fill it and consume blood cells): hypersplenism from portal "
                      "hypertension is not needed to explain it.", "henter-hlh-2007")
