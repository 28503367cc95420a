"""Lab reasoning: the absolute neutrophil count, its severity grade, age-appropriate reference
ranges, the other cell lines and relative versus absolute neutropenia."""

from __future__ import annotations

import math
from dataclasses import dataclass

from experta import AS, NOT, Fact, InitialFact, Rule, W

from .base import CORE, DERIVES_FACTS, ESSENTIAL, Conclusions
from .facts import (
    CD4Count,
    CellLines,
    Cytopenia,
    Labs,
    Lymphocytes,
    Lymphopenia,
    Neutrophils,
    Patient,
    WhiteCount,
)
from .quantities import Range, bound_range, is_bound, is_number, word_range


@dataclass(frozen=True)
class AgeBand:
    """Reference limits for one age band (cells/µL)."""

    label: str
    up_to_years: float  # exclusive upper bound of the band
    group: str
    wbc_low: int
    wbc_high: int
    anc_low: int  # neutropenia below this
    neutrophil_pct_low: int  # a lower percentage with a normal ANC is relative neutropenia
    lymphocytosis_above: int


# Source: pediatric-ranges (adult limits from seed-000 and seed-003). Infants run higher white
# counts than adults but tolerate lower neutrophil counts, with lymphocyte-predominant films.
AGE_BANDS = (
    AgeBand("newborn, under 1 month", 1 / 12, "neonate", 5000, 30000, 1000, 20, 11000),
    AgeBand("infant, 1-12 months", 1.0, "infant", 6000, 17500, 1000, 15, 13500),
    AgeBand("young child, 1-4 years", 4.0, "child", 5500, 15500, 1500, 20, 9500),
    AgeBand("child, 4-12 years", 12.0, "child", 4500, 13500, 1500, 30, 7000),
    AgeBand("adolescent, 12-18 years", 18.0, "adolescent", 4500, 13000, 1500, 40, 5000),
    AgeBand("adult", 65.0, "adult", 4000, 11000, 1500, 40, 4000),
    AgeBand("adult", float("inf"), "older_adult", 4000, 11000, 1500, 40, 4000),
)
ADULT = AGE_BANDS[5]


def age_band(age_years: float | None) -> AgeBand:
    """The reference band for an age; an unknown age is judged by the adult range."""
    if age_years is None:
        return ADULT
    return next(band for band in AGE_BANDS if age_years < band.up_to_years)


def neutropenia_grade(anc: float, band: AgeBand) -> str:
    """Severity by ANC (seed-001): mild 1,000-1,500, moderate 500-1,000, severe below 500."""
    if anc >= band.anc_low:
        return "none"
    if anc < 500:
        return "severe"
    if anc < 1000:
        return "moderate"
    return "mild"


def anemia_threshold(age_years: float | None, sex: str | None) -> float:
    """Haemoglobin below which a patient is anaemic, g/dL (who-anemia)."""
    if age_years is not None and age_years < 0.5:
        return 10.0  # the physiological nadir of early infancy
    if age_years is not None and age_years < 5:
        return 11.0
    if age_years is not None and age_years < 12:
        return 11.5
    if age_years is not None and age_years < 15:
        return 12.0
    return 13.0 if sex == "male" else 12.0


def lymphopenia_limit(band: AgeBand) -> int:
    """The ALC below which there is lymphopenia at this age (cells/µL). Infants and young
    children run far higher lymphocyte counts than adults, so an adult cut-off would miss a
    profound lymphopenia in an infant (the sign of severe combined immunodeficiency)."""
    return LYMPHOPENIA_BELOW[band.label]


# Source: lymphocyte-ranges (Comans-Bitter 1997; Shearer 2003): roughly the 5th-10th
# percentile of healthy children, rounded down; adolescents and adults below 1,000/µL.
LYMPHOPENIA_BELOW = {
    "newborn, under 1 month": 2000, "infant, 1-12 months": 3000,
    "young child, 1-4 years": 2000, "child, 4-12 years": 1500,
    "adolescent, 12-18 years": 1000, "adult": 1000,
}
# Source: cdc-hiv-2014. CD4 stages by age: (age below, the count below which it is low,
# below which it is severe (stage 3), and the same two limits for the percentage).
CD4_STAGES = ((1, 1500, 750, 34, 26), (6, 1000, 500, 30, 22), (math.inf, 500, 200, 26, 14))


