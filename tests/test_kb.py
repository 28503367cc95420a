"""The knowledge-base reader and checker, and the `leukodx kb` commands.

The checker is proved on small planted rule modules (text fed to the AST reader), so each
test can fail; the real knowledge base is then checked as a whole."""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_case

from engine import kb_check
from engine.kb_check import check_cases, check_catalogue, check_rules, read_rule_sources
from interview.cli import main
from rules.catalogue import Appraisal, DrugClass, load_catalogue

SCOPE = ROOT.parent / "shared" / "knowledge-scope.md"


def planted(text: str, **more: str):
    """Read fake rule modules (given as source text) with the real catalogue."""
    sources = {"planted": textwrap.dedent(text)}
    sources.update({name: textwrap.dedent(body) for name, body in more.items()})
    return read_rule_sources(sources, load_catalogue())


def problems_of(book, check: str) -> list[kb_check.Problem]:
    return [p for p in check_rules(book, load_catalogue()) + book.problems if p.check == check]


PLANTED_MODULE = '''
    from experta import Rule, W
    from .base import STRONG_FOR, STRONG_AGAINST, FOLLOW_UP, Conclusions
    from .facts import CellLines, Findings

    TROPICAL_FEVERS = ("malaria", "dengue")

    class PlantedRules(Conclusions):
        @Rule(Findings(tropical_travel="yes"))
        def fever_after_travel(self):
            for cause in TROPICAL_FEVERS:
                self.evidence(cause, STRONG_FOR, f"Travel raises {cause}.", "seed-000")
            for cause in (*TROPICAL_FEVERS, "typhoid_fever"):
                self.evidence(cause, STRONG_AGAINST, "Planted against.", "seed-000")

        @Rule(CellLines(pattern=W()))
        def planted_mistakes(self):
            self.evidence("made_up_cause", STRONG_FOR, "Not in the catalogue.", "seed-001")
            self.evidence("malaria", STRONG_FOR, "Cites a book nobody has.", "no-such-book")
            self.evidence("dengue", STRONG_FOR, "", "seed-000")
            self.pitfall("no_such_pitfall", "planted")
            self.ask("no_such_question", FOLLOW_UP, "planted")
            self.ask("tropical_travel", FOLLOW_UP, "")
            some_variable = choose_a_cause()
            self.evidence(some_variable, 7, "A raw weight and an unreadable cause.", "seed-000")
'''


def test_reader_resolves_literal_causes_and_loops_over_module_tuples():
    book = planted(PLANTED_MODULE)
    travel = next(rule for rule in book.rules if rule.name == "fever_after_travel")
    supporting = {(e.cause, e.direction) for e in travel.evidence}
    assert supporting == {("malaria", "for"), ("dengue", "for"), ("malaria", "against"),
                          ("dengue", "against"), ("typhoid_fever", "against")}
    assert all(e.source == "seed-000" and e.module == "planted" for e in travel.evidence)


def test_an_f_string_rationale_counts_as_present():
    book = planted(PLANTED_MODULE)
    malaria = [e for e in book.evidence_for("malaria") if e.rule == "fever_after_travel"
               and e.direction == "for"]
    assert malaria[0].rationale == "Travel raises malaria."  # the loop's value filled in
    assert not [p for p in problems_of(book, "missing_rationale")
                if "fever_after_travel" in p.where]


@pytest.mark.parametrize("check, subject", [
    ("unknown_cause", "made_up_cause"),
    ("unknown_source", "no-such-book"),
    ("missing_rationale", "dengue"),
    ("unknown_pitfall", "no_such_pitfall"),
    ("unknown_question", "no_such_question"),
    ("missing_reason", "tropical_travel"),
    ("unreadable_cause", "some_variable"),
    ("raw_weight", "7"),
])
def test_checker_names_each_planted_problem(check, subject):
    found = problems_of(planted(PLANTED_MODULE), check)
    assert [p for p in found if p.subject == subject], f"{check} not reported for {subject}"
    assert all("planted.py:" in p.where and "planted_mistakes" in p.where for p in found
               if p.subject == subject)


def test_evidence_without_a_source_id_is_an_error():
    book = planted('''
        from experta import Rule, W
        from .base import STRONG_FOR, Conclusions
        class Quiet(Conclusions):
            @Rule(W())
            def sourceless(self):
                self.evidence("malaria", STRONG_FOR, "No source given.")
    ''')
    found = problems_of(book, "missing_source")
    assert [(p.subject, p.severity) for p in found] == [("malaria", "error")]


