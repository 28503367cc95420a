"""Case files: find them, read them safely, validate them against the catalogue and turn them
into ``Case`` objects. Every problem becomes a ``CaseFileError`` naming file, line and key.

A file holds one case, or several under a top-level ``cases:`` list; a bad case in a file of
many is reported on its own and the others still load.
"""

from __future__ import annotations

import codecs
import difflib
import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rules.catalogue import Catalogue, Question, drug_in_words, load_catalogue
from rules.derived_findings import implied_answers, with_implied_answers
from rules.words import weeks_in_words

from .durations import DAYS_HINT, days_ago, weeks_ago
from .durations import HINT as WEEKS_HINT
from .errors import CaseFileError, CaseWarning, LeukodxError
from .saved_interview import DECLARES_END, END, cut_short, refuse_if_cut_short
from .units import MAX_DIGITS, UnitProblem, finite_number, read_lab_value, read_number

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 2_000_000  # a case is a few kilobytes; anything larger is not a case file
SECTIONS = ("id", "title", "patient", "labs", "earlier_counts", "smear", "medications",
            "findings", "expected", "teaching")
PATIENT_KEYS = ("age_years", "sex", "ancestry")
MEDICATION_KEYS = ("name", "for", "started_weeks_ago", "stopped_weeks_ago", "stopped",
                   "days_since_last_dose", "dose_changed_weeks_ago", "dose_change", "dose",
                   "note")
# overdose: a toxic amount taken at once, accidental or deliberate (dose_changed_weeks_ago says when)
DOSE_CHANGES = ("increased", "decreased", "overdose")
EXPECTED_KEYS = ("causes", "pitfalls")
# when an earlier (or repeat) count was taken, relative to the index count under labs:
# key -> weeks per unit, signed (earlier counts are before the index, repeats after it)
COUNT_TIMES = {"weeks_ago": 1.0, "days_ago": 1 / 7, "hours_later": -1 / 168,
               "days_later": -1 / 7, "weeks_later": -1.0}
EARLIER_COUNT_KEYS = (*COUNT_TIMES, "labs", "note")
MAX_COUNT_HISTORY = 200
TEACHING_KEYS = ("vignette", "points", "difficulty")
DIFFICULTIES = ("easy", "moderate", "hard")
YES_NO = ("yes", "no", "unknown")
# differential percentages that must not add up to more than the whole (with rounding)
DIFFERENTIAL = ("neutrophils_pct", "bands_pct", "lymphocytes_pct", "monocytes_pct",
                "eosinophils_pct", "blasts_pct")


@dataclass(frozen=True)
class MedicationEntry:
    name: str  # as written; "" when the case gives only what the drug is for
    generic: str | None  # None when the name is not in the drug dictionary
    drug_class: str | None  # "combination" for several drugs written as one name
    started_weeks_ago: float | None = None
    stopped_weeks_ago: float | None = None
    dose: str | None = None
    stopped: bool = False  # stopped, with or without a date
    days_since_last_dose: float | None = None
    dose_changed_weeks_ago: float | None = None
    dose_change: str | None = None  # increased, decreased or overdose, where the case says
    note: str | None = None
    # the (generic, class) of every drug the name stands for: one for a drug, several for a
    # combination written as one name ("carboplatin + paclitaxel"); empty when unrecognised
    drugs: tuple[tuple[str, str], ...] = ()
    # what the drug is for (an indication id in drugs.yaml), where the case says; without a
    # name the entry stands for the drug the indication points to (``drugs``), weighed as
    # that drug when the inference is certain and one step weaker when it is likely
    indication: str | None = None
    inference: str | None = None  # certain, likely or none; None when the drug is named

    @property
    def shown(self) -> str:
        """The entry as every output names it: the name as written, or, when the case gives
        only what the drug is for, "a drug for ..., name not given"."""
        if not self.name:
            return unnamed_drug_words(self.indication)
        if self.indication and not self.generic:  # a name the dictionary does not know
            known = load_catalogue().indications.get(self.indication)
            return f"{self.name} (for {known.name if known else self.indication})"
        return self.name

    @property
    def in_a_sentence(self) -> str:
        """The drug as advice names it ("stop {drug}"): its generic name, or "the drug for
        rheumatoid arthritis (name not given)" for an entry that gives only what it is for;
        None when the name is not in the dictionary."""
        if self.generic or not self.indication or not self.drugs:
            return self.generic
        if self.name:
            return self.shown
        known = load_catalogue().indications.get(self.indication)
        return f"the drug for {known.name if known else self.indication} (name not given)"


@dataclass(frozen=True)
class EarlierCount:
    """A count taken before the index count (``weeks_ago``, ``days_ago``) or repeated after
    it (``hours_later``, ``days_later``, ``weeks_later``); ``when`` keeps the key as written."""

    when: str
    amount: float
    labs: dict
    note: str | None = None

    @property
    def weeks_ago(self) -> float:
        """Weeks before the index count; negative for a repeat taken after it."""
        return self.amount * COUNT_TIMES[self.when]

    def to_document(self) -> dict:
        doc: dict = {self.when: self.amount, "labs": dict(self.labs)}
        if self.note:
            doc["note"] = self.note
        return doc


@dataclass(frozen=True)
class Expected:
    causes: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Teaching:
    vignette: str = ""
    points: tuple[str, ...] = ()
    difficulty: str | None = None


@dataclass
class Case:
    """One patient, validated, in canonical units."""

    id: str
    file: str = ""
    line: int | None = None
    title: str = ""
    patient: dict = field(default_factory=dict)
    labs: dict = field(default_factory=dict)
    earlier_counts: tuple[EarlierCount, ...] = ()
    smear: tuple[str, ...] | None = None  # None: not reported; () or ("normal",): reported
    medications: tuple[MedicationEntry, ...] | None = None  # None: not asked; (): none taken
    findings: dict = field(default_factory=dict)
    expected: Expected | None = None
    teaching: Teaching | None = None
    warnings: tuple[str, ...] = ()

    def answer_for(self, question_id: str, section: str, implied: dict | None = None
                   ) -> object:
        """The answer this case gives to a question, or None when it gives none.
        ``implied``: ``with_implied_answers(self.findings)`` when the caller has it (asking
        about many questions at once)."""
        if section == "patient":
            return self.patient.get(question_id)
        if section == "labs":
            return self.labs.get(question_id)
        if section == "smear":
            return self.smear
        if section == "medications":
            return self.medications
        answer = self.findings.get(question_id)
        if answer in (None, "unknown"):
            # a spleen measured in cm answers "is the spleen enlarged?", and so on
            if implied is None:
                implied = with_implied_answers(self.findings)
            answer = implied.get(question_id, answer)
        return answer

    def to_document(self) -> dict:
        """The case as a case-file mapping (what ``--save`` writes and ``load`` reads back)."""
        doc: dict = {"id": self.id}
        if self.title:
            doc["title"] = self.title
        for name in ("patient", "labs"):
            if getattr(self, name):
                doc[name] = dict(getattr(self, name))
        if self.earlier_counts:
            doc["earlier_counts"] = [count.to_document() for count in self.earlier_counts]
        if self.smear is not None:
            doc["smear"] = list(self.smear)
        if self.medications is not None:
            doc["medications"] = [medication_document(m) for m in self.medications]
        if self.findings:
            doc["findings"] = dict(self.findings)
        if self.expected:
            doc["expected"] = {"causes": list(self.expected.causes),
                               "pitfalls": list(self.expected.pitfalls)}
        if self.teaching:
            doc["teaching"] = {"vignette": self.teaching.vignette,
                               "points": list(self.teaching.points)}
            if self.teaching.difficulty:
                doc["teaching"]["difficulty"] = self.teaching.difficulty
        return doc


# ---- finding the files -------------------------------------------------------------------

