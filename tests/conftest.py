"""Shared fixtures: one assessor for the whole session (building the rule network is the
slow part) and a helper that turns a small vignette into a validated case."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.assessment import Assessor
from engine.cases import Case, load_text
from engine.errors import CaseFileError

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"


@pytest.fixture(scope="session")
def assessor() -> Assessor:
    return Assessor()


def make_case(**sections) -> Case:
    """A case from keyword sections, through the real loader (so it is validated too)."""
    sections.setdefault("id", "vignette")
    outcomes = load_text(yaml.safe_dump(sections, sort_keys=False), "vignette.yaml")
    outcome = outcomes[0]
    if isinstance(outcome, CaseFileError):
        raise AssertionError(f"vignette does not load: {outcome.message}")
    return outcome


@pytest.fixture
def assess(assessor):
    """Assess a vignette given as keyword sections."""
    return lambda **sections: assessor.assess(make_case(**sections))


def top_causes(result, k: int = 3) -> list[str]:
    return [cause.cause for cause in result.ranking[:k]]


def evidence_rules(result, cause: str) -> dict[str, int]:
    """Each rule's weight in one cause's evidence (empty when the cause is not ranked)."""
    ranked = next((c for c in result.ranking if c.cause == cause), None)
    return {item.rule: item.weight for item in ranked.evidence} if ranked else {}


def pitfall_ids(result) -> list[str]:
    return [pitfall.id for pitfall in result.pitfalls]
