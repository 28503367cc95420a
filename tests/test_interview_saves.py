"""Saving an interview: a write that fails loses no answer (another path is offered and the
interview goes on), and a save file cut short is refused instead of read with changed values."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from test_interview import ENTER, PATIENT_SCREEN, Drive, count_form, patient, typed

from engine import session as session_module
from engine.cases import load_case
from engine.errors import CaseFileError
from engine.session import InterviewSession

END_LINE = "# end of leukodx interview save"  # what a complete save ends with

# ---- a write that fails ------------------------------------------------------------------


@pytest.fixture
def drive(assessor):
    return Drive(assessor)


@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """Every save into tmp_path/full fails as a full disk does; other places work."""
    full = tmp_path / "full"
    full.mkdir()
    replace = os.replace

    def replace_unless_full(source, target, *args, **kwargs):
        if os.path.dirname(os.path.abspath(target)) == str(full):
            raise OSError(errno.ENOSPC, "No space left on device")
        return replace(source, target, *args, **kwargs)

    monkeypatch.setattr(session_module.os, "replace", replace_unless_full)
    return full


def test_a_full_disk_during_the_interview_offers_another_path_and_keeps_every_answer(
        drive, full_disk, tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    drive(typed("2100"), typed(str(elsewhere)), patient("34"), count_form("300"),
          save_path=str(full_disk / "interview.yaml"))
    screen = " ".join(drive.text.split())
    assert "Not saved: cannot save to" in screen and "No space left on device" in screen
    assert "Traceback" not in screen
    assert drive.asked[:6] == ["wbc", *PATIENT_SCREEN, "anc"]  # the interview went on
    assert drive.interviewer.save_path == str(elsewhere)
    saved = load_case(str(elsewhere))
    assert (saved.labs["wbc"], saved.patient["age_years"], saved.labs["anc"]) == (2100, 34, 300)
    assert not os.listdir(full_disk)  # no temporary file left behind


def test_declining_another_path_keeps_the_answers_and_asks_again_on_leaving(
        drive, full_disk):
    drive(typed("2100"), typed(""), typed("34") + ENTER,
          save_path=str(full_disk / "interview.yaml"))
    screen = " ".join(drive.text.split())
    assert "Not saved" in screen and "kept in this session" in screen
    assert drive.session.answers["wbc"] == 2100 and drive.session.answers["age_years"] == 34
    assert drive.interviewer.save_path is None  # so leaving offers to save


def test_a_save_as_that_fails_asks_for_another_path_until_one_works(drive, full_disk,
                                                                      tmp_path):
    drive(typed("2100"))
    elsewhere = tmp_path / "second-try.yaml"
    interviewer = drive.interviewer
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(typed(str(full_disk / "first.yaml")) + typed(str(elsewhere)))
        pipe.close()
        interviewer.save_as()
    assert "Not saved" in drive.text
    assert load_case(str(elsewhere)).labs["wbc"] == 2100
    assert interviewer.save_path == str(elsewhere)


def test_saving_onto_a_special_file_is_refused_and_the_file_left_alone(assessor, tmp_path):
    # a FIFO stands in for a device such as /dev/full: replacing it would destroy it (as
    # root, the old save replaced /dev/null with a regular file)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    session = InterviewSession(assessor)
    session.answer("wbc", "2100")
    with pytest.raises(session_module.SessionError, match="not a regular file"):
        session.save(str(fifo))
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


# ---- a save file cut short ---------------------------------------------------------------

def _saved(assessor, tmp_path) -> tuple[str, str]:
    session = InterviewSession(assessor)
    for question_id, raw in (("wbc", "2100"), ("age_years", "34"), ("anc", "300"),
                             ("temperature_c", "37")):
        session.answer(question_id, raw)
    path = tmp_path / "saved.yaml"
    session.save(str(path))
    return str(path), path.read_text()


def test_a_save_file_cut_short_is_refused_rather_than_read_with_a_changed_value(
        assessor, tmp_path):
    path, text = _saved(assessor, tmp_path)
    cut = text[: text.index("anc: 300") + len("anc: 30")]
    with open(path, "w") as torn:
        torn.write(cut)
    with pytest.raises(CaseFileError, match="cut short") as raised:
        load_case(path)
    assert "\n" not in raised.value.message
    with pytest.raises(CaseFileError, match="cut short"):
        InterviewSession.resume(path, assessor)


def test_no_prefix_of_a_save_file_loads_except_the_whole_file(assessor, tmp_path):
    path, text = _saved(assessor, tmp_path)
    complete = text.rstrip("\n")
    # a cut at each line's end, and one character either side of it (where "300" becomes
    # "30", or a key loses its value)
    ends = [index for index, char in enumerate(text) if char == "\n"]
    for length in sorted({n + step for n in ends for step in (-1, 0, 1)} - {len(text)}):
        with open(path, "w") as torn:
            torn.write(text[:length])
        if text[:length].rstrip("\n") == complete:
            continue
        with pytest.raises(CaseFileError):
            load_case(path)


def test_a_saved_interview_edited_by_hand_still_loads(assessor, tmp_path):
    path, text = _saved(assessor, tmp_path)
    assert text.rstrip("\n").endswith(END_LINE)
    edited = text.replace("anc: 300", "anc: 400") + "# checked by Dr A\n"
    with open(path, "w") as changed:
        changed.write(edited)
    assert load_case(path).labs["anc"] == 400


def test_a_saved_interview_from_before_the_end_line_still_loads(assessor, tmp_path):
    path, text = _saved(assessor, tmp_path)
    older = "".join(line for line in text.splitlines(keepends=True)
                    if line.startswith("# A leukodx interview") or not line.startswith("#"))
    with open(path, "w") as old:
        old.write(older)
    assert InterviewSession.is_saved_session(path)
    assert load_case(path).labs["anc"] == 300


def test_a_very_low_igg_typed_with_its_unit_is_kept_saved_and_read_back_on_resume(tmp_path):
    # an infant with SCID: IgG 22 mg/dL. Bare, 22 would be read as g/L and refused, so the
    # interview keeps the unit the clinician typed instead of refusing their answer
    session = InterviewSession()
    session.answer("wbc", "3100")
    session.answer("igg", "22 mg/dL")
    assert session.case().labs["igg"] == 22
    path = tmp_path / "visit.yaml"
    session.save(str(path))
    assert load_case(str(path)).labs["igg"] == 22
    resumed = InterviewSession.resume(str(path))
    assert resumed.case().labs["igg"] == 22
    assert session.check("igg", "750") == 750  # an ordinary value stays a plain number
