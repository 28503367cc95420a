"""The fast inference path (FastReteMatcher, recorded conclusions, engine reuse) reaches the
same conclusions as experta's stock matcher on realistic cases, and one reused engine gives
the same answer for a case whatever was assessed before it."""

from __future__ import annotations

from dataclasses import asdict

import pytest
from experta import L, P, W

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
    from rules.facts import Ask, Evidence, Pitfall, Settled

    recorded = set(assessor.reasoner.recorded)
    assert recorded <= {Evidence, Pitfall, Ask, Settled}
    case = _generated_cases(1, seed=3)[0]
    assessor.assess(case)
    declared = {type(fact) for fact in assessor.reasoner.facts.values()}
    assert not declared & recorded


def test_each_one_per_case_class_has_at_most_one_fact_in_every_case(assessor, realistic_cases):
    # the fast matcher drops experta's per-pattern bindings for these classes (two patterns
    # of such a class can only match the same fact), so the promise must hold
    from collections import Counter

    from rules.facts import ONE_PER_CASE

    for case in realistic_cases:
        assessor.assess(case)
        counts = Counter(type(fact) for fact in assessor.reasoner.facts.values())
        assert all(counts[kind] <= 1 for kind in ONE_PER_CASE), (case.id, counts)


def test_two_patterns_of_a_class_with_several_facts_still_pair_both_ways():
    # two medications each match both patterns: experta activates the rule for each
    # pairing, and the fast matcher must keep the bindings that tell the pairings apart
    from experta import KnowledgeEngine, Rule, W

    from engine.inference import FastDepthStrategy, FastReteMatcher
    from rules.facts import Medication

    def firings(matcher) -> int:
        class TwoDrugs(KnowledgeEngine):
            __matcher__ = matcher
            __strategy__ = FastDepthStrategy
            fired = 0

            @Rule(Medication(generic=W()), Medication(drug_class=W()))
            def pair(self):
                type(self).fired += 1

        engine = TwoDrugs()
        engine.reset()
        engine.declare(Medication(order=0, generic="a", drug_class="x"))
        engine.declare(Medication(order=1, generic="b", drug_class="y"))
        engine.run()
        return TwoDrugs.fired

    from experta.matchers.rete import ReteMatcher

    assert firings(FastReteMatcher) == firings(ReteMatcher) == 4


def test_every_rule_is_prepared_for_the_network_as_experta_prepares_it(assessor):
    """The rules in disjunctive normal form already are prepared without experta's
    step-by-step rewriting (engine/inference.py: prepared); for every rule of the knowledge
    base the conditions, their kinds, the function and the salience are what experta's
    prepare_rule makes."""
    from experta.matchers.rete.utils import prepare_rule

    from engine.inference import _prepared_with_one_or, _RewrittenRule, prepared

    rules = assessor.reasoner.get_rules()
    for rule in rules:
        ours, experta_s = prepared(_RewrittenRule.of(rule)), prepare_rule(_RewrittenRule.of(rule))
        assert ours == experta_s, rule._wrapped.__name__
        # equal tuples may still be different conditions (an AND equals an OR of the same
        # elements): the kind of every element, at every depth, is compared too
        assert _shape(ours) == _shape(experta_s), rule._wrapped.__name__
        assert (ours.salience, ours._wrapped) == (experta_s.salience, experta_s._wrapped)
    # the shortcuts are taken by most rules (not only a few trivial ones), so it is what
    # this test proves: rules in normal form already, and rules with one OR of them
    assert sum(_all_plain(rule) for rule in rules) > len(rules) / 2
    assert sum(_prepared_with_one_or(rule, tuple(rule)) is not None for rule in rules) > 100


def test_a_rule_with_one_or_is_prepared_as_experta_prepares_it():
    """The OR shortcut on its own shapes: an OR alone, an OR among other conditions (which
    are distributed over its alternatives), alternatives that are ANDs or begin with a
    NOT (an InitialFact in front); rules it does not take are left to experta."""
    from experta import AND, NOT, OR, TEST, Rule
    from experta.matchers.rete.utils import prepare_rule

    from engine.inference import _prepared_with_one_or, _RewrittenRule, prepared
    from rules.facts import Findings, Labs, Patient

    def noop(self):
        pass

    shapes = [
        (OR(Findings(a="yes"), Labs(b=1)),),
        (Patient(age_group="adult"), OR(Findings(a="yes"), Findings(c="no")), TEST(lambda: True)),
        (NOT(Labs(b=2)), OR(Findings(a="yes"), AND(Findings(c="no"), Labs(b=1)))),
        (OR(NOT(Findings(a="yes")), AND(NOT(Labs(b=1)), Findings(c="no"))),),
        (Findings(a="yes"), OR(NOT(Labs(b=1)), Labs(b=3)), NOT(Patient(sex="female"))),
    ]
    for conditions in shapes:
        rule = _RewrittenRule.of(Rule(*conditions)(noop))
        assert _prepared_with_one_or(rule, tuple(rule)) is not None
        ours, experta_s = prepared(rule), prepare_rule(rule)
        assert ours == experta_s and _shape(ours) == _shape(experta_s), conditions
    for conditions in [(OR(Findings(a="yes"), Labs(b=1)), OR(Labs(b=2), Labs(b=3))),
                       (OR(Findings(a="yes"), OR(Labs(b=1), Labs(b=2))),),
                       (OR(Findings(a="yes")),),
                       (OR(Findings(a="yes"), Labs(b=1)), NOT(OR(Labs(b=2), Labs(b=3))))]:
        rule = _RewrittenRule.of(Rule(*conditions)(noop))
        assert _prepared_with_one_or(rule, tuple(rule)) is None
        assert _shape(prepared(rule)) == _shape(prepare_rule(rule))


