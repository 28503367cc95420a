"""The time course: dated earlier (and repeat) counts read as a history (a fall that began
after a drug was started, recovery within weeks of stopping it, nadirs every three weeks, a
low count corrected on a repeat within hours, counts normal at every check for years, a count
that keeps falling)."""

from __future__ import annotations

from experta import AS, MATCH, NOT, OR, P, Rule, W

from .base import (
    DERIVES_FACTS,
    MODERATE_AGAINST,
    MODERATE_FOR,
    RULES_OUT,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_FOR,
    Conclusions,
)
from .catalogue import load_catalogue
from .conditions import at_least, at_most, number
from .facts import (
    CellLines,
    CountHistory,
    DrugExposure,
    Fever,
    Findings,
    History,
    Labs,
    Patient,
    SepsisSigns,
)
from .labs import blood_count_reading, lab_values
from .words import weeks_in_words

MARROW_DISEASE = ("acute_myeloid_leukemia", "myelodysplastic_syndrome", "aplastic_anemia",
                  "lymphoma_marrow_infiltration", "solid_tumor_marrow_infiltration")
LIFELONG = ("severe_congenital_neutropenia", "shwachman_diamond_syndrome", "myelokathexis",
            "duffy_null_neutrophil_count")
NOT_EXCLUDED_BY_TIMING = P(lambda t: t not in ("after_onset", "stopped_long_ago"))
STILL_A_SUSPECT = P(lambda t: t in ("plausible", "unknown", "late"))
CYCLE_DAYS = (14, 36)  # cyclic neutropenia: nadirs about every 21 days (14-36)
REPEAT_WITHIN_WEEKS = 2 / 7  # a repeat count within 48 hours
RECOVERY_WITHIN_WEEKS = 4
STEEP_FALL = 1.5  # an earlier count half again the index: the count has fallen by a third


def _point(patient: dict, labs: dict, when: float) -> dict:
    """One dated count: whether the white cells are low, and the number to follow."""
    values = lab_values(patient, labs, load_catalogue().labs)
    kinds = {kind.__name__: fields for kind, fields in blood_count_reading(patient, values)}
    if "CellLines" in kinds:
        low = True
    elif any(kinds.get(name) is not None and kinds[name]["status"] not in ("unknown", "low")
             for name in ("WhiteCount", "Neutrophils")):
        low = False
    else:
        low = None
    anc = kinds["Neutrophils"]["anc"] if "Neutrophils" in kinds else None
    wbc = values.get("wbc")
    return {"when": when, "low": low,
            "anc": anc if isinstance(anc, (int, float)) else None,
            "wbc": wbc if isinstance(wbc, (int, float)) else None}


def _trend(points: list[dict]) -> tuple[str, int]:
    """falling, rising, stable or unknown over the index and earlier counts (oldest first),
    with the number of successive falls that end at the index."""
    earlier = [p for p in points if p["when"] >= 0]
    for measure in ("anc", "wbc"):
        series = [p[measure] for p in earlier if p[measure] is not None]
        if len(series) >= 2 and earlier[-1][measure] is not None:
            break
    else:
        statuses = [p["low"] for p in earlier if p["low"] is not None]
        if len(statuses) >= 2 and statuses[-1] != statuses[-2]:
            return ("falling", 1) if statuses[-1] else ("rising", 0)
        return "unknown", 0
    falls = 0
    for before, after in zip(reversed(series[:-1]), reversed(series[1:]), strict=True):
        if after <= 0.9 * before:
            falls += 1
        else:
            break
    rises = 0
    for before, after in zip(reversed(series[:-1]), reversed(series[1:]), strict=True):
        if after >= 1.1 * before:
            rises += 1
        else:
            break
    if falls and series[-1] <= 0.8 * series[-1 - falls]:
        return "falling", falls
    if rises and series[-1] >= 1.25 * series[-1 - rises]:
        return "rising", 0
    if max(series) <= 1.25 * min(series):
        return "stable", 0
    return "unknown", 0


