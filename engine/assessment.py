"""Assess one case: run the rules, score the evidence, and gather the pitfalls, the open
questions and the trace into a ``Result``. The entry point for every use."""

from __future__ import annotations

from operator import attrgetter, itemgetter

from rules.catalogue import Catalogue, NextStep, load_catalogue
from rules.derived_findings import with_implied_answers
from rules.facts import (
    CD4Count,
    CellLines,
    Cytopenia,
    Lymphocytes,
    Lymphopenia,
    Neutrophils,
    WhiteCount,
)
from rules.quantities import is_number

from .cases import Case, Expected
from .inference import RawConclusions, Reasoner, rule_patterns, run_rules
from .result import (
    BloodCountReading,
    Firing,
    Hit,
    NextStepAdvice,
    PitfallAlert,
    QuestionStatus,
    RankedCause,
    Result,
    SettledDiagnosis,
    SourceRef,
)
from .scoring import rank_causes

NO_DRUG_NAMED = "the suspect drug"

INDICATOR_ORDER = {"critical": 0, "warning": 1, "info": 2}
_MADE_LIMIT = 50_000  # question statuses kept for reuse
_DECLARED = itemgetter("__factid__")  # a declared fact's number, in declaration order
_UNPLANNED = object()  # a fact class the trace has not yet met in a rule's firing


_QUESTION_PRIORITY = attrgetter("priority")
_ASK_FIELDS = itemgetter("question", "priority", "rule", "reason")


