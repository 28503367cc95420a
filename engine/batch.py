"""Batch scoring: assess every case named by a set of paths and measure the rankings
against the answers the cases state. One bad case never stops the batch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .assessment import Assessor
from .cases import Case, case_files, load_file
from .errors import CaseFileError
from .result import Result


@dataclass
class CaseOutcome:
    """One case's fate: scored (``result`` set) or not (``error`` set)."""

    id: str | None
    file: str
    status: str  # ok or error
    error: str | None = None
    result: Result | None = None
    case: Case | None = None


@dataclass
class Summary:
    cases: int
    scored: int
    errors: int
    with_expected: int = 0
    top1: float | None = None
    top3: float | None = None
    mrr: float | None = None
    pitfall_recall: float | None = None
    pitfall_precision: float | None = None


def outcomes_for_file(path: str, assessor: Assessor) -> list[CaseOutcome]:
    """Load and assess every case in one file."""
    outcomes = []
    for loaded in load_file(path):
        if isinstance(loaded, CaseFileError):
            outcomes.append(CaseOutcome(id=None, file=path, status="error",
                                        error=loaded.message))
            continue
        outcomes.append(CaseOutcome(id=loaded.id, file=path, status="ok",
                                    result=assessor.assess(loaded), case=loaded))
    return outcomes


def score_paths(paths: Iterable[str], assessor: Assessor | None = None) -> list[CaseOutcome]:
    """Assess every case under ``paths`` in a stable order (files sorted within folders)."""
    assessor = assessor or Assessor()
    outcomes: list[CaseOutcome] = []
    for path in case_files(paths):
        outcomes.extend(outcomes_for_file(path, assessor))
    return outcomes


def summarise(outcomes: list[CaseOutcome]) -> Summary:
    """Counts, and accuracy figures over the cases that state what they expect."""
    scored = [o for o in outcomes if o.result is not None]
    summary = Summary(cases=len(outcomes), scored=len(scored),
                      errors=len(outcomes) - len(scored))
    judged = [o for o in scored if o.case.expected is not None]
    summary.with_expected = len(judged)
    with_causes = [o for o in judged if o.case.expected.causes]
    if with_causes:
        ranks = [o.result.hit.rank for o in with_causes]
        summary.top1 = _ratio(sum(r == 1 for r in ranks), len(ranks))
        summary.top3 = _ratio(sum(r is not None and r <= 3 for r in ranks), len(ranks))
        summary.mrr = round(sum(1 / r for r in ranks if r) / len(ranks), 3)
    if judged:
        found = sum(len(o.result.hit.pitfalls_found) for o in judged)
        missed = sum(len(o.result.hit.pitfalls_missed) for o in judged)
        unexpected = sum(len(o.result.hit.pitfalls_unexpected) for o in judged)
        summary.pitfall_recall = _ratio(found, found + missed) if found + missed else 1.0
        summary.pitfall_precision = (_ratio(found, found + unexpected)
                                     if found + unexpected else 1.0)
    return summary


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3)


def display_id(outcome: CaseOutcome) -> str:
    """The case id, or for a case that failed to load, the file's name."""
    return outcome.id or Path(outcome.file).stem
