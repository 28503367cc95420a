"""The interview chooses its next question by what the answer could change, and stops when
no open question could change the report (issue 12): small vignettes through the session."""

from __future__ import annotations

from conftest import CASES

from engine import question_choice
from engine.cases import case_from_document, load_case
from engine.session import InterviewSession


def answered(assessor, **answers) -> InterviewSession:
    session = InterviewSession(assessor)
    for question_id, value in answers.items():
        session.answer(question_id, value)
    return session


def test_with_fever_and_a_low_neutrophil_count_the_sepsis_signs_come_next(assessor):
    session = answered(assessor, wbc="2100", age_years="34", anc="300", temperature_c="38.6")
    question = session.next_question()
    assert question.id == "sepsis_signs" and question.chosen_for == "sepsis"


def test_without_fever_the_sepsis_signs_do_not_jump_the_queue(assessor):
    session = answered(assessor, wbc="2100", age_years="34", anc="300", temperature_c="36.8")
    assert session.next_question().id != "sepsis_signs"


def test_the_interview_stops_when_no_open_question_could_change_the_report(assessor):
    # a patient with lymphopenia and hilar nodes, the questions answered from the case
    case = load_case(str(CASES / "other" / "sarcoidosis-lymphopenia-hilar-nodes.yaml"))
    session = InterviewSession.from_case(case, assessor)
    assert session.next_question() is None
    left = session.settled
    assert left, "open questions remain, and the interview says how many"
    before = question_choice.Standing.of(session.result())
    for question_id in left:
        value = question_choice.value_of(
            question_id, before, session.catalogue.questions[question_id], session._trial,
            session.catalogue.labs.get(question_id), session.catalogue.questions,
            frozenset(session.answers))
        assert not value.matters, f"{question_id} could change {value.changes}"
    session.ask_remaining()
    question = session.next_question()
    assert question is not None and question.id in left
    assert question.chosen_for == "remaining"


def test_joint_pains_are_worth_asking_for_the_rheumatoid_arthritis_they_would_open(assessor):
    session = answered(assessor, wbc="3400", age_years="52", anc="1250", hemoglobin="11.4",
                       platelets="388000", alc="1600", temperature_c="37.0",
                       medications=[], smear=["normal"])
    before = question_choice.Standing.of(session.result())
    value = question_choice.value_of(
        "joint_symptoms", before, session.catalogue.questions["joint_symptoms"],
        session._trial, None, session.catalogue.questions, frozenset(session.answers))
    assert value.matters and value.changes[0].startswith("through a follow-up")


def asked(assessor, **sections) -> set[str]:
    """The questions the rules ask for a case made of ``sections``."""
    document = {"id": "child", **sections}
    return {q.id for q in assessor.assess(case_from_document(document)).questions}


CANCER_QUESTIONS = {"known_cancer", "recent_chemotherapy", "radiation_therapy",
                    "known_thyroid_disease", "thyroid_symptoms"}


def test_a_well_four_year_old_with_only_the_neutrophils_low_is_not_asked_about_cancer(assessor):
    questions = asked(assessor, patient={"age_years": 4},
                      labs={"wbc": 4200, "anc": 700, "hemoglobin": 12.1, "platelets": 260000},
                      findings={"temperature_c": 36.8})
    assert not questions & CANCER_QUESTIONS, questions & CANCER_QUESTIONS


def test_the_same_child_with_fever_and_low_platelets_is_asked_about_cancer(assessor):
    questions = asked(assessor, patient={"age_years": 4},
                      labs={"wbc": 2100, "anc": 400, "hemoglobin": 8.9, "platelets": 40000},
                      findings={"temperature_c": 38.9})
    assert {"known_cancer", "recent_chemotherapy", "radiation_therapy"} <= questions


def test_an_adult_with_only_the_neutrophils_low_is_still_asked_about_cancer(assessor):
    questions = asked(assessor, patient={"age_years": 45},
                      labs={"wbc": 4200, "anc": 700, "hemoglobin": 13.1, "platelets": 260000},
                      findings={"temperature_c": 36.8})
    assert {"known_cancer", "recent_chemotherapy", "radiation_therapy"} <= questions


def test_no_two_questions_ask_about_mouth_ulcers(assessor):
    texts = {q.id: (q.text + " " + q.help).lower()
             for q in assessor.catalogue.questions.values()}
    # the cyclic-symptoms question asks about ulcers that come back at regular intervals,
    # which is a question of its own
    about_ulcers = {q for q, text in texts.items() if "mouth ulcer" in text
                    and "regular intervals" not in text and "asked separately" not in text}
    assert about_ulcers == {"sore_throat_or_mouth_ulcers"}, about_ulcers


def test_the_day_of_the_cycle_is_asked_before_the_history_in_a_febrile_neutropenia(assessor):
    # febrile neutropenia on docetaxel, the days since the dose not given with the drug:
    # while chemotherapy led by far the days changed nothing and were left behind every
    # other line; they decide whether the expected nadir explains the count, so they come
    # at once after the drugs (issue 12), before any line of the history
    from conftest import make_case

    from engine.session import answers_from_case
    case = make_case(
        patient={"age_years": 58, "sex": "female"},
        labs={"wbc": 600, "anc": 100, "hemoglobin": 9.5, "platelets": 60000},
        medications=[{"name": "docetaxel"}],
        findings={"temperature_c": 38.6, "known_cancer": "yes", "cancer_type": "breast",
                  "days_since_chemotherapy": 10})
    session = InterviewSession(assessor, case_id="fn")
    reasons = []
    while (screen := session.next_screen()) is not None:
        if screen.first.id == "days_since_chemotherapy":
            break
        reasons.append(screen.first.chosen_for)
        session.answer_screen(answers_from_case(session, screen, case))
    assert screen is not None and screen.first.chosen_for == "urgent"
    assert "value" not in reasons and "workup" not in reasons


def test_with_fever_and_a_white_count_given_only_in_words_the_sepsis_signs_come_next(assessor):
    session = answered(assessor, wbc="low", age_years="61", anc="unknown",
                       temperature_c="38.9")
    question = session.next_question()
    assert question.id == "sepsis_signs" and question.chosen_for == "sepsis"
    normal = answered(assessor, wbc="normal", age_years="61", anc="unknown",
                      temperature_c="38.9")
    assert normal.next_question().chosen_for != "sepsis"
