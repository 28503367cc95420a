"""Reports, saves and progress files are written whole or not at all, like any careful
Unix tool's: a file that cannot be written (full disk, /dev/full, closed standard output)
is a one-line error and exit 1, an existing file keeps its mode and a link stays a link, a
killed write leaves no temporary file, a screen that cannot show µ or ° still gets a
report, and a reader that stops early (`| head`) is no error."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys

import pytest

from interview.cli import write_atomically
from tests.conftest import CASES, ROOT
from tests.test_batch_cli import run

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
LEUKODX = [sys.executable, "-m", "interview.cli"]
A_CASE = str(next(CASES.rglob("*.yaml")))


def shell(command: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True,
                          timeout=300, env={**ENV, **env})


def test_output_onto_a_full_device_is_a_one_line_error_and_the_device_is_left_alone(
        capsys):
    status, out, err = run(["score", A_CASE, "--output", "/dev/full"], capsys)
    assert status == 1
    assert err.strip() == "leukodx: cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_output_into_a_missing_or_read_only_folder_is_a_one_line_error(tmp_path, capsys):
    status, _, err = run(["score", A_CASE, "--output", str(tmp_path / "no" / "r.csv")],
                         capsys)
    assert status == 1 and err.count("\n") == 1 and "cannot write" in err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        status, _, err = run(["score", A_CASE, "--output", str(locked / "r.csv")], capsys)
        assert status == 1 and "Permission denied" in err


def test_an_existing_output_file_keeps_its_mode_and_a_new_one_gets_the_umask(tmp_path,
                                                                           capsys):
    existing = tmp_path / "shared.csv"
    existing.write_text("old\n")
    existing.chmod(0o664)
    assert run(["score", A_CASE, "--format", "csv", "--output", str(existing)], capsys)[0] == 0
    assert stat.S_IMODE(existing.stat().st_mode) == 0o664
    previous = os.umask(0o022)
    try:
        assert run(["score", A_CASE, "--output", str(tmp_path / "new.txt")], capsys)[0] == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_through_a_symbolic_link_writes_its_target_and_the_link_stays(tmp_path,
                                                                            capsys):
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest.csv"
    target.write_text("old\n")
    link = tmp_path / "report.csv"
    link.symlink_to(target)
    assert run(["score", A_CASE, "--format", "csv", "--output", str(link)], capsys)[0] == 0
    assert link.is_symlink() and target.read_text().startswith("id,")


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path):
    script = f"""
import os, signal
from interview.cli import write_atomically
def pieces():
    yield "first half\\n"
    os.kill(os.getpid(), signal.SIGTERM)
    yield "second half\\n"
write_atomically({str(tmp_path / "report.txt")!r}, pieces())
"""
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=ENV,
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode in (128 + signal.SIGTERM, -signal.SIGTERM)
    assert os.listdir(tmp_path) == []


def test_a_write_failure_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    report = tmp_path / "report.txt"
    report.write_text("the old report\n")

    def pieces():
        yield "new"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="cannot write .*No space left on device"):
        write_atomically(str(report), pieces())
    assert report.read_text() == "the old report\n"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_closed_or_full_standard_output_is_a_one_line_error_with_status_1(tmp_path):
    for redirect in (">&-", "> /dev/full"):
        finished = shell(f"{sys.executable} -m interview.cli score cases/ --format json "
                         f"{redirect}")
        err = finished.stderr.decode()
        assert finished.returncode == 1, (redirect, err)
        assert err.count("\n") == 1 and "cannot write standard output" in err, redirect


@pytest.mark.parametrize("command", ["score cases/ cases/ --format table",
                                     "score cases/ cases/ cases/ --format json",
                                     "kb handbook"])
def test_a_reader_that_stops_early_is_not_an_error(command):
    finished = shell(f"{sys.executable} -m interview.cli {command} | head -1 > /dev/null; "
                     "exit ${PIPESTATUS[0]}")
    assert finished.returncode == 0 and finished.stderr == b"", finished.stderr.decode()


def test_json_stays_exact_and_valid_ascii_when_the_screen_cannot_show_unicode():
    utf8 = shell(f"{sys.executable} -m interview.cli score cases/ --format json --jobs 1")
    ascii_ = shell(f"{sys.executable} -m interview.cli score cases/ --format json --jobs 1",
                   PYTHONIOENCODING="ascii")
    assert ascii_.returncode == 0, ascii_.stderr.decode()
    text = ascii_.stdout.decode("ascii")
    for report in (json.loads(text), json.loads(utf8.stdout)):
        report["summary"].pop("timing")
    assert json.loads(text)["cases"] == json.loads(utf8.stdout)["cases"]


def test_a_large_json_report_is_the_same_on_the_screen_as_in_a_file(tmp_path):
    # the cases rendered in the workers are written as the UTF-8 they came back in, to a
    # file and through a UTF-8 screen's buffer alike, between pieces written as text
    report = tmp_path / "report.json"
    to_file = shell(f"{sys.executable} -m interview.cli score cases/ --format json "
                    f"--jobs 2 --output {report}")
    to_screen = shell(f"{sys.executable} -m interview.cli score cases/ --format json --jobs 2",
                      PYTHONIOENCODING="utf-8")
    assert to_file.returncode == to_screen.returncode == 0, to_file.stderr.decode()
    on_file, on_screen = report.read_bytes().splitlines(), to_screen.stdout.splitlines()
    assert len(on_file) > 100 and any(line.count(b"\xc2\xb5") for line in on_file)  # µ
    assert [line for line in on_file if b'"seconds"' not in line] == \
        [line for line in on_screen if b'"seconds"' not in line]


@pytest.mark.parametrize("command", ["score cases/ --format table",
                                     "score cases/ --format markdown",
                                     "score cases/ --format csv", "kb causes", "kb handbook",
                                     "kb check", f"explain {A_CASE}", "validate cases/"])
def test_every_command_degrades_to_plain_text_on_an_ascii_screen(command):
    finished = shell(f"{sys.executable} -m interview.cli {command}",
                     PYTHONIOENCODING="ascii")
    assert finished.returncode == 0, finished.stderr.decode()
    assert b"Traceback" not in finished.stderr
    finished.stdout.decode("ascii")
