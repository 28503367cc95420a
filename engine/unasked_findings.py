"""The findings a rule weighs in a case that the interview of the same case never asks
(issue 12): the reason an interview can rank otherwise than batch scoring of the full notes.

Each case is interviewed as a clinician holding its notes would answer
(``session.answers_from_case``), and every question the rules leave open at any step is
noted. A finding the notes hold that was never open and never answered is then tried by
taking it out of the case: where the evidence or the pitfalls change, a rule weighs it for
this patient although no rule asks it here. Those keys are what the rules should ask (an Ask
where the weighing rule can fire), or where a weighing rule is wider than it should be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .assessment import Assessor
from .cases import Case, case_from_document
from .errors import CaseFileError
from .session import InterviewSession, answers_from_case


@dataclass(frozen=True)
class UnaskedFinding:
    """One finding key weighed unasked: in which cases, and by which rules."""

    key: str
    cases: tuple[str, ...]
    rules: tuple[str, ...]  # the rules whose evidence or pitfalls moved without it


@dataclass(frozen=True)
class CaseInterview:
    """One case interviewed: the screens shown, what was ever open, what was weighed unasked."""

    case_id: str
    screens: int
    ever_open: frozenset[str]
    unasked: tuple[tuple[str, tuple[str, ...]], ...]  # (key, the rules weighing it)


@dataclass(frozen=True)
class UnaskedReport:
    cases: int
    findings: tuple[UnaskedFinding, ...]  # most cases first, then by key
    interviews: tuple[CaseInterview, ...]


def interview(assessor: Assessor, case: Case) -> tuple[InterviewSession, frozenset[str], int]:
    """The interview of ``case`` answered from its notes; the questions ever open; screens."""
    session = InterviewSession(assessor, case_id=case.id)
    ever_open: set[str] = set()
    screens = 0
    while True:
        ever_open |= {q.id for q in session.result().questions if q.status == "open"}
        screen = session.next_screen()
        if screen is None:
            break
        screens += 1
        outcome = session.answer_screen(answers_from_case(session, screen, case))
        if outcome.refused:  # a value the interview refuses: nothing more to learn here
            break
    return session, frozenset(ever_open), screens


def _weighed(result) -> frozenset[tuple]:
    evidence = {(e.rule, e.cause, e.weight) for c in result.ranking for e in c.evidence}
    return frozenset(evidence | {(p.rule, p.id, 0) for p in result.pitfalls})


def weighed_unasked(assessor: Assessor, case: Case, ever_open: frozenset[str],
                    answered: Iterable[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The case's findings that no question asked, each with the rules that weigh it."""
    answered = set(answered)
    document = case.to_document()
    findings = document.get("findings") or {}
    full = None
    found = []
    for key, value in findings.items():
        if key in ever_open or key in answered or value == "unknown":
            continue
        if full is None:
            full = _weighed(assessor.assess(case, with_trace=False))
        without = {**document, "findings": {k: v for k, v in findings.items() if k != key}}
        try:
            reduced = case_from_document(without)
        except CaseFileError:  # a key another one needs (a site without its finding)
            continue
        moved = full ^ _weighed(assessor.assess(reduced, with_trace=False))
        if moved:
            found.append((key, tuple(sorted({rule for rule, _, _ in moved}))))
    return tuple(found)


def unasked_findings(assessor: Assessor, cases: Iterable[Case]) -> UnaskedReport:
    """Every case interviewed, and the finding keys weighed in some case but never asked."""
    interviews = []
    by_key: dict[str, tuple[list[str], set[str]]] = {}
    for case in cases:
        session, ever_open, screens = interview(assessor, case)
        unasked = weighed_unasked(assessor, case, ever_open, session.answers)
        interviews.append(CaseInterview(case.id, screens, ever_open, unasked))
        for key, rules in unasked:
            ids, names = by_key.setdefault(key, ([], set()))
            ids.append(case.id)
            names.update(rules)
    findings = tuple(sorted(
        (UnaskedFinding(key, tuple(ids), tuple(sorted(names)))
         for key, (ids, names) in by_key.items()),
        key=lambda f: (-len(f.cases), f.key)))
    return UnaskedReport(len(interviews), findings, tuple(interviews))
