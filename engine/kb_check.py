"""A static reading of the knowledge base, and the checks `leukodx kb check` runs on it.

The rule modules are read with ``ast``, not imported: each ``@Rule`` method's calls to
``self.evidence``, ``self.pitfall`` and ``self.ask`` are collected with the cause, pitfall,
question and source ids they name. Ids must be string literals, or come from a loop over a
module-level tuple of literals, so that every reference can be proved to resolve. Drug
causes are the one dynamic case: they are raised from the drug classes in drugs.yaml.
"""

from __future__ import annotations

import ast
import itertools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rules.base import WEIGHTS
from rules.catalogue import CATEGORIES, INFERENCES, TIER_PRIORS, Catalogue, load_catalogue

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
CASES_DIR = Path(__file__).resolve().parent.parent / "cases"

# Modules in rules/ that hold no rules.
_NOT_RULE_MODULES = {"__init__", "base", "catalogue", "facts", "knowledge_base"}
# The fact whose ``cause`` field a rule may bind to raise a drug class's cause dynamically.
_DRUG_FACT = "DrugExposure"
INDICATORS = ("critical", "warning", "info")


# ---- what the reader finds ------------------------------------------------------------------

@dataclass(frozen=True)
class EvidenceCall:
    """One ``self.evidence(...)`` a rule makes, for one cause."""

    rule: str
    module: str
    line: int
    cause: str
    weight: int | None  # decibans, None when the weight is computed
    weight_text: str  # as written: STRONG_FOR, EXPOSURE_WEIGHTS[(risk, timing)]
    direction: str | None  # for, against, or None when the sign cannot be read
    rationale: str | None  # f-string fields shown as {name}
    source: str | None  # the source id as written; for a drug cause, its class's first
    dynamic: bool = False  # the cause is bound at run time (drug classes)
    sources: tuple[str, ...] = ()  # every source behind it (a drug class may cite several)
    weight_range: tuple[int, int] | None = None  # lowest and highest possible weight

    @property
    def strength(self) -> int:
        """The largest size the weight can reach, for ordering (0 when unreadable)."""
        if self.weight is not None:
            return abs(self.weight)
        return max(abs(w) for w in self.weight_range) if self.weight_range else 0

    @property
    def supports(self) -> bool:
        return self.direction == "for"


@dataclass(frozen=True)
class PitfallCall:
    rule: str
    module: str
    line: int
    pitfall: str
    detail: str | None


@dataclass(frozen=True)
class SettleCall:
    """One ``self.settle(...)`` a rule makes: a result that settles the diagnosis."""

    rule: str
    module: str
    line: int
    cause: str
    reason: str | None
    source: str | None


@dataclass(frozen=True)
class AskCall:
    rule: str
    module: str
    line: int
    question: str
    priority_text: str
    reason: str | None


