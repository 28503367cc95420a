"""The catalogue the rules refer to by id: causes, questions, labs, blood-film findings,
drugs, pitfalls and sources, loaded once from the YAML files in ``rules/data``."""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Files that hold one catalogue each; every other YAML file in data/ is a clinical area
# holding the causes and questions of that area.
_SPECIAL = {"sources", "pitfalls", "labs", "smear", "drugs", "appraisals", "next_steps"}

CATEGORIES = {
    "infection": "Infection",
    "medication": "Medication",
    "hematologic_malignancy": "Haematological malignancy",
    "cancer_related": "Cancer-related",
    "marrow_failure": "Marrow failure and toxins",
    "autoimmune": "Autoimmune",
    "splenic": "Splenic sequestration",
    "nutritional": "Nutritional",
    "congenital": "Congenital",
    "other": "Other",
}

# Prior log-odds in decibans for each prevalence tier (see engine/scoring.py).
TIER_PRIORS = {"common": -10, "uncommon": -15, "rare": -20, "very_rare": -25}


@dataclass(frozen=True)
class Source:
    id: str
    label: str
    kind: str
    url: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    category: str
    tier: str
    must_not_miss: bool
    summary: str
    sources: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    area: str = ""

    @property
    def prior(self) -> int:
        return TIER_PRIORS[self.tier]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    section: str  # patient, labs, smear, medications or findings: where a case file keeps it
    kind: str  # yesno, number, choice, lab, smear, medications
    choices: tuple[str, ...] = ()
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""
    area: str = ""


@dataclass(frozen=True)
class LabTest:
    id: str
    name: str
    kind: str  # count, percent, hemoglobin, igg, plain
    unit: str
    bare_minimum: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    # adult reference range (low, high): what ``low``/``normal``/``high`` mean for this lab
    # (the blood counts use age- and sex-appropriate limits instead, rules/labs.py)
    normal: tuple[float, float] | None = None
    # further spellings accepted beside ``unit``, each with its factor to ``unit``
    other_units: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class DrugClass:
    id: str
    name: str
    cause: str | None
    mechanism: str  # idiosyncratic, dose_dependent, late_onset or none
    risk: str
    onset_text: str
    sources: tuple[str, ...]
    onset_weeks: tuple[float, float] | None = None
    onset_from: str = "start"  # start, or last_dose (late-onset neutropenia after anti-CD20)
    chemotherapy: bool = False  # an anticancer treatment: the chemotherapy questions apply
    lowers_lymphocytes: bool = False


@dataclass(frozen=True)
class Drug:
    generic: str
    drug_class: str
    brands: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    mechanism: str | None = None  # where the drug differs from its class
    risk: str | None = None
    regimen: bool = False  # a named combination (R-CHOP, FOLFOX)
    components: tuple[str, ...] = ()  # the generics a regimen is made of


# How an indication given for an unnamed drug stands for a drug (drugs.yaml, indications):
# certain (the indication names the drug or class), likely (the usual drug, weighed one step
# weaker), none (no drug class can be inferred: the entry weighs for nothing).
INFERENCES = ("certain", "likely", "none")


@dataclass(frozen=True)
class Indication:
    """What a drug is for, when a case does not name the drug: ``drug`` is the dictionary
    name it stands for (None when ``inference`` is ``none``)."""

    id: str
    name: str
    inference: str
    rationale: str
    sources: tuple[str, ...]
    drug: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PitfallEntry:
    id: str
    indicator: str  # critical, warning, info
    summary: str
    detail: str
    source: str


