"""How long ago something happened, as typed at the interview: a number of weeks, a number
with a unit ("10 days", "6 months", "3 years", "2 wk ago") or a date ("2025-03-14",
"2025-03"), read as weeks before today."""

from __future__ import annotations

import re
from datetime import date

DAYS_PER = {"day": 1, "week": 7, "month": 365.25 / 12, "year": 365.25}
UNITS = {
    "d": "day", "day": "day", "days": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "m": "month", "mo": "month", "mos": "month", "month": "month", "months": "month",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
}
_SPAN = re.compile(r"^(\d+(?:[.,]\d+)?)\s*([a-z]*)(?:\s+ago)?$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
HINT = "weeks as a number, or with a unit (10 days, 6 months, 3 years), or a date (2025-03-14)"


def days_ago(text: str, today: date | None = None) -> float:
    """Days before ``today``, as typed: a number of days, or with a unit ("2 weeks"), or a
    date; ValueError saying what is accepted otherwise (the last dose of a drug)."""
    folded = " ".join(text.strip().lower().split())
    span = _SPAN.match(folded)
    if span and not span.group(2):  # a bare number is days here
        return float(span.group(1).replace(",", "."))
    if span and span.group(2) in UNITS:
        return round(float(span.group(1).replace(",", ".")) * DAYS_PER[UNITS[span.group(2)]])
    try:
        weeks_ago(text, today)  # a date, checked (not in the future) as for weeks
    except ValueError as error:
        if "future" in str(error):
            raise
        raise ValueError(f"expected {DAYS_HINT}; got {text.strip()!r}") from None
    found = _DATE.match(folded)
    when = date(int(found.group(1)), int(found.group(2)), int(found.group(3) or 1))
    return float(((today or date.today()) - when).days)


DAYS_HINT = "days as a number, or with a unit (2 weeks), or a date (2025-03-14)"


def weeks_ago(text: str, today: date | None = None) -> float:
    """Weeks before ``today`` (a number rounded to 0.1); ValueError saying what is
    accepted when the text is none of these, or a date in the future."""
    folded = " ".join(text.strip().lower().split())
    today = today or date.today()
    span = _SPAN.match(folded)
    if span:
        number = float(span.group(1).replace(",", "."))
        unit = UNITS.get(span.group(2) or "week")
        if unit is None:
            raise ValueError(f"unknown unit {span.group(2)!r}: give {HINT}")
        return round(number * DAYS_PER[unit] / 7, 1)
    found = _DATE.match(folded)
    if found:
        year, month, day = int(found.group(1)), int(found.group(2)), int(found.group(3) or 1)
        try:
            when = date(year, month, day)
        except ValueError:
            raise ValueError(f"{text.strip()!r} is not a date: give {HINT}") from None
        if when > today:
            raise ValueError(f"{text.strip()} is in the future")
        return round((today - when).days / 7, 1)
    raise ValueError(f"expected {HINT}; got {text.strip()!r}")
