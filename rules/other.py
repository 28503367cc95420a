"""Other causes: hyperthyroidism (and known thyroid disease and its treatment), sarcoidosis,
immunodeficiency disorders, the Duffy-null associated neutrophil count (a normal variant),
chronic idiopathic neutropenia (a diagnosis of exclusion) and haemophagocytic
lymphohistiocytosis."""

from __future__ import annotations

from experta import AND, AS, NOT, OR, P, Rule, W

from .base import (
    DECISIVE_FOR,
    DETAIL,
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
from .facts import (
    CellLines,
    CountHistory,
    DrugExposure,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Lymphopenia,
    Medication,
    Neutrophils,
    Patient,
)
from .nutrition import B12_IN_QUESTION
from .quantities import Range

DUFFY_ANCESTRY = ("african", "middle_eastern")


SUPPRESSED_TSH = number(lambda tsh: tsh < 0.1)  # mIU/L
LOW_TSH = number(lambda tsh: 0.1 <= tsh < 0.4)
NORMAL_OR_HIGH_TSH = number(lambda tsh: tsh >= 0.4)
LOW_IGG = number(lambda igg: igg < 700)  # mg/dL
NORMAL_IGG = number(lambda igg: igg >= 700)
OVERACTIVE_THYROID = P(lambda disease: disease in ("graves", "toxic_nodular", "thyroiditis"))
CHRONIC = number(lambda weeks: weeks >= 12)  # more than three months
NOT_YET_CHRONIC = number(lambda weeks: weeks < 12)
ADULT = number(lambda age: age >= 18)
INFANT = number(lambda age: age < 1)
YOUNG_CHILD_UNDER_FIVE = number(lambda age: age < 5)
# Ferritin (µg/L = ng/mL): above 10,000 is rare outside HLH (Allen 2008, via HLH-2004 users)
VERY_HIGH_FERRITIN = number(lambda ferritin: ferritin >= 10000)
HIGH_FERRITIN = number(lambda ferritin: 500 <= ferritin < 10000)
FERRITIN_IN_THE_HSCORE_RANGE = number(lambda ferritin: 2000 <= ferritin < 10000)  # Fardet 2014
FERRITIN_BELOW_HLH = number(lambda ferritin: ferritin < 500)
# HLH-2004 cytopenia criterion: two or more of haemoglobin < 9 g/dL, platelets < 100,000/µL,
# neutrophils < 1,000/µL
HLH_CYTOPENIA_LIMITS = (("hemoglobin", 9), ("platelets", 100_000), ("anc", 1000))


def _meets_limit(value, limit) -> bool:
    """A count below an HLH-2004 limit: a number or bound wholly below it, or a count the case
    gives only as "low" (the report's own word, no number to test)."""
    if type(value) is Range:
        return value.text == "low" or value.below(limit)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value < limit


def hlh_2004_criteria_met(labs: dict, findings: dict, febrile: bool) -> list[str]:
    """The HLH-2004 diagnostic criteria a case meets, of the eight: fever, splenomegaly,
    cytopenias in two or more lines, fasting triglycerides of 265 mg/dL (3.0 mmol/L) or more or
    fibrinogen of 150 mg/dL (1.5 g/L) or less, haemophagocytosis, low or absent NK-cell
    activity, ferritin of 500 µg/L or more, soluble CD25 of 2,400 U/mL or more. A value the
    case gives only as a word counts when the word is the criterion's own ("high" triglycerides,
    ferritin or soluble CD25, "low" fibrinogen): reports name these only when they are
    abnormal enough to count."""
    met = ["fever"] if febrile else []
    if findings.get("splenomegaly") == "yes":
        met.append("splenomegaly")
    counts = dict(labs)
    if counts.get("anc") is None:  # the ANC worked out from the differential, as labs.py does
        wbc, segmented = counts.get("wbc"), counts.get("neutrophils_pct")
        if all(isinstance(v, (int, float)) and not isinstance(v, bool)
               for v in (wbc, segmented)):
            bands = counts.get("bands_pct")
            bands = bands if isinstance(bands, (int, float)) and not isinstance(bands, bool) \
                else 0
            counts["anc"] = wbc * (segmented + bands) / 100
    if sum(_meets_limit(counts.get(line), limit) for line, limit in HLH_CYTOPENIA_LIMITS) >= 2:
        met.append("cytopenias in two or more lines")
    ferritin = labs.get("ferritin")
    if (type(ferritin) is Range and (ferritin.text == "high" or ferritin.at_or_above(500))) or (
            isinstance(ferritin, (int, float)) and not isinstance(ferritin, bool)
            and ferritin >= 500):
        met.append("ferritin of 500 µg/L or more")
    if (_at_or_above(labs.get("triglycerides"), 265, "high")
            or _at_or_below(labs.get("fibrinogen"), 150, "low")):
        met.append("high triglycerides or low fibrinogen")
    if findings.get("marrow_infiltrate") == "hemophagocytosis":
        met.append("haemophagocytosis")
    if findings.get("nk_cell_activity") == "low_or_absent":
        met.append("low or absent NK-cell activity")
    if _at_or_above(labs.get("soluble_cd25"), 2400, "high"):
        met.append("soluble CD25 of 2,400 U/mL or more")
    return met


def _at_or_above(value, limit, word: str) -> bool:
    """A lab at or above an HLH-2004 limit: a number, a bound wholly at or above it, or the
    criterion's own word."""
    if type(value) is Range:
        return value.text == word or value.at_or_above(limit)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= limit


def _at_or_below(value, limit, word: str) -> bool:
    """A lab at or below an HLH-2004 limit (a bound wholly at or below it, or the word)."""
    if type(value) is Range:
        return value.text == word or value.holds(lambda v: v <= limit)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value <= limit


class OtherRules(Conclusions):
    """Causes that fit no larger group."""

    # the ancestry is weighed with any grade of neutropenia (outside African and Middle
    # Eastern ancestry the Duffy-null variant is ruled out), so asked with any isolated one
    @Rule(Neutrophils(grade=W()), CellLines(pattern="isolated"))
    def ask_about_ancestry(self):
        self.ask("ancestry", DETAIL + 30,
                 "In people of African or Middle Eastern ancestry a mild isolated neutropenia is "
                 "often a normal variant (Duffy-null).")

    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)), Neutrophils(grade="mild"),
          CellLines(pattern="isolated"))
    def mild_isolated_neutropenia_with_duffy_null_prone_ancestry(self):
        self.evidence("duffy_null_neutrophil_count", VERY_STRONG_FOR,
                      "Most people of African ancestry, and many of Middle Eastern ancestry, "
                      "carry the Duffy-null variant that sets a lower normal ANC.", "duffy-2009")

    # The Duffy-null count sits mostly at 1,000-1,500/µL, but a minority of healthy carriers
    # run 500-1,000/µL: a moderate isolated neutropenia still deserves the variant on the list,
    # with less weight than a mild one.
    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)), Neutrophils(grade="moderate"),
          CellLines(pattern="isolated"))
    def moderate_isolated_neutropenia_with_duffy_null_prone_ancestry(self):
        self.evidence("duffy_null_neutrophil_count", MODERATE_FOR,
                      "Some healthy carriers of the Duffy-null variant run an ANC of "
                      "500-1,000/µL; a moderate isolated neutropenia in a person of African or "
                      "Middle Eastern ancestry may still be the variant (the Duffy phenotype "
                      "settles it).", "duffy-2009")

    @Rule(Patient(ancestry=P(lambda a: a not in DUFFY_ANCESTRY)), Neutrophils(grade=W()))
    def ancestry_without_duffy_null_prevalence(self):
        self.evidence("duffy_null_neutrophil_count", RULES_OUT,
                      "The Duffy-null variant is rare outside African and Middle Eastern "
                      "ancestry.", "duffy-2009")

    @Rule(Neutrophils(grade="severe"))
    def severe_neutropenia_is_never_a_normal_variant(self):
        self.evidence("duffy_null_neutrophil_count", RULES_OUT,
                      "The Duffy-null count rarely falls below 1,000/µL and only "
                      "exceptionally to severe neutropenia.", "duffy-2009")

    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)),
          OR(Findings(recurrent_infections="yes"), Findings(infection_severity="severe")))
    def infections_argue_against_a_benign_variant(self):
        self.evidence("duffy_null_neutrophil_count", STRONG_AGAINST,
                      "The Duffy-null count carries no extra infection risk; recurrent "
                      "infections point to a disease.", "duffy-2009")

    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)),
          CellLines(pattern=P(lambda p: p != "isolated")))
    def other_lines_low_argue_against_a_benign_variant(self):
        self.evidence("duffy_null_neutrophil_count", MODERATE_AGAINST,
                      "The variant affects neutrophils only; other low lines need another "
                      "explanation.", "duffy-2009")

    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)),
          NOT(Findings(previous_counts_normal="yes")), Neutrophils(grade="mild"))
    def ask_about_earlier_counts(self):
        self.ask("previous_counts_normal", DETAIL + 20,
                 "A lifelong, stable mild neutropenia fits the normal variant; a new fall does "
                 "not.")

    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)),
          Findings(previous_counts_normal="yes"), Neutrophils(grade="mild"))
    def new_fall_from_a_normal_count(self):
        self.evidence("duffy_null_neutrophil_count", STRONG_AGAINST,
                      "Earlier counts were normal: the variant sets a lifelong level, it does not "
                      "make the count fall.", "duffy-2009")

    # ---- hyperthyroidism -------------------------------------------------------------------

    # not in a young child, in whom an overactive thyroid is rare (issue 12: a well
    # four-year-old is not asked about thyroid disease)
    @Rule(Neutrophils(grade=MILD_OR_MODERATE), CellLines(pattern="isolated"),
          NOT(DrugExposure(timing=P(lambda t: t in ("plausible", "unknown", "late")))),
          NOT(Patient(age_years=YOUNG_CHILD)))
    def ask_about_thyroid_symptoms(self):
        self.ask("thyroid_symptoms", DETAIL + 10,
                 "An overactive thyroid can lower the neutrophil count mildly; it is an easy "
                 "cause to miss in a mild, unexplained neutropenia.")
        # a Graves' disease already diagnosed is weighed whether or not it has symptoms now
        # (low_count_in_an_overactive_thyroid)
        self.ask("known_thyroid_disease", DETAIL + 9,
                 "Graves' disease lowers the neutrophils itself, and its drugs can cause "
                 "agranulocytosis.")

    # thyrotoxic symptoms are weighed with any low count (thyrotoxic_symptoms_with_a_low_count):
    # an overactive thyroid can lower every line, so an adult with several low lines and no
    # severe neutropenia (which would point elsewhere first) is asked too
    @Rule(CellLines(pattern=SEVERAL_LINES), Patient(age_years=ADULT),
          NOT(Neutrophils(grade="severe")), NOT(Medication(drug_class="antithyroid")))
    def ask_an_adult_with_several_low_lines_about_thyroid_symptoms(self):
        self.ask("thyroid_symptoms", DETAIL + 2,
                 "An overactive thyroid can lower all three lines (pancytopenia that recovers "
                 "once the thyroid is treated).")
        # a Graves' disease already diagnosed is weighed with any low count, symptoms or not
        # (low_count_in_an_overactive_thyroid)
        self.ask("known_thyroid_disease", DETAIL + 1,
                 "Graves' disease can lower every line, and its drugs can cause "
                 "agranulocytosis.")

    # beside an antithyroid drug: the disease still active, or the drug's agranulocytosis
    # alone (weighed by thyrotoxic_symptoms_with_a_low_count with any low count)
    @Rule(CellLines(pattern=W()), Medication(drug_class="antithyroid"))
    def ask_about_thyroid_symptoms_on_an_antithyroid_drug(self):
        self.ask("thyroid_symptoms", DETAIL + 10,
                 "An overactive thyroid lowers the neutrophils itself; on its drug, symptoms "
                 "say the disease is still active beside the drug's own effect.")

    @Rule(OR(Findings(thyroid_symptoms="yes"), DrugExposure(drug_class="antithyroid")),
          NOT(Labs(tsh=W())))
    def ask_for_the_tsh(self):
        self.ask("tsh", FOLLOW_UP + 2,
                 "A suppressed TSH confirms an overactive thyroid.")

    @Rule(CellLines(pattern=W()), Findings(thyroid_symptoms="yes"))
    def thyrotoxic_symptoms_with_a_low_count(self):
        self.evidence("hyperthyroidism", MODERATE_FOR,
                      "Weight loss despite a good appetite, palpitations, heat intolerance and "
                      "tremor are the symptoms of an overactive thyroid, which can lower the "
                      "neutrophils.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(tsh=SUPPRESSED_TSH))
    def suppressed_tsh_with_a_low_count(self):
        self.evidence("hyperthyroidism", VERY_STRONG_FOR,
                      "A suppressed TSH shows thyroid hormone excess; Graves disease in "
                      "particular is associated with a mild neutropenia.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(tsh=LOW_TSH))
    def low_tsh_with_a_low_count(self):
        self.evidence("hyperthyroidism", MODERATE_FOR,
                      "A low but not suppressed TSH fits a mild or subclinical overactive "
                      "thyroid.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(tsh=reported_as("low")))
    def tsh_reported_low_with_a_low_count(self):
        self.evidence("hyperthyroidism", STRONG_FOR,
                      "A TSH reported below the range (no number) shows thyroid hormone excess, "
                      "subclinical or overt; the free T4 and T3 grade it.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(tsh=NORMAL_OR_HIGH_TSH))
    def normal_tsh(self):
        self.evidence("hyperthyroidism", RULES_OUT,
                      "A normal or high TSH all but excludes an overactive thyroid.",
                      "hematology-texts")

    @Rule(CellLines(pattern=W()), Findings(thyroid_symptoms="no"), NOT(Labs(tsh=W())))
    def no_thyroid_symptoms(self):
        self.evidence("hyperthyroidism", MODERATE_AGAINST,
                      "Without any symptom of thyroid excess, hyperthyroidism is an unlikely "
                      "explanation.", "seed-000")

    # On an antithyroid drug a severe neutropenia is the drug's agranulocytosis (Cooper 2005).
    # Untreated, Graves disease itself now and then takes the neutrophils below 500/µL, with
    # the platelets and a big spleen beside them (an immune pancytopenia that recovers once
    # the thyroid is controlled): rare, so strongly against, but no longer ruled out.
    @Rule(Neutrophils(grade="severe"), DrugExposure(cause="drug_antithyroid"))
    def severe_neutropenia_is_beyond_hyperthyroidism(self):
        self.evidence("hyperthyroidism", RULES_OUT,
                      "Hyperthyroidism itself lowers the count only mildly; a severe "
                      "neutropenia in a thyroid patient is the antithyroid drug until proven "
                      "otherwise.", "cooper-2005")

    # When the words leave the grade open ("neutropenia", "leucopenia"), an infection that
    # came with the low count settles it as well as a number would: the mild neutropenia of an
    # overactive thyroid brings no infections, while fever with a sore throat or mouth ulcers
    # is how the antithyroid drug's agranulocytosis presents (Cooper 2005). A moderate ANC
    # with the same story is read the same way (the count may still be falling).
    @Rule(DrugExposure(cause="drug_antithyroid",
                       timing=P(lambda t: t not in ("after_onset", "stopped_long_ago"))),
          Neutrophils(status="absolute_neutropenia",
                      grade=P(lambda g: g in ("unknown", "moderate"))),
          Fever(present=True), Findings(sore_throat_or_mouth_ulcers="yes"))
    def febrile_sore_throat_on_an_antithyroid_drug_is_beyond_hyperthyroidism(self):
        self.evidence("hyperthyroidism", STRONG_AGAINST,
                      "Fever with a sore throat or mouth ulcers is how an antithyroid drug's "
                      "agranulocytosis presents; the mild neutropenia of an overactive thyroid "
                      "itself brings no infections.", "cooper-2005")

    @Rule(Neutrophils(grade="severe"), NOT(DrugExposure(cause="drug_antithyroid")))
    def severe_neutropenia_in_an_untreated_overactive_thyroid_is_rare(self):
        self.evidence("hyperthyroidism", STRONG_AGAINST,
                      "Hyperthyroidism itself lowers the count mildly in most; a severe "
                      "neutropenia from an untreated overactive thyroid is rare (an immune "
                      "fall, sometimes with the platelets and a big spleen, that recovers once "
                      "the thyroid is controlled), so look for another cause first.",
                      "hematology-texts")

    # ---- sarcoidosis -----------------------------------------------------------------------

    # glucocorticoids are sarcoidosis's treatment, and the disease itself lowers the counts
    # through the spleen and the marrow (low_count_in_known_sarcoidosis): asked of a patient
    # on them as well
    @Rule(CellLines(pattern=W()),
          OR(Lymphocytes(status="lymphopenia"), Findings(lymphadenopathy="yes"),
             Medication(drug_class="glucocorticoid")))
    def ask_about_sarcoidosis(self):
        self.ask("known_sarcoidosis", DETAIL + 8,
                 "Sarcoidosis draws lymphocytes into granulomas and can infiltrate the spleen "
                 "and marrow.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(known_sarcoidosis="yes"),
             AND(Lymphocytes(status="lymphopenia"), Findings(lymphadenopathy="yes"))))
    def ask_about_hilar_nodes(self):
        self.ask("hilar_lymphadenopathy", DETAIL + 6,
                 "Enlarged nodes at both lung roots are the signature of sarcoidosis.")

    @Rule(CellLines(pattern=W()), Findings(known_sarcoidosis="yes"))
    def low_count_in_known_sarcoidosis(self):
        self.evidence("sarcoidosis", STRONG_FOR,
                      "Sarcoidosis lowers lymphocytes and, through spleen and marrow granulomas, "
                      "the other white cells.", "seed-003")

    @Rule(CellLines(pattern=W()), Findings(hilar_lymphadenopathy="yes"))
    def low_count_with_hilar_nodes(self):
        self.evidence("sarcoidosis", STRONG_FOR,
                      "Enlarged nodes at both lung roots with a low count suggest "
                      "sarcoidosis.", "seed-003")
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "Mediastinal lymphoma can also enlarge the nodes in the chest.",
                      "seed-000")

    # A lymphopenia beside known sarcoidosis or hilar nodes is weighed once, by
    # lymphopenia_with_sarcoidosis (rules/lymphopenia.py).

    @Rule(CellLines(pattern=W()), Findings(splenomegaly="yes"),
          OR(Findings(known_sarcoidosis="yes"), Findings(hilar_lymphadenopathy="yes")))
    def big_spleen_with_sarcoid_features(self):
        self.evidence("sarcoidosis", WEAK_FOR,
                      "Sarcoid granulomas in the spleen enlarge it and can sequester cells.",
                      "seed-003")

    # Known sarcoidosis explains nodes in the chest and a big spleen itself; lymphoma stays on
    # the list (the two can coexist) until a node or the marrow is sampled, with less weight
    # than the nodes alone would give it.
    @Rule(CellLines(pattern=W()), Findings(known_sarcoidosis="yes", lymphadenopathy="yes"),
          OR(Findings(hilar_lymphadenopathy="yes"),
             Findings(lymph_node_sites="mediastinal_or_abdominal")))
    def known_sarcoidosis_explains_the_nodes(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_AGAINST,
                      "In known sarcoidosis, nodes in the chest (and a big spleen) are the "
                      "granulomas' own; a lymphoma needs a biopsy to show it.", "seed-003")

    @Rule(CellLines(pattern=W()), Findings(known_sarcoidosis="no"),
          NOT(Findings(hilar_lymphadenopathy="yes")),
          NOT(Findings(tissue_granulomas="non_caseating")), NOT(Findings(erythema_nodosum="yes")))
    def no_sign_of_sarcoidosis(self):
        self.evidence("sarcoidosis", STRONG_AGAINST,
                      "No known sarcoidosis and no hilar nodes.", "seed-003")

    # What settles sarcoidosis beside a low count (the ATS guideline, Crouser 2020): Löfgren
    # syndrome (erythema nodosum with bilateral hilar nodes, often with fever and ankle
    # arthritis) is diagnosed without a biopsy; elsewhere a biopsy showing non-caseating
    # (non-necrotising) granulomas with no organism found; a raised serum ACE supports it but
    # is raised in only about six in ten and in other granulomatous disease too.
    @Rule(OR(CellLines(pattern=W()), Lymphopenia()),
          OR(Findings(known_sarcoidosis="yes"), Findings(hilar_lymphadenopathy="yes"),
             Findings(erythema_nodosum="yes")))
    def ask_what_settles_sarcoidosis(self):
        self.ask("tissue_granulomas", DETAIL + 5,
                 "Non-caseating granulomas on a node, skin or lung biopsy are the tissue "
                 "diagnosis of sarcoidosis; caseating ones point to tuberculosis.")
        self.ask("erythema_nodosum", DETAIL + 4,
                 "Erythema nodosum with hilar nodes is Löfgren syndrome, acute sarcoidosis.")
        self.ask("ace", DETAIL + 2,
                 "A raised serum ACE supports sarcoidosis (raised in about six in ten).")

    @Rule(OR(CellLines(pattern=W()), Lymphopenia()),
          Findings(erythema_nodosum="yes", hilar_lymphadenopathy="yes"))
    def erythema_nodosum_with_hilar_nodes(self):
        self.evidence("sarcoidosis", VERY_STRONG_FOR,
                      "Erythema nodosum with nodes at both lung roots is Löfgren syndrome, acute "
                      "sarcoidosis, specific enough to be diagnosed without a biopsy.",
                      "crouser-ats-sarcoidosis-2020")

    @Rule(OR(CellLines(pattern=W()), Lymphopenia()), Findings(erythema_nodosum="yes"),
          NOT(Findings(hilar_lymphadenopathy="yes")))
    def erythema_nodosum_with_a_low_count(self):
        self.evidence("sarcoidosis", WEAK_FOR,
                      "Erythema nodosum is one of the skin signs of sarcoidosis, though "
                      "streptococcal infection, tuberculosis, inflammatory bowel disease and "
                      "drugs cause it too.", "crouser-ats-sarcoidosis-2020")

    @Rule(OR(CellLines(pattern=W()), Lymphopenia()),
          Findings(tissue_granulomas="non_caseating"))
    def non_caseating_granulomas_on_a_biopsy(self):
        self.evidence("sarcoidosis", VERY_STRONG_FOR,
                      "Non-caseating granulomas on a tissue biopsy, with no organism on stains "
                      "and culture, are the tissue diagnosis of sarcoidosis.",
                      "crouser-ats-sarcoidosis-2020")

    # Sarcoidosis is diagnosed only once the granulomas' infections are excluded (ATS 2020):
    # granulomas with a fever and low counts are tuberculosis, brucellosis, histoplasmosis or
    # another infection until the tissue's stains and cultures are negative (miliary
    # tuberculosis often forms granulomas without caseation), and sarcoidosis seldom brings a
    # high fever outside Löfgren syndrome.
    @Rule(CellLines(pattern=W()), Fever(present=True),
          OR(Findings(tissue_granulomas="non_caseating"), Findings(marrow_granulomas="yes")),
          NOT(Findings(erythema_nodosum="yes")), NOT(Findings(known_sarcoidosis="yes")))
    def granulomas_with_a_fever_are_an_infection_until_cultured(self):
        self.evidence("sarcoidosis", MODERATE_AGAINST,
                      "Granulomas with a fever and low counts are an infection (tuberculosis "
                      "first, also brucellosis and the fungi) until stains and cultures of the "
                      "tissue are negative; sarcoidosis is diagnosed only after that.",
                      "crouser-ats-sarcoidosis-2020")

    @Rule(OR(CellLines(pattern=W()), Lymphopenia()), Findings(tissue_granulomas="caseating"))
    def caseating_granulomas_on_a_biopsy(self):
        self.evidence("tuberculosis", VERY_STRONG_FOR,
                      "Caseating (necrotising) granulomas on a biopsy are tuberculosis (or a "
                      "fungus) until stains and cultures say otherwise.", "id-texts")
        self.evidence("sarcoidosis", STRONG_AGAINST,
                      "Sarcoid granulomas do not caseate: necrosis points to an infection, "
                      "which must be excluded before sarcoidosis is diagnosed.",
                      "crouser-ats-sarcoidosis-2020")

    @Rule(OR(CellLines(pattern=W()), Lymphopenia()), OR(Labs(ace=above(52)), Labs(ace=reported_as("high"))))
    def raised_serum_ace_with_a_low_count(self):
        self.evidence("sarcoidosis", MODERATE_FOR,
                      "A raised serum ACE, made by the granulomas, supports sarcoidosis "
                      "(raised in about six in ten; also in tuberculosis, lymphoma and Gaucher "
                      "disease).", "crouser-ats-sarcoidosis-2020")

    @Rule(OR(CellLines(pattern=W()), Lymphopenia()), OR(Labs(ace=at_most(52)), Labs(ace=reported_as("normal"))),
          NOT(Findings(tissue_granulomas="non_caseating")))
    def normal_serum_ace(self):
        self.evidence("sarcoidosis", WEAK_AGAINST,
                      "A normal ACE lowers the odds of sarcoidosis a little; four in ten with "
                      "it have a normal level.", "crouser-ats-sarcoidosis-2020")

    @Rule(CellLines(pattern=W()), Lymphocytes(status="lymphocytosis"))
    def lymphocytosis_argues_against_sarcoidosis(self):
        self.evidence("sarcoidosis", MODERATE_AGAINST,
                      "Active sarcoidosis lowers the blood lymphocytes rather than raising "
                      "them.", "hematology-texts")

    # ---- immunodeficiency disorders ------------------------------------------------------

    @Rule(Findings(recurrent_infections="yes"))
    def ask_about_immune_deficiency(self):
        self.ask("known_immunodeficiency", FOLLOW_UP + 6,
                 "Repeated infections with a low count may come from an immune deficiency "
                 "that also lowers the white cells.")
        self.ask("igg", FOLLOW_UP + 5,
                 "Low immunoglobulins point to an antibody deficiency (or CLL) as the reason "
                 "for repeated infections.")

    @Rule(CellLines(pattern=W()), Findings(known_immunodeficiency="yes"))
    def low_count_in_a_known_immune_deficiency(self):
        self.evidence("immunodeficiency_disorder", VERY_STRONG_FOR,
                      "Several primary immune deficiencies (CVID, hyper-IgM, WHIM and others) "
                      "lower neutrophils or lymphocytes as part of the disease.", "seed-002")

    @Rule(CellLines(pattern=W()), Findings(recurrent_infections="yes"), Labs(igg=LOW_IGG),
          NOT(Lymphocytes(status="lymphocytosis")))
    def recurrent_infections_with_low_igg_and_no_lymphocytosis(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "Repeated infections with low immunoglobulins and no lymphocytosis fit "
                      "an antibody deficiency such as CVID, which can also bring immune "
                      "cytopenias.", "seed-002")

    # Where an isolated neutropenia is shown and neither the lymphocytes nor the IgG are low,
    # the neutropenia itself explains the infections (the congenital and chronic
    # neutropenias are weighed by their own rules), as for infections recurring from the
    # first months of life below.
    # when the infections began is weighed wherever they recur and no neutropenia is shown
    # (infections_recurring_from_the_first_months_of_life), before any count too: asked there
    @Rule(Findings(recurrent_infections="yes"), NOT(Neutrophils(status="absolute_neutropenia")))
    def ask_when_recurring_infections_began(self):
        self.ask("age_at_onset", FOLLOW_UP + 3,
                 "Infections recurring from the first months of life, with no neutropenia "
                 "shown, are the warning sign of an inborn immune defect.")

    @Rule(CellLines(pattern=W()), Findings(recurrent_infections="yes"),
          Patient(age_years=number(lambda age: age < 40)),
          NOT(AND(Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"),
                  NOT(Lymphopenia()), NOT(Labs(igg=LOW_IGG)))))
    def recurrent_infections_from_youth(self):
        self.evidence("immunodeficiency_disorder", WEAK_FOR,
                      "Repeated infections from childhood or early adult life suggest an inborn "
                      "immune deficiency.", "seed-002")

    # Infections that recur from the first months of life are the first warning sign of an
    # inborn immune defect (the primary immunodeficiency practice parameter: SCID and the
    # other combined defects present so, with thrush, diarrhoea and failure to thrive), and
    # they weigh before any count is known. Where the neutrophils are shown low, the
    # congenital neutropenias explain the infections and are weighed by their own rules.
    @Rule(Findings(recurrent_infections="yes", age_at_onset="first_months"),
          NOT(Neutrophils(status="absolute_neutropenia")))
    def infections_recurring_from_the_first_months_of_life(self):
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Infections recurring from the first months of life, with no neutropenia "
                      "shown, are the warning sign of an inborn immune defect (severe combined "
                      "immunodeficiency first in an infant): a lymphocyte count with T, B and NK "
                      "subsets and the immunoglobulins.", "bonilla-pid-2015")

    # An infant with a lymphopenia has had no time for infections to recur: severe combined
    # immunodeficiency presents with its first severe infection (rules/lymphopenia.py).
    @Rule(CellLines(pattern=W()), Findings(recurrent_infections="no"),
          NOT(Findings(known_immunodeficiency="yes")),
          NOT(AND(Lymphopenia(), Patient(age_years=number(lambda age: age < 1)))))
    def no_recurrent_infections(self):
        self.evidence("immunodeficiency_disorder", STRONG_AGAINST,
                      "Immune deficiency shows itself through repeated infections; there have "
                      "been none.", "seed-002")

    # Not under four: CVID is not diagnosed before then (ESID criteria), and an infant's IgG is
    # still largely the mother's, normal even in severe combined immunodeficiency.
    @Rule(CellLines(pattern=W()), Labs(igg=NORMAL_IGG),
          NOT(Findings(known_immunodeficiency="yes")),
          NOT(Patient(age_years=number(lambda age: age < 4))))
    def normal_immunoglobulins(self):
        self.evidence("immunodeficiency_disorder", MODERATE_AGAINST,
                      "A normal IgG makes the commonest adult immune deficiency, CVID, "
                      "unlikely.", "hematology-texts")

    # ---- known thyroid disease and its treatment -------------------------------------------

    # An antithyroid drug is given for an overactive thyroid (Graves' disease or a toxic nodular
    # goitre): a patient on one is not asked whether the thyroid is diseased, the drug says so
    # (low_count_in_an_overactive_thyroid weighs it as it weighs the disease named)
    @Rule(CellLines(pattern=W()),
          OR(Findings(thyroid_symptoms="yes"), Labs(tsh=LOW_TSH), Labs(tsh=SUPPRESSED_TSH)),
          NOT(Medication(drug_class="antithyroid")))
    def ask_about_known_thyroid_disease(self):
        self.ask("known_thyroid_disease", FOLLOW_UP + 1,
                 "Graves' disease lowers the neutrophils itself, and its drugs can cause "
                 "agranulocytosis.")

    @Rule(Findings(known_thyroid_disease=OVERACTIVE_THYROID),
          NOT(Medication(drug_class="antithyroid")))  # the medication list already says
    def ask_how_the_thyroid_is_treated(self):
        self.ask("thyroid_treatment", FOLLOW_UP + 3,
                 "An antithyroid drug is the commonest dangerous cause of neutropenia in a "
                 "patient with Graves' disease.")

    @Rule(OR(Findings(known_thyroid_disease=OVERACTIVE_THYROID),
             AND(Medication(drug_class="antithyroid"), NOT(Findings(known_thyroid_disease=W())))),
          CellLines(pattern=W()),
          NOT(Findings(thyroid_treatment=P(lambda t: t in ("radioiodine", "thyroidectomy")))))
    def low_count_in_an_overactive_thyroid(self):
        self.evidence("hyperthyroidism", MODERATE_FOR,
                      "Graves' disease itself lowers the neutrophils mildly in about one "
                      "patient in seven, most while the hormone excess is not yet controlled.",
                      "seed-000")

    # Known Graves' disease (or another overactive thyroid) not yet treated is thyroid
    # hormone excess now, what a suppressed TSH shows (weighed very strongly above): the
    # untreated disease is where its neutropenia, and the rarer immune pancytopenia that
    # recovers once the patient is euthyroid, are found. A treated one is weighed by the rule
    # above alone, and the antithyroid drug by its own rules.
    @Rule(Findings(known_thyroid_disease=OVERACTIVE_THYROID, thyroid_treatment="none"),
          CellLines(pattern=W()), NOT(Medication(drug_class="antithyroid")),
          NOT(Labs(tsh=W())))
    def low_count_in_an_untreated_overactive_thyroid(self):
        self.evidence("hyperthyroidism", MODERATE_FOR,
                      "The overactive thyroid is untreated, so the hormone excess is present "
                      "now: untreated Graves' disease is where its neutropenia (and, rarely, a "
                      "pancytopenia that recovers once the thyroid is controlled) is found.",
                      "seed-000")

    @Rule(Findings(known_thyroid_disease="hypothyroidism"), CellLines(pattern=W()))
    def low_count_in_an_underactive_thyroid(self):
        self.evidence("hyperthyroidism", STRONG_AGAINST,
                      "The thyroid is underactive, not overactive.", "seed-000")

    # for B12 only where B12 deficiency is in question (nutrition.B12_IN_QUESTION)
    @Rule(Findings(known_thyroid_disease="hypothyroidism"), CellLines(pattern=W()),
          B12_IN_QUESTION)
    def underactive_thyroid_where_b12_deficiency_is_in_question(self):
        self.evidence("vitamin_b12_deficiency", WEAK_FOR,
                      "Autoimmune thyroid disease travels with pernicious anaemia.",
                      "hematology-texts")

    @Rule(Findings(thyroid_treatment="antithyroid_drug"), CellLines(pattern=W()),
          NOT(Medication(drug_class="antithyroid")))
    def on_an_antithyroid_drug_not_named(self):
        self.evidence("drug_antithyroid", STRONG_FOR,
                      "An antithyroid drug is being taken (name it under medications with when "
                      "it was started: agranulocytosis comes mostly in the first three months).",
                      "seed-001")

    @Rule(Findings(thyroid_treatment=P(lambda t: t in ("levothyroxine", "none"))),
          NOT(Medication(drug_class="antithyroid")))
    def no_antithyroid_drug(self):
        self.evidence("drug_antithyroid", MODERATE_AGAINST,
                      "No antithyroid drug is being taken.", "seed-001")

    @Rule(Findings(thyroid_treatment=P(lambda t: t in ("radioiodine", "thyroidectomy"))),
          CellLines(pattern=W()))
    def thyroid_ablated(self):
        self.evidence("hyperthyroidism", MODERATE_AGAINST,
                      "The overactive thyroid has been treated by radioiodine or surgery.",
                      "seed-000")

    # ---- chronic idiopathic neutropenia ------------------------------------------------------

    @Rule(Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"),
          Findings(low_count_first_noted_weeks_ago=CHRONIC), Patient(age_years=ADULT))
    def isolated_neutropenia_for_more_than_three_months_in_an_adult(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_FOR,
                      "An isolated neutropenia lasting more than three months in an adult, "
                      "when nothing else explains it, is chronic idiopathic neutropenia.",
                      "dale-cin-2017")

    # The same three months read from dated counts: low at every earlier check for twelve
    # weeks or more (the duration stated, when it is, is weighed by the rule above instead).
    @Rule(Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"),
          CountHistory(low_at_every_check_since=CHRONIC), Patient(age_years=ADULT),
          NOT(Findings(low_count_first_noted_weeks_ago=W())))
    def isolated_neutropenia_low_at_every_check_for_three_months_in_an_adult(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_FOR,
                      "Dated counts show an isolated neutropenia at every check for more than "
                      "three months in an adult: when nothing else explains it, chronic "
                      "idiopathic neutropenia.", "dale-cin-2017")

    @Rule(Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"),
          Findings(marrow_cellularity=P(lambda c: c in ("normocellular", "hypercellular")),
                   marrow_infiltrate="none"))
    def isolated_neutropenia_with_an_unremarkable_marrow(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_FOR,
                      "A marrow without infiltrate, dysplasia or aplasia leaves an idiopathic "
                      "neutropenia once drugs, infection and deficiency are excluded.",
                      "dale-cin-2017")

    @Rule(Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"),
          Findings(anti_neutrophil_antibodies="negative"))
    def isolated_neutropenia_without_antibodies(self):
        self.evidence("chronic_idiopathic_neutropenia", WEAK_FOR,
                      "No anti-neutrophil antibodies: one more cause excluded (the test is "
                      "insensitive).", "dale-cin-2017")

    @Rule(CellLines(pattern=SEVERAL_LINES))
    def several_lines_are_not_idiopathic_neutropenia(self):
        self.evidence("chronic_idiopathic_neutropenia", STRONG_AGAINST,
                      "Chronic idiopathic neutropenia lowers the neutrophils alone.",
                      "dale-cin-2017")

    @Rule(Findings(low_count_first_noted_weeks_ago=NOT_YET_CHRONIC), CellLines(pattern=W()))
    def not_yet_three_months(self):
        self.evidence("chronic_idiopathic_neutropenia", STRONG_AGAINST,
                      "Chronic idiopathic neutropenia needs more than three months of a low "
                      "count; most shorter ones are post-infectious or drug-induced.",
                      "dale-cin-2017")

    @Rule(Findings(age_at_onset=P(lambda a: a in ("first_months", "childhood"))))
    def neutropenia_since_childhood_is_not_idiopathic_of_adults(self):
        self.evidence("chronic_idiopathic_neutropenia", STRONG_AGAINST,
                      "A neutropenia since childhood points to a congenital or autoimmune "
                      "cause, not the idiopathic neutropenia of adults.", "dale-cin-2017")

    # Chronic idiopathic neutropenia is the label of adults (Dale 2017); in an infant or
    # toddler an unexplained isolated neutropenia is the primary autoimmune neutropenia of
    # infancy, whose antibodies a first test misses in a good share of children, so a
    # negative test does not make it idiopathic (weighed in autoimmune.py).
    @Rule(Patient(age_years=YOUNG_CHILD_UNDER_FIVE),
          NOT(Findings(age_at_onset=P(lambda a: a in ("first_months", "childhood")))),
          Neutrophils(status="absolute_neutropenia"))
    def neutropenia_in_a_young_child_is_not_idiopathic_of_adults(self):
        self.evidence("chronic_idiopathic_neutropenia", STRONG_AGAINST,
                      "Chronic idiopathic neutropenia is a diagnosis of adults; in an infant or "
                      "toddler an unexplained isolated neutropenia is the primary autoimmune "
                      "neutropenia of infancy (its antibodies are often missed by a first "
                      "test) or a congenital one.", "dale-cin-2017")

    @Rule(CellLines(pattern=W()),
          OR(Findings(splenomegaly="yes"), Findings(anti_neutrophil_antibodies="positive"),
             DrugExposure(timing="plausible")))
    def another_explanation_for_the_count(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_AGAINST,
                      "A big spleen, anti-neutrophil antibodies or a suspect drug offer an "
                      "explanation; idiopathic neutropenia is what is left when there is none.",
                      "dale-cin-2017")

    # Chronic idiopathic neutropenia is defined by exclusion (Dale 2017): a neutropenia beside
    # a known rheumatoid arthritis, lupus or Sjögren syndrome has its explanation in the
    # disease (its antibodies, its spleen or its treatment), not "idiopathic".
    @Rule(Neutrophils(status="absolute_neutropenia"),
          OR(Findings(rheumatoid_arthritis="yes"), Findings(known_lupus="yes"),
             Findings(known_sjogren_syndrome="yes")))
    def a_known_autoimmune_disease_explains_the_neutropenia(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_AGAINST,
                      "Rheumatoid arthritis, lupus or Sjögren syndrome already explains a "
                      "neutropenia (antibodies, the spleen or the treatment); idiopathic "
                      "neutropenia is the label for one that nothing explains.", "dale-cin-2017")

    # Chronic idiopathic neutropenia is a finding in someone well (Dale 2017): most counts stay
    # above 500/µL, where infections are no commoner than in anyone else. A fever beside a
    # mild or moderate neutropenia is therefore not the neutropenia's doing, and points to a
    # disease behind both (lupus, a chronic infection, a lymphoma).
    @Rule(Fever(present=True), Neutrophils(grade=P(lambda g: g in ("mild", "moderate"))),
          Patient(age_years=ADULT))
    def fever_beside_a_neutropenia_too_mild_to_explain_it(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_AGAINST,
                      "Idiopathic neutropenia leaves people well, and a count above 500/µL "
                      "does not invite infection: a fever beside it points to a disease behind "
                      "the count (lupus, a chronic infection, a lymphoma).", "dale-cin-2017")

    @Rule(Neutrophils(grade="severe"), Patient(age_years=ADULT))
    def severe_neutropenia_is_seldom_idiopathic(self):
        self.evidence("chronic_idiopathic_neutropenia", WEAK_AGAINST,
                      "Most chronic idiopathic neutropenia stays above 500/µL.", "dale-cin-2017")

    @Rule(Neutrophils(grade="severe"), Patient(age_years=ADULT),
          Findings(recurrent_infections="yes"))
    def severe_neutropenia_with_recurrent_infections_is_not_the_benign_idiopathic_kind(self):
        self.evidence("chronic_idiopathic_neutropenia", MODERATE_AGAINST,
                      "Chronic idiopathic neutropenia runs a benign course: most patients stay "
                      "above 500/µL and have no more infections than anyone else. A count below "
                      "500/µL with repeated infections calls for the causes that do this (LGL "
                      "leukaemia, myelodysplasia, an immune or drug cause) before the label.",
                      "dale-cin-2017")

    # ---- haemophagocytic lymphohistiocytosis ----------------------------------------------------

    @Rule(Fever(present=True), Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES))
    def fever_big_spleen_and_two_low_lines(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                      "Fever, splenomegaly and two or three low lines are three of the eight "
                      "HLH-2004 criteria.", "henter-hlh-2007")

    # The criteria count as one finding: a diagnosis made by five of eight criteria is more
    # than the sum of its parts, each of which is non-specific on its own (and so counts for
    # little under the cap on soft clues). Fever is one criterion, not a condition: a case that
    # does not state it (a report that names the fever only at the start of the illness) may
    # still meet five of the other seven.
    @Rule(AS.labs << Labs(), AS.findings << Findings(), AS.fever << Fever(),
          CellLines(pattern=W()))
    def hlh_2004_criteria(self, labs, findings, fever):
        self._hlh_criteria(labs, findings, fever["present"])

    @Rule(AS.labs << Labs(), AS.findings << Findings(), NOT(Fever()), CellLines(pattern=W()))
    def hlh_2004_criteria_without_a_stated_fever(self, labs, findings):
        self._hlh_criteria(labs, findings, False)

    # Three criteria other than the fever, the fever not stated: a case report that names the
    # big spleen, the falling lines and the ferritin (or the marrow's haemophagocytes) often
    # leaves out the fever nearly every patient has. Three criteria weigh what the fever, the
    # spleen and the low lines weigh together (above): fever is the least specific of the
    # eight, so three without it say no less. Four or more are weighed by the rule above, and
    # haemophagocytosis with a high ferritin and low lines by its own rule (rules/workup.py).
    @Rule(AS.labs << Labs(), AS.findings << Findings(), NOT(Fever()),
          CellLines(pattern=SEVERAL_LINES))
    def three_hlh_2004_criteria_with_the_fever_not_stated(self, labs, findings):
        met = hlh_2004_criteria_met(labs.as_dict(), findings.as_dict(), False)
        weighed_with_the_marrow = {"haemophagocytosis", "ferritin of 500 µg/L or more"} <= set(met)
        if len(met) == 3 and not weighed_with_the_marrow:
            self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                          f"Three of the HLH-2004 criteria are met without the fever ("
                          f"{', '.join(met)}); nearly every patient with HLH is febrile, so ask "
                          "about fever and send the triglycerides, fibrinogen and soluble CD25.",
                          "henter-hlh-2007")

    def _hlh_criteria(self, labs, findings, febrile: bool) -> None:
        """Both HLH-2004 rules: the criteria met, and the evidence once four or more are."""
        met = hlh_2004_criteria_met(labs.as_dict(), findings.as_dict(), febrile)
        if len(met) < 4:
            return
        rationale = (f"{len(met)} of the HLH-2004 diagnostic criteria (eight in all) are met "
                     f"({', '.join(met)}); five make the diagnosis, and the ones not yet known "
                     "(triglycerides and fibrinogen, NK-cell activity, soluble CD25, a marrow "
                     "for haemophagocytosis) are worth sending at once.")
        if len(met) >= 5:
            self.evidence("hemophagocytic_lymphohistiocytosis", DECISIVE_FOR, rationale,
                          "henter-hlh-2007")
        else:
            self.evidence("hemophagocytic_lymphohistiocytosis", STRONG_FOR, rationale,
                          "henter-hlh-2007")

    # Familial HLH shows itself in infancy (most before the first birthday, many in the first
    # months): fever, a big spleen or liver and two or three low lines in an infant are HLH
    # until the ferritin, triglycerides, fibrinogen and a marrow say otherwise.
    # With partial albinism the familial HLH is named (Chediak-Higashi or Griscelli type 2,
    # weighed below), so this rule does not count the same familial picture again.
    @Rule(Patient(age_years=INFANT), Fever(present=True),
          OR(Findings(splenomegaly="yes"), Findings(hepatomegaly="yes")),
          CellLines(pattern=SEVERAL_LINES), NOT(Findings(partial_albinism="yes")))
    def fever_organs_and_falling_lines_in_an_infant(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", STRONG_FOR,
                      "Fever, a big spleen or liver and two or three low lines in an infant "
                      "are how familial HLH presents (most before the first birthday): send "
                      "the ferritin, triglycerides and fibrinogen today.", "henter-hlh-2007")

    # The HLH panel beyond the blood count is sent once HLH is in view: haemophagocytes in the
    # marrow or a ferritin above 10,000 µg/L.
    @Rule(OR(Findings(marrow_infiltrate="hemophagocytosis"), Labs(ferritin=VERY_HIGH_FERRITIN)),
          CellLines(pattern=W()))
    def ask_for_the_nk_cell_activity_once_hlh_is_in_view(self):
        self.ask("nk_cell_activity", DETAIL,
                 "Low or absent NK-cell activity is an HLH-2004 criterion and, in a child, "
                 "points to a familial HLH.")

    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(splenomegaly="yes"), Findings(marrow_infiltrate="hemophagocytosis")))
    def ask_for_the_ferritin_in_a_febrile_cytopenia(self):
        self.ask("ferritin", FOLLOW_UP + 4,
                 "A ferritin above 10,000 µg/L with fever, a big spleen and falling counts is "
                 "HLH until proven otherwise.")

    @Rule(Findings(ebv_test="positive", splenomegaly="yes"), Fever(present=True),
          CellLines(pattern=SEVERAL_LINES))
    def ebv_with_fever_a_big_spleen_and_falling_lines(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", WEAK_FOR,
                      "EBV is the commonest trigger of HLH; a glandular fever with falling lines "
                      "should prompt a ferritin.", "henter-hlh-2007")

    @Rule(Labs(ferritin=VERY_HIGH_FERRITIN), CellLines(pattern=W()))
    def ferritin_above_ten_thousand(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", VERY_STRONG_FOR,
                      "A ferritin above 10,000 µg/L with cytopenias is rare outside HLH "
                      "(90% sensitive and 96% specific in children: LR+ about 20).",
                      "allen-ferritin-2008")
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "A virus that only suppresses the marrow for a while does not raise the "
                      "ferritin above 10,000 µg/L; one that has set off HLH does.",
                      "allen-ferritin-2008")

    # EBV is the commonest infectious trigger of HLH (and CMV among the herpesviruses next): a
    # proven current infection beside a ferritin above 10,000 µg/L is virus-associated HLH
    # until shown otherwise, not a virus suppressing the marrow.
    @Rule(OR(Findings(ebv_test="positive"), Findings(cmv_test="positive")),
          Labs(ferritin=VERY_HIGH_FERRITIN), CellLines(pattern=W()))
    def herpesvirus_with_a_ferritin_above_ten_thousand(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                      "EBV (and CMV) are the commonest infectious triggers of HLH; a current "
                      "infection with a ferritin above 10,000 µg/L is virus-associated HLH "
                      "until the HLH-2004 panel says otherwise.", "henter-hlh-2007")

    # The pigmentary immunodeficiencies (Chediak-Higashi syndrome, Griscelli syndrome type 2,
    # Hermansky-Pudlak syndrome type 2) are familial HLH syndromes in HLH-2004: their
    # "accelerated phase", with a big spleen or liver and falling counts, is HLH: decisive,
    # since outside that phase partial albinism with this picture is all but unknown. The
    # HLH here is not unexplained: Chediak-Higashi syndrome is weighed by its own rules
    # (rules/congenital.py: the albinism with several low lines is its accelerated phase),
    # and Griscelli type 2, an inborn immune defect with the same silvery hair, the same HLH
    # phase and no giant granules, is weighed here.
    @Rule(Findings(partial_albinism="yes"), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(splenomegaly="yes"), Findings(hepatomegaly="yes"),
             Findings(marrow_infiltrate="hemophagocytosis")))
    def partial_albinism_with_organs_and_falling_lines(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", DECISIVE_FOR,
                      "Partial albinism (Chediak-Higashi, Griscelli type 2) is a familial HLH "
                      "syndrome: a big spleen or liver with two or three low lines is its "
                      "accelerated phase, HLH, and needs the HLH-2004 panel now.",
                      "henter-hlh-2007")
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "Griscelli syndrome type 2 (RAB27A), an inborn immune defect, gives the same "
                      "silvery hair and the same HLH phase without giant granules: a hair shaft "
                      "under the microscope and the genes tell it from Chediak-Higashi.",
                      "henter-hlh-2007")
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_AGAINST,
                      "In a child with partial albinism the accelerated phase explains the big "
                      "organs and the low counts; a leukaemia is not needed to explain them "
                      "(the marrow, sent for haemophagocytes, will show blasts if it is there).",
                      "henter-hlh-2007")

    # In the HScore, built against the very patients HLH is mistaken for, a ferritin of
    # 2,000-6,000 µg/L carries about as much as high triglycerides, and one above 6,000 more:
    # well above the HLH-2004 limit of 500, which sepsis and inflammation reach easily.
    @Rule(Labs(ferritin=FERRITIN_IN_THE_HSCORE_RANGE), Fever(present=True),
          CellLines(pattern=SEVERAL_LINES))
    def ferritin_above_two_thousand_with_fever_and_cytopenias(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                      "A ferritin above 2,000 µg/L with fever and two or three low lines "
                      "weighs in the HScore (built against sepsis and blood cancers) as much "
                      "as high triglycerides: send the triglycerides, fibrinogen and soluble "
                      "CD25.", "fardet-hscore-2014")

    @Rule(OR(Labs(ferritin=HIGH_FERRITIN), Labs(ferritin=reported_as("high"))), Fever(present=True),
          CellLines(pattern=SEVERAL_LINES), NOT(Labs(ferritin=FERRITIN_IN_THE_HSCORE_RANGE)))
    def high_ferritin_with_fever_and_cytopenias(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", WEAK_FOR,
                      "A ferritin of 500 µg/L or more is an HLH-2004 criterion, though sepsis and "
                      "inflammation raise it too.", "henter-hlh-2007")

    # Moderate, not weak: in the HScore, built against the very patients HLH is mistaken for
    # (sepsis, haematological malignancy), high triglycerides carry the heaviest weight of its
    # nine items and a low fibrinogen a heavy one (Fardet 2014).
    @Rule(OR(Labs(triglycerides=at_least(265)), Labs(triglycerides=reported_as("high")),
             Labs(fibrinogen=at_most(150)), Labs(fibrinogen=reported_as("low"))),
          Fever(present=True), CellLines(pattern=SEVERAL_LINES))
    def high_triglycerides_or_low_fibrinogen_with_fever_and_cytopenias(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                      "Fasting triglycerides of 265 mg/dL or more or a fibrinogen of 150 mg/dL "
                      "or less is an HLH-2004 criterion (cytokines block lipoprotein lipase; "
                      "activated macrophages consume fibrinogen); in the HScore, built against "
                      "sepsis and blood cancers, the triglycerides weigh most of all its items "
                      "and a low fibrinogen heavily, though sepsis with DIC lowers the "
                      "fibrinogen too.", "fardet-hscore-2014")

    @Rule(Findings(nk_cell_activity="low_or_absent"), CellLines(pattern=W()))
    def low_or_absent_nk_cell_activity(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                      "Low or absent NK-cell activity is an HLH-2004 criterion: lasting in the "
                      "familial forms, passing in many secondary ones.", "henter-hlh-2007")

    @Rule(Labs(soluble_cd25=above(10000)), CellLines(pattern=W()))
    def soluble_cd25_above_ten_thousand(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", STRONG_FOR,
                      "A soluble CD25 above 10,000 U/mL was 93% specific for HLH among adults "
                      "in whom it was suspected.", "hayden-scd25-2017")

    @Rule(Labs(soluble_cd25=at_most(2400)))
    def soluble_cd25_below_the_hlh_criterion(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", STRONG_AGAINST,
                      "A soluble CD25 of 2,400 U/mL or less was found in no adult with HLH "
                      "(100% sensitive at that level): it all but rules HLH out.",
                      "hayden-scd25-2017")

    @Rule(Labs(ferritin=FERRITIN_BELOW_HLH))
    def ferritin_below_the_hlh_criterion(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", STRONG_AGAINST,
                      "A ferritin under 500 µg/L is unusual in HLH.", "henter-hlh-2007")

    @Rule(Fever(present=False))
    def afebrile_argues_against_hlh(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", STRONG_AGAINST,
                      "Fever is present in nearly every patient with HLH.", "henter-hlh-2007")

    @Rule(CellLines(pattern="isolated"))
    def one_low_line_argues_against_hlh(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_AGAINST,
                      "HLH lowers at least two lines in most patients.", "henter-hlh-2007")