def _shape(element):
    from experta import Fact

    if isinstance(element, Fact):
        return type(element), tuple(element.items())
    if isinstance(element, tuple):
        return type(element), tuple(_shape(part) for part in element)
    return element


def _all_plain(rule) -> bool:
    from experta import NOT, TEST

    from engine.inference import _plain_pattern

    return all(_plain_pattern(e) or type(e) is TEST
               or (type(e) is NOT and len(e) == 1 and _plain_pattern(e[0])) for e in rule)


def test_a_facts_fields_are_read_back_as_experta_reads_them():
    import experta

    from rules.facts import Findings
    from rules.quantities import Range

    fact = Findings(fever="yes", temperature_c=38.6, count=3, flag=True, nothing=None,
                    anc=Range(0.0, 500.0, False, True, "<500"), items=["a", {"b": [1, 2]}])
    fact[0] = "positional"
    dict.__setitem__(fact, "__factid__", 7)  # as declared
    mine, experta_own = fact.as_dict(), experta.Fact.as_dict(fact)
    assert mine == experta_own and list(mine) == list(experta_own)
    assert [type(v) for v in mine.values()] == [type(v) for v in experta_own.values()]
    assert type(mine["items"]) is list and type(mine["items"][1]) is dict
    assert "__factid__" not in mine


def test_a_combined_or_binding_field_test_judges_a_value_as_experta_does():
    # a drug class that is "not an antibiotic", a temperature "above 38 and below 41", a
    # site "lung or skin", a name bound as it matches: the fast matcher's plain functions
    # give what experta's checks give (True, False or the same bindings) for every value
    from experta import MATCH
    from experta.fieldconstraint import NOTFC
    from experta.matchers.rete.check import FeatureCheck

    from engine.inference import _value_test

    def above(limit):
        return P(lambda value: isinstance(value, (int, float)) and value > limit)

    tests = [
        ~L("antibiotic"), ~P(lambda v: v in ("a", "b")), above(38) & ~above(41),
        L("lung") | L("skin"), above(38) | L("unknown"), MATCH.drug, W("drug"),
        L("lung", "site"), P(lambda v: v == 1, "one"), ~MATCH.drug,
        (L("lung") | L("skin")) & ~L("unknown"), MATCH.drug & above(1), ~(above(1) | L("x")),
        NOTFC("lung"),  # a plain value, read as a literal
    ]
    values = ["antibiotic", "lung", "skin", "unknown", "a", "x", 37.5, 39, 42, 1, 1.0, True,
              None, 0, ""]
    for how in tests:
        ours = _value_test(how)
        assert ours is not None, how
        theirs = FeatureCheck("field", how)
        for value in values:
            expected = theirs(value, is_fact=False)
            got = ours(value)
            assert (type(got), got) == (type(expected), expected), (how, value)


def test_a_declared_fact_hashes_and_reads_as_experta_makes_it_and_a_repeated_one_is_dropped(
        assessor):
    import experta

    from engine.inference import FastFactList
    from rules.facts import Findings, Medication

    for case in _bundled_cases()[:20]:
        assessor.assess(case, with_trace=False)
        for fact in assessor.reasoner.facts.values():
            assert hash(fact) == hash(frozenset(fact.items())), fact
            # and its fields, as the rules read them whole, are what experta's as_dict gives
            assert fact.as_dict() == experta.Fact.as_dict(fact), fact
    facts = FastFactList()
    first = facts.declare(Medication(order=0, generic="a", drug_class="x"))
    assert facts.declare(Medication(order=0, generic="a", drug_class="x")) is None
    assert facts.declare(Findings(fever="yes")) is not None
    assert len(facts) == 2 and first["__factid__"] == 0
