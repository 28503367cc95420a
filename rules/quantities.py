"""Lab values known only as a range: a bound from the report ("<500", ">= 12000") or a word
(``low``, ``normal``, ``high``) read against the reference range. The rules' numeric tests
(rules/conditions.py) accept a ``Range`` where the whole range passes the test, so a bound
never satisfies a test it might fail."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

WORDS = ("low", "normal", "high")
_BOUND = re.compile(r"^(?P<op><=|>=|<|>)(?P<value>\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class Range:
    """Every value between ``low`` and ``high`` (each end open or closed) is possible.
    ``text`` is how a case file writes it: ``<500`` or ``low``."""

    low: float
    high: float
    low_open: bool
    high_open: bool
    text: str

    @property
    def lowest(self) -> float:
        return math.nextafter(self.low, math.inf) if self.low_open else self.low

    @property
    def highest(self) -> float:
        return math.nextafter(self.high, -math.inf) if self.high_open else self.high

    def holds(self, test) -> bool:
        """Whether ``test`` holds for every value in the range. The rules' tests are
        thresholds and bands (convex sets), for which both ends passing proves the rest."""
        lowest, highest = self.lowest, self.highest
        if highest < lowest:
            return False
        try:
            return bool(test(lowest)) and bool(test(highest))
        except (OverflowError, ValueError, ZeroDivisionError):
            return False

    def below(self, limit: float) -> bool:
        """Every possible value is below ``limit``."""
        return self.highest < limit

    def at_or_above(self, limit: float) -> bool:
        return self.lowest >= limit

    def shown(self, unit: str = "") -> str:
        """In words for a message: ``below 500/µL``, ``low``."""
        if self.text in WORDS:
            return self.text
        match = _BOUND.match(self.text)
        words = {"<": "below", "<=": "at most", ">": "above", ">=": "at least"}[match["op"]]
        number = float(match["value"])
        number_text = f"{number:,.0f}" if number >= 100 and number.is_integer() else f"{number:g}"
        return f"{words} {number_text}{unit}"

    def __str__(self) -> str:
        return self.text


def is_bound(text: object) -> bool:
    """Whether ``text`` is a bound as a case holds it after reading (``<500``)."""
    return isinstance(text, str) and _BOUND.match(text) is not None


def bound_range(text: str, minimum: float = 0.0, maximum: float = math.inf) -> Range:
    """The range a canonical bound (``<500``, ``>=12000``) stands for, within the
    possible values of the lab."""
    match = _BOUND.match(text)
    if match is None:
        raise ValueError(f"not a bound: {text!r}")
    op, value = match["op"], float(match["value"])
    if op.startswith("<"):
        return Range(minimum, value, False, op == "<", text)
    return Range(value, maximum, op == ">", False, text)


def word_range(word: str, reference_low: float, reference_high: float,
               minimum: float = 0.0, maximum: float = math.inf) -> Range:
    """The range ``low``, ``normal`` or ``high`` stands for, given the reference limits."""
    if word == "low":
        return Range(minimum, reference_low, False, True, word)
    if word == "high":
        return Range(reference_high, maximum, True, False, word)
    return Range(reference_low, reference_high, False, False, word)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
