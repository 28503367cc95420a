"""Nutritional causes: vitamin B12, folate and copper deficiency and severe malnutrition, told
apart by diet, alcohol, surgery and absorption, zinc, the nerves and the levels themselves.
The film and MCV clues to megaloblastic production are in cytopenias.py."""

from __future__ import annotations

from experta import AS, MATCH, NOT, OR, P, Rule, W

from .base import (
    DETAIL,
    FOLLOW_UP,
    MODERATE_AGAINST,
    MODERATE_FOR,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .conditions import SEVERAL_LINES, YOUNG_CHILD, number, reported_as
from .facts import CellLines, Cytopenia, Fever, Findings, Labs, Medication, Patient, Smear

LARGE_RED_CELLS = number(lambda mcv: mcv > 100)
# Serum levels: B12 pg/mL, folate ng/mL, copper µg/dL (hematology-texts)
LOW_B12 = number(lambda b12: b12 < 200)
BORDERLINE_B12 = number(lambda b12: 200 <= b12 < 300)
NORMAL_B12 = number(lambda b12: b12 >= 400)
B12_NOT_LOW = number(lambda b12: b12 >= 300)
LOW_FOLATE = number(lambda folate: folate < 3)
NORMAL_FOLATE = number(lambda folate: folate > 5)
LOW_COPPER = number(lambda copper: copper < 70)
NORMAL_COPPER = number(lambda copper: copper >= 80)
UNDERWEIGHT = number(lambda bmi: bmi < 18.5)
HEALTHY_WEIGHT_OR_ABOVE = number(lambda bmi: bmi >= 20)
# The deficiencies lower the red cells and platelets first; the white count may still be
# normal, so their evidence counts when any line is low, not only the white cells.
ANY_LINE_LOW = OR(CellLines(pattern=W()), Cytopenia(line=W()))
# B12 deficiency in question: large red cells, a megaloblastic film or a B12 that is low or
# borderline. Autoimmune thyroid disease, which travels with pernicious anaemia, weighs for
# B12 deficiency there (and its question is asked there), not in every low count: beside an
# antithyroid drug's agranulocytosis or a normocytic aplasia it says nothing of B12.
B12_IN_QUESTION = OR(Labs(mcv=LARGE_RED_CELLS), Smear(hypersegmented_neutrophils=True),
                     Smear(macro_ovalocytes=True), Labs(vitamin_b12=LOW_B12),
                     Labs(vitamin_b12=BORDERLINE_B12))
# Drugs that block folate metabolism or absorption (by generic name in the drug dictionary)
FOLATE_ANTAGONISTS = ("methotrexate", "trimethoprim-sulfamethoxazole", "phenytoin",
                      "sulfasalazine", "triamterene")


class NutritionRules(Conclusions):
    """What the marrow lacks: vitamins, copper, or food itself."""

    # ---- questions ----------------------------------------------------------------------------

    @Rule(CellLines(pattern=W()))
    def ask_about_diet_when_the_count_is_low(self):
        self.ask("diet", DETAIL + 8,
                 "A vegan diet leads to B12 deficiency and poor intake to folate deficiency and "
                 "malnutrition.")

    # weighed with any low white count (heavy_alcohol_use_with_a_low_count), so asked with
    # one, not only with large red cells or several low lines; not of a young child
    @Rule(CellLines(pattern=W()), NOT(Patient(age_years=YOUNG_CHILD)))
    def ask_about_alcohol_when_the_count_is_low(self):
        self.ask("alcohol_excess", DETAIL + 7,
                 "Heavy drinking causes folate deficiency and often replaces food.")

    @Rule(CellLines(pattern=W()),
          OR(Labs(mcv=LARGE_RED_CELLS), Smear(hypersegmented_neutrophils=True),
             Smear(macro_ovalocytes=True), CellLines(pattern=SEVERAL_LINES)))
    def ask_about_nutrition_when_red_cells_are_large_or_several_lines_low(self):
        self.ask_about_vitamins_and_their_causes()

    # The deficiencies lower the red cells and platelets first, and their evidence counts
    # with any low line (ANY_LINE_LOW): with the white count still normal, a low red cell or
    # platelet line is reason enough to ask (a B12 deficiency after a gastrectomy with
    # Hb 10.1 g/dL, platelets 110,000 and a WBC of 4,300 was never asked about)
    @Rule(Cytopenia(line=W()), NOT(CellLines(pattern=W())))
    def ask_about_nutrition_when_another_line_is_low(self):
        self.ask_about_vitamins_and_their_causes()

    def ask_about_vitamins_and_their_causes(self):
        self.ask("vitamin_b12", FOLLOW_UP + 9,
                 "B12 deficiency lowers all three lines with large red cells; it is easily "
                 "treated and easily missed.")
        self.ask("folate", FOLLOW_UP + 8, "Folate deficiency gives the same megaloblastic picture.")
        self.ask("diet", FOLLOW_UP + 3, "Diet decides which vitamin is likely to be short.")
        self.ask("alcohol_excess", FOLLOW_UP + 2,
                 "Alcohol causes folate deficiency and suppresses the marrow directly.")
        self.ask("neuropathy_or_ataxia", FOLLOW_UP + 1,
                 "Nerve and spinal cord damage point to B12 or copper deficiency, not folate.")
        self.ask("pernicious_anemia", FOLLOW_UP,
                 "Pernicious anaemia is the commonest cause of B12 deficiency.")
        self.ask("bariatric_or_gastric_surgery", FOLLOW_UP - 1,
                 "Gastric bypass and gastrectomy lead to copper and B12 deficiency.")
        self.ask("malabsorption", FOLLOW_UP - 2,
                 "Malabsorption depletes B12, folate and copper.")

    # Autoimmune thyroid disease weighs for B12 deficiency with any low count (hypothyroidism
    # in other.py, Graves' disease below): asked where the picture is megaloblastic, not in
    # every low count (its follow-up, how the thyroid is treated, is beside the point there)
    @Rule(ANY_LINE_LOW, B12_IN_QUESTION)
    def ask_about_thyroid_disease_when_the_picture_is_megaloblastic(self):
        self.ask("known_thyroid_disease", FOLLOW_UP - 3,
                 "Autoimmune thyroid disease travels with pernicious anaemia.")

    # Infants and the tube- or drip-fed are the patients whose food itself can lack copper.
    @Rule(ANY_LINE_LOW, Patient(age_years=number(lambda age: age < 2)))
    def ask_an_infant_about_copper_poor_feeding(self):
        self.ask("copper_poor_feeding", FOLLOW_UP - 4,
                 "An infant fed only cow's milk or an unfortified formula runs out of copper, "
                 "which lowers the neutrophils and red cells.")

    @Rule(CellLines(pattern=SEVERAL_LINES))
    def ask_about_copper_poor_feeding_when_several_lines_are_low(self):
        self.ask("copper_poor_feeding", DETAIL + 2,
                 "Parenteral nutrition or tube feeds without trace elements run out of copper "
                 "within months.")

    @Rule(ANY_LINE_LOW,
          OR(Findings(bariatric_or_gastric_surgery="yes"), Findings(malabsorption="yes"),
             Medication(drug_class="zinc_supplement"), Smear(dysplastic_neutrophils=True),
             Findings(neuropathy_or_ataxia="yes"), Findings(copper_poor_feeding="yes")))
    def ask_for_copper_when_the_picture_fits(self):
        self.ask("copper", FOLLOW_UP + 7,
                 "Copper deficiency after gut surgery or with zinc excess lowers neutrophils and "
                 "red cells and can pass for myelodysplasia.")
        self.ask("vitamin_b12", FOLLOW_UP + 6,
                 "B12 deficiency shares the causes and the nerve damage of copper deficiency.")

    @Rule(ANY_LINE_LOW,
          OR(Findings(diet=P(lambda diet: diet in ("vegan", "poor_intake"))),
             Findings(pernicious_anemia="yes"), Findings(alcohol_excess="yes")))
    def ask_for_vitamin_levels_when_intake_or_absorption_is_at_risk(self):
        self.ask("vitamin_b12", FOLLOW_UP + 6, "Diet or gastritis puts B12 at risk.")
        self.ask("folate", FOLLOW_UP + 5, "Poor intake or alcohol puts folate at risk.")

    # anorexia nervosa, a disease of adolescents and young adults, lowers several lines and
    # is weighed with any low count: asked there, not only after poor intake or weight loss
    @Rule(CellLines(pattern=SEVERAL_LINES),
          OR(Patient(age_years=number(lambda age: 10 <= age < 40)), NOT(Patient(age_years=W()))))
    def ask_about_anorexia_when_several_lines_are_low_in_the_young(self):
        self.ask("anorexia_nervosa", DETAIL + 3,
                 "Anorexia nervosa lowers several lines, and refeeding restores them.")

    @Rule(OR(Findings(diet="poor_intake"), Findings(b_symptoms="yes"),
             Findings(weight_loss="yes")), CellLines(pattern=W()))
    def ask_about_weight_and_eating_when_intake_is_poor(self):
        self.ask("body_mass_index", FOLLOW_UP + 2,
                 "Severe thinness starves the marrow of the materials to make cells.")
        self.ask("anorexia_nervosa", FOLLOW_UP + 1,
                 "Anorexia nervosa commonly lowers the white count.")

    # ---- vitamin B12 -------------------------------------------------------------------------

    # Autoimmune gastritis (pernicious anaemia) travels with autoimmune thyroid disease, the
    # overactive (Graves') as well as the underactive (Hashimoto's) kind; the hypothyroid case
    # is weighed in other.py (low_count_in_an_underactive_thyroid).
    @Rule(Findings(known_thyroid_disease="graves"), ANY_LINE_LOW, B12_IN_QUESTION)
    def low_count_in_graves_disease(self):
        self.evidence("vitamin_b12_deficiency", WEAK_FOR,
                      "Graves' disease, like Hashimoto's, travels with pernicious anaemia: a "
                      "B12 level belongs in its work-up when the red cells or other lines are "
                      "low.", "hematology-texts")

    @Rule(Labs(vitamin_b12=LOW_B12), ANY_LINE_LOW)
    def low_vitamin_b12(self):
        self.evidence("vitamin_b12_deficiency", VERY_STRONG_FOR,
                      "A B12 below 200 pg/mL with low counts: megaloblastic marrow failure.",
                      "seed-000")

    @Rule(Labs(vitamin_b12=BORDERLINE_B12), ANY_LINE_LOW)
    def borderline_vitamin_b12(self):
        self.evidence("vitamin_b12_deficiency", MODERATE_FOR,
                      "A borderline B12 (200-300 pg/mL) can hide true deficiency; a raised "
                      "methylmalonic acid confirms it.", "hematology-texts")

    @Rule(Labs(vitamin_b12=NORMAL_B12))
    def normal_vitamin_b12(self):
        self.evidence("vitamin_b12_deficiency", STRONG_AGAINST,
                      "A B12 of 400 pg/mL or more makes deficiency unlikely.", "hematology-texts")

    # A level given only as "normal" means inside the laboratory's range, which for B12 begins
    # in the low-normal zone where deficiency can hide: it weighs less than a number would.
    @Rule(Labs(vitamin_b12=reported_as("normal")))
    def vitamin_b12_reported_normal(self):
        self.evidence("vitamin_b12_deficiency", MODERATE_AGAINST,
                      "A B12 reported as normal (no number) lowers deficiency; a low-normal "
                      "level can still hide it, and a methylmalonic acid settles a doubt.",
                      "bsh-b12-folate")

    @Rule(Findings(pernicious_anemia="yes"), ANY_LINE_LOW)
    def pernicious_anaemia_or_autoimmune_gastritis(self):
        self.evidence("vitamin_b12_deficiency", VERY_STRONG_FOR,
                      "Autoimmune gastritis destroys the intrinsic factor needed to absorb B12.",
                      "hematology-texts")

    @Rule(Findings(diet="vegan"), ANY_LINE_LOW)
    def vegan_diet_with_a_low_count(self):
        self.evidence("vitamin_b12_deficiency", STRONG_FOR,
                      "B12 comes only from animal foods; an unsupplemented vegan diet empties the "
                      "stores over a few years.", "seed-003")
        self.evidence("folate_deficiency", MODERATE_AGAINST,
                      "A plant-based diet is rich in folate.", "seed-003")

    # ---- folate ----------------------------------------------------------------------------

    @Rule(Labs(folate=LOW_FOLATE), ANY_LINE_LOW)
    def low_folate(self):
        self.evidence("folate_deficiency", VERY_STRONG_FOR,
                      "A serum folate below 3 ng/mL with low counts: megaloblastic marrow "
                      "failure.", "seed-000")

    # "Low" with no number means below the laboratory's range (about 4 ng/mL), which reaches
    # into the 3-4 ng/mL zone where deficiency is possible but not proven: less than a number
    # below 3 would weigh.
    @Rule(Labs(folate=reported_as("low")), ANY_LINE_LOW)
    def folate_reported_low(self):
        self.evidence("folate_deficiency", STRONG_FOR,
                      "A serum folate reported below the laboratory's range (no number) with "
                      "low counts points to folate deficiency; a level at the bottom of the "
                      "range or a red-cell folate settles a doubt.", "bsh-b12-folate")

    @Rule(Labs(folate=NORMAL_FOLATE))
    def normal_folate(self):
        self.evidence("folate_deficiency", STRONG_AGAINST,
                      "A normal serum folate (a recent meal aside) makes deficiency unlikely.",
                      "hematology-texts")

    @Rule(Labs(folate=reported_as("normal")))
    def folate_reported_normal(self):
        self.evidence("folate_deficiency", MODERATE_AGAINST,
                      "A serum folate reported as normal (no number) makes deficiency unlikely, "
                      "though a recent meal can lift a low level into the range.",
                      "bsh-b12-folate")

    # A deficiency of B12 or folate lowers the counts slowly, as the stores run out (folate's
    # over about four months, B12's over years), and the red cells grow large first; it has
    # no fever of its own. Several lines low in a fever of days to under three weeks are an
    # infection's (or HLH's) first, so the slow deficiencies weigh a little less, the more so
    # when earlier counts were normal. Not when the red cells are already large (the anaemia
    # then predates the fever) nor when a level is measured low (that speaks for itself).
    @Rule(Fever(present=True), Findings(acute_infection_onset_days=number(lambda days: days < 21)),
          CellLines(pattern=SEVERAL_LINES), NOT(Labs(mcv=LARGE_RED_CELLS)),
          NOT(Labs(vitamin_b12=LOW_B12)), NOT(Labs(folate=LOW_FOLATE)),
          NOT(Findings(previous_counts_normal="yes")))
    def several_low_lines_in_a_fever_of_days(self):
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, WEAK_AGAINST,
                          "Several lines low in a fever of days: an infection's picture first; "
                          "a vitamin deficiency lowers the counts slowly over months, with no "
                          "fever of its own.", "bsh-b12-folate")

    @Rule(Fever(present=True), Findings(acute_infection_onset_days=number(lambda days: days < 21)),
          CellLines(pattern=SEVERAL_LINES), NOT(Labs(mcv=LARGE_RED_CELLS)),
          NOT(Labs(vitamin_b12=LOW_B12)), NOT(Labs(folate=LOW_FOLATE)),
          Findings(previous_counts_normal="yes"))
    def several_low_lines_in_a_fever_of_days_after_normal_counts(self):
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, MODERATE_AGAINST,
                          "Several lines low in a fever of days after normal earlier counts: a "
                          "vitamin deficiency, which lowers the counts slowly over months as "
                          "the stores run out, is unlikely to have done it.", "bsh-b12-folate")

    @Rule(Findings(diet="poor_intake"), CellLines(pattern=W()))
    def poor_intake_with_a_low_count(self):
        self.evidence("folate_deficiency", STRONG_FOR,
                      "Folate stores last only months, so poor intake shows first as folate "
                      "deficiency.", "seed-004")
        self.evidence("severe_malnutrition", MODERATE_FOR,
                      "Too little food leaves the marrow short of protein and energy.", "seed-004")
        self.evidence("vitamin_b12_deficiency", WEAK_FOR,
                      "B12 stores last years, but a long poor diet can exhaust them too.",
                      "seed-003")

    @Rule(Findings(diet=P(lambda diet: diet in ("varied", "vegetarian"))))
    def adequate_diet(self):
        self.evidence("severe_malnutrition", STRONG_AGAINST,
                      "An adequate diet rules out starvation as the cause.", "seed-004")
        self.evidence("folate_deficiency", WEAK_AGAINST,
                      "Dietary folate deficiency is unlikely on an adequate diet; alcohol, "
                      "malabsorption and drugs remain.", "seed-003")

    @Rule(Findings(alcohol_excess="yes"), CellLines(pattern=W()))
    def heavy_alcohol_use_with_a_low_count(self):
        self.evidence("folate_deficiency", MODERATE_FOR,
                      "Heavy drinkers eat little folate and alcohol blocks its use.",
                      "seed-000")
        self.evidence("severe_malnutrition", WEAK_FOR,
                      "Heavy drinking often replaces food.", "seed-004")

    @Rule(Medication(generic=P(lambda generic: generic in FOLATE_ANTAGONISTS)),
          OR(Labs(mcv=LARGE_RED_CELLS), Smear(hypersegmented_neutrophils=True)),
          CellLines(pattern=W()))
    def folate_antagonist_drug_with_megaloblastic_changes(self):
        self.evidence("folate_deficiency", MODERATE_FOR,
                      "Methotrexate, trimethoprim, phenytoin, sulfasalazine and triamterene "
                      "block folate use or absorption and give megaloblastic changes.",
                      "hematology-texts")

    @Rule(Medication(generic="folic acid", stopped=False), CellLines(pattern=W()))
    def taking_folic_acid(self):
        self.evidence("folate_deficiency", MODERATE_AGAINST,
                      "Folic acid taken now replenishes folate within days, so a deficiency is "
                      "unlikely to be the cause (it does not undo a folate antagonist's "
                      "toxicity: methotrexate needs folinic acid).", "bsh-b12-folate")

    # ---- absorption, surgery, zinc and the nerves ----------------------------------------------

    @Rule(Findings(bariatric_or_gastric_surgery="yes"), ANY_LINE_LOW)
    def gastric_bypass_or_gastrectomy(self):
        self.evidence("copper_deficiency", STRONG_FOR,
                      "Copper is absorbed in the stomach and duodenum, which bypass surgery "
                      "removes from the path of food.", "seed-001")
        self.evidence("vitamin_b12_deficiency", MODERATE_FOR,
                      "Without the stomach's acid and intrinsic factor B12 is poorly absorbed.",
                      "hematology-texts")
        self.evidence("folate_deficiency", WEAK_FOR,
                      "Folate absorption also suffers after bypass surgery.", "hematology-texts")

    @Rule(Findings(malabsorption="yes"), ANY_LINE_LOW)
    def malabsorption_with_a_low_count(self):
        for cause in ("copper_deficiency", "vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, MODERATE_FOR,
                          "Coeliac disease, Crohn's disease or ileal resection can deplete "
                          "copper, B12 and folate.", "seed-001")

    # the count recovering once the zinc is stopped (and copper given) is weighed against the
    # clonal marrow diseases as for any suspect drug (count_recovered_when_the_suspect_drug_
    # stopped): asked beside zinc, which no drug list names as a suspect drug
    @Rule(Medication(drug_class="zinc_supplement"), CellLines(pattern=W()))
    def ask_whether_the_count_recovered_off_the_zinc(self):
        self.ask("count_recovered_after_stopping", DETAIL + 6,
                 "A count that recovers once the zinc is stopped and copper given confirms "
                 "zinc-induced copper deficiency; a clonal marrow disease would not recover.")

    @Rule(AS.zinc << Medication(drug_class="zinc_supplement"), CellLines(pattern=W()))
    def zinc_supplements_with_a_low_count(self, zinc):
        weeks = zinc.get("started_weeks_ago")
        if weeks is None:
            weight, why = MODERATE_FOR, "for an unknown time"
        elif weeks >= 12:
            weight, why = STRONG_FOR, f"for {weeks:g} weeks"
        else:
            weight, why = WEAK_FOR, f"for only {weeks:g} weeks"
        self.evidence("copper_deficiency", weight,
                      f"Zinc taken {why}: zinc makes the gut hold back copper, and months of "
                      "excess lead to copper deficiency.", "seed-000")

    # Copper deficiency arrests the myeloid precursors (left-shifted, vacuolated, few mature
    # cells) and the red-cell ones too (vacuoles, ring sideroblasts): a maturation arrest with
    # anaemia fits it, where Kostmann syndrome's arrest spares the red cells.
    @Rule(Findings(marrow_neutrophil_maturation="maturation_arrest"), Cytopenia(line="anemia"))
    def maturation_arrest_with_anaemia(self):
        self.evidence("copper_deficiency", MODERATE_FOR,
                      "A myeloid maturation arrest with anaemia: copper deficiency holds back "
                      "both the myeloid and the red-cell precursors (vacuoles, ring "
                      "sideroblasts), and a serum copper and caeruloplasmin settle it.",
                      "danks-1988")
        self.ask("copper", FOLLOW_UP + 7,
                 "Copper deficiency arrests myeloid and red-cell maturation alike.")

    @Rule(Findings(copper_poor_feeding="yes"), ANY_LINE_LOW)
    def feeding_that_holds_little_copper(self):
        self.evidence("copper_deficiency", STRONG_FOR,
                      "Months on parenteral nutrition or tube feeds without trace elements, or "
                      "an infant fed only cow's milk or an unfortified formula, run out of "
                      "copper: neutropenia and anaemia are its first signs.", "danks-1988")

    @Rule(Findings(neuropathy_or_ataxia="yes"), ANY_LINE_LOW)
    def neuropathy_or_ataxia_with_a_low_count(self):
        self.evidence("vitamin_b12_deficiency", MODERATE_FOR,
                      "B12 deficiency damages the dorsal columns and peripheral nerves.",
                      "hematology-texts")
        self.evidence("copper_deficiency", MODERATE_FOR,
                      "Copper deficiency causes a myelopathy just like B12 deficiency.",
                      "hematology-texts")
        self.evidence("folate_deficiency", MODERATE_AGAINST,
                      "Folate deficiency seldom damages the spinal cord; nerve signs point to B12 "
                      "or copper.", "hematology-texts")

    @Rule(Findings(neuropathy_or_ataxia="yes"), Labs(vitamin_b12=B12_NOT_LOW),
          ANY_LINE_LOW)
    def myelopathy_with_a_normal_b12(self):
        self.evidence("copper_deficiency", STRONG_FOR,
                      "A B12-like myelopathy with a normal B12 is the signature of copper "
                      "deficiency.", "hematology-texts")

    # Explaining away: dysplasia (hypolobated or hypogranular neutrophils, a dysplastic
    # marrow) in a patient with a route to copper deficiency at hand is copper deficiency
    # until a serum copper and caeruloplasmin say otherwise. It copies myelodysplasia on the
    # film and in the marrow (vacuolated precursors, ring sideroblasts) and recovers with
    # copper, so myelodysplasia is not diagnosed before it is excluded.
    @Rule(OR(Smear(dysplastic_neutrophils=True), Findings(marrow_dysplasia="yes")),
          OR(Medication(drug_class="zinc_supplement"),
             Findings(bariatric_or_gastric_surgery="yes"), Findings(malabsorption="yes"),
             Findings(copper_poor_feeding="yes")),
          ANY_LINE_LOW, NOT(Labs(copper=NORMAL_COPPER)), NOT(Labs(copper=reported_as("normal"))))
    def dysplasia_with_a_route_to_copper_deficiency(self):
        self.evidence("copper_deficiency", MODERATE_FOR,
                      "Dysplasia with zinc excess, gastric surgery, malabsorption or copper-poor "
                      "feeding at hand is copper deficiency until a copper level says "
                      "otherwise: it copies myelodysplasia and recovers with copper.",
                      "halfdanarson-2008")
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "With a route to copper deficiency at hand, the dysplasia is not called "
                      "myelodysplasia until the serum copper and caeruloplasmin are normal.",
                      "halfdanarson-2008")

    @Rule(Labs(copper=LOW_COPPER), ANY_LINE_LOW)
    def low_copper(self):
        self.evidence("copper_deficiency", VERY_STRONG_FOR,
                      "A low serum copper with neutropenia and anaemia.", "seed-000")
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "Copper deficiency copies myelodysplasia on the film and in the marrow; "
                      "correct it before diagnosing MDS.", "hematology-texts")

    @Rule(Labs(copper=reported_as("normal")))
    def copper_reported_normal(self):
        self.evidence("copper_deficiency", MODERATE_AGAINST,
                      "A serum copper reported as normal (no number) makes deficiency unlikely "
                      "(inflammation can lift a low level: caeruloplasmin is an acute-phase "
                      "protein).", "hematology-texts")

    @Rule(Labs(copper=NORMAL_COPPER))
    def normal_copper(self):
        self.evidence("copper_deficiency", STRONG_AGAINST,
                      "A normal serum copper makes deficiency unlikely.", "hematology-texts")

    @Rule(Findings(bariatric_or_gastric_surgery="no", malabsorption="no"),
          NOT(Medication(drug_class="zinc_supplement")),
          NOT(Findings(copper_poor_feeding="yes")))
    def no_reason_to_lack_copper(self):
        self.evidence("copper_deficiency", STRONG_AGAINST,
                      "No gut surgery, no malabsorption and no zinc: acquired copper deficiency "
                      "is unlikely.", "seed-001")

    # ---- severe malnutrition --------------------------------------------------------------------

    @Rule(Findings(body_mass_index=UNDERWEIGHT & MATCH.bmi), CellLines(pattern=W()))
    def underweight_with_a_low_count(self, bmi):
        weight = STRONG_FOR if bmi < 16 else MODERATE_FOR
        self.evidence("severe_malnutrition", weight,
                      f"A body mass index of {bmi:g} kg/m²: starvation shrinks the marrow and "
                      "lowers the white count.", "seed-001")

    @Rule(Findings(body_mass_index=HEALTHY_WEIGHT_OR_ABOVE))
    def healthy_body_weight(self):
        self.evidence("severe_malnutrition", STRONG_AGAINST,
                      "A body mass index of 20 or more argues against severe malnutrition.",
                      "seed-004")

    @Rule(Findings(anorexia_nervosa="yes"), CellLines(pattern=W()))
    def anorexia_nervosa_with_a_low_count(self):
        self.evidence("severe_malnutrition", STRONG_FOR,
                      "Anorexia nervosa often lowers the white count, which recovers with "
                      "refeeding.", "seed-002")

    # Starvation lowers the red cells and platelets too, not only the white count: the
    # marrow's atrophy (gelatinous transformation) deepens with the weight lost, so all three
    # lines low in a patient this thin fit starvation as well as they fit a marrow disease or
    # a single missing vitamin (which in starvation are often normal).
    @Rule(OR(Findings(anorexia_nervosa="yes"),
             Findings(body_mass_index=number(lambda bmi: bmi < 16))),
          CellLines(pattern="pancytopenia"))
    def all_three_lines_low_in_starvation(self):
        self.evidence("severe_malnutrition", MODERATE_FOR,
                      "All three lines low with a body mass index under 16 (or anorexia "
                      "nervosa): starvation's marrow atrophy lowers every line in proportion to "
                      "the weight lost, and refeeding restores them.", "abella-2002")

    # Starvation empties the marrow: hypocellular, with gelatinous transformation (serous fat
    # atrophy) in proportion to the weight lost, and it refills with refeeding. In anorexia
    # nervosa or a body mass index under 16 an empty marrow is the starvation's, not
    # idiopathic aplastic anaemia.
    @Rule(OR(Findings(anorexia_nervosa="yes"),
             Findings(body_mass_index=number(lambda bmi: bmi < 16))),
          OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=number(lambda pct: pct < 25))),
          CellLines(pattern=W()))
    def an_empty_marrow_in_starvation(self):
        self.evidence("severe_malnutrition", MODERATE_FOR,
                      "Starvation empties the marrow (hypocellular, with gelatinous "
                      "transformation) in proportion to the weight lost; it refills with "
                      "refeeding.", "abella-2002")
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "In starvation an empty marrow is the starvation's until refeeding has "
                      "been tried, not idiopathic aplastic anaemia.", "abella-2002")

    # ---- the tongue -------------------------------------------------------------------------------

    @Rule(ANY_LINE_LOW,
          OR(Labs(mcv=LARGE_RED_CELLS), Findings(diet=P(lambda d: d in ("vegan", "poor_intake"))),
             Findings(pernicious_anemia="yes"), Findings(bariatric_or_gastric_surgery="yes"),
             Findings(malabsorption="yes"), Findings(neuropathy_or_ataxia="yes")))
    def ask_about_the_tongue(self):
        # whenever B12 deficiency is in question: large red cells, a diet or gut that lacks
        # it, or the nerve damage it causes (glossitis weighs for B12 and folate, not copper)
        self.ask("glossitis", DETAIL + 4,
                 "A smooth, sore tongue points to B12 or folate deficiency.")

    @Rule(Findings(glossitis="yes"), ANY_LINE_LOW)
    def sore_smooth_tongue_with_a_low_count(self):
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, MODERATE_FOR,
                          "Glossitis is a sign of B12 or folate deficiency.", "hematology-texts")

    # ---- an examined marrow -----------------------------------------------------------------------

    # A deficiency of B12 or folate deep enough to lower the white count makes the marrow
    # megaloblastic (giant metamyelocytes, large precursors with immature nuclei), and a
    # marrow report names it, most often as a mimic of dysplasia. A marrow read as free of
    # dysplasia and of infiltrate, its megaloblastic change not stated either way, is then
    # unlikely to be theirs (marrow_not_megaloblastic weighs the explicit answer).
    @Rule(Findings(marrow_dysplasia="no"), Findings(marrow_infiltrate="none"),
          NOT(Findings(marrow_megaloblastic=W())), CellLines(pattern=W()))
    def marrow_read_without_dysplasia_or_infiltrate(self):
        for cause in ("vitamin_b12_deficiency", "folate_deficiency"):
            self.evidence(cause, MODERATE_AGAINST,
                          "A marrow read without dysplasia or infiltrate: a deficiency deep "
                          "enough to lower the white count makes the marrow megaloblastic, "
                          "which the report would have named.", "bsh-b12-folate")