def case_files(paths: Iterable[str]) -> Iterator[str]:
    """Every case file named by ``paths``: files as given, directories searched for
    ``*.yaml``/``*.yml`` (sorted), glob patterns expanded. A path that matches nothing is
    yielded as given so that loading it reports the problem; so is anything in a folder
    named like a case file that is not one (a broken link, a FIFO, a device): it is never
    skipped silently."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _files_in_folder(path)
        elif not path.exists() and glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            yield from matches if matches else [raw]
        else:
            yield raw


def _files_in_folder(folder: Path) -> Iterator[str]:
    """Case files in a folder, sorted: YAML, FHIR JSON, and each folder of FHIR Bulk Data
    NDJSON as one export (its files hold one patient's resources between them)."""
    found = set()
    for item in folder.rglob("*"):
        # anything but a folder is listed (a FIFO or a broken link is then an error)
        if item.suffix in (".yaml", ".yml", ".json") and not item.is_dir():
            found.add(item)
        elif item.suffix == ".ndjson" and not item.is_dir():
            found.add(item.parent)
    yield from (str(p) for p in sorted(found))


# ---- reading -----------------------------------------------------------------------------

def load_file(path: str) -> list[Case | CaseFileError]:
    """Every case in one file; each bad case (or an unreadable file) is a ``CaseFileError``.
    FHIR JSON (a Bundle, or Bulk Data NDJSON) gives one case per patient."""
    return list(iter_file(path))


def iter_file(path: str) -> Iterator[Case | CaseFileError]:
    """``load_file`` one case at a time: each case is validated as it is asked for, so a
    file of thousands of cases is never held whole as ``Case`` objects (batch scoring)."""
    from .fhir import is_fhir_path, load_fhir

    if is_fhir_path(path):
        yield from load_fhir(path)
        return
    try:
        text = _read_text(path, large=True)
        if not isinstance(text, str):  # a large file, read one case at a time
            with text:
                yield from _stream_cases(path, text)
            return
        refuse_if_cut_short(path, text)
        root = _compose(path, text, per_case=True)
    except CaseFileError as error:
        yield error
        return
    yield from _each_outcome(root)


def _outcomes(root: _Document) -> list[Case | CaseFileError]:
    """One outcome per case in a composed file: the case, or its error."""
    return list(_each_outcome(root))


def _each_outcome(root: _Document) -> Iterator[Case | CaseFileError]:
    if isinstance(root.data, dict) and "cases" in root.data and "id" not in root.data:
        extra = sorted(str(k) for k in root.data if k != "cases")
        if extra:
            yield root.error(("cases",), f"unexpected top-level key {extra[0]!r} beside "
                                         "'cases'", "put every case inside the cases: list")
            return
        if not isinstance(root.data["cases"], list) or not root.data["cases"]:
            yield root.error(("cases",), "expected a list of cases")
            return
        for index in range(len(root.data["cases"])):
            yield _build_or_error(root, ("cases", index))
        return
    yield _build_or_error(root, ())


def load_case(path: str, case_id: str | None = None) -> Case:
    """One case from a file (the one with ``case_id`` when the file holds several);
    raises ``CaseFileError`` when it cannot be had."""
    outcomes = load_file(path)
    if case_id is not None:
        for outcome in outcomes:
            if isinstance(outcome, Case) and outcome.id == case_id:
                return outcome
        ids = [o.id for o in outcomes if isinstance(o, Case)]
        raise CaseFileError(path, None, None, f"no case with id {case_id!r}",
                            f"ids in this file: {', '.join(ids)}" if ids else None)
    for outcome in outcomes:
        if isinstance(outcome, CaseFileError):
            raise outcome
    if len(outcomes) > 1:
        raise CaseFileError(path, None, None, f"holds {len(outcomes)} cases",
                            "choose one with --case ID")
    return outcomes[0]


def load_text(text: str, name: str = "<text>") -> list[Case | CaseFileError]:
    """Cases from YAML text (used by tests and by the interview's resume)."""
    try:
        root = _compose(name, text, per_case=True)
    except CaseFileError as error:
        return [error]
    return _outcomes(root)


def _read_text(path: str, large: bool = False):
    """The text of a case file. Only a regular file is opened (a FIFO would block the open,
    /dev/zero would be read until memory runs out), and at most MAX_FILE_BYTES + 1 bytes are
    read whatever the size the file claims. With ``large``, a file over MAX_FILE_BYTES (and
    at most MAX_STREAM_BYTES) is not read but returned open, in binary, to be read one case
    at a time (``_stream_cases``)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(path, info.st_mode)
        if info.st_size > (MAX_STREAM_BYTES if large else MAX_FILE_BYTES):
            raise _too_large(path, info.st_size, large)
        # O_NONBLOCK: should the path become a FIFO after the check, open must not wait
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                             | getattr(os, "O_NOCTTY", 0))
        with open(descriptor, "rb", closefd=True) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _not_a_file(path, info.st_mode)
            if large and info.st_size > MAX_FILE_BYTES:
                _refuse_large_cut_short(path, handle, info.st_size)
                return open(os.dup(handle.fileno()), "rb")
            # as much as the file claims and one byte more (asking for MAX_FILE_BYTES + 1
            # at once would have a buffer that large made, and shrunk, for every file: some
            # 50 microseconds each); should the file hold more than it claimed (it grew, or
            # is a file that claims no size), the rest up to the same limit
            data = handle.read(min(info.st_size, MAX_FILE_BYTES) + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    except FileNotFoundError:
        if os.path.islink(path):
            raise CaseFileError(path, None, None, "is a broken symbolic link: its target "
                                f"{os.readlink(path)!r} does not exist") from None
        raise CaseFileError(path, None, None, "no such file") from None
    except IsADirectoryError:
        raise CaseFileError(path, None, None, "is a directory, not a case file") from None
    except OSError as error:
        raise CaseFileError(path, None, None, f"cannot be read: {error.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path, None)
    if b"\0" in data:
        raise CaseFileError(path, None, None, "is a binary file, not YAML text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CaseFileError(path, line, None, "is not UTF-8 text",
                            "save the file as UTF-8") from None


def _not_a_file(path: str, mode: int) -> CaseFileError:
    kind = ("a directory" if stat.S_ISDIR(mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "a device" if stat.S_ISCHR(mode)
            or stat.S_ISBLK(mode) else "not a regular file")
    what = "a case file" if stat.S_ISDIR(mode) else "a regular file"
    return CaseFileError(path, None, None, f"is {kind}, not {what}",
                         "give the path of a .yaml file")


def _too_large(path: str, size: int | None, large: bool = False) -> CaseFileError:
    how_big = f"is {size / 1e6:.1f} MB" if size is not None else \
        f"holds more than {MAX_FILE_BYTES // 1_000_000} MB"
    if large:
        return CaseFileError(path, None, None, f"{how_big}, too large for a case file",
                             f"a file of many cases under a cases: list may hold up to "
                             f"{MAX_STREAM_BYTES // 1_000_000} MB; split it")
    return CaseFileError(path, None, None, f"{how_big}, too large for a case file",
                         f"case files are a few kB; the limit is {MAX_FILE_BYTES // 1_000_000} MB")


def _refuse_large_cut_short(path: str, handle, size: int) -> None:
    """``refuse_if_cut_short`` for a file too large to read whole: its opening comments and
    its last lines decide."""
    head = handle.read(8192)
    handle.seek(max(0, size - 8192))
    tail = handle.read(8192)
    handle.seek(0)
    text = head.decode("utf-8", "replace") + "\n" + tail.decode("utf-8", "replace")
    if cut_short(text, DECLARES_END, END):
        raise CaseFileError(path, None, None, "is a saved interview cut short (its end line "
                            "is missing), so it is not read", f"add back: {END}")


class _Document:
    """A composed YAML document: its data and the nodes that say where each key stands."""

    def __init__(self, file: str, node: yaml.Node, data: object):
        self.file, self.node, self.data = file, node, data
        # (path, error) for what the YAML said that a case must not (see _document_problems)
        self.problems: list[tuple[tuple, CaseFileError]] = []

    def line_of(self, path: tuple) -> int | None:
        node, line = self.node, None
        for step in path:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        node, line = value_node, key_node.start_mark.line + 1
                        break
                else:
                    return line or node.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                    and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                break
        return line if line is not None else (node.start_mark.line + 1 if node else None)

    def error(self, path: tuple, problem: str, hint: str | None = None) -> CaseFileError:
        return CaseFileError(self.file, self.line_of(path), _dotted(path), problem, hint)


def _dotted(path: tuple) -> str | None:
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step + 1}]"
        else:
            step = str(step) if str(step).isprintable() else repr(step)
            text += ("." if text else "") + (step if len(step) <= 60 else step[:57] + "...")
    return text or None


MAX_DEPTH = 40  # a case is four or five levels deep
MAX_ALIASES = 50  # a case needs no aliases at all; many are an "alias bomb"
# the leading run of a line that can open block collections: spaces and "- ", "? ", ": "
_BLOCK_OPENERS = re.compile(r"^(?:[ ]|[-?:](?=[ \t]|$))*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """An upper bound on how deep ``text`` can nest, from the text alone: every flow
    collection needs a ``[`` or ``{``, and every block collection starts further right on
    its line than its parent (or at the same column, for a sequence under a key), so block
    depth is at most twice the widest run of spaces and indicators that starts a line
    (``- - - x`` nests three sequences on one line)."""
    flow = text.count("[") + text.count("{")
    widest = max((len(m) for m in _BLOCK_OPENERS.findall(text)), default=0)
    return flow + 2 * (widest + 1)


def _guard_structure(file: str, text: str) -> None:
    """Refuse YAML nested deeper or aliased more than any case file needs, before it is
    composed: deep nesting overflows the C composer's stack (a crash, not an exception) and
    aliases can expand a small file into billions of values. A bound from the text clears
    most files; the rest are checked event by event (the parser itself does not recurse)."""
    if _nesting_bound(text) <= MAX_DEPTH and "*" not in text:
        return
    depth = aliases = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise CaseFileError(file, event.start_mark.line + 1, None,
                                        f"nested more than {MAX_DEPTH} levels deep",
                                        "a case file is a few levels deep: sections, then "
                                        "keys and values")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise CaseFileError(file, event.start_mark.line + 1, None,
                                        f"uses more than {MAX_ALIASES} YAML aliases (*name)",
                                        "write the values out; case files need no aliases")
    except yaml.YAMLError as error:
        # report it now: composing a file this deep could crash before reaching the error
        raise _yaml_error(file, text, error) from None


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """YAML integers, except that one too long for Python's int() stays text: the check of
    the composed document refuses it with its line, for its case alone."""
    if sum(c.isdigit() for c in node.value) > MAX_DIGITS:
        return node.value
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_RESOLVED: dict[str, str] = {}  # plain scalar -> its implicit tag, for values seen before
_RESOLVED_MOST = 50_000  # entries kept (short values only: keys, answers, counts)


class _CaseLoader(_Loader):
    """PyYAML's C safe loader; constructing a document never raises on a number. The C
    composer asks ``resolve`` for the tag of every scalar, which tries the implicit
    resolvers' regular expressions in Python; the tag of a plain scalar depends on its text
    alone (no path resolvers are registered), so each text's tag is worked out once. The
    composer also tells ``descend_resolver`` and ``ascend_resolver`` where it is at every
    node, which matters only to path resolvers: they are answered in C by functions that
    do nothing with what they are given (a call of a Python method from the composer, two
    for each of a case's eighty nodes, costs more than the nothing they do)."""

    descend_resolver = staticmethod({}.get)  # (node, index): nothing kept, nothing done
    ascend_resolver = staticmethod(tuple)  # (): nothing done

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 64 and len(_RESOLVED) < _RESOLVED_MOST:
                    _RESOLVED[value] = tag
            return tag
        # what the resolver answers, with no path resolvers, for a quoted scalar, a
        # sequence and a mapping (a third of the nodes of a case), without asking it
        tag = _DEFAULT_TAGS.get(kind)
        return tag if tag is not None else super().resolve(kind, value, implicit)


_DEFAULT_TAGS = {yaml.ScalarNode: _Loader.DEFAULT_SCALAR_TAG,
                 yaml.SequenceNode: _Loader.DEFAULT_SEQUENCE_TAG,
                 yaml.MappingNode: _Loader.DEFAULT_MAPPING_TAG}
assert not _CaseLoader.yaml_path_resolvers, "the resolver's shortcuts assume no path resolvers"
_CaseLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MERGE = "tag:yaml.org,2002:merge"
_NUMBER_TAGS = (_INT, _FLOAT)
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_MAX_PROBLEMS = 1000


def _yaml11_number(node: yaml.ScalarNode) -> tuple[str, str] | None:
    """What is wrong with a plain scalar that YAML 1.1 reads in a way no one writing a case
    means (octal, base 60, hexadecimal, a leading zero), as (problem, hint); or None.

    Decisions: a leading zero, base-60 (``1:30``), hexadecimal and binary numbers are
    refused, never converted (``0800``, not octal, is text to YAML and read as written); NaN and infinity are refused where a number is read (by the
    builder, which names the key); ``yes``/``no``/``on``/``off`` stay yes/no answers as
    they always were; ``1e3`` (no dot) is text to YAML 1.1 and so is refused where a number
    is needed; ``1_000`` is 1000 (underscores only group digits)."""
    if node.style or node.tag not in (_INT, _FLOAT):
        return None
    raw = node.value
    digits = raw.lstrip("+-").replace("_", "")
    if sum(c.isdigit() for c in raw) > MAX_DIGITS:
        return (f"is a {sum(c.isdigit() for c in raw)}-digit number, more than any clinical "
                "value has", "check the number")
    octal = node.tag == _INT and _LEADING_ZERO.fullmatch(raw)
    other_base = node.tag == _INT and digits[:2].lower() in ("0x", "0b")
    if not (octal or other_base or ":" in raw):
        return None
    decimal = str(int(digits)) if digits.isdigit() else digits
    value = yaml.load(raw, Loader=_Loader)
    if ":" in raw:
        return (f"{raw} is read by YAML as a base-60 number ({value:g})",
                f"write the number you mean in plain digits, or quote it ('{raw}') if it "
                "is text")
    if other_base:
        base = "hexadecimal" if digits[1] in "xX" else "binary"
        return (f"{raw} is read by YAML as a {base} number ({value})",
                f"write the number in decimal, or quote it ('{raw}') if it is text")
    if octal:
        return (f"{raw} has a leading zero, so YAML reads it as the octal number {value}",
                f"write {decimal} (a leading zero makes YAML read it as octal), or "
                f"quote it ('{raw}') if it is a name")
    return None


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_construct_float = yaml.constructor.SafeConstructor.construct_yaml_float
_BOOL_VALUES = yaml.constructor.SafeConstructor.bool_values
FAST_LOADING = True  # False: every document through the stock constructor and full check


class _NotPlain(Exception):
    """A node the plain construction leaves to PyYAML's own constructor (another tag, a
    merge key, an alias of a collection, a key that is not a scalar)."""


def _construct_plain(loader: yaml.SafeLoader, root: yaml.Node) -> tuple[object, bool]:
    """The data PyYAML's safe constructor makes of ``root`` when it holds plain data only
    (mappings, sequences, text, numbers, yes/no, null), built directly, and whether
    ``_document_problems`` must look at it: a mapping with fewer entries than keys (a key
    given twice), a key that is not text, or a number whose text could be a YAML 1.1 surprise
    (a colon, a leading zero, too many digits). Anything else raises ``_NotPlain``. Recursion is bounded by
    ``_guard_structure``, which runs first."""
    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    seen: set[int] = set()
    suspicious = False

    def build(node):
        nonlocal suspicious
        kind, tag = type(node), node.tag
        if kind is scalar:
            if tag == _STR:
                return node.value
            if tag in _NUMBER_TAGS:
                value = node.value
                # what _yaml11_number refuses needs a colon, more than MAX_DIGITS
                # characters, or (an integer) a 0 first after any signs and underscores
                if ":" in value or len(value) > MAX_DIGITS or (
                        tag == _INT and len(value) > 1 and value.lstrip("+-_")[:1] == "0"):
                    suspicious = True
                return _construct_int(loader, node) if tag == _INT \
                    else _construct_float(loader, node)
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return _BOOL_VALUES[node.value.lower()]
            raise _NotPlain
        if id(node) in seen:  # an alias: PyYAML shares the one object
            raise _NotPlain
        seen.add(id(node))
        if kind is mapping and tag == _MAP:
            data = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or key_node.tag == _MERGE:
                    raise _NotPlain
                key = build(key_node)
                if type(key) is not str:
                    suspicious = True
                data[key] = build(value_node)
            if len(data) != len(node.value):
                suspicious = True
            return data
        if kind is sequence and tag == _SEQ:
            return [build(item) for item in node.value]
        raise _NotPlain

    data = build(root)
    return data, suspicious


def _document_problems(file: str, root: yaml.Node,
                       prefix: tuple = ()) -> list[tuple[tuple, CaseFileError]]:
    """What YAML resolves silently that a case must not: a key given twice (the first
    value would be lost) and numbers read as YAML 1.1 reads them. Each as (path, error), in
    document order, so that each case can be refused on its own. ``prefix``: the path of
    ``root`` in its file (a case of a streamed list)."""
    problems: list[tuple[tuple, CaseFileError]] = []
    seen: set[int] = set()
    pending: list[tuple[yaml.Node, tuple]] = [(root, prefix)]
    scalar, mapping = yaml.ScalarNode, yaml.MappingNode
    while pending and len(problems) < _MAX_PROBLEMS:
        node, path = pending.pop()
        if type(node) is scalar:
            value = node.value
            # most numbers are cleared by a glance: no colon, no leading zero, not long
            if node.tag in _NUMBER_TAGS and not node.style and (
                    ":" in value or "0" in value[:2] or len(value) > MAX_DIGITS):
                found = _yaml11_number(node)
                if found:
                    problems.append((path, CaseFileError(file, node.start_mark.line + 1,
                                                         _dotted(path), *found)))
            continue
        if id(node) in seen:  # an alias: checked where it was anchored
            continue
        seen.add(id(node))
        if type(node) is mapping:
            first_line: dict[tuple, int] = {}
            for key, value in node.value:
                step = key.value if type(key) is scalar else "?"
                if type(key) is scalar and key.tag != _MERGE:
                    identity = (key.tag, step)
                    if identity in first_line:
                        line = key.start_mark.line + 1
                        problems.append((path + (step,), CaseFileError(
                            file, line, _dotted(path + (step,)),
                            f"is given twice (lines {first_line[identity]} and {line})",
                            "keep one: YAML would silently use the last and drop the first")))
                    else:
                        first_line[identity] = key.start_mark.line + 1
                pending.append((value, path + (step,)))
        else:
            pending.extend((item, path + (index,)) for index, item in enumerate(node.value))
    problems.sort(key=lambda problem: problem[1].line or 0)
    return problems


def _yaml_error(file: str, text: str, error: yaml.YAMLError) -> CaseFileError:
    """A YAML error from the C parser as one line naming the file and line."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "is not valid YAML").strip()
        hint = None
        context = error.context_mark
        if context is not None and mark is not None and context.line != mark.line \
                and error.context:
            problem += f" ({error.context.strip()} that starts at line {context.line + 1})"
        if "python/" in problem or "could not determine a constructor" in problem:
            problem = f"YAML tags are not allowed here ({problem})"
            hint = "case files hold plain data only: remove the !!tag"
        elif "expected a single document" in problem:
            hint = "one case per document; to put several in one file use a cases: list"
        return CaseFileError(file, mark.line + 1 if mark else None, None,
                             f"invalid YAML: {problem}", hint)
    if isinstance(error, yaml.reader.ReaderError):
        line = text[: error.position].count("\n") + 1 if error.position is not None else None
        return CaseFileError(file, line, None, f"invalid YAML: {error.reason} "
                             f"(character #x{error.character:04x})"
                             if isinstance(error.character, int) else
                             f"invalid YAML: {error.reason}",
                             "remove the control character")
    return CaseFileError(file, None, None, "invalid YAML: " + " ".join(str(error).split()))


def _compose(file: str, text: str, per_case: bool = False) -> _Document:
    """The document in ``text``, checked: nesting and aliases bounded, no duplicate keys,
    no YAML 1.1 number surprises. With ``per_case`` the problems inside a case are kept on
    the document for that case to report (``_build_or_error``); otherwise the first is
    raised."""
    _guard_structure(file, text)
    loader = _CaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise CaseFileError(file, None, None, "is empty",
                                "a case needs at least an id and some labs")
        data, suspicious = _construct(loader, node)
    except yaml.YAMLError as error:
        raise _yaml_error(file, text, error) from None
    except RecursionError:
        raise CaseFileError(file, None, None, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise CaseFileError(file, node.start_mark.line + 1, None,
                            f"expected a mapping of sections (id:, labs:, ...), got "
                            f"{_kind(data)}")
    document = _Document(file, node, data)
    document.problems = _document_problems(file, node) if suspicious else []
    several = "cases" in data and "id" not in data
    for path, error in document.problems:
        in_a_case = per_case and (not several or (len(path) >= 2 and path[0] == "cases"))
        if not in_a_case:
            raise error
    return document


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> tuple[object, bool]:
    """The document's data, and whether it needs the full check for what YAML resolves
    silently (``_document_problems``). Plain data is built directly and checked at a
    glance as it is built; anything else (another tag, an alias, a merge key, or any error)
    goes through PyYAML's own constructor and the full check, so errors are PyYAML's."""
    if FAST_LOADING:
        try:
            return _construct_plain(loader, node)
        except Exception:  # noqa: BLE001 - the stock constructor below says what is wrong
            pass
    try:
        return loader.construct_document(node), True
    except (ValueError, KeyError, TypeError, OverflowError) as error:  # an explicit tag
        raise _tag_error(loader, node, error) from None


def _tag_error(loader: yaml.SafeLoader, root: yaml.Node, error: Exception) -> yaml.YAMLError:
    """A value that an explicit YAML tag cannot read (``!!bool maybe``, ``!!int abc``), as
    a YAML error at that value's line with its key (the generic constructors raise plain
    Python errors that say neither)."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left mid-construction
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, (*path, getattr(name, "value", "?"))) for name, value in
                         reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, f"[{index}]")) for index, item in
                         reversed(list(enumerate(node.value))))
        elif node.tag != loader.resolve(yaml.ScalarNode, node.value, (True, False)):
            try:
                loader.construct_object(node)
            except (ValueError, KeyError, TypeError, OverflowError):
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                key = ".".join(str(part) for part in path).replace(".[", "[")
                where = f"{key}: " if key else ""
                return yaml.constructor.ConstructorError(
                    None, None, f"{where}{tag} {node.value!r} cannot be read (remove the "
                    f"{tag} tag; case files need no YAML tags)", node.start_mark)
    return yaml.constructor.ConstructorError(
        None, None, f"a tagged value cannot be read ({type(error).__name__})",
        root.start_mark)