@dataclass(frozen=True)
class Appraisal:
    id: str
    topic: str
    claim: str
    sources: tuple[str, ...]
    assessment: str
    handling: str
    references: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextStep:
    """One thing to do for a cause: a ``test`` that would confirm or exclude it, or an ``act``
    (what to do about it). ``{drug}`` in the text stands for the case's drugs of the class."""

    kind: str  # test or act
    text: str
    source: str
    # labs (or test findings, such as antinuclear_antibodies) whose normal result, already
    # in the case, makes this step needless (a test the case has done): the step is left out
    # for that case. A finding's normal result is "negative" (a test) or "no"
    unless_normal: tuple[str, ...] = ()
    # labs or test findings whose normal result must already be in the case for this step
    # to be shown (what to do once that test has come back normal)
    only_if_normal: tuple[str, ...] = ()
    # the same for an abnormal result: a lab outside its reference range (or given as low
    # or high), a finding "positive" or "yes" (a step that orders a test the case has
    # already found positive is needless; what to do once it is positive)
    unless_abnormal: tuple[str, ...] = ()
    only_if_abnormal: tuple[str, ...] = ()
    # what the step is for (e.g. "repeat_count"): a step for a more specific situation (an
    # interaction) replaces the general step of the same role
    role: str = ""


NEXT_STEP_KINDS = ("test", "act")


@dataclass(frozen=True)
class InteractionSteps:
    """Steps for a marrow toxin taken with a drug that makes it more toxic: they come first
    for the cause of either drug when both are in the case, and replace the steps of the same
    role. ``{toxin}`` and ``{partner}`` in their text stand for the case's drugs of the pair."""

    toxins: tuple[str, ...]
    partners: tuple[str, ...]
    steps: tuple[NextStep, ...]


