"""Self-study: the teaching-case library, choosing a case, scoring a trainee's differential
against the case's expected answer and the system's ranking, "what if?" re-assessment, and
the trainee's progress file. Returns dataclasses; the terminal side is interview/study.py.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import re
import stat
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml
from filelock import FileLock, Timeout

from rules.catalogue import CATEGORIES, Catalogue, load_catalogue
from rules.words import in_words, weeks_in_words

from .assessment import Assessor
from .cases import Case, _compose, _read_text, case_files, load_file, load_text, unnamed_drug_words
from .errors import CaseFileError, LeukodxError
from .files import write_atomically
from .result import EvidenceItem, Result
from .saved_interview import cut_short

DEFAULT_LIBRARY = Path(__file__).resolve().parent.parent / "cases"
LIBRARY_ENV = "LEUKODX_CASES"  # a folder of teaching cases to use instead of the bundled one

# Points for the differential: the first choice right is worth most; an expected cause
# named second or third earns less; a cause from the right category earns a little.
CAUSE_POINTS_BY_POSITION = {1: 6.0, 2: 4.0, 3: 2.0}
CAUSE_POINTS_MAX = 6.0
SAME_CATEGORY_POINTS = 1.0
# Pitfall points are what was at stake: 2 for each pitfall that applies, at most 4; a case
# where none applies has none to earn (ticking none there earned 4 of 10 beside a wrong
# differential), and each pitfall ticked that does not apply costs a point of the total
PITFALL_POINTS_EACH = 2.0
PITFALL_POINTS_MAX = 4.0
WRONG_PITFALL_PENALTY = 1.0
MAX_CHOICES = 3
PITFALL_OPTIONS_MIN = 6  # expected pitfalls plus distractors, at least this many to tick from


NO_CAUSE = "pitfall_only"  # the category of a case with no cause to find, only a pitfall
CATEGORY_NAMES = {**CATEGORIES, NO_CAUSE: "Pitfalls (no cause to find)"}
NONE_WORDS = ("none", "no cause", "nothing")  # what a trainee types for "no cause to find"


class StudyError(LeukodxError):
    """A study request that cannot be met (unknown case id, empty library...)."""


# ---- the case library ----------------------------------------------------------------------

@dataclass(frozen=True)
class StudyCase:
    """A teaching case with what study mode needs to file it."""

    case: Case
    category: str  # the category of the first expected cause, or NO_CAUSE
    difficulty: str  # easy, moderate, hard or unrated

    @property
    def id(self) -> str:
        return self.case.id

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES.get(self.category, self.category)


@dataclass
class CaseLibrary:
    cases: list[StudyCase]
    folder: str
    problems: list[str] = field(default_factory=list)  # files or cases that could not be used

    def by_id(self, case_id: str) -> StudyCase:
        for study_case in self.cases:
            if study_case.id == case_id:
                return study_case
        import difflib

        close = difflib.get_close_matches(case_id, [c.id for c in self.cases], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise StudyError(f"no teaching case with id {case_id!r} in {self.folder}{hint}")

    def categories(self) -> list[str]:
        """The categories that have cases, in catalogue order."""
        present = {c.category for c in self.cases}
        return [c for c in CATEGORY_NAMES if c in present] + \
            sorted(present - set(CATEGORY_NAMES))

    def difficulties(self) -> list[str]:
        present = {c.difficulty for c in self.cases}
        return [d for d in ("easy", "moderate", "hard", "unrated") if d in present]


def library_folder() -> str:
    return os.environ.get(LIBRARY_ENV) or str(DEFAULT_LIBRARY)


def load_library(folder: str | None = None, catalogue: Catalogue | None = None) -> CaseLibrary:
    """Every case under ``folder`` that states what it expects (others cannot be marked). A
    case that expects no cause, only pitfalls, teaches that there is nothing to explain.
    Files that fail to load are listed in ``problems``, never fatal."""
    catalogue = catalogue or load_catalogue()
    folder = folder or library_folder()
    library = CaseLibrary(cases=[], folder=folder)
    if not Path(folder).is_dir():
        library.problems.append(f"{folder}: no such folder of teaching cases")
        return library
    seen: set[str] = set()
    for path in case_files([folder]):
        for outcome in load_file(path):
            if isinstance(outcome, CaseFileError):
                library.problems.append(outcome.message)
                continue
            if outcome.expected is None or not (outcome.expected.causes
                                                or outcome.expected.pitfalls):
                library.problems.append(f"{path}: case {outcome.id} states no expected "
                                        "answer, so it cannot be marked")
                continue
            if outcome.id in seen:
                library.problems.append(f"{path}: case id {outcome.id!r} is used twice; "
                                        "the first is kept")
                continue
            seen.add(outcome.id)
            category = catalogue.causes[outcome.expected.causes[0]].category \
                if outcome.expected.causes else NO_CAUSE
            difficulty = (outcome.teaching.difficulty if outcome.teaching else None) \
                or "unrated"
            library.cases.append(StudyCase(outcome, category, difficulty))
    return library


# ---- choosing a case -----------------------------------------------------------------------

def cases_not_done(library: CaseLibrary, progress: Progress) -> list[StudyCase]:
    done = progress.cases_done()
    return [c for c in library.cases if c.id not in done]


def random_new_case(library: CaseLibrary, progress: Progress,
                    rng: random.Random | None = None) -> StudyCase | None:
    """A random case not yet attempted, or None when every case has been done."""
    pool = cases_not_done(library, progress)
    return (rng or random.Random()).choice(pool) if pool else None


def cases_in_category(library: CaseLibrary, category: str) -> list[StudyCase]:
    return [c for c in library.cases if c.category == category]


def cases_of_difficulty(library: CaseLibrary, difficulty: str) -> list[StudyCase]:
    return [c for c in library.cases if c.difficulty == difficulty]


def pick(cases: list[StudyCase], progress: Progress,
         rng: random.Random | None = None) -> StudyCase | None:
    """One case from a list, preferring those not yet done."""
    if not cases:
        return None
    done = progress.cases_done()
    fresh = [c for c in cases if c.id not in done]
    return (rng or random.Random()).choice(fresh or cases)


def review_cases(library: CaseLibrary, progress: Progress) -> list[StudyCase]:
    """The cases whose most recent attempt was not fully correct, in library order: a case
    leaves the review list once it has been answered correctly."""
    wrong = progress.answered_wrongly()
    return [c for c in library.cases if c.id in wrong]


# ---- what the trainee typed -----------------------------------------------------------------

def fold(text: str) -> str:
    """Fold a cause name for matching: case, spaces, hyphens and underscores alike."""
    return re.sub(r"[\s_/\-]+", " ", text.strip().casefold()).strip()


def cause_names(catalogue: Catalogue | None = None) -> dict[str, str]:
    """Every name a trainee may type for a cause (id, name, synonyms) -> cause id."""
    catalogue = catalogue or load_catalogue()
    names: dict[str, str] = {}
    for cause in catalogue.causes.values():
        for name in (cause.name, *cause.synonyms, cause.id):
            names.setdefault(name, cause.id)
    return names


def resolve_cause(text: str, catalogue: Catalogue | None = None) -> str | None:
    """The cause id a typed name means (case-insensitive: names, synonyms, or a drug's generic
    or brand name for the drug-induced cause of its class), or None."""
    catalogue = catalogue or load_catalogue()
    wanted = fold(text)
    if not wanted or wanted in NONE_WORDS:
        return None
    for name, cause_id in cause_names(catalogue).items():
        if fold(name) == wanted:
            return cause_id
    # a drug name (generic or brand) stands for the neutropenia its class causes
    drug = catalogue.find_drug(text)
    if drug is not None:
        drug_class = catalogue.drug_classes.get(drug.drug_class)
        if drug_class is not None and drug_class.cause in catalogue.causes:
            return drug_class.cause
    return None


# ---- scoring a trainee's answer -------------------------------------------------------------

@dataclass(frozen=True)
class PointLine:
    """One line of the mark sheet: what was judged, the points and the rule behind them."""

    label: str
    points: float
    maximum: float
    rule: str


@dataclass(frozen=True)
class TraineeScore:
    answer: tuple[str, ...]  # cause ids in the trainee's order
    unrecognised: tuple[str, ...]  # what they typed that names no cause
    expected: tuple[str, ...]
    first_expected_position: int | None  # where in their list the first expected cause is
    same_category: tuple[str, ...]  # their causes (not expected) in an expected cause's category
    pitfalls_ticked: tuple[str, ...]
    pitfalls_found: tuple[str, ...]
    pitfalls_missed: tuple[str, ...]
    pitfalls_wrongly_claimed: tuple[str, ...]
    system_ranks: tuple[int | None, ...]  # the system's rank of each of their causes
    system_top3: tuple[str, ...]
    system_expected_rank: int | None  # where the system put the first expected cause
    lines: tuple[PointLine, ...]
    # ties: the place each of their causes shares in the system's ranking (equal scores share
    # one, 1, 2, 2, 4), whether it is shared, and every cause the system ranks equal first
    system_shared_ranks: tuple[int | None, ...] = ()
    system_tied: tuple[bool, ...] = ()
    system_first: tuple[str, ...] = ()

    @property
    def top1(self) -> bool:
        return self.first_expected_position == 1

    @property
    def in_top3(self) -> bool:
        return self.first_expected_position is not None and self.first_expected_position <= 3

    @property
    def points(self) -> float:
        return max(0.0, round(sum(line.points for line in self.lines), 1))

    @property
    def maximum(self) -> float:
        return sum(line.maximum for line in self.lines)

    @property
    def agrees_with_system(self) -> bool:
        """Their first choice is the system's first, or one of the causes it ranks equal
        first (the order within a tie is alphabetical, not clinical)."""
        first = self.system_first or self.system_top3[:1]
        return bool(self.answer) and self.answer[0] in first

    @property
    def no_cause_to_find(self) -> bool:
        return not self.expected

    @property
    def cause_right(self) -> bool:
        """First choice an expected cause, or "none" when the case has no cause to find."""
        return self.top1 or (self.no_cause_to_find and not self.answer)

    @property
    def verdict(self) -> str:
        """correct: the cause right (see ``cause_right``) and no expected pitfall missed;
        partly: the cause right, or an expected cause lower in the list; wrong: neither."""
        if self.cause_right and not self.pitfalls_missed:
            return "correct"
        return "partly" if self.cause_right or self.first_expected_position else "wrong"

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"


def score_answer(causes: Iterable[str], pitfalls: Iterable[str], expected_causes: Iterable[str],
                 expected_pitfalls: Iterable[str], result: Result | None = None,
                 catalogue: Catalogue | None = None) -> TraineeScore:
    """Mark a trainee's ranked differential (names, synonyms or ids, any case; an empty list
    or "none" says there is no cause to find) and ticked pitfalls against the expected
    answer, and set them beside the system's ranking."""
    catalogue = catalogue or load_catalogue()
    answer: list[str] = []
    unrecognised: list[str] = []
    for text in causes:
        if not text or not str(text).strip() or fold(str(text)) in NONE_WORDS:
            continue
        cause_id = resolve_cause(str(text), catalogue)
        if cause_id is None:
            unrecognised.append(str(text))
        elif cause_id not in answer:
            answer.append(cause_id)
    answer = answer[:MAX_CHOICES]
    expected = tuple(expected_causes)
    position = next((i for i, c in enumerate(answer, start=1) if c in expected), None)
    expected_categories = {catalogue.causes[c].category for c in expected}
    same_category = tuple(c for c in answer if c not in expected
                          and catalogue.causes[c].category in expected_categories)
    lines = [_cause_line(position, same_category, expected, catalogue, bool(answer))]

    ticked = tuple(dict.fromkeys(pitfalls))
    wanted = tuple(expected_pitfalls)
    found = tuple(p for p in wanted if p in ticked)
    missed = tuple(p for p in wanted if p not in ticked)
    wrong = tuple(p for p in ticked if p not in wanted)
    lines.append(_pitfall_line(found, missed, wrong, wanted))

    ranks: dict[str, int] = {c.cause: c.rank for c in result.ranking} if result else {}
    ranked = {c.cause: c for c in result.ranking} if result else {}
    return TraineeScore(
        answer=tuple(answer), unrecognised=tuple(unrecognised), expected=expected,
        first_expected_position=position, same_category=same_category,
        pitfalls_ticked=ticked, pitfalls_found=found, pitfalls_missed=missed,
        pitfalls_wrongly_claimed=wrong,
        system_ranks=tuple(ranks.get(c) for c in answer),
        system_top3=tuple(c.cause for c in result.ranking[:3]) if result else (),
        system_expected_rank=result.hit.rank if result and result.hit else
        next((ranks[c] for c in sorted(expected, key=lambda c: ranks.get(c, 10**6))
              if c in ranks), None),
        lines=tuple(lines),
        system_shared_ranks=tuple(_shared_rank(ranked[c]) if c in ranked else None
                                  for c in answer),
        system_tied=tuple(c in ranked and ranked[c].tied_with > 0 for c in answer),
        system_first=tuple(c.cause for c in result.ranking
                           if c.score == result.ranking[0].score) if result and result.ranking
        else ())


