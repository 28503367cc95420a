"""Spleen, liver and nodes: hypersplenism from portal hypertension and cirrhosis, what a big
spleen (and its size) says about the marrow diseases that enlarge it, a removed spleen, a big
liver, jaundice and where the nodes are."""

from __future__ import annotations

from experta import AS, NOT, OR, InitialFact, Rule, W

from .base import (
    DETAIL,
    ESSENTIAL,
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
from .conditions import SEVERAL_LINES, number
from .facts import CellLines, Cytopenia, Fever, Findings, Neutrophils, Patient

CHILD = number(lambda age: age < 18)
# The congested spleen of liver disease lowers the platelets first, often before the white
# cells: that evidence counts when any line is low.
ANY_LINE_LOW = OR(CellLines(pattern=W()), Cytopenia(line=W()))


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

    # portal hypertension weighs with cirrhosis whether or not the spleen is known to be big
    # (a severe neutropenia is too deep for a congested spleen), so it is asked with either
    @Rule(Findings(cirrhosis="yes"), NOT(Findings(splenomegaly="no")))
    def ask_about_portal_pressure_in_cirrhosis(self):
        self.ask("portal_hypertension", FOLLOW_UP + 12,
                 "Cirrhosis lowers the counts through portal hypertension and a congested "
                 "spleen.")

    @Rule(Findings(splenomegaly="yes"))
    def ask_why_the_spleen_is_big(self):
        self.ask("portal_hypertension", FOLLOW_UP + 12,
                 "Portal hypertension is the usual reason for hypersplenism.")
        self.ask("massive_splenomegaly", FOLLOW_UP + 6,
                 "A massive spleen points away from hypersplenism towards myelofibrosis, "
                 "hairy cell leukaemia, lymphoma or leishmaniasis.")
        self.ask("alcohol_excess", FOLLOW_UP, "Alcohol is the commonest cause of cirrhosis.")

    @Rule(Findings(splenomegaly="yes", cirrhosis="yes"), ANY_LINE_LOW)
    def big_spleen_with_cirrhosis(self):
        self.evidence("hypersplenism", VERY_STRONG_FOR,
                      "Cirrhosis raises portal pressure, the spleen swells and pools white cells "
                      "and platelets.", "seed-001")

    @Rule(Findings(splenomegaly="yes", portal_hypertension="yes"), ANY_LINE_LOW)
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

    # A congested spleen is quiet; one that comes with a fever or with enlarged nodes is
    # being filled by something, and that disease is the cause to find. The fever weighs more
    # than the nodes: portal congestion never raises the temperature, so a febrile patient
    # with a big spleen and low counts (and no known liver disease) needs a disease that both
    # fills the spleen and makes the fever (visceral leishmaniasis, malaria, typhoid,
    # tuberculosis, endocarditis, EBV or CMV, HLH, an acute leukaemia or lymphoma): a likelihood
    # ratio of about a tenth for the congested spleen. Abdominal nodes, by contrast, are found
    # beside a congested spleen now and then (the reactive nodes at the liver's hilum in
    # chronic liver disease), so they weigh moderately.
    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=W()), Fever(present=True),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def big_spleen_with_a_fever(self):
        self.evidence("hypersplenism", STRONG_AGAINST,
                      "Portal congestion enlarges the spleen without a fever; a big spleen with "
                      "a fever and low counts is filled by an infection, an infiltrate or an "
                      "inflammation (leishmaniasis, malaria, tuberculosis, EBV, lymphoma or "
                      "leukaemia, HLH), which is then the cause to find.", "hematology-texts")

    @Rule(Findings(splenomegaly="yes", lymphadenopathy="yes"), CellLines(pattern=W()),
          NOT(Fever(present=True)),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def big_spleen_with_enlarged_nodes(self):
        self.evidence("hypersplenism", MODERATE_AGAINST,
                      "Portal congestion enlarges the spleen without enlarging the nodes; a big "
                      "spleen with enlarged nodes is usually filled by an infiltrate or an "
                      "infection (lymphoma, CLL, tuberculosis, sarcoidosis), which is then the "
                      "cause to find.", "hematology-texts")

    # The spleen of cirrhosis or portal hypertension is weighed for hypersplenism even when
    # nobody has examined it (cirrhosis_with_spleen_not_examined), so the depth of the fall
    # is weighed against it then too.
    @Rule(OR(Findings(splenomegaly="yes"), Findings(cirrhosis="yes"),
             Findings(portal_hypertension="yes")),
          Neutrophils(grade="severe"))
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
        # The short list of massive spleens (myelofibrosis, CML, hairy cell leukaemia,
        # lymphoma, visceral leishmaniasis, chronic malaria, Gaucher disease, thalassaemia)
        # holds neither myelodysplasia nor megaloblastic anaemia, whose spleen is at most just
        # palpable (chronic myelomonocytic leukaemia, an overlap neoplasm, is the exception).
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Myelodysplasia seldom enlarges the spleen, and almost never massively "
                      "(outside chronic myelomonocytic leukaemia): a massive spleen beside the "
                      "low counts belongs to a disease that fills it.", "hematology-texts")
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, MODERATE_AGAINST,
                          "Megaloblastic anaemia makes the spleen at most just palpable, never "
                          "massive.", "hematology-texts")

    @Rule(Findings(splenomegaly="yes", alcohol_excess="yes"), CellLines(pattern=W()))
    def big_spleen_and_alcohol(self):
        self.evidence("hypersplenism", WEAK_FOR,
                      "Heavy drinking is the commonest road to cirrhosis and portal "
                      "hypertension.", "seed-001")

    # ---- size of the spleen, the liver, the nodes, a removed spleen ---------------------------

    # One question of the spleen's size: whether it is massive (ask_why_the_spleen_is_big);
    # the centimetres below the margin only while that is not answered, and a length on
    # imaging only while neither is (each weighs only through what it says of massive)
    @Rule(Findings(splenomegaly="yes"), NOT(Findings(massive_splenomegaly=W())))
    def ask_how_far_below_the_margin_the_spleen_is(self):
        self.ask("spleen_cm_below_costal_margin", DETAIL + 8,
                 "The size tells a congestive spleen (a few centimetres) from the massive one of "
                 "myelofibrosis, leishmaniasis or hairy cell leukaemia.")

    @Rule(Findings(splenomegaly="yes"), NOT(Findings(massive_splenomegaly=W())),
          NOT(Findings(spleen_cm_below_costal_margin=W())))
    def ask_how_long_the_spleen_is_on_imaging(self):
        self.ask("spleen_length_cm", DETAIL + 7,
                 "A length on imaging measures the spleen when it cannot be felt well.")

    @Rule(Findings(splenomegaly="yes"))
    def ask_how_big_the_liver_is_beside_the_spleen(self):
        self.ask("hepatomegaly", FOLLOW_UP + 3,
                 "A big liver with the spleen points to liver disease, infiltration or a "
                 "systemic infection.")

    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES))
    def ask_about_the_liver_in_a_child_with_several_low_lines(self):
        self.ask("hepatomegaly", FOLLOW_UP + 2,
                 "A big liver and spleen in a child with low counts points to leukaemia.")

    @Rule(Findings(lymphadenopathy="yes"))
    def ask_where_the_nodes_are(self):
        self.ask("lymph_node_sites", FOLLOW_UP + 4,
                 "Generalised nodes fit a virus or HIV; deep nodes in the chest or abdomen, "
                 "lymphoma.")

    @Rule(CellLines(pattern=SEVERAL_LINES),
          OR(Findings(splenomegaly="no"), Findings(cirrhosis="yes"),
             Findings(portal_hypertension="yes")),
          NOT(Findings(splenomegaly="yes")))
    def ask_whether_the_spleen_was_removed(self):
        self.ask("splenectomy", DETAIL - 5,
                 "Without a spleen nothing can be sequestered.")

    # weighed with anaemia and any low white count (jaundice_with_anaemia: haemolysis, PNH,
    # B12 deficiency's ineffective red-cell production), so asked there
    @Rule(CellLines(pattern=W()), Cytopenia(line="anemia"))
    def ask_about_jaundice(self):
        self.ask("jaundice", DETAIL + 3,
                 "Jaundice with anaemia points to haemolysis (malaria, PNH) or liver disease.")

    @Rule(Findings(splenectomy="yes"))
    def spleen_removed(self):
        self.evidence("hypersplenism", RULES_OUT,
                      "There is no spleen to sequester cells.", "seed-001")

    @Rule(Findings(hepatomegaly="yes", splenomegaly="yes"), Fever(present=True),
          CellLines(pattern=W()))
    def fever_with_a_big_liver_and_spleen(self):
        for cause in ("parasitic_infestation", "brucellosis", "hemophagocytic_lymphohistiocytosis"):
            self.evidence(cause, WEAK_FOR,
                          "Fever with a big liver and spleen and low counts: visceral "
                          "leishmaniasis, brucellosis or HLH.", "hematology-texts")

    @Rule(Findings(hepatomegaly="yes", splenomegaly="yes"), NOT(Fever(present=True)),
          CellLines(pattern=SEVERAL_LINES))
    def big_liver_and_spleen_with_several_low_lines(self):
        for cause in ("myelofibrosis", "lymphoma_marrow_infiltration"):
            self.evidence(cause, WEAK_FOR,
                          "A big liver as well as a big spleen with several low lines points to "
                          "an infiltrating disease or blood being made outside the marrow "
                          "(myelofibrosis), more than to portal hypertension alone.",
                          "hematology-texts")

    @Rule(Findings(jaundice="yes"), Cytopenia(line="anemia"), CellLines(pattern=W()))
    def jaundice_with_anaemia(self):
        self.evidence("paroxysmal_nocturnal_hemoglobinuria", WEAK_FOR,
                      "Jaundice with anaemia may be haemolysis, as in PNH.", "brodsky-pnh-2014")
        self.evidence("vitamin_b12_deficiency", WEAK_FOR,
                      "Ineffective red-cell production in B12 deficiency raises the bilirubin "
                      "(a lemon-yellow pallor).", "hematology-texts")

    @Rule(Findings(lymph_node_sites="generalized"), Fever(present=True), CellLines(pattern=W()))
    def fever_with_generalised_nodes(self):
        for cause in ("viral_marrow_suppression", "hiv"):
            self.evidence(cause, WEAK_FOR,
                          "Fever with nodes in several regions fits glandular fever or acute "
                          "HIV.", "seed-001")

    @Rule(Findings(lymph_node_sites="mediastinal_or_abdominal"), CellLines(pattern=W()))
    def deep_nodes_with_a_low_count(self):
        self.evidence("lymphoma_marrow_infiltration", MODERATE_FOR,
                      "Enlarged nodes in the chest or abdomen with low counts suggest lymphoma.",
                      "seed-000")
