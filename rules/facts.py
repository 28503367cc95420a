"""The facts the rules reason over: a few wide facts per case, plus what the rules conclude.

Input facts are declared by the engine from a case; derived facts are declared by rules.
Field names are clinical words; experta forbids ``__`` in them.
"""

import experta
from experta.utils import freeze, unfreeze

_PLAIN = frozenset({str, int, float, bool, type(None)})  # values experta stores as they are


class Fact(experta.Fact):
    """experta's fact, filled in with less work: a plain value (text, a number, a boolean,
    None) is stored without asking experta's ``freeze`` what to make of it (it would
    return it unchanged), and a fact made from keywords skips the intermediate dicts. It
    still freezes every other value and refuses changes once declared. Building the rule
    network makes some ten thousand facts (each pattern rewritten step by step), and the
    rules declare their derived facts through it."""

    def __init__(self, *args, **kwargs):
        if args:
            super().__init__(*args, **kwargs)
            return
        if set(map(type, kwargs.values())) <= _PLAIN:  # a new fact: nothing to freeze
            dict.update(self, kwargs)
        else:
            for key, value in kwargs.items():
                self[key] = value
        self._Fact__defaults = {}  # what experta's __init__ sets (for fields' defaults)

    def __setitem__(self, key, value):
        if dict.get(self, "__factid__") is not None:
            raise RuntimeError("A fact can't be modified after declaration.")
        dict.__setitem__(self, key, value if type(value) in _PLAIN else freeze(value))

    def as_dict(self):
        """experta's ``as_dict`` (the fields but the special ``__name__`` ones, each value
        thawed), without asking its single-dispatch ``unfreeze`` about plain values (it
        returns them unchanged) or calling a method to tell a special key: the rules read
        the wide facts this way (the Findings fact has dozens of fields, the Labs fact is
        read by several rules in a case). Each call returns a new dict."""
        made = self.__dict__.get("_fields_as_dict")
        if made is not None:  # a declared fact of plain values, read before in its case
            return dict(made)
        made = {key: value if type(value) in _PLAIN else unfreeze(value)
                for key, value in self.items()
                if not (isinstance(key, str) and key.startswith("__") and key.endswith("__"))}
        # a declared fact cannot change: where every value is plain (nothing thawed that a
        # caller could change), the fields are kept for the next rule that reads them
        if dict.get(self, "__factid__") is not None and set(map(type, made.values())) <= _PLAIN:
            self._fields_as_dict = made
            return dict(made)
        return made


class Patient(Fact):
    """Who the patient is: ``age_years``, ``sex``, ``ancestry`` and the ``age_group`` derived
    from the age (``neonate``, ``infant``, ``child``, ``adolescent``, ``adult``, ``older_adult``)."""


class Labs(Fact):
    """One wide fact with every laboratory value the case gives, in canonical units
    (counts in cells/µL, haemoglobin g/dL, MCV fL, IgG mg/dL, percentages 0–100)."""


class Smear(Fact):
    """Blood-film findings, one boolean field per finding id that was reported (``blasts=True``)."""


class Findings(Fact):
    """Answers to the question bank, one field per question id: ``yes``/``no``/``unknown``,
    a number, or a choice."""


class History(Fact):
    """The dated earlier (and repeat) counts: ``entries``, each ``weeks_ago`` (negative for
    a repeat after the index count) and ``labs`` as the case gives them."""


class Medication(Fact):
    """One drug: ``generic``, ``drug_class`` (ids in rules/data/drugs.yaml; ``unrecognised``
    for a name the dictionary does not know), ``name`` as written, ``order`` in the case's
    list (a combination written as one name gives one fact per drug, same order), ``stopped``
    (True when stopped, dated or not), ``chemotherapy`` (an anticancer drug),
    ``lowers_lymphocytes`` (glucocorticoids, lymphodepleting and cytotoxic drugs), and, when
    the case gives them, ``started_weeks_ago``, ``stopped_weeks_ago``, ``days_since_last_dose``,
    ``dose_changed_weeks_ago`` and ``dose_change`` (``increased``, ``decreased`` or
    ``overdose``: a toxic amount taken at once)."""


# ---- derived facts (declared by rules) -------------------------------------------------

class Neutrophils(Fact):
    """The neutrophil picture: ``anc`` (cells/µL, or a ``Range`` when the case gives a word
    or a bound), ``shown`` (the ANC for a message), ``anc_source`` (``measured`` or
    ``calculated``), ``status`` (``absolute_neutropenia``, ``relative_neutropenia``,
    ``normal``, ``high``, or ``unknown`` when a bound spans the limit), ``grade`` (``mild``,
    ``moderate``, ``severe``, ``none``, or ``unknown`` when the value says "low" without
    fixing the grade) and ``agranulocytosis`` (every possible value below 200/µL)."""