def _shared_rank(cause) -> int:
    """The place a ranked cause shares with equal scores (its rank where none is set)."""
    return cause.shared_rank or cause.rank


def _cause_line(position: int | None, same_category: tuple[str, ...], expected: tuple[str, ...],
                catalogue: Catalogue, named_any: bool) -> PointLine:
    if not expected:
        rule = f"{CAUSE_POINTS_MAX:g} for answering none when no cause needs finding"
        if named_any:
            return PointLine("There was no cause to find here", 0.0, CAUSE_POINTS_MAX, rule)
        return PointLine("You saw there was no cause to find", CAUSE_POINTS_MAX,
                         CAUSE_POINTS_MAX, rule)
    rule = ("6 if your first choice is an expected cause, 4 if it is your second, 2 if "
            "third; otherwise 1 for a cause in the right category")
    if position is not None:
        where = {1: "your first choice", 2: "your second choice", 3: "your third choice"}
        return PointLine(f"Expected cause named as {where[position]}",
                         CAUSE_POINTS_BY_POSITION[position], CAUSE_POINTS_MAX, rule)
    if same_category:
        category = CATEGORY_NAMES.get(catalogue.causes[same_category[0]].category)
        return PointLine(f"Right category ({category}), not the expected cause",
                         SAME_CATEGORY_POINTS, CAUSE_POINTS_MAX, rule)
    return PointLine("No expected cause in your differential", 0.0, CAUSE_POINTS_MAX, rule)


