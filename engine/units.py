"""Reading laboratory values written with or without units into the canonical units the rules
use: counts in cells/µL, haemoglobin in g/dL, IgG in mg/dL, percentages 0-100.

A bare number that is implausible in the canonical unit is refused with the likely fix,
never silently rescaled.
"""

from __future__ import annotations

import re

from rules.catalogue import LabTest

_NUMBER = r"(?P<value>[-+]?\d+(?:[.,]\d+)?)"
_WITH_UNIT = re.compile(_NUMBER + r"\s*(?P<unit>.*?)\s*$")

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
    return _UNITS_BY_KIND.get(test.kind, {1.0: (test.unit,)})


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


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 3)


def read_lab_value(test: LabTest, raw: object) -> float | int:
    """The value of ``raw`` in the canonical unit of ``test``, or ``UnitProblem``."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise UnitProblem(f"expected a number, got {_describe(raw)}",
                          f"write a number in {test.unit}")
    if isinstance(raw, str):
        value = _read_string(test, raw)
    else:
        value = float(raw)
        _check_bare(test, value)
    if value != value or value in (float("inf"), float("-inf")):
        raise UnitProblem("is not a finite number")
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
        raise UnitProblem(f"{_tidy(value)} is not a plausible IgG in mg/dL",
                          f"did you mean {_tidy(value * 100)} mg/dL? Write {_tidy(value * 100)}, "
                          f"or \"{_tidy(value)} g/L\"")
    elif test.kind == "percent" and 0 < value < 1 and not value.is_integer():
        raise UnitProblem(f"{_tidy(value)} looks like a fraction, not a percentage",
                          f"did you mean {_tidy(value * 100)}%?")


def _read_string(test: LabTest, raw: str) -> float:
    match = _WITH_UNIT.match(raw.strip())
    if not match:
        raise UnitProblem(f"cannot read {raw!r} as a number with a unit",
                          f"write a number in {test.unit}, e.g. {_example(test)}")
    value, unit = _number(match["value"]), match["unit"]
    if not unit:
        _check_bare(test, value)
        return value
    factor = _factor(unit, _units_for(test))
    if factor is None:
        raise UnitProblem(f"unknown unit {unit!r} for {test.name}",
                          f"write {_example(test)}")
    return value * factor


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