def test_a_rule_name_used_in_two_modules_is_a_silent_override():
    module = '''
        from experta import Rule, W
        from .base import STRONG_FOR, Conclusions
        class Area(Conclusions):
            @Rule(W())
            def count_is_low(self):
                self.evidence("malaria", STRONG_FOR, "Planted.", "seed-000")
    '''
    book = planted(module, other_area=module)
    found = problems_of(book, "duplicate_rule_name")
    assert [p.subject for p in found] == ["count_is_low"]
    assert "planted.py" in found[0].where and "other_area.py" in found[0].where


def test_causes_questions_and_pitfalls_nobody_reaches_are_reported():
    book = planted(PLANTED_MODULE)
    never_raised = {p.subject for p in problems_of(book, "cause_never_raised")}
    never_opposed = {p.subject for p in problems_of(book, "cause_never_opposed")}
    never_asked = {p.subject for p in problems_of(book, "question_never_asked")}
    never_flagged = {p.subject for p in problems_of(book, "pitfall_never_raised")}
    assert "hiv" in never_raised and "malaria" not in never_raised
    assert "typhoid_fever" in never_raised and "typhoid_fever" not in never_opposed
    assert "hiv" in never_opposed
    assert "temperature_c" in never_asked and "tropical_travel" not in never_asked
    assert "neutropenic_fever" in never_flagged


def test_drug_causes_are_raised_from_the_drug_classes():
    book = planted('''
        from experta import MATCH, P, Rule
        from .base import STRONG_FOR, WEAK_FOR, Conclusions
        from .facts import DrugExposure

        SEVERE = ("drug_clozapine", "drug_antithyroid")

        class Drugs(Conclusions):
            @Rule(DrugExposure(cause=MATCH.cause, source=MATCH.source))
            def drug_exposure_counts(self, cause, source):
                self.evidence(cause, STRONG_FOR, f"{cause} was taken.", source)

            @Rule(DrugExposure(cause=MATCH.cause & P(lambda c: c in SEVERE)))
            def warning_symptoms(self, cause):
                self.evidence(cause, WEAK_FOR, "Sore throat.", "hematology-texts")
    ''')
    catalogue = load_catalogue()
    drug_causes = {c.cause for c in catalogue.drug_classes.values() if c.cause}
    assert {e.cause for e in book.evidence_for_rule("drug_exposure_counts")} == drug_causes
    assert {e.cause for e in book.evidence_for_rule("warning_symptoms")} == {
        "drug_clozapine", "drug_antithyroid"}
    clozapine = next(e for e in book.evidence_for("drug_clozapine")
                     if e.rule == "drug_exposure_counts")
    assert clozapine.dynamic and clozapine.sources == catalogue.drug_classes["clozapine"].sources


def test_evidence_in_a_helper_method_belongs_to_the_rules_that_call_it():
    book = planted('''
        from experta import Rule, W
        from .base import MODERATE_FOR, Conclusions
        MEGALOBLASTIC = ("vitamin_b12_deficiency", "folate_deficiency")
        class Helped(Conclusions):
            def _megaloblastic(self, weight):
                for cause in MEGALOBLASTIC:
                    self.evidence(cause, weight, "Big red cells.", "seed-000")
            @Rule(W())
            def large_red_cells(self):
                self._megaloblastic(MODERATE_FOR)
    ''')
    calls = book.evidence_for_rule("large_red_cells")
    assert {(e.cause, e.weight) for e in calls} == {("vitamin_b12_deficiency", 5),
                                                    ("folate_deficiency", 5)}


def test_a_weight_chosen_in_the_rule_body_is_read_with_its_direction():
    book = planted('''
        from experta import MATCH, Rule
        from .base import MODERATE_FOR, STRONG_FOR, WEAK_AGAINST, Conclusions
        class Weighed(Conclusions):
            @Rule(W())
            def underweight(self, bmi):
                weight = STRONG_FOR if bmi < 16 else MODERATE_FOR
                self.evidence("severe_malnutrition", weight, "Thin.", "seed-001")
            @Rule(W())
            def undecided(self, bmi):
                weight = STRONG_FOR if bmi < 16 else WEAK_AGAINST
                self.evidence("severe_malnutrition", weight, "Either way.", "seed-001")
    ''')
    underweight = book.evidence_for_rule("underweight")[0]
    assert (underweight.direction, underweight.weight_text) == ("for", "+5 to +10")
    assert [p.subject for p in problems_of(book, "unreadable_weight")] == ["severe_malnutrition"]
    assert "undecided" in problems_of(book, "unreadable_weight")[0].where