def pitfall_points_at_stake(wanted_count: int) -> float:
    """The pitfall points a case offers: 2 for each pitfall that applies, at most 4."""
    return min(PITFALL_POINTS_MAX, PITFALL_POINTS_EACH * wanted_count)


def _pitfall_line(found, missed, wrong, wanted) -> PointLine:
    at_stake = pitfall_points_at_stake(len(wanted))
    penalty = f"minus {WRONG_PITFALL_PENALTY:g} for each one ticked that does not apply"
    if wanted:
        earned = at_stake * len(found) / len(wanted)
        label = f"Pitfalls: {len(found)} of {len(wanted)} found"
        rule = (f"{PITFALL_POINTS_EACH:g} for each pitfall that applies (at most "
                f"{PITFALL_POINTS_MAX:g}), shared among them; {penalty}")
        floor = 0.0
    else:
        earned = 0.0
        label = "Pitfalls: none apply to this case"
        rule = f"nothing to earn where no pitfall applies; {penalty}, from the total"
        floor = -WRONG_PITFALL_PENALTY * len(wrong)
    if wrong:
        label += f", {len(wrong)} wrongly claimed"
    earned = max(floor, earned - WRONG_PITFALL_PENALTY * len(wrong))
    return PointLine(label, round(earned, 1) + 0.0, at_stake, rule)  # + 0.0: never "-0"


# ---- what to offer and what to point out ------------------------------------------------------

