"""Lab reasoning: the absolute neutrophil count, its severity grade, age-appropriate reference
ranges, the other cell lines and relative versus absolute neutropenia."""

from __future__ import annotations

from dataclasses import dataclass

from experta import AS, NOT, Fact, InitialFact, Rule, W

from .base import CORE, ESSENTIAL, Conclusions
from .facts import CellLines, Cytopenia, Labs, Lymphocytes, Neutrophils, Patient, WhiteCount


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


def interpret_blood_count(patient: dict, labs: dict) -> list[Fact]:
    """Everything the counts say on their own, as derived facts."""
    age = patient.get("age_years")
    band = age_band(age)
    derived: list[Fact] = []
    white_low = False

    wbc = labs.get("wbc")
    if wbc is not None:
        status = "low" if wbc < band.wbc_low else "high" if wbc > band.wbc_high else "normal"
        white_low = status == "low"
        derived.append(WhiteCount(
            value=wbc, status=status, lower_limit=band.wbc_low, upper_limit=band.wbc_high,
            range_label=f"{band.wbc_low:,}-{band.wbc_high:,}/µL ({band.label})",
            adult_status="low" if wbc < ADULT.wbc_low else
            "high" if wbc > ADULT.wbc_high else "normal"))

    anc, anc_source = labs.get("anc"), "measured"
    neutrophil_pct = labs.get("neutrophils_pct")
    if anc is None and wbc is not None and neutrophil_pct is not None:
        anc = round(wbc * (neutrophil_pct + labs.get("bands_pct", 0)) / 100)
        anc_source = "calculated"
    if anc is not None:
        grade = neutropenia_grade(anc, band)
        if neutrophil_pct is None and wbc:
            neutrophil_pct = 100 * anc / wbc
        if grade != "none":
            status = "absolute_neutropenia"
        elif neutrophil_pct is not None and neutrophil_pct < band.neutrophil_pct_low:
            status = "relative_neutropenia"
        elif anc > 7700:
            status = "high"
        else:
            status = "normal"
        white_low = white_low or grade != "none"
        derived.append(Neutrophils(
            anc=anc, anc_source=anc_source, status=status, grade=grade,
            lower_limit=band.anc_low, adult_grade=neutropenia_grade(anc, ADULT)))

    alc = labs.get("alc")
    if alc is None and wbc is not None and labs.get("lymphocytes_pct") is not None:
        alc = round(wbc * labs["lymphocytes_pct"] / 100)
    if alc is not None:
        status = ("lymphocytosis" if alc > band.lymphocytosis_above else
                  "lymphopenia" if alc < (1000 if band.group in ("adult", "older_adult",
                                                                 "adolescent") else 1500)
                  else "normal")
        derived.append(Lymphocytes(alc=alc, status=status))

    low_lines = int(white_low)
    hemoglobin = labs.get("hemoglobin")
    if hemoglobin is not None and hemoglobin < anemia_threshold(age, patient.get("sex")):
        derived.append(Cytopenia(line="anemia", value=hemoglobin))
        low_lines += 1
    platelets = labs.get("platelets")
    if platelets is not None and platelets < 150000:
        derived.append(Cytopenia(line="thrombocytopenia", value=platelets))
        low_lines += 1
    if white_low:
        pattern = {1: "isolated", 2: "bicytopenia", 3: "pancytopenia"}[low_lines]
        derived.append(CellLines(pattern=pattern, low_lines=low_lines))
    return derived


class LabRules(Conclusions):
    """Reads the counts: the first step of every case."""

    @Rule(AS.patient << Patient(), AS.labs << Labs())
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
