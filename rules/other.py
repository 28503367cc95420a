"""Other causes: hyperthyroidism, sarcoidosis, immunodeficiency disorders and the Duffy-null
associated neutrophil count (a normal variant)."""

from __future__ import annotations

from experta import NOT, P, Rule, W

from .base import (
    DETAIL,
    MODERATE_AGAINST,
    RULES_OUT,
    STRONG_AGAINST,
    VERY_STRONG_FOR,
    Conclusions,
)
from .facts import CellLines, Findings, Neutrophils, Patient

DUFFY_ANCESTRY = ("african", "middle_eastern")


class OtherRules(Conclusions):
    """Causes that fit no larger group."""

    @Rule(Neutrophils(grade=P(lambda g: g in ("mild", "moderate"))), CellLines(pattern="isolated"))
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

    @Rule(Patient(ancestry=P(lambda a: a not in DUFFY_ANCESTRY)), Neutrophils(grade=W()))
    def ancestry_without_duffy_null_prevalence(self):
        self.evidence("duffy_null_neutrophil_count", RULES_OUT,
                      "The Duffy-null variant is rare outside African and Middle Eastern "
                      "ancestry.", "duffy-2009")

    @Rule(Neutrophils(grade="severe"))
    def severe_neutropenia_is_never_a_normal_variant(self):
        self.evidence("duffy_null_neutrophil_count", RULES_OUT,
                      "The Duffy-null count rarely falls below 1,000/µL and never to severe "
                      "neutropenia.", "duffy-2009")

    @Rule(Patient(ancestry=P(lambda a: a in DUFFY_ANCESTRY)),
          Findings(recurrent_infections="yes"))
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