def test_rules_in_a_class_left_out_of_the_knowledge_base_are_reported(tmp_path):
    (tmp_path / "knowledge_base.py").write_text("AREAS = (Composed,)\n", "utf-8")
    book = planted('''
        from experta import Rule, W
        from .base import STRONG_FOR, Conclusions
        class Composed(Conclusions):
            @Rule(W())
            def runs(self):
                self.evidence("malaria", STRONG_FOR, "Runs.", "seed-000")
        class Forgotten(Conclusions):
            @Rule(W())
            def never_runs(self):
                self.evidence("dengue", STRONG_FOR, "Never runs.", "seed-000")
    ''')
    found = kb_check.check_composition(book, tmp_path)
    assert [(p.check, p.subject) for p in found] == [("area_not_composed", "Forgotten")]
    assert not kb_check.check_composition(kb_check.read_rules())


def test_catalogue_cross_references_are_checked():
    real = load_catalogue()
    catalogue = dataclasses.replace(
        real,
        drug_classes={**real.drug_classes, "invented": DrugClass(
            id="invented", name="Invented", cause="no_such_cause", mechanism="idiosyncratic",
            risk="low", onset_text="never", sources=("seed-000",), onset_weeks=(1, 2))},
        appraisals={"planted": Appraisal(
            id="planted", topic="planted", claim="x", sources=("seed-009",), assessment="y",
            handling="z", causes=("no_such_cause_either",))})
    found = {(p.check, p.subject) for p in check_catalogue(catalogue)}
    assert ("unknown_cause", "no_such_cause") in found
    assert ("unknown_cause", "no_such_cause_either") in found
    assert ("unknown_source", "seed-009") in found
    assert not [p for p in check_catalogue(real) if p.severity == "error"]


# ---- the bundled cases -----------------------------------------------------------------------

CLOZAPINE_CASE = {
    "id": "planted-clozapine",
    "patient": {"age_years": 34, "sex": "male", "ancestry": "european"},
    "labs": {"wbc": 1900, "anc": 300, "hemoglobin": 14.1, "platelets": 240000},
    "medications": [{"name": "clozapine", "started_weeks_ago": 10}],
    "findings": {"temperature_c": 36.8, "low_count_first_noted_weeks_ago": 0},
    "expected": {"causes": ["drug_clozapine"], "pitfalls": []},
}


def test_a_cause_no_case_ranks_in_its_top_three_is_reported(tmp_path):
    (tmp_path / "clozapine.yaml").write_text(yaml.safe_dump(CLOZAPINE_CASE), "utf-8")
    wrong = dict(CLOZAPINE_CASE, id="planted-wrong", expected={"causes": ["sarcoidosis"]})
    (tmp_path / "wrong.yaml").write_text(yaml.safe_dump(wrong), "utf-8")
    problems, coverage = check_cases(load_catalogue(), [tmp_path])
    untaught = {p.subject: p.message for p in problems if p.check == "cause_not_taught"}
    assert "drug_clozapine" not in untaught
    assert coverage.covered["drug_clozapine"] == ["planted-clozapine"]
    assert "planted-wrong" in untaught["sarcoidosis"]
    assert "no bundled case expects" in untaught["hiv"]


# ---- the drug dictionary ---------------------------------------------------------------------

def scope_drug_names() -> list[str]:
    """The drugs named in knowledge-scope.md's medication row."""
    row = next(line for line in SCOPE.read_text("utf-8").splitlines()
               if line.startswith("| medication"))
    names = []
    for inside in re.findall(r"\(([^)]*)\)", row):
        for name in re.split(r",|;|incl\.", inside):
            name = name.strip()
            if name and name not in ("beta-lactams", "dose-dependent marrow suppression"):
                names.append(name)
    # named outside brackets: clozapine, bupropion; interferons as a class
    return names + ["clozapine", "bupropion", "interferon beta-1a", "peginterferon alfa-2a"]


@pytest.mark.skipif(not SCOPE.exists(), reason="knowledge-scope.md is outside the repository")
def test_every_drug_named_in_the_knowledge_scope_is_in_the_dictionary():
    catalogue = load_catalogue()
    names = scope_drug_names()
    assert len(names) >= 15  # the parse found the list
    missing = [name for name in names if catalogue.find_drug(name) is None]
    assert not missing, f"not in drugs.yaml: {missing}"


