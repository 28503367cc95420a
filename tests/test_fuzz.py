"""Fuzzing the case loader and the scorer with generated documents: random structures, the
real section and key names with values of every type, unicode, raw bytes. Whatever comes in,
the answer is a case that scores or a one-line error naming the file; never a traceback.

The example counts keep the whole module well under a minute on CI's two cores."""

from __future__ import annotations

import json
import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.assessment import shared_assessor
from engine.cases import Case, load_file, load_text
from engine.errors import CaseFileError
from interview.cli import main
from rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()
FUZZ = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

scalars = (st.none() | st.booleans() | st.integers(-10**12, 10**12)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.sampled_from(["yes", "no", "unknown", "YES", "", "2.1 x10^9/L", "3 K/uL",
                              "-5", "1e9", "0x10", "~", "null", "clozapine", "Clozaril"]))
anything = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                        max_leaves=20)


def numbers(low: float, high: float):
    return st.integers(int(low), int(high)) | st.floats(low, high, allow_nan=False)


def lab_value(lab_id: str):
    return numbers(0, 400_000) | numbers(-10, 10) | anything


case_documents = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=20) | st.integers() | anything},
    optional={
        "title": st.text(max_size=40) | anything,
        "patient": st.fixed_dictionaries({}, optional={
            "age_years": numbers(0, 110) | anything,
            "sex": st.sampled_from(["female", "male", "other", "F"]) | anything,
            "ancestry": st.sampled_from(["african", "european", "middle_eastern", "x"])}),
        "labs": st.dictionaries(st.sampled_from(sorted(CATALOGUE.labs)), numbers(0, 400_000)
                                | st.sampled_from(["2.1 x10^9/L", "1.2 K/uL", "125 g/L"])
                                | anything, max_size=8),
        "smear": st.lists(st.sampled_from(sorted(CATALOGUE.smear)) | st.text(max_size=10),
                          max_size=3) | anything,
        "medications": st.lists(
            st.fixed_dictionaries({"name": st.sampled_from(sorted(CATALOGUE.drug_names))
                                   | st.text(max_size=12)},
                                  optional={"started_weeks_ago": numbers(-5, 6000) | anything,
                                            "stopped_weeks_ago": numbers(-5, 6000),
                                            "dose": anything}) | anything, max_size=3),
        "findings": st.dictionaries(
            st.sampled_from(sorted(q.id for q in CATALOGUE.questions.values())),
            st.sampled_from(["yes", "no", "unknown"]) | numbers(-5, 200) | anything,
            max_size=10),
        "expected": st.fixed_dictionaries({}, optional={
            "causes": st.lists(st.sampled_from(sorted(CATALOGUE.causes)) | st.text(max_size=8),
                               max_size=2),
            "pitfalls": st.lists(st.sampled_from(sorted(CATALOGUE.pitfalls)), max_size=2)}),
        "teaching": anything,
        "unexpected_section": anything,
    })


def _check(outcomes, name: str) -> list[Case]:
    assert outcomes
    cases = []
    for outcome in outcomes:
        if isinstance(outcome, CaseFileError):
            assert outcome.message.startswith(name)
            assert "\n" not in outcome.message and len(outcome.message) < 500
            assert "Traceback" not in outcome.message
        else:
            assert isinstance(outcome, Case)
            cases.append(outcome)
    return cases


def _assess_all(cases: list[Case]) -> None:
    assessor = shared_assessor()
    for case in cases:
        result = assessor.assess(case)
        for cause in result.ranking:
            assert isinstance(cause.score, int) and cause.cause in CATALOGUE.causes
        assert all(math.isfinite(v) for v in (result.reading.anc, result.reading.alc)
                   if isinstance(v, float))


@FUZZ
@given(document=case_documents)
def test_any_case_shaped_document_loads_and_scores_or_is_refused_in_one_line(document):
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    _assess_all(_check(load_text(text, "fuzz.yaml"), "fuzz.yaml"))


@FUZZ
@given(document=anything)
def test_any_yaml_structure_is_refused_in_one_line_or_loads(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    _assess_all(_check(load_text(text, "fuzz.yaml"), "fuzz.yaml"))


@FUZZ
@given(cases=st.lists(case_documents, min_size=1, max_size=4))
def test_files_of_several_cases_report_each_bad_case_on_its_own(cases):
    text = yaml.safe_dump({"cases": cases}, allow_unicode=True, sort_keys=False)
    outcomes = load_text(text, "many.yaml")
    _assess_all(_check(outcomes, "many.yaml"))
    assert len(outcomes) == len(cases)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_raw_bytes_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("raw") / "raw.yaml"
    path.write_bytes(data)
    _assess_all(_check(load_file(str(path)), str(path)))


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents=st.lists(case_documents, min_size=1, max_size=5))
def test_score_on_generated_documents_always_prints_valid_json(tmp_path_factory, capsys,
                                                               documents):
    folder = tmp_path_factory.mktemp("batch")
    for index, document in enumerate(documents):
        (folder / f"case-{index}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status = main(["score", str(folder), "--format", "json", "--jobs", "1"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert status in (0, 1)
    assert len(report["cases"]) == len(documents)
    assert status == (1 if report["summary"]["errors"] else 0)
    assert "Traceback" not in captured.err
