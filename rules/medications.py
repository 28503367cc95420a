"""Medications: which drugs can lower the count, and whether the timing fits.

A drug weighs most when it was started inside its usual window before the count fell, less
when it was started long ago, and counts against its cause when it was started after the
count was already low. Chemotherapy is judged by the days since the last dose (the nadir);
late-onset neutropenia after anti-CD20 antibodies by the weeks since the last dose.
Idiosyncratic reactions usually hit the neutrophils alone; dose-dependent marrow toxins
(chemotherapy, antimetabolites, zidovudine, ganciclovir) lower several lines together. A drug
off the lists is weighed by causality alone: a fitting start with a recovery off it, or a fall
on re-exposure.
"""

from __future__ import annotations

from experta import AND, AS, MATCH, NOT, OR, InitialFact, L, P, Rule, W

from .base import (
    DERIVES_FACTS,
    DETAIL,
    ESSENTIAL,
    FOLLOW_UP,
    MODERATE_AGAINST,
    MODERATE_FOR,
    RULES_OUT,
    STRONG_AGAINST,
    STRONG_FOR,
    VERY_STRONG_FOR,
    WEAK_AGAINST,
    WEAK_FOR,
    Conclusions,
)
from .catalogue import DrugClass, load_catalogue
from .conditions import (
    EMPTY_MARROW_PCT,
    KIDNEY_IMPAIRED,
    SEVERAL_LINES,
    YOUNG_CHILD,
    above,
    number,
)
from .facts import (
    CellLines,
    Cytopenia,
    DrugExposure,
    Fever,
    Findings,
    Labs,
    Medication,
    Neutrophils,
    Patient,
    Pitfall,
    SepsisSigns,
    Smear,
)
from .words import weeks_in_words

# Drug pairs in which the second drug raises the first one's marrow toxicity.
TRIMETHOPRIM_DRUGS = frozenset({"trimethoprim", "trimethoprim-sulfamethoxazole"})
THIOPURINES = frozenset({"azathioprine", "mercaptopurine"})
XANTHINE_OXIDASE_INHIBITORS = frozenset({"allopurinol", "febuxostat"})
# Drugs that block CYP3A4 or P-glycoprotein, which clear colchicine: the strong inhibitors and
# ciclosporin, and the moderate ones the labels also name (erythromycin, verapamil, diltiazem).
COLCHICINE_CLEARANCE_BLOCKERS = frozenset({
    "clarithromycin", "erythromycin", "itraconazole", "posaconazole", "voriconazole",
    "ritonavir", "lopinavir-ritonavir", "nirmatrelvir-ritonavir", "darunavir", "atazanavir",
    "cyclosporine", "verapamil", "diltiazem"})

# How much an exposure weighs, by the drug's risk and how its timing fits (decibans).
EXPOSURE_WEIGHTS = {
    ("high", "plausible"): VERY_STRONG_FOR,
    ("moderate", "plausible"): STRONG_FOR,
    ("low", "plausible"): MODERATE_FOR,
    ("high", "unknown"): STRONG_FOR,
    ("moderate", "unknown"): MODERATE_FOR,
    ("low", "unknown"): WEAK_FOR,
    ("high", "late"): MODERATE_FOR,
    ("moderate", "late"): MODERATE_FOR,
    ("low", "late"): WEAK_FOR,
    ("high", "too_recent"): WEAK_FOR,
    ("moderate", "too_recent"): WEAK_FOR,
    ("low", "too_recent"): WEAK_FOR,
    ("high", "remote"): WEAK_FOR,
    ("moderate", "remote"): WEAK_FOR,
    ("low", "remote"): WEAK_FOR,
}

# A drug the case does not name, only what it is for, where that indication makes the drug
# likely but not certain (drugs.yaml, indications): weighed one step weaker than the drug
# named. Its risk is taken a tier lower (so every rule that reads the risk weighs it as a
# drug of that tier); at the lowest tier its exposure weight is taken a step lower instead.
RISK_ONE_TIER_LOWER = {"high": "moderate", "moderate": "low"}
ONE_STEP_WEAKER = {VERY_STRONG_FOR: STRONG_FOR, STRONG_FOR: MODERATE_FOR,
                   MODERATE_FOR: WEAK_FOR, WEAK_FOR: WEAK_FOR}

# The drugs whose idiosyncratic agranulocytosis is a must-not-miss emergency.
AGRANULOCYTOSIS_CAUSES = ("drug_clozapine", "drug_antithyroid")

# Idiosyncratic drug neutropenia recovers within about 1-3 weeks of stopping the drug.
RECOVERY_WEEKS = 3

# Folate antagonists whose marrow toxicity is megaloblastic: large red cells and several low
# lines are what their toxicity looks like (methotrexate above all, with renal impairment,
# daily instead of weekly dosing, or co-trimoxazole beside it).
FOLATE_ANTAGONIST_TOXINS = ("methotrexate", "pemetrexed", "pralatrexate", "pyrimethamine")

# The megaloblastic signs of a folate-antagonist or folate-depleting drug: large red cells by
# the MCV or on the film, or hypersegmented neutrophils.
LARGE_RED_CELLS = OR(Labs(mcv=above(100)), Smear(hypersegmented_neutrophils=True),
                     Smear(macro_ovalocytes=True))

# Anticonvulsants that deplete folate (they impair its absorption and speed its breakdown):
# after months of use their marrow effect is a megaloblastic anaemia with large red cells and
# a low white count, the drug's doing through folate deficiency (Devalia 2014, BSH).
FOLATE_DEPLETING_ANTICONVULSANTS = ("phenytoin", "phenobarbital", "primidone")

# Idiosyncratic drugs whose recognised marrow reactions include aplasia or a pancytopenia, not
# only an agranulocytosis (the drugs linked to acquired aplastic anaemia: sulfonamides with
# co-trimoxazole and sulfasalazine, gold, penicillamine, carbamazepine, phenytoin, felbamate,
# acetazolamide; Killick 2016, BSH): several low lines do not argue against them.
DRUGS_THAT_LOWER_SEVERAL_LINES = ("trimethoprim-sulfamethoxazole", "sulfamethoxazole",
                                  "sulfadiazine", "sulfasalazine", "sodium aurothiomalate",
                                  "auranofin", "penicillamine", "carbamazepine", "phenytoin",
                                  "felbamate", "acetazolamide", "methazolamide")

# Antifolates that, taken beside methotrexate, add their own block of dihydrofolate reductase
# (and trimethoprim slows methotrexate's renal excretion): the best-documented interaction
# behind methotrexate pancytopenia, even at low weekly doses.
ANTIFOLATES_BESIDE_METHOTREXATE = ("trimethoprim-sulfamethoxazole", "trimethoprim",
                                   "pyrimethamine")

# A drug the dictionary lists with no established link to neutropenia can still be the cause:
# the lists hold the drugs with enough reports, and causality for any single patient rests on
# timing and withdrawal (Naranjo; WHO-UMC). The window is that of most idiosyncratic drug
# neutropenias whatever the drug (the first three months), from the first week on.
UNLINKED_DRUG_CLASS = "no_known_association"
UNLINKED_DRUG_WINDOW_WEEKS = (1, 13)

# Timings of an established culprit that still let it explain the count: with one of these
# beside it, a drug with no established link is not the likelier explanation.
FITTING_TIMINGS = ("plausible", "unknown", "late")

# Street drugs whose adulterant is met anew with every use: most cocaine is cut with
# levamisole, so in a current user the years since the first use do not date the exposure
# (levamisole neutropenia follows repeated exposure, and recurs with each new use).
RECURRING_EXPOSURE_DRUGS = ("cocaine",)

# After a dose-dependent marrow toxin is stopped the count has usually recovered by then.
DOSE_DEPENDENT_RECOVERY_WEEKS = 8

# Marrow toxins cleared by the kidneys: they accumulate when renal function is impaired.
RENALLY_CLEARED_MARROW_TOXINS = ("methotrexate", "pemetrexed", "ganciclovir", "valganciclovir",
                                 "flucytosine", "cidofovir", "colchicine")