def pitfall_options(study_case: StudyCase | Case, catalogue: Catalogue | None = None,
                    count: int = PITFALL_OPTIONS_MIN) -> list[str]:
    """The pitfalls to tick from: the expected ones plus distractors from the catalogue,
    shuffled the same way every time for a given case."""
    catalogue = catalogue or load_catalogue()
    case = study_case.case if isinstance(study_case, StudyCase) else study_case
    expected = list(case.expected.pitfalls) if case.expected else []
    rng = random.Random(int(hashlib.sha256(case.id.encode()).hexdigest()[:16], 16))
    others = sorted(p for p in catalogue.pitfalls if p not in expected)
    rng.shuffle(others)
    wanted = max(count, len(expected) + 3)
    options = expected + others[: max(0, wanted - len(expected))]
    rng.shuffle(options)
    return options


@dataclass(frozen=True)
class MissedDanger:
    cause: str
    name: str
    level: str  # expected, ranked (the system finds it likely or possible), considered
    rank: int | None = None  # the system's rank (the place it shares), when it ranks the cause
    tied: bool = False  # the place is shared with equal scores

    @property
    def why(self) -> str:
        if self.level == "expected":
            return "an expected cause"
        return f"ranked {'=' if self.tied else '#'}{self.rank} by the system"


def must_not_miss_left_out(score: TraineeScore, result: Result, catalogue: Catalogue | None = None,
                           top: int = 5) -> list[MissedDanger]:
    """Must-not-miss causes the trainee did not name: those the case expects (level
    expected), those the system finds likely or possible (ranked), and those in the system's
    first ``top`` even though less likely (considered)."""
    catalogue = catalogue or load_catalogue()
    named = set(score.answer)
    ranks = {c.cause: c.rank for c in result.ranking}
    missed: dict[str, MissedDanger] = {}
    for cause_id in score.expected:
        cause = catalogue.causes[cause_id]
        if cause.must_not_miss and cause_id not in named:
            missed[cause_id] = MissedDanger(cause_id, cause.name, "expected",
                                            ranks.get(cause_id))
    for ranked in result.ranking:
        if not ranked.must_not_miss or ranked.cause in named or ranked.cause in missed:
            continue
        # the first ``top`` places, every cause tied at the last of them included
        place = _shared_rank(ranked)
        if ranked.band != "less likely":
            missed[ranked.cause] = MissedDanger(ranked.cause, ranked.name, "ranked", place,
                                                ranked.tied_with > 0)
        elif place <= top:
            missed[ranked.cause] = MissedDanger(ranked.cause, ranked.name, "considered",
                                                place, ranked.tied_with > 0)
    return list(missed.values())


@dataclass(frozen=True)
class CauseSupport:
    """Why the system holds an expected cause: its rank, score and the firings behind it."""

    cause: str
    name: str
    rank: int | None
    score: int | None
    evidence: tuple[EvidenceItem, ...]
    shared_rank: int | None = None  # the place its score shares with equal scores
    tied_with: int = 0  # other ranked causes with the same score


def support_for_expected(result: Result, expected: Iterable[str],
                         catalogue: Catalogue | None = None) -> list[CauseSupport]:
    catalogue = catalogue or load_catalogue()
    ranked = {c.cause: c for c in result.ranking}
    support = []
    for cause_id in expected:
        entry = ranked.get(cause_id)
        if entry is not None:
            support.append(CauseSupport(cause_id, entry.name, entry.rank, entry.score,
                                        entry.evidence, _shared_rank(entry), entry.tied_with))
        else:
            against = tuple(e for e in result.opposed if e.cause == cause_id)
            support.append(CauseSupport(cause_id, catalogue.causes[cause_id].name, None, None,
                                        against))
    return support


@dataclass(frozen=True)
class WrongCause:
    """A cause the trainee named that the case does not expect, and why it does not fit, from
    the engine's conclusions on this case: the findings against it, what little speaks for
    it, and, when nothing in the case speaks for it, what the rules would look for."""

    cause: str
    name: str
    rank: int | None  # the system's rank; None when it did not rank the cause
    score: int | None
    against: tuple[EvidenceItem, ...]  # findings in this case that argue against it
    support: tuple[EvidenceItem, ...]  # findings in this case for it (it may still rank low)
    would_point_to_it: tuple[str, ...]  # the strongest rules for it (rationales as written)
    missing_drug_class: str | None = None  # a drug cause: its class, none of it in the case
    shared_rank: int | None = None  # the place its score shares with equal scores
    tied_with: int = 0  # other ranked causes with the same score

    @property
    def nothing_for_it(self) -> bool:
        return not self.support


