"""More rough edges a new user hit in the interview (issue 12): a key a line does not take
says which keys it does; a duration may be given in days, months, years or as a date wherever
one is asked; a resumed interview goes on numbering its screens; and what the user reads is
in clinical words, never a case file's key."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from engine.cases import InvalidAnswer, load_text
from engine.errors import CaseFileError
from engine.session import InterviewSession
from interview.findings_screen import Line, ask_findings, screen_fragments
from rules.words import weeks_in_words

ENTER = "\r"


def screen_left(lines: list[Line], keys: str) -> tuple[str, str]:
    """Run a findings screen on ``keys`` then ? (why, which leaves it as it is): the
    warning it showed and the same warning as drawn at 80 columns."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys + "?")
        pipe.close()
        reply = ask_findings(3, "Examination", lines)
    assert reply.action == "why"
    rows = [line for line in lines]
    where = {"line": reply.index, "touched": reply.touched, "warning": reply.warning}
    drawn = screen_fragments(3, "Examination", rows, reply.states, {}, where, False, True, 80)
    return reply.warning, " ".join("".join(text for _, text in drawn).split())


def screen_done(lines: list[Line], keys: str) -> dict[str, str]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        return ask_findings(3, "Examination", lines).states


SEX = Line("sex", "Patient's sex?", ("female", "male", "other"))
SPLEEN = Line("splenomegaly", "Spleen enlarged on examination?")
HIV = Line("hiv_test", "HIV test?", ("positive", "negative"))


def test_a_letter_on_a_choice_line_says_which_keys_the_line_takes():
    warning, drawn = screen_left([SEX, SPLEEN], "x")
    assert warning.startswith('"x" does nothing here') and "1-3 to choose" in warning
    assert warning in drawn
    # and the line still takes its keys afterwards
    assert screen_done([SEX, SPLEEN], "x" + "2" + "y" + ENTER) == {"sex": "male",
                                                                  "splenomegaly": "yes"}


def test_a_number_beyond_the_choices_says_how_many_there_are():
    warning, _ = screen_left([SEX], "7")
    assert warning.startswith('"7" does nothing here') and "1-3 to choose" in warning


def test_a_key_a_yes_no_line_does_not_take_names_y_and_n():
    warning, _ = screen_left([SPLEEN, HIV], "3")
    assert warning.startswith('"3" does nothing here') and "y yes, n no" in warning
    assert screen_done([SPLEEN, HIV], "3" + "n" + "+" + ENTER) == {"splenomegaly": "no",
                                                                  "hiv_test": "positive"}


def test_y_on_a_test_result_beside_yes_no_lines_names_plus_and_minus():
    warning, _ = screen_left([HIV, SPLEEN], "y")
    assert warning.startswith('"y" does nothing here')
    assert "+ positive, - negative" in warning


def test_a_key_that_does_something_leaves_no_warning():
    warning, _ = screen_left([SEX, SPLEEN], "x2")
    assert warning == ""


def test_a_resumed_interview_goes_on_numbering_its_screens(assessor, tmp_path):
    session = InterviewSession(assessor)
    session.answer("wbc", "2100")
    session.answer_screen([("age_years", "67"), ("sex", "female")])
    session.answer_screen([("anc", "400"), ("hemoglobin", "13"), ("platelets", "210000")])
    following = session.next_screen()
    assert following.number == 4
    path = tmp_path / "saved.yaml"
    session.save(str(path))
    resumed = InterviewSession.resume(str(path), assessor)
    again = resumed.next_screen()
    assert again.number == following.number
    assert [q.id for q in again.questions] == [q.id for q in following.questions]
    # back takes back the last screen as it was answered, all three of its lines
    resumed.undo()
    assert set(resumed.undone) == {"anc", "hemoglobin", "platelets"}
    assert resumed.next_screen().number == 3


