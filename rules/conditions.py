"""Field conditions the rule modules share: numeric tests that never match "unknown" (or a
yes/no), and the usual grouping of cell-line patterns."""

from __future__ import annotations

from experta import P


def number(test):
    """Matches a numeric field value for which ``test(value)`` holds."""
    return P(lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
             and test(value))


def at_least(limit):
    return number(lambda value: value >= limit)


def at_most(limit):
    return number(lambda value: value <= limit)


def above(limit):
    return number(lambda value: value > limit)


SEVERAL_LINES = P(lambda pattern: pattern in ("bicytopenia", "pancytopenia"))
FEVER = at_least(38.0)