def why_wrong_causes(score: TraineeScore, result: Result, case: Case | None = None,
                     catalogue: Catalogue | None = None, book=None) -> list[WrongCause]:
    """For each cause the trainee named that the case does not expect: why it does not fit.
    ``book`` is the rules read by ``engine.kb_check`` (read once and kept when not given)."""
    catalogue = catalogue or load_catalogue()
    ranked = {c.cause: c for c in result.ranking}
    wrong = []
    for cause_id in score.answer:
        if cause_id in score.expected:
            continue
        entry = ranked.get(cause_id)
        evidence = entry.evidence if entry else tuple(
            e for e in result.opposed if e.cause == cause_id)
        against = tuple(sorted((e for e in evidence if e.weight < 0), key=lambda e: e.weight))
        support = tuple(sorted((e for e in evidence if e.weight > 0), key=lambda e: -e.weight))
        drug_class = next((d for d in catalogue.drug_classes.values() if d.cause == cause_id),
                          None)
        missing = None
        if drug_class is not None and case is not None:
            taken = {klass for m in case.medications or () for _, klass in m.drugs}
            if not any(d.cause == cause_id for k, d in catalogue.drug_classes.items()
                       if k in taken):
                missing = drug_class.name
        would = ()
        if not support and drug_class is None:  # a drug cause needs its drug, said above
            calls = (book or _rule_book()).evidence_for(cause_id)
            strongest = sorted((c for c in calls if c.direction == "for" and c.rationale
                                and not c.dynamic), key=lambda c: (-c.strength, c.rule))
            would = tuple(dict.fromkeys(c.rationale for c in strongest))[:3]
        wrong.append(WrongCause(
            cause=cause_id, name=entry.name if entry else catalogue.causes[cause_id].name,
            rank=entry.rank if entry else None, score=entry.score if entry else None,
            against=against, support=support, would_point_to_it=would,
            missing_drug_class=missing, shared_rank=_shared_rank(entry) if entry else None,
            tied_with=entry.tied_with if entry else 0))
    return wrong


_RULE_BOOK = []


def _rule_book():
    """The rules as ``engine.kb_check`` reads them (about a second, so read once)."""
    if not _RULE_BOOK:
        from . import kb_check

        _RULE_BOOK.append(kb_check.read_rules(catalogue=load_catalogue()))
    return _RULE_BOOK[0]


def appraisal_notes(causes: Iterable[str], catalogue: Catalogue | None = None) -> list:
    """The appraisal notes (where sources disagree or are wrong) about any of these causes.
    Empty when the catalogue has no appraisals."""
    catalogue = catalogue or load_catalogue()
    wanted = set(causes)
    return [a for a in getattr(catalogue, "appraisals", {}).values()
            if wanted & set(getattr(a, "causes", ()) or ())]


