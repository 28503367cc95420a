"""The pitfalls the sources warn about: each rule decides when one applies to this case.
The pitfall texts, indicators and sources are in data/pitfalls.yaml."""

from __future__ import annotations

from experta import AND, AS, EXISTS, MATCH, NOT, OR, P, Rule, W

from .base import CORE, FOLLOW_UP, Conclusions
from .conditions import SEVERAL_LINES, number
from .facts import (
    CellLines,
    DrugExposure,
    Fever,
    Findings,
    Labs,
    Lymphocytes,
    Neutrophils,
    Patient,
    SepsisSigns,
    Smear,
    WhiteCount,
)
from .quantities import Range

CHILD = number(lambda age: age < 18)
LOW_IGG = number(lambda igg: igg < 700)  # mg/dL, below the adult reference range
MALIGNANCY_RED_FLAGS = {
    "bicytopenia": "another cell line is low",
    "pancytopenia": "all three cell lines are low",
}


class PitfallRules(Conclusions):
    """When each pitfall the sources warn about applies."""

    # 1. neutropenic fever -------------------------------------------------------------------
    @Rule(Neutrophils(grade="severe"))
    def ask_about_fever_at_once_when_neutrophils_are_very_low(self):
        self.ask("temperature_c", CORE + 5,
                 "With an ANC below 500/µL, fever is an emergency: this is asked first.")

    @Rule(Neutrophils(grade="severe", shown=MATCH.anc), Fever(present=True, shown=MATCH.fever))
    def fever_with_severe_neutropenia(self, anc, fever):
        self.pitfall("neutropenic_fever", f"{fever} with an ANC of {anc}.")

    # "Neutropenia" without a number, with fever: until a count shows the ANC is 500/µL or
    # more, the patient is managed as neutropenic fever (idsa-febrile-neutropenia).
    @Rule(Neutrophils(grade="unknown", status="absolute_neutropenia", shown=MATCH.anc),
          Fever(present=True, shown=MATCH.fever))
    def fever_with_neutropenia_of_unknown_grade(self, anc, fever):
        self.pitfall("neutropenic_fever",
                     f"{fever} with an ANC given only as {anc}: until a count shows it is "
                     "500/µL or more, manage as neutropenic fever.")

    # A low white count with no ANC and no differential leaves the ANC open: with fever, the
    # ANC decides between a viral fever and an emergency, so it is wanted now
    # (idsa-febrile-neutropenia). That holds for a count given only as a word or a bound, and
    # for one below 3,000/µL, where an ordinary lymphocyte count (1,000-2,500/µL) can leave
    # the ANC under 500 - agranulocytosis often presents so. A white count below the ANC limit
    # already fixes an ANC bound and raises the card above.
    @Rule(WhiteCount(status="low", shown=MATCH.wbc,
                     value=P(lambda value: type(value) is Range or value < 3000)),
          NOT(Neutrophils()),
          Fever(present=True, shown=MATCH.fever))
    def fever_with_a_low_white_count_and_no_neutrophil_count(self, wbc, fever):
        self.pitfall("neutropenic_fever_not_excluded",
                     f"{fever}; the white count is {wbc}, with no ANC or differential.")
        self.ask("anc", CORE + 4,
                 "Fever with a low white count: the ANC decides whether this is neutropenic "
                 "fever, so it is asked now.")

    @Rule(Neutrophils(grade="unknown"))
    def ask_for_the_number_when_the_grade_is_unknown(self):
        self.ask("anc", CORE + 3,
                 "The ANC is known only as a word or a bound that does not fix the grade; "
                 "the number decides whether this is severe neutropenia.")

    @Rule(Neutrophils(grade="moderate", shown=MATCH.anc), Fever(present=True, shown=MATCH.fever),
          OR(Findings(recent_chemotherapy="yes"),
             Findings(days_since_chemotherapy=number(lambda d: d <= 14))))
    def fever_with_a_falling_count_after_chemotherapy(self, anc, fever):
        self.pitfall("neutropenic_fever",
                     f"{fever} with an ANC of {anc} that is expected to fall below 500/µL "
                     "after chemotherapy: treat as neutropenic fever.")

    # 2. blaming a drug before excluding malignancy ------------------------------------------------
    # Several low lines are a red flag only beside an idiosyncratic culprit, whose reactions hit
    # the neutrophils alone; dose-dependent marrow suppressants (chemotherapy, azathioprine,
    # interferon) are expected to lower every line, so there the film and the examination
    # carry the warning.
    @Rule(EXISTS(DrugExposure(timing=P(lambda t: t != "after_onset"))),
          OR(AND(EXISTS(DrugExposure(mechanism="idiosyncratic",
                                     timing=P(lambda t: t != "after_onset"))),
                 CellLines(pattern=P(lambda p: p in MALIGNANCY_RED_FLAGS))),
             Smear(blasts=True), Labs(blasts_pct=number(lambda pct: pct > 0)),
             Smear(dysplastic_neutrophils=True), Smear(leukoerythroblastic=True),
             Findings(splenomegaly="yes"), Findings(lymphadenopathy="yes")),
          AS.lines << CellLines(), AS.smear << Smear(), AS.findings << Findings())
    def suspect_drug_beside_signs_of_marrow_disease(self, lines, smear, findings):
        idiosyncratic = any(isinstance(fact, DrugExposure)
                            and fact["mechanism"] == "idiosyncratic"
                            and fact["timing"] != "after_onset"
                            for fact in self.facts.values())
        flags = [MALIGNANCY_RED_FLAGS[lines["pattern"]]] if idiosyncratic and \
            lines["pattern"] in MALIGNANCY_RED_FLAGS else []
        flags += [text for key, text in (("blasts", "blasts on the film"),
                                         ("dysplastic_neutrophils", "dysplastic neutrophils"),
                                         ("leukoerythroblastic", "a leukoerythroblastic film"))
                  if smear.get(key)]
        flags += [text for key, value, text in (
            ("splenomegaly", "yes", "the spleen is enlarged"),
            ("lymphadenopathy", "yes", "lymph nodes are enlarged"))
            if findings.get(key) == value]
        self.pitfall("drug_blamed_before_malignancy_excluded",
                     "Red flags here: " + "; ".join(flags or ["blasts counted in the "
                                                              "differential"]) + ".")

    # No recovery off a drug is a red flag only when no other suspect drug is still being taken.
    @Rule(DrugExposure(stopped=True, timing=P(lambda t: t != "after_onset"),
                       shown=MATCH.shown, generic=MATCH.generic),
          Findings(count_recovered_after_stopping="no"), CellLines(pattern=W()),
          NOT(DrugExposure(stopped=False,
                           timing=P(lambda t: t in ("plausible", "unknown", "late")))))
    def count_not_recovered_after_the_suspect_drug_stopped(self, generic, shown):
        self.pitfall("drug_blamed_before_malignancy_excluded",
                     f"The count has not recovered since {shown} was stopped, and no other "
                     "suspect drug is still being taken.")

    # 3. CLL behind a normal count -----------------------------------------------------------
    # Not in a child: CLL is a disease of adults (almost never before 30), and a child's
    # infections with low antibodies point to an inborn immune deficiency instead.
    @Rule(Findings(recurrent_infections="yes"),
          WhiteCount(status=P(lambda s: s in ("normal", "high"))),
          OR(Lymphocytes(status="lymphocytosis"), Labs(igg=LOW_IGG)),
          NOT(Patient(age_years=CHILD)))
    def recurrent_infections_with_a_normal_or_high_count(self):
        self.pitfall("cll_hidden_behind_normal_count")

    @Rule(Findings(recurrent_infections="yes"), Lymphocytes(status="lymphocytosis"))
    def ask_for_immunoglobulins(self):
        self.ask("igg", FOLLOW_UP + 14,
                 "Low immunoglobulins explain infections in CLL despite a normal or high count.")

    # 4. other cytopenias ------------------------------------------------------------------------
    @Rule(CellLines(pattern=MATCH.pattern & SEVERAL_LINES))
    def other_cell_lines_are_low(self, pattern):
        self.pitfall("other_cytopenias_ignored", f"This is a {pattern}.")

    # 5. relative versus absolute ----------------------------------------------------------------
    @Rule(Neutrophils(status="relative_neutropenia", shown=MATCH.anc))
    def low_percentage_with_a_normal_absolute_count(self, anc):
        self.pitfall("relative_not_absolute_neutropenia",
                     f"The ANC is {anc}, within the normal range: no severity grade applies.")

    # 6. early-infection pseudoleukopenia ----------------------------------------------------
    # Not after recent chemotherapy: there the low count is real, and "repeat it before acting"
    # would delay the treatment of neutropenic fever.
    @Rule(Findings(acute_infection_onset_days=number(lambda d: d <= 1)),
          CellLines(pattern=W()), NOT(Neutrophils(grade="severe")),
          NOT(Findings(recent_chemotherapy="yes")),
          NOT(Findings(days_since_chemotherapy=number(lambda d: d <= 28))))
    def early_count_may_be_pseudoleukopenia(self):
        self.pitfall("early_infection_pseudoleukopenia")

    # 7. age-appropriate ranges -----------------------------------------------------------------
    @Rule(Patient(age_years=CHILD), WhiteCount(status="low", adult_status="normal",
                                               range_label=MATCH.range_label, shown=MATCH.wbc))
    def child_count_normal_for_an_adult_but_low_for_age(self, range_label, wbc):
        self.pitfall("age_inappropriate_range",
                     f"A white count of {wbc} is normal for an adult but low for this "
                     f"age (normal {range_label}).")

    @Rule(Patient(age_years=CHILD), WhiteCount(status="normal", adult_status="high",
                                               range_label=MATCH.range_label, shown=MATCH.wbc))
    def child_count_high_for_an_adult_but_normal_for_age(self, range_label, wbc):
        self.pitfall("age_inappropriate_range",
                     f"A white count of {wbc} would be high for an adult but is normal "
                     f"for this age (normal {range_label}).")

    @Rule(Patient(age_years=CHILD), Neutrophils(grade="none", shown=MATCH.anc,
                                                adult_grade=P(lambda g: g != "none"),
                                                lower_limit=MATCH.limit))
    def infant_neutrophils_low_for_an_adult_but_normal_for_age(self, anc, limit):
        self.pitfall("age_inappropriate_range",
                     f"An ANC of {anc} is below the adult cut-off of 1,500 but normal at "
                     f"this age (lower limit {limit:,}/µL): not neutropenia.")

    # A count just inside the adult range is not low, and leukodx ranks nothing for it; but
    # laboratories draw the line differently (4,000 or 4,500/µL), so a report may flag it, and
    # the reader should hear why nothing is ranked and what to do.
    @Rule(NOT(Patient(age_years=CHILD)), NOT(CellLines()), NOT(Lymphocytes(status="lymphopenia")),
          OR(WhiteCount(status="normal", value=number(lambda wbc: wbc < 4500)),
             Neutrophils(status="normal", anc=number(lambda anc: anc < 1800))))
    def count_at_the_lower_edge_of_the_range(self):
        self.pitfall("count_at_the_lower_edge_of_the_range")

    # 8. sepsis with any white count ---------------------------------------------------------
    @Rule(SepsisSigns(basis=MATCH.basis, shown=MATCH.shown))
    def signs_of_sepsis(self, basis, shown):
        self.pitfall("sepsis_with_any_white_count",
                     f"From the vital signs: {shown}." if basis == "vital_signs" else "")

    # 9. Duffy-null associated neutrophil count --------------------------------------------------
    @Rule(Patient(ancestry=P(lambda a: a in ("african", "middle_eastern"))),
          Neutrophils(grade="mild"), CellLines(pattern="isolated"),
          NOT(Findings(recurrent_infections="yes")), NOT(Fever(present=True)))
    def mild_isolated_neutropenia_in_a_well_person_of_african_or_middle_eastern_ancestry(self):
        self.pitfall("duffy_null_neutrophil_count")
