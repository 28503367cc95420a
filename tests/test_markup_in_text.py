"""Square brackets in teaching text, typed answers, file names and catalogue text are shown as
written on every screen: rich would read them as markup ("[/bold]" raised MarkupError,
"[reference range 1.5-8.0]" vanished)."""

from __future__ import annotations

import dataclasses
import io

from conftest import make_case
from rich.console import Console

from engine import study
from engine.batch import CaseOutcome, Summary
from interview import render
from interview import study as screen
from rules.catalogue import load_catalogue

CLOSING_TAG = "[/bold]"
RANGE = "[reference range 1.5-8.0]"
BRACKETED = {
    "id": "markup-case",
    "title": f"Title {CLOSING_TAG} {RANGE}",
    "patient": {"age_years": 34, "sex": "male"},
    "labs": {"wbc": 2100, "anc": 300},
    "medications": [{"name": "Clozaril", "started_weeks_ago": 10},
                    {"name": f"drug{RANGE}", "started_weeks_ago": 3}],
    "findings": {"temperature_c": 38.6},
    "expected": {"causes": ["drug_clozapine"], "pitfalls": ["neutropenic_fever"]},
    "teaching": {"vignette": f"A vignette {CLOSING_TAG} with {RANGE} inside.",
                 "points": [f"A point {RANGE} and {CLOSING_TAG}."], "difficulty": "easy"},
}


def console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=400, color_system=None), buffer


def flat(buffer: io.StringIO) -> str:
    return " ".join(buffer.getvalue().split())


def test_study_shows_a_vignette_and_teaching_points_with_brackets_as_written(assessor):
    case = make_case(**BRACKETED)
    study_case = study.StudyCase(case, "medication", "easy")
    result = assessor.assess(case)
    score = study.score_answer(["clozapine"], [], ["drug_clozapine"], ["neutropenic_fever"],
                               result)
    out, buffer = console()
    screen.render_stage(out, case, "history", load_catalogue())
    screen.render_feedback(out, study_case, result, score, load_catalogue())
    shown = flat(buffer)
    assert f"A vignette {CLOSING_TAG} with {RANGE} inside." in shown
    assert f"A point {RANGE} and {CLOSING_TAG}." in shown
    assert f"drug{RANGE}" in shown


def test_what_if_names_a_typed_drug_with_brackets_as_written(assessor):
    case = make_case(**BRACKETED)
    change = study.Change("add_medication", f"new{CLOSING_TAG}drug", 2)
    out, buffer = console()
    screen.render_what_if(out, study.what_if(assessor, case, change), load_catalogue())
    assert f"What if: with new{CLOSING_TAG}drug" in flat(buffer)


def test_stats_show_case_ids_and_categories_with_brackets_as_written():
    progress = study.Progress(attempts=[study.Attempt(
        case="[/]", date="2025-01-01T10:00:00+00:00", points=5, maximum=10,
        verdict="partly", category=f"odd{RANGE}", difficulty="easy")], path=f"p{RANGE}.yaml")
    out, buffer = console()
    screen.render_stats(out, progress)
    shown = flat(buffer)
    assert "│ [/] │" in shown
    assert f"odd{RANGE}" in shown and f"p{RANGE}.yaml" in shown


def test_the_score_table_shows_case_text_with_brackets_as_written(assessor):
    case = make_case(**BRACKETED)
    result = assessor.assess(case)
    outcome = CaseOutcome(id=case.id, file="x.yaml", status="ok", case=case, result=result)
    out, buffer = console()
    render.render_table(out, [outcome], Summary(cases=1, scored=1, errors=0))
    shown = flat(buffer)
    assert f"Title {CLOSING_TAG} {RANGE}" in shown
    assert f"drug{RANGE}" in shown


def test_explain_shows_catalogue_names_and_sources_with_brackets_as_written(assessor):
    result = assessor.assess(make_case(**BRACKETED))
    first = dataclasses.replace(result.ranking[0], name=f"A cause {RANGE}")
    result = dataclasses.replace(result, ranking=(first, *result.ranking[1:]))
    out, buffer = console()
    render.render_explanation(out, result, "title", top=1)
    assert f"1. A cause {RANGE} {first.score:+d} ({first.band};" in flat(buffer)


def test_the_interview_shows_a_file_name_with_brackets_as_written(assessor, tmp_path):
    from engine.session import InterviewSession
    from interview.session import Interviewer

    path = tmp_path / f"visit {RANGE}.yaml"
    path.write_text("id: visit\nlabs: {wbc: 2100, anc: 300}\n")
    out, buffer = console()
    session = InterviewSession.resume(str(path), assessor)
    Interviewer(session, out, resumed=str(path)).introduce()
    assert f"Resuming {path}" in flat(buffer)


def test_the_interview_report_shows_a_cause_name_with_brackets_as_written(assessor):
    from interview.session import ranking_with_bars

    result = assessor.assess(make_case(**BRACKETED))
    first = dataclasses.replace(result.ranking[0], name=f"A cause {RANGE}",
                                band=f"band {CLOSING_TAG}")
    out, buffer = console()
    out.print(ranking_with_bars([first]))
    shown = flat(buffer)
    assert f"A cause {RANGE}" in shown and f"band {CLOSING_TAG}" in shown
