"""The inference loop: declare a case's facts, run the rules, collect what they concluded.

One ``Reasoner`` is built per process and reused with ``reset()`` for every case: building
the RETE network is the expensive part. experta's rule objects share state per class, so a
reasoner must never be used from two threads; parallel scoring uses processes.

Speed (measured with cProfile on batch scoring; see benchmarks/): experta's stock RETE spends
most of a case copying and validating tokens, sending every fact to every root node, polling
every rule's conflict set after each firing and walking the whole network on ``reset()``.
``FastReteMatcher`` builds the same network with experta's own builder and then gives its
nodes subclasses that do the same matching with less overhead: facts are routed to the
root nodes of their own class, literal tests are found in a table by value (and then need
not run), predicates written the same way by hand in several rules are one test, a token is copied only where a node extends its context, each pattern keeps one
memory shared by all the joins it feeds, experta's per-pattern fact bindings are dropped
where no rule can tell two pairings apart, only the conflict sets that changed are polled,
and ``reset()`` clears just the nodes that hold memory. The conclusions (Evidence, Pitfall,
Ask) that no rule's conditions match are recorded directly instead of being pushed through
the network. ``StockReasoner`` keeps
experta's own matcher and declaration path, so tests can prove both give the same result.
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import update_wrapper
from itertools import compress, pairwise
from operator import attrgetter, call, itemgetter
from types import CodeType, FunctionType

from experta import AND, EXISTS, FORALL, NOT, OR, TEST, Fact, watchers
from experta.activation import Activation
from experta.agenda import Agenda
from experta.conditionalelement import ConditionalElement
from experta.fact import InitialFact
from experta.factlist import FactList
from experta.fieldconstraint import ANDFC, NOTFC, ORFC, FieldConstraint, L, P, W
from experta.matchers.rete import ReteMatcher
from experta.matchers.rete.check import (
    FactCapture,
    FeatureCheck,
    SameContextCheck,
    TypeCheck,
    WhereCheck,
)
from experta.matchers.rete.nodes import (
    BusNode,
    ConflictSetNode,
    FeatureTesterNode,
    NotNode,
    OrdinaryMatchNode,
    WhereNode,
)
from experta.matchers.rete.token import Token
from experta.matchers.rete.utils import prepare_rule
from experta.rule import Rule
from experta.strategies import DepthStrategy
from experta.utils import frozenlist
from frozendict import frozendict

from rules.catalogue import load_catalogue
from rules.derived_findings import with_implied_answers
from rules.facts import (
    ONE_PER_CASE,
    Ask,
    Evidence,
    Findings,
    History,
    Labs,
    Medication,
    Patient,
    Pitfall,
    Settled,
    Smear,
)
from rules.knowledge_base import KnowledgeBase
from rules.labs import lab_values

from .cases import Case

VALID, INVALID = Token.TagType.VALID, Token.TagType.INVALID


class FastToken(Token):
    """A RETE token built without experta's per-token type assertions (the network only
    ever builds tokens from declared facts)."""

    __slots__ = ()

    def __new__(cls, tag, data, context=None):
        if context is None:
            context = {}
        # frozen, as every token's facts are (the NOT and conflict-set nodes rely on it)
        data = frozenset((data,)) if isinstance(data, Fact) else frozenset(data)
        return tuple.__new__(cls, (tag, data, context))

    def copy(self):
        return tuple.__new__(type(self), (self[0], set(self[1]), dict(self[2])))

    def is_valid(self):
        return self[0] is VALID


# NOT and conflict-set nodes remember a token by what experta's ``TokenInfo`` holds (the
# facts and the bindings, frozen), as a plain tuple; most tokens bind nothing
_NO_BINDINGS = frozenset()


# a token made again from what a node remembers carries the remembered frozen set of facts
# itself (no node changes a token's facts; a join makes a new set of both sides'), so the
# conflict set it reaches freezes it at no cost (``frozenset`` of a frozenset is itself)
def _valid_from_info(info: tuple) -> FastToken:
    return tuple.__new__(FastToken, (VALID, info[0], dict(info[1])))


def _invalid_from_info(info: tuple) -> FastToken:
    return tuple.__new__(FastToken, (INVALID, info[0], dict(info[1])))


# ---- nodes: experta's, with the same matching and less overhead ---------------------------
#
# Tokens are passed on without copying: the only node that changes a token is the feature
# tester that adds bindings to its context, and it builds a new token to do so.

class FastBusNode(BusNode):
    """Sends a fact only to the root nodes that test for its class. Tokens in the alpha
    part carry their one fact as a fourth element, so no node has to fish it out of the
    token's set. The set is frozen from the start (no node changes a token's facts): the
    NOT and conflict-set nodes, which remember a token by its facts frozen, then freeze
    them at no cost (``frozenset`` of a frozenset is itself), and a join's union of two
    frozen sets is frozen too."""

    routes: dict = {}
    untyped: tuple = ()

    def add(self, fact):
        token = tuple.__new__(FastToken, (VALID, frozenset((fact,)), {}, fact))
        for callback in self.routes.get(type(fact), self.untyped):
            callback(token)

    def remove(self, fact):
        token = tuple.__new__(FastToken, (INVALID, frozenset((fact,)), {}, fact))
        for callback in self.routes.get(type(fact), self.untyped):
            callback(token)


_ABSENT = object()  # a field the fact does not have


class FastFeatureTesterNode(FeatureTesterNode):
    """Tests one feature of a fact. Children that test one field for a literal value are
    found through a table keyed by that value instead of being tried one by one, and
    children whose test needs a field (``P``, ``W``) are tried only when the fact has it."""

    test = None  # a fast equivalent of ``matcher``, set when the network is converted
    needs = None  # the field without which ``test`` fails (for a P or W test)
    index: tuple = ()  # (field, {value: callbacks}) for the literal tests among the children
    pairs: dict = {}  # the same as {(field, value): callbacks}
    present: tuple = ()  # (field, callbacks) for the children that need that field
    needing: dict = {}  # the same as {field: callbacks}
    width = 0  # how many fields ``index`` and ``present`` name
    rest: tuple = ()  # the other children's callbacks
    capture = None  # the context key a FactCapture node binds the fact to

    def activate(self, token):
        fact = token[3]
        match = self.test(fact)
        if not match:
            return
        if match is not True and (type(match) is dict or type(match) is not bool
                                  and isinstance(match, Mapping)):
            context = token[2]
            for key, value in match.items():
                if isinstance(key, tuple):  # a negated condition
                    if key[1] in context and context[key[1]] == value:
                        return
                else:
                    if context.get(key, value) != value:
                        return
                    if (False, key) in context and context[(False, key)] == value:
                        return
            context = dict(context)
            context.update(match)
            token = tuple.__new__(FastToken, (token[0], token[1], context, fact))
        if self.width:
            self._by_field(token, fact)
        for callback in self.rest:
            callback(token)

    def _by_field(self, token, fact) -> None:
        """Hand the token to the children that test a field of the fact: looked up field
        by field, from the fact's side or the tables', whichever names fewer."""
        if len(fact) < self.width:
            pairs, needing = self.pairs, self.needing
            # one kind of table: the fact's fields looked up in it in C, in the fact's
            # order (the order the loop below hands the token on in)
            if not needing:
                try:
                    found = list(filter(None, map(pairs.get, fact.items())))
                except TypeError:  # an unhashable value: the loop below
                    found = None
                if found is not None:
                    for callbacks in found:
                        for callback in callbacks:
                            callback(token)
                    return
            elif not pairs:
                for callbacks in list(filter(None, map(needing.get, fact))):
                    for callback in callbacks:
                        callback(token)
                return
            for item in fact.items():
                if needing:
                    callbacks = needing.get(item[0])
                    if callbacks:
                        for callback in callbacks:
                            callback(token)
                if pairs:
                    try:
                        callbacks = pairs.get(item)
                    except TypeError:  # an unhashable value: the literal tests, one by one
                        callbacks = self._equal_to(item[0], item[1])
                    if callbacks:
                        for callback in callbacks:
                            callback(token)
            return
        for what, table in self.index:
            try:
                callbacks = table.get(dict.get(fact, what, _ABSENT))
            except TypeError:  # an unhashable value: the literal tests, one by one
                callbacks = self._equal_to(what, dict.get(fact, what, _ABSENT))
            if callbacks:
                for callback in callbacks:
                    callback(token)
        for what, callbacks in self.present:
            if what in fact:
                for callback in callbacks:
                    callback(token)

    def _equal_to(self, what, value) -> list:
        table = dict(self.index).get(what, {})
        return [c for literal, group in table.items() if literal == value for c in group]

    def build_index(self):
        """Sort the children into literal tests (indexed by field and value), tests that
        need a field (indexed by field) and the rest."""
        tables: dict[str, dict] = {}
        present: dict[str, list] = {}
        rest = []
        for child in self.children:
            literal = _literal_test(child.node)
            plain = child.callback.__name__ == "activate"
            if literal is not None and plain:
                what, value = literal
                tables.setdefault(what, {}).setdefault(value, []).append(child.callback)
            elif plain and type(child.node) in _TESTING and child.node.needs:
                present.setdefault(child.node.needs, []).append(child.callback)
            else:
                rest.append(child.callback)
        self.index = tuple((what, {v: tuple(c) for v, c in table.items()})
                           for what, table in tables.items())
        self.pairs = {(what, v): callbacks for what, table in self.index
                      for v, callbacks in table.items()}
        self.present = tuple((what, tuple(c)) for what, c in present.items())
        self.needing = dict(self.present)
        self.width = len(self.index) + len(self.present)
        self.rest = tuple(rest)


class FastPredicateNode(FastFeatureTesterNode):
    """A plain ``P`` test of one field, run here rather than through ``test`` (one call
    fewer for each fact it sees): fails when the fact lacks the field."""

    predicate = None  # the P's function

    def activate(self, token):
        fact = token[3]
        value = dict.get(fact, self.needs, _ABSENT)
        if value is _ABSENT or not self.predicate(value):
            return
        if self.width:
            self._by_field(token, fact)
        for callback in self.rest:
            callback(token)


class FastHasFieldNode(FastFeatureTesterNode):
    """A plain ``W`` test of one field (the fact has it), run here rather than through
    ``test``."""

    def activate(self, token):
        fact = token[3]
        if self.needs not in fact:
            return
        if self.width:
            self._by_field(token, fact)
        for callback in self.rest:
            callback(token)


class FastPassNode(FastFeatureTesterNode):
    """A node whose test is known to pass for every fact that reaches it: a class's root
    (the bus routes by class) or a literal test reached through its parent's table (the
    table's key is the tested value). It only hands the token on."""

    def activate(self, token):
        if self.width:
            self._by_field(token, token[3])
        for callback in self.rest:
            callback(token)