def test_a_resumed_interview_counts_the_offer_of_work_up_results_as_the_screen_it_was(
        assessor, tmp_path):
    session = at_the_other_labs(assessor)
    following = session.next_screen()
    path = tmp_path / "saved.yaml"
    session.save(str(path))
    resumed = InterviewSession.resume(str(path), assessor)
    assert resumed.next_screen().number == following.number


def test_a_hand_written_case_resumed_numbers_each_answer_it_gave_as_a_screen(assessor,
                                                                            tmp_path):
    path = tmp_path / "written.yaml"
    path.write_text("id: written\npatient: {age_years: 67}\nlabs: {wbc: 2100, anc: 400}\n",
                    encoding="utf-8")
    resumed = InterviewSession.resume(str(path), assessor)
    assert resumed.next_screen().number == len(resumed.history) + 1


def time_ago_questions():
    from rules.catalogue import load_catalogue
    return sorted(q.id for q in load_catalogue().questions.values()
                  if q.kind == "number" and q.unit in ("weeks", "days"))


def test_every_question_of_a_time_ago_is_in_weeks_or_days():
    # the questions the next test covers: the ones a new user met among them
    assert {"low_count_first_noted_weeks_ago", "travel_weeks_ago",
            "days_since_chemotherapy"} <= set(time_ago_questions())


@pytest.mark.parametrize("question_id", time_ago_questions())
def test_a_time_ago_may_be_typed_in_days_weeks_months_years_or_as_a_date(assessor,
                                                                          question_id):
    session = InterviewSession(assessor)
    unit = session.entry(question_id).unit
    three_months = 13 if unit == "weeks" else 91
    assert session.check(question_id, "3 months") == three_months
    assert session.check(question_id, "2 weeks") == (2 if unit == "weeks" else 14)
    assert session.check(question_id, "10 days") == (1.4 if unit == "weeks" else 10)
    assert session.check(question_id, "4") == 4  # a bare number is still in the unit asked
    ago = date.today() - timedelta(days=70)
    assert session.check(question_id, ago.isoformat()) == (10 if unit == "weeks" else 70)


@pytest.mark.parametrize("typed, said", [("3 fortnights", "or with a unit"),
                                         ((date.today() + timedelta(days=30)).isoformat(),
                                          "in the future")])
def test_a_time_ago_that_is_not_one_is_refused_saying_what_is_accepted(assessor, typed, said):
    session = InterviewSession(assessor)
    with pytest.raises(InvalidAnswer, match=said):
        session.check("low_count_first_noted_weeks_ago", typed)


def test_a_time_ago_beyond_the_range_is_refused_in_the_words_the_user_typed(assessor):
    with pytest.raises(InvalidAnswer) as refused:
        InterviewSession(assessor).check("travel_weeks_ago", "20 years")
    said = str(refused.value)
    assert said.startswith("20 years is longer ago than this question takes (at most 10 years)")
    assert "1043" not in said  # the weeks it came to are a number the user never typed


def test_a_case_file_still_takes_only_a_number_of_weeks():
    # a file is read strictly: "3 months" under a key in weeks is an error, never guessed
    outcome = load_text("id: x\nlabs: {wbc: 2100}\nfindings: {low_count_first_noted_weeks_ago:"
                        " 3 months}\n", "x.yaml")[0]
    assert isinstance(outcome, CaseFileError)


@pytest.mark.parametrize("weeks, said", [(0.7, "5 days"), (1, "1 week"), (1.4, "10 days"), (6, "6 weeks"),
                                         (2.3, "2.5 weeks"), (13, "3 months"),
                                         (26.1, "6 months"), (78.7, "18 months"),
                                         (156.5, "3 years"), (208.7, "4 years")])
def test_a_time_in_weeks_is_said_as_a_clinician_says_it(weeks, said):
    assert weeks_in_words(weeks) == said


def test_a_drug_started_four_years_ago_reads_four_years_in_the_reasons(assess):
    result = assess(patient={"age_years": 50}, labs={"wbc": 2100, "anc": 400},
                    medications=[{"name": "carbamazepine", "started_weeks_ago": 208.7}])
    reasons = [e.rationale for cause in result.ranking for e in cause.evidence]
    assert any("started 4 years ago" in r for r in reasons)
    assert not any("208.7" in r for r in reasons)


