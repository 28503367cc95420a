"""Rough edges a new user hit (issue 12), each pinned by a test: drug timing in days,
months, years or a date; Tab completion without raw markup; cause completion by drug name in
study; a unique id for every saved interview; a resume hint that works as written; and
`kb causes` at 80 columns without a word broken."""

from __future__ import annotations

import io
import re
import sys
from datetime import date

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

import interview.session as interview_session
from engine.durations import weeks_ago
from engine.session import InterviewSession
from interview.kb import render_causes
from interview.session import Interviewer, command_line
from interview.study import CauseCompleter, cause_choices, match_cause
from rules.catalogue import load_catalogue

ENTER = "\r"


@pytest.mark.parametrize("typed, weeks", [
    ("6", 6), ("10 days", 1.4), ("6 months", 26.1), ("3 years", 156.5), ("2 wk ago", 2),
    ("2025-11-03", 4), ("1,5", 1.5)])
def test_a_drug_start_may_be_given_in_days_weeks_months_years_or_as_a_date(typed, weeks):
    assert weeks_ago(typed, today=date(2025, 12, 1)) == weeks


@pytest.mark.parametrize("typed", ["soon", "3 fortnights", "2030-01-01", "2025-13-01"])
def test_a_drug_start_that_is_not_a_time_is_refused_saying_what_is_accepted(typed):
    with pytest.raises(ValueError, match="10 days|future|not a date|unit"):
        weeks_ago(typed, today=date(2025, 12, 1))


def drive_medications(assessor, keys: str, capture=None) -> InterviewSession:
    session = InterviewSession(assessor)
    interviewer = Interviewer(session, Console(file=io.StringIO(), width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        entries = interviewer.collect_medications()
    session.answer("medications", entries)
    return session


def test_the_interview_takes_a_drug_started_three_years_ago(assessor):
    session = drive_medications(assessor, "carbamazepine" + ENTER + "3 years" + ENTER + ENTER
                                + ENTER)
    assert session.answers["medications"] == [{"name": "carbamazepine",
                                               "started_weeks_ago": 156.5}]


def test_tab_completion_shows_plain_drug_classes_for_every_drug(assessor, monkeypatch):
    seen = []
    real = interview_session.questionary.autocomplete

    def spy(*args, meta_information=None, **kwargs):
        seen.append(all(isinstance(v, str) for v in meta_information.values()))
        return real(*args, meta_information=meta_information, **kwargs)

    monkeypatch.setattr(interview_session.questionary, "autocomplete", spy)
    drive_medications(assessor, "Clozaril" + ENTER * 3 + "metformin" + ENTER * 3 + ENTER)
    assert seen == [True, True, True]


def test_study_completes_a_cause_from_a_drug_name():
    assert match_cause("zidov", load_catalogue()) is not None


def cause_completions(typed: str) -> list[str]:
    """What study's cause box offers for ``typed``, as the lines shown."""
    catalogue = load_catalogue()
    names = sorted(cause_choices(catalogue), key=str.casefold)
    completions = CauseCompleter(names).get_completions(Document(typed), CompleteEvent())
    return ["".join(text for _, text in c.display) for c in completions]


def test_study_offers_the_cause_alcohol_is_weighed_for_when_alcohol_is_typed():
    # the rules weigh heavy drinking for toxic marrow injury (ballard-1997)
    assert "alcohol" in cause_completions("alcoh")
    assert match_cause("alcoh", load_catalogue()) == "toxic_marrow_injury"


def test_study_says_when_no_cause_matches_what_was_typed():
    assert cause_completions("xyzzy") == ["no cause in the catalogue matches “xyzzy”"]
    assert not any("matches" in line for line in cause_completions("zidov"))


def test_every_new_interview_has_its_own_id_and_a_resumed_one_keeps_it(assessor, tmp_path):
    session = InterviewSession(assessor)
    assert re.fullmatch(r"interview-\d{4}-\d\d-\d\d-\d{6}", session.case_id)
    session.answer("wbc", "2100")
    path = tmp_path / "saved.yaml"
    session.save(str(path))
    assert InterviewSession.resume(str(path), assessor).case_id == session.case_id


def test_the_resume_hint_is_a_command_that_works_for_how_the_program_was_started(
        monkeypatch, tmp_path):
    monkeypatch.delenv("UV_RUN_RECURSION_DEPTH", raising=False)
    monkeypatch.setattr(sys, "argv", ["-m"])
    assert command_line("interview", "--resume", "my file.yaml") == \
        f"{sys.executable} -m interview.cli interview --resume 'my file.yaml'"
    project = tmp_path / "leukodx"
    (project / ".venv" / "bin").mkdir(parents=True)
    script = project / ".venv" / "bin" / "leukodx"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "interview"])
    monkeypatch.setenv("UV_RUN_RECURSION_DEPTH", "1")
    monkeypatch.setenv("VIRTUAL_ENV", str(project / ".venv"))
    monkeypatch.chdir(project)
    assert command_line("interview", "--resume", "a.yaml") == \
        "uv run leukodx interview --resume a.yaml"
    monkeypatch.chdir(tmp_path)
    assert command_line("interview", "--resume", "a.yaml") == \
        f"uv run --project {project} leukodx interview --resume a.yaml"
    monkeypatch.delenv("UV_RUN_RECURSION_DEPTH")
    monkeypatch.setenv("PATH", str(script.parent))
    assert command_line("interview") == "leukodx interview"


