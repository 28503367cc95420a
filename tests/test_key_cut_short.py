"""A case-file key written short, as a hand-written file does ("started: 4" for
started_weeks_ago), is an error that names the key it stands for."""

from __future__ import annotations

import subprocess
import sys


def test_a_medication_start_written_as_started_is_refused_with_the_full_key(tmp_path):
    case = tmp_path / "hand.yaml"
    case.write_text("id: hand\nlabs: {wbc: 2400}\nmedications:\n"
                    "  - {name: doxycycline, started: 4}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "interview.cli", "validate", str(case)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{case}:4: medications[1].started: unknown key (did you mean " \
        "'started_weeks_ago'?)" in done.stderr + done.stdout
