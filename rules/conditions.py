"""Field conditions the rule modules share: numeric tests that never match "unknown" (or a
yes/no), and the usual grouping of cell-line patterns.

Every numeric test on a lab goes through ``number``, the one place that knows a value may be
a ``Range`` (a bound such as "<500", or a word such as ``low``): a range passes a test only
when every value in it would, so "ANC < 500" is below 1,000 but "WBC low" is not below 2,000.
"""

from __future__ import annotations

from experta import AND, NOT, OR, P

from .facts import Findings, Labs
from .quantities import Range


def number(test):
    """Matches a numeric field value for which ``test(value)`` holds, or a range of values
    for all of which it holds."""
    def matches(value) -> bool:
        kind = type(value)
        if kind is int or kind is float:  # a plain number (most values): tested at once
            return bool(test(value))
        if kind is Range:
            return value.holds(test)
        return isinstance(value, (int, float)) and not isinstance(value, bool) \
            and bool(test(value))
    return P(matches)


def reported_as(word):
    """Matches a lab the case gives only as a word (``low``, ``normal``, ``high``), read against
    the laboratory's reference range, never a number."""
    return P(lambda value: type(value) is Range and value.text == word)


def at_least(limit):
    return number(lambda value: value >= limit)


def at_most(limit):
    return number(lambda value: value <= limit)


def above(limit):
    return number(lambda value: value > limit)


def below(limit):
    return number(lambda value: value < limit)


SEVERAL_LINES = P(lambda pattern: pattern in ("bicytopenia", "pancytopenia"))
# A neutropenia graded mild or moderate (ANC 500 or more): not severe
MILD_OR_MODERATE = P(lambda grade: grade in ("mild", "moderate"))
# A child young enough that a cancer, its treatment or thyroid disease are not asked about
# when the child is well with a neutrophil count low on its own (issue 12: the questions
# that cannot matter for this patient)
YOUNG_CHILD = number(lambda age: age < 12)
FEVER = at_least(38.0)
# A marrow under 25% cellular is empty at any age (the Camitta marrow criterion of severe
# aplastic anaemia), whatever word the report uses.
EMPTY_MARROW_PCT = number(lambda pct: pct < 25)


# A serum creatinine above the adult reference range (1.2 mg/dL, 106 µmol/L: labs.yaml reads
# µmol/L into mg/dL) is kidney impairment where a rule weighs it, as the question "kidney
# impairment (raised creatinine)?" answered yes is, unless the answer says no
RAISED_CREATININE_MG_DL = 1.2
KIDNEY_IMPAIRED = OR(Findings(renal_impairment="yes"),
                     AND(OR(Labs(creatinine=above(RAISED_CREATININE_MG_DL)),
                            Labs(creatinine=reported_as("high"))),
                         NOT(Findings(renal_impairment="no"))))