def _higher_before(points: list[dict]) -> float | None:
    """Weeks ago of the most recent earlier count at least half again the index count (ANC
    where the index and an earlier count give it, else the white count): where a steep fall
    began, even from a count already below the range. None when there is none."""
    index = next((p for p in points if p["when"] == 0), None)
    if index is None:
        return None
    earlier = [p for p in points if p["when"] > 0]
    for measure in ("anc", "wbc"):
        if index[measure] and any(p[measure] is not None for p in earlier):
            higher = [p["when"] for p in earlier
                      if p[measure] is not None and p[measure] >= STEEP_FALL * index[measure]]
            return min(higher) if higher else None
    return None


def _cyclic(points: list[dict]) -> bool:
    """Low spells separated by normal counts, starting every 14-36 days."""
    starts, previous = [], None
    for point in points:  # oldest first
        if point["low"] and previous is False:
            starts.append(point["when"])
        if point["low"] is not None:
            previous = point["low"]
    first_low = next((p for p in points if p["low"] is not None), None)
    if first_low is not None and first_low["low"]:
        starts.insert(0, first_low["when"])
    gaps = [(a - b) * 7 for a, b in zip(starts, starts[1:], strict=False)]
    return len(gaps) >= 1 and all(CYCLE_DAYS[0] <= gap <= CYCLE_DAYS[1] for gap in gaps) \
        and len(starts) >= 2


def count_history(patient: dict, labs: dict, entries) -> CountHistory:
    """The history the dated counts tell, beside the index count (``labs``, taken at 0)."""
    index = _point(patient, labs, 0.0)
    points = [_point(patient, dict(entry["labs"]), entry["weeks_ago"]) for entry in entries]
    points.append(index)
    points.sort(key=lambda p: -p["when"])  # oldest first; repeat counts (negative) last
    earlier = [p for p in points if p["when"] > 0]
    later = [p for p in points if p["when"] < 0]
    normal_before = [p["when"] for p in earlier if p["low"] is False]
    low_since = None
    if index["low"]:
        low_since = 0.0
        for point in reversed(earlier):  # most recent first
            if point["low"] is not True:
                break
            low_since = point["when"]
    recovered = [-p["when"] for p in later if p["low"] is False]
    trend, falls = _trend(points)
    checked = [p for p in earlier if p["low"] is not None]
    return CountHistory(
        trend=trend, successive_falls=falls,
        last_normal_weeks_ago=min(normal_before) if normal_before else None,
        low_since_weeks_ago=low_since, cyclic=_cyclic(points),
        corrected_on_repeat=bool(index["low"]) and any(
            -p["when"] <= REPEAT_WITHIN_WEEKS for p in later if p["low"] is False),
        recovered_weeks_later=min(recovered) if index["low"] and recovered else None,
        earlier_checks=len(checked),
        latest_earlier_weeks_ago=min(p["when"] for p in checked) if checked else None,
        normal_at_every_check_since=max(p["when"] for p in checked)
        if checked and all(p["low"] is False for p in checked) else None,
        low_at_every_check_since=max(p["when"] for p in checked)
        if checked and all(p["low"] for p in checked) else None,
        higher_before_weeks_ago=_higher_before(points))


