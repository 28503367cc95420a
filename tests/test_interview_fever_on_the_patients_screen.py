"""The temperature and a fever reported without one ask one thing, whether the patient is
febrile, and share a screen with the patient's basic facts (issue 12: no two questions ask the
same thing; one screen fewer, twice over, in nearly every interview); the emergency is still
shown as soon as fever meets a very low neutrophil count."""

from __future__ import annotations

from engine.session import InterviewSession


def test_the_temperature_and_a_reported_fever_share_the_patients_screen(assessor):
    session = InterviewSession(assessor)
    session.answer("wbc", "2100")
    screen = session.next_screen()
    assert [q.id for q in screen.questions] == ["age_years", "sex", "temperature_c", "fever"]
    session.answer_screen([("age_years", "34"), ("sex", "unknown"), ("temperature_c", "38.6"),
                           ("fever", "unknown")])
    asked_later = set()
    while (screen := session.next_screen()) is not None and len(session.screens) < 6:
        asked_later |= {q.id for q in screen.questions}
        session.answer_screen([(q.id, "unknown") for q in screen.questions])
    assert not {"temperature_c", "fever"} & asked_later  # neither is asked again


def test_with_a_very_low_anc_the_fever_comes_first_with_the_patients_facts(assessor):
    session = InterviewSession(assessor)
    session.answer_screen([("wbc", "2100"), ("anc", "300")])
    screen = session.next_screen()
    ids = [q.id for q in screen.questions]
    assert ids[:2] == ["temperature_c", "fever"] and {"age_years", "sex"} <= set(ids)
    outcome = session.answer_screen([(q.id, "38.6" if q.id == "temperature_c" else "unknown")
                                     for q in screen.questions])
    assert outcome.emergencies  # neutropenic fever, shown as soon as the screen is answered
    assert session.next_screen().kind == "sepsis"


def test_a_reported_fever_beside_a_normal_temperature_is_still_asked_on_the_same_screen(
        assessor):
    session = InterviewSession(assessor)
    session.answer("wbc", "2100")
    screen = session.next_screen()
    session.answer_screen([(q.id, {"age_years": "34", "temperature_c": "37.1",
                                   "fever": "yes"}.get(q.id, "unknown"))
                           for q in screen.questions])
    assert session.answers["fever"] == "yes"
    assert session.result().ranking  # a fever at home counts though the temperature is normal