def cd4_status(count, percentage, age) -> str | None:
    """normal, low or severe for the CD4 count and percentage (the worse of the two), or
    unknown where a bound spans a limit; None when neither is given."""
    _, low, severe, low_pct, severe_pct = next(
        stage for stage in CD4_STAGES if (age if age is not None else 30) < stage[0])
    found = []
    for value, low_limit, severe_limit in ((count, low, severe), (percentage, low_pct,
                                                                   severe_pct)):
        if value is None or isinstance(value, str):
            continue
        if type(value) is Range and value.text == "low":
            # the laboratory calls it low: below its range, in stage 2 or worse
            found.append("low")
            continue
        if _below(value, severe_limit):
            found.append("severe")
        elif _below(value, low_limit) and _below(value, severe_limit) is False:
            found.append("low")
        elif _below(value, low_limit) is False:
            found.append("normal")
        else:
            found.append("unknown")
    for status in ("severe", "low", "unknown", "normal"):
        if status in found:
            return status
    return None


def _reference(key: str, band: AgeBand, age, sex, test) -> tuple[float, float] | None:
    """What ``low``/``normal``/``high`` mean for one lab in this patient."""
    anaemic = anemia_threshold(age, sex)
    if key == "wbc":
        return band.wbc_low, band.wbc_high
    if key == "anc":
        return band.anc_low, 7700
    if key == "alc":
        return lymphopenia_limit(band), band.lymphocytosis_above
    if key == "hemoglobin":
        return anaemic, 17.5 if sex == "male" else 16.0
    if key == "hematocrit":
        return 3 * anaemic, 52 if sex == "male" else 48
    if key == "platelets":
        return 150000, 450000
    return test.normal if test is not None else None


def lab_values(patient: dict, labs: dict, tests: dict) -> dict:
    """The labs as the rules see them: numbers as given; words and bounds as ``Range``s of
    the values they allow (words read against the patient's own reference range)."""
    if all(not isinstance(value, str) for value in labs.values()):
        return labs
    age, sex = patient.get("age_years"), patient.get("sex")
    band = age_band(age)
    values = {}
    for key, value in labs.items():
        if not isinstance(value, str):
            values[key] = value
            continue
        test = tests.get(key)
        minimum = test.minimum if test is not None and test.minimum is not None else 0.0
        maximum = test.maximum if test is not None and test.maximum is not None else \
            (100.0 if test is not None and test.kind == "percent" else math.inf)
        if is_bound(value):
            values[key] = bound_range(value, minimum, maximum)
        else:
            reference = _reference(key, band, age, sex, test)
            if reference is not None:
                values[key] = word_range(value, *reference, minimum, maximum)
    return values


def _below(value, limit: float) -> bool | None:
    """Whether ``value`` (a number or a range) is below ``limit``; None when a range
    straddles it."""
    if type(value) is Range:
        if value.below(limit):
            return True
        return False if value.at_or_above(limit) else None
    return value < limit


def _above(value, limit: float) -> bool | None:
    if type(value) is Range:
        if value.lowest > limit:
            return True
        return False if value.highest <= limit else None
    return value > limit


def shown_count(value) -> str:
    """A count for a message: ``2,100/µL``, ``below 500/µL`` or ``low``."""
    if type(value) is Range:
        return value.shown("/µL")
    return f"{value:,.0f}/µL"


def _status(value, low: float, high: float) -> str:
    """low, normal, high, or unknown where a range spans a limit."""
    below, above = _below(value, low), _above(value, high)
    if below:
        return "low"
    if above:
        return "high"
    if below is False and above is False:
        return "normal"
    return "unknown"


def range_grade(anc, band: AgeBand) -> str:
    """The grade a value fixes: for a range, the grade every value in it shares, or
    ``unknown`` when they differ (``anc: low`` is neutropenia of unknown grade)."""
    if type(anc) is not Range:
        return neutropenia_grade(anc, band)
    lowest = neutropenia_grade(anc.lowest, band)
    highest = neutropenia_grade(anc.highest, band)
    if lowest == highest:
        return lowest
    return "unknown" if highest != "none" else "unknown_or_none"


def interpret_blood_count(patient: dict, labs: dict) -> list[Fact]:
    """Everything the counts say on their own, as derived facts. ``labs`` are as
    ``lab_values`` gives them: numbers, or ranges for words and bounds."""
    return [kind(**fields) for kind, fields in blood_count_reading(patient, labs)]