def test_the_dictionary_holds_at_least_sixty_names_with_class_and_onset():
    catalogue = load_catalogue()
    assert len(kb_check.drug_names(catalogue)) >= 60
    for drug in catalogue.drugs.values():
        drug_class = catalogue.drug_classes[drug.drug_class]
        assert drug_class.onset_text, drug.generic


def test_brand_names_resolve_to_their_generic():
    catalogue = load_catalogue()
    assert catalogue.find_drug("Tapazole").generic == "methimazole"
    assert catalogue.find_drug("tegretol").drug_class == "antiepileptic"
    assert catalogue.find_drug("Bactrim").drug_class == "antibiotic"


def test_an_unrecognised_medication_is_a_warning_with_a_close_match(assessor):
    case = make_case(labs={"wbc": 2400, "anc": 900},
                     medications=[{"name": "clozapin", "started_weeks_ago": 8},
                                  {"name": "zorblatex"}])
    warnings = " ".join(case.warnings)
    assert "'clozapin' is not in the drug dictionary" in warnings
    assert "did you mean 'clozapine'" in warnings
    assert "'zorblatex' is not in the drug dictionary" in warnings
    assert [m.name for m in case.medications] == ["clozapin", "zorblatex"]  # kept, not dropped
    assert any("clozapin" in w for w in assessor.assess(case).warnings)


# ---- the commands ------------------------------------------------------------------------

def run_kb(capsys, *args: str) -> tuple[int, str]:
    status = main(["kb", *args])
    return status, capsys.readouterr().out


def test_kb_check_passes_on_the_real_knowledge_base(capsys):
    status, out = run_kb(capsys, "check")
    assert status == 0, out


def test_kb_check_exits_1_naming_each_problem(capsys, monkeypatch):
    real = kb_check.check_knowledge_base
    planted_problem = kb_check.Problem("unknown_cause", "error", "planted.py:3 rule_x",
                                       "made_up_cause", "evidence for unknown cause "
                                       "'made_up_cause'")

    def with_a_planted_problem(**kwargs):
        report = real(score_cases=False, **kwargs)
        report.problems.append(planted_problem)
        return report

    monkeypatch.setattr(kb_check, "check_knowledge_base", with_a_planted_problem)
    status, out = run_kb(capsys, "check", "--format", "json")
    assert status == 1
    errors = json.loads(out)["errors"]
    assert {"check": "unknown_cause", "severity": "error", "where": "planted.py:3 rule_x",
            "id": "made_up_cause", "message": planted_problem.message} in errors


def test_kb_causes_json_lists_every_cause_with_its_catalogue_entry(capsys):
    status, out = run_kb(capsys, "causes", "--format", "json")
    catalogue = load_catalogue()
    causes = {c["id"]: c for c in json.loads(out)["causes"]}
    assert status == 0 and set(causes) == set(catalogue.causes)
    for cause_id, entry in causes.items():
        cause = catalogue.causes[cause_id]
        assert (entry["name"], entry["category"], entry["must_not_miss"]) == \
            (cause.name, cause.category, cause.must_not_miss)
        assert entry["sources"] and set(entry["sources"]) <= set(catalogue.sources)


def test_kb_causes_json_covers_the_differential_in_the_knowledge_scope(capsys):
    _, out = run_kb(capsys, "causes", "--format", "json")
    words = " ".join(f"{c['id']} {c['name']} {' '.join(c['synonyms'])}"
                     for c in json.loads(out)["causes"]).lower()
    for term in ("hiv", "sepsis", "typhoid", "tuberculosis", "malaria", "dengue", "rickettsia",
                 "parasit", "pseudoleukopenia", "chemotherapy", "radiation", "clozapine",
                 "antiepileptic", "immunosuppress", "interferon", "antibiotic", "bupropion",
                 "antithyroid", "acute myeloid", "hairy cell", "myelodysplastic", "lymphoma",
                 "myeloma", "myelofibrosis", "large granular", "chronic lymphocytic",
                 "solid-tumour", "paraneoplastic", "aplastic", "benzene", "lupus",
                 "rheumatoid", "felty", "autoimmune neutropenia", "hypersplenism", "b12",
                 "folate", "copper", "malnutrition", "kostmann", "cyclic", "shwachman",
                 "fanconi", "myelokathexis", "hyperthyroidism", "sarcoidosis",
                 "immunodeficiency", "duffy"):
        assert term in words, f"no cause for {term!r}"