# ---- a large file of many cases, read one case at a time ----------------------------------

MAX_STREAM_BYTES = 500_000_000  # a cases: list read case by case: some 200,000 cases
MAX_CASE_CHARACTERS = MAX_FILE_BYTES  # one case in such a list, as large as a case file


class _TextPieces:
    """A large case file handed to the C parser a piece at a time, as text: a NUL byte or
    bytes that are not UTF-8 stop the reading with the line where they stand."""

    def __init__(self, path: str, handle):
        self.path, self.handle = path, handle
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.lines = 0  # complete lines handed over so far
        self.size = 0
        self.done = False
        self.refused: CaseFileError | None = None  # raised at the next read

    def read(self, size: int) -> str:
        if self.refused is not None:
            raise self.refused
        if self.done:
            return ""
        data = self.handle.read(max(size, 1 << 16))
        self.size += len(data)
        if self.size > MAX_STREAM_BYTES:  # it grew since it was measured
            raise _too_large(self.path, None, True)
        if b"\0" in data:
            line = self.lines + data[: data.index(b"\0")].count(b"\n") + 1
            raise CaseFileError(self.path, line, None, "holds a NUL byte: a binary file, not "
                                "YAML text (the cases before this line were read)")
        try:
            text = self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            # the text before the bad bytes is read first (its cases are scored)
            good = error.object[: error.start]  # (any bytes held from the last piece too)
            line = self.lines + good.count(b"\n") + 1
            self.refused = CaseFileError(self.path, line, None, "is not UTF-8 text (the "
                                         "cases before this line were read)",
                                         "save the file as UTF-8")
            text = good.decode("utf-8")
            if self.size == len(data):  # the first piece: no byte-order mark in the text
                text = text.removeprefix("\ufeff")
            if not text:
                raise self.refused from None
        self.lines += data.count(b"\n")
        if not data:
            self.done = True
        return text


