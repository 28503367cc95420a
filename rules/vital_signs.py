"""Fever and the vital signs: whether the patient is febrile (a temperature, or fever stated
without one) and whether the vital signs show sepsis (qSOFA, with the SIRS signs in a febrile
patient), for the sepsis rules and the neutropenic-fever emergency."""

from __future__ import annotations

from experta import AS, NOT, Rule, W

from .base import CORE, DERIVES_FACTS, ESSENTIAL, FOLLOW_UP, Conclusions
from .conditions import number
from .facts import CellLines, Fever, Findings, Neutrophils, Patient, SepsisSigns
from .quantities import is_number

FEBRILE_FROM = 38.0  # °C (IDSA febrile neutropenia: 38.3 once, or 38.0 sustained)
AFEBRILE_TO = 37.4
HYPOTHERMIA_BELOW = 36.0  # °C: a low temperature is a sign of sepsis as a high one is (SIRS)
ANY_TEMPERATURE = number(lambda t: True)
ADULT_SCORES_FROM = 16  # qSOFA and SIRS are adult scores; children have other vital ranges
VITAL_SIGNS = ("heart_rate", "systolic_bp", "respiratory_rate", "spo2", "confusion")


def read_fever(findings: dict) -> Fever | None:
    """Febrile from a temperature of 38.0 °C or more, or from ``fever: yes``; afebrile from
    ``fever: no`` or a temperature of 37.4 °C or less (a stated fever outweighs a normal
    temperature taken later: fevers come and go)."""
    temperature = findings.get("temperature_c")
    temperature = temperature if is_number(temperature) else None
    stated = findings.get("fever")
    if temperature is not None and temperature >= FEBRILE_FROM:
        return Fever(present=True, basis="temperature",
                     shown=f"Temperature {temperature:g} °C")
    if stated == "yes":
        now = f" (temperature now {temperature:g} °C)" if temperature is not None else \
            " (no temperature given)"
        return Fever(present=True, basis="stated", shown="Fever reported" + now)
    if stated == "no" or (temperature is not None and temperature <= AFEBRILE_TO):
        return Fever(present=False, basis="stated" if stated == "no" else "temperature",
                     shown="No fever")
    return None


def read_sepsis_signs(patient: dict, findings: dict, febrile: bool) -> SepsisSigns | None:
    """Signs of sepsis, stated (``sepsis_signs: yes``) or from the vital signs in a patient
    of 16 or over: two qSOFA signs (respiratory rate 22/min or more, systolic pressure 100
    mmHg or less, new confusion; an SpO2 below 90% counted as one more sign of organ
    dysfunction), a systolic pressure below 90 mmHg, or, with fever, two SIRS signs other
    than the white count (which a leukopenic patient meets by definition) unless the
    clinician has judged that there are no signs of sepsis: SIRS signs are met by most
    febrile patients and do not define sepsis (Sepsis-3 set them aside), so they do not
    overrule a "no"; the organ-dysfunction signs, which do, still speak."""
    if findings.get("sepsis_signs") == "yes":
        return SepsisSigns(basis="stated", shown="signs of sepsis reported")
    age = patient.get("age_years")
    if age is not None and age < ADULT_SCORES_FROM:
        return None
    values = {key: findings.get(key) for key in VITAL_SIGNS}
    rate, pressure = values["respiratory_rate"], values["systolic_bp"]
    heart, saturation = values["heart_rate"], values["spo2"]
    temperature = findings.get("temperature_c")
    organ = [text for present, text in (
        (is_number(rate) and rate >= 22, f"respiratory rate {rate}/min"),
        (is_number(pressure) and pressure <= 100, f"systolic pressure {pressure} mmHg"),
        (values["confusion"] == "yes", "confusion"),
        (is_number(saturation) and saturation < 90, f"SpO2 {saturation}%")) if present]
    if len(organ) >= 2 or (is_number(pressure) and pressure < 90):
        return SepsisSigns(basis="vital_signs", shown=", ".join(organ))
    sirs = [text for present, text in (
        (is_number(temperature) and (temperature > 38 or temperature < 36),
         f"temperature {temperature} °C"),
        (is_number(heart) and heart > 90, f"heart rate {heart}/min"),
        (is_number(rate) and rate > 20, f"respiratory rate {rate}/min")) if present]
    if febrile and len(sirs) >= 2 and findings.get("sepsis_signs") != "no":
        return SepsisSigns(basis="vital_signs", shown="fever with " + ", ".join(sirs),
                           sirs_only=True)
    return None