def test_kb_questions_json_names_the_rules_that_ask_each_question(capsys):
    _, out = run_kb(capsys, "questions", "--format", "json")
    questions = {q["id"]: q for q in json.loads(out)["questions"]}
    assert set(questions) == set(load_catalogue().questions)
    assert "ask_about_medications" in questions["medications"]["asked_by"]
    assert questions["hiv_risk"]["choices"]


def test_kb_findings_lists_every_key_a_case_file_may_use(capsys):
    _, out = run_kb(capsys, "findings", "--format", "json")
    sections = json.loads(out)["sections"]
    catalogue = load_catalogue()
    keys = {name: {k["key"]: k for k in section["keys"]} for name, section in sections.items()}
    assert set(keys["labs"]) == set(catalogue.labs)
    assert set(keys["smear"]) == set(catalogue.smear)
    assert {q.id for q in catalogue.questions.values() if q.section == "findings"} == \
        set(keys["findings"])
    assert set(keys["patient"]) == {"age_years", "sex", "ancestry"}
    assert "started_weeks_ago" in keys["medications"]
    assert set(keys["expected"]) == {"causes", "pitfalls"}
    assert set(keys["teaching"]) == {"vignette", "points", "difficulty"}
    wbc = keys["labs"]["wbc"]
    assert wbc["unit"] == "cells/µL" and "x10^9/l" in wbc["accepted_units"]
    assert keys["findings"]["temperature_c"]["unit"]
    yes_no = next(k for k in keys["findings"].values() if k["type"] == "yes/no")
    assert yes_no["allowed"] == ["yes", "no", "unknown"]


def test_every_key_kb_findings_documents_is_accepted_by_the_case_loader(capsys):
    """A case written from the documentation alone loads."""
    _, out = run_kb(capsys, "findings", "--format", "json")
    sections = json.loads(out)["sections"]
    findings = {}
    for key in sections["findings"]["keys"]:
        if key["allowed"]:
            findings[key["key"]] = key["allowed"][0]
        elif key["type"] == "number":
            findings[key["key"]] = key["minimum"] if key["minimum"] is not None else 1
    case = make_case(labs={"wbc": "2.1 x10^9/L", "anc": 800}, findings=findings,
                     smear=[k["key"] for k in sections["smear"]["keys"]][:2])
    assert case.labs["wbc"] == 2100


def test_kb_drugs_json_gives_class_cause_and_onset(capsys):
    _, out = run_kb(capsys, "drugs", "--format", "json")
    drugs = {d["generic"]: d for d in json.loads(out)["drugs"]}
    assert drugs["clozapine"]["cause"] == "drug_clozapine"
    assert drugs["methimazole"]["onset"] and "Tapazole" in drugs["methimazole"]["brands"]


def test_table_output_carries_the_disclaimer(capsys):
    _, out = run_kb(capsys, "causes")
    assert "does not diagnose" in out


def test_handbook_renders_every_cause_pitfall_and_question_with_sources(tmp_path, capsys):
    target = tmp_path / "handbook.md"
    status, _ = run_kb(capsys, "handbook", "--output", str(target))
    text = target.read_text("utf-8")
    catalogue = load_catalogue()
    assert status == 0
    for cause in catalogue.causes.values():
        section = text.split(f"(`{cause.id}`)", 1)[1].split("\n#### ", 1)[0]
        for source in cause.sources:
            assert f"[{source}]" in section, (cause.id, source)
    pitfalls = text.split("\n## Pitfalls\n", 1)[1].split("\n## ", 1)[0]
    for pitfall in catalogue.pitfalls.values():
        section = pitfalls.split(f"(`{pitfall.id}`)", 1)[1].split("\n### ", 1)[0]
        assert f"[{pitfall.source}]" in section and "Raised by:" in section
    for question in catalogue.questions.values():
        assert f"| `{question.id}` |" in text
    for source in catalogue.sources.values():
        assert f"**{source.id}**: {source.label}" in text
    for heading in ("## How the scores work", "## Drug dictionary", "## Appraisal notes"):
        assert heading in text
    assert "does not diagnose" in text


