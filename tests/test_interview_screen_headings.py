"""What a screen of several lines says and which keys it takes (issue 12, a tmux trial): each
heading says what that screen asks (no "History, examination and results" three times, no
"Your results: Other labs" twice), the sepsis screen has one heading, and no key means two
things on one screen ("n" was both "no" and "negative"). Driven in process through
prompt_toolkit pipe input."""

from __future__ import annotations

from conftest import make_case
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from test_interview import ENTER, Drive

from engine import question_choice
from engine.session import InterviewSession, Screen, answers_from_case
from interview.findings_screen import RESULT, Line, ask_findings
from interview.session import AREA_NAMES, screen_title


def marked(lines: list[Line], keys: str) -> dict[str, str]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        return ask_findings(1, "a screen", lines).states


MIXED = [Line("fever", "Fever?"), Line("hiv_test", "HIV test?", RESULT)]


def test_on_a_screen_with_yes_no_lines_n_answers_no_and_never_marks_a_result_negative():
    # n on the result line is refused with a hint; - then marks it negative
    assert marked(MIXED, "nn" + ENTER) == {"fever": "no", "hiv_test": "unknown"}
    assert marked(MIXED, "nn-" + ENTER) == {"fever": "no", "hiv_test": "negative"}
    assert marked(MIXED, "y+" + ENTER) == {"fever": "yes", "hiv_test": "positive"}
    assert marked(MIXED, "yy" + ENTER) == {"fever": "yes", "hiv_test": "unknown"}


def test_a_screen_of_test_results_alone_still_takes_p_and_n():
    results = [Line("hiv_test", "HIV test?", RESULT), Line("ebv_test", "EBV test?", RESULT)]
    assert marked(results, "pn" + ENTER) == {"hiv_test": "positive", "ebv_test": "negative"}


def screens_of(assessor, case) -> list:
    session = InterviewSession(assessor, case_id=case.id)
    screens = []
    while (screen := session.next_screen()) is not None:
        screens.append(screen)
        session.answer_screen(answers_from_case(session, screen, case))
    return screens


FEBRILE_NADIR = dict(
    patient={"age_years": 61, "sex": "male"},
    labs={"wbc": 700, "anc": 100, "hemoglobin": 9.8, "platelets": 70000},
    medications=[{"name": "docetaxel", "started_weeks_ago": 6}],
    findings={"temperature_c": 38.6, "known_cancer": "yes"})


def test_the_sepsis_screen_has_one_heading_above_its_lines(assessor):
    case = make_case(**FEBRILE_NADIR)
    sepsis = next(s for s in screens_of(assessor, case) if s.kind == question_choice.SEPSIS)
    assert len({q.question.area for q in sepsis.questions}) > 1  # sepsis and vital signs
    drive = Drive(assessor)
    assert not any(line.heading for line in drive.interviewer.screen_lines(sepsis))
    assert screen_title(sepsis).startswith("Signs of sepsis")


def test_a_screen_of_several_areas_is_headed_by_the_areas_it_asks_about(assessor):
    case = make_case(**FEBRILE_NADIR)
    for screen in screens_of(assessor, case):
        areas = list(dict.fromkeys(q.question.area for q in screen.questions))
        if screen.kind in (question_choice.FINDINGS, question_choice.LABS) and len(areas) > 1:
            title = screen_title(screen).lower()
            assert all(AREA_NAMES[area] in title for area in areas), title


def test_the_screens_of_one_group_of_results_are_headed_by_the_results_each_asks(assessor):
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "2100"), ("anc", "300")])
    session.answer_screen([("workup_results_labs", "yes")])
    first = session.next_screen()
    assert first.kind == question_choice.WORKUP and first.area == "labs"
    session.answer_screen([(q.id, "unknown") for q in first.questions])
    second = session.next_screen()
    assert second.kind == question_choice.WORKUP and second.area == "labs"
    assert screen_title(first) != screen_title(second)
    assert screen_title(first).startswith("Your results: Other labs (B12")
    assert "c-reactive protein" in screen_title(second).lower()


def test_a_heading_shown_again_on_a_later_screen_says_it_is_more_of_the_same(assessor):
    case = make_case(**FEBRILE_NADIR)
    screen = next(s for s in screens_of(assessor, case) if s.kind == question_choice.FINDINGS
                  and len({q.question.area for q in s.questions}) == 1 and s.grouped)
    drive = Drive(assessor)
    first = Screen(screen.questions[:1], screen.area, 8, screen.kind)
    later = Screen(screen.questions[1:2], screen.area, 9, screen.kind)
    assert screen_title(first) == screen_title(later)
    for shown in (first, later, first):  # the first again (after "back") keeps its heading
        with create_pipe_input() as pipe, \
                create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text("u" + ENTER)
            pipe.close()
            drive.interviewer.ask_findings_screen(shown)
    title = screen_title(first)
    assert f" 8. {title}\n" in drive.text
    assert f" 9. {title} (more)\n" in drive.text
    assert f" 8. {title} (more)" not in drive.text


def test_where_a_result_settles_the_diagnosis_the_stop_says_which_and_why(assessor):
    from test_interview import _keys

    drive = Drive(assessor)
    answers = {"wbc": "1800", "anc": "300", "age_years": "67", "temperature_c": "37.2",
               "workup_results_marrow": "y", "marrow_blasts_pct": "45"}
    drive(*_keys(drive.session, answers))
    assert drive.session.next_question() is None and drive.session.settled
    text = " ".join(drive.text.split())
    assert "so the interview stops here" in text
    assert "Settled: Acute lymphoblastic leukaemia or Acute myeloid leukaemia. Blasts of 20% " \
        "or more in the marrow are acute leukaemia" in text
