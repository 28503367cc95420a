"""Results from later in the work-up: the bone marrow, flow cytometry, cytogenetic and
molecular tests, pharmacogenetics, the Duffy phenotype, the PNH clone and the direct
antiglobulin test. A result that names an infiltrate or a clone is close to a diagnosis and
weighs accordingly; a normal result weighs against the causes it would have shown."""

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
    EMPTY_MARROW_PCT,
    SEVERAL_LINES,
    above,
    at_least,
    number,
    reported_as,
)
from .facts import (
    CellLines,
    Cytopenia,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Medication,
    Neutrophils,
    Patient,
    Smear,
)
from .quantities import Range

KNOWN = P(lambda answer: answer != "unknown")
CHILD = number(lambda age: age < 18)
ADULT_40 = number(lambda age: age >= 40)
MARROW_BLASTS_ACUTE = number(lambda pct: pct >= 20)
MARROW_BLASTS_RAISED = number(lambda pct: 5 <= pct < 20)
MARROW_BLASTS_NORMAL = number(lambda pct: pct < 5)
THIOPURINES = P(lambda generic: generic in ("azathioprine", "mercaptopurine", "thioguanine"))
DUFFY_ANCESTRY = P(lambda ancestry: ancestry in ("african", "middle_eastern"))
# Camitta criteria of severe aplastic anaemia (with a marrow under 25% cellular): two or more of
# neutrophils < 500/µL, platelets < 20,000/µL, reticulocytes < 60,000/µL (absolute)
CAMITTA_LIMITS = (("anc", 500), ("platelets", 20_000), ("reticulocytes", 60_000))


def camitta_counts_met(labs: dict) -> list[str]:
    """The Camitta blood criteria of severe aplastic anaemia a case meets (numbers or bounds
    wholly below the limit; a count in words does not fix it)."""
    met = []
    for line, limit in CAMITTA_LIMITS:
        value = labs.get(line)
        if type(value) is Range:
            below = value.below(limit)
        else:
            below = isinstance(value, (int, float)) and not isinstance(value, bool) \
                and value < limit
        if below:
            met.append(line)
    return met

# Causes a marrow examination would show: an empty, infiltrated or scarred marrow.
INFILTRATING_CAUSES = (
    "acute_myeloid_leukemia", "acute_lymphoblastic_leukemia", "hairy_cell_leukemia",
    "lymphoma_marrow_infiltration", "multiple_myeloma", "solid_tumor_marrow_infiltration",
    "myelofibrosis",
)
# A marrow that shows one infiltrate was examined and did not show the others: each named
# infiltrate argues against the infiltrating causes it is not (as a marrow with no infiltrate
# argues against them all). Myelofibrosis is left out beside blasts and hairy cells, which
# scar the marrow themselves. Haemophagocytosis is no infiltrate of these causes (lymphoma
# sets it off, and the marrow often misses the lymphoma), so it argues only against the acute
# leukaemias, whose blasts an aspirate read for haemophagocytes could not have missed.
NOT_BLASTS = ("hairy_cell_leukemia", "lymphoma_marrow_infiltration", "multiple_myeloma",
              "solid_tumor_marrow_infiltration")
NOT_PLASMA_CELLS = ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia",
                    "hairy_cell_leukemia", "lymphoma_marrow_infiltration",
                    "solid_tumor_marrow_infiltration", "myelofibrosis")
NOT_LYMPHOMA = ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia", "multiple_myeloma",
                "solid_tumor_marrow_infiltration", "myelofibrosis")
NOT_CARCINOMA = ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia", "hairy_cell_leukemia",
                 "lymphoma_marrow_infiltration", "multiple_myeloma", "myelofibrosis")
NOT_HAIRY_CELLS = ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia",
                   "lymphoma_marrow_infiltration", "multiple_myeloma",
                   "solid_tumor_marrow_infiltration")
NOT_LEISHMANIA = INFILTRATING_CAUSES
OTHER_INFILTRATE = "The marrow was examined and shows another process, not this one."
# Causes whose marrow is full or busy, never empty. Myelodysplasia is not among them: one in
# ten is hypoplastic (weighed in hypocellular_marrow on its own).
FULL_MARROW_CAUSES = (
    "acute_myeloid_leukemia", "acute_lymphoblastic_leukemia",
    "vitamin_b12_deficiency", "folate_deficiency", "hypersplenism",
)
# Clonal lymphoid diseases a flow cytometry without a clone argues against.
CLONAL_LYMPHOID_CAUSES = ("hairy_cell_leukemia", "lgl_leukemia", "chronic_lymphocytic_leukemia")


