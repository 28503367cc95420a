"""Synthetic case files drawn from the knowledge base itself, for benchmarks and fuzzing.

Each case picks a cause, then one to three of the rules that argue FOR that cause (found by
reading the rule modules: ``self.evidence("cause", SOMETHING_FOR, ...)``), and fills the case
so that those rules' conditions hold: literal values are copied, predicates (``P(...)``) and
wildcards are satisfied by trying plausible values through experta's own field checks, and
derived facts (neutrophil grade, other cytopenias, drug exposure) are turned back into the
counts and medications that produce them. Drug causes get a drug of their class started in
its usual window. Around that: a leukopenic blood count with jitter, a few unrelated answers
(mostly "no"), and some answers left out, as in real notes. Every case passes the loader.

    uv run python benchmarks/generate_cases.py OUTDIR -n 10000 [--seed 1] [--per-file 1]
"""

from __future__ import annotations

import argparse
import ast
import inspect
import random
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml  # noqa: E402
from experta import NOT, Fact  # noqa: E402
from experta.fieldconstraint import FieldConstraint  # noqa: E402
from experta.matchers.rete.check import FeatureCheck  # noqa: E402

from engine.cases import load_text  # noqa: E402
from engine.errors import CaseFileError  # noqa: E402
from rules import base  # noqa: E402
from rules.catalogue import Catalogue, load_catalogue  # noqa: E402
from rules.knowledge_base import KnowledgeBase  # noqa: E402

AGES = (0.05, 0.5, 1, 2, 3, 5, 8, 10, 14, 16, 19, 24, 30, 35, 42, 48, 55, 62, 68, 74, 80, 88)
WEEKS = (0.5, 1, 1.5, 2, 3, 4, 6, 8, 10, 12, 16, 20, 26, 40, 52, 104)
GRADE_ANC = {"severe": (100, 490), "moderate": (500, 990), "mild": (1000, 1490),
             "none": (1500, 2500)}
ANC_CANDIDATES = (50, 150, 300, 450, 600, 800, 950, 1100, 1300, 1450, 1600, 1900, 2300)


@dataclass
class Profile:
    """What one positive rule needs from a case."""

    rule: str
    patient: dict = field(default_factory=dict)
    labs: dict = field(default_factory=dict)
    smear: set = field(default_factory=set)
    findings: dict = field(default_factory=dict)
    drug_classes: list = field(default_factory=list)
    grade: str | None = None
    lines: set = field(default_factory=set)  # anemia, thrombocytopenia
    lymphocytes: str | None = None


# ---- reading the rules -------------------------------------------------------------------

def _weight_names() -> dict[str, int]:
    return {name: value for name, value in vars(base).items()
            if name.isupper() and isinstance(value, int) and name in base.WEIGHTS}


