"""What an assessment returns: plain dataclasses that the interview, the batch scorer and the
JSON output all read. Nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EvidenceItem:
    """One rule firing's contribution to one cause's score."""

    rule: str
    cause: str
    weight: int  # decibans: + for, - against
    rationale: str
    source: str


@dataclass(frozen=True)
class SourceRef:
    label: str
    url: str | None = None


@dataclass(frozen=True)
class NextStepAdvice:
    """What to do next about a ranked cause: a ``test`` that would confirm or exclude it,
    or an ``act``; the case's drugs are named in the text of a drug cause's steps."""

    kind: str  # test or act
    text: str
    source_id: str
    source: SourceRef


@dataclass(frozen=True)
class RankedCause:
    """One cause in the differential. ``rank`` is its position in the list (1, 2, 3, 4);
    causes with equal scores are equally likely, so they also carry ``shared_rank``, the
    competition rank of their score (1, 2, 2, 4), and ``tied_with``, how many other ranked
    causes have the same score. Within a tie the list's order (prior, then id) is only
    deterministic, not a clinical ranking."""

    rank: int
    cause: str
    name: str
    category: str
    prior: int
    score: int  # prior + sum of evidence weights, decibans
    band: str  # likely, possible, less likely
    must_not_miss: bool
    evidence: tuple[EvidenceItem, ...]
    next_steps: tuple[NextStepAdvice, ...] = ()
    drugs: tuple[str, ...] = ()  # for a drug cause: the case's drugs of its class (generic)
    shared_rank: int = 0  # the rank its score shares (set by scoring.rank_causes)
    tied_with: int = 0  # other ranked causes with the same score

    @property
    def tied(self) -> bool:
        return self.tied_with > 0


@dataclass(frozen=True)
class PitfallAlert:
    """A pitfall card in the shape of an HL7 CDS Hooks card."""

    id: str
    indicator: str  # critical, warning, info
    summary: str
    detail: str
    source: SourceRef
    source_id: str
    rule: str


@dataclass(frozen=True)
class SettledDiagnosis:
    """A result that settles what the low count is (marrow blasts of 20 % or more: acute
    leukaemia): the causes it settles on, why, and on whose authority."""

    causes: tuple[str, ...]
    reason: str
    source_id: str
    rule: str


@dataclass(frozen=True)
class QuestionStatus:
    """A question some rule asked, and whether the case answers it."""

    id: str
    text: str
    priority: int
    asked_by: tuple[str, ...]  # the rules that want the answer
    reasons: tuple[str, ...]  # what the answer would change, one per asking rule
    status: str  # answered, unknown (answered "unknown") or open (no answer at all)

    @property
    def is_open(self) -> bool:
        return self.status != "answered"


@dataclass(frozen=True)
class Firing:
    """One rule firing in order: the rule and the facts it matched."""

    rule: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class BloodCountReading:
    """What the counts say on their own (the derived lab facts)."""

    anc: float | None = None  # None when the case gives the ANC only as a word or a bound
    anc_source: str | None = None  # measured or calculated
    neutrophil_status: str | None = None  # absolute_neutropenia, relative_neutropenia, ...
    grade: str | None = None  # mild, moderate, severe, none; unknown ("low", no number)
    anc_lower_limit: int | None = None
    white_count_status: str | None = None  # low, normal, high (for age)
    white_count_range: str | None = None
    lymphocyte_status: str | None = None
    alc: float | None = None
    cytopenias: tuple[str, ...] = ()
    cell_line_pattern: str | None = None  # isolated, bicytopenia, pancytopenia
    anc_stated: str | None = None  # the ANC as a word or bound ("<500", "low") when no number
    alc_stated: str | None = None
    agranulocytosis: bool = False  # every possible ANC below 200/µL
    lymphopenia: str | None = None  # which counts are low ("lymphocytes 600/µL, CD4 severe")
    # said when the counts given are not low: nothing for the system to explain
    scope_note: str | None = None


@dataclass
class Hit:
    """How the ranking compares with what the case expected."""

    rank: int | None  # rank of the first expected cause, None when it is not ranked
    pitfalls_found: tuple[str, ...]
    pitfalls_missed: tuple[str, ...]
    pitfalls_unexpected: tuple[str, ...]
    expected_causes: tuple[str, ...] = ()  # empty when the case expects no cause at all
    # the shared rank of the first expected cause's score (1 when it ties for first place),
    # and how many other ranked causes have that score
    shared_rank: int | None = None
    tied_with: int = 0


@dataclass
class Result:
    case_id: str
    file: str
    ranking: tuple[RankedCause, ...]
    pitfalls: tuple[PitfallAlert, ...]
    reading: BloodCountReading
    questions: tuple[QuestionStatus, ...]  # every question asked, highest priority first
    trace: tuple[Firing, ...]
    warnings: tuple[str, ...] = ()
    hit: Hit | None = None
    opposed: tuple[EvidenceItem, ...] = field(default=())  # against causes not ranked
    settled: tuple[SettledDiagnosis, ...] = field(default=())  # results that settle it

    @property
    def next_questions(self) -> tuple[QuestionStatus, ...]:
        """The questions still open, highest priority first (each ``is_open``, read here
        without a call of the property per question: every report line asks for them)."""
        return tuple([q for q in self.questions if q.status != "answered"])

    @property
    def emergencies(self) -> tuple[PitfallAlert, ...]:
        return tuple(p for p in self.pitfalls if p.indicator == "critical")


def tied_beyond(ranking: tuple[RankedCause, ...], cut: int) -> tuple[RankedCause, ...]:
    """The causes after the first ``cut`` that share the score of the cause at the cut: a
    list cut at 3 inside a tie shows three of them, and these are the rest."""
    if cut <= 0 or len(ranking) <= cut:
        return ()
    last = ranking[cut - 1]
    if not last.tied_with:
        return ()
    return tuple(c for c in ranking[cut:cut + last.tied_with] if c.score == last.score)


def top_with_ties(ranking: tuple[RankedCause, ...], cut: int) -> tuple[RankedCause, ...]:
    """The first ``cut`` causes and every cause tied with the one at the cut."""
    return ranking[:cut] + tied_beyond(ranking, cut)


def tied_places(ranking: tuple[RankedCause, ...], cut: int
                ) -> tuple[tuple[int, frozenset[str]], ...]:
    """The first ``cut`` places as a reader sees them with ties shown: each shared rank up to
    the cut with the set of causes at it (every cause tied at the cut included). Two
    rankings with the same places agree whatever order their ties are listed in."""
    places: dict[int, set[str]] = {}
    for cause in top_with_ties(ranking, cut):
        places.setdefault(cause.shared_rank, set()).add(cause.cause)
    return tuple((rank, frozenset(causes)) for rank, causes in places.items())
