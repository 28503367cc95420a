"""A batch accounts for every file it is given: a bug in the engine on one case, a worker
that dies, a FIFO or a broken link in the folder each become that file's error row, the
other files are scored, and the run exits 1. Never fewer rows and exit 0."""

from __future__ import annotations

import csv
import faulthandler
import io
import json
import multiprocessing
import os
import signal

import pytest

from engine import batch as batch_module
from engine.assessment import Assessor
from engine.batch import score_batch
from tests.test_batch_cli import run, write_cases

needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="the test's stand-in for a crash reaches the workers "
                                       "by fork")


def _raise_stop_iteration_on(case_id: str, monkeypatch) -> None:
    """The engine raising StopIteration (as a NaN age once made it do) on one case."""
    real = Assessor.assess

    def assess(self, case, *args, **kwargs):
        if case.id == case_id:
            raise StopIteration
        return real(self, case, *args, **kwargs)

    monkeypatch.setattr(Assessor, "assess", assess)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_engine_bug_on_one_case_is_that_case_error_and_the_batch_still_reports_every_file(
        tmp_path, capsys, monkeypatch, jobs):
    write_cases(tmp_path, 150)
    _raise_stop_iteration_on("case-0003", monkeypatch)
    status, out, err = run(["score", str(tmp_path), "--format", "csv", "--jobs", jobs], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 150
    assert status == 1
    [bad] = [row for row in rows if row["status"] == "error"]
    assert "case-0003.yaml" in bad["error"] and "internal error" in bad["error"]
    assert "StopIteration" in bad["error"] and "report" in bad["error"]
    assert "Traceback" not in err


def test_files_that_come_back_without_an_outcome_are_named_and_the_batch_fails(
        tmp_path, capsys, monkeypatch):
    write_cases(tmp_path, 5)
    real = batch_module.outcomes_for_file

    def loses_one_file(path, *args):
        return [] if path.endswith("case-0002.yaml") else real(path, *args)

    monkeypatch.setattr(batch_module, "outcomes_for_file", loses_one_file)
    status, out, err = run(["score", str(tmp_path), "--format", "json", "--jobs", "1"], capsys)
    assert status == 1
    assert "1 of 5 files came back with no outcome" in err and "case-0002.yaml" in err
    cases = json.loads(out)["cases"]
    assert len(cases) == 5 and cases[2]["status"] == "error"


@needs_fork
def test_a_file_that_kills_its_worker_a_fifo_a_broken_link_and_a_killed_worker_are_errors_and_the_rest_is_scored(  # noqa: E501
        tmp_path, capsys, monkeypatch):
    folder = tmp_path / "cases"
    write_cases(folder, 200)
    (folder / "case-0100.yaml").rename(folder / "crash.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    real = batch_module.outcomes_for_file

    def segfaults_on_crash_yaml(path, *args):
        if path.endswith("crash.yaml"):
            faulthandler.disable()  # pytest's would print a dump
            os.kill(os.getpid(), signal.SIGSEGV)  # what a crash in the C parser does
        return real(path, *args)

    monkeypatch.setattr(batch_module, "outcomes_for_file", segfaults_on_crash_yaml)
    killed = []

    def kill_a_worker_once(done, total):
        if not killed:
            victim = multiprocessing.active_children()[0]
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    result = score_batch([str(folder)], jobs=2, progress=kill_a_worker_once)
    assert killed
    assert result.files == 202 and len(result.outcomes) == 202 and not result.missing
    errors = {os.path.basename(o.file): o.error for o in result.outcomes if o.status == "error"}
    assert set(errors) == {"crash.yaml", "fifo.yaml", "gone.yaml"}
    assert "the worker scoring this file died (signal 11)" in errors["crash.yaml"]
    assert "not a regular file" in errors["fifo.yaml"]
    assert "broken symbolic link" in errors["gone.yaml"]
    ids = [o.id for o in result.outcomes if o.status == "ok"]
    assert ids == sorted(ids) and len(ids) == 199
    assert multiprocessing.active_children() == []
    # and the command line says so with status 1
    status, out, err = run(["score", str(folder), "--format", "csv", "--jobs", "2"], capsys)
    assert status == 1 and len(list(csv.DictReader(io.StringIO(out)))) == 202
    assert "Traceback" not in err


@needs_fork
def test_a_report_written_while_scoring_gets_every_outcome_once_in_file_order_when_workers_die(
        tmp_path, monkeypatch):
    folder = tmp_path / "cases"
    write_cases(folder, 200)
    (folder / "case-0100.yaml").rename(folder / "crash.yaml")
    real = batch_module.outcomes_for_file

    def segfaults_on_crash_yaml(path, *args):
        if path.endswith("crash.yaml"):
            faulthandler.disable()  # pytest's would print a dump
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(path, *args)

    monkeypatch.setattr(batch_module, "outcomes_for_file", segfaults_on_crash_yaml)
    killed = []

    def kill_a_worker_once(done, total):
        if not killed:
            victim = multiprocessing.active_children()[0]
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    class Recording(batch_module.OutcomeWriter):
        taken: list = []

        def begin(self, files, jobs):
            return True

        def take(self, outcomes):
            self.taken.extend(outcomes)

    writer = Recording()
    result = score_batch([str(folder)], jobs=2, progress=kill_a_worker_once, writer=writer)
    assert killed and len(result.outcomes) == 200
    assert [(o.file, o.id) for o in writer.taken] == \
        [(o.file, o.id) for o in result.outcomes]
    assert [os.path.basename(o.file) for o in writer.taken if o.status == "error"] == \
        ["crash.yaml"]


def test_a_fifo_given_directly_is_refused_without_waiting_for_a_writer(tmp_path, capsys):
    os.mkfifo(tmp_path / "case.yaml")
    status, out, err = run(["validate", str(tmp_path / "case.yaml")], capsys)
    assert status == 1 and "not a regular file" in err
