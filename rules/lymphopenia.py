"""Lymphopenia: a low lymphocyte or CD4 count is leukopenia too, with its own differential
(HIV, glucocorticoids, lymphodepleting and cytotoxic treatment, radiation, acute viral
infection, sepsis, lymphoma, lupus, sarcoidosis, tuberculosis, malnutrition and congenital
immunodeficiency), judged with age-appropriate limits."""

from __future__ import annotations

from experta import AND, MATCH, NOT, OR, P, Rule, W

from .base import (
    DETAIL,
    FOLLOW_UP,
    MODERATE_AGAINST,
    MODERATE_FOR,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import above, at_least, number, reported_as
from .facts import (
    CD4Count,
    CellLines,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Lymphopenia,
    Medication,
    Patient,
    SepsisSigns,
)

# Drugs given to deplete lymphocytes (transplant induction, multiple sclerosis, CLL and
# conditioning regimens): the lymphopenia they cause is the intended effect and lasts months.
LYMPHODEPLETING = ("antithymocyte globulin", "alemtuzumab", "fludarabine", "cladribine",
                   "bendamustine")
IS_LYMPHODEPLETING = P(lambda generic: generic in LYMPHODEPLETING)
ON_IT_OR_STOPPED_RECENTLY = P(lambda weeks: weeks <= 4)
INFANT = number(lambda age: age < 1)
BELOW_THE_ICL_LIMIT = number(lambda count: count < 300)  # CD4/µL, the CDC's ICL definition


class LymphopeniaRules(Conclusions):
    """The causes of a low lymphocyte or CD4 count."""

    # weighed where they are (lymphopenia_with_severe_undernutrition,
    # severe_infection_with_a_low_cd4_count), asked there
    @Rule(Lymphopenia(), OR(Findings(weight_loss="yes"), Findings(b_symptoms="yes"),
                            Findings(hiv_risk="known_positive"), Findings(diet="poor_intake")))
    def ask_how_thin_a_lymphopenic_patient_is(self):
        self.ask("body_mass_index", FOLLOW_UP + 2,
                 "Severe undernutrition (a BMI below 16) lowers the lymphocytes by itself.")

    @Rule(CD4Count(status=P(lambda s: s in ("low", "severe"))))
    def ask_how_severe_the_infections_are_with_a_low_cd4_count(self):
        self.ask("infection_severity", FOLLOW_UP + 2,
                 "Severe or opportunistic infections with a low CD4 count show the T-cell "
                 "deficiency matters, whatever its cause.")

    # weighed where it is (lymphopenia_with_a_severe_infection_in_an_infant): asked of an
    # infant with a lymphopenia, whatever the neutrophils
    @Rule(Lymphopenia(), Patient(age_years=INFANT))
    def ask_how_severe_the_infections_of_a_lymphopenic_infant_are(self):
        self.ask("infection_severity", FOLLOW_UP + 6,
                 "A single severe infection in the first months beside a lymphopenia is how "
                 "severe combined immunodeficiency presents.")

    # ---- what to ask ----------------------------------------------------------------------
    @Rule(Lymphopenia(), NOT(Labs(cd4=W())))
    def ask_for_the_cd4_percentage_without_a_count(self):
        self.ask("cd4_pct", FOLLOW_UP + 9,
                 "The CD4 percentage stages HIV when no CD4 count is given (below 14% in an "
                 "adult is the range of advanced HIV).")

    @Rule(Lymphopenia())
    def ask_about_the_causes_of_lymphopenia(self):
        self.ask("cd4", FOLLOW_UP + 10,
                 "A CD4 count below 200/µL in an adult is the range of advanced HIV; it "
                 "separates a T-cell deficiency from a transient fall.")
        self.ask("oral_thrush", FOLLOW_UP + 8,
                 "Oral thrush without an obvious reason beside a low lymphocyte count is a "
                 "classic sign of HIV.")
        self.ask("known_sarcoidosis", DETAIL + 6,
                 "Sarcoidosis draws lymphocytes into granulomas and lowers the blood count.")
        self.ask("lupus_rash", DETAIL + 4,
                 "Lymphopenia is one of the commonest blood findings in lupus.")
        self.ask("known_immunodeficiency", DETAIL + 2,
                 "A congenital T-cell deficiency shows as a low lymphocyte count.")

    # "No" to fevers, night sweats or weight loss over weeks already says no weight loss
    @Rule(Lymphopenia(), NOT(Findings(b_symptoms="no")))
    def ask_about_weight_loss_beside_a_low_lymphocyte_count(self):
        self.ask("weight_loss", FOLLOW_UP + 6,
                 "Weight loss with lymphopenia raises HIV, tuberculosis and lymphoma.")

    # ---- HIV ------------------------------------------------------------------------------
    @Rule(Lymphopenia())
    def lymphopenia_of_any_cause(self):
        self.evidence("hiv", WEAK_FOR,
                      "Every unexplained lymphopenia deserves an HIV test.", "cdc-hiv-2014")

    # A viral lymphopenia is short-lived: the count recovers within days to a few weeks of the
    # illness. One known for six weeks or more (the interval at which the CDC's definition of
    # idiopathic CD4 lymphocytopenia repeats the count), or persistently low on serial
    # counts, is not a passing viral fall and does not count for one; nor is one beside
    # recurrent infections, which say the deficiency has lasted through them (Bonilla 2015).
    @Rule(Lymphopenia(), NOT(Findings(low_count_first_noted_weeks_ago=at_least(6))),
          NOT(Findings(serial_counts="persistently_low")),
          NOT(Findings(recurrent_infections="yes")))
    def lymphopenia_not_known_to_last(self):
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "Acute viral infections are the commonest cause of a short-lived "
                      "lymphopenia; a repeat count after recovery settles it.", "hematology-texts")

    # Where HIV is already known, the low count is HIV's hallmark and counted once, by
    # lymphopenia_in_known_hiv; this rule is about the patient whose HIV status is not known.
    @Rule(CD4Count(status="severe", shown=MATCH.cd4),
          NOT(Medication(lowers_lymphocytes=True, stopped=False)),
          NOT(Findings(hiv_risk="known_positive")))
    def cd4_count_in_the_range_of_advanced_hiv(self, cd4):
        self.evidence("hiv", STRONG_FOR,
                      f"{cd4}: in the range that defines advanced HIV "
                      "(stage 3); without treatment that explains it, HIV is the first cause "
                      "to test for.", "cdc-hiv-2014")
        self.evidence("immunodeficiency_disorder", WEAK_FOR,
                      "A profound CD4 deficiency without HIV is seen in congenital and "
                      "idiopathic T-cell deficiencies.", "hematology-texts")

    # Explaining away: a drug still taken that lowers the lymphocytes (a glucocorticoid, a
    # lymphodepleting antibody, a purine analogue, an S1P modulator) accounts for a CD4
    # count this low; HIV is still tested for, but weighs less.
    @Rule(CD4Count(status="severe", shown=MATCH.cd4),
          Medication(lowers_lymphocytes=True, stopped=False))
    def cd4_count_in_the_range_of_advanced_hiv_on_a_lymphocyte_lowering_drug(self, cd4):
        self.evidence("hiv", MODERATE_FOR,
                      f"{cd4}: in the range of advanced HIV, but a drug still taken that lowers "
                      "the lymphocytes explains a count this low; an HIV test is still due.",
                      "cdc-hiv-2014")
        self.evidence("immunodeficiency_disorder", WEAK_FOR,
                      "A profound CD4 deficiency without HIV is seen in congenital and "
                      "idiopathic T-cell deficiencies.", "hematology-texts")

    # The CDC's definition of idiopathic CD4 lymphocytopenia: a CD4 count below 300/µL (or
    # 20% of the T cells) on two occasions with no HIV infection and no other cause; its
    # patients present with the opportunistic infections of AIDS (cryptococcus, mycobacteria,
    # PML). Its limit is 300, not the 200 of advanced HIV: a count of 200-299 with a negative
    # HIV test meets it too. (Only an adult's "low" band, 200-499 from the age of six, holds
    # counts of 200-299: in a younger child a count under 300 is in the range of advanced HIV
    # already.)
    @Rule(OR(CD4Count(status="severe"),
             AND(CD4Count(status="low"), Labs(cd4=BELOW_THE_ICL_LIMIT))),
          OR(Findings(hiv_test="negative"), Findings(hiv_risk="tested_negative")),
          NOT(Medication(lowers_lymphocytes=True)))
    def profound_cd4_deficiency_without_hiv(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "A CD4 count below 300/µL (the CDC's limit for idiopathic CD4 "
                      "lymphocytopenia) with a negative HIV test and no lymphocyte-lowering "
                      "drug is idiopathic CD4 lymphocytopenia (or another T-cell deficiency) "
                      "once a repeat count confirms it.", "smith-icl-1993")

    # A CD4 count below its range, not yet in the range of advanced HIV (which weighs
    # itself above), in a patient whose HIV status is not known: a T-cell deficiency is what
    # is measured, so HIV first (lymphopenia_of_any_cause) and, behind it, idiopathic CD4
    # lymphocytopenia or another T-cell deficiency. Once the HIV test is known the count
    # weighs by the ICL limit above, or as HIV's own.
    @Rule(CD4Count(status="low"), NOT(Findings(hiv_risk="known_positive")),
          NOT(Findings(hiv_test="positive")), NOT(Findings(hiv_test="negative")),
          NOT(Findings(hiv_risk="tested_negative")), NOT(Medication(lowers_lymphocytes=True)))
    def cd4_count_below_its_range(self):
        self.evidence("immunodeficiency_disorder", WEAK_FOR,
                      "A CD4 count below its range is a T-cell deficiency: HIV first, and "
                      "idiopathic CD4 lymphocytopenia or another T-cell deficiency when the HIV "
                      "test is negative and the count stays low.", "smith-icl-1993")

    # A severe infection beside a low CD4 count is T-cell immunity failing: HIV first, and
    # where HIV is not shown, idiopathic CD4 lymphocytopenia, whose patients present with the
    # same opportunistic infections (cryptococcal meningitis the commonest).
    @Rule(CD4Count(status=P(lambda s: s in ("low", "severe"))),
          Findings(infection_severity="severe"),
          NOT(Findings(hiv_risk="known_positive")), NOT(Medication(lowers_lymphocytes=True)))
    def severe_infection_with_a_low_cd4_count(self):
        self.evidence("hiv", MODERATE_FOR,
                      "A severe infection with a low CD4 count: T-cell immunity is failing, "
                      "most often from HIV.", "cdc-hiv-2014")
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "A severe infection with a low CD4 count and no HIV known is how "
                      "idiopathic CD4 lymphocytopenia presents (cryptococcal meningitis, "
                      "mycobacteria, PML): an HIV test decides between them.", "smith-icl-1993")

    # The opportunistic infections of failed T-cell immunity (Pneumocystis, cryptococcus,
    # disseminated non-tuberculous mycobacteria, CMV disease, toxoplasmosis, PML) are the
    # AIDS-defining illnesses of the CDC stages; beside a low lymphocyte or CD4 count they
    # say the deficiency is real and deep, not a passing viral fall. HIV comes first; with a
    # negative HIV test and no drug to explain it, idiopathic CD4 lymphocytopenia (which was
    # defined by patients presenting exactly so) or another T-cell deficiency.
    # before any lymphocyte or CD4 count, an opportunistic infection is weighed too
    # (opportunistic_infection_before_any_count_hiv_status_unknown, ..._with_a_negative_hiv_
    # test): asked where infections recur, a fever is present or an infection of the lungs or
    # the nervous system (where Pneumocystis, cryptococcus and toxoplasma strike) is
    # documented, and no count of the lymphocytes is given
    @Rule(OR(Findings(recurrent_infections="yes"), Fever(present=True),
             Findings(infection_site=P(lambda site: site in ("lung", "cns")))),
          NOT(Lymphocytes()), NOT(CD4Count()), NOT(Findings(opportunistic_infection=W())))
    def ask_about_an_opportunistic_infection_before_any_lymphocyte_count(self):
        self.ask("opportunistic_infection", FOLLOW_UP + 7,
                 "Pneumocystis, cryptococcus, toxoplasmosis or another opportunistic infection "
                 "among recurring infections is a T-cell deficiency (HIV first) until a "
                 "lymphocyte and CD4 count say otherwise.")

    @Rule(Lymphopenia(), NOT(Findings(opportunistic_infection=W())))
    def ask_about_an_opportunistic_infection(self):
        self.ask("opportunistic_infection", FOLLOW_UP + 7,
                 "Pneumocystis pneumonia, cryptococcal meningitis or another AIDS-defining "
                 "infection beside a low lymphocyte or CD4 count is a deep T-cell deficiency: "
                 "HIV first, and idiopathic CD4 lymphocytopenia when HIV is excluded.")

    @Rule(Lymphopenia(), Findings(opportunistic_infection="yes"),
          NOT(Findings(hiv_risk="known_positive")), NOT(Findings(hiv_test="positive")),
          NOT(Findings(hiv_test="negative")), NOT(Findings(hiv_risk="tested_negative")),
          NOT(Medication(lowers_lymphocytes=True)))
    def opportunistic_infection_with_a_low_count_hiv_status_unknown(self):
        self.evidence("hiv", STRONG_FOR,
                      "An AIDS-defining opportunistic infection with a low lymphocyte or CD4 "
                      "count: HIV until an HIV test says otherwise.", "cdc-hiv-2014")
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Without HIV, an opportunistic infection with a low CD4 count is how "
                      "idiopathic CD4 lymphocytopenia presents.", "smith-icl-1993")
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "A passing viral fall in the lymphocytes does not let Pneumocystis or "
                      "cryptococcus in: the T-cell deficiency is deep and lasting.",
                      "smith-icl-1993")

    @Rule(Lymphopenia(), Findings(opportunistic_infection="yes"),
          OR(Findings(hiv_test="negative"), Findings(hiv_risk="tested_negative")),
          NOT(Findings(hiv_test="positive")), NOT(Medication(lowers_lymphocytes=True)))
    def opportunistic_infection_with_a_low_count_and_a_negative_hiv_test(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "An opportunistic infection with a low CD4 count and a negative HIV test, "
                      "with no drug to explain it, is idiopathic CD4 lymphocytopenia (or another "
                      "T-cell deficiency) once the count stays low on repeat.", "smith-icl-1993")
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "A passing viral fall in the lymphocytes does not let Pneumocystis or "
                      "cryptococcus in: the T-cell deficiency is deep and lasting.",
                      "smith-icl-1993")

    # An opportunistic infection where no lymphocyte or CD4 count is given yet: the infection
    # itself says T-cell immunity has failed (the CDC's AIDS-defining illnesses; the patients
    # who defined idiopathic CD4 lymphocytopenia presented so), so HIV and, with a negative
    # HIV test, idiopathic CD4 lymphocytopenia are on the list before any count; the CD4 count
    # is what to send.
    @Rule(Findings(opportunistic_infection="yes"), NOT(Lymphocytes()), NOT(CD4Count()))
    def ask_for_the_cd4_count_beside_an_opportunistic_infection(self):
        self.ask("cd4", FOLLOW_UP + 10,
                 "An opportunistic infection is a T-cell deficiency until the CD4 count says "
                 "otherwise: below 200/µL with HIV, below 300/µL without it (idiopathic CD4 "
                 "lymphocytopenia).")

    @Rule(Findings(opportunistic_infection="yes"), NOT(Lymphocytes()), NOT(CD4Count()),
          NOT(Findings(hiv_risk="known_positive")), NOT(Findings(hiv_test="positive")),
          NOT(Findings(hiv_test="negative")), NOT(Findings(hiv_risk="tested_negative")),
          NOT(Medication(lowers_lymphocytes=True)))
    def opportunistic_infection_before_any_count_hiv_status_unknown(self):
        self.evidence("hiv", STRONG_FOR,
                      "An AIDS-defining opportunistic infection: HIV until an HIV test says "
                      "otherwise, whatever the counts turn out to be.", "cdc-hiv-2014")
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Without HIV, an opportunistic infection is how idiopathic CD4 "
                      "lymphocytopenia presents; the CD4 count decides.", "smith-icl-1993")

    @Rule(Findings(opportunistic_infection="yes"), NOT(Lymphocytes()), NOT(CD4Count()),
          OR(Findings(hiv_test="negative"), Findings(hiv_risk="tested_negative")),
          NOT(Findings(hiv_test="positive")), NOT(Medication(lowers_lymphocytes=True)))
    def opportunistic_infection_before_any_count_with_a_negative_hiv_test(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "An opportunistic infection with a negative HIV test and no drug to "
                      "explain it is idiopathic CD4 lymphocytopenia (or another T-cell "
                      "deficiency) until a CD4 count, repeated, says otherwise.",
                      "smith-icl-1993")

    @Rule(CD4Count(status="normal"), Lymphopenia())
    def normal_cd4_count(self):
        self.evidence("hiv", MODERATE_AGAINST,
                      "A normal CD4 count makes HIV an unlikely cause of the lymphopenia.",
                      "cdc-hiv-2014")

    @Rule(Lymphopenia(), Findings(oral_thrush="yes"))
    def oral_thrush_with_lymphopenia(self):
        self.evidence("hiv", STRONG_FOR,
                      "Oral candidiasis in an adult with no inhaled steroid, antibiotic or "
                      "denture to explain it signals failing T-cell immunity, most often HIV.",
                      "cdc-hiv-2014")
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Persistent thrush is a sign of T-cell immunodeficiency.",
                      "hematology-texts")
        self.evidence("glucocorticoid_lymphopenia", WEAK_FOR,
                      "Glucocorticoids both lower lymphocytes and predispose to thrush.",
                      "hematology-texts")

    @Rule(Lymphopenia(), Findings(weight_loss="yes"))
    def weight_loss_with_lymphopenia(self):
        for cause in ("hiv", "tuberculosis", "lymphoma_marrow_infiltration"):
            self.evidence(cause, MODERATE_FOR,
                          "Weight loss with a low lymphocyte count points to a chronic "
                          "infection (HIV, tuberculosis) or lymphoma.", "hematology-texts")
        self.evidence("severe_malnutrition", WEAK_FOR,
                      "Undernutrition lowers the lymphocyte count.", "seed-000")

    @Rule(Lymphopenia(), Findings(hiv_risk="known_positive"))
    def lymphopenia_in_known_hiv(self):
        self.evidence("hiv", VERY_STRONG_FOR,
                      "HIV destroys CD4 T cells: lymphopenia is its hallmark.", "cdc-hiv-2014")

    # ---- drugs and treatment ----------------------------------------------------------------
    # A glucocorticoid whose start the case does not date may have come after the count (given
    # for the illness the lymphopenia belongs to): as for every other drug whose timing
    # cannot be checked, it weighs one step less than one dated before the count.
    @Rule(Lymphopenia(), Medication(drug_class="glucocorticoid", generic=MATCH.generic),
          NOT(Medication(drug_class="glucocorticoid", started_weeks_ago=W())),
          NOT(Medication(drug_class="glucocorticoid",
                         stopped_weeks_ago=number(lambda weeks: weeks > 4))))
    def lymphopenia_on_a_glucocorticoid_not_dated(self, generic):
        self.evidence("glucocorticoid_lymphopenia", STRONG_FOR,
                      f"{generic.capitalize()}: glucocorticoids move lymphocytes out of the "
                      "blood within hours and keep CD4 cells low while they are taken; when "
                      "it was started against the count is not given, so it may have come "
                      "after the fall.", "hematology-texts")

    @Rule(Lymphopenia(), Medication(drug_class="glucocorticoid", generic=MATCH.generic,
                                    started_weeks_ago=W()),
          NOT(Medication(drug_class="glucocorticoid",
                         stopped_weeks_ago=number(lambda weeks: weeks > 4))))
    def lymphopenia_on_a_glucocorticoid(self, generic):
        self.evidence("glucocorticoid_lymphopenia", VERY_STRONG_FOR,
                      f"{generic.capitalize()}: glucocorticoids move lymphocytes out of the "
                      "blood within hours and keep CD4 cells low for as long as they are "
                      "taken (while the neutrophil count rises).", "hematology-texts")

    @Rule(Lymphopenia(neutrophils_low=True), Medication(drug_class="glucocorticoid"))
    def glucocorticoid_beside_a_low_neutrophil_count(self):
        self.evidence("glucocorticoid_lymphopenia", STRONG_AGAINST,
                      "Glucocorticoids raise the neutrophil count: they explain a lymphopenia, "
                      "not the low neutrophils beside it, which need another cause.",
                      "hematology-texts")

    @Rule(Lymphopenia(), Medication(drug_class="glucocorticoid",
                                    stopped_weeks_ago=number(lambda weeks: weeks > 4)))
    def lymphopenia_weeks_after_a_glucocorticoid_was_stopped(self):
        self.evidence("glucocorticoid_lymphopenia", STRONG_AGAINST,
                      "The lymphocyte count recovers within days to a few weeks of stopping a "
                      "glucocorticoid; a lymphopenia a month later has another cause.",
                      "hematology-texts")

    @Rule(Lymphopenia(), Labs(eosinophils=above(500)))
    def eosinophilia_beside_lymphopenia(self):
        self.evidence("glucocorticoid_lymphopenia", STRONG_AGAINST,
                      "Glucocorticoids lower eosinophils as well as lymphocytes; a raised "
                      "eosinophil count argues against a steroid effect (and for adrenal "
                      "insufficiency or a parasite).", "hematology-texts")

    @Rule(Lymphopenia(), Medication(generic=IS_LYMPHODEPLETING & MATCH.generic),
          NOT(Medication(generic=IS_LYMPHODEPLETING, stopped_weeks_ago=above(104))))
    def lymphopenia_after_lymphodepleting_treatment(self, generic):
        self.evidence("lymphodepleting_therapy", VERY_STRONG_FOR,
                      f"{generic.capitalize()} is given to deplete lymphocytes; the "
                      "lymphopenia is expected and can last many months.", "hematology-texts")

    # The multiple-sclerosis drugs that lower lymphocytes without touching the neutrophils:
    # the S1P modulators (fingolimod, siponimod, ozanimod) hold lymphocytes in the nodes, so
    # the blood count falls to a fraction of its baseline in nearly everyone within weeks;
    # the fumarates deplete them, deeply in a minority. The lymphopenia is the drug's expected
    # effect (recovering over weeks to months off it), and its depth decides the infection
    # risk and whether to go on.
    @Rule(Lymphopenia(), Medication(drug_class="lymphocyte_lowering", generic=MATCH.generic),
          NOT(Medication(drug_class="lymphocyte_lowering", generic=MATCH.generic,
                         stopped_weeks_ago=above(12))))
    def lymphopenia_on_an_s1p_modulator_or_a_fumarate(self, generic):
        self.evidence("lymphodepleting_therapy", STRONG_FOR,
                      f"{generic.capitalize()} lowers the blood lymphocytes as its expected "
                      "effect (S1P modulators hold them in the lymph nodes, fumarates deplete "
                      "them); the depth of the lymphopenia sets the infection risk.",
                      "hematology-texts")

    @Rule(Lymphopenia(), Medication(generic=IS_LYMPHODEPLETING, stopped_weeks_ago=above(104)))
    def lymphodepleting_treatment_long_ago(self):
        self.evidence("lymphodepleting_therapy", MODERATE_AGAINST,
                      "Most patients' lymphocytes recover within one to two years of "
                      "lymphodepleting treatment; a lymphopenia years later needs another "
                      "explanation.", "hematology-texts")

    @Rule(Lymphopenia(), Medication(generic=P(lambda g: g not in LYMPHODEPLETING),
                                    drug_class="cytotoxic_chemotherapy"))
    def lymphopenia_on_chemotherapy(self):
        self.evidence("chemotherapy_myelosuppression", MODERATE_FOR,
                      "Cytotoxic chemotherapy lowers lymphocytes as well as neutrophils.",
                      "seed-001")

    @Rule(Lymphopenia(), Findings(recent_chemotherapy="yes"),
          NOT(Medication(drug_class="cytotoxic_chemotherapy")))
    def lymphopenia_after_reported_chemotherapy(self):
        self.evidence("chemotherapy_myelosuppression", MODERATE_FOR,
                      "Cytotoxic chemotherapy lowers lymphocytes as well as neutrophils.",
                      "seed-001")

    @Rule(Lymphopenia(), Findings(radiation_therapy="yes"))
    def lymphopenia_after_radiotherapy(self):
        self.evidence("radiation_marrow_suppression", STRONG_FOR,
                      "Lymphocytes are the most radiosensitive blood cells: radiotherapy "
                      "lowers them first and longest.", "hematology-texts")

    # A radiation accident shows first in the lymphocytes: they fall within hours, and how far
    # by 48 hours is the first estimate of the dose (below 1,000/µL at 48 hours marks a
    # significant whole-body dose, below about 100/µL a lethal one), long before the
    # neutrophils and platelets fall over the following weeks. A lymphocyte count is often
    # the only count the first reports give.
    # weighed where only the lymphocytes are given (below), so asked there: the other lines of
    # a low count ask it themselves (rules/marrow_failure.py)
    @Rule(Lymphopenia(), NOT(CellLines(pattern=W())))
    def ask_a_lymphopenia_about_a_radiation_accident(self):
        self.ask("radiation_exposure", DETAIL,
                 "A radiation accident lowers the lymphocytes first, within hours.")

    @Rule(Lymphopenia(), Findings(radiation_exposure="yes"), NOT(CellLines(pattern=W())))
    def lymphopenia_after_a_radiation_accident(self):
        self.evidence("radiation_marrow_suppression", VERY_STRONG_FOR,
                      "Lymphocytes are the most radiosensitive blood cells: after a radiation "
                      "accident they fall within hours, and the count at 48 hours estimates "
                      "the dose; the neutrophils and platelets follow over weeks, so repeat the "
                      "count daily.", "waselenko-ars-2004")

    # The lymphocytes (CD4 cells above all) recover last after cytotoxic treatment or
    # radiotherapy: in adults, whose thymus has involuted, CD4 counts stay low for a year or
    # more after the neutrophils have recovered, so a lymphopenia months to years after
    # treatment may still be its doing.
    @Rule(Lymphopenia(), Findings(past_cancer_treatment="yes"),
          NOT(Findings(radiation_therapy="yes")), NOT(Findings(recent_chemotherapy="yes")))
    def lymphopenia_months_to_years_after_chemotherapy_or_radiotherapy(self):
        for cause in ("radiation_marrow_suppression", "chemotherapy_myelosuppression"):
            self.evidence(cause, MODERATE_FOR,
                          "Chemotherapy or radiotherapy months to years ago: in adults the CD4 "
                          "lymphocytes take a year or more to recover, long after the "
                          "neutrophils.", "mackall-1995")

    # ---- infections and systemic disease -----------------------------------------------------
    @Rule(Lymphopenia(), Findings(recent_viral_illness="yes"),
          NOT(Findings(low_count_first_noted_weeks_ago=at_least(6))),
          NOT(Findings(serial_counts="persistently_low")))
    def lymphopenia_after_a_viral_illness(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "Influenza, COVID-19, measles, hepatitis and other acute viral "
                      "infections lower the lymphocyte count for a few weeks.",
                      "hematology-texts")

    @Rule(Lymphopenia(), SepsisSigns())
    def lymphopenia_with_signs_of_sepsis(self):
        self.evidence("bacterial_sepsis", MODERATE_FOR,
                      "Profound lymphopenia is common in sepsis and severe acute illness.",
                      "hematology-texts")

    @Rule(Lymphopenia(), Findings(tb_features="yes"))
    def lymphopenia_with_features_of_tuberculosis(self):
        self.evidence("tuberculosis", MODERATE_FOR,
                      "Active tuberculosis, especially disseminated, lowers the lymphocyte "
                      "count.", "hematology-texts")

    @Rule(Lymphopenia(), OR(Findings(known_sarcoidosis="yes"),
                            Findings(hilar_lymphadenopathy="yes")))
    def lymphopenia_with_sarcoidosis(self):
        self.evidence("sarcoidosis", STRONG_FOR,
                      "Lymphopenia is the commonest blood finding in sarcoidosis, as "
                      "lymphocytes gather in the granulomas.", "seed-002")

    # Active sarcoidosis lowers the blood CD4 cells (and CD8 and B cells) as they gather in the
    # granulomas, at times into the range of advanced HIV, and the lowest counts go with the
    # most severe disease and with the same opportunistic infections (cryptococcus above all)
    # as idiopathic CD4 lymphocytopenia (Sweiss et al. 2010). ICL is a diagnosis of
    # exclusion: by the CDC definition it needs no other cause of the low CD4 count, and a
    # known sarcoidosis is one.
    @Rule(CD4Count(status=P(lambda s: s in ("low", "severe"))), Findings(known_sarcoidosis="yes"),
          NOT(Findings(hiv_risk="known_positive")), NOT(Findings(hiv_test="positive")))
    def low_cd4_count_in_known_sarcoidosis(self):
        self.evidence("sarcoidosis", MODERATE_FOR,
                      "Sarcoidosis itself lowers the CD4 count, at times below 200/µL, most in "
                      "severe disease; the opportunistic infections of a low CD4 count follow "
                      "it too.", "sweiss-sarcoid-cd4-2010")
        self.evidence("immunodeficiency_disorder", STRONG_AGAINST,
                      "Idiopathic CD4 lymphocytopenia needs a low CD4 count that nothing else "
                      "explains; a known sarcoidosis explains it.", "smith-icl-1993")

    @Rule(Lymphopenia(), OR(Findings(b_symptoms="yes"), Findings(lymphadenopathy="yes")))
    def lymphopenia_with_nodes_or_b_symptoms(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Lymphopenia with enlarged nodes or fevers, sweats and weight loss is a "
                      "feature of lymphoma (a poor sign in Hodgkin lymphoma).",
                      "hematology-texts")

    @Rule(Lymphopenia(), OR(Findings(body_mass_index=number(lambda bmi: bmi < 16)),
                            Findings(anorexia_nervosa="yes")))
    def lymphopenia_with_severe_undernutrition(self):
        self.evidence("severe_malnutrition", MODERATE_FOR,
                      "Protein-energy malnutrition shrinks the thymus and lowers the "
                      "lymphocyte count.", "seed-000")

    @Rule(Lymphopenia(), Findings(known_immunodeficiency="yes"))
    def lymphopenia_in_a_known_immunodeficiency(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "A known primary immunodeficiency (SCID, a combined or T-cell defect) "
                      "explains a low lymphocyte count: T-cell lymphopenia is how most of them "
                      "show in the blood.", "hematology-texts")

    @Rule(Lymphopenia(), Findings(recurrent_infections="yes"))
    def lymphopenia_with_recurrent_infections(self):
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Lymphopenia with recurrent or opportunistic infections points to a "
                      "T-cell immunodeficiency.", "seed-000")

    @Rule(Lymphopenia(), Patient(age_years=INFANT))
    def lymphopenia_in_an_infant(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "An infant's lymphocyte count is normally high; a count below the "
                      "infant range is the classic sign of severe combined immunodeficiency, "
                      "a paediatric emergency.", "lymphocyte-ranges")

    # The depth counts: an infant's lymphocytes normally number 3,000/µL or more (Comans-Bitter
    # 1997, Shearer 2003), so a count below 1,500/µL is less than half the lower limit, where
    # most infants with severe combined immunodeficiency are found and few others.
    @Rule(Lymphopenia(), Patient(age_years=INFANT), Labs(alc=number(lambda alc: alc < 1500)))
    def profound_lymphopenia_in_an_infant(self):
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "A lymphocyte count below 1,500/µL in the first year is less than half "
                      "the infant's lower limit: severe combined immunodeficiency until "
                      "lymphocyte subsets say otherwise.", "lymphocyte-ranges")

    # An infant has had no time for infections to recur: in the first months a single severe
    # infection (pneumonia, sepsis, a severe viral illness) beside a lymphopenia is how severe
    # combined immunodeficiency presents.
    @Rule(Lymphopenia(), Patient(age_years=INFANT), Findings(infection_severity="severe"),
          NOT(Findings(recurrent_infections="yes")))
    def lymphopenia_with_a_severe_infection_in_an_infant(self):
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "A severe infection in the first months of life beside a lymphopenia is "
                      "how severe combined immunodeficiency presents, before infections have had "
                      "time to recur: lymphocyte subsets (T, B and NK cells) now.",
                      "hematology-texts")

    # The 22q11.2 deletion (DiGeorge syndrome): the third and fourth pharyngeal pouches fail
    # to form the thymus and the parathyroids, so a T-cell lymphopenia comes with a low
    # calcium (hypoparathyroidism), most often found in the first months or years of life,
    # with a conotruncal heart defect or a cleft palate beside it (McDonald-McGinn et al.,
    # Nat Rev Dis Primers 2015). A low total calcium with a low albumin is the protein's, not
    # the parathyroids', and is left to the protein-losing rules below.
    @Rule(Lymphopenia(), Patient(age_years=number(lambda age: age < 5)),
          OR(Labs(calcium=number(lambda calcium: calcium < 8.5)),
             Labs(calcium=reported_as("low"))),
          NOT(Labs(albumin=number(lambda albumin: albumin < 3.5))),
          NOT(Labs(albumin=reported_as("low"))))
    def lymphopenia_with_a_low_calcium_in_a_young_child(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "A low lymphocyte count with a low calcium in an infant or young child "
                      "is the thymic and parathyroid failure of the 22q11.2 deletion (DiGeorge "
                      "syndrome): T-cell subsets, PTH, an echocardiogram and 22q11 FISH or "
                      "microarray.", "mcdonald-mcginn-22q11-2015")

    @Rule(Lymphopenia(), Patient(age_years=at_least(5)), Findings(known_immunodeficiency="no"),
          Findings(recurrent_infections="no"))
    def lymphopenia_without_infections_in_an_older_child_or_adult(self):
        self.evidence("immunodeficiency_disorder", MODERATE_AGAINST,
                      "A congenital T-cell deficiency that lets a child reach school age "
                      "without recurrent infections is rare.", "hematology-texts")

    # ---- a protein-losing enteropathy --------------------------------------------------------
    # Lymph leaking into the gut takes lymphocytes, albumin and immunoglobulins with it: the
    # triad of a lymphopenia, a low albumin and a low IgG (Vignes 2008).

    @Rule(Lymphopenia(neutrophils_low=False))
    def ask_for_the_albumin_beside_a_lymphopenia(self):
        self.ask("albumin", DETAIL + 3,
                 "A low albumin beside a lymphopenia points to lymph lost into the gut (a "
                 "protein-losing enteropathy) or to malnutrition.")

    @Rule(Lymphopenia(), OR(Labs(albumin=number(lambda albumin: albumin < 3.0)),
                            Labs(albumin=reported_as("low"))))
    def ask_for_the_igg_and_the_gut_beside_a_low_albumin(self):
        self.ask("igg", FOLLOW_UP,
                 "A low IgG with a low albumin and lymphocytes is the triad of a "
                 "protein-losing enteropathy.")
        self.ask("malabsorption", FOLLOW_UP - 1,
                 "Chronic diarrhoea or malabsorption with a low albumin points to the gut.")

    @Rule(Lymphopenia(), OR(Labs(albumin=number(lambda albumin: albumin < 3.0)),
                            Labs(albumin=reported_as("low"))),
          OR(Labs(igg=number(lambda igg: igg < 700)), Labs(igg=reported_as("low"))))
    def lymphopenia_with_a_low_albumin_and_a_low_igg(self):
        self.evidence("intestinal_lymphangiectasia", VERY_STRONG_FOR,
                      "A lymphopenia with a low albumin and a low IgG is the triad of a "
                      "protein-losing enteropathy, intestinal lymphangiectasia above all: lymph "
                      "leaks into the gut with all three.", "vignes-pil-2008")
        self.evidence("immunodeficiency_disorder", WEAK_AGAINST,
                      "A low albumin beside the low IgG and lymphocytes says they are being lost, "
                      "not made too little.", "vignes-pil-2008")
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST,
                      "A passing virus does not lower the albumin and IgG beside the "
                      "lymphocytes.", "vignes-pil-2008")
        self.evidence("hiv", STRONG_AGAINST,
                      "The lymphocytes (CD4 cells among them) are lost with the lymph, which "
                      "explains a CD4 count even in the range of advanced HIV; and HIV raises "
                      "the IgG (polyclonal B-cell activation) rather than lowering it.",
                      "vignes-pil-2008")

    @Rule(Lymphopenia(), OR(Labs(albumin=number(lambda albumin: albumin < 3.0)),
                            Labs(albumin=reported_as("low"))),
          Findings(malabsorption="yes"))
    def lymphopenia_with_a_low_albumin_and_diarrhoea_or_malabsorption(self):
        self.evidence("intestinal_lymphangiectasia", MODERATE_FOR,
                      "A lymphopenia with a low albumin and chronic diarrhoea or malabsorption "
                      "points to protein and lymph lost from the gut.", "vignes-pil-2008")

    @Rule(Labs(albumin=at_least(3.5)))
    def normal_albumin_argues_against_a_protein_losing_enteropathy(self):
        self.evidence("intestinal_lymphangiectasia", STRONG_AGAINST,
                      "A normal albumin argues against a protein-losing enteropathy.",
                      "vignes-pil-2008")

    @Rule(Lymphopenia(neutrophils_low=True))
    def low_neutrophils_argue_against_a_protein_losing_enteropathy(self):
        self.evidence("intestinal_lymphangiectasia", MODERATE_AGAINST,
                      "Lymph lost into the gut takes lymphocytes, not neutrophils; a low "
                      "neutrophil count needs another cause.", "vignes-pil-2008")