class Assessor:
    """Owns one reasoner (reused for every case) and the catalogue."""

    def __init__(self, catalogue: Catalogue | None = None):
        self.catalogue = catalogue or load_catalogue()
        self.reasoner = Reasoner()
        # per rule, the fields its conditions name for each fact class (by class name; a
        # class named twice keeps its last pattern's fields)
        self._fields = {rule._wrapped.__name__: dict(rule_patterns(rule))
                        for rule in self.reasoner.get_rules()}
        self._made_questions: dict[tuple, QuestionStatus] = {}
        self._made_advice: dict[tuple, tuple] = {}
        self._made_firings: dict[tuple, Firing] = {}
        # per rule, the fields the trace shows for each fact class it met (see _trace_fields)
        self._trace_plans: dict[str, dict[type, tuple[str, ...] | None]] = {}

    def assess(self, case: Case, with_trace: bool = True) -> Result:
        """Run the rules on ``case`` and gather the result. ``with_trace=False`` leaves the
        firing-by-firing trace empty (batch output that does not show it need not pay for
        describing every matched fact)."""
        raw = run_rules(self.reasoner, case)
        ranking, opposed = rank_causes(raw.evidence, self.catalogue,
                                       self._advice_for(case))
        pitfalls = self._pitfalls(raw)
        result = Result(
            case_id=case.id, file=case.file, ranking=ranking, pitfalls=pitfalls,
            reading=_reading(raw, ranked=bool(ranking)), questions=self.question_status(raw, case),
            trace=self._trace(raw.firings) if with_trace else (),
            warnings=case.warnings, opposed=opposed, settled=_settled(raw))
        if case.expected is not None:
            result.hit = compare(result, case.expected)
        return result

    def _advice_for(self, case: Case):
        return advice_for(case, self.catalogue, self._made_advice)

    def question_status(self, raw: RawConclusions, case: Case) -> tuple[QuestionStatus, ...]:
        """Every question some rule wants answered, highest priority first, each marked
        answered, unknown (the case says "unknown") or open (the case is silent)."""
        wanted: dict[str, list[tuple]] = {}
        for question_id, priority, rule, reason in map(_ASK_FIELDS, raw.asks):
            wanted.setdefault(question_id, []).append((-priority, rule, reason))
        questions = []
        made = self._made_questions
        implied = with_implied_answers(case.findings)
        # by id (the ids are unique), so that one stable sort by priority puts them in order
        for question_id in sorted(wanted):
            asks = wanted[question_id]
            question = self.catalogue.questions[question_id]
            # a finding's answer (most questions) is the implied answers' entry, which is
            # what ``Case.answer_for`` returns for it; any other section asks the case
            answer = implied.get(question_id) if question.section == "findings" \
                else case.answer_for(question_id, question.section, implied)
            status = "open" if answer is None else "unknown" if answer == "unknown" \
                else "answered"
            # the same rules ask the same questions in case after case: each status is
            # built once and shared (they are immutable)
            key = (question_id, status, *asks)
            made_before = made.get(key)
            if made_before is None:
                asks.sort()
                made_before = QuestionStatus(
                    id=question_id, text=question.text, priority=-asks[0][0],
                    asked_by=tuple(dict.fromkeys(rule for _, rule, _ in asks)),
                    reasons=tuple(dict.fromkeys(reason for _, _, reason in asks)),
                    status=status)
                if len(made) < _MADE_LIMIT:
                    made[key] = made_before
            questions.append(made_before)
        # highest priority first, then by id: made in id order, then (a stable sort,
        # stable in reverse too) by priority, descending
        questions.sort(key=_QUESTION_PRIORITY, reverse=True)
        return tuple(questions)

    def _pitfalls(self, raw: RawConclusions) -> tuple[PitfallAlert, ...]:
        merged: dict[str, tuple[list[str], str]] = {}
        for fact in raw.pitfalls:
            details, rule = merged.setdefault(fact["pitfall"], ([], fact["rule"]))
            if fact["detail"] and fact["detail"] not in details:
                details.append(fact["detail"])
        alerts = []
        for pitfall_id, (details, rule) in merged.items():
            entry = self.catalogue.pitfalls[pitfall_id]
            source = self.catalogue.sources[entry.source]
            detail = " ".join([*details, entry.detail]) if details else entry.detail
            alerts.append(PitfallAlert(
                id=pitfall_id, indicator=entry.indicator, summary=entry.summary, detail=detail,
                source=SourceRef(label=source.label, url=source.url), source_id=entry.source,
                rule=rule))
        alerts.sort(key=lambda a: (INDICATOR_ORDER[a.indicator], a.id))
        return tuple(alerts)

    def _trace_fields(self, rule: str, kind: type) -> tuple[str, ...] | None:
        """The fields by which the trace describes a fact of class ``kind`` that ``rule``
        matched (those its conditions name for the class); None for the initial fact,
        which is described by nothing."""
        name = kind.__name__
        if name == "InitialFact":
            return None
        return (self._fields.get(rule) or {}).get(name) or ()

    def _trace(self, firings) -> tuple[Firing, ...]:
        """Each firing with the facts it matched, described by the fields its rule's
        conditions name. Rules share facts (the one wide Findings fact, the Patient), so
        each fact's description for a set of fields is made once per case."""
        described: dict[tuple, str] = {}  # (id of the fact, fields) -> its description
        plans = self._trace_plans
        made = self._made_firings
        trace = []
        append = trace.append
        for rule, facts in firings:
            plan = plans.get(rule)
            if plan is None:
                plan = plans[rule] = {}
            if len(facts) > 1:
                # in the order the facts were declared: a set's order follows the facts'
                # hashes, which change from process to process (text hashes are seeded)
                if len(facts) == 2:  # (most of them) two numbers compared, not sorted
                    first, second = facts
                    if first["__factid__"] > second["__factid__"]:
                        first, second = second, first
                    facts = (first, second)
                else:
                    facts = sorted(facts, key=_DECLARED)
            shown = []
            for fact in facts:
                kind = type(fact)
                fields = plan.get(kind, _UNPLANNED)
                if fields is _UNPLANNED:
                    fields = plan[kind] = self._trace_fields(rule, kind)
                if fields is None:  # the initial fact: described by nothing
                    continue
                key = (id(fact), fields)
                text = described.get(key)
                if text is None:
                    text = described[key] = kind.__name__ + "(" + ", ".join(
                        [f"{k}={fact[k]}" for k in fields if k in fact]) + ")"
                shown.append(text)
            key = (rule, tuple(shown))
            firing = made.get(key)
            if firing is None:  # the same firing recurs in case after case: built once
                firing = Firing(rule, key[1])
                if len(made) < _MADE_LIMIT:
                    made[key] = firing
            append(firing)
        return tuple(trace)


