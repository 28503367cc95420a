"""The interview's keys and its stop rule in a real pseudo-terminal (pexpect): Enter alone
answers nothing on a yes/no question, a choice question or a findings screen (no answer is a
default), "?" explains each,
and when no open question could change the conclusions the interview stops, offering to ask
the rest."""

from __future__ import annotations

import re

import yaml
from test_interview import screen_keys
from test_interview_e2e import STYLE, pexpect, plain, spawn

# A clozapine patient whose counts, drugs and film are given, and no temperature: the
# interview asks the temperature, then whether there is a fever (a yes/no question alone),
# then brings findings screens with a choice of several and a typed value among their lines.
STARTED = {
    "id": "keys",
    "patient": {"age_years": 34, "sex": "male"},
    "labs": {"wbc": 2100, "anc": 300, "lymphocytes_pct": 70, "alc": 1470, "hemoglobin": 14.2,
             "platelets": 245000, "neutrophils_pct": 14, "bands_pct": 0, "mcv": 90},
    "smear": ["normal"],
    "medications": [{"name": "Clozaril", "started_weeks_ago": 10}],
}
DOWN = "\x1b[B"


def next_question(child, number: int | None = None) -> tuple[int, str]:
    """The next numbered question shown (the given number, or any): its number and text."""
    shown = rf"{number}" if number is not None else r"\d+"
    child.expect(rf"(?<![0-9.])({shown})\.{STYLE}([A-Z][^\x1b\r\n]*)")
    return int(child.match.group(1)), child.match.group(2)


def test_enter_alone_answers_nothing_and_question_mark_explains_on_every_kind_of_screen(
        tmp_path):
    """A yes/no question asked alone, a choice of several on a findings screen and a value
    typed on a screen's line, in the order the interview brings them (worked out in process
    from the same files): on each, "?" explains it (on a screen, the line under the cursor)
    and Enter alone records nothing."""
    from engine.session import InterviewSession

    started = tmp_path / "started.yaml"
    started.write_text(yaml.safe_dump(STARTED), encoding="utf-8")
    # the screens as they will come, answered as below: the yes/no question "no", everything
    # else "unknown" (a screen by Enter, then Enter again on purpose: all not known)
    plan, probe = [], InterviewSession.resume(str(started))
    tried: set[str] = set()
    wanted = {}
    while not {"choice", "typed", "yesno"} <= tried and \
            (screen := probe.next_screen()) is not None:
        kinds = [q.question.kind for q in screen.questions]
        if screen.grouped:
            lines = {"choice": next((i for i, q in enumerate(screen.questions)
                                     if q.question.kind == "choice"), None),
                     "typed": next((i for i, k in enumerate(kinds)
                                    if k in ("lab", "number")), None)}
            kind = next((k for k, i in lines.items() if i is not None and k not in tried),
                        "")
            line = lines.get(kind)
        else:
            kind, line = kinds[0], 0
        first = kind in ("choice", "typed", "yesno") and kind not in tried
        tried.add(kind)
        answers = {q.id: "unknown" for q in screen.questions}
        if first:
            answers[screen.first.id] = "no" if kind == "yesno" else "unknown"
            wanted.update(answers)
        plan.append((kind, screen, first, line))
        probe.answer_screen(list(answers.items()))
    assert {"choice", "typed", "yesno"} <= tried, plan
    saved = tmp_path / "saved.yaml"
    child = spawn("--resume", str(started), "--save", str(saved))
    child.expect(r"answers already given")
    for _kind, screen, first, line in plan:
        if screen.grouped:
            child.expect("Mark what you know")
        else:
            next_question(child, screen.number)
        if not first:
            child.send(screen_keys(screen) if screen.grouped else "u\r")
            continue
        child.send(DOWN * line + "?")  # why? about this line
        child.expect("Why this question")
        child.expect(re.escape(screen.questions[line].question.text[:30]))
        if not screen.grouped:
            child.expect("press a key")
            child.send("\r")  # Enter alone: nothing is recorded, the question stays
            child.send("n\r")
            continue
        child.expect("Mark what you know")
        # Enter leaves each typed line for the next; on a marked line, or the last, it
        # would record the screen: not while nothing is marked
        stop = next((i for i in range(line, len(screen.questions))
                     if screen.questions[i].question.kind not in ("lab", "number")),
                    len(screen.questions) - 1)
        child.send("\r" * (stop - line + 1))
        child.expect("Nothing is marked")
        child.send("\r")  # Enter again, on purpose: every line not known
    child.expect([rf"(?<![0-9.]){plan[-1][1].number + 1}\.{STYLE}[A-Z]", r"What now\?"])
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    document = yaml.safe_load(saved.read_text(encoding="utf-8"))
    recorded = {**document.get("patient", {}), **document.get("findings", {}),
                **document.get("labs", {})}
    assert {q: recorded.get(q) for q in wanted} == wanted


def test_the_stop_rule_ends_the_interview_early_and_ask_the_rest_continues_it():
    from engine.session import InterviewSession

    resumed = "cases/other/sarcoidosis-lymphopenia-hilar-nodes.yaml"
    probe = InterviewSession.resume(resumed)  # the screens to come, worked out in process
    child = spawn("--resume", resumed)
    child.expect(r"answers already given")
    last = 0
    while child.expect([r"the interview stops here \((\d+) screens",
                        rf"(?<![0-9.])(\d+)\.{STYLE}[A-Z]"]) == 1:
        number = int(child.match.group(1))
        if number > last:  # a question redrawn with its answer is not asked again
            last = number
            # unknown, until nothing open could change the report
            screen = probe.next_screen()
            child.send(screen_keys(screen) if screen.grouped else "u\r")
            probe.answer_screen([(q.id, "unknown") for q in screen.questions])
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
