"""Equal scores are equally likely, and every output says so: causes with the same score share
a rank (competition ranking, 1, 2, 2, 4), the table, Markdown, JSON, explain, the interview
report, study feedback and the CDS card show the shared place ("=2"), and a list cut inside a
tie says how many more causes share its last place. The order within a tie (prior, then id)
is only deterministic; nothing presents it as a clinical ranking."""

from __future__ import annotations

import io
import json

import pytest
from conftest import make_case
from rich.console import Console

from engine import study
from engine.batch import CaseOutcome
from engine.question_choice import Standing, change
from engine.result import tied_beyond, tied_places, top_with_ties
from interview import render

# "Pancytopenia, counts not given": nothing but three low lines, so the marrow, nutritional
# and infiltrative causes each get the same one finding
BARE_PANCYTOPENIA = dict(patient={"age_years": 30, "sex": "male"},
                         labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"})
# the same in an older woman: myelodysplasia (a disease of older adults) leads alone, and
# the causes behind it tie across the third place
OLDER_PANCYTOPENIA = dict(patient={"age_years": 60, "sex": "female"},
                          labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"})


def console(width: int = 100) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=width, color_system=None, highlight=False), buffer


def flat(buffer: io.StringIO) -> str:
    return " ".join(buffer.getvalue().split())


@pytest.fixture(scope="module")
def bare(assessor):
    case = make_case(**BARE_PANCYTOPENIA)
    return case, assessor.assess(case)


@pytest.fixture(scope="module")
def older(assessor):
    case = make_case(**OLDER_PANCYTOPENIA, expected={"causes": ["vitamin_b12_deficiency"]})
    return case, assessor.assess(case)


def _tie_across_the_third(ranking) -> bool:
    return len(ranking) > 3 and ranking[2].score == ranking[3].score


def test_equal_scores_share_the_rank_of_the_first_of_them_and_the_next_score_skips_past(older):
    ranking = older[1].ranking
    assert _tie_across_the_third(ranking)  # the vignette holds a tie across the cut
    for position, cause in enumerate(ranking, start=1):
        first_with_score = next(c for c in ranking if c.score == cause.score)
        assert cause.rank == position  # the list's position keeps its meaning
        assert cause.shared_rank == first_with_score.rank
        assert cause.tied_with == sum(c.score == cause.score for c in ranking) - 1
    # after a tie of n at rank r the next cause is ranked r + n, not r + 1
    third = ranking[2]
    after = next(c for c in ranking if c.score < third.score)
    assert after.shared_rank == third.shared_rank + third.tied_with + 1


def test_the_causes_beyond_a_cut_inside_a_tie_are_the_rest_of_that_tie(older):
    ranking = older[1].ranking
    beyond = tied_beyond(ranking, 3)
    assert beyond and all(c.score == ranking[2].score for c in beyond)
    assert len(beyond) == ranking[2].tied_with - sum(
        c.score == ranking[2].score for c in ranking[:2])
    assert top_with_ties(ranking, 3) == ranking[:3 + len(beyond)]
    assert tied_beyond(ranking, 1) == ()  # myelodysplasia leads alone here


def test_two_rankings_with_the_same_places_agree_whatever_order_their_tie_is_listed_in(
        bare, older):
    ranking = bare[1].ranking
    assert ranking[0].tied_with >= 3
    places = tied_places(ranking, 3)
    assert places == ((1, frozenset(c.cause for c in ranking[:ranking[0].tied_with + 1])),)
    assert tied_places(older[1].ranking, 3) != places


def test_the_json_gives_each_ranked_cause_its_shared_rank_beside_every_field_it_had(older):
    case, result = older
    outcome = CaseOutcome(id=case.id, file="vignette.yaml", status="ok", case=case,
                          result=result)
    data = json.loads(json.dumps(render.outcome_dict(outcome)))
    assert json.loads(render.case_json(outcome)) == data  # the fast path says the same
    for entry, cause in zip(data["ranking"], result.ranking, strict=True):
        assert {"rank", "cause", "name", "category", "score", "band", "prior",
                "must_not_miss", "evidence", "next_steps", "drugs"} <= set(entry)
        assert (entry["rank"], entry["shared_rank"], entry["tied_with"]) == (
            cause.rank, cause.shared_rank, cause.tied_with)
    expected = next(c for c in result.ranking if c.cause == "vitamin_b12_deficiency")
    assert data["hit"]["rank"] == expected.rank  # the position, as before
    assert (data["hit"]["shared_rank"], data["hit"]["tied_with"]) == (
        expected.shared_rank, expected.tied_with)


def test_the_score_table_marks_shared_places_and_says_how_many_more_share_the_last_one(older):
    case, result = older
    out, buffer = console()
    render.render_result(out, result, top=3)
    shown = flat(buffer)
    tied = result.ranking[1]
    assert tied.tied_with and f"={tied.shared_rank} " in shown
    more = tied_beyond(result.ranking, 3)
    assert f"And {len(more)} more at the same score ({more[0].score:+d})" in shown
    assert more[0].name in shown
    assert "no clinical order" in shown


def test_a_list_that_ends_between_two_scores_has_no_more_at_the_same_score(older):
    case, result = older
    out, buffer = console()
    render.render_result(out, result, top=1, steps=1)
    assert "more at the same score" not in flat(buffer)


def test_the_markdown_report_shows_shared_places_and_the_tie_at_the_cut(older):
    case, result = older
    outcome = CaseOutcome(id=case.id, file="vignette.yaml", status="ok", case=case,
                          result=result)
    from engine.batch import summarise
    text = render.render_markdown([outcome], summarise([outcome]), top=3)
    cases = text[text.index("## Cases"):]
    row = next(line for line in cases.splitlines() if line.startswith("| vignette |"))
    assert f"={result.ranking[1].shared_rank}. " in row
    assert f"and {len(tied_beyond(result.ranking, 3))} more at the same score" in row
    assert result.hit.tied_with
    assert f"(={result.hit.shared_rank}, tied with {result.hit.tied_with})" in text


def test_explain_says_which_causes_a_cause_is_tied_with_and_how_many_more_share_the_place(
        bare):
    case, result = bare
    out, buffer = console()
    render.render_explanation(out, result, "", 5, case=case)
    shown = flat(buffer)
    first, second = result.ranking[0], result.ranking[1]
    assert f"=1. {first.name}" in shown
    assert f"tied with {second.name}" in shown
    assert f"Evidence shown for the first 3, and {len(tied_beyond(result.ranking, 3))} more " \
           "at the same score" in shown


def test_the_interview_report_shows_the_tie_at_its_third_place(assessor):
    from engine.session import InterviewSession, answers_from_case
    from interview.session import Interviewer

    case = make_case(**BARE_PANCYTOPENIA)
    session = InterviewSession(assessor, case_id=case.id)
    while (screen := session.next_screen()) is not None:
        session.answer_screen(answers_from_case(session, screen, case))
    result = session.result()
    assert _tie_across_the_third(result.ranking)
    out, buffer = console()
    Interviewer(session, out).show_report()
    shown = flat(buffer)
    assert f"=1 {result.ranking[0].name}" in shown
    assert f"{len(tied_beyond(result.ranking, 3))} more at the same score" in shown


def test_a_trainee_who_names_any_cause_tied_for_first_agrees_with_the_system(bare):
    case, result = bare
    tied_first = [c for c in result.ranking if c.shared_rank == 1]
    assert len(tied_first) > 1
    last_of_them = tied_first[-1]  # listed last only by the alphabet
    score = study.score_answer([last_of_them.cause], [], [last_of_them.cause], [], result)
    assert score.agrees_with_system
    assert score.system_shared_ranks == (1,) and score.system_tied == (True,)
    below = next(c for c in result.ranking if c.shared_rank > 1)
    assert not study.score_answer([below.cause], [], [last_of_them.cause], [],
                                  result).agrees_with_system


def test_study_feedback_says_the_system_ranks_several_causes_equal_first(bare):
    from interview.study import render_feedback
    from rules.catalogue import load_catalogue

    case, result = bare
    tied_first = [c for c in result.ranking if c.shared_rank == 1]
    score = study.score_answer([tied_first[-1].cause], [], [tied_first[-1].cause], [], result)
    out, buffer = console()
    render_feedback(out, study.StudyCase(case, "nutritional", "easy"), result, score,
                    load_catalogue())
    shown = flat(buffer)
    assert f"one of the {len(tied_first)} causes the system ranks equal first" in shown
    assert "(system =1)" in shown
    assert "more at the same score" in shown


def test_study_feedback_on_a_wrong_first_choice_names_every_cause_tied_for_first(bare):
    from interview.study import render_feedback
    from rules.catalogue import load_catalogue

    case, result = bare
    tied_first = [c for c in result.ranking if c.shared_rank == 1]
    below = next(c for c in result.ranking if c.shared_rank > 1)
    score = study.score_answer([below.cause], [], [tied_first[0].cause], [], result)
    out, buffer = console()
    render_feedback(out, study.StudyCase(case, "nutritional", "easy"), result, score,
                    load_catalogue())
    shown = flat(buffer)
    assert f"The system ranks {len(tied_first)} causes equal first" in shown
    assert f"The system's first choice was {tied_first[0].name}" not in shown


def test_the_cds_card_marks_shared_places(bare):
    from interview.cds import cards_for

    case, result = bare
    detail = cards_for(result, case, "http://localhost")["cards"][-1]["detail"]
    assert f"| =1 | {result.ranking[0].name}" in detail
    assert "more at the same score" in detail


def _standing(places, top, tied_top=None):
    return Standing(top=top, must_not_miss=frozenset(), pitfalls=frozenset(),
                    emergencies=frozenset(), scores={c: 0 for c in tied_top or top},
                    tied_top=tied_top or top, places=places)


def test_an_answer_that_makes_a_tie_at_the_top_changes_the_order_the_report_shows():
    top = ("duffy_null_neutrophil_count", "hyperthyroidism", "viral_marrow_suppression")
    alone = _standing(((1, frozenset(top[:1])), (2, frozenset(top[1:2])),
                       (3, frozenset(top[2:]))), top)
    tied = _standing(((1, frozenset(top[:2])), (3, frozenset(top[2:]))), top)
    # the list reads the same (the alphabet puts Duffy first either way); the report does not
    assert "the order of the top 3" in change(alone, tied)[1]


def test_a_cause_that_joins_the_tie_at_the_third_place_changes_the_top_three():
    top = ("acute_myeloid_leukemia", "folate_deficiency", "lymphoma_marrow_infiltration")
    before = _standing(((1, frozenset(top)),), top)
    joined = (*top, "vitamin_b12_deficiency")
    after = _standing(((1, frozenset(joined)),), top, joined)
    assert "the top 3" in change(before, after)[1]
