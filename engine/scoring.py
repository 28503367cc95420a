"""Scoring: combine the evidence for each cause into a ranked differential.

Method: weight of evidence in decibans (ten times the base-10 log of a likelihood ratio).
Each cause starts from the prior log-odds of its prevalence tier; each rule firing adds its
weight (positive for, negative against); the sum is the cause's score, a posterior log-odds
under the usual naive-Bayes assumption that the findings behind different rules are
independent. A rule counts once per cause however many times it fires. Causes are ranked by
score; only causes with at least one finding in their favour are ranked. Equal scores are
equally likely: such causes share a rank (competition ranking, 1, 2, 2, 4) and every output
shows them as tied. The list still needs an order within a tie, and it is prior, then id: a
deterministic order, not a clinical one (the sources give no finer frequency than the
prevalence tier, which the score already holds).

Correlated clues: the naive-Bayes sum assumes the findings are independent given the cause,
and soft clues seldom are (a big spleen, the low counts it pools and the fever that comes with
it are one picture, not three). So the non-specific findings in a cause's favour — each weaker
than a strong finding (below +10) — are shrunk: the strongest counts in full and each further
one half its weight (three moderate clues give +10, one strong finding, not +15). What is held
back shows in the cause's evidence as one item, so that the score still decomposes exactly into
its prior and the items listed. Specific findings (+10 or more) and everything against a cause
count in full (the shrinkage of naive-Bayes weights for dependence: Spiegelhalter and
Knill-Jones 1984).

Scores are shown as whole decibans with a plain-words band, never as percentages: the
weights are judgements, not measured likelihood ratios, and a percentage would claim a
precision they do not have.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from rules.base import STRONG_FOR
from rules.catalogue import Catalogue

from .result import EvidenceItem, RankedCause

BANDS = ((0, "likely"), (-10, "possible"), (float("-inf"), "less likely"))

_RULE = attrgetter("rule")
_WEIGHT = attrgetter("weight")
_EVIDENCE_KEY = itemgetter("rule", "cause", "weight", "rationale", "source")  # an item's fields
_items: dict[tuple, EvidenceItem] = {}
_held_back: dict[tuple[str, int], EvidenceItem] = {}
# A finding weaker than a strong one (below +10) is a soft, non-specific clue: after the first,
# each further soft clue for a cause counts half.
SOFT_CLUE_LIMIT = STRONG_FOR
SOFT_CLUES_RULE = "further_soft_clues_count_half"
SOFT_CLUES_SOURCE = "spiegelhalter-1984"


def _excess_of_soft_clues(weights: list[int]) -> int:
    """The decibans of soft clues not counted: every clue for a cause that is weaker than a
    strong finding counts half its weight, except the strongest of them, which counts in full
    (``weights`` come strongest first). Rounded so that a score stays a whole number."""
    soft = [weight for weight in weights if 0 < weight < SOFT_CLUE_LIMIT]
    if len(soft) < 2:
        return 0
    return (sum(soft) - soft[0]) // 2


def _soft_clues_held_back(cause_id: str, excess: int) -> EvidenceItem:
    """The item that holds back ``excess`` decibans of non-specific clues for a cause."""
    key = (cause_id, excess)
    item = _held_back.get(key)
    if item is None:
        item = EvidenceItem(
            SOFT_CLUES_RULE, cause_id, -excess,
            f"Non-specific clues (each weaker than +{SOFT_CLUE_LIMIT}) go together more often "
            f"than chance, so after the strongest each further one counts half its weight: "
            f"{excess} of their decibans are not counted.", SOFT_CLUES_SOURCE)
        _held_back[key] = item
    return item
_ITEMS_LIMIT = 50_000


def band(score: int) -> str:
    """Plain words for a score: >= 0 likely (odds at least even), >= -10 possible."""
    for floor, label in BANDS:  # a loop, not a generator: called for every ranked cause
        if score >= floor:
            return label
    raise ValueError(score)


_new_object = object.__new__
_set_attribute = object.__setattr__


def _ranked_cause(*values) -> RankedCause:
    """``RankedCause(*values)``, its fields given in order: a frozen dataclass's generated
    ``__init__`` sets each field through ``object.__setattr__``, one call a field; the same
    instance dictionary, in the same order, is set here in one step."""
    cause = _new_object(RankedCause)
    _set_attribute(cause, "__dict__", dict(zip(_RANKED_FIELDS, values, strict=True)))
    return cause


_RANKED_FIELDS = tuple(RankedCause.__dataclass_fields__)


def rank_causes(evidence: list[dict], catalogue: Catalogue, advice=None
                ) -> tuple[tuple[RankedCause, ...], tuple[EvidenceItem, ...]]:
    """The ranked differential, and the evidence against causes that did not make it.
    ``advice(cause_id, name)``, when given, returns each ranked cause's (name, next_steps,
    drugs), so that the cause is built once with them (see assessment.advise)."""
    by_cause: dict[str, dict[str, EvidenceItem]] = {}
    made = _items
    for fact in evidence:
        # the same rule concludes the same thing in case after case: each item is built
        # once and shared (they are immutable)
        key = _EVIDENCE_KEY(fact)
        item = made.get(key)
        if item is None:
            item = EvidenceItem(*key)
            if len(made) < _ITEMS_LIMIT:
                made[key] = item
        rule, cause_id = key[0], key[1]
        votes = by_cause.get(cause_id)
        if votes is None:
            by_cause[cause_id] = {rule: item}
            continue
        kept = votes.get(rule)
        # one rule, one vote per cause: keep its strongest statement
        if kept is None or abs(key[2]) > abs(kept.weight):
            votes[rule] = item
    causes = catalogue.causes
    scored = []
    opposed: list[EvidenceItem] = []
    for cause_id in sorted(by_cause):  # the ids are unique: as sorting the items would
        items = by_cause[cause_id]
        if len(items) == 1:  # one rule's item (most causes): nothing to order or shrink
            ordered = tuple(items.values())
            weight = ordered[0].weight
            if weight <= 0:
                opposed.append(ordered[0])
                continue
            prior = causes[cause_id].prior
            # sorted by score, descending, then prior, descending, then id (unique)
            scored.append((-(prior + weight), -prior, cause_id, ordered))
            continue
        # strongest first, then by rule (one item per rule): by rule, then (a stable sort)
        # by weight, descending
        ordered = tuple(sorted(sorted(items.values(), key=_RULE), key=_WEIGHT, reverse=True))
        weights = list(map(_WEIGHT, ordered))
        if weights[0] <= 0:  # nothing in its favour (the strongest comes first)
            opposed.extend(ordered)
            continue
        excess = _excess_of_soft_clues(weights)
        if excess:
            ordered = (*ordered, _soft_clues_held_back(cause_id, excess))
            weights.append(-excess)
        prior = causes[cause_id].prior
        scored.append((-(prior + sum(weights)), -prior, cause_id, ordered))
    scored.sort()  # never reaches the items: no two entries have the same id
    # how many causes have each score (competition ranking: a tie shares the rank of its
    # first member)
    with_score: dict[int, int] = {}
    for entry in scored:
        with_score[entry[0]] = with_score.get(entry[0], 0) + 1
    ranking = []
    shared_rank, previous = 0, None
    for index, (negative, negative_prior, cause_id, items) in enumerate(scored, start=1):
        score = -negative
        if score != previous:
            shared_rank, previous = index, score
        cause = causes[cause_id]
        name, steps, drugs = advice(cause_id, cause.name) if advice else (cause.name, (), ())
        ranking.append(_ranked_cause(
            index, cause_id, name, cause.category, -negative_prior, score, band(score),
            cause.must_not_miss, items, steps, drugs, shared_rank, with_score[negative] - 1))
    return tuple(ranking), tuple(opposed)