class _CaseTooBig(Exception):
    """One case of a streamed list that is refused before it is composed whole."""

    def __init__(self, problem: str, hint: str | None = None):
        super().__init__(problem)
        self.problem, self.hint = problem, hint


class _CaseComposer:
    """Composes one case of a streamed cases: list from the C parser's events into the same
    nodes PyYAML's composer makes, with the guards the whole-file path applies before
    composing: nesting at most MAX_DEPTH deep (counting the two levels above the case), at
    most MAX_ALIASES aliases, anchors only within the case, and at most MAX_CASE_CHARACTERS
    of text."""

    def __init__(self, loader: yaml.SafeLoader, start: int):
        self.loader = loader
        self.limit = start + MAX_CASE_CHARACTERS
        self.open = 0  # collections of this case begun and not yet ended
        self.aliases = 0
        self.anchors: dict[str, yaml.Node] = {}

    def skip_rest(self) -> None:
        """Read past the rest of a refused case, building nothing."""
        while self.open:
            event = self.loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.open += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.open -= 1

    def compose(self) -> yaml.Node:
        loader = self.loader
        event = loader.get_event()
        if event.end_mark.index > self.limit:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.open += 1
            raise _CaseTooBig(f"is larger than {MAX_CASE_CHARACTERS // 1_000_000} MB",
                              "a case is a few kB: check where this case ends")
        kind = type(event)
        if kind is yaml.AliasEvent:
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _CaseTooBig(f"uses more than {MAX_ALIASES} YAML aliases (*name)",
                                  "write the values out; case files need no aliases")
            if event.anchor not in self.anchors:
                raise _CaseTooBig(f"uses the alias *{event.anchor} of no anchor in this case",
                                  "in a file over 2 MB an alias must point into its own "
                                  "case; write the values out")
            return self.anchors[event.anchor]
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise _CaseTooBig(f"defines the anchor &{anchor} twice")
        tag = event.tag
        if kind is yaml.ScalarEvent:
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                   style=event.style)
            if anchor is not None:
                self.anchors[anchor] = node
            return node
        self.open += 1
        if 2 + self.open > MAX_DEPTH:
            raise _CaseTooBig(f"nested more than {MAX_DEPTH} levels deep",
                              "a case file is a few levels deep: sections, then keys and "
                              "values")
        if kind is yaml.SequenceStartEvent:
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.SequenceNode, None, event.implicit)
            node = yaml.SequenceNode(tag, [], event.start_mark, None,
                                     flow_style=event.flow_style)
            end = yaml.SequenceEndEvent
        else:
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.MappingNode, None, event.implicit)
            node = yaml.MappingNode(tag, [], event.start_mark, None,
                                    flow_style=event.flow_style)
            end = yaml.MappingEndEvent
        if anchor is not None:
            self.anchors[anchor] = node
        items, compose = node.value, self.compose
        while not isinstance(loader.peek_event(), end):
            if end is yaml.SequenceEndEvent:
                items.append(compose())
            else:
                key = compose()
                items.append((key, compose()))
        node.end_mark = loader.get_event().end_mark
        self.open -= 1
        return node