@dataclass
class RuleInfo:
    """One rule method and what it can conclude."""

    name: str
    module: str
    line: int
    doc: str = ""
    owner: str = ""  # the class the rule is defined in
    evidence: list[EvidenceCall] = field(default_factory=list)
    pitfalls: list[PitfallCall] = field(default_factory=list)
    asks: list[AskCall] = field(default_factory=list)
    settles: list[SettleCall] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base. ``severity`` is error or warning."""

    check: str  # a short code: unknown_cause, cause_never_raised, ...
    severity: str
    where: str  # module:line rule, a catalogue file, or a case
    subject: str  # the id concerned
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: [{self.check}] {self.where}: {self.message}"


@dataclass
class RuleBook:
    """Every rule read from the rule modules, and the problems met while reading."""

    rules: list[RuleInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def evidence(self) -> Iterable[EvidenceCall]:
        for rule in self.rules:
            yield from rule.evidence

    def evidence_for(self, cause: str) -> list[EvidenceCall]:
        return [e for e in self.evidence() if e.cause == cause]

    def evidence_for_rule(self, rule: str) -> list[EvidenceCall]:
        return [e for r in self.rules if r.name == rule for e in r.evidence]

    def pitfall_calls(self, pitfall: str | None = None) -> list[PitfallCall]:
        return [p for r in self.rules for p in r.pitfalls if pitfall in (None, p.pitfall)]

    def ask_calls(self, question: str | None = None) -> list[AskCall]:
        return [a for r in self.rules for a in r.asks if question in (None, a.question)]

    def settle_calls(self) -> list[SettleCall]:
        return [s for r in self.rules for s in r.settles]

    def rules_asking(self, question: str) -> list[str]:
        return list(dict.fromkeys(a.rule for a in self.ask_calls(question)))


@dataclass
class CaseCoverage:
    """For each cause, the bundled cases that expect it and rank it in their top 3."""

    cases: int = 0
    errors: int = 0
    covered: dict[str, list[str]] = field(default_factory=dict)
    missed: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)


@dataclass
class KnowledgeBaseReport:
    """The result of ``check_knowledge_base``."""

    book: RuleBook
    problems: list[Problem]
    catalogue: Catalogue
    coverage: CaseCoverage | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


# ---- reading rule modules -------------------------------------------------------------------

_UNKNOWN = object()  # a value the reader cannot work out statically


def _is_rule_decorator(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
        and node.func.id == "Rule"


def module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level assignments of a name to a value (the last one wins, as in Python)."""
    constants: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            constants[statement.targets[0].id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.value is not None:
            constants[statement.target.id] = statement.value
    return constants


def _imports(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """``from .module import NAME`` (within rules/): local name -> (module, name)."""
    found = {}
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and statement.level == 1 and statement.module:
            for alias in statement.names:
                found[alias.asname or alias.name] = (statement.module, alias.name)
    return found


class _ModuleReader:
    """Reads one module's rules; ``scope`` resolves names across the rule modules."""

    def __init__(self, module: str, tree: ast.Module, scope: _Scope):
        self.module, self.tree, self.scope = module, tree, scope
        self.problems: list[Problem] = []
        self.helpers: dict[str, ast.FunctionDef] = {}
        self.rule_functions: list[tuple[str, ast.FunctionDef]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        if any(_is_rule_decorator(d) for d in item.decorator_list):
                            self.rule_functions.append((node.name, item))
                        else:
                            self.helpers[item.name] = item

    def read(self) -> list[RuleInfo]:
        rules = []
        for owner, function in self.rule_functions:
            rule = RuleInfo(name=function.name, module=self.module, line=function.lineno,
                            doc=ast.get_docstring(function) or "", owner=owner)
            self.rule, self.decorators = rule, [d for d in function.decorator_list
                                                if _is_rule_decorator(d)]
            self.params = {a.arg for a in function.args.args[1:]}
            self.locals = _local_assignments(function)
            self._visit_body(function.body, [{}], depth=0)
            rules.append(rule)
        return rules

    # -- walking a body with the loop variables in scope ------------------------------------
    def _visit_body(self, body: list[ast.stmt], bindings: list[dict], depth: int) -> None:
        for statement in body:
            self._visit(statement, bindings, depth)

    def _visit(self, node: ast.AST, bindings: list[dict], depth: int) -> None:
        if isinstance(node, (ast.For, ast.AsyncFor)):
            elements = self.scope.elements(self.module, node.iter, bindings[0])
            inner = []
            for binding in bindings:
                if elements is _UNKNOWN:
                    inner.append({**binding, **{n: _UNKNOWN for n in _target_names(node.target)}})
                else:
                    for element in elements:
                        inner.append({**binding, **_assign(node.target, element)})
            self._visit_body(node.body, inner or [{}], depth)
            self._visit_body(node.orelse, bindings, depth)
            return
        if isinstance(node, ast.Call):
            self._call(node, bindings, depth)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            self._visit(child, bindings, depth)

    def _call(self, call: ast.Call, bindings: list[dict], depth: int) -> None:
        func = call.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and func.value.id == "self"):
            return
        if func.attr == "evidence":
            self._evidence(call, bindings)
        elif func.attr == "pitfall":
            self._pitfall(call, bindings)
        elif func.attr == "ask":
            self._ask(call, bindings)
        elif func.attr == "settle":
            self._settle(call, bindings)
        elif func.attr in self.helpers and depth < 5:
            helper = self.helpers[func.attr]
            names = [a.arg for a in helper.args.args[1:]]
            passed = dict(zip(names, call.args, strict=False))
            passed.update({k.arg: k.value for k in call.keywords if k.arg})
            inner = [{**b, **{name: _pass(node, b) for name, node in passed.items()}}
                     for b in bindings]
            self._visit_body(helper.body, inner, depth + 1)

    def _where(self, call: ast.Call) -> str:
        return f"{self.module}.py:{call.lineno} {self.rule.name}"

    def _problem(self, call: ast.Call, check: str, subject: str, message: str,
                 severity: str = "error") -> None:
        self.problems.append(Problem(check, severity, self._where(call), subject, message))

    def _evidence(self, call: ast.Call, bindings: list[dict]) -> None:
        args = _arguments(call, ("cause", "weight", "rationale", "source"))
        seen = set()
        for binding in bindings:
            causes = self._causes(call, args.get("cause"), binding)
            weight, direction, weight_text, weight_range = self._weight(args.get("weight"),
                                                                        binding)
            rationale = _text(args.get("rationale"), binding, self.scope, self.module)
            source = self.scope.literal(self.module, args.get("source"), binding)
            for cause, dynamic_sources in causes:
                key = (cause, weight, direction, rationale, source)
                if key in seen:
                    continue
                seen.add(key)
                sources = tuple(dynamic_sources) if dynamic_sources and \
                    not isinstance(source, str) else \
                    ((source,) if isinstance(source, str) else ())
                self.rule.evidence.append(EvidenceCall(
                    rule=self.rule.name, module=self.module, line=call.lineno, cause=cause,
                    weight=weight, weight_text=weight_text, direction=direction,
                    rationale=rationale, source=sources[0] if sources else None,
                    dynamic=dynamic_sources is not None, sources=sources,
                    weight_range=weight_range))
        if "weight" in args and _is_raw_number(args["weight"]):
            self._problem(call, "raw_weight", ast.unparse(args["weight"]),
                          f"weight {ast.unparse(args['weight'])} is a raw number: use a named "
                          "weight (STRONG_FOR, ...) from rules/base.py", "warning")

    def _candidates(self, node: ast.expr | None, binding: dict) -> list[ast.expr] | None:
        """The values a local variable may hold (``weight = STRONG_FOR if ... else ...``)."""
        if isinstance(node, ast.Name) and node.id not in binding and node.id in self.locals:
            return self.locals[node.id]
        return None

    def _weight(self, node: ast.expr | None, binding: dict
                ) -> tuple[int | None, str | None, str, tuple[int, int] | None]:
        """A weight's value, direction, text as shown, and the range it can take."""
        candidates = self._candidates(node, binding)
        if not candidates:
            weight, direction = self.scope.weight(self.module, node, binding)
            span = (weight, weight) if weight is not None else \
                self.scope.weight_range(self.module, node)
            return weight, direction, self.scope.weight_text(self.module, node, binding), span
        found = [self.scope.weight(self.module, c, binding) for c in candidates]
        values = [value for value, _ in found]
        directions = {direction for _, direction in found}
        direction = directions.pop() if len(directions) == 1 else None
        if None in values:
            return None, direction, ast.unparse(node), None
        span = (min(values), max(values))
        if len(set(values)) == 1:
            return values[0], direction, ast.unparse(candidates[0]), span
        return None, direction, f"{span[0]:+d} to {span[1]:+d}", span

    def _causes(self, call: ast.Call, node: ast.expr | None,
                binding: dict) -> list[tuple[str, list[str] | None]]:
        """The causes an evidence call can name: (cause, class sources when dynamic)."""
        if node is None:
            self._problem(call, "missing_cause", "?", "evidence call names no cause")
            return []
        value = self.scope.literal(self.module, node, binding)
        if isinstance(value, str):
            return [(value, None)]
        candidates = self._candidates(node, binding)
        if candidates:
            values = [self.scope.literal(self.module, c, binding) for c in candidates]
            if all(isinstance(v, str) for v in values):
                return [(v, None) for v in dict.fromkeys(values)]
        if isinstance(node, ast.Name) and node.id in self.params:
            drugs = self._drug_causes(node.id)
            if drugs is not None:
                return drugs
        self._problem(call, "unreadable_cause", ast.unparse(node),
                      f"cause {ast.unparse(node)!r} cannot be read statically: name it as a "
                      "string literal or loop over a module-level tuple of literals")
        return []

    def _drug_causes(self, param: str) -> list[tuple[str, list[str]]] | None:
        """A cause bound from ``DrugExposure(cause=MATCH.<param>)``: the drug classes'
        causes, narrowed by a ``P(lambda c: c in TUPLE)`` test when there is one."""
        for decorator in self.decorators:
            for node in ast.walk(decorator):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id == _DRUG_FACT):
                    continue
                for keyword in node.keywords:
                    if keyword.arg != "cause" or not _binds(keyword.value, param):
                        continue
                    allowed = None
                    for inner in ast.walk(keyword.value):
                        if isinstance(inner, ast.Compare) and len(inner.ops) == 1 \
                                and isinstance(inner.ops[0], ast.In):
                            values = self.scope.elements(self.module, inner.comparators[0], {})
                            if values is not _UNKNOWN:
                                allowed = {self.scope.literal(m, v, {}) for m, v in values}
                    found: dict[str, list[str]] = {}
                    for drug_class in self.scope.catalogue.drug_classes.values():
                        if drug_class.cause and (allowed is None or drug_class.cause in allowed):
                            found.setdefault(drug_class.cause, [])
                            for source in drug_class.sources:
                                if source not in found[drug_class.cause]:
                                    found[drug_class.cause].append(source)
                    return list(found.items())
        return None

    def _pitfall(self, call: ast.Call, bindings: list[dict]) -> None:
        args = _arguments(call, ("pitfall", "detail"))
        done = set()
        for binding in bindings:
            value = self.scope.literal(self.module, args.get("pitfall"), binding)
            if not isinstance(value, str):
                self._problem(call, "unreadable_pitfall", ast.unparse(call),
                              "pitfall id cannot be read statically: name it as a literal")
                return
            if value in done:
                continue
            done.add(value)
            detail = _text(args.get("detail"), binding, self.scope, self.module)
            self.rule.pitfalls.append(PitfallCall(self.rule.name, self.module, call.lineno,
                                                  value, detail))

    def _settle(self, call: ast.Call, bindings: list[dict]) -> None:
        args = _arguments(call, ("cause", "reason", "source"))
        done = set()
        for binding in bindings:
            causes = self._causes(call, args.get("cause"), binding)
            reason = _text(args.get("reason"), binding, self.scope, self.module)
            source = self.scope.literal(self.module, args.get("source"), binding)
            for cause, _ in causes:
                key = (cause, reason, source)
                if key in done:
                    continue
                done.add(key)
                self.rule.settles.append(SettleCall(
                    self.rule.name, self.module, call.lineno, cause, reason,
                    source if isinstance(source, str) else None))

    def _ask(self, call: ast.Call, bindings: list[dict]) -> None:
        args = _arguments(call, ("question", "priority", "reason"))
        done = set()
        for binding in bindings:
            value = self.scope.literal(self.module, args.get("question"), binding)
            if not isinstance(value, str):
                self._problem(call, "unreadable_question", ast.unparse(call),
                              "question id cannot be read statically: name it as a literal")
                return
            if value in done:
                continue
            done.add(value)
            reason = _text(args.get("reason"), binding, self.scope, self.module)
            self.rule.asks.append(AskCall(
                self.rule.name, self.module, call.lineno, value,
                ast.unparse(args["priority"]) if "priority" in args else "", reason))


class _Scope:
    """Resolves names to module-level values across the rule modules."""

    def __init__(self, trees: dict[str, ast.Module], catalogue: Catalogue):
        self.catalogue = catalogue
        self.constants = {name: module_constants(tree) for name, tree in trees.items()}
        self.imports = {name: _imports(tree) for name, tree in trees.items()}

    def lookup(self, module: str, name: str, depth: int = 0) -> tuple[str, ast.expr] | None:
        if depth > 8:
            return None
        if name in self.constants.get(module, {}):
            return module, self.constants[module][name]
        target = self.imports.get(module, {}).get(name)
        if target and target[0] in self.constants:
            return self.lookup(target[0], target[1], depth + 1)
        return None

    def literal(self, module: str, node: ast.expr | None, binding: dict, depth: int = 0):
        """A node's constant value (a string here), or ``_UNKNOWN``."""
        if node is None or depth > 8:
            return _UNKNOWN
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in binding:
                bound = binding[node.id]
                if bound is _UNKNOWN:
                    return _UNKNOWN
                module_of = bound[0] if isinstance(bound, tuple) else module
                value = bound[1] if isinstance(bound, tuple) else bound
                return self.literal(module_of, value, {}, depth + 1)
            found = self.lookup(module, node.id)
            if found:
                return self.literal(found[0], found[1], {}, depth + 1)
        return _UNKNOWN

    def elements(self, module: str, node: ast.expr, binding: dict, depth: int = 0):
        """The elements of a tuple or list of literals (or of a name bound to one), each as
        (module, node) so that names inside resolve where they were written."""
        if depth > 8:
            return _UNKNOWN
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            found = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    inner = self.elements(module, element.value, binding, depth + 1)
                    if inner is _UNKNOWN:
                        return _UNKNOWN
                    found.extend(inner)
                else:
                    found.append((module, element))
            return found
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.elements(module, node.left, binding, depth + 1)
            right = self.elements(module, node.right, binding, depth + 1)
            return _UNKNOWN if _UNKNOWN in (left, right) else left + right
        if isinstance(node, ast.Name):
            found = self.lookup(module, node.id)
            if found:
                return self.elements(found[0], found[1], {}, depth + 1)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("keys", "items") and isinstance(node.func.value, ast.Name):
            found = self.lookup(module, node.func.value.id)
            if found and isinstance(found[1], ast.Dict):
                if node.func.attr == "keys":
                    return [(found[0], key) for key in found[1].keys]
                return [(found[0], ast.Tuple(elts=[k, v], ctx=ast.Load()))
                        for k, v in zip(found[1].keys, found[1].values, strict=True)]
        if isinstance(node, ast.Dict):
            return [(module, key) for key in node.keys]
        return _UNKNOWN

    def weight_range(self, module: str, node: ast.expr | None) -> tuple[int, int] | None:
        """The lowest and highest weight in a module-level table a rule looks a weight up in."""
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            found = self.lookup(module, node.value.id)
            if found and isinstance(found[1], ast.Dict):
                values = [self.weight(found[0], v, {})[0] for v in found[1].values]
                if values and None not in values:
                    return min(values), max(values)
        return None

    def weight_text(self, module: str, node: ast.expr | None, binding: dict) -> str:
        """A weight as a reader should see it: the named weight, or the range of a table."""
        if node is None:
            return ""
        span = self.weight_range(module, node)
        if span is not None:
            return f"{span[0]:+d} to {span[1]:+d} by {_field_name(node.slice)}"
        if isinstance(node, ast.Name) and node.id in binding and binding[node.id] is not _UNKNOWN:
            bound = binding[node.id]
            return ast.unparse(bound[1] if isinstance(bound, tuple) else bound)
        return ast.unparse(node)

    def weight(self, module: str, node: ast.expr | None, binding: dict,
               depth: int = 0) -> tuple[int | None, str | None]:
        """A weight's value in decibans and its direction (for/against)."""
        if node is None or depth > 8:
            return None, None
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return int(node.value), _direction(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value, _ = self.weight(module, node.operand, binding, depth + 1)
            return (-value, _direction(-value)) if value is not None else (None, None)
        if isinstance(node, ast.Name):
            if node.id in binding and binding[node.id] is not _UNKNOWN:
                bound = binding[node.id]
                if isinstance(bound, tuple):
                    return self.weight(bound[0], bound[1], {}, depth + 1)
                return self.weight(module, bound, {}, depth + 1)
            found = self.lookup(module, node.id)
            if found:
                return self.weight(found[0], found[1], {}, depth + 1)
            if node.id in WEIGHTS:
                return WEIGHTS[node.id], _direction(WEIGHTS[node.id])
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            # a lookup in a module-level table of weights: its sign if all entries agree
            found = self.lookup(module, node.value.id)
            if found and isinstance(found[1], ast.Dict):
                signs = {self.weight(found[0], v, {}, depth + 1)[1] for v in found[1].values}
                if len(signs) == 1:
                    return None, signs.pop()
        return None, None


def _direction(value: float) -> str | None:
    return "for" if value > 0 else "against" if value < 0 else None


def _is_raw_number(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float))


def _binds(node: ast.expr, param: str) -> bool:
    """Whether a pattern value binds ``MATCH.<param>``."""
    return any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
               and n.value.id == "MATCH" and n.attr == param for n in ast.walk(node))