def _reading(raw: RawConclusions, ranked: bool = False) -> BloodCountReading:
    values: dict = {}
    cytopenias = []
    counted = False
    for fact in raw.derived:
        if isinstance(fact, Neutrophils):
            anc = fact["anc"]
            values.update(anc=anc if is_number(anc) else None,
                          anc_stated=None if is_number(anc) else str(anc),
                          anc_source=fact["anc_source"],
                          neutrophil_status=fact["status"], grade=fact["grade"],
                          anc_lower_limit=fact["lower_limit"],
                          agranulocytosis=fact["agranulocytosis"])
        elif isinstance(fact, WhiteCount):
            values.update(white_count_status=fact["status"],
                          white_count_range=fact["range_label"])
        elif isinstance(fact, Lymphocytes):
            alc = fact["alc"]
            values.update(lymphocyte_status=fact["status"], alc=alc if is_number(alc) else None,
                          alc_stated=None if is_number(alc) else str(alc))
        elif isinstance(fact, Cytopenia):
            cytopenias.append(fact["line"])
        elif isinstance(fact, CellLines):
            values["cell_line_pattern"] = fact["pattern"]
        elif isinstance(fact, Lymphopenia):
            values["lymphopenia"] = fact["shown"]
        elif isinstance(fact, CD4Count):
            counted = True
    counted = counted or any(key in values for key in (
        "white_count_status", "neutrophil_status", "lymphocyte_status"))
    # said only when nothing is ranked: a cause may still be raised without a low white
    # count (CLL behind a high one, myeloma behind anaemia)
    if counted and not ranked and "cell_line_pattern" not in values \
            and "lymphopenia" not in values:
        values["scope_note"] = _not_low_note(
            cytopenias, values.get("white_count_status") == "high"
            or values.get("lymphocyte_status") == "lymphocytosis")
    return BloodCountReading(cytopenias=tuple(sorted(cytopenias)), **values)


def _drugs_in_interactions(case: Case, catalogue: Catalogue) -> tuple[str, ...]:
    """The case's drugs (generic names, in order, once each) that belong to a pair with steps
    of its own (next_steps.yaml, interactions)."""
    pairs = catalogue.interaction_steps
    if not pairs or not case.medications:
        return ()
    found: list[str] = []
    for entry in case.medications:
        generic = getattr(entry, "generic", None)
        if generic and generic not in found and any(
                generic in pair.toxins or generic in pair.partners for pair in pairs):
            found.append(generic)
    return tuple(found)


# a test finding's answers that are a normal result and an abnormal one
NORMAL_ANSWERS, ABNORMAL_ANSWERS = ("negative", "no"), ("positive", "yes")


def _results_for_steps(case: Case, catalogue: Catalogue
                       ) -> tuple[frozenset[str], frozenset[str]]:
    """The labs and test findings some next step depends on that the case already gives as
    normal (the word ``normal``, a number inside the lab's reference range; a finding
    negative or no) and as abnormal (``low`` or ``high``, a number outside the range; a
    finding positive or yes)."""
    normal, abnormal = set(), set()
    for key in catalogue.labs_ordered_by_steps:
        if key not in catalogue.labs:
            value = case.findings.get(key)
            if value in NORMAL_ANSWERS:
                normal.add(key)
            elif value in ABNORMAL_ANSWERS:
                abnormal.add(key)
            continue
        value = case.labs.get(key)
        if value is None:
            continue
        if value == "normal":
            normal.add(key)
            continue
        if value in ("low", "high"):
            abnormal.add(key)
            continue
        reference = catalogue.labs[key].normal
        if reference and is_number(value):
            (normal if reference[0] <= value <= reference[1] else abnormal).add(key)
    return frozenset(normal), frozenset(abnormal)


def _drugs_by_cause(case: Case, catalogue: Catalogue) -> dict[str, list[str]]:
    """The case's drugs (generic names, in order, once each) for each cause their class
    belongs to."""
    by_cause: dict[str, list[str]] = {}
    classes = catalogue.drug_classes
    for entry in case.medications or ():
        drug_class = classes.get(getattr(entry, "drug_class", None) or "")
        # an entry that gives only what the drug is for is named by it
        generic = getattr(entry, "in_a_sentence", None) or getattr(entry, "generic", None)
        if drug_class is not None and drug_class.cause and generic:
            names = by_cause.setdefault(drug_class.cause, [])
            if generic not in names:
                names.append(generic)
    return by_cause


def advise(ranking: tuple[RankedCause, ...], case: Case, catalogue: Catalogue,
           made: dict | None = None) -> tuple[RankedCause, ...]:
    """Each ranked cause with its next steps; a drug cause is named after the case's drugs
    of its class ("Methotrexate — Immunosuppressant marrow suppression"), which its steps
    name too. ``made``: a cache, kept for one catalogue, of each cause's name and steps for
    the drugs named (the same in case after case; the steps are immutable and shared).
    ``Assessor.assess`` gives the same advice while ranking (``rank_causes(advice=...)``)."""
    advice = advice_for(case, catalogue, made)
    advised = []
    for cause in ranking:
        name, steps, drugs = advice(cause.cause, cause.name)
        # dataclasses.replace, without its per-field introspection
        advised.append(RankedCause(**{**vars(cause), "name": name, "next_steps": steps,
                                      "drugs": drugs}))
    return tuple(advised)