class FastCaptureNode(FastFeatureTesterNode):
    """Binds the fact itself to a name (``AS.name << Fact(...)``)."""

    def activate(self, token):
        fact, bind, context = token[3], self.capture, token[2]
        if (bind in context and context[bind] != fact) \
                or ((False, bind) in context and context[(False, bind)] == fact):
            return
        context = dict(context)
        context[bind] = fact
        token = tuple.__new__(FastToken, (token[0], token[1], context, fact))
        for callback in self.rest:
            callback(token)

    def build_index(self):
        self.index, self.rest = (), tuple(child.callback for child in self.children)


_TESTING = (FastFeatureTesterNode, FastPredicateNode, FastHasFieldNode)  # nodes that test


def _literal_test(node) -> tuple[str, object] | None:
    """(field, value) when ``node`` tests a plain field for equality with a hashable value."""
    check = getattr(node, "matcher", None)
    if not isinstance(node, FastFeatureTesterNode) or not isinstance(check, FeatureCheck):
        return None
    how, what = check.how, check.what
    if not isinstance(how, L) or how.__bind__ is not None or not isinstance(what, str) \
            or "__" in what or what.isnumeric():
        return None
    try:
        hash(how.value)
    except TypeError:
        return None
    return what, how.value


class FastWhereNode(WhereNode):
    def activate(self, token):
        if self.matcher(token[2]):
            for callback in self.callbacks:
                callback(token)


# the case now being matched: a fresh object at every matcher's reset(). A node stamped
# with it has already, in this case, put its containers' clear methods on the matcher's
# list for reset() (several matchers in one process share it: a reset of one only makes
# the other's nodes list themselves a second time, and clearing twice is harmless)
_this_case = object()


class _Touched:
    """A node with memory that tells the matcher when it first holds something, so that
    ``reset()`` clears only the nodes a case touched. A node knows the ``clear`` methods
    of its containers; the first time it holds something in a case it stamps itself with
    the case and adds them to the matcher's list, which ``reset()`` calls and empties:
    no per-node flag to take away again, no method of each node called."""

    cleared: list = []  # the matcher's list of clear methods, set when the network is built
    containers: tuple = ()  # this node's own containers' clear methods (see _containers)
    seen_in = None  # the case in which the node last listed its containers

    # when a node first holds something in a case (written out where it happens: a call
    # costs more than these lines) it stamps itself and lists its containers in ``cleared``

    def remember(self, memory: list, token) -> None:
        """Add the token's facts and bindings to ``memory``, or take them away when the
        token withdraws them; the first time in a case, tell the matcher that this node
        now has something to clear."""
        if self.seen_in is not _this_case:
            self.seen_in = _this_case
            self.cleared.extend(self.containers)
        if token[0] is VALID:
            memory.append((token[1], token[2]))
        else:
            try:
                memory.remove((token[1], token[2]))
            except ValueError:
                pass


class FastOrdinaryMatchNode(_Touched, OrdinaryMatchNode):
    shared_left = shared_right = False  # a side whose memory is an AlphaMemory's

    def _containers(self) -> tuple:
        return tuple(memory.clear for memory, shared in ((self.left_memory, self.shared_left),
                                                         (self.right_memory, self.shared_right))
                     if not shared)

    # memories hold (facts, context) pairs as the tokens carry them (never changed after a
    # token is built), not experta's frozen copies. Usually the other side is empty and the
    # token is only remembered.
    def activate_left(self, token):
        memory = self.left_memory
        if token[0] is VALID:
            if self.seen_in is not _this_case:  # self.remember(memory, token), inline
                self.seen_in = _this_case
                self.cleared.extend(self.containers)
            memory.append((token[1], token[2]))
        else:
            self.remember(memory, token)
        if self.right_memory:
            self._join(token, self.right_memory, True)

    def activate_right(self, token):
        memory = self.right_memory
        if token[0] is VALID:
            if self.seen_in is not _this_case:  # self.remember(memory, token), inline
                self.seen_in = _this_case
                self.cleared.extend(self.containers)
            memory.append((token[1], token[2]))
        else:
            self.remember(memory, token)
        if self.left_memory:
            self._join(token, self.left_memory, False)

    def _join(self, token, matching_memory, is_left):
        data, context = token[1], token[2]
        matcher = self.matcher
        for other_data, other_context in matching_memory:
            # experta's check compares the bindings the two sides share: none when either
            # side binds nothing, the usual case (and then nothing needs merging either)
            if context and other_context:
                if not (matcher(context, other_context) if is_left
                        else matcher(other_context, context)):
                    continue
            if context or other_context:
                joined = {k: v for k, v in context.items() if isinstance(k, str)}
                for k, v in other_context.items():
                    if not isinstance(k, tuple):
                        joined[k] = v
            else:
                joined = {}
            new = tuple.__new__(FastToken, (token[0], data | other_data, joined))
            for callback in self.callbacks:
                callback(new)




class AlphaMemory(_Touched):
    """The facts that passed one pattern's tests, kept once for every join that takes that
    pattern as an input (experta gives each join its own copy). A new fact is remembered
    once and then offered to each join, which compares it with its other side only when
    that side holds something. Joins further down a rule come first, so that a token
    built from this fact higher up never meets the fact a second time (Doorenbos 1995,
    section 2.4).

    A pattern read by many rules (``CellLines(pattern=W())``, "a count is low", feeds some
    700 joins) looks at every join's other side for each new fact, though in a case few of
    them hold anything; that is done in C, without a bytecode for an empty side. (Right
    unlinking, Doorenbos 1995, section 2.5, offering a fact only to the joins whose other
    side has received a token in the case, was tried for the memories that feed 100 joins
    or more: linking some 380 joins a case cost more than the look it saved, 8.07 M
    instructions a case without it against 8.39 M with it.)"""

    def __init__(self, joins: list[tuple[FastOrdinaryMatchNode, bool]]):
        self.memory: list = []
        self.joins = tuple(joins)  # (join, True when this is its left input)
        # (join, the memory of its other side, is_left) for each join, set once every
        # join's memories are in place (the memories are emptied, never replaced)
        self.others: tuple = ()
        self.sides: tuple = ()  # the same joins' other memories, in the same order
        self.children: list = []  # nothing below it but the joins, reached directly

    def _containers(self) -> tuple:
        return (self.memory.clear,)

    def activate(self, token):
        memory = self.memory
        if token[0] is VALID:
            if self.seen_in is not _this_case:  # self.remember(memory, token), inline
                self.seen_in = _this_case
                self.cleared.extend(self.containers)
            memory.append((token[1], token[2]))
        else:
            self.remember(memory, token)
        # the joins whose other side holds something, each looked at as it is reached
        # (a join below may fill another's memory meanwhile), without a bytecode for an
        # empty one (``compress`` asks each memory whether it is empty, in C, without a
        # call to fetch it from its entry)
        for join, other, is_left in compress(self.others, self.sides):
            join._join(token, other, is_left)


