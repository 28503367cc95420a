"""The study screens driven in-process: questionary reads keystrokes from a prompt_toolkit
pipe, rich writes into a buffer, and the progress file lands in a temporary folder."""

from __future__ import annotations

import io

import pytest
import yaml
from conftest import make_case
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from test_study import CIRRHOSIS_SPLEEN, CLOZAPINE_FEVER, INFANT_NORMAL, write_library

from engine import study
from interview.study import StudySession

DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"


@pytest.fixture
def keyboard():
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


@pytest.fixture
def session(tmp_path, assessor):
    folder = write_library(tmp_path / "cases", CLOZAPINE_FEVER, CIRRHOSIS_SPLEEN,
                           INFANT_NORMAL)
    buffer = io.StringIO()
    made = StudySession(Console(file=buffer, width=120, color_system=None),
                        str(tmp_path / "progress.yaml"), library_folder=folder,
                        assessor=assessor)
    made.screen = buffer
    return made


def tick(case: dict, pitfalls: list[str]) -> str:
    """Keystrokes that tick these pitfalls in the case's (fixed) list, then confirm."""
    options = study.pitfall_options(make_case(**case))
    keys, here = "", 0
    for index in sorted(options.index(p) for p in pitfalls):
        keys += DOWN * (index - here) + " "
        here = index
    return keys + ENTER


def play(keyboard, session, keys: list[str], **run):
    for key in keys:
        keyboard.send_text(key)
    keyboard.close()
    return session.run(**run)


def test_one_round_scores_the_answer_shows_feedback_and_saves_progress(keyboard, session):
    status = play(keyboard, session, [
        ENTER,  # the whole case at once
        "clozapine" + ENTER, ENTER,  # one cause, then stop
        tick(CLOZAPINE_FEVER, ["neutropenic_fever"]),
        UP + ENTER,  # what if? the last choice: done
        "n",  # another case? no
    ], case_id="clozapine-fever")
    shown = session.screen.getvalue()
    assert status == 0
    assert "Correct: 8 of 8 points" in shown
    assert "Why the system holds Clozapine" in shown
    assert "Clozapine agranulocytosis is commonest" in shown
    saved = yaml.safe_load(open(session.progress_path))["attempts"]
    assert [(a["case"], a["verdict"], a["answer"]) for a in saved] == \
        [("clozapine-fever", "correct", ["drug_clozapine"])]


def test_answering_after_the_history_alone_is_recorded_and_the_rest_is_shown(keyboard, session):
    play(keyboard, session, [
        DOWN + ENTER,  # step by step
        DOWN + ENTER,  # ready to answer after the history
        "carbamazepine" + ENTER, "malaria" + ENTER, ENTER,
        ENTER,  # tick nothing
        UP + ENTER, "n",
    ], case_id="clozapine-fever")
    shown = session.screen.getvalue()
    assert "The rest of the case" in shown
    assert "Not this time" in shown
    assert "Right category" in shown
    assert "You left out Clozapine" in shown
    [saved] = study.load_progress(session.progress_path).attempts
    assert saved.revealed == "history" and saved.verdict == "wrong"
    assert saved.answer == ("drug_antiepileptic", "malaria")


def test_what_if_removing_the_drug_shows_the_drug_cause_dropped(keyboard, session):
    play(keyboard, session, [
        ENTER, "clozapine" + ENTER, ENTER, ENTER,
        ENTER,  # first suggestion: remove Clozaril
        UP + ENTER, "n",
    ], case_id="clozapine-fever")
    shown = session.screen.getvalue()
    assert "What if: no Clozaril" in shown
    what_if = shown[shown.index("What if: no Clozaril"):]
    assert "Clozapine-induced" in what_if and "dropped" in what_if
    assert "no longer fires" in what_if


def test_a_cause_that_is_not_in_the_catalogue_is_refused_until_a_real_one_is_typed(
        keyboard, session):
    play(keyboard, session, [
        ENTER, "bad luck" + ENTER, "\x15" + "clozapine" + ENTER, ENTER, ENTER,
        UP + ENTER, "n",
    ], case_id="clozapine-fever")
    [saved] = study.load_progress(session.progress_path).attempts
    assert saved.answer == ("drug_clozapine",)


def test_none_is_the_right_answer_when_there_is_no_cause_to_find(keyboard, session):
    play(keyboard, session, [
        ENTER, "none" + ENTER,
        tick(INFANT_NORMAL, ["age_inappropriate_range"]),
        UP + ENTER, "n",
    ], case_id="infant-normal")
    [saved] = study.load_progress(session.progress_path).attempts
    assert saved.verdict == "correct" and saved.answer == ()