def test_a_low_count_first_found_three_months_ago_is_echoed_as_three_months(assessor):
    from interview.session import Interviewer
    interviewer = Interviewer(InterviewSession(assessor), Console(file=io.StringIO()))
    assert interviewer.shown_value("low_count_first_noted_weeks_ago", 13) == "3 months"
    assert interviewer.shown_value("low_count_first_noted_weeks_ago", 208.7) == "4 years"


def test_a_time_ago_typed_in_months_is_echoed_in_the_words_typed(assessor):
    from interview.session import Interviewer
    interviewer = Interviewer(InterviewSession(assessor), Console(file=io.StringIO()))
    assert interviewer.shown_value("low_count_first_noted_weeks_ago", 8.69,
                                   typed=" 2  months") == "2 months"
    assert interviewer.shown_value("low_count_first_noted_weeks_ago", 8.69, typed="8.69") \
        == "8.5 weeks"


def raw_keys(text: str) -> list[str]:
    """The case-file keys and choice values a text names as written in a file."""
    from rules.catalogue import load_catalogue
    catalogue = load_catalogue()
    keys = {*catalogue.questions, *catalogue.labs, "started_weeks_ago", "stopped_weeks_ago",
            "days_since_last_dose", *(c for q in catalogue.questions.values()
                                      for c in q.choices)}
    return [word for word in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text) if word in keys]


def test_no_question_or_its_why_names_a_case_file_key():
    from rules.catalogue import load_catalogue
    named = {(q.id, part): raw_keys(getattr(q, part))
             for q in load_catalogue().questions.values() for part in ("text", "help")}
    assert {where: keys for where, keys in named.items() if keys} == {}


def test_the_regions_of_travel_and_home_are_shown_as_places_are_written():
    line = Line("travel_region", "Where has the patient been?",
                ("sub_saharan_africa", "southeast_asia", "latin_america_caribbean", "other"))
    where = {"line": 0, "touched": False, "warning": ""}
    drawn = screen_fragments(5, "Exposures", [line], {"travel_region": "sub_saharan_africa"},
                             {}, where, False, True, 80)
    text = "".join(part for _, part in drawn)
    words = " ".join(text.split())
    assert "1 sub-Saharan Africa 2 South-East Asia 3 Latin America or the Caribbean" in words
    assert "= ]" in text and "  sub-Saharan Africa\n" in text
    assert "sub saharan" not in text and "_" not in text


def test_an_ancestry_and_a_gene_are_capitalised_as_written():
    from rules.words import in_words
    assert [in_words(v) for v in ("european", "east_asian", "elane", "gram_negative",
                                  "hairy_cells")] == \
        ["European", "East Asian", "ELANE", "gram-negative", "hairy cells"]


def test_a_drug_stopped_before_it_was_started_is_refused_without_case_file_keys(assessor):
    from interview.session import Interviewer
    interviewer = Interviewer(InterviewSession(assessor), Console(file=io.StringIO()))
    entry = {"name": "carbimazole", "started_weeks_ago": 2}
    said = interviewer.check_weeks([], entry, "stopped_weeks_ago", "10")
    assert "stopped before it was started" in said
    assert raw_keys(said) == []


def at_the_other_labs(assessor) -> InterviewSession:
    """A session brought to the first screen of other labs (B12, folate ...), the offer of
    results from later in the work-up answered: other labs held, nothing else."""
    from engine import question_choice
    session = InterviewSession(assessor)
    session.answer("wbc", "2100")
    session.answer_screen([("age_years", "67"), ("sex", "female")])
    session.answer_screen([("anc", "400"), ("hemoglobin", "13"), ("platelets", "210000")])
    while (screen := session.next_screen()).kind != question_choice.WORKUP \
            or screen.area != "labs":
        session.answer_screen([(q.id, "yes" if q.id == "workup_results_labs" else
                                "no" if screen.kind == question_choice.WORKUP else "unknown")
                               for q in screen.questions])
    return session


