"""What the laboratory tests beyond the blood count add: the absolute monocyte, eosinophil,
basophil and large-granular-lymphocyte counts, atypical lymphocytes, haemolysis markers,
liver enzymes, calcium, proteins and kidney function, zinc and the absolute reticulocytes."""

from __future__ import annotations

from experta import NOT, OR, Rule, W

from .base import (
    DETAIL,
    MODERATE_AGAINST,
    MODERATE_FOR,
    STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import SEVERAL_LINES, above, at_least, at_most, number, reported_as
from .facts import CellLines, Cytopenia, DrugExposure, Fever, Findings, Labs, Smear

MEGALOBLASTIC = ("vitamin_b12_deficiency", "folate_deficiency")


class OtherLabRules(Conclusions):
    """The other laboratory tests, where they change the differential."""

    # ---- what to ask ----------------------------------------------------------------------
    @Rule(CellLines(pattern=W()), NOT(Labs(monocytes_pct=W())))
    def ask_for_the_absolute_monocytes(self):
        self.ask("monocytes", DETAIL + 8,
                 "An almost absent monocyte count is a classic clue to hairy cell leukaemia.")

    @Rule(Cytopenia(line="anemia"), CellLines(pattern=W()))
    def ask_for_the_markers_of_haemolysis(self):
        self.ask("ldh", DETAIL + 6,
                 "A very high LDH with a low haptoglobin shows red cells destroyed in the "
                 "marrow (megaloblastic anaemia) or the blood (haemolysis).")
        self.ask("haptoglobin", DETAIL + 5,
                 "Haptoglobin is used up when red cells break down.")

    @Rule(CellLines(pattern=W()), OR(Findings(paraprotein="yes"), Smear(rouleaux=True),
                                     Findings(bone_pain="yes")))
    def ask_for_the_calcium(self):
        self.ask("calcium", DETAIL + 7,
                 "A high calcium beside a paraprotein or bone pain is a sign of myeloma.")

    @Rule(CellLines(pattern=SEVERAL_LINES), OR(Findings(paraprotein="yes"), Smear(rouleaux=True),
                                              Findings(bone_pain="yes")))
    def ask_for_the_esr(self):
        self.ask("esr", DETAIL + 4,
                 "An ESR of 100 mm/h or more beside low counts points to myeloma, tuberculosis "
                 "or a connective-tissue disease.")

    @Rule(Fever(present=True), CellLines(pattern=W()))
    def ask_for_the_crp_in_a_febrile_patient(self):
        self.ask("crp", DETAIL + 3,
                 "A CRP above 100 mg/L points to a bacterial infection; a normal one argues "
                 "against it (the liver makes CRP whatever the neutrophil count).")

    @Rule(Cytopenia(line="anemia"), CellLines(pattern=W()), NOT(Labs(reticulocytes_pct=W())))
    def ask_for_the_absolute_reticulocytes(self):
        self.ask("reticulocytes", DETAIL + 2,
                 "Few reticulocytes mean the marrow is not answering the anaemia; many mean "
                 "loss or destruction.")

    @Rule(Labs(calcium=above(10.5)))
    def ask_for_the_total_protein_with_a_high_calcium(self):
        self.ask("total_protein", DETAIL + 6,
                 "A high calcium with a high total protein points to myeloma's paraprotein.")

    @Rule(Labs(copper=W()))
    def ask_for_the_zinc(self):
        self.ask("zinc", DETAIL + 3,
                 "Zinc excess (supplements, denture cream) is a common cause of copper "
                 "deficiency.")

    @Rule(CellLines(pattern=W()), Findings(recent_viral_illness="yes"))
    def ask_for_atypical_lymphocytes_and_liver_enzymes(self):
        self.ask("atypical_lymphocytes_pct", DETAIL + 4,
                 "Reactive (atypical) lymphocytes point to EBV, CMV or another acute virus.")
        self.ask("alt", DETAIL + 2,
                 "Raised liver enzymes point to viral hepatitis, EBV or CMV, or a drug.")

    @Rule(CellLines(pattern=W()), OR(Findings(parasite_exposure="yes"),
                                     Findings(tropical_travel="yes")))
    def ask_for_the_eosinophils(self):
        self.ask("eosinophils", DETAIL + 5,
                 "An eosinophilia points to a parasite.")

    @Rule(Smear(large_granular_lymphocytes=True))
    def ask_for_the_large_granular_lymphocyte_count(self):
        self.ask("lgl", DETAIL + 9,
                 "More than 2,000 large granular lymphocytes per µL is the classic threshold "
                 "of LGL leukaemia.")

    # ---- white cells beyond the neutrophils --------------------------------------------------
    # The absolute monocyte count itself (near-absent under 100/µL, preserved from 200/µL)
    # is weighed with the percentage in malignancy.py (monocytes_almost_absent,
    # monocytes_preserved): one finding, counted once.

    # A laboratory's "low" monocyte count (below about 200/µL) is not always the near-absence
    # of hairy cell leukaemia, so it weighs less than a number below 100/µL.
    @Rule(CellLines(pattern=W()), Labs(monocytes=reported_as("low")), NOT(Labs(monocytes_pct=W())))
    def monocytes_reported_low(self):
        self.evidence("hairy_cell_leukemia", MODERATE_FOR,
                      "A monocyte count reported low with low counts is a clue to hairy cell "
                      "leukaemia, whose monocytes are almost absent; the absolute count and the "
                      "film settle it.", "hematology-texts")

    @Rule(CellLines(pattern=W()), Labs(eosinophils=above(500)))
    def eosinophilia_with_a_low_count(self):
        self.evidence("parasitic_infestation", MODERATE_FOR,
                      "An eosinophil count above 500/µL with a low white count points to a "
                      "helminth infection.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(basophils=above(200)))
    def basophilia_with_a_low_count(self):
        self.evidence("myelofibrosis", MODERATE_FOR,
                      "A raised basophil count is a sign of a myeloproliferative neoplasm.",
                      "hematology-texts")

    @Rule(Labs(atypical_lymphocytes_pct=above(10)))
    def many_atypical_lymphocytes(self):
        self.evidence("viral_marrow_suppression", STRONG_FOR,
                      "More than 10% reactive lymphocytes is the film of an acute viral "
                      "infection, above all EBV or CMV.", "seed-000")
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_AGAINST,
                      "Large reactive lymphocytes are not the small monotonous cells of CLL.",
                      "hematology-texts")
        self.evidence("dengue", WEAK_FOR,
                      "Dengue also brings reactive lymphocytes.", "hematology-texts")

    # "High" with no number means above the laboratory's 5%; more than 10% is the
    # threshold that weighs strongly, so a reported "high" weighs less.
    @Rule(Labs(atypical_lymphocytes_pct=reported_as("high")))
    def atypical_lymphocytes_reported_high(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "Reactive lymphocytes reported above the range point to an acute viral "
                      "infection, above all EBV or CMV.", "seed-000")

    @Rule(Labs(lgl=above(2000)))
    def many_large_granular_lymphocytes(self):
        self.evidence("lgl_leukemia", STRONG_FOR,
                      "A sustained count above 2,000 large granular lymphocytes per µL is the "
                      "classic picture of T-LGL leukaemia (clonality confirms it).",
                      "hematology-texts")

    @Rule(CellLines(pattern=W()), Labs(lgl=at_most(500)))
    def few_large_granular_lymphocytes(self):
        self.evidence("lgl_leukemia", MODERATE_AGAINST,
                      "A normal large-granular-lymphocyte count makes LGL leukaemia unlikely "
                      "(though small clones occur).", "hematology-texts")

    # ---- red cells: haemolysis and production ------------------------------------------------
    @Rule(CellLines(pattern=W()), Labs(ldh=above(250)), Labs(haptoglobin=number(lambda h: h < 30)))
    def red_cells_destroyed(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, MODERATE_FOR,
                          "A high LDH with a low haptoglobin beside a low white count: the "
                          "megaloblastic marrow destroys most of the red cells it makes.",
                          "hematology-texts")
        self.evidence("systemic_lupus_erythematosus", WEAK_FOR,
                      "Lupus can bring autoimmune haemolysis beside leukopenia.",
                      "hematology-texts")

    @Rule(CellLines(pattern=SEVERAL_LINES), Labs(ldh=above(250)),
          Labs(haptoglobin=number(lambda h: h < 30)))
    def haemolysis_with_several_low_lines(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", MODERATE_FOR,
                      "Haemolysis beside low white cells and platelets is the picture of PNH, "
                      "whose clone grows in a failing marrow; flow cytometry for a PNH clone "
                      "settles it.", "brodsky-pnh-2014")

    @Rule(CellLines(pattern=W()), Labs(ldh=above(1000)), NOT(Fever(present=True)))
    def very_high_ldh(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, MODERATE_FOR,
                          "An LDH above 1,000 U/L with cytopenias is typical of megaloblastic "
                          "anaemia.", "hematology-texts")
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "High cell turnover in lymphoma also raises LDH.", "hematology-texts")

    # Beside a fever a very high LDH has another common source: the tissue injury and cell
    # turnover of HLH (a raised LDH in most adults with it), lymphoma and disseminated
    # infection, all of which bring a fever, where megaloblastic anaemia seldom does. So it
    # counts weakly for each, not moderately for the deficiencies alone.
    @Rule(CellLines(pattern=W()), Labs(ldh=above(1000)), Fever(present=True))
    def very_high_ldh_beside_a_fever(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, WEAK_FOR,
                          "An LDH above 1,000 U/L is typical of megaloblastic anaemia, but "
                          "beside a fever HLH, lymphoma and disseminated infection raise it as "
                          "high.", "hematology-texts")
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "High cell turnover in lymphoma also raises LDH.", "hematology-texts")
        self.evidence("hemophagocytic_lymphohistiocytosis", WEAK_FOR,
                      "A very high LDH with a fever and cytopenias fits HLH, in which the LDH "
                      "is raised in most adults; ask for the ferritin, triglycerides and "
                      "fibrinogen.", "ramos-casals-hlh-2014")

    @Rule(CellLines(pattern=W()), Labs(haptoglobin=at_least(50)))
    def haptoglobin_normal(self):
        for cause in MEGALOBLASTIC:
            self.evidence(cause, MODERATE_AGAINST,
                          "A normal haptoglobin argues against the ineffective, destructive "
                          "red-cell production of a megaloblastic anaemia severe enough to "
                          "lower the white count.", "hematology-texts")

    @Rule(Cytopenia(line="anemia"), CellLines(pattern=W()),
          Labs(reticulocytes=number(lambda r: r < 25000)), NOT(Labs(reticulocytes_pct=W())))
    def anaemia_with_few_reticulocytes_counted(self):
        self.evidence("aplastic_anemia", MODERATE_FOR,
                      "Fewer than 25,000 reticulocytes per µL with anaemia: the marrow is not "
                      "producing.", "seed-000")

    # ---- myeloma: calcium, proteins, kidneys -------------------------------------------------
    @Rule(CellLines(pattern=W()), Labs(calcium=above(10.5)),
          OR(Labs(total_protein=above(8.3)), Labs(igg=above(1600))))
    def high_calcium_with_high_protein(self):
        self.evidence("multiple_myeloma", STRONG_FOR,
                      "A high calcium with a high total protein or IgG beside a low count is "
                      "the picture of myeloma (bone destruction and a paraprotein).",
                      "hematology-texts")

    @Rule(CellLines(pattern=W()), Labs(calcium=above(10.5)),
          NOT(Labs(total_protein=above(8.3))), NOT(Labs(igg=above(1600))))
    def high_calcium(self):
        self.evidence("multiple_myeloma", MODERATE_FOR,
                      "Hypercalcaemia with a low count raises myeloma (or a cancer in bone).",
                      "hematology-texts")
        self.evidence("solid_tumor_marrow_infiltration", WEAK_FOR,
                      "Cancer in bone raises the calcium and can replace the marrow.",
                      "hematology-texts")

    @Rule(CellLines(pattern=W()), Labs(creatinine=above(2.0)),
          OR(Labs(calcium=above(10.5)), Labs(total_protein=above(8.3)), Labs(igg=above(1600))))
    def kidney_failure_with_high_calcium_or_protein(self):
        self.evidence("multiple_myeloma", MODERATE_FOR,
                      "Kidney failure beside a high calcium or protein is a myeloma-defining "
                      "event.", "hematology-texts")

    @Rule(Findings(recurrent_infections="yes"), OR(Labs(iga=number(lambda a: a < 70)),
                                                  Labs(igm=number(lambda m: m < 40))))
    def low_iga_or_igm_with_infections(self):
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Low immunoglobulins with recurrent infections point to an antibody "
                      "deficiency.", "hematology-texts")
        self.evidence("chronic_lymphocytic_leukemia", WEAK_FOR,
                      "CLL lowers every class of immunoglobulin as it advances.", "seed-001")

    @Rule(CellLines(pattern=W()), OR(Labs(total_protein=above(8.3)), Labs(globulin=above(3.5)),
                                     Labs(globulin=reported_as("high"))),
          NOT(Labs(calcium=above(10.5))))
    def high_total_protein(self):
        self.evidence("multiple_myeloma", WEAK_FOR,
                      "A total protein or globulin above the range beside a low count may be a "
                      "paraprotein (a protein gap); electrophoresis and free light chains look "
                      "for it.", "hematology-texts")

    # ---- inflammation: CRP and ESR ---------------------------------------------------------
    # CRP is made by the liver, not by neutrophils, so it rises with bacterial infection even
    # in a neutropenic patient.
    @Rule(Fever(present=True), CellLines(pattern=W()), Labs(crp=at_least(100)))
    def very_high_crp_with_fever(self):
        self.evidence("bacterial_sepsis", MODERATE_FOR,
                      "A CRP of 100 mg/L or more with fever points to a bacterial infection "
                      "rather than a virus (CRP separates them with a likelihood ratio of about "
                      "3-5).", "simon-crp-2004")

    @Rule(Fever(present=True), CellLines(pattern=W()), Labs(crp=number(lambda crp: crp < 10)))
    def normal_crp_with_fever(self):
        self.evidence("bacterial_sepsis", MODERATE_AGAINST,
                      "A CRP below 10 mg/L with fever makes a bacterial sepsis unlikely (the "
                      "liver makes CRP whatever the neutrophil count).", "simon-crp-2004")

    @Rule(CellLines(pattern=W()), Labs(esr=at_least(100)))
    def esr_of_one_hundred_or_more(self):
        for cause in ("multiple_myeloma", "tuberculosis", "systemic_lupus_erythematosus"):
            self.evidence(cause, WEAK_FOR,
                          "An ESR of 100 mm/h or more comes mostly from infection (tuberculosis "
                          "among them), cancer (myeloma above all) and connective-tissue "
                          "disease.", "fincher-esr-1986")

    # ---- liver, zinc ---------------------------------------------------------------------------
    # An acute picture only: beside recurrent infections a raised ALT points elsewhere
    # (the congenital syndromes with liver involvement, rules/congenital.py).
    @Rule(CellLines(pattern=W()), Labs(alt=above(120)),
          NOT(Findings(recurrent_infections="yes")))
    def raised_liver_enzymes(self):
        self.evidence("viral_marrow_suppression", MODERATE_FOR,
                      "An ALT above three times normal with a new low count points to viral "
                      "hepatitis, EBV or CMV.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(alt=above(120)), DrugExposure(cause="drug_antithyroid"))
    def raised_liver_enzymes_on_an_antithyroid_drug(self):
        self.evidence("drug_antithyroid", WEAK_FOR,
                      "Antithyroid drugs injure the liver as well as the neutrophils.",
                      "hematology-texts")

    @Rule(CellLines(pattern=W()), Labs(zinc=above(150)))
    def zinc_excess(self):
        self.evidence("copper_deficiency", STRONG_FOR,
                      "A high zinc blocks copper absorption in the gut: zinc excess is a common "
                      "cause of copper-deficiency neutropenia.", "seed-001")

    @Rule(CellLines(pattern=W()), Labs(zinc=reported_as("high")))
    def zinc_reported_high(self):
        self.evidence("copper_deficiency", MODERATE_FOR,
                      "A zinc reported above the range (no number) beside a low count raises "
                      "zinc-induced copper deficiency; the copper level settles it.", "seed-001")

    @Rule(CellLines(pattern=W()), Labs(zinc=number(lambda z: z < 60)))
    def zinc_low(self):
        self.evidence("copper_deficiency", WEAK_FOR,
                      "A low zinc shows malabsorption, which takes copper with it.",
                      "hematology-texts")
        self.evidence("severe_malnutrition", WEAK_FOR,
                      "Zinc falls in undernutrition.", "seed-000")

    @Rule(CellLines(pattern=W()), Labs(zinc=at_most(120)), Labs(copper=number(lambda c: c < 70)))
    def copper_low_without_zinc_excess(self):
        self.evidence("copper_deficiency", WEAK_FOR,
                      "A low copper without zinc excess points to malabsorption (gastric "
                      "surgery, coeliac disease).", "seed-001")

    # ---- the analyser's differential -----------------------------------------------------
    @Rule(CellLines(pattern=W()), NOT(Smear(normal=W())), NOT(Smear(blasts=W())))
    def ask_whether_the_analyser_flagged_the_differential(self):
        self.ask("automated_differential_normal", DETAIL + 1,
                 "Without a film, an analyser differential with no flags makes circulating "
                 "blasts unlikely.")

    @Rule(CellLines(pattern=W()), Findings(automated_differential_normal="yes"),
          NOT(Smear(blasts=True)), NOT(Labs(blasts_pct=above(0))))
    def analyser_differential_without_flags(self):
        self.evidence("acute_myeloid_leukemia", WEAK_AGAINST,
                      "An automated differential without blast or atypical-cell flags makes "
                      "circulating blasts less likely; it is less sensitive than a film.",
                      "hematology-texts")
