"""The interview's keys and its stop rule in a real pseudo-terminal (pexpect): Enter alone
answers nothing on a yes/no question, a choice question or a findings screen (no answer is a
default), "?" explains each,
and when no open question could change the conclusions the interview stops, offering to ask
the rest."""

from __future__ import annotations

import yaml
from test_interview_e2e import STYLE, pexpect, plain, spawn

# A clozapine patient whose counts, drugs and film are given: the interview's next question
# is one of the history questions, each a yes/no or choice question.
STARTED = {
    "id": "keys",
    "patient": {"age_years": 34, "sex": "male"},
    "labs": {"wbc": 2100, "anc": 300, "lymphocytes_pct": 70, "alc": 1470, "hemoglobin": 14.2,
             "platelets": 245000, "neutrophils_pct": 14, "bands_pct": 0, "mcv": 90},
    "smear": ["normal"],
    "medications": [{"name": "Clozaril", "started_weeks_ago": 10}],
    "findings": {"temperature_c": 37.1},
}


def next_question(child, number: int | None = None) -> tuple[int, str]:
    """The next numbered question shown (the given number, or any): its number and text."""
    shown = rf"{number}" if number is not None else r"\d+"
    child.expect(rf"(?<![0-9.])({shown})\.{STYLE}([A-Z][^\x1b\r\n]*)")
    return int(child.match.group(1)), child.match.group(2)


def test_enter_alone_answers_nothing_and_question_mark_explains_on_every_kind_of_screen(
        tmp_path):
    """A findings screen, a choice question and a yes/no question, in the order the interview
    brings them (worked out in process from the same files): on each, "?" explains it and
    Enter alone records nothing."""
    from engine.session import InterviewSession

    started = tmp_path / "started.yaml"
    started.write_text(yaml.safe_dump(STARTED), encoding="utf-8")
    # the screens as they will come, answered as below: the first yes/no question "no",
    # everything else "unknown" (the findings screen by Enter twice: all not known)
    plan, probe = [], InterviewSession.resume(str(started))
    tried: set[str] = set()
    wanted = {}
    while not {"findings", "choice", "yesno"} <= tried and \
            (screen := probe.next_screen()) is not None:
        kind = "findings" if screen.grouped else screen.first.question.kind
        first = kind in ("findings", "choice", "yesno") and kind not in tried
        tried.add(kind)
        answers = {q.id: "unknown" for q in screen.questions}
        if first:
            answers[screen.first.id] = "no" if kind == "yesno" else "unknown"
            wanted.update(answers)
        plan.append((kind, screen, first))
        probe.answer_screen(list(answers.items()))
    assert {"findings", "choice", "yesno"} <= tried, plan
    saved = tmp_path / "saved.yaml"
    child = spawn("--resume", str(started), "--save", str(saved))
    child.expect(r"answers already given")
    for kind, screen, first in plan:
        if kind == "findings":
            child.expect("Mark what you know")
        else:
            next_question(child, screen.number)
        if first:
            child.send("?")  # why? here
            child.expect("Why this question")
            child.expect("Mark what you know" if kind == "findings" else "press a key")
            child.send("\r")  # Enter alone: nothing is recorded, the screen stays
            if kind == "findings":
                child.expect("Nothing is marked")
                child.send("\r")  # Enter again, on purpose: every line not known
            else:
                child.send("n\r" if kind == "yesno" else "u\r")
        else:
            child.send("u\r")
    next_question(child, plan[-1][1].number + 1)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    findings = yaml.safe_load(saved.read_text(encoding="utf-8"))["findings"]
    assert {q: findings.get(q) for q in wanted} == wanted


def test_the_stop_rule_ends_the_interview_early_and_ask_the_rest_continues_it():
    child = spawn("--resume", "cases/other/sarcoidosis-lymphopenia-hilar-nodes.yaml")
    child.expect(r"answers already given")
    last = 0
    while child.expect([r"the interview stops here \((\d+) screens",
                        rf"(?<![0-9.])(\d+)\.{STYLE}[A-Z]"]) == 1:
        number = int(child.match.group(1))
        if number > last:  # a question redrawn with its answer is not asked again
            last = number
            child.send("u\r")  # unknown, until nothing open could change the report
    given = int(child.match.group(1))
    child.expect(r"ask the remaining (\d+) question")
    assert int(child.match.group(1)) > 0
    assert "Next steps" in plain(child.before)
    child.expect(r"f\) finish")  # the whole menu is drawn before a key is pressed
    child.send("a")
    child.expect(r"ask the remaining")  # the menu drawn again with the pointer on it
    child.send("\r")
    assert next_question(child, given + 1)
    child.sendcontrol("c")
    child.expect("Save your")
    child.send("n")
    child.expect(pexpect.EOF)
    child.close()
