"""The ranking's fast paths build what the plain ones would: a ranked cause set up in one
step equals the dataclass's own, and the score band read in a loop is the band."""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import pytest

from engine.result import EvidenceItem, RankedCause
from engine.scoring import BANDS, _ranked_cause, band, rank_causes
from rules.catalogue import load_catalogue

ITEM = EvidenceItem("some_rule", "hypersplenism", 10, "A big spleen pools cells.", "seed-001")
VALUES = (2, "hypersplenism", "Hypersplenism", "sequestration", -15, -5, "possible", False,
          (ITEM,), (), ("methotrexate",), 2, 1)


def test_a_ranked_cause_built_in_one_step_equals_the_one_its_dataclass_builds():
    fast, plain = _ranked_cause(*VALUES), RankedCause(*VALUES)
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert list(vars(fast).items()) == list(vars(plain).items())
    assert asdict(fast) == asdict(plain) and fast.tied
    with pytest.raises(AttributeError):  # still frozen
        fast.score = 0
    with pytest.raises(ValueError):  # a field short: refused, not left unset
        _ranked_cause(*VALUES[:-1])
    assert len(VALUES) == len(fields(RankedCause))


@pytest.mark.parametrize("score", [40, 1, 0, -1, -10, -11, -60])
def test_the_band_of_a_score_is_the_first_whose_floor_it_reaches(score):
    assert band(score) == next(label for floor, label in BANDS if score >= floor)


def test_ties_and_opposed_evidence_come_out_of_the_ranking_as_before():
    """Two causes with equal scores share a rank (ordered by prior, then id), a cause with
    only evidence against it is not ranked, and its evidence is returned as opposed."""
    catalogue = load_catalogue()
    common = [c.id for c in catalogue.causes.values() if c.tier == "common"][:2]
    rare = next(c.id for c in catalogue.causes.values() if c.tier == "rare")
    evidence = [
        {"rule": "a", "cause": common[1], "weight": 10, "rationale": "r", "source": "s"},
        {"rule": "b", "cause": common[0], "weight": 10, "rationale": "r", "source": "s"},
        {"rule": "c", "cause": rare, "weight": -5, "rationale": "r", "source": "s"},
        {"rule": "d", "cause": common[0], "weight": 4, "rationale": "r", "source": "s"},
        {"rule": "e", "cause": common[0], "weight": -4, "rationale": "r", "source": "s"},
    ]
    ranking, opposed = rank_causes(evidence, catalogue)
    # both at 0 (the prior -10 and +10; +4 and -4): tied, in id order (the priors are equal)
    assert [c.cause for c in ranking] == sorted(common)
    by_id = {c.cause: c for c in ranking}
    assert [(c.score, c.rank, c.shared_rank, c.tied_with, c.band) for c in ranking] == \
        [(0, 1, 1, 1, "likely"), (0, 2, 1, 1, "likely")]
    assert [e.rule for e in by_id[common[0]].evidence] == ["b", "d", "e"]
    assert [e.cause for e in opposed] == [rare]


def test_a_findings_answer_read_from_the_implied_answers_is_the_one_the_case_gives():
    """``question_status`` reads a finding's answer from the findings with their implied
    answers; for every bundled case and findings question that is ``Case.answer_for``."""
    from engine.cases import Case, case_files, load_file
    from rules.derived_findings import with_implied_answers

    catalogue = load_catalogue()
    findings = [q for q in catalogue.questions.values() if q.section == "findings"]
    bundled = str(Path(__file__).resolve().parent.parent / "cases")
    cases = [c for path in case_files([bundled]) for c in load_file(path)
             if isinstance(c, Case)]
    assert cases and findings
    for case in cases:
        implied = with_implied_answers(case.findings)
        for question in findings:
            assert implied.get(question.id) == case.answer_for(
                question.id, question.section, implied), (case.id, question.id)