def blood_count_reading(patient: dict, labs: dict) -> list[tuple[type[Fact], dict]]:
    """What ``interpret_blood_count`` derives, as (fact class, fields) pairs: the time course
    reads each of up to 24 earlier counts this way (building experta facts cost more than
    the reading itself)."""
    age = patient.get("age_years")
    band = age_band(age)
    derived: list[tuple[type[Fact], dict]] = []
    white_low = False

    wbc = labs.get("wbc")
    wbc_number = wbc if is_number(wbc) else None
    if wbc is not None:
        status = _status(wbc, band.wbc_low, band.wbc_high)
        white_low = status == "low"
        derived.append((WhiteCount, dict(
            value=wbc, shown=shown_count(wbc), status=status, lower_limit=band.wbc_low,
            upper_limit=band.wbc_high,
            range_label=f"{band.wbc_low:,}-{band.wbc_high:,}/µL ({band.label})",
            adult_status=_status(wbc, ADULT.wbc_low, ADULT.wbc_high))))

    anc, anc_source = labs.get("anc"), "measured"
    neutrophil_pct = labs.get("neutrophils_pct")
    bands_pct = labs.get("bands_pct", 0)
    if anc is None and wbc_number is not None and is_number(neutrophil_pct) \
            and is_number(bands_pct):
        anc = round(wbc_number * (neutrophil_pct + bands_pct) / 100)
        anc_source = "calculated"
    if anc is None and wbc_number is None and is_number(neutrophil_pct) \
            and neutrophil_pct == 0 and is_number(bands_pct) and bands_pct == 0:
        # no neutrophils at all on the differential: the ANC is 0 whatever the white count
        anc, anc_source = 0, "calculated"
    if anc is None and wbc is not None and neutrophil_pct is None:
        # No ANC and no differential: the neutrophils are part of the white cells, so a white
        # count below the neutropenia limit fixes an ANC below it too (a WBC of 400/µL is
        # severe neutropenia, and with fever an emergency, before any differential is done).
        ceiling = wbc.highest if type(wbc) is Range else wbc
        if ceiling < band.anc_low:
            if type(wbc) is Range and is_bound(wbc.text) and wbc.text.startswith("<"):
                anc = Range(0.0, wbc.high, False, wbc.high_open, wbc.text)
            else:
                anc = Range(0.0, ceiling, False, False, f"<={ceiling:g}")
            anc_source = "at most the white count"
    if anc is not None:
        grade = range_grade(anc, band)
        if grade == "unknown_or_none":
            grade, status = "unknown", "unknown"
        elif grade != "none":
            status = "absolute_neutropenia"
        else:
            if not is_number(neutrophil_pct) and wbc_number and is_number(anc):
                neutrophil_pct = 100 * anc / wbc_number
            if is_number(neutrophil_pct) and neutrophil_pct < band.neutrophil_pct_low:
                status = "relative_neutropenia"
            elif _above(anc, 7700):
                status = "high"
            else:
                status = "normal"
        white_low = white_low or grade not in ("none",) and status != "unknown"
        derived.append((Neutrophils, dict(
            anc=anc, shown=shown_count(anc), anc_source=anc_source, status=status, grade=grade,
            lower_limit=band.anc_low,
            adult_grade=range_grade(anc, ADULT).replace("unknown_or_none", "unknown"),
            agranulocytosis=bool(_below(anc, 200)))))

    alc = labs.get("alc")
    lymphocytes_pct = labs.get("lymphocytes_pct")
    if alc is None and wbc_number is not None and is_number(lymphocytes_pct):
        alc = round(wbc_number * lymphocytes_pct / 100)
    if alc is not None:
        limit = lymphopenia_limit(band)
        status = _status(alc, limit, band.lymphocytosis_above)
        status = {"low": "lymphopenia", "high": "lymphocytosis"}.get(status, status)
        derived.append((Lymphocytes, dict(alc=alc, shown=shown_count(alc), status=status,
                                          lower_limit=limit)))
    cd4, cd4_pct = labs.get("cd4"), labs.get("cd4_pct")
    cd4 = cd4_status(cd4, cd4_pct, age)
    if cd4 is not None:
        shown = " and ".join(text for text in (
            f"CD4 {shown_count(labs['cd4'])}" if labs.get("cd4") is not None else "",
            f"CD4 {labs['cd4_pct']}%" if is_number(labs.get("cd4_pct")) else
            f"CD4 % {labs['cd4_pct']}" if labs.get("cd4_pct") is not None else "") if text)
        derived.append((CD4Count, dict(status=cd4, shown=shown)))
    lymphopenic = alc is not None and status == "lymphopenia"
    if lymphopenic or cd4 in ("low", "severe"):
        parts = [f"lymphocytes {shown_count(alc)}"] if lymphopenic else []
        # the CD4 as given ("CD4 150/µL"), not its stage word
        parts += [shown] if cd4 in ("low", "severe") else []
        lymphopenia_fact = dict(shown=", ".join(parts))
    else:
        lymphopenia_fact = None

    low_lines = int(white_low)
    threshold = anemia_threshold(age, patient.get("sex"))
    hemoglobin = labs.get("hemoglobin")
    if hemoglobin is not None and _below(hemoglobin, threshold):
        derived.append((Cytopenia, dict(line="anemia", value=hemoglobin)))
        low_lines += 1
    elif hemoglobin is None and labs.get("hematocrit") is not None \
            and _below(labs["hematocrit"], 3 * threshold):
        # a haematocrit stands for a missing haemoglobin (Hb g/dL is about Hct % / 3)
        derived.append((Cytopenia, dict(line="anemia", value=labs["hematocrit"])))
        low_lines += 1
    platelets = labs.get("platelets")
    if platelets is not None and _below(platelets, 150000):
        derived.append((Cytopenia, dict(line="thrombocytopenia", value=platelets)))
        low_lines += 1
    if white_low:
        pattern = {1: "isolated", 2: "bicytopenia", 3: "pancytopenia"}[low_lines]
        derived.append((CellLines, dict(pattern=pattern, low_lines=low_lines)))
    if lymphopenia_fact is not None:
        lymphopenia_fact["neutrophils_low"] = any(
            kind is Neutrophils and fields["status"] == "absolute_neutropenia"
            for kind, fields in derived)
        derived.append((Lymphopenia, lymphopenia_fact))
    return derived