# ---- what if? --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One change to a case: ``kind`` is remove_medication, add_medication, set_finding,
    set_lab, remove_lab, set_patient, add_smear or remove_smear."""

    kind: str
    key: str
    value: object = None

    def describe(self, catalogue: Catalogue | None = None) -> str:
        catalogue = catalogue or load_catalogue()
        if self.kind == "remove_medication":
            return f"no {self.key} (the drug removed)"
        if self.kind == "add_medication":
            weeks = f", started {weeks_in_words(self.value)} ago" if self.value is not None else ""
            return f"with {self.key}{weeks}"
        if self.kind == "add_smear":
            return f"film shows {catalogue.smear.get(self.key, self.key).lower()}"
        if self.kind == "remove_smear":
            return f"film without {catalogue.smear.get(self.key, self.key).lower()}"
        lab = catalogue.labs.get(self.key)
        if self.kind == "remove_lab":
            return f"{lab.name if lab else self.key} not reported"
        if self.kind == "set_lab":
            value = f"{self.value:,g}" if isinstance(self.value, (int, float)) else self.value
            unit = f" {lab.unit}" if lab and lab.unit != "%" else "%" if lab else ""
            return f"{lab.name if lab else self.key} {value}{unit}"
        question = catalogue.questions.get(self.key)
        text = question.text if question else self.key
        value = f"{self.value:g}" if isinstance(self.value, float) else in_words(self.value)
        return f"{text} → {value}"


def apply_change(case: Case, change: Change) -> Case:
    """The case with one change, validated by the case loader like any case file."""
    doc = case.to_document()
    doc.pop("teaching", None)
    if change.kind == "remove_medication":
        meds = doc.get("medications") or []
        kept = [m for m in meds
                if (m.get("name") or unnamed_drug_words(m.get("for"))).casefold()
                != change.key.casefold()]
        if len(kept) == len(meds):
            raise StudyError(f"{change.key!r} is not among this case's medications")
        doc["medications"] = kept
    elif change.kind == "add_medication":
        entry: dict = {"name": change.key}
        if change.value is not None:
            entry["started_weeks_ago"] = change.value
        doc["medications"] = [*(doc.get("medications") or []), entry]
    elif change.kind == "set_finding":
        doc.setdefault("findings", {})[change.key] = change.value
    elif change.kind == "set_patient":
        doc.setdefault("patient", {})[change.key] = change.value
    elif change.kind == "set_lab":
        doc.setdefault("labs", {})[change.key] = change.value
    elif change.kind == "remove_lab":
        (doc.get("labs") or {}).pop(change.key, None)
    elif change.kind == "add_smear":
        film = [f for f in doc.get("smear") or [] if f != "normal"]
        doc["smear"] = [*film, change.key] if change.key not in film else film
    elif change.kind == "remove_smear":
        doc["smear"] = [f for f in doc.get("smear") or [] if f != change.key]
        if change.key == "blasts":  # a film without blasts has no blast percentage either
            (doc.get("labs") or {}).pop("blasts_pct", None)
    else:
        raise ValueError(f"unknown change {change.kind!r}")
    outcome = load_text(yaml.safe_dump(doc, sort_keys=False), f"what-if on {case.id}")[0]
    if isinstance(outcome, CaseFileError):
        raise StudyError(f"that change does not make a valid case: {outcome.problem}"
                         + (f" ({outcome.hint})" if outcome.hint else ""))
    outcome.file = case.file
    return outcome


@dataclass(frozen=True)
class CauseMove:
    cause: str
    name: str
    old_rank: int | None  # None: not ranked
    new_rank: int | None
    old_score: int | None
    new_score: int | None

    @property
    def delta(self) -> int | None:
        if self.old_score is None or self.new_score is None:
            return None
        return self.new_score - self.old_score


@dataclass(frozen=True)
class RuleChange:
    rule: str
    status: str  # now fires, no longer fires, now concludes differently
    effects: tuple[str, ...]  # the evidence and pitfalls the rule concludes, in words
    asks: tuple[str, ...] = ()  # the questions it asks


@dataclass(frozen=True)
class WhatIf:
    change: Change
    description: str
    before: Result
    after: Result
    moves: tuple[CauseMove, ...]  # causes whose score or rank changed
    pitfalls_gained: tuple[str, ...]
    pitfalls_lost: tuple[str, ...]
    rules: tuple[RuleChange, ...]

    @property
    def changed_anything(self) -> bool:
        return bool(self.moves or self.pitfalls_gained or self.pitfalls_lost or self.rules)


def what_if(assessor: Assessor, case: Case, change: Change, before: Result | None = None
            ) -> WhatIf:
    """Re-assess the case with one change and say what moved."""
    before = before or assessor.assess(case)
    after = assessor.assess(apply_change(case, change))
    return WhatIf(change=change, description=change.describe(assessor.catalogue),
                  before=before, after=after, moves=cause_moves(before, after),
                  pitfalls_gained=tuple(p.id for p in after.pitfalls
                                        if p.id not in {q.id for q in before.pitfalls}),
                  pitfalls_lost=tuple(p.id for p in before.pitfalls
                                      if p.id not in {q.id for q in after.pitfalls}),
                  rules=rule_changes(before, after, assessor.catalogue))


def cause_moves(before: Result, after: Result) -> tuple[CauseMove, ...]:
    old = {c.cause: c for c in before.ranking}
    new = {c.cause: c for c in after.ranking}
    moves = []
    for cause_id in dict.fromkeys([*new, *old]):
        a, b = old.get(cause_id), new.get(cause_id)
        if a and b and a.rank == b.rank and a.score == b.score:
            continue
        moves.append(CauseMove(cause_id, (b or a).name, a.rank if a else None,
                               b.rank if b else None, a.score if a else None,
                               b.score if b else None))
    moves.sort(key=lambda m: (m.new_rank is None, m.new_rank or 0, m.old_rank or 0))
    return tuple(moves)


def _rule_effects(result: Result, catalogue: Catalogue
                  ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    effects: dict[str, list[str]] = defaultdict(list)
    asks: dict[str, list[str]] = defaultdict(list)
    evidence = [e for c in result.ranking for e in c.evidence] + list(result.opposed)
    for item in evidence:
        name = catalogue.causes[item.cause].name
        effects[item.rule].append(f"{item.weight:+d} {name}: {item.rationale}")
    for pitfall in result.pitfalls:
        effects[pitfall.rule].append(f"pitfall: {pitfall.summary}")
    for question in result.questions:
        for rule in question.asked_by:
            asks[rule].append(question.text)
    return effects, asks


def rule_changes(before: Result, after: Result, catalogue: Catalogue | None = None
                 ) -> tuple[RuleChange, ...]:
    """Rules that fire only before or only after the change, with what each concludes
    (evidence, pitfalls) and asks; rules that only derive facts have neither."""
    catalogue = catalogue or load_catalogue()
    old = Counter(f.rule for f in before.trace)
    new = Counter(f.rule for f in after.trace)
    old_effects, old_asks = _rule_effects(before, catalogue)
    new_effects, new_asks = _rule_effects(after, catalogue)
    changes = [RuleChange(rule, "now fires", tuple(new_effects.get(rule, ())),
                          tuple(new_asks.get(rule, ())))
               for rule in new if rule not in old]
    changes += [RuleChange(rule, "no longer fires", tuple(old_effects.get(rule, ())),
                           tuple(old_asks.get(rule, ())))
                for rule in old if rule not in new]
    # a rule that fires both times but now concludes something else (a weight that depends
    # on a count, say) has changed too
    changes += [RuleChange(rule, "now concludes differently", tuple(new_effects[rule]))
                for rule in new if rule in old and rule in new_effects
                and sorted(new_effects[rule]) != sorted(old_effects.get(rule, []))]
    return tuple(changes)


def suggested_changes(case: Case, result: Result, catalogue: Catalogue | None = None
                      ) -> list[Change]:
    """Single changes worth trying on this case, most telling first: remove each drug, take
    away each film finding, flip each yes/no answer, then answer the open questions yes."""
    catalogue = catalogue or load_catalogue()
    changes: list[Change] = [Change("remove_medication", m.name or m.shown)
                             for m in case.medications or ()]
    changes += [Change("remove_smear", finding) for finding in case.smear or ()
                if finding != "normal"]
    for key, value in case.findings.items():
        question = catalogue.questions.get(key)
        if question and question.kind == "yesno" and value in ("yes", "no"):
            changes.append(Change("set_finding", key, "no" if value == "yes" else "yes"))
    for question in result.next_questions:
        entry = catalogue.questions.get(question.id)
        if entry and entry.kind == "yesno" and question.id not in case.findings:
            changes.append(Change("set_finding", question.id, "yes"))
    return changes


# ---- progress --------------------------------------------------------------------------------

PROGRESS_VERSION = 1
# a progress file, like an interview save, ends with a line its opening declares, so a copy
# cut short (points: 10 torn to points: 1) is set aside rather than read with changed scores
PROGRESS_END = "# end of leukodx study progress"
PROGRESS_DECLARES_END = f"# A complete progress file ends with the line: {PROGRESS_END}"


def default_progress_path() -> Path:
    """$XDG_DATA_HOME/leukodx/progress.yaml, or ~/.local/share/leukodx/progress.yaml."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "leukodx" / "progress.yaml"


