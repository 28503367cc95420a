"""``leukodx interview`` in a real pseudo-terminal (pexpect): a whole interview to its report,
the emergency banner the moment fever meets severe neutropenia, and Ctrl-C, save, resume,
finish with a saved file that ``leukodx score`` ranks as the interview did."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
VENV_SCRIPT = ROOT / ".venv" / "bin" / "leukodx"
TIMEOUT = 60
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
STYLE = r"(?:\x1b\[[0-9;?]*[A-Za-z]|\s)*"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def leukodx_command() -> list[str]:
    if VENV_SCRIPT.exists():
        return [str(VENV_SCRIPT)]
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("neither .venv/bin/leukodx nor uv is available")
    return [uv, "run", "--project", str(ROOT), "leukodx"]


def spawn(*args: str):
    command = leukodx_command()
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS="200",
               LINES="50")
    return pexpect.spawn(command[0], [*command[1:], "interview", *args], cwd=str(ROOT),
                         env=env, timeout=TIMEOUT, encoding="utf-8",
                         dimensions=(50, 200))


def plain(text: str) -> str:
    return ANSI.sub("", text)


class Person:
    """Answers each numbered question the program shows, looked up by the question's text;
    "u" (unknown) for anything it has no answer for. A screen of several lines (the patient,
    a findings screen, further labs) is answered line by line: the screens to come are
    worked out in process, from the same rules, on a copy of the session given the same
    answers (``resume``: the file the interview resumed)."""

    def __init__(self, child, answers: dict[str, list[str]], resume: str | None = None):
        from engine.session import InterviewSession

        self.child, self.answers, self.number = child, answers, 1
        self.seen: list[str] = []
        self.probe = InterviewSession.resume(resume) if resume else InterviewSession()
        self.number = len(self.probe.screens) + 1

    def question_pattern(self) -> str:
        return rf"(?<![0-9.]){self.number}\.{STYLE}([A-Z][^\x1b\r\n]*)"

    def answer_until(self, *stops: str) -> int:
        """Answer questions until one of ``stops`` appears; its index in ``stops``."""
        from test_interview import screen_answers, screen_keys

        patterns = [*stops, "This is an emergency"]
        while True:
            index = self.child.expect([*patterns, self.question_pattern()])
            if index < len(stops):
                return index
            if index == len(stops):
                self.child.send("c\r")  # continue the interview after the banner
                continue
            text = self.child.match.group(1)
            self.seen.append(text)
            screen = self.probe.next_screen()
            if screen.grouped:
                marks = {q.id: self.value(q.id) for q in screen.questions
                         if self.value(q.id) is not None}
                self.child.send(screen_keys(screen, marks))
                self.probe.answer_screen(screen_answers(screen, marks))
            else:
                for key in self.answers.get(self.identify(text), ["u\r"]):
                    self.child.send(key)
                value = self.value(screen.first.id)
                self.probe.answer(screen.first.id, "unknown" if value is None else value)
            self.number += 1

    def value(self, question_id: str) -> object:
        """The answer this person gives to a question, as the session records it."""
        if question_id == "medications" and "medications" in self.answers:
            keys = self.answers["medications"]
            return [{"name": keys[1].strip(), "started_weeks_ago": int(keys[2].strip())}]
        key = {v: k for k, v in IDS.items()}.get(question_id)
        if key is None or key not in self.answers:
            return None
        return self.answers[key][0].strip()

    @staticmethod
    def identify(text: str) -> str:
        for prefix, key in (("White blood cell", "wbc"), ("Patient's age", "age"),
                            ("Absolute neutrophil", "anc"), ("Highest temperature", "temp"),
                            ("Medications", "medications"), ("Haemoglobin", "hb"),
                            ("Platelet count", "platelets")):
            if text.startswith(prefix):
                return key
        return text


# The answers' names in ``Person.answers`` and the question each answers
IDS = {"wbc": "wbc", "age": "age_years", "anc": "anc", "temp": "temperature_c",
       "hb": "hemoglobin", "platelets": "platelets"}
CLOZAPINE = {
    "wbc": ["2100\r"], "age": ["34\r"], "anc": ["300\r"], "temp": ["37.1\r"],
    "hb": ["14.2\r"], "platelets": ["245000\r"],
    "medications": ["l\r", "Clozaril\r", "10\r", "\r", "\r"],
}


def ranking_on_screen(screen: str) -> list[tuple[str, int]]:
    report = plain(screen).split("Report", 1)[-1]
    return [(m.group(1).replace("must not miss", "").strip(), int(m.group(2)))
            for m in re.finditer(r"^\s*\d+\s+(.+?)\s+([+-]\d+)\s+[█·]+", report, re.M)]


def test_a_whole_interview_ends_in_a_report_with_the_right_cause_first(tmp_path):
    saved = tmp_path / "clozapine.yaml"
    child = spawn("--save", str(saved))
    person = Person(child, CLOZAPINE)
    person.answer_until(r"What now\?")
    ranking = ranking_on_screen(child.before)
    assert ranking and ranking[0][0].startswith("Clozapine")
    child.send("f\r")
    child.expect("Saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "name: Clozaril" in saved.read_text()


def test_the_emergency_banner_appears_as_soon_as_fever_and_severe_neutropenia_are_known():
    child = spawn()
    person = Person(child, {**CLOZAPINE, "temp": ["38.6\r"]})
    child.expect(person.question_pattern())  # 1. the white count
    # the patient's screen: the age, the sex line left not known, the temperature, a fever
    # reported without one left not known; then the ANC on the first line of the count form
    # and Enter down its six other lines, which completes the picture
    for number, answer in enumerate(("2100\r", "34\ru38.6\ru\r", "300\r" + "\r" * 6),
                                    start=2):
        child.send(answer)
        index = child.expect(["EMERGENCY", rf"(?<![0-9.]){number}\.{STYLE}[A-Z]"])
        if index == 0:
            break
    assert "EMERGENCY" in child.after
    assert answer.startswith("300"), "the banner must follow the answer that completed it"
    child.expect("Neutropenic fever")
    child.expect("This is an emergency")
    child.send("c\r")
    child.expect(rf"(?<![0-9.])4\.{STYLE}[A-Z]")  # and the interview goes on
    child.sendcontrol("c")
    # the sex, a reported fever and the count form's six lines, not known, are among them
    child.expect(r"Save your 12 answers")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_saves_and_resuming_finishes_with_a_file_that_scores_the_same(tmp_path):
    saved = tmp_path / "stopped.yaml"
    child = spawn()
    person = Person(child, CLOZAPINE)
    child.expect(person.question_pattern())
    child.send("2100\r")
    child.expect(rf"(?<![0-9.])2\.{STYLE}[A-Z]")
    # the age on the patient's screen; its sex, temperature and reported fever not known
    child.send("34\ruuu\r")
    child.expect(rf"(?<![0-9.])3\.{STYLE}[A-Z]")
    child.sendcontrol("c")
    child.expect("Save your 5 answers")
    child.send("y")
    child.expect("Save as")
    child.send(f"{saved}\r")
    # a command that works as written for how it was started (here under uv, or directly)
    child.expect(r"Continue with: (uv run (--project \S+ )?)?\S*leukodx interview --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "wbc: 2100" in saved.read_text()

    child = spawn("--resume", str(saved))
    child.expect("5 answers already given")
    person = Person(child, CLOZAPINE, resume=str(saved))
    person.answer_until(r"What now\?")
    shown = ranking_on_screen(child.before)
    child.send("f\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert shown

    command = leukodx_command()
    scored = subprocess.run([*command, "score", str(saved), "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=TIMEOUT, check=True)
    ranking = json.loads(scored.stdout)["cases"][0]["ranking"]
    assert [(c["name"], c["score"]) for c in ranking[:len(shown)]] == shown