@dataclass
class Catalogue:
    sources: dict[str, Source] = field(default_factory=dict)
    causes: dict[str, Cause] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    labs: dict[str, LabTest] = field(default_factory=dict)
    smear: dict[str, str] = field(default_factory=dict)
    drug_classes: dict[str, DrugClass] = field(default_factory=dict)
    drugs: dict[str, Drug] = field(default_factory=dict)
    pitfalls: dict[str, PitfallEntry] = field(default_factory=dict)
    appraisals: dict[str, Appraisal] = field(default_factory=dict)
    drug_names: dict[str, str] = field(default_factory=dict)  # any name, folded -> generic
    indications: dict[str, Indication] = field(default_factory=dict)
    indication_ids: dict[str, str] = field(default_factory=dict)  # id or alias -> id
    # next steps by cause id, and the steps every cause of a category shares (after its own)
    next_steps: dict[str, tuple[NextStep, ...]] = field(default_factory=dict)
    category_next_steps: dict[str, tuple[NextStep, ...]] = field(default_factory=dict)
    own_steps_only: frozenset[str] = frozenset()  # causes whose steps replace the category's
    interaction_steps: tuple[InteractionSteps, ...] = ()
    # the labs and test findings a next step depends on (unless_normal and the like)
    labs_ordered_by_steps: tuple[str, ...] = ()

    def steps_for(self, cause_id: str, cause_drugs=(), case_drugs=(),
                  normal_labs: frozenset[str] | None = None,
                  abnormal: frozenset[str] = frozenset()) -> tuple[NextStep, ...]:
        """A cause's next steps: its own, then those of its category (every one of them when
        no case is given: the handbook, the checks). For a case: ``cause_drugs`` are its
        drugs of this cause, ``case_drugs`` all its drugs (generic names) and ``normal_labs``
        the labs and test findings it already gives as normal, ``abnormal`` those it gives as
        abnormal. An interacting pair among them puts its steps first (replacing the steps of
        the same role), and a step whose test the case has already done with a normal (or an
        abnormal) result is left out, one that needs it kept."""
        cause = self.causes.get(cause_id)
        shared = self.category_next_steps.get(cause.category, ()) \
            if cause and cause_id not in self.own_steps_only else ()
        steps = self.next_steps.get(cause_id, ()) + shared
        first: list[NextStep] = []
        for pair in self.interaction_steps if cause_drugs else ():
            toxins = [d for d in case_drugs if d in pair.toxins]
            partners = [d for d in case_drugs if d in pair.partners]
            if toxins and partners and any(d in toxins or d in partners for d in cause_drugs):
                toxin, partner = " and ".join(toxins), " and ".join(partners)
                first.extend(NextStep(
                    kind=step.kind, source=step.source, role=step.role,
                    unless_normal=step.unless_normal, only_if_normal=step.only_if_normal,
                    unless_abnormal=step.unless_abnormal,
                    only_if_abnormal=step.only_if_abnormal,
                    text=step.text.replace("{toxin}", toxin).replace("{partner}", partner))
                    for step in pair.steps)
        if first:
            replaced = {step.role for step in first if step.role}
            steps = tuple(first) + tuple(s for s in steps if not (s.role and s.role in replaced))
        if normal_labs is None:
            return steps
        return tuple(s for s in steps
                     if not (s.unless_normal and set(s.unless_normal) <= normal_labs)
                     and not (s.only_if_normal and not set(s.only_if_normal) <= normal_labs)
                     and not (s.unless_abnormal and set(s.unless_abnormal) <= abnormal)
                     and not (s.only_if_abnormal and not set(s.only_if_abnormal) <= abnormal))

    def find_drug(self, name: str) -> Drug | None:
        """The drug a written name (generic, brand or synonym, any case) refers to. A name
        written with its dose, route, frequency or release form ("methotrexate 10 mg weekly",
        "IV vancomycin", "Tegretol XR") or with a brand in brackets ("methotrexate
        (Trexall)") is found by what remains once those words are set aside; whatever else
        is written must itself be a name, so nothing is guessed from part of a phrase."""
        folded = fold_name(name)
        generic = self.drug_names.get(folded)
        if generic is None and len(folded) <= 200:
            generic = self._name_with_dose_or_brand(folded)
        return self.drugs[generic] if generic else None

    def _name_with_dose_or_brand(self, folded: str) -> str | None:
        inside = _BRACKETED.findall(folded)
        outside = _BRACKETED.sub(" ", folded)
        candidates = [outside, *inside] if inside else [folded]
        for text in candidates:
            words = [w for w in _DOSE_TEXT.sub(" ", text).split() if w not in _DOSE_WORDS]
            generic = self.drug_names.get(" ".join(words)) if words else None
            if generic:
                return generic
        return None

    def find_combination(self, name: str) -> tuple[Drug, ...]:
        """The drugs of a combination written as one name ("carboplatin + paclitaxel",
        "bendamustine and rituximab", "FOLFOX/bevacizumab"): every part must be a known drug,
        or nothing is returned (a name half understood is not guessed at)."""
        parts = [p for p in _COMBINATION_SEPARATORS.split(name.strip().lower()) if p.strip()]
        if len(parts) < 2:
            # a hyphen joins the words of some generics (interferon beta-1a), so it is tried
            # as a separator only when the hyphenated whole is not a name
            parts = [p for p in name.strip().lower().split("-") if p.strip()]
            if len(parts) < 2:
                return ()
        found = tuple(self.find_drug(part) for part in parts)
        return found if all(found) else ()

    def suggest_drug(self, name: str) -> str | None:
        """The closest known drug name, for a "did you mean" when a name is not recognised;
        for a combination ("methotrexat + folic acid"), the combination with each unknown
        part replaced by its closest name. The work is bounded: a name over 200 characters
        or of more than 6 parts gets no suggestion (a 1 MB name took seconds)."""
        if len(name) > 200:
            return None
        folded = fold_name(name)
        if not folded:
            return None
        close = self._closest_drug(folded)
        if close or not _COMBINATION_SEPARATORS.search(folded):
            return close
        parts = [p.strip() for p in _COMBINATION_SEPARATORS.split(folded) if p.strip()]
        if not 2 <= len(parts) <= 6:
            return None
        mended = [part if part in self.drug_names else self._closest_drug(part)
                  for part in parts]
        return " + ".join(mended) if all(mended) and mended != parts else None

    def _closest_drug(self, folded: str) -> str | None:
        if len(folded) > 80:
            return None
        close = difflib.get_close_matches(folded, self.drug_names, n=1, cutoff=0.75)
        return close[0] if close else None

    def find_indication(self, written: str) -> Indication | None:
        """The indication a case's ``for:`` names (its id or an alias, any case, spaces or
        hyphens for underscores)."""
        key = re.sub(r"[\s\-]+", "_", written.strip().lower().replace("'", ""))
        found = self.indication_ids.get(key)
        return self.indications[found] if found else None

    def find_indication_phrase(self, text: str) -> Indication | None:
        """The indication in a drug typed as what it is for: "for rheumatoid arthritis",
        "a drug for Graves disease (name not known)"; None for anything else."""
        phrase = _FOR_PHRASE.fullmatch(text.strip().lower())
        return self.find_indication(phrase.group(1)) if phrase else None

    def is_indication_phrase(self, text: str) -> bool:
        """Whether a typed drug is written as what it is for ("for ..."), known or not."""
        return _FOR_PHRASE.fullmatch(text.strip().lower()) is not None

    def indication_phrases(self) -> dict[str, str]:
        """What the interview offers to type for each indication ("for rheumatoid
        arthritis"), with the indication's name."""
        return {f"for {written.replace('_', ' ')}": indication.name
                for indication in self.indications.values()
                for written in (indication.id, *indication.aliases)}

    def unnamed_drug_taken_as(self, indication_id: str | None, generic: str,
                              name: str = "") -> str:
        """How a rule names the drug of an entry weighed by what it is for: "the drug for
        rheumatoid arthritis (name not given, taken as methotrexate)", or with a name the
        dictionary does not know, "Xyz, the drug for rheumatoid arthritis (taken as ...)"."""
        indication = self.indications.get(indication_id or "")
        what = indication.name if indication else indication_id
        if name:
            return f"{name}, the drug for {what} (taken as {drug_in_words(generic)})"
        return f"the drug for {what} (name not given, taken as {drug_in_words(generic)})"

    def drug_mechanism(self, drug: Drug) -> str:
        """How a drug lowers the count: its own mechanism where it differs from its class."""
        return drug.mechanism or self.drug_classes[drug.drug_class].mechanism

    def drug_risk(self, drug: Drug) -> str:
        return drug.risk or self.drug_classes[drug.drug_class].risk


