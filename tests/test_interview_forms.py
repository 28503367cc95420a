"""Screens with lines of several kinds (issue 12): a choice of several and a test result are
lines of their area's findings screen; the second-line labs are typed on one screen, each
checked as it is when asked alone; the patient's facts share a screen; with fever and a low
neutrophil count the sepsis signs come on one screen, first; a thin area's screen takes the
next areas' lines. Every line stays tri-state, ? and b work on each kind of line, and each
line is saved as its own finding. Driven in process through prompt_toolkit pipe input."""

from __future__ import annotations

import pytest
from conftest import CASES
from test_interview import ENTER, PATIENT_SCREEN, Drive, count_form, patient, screen_keys, typed

from engine import question_choice
from engine.cases import InvalidAnswer, load_case
from engine.session import InterviewSession, answers_from_case

CTRL_U = "\x15"
BACKSPACE = "\x7f"


@pytest.fixture
def drive(assessor):
    return Drive(assessor)


def drive_from(assessor, session: InterviewSession) -> Drive:
    """A terminal interview that carries on from ``session``."""
    drive = Drive(assessor)
    drive.session = drive.interviewer.session = session
    return drive


def interviewed_until(assessor, case_file: str, wanted) -> tuple[InterviewSession, object]:
    """A session answered from a bundled case, screen by screen as a clinician holding it
    would, up to the first screen ``wanted`` accepts (left unanswered); offered the results
    from later in the work-up, this clinician leaves the offer at ? (not "no": a group
    declined is never asked again), so the results are asked as the rules come to them, on
    the findings and labs screens these tests are about."""
    case = load_case(str(CASES / case_file))
    session = InterviewSession(assessor, case_id=case.id)
    while (screen := session.next_screen()) is not None and not wanted(screen):
        if screen.kind == question_choice.WORKUP:
            session.answer_screen([(q.id, "unknown") for q in screen.questions])
            continue
        session.answer_screen(answers_from_case(session, screen, case))
    assert screen is not None, f"no such screen in {case_file}"
    return session, screen


def kinds(screen) -> set[str]:
    found = set()
    for question in screen.questions:
        entry = question.question
        if entry.kind == "choice":
            found.add("result" if question_choice.is_result(entry) else "choice")
        else:
            found.add(entry.kind)
    return found


def fresh_febrile_neutropenia(drive: Drive) -> list[str]:
    """Keys for a white count of 2100, a 34-year-old of unstated sex, an ANC of 300 and a
    temperature of 38.6: the emergency banner, then on with the interview."""
    return [typed("2100"), patient("34", "38.6"), count_form("300"), "c", ENTER]


# ---- choices and test results on findings screens ----------------------------------------

def test_a_choice_of_several_and_a_test_result_are_lines_of_their_areas_findings_screen(
        assessor):
    # a toddler with neutropenia: one findings screen asks the congenital-neutropenia gene
    # result (a choice of several), the anti-neutrophil antibodies (positive or negative) and
    # the yes/no signs of an inherited syndrome together (the kidney-transplant case used
    # here once no longer asks an HIV test beside the HIV risk once the risk is answered)
    session, screen = interviewed_until(
        assessor, "autoimmune/autoimmune-neutropenia-toddler.yaml",
        lambda s: s.kind == "findings" and {"choice", "result"} <= kinds(s))
    choice = next(q for q in screen.questions if q.question.kind == "choice"
                  and not question_choice.is_result(q.question))
    result = next(q for q in screen.questions if question_choice.is_result(q.question))
    drive = drive_from(assessor, session)
    marks = {choice.id: "2", result.id: "-"}  # the second choice (a digit keys 1-9)
    drive(screen_keys(screen, marks))
    assert drive.session.answers[choice.id] == choice.question.choices[1]
    assert drive.session.answers[result.id] == "negative"
    others = [q.id for q in screen.questions if q.id not in marks]
    assert all(drive.session.answers[q] == "unknown" for q in others)  # never "no"
    assert drive.session.screens[-1] == [q.id for q in screen.questions]


def test_space_cycles_a_choice_line_through_its_choices_and_back_to_not_known(assessor):
    session, screen = interviewed_until(
        assessor, "infection/cmv-after-kidney-transplant.yaml",
        lambda s: s.kind == "findings" and "choice" in kinds(s))
    index = next(i for i, q in enumerate(screen.questions)
                 if q.question.kind == "choice" and not question_choice.is_result(q.question))
    line = screen.questions[index]
    options = line.question.choices
    drive = drive_from(assessor, session)
    down = "\x1b[B" * index
    # round the cycle once (not known, each choice, not known), then to the second choice
    drive(down, " " * (len(options) + 1), "  ", ENTER)
    assert drive.session.answers[line.id] == options[1]


# ---- second-line labs on one screen --------------------------------------------------------