def run_screen(session: InterviewSession, keys: str, interviewer=None) -> str:
    """The next screen answered on ``keys`` (by ``interviewer``, or a new one); what the
    interview printed."""
    from interview.session import Interviewer
    interviewer = interviewer or Interviewer(session, Console(file=io.StringIO(), width=80))
    printed = interviewer.console.file
    printed.seek(0)
    printed.truncate()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        interviewer.ask_findings_screen(session.next_screen())
    return printed.getvalue()


def test_the_other_labs_screens_say_which_of_how_many_each_is(assessor):
    from interview.session import Interviewer
    session = at_the_other_labs(assessor)
    interviewer = Interviewer(session, Console(file=io.StringIO(), width=80))
    first = run_screen(session, "u" * 12 + ENTER, interviewer)
    assert "Your results: Other labs" in first and "(1 of 2)" in first
    second = run_screen(session, "u" * 12 + ENTER, interviewer)
    assert "(2 of 2)" in second


def test_each_lab_line_names_the_units_it_takes(assessor):
    from interview.session import Interviewer
    session = at_the_other_labs(assessor)
    interviewer = Interviewer(session, Console(file=io.StringIO()))
    lines = {line.id: line.text for line in interviewer.screen_lines(session.next_screen())}
    assert lines["vitamin_b12"] == "Serum vitamin B12 (pg/mL or ng/L, pmol/L)?"
    assert "(ng/mL or µg/L, nmol/L)" in lines["folate"]


def test_a_b12_typed_in_pmol_per_litre_is_echoed_in_pmol_per_litre(assessor):
    session = at_the_other_labs(assessor)
    shown = " ".join(run_screen(session, "350 pmol/L" + ENTER + "u" * 11 + ENTER).split())
    assert "350 pmol/L (= 474 pg/mL)" in shown
    assert session.answers["vitamin_b12"] == 474.25


@pytest.mark.parametrize("value, shown", [(474.25, "474"), (1040.4, "1,040"), (1.07466, "1.07"),
                                          (0.45238, "0.452"), (12.0, "12")])
def test_a_converted_value_is_echoed_to_three_figures_and_kept_whole(value, shown):
    from interview.session import three_figures
    assert three_figures(value) == shown


@pytest.mark.parametrize("typed", ["", "45", "2025-03-14"])
def test_a_value_typed_after_a_long_line_at_80_columns_is_never_cut_in_two(typed):
    line = Line("age_years", "Patient's age in years? (use decimals for infants: 0.25 = 3 "
                "months)", (), typed=True, unit="years")
    where = {"line": 0, "touched": bool(typed), "warning": ""}
    drawn = screen_fragments(2, "The patient", [line], {"age_years": typed}, {}, where,
                             False, True, 80)
    rows = "".join(part for _, part in drawn).split("\n")
    assert all(len(row) <= 79 for row in rows)
    if typed:
        assert any(row.strip() == f"{typed}_" or row.endswith(f"  {typed}_") for row in rows)


def prompt_lines(qmark: str, message: str, instruction: str | None) -> list[str]:
    """The lines a questionary prompt draws for ``fit_prompt``'s message and instruction,
    as questionary lays them out (qmark, a space, the question, a space, the instruction)."""
    return f"{qmark} {message} {instruction or ''}".rstrip().split("\n")


