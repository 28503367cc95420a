"""Large batches: a file of many cases comes back in pieces (never as one message of
everything), a worker that dies part-way through a file has the file scored again with each
case reported once, and the rendered reports wait in a spool file, not in memory -- in memory
only when the spool cannot be written, and nothing is lost either way."""

from __future__ import annotations

import errno
import functools
import json
import multiprocessing
import os
import signal

import pytest

from engine import batch as batch_module
from engine.batch import SpooledText, score_batch
from interview import render
from tests.test_batch_cli import GOOD, _without_timing, run, write_cases

needs_fork = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="the test's stand-in for a crash reaches the workers "
                                       "by fork")


def write_many_in_one_file(path, count: int) -> None:
    cases = "".join("- " + GOOD.format(id=f"many-{index:04d}").replace("\n", "\n  ").rstrip()
                    + "\n" for index in range(count))
    path.write_text("cases:\n" + cases, encoding="utf-8")


def test_a_file_of_more_cases_than_a_piece_comes_back_whole_and_in_order_with_two_workers(
        tmp_path, capsys):
    write_cases(tmp_path / "cases", 40)
    write_many_in_one_file(tmp_path / "cases" / "many.yaml", 3 * batch_module.PIECE + 5)
    reports = []
    for jobs in ("1", "2"):
        status, out, _ = run(["score", str(tmp_path / "cases"), "--format", "json",
                              "--jobs", jobs], capsys)
        assert status == 0
        reports.append(_without_timing(json.loads(out)))
    assert reports[0] == reports[1]
    ids = [case["id"] for case in reports[1]["cases"]]
    assert ids[:40] == [f"case-{i:04d}" for i in range(40)]
    assert ids[40:] == [f"many-{i:04d}" for i in range(3 * batch_module.PIECE + 5)]


@needs_fork
def test_a_worker_that_dies_after_sending_part_of_a_file_has_it_scored_again_each_case_once(
        tmp_path, monkeypatch):
    write_cases(tmp_path / "cases", 20)
    count = 2 * batch_module.PIECE + 10
    write_many_in_one_file(tmp_path / "cases" / "many.yaml", count)
    died_once = tmp_path / "died-once"
    real = batch_module.outcomes_for_file

    def dies_in_the_middle_of_many_yaml_once(path, *args):
        for number, outcome in enumerate(real(path, *args)):
            if path.endswith("many.yaml") and number == batch_module.PIECE + 3 \
                    and not died_once.exists():
                died_once.touch()  # the first piece has been sent by now
                os.kill(os.getpid(), signal.SIGKILL)
            yield outcome

    monkeypatch.setattr(batch_module, "outcomes_for_file", dies_in_the_middle_of_many_yaml_once)
    result = score_batch([str(tmp_path / "cases")], jobs=2,
                         prepare=functools.partial(render.case_json, top=None))
    assert died_once.exists()
    assert not result.missing and result.summary.errors == 0
    ids = [o.id for o in result.outcomes]
    assert ids == [f"case-{i:04d}" for i in range(20)] + [f"many-{i:04d}" for i in range(count)]
    assert multiprocessing.active_children() == []


def test_rendered_reports_wait_in_the_spool_file_and_read_back_exactly(tmp_path):
    write_cases(tmp_path, 5)
    prepare = functools.partial(render.case_json, top=None)
    result = score_batch([str(tmp_path)], jobs=1, prepare=prepare)
    assert all(isinstance(o.text, SpooledText) for o in result.outcomes)
    first = json.loads(result.outcomes[0].rendered)
    assert first["id"] == "case-0000" and first["ranking"]
    assert [json.loads(o.rendered)["id"] for o in result.outcomes] == \
        [f"case-{i:04d}" for i in range(5)]


def test_a_spool_that_cannot_be_written_keeps_the_reports_in_memory(tmp_path, monkeypatch):
    write_cases(tmp_path, 5)
    prepare = functools.partial(render.case_json, top=None)
    expected = [o.rendered for o in score_batch([str(tmp_path)], jobs=1,
                                                prepare=prepare).outcomes]

    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(batch_module.os, "write", disk_full)
    result = score_batch([str(tmp_path)], jobs=1, prepare=prepare)
    assert all(type(o.text) is bytes for o in result.outcomes)
    assert [o.rendered for o in result.outcomes] == expected


def test_a_file_of_many_cases_is_validated_one_case_at_a_time(tmp_path, monkeypatch):
    from engine import cases as cases_module

    path = tmp_path / "many.yaml"
    write_many_in_one_file(path, 50)
    built = []
    real = cases_module._build_or_error

    def counted(root, prefix):
        built.append(prefix)
        return real(root, prefix)

    monkeypatch.setattr(cases_module, "_build_or_error", counted)
    loaded = cases_module.iter_file(str(path))
    assert next(loaded).id == "many-0000" and len(built) == 1
    assert [case.id for case in loaded] == [f"many-{i:04d}" for i in range(1, 50)]
