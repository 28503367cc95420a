"""Haematological malignancy and cancer-related causes: acute myeloid and lymphoblastic
leukaemia, hairy cell leukaemia, myelodysplasia, lymphoma,
myeloma, myelofibrosis, LGL and CLL, solid-tumour infiltration and paraneoplastic
neutropenia. The blood-film clues are in cytopenias.py; this module weighs the history,
the examination and the few laboratory values that discriminate between them."""

from __future__ import annotations

from experta import AND, NOT, OR, P, Rule, W

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
    KIDNEY_IMPAIRED,
    SEVERAL_LINES,
    YOUNG_CHILD,
    at_most,
    number,
    reported_as,
)
from .facts import (
    CellLines,
    Cytopenia,
    DrugExposure,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Medication,
    Neutrophils,
    Patient,
    Smear,
    WhiteCount,
)

OLDER = number(lambda age: age >= 50)
UNDER_40 = number(lambda age: age < 40)
UNDER_30 = number(lambda age: age < 30)
MIDDLE_AGED = number(lambda age: 40 <= age <= 75)
CHILD = number(lambda age: age < 18)
INFANT = number(lambda age: age < 1)
ADULT_40 = number(lambda age: age >= 40)
FORTIES = number(lambda age: 40 <= age < 50)
HAEMATOLOGICAL_CANCER = P(lambda kind: kind in ("lymphoma", "leukemia_or_mds", "myeloma"))
OFTEN_SPREADS_TO_MARROW = P(lambda kind: kind in ("breast", "prostate", "lung"))
LOW_IGG = number(lambda igg: igg < 700)
LOW_MONOCYTES = number(lambda pct: pct < 2)
NORMAL_MONOCYTES = number(lambda pct: pct >= 4)
FEW_MONOCYTES = number(lambda count: count < 100)  # absolute, cells/µL
ENOUGH_MONOCYTES = number(lambda count: count >= 200)
LOW_FOR_YEARS = number(lambda weeks: weeks >= 104)
LOW_FOR_MONTHS = number(lambda weeks: weeks >= 26)
DOCUMENTED_INFECTION_SITE = P(lambda site: site not in ("none_found", "unknown"))
# Nodes in one superficial region, and the local infections whose drainage they can be.
SUPERFICIAL_REGION = P(lambda sites: sites in ("cervical", "axillary", "inguinal"))
LOCAL_INFECTIONS = ("abscess", "skin_soft_tissue")
# Myeloma and myelodysplasia lower the red cells first, often with a normal white count: their
# evidence counts when any line is low.
ANY_LINE_LOW = OR(CellLines(pattern=W()), Cytopenia(line=W()))
# The pictures of acute leukaemia before the blasts are typed: two or three low lines, or a
# raised white count while the red cells and platelets fail.
LEUKAEMIC_PICTURE = OR(CellLines(pattern=SEVERAL_LINES),
                       AND(WhiteCount(status="high"), Cytopenia(line="anemia"),
                           Cytopenia(line="thrombocytopenia")))
# No blasts seen or typed yet: age alone then tells which acute leukaemia is likelier.
NO_BLASTS_TYPED = NOT(OR(Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0)),
                         Findings(marrow_infiltrate="blasts"),
                         Findings(flow_cytometry=P(lambda f: f in ("myeloid_blasts",
                                                                   "lymphoid_blasts")))))

# Marrow malignancies that do not go away: a count that recovers argues against each.
PERSISTENT_MARROW_DISEASES = (
    "myelodysplastic_syndrome", "acute_myeloid_leukemia", "acute_lymphoblastic_leukemia", "hairy_cell_leukemia",
    "lgl_leukemia", "myelofibrosis", "lymphoma_marrow_infiltration",
)


# nodes in several regions, or in the chest or abdomen: a systemic disease, not a local
# reaction (Sahai 2013)
WIDESPREAD_OR_DEEP_NODES = ("generalized", "mediastinal_or_abdominal")