class FastNotNode(_Touched, NotNode):
    def _containers(self) -> tuple:
        return self.left_memory.clear, self.right_memory.clear

    def activate_left(self, token):
        if self.seen_in is not _this_case:
            self.seen_in = _this_case
            self.cleared.extend(self.containers)
        # a token's facts are a frozen set already (see FastBusNode)
        info = (token[1], frozenset(token[2].items()) if token[2] else _NO_BINDINGS)
        valid = token[0] is VALID
        if not self.right_memory:
            if valid:
                self.left_memory[info] = 0
            else:
                del self.left_memory[info]
            for callback in self.callbacks:
                callback(token)
            return
        count = 0
        context = token[2]
        for _, right_context in self.right_memory:
            if not context or not right_context or self.matcher(context, right_context):
                count += 1
                if not valid:
                    break
        if count == 0:
            for callback in self.callbacks:
                callback(token)
        if valid:
            self.left_memory[info] = count
        else:
            del self.left_memory[info]

    def activate_right(self, token):
        if self.seen_in is not _this_case:
            self.seen_in = _this_case
            self.cleared.extend(self.containers)
        # the right memory holds (facts, context) as the token carries them (never changed
        # after a token is built, and equal when experta's frozen copies would be)
        memory = self.left_memory
        if token[0] is VALID:
            self.right_memory.append((token[1], token[2]))
            if not memory:  # nothing on the left to withdraw (most facts that reach here)
                return
            inc = 1
        else:
            inc = -1
            self.right_memory.remove((token[1], token[2]))
        context = token[2]
        for left in memory:
            if not left[1] or not context or self.matcher(dict(left[1]), context):
                count = memory[left] + inc  # a value changed, no key: the loop goes on
                memory[left] = count
                if inc == 1:
                    if count == 1:  # the first fact against it: withdrawn
                        new = _invalid_from_info(left)
                        for callback in self.callbacks:
                            callback(new)
                elif count == 0:  # the last fact against it gone: valid again
                    new = _valid_from_info(left)
                    for callback in self.callbacks:
                        callback(new)


class FastActivation(Activation):
    """experta's activation, made in one step by ``FastConflictSetNode``. Its facts are the
    frozen set the conflict set remembers (equal to experta's set of them). The conflict
    sets keep their changes by what they remember of the token, so an activation's hash is
    asked only by code outside the fast path: it is computed as experta's equality allows
    (equal activations have the same rule and facts)."""

    def __init__(self, rule, facts, context):
        self.rule, self.facts, self.context, self.key = rule, frozenset(facts), context, None

    def __hash__(self):
        return hash(self.facts)


_new_activation = object.__new__


class FastConflictSetNode(ConflictSetNode):
    """Puts the activations it adds and withdraws straight on the matcher's two dicts of
    changes since the last poll, keyed by the node and what it remembers of the token (its
    facts and bindings), which tells two activations of a rule apart as experta's equality
    does, without a Python-level hash of each activation; an activation withdrawn before
    the poll is simply taken off again. The matcher hands them on by rule name, each
    rule's in the order they came (as experta polls each rule's conflict set in turn), so
    no rule's conflict set is visited to collect them. What a conflict set holds (experta's
    memory of it) is one set of the matcher's for all of them, by the same keys, emptied at
    ``reset()``: no conflict set has anything of its own to clear."""

    activated: dict = {}  # the matcher's dicts, set when the network is converted
    withdrawn: dict = {}
    active: set = set()  # the matcher's: (node, remembered token) for every token held
    order = 0  # position by rule name: the order in which changes are collected
    salience = 0  # the rule's

    def activate(self, token):
        # a token's facts are a frozen set already (see FastBusNode): no copy to freeze them
        data, context = token[1], token[2]
        change = (self, (data, frozenset(context.items())) if context else data)
        if token[0] is VALID:
            active = self.active
            if change in active:
                return
            active.add(change)
            withdrawn = self.withdrawn
            if withdrawn and change in withdrawn:
                del withdrawn[change]
            else:
                activation = _new_activation(FastActivation)  # self._activation(...), inline
                # the key's second part: one bit for each fact's number (see _fact_bits)
                if len(data) == 1:  # one fact (most tokens)
                    for fact in data:
                        bits = 1 << fact["__factid__"]
                elif len(data) == 2:  # two (most of the rest)
                    first, second = data
                    bits = (1 << first["__factid__"]) | (1 << second["__factid__"])
                else:
                    bits = _fact_bits(data)
                activation.__dict__ = {
                    "rule": self.rule, "facts": data,
                    "context": {k: v for k, v in context.items() if isinstance(k, str)}
                    if context else {},
                    "key": (self.salience, bits), "order": self.order}
                self.activated[change] = activation
        else:
            try:
                self.active.remove(change)
            except KeyError:
                return
            activated = self.activated
            if activated and change in activated:
                del activated[change]
            else:
                self.withdrawn[change] = self._activation(context, data)

    def _activation(self, context, data) -> FastActivation:
        activation = _new_activation(FastActivation)
        # what FastActivation.__init__ sets, in one step
        activation.__dict__ = {
            "rule": self.rule, "facts": data,
            "context": {k: v for k, v in context.items() if isinstance(k, str)}
            if context else {},
            "key": (self.salience, _fact_bits(data)), "order": self.order}
        return activation


_FAST_NODES = {
    FeatureTesterNode: FastFeatureTesterNode,
    WhereNode: FastWhereNode,
    OrdinaryMatchNode: FastOrdinaryMatchNode,
    NotNode: FastNotNode,
    ConflictSetNode: FastConflictSetNode,
}


def _always(fact):
    return True


def _fast_test(check, plain: bool):
    """A plain function doing what an experta alpha check does, minus its logging.
    ``plain``: no fact class declares fields with defaults, so a field a fact lacks is
    simply absent (experta would look for a default in ``__missing__`` and raise)."""
    if isinstance(check, TypeCheck):
        # facts reach a class's node only through the bus's route for that class
        return _always
    if isinstance(check, FeatureCheck) and isinstance(check.what, str) \
            and "__" not in check.what and not check.what.isnumeric():
        what, test, expected, how = check.what, check.check, check.expected, check.how
        if plain and type(how) in (L, P, W) and how.__bind__ is None:
            if type(how) is W:
                return lambda fact: what in fact
            if type(how) is L:
                literal = how.value
                return lambda fact: literal == dict.get(fact, what, _ABSENT)
            predicate = how.match

            def satisfies(fact):
                value = dict.get(fact, what, _ABSENT)
                return value is not _ABSENT and bool(predicate(value))
            return satisfies

        value_test = _value_test(how)
        if value_test is None:
            def feature(fact):
                try:
                    value = fact[what]
                except (IndexError, KeyError, TypeError):
                    return False
                return test(value, expected)
            return feature

        def feature_tested(fact):
            try:
                value = fact[what]
            except (IndexError, KeyError, TypeError):
                return False
            return value_test(value)
        return feature_tested
    if isinstance(check, FactCapture):
        bind = check.bind
        return lambda fact: {bind: fact}
    return check


