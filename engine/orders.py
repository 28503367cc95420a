"""Checks on a drug being ordered (the CDS Hooks order-sign hook): a drug known to lower the
neutrophil count ordered for a patient whose latest ANC is low, or clozapine ordered without
a recent ANC. Returns alerts as dataclasses; the service turns them into cards."""

from __future__ import annotations

from dataclasses import dataclass

from rules.catalogue import Catalogue, load_catalogue

from .result import Result, SourceRef

# Clozapine needs an ANC before it is started and at every early dispensing: weekly for the
# first six months (the product labelling's monitoring schedule); a count older than a week is
# not a current one.
CLOZAPINE_ANC_WITHIN_DAYS = 7
CLOZAPINE_SOURCE = "clozapine-anc-monitoring"


@dataclass(frozen=True)
class OrderAlert:
    drug: str  # generic name
    indicator: str  # critical, warning
    summary: str  # under 140 characters
    detail: str  # Markdown
    source: SourceRef


def order_alerts(generic: str, result: Result | None, days_since_count: float | None,
                 catalogue: Catalogue | None = None) -> list[OrderAlert]:
    """Alerts for ordering ``generic`` given the patient's assessed counts (``result`` is
    None when there is no count at all) and how many days ago the latest count was taken."""
    catalogue = catalogue or load_catalogue()
    drug = catalogue.drugs.get(generic)
    if drug is None:
        return []
    drug_class = catalogue.drug_classes[drug.drug_class]
    reading = result.reading if result is not None else None
    anc = reading.anc if reading is not None else None
    # the engine's own reading of the count decides (age-dependent limits, words, bounds)
    neutropenic = reading is not None and reading.neutrophil_status == "absolute_neutropenia"
    alerts = []
    if drug_class.cause is not None and neutropenic:
        severe = reading.grade == "severe"
        count = f"{anc:,.0f}/µL" if anc is not None else "low"
        grade = f" ({reading.grade} neutropenia)" if reading.grade else ""
        source = catalogue.sources[drug_class.sources[0]]
        when = f" {days_since_count:.0f} days ago" if days_since_count is not None \
            and days_since_count >= 1 else ""
        alerts.append(OrderAlert(
            drug=generic, indicator="critical" if severe else "warning",
            summary=_short(f"{generic.capitalize()} can lower neutrophils; the latest ANC is "
                           f"{count}{grade}."),
            detail=(f"**{generic.capitalize()}** is a known cause of neutropenia. "
                    f"{_risk_of(generic, drug_class)}. The latest "
                    f"count{when} shows an ANC of **{count}**{grade}. "
                    "Weigh the need for this drug against the count, look for the cause of "
                    "the neutropenia first, and repeat the count before and after starting."),
            source=SourceRef(label=source.label, url=source.url)))
    has_count = reading is not None and (anc is not None or reading.grade is not None)
    if generic == "clozapine" and (not has_count or days_since_count is None
                                   or days_since_count > CLOZAPINE_ANC_WITHIN_DAYS):
        source = catalogue.sources[CLOZAPINE_SOURCE]
        last = "no ANC on record" if not has_count else (
            f"the latest ANC is {days_since_count:.0f} days old" if days_since_count is not None
            else "the latest ANC has no date")
        alerts.append(OrderAlert(
            drug=generic, indicator="warning",
            summary=_short(f"Clozapine ordered without a recent ANC ({last})."),
            detail=("Clozapine can cause agranulocytosis, most often in the first 18 weeks. "
                    "An absolute neutrophil count is needed before it is started and at each "
                    f"early dispensing (weekly at first): {last}. Order an ANC now."),
            source=SourceRef(label=source.label, url=source.url)))
    return alerts


def _short(text: str, limit: int = 139) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _risk_of(generic: str, drug_class) -> str:
    """The class's mechanism, risk and timing, led by the class name unless the class is the
    drug itself (clozapine)."""
    risk = (f"{drug_class.mechanism.replace('_', '-')}, {drug_class.risk} risk; "
            f"{drug_class.onset_text}")
    if drug_class.name.lower() == generic.lower():
        return risk[0].upper() + risk[1:]
    return f"{drug_class.name}: {risk}"
