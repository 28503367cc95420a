"""What the interview echoes back reads as a clinician would say it: a drug started five days
ago is "5 days", not "0.7 weeks"; a count first found low a week ago is "1 week"."""

from __future__ import annotations

import io

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from engine.session import InterviewSession
from interview.session import Interviewer

ENTER = "\r"


def test_a_drug_started_five_days_ago_is_echoed_in_days_not_as_a_fraction_of_a_week(assessor):
    session = InterviewSession(assessor)
    shown = io.StringIO()
    interviewer = Interviewer(session, Console(file=shown, width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("co-trimoxazole" + ENTER + "5 days" + ENTER + ENTER + ENTER)
        pipe.close()
        interviewer.collect_medications()
    text = " ".join(shown.getvalue().split())
    assert "started 5 days ago" in text
    assert "0.7 weeks" not in text


def test_one_week_is_echoed_in_the_singular(assessor):
    interviewer = Interviewer(InterviewSession(assessor), Console(file=io.StringIO()))
    assert interviewer.shown_value("low_count_first_noted_weeks_ago", 1) == "1 week"
    assert interviewer.shown_value("low_count_first_noted_weeks_ago", 3) == "3 weeks"
