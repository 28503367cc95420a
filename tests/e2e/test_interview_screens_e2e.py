"""A pasted blood count and a findings screen in a real pseudo-terminal (pexpect): the count
typed as a laboratory prints it is recorded lab by lab and shown back; on the findings screen
y and n mark two lines, the others are saved as not known."""

from __future__ import annotations

import yaml
from test_interview import screen_keys
from test_interview_e2e import pexpect, spawn
from test_interview_keys_e2e import next_question

COUNT = "WBC 2.1 x10^9/L, neut 0.3 x10^9/L, Hb 98 g/L, plt 85 x10^9/L, MCV 104 fL"


def test_a_pasted_count_and_a_findings_screen_are_saved_item_by_item(tmp_path):
    from engine.session import InterviewSession

    # the screens this interview brings, worked out in process from the same rules
    probe = InterviewSession()
    probe.answer_pasted(COUNT, "wbc")
    singles = []
    while not ((screen := probe.next_screen()).kind == "findings" and
               all(q.question.kind == "yesno" for q in screen.questions[:2])):
        singles.append(screen)
        probe.answer_screen([(q.id, "unknown") for q in screen.questions])
    findings_screen = screen

    saved = tmp_path / "visit.yaml"
    child = spawn("--save", str(saved))
    child.expect("paste the whole count at once")
    next_question(child, 1)
    child.send(COUNT + "\r")
    child.expect(r"recorded: WBC 2,100 cells/.L; ANC 300 cells/.L; Hb 9\.8 g/dL; "
                 r"platelets 85,000 cells/.L; MCV 104 fL")
    for screen in singles:
        if screen.grouped:  # another screen of several lines: every line not known
            child.expect("Mark what you know")
            child.send(screen_keys(screen))
        else:
            next_question(child, screen.number)
            child.send("u\r")
    child.expect(r"Mark what you know")
    child.send("y")
    child.send("n")
    child.send("\r")
    child.expect(r"\[yes\]")
    next_question(child, findings_screen.number + 1)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    document = yaml.safe_load(saved.read_text(encoding="utf-8"))
    pasted = {"wbc": 2100, "anc": 300, "hemoglobin": 9.8, "platelets": 85000, "mcv": 104}
    assert {lab: document["labs"][lab] for lab in pasted} == pasted
    ids = [q.id for q in findings_screen.questions]
    assert document["findings"][ids[0]] == "yes"
    assert document["findings"][ids[1]] == "no"
    assert all(document["findings"][q] == "unknown" for q in ids[2:])


def test_the_patient_and_the_sepsis_signs_are_typed_on_their_screens_and_saved_line_by_line(
        tmp_path):
    saved = tmp_path / "febrile.yaml"
    child = spawn("--save", str(saved))
    next_question(child, 1)
    child.send("2100\r")
    child.expect("The patient")
    child.expect("Mark what you know")
    child.send("34\r")  # the age, and on to the sex line
    child.send("2")  # male
    child.send("38.6\r")  # the temperature, on the same screen
    child.send("u")  # a fever reported without a number: not known (the temperature says it)
    child.send("\r")
    next_question(child, 3)  # the rest of the count, one form
    child.expect("Mark what you know")
    child.expect("Absolute neutrophil count")
    child.send("300\r")  # the ANC on its line, then Enter down the six lines left at ?
    child.send("\r" * 6)
    child.expect("This is an emergency")  # fever with an ANC of 300
    child.send("c\r")
    # signs of sepsis: as a whole (not known), then the vital signs, on one screen
    child.expect(r"Signs of sepsis(?!:)")  # one heading: the screen's own title
    child.expect("Mark what you know")
    child.send("u")  # sepsis as a whole, not known
    # systolic pressure, respiratory rate, confusion (a yes/no line), heart rate, SpO2
    child.send("85\r")
    child.send("abc\r")  # refused on its line, as it would be asked alone
    child.expect("expected a number")
    child.send("\x15" + "26\r")
    child.send("n")
    child.send("124\r")
    child.send("91\r")
    child.expect("This is an emergency")
    child.send("c\r")
    next_question(child, 5)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    document = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert document["patient"] == {"age_years": 34, "sex": "male"}
    signs = {key: document["findings"][key] for key in
             ("systolic_bp", "respiratory_rate", "confusion", "heart_rate", "spo2")}
    assert signs == {"systolic_bp": 85, "respiratory_rate": 26, "confusion": "no",
                     "heart_rate": 124, "spo2": 91}
