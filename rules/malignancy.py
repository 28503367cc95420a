"""Haematological malignancy and cancer-related causes: leukaemias, myelodysplasia, lymphoma,
myeloma, myelofibrosis, LGL and CLL, solid-tumour infiltration and paraneoplastic
neutropenia. The blood-film clues are in cytopenias.py; this module weighs the history."""

from __future__ import annotations

from experta import P, Rule, W

from .base import (
    FOLLOW_UP,
    MODERATE_FOR,
    STRONG_FOR,
    Conclusions,
)
from .facts import CellLines, Findings, Labs, Lymphocytes, Patient

OLDER = P(lambda age: isinstance(age, (int, float)) and age >= 50)
LOW_IGG = P(lambda igg: isinstance(igg, (int, float)) and igg < 700)


class MalignancyRules(Conclusions):
    """The history and examination that point to a malignancy."""

    @Rule(CellLines(pattern=W()))
    def ask_about_cancer_and_constitutional_symptoms(self):
        self.ask("known_cancer", FOLLOW_UP + 16,
                 "Cancer lowers the count through marrow infiltration, treatment or immune "
                 "destruction.")
        self.ask("b_symptoms", FOLLOW_UP + 4,
                 "Fevers, sweats and weight loss point to lymphoma, leukaemia or tuberculosis.")

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

    @Rule(Findings(lymphadenopathy="yes"), CellLines(pattern=W()))
    def enlarged_nodes_with_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", STRONG_FOR,
                      "Enlarged nodes with low counts suggest lymphoma that has reached the "
                      "marrow.", "seed-000")

    @Rule(Findings(b_symptoms="yes"), CellLines(pattern=W()))
    def constitutional_symptoms_with_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Fevers, night sweats and weight loss are lymphoma's B symptoms.",
                      "seed-001")

    @Rule(Findings(known_cancer="yes"), CellLines(pattern=W()))
    def known_cancer_with_a_low_count(self):
        self.evidence("solid_tumor_marrow_infiltration", MODERATE_FOR,
                      "A known cancer can spread to the marrow and displace production.",
                      "seed-001")
