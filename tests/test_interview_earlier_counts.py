"""Earlier (or repeat) blood counts at the interview: the offer of results from later in the
work-up holds them as a group of their own, each count typed as when it was taken and the
count as a report prints it; the rules then weigh the dated counts as batch scoring of a case
file's ``earlier_counts:`` does (the fall after a drug was started, a repeat count within hours
that is normal), so that an interview of notes holding them ranks as batch scoring does."""

from __future__ import annotations

from engine import question_choice
from engine.earlier_counts import EARLIER_COUNTS, typed_count, when_taken
from engine.result import tied_places
from engine.session import InterviewSession, answers_from_case
from engine.unasked_findings import interview
from tests.conftest import make_case

CLOZAPINE = dict(
    patient={"age_years": 45, "sex": "male", "ancestry": "east_asian"},
    labs={"wbc": 2600, "anc": 900},
    earlier_counts=[{"weeks_ago": 60, "labs": {"wbc": 6400, "anc": 3900}},
                    {"weeks_ago": 20, "labs": {"wbc": 4100, "anc": 2100}}],
    medications=[{"name": "clozapine", "started_weeks_ago": 12}])


def rules_fired(result) -> set[str]:
    return {e.rule for c in result.ranking for e in c.evidence}


def test_a_count_typed_with_when_it_was_taken_is_a_case_files_entry(assessor):
    catalogue = assessor.catalogue
    assert typed_count("41 days", "wbc 11.7, neut 81%", catalogue).entry == \
        {"days_ago": 41, "labs": {"wbc": "11.7", "neutrophils_pct": "81%"}}
    assert when_taken("6 weeks ago") == {"weeks_ago": 6}
    assert when_taken("6 hours later") == {"hours_later": 6}
    assert when_taken("2 days later") == {"days_later": 2}


def test_a_count_that_cannot_be_read_says_why_and_is_not_recorded(assessor):
    catalogue = assessor.catalogue
    late = typed_count("last spring", "wbc 6.4", catalogue)
    assert late.entry is None and "6 weeks ago" in late.problem
    unread = typed_count("4 weeks", "wbc 6.4, lots of platelets", catalogue)
    assert unread.entry is None and "names no lab" in unread.problem


def test_the_offer_holds_the_earlier_counts_and_answers_them_from_the_notes(assessor):
    case = make_case(id="clozapine", **CLOZAPINE)
    session = InterviewSession(assessor, case_id=case.id)
    while (screen := session.next_screen()) is not None:
        if screen.kind == question_choice.WORKUP and screen.area == question_choice.WORKUP:
            assert question_choice.workup_offer_id("earlier") in {q.id for q in screen.questions}
        session.answer_screen(answers_from_case(session, screen, case))
    assert session.answers[EARLIER_COUNTS] == [c.to_document() for c in case.earlier_counts]
    assert "the_dated_counts_place_the_fall_after_the_drug_was_started" in \
        rules_fired(session.result())


def test_an_interview_of_notes_with_dated_counts_ranks_as_batch_scoring(assessor):
    case = make_case(id="clozapine", **CLOZAPINE)
    session, _, _ = interview(assessor, case)
    batch = assessor.assess(case)
    assert "the_dated_counts_place_the_fall_after_the_drug_was_started" in rules_fired(batch)
    assert tied_places(batch.ranking, 3) == tied_places(session.result().ranking, 3)


def test_an_earlier_count_the_case_refuses_is_refused_at_the_interview(assessor):
    session = InterviewSession(assessor, case_id="refused")
    session.answer("wbc", 2600)
    try:
        session.check(EARLIER_COUNTS, [{"weeks_ago": 4, "labs": {"wbc": -5}}])
    except Exception as error:  # InvalidAnswer, naming the key
        assert "wbc" in str(error)
    else:
        raise AssertionError("a negative earlier count was accepted")


def test_dated_counts_are_saved_and_read_back_on_resume(assessor, tmp_path):
    case = make_case(id="clozapine", **CLOZAPINE)
    session, _, _ = interview(assessor, case)
    path = tmp_path / "saved.yaml"
    session.save(str(path))
    resumed = InterviewSession.resume(str(path), assessor)
    assert resumed.answers[EARLIER_COUNTS] == session.answers[EARLIER_COUNTS]
    assert [c.cause for c in resumed.result().ranking] == \
        [c.cause for c in session.result().ranking]
