"""A well four-year-old with a moderate neutropenia and many lymphocytes: the interview asks
about a recent viral illness (it decides how likely the passing viral fall that leads is), and
spends no screen on rare signs whose only effect would be to reorder the inherited causes that
stand far behind that leader (engine/question_choice.py: a cause 20 decibans or more below
the leading score, before and after an answer, is no contender)."""

from __future__ import annotations

from engine import question_choice
from engine.question_choice import SHIFT_CAP, Standing, change
from engine.session import InterviewSession

WELL_CHILD = {"wbc": 2700, "anc": 800, "lymphocytes_pct": 62, "hemoglobin": 12,
              "platelets": 260000, "age_years": 4, "sex": "male", "temperature_c": 36.8,
              "fever": "no", "medications": [], "smear": [], "hiv_risk": "none", "mcv": 80,
              "diet": "varied", "age_at_onset": "childhood"}


def interview(assessor, **told) -> InterviewSession:
    """The interview to its stop, answered as the parent of a well child would: what
    ``WELL_CHILD`` and ``told`` say, no to every other yes/no question, not known otherwise."""
    given = {**WELL_CHILD, **told}
    session = InterviewSession(assessor)
    while (screen := session.next_screen()) is not None:
        session.answer_screen([
            (q.id, given.get(q.id, "no" if q.question.kind == "yesno" else "unknown"))
            for q in screen.questions])
    return session


def asked(session: InterviewSession) -> list[str]:
    return [question_id for screen in session.screens for question_id in screen]


def test_a_well_four_year_old_is_asked_about_a_recent_viral_illness(assessor):
    session = interview(assessor)
    questions = asked(session)
    assert "recent_viral_illness" in questions
    # on the first screen of findings, before the family and the congenital signs
    assert questions.index("recent_viral_illness") < questions.index("serial_counts")
    assert session.result().ranking[0].cause == "viral_marrow_suppression"


def test_after_a_recent_cold_the_signs_that_only_reorder_the_inherited_causes_far_behind_wait(
        assessor):
    session = interview(assessor, recent_viral_illness="yes")
    ranking = session.result().ranking
    leader = ranking[0]
    assert (leader.cause, leader.band) == ("viral_marrow_suppression", "likely")
    assert all(leader.score - c.score >= question_choice.FAR_BELOW for c in ranking[1:3])
    # microcephaly would only bring dyskeratosis congenita into that tie far behind, and
    # periodic mouth ulcers only move cyclic neutropenia within it: neither is asked
    assert {"microcephaly", "periodic_symptoms"} <= set(session.settled)
    assert not {"microcephaly", "periodic_symptoms"} & set(asked(session))
    # a sign whose yes would bring its syndrome close to the leader is still asked
    assert "pancreatic_insufficiency" in asked(session)


def standing(scores: dict[str, int], must_not_miss: tuple[str, ...] = ()) -> Standing:
    """A report's conclusions from causes' scores: the top 3 (every cause tied at the third
    place with it) and the shared places, ranked as the report ranks them."""
    ranked = sorted(scores, key=lambda cause: (-scores[cause], cause))
    third = scores[ranked[min(2, len(ranked) - 1)]]
    tied_top = tuple(c for c in ranked if scores[c] >= third)
    places = {}
    for cause in tied_top:
        rank = 1 + sum(scores[other] > scores[cause] for other in scores)
        places.setdefault(rank, set()).add(cause)
    return Standing(top=tuple(ranked[:3]), must_not_miss=frozenset(must_not_miss),
                    pitfalls=frozenset(), emergencies=frozenset(), scores=dict(scores),
                    tied_top=tied_top,
                    places=tuple((rank, frozenset(c)) for rank, c in places.items()))


VIRUS_LEADS = {"viral_marrow_suppression": 2, "cyclic_neutropenia": -23, "myelokathexis": -25,
               "shwachman_diamond_syndrome": -28}


def test_a_tie_of_rare_causes_far_behind_the_leader_reordered_is_worth_no_more_than_a_shift():
    joined = standing({**VIRUS_LEADS, "dyskeratosis_congenita": -23})
    value, words = change(standing(VIRUS_LEADS), joined)
    assert value <= SHIFT_CAP and not words
    swapped = standing({**VIRUS_LEADS, "myelokathexis": -21})
    value, words = change(standing(VIRUS_LEADS), swapped)
    assert value <= SHIFT_CAP and not words


def test_the_same_causes_close_behind_the_leader_still_count_in_the_top_three():
    close = {"viral_marrow_suppression": -8, "cyclic_neutropenia": -13, "myelokathexis": -15}
    joined = standing({**close, "dyskeratosis_congenita": -13})
    assert "the top 3" in change(standing(close), joined)[1]


def test_a_rare_cause_brought_close_to_the_leader_or_flagged_must_not_miss_still_counts():
    lifted = standing({**VIRUS_LEADS, "shwachman_diamond_syndrome": -8})
    assert "the top 3" in change(standing(VIRUS_LEADS), lifted)[1]
    flagged = standing({**VIRUS_LEADS, "fanconi_anemia": -23}, must_not_miss=("fanconi_anemia",))
    assert "the must-not-miss causes" in change(standing(VIRUS_LEADS), flagged)[1]


def test_the_same_leader_called_likely_where_it_was_possible_is_worth_a_question():
    possible = standing({**VIRUS_LEADS, "viral_marrow_suppression": -8})
    value, words = change(possible, standing(VIRUS_LEADS))
    assert words == ("how likely the leading cause is",) and value > SHIFT_CAP
