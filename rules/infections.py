"""Infections: fever, sepsis, recent viral illness, HIV, travel and tropical infections,
tuberculosis, parasites and the falsely low count drawn early in an infection; the cultures
and serological tests that confirm or exclude them (a negative result is evidence too);
vector-borne, zoonotic and post-transplant infections."""

from __future__ import annotations

from experta import AND, NOT, OR, InitialFact, P, Rule, W

from .base import (
    DECISIVE_FOR,
    DETAIL,
    ESSENTIAL,
    FOLLOW_UP,
    MODERATE_AGAINST,
    MODERATE_FOR,
    RULES_OUT,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import (
    MILD_OR_MODERATE,
    SEVERAL_LINES,
    YOUNG_CHILD,
    above,
    at_least,
    at_most,
    number,
    reported_as,
)
from .derived_findings import TROPICAL_REGIONS
from .facts import (
    CD4Count,
    CellLines,
    CountHistory,
    Cytopenia,
    DrugExposure,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Medication,
    Neutrophils,
    Patient,
    SepsisSigns,
    Smear,
    WhiteCount,
)

TROPICAL = ("typhoid_fever", "malaria", "dengue")
TRANSPLANTED = P(lambda kind: kind in ("solid_organ", "stem_cell"))
# Where the tick-borne haemorrhagic fevers are caught: Crimean-Congo haemorrhagic fever in
# the Balkans, Turkey, the Middle East and Central Asia (and Africa); SFTS in China, Korea
# and Japan.
CCHF_REGIONS = ("balkans_eastern_europe", "mediterranean_middle_east")
# The drug classes given for a bacterial infection (rules/data/drugs.yaml)
ANTIBACTERIAL_CLASSES = ("antibiotic", "antibiotic_rare")
TICK_HAEMORRHAGIC_FEVER_REGIONS = CCHF_REGIONS + ("east_asia",)
# TROPICAL_REGIONS: where malaria, dengue and typhoid are caught (those that answer
# tropical_travel)
HAEMORRHAGIC_FEVER_REGIONS = ("sub_saharan_africa",) + TICK_HAEMORRHAGIC_FEVER_REGIONS


def _one_of(regions: tuple) -> P:
    return P(lambda region: region in regions)


# Where the patient lives (home_region) is exposure now, as a return this week is; where the
# patient has been or moved from (travel_region) is exposure travel_weeks_ago weeks back. Every
# regional rule reads both.
def lives_in_or_has_been_in(*regions: str):
    """The patient lives in one of ``regions``, or has been there (at any time)."""
    return OR(Findings(home_region=_one_of(regions)), Findings(travel_region=_one_of(regions)))


def lives_in_or_came_back_within(weeks: int, *regions: str):
    """The patient lives in one of ``regions``, or came back from one of them at most
    ``weeks`` weeks ago (or at a time not given)."""
    return OR(Findings(home_region=_one_of(regions)),
              AND(Findings(travel_region=_one_of(regions)),
                  NOT(Findings(travel_weeks_ago=above(weeks)))))


def lives_in_or_came_back_within_known(weeks: int, *regions: str):
    """The patient lives in one of ``regions``, or came back from one of them at most
    ``weeks`` weeks ago, the weeks given."""
    return OR(Findings(home_region=_one_of(regions)),
              Findings(travel_region=_one_of(regions), travel_weeks_ago=at_most(weeks)))


def only_in_regions_outside(*regions: str):
    """Where the patient lives or has been is given, and none of it is one of ``regions``."""
    return AND(OR(Findings(home_region=W()), Findings(travel_region=W())),
               NOT(Findings(home_region=_one_of(regions))),
               NOT(Findings(travel_region=_one_of(regions))))


def does_not_live_in(*regions: str):
    """Where the patient lives is not one of ``regions`` (or is not given): a return long
    ago argues against an infection with a short incubation only then."""
    return NOT(Findings(home_region=_one_of(regions)))
POSITIVE_CULTURE = P(lambda growth: growth in ("gram_negative", "gram_positive"))
DOCUMENTED_SITE = P(lambda site: site not in ("none_found", "unknown"))
LOW_RETICULOCYTES = number(lambda pct: pct < 1)
FEW_RETICULOCYTES_COUNTED = number(lambda count: count < 25000)  # per µL, absolute
NO_RETICULOCYTE_FAILURE = number(lambda pct: pct >= 2)
RAISED_ALT = number(lambda alt: alt > 40)  # U/L, above the usual upper limit
# where malaria is caught (the malarious parts of each region)
MALARIA_REGIONS = ("sub_saharan_africa", "south_asia", "southeast_asia", "latin_america_caribbean")
# Where visceral leishmaniasis is endemic: the Indian subcontinent, East Africa, the
# Mediterranean and Middle East, Brazil and Latin America, and (L. infantum, as around the
# Mediterranean) the Balkans, Turkey, the Caucasus and Central Asia: Albania, Georgia,
# Azerbaijan, Uzbekistan and Tajikistan among them (WHO TRS 949)
LEISHMANIASIS_REGIONS = (
    "south_asia", "sub_saharan_africa", "mediterranean_middle_east", "latin_america_caribbean",
    "balkans_eastern_europe")
TWO_WEEKS_OR_MORE = number(lambda days: days >= 14)
# Explaining away: once B19 is shown (a positive test, or the aplastic crisis only B19 makes),
# the virus behind the fall has a name of its own
B19_NAMED_THE_VIRUS = ("Parvovirus B19 has been shown (or its aplastic crisis): the virus behind "
                       "the fall is named, and it is not another one's passing suppression.")
# Marrow and flow results that name a disease lowering the count itself
NAMES_A_MARROW_DISEASE = P(lambda infiltrate: infiltrate in (
    "blasts", "plasma_cells", "lymphoma", "carcinoma", "hairy_cells"))
NAMES_A_CLONE = P(lambda result: result not in ("no_clone", "unknown"))
# Regions where tuberculosis is many times commoner than in Europe or the Americas (WHO 2023)
HIGH_TB_BURDEN = ("south_asia", "southeast_asia", "sub_saharan_africa")
# Drugs that take away the cellular immunity that holds Histoplasma and mycobacteria in check
# (TNF and other biologic immunomodulators, antimetabolites, glucocorticoids, lymphodepleting
# antibodies and purine analogues).
CELL_IMMUNITY_DRUGS = P(lambda drug_class: drug_class in (
    "biologic_immunomodulator", "immunosuppressant", "glucocorticoid", "lymphodepleting_antibody",
    "purine_analogue", "jak_inhibitor"))

# An infection proven in the marrow or blood that HIV's failing cellular immunity lets in or
# lets persist: visceral leishmaniasis (amastigotes in the marrow, or rK39 serology),
# disseminated histoplasmosis, persistent parvovirus B19. Once one is shown in a person with
# HIV it is the nearer cause of the low counts, and HIV the ground it grew on.
OPPORTUNISTIC_INFECTION_PROVEN = (
    Findings(marrow_infiltrate="leishmania"), Findings(leishmania_test="positive"),
    Findings(histoplasma_test="positive"), Findings(parvovirus_b19_test="positive"))
NO_OPPORTUNISTIC_INFECTION_PROVEN = (
    NOT(Findings(marrow_infiltrate="leishmania")), NOT(Findings(leishmania_test="positive")),
    NOT(Findings(histoplasma_test="positive")), NOT(Findings(parvovirus_b19_test="positive")))
HIV_BESIDE_A_PROVEN_INFECTION = (
    "HIV lowers the counts itself, but an infection its failing immunity let in is proven "
    "here and is the nearer cause of these low counts: treat it, with HIV as the ground it "
    "grew on.")

# An autoantibody found (antineutrophil antibodies, or an ANA) is a result that offers another
# explanation: the default guess of a passing viral fall steps aside for it.
NO_AUTOANTIBODY_FOUND = (NOT(Findings(anti_neutrophil_antibodies="positive")),
                         NOT(Findings(antinuclear_antibodies="positive")))
# One low line in a patient who is well (no fever, no run of infections, no B symptoms, no
# infection found, no sepsis signs), with no clue that points elsewhere (a cancer, a known
# Sjögren syndrome or lupus, a big spleen,
# nodes, blasts, an eosinophilia) and nothing else offered yet (no drug linked to a low count
# whatever its timing, no marrow or flow examined, not known to last).
_NOTHING_ELSE_KNOWN = (
    NOT(Findings(recurrent_infections="yes")), NOT(Findings(b_symptoms="yes")),
    NOT(Findings(infection_site=DOCUMENTED_SITE)), NOT(SepsisSigns()),
    NOT(Findings(known_cancer="yes")),
    NOT(Findings(known_sjogren_syndrome="yes")), NOT(Findings(known_lupus="yes")),
    NOT(Findings(splenomegaly="yes")), NOT(Findings(lymphadenopathy="yes")),
    NOT(Smear(blasts=True)), NOT(Labs(eosinophils=above(500))),
    NOT(DrugExposure()), NOT(Findings(count_recovered_after_stopping="yes")),
    NOT(Findings(marrow_cellularity=W())),
    NOT(Findings(marrow_neutrophil_maturation=W())),
    NOT(Findings(flow_cytometry=W())), NOT(Findings(serial_counts=W())),
    NOT(Findings(low_count_first_noted_weeks_ago=at_least(12))),
    NOT(CountHistory(low_at_every_check_since=at_least(12))),
    *NO_AUTOANTIBODY_FOUND)
NOTHING_ELSE_IN_A_WELL_PATIENT = (
    CellLines(pattern="isolated"), NOT(Fever(present=True)), *_NOTHING_ELSE_KNOWN)
NOTHING_ELSE_BESIDE_A_FEVER = (CellLines(pattern="isolated"), *_NOTHING_ELSE_KNOWN)


class InfectionRules(Conclusions):
    """Infections that lower the count, and the infection that only seems to."""

    @Rule(InitialFact())
    def ask_about_fever_and_infections(self):
        self.ask("temperature_c", ESSENTIAL + 2,
                 "Fever with a low neutrophil count is an emergency; fever also points to "
                 "infection as the cause.")
        self.ask("recent_viral_illness", ESSENTIAL,
                 "A recent viral illness is the commonest cause of a short-lived low count.")
        self.ask("recurrent_infections", ESSENTIAL - 1,
                 "Repeated infections show the low count matters, and with a normal count "
                 "point to CLL or an immune deficiency.")
        self.ask("hiv_risk", ESSENTIAL - 3, "HIV lowers lymphocytes and neutrophils.")
        self.ask("tropical_travel", ESSENTIAL - 4,
                 "Typhoid, malaria, dengue and rickettsial infections lower the white count.")

    @Rule(Fever(present=True))
    def ask_about_sepsis_when_febrile(self):
        self.ask("sepsis_signs", FOLLOW_UP + 15,
                 "Signs of sepsis make this an emergency whatever the white count.")
        self.ask("acute_infection_onset_days", FOLLOW_UP + 8,
                 "A count drawn within the first day of an infection can be falsely low.")
        self.ask("tb_features", DETAIL, "Disseminated tuberculosis can involve the marrow.")
        self.ask("tick_bite_or_eschar", DETAIL - 2,
                 "Rickettsial infections also occur outside the tropics, after a tick bite.")

    # A patient with few neutrophils may mount no fever at all (or a low temperature), and
    # the signs of sepsis weigh, and make it an emergency, with or without one
    # Which came first: a count low at every check for weeks was low before the infection, so
    # the sepsis is its consequence, not its cause (low_at_every_count_for_weeks): asked once
    # sepsis meets a low neutrophil count
    @Rule(Findings(sepsis_signs="yes"), Neutrophils(status="absolute_neutropenia"))
    def ask_whether_the_count_was_low_before_the_sepsis(self):
        self.ask("serial_counts", FOLLOW_UP + 3,
                 "A count low at every check for weeks was low before the infection: the sepsis "
                 "is then its consequence, not its cause.")

    # an ANC given in words ("ANC low") may be severe: its grade not known, the signs of
    # sepsis are asked as for a severe one (not for a low white count without an ANC, whose
    # neutrophils the count form asks first)
    @Rule(OR(Neutrophils(grade="severe"),
             AND(Neutrophils(status="absolute_neutropenia", grade="unknown"), Labs(anc=W()))),
          NOT(Fever(present=True)))
    def ask_about_sepsis_in_a_severe_neutropenia_without_fever(self):
        self.ask("sepsis_signs", FOLLOW_UP + 15,
                 "With very few neutrophils an infection may bring no fever: signs of sepsis "
                 "(low blood pressure, a fast pulse, confusion) make it an emergency all the "
                 "same.")

    @Rule(CellLines(pattern=W()))
    def ask_whether_the_low_count_is_new_or_old(self):
        self.ask("low_count_first_noted_weeks_ago", FOLLOW_UP,
                 "A viral fall or margination passes within weeks; a count low for months or "
                 "since childhood points to another cause.")

    @Rule(Findings(recent_viral_illness="yes"))
    def ask_when_the_illness_began(self):
        self.ask("acute_infection_onset_days", FOLLOW_UP + 8,
                 "A count drawn within the first day of an infection can be falsely low.")

    # Tick-borne infections (ehrlichiosis, anaplasmosis, rickettsiae) lower the white cells and
    # platelets together, and the bite or eschar weighs with any low count, fever or not
    @Rule(CellLines(pattern=SEVERAL_LINES))
    def ask_about_a_tick_bite_when_several_lines_are_low(self):
        self.ask("tick_bite_or_eschar", DETAIL - 2,
                 "A tick bite or an eschar points to ehrlichiosis, anaplasmosis or a "
                 "rickettsial infection, which lower several lines.")

    @Rule(Findings(tropical_travel="yes"))
    def ask_about_tropical_infections(self):
        self.ask("mosquito_borne_features", FOLLOW_UP + 3, "Points to dengue.")
        self.ask("enteric_features", FOLLOW_UP + 2, "Points to typhoid (enteric) fever.")
        self.ask("tick_bite_or_eschar", FOLLOW_UP + 1, "Points to a rickettsial infection.")
        self.ask("tb_features", DETAIL, "Tuberculosis is common where these infections are.")

    # where the patient lives answers it (the regional rules weigh leishmaniasis from the home
    # region): asked only while the home region is not known
    @Rule(Findings(tropical_travel="yes"), NOT(Findings(home_region=W())))
    def ask_a_tropical_traveller_about_leishmaniasis(self):
        self.ask("parasite_exposure", FOLLOW_UP,
                 "Visceral leishmaniasis causes fever, a big spleen and pancytopenia.")

    # a big spleen with a low count in someone who lives in or has been to the tropics: the
    # parasites of a big spleen (schistosomiasis, leishmaniasis, malaria) are weighed from
    # the exposure itself (big_spleen_after_parasite_exposure), asked whatever the home region,
    # and after a stay in the tropics at any time: schistosomes live for years, and the
    # portal fibrosis they leave outlasts them
    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=W()),
          OR(Findings(tropical_travel="yes"),
             Findings(home_region=P(lambda r: r in TROPICAL_REGIONS)),
             Findings(travel_region=P(lambda r: r in TROPICAL_REGIONS))))
    def ask_about_parasites_beside_a_big_spleen_from_the_tropics(self):
        self.ask("parasite_exposure", FOLLOW_UP,
                 "Schistosomiasis, leishmaniasis and chronic malaria enlarge the spleen and "
                 "lower the counts in those who live in or visit where they are caught.")

    # ---- viral suppression -----------------------------------------------------------------

    @Rule(Findings(recent_viral_illness="yes"), CellLines(pattern=W()),
          NOT(Neutrophils(grade="severe")))
    def low_count_after_a_viral_illness(self):
        self.evidence("viral_marrow_suppression", STRONG_FOR,
                      "A mild to moderate fall after a viral illness is the commonest "
                      "short-lived cause, in children above all.", "seed-001")

    @Rule(Findings(recent_viral_illness="yes"), Neutrophils(grade="severe"))
    def severe_neutropenia_after_a_viral_illness(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "Viruses can cause a deep but brief fall; a severe count still needs "
                      "other causes excluded.", "seed-001")

    @Rule(Smear(atypical_lymphocytes=True), CellLines(pattern=W()))
    def reactive_lymphocytes_on_the_film(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "Reactive lymphocytes are the footprint of a viral infection such as EBV "
                      "or CMV.", "seed-001")

    @Rule(Patient(age_years=YOUNG_CHILD), Neutrophils(grade=MILD_OR_MODERATE),
          CellLines(pattern="isolated"), NOT(Fever(present=True)),
          NOT(Findings(recurrent_infections="yes")), *NO_AUTOANTIBODY_FOUND)
    def a_well_child_with_a_mild_or_moderate_neutropenia(self):
        """No fever and no run of infections: a child who is otherwise well."""
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "In a well child, a mild or moderate neutropenia on its own is most often "
                      "the short-lived fall after an infection, many of which pass unnoticed; "
                      "a repeat count in 3-4 weeks tells.", "seed-001")

    # The fever is the viral illness: in an infant or young child, a low count found in the
    # first week of a febrile illness is most often the fall a virus brings in its first days
    # (it lasts about a week), even when the platelets fall with it. Not a pancytopenia, nor
    # blasts on the film: those want a marrow whatever the fever.
    @Rule(Patient(age_years=YOUNG_CHILD), Fever(present=True),
          Findings(acute_infection_onset_days=at_most(7)),
          CellLines(pattern=P(lambda pattern: pattern != "pancytopenia")),
          NOT(Smear(blasts=True)), NOT(Findings(low_count_first_noted_weeks_ago=at_least(12))),
          NOT(Findings(recent_viral_illness="yes")))
    def a_low_count_in_the_first_week_of_a_febrile_illness_in_a_young_child(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "In a young child a low count in the first days of a febrile illness is "
                      "most often the short-lived fall a virus brings (HHV-6, influenza, RSV "
                      "and many others), lasting about a week; bacterial infection still has to "
                      "be excluded when the neutrophils are very low, and a repeat count after "
                      "recovery should be normal.", "seed-001")

    # Beyond early childhood the same fall comes with the first week of a febrile viral
    # illness (influenza, measles, EBV, CMV, acute HIV, dengue and others), weighed less than
    # in a child because an adult's febrile leukopenia has more rivals (sepsis, a drug's
    # agranulocytosis, the tick-borne and tropical infections, a leukaemia presenting with
    # fever). Not a pancytopenia, blasts or a neutrophil count below 500/µL: those want a
    # marrow, a drug history or cultures whatever the fever.
    @Rule(NOT(Patient(age_years=YOUNG_CHILD)), Fever(present=True),
          Findings(acute_infection_onset_days=at_most(7)),
          CellLines(pattern=P(lambda pattern: pattern != "pancytopenia")),
          NOT(Neutrophils(grade="severe")), NOT(Smear(blasts=True)),
          NOT(Findings(low_count_first_noted_weeks_ago=at_least(12))),
          NOT(Findings(recent_viral_illness=W())), NOT(Findings(recent_chemotherapy="yes")),
          NOT(Medication(chemotherapy=True)))
    def a_low_count_in_the_first_week_of_a_febrile_illness_beyond_early_childhood(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A low white count in the first week of a febrile illness is most often "
                      "the short-lived fall a virus brings (influenza, measles, EBV, CMV, acute "
                      "HIV and others), in adults as in children; a repeat count after recovery "
                      "should be normal, and one that is not wants another cause.", "seed-001")

    # The mononucleosis syndrome: fever, a sore throat and enlarged nodes in an adolescent or
    # young adult, the ages at which a first EBV infection makes glandular fever (CMV, acute
    # HIV and toxoplasmosis copy it). Its neutropenia is common, at times deep, and passes
    # within weeks. Cervical nodes raise the odds of mononucleosis about threefold in a sore
    # throat (Ebell 2016); once an EBV test is known it decides instead.
    @Rule(Patient(age_years=number(lambda age: 10 <= age < 30)), Fever(present=True),
          Findings(sore_throat_or_mouth_ulcers="yes", lymphadenopathy="yes"),
          CellLines(pattern=W()), NOT(Findings(ebv_test=W())))
    def fever_a_sore_throat_and_nodes_in_a_young_person(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "Fever, a sore throat and enlarged nodes in an adolescent or young adult "
                      "are glandular fever until tested (EBV most often; CMV and acute HIV "
                      "copy it): its neutropenia is common and passes within weeks. Send a "
                      "heterophile or EBV VCA IgM test, a film for reactive lymphocytes, and "
                      "an HIV test.", "ebell-mononucleosis-2016")

    # Beyond young childhood too: a mild or moderate fall found on its own, with nothing else
    # in the case to explain it, still deserves a differential and the advice to repeat the
    # count (a case with a count just under the limit ranked nothing at all).
    @Rule(OR(AND(Neutrophils(grade=MILD_OR_MODERATE), NOT(Patient(age_years=YOUNG_CHILD))),
             Neutrophils(grade="unknown"), AND(WhiteCount(status="low"), NOT(Neutrophils()))),
          *NOTHING_ELSE_IN_A_WELL_PATIENT)
    def a_mild_fall_in_one_line_in_a_well_patient(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A mild or moderate neutropenia, or a leukopenia, found on its own in a "
                      "well patient is most often a short-lived fall after a viral infection; a "
                      "repeat count in 3-4 weeks, compared with earlier counts, tells it from a "
                      "lasting one.", "ash-2012")

    # The febrile counterpart: a low count with a fever and nothing else yet known (no other
    # line, no site, no drug, no sign of sepsis) ranked nothing at all. Infection comes first:
    # a virus most often, whose fall passes within weeks, and a bacterial infection, the one
    # not to miss (a white count below 4,000/µL with a fever is half the old SIRS picture).
    # The first febrile week and a severe neutropenia have rules of their own.
    @Rule(Fever(present=True), NOT(Neutrophils(grade="severe")),
          NOT(Findings(acute_infection_onset_days=at_most(7))), *NOTHING_ELSE_BESIDE_A_FEVER)
    def a_low_count_with_a_fever_and_nothing_else_known(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A fever with a low count and nothing else known is an infection first, "
                      "most often a virus whose fall passes within weeks; a count that has not "
                      "recovered once the fever has gone wants another cause.", "seed-001")
        self.evidence("bacterial_sepsis", WEAK_FOR,
                      "A fever with a low white count may be a bacterial infection: look for its "
                      "source and take blood cultures before calling it viral.", "sirs-1992")

    # A severe isolated neutropenia found by chance in a well, afebrile patient with no drug
    # named and nothing else offered ranked nothing at all. The falls that follow a viral
    # infection (COVID-19, EBV, hepatitis and others) can be deep and last weeks to a few
    # months; that stays a possibility to be proved by recovery, never an assumption, and not
    # one to make once a recent viral illness is denied (nor one that makes asking about it
    # moot in the interview), nor once dated counts have been given (they tell for themselves:
    # a cycle, a fall on a drug, a count low for years).
    @Rule(Neutrophils(grade="severe"), NOT(Findings(recent_viral_illness="no")),
          NOT(CountHistory()), *NOTHING_ELSE_IN_A_WELL_PATIENT)
    def a_severe_neutropenia_found_on_its_own_in_a_well_patient(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A severe neutropenia found on its own in a well, afebrile patient, with no "
                      "drug named, can be the deep fall that follows a viral infection and "
                      "recovers over weeks; ask again about every drug and remedy, repeat the "
                      "count and the film weekly, and look further (marrow, immune and clonal "
                      "causes) if it does not recover.", "ash-2012")

    @Rule(Findings(recent_viral_illness="no"), CellLines(pattern=W()))
    def no_recent_viral_illness(self):
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST,
                      "Without a recent viral illness, transient viral suppression is less "
                      "likely.", "seed-001")

    @Rule(Findings(low_count_first_noted_weeks_ago=at_least(12)), CellLines(pattern=W()))
    def low_for_months(self):
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "Viral suppression passes within weeks; a count low for months is "
                      "something else.", "seed-001")
        self.evidence("early_infection_margination", RULES_OUT,
                      "Margination lasts hours, not months.", "seed-000")
        self.evidence("bacterial_sepsis", STRONG_AGAINST,
                      "Sepsis uses up neutrophils over hours to days; a count low for three "
                      "months or more was low before this infection, which it may have invited "
                      "but did not cause.", "seed-001")

    @Rule(Findings(serial_counts="persistently_low"), CellLines(pattern=W()))
    def low_at_every_count_for_weeks(self):
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST,
                      "Serial counts low for six weeks or more outlast most viral falls.",
                      "seed-001")
        self.evidence("early_infection_margination", RULES_OUT,
                      "Margination lasts hours, not weeks.", "seed-000")
        self.evidence("bacterial_sepsis", STRONG_AGAINST,
                      "Sepsis uses up neutrophils over hours to days; counts low at every check "
                      "for weeks were low before this infection, which they may have invited but "
                      "did not cause.", "seed-001")

    # ---- HIV --------------------------------------------------------------------------------

    @Rule(Findings(hiv_risk="known_positive"), CellLines(pattern=W()),
          *NO_OPPORTUNISTIC_INFECTION_PROVEN)
    def known_hiv_infection(self):
        self.evidence("hiv", DECISIVE_FOR,
                      "HIV infection, its opportunistic infections and its treatment all lower "
                      "the white count.", "seed-001")

    # Explaining away: the weight above stands for HIV and the infections it lets in; once one
    # of those infections is proven it is ranked under its own name, and HIV keeps only its
    # own share.
    @Rule(Findings(hiv_risk="known_positive"), CellLines(pattern=W()),
          OR(*OPPORTUNISTIC_INFECTION_PROVEN))
    def known_hiv_infection_beside_a_proven_opportunistic_infection(self):
        self.evidence("hiv", MODERATE_FOR, HIV_BESIDE_A_PROVEN_INFECTION, "seed-001")

    @Rule(Findings(hiv_risk="risk_factors"), CellLines(pattern=W()))
    def risk_factors_for_hiv(self):
        self.evidence("hiv", STRONG_FOR,
                      "With risk factors for HIV an unexplained low count calls for an HIV "
                      "test.", "seed-001")

    @Rule(Findings(hiv_risk="risk_factors"), Lymphocytes(status="lymphopenia"))
    def lymphopenia_with_hiv_risk(self):
        self.evidence("hiv", MODERATE_FOR,
                      "HIV destroys T lymphocytes, so a low lymphocyte count beside risk "
                      "factors adds weight.", "seed-000")

    @Rule(Findings(hiv_risk="tested_negative"))
    def hiv_test_negative(self):
        self.evidence("hiv", RULES_OUT, "A recent negative HIV test.", "seed-001")

    @Rule(Findings(hiv_risk="none"))
    def no_risk_factors_for_hiv(self):
        self.evidence("hiv", MODERATE_AGAINST,
                      "No risk factors for HIV; an untested patient can still carry it, so this "
                      "lowers it without excluding it.", "seed-001")

    # ---- sepsis -----------------------------------------------------------------------------

    @Rule(SepsisSigns(), NOT(SepsisSigns(sirs_only=True)), CellLines(pattern=W()))
    def low_count_with_signs_of_sepsis(self):
        self.evidence("bacterial_sepsis", VERY_STRONG_FOR,
                      "Overwhelming infection uses up neutrophils faster than the marrow can "
                      "replace them.", "seed-001")

    @Rule(Fever(present=True), Neutrophils(grade="severe"), NOT(SepsisSigns()),
          NOT(Medication(chemotherapy=True)), NOT(Findings(recent_chemotherapy="yes")))
    def fever_with_a_neutrophil_count_below_500(self):
        self.evidence("bacterial_sepsis", WEAK_FOR,
                      "Fever with fewer than 500 neutrophils/µL is a bacterial infection until "
                      "cultures say otherwise (bacteraemia is found in about one in five), and an "
                      "overwhelming infection can itself use up the neutrophils.",
                      "idsa-febrile-neutropenia")

    @Rule(SepsisSigns(sirs_only=True), CellLines(pattern=W()))
    def low_count_with_fever_and_a_fast_pulse_or_breathing(self):
        self.evidence("bacterial_sepsis", MODERATE_FOR,
                      "Fever with a fast pulse or breathing but no sign of organ dysfunction is "
                      "a systemic response that any infection, viral or bacterial, can bring: "
                      "tachycardia and fever each raise the odds of bacteraemia less than "
                      "twofold (LR under 2).", "coburn-bacteremia-2012")

    @Rule(OR(Findings(ehrlichia_anaplasma_test="positive"), Findings(malaria_test="positive"),
             Smear(malaria_parasites=True), Findings(dengue_test="positive"),
             Findings(rickettsia_test="positive"), Findings(typhoid_test="positive")),
          NOT(Findings(blood_culture=POSITIVE_CULTURE)), CellLines(pattern=W()))
    def a_named_febrile_infection_explains_the_sepsis_picture(self):
        self.evidence("bacterial_sepsis", MODERATE_AGAINST,
                      "A confirmed infection that lowers the count itself (ehrlichiosis, "
                      "malaria, dengue, a rickettsiosis, typhoid) explains the fever and the "
                      "sepsis signs; a second, pyogenic sepsis needs cultures of its own.",
                      "id-texts")

    # Explaining away: once the marrow or flow cytometry has named a disease that lowers the
    # count itself, an infection beside it is that disease's complication (to be treated at
    # once: the neutropenic-fever and sepsis cards still stand), not the cause of the low count.
    @Rule(OR(Findings(marrow_infiltrate=NAMES_A_MARROW_DISEASE),
             Findings(flow_cytometry=NAMES_A_CLONE), Findings(marrow_blasts_pct=at_least(20))),
          CellLines(pattern=W()))
    def a_marrow_or_flow_result_names_the_cause_behind_the_infection(self):
        self.evidence("bacterial_sepsis", MODERATE_AGAINST,
                      "The marrow or flow cytometry has named a disease that lowers the count "
                      "itself; an infection beside it is its complication (treat it now), not "
                      "the cause of the low count.", "hematology-texts")

    @Rule(Fever(present=True), Findings(acute_infection_onset_days=at_least(21)),
          CellLines(pattern=W()))
    def fever_for_three_weeks_or_more_with_a_low_count(self):
        self.evidence("bacterial_sepsis", MODERATE_AGAINST,
                      "Overwhelming sepsis is an illness of hours to days; a fever lasting "
                      "three weeks or more is a fever of unknown origin, whose marrow causes are "
                      "lymphoma, tuberculosis and the other granulomatous infections.",
                      "hot-fuo-marrow-2009")
        self.evidence("tuberculosis", MODERATE_FOR,
                      "Disseminated tuberculosis is a classic cause of weeks of fever with low "
                      "counts, found on marrow biopsy in granulomas.", "hot-fuo-marrow-2009")
        # weak, not moderate: the marrow was diagnostic in only about a quarter of that
        # series, and the fever alone does not say which of its causes is at work
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "Lymphoma is the commonest diagnosis a marrow biopsy makes in a fever of "
                      "three weeks or more with low counts, though the biopsy finds a cause in "
                      "only about a quarter.", "hot-fuo-marrow-2009")

    @Rule(Fever(present=True), CellLines(pattern=W()),
          OR(Smear(toxic_granulation=True), Labs(bands_pct=at_least(10))))
    def left_shift_with_fever(self):
        self.evidence("bacterial_sepsis", MODERATE_FOR,
                      "Band forms or toxic granulation with fever show a marrow straining "
                      "against bacterial infection.", "seed-001")

    @Rule(Findings(sepsis_signs="no"), NOT(SepsisSigns()), NOT(Fever(present=True)))
    def no_signs_of_sepsis(self):
        self.evidence("bacterial_sepsis", STRONG_AGAINST,
                      "Afebrile and without signs of sepsis.", "seed-003")

    # ---- travel and tropical infections ------------------------------------------------------

    @Rule(Findings(tropical_travel="yes"), Fever(present=True), CellLines(pattern=W()))
    def fever_after_tropical_travel(self):
        for cause in TROPICAL:
            self.evidence(cause, MODERATE_FOR,
                          "Fever with a low white count after time in the tropics raises "
                          "typhoid, malaria and dengue.", "seed-000")

    @Rule(Findings(tropical_travel="no"))
    def no_tropical_travel(self):
        for cause in TROPICAL:
            self.evidence(cause, STRONG_AGAINST,
                          "No time in an area where this infection is found.", "seed-000")

    @Rule(Fever(present=False))
    def afebrile_argues_against_a_febrile_tropical_infection(self):
        for cause in (*TROPICAL, "rickettsial_infection"):
            self.evidence(cause, MODERATE_AGAINST,
                          "Typhoid, malaria, dengue and rickettsial infections present with "
                          "fever; an afebrile patient is unlikely to have one.", "seed-000")

    @Rule(Fever(present=True), Findings(acute_infection_onset_days=TWO_WEEKS_OR_MORE),
          CellLines(pattern=W()))
    def fever_for_two_weeks_or_more_is_not_dengue(self):
        self.evidence("dengue", STRONG_AGAINST,
                      "Dengue's fever lasts two to seven days; a fever of two weeks or more is "
                      "another infection (typhoid, malaria, tuberculosis, leishmaniasis, "
                      "brucellosis) or a disease that is not an infection.", "who-dengue")

    @Rule(Findings(mosquito_borne_features="no"))
    def no_dengue_symptoms(self):
        self.evidence("dengue", MODERATE_AGAINST,
                      "Dengue without headache, severe aches or rash is unusual.", "seed-000")

    @Rule(Findings(enteric_features="no"))
    def no_enteric_symptoms(self):
        self.evidence("typhoid_fever", MODERATE_AGAINST,
                      "Typhoid without a climbing fever or abdominal symptoms is unusual.",
                      "seed-000")

    @Rule(Findings(tick_bite_or_eschar="no"))
    def no_tick_bite_or_eschar(self):
        self.evidence("rickettsial_infection", WEAK_AGAINST,
                      "No bite or eschar lowers the chance of a rickettsial infection, though "
                      "many patients never notice the bite.", "seed-000")

    # Disseminated (miliary) tuberculosis: fever and weight loss with a big liver or spleen
    # and falling counts (pancytopenia in a minority, and most often where the marrow is
    # involved) (Sharma 2005).
    @Rule(Findings(tb_features="yes"), Fever(present=True),
          OR(Findings(splenomegaly="yes"), Findings(hepatomegaly="yes")),
          CellLines(pattern=SEVERAL_LINES))
    def features_of_tuberculosis_with_fever_organs_and_several_low_lines(self):
        self.evidence("tuberculosis", MODERATE_FOR,
                      "Features of tuberculosis with fever, a big liver or spleen and two or "
                      "three low lines are the picture of disseminated tuberculosis, which "
                      "infiltrates the spleen, liver and marrow: a chest film, sputum or other "
                      "samples for mycobacteria, and a marrow trephine with culture.",
                      "sharma-miliary-tb-2005")

    # Where tuberculosis is common its features are likelier to be tuberculosis: incidence in
    # South and South-East Asia and sub-Saharan Africa is many times that of Europe or the
    # Americas (WHO 2023).
    @Rule(lives_in_or_has_been_in(*HIGH_TB_BURDEN), CellLines(pattern=W()),
          OR(Findings(tb_features="yes"),
             AND(Fever(present=True), Findings(acute_infection_onset_days=TWO_WEEKS_OR_MORE))))
    def features_of_tuberculosis_where_it_is_common(self):
        self.evidence("tuberculosis", MODERATE_FOR,
                      "In someone who lives in or comes from South or South-East Asia or "
                      "sub-Saharan Africa, where tuberculosis is many times commoner than in "
                      "Europe or the Americas, its features or a fever of two weeks or more "
                      "with low counts are likelier to be tuberculosis.", "who-tb-2023")

    @Rule(Findings(tb_features="no"))
    def no_features_of_tuberculosis(self):
        self.evidence("tuberculosis", MODERATE_AGAINST,
                      "No chronic cough, sweats, weight loss or exposure makes disseminated "
                      "tuberculosis unlikely.", "seed-001")

    @Rule(Findings(parasite_exposure="no"))
    def no_exposure_to_parasites(self):
        self.evidence("parasitic_infestation", STRONG_AGAINST,
                      "Never lived where visceral leishmaniasis or similar parasites are found.",
                      "seed-000")

    @Rule(Smear(malaria_parasites=True))
    def malaria_parasites_on_the_film(self):
        self.evidence("malaria", DECISIVE_FOR, "Parasites seen on the blood film.", "seed-000")

    @Rule(Findings(tropical_travel="yes"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"))
    def fever_and_low_platelets_after_travel(self):
        for cause in ("malaria", "dengue"):
            self.evidence(cause, MODERATE_FOR,
                          "Low platelets with fever after tropical travel are typical of "
                          "malaria and dengue.", "seed-000")

    @Rule(Findings(tropical_travel="yes", mosquito_borne_features="yes"))
    def dengue_symptoms(self):
        self.evidence("dengue", STRONG_FOR,
                      "Headache behind the eyes, severe aches and a flushing rash after travel "
                      "are dengue's pattern.", "seed-000")

    @Rule(Findings(tropical_travel="yes", enteric_features="yes"))
    def enteric_fever_symptoms(self):
        self.evidence("typhoid_fever", STRONG_FOR,
                      "A step-wise fever with abdominal symptoms after travel is enteric "
                      "fever's pattern, and typhoid keeps the white count low.", "seed-000")

    # Enteric fever climbs over days and has usually lasted a week or more by the time a count
    # is taken; dengue's fever is over in two to seven days (and a fever of two weeks argues
    # against dengue in full, above).
    @Rule(Fever(present=True), Findings(tropical_travel="yes"),
          Findings(acute_infection_onset_days=number(lambda days: 7 <= days < 14)),
          CellLines(pattern=W()))
    def fever_for_a_week_or_more_after_tropical_travel(self):
        self.evidence("typhoid_fever", MODERATE_FOR,
                      "A fever of a week or more with a low white count after the tropics is "
                      "the course of enteric fever, which climbs over days; blood cultures "
                      "find it best in the first week.", "who-typhoid")
        self.evidence("dengue", MODERATE_AGAINST,
                      "Dengue's fever lasts two to seven days; one of a week or more is less "
                      "likely to be dengue.", "who-dengue")

    @Rule(Findings(tick_bite_or_eschar="yes"), CellLines(pattern=W()))
    def tick_bite_or_eschar(self):
        self.evidence("rickettsial_infection", VERY_STRONG_FOR,
                      "A tick or mite bite or an eschar with a low count points to a "
                      "rickettsial infection.", "seed-000")

    @Rule(Findings(tb_features="yes"), CellLines(pattern=W()))
    def features_of_tuberculosis(self):
        self.evidence("tuberculosis", STRONG_FOR,
                      "Chronic cough, sweats and weight loss or exposure: disseminated TB can "
                      "infiltrate the marrow.", "seed-001")

    # What proves or doubts disseminated tuberculosis: M. tuberculosis found on any sample
    # (smear, culture, PCR) beside a low count; a miliary chest film, the blood-borne spread
    # that also seeds the marrow; a negative test counts for little, since sputum smears and
    # even Xpert are often negative in miliary disease and a marrow culture takes weeks
    # (Sharma 2005).
    @Rule(CellLines(pattern=W()),
          OR(Findings(tb_features="yes"), Findings(marrow_granulomas="yes"),
             Findings(tissue_granulomas=W()), Findings(miliary_chest_imaging="yes")))
    def ask_what_proves_tuberculosis(self):
        self.ask("mycobacterial_test", FOLLOW_UP + 2,
                 "Mycobacteria found on a smear, culture or PCR of any sample prove "
                 "tuberculosis; in miliary disease the marrow and liver find more than sputum.")
        self.ask("miliary_chest_imaging", FOLLOW_UP + 1,
                 "A miliary chest film is blood-borne tuberculosis, which seeds the marrow too.")
        self.ask("tissue_granulomas", FOLLOW_UP,
                 "Granulomas on a node, liver or lung biopsy: caseating ones point to "
                 "tuberculosis, non-caseating ones to sarcoidosis once infection is excluded.")

    @Rule(Findings(mycobacterial_test="positive"), CellLines(pattern=W()))
    def tuberculosis_found_on_a_sample(self):
        self.evidence("tuberculosis", VERY_STRONG_FOR,
                      "M. tuberculosis found on a smear, culture or PCR, with a low count: "
                      "disseminated tuberculosis lowers the counts by filling the marrow and "
                      "spleen; look for the marrow's granulomas and for an HLH beside it.",
                      "sharma-miliary-tb-2005")

    @Rule(Findings(mycobacterial_test="negative"), NOT(Findings(miliary_chest_imaging="yes")),
          CellLines(pattern=W()))
    def tuberculosis_not_found(self):
        self.evidence("tuberculosis", WEAK_AGAINST,
                      "A negative test for mycobacteria lowers the odds of tuberculosis only a "
                      "little: sputum is often negative in disseminated disease, and a marrow "
                      "culture takes weeks.", "sharma-miliary-tb-2005")

    @Rule(Findings(miliary_chest_imaging="yes"), CellLines(pattern=W()))
    def miliary_chest_film_with_a_low_count(self):
        self.evidence("tuberculosis", VERY_STRONG_FOR,
                      "A miliary chest film with low counts is blood-borne tuberculosis until "
                      "shown otherwise: the same spread seeds the marrow, liver and spleen.",
                      "sharma-miliary-tb-2005")
        self.evidence("disseminated_histoplasmosis", WEAK_FOR,
                      "Disseminated histoplasmosis can give the same miliary film.",
                      "wheat-histoplasmosis-2007")

    @Rule(Findings(parasite_exposure="yes", splenomegaly="yes"), CellLines(pattern=W()))
    def big_spleen_after_parasite_exposure(self):
        self.evidence("parasitic_infestation", VERY_STRONG_FOR,
                      "A big spleen and low counts in someone from an endemic area suggest "
                      "visceral leishmaniasis.", "seed-000")

    # The WHO suspected case of visceral leishmaniasis: fever for two weeks or more with a big
    # spleen in someone who lives in or has travelled to an endemic area.
    @Rule(Fever(present=True), Findings(splenomegaly="yes",
                                        acute_infection_onset_days=TWO_WEEKS_OR_MORE),
          lives_in_or_has_been_in(*LEISHMANIASIS_REGIONS),
          CellLines(pattern=SEVERAL_LINES), NOT(Findings(parasite_exposure=W())))
    def suspected_visceral_leishmaniasis(self):
        self.evidence("parasitic_infestation", VERY_STRONG_FOR,
                      "Fever for two weeks or more with a big spleen and several low lines in "
                      "someone from an area where visceral leishmaniasis is endemic is the WHO "
                      "suspected case: send rK39 serology or look for amastigotes in the "
                      "marrow.", "who-leishmaniasis")

    @Rule(Fever(present=True), Findings(splenomegaly="yes"),
          lives_in_or_has_been_in(*LEISHMANIASIS_REGIONS),
          NOT(Findings(acute_infection_onset_days=TWO_WEEKS_OR_MORE)),
          CellLines(pattern=SEVERAL_LINES), NOT(Findings(parasite_exposure=W())))
    def fever_and_a_big_spleen_from_where_leishmaniasis_is_endemic(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "Fever with a big spleen and several low lines in someone from an area "
                      "where visceral leishmaniasis is endemic raises it; it becomes the WHO "
                      "suspected case once the fever has lasted two weeks.", "who-leishmaniasis")
        self.ask("acute_infection_onset_days", FOLLOW_UP + 3,
                 "Fever for two weeks or more with a big spleen from an endemic area is a "
                 "suspected case of visceral leishmaniasis.")

    # Of the causes of a massive spleen (myelofibrosis, chronic myeloid and hairy cell
    # leukaemia, splenic lymphoma, thalassaemia, Gaucher disease, visceral leishmaniasis and
    # the hyperreactive splenomegaly of chronic malaria), the ones that come with a fever and
    # several low lines are the infections and lymphoma, kala-azar first among them (WHO:
    # irregular fever, weight loss, an enlarged spleen and liver, and anaemia). Where the
    # patient has been is not always told: the picture raises it then too, less than an
    # endemic region would.
    @Rule(Fever(present=True), Findings(massive_splenomegaly="yes"),
          CellLines(pattern=SEVERAL_LINES), NOT(Findings(parasite_exposure="no")),
          NOT(Findings(travel_region=_one_of(LEISHMANIASIS_REGIONS))),
          NOT(Findings(home_region=_one_of(LEISHMANIASIS_REGIONS))))
    def fever_a_massive_spleen_and_several_low_lines(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "Fever with a massive spleen and several low lines is the picture of "
                      "visceral leishmaniasis (kala-azar), which is caught around the "
                      "Mediterranean as well as in the tropics: ask where the patient has lived "
                      "or holidayed, and send rK39 serology or look for amastigotes in the "
                      "marrow.", "who-leishmaniasis")

    # Kala-azar's polyclonal B-cell activation: a raised globulin (with a reversed
    # albumin-to-globulin ratio) beside fever, a big spleen and low counts. Cirrhosis raises the
    # globulin too, but without the fever; myeloma's paraprotein seldom comes with a big spleen.
    @Rule(OR(Labs(globulin=above(3.5)), Labs(globulin=reported_as("high"))),
          Fever(present=True), Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES))
    def raised_globulin_with_fever_a_big_spleen_and_low_counts(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "A raised globulin with fever, a big spleen and several low lines is the "
                      "hypergammaglobulinaemia of visceral leishmaniasis: ask where the patient "
                      "has lived and send rK39 serology.", "id-texts")

    # The same hypergammaglobulinaemia where the spleen is not described: a prolonged fever
    # (two weeks or more, the WHO's threshold) with several low lines and a raised globulin in
    # someone who lives in or has been where kala-azar is caught. The incubation runs from
    # weeks to months and at times years, so a stay long ago still counts. Weighed only when
    # the spleen is not stated (with a big spleen the rule above weighs it; a spleen found
    # normal makes kala-azar unlikely in the immunocompetent).
    @Rule(Fever(present=True), Findings(acute_infection_onset_days=TWO_WEEKS_OR_MORE),
          CellLines(pattern=SEVERAL_LINES), lives_in_or_has_been_in(*LEISHMANIASIS_REGIONS),
          NOT(Findings(parasite_exposure="no")))
    def ask_for_the_globulin_in_a_prolonged_fever_after_an_endemic_area(self):
        self.ask("globulin", DETAIL,
                 "A raised globulin (polyclonal hypergammaglobulinaemia) with weeks of fever "
                 "and low counts after an endemic area points to visceral leishmaniasis.")

    @Rule(OR(Labs(globulin=above(3.5)), Labs(globulin=reported_as("high"))),
          Fever(present=True), Findings(acute_infection_onset_days=TWO_WEEKS_OR_MORE),
          CellLines(pattern=SEVERAL_LINES), lives_in_or_has_been_in(*LEISHMANIASIS_REGIONS),
          NOT(Findings(splenomegaly=W())), NOT(Findings(parasite_exposure="no")))
    def prolonged_fever_low_counts_and_a_raised_globulin_after_an_endemic_area(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "Two weeks or more of fever with several low lines and a raised globulin "
                      "in someone who lives in or has been where visceral leishmaniasis is "
                      "caught (even months or years before): examine the spleen, and send rK39 "
                      "serology or look for amastigotes in the marrow.", "who-leishmaniasis")

    @Rule(Findings(parasite_exposure="yes"), CellLines(pattern="pancytopenia"))
    def pancytopenia_after_parasite_exposure(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "Parasitic marrow and spleen involvement lowers all three cell lines.",
                      "seed-000")

    # ---- early infection: margination -----------------------------------------------------------

    @Rule(Findings(acute_infection_onset_days=at_most(1)), CellLines(pattern="isolated"),
          NOT(Neutrophils(grade="severe")), NOT(Findings(recent_chemotherapy="yes")),
          NOT(Findings(days_since_chemotherapy=at_most(28))))
    def count_drawn_in_the_first_day_of_an_infection(self):
        self.evidence("early_infection_margination", VERY_STRONG_FOR,
                      "In the first hours of an infection neutrophils leave the circulation "
                      "for the vessel walls and tissues, so an early count reads low.",
                      "seed-000")

    @Rule(Findings(acute_infection_onset_days=at_most(1)),
          OR(Findings(recent_chemotherapy="yes"), Findings(days_since_chemotherapy=at_most(28))))
    def infection_beginning_after_recent_chemotherapy(self):
        self.evidence("early_infection_margination", RULES_OUT,
                      "After recent chemotherapy a low count at the start of an infection is "
                      "marrow suppression; never assume it is only margination.", "seed-001")

    @Rule(Findings(acute_infection_onset_days=at_least(3)))
    def infection_older_than_two_days(self):
        self.evidence("early_infection_margination", STRONG_AGAINST,
                      "Margination explains a count drawn in the first day or so, not later.",
                      "seed-004")

    @Rule(Findings(acute_infection_onset_days=at_most(1)), Neutrophils(grade="severe"))
    def severe_neutropenia_early_in_an_infection(self):
        self.evidence("early_infection_margination", WEAK_FOR,
                      "Margination seldom pushes the count this low; treat it as real.",
                      "seed-003")

    # ---- the tests: when to ask for them ---------------------------------------------------------

    # Not after the status is given as tested negative or known positive (the answer is the
    # test), nor after "no risk" unless the lymphocytes are low, where a negative test is what
    # idiopathic CD4 lymphocytopenia needs and HIV must be excluded whatever the history
    @Rule(CellLines(pattern=W()), Lymphocytes(status="lymphopenia"),
          NOT(Findings(hiv_risk=P(lambda risk: risk in ("tested_negative", "known_positive")))))
    def ask_for_an_hiv_test_when_the_lymphocytes_are_low(self):
        self.ask("hiv_test", FOLLOW_UP + 5,
                 "A positive test makes HIV the cause; a negative fourth-generation test all "
                 "but excludes it.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(hiv_risk="risk_factors"), CellLines(pattern="pancytopenia")),
          NOT(Findings(hiv_risk=P(lambda risk: risk in ("tested_negative", "known_positive",
                                                         "none")))))
    def ask_for_an_hiv_test(self):
        self.ask("hiv_test", FOLLOW_UP + 5,
                 "A positive test makes HIV the cause; a negative fourth-generation test all "
                 "but excludes it.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(recent_viral_illness="yes"), Smear(atypical_lymphocytes=True)))
    def ask_for_the_viral_tests(self):
        self.ask("ebv_test", DETAIL + 8,
                 "Glandular fever (EBV) is the commonest virus behind a short-lived low count "
                 "with reactive lymphocytes.")
        self.ask("cmv_test", DETAIL + 7, "CMV gives the same picture as EBV.")
        self.ask("sick_contacts", DETAIL, "Others ill with the same points to a virus.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(cirrhosis="yes"), Findings(recent_hepatitis="yes"), Findings(jaundice="yes")))
    def ask_for_the_hepatitis_tests(self):
        self.ask("hepatitis_b_test", DETAIL + 9,
                 "Chronic hepatitis B or C leads to cirrhosis and a big spleen; a hepatitis "
                 "with negative tests can be followed by aplastic anaemia.")
        self.ask("hepatitis_c_test", DETAIL + 9,
                 "Hepatitis C lowers the counts through the spleen, the marrow and immune "
                 "destruction.")

    @Rule(Cytopenia(line="anemia"), Findings(recent_viral_illness="yes"),
          CellLines(pattern=W()))
    def ask_for_reticulocytes_after_a_viral_illness(self):
        self.ask("reticulocytes_pct", DETAIL + 6,
                 "A virus that stops red-cell production (parvovirus B19) leaves no "
                 "reticulocytes.")

    # a viral illness before an anaemia with other low lines, or jaundice beside it: a known
    # haemolytic anaemia (spherocytosis, sickle cell disease) makes it parvovirus B19's aplastic
    # crisis (viral_illness_before_a_deeper_anaemia_in_chronic_haemolysis), asked there
    @Rule(CellLines(pattern=W()), Cytopenia(line="anemia"),
          OR(Findings(recent_viral_illness="yes"), Findings(jaundice="yes")))
    def ask_about_a_haemolytic_anaemia_beside_an_anaemia_after_a_virus(self):
        self.ask("chronic_hemolytic_anemia", FOLLOW_UP + 1,
                 "In chronic haemolysis, parvovirus B19 causes an aplastic crisis.")

    @Rule(CellLines(pattern=W()), Cytopenia(line="anemia"),
          OR(Labs(reticulocytes_pct=LOW_RETICULOCYTES), Findings(rash="slapped_cheek"),
             Findings(chronic_hemolytic_anemia="yes")))
    def ask_for_a_parvovirus_test(self):
        self.ask("parvovirus_b19_test", FOLLOW_UP + 2,
                 "Parvovirus B19 stops red-cell production for a week or more and lowers the "
                 "white cells too.")
        self.ask("chronic_hemolytic_anemia", FOLLOW_UP + 1,
                 "In chronic haemolysis, parvovirus B19 causes an aplastic crisis.")

    # where the patient has been is weighed by when they came back (an infection with a short
    # incubation is not counted after a return long ago: lives_in_or_came_back_within), so a
    # region given asks when, whether or not the trip was called tropical
    @Rule(Findings(travel_region=W()), CellLines(pattern=W()))
    def ask_when_the_patient_came_back_from_where_they_have_been(self):
        self.ask("travel_weeks_ago", FOLLOW_UP + 5,
                 "Each infection has its incubation period: the haemorrhagic fevers and dengue "
                 "within two weeks of return, falciparum malaria mostly within a month.")

    @Rule(Findings(tropical_travel="yes"), CellLines(pattern=W()))
    def ask_where_and_when_the_travel_was_and_for_the_tropical_tests(self):
        self.ask("home_region", FOLLOW_UP + 8,
                 "Living where an infection is caught counts as much as a trip there: malaria "
                 "in Africa, dengue in South-East Asia and the Americas, typhoid in South Asia.")
        self.ask("travel_region", FOLLOW_UP + 7,
                 "Malaria dominates fever after Africa, dengue after South-East Asia and the "
                 "Americas, typhoid after South Asia.")
        self.ask("travel_weeks_ago", FOLLOW_UP + 5,
                 "Each infection has its incubation period: dengue within two weeks of return, "
                 "falciparum malaria mostly within a month.")
        self.ask("malaria_test", FOLLOW_UP + 6,
                 "Malaria must be excluded by films or a rapid test in anyone febrile after "
                 "the tropics.")
        self.ask("dengue_test", FOLLOW_UP + 1, "NS1 or IgM confirms dengue.")
        self.ask("typhoid_test", FOLLOW_UP, "Blood or marrow culture confirms typhoid.")

    @Rule(Findings(tick_bite_or_eschar="yes"))
    def ask_for_the_tick_borne_tests(self):
        self.ask("ehrlichia_anaplasma_test", FOLLOW_UP + 4,
                 "Ehrlichiosis and anaplasmosis lower the white cells and platelets after a "
                 "tick bite; PCR of blood confirms them.")
        self.ask("rickettsia_test", FOLLOW_UP + 3,
                 "Serology or PCR confirms a spotted fever or typhus.")
        self.ask("rash", FOLLOW_UP + 2,
                 "A spreading rash points to a spotted fever; ehrlichiosis seldom has one.")
        self.ask("alt", FOLLOW_UP + 1,
                 "Raised transaminases with low white cells and platelets after a tick bite "
                 "point to ehrlichiosis or anaplasmosis.")

    @Rule(Findings(parasite_exposure="yes"))
    def ask_for_a_leishmania_test(self):
        self.ask("leishmania_test", FOLLOW_UP + 3,
                 "rK39 serology confirms or excludes visceral leishmaniasis.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(travel_region="mediterranean_middle_east"),
             Findings(home_region="mediterranean_middle_east"), Findings(marrow_granulomas="yes"),
             AND(Fever(present=True), Findings(splenomegaly="yes"))))
    def ask_about_livestock_and_unpasteurised_milk(self):
        self.ask("livestock_or_raw_dairy", DETAIL + 4,
                 "Brucellosis comes from unpasteurised dairy and livestock.")

    @Rule(Findings(livestock_or_raw_dairy="yes"))
    def ask_for_a_brucella_test(self):
        self.ask("brucella_test", FOLLOW_UP + 3, "Culture or serology confirms brucellosis.")
        self.ask("home_region", FOLLOW_UP + 2,
                 "Brucellosis is endemic around the Mediterranean, in the Middle East, Central "
                 "Asia and Latin America.")
        self.ask("travel_region", FOLLOW_UP + 2,
                 "Brucellosis is endemic around the Mediterranean, in the Middle East, Central "
                 "Asia and Latin America.")

    # Where the patient lives or has been is weighed with any fever and low count (malaria,
    # typhoid and the haemorrhagic fevers of each region, leishmaniasis around the
    # Mediterranean, which is not the tropics), so it is asked with them, not only after
    # travel to the tropics
    @Rule(Fever(present=True), CellLines(pattern=W()))
    def ask_where_a_febrile_patient_lives_or_has_been(self):
        self.ask("home_region", FOLLOW_UP + 3,
                 "Malaria, typhoid, leishmaniasis, tuberculosis and the haemorrhagic fevers are "
                 "caught where they are endemic, by those who live there as by travellers.")

    # not once the patient is said not to have travelled (no travel or life in the tropics in
    # three months): where they live is still asked above
    @Rule(Fever(present=True), CellLines(pattern=W()), NOT(Findings(tropical_travel="no")))
    def ask_where_a_febrile_patient_has_been(self):
        self.ask("travel_region", FOLLOW_UP + 2,
                 "Malaria, typhoid, leishmaniasis and the haemorrhagic fevers each belong to "
                 "their regions.")

    @Rule(Fever(present=True), CellLines(pattern=W()))
    def ask_for_the_source_of_a_fever(self):
        self.ask("blood_culture", FOLLOW_UP + 10,
                 "Bacteria in the blood make sepsis the cause, or the consequence, of the low "
                 "count.")
        self.ask("infection_site", FOLLOW_UP + 9,
                 "A documented focus (lung, urine, skin, line) makes a bacterial infection "
                 "likely.")
        self.ask("central_line", DETAIL + 2, "A central line is a common source of bacteraemia.")

    # weighed with any fever and low count (fever_with_a_maculopapular_rash), so asked with
    # them, not only after the tropics or a viral illness
    @Rule(Fever(present=True), CellLines(pattern=W()))
    def ask_about_a_rash_with_fever(self):
        self.ask("rash", DETAIL + 6,
                 "A rash with fever points to dengue, a rickettsial infection or a virus.")

    @Rule(CellLines(pattern=W()), Medication(drug_class="immunosuppressant"))
    def ask_about_a_transplant(self):
        self.ask("transplant", FOLLOW_UP + 6,
                 "After a transplant CMV, the antiviral drugs and the anti-rejection drugs all "
                 "lower the count.")

    # A transplant (and the CMV, antiviral and anti-rejection drugs after it) is weighed with
    # any low count, but it is worth asking only where one could be behind it: a cancer or
    # chemotherapy (stem-cell transplants follow them), few lymphocytes, or a fever with
    # several low lines (CMV); never of a well patient with a mild isolated neutropenia
    @Rule(CellLines(pattern=W()),
          OR(AND(CellLines(pattern=SEVERAL_LINES), Fever(present=True)),
             Lymphocytes(status="lymphopenia"), Findings(known_cancer="yes"),
             Findings(recent_chemotherapy="yes"), Findings(past_cancer_treatment="yes")))
    def ask_about_a_transplant_where_one_could_be_behind_the_count(self):
        self.ask("transplant", DETAIL + 6,
                 "After a transplant CMV, the antiviral drugs and the anti-rejection drugs all "
                 "lower the count.")

    # fever with a tick bite in someone without a spleen is babesiosis's setting
    @Rule(Findings(tick_bite_or_eschar="yes"), Fever(present=True))
    def ask_a_febrile_patient_after_a_tick_bite_about_the_spleen(self):
        self.ask("splenectomy", FOLLOW_UP + 2,
                 "Babesiosis is severe and common after a tick bite in someone without a "
                 "spleen.")
        self.ask("jaundice", FOLLOW_UP + 1,
                 "Jaundice or dark urine with fever after a tick bite is the haemolysis of "
                 "babesiosis.")

    # An antibacterial drug on the list is given for an infection: the infection itself (its
    # sepsis) lowers the counts beside the drug, and where it is says how grave it is; asked
    # without a fever too (the fever has its own question of the site), so that the sepsis
    # signs of a documented infection are asked after it
    @Rule(Medication(drug_class=P(lambda c: c in ANTIBACTERIAL_CLASSES)),
          CellLines(pattern=W()), NOT(Fever(present=True)))
    def ask_for_the_infection_an_antibiotic_is_given_for(self):
        self.ask("infection_site", FOLLOW_UP + 1,
                 "An antibiotic is given for an infection, which can lower the counts itself "
                 "(sepsis) beside the drug.")

    # a documented infection without fever (the neutropenic may mount none) is sepsis's
    # setting too, and its signs weigh for it
    @Rule(Findings(infection_site=DOCUMENTED_SITE), CellLines(pattern=W()),
          NOT(Fever(present=True)))
    def ask_about_sepsis_beside_a_documented_infection(self):
        self.ask("sepsis_signs", FOLLOW_UP + 15,
                 "Signs of sepsis beside an infection make it an emergency, with or without "
                 "a fever.")

    @Rule(Findings(transplant=TRANSPLANTED))
    def ask_about_cmv_after_a_transplant(self):
        self.ask("transplant_months_ago", FOLLOW_UP + 5,
                 "CMV strikes most often 1-6 months after a transplant, or once prophylaxis "
                 "stops.")
        self.ask("cmv_test", FOLLOW_UP + 8,
                 "A CMV PCR in blood confirms or excludes CMV infection after a transplant.")

    # ---- HIV and the common viruses: test results ---------------------------------------------

    @Rule(Findings(hiv_test="positive"), NOT(Findings(hiv_risk="known_positive")),
          OR(CellLines(pattern=W()), Lymphocytes(status="lymphopenia")),
          *NO_OPPORTUNISTIC_INFECTION_PROVEN)
    def hiv_test_positive(self):
        self.evidence("hiv", DECISIVE_FOR,
                      "A confirmed positive HIV test: HIV and its treatment explain low counts.",
                      "seed-001")

    @Rule(Findings(hiv_test="positive"), NOT(Findings(hiv_risk="known_positive")),
          CellLines(pattern=W()), OR(*OPPORTUNISTIC_INFECTION_PROVEN))
    def hiv_test_positive_beside_a_proven_opportunistic_infection(self):
        self.evidence("hiv", MODERATE_FOR, HIV_BESIDE_A_PROVEN_INFECTION, "seed-001")

    # HIV makes these infections many times commoner than in the population their priors
    # describe, so in a person with HIV a proven one starts from far higher odds.
    @Rule(OR(Findings(hiv_risk="known_positive"), Findings(hiv_test="positive")),
          OR(Findings(marrow_infiltrate="leishmania"), Findings(leishmania_test="positive")),
          CellLines(pattern=W()))
    def visceral_leishmaniasis_proven_in_hiv(self):
        self.evidence("parasitic_infestation", STRONG_FOR,
                      "HIV raises the risk of visceral leishmaniasis a hundred to two thousand "
                      "fold, and in HIV the parasite fills the marrow and spleen: proven here, "
                      "it is the cause of the falling counts.", "who-leishmaniasis")

    @Rule(OR(Findings(hiv_risk="known_positive"), Findings(hiv_test="positive")),
          Findings(histoplasma_test="positive"), CellLines(pattern=W()))
    def histoplasmosis_proven_in_hiv(self):
        self.evidence("disseminated_histoplasmosis", STRONG_FOR,
                      "Disseminated histoplasmosis is an AIDS-defining infection that fills the "
                      "marrow when CD4 cells are few: proven in a person with HIV, it is the "
                      "cause of the low counts.", "wheat-histoplasmosis-2007")

    # Not only in HIV: B19 persists wherever the antibody response is held down, in patients on
    # chemotherapy (children treated for acute lymphoblastic leukaemia above all), transplant
    # recipients and those on drugs that suppress the lymphocytes (Young & Brown 2004). The
    # persistent infection keeps the counts down after the drug's own nadir should have passed,
    # and looks like the disease or the treatment failing until B19 is tested for.
    @Rule(OR(Findings(hiv_risk="known_positive"), Findings(hiv_test="positive"),
             Medication(chemotherapy=True, stopped=False), Findings(recent_chemotherapy="yes"),
             Findings(transplant=TRANSPLANTED),
             Medication(drug_class=CELL_IMMUNITY_DRUGS, stopped=False)),
          Findings(parvovirus_b19_test="positive"), CellLines(pattern=W()))
    def parvovirus_b19_proven_in_the_immunocompromised(self):
        self.evidence("parvovirus_b19_infection", STRONG_FOR,
                      "Without the antibodies to clear it, parvovirus B19 persists in the marrow "
                      "of a person with HIV, on chemotherapy or other immunosuppression, or after "
                      "a transplant, and keeps the counts down (a chronic red-cell aplasia, at "
                      "times with neutropenia and low platelets) until immunoglobulin (or "
                      "restored immunity) clears it: proven here, it is a cause of these low "
                      "counts in its own right, not only the treatment.", "young-parvovirus-2004")

    @Rule(Findings(hiv_test="negative"), NOT(Findings(hiv_risk="tested_negative")))
    def hiv_test_result_negative(self):
        self.evidence("hiv", RULES_OUT,
                      "A negative fourth-generation HIV test (sensitivity over 99% once 6 weeks "
                      "have passed since exposure) excludes HIV; repeat it or test HIV RNA if "
                      "exposure was more recent.", "id-texts")

    @Rule(Findings(ebv_test="positive"), CellLines(pattern=W()))
    def ebv_infection_confirmed(self):
        self.evidence("viral_marrow_suppression", STRONG_FOR,
                      "A current EBV infection commonly lowers the neutrophils for a few weeks.",
                      "seed-001")

    @Rule(Findings(ebv_test="negative"), Findings(cmv_test="negative"))
    def ebv_and_cmv_tests_negative(self):
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST,
                      "Neither EBV nor CMV, the two viruses most often behind a transient low "
                      "count with reactive lymphocytes.", "seed-001")

    # One current viral infection is the evidence, not one for each positive test: beside a
    # positive EBV test a positive CMV test (often cross-reacting IgM in mononucleosis) names
    # the same passing suppression again and is not counted a second time.
    @Rule(Findings(cmv_test="positive"), CellLines(pattern=W()),
          NOT(Findings(transplant=TRANSPLANTED)), NOT(Findings(ebv_test="positive")))
    def cmv_infection_confirmed(self):
        self.evidence("viral_marrow_suppression", STRONG_FOR,
                      "A current CMV infection lowers the white count transiently.", "seed-001")

    @Rule(Findings(hepatitis_b_test="positive"), CellLines(pattern=W()))
    def hepatitis_b_positive(self):
        self.evidence("hypersplenism", WEAK_FOR,
                      "Chronic hepatitis B leads to cirrhosis and portal hypertension.",
                      "seed-000")
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "Active hepatitis B can suppress the marrow.", "seed-001")

    @Rule(Findings(hepatitis_c_test="positive"), CellLines(pattern=W()))
    def hepatitis_c_positive(self):
        self.evidence("hypersplenism", WEAK_FOR,
                      "Chronic hepatitis C leads to cirrhosis and portal hypertension.",
                      "seed-000")
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "Hepatitis C lowers neutrophils and platelets through the marrow and "
                      "immune destruction.", "seed-001")

    @Rule(Findings(recent_hepatitis="yes", hepatitis_b_test="negative",
                   hepatitis_c_test="negative"), CellLines(pattern=W()))
    def seronegative_hepatitis_before_the_low_count(self):
        self.evidence("aplastic_anemia", MODERATE_FOR,
                      "Hepatitis-associated aplastic anaemia follows a hepatitis that tests "
                      "negative for the known viruses, by weeks to months.", "hematology-texts")

    # ---- parvovirus B19 --------------------------------------------------------------------------

    @Rule(Findings(parvovirus_b19_test="positive"), CellLines(pattern=W()))
    def parvovirus_b19_confirmed(self):
        self.evidence("parvovirus_b19_infection", VERY_STRONG_FOR,
                      "B19 IgM or a high viral load in blood or marrow with low counts.",
                      "young-parvovirus-2004")
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST, B19_NAMED_THE_VIRUS,
                      "young-parvovirus-2004")

    @Rule(Findings(parvovirus_b19_test="negative"))
    def parvovirus_b19_test_negative(self):
        self.evidence("parvovirus_b19_infection", STRONG_AGAINST,
                      "No B19 IgM or DNA (in the immunosuppressed, only a PCR can exclude it).",
                      "young-parvovirus-2004")

    @Rule(Cytopenia(line="anemia"), Findings(chronic_hemolytic_anemia="yes"),
          OR(Labs(reticulocytes_pct=LOW_RETICULOCYTES),
             Labs(reticulocytes=FEW_RETICULOCYTES_COUNTED)))
    def aplastic_crisis_in_chronic_haemolysis(self):
        self.evidence("parvovirus_b19_infection", VERY_STRONG_FOR,
                      "Reticulocytes vanishing in a patient with chronic haemolysis is the "
                      "transient aplastic crisis of parvovirus B19.", "young-parvovirus-2004")
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST, B19_NAMED_THE_VIRUS,
                      "young-parvovirus-2004")

    # Without a reticulocyte count, a fall in haemoglobin in a patient whose marrow must run
    # fast to keep up with haemolysis is still an aplastic crisis until shown otherwise.
    @Rule(Cytopenia(line="anemia"), Findings(chronic_hemolytic_anemia="yes"),
          NOT(Labs(reticulocytes_pct=W())), NOT(Labs(reticulocytes=W())), CellLines(pattern=W()))
    def low_counts_in_chronic_haemolysis_without_a_reticulocyte_count(self):
        self.evidence("parvovirus_b19_infection", MODERATE_FOR,
                      "Low counts in a patient with chronic haemolysis raise the transient "
                      "aplastic crisis of parvovirus B19; a reticulocyte count near zero "
                      "confirms it.", "young-parvovirus-2004")

    # The transient aplastic crisis is the classic B19 presentation of a chronic haemolytic
    # anaemia (hereditary spherocytosis, sickle cell disease, thalassaemia): a febrile or viral
    # illness, then a sudden deeper anaemia (at times with low neutrophils and platelets) as
    # B19 stops red-cell production for a week or two; nearly every aplastic crisis in these
    # patients is B19's (Young & Brown, NEJM 2004). The viral illness is then B19's, not
    # another virus's passing suppression of the white cells.
    @Rule(Cytopenia(line="anemia"), Findings(chronic_hemolytic_anemia="yes",
                                              recent_viral_illness="yes"),
          CellLines(pattern=W()), NOT(Labs(reticulocytes_pct=NO_RETICULOCYTE_FAILURE)))
    def viral_illness_before_a_deeper_anaemia_in_chronic_haemolysis(self):
        self.evidence("parvovirus_b19_infection", STRONG_FOR,
                      "A viral illness followed by a deeper anaemia in a patient with chronic "
                      "haemolysis is the transient aplastic crisis of parvovirus B19 until a "
                      "reticulocyte count and B19 IgM or PCR say otherwise.",
                      "young-parvovirus-2004")
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "The viral illness before an aplastic crisis in chronic haemolysis is "
                      "parvovirus B19's, not another virus's passing suppression.",
                      "young-parvovirus-2004")

    @Rule(Cytopenia(line="anemia"), Labs(reticulocytes_pct=LOW_RETICULOCYTES),
          OR(Findings(transplant=TRANSPLANTED), Findings(hiv_risk="known_positive"),
             Findings(hiv_test="positive")))
    def red_cell_failure_in_the_immunosuppressed(self):
        self.evidence("parvovirus_b19_infection", MODERATE_FOR,
                      "Without antibodies to clear it, B19 persists and causes a chronic "
                      "red-cell aplasia.", "young-parvovirus-2004")

    @Rule(Findings(recent_viral_illness="yes"), Cytopenia(line="anemia"),
          Labs(reticulocytes_pct=LOW_RETICULOCYTES))
    def viral_illness_that_stopped_red_cell_production(self):
        self.evidence("parvovirus_b19_infection", MODERATE_FOR,
                      "A viral illness followed by anaemia without reticulocytes is parvovirus "
                      "B19 until shown otherwise.", "young-parvovirus-2004")

    # B19 is the virus of acute viral arthropathy: joint pains with or after a viral illness
    # (small joints, symmetrical; in half of infected adults, fewer children), the rash often
    # faint or gone by then; it lowers the neutrophils as well as the reticulocytes.
    @Rule(Findings(recent_viral_illness="yes", joint_symptoms="yes"), CellLines(pattern=W()))
    def joint_pains_with_a_viral_illness_and_a_low_count(self):
        self.evidence("parvovirus_b19_infection", MODERATE_FOR,
                      "Joint pains with or after a viral illness are the arthropathy of "
                      "parvovirus B19, which also lowers the neutrophils for a while: send B19 "
                      "IgM.", "young-parvovirus-2004")

    @Rule(Findings(rash="slapped_cheek"), CellLines(pattern=W()))
    def slapped_cheek_rash(self):
        self.evidence("parvovirus_b19_infection", STRONG_FOR,
                      "A slapped-cheek rash is erythema infectiosum, the rash of B19.",
                      "young-parvovirus-2004")

    @Rule(Labs(reticulocytes_pct=NO_RETICULOCYTE_FAILURE), Cytopenia(line="anemia"))
    def reticulocytes_preserved(self):
        self.evidence("parvovirus_b19_infection", STRONG_AGAINST,
                      "B19 halts red-cell production: reticulocytes of 2% or more argue against "
                      "it.", "young-parvovirus-2004")

    # ---- malaria, dengue, typhoid and the geography of fever ---------------------------------

    @Rule(Findings(malaria_test="positive"), NOT(Smear(malaria_parasites=True)))
    def malaria_test_positive(self):
        self.evidence("malaria", DECISIVE_FOR,
                      "Parasites on the film or a positive rapid antigen test.", "seed-000")

    @Rule(Findings(malaria_test="negative"), NOT(Smear(malaria_parasites=True)))
    def malaria_test_negative(self):
        self.evidence("malaria", STRONG_AGAINST,
                      "A negative film or rapid test (about 95% sensitive for falciparum, LR- "
                      "about 0.05); three negative films 12-24 hours apart exclude it.",
                      "id-texts")

    @Rule(Findings(dengue_test="positive"), CellLines(pattern=W()))
    def dengue_test_positive(self):
        self.evidence("dengue", VERY_STRONG_FOR,
                      "NS1 antigen, PCR or IgM confirms dengue (NS1: sensitivity about 75%, "
                      "specificity 98%, LR+ over 30).", "id-texts")

    @Rule(Findings(dengue_test="negative"))
    def dengue_test_negative(self):
        self.evidence("dengue", MODERATE_AGAINST,
                      "A negative NS1 or IgM lowers the odds of dengue (LR- about 0.25), but "
                      "early IgM and late NS1 miss many cases.", "id-texts")

    @Rule(Findings(typhoid_test="positive"))
    def typhoid_culture_positive(self):
        self.evidence("typhoid_fever", DECISIVE_FOR,
                      "Salmonella Typhi or Paratyphi grown from blood or marrow.", "seed-000")

    @Rule(Findings(typhoid_test="negative"))
    def typhoid_culture_negative(self):
        self.evidence("typhoid_fever", MODERATE_AGAINST,
                      "Blood cultures find 40-80% of typhoid (LR- about 0.4, less after "
                      "antibiotics); only a negative marrow culture argues strongly.", "id-texts")

    @Rule(lives_in_or_has_been_in("sub_saharan_africa"), Fever(present=True),
          CellLines(pattern=W()))
    def fever_after_sub_saharan_africa(self):
        self.evidence("malaria", MODERATE_FOR,
                      "Malaria is the leading cause of fever in travellers from sub-Saharan "
                      "Africa (GeoSentinel).", "freedman-geosentinel-2006")

    # In febrile travellers back from a malarious region, a big spleen is among the best
    # bedside clues to malaria (summary LR about 6.5 in imported malaria, Taylor 2010); a
    # big spleen with fever there is malaria's before it is hypersplenism's.
    @Rule(lives_in_or_has_been_in(*MALARIA_REGIONS), Fever(present=True),
          Findings(splenomegaly="yes"), CellLines(pattern=W()))
    def fever_and_a_big_spleen_from_a_malarious_region(self):
        self.evidence("malaria", MODERATE_FOR,
                      "Fever with a big spleen in someone who lives in or has been to a "
                      "malarious region: the spleen is one of the few bedside signs that make "
                      "malaria clearly likelier. Send thick and thin films today.",
                      "taylor-malaria-2010")

    @Rule(lives_in_or_has_been_in("southeast_asia", "latin_america_caribbean"),
          Fever(present=True), CellLines(pattern=W()))
    def fever_after_south_east_asia_or_the_americas(self):
        self.evidence("dengue", MODERATE_FOR,
                      "Dengue is the commonest cause of fever in travellers from South-East Asia, "
                      "Latin America and the Caribbean (GeoSentinel).", "freedman-geosentinel-2006")

    @Rule(lives_in_or_has_been_in("south_asia"), Fever(present=True),
          CellLines(pattern=W()))
    def fever_after_south_asia(self):
        self.evidence("typhoid_fever", MODERATE_FOR,
                      "Enteric fever is most often caught in South Asia (GeoSentinel).",
                      "freedman-geosentinel-2006")

    @Rule(lives_in_or_has_been_in("mediterranean_middle_east"), CellLines(pattern=W()))
    def low_count_after_the_mediterranean_or_middle_east(self):
        self.evidence("brucellosis", MODERATE_FOR,
                      "Brucellosis is endemic around the Mediterranean and in the Middle East, "
                      "for those who live there as for visitors.", "franco-brucellosis-2007")

    # only where the Mediterranean is the one place: a home there and a trip to Africa (or
    # the reverse) leaves malaria in play
    @Rule(lives_in_or_has_been_in("mediterranean_middle_east"), CellLines(pattern=W()),
          NOT(Findings(travel_region=_one_of(TROPICAL_REGIONS))),
          NOT(Findings(home_region=_one_of(TROPICAL_REGIONS))))
    def malaria_is_not_caught_around_the_mediterranean(self):
        self.evidence("malaria", STRONG_AGAINST,
                      "Malaria is not transmitted around the Mediterranean.",
                      "freedman-geosentinel-2006")

    # ---- viral haemorrhagic fever: isolate first, then test ------------------------------------

    @Rule(lives_in_or_came_back_within(3, "sub_saharan_africa"), Fever(present=True))
    def ask_about_bleeding_after_sub_saharan_africa(self):
        self.ask("bleeding_signs", FOLLOW_UP + 12,
                 "Fever with bleeding within 21 days of sub-Saharan Africa is a viral "
                 "haemorrhagic fever until assessed: the patient is isolated before more blood "
                 "is taken.")

    @Rule(lives_in_or_came_back_within_known(3, "sub_saharan_africa"),
          Findings(bleeding_signs="yes"), Fever(present=True), CellLines(pattern=W()))
    def fever_and_bleeding_within_three_weeks_of_sub_saharan_africa(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_FOR,
                      "Fever with bleeding and a low white count within 21 days (the longest "
                      "incubation) of sub-Saharan Africa: Ebola, Marburg or Lassa fever must be "
                      "considered and the patient isolated, although malaria remains far "
                      "commoner.", "ukhsa-vhf-2015")

    @Rule(lives_in_or_came_back_within_known(3, "sub_saharan_africa"),
          Fever(present=True), Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()))
    def fever_with_low_white_cells_and_platelets_within_three_weeks_of_sub_saharan_africa(self):
        self.evidence("viral_haemorrhagic_fever", MODERATE_FOR,
                      "Leukopenia and falling platelets are the early blood picture of Ebola "
                      "and Lassa fever, as of malaria and dengue.", "ukhsa-vhf-2015")

    # The haemorrhagic fevers a tick passes on: Crimean-Congo haemorrhagic fever (the Balkans,
    # Turkey, the Middle East, Central and South Asia, Africa) and SFTS (East Asia). Fever with
    # bleeding and falling platelets after a tick bite is one of them until assessed, and the
    # patient is isolated before more blood is taken; the spotted fevers and ehrlichiosis bleed
    # only late and seldom.
    @Rule(Findings(tick_bite_or_eschar="yes", bleeding_signs="yes"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()))
    def fever_bleeding_and_low_platelets_after_a_tick_bite(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_FOR,
                      "Fever with bleeding, a low white count and falling platelets after a "
                      "tick bite is Crimean-Congo haemorrhagic fever (or SFTS in East Asia) "
                      "until assessed: isolate the patient, then test.", "ukhsa-vhf-2015")

    # Fever with a low white count and falling platelets in someone who lives in, or came back
    # within three weeks from, an area where a tick-borne haemorrhagic fever circulates is
    # that fever until tested (CCHF: leukopenia and thrombocytopenia in most, from the first
    # days; SFTS is named for them), the more so after a tick bite or work with livestock.
    # The cause's prior (very rare) is the world's; where the virus circulates it is one of
    # the commonest causes of an acute fever with low white cells and platelets (Turkey alone
    # reported about a thousand CCHF cases a year, Ergonul 2006; in Yu's 2011 series the
    # virus was found in most of those with fever and thrombocytopenia in rural Henan and
    # Hubei), so being there weighs as much as raises the prior to that of the marrow causes
    # any pancytopenia brings up, and the picture itself, found in nearly every patient
    # (Sun 2016: every patient with fever, leukopenia and thrombocytopenia in an endemic
    # area is suspected of SFTS), a little more. These fevers are over within two to three
    # weeks (Ergonul 2006): one that has lasted longer is not counted.
    @Rule(lives_in_or_came_back_within(3, *CCHF_REGIONS), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          NOT(Findings(acute_infection_onset_days=at_least(21))))
    def fever_low_white_cells_and_platelets_where_crimean_congo_fever_is_caught(self):
        self.evidence("viral_haemorrhagic_fever", VERY_STRONG_FOR,
                      "Fever with low white cells and platelets in the Balkans, Turkey, the "
                      "Middle East or Central Asia: Crimean-Congo haemorrhagic fever is caught "
                      "there from ticks and livestock; ask about a tick bite, isolate and test "
                      "(PCR) before more blood is handled.", "ergonul-cchf-2006")

    # SFTS is a disease of older farmers and hill-dwellers (Yu 2011: most patients over 50;
    # in Japan and Korea a median age near 70): from 50 (or at an age not given) the picture
    # is SFTS until tested; in a younger adult, who is seldom its patient, it raises SFTS
    # among the commoner causes of the same picture; children are seldom infected and seldom
    # ill, so in a child it is not read as SFTS (a bleeding child's haemorrhagic-fever rule
    # still weighs it, and a tick bite does).
    @Rule(lives_in_or_came_back_within(3, "east_asia"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          NOT(Findings(acute_infection_onset_days=at_least(21))),
          NOT(Patient(age_years=number(lambda age: age < 50))))
    def fever_low_white_cells_and_platelets_in_east_asia(self):
        self.evidence("viral_haemorrhagic_fever", VERY_STRONG_FOR,
                      "Fever with low white cells and platelets in rural China, Korea or Japan is "
                      "severe fever with thrombocytopenia syndrome (SFTS) until tested: a "
                      "tick-borne bunyavirus that also spreads through blood and from sick cats "
                      "and dogs.", "sun-sfts-2016")

    @Rule(lives_in_or_came_back_within(3, "east_asia"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          NOT(Findings(acute_infection_onset_days=at_least(21))),
          Patient(age_years=number(lambda age: 18 <= age < 50)))
    def fever_low_white_cells_and_platelets_in_east_asia_before_fifty(self):
        self.evidence("viral_haemorrhagic_fever", MODERATE_FOR,
                      "Fever with low white cells and platelets in China, Korea or Japan raises "
                      "SFTS, a tick-borne bunyavirus, though most of its patients are over 50: "
                      "ask about ticks, fields and sick pets, and test.", "yu-sfts-2011")

    # The suspected-case definition where CCHF is endemic (Ergonul 2006) and the clinical
    # picture of SFTS (Yu 2011): fever with thrombocytopenia and a tick bite, or with raised
    # AST, ALT or LDH (found in most patients from the first days), in someone who lives in
    # or came back within 21 days from the region. Each completes the picture beyond the
    # place alone; a bite and the enzymes are counted once between them.
    @Rule(lives_in_or_came_back_within(3, *TICK_HAEMORRHAGIC_FEVER_REGIONS),
          Fever(present=True), Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          OR(Findings(tick_bite_or_eschar="yes"), Labs(ast=RAISED_ALT), Labs(alt=RAISED_ALT),
             Labs(ldh=above(250))))
    def fever_low_platelets_and_a_bite_or_raised_enzymes_where_a_tick_borne_fever_is_caught(
            self):
        self.evidence("viral_haemorrhagic_fever", MODERATE_FOR,
                      "Fever, low platelets and a tick bite or raised AST, ALT or LDH in "
                      "someone who lives in or came back within 21 days from where CCHF or "
                      "SFTS circulates meets the suspected-case definition: isolate, then "
                      "test by PCR.", "ergonul-cchf-2006")

    @Rule(lives_in_or_came_back_within(3, *TICK_HAEMORRHAGIC_FEVER_REGIONS),
          Findings(tick_bite_or_eschar="yes"), Fever(present=True), CellLines(pattern=W()))
    def tick_bite_where_a_tick_borne_haemorrhagic_fever_is_caught(self):
        self.evidence("viral_haemorrhagic_fever", MODERATE_FOR,
                      "A tick bite where Crimean-Congo haemorrhagic fever or SFTS is caught, "
                      "then fever with a low count: the tick-borne haemorrhagic fever of that "
                      "area is tested for first.", "ukhsa-vhf-2015")

    # In North America the tick-borne causes of fever with a low white count and platelets are
    # ehrlichiosis and anaplasmosis (and Rocky Mountain spotted fever); fewer than two in three
    # patients recall a tick bite, so the place, in season, counts without one.
    # The same risk assessment for the regions of the tick-borne haemorrhagic fevers: fever with
    # bleeding and falling platelets in someone who lives there, or came back within 21 days,
    # is CCHF (or SFTS in East Asia) until assessed, tick bite remembered or not.
    @Rule(lives_in_or_came_back_within(3, *TICK_HAEMORRHAGIC_FEVER_REGIONS),
          Findings(bleeding_signs="yes"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          NOT(Findings(tick_bite_or_eschar="yes")))
    def fever_bleeding_and_low_platelets_where_a_tick_borne_haemorrhagic_fever_is_caught(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_FOR,
                      "Fever with bleeding, a low white count and falling platelets in someone "
                      "who lives in or came back within 21 days from the Balkans, Turkey, the "
                      "Middle East, Central Asia or East Asia is Crimean-Congo haemorrhagic "
                      "fever (or SFTS) until assessed, a tick bite remembered or not: isolate, "
                      "then test.", "ukhsa-vhf-2015")

    # Those who catch CCHF and SFTS are mostly farmers and others who work in fields, hills and
    # with livestock (Yu 2011: most SFTS patients were farmers from wooded, hilly areas), and
    # many recall no tick bite.
    @Rule(lives_in_or_came_back_within(3, *TICK_HAEMORRHAGIC_FEVER_REGIONS),
          OR(Findings(outdoor_exposure="yes"), Findings(livestock_or_raw_dairy="yes")),
          NOT(Findings(tick_bite_or_eschar="yes")), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()))
    def fever_and_low_counts_after_field_or_livestock_work_where_a_tick_borne_fever_is_caught(
            self):
        self.evidence("viral_haemorrhagic_fever", MODERATE_FOR,
                      "Farm, field or livestock work where CCHF or SFTS is caught, then fever "
                      "with low white cells and platelets: the tick that passed it on often "
                      "goes unnoticed.", "yu-sfts-2011")

    @Rule(lives_in_or_has_been_in("north_america"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()))
    def fever_low_white_cells_and_platelets_in_north_america(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_FOR,
                      "Fever with low white cells and platelets in North America: ehrlichiosis "
                      "and anaplasmosis come from ticks there, most patients recall no bite, "
                      "and doxycycline is started on suspicion.", "biggs-tickborne-2016")
        self.evidence("rickettsial_infection", WEAK_FOR,
                      "Rocky Mountain spotted fever, also caught in North America, lowers the "
                      "platelets and at times the white cells.", "biggs-tickborne-2016")

    # Explaining away, as for the sepsis picture above: where a tick-borne haemorrhagic fever
    # is caught, the fever with low white cells and platelets weighed for it is explained once
    # another infection that lowers them is proven (Brucella grown, a rickettsiosis,
    # ehrlichiosis, typhoid, dengue or kala-azar confirmed); co-infection is reported but rare.
    # Not for sub-Saharan Africa, where a positive malaria film does not exclude a viral
    # haemorrhagic fever (UKHSA): those rules are left as they are.
    @Rule(lives_in_or_came_back_within(3, *TICK_HAEMORRHAGIC_FEVER_REGIONS),
          OR(Findings(brucella_test="positive"), Findings(rickettsia_test="positive"),
             Findings(ehrlichia_anaplasma_test="positive"), Findings(typhoid_test="positive"),
             Findings(dengue_test="positive"), Findings(leishmania_test="positive"),
             Findings(marrow_infiltrate="leishmania")),
          Fever(present=True), CellLines(pattern=W()))
    def a_proven_infection_explains_the_picture_of_a_tick_borne_haemorrhagic_fever(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_AGAINST,
                      "Another infection that lowers the white cells and platelets is proven "
                      "(brucellosis, a rickettsiosis, ehrlichiosis, typhoid, dengue or "
                      "kala-azar): it explains the fever and the low counts that pointed to "
                      "Crimean-Congo fever or SFTS; test for these only if the course or a "
                      "bleeding tendency does not fit it.", "ukhsa-vhf-2015")

    @Rule(Findings(travel_weeks_ago=above(3)), does_not_live_in(*HAEMORRHAGIC_FEVER_REGIONS))
    def back_longer_than_a_haemorrhagic_fever_incubates(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_AGAINST,
                      "The haemorrhagic fever viruses incubate for at most 21 days; an illness "
                      "beginning later than that after return is not one (unless there has been "
                      "contact with a patient since).", "ukhsa-vhf-2015")

    @Rule(OR(AND(Findings(tropical_travel="no"),
                 NOT(Findings(travel_region=_one_of(TICK_HAEMORRHAGIC_FEVER_REGIONS))),
                 does_not_live_in(*TICK_HAEMORRHAGIC_FEVER_REGIONS)),
             Fever(present=False)))
    def no_travel_or_no_fever_against_a_haemorrhagic_fever(self):
        self.evidence("viral_haemorrhagic_fever", STRONG_AGAINST,
                      "A viral haemorrhagic fever is a febrile illness caught in an area where "
                      "the virus circulates (or from a patient or a laboratory sample there).",
                      "ukhsa-vhf-2015")

    @Rule(Findings(travel_weeks_ago=above(3)), does_not_live_in(*TROPICAL_REGIONS))
    def back_longer_than_dengue_incubates(self):
        self.evidence("dengue", STRONG_AGAINST,
                      "Dengue incubates for 3-14 days; an illness starting weeks after return is "
                      "not dengue.", "id-texts")

    @Rule(Findings(travel_weeks_ago=above(12)), does_not_live_in(*TROPICAL_REGIONS))
    def back_longer_than_falciparum_incubates(self):
        self.evidence("malaria", MODERATE_AGAINST,
                      "Falciparum malaria presents within three months of return; only vivax or "
                      "ovale relapse later.", "id-texts")
        self.evidence("typhoid_fever", MODERATE_AGAINST,
                      "Typhoid incubates for 6-30 days.", "id-texts")

    # ---- bacteria: cultures, sites and lines ---------------------------------------------------

    @Rule(Findings(blood_culture=POSITIVE_CULTURE), CellLines(pattern=W()),
          NOT(Findings(blood_culture="gram_negative", brucella_test="positive")),
          NOT(Findings(blood_culture="gram_negative", typhoid_test="positive")))
    def bacteria_grown_from_the_blood(self):
        self.evidence("bacterial_sepsis", STRONG_FOR,
                      "Bacteraemia with a low count: sepsis consuming neutrophils, or a "
                      "neutropenia that let the bacteria in.", "seed-001")

    # Brucella and Salmonella Typhi are gram-negative organisms grown from the blood: when the
    # gram-negative bacteraemia is one of them, it is the brucellosis or the enteric fever that
    # lowers the count (the marrow suppression and hypersplenism of a chronic systemic
    # infection), not a separate septic consumption of neutrophils (franco-brucellosis-2007;
    # typhoid: Parry et al. NEJM 2002, id-texts).
    @Rule(Findings(blood_culture="gram_negative", brucella_test="positive"), CellLines(pattern=W()))
    def the_gram_negative_bacteraemia_is_brucella(self):
        self.evidence("brucellosis", MODERATE_FOR,
                      "The gram-negative organism grown from the blood is Brucella: a "
                      "bacteraemic brucellosis, not a separate sepsis, explains the low count.",
                      "franco-brucellosis-2007")

    @Rule(Findings(blood_culture="gram_negative", typhoid_test="positive"), CellLines(pattern=W()))
    def the_gram_negative_bacteraemia_is_typhoid(self):
        self.evidence("typhoid_fever", MODERATE_FOR,
                      "The gram-negative organism grown from the blood is Salmonella Typhi or "
                      "Paratyphi: enteric fever, which itself lowers the white count, not a "
                      "separate sepsis.", "id-texts")

    @Rule(Findings(blood_culture="no_growth"))
    def blood_cultures_sterile(self):
        self.evidence("bacterial_sepsis", WEAK_AGAINST,
                      "Sterile blood cultures lower the odds a little; most sepsis has negative "
                      "cultures.", "id-texts")

    @Rule(Findings(infection_site=DOCUMENTED_SITE), Fever(present=True),
          CellLines(pattern=W()))
    def febrile_with_a_documented_focus(self):
        self.evidence("bacterial_sepsis", MODERATE_FOR,
                      "A documented bacterial focus with fever and a low count.", "seed-001")

    @Rule(Findings(infection_site="none_found"))
    def no_focus_of_infection_found(self):
        self.evidence("bacterial_sepsis", WEAK_AGAINST,
                      "No focus of bacterial infection found.", "seed-001")

    @Rule(Findings(central_line="yes"), Fever(present=True), CellLines(pattern=W()))
    def fever_with_a_central_line(self):
        self.evidence("bacterial_sepsis", MODERATE_FOR,
                      "Fever with a central line is a line infection until cultures say "
                      "otherwise.", "id-texts")

    @Rule(Findings(sick_contacts="yes"), CellLines(pattern=W()))
    def others_ill_with_the_same(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "Contacts ill with the same point to a circulating virus.", "seed-003")

    @Rule(Findings(rash="maculopapular"), Fever(present=True), CellLines(pattern=W()))
    def fever_with_a_maculopapular_rash(self):
        self.evidence("rickettsial_infection", MODERATE_FOR,
                      "Spotted fevers bring a maculopapular rash spreading from wrists and "
                      "ankles in most patients.", "biggs-tickborne-2016")
        self.evidence("dengue", WEAK_FOR, "Dengue brings a flushing or maculopapular rash.",
                      "seed-000")

    @Rule(Findings(rash="vesicular"), CellLines(pattern=W()))
    def vesicular_rash_with_a_low_count(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A vesicular rash is chickenpox, zoster or herpes simplex, viruses that "
                      "can lower the neutrophils for a while.", "seed-001")

    @Rule(Findings(rash="none"), Fever(present=True), Findings(tick_bite_or_eschar="yes"))
    def tick_bite_without_a_rash(self):
        self.evidence("rickettsial_infection", WEAK_AGAINST,
                      "Nine in ten with a spotted fever have a rash by the end of the first week.",
                      "biggs-tickborne-2016")
        self.evidence("ehrlichiosis_anaplasmosis", WEAK_FOR,
                      "Ehrlichiosis and anaplasmosis usually have no rash.",
                      "biggs-tickborne-2016")

    @Rule(Findings(rickettsia_test="positive"))
    def rickettsial_test_positive(self):
        self.evidence("rickettsial_infection", VERY_STRONG_FOR,
                      "A fourfold rise in antibodies or a positive PCR.", "biggs-tickborne-2016")

    @Rule(Findings(rickettsia_test="negative"))
    def rickettsial_test_negative(self):
        self.evidence("rickettsial_infection", WEAK_AGAINST,
                      "Serology is negative in the first week; only a negative convalescent "
                      "sample argues strongly.", "biggs-tickborne-2016")

    # ---- ehrlichiosis and anaplasmosis ----------------------------------------------------------
    # Human ehrlichiosis is a disease of the Americas (E. chaffeensis and E. ewingii of the
    # south-central and eastern United States); anaplasmosis of the north-eastern and upper
    # mid-western United States, and much less often diagnosed in Europe (Biggs 2016). A tick
    # bite counts for them in full where they are caught, or where the region is not given
    # ("other" may be Europe); in someone who lives in and has been only to regions outside
    # their range (Africa, Asia, the Mediterranean and Middle East, the Balkans and Turkey,
    # where the tick passes on CCHF, spotted fevers or SFTS instead) it counts only weakly.
    EHRLICHIA_REGIONS = ("north_america", "latin_america_caribbean", "other")

    @Rule(Findings(tick_bite_or_eschar="yes"), CellLines(pattern=W()),
          NOT(only_in_regions_outside(*EHRLICHIA_REGIONS)))
    def low_count_after_a_tick_bite(self):
        self.evidence("ehrlichiosis_anaplasmosis", STRONG_FOR,
                      "Leukopenia after a tick bite is the typical count of ehrlichiosis and "
                      "anaplasmosis (in 50-70%).", "biggs-tickborne-2016")

    @Rule(Findings(tick_bite_or_eschar="yes"), CellLines(pattern=W()),
          only_in_regions_outside(*EHRLICHIA_REGIONS))
    def low_count_after_a_tick_bite_outside_where_ehrlichiosis_is_caught(self):
        self.evidence("ehrlichiosis_anaplasmosis", WEAK_FOR,
                      "A tick bite with a low count outside the Americas and Europe: "
                      "ehrlichiosis and anaplasmosis are seldom caught there, and the tick's "
                      "own infections of the region (CCHF, spotted fevers, SFTS) come first.",
                      "biggs-tickborne-2016")

    @Rule(Findings(tick_bite_or_eschar="yes"), Cytopenia(line="thrombocytopenia"),
          CellLines(pattern=W()), NOT(only_in_regions_outside(*EHRLICHIA_REGIONS)))
    def low_white_cells_and_platelets_after_a_tick_bite(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_FOR,
                      "Leukopenia with thrombocytopenia after a tick bite fits ehrlichiosis "
                      "better than a spotted fever, whose white count is usually normal.",
                      "biggs-tickborne-2016")

    @Rule(Findings(tick_bite_or_eschar="yes"), Labs(alt=RAISED_ALT), CellLines(pattern=W()),
          NOT(only_in_regions_outside(*EHRLICHIA_REGIONS)))
    def raised_transaminases_and_a_low_count_after_a_tick_bite(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_FOR,
                      "Raised transaminases are found in most ehrlichiosis and anaplasmosis.",
                      "biggs-tickborne-2016")

    # Most patients recall no bite (Biggs 2016), so the blood picture after time outdoors where
    # the ticks are is weighed without one: leukopenia, thrombocytopenia and raised hepatic
    # transaminases together are the laboratory triad of ehrlichiosis and anaplasmosis (the
    # transaminases raised in most patients in the first week, the white count low in about
    # half to two thirds, the platelets in most), and the triad in a febrile patient is what
    # sends for PCR and starts doxycycline. Once, beside the bite's own rule above.
    @Rule(Fever(present=True), Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          Findings(outdoor_exposure="yes"), NOT(Findings(tick_bite_or_eschar="yes")),
          NOT(only_in_regions_outside(*EHRLICHIA_REGIONS)))
    def ask_for_the_transaminases_and_the_tick_borne_tests_after_time_outdoors(self):
        self.ask("alt", FOLLOW_UP + 1,
                 "Raised transaminases with low white cells and platelets after time outdoors "
                 "point to ehrlichiosis or anaplasmosis, bite remembered or not.")
        self.ask("ehrlichia_anaplasma_test", FOLLOW_UP,
                 "PCR of blood confirms ehrlichiosis and anaplasmosis; most patients recall no "
                 "tick bite.")

    @Rule(Fever(present=True), Cytopenia(line="thrombocytopenia"), CellLines(pattern=W()),
          OR(Labs(alt=RAISED_ALT), Labs(ast=RAISED_ALT)),
          Findings(outdoor_exposure="yes"), NOT(Findings(tick_bite_or_eschar="yes")),
          NOT(only_in_regions_outside(*EHRLICHIA_REGIONS)))
    def fever_low_white_cells_platelets_and_raised_transaminases_after_time_outdoors(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_FOR,
                      "Fever with low white cells, low platelets and raised transaminases after "
                      "time outdoors where ehrlichiosis and anaplasmosis are caught is their "
                      "laboratory triad, bite remembered or not: send PCR and start "
                      "doxycycline on suspicion.", "biggs-tickborne-2016")

    @Rule(Findings(ehrlichia_anaplasma_test="positive"))
    def ehrlichia_or_anaplasma_found(self):
        self.evidence("ehrlichiosis_anaplasmosis", DECISIVE_FOR,
                      "Ehrlichia or Anaplasma DNA in the blood, or morulae in white cells.",
                      "biggs-tickborne-2016")

    @Rule(Findings(ehrlichia_anaplasma_test="negative"))
    def ehrlichia_and_anaplasma_not_found(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_AGAINST,
                      "A negative PCR in the first week lowers the odds, though it misses some "
                      "(and doxycycline clears it fast).", "biggs-tickborne-2016")

    @Rule(Findings(tick_bite_or_eschar="no"), NOT(Findings(outdoor_exposure="yes")))
    def no_tick_exposure(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_AGAINST,
                      "No tick bite or tick country; most patients recall a bite or outdoor "
                      "exposure.", "biggs-tickborne-2016")

    # After time outdoors in tick country a bite not remembered says little: about two in five
    # patients with ehrlichiosis, and nearly as many with anaplasmosis, recall none (Biggs
    # 2016), against most people with another fever, a likelihood ratio of about one half.
    @Rule(Findings(tick_bite_or_eschar="no", outdoor_exposure="yes"))
    def no_tick_bite_remembered_after_time_outdoors(self):
        self.evidence("ehrlichiosis_anaplasmosis", WEAK_AGAINST,
                      "No tick bite remembered after time outdoors: many patients with "
                      "ehrlichiosis or anaplasmosis never noticed theirs, so it lowers the odds "
                      "only a little.", "biggs-tickborne-2016")

    # ---- time outdoors, and the eschar ------------------------------------------------------
    # Ticks, chigger mites and rodent fleas bite in woods, fields, scrub and rural housing, and
    # most patients with a tick-borne or mite-borne infection recall no bite (Biggs 2016): the
    # exposure is asked for itself. An eschar is the mark of scrub typhus and of several
    # spotted fevers, not of ehrlichiosis or anaplasmosis; scrub typhus is caught across the
    # Asia-Pacific (Pakistan to Japan and northern Australia), mostly by those who work or
    # live in rural scrub and farmland (Xu 2017).
    SCRUB_TYPHUS_REGIONS = ("south_asia", "southeast_asia", "east_asia")

    @Rule(Fever(present=True), CellLines(pattern=W()))
    def ask_about_time_outdoors_when_febrile(self):
        self.ask("outdoor_exposure", DETAIL - 3,
                 "Camping, farm work or rural housing exposes to ticks, mites and rodent fleas, "
                 "and most patients with their infections recall no bite.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(outdoor_exposure="yes"), Findings(tick_bite_or_eschar="yes"),
             AND(Fever(present=True), lives_in_or_has_been_in(*SCRUB_TYPHUS_REGIONS))))
    def ask_for_an_eschar(self):
        self.ask("eschar", FOLLOW_UP + 1,
                 "An eschar (a black scab at a bite site, often hidden) points to scrub typhus "
                 "or a spotted fever rather than ehrlichiosis.")

    @Rule(Findings(outdoor_exposure="yes"), NOT(Findings(tick_bite_or_eschar="yes")),
          Fever(present=True), CellLines(pattern=W()))
    def fever_and_a_low_count_after_time_outdoors(self):
        self.evidence("rickettsial_infection", MODERATE_FOR,
                      "Spotted fevers, scrub typhus and murine typhus are caught outdoors and "
                      "in rural housing from ticks, chigger mites and rodent fleas whose bite "
                      "is seldom noticed.", "biggs-tickborne-2016")
        self.ask("tick_bite_or_eschar", FOLLOW_UP + 2,
                 "A tick bite after time outdoors points to ehrlichiosis, anaplasmosis or a "
                 "spotted fever.")

    @Rule(Findings(outdoor_exposure="yes"), NOT(Findings(tick_bite_or_eschar="yes")),
          Fever(present=True), CellLines(pattern=W()),
          NOT(only_in_regions_outside(*EHRLICHIA_REGIONS)))
    def fever_and_a_low_count_after_time_outdoors_where_ehrlichiosis_is_caught(self):
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_FOR,
                      "Fever with a low count after time in woods, fields or farmland: "
                      "ehrlichiosis and anaplasmosis come from ticks met there, and most "
                      "patients recall no bite; doxycycline is started on suspicion.",
                      "biggs-tickborne-2016")

    @Rule(Findings(eschar="yes"), CellLines(pattern=W()))
    def eschar_with_a_low_count(self):
        self.evidence("rickettsial_infection", MODERATE_FOR,
                      "An eschar is the inoculation mark of scrub typhus and of several spotted "
                      "fevers: a rickettsial infection, treated with doxycycline.",
                      "biggs-tickborne-2016")
        self.evidence("ehrlichiosis_anaplasmosis", MODERATE_AGAINST,
                      "Ehrlichiosis and anaplasmosis leave no eschar; one points to a "
                      "rickettsia instead.", "biggs-tickborne-2016")

    @Rule(Fever(present=True), CellLines(pattern=W()),
          lives_in_or_has_been_in(*SCRUB_TYPHUS_REGIONS),
          OR(Findings(eschar="yes"),
             AND(Findings(outdoor_exposure="yes"), NOT(Findings(eschar="no")))))
    def fever_with_an_eschar_or_rural_exposure_in_the_asia_pacific(self):
        self.evidence("rickettsial_infection", MODERATE_FOR,
                      "Fever with an eschar, or after farm work or time in rural scrub, in South, "
                      "South-East or East Asia is scrub typhus until tested: one of the "
                      "commonest treatable causes of fever there, with low white cells and "
                      "platelets in many.", "xu-scrub-typhus-2017")

    @Rule(Fever(present=False))
    def afebrile_argues_against_the_febrile_zoonoses(self):
        for cause in ("ehrlichiosis_anaplasmosis", "brucellosis"):
            self.evidence(cause, STRONG_AGAINST,
                          "Ehrlichiosis and brucellosis are febrile illnesses.", "id-texts")

    # ---- babesiosis --------------------------------------------------------------------------------
    # A tick-borne parasite of red cells: fever with haemolysis and low platelets (the white
    # count mildly low in many), severe after splenectomy (Krause 2021).

    @Rule(Smear(babesia_parasites=True))
    def babesia_on_the_film(self):
        self.evidence("babesiosis", DECISIVE_FOR,
                      "Babesia in the red cells (small rings without pigment, tetrads) is "
                      "babesiosis.", "krause-babesiosis-2021")
        self.evidence("malaria", MODERATE_AGAINST,
                      "Babesia rings mimic falciparum malaria, but tetrads and the absence of "
                      "pigment and gametocytes tell them apart; travel decides which is likely.",
                      "krause-babesiosis-2021")

    # Of the infections a tick passes on, only babesiosis destroys red cells.
    @Rule(Findings(tick_bite_or_eschar="yes"), Fever(present=True), Cytopenia(line="anemia"),
          OR(Findings(jaundice="yes"),
             AND(Labs(ldh=above(250)), Labs(haptoglobin=number(lambda h: h < 30)))))
    def fever_and_haemolysis_after_a_tick_bite(self):
        self.evidence("babesiosis", VERY_STRONG_FOR,
                      "Fever with a haemolytic anaemia (a high LDH and low haptoglobin, or "
                      "jaundice) after a tick bite is babesiosis until a thin film and PCR say "
                      "otherwise: of the infections ticks carry, only Babesia destroys red "
                      "cells.", "krause-babesiosis-2021")

    @Rule(Findings(tick_bite_or_eschar="yes", splenectomy="yes"), Fever(present=True),
          Cytopenia(line="anemia"))
    def fever_and_anaemia_after_a_tick_bite_without_a_spleen(self):
        self.evidence("babesiosis", MODERATE_FOR,
                      "Without a spleen babesiosis is commoner and far more severe: fever with "
                      "anaemia after a tick bite in an asplenic patient needs a thin film today.",
                      "krause-babesiosis-2021")

    @Rule(Findings(tick_bite_or_eschar="yes"), Fever(present=True),
          Cytopenia(line="thrombocytopenia"), Cytopenia(line="anemia"))
    def fever_anaemia_and_low_platelets_after_a_tick_bite(self):
        self.evidence("babesiosis", MODERATE_FOR,
                      "Fever, anaemia and low platelets after a tick bite: babesiosis beside "
                      "anaplasmosis and ehrlichiosis (the same tick can carry all three).",
                      "krause-babesiosis-2021")

    @Rule(Fever(present=False))
    def afebrile_argues_against_babesiosis(self):
        self.evidence("babesiosis", STRONG_AGAINST,
                      "Babesiosis that lowers the counts is a febrile illness.",
                      "krause-babesiosis-2021")

    @Rule(NOT(Cytopenia(line="anemia")), Labs(hemoglobin=W()), CellLines(pattern=W()))
    def no_anaemia_argues_against_babesiosis(self):
        self.evidence("babesiosis", STRONG_AGAINST,
                      "Babesia lives in red cells and destroys them: a normal haemoglobin is "
                      "unlike symptomatic babesiosis.", "krause-babesiosis-2021")

    @Rule(Findings(tick_bite_or_eschar="no"), NOT(Findings(splenectomy="yes")),
          NOT(Smear(babesia_parasites=True)))
    def no_tick_bite_argues_against_babesiosis(self):
        self.evidence("babesiosis", MODERATE_AGAINST,
                      "No tick bite (many are not noticed) and a spleen in place: babesiosis is "
                      "less likely, though transfusion can pass it too.",
                      "krause-babesiosis-2021")

    # ---- disseminated histoplasmosis ----------------------------------------------------------
    # Histoplasma lives in macrophages: when cellular immunity fails it fills the marrow, liver
    # and spleen, and the counts fall in every line (Wheat 2007: pancytopenia in most patients
    # with AIDS and disseminated disease).

    @Rule(Fever(present=True), CellLines(pattern=W()),
          OR(Findings(hiv_test="positive"), Findings(hiv_risk="known_positive"),
             CD4Count(status="severe"), Findings(transplant=TRANSPLANTED),
             Medication(drug_class=CELL_IMMUNITY_DRUGS), Findings(marrow_granulomas="yes")))
    def ask_for_a_histoplasma_test(self):
        self.ask("histoplasma_test", DETAIL + 4,
                 "Fever with low counts when cellular immunity is down (advanced HIV, TNF "
                 "inhibitors, transplant) or with marrow granulomas: the urine Histoplasma "
                 "antigen finds disseminated histoplasmosis.")

    # Advanced (or disseminating) disease shows as a CD4 count below 200, as wasting, or as a
    # big liver or spleen: Histoplasma and mycobacteria fill the macrophages of the marrow,
    # liver and spleen together (Wheat 2007: hepatosplenomegaly and pancytopenia are the
    # signs of dissemination in AIDS).
    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          OR(CD4Count(status="severe"),
             AND(OR(Findings(hiv_test="positive"), Findings(hiv_risk="known_positive")),
                 OR(Findings(weight_loss="yes"), Findings(hepatomegaly="yes"),
                    Findings(splenomegaly="yes")))))
    def fever_and_several_low_lines_in_advanced_hiv(self):
        self.evidence("disseminated_histoplasmosis", MODERATE_FOR,
                      "Fever with several low lines in advanced HIV (a CD4 count below 200, "
                      "wasting, or a big liver or spleen) is an opportunistic infection of the "
                      "marrow until shown otherwise: mycobacteria and, from the Americas above "
                      "all, disseminated histoplasmosis.",
                      "wheat-histoplasmosis-2007")

    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          lives_in_or_has_been_in("latin_america_caribbean"),
          OR(CD4Count(status="severe"), Findings(hiv_test="positive"),
             Findings(hiv_risk="known_positive"), Findings(transplant=TRANSPLANTED),
             Medication(drug_class=CELL_IMMUNITY_DRUGS)))
    def fever_and_low_counts_in_the_immunosuppressed_from_latin_america(self):
        self.evidence("disseminated_histoplasmosis", STRONG_FOR,
                      "Histoplasma is endemic through much of Latin America and the Caribbean, "
                      "where disseminated histoplasmosis is one of the commonest opportunistic "
                      "infections of advanced HIV and of other failed cellular immunity: fever "
                      "with pancytopenia and a big liver and spleen.",
                      "wheat-histoplasmosis-2007")

    # Histoplasma's classic home is North America too: the Ohio and Mississippi River valleys
    # (and the St Lawrence), where most adults have met it, and where the disseminated disease
    # of failed cellular immunity (AIDS, transplants, TNF inhibitors and other drugs) is the
    # commonest endemic mycosis (Wheat 2007). Moderate, not strong as in Latin America: much of
    # the continent lies outside the endemic valleys.
    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          lives_in_or_has_been_in("north_america"),
          NOT(lives_in_or_has_been_in("latin_america_caribbean")),
          OR(CD4Count(status="severe"), Findings(hiv_test="positive"),
             Findings(hiv_risk="known_positive"), Findings(transplant=TRANSPLANTED),
             Medication(drug_class=CELL_IMMUNITY_DRUGS)))
    def fever_and_low_counts_in_the_immunosuppressed_from_north_america(self):
        self.evidence("disseminated_histoplasmosis", MODERATE_FOR,
                      "Histoplasma is endemic in the Ohio and Mississippi River valleys, where "
                      "disseminated histoplasmosis is the commonest endemic mycosis of failed "
                      "cellular immunity (advanced HIV, transplants, TNF inhibitors): fever with "
                      "several low lines wants a urine antigen and a marrow culture.",
                      "wheat-histoplasmosis-2007")

    @Rule(Findings(marrow_granulomas="yes"), Fever(present=True), CellLines(pattern=W()),
          OR(Findings(hiv_test="positive"), Findings(hiv_risk="known_positive"),
             CD4Count(status="severe"), Findings(transplant=TRANSPLANTED),
             Medication(drug_class=CELL_IMMUNITY_DRUGS)))
    def marrow_granulomas_with_fever_in_the_immunosuppressed(self):
        self.evidence("disseminated_histoplasmosis", MODERATE_FOR,
                      "Marrow granulomas with fever when cellular immunity is down come from "
                      "mycobacteria and fungi, Histoplasma first among them: stain and culture "
                      "the marrow for both.", "wheat-histoplasmosis-2007")

    # The drug is not the whole explanation: fever with several low lines in someone whose
    # cellular immunity a drug or a transplant holds down may be the drug's marrow toxicity
    # (and the infection it let in), but it is also the picture of an opportunistic infection
    # that fills the marrow itself. Tuberculosis reactivates on TNF inhibitors and other
    # immunosuppression, more often extrapulmonary or disseminated than in others (over half
    # of the cases on infliximab; Keane 2001); disseminated histoplasmosis does the same where
    # Histoplasma is met (Wheat 2007; the Americas have a rule of their own). Not during
    # chemotherapy, whose nadir explains both the fever and the counts; HIV has rules of its own.
    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          OR(Medication(drug_class=CELL_IMMUNITY_DRUGS, stopped=False),
             Findings(transplant=TRANSPLANTED)),
          NOT(Medication(chemotherapy=True, stopped=False)),
          NOT(Findings(recent_chemotherapy="yes")),
          NOT(Findings(hiv_risk="known_positive")), NOT(Findings(hiv_test="positive")),
          *NO_OPPORTUNISTIC_INFECTION_PROVEN)
    def fever_and_several_low_lines_when_a_drug_or_transplant_holds_cellular_immunity_down(self):
        self.evidence("tuberculosis", MODERATE_FOR,
                      "Fever with several low lines while a drug or a transplant holds cellular "
                      "immunity down: reactivated tuberculosis, often disseminated and outside "
                      "the lungs in these patients, can fill the marrow; do not blame the drug "
                      "before a chest film, cultures for mycobacteria and, if the cause stays "
                      "hidden, a marrow trephine with culture.", "keane-tb-infliximab-2001")
        self.evidence("disseminated_histoplasmosis", WEAK_FOR,
                      "Fever with several low lines when cellular immunity is held down is also "
                      "the picture of disseminated histoplasmosis in anyone who has lived where "
                      "Histoplasma is met (the Americas above all): urine antigen and marrow "
                      "culture.", "wheat-histoplasmosis-2007")

    # Visceral leishmaniasis is an opportunistic infection too: immunosuppressive treatment
    # (TNF inhibitors, glucocorticoids, transplant drugs) brings out a latent infection caught
    # in an endemic area, at times years before, and the spleen is not always large (WHO TRS
    # 949).
    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          lives_in_or_has_been_in(*LEISHMANIASIS_REGIONS),
          OR(Medication(drug_class=CELL_IMMUNITY_DRUGS, stopped=False),
             Findings(transplant=TRANSPLANTED)),
          NOT(Findings(parasite_exposure="no")))
    def fever_and_several_low_lines_on_immunosuppression_after_an_endemic_area(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "Fever with several low lines on immunosuppressive treatment in someone who "
                      "lives in or has been where visceral leishmaniasis is caught: the drug "
                      "lets a latent infection out, at times years after the stay and without a "
                      "big spleen; send rK39 serology or Leishmania PCR of blood or marrow.",
                      "who-leishmaniasis")
        self.ask("leishmania_test", FOLLOW_UP + 3,
                 "On immunosuppression, visceral leishmaniasis from an endemic area lowers "
                 "every line: rK39 serology or PCR finds it.")

    @Rule(Findings(histoplasma_test="positive"), CellLines(pattern=W()))
    def histoplasma_found(self):
        self.evidence("disseminated_histoplasmosis", DECISIVE_FOR,
                      "Histoplasma antigen, culture or yeasts in the marrow with low counts is "
                      "disseminated histoplasmosis.", "wheat-histoplasmosis-2007")

    @Rule(Findings(histoplasma_test="negative"))
    def histoplasma_not_found(self):
        self.evidence("disseminated_histoplasmosis", STRONG_AGAINST,
                      "A negative urine antigen and cultures make disseminated histoplasmosis "
                      "unlikely (the antigen finds about nine in ten in advanced HIV).",
                      "wheat-histoplasmosis-2007")

    @Rule(Fever(present=False))
    def afebrile_argues_against_disseminated_histoplasmosis(self):
        self.evidence("disseminated_histoplasmosis", STRONG_AGAINST,
                      "Disseminated histoplasmosis is a febrile illness.",
                      "wheat-histoplasmosis-2007")

    @Rule(CellLines(pattern="isolated"), NOT(Findings(histoplasma_test="positive")))
    def one_low_line_argues_against_disseminated_histoplasmosis(self):
        self.evidence("disseminated_histoplasmosis", MODERATE_AGAINST,
                      "Histoplasma in the marrow lowers several lines; a neutropenia alone is "
                      "seldom its doing.", "wheat-histoplasmosis-2007")

    # ---- brucellosis -----------------------------------------------------------------------------

    # brucellosis is a febrile illness (fever in nearly every patient, undulant or lasting
    # weeks): the exposure weighs for it beside a fever, not beside a low count alone (a
    # shepherd's pancytopenia without fever is not brucellosis for the flock)
    @Rule(Findings(livestock_or_raw_dairy="yes"), Fever(present=True), CellLines(pattern=W()))
    def low_count_with_fever_after_livestock_or_raw_dairy(self):
        self.evidence("brucellosis", STRONG_FOR,
                      "Unpasteurised dairy or work with livestock is how brucellosis is caught; "
                      "with fever it lowers the white count.", "franco-brucellosis-2007")

    @Rule(Findings(livestock_or_raw_dairy="yes", joint_symptoms="yes"), Fever(present=True),
          CellLines(pattern=W()))
    def fever_and_joint_pain_after_livestock_or_raw_dairy(self):
        self.evidence("brucellosis", MODERATE_FOR,
                      "Back and joint pain (sacroiliitis, spondylitis) come in 40% of "
                      "brucellosis.", "franco-brucellosis-2007")

    @Rule(Findings(livestock_or_raw_dairy="no"))
    def no_livestock_or_raw_dairy(self):
        self.evidence("brucellosis", STRONG_AGAINST,
                      "Without raw dairy or contact with animals brucellosis is most unlikely.",
                      "franco-brucellosis-2007")

    @Rule(Findings(brucella_test="positive"))
    def brucella_found(self):
        self.evidence("brucellosis", VERY_STRONG_FOR,
                      "Brucella grown from blood or marrow, or a high agglutination titre.",
                      "franco-brucellosis-2007")

    @Rule(Findings(brucella_test="negative"))
    def brucella_not_found(self):
        self.evidence("brucellosis", MODERATE_AGAINST,
                      "Negative cultures and serology lower the odds; cultures miss many "
                      "chronic cases.", "franco-brucellosis-2007")

    @Rule(Findings(leishmania_test="positive"), CellLines(pattern=W()))
    def leishmania_serology_positive(self):
        self.evidence("parasitic_infestation", VERY_STRONG_FOR,
                      "A positive rK39 or agglutination test with fever, a big spleen or low "
                      "counts is visceral leishmaniasis.", "id-texts")

    @Rule(Findings(leishmania_test="negative"))
    def leishmania_serology_negative(self):
        self.evidence("parasitic_infestation", STRONG_AGAINST,
                      "rK39 is about 93% sensitive and 97% specific for visceral leishmaniasis "
                      "in South Asia (LR- about 0.07), somewhat less sensitive in East Africa.",
                      "id-texts")

    # ---- CMV after a transplant -----------------------------------------------------------------

    @Rule(Findings(transplant=TRANSPLANTED), CellLines(pattern=W()))
    def low_count_after_a_transplant(self):
        self.evidence("post_transplant_cmv", MODERATE_FOR,
                      "CMV is the commonest infection after a transplant and lowers the white "
                      "cells and platelets.", "razonable-cmv-2019")

    @Rule(Findings(transplant=TRANSPLANTED, transplant_months_ago=number(lambda m: m <= 6)),
          CellLines(pattern=W()))
    def low_count_in_the_first_months_after_a_transplant(self):
        self.evidence("post_transplant_cmv", MODERATE_FOR,
                      "CMV peaks 1-6 months after a transplant, or soon after prophylaxis "
                      "stops.", "razonable-cmv-2019")

    @Rule(Findings(transplant=TRANSPLANTED, cmv_test="positive"), CellLines(pattern=W()))
    def cmv_viraemia_after_a_transplant(self):
        self.evidence("post_transplant_cmv", DECISIVE_FOR,
                      "CMV DNA in the blood of a transplant recipient with low counts.",
                      "razonable-cmv-2019")

    @Rule(Findings(cmv_test="negative"))
    def cmv_pcr_negative(self):
        self.evidence("post_transplant_cmv", RULES_OUT,
                      "No CMV DNA in the blood.", "razonable-cmv-2019")

    @Rule(Findings(transplant="none"))
    def no_transplant(self):
        self.evidence("post_transplant_cmv", RULES_OUT,
                      "This cause is defined by a transplant.", "razonable-cmv-2019")

    @Rule(Findings(transplant_months_ago=above(24)))
    def transplant_years_ago(self):
        self.evidence("post_transplant_cmv", MODERATE_AGAINST,
                      "CMV disease is uncommon years after a transplant, once "
                      "immunosuppression is lighter.", "razonable-cmv-2019")
