"""A file too large to read whole (over 2 MB) that holds its cases under a cases: list is
read one case at a time, each case composed, checked and validated on its own exactly as in
a whole file: the same cases, warnings and errors with the same lines and keys. One case too
large, too deep or too aliased is refused with its line and the others still load; a YAML
error or a stray key after the list is reported after the cases before it."""

from __future__ import annotations

import json
import random

import pytest

from engine import cases
from engine.cases import Case, iter_file
from engine.errors import CaseFileError
from interview.cli import main
from tests.case_mutations import bundled_cases, mutate


def described(outcome):
    if isinstance(outcome, CaseFileError):
        return ("error", outcome.message,
                tuple((e.line, e.key, e.problem, e.hint) for e in outcome.every_error))
    assert isinstance(outcome, Case)
    return ("case", outcome, tuple((str(w), w.line, w.key) for w in outcome.warnings))


def as_list_item(text: str) -> str:
    return "\n".join(("  - " if n == 0 else "    ") + line
                     for n, line in enumerate(text.splitlines())) + "\n"


@pytest.fixture
def small_limit(monkeypatch):
    """Files over 1,000 bytes count as large (a real one is over 2 MB)."""
    monkeypatch.setattr(cases, "MAX_FILE_BYTES", 1000)


def whole_and_streamed(path, monkeypatch) -> tuple[list, list]:
    monkeypatch.setattr(cases, "MAX_FILE_BYTES", 100_000_000)
    whole = [described(o) for o in iter_file(str(path))]
    monkeypatch.setattr(cases, "MAX_FILE_BYTES", 1000)
    return whole, [described(o) for o in iter_file(str(path))]


@pytest.mark.parametrize("seed", range(2))
def test_a_large_file_of_mutated_cases_is_read_case_by_case_as_a_whole_file_is(
        seed, tmp_path, monkeypatch):
    rng = random.Random(seed)
    bundled = bundled_cases()
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n" + "".join(as_list_item(mutate(rng.choice(bundled), rng).text)
                                         for _ in range(120)), encoding="utf-8")
    whole, streamed = whole_and_streamed(path, monkeypatch)
    assert len(whole) == 120 and streamed == whole


def test_a_large_file_is_scored_with_every_case_given_an_outcome(tmp_path, small_limit,
                                                                  capsys):
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n" + "".join(
        f"  - {{id: c{n}, labs: {{wbc: {2000 + n}, anc: {300 + n}}}}}\n" for n in range(300))
        + "  - {id: bad, labs: {wbc: 0700}}\n", encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        main(["score", str(path), "--format", "json", "--jobs", jobs])
        reports.append(json.loads(capsys.readouterr().out))
    assert reports[0]["cases"] == reports[1]["cases"]
    assert reports[0]["summary"]["cases"] == 301 and reports[0]["summary"]["errors"] == 1
    (error,) = [c["error"] for c in reports[0]["cases"] if c["status"] == "error"]
    assert error.startswith(f"{path}:302: cases[301].labs.wbc:")


def test_one_enormous_case_is_refused_with_its_line_and_the_cases_around_it_load(
        tmp_path, small_limit, monkeypatch):
    monkeypatch.setattr(cases, "MAX_CASE_CHARACTERS", 5000)
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n  - {id: a, labs: {wbc: 3000}}\n"
                    "  - id: huge\n    labs: {wbc: 3000}\n    teaching:\n      vignette: "
                    + "word " * 3000 + "\n  - {id: c, labs: {wbc: 3000}}\n", encoding="utf-8")
    first, huge, last = iter_file(str(path))
    assert isinstance(first, Case) and isinstance(last, Case) and last.id == "c"
    assert isinstance(huge, CaseFileError)
    assert (huge.line, huge.key) == (3, "cases[2]") and "larger than" in huge.problem