class WorkupRules(Conclusions):
    """The later work-up: marrow, flow, genetics, PNH clone, DAT, Duffy, TPMT/NUDT15."""

    # ---- questions: asked when the picture makes a marrow or a clone likely -------------------

    @Rule(OR(CellLines(pattern=SEVERAL_LINES), Smear(blasts=True),
             AND(Neutrophils(grade="severe"), Patient(age_years=ADULT_40))))
    def ask_whether_the_marrow_was_examined(self):
        self.ask("marrow_infiltrate", DETAIL + 4,
                 "If the marrow has been examined, an infiltrate (blasts, plasma cells, "
                 "lymphoma, carcinoma, hairy cells, parasites) names the cause outright.")
        self.ask("marrow_cellularity", DETAIL + 3,
                 "An empty marrow means aplasia; a full one with low counts means the cells are "
                 "made badly or destroyed.")

    @Rule(OR(Findings(marrow_cellularity=KNOWN), Findings(marrow_infiltrate=KNOWN)))
    def ask_for_the_details_of_the_marrow(self):
        self.ask("marrow_blasts_pct", FOLLOW_UP + 6,
                 "Marrow blasts of 20% or more are acute leukaemia; 5-19% myelodysplasia with "
                 "excess blasts.")
        self.ask("marrow_dysplasia", FOLLOW_UP + 2,
                 "Dysplasia in the marrow points to myelodysplasia once vitamins, copper and "
                 "drugs are excluded.")
        self.ask("marrow_fibrosis", FOLLOW_UP + 1,
                 "Fibrosis points to myelofibrosis, hairy cell leukaemia or metastatic cancer.")
        self.ask("marrow_megaloblastic", FOLLOW_UP,
                 "Megaloblastic change points to B12 or folate deficiency.")
        self.ask("marrow_granulomas", DETAIL + 6,
                 "Granulomas point to tuberculosis, sarcoidosis or brucellosis.")
        self.ask("marrow_dry_tap", DETAIL + 5,
                 "A dry tap comes from a scarred or packed marrow.")

    @Rule(OR(Findings(marrow_infiltrate="plasma_cells"), Findings(paraprotein="yes")))
    def ask_for_the_marrow_plasma_cells(self):
        self.ask("marrow_plasma_cells_pct", FOLLOW_UP + 5,
                 "Clonal plasma cells of 10% or more in the marrow are part of the definition "
                 "of myeloma.")

    @Rule(OR(Lymphocytes(status="lymphocytosis"), Smear(large_granular_lymphocytes=True),
             Smear(hairy_cells=True), Smear(blasts=True),
             AND(CellLines(pattern=SEVERAL_LINES), Findings(splenomegaly="yes"))))
    def ask_for_flow_cytometry(self):
        self.ask("flow_cytometry", FOLLOW_UP + 4,
                 "Flow cytometry types blasts and finds the clone of hairy cell, LGL or chronic "
                 "lymphocytic leukaemia.")

    @Rule(OR(Findings(marrow_infiltrate="blasts"), Findings(marrow_blasts_pct=at_least(5)),
             Findings(flow_cytometry=P(lambda f: f in ("myeloid_blasts", "lymphoid_blasts")))))
    def ask_for_the_genetics_of_the_blasts(self):
        self.ask("leukemia_genetics", FOLLOW_UP + 3,
                 "The cytogenetic and molecular result classifies the leukaemia and finds acute "
                 "promyelocytic leukaemia, an emergency.")
        self.ask("bcr_abl", FOLLOW_UP + 2,
                 "BCR::ABL1 changes the treatment of acute lymphoblastic leukaemia.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(marrow_fibrosis="yes"), Findings(marrow_dry_tap="yes"),
             Findings(known_mpn="yes"),
             AND(Findings(splenomegaly="yes"),
                 OR(Smear(teardrop_cells=True), Smear(leukoerythroblastic=True)))))
    def ask_for_the_myeloproliferative_driver_mutations(self):
        self.ask("mpn_driver_mutation", FOLLOW_UP + 3,
                 "A JAK2, CALR or MPL mutation makes a scarred marrow primary myelofibrosis.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(age_at_onset=P(lambda a: a in ("first_months", "childhood"))),
             Findings(family_history_of_neutropenia="yes"),
             Findings(marrow_neutrophil_maturation=P(lambda m: m in (
                 "maturation_arrest", "retained_mature_neutrophils")))))
    def ask_for_the_congenital_neutropenia_genes(self):
        self.ask("congenital_neutropenia_gene", FOLLOW_UP + 4,
                 "A gene panel names the congenital neutropenia and its risk of leukaemia.")

    @Rule(Medication(generic=THIOPURINES), CellLines(pattern=W()))
    def ask_for_thiopurine_metabolism(self):
        self.ask("thiopurine_metabolism", FOLLOW_UP + 8,
                 "Poor TPMT or NUDT15 metabolisers make toxic amounts of thioguanine "
                 "nucleotides from standard azathioprine or mercaptopurine doses.")

    @Rule(Patient(ancestry=DUFFY_ANCESTRY), Neutrophils(grade=P(lambda g: g in ("mild",
                                                                            "moderate"))),
          CellLines(pattern="isolated"))
    def ask_for_the_duffy_phenotype(self):
        self.ask("duffy_phenotype", DETAIL + 15,
                 "A Duffy-null red-cell phenotype explains a low-normal neutrophil count "
                 "without further work-up.")

    @Rule(Cytopenia(line="anemia"),
          OR(Findings(antinuclear_antibodies="positive"), Findings(jaundice="yes"),
             Findings(hemoglobinuria_or_unusual_thrombosis="yes"),
             Lymphocytes(status="lymphocytosis"), Findings(lupus_rash="yes")))
    def ask_for_the_direct_antiglobulin_test(self):
        self.ask("direct_antiglobulin_test", FOLLOW_UP,
                 "A positive DAT with a low neutrophil count points to an immune cytopenia "
                 "(Evans syndrome, lupus, CLL); a negative one with haemolysis to PNH.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT),
             Findings(hemoglobinuria_or_unusual_thrombosis="yes"),
             AND(CellLines(pattern="pancytopenia"), Findings(jaundice="yes"))))
    def ask_for_a_pnh_clone(self):
        self.ask("pnh_clone", FOLLOW_UP + 4,
                 "A PNH clone is found in many hypocellular marrows and explains haemolysis "
                 "and clots with low counts.")

    # ---- marrow: blasts -------------------------------------------------------------------------

    @Rule(Findings(marrow_blasts_pct=MARROW_BLASTS_ACUTE))
    def marrow_blasts_at_the_threshold_of_acute_leukaemia(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, DECISIVE_FOR,
                          "Blasts of 20% or more in the marrow define acute leukaemia; flow "
                          "cytometry decides whether myeloid or lymphoid.", "who-haem-2022")
            self.settle(cause, "Blasts of 20% or more in the marrow are acute leukaemia by "
                        "definition; what is left to ask is which lineage and what else "
                        "must not be missed.", "who-haem-2022")
        self.evidence("myelodysplastic_syndrome", RULES_OUT,
                      "With 20% marrow blasts or more the disease is acute leukaemia, no longer "
                      "myelodysplasia.", "who-haem-2022")

    @Rule(Findings(marrow_blasts_pct=MARROW_BLASTS_RAISED), CellLines(pattern=W()))
    def marrow_blasts_raised_below_twenty_percent(self):
        self.evidence("myelodysplastic_syndrome", STRONG_FOR,
                      "5-19% blasts in the marrow with low counts is myelodysplasia with "
                      "increased blasts.", "who-haem-2022")
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, MODERATE_AGAINST,
                          "Fewer than 20% marrow blasts falls short of acute leukaemia, unless a "
                          "defining genetic lesion is found.", "who-haem-2022")

    @Rule(Findings(marrow_blasts_pct=MARROW_BLASTS_NORMAL))
    def marrow_blasts_normal(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, RULES_OUT,
                          "Fewer than 5% blasts in the marrow excludes acute leukaemia.",
                          "who-haem-2022")

    @Rule(Findings(marrow_infiltrate="blasts"))
    def marrow_filled_with_blasts(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, VERY_STRONG_FOR,
                          "A marrow infiltrated by blasts is acute leukaemia until the blast "
                          "count and flow cytometry say otherwise.", "who-haem-2022")

    @Rule(Findings(flow_cytometry="myeloid_blasts"))
    def flow_finds_myeloid_blasts(self):
        self.evidence("acute_myeloid_leukemia", DECISIVE_FOR,
                      "Blasts with a myeloid phenotype (CD13, CD33, CD117, MPO) are acute "
                      "myeloid leukaemia.", "who-haem-2022")
        self.evidence("acute_lymphoblastic_leukemia", RULES_OUT,
                      "The blasts are myeloid, not lymphoid.", "who-haem-2022")

    @Rule(Findings(flow_cytometry="lymphoid_blasts"))
    def flow_finds_lymphoblasts(self):
        self.evidence("acute_lymphoblastic_leukemia", DECISIVE_FOR,
                      "Blasts with a B- or T-lymphoid phenotype (CD19, CD10, CD79a or cytoplasmic "
                      "CD3, with TdT) are acute lymphoblastic leukaemia.", "inaba-all-2020")
        self.evidence("acute_myeloid_leukemia", RULES_OUT,
                      "The blasts are lymphoid, not myeloid.", "inaba-all-2020")

    @Rule(Findings(leukemia_genetics="aml_defining"))
    def aml_defining_genetic_lesion(self):
        self.evidence("acute_myeloid_leukemia", VERY_STRONG_FOR,
                      "An AML-defining lesion (PML::RARA, RUNX1::RUNX1T1, CBFB::MYH11, KMT2A, "
                      "NPM1) makes the diagnosis AML whatever the blast count.", "who-haem-2022")
        self.evidence("myelodysplastic_syndrome", STRONG_AGAINST,
                      "An AML-defining lesion takes the disease out of myelodysplasia.",
                      "who-haem-2022")

    @Rule(Findings(leukemia_genetics="all_defining"))
    def all_defining_genetic_lesion(self):
        self.evidence("acute_lymphoblastic_leukemia", VERY_STRONG_FOR,
                      "ETV6::RUNX1, high hyperdiploidy, KMT2A::AFF1 or TCF3::PBX1 are the "
                      "recurrent lesions of B-lymphoblastic leukaemia.", "inaba-all-2020")

    @Rule(Findings(leukemia_genetics="mds_associated"), CellLines(pattern=W()))
    def mds_associated_genetic_lesion(self):
        self.evidence("myelodysplastic_syndrome", STRONG_FOR,
                      "del(5q), monosomy 7, a complex karyotype, SF3B1 or TP53 with low counts "
                      "prove a myeloid clone.", "who-haem-2022")
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "An MDS-defining lesion makes a hypocellular marrow hypoplastic "
                      "myelodysplasia rather than aplastic anaemia.", "who-haem-2022")

    @Rule(Findings(bcr_abl="positive"), OR(Smear(blasts=True), Findings(marrow_infiltrate="blasts"),
                                          Findings(flow_cytometry="lymphoid_blasts")))
    def philadelphia_positive_blasts(self):
        self.evidence("acute_lymphoblastic_leukemia", STRONG_FOR,
                      "BCR::ABL1 is the commonest recurrent lesion of adult acute lymphoblastic "
                      "leukaemia.", "inaba-all-2020")

    @Rule(Findings(bcr_abl="positive"))
    def bcr_abl_excludes_the_philadelphia_negative_neoplasms(self):
        self.evidence("myelofibrosis", STRONG_AGAINST,
                      "Primary myelofibrosis is a Philadelphia-negative neoplasm; BCR::ABL1 "
                      "points to chronic myeloid leukaemia instead.", "who-haem-2022")

    # ---- marrow: cellularity -------------------------------------------------------------------

    @Rule(OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)), CellLines(pattern=W()))
    def hypocellular_marrow(self):
        self.evidence("aplastic_anemia", VERY_STRONG_FOR,
                      "An empty (hypocellular) marrow with low counts is aplastic anaemia once "
                      "an abnormal clone and an inherited cause are excluded.", "seed-001")
        for cause in ("toxic_marrow_injury", "fanconi_anemia", "dyskeratosis_congenita",
                      "gata2_deficiency"):
            self.evidence(cause, MODERATE_FOR,
                          "Toxins and the inherited marrow failures empty the marrow.",
                          "hematology-texts")
        for cause in FULL_MARROW_CAUSES:
            self.evidence(cause, STRONG_AGAINST,
                          "This cause fills the marrow; an empty marrow argues against it.",
                          "hematology-texts")
        # WHO 2022 names hypoplastic myelodysplasia (MDS-h) as its own type: about one
        # myelodysplasia in ten to fifteen has an empty marrow, so an empty marrow lowers it
        # less than it lowers the causes that always fill the marrow.
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Most myelodysplasia fills the marrow, but about one in ten is hypoplastic "
                      "(MDS-h in the WHO 2022 classification): an empty marrow lowers it without "
                      "excluding it; dysplasia and the karyotype tell it from aplastic "
                      "anaemia.", "who-haem-2022")

    # Marrow cellularity splits the differential of pancytopenia in two (Young's table in
    # Hoffman): an empty marrow is aplasia, inherited or acquired, with a few hypoplastic
    # myelodysplasias, leukaemias and marrow lymphomas among them; metastatic carcinoma
    # (myelophthisis) and myelofibrosis belong with the cellular marrows, packed with tumour or
    # scar. Lymphoma is left alone: the table puts it on both sides (some lymphomas, often
    # febrile, leave the marrow empty). Not with an infiltrate named, which is weighed on its
    # own (and settles it).
    @Rule(OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)), CellLines(pattern=W()),
          NOT(Findings(marrow_infiltrate=P(lambda i: i not in ("none", "unknown")))))
    def empty_marrow_argues_against_a_marrow_packed_by_tumour_or_scar(self):
        for cause in ("solid_tumor_marrow_infiltration", "myelofibrosis"):
            self.evidence(cause, MODERATE_AGAINST,
                          "Metastatic cancer and myelofibrosis pack the marrow with tumour or "
                          "scar; pancytopenia with an empty marrow belongs to aplasia, not to "
                          "them.", "young-aa-hoffman")

    @Rule(Findings(marrow_cellularity="hypocellular"), CellLines(pattern=W()),
          OR(Findings(radiation_therapy="yes"), Findings(radiation_exposure="yes")))
    def hypocellular_marrow_after_radiation(self):
        # Radiation is named only when there was some: an empty marrow alone does not say
        # that a patient was irradiated.
        self.evidence("radiation_marrow_suppression", MODERATE_FOR,
                      "Radiation empties the marrow it reaches.", "hematology-texts")

    @Rule(AS.labs << Labs(), OR(Findings(marrow_cellularity="hypocellular"),
                               Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)),
          NOT(Findings(marrow_dysplasia="yes")), CellLines(pattern=SEVERAL_LINES))
    def empty_marrow_with_the_counts_of_severe_aplastic_anaemia(self, labs):
        met = camitta_counts_met(labs.as_dict())
        if len(met) < 2:
            return
        self.evidence("aplastic_anemia", MODERATE_FOR,
                      "An empty marrow with two or more of neutrophils under 500/µL, platelets "
                      "under 20,000/µL and reticulocytes under 60,000/µL meets the Camitta "
                      "criteria of severe aplastic anaemia: an emergency for the transplant or "
                      "immunosuppression team, and a depth of failure hypoplastic "
                      "myelodysplasia seldom reaches without dysplasia.", "killick-aa-2016")

    @Rule(Findings(marrow_cellularity="hypocellular", marrow_dysplasia="yes"),
          CellLines(pattern=W()))
    def empty_marrow_with_dysplasia(self):
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "Dysplastic granulocytes or megakaryocytes in an empty marrow point to "
                      "hypoplastic myelodysplasia rather than aplastic anaemia (mild "
                      "dyserythropoiesis is common in both); cytogenetics decides.",
                      "killick-aa-2016")

    @Rule(Findings(marrow_cellularity="hypocellular"), CellLines(pattern=SEVERAL_LINES))
    def ask_how_empty_the_marrow_is(self):
        self.ask("marrow_cellularity_pct", DETAIL + 2,
                 "A marrow under 25% cellular, with two of the Camitta counts, is severe "
                 "aplastic anaemia.")

    # Aplastic anaemia's marrow is under 25% cellular, or under 50% with fewer than 30%
    # blood-forming cells (Camitta): half the marrow space or more is not aplasia at any age.
    @Rule(Findings(marrow_cellularity_pct=at_least(50)), CellLines(pattern=W()))
    def marrow_half_cellular_or_more(self):
        self.evidence("aplastic_anemia", STRONG_AGAINST,
                      "A marrow 50% cellular or more is not the empty marrow of aplastic "
                      "anaemia (under 25%, or under 50% with few blood-forming cells).",
                      "killick-aa-2016")

    @Rule(Findings(marrow_cellularity=P(lambda c: c in ("normocellular", "hypercellular"))))
    def marrow_not_empty(self):
        self.evidence("aplastic_anemia", RULES_OUT,
                      "Aplastic anaemia is defined by an empty marrow.", "seed-001")

    @Rule(Findings(marrow_cellularity="normocellular"), CellLines(pattern=W()),
          NOT(Findings(marrow_infiltrate="blasts")),
          NOT(Findings(marrow_blasts_pct=at_least(5))),
          NOT(Findings(marrow_dysplasia="yes")),
          NOT(Findings(leukemia_genetics=P(lambda g: g in ("aml_defining", "mds_associated")))))
    def normocellular_marrow_with_low_counts(self):
        self.evidence("acute_myeloid_leukemia", MODERATE_AGAINST,
                      "Acute myeloid leukaemia packs the marrow with blasts (hypercellular in "
                      "most); a normocellular marrow without blasts counted argues against it.",
                      "who-haem-2022")
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Myelodysplasia is a disease of a full marrow making cells badly: about "
                      "three in four are hypercellular and one in ten hypocellular; a "
                      "normocellular marrow without dysplasia or excess blasts lowers it.",
                      "who-haem-2022")

    @Rule(Findings(marrow_cellularity="hypercellular"), CellLines(pattern=W()))
    def hypercellular_marrow_with_low_counts(self):
        for cause in ("myelodysplastic_syndrome", "vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, MODERATE_FOR,
                          "A full marrow with low counts in the blood means ineffective "
                          "production: myelodysplasia or megaloblastic anaemia.", "hematology-texts")
        self.evidence("hypersplenism", WEAK_FOR,
                      "A full marrow answering cells lost in the spleen.", "seed-001")

    # ---- marrow: what fills it ------------------------------------------------------------------

    @Rule(Findings(marrow_infiltrate="plasma_cells"))
    def marrow_infiltrated_by_plasma_cells(self):
        self.evidence("multiple_myeloma", VERY_STRONG_FOR,
                      "Sheets of plasma cells in the marrow are myeloma.", "hematology-texts")

    @Rule(Findings(marrow_plasma_cells_pct=at_least(10)))
    def marrow_plasma_cells_ten_percent_or_more(self):
        self.evidence("multiple_myeloma", STRONG_FOR,
                      "Clonal plasma cells of 10% or more in the marrow meet the marrow criterion "
                      "of myeloma (IMWG).", "hematology-texts")

    @Rule(Findings(marrow_plasma_cells_pct=number(lambda pct: pct < 5)))
    def marrow_plasma_cells_normal(self):
        self.evidence("multiple_myeloma", RULES_OUT,
                      "Fewer than 5% plasma cells in the marrow is normal and excludes myeloma "
                      "as the cause of the low counts.", "hematology-texts")

    @Rule(Findings(marrow_infiltrate="lymphoma"))
    def marrow_infiltrated_by_lymphoma(self):
        self.evidence("lymphoma_marrow_infiltration", DECISIVE_FOR,
                      "Lymphoma seen in the trephine is the cause of the low counts.",
                      "seed-000")

    @Rule(Findings(marrow_infiltrate="carcinoma"))
    def marrow_infiltrated_by_carcinoma(self):
        self.evidence("solid_tumor_marrow_infiltration", DECISIVE_FOR,
                      "Carcinoma cells in the marrow: metastatic cancer is displacing "
                      "production.", "seed-001")
        self.evidence("paraneoplastic_neutropenia", RULES_OUT,
                      "The tumour is in the marrow, not acting from afar.", "seed-001")

    @Rule(Findings(marrow_infiltrate="hairy_cells"))
    def marrow_infiltrated_by_hairy_cells(self):
        self.evidence("hairy_cell_leukemia", DECISIVE_FOR,
                      "A trephine filled by hairy cells (a 'fried-egg' pattern) is hairy cell "
                      "leukaemia.", "grever-hcl-2017")

    @Rule(Findings(marrow_infiltrate="leishmania"))
    def leishmania_amastigotes_in_the_marrow(self):
        self.evidence("parasitic_infestation", DECISIVE_FOR,
                      "Leishmania amastigotes in marrow macrophages prove visceral "
                      "leishmaniasis.", "id-texts")
        self.evidence("hypersplenism", STRONG_AGAINST,
                      "Visceral leishmaniasis fills the spleen and nodes itself; portal "
                      "hypertension no longer needs to explain them.", "id-texts")


    @Rule(Findings(marrow_infiltrate="hemophagocytosis"))
    def haemophagocytosis_in_the_marrow(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", MODERATE_FOR,
                      "Macrophages engulfing blood cells in the marrow are one of the HLH-2004 "
                      "criteria (not specific alone: transfusion and sepsis show it too).",
                      "henter-hlh-2007")

    # Fever or a ferritin of 500 µg/L or more: either is a second HLH-2004 criterion beside the
    # marrow's and the cytopenias' (case reports that give the marrow and the ferritin often
    # leave the fever unstated).
    @Rule(Findings(marrow_infiltrate="hemophagocytosis"),
          OR(Fever(present=True), Labs(ferritin=at_least(500)), Labs(ferritin=reported_as("high"))),
          CellLines(pattern=SEVERAL_LINES))
    def haemophagocytosis_with_fever_and_falling_lines(self):
        self.evidence("hemophagocytic_lymphohistiocytosis", VERY_STRONG_FOR,
                      "Haemophagocytosis with fever or a high ferritin and two or three low "
                      "lines: HLH until the ferritin, triglycerides and fibrinogen say "
                      "otherwise.", "henter-hlh-2007")
        self.evidence("viral_marrow_suppression", MODERATE_AGAINST,
                      "A virus that has set off haemophagocytosis is no transient suppression to "
                      "wait out.", "henter-hlh-2007")

    @Rule(Findings(marrow_infiltrate="hemophagocytosis"), CellLines(pattern=W()))
    def marrow_shows_haemophagocytosis_not_blasts(self):
        for cause in ("acute_myeloid_leukemia", "acute_lymphoblastic_leukemia"):
            self.evidence(cause, MODERATE_AGAINST,
                          "The marrow was examined and shows haemophagocytosis, not the sheets "
                          "of blasts of an acute leukaemia (a lymphoma behind HLH may still be "
                          "missed by the marrow; a leukaemia seldom is).", "henter-hlh-2007")

    @Rule(Findings(marrow_infiltrate="blasts"), CellLines(pattern=W()))
    def marrow_shows_blasts_not_another_infiltrate(self):
        for cause in NOT_BLASTS:
            self.evidence(cause, STRONG_AGAINST, OTHER_INFILTRATE, "seed-001")

    @Rule(Findings(marrow_infiltrate="plasma_cells"), CellLines(pattern=W()))
    def marrow_shows_plasma_cells_not_another_infiltrate(self):
        for cause in NOT_PLASMA_CELLS:
            self.evidence(cause, STRONG_AGAINST, OTHER_INFILTRATE, "seed-001")

    @Rule(Findings(marrow_infiltrate="lymphoma"), CellLines(pattern=W()))
    def marrow_shows_lymphoma_not_another_infiltrate(self):
        for cause in NOT_LYMPHOMA:
            self.evidence(cause, STRONG_AGAINST, OTHER_INFILTRATE, "seed-001")

    @Rule(Findings(marrow_infiltrate="carcinoma"), CellLines(pattern=W()))
    def marrow_shows_carcinoma_not_another_infiltrate(self):
        for cause in NOT_CARCINOMA:
            self.evidence(cause, STRONG_AGAINST, OTHER_INFILTRATE, "seed-001")

    @Rule(Findings(marrow_infiltrate="hairy_cells"), CellLines(pattern=W()))
    def marrow_shows_hairy_cells_not_another_infiltrate(self):
        for cause in NOT_HAIRY_CELLS:
            self.evidence(cause, STRONG_AGAINST, OTHER_INFILTRATE, "seed-001")

    @Rule(Findings(marrow_infiltrate="leishmania"), CellLines(pattern=W()))
    def marrow_shows_leishmania_not_an_infiltrating_cancer(self):
        for cause in NOT_LEISHMANIA:
            self.evidence(cause, STRONG_AGAINST, OTHER_INFILTRATE, "seed-001")

    @Rule(Findings(marrow_infiltrate="none"), CellLines(pattern=W()))
    def marrow_without_an_infiltrate(self):
        for cause in INFILTRATING_CAUSES:
            self.evidence(cause, STRONG_AGAINST,
                          "The marrow was examined and nothing infiltrates it.", "seed-001")
        self.evidence("parasitic_infestation", MODERATE_AGAINST,
                      "No amastigotes in the marrow (the aspirate finds them in most cases of "
                      "visceral leishmaniasis, not all).", "id-texts")

    @Rule(Findings(marrow_infiltrate=P(lambda i: i not in ("hairy_cells", "unknown"))),
          Findings(flow_cytometry=P(lambda f: f != "hairy_cell_phenotype")))
    def marrow_and_flow_without_hairy_cells(self):
        self.evidence("hairy_cell_leukemia", STRONG_AGAINST,
                      "Neither the trephine nor flow cytometry found hairy cells.",
                      "grever-hcl-2017")

    @Rule(OR(Findings(marrow_fibrosis="yes"), Findings(marrow_dry_tap="yes")),
          CellLines(pattern=W()))
    def scarred_marrow(self):
        self.evidence("myelofibrosis", STRONG_FOR,
                      "Reticulin or collagen fibrosis, or a dry tap, is the marrow of "
                      "myelofibrosis.", "seed-001")
        for cause in ("hairy_cell_leukemia", "solid_tumor_marrow_infiltration"):
            self.evidence(cause, MODERATE_FOR,
                          "Hairy cells and metastatic cancer also scar the marrow and give a "
                          "dry tap.", "hematology-texts")

    @Rule(Findings(marrow_fibrosis="no"), NOT(Findings(marrow_dry_tap="yes")))
    def marrow_without_fibrosis(self):
        self.evidence("myelofibrosis", RULES_OUT,
                      "Myelofibrosis cannot be diagnosed without fibrosis in the marrow.",
                      "who-haem-2022")

    @Rule(Findings(marrow_granulomas="yes"), CellLines(pattern=W()))
    def granulomas_in_the_marrow(self):
        for cause in ("tuberculosis", "sarcoidosis", "brucellosis"):
            self.evidence(cause, STRONG_FOR,
                          "Marrow granulomas come from mycobacteria, sarcoidosis and brucellosis "
                          "above all.", "hematology-texts")
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "Hodgkin lymphoma can bring granulomas to the marrow.", "hematology-texts")
        self.evidence("disseminated_histoplasmosis", WEAK_FOR,
                      "Histoplasma makes granulomas in the marrow, loose ones or none when "
                      "immunity is very low.", "wheat-histoplasmosis-2007")

    # What goes with the granulomas says which cause made them: a fever points to infection,
    # the commonest cause in every series (mycobacteria first where tuberculosis is common); a
    # high calcium to sarcoidosis, whose granulomas make calcitriol.
    @Rule(Findings(marrow_granulomas="yes"), Fever(present=True), CellLines(pattern=W()))
    def marrow_granulomas_with_fever(self):
        self.evidence("tuberculosis", MODERATE_FOR,
                      "Granulomas in the marrow of a febrile patient are an infection until "
                      "shown otherwise, mycobacteria first: a fever of unknown origin is "
                      "fifteen times likelier than other reasons for a biopsy to show them; "
                      "stain and culture the marrow for mycobacteria and fungi.",
                      "bhargava-marrow-granulomas-1988")

    @Rule(Findings(marrow_granulomas="yes"),
          OR(Findings(hypercalcemia="yes"), Labs(calcium=above(10.5))),
          NOT(Fever(present=True)), CellLines(pattern=W()))
    def marrow_granulomas_with_a_high_calcium(self):
        self.evidence("sarcoidosis", MODERATE_FOR,
                      "Granulomas in the marrow with a high calcium and no fever point to "
                      "sarcoidosis, whose granulomas make calcitriol (1-alpha-hydroxylase); "
                      "tuberculosis and lymphoma do it less often.",
                      "bhargava-marrow-granulomas-1988")

    @Rule(Findings(marrow_dysplasia="yes"), CellLines(pattern=W()))
    def dysplasia_in_the_marrow(self):
        self.evidence("myelodysplastic_syndrome", STRONG_FOR,
                      "Dysplasia in 10% or more of a line's cells is the morphological mark of "
                      "myelodysplasia.", "who-haem-2022")
        self.evidence("copper_deficiency", WEAK_FOR,
                      "Copper deficiency mimics myelodysplasia closely (vacuolated precursors, "
                      "ring sideroblasts).", "hematology-texts")

    @Rule(Findings(marrow_dysplasia="no"), Findings(marrow_cellularity=KNOWN),
          NOT(Findings(marrow_blasts_pct=MARROW_BLASTS_RAISED)),
          NOT(Findings(leukemia_genetics="mds_associated")))
    def marrow_without_dysplasia(self):
        self.evidence("myelodysplastic_syndrome", STRONG_AGAINST,
                      "No dysplasia, no excess blasts and no clonal lesion in an examined marrow "
                      "argues strongly against myelodysplasia.", "who-haem-2022")

    # A marrow read for dysplasia and found without it, its cellularity not given: still an
    # examined marrow, so it lowers myelodysplasia, if less than the full report does (excess
    # blasts or a clone can stand for the dysplasia that is missing).
    @Rule(Findings(marrow_dysplasia="no"), NOT(Findings(marrow_cellularity=KNOWN)),
          NOT(Findings(marrow_blasts_pct=MARROW_BLASTS_RAISED)),
          NOT(Findings(leukemia_genetics="mds_associated")), CellLines(pattern=W()))
    def marrow_without_dysplasia_its_cellularity_not_given(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "The marrow was examined and shows no dysplasia: myelodysplasia is "
                      "diagnosed by dysplasia in 10% or more of a line's cells (or by excess "
                      "blasts or a defining clone, not reported here).", "who-haem-2022")

    @Rule(Findings(marrow_megaloblastic="yes"), CellLines(pattern=W()))
    def megaloblastic_marrow(self):
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, STRONG_FOR,
                          "A megaloblastic marrow is B12 or folate deficiency until the levels "
                          "say otherwise (or a drug such as methotrexate or hydroxyurea "
                          "explains it).", "hematology-texts")

    @Rule(Findings(marrow_megaloblastic="no"), Findings(marrow_cellularity=KNOWN))
    def marrow_not_megaloblastic(self):
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, STRONG_AGAINST,
                          "Deficiency deep enough to lower the white count makes the marrow "
                          "megaloblastic; an examined marrow without it argues against it.",
                          "hematology-texts")

    # ---- flow cytometry ---------------------------------------------------------------------------

    @Rule(Findings(flow_cytometry="hairy_cell_phenotype"))
    def flow_finds_hairy_cells(self):
        self.evidence("hairy_cell_leukemia", DECISIVE_FOR,
                      "B cells expressing CD11c, CD25, CD103 and CD123 are the immunophenotype "
                      "of classic hairy cell leukaemia.", "grever-hcl-2017")

    # BRAF V600E is the disease-defining mutation of classic hairy cell leukaemia (in nearly
    # all, Tiacci 2011); its mimics lack it. It is tested once hairy cells are in view.
    @Rule(CellLines(pattern=W()),
          OR(Smear(hairy_cells=True), Findings(flow_cytometry="hairy_cell_phenotype"),
             Findings(marrow_infiltrate="hairy_cells")))
    def ask_for_braf_v600e_once_hairy_cells_are_in_view(self):
        self.ask("braf_v600e", FOLLOW_UP + 1,
                 "BRAF V600E is found in nearly every classic hairy cell leukaemia and in none "
                 "of its mimics.")

    @Rule(Findings(braf_v600e="positive"), CellLines(pattern=W()))
    def braf_v600e_with_low_counts(self):
        self.evidence("hairy_cell_leukemia", VERY_STRONG_FOR,
                      "BRAF V600E in a B-cell disorder with low counts is classic hairy cell "
                      "leukaemia: the mutation is in nearly every case and in almost no other "
                      "B-cell neoplasm.", "grever-hcl-2017")

    @Rule(Findings(braf_v600e="negative"))
    def no_braf_v600e(self):
        self.evidence("hairy_cell_leukemia", STRONG_AGAINST,
                      "Without BRAF V600E, classic hairy cell leukaemia is unlikely: think of "
                      "its mimics (the hairy cell variant, splenic marginal zone lymphoma).",
                      "grever-hcl-2017")
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "A hairy-looking B-cell disorder without BRAF V600E is more often a "
                      "splenic lymphoma (marginal zone, the hairy cell variant).",
                      "grever-hcl-2017")

    @Rule(OR(Findings(flow_cytometry="hairy_cell_phenotype"),
             Findings(marrow_infiltrate=P(lambda i: i in ("hairy_cells", "lymphoma")))))
    def a_proven_infiltrate_explains_the_big_spleen(self):
        self.evidence("hypersplenism", STRONG_AGAINST,
                      "Hairy cells or lymphoma proven in the blood or marrow fill the spleen "
                      "themselves; liver disease no longer needs to explain it.",
                      "grever-hcl-2017")

    # An NK-cell clone with fever is the aggressive leukaemia until shown otherwise: the
    # indolent NK-cell LGL disorder brings neither fever nor a big liver and spleen of its own.
    @Rule(Findings(flow_cytometry="clonal_nk_cells"), Fever(present=True), CellLines(pattern=W()))
    def nk_cell_clone_with_fever(self):
        self.evidence("aggressive_nk_cell_leukemia", VERY_STRONG_FOR,
                      "A clone of NK cells with fever and falling counts is aggressive NK-cell "
                      "leukaemia until shown otherwise: the indolent NK-cell disorder does not "
                      "bring fever of its own.", "who-haem-2022")
        self.evidence("lgl_leukemia", MODERATE_AGAINST,
                      "Fever with an NK-cell clone points away from the indolent LGL disorder "
                      "(unless an infection explains it) towards the aggressive leukaemia.",
                      "who-haem-2022")

    @Rule(Findings(flow_cytometry="clonal_nk_cells"), CellLines(pattern=W()))
    def ask_for_ebv_once_an_nk_cell_clone_is_found(self):
        self.ask("ebv_test", FOLLOW_UP + 3,
                 "EBV in the blood beside an NK-cell clone marks the aggressive leukaemia; the "
                 "indolent NK-cell disorder is EBV-negative.")

    # The indolent NK-cell disorder is EBV-negative by definition (WHO 2022); the aggressive
    # leukaemia carries EBV in nearly every case.
    @Rule(Findings(flow_cytometry="clonal_nk_cells", ebv_test="positive"), CellLines(pattern=W()))
    def nk_cell_clone_with_ebv(self):
        self.evidence("aggressive_nk_cell_leukemia", STRONG_FOR,
                      "EBV beside an NK-cell clone is the mark of aggressive NK-cell leukaemia "
                      "(or of an extranodal NK/T-cell lymphoma), EBV being in nearly every "
                      "case.", "who-haem-2022")
        self.evidence("lgl_leukemia", STRONG_AGAINST,
                      "The indolent lymphoproliferative disorder of NK cells is EBV-negative; an "
                      "EBV-positive NK-cell clone is an aggressive disease.", "who-haem-2022")

    @Rule(Findings(flow_cytometry="clonal_nk_cells"), CellLines(pattern=W()),
          OR(Findings(hepatomegaly="yes"), Findings(marrow_infiltrate="hemophagocytosis")))
    def nk_cell_clone_with_a_big_liver_or_haemophagocytosis(self):
        self.evidence("aggressive_nk_cell_leukemia", MODERATE_FOR,
                      "A big liver or haemophagocytes beside an NK-cell clone are the marks of "
                      "the aggressive leukaemia, which infiltrates the liver and sets off HLH.",
                      "who-haem-2022")

    @Rule(Findings(flow_cytometry=P(lambda f: f not in ("clonal_nk_cells", "unknown"))))
    def flow_without_an_nk_cell_clone(self):
        self.evidence("aggressive_nk_cell_leukemia", RULES_OUT,
                      "Flow cytometry found no NK-cell clone.", "who-haem-2022")

    @Rule(Smear(large_granular_lymphocytes=True), Fever(present=True), CellLines(pattern=W()),
          OR(Findings(hepatomegaly="yes"), Findings(splenomegaly="yes")))
    def large_granular_lymphocytes_with_fever_and_big_organs(self):
        self.evidence("aggressive_nk_cell_leukemia", MODERATE_FOR,
                      "Large granular lymphocytes on the film with high fever and a big liver "
                      "or spleen may be the leukaemic NK cells of the aggressive leukaemia, not "
                      "the quiet clone of LGL leukaemia: flow cytometry types them.",
                      "who-haem-2022")

    @Rule(Fever(present=False))
    def afebrile_argues_against_aggressive_nk_cell_leukaemia(self):
        self.evidence("aggressive_nk_cell_leukemia", STRONG_AGAINST,
                      "Aggressive NK-cell leukaemia comes with high fever in nearly every "
                      "patient.", "who-haem-2022")

    # With fever and falling counts in every line, a big liver and spleen and EBV in the blood
    # (EBV-driven HLH first, aggressive NK-cell leukaemia behind it), before flow cytometry has
    # been done: flow tells them apart.
    @Rule(Fever(present=True), CellLines(pattern="pancytopenia"), Findings(ebv_test="positive",
                                                                        splenomegaly="yes",
                                                                        hepatomegaly="yes"),
          NOT(Findings(flow_cytometry=W())))
    def febrile_pancytopenia_with_ebv_and_big_organs(self):
        self.ask("flow_cytometry", FOLLOW_UP + 4,
                 "With EBV, fever and big organs, flow cytometry looks for an NK- or T-cell "
                 "clone (aggressive NK-cell leukaemia, EBV-positive lymphoma).")

    @Rule(Findings(flow_cytometry=P(lambda f: f in ("clonal_t_lgl", "clonal_nk_cells"))))
    def flow_finds_a_large_granular_lymphocyte_clone(self):
        self.evidence("lgl_leukemia", DECISIVE_FOR,
                      "A clonal population of CD3+ CD8+ CD57+ T cells (or of NK cells) with a "
                      "low neutrophil count is LGL leukaemia; only small clones without "
                      "cytopenias are of uncertain significance.", "lamy-lgl-2011")
        self.evidence("rheumatoid_arthritis", MODERATE_AGAINST,
                      "In rheumatoid arthritis with an LGL clone, the clone, not the arthritis, "
                      "is lowering the count.", "lamy-lgl-2011")
        self.evidence("felty_syndrome", WEAK_FOR,
                      "Felty syndrome and T-LGL leukaemia overlap: a third of Felty patients "
                      "carry an LGL clone.", "lamy-lgl-2011")

    @Rule(Findings(flow_cytometry="clonal_b_cells"), Lymphocytes(status="lymphocytosis"))
    def flow_finds_clonal_b_cells_with_a_lymphocytosis(self):
        self.evidence("chronic_lymphocytic_leukemia", VERY_STRONG_FOR,
                      "A clonal B-cell lymphocytosis (CD5, CD23) is chronic lymphocytic "
                      "leukaemia.", "seed-001")

    @Rule(Findings(flow_cytometry="clonal_b_cells"))
    def flow_finds_clonal_b_cells(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_FOR,
                      "Clonal B cells in the blood or marrow show a B-cell lymphoma has "
                      "reached them.", "seed-000")
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "CLL is the commonest B-cell clone in an adult's blood.", "seed-001")

    # In an adult most B-cell clones in the blood are of the CLL type: about three in four
    # monoclonal B-cell lymphocytoses found in the population carry the CLL phenotype
    # (Rawstron 2008), and a CLL-type clone with cytopenias but no lymphocytosis is CLL or
    # small lymphocytic lymphoma, which the marrow or nodes carry. So a B-cell clone after
    # forty weighs about three to one for CLL over the other B-cell lymphomas. With a
    # lymphocytosis, flow_finds_clonal_b_cells_with_a_lymphocytosis weighs it instead.
    @Rule(Findings(flow_cytometry="clonal_b_cells"), Patient(age_years=ADULT_40),
          NOT(Lymphocytes(status="lymphocytosis")))
    def flow_finds_clonal_b_cells_after_forty_without_a_lymphocytosis(self):
        self.evidence("chronic_lymphocytic_leukemia", STRONG_FOR,
                      "After forty, about three in four B-cell clones in the blood are of the "
                      "CLL type, even with a normal lymphocyte count (CLL or small lymphocytic "
                      "lymphoma); CD5 and CD23 on the clone tell it from mantle cell and "
                      "marginal zone lymphoma.", "rawstron-mbl-2008")

    @Rule(Findings(flow_cytometry="clonal_plasma_cells"))
    def flow_finds_clonal_plasma_cells(self):
        self.evidence("multiple_myeloma", STRONG_FOR,
                      "Light-chain-restricted plasma cells are the clone of myeloma.",
                      "hematology-texts")

    @Rule(Findings(flow_cytometry="no_clone"))
    def flow_finds_no_clone(self):
        for cause in CLONAL_LYMPHOID_CAUSES:
            self.evidence(cause, STRONG_AGAINST,
                          "Flow cytometry found no clone; hairy cell, LGL and chronic "
                          "lymphocytic leukaemia all circulate.", "hematology-texts")
        self.evidence("lymphoma_marrow_infiltration", MODERATE_AGAINST,
                      "No clonal lymphocytes, though a lymphoma confined to nodes or spleen can "
                      "still be missed.", "hematology-texts")
        self.evidence("chronic_idiopathic_neutropenia", WEAK_FOR,
                      "No clone is one more cause excluded.", "dale-cin-2017")

    @Rule(Findings(pnh_clone="positive"), CellLines(pattern=W()))
    def pnh_clone_found(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", VERY_STRONG_FOR,
                      "Blood cells lacking GPI-anchored proteins (FLAER, CD59) are the PNH "
                      "clone.", "brodsky-pnh-2014")
        self.evidence("aplastic_anemia", WEAK_FOR,
                      "Small PNH clones are found in about half of patients with aplastic "
                      "anaemia.", "brodsky-pnh-2014")

    @Rule(Findings(pnh_clone="negative"))
    def no_pnh_clone(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", RULES_OUT,
                      "High-sensitivity flow cytometry finds no PNH clone.", "brodsky-pnh-2014")

    # ---- molecular, pharmacogenetic and serological results -----------------------------------

    @Rule(Findings(mpn_driver_mutation=P(lambda m: m in ("jak2", "calr", "mpl"))),
          CellLines(pattern=W()))
    def myeloproliferative_driver_mutation(self):
        self.evidence("myelofibrosis", STRONG_FOR,
                      "JAK2, CALR or MPL mutations drive nine in ten myelofibroses.",
                      "who-haem-2022")

    @Rule(Findings(mpn_driver_mutation="negative"))
    def no_myeloproliferative_driver_mutation(self):
        self.evidence("myelofibrosis", MODERATE_AGAINST,
                      "One primary myelofibrosis in ten is triple negative; the rest carry a "
                      "driver.", "who-haem-2022")

    @Rule(Medication(generic=THIOPURINES),
          Findings(thiopurine_metabolism=P(lambda s: s in ("poor_metabolizer",
                                                            "intermediate_metabolizer"))),
          CellLines(pattern=W()))
    def thiopurine_in_a_poor_metaboliser(self):
        self.evidence("drug_immunosuppressant", VERY_STRONG_FOR,
                      "Low TPMT or NUDT15 activity leaves thioguanine nucleotides to accumulate: "
                      "marrow aplasia within weeks on standard doses (CPIC).",
                      "cpic-thiopurines-2019")

    @Rule(Medication(generic=THIOPURINES), Findings(thiopurine_metabolism="normal_metabolizer"),
          CellLines(pattern=W()))
    def thiopurine_in_a_normal_metaboliser(self):
        self.evidence("drug_immunosuppressant", WEAK_AGAINST,
                      "Normal TPMT and NUDT15 lower, but do not remove, the risk of thiopurine "
                      "myelotoxicity.", "cpic-thiopurines-2019")

    @Rule(Findings(duffy_phenotype="duffy_null"), Neutrophils(grade=P(lambda g: g in (
        "mild", "moderate"))))
    def duffy_null_phenotype(self):
        self.evidence("duffy_null_neutrophil_count", VERY_STRONG_FOR,
                      "The Duffy-null phenotype sets a lower neutrophil count, often 1,000-1,500/µL, "
                      "as a healthy variant.", "duffy-2009")
        self.evidence("chronic_idiopathic_neutropenia", STRONG_AGAINST,
                      "A Duffy-null phenotype explains the count; it is not idiopathic.",
                      "duffy-2009")

    # Below 500/µL the Duffy-null count is rare (the lower reference limit of healthy
    # Duffy-null adults is about 1,200/µL, Merz 2023), so severe_neutropenia_is_never_a_normal_
    # variant weighs the count heavily against it; but a Duffy-null phenotype shown still
    # keeps the variant on the list, below any disease the case points to.
    @Rule(Findings(duffy_phenotype="duffy_null"), Neutrophils(grade="severe"),
          NOT(Findings(recurrent_infections="yes")))
    def duffy_null_phenotype_with_a_count_below_500(self):
        self.evidence("duffy_null_neutrophil_count", MODERATE_FOR,
                      "A Duffy-null phenotype keeps the variant on the list, but a count below "
                      "500/µL lies far under its usual range (lower limit about 1,200/µL): look "
                      "for a disease first, and repeat the count.", "merz-duffy-2023")

    @Rule(Findings(duffy_phenotype="duffy_positive"))
    def duffy_positive_phenotype(self):
        self.evidence("duffy_null_neutrophil_count", RULES_OUT,
                      "A Duffy-positive red-cell phenotype excludes the Duffy-null count.",
                      "duffy-2009")

    @Rule(Findings(direct_antiglobulin_test="positive"), CellLines(pattern=W()))
    def positive_direct_antiglobulin_test(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_FOR,
                      "Antibody-coated red cells with a low white count fit lupus.", "seed-001")
        self.evidence("chronic_lymphocytic_leukemia", WEAK_FOR,
                      "CLL often brings autoimmune haemolysis.", "hematology-texts")
        self.evidence("autoimmune_neutropenia", WEAK_FOR,
                      "Immune destruction of red cells and neutrophils together is Evans-type "
                      "autoimmunity.", "ash-2012")
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", STRONG_AGAINST,
                      "PNH haemolysis is complement-mediated and DAT-negative.",
                      "brodsky-pnh-2014")

    @Rule(Findings(direct_antiglobulin_test="negative"), Cytopenia(line="anemia"))
    def negative_direct_antiglobulin_test(self):
        self.evidence("systemic_lupus_erythematosus", WEAK_AGAINST,
                      "No antibody on the red cells.", "seed-001")
