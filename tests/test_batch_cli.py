"""Batch scoring as a user or a CI job meets it: any number of worker processes gives the same
report, paths may be files, folders or globs, Markdown makes a hand-out, thresholds fail a
CI run, and Ctrl-C keeps what was scored without leaving a half-written file."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

from engine import batch as batch_module
from engine.batch import parse_thresholds, score_batch
from interview.cli import main
from tests.conftest import CASES, ROOT

GOOD = """\
id: {id}
patient: {{age_years: 45, sex: female}}
labs: {{wbc: 2800, anc: 1100, hemoglobin: 13.5, platelets: 210000}}
findings: {{temperature_c: 36.8, recent_viral_illness: "yes"}}
expected: {{causes: [viral_marrow_suppression]}}
"""


def run(argv, capsys):
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _without_timing(report: dict) -> dict:
    report["summary"].pop("timing")
    return report


def write_cases(folder, count: int, broken: set[int] = frozenset()) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text = "id: broken\nlabs: {wbc: 2.1}\n" if index in broken \
            else GOOD.format(id=f"case-{index:04d}")
        (folder / f"case-{index:04d}.yaml").write_text(text, encoding="utf-8")


def test_two_workers_give_the_same_json_as_one_on_the_bundled_cases(capsys):
    _, one, _ = run(["score", str(CASES), "--format", "json", "--jobs", "1"], capsys)
    _, two, _ = run(["score", str(CASES), "--format", "json", "--jobs", "2"], capsys)
    one, two = json.loads(one), json.loads(two)
    assert one["summary"]["timing"]["jobs"] == 1 and two["summary"]["timing"]["jobs"] == 2
    assert one["summary"]["cases"] > 10
    assert _without_timing(one) == _without_timing(two)


def test_output_order_is_the_file_order_whatever_the_number_of_workers(tmp_path):
    write_cases(tmp_path, 40)
    for jobs in (1, 2, 3):
        ids = [o.id for o in score_batch([str(tmp_path)], jobs=jobs).outcomes]
        assert ids == [f"case-{index:04d}" for index in range(40)]


def test_files_folders_and_globs_can_be_mixed(tmp_path, capsys):
    write_cases(tmp_path / "a", 3)
    write_cases(tmp_path / "b", 2)
    single = tmp_path / "b" / "case-0000.yaml"
    status, out, _ = run(["score", str(tmp_path / "a"), str(tmp_path / "b" / "*.yaml"),
                          str(single), "--format", "json"], capsys)
    assert status == 0
    assert json.loads(out)["summary"]["cases"] == 3 + 2 + 1


def test_one_broken_case_among_a_thousand_leaves_999_scored_and_one_error_row(tmp_path,
                                                                              capsys):
    write_cases(tmp_path, 1000, broken={517})
    status, out, _ = run(["score", str(tmp_path), "--format", "json", "--jobs", "2"], capsys)
    report = json.loads(out)
    assert status == 1
    assert (report["summary"]["scored"], report["summary"]["errors"]) == (999, 1)
    errors = [case for case in report["cases"] if case["status"] == "error"]
    assert len(errors) == 1
    assert "case-0517.yaml:2" in errors[0]["error"] and "2100" in errors[0]["error"]
    assert report["cases"][517]["status"] == "error"  # in file order


def test_markdown_report_has_the_summary_the_confusion_and_the_misses(tmp_path, capsys):
    write_cases(tmp_path, 3)
    (tmp_path / "case-0003.yaml").write_text(
        "id: expected-the-wrong-thing\n"
        "labs: {wbc: 2800, anc: 1100}\n"
        "findings: {recent_viral_illness: 'yes'}\n"
        "expected: {causes: [hairy_cell_leukemia]}\n")
    (tmp_path / "case-0004.yaml").write_text("id: bad\nlabs: {wbc: -5}\n")
    status, out, _ = run(["score", str(tmp_path), "--format", "markdown"], capsys)
    assert status == 1
    assert out.startswith("# leukodx case report")
    assert "does not diagnose" in out
    assert "| Cases | 5 |" in out and "| Errors | 1 |" in out
    confusion = out.split("## Expected cause against the cause ranked first")[1]
    assert "| Infection | **3** |" in confusion
    misses = out.split("## Misses")[1].split("##")[0]
    assert "expected-the-wrong-thing" in misses and "case-0000" not in misses
    assert "case-0004.yaml:2" in out


def test_output_file_is_written_whole_in_every_format(tmp_path, capsys):
    write_cases(tmp_path / "cases", 2)
    for form in ("json", "csv", "markdown", "table"):
        target = tmp_path / f"report.{form}"
        status, out, _ = run(["score", str(tmp_path / "cases"), "--format", form,
                              "--output", str(target)], capsys)
        assert status == 0 and out == ""
        assert "case-0001" in target.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".leukodx-*"))


def test_fail_under_passes_a_good_batch_and_fails_a_poor_one(tmp_path, capsys):
    write_cases(tmp_path, 3)
    status, _, err = run(["score", str(tmp_path), "--format", "csv", "--fail-under",
                          "top3=0.9,pitfall_recall=0.95"], capsys)
    assert status == 0 and "fail-under" not in err
    (tmp_path / "case-0003.yaml").write_text(
        "id: missed\nlabs: {wbc: 2800, anc: 1100}\nexpected: {causes: [hairy_cell_leukemia]}\n")
    status, _, err = run(["score", str(tmp_path), "--format", "csv", "--fail-under",
                          "top1=0.9"], capsys)
    assert status == 1
    assert "top1 is 0.750, under the required 0.9" in err


def test_fail_under_that_cannot_be_read_is_a_usage_error(capsys):
    for bad in ("top3", "top9=0.9", "top3=high", "top3=1.5"):
        with pytest.raises(SystemExit) as exit_info:
            main(["score", str(CASES), "--fail-under", bad])
        assert exit_info.value.code == 2
        assert "--fail-under" in capsys.readouterr().err
    assert parse_thresholds("top3=0.9, mrr=0.5") == {"top3": 0.9, "mrr": 0.5}


def test_interrupted_batch_keeps_what_was_scored_and_writes_no_file(tmp_path, capsys,
                                                                    monkeypatch):
    write_cases(tmp_path / "cases", 30)
    real = batch_module.outcomes_for_file
    seen = []

    def interrupt_at_the_eleventh_file(path, *args):
        seen.append(path)
        if len(seen) == 11:
            raise KeyboardInterrupt
        return real(path, *args)

    monkeypatch.setattr(batch_module, "outcomes_for_file", interrupt_at_the_eleventh_file)
    target = tmp_path / "report.json"
    status, out, err = run(["score", str(tmp_path / "cases"), "--format", "json", "--jobs",
                            "1", "--output", str(target)], capsys)
    assert status == 130
    report = json.loads(out)
    assert report["summary"]["interrupted"] is True
    assert [case["id"] for case in report["cases"]] == [f"case-{i:04d}" for i in range(10)]
    assert "interrupted after 10 of 30 files" in err and "not written" in err
    assert not target.exists() and not list(tmp_path.glob(".leukodx-*"))


def test_an_interrupted_large_batch_leaves_the_report_file_as_it_was(tmp_path, capsys,
                                                                    monkeypatch):
    # a report of more than 50 files is written while the batch is scored, beside the
    # old file, and put in its place only when the whole batch is in it
    write_cases(tmp_path / "cases", 80)
    real = batch_module.outcomes_for_file
    seen = []

    def interrupt_at_the_seventieth_file(path, *args):
        seen.append(path)
        if len(seen) == 70:
            raise KeyboardInterrupt
        return real(path, *args)

    monkeypatch.setattr(batch_module, "outcomes_for_file", interrupt_at_the_seventieth_file)
    target = tmp_path / "report.json"
    target.write_text("the report before\n", encoding="utf-8")
    status, out, err = run(["score", str(tmp_path / "cases"), "--format", "json", "--jobs",
                            "1", "--output", str(target)], capsys)
    assert status == 130
    assert [case["id"] for case in json.loads(out)["cases"]] == \
        [f"case-{i:04d}" for i in range(69)]
    assert target.read_text(encoding="utf-8") == "the report before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases", "report.json"]


def test_a_large_report_holds_a_row_for_a_file_that_came_back_without_an_outcome(
        tmp_path, capsys, monkeypatch):
    write_cases(tmp_path / "cases", 60)
    real = batch_module.outcomes_for_file

    def loses_one_file(path, *args):
        return [] if path.endswith("case-0042.yaml") else real(path, *args)

    monkeypatch.setattr(batch_module, "outcomes_for_file", loses_one_file)
    target = tmp_path / "report.json"
    status, _, err = run(["score", str(tmp_path / "cases"), "--format", "json", "--jobs",
                          "1", "--output", str(target)], capsys)
    assert status == 1 and "1 of 60 files came back with no outcome" in err
    cases = json.loads(target.read_text(encoding="utf-8"))["cases"]
    assert len(cases) == 60 and cases[42]["status"] == "error"
    assert [c["id"] for c in cases if c["status"] == "ok"] == \
        [f"case-{i:04d}" for i in range(60) if i != 42]


def test_interrupting_parallel_workers_returns_the_chunks_already_scored(tmp_path):
    write_cases(tmp_path, 120)
    calls = []

    def stop_after_first_report(done, total):
        calls.append(done)
        raise KeyboardInterrupt

    result = score_batch([str(tmp_path)], jobs=2, progress=stop_after_first_report)
    assert result.interrupted
    assert 0 < result.files_done < 120
    ids = [o.id for o in result.outcomes]
    assert len(ids) == result.files_done
    assert ids == sorted(ids)
    # the workers are stopped, not left to score the chunks already handed to them
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_ctrl_c_that_other_code_swallowed_still_stops_the_batch(tmp_path, jobs):
    # the signal lands while code that is not ours runs (a finalizer, a weakref callback)
    # and the KeyboardInterrupt dies there; the batch must stop all the same, not run on
    write_cases(tmp_path, 300)
    swallowed = []

    def progress_swallowing_the_interrupt(done, total):
        if swallowed:
            return
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the handler runs here, at once
        except KeyboardInterrupt:
            swallowed.append(done)

    result = score_batch([str(tmp_path)], jobs=jobs, progress=progress_swallowing_the_interrupt)
    assert swallowed, "the signal was not delivered"
    assert result.interrupted
    assert result.files_done < 300
    assert multiprocessing.active_children() == []


def test_ctrl_c_from_the_terminal_stops_the_real_program_with_status_130(tmp_path):
    # enough cases that scoring takes several seconds even on a fast machine
    write_cases(tmp_path / "cases", 12_000)
    target = tmp_path / "out.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "interview.cli", "score", str(tmp_path / "cases"),
         "--format", "json", "--jobs", "2", "--output", str(target)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    _wait_for_workers(process.pid, 2)
    time.sleep(1.0)  # engines built, scoring under way
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the batch finished before the interrupt arrived")
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted after" in err
    if out.strip():  # the signal may land before the first chunk came back
        assert json.loads(out)["summary"]["interrupted"] is True
    assert not target.exists()
    assert not list(tmp_path.glob(".leukodx-*"))


def _wait_for_workers(pid: int, count: int) -> None:
    """Until the program has started its workers (it may still be importing, on a busy
    machine, seconds after it was started); a fixed sleep on Linux without /proc."""
    children = f"/proc/{pid}/task/{pid}/children"
    if not os.path.exists(children):
        time.sleep(2.5)
        return
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with open(children) as listing:
            if len(listing.read().split()) >= count:
                return
        time.sleep(0.05)


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    write_cases(tmp_path, 5)
    finished = subprocess.run(
        [sys.executable, "-m", "interview.cli", "score", str(tmp_path), "--format", "csv"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert finished.returncode == 0
    assert finished.stderr == ""