def test_kb_causes_at_80_columns_never_breaks_an_id_or_a_word():
    from engine import kb_check
    catalogue = load_catalogue()
    out = Console(file=io.StringIO(), width=80, highlight=False)
    render_causes(out, catalogue, kb_check.read_rules(catalogue=catalogue))
    text = out.file.getvalue()
    cells = [cell.strip() for line in text.splitlines() for cell in line.split("│")]
    for cause in catalogue.causes.values():
        assert cause.id in cells
    # a line may break after a hyphen, as in print, never inside a word
    words = {w for line in cells for w in re.split(r"[\s-]+", line)}
    assert "Not shown at this width" in text  # and it says what was left out
    for cause in catalogue.causes.values():
        for word in re.split(r"[\s-]+", cause.name):
            assert word in words, f"{word!r} was broken"


def test_a_misspelt_drug_in_the_interview_offers_the_drug_it_resembles(assessor):
    # "methotrexat": the interview offers methotrexate (g), keeping the name (k) or typing it
    # again (t); the offer itself once crashed the interview (j/k were arrow keys)
    session = drive_medications(assessor, "methotrexat" + ENTER + "g" + ENTER + "52" + ENTER
                                + ENTER + ENTER)
    assert session.answers["medications"] == [{"name": "methotrexate",
                                               "started_weeks_ago": 52}]


def test_a_misspelt_drug_may_be_kept_as_typed(assessor):
    session = drive_medications(assessor, "methotrexat" + ENTER + "k" + ENTER + ENTER + ENTER
                                + ENTER)
    assert [m["name"] for m in session.answers["medications"]] == ["methotrexat"]


def test_typing_a_misspelt_drug_again_records_only_the_drug_typed_the_second_time(assessor):
    # "t" (type it again) once returned its own title, so a drug named "type it again" was
    # recorded and the corrected name landed in the start-date field
    session = drive_medications(assessor, "carbimazol 20 mg daily" + ENTER + "t" + ENTER
                                + "carbimazole" + ENTER + "6" + ENTER + ENTER + ENTER)
    assert session.answers["medications"] == [{"name": "carbimazole", "started_weeks_ago": 6}]


def test_an_internal_error_in_the_interview_keeps_the_answers_and_shows_no_traceback(
        assessor, tmp_path, monkeypatch):
    session = InterviewSession(assessor)
    session.answer("wbc", "2100")
    saved = tmp_path / "visit.yaml"
    out = io.StringIO()
    interviewer = Interviewer(session, Console(file=out, width=100), save_path=str(saved))
    interviewer.saved_answers = 0  # saving into the file as the interview goes

    def broken(*_):
        raise ValueError("a prompt that cannot be drawn")

    monkeypatch.setattr(interviewer, "question_loop", broken)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.close()
        status = interviewer.run()
    assert status == 70
    shown = out.getvalue()
    assert "internal error (ValueError: a prompt that cannot be drawn)" in shown
    assert "Traceback" not in shown
    assert "wbc: 2100" in saved.read_text(encoding="utf-8")


