"""`leukodx study` on any screen: a reader that stops early (`--stats | head`) is no error,
and an ASCII screen gets the progress bars in ASCII instead of question marks."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

from engine import study


def progress_file(tmp_path, attempts: int = 300) -> str:
    path = tmp_path / "progress.yaml"
    study.save_progress(study.Progress(attempts=[
        study.Attempt(case=f"case-{i}", date="2025-01-01T10:00:00+00:00", points=5,
                      maximum=10, verdict="partly", category="medication", difficulty="easy")
        for i in range(attempts)]), path)
    return str(path)


def shell(command: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=ROOT, capture_output=True, timeout=120,
                          env={**os.environ, "COLUMNS": "80", **env})


def test_study_stats_read_by_a_reader_that_stops_early_exits_0(tmp_path):
    finished = shell(f"{sys.executable} -m interview.cli study --stats --progress "
                     f"{progress_file(tmp_path)} | head -1 > /dev/null; exit ${{PIPESTATUS[0]}}")
    assert finished.returncode == 0 and finished.stderr == b"", finished.stderr.decode()


def test_study_stats_on_an_ascii_screen_draws_its_bars_in_ascii(tmp_path):
    finished = shell(f"{sys.executable} -m interview.cli study --stats --progress "
                     f"{progress_file(tmp_path, 4)}", PYTHONIOENCODING="ascii")
    shown = finished.stdout.decode("ascii")
    assert finished.returncode == 0
    assert "| ########........ |" in shown and "?" not in shown
