"""Study marking gives points for what was at stake: a case where no pitfall applies has no
pitfall points to give away; and each wrong cause a trainee names is told why it does not fit,
from the engine's own findings on the case and its rules."""

from __future__ import annotations

import io

import pytest
from conftest import make_case
from rich.console import Console

from engine import kb_check, study
from engine.study import score_answer
from rules.catalogue import load_catalogue

# a man ten weeks into clozapine with fever, a sore throat and no big spleen
CLOZAPINE_FEVER = dict(
    patient={"age_years": 34, "sex": "male", "ancestry": "european"},
    labs={"wbc": 2100, "anc": 300, "hemoglobin": 14.2, "platelets": 245000},
    smear=["normal"], medications=[{"name": "Clozaril", "started_weeks_ago": 10}],
    findings={"temperature_c": 38.6, "splenomegaly": "no", "sore_throat_or_mouth_ulcers": "yes"},
    expected={"causes": ["drug_clozapine"], "pitfalls": ["neutropenic_fever"]})


def test_leaving_every_pitfall_unticked_where_none_apply_earns_nothing_beside_a_wrong_cause():
    score = score_answer(["malaria"], [], ["drug_clozapine"], [])
    assert score.points == 0 and score.maximum == study.CAUSE_POINTS_MAX
    assert score.verdict == "wrong"
    assert [f"{line.points:g} / {line.maximum:g}" for line in score.lines] == ["0 / 6", "0 / 0"]


@pytest.mark.parametrize("pitfalls, at_stake", [(0, 0), (1, 2), (2, 4), (3, 4)])
def test_pitfall_points_scale_with_how_many_pitfalls_the_case_has(pitfalls, at_stake):
    wanted = sorted(load_catalogue().pitfalls)[:pitfalls]
    all_found = score_answer(["clozapine"], wanted, ["drug_clozapine"], wanted)
    none_found = score_answer(["clozapine"], [], ["drug_clozapine"], wanted)
    assert all_found.lines[1].maximum == at_stake == all_found.lines[1].points
    assert none_found.lines[1].points == 0
    assert all_found.maximum == study.CAUSE_POINTS_MAX + at_stake


def test_ticking_a_pitfall_where_none_apply_still_costs_a_point_of_the_total():
    honest = score_answer(["clozapine"], [], ["drug_clozapine"], [])
    overclaiming = score_answer(["clozapine"], ["neutropenic_fever"], ["drug_clozapine"], [])
    assert (honest.points, honest.maximum) == (6, 6)
    assert honest.points - overclaiming.points == study.WRONG_PITFALL_PENALTY
    wrong_and_overclaiming = score_answer(["malaria"], ["neutropenic_fever"],
                                          ["drug_clozapine"], [])
    assert wrong_and_overclaiming.points == 0  # never below nothing


@pytest.fixture(scope="module")
def clozapine_fever():
    from engine.assessment import Assessor

    case = make_case(**CLOZAPINE_FEVER)
    return case, Assessor().assess(case)


def test_each_wrong_cause_named_is_told_why_it_does_not_fit(clozapine_fever):
    case, result = clozapine_fever
    score = score_answer(["hypersplenism", "carbamazepine", "malaria"], [], ["drug_clozapine"],
                         ["neutropenic_fever"], result)
    from engine.study import why_wrong_causes

    book = kb_check.read_rules(catalogue=load_catalogue())
    wrong = {w.cause: w for w in why_wrong_causes(score, result, case, book=book)}
    assert list(wrong) == ["hypersplenism", "drug_antiepileptic", "malaria"]
    # a spleen that is not enlarged is the evidence against hypersplenism, as the engine found
    opposed = [e for e in result.opposed if e.cause == "hypersplenism"]
    assert opposed and set(wrong["hypersplenism"].against) == set(opposed)
    assert all(e.weight < 0 for e in wrong["hypersplenism"].against)
    # a drug cause without its drug in the case says so
    assert wrong["drug_antiepileptic"].missing_drug_class == \
        load_catalogue().drug_classes["antiepileptic"].name
    # nothing here for malaria: what its rules look for, strongest first, from the rule book
    malaria = wrong["malaria"]
    assert malaria.nothing_for_it and malaria.would_point_to_it
    for_malaria = {c.rationale for c in book.evidence_for("malaria") if c.direction == "for"}
    assert set(malaria.would_point_to_it) <= for_malaria


def test_a_wrong_cause_the_system_ranks_is_shown_with_its_rank_and_the_findings_for_it(
        clozapine_fever):
    case, result = clozapine_fever
    from engine.study import why_wrong_causes

    runner_up = result.ranking[1]
    score = score_answer([runner_up.cause], [], ["drug_clozapine"], [], result)
    (wrong,) = why_wrong_causes(score, result, case)
    assert (wrong.rank, wrong.score) == (runner_up.rank, runner_up.score)
    assert wrong.support == tuple(sorted((e for e in runner_up.evidence if e.weight > 0),
                                         key=lambda e: -e.weight))


def test_the_feedback_says_why_each_wrong_choice_does_not_fit(clozapine_fever):
    case, result = clozapine_fever
    from interview.study import render_feedback

    score = score_answer(["hypersplenism", "malaria"], [], ["drug_clozapine"],
                         ["neutropenic_fever"], result)
    buffer = io.StringIO()
    out = Console(file=buffer, width=80, color_system=None)
    render_feedback(out, study.StudyCase(case, "medication", "easy"), result, score,
                    load_catalogue())
    shown = " ".join(buffer.getvalue().split())
    assert "Why your other choices do not fit" in shown
    against = next(e for e in result.opposed if e.cause == "hypersplenism")
    assert f"{against.weight:+d} {' '.join(against.rationale.split())}" in shown
    assert "✗ Malaria: not ranked by the system" in shown
    assert "What would point to it:" in shown
    assert "{" not in shown