class LabRules(Conclusions):
    """Reads the counts: the first step of every case."""

    @Rule(AS.patient << Patient(), AS.labs << Labs(), salience=DERIVES_FACTS)
    def interpret_the_blood_count(self, patient, labs):
        """ANC (measured, or WBC x (segmented + band %)), its grade, the white count against
        the age range, lymphocytes and the other cell lines."""
        for fact in interpret_blood_count(patient.as_dict(), labs.as_dict()):
            self.declare(fact)

    @Rule(InitialFact())
    def ask_for_the_blood_count(self):
        self.ask("wbc", CORE, "The white count is where the assessment starts.")
        self.ask("age_years", CORE - 1,
                 "Normal white and neutrophil counts depend on age; children have other ranges.")
        self.ask("hemoglobin", ESSENTIAL + 6,
                 "Anaemia beside a low white count points to a marrow or systemic process.")
        self.ask("platelets", ESSENTIAL + 6,
                 "Low platelets beside a low white count point to a marrow or systemic process.")
        self.ask("sex", ESSENTIAL - 10, "Sets the haemoglobin threshold for anaemia.")

    # Once the percentages are known the ANC is calculated, so it is no longer an open question.
    @Rule(NOT(Labs(neutrophils_pct=W())))
    def ask_for_the_absolute_neutrophil_count(self):
        self.ask("anc", CORE - 2,
                 "Severity is graded by the absolute neutrophil count, not the total white count.")

    @Rule(Labs(wbc=W()), NOT(Labs(anc=W())))
    def ask_for_the_differential(self):
        self.ask("neutrophils_pct", CORE - 3,
                 "Without a measured ANC, it is calculated from the neutrophil and band percentages.")
        self.ask("bands_pct", CORE - 4, "Band forms count towards the absolute neutrophil count.")

    @Rule(Labs(wbc=W()), NOT(Labs(alc=W())))
    def ask_for_the_lymphocytes(self):
        self.ask("lymphocytes_pct", ESSENTIAL + 5,
                 "A lymphocytosis can make the neutrophil percentage look low (relative "
                 "neutropenia) and is the clue to CLL.")

    @Rule(Labs(wbc=W()), NOT(Labs(alc=W())), NOT(Labs(lymphocytes_pct=W())))
    def ask_for_the_absolute_lymphocyte_count(self):
        self.ask("alc", ESSENTIAL + 4,
                 "Without the lymphocyte percentage, the absolute lymphocyte count shows a "
                 "lymphocytosis (CLL, LGL leukaemia) or a lymphopenia (HIV).")

    @Rule(InitialFact())
    def ask_for_the_red_cells_and_the_film(self):
        self.ask("mcv", ESSENTIAL - 5,
                 "A high MCV points to B12 or folate deficiency, myelodysplasia or drugs.")
        self.ask("smear", ESSENTIAL - 8,
                 "Blasts, dysplasia, hypersegmented neutrophils or teardrop cells change the "
                 "differential more than any other single test.")
