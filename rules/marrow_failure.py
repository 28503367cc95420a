"""Marrow failure and toxins: aplastic anaemia (an empty marrow, often after hepatitis, drugs
or chemicals) and direct marrow injury by benzene, solvents and pesticides. The point is to
tell an empty marrow from a full one (infiltration, dysplasia) and from a big spleen.
Paroxysmal nocturnal haemoglobinuria, the clone that grows in and beside an empty marrow, and
accidental irradiation are here too."""

from __future__ import annotations

from experta import AND, NOT, OR, P, Rule, W

from .base import (
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
from .conditions import EMPTY_MARROW_PCT, SEVERAL_LINES, number
from .facts import CellLines, Cytopenia, DrugExposure, Findings, Labs, Neutrophils, Smear

# With anaemia, a reticulocyte percentage under 1% means the marrow is not answering.
LOW_RETICULOCYTES = number(lambda pct: pct < 1.0)
HIGH_RETICULOCYTES = number(lambda pct: pct >= 3.0)
MANY_RETICULOCYTES_COUNTED = number(lambda count: count > 100000)  # per µL, absolute
MARROW_FAILURE = ("aplastic_anemia", "toxic_marrow_injury")


class MarrowFailureRules(Conclusions):
    """An empty marrow, and what emptied it."""

    # ---- questions -------------------------------------------------------------------------

    @Rule(OR(CellLines(pattern=SEVERAL_LINES), Smear(dysplastic_neutrophils=True),
             Smear(blasts=True)))
    def ask_about_chemical_exposure(self):
        self.ask("chemical_exposure", FOLLOW_UP + 7,
                 "Benzene, solvents and some pesticides injure the marrow, lower several lines "
                 "and can lead on to myelodysplasia or leukaemia.")

    @Rule(CellLines(pattern=SEVERAL_LINES), NOT(Findings(splenomegaly="yes")))
    def ask_about_the_marrow_response(self):
        self.ask("reticulocytes_pct", FOLLOW_UP + 9,
                 "A low reticulocyte count shows the marrow is not making red cells: an empty "
                 "or failing marrow rather than loss in the spleen or blood.")

    # asked wherever it is weighed (two or more low lines), a big spleen or not
    @Rule(CellLines(pattern=SEVERAL_LINES))
    def ask_about_a_recent_hepatitis(self):
        self.ask("recent_hepatitis", FOLLOW_UP + 1,
                 "Aplastic anaemia can follow an unexplained hepatitis by weeks to months.")

    # ---- aplastic anaemia: for -----------------------------------------------------------

    @Rule(Cytopenia(line="anemia"), CellLines(pattern=SEVERAL_LINES),
          Labs(reticulocytes_pct=LOW_RETICULOCYTES))
    def anaemia_with_few_reticulocytes(self):
        self.evidence("aplastic_anemia", STRONG_FOR,
                      "Anaemia without a reticulocyte response means the marrow is not "
                      "producing; with other low lines, an empty marrow.", "seed-000")
        self.evidence("toxic_marrow_injury", MODERATE_FOR,
                      "A marrow injured by a toxin cannot answer anaemia with reticulocytes.",
                      "seed-000")

    @Rule(CellLines(pattern="pancytopenia"), Findings(splenomegaly="no"),
          Smear(normal=True), NOT(Smear(blasts=W())), NOT(Smear(dysplastic_neutrophils=W())),
          NOT(Smear(teardrop_cells=W())), NOT(Smear(leukoerythroblastic=W())),
          NOT(Smear(hairy_cells=W())))
    def pancytopenia_with_a_clean_film_and_normal_spleen(self):
        self.evidence("aplastic_anemia", STRONG_FOR,
                      "All three lines low, no abnormal cells on the film and no big spleen: the "
                      "marrow is empty, not invaded and not bypassed.", "seed-001")

    # Most acquired aplastic anaemia presents severe (Camitta: neutrophils below 500/µL with
    # low platelets or reticulocytes); megaloblastic and infiltrative pancytopenias seldom take
    # the neutrophils that low. A chemotherapy nadir explains such a count on its own.
    @Rule(CellLines(pattern="pancytopenia"), Neutrophils(grade="severe"),
          NOT(Findings(splenomegaly="yes")), NOT(Findings(lymphadenopathy="yes")),
          NOT(Findings(recent_chemotherapy="yes")),
          NOT(DrugExposure(cause="chemotherapy_myelosuppression")))
    def pancytopenia_with_neutrophils_below_500(self):
        self.evidence("aplastic_anemia", MODERATE_FOR,
                      "Pancytopenia with neutrophils below 500/µL, and no big spleen or nodes, "
                      "is the count of severe aplastic anaemia, its commonest presentation.",
                      "killick-aa-2016")

    @Rule(CellLines(pattern=SEVERAL_LINES), Findings(recent_hepatitis="yes"))
    def cytopenias_after_a_hepatitis(self):
        self.evidence("aplastic_anemia", VERY_STRONG_FOR,
                      "Hepatitis-associated aplastic anaemia follows a seronegative hepatitis "
                      "by weeks to months, mostly in young people.", "hematology-texts")

    # ---- toxins: for -----------------------------------------------------------------------

    @Rule(CellLines(pattern=W()), Findings(chemical_exposure="yes"))
    def low_count_after_chemical_exposure(self):
        self.evidence("toxic_marrow_injury", VERY_STRONG_FOR,
                      "Regular exposure to benzene, solvents or pesticides injures marrow stem "
                      "cells and lowers the counts.", "seed-000")
        self.evidence("aplastic_anemia", MODERATE_FOR,
                      "Benzene and some pesticides are recognised triggers of aplastic "
                      "anaemia.", "seed-000")

    # Alcohol is itself a marrow toxin: heavy drinking suppresses every line (the platelets
    # most), vacuolates the precursors and can empty the marrow, and the counts recover within
    # days to weeks of abstinence. Beside the folate deficiency and hypersplenism that drinkers
    # also have, an empty marrow in a heavy drinker is alcohol's direct toxicity first.
    @Rule(Findings(alcohol_excess="yes"), CellLines(pattern=SEVERAL_LINES))
    def several_lines_low_in_a_heavy_drinker(self):
        self.evidence("toxic_marrow_injury", WEAK_FOR,
                      "Alcohol is a direct marrow toxin: heavy drinking lowers every line, the "
                      "platelets most, and the counts recover within weeks of abstinence.",
                      "ballard-1997")

    @Rule(Findings(alcohol_excess="yes"),
          OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)),
          CellLines(pattern=W()))
    def empty_marrow_in_a_heavy_drinker(self):
        self.evidence("toxic_marrow_injury", MODERATE_FOR,
                      "An empty marrow in a heavy drinker is alcohol's direct toxicity until "
                      "abstinence shows otherwise: it refills within weeks, which aplastic "
                      "anaemia does not.", "ballard-1997")

    @Rule(CellLines(pattern=SEVERAL_LINES), Findings(chemical_exposure="yes"))
    def several_lines_low_after_chemical_exposure(self):
        self.evidence("toxic_marrow_injury", MODERATE_FOR,
                      "Toxic marrow injury hits every line, not the neutrophils alone.",
                      "seed-000")

    @Rule(Findings(chemical_exposure="yes"),
          OR(Smear(dysplastic_neutrophils=True), Smear(blasts=True)))
    def dysplasia_or_blasts_after_chemical_exposure(self):
        for cause in ("myelodysplastic_syndrome", "acute_myeloid_leukemia"):
            self.evidence(cause, MODERATE_FOR,
                          "Benzene exposure raises the risk of myelodysplasia and acute myeloid "
                          "leukaemia.", "seed-000")

    # ---- against both ----------------------------------------------------------------------

    @Rule(CellLines(pattern=W()), Findings(splenomegaly="yes"))
    def big_spleen_argues_against_an_empty_marrow(self):
        self.evidence("aplastic_anemia", STRONG_AGAINST,
                      "Aplastic anaemia does not enlarge the spleen; a big spleen points to "
                      "sequestration, infiltration or infection.", "seed-001")

    @Rule(CellLines(pattern=W()),
          OR(Smear(blasts=True), Smear(dysplastic_neutrophils=True), Smear(teardrop_cells=True),
             Smear(leukoerythroblastic=True), Smear(hairy_cells=True)))
    def abnormal_cells_argue_against_an_empty_marrow(self):
        self.evidence("aplastic_anemia", STRONG_AGAINST,
                      "An empty marrow puts no abnormal cells into the blood; blasts, dysplasia "
                      "or an infiltrative film mean something is in the marrow.", "seed-001")

    @Rule(Cytopenia(line="anemia"), OR(Labs(reticulocytes_pct=HIGH_RETICULOCYTES),
                                        Labs(reticulocytes=MANY_RETICULOCYTES_COUNTED)))
    def reticulocytes_show_a_working_marrow(self):
        for cause in MARROW_FAILURE:
            self.evidence(cause, STRONG_AGAINST,
                          "Plenty of reticulocytes show the marrow is answering the anaemia; "
                          "look for loss or destruction instead.", "hematology-texts")

    # The BSH guideline puts enlarged nodes beside a big spleen: both are unusual in
    # aplastic anaemia and send the search to another diagnosis (a lymphoma, an infection,
    # a leukaemia whose marrow can look empty early on), so they weigh alike.
    # Not nodes in one superficial region draining a documented abscess or skin infection:
    # those are the infection's reactive nodes, which the neutropenia of an empty marrow
    # invites (malignancy.py, nodes_in_one_region_draining_a_local_infection).
    @Rule(CellLines(pattern=W()), Findings(lymphadenopathy="yes"),
          NOT(AND(Findings(lymph_node_sites=P(lambda sites: sites in (
                      "cervical", "axillary", "inguinal"))),
                  Findings(infection_site=P(lambda site: site in ("abscess",
                                                                  "skin_soft_tissue"))))))
    def enlarged_nodes_argue_against_an_empty_marrow(self):
        self.evidence("aplastic_anemia", STRONG_AGAINST,
                      "Enlarged nodes are unusual in aplastic anaemia, as a big spleen is: they "
                      "point to another diagnosis (lymphoma, infection, a leukaemia) even when "
                      "the marrow looks empty.", "killick-aa-2016")

    @Rule(CellLines(pattern=SEVERAL_LINES), Labs(hemoglobin=number(lambda hb: hb >= 10)),
          Labs(platelets=number(lambda plt: plt >= 50000)))
    def cytopenias_too_mild_for_aplasia(self):
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "Aplastic anaemia needs at least two of haemoglobin under 10 g/dL, "
                      "platelets under 50,000/µL and ANC under 1,500/µL; milder counts point to "
                      "a partial or reversible injury.", "hematology-texts")

    @Rule(CellLines(pattern=W()), Findings(chemical_exposure="no"))
    def no_chemical_exposure(self):
        self.evidence("toxic_marrow_injury", RULES_OUT,
                      "No exposure to a marrow toxin, so a toxic cause does not apply.",
                      "seed-000")

    @Rule(CellLines(pattern="isolated"), Findings(chemical_exposure="yes"))
    def isolated_neutropenia_despite_a_toxin(self):
        self.evidence("toxic_marrow_injury", MODERATE_AGAINST,
                      "Toxic marrow injury seldom spares the red cells and platelets; an "
                      "isolated neutropenia has other, commoner causes.", "seed-000")

    # ---- paroxysmal nocturnal haemoglobinuria and accidental irradiation ------------------------

    @Rule(CellLines(pattern=SEVERAL_LINES), Cytopenia(line="anemia"))
    def ask_about_haemoglobinuria_and_clots(self):
        self.ask("hemoglobinuria_or_unusual_thrombosis", DETAIL + 1,
                 "Dark morning urine or a clot in an unusual vein with low counts is PNH.")
        self.ask("radiation_exposure", DETAIL - 6,
                 "A large dose of radiation empties the marrow within weeks.")

    @Rule(Findings(hemoglobinuria_or_unusual_thrombosis="yes"), CellLines(pattern=W()))
    def haemoglobinuria_or_unusual_clot_with_low_counts(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", STRONG_FOR,
                      "Haemolysis with dark morning urine, or a hepatic, portal or cerebral vein "
                      "thrombosis, with cytopenias is the triad of PNH.", "brodsky-pnh-2014")

    # Dark urine (intravascular haemolysis) or a clot in an unusual vein together with a
    # failing marrow (several low lines) is PNH's own combination, its classic triad: few
    # other diseases bring both, so several lines weigh beyond any single low count.
    @Rule(Findings(hemoglobinuria_or_unusual_thrombosis="yes"), CellLines(pattern=SEVERAL_LINES))
    def haemoglobinuria_or_unusual_clot_with_several_low_lines(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", MODERATE_FOR,
                      "Intravascular haemolysis (dark morning urine) or a clot in an unusual "
                      "vein beside several low lines is the triad of PNH: a failing marrow and "
                      "the clone's haemolysis and thrombosis; flow cytometry (FLAER, CD59) "
                      "finds the clone.", "brodsky-pnh-2014")

    @Rule(Findings(hemoglobinuria_or_unusual_thrombosis="yes"),
          Findings(direct_antiglobulin_test="negative"), CellLines(pattern=W()))
    def antibody_negative_haemolysis_with_low_counts(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", STRONG_FOR,
                      "Intravascular haemolysis with a negative DAT is complement acting on "
                      "unprotected cells: PNH.", "brodsky-pnh-2014")
        self.evidence("aplastic_anemia", WEAK_AGAINST,
                      "Haemolysis is no part of aplastic anaemia alone; look for the PNH clone.",
                      "brodsky-pnh-2014")

    @Rule(Findings(hemoglobinuria_or_unusual_thrombosis="no"), NOT(Findings(pnh_clone=W())))
    def no_haemoglobinuria_or_unusual_clot(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", MODERATE_AGAINST,
                      "Neither haemolysis nor an unusual clot; only small PNH clones, found on "
                      "testing, pass unseen.", "brodsky-pnh-2014")

    # Haemolysis (or dark urine, or a clot in an unusual vein) in an empty marrow: the
    # aplastic anaemia-PNH syndrome, PNH's triad. A megaloblastic marrow destroys red cells
    # too, but it is full, not empty.
    @Rule(OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)),
          CellLines(pattern=SEVERAL_LINES),
          OR(AND(Labs(ldh=number(lambda ldh: ldh > 250)),
                 Labs(haptoglobin=number(lambda haptoglobin: haptoglobin < 30))),
             Findings(hemoglobinuria_or_unusual_thrombosis="yes")))
    def haemolysis_or_an_unusual_clot_in_an_empty_marrow(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", STRONG_FOR,
                      "Haemolysis (a high LDH and low haptoglobin, or dark morning urine) or a "
                      "clot in an unusual vein, with an empty marrow and low counts, is the "
                      "aplastic anaemia-PNH syndrome: flow cytometry for GPI-anchored proteins "
                      "(FLAER, CD59) finds the clone.", "brodsky-pnh-2014")

    @Rule(OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)),
          CellLines(pattern=SEVERAL_LINES))
    def empty_marrow_may_hold_a_pnh_clone(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", WEAK_FOR,
                      "PNH clones grow in the empty marrow of aplastic anaemia.",
                      "brodsky-pnh-2014")

    @Rule(Neutrophils(status="absolute_neutropenia"), NOT(Cytopenia(line="anemia")),
          Labs(hemoglobin=W()))
    def neutropenia_without_anaemia_argues_against_pnh(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", STRONG_AGAINST,
                      "PNH lowers the red cells first; a low neutrophil count with a normal "
                      "haemoglobin is unlike it.", "brodsky-pnh-2014")

    @Rule(Findings(radiation_exposure="yes"), CellLines(pattern=W()))
    def low_counts_after_a_radiation_accident(self):
        self.evidence("radiation_marrow_suppression", VERY_STRONG_FOR,
                      "A whole-body dose above about 1 Gy lowers lymphocytes within days and "
                      "neutrophils and platelets over weeks (acute radiation syndrome).",
                      "hematology-texts")