@dataclass(frozen=True)
class Attempt:
    case: str
    date: str  # ISO 8601, UTC
    points: float
    maximum: float
    verdict: str  # correct, partly, wrong
    category: str
    difficulty: str
    answer: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    revealed: str = "all"  # how much of the case was shown before answering

    @property
    def fraction(self) -> float:
        return self.points / self.maximum if self.maximum else 0.0

    def to_dict(self) -> dict:
        return {"case": self.case, "date": self.date, "points": self.points,
                "maximum": self.maximum, "verdict": self.verdict, "category": self.category,
                "difficulty": self.difficulty, "answer": list(self.answer),
                "pitfalls": list(self.pitfalls), "revealed": self.revealed}


@dataclass(frozen=True)
class CategoryStats:
    category: str
    name: str
    attempts: int
    cases: int
    correct: int
    mean: float  # mean fraction of the points, 0..1


@dataclass
class Progress:
    attempts: list[Attempt] = field(default_factory=list)
    path: str | None = None
    problem: str | None = None  # set when the file was corrupt and has been moved aside
    kept_aside: str | None = None

    def cases_done(self) -> set[str]:
        return {a.case for a in self.attempts}

    def latest(self) -> dict[str, Attempt]:
        latest: dict[str, Attempt] = {}
        for attempt in self.attempts:
            latest[attempt.case] = attempt
        return latest

    def answered_wrongly(self) -> set[str]:
        """Cases whose most recent attempt was not fully correct."""
        return {case for case, a in self.latest().items() if a.verdict != "correct"}

    def by_category(self) -> list[CategoryStats]:
        """Per category, weakest (lowest mean score) first."""
        groups: dict[str, list[Attempt]] = defaultdict(list)
        for attempt in self.attempts:
            groups[attempt.category].append(attempt)
        stats = [CategoryStats(category, CATEGORY_NAMES.get(category, category), len(items),
                               len({a.case for a in items}),
                               sum(a.verdict == "correct" for a in items),
                               sum(a.fraction for a in items) / len(items))
                 for category, items in groups.items()]
        stats.sort(key=lambda s: (s.mean, s.category))
        return stats

    def weakest_categories(self, count: int = 3) -> list[CategoryStats]:
        return [s for s in self.by_category() if s.mean < 1.0][:count]

    def to_document(self) -> dict:
        return {"version": PROGRESS_VERSION, "attempts": [a.to_dict() for a in self.attempts]}


class ProgressFileError(StudyError):
    """A progress file whose content is not a leukodx progress file (it is set aside)."""


class ProgressSaveError(StudyError):
    """Attempts that could not be written to the progress file. They are named in the
    message and kept in ``attempts`` so the caller can hold them and try again."""

    def __init__(self, path: str | os.PathLike, attempts: Iterable[Attempt], reason: str):
        self.path, self.attempts, self.reason = str(path), tuple(attempts), reason
        cases = ", ".join(f"{a.case} ({a.points:g}/{a.maximum:g}, {a.verdict})"
                          for a in self.attempts)
        noun = "attempt" if len(self.attempts) == 1 else f"{len(self.attempts)} attempts"
        super().__init__(f"{self.path}: {reason}; not saved: {noun} {cases}")


# a progress file holds one score per attempt: anything outside these is not one we wrote
POINTS_CEILING = 1_000.0
TEXT_FIELDS = ("case", "date", "verdict", "category")
VERDICTS = ("correct", "partly", "wrong")
LOCK_TIMEOUT_SECONDS = 30.0  # a session holds the lock for one read-modify-write


def _number_field(entry: dict, key: str, index: int) -> float:
    value = entry.get(key)
    # bool is an int to Python, and a huge int would overflow float(): neither is a score
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProgressFileError(f"attempt {index}: {key} is not a number")
    if isinstance(value, int) and abs(value) > POINTS_CEILING:
        digits = int(value.bit_length() * math.log10(2)) + 1  # str() of it may refuse
        raise ProgressFileError(f"attempt {index}: {key} is a number of about {digits} "
                                "digits, out of range")
    if not math.isfinite(value) or not 0 <= value <= POINTS_CEILING:
        raise ProgressFileError(f"attempt {index}: {key} {value!r} is out of range")
    return float(value)


def _text_field(entry: dict, key: str, index: int, default: str | None = None) -> str:
    value = entry.get(key, default)
    if value is None or value == "":
        if default is not None:
            return default
        raise ProgressFileError(f"attempt {index}: {key} is missing")
    if isinstance(value, (dict, list)):
        raise ProgressFileError(f"attempt {index}: {key} is not text")
    return str(value)


def _text_list(entry: dict, key: str, index: int) -> tuple[str, ...]:
    value = entry.get(key) or ()
    if not isinstance(value, (list, tuple)) or \
            any(isinstance(item, (dict, list)) or item is None for item in value):
        raise ProgressFileError(f"attempt {index}: {key} is not a list of names")
    return tuple(str(item) for item in value)