class _StreamedCase(_Document):
    """One case of a streamed cases: list: its paths and lines are those of the whole file
    (``cases[12].labs.wbc`` at its line), though only the case itself is held."""

    def __init__(self, file: str, node: yaml.Node, data: object, index: int):
        super().__init__(file, node, {"cases": {index: data}})
        self.index = index

    def line_of(self, path: tuple) -> int | None:
        if tuple(path[:2]) != ("cases", self.index):
            return self.node.start_mark.line + 1
        return super().line_of(path[2:])


def _stream_cases(path: str, handle) -> Iterator[Case | CaseFileError]:
    """Every case of a file too large to read whole (over MAX_FILE_BYTES), which must hold
    them under a top-level ``cases:`` list: each case is composed, checked and validated on
    its own as the parser reaches it, so memory holds one case at a time. An error in the
    YAML (which ends the parse) or a key after the list is reported after the cases before
    it, with its line."""
    loader = _CaseLoader(_TextPieces(path, handle))
    try:
        yield from _streamed_outcomes(path, loader)
    except CaseFileError as error:
        yield error
    except yaml.YAMLError as error:
        yield _streamed_yaml_error(path, error)
    finally:
        loader.dispose()


def _streamed_yaml_error(path: str, error: yaml.YAMLError) -> CaseFileError:
    refused = _yaml_error(path, "", error)
    if isinstance(error, yaml.reader.ReaderError) and error.position is not None:
        refused.line = _line_at(path, error.position)
    refused.problem += " (the cases before it were read)"
    return refused


def _line_at(path: str, offset: int) -> int | None:
    """The line of the ``offset``-th byte of the UTF-8 text (after any byte-order mark)."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(3)
            skip = 3 if start == codecs.BOM_UTF8 else 0
            handle.seek(0)
            lines, left = 1, offset + skip
            while left > 0:
                data = handle.read(min(left, 1 << 20))
                if not data:
                    break
                lines += data.count(b"\n")
                left -= len(data)
            return lines
    except OSError:
        return None


def _streamed_outcomes(path: str, loader: yaml.SafeLoader) -> Iterator[Case | CaseFileError]:
    def refuse(event, problem: str, hint: str | None = None) -> CaseFileError:
        return CaseFileError(path, event.start_mark.line + 1 if event else None, None,
                             problem, hint)

    form = ("a file over 2 MB is read one case at a time, so it must hold its cases "
            "under a cases: list, first in the file")
    get, peek = loader.get_event, loader.peek_event
    get()  # the stream's start
    if isinstance(peek(), yaml.StreamEndEvent):
        raise CaseFileError(path, None, None, "is empty",
                            "a case needs at least an id and some labs")
    get()  # the document's start
    top = get()
    if not isinstance(top, yaml.MappingStartEvent):
        raise refuse(top, "too large for a case file, unless it holds many cases "
                     "(expected a top-level cases: list)", form)
    key = get()
    if not (isinstance(key, yaml.ScalarEvent) and key.value == "cases"
            and key.tag in (None, "!") and key.anchor is None):
        raise refuse(key, "too large for a case file, unless it holds many cases "
                     "(expected cases: as the first key)", form)
    cases_line = key.start_mark.line + 1
    items = get()
    if not isinstance(items, yaml.SequenceStartEvent) or items.anchor is not None:
        raise CaseFileError(path, cases_line, "cases", "expected a list of cases")
    index = 0
    while not isinstance(peek(), yaml.SequenceEndEvent):
        yield _streamed_case(path, loader, index)
        index += 1
    get()
    if not index:
        yield CaseFileError(path, cases_line, "cases", "expected a list of cases")
    while not isinstance(peek(), yaml.MappingEndEvent):
        extra = peek()
        name = extra.value if isinstance(extra, yaml.ScalarEvent) else "?"
        line = extra.start_mark.line + 1
        if name == "cases":
            yield CaseFileError(path, line, "cases", f"is given twice (lines {cases_line} "
                                f"and {line}); the cases of the second list are not read",
                                "keep one cases: list")
        else:
            yield CaseFileError(path, line, "cases", f"unexpected top-level key "
                                f"{_shown(name)} beside 'cases'",
                                "put every case inside the cases: list")
        for _ in range(2):  # read past the key and its value
            skipped = _CaseComposer(loader, peek().start_mark.index)
            skipped.limit = float("inf")
            try:
                skipped.compose()
            except _CaseTooBig:
                skipped.skip_rest()
    get()  # the mapping's end
    get()  # the document's end
    following = peek()
    if not isinstance(following, yaml.StreamEndEvent):
        yield refuse(following, "invalid YAML: a second document in the file; it is not "
                     "read", "one case per document; to put several in one file use a "
                     "cases: list")


def _streamed_case(path: str, loader: yaml.SafeLoader, index: int) -> Case | CaseFileError:
    """One case of a streamed list: composed (or refused, and read past), then checked and
    validated exactly as a case of a whole file is."""
    first = loader.peek_event()
    composer = _CaseComposer(loader, first.start_mark.index)
    try:
        node = composer.compose()
    except _CaseTooBig as refused:
        composer.skip_rest()
        return CaseFileError(path, first.start_mark.line + 1, _dotted(("cases", index)),
                             refused.problem, refused.hint)
    try:
        data, suspicious = _construct(loader, node)
    except yaml.YAMLError as error:
        refused = _yaml_error(path, "", error)
        refused.key = _dotted(("cases", index))
        return refused
    document = _StreamedCase(path, node, data, index)
    if suspicious:
        document.problems = _document_problems(path, node, ("cases", index))
    return _build_or_error(document, ("cases", index))


# ---- one answer at a time (the interview) ---------------------------------------------------

class InvalidAnswer(LeukodxError):
    """An answer that a case file would refuse; the message says what to write instead."""

    def __init__(self, question_id: str, problem: str, hint: str | None = None):
        self.question_id, self.problem, self.hint = question_id, problem, hint
        super().__init__(problem + (f" ({hint})" if hint else ""))


def parse_answer(question: Question, raw: object) -> object:
    """One answer, checked and normalised exactly as the same value in a case file would be:
    a number in canonical units for labs, ``yes``/``no``, a choice, a list of film finding ids,
    a list of medication mappings, or ``"unknown"``. Text typed for a number question is read
    as a number. Raises ``InvalidAnswer``."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() == "unknown"):
        return "unknown"
    if isinstance(raw, str) and question.kind in ("yesno", "choice"):
        raw = raw.strip().lower()
    if isinstance(raw, str) and question.kind == "number":
        raw = _typed_number(question, raw)
    builder = _CaseBuilder(_Document("answer", None, {}), (), load_catalogue())
    try:
        if question.section == "patient":
            return builder.patient({question.id: raw})[question.id]
        if question.section == "labs":
            return builder.labs({question.id: raw})[question.id]
        if question.section == "smear":
            return list(builder.smear(raw) or ())
        if question.section == "medications":
            return [medication_document(entry) for entry in builder.medications(raw) or ()]
        return builder.findings({question.id: raw})[question.id]
    except CaseFileError as error:
        raise InvalidAnswer(question.id, error.problem, error.hint) from None


def _typed_number(question: Question, text: str) -> float | int:
    """A number typed at the interview, read by the same parser (and comma rule) as a
    number written as text in a case file."""
    folded = text.strip().lower().replace(" ", "")
    for unit in filter(None, (question.unit, (question.unit or "").lstrip("°"))):
        if folded.endswith(unit.lower().replace(" ", "")):
            folded = folded[: -len(unit.replace(" ", ""))]
            break
    try:
        number = read_number(folded)
    except UnitProblem as problem:
        if question.unit in ("weeks", "days"):  # a time ago: "3 months", "10 days", a date
            return _typed_time_ago(question, text)
        raise InvalidAnswer(question.id, f"expected a number ({question.unit}), got "
                            f"{_shown(text.strip())}", problem.hint) from None
    low, high = question.minimum, question.maximum
    if number.decimal_reading is not None and (
            (low is not None and number.value < low) or (high is not None and number.value > high)):
        raise InvalidAnswer(question.id, f"{text.strip()!r} is ambiguous: the comma may "
                            "separate thousands or be a decimal comma",
                            f"type {_tidy_number(number.value)} or "
                            f"{_tidy_number(number.decimal_reading)}")
    return _tidy_number(number.value)


def _typed_time_ago(question: Question, text: str) -> float | int:
    """A time ago typed where weeks or days are asked, read as the drug form reads a start:
    with its unit ("3 months", "2 years", "10 days") or as a date, in the question's unit."""
    read, hint = (weeks_ago, WEEKS_HINT) if question.unit == "weeks" else (days_ago, DAYS_HINT)
    try:
        value = float(read(text))
    except ValueError as error:
        problem = str(error)
        if "future" in problem:
            raise InvalidAnswer(question.id, problem, "give a date before today") from None
        raise InvalidAnswer(question.id, f"expected {question.unit} as a number, or with a "
                            f"unit, or a date; got {_shown(text.strip())}", hint) from None
    # Said in the user's own words: the weeks it came to are a number they never typed.
    high = question.maximum
    if high is not None and value > high:
        raise InvalidAnswer(question.id, f"{text.strip()} is longer ago than this question "
                            f"takes (at most {_limit_in_words(high, question.unit)})",
                            "give a shorter time, or leave it not known")
    return _tidy_number(value)