class MalignancyRules(Conclusions):
    """The history and examination that point to, or away from, a malignancy."""

    # ---- questions -------------------------------------------------------------------------

    @Rule(CellLines(pattern=W()))
    def ask_about_constitutional_symptoms(self):
        self.ask("b_symptoms", FOLLOW_UP + 4,
                 "Fevers, sweats and weight loss point to lymphoma, leukaemia or tuberculosis.")

    # Weight loss is weighed on its own where the B symptoms are not stated as a whole (with a
    # fever, or beside a big spleen and several low lines: fever_with_weight_loss_and_a_low_count,
    # wasting_with_a_big_spleen_and_several_low_lines), so it is asked there
    @Rule(CellLines(pattern=W()), NOT(Findings(b_symptoms=W())),
          OR(Fever(present=True),
             AND(Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES))))
    def ask_about_weight_loss_where_the_b_symptoms_are_not_known(self):
        self.ask("weight_loss", FOLLOW_UP + 3,
                 "Fever with weight loss, or weight loss beside a big spleen and several low "
                 "lines, points to lymphoma when no infection explains it.")

    # A well young child with a neutrophil count low on its own is not asked about a known
    # cancer; other low lines, a fever, nodes, bone pain, a big spleen or night sweats and
    # weight loss make it worth asking at any age.
    @Rule(CellLines(pattern=W()), NOT(Patient(age_years=YOUNG_CHILD)))
    def ask_about_a_known_cancer(self):
        self.ask("known_cancer", FOLLOW_UP + 16,
                 "Cancer lowers the count through marrow infiltration, treatment or immune "
                 "destruction.")

    @Rule(CellLines(pattern=W()), Patient(age_years=YOUNG_CHILD),
          OR(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
             Findings(lymphadenopathy="yes"), Findings(bone_pain="yes"),
             Findings(splenomegaly="yes"), Findings(b_symptoms="yes")))
    def ask_a_child_who_is_unwell_about_a_known_cancer(self):
        self.ask("known_cancer", FOLLOW_UP + 16,
                 "In a child, leukaemia and other cancers lower the counts with fever, other "
                 "low lines, nodes, bone pain or a big spleen.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(known_cancer="yes"), Smear(rouleaux=True), Smear(leukoerythroblastic=True),
             AND(Patient(age_years=OLDER), Cytopenia(line="anemia"))))
    def ask_about_bone_pain(self):
        self.ask("bone_pain", FOLLOW_UP + 2,
                 "Bone pain with low counts points to myeloma or cancer spread to the marrow.")

    @Rule(CellLines(pattern=W()), OR(Findings(bone_pain="yes"), Smear(rouleaux=True)))
    def ask_about_the_features_of_myeloma(self):
        self.ask("paraprotein", FOLLOW_UP + 3,
                 "A paraprotein on electrophoresis is the marker of myeloma.")
        self.ask("hypercalcemia", FOLLOW_UP + 1,
                 "A high calcium with bone pain points to myeloma or bone metastases.")

    # myeloma is a disease of later life (rare before 40): its kidney question from 40 on, and
    # not once a creatinine is given (it answers the question)
    @Rule(CellLines(pattern=W()), OR(Findings(bone_pain="yes"), Smear(rouleaux=True)),
          Patient(age_years=ADULT_40), NOT(Labs(creatinine=W())))
    def ask_about_the_kidneys_where_myeloma_is_in_question(self):
        self.ask("renal_impairment", FOLLOW_UP,
                 "Kidney injury with anaemia and bone pain is part of myeloma's picture.")

    @Rule(OR(CellLines(pattern=W()), Lymphocytes(status="lymphopenia")),
          OR(Findings(known_cancer="yes"), Smear(dysplastic_neutrophils=True),
             Labs(mcv=number(lambda mcv: mcv > 100)),
             AND(Patient(age_years=OLDER), CellLines(pattern=SEVERAL_LINES)),
             AND(Lymphocytes(status="lymphopenia"), NOT(Patient(age_years=YOUNG_CHILD)))))
    def ask_about_earlier_cancer_treatment(self):
        self.ask("past_cancer_treatment", FOLLOW_UP - 2,
                 "Chemotherapy or radiotherapy years ago can leave a therapy-related "
                 "myelodysplasia or leukaemia behind.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(splenomegaly="yes"), Smear(teardrop_cells=True),
             Smear(leukoerythroblastic=True), Medication(generic="hydroxyurea"),
             Medication(generic="ruxolitinib"), Medication(generic="anagrelide"),
             AND(Patient(age_years=OLDER), CellLines(pattern=SEVERAL_LINES))))
    def ask_about_a_known_myeloproliferative_neoplasm(self):
        self.ask("known_mpn", FOLLOW_UP + 4,
                 "Polycythaemia vera or essential thrombocythaemia can burn out into "
                 "myelofibrosis with a big spleen and falling counts.")

    @Rule(OR(CellLines(pattern=SEVERAL_LINES),
             AND(CellLines(pattern="isolated"), Patient(age_years=OLDER))))
    def ask_how_long_the_count_has_been_low(self):
        self.ask("low_count_first_noted_weeks_ago", FOLLOW_UP - 4,
                 "Acute leukaemia falls over weeks; a count low for years points instead to a "
                 "smouldering process such as LGL leukaemia or a constitutional cause.")

    @Rule(CellLines(pattern=SEVERAL_LINES), Findings(splenomegaly="yes"),
          Patient(sex="male", age_years=MIDDLE_AGED), NOT(Labs(monocytes_pct=W())))
    def ask_for_the_monocyte_count(self):
        self.ask("monocytes_pct", DETAIL + 5,
                 "Hairy cell leukaemia almost always empties the blood of monocytes.")

    # ---- acute myeloid leukaemia -------------------------------------------------------------

    @Rule(Labs(blasts_pct=number(lambda pct: pct >= 20)))
    def blasts_at_the_threshold_of_acute_leukaemia(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, STRONG_FOR,
                          "Blasts at 20% or more of the white cells define acute leukaemia.",
                          "hematology-texts")
        self.evidence("myelodysplastic_syndrome", STRONG_AGAINST,
                      "With 20% blasts or more the disease is no longer myelodysplasia but "
                      "acute leukaemia.", "hematology-texts")

    @Rule(CellLines(pattern="pancytopenia"), Neutrophils(grade="severe"),
          Findings(b_symptoms="yes"))
    def pancytopenia_with_severe_neutropenia_and_fevers(self):
        self.evidence("acute_myeloid_leukemia", MODERATE_FOR,
                      "All three lines failing fast, with fevers and sweats, is how acute "
                      "leukaemia often presents.", "seed-001")

    @Rule(CellLines(pattern=W()), Findings(low_count_first_noted_weeks_ago=LOW_FOR_YEARS))
    def low_count_stable_for_years(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, STRONG_AGAINST,
                          "Acute leukaemia is not compatible with a count that has been low for "
                          "two years or more.", "hematology-texts")
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_AGAINST,
                      "Marrow metastases progress over months; a count low for years needs "
                      "another explanation.", "hematology-texts")

    @Rule(CellLines(pattern=SEVERAL_LINES), Smear(normal=True), NOT(Smear(blasts=W())),
          NOT(Labs(blasts_pct=number(lambda pct: pct > 0))))
    def several_low_lines_with_a_clean_film(self):
        self.evidence("acute_myeloid_leukemia", MODERATE_AGAINST,
                      "A film reviewed as normal, without blasts, makes acute leukaemia less "
                      "likely even when several lines are low.", "seed-001")
        self.evidence("myelofibrosis", STRONG_AGAINST,
                      "Myelofibrosis almost always shows teardrop cells or immature cells on "
                      "the film.", "seed-003")

    @Rule(WhiteCount(status="high"), Cytopenia(line="anemia"),
          Cytopenia(line="thrombocytopenia"))
    def high_white_count_while_red_cells_and_platelets_fail(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, MODERATE_FOR,
                          "A raised white count while both the red cells and the platelets fall "
                          "means the marrow is filling with abnormal white cells: acute "
                          "leukaemia until a film shows otherwise (about a quarter present "
                          "with a high count).", "hematology-texts")

    # ---- acute lymphoblastic leukaemia ---------------------------------------------------------

    @Rule(Patient(age_years=CHILD), Labs(wbc=number(lambda wbc: wbc >= 50000)))
    def white_count_above_fifty_thousand_in_a_child(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_FOR,
                      "A white count of 50,000/µL or more in a child is seldom reactive; about "
                      "one childhood ALL in five presents above it (the NCI high-risk "
                      "threshold).", "inaba-all-2020")

    @Rule(Patient(age_years=CHILD), WhiteCount(status="high"), Cytopenia(line=W()))
    def high_white_count_with_a_failing_line_in_a_child(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_FOR,
                      "In a child a high white count with anaemia or low platelets is "
                      "leukaemia until the film says otherwise, and four childhood leukaemias in "
                      "five are lymphoblastic.", "inaba-all-2020")

    @Rule(OR(Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0))))
    def blasts_in_the_blood_may_be_lymphoblasts(self):
        self.evidence("acute_lymphoblastic_leukemia", DECISIVE_FOR,
                      "Blasts in the blood with low counts mean acute leukaemia, lymphoblastic as "
                      "well as myeloid; only flow cytometry tells them apart.", "inaba-all-2020")

    # Blasts with a consumed fibrinogen (the coagulopathy of DIC) are acute promyelocytic
    # leukaemia until proven otherwise: the leukaemia whose early deaths are from bleeding,
    # treated with all-trans retinoic acid on suspicion, before the genetics return.
    @Rule(OR(Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0)),
             Findings(marrow_infiltrate="blasts")),
          OR(Labs(fibrinogen=at_most(150)), Labs(fibrinogen=reported_as("low"))))
    def blasts_with_a_low_fibrinogen(self):
        self.evidence("acute_myeloid_leukemia", STRONG_FOR,
                      "Blasts with a low fibrinogen (DIC) are acute promyelocytic leukaemia "
                      "until proven otherwise: start all-trans retinoic acid on suspicion and "
                      "support the clotting; the genetics (PML-RARA) confirm it.",
                      "sanz-apl-2019")
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_AGAINST,
                      "A consumptive coagulopathy at diagnosis is the mark of promyelocytic "
                      "(myeloid) leukaemia far more than of ALL.", "sanz-apl-2019")

    @Rule(Patient(age_years=CHILD),
          OR(Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0)),
             Findings(marrow_infiltrate="blasts")),
          NOT(Findings(flow_cytometry=P(lambda f: f in ("myeloid_blasts", "lymphoid_blasts")))))
    def blasts_in_a_child(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_FOR,
                      "Four childhood leukaemias in five are lymphoblastic.", "inaba-all-2020")
        self.evidence("acute_myeloid_leukemia", MODERATE_AGAINST,
                      "AML is only about one childhood leukaemia in five.", "inaba-all-2020")

    @Rule(Patient(age_years=ADULT_40),
          OR(Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0)),
             Findings(marrow_infiltrate="blasts")),
          NOT(Findings(flow_cytometry=P(lambda f: f in ("myeloid_blasts", "lymphoid_blasts")))))
    def blasts_in_an_older_adult(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_AGAINST,
                      "After 40, four acute leukaemias in five are myeloid.", "inaba-all-2020")

    # Between childhood and 40 the acute leukaemias are nearer even, but myeloid still leads
    # (about three in five): blasts not yet typed lean, weakly, away from ALL, as the low
    # lines without blasts do at this age.
    @Rule(Patient(age_years=number(lambda age: 18 <= age < 40)),
          OR(Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0)),
             Findings(marrow_infiltrate="blasts")),
          NOT(Findings(flow_cytometry=P(lambda f: f in ("myeloid_blasts", "lymphoid_blasts")))))
    def blasts_in_a_young_adult(self):
        self.evidence("acute_lymphoblastic_leukemia", WEAK_AGAINST,
                      "Outside childhood ALL is the rarer acute leukaemia: blasts in a young adult "
                      "are myeloid somewhat more often; flow cytometry types them.",
                      "hematology-texts")

    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES))
    def ask_about_the_signs_of_leukaemia_in_a_child(self):
        self.ask("bone_pain", FOLLOW_UP + 3,
                 "Bone pain (a limp, a child who will not walk) with low counts is how "
                 "childhood leukaemia often shows.")
        self.ask("bleeding_signs", FOLLOW_UP,
                 "Bruising and petechiae with low counts point to a marrow process.")

    # Bone pain and enlarged nodes are the more telling signs: the pancytopenias of
    # childhood that fill the liver and spleen (HLH, leishmaniasis, malaria, storage and
    # liver disease) seldom hurt the bones or swell the nodes much, while a big liver or
    # spleen, found in about half the children with ALL, is shared with all of them and so
    # weighs less on its own.
    #
    # Enlarged nodes are telling only where nothing else swells them. In a febrile child the
    # commonest cause of enlarged nodes in one region (neck, groin, armpit) is a reactive
    # response to infection (Sahai 2013), and the febrile pancytopenias of childhood (EBV,
    # CMV, HLH, leishmaniasis, tuberculosis) enlarge them too; so beside a fever, nodes in
    # one peripheral region (or at sites not stated), without bone pain, weigh moderately, as
    # they do for lymphoma (enlarged_nodes_with_a_fever_and_a_low_count). Generalised nodes
    # and a mediastinal mass point to a systemic disease, leukaemia among them, and keep the
    # strong weight.
    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(bone_pain="yes"),
             AND(Findings(lymphadenopathy="yes"), NOT(Fever(present=True))),
             Findings(lymph_node_sites=P(lambda s: s in WIDESPREAD_OR_DEEP_NODES))))
    def child_with_low_counts_and_bone_pain_or_nodes(self):
        self.evidence("acute_lymphoblastic_leukemia", STRONG_FOR,
                      "Low counts with bone pain (a limp, refusing to walk) or enlarged nodes "
                      "is how childhood ALL presents.", "inaba-all-2020")

    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES),
          Findings(lymphadenopathy="yes"), Fever(present=True), NOT(Findings(bone_pain="yes")),
          NOT(Findings(lymph_node_sites=P(lambda s: s in WIDESPREAD_OR_DEEP_NODES))))
    def febrile_child_with_low_counts_and_nodes_in_one_region(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_FOR,
                      "Low counts with enlarged nodes may be childhood ALL, but in a febrile "
                      "child nodes in one region are most often reactive to an infection, and "
                      "the febrile pancytopenias of childhood (EBV, CMV, HLH, leishmaniasis) "
                      "swell them too: the film and, if it is unrevealing, the marrow decide.",
                      "sahai-lymphadenopathy-2013")

    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(hepatomegaly="yes"), Findings(splenomegaly="yes")),
          NOT(Findings(bone_pain="yes")), NOT(Findings(lymphadenopathy="yes")))
    def child_with_low_counts_and_a_big_liver_or_spleen(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_FOR,
                      "Low counts with a big liver or spleen are found in about half the "
                      "children with ALL, but also in the other pancytopenias of childhood that "
                      "fill the organs (HLH, leishmaniasis, storage and liver disease).",
                      "inaba-all-2020")

    # ALL in the first year of life is its own disease: 2.5-5 % of childhood ALL, about four in
    # five with a KMT2A (MLL) rearrangement, and presenting with a high white count in most
    # (hyperleukocytosis, often above 100,000/µL, with a big liver and spleen) (Interfant-99:
    # Pieters 2007). A white count below the range for age in an infant, without blasts on
    # the film, is unlike it; familial HLH, congenital infection and the inherited
    # neutropenias come first then.
    @Rule(Patient(age_years=INFANT), WhiteCount(status="low"), CellLines(pattern=W()),
          NOT(Smear(blasts=True)), NOT(Labs(blasts_pct=number(lambda pct: pct > 0))))
    def a_low_white_count_in_the_first_year_argues_against_all(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_AGAINST,
                      "In the first year of life ALL is rare (2.5-5 % of childhood ALL) and "
                      "nearly always brings a high white count (most carry a KMT2A "
                      "rearrangement): a low white count without blasts in an infant points "
                      "first to familial HLH, infection or an inherited neutropenia.",
                      "pieters-interfant-2007")

    # Low lines count for both acute leukaemias alike (cytopenias.py); age then decides which
    # is likelier when there are no blasts to type: four childhood acute leukaemias in five
    # are lymphoblastic, four adult ones in five after 40 myeloid.
    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES), NO_BLASTS_TYPED)
    def several_low_lines_in_a_child(self):
        self.evidence("acute_lymphoblastic_leukemia", WEAK_FOR,
                      "ALL is the commonest cancer of childhood and the commonest malignant "
                      "cause of low counts in a child.", "inaba-all-2020")
        self.evidence("acute_myeloid_leukemia", WEAK_AGAINST,
                      "AML is only about one childhood leukaemia in five.", "inaba-all-2020")

    # Outside childhood (or at an age not given) ALL is the rarer acute leukaemia: about one
    # adult acute leukaemia in five, fewer still after 40.
    @Rule(Patient(age_years=ADULT_40), LEUKAEMIC_PICTURE, NO_BLASTS_TYPED)
    def several_low_lines_after_forty(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_AGAINST,
                      "After 40, four acute leukaemias in five are myeloid.", "inaba-all-2020")

    @Rule(NOT(Patient(age_years=number(lambda age: age < 18 or age >= 40))),
          LEUKAEMIC_PICTURE, NO_BLASTS_TYPED)
    def several_low_lines_in_a_young_adult_or_at_an_unknown_age(self):
        self.evidence("acute_lymphoblastic_leukemia", WEAK_AGAINST,
                      "Outside childhood ALL is the rarer acute leukaemia, about one adult acute "
                      "leukaemia in five.", "inaba-all-2020")

    # In a child, a lymphoma that fills the marrow is by convention a leukaemia (25 % or more
    # lymphoblasts in the marrow is ALL), and childhood lymphoma presents with a mass rather
    # than with low counts: low counts with nodes in a child point to ALL, not to lymphoma.
    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES),
          NOT(Findings(marrow_infiltrate="lymphoma")))
    def several_low_lines_in_a_child_argue_against_lymphoma_in_the_marrow(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_AGAINST,
                      "In a child a lymphoma filling the marrow is called and treated as ALL, "
                      "and childhood lymphoma shows as a mass more than as low counts.",
                      "inaba-all-2020")

    # In the first year of life lymphoma is almost unknown: in the US registry from 1975 to
    # 2014 it was the rarest group of infant cancers, about 0.05 per 100,000 infants a year
    # against about 4 for the leukaemias (Wang 2021). Enlarged nodes, a big spleen and low
    # counts in an infant point to infection, HLH, leukaemia or a storage disease instead.
    @Rule(Patient(age_years=INFANT), CellLines(pattern=W()),
          NOT(Findings(marrow_infiltrate="lymphoma")))
    def low_counts_in_the_first_year_argue_against_lymphoma(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_AGAINST,
                      "Lymphoma is almost unknown in the first year of life (about 0.05 per "
                      "100,000 infants a year, eighty times rarer than leukaemia): nodes and low "
                      "counts in an infant come from infection, HLH or leukaemia.",
                      "wang-infant-cancer-2021")

    @Rule(CellLines(pattern="isolated"), NOT(Smear(blasts=True)),
          NOT(Labs(blasts_pct=number(lambda pct: pct > 0))))
    def isolated_neutropenia_without_blasts(self):
        self.evidence("acute_lymphoblastic_leukemia", STRONG_AGAINST,
                      "ALL fills the marrow and lowers the red cells and platelets too.",
                      "inaba-all-2020")

    @Rule(CellLines(pattern=SEVERAL_LINES), Smear(normal=True), NOT(Smear(blasts=W())),
          NOT(Labs(blasts_pct=number(lambda pct: pct > 0))))
    def several_low_lines_with_a_film_without_blasts(self):
        self.evidence("acute_lymphoblastic_leukemia", MODERATE_AGAINST,
                      "A film reviewed as normal, without blasts, makes ALL less likely, though "
                      "some children present before blasts circulate.", "inaba-all-2020")

    # ---- the cancer, its type and its treatment ------------------------------------------------

    @Rule(Findings(known_cancer="yes"))
    def ask_which_cancer(self):
        self.ask("cancer_type", FOLLOW_UP + 14,
                 "Breast, prostate and lung cancer spread to the marrow most; a past lymphoma "
                 "or leukaemia may have relapsed.")

    @Rule(Findings(past_cancer_treatment="yes"))
    def ask_how_long_ago_the_treatment_was(self):
        self.ask("cancer_treatment_years_ago", FOLLOW_UP + 1,
                 "Therapy-related myelodysplasia comes 1-10 years after treatment, not within "
                 "months.")

    # Asked whenever several lines are low, with or without a platelet count: the rule
    # below weighs bleeding there for acute leukaemia and aplastic anaemia, so a patient
    # whose bruising is in the notes must be asked about it too, or the interview ranks
    # without what batch scoring of the same notes weighs.
    @Rule(CellLines(pattern=SEVERAL_LINES))
    def ask_about_bleeding_when_several_lines_are_low(self):
        self.ask("bleeding_signs", DETAIL + 2,
                 "Bruising, petechiae or bleeding with low counts points to low platelets and "
                 "a marrow process (acute leukaemia, aplastic anaemia).")

    @Rule(Findings(known_cancer="yes", cancer_type=OFTEN_SPREADS_TO_MARROW),
          CellLines(pattern=SEVERAL_LINES))
    def cancer_that_often_spreads_to_the_marrow(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_FOR,
                      "Breast, prostate and lung cancers are the solid tumours that most often "
                      "reach the marrow.", "seed-001")

    @Rule(Findings(cancer_type="lymphoma"), CellLines(pattern=W()))
    def low_count_after_a_lymphoma(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_FOR,
                      "A lymphoma treated before can relapse in the marrow.", "seed-000")

    @Rule(Findings(cancer_type="leukemia_or_mds"), CellLines(pattern=W()))
    def low_count_after_a_leukaemia_or_myelodysplasia(self):
        for cause in ("acute_myeloid_leukemia", "myelodysplastic_syndrome",
                      "acute_lymphoblastic_leukemia"):
            self.evidence(cause, MODERATE_FOR,
                          "A known leukaemia or myelodysplasia may have relapsed or progressed.",
                          "seed-001")

    @Rule(Findings(cancer_type="myeloma"), CellLines(pattern=W()))
    def low_count_in_known_myeloma(self):
        self.evidence("multiple_myeloma", STRONG_FOR,
                      "Myeloma filling the marrow lowers the counts.", "seed-001")

    @Rule(Findings(cancer_type=HAEMATOLOGICAL_CANCER), CellLines(pattern=W()))
    def the_known_cancer_is_haematological(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_AGAINST,
                      "The known cancer is a blood cancer, not a solid tumour.", "seed-001")

    @Rule(Findings(past_cancer_treatment="yes",
                   cancer_treatment_years_ago=number(lambda years: 1 <= years <= 10)),
          CellLines(pattern=W()))
    def cytopenias_in_the_window_of_therapy_related_neoplasms(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_FOR,
                      "One to ten years after chemotherapy or radiotherapy is when "
                      "therapy-related myeloid neoplasms appear.", "who-haem-2022")

    @Rule(Findings(past_cancer_treatment="yes",
                   cancer_treatment_years_ago=number(lambda years: years < 0.5)),
          CellLines(pattern=W()))
    def cytopenias_too_soon_after_treatment_for_a_therapy_related_neoplasm(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Months after treatment, low counts are the treatment's own suppression; "
                      "a therapy-related neoplasm takes a year or more.", "who-haem-2022")
        self.evidence("chemotherapy_myelosuppression", MODERATE_FOR,
                      "The marrow may still be recovering from the treatment.", "seed-001")

    @Rule(Findings(bleeding_signs="yes"), CellLines(pattern=SEVERAL_LINES))
    def bleeding_with_several_low_lines(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia", "aplastic_anemia"):
            self.evidence(cause, WEAK_FOR,
                          "Bleeding with low counts means the platelets are low too, as in "
                          "acute leukaemia and aplastic anaemia.", "seed-001")

    # ---- myelodysplasia ------------------------------------------------------------------------

    @Rule(CellLines(pattern=W()), Findings(past_cancer_treatment="yes"))
    def cytopenias_years_after_chemotherapy_or_radiotherapy(self):
        self.evidence("myelodysplastic_syndrome", STRONG_FOR,
                      "Alkylating agents, topoisomerase inhibitors and radiotherapy leave a "
                      "risk of therapy-related myelodysplasia for years after treatment.",
                      "seed-000")
        self.evidence("acute_myeloid_leukemia", MODERATE_FOR,
                      "Therapy-related myeloid neoplasms include acute leukaemia.", "seed-000")

    # A therapy-related myeloid neoplasm shows as anaemia (often macrocytic) with several
    # lines failing and multilineage dysplasia; a neutropenia alone, beside a drug started at
    # the right time for an idiosyncratic reaction, is the drug's until it fails to recover.
    @Rule(Findings(past_cancer_treatment="yes"), CellLines(pattern="isolated"),
          Neutrophils(status="absolute_neutropenia"),
          DrugExposure(timing="plausible", mechanism="idiosyncratic"))
    def isolated_neutropenia_on_a_well_timed_drug_after_cancer_treatment(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "A therapy-related neoplasm lowers several lines, the red cells first, "
                      "with dysplasia; a neutropenia alone beside a drug started weeks to "
                      "months before it is the drug's until the count fails to recover on "
                      "stopping.", "who-haem-2022")

    @Rule(ANY_LINE_LOW, Labs(mcv=number(lambda mcv: mcv > 100)),
          Labs(vitamin_b12=number(lambda b12: b12 >= 300)),
          Labs(folate=number(lambda folate: folate >= 4)))
    def macrocytosis_with_normal_b12_and_folate(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_FOR,
                      "Large red cells with normal B12 and folate leave myelodysplasia as a "
                      "leading explanation.", "seed-001")

    @Rule(CellLines(pattern=W()), Findings(count_recovered_after_stopping="no"),
          Patient(age_years=OLDER))
    def older_patient_whose_count_stays_low_off_the_drug(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_FOR,
                      "In an older adult a count that stays low after the suspect drug is "
                      "stopped points to an underlying marrow disorder such as myelodysplasia.",
                      "seed-001")

    @Rule(Findings(count_recovered_after_stopping="yes"))
    def count_recovered_when_the_suspect_drug_stopped(self):
        for cause in PERSISTENT_MARROW_DISEASES:
            self.evidence(cause, STRONG_AGAINST,
                          "The count recovered once the drug was stopped; a clonal marrow "
                          "disease would not have let it.", "seed-001")

    @Rule(CellLines(pattern="isolated"), Labs(mcv=number(lambda mcv: mcv <= 98)),
          NOT(Smear(dysplastic_neutrophils=True)))
    def isolated_neutropenia_with_normal_red_cells(self):
        self.evidence("myelodysplastic_syndrome", WEAK_AGAINST,
                      "Myelodysplasia seldom lowers the neutrophils alone with normal-sized red "
                      "cells and no dysplasia.", "hematology-texts")

    # ---- hairy cell leukaemia ---------------------------------------------------------------

    @Rule(CellLines(pattern=W()),
          OR(Labs(monocytes_pct=LOW_MONOCYTES), Labs(monocytes=FEW_MONOCYTES)))
    def monocytes_almost_absent(self):
        self.evidence("hairy_cell_leukemia", STRONG_FOR,
                      "A near-absence of monocytes is a constant and telling feature of hairy "
                      "cell leukaemia.", "hematology-texts")

    @Rule(CellLines(pattern=W()),
          OR(Labs(monocytes_pct=NORMAL_MONOCYTES), Labs(monocytes=ENOUGH_MONOCYTES)))
    def monocytes_preserved(self):
        self.evidence("hairy_cell_leukemia", STRONG_AGAINST,
                      "Normal monocytes argue strongly against classic hairy cell leukaemia.",
                      "hematology-texts")

    @Rule(OR(CellLines(pattern=SEVERAL_LINES),
             AND(Cytopenia(line="anemia"), Cytopenia(line="thrombocytopenia"))),
          Findings(splenomegaly="yes"),
          Patient(sex="male", age_years=MIDDLE_AGED), NOT(Findings(lymphadenopathy="yes")))
    def middle_aged_man_with_cytopenias_and_a_big_spleen(self):
        self.evidence("hairy_cell_leukemia", MODERATE_FOR,
                      "A middle-aged man with low counts and a big spleen but no nodes is the "
                      "classic picture of hairy cell leukaemia.", "seed-001")

    # The classic triad, whatever the age or sex: near-absent monocytes and a big spleen
    # without enlarged nodes. Each part is counted by its own rule; together they are one
    # picture worth a strong finding of its own (the soft clues beside them are capped).
    @Rule(CellLines(pattern=W()), Findings(splenomegaly="yes"),
          NOT(Findings(lymphadenopathy="yes")),
          OR(Labs(monocytes_pct=LOW_MONOCYTES), Labs(monocytes=FEW_MONOCYTES),
             Labs(monocytes=reported_as("low"))))
    def few_monocytes_with_a_big_spleen_and_no_nodes(self):
        self.evidence("hairy_cell_leukemia", STRONG_FOR,
                      "Low counts with near-absent monocytes and a big spleen but no enlarged "
                      "nodes are the classic presentation of hairy cell leukaemia; flow "
                      "cytometry (CD11c, CD25, CD103) settles it.", "grever-hcl-2017")

    # Hairy cell leukaemia lowers the neutrophils in most patients (with the monocytes), while
    # myelofibrosis, a myeloproliferative neoplasm, keeps the white count normal or high in most
    # and lowers the red cells and platelets first: a neutropenia beside a massive spleen
    # favours the first.
    @Rule(Neutrophils(status="absolute_neutropenia"), Findings(massive_splenomegaly="yes"),
          Patient(age_years=ADULT_40), NOT(Findings(lymphadenopathy="yes")),
          NOT(Findings(known_mpn="yes")))
    def neutropenia_beside_a_massive_spleen_without_nodes(self):
        self.evidence("hairy_cell_leukemia", MODERATE_FOR,
                      "A low neutrophil count beside a massive spleen and no enlarged nodes in "
                      "an adult is hairy cell leukaemia's picture: most patients present "
                      "neutropenic (with few monocytes).", "grever-hcl-2017")
        self.evidence("myelofibrosis", WEAK_AGAINST,
                      "Myelofibrosis keeps the white count normal or raised in most patients "
                      "and lowers the red cells and platelets first; neutropenia is the "
                      "exception.", "hematology-texts")

    @Rule(CellLines(pattern=W()), Findings(splenomegaly="no"))
    def spleen_not_enlarged_argues_against_spleen_filling_cancers(self):
        self.evidence("hairy_cell_leukemia", MODERATE_AGAINST,
                      "Nearly everyone with hairy cell leukaemia has a palpably big spleen.",
                      "hematology-texts")
        self.evidence("myelofibrosis", MODERATE_AGAINST,
                      "Myelofibrosis moves blood production to the spleen, which is almost "
                      "always enlarged.", "seed-001")

    @Rule(CellLines(pattern=W()), Patient(age_years=UNDER_30))
    def young_adult_or_child(self):
        for cause in ("hairy_cell_leukemia", "multiple_myeloma", "chronic_lymphocytic_leukemia",
                      "myelofibrosis"):
            self.evidence(cause, STRONG_AGAINST,
                          "This malignancy is a disease of middle and later life, very rare "
                          "before 30.", "hematology-texts")

    # Age is a prior, and a proven clone outweighs it: LGL leukaemia is rare before 30 but
    # young adults are among its patients, so the age argument stands only until flow
    # cytometry has found the clone.
    @Rule(CellLines(pattern=W()), Patient(age_years=UNDER_30),
          NOT(Findings(flow_cytometry=P(lambda f: f in ("clonal_t_lgl", "clonal_nk_cells")))))
    def young_adult_or_child_without_an_lgl_clone(self):
        self.evidence("lgl_leukemia", STRONG_AGAINST,
                      "LGL leukaemia is a disease of middle and later life, rare before 30 "
                      "unless flow cytometry finds the clone.", "lamy-lgl-2011")

    # ---- lymphoma ------------------------------------------------------------------------------

    # What enlarged nodes say for lymphoma depends on what else could swell them. Beside an
    # afebrile low count few other causes do (drugs, deficiencies, an empty marrow, a
    # congested spleen leave the nodes alone): the nodes count strongly. Beside a fever the
    # illnesses that both lower the counts and swell the nodes are many and common (EBV, CMV,
    # acute HIV, toxoplasmosis, tuberculosis, HLH, lupus, Kikuchi disease: the "clinical mimics
    # of lymphoma", Brown and Skarin 2004), so the nodes weigh moderately; the fever's own
    # weight for lymphoma, as a B symptom, is counted by the rules for constitutional symptoms
    # and a prolonged fever below.
    @Rule(Findings(lymphadenopathy="yes"), CellLines(pattern=W()), NOT(Fever(present=True)))
    def enlarged_nodes_with_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_FOR,
                      "Enlarged nodes with low counts suggest lymphoma that has reached the "
                      "marrow.", "seed-000")

    @Rule(Findings(lymphadenopathy="yes"), CellLines(pattern=W()), Fever(present=True))
    def enlarged_nodes_with_a_fever_and_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Enlarged nodes with a fever and low counts may be lymphoma in the "
                      "marrow, but the febrile illnesses that swell the nodes and lower the "
                      "counts (EBV, CMV, acute HIV, tuberculosis, HLH, lupus) are as likely: a "
                      "node biopsy, with cultures, decides.", "brown-skarin-lymphoma-mimics-2004")

    @Rule(Findings(lymphadenopathy="yes", lymph_node_sites="cervical"), CellLines(pattern=W()))
    def ask_about_a_sore_throat_with_neck_nodes(self):
        self.ask("sore_throat_or_mouth_ulcers", FOLLOW_UP + 3,
                 "Neck nodes that came with a sore throat or mouth ulcers are usually "
                 "reactive, not lymphoma.")

    @Rule(Findings(lymphadenopathy="yes", lymph_node_sites="cervical",
                   sore_throat_or_mouth_ulcers="yes"), CellLines(pattern=W()))
    def neck_nodes_draining_a_sore_throat(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_AGAINST,
                      "Neck nodes that came with a sore throat or mouth ulcers are most often "
                      "reactive, draining the infection; the nodes of lymphoma are painless, "
                      "outlast the infection and are seldom confined to the neck when the marrow "
                      "is involved.", "hematology-texts")

    # Enlarged nodes count strongly for lymphoma because few other causes of a low count
    # swell them; in HIV many do (persistent generalised lymphadenopathy, mycobacteria,
    # histoplasmosis, tuberculosis), and in fevers with low counts in advanced HIV the
    # opportunistic infections outnumber lymphoma several times over: the nodes then weigh
    # less for it, and a node or marrow biopsy with cultures decides.
    @Rule(Findings(lymphadenopathy="yes"), CellLines(pattern=W()),
          OR(Findings(hiv_test="positive"), Findings(hiv_risk="known_positive")))
    def enlarged_nodes_in_hiv(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_AGAINST,
                      "In HIV, enlarged nodes with low counts are more often the virus's own "
                      "lymphadenopathy or an opportunistic infection (mycobacteria, "
                      "histoplasmosis) than lymphoma, though lymphoma is commoner in HIV: a "
                      "node or marrow biopsy with cultures decides.", "hematology-texts")

    # The same reasoning for a documented local infection: nodes in one superficial region
    # beside an abscess or a skin and soft-tissue infection are most often its reactive
    # drainage (a dental abscess and the submandibular nodes); lymphoma that has reached the
    # marrow seldom shows as one reactive-looking group.
    @Rule(Findings(lymphadenopathy="yes", lymph_node_sites=SUPERFICIAL_REGION),
          Findings(infection_site=P(lambda site: site in LOCAL_INFECTIONS)),
          CellLines(pattern=W()))
    def nodes_in_one_region_draining_a_local_infection(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_AGAINST,
                      "Nodes in one superficial region beside a documented abscess or skin "
                      "infection are most often reactive, draining it; lymphoma in the marrow "
                      "seldom shows as one such group.", "hematology-texts")

    @Rule(Findings(b_symptoms="yes"), CellLines(pattern=W()),
          NOT(Findings(infection_site=DOCUMENTED_INFECTION_SITE)))
    def constitutional_symptoms_with_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Fevers, night sweats and weight loss are lymphoma's B symptoms.",
                      "seed-001")

    # B symptoms are, by definition, fevers, sweats and weight loss that nothing else explains.
    @Rule(Findings(b_symptoms="yes"), CellLines(pattern=W()),
          Findings(infection_site=DOCUMENTED_INFECTION_SITE))
    def constitutional_symptoms_beside_a_documented_infection(self):
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "Fever, sweats and weight loss count as lymphoma's B symptoms only when "
                      "unexplained; beside a documented infection (a pneumonia, an abscess) they "
                      "are as likely to be that infection's.", "hematology-texts")

    # The B symptoms are defined as unexplained fever, drenching sweats and weight loss; a case
    # that gives the fever and the weight loss but not the words "B symptoms" has them. Not
    # beside the symptoms of an overactive thyroid: thyrotoxicosis explains the weight lost
    # with a good appetite, and in a thyroid storm the fever too.
    @Rule(Fever(present=True), Findings(weight_loss="yes"), CellLines(pattern=W()),
          NOT(Findings(b_symptoms=W())),
          NOT(Findings(infection_site=DOCUMENTED_INFECTION_SITE)),
          NOT(Findings(thyroid_symptoms="yes")))
    def fever_with_weight_loss_and_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Fever with weight loss and no documented infection are lymphoma's B "
                      "symptoms, whether or not they were called so.", "hematology-texts")

    # A spleen congested by portal hypertension pools cells but does not make the patient ill;
    # fevers, sweats or weight loss beside a big spleen and several low lines mean a disease
    # that fills the spleen and marrow (lymphoma, hairy cell leukaemia, myelofibrosis,
    # leishmaniasis, a storage disease).
    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(b_symptoms="yes"), Findings(weight_loss="yes")),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")),
          NOT(Findings(infection_site=DOCUMENTED_INFECTION_SITE)))
    def wasting_with_a_big_spleen_and_several_low_lines(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Weight loss or B symptoms with a big spleen and several low lines, and no "
                      "liver disease or documented infection, is how splenic and hepatosplenic "
                      "lymphomas present, often without enlarged nodes.", "hematology-texts")

    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(b_symptoms="yes"), Findings(weight_loss="yes")),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def wasting_argues_against_a_congested_spleen(self):
        self.evidence("hypersplenism", MODERATE_AGAINST,
                      "A spleen congested by portal hypertension lowers the counts but causes "
                      "no fevers, sweats or weight loss; with them, and no liver disease, the "
                      "spleen is filled by a disease that needs a name.", "hematology-texts")

    @Rule(Findings(lymphadenopathy="yes", splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES))
    def nodes_and_spleen_with_several_low_lines(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Nodes, a big spleen and several low lines together: lymphoma in the "
                      "marrow and spleen.", "seed-001")
        self.evidence("hairy_cell_leukemia", WEAK_AGAINST,
                      "Hairy cell leukaemia fills the spleen but seldom enlarges the nodes.",
                      "hematology-texts")

    # Absence counts in full only where it is known: a spleen or symptoms nobody has asked
    # about are not absent, and a fever may itself be a B symptom.
    @Rule(CellLines(pattern=W()), Findings(lymphadenopathy="no", splenomegaly="no",
                                           b_symptoms="no"),
          NOT(Fever(present=True)))
    def no_nodes_no_spleen_and_no_constitutional_symptoms(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_AGAINST,
                      "Lymphoma reaching the marrow seldom does so without nodes, a big spleen "
                      "or B symptoms.", "seed-000")

    @Rule(CellLines(pattern=W()), Findings(lymphadenopathy="no"),
          NOT(Findings(splenomegaly="yes")), NOT(Findings(b_symptoms="yes")),
          OR(NOT(Findings(splenomegaly="no")), NOT(Findings(b_symptoms="no")),
             Fever(present=True)))
    def no_nodes_with_the_spleen_or_symptoms_not_known_to_be_normal(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_AGAINST,
                      "No enlarged nodes argues against lymphoma in the marrow; the spleen and "
                      "the B symptoms (a fever may be one) are not known to be normal, so it "
                      "weighs less than all three absent.", "seed-000")

    # ---- multiple myeloma --------------------------------------------------------------------

    @Rule(Findings(bone_pain="yes"), Cytopenia(line="anemia"))
    def bone_pain_with_anaemia_and_a_low_count(self):
        self.evidence("multiple_myeloma", MODERATE_FOR,
                      "Bone pain with anaemia and a low white count suggests the marrow is "
                      "filled by plasma cells.", "seed-001")
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_FOR,
                      "Bone pain with low counts suggests metastases in the bone and marrow.",
                      "seed-001")

    @Rule(ANY_LINE_LOW, Findings(paraprotein="yes"))
    def paraprotein_with_a_low_count(self):
        self.evidence("multiple_myeloma", VERY_STRONG_FOR,
                      "A paraprotein with low counts points to a plasma-cell clone filling the "
                      "marrow.", "hematology-texts")

    # The calcium said in words; a measured calcium above the range beside a low white count
    # is weighed by its own rules (other_labs.py, high_calcium), and one finding counts once.
    @Rule(ANY_LINE_LOW, Findings(hypercalcemia="yes"),
          NOT(AND(CellLines(pattern=W()), Labs(calcium=number(lambda ca: ca > 10.5)))))
    def high_calcium_with_a_low_count(self):
        self.evidence("multiple_myeloma", MODERATE_FOR,
                      "Bone destroyed by myeloma releases calcium.", "hematology-texts")
        self.evidence("solid_tumor_marrow_infiltration", WEAK_FOR,
                      "Bone metastases can also raise the calcium.", "hematology-texts")

    # weighed with anaemia and any low count: asked there from 40 (myeloma is rare before),
    # unless a creatinine answers it
    @Rule(CellLines(pattern=W()), Cytopenia(line="anemia"), Patient(age_years=ADULT_40),
          NOT(Labs(creatinine=W())))
    def ask_an_anaemic_adult_about_the_kidneys(self):
        self.ask("renal_impairment", DETAIL + 2,
                 "Kidney injury with anaemia and a low count fits myeloma.")

    # B symptoms count for lymphoma only when no infection explains them
    @Rule(Findings(b_symptoms="yes"), CellLines(pattern=W()), NOT(Fever(present=True)))
    def ask_for_an_infection_beside_b_symptoms(self):
        self.ask("infection_site", FOLLOW_UP + 1,
                 "Fevers, sweats and weight loss count as lymphoma's B symptoms only when no "
                 "infection explains them.")

    @Rule(CellLines(pattern=W()), KIDNEY_IMPAIRED, Cytopenia(line="anemia"))
    def kidney_injury_with_anaemia_and_a_low_count(self):
        self.evidence("multiple_myeloma", MODERATE_FOR,
                      "Light chains damage the kidneys; kidney injury with anaemia and low "
                      "counts fits myeloma.", "hematology-texts")

    @Rule(ANY_LINE_LOW, Findings(paraprotein="no"))
    def no_paraprotein(self):
        self.evidence("multiple_myeloma", STRONG_AGAINST,
                      "Almost every myeloma makes a paraprotein or free light chains.",
                      "hematology-texts")

    @Rule(CellLines(pattern=W()), NOT(Cytopenia(line="anemia")),
          Labs(hemoglobin=number(lambda hb: hb > 0)))
    def low_white_count_without_anaemia(self):
        self.evidence("multiple_myeloma", MODERATE_AGAINST,
                      "Myeloma lowers the red cells long before the white cells.", "seed-001")

    # ---- myelofibrosis / myeloproliferative neoplasm ---------------------------------------------

    @Rule(CellLines(pattern=W()), Findings(known_mpn="yes"))
    def falling_counts_in_a_known_myeloproliferative_neoplasm(self):
        self.evidence("myelofibrosis", STRONG_FOR,
                      "Polycythaemia vera and essential thrombocythaemia can progress to "
                      "myelofibrosis, when the counts start to fall.", "seed-000")

    # Explaining away: the WHO classification does not call a myeloid neoplasm
    # myelodysplasia when a myeloproliferative neoplasm came first. Dysplasia and blasts
    # rising in a known polycythaemia vera or essential thrombocythaemia are its progression
    # (post-PV/ET myelofibrosis, an accelerated phase at 10-19 % blasts), not a new MDS.
    @Rule(CellLines(pattern=W()), Findings(known_mpn="yes"),
          OR(Findings(marrow_dysplasia="yes"),
             Findings(marrow_blasts_pct=number(lambda pct: 5 <= pct < 20)),
             Smear(dysplastic_neutrophils=True)))
    def dysplasia_or_blasts_in_a_known_myeloproliferative_neoplasm(self):
        self.evidence("myelodysplastic_syndrome", STRONG_AGAINST,
                      "A known myeloproliferative neoplasm rules out myelodysplasia by "
                      "definition: its dysplasia and rising blasts are the neoplasm's own "
                      "progression.", "who-haem-2022")
        self.evidence("myelofibrosis", MODERATE_FOR,
                      "Dysplasia and blasts rising towards 10-19 % in a known polycythaemia vera "
                      "or essential thrombocythaemia mark its progression (to myelofibrosis or "
                      "an accelerated phase) as the counts fall.", "who-haem-2022")

    @Rule(CellLines(pattern=SEVERAL_LINES), Findings(splenomegaly="yes", cirrhosis="no"),
          NOT(Findings(portal_hypertension="yes")))
    def big_spleen_with_a_healthy_liver(self):
        for cause in ("myelofibrosis", "hairy_cell_leukemia", "lymphoma_marrow_infiltration"):
            self.evidence(cause, WEAK_FOR,
                          "A big spleen without liver disease needs a haematological "
                          "explanation.", "seed-001")

    @Rule(CellLines(pattern=W()), Findings(splenomegaly="yes", cirrhosis="yes"),
          NOT(Smear(teardrop_cells=True)), NOT(Smear(leukoerythroblastic=True)),
          NOT(Findings(massive_splenomegaly="yes")))
    def big_spleen_explained_by_cirrhosis(self):
        self.evidence("myelofibrosis", MODERATE_AGAINST,
                      "Cirrhosis explains the big spleen, and the film lacks the teardrop and "
                      "immature cells of myelofibrosis.", "seed-001")

    # ---- large granular lymphocytic leukaemia ---------------------------------------------------

    @Rule(Neutrophils(status="absolute_neutropenia"), Lymphocytes(status="lymphocytosis"),
          Patient(age_years=OLDER))
    def neutropenia_beside_a_lymphocytosis(self):
        self.evidence("lgl_leukemia", MODERATE_FOR,
                      "Neutropenia with a modest lymphocytosis in later life is the typical "
                      "count of LGL leukaemia.", "seed-001")

    @Rule(Neutrophils(status="absolute_neutropenia"), CellLines(pattern="isolated"),
          Findings(low_count_first_noted_weeks_ago=LOW_FOR_MONTHS), Patient(age_years=OLDER))
    def chronic_isolated_neutropenia_in_later_life(self):
        self.evidence("lgl_leukemia", WEAK_FOR,
                      "An unexplained neutropenia lasting months in an older adult should "
                      "raise LGL leukaemia.", "seed-001")

    @Rule(Neutrophils(grade="severe"),
          Findings(low_count_first_noted_weeks_ago=LOW_FOR_MONTHS, recurrent_infections="yes"),
          Patient(age_years=OLDER))
    def chronic_severe_neutropenia_with_infections_in_later_life(self):
        self.evidence("lgl_leukemia", MODERATE_FOR,
                      "Months of neutropenia below 500/µL with repeated infections in an older "
                      "adult is the course of T-cell LGL leukaemia (neutropenia in about 80%, "
                      "severe in about 40%, infections in up to 40%), not the benign idiopathic "
                      "kind.", "lamy-lgl-2011")

    # T-LGL leukaemia and rheumatoid arthritis go together (RA in about a quarter of patients
    # with the leukaemia, Lamy and Loughran 2011), and joint pain brings some to notice.
    @Rule(Neutrophils(status="absolute_neutropenia"), Findings(joint_symptoms="yes"),
          Patient(age_years=ADULT_40))
    def neutropenia_with_joint_symptoms_in_later_life(self):
        self.evidence("lgl_leukemia", MODERATE_FOR,
                      "Neutropenia with inflammatory joint symptoms in later life calls for "
                      "T-LGL leukaemia: about a quarter of its patients have rheumatoid "
                      "arthritis, and flow cytometry for an LGL clone tells it from Felty "
                      "syndrome.", "lamy-lgl-2011")

    @Rule(Neutrophils(status="absolute_neutropenia"), Findings(splenomegaly="yes"),
          Smear(large_granular_lymphocytes=True))
    def lgls_with_a_big_spleen(self):
        self.evidence("lgl_leukemia", MODERATE_FOR,
                      "Mild splenomegaly accompanies LGL leukaemia in about half the cases.",
                      "seed-001")

    @Rule(CellLines(pattern=W()), Smear(normal=True), NOT(Smear(large_granular_lymphocytes=W())))
    def film_reviewed_without_excess_lgls(self):
        self.evidence("lgl_leukemia", MODERATE_AGAINST,
                      "A film reviewed as normal shows no excess of large granular "
                      "lymphocytes.", "seed-001")
        self.evidence("hairy_cell_leukemia", WEAK_AGAINST,
                      "No hairy cells were seen on a reviewed film.", "seed-001")

    # ---- chronic lymphocytic leukaemia -------------------------------------------------------

    @Rule(Lymphocytes(status="lymphocytosis"), Patient(age_years=OLDER))
    def lymphocytosis_in_an_older_adult(self):
        self.evidence("chronic_lymphocytic_leukemia", STRONG_FOR,
                      "A persistent lymphocytosis in an adult over 50 is CLL until flow "
                      "cytometry says otherwise.", "seed-001")

    @Rule(Lymphocytes(status="lymphocytosis"), Findings(recurrent_infections="yes"),
          Labs(igg=LOW_IGG))
    def lymphocytosis_with_infections_and_low_igg(self):
        self.evidence("chronic_lymphocytic_leukemia", STRONG_FOR,
                      "CLL causes infections through hypogammaglobulinaemia even when the white "
                      "count is high.", "seed-001")

    @Rule(Lymphocytes(status="lymphocytosis"), Findings(lymphadenopathy="yes"),
          Patient(age_years=OLDER))
    def lymphocytosis_with_enlarged_nodes(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "Small mature lymphocytes fill the nodes as well as the blood in CLL.",
                      "seed-001")

    @Rule(Lymphocytes(status="lymphocytosis"), Patient(age_years=FORTIES))
    def lymphocytosis_in_an_adult_in_the_forties(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "CLL is mostly a disease of the over-sixties, but about one patient in "
                      "ten is diagnosed before 55; a lymphocytosis in the forties still needs "
                      "flow cytometry if it persists.", "hematology-texts")

    @Rule(WhiteCount(status="high"), Findings(lymphadenopathy="yes"), Patient(age_years=OLDER),
          NOT(Lymphocytes(status=P(lambda s: s in ("normal", "lymphopenia")))))
    def high_white_count_with_enlarged_nodes_in_later_life(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "A raised white count with enlarged nodes after 50, the differential not "
                      "yet known, is most often CLL: the commonest leukaemia of older adults, "
                      "with nodes in about half at diagnosis.", "hallek-cll-2018")

    @Rule(Findings(direct_antiglobulin_test="positive"), Patient(age_years=OLDER),
          OR(WhiteCount(status="high"), Lymphocytes(status="lymphocytosis")),
          NOT(Lymphocytes(status=P(lambda s: s in ("normal", "lymphopenia")))))
    def positive_antiglobulin_test_with_a_high_count_in_later_life(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "Warm autoimmune haemolysis complicates CLL in about one patient in ten, "
                      "and CLL is the commonest cause of secondary warm haemolysis in older "
                      "adults: a positive DAT beside a high count points to it.",
                      "hallek-cll-2018")

    @Rule(Lymphocytes(status=P(lambda s: s in ("normal", "lymphopenia"))),
          OR(CellLines(pattern=W()), Findings(recurrent_infections="yes")))
    def no_lymphocytosis(self):
        self.evidence("chronic_lymphocytic_leukemia", STRONG_AGAINST,
                      "CLL is defined by a lymphocytosis of clonal B cells; a normal or low "
                      "lymphocyte count argues against it.", "hematology-texts")

    # ---- solid-tumour infiltration and paraneoplastic neutropenia ----------------------------

    # Marrow metastases are an adult's (breast, prostate, lung carcinoma). In a child they come
    # from neuroblastoma and the small round-cell sarcomas, together rarer than ALL, which is
    # a quarter of all childhood cancer, and they seldom fill the marrow unseen: a child's low
    # counts point to the marrow's own diseases first unless a tumour is known.
    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES),
          NOT(Findings(known_cancer="yes")))
    def several_low_lines_in_a_child_without_a_known_tumour(self):
        self.evidence("solid_tumor_marrow_infiltration", WEAK_AGAINST,
                      "In a child, cancer spreading to the marrow is neuroblastoma or a small "
                      "round-cell sarcoma, far rarer than ALL and seldom hidden: with no tumour "
                      "known, the marrow's own diseases come first.", "inaba-all-2020")

    @Rule(Findings(known_cancer="yes"), CellLines(pattern=W()))
    def known_cancer_with_a_low_count(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_FOR,
                      "A known cancer can spread to the marrow and displace production.",
                      "seed-001")

    @Rule(Findings(known_cancer="yes", bone_pain="yes"), CellLines(pattern=W()))
    def known_cancer_with_bone_pain(self):
        self.evidence("solid_tumor_marrow_infiltration", STRONG_FOR,
                      "Bone pain in someone with cancer means bone and marrow metastases until "
                      "shown otherwise.", "seed-001")

    @Rule(Findings(known_cancer="yes"), CellLines(pattern=SEVERAL_LINES))
    def known_cancer_with_several_low_lines(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_FOR,
                      "Tumour replacing the marrow lowers more than one cell line.", "seed-001")
        self.evidence("paraneoplastic_neutropenia", STRONG_AGAINST,
                      "Immune destruction targets the neutrophils; several low lines point to "
                      "the marrow itself.", "seed-001")

    @Rule(Findings(known_cancer="yes"), Neutrophils(status="absolute_neutropenia"),
          CellLines(pattern="isolated"), Findings(recent_chemotherapy="no"),
          NOT(Smear(leukoerythroblastic=True)), NOT(Smear(teardrop_cells=True)))
    def isolated_neutropenia_in_untreated_cancer(self):
        self.evidence("paraneoplastic_neutropenia", STRONG_FOR,
                      "An isolated neutropenia in a cancer patient not on treatment, with no "
                      "signs of marrow invasion, fits immune destruction provoked by the tumour.",
                      "seed-001")

    @Rule(Findings(known_cancer="yes"), CellLines(pattern=W()),
          OR(Findings(recent_chemotherapy="yes"), Findings(radiation_therapy="yes")))
    def cancer_treatment_explains_the_count(self):
        self.evidence("paraneoplastic_neutropenia", MODERATE_AGAINST,
                      "Recent chemotherapy or radiotherapy explains a low count better than a "
                      "paraneoplastic effect.", "seed-001")

    @Rule(Findings(known_cancer="yes"), CellLines(pattern=W()),
          OR(Smear(leukoerythroblastic=True), Smear(teardrop_cells=True)))
    def infiltrative_film_in_a_cancer_patient(self):
        self.evidence("paraneoplastic_neutropenia", STRONG_AGAINST,
                      "An infiltrative film shows the tumour is in the marrow, not acting from "
                      "afar.", "seed-001")

    # Anti-neutrophil antibodies beside a known cancer are a secondary immune neutropenia:
    # Hodgkin and other lymphomas, LGL and CLL, a thymoma and some solid tumours provoke
    # them, and they usually go once the tumour is treated (Capsoni 2005). "Primary"
    # autoimmune neutropenia is the label for antibodies with nothing behind them, so with a
    # cancer known the antibodies weigh for the tumour's immune neutropenia instead. Not
    # after chemotherapy, whose nadir explains the count, nor with the tumour in the marrow.
    @Rule(Findings(anti_neutrophil_antibodies="positive", known_cancer="yes"),
          Neutrophils(status="absolute_neutropenia"),
          NOT(Findings(recent_chemotherapy="yes")),
          NOT(Findings(marrow_infiltrate=P(lambda i: i in ("carcinoma", "lymphoma", "blasts")))))
    def anti_neutrophil_antibodies_beside_a_known_cancer(self):
        self.evidence("paraneoplastic_neutropenia", STRONG_FOR,
                      "Anti-neutrophil antibodies beside a known cancer (a lymphoma above all, "
                      "Hodgkin's among them, or a thymoma) are the tumour's immune neutropenia: "
                      "it usually clears with steroids or once the tumour is treated.",
                      "capsoni-ain-2005")
        self.evidence("autoimmune_neutropenia", MODERATE_AGAINST,
                      "With a cancer known, the antibodies are most likely secondary to it; "
                      "primary autoimmune neutropenia is the label for antibodies with "
                      "nothing behind them.", "capsoni-ain-2005")

    # A marrow examined and free of tumour takes infiltration out of a cancer patient's
    # neutropenia; with no chemotherapy or radiotherapy to explain it, what is left is the
    # tumour acting from afar (an immune neutropenia) or a drug.
    @Rule(Findings(known_cancer="yes", marrow_infiltrate="none"),
          Neutrophils(status="absolute_neutropenia"), NOT(CellLines(pattern=SEVERAL_LINES)),
          NOT(Findings(recent_chemotherapy="yes")), NOT(Findings(radiation_therapy="yes")))
    def neutropenia_in_a_cancer_patient_with_a_marrow_free_of_tumour(self):
        self.evidence("paraneoplastic_neutropenia", MODERATE_FOR,
                      "A marrow free of tumour in a cancer patient not on treatment leaves the "
                      "tumour acting from afar, an immune neutropenia, as the likelier cause "
                      "(drugs still to be excluded).", "seed-001")

    @Rule(Labs(igg=LOW_IGG), Neutrophils(status="absolute_neutropenia"),
          CellLines(pattern="isolated"), Patient(age_years=ADULT_40),
          NOT(Lymphocytes(status="lymphocytosis")), NOT(Findings(known_cancer="no")))
    def low_antibodies_with_an_isolated_neutropenia_after_forty(self):
        self.evidence("paraneoplastic_neutropenia", MODERATE_FOR,
                      "An antibody deficiency first found after 40 beside an isolated "
                      "neutropenia raises a thymoma with Good syndrome, whose marrow can lose "
                      "the neutrophil line (pure white cell aplasia); a chest CT looks for the "
                      "anterior mediastinal mass.", "kelesidis-good-2010")
        self.ask("known_cancer", FOLLOW_UP + 6,
                 "Low antibodies with neutropenia in an adult: a thymoma (Good syndrome) or a "
                 "lymphoma may be behind both.")

    # ---- thymoma ---------------------------------------------------------------------------
    # A thymoma seldom reaches the marrow; it lowers the counts through the immunity it
    # misdirects: an immune neutropenia or a pure white cell aplasia (the marrow without
    # neutrophil precursors), a pure red cell aplasia, and Good syndrome: adult-onset
    # hypogammaglobulinaemia with few or no B cells, often a CD4 lymphopenia, and repeated
    # bacterial and opportunistic infections (Kelesidis 2010).
    @Rule(Findings(cancer_type="thymoma"), Neutrophils(status="absolute_neutropenia"))
    def neutropenia_with_a_thymoma(self):
        self.evidence("paraneoplastic_neutropenia", STRONG_FOR,
                      "A neutropenia beside a thymoma is most often immune: antibodies or T "
                      "cells against the neutrophil line, at worst a pure white cell aplasia "
                      "with no neutrophil precursors in the marrow; it can follow thymectomy "
                      "too.", "kelesidis-good-2010")
        self.ask("igg", FOLLOW_UP + 2,
                 "Low antibodies beside a thymoma are Good syndrome.")

    @Rule(Findings(cancer_type="thymoma"), CellLines(pattern=W()))
    def the_known_cancer_is_a_thymoma(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_AGAINST,
                      "A thymoma seldom spreads to the marrow; it lowers the counts through "
                      "the immunity it misdirects.", "kelesidis-good-2010")

    @Rule(Findings(cancer_type="thymoma"),
          OR(Labs(igg=LOW_IGG), Lymphocytes(status="lymphopenia"),
             Findings(recurrent_infections="yes")),
          OR(CellLines(pattern=W()), Lymphocytes(status="lymphopenia")))
    def good_syndrome(self):
        self.evidence("immunodeficiency_disorder", STRONG_FOR,
                      "A thymoma with low antibodies, a lymphopenia or repeated infections is "
                      "Good syndrome: an adult-onset hypogammaglobulinaemia with few B cells, "
                      "often a low CD4 count, and bacterial and opportunistic infections; it "
                      "does not resolve with thymectomy, and immunoglobulin replacement "
                      "treats it.", "kelesidis-good-2010")

    @Rule(Findings(known_cancer="no"), CellLines(pattern=W()))
    def no_known_cancer(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_AGAINST,
                      "Marrow metastases usually come from a cancer already known; an occult "
                      "primary is the exception.", "seed-001")
        self.evidence("paraneoplastic_neutropenia", RULES_OUT,
                      "A paraneoplastic neutropenia needs a cancer.", "seed-001")
