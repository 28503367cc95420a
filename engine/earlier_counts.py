"""An earlier (or repeat) blood count as typed at the interview: when it was taken ("6 weeks
ago", "41 days", a date, or "6 hours later" for a repeat after today's count) and the count
as a laboratory prints it ("wbc 11.7, neut 81%"), turned into the entry a case file's
``earlier_counts:`` holds. It only reads what was typed; the case's loader then checks every
value as it checks a case file's, and the rules weigh the dated counts as in batch scoring."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.catalogue import Catalogue

from .count_paste import read_pasted_count
from .durations import days_ago, weeks_ago

EARLIER_COUNTS = "earlier_counts"  # the answer's id: the case file's section of that name
WHEN_HINT = ("6 weeks ago, 41 days, 3 months, a date (2025-03-14), or 6 hours later / "
             "2 days later for a repeat after this count")
_LATER = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours|d|day|days|w|wk|wks|week|weeks)"
                    r"\s+later$")
_LATER_KEYS = {"h": "hours_later", "hr": "hours_later", "hrs": "hours_later",
               "hour": "hours_later", "hours": "hours_later", "d": "days_later",
               "day": "days_later", "days": "days_later", "w": "weeks_later",
               "wk": "weeks_later", "wks": "weeks_later", "week": "weeks_later",
               "weeks": "weeks_later"}
_IN_DAYS = re.compile(r"^\d+(?:[.,]\d+)?\s*(d|day|days)(\s+ago)?$")


@dataclass(frozen=True)
class TypedCount:
    """One dated count as typed: the entry it gives (``{"days_ago": 41, "labs": {...}}``),
    or the problem that keeps it from being one."""

    entry: dict | None
    problem: str = ""


def when_taken(text: str) -> dict:
    """The time key of an earlier count as typed (``{"weeks_ago": 6}``, ``{"days_ago": 41}``,
    ``{"hours_later": 6}``); ValueError saying what is accepted otherwise."""
    folded = " ".join(text.strip().lower().split())
    later = _LATER.match(folded)
    if later:
        return {_LATER_KEYS[later.group(2)]: _whole(float(later.group(1).replace(",", ".")))}
    try:
        if _IN_DAYS.match(folded):
            return {"days_ago": _whole(days_ago(folded))}
        return {"weeks_ago": _whole(weeks_ago(folded))}
    except ValueError:
        raise ValueError(f"expected {WHEN_HINT}; got {text.strip()!r}") from None


def typed_count(when: str, count: str, catalogue: Catalogue) -> TypedCount:
    """The entry for a count taken ``when`` with the labs typed in ``count``; a part of the
    count that names no lab, or a name that could mean two, is the problem, never dropped."""
    try:
        entry = when_taken(when)
    except ValueError as error:
        return TypedCount(None, str(error))
    pasted = read_pasted_count(count, catalogue)
    if pasted.unread:
        return TypedCount(None, f"{pasted.unread[0]!r} names no lab of the count "
                                "(wbc, anc, neut%, lymph, hb, plt ...)")
    for value in pasted.values:
        if value.problem:
            return TypedCount(None, f"{value.name or value.text}: {value.problem}")
    labs = {value.lab_id: value.text for value in pasted.values}
    if not labs:
        return TypedCount(None, "give the count's values (wbc 11.7, neut 81%, hb 13, plt 250)")
    entry["labs"] = labs
    return TypedCount(entry)


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
