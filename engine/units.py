"""Reading laboratory values written with or without units into the canonical units the rules
use: counts in cells/µL, haemoglobin in g/dL, IgG in mg/dL, percentages 0-100.

A bare number that is implausible in the canonical unit is refused with the likely fix,
never silently rescaled. Besides a number, a value may be a word (``low``, ``normal``,
``high``) or a bound (``"<500"``, ``"<= 1.0 x10^9/L"``, ``"> 12000"``); both are kept as text
in canonical form (``<500``, ``<=1000``) and read as ranges by the rules (rules/quantities.py).
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass

from rules.catalogue import LabTest
from rules.quantities import WORDS

_BOUND_TEXT = re.compile(r"^(?P<op><=|>=|=<|=>|≤|≥|<|>)\s*(?P<rest>.+)$", re.DOTALL)
_OPERATORS = {"<=": "<=", "=<": "<=", "≤": "<=", ">=": ">=", "=>": ">=", "≥": ">=",
              "<": "<", ">": ">"}

# a number as people write it: digits with dots and commas in any arrangement; which
# arrangements are readable is decided by ``read_number``
_NUMBER = r"(?P<value>[-+]?(?:\d+(?:[.,]\d+)*|\.\d+))"
_WITH_UNIT = re.compile(_NUMBER + r"\s*(?P<unit>.*?)\s*$", re.DOTALL)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_PLAIN = re.compile(r"\d+(?:\.\d+)?|\.\d+")
MAX_DIGITS = 20  # no clinical value needs more; longer numbers overflow float arithmetic

# unit spelling (lower case, spaces removed) -> factor to the canonical unit, per lab kind
_COUNT_UNITS = {
    1000: ("x10^9/l", "×10^9/l", "x10⁹/l", "×10⁹/l", "10^9/l", "10⁹/l", "x10e9/l", "e9/l",
           "g/l", "k/ul", "k/µl", "k/μl", "k/mm3", "x10^3/ul", "x10^3/µl", "×10^3/µl",
           "10^3/ul", "10^3/µl", "x10^3/mm3", "thou/ul", "thou/µl"),
    1: ("/ul", "/µl", "/μl", "/mm3", "/mm³", "cells/ul", "cells/µl", "cells/μl",
        "cells/mm3", "per ul", "perul", "per µl"),
}
_HEMOGLOBIN_UNITS = {1.0: ("g/dl",), 0.1: ("g/l",), 1.611: ("mmol/l",)}
_IGG_UNITS = {1.0: ("mg/dl",), 100.0: ("g/l",)}
_PERCENT_UNITS = {1.0: ("%", "percent")}
_UNITS_BY_KIND = {"count": _COUNT_UNITS, "hemoglobin": _HEMOGLOBIN_UNITS, "igg": _IGG_UNITS,
                  "percent": _PERCENT_UNITS}


def _units_for(test: LabTest) -> dict[float, tuple[str, ...]]:
    table = _UNITS_BY_KIND.get(test.kind)
    if table is None:
        table = {1.0: (test.unit.lower(),)}
    if test.other_units:
        table = {factor: tuple(spellings) for factor, spellings in table.items()}
        for spelling, factor in test.other_units:
            table[factor] = (*table.get(factor, ()), spelling.lower())
    return table


def unit_spellings(test: LabTest) -> tuple[str, ...]:
    """The unit strings a value of ``test`` may be written with (besides a bare number in
    its canonical unit)."""
    return tuple(dict.fromkeys(s for spellings in _units_for(test).values()
                               for s in spellings))


class UnitProblem(ValueError):
    """A value that cannot be read; ``hint`` holds the likely fix."""

    def __init__(self, problem: str, hint: str | None = None):
        super().__init__(problem)
        self.problem, self.hint = problem, hint


def _factor(unit: str, table: dict[float, tuple[str, ...]]) -> float | None:
    folded = unit.lower().replace(" ", "").replace("cells", "cells")
    for factor, spellings in table.items():
        if folded in (s.replace(" ", "") for s in spellings):
            return factor
    return None


@dataclass(frozen=True)
class WrittenNumber:
    """A number read from text. ``decimal_reading`` is the other value the same text would
    have if its one comma were a decimal comma (``"2,300"``: 2300, or 2.3)."""

    value: float
    decimal_reading: float | None = None


COMMA_RULE = ("a comma followed by exactly three digits separates thousands (6,500; 150,000); "
              "any other comma is a decimal comma (2,3 x10^9/L; 12,5 g/dL); a number that "
              "could be read either way is refused with both readings")


def read_number(text: str) -> WrittenNumber:
    """The number written in ``text`` (no unit), following ``COMMA_RULE``: the one parser
    for numbers written as text, in case files and at the interview. A dot is always a
    decimal point. Raises ``UnitProblem`` for anything else, NaN and infinity included."""
    written = text.strip()
    sign, digits = (-1.0, written[1:]) if written[:1] == "-" else \
        (1.0, written[1:] if written[:1] == "+" else written)
    alternative = None
    if _THOUSANDS.fullmatch(digits):
        value = float(digits.replace(",", ""))
        if digits.count(",") == 1 and "." not in digits:
            alternative = sign * float(digits.replace(",", "."))
    elif _DECIMAL_COMMA.fullmatch(digits) and len(digits.split(",")[1]) != 3:
        value = float(digits.replace(",", "."))
    elif _PLAIN.fullmatch(digits):
        value = float(digits)
    else:
        raise UnitProblem(f"cannot read {_clip(written)!r} as a number",
                          "write digits with a dot for decimals (2.3); a comma only between "
                          "groups of three digits (6,500) or as the one decimal comma (2,3)")
    if sum(c.isdigit() for c in digits) > MAX_DIGITS or not math.isfinite(value):
        raise UnitProblem(f"{_clip(written)} has more digits than any clinical value",
                          "check the number")
    return WrittenNumber(sign * value, alternative)


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _both_readings(written: str, number: WrittenNumber, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    return f"write {_tidy(number.value)}{unit} or {_tidy(number.decimal_reading)}{unit}"


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)


def read_lab_value(test: LabTest, raw: object) -> float | int | str:
    """The value of ``raw`` in the canonical unit of ``test``: a number, a word (``low``,
    ``normal``, ``high``) or a bound in canonical form (``<500``); or ``UnitProblem``."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise UnitProblem(f"expected a number, got {_describe(raw)}",
                          f"write a number in {test.unit}, or low, normal or high")
    if isinstance(raw, str):
        text = raw.strip()
        if text.lower() in WORDS:
            if not test.normal:
                raise UnitProblem(f"{text.lower()!r} cannot be read for {test.name}: no "
                                  "reference range is kept for it",
                                  f"write a number in {test.unit}")
            return text.lower()
        bound = _BOUND_TEXT.match(text)
        if bound:
            return _read_bound(test, _OPERATORS[bound["op"]], bound["rest"])
        value = _read_string(test, raw)
    else:
        value = finite_number(raw)
        _check_bare(test, value)
    return _checked(test, value)