def test_review_replays_only_the_cases_answered_wrongly(keyboard, session):
    study.save_progress(study.Progress(attempts=[
        study.Attempt("cirrhosis-spleen", "2025-01-01T00:00:00+00:00", 1, 10, "wrong",
                      "splenic", "moderate"),
        study.Attempt("clozapine-fever", "2025-01-01T00:00:00+00:00", 10, 10, "correct",
                      "medication", "easy")]), session.progress_path)
    session.progress = study.load_progress(session.progress_path)
    play(keyboard, session, [
        ENTER, "hypersplenism" + ENTER, ENTER,
        tick(CIRRHOSIS_SPLEEN, ["other_cytopenias_ignored"]),
        UP + ENTER, "n",
    ], review=True)
    shown = session.screen.getvalue()
    assert "1 case(s) to review" in shown
    attempts = study.load_progress(session.progress_path).attempts
    assert [a.case for a in attempts] == ["cirrhosis-spleen", "clozapine-fever",
                                          "cirrhosis-spleen"]  # the right one not replayed


def test_nothing_to_review_says_so(keyboard, session):
    keyboard.close()
    assert session.run(review=True) == 0
    assert "Nothing to review" in session.screen.getvalue()


def test_the_menu_offers_a_case_not_yet_done_and_quits_cleanly(keyboard, session):
    study.save_progress(study.Progress(attempts=[
        study.Attempt("clozapine-fever", "2025-01-01T00:00:00+00:00", 10, 10, "correct",
                      "medication", "easy")]), session.progress_path)
    session.progress = study.load_progress(session.progress_path)
    status = play(keyboard, session, [UP + ENTER])  # Quit is the last choice
    assert status == 0
    assert study.load_progress(session.progress_path).attempts[-1].case == "clozapine-fever"


def test_a_missing_answer_raises_eof_instead_of_hanging(keyboard, session):
    keyboard.send_text(ENTER)
    keyboard.close()
    with pytest.raises(EOFError):
        session.run(case_id="clozapine-fever")
    assert not study.load_progress(session.progress_path).attempts


def test_choosing_by_category_gives_a_case_of_that_category(keyboard, session):
    categories = session.library.categories()
    splenic = categories.index("splenic")
    play(keyboard, session, [
        DOWN + ENTER,  # choose by category
        DOWN * splenic + ENTER,
        ENTER, "hypersplenism" + ENTER, ENTER, ENTER,
        UP + ENTER, "n",
    ])
    [saved] = study.load_progress(session.progress_path).attempts
    assert saved.case == "cirrhosis-spleen" and saved.category == "splenic"


def test_feedback_shows_the_appraisal_notes_about_the_expected_cause(session, assessor,
                                                                      monkeypatch):
    from interview.study import render_feedback
    from rules.catalogue import Appraisal

    catalogue = study.load_catalogue()
    note = Appraisal(id="test-note", topic="A test disagreement", claim="One source claims X.",
                     sources=("seed-000",), assessment="Established knowledge says Y.",
                     handling="The rules follow Y.", causes=("drug_clozapine",))
    monkeypatch.setitem(catalogue.appraisals, note.id, note)
    study_case = session.library.by_id("clozapine-fever")
    result = assessor.assess(study_case.case)
    score = study.score_answer(["clozapine"], [], ["drug_clozapine"], ["neutropenic_fever"],
                               result)
    render_feedback(session.console, study_case, result, score, catalogue)
    shown = session.screen.getvalue()
    assert "A test disagreement" in shown and "Established knowledge says Y." in shown


def test_what_if_the_fever_settles_takes_away_the_emergency(keyboard, session, assessor):
    case = make_case(**CLOZAPINE_FEVER)
    suggestions = study.suggested_changes(case, assessor.assess(case))[:12]
    catalogue = study.load_catalogue()
    current = {**case.patient, **case.findings}
    questions = sorted((q for q in catalogue.questions.values()
                        if q.section in ("patient", "findings")
                        and q.kind in ("yesno", "number", "choice")),
                       key=lambda q: q.id not in current)
    temperature = [q.id for q in questions].index("temperature_c")
    play(keyboard, session, [
        ENTER, "clozapine" + ENTER, ENTER, ENTER,
        DOWN * len(suggestions) + ENTER,  # another answer...
        DOWN * temperature + ENTER, "36.8" + ENTER,
        UP + ENTER, "n",
    ], case_id="clozapine-fever")
    shown = session.screen.getvalue()
    what_if = shown[shown.index("What if: Highest temperature"):]
    assert "→ 36.8" in what_if
    assert "pitfall no longer raised: Neutropenic fever" in what_if