# What a prescription line adds to a drug's name: a strength ("10 mg", "2g", "175 mg/m2",
# "5 mg/kg"), a frequency, a route and a release form. Only these are set aside.
_DOSE_TEXT = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|ug|µg|g|gm|grams?|ml|units?|iu|mmol|meq|%)"
    r"(?:\s*(?:/|per)\s*(?:kg|m2|m²|day|d|week|wk|dose|hour|hr|h))?\b"
    r"|\b(?:q|every)\s*\d+\s*(?:h|hr|hours?|days?|weeks?)\b|\bx\s*\d+\s*(?:days?|weeks?)\b")
_DOSE_WORDS = frozenset((
    "daily", "weekly", "monthly", "nightly", "once", "twice", "a", "day", "per", "week",
    "od", "bd", "bid", "tid", "tds", "qid", "qds", "qd", "qhs", "prn", "stat", "mane", "nocte",
    "iv", "im", "sc", "sq", "po", "oral", "orally", "intravenous", "intravenously",
    "intramuscular", "subcutaneous", "infusion", "injection", "injections", "tablet", "tablets", "tab", "tabs",
    "capsule", "capsules", "xr", "er", "sr", "cr", "xl", "la", "ds", "ec", "en", "dr",
    "retard", "chrono"))
_BRACKETED = re.compile(r"\(([^()]*)\)")
# a drug typed as what it is for: "for X", "drug for X", "a drug for X (name not known)"
_FOR_PHRASE = re.compile(r"(?:(?:an? |the )?(?:drug|medication|medicine) )?for (.+?)"
                         r"(?:\s*\(name not (?:known|given)\))?")

_COMBINATION_SEPARATORS = re.compile(r"\s*(?:\+|/|,|&|;|\band\b|\bwith\b|\bplus\b)\s*")


def drug_in_words(generic: str) -> str:
    """A dictionary drug as a sentence names it: "methotrexate", and for an entry that
    stands for a class ("unnamed antithyroid drug") "an antithyroid drug"."""
    if not generic.startswith("unnamed "):
        return generic
    kind = generic.removeprefix("unnamed ")
    return ("an " if kind[:1] in "aeiou" else "a ") + kind