def evidence_for(func) -> list[tuple[str, int]]:
    """(cause, weight) for each ``self.evidence`` call in a rule body, read statically."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, SyntaxError):
        return []
    module = sys.modules[func.__module__]
    weights = _weight_names()
    loops: dict[str, tuple] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name):
            values = ()
            if isinstance(node.iter, ast.Name):
                values = getattr(module, node.iter.id, ())
            elif isinstance(node.iter, (ast.Tuple, ast.List)):
                values = tuple(e.value for e in node.iter.elts if isinstance(e, ast.Constant))
            loops[node.target.id] = tuple(v for v in values if isinstance(v, str))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "evidence" and len(node.args) >= 2):
            continue
        cause_arg, weight_arg = node.args[0], node.args[1]
        weight = weights.get(weight_arg.id) if isinstance(weight_arg, ast.Name) else None
        if weight is None:
            continue
        if isinstance(cause_arg, ast.Constant) and isinstance(cause_arg.value, str):
            found.append((cause_arg.value, weight))
        elif isinstance(cause_arg, ast.Name):
            found.extend((cause, weight) for cause in loops.get(cause_arg.id, ()))
    return found


def _positive_patterns(element, rng: random.Random) -> list[Fact]:
    """The fact patterns a case must match (one branch of each OR, nothing under NOT)."""
    if isinstance(element, Fact):
        return [element]
    if isinstance(element, NOT):
        return []
    name = type(element).__name__
    if name == "OR":
        return _positive_patterns(element[0], rng)
    if name == "TEST":
        return []
    found = []
    for part in element:
        found.extend(_positive_patterns(part, rng))
    return found


class Generator:
    def __init__(self, seed: int = 1, catalogue: Catalogue | None = None):
        self.rng = random.Random(seed)
        self.cat = catalogue or load_catalogue()
        self.profiles: dict[str, list[Profile]] = {}
        engine = KnowledgeBase()
        for rule in engine.get_rules():
            func = rule._wrapped
            for cause, weight in evidence_for(func):
                if weight > 0 and cause in self.cat.causes:
                    profile = self._profile(func.__name__, rule)
                    if profile is not None:
                        self.profiles.setdefault(cause, []).append(profile)
        self.drug_by_class: dict[str, list[str]] = {}
        for drug in self.cat.drugs.values():
            self.drug_by_class.setdefault(drug.drug_class, []).append(drug.generic)
        for drug_class in self.cat.drug_classes.values():
            if drug_class.cause in self.cat.causes and drug_class.id in self.drug_by_class:
                self.profiles.setdefault(drug_class.cause, []).append(
                    Profile(rule=f"drug:{drug_class.id}", drug_classes=[drug_class.id]))
        self.causes = sorted(self.profiles)
        self.yesno = sorted(q.id for q in self.cat.questions.values()
                            if q.section == "findings" and q.kind == "yesno")

    # -- what a rule needs --

    def _candidates(self, section: str, key: str) -> list:
        if section == "findings":
            question = self.cat.questions.get(key)
            if question is None:
                return []
            if question.kind == "yesno":
                return ["yes", "no"]
            if question.kind == "choice":
                return list(question.choices)
            if question.kind == "number":
                low = question.minimum if question.minimum is not None else 0
                high = question.maximum if question.maximum is not None else 100
                if key == "temperature_c":
                    low, high = 35.5, 41.0
                return [round(low + (high - low) * i / 40, 1) for i in range(41)]
            return []
        if section == "labs":
            lab = self.cat.labs.get(key)
            if lab is None:
                return []
            if lab.kind == "percent":
                return list(range(0, 101, 2))
            if lab.kind == "hemoglobin":
                return [x / 2 for x in range(8, 37)]
            if lab.kind == "igg":
                return list(range(100, 2500, 50))
            if lab.kind == "count":
                if key == "platelets":
                    return [5000, 20000, 50000, 90000, 120000, 160000, 250000, 400000]
                return [50, 200, 400, 700, 900, 1200, 1600, 2000, 3000, 4000, 6000]
            low = lab.minimum if lab.minimum is not None else 0
            high = lab.maximum if lab.maximum is not None else 200
            return [round(low + (high - low) * i / 40, 1) for i in range(41)]
        if section == "patient":
            if key == "age_years":
                return list(AGES)
            question = self.cat.questions.get(key)
            return list(question.choices) if question and question.choices else []
        if section == "medication":
            return list(WEEKS) if key.endswith("weeks_ago") else []
        return []

    def _satisfy(self, key: str, constraint, candidates: list) -> list:
        if not isinstance(constraint, FieldConstraint):
            return [constraint]
        check = FeatureCheck(key, constraint)
        return [value for value in candidates if check({key: value})]

    def _profile(self, name: str, rule) -> Profile | None:
        profile = Profile(rule=name)
        for pattern in _positive_patterns(rule, self.rng):
            kind = type(pattern).__name__
            fields = {k: v for k, v in pattern.items()
                      if isinstance(k, str) and not k.startswith("__")}
            if kind in ("Findings", "Labs", "Patient"):
                section = kind.lower()
                target = getattr(profile, section)
                for key, constraint in fields.items():
                    options = self._satisfy(key, constraint, self._candidates(section, key))
                    if not options:
                        return None
                    target[key] = options
            elif kind == "Smear":
                profile.smear |= {k for k, v in fields.items() if v is True}
            elif kind == "Neutrophils":
                grades = self._satisfy("grade", fields.get("grade"), list(GRADE_ANC)) \
                    if "grade" in fields else list(GRADE_ANC)
                status = fields.get("status")
                if status == "absolute_neutropenia" or status is None:
                    grades = [g for g in grades if g != "none"] or grades
                elif isinstance(status, str):
                    grades = ["none"]
                profile.grade = self.rng.choice(grades) if grades else None
            elif kind == "Cytopenia":
                line = fields.get("line")
                if isinstance(line, str):
                    profile.lines.add(line)
            elif kind == "CellLines":
                pattern_value = fields.get("pattern")
                options = self._satisfy("pattern", pattern_value,
                                        ["isolated", "bicytopenia", "pancytopenia"]) \
                    if pattern_value is not None else ["isolated"]
                choice = options[0] if options else "isolated"
                if choice == "pancytopenia":
                    profile.lines |= {"anemia", "thrombocytopenia"}
                elif choice == "bicytopenia":
                    profile.lines.add("thrombocytopenia")
            elif kind == "Lymphocytes":
                status = fields.get("status")
                if isinstance(status, str):
                    profile.lymphocytes = status
            elif kind == "DrugExposure":
                drug_class = fields.get("drug_class")
                if isinstance(drug_class, str):
                    profile.drug_classes.append(drug_class)
        return profile

    # -- one case --

    def case(self, index: int, cause: str | None = None) -> dict:
        """One case document (as a case file holds it) whose expected cause is ``cause``."""
        for _ in range(20):
            document = self._draw(index, cause or self.rng.choice(self.causes))
            loaded = load_text(yaml.safe_dump(document, sort_keys=False), "generated.yaml")
            if not isinstance(loaded[0], CaseFileError):
                return document
        raise RuntimeError(f"could not generate a valid case for {cause}")

    def _draw(self, index: int, cause: str) -> dict:
        rng = self.rng
        chosen = rng.sample(self.profiles[cause], k=min(len(self.profiles[cause]),
                                                        rng.choice((1, 1, 2, 2, 3))))
        patient: dict = {"age_years": rng.choice((24, 31, 38, 45, 52, 59, 66, 73, 81)),
                         "sex": rng.choice(("female", "male"))}
        findings: dict = {}
        smear: set = set()
        labs_wanted: dict = {}
        lines: set = set()
        grade = rng.choice(("mild", "mild", "moderate", "severe"))
        lymphocytes = None
        drug_classes: list = []
        for profile in chosen:
            for key, options in profile.patient.items():
                patient[key] = rng.choice(options)
            for key, options in profile.findings.items():
                findings[key] = "yes" if "yes" in options else rng.choice(options)
            for key, options in profile.labs.items():
                labs_wanted[key] = rng.choice(options)
            smear |= profile.smear
            lines |= profile.lines
            grade = profile.grade or grade
            lymphocytes = profile.lymphocytes or lymphocytes
            drug_classes += profile.drug_classes
        labs = self._counts(grade, lines, lymphocytes, labs_wanted)
        # noise: a few unrelated questions answered, mostly no; some answers left out
        for key in rng.sample(self.yesno, k=min(len(self.yesno), rng.randint(1, 5))):
            findings.setdefault(key, "no" if rng.random() < 0.8 else "unknown")
        for key in list(findings):
            if rng.random() < 0.1 and key not in {k for p in chosen for k in p.findings}:
                del findings[key]
        if "temperature_c" not in findings and rng.random() < 0.6:
            findings["temperature_c"] = round(rng.uniform(36.2, 37.6), 1)
        document: dict = {"id": f"synthetic-{index:05d}",
                          "title": f"Synthetic case drawn for {cause}",
                          "patient": patient, "labs": labs}
        if smear:
            document["smear"] = sorted(smear)
        medications = []
        for drug_class in drug_classes:
            generic = rng.choice(self.drug_by_class.get(drug_class, [None]))
            if generic is None:
                continue
            onset = self.cat.drug_classes[drug_class].onset_weeks or (1, 12)
            medications.append({"name": generic,
                                "started_weeks_ago": round(rng.uniform(*onset), 1)})
        if medications or rng.random() < 0.7:
            document["medications"] = medications
        if findings:
            document["findings"] = findings
        document["expected"] = {"causes": [cause]}
        return document

    def _counts(self, grade: str, lines: set, lymphocytes: str | None, wanted: dict) -> dict:
        rng = self.rng
        low, high = GRADE_ANC[grade]
        anc = wanted.pop("anc", None) or rng.randrange(low, high, 10)
        alc = {"lymphopenia": rng.randrange(300, 900, 10),
               "lymphocytosis": rng.randrange(4200, 6000, 50)}.get(
            lymphocytes or "", rng.randrange(900, 1800, 10))
        other = rng.randrange(150, 500, 10)  # monocytes and the rest
        wbc = wanted.pop("wbc", None) or anc + alc + other
        wbc = max(wbc, anc + alc + other)
        labs = {"wbc": int(round(wbc, -1)), "anc": int(anc), "alc": int(alc)}
        if rng.random() < 0.5:
            labs["neutrophils_pct"] = round(100 * anc / labs["wbc"])
        labs["hemoglobin"] = round(rng.uniform(8.0, 10.8) if "anemia" in lines
                                   else rng.uniform(12.8, 15.4), 1)
        labs["platelets"] = (rng.randrange(25000, 110000, 1000) if "thrombocytopenia" in lines
                             else rng.randrange(160000, 380000, 1000))
        for key, value in wanted.items():
            labs[key] = value
        if labs.get("alc", 0) + labs["anc"] > labs["wbc"]:
            labs["wbc"] = labs["anc"] + labs["alc"] + 100
        return labs


def generate(count: int, seed: int = 1) -> list[dict]:
    """``count`` case documents, the same for the same seed."""
    generator = Generator(seed)
    return [generator.case(index) for index in range(count)]


def write_cases(directory: Path, documents: list[dict], per_file: int = 1) -> list[Path]:
    """Write the documents as case files (one case per file, or ``cases:`` lists)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(documents), per_file):
        chunk = documents[start:start + per_file]
        path = directory / f"case-{start:05d}.yaml"
        body = chunk[0] if per_file == 1 else {"cases": chunk}
        path.write_text(yaml.safe_dump(body, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=1, help="cases per file")
    args = parser.parse_args()
    paths = write_cases(args.outdir, generate(args.count, args.seed), args.per_file)
    print(f"wrote {args.count} cases in {len(paths)} files to {args.outdir}")


if __name__ == "__main__":
    main()
