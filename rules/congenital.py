"""Congenital causes: severe congenital neutropenia (Kostmann), cyclic neutropenia,
Shwachman-Diamond syndrome, Fanconi anaemia, myelokathexis (WHIM), GATA2 deficiency, glycogen
storage disease Ib, Barth syndrome, dyskeratosis congenita and Chediak-Higashi syndrome, told
apart by the age at onset, the rhythm of the count, the infections, the body's other
anomalies, the family and, once tested, the gene."""

from __future__ import annotations

from experta import AND, NOT, OR, P, Rule, W

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
from .conditions import EMPTY_MARROW_PCT, MILD_OR_MODERATE, SEVERAL_LINES, number, reported_as
from .facts import CellLines, Cytopenia, Fever, Findings, Labs, Neutrophils, Patient, Smear

CHILD = number(lambda age: age < 18)
ADULT = number(lambda age: age >= 18)
AT_LEAST_TWO = number(lambda age: age >= 2)
EARLY_ONSET = P(lambda onset: onset in ("first_months", "childhood"))
LOW_FOR_A_YEAR = number(lambda weeks: weeks >= 52)
# A child's MCV runs lower than an adult's: above 95 fL is already macrocytic.
LARGE_RED_CELLS_FOR_A_CHILD = number(lambda mcv: mcv > 95)
LOW_IGG = number(lambda igg: igg < 600)  # mg/dL, below the range for a child over two
UNDER_FIVE = number(lambda age: age < 5)
RAISED_TRANSAMINASE = number(lambda units: units > 40)  # U/L, above the upper limit

CONGENITAL = ("severe_congenital_neutropenia", "cyclic_neutropenia",
              "shwachman_diamond_syndrome", "fanconi_anemia", "myelokathexis")
# Syndromes that show from infancy or early childhood (GATA2 deficiency and dyskeratosis
# congenita may first show in adult life, so they are not among them).
EARLY_SYNDROMES = ("glycogen_storage_disease_1b", "barth_syndrome", "chediak_higashi_syndrome")
# Every syndrome a gene panel would name; "none found" argues against each.
GENE_DEFINED = ("severe_congenital_neutropenia", "shwachman_diamond_syndrome", "myelokathexis",
                "gata2_deficiency", "glycogen_storage_disease_1b", "barth_syndrome",
                "dyskeratosis_congenita", "chediak_higashi_syndrome", "fanconi_anemia")
