"""Fewer screens for the same answers: the blood count typed in one answer (each lab read and
checked as on its own, echoed back, a refused value asked again with its reason, nothing typed
lost), and findings screens (the open yes/no findings of one clinical area together, each
line ? / yes / no, a line left untouched recorded as not known, never as no). Driven in
process through prompt_toolkit pipe input."""

from __future__ import annotations

import pytest
from test_interview import ENTER, Drive, screen_answers, screen_keys, typed

from engine import question_choice
from engine.count_paste import read_pasted_count
from engine.session import InterviewSession

BACKSPACE = "\x7f"


@pytest.fixture
def drive(assessor):
    return Drive(assessor)


def unknown_until_findings_screen(drive: Drive, opening: dict[str, str]) -> list[str]:
    """Keystrokes that answer ``opening`` (else "unknown") up to the first findings screen
    whose first two lines are yes/no findings, worked out on a copy of the session."""
    probe = InterviewSession(drive.session.assessor)
    keys = []
    while (screen := probe.next_screen()) is not None and not (
            screen.kind == "findings"
            and all(q.question.kind == "yesno" for q in screen.questions[:2])):
        if screen.grouped:  # another screen of several lines: each as ``opening`` says
            probe.answer_screen(screen_answers(screen, opening))
            keys.append(screen_keys(screen, opening))
            continue
        question = screen.first
        value = opening.get(question.id, "u")
        probe.answer(question.id, "unknown" if value == "u" else value)
        keys.append(typed(value) if question.question.kind in ("lab", "number", "yesno",
                                                               "choice") else "u" + ENTER)
    assert screen is not None and screen.grouped, "no findings screen reached"
    return keys


OPENING = {"wbc": "2100", "anc": "300", "age_years": "34", "temperature_c": "37"}


# ---- the blood count in one answer --------------------------------------------------------

def test_a_pasted_count_records_each_lab_as_one_screen_and_shows_what_was_recorded(drive):
    drive(typed("WBC 2.1 x10^9/L, neut 0.3 x10^9/L, Hb 98 g/L, plt 85 x10^9/L, MCV 104 fL"))
    answers = drive.session.answers
    assert (answers["wbc"], answers["anc"], answers["hemoglobin"], answers["platelets"],
            answers["mcv"]) == (2100, 300, 9.8, 85000, 104)
    assert drive.session.screens == [["wbc", "anc", "hemoglobin", "platelets", "mcv"]]
    assert "recorded: WBC 2,100 cells/µL; ANC 300 cells/µL; Hb 9.8 g/dL" in drive.text
    assert drive.asked[0] == "wbc" and "wbc" not in drive.asked[1:]


def test_a_count_printed_by_the_lab_is_read_without_its_ranges_and_flags(assessor):
    printout = ("WBC      2.1  x10^9/L  (4.0-11.0)  L\n"
                "Neutrophils  0.4 x10^9/L  (2.0 - 7.5) L\n"
                "Lymphocytes %  35 %\n"
                "Hb   98 g/L  [130-170]  L\n"
                "Plt  85 x10^9/L *\n")
    pasted = read_pasted_count(printout, assessor.catalogue, "wbc")
    assert [(v.lab_id, v.text) for v in pasted.values] == [
        ("wbc", "2.1  x10^9/L"), ("anc", "0.4 x10^9/L"), ("lymphocytes_pct", "35 %"),
        ("hemoglobin", "98 g/L"), ("platelets", "85 x10^9/L")]
    assert not pasted.unread


def test_a_name_that_could_be_a_count_or_a_percentage_is_never_guessed(assessor):
    pasted = read_pasted_count("neut 45, lymphs 30%, neut 0.45 x10^9/L", assessor.catalogue)
    first, second, third = pasted.values
    assert first.problem and "percentage or a count" in first.problem
    assert (second.lab_id, second.problem) == ("lymphocytes_pct", "")
    assert (third.lab_id, third.problem) == ("anc", "")


def test_a_pasted_value_refused_is_asked_again_on_its_own_with_its_reason(drive):
    # the ANC is checked against the white count typed before it, as it is on its own
    drive(typed("wbc 2100, anc 3000, hb 9.8"), BACKSPACE * 4, typed("300"))
    assert drive.session.answers["anc"] == 300
    assert drive.session.answers["hemoglobin"] == 9.8
    assert "cannot be above the white count" in drive.text
    # the value given again belongs to the pasted screen: back takes it all back
    assert drive.session.screens[0] == ["wbc", "hemoglobin", "anc"]


def test_bare_counts_in_x10_9_per_litre_are_read_so_only_when_the_user_says_so(drive):
    drive(typed("wbc 2.1, plt 85, hb 9.8"), "y", ENTER)
    assert drive.session.answers["wbc"] == 2100
    assert drive.session.answers["platelets"] == 85000

    other = Drive(drive.session.assessor)
    other(typed("wbc 2.1, hb 9.8"), "n", ENTER, BACKSPACE * 3, typed("2100"))
    assert other.session.answers["wbc"] == 2100
    assert "did you mean 2100" in other.text


def test_a_part_that_names_no_lab_is_offered_again_and_never_dropped_unsaid(drive):
    drive(typed("wbc 2100, hb 9.8, sodium 140"), ENTER)
    assert "Not read" in drive.text
    assert "Left out: “sodium 140”" in drive.text
    assert drive.session.answers["wbc"] == 2100