def _value_test(how, depth: int = 0):
    """A plain function of a field's value giving what experta's check of ``how`` gives
    (True, False or the bindings it makes), minus its logging: experta runs each part of a
    combined test (``P(...) & P(...)``, ``~L(...)``, ``L(...) | L(...)``) and each test that
    binds a name (``MATCH.drug``) through a ``FeatureCheck`` that logs every result, two
    calls of the logging module for each. The same checks in the same order: a literal
    compared as ``value == actual``, a predicate called on the value, a binding made as a
    mapping; ``~`` turns bindings into negated ones and anything else into ``not``, ``&``
    stops at the first False and merges bindings, ``|`` returns the first true result.
    None for anything else (experta's own check is kept)."""
    kind = type(how)
    if kind in (L, P, W):
        bind = how.__bind__
        if kind is W:
            if bind is None:
                return _always
            return lambda actual: {bind: actual}
        if kind is L:
            literal = how.value
            if bind is None:
                return lambda actual: True if literal == actual else False
            return lambda actual: {bind: actual} if literal == actual else False
        predicate = how.match
        if bind is None:
            return lambda actual: True if predicate(actual) else False
        return lambda actual: {bind: actual} if predicate(actual) else False
    if kind not in _COMPOSITE_CONSTRAINTS or depth > _NESTED_FUNCTIONS:
        return None
    parts = [_value_test(part if isinstance(part, FieldConstraint) else L(part), depth + 1)
             for part in how]
    if None in parts:
        return None
    if kind is NOTFC:
        inner = parts[0]

        def negated(actual):
            result = inner(actual)
            if type(result) is dict or isinstance(result, Mapping):
                return {(False, k): v for k, v in result.items()}
            return not result
        return negated
    parts = tuple(parts)
    if kind is ANDFC:
        def all_of(actual):
            value = {}
            for part in parts:
                result = part(actual)
                if result is False:
                    return False
                if result is True:
                    continue
                if type(result) is dict or isinstance(result, Mapping):
                    value.update(result)
                else:
                    raise TypeError("Bad check value.")
            return value or True
        return all_of

    def any_of(actual):
        for part in parts:
            result = part(actual)
            if result:
                return result
        return False
    return any_of


def _field_needed(check, plain: bool) -> str | None:
    """The field without which ``_fast_test(check, plain)`` fails every fact: a plain P or
    W test (both fail when the fact lacks the field)."""
    if plain and isinstance(check, FeatureCheck) and isinstance(check.what, str) \
            and "__" not in check.what and not check.what.isnumeric() \
            and type(check.how) in (P, W) and check.how.__bind__ is None:
        return check.what
    return None


def _wire_rule(rule, alpha_terminals: dict, lhs) -> None:
    """experta's ``wire_rule``: the beta nodes of one rule (or one alternative of its OR),
    ending in the rule's conflict-set node. The same nodes, made and linked in the same
    order; the kind of each element is told with ``isinstance`` instead of a
    ``functools.singledispatch`` function made afresh for every rule, which worked out each
    class's method resolution order again on every rule (a third of building the network).
    The classes tried are unrelated to each other, so the order of the tests does not
    matter."""

    def wire(elem):
        if isinstance(elem, Fact):
            return alpha_terminals[elem]
        if isinstance(elem, (Rule, AND)):
            return wire_and(elem)
        if isinstance(elem, NOT):
            return alpha_terminals[elem[0]]
        if isinstance(elem, TEST):
            return WhereNode(WhereCheck(elem[0]))
        if isinstance(elem, EXISTS):
            return wire_exists(elem)
        if isinstance(elem, FORALL):
            return wire_forall(elem)
        if isinstance(elem, OR):
            raise SyntaxError("You can't use an OR clause inside FORALL or EXISTS")
        raise TypeError(f"Unknown type {type(elem)}")

    def wire_forall(elem):
        leader, followers = elem[0], elem[1:]
        initial_fact_node = wire(InitialFact())
        leader_node = wire(leader)
        followers_node = wire(AND(*followers))
        not_node_1 = NotNode(SameContextCheck())
        not_node_2 = NotNode(SameContextCheck())
        followers_node.add_child(not_node_1, not_node_1.activate_right)
        leader_node.add_child(not_node_1, not_node_1.activate_left)
        not_node_1.add_child(not_node_2, not_node_2.activate_right)
        initial_fact_node.add_child(not_node_2, not_node_2.activate_left)
        return not_node_2

    def wire_exists(elem):
        condition_node = wire(elem[0])
        initial_fact_node = wire(InitialFact())
        not_node_1 = NotNode(SameContextCheck())
        not_node_2 = NotNode(SameContextCheck())
        condition_node.add_child(not_node_1, not_node_1.activate_right)
        initial_fact_node.add_child(not_node_1, not_node_1.activate_left)
        initial_fact_node.add_child(not_node_2, not_node_2.activate_left)
        not_node_1.add_child(not_node_2, not_node_2.activate_right)
        return not_node_2

    def wire_and(elem):
        if len(elem) == 1:
            if isinstance(elem[0], Fact):
                return alpha_terminals[elem[0]]
            return wire(elem[0])
        current_node = None
        for first, second in pairwise(elem):
            if isinstance(second, TEST):
                if current_node is None:
                    current_node = wire(first)
                new_node = wire(second)
                current_node.add_child(new_node, new_node.activate)
                current_node = new_node
            else:
                node_cls = NotNode if isinstance(second, NOT) else OrdinaryMatchNode
                if current_node is None:
                    current_node = node_cls(SameContextCheck())
                    left_branch = wire(first)
                    right_branch = wire(second)
                else:
                    left_branch = current_node
                    right_branch = wire(second)
                    current_node = node_cls(SameContextCheck())
                left_branch.add_child(current_node, current_node.activate_left)
                right_branch.add_child(current_node, current_node.activate_right)
        return current_node

    last_node = wire(lhs)
    conflict_set_node = ConflictSetNode(rule)
    last_node.add_child(conflict_set_node, conflict_set_node.activate)


