"""One study round in a real pseudo-terminal: the installed `leukodx study` is driven the way a
trainee would drive it, then the feedback on screen and the progress file are checked."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

pexpect = pytest.importorskip("pexpect")

DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"

CASE = {
    "id": "clozapine-fever-e2e",
    "title": "Sore throat on clozapine",
    "patient": {"age_years": 34, "sex": "male", "ancestry": "european"},
    "labs": {"wbc": 2100, "anc": 300, "hemoglobin": 14.2, "platelets": 245000},
    "smear": ["normal"],
    "medications": [{"name": "Clozaril", "started_weeks_ago": 10}],
    "findings": {"temperature_c": 38.6, "sore_throat_or_mouth_ulcers": "yes"},
    "expected": {"causes": ["drug_clozapine"], "pitfalls": ["neutropenic_fever"]},
    "teaching": {"vignette": "A man ten weeks into clozapine has a sore throat and fever.",
                 "points": ["Weekly counts in the first 18 weeks catch most cases."],
                 "difficulty": "easy"},
}


def leukodx_command() -> list[str]:
    script = Path(sys.executable).with_name("leukodx")
    if script.exists():
        return [str(script)]
    found = shutil.which("leukodx")
    return [found] if found else [sys.executable, "-m", "interview.cli"]


@pytest.fixture
def trainee(tmp_path):
    library = tmp_path / "cases"
    library.mkdir()
    (library / "case.yaml").write_text(yaml.safe_dump(CASE, sort_keys=False))
    progress = tmp_path / "progress.yaml"
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", LEUKODX_CASES=str(library),
               TERM="xterm", COLUMNS="120", LINES="40")
    command = leukodx_command()
    child = pexpect.spawn(command[0], [*command[1:], "study", "--case", CASE["id"],
                                       "--progress", str(progress)],
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 120),
                          cwd=str(Path(__file__).resolve().parents[2]))
    yield child, progress
    child.close(force=True)


def test_one_study_round_in_a_terminal_gives_feedback_and_saves_progress(trainee):
    from engine.cases import load_text
    from engine.study import pitfall_options

    child, progress = trainee
    child.expect("How would you like to see it")
    child.send(DOWN + ENTER)  # step by step
    child.expect("Show the labs")
    child.send(ENTER)
    child.expect("Show the film")
    child.send(ENTER)
    child.expect("Most likely cause")
    child.send("clozapine" + ENTER)
    child.expect("Second cause")
    child.send("hiv" + ENTER)
    child.expect("Third cause")
    child.send(ENTER)
    child.expect("Which pitfalls apply")
    options = pitfall_options(load_text(yaml.safe_dump(CASE))[0])
    child.send(DOWN * options.index("neutropenic_fever") + " " + ENTER)
    child.expect("Feedback")
    child.expect("Correct: 8 of 8 points")  # 6 for the cause, 2 for its one pitfall
    child.expect("Why the system holds Clozapine")
    child.expect("Weekly counts in the first 18 weeks")
    child.expect("Progress saved")
    child.expect("What if")
    child.send(ENTER)  # first suggestion: take the drug away
    child.expect("dropped")
    child.expect("What if")
    child.send(UP + ENTER)  # done with this case
    child.expect("Another case")
    child.send("n")
    child.expect("This session: 1 case")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = yaml.safe_load(progress.read_text())
    [entry] = saved["attempts"]
    assert entry["case"] == CASE["id"]
    assert entry["verdict"] == "correct"
    assert entry["answer"] == ["drug_clozapine", "hiv"]
    assert entry["pitfalls"] == ["neutropenic_fever"]
    assert entry["points"] == entry["maximum"] == 8


def test_ctrl_c_stops_the_session_cleanly_without_a_traceback(trainee):
    child, progress = trainee
    child.expect("How would you like to see it")
    child.sendintr()
    child.expect("Stopped")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert not progress.exists()


def test_on_an_ascii_terminal_study_draws_a_plain_pointer_and_ticks_pitfalls_by_number(
        tmp_path):
    """With an encoding that cannot show »●○ (PYTHONIOENCODING=ascii), questionary drew the
    pointer and every tick box as "?", ticked and unticked alike."""
    from engine.cases import load_text
    from engine.study import pitfall_options

    library = tmp_path / "cases"
    library.mkdir()
    (library / "case.yaml").write_text(yaml.safe_dump(CASE, sort_keys=False))
    progress = tmp_path / "progress.yaml"
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", LEUKODX_CASES=str(library),
               TERM="xterm", COLUMNS="100", LINES="40", PYTHONIOENCODING="ascii")
    command = leukodx_command()
    child = pexpect.spawn(command[0], [*command[1:], "study", "--case", CASE["id"],
                                       "--progress", str(progress)],
                          env=env, encoding="utf-8", codec_errors="replace", timeout=60,
                          dimensions=(40, 100), cwd=str(Path(__file__).resolve().parents[2]))
    try:
        child.expect("How would you like to see it")
        child.expect(r"> 1\) The whole case at once")
        child.send(ENTER)
        child.expect("Most likely cause")
        child.send("clozapine" + ENTER)
        child.expect("Second cause")
        child.send(ENTER)
        options = pitfall_options(load_text(yaml.safe_dump(CASE))[0])
        number = options.index("neutropenic_fever") + 1
        child.expect(rf"{number}\. Neutropenic fever")
        child.expect("Their numbers")
        child.send(f"{number}" + ENTER)
        child.expect("Correct: 8 of 8 points")
        child.expect("What if")
        child.sendintr()
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert "Traceback" not in (child.before or "")
    [entry] = yaml.safe_load(progress.read_text())["attempts"]
    assert entry["pitfalls"] == ["neutropenic_fever"]
