"""Congenital causes: severe congenital neutropenia (Kostmann), cyclic neutropenia,
Shwachman-Diamond syndrome, Fanconi anaemia and myelokathexis (WHIM), told apart by the age
at onset, the rhythm of the count, the infections, the body's other anomalies and the family."""

from __future__ import annotations

from experta import OR, P, Rule, W

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
from .conditions import SEVERAL_LINES, number
from .facts import CellLines, Findings, Labs, Neutrophils, Patient

CHILD = number(lambda age: age < 18)
ADULT = number(lambda age: age >= 18)
AT_LEAST_TWO = number(lambda age: age >= 2)
EARLY_ONSET = P(lambda onset: onset in ("first_months", "childhood"))
NOT_SEVERE = P(lambda grade: grade in ("mild", "moderate"))
LOW_FOR_A_YEAR = number(lambda weeks: weeks >= 52)
# A child's MCV runs lower than an adult's: above 95 fL is already macrocytic.
LARGE_RED_CELLS_FOR_A_CHILD = number(lambda mcv: mcv > 95)
LOW_IGG = number(lambda igg: igg < 600)  # mg/dL, below the range for a child over two

CONGENITAL = ("severe_congenital_neutropenia", "cyclic_neutropenia",
              "shwachman_diamond_syndrome", "fanconi_anemia", "myelokathexis")