def _local_assignments(function: ast.FunctionDef) -> dict[str, list[ast.expr]]:
    """Every value a local name is given in a function (both arms of a conditional
    expression; element by element for ``a, b = X, Y``)."""
    found: dict[str, list[ast.expr]] = {}

    def add(target: ast.expr, value: ast.expr) -> None:
        if isinstance(value, ast.IfExp):
            add(target, value.body)
            add(target, value.orelse)
        elif isinstance(target, ast.Name):
            found.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                and len(target.elts) == len(value.elts):
            for sub_target, sub_value in zip(target.elts, value.elts, strict=True):
                add(sub_target, sub_value)

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, ast.Assign):
                for target in child.targets:
                    add(target, child.value)
            walk(child)

    walk(function)
    return found


def _pass(node: ast.expr, binding: dict):
    """An argument passed to a helper, resolved against the caller's loop variables."""
    if isinstance(node, ast.Name) and node.id in binding:
        return binding[node.id]
    return node


def _target_names(target: ast.expr) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _assign(target: ast.expr, element: tuple[str, ast.expr]) -> dict:
    module, node = element
    if isinstance(target, ast.Name):
        return {target.id: (module, node)}
    if isinstance(target, (ast.Tuple, ast.List)):
        if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == len(target.elts):
            bound = {}
            for sub_target, sub_node in zip(target.elts, node.elts, strict=True):
                bound.update(_assign(sub_target, (module, sub_node)))
            return bound
    return {name: _UNKNOWN for name in _target_names(target)}