def fold_name(name: str) -> str:
    """Fold a drug name for lookup: lower case, single spaces, hyphens and slashes alike."""
    return re.sub(r"[\s/\-]+", " ", name.strip().lower())


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        text = handle.read()
    loader = _CatalogueLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        try:
            data = _plain_data(loader, node)
        except _NotPlain:
            data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data or {}


class _CatalogueLoader(_Loader):
    """PyYAML's C safe loader, answering the resolver's default tags for a quoted scalar, a
    sequence and a mapping (what it answers with no path resolvers) without asking it, and
    the tag of a short plain scalar seen before (it depends on the text alone) from what it
    answered then."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 64:
                    _RESOLVED[value] = tag
            return tag
        tag = _DEFAULT_TAGS.get(kind)
        return tag if tag is not None else super().resolve(kind, value, implicit)


_RESOLVED: dict[str, str] = {}  # short plain scalar -> its implicit tag
_DEFAULT_TAGS = {yaml.ScalarNode: _Loader.DEFAULT_SCALAR_TAG,
                 yaml.SequenceNode: _Loader.DEFAULT_SEQUENCE_TAG,
                 yaml.MappingNode: _Loader.DEFAULT_MAPPING_TAG}
assert not _CatalogueLoader.yaml_path_resolvers, "the default tags assume no path resolvers"


class _NotPlain(Exception):
    """A node that PyYAML's own constructor builds (another tag, an alias, a merge key)."""


_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"


def _plain_data(loader, root) -> object:
    """What PyYAML's safe constructor makes of a document of plain data (mappings,
    sequences, text, numbers, yes/no, null), built directly: the catalogue's files are
    read by every process that starts, and the stock constructor's calls per node were
    most of reading them. Anything else raises ``_NotPlain`` (PyYAML's constructor then
    builds the whole document); a test compares the two on every file of the catalogue."""
    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    constructor = yaml.constructor.SafeConstructor
    seen: set[int] = set()

    def build(node):
        kind, tag = type(node), node.tag
        if kind is scalar:
            if tag == _STR:
                return node.value
            if tag == _INT:
                return constructor.construct_yaml_int(loader, node)
            if tag == _FLOAT:
                return constructor.construct_yaml_float(loader, node)
            if tag == _BOOL:
                return constructor.bool_values[node.value.lower()]
            if tag == _NULL:
                return None
            raise _NotPlain
        if id(node) in seen:  # an alias: PyYAML shares the one object
            raise _NotPlain
        seen.add(id(node))
        if kind is mapping and tag == _MAP:
            data = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or key_node.tag == _MERGE:
                    raise _NotPlain
                data[build(key_node)] = build(value_node)
            return data
        if kind is sequence and tag == _SEQ:
            return [build(item) for item in node.value]
        raise _NotPlain

    return build(root)