def _limit_in_words(limit: float, unit: str) -> str:
    if unit == "weeks":
        return weeks_in_words(limit)
    return f"{_tidy_number(float(limit))} {unit}"


def _tidy_number(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def medication_document(entry: MedicationEntry) -> dict:
    """One medication as a case file writes it (every key the case gave, so that a saved
    case loads back to the same result)."""
    stopped = "yes" if entry.stopped and entry.stopped_weeks_ago is None else None
    return {k: v for k, v in (("name", entry.name or None), ("for", entry.indication),
                              ("started_weeks_ago", entry.started_weeks_ago),
                              ("stopped_weeks_ago", entry.stopped_weeks_ago),
                              ("stopped", stopped),
                              ("days_since_last_dose", entry.days_since_last_dose),
                              ("dose_changed_weeks_ago", entry.dose_changed_weeks_ago),
                              ("dose_change", entry.dose_change),
                              ("dose", entry.dose), ("note", entry.note)) if v is not None}


def case_from_document(document: dict, name: str = "<interview>",
                       read_values: dict | None = None) -> Case:
    """Validate a case-file mapping built in memory (an interview's answers) exactly as the
    same mapping read from a file; raises ``CaseFileError`` (without line numbers).
    ``read_values``: lab values the caller has already read with ``read_lab_value``, as
    ``{(lab id, type of the value, value): what it read}`` (the FHIR reader checks every
    value it places); each is taken as read instead of being read a second time. Every
    other check (keys, dates, values across a count) is made as for any mapping."""
    return _CaseBuilder(_Document(name, None, document), (), load_catalogue(),
                        read_values=read_values).build()


def unnamed_drug_words(indication: str | None) -> str:
    """An entry without a name, as every output shows it: "a drug for treatment-resistant
    schizophrenia, name not given"."""
    known = load_catalogue().indications.get(indication or "")
    return f"a drug for {known.name if known else indication}, name not given"


def unnamed_drug_note(entry: MedicationEntry) -> str:
    """What every output says about an entry that gives only what the drug is for: how it
    is weighed, and that naming the drug would weigh it exactly."""
    catalogue = load_catalogue()
    indication = catalogue.indications[entry.indication]
    opening = (f"medication {entry.shown!r} is not in the drug dictionary; by what it is for, "
               if entry.name else f"medication {entry.shown!r}: ")
    if entry.inference == "none" or not entry.drugs:
        how = "no drug class follows, so it weighs for nothing"
    else:
        how = (f"it is weighed as {drug_in_words(entry.drugs[0][0])}"
               + (", one step weaker than if it were named" if entry.inference == "likely"
                  else ""))
    return (f"{opening}{how}, since {indication.rationale}; "
            + ("check the name's spelling" if entry.name else "name the drug if it is known"))


def unrecognised_drug_warning(name: str, guess: str | None) -> str:
    """What every output says about a drug name the dictionary does not know: it is kept in
    the case, and weighs for nothing."""
    return (f"medication {_shown(name.strip())} is not in the drug dictionary: it weighs "
            "for nothing" + (f" (did you mean {guess!r}?)" if guess else ""))


# ---- validating --------------------------------------------------------------------------

_LAST_STEP = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def _build_or_error(doc: _Document, prefix: tuple) -> Case | CaseFileError:
    """The case at ``prefix``, or its first error carrying every other one (``more``)."""
    errors = [error for path, error in doc.problems if path[: len(prefix)] == prefix]
    enough = False
    builder = _CaseBuilder(doc, prefix, load_catalogue(), every_error=True)
    try:
        case = builder.build()
    except CaseFileError as error:  # the first kept error, or one that ends the case
        case = None
        if not any(kept is error for kept in builder.errors):
            builder.errors.append(error)
    except _EnoughErrors:
        case, enough = None, True
    # where the YAML check refused a key (given twice, an octal number), the builder's
    # error for that key, or a check across it and its neighbours, may only follow from the
    # value YAML kept (an ANC above the second of two wbc:): the YAML error stands alone
    refused = {error.key for error in errors if error.key}
    beside = {_LAST_STEP.sub("", key) for key in refused}
    errors += [error for error in builder.errors
               if not error.key or (error.key not in refused and not (
                   error.across and _LAST_STEP.sub("", error.key) in beside))]
    if not errors:
        return case
    errors.sort(key=lambda error: error.line or 0)
    if enough:
        errors.append(CaseFileError(
            doc.file, doc.line_of(prefix), _dotted(prefix), f"more errors after the first "
            f"{MAX_LISTED_ERRORS} in this case were not looked for",
            "fix these and validate again"))
    first = errors[0]
    first.more = tuple(errors[1:])
    return first


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


SHOWN_AT_MOST = 120  # characters of a value quoted in an error message


def _shown(value: object) -> str:
    """A value quoted in a message, cut short: a case file may hold anything. ``reprlib``
    bounds each level (strings, items a level, depth) but not the whole: mappings of long
    keys nested two deep can still run to a thousand characters, so the text is cut too."""
    try:
        text = _SHORT.repr(value)
    except ValueError:  # an integer too long to write out
        return "a number too long to show"
    return text if len(text) <= SHOWN_AT_MOST else text[:SHOWN_AT_MOST - 3] + "..."


def _short_repr():
    import reprlib

    short = reprlib.Repr()
    short.maxstring = short.maxother = 60
    short.maxlevel, short.maxlist, short.maxdict = 2, 4, 4
    return short


_SHORT = _short_repr()


def _suggest(word: object, options: Iterable[str]) -> str | None:
    if not isinstance(word, str) or len(word) > 100:
        return None
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:  # a key cut short ("started" for started_weeks_ago)
        close = sorted(option for option in options if option.startswith(word + "_"))[:1]
    return f"did you mean {close[0]!r}?" if close else None


_READ_BEFORE_TYPES = (int, float, str)  # the values a caller's reading may be kept for
MAX_LISTED_ERRORS = 100  # a case's errors looked for before validate gives up on it


class _EnoughErrors(Exception):
    """A case has had MAX_LISTED_ERRORS errors: the rest are not looked for (each error
    looks up its line, and a file of thousands of bad keys would take minutes)."""


class _CaseBuilder:
    """Validates one case. With ``every_error`` it goes on past an error to the next key,
    medication or section and keeps each in ``errors`` (``validate`` shows them all at
    once); without, the first error is raised (one answer in the interview)."""

    def __init__(self, doc: _Document, prefix: tuple, catalogue: Catalogue,
                 every_error: bool = False, read_values: dict | None = None):
        self.doc, self.prefix, self.cat = doc, prefix, catalogue
        self.read_values = read_values or {}
        data = doc.data
        for step in prefix:
            data = data[step]
        self.data = data
        self.warnings: list[str] = []
        self.every_error = every_error
        self.errors: list[CaseFileError] = []

    def fail(self, path: tuple, problem: str, hint: str | None = None) -> CaseFileError:
        return self.doc.error(self.prefix + path, problem, hint)

    def fail_across(self, path: tuple, problem: str, hint: str | None = None) \
            -> CaseFileError:
        """An error found by comparing a value with its neighbours (ANC above the WBC)."""
        error = self.doc.error(self.prefix + path, problem, hint)
        error.across = True
        return error

    def keep(self, error: CaseFileError) -> None:
        """An error that need not stop the case: kept when collecting, raised otherwise."""
        if not self.every_error:
            raise error
        if len(self.errors) >= MAX_LISTED_ERRORS:
            raise _EnoughErrors
        self.errors.append(error)

    def part(self, default: object, read, *args: object) -> object:
        """``read(*args)``; when it fails and errors are collected, its error is kept and
        ``default`` stands in, so the rest of the case is still checked."""
        try:
            return read(*args)
        except CaseFileError as error:
            self.keep(error)
            return default

    def mapping(self, path: tuple, value: object, allowed: Iterable[str]) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {_kind(value)}")
        if type(allowed) is not dict:  # a dict (the catalogue's labs) is looked up as it is
            allowed = tuple(allowed)
        known = {}
        for key in value:
            if not isinstance(key, str):
                self.keep(self.fail(path, f"a key must be a plain word, got {_shown(key)}"))
            elif key not in allowed:
                self.keep(self.fail(path + (key,), "unknown key", _suggest(key, allowed)))
            else:
                known[key] = value[key]
        return known

    def build(self) -> Case:
        if not isinstance(self.data, dict):
            raise self.fail((), f"expected a case (a mapping), got {_kind(self.data)}")
        data = self.mapping((), self.data, SECTIONS)
        if "id" not in data or data["id"] in (None, ""):
            raise self.fail((), "missing required key 'id'", "give the case an id: id: my-case")
        if not isinstance(data["id"], (str, int)) or isinstance(data["id"], bool):
            raise self.fail(("id",), f"expected text, got {_kind(data['id'])}")
        if isinstance(data["id"], int) and abs(data["id"]) >= 10 ** 20:
            raise self.fail(("id",), "is too long a number for an id",
                            "quote it, or give a shorter id")
        title = data["title"] if data.get("title") is not None else ""
        if not isinstance(title, str):
            self.keep(self.fail(("title",), f"expected text, got {_kind(title)}"))
            title = ""
        part = self.part
        case = Case(
            id=str(data["id"]), file=self.doc.file, line=self.doc.line_of(self.prefix),
            title=title, patient=part({}, self.patient, data.get("patient")),
            labs=part({}, self.labs, data.get("labs")),
            earlier_counts=part((), self.earlier_counts, data.get("earlier_counts")),
            smear=part(None, self.smear, data["smear"]) if "smear" in data else None,
            medications=part(None, self.medications, data["medications"])
            if "medications" in data else None,
            findings=part({}, self.findings, data.get("findings")),
            expected=part(None, self.expected, data["expected"]) if "expected" in data
            else None,
            teaching=part(None, self.teaching, data["teaching"]) if "teaching" in data
            else None,
        )
        if case.findings.get("pregnant") == "yes" and case.patient.get("sex") == "male":
            self.keep(self.fail_across(("findings", "pregnant"),
                                       "pregnant: yes contradicts sex: male",
                                       "remove one of them"))
        if self.errors:
            raise self.errors[0]
        case.warnings = tuple(self.warnings)
        return case

    def patient(self, value: object) -> dict:
        raw = self.mapping(("patient",), value, PATIENT_KEYS)
        patient: dict = {}
        for key, answer in raw.items():
            question = self.cat.questions[key]
            if answer is None or answer == "unknown":
                continue
            patient[key] = self.part(None, self.answer, ("patient", key), question, answer)
        return {key: answer for key, answer in patient.items() if answer is not None}

    def labs(self, value: object, path: tuple = ("labs",)) -> dict:
        raw = self.mapping(path, value, self.cat.labs)
        labs = {}
        read_before = self.read_values
        for key, answer in raw.items():
            if answer is None or answer == "unknown":
                continue
            if read_before and type(answer) in _READ_BEFORE_TYPES:
                read = read_before.get((key, type(answer), answer))
                if read is not None:
                    labs[key] = read
                    continue
            try:
                labs[key] = read_lab_value(self.cat.labs[key], answer)
            except UnitProblem as problem:
                self.keep(self.fail(path + (key,), problem.problem, problem.hint))
        # words and bounds ("low", "<500") take part in no arithmetic check
        numbers = {key: value for key, value in labs.items() if not isinstance(value, str)}
        wbc = numbers.get("wbc")
        for key in ("anc", "alc"):
            if wbc is not None and numbers.get(key) is not None and numbers[key] > wbc:
                self.keep(self.fail_across(path + (key,), f"{labs[key]:,} cannot be above "
                                           f"the white count ({wbc:,})",
                                           "check the units of both values"))
        total = sum(numbers.get(key, 0) for key in DIFFERENTIAL)
        if total > 102:
            first = next(key for key in DIFFERENTIAL if key in numbers)
            self.keep(self.fail_across(path + (first,), f"the differential percentages add "
                                       f"up to {total:g}%, more than 100%"))
        return labs

    def earlier_counts(self, value: object) -> tuple[EarlierCount, ...]:
        """Dated earlier (or repeat) counts: a list of ``- weeks_ago: 4`` + ``labs: {...}``."""
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(("earlier_counts",), f"expected a list of dated counts, got "
                            f"{_kind(value)}", "- weeks_ago: 4\n    labs: {wbc: 7000}")
        if len(value) > MAX_COUNT_HISTORY:
            raise self.fail(("earlier_counts",), f"{len(value)} earlier counts; at most "
                            f"{MAX_COUNT_HISTORY} are read")
        counts = [self.part(None, self.earlier_count, index, item)
                  for index, item in enumerate(value)]
        return tuple(count for count in counts if count is not None)

    def earlier_count(self, index: int, item: object) -> EarlierCount:
        path = ("earlier_counts", index)
        item = self.mapping(path, item, EARLIER_COUNT_KEYS)
        if not item:
            raise self.fail(path, "an earlier count needs a date and labs",
                            "- weeks_ago: 4\n    labs: {wbc: 7000}")
        times = [key for key in COUNT_TIMES if key in item]
        if len(times) != 1:
            raise self.fail(path, "give when this count was taken: one of "
                            + ", ".join(COUNT_TIMES) if not times else
                            f"give one time, not {' and '.join(times)}",
                            "weeks_ago or days_ago before the count under labs:, "
                            "hours_later or days_later for a repeat count")
        when = times[0]
        amount = item[when]
        if isinstance(amount, bool) or not isinstance(amount, (int, float)) \
                or amount != amount:
            raise self.fail(path + (when,), f"expected a number, got {_kind(amount)}")
        if amount < 0 or abs(amount * COUNT_TIMES[when]) > 5200:
            raise self.fail(path + (when,), f"{amount:g} is not possible here",
                            "a number from 0 upwards, at most 100 years")
        if not item.get("labs"):
            raise self.fail(path, "an earlier count needs its labs:",
                            "labs: {wbc: 7000, anc: 4200}")
        errors_before = len(self.errors)
        labs = self.labs(item["labs"], path + ("labs",))
        if not labs and len(self.errors) == errors_before:
            raise self.fail(path + ("labs",), "no value given (all unknown)")
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            raise self.fail(path + ("note",), f"expected text, got {_kind(note)}")
        return EarlierCount(when=when, amount=amount, labs=labs, note=note)

    def smear(self, value: object) -> tuple[str, ...] | None:
        if value is None:
            return ()
        if value == "unknown":  # asked but not known: the same as not reported
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(("smear",), f"expected a list of film findings, got {_kind(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or item not in self.cat.smear:
                hint = _suggest(item, self.cat.smear) if isinstance(item, str) else None
                self.keep(self.fail(("smear", index), f"unknown film finding {_shown(item)}",
                                    hint or "see `leukodx kb findings` for the list"))
        return tuple(item for item in value if isinstance(item, str) and item in self.cat.smear)

    def medications(self, value: object) -> tuple[MedicationEntry, ...] | None:
        if value is None:
            return ()
        if value == "unknown":  # asked but not known: the same as not asked
            return None
        if not isinstance(value, list):
            raise self.fail(("medications",), f"expected a list, got {_kind(value)}",
                            "write each drug as - name: clozapine")
        entries = [self.part(None, self.medication, index, item)
                   for index, item in enumerate(value)]
        return tuple(entry for entry in entries if entry is not None)

    def medication(self, index: int, item: object) -> MedicationEntry:
        """One medication; an error in it leaves the others to be checked."""
        path = ("medications", index)
        if isinstance(item, str):
            item = {"name": item}
        item = self.mapping(path, item, MEDICATION_KEYS)
        name = item.get("name")
        indication = self.indication(path + ("for",), item.get("for"))
        if indication is not None and (name is None or name == ""):
            name = ""
        elif not isinstance(name, str) or not name.strip():
            raise self.fail(path, "each medication needs a name, or what it is for",
                            "- name: clozapine, or - for: treatment_resistant_schizophrenia "
                            "(see `leukodx kb findings`)")
        timing = {}
        for key, unit, most in (("started_weeks_ago", "weeks", 5200),
                                ("stopped_weeks_ago", "weeks", 5200),
                                ("dose_changed_weeks_ago", "weeks", 5200),
                                ("days_since_last_dose", "days", 36500)):
            amount = item.get(key)
            if amount is None or amount == "unknown":
                continue
            if isinstance(amount, bool) or not isinstance(amount, (int, float)):
                raise self.fail(path + (key,), f"expected a number of {unit}, got "
                                f"{_kind(amount)}")
            self.finite(path + (key,), amount)
            if amount < 0 or amount > most:
                raise self.fail(path + (key,), f"{amount:g} {unit} is not possible",
                                f"{unit} ago, from 0 upwards")
            timing[key] = amount
        if timing.get("stopped_weeks_ago", 0) > timing.get("started_weeks_ago", 5200):
            raise self.fail_across(path + ("stopped_weeks_ago",),
                                   "the drug cannot be stopped before it was started",
                                   "stopped_weeks_ago must not exceed started_weeks_ago")
        if timing.get("dose_changed_weeks_ago", 0) > timing.get("started_weeks_ago", 5200):
            raise self.fail_across(path + ("dose_changed_weeks_ago",),
                                   "the dose cannot have changed before the drug was started",
                                   "dose_changed_weeks_ago must not exceed started_weeks_ago")
        if "days_since_last_dose" in timing and timing["days_since_last_dose"] > \
                timing.get("started_weeks_ago", 5200) * 7:
            raise self.fail_across(path + ("days_since_last_dose",),
                                   "the last dose cannot come before the drug was started",
                                   "days_since_last_dose must not exceed started_weeks_ago × 7")
        stopped = self.stopped(path + ("stopped",), item.get("stopped"),
                               "stopped_weeks_ago" in timing)
        dose_change = item.get("dose_change")
        if dose_change is not None and dose_change not in DOSE_CHANGES:
            raise self.fail(path + ("dose_change",), f"expected one of "
                            f"{', '.join(DOSE_CHANGES)}, got {_shown(dose_change)}",
                            _suggest(dose_change, DOSE_CHANGES))
        drug = self.cat.find_drug(name) if name else None
        combination = self.cat.find_combination(name) if name and drug is None else ()
        inference = None
        if drug is not None:
            drugs = ((drug.generic, drug.drug_class),)
            generic, drug_class = drug.generic, drug.drug_class
        elif combination:
            drugs = tuple((d.generic, d.drug_class) for d in combination)
            generic, drug_class = " + ".join(g for g, _ in drugs), "combination"
        elif indication is not None:
            # no name, or one the dictionary does not know: the drug the indication points
            # to stands for it
            inference = indication.inference
            stands_for = self.cat.drugs.get(indication.drug or "") if inference != "none" \
                else None
            drugs = ((stands_for.generic, stands_for.drug_class),) if stands_for else ()
            generic, drug_class = None, stands_for.drug_class if stands_for else None
            entry = MedicationEntry(name=name.strip(), generic=None, drug_class=None,
                                    indication=indication.id, inference=inference, drugs=drugs)
            where = self.prefix + path + ("for",)
            self.warnings.append(CaseWarning(unnamed_drug_note(entry), self.doc.file,
                                             self.doc.line_of(where), _dotted(where)))
        else:
            drugs, generic, drug_class = (), None, None
            guess = self.cat.suggest_drug(name)
            where = self.prefix + path + ("name",)
            self.warnings.append(CaseWarning(unrecognised_drug_warning(name, guess),
                                             self.doc.file, self.doc.line_of(where),
                                             _dotted(where)))
        return MedicationEntry(
            name=name.strip(), generic=generic, drug_class=drug_class,
            indication=indication.id if indication is not None else None, inference=inference,
            dose=self.dose(path + ("dose",), item.get("dose")),
            note=self.dose(path + ("note",), item.get("note"), "note: taken with food"),
            stopped=stopped, dose_change=dose_change, drugs=drugs, **timing)

    def indication(self, path: tuple, value: object):
        """What a drug is for (``for:``): an indication id from the drug dictionary."""
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, f"expected an indication id, got {_kind(value)}",
                            "write for: rheumatoid_arthritis; `leukodx kb findings` lists the ids")
        found = self.cat.find_indication(value)
        if found is None:
            raise self.fail(path, f"unknown indication {_shown(value)}",
                            _suggest(value.strip().lower().replace(" ", "_"),
                                     self.cat.indication_ids)
                            or "see `leukodx kb findings` for the list")
        return found

    def dose(self, path: tuple, dose: object, example: str = "dose: 200 mg twice daily") \
            -> str | None:
        if dose is None:
            return None
        if isinstance(dose, bool) or not isinstance(dose, (str, int, float)):
            what = "the dose as text" if example.startswith("dose") else "text"
            raise self.fail(path, f"expected {what}, got {_kind(dose)}", example)
        if not isinstance(dose, str):
            self.finite(path, dose)
        return str(dose)

    def finite(self, path: tuple, number: int | float) -> None:
        """Refuse NaN, infinity and integers too long for arithmetic (a 400-digit age)."""
        try:
            finite_number(number)
        except UnitProblem as problem:
            raise self.fail(path, problem.problem, problem.hint) from None

    def stopped(self, path: tuple, value: object, dated: bool) -> bool:
        """``stopped: yes`` says the drug was stopped when the date is not known; a date
        (``stopped_weeks_ago``) says so too."""
        if value is None or value == "unknown":
            return dated
        answer = ("yes" if value else "no") if isinstance(value, bool) else \
            value.lower() if isinstance(value, str) else None
        if answer not in ("yes", "no"):
            raise self.fail(path, f"expected yes, no or unknown, got {_shown(value)}")
        if answer == "no" and dated:
            raise self.fail(path, "says the drug was not stopped, but stopped_weeks_ago gives "
                            "a date", "remove one of the two")
        return answer == "yes" or dated

    def findings(self, value: object) -> dict:
        raw = self.mapping(("findings",), value, self.cat.questions)
        findings = {}
        for key, answer in raw.items():
            question = self.cat.questions[key]
            if question.section != "findings":
                self.keep(self.fail(("findings", key), f"belongs under {question.section}:, "
                                    "not findings:", f"move it to the {question.section}: "
                                    "section"))
                continue
            answer = self.part(None, self.answer, ("findings", key), question, answer)
            if answer is not None:
                findings[key] = answer
        self.consistent_findings(findings)
        return findings

    def consistent_findings(self, findings: dict) -> None:
        """A stated answer that a more precise one contradicts (``splenomegaly: no`` beside a
        spleen 6 cm below the costal margin) is an error, never silently overridden."""
        for question, (answer, source) in implied_answers(findings).items():
            stated = findings.get(question)
            if stated not in (None, "unknown", answer):
                self.keep(self.fail_across(("findings", question),
                                           f"{question}: {stated} contradicts {source}: "
                                           f"{_shown(findings[source])}",
                                           f"remove one of them, or write {question}: "
                                           f"{answer}"))

    def answer(self, path: tuple, question, answer: object) -> object:
        """One answer, checked against its question's kind."""
        if answer is None:
            return "unknown"
        if question.kind == "yesno":
            if isinstance(answer, bool):
                return "yes" if answer else "no"
            if isinstance(answer, str) and answer.lower() in YES_NO:
                return answer.lower()
            raise self.fail(path, f"expected yes, no or unknown, got {_shown(answer)}")
        if isinstance(answer, str) and answer.lower() == "unknown":
            return "unknown"
        if question.kind == "number":
            if isinstance(answer, bool) or not isinstance(answer, (int, float)):
                raise self.fail(path, f"expected a number ({question.unit}), got {_kind(answer)}")
            self.finite(path, answer)
            if question.id == "temperature_c" and 90 <= answer <= 110:
                raise self.fail(path, f"{answer:g} is not a temperature in °C",
                                f"did you mean {(answer - 32) * 5 / 9:.1f} °C ({answer:g} °F)?")
            low, high = question.minimum, question.maximum
            if (low is not None and answer < low) or (high is not None and answer > high):
                span = f"{low or 0:g}-{high:g}" if high is not None else f"at least {low:g}"
                raise self.fail(path, f"{answer:g} is outside the possible range "
                                f"({span} {question.unit})")
            return answer
        if question.kind == "choice":
            if isinstance(answer, str) and answer.lower() in question.choices:
                return answer.lower()
            raise self.fail(path, f"expected one of {', '.join(question.choices)}, got "
                            f"{_shown(answer)}", _suggest(answer, question.choices))
        raise self.fail(path, f"cannot be given here (a {question.kind} question)")

    def ids(self, path: tuple, value: object, known: dict, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list of {what} ids, got {_kind(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, str) or item not in known:
                self.keep(self.fail(path + (index,), f"unknown {what} {_shown(item)}",
                                    _suggest(item, known) or f"see `leukodx kb {what}s`"))
        return tuple(item for item in value if isinstance(item, str) and item in known)

    def expected(self, value: object) -> Expected:
        raw = self.mapping(("expected",), value, EXPECTED_KEYS)
        return Expected(
            causes=self.ids(("expected", "causes"), raw.get("causes"), self.cat.causes, "cause"),
            pitfalls=self.ids(("expected", "pitfalls"), raw.get("pitfalls"),
                              self.cat.pitfalls, "pitfall"))

    def teaching(self, value: object) -> Teaching:
        raw = self.mapping(("teaching",), value, TEACHING_KEYS)
        vignette = raw["vignette"] if raw.get("vignette") is not None else ""
        if not isinstance(vignette, str):
            raise self.fail(("teaching", "vignette"), f"expected text, got {_kind(vignette)}")
        points = raw["points"] if raw.get("points") is not None else []
        if isinstance(points, str):
            points = [points]
        if not isinstance(points, list) or not all(isinstance(p, str) for p in points):
            raise self.fail(("teaching", "points"), "expected a list of teaching points (text)")
        difficulty = raw.get("difficulty")
        if difficulty is not None and difficulty not in DIFFICULTIES:
            raise self.fail(("teaching", "difficulty"), f"expected one of "
                            f"{', '.join(DIFFICULTIES)}", _suggest(difficulty, DIFFICULTIES))
        return Teaching(vignette=vignette.strip(), points=tuple(points), difficulty=difficulty)
