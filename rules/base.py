"""What every rule module builds on: the weights of evidence and the three things a rule
may conclude (evidence for or against a cause, a pitfall, a question still to ask).

Weights are in decibans: ten times the base-10 logarithm of a likelihood ratio. +10 means
the finding is ten times likelier if the cause is present; -10 means ten times less likely.
Rules use the named strengths below, never raw numbers, so the knowledge base has one scale.
"""

from experta import KnowledgeEngine

from .facts import Ask, Evidence, Pitfall, Settled

# Evidence for a cause
DECISIVE_FOR = 20  # likelihood ratio ~100: close to diagnostic on its own
VERY_STRONG_FOR = 15  # LR ~30
STRONG_FOR = 10  # LR 10
MODERATE_FOR = 5  # LR ~3
WEAK_FOR = 2  # LR ~1.6
# Evidence against a cause
WEAK_AGAINST = -2
MODERATE_AGAINST = -5
STRONG_AGAINST = -10
RULES_OUT = -20  # LR ~1/100

WEIGHTS = {
    "DECISIVE_FOR": DECISIVE_FOR,
    "VERY_STRONG_FOR": VERY_STRONG_FOR,
    "STRONG_FOR": STRONG_FOR,
    "MODERATE_FOR": MODERATE_FOR,
    "WEAK_FOR": WEAK_FOR,
    "WEAK_AGAINST": WEAK_AGAINST,
    "MODERATE_AGAINST": MODERATE_AGAINST,
    "STRONG_AGAINST": STRONG_AGAINST,
    "RULES_OUT": RULES_OUT,
}

# Rule order. A rule that derives a fact from the case (the ANC and its grade, the cell lines,
# fever, a drug's timing, the trend of the dated counts) runs before any rule that concludes:
# a conclusion whose conditions say a derived fact is absent (NOT(Neutrophils(...))) must not
# be drawn before that fact could exist. experta fires the newest facts first, so without
# this a rule on the Findings alone could fire before the blood count had been read.
DERIVES_FACTS = 10  # salience of the rules that declare derived facts; every other rule is 0

# Question priorities: the interview asks the highest first.
CORE = 100  # the counts themselves
ESSENTIAL = 90  # the four areas every interview covers
FOLLOW_UP = 60  # asked because an earlier answer made it relevant
DETAIL = 40  # refines a cause already in play


class Conclusions(KnowledgeEngine):
    """Helpers the rules call to conclude. The engine sets ``firing_rule`` before each
    rule runs, so every conclusion names the rule that drew it.

    Each helper hands its conclusion to ``_conclude``, which declares it as a fact. The
    engine's reasoner may record a kind of conclusion directly instead when no rule's
    conditions match that kind (pushing it through the rule network would then be wasted
    work); the rule-writing API is the same either way."""

    firing_rule: str = "?"

    def evidence(self, cause: str, weight: int, rationale: str, source: str) -> None:
        """Move ``cause`` by ``weight`` decibans, saying why and on whose authority."""
        self._conclude(Evidence, {"cause": cause, "weight": weight, "rationale": rationale,
                                 "source": source, "rule": self.firing_rule})

    def pitfall(self, pitfall: str, detail: str = "") -> None:
        """Flag a pitfall from the catalogue; ``detail`` adds what is specific to this case."""
        self._conclude(Pitfall, {"pitfall": pitfall, "detail": detail, "rule": self.firing_rule})

    def settle(self, cause: str, reason: str, source: str) -> None:
        """Say that a result settles the diagnosis as ``cause`` (the ranking is unchanged:
        the evidence that comes with the result still scores it), on whose authority."""
        self._conclude(Settled, {"cause": cause, "reason": reason, "source": source,
                                "rule": self.firing_rule})

    def ask(self, question: str, priority: int, reason: str) -> None:
        """Say that the answer to ``question`` would matter, and why."""
        self._conclude(Ask, {"question": question, "priority": priority, "reason": reason,
                            "rule": self.firing_rule})

    def _conclude(self, kind: type, fields: dict) -> None:
        """Declare one conclusion (``Evidence``, ``Pitfall``, ``Settled`` or ``Ask``) as a fact."""
        self.declare(kind(**fields))