def advice_for(case: Case, catalogue: Catalogue, made: dict | None = None):
    """``advice(cause_id, name) -> (name, next_steps, drugs)`` for the ranked causes of
    ``case`` (see ``advise``)."""
    if made is None:
        made = {}
    by_cause = _drugs_by_cause(case, catalogue)
    # what else in the case changes a cause's steps: the drugs of an interacting pair, and
    # the labs some step would order that the case already gives as normal
    paired = _drugs_in_interactions(case, catalogue)
    normal, abnormal = _results_for_steps(case, catalogue)

    def advice(cause_id: str, name: str) -> tuple:
        drugs = tuple(by_cause.get(cause_id, ()))
        key = (cause_id, name, drugs, paired, normal, abnormal)
        found = made.get(key)
        if found is None:
            found = (*_name_and_steps(cause_id, name, drugs, catalogue, paired, normal,
                                      abnormal), drugs)
            if len(made) < _MADE_LIMIT:
                made[key] = found
        return found
    return advice


def _name_and_steps(cause_id: str, name: str, drugs: tuple[str, ...], catalogue: Catalogue,
                    paired: tuple[str, ...] = (), normal: frozenset[str] = frozenset(),
                    abnormal: frozenset[str] = frozenset()
                    ) -> tuple[str, tuple[NextStepAdvice, ...]]:
    named = " and ".join(drugs) if drugs else NO_DRUG_NAMED
    steps = tuple(next_step_advice(step, catalogue, named)
                  for step in catalogue.steps_for(cause_id, drugs, paired, normal, abnormal))
    general = name.split(" (")[0]  # the class without its list of examples
    if drugs and not any(drug.lower() in general.lower() for drug in drugs):
        name = f"{named[0].upper()}{named[1:]} — {general}"
    return name, steps


def next_step_advice(step: NextStep, catalogue: Catalogue, drug: str = NO_DRUG_NAMED
                     ) -> NextStepAdvice:
    """A catalogue step with its drug placeholder filled and its source resolved."""
    source = catalogue.sources.get(step.source)
    return NextStepAdvice(kind=step.kind, text=step.text.replace("{drug}", drug),
                          source_id=step.source,
                          source=SourceRef(label=source.label if source else step.source,
                                           url=source.url if source else None))
def _not_low_note(cytopenias: list[str], high: bool) -> str:
    """Said plainly when no white-cell count is low: leukodx explains low white counts."""
    if high:
        return ("The white count is high, not low: leukodx ranks the causes of a low white "
                "count (and CLL behind a high one); nothing here points to one.")
    if cytopenias:
        lines = " and ".join(sorted(cytopenias)).replace("anemia", "anaemia")
        return (f"{lines.capitalize()} without a low white count: leukodx explains low white "
                "counts, and nothing here points to a cause it ranks.")
    return ("No count given is low (no leukopenia, neutropenia or lymphopenia): there is "
            "nothing for leukodx to explain, so no cause is ranked.")


def compare(result: Result, expected: Expected) -> Hit:
    """Where the expected causes rank and which expected pitfalls were found."""
    first = next((cause for cause in result.ranking if cause.cause in expected.causes), None)
    found = {p.id for p in result.pitfalls}
    wanted = set(expected.pitfalls)
    return Hit(rank=first.rank if first else None, pitfalls_found=tuple(sorted(found & wanted)),
               pitfalls_missed=tuple(sorted(wanted - found)),
               pitfalls_unexpected=tuple(sorted(found - wanted)),
               expected_causes=tuple(expected.causes),
               shared_rank=first.shared_rank if first else None,
               tied_with=first.tied_with if first else 0)


_default: Assessor | None = None


def shared_assessor() -> Assessor:
    """This process's one assessor, built on first use (building the rule network is the
    slow part, so everything in a process shares it)."""
    global _default
    if _default is None:
        _default = Assessor()
    return _default


def assess(case: Case) -> Result:
    """Assess a case with this process's shared assessor."""
    return shared_assessor().assess(case)


def _settled(raw: RawConclusions) -> tuple[SettledDiagnosis, ...]:
    """The results that settle the diagnosis, one entry per rule (its causes together)."""
    by_rule: dict[str, list[dict]] = {}
    for fact in raw.settled:
        by_rule.setdefault(fact["rule"], []).append(fact)
    return tuple(SettledDiagnosis(causes=tuple(sorted({f["cause"] for f in facts})),
                                  reason=facts[0]["reason"], source_id=facts[0]["source"],
                                  rule=rule)
                 for rule, facts in sorted(by_rule.items()))