class FastReteMatcher(ReteMatcher):
    """experta's RETE network, built by experta, run by the faster node subclasses above.

    Activations come out in a fixed order (by rule name), so that ties on the agenda are
    broken the same way in every process whatever its hash seed."""

    def __init__(self, *args, **kwargs):
        # the activations added and withdrawn since the last poll (see FastConflictSetNode)
        self.activated: dict = {}
        self.withdrawn: dict = {}
        self.active: set = set()  # what the conflict sets hold (see FastConflictSetNode)
        self.cleared: list = []  # the clear methods of the containers touched in this case
        super().__init__(*args, **kwargs)

    def prepare_ruleset(self, engine):
        # kept for _skip_pattern_captures: preparing every rule again took a third of the
        # network's build time
        self.prepared_rules = _sharing_predicates(
            [prepared(_RewrittenRule.of(rule)) for rule in engine.get_rules()])
        return set(self.prepared_rules)

    @staticmethod
    def build_beta_part(ruleset, alpha_terminals):
        # experta's, wiring each rule with _wire_rule (see there)
        for rule in ruleset:
            if isinstance(rule[0], OR):
                for subrule in rule[0]:
                    _wire_rule(rule, alpha_terminals, subrule)
            else:
                _wire_rule(rule, alpha_terminals, rule)

    def build_network(self):
        super().build_network()
        nodes = self._all_nodes()
        root = self.root_node
        routed = [child.node.matcher.fact_type for child in root.children
                  if isinstance(getattr(child.node, "matcher", None), TypeCheck)]
        plain = all(not getattr(kind, "__fields__", None) for kind in routed)
        for node in nodes:
            fast = _FAST_NODES.get(type(node))
            if fast is not None:
                node.__class__ = fast
            if isinstance(node, FastFeatureTesterNode):
                node.test = _fast_test(node.matcher, plain)
                node.needs = _field_needed(node.matcher, plain)
                if node.needs is not None and type(node) is FastFeatureTesterNode:
                    if type(node.matcher.how) is P:
                        node.__class__ = FastPredicateNode
                        node.predicate = node.matcher.how.match
                    else:
                        node.__class__ = FastHasFieldNode
                if isinstance(node.matcher, FactCapture):
                    node.__class__ = FastCaptureNode
                    node.capture = node.matcher.bind
            if isinstance(node, FastConflictSetNode):
                node.activated, node.withdrawn = self.activated, self.withdrawn
                node.active = self.active
            if isinstance(node, _Touched):
                node.cleared = self.cleared
        self._skip_tests_that_cannot_fail(nodes)
        for node in nodes:  # callbacks were bound before the classes changed
            node.children[:] = [type(child)(child.node,
                                            getattr(child.node, child.callback.__name__))
                                for child in node.children]
        self._skip_pattern_captures(root)
        nodes = self._all_nodes()  # without the captures just taken out
        self._share_alpha_memories(nodes)
        for node in nodes:
            if isinstance(node, FastFeatureTesterNode):
                node.build_index()
        # every node with memory, the alpha memories and the joins reached only through
        # them included (no memory is replaced from now on)
        seen: dict[int, object] = {}
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) not in seen:
                seen[id(node)] = node
                stack.extend(child.node for child in node.children)
                stack.extend(join for join, _ in getattr(node, "joins", ()))
        for node in seen.values():
            if isinstance(node, _Touched):
                node.containers = node._containers()
            # the children's callbacks, for the nodes that call them all (no attribute of
            # experta's ChildNode looked up on every token)
            node.callbacks = tuple(child.callback for child in getattr(node, "children", ()))
        conflict_sets = [n for n in nodes if isinstance(n, FastConflictSetNode)]
        conflict_sets.sort(key=lambda n: n.rule._wrapped.__name__
                           if n.rule._wrapped else "")
        for index, node in enumerate(conflict_sets):
            node.order = index
            node.salience = node.rule.salience
        root.__class__ = FastBusNode
        routes: dict[type, list] = {}
        untyped = []
        for child in root.children:
            matcher = getattr(child.node, "matcher", None)
            if isinstance(matcher, TypeCheck):
                routes.setdefault(matcher.fact_type, []).append(child.callback)
            else:
                untyped.append(child.callback)
        root.routes = {kind: tuple(callbacks + untyped) for kind, callbacks in routes.items()}
        root.untyped = tuple(untyped)

    def _share_alpha_memories(self, nodes) -> None:
        """Give each pattern that feeds joins one ``AlphaMemory`` in their place."""
        depth: dict[int, int] = {}  # beta node -> the longest chain of beta nodes above it
        feeders: dict[int, list] = {}
        for node in nodes:
            for child in node.children:
                feeders.setdefault(id(child.node), []).append(node)

        def depth_of(node) -> int:
            if id(node) not in depth:
                depth[id(node)] = 0  # guards against cycles, which RETE never has
                above = [p for p in feeders.get(id(node), ())
                         if not isinstance(p, FastFeatureTesterNode)]
                depth[id(node)] = 1 + max((depth_of(p) for p in above), default=-1)
            return depth[id(node)]

        alphas: list[AlphaMemory] = []
        for node in [n for n in nodes if isinstance(n, FastFeatureTesterNode)]:
            joins = [(child.node, child.callback.__name__ == "activate_left")
                     for child in node.children
                     if type(child.node) is FastOrdinaryMatchNode
                     and child.callback.__name__ in ("activate_left", "activate_right")]
            fed = Counter(id(j) for j, _ in joins)
            twice = {key for key, count in fed.items() if count > 1}
            joins = [(j, left) for j, left in joins if id(j) not in twice]
            if not joins:
                continue
            memory = AlphaMemory(sorted(joins, key=lambda entry: -depth_of(entry[0])))
            memory.cleared = self.cleared
            for join, is_left in joins:
                if is_left:
                    join.left_memory, join.shared_left = memory.memory, True
                else:
                    join.right_memory, join.shared_right = memory.memory, True
            alphas.append(memory)
            first = next(i for i, child in enumerate(node.children)
                         if any(child.node is j for j, _ in joins))
            replaced = {id(j) for j, _ in joins}
            kept = [c for c in node.children if id(c.node) not in replaced]
            kept.insert(sum(1 for c in node.children[:first] if id(c.node) not in replaced),
                        type(node.children[0])(memory, memory.activate))
            node.children[:] = kept
        for alpha in alphas:
            alpha.others = tuple((join, join.right_memory if is_left else join.left_memory,
                                  is_left) for join, is_left in alpha.joins)
            alpha.sides = tuple(other for _, other, _ in alpha.others)

    @staticmethod
    def _skip_tests_that_cannot_fail(nodes) -> None:
        """Class roots (the bus routes each fact to its own class's root) and literal
        tests that their parent reaches through its table by value pass every fact that
        reaches them: they become pass-through nodes."""
        indexed: dict[int, bool] = {}
        for node in nodes:
            for child in node.children:
                reached_by_value = (type(node) in _TESTING
                                    and child.callback.__name__ == "activate"
                                    and _literal_test(child.node) is not None)
                indexed[id(child.node)] = indexed.get(id(child.node), True) \
                    and reached_by_value
        for node in nodes:
            if type(node) is FastFeatureTesterNode and (
                    isinstance(node.matcher, TypeCheck) or indexed.get(id(node), False)):
                node.__class__ = FastPassNode

    def _skip_pattern_captures(self, root) -> None:
        """experta ends every pattern with a node that binds the matched fact to a name of
        its own (``__pattern_<id>__``) that no rule reads. The binding only matters when one
        rule has two patterns of a class with several facts per case: it keeps the two
        pairings of two facts apart. Everywhere else the node is taken out of the network:
        tokens then carry fewer bindings and joins compare fewer."""
        kept = _classes_named_twice(self.prepared_rules) - set(
            getattr(self.engine, "one_per_case", ()))
        kinds: dict[int, type] = {}  # alpha node -> the fact class its subtree tests
        alpha = []
        for child in root.children:
            matcher = getattr(child.node, "matcher", None)
            if not isinstance(matcher, TypeCheck):
                continue
            stack = [child.node]
            while stack:
                node = stack.pop()
                if isinstance(node, FastFeatureTesterNode) and id(node) not in kinds:
                    kinds[id(node)] = matcher.fact_type
                    alpha.append(node)
                    stack.extend(c.node for c in node.children)

        def skipped(node) -> bool:
            return (isinstance(node, FastCaptureNode) and node.capture.startswith("__pattern_")
                    and id(node) in kinds and kinds[id(node)] not in kept)

        for node in alpha:
            if any(skipped(c.node) for c in node.children):
                node.children[:] = [grandchild for c in node.children
                                    for grandchild in (c.node.children if skipped(c.node)
                                                       else [c])]

    def _all_nodes(self) -> list:
        seen: dict[int, object] = {}
        stack = [self.root_node]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen[id(node)] = node
            stack.extend(child.node for child in node.children)
        return list(seen.values())

    def reset(self):
        global _this_case
        _this_case = object()  # every node's stamp now names an earlier case
        # the touched containers' clear methods (each returns None: every one is called)
        cleared = self.cleared
        any(map(call, cleared))
        cleared.clear()
        self.active.clear()
        self.activated.clear()  # a run cut short
        self.withdrawn.clear()

    def changes(self, adding=None, deleting=None):
        if deleting is not None:
            for fact in deleting:
                self.root_node.remove(fact)
        if adding is not None:
            for fact in adding:
                self.root_node.add(fact)
        # experta's get_activations: each rule's changes in turn, by rule name (a stable
        # sort keeps each rule's in the order they came)
        added, removed = self.activated, self.withdrawn
        if added:
            added = list(added.values())
            self.activated.clear()
            if len(added) > 1:
                added.sort(key=_ORDER)
        else:
            added = []
        if removed:
            removed = list(removed.values())
            self.withdrawn.clear()
            if len(removed) > 1:
                removed.sort(key=_ORDER)
        else:
            removed = []
        return added, removed


_FACT_ID = itemgetter("__factid__")


def _fact_bits(facts) -> int:
    """The second part of an activation's agenda key: a bit for each fact's number. experta
    orders activations of one salience by the list of their facts' numbers, highest first
    (newest facts first; a list that begins another's comes before it); the facts of one
    activation have distinct numbers, so comparing these sums of powers of two as numbers
    (the highest bit in which they differ decides, and an activation whose facts are
    another's and more has that bit) gives the same order, and equal keys for the same
    facts. A tuple of two plain numbers is compared several times faster than one that
    holds a list, in the agenda's sorts and searches."""
    bits = 0
    for number in map(_FACT_ID, facts):
        bits |= 1 << number
    return bits


_ORDER = attrgetter("order")
_KEY = attrgetter("key")
_MERGED_FROM = 8  # activations added at once from which the agenda is sorted, not inserted into


class FastDepthStrategy(DepthStrategy):
    """experta's depth strategy (salience, then the newest facts first), with two changes.

    Each activation's key is computed directly instead of through a cache keyed on the
    activation. And a withdrawn activation is really taken off the agenda: experta looks for
    it only at the insertion point and its two neighbours, so among several activations with
    the same key (common: many rules match the one wide Findings fact) it can miss it, and a
    rule whose NOT condition has just become false fires anyway."""

    def get_key(self, activation):
        return (activation.rule.salience, _fact_bits(activation.facts))

    def _update_agenda(self, agenda, added, removed):
        activations = agenda.activations
        keys = getattr(agenda, "keys", None)
        if keys is None:
            keys = [act.key for act in activations]
        elif len(keys) != len(activations):  # the agenda was changed by other means
            keys[:] = [act.key for act in activations]
        # positions are found among the keys (plain tuples), as experta's Activation
        # compares itself by its key: the same positions, without a call per comparison
        # an activation from FastConflictSetNode has its key already (the same one)
        for act in removed:
            key = act.key
            if key is None:
                act.key = key = self.get_key(act)
            index = bisect.bisect_left(keys, key)
            while index < len(activations) and keys[index] == key:
                if activations[index] == act:
                    del activations[index]
                    del keys[index]
                    break
                index += 1
        if len(added) < _MERGED_FROM:
            for act in added:
                key = act.key
                if key is None:
                    act.key = key = self.get_key(act)
                index = bisect.bisect_right(keys, key)
                activations.insert(index, act)
                keys.insert(index, key)
            return
        # many at once (the case's facts just declared): each inserted after the equal
        # keys before it, as above, is a stable sort of the agenda followed by them, in
        # one call
        for act in added:
            if act.key is None:
                act.key = self.get_key(act)
        activations.extend(added)
        activations.sort(key=_KEY)
        keys[:] = map(_KEY, activations)