def _read_bound(test: LabTest, op: str, rest: str) -> str:
    """``<500`` and its kin: the number read like any other, then checked for sense."""
    if _BOUND_TEXT.match(rest.strip()):
        raise UnitProblem(f"cannot read {_clip(op + rest)!r}: two comparison signs",
                          "write one bound, e.g. \"<500\"")
    value = _checked(test, _read_string(test, rest))
    low = test.minimum if test.minimum is not None else 0
    if op.startswith("<") and value <= low and not (op == "<=" and value == low):
        raise UnitProblem(f"no {test.name.lower()} can be {op}{_tidy(value)} {test.unit}",
                          f"write the value itself, e.g. {_tidy(value)}")
    return f"{op}{_tidy(value)}"


def _checked(test: LabTest, value: float) -> float | int:
    if value < 0:
        raise UnitProblem(f"cannot be negative ({_tidy(value)})")
    low = test.minimum if test.minimum is not None else 0
    high = test.maximum if test.maximum is not None else (100 if test.kind == "percent" else None)
    if value < low or (high is not None and value > high):
        span = f"{low:g}-{high:g}" if high is not None else f"at least {low:g}"
        raise UnitProblem(f"{_tidy(value)} {test.unit} is outside the possible range ({span} {test.unit})")
    return _tidy(value)