def test_back_takes_a_pasted_count_back_as_a_whole(drive):
    drive(typed("wbc 2100, anc 300, hb 9.8"), "b")
    assert not {"wbc", "anc", "hemoglobin"} & set(drive.session.answers)
    assert drive.session.undone == {"wbc": 2100, "anc": 300, "hemoglobin": 9.8}


# ---- findings screens ---------------------------------------------------------------------

def test_a_finding_left_untouched_is_recorded_as_not_known_never_as_no(drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    screen = drive.session.next_screen()
    drive("y", ENTER)
    first, *rest = [q.id for q in screen.questions]
    assert drive.session.answers[first] == "yes"
    assert rest and all(drive.session.answers[q] == "unknown" for q in rest)
    assert drive.session.screens[-1] == [first, *rest]


def test_no_and_not_known_are_each_a_deliberate_key(drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    screen = drive.session.next_screen()
    ids = [q.id for q in screen.questions]
    drive("n", "u", ENTER)
    assert drive.session.answers[ids[0]] == "no"
    assert drive.session.answers[ids[1]] == "unknown"


def test_enter_alone_on_a_findings_screen_records_nothing_until_pressed_again(drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    screen = drive.session.next_screen()
    ids = [q.id for q in screen.questions]
    drive(ENTER)  # one Enter, say carried over from the last screen: nothing recorded
    assert not set(ids) & set(drive.session.answers)
    drive(ENTER, ENTER)  # twice, on purpose: every line is not known
    assert all(drive.session.answers[q] == "unknown" for q in ids)


def test_why_on_a_findings_screen_explains_the_line_under_the_cursor_and_keeps_the_marks(
        drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    screen = drive.session.next_screen()
    first, second = screen.questions[0], screen.questions[1]
    drive("y", "?", ENTER)
    assert "Why this question" in drive.text
    assert second.question.text in drive.text.split("Why this question")[1]
    assert drive.session.answers[first.id] == "yes"  # the mark survived the why panel
    assert drive.session.answers[second.id] == "unknown"


def test_back_shows_a_findings_screen_again_with_each_answer_it_had(drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    screen = drive.session.next_screen()
    ids = [q.id for q in screen.questions]
    drive("y", "n", ENTER)
    # on whatever comes next (a screen takes b alone; a question asked alone, such as the
    # days since chemotherapy a "yes" may bring at once, b and Enter): the screen is taken back
    coming = drive.session.next_screen()
    drive("b" if coming.grouped else "b" + ENTER)
    assert not set(ids) & set(drive.session.answers)
    again = drive.session.next_screen()
    assert [q.id for q in again.questions][:2] == ids[:2]
    drive(ENTER)  # its answers are shown again, so Enter keeps them
    assert drive.session.answers[ids[0]] == "yes"
    assert drive.session.answers[ids[1]] == "no"


def test_a_saved_findings_screen_resumes_with_each_answer(drive, tmp_path, assessor):
    path = tmp_path / "visit.yaml"
    drive(*unknown_until_findings_screen(drive, OPENING), save_path=str(path))
    screen = drive.session.next_screen()
    ids = [q.id for q in screen.questions]
    drive("y", "n", ENTER, save_path=str(path))
    resumed = InterviewSession.resume(str(path), assessor)
    assert {q: resumed.answers[q] for q in ids} == {q: drive.session.answers[q] for q in ids}
    assert resumed.answers[ids[0]] == "yes" and resumed.answers[ids[1]] == "no"
    assert all(resumed.answers[q] == "unknown" for q in ids[2:])


def test_a_findings_screen_holds_only_questions_the_rules_ask_one_area_unless_it_is_thin(
        drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    screen = drive.session.next_screen()
    open_now = {q.id for q in drive.session.result().questions if q.is_open}
    assert {q.id for q in screen.questions} <= open_now
    first_area = [q for q in screen.questions if q.question.area == screen.area]
    # other areas join only a screen whose own area has fewer than FILL_BELOW lines
    assert len(first_area) == len(screen.questions) or \
        len(first_area) < question_choice.FILL_BELOW
    assert len(screen.questions) <= question_choice.SCREEN_LIMIT


def test_enter_alone_after_why_on_an_untouched_screen_still_records_nothing(drive):
    drive(*unknown_until_findings_screen(drive, OPENING))
    ids = [q.id for q in drive.session.next_screen().questions]
    drive("?", ENTER)  # why, then Enter: nothing was marked, so nothing is recorded yet
    assert not set(ids) & set(drive.session.answers)



def test_going_back_two_screens_keeps_the_later_screens_answers_to_show_again(assessor):
    session = InterviewSession(assessor)
    count = session.next_screen()
    session.answer_screen(screen_answers(count, {"wbc": "2100", "anc": "300"}))
    patient = session.next_screen()
    session.answer_screen(screen_answers(patient, {"age_years": "34", "temperature_c": "37"}))
    session.undo()
    session.undo()
    assert session.taken_back == len(count.questions)
    assert session.undone["age_years"] == 34 and session.undone["wbc"] == 2100
    # the count given again at the interview: the patient screen's answers still wait for it
    drive = Drive(assessor)
    drive.session = drive.interviewer.session = session
    drive(typed("wbc 2100, anc 300"))
    assert session.answers["wbc"] == 2100
    assert "wbc" not in session.undone
    assert session.undone["age_years"] == 34 and session.undone["temperature_c"] == 37