def test_on_an_ascii_screen_the_film_findings_are_picked_by_number(assessor, monkeypatch):
    # questionary's tick boxes are all drawn as "?" on an ASCII terminal
    monkeypatch.setattr(interview_session, "plain_screen", lambda: True)
    session = InterviewSession(assessor)
    interviewer = Interviewer(session, Console(file=io.StringIO(), width=100))
    options = [(f, n) for f, n in session.catalogue.smear.items() if f != "normal"]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("99" + ENTER + "\x15" + "1 3" + ENTER)  # 99 refused, line cleared
        pipe.close()
        picked = interviewer.film_findings_by_number(options)
    assert picked == [options[0][0], options[2][0]]


def test_on_an_ascii_screen_the_pointer_is_plain(monkeypatch):
    monkeypatch.setattr(interview_session, "plain_screen", lambda: True)
    assert interview_session._pointer() == {"pointer": ">"}
    monkeypatch.setattr(interview_session, "plain_screen", lambda: False)
    assert interview_session._pointer() == {}


def test_on_an_ascii_screen_prompts_spell_out_units(monkeypatch):
    monkeypatch.setattr(interview_session, "plain_screen", lambda: True)
    assert interview_session.on_screen("Highest temperature (°C)? (cells/µL)") == \
        "Highest temperature (deg C)? (cells/uL)"
    monkeypatch.setattr(interview_session, "plain_screen", lambda: False)
    assert interview_session.on_screen("(°C)") == "(°C)"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:  # a terminal, as far as prompt_toolkit can tell
        return True


def _cursor_position_requested() -> bool:
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output
    return Vt100_Output(_Terminal(), lambda: Size(rows=24, columns=80),
                        term="xterm").responds_to_cpr


@pytest.mark.parametrize("command", ["interview", "study"])
def test_the_interview_and_study_ask_no_cursor_position_so_a_slow_terminal_gets_no_warning(
        command, monkeypatch):
    from interview import cli
    monkeypatch.delenv(cli.NO_CPR, raising=False)
    assert _cursor_position_requested()  # prompt_toolkit's default: it asks, then warns
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: the command stops
    cli.main([command])
    assert not _cursor_position_requested()


def test_a_user_who_wants_cursor_position_requests_keeps_them(monkeypatch):
    from interview import cli
    monkeypatch.setenv(cli.NO_CPR, "0")
    cli.no_cursor_position_requests()
    assert _cursor_position_requested()


def test_the_drug_form_asks_an_anticancer_drugs_last_dose_in_days(assessor):
    # docetaxel: started 6 weeks ago, still given, the last dose 9 days ago; the question of
    # the day of the cycle is then answered by the drug form
    session = drive_medications(assessor, "docetaxel" + ENTER + "6" + ENTER + ENTER + "9"
                                + ENTER + ENTER)
    assert session.answers["medications"] == [{"name": "docetaxel", "started_weeks_ago": 6,
                                               "days_since_last_dose": 9}]
    session.answer_screen([("wbc", "700"), ("anc", "100")])
    assert "days_since_chemotherapy" not in {q.id for q in session.result().questions
                                             if q.status == "open"}


def test_the_drug_form_refuses_a_last_dose_before_the_drug_was_started(assessor):
    # 3 weeks ago is before a start 2 weeks ago: refused, then 5 days accepted
    session = drive_medications(assessor, "docetaxel" + ENTER + "2" + ENTER + ENTER
                                + "3 weeks" + ENTER + "\x15" + "5 days" + ENTER + ENTER)
    assert session.answers["medications"][0]["days_since_last_dose"] == 5


def test_a_drug_that_is_not_anticancer_is_not_asked_its_last_dose(assessor):
    session = drive_medications(assessor, "carbimazole" + ENTER + "6" + ENTER + ENTER
                                + ENTER)
    assert session.answers["medications"] == [{"name": "carbimazole", "started_weeks_ago": 6}]


@pytest.mark.parametrize("typed, days", [("9", 9), ("2 weeks", 14), ("2025-11-21", 10)])
def test_a_last_dose_may_be_given_in_days_weeks_or_as_a_date(typed, days):
    from engine.durations import days_ago
    assert days_ago(typed, today=date(2025, 12, 1)) == days