class WhiteCount(Fact):
    """The total white count judged against the age-appropriate range: ``value`` (a number
    or a ``Range``), ``shown``, ``status`` (``low``, ``normal``, ``high``, ``unknown``),
    ``lower_limit``, ``upper_limit``, ``range_label``."""


class Cytopenia(Fact):
    """A low count in another cell line: ``line`` is ``anemia`` or ``thrombocytopenia``."""


class CellLines(Fact):
    """How many cell lines are low: ``pattern`` is ``isolated``, ``bicytopenia`` or
    ``pancytopenia``; ``low_lines`` counts them (0–3)."""


class Lymphocytes(Fact):
    """The lymphocyte picture: ``alc`` (a number or a ``Range``), ``shown``, ``status``
    (``lymphocytosis``, ``normal``, ``lymphopenia``, ``unknown``) and the age-appropriate
    ``lower_limit``."""


class CD4Count(Fact):
    """The CD4 T-cell count (or percentage) against the age-appropriate CDC stages:
    ``status`` (``normal``, ``low``, ``severe`` — the range of advanced HIV — or ``unknown``)
    and ``shown``."""


class Lymphopenia(Fact):
    """A low lymphocyte count (age-appropriate) or a low CD4 count: the gate of the
    lymphopenia differential. ``shown`` says which counts, ``neutrophils_low`` whether the
    neutrophils are low too."""


class Fever(Fact):
    """Whether the patient is febrile: ``present`` (True or False), ``basis``
    (``temperature`` or ``stated``) and ``shown`` (for a message). Absent when neither a
    temperature nor a yes/no answer says."""


class SepsisSigns(Fact):
    """Signs of sepsis are present: ``basis`` (``stated`` or ``vital_signs``) and ``shown``
    (which signs); ``sirs_only=True`` when the vital signs show only a systemic response to a
    fever (SIRS), without a sign of organ dysfunction."""


class CountHistory(Fact):
    """What the dated counts say beside the index count: ``trend`` (``falling``, ``stable``,
    ``rising``, ``unknown``), ``successive_falls``, ``last_normal_weeks_ago`` and
    ``low_since_weeks_ago`` (None when not known), ``cyclic``, ``corrected_on_repeat`` (a
    repeat within 48 h normal), ``recovered_weeks_later``, ``earlier_checks``,
    ``latest_earlier_weeks_ago`` (the most recent earlier count with a reading), and
    ``normal_at_every_check_since`` / ``low_at_every_check_since`` (weeks, or None), and
    ``higher_before_weeks_ago`` (the most recent earlier count half again the index count:
    where a steep fall began, or None)."""


class DrugExposure(Fact):
    """A medication judged against the count: ``drug_class``, ``generic``, ``cause``,
    ``mechanism`` (``idiosyncratic``, ``dose_dependent``, ``late_onset``), ``risk``,
    ``stopped`` and ``timing`` (``plausible``, ``unknown``, ``late``, ``too_recent``,
    ``remote``, ``after_onset``, ``stopped_long_ago``)."""


# ---- conclusions --------------------------------------------------------------------------

class Evidence(Fact):
    """A weight of evidence for or against a cause: ``cause``, ``weight`` (decibans),
    ``rationale``, ``source``, ``rule``."""


class Pitfall(Fact):
    """A pitfall that applies to this case: ``pitfall`` id, ``rule`` and optional ``detail``."""


class Settled(Fact):
    """A result that settles what the low count is (``cause``), whatever else is found:
    marrow blasts of 20 % or more are acute leukaemia. ``reason``, ``source``, ``rule``.
    The interview then asks only what could still change the leading cause, a must-not-miss
    cause, a pitfall or an emergency, not the order of the causes behind it."""


class Ask(Fact):
    """Information a rule still wants: ``question`` id, ``priority`` (higher first),
    ``rule`` and ``reason`` (what the answer would change, in plain words)."""


# Classes of which a case has at most one fact: the four input facts the engine declares
# once, and the readings interpret_the_blood_count declares once from them. Two patterns
# of such a class in one rule (a test joined with another test, say) can only ever match
# the same fact; the engine relies on that to skip work (engine/inference.py), and a test
# checks it on every bundled and generated case (tests/test_batch_engine.py).
ONE_PER_CASE = (Patient, Labs, Smear, Findings, Neutrophils, WhiteCount, CellLines, Lymphocytes,
                Fever, SepsisSigns, CD4Count, Lymphopenia, History, CountHistory)
