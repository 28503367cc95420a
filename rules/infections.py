"""Infections: fever, sepsis, recent viral illness, HIV, travel and tropical infections,
tuberculosis, parasites and the falsely low count drawn early in an infection."""

from __future__ import annotations

from experta import NOT, OR, InitialFact, Rule, W

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
from .conditions import at_least, at_most
from .facts import (
    CellLines,
    Cytopenia,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Neutrophils,
    SepsisSigns,
    Smear,
)

TROPICAL = ("typhoid_fever", "malaria", "dengue")


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

    @Rule(CellLines(pattern=W()))
    def ask_whether_the_low_count_is_new_or_old(self):
        self.ask("low_count_first_noted_weeks_ago", FOLLOW_UP,
                 "A viral fall or margination passes within weeks; a count low for months or "
                 "since childhood points to another cause.")

    @Rule(Findings(recent_viral_illness="yes"))
    def ask_when_the_illness_began(self):
        self.ask("acute_infection_onset_days", FOLLOW_UP + 8,
                 "A count drawn within the first day of an infection can be falsely low.")

    @Rule(Findings(tropical_travel="yes"))
    def ask_about_tropical_infections(self):
        self.ask("mosquito_borne_features", FOLLOW_UP + 3, "Points to dengue.")
        self.ask("enteric_features", FOLLOW_UP + 2, "Points to typhoid (enteric) fever.")
        self.ask("tick_bite_or_eschar", FOLLOW_UP + 1, "Points to a rickettsial infection.")
        self.ask("parasite_exposure", FOLLOW_UP,
                 "Visceral leishmaniasis causes fever, a big spleen and pancytopenia.")
        self.ask("tb_features", DETAIL, "Tuberculosis is common where these infections are.")

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

    # ---- HIV --------------------------------------------------------------------------------

    @Rule(Findings(hiv_risk="known_positive"), CellLines(pattern=W()))
    def known_hiv_infection(self):
        self.evidence("hiv", DECISIVE_FOR,
                      "HIV infection, its opportunistic infections and its treatment all lower "
                      "the white count.", "seed-001")

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

    @Rule(SepsisSigns(), CellLines(pattern=W()))
    def low_count_with_signs_of_sepsis(self):
        self.evidence("bacterial_sepsis", VERY_STRONG_FOR,
                      "Overwhelming infection uses up neutrophils faster than the marrow can "
                      "replace them.", "seed-001")

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

    @Rule(Findings(parasite_exposure="yes", splenomegaly="yes"), CellLines(pattern=W()))
    def big_spleen_after_parasite_exposure(self):
        self.evidence("parasitic_infestation", VERY_STRONG_FOR,
                      "A big spleen and low counts in someone from an endemic area suggest "
                      "visceral leishmaniasis.", "seed-000")

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