# Drug classes of anticancer treatment, judged by the chemotherapy rules (nadir, days since).
CHEMOTHERAPY_CLASSES = ("cytotoxic_chemotherapy", "purine_analogue", "targeted_anticancer")

# An overdose explains a low count for this many weeks after it (marrow failure within days,
# recovery within one to two weeks).
OVERDOSE_WEEKS = 3

# A dose raised within this many weeks can explain a dose-dependent fall in the count.
DOSE_CHANGE_WEEKS = 12


def exposure_timing(drug_class: DrugClass, started: float | None, stopped: float | None,
                    low_since: float | None, mechanism: str | None = None,
                    last_dose: float | None = None, was_stopped: bool | None = None) -> str:
    """How the timing of one drug fits its class's known pattern of onset. ``stopped`` is
    the weeks since it was stopped (None when not stopped or the date is not known),
    ``last_dose`` the weeks since the last dose, ``was_stopped`` whether it was stopped at all
    (dated or not); ``mechanism`` is the drug's own where it differs from its class."""
    mechanism = mechanism or drug_class.mechanism
    if was_stopped is None:
        was_stopped = stopped is not None
    if started is not None and low_since is not None and started < low_since:
        return "after_onset"
    earliest, latest = drug_class.onset_weeks
    if drug_class.onset_from == "last_dose":
        # late-onset neutropenia: the clock runs from the last dose, not the first
        since = stopped if stopped is not None else last_dose if last_dose is not None \
            else started
        if since is None:
            return "unknown"
        if since < earliest:
            return "too_recent"
        if since <= latest:
            return "plausible"
        return "late" if since <= latest * 2 else "remote"
    off_drug = stopped if stopped is not None else last_dose if was_stopped else None
    if off_drug is not None and off_drug > RECOVERY_WEEKS and mechanism != "dose_dependent":
        return "stopped_long_ago"
    # a dose-dependent toxin's effect lasts as long as its exposure, and recovery after it
    # takes longer than after an idiosyncratic reaction (chemotherapy: 3-4 weeks)
    if off_drug is not None and mechanism == "dose_dependent" and \
            off_drug > max(DOSE_DEPENDENT_RECOVERY_WEEKS, latest):
        return "stopped_long_ago"
    if started is None:
        return "unknown"
    if started < earliest:
        return "too_recent"
    if mechanism == "dose_dependent" and not was_stopped:
        return "plausible"  # ongoing dose-related suppression can appear at any time
    if started <= latest:
        return "plausible"
    if started <= latest * 4:
        return "late"
    return "remote"


# Timings that take a drug out of the reckoning: started after the count fell, or stopped so
# long ago that its effect should have passed.
TIMED_OUT = ("after_onset", "stopped_long_ago")

_TIMING_WORDS = {
    "plausible": "inside the usual window for this drug's effect on the count",
    "unknown": "start date not given, so the timing cannot be checked",
    "late": "later than usual for this drug, but still possible",
    "too_recent": "too recently to explain the count on its own",
    "remote": "long enough ago that the drug is an unlikely new cause",
}


