"""A resumed interview keeps the later-work-up labs already typed (creatinine, AST,
bilirubin, globulin: labs no question of the bank asks, only the work-up screens): they are
answers like any other, not asked again on a screen that shows them as not known."""

from __future__ import annotations

from engine.session import InterviewSession

SAVED = """\
# A leukodx interview, saved as a case file.
# Results from later in the work-up offered: marrow no, flow no, genetics no, infection no, labs yes, immune no
id: interview-2026-12-03-200600
patient: {age_years: 68, sex: female}
labs:
  wbc: 2100
  anc: 1100
  hemoglobin: 9.8
  platelets: 85000
  mcv: 108
  creatinine: 2.4
  ast: unknown
medications:
- {name: methotrexate, started_weeks_ago: 208.7}
- {name: co-trimoxazole, started_weeks_ago: 0.7}
findings:
  temperature_c: 37.2
# end of leukodx interview save
"""


def test_a_resumed_interview_keeps_a_creatinine_typed_on_a_work_up_screen(tmp_path):
    saved = tmp_path / "visit.yaml"
    saved.write_text(SAVED, encoding="utf-8")
    session = InterviewSession.resume(str(saved))
    assert session.answers["creatinine"] == 2.4
    assert session.answers["ast"] == "unknown"
    asked_again = set()
    for _ in range(60):
        screen = session.next_screen()
        if screen is None:
            break
        asked_again |= {q.id for q in screen.questions} & {"creatinine", "ast"}
        session.answer_screen([(q.id, "unknown") for q in screen.questions])
    assert asked_again == set()
    assert session.answers["creatinine"] == 2.4