class TimeCourseRules(Conclusions):
    """What the dated counts say."""

    @Rule(AS.patient << Patient(), AS.labs << Labs(), AS.history << History(),
          salience=DERIVES_FACTS)
    def read_the_earlier_counts(self, patient, labs, history):
        """Trend, last normal count, how long it has been low, cycles, repeats (the
        dated counts set beside the index count)."""
        # the entries as the fact holds them (frozen mappings, read as they are), not
        # thawed into new dicts: count_history only reads them
        self.declare(count_history(patient.as_dict(), labs.as_dict(), history["entries"]))

    # ---- a drug and the dates of the fall ---------------------------------------------------
    @Rule(DrugExposure(cause=MATCH.cause, shown=MATCH.shown, generic=MATCH.generic, started_weeks_ago=MATCH.started,
                       timing=NOT_EXCLUDED_BY_TIMING),
          CountHistory(last_normal_weeks_ago=MATCH.normal, low_since_weeks_ago=MATCH.low,
                       higher_before_weeks_ago=MATCH.higher),
          CellLines(pattern=W()))
    def the_dated_counts_place_the_fall_after_the_drug_was_started(self, cause, generic,
                                                                   started, normal, low,
                                                                   higher, shown):
        if started is None or started < 0 or low is None:
            return
        steep_fall_after = low > started and higher is not None and higher >= started
        already_low = low > started
        followed = normal is not None and normal >= started
        # weeks as a reader writes them in the messages (1.7, not 1.71429)
        started, low = round(started, 1), round(low, 1)
        normal = round(normal, 1) if normal is not None else None
        # A count already a little low before the drug (a big spleen, a low normal for the
        # patient) does not clear a drug after which it fell by a third or more: the drug's
        # agranulocytosis can fall on an already low count.
        if steep_fall_after:
            self.evidence(cause, MODERATE_FOR,
                          f"The count was already low {weeks_in_words(low)} ago, but it has "
                          f"fallen by a third or more since {shown} was started "
                          f"({weeks_in_words(started)} ago): a drug can bring a steep fall on an already low count.",
                          "andersohn-2007")
        elif already_low:
            self.evidence(cause, RULES_OUT,
                          f"The dated counts were already low {weeks_in_words(low)} ago, "
                          f"before {shown} was started: it cannot have caused the fall.", "seed-001")
        elif followed:
            self.evidence(cause, MODERATE_FOR,
                          f"The count was normal {weeks_in_words(normal)} ago, before "
                          f"{shown} was started ({weeks_in_words(started)} ago), and has "
                          "been low since: the fall follows the drug.", "seed-001")

    # Explaining away: an empty marrow after a fall that the dated counts place after a drug
    # known to lower the count was started is the drug's doing until stopping it has been
    # tried; idiopathic aplastic anaemia is the diagnosis once drugs are excluded.
    @Rule(DrugExposure(cause=W(), generic=MATCH.generic, started_weeks_ago=MATCH.started,
                       timing=NOT_EXCLUDED_BY_TIMING),
          CountHistory(last_normal_weeks_ago=MATCH.normal, low_since_weeks_ago=MATCH.low),
          OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=number(lambda pct: pct < 25))),
          CellLines(pattern=W()))
    def an_empty_marrow_after_a_fall_that_followed_a_drug(self, generic, started, normal, low):
        if started is None or started < 0 or low is None or low > started or normal is None \
                or normal < started:
            return
        # one weight however many drugs qualify (the same text declares the same fact once)
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "The marrow emptied after a fall that followed a drug known to lower the "
                      "count: a drug-induced aplasia until stopping the drug has been tried, "
                      "since idiopathic aplastic anaemia is diagnosed only once drugs are "
                      "excluded.", "killick-aa-2016")

    @Rule(DrugExposure(cause=MATCH.cause, stopped=True, shown=MATCH.shown, generic=MATCH.generic,
                       timing=P(lambda t: t != "after_onset")),
          CountHistory(recovered_weeks_later=at_most(RECOVERY_WITHIN_WEEKS) & MATCH.weeks),
          NOT(Findings(count_recovered_after_stopping=W())))
    def the_count_recovered_within_weeks_of_stopping_the_drug(self, cause, generic, weeks, shown):
        self.evidence(cause, STRONG_FOR,
                      f"A repeat count {weeks * 7:g} days later was normal once {shown} "
                      "was stopped: recovery on stopping is the strongest bedside evidence "
                      "that the drug was the cause.", "seed-001")

    @Rule(CountHistory(recovered_weeks_later=at_most(RECOVERY_WITHIN_WEEKS)))
    def a_count_that_recovers_within_weeks(self):
        for cause in MARROW_DISEASE:
            self.evidence(cause, MODERATE_AGAINST,
                          "A count that recovers on its own within weeks is not marrow failure "
                          "or a marrow malignancy.", "seed-001")
        self.evidence("viral_marrow_suppression", WEAK_FOR,
                      "A fall that passes within weeks fits a transient viral suppression.",
                      "seed-001")

    # ---- patterns over time -----------------------------------------------------------------
    @Rule(CountHistory(cyclic=True))
    def nadirs_about_every_three_weeks(self):
        self.evidence("cyclic_neutropenia", VERY_STRONG_FOR,
                      "Low spells separated by normal counts every two to five weeks are the "
                      "signature of cyclic neutropenia (about 21 days).", "seed-001")

    @Rule(CountHistory(cyclic=False, low_at_every_check_since=at_least(6),
                       earlier_checks=at_least(3)))
    def low_at_every_check_for_six_weeks_or_more(self):
        self.evidence("cyclic_neutropenia", MODERATE_AGAINST,
                      "Counts low at every check over six weeks or more, never normal between, "
                      "do not cycle.", "seed-001")
        self.evidence("viral_marrow_suppression", STRONG_AGAINST,
                      "Viral suppression passes within weeks; a count low at every check for "
                      "longer has another cause.", "seed-001")

    # Margination is the pseudoleukopenia of an infection's first hours: it counts in full
    # where an infection is in view (a fever, signs of sepsis, an infection and its onset, a
    # documented site). A count that corrects within hours in someone with no infection
    # known is still no true fall, but it has other explanations as well (the morning low
    # of the diurnal rhythm, at times on an antipsychotic; a sample left standing).
    @Rule(CountHistory(corrected_on_repeat=True), CellLines(pattern=W()),
          OR(Fever(present=True), SepsisSigns(), Findings(acute_infection_onset_days=W()),
             Findings(infection_site=P(lambda site: site not in ("none_found", "unknown")))))
    def a_repeat_count_within_hours_is_normal_during_an_infection(self):
        self.evidence("early_infection_margination", STRONG_FOR,
                      "A repeat count within two days was normal: the first low count was "
                      "neutrophils marginated early in an infection, not a true fall.",
                      "seed-000")

    @Rule(CountHistory(corrected_on_repeat=True), CellLines(pattern=W()),
          NOT(Fever(present=True)), NOT(SepsisSigns()),
          NOT(Findings(acute_infection_onset_days=W())),
          NOT(Findings(infection_site=P(lambda site: site not in ("none_found", "unknown")))))
    def a_repeat_count_within_hours_is_normal_with_no_infection_known(self):
        self.evidence("early_infection_margination", MODERATE_FOR,
                      "A repeat count within two days was normal, so the first was no true "
                      "fall; with no infection known, margination early in one is only one "
                      "explanation (a morning low, a sample left standing are others).",
                      "seed-000")

    @Rule(CountHistory(corrected_on_repeat=True), CellLines(pattern=W()))
    def a_repeat_count_within_hours_is_normal(self):
        for cause in MARROW_DISEASE:
            self.evidence(cause, STRONG_AGAINST,
                          "A count that is normal again within hours cannot come from the "
                          "marrow.", "seed-000")
        self.pitfall("early_infection_pseudoleukopenia",
                     "A repeat count within two days was normal.")

    @Rule(CountHistory(normal_at_every_check_since=at_least(52), earlier_checks=at_least(2)),
          CellLines(pattern=W()))
    def counts_normal_at_every_check_for_a_year_or_more(self):
        for cause in LIFELONG:
            self.evidence(cause, STRONG_AGAINST,
                          "Counts normal at every check for a year or more exclude a lifelong "
                          "(congenital or constitutional) neutropenia.", "seed-001")

    @Rule(CountHistory(trend="falling", successive_falls=at_least(2)), CellLines(pattern=W()))
    def a_count_that_keeps_falling(self):
        for cause in MARROW_DISEASE:
            self.evidence(cause, MODERATE_FOR,
                          "A count that falls at every check points to a progressive marrow "
                          "process (failure or infiltration).", "seed-001")

    # An idiosyncratic reaction starts to recover within days of stopping the drug: counts
    # that rise after stopping support it, counts that go on falling argue against it. A
    # dose-dependent toxin (chemotherapy above all) may still be heading for its nadir, so
    # only the rise is read for it.
    @Rule(DrugExposure(cause=MATCH.cause, stopped=True, shown=MATCH.shown, generic=MATCH.generic,
                       timing=P(lambda t: t != "after_onset")),
          CountHistory(trend="rising"), CellLines(pattern=W()))
    def the_count_rises_after_the_drug_was_stopped(self, cause, generic, shown):
        self.evidence(cause, MODERATE_FOR,
                      f"The count has been rising since {shown} was stopped: recovery off the "
                      "drug is the usual course of a drug-induced fall.", "andersohn-2007")

    # "Still falling after the drug was stopped" needs a count taken after the stop: a fall
    # between an earlier count on the drug and an index count at which it was stopped happened
    # on the drug (an undated stop is read as the case gives it: falling since).
    @Rule(DrugExposure(cause=MATCH.cause, stopped=True, mechanism="idiosyncratic",
                       shown=MATCH.shown, generic=MATCH.generic, timing=P(lambda t: t != "after_onset"),
                       last_dose_weeks_ago=MATCH.stop),
          CountHistory(trend="falling", latest_earlier_weeks_ago=MATCH.latest),
          CellLines(pattern=W()),
          NOT(DrugExposure(cause=MATCH.cause, stopped=False, timing=STILL_A_SUSPECT)))
    def the_count_keeps_falling_after_an_idiosyncratic_drug_was_stopped(self, cause, generic,
                                                                        stop, latest, shown):
        if _fall_measured_on_the_drug(stop, latest):
            return
        self.evidence(cause, MODERATE_AGAINST,
                      f"The count is still falling although {shown} was stopped: an "
                      "idiosyncratic reaction usually begins to recover within days of stopping "
                      "the drug.", "andersohn-2007")

    # A fall that goes on after one drug was stopped, while another drug that can cause it
    # is still being taken, is explained by that drug: the marrow is not yet in question.
    @Rule(DrugExposure(stopped=True, shown=MATCH.shown, generic=MATCH.generic, last_dose_weeks_ago=MATCH.stop),
          CountHistory(trend="falling", latest_earlier_weeks_ago=MATCH.latest),
          CellLines(pattern=W()),
          NOT(DrugExposure(stopped=False, timing=STILL_A_SUSPECT)))
    def the_count_keeps_falling_after_the_drug_was_stopped(self, generic, stop, latest, shown):
        if _fall_measured_on_the_drug(stop, latest):
            return
        self.pitfall("drug_blamed_before_malignancy_excluded",
                     f"The count is still falling although {shown} was stopped.")

    @Rule(CountHistory(trend="stable", low_at_every_check_since=number(lambda w: w >= 52)),
          Patient(ancestry=P(lambda a: a in ("african", "middle_eastern"))))
    def a_stable_low_count_for_years_in_african_or_middle_eastern_ancestry(self):
        self.evidence("duffy_null_neutrophil_count", MODERATE_FOR,
                      "A stable, mildly low count for a year or more in a well person of "
                      "African or Middle Eastern ancestry is the Duffy-null pattern.",
                      "duffy-2009")


def _fall_measured_on_the_drug(stopped_weeks_ago, latest_earlier_weeks_ago) -> bool:
    """True when every earlier count was taken while the drug was still given (the stop dated
    and no earlier count since it), so the fall they show happened on the drug."""
    return isinstance(stopped_weeks_ago, (int, float)) and stopped_weeks_ago >= 0 and \
        latest_earlier_weeks_ago is not None and latest_earlier_weeks_ago > stopped_weeks_ago

