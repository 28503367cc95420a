"""The interview's keys and its stop rule in a real pseudo-terminal (pexpect): Enter alone
does not answer a yes/no question (no answer is a default), "?" explains a choice question,
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


def test_enter_alone_does_not_answer_a_yes_no_question_and_question_mark_explains_it(tmp_path):
    started = tmp_path / "started.yaml"
    started.write_text(yaml.safe_dump(STARTED), encoding="utf-8")
    saved = tmp_path / "saved.yaml"
    child = spawn("--resume", str(started), "--save", str(saved))
    child.expect(r"answers already given")
    number, text = next_question(child)
    child.expect("press a key, then Enter")
    child.send("?")  # why? on a choice question
    child.expect("Why this question")
    assert next_question(child, number) == (number, text)
    child.send("\r")  # Enter alone: nothing is recorded, the question stays
    child.send("n")
    child.send("\r")  # now "no"
    next_question(child, number + 1)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    findings = yaml.safe_load(saved.read_text(encoding="utf-8"))["findings"]
    answered = [key for key, value in findings.items() if value in ("yes", "no")]
    assert len(answered) == 1 and findings[answered[0]] == "no", findings


def test_the_stop_rule_ends_the_interview_early_and_ask_the_rest_continues_it():
    child = spawn("--resume", "cases/other/sarcoidosis-lymphopenia-hilar-nodes.yaml")
    child.expect(r"answers already given")
    last = 0
    while child.expect([r"the interview stops here \((\d+) answered",
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
