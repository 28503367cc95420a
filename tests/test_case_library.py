"""The bundled teaching-case library: every case loads and scores, the library as a whole
meets its accuracy targets, every cause and pitfall is taught by some case, and every case
can be used for self-study."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES

from engine.batch import score_paths, summarise
from rules.catalogue import load_catalogue

TOP3_TARGET = 0.95
PITFALL_RECALL_TARGET = 0.95
PITFALL_PRECISION_TARGET = 0.9


@pytest.fixture(scope="module")
def library(assessor):
    outcomes = score_paths([str(CASES)], assessor)
    assert outcomes, f"no cases found under {CASES}"
    return outcomes


def scored(library):
    return [outcome for outcome in library if outcome.result is not None]


def test_every_bundled_case_loads_and_scores(library):
    failures = [f"{outcome.file}: {outcome.error}" for outcome in library
                if outcome.status != "ok"]
    assert not failures, "\n".join(failures)


def test_every_case_id_is_its_file_name(library):
    mismatched = [f"{outcome.file}: id {outcome.id!r}" for outcome in scored(library)
                  if outcome.id != Path(outcome.file).stem]
    assert not mismatched, "\n".join(mismatched)


def test_no_case_names_a_medication_the_dictionary_does_not_know(library):
    # An unrecognised drug is silently left unweighed, which would make a teaching case lie.
    unknown = [f"{outcome.id}: {warning}" for outcome in scored(library)
               for warning in outcome.result.warnings]
    assert not unknown, "\n".join(unknown)


def test_the_library_meets_its_accuracy_targets(library):
    summary = summarise(library)
    assert summary.with_expected == summary.scored, "every bundled case states what it expects"
    assert summary.top3 >= TOP3_TARGET, summary
    assert summary.pitfall_recall >= PITFALL_RECALL_TARGET, summary
    assert summary.pitfall_precision >= PITFALL_PRECISION_TARGET, summary


def test_every_cause_is_ranked_in_the_top_three_by_at_least_one_case(library):
    taught = {cause.cause for outcome in scored(library)
              for cause in outcome.result.ranking[:3]
              if outcome.case.expected and cause.cause in outcome.case.expected.causes}
    missing = sorted(set(load_catalogue().causes) - taught)
    assert not missing, f"no bundled case ranks these causes in its top 3: {missing}"


def test_every_pitfall_is_expected_by_at_least_one_case(library):
    expected = {pitfall for outcome in scored(library) if outcome.case.expected
                for pitfall in outcome.case.expected.pitfalls}
    missing = sorted(set(load_catalogue().pitfalls) - expected)
    assert not missing, f"no bundled case teaches these pitfalls: {missing}"


def test_every_case_has_a_teaching_vignette_points_and_difficulty(library):
    incomplete = [outcome.id for outcome in scored(library)
                  if outcome.case.teaching is None or not outcome.case.teaching.vignette
                  or not outcome.case.teaching.points or not outcome.case.teaching.difficulty]
    assert not incomplete, f"cases without a vignette, points or difficulty: {incomplete}"
