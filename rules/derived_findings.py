"""Answers that follow from more precise ones a case gives: a spleen measured in centimetres
answers "is the spleen enlarged?", a named node site answers "enlarged nodes?", a tropical
travel region (or a tropical home region) answers "tropical travel?". The rules then see
both. Holds no rules."""

from __future__ import annotations

SPLEEN_PALPABLE_CM = 1  # any spleen felt below the costal margin is enlarged
MASSIVE_BELOW_MARGIN_CM = 8  # 8 cm or more below the costal margin
ENLARGED_LENGTH_CM = 13  # imaging: up to 12 cm is normal in an adult, and smaller in a child
MASSIVE_LENGTH_CM = 20
TROPICAL_REGIONS = ("sub_saharan_africa", "south_asia", "southeast_asia",
                    "latin_america_caribbean")
RECENT_TRAVEL_WEEKS = 13  # tropical_travel asks about the last three months


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def implied_answers(findings: dict) -> dict[str, tuple[str, str]]:
    """Each answer implied by a more precise one: question id -> (answer, the key implying it).
    Only ever "yes": a spleen that cannot be felt, say, may still be enlarged."""
    implied: dict[str, tuple[str, str]] = {}
    below = _number(findings.get("spleen_cm_below_costal_margin"))
    length = _number(findings.get("spleen_length_cm"))
    if below is not None and below >= SPLEEN_PALPABLE_CM:
        implied["splenomegaly"] = ("yes", "spleen_cm_below_costal_margin")
    elif length is not None and length >= ENLARGED_LENGTH_CM:
        implied["splenomegaly"] = ("yes", "spleen_length_cm")
    if below is not None and below >= MASSIVE_BELOW_MARGIN_CM:
        implied["massive_splenomegaly"] = ("yes", "spleen_cm_below_costal_margin")
    elif length is not None and length >= MASSIVE_LENGTH_CM:
        implied["massive_splenomegaly"] = ("yes", "spleen_length_cm")
    if findings.get("lymph_node_sites") not in (None, "unknown"):
        implied["lymphadenopathy"] = ("yes", "lymph_node_sites")
    if findings.get("eschar") == "yes":
        # the older shared question is "a tick or mite bite, or an eschar"
        implied["tick_bite_or_eschar"] = ("yes", "eschar")
    weeks = _number(findings.get("travel_weeks_ago"))
    if findings.get("travel_region") in TROPICAL_REGIONS and (
            weeks is None or weeks <= RECENT_TRAVEL_WEEKS):
        implied["tropical_travel"] = ("yes", "travel_region")
    elif findings.get("home_region") in TROPICAL_REGIONS:
        # the question is "travel to, or life in, a tropical area in the last 3 months"
        implied["tropical_travel"] = ("yes", "home_region")
    return implied


def with_implied_answers(findings: dict) -> dict:
    """The findings with every implied answer filled in where the case gives none (or
    "unknown"); what the case states is never changed."""
    implied = implied_answers(findings)
    if not implied:
        return findings
    merged = dict(findings)
    for question, (answer, _) in implied.items():
        if merged.get(question) in (None, "unknown"):
            merged[question] = answer
    return merged
