"""The fast inference path (FastReteMatcher, recorded conclusions, engine reuse) reaches the
same conclusions as experta's stock matcher on realistic cases, and one reused engine gives
the same answer for a case whatever was assessed before it."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from benchmarks.generate_cases import Generator
from engine.assessment import Assessor
from engine.cases import Case, case_files, load_file, load_text
from engine.inference import StockReasoner
from tests.conftest import CASES


def _generated_cases(count: int, seed: int) -> list[Case]:
    import yaml

    generator = Generator(seed)
    cases = []
    for index in range(count):
        text = yaml.safe_dump(generator.case(index), sort_keys=False)
        cases.extend(c for c in load_text(text, f"generated-{index}.yaml")
                     if isinstance(c, Case))
    return cases


def _bundled_cases() -> list[Case]:
    return [c for path in case_files([str(CASES)]) for c in load_file(path)
            if isinstance(c, Case)]


def _comparable(result) -> dict:
    """A result with the firing order set aside: rules that become ready together may fire
    in either order, so the trace and the evidence against unranked causes are compared as
    collections; everything a user sees must be identical."""
    data = asdict(result)
    data["trace"] = sorted((f["rule"], tuple(sorted(f["facts"]))) for f in data["trace"])
    data["opposed"] = sorted(map(repr, data["opposed"]))
    for pitfall in data["pitfalls"]:
        pitfall.pop("rule")  # the first rule to flag it; several may
    return data


@pytest.fixture(scope="module")
def stock_assessor() -> Assessor:
    stock = Assessor()
    stock.reasoner = StockReasoner()
    return stock


@pytest.fixture(scope="module")
def realistic_cases() -> list[Case]:
    return _generated_cases(60, seed=7) + _bundled_cases()


def test_fast_engine_reaches_the_stock_engines_conclusions(assessor, stock_assessor,
                                                           realistic_cases):
    assert realistic_cases
    for case in realistic_cases:
        assert _comparable(assessor.assess(case)) == _comparable(stock_assessor.assess(case)), \
            case.id


def test_a_reused_engine_forgets_the_previous_case(assessor, realistic_cases):
    first = [assessor.assess(case) for case in realistic_cases]
    again = [assessor.assess(case) for case in reversed(realistic_cases)][::-1]
    assert [asdict(r) for r in first] == [asdict(r) for r in again]


def test_conclusions_no_rule_waits_for_are_recorded_not_declared(assessor):
    from rules.facts import Ask, Evidence, Pitfall

    recorded = set(assessor.reasoner.recorded)
    assert recorded <= {Evidence, Pitfall, Ask}
    case = _generated_cases(1, seed=3)[0]
    assessor.assess(case)
    declared = {type(fact) for fact in assessor.reasoner.facts.values()}
    assert not declared & recorded