class FastAgenda(Agenda):
    """experta's agenda with each activation's key beside it (see FastDepthStrategy)."""

    def __init__(self):
        super().__init__()
        self.keys: list = []

    def get_next(self):
        if self.activations:
            self.keys.pop()
        return super().get_next()


class _RewrittenRule(Rule):
    """A rule as ``prepare_rule`` rewrites it (to disjunctive normal form, step by step).

    At every step experta's ``new_conditions`` wraps the rule's function again, reading its
    signature with ``inspect`` each time (most of the time spent preparing the rules, half
    of building the network); the function is the same, so this copies what was read from
    it. The result is the rule experta would make: the same conditions, function, names
    and salience."""

    @classmethod
    def of(cls, rule: Rule) -> _RewrittenRule:
        copy = cls(*rule, salience=rule.salience)
        copy._wrapped_self = rule._wrapped_self
        return copy._wrapping(rule) if rule._wrapped else copy

    def new_conditions(self, *args):
        obj = self.__class__(*args, salience=self.salience)
        return obj._wrapping(self) if self._wrapped else obj

    def _wrapping(self, rule: Rule) -> _RewrittenRule:
        self._wrapped, self._wrapped_args = rule._wrapped, rule._wrapped_args
        return update_wrapper(self, self._wrapped)


_COMPOSITE_CONSTRAINTS = (ANDFC, ORFC, NOTFC)


def _plain_pattern(element) -> bool:
    """A pattern whose field tests are all plain (no ``|``, ``&`` or ``~`` of tests)."""
    return isinstance(element, Fact) and not any(
        isinstance(value, _COMPOSITE_CONSTRAINTS) for value in element.values())


def prepared(rule: Rule) -> Rule:
    """What experta's ``prepare_rule`` makes of ``rule``. A rule whose conditions are plain
    patterns, ``NOT`` of a plain pattern and ``TEST``s, in a row (most rules), is in
    disjunctive normal form already: ``prepare_rule`` rewrites it step by step, copying
    every pattern at each step, only to reach the same conditions, with an ``InitialFact``
    in front when the rule begins with a ``NOT`` or matches no fact. That is made here
    directly; every other rule goes through ``prepare_rule``. A test compares the two on
    every rule of the knowledge base."""
    elements = tuple(rule)
    if not all(map(_plain_condition, elements)):
        return _prepared_with_one_or(rule, elements) or prepare_rule(rule)
    if not elements:
        return rule.new_conditions(InitialFact())
    if type(elements[0]) is NOT or all(type(e) is TEST for e in elements):
        return rule.new_conditions(InitialFact(), *elements)
    return rule.new_conditions(*elements)


def _plain_condition(element) -> bool:
    """A plain pattern, ``NOT`` of a plain pattern or a ``TEST``: a condition that experta's
    rewriting into disjunctive normal form leaves as it is (``_plain_pattern``)."""
    return _plain_pattern(element) or type(element) is TEST \
        or (type(element) is NOT and len(element) == 1 and _plain_pattern(element[0]))


def _prepared_with_one_or(rule: Rule, elements: tuple) -> Rule | None:
    """What ``prepare_rule`` makes of a rule whose conditions are plain (see
    ``_plain_condition``) but for one ``OR`` of two or more alternatives, each a plain
    condition or an ``AND`` of two or more plain conditions (some two hundred rules: "this
    finding or that one"); None for any other rule. experta distributes the other
    conditions over the alternatives, in order (``X, OR(A, AND(B, C)), Y`` becomes
    ``OR(AND(X, A, Y), AND(X, B, C, Y))``; an ``OR`` alone keeps its alternatives), puts an
    ``InitialFact`` in front of an alternative that begins with a ``NOT``, and copies every
    pattern at each step only to reach these conditions."""
    where = [index for index, element in enumerate(elements) if type(element) is OR]
    if len(where) != 1 or not any(
            isinstance(e, Fact) or (type(e) is NOT and isinstance(e[0], Fact))
            for e in _flat_conditions(elements)):
        return None
    position = where[0]
    if not all(map(_plain_condition, elements[:position] + elements[position + 1:])):
        return None
    alternatives = []
    for alternative in elements[position]:
        if type(alternative) is AND:
            if len(alternative) < 2 or not all(map(_plain_condition, alternative)):
                return None
            alternatives.append(tuple(alternative))
        elif _plain_condition(alternative):
            alternatives.append((alternative,))
        else:
            return None
    if len(alternatives) < 2:
        return None
    before, after = elements[:position], elements[position + 1:]
    if not before and not after:
        branches = [AND(*a) if len(a) > 1 or type(a[0]) is NOT else a[0]
                    for a in alternatives]
    else:
        branches = [AND(*before, *a, *after) for a in alternatives]
    branches = [AND(InitialFact(), *branch) if type(branch) is AND and type(branch[0]) is NOT
                else branch for branch in branches]
    return rule.new_conditions(OR(*branches))


def _sharing_predicates(rules: list[Rule]) -> list[Rule]:
    """The rules with each ``P`` test of their patterns replaced by the first ``P`` seen
    whose predicate is provably the same function (see ``_function_key``), so that
    experta's network builder, which shares a test only when its function is the same
    object, gives rules that write the same predicate by hand (``P(lambda s: s not in
    ("none_found", "unknown"))`` in several rules) one node, tried once per fact, and one
    memory. A rule in which two patterns would become equal keeps its own tests: experta
    would then give both patterns one binding, which joins them differently."""
    canonical: dict[tuple, P] = {}

    def shared(value):
        if type(value) is not P:
            return value
        key = _function_key(value.match)
        if key is None:
            return value
        return canonical.setdefault((key, value.__bind__), value)

    def rewritten(element):
        if isinstance(element, Fact):
            values = {key: shared(value) for key, value in element.items()}
            if all(values[key] is value for key, value in element.items()):
                return element
            pattern = type(element)()
            dict.update(pattern, values)
            return pattern
        if type(element) in (AND, OR, NOT, EXISTS, FORALL):
            parts = [rewritten(part) for part in element]
            if all(new is old for new, old in zip(parts, element, strict=True)):
                return element
            return type(element)(*parts)
        return element

    result = []
    for rule in rules:
        elements = [rewritten(element) for element in rule]
        if all(new is old for new, old in zip(elements, rule, strict=True)):
            result.append(rule)
            continue
        # each alternative of an OR is wired on its own: patterns are compared within one
        old_branches = list(rule[0]) if rule and type(rule[0]) is OR else [tuple(rule)]
        new_branches = list(elements[0]) if rule and type(elements[0]) is OR \
            else [tuple(elements)]
        if any(_distinct_patterns(old) != _distinct_patterns(new)
               for old, new in zip(old_branches, new_branches, strict=True)):
            result.append(rule)
            continue
        result.append(rule.new_conditions(*elements))
    return result


def _distinct_patterns(element) -> int:
    found: list = []
    _patterns(element, found)
    return len(set(found))


def _patterns(element, found: list) -> None:
    if isinstance(element, Fact):
        found.append(element)
    elif isinstance(element, (ConditionalElement, tuple)):
        for part in element:
            _patterns(part, found)


_PLAIN_CONSTANTS = (str, int, bool, bytes, type(None), type(Ellipsis))


def _function_key(function, depth: int = 0) -> tuple | None:
    """What a plain Python function computes, as a key equal for two functions only when
    they are provably the same: the same bytecode, constants (of the same types), names,
    arguments and defaults, the same globals when it reads any, and closures holding equal
    plain constants, provably the same functions (``at_least(38.0)`` written in two rules
    makes two closures over two equal tests) or the same objects. Line numbers and the
    function's name, which change nothing it returns, are left out. None for anything
    else (a builtin, a method, a callable object)."""
    if type(function) is not FunctionType or depth > _NESTED_FUNCTIONS:
        return None
    try:
        key = (_code_key(function.__code__),
               id(function.__globals__) if function.__code__.co_names else None,
               tuple(_constant_key(cell.cell_contents, depth)
                     for cell in function.__closure__ or ()),
               _constant_key(function.__defaults__), _constant_key(function.__kwdefaults__))
        hash(key)
    except (TypeError, ValueError):  # an empty cell, an unhashable constant
        return None
    return key


