"""A high count is not outside the system: a high white count or a lymphocytosis beside
anaemia, low platelets or recurrent infections in an older adult is chronic lymphocytic
leukaemia until shown otherwise (CLL lowers the other lines and the immunoglobulins while
raising the white count)."""

from __future__ import annotations

from experta import NOT, OR, P, Rule, W

from .base import FOLLOW_UP, MODERATE_AGAINST, MODERATE_FOR, STRONG_FOR, WEAK_FOR, Conclusions
from .conditions import number
from .facts import Cytopenia, Findings, Labs, Lymphocytes, Patient, WhiteCount

OLDER = number(lambda age: age >= 50)
YOUNG = number(lambda age: age < 30)
ADULT = number(lambda age: age >= 18)
# Above this a white count is almost never reactive (a leukaemoid reaction seldom passes
# 50,000-100,000/µL): hyperleukocytosis is a leukaemia until the film says otherwise.
HYPERLEUKOCYTOSIS = number(lambda wbc: wbc >= 100000)


class HighCountRules(Conclusions):
    """High white counts and lymphocytosis with other cytopenias or infections."""

    @Rule(WhiteCount(status="high"), NOT(Lymphocytes(status=W())))
    def ask_for_the_lymphocytes_in_a_high_count(self):
        self.ask("alc", FOLLOW_UP + 12,
                 "A high white count made of lymphocytes in an older adult is the picture of "
                 "CLL.")

    @Rule(WhiteCount(status="high"), Patient(age_years=OLDER),
          NOT(Lymphocytes(status=W())),
          OR(Cytopenia(), Findings(recurrent_infections="yes")))
    def high_white_count_with_cytopenia_or_infections_in_an_older_adult(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "A high white count with anaemia, low platelets or repeated infections "
                      "after 50 is most often CLL; the differential and the film decide.",
                      "seed-001")

    # A count above 100,000/µL in an adult is a leukaemia: in later life most often CLL (whose
    # lymphocytes can pass several hundred thousand without leukostasis) or CML. The
    # differential and the film tell them apart.
    @Rule(WhiteCount(status="high", value=HYPERLEUKOCYTOSIS), Patient(age_years=OLDER),
          NOT(Lymphocytes(status=P(lambda s: s in ("normal", "lymphopenia")))))
    def white_count_above_a_hundred_thousand_in_later_life(self):
        self.evidence("chronic_lymphocytic_leukemia", STRONG_FOR,
                      "A white count above 100,000/µL is almost never reactive; after 50 it is "
                      "most often CLL (or CML), and a film and flow cytometry decide.",
                      "hallek-cll-2018")

    @Rule(Lymphocytes(status="lymphocytosis"), Patient(age_years=OLDER), Cytopenia())
    def lymphocytosis_with_anaemia_or_low_platelets(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "Anaemia or thrombocytopenia beside a lymphocytosis is advanced CLL "
                      "(marrow infiltration) or its autoimmune cytopenias.", "seed-001")
        self.evidence("lymphoma_marrow_infiltration", WEAK_FOR,
                      "A leukaemic lymphoma fills the blood and the marrow in the same way.",
                      "hematology-texts")

    # A lymphocytosis with enlarged nodes and a big spleen is CLL or one of the lymphomas that
    # spill into the blood (mantle cell, marginal zone, follicular), which look alike on the
    # count and are told apart by flow cytometry (CD5, CD23, CD200, cyclin D1).
    @Rule(Lymphocytes(status="lymphocytosis"), Patient(age_years=ADULT),
          Findings(lymphadenopathy="yes", splenomegaly="yes"))
    def lymphocytosis_with_nodes_and_a_big_spleen(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "A lymphocytosis with enlarged nodes and a big spleen is CLL or a "
                      "lymphoma in its leukaemic phase (mantle cell, marginal zone, "
                      "follicular); flow cytometry tells them apart.", "hallek-cll-2018")

    @Rule(Lymphocytes(status="lymphocytosis"), Patient(age_years=OLDER),
          Findings(recurrent_infections="yes"), NOT(Labs(igg=W())))
    def lymphocytosis_with_recurrent_infections(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_FOR,
                      "Repeated infections beside a lymphocytosis after 50: CLL lowers the "
                      "immunoglobulins while it raises the count.", "seed-001")

    @Rule(Lymphocytes(status="lymphocytosis"), Patient(age_years=YOUNG))
    def lymphocytosis_in_a_young_person(self):
        self.evidence("chronic_lymphocytic_leukemia", MODERATE_AGAINST,
                      "CLL is almost unknown before 30; a lymphocytosis at this age is "
                      "usually reactive (a viral infection such as EBV).", "hematology-texts")
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A reactive lymphocytosis in a young person is most often viral.",
                      "seed-000")