def _arguments(call: ast.Call, names: tuple[str, ...]) -> dict[str, ast.expr]:
    found = dict(zip(names, call.args, strict=False))
    found.update({k.arg: k.value for k in call.keywords if k.arg in names})
    return found


def _text(node: ast.expr | None, binding: dict, scope: _Scope, module: str) -> str | None:
    """A text argument as it reads: literals joined, f-string fields shown as ``{name}``.
    None when there is no text at all."""
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) and node.value.strip() else None
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                constant = scope.literal(module, value.value, binding) \
                    if isinstance(value.value, ast.Name) else _UNKNOWN
                parts.append(str(constant) if isinstance(constant, (str, int, float))
                             and not isinstance(constant, bool)
                             else "{" + _field_name(value.value) + "}")
        text = "".join(parts)
        return text if text.strip() else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _text(node.left, binding, scope, module)
        right = _text(node.right, binding, scope, module)
        return (left or "") + (right or "") or None
    value = scope.literal(module, node, binding)
    if isinstance(value, str):
        return value or None
    return "{" + ast.unparse(node) + "}"  # computed at run time; present, not readable


def _field_name(node: ast.expr) -> str:
    """A short name for a computed part of a text: ``generic.capitalize()`` -> generic,
    ``_TIMING_WORDS[timing]`` -> timing."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "weeks_in_words" and node.args:  # a time said in words
        return f"weeks_in_words({_field_name(node.args[0])})"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "_capital" and node.args:  # the same words, capitalised
        return _field_name(node.args[0])
    if isinstance(node, ast.Call):
        return _field_name(node.func.value if isinstance(node.func, ast.Attribute)
                           else node.func)
    if isinstance(node, ast.Subscript):
        return _field_name(node.slice)
    if isinstance(node, ast.Tuple):
        return " and ".join(_field_name(e) for e in node.elts)
    if isinstance(node, ast.Attribute):
        return _field_name(node.value)
    if isinstance(node, ast.Name):
        return node.id.strip("_").lower()
    return ast.unparse(node)


def read_rule_sources(sources: dict[str, str], catalogue: Catalogue | None = None) -> RuleBook:
    """Read rule modules given as ``{module name: source text}``."""
    catalogue = catalogue or load_catalogue()
    book = RuleBook()
    trees = {}
    for module, text in sources.items():
        try:
            trees[module] = ast.parse(text, filename=f"{module}.py")
        except SyntaxError as error:
            book.problems.append(Problem("syntax_error", "error", f"{module}.py:{error.lineno}",
                                         module, f"cannot be parsed: {error.msg}"))
    scope = _Scope(trees, catalogue)
    for module, tree in trees.items():
        reader = _ModuleReader(module, tree, scope)
        book.rules.extend(reader.read())
        book.problems.extend(reader.problems)
    return book


def read_rules(directory: Path = RULES_DIR, catalogue: Catalogue | None = None) -> RuleBook:
    """Read every rule module in ``directory`` (rules/ by default)."""
    sources = {path.stem: path.read_text(encoding="utf-8")
               for path in sorted(directory.glob("*.py")) if path.stem not in _NOT_RULE_MODULES}
    return read_rule_sources(sources, catalogue)


# ---- the checks ---------------------------------------------------------------------------

def _where(call) -> str:
    return f"{call.module}.py:{call.line} {call.rule}"


def check_rules(book: RuleBook, catalogue: Catalogue, against_is_error: bool = True
                ) -> list[Problem]:
    """Every reference a rule makes resolves; every cause, question and pitfall is reached;
    every conclusion carries its rationale and source; rule names are unique."""
    problems: list[Problem] = []
    add = problems.append

    for call in book.evidence():
        if call.cause not in catalogue.causes:
            add(Problem("unknown_cause", "error", _where(call), call.cause,
                        f"evidence for unknown cause {call.cause!r}"))
        if not call.sources:
            add(Problem("missing_source", "error", _where(call), call.cause,
                        f"evidence for {call.cause!r} names no source id"))
        for source in call.sources:
            if source not in catalogue.sources:
                add(Problem("unknown_source", "error", _where(call), source,
                            f"evidence for {call.cause!r} cites unknown source {source!r}"))
        if not call.rationale:
            add(Problem("missing_rationale", "error", _where(call), call.cause,
                        f"evidence for {call.cause!r} has no rationale"))
        if call.direction is None:
            add(Problem("unreadable_weight", "warning", _where(call), call.cause,
                        f"the weight {call.weight_text or '(none)'} of the evidence for "
                        f"{call.cause!r} cannot be read: use a named weight from rules/base.py"))
    for call in book.pitfall_calls():
        if call.pitfall not in catalogue.pitfalls:
            add(Problem("unknown_pitfall", "error", _where(call), call.pitfall,
                        f"pitfall {call.pitfall!r} is not in pitfalls.yaml"))
    for call in book.settle_calls():
        if call.cause not in catalogue.causes:
            add(Problem("unknown_cause", "error", _where(call), call.cause,
                        f"settles on unknown cause {call.cause!r}"))
        if call.source is None:
            add(Problem("missing_source", "error", _where(call), call.cause,
                        f"settling on {call.cause!r} names no source id"))
        elif call.source not in catalogue.sources:
            add(Problem("unknown_source", "error", _where(call), call.source,
                        f"settling on {call.cause!r} cites unknown source {call.source!r}"))
        if not call.reason:
            add(Problem("missing_reason", "error", _where(call), call.cause,
                        f"settles on {call.cause!r} without saying why"))
        if not any(e.cause == call.cause and e.direction == "for"
                   for e in book.evidence_for_rule(call.rule)):
            add(Problem("settled_without_evidence", "error", _where(call), call.cause,
                        f"settles on {call.cause!r} without weighing for it in the same rule "
                        "(the ranking must show what settles it)"))
    for call in book.ask_calls():
        if call.question not in catalogue.questions:
            add(Problem("unknown_question", "error", _where(call), call.question,
                        f"asks unknown question {call.question!r}"))
        if not call.reason:
            add(Problem("missing_reason", "error", _where(call), call.question,
                        f"asks {call.question!r} without saying why"))

    raised = {e.cause for e in book.evidence() if e.direction == "for"}
    opposed = {e.cause for e in book.evidence() if e.direction == "against"}
    for cause in catalogue.causes.values():
        where = f"rules/data/{cause.area}.yaml" if cause.area else "catalogue"
        if cause.id not in raised:
            add(Problem("cause_never_raised", "error", where, cause.id,
                        f"no rule raises cause {cause.id!r} (no evidence with a positive "
                        "weight)"))
        if cause.id not in opposed:
            add(Problem("cause_never_opposed", "error" if against_is_error else "warning",
                        where, cause.id,
                        f"no rule argues against cause {cause.id!r} (no evidence with a "
                        "negative weight)"))
    asked = {a.question for a in book.ask_calls()}
    for question in catalogue.questions.values():
        if question.id not in asked:
            add(Problem("question_never_asked", "error",
                        f"rules/data/{question.area}.yaml", question.id,
                        f"no rule asks question {question.id!r}"))
    flagged = {p.pitfall for p in book.pitfall_calls()}
    for pitfall in catalogue.pitfalls.values():
        if pitfall.id not in flagged:
            add(Problem("pitfall_never_raised", "error", "rules/data/pitfalls.yaml",
                        pitfall.id, f"no rule raises pitfall {pitfall.id!r}"))

    by_name: dict[str, list[RuleInfo]] = {}
    for rule in book.rules:
        by_name.setdefault(rule.name, []).append(rule)
    for name, rules in sorted(by_name.items()):
        if len(rules) > 1:
            places = ", ".join(f"{r.module}.py:{r.line}" for r in rules)
            add(Problem("duplicate_rule_name", "error", places, name,
                        f"rule {name!r} is defined {len(rules)} times ({places}); experta keeps "
                        "only one, silently"))
    return problems


def check_composition(book: RuleBook, rules_dir: Path = RULES_DIR) -> list[Problem]:
    """Every class holding rules is one of the areas composed in knowledge_base.py: rules in
    a class left out of ``AREAS`` never run, whatever they say."""
    path = rules_dir / "knowledge_base.py"
    if not path.exists():
        return []
    composed: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "AREAS"
                                                for t in node.targets):
            composed |= {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
    problems = []
    for owner, module in dict.fromkeys((r.owner, r.module) for r in book.rules):
        if owner not in composed:
            problems.append(Problem("area_not_composed", "error", f"{module}.py", owner,
                                    f"class {owner} holds rules but is not in AREAS in "
                                    "rules/knowledge_base.py, so its rules never run"))
    return problems


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """Cross-references inside the catalogue: sources, drug classes, appraisals, tiers."""
    problems: list[Problem] = []
    add = problems.append
    sources = catalogue.sources
    for cause in catalogue.causes.values():
        where = f"rules/data/{cause.area}.yaml"
        if not cause.sources:
            add(Problem("cause_without_source", "error", where, cause.id,
                        f"cause {cause.id!r} lists no sources"))
        for source in cause.sources:
            if source not in sources:
                add(Problem("unknown_source", "error", where, source,
                            f"cause {cause.id!r} cites unknown source {source!r}"))
        if cause.tier not in TIER_PRIORS:
            add(Problem("unknown_tier", "error", where, cause.id,
                        f"cause {cause.id!r} has unknown tier {cause.tier!r} (one of "
                        f"{', '.join(TIER_PRIORS)})"))
        if cause.category not in CATEGORIES:
            add(Problem("unknown_category", "error", where, cause.id,
                        f"cause {cause.id!r} has unknown category {cause.category!r}"))
        if not (cause.summary or "").strip():
            add(Problem("cause_without_summary", "error", where, cause.id,
                        f"cause {cause.id!r} has no summary"))
    for pitfall in catalogue.pitfalls.values():
        where = "rules/data/pitfalls.yaml"
        if not pitfall.source:
            add(Problem("missing_source", "error", where, pitfall.id,
                        f"pitfall {pitfall.id!r} names no source"))
        elif pitfall.source not in sources:
            add(Problem("unknown_source", "error", where, pitfall.source,
                        f"pitfall {pitfall.id!r} cites unknown source {pitfall.source!r}"))
        if not (pitfall.detail or "").strip() or not (pitfall.summary or "").strip():
            add(Problem("missing_rationale", "error", where, pitfall.id,
                        f"pitfall {pitfall.id!r} needs a summary and a detail"))
        if pitfall.indicator not in INDICATORS:
            add(Problem("unknown_indicator", "error", where, pitfall.id,
                        f"pitfall {pitfall.id!r} has indicator {pitfall.indicator!r}, not one "
                        f"of {', '.join(INDICATORS)}"))
        elif len(pitfall.summary) >= 140:
            add(Problem("long_summary", "warning", where, pitfall.id,
                        f"pitfall {pitfall.id!r} summary is {len(pitfall.summary)} characters; "
                        "the card format asks for under 140"))
    where = "rules/data/drugs.yaml"
    for drug_class in catalogue.drug_classes.values():
        if drug_class.cause is not None and drug_class.cause not in catalogue.causes:
            add(Problem("unknown_cause", "error", where, drug_class.cause,
                        f"drug class {drug_class.id!r} names unknown cause "
                        f"{drug_class.cause!r}"))
        if drug_class.cause is not None and not drug_class.onset_weeks:
            add(Problem("missing_onset", "error", where, drug_class.id,
                        f"drug class {drug_class.id!r} raises a cause but gives no onset_weeks"))
        for source in drug_class.sources:
            if source not in sources:
                add(Problem("unknown_source", "error", where, source,
                            f"drug class {drug_class.id!r} cites unknown source {source!r}"))
    for drug in catalogue.drugs.values():
        if drug.drug_class not in catalogue.drug_classes:
            add(Problem("unknown_drug_class", "error", where, drug.generic,
                        f"drug {drug.generic!r} has unknown class {drug.drug_class!r}"))
    for indication in catalogue.indications.values():
        what = f"indication {indication.id!r}"
        if indication.inference not in INFERENCES:
            add(Problem("unknown_inference", "error", where, indication.id,
                        f"{what} has inference {indication.inference!r}; expected one of "
                        f"{', '.join(INFERENCES)}"))
        if (indication.drug is None) != (indication.inference == "none"):
            add(Problem("indication_drug", "error", where, indication.id,
                        f"{what} must name a drug unless its inference is none, and none then"))
        if indication.drug is not None and indication.drug not in catalogue.drugs:
            add(Problem("unknown_drug", "error", where, indication.drug,
                        f"{what} names {indication.drug!r}, not a generic in the dictionary"))
        if not indication.sources or not indication.rationale:
            add(Problem("missing_source", "error", where, indication.id,
                        f"{what} needs a rationale and at least one source"))
        for source in indication.sources:
            if source not in sources:
                add(Problem("unknown_source", "error", where, source,
                            f"{what} cites unknown source {source!r}"))
    names = [n for i in catalogue.indications.values() for n in (i.id, *i.aliases)]
    for name in sorted({n for n in names if names.count(n) > 1}):
        add(Problem("ambiguous_indication", "error", where, name,
                    f"indication id or alias {name!r} is given more than once"))
    seen: dict[str, str] = {}
    from rules.catalogue import fold_name

    for drug in catalogue.drugs.values():
        for name in (drug.generic, *drug.brands, *drug.synonyms):
            other = seen.setdefault(fold_name(name), drug.generic)
            if other != drug.generic:
                add(Problem("ambiguous_drug_name", "error", where, name,
                            f"drug name {name!r} is given for both {other!r} and "
                            f"{drug.generic!r}"))
    where = "rules/data/appraisals.yaml"
    for appraisal in catalogue.appraisals.values():
        for cause in appraisal.causes:
            if cause not in catalogue.causes:
                add(Problem("unknown_cause", "error", where, cause,
                            f"appraisal {appraisal.id!r} names unknown cause {cause!r}"))
        for source in (*appraisal.sources, *appraisal.references):
            if source not in sources:
                add(Problem("unknown_source", "error", where, source,
                            f"appraisal {appraisal.id!r} cites unknown source {source!r}"))
    for question in catalogue.questions.values():
        if question.kind == "choice" and not question.choices:
            add(Problem("choice_without_choices", "error", f"rules/data/{question.area}.yaml",
                        question.id, f"choice question {question.id!r} lists no choices"))
    return problems


def case_coverage(outcomes) -> CaseCoverage:
    """For each cause, the scored cases that expect it and rank it in their top 3."""
    coverage = CaseCoverage()
    for outcome in outcomes:
        coverage.cases += 1
        if outcome.result is None:
            coverage.errors += 1
            continue
        expected = outcome.case.expected
        if expected is None:
            continue
        ranks = {c.cause: c.rank for c in outcome.result.ranking}
        for cause in expected.causes:
            rank = ranks.get(cause)
            if rank is not None and rank <= 3:
                coverage.covered.setdefault(cause, []).append(outcome.id)
            else:
                coverage.missed.setdefault(cause, []).append((outcome.id, rank))
    return coverage


def check_cases(catalogue: Catalogue, paths: Iterable[str]) -> tuple[list[Problem],
                                                                     CaseCoverage]:
    """Every cause is the top-3 answer of at least one bundled case; every case loads."""
    from .batch import score_paths

    problems: list[Problem] = []
    outcomes = score_paths([str(p) for p in paths])
    for outcome in outcomes:
        if outcome.result is None:
            problems.append(Problem("case_does_not_load", "error", _shown_path(outcome.file),
                                    outcome.id or outcome.file, outcome.error or "failed"))
    coverage = case_coverage(outcomes)
    for cause in catalogue.causes:
        if cause in coverage.covered:
            continue
        missed = coverage.missed.get(cause)
        if missed:
            detail = "; ".join(f"case {case} ranks it " + (f"#{rank}" if rank else "nowhere")
                               for case, rank in missed)
            message = f"no bundled case ranks cause {cause!r} in its top 3 ({detail})"
        else:
            message = f"no bundled case expects cause {cause!r}"
        problems.append(Problem("cause_not_taught", "error", "cases/", cause, message))
    return problems, coverage


def _shown_path(path: str) -> str:
    """A path relative to the working directory when it lies beneath it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def check_knowledge_base(rules_dir: Path = RULES_DIR, cases: Iterable[str] | None = None,
                         catalogue: Catalogue | None = None, score_cases: bool = True
                         ) -> KnowledgeBaseReport:
    """Read the rules and run every check. ``cases`` defaults to the bundled library."""
    catalogue = catalogue or load_catalogue()
    book = read_rules(rules_dir, catalogue)
    from .next_steps import check_next_steps  # it builds on Problem, defined here

    problems = [*book.problems, *check_rules(book, catalogue), *check_composition(book, rules_dir),
                *check_catalogue(catalogue), *check_next_steps(catalogue)]
    coverage = None
    if score_cases:
        case_problems, coverage = check_cases(
            catalogue, cases if cases is not None else [str(CASES_DIR)])
        problems.extend(case_problems)
    order = {"error": 0, "warning": 1}
    problems.sort(key=lambda p: (order[p.severity], p.check, p.where, p.subject))
    return KnowledgeBaseReport(book=book, problems=_unique(problems), catalogue=catalogue,
                               coverage=coverage)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def drug_names(catalogue: Catalogue) -> list[str]:
    """Every name the drug dictionary recognises (generic, brand and synonym)."""
    return sorted({n for d in catalogue.drugs.values()
                   for n in itertools.chain((d.generic,), d.brands, d.synonyms)})