_NESTED_FUNCTIONS = 4  # closures over closures compared this deep (then by identity)


def _code_key(code) -> tuple:
    return (code.co_code, tuple(map(_constant_key, code.co_consts)), code.co_names,
            code.co_varnames, code.co_freevars, code.co_cellvars, code.co_argcount,
            code.co_posonlyargcount, code.co_kwonlyargcount, code.co_nlocals, code.co_flags)


def _constant_key(value, depth: int = 0):
    """A constant as a key: equal only for constants that behave the same (``1``, ``1.0``
    and ``True`` are equal in Python but kept apart; a float by its exact text, so that
    ``0.0`` and ``-0.0`` are too); a function by what it computes (see ``_function_key``);
    any other object by its identity."""
    kind = type(value)
    if kind in _PLAIN_CONSTANTS:
        return kind, value
    if kind is float or kind is complex:
        return kind, repr(value)
    if kind is tuple or kind is frozenset:
        return kind, kind(_constant_key(part, depth) for part in value)
    if kind is CodeType:
        return kind, _code_key(value)
    if kind is dict and not value:
        return kind, ()
    if kind is FunctionType:
        key = _function_key(value, depth + 1)
        if key is not None:
            return kind, key
    return "object", id(value)


def _flat_conditions(elements):
    for element in elements:
        if type(element) in (OR, AND):
            yield from _flat_conditions(element)
        else:
            yield element


def _classes_named_twice(prepared_rules) -> set[type]:
    """Fact classes that some rule matches with two or more patterns at once (counted per
    alternative of an OR, leaving out patterns under NOT, EXISTS and FORALL, whose facts
    are never joined into the rule's match); the rules as ``prepare_rule`` made them."""
    found: set[type] = set()
    for prepared in prepared_rules:
        branches = list(prepared[0]) if prepared and isinstance(prepared[0], OR) \
            else [prepared]
        for branch in branches:
            seen: list[type] = []
            _positive_patterns(branch, seen)
            found |= {kind for kind in seen if seen.count(kind) > 1}
    return found


def _positive_patterns(element, seen: list) -> None:
    if isinstance(element, Fact):
        seen.append(type(element))
    elif isinstance(element, (NOT, EXISTS, FORALL)):
        return
    elif isinstance(element, (ConditionalElement, tuple)):
        for part in element:
            _positive_patterns(part, seen)


def _lhs_fact_types(element) -> set[type]:
    found: set[type] = set()
    if isinstance(element, Fact):
        found.add(type(element))
    elif isinstance(element, (ConditionalElement, tuple)):
        for part in element:
            found |= _lhs_fact_types(part)
    return found


class FastFactList(FactList):
    """experta's fact list; a fact's identity (for telling a fact declared twice) is found
    without asking of each key whether it is special when no key can be (none starts with
    a double underscore, as before a fact is declared)."""

    @staticmethod
    def _get_fact_id(fact):
        try:
            plain = "\0__" not in "\0" + "\0".join(fact)
        except TypeError:  # a key that is not text
            plain = False
        if plain:
            return frozenset((fact.__class__, *fact.items()))
        return FactList._get_fact_id(fact)

    logged = True  # whether experta's fact watcher logs at INFO (set at each reset)

    def declare(self, fact):
        """experta's ``declare``: the same checks, numbering and bookkeeping, without a
        call for what cannot happen with this knowledge base's facts (validating a fact
        class that declares no fields, the reference counter's ``__missing__`` for a new
        fact, a log line the watcher would drop)."""
        if not isinstance(fact, Fact):
            raise ValueError('The fact must descend the Fact class.')
        if fact.__fields__:
            fact.validate()
        try:
            plain = "\0__" not in "\0" + "\0".join(fact)
        except TypeError:  # a key that is not text
            plain = False
        if plain:
            # the fact's fields are hashed once, for its identity here and for the hash
            # the network's sets ask of it (experta's Fact.__hash__ hashes them all again)
            fields = frozenset(fact.items())
            fact_id = fields.union((fact.__class__,))  # what _get_fact_id returns
        else:
            fields, fact_id = None, FactList._get_fact_id(fact)
        counter = self.reference_counter
        if self.duplication or fact_id not in counter:
            index = self.last_index
            dict.__setitem__(fact, "__factid__", index)  # experta's __factid__ setter
            if fields is not None and "_hash" not in fact.__dict__:
                # what Fact.__hash__ computes and keeps at its first call: the hash of the
                # frozen set of the fields with the number (a declared fact cannot change)
                fact._hash = hash(fields.union((("__factid__", index),)))
            self[index] = fact
            self.last_index = index + 1
            self.added.append(fact)
            counter[fact_id] = counter.get(fact_id, 0) + 1
            if self.logged:
                watchers.FACTS.info(" ==> %s: %r", fact, fact)
            return fact
        return None


CONCLUSION_TYPES = (Evidence, Pitfall, Ask, Settled)


class Reasoner(KnowledgeBase):
    """The knowledge base with a recording run loop: every firing is kept for WHY and HOW."""

    __matcher__ = FastReteMatcher
    __strategy__ = FastDepthStrategy
    fast = True
    one_per_case = ONE_PER_CASE

    def __init__(self):
        super().__init__()
        self.firings: list[tuple[str, tuple]] = []
        matched: set[type] = set()
        for rule in self.get_rules():
            matched |= _lhs_fact_types(rule)
        # conclusions no rule waits for are recorded, not declared (see _conclude)
        self.recorded: dict[type, list[dict]] = {
            kind: [] for kind in CONCLUSION_TYPES if self.fast and kind not in matched}
        self._seen: set = set()
        self._evidence = self.recorded.get(Evidence)  # emptied, never replaced, at reset()
        self._asks = self.recorded.get(Ask)
        self._deffacts = self.get_deffacts()

    def reset(self, **kwargs):
        self.firings = []
        for bucket in self.recorded.values():
            bucket.clear()
        self._seen.clear()
        if not self.fast or kwargs:
            super().reset(**kwargs)
            return
        # experta's reset, without looking the deffacts up again on every case
        self.agenda = FastAgenda()
        self.facts = FastFactList()
        self.facts.logged = watchers.FACTS.isEnabledFor(logging.INFO)
        self.matcher.reset()
        for deffacts in self._deffacts:
            for fact in deffacts():
                self.facts.declare(fact)
        self.running = False

    def declare(self, *facts):
        """experta's ``declare`` (from a rule, or before a run), with its checks on each fact
        made at a glance where they plainly pass (see ``_plainly_declarable``); otherwise
        experta's own."""
        if not self.fast or not all(map(_declarable_at_a_glance, facts)):
            return super().declare(*facts)
        if not self.facts:
            watchers.ENGINE.warning("Declaring fact before reset()")
        last_inserted = None
        for fact in facts:
            last_inserted = self.facts.declare(fact)
        if not self.running:
            added, removed = self.get_activations()
            self.strategy.update_agenda(self.agenda, added, removed)
        return last_inserted

    def declare_case(self, facts: list[Fact]) -> None:
        """Declare the input facts of one case; activations are computed when ``run`` starts."""
        if not self.fast:
            for fact in facts:
                self.declare(fact)
            return
        for fact in facts:
            if not _plainly_declarable(fact) and (
                    fact.has_field_constraints() or fact.has_nested_accessor()):
                self.declare(fact)  # experta raises its own error
            self.facts.declare(fact)

    # the two conclusions rules draw most (about fifty of each a case), recorded here
    # directly when no rule waits for them: what ``_conclude`` does, the same dict in the
    # same order, made only for a conclusion not drawn before in the case
    def evidence(self, cause: str, weight: int, rationale: str, source: str) -> None:
        bucket = self._evidence
        if bucket is None:
            super().evidence(cause, weight, rationale, source)
            return
        rule = self.firing_rule
        key = (Evidence, cause, weight, rationale, source, rule)
        if key not in self._seen:
            self._seen.add(key)
            bucket.append({"cause": cause, "weight": weight, "rationale": rationale,
                           "source": source, "rule": rule})

    def ask(self, question: str, priority: int, reason: str) -> None:
        bucket = self._asks
        if bucket is None:
            super().ask(question, priority, reason)
            return
        rule = self.firing_rule
        key = (Ask, question, priority, reason, rule)
        if key not in self._seen:
            self._seen.add(key)
            bucket.append({"question": question, "priority": priority, "reason": reason,
                           "rule": rule})

    def _conclude(self, kind: type, fields: dict) -> None:
        bucket = self.recorded.get(kind)
        if bucket is None:
            self.declare(kind(**fields))
            return
        key = (kind, *fields.values())
        if key not in self._seen:  # as experta ignores a fact identical to one declared
            self._seen.add(key)
            bucket.append(fields)

    def run(self, steps=float("inf")):
        """experta's run loop (depth strategy), recording each firing before it runs. The
        rule's function is called directly with the bindings it names (what experta's
        ``Rule.__call__`` does, without its checks on every call)."""
        self.running = True
        matcher, facts, strategy = self.matcher, self.facts, self.strategy
        activations = self.agenda.activations
        keys = getattr(self.agenda, "keys", None)
        activated = getattr(matcher, "activated", None)  # None: experta's own matcher
        withdrawn = getattr(matcher, "withdrawn", None)
        fired = self.firings.append
        counted = steps != float("inf")  # else no step is counted: steps > 0 throughout
        while self.running:
            if counted:
                if steps <= 0:
                    break
                steps -= 1
            # most rules only conclude (recorded, not declared): nothing has changed then
            if activated or withdrawn or facts.added or facts.removed or activated is None:
                added, removed = matcher.changes(*facts.changes)
                if added or removed:
                    strategy._update_agenda(self.agenda, added, removed)
            if not activations:
                break
            activation = activations.pop()
            if keys is not None:
                keys.pop()
            rule = activation.rule
            function = rule._wrapped
            self.firing_rule = name = function.__name__
            fired((name, activation.facts))
            context = activation.context
            if context:
                wanted = rule._wrapped_args
                function(self, **{k: v for k, v in context.items()
                                  if (k in wanted if wanted else not k.startswith("__"))})
            else:
                function(self)
        self.running = False


