"""A blood count typed or pasted in one answer ("wbc 2.1 x10^9/L, hb 9.8, plt 85 x10^9/L", or
lines as a laboratory prints them): which lab each part names and the value typed for it.
It only finds the parts; each value is then read and checked by the same parser as a case
file's (engine.cases, engine.units), and a part it cannot name is handed back, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rules.catalogue import Catalogue

# The labs a full blood count with its differential reports: what a clinician pastes at the
# first count question (the benchmark's simulated clinician pastes these from a case file).
BLOOD_COUNT = ("wbc", "anc", "neutrophils_pct", "bands_pct", "alc", "lymphocytes_pct",
               "monocytes", "monocytes_pct", "eosinophils", "eosinophils_pct", "basophils",
               "blasts_pct", "atypical_lymphocytes_pct", "hemoglobin", "hematocrit",
               "platelets", "mcv")

# The names laboratories and clinicians write, beside each lab's id and full name. A name
# that means a count or a percentage (neutrophils, lymphocytes ...) is read as the
# percentage when its value carries "%", as the count otherwise.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "wbc": ("white cells", "white cell count", "white blood cells", "white blood cell count",
            "wcc", "total wbc", "tlc", "leukocytes", "leucocytes", "leukocyte count",
            "leucocyte count"),
    "anc": ("abs neut", "absolute neutrophils", "neutrophil count", "neut#", "neut count",
            "gran#"),
    "neutrophils_pct": ("neut%", "neutrophil%", "segs", "segmented neutrophils"),
    "bands_pct": ("bands", "band forms", "band%", "stabs"),
    "alc": ("abs lymph", "absolute lymphocytes", "lymphocyte count", "lymph#"),
    "lymphocytes_pct": ("lymph%", "lymphocyte%"),
    "monocytes": ("mono#", "abs mono", "monocyte count"),
    "monocytes_pct": ("mono%", "monocyte%"),
    "eosinophils": ("eos#", "abs eos", "eosinophil count"),
    "eosinophils_pct": ("eos%", "eosinophil%"),
    "basophils": ("baso", "basos", "baso#", "basophil count"),
    "blasts_pct": ("blasts", "blast cells", "blast%"),
    "atypical_lymphocytes_pct": ("atypical lymphocytes", "atypical lymphs", "reactive lymphocytes",
                                 "atyp lymph"),
    "hemoglobin": ("hb", "hgb", "haemoglobin", "hemoglobin"),
    "hematocrit": ("hct", "haematocrit", "hematocrit", "pcv"),
    "platelets": ("plt", "plts", "plat", "platelet count", "platelets"),
    "mcv": ("mcv", "mean cell volume", "mean corpuscular volume"),
    "reticulocytes": ("retic#", "abs retic"),
    "reticulocytes_pct": ("retic%",),
    "vitamin_b12": ("b12", "vit b12", "vitamin b12", "cobalamin"),
    "folate": ("folate", "serum folate", "folic acid level"),
}
# A name that stands for either: (count, percentage)
EITHER: dict[str, tuple[str, str]] = {
    "neutrophils": ("anc", "neutrophils_pct"), "neutrophil": ("anc", "neutrophils_pct"),
    "neut": ("anc", "neutrophils_pct"), "neuts": ("anc", "neutrophils_pct"),
    "neu": ("anc", "neutrophils_pct"), "polys": ("anc", "neutrophils_pct"),
    "lymphocytes": ("alc", "lymphocytes_pct"), "lymphocyte": ("alc", "lymphocytes_pct"),
    "lymph": ("alc", "lymphocytes_pct"), "lymphs": ("alc", "lymphocytes_pct"),
    "lym": ("alc", "lymphocytes_pct"),
    "monocytes": ("monocytes", "monocytes_pct"), "mono": ("monocytes", "monocytes_pct"),
    "monos": ("monocytes", "monocytes_pct"),
    "eosinophils": ("eosinophils", "eosinophils_pct"), "eos": ("eosinophils", "eosinophils_pct"),
    "reticulocytes": ("reticulocytes", "reticulocytes_pct"),
    "retic": ("reticulocytes", "reticulocytes_pct"),
    "retics": ("reticulocytes", "reticulocytes_pct"),
}
# Where one part ends: a semicolon, a line break, a tab, a bar, or a comma before a space or
# a letter (a comma between digits is a decimal comma, "2,1")
_BREAK = re.compile(r"[;\n\r\t|]+|,(?=\s|[A-Za-z])")
# A reference range or a flag a laboratory prints after the value: "(4.0-11.0)", "[1.5 - 7]",
# "L", "H", "*" (the value before it is what was measured)
_RANGE = re.compile(r"[(\[]\s*[<>]?\s*\d[\d.,]*\s*(?:-|–|to)\s*\d[\d.,]*[^)\]]*[)\]]")
_FLAG = re.compile(r"(?:\s+(?:[HL]{1,2}|\*+|low|high|abnormal))+\s*$|\s*\*+\s*$", re.I)
_BARE = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")


@dataclass(frozen=True)
class TypedValue:
    """One lab named in a pasted count, with the value typed for it (as typed, less any
    reference range or flag printed after it)."""

    lab_id: str
    name: str  # how it was written ("Hb", "plt")
    text: str
    problem: str = ""  # why it cannot be read as it stands (a name that could mean two labs)


@dataclass(frozen=True)
class PastedCount:
    values: tuple[TypedValue, ...]
    unread: tuple[str, ...]  # parts that name no lab, as typed

    @property
    def is_paste(self) -> bool:
        return bool(self.values)


def _names(catalogue: Catalogue) -> dict[str, str | None]:
    """Every spelling (folded) -> lab id, or None for a name that stands for two labs."""
    names: dict[str, str | None] = {}
    for lab_id, lab in catalogue.labs.items():
        names[lab_id] = names[lab_id.replace("_", " ")] = lab_id
        names[lab.name.lower().split(",")[0]] = lab_id
    for lab_id, spellings in SPELLINGS.items():
        if lab_id in catalogue.labs:
            for spelling in spellings:
                names[spelling] = lab_id
    for spelling in EITHER:
        names[spelling] = None
    return names


def _pattern(names: dict[str, str | None]) -> re.Pattern:
    alternatives = sorted(names, key=len, reverse=True)  # the longest name first
    body = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in alternatives)
    # a name starts a part or follows a space, and is not the start of a longer word
    return re.compile(rf"(?<![A-Za-z0-9#%])({body})(?![A-Za-z])\s*(%)?", re.I)


def read_pasted_count(text: str, catalogue: Catalogue, asked: str | None = None) -> PastedCount:
    """The labs named in ``text`` and the value typed for each, in the order typed. A value
    typed first without a name is the answer to ``asked`` (the question on screen). A name
    that stands for a count and a percentage (neutrophils, lymphs) is the percentage when
    "%" follows it or its value, the count when its value has a count's unit; a bare number
    up to 100 after it could be either and is handed back with that problem."""
    names = _names(catalogue)
    pattern = _pattern(names)
    values: list[TypedValue] = []
    unread: list[str] = []
    for part in filter(None, (p.strip(" ,:") for p in _BREAK.split(text))):
        matches = list(pattern.finditer(part))
        if not matches:
            if asked and not values and not unread and _looks_like_value(part):
                values.append(TypedValue(asked, "", _clean(part)))
            else:
                unread.append(part)
            continue
        if part[:matches[0].start()].strip(" :=,"):
            unread.append(part[:matches[0].start()].strip())
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(part)
            raw = part[match.end():end].strip(" :=,")
            written = match.group(1)
            percent_after_name = bool(match.group(2))
            value = _clean(raw)
            if percent_after_name and value and "%" not in value:
                value += "%"
            lab_id = names.get(re.sub(r"\s+", " ", written.lower()))
            problem = ""
            if lab_id is None:  # neutrophils, lymphocytes ...: the count or the percentage
                count, percentage = EITHER[re.sub(r"\s+", " ", written.lower())]
                if "%" in value:
                    lab_id = percentage
                elif _BARE.match(value or "x") and _number(value) <= 100 \
                        and "." not in value and "," not in value:
                    lab_id = count
                    problem = (f"{written} {value}: a percentage or a count? Write {value}% "
                               f"for a percentage, or the count with its unit "
                               f"({value} cells/µL, or as x10^9/L)")
                else:
                    lab_id = count
            if not value:
                unread.append(written)
                continue
            values.append(TypedValue(lab_id, written, value, problem))
    return PastedCount(tuple(values), tuple(unread))


def _clean(raw: str) -> str:
    value = _RANGE.sub("", raw).strip()
    value = _FLAG.sub("", value).strip()
    return value


def _number(text: str) -> float:
    return float(text.strip().replace(",", "."))


def _looks_like_value(part: str) -> bool:
    """A number with a unit, a bound or a word for a level: what a lab's answer may be."""
    cleaned = _clean(part).lower()
    return bool(re.match(r"^[<>≤≥]?=?\s*\d", cleaned)) or cleaned in ("low", "normal", "high")
