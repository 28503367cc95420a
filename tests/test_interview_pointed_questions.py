"""The interview asks what bears on this patient and reaches what batch scoring of the whole
notes reaches (issue 12): small vignettes, each interviewed screen by screen as a clinician
holding the notes would answer ("unknown" where they are silent), then compared with
scoring the same notes at once."""

from __future__ import annotations

from conftest import make_case, top_causes

from engine.session import InterviewSession, answers_from_case


def interviewed(assessor, case) -> InterviewSession:
    session = InterviewSession(assessor, case_id=case.id)
    while (screen := session.next_screen()) is not None:
        outcome = session.answer_screen(answers_from_case(session, screen, case))
        assert not outcome.refused, outcome.refused
    return session


def open_questions(result) -> set[str]:
    return {q.id for q in result.questions if q.status == "open"}


def test_b12_and_copper_are_asked_when_only_the_red_cells_and_platelets_are_low(assess):
    # a white count of 4,300 is not low: anaemia and low platelets alone
    result = assess(patient={"age_years": 54, "sex": "male"},
                    labs={"wbc": 4300, "hemoglobin": 10.1, "platelets": 110000},
                    findings={"bariatric_or_gastric_surgery": "yes"})
    assert {"vitamin_b12", "copper", "folate", "glossitis"} <= open_questions(result)


def test_b12_deficiency_after_a_gastrectomy_ranks_as_batch_scoring_ranks_it(assessor):
    case = make_case(
        patient={"age_years": 54, "sex": "male"},
        labs={"wbc": 4300, "hemoglobin": 10.1, "platelets": 110000},
        medications=["amlodipine"],
        findings={"temperature_c": 37.0, "bariatric_or_gastric_surgery": "yes",
                  "neuropathy_or_ataxia": "yes", "glossitis": "yes"})
    session = interviewed(assessor, case)
    assert "glossitis" in session.answers
    assert top_causes(session.result()) == top_causes(assessor.assess(case))
    assert top_causes(session.result(), 1) == ["vitamin_b12_deficiency"]