def _check_bare(test: LabTest, value: float) -> None:
    """Refuse bare numbers that only make sense in another unit."""
    if test.kind == "count":
        too_small = test.bare_minimum is not None and 0 < value < test.bare_minimum
        if too_small or (0 < value < 100 and not value.is_integer()):
            thousands = _tidy(value * 1000)
            raise UnitProblem(
                f"{_tidy(value)} is not a plausible count in cells/µL",
                f"did you mean {thousands}? Counts are cells/µL: write {thousands}, "
                f"or \"{_tidy(value)} x10^9/L\"")
    elif test.kind == "hemoglobin" and value > 25 and value <= 250:
        raise UnitProblem(f"{_tidy(value)} is not a plausible haemoglobin in g/dL",
                          f"did you mean {_tidy(value / 10)} g/dL? Write {_tidy(value / 10)}, "
                          f"or \"{_tidy(value)} g/L\"")
    elif test.kind == "igg" and 0 < value < 30:
        raise UnitProblem(f"{_tidy(value)} is not a plausible {test.name} in mg/dL",
                          f"did you mean {_tidy(value * 100)} mg/dL? Write {_tidy(value * 100)}, "
                          f"or \"{_tidy(value)} g/L\"")
    elif test.kind == "percent" and 0 < value < 1 and not value.is_integer():
        raise UnitProblem(f"{_tidy(value)} looks like a fraction, not a percentage",
                          f"did you mean {_tidy(value * 100)}%?")


def finite_number(raw: int | float) -> float:
    """A number from a YAML value or a caller, as a float; NaN, infinity and integers too
    long for float arithmetic are ``UnitProblem``."""
    try:
        if isinstance(raw, int) and abs(raw) >= 10 ** MAX_DIGITS:
            raise OverflowError
        value = float(raw)
    except OverflowError:
        raise UnitProblem("has more digits than any clinical value", "check the number") \
            from None
    if not math.isfinite(value):
        raise UnitProblem(f"is not a finite number ({value})", "write a number, or unknown")
    return value


def _in_range(test: LabTest, value: float) -> bool:
    high = test.maximum if test.maximum is not None else (100 if test.kind == "percent" else None)
    return value >= (test.minimum or 0) and (high is None or value <= high)


def _read_string(test: LabTest, raw: str) -> float:
    match = _WITH_UNIT.match(raw.strip())
    if not match:
        close = difflib.get_close_matches(raw.strip().lower()[:20], WORDS, n=1, cutoff=0.6)
        raise UnitProblem(f"cannot read {_clip(raw)!r} as a number with a unit",
                          f"did you mean {close[0]!r}?" if close else
                          f"write a number in {test.unit}, e.g. {_example(test)}; or low, "
                          "normal, high; or a bound such as \"<500\"")
    number, unit = read_number(match["value"]), match["unit"]
    factor = _factor(unit, _units_for(test)) if unit else 1
    if factor is None:
        raise UnitProblem(f"unknown unit {_clip(unit)!r} for {test.name}",
                          f"write {_example(test)}")
    if number.decimal_reading is not None and (
            factor != 1 or not _in_range(test, number.value * factor)):
        # "2,300 x10^9/L": 2300 x10^9/L is impossible, 2.3 is likely; in a unit other than
        # the canonical one three decimals are as plausible as a thousands group
        raise UnitProblem(f"{match['value']!r} is ambiguous here: the comma may separate "
                          "thousands or be a decimal comma",
                          _both_readings(match["value"], number, unit))
    if not unit:
        _check_bare(test, number.value)
    elif test.kind == "count" and factor == 1 and 0 < number.value < 100 \
            and not number.value.is_integer():
        # "6.500 /uL" (a dot written for thousands) is 6.5 cells/µL: refused, not read
        whole = _tidy(number.value * 1000)
        raise UnitProblem(f"{_tidy(number.value)} {unit} is not a plausible count",
                          f"a dot is a decimal point: did you mean {whole} {unit}, or "
                          f"\"{_tidy(number.value)} x10^9/L\"?")
    return number.value * factor


def _example(test: LabTest) -> str:
    return {"count": '2100 (cells/µL), "2.1 x10^9/L" or "2.1 K/uL"',
            "hemoglobin": '12.5 (g/dL) or "125 g/L"', "igg": '750 (mg/dL) or "7.5 g/L"',
            "percent": "45 (%)"}.get(test.kind, f"a number in {test.unit}")


def _describe(raw: object) -> str:
    if isinstance(raw, bool):
        return f"yes/no ({str(raw).lower()})"
    if raw is None:
        return "nothing"
    return {dict: "a mapping", list: "a list"}.get(type(raw), type(raw).__name__)
