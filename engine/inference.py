"""The inference loop: declare a case's facts, run the rules, collect what they concluded.

One ``Reasoner`` is built per process and reused with ``reset()`` for every case: building
the RETE network is the expensive part. experta's rule objects share state per class, so a
reasoner must never be used from two threads; parallel scoring uses processes.
"""

from __future__ import annotations

from dataclasses import dataclass

from experta import Fact
from experta.matchers.rete import ReteMatcher

from rules.facts import Ask, Evidence, Findings, Labs, Medication, Patient, Pitfall, Smear
from rules.knowledge_base import KnowledgeBase

from .cases import Case


class PendingOnlyMatcher(ReteMatcher):
    """experta's RETE matcher, polling only the rules whose matches changed.

    The stock matcher asks every rule's conflict-set node for changes after every firing,
    which makes a run cost (firings x rules). Nodes with nothing pending are skipped here;
    the activations returned are exactly the stock ones.
    """

    def changes(self, adding=None, deleting=None):
        if deleting is not None:
            for fact in deleting:
                self.root_node.remove(fact)
        if adding is not None:
            for fact in adding:
                self.root_node.add(fact)
        added, removed = [], []
        for node in self._get_conflict_set_nodes():
            if node.added or node.removed:
                node_added, node_removed = node.get_activations()
                added.extend(node_added)
                removed.extend(node_removed)
        return added, removed


class Reasoner(KnowledgeBase):
    """The knowledge base with a recording run loop: every firing is kept for WHY and HOW."""

    __matcher__ = PendingOnlyMatcher

    def __init__(self):
        super().__init__()
        self.firings: list[tuple[str, tuple]] = []

    def reset(self, **kwargs):
        self.firings = []
        super().reset(**kwargs)

    def run(self, steps=float("inf")):
        """experta's run loop (depth strategy), recording each firing before it runs."""
        self.running = True
        while steps > 0 and self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
            activation = self.agenda.get_next()
            if activation is None:
                break
            steps -= 1
            name = activation.rule._wrapped.__name__
            self.firings.append((name, activation.facts))
            self.firing_rule = name
            activation.rule(self, **{k: v for k, v in activation.context.items()
                                     if not k.startswith("__")})
        self.running = False


@dataclass
class RawConclusions:
    """Everything the rules declared for one case, before scoring."""

    evidence: list[dict]
    pitfalls: list[dict]
    asks: list[dict]
    derived: list[Fact]
    firings: list[tuple[str, tuple]]


def case_facts(case: Case) -> list[Fact]:
    """The few wide facts that describe one case."""
    facts: list[Fact] = [
        Patient(**case.patient),
        Labs(**case.labs),
        Smear(**{finding: True for finding in case.smear or ()}),
        Findings(**case.findings),
    ]
    for index, medication in enumerate(case.medications or ()):
        timing = {k: v for k, v in (("started_weeks_ago", medication.started_weeks_ago),
                                    ("stopped_weeks_ago", medication.stopped_weeks_ago))
                  if v is not None}
        facts.append(Medication(order=index, name=medication.name,
                                generic=medication.generic or "unrecognised",
                                drug_class=medication.drug_class or "unrecognised", **timing))
    return facts


_CONCLUSION_TYPES = (Evidence, Pitfall, Ask)
_INPUT_TYPES = (Patient, Labs, Smear, Findings, Medication)


def run_rules(reasoner: Reasoner, case: Case) -> RawConclusions:
    """Reset the reasoner, declare the case and run the rules to quiescence."""
    reasoner.reset()
    for fact in case_facts(case):
        reasoner.declare(fact)
    reasoner.run()
    evidence, pitfalls, asks, derived = [], [], [], []
    for fact in reasoner.facts.values():
        if isinstance(fact, Evidence):
            evidence.append(fact.as_dict())
        elif isinstance(fact, Pitfall):
            pitfalls.append(fact.as_dict())
        elif isinstance(fact, Ask):
            asks.append(fact.as_dict())
        elif not isinstance(fact, _INPUT_TYPES) and type(fact).__name__ != "InitialFact":
            derived.append(fact)
    return RawConclusions(evidence, pitfalls, asks, derived, list(reasoner.firings))


def rule_patterns(rule) -> list[tuple[str, tuple[str, ...]]]:
    """The fact classes a rule's conditions test, each with the fields it names."""
    found = []
    for element in rule:
        if isinstance(element, Fact):
            found.append((type(element).__name__,
                          tuple(k for k in element if isinstance(k, str)
                                and not k.startswith("__"))))
        elif isinstance(element, tuple):
            found.extend(rule_patterns(element))
    return found