def test_the_first_prompt_is_broken_between_words_at_80_columns(assessor, monkeypatch):
    import interview.session as interview_session
    from interview.session import Interviewer
    seen = []

    def spy(message, qmark="?", instruction=None, **kwargs):
        seen.append((qmark, message, instruction))
        raise EOFError  # the prompt is what is looked at, not an answer

    monkeypatch.setattr(interview_session.questionary, "text", spy)
    session = InterviewSession(assessor)
    interviewer = Interviewer(session, Console(file=io.StringIO(), width=80))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        with pytest.raises(EOFError):
            interviewer.ask(session.next_question())
    qmark, message, instruction = seen[0]
    lines = prompt_lines(qmark, message, instruction)
    assert len(lines) > 1 and all(len(line) <= 79 for line in lines)
    words = " ".join(" ".join(lines).split())
    assert "or a bound such as <500" in words  # "a bo / und" before
    assert all(line.startswith("    ") for line in lines[1:])


@pytest.mark.parametrize("message, instruction", [
    ("White blood cell count?", "(cells/µL or x10^9/L; or low, normal, high, or a bound "
                                "such as <500)"),
    ("Fever, reported or measured (at home, or earlier in this illness), even if no "
     "temperature is at hand?", "(press a key, then Enter)"),
    ("Short?", "(weeks)")])
def test_a_prompt_keeps_every_word_whole_and_leaves_room_for_the_answer(message, instruction):
    from interview.session import fit_prompt
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        fitted = fit_prompt(" 5.", message, instruction)
    lines = prompt_lines(" 5.", *fitted)
    assert all(len(line) <= 79 for line in lines) and len(lines[-1]) <= 79 - 12
    assert " ".join(" ".join(lines).split()) == f"5. {message} {instruction}"


def test_a_choice_question_leaves_room_on_its_last_line_for_the_answer_it_echoes():
    from interview.session import fit_prompt
    message = "Anti-Ro/SSA antibodies: positive or negative (unknown if not tested)?"
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        fitted, _ = fit_prompt("15.", message, None, room=0, answer_room=len("unknown"))
        plain, _ = fit_prompt("15.", message, None, room=0)
    lines = prompt_lines("15.", fitted, None)
    assert len(lines) == 2 and len(lines[-1]) + len(" unknown") <= 79
    assert " ".join(" ".join(lines).split()) == f"15. {message}"  # every word kept, none cut
    assert "\n" not in plain  # without an answer to make room for, one line as before


def test_the_reading_of_the_counts_puts_each_part_on_its_own_line_when_they_do_not_fit(
        assess):
    from interview.render import reading_line
    result = assess(patient={"age_years": 45, "sex": "male"},
                    labs={"wbc": 3200, "anc": 1100})
    wide, narrow = str(reading_line(result, 200)), str(reading_line(result, 79))
    assert "\n" not in wide and "   WBC low for age" in wide
    assert narrow.split("\n")[1].startswith("WBC low for age, normal 4,000-11,000/µL")
    assert all(len(line) <= 79 for line in narrow.split("\n"))


def test_a_screen_echoed_after_it_is_answered_keeps_its_heading_indented(assessor):
    from interview.session import hanging
    shown = str(hanging(" 8. Your results: Other labs (B12, folate, LDH, reticulocytes, "
                        "thyroid, liver, kidney...) (1 of 2)", 4, 80))
    assert shown.split("\n")[1] == "    kidney...) (1 of 2)"


def test_the_score_lines_at_80_columns_never_break_must_not_miss_or_a_band(assess):
    from interview.session import ranking_with_bars
    result = assess(patient={"age_years": 62, "sex": "female"},
                    labs={"wbc": 2400, "anc": 900, "hemoglobin": 9.1, "platelets": 88000,
                          "mcv": 108})
    flagged = [c for c in result.ranking if c.must_not_miss][:3]
    assert flagged
    shown = list({c.cause: c for c in [*result.ranking[:2], *flagged]}.values())
    for width in (80, 100):
        out = Console(file=io.StringIO(), width=width)
        out.print(ranking_with_bars(shown, width))
        lines = out.file.getvalue().splitlines()
        assert all(len(line.rstrip()) <= width for line in lines)
        assert sum("must not miss" in line for line in lines) == \
            sum(c.must_not_miss for c in shown)
        assert not any(line.rstrip().endswith(("must", "must not")) for line in lines)