class VitalSignRules(Conclusions):
    """Reads fever and the vital signs once per case."""

    @Rule(AS.patient << Patient(), AS.findings << Findings(), salience=DERIVES_FACTS)
    def read_fever_and_the_vital_signs(self, patient, findings):
        """Fever from a temperature or as stated; sepsis signs as stated or from the vital
        signs (sepsis-3 qSOFA; sirs-1992 in a febrile patient)."""
        findings = findings.as_dict()
        fever = read_fever(findings)
        if fever is not None:
            self.declare(fever)
        sepsis = read_sepsis_signs(patient.as_dict(), findings,
                                   fever is not None and fever["present"])
        if sepsis is not None:
            self.declare(sepsis)

    @Rule(NOT(Findings(temperature_c=ANY_TEMPERATURE)))
    def ask_about_fever_without_a_temperature(self):
        self.ask("fever", ESSENTIAL + 1,
                 "Without a measured temperature, a reported fever still makes a very low "
                 "neutrophil count an emergency and points to infection.")

    @Rule(Neutrophils(grade="severe"), NOT(Findings(temperature_c=ANY_TEMPERATURE)))
    def ask_about_fever_at_once_without_a_temperature(self):
        self.ask("fever", CORE + 4,
                 "With an ANC below 500/µL, any fever is an emergency: this is asked first.")

    # A fever reported outweighs a normal temperature taken later (``read_fever``: fevers come
    # and go, and an antipyretic hides them), so a temperature below 38 °C does not close the
    # question: the fever at home, or earlier in the illness, is asked too; with an ANC below
    # 500/µL at once, since a reported fever makes it the emergency (the neutropenic-fever
    # rules already weigh a stated fever as they weigh a measured one)
    @Rule(Findings(temperature_c=number(lambda t: t < FEBRILE_FROM)), CellLines(pattern=W()))
    def ask_about_a_fever_beside_a_normal_temperature(self):
        self.ask("fever", FOLLOW_UP + 8,
                 "A fever reported (at home, or earlier in the illness) counts though the "
                 "temperature now is normal: fevers come and go, and antipyretics hide them.")

    @Rule(Neutrophils(grade="severe"), Findings(temperature_c=number(lambda t: t < FEBRILE_FROM)))
    def ask_about_a_fever_at_once_beside_a_normal_temperature(self):
        self.ask("fever", ESSENTIAL + 1,
                 "With an ANC below 500/µL a fever reported at home is as much an emergency as "
                 "one measured now: this is asked next.")

    # With fever and the signs of sepsis not stated as a whole (not asked yet, or not known:
    # an "unknown" answer weighs as silence and is not among the findings the rules see),
    # the vital signs that show them are asked; the interview puts them on one screen with
    # the question of sepsis as a whole.
    @Rule(Fever(present=True), NOT(Findings(sepsis_signs=W())))
    def ask_for_the_vital_signs_when_sepsis_is_uncertain(self):
        self.ask_the_vital_signs()

    # A temperature below 36 °C is a sign of sepsis (SIRS) as much as a fever, and an
    # overwhelming infection may bring the temperature down instead of up
    @Rule(Findings(temperature_c=number(lambda t: t < HYPOTHERMIA_BELOW)))
    def ask_about_sepsis_with_a_low_temperature(self):
        self.ask("sepsis_signs", FOLLOW_UP + 15,
                 "A temperature below 36 °C is a sign of sepsis, as a fever is.")

    @Rule(Findings(temperature_c=number(lambda t: t < HYPOTHERMIA_BELOW)),
          NOT(Findings(sepsis_signs=W())))
    def ask_for_the_vital_signs_with_a_low_temperature(self):
        self.ask_the_vital_signs()

    def ask_the_vital_signs(self):
        self.ask("systolic_bp", FOLLOW_UP + 14,
                 "A systolic pressure of 100 mmHg or less is a sign of sepsis (qSOFA); below "
                 "90 mmHg, of shock.")
        self.ask("respiratory_rate", FOLLOW_UP + 13,
                 "A respiratory rate of 22/min or more is a sign of sepsis (qSOFA).")
        self.ask("confusion", FOLLOW_UP + 12,
                 "New confusion is a sign of sepsis (qSOFA).")
        self.ask("heart_rate", FOLLOW_UP + 11,
                 "A heart rate above 90/min with fever is a sign of a systemic response to "
                 "infection (SIRS).")
        self.ask("spo2", FOLLOW_UP + 10,
                 "An oxygen saturation below 90% is a sign of organ dysfunction.")
