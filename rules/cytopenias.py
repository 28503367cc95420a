"""The other cell lines and the blood film: which low lines go together and what the film
shows point the differential towards or away from the marrow."""

from __future__ import annotations

from experta import AND, NOT, OR, P, Rule, W

from .base import (
    DECISIVE_FOR,
    DETAIL,
    MODERATE_AGAINST,
    MODERATE_FOR,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import SEVERAL_LINES, above, at_least, at_most, number, reported_as
from .facts import CellLines, DrugExposure, Fever, Findings, Labs, Medication, Patient, Smear

MARROW_FAILURE_OR_INFILTRATION = (
    "aplastic_anemia", "acute_myeloid_leukemia", "myelodysplastic_syndrome",
    "solid_tumor_marrow_infiltration", "lymphoma_marrow_infiltration", "myelofibrosis",
)
MEGALOBLASTIC = ("vitamin_b12_deficiency", "folate_deficiency")

# What already explains several low lines in the case, so that they are not "unexplained"
# cytopenias of age (older_patient_with_several_low_lines)
# (a drug stopped without the count recovering explains it no longer)
AN_EXPLANATION_FOR_SEVERAL_LOW_LINES = OR(
    AND(DrugExposure(timing="plausible"), NOT(Findings(count_recovered_after_stopping="no"))),
    Findings(antinuclear_antibodies="positive"), Findings(known_lupus="yes"),
    Findings(rheumatoid_arthritis="yes"),
    Findings(known_thyroid_disease=P(lambda d: d in ("graves", "toxic_nodular", "thyroiditis"))),
    Findings(cirrhosis="yes"),
    Findings(marrow_infiltrate=P(lambda i: i in (
        "plasma_cells", "lymphoma", "carcinoma", "hairy_cells", "leishmania",
        "hemophagocytosis"))))
# Drugs that raise the MCV in most people who take them, without any deficiency.
ENLARGES_RED_CELLS = P(lambda generic: generic in ("zidovudine", "hydroxyurea", "azathioprine",
                                                   "mercaptopurine"))


class CytopeniaRules(Conclusions):
    """Bicytopenia, pancytopenia, red-cell size and the film."""

    # a big liver with fever and several low lines is weighed for a systemic illness
    # (several_low_lines_in_a_febrile_systemic_illness): asked there
    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES))
    def ask_about_the_liver_with_fever_and_several_low_lines(self):
        self.ask("hepatomegaly", DETAIL + 4,
                 "A big liver with fever and several low lines points to a systemic illness "
                 "(HLH, tuberculosis, leishmaniasis, lymphoma).")

    @Rule(CellLines(pattern="pancytopenia"))
    def all_three_lines_low(self):
        self.evidence("aplastic_anemia", STRONG_FOR,
                      "An empty marrow lowers all three lines; pancytopenia is its defining "
                      "picture.", "seed-000")
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia",
                      "myelodysplastic_syndrome",
                      "solid_tumor_marrow_infiltration", "lymphoma_marrow_infiltration",
                      "myelofibrosis", "hairy_cell_leukemia"):
            self.evidence(cause, MODERATE_FOR,
                          "Marrow disease that crowds out or disorders production lowers every "
                          "cell line.", "seed-001")
        for cause in MEGALOBLASTIC:
            self.evidence(cause, MODERATE_FOR,
                          "Megaloblastic production fails in all three lines.", "seed-000")

    @Rule(CellLines(pattern="bicytopenia"))
    def two_lines_low(self):
        for cause in ("aplastic_anemia", "acute_myeloid_leukemia", "acute_lymphoblastic_leukemia",
                      "myelodysplastic_syndrome"):
            self.evidence(cause, WEAK_FOR,
                          "Two low lines suggest a process that reaches beyond the neutrophils.",
                          "seed-001")
        for cause in MEGALOBLASTIC:
            self.evidence(cause, WEAK_FOR,
                          "Megaloblastic production often lowers more than one line.", "seed-000")

    @Rule(CellLines(pattern="isolated"))
    def only_the_white_cells_low(self):
        self.evidence("aplastic_anemia", STRONG_AGAINST,
                      "Aplastic anaemia lowers every line, not the white cells alone.",
                      "seed-000")
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia", "myelofibrosis",
                      "solid_tumor_marrow_infiltration"):
            self.evidence(cause, MODERATE_AGAINST,
                          "Marrow replacement seldom spares the red cells and platelets.",
                          "seed-001")
        for cause in MEGALOBLASTIC:
            self.evidence(cause, WEAK_AGAINST,
                          "Megaloblastic anaemia rarely shows as a low white count alone.",
                          "seed-000")

    @Rule(OR(Smear(blasts=True), Labs(blasts_pct=above(0))))
    def blasts_in_the_blood(self):
        self.evidence("acute_myeloid_leukemia", DECISIVE_FOR,
                      "Blasts should never be in the blood; with low counts they mean acute "
                      "leukaemia until proven otherwise.", "seed-001")
        self.evidence("myelodysplastic_syndrome", MODERATE_FOR,
                      "A few circulating blasts also occur in higher-risk myelodysplasia.",
                      "seed-001")

    @Rule(Smear(dysplastic_neutrophils=True))
    def dysplastic_neutrophils(self):
        self.evidence("myelodysplastic_syndrome", VERY_STRONG_FOR,
                      "Hypogranular or pseudo-Pelger neutrophils are the film's sign of "
                      "dysplastic production.", "seed-001")
        self.evidence("copper_deficiency", MODERATE_FOR,
                      "Copper deficiency can mimic myelodysplasia on the film.", "seed-001")

    @Rule(Smear(hypersegmented_neutrophils=True))
    def hypersegmented_neutrophils(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, STRONG_FOR,
                          "Neutrophils with six or more lobes are the hallmark of megaloblastic "
                          "(B12 or folate) deficiency.", "seed-000")

    @Rule(Smear(macro_ovalocytes=True))
    def macro_ovalocytes(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, MODERATE_FOR,
                          "Large oval red cells come from megaloblastic production.", "seed-000")

    @Rule(Labs(mcv=above(100)), CellLines(pattern=W()),
          NOT(Medication(generic=ENLARGES_RED_CELLS)), NOT(Findings(marrow_megaloblastic="yes")))
    def large_red_cells(self):
        for cause in (*MEGALOBLASTIC, "myelodysplastic_syndrome"):
            self.evidence(cause, MODERATE_FOR,
                          "A high MCV with a low white count points to megaloblastic "
                          "deficiency or myelodysplasia.", "seed-000")

    # One fact, not two: the large red cells are what a megaloblastic marrow makes, so once
    # the marrow has been read as megaloblastic (weighed strongly for B12 and folate
    # deficiency by megaloblastic_marrow) the MCV tells the deficiencies nothing more. It
    # still counts for myelodysplasia, whose own marrow rules do not weigh the macrocytosis.
    @Rule(Labs(mcv=above(100)), CellLines(pattern=W()),
          NOT(Medication(generic=ENLARGES_RED_CELLS)), Findings(marrow_megaloblastic="yes"))
    def large_red_cells_beside_a_megaloblastic_marrow(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_FOR,
                      "A high MCV with a low white count points to myelodysplasia as well as "
                      "to the deficiencies, whose megaloblastic marrow already accounts for "
                      "the large red cells.", "hematology-texts")

    @Rule(Labs(mcv=above(100)), CellLines(pattern=W()),
          Medication(generic=ENLARGES_RED_CELLS))
    def large_red_cells_explained_by_a_drug(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, WEAK_AGAINST,
                          "Zidovudine, hydroxyurea, azathioprine and mercaptopurine enlarge the "
                          "red cells of most people who take them, with no vitamin lacking: a "
                          "high MCV on one of them is expected, not a sign of deficiency "
                          "(the B12 and folate levels settle it).", "hematology-texts")

    # Iron deficiency beside the vitamin deficiency shrinks the red cells back into the normal
    # range (a mixed, dimorphic picture): with a low ferritin a normal MCV no longer argues
    # against a megaloblastic cause, and the B12 and folate levels decide. An MCV the case
    # gives only as the word "normal" (within the laboratory's range, not flagged high) counts
    # as normal-sized red cells too.
    @Rule(OR(Labs(mcv=at_most(98)), Labs(mcv=reported_as("normal"))),
          CellLines(pattern=SEVERAL_LINES),
          NOT(OR(Labs(ferritin=at_most(30)), Labs(ferritin=reported_as("low")))))
    def normal_sized_red_cells_with_several_low_lines(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, STRONG_AGAINST,
                          "Megaloblastic deficiency severe enough to lower several lines almost "
                          "always raises the MCV.", "hematology-texts")

    @Rule(OR(Smear(teardrop_cells=True), Smear(leukoerythroblastic=True)))
    def marrow_infiltration_on_the_film(self):
        self.evidence("myelofibrosis", STRONG_FOR,
                      "Teardrop cells and a leukoerythroblastic film show a marrow replaced by "
                      "fibrosis.", "seed-003")
        self.evidence("solid_tumor_marrow_infiltration", STRONG_FOR,
                      "Tumour in the marrow pushes immature cells out into the blood.",
                      "seed-001")
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Lymphoma in the marrow can give the same infiltrative film.", "seed-000")

    @Rule(Smear(hairy_cells=True))
    def hairy_cells_on_the_film(self):
        self.evidence("hairy_cell_leukemia", DECISIVE_FOR,
                      "Lymphocytes with hair-like projections are diagnostic of hairy cell "
                      "leukaemia once confirmed by flow cytometry.", "seed-001")

    @Rule(Smear(large_granular_lymphocytes=True), CellLines(pattern=W()))
    def large_granular_lymphocytes_on_the_film(self):
        self.evidence("lgl_leukemia", VERY_STRONG_FOR,
                      "An excess of large granular lymphocytes with neutropenia is the picture "
                      "of LGL leukaemia.", "seed-001")

    @Rule(Smear(smudge_cells=True))
    def smudge_cells_on_the_film(self):
        self.evidence("chronic_lymphocytic_leukemia", STRONG_FOR,
                      "Fragile CLL cells break on the slide as smudge cells.", "seed-001")

    @Rule(Smear(rouleaux=True), CellLines(pattern=W()))
    def rouleaux_on_the_film(self):
        self.evidence("multiple_myeloma", VERY_STRONG_FOR,
                      "Red cells stacked like coins reflect a high paraprotein.", "seed-001")

    @Rule(Smear(normal=True), NOT(Smear(blasts=W())), NOT(Smear(dysplastic_neutrophils=W())),
          CellLines(pattern="isolated"))
    def unremarkable_film_with_isolated_neutropenia(self):
        for cause in ("acute_myeloid_leukemia", "myelodysplastic_syndrome"):
            self.evidence(cause, MODERATE_AGAINST,
                          "A film reviewed as normal, with the other lines normal, makes a "
                          "marrow malignancy less likely.", "seed-001")

    # A negative finding counts: a film reviewed as normal argues against the marrow causes
    # that show themselves on the film.
    @Rule(CellLines(pattern=SEVERAL_LINES), Smear(normal=True),
          NOT(Smear(hypersegmented_neutrophils=W())), NOT(Smear(macro_ovalocytes=W())),
          NOT(Smear(dysplastic_neutrophils=W())))
    def several_low_lines_with_a_film_reviewed_as_normal(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, MODERATE_AGAINST,
                          "A megaloblastic anaemia deep enough to lower several lines nearly "
                          "always shows on the film (oval macrocytes, neutrophils of six lobes "
                          "or more); a film reviewed as normal argues against it.",
                          "bsh-b12-folate")
        self.evidence("myelodysplastic_syndrome", WEAK_AGAINST,
                      "Myelodysplasia often shows on the film (hypogranular or pseudo-Pelger "
                      "neutrophils, macrocytes), though a normal film does not exclude it.",
                      "hematology-texts")

    # "Unexplained": a febrile illness is itself a common cause of transient cytopenias
    # (infection, and the marrow and spleen diseases that bring fever), so age alone does not
    # raise myelodysplasia while the patient is febrile. Nor when the case already holds an
    # explanation for several low lines (MDS is diagnosed only once the other causes of the
    # cytopenias are excluded: WHO 2022): a drug in its window for lowering the count, lupus
    # or rheumatoid arthritis (or a positive ANA), an overactive thyroid, cirrhosis, or a
    # marrow that names another infiltrate. Age then still raises myelodysplasia, weakly.
    @Rule(Patient(age_years=at_least(60)),
          CellLines(pattern=SEVERAL_LINES), NOT(Fever(present=True)),
          NOT(AN_EXPLANATION_FOR_SEVERAL_LOW_LINES))
    def older_patient_with_several_low_lines(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_FOR,
                      "Myelodysplasia is a disease of older adults; unexplained cytopenias "
                      "after 60 should raise it.", "seed-001")

    @Rule(Patient(age_years=at_least(60)),
          CellLines(pattern=SEVERAL_LINES), NOT(Fever(present=True)),
          AN_EXPLANATION_FOR_SEVERAL_LOW_LINES)
    def older_patient_with_several_low_lines_and_an_explanation_in_view(self):
        self.evidence("myelodysplastic_syndrome", WEAK_FOR,
                      "Myelodysplasia is a disease of older adults, but these cytopenias are "
                      "not unexplained: a drug taken in its window, an autoimmune or thyroid "
                      "disease, cirrhosis or another marrow infiltrate can lower several lines, "
                      "and myelodysplasia is diagnosed only once such causes are excluded.",
                      "who-haem-2022")

    @Rule(Patient(age_years=at_least(60)),
          CellLines(pattern=SEVERAL_LINES), Fever(present=True))
    def older_patient_with_several_low_lines_and_a_fever(self):
        self.evidence("myelodysplastic_syndrome", WEAK_FOR,
                      "Myelodysplasia is a disease of older adults, but cytopenias with a fever "
                      "are not yet unexplained: infection, acute leukaemia, lymphoma, "
                      "haemophagocytosis and autoimmune disease bring fever, myelodysplasia "
                      "seldom does until an infection comes.", "hematology-texts")

    # What a systemic picture points to: fever with big organs, nodes, serositis or a rash
    # beside several low lines is an infection, an infiltrate, HLH or an autoimmune disease,
    # not the quiet marrow failures that a pancytopenia alone would first raise. (A raised
    # ferritin is left out: transfusions raise it in myelodysplasia too.)
    @Rule(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
          OR(Findings(splenomegaly="yes"), Findings(hepatomegaly="yes"),
             Findings(lymphadenopathy="yes"), Findings(serositis="yes"),
             Findings(lupus_rash="yes"),
             Findings(rash=P(lambda rash: rash in ("maculopapular", "vesicular")))))
    def several_low_lines_in_a_febrile_systemic_illness(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Myelodysplasia is a quiet disease of the marrow: it brings neither fever "
                      "nor a big spleen, liver, nodes or a rash, so with them the low counts "
                      "belong to an infection, an infiltrate, HLH or an autoimmune disease.",
                      "hematology-texts")
        for cause in MEGALOBLASTIC:
            self.evidence(cause, WEAK_AGAINST,
                          "Megaloblastic anaemia may bring a low-grade fever or a just palpable "
                          "spleen, not a febrile illness with big organs, nodes, serositis or a "
                          "rash.", "hematology-texts")

    @Rule(Patient(age_years=number(lambda age: age < 40)))
    def younger_patient(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Myelodysplasia is uncommon before 40.", "hematology-texts")
