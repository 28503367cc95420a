"""A time in weeks as a reader says it: "5 days", "6 weeks", "3 months", "4 years" rather
than "208.7 weeks", for the reasons the rules give and the echoes the interview shows."""

from __future__ import annotations

WEEKS_PER_MONTH = 365.25 / 12 / 7
WEEKS_PER_YEAR = 365.25 / 7


def weeks_in_words(weeks: float) -> str:
    """Days under two weeks (but "1 week"), weeks under three months, months under two years, then years;
    rounded to the unit (to half a week under ten weeks), as a clinician would say it."""
    if weeks < 2 and weeks != 1:
        return _counted(round(weeks * 7), "day")
    if weeks < 13:
        return _counted(round(weeks * 2) / 2 if weeks < 10 else round(weeks), "week")
    if weeks < 104:
        return _counted(round(weeks / WEEKS_PER_MONTH), "month")
    return _counted(round(weeks / WEEKS_PER_YEAR), "year")


def _counted(number: float, unit: str) -> str:
    shown = f"{number:g}"
    return f"{shown} {unit}" + ("" if number == 1 else "s")
