"""`leukodx explain` as a reader meets it at 80 columns: by default the ranking, each leading
cause's findings with rule and source, the next steps and the pitfalls; --trace adds every
question with its answer, in the order the rules asked, and the raw rule firings."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from engine.assessment import Assessor
from engine.cases import load_text
from interview import render
from interview.cli import main

CASE = """\
id: clozapine-fever
title: Fever ten weeks into clozapine
patient: {age_years: 34, sex: male}
labs: {wbc: 2100, anc: 300, hemoglobin: 14.2, platelets: 245000}
medications:
  - {name: Clozaril, started_weeks_ago: 10}
findings: {temperature_c: 38.6, recent_viral_illness: yes, splenomegaly: unknown}
"""


@pytest.fixture(scope="module")
def assessed():
    (case,) = load_text(CASE, name="clozapine-fever.yaml")
    return case, Assessor().assess(case)


def explained(assessed, **options) -> str:
    case, result = assessed
    buffer = io.StringIO()
    out = Console(file=buffer, width=80, color_system=None, highlight=False, soft_wrap=False)
    render.render_explanation(out, result, case.title, 5, case=case, **options)
    return buffer.getvalue()


def test_explain_by_default_shows_the_evidence_with_rule_and_source_not_the_rule_firings(
        assessed):
    case, result = assessed
    text = explained(assessed)
    top = result.ranking[0]
    flat = " ".join(text.split())
    for item in top.evidence:  # every finding behind the leading cause, with rule and source
        assert f"{item.weight:+d} {' '.join(item.rationale.split())}" in flat
        assert f"[{item.rule} · {item.source}]" in flat
    assert "EMERGENCY" in text and "Next steps:" in text
    assert "Rule firings in order" not in text
    assert not any(firing.rule + " " in text and "Matched" in text for firing in result.trace)
    assert "--trace adds" in text
    assert len(text.splitlines()) < len(explained(assessed, trace=True).splitlines()) / 2


def test_explain_trace_adds_the_rule_firings_and_every_question_with_its_answer(assessed):
    case, result = assessed
    text = explained(assessed, trace=True)
    assert "Rule firings in order" in text and "Matched" in text
    flat = " ".join(text.split())
    assert "Clozaril" in flat and "2,100/µL" in flat and "38.6 °C" in flat


def question_rows(text: str) -> list[tuple[str, str]]:
    """(question text, answer) from the questions table, cells joined across lines."""
    rows, current = [], None
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if len(cells) != 3:
            if current and line.startswith("└"):
                rows.append(current)
                break
            continue
        if cells[1] and current:  # a new row begins where the answer column has text
            rows.append(current)
            current = None
        if current is None:
            current = [cells[0], cells[1]]
        else:
            current[0] += " " + cells[0]
    return [(" ".join(q.split()), a) for q, a in rows if q]


def test_questions_the_rules_asked_say_unknown_alike_for_a_silent_and_a_stated_unknown(
        assessed):
    case, result = assessed
    rows = dict(question_rows(explained(assessed, trace=True)))
    spleen = "Is the spleen enlarged (on examination or imaging)?"
    assert rows[spleen] == "unknown"  # the case says unknown
    silent = [q for q in result.questions if q.status == "open"]
    assert silent and all(rows[" ".join(q.text.split())] == "unknown" for q in silent)
    assert set(rows.values()).isdisjoint({"open", "answered"})


def test_questions_the_rules_asked_are_listed_in_the_order_the_rules_asked_them(assessed):
    case, result = assessed
    shown = [question for question, _ in question_rows(explained(assessed, trace=True))]
    first_firing = {}
    for index, firing in enumerate(result.trace):
        first_firing.setdefault(firing.rule, index)
    by_text = {" ".join(q.text.split()): q for q in result.questions}
    asked_at = [min(first_firing[rule] for rule in by_text[text].asked_by) for text in shown]
    assert len(shown) == len(result.questions)
    assert asked_at == sorted(asked_at)


def test_explain_command_takes_trace(tmp_path, capsys):
    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    assert main(["explain", str(path)]) == 0
    default = capsys.readouterr().out
    assert main(["explain", str(path), "--trace"]) == 0
    traced = capsys.readouterr().out
    assert "Rule firings in order" not in default and "Rule firings in order" in traced
    assert re.search(r"Questions the rules asked: \d+ answered by the case, \d+ unknown", default)


def test_the_trace_reads_the_same_in_every_process(tmp_path):
    """A firing's matched facts are listed in the order they were declared, not in the
    order of a set (which follows the facts' hashes, and text hashes are seeded afresh in
    every process): two runs of `explain --trace` on one case print the same trace."""
    import os
    import subprocess
    import sys

    path = tmp_path / "case.yaml"
    path.write_text(CASE, encoding="utf-8")
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-m", "interview.cli", "explain", str(path), "--trace"],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "100"})
        outputs.add(done.stdout)
    assert len(outputs) == 1
