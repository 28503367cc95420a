"""Rules that write the same field test by hand (``P(lambda s: s not in ("none_found",
"unknown"))`` in several rules) share one node of the network, tried once per fact; tests
that only look alike (another constant, a constant of another type, another closure) are
kept apart, and the rules still fire exactly as on experta's own matcher."""

from __future__ import annotations

from experta import KnowledgeEngine, P, Rule
from experta.matchers.rete import ReteMatcher

from engine.inference import (
    FastDepthStrategy,
    FastPredicateNode,
    FastReteMatcher,
    _function_key,
)
from rules.conditions import at_least, at_most
from rules.facts import Findings, Medication


def _word_test(word):
    return lambda value: value == word


def test_the_same_predicate_written_in_two_rules_is_one_node_and_both_rules_fire():
    fired: list[str] = []

    class TwoRules(KnowledgeEngine):
        __matcher__ = FastReteMatcher
        __strategy__ = FastDepthStrategy

        @Rule(Findings(infection_site=P(lambda s: s not in ("none_found", "unknown"))))
        def first(self):
            fired.append("first")

        @Rule(Findings(infection_site=P(lambda s: s not in ("none_found", "unknown"))))
        def second(self):
            fired.append("second")

        @Rule(Findings(infection_site=P(lambda s: s not in ("none_found", "lung"))))
        def third(self):
            fired.append("third")

    engine = TwoRules()
    predicates = [node for node in engine.matcher._all_nodes()
                  if type(node) is FastPredicateNode]
    assert len(predicates) == 2  # the first two rules' test is one node, the third's another
    engine.reset()
    engine.declare(Findings(infection_site="lung"))
    engine.run()
    assert sorted(fired) == ["first", "second"]


def test_predicates_that_only_look_alike_are_told_apart():
    assert _function_key(lambda v: v in ("a", "b")) == _function_key(lambda v: v in ("a", "b"))
    assert _function_key(lambda v: v in ("a", "b")) != _function_key(lambda v: v in ("a", "c"))
    # equal in Python, not the same test: 1 == 1.0 == True, 0.0 == -0.0
    keys = [_function_key(lambda v: v == 1), _function_key(lambda v: v == 1.0),
            _function_key(lambda v: v == True),  # noqa: E712
            _function_key(lambda v: v + 0.0), _function_key(lambda v: v + -0.0)]
    assert len(set(keys)) == len(keys)
    # the same code over other closure values, or another argument name
    assert _function_key(_word_test("mild")) == _function_key(_word_test("mild"))
    assert _function_key(_word_test("mild")) != _function_key(_word_test("severe"))
    assert _function_key(lambda v: v > 2) != _function_key(lambda w: w > 2)
    # a closure over an equal test (the lab thresholds of rules/conditions.py, written in
    # rule after rule), not over one of another threshold or of another kind
    assert _function_key(at_least(38.0).match) == _function_key(at_least(38.0).match)
    assert _function_key(at_least(38.0).match) != _function_key(at_least(38.5).match)
    assert _function_key(at_least(38.0).match) != _function_key(at_most(38.0).match)
    # what cannot be compared is never shared
    assert _function_key(len) is None
    assert _function_key(_word_test(["a"])) != _function_key(_word_test(["a"]))


def test_a_rule_whose_two_patterns_would_become_one_keeps_both():
    # two medications each match both patterns: four pairings on experta's matcher; were
    # the two tests merged, both patterns would be one and pair each drug only with itself
    def firings(matcher) -> int:
        class TwoDrugs(KnowledgeEngine):
            __matcher__ = matcher
            __strategy__ = FastDepthStrategy
            fired = 0

            @Rule(Medication(generic=P(lambda g: g in ("a", "b"))),
                  Medication(generic=P(lambda g: g in ("a", "b"))))
            def pair(self):
                type(self).fired += 1

        engine = TwoDrugs()
        engine.reset()
        engine.declare(Medication(order=0, generic="a", drug_class="x"))
        engine.declare(Medication(order=1, generic="b", drug_class="y"))
        engine.run()
        return TwoDrugs.fired

    assert firings(FastReteMatcher) == firings(ReteMatcher) == 4


def test_no_two_predicate_nodes_of_the_knowledge_base_test_a_field_the_same_way(assessor):
    nodes = assessor.reasoner.matcher._all_nodes()
    for node in nodes:
        siblings = [child.node for child in node.children
                    if type(child.node) is FastPredicateNode]
        keys = [(n.needs, _function_key(n.predicate)) for n in siblings
                if _function_key(n.predicate) is not None]
        assert len(keys) == len(set(keys))
    assert sum(type(node) is FastPredicateNode for node in nodes) > 100