def test_handbook_lists_each_rule_with_weight_rationale_and_source(tmp_path, capsys):
    from interview.kb import rationale_in_words

    target = tmp_path / "handbook.md"
    run_kb(capsys, "handbook", "--output", str(target))
    text = target.read_text("utf-8")
    book = kb_check.read_rules()
    for call in list(book.evidence())[:: max(1, len(list(book.evidence())) // 25)]:
        section = text.split(f"(`{call.cause}`)", 1)[1].split("\n#### ", 1)[0]
        assert f"`{call.rule}`" in section
        assert rationale_in_words(call.rationale or "")[:30] in section


def test_no_handbook_output_holds_an_unfilled_placeholder(tmp_path, capsys):
    target = tmp_path / "handbook.md"
    run_kb(capsys, "handbook", "--output", str(target))
    status, shown = run_kb(capsys, "handbook")
    assert status == 0
    for text in (target.read_text("utf-8"), shown):
        unfilled = re.findall(r"\{[^{}\n]*\}", text)
        assert unfilled == [], sorted(set(unfilled))


def test_the_handbook_says_in_words_what_a_rule_fills_in_from_the_case(tmp_path, capsys):
    from interview.kb import rationale_in_words

    target = tmp_path / "handbook.md"
    run_kb(capsys, "handbook", "--output", str(target))
    text = target.read_text("utf-8")
    row = next(line for line in text.splitlines()
               if "`the_dated_counts_place_the_fall_after_the_drug_was_started`" in line
               and "follows the drug" in line)
    assert "The count was normal *N weeks* ago, before *the drug* was started (*M weeks* " \
           "ago)" in row
    assert rationale_in_words("{generic} was stopped {weeks} weeks ago. {generic} again") == \
        "*The drug* was stopped *N* weeks ago. *The drug* again"
    assert rationale_in_words("A {some_new_value} here") == "A *some new value* here"


def test_handbook_to_stdout_without_output(capsys):
    status, out = run_kb(capsys, "handbook")
    assert status == 0 and out.startswith("# leukodx handbook")


def test_output_file_is_replaced_whole(tmp_path, capsys):
    target = tmp_path / "causes.json"
    target.write_text("old contents that must disappear " * 100, "utf-8")
    run_kb(capsys, "causes", "--format", "json", "--output", str(target))
    assert json.loads(target.read_text("utf-8"))["causes"]
    assert not list(Path(tmp_path).glob(".leukodx-*"))


SETTLING = '''
    from experta import Rule, W
    from .base import DECISIVE_FOR, Conclusions
    class Settling(Conclusions):
        @Rule(W())
        def settles_well(self):
            self.evidence("malaria", DECISIVE_FOR, "Parasites on the film.", "seed-000")
            self.settle("malaria", "Parasites on the film are malaria.", "seed-000")

        @Rule(W())
        def settles_badly(self):
            self.settle("made_up_cause", "Not in the catalogue.", "seed-000")
            self.settle("dengue", "Cites a book nobody has.", "no-such-book")
            self.settle("typhoid_fever", "", "seed-000")
            self.settle("malaria", "No source given.")
'''


@pytest.mark.parametrize("check, subject", [
    ("unknown_cause", "made_up_cause"),
    ("unknown_source", "no-such-book"),
    ("missing_reason", "typhoid_fever"),
    ("missing_source", "malaria"),
    ("settled_without_evidence", "dengue"),
])
def test_a_result_that_settles_the_diagnosis_is_checked_like_evidence(check, subject):
    found = problems_of(planted(SETTLING), check)
    assert [p for p in found if p.subject == subject], f"{check} not reported for {subject}"
    assert not [p for p in found if "settles_well" in p.where]


def test_rules_that_derive_facts_run_before_the_rules_that_conclude():
    # A conclusion whose conditions say a derived fact is absent (NOT(Neutrophils(...)))
    # must not be drawn before the fact could exist: every rule that declares a derived fact
    # (the blood count read, fever, a drug's timing, the dated counts) carries the higher
    # salience, and no other rule does.
    import inspect

    from engine.inference import Reasoner
    from rules.base import DERIVES_FACTS

    deriving, concluding = [], []
    for rule in Reasoner().get_rules():
        source = inspect.getsource(rule._wrapped)
        (deriving if "self.declare(" in source else concluding).append(rule)
    assert deriving
    assert all(rule.salience == DERIVES_FACTS for rule in deriving), \
        [r._wrapped.__name__ for r in deriving if r.salience != DERIVES_FACTS]
    assert all(rule.salience == 0 for rule in concluding), \
        [r._wrapped.__name__ for r in concluding if r.salience]
