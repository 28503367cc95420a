"""Spleen and liver: hypersplenism from portal hypertension and cirrhosis, and what a big
spleen says about the marrow diseases that enlarge it."""

from __future__ import annotations

from experta import AS, NOT, InitialFact, Rule, W

from .base import (
    ESSENTIAL,
    FOLLOW_UP,
    MODERATE_AGAINST,
    MODERATE_FOR,
    RULES_OUT,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import SEVERAL_LINES
from .facts import CellLines, Findings, Neutrophils


class SpleenRules(Conclusions):
    """The spleen pools and destroys cells; the liver is the usual reason it is big."""

    @Rule(InitialFact())
    def ask_about_the_spleen(self):
        self.ask("splenomegaly", ESSENTIAL + 1,
                 "A big spleen traps white cells (hypersplenism) and is a clue to lymphoma, "
                 "myelofibrosis and hairy cell leukaemia.")
        self.ask("lymphadenopathy", ESSENTIAL - 6,
                 "Enlarged nodes point to lymphoma, CLL, HIV or tuberculosis.")

    @Rule(NOT(Findings(splenomegaly="no")))
    def ask_about_the_liver(self):
        self.ask("cirrhosis", ESSENTIAL - 2,
                 "Cirrhosis with portal hypertension is the commonest reason for a big spleen "
                 "that lowers the counts.")

    @Rule(Findings(splenomegaly="yes"))
    def ask_why_the_spleen_is_big(self):
        self.ask("portal_hypertension", FOLLOW_UP + 12,
                 "Portal hypertension is the usual reason for hypersplenism.")
        self.ask("massive_splenomegaly", FOLLOW_UP + 6,
                 "A massive spleen points away from hypersplenism towards myelofibrosis, "
                 "hairy cell leukaemia, lymphoma or leishmaniasis.")
        self.ask("alcohol_excess", FOLLOW_UP, "Alcohol is the commonest cause of cirrhosis.")

    @Rule(Findings(splenomegaly="yes", cirrhosis="yes"), CellLines(pattern=W()))
    def big_spleen_with_cirrhosis(self):
        self.evidence("hypersplenism", VERY_STRONG_FOR,
                      "Cirrhosis raises portal pressure, the spleen swells and pools white cells "
                      "and platelets.", "seed-001")

    @Rule(Findings(splenomegaly="yes", portal_hypertension="yes"), CellLines(pattern=W()))
    def big_spleen_with_portal_hypertension(self):
        self.evidence("hypersplenism", STRONG_FOR,
                      "Varices, ascites or portal vein thrombosis confirm the back-pressure "
                      "that enlarges the spleen.", "seed-001")

    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=W()))
    def big_spleen_with_a_low_count(self):
        self.evidence("hypersplenism", MODERATE_FOR,
                      "An enlarged spleen removes circulating cells early, lowering the count.",
                      "seed-003")

    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES))
    def big_spleen_with_several_low_lines(self):
        self.evidence("hypersplenism", MODERATE_FOR,
                      "Sequestration lowers white cells, platelets and red cells together, "
                      "usually mildly.", "seed-000")

    @Rule(Findings(cirrhosis="yes"), NOT(Findings(splenomegaly=W())), CellLines(pattern=W()))
    def cirrhosis_with_spleen_not_examined(self):
        self.evidence("hypersplenism", MODERATE_FOR,
                      "Cirrhosis often enlarges the spleen; examine or image it.", "seed-001")

    @Rule(Findings(splenomegaly="no"))
    def spleen_not_enlarged(self):
        self.evidence("hypersplenism", RULES_OUT,
                      "Hypersplenism needs an enlarged spleen.", "seed-003")

    @Rule(AS.findings << Findings(splenomegaly="yes", cirrhosis="no"),
          NOT(Findings(portal_hypertension="yes")), CellLines(pattern=W()))
    def big_spleen_without_liver_disease(self, findings):
        if findings.get("portal_hypertension") == "no":
            self.evidence("hypersplenism", MODERATE_AGAINST,
                          "No cirrhosis and no portal hypertension: the spleen is big for another "
                          "reason, and that disease is the cause to find.", "seed-001")
        else:
            self.evidence("hypersplenism", WEAK_AGAINST,
                          "Without cirrhosis, the commonest reason for a congested spleen is "
                          "missing; ask about portal hypertension.", "seed-001")

    @Rule(Findings(splenomegaly="yes"), Neutrophils(grade="severe"))
    def severe_neutropenia_with_a_big_spleen(self):
        self.evidence("hypersplenism", MODERATE_AGAINST,
                      "Sequestration alone rarely takes the ANC below 500/µL; look for a "
                      "second cause.", "hematology-texts")

    @Rule(Findings(massive_splenomegaly="yes"))
    def massive_spleen(self):
        self.evidence("myelofibrosis", STRONG_FOR,
                      "A massive spleen is typical of myelofibrosis, where the spleen takes "
                      "over blood production.", "seed-001")
        self.evidence("hairy_cell_leukemia", MODERATE_FOR,
                      "Hairy cell leukaemia fills the spleen and often enlarges it greatly.",
                      "seed-001")
        self.evidence("hypersplenism", WEAK_AGAINST,
                      "Portal hypertension seldom makes the spleen massive.", "hematology-texts")

    @Rule(Findings(splenomegaly="yes", alcohol_excess="yes"), CellLines(pattern=W()))
    def big_spleen_and_alcohol(self):
        self.evidence("hypersplenism", WEAK_FOR,
                      "Heavy drinking is the commonest road to cirrhosis and portal "
                      "hypertension.", "seed-001")
