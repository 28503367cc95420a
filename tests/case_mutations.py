"""Mutated copies of the bundled cases, for fuzzing the loader through the command line
(tests/test_fuzz_mutations.py, and the longer run in benchmarks/fuzz_cases.py).

Each mutant is YAML text and an oracle's verdict that does not use the loader: ``True`` when
the mutation put in a value no case may hold (NaN, infinity, a negative or out-of-range
number, an overlong number, a key given twice, a YAML 1.1 octal or base-60 number, a list or
mapping where one answer belongs, an unknown key, a missing id), so the case must be refused;
``None`` when the mutation may leave a valid case (a key deleted, a type swapped, unicode).
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import yaml

from rules.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = load_catalogue()
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def bundled_cases() -> list[dict]:
    documents = []
    for path in sorted((ROOT / "cases").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        documents.extend(data["cases"] if "cases" in data and "id" not in data else [data])
    return documents


def _bounds(section: str, key: str) -> tuple[float, float | None] | None:
    """The possible range of a numeric key, from the catalogue (the oracle's only source)."""
    if section == "labs":
        test = CATALOGUE.labs.get(key)
        if test is None:
            return None
        high = test.maximum if test.maximum is not None else (
            100 if test.kind == "percent" else None)
        return (test.minimum or 0, high)
    if section == "medications":
        return (0, 5200)
    question = CATALOGUE.questions.get(key)
    if question is None or question.kind != "number":
        return None
    return (question.minimum or 0, question.maximum)


def _numeric_slots(document: dict) -> list[tuple[tuple, float, float | None]]:
    """(path, low, high) of every number the case gives."""
    slots = []
    for section in ("patient", "labs", "findings"):
        for key, value in (document.get(section) or {}).items():
            bounds = _bounds(section, key)
            if bounds and isinstance(value, (int, float)) and not isinstance(value, bool):
                slots.append(((section, key), *bounds))
    for index, medication in enumerate(document.get("medications") or []):
        if isinstance(medication, dict):
            for key in ("started_weeks_ago", "stopped_weeks_ago"):
                if isinstance(medication.get(key), (int, float)):
                    slots.append((("medications", index, key), 0, 5200))
    return slots


def _set(document: dict, path: tuple, value: object) -> None:
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _get(document: dict, path: tuple) -> object:
    for step in path:
        document = document[step]
    return document


class Mutant:
    def __init__(self, text: str, must_refuse: bool | None, what: str):
        self.text, self.must_refuse, self.what = text, must_refuse, what


def _dump(document: dict, raw: dict[str, str]) -> str:
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000)
    for token, literal in raw.items():
        text = text.replace(f"'{token}'", literal).replace(token, literal)
    return text


UNICODE = ["Ünïcödé", "中性粒细胞", "🩸", "\u202e", "e\u0301", "Ω≈ç√∫", "\ufeff", "ß" * 50]
INVALID_NUMBERS = [  # literal as written in YAML, and why it is invalid
    (".nan", "NaN"), (".inf", "infinity"), ("-.inf", "minus infinity"),
    ("9" * 400, "400 digits"), ("9" * 5000, "5000 digits"), ("-5", "negative"),
    ("0700", "octal"), ("0150000", "octal"), ("1:30", "base 60"), ("-0.5", "negative"),
]


def mutate(document: dict, rng: random.Random) -> Mutant:
    """One mutation of one bundled case."""
    document = copy.deepcopy(document)
    raw: dict[str, str] = {}
    kind = rng.choice(["bad_number", "bad_number", "out_of_range", "duplicate_key",
                       "type_swap", "junk_nesting", "delete_key", "unicode", "unknown_key",
                       "number_as_string", "string_as_number", "negative_zero", "delete_id"])
    slots = _numeric_slots(document)
    if kind in ("bad_number", "out_of_range", "negative_zero", "number_as_string") and slots:
        path, low, high = rng.choice(slots)
        if kind == "bad_number":
            literal, why = rng.choice(INVALID_NUMBERS)
            raw["zzrawzz"] = literal
            _set(document, path, "zzrawzz")
            return Mutant(_dump(document, raw), True, f"{'.'.join(map(str, path))}: {why}")
        if kind == "out_of_range" and high is not None:
            value = rng.choice([high * 1.5 + 1, high * 1000, 10**15])
            _set(document, path, value)
            return Mutant(_dump(document, raw), True, f"{path}: {value} above {high}")
        if kind == "negative_zero":
            _set(document, path, -0.0)
            return Mutant(_dump(document, raw), None, f"{path}: -0")
        # a number written as a string: a lab may be text ("2300"), a finding may not
        value = _get(document, path)
        _set(document, path, str(value))
        return Mutant(_dump(document, raw), None if path[0] == "labs" else True,
                      f"{path}: number as text")
    sections = [s for s in ("patient", "labs", "findings") if isinstance(document.get(s), dict)
                and document[s]]
    if kind in ("type_swap", "junk_nesting") and sections:
        section = rng.choice(sections)
        key = rng.choice(list(document[section]))
        if kind == "junk_nesting":
            value: object = document[section][key]
            for _ in range(rng.randint(1, 30)):
                value = rng.choice([[value], {"k": value}])
            document[section][key] = value
            return Mutant(_dump(document, raw), True, f"{section}.{key}: nested junk")
        swapped = rng.choice([[], {}, [1, 2], {"a": 1}, True, None, "", "yes", 0, 3.5,
                              "unknown", rng.choice(UNICODE)])
        document[section][key] = swapped
        return Mutant(_dump(document, raw), True if isinstance(swapped, (list, dict)) else None,
                      f"{section}.{key}: {swapped!r}")
    if kind == "duplicate_key":
        text = _dump(document, raw)
        lines = text.splitlines(keepends=True)
        candidates = [i for i, line in enumerate(lines)
                      if re.match(r"^\s*[a-z_]+:\s*\S", line) and not line.lstrip().startswith("-")]
        if candidates:
            index = rng.choice(candidates)
            lines.insert(index + 1, lines[index])
            return Mutant("".join(lines), True, f"duplicated line {index + 1}")
    if kind == "unknown_key" and sections:
        section = rng.choice(sections)
        document[section][rng.choice(UNICODE) + "_x"] = 1
        return Mutant(_dump(document, raw), True, f"{section}: unknown key")
    if kind == "delete_id":
        document.pop("id", None)
        return Mutant(_dump(document, raw), True, "id deleted")
    if kind == "unicode":
        for key in ("title", "id"):
            if key in document:
                document[key] = rng.choice(UNICODE)
                return Mutant(_dump(document, raw), None, f"{key}: unicode")
    if kind == "string_as_number":
        document["title"] = rng.randint(-10**6, 10**6)
        return Mutant(_dump(document, raw), True, "title: a number")
    key = rng.choice([k for k in document if k != "id"] or ["title"])
    document.pop(key, None)
    return Mutant(_dump(document, raw), None, f"{key} deleted")