LOW_MONOCYTES = number(lambda pct: pct < 2)
NORMAL_MONOCYTES = number(lambda pct: pct >= 4)
FEW_MONOCYTES = number(lambda count: count < 100)  # cells/µL
ENOUGH_MONOCYTES = number(lambda count: count >= 200)


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
        # the milder inherited neutropenias (ELANE, G6PC3) can reach adult life unnamed: the
        # family and related parents are weighed with any low count (neutropenia_in_the_family,
        # parents_related_by_blood), asked where infections recur or the count stays low
        self.ask("family_history_of_neutropenia", DETAIL + 6,
                 "Affected relatives point to an inherited neutropenia, which can reach adult "
                 "life unnamed.")
        self.ask("parental_consanguinity", DETAIL + 4,
                 "Related parents make the recessive neutropenias (HAX1, G6PC3) likelier.")

    # an inherited neutropenia suspected (affected relatives, related parents): the signs of
    # the syndromes, weighed with any low count (poor_growth_with_a_low_count,
    # small_head_with_a_low_count, skeletal_anomalies_with_a_low_count), asked at any age
    @Rule(CellLines(pattern=W()),
          OR(Findings(parental_consanguinity="yes"), Findings(family_history_of_neutropenia="yes")))
    def ask_about_the_syndromes_signs_when_a_neutropenia_may_be_inherited(self):
        self.ask("short_stature", FOLLOW_UP - 3,
                 "Poor growth goes with Shwachman-Diamond syndrome, Fanconi anaemia and the "
                 "metabolic neutropenias.")
        self.ask("microcephaly", FOLLOW_UP - 5,
                 "A small head points to HAX1 or G6PC3 deficiency or Fanconi anaemia.")
        self.ask("skeletal_anomalies", FOLLOW_UP - 6,
                 "Skeletal anomalies go with Shwachman-Diamond syndrome and Fanconi anaemia.")

    # The age at onset is weighed wherever a congenital cause is in play (early onset for it,
    # adult onset against it): asked when the age itself is not given (a count "from
    # infancy"), and of an adult whose neutropenia runs in the family, recurs in cycles or
    # stays low on every count
    @Rule(CellLines(pattern=W()),
          OR(NOT(Patient(age_years=W())),
             AND(Patient(age_years=ADULT),
                 OR(Findings(family_history_of_neutropenia="yes"),
                    Findings(periodic_symptoms="yes"),
                    Findings(serial_counts="persistently_low")))))
    def ask_when_the_count_was_first_low_where_a_congenital_cause_is_in_play(self):
        self.ask("age_at_onset", DETAIL + 10,
                 "A low count since the first months of life or childhood points to a "
                 "congenital cause; one that began in adult life argues against it.")

    # Growth and the head are weighed for the syndromes with any low count: asked of a child
    # whose neutropenia is severe, as well as with an early onset or several low lines
    @Rule(Patient(age_years=CHILD), Neutrophils(grade="severe"))
    def ask_a_child_with_a_severe_neutropenia_about_growth_and_the_head(self):
        self.ask("short_stature", DETAIL + 3,
                 "Poor growth goes with Shwachman-Diamond syndrome, Fanconi anaemia and the "
                 "metabolic neutropenias.")
        self.ask("microcephaly", DETAIL + 2,
                 "A small head with a severe neutropenia points to HAX1 or G6PC3 deficiency or "
                 "another syndrome.")
        self.ask("serial_counts", DETAIL + 5,
                 "A count low at every check for weeks is chronic (congenital or autoimmune), "
                 "one that recovers is a passing infection's.")

    # In a young child the neutropenia's course is the question: a viral fall recovers within
    # weeks, the autoimmune neutropenia of infancy and the congenital ones stay low at every
    # check (count_persistently_low_on_serial_testing weighs it with any grade): asked of a
    # child under five with a low neutrophil count of any grade
    @Rule(Patient(age_years=UNDER_FIVE), Neutrophils(status="absolute_neutropenia"))
    def ask_a_young_child_whether_the_count_stays_low(self):
        self.ask("serial_counts", DETAIL + 5,
                 "A count low at every check for weeks is chronic (autoimmune or congenital), "
                 "one that recovers is a passing infection's.")

    # an adult with several low lines: a fall from earlier normal counts is acquired
    @Rule(Patient(age_years=ADULT), CellLines(pattern=SEVERAL_LINES))
    def ask_an_adult_with_several_low_lines_about_earlier_counts(self):
        self.ask("previous_counts_normal", DETAIL + 1,
                 "A fall from earlier normal counts is acquired, not congenital.")

    # Parents related by blood are weighed for the recessive syndromes with any low count:
    # asked of a child (or a patient whose age is not given), where those syndromes present
    @Rule(CellLines(pattern=W()), OR(Patient(age_years=CHILD), NOT(Patient(age_years=W()))))
    def ask_a_child_about_related_parents(self):
        self.ask("parental_consanguinity", DETAIL + 4,
                 "Related parents make the recessive neutropenias and marrow failure "
                 "syndromes (Kostmann, Shwachman-Diamond, Fanconi, Chediak-Higashi, "
                 "Griscelli) likelier.")

    # the infections of a neutropenia from the first months (omphalitis, abscesses) are
    # weighed for congenital neutropenia, with or without a fever
    @Rule(Findings(age_at_onset="first_months"), NOT(Fever(present=True)))
    def ask_for_the_infections_of_a_neutropenia_from_the_first_months(self):
        self.ask("infection_site", FOLLOW_UP + 2,
                 "Omphalitis, skin abscesses or pneumonia with a neutropenia from the first "
                 "months of life point to a congenital neutropenia.")

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
        # weighed with any low count (small_head_with_a_low_count): asked with an early onset
        # whatever the grade, which a count given in words leaves unknown
        self.ask("microcephaly", FOLLOW_UP - 5,
                 "A small head with a neutropenia from early life points to HAX1 or G6PC3 "
                 "deficiency or Fanconi anaemia.")

    @Rule(Findings(recurrent_infections="yes"))
    def ask_whether_the_infections_come_in_cycles(self):
        self.ask("periodic_symptoms", DETAIL + 8,
                 "Infections that return every three weeks suggest cyclic neutropenia, even "
                 "when today's count, drawn between cycles, is normal.")

    # Cyclic neutropenia is weighed from the cycles alone, at any age (an acquired form comes
    # in adults, with LGL expansions), so a neutropenic patient with fever or mouth ulcers is
    # asked about them, not only a child or one with repeated infections.
    @Rule(Neutrophils(status="absolute_neutropenia"),
          OR(Fever(present=True), Findings(sore_throat_or_mouth_ulcers="yes")))
    def ask_whether_the_fevers_or_ulcers_come_in_cycles(self):
        self.ask("periodic_symptoms", DETAIL + 8,
                 "Fever and mouth ulcers that return every three weeks with a low neutrophil "
                 "count are the mark of cyclic neutropenia, at any age.")

    @Rule(Findings(periodic_symptoms="yes"))
    def ask_for_serial_counts_when_symptoms_recur(self):
        self.ask("serial_counts", FOLLOW_UP + 10,
                 "Counts two or three times a week for six weeks show whether the ANC cycles.")

    # the rhythm of the count is weighed whatever the grade (a persistently low count rules
    # cyclic neutropenia out), so it is asked in any neutropenia low since early life
    @Rule(Findings(age_at_onset=EARLY_ONSET), Neutrophils(status="absolute_neutropenia"))
    def ask_about_the_rhythm_of_an_early_neutropenia(self):
        self.ask("serial_counts", FOLLOW_UP + 2,
                 "A persistently low count fits Kostmann syndrome or WHIM; a cycling one, "
                 "cyclic neutropenia.")

    @Rule(Findings(age_at_onset=EARLY_ONSET), Neutrophils(grade="severe"))
    def ask_about_the_marrow_in_severe_early_neutropenia(self):
        self.ask("marrow_neutrophil_maturation", FOLLOW_UP + 1,
                 "Maturation arrest in the marrow is the sign of severe congenital neutropenia.")

    # a positive chromosome breakage test puts Fanconi anaemia in question at any age, and its
    # signs (weighed with any low count) are then asked too: an adult with a positive test
    # and a thumb anomaly is not the same as one with the test alone
    @Rule(OR(Findings(short_stature="yes"), Findings(chromosome_breakage="positive"),
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

    # The count in words ("neutropenia since infancy", no number): a neutropenia dating from
    # the first months of life with repeated infections is congenital until proven otherwise;
    # how severe it is (Kostmann's ANC stays below 500/µL) is then the next thing to learn.
    @Rule(Findings(age_at_onset="first_months"),
          OR(Findings(recurrent_infections="yes"),
             Findings(infection_site=P(lambda s: s not in ("none_found", "unknown")))),
          Neutrophils(status="absolute_neutropenia", grade="unknown"))
    def neutropenia_with_infections_from_the_first_months_the_count_not_given(self):
        self.evidence("severe_congenital_neutropenia", MODERATE_FOR,
                      "Bacterial infections (omphalitis, abscesses, pneumonia) with a neutropenia "
                      "that dates from the first months of life: a congenital neutropenia "
                      "(Kostmann syndrome, ELANE or HAX1) until proven otherwise; an ANC below "
                      "500/µL would make it likely.", "skokowa-scn-2017")

    # A fever is the commonest way a congenital neutropenia first comes to notice (a febrile
    # infant whose count is found absent, Skokowa 2017); with no site of infection yet known
    # it weighs less than a documented bacterial infection, since a viral fever lowers an
    # infant's count too.
    @Rule(Findings(age_at_onset="first_months"), Fever(present=True),
          NOT(Findings(recurrent_infections="yes")),
          NOT(Findings(infection_site=P(lambda s: s not in ("none_found", "unknown")))),
          Neutrophils(status="absolute_neutropenia", grade="unknown"))
    def fever_with_a_neutropenia_from_the_first_months_the_count_not_given(self):
        self.evidence("severe_congenital_neutropenia", WEAK_FOR,
                      "A fever in an infant whose neutropenia dates from the first months of "
                      "life is how congenital neutropenia often first shows; a viral fever "
                      "lowers an infant's count too, so the ANC and its course decide.",
                      "skokowa-scn-2017")

    # HAX1 deficiency (autosomal recessive Kostmann syndrome) brings developmental delay,
    # intellectual disability and epilepsy in the patients whose mutation reaches both
    # isoforms: a neurological picture beside a neutropenia from infancy points to it.
    @Rule(Findings(microcephaly="yes", age_at_onset="first_months"),
          Neutrophils(status="absolute_neutropenia"))
    def developmental_delay_with_a_neutropenia_from_infancy(self):
        self.evidence("severe_congenital_neutropenia", WEAK_FOR,
                      "Developmental delay and seizures accompany the HAX1 form of Kostmann "
                      "syndrome; a neutropenia from infancy with them points there as well as "
                      "to the syndromic marrow failures.", "skokowa-scn-2017")

    @Rule(Patient(age_years=CHILD), Neutrophils(grade="severe"),
          Findings(infection_severity="severe"))
    def severe_infections_with_severe_neutropenia_in_a_child(self):
        self.evidence("severe_congenital_neutropenia", STRONG_FOR,
                      "Omphalitis, pneumonia, deep abscesses and sepsis in a child with a very "
                      "low count: neutrophils are truly absent from the tissues.", "seed-003")
        self.evidence("autoimmune_neutropenia", MODERATE_AGAINST,
                      "Autoimmune neutropenia of infancy seldom causes severe infections.",
                      "ash-2012")

    @Rule(Neutrophils(grade=MILD_OR_MODERATE))
    def neutropenia_that_is_not_severe(self):
        self.evidence("severe_congenital_neutropenia", STRONG_AGAINST,
                      "Severe congenital neutropenia keeps the ANC below 500/µL, usually below "
                      "200/µL.", "seed-003")

    # A maturation arrest is Kostmann's marrow only in a neutropenia that began in childhood:
    # in an adult-onset neutropenia the same picture (precursors up to the promyelocyte or
    # myelocyte, no mature cells) is the marrow of immune or drug-induced destruction.
    @Rule(Findings(marrow_neutrophil_maturation="maturation_arrest"),
          OR(Patient(age_years=CHILD), Findings(age_at_onset=EARLY_ONSET)))
    def marrow_maturation_arrest(self):
        self.evidence("severe_congenital_neutropenia", DECISIVE_FOR,
                      "Neutrophil precursors stop at the promyelocyte stage: the marrow of "
                      "Kostmann syndrome.", "seed-004")

    @Rule(Findings(marrow_neutrophil_maturation="maturation_arrest"),
          NOT(Patient(age_years=W())), NOT(Findings(age_at_onset=W())))
    def marrow_maturation_arrest_at_an_unknown_age(self):
        self.evidence("severe_congenital_neutropenia", STRONG_FOR,
                      "A maturation arrest is the marrow of Kostmann syndrome when the "
                      "neutropenia dates from infancy; without the age or the age at onset it "
                      "may equally be immune or drug-induced destruction of the later stages.",
                      "skokowa-scn-2017")
        self.evidence("autoimmune_neutropenia", WEAK_FOR,
                      "Antibodies that destroy maturing neutrophils leave a marrow that looks "
                      "arrested.", "ash-2012")

    @Rule(Findings(marrow_neutrophil_maturation="maturation_arrest"),
          OR(AND(Patient(age_years=ADULT), NOT(Findings(age_at_onset=EARLY_ONSET))),
             Findings(age_at_onset="adulthood")))
    def marrow_maturation_arrest_in_an_adult_onset_neutropenia(self):
        self.evidence("autoimmune_neutropenia", MODERATE_FOR,
                      "In a neutropenia that began in adult life, a marrow with precursors but "
                      "no mature neutrophils ('maturation arrest') shows the mature cells being "
                      "destroyed, by antibodies (autoimmune neutropenia) or a drug; it is not "
                      "Kostmann syndrome, which shows from infancy.", "ash-2012")
        self.evidence("lgl_leukemia", WEAK_FOR,
                      "T-LGL leukaemia gives the same left-shifted marrow without mature "
                      "neutrophils.", "lamy-lgl-2011")

    @Rule(Findings(recurrent_infections="no"), Neutrophils(status="absolute_neutropenia"),
          NOT(Patient(age_years=number(lambda age: age < 0.25))))
    def neutropenia_without_recurrent_infections_past_early_infancy(self):
        self.evidence("severe_congenital_neutropenia", STRONG_AGAINST,
                      "Severe congenital neutropenia brings omphalitis, abscesses, pneumonias "
                      "and sepsis from the first months of life; a patient past early infancy "
                      "without recurrent infections is unlikely to have it.", "skokowa-scn-2017")

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

    @Rule(Patient(age_years=UNDER_FIVE), Neutrophils(status="absolute_neutropenia"),
          OR(Labs(alt=RAISED_TRANSAMINASE), Labs(ast=RAISED_TRANSAMINASE),
             Findings(recent_hepatitis="yes")))
    def raised_liver_enzymes_with_neutropenia_in_a_young_child(self):
        self.evidence("shwachman_diamond_syndrome", MODERATE_FOR,
                      "Raised transaminases, often with a big liver, are found in most infants "
                      "and toddlers with Shwachman-Diamond syndrome and settle by school age; "
                      "with a neutropenia they point to it even before the pancreas fails "
                      "noticeably.", "dror-sds-2011")

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
        self.evidence("fanconi_anemia", DECISIVE_FOR,
                      "Absent or misshapen thumbs and radii with low counts are the classic sign "
                      "of Fanconi anaemia: a third to a half of patients have one, against well "
                      "under one child in a thousand otherwise (a likelihood ratio in the "
                      "hundreds).", "seed-001")
        self.evidence("aplastic_anemia", STRONG_AGAINST,
                      "A radial-ray anomaly makes an empty marrow constitutional until the "
                      "chromosome breakage test says otherwise; acquired aplastic anaemia is "
                      "diagnosed only once Fanconi anaemia is excluded.", "killick-aa-2016")

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
        self.evidence("dyskeratosis_congenita", MODERATE_FOR,
                      "Stressed, fetal-like red-cell production makes the red cells large in "
                      "the inherited marrow failures, dyskeratosis congenita among them.",
                      "dokal-dc-2011")

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
        for cause in ("glycogen_storage_disease_1b", "chediak_higashi_syndrome"):
            self.evidence(cause, MODERATE_FOR,
                          "Glycogen storage disease Ib and Chediak-Higashi syndrome are "
                          "recessive, commoner when parents are related.", "skokowa-scn-2017")

    # A neutropenia that dates from the first months of life in a child now past the first
    # year (or from childhood in an adult) has been low for many months: the infection of the
    # day, like the neutropenic fever it brings, is its consequence, not its cause. Sepsis
    # consumes neutrophils over hours to days and a viral fall passes within weeks; the same
    # reasoning as a count known to be low for three months, drawn from the age at onset.
    @Rule(OR(AND(Findings(age_at_onset="first_months"),
                 Patient(age_years=number(lambda age: age >= 1))),
             AND(Findings(age_at_onset="childhood"), Patient(age_years=ADULT))),
          Neutrophils(status="absolute_neutropenia"),
          NOT(Findings(low_count_first_noted_weeks_ago=number(lambda weeks: weeks >= 12))))
    def neutropenia_dating_from_early_life_is_not_the_present_infections(self):
        self.evidence("bacterial_sepsis", STRONG_AGAINST,
                      "The neutropenia dates from early life, long before this infection: sepsis "
                      "uses neutrophils up over hours to days, so it may complicate a "
                      "long-standing neutropenia but does not explain it.", "skokowa-scn-2017")
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "A neutropenia present since early life has outlasted any viral fall, "
                      "which passes within weeks.", "skokowa-scn-2017")

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

    # ---- the other inherited syndromes: questions -----------------------------------------------

    # Chediak-Higashi syndrome is weighed from partial albinism with repeated infections in a
    # child whatever the count (the neutrophils kill poorly even when they are not few), so
    # it is asked there too, not only once the count is known to have been low from early on.
    @Rule(Patient(age_years=CHILD), Findings(recurrent_infections="yes"))
    def ask_about_albinism_in_a_child_with_repeated_infections(self):
        self.ask("partial_albinism", DETAIL + 4,
                 "Silvery hair and light skin in a child with repeated infections is "
                 "Chediak-Higashi syndrome until the film shows no giant granules.")

    @Rule(Findings(age_at_onset=EARLY_ONSET), CellLines(pattern=W()))
    def ask_about_the_rarer_syndromes_when_the_count_was_low_from_childhood(self):
        self.ask("partial_albinism", DETAIL + 4,
                 "Silvery hair and light skin with neutropenia is Chediak-Higashi syndrome.")
        self.ask("fasting_hypoglycemia", DETAIL + 3,
                 "Hypoglycaemia with a big liver and neutropenia is glycogen storage disease "
                 "Ib.")
        self.ask("nail_dystrophy_or_leukoplakia", DETAIL + 2,
                 "Nail dystrophy, leukoplakia and lacy pigmentation are dyskeratosis congenita.")

    # the pigment disorders with immune defects (Chediak-Higashi, Griscelli type 2) show as
    # HLH in childhood: fever with several low lines
    @Rule(Patient(age_years=CHILD), Fever(present=True), CellLines(pattern=SEVERAL_LINES))
    def ask_a_febrile_child_with_several_low_lines_about_albinism(self):
        self.ask("partial_albinism", DETAIL + 4,
                 "Silvery hair and light skin in a febrile child with several low lines is "
                 "Chediak-Higashi or Griscelli syndrome, which present as HLH.")

    @Rule(OR(Findings(age_at_onset=EARLY_ONSET),
             AND(Patient(age_years=CHILD), Neutrophils(grade="severe"))),
          Patient(sex="male"), CellLines(pattern=W()))
    def ask_about_the_heart_in_a_boy_with_early_neutropenia(self):
        self.ask("cardiomyopathy", DETAIL + 1,
                 "A cardiomyopathy in a boy with neutropenia is Barth syndrome.")

    # a male patient's neutropenia with no age given (a congenital cause is in play, as when
    # the age at onset is asked): the heart is weighed for Barth syndrome with any grade
    # (cardiomyopathy_with_neutropenia_in_a_boy), so it is asked there too
    @Rule(NOT(Patient(age_years=W())), Patient(sex="male"),
          Neutrophils(status="absolute_neutropenia"))
    def ask_about_the_heart_in_a_male_patient_whose_age_is_not_given(self):
        self.ask("cardiomyopathy", DETAIL + 1,
                 "A cardiomyopathy in a boy with neutropenia is Barth syndrome.")

    # growth is weighed for the syndromes with any low count (poor_growth_with_a_low_count):
    # a neutropenia with no age given may be a child's, and is asked about growth too
    @Rule(NOT(Patient(age_years=W())), Neutrophils(status="absolute_neutropenia"))
    def ask_about_growth_in_a_neutropenia_whose_age_is_not_given(self):
        self.ask("short_stature", DETAIL + 1,
                 "Poor growth goes with Shwachman-Diamond syndrome, Barth syndrome, Fanconi "
                 "anaemia and the metabolic neutropenias.")

    # dyskeratosis congenita shows as marrow failure in childhood or young adulthood, often
    # before anyone has asked when the count first fell; its triad weighs with any low count
    @Rule(CellLines(pattern=SEVERAL_LINES), Patient(age_years=number(lambda age: age < 40)))
    def ask_about_the_nails_and_mouth_when_several_lines_are_low_in_the_young(self):
        self.ask("nail_dystrophy_or_leukoplakia", DETAIL + 2,
                 "Nail dystrophy, lacy skin pigmentation and white mouth patches point to "
                 "dyskeratosis congenita.")
        self.ask("reticulate_skin_pigmentation", DETAIL + 2,
                 "A lacy, net-like skin pigmentation is the commonest sign of dyskeratosis "
                 "congenita, often before the nails or mouth change.")
        self.ask("family_history_of_aplastic_anemia_or_mds", DETAIL + 3,
                 "A relative with aplastic anaemia, myelodysplasia or AML makes the marrow "
                 "failure an inherited one (telomere disorder, Fanconi anaemia, GATA2).")

    @Rule(OR(Findings(short_stature="yes"),
             AND(Findings(age_at_onset=EARLY_ONSET), CellLines(pattern=SEVERAL_LINES))))
    def ask_about_the_head_and_the_nails_in_marrow_failure_from_childhood(self):
        self.ask("microcephaly", DETAIL + 1,
                 "A small head goes with Fanconi anaemia and the severe forms of dyskeratosis "
                 "congenita.")
        self.ask("nail_dystrophy_or_leukoplakia", DETAIL + 2,
                 "The mucocutaneous triad points to dyskeratosis congenita.")
        self.ask("reticulate_skin_pigmentation", DETAIL + 2,
                 "A lacy, net-like skin pigmentation is the commonest sign of dyskeratosis "
                 "congenita.")

    @Rule(CellLines(pattern=W()),
          OR(Findings(extensive_warts="yes"), Labs(monocytes_pct=LOW_MONOCYTES),
             AND(Findings(recurrent_infections="yes"),
                 Findings(age_at_onset=P(lambda a: a in ("childhood", "adulthood"))))))
    def ask_about_mycobacteria_and_lymphoedema(self):
        self.ask("atypical_mycobacterial_infection", DETAIL + 5,
                 "Disseminated non-tuberculous mycobacteria or lymphoedema with low monocytes "
                 "is GATA2 deficiency.")

    # a low monocyte count is weighed with the MonoMAC infections even when no other line is
    # low (monocytopenia_with_the_monomac_infections_and_no_other_low_line): asked there
    @Rule(OR(Labs(monocytes=reported_as("low")), Labs(monocytes=FEW_MONOCYTES),
             Labs(monocytes_pct=LOW_MONOCYTES)), NOT(CellLines(pattern=W())))
    def ask_about_mycobacteria_and_warts_when_only_the_monocytes_are_low(self):
        self.ask("atypical_mycobacterial_infection", DETAIL + 5,
                 "Disseminated non-tuberculous mycobacteria or lymphoedema with low monocytes "
                 "is GATA2 deficiency, years before the other lines fall.")
        self.ask("extensive_warts", DETAIL + 4,
                 "Extensive warts with low monocytes point to GATA2 deficiency.")

    @Rule(Findings(atypical_mycobacterial_infection="yes"))
    def ask_about_warts_and_monocytes_when_mycobacteria_disseminate(self):
        self.ask("monocytes_pct", FOLLOW_UP + 6,
                 "Monocytes all but absent are the laboratory mark of GATA2 deficiency.")
        self.ask("extensive_warts", FOLLOW_UP + 5,
                 "Extensive warts travel with mycobacteria in GATA2 deficiency.")

    # ---- gene results -------------------------------------------------------------------------------

    @Rule(Findings(congenital_neutropenia_gene="elane"))
    def elane_variant(self):
        self.evidence("severe_congenital_neutropenia", VERY_STRONG_FOR,
                      "ELANE variants cause most severe congenital neutropenia.",
                      "skokowa-scn-2017")
        self.evidence("cyclic_neutropenia", VERY_STRONG_FOR,
                      "ELANE variants cause nearly all cyclic neutropenia; serial counts tell "
                      "the two apart.", "skokowa-scn-2017")

    # One gene, two diseases: an ELANE variant causes both cyclic and severe congenital
    # neutropenia, and inheritance tells them apart before serial counts do. Cyclic
    # neutropenia is mild enough to be handed down: most patients have an affected parent.
    # Severe congenital neutropenia from ELANE mostly arises de novo (Dale and Makaryan,
    # GeneReviews). An ELANE variant shared with a relative who has neutropenia is cyclic
    # neutropenia's pattern; three-times-weekly counts for six weeks confirm the cycle.
    @Rule(Findings(congenital_neutropenia_gene="elane", family_history_of_neutropenia="yes"))
    def elane_variant_shared_with_a_relative(self):
        self.evidence("cyclic_neutropenia", STRONG_FOR,
                      "An ELANE variant with neutropenia in the family: cyclic neutropenia is "
                      "mild enough to be inherited (most patients have an affected parent), "
                      "while ELANE severe congenital neutropenia mostly arises anew. Counts "
                      "three times a week for six weeks show the 21-day cycle.",
                      "dale-elane-genereviews")
        self.evidence("severe_congenital_neutropenia", WEAK_AGAINST,
                      "ELANE severe congenital neutropenia is mostly a new (de novo) variant; "
                      "an affected relative fits the cyclic form better.",
                      "dale-elane-genereviews")

    @Rule(Findings(congenital_neutropenia_gene=P(lambda g: g in ("hax1", "g6pc3"))))
    def hax1_or_g6pc3_variant(self):
        self.evidence("severe_congenital_neutropenia", DECISIVE_FOR,
                      "Biallelic HAX1 (Kostmann's original family) or G6PC3 variants cause "
                      "recessive severe congenital neutropenia.", "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="sbds"))
    def sbds_variant(self):
        self.evidence("shwachman_diamond_syndrome", DECISIVE_FOR,
                      "Biallelic SBDS variants cause Shwachman-Diamond syndrome.",
                      "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="cxcr4"))
    def cxcr4_variant(self):
        self.evidence("myelokathexis", DECISIVE_FOR,
                      "Gain-of-function CXCR4 variants hold neutrophils in the marrow: WHIM "
                      "syndrome.", "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="gata2"))
    def gata2_variant(self):
        self.evidence("gata2_deficiency", DECISIVE_FOR,
                      "A pathogenic GATA2 variant.", "spinner-gata2-2014")

    @Rule(Findings(congenital_neutropenia_gene="slc37a4"))
    def slc37a4_variant(self):
        self.evidence("glycogen_storage_disease_1b", DECISIVE_FOR,
                      "Biallelic SLC37A4 variants cause glycogen storage disease Ib.",
                      "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="taz"))
    def taz_variant(self):
        self.evidence("barth_syndrome", DECISIVE_FOR,
                      "A TAZ (tafazzin) variant in a boy is Barth syndrome.", "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="telomere_gene"))
    def telomere_gene_variant(self):
        self.evidence("dyskeratosis_congenita", DECISIVE_FOR,
                      "A telomere-maintenance gene variant (or very short telomeres) is a "
                      "telomere biology disorder.", "dokal-dc-2011")

    @Rule(Findings(congenital_neutropenia_gene="lyst"))
    def lyst_variant(self):
        self.evidence("chediak_higashi_syndrome", DECISIVE_FOR,
                      "Biallelic LYST variants cause Chediak-Higashi syndrome.", "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="fanconi_gene"))
    def fanconi_gene_variant(self):
        self.evidence("fanconi_anemia", DECISIVE_FOR,
                      "Pathogenic variants in a Fanconi anaemia gene.", "skokowa-scn-2017")

    @Rule(Findings(congenital_neutropenia_gene="none_found"))
    def no_variant_found(self):
        for cause in GENE_DEFINED:
            self.evidence(cause, MODERATE_AGAINST,
                          "A gene panel found no pathogenic variant; panels miss a minority "
                          "(about a quarter of severe congenital neutropenia is still "
                          "unexplained).", "skokowa-scn-2017")

    # ---- GATA2 deficiency --------------------------------------------------------------------------

    @Rule(Findings(atypical_mycobacterial_infection="yes"), CellLines(pattern=W()))
    def mycobacteria_or_lymphoedema_with_a_low_count(self):
        self.evidence("gata2_deficiency", VERY_STRONG_FOR,
                      "Disseminated non-tuberculous mycobacteria without HIV, or lymphoedema, "
                      "with cytopenias is the MonoMAC picture of GATA2 deficiency.",
                      "spinner-gata2-2014")
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Disseminated atypical mycobacteria mean a defect of cellular immunity.",
                      "seed-002")
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "Disseminated non-tuberculous mycobacteria are not how acquired aplastic "
                      "anaemia presents; they point to missing monocytes and NK cells.",
                      "spinner-gata2-2014")

    # A low monocyte count is a leukopenia of its own (as a low lymphocyte count is): in GATA2
    # deficiency the monocytes, B and NK cells are missing years before the neutrophils,
    # platelets or red cells fall, so the MonoMAC picture (disseminated mycobacteria or
    # lymphoedema, or extensive warts) with the monocytes low is weighed even when no other
    # line is low (Spinner 2014).
    @Rule(OR(Labs(monocytes=reported_as("low")), Labs(monocytes=FEW_MONOCYTES),
             Labs(monocytes_pct=LOW_MONOCYTES)),
          OR(Findings(atypical_mycobacterial_infection="yes"), Findings(extensive_warts="yes")),
          NOT(CellLines(pattern=W())))
    def monocytopenia_with_the_monomac_infections_and_no_other_low_line(self):
        self.evidence("gata2_deficiency", VERY_STRONG_FOR,
                      "Low monocytes with disseminated mycobacteria, lymphoedema or extensive "
                      "warts are GATA2 deficiency's picture (MonoMAC) even before the other "
                      "lines fall: the monocyte, B and NK cells go first.", "spinner-gata2-2014")
        self.evidence("immunodeficiency_disorder", MODERATE_FOR,
                      "Missing monocytes with these infections mean a defect of cellular "
                      "immunity.", "seed-002")

    @Rule(OR(Labs(monocytes_pct=LOW_MONOCYTES), Labs(monocytes=FEW_MONOCYTES)),
          CellLines(pattern=W()),
          OR(Findings(extensive_warts="yes"), Findings(atypical_mycobacterial_infection="yes"),
             Findings(recurrent_infections="yes")))
    def monocytes_absent_with_warts_or_infections(self):
        self.evidence("gata2_deficiency", STRONG_FOR,
                      "Profound monocytopenia is found in nearly every patient with GATA2 "
                      "deficiency; with warts or infections it is the clue.", "spinner-gata2-2014")

    # Kostmann syndrome and the other congenital neutropenias keep (often raise) the monocytes;
    # a chronic neutropenia with the monocytes nearly absent is GATA2 deficiency's count.
    @Rule(OR(Labs(monocytes_pct=LOW_MONOCYTES), Labs(monocytes=FEW_MONOCYTES)),
          Neutrophils(status="absolute_neutropenia"),
          OR(Findings(age_at_onset=EARLY_ONSET), Findings(serial_counts="persistently_low"),
             Findings(low_count_first_noted_weeks_ago=LOW_FOR_A_YEAR)),
          NOT(Findings(extensive_warts="yes")), NOT(Findings(atypical_mycobacterial_infection="yes")),
          NOT(Findings(recurrent_infections="yes")))
    def monocytes_absent_in_a_chronic_neutropenia(self):
        self.evidence("gata2_deficiency", STRONG_FOR,
                      "A neutropenia that has lasted, with the monocytes nearly absent, is GATA2 "
                      "deficiency's count (monocytopenia in nearly every patient, often before "
                      "the infections).", "spinner-gata2-2014")

    @Rule(OR(Labs(monocytes_pct=LOW_MONOCYTES), Labs(monocytes=FEW_MONOCYTES)),
          Neutrophils(status="absolute_neutropenia"))
    def monocytes_absent_argue_against_kostmann(self):
        self.evidence("severe_congenital_neutropenia", MODERATE_AGAINST,
                      "Severe congenital neutropenia keeps the monocytes, often raised in "
                      "compensation; nearly absent monocytes point elsewhere (GATA2 "
                      "deficiency, marrow failure, hairy cell leukaemia).", "skokowa-scn-2017")

    # Severe congenital neutropenia brings severe infections from the first months; a child past
    # infancy whose infections stay mild has another kind.
    @Rule(Findings(infection_severity="mild"), Neutrophils(status="absolute_neutropenia"),
          Patient(age_years=number(lambda age: age >= 1)))
    def only_mild_infections_past_infancy(self):
        self.evidence("severe_congenital_neutropenia", MODERATE_AGAINST,
                      "Kostmann syndrome brings omphalitis, deep abscesses, pneumonias and "
                      "sepsis from the first months; only mild infections past infancy point to "
                      "a milder cause (autoimmune, cyclic, GATA2).", "skokowa-scn-2017")

    @Rule(Findings(extensive_warts="yes"), Patient(age_years=number(lambda age: age >= 10)),
          CellLines(pattern=W()))
    def extensive_warts_after_childhood(self):
        self.evidence("gata2_deficiency", MODERATE_FOR,
                      "Extensive warts in an adolescent or adult with low counts raise GATA2 "
                      "deficiency.", "spinner-gata2-2014")

    @Rule(OR(Labs(monocytes_pct=NORMAL_MONOCYTES), Labs(monocytes=ENOUGH_MONOCYTES)),
          CellLines(pattern=W()))
    def monocytes_preserved_argue_against_gata2_deficiency(self):
        self.evidence("gata2_deficiency", STRONG_AGAINST,
                      "Normal monocytes are very unusual in GATA2 deficiency.", "spinner-gata2-2014")

    @Rule(Findings(atypical_mycobacterial_infection="no", extensive_warts="no"))
    def neither_mycobacteria_nor_warts(self):
        self.evidence("gata2_deficiency", MODERATE_AGAINST,
                      "Neither mycobacteria nor warts, the infections that bring most patients "
                      "to notice.", "spinner-gata2-2014")

    # ---- glycogen storage disease Ib, Barth, dyskeratosis congenita, Chediak-Higashi ---------

    @Rule(Findings(fasting_hypoglycemia="yes"), Neutrophils(status="absolute_neutropenia"))
    def hypoglycaemia_with_neutropenia(self):
        self.evidence("glycogen_storage_disease_1b", DECISIVE_FOR,
                      "Fasting hypoglycaemia with neutropenia is glycogen storage disease Ib: no "
                      "other congenital neutropenia lowers the blood sugar.", "skokowa-scn-2017")

    @Rule(Findings(hepatomegaly="yes", age_at_onset=EARLY_ONSET),
          Neutrophils(status="absolute_neutropenia"))
    def big_liver_with_neutropenia_from_infancy(self):
        self.evidence("glycogen_storage_disease_1b", MODERATE_FOR,
                      "Glycogen fills the liver in glycogen storage disease.", "skokowa-scn-2017")

    @Rule(OR(Findings(fasting_hypoglycemia="no"),
             AND(Patient(age_years=CHILD), Findings(hepatomegaly="no"))))
    def no_hypoglycaemia_or_no_big_liver(self):
        self.evidence("glycogen_storage_disease_1b", STRONG_AGAINST,
                      "Glycogen storage disease Ib nearly always brings hypoglycaemia and a big "
                      "liver.", "skokowa-scn-2017")

    @Rule(Findings(cardiomyopathy="yes"), Patient(sex="male"),
          Neutrophils(status="absolute_neutropenia"))
    def cardiomyopathy_with_neutropenia_in_a_boy(self):
        self.evidence("barth_syndrome", DECISIVE_FOR,
                      "Dilated cardiomyopathy with neutropenia in a boy is Barth syndrome: no "
                      "other congenital neutropenia joins the two.", "skokowa-scn-2017")

    @Rule(OR(Patient(sex="female"), Findings(cardiomyopathy="no")), CellLines(pattern=W()))
    def girl_or_no_cardiomyopathy(self):
        self.evidence("barth_syndrome", STRONG_AGAINST,
                      "Barth syndrome is X-linked (boys) and almost always affects the heart.",
                      "skokowa-scn-2017")

    @Rule(Findings(nail_dystrophy_or_leukoplakia="yes"), CellLines(pattern=W()))
    def mucocutaneous_triad_with_a_low_count(self):
        self.evidence("dyskeratosis_congenita", DECISIVE_FOR,
                      "Nail dystrophy, oral leukoplakia and reticulated pigmentation with "
                      "cytopenias is dyskeratosis congenita.", "dokal-dc-2011")
        # Two signs of the triad with a marrow failure meet the clinical diagnosis of
        # dyskeratosis congenita (Dokal 2011): the failure is the telomere disorder's, so
        # acquired aplastic anaemia, a diagnosis of exclusion, is all but ruled out.
        self.evidence("aplastic_anemia", RULES_OUT,
                      "Two signs of the mucocutaneous triad with a failing marrow meet the "
                      "clinical diagnosis of dyskeratosis congenita: the failure is "
                      "constitutional, and acquired aplastic anaemia is diagnosed only once the "
                      "inherited forms are excluded.", "dokal-dc-2011")

    # One sign of the triad alone: the reticulate pigmentation is the commonest (in about
    # nine in ten) and often the first, and rare in anyone else with low counts; beside a
    # low count it makes a telomere disorder likely, short of the triad's certainty. (Where
    # two signs are present the triad rule above weighs them.)
    @Rule(Findings(reticulate_skin_pigmentation="yes"), CellLines(pattern=W()),
          NOT(Findings(nail_dystrophy_or_leukoplakia="yes")))
    def reticulate_pigmentation_with_a_low_count(self):
        self.evidence("dyskeratosis_congenita", VERY_STRONG_FOR,
                      "A lacy, net-like skin pigmentation with cytopenias is the commonest sign "
                      "of dyskeratosis congenita: telomere length (flow-FISH) now; nails, mouth, "
                      "lungs and liver are worth examining.", "dokal-dc-2011")

    # Inherited marrow failure runs in families (dominant telomere and GATA2 disorders show
    # in each generation, earlier each time in the telomere ones; recessive Fanconi anaemia
    # in siblings): a relative with aplastic anaemia, myelodysplasia or AML beside a marrow
    # failure of several lines is the cue to test for the inherited syndromes before
    # treating it as acquired.
    @Rule(Findings(family_history_of_aplastic_anemia_or_mds="yes"),
          CellLines(pattern=SEVERAL_LINES))
    def marrow_failure_in_the_family(self):
        for cause in ("dyskeratosis_congenita", "fanconi_anemia", "gata2_deficiency"):
            self.evidence(cause, MODERATE_FOR,
                          "A relative with aplastic anaemia, myelodysplasia or AML beside "
                          "several low lines points to an inherited marrow failure (a telomere "
                          "disorder, Fanconi anaemia, GATA2 deficiency): telomere length, "
                          "chromosome breakage and a germline panel before treating it as "
                          "acquired.", "alter-ibmfs-2007")

    # An inherited syndrome lies behind a quarter to a third of the marrow failures of
    # childhood, often without the physical signs (a quarter to a third of children with Fanconi anaemia
    # have none); Fanconi anaemia is the commonest, the telomere disorders next, so every child
    # whose three lines fail has the breakage test and telomere length before the aplasia is
    # called acquired (Alter 2007). Not on chemotherapy, whose nadir explains the count; and
    # not in an infant, in whom the marrow of these syndromes has seldom yet failed (Fanconi
    # anaemia's at a median of about seven years): a pancytopenia in the first two years is
    # familial HLH, leukaemia or infection first. Where the red cells are large the rule on
    # a child's macrocytic cytopenias weighs the same failing marrow, more strongly. Not with
    # a big spleen or enlarged nodes, which argue against an empty marrow, inherited or
    # acquired alike (they point to sequestration, infiltration or infection).
    @Rule(Patient(age_years=number(lambda age: 2 <= age < 18)), CellLines(pattern="pancytopenia"),
          NOT(Findings(recent_chemotherapy="yes")), NOT(Labs(mcv=LARGE_RED_CELLS_FOR_A_CHILD)),
          NOT(Findings(splenomegaly="yes")), NOT(Findings(lymphadenopathy="yes")))
    def pancytopenia_in_a_child(self):
        # Weighed against acquired aplastic anaemia (+10 for any pancytopenia, a commoner
        # prior): with a quarter to a third of the failures inherited and Fanconi anaemia
        # about half of those, Fanconi anaemia is about a fifth to a quarter as likely as the
        # acquired aplasia in a child, the telomere disorders about a tenth.
        self.evidence("fanconi_anemia", STRONG_FOR,
                      "A quarter to a third of the marrow failures of childhood are inherited, "
                      "Fanconi anaemia the commonest, often without the thumb or skin signs: a "
                      "child whose three lines fail has a chromosome breakage test.",
                      "alter-ibmfs-2007")
        self.evidence("dyskeratosis_congenita", MODERATE_FOR,
                      "The telomere disorders are the second commonest inherited marrow failure "
                      "of childhood, and the marrow may fail before the nails or skin change.",
                      "alter-ibmfs-2007")

    # GATA2 deficiency shows from late childhood to middle age (median about 20) as a marrow
    # failure of several lines beside infections that ordinary neutropenia does not explain:
    # the monocytes, B and NK cells are missing, so pneumonias, mycobacteria, warts and fungi
    # recur, often before the counts are first checked (Spinner 2014). Repeated infections
    # with several low lines in a young patient without HIV or chemotherapy point to it.
    @Rule(Findings(recurrent_infections="yes"), CellLines(pattern=SEVERAL_LINES),
          Patient(age_years=number(lambda age: 5 <= age < 40)),
          NOT(Findings(hiv_test="positive")), NOT(Findings(recent_chemotherapy="yes")))
    def repeated_infections_with_marrow_failure_in_the_young(self):
        self.evidence("gata2_deficiency", MODERATE_FOR,
                      "Repeated infections beside several low lines in a child or young adult "
                      "are GATA2 deficiency's presentation (missing monocytes, B and NK cells "
                      "with a failing marrow): a monocyte count and a germline test.",
                      "spinner-gata2-2014")

    # Short telomeres fail the marrow, the liver and the lungs: in adults the telomere
    # disorders often show without the mucocutaneous triad, as an aplastic marrow beside a
    # cryptogenic cirrhosis or lung fibrosis (Calado 2009). Cirrhosis congests the spleen but
    # leaves the marrow full; an empty marrow beside liver disease that neither alcohol nor a
    # hepatitis virus explains, before old age, is a telomere disease until telomere length
    # says otherwise.
    @Rule(OR(Findings(cirrhosis="yes"), Findings(portal_hypertension="yes")),
          OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)),
          CellLines(pattern=W()), Patient(age_years=number(lambda age: age < 60)),
          NOT(Findings(alcohol_excess="yes")), NOT(Findings(hepatitis_c_test="positive")),
          NOT(Findings(hepatitis_b_test="positive")))
    def empty_marrow_beside_unexplained_liver_disease(self):
        self.evidence("dyskeratosis_congenita", STRONG_FOR,
                      "An empty marrow beside a cirrhosis that alcohol or a hepatitis virus does "
                      "not explain, before old age, is the adult form of a telomere disorder "
                      "(often without the nail, mouth or skin signs): telomere length and a "
                      "germline panel.", "calado-telomere-2009")

    @Rule(Findings(nail_dystrophy_or_leukoplakia="no"), CellLines(pattern=W()))
    def no_mucocutaneous_signs(self):
        self.evidence("dyskeratosis_congenita", MODERATE_AGAINST,
                      "Most patients have at least one sign of the triad by adolescence, though "
                      "marrow failure can come first.", "dokal-dc-2011")

    @Rule(Findings(microcephaly="yes"), CellLines(pattern=W()))
    def small_head_with_a_low_count(self):
        self.evidence("fanconi_anemia", MODERATE_FOR,
                      "Microcephaly is common in Fanconi anaemia.", "hematology-texts")
        self.evidence("dyskeratosis_congenita", WEAK_FOR,
                      "Microcephaly and developmental delay mark the Hoyeraal-Hreidarsson form "
                      "of dyskeratosis congenita.", "dokal-dc-2011")

    @Rule(Findings(partial_albinism="yes"), Neutrophils(status="absolute_neutropenia"))
    def partial_albinism_with_neutropenia(self):
        self.evidence("chediak_higashi_syndrome", VERY_STRONG_FOR,
                      "Silvery hair and partial albinism with neutropenia (and giant granules on "
                      "the film) is Chediak-Higashi syndrome.", "skokowa-scn-2017")

    @Rule(Findings(partial_albinism="yes", recurrent_infections="yes"),
          NOT(Neutrophils(status="absolute_neutropenia")))
    def partial_albinism_with_recurrent_infections(self):
        self.evidence("chediak_higashi_syndrome", STRONG_FOR,
                      "Light skin, silvery hair and pale eyes in a child with repeated pyogenic "
                      "infections is Chediak-Higashi syndrome until the film shows no giant "
                      "granules, whatever the count: the neutrophils kill poorly even when "
                      "they are not few.", "hematology-texts")

    # The accelerated phase of Chediak-Higashi syndrome (in most patients, often in early
    # childhood) is a lymphohistiocytic infiltration with haemophagocytosis that lowers every
    # line, not the neutrophils alone.
    @Rule(Findings(partial_albinism="yes"), CellLines(pattern=SEVERAL_LINES))
    def partial_albinism_with_several_low_lines(self):
        self.evidence("chediak_higashi_syndrome", STRONG_FOR,
                      "Silvery hair and partial albinism with several low lines is "
                      "Chediak-Higashi syndrome in its accelerated, haemophagocytic phase (or "
                      "another albinism-immunodeficiency such as Griscelli type 2) until the "
                      "film shows no giant granules.", "hematology-texts")

    # In Chediak-Higashi syndrome the precursors mature, carrying giant granules, and die in
    # the marrow; an arrest of maturation at the promyelocyte is the other syndromes' marrow.
    @Rule(Findings(marrow_neutrophil_maturation="maturation_arrest"),
          Findings(partial_albinism="yes"))
    def maturation_arrest_beside_partial_albinism(self):
        self.evidence("chediak_higashi_syndrome", MODERATE_AGAINST,
                      "The Chediak-Higashi marrow holds maturing precursors with giant "
                      "granules that die before release; an arrest of maturation points to a "
                      "congenital neutropenia of another kind.", "hematology-texts")

    # The giant granules of Chediak-Higashi syndrome (fused lysosomes, in the neutrophils,
    # eosinophils, monocytes and lymphocytes alike) are its pathognomonic sign and are seen on
    # an ordinary film. (A film read as "normal" is not taken to exclude them: before this
    # finding had a name, cases whose film showed them were entered as "normal".)
    @Rule(Smear(giant_granules=True))
    def giant_granules_on_the_film(self):
        self.evidence("chediak_higashi_syndrome", DECISIVE_FOR,
                      "Giant granules in the neutrophils and other white cells are the "
                      "pathognomonic sign of Chediak-Higashi syndrome.", "lozano-chs-2014")

    @Rule(Findings(partial_albinism="no"))
    def no_albinism(self):
        self.evidence("chediak_higashi_syndrome", STRONG_AGAINST,
                      "Partial albinism is present in nearly every patient with Chediak-Higashi "
                      "syndrome.", "hematology-texts")

    @Rule(CellLines(pattern=W()),
          OR(Findings(cardiomyopathy="yes"), Findings(fasting_hypoglycemia="yes"),
             Findings(partial_albinism="yes"), Findings(nail_dystrophy_or_leukoplakia="yes")))
    def a_syndrome_beyond_the_blood(self):
        self.evidence("autoimmune_neutropenia", MODERATE_AGAINST,
                      "Autoimmune neutropenia touches only the neutrophils; a heart, liver, "
                      "skin or hair anomaly beside it points to an inherited syndrome.",
                      "skokowa-scn-2017")
        self.evidence("severe_congenital_neutropenia", WEAK_AGAINST,
                      "Classic (ELANE) severe congenital neutropenia has no anomalies outside "
                      "the blood.", "skokowa-scn-2017")

    @Rule(Findings(family_history_of_neutropenia="yes"), Patient(sex="male"),
          Neutrophils(status="absolute_neutropenia"))
    def affected_relatives_of_a_boy(self):
        self.evidence("barth_syndrome", WEAK_FOR,
                      "Affected maternal male relatives fit an X-linked cause such as Barth "
                      "syndrome.", "skokowa-scn-2017")

    @Rule(OR(Findings(age_at_onset="adulthood"),
             AND(Patient(age_years=ADULT), Findings(previous_counts_normal="yes"))))
    def onset_in_adult_life_argues_against_the_syndromes_of_infancy(self):
        for cause in EARLY_SYNDROMES:
            self.evidence(cause, STRONG_AGAINST,
                          "This syndrome shows in infancy or early childhood.", "skokowa-scn-2017")

    # ---- Gaucher disease ------------------------------------------------------------------------
    # Glucocerebroside-laden macrophages fill the spleen first: platelets fall before the other
    # lines, the spleen is often massive, and the marrow holds Gaucher cells (Stirnemann 2017).

    @Rule(Findings(splenomegaly="yes"), CellLines(pattern=SEVERAL_LINES),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def ask_for_storage_cells_in_the_marrow(self):
        self.ask("storage_cells_in_marrow", DETAIL - 5,
                 "A big spleen with several low lines and no liver disease: storage cells in "
                 "the marrow point to Gaucher disease.")

    @Rule(Findings(massive_splenomegaly="yes"), Cytopenia(line="thrombocytopenia"))
    def ask_about_bone_pain_with_a_massive_spleen(self):
        self.ask("bone_pain", DETAIL + 1,
                 "Bone pain with a massive spleen and low platelets points to Gaucher disease "
                 "(or myelofibrosis).")

    @Rule(OR(Findings(storage_cells_in_marrow="yes"),
             AND(Findings(massive_splenomegaly="yes"), Findings(bone_pain="yes"))),
          CellLines(pattern=W()))
    def ask_for_the_glucocerebrosidase(self):
        self.ask("glucocerebrosidase_activity", FOLLOW_UP,
                 "A low glucocerebrosidase activity in leucocytes proves Gaucher disease.")

    @Rule(Findings(storage_cells_in_marrow="yes"), CellLines(pattern=W()))
    def storage_cells_in_the_marrow(self):
        self.evidence("gaucher_disease", VERY_STRONG_FOR,
                      "Gaucher cells in the marrow with low counts point to Gaucher disease "
                      "(pseudo-Gaucher cells of CML, myeloma or mycobacteria aside): the enzyme "
                      "assay decides.", "stirnemann-gaucher-2017")

    @Rule(Findings(storage_cells_in_marrow="yes", splenomegaly="yes"),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def storage_cells_explain_the_big_spleen(self):
        self.evidence("hypersplenism", STRONG_AGAINST,
                      "Storage cells fill the spleen themselves; with no liver disease or "
                      "portal hypertension, a congested spleen no longer needs to explain it.",
                      "stirnemann-gaucher-2017")

    @Rule(Findings(massive_splenomegaly="yes"), Cytopenia(line="thrombocytopenia"),
          NOT(Fever(present=True)), NOT(Findings(cirrhosis="yes")))
    def massive_spleen_with_low_platelets_and_no_fever(self):
        self.evidence("gaucher_disease", MODERATE_FOR,
                      "A massive spleen with low platelets and no fever or liver disease is "
                      "myelofibrosis, a splenic lymphoma or a storage disease, Gaucher's above "
                      "all in a child or young adult.", "stirnemann-gaucher-2017")

    @Rule(Findings(splenomegaly="yes", bone_pain="yes"), Cytopenia(line="thrombocytopenia"),
          NOT(Fever(present=True)))
    def big_spleen_low_platelets_and_bone_pain(self):
        self.evidence("gaucher_disease", MODERATE_FOR,
                      "Bone pain or crises with a big spleen and low platelets is Gaucher "
                      "disease's triad.", "stirnemann-gaucher-2017")

    # Each part of the picture is counted by its own rule; in a child or a young adult the three
    # together (a massive spleen, low platelets, bone pain or crises, no fever) are Gaucher
    # disease's presentation, worth a strong finding of their own: myelofibrosis, the other
    # cause of the picture, is a disease of later life.
    @Rule(Findings(massive_splenomegaly="yes", bone_pain="yes"),
          Cytopenia(line="thrombocytopenia"), Patient(age_years=number(lambda age: age < 50)),
          NOT(Fever(present=True)), NOT(Findings(cirrhosis="yes")))
    def massive_spleen_low_platelets_and_bone_pain_before_fifty(self):
        self.evidence("gaucher_disease", STRONG_FOR,
                      "A massive spleen, low platelets and bone pain in a child or young adult "
                      "without fever or liver disease are the presentation of type 1 Gaucher "
                      "disease; the enzyme assay decides.", "stirnemann-gaucher-2017")

    # A spleen congested by portal hypertension does not hurt the bones; bone pain beside a big
    # spleen and low counts means a disease of the marrow and spleen together (Gaucher disease,
    # myelofibrosis, a leukaemia or lymphoma).
    @Rule(Findings(splenomegaly="yes", bone_pain="yes"), CellLines(pattern=W()),
          NOT(Findings(cirrhosis="yes")), NOT(Findings(portal_hypertension="yes")))
    def bone_pain_beside_a_big_spleen(self):
        self.evidence("hypersplenism", MODERATE_AGAINST,
                      "Bone pain is no part of a spleen congested by portal hypertension; "
                      "beside a big spleen it points to a disease that fills the marrow and "
                      "the spleen together (Gaucher disease, myelofibrosis, leukaemia).",
                      "stirnemann-gaucher-2017")

    @Rule(Findings(glucocerebrosidase_activity="deficient"))
    def glucocerebrosidase_deficient(self):
        self.evidence("gaucher_disease", DECISIVE_FOR,
                      "A deficient glucocerebrosidase activity (or two pathogenic GBA1 variants) "
                      "is Gaucher disease.", "stirnemann-gaucher-2017")

    @Rule(Findings(glucocerebrosidase_activity="normal"))
    def glucocerebrosidase_normal(self):
        self.evidence("gaucher_disease", RULES_OUT,
                      "A normal glucocerebrosidase activity excludes Gaucher disease.",
                      "stirnemann-gaucher-2017")

    @Rule(Findings(splenomegaly="no"))
    def no_big_spleen_argues_against_gaucher_disease(self):
        self.evidence("gaucher_disease", STRONG_AGAINST,
                      "Gaucher disease that lowers the counts has enlarged the spleen in nearly "
                      "every patient.", "stirnemann-gaucher-2017")

    @Rule(Findings(storage_cells_in_marrow="no"))
    def no_storage_cells_argue_against_gaucher_disease(self):
        self.evidence("gaucher_disease", STRONG_AGAINST,
                      "A marrow without storage cells argues against Gaucher disease deep "
                      "enough to lower the counts.", "stirnemann-gaucher-2017")