class StockReasoner(Reasoner):
    """The same rules on experta's own matcher and declaration path: the reference that the
    fast path is tested against. It keeps the agenda fix above (experta's own agenda can
    fire a rule whose NOT condition no longer holds)."""

    __matcher__ = ReteMatcher
    fast = False


@dataclass
class RawConclusions:
    """Everything the rules declared for one case, before scoring."""

    evidence: list[dict]
    pitfalls: list[dict]
    asks: list[dict]
    derived: list[Fact]
    firings: list[tuple[str, tuple]]
    settled: list[dict] = field(default_factory=list)  # results that settle the diagnosis


def case_facts(case: Case) -> list[Fact]:
    """The few wide facts that describe one case."""
    facts: list[Fact] = [
        _fact(Patient, case.patient),
        _fact(Labs, lab_values(case.patient, case.labs, load_catalogue().labs)),
        _fact(Smear, {finding: True for finding in case.smear or ()}),
        # "unknown" weighs as silence does: an interview records it where a case file says
        # nothing, and the two must reach the same conclusions (a rule that needs a finding
        # not to be stated must not stand aside for an "unknown"); which questions were
        # answered "unknown" is read from the case itself
        _fact(Findings, {question: answer for question, answer
                         in with_implied_answers(case.findings).items()
                         if answer != "unknown"}),
    ]
    catalogue = load_catalogue()
    if case.earlier_counts:
        facts.append(_history(case.earlier_counts))
    for index, medication in enumerate(case.medications or ()):
        timing = {k: v for k, v in (("started_weeks_ago", medication.started_weeks_ago),
                                    ("stopped_weeks_ago", medication.stopped_weeks_ago),
                                    ("days_since_last_dose", medication.days_since_last_dose),
                                    ("dose_changed_weeks_ago", medication.dose_changed_weeks_ago),
                                    ("dose_change", medication.dose_change))
                  if v is not None}
        # one fact per drug the name stands for (a combination written as one name is each
        # of its drugs, with the same timing); an unrecognised name is one fact that no
        # rule weighs
        # an entry that gives only what the drug is for stands for the drug its indication
        # points to, and says so wherever a rule names it (``shown``)
        unnamed = {"indication": medication.indication, "inference": medication.inference} \
            if medication.inference else {}
        for generic, drug_class in medication.drugs or (("unrecognised", "unrecognised"),):
            known = catalogue.drug_classes.get(drug_class)
            shown = catalogue.unnamed_drug_taken_as(medication.indication, generic,
                                                    medication.name) if unnamed else generic
            facts.append(_fact(Medication, {
                "order": index, "name": medication.shown, "generic": generic,
                "drug_class": drug_class, "stopped": medication.stopped, "shown": shown,
                "chemotherapy": bool(known and known.chemotherapy),
                "lowers_lymphocytes": bool(known and known.lowers_lymphocytes), **timing,
                **unnamed}))
    return facts


_SCALARS = frozenset({str, int, float, bool})
_FROZEN_AS_THEY_ARE = frozenset({str, int, float, bool, type(None)})


def _history(counts) -> History:
    """``History(entries=[{"weeks_ago": ..., "labs": ...}, ...])``, frozen in one step.
    experta freezes the entries value by value, through a single-dispatch function for
    each value and frozendict's pure-Python constructor fed from a generator, and then
    again, since a frozen mapping is frozen anew; for plain values (text, numbers,
    booleans, None) that gives the very mappings made here from each count's labs
    directly. Anything else is frozen by experta as before."""
    entries = []
    for count in counts:
        labs, weeks_ago = count.labs, count.weeks_ago
        if type(labs) is not dict or type(weeks_ago) not in _FROZEN_AS_THEY_ARE \
                or not all(type(value) in _FROZEN_AS_THEY_ARE for value in labs.values()):
            return History(entries=[{"weeks_ago": count.weeks_ago, "labs": count.labs}
                                    for count in counts])
        entries.append(frozendict({"weeks_ago": weeks_ago, "labs": frozendict(labs)}))
    fact = History()
    dict.__setitem__(fact, "entries", frozenlist(entries))
    return fact


def _fact(kind: type, fields: dict) -> Fact:
    """``kind(**fields)``. A case's values are plain strings, numbers and booleans, which
    experta would store unchanged after asking, field by field, whether each needs freezing;
    such facts are filled in one step."""
    if set(map(type, fields.values())) <= _SCALARS:
        fact = kind()
        dict.update(fact, fields)
        try:
            plain_keys = "\0__" not in "\0" + "\0".join(fields)
        except TypeError:  # a key that is not text
            plain_keys = False
        if plain_keys:
            # what the fact's ``as_dict`` makes and keeps at its first call once declared
            # (its fields, none special, every value plain): the rules that read a wide
            # fact whole (Findings, Labs, Patient) no longer build it field by field
            fact._fields_as_dict = dict(fields)
        return fact
    return kind(**fields)


def _plainly_declarable(fact: Fact) -> bool:
    """True when ``fact`` passes experta's checks before declaring at a glance: every key
    is text without a double underscore (so none is a nested accessor) and every value a
    plain scalar (so none is a condition). Otherwise experta's own checks are asked."""
    try:
        keys = "\0".join(fact)
    except TypeError:  # a key that is not text
        return False
    return "__" not in keys and set(map(type, fact.values())) <= _SCALARS


_DECLARABLE = frozenset({str, int, float, bool, type(None), frozenlist, frozendict})


def _declarable_at_a_glance(fact) -> bool:
    """True when experta's checks before declaring ``fact`` plainly pass: every key text
    without a double underscore (so none is a nested accessor) and every value a plain
    scalar, None or a frozen list or mapping (so none is a condition)."""
    try:
        keys = "\0".join(fact)
    except TypeError:  # a key that is not text
        return False
    return "__" not in keys and set(map(type, fact.values())) <= _DECLARABLE


_INPUT_TYPES = (Patient, Labs, Smear, Findings, Medication, History)


def run_rules(reasoner: Reasoner, case: Case) -> RawConclusions:
    """Reset the reasoner, declare the case and run the rules to quiescence."""
    reasoner.reset()
    reasoner.declare_case(case_facts(case))
    reasoner.run()
    found: dict[type, list[dict]] = {kind: list(reasoner.recorded.get(kind, ()))
                                     for kind in CONCLUSION_TYPES}
    derived = []
    for fact in reasoner.facts.values():
        kind = type(fact)
        if kind in found:
            found[kind].append(fact.as_dict())
        elif kind not in _INPUT_TYPES and kind is not InitialFact:
            derived.append(fact)
    return RawConclusions(found[Evidence], found[Pitfall], found[Ask], derived,
                          list(reasoner.firings), found[Settled])


def rule_patterns(rule) -> list[tuple[str, tuple[str, ...]]]:
    """The fact classes a rule's conditions test, each with the fields it names."""
    found = []
    for element in rule:
        if isinstance(element, Fact):
            found.append((type(element).__name__,
                          tuple(k for k in element if isinstance(k, str)
                                and not k.startswith("__"))))
        elif isinstance(element, tuple):
            found.extend(rule_patterns(element))
    return found