def test_second_line_labs_are_typed_on_one_screen_each_checked_as_when_asked_alone(assessor):
    # pernicious anaemia: B12, folate and the reticulocytes come together on one screen
    session, screen = interviewed_until(
        assessor, "nutrition/b12-deficiency-pernicious-anaemia.yaml",
        lambda s: s.kind == "labs" and "vitamin_b12" in [q.id for q in s.questions])
    ids = [q.id for q in screen.questions]
    assert len(ids) > 1 and all(q.question.kind == "lab" for q in screen.questions)
    expected = session.check("vitamin_b12", "110 pmol/L")  # the unit the prompt names
    with pytest.raises(InvalidAnswer):
        session.check("vitamin_b12", "12 apples")
    drive = drive_from(assessor, session)
    keys = []
    for question_id in ids:
        if question_id == "vitamin_b12":  # refused on the line, then typed again
            keys.append("12 apples" + ENTER + CTRL_U + "110 pmol/L")
        keys.append(ENTER)
    drive("".join(keys))
    assert drive.session.answers["vitamin_b12"] == expected
    assert all(drive.session.answers[q] == "unknown" for q in ids if q != "vitamin_b12")
    assert drive.session.screens[-1] == ids
    assert "Not recorded" not in drive.text  # nothing had to be asked again on its own


def test_a_lab_left_blank_on_the_form_is_not_known_and_why_keeps_what_was_typed(assessor):
    session, screen = interviewed_until(
        assessor, "nutrition/b12-deficiency-pernicious-anaemia.yaml",
        lambda s: s.kind == "labs")
    first = screen.questions[0]
    drive = drive_from(assessor, session)
    # half a value, "why?" about the line, then the rest of the value: nothing lost
    drive("1", "?", "2", ENTER * len(screen.questions))
    assert "Why this question" in drive.text
    assert first.question.text in drive.text.split("Why this question")[1]
    assert drive.session.answers[first.id] == session.check(first.id, "12")
    assert all(drive.session.answers[q.id] == "unknown" for q in screen.questions[1:])


# ---- the patient -----------------------------------------------------------------------

def test_the_patients_age_and_sex_share_one_screen(drive):
    drive(typed("2100"), patient("34", sex="2"))
    assert drive.session.answers["age_years"] == 34
    assert drive.session.answers["sex"] == "male"
    assert drive.session.screens[1] == PATIENT_SCREEN
    assert drive.asked[1:5] == PATIENT_SCREEN


def test_an_impossible_age_is_refused_on_its_line_with_the_reason_it_has_alone(drive):
    drive(typed("2100"), typed("300"), CTRL_U, typed("34"), ENTER)
    assert drive.session.answers["age_years"] == 34  # 300 was never recorded
    assert drive.session.answers["sex"] == "unknown"


def test_u_on_an_empty_typed_line_means_not_known_and_moves_on_as_on_a_marked_line(drive):
    # the age is not known: "u" on its empty line goes to the sex line (it is not typed into
    # the age), and 2 there picks male
    drive(typed("2100"), "u", "2", "uu", ENTER)
    assert drive.session.answers["age_years"] == "unknown"
    assert drive.session.answers["sex"] == "male"
    assert drive.session.screens[1] == PATIENT_SCREEN


def test_u_inside_a_value_is_part_of_the_value(drive):
    # once the line holds a value, u is typed into it like any letter (a unit such as umol/L):
    # typed after 34 and rubbed out, the age is 34
    drive(typed("2100"), "34", "u", BACKSPACE, ENTER, ENTER)
    assert drive.session.answers["age_years"] == 34


def test_b_on_an_empty_typed_line_takes_back_the_screen_before(drive):
    drive(typed("2100"), "b", typed("1900"))
    assert drive.session.answers["wbc"] == 1900
    assert drive.asked[:6] == ["wbc", *PATIENT_SCREEN, "wbc"]


def test_a_patient_screen_saved_and_resumed_keeps_each_line(drive, tmp_path, assessor):
    path = tmp_path / "visit.yaml"
    drive(typed("2100"), patient("34", sex="1"), save_path=str(path))
    resumed = InterviewSession.resume(str(path), assessor)
    assert (resumed.answers["age_years"], resumed.answers["sex"]) == (34, "female")


# ---- the rest of the blood count on one form ------------------------------------------------

def test_after_the_white_count_the_anc_lymphocytes_hb_and_platelets_come_on_one_form(drive):
    # a white count typed alone (no pasted count): the rest of the count on one form, in
    # the order a laboratory prints it, the lymphocytes as a percentage and as a count on
    # lines of the same screen
    drive(typed("2100"), patient("34"))
    screen = drive.session.next_screen()
    assert screen.kind == "count"
    assert [q.id for q in screen.questions] == ["anc", "neutrophils_pct", "bands_pct", "alc",
                                                "lymphocytes_pct", "hemoglobin", "platelets"]
    drive(screen_keys(screen, {"anc": "300", "lymphocytes_pct": "45", "hemoglobin": "9.8",
                               "platelets": "85 x10^9/L"}))
    answers = drive.session.answers
    assert (answers["anc"], answers["lymphocytes_pct"], answers["hemoglobin"],
            answers["platelets"]) == (300, 45, 9.8, 85000)
    assert answers["alc"] == answers["neutrophils_pct"] == "unknown"
    assert drive.session.screens[-1] == [q.id for q in screen.questions]  # one screen
    assert "temperature_c" in drive.session.answers  # asked on the patient's screen