class CongenitalRules(Conclusions):
    """Inherited neutropenias and marrow failure syndromes."""

    # ---- questions ----------------------------------------------------------------------------

    @Rule(Patient(age_years=CHILD), CellLines(pattern=W()))
    def ask_about_onset_and_infections_in_a_child(self):
        self.ask("age_at_onset", FOLLOW_UP + 3,
                 "A low count from the first months of life points to a congenital neutropenia.")
        self.ask("infection_severity", FOLLOW_UP + 6,
                 "Severe bacterial infections go with congenital neutropenia; mild ones with the "
                 "autoimmune neutropenia of infancy.")
        self.ask("family_history_of_neutropenia", DETAIL + 6,
                 "Several congenital neutropenias run in families.")

    @Rule(Patient(age_years=ADULT), CellLines(pattern=W()),
          OR(Findings(recurrent_infections="yes"),
             Findings(low_count_first_noted_weeks_ago=LOW_FOR_A_YEAR)))
    def ask_about_onset_in_an_adult_with_a_long_standing_low_count(self):
        self.ask("previous_counts_normal", DETAIL + 12,
                 "A fall from earlier normal counts is acquired, not congenital.")
        self.ask("age_at_onset", DETAIL + 10,
                 "Infections or a low count since childhood suggest a congenital cause.")

    @Rule(Findings(age_at_onset=EARLY_ONSET))
    def ask_about_inherited_syndromes_when_the_count_was_low_from_childhood(self):
        self.ask("periodic_symptoms", FOLLOW_UP + 5,
                 "Fevers and mouth ulcers every three weeks are the mark of cyclic neutropenia.")
        self.ask("family_history_of_neutropenia", FOLLOW_UP,
                 "Affected relatives point to an inherited neutropenia.")
        self.ask("parental_consanguinity", FOLLOW_UP - 1,
                 "Related parents make recessive marrow failure syndromes likelier.")
        self.ask("pancreatic_insufficiency", FOLLOW_UP - 2,
                 "Fatty stools with neutropenia point to Shwachman-Diamond syndrome.")
        self.ask("short_stature", FOLLOW_UP - 3,
                 "Poor growth goes with Shwachman-Diamond syndrome and Fanconi anaemia.")
        self.ask("extensive_warts", FOLLOW_UP - 4,
                 "Warts with infections and low antibodies point to WHIM syndrome.")

    @Rule(Findings(recurrent_infections="yes"))
    def ask_whether_the_infections_come_in_cycles(self):
        self.ask("periodic_symptoms", DETAIL + 8,
                 "Infections that return every three weeks suggest cyclic neutropenia, even "
                 "when today's count, drawn between cycles, is normal.")

    @Rule(Findings(periodic_symptoms="yes"))
    def ask_for_serial_counts_when_symptoms_recur(self):
        self.ask("serial_counts", FOLLOW_UP + 10,
                 "Counts two or three times a week for six weeks show whether the ANC cycles.")

    @Rule(Findings(age_at_onset=EARLY_ONSET), Neutrophils(grade="severe"))
    def ask_about_the_rhythm_and_the_marrow_in_severe_early_neutropenia(self):
        self.ask("serial_counts", FOLLOW_UP + 2,
                 "A persistently low count fits Kostmann syndrome; a cycling one, cyclic "
                 "neutropenia.")
        self.ask("marrow_neutrophil_maturation", FOLLOW_UP + 1,
                 "Maturation arrest in the marrow is the sign of severe congenital neutropenia.")

    @Rule(OR(Findings(short_stature="yes"),
             Patient(age_years=CHILD) & CellLines(pattern=SEVERAL_LINES)))
    def ask_about_the_signs_of_fanconi_anaemia(self):
        self.ask("thumb_or_radial_anomalies", FOLLOW_UP + 4,
                 "Thumb and forearm anomalies are the best-known sign of Fanconi anaemia.")
        self.ask("cafe_au_lait_spots", FOLLOW_UP + 3,
                 "Patchy pigmentation is common in Fanconi anaemia.")
        self.ask("short_stature", FOLLOW_UP,
                 "Short stature is common in Fanconi anaemia.")

    @Rule(OR(Findings(thumb_or_radial_anomalies="yes"), Findings(cafe_au_lait_spots="yes"),
             Patient(age_years=CHILD) & CellLines(pattern="pancytopenia")))
    def ask_for_chromosome_breakage(self):
        self.ask("chromosome_breakage", FOLLOW_UP + 8,
                 "A chromosome breakage test confirms or excludes Fanconi anaemia before any "
                 "treatment of marrow failure.")

    @Rule(Findings(pancreatic_insufficiency="yes"))
    def ask_about_the_skeleton_when_the_pancreas_fails(self):
        self.ask("skeletal_anomalies", FOLLOW_UP + 2,
                 "Metaphyseal dysplasia and a narrow chest complete the Shwachman-Diamond "
                 "picture.")

    @Rule(Findings(extensive_warts="yes"))
    def ask_about_antibodies_and_marrow_when_warts_are_extensive(self):
        self.ask("igg", FOLLOW_UP + 4, "Low immunoglobulins are part of WHIM syndrome.")
        self.ask("marrow_neutrophil_maturation", FOLLOW_UP + 1,
                 "A full marrow holding back mature neutrophils confirms myelokathexis.")

    # ---- severe congenital neutropenia (Kostmann) ------------------------------------------------

    @Rule(Findings(age_at_onset="first_months"), Neutrophils(grade="severe"))
    def severe_neutropenia_from_the_first_months_of_life(self):
        self.evidence("severe_congenital_neutropenia", STRONG_FOR,
                      "An ANC below 500/µL from the first months of life is the picture of "
                      "Kostmann syndrome.", "seed-003")

    @Rule(Patient(age_years=CHILD), Neutrophils(grade="severe"),
          Findings(infection_severity="severe"))
    def severe_infections_with_severe_neutropenia_in_a_child(self):
        self.evidence("severe_congenital_neutropenia", STRONG_FOR,
                      "Omphalitis, pneumonia, deep abscesses and sepsis in a child with a very "
                      "low count: neutrophils are truly absent from the tissues.", "seed-003")
        self.evidence("autoimmune_neutropenia", MODERATE_AGAINST,
                      "Autoimmune neutropenia of infancy seldom causes severe infections.",
                      "ash-2012")

    @Rule(Neutrophils(grade=NOT_SEVERE))
    def neutropenia_that_is_not_severe(self):
        self.evidence("severe_congenital_neutropenia", STRONG_AGAINST,
                      "Severe congenital neutropenia keeps the ANC below 500/µL, usually below "
                      "200/µL.", "seed-003")

    @Rule(Findings(marrow_neutrophil_maturation="maturation_arrest"))
    def marrow_maturation_arrest(self):
        self.evidence("severe_congenital_neutropenia", DECISIVE_FOR,
                      "Neutrophil precursors stop at the promyelocyte stage: the marrow of "
                      "Kostmann syndrome.", "seed-004")

    @Rule(Findings(marrow_neutrophil_maturation="normal"))
    def normal_marrow_maturation(self):
        self.evidence("severe_congenital_neutropenia", STRONG_AGAINST,
                      "Normal maturation in the marrow argues against Kostmann syndrome.",
                      "seed-004")
        self.evidence("myelokathexis", STRONG_AGAINST,
                      "A marrow without retained mature neutrophils argues against "
                      "myelokathexis.", "seed-003")

    # ---- cyclic neutropenia ---------------------------------------------------------------------

    @Rule(Findings(periodic_symptoms="yes"))
    def fevers_and_mouth_ulcers_every_three_weeks(self):
        self.evidence("cyclic_neutropenia", VERY_STRONG_FOR,
                      "Fever, mouth ulcers and infections returning every three weeks follow the "
                      "21-day cycle of the count; between cycles the count may be normal.",
                      "seed-001")

    @Rule(Findings(periodic_symptoms="no"))
    def no_periodic_pattern(self):
        self.evidence("cyclic_neutropenia", MODERATE_AGAINST,
                      "Symptoms with no regular rhythm argue against cyclic neutropenia.",
                      "seed-001")

    @Rule(Findings(serial_counts="cycling"))
    def count_falls_and_recovers_in_cycles(self):
        self.evidence("cyclic_neutropenia", DECISIVE_FOR,
                      "Serial counts that fall to a nadir and recover about every 21 days prove "
                      "cyclic neutropenia.", "seed-001")
        self.evidence("severe_congenital_neutropenia", STRONG_AGAINST,
                      "In Kostmann syndrome the count stays low; it does not cycle.", "seed-003")

    @Rule(Findings(serial_counts="persistently_low"))
    def count_persistently_low_on_serial_testing(self):
        self.evidence("cyclic_neutropenia", RULES_OUT,
                      "Six weeks of persistently low counts exclude a cycle.", "seed-001")
        self.evidence("severe_congenital_neutropenia", WEAK_FOR,
                      "A count that never recovers fits a persistent congenital neutropenia.",
                      "seed-003")

    # ---- Shwachman-Diamond syndrome -------------------------------------------------------------

    @Rule(Findings(pancreatic_insufficiency="yes"), CellLines(pattern=W()))
    def steatorrhoea_with_a_low_count(self):
        self.evidence("shwachman_diamond_syndrome", VERY_STRONG_FOR,
                      "Exocrine pancreatic failure with neutropenia is the pairing that defines "
                      "Shwachman-Diamond syndrome.", "seed-001")

    @Rule(Findings(pancreatic_insufficiency="no"))
    def pancreas_working_normally(self):
        self.evidence("shwachman_diamond_syndrome", MODERATE_AGAINST,
                      "Nearly all children with Shwachman-Diamond syndrome have some exocrine "
                      "pancreatic failure.", "seed-001")

    @Rule(Findings(short_stature="yes"), CellLines(pattern=W()))
    def poor_growth_with_a_low_count(self):
        self.evidence("shwachman_diamond_syndrome", MODERATE_FOR,
                      "Poor growth is part of Shwachman-Diamond syndrome.", "seed-001")
        self.evidence("fanconi_anemia", MODERATE_FOR,
                      "Short stature is common in Fanconi anaemia.", "seed-001")

    @Rule(Findings(skeletal_anomalies="yes"), CellLines(pattern=W()))
    def skeletal_anomalies_with_a_low_count(self):
        self.evidence("shwachman_diamond_syndrome", MODERATE_FOR,
                      "Metaphyseal dysplasia and rib-cage anomalies are the skeletal signs of "
                      "Shwachman-Diamond syndrome.", "seed-001")

    # ---- Fanconi anaemia --------------------------------------------------------------------------

    @Rule(Findings(thumb_or_radial_anomalies="yes"), CellLines(pattern=W()))
    def thumb_or_radial_anomalies_with_a_low_count(self):
        self.evidence("fanconi_anemia", VERY_STRONG_FOR,
                      "Absent or misshapen thumbs and radii with low counts are the classic sign "
                      "of Fanconi anaemia.", "seed-001")

    @Rule(Findings(cafe_au_lait_spots="yes"), CellLines(pattern=W()))
    def cafe_au_lait_spots_with_a_low_count(self):
        self.evidence("fanconi_anemia", MODERATE_FOR,
                      "Café-au-lait spots and patchy pigmentation are common in Fanconi "
                      "anaemia.", "seed-001")

    @Rule(Patient(age_years=CHILD), CellLines(pattern=SEVERAL_LINES),
          Labs(mcv=LARGE_RED_CELLS_FOR_A_CHILD))
    def childhood_cytopenias_with_large_red_cells(self):
        self.evidence("fanconi_anemia", STRONG_FOR,
                      "Falling counts with large red cells in a child is how Fanconi marrow "
                      "failure usually shows.", "seed-001")

    @Rule(Findings(chromosome_breakage="positive"))
    def chromosome_breakage_positive(self):
        self.evidence("fanconi_anemia", DECISIVE_FOR,
                      "Increased chromosome breakage under DEB or mitomycin C is diagnostic.",
                      "seed-001")

    @Rule(Findings(chromosome_breakage="negative"))
    def chromosome_breakage_negative(self):
        self.evidence("fanconi_anemia", RULES_OUT,
                      "A normal chromosome breakage test excludes Fanconi anaemia.", "seed-001")

    @Rule(CellLines(pattern="isolated"))
    def isolated_neutropenia_without_marrow_failure(self):
        self.evidence("fanconi_anemia", MODERATE_AGAINST,
                      "Fanconi anaemia is a failure of the whole marrow; the white cells seldom "
                      "fall alone.", "seed-001")

    # ---- myelokathexis (WHIM syndrome) -------------------------------------------------------------

    @Rule(Findings(extensive_warts="yes"), CellLines(pattern=W()))
    def extensive_warts_with_a_low_count(self):
        self.evidence("myelokathexis", STRONG_FOR,
                      "Warts that will not clear, with neutropenia, are the W of WHIM syndrome.",
                      "seed-003")

    @Rule(Findings(extensive_warts="no"))
    def no_warts(self):
        self.evidence("myelokathexis", WEAK_AGAINST,
                      "Most people with WHIM syndrome have warts by adolescence.", "seed-003")

    @Rule(Labs(igg=LOW_IGG), Findings(recurrent_infections="yes"),
          Neutrophils(status="absolute_neutropenia"), Patient(age_years=AT_LEAST_TWO))
    def low_antibodies_with_infections_and_neutropenia(self):
        self.evidence("myelokathexis", MODERATE_FOR,
                      "Hypogammaglobulinaemia and infections beside neutropenia complete WHIM "
                      "syndrome.", "seed-003")

    @Rule(Findings(marrow_neutrophil_maturation="retained_mature_neutrophils"))
    def marrow_holding_back_mature_neutrophils(self):
        self.evidence("myelokathexis", DECISIVE_FOR,
                      "A full marrow of mature, apoptotic neutrophils that are not released is "
                      "myelokathexis: retention, not the stem-cell hyperplasia one source "
                      "describes.", "seed-003")
        self.evidence("severe_congenital_neutropenia", STRONG_AGAINST,
                      "Mature neutrophils in the marrow exclude a maturation arrest.", "seed-004")

    # ---- age at onset and family ---------------------------------------------------------------

    @Rule(Findings(age_at_onset=EARLY_ONSET), CellLines(pattern=W()))
    def low_count_since_early_childhood(self):
        for cause in CONGENITAL:
            self.evidence(cause, WEAK_FOR,
                          "A low count or its infections since early childhood fits an "
                          "inherited cause.", "seed-004")

    @Rule(Findings(family_history_of_neutropenia="yes"), CellLines(pattern=W()))
    def neutropenia_in_the_family(self):
        for cause in ("severe_congenital_neutropenia", "cyclic_neutropenia", "myelokathexis"):
            self.evidence(cause, MODERATE_FOR,
                          "Kostmann syndrome, cyclic neutropenia and WHIM syndrome are often "
                          "inherited; an affected relative raises them.", "seed-001")
        for cause in ("shwachman_diamond_syndrome", "fanconi_anemia"):
            self.evidence(cause, WEAK_FOR,
                          "Recessive marrow failure syndromes can affect siblings.", "seed-001")

    @Rule(Findings(parental_consanguinity="yes"), CellLines(pattern=W()))
    def parents_related_by_blood(self):
        for cause in ("severe_congenital_neutropenia", "shwachman_diamond_syndrome",
                      "fanconi_anemia"):
            self.evidence(cause, MODERATE_FOR,
                          "Recessive forms (HAX1 Kostmann syndrome, Shwachman-Diamond "
                          "syndrome, Fanconi anaemia) are commoner when parents are related.",
                          "seed-001")

    @Rule(Patient(age_years=ADULT), Findings(previous_counts_normal="yes"))
    def new_fall_in_an_adult_after_normal_counts(self):
        self.evidence("severe_congenital_neutropenia", RULES_OUT,
                      "Earlier normal counts exclude a neutropenia present from birth.",
                      "seed-001")
        for cause in ("shwachman_diamond_syndrome", "fanconi_anemia", "myelokathexis",
                      "cyclic_neutropenia"):
            self.evidence(cause, STRONG_AGAINST,
                          "A new fall after normal counts in an adult is acquired, not "
                          "congenital.", "seed-001")

    @Rule(Findings(age_at_onset="adulthood"))
    def onset_in_adult_life(self):
        self.evidence("severe_congenital_neutropenia", RULES_OUT,
                      "Kostmann syndrome shows in the first months of life.", "seed-003")
        for cause in ("cyclic_neutropenia", "shwachman_diamond_syndrome", "fanconi_anemia",
                      "myelokathexis"):
            self.evidence(cause, STRONG_AGAINST,
                          "Congenital neutropenias show in childhood, not first in adult life.",
                          "seed-001")