# ---- the case-file format, key by key -------------------------------------------------------

@dataclass(frozen=True)
class CaseKey:
    """One key a case file may use, with what it accepts."""

    section: str  # case, patient, labs, smear, medications, findings, expected, teaching
    key: str
    type: str  # text, number, yes/no, choice, count, percent, list of ids, ...
    description: str = ""
    allowed: tuple[str, ...] = ()
    unit: str | None = None
    accepted_units: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = False


def accepted_units(test) -> tuple[str, ...]:
    """The unit strings a lab value may be written with (besides a bare number in the
    canonical unit)."""
    from .units import unit_spellings

    return unit_spellings(test)


def case_file_keys(catalogue: Catalogue | None = None) -> list[CaseKey]:
    """Every key a case file may use, section by section: enough to write a case by hand."""
    from . import cases

    catalogue = catalogue or load_catalogue()
    keys = [
        CaseKey("case", "id", "text", "the case's identifier, unique in the library",
                required=True),
        CaseKey("case", "title", "text", "a short title"),
    ]
    for question_id in cases.PATIENT_KEYS:
        keys.append(_question_key(catalogue.questions[question_id]))
    for test in catalogue.labs.values():
        kind = {"count": "count", "percent": "percent", "hemoglobin": "number",
                "igg": "number", "plain": "number"}.get(test.kind, test.kind)
        note = test.name
        if test.kind == "count":
            note += " (a bare number is cells/µL"
            note += f"; below {test.bare_minimum:g} it is refused as a likely unit slip)" \
                if test.bare_minimum else ")"
        if test.id in _AGE_RANGED:
            note += "; low / normal / high read against the age- and sex-appropriate range"
        elif test.normal:
            low, high = test.normal
            note += f"; low / normal / high read against {low:g}-{high:g} {test.unit}"
        keys.append(CaseKey("labs", test.id, kind, note, unit=test.unit,
                            accepted_units=accepted_units(test),
                            minimum=test.minimum if test.minimum is not None else 0,
                            maximum=test.maximum if test.maximum is not None
                            else (100 if test.kind == "percent" else None)))
    keys += [
        CaseKey("earlier_counts", "weeks_ago", "number", "weeks before the count under labs: "
                "when this one was taken (or days_ago)", unit="weeks", minimum=0,
                maximum=5200),
        CaseKey("earlier_counts", "days_ago", "number", "days before the count under labs:",
                unit="days", minimum=0),
        CaseKey("earlier_counts", "hours_later", "number", "a repeat count, hours after the "
                "one under labs: (or days_later, weeks_later)", unit="hours", minimum=0),
        CaseKey("earlier_counts", "days_later", "number", "a repeat count, days after the one "
                "under labs:", unit="days", minimum=0),
        CaseKey("earlier_counts", "weeks_later", "number", "a repeat count, weeks after the "
                "one under labs:", unit="weeks", minimum=0),
        CaseKey("earlier_counts", "labs", "mapping", "any labs: keys, in the same forms "
                "(numbers, units, low/normal/high, bounds)", required=True),
        CaseKey("earlier_counts", "note", "text", "free text, kept for the reader"),
    ]
    for finding, name in catalogue.smear.items():
        keys.append(CaseKey("smear", finding, "film finding id", name))
    for key in cases.MEDICATION_KEYS:
        found = _MEDICATION_KEYS.get(key, CaseKey("medications", key, "text"))
        if key == "for":  # the indications the drug dictionary knows, aliases last
            found = replace(found, allowed=tuple(catalogue.indications) + tuple(
                alias for i in catalogue.indications.values() for alias in i.aliases))
        keys.append(found)
    for question in catalogue.questions.values():
        if question.section == "findings":
            keys.append(_question_key(question))
    keys += [
        CaseKey("expected", "causes", "list of cause ids", "the answer: the first listed is "
                "the one ranked for top-1/top-3", allowed=tuple(catalogue.causes)),
        CaseKey("expected", "pitfalls", "list of pitfall ids", "exactly the pitfalls that "
                "apply (precision is measured)", allowed=tuple(catalogue.pitfalls)),
        CaseKey("teaching", "vignette", "text", "the story shown in study mode"),
        CaseKey("teaching", "points", "list of text", "the teaching points"),
        CaseKey("teaching", "difficulty", "choice", "how hard the case is",
                allowed=tuple(cases.DIFFICULTIES)),
    ]
    return keys