def test_an_anc_above_the_white_count_is_refused_on_the_count_form_and_can_be_corrected(drive):
    drive(typed("2100"), patient("34"))
    screen = drive.session.next_screen()
    # 3000 is refused as Enter leaves its line (above the white count), so the cursor stays
    # on it: cleared and retyped, the rest of the form follows as usual
    drive(typed("3000"), CTRL_U, screen_keys(screen, {"anc": "300"}))
    assert drive.session.answers["anc"] == 300
    assert drive.session.answers["neutrophils_pct"] == "unknown"


def test_a_count_pasted_at_the_first_question_leaves_no_count_form(drive):
    drive(typed("wbc 2.1, anc 0.3, lymph 45 %, hb 9.8, plt 85 x10^9/L"), patient("34"))
    assert drive.session.next_screen().kind != "count"


# ---- the sepsis signs ----------------------------------------------------------------------

def test_with_fever_and_a_low_anc_the_sepsis_signs_come_on_one_screen_first(drive):
    # the signs of sepsis as a whole and, for when they are not known so, the vital signs
    # that show them, on one screen
    drive(*fresh_febrile_neutropenia(drive))
    screen = drive.session.next_screen()
    assert screen.kind == "sepsis" and screen.first.chosen_for == "sepsis"
    ids = [q.id for q in screen.questions]
    assert ids[0] == "sepsis_signs"
    assert set(ids[1:]) == {"heart_rate", "systolic_bp", "respiratory_rate", "spo2",
                            "confusion"}
    values = {"systolic_bp": "85", "respiratory_rate": "26", "heart_rate": "124",
              "spo2": "91", "confusion": "n"}
    drive(screen_keys(screen, values))
    recorded = {q: drive.session.answers[q] for q in ids}
    assert recorded == {"sepsis_signs": "unknown", "systolic_bp": 85, "respiratory_rate": 26,
                        "heart_rate": 124, "spo2": 91, "confusion": "no"}
    assert drive.session.screens[-1] == ids
    assert "Signs of sepsis" in drive.text  # the emergency they make, shown at once


def test_a_sepsis_sign_left_blank_is_recorded_as_not_known(drive):
    drive(*fresh_febrile_neutropenia(drive))
    screen = drive.session.next_screen()
    drive(screen_keys(screen, {"heart_rate": "110"}))
    assert drive.session.answers["heart_rate"] == 110
    assert all(drive.session.answers[q.id] == "unknown" for q in screen.questions
               if q.id != "heart_rate")


# ---- thin screens filled from the next areas ------------------------------------------------

@pytest.mark.parametrize("case_file", ["nutrition/b12-deficiency-pernicious-anaemia.yaml",
                                       "infection/cmv-after-kidney-transplant.yaml"])
def test_other_areas_join_only_a_thin_screen_each_area_in_one_block(assessor, case_file):
    case = load_case(str(CASES / case_file))
    session = InterviewSession(assessor, case_id=case.id)
    joined = 0
    while (screen := session.next_screen()) is not None:
        areas = [q.question.area for q in screen.questions]
        assert len(areas) <= (question_choice.WORKUP_LINES
                              if screen.kind == question_choice.WORKUP
                              else question_choice.SCREEN_LIMIT)
        if len(set(areas)) > 1 and screen.kind in ("findings", "labs"):
            joined += 1
            own = [q for q in screen.questions if q.question.area == screen.area
                   and question_choice.screen_kind(q.question) == screen.kind]
            assert len(own) < question_choice.FILL_BELOW
            # each area's lines together, so each can have its heading
            assert all(areas.index(a) == i or areas[i - 1] == a
                       for i, a in enumerate(areas))
        session.answer_screen(answers_from_case(session, screen, case))
    assert joined


def test_a_screen_of_several_areas_names_each_area_above_its_lines(assessor):
    from interview.session import AREA_NAMES, screen_title

    session, screen = interviewed_until(
        assessor, "infection/cmv-after-kidney-transplant.yaml",
        lambda s: len({q.question.area for q in s.questions}) > 1 and s.kind == "findings")
    drive = drive_from(assessor, session)
    lines = drive.interviewer.screen_lines(screen)
    areas = list(dict.fromkeys(q.question.area for q in screen.questions))
    assert screen_title(screen).lower() == "; ".join(AREA_NAMES[a] for a in areas).lower()
    headed = [line for line in lines if line.heading]
    assert len(headed) == len({q.question.area for q in screen.questions})
    assert lines[0].heading
