"""The study progress file under attack: sessions finishing together, hostile files, and
writes that fail. Nothing a trainee did is lost, and nothing ends in a traceback."""

from __future__ import annotations

import errno
import io
import multiprocessing
import os
from types import SimpleNamespace

import pytest
import yaml
from test_study import attempt

from engine import study

SESSIONS = 6
ROUNDS = 5


def _record_rounds(path: str, session: int, barrier) -> None:
    barrier.wait()  # every session finishes its cases at the same moment
    for round_ in range(ROUNDS):
        study.record_attempt(path, attempt(f"case-{session}-{round_}", "correct"))


def test_attempts_from_sessions_finishing_together_are_all_kept(tmp_path):
    path = str(tmp_path / "progress.yaml")
    context = multiprocessing.get_context("spawn")  # real, separate interpreters
    barrier = context.Barrier(SESSIONS)
    workers = [context.Process(target=_record_rounds, args=(path, n, barrier))
               for n in range(SESSIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * SESSIONS
    recorded = sorted(a.case for a in study.load_progress(path).attempts)
    assert recorded == sorted(f"case-{s}-{r}" for s in range(SESSIONS) for r in range(ROUNDS))


# ---- hostile progress files ----------------------------------------------------------------

def _entry(**changes) -> dict:
    entry = {"case": "a", "date": "2025-01-01T10:00:00+00:00", "points": 5, "maximum": 10,
             "verdict": "partly", "category": "medication", "difficulty": "easy"}
    entry.update(changes)
    return entry


def _progress(*entries) -> str:
    return yaml.safe_dump({"version": 1, "attempts": list(entries)})


ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
HOSTILE = {
    "maximum zero": _progress(_entry(points=0, maximum=0)),
    "nan points": _progress(_entry()).replace("points: 5", "points: .nan"),
    "infinite maximum": _progress(_entry()).replace("maximum: 10", "maximum: .inf"),
    "negative infinite points": _progress(_entry()).replace("points: 5", "points: -.inf"),
    "huge integer points": _progress(_entry()).replace("points: 5", "points: " + "9" * 400),
    "points above the maximum": _progress(_entry(points=11)),
    "negative points": _progress(_entry(points=-3)),
    "points as text": _progress(_entry(points="five")),
    "points as yes": _progress(_entry(points=True)),
    "case as a mapping": _progress(_entry(case={"x": 1})),
    "answer as nested lists": _progress(_entry(answer=[[1, [2]]])),
    "attempt as a list": _progress(["a", "b"]),
    "deep nesting": "attempts: " + "[" * 5000 + "]" * 5000 + "\n",
    "alias bomb": ALIAS_BOMB,
    "a python tag": "attempts: !!python/object/apply:os.system ['true']\n",
    "not a progress file": "id: a-case\nlabs: {wbc: 2300}\n",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_progress_file_is_set_aside_and_new_attempts_still_saved(tmp_path, name):
    path = tmp_path / "progress.yaml"
    path.write_text(HOSTILE[name])
    progress = study.load_progress(path)
    assert progress.problem and str(path) in progress.problem and "\n" not in progress.problem
    assert progress.attempts == [] and progress.kept_aside
    assert open(progress.kept_aside).read() == HOSTILE[name]
    study.record_attempt(path, attempt("after", "correct"))
    assert [a.case for a in study.load_progress(path).attempts] == ["after"]


@pytest.mark.parametrize("name", HOSTILE)
def test_stats_on_a_hostile_progress_file_report_it_in_one_line_without_a_traceback(
        tmp_path, capsys, name):
    from interview import study as screen

    path = tmp_path / "progress.yaml"
    path.write_text(HOSTILE[name])
    status = screen.run(SimpleNamespace(stats=True, progress=str(path), case=None,
                                        review=False))
    shown = " ".join(capsys.readouterr().out.split())
    assert status == 0
    assert "could not be read" in shown and "kept aside" in shown
    assert "No attempts yet" in shown


def test_a_progress_file_cut_short_is_set_aside_rather_than_read_without_its_last_attempts(
        tmp_path):
    # cut between two attempts the file still parses: the second attempt was silently
    # dropped, and the next save then lost it for good
    path = tmp_path / "progress.yaml"
    study.record_attempt(path, attempt("first", "correct"))
    study.record_attempt(path, attempt("second", "wrong"))
    text = path.read_text()
    torn = text[: text.index("- case: second")]
    path.write_text(torn)
    progress = study.load_progress(path)
    assert progress.attempts == [] and "cut short" in progress.problem
    assert open(progress.kept_aside).read() == torn
    path.write_text(text + "# a note added by hand\n")  # complete, edited: still read
    assert [a.case for a in study.load_progress(path).attempts] == ["first", "second"]


def test_a_progress_file_from_before_the_end_line_still_loads(tmp_path):
    path = tmp_path / "progress.yaml"
    path.write_text(_progress(_entry()))
    assert [a.case for a in study.load_progress(path).attempts] == ["a"]


def test_an_empty_progress_file_is_a_fresh_start(tmp_path):
    path = tmp_path / "progress.yaml"
    path.write_text("# nothing yet\n\n")
    progress = study.load_progress(path)
    assert progress.attempts == [] and progress.problem is None and path.exists()


# ---- writes that fail --------------------------------------------------------------------

def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_names_the_attempt_not_saved_and_leaves_the_file_as_it_was(
        tmp_path, monkeypatch):
    path = tmp_path / "progress.yaml"
    study.record_attempt(path, attempt("first", "correct"))
    before = path.read_text()
    monkeypatch.setattr(study, "save_progress", _disk_full)
    with pytest.raises(study.ProgressSaveError) as raised:
        study.record_attempt(path, attempt("second", "wrong"))
    assert "No space left on device" in str(raised.value)
    assert "second" in str(raised.value) and "\n" not in str(raised.value)
    assert [a.case for a in raised.value.attempts] == ["second"]
    assert path.read_text() == before


def test_a_progress_location_that_cannot_be_made_refuses_the_write_in_one_line(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(study.ProgressSaveError) as raised:
        study.record_attempt(blocker / "leukodx" / "progress.yaml", attempt("a", "correct"))
    assert "not saved: attempt a (10/10, correct)" in str(raised.value)


def test_a_read_only_progress_folder_refuses_the_write_in_one_line(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(study.ProgressSaveError) as raised:
            study.record_attempt(folder / "progress.yaml", attempt("a", "correct"))
        assert "Permission denied" in str(raised.value)
    finally:
        folder.chmod(0o755)


def test_unsaved_attempts_are_saved_with_the_next_one_once_the_disk_has_room(tmp_path):
    path = tmp_path / "progress.yaml"
    study.record_attempt(path, attempt("third", "partly"),
                         unsaved=[attempt("first", "correct"), attempt("second", "wrong")])
    assert [a.case for a in study.load_progress(path).attempts] == \
        ["first", "second", "third"]


def _study_session(tmp_path, assessor, progress_path):
    from rich.console import Console
    from test_study import CLOZAPINE_FEVER, write_library

    from interview.study import StudySession

    buffer = io.StringIO()
    session = StudySession(Console(file=buffer, width=200, color_system=None),
                           str(progress_path),
                           library_folder=write_library(tmp_path / "cases", CLOZAPINE_FEVER),
                           assessor=assessor)
    session.screen = buffer
    return session


def test_study_on_a_full_disk_says_what_was_not_saved_and_keeps_the_attempt(
        tmp_path, assessor, monkeypatch):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from test_study_terminal import CLOZAPINE_FEVER, ENTER, UP, tick

    path = tmp_path / "progress.yaml"
    session = _study_session(tmp_path, assessor, path)
    monkeypatch.setattr(study, "save_progress", _disk_full)
    one_round = [ENTER, "clozapine" + ENTER, ENTER, tick(CLOZAPINE_FEVER, ["neutropenic_fever"]),
                 UP + ENTER]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        for key in [*one_round, "n"]:
            pipe.send_text(key)
        pipe.close()
        status = session.run(case_id="clozapine-fever")
    shown = " ".join(session.screen.getvalue().split())
    assert status == 0
    assert "Progress not saved" in shown and "No space left on device" in shown
    assert "Progress saved to" not in shown
    assert "clozapine-fever 8/8 correct" in shown  # the goodbye names what was lost
    assert [a.case for a in session.unsaved] == ["clozapine-fever"]
    assert [a.case for a in session.progress.attempts] == ["clozapine-fever"]
    assert not path.exists()
    monkeypatch.undo()  # room again: the next case saves both
    session.save_attempt(attempt("later", "wrong"))
    assert [a.case for a in study.load_progress(path).attempts] == ["clozapine-fever", "later"]
    assert session.unsaved == []