@pytest.mark.parametrize("body, problem", [
    ("labs: " + "[" * 60 + "]" * 60, "nested more than 40 levels"),
    ("labs: {wbc: 3000}\n    smear:\n    " + "- " * 5000 + "x", "nested more than 40 levels"),
    ("labs: &a {wbc: 3000}\n    findings: [" + ", ".join(["*a"] * 60) + "]",
     "more than 50 YAML aliases"),
])
def test_a_case_nested_or_aliased_beyond_any_case_is_refused_alone(body, problem, tmp_path,
                                                                   small_limit):
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n  - {id: a, labs: {wbc: 3000}}\n  - id: b\n    " + body
                    + "\n  - {id: c, labs: {wbc: 3000}}\n" + "# padding\n" * 100,
                    encoding="utf-8")
    first, bad, last = iter_file(str(path))
    assert isinstance(first, Case) and isinstance(last, Case)
    assert bad.key == "cases[2]" and bad.line == 3 and problem in bad.problem


def test_a_yaml_error_is_reported_with_its_line_after_the_cases_before_it(tmp_path,
                                                                          small_limit):
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n" + "".join(f"  - {{id: c{n}, labs: {{wbc: 3000}}}}\n"
                                         for n in range(50))
                    + "  - id: broken\n    labs: {wbc: [}\n", encoding="utf-8")
    outcomes = list(iter_file(str(path)))
    assert len(outcomes) == 51 and all(isinstance(o, Case) for o in outcomes[:50])
    assert outcomes[-1].line == 53 and "invalid YAML" in outcomes[-1].problem
    assert "cases before it were read" in outcomes[-1].problem


@pytest.mark.parametrize("text, line, problem", [
    ("id: a\nlabs: {wbc: 3000}\n", 1, "expected cases: as the first key"),
    ("- {id: a}\n", 1, "expected a top-level cases: list"),
    ("title: many\ncases:\n  - {id: a, labs: {wbc: 3000}}\n", 1, "expected cases: as"),
    ("cases: {id: a}\n", 1, "expected a list of cases"),
])
def test_a_large_file_in_another_form_is_refused_with_what_to_write(text, line, problem,
                                                                    tmp_path, small_limit):
    path = tmp_path / "many.yaml"
    path.write_text(text + "# padding\n" * 200, encoding="utf-8")
    (error,) = iter_file(str(path))
    assert isinstance(error, CaseFileError) and error.line == line and problem in error.problem
    assert "cases: list" in (error.hint or "") or "list of cases" in error.problem


def test_a_key_after_the_cases_list_is_reported_and_the_cases_still_load(tmp_path,
                                                                         small_limit):
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n" + "".join(f"  - {{id: c{n}, labs: {{wbc: 3000}}}}\n"
                                         for n in range(40))
                    + "title: stray\n", encoding="utf-8")
    *loaded, stray = iter_file(str(path))
    assert len(loaded) == 40 and all(isinstance(o, Case) for o in loaded)
    assert stray.line == 42 and "unexpected top-level key 'title'" in stray.problem


def test_bytes_that_are_not_utf8_stop_a_large_file_at_their_line(tmp_path, small_limit):
    path = tmp_path / "many.yaml"
    path.write_bytes(b"cases:\n" + b"".join(b"  - {id: c%d, labs: {wbc: 3000}}\n" % n
                                            for n in range(40)) + b"  - {id: \xff}\n")
    *loaded, error = iter_file(str(path))
    assert len(loaded) == 40 and error.line == 42 and "not UTF-8" in error.problem


def test_a_file_over_the_large_file_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(cases, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(cases, "MAX_STREAM_BYTES", 5000)
    path = tmp_path / "many.yaml"
    path.write_text("cases:\n" + "  - {id: a, labs: {wbc: 3000}}\n" * 300, encoding="utf-8")
    (error,) = iter_file(str(path))
    assert "too large" in error.problem and "split it" in error.hint


def test_the_help_states_the_size_limits_the_loader_applies():
    from interview.cli import _SIZE_LIMITS

    assert f"at most {cases.MAX_FILE_BYTES // 1_000_000} MB" in _SIZE_LIMITS
    assert f"up to {cases.MAX_STREAM_BYTES // 1_000_000} MB" in _SIZE_LIMITS
    assert f"each case at most {cases.MAX_CASE_CHARACTERS // 1_000_000} MB" in _SIZE_LIMITS