class MedicationRules(Conclusions):
    """Drug exposure, timing, chemotherapy and radiotherapy."""

    @Rule(InitialFact())
    def ask_about_medications(self):
        self.ask("medications", ESSENTIAL + 4,
                 "Drugs are among the commonest causes, and stopping a culprit can be the cure.")

    # A well young child whose neutrophils alone are low is not asked about cancer treatment
    # (a child on chemotherapy is under an oncologist, who knows it); a fever, other low
    # lines, nodes, bone pain, a big spleen or a known cancer make it worth asking.
    @Rule(NOT(Patient(age_years=YOUNG_CHILD)))
    def ask_about_cancer_treatment(self):
        self.ask("recent_chemotherapy", ESSENTIAL + 3,
                 "Chemotherapy causes a predictable, dose-dependent fall in the count.")
        self.ask("radiation_therapy", ESSENTIAL - 12,
                 "Radiotherapy to large areas of marrow suppresses all cell lines.")

    @Rule(Patient(age_years=YOUNG_CHILD),
          OR(Fever(present=True), CellLines(pattern=SEVERAL_LINES),
             Findings(lymphadenopathy="yes"), Findings(bone_pain="yes"),
             Findings(splenomegaly="yes"), Findings(known_cancer="yes")))
    def ask_a_child_who_is_unwell_about_cancer_treatment(self):
        self.ask("recent_chemotherapy", ESSENTIAL + 3,
                 "A child with fever, other low counts, nodes or a big spleen may be on "
                 "treatment for a cancer, which lowers the count predictably.")
        self.ask("radiation_therapy", ESSENTIAL - 12,
                 "Radiotherapy to large areas of marrow suppresses all cell lines.")

    @Rule(AS.medication << Medication(drug_class=MATCH.drug_class), AS.findings << Findings(),
          salience=DERIVES_FACTS)
    def judge_medication_timing(self, medication, findings, drug_class):
        """Set each drug against its class's usual onset and the date the count fell."""
        catalogue = load_catalogue()
        known = catalogue.drug_classes.get(drug_class)
        if known is None or known.cause is None:
            return
        drug = catalogue.drugs.get(medication["generic"])
        mechanism = catalogue.drug_mechanism(drug) if drug else known.mechanism
        risk = catalogue.drug_risk(drug) if drug else known.risk
        # a drug known only by what it is for: the indication's rationale goes with its
        # evidence, and a likely (not certain) inference weighs one step weaker
        indication = catalogue.indications.get(medication.get("indication") or "")
        weight_a_step_lower = False
        if indication is not None and medication.get("inference") == "likely":
            weight_a_step_lower = risk not in RISK_ONE_TIER_LOWER
            risk = RISK_ONE_TIER_LOWER.get(risk, risk)
        days = medication.get("days_since_last_dose")
        timing = exposure_timing(known, medication.get("started_weeks_ago"),
                                 medication.get("stopped_weeks_ago"),
                                 _number(findings.get("low_count_first_noted_weeks_ago")),
                                 mechanism=mechanism,
                                 last_dose=days / 7 if days is not None else None,
                                 was_stopped=bool(medication.get("stopped")))
        if medication["generic"] in RECURRING_EXPOSURE_DRUGS and not medication.get("stopped") \
                and timing in ("late", "remote"):
            timing = "plausible"  # still used: each use is a new exposure
        self.declare(DrugExposure(
            generic=medication["generic"], drug_class=drug_class, cause=known.cause,
            risk=risk, mechanism=mechanism, timing=timing,
            started_weeks_ago=medication.get("started_weeks_ago", -1),
            last_dose_weeks_ago=_last_dose_weeks(medication),
            onset_from=known.onset_from, stopped=bool(medication.get("stopped")),
            source=indication.sources[0] if indication else known.sources[0],
            onset_text=known.onset_text, shown=medication.get("shown", medication["generic"]),
            inferred_because=_inferred_because(indication, medication.get("inference")),
            weight_a_step_lower=weight_a_step_lower))

    @Rule(DrugExposure(cause=MATCH.cause, risk=MATCH.risk, timing=MATCH.timing,
                       shown=MATCH.shown, source=MATCH.source, onset_text=MATCH.onset,
                       started_weeks_ago=MATCH.started, last_dose_weeks_ago=MATCH.last_dose,
                       onset_from=MATCH.onset_from, inferred_because=MATCH.because,
                       weight_a_step_lower=MATCH.step_lower, generic=MATCH.generic,
                       stopped=MATCH.stopped, mechanism=MATCH.mechanism),
          CellLines(pattern=W()))
    def drug_exposure_counts_for_its_cause(self, cause, risk, timing, shown, source, onset,
                                           started, last_dose, onset_from, because,
                                           step_lower, generic, stopped, mechanism):
        if (risk, timing) not in EXPOSURE_WEIGHTS:
            return
        # A dose-related marrow toxin's effect passes within weeks of the last dose
        # (chemotherapy's nadir at 1-2 weeks, recovery by 3-4): one stopped at a time not
        # given may have stopped too long ago to explain today's count, so it weighs a step
        # less than one still taken. (A drug with an idiosyncratic reaction is often stopped
        # because of the fall, so its stop says nothing about the timing.)
        if stopped and mechanism == "dose_dependent" and timing == "unknown" \
                and last_dose < 0 and generic not in RECURRING_EXPOSURE_DRUGS:
            self.evidence(cause, ONE_STEP_WEAKER[EXPOSURE_WEIGHTS[(risk, timing)]],
                          f"{_capital(shown)} taken and stopped, when not given: a dose-related "
                          f"effect passes within weeks of the last dose ({onset}){because}.",
                          source)
            return
        if generic in RECURRING_EXPOSURE_DRUGS and not stopped:
            when = "still being used (each use a new exposure to its adulterant, levamisole)"
        elif onset_from == "last_dose" and last_dose >= 0:
            when = f"last given {weeks_in_words(last_dose)} ago"
        else:
            when = f"started {weeks_in_words(started)} ago" if started >= 0 else "taken"
        if step_lower:  # a drug known only by what it is for, at the lowest risk tier
            self.evidence(cause, ONE_STEP_WEAKER[EXPOSURE_WEIGHTS[(risk, timing)]],
                          f"{_capital(shown)} {when}: {_TIMING_WORDS[timing]} ({onset})"
                          f"{because}.", source)
            return
        self.evidence(cause, EXPOSURE_WEIGHTS[(risk, timing)],
                      f"{_capital(shown)} {when}: {_TIMING_WORDS[timing]} ({onset}){because}.",
                      source)

    # A drug whose timing rules it out rules out its cause only when no other drug of that
    # cause could still explain the count: vancomycin started for the fever of an
    # agranulocytosis does not clear the beta-lactam taken for weeks before it.
    @Rule(DrugExposure(cause=MATCH.cause, timing="after_onset", shown=MATCH.shown, generic=MATCH.generic),
          CellLines(pattern=W()),
          NOT(DrugExposure(cause=MATCH.cause, timing=~P(lambda t: t in TIMED_OUT))))
    def drug_started_after_the_count_fell(self, cause, generic, shown):
        self.evidence(cause, RULES_OUT,
                      f"{_capital(shown)} was started after the count was already low, so it "
                      "cannot have caused the fall.", "seed-001")

    @Rule(DrugExposure(cause=MATCH.cause, timing="stopped_long_ago", shown=MATCH.shown, generic=MATCH.generic),
          CellLines(pattern=W()),
          NOT(DrugExposure(cause=MATCH.cause, timing=~P(lambda t: t in TIMED_OUT))))
    def count_still_low_long_after_the_drug_stopped(self, cause, generic, shown):
        self.evidence(cause, STRONG_AGAINST,
                      f"{_capital(shown)} was stopped more than {RECOVERY_WEEKS} weeks ago; "
                      "a drug-induced fall should have recovered by now.", "seed-001")

    @Rule(DrugExposure(cause=MATCH.cause, stopped=True, timing=~P(lambda t: t == "after_onset")),
          Findings(count_recovered_after_stopping="yes"))
    def count_recovered_when_the_drug_stopped(self, cause):
        self.evidence(cause, STRONG_FOR,
                      "The count recovered once the drug was stopped: the strongest bedside "
                      "evidence that the drug was the cause.", "seed-001")

    # The answer says a suspect drug was stopped and the count came back, but the case marks
    # no drug as stopped: the recovery still counts, shared by every drug that could explain
    # the fall, at less weight than when the stopped drug is named.
    @Rule(DrugExposure(cause=MATCH.cause, timing=P(lambda t: t in ("plausible", "unknown",
                                                                  "late", "remote"))),
          Findings(count_recovered_after_stopping="yes"),
          NOT(DrugExposure(stopped=True)))
    def count_recovered_after_an_unnamed_suspect_drug_was_stopped(self, cause):
        self.evidence(cause, MODERATE_FOR,
                      "The count recovered after a suspect drug was stopped; the case does not "
                      "say which, so each drug that can cause the fall shares the evidence.",
                      "seed-001")

    # Causality for a drug with no established link (Naranjo, WHO-UMC): the count fell within
    # the first weeks after it was started and recovered once it was stopped, and no drug known
    # to lower the count has a timing that fits. That makes the drug a possible-to-probable
    # cause: weighed for "other drug", below what the same timing and recovery give a drug on
    # the lists (a listed drug adds its previous reports to the same two facts).
    @Rule(Medication(drug_class=UNLINKED_DRUG_CLASS, generic=MATCH.generic,
                     started_weeks_ago=number(lambda w: UNLINKED_DRUG_WINDOW_WEEKS[0] <= w
                                              <= UNLINKED_DRUG_WINDOW_WEEKS[1]) & MATCH.started),
          AS.findings << Findings(count_recovered_after_stopping="yes"),
          OR(Medication(generic=MATCH.generic, stopped=True), NOT(Medication(stopped=True))),
          NOT(DrugExposure(timing=P(lambda t: t in FITTING_TIMINGS))),
          CellLines(pattern=W()))
    def drug_without_an_established_link_whose_timing_and_withdrawal_fit(self, generic,
                                                                          started, findings):
        low_since = _number(findings.get("low_count_first_noted_weeks_ago"))
        if low_since is not None and started < low_since:
            return  # started after the count was already low
        self.evidence("drug_other", MODERATE_FOR,
                      f"{generic.capitalize()} started {weeks_in_words(started)} ago, and the "
                      "count recovered after stopping: although it is not on the "
                      "lists of drugs known to lower the count, timing and withdrawal make it a "
                      "possible cause (the lists are of drugs with enough reports, not of every "
                      "drug that can).", "drug-causality-assessment")

    # A positive rechallenge: the count fell again when the drug was given again after it had
    # recovered. The strongest single item of every causality scale (Naranjo; "certain" in
    # WHO-UMC), weighed for each suspect drug's cause; for a drug with no established link
    # too, whenever it was first started, as long as no listed drug's timing fits.
    @Rule(DrugExposure(cause=MATCH.cause, timing=~L("after_onset")),
          Findings(count_fell_again_on_re_exposure="yes"), CellLines(pattern=W()))
    def count_fell_again_when_the_drug_was_given_again(self, cause):
        self.evidence(cause, STRONG_FOR,
                      "The count fell again when the drug was given again after it had "
                      "recovered (a positive rechallenge): the strongest evidence that the drug "
                      "is the cause.", "drug-causality-assessment")

    @Rule(Medication(drug_class=UNLINKED_DRUG_CLASS, generic=MATCH.generic),
          Findings(count_fell_again_on_re_exposure="yes"),
          NOT(DrugExposure(timing=P(lambda t: t in FITTING_TIMINGS))),
          CellLines(pattern=W()))
    def drug_without_an_established_link_that_lowered_the_count_again_on_re_exposure(
            self, generic):
        self.evidence("drug_other", STRONG_FOR,
                      f"The count fell again when a suspect drug was given again, and "
                      f"{generic}, although not on the lists of drugs known to lower the count, "
                      "is the candidate: a positive rechallenge makes a drug the probable cause "
                      "whatever the lists say.", "drug-causality-assessment")

    @Rule(Findings(count_recovered_after_stopping="yes"), CellLines(pattern=W()))
    def ask_whether_the_count_fell_again_on_re_exposure(self):
        self.ask("count_fell_again_on_re_exposure", DETAIL,
                 "A fall when the drug was given again would prove it the cause.")

    @Rule(DrugExposure(cause=MATCH.cause, stopped=True),
          Findings(count_recovered_after_stopping="no"))
    def count_did_not_recover_when_the_drug_stopped(self, cause):
        self.evidence(cause, STRONG_AGAINST,
                      "The count did not recover after the drug was stopped, which argues for "
                      "another cause.", "seed-001")

    @Rule(DrugExposure(cause=MATCH.cause, mechanism="idiosyncratic", risk="high"),
          Neutrophils(grade="severe"), CellLines(pattern="isolated"))
    def isolated_agranulocytosis_on_a_high_risk_drug(self, cause):
        self.evidence(cause, MODERATE_FOR,
                      "An isolated, severe neutropenia (agranulocytosis) is the typical picture "
                      "of an idiosyncratic reaction to this drug.", "seed-001")

    # the infection an agranulocytosis shows itself by is weighed for the drug, with or
    # without a fever (the fever has its own question of the site)
    @Rule(DrugExposure(mechanism="idiosyncratic", risk=P(lambda r: r in ("high", "moderate")),
                       timing=P(lambda t: t in ("plausible", "unknown"))),
          Neutrophils(status="absolute_neutropenia"), NOT(Fever(present=True)))
    def ask_for_the_infection_an_agranulocytosis_shows_itself_by(self):
        self.ask("infection_site", FOLLOW_UP + 1,
                 "Drug agranulocytosis most often shows itself as an infection (a sore throat, "
                 "pneumonia, a skin infection).")

    # Which came first: on a drug that causes agranulocytosis, the infection is how the
    # agranulocytosis shows itself (most present with fever, a sore throat, pneumonia or
    # sepsis), so the sepsis is its consequence more often than the cause of the low count.
    @Rule(DrugExposure(cause=MATCH.cause, mechanism="idiosyncratic", risk="high",
                       timing=P(lambda t: t in ("plausible", "unknown"))),
          Neutrophils(status="absolute_neutropenia"),
          OR(SepsisSigns(), Findings(infection_site=P(lambda s: s not in ("none_found",
                                                                          "unknown")))))
    def infection_on_a_drug_that_causes_agranulocytosis(self, cause):
        self.evidence(cause, MODERATE_FOR,
                      "Drug-induced agranulocytosis shows itself as an infection (fever, a sore "
                      "throat, pneumonia, sepsis) in most patients: the infection is the "
                      "warning sign of the drug's fall.", "andersohn-2007")
        self.evidence("bacterial_sepsis", STRONG_AGAINST,
                      "On a drug that causes agranulocytosis, a neutropenic patient's sepsis is "
                      "far more often the consequence of the drug's fall than the cause of the "
                      "low count: treat the sepsis, stop the drug.", "andersohn-2007")

    # The same order of events on a drug of moderate risk (most antibiotics, some
    # antiepileptics and antidepressants), weighed less, and only when the fall is to an
    # agranulocytosis: sepsis alone seldom takes a healthy adult's ANC below 500/µL, and
    # drug agranulocytosis is most often found through the infection it lets in. Not in a
    # child, nor with infections that kept coming before (a constitutional neutropenia, whose
    # infections are also why antibiotics were given).
    @Rule(DrugExposure(cause=MATCH.cause, mechanism="idiosyncratic", risk="moderate",
                       timing=P(lambda t: t in ("plausible", "unknown"))),
          Neutrophils(grade="severe"), Patient(age_years=number(lambda age: age >= 18)),
          NOT(Findings(recurrent_infections="yes")),
          OR(SepsisSigns(), Findings(infection_site=P(lambda s: s not in ("none_found",
                                                                          "unknown")))))
    def infection_with_an_agranulocytosis_on_a_drug_of_moderate_risk(self, cause):
        self.evidence(cause, WEAK_FOR,
                      "An agranulocytosis found through an infection on a drug known to cause "
                      "it: the infection is more often the drug's consequence than the cause "
                      "of the fall.", "andersohn-2007")
        self.evidence("bacterial_sepsis", MODERATE_AGAINST,
                      "Sepsis seldom takes an ANC below 500/µL on its own; on a drug that can "
                      "cause agranulocytosis the fall is more often the drug's, and the sepsis "
                      "its consequence: treat the sepsis, stop the drug.", "andersohn-2007")

    # Said of the cause, so not where a drug of the same cause that lowers every line is taken
    # too (colchicine beside a PPI, both "other drugs"): that drug explains the other lines.
    @Rule(DrugExposure(cause=MATCH.cause, mechanism="idiosyncratic",
                       generic=P(lambda g: g not in DRUGS_THAT_LOWER_SEVERAL_LINES)),
          CellLines(pattern=SEVERAL_LINES),
          NOT(DrugExposure(cause=MATCH.cause, mechanism="dose_dependent",
                           timing=~P(lambda t: t in TIMED_OUT))))
    def several_cell_lines_low_on_an_idiosyncratic_drug(self, cause):
        self.evidence(cause, WEAK_AGAINST,
                      "Idiosyncratic drug reactions usually hit neutrophils alone; other low "
                      "cell lines point towards the marrow.", "seed-001")

    # An empty marrow on a drug known to cause agranulocytosis or aplasia: drugs are a
    # recognised cause of acquired aplastic anaemia, and the marrow of drug agranulocytosis is
    # emptied of granulocyte precursors. A drug whose timing fits is stopped and weighed before
    # the marrow is called idiopathic aplastic anaemia.
    @Rule(DrugExposure(cause=MATCH.cause, mechanism="idiosyncratic", shown=MATCH.shown, generic=MATCH.generic,
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          OR(Findings(marrow_cellularity="hypocellular"),
             Findings(marrow_cellularity_pct=EMPTY_MARROW_PCT)),
          CellLines(pattern=W()))
    def empty_marrow_on_a_drug_that_can_empty_it(self, cause, generic, shown):
        self.evidence(cause, MODERATE_FOR,
                      f"An empty marrow on {shown}, whose timing fits: drugs are a recognised "
                      "cause of marrow aplasia and of agranulocytosis (whose marrow lacks "
                      "granulocyte precursors), to be stopped before the marrow is called "
                      "idiopathic aplastic anaemia.", "killick-aa-2016")

    # Dose-dependent marrow toxins (zidovudine, ganciclovir, antimetabolites) are expected to
    # lower more than one line: several low lines are no argument against them.
    @Rule(DrugExposure(cause=MATCH.cause, shown=MATCH.shown, generic=MATCH.generic & P(lambda g: g in FOLATE_ANTAGONIST_TOXINS),
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          LARGE_RED_CELLS,
          CellLines(pattern=SEVERAL_LINES))
    def macrocytic_cytopenias_on_a_folate_antagonist(self, cause, generic, shown):
        self.evidence(cause, STRONG_FOR,
                      f"{_capital(shown)} blocks folate use: large red cells with several "
                      "low lines are its typical marrow toxicity, at any time in treatment "
                      "and above all with renal impairment or daily instead of weekly dosing.",
                      "gutierrez-urena-1996")

    @Rule(DrugExposure(generic=P(lambda g: g in FOLATE_ANTAGONIST_TOXINS),
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          LARGE_RED_CELLS,
          CellLines(pattern=SEVERAL_LINES))
    def large_red_cells_explained_by_a_folate_antagonist(self):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      "On a folate antagonist the large red cells are explained by the drug; "
                      "they point to myelodysplasia only if they persist after it is stopped "
                      "and folinic acid given.", "gutierrez-urena-1996")

    # Phenytoin, phenobarbital and primidone deplete folate over months: large red cells with
    # several low lines on them are a drug-induced folate deficiency (a classic cause of
    # megaloblastic anaemia), weighed for the drug whatever the diet; timing counts even when
    # long (the depletion takes months to years).
    @Rule(DrugExposure(cause=MATCH.cause,
                       shown=MATCH.shown, generic=MATCH.generic & P(lambda g: g in FOLATE_DEPLETING_ANTICONVULSANTS),
                       timing=P(lambda t: t in ("plausible", "unknown", "late", "remote"))),
          LARGE_RED_CELLS,
          CellLines(pattern=SEVERAL_LINES))
    def macrocytic_cytopenias_on_a_folate_depleting_anticonvulsant(self, cause, generic, shown):
        self.evidence(cause, STRONG_FOR,
                      f"{_capital(shown)} depletes folate (it impairs its absorption and "
                      "speeds its breakdown): large red cells with several low lines after "
                      "months on it are its megaloblastic marrow effect; folate and B12 are "
                      "measured and folate replaced.", "bsh-b12-folate")
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      f"On {shown} the large red cells are explained by its folate depletion; "
                      "they point to myelodysplasia only if they persist once folate is "
                      "replaced.", "bsh-b12-folate")

    # Dysplastic neutrophils (hypogranular, pseudo-Pelger) on a dose-dependent marrow toxin:
    # antimitotics such as colchicine, antimetabolites and the transplant drugs cause a
    # reversible dysgranulopoiesis, which the WHO criteria ask to exclude before dysplasia is
    # called myelodysplasia.
    # The same dysplasia is the toxin's footprint, and so evidence for it: the drug that
    # disorders granulocyte maturation is the likelier cause of the low counts beside it.
    @Rule(DrugExposure(mechanism="dose_dependent", shown=MATCH.shown, generic=MATCH.generic, cause=MATCH.cause,
                       drug_class=P(lambda c: c not in CHEMOTHERAPY_CLASSES),
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          Smear(dysplastic_neutrophils=True), CellLines(pattern=W()))
    def dysplastic_neutrophils_on_a_marrow_toxin(self, generic, cause, shown):
        self.evidence("myelodysplastic_syndrome", MODERATE_AGAINST,
                      f"Dysplastic neutrophils on {shown}, a marrow toxin that disorders "
                      "granulocyte maturation: drug-induced dysplasia is excluded (the drug "
                      "stopped, the film repeated) before it is called myelodysplasia.",
                      "who-haem-2022")
        self.evidence(cause, MODERATE_FOR,
                      f"Dysplastic neutrophils beside the low counts on {shown}: the "
                      "disordered maturation a marrow toxin brings (colchicine, antimetabolites, "
                      "mycophenolate, ganciclovir), which passes once the drug is stopped and "
                      "points to it as the cause of the fall.", "who-haem-2022")

    # Methotrexate with trimethoprim (co-trimoxazole) or pyrimethamine beside it: two blocks on
    # folate use, and trimethoprim slows methotrexate's excretion. Weighed moderately: the case
    # reports are many, but a prophylactic dose of co-trimoxazole was not a clear risk in a
    # matched cohort (Kwon 2018), so the combination raises methotrexate without settling it.
    @Rule(DrugExposure(cause=MATCH.cause, generic="methotrexate",
                       timing=P(lambda t: t in ("plausible", "unknown", "late", "remote"))),
          DrugExposure(generic=MATCH.partner
                       & P(lambda g: g in ANTIFOLATES_BESIDE_METHOTREXATE),
                       timing=P(lambda t: t not in ("after_onset", "stopped_long_ago"))),
          CellLines(pattern=W()))
    def methotrexate_with_an_antifolate_beside_it(self, cause, partner):
        self.evidence(cause, MODERATE_FOR,
                      f"Methotrexate with {partner} beside it: a second block on folate use that "
                      "also slows methotrexate's excretion, the interaction most often behind "
                      "methotrexate pancytopenia, even at low weekly doses.",
                      "bourre-tessier-2010")

    # Explaining away: several low lines on a dose-dependent marrow toxin still being taken
    # (an antimetabolite, azathioprine, zidovudine, ganciclovir) are the drug's doing until
    # it is stopped or its level checked; idiopathic aplastic anaemia comes after that.
    # Chemotherapy has its own nadir rules.
    @Rule(DrugExposure(mechanism="dose_dependent", stopped=False,
                       drug_class=P(lambda c: c not in CHEMOTHERAPY_CLASSES),
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          CellLines(pattern=SEVERAL_LINES))
    def several_low_lines_on_a_marrow_toxin_still_taken(self):
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "Several low lines on a dose-dependent marrow toxin still being taken are "
                      "the drug's doing until it is stopped or its level checked; idiopathic "
                      "aplastic anaemia is diagnosed once drugs are excluded.",
                      "killick-aa-2016")

    # The drugs with a recognised link to acquired aplastic anaemia (the sulfonamides, gold,
    # penicillamine, carbamazepine, phenytoin, felbamate, acetazolamide): the guideline asks
    # for every drug of the six months before the onset, because a pancytopenia on one of them
    # is weighed as the drug's marrow aplasia until it has been stopped and the marrow looked
    # at. Several lines low is their known reaction, so it counts for them, not only not
    # against them (Killick 2016, BSH).
    @Rule(DrugExposure(cause=MATCH.cause,
                       shown=MATCH.shown, generic=MATCH.generic & P(lambda g: g in DRUGS_THAT_LOWER_SEVERAL_LINES),
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          CellLines(pattern=SEVERAL_LINES))
    def several_low_lines_on_a_drug_known_to_cause_aplasia(self, cause, generic, shown):
        self.evidence(cause, MODERATE_FOR,
                      f"Several low lines on {shown}, one of the drugs with a recognised link to "
                      "acquired marrow aplasia: it is stopped and weighed as the cause before "
                      "the aplasia is called idiopathic.", "killick-aa-2016")

    # Explaining away: myelodysplasia is raised by cytopenias that are unexplained in later
    # life, and several low lines on a drug known to lower them (a drug linked to acquired
    # aplasia, or a dose-related marrow toxin still taken; not ciclosporin or tacrolimus,
    # which seldom lower the counts and are given for the marrow failures themselves) are not
    # yet unexplained: the guideline asks for the drug to be stopped and the count watched
    # before the marrow is blamed, so the drug weighs a little against myelodysplasia until
    # then.
    @Rule(OR(DrugExposure(generic=P(lambda g: g in DRUGS_THAT_LOWER_SEVERAL_LINES),
                          timing=P(lambda t: t in ("plausible", "unknown", "late"))),
             DrugExposure(mechanism="dose_dependent", stopped=False,
                          risk=P(lambda risk: risk in ("moderate", "high")),
                          drug_class=P(lambda c: c not in CHEMOTHERAPY_CLASSES),
                          timing=P(lambda t: t in ("plausible", "unknown", "late")))),
          CellLines(pattern=SEVERAL_LINES))
    def several_low_lines_on_a_drug_that_lowers_them_are_not_yet_unexplained(self):
        self.evidence("myelodysplastic_syndrome", WEAK_AGAINST,
                      "Several low lines on a drug known to lower them are not yet unexplained "
                      "cytopenias: myelodysplasia is weighed once the drug has been stopped "
                      "and the count has not recovered.", "killick-aa-2016")

    # Interferon alfa suppresses the marrow as a class effect, dose by dose: neutropenia and
    # thrombocytopenia are the commonest reasons its dose is lowered in hepatitis C and
    # melanoma treatment, and the red cells fall too (Fried 2002). Several lines low on it are
    # its expected effect before anything else is sought.
    @Rule(DrugExposure(cause="drug_interferon", stopped=False,
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          CellLines(pattern=SEVERAL_LINES))
    def several_low_lines_on_interferon(self):
        self.evidence("drug_interferon", MODERATE_FOR,
                      "Interferon alfa suppresses all three lines in proportion to the dose; "
                      "neutropenia and low platelets are the commonest reasons it is reduced, "
                      "so several low lines on it are its expected effect.", "fried-peg-2002")

    # Linezolid suppresses the marrow in proportion to the length of the course: after about
    # 10-14 days the platelets and red cells fall first, then the white cells, and all
    # recover within weeks of stopping. Several low lines on it then are its expected
    # toxicity, not an idiosyncratic surprise.
    @Rule(DrugExposure(cause=MATCH.cause, generic="linezolid",
                       started_weeks_ago=number(lambda weeks: 1.5 <= weeks < 2),
                       timing=P(lambda t: t in ("plausible", "late"))),
          OR(CellLines(pattern=SEVERAL_LINES), Cytopenia(line="thrombocytopenia")))
    def several_low_lines_after_ten_days_of_linezolid(self, cause):
        self.evidence(cause, MODERATE_FOR,
                      "Linezolid for 10 days or more suppresses the marrow in proportion to the "
                      "length of the course, the platelets and red cells first; the counts "
                      "recover within weeks of stopping it.", "gerson-2002")

    # The risk rises with the course: from two weeks on, thrombocytopenia and anaemia on it
    # are common rather than rare (Gerson 2002), so a course of two weeks or more weighs more.
    @Rule(DrugExposure(cause=MATCH.cause, generic="linezolid",
                       started_weeks_ago=number(lambda weeks: weeks >= 2),
                       timing=P(lambda t: t in ("plausible", "late"))),
          OR(CellLines(pattern=SEVERAL_LINES), Cytopenia(line="thrombocytopenia")))
    def several_low_lines_after_two_weeks_of_linezolid(self, cause):
        self.evidence(cause, STRONG_FOR,
                      "Linezolid for two weeks or more suppresses the marrow commonly, in "
                      "proportion to the length of the course, the platelets and red cells "
                      "first; the counts recover within weeks of stopping it.", "gerson-2002")

    @Rule(DrugExposure(cause=MATCH.cause,
                       shown=MATCH.shown, generic=MATCH.generic & P(lambda g: g in RENALLY_CLEARED_MARROW_TOXINS),
                       timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          KIDNEY_IMPAIRED, CellLines(pattern=W()))
    def renally_cleared_marrow_toxin_with_renal_impairment(self, cause, generic, shown):
        self.evidence(cause, MODERATE_FOR,
                      f"{_capital(shown)} is cleared by the kidneys: with renal "
                      "impairment it accumulates unless the dose is reduced, the commonest "
                      "setting of its marrow toxicity.", "gutierrez-urena-1996")

    @Rule(DrugExposure(generic=P(lambda g: g in RENALLY_CLEARED_MARROW_TOXINS),
                       timing=P(lambda t: t != "after_onset")),
          CellLines(pattern=W()), NOT(Labs(creatinine=W())))
    def ask_about_kidney_function_on_a_renally_cleared_toxin(self):
        self.ask("renal_impairment", FOLLOW_UP + 8,
                 "This drug accumulates when the kidneys are impaired, the commonest setting "
                 "of its marrow toxicity.")

    @Rule(AS.exposure << DrugExposure(cause=MATCH.cause, shown=MATCH.shown, generic=MATCH.generic,
                                      mechanism="dose_dependent",
                                      timing=P(lambda t: t != "after_onset")),
          Medication(generic=MATCH.generic, dose_change="increased",
                     dose_changed_weeks_ago=number(lambda w: w <= DOSE_CHANGE_WEEKS)
                     & MATCH.weeks),
          CellLines(pattern=W()))
    def dose_raised_before_the_count_fell(self, exposure, cause, generic, weeks, shown):
        self.evidence(cause, MODERATE_FOR,
                      f"The dose of {shown} was raised {weeks_in_words(weeks)} ago: a dose-related "
                      "marrow toxicity follows the dose.", "hematology-texts")

    # An overdose of a dose-related marrow toxin (colchicine, methotrexate, an antimetabolite)
    # is followed by marrow failure within days: colchicine's on days 2-5, with recovery and a
    # rebound from about a week (Finkelstein 2010). An idiosyncratic drug taken in overdose
    # (clozapine, an antithyroid drug) has no such effect, so only the dose-related ones count.
    @Rule(DrugExposure(cause=MATCH.cause, shown=MATCH.shown, generic=MATCH.generic, mechanism="dose_dependent",
                       timing=P(lambda t: t != "after_onset")),
          Medication(generic=MATCH.generic, dose_change="overdose"),
          NOT(Medication(generic=MATCH.generic, dose_change="overdose",
                         dose_changed_weeks_ago=above(OVERDOSE_WEEKS))),
          CellLines(pattern=W()))
    def low_count_days_after_an_overdose_of_a_marrow_toxin(self, cause, generic, shown):
        self.evidence(cause, VERY_STRONG_FOR,
                      f"An overdose of {shown}, a dose-related marrow toxin: the marrow fails "
                      "within days of a toxic dose (colchicine on days 2-5) and recovers over "
                      "the following one to two weeks.", "finkelstein-2010")

    # A drug for HIV whose name is not given is taken as today's first-line regimens, which do
    # not lower the count (drugs.yaml, indications). Large red cells with a low neutrophil
    # count or anaemia on it are another matter: that is zidovudine's signature (it enlarges
    # the red cells in nearly everyone who takes it, and its marrow toxicity lowers the
    # haemoglobin and the neutrophils together), so the picture, not the indication, counts
    # for the marrow-toxic antiviral.
    @Rule(Medication(indication="hiv", stopped=False), Labs(mcv=above(100)),
          OR(Neutrophils(status="absolute_neutropenia"), Cytopenia(line="anemia")),
          CellLines(pattern=W()))
    def large_red_cells_and_low_counts_on_an_unnamed_drug_for_hiv(self):
        self.evidence("drug_antiviral", MODERATE_FOR,
                      "Large red cells with a low neutrophil count or anaemia on a drug for HIV "
                      "whose name is not given: the picture of zidovudine, the antiretroviral "
                      "that enlarges the red cells and suppresses the marrow; ask which drugs "
                      "the regimen holds.", "richman-1987")

    # ---- agranulocytosis on a suspect drug: what to do ----------------------------------
    # A severe neutropenia on a drug known for idiosyncratic agranulocytosis, still being
    # taken: the drug is stopped at once and not given again (for thionamides, no other
    # thionamide either). Clozapine and the antithyroid drugs are stopped from a moderate
    # neutropenia on (the monitoring schemes' thresholds).
    @Rule(DrugExposure(mechanism="idiosyncratic", stopped=False, shown=MATCH.shown, generic=MATCH.generic,
                       cause=MATCH.cause, timing=P(lambda t: t in ("plausible", "unknown", "late"))),
          OR(Neutrophils(grade="severe", anc=MATCH.anc),
             AND(Neutrophils(grade="moderate", anc=MATCH.anc),
                 DrugExposure(generic=MATCH.generic,
                              cause=P(lambda c: c in AGRANULOCYTOSIS_CAUSES)))))
    def agranulocytosis_on_a_drug_still_taken(self, generic, cause, anc, shown):
        anc_text = f"an ANC of {anc:,.0f}/µL" if isinstance(anc, (int, float)) and \
            not isinstance(anc, bool) else "this neutrophil count"
        self.pitfall("suspect_drug_agranulocytosis",
                     f"{_capital(shown)} is still being taken with {anc_text}: stop it "
                     "now and do not give it again.")

    # The temperature is what decides the next hour (neutropenic fever): said only while it
    # is not known; once it is, the fever or its absence has its own message.
    @Rule(Pitfall(pitfall="suspect_drug_agranulocytosis",
                  rule="agranulocytosis_on_a_drug_still_taken"),
          NOT(Fever()))
    def agranulocytosis_on_a_drug_without_a_known_temperature(self):
        self.pitfall("suspect_drug_agranulocytosis",
                     "Check the temperature now: fever with this count is neutropenic fever "
                     "and needs cultures and broad-spectrum antibiotics at once.")

    @Rule(DrugExposure(cause=MATCH.cause & P(lambda c: c in AGRANULOCYTOSIS_CAUSES)),
          Findings(sore_throat_or_mouth_ulcers="yes"))
    def sore_throat_on_clozapine_or_an_antithyroid_drug(self, cause):
        self.evidence(cause, WEAK_FOR,
                      "Sore throat and mouth ulcers are the usual first symptoms of "
                      "agranulocytosis on this drug.", "hematology-texts")

    # ---- a second drug that makes a marrow toxin more toxic ----------------------------
    # Trimethoprim blocks the same folate enzyme as methotrexate (dihydrofolate reductase) and
    # slows its excretion by the kidney: together they cause pancytopenia and mucositis even
    # at low weekly doses of methotrexate (a prophylactic dose of co-trimoxazole was not linked
    # to cytopenia in one cohort). Allopurinol and febuxostat block xanthine oxidase, which
    # breaks down mercaptopurine (azathioprine's product), so the thiopurine's active
    # metabolites rise several-fold: the labels cut the thiopurine to a third or a quarter with
    # allopurinol and forbid febuxostat with it (marrow-toxin-interactions).
    @Rule(Medication(generic="methotrexate"),
          Medication(generic=MATCH.partner & P(lambda g: g in TRIMETHOPRIM_DRUGS)),
          DrugExposure(generic="methotrexate", cause=MATCH.cause,
                       timing=P(lambda t: t != "after_onset")),
          CellLines(pattern=W()))
    def methotrexate_taken_with_trimethoprim(self, partner, cause):
        self.evidence(cause, MODERATE_FOR,
                      f"Methotrexate with {partner}: trimethoprim blocks the same folate enzyme "
                      "and slows methotrexate's excretion, so the pair lowers the count far more "
                      "than methotrexate alone.", "marrow-toxin-interactions")
        self.pitfall("marrow_toxin_made_worse_by_a_second_drug",
                     f"Methotrexate with {partner}: stop both, give folinic acid (leucovorin), "
                     "and check the kidney function and a methotrexate level.")

    # Colchicine is cleared through CYP3A4 and P-glycoprotein: a drug that blocks either
    # (clarithromycin the best documented, also the azoles, ritonavir, ciclosporin, verapamil,
    # diltiazem) lets an ordinary dose build up to a poisoning, with marrow failure after the
    # gut symptoms; deaths cluster where the kidneys are impaired as well (Hung 2005).
    @Rule(Medication(generic="colchicine"),
          Medication(generic=MATCH.partner & P(lambda g: g in COLCHICINE_CLEARANCE_BLOCKERS)),
          DrugExposure(generic="colchicine", cause=MATCH.cause,
                       timing=P(lambda t: t != "after_onset")),
          DrugExposure(generic=MATCH.partner, timing=P(lambda t: t != "after_onset")),
          CellLines(pattern=W()))
    def colchicine_taken_with_a_drug_that_blocks_its_clearance(self, partner, cause):
        self.evidence(cause, STRONG_FOR,
                      f"Colchicine with {partner}, which blocks the CYP3A4 or P-glycoprotein "
                      "route that clears it: an ordinary dose builds up to a poisoning, and "
                      "the marrow fails after the gut symptoms.", "hung-colchicine-2005")
        self.pitfall("marrow_toxin_made_worse_by_a_second_drug",
                     f"Colchicine with {partner}: stop colchicine now, check the kidney and "
                     "liver function and the creatine kinase, and do not restart the pair.")

    # Methotrexate's toxicity shows first in fast-dividing tissue: mouth ulcers (stomatitis,
    # mucositis) come with or before its marrow suppression, and the label makes ulcerative
    # stomatitis a reason to stop the drug. Beside a low count on methotrexate they point to
    # the drug (an overdose, daily instead of weekly dosing, failing kidneys) rather than to a
    # disease that happens to lower the count.
    @Rule(DrugExposure(generic="methotrexate", cause=MATCH.cause,
                       timing=P(lambda t: t != "after_onset")),
          Findings(sore_throat_or_mouth_ulcers="yes"), CellLines(pattern=W()))
    def mouth_ulcers_with_a_low_count_on_methotrexate(self, cause):
        self.evidence(cause, MODERATE_FOR,
                      "Mouth ulcers with a low count on methotrexate: mucositis is the other "
                      "face of its toxicity, so the drug, not a new disease, is the likeliest "
                      "cause; stop it, give folinic acid and check the kidneys.",
                      "methotrexate-label")

    @Rule(DrugExposure(generic="methotrexate", timing=P(lambda t: t != "after_onset")),
          CellLines(pattern=W()))
    def ask_about_mouth_ulcers_on_methotrexate(self):
        self.ask("sore_throat_or_mouth_ulcers", FOLLOW_UP,
                 "Mouth ulcers on methotrexate are its mucosal toxicity, which comes with or "
                 "before the marrow's.")

    @Rule(Medication(generic=MATCH.thiopurine & P(lambda g: g in THIOPURINES)),
          Medication(generic=MATCH.partner & P(lambda g: g in XANTHINE_OXIDASE_INHIBITORS)),
          DrugExposure(generic=MATCH.thiopurine, cause=MATCH.cause,
                       timing=P(lambda t: t != "after_onset")),
          CellLines(pattern=W()))
    def thiopurine_taken_with_a_xanthine_oxidase_inhibitor(self, thiopurine, partner, cause):
        self.evidence(cause, MODERATE_FOR,
                      f"{thiopurine.capitalize()} with {partner}: blocking xanthine oxidase "
                      "stops the breakdown of mercaptopurine, and the thiopurine's active "
                      "metabolites rise several-fold.", "marrow-toxin-interactions")
        self.pitfall("marrow_toxin_made_worse_by_a_second_drug",
                     f"{thiopurine.capitalize()} with {partner}: stop the thiopurine now. Given "
                     "together on purpose, the thiopurine needs a dose cut to a third or a "
                     "quarter with allopurinol; febuxostat is not to be combined with it.")

    # Clozapine beside a second drug with a substantial agranulocytosis or marrow risk (one of
    # high agranulocytosis risk, one linked to marrow aplasia such as co-trimoxazole or
    # carbamazepine, or a dose-related marrow toxin): the clozapine labels forbid the pair,
    # since the two risks add and each can hide the other's fall. A count that falls after
    # such a drug is added to long-standing clozapine is weighed for both, the added drug even
    # when it was started only days before (co-trimoxazole and the marrow toxins act at any
    # time), and the pair is named for stopping.
    @Rule(DrugExposure(cause="drug_clozapine", timing=~P(lambda t: t in TIMED_OUT)),
          DrugExposure(generic=MATCH.partner, cause=MATCH.cause & ~L("drug_clozapine"),
                       timing=~P(lambda t: t in TIMED_OUT), risk=MATCH.risk,
                       mechanism=MATCH.mechanism),
          CellLines(pattern=W()))
    def clozapine_taken_with_a_second_drug_that_can_empty_the_marrow(self, partner, cause, risk,
                                                                     mechanism):
        if not (risk == "high" or mechanism == "dose_dependent"
                or partner in DRUGS_THAT_LOWER_SEVERAL_LINES):
            return
        self.evidence(cause, MODERATE_FOR,
                      f"{partner.capitalize()} added to clozapine: the clozapine labels forbid a "
                      "second drug of substantial agranulocytosis or marrow risk beside it, as "
                      "the risks add; the fall may be either drug's or the pair's.",
                      "clozapine-smpc")
        self.evidence("drug_clozapine", MODERATE_FOR,
                      f"Clozapine with {partner}, a drug of substantial agranulocytosis or marrow "
                      "risk: the labels forbid the pair, as the two risks add.", "clozapine-smpc")
        self.pitfall("marrow_toxin_made_worse_by_a_second_drug",
                     f"Clozapine with {partner}: stop {partner} and check the neutrophils daily; "
                     "by the clozapine monitoring thresholds, stop clozapine too if the ANC "
                     "falls below them.")

    # Levamisole in street cocaine raises autoantibodies of its own (ANCA in most, ANA and
    # antiphospholipid antibodies often, anti-dsDNA at times) beside the leucopenia, arthralgia
    # and purpura: in a current user a lupus-like serology has a likelier explanation, and the
    # 2019 lupus criteria count an item only where there is none.
    @Rule(DrugExposure(generic=P(lambda g: g in RECURRING_EXPOSURE_DRUGS), stopped=False,
                       timing=~P(lambda t: t in TIMED_OUT)),
          Findings(antinuclear_antibodies="positive"), CellLines(pattern=W()))
    def lupus_serology_in_a_current_user_of_levamisole_cut_cocaine(self):
        self.evidence("systemic_lupus_erythematosus", MODERATE_AGAINST,
                      "A positive ANA in a current cocaine user: levamisole, the usual "
                      "adulterant, itself raises ANA, ANCA and antiphospholipid antibodies with a "
                      "low white count and joint pains, so lupus is counted only once cocaine "
                      "is excluded as the explanation.", "larocque-2012")

    # ---- chemotherapy and radiotherapy -------------------------------------------------

    @Rule(OR(Findings(recent_chemotherapy="yes"), Medication(chemotherapy=True)),
          NOT(Medication(chemotherapy=True, days_since_last_dose=W())))
    def ask_when_chemotherapy_was_given(self):
        self.ask("days_since_chemotherapy", FOLLOW_UP + 20,
                 "The count is expected to be lowest 7-14 days after a cycle; outside that "
                 "window chemotherapy explains less.")

    @Rule(Findings(recent_chemotherapy="yes"), CellLines(pattern=W()),
          NOT(Medication(chemotherapy=True)))
    def recent_chemotherapy_reported(self):
        self.evidence("chemotherapy_myelosuppression", STRONG_FOR,
                      "Cytotoxic chemotherapy in the last two months predictably suppresses "
                      "the marrow in proportion to the dose.", "seed-001")

    @Rule(OR(Findings(days_since_chemotherapy=number(lambda d: 5 <= d <= 21)),
             Medication(chemotherapy=True, days_since_last_dose=number(lambda d: 5 <= d <= 21))),
          CellLines(pattern=W()))
    def count_falls_in_the_chemotherapy_nadir(self):
        self.evidence("chemotherapy_myelosuppression", VERY_STRONG_FOR,
                      "The count was taken in the nadir window, 1-3 weeks after a cycle, "
                      "exactly when chemotherapy suppression is expected.", "seed-001")
        self.settle("chemotherapy_myelosuppression",
                    "A low count 1-3 weeks after a cycle is the expected nadir: what is left "
                    "to ask is what must not be missed (sepsis, the cancer in the marrow), "
                    "not the order of the causes behind it.", "seed-001")

    @Rule(OR(Findings(days_since_chemotherapy=number(lambda d: 5 <= d <= 21)),
             Medication(chemotherapy=True, days_since_last_dose=number(lambda d: 5 <= d <= 21))),
          CellLines(pattern=SEVERAL_LINES))
    def several_lines_low_in_the_chemotherapy_nadir(self):
        self.evidence("aplastic_anemia", MODERATE_AGAINST,
                      "Several low lines in the nadir window are what chemotherapy does; an "
                      "idiopathic empty marrow is not needed to explain them.", "seed-001")

    @Rule(OR(AND(Findings(days_since_chemotherapy=above(42)),
                 NOT(Medication(chemotherapy=True,
                                days_since_last_dose=number(lambda d: d <= 42)))),
             AND(Medication(chemotherapy=True, days_since_last_dose=above(42)),
                 NOT(Medication(chemotherapy=True,
                                days_since_last_dose=number(lambda d: d <= 42))),
                 NOT(Findings(days_since_chemotherapy=number(lambda d: d <= 42))))),
          CellLines(pattern=W()))
    def count_still_low_long_after_chemotherapy(self):
        self.evidence("chemotherapy_myelosuppression", MODERATE_AGAINST,
                      "More than six weeks after the last cycle the marrow has usually "
                      "recovered; a persisting low count needs another explanation.", "seed-001")

    @Rule(Findings(radiation_therapy="yes"), CellLines(pattern=W()))
    def radiotherapy_to_the_marrow(self):
        self.evidence("radiation_marrow_suppression", VERY_STRONG_FOR,
                      "Recent radiotherapy to large areas of marrow kills dividing blood-forming "
                      "cells.", "seed-001")

    # Each treatment is ruled out by its own answer: a patient may have had one and not the other.
    @Rule(Findings(recent_chemotherapy="no"), NOT(Medication(chemotherapy=True)))
    def no_chemotherapy_given(self):
        self.evidence("chemotherapy_myelosuppression", RULES_OUT,
                      "No chemotherapy was given, so it cannot explain the count.", "seed-001")

    @Rule(Findings(radiation_therapy="no"))
    def no_radiotherapy_given(self):
        self.evidence("radiation_marrow_suppression", RULES_OUT,
                      "No radiotherapy was given, so it cannot explain the count.", "seed-001")

    @Rule(DrugExposure(stopped=True))
    def ask_whether_the_count_recovered(self):
        self.ask("count_recovered_after_stopping", FOLLOW_UP + 10,
                 "Recovery after stopping a suspect drug confirms it; no recovery points "
                 "elsewhere, often to the marrow.")

    # A suspect drug the case does not mark as stopped may still have been stopped (the
    # notes say the count came back off it): the recovery is weighed then too
    # (count_recovered_after_an_unnamed_suspect_drug_was_stopped), so it is asked.
    @Rule(DrugExposure(timing=P(lambda t: t in ("plausible", "unknown", "late", "remote")),
                       cause=P(lambda cause: cause != "chemotherapy_myelosuppression")),
          NOT(DrugExposure(stopped=True)))
    def ask_whether_the_count_recovered_off_a_suspect_drug(self):
        self.ask("count_recovered_after_stopping", DETAIL + 6,
                 "If a suspect drug was stopped, a count that recovered confirms it; one that "
                 "did not points elsewhere.")

    # A drug off the lists started within the weeks a drug reaction takes is weighed by
    # whether the count recovered once it was stopped (and whether it fell again when given
    # again) when no listed drug's timing fits
    # (drug_without_an_established_link_whose_timing_and_withdrawal_fit): asked there, as a
    # listed suspect drug's recovery is
    @Rule(Medication(drug_class=UNLINKED_DRUG_CLASS,
                     started_weeks_ago=number(lambda w: UNLINKED_DRUG_WINDOW_WEEKS[0] <= w
                                              <= UNLINKED_DRUG_WINDOW_WEEKS[1])),
          NOT(DrugExposure(timing=P(lambda t: t in FITTING_TIMINGS))),
          CellLines(pattern=W()))
    def ask_whether_the_count_recovered_off_a_drug_without_an_established_link(self):
        self.ask("count_recovered_after_stopping", DETAIL + 6,
                 "A drug not on the lists, started in the weeks before the fall, becomes a "
                 "possible cause if the count recovered once it was stopped.")

    @Rule(DrugExposure(timing=~P(lambda t: t == "after_onset")))
    def ask_when_the_count_fell(self):
        self.ask("low_count_first_noted_weeks_ago", FOLLOW_UP + 5,
                 "A drug can only be blamed if it was started before the count fell.")

    @Rule(DrugExposure(cause=P(lambda c: c in AGRANULOCYTOSIS_CAUSES)))
    def ask_about_agranulocytosis_symptoms(self):
        self.ask("sore_throat_or_mouth_ulcers", FOLLOW_UP,
                 "Sore throat and mouth ulcers are the warning symptoms of agranulocytosis "
                 "on this drug.")


def _last_dose_weeks(medication) -> float:
    """Weeks since the last dose (-1 when not known): the date it was stopped, or the days
    since the last dose."""
    if medication.get("stopped_weeks_ago") is not None:
        return medication["stopped_weeks_ago"]
    days = medication.get("days_since_last_dose")
    return round(days / 7, 1) if days is not None else -1


def _number(value) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _capital(text: str) -> str:
    """The first letter in capitals and the rest as written ("The drug for Graves' ...")."""
    return text[:1].upper() + text[1:]


def _inferred_because(indication, inference: str | None) -> str:
    """What an exposure's evidence adds when the case gives only what the drug is for: why
    the indication points to that drug, and that a likely inference weighs a step lower."""
    if indication is None or not inference:
        return ""
    weaker = ", so weighed one step weaker than the drug named" if inference == "likely" else ""
    return f"; {indication.rationale}{weaker}"