@functools.lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """Read every catalogue file once; later calls return the same object."""
    cat = Catalogue()
    for entry in _read(DATA / "sources.yaml")["sources"]:
        cat.sources[entry["id"]] = Source(**entry)
    for entry in _read(DATA / "pitfalls.yaml")["pitfalls"]:
        cat.pitfalls[entry["id"]] = PitfallEntry(**entry)
    for entry in _read(DATA / "labs.yaml")["labs"]:
        other = tuple((entry.pop("other_units", None) or {}).items())
        cat.labs[entry["id"]] = LabTest(other_units=other, **{
            k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()})
    for entry in _read(DATA / "smear.yaml")["smear"]:
        cat.smear[entry["id"]] = entry["name"]
    drugs = _read(DATA / "drugs.yaml")
    for class_id, entry in drugs["classes"].items():
        onset = entry.pop("onset_weeks", None)
        cat.drug_classes[class_id] = DrugClass(
            id=class_id, onset_weeks=tuple(onset) if onset else None,
            sources=tuple(entry.pop("sources")), **entry)
    for entry in drugs["drugs"]:
        drug = Drug(generic=entry["generic"], drug_class=entry["class"],
                    brands=tuple(entry.get("brands", ())),
                    synonyms=tuple(entry.get("synonyms", ())),
                    mechanism=entry.get("mechanism"), risk=entry.get("risk"),
                    regimen=bool(entry.get("regimen", False)),
                    components=tuple(entry.get("components", ())))
        cat.drugs[drug.generic] = drug
        for name in (drug.generic, *drug.brands, *drug.synonyms):
            cat.drug_names[fold_name(name)] = drug.generic
    for indication_id, entry in (drugs.get("indications") or {}).items():
        indication = Indication(id=indication_id, name=entry["name"],
                                inference=entry["inference"], rationale=entry["rationale"],
                                sources=tuple(entry.get("sources") or ()),
                                drug=entry.get("drug"),
                                aliases=tuple(entry.get("aliases") or ()))
        cat.indications[indication_id] = indication
        for name in (indication_id, *indication.aliases):
            cat.indication_ids[name] = indication_id
    appraisals = DATA / "appraisals.yaml"
    if appraisals.exists():
        for entry in _read(appraisals).get("appraisals", []):
            cat.appraisals[entry["id"]] = Appraisal(
                **{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()})
    next_steps = DATA / "next_steps.yaml"
    if next_steps.exists():
        data = _read(next_steps)
        cat.next_steps = {k: _steps(v) for k, v in (data.get("causes") or {}).items()}
        cat.category_next_steps = {k: _steps(v)
                                   for k, v in (data.get("categories") or {}).items()}
        cat.own_steps_only = frozenset(data.get("own_steps_only") or ())
        cat.interaction_steps = tuple(
            InteractionSteps(toxins=tuple(entry.get("toxins") or ()),
                             partners=tuple(entry.get("partners") or ()),
                             steps=_steps(entry.get("steps")))
            for entry in data.get("interactions") or () if isinstance(entry, dict))
        every_step = [*cat.next_steps.values(), *cat.category_next_steps.values(),
                      *(pair.steps for pair in cat.interaction_steps)]
        cat.labs_ordered_by_steps = tuple(sorted({lab for steps in every_step for step in steps
                                             for lab in step_conditions(step)}))
    for path in sorted(DATA.glob("*.yaml")):
        if path.stem in _SPECIAL:
            continue
        area = _read(path)
        for entry in area.get("causes") or []:
            cat.causes[entry["id"]] = Cause(
                area=path.stem, **{k: tuple(v) if isinstance(v, list) else v
                                   for k, v in entry.items()})
        for entry in area.get("questions") or []:
            cat.questions[entry["id"]] = Question(
                area=path.stem, **{k: tuple(v) if isinstance(v, list) else v
                                   for k, v in entry.items()})
    return cat


STEP_CONDITIONS = ("unless_normal", "only_if_normal", "unless_abnormal", "only_if_abnormal")


def step_conditions(step: NextStep) -> tuple[str, ...]:
    """The labs and test findings whose result in a case decides whether ``step`` shows."""
    return tuple(key for name in STEP_CONDITIONS for key in getattr(step, name))


def _lab_ids(value) -> tuple[str, ...]:
    """A step's lab ids, written as one id or a list."""
    if not value:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def _steps(entries) -> tuple[NextStep, ...]:
    """``[{test: text, source: id}, {act: text, source: id}]`` as NextSteps; an entry of
    another shape is kept with kind "" so that ``kb check`` can name it."""
    steps = []
    for entry in entries or ():
        entry = entry if isinstance(entry, dict) else {}
        kinds = [k for k in NEXT_STEP_KINDS if k in entry]
        kind = kinds[0] if len(kinds) == 1 else ""
        steps.append(NextStep(kind=kind, text=str(entry.get(kind, "")) if kind else "",
                              source=str(entry.get("source") or ""),
                              unless_normal=_lab_ids(entry.get("unless_normal")),
                              only_if_normal=_lab_ids(entry.get("only_if_normal")),
                              unless_abnormal=_lab_ids(entry.get("unless_abnormal")),
                              only_if_abnormal=_lab_ids(entry.get("only_if_abnormal")),
                              role=str(entry.get("role") or "")))
    return tuple(steps)