# the labs whose words are read against age- and sex-appropriate limits (rules/labs.py)
_AGE_RANGED = ("wbc", "anc", "alc", "hemoglobin", "hematocrit", "platelets")

_MEDICATION_KEYS = {key.key: key for key in (
    CaseKey("medications", "name", "text", "generic or brand name (see `leukodx kb drugs`); an "
            "unrecognised name is kept and reported as a warning; required unless `for` is "
            "given"),
    CaseKey("medications", "for", "choice", "what the drug is for, when the case does not "
            "name it (\"started a drug for rheumatoid arthritis\"): the entry is weighed as the "
            "drug that indication points to (as it, where that is certain; one step weaker "
            "where it is the usual drug but not the only one; for nothing where no drug class "
            "follows), with the same dates; beside a name, the name is weighed"),
    CaseKey("medications", "started_weeks_ago", "number", "weeks since the drug was started",
            unit="weeks", minimum=0, maximum=5200),
    CaseKey("medications", "stopped_weeks_ago", "number", "weeks since it was stopped (omit "
            "while still taken); not more than started_weeks_ago", unit="weeks", minimum=0,
            maximum=5200),
    CaseKey("medications", "dose", "text", "free text, kept for the reader"),
    CaseKey("medications", "note", "text", "free text, kept for the reader"),
)}


def _question_key(question) -> CaseKey:
    kind = {"yesno": "yes/no", "number": "number", "choice": "choice"}.get(question.kind,
                                                                          question.kind)
    allowed = tuple(question.choices) + ("unknown",) if question.kind == "choice" else \
        ("yes", "no", "unknown") if question.kind == "yesno" else ()
    return CaseKey(question.section, question.id, kind, question.text, allowed=allowed,
                   unit=question.unit, minimum=question.minimum, maximum=question.maximum)