def _attempt_from(entry: object, index: int) -> Attempt:
    if not isinstance(entry, dict):
        raise ProgressFileError(f"attempt {index} is not a mapping")
    points, maximum = (_number_field(entry, "points", index),
                       _number_field(entry, "maximum", index))
    if maximum == 0 or points > maximum:
        raise ProgressFileError(f"attempt {index}: {points:g} of {maximum:g} points is not "
                                "a score")
    attempt = Attempt(
        case=_text_field(entry, "case", index), date=_text_field(entry, "date", index),
        points=points, maximum=maximum, verdict=_text_field(entry, "verdict", index),
        category=_text_field(entry, "category", index),
        difficulty=_text_field(entry, "difficulty", index, "unrated"),
        answer=_text_list(entry, "answer", index), pitfalls=_text_list(entry, "pitfalls", index),
        revealed=_text_field(entry, "revealed", index, "all"))
    if attempt.verdict not in VERDICTS:
        raise ProgressFileError(f"attempt {index} has an unknown verdict")
    return attempt


def _parse_progress(path: str, text: str) -> list[Attempt]:
    """The attempts in a progress file, read by the case files' own guarded reader (nesting
    and alias limits, tags refused); anything else raises ``ProgressFileError``."""
    if cut_short(text, PROGRESS_DECLARES_END, PROGRESS_END):
        raise ProgressFileError("cut short (its end line is missing), so its last scores "
                                "may be incomplete")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return []  # empty, or comments only: nothing recorded yet
    try:
        data = _compose(path, text).data
    except CaseFileError as error:
        where = f" at line {error.line}" if error.line else ""
        raise ProgressFileError(f"not a leukodx progress file{where}: {error.problem}") \
            from None
    if not isinstance(data.get("attempts", []), list) or \
            not set(data) <= {"version", "attempts"}:
        raise ProgressFileError("not a leukodx progress file (expected version: and "
                                "attempts:)")
    return [_attempt_from(entry, index)
            for index, entry in enumerate(data.get("attempts") or [], start=1)]


def load_progress(path: str | os.PathLike | None = None) -> Progress:
    """The trainee's progress. A missing file is a fresh start; a corrupt one is renamed
    with a ``.corrupt-<timestamp>`` suffix (never overwritten) and reported in
    ``problem``, and a fresh start is returned. A file that cannot be read at all (or is
    not a regular file) raises ``StudyError`` and is left alone."""
    path = Path(path) if path else default_progress_path()
    progress = Progress(path=str(path))
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return progress
    except OSError as error:
        raise StudyError(f"{path}: progress file cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise StudyError(f"{path}: not a regular file, so it cannot hold progress "
                         "(give --progress a file)")
    if not os.access(path, os.R_OK):
        raise StudyError(f"{path}: progress file cannot be read: permission denied")
    try:
        progress.attempts = _parse_progress(str(path), _read_text(str(path)))
    except (ProgressFileError, CaseFileError) as error:
        reason = error.problem if isinstance(error, CaseFileError) else str(error)
        progress.problem = f"{path}: {reason}"
        progress.kept_aside = _set_aside(path)
    return progress


def _set_aside(path: Path) -> str | None:
    """Rename a corrupt progress file out of the way; None when that is impossible (the
    file then stays, and nothing is saved over it)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return str(aside)


def save_progress(progress: Progress, path: str | os.PathLike | None = None) -> Path:
    """Write the progress file atomically: a reader sees the old file or the new, never half."""
    path = Path(path or progress.path or default_progress_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# leukodx study progress (written by `leukodx study`)\n"
            f"{PROGRESS_DECLARES_END}\n" +
            yaml.safe_dump(progress.to_document(), sort_keys=False, allow_unicode=True) +
            PROGRESS_END + "\n")
    write_atomically(path, text)  # an OutputError is an OSError, as callers expect
    return path


def make_attempt(study_case: StudyCase, score: TraineeScore, revealed: str = "all",
                 when: datetime | None = None) -> Attempt:
    when = when or datetime.now(timezone.utc)
    return Attempt(case=study_case.id, date=when.isoformat(timespec="seconds"),
                   points=score.points, maximum=score.maximum, verdict=score.verdict,
                   category=study_case.category, difficulty=study_case.difficulty,
                   answer=score.answer, pitfalls=score.pitfalls_ticked, revealed=revealed)


def record_attempt(path: str | os.PathLike, attempt: Attempt,
                   unsaved: Iterable[Attempt] = ()) -> Progress:
    """Add one attempt (and any ``unsaved`` ones an earlier failed write left in memory)
    to the progress file and save it. The whole read-modify-write holds a lock on
    ``<file>.lock``, so sessions finishing together never lose each other's attempts.
    Raises ``ProgressSaveError`` naming every attempt not saved; the file is then as it
    was."""
    path = Path(path)
    attempts = [*unsaved, attempt]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT_SECONDS):
            progress = load_progress(path)
            if progress.problem and progress.kept_aside is None:
                raise ProgressSaveError(path, attempts, "the file could not be read and "
                                        "could not be moved aside, so it is not written over")
            progress.attempts.extend(attempts)
            save_progress(progress, path)
    except Timeout:
        raise ProgressSaveError(path, attempts, "another leukodx session held the progress "
                                f"file for over {LOCK_TIMEOUT_SECONDS:g} s") from None
    except ProgressSaveError:
        raise
    except StudyError as error:
        raise ProgressSaveError(path, attempts, str(error).removeprefix(f"{path}: ")) \
            from None
    except OSError as error:
        where = f" ({error.filename})" if error.filename and str(error.filename) != str(path) \
            else ""
        raise ProgressSaveError(path, attempts, f"cannot be written: "
                                f"{error.strerror or error}{where}") from None
    return progress
