"""Batch scoring: assess every case named by a set of paths and measure the rankings
against the answers the cases state. One bad case never stops the batch.

Large batches run in worker processes (never threads: experta keeps rule state per class).
Each worker builds one ``Assessor`` when it starts and reuses it for every case; files are
sent in chunks so that process overhead stays small, and the results are put back in file
order, so the output is the same whatever the number of workers. Ctrl-C stops the batch,
and the workers with it, and returns what was scored so far, marked as interrupted.

Every file given gets at least one outcome: an exception while loading or scoring a file
becomes that file's error (an internal error to report), a worker that dies has its chunk
retried file by file and a file that kills a worker twice is reported as such, and a final
count of files against outcomes turns any shortfall into error outcomes and ``Batch.missing``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from .assessment import Assessor, shared_assessor
from .cases import Case, case_files, iter_file
from .errors import CaseFileError, LeukodxError
from .result import BloodCountReading, Result

# With automatic job counts, each worker should get at least this many files: building a
# worker's engine costs about as much as scoring a hundred cases.
FILES_PER_WORKER = 64
MAX_CHUNK = 64  # files per task sent to a worker


@dataclass
class CaseOutcome:
    """One case's fate: scored (``result`` set) or not (``error`` set)."""

    id: str | None
    file: str
    status: str  # ok or error
    error: str | None = None
    result: Result | None = None
    case: Case | None = None
    # what score_batch's ``prepare`` made of it (e.g. the case's JSON), read as ``rendered``:
    # UTF-8 where it was made, then kept in the batch's spool file until it is written; the
    # result and case then keep only what the summary reads (the hit, what was expected)
    text: bytes | SpooledText | None = field(default=None, repr=False)

    @property
    def rendered(self) -> str | None:
        text = self.rendered_utf8
        return None if text is None else text.decode("utf-8", "surrogatepass")

    @property
    def rendered_utf8(self) -> bytes | None:
        """``rendered`` as the UTF-8 it was made in (what a report file is written in:
        read from the spool and written as it is, never decoded and encoded again)."""
        text = self.text
        if isinstance(text, SpooledText):
            return text.read()
        return text


@dataclass(frozen=True)
class SpooledText:
    """Where one rendered outcome lies in its batch's spool file."""

    spool: Spool
    offset: int
    length: int

    def read(self) -> bytes:
        return self.spool.read(self.offset, self.length)


class Spool:
    """The rendered reports of a batch, kept in an unlinked temporary file from the moment
    they come back until they are written out: 20,000 cases make about 250 MB of JSON, which
    would otherwise all be held in memory. If the file cannot be written (a full disk), the
    reports stay in memory instead; nothing is lost either way."""

    def __init__(self):
        self._file = None
        self._size = 0
        self._failed = False

    def keep(self, outcomes: list[CaseOutcome]) -> None:
        """Move each outcome's rendered bytes to the file (one write for them all)."""
        texts = [o for o in outcomes if type(o.text) is bytes]
        if not texts or self._failed:
            return
        data = b"".join(o.text for o in texts)
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix="leukodx-spool-")
            view, fd = memoryview(data), self._file.fileno()
            while view:
                view = view[os.write(fd, view):]
        except OSError:
            self._failed = True
            if self._file is not None:
                os.ftruncate(self._file.fileno(), self._size)
            return
        offset = self._size
        for outcome in texts:
            length = len(outcome.text)
            outcome.text = SpooledText(self, offset, length)
            offset += length
        self._size = offset

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self._file.fileno(), length, offset)
        if len(data) != length:  # never expected: the file is ours alone
            raise OSError(f"the batch's spool file gave {len(data)} of {length} bytes")
        return data


@dataclass
class Summary:
    cases: int
    scored: int
    errors: int
    with_expected: int = 0
    top1: float | None = None
    top3: float | None = None
    mrr: float | None = None
    pitfall_recall: float | None = None
    pitfall_precision: float | None = None


METRICS = ("top1", "top3", "mrr", "pitfall_recall", "pitfall_precision")


@dataclass
class Batch:
    """The outcomes of a batch in file order, and how the run went."""

    outcomes: list[CaseOutcome]
    files: int  # files named by the paths
    files_done: int
    jobs: int  # worker processes used (1: in this process)
    seconds: float
    interrupted: bool = False
    # files that came back with no outcome at all (a bug): each has been given an error
    # outcome, and the CLI names them and fails
    missing: list[str] = field(default_factory=list)
    summary: Summary = field(init=False)

    def __post_init__(self):
        self.summary = summarise(self.outcomes)


class ThresholdError(LeukodxError):
    """A ``--fail-under`` specification that cannot be read."""


def outcomes_for_file(path: str, assessor: Assessor,
                      with_trace: bool = True) -> Iterator[CaseOutcome]:
    """Load and assess every case in one file, one case at a time (a file of many cases is
    never held whole as results). An exception (a bug, never the user's doing) becomes that
    case's error outcome: it must not end the batch or lose the other files."""
    loaded_cases = iter_file(path)
    while True:
        try:
            loaded = next(loaded_cases, None)
        except Exception as error:  # noqa: BLE001 - any bug in loading is this file's error
            yield internal_error(path, error, "loading this file")
            return
        if loaded is None:
            return
        if isinstance(loaded, CaseFileError):
            yield CaseOutcome(id=None, file=path, status="error", error=loaded.message)
            continue
        try:
            result = assessor.assess(loaded, with_trace)
        except Exception as error:  # noqa: BLE001 - see above
            yield internal_error(path, error, f"scoring case {loaded.id}", case_id=loaded.id)
            continue
        yield CaseOutcome(id=loaded.id, file=path, status="ok", result=result, case=loaded)


def internal_error(path: str, error: BaseException | str, doing: str,
                   case_id: str | None = None) -> CaseOutcome:
    """The error outcome for a file that leukodx itself failed on."""
    what = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return CaseOutcome(id=case_id, file=path, status="error",
                       error=f"{path}: internal error while {doing} ({what}); this is a bug "
                             "in leukodx, please report it with this file")


def score_paths(paths: Iterable[str], assessor: Assessor | None = None) -> list[CaseOutcome]:
    """Assess every case under ``paths`` in a stable order (files sorted within folders),
    in this process."""
    assessor = assessor or Assessor()
    outcomes: list[CaseOutcome] = []
    for path in case_files(paths):
        outcomes.extend(outcomes_for_file(path, assessor))
    return outcomes


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class OutcomeWriter:
    """What takes a batch's outcomes while it is scored (a report written as the workers
    score, not after them): ``begin`` is told how many files there are and the jobs, and
    says whether it takes them; ``take`` is then given the outcomes in file order, each
    once, as soon as every file before them has been scored. The outcomes still come back
    in the ``Batch`` as always (an interrupted batch, or one with files missing, is not
    the whole report the writer was given)."""

    def begin(self, files: int, jobs: int) -> bool:
        return False

    def take(self, outcomes: list[CaseOutcome]) -> None:
        raise NotImplementedError


def score_batch(paths: Iterable[str], jobs: int | None = None,
                progress: Callable[[int, int], None] | None = None,
                assessor: Assessor | None = None,
                prepare: Callable[[CaseOutcome], str] | None = None,
                writer: OutcomeWriter | None = None) -> Batch:
    """Assess every case under ``paths``; ``jobs`` worker processes (None: as many as there
    are cores, fewer for small batches; 1: in this process). ``progress(done, total)`` is
    called with file counts as chunks finish. ``prepare(outcome)``, a picklable function,
    runs where the case was scored and its text is kept as ``outcome.rendered`` (so output
    is rendered in parallel too); it is given results without a trace, which no rendered
    report shows. ``writer`` (an ``OutcomeWriter``) may take the outcomes in file order as
    the batch goes. Ctrl-C returns the outcomes so far with ``interrupted`` set."""
    started = time.perf_counter()
    files = list(case_files(paths))
    if jobs is None:
        jobs = min(default_jobs(), max(1, len(files) // FILES_PER_WORKER))
    jobs = max(1, min(jobs, len(files) or 1))
    chunks = _chunks(files, jobs)
    # outcomes by place in the batch: (chunk, 0) for a whole chunk, (chunk, 1 + n) for the
    # n-th file of a chunk retried file by file
    done: dict[tuple[int, int], tuple[list[str], list[CaseOutcome]]] = {}
    interrupted = False
    spool = Spool()
    thresholds = gc.get_threshold()
    # the outcomes kept for the report are many small objects that live to the end: with
    # the default thresholds the cycle collector rescans them over and over (about a fifth
    # of a large batch's time)
    gc.set_threshold(50_000, 20, 100)
    in_order = None
    if writer is not None and writer.begin(len(files), jobs):
        in_order = _InOrder(chunks, done, writer.take)
    try:
        with _CtrlC() as ctrl_c:
            if jobs == 1:
                assessor = assessor or shared_assessor()
                for index, chunk in enumerate(chunks):
                    outcomes = []
                    for piece in _scored_pieces(chunk, assessor, prepare):
                        ctrl_c.check()
                        spool.keep(piece)
                        outcomes.extend(piece)
                    done[index, 0] = chunk, outcomes
                    if in_order is not None:
                        in_order.ready()
                    if progress:
                        progress(index + 1, len(files))
            else:
                if multiprocessing.get_start_method() == "fork":
                    # the workers are forked from this process: the engine is built once,
                    # here, and each worker starts with it (and a replacement for a dead one
                    # too); frozen, the collector in a worker never walks it (nor copies its
                    # pages)
                    shared_assessor()
                    gc.freeze()
                _score_in_workers(chunks, jobs, done, progress, len(files), prepare, spool,
                                  ctrl_c, in_order.ready if in_order is not None else None)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        gc.unfreeze()  # (here, the frozen objects are collected as before)
        gc.set_threshold(*thresholds)
    outcomes = [o for key in sorted(done) for o in done[key][1]]
    files_done = [f for key in sorted(done) for f in done[key][0]]
    missing = [] if interrupted else _unaccounted(files, outcomes)
    if missing:
        outcomes = _with_missing(files, outcomes, missing)
    return Batch(outcomes=outcomes, files=len(files), files_done=len(files_done), jobs=jobs,
                 seconds=time.perf_counter() - started, interrupted=interrupted,
                 missing=missing)


def _unaccounted(files: list[str], outcomes: list[CaseOutcome]) -> list[str]:
    """The final check of the rule that every file given has an outcome."""
    seen = {o.file for o in outcomes}
    return [f for f in dict.fromkeys(files) if f not in seen]


def _with_missing(files: list[str], outcomes: list[CaseOutcome],
                  missing: list[str]) -> list[CaseOutcome]:
    """The outcomes in file order, with an error outcome for each file that had none."""
    by_file: dict[str, list[CaseOutcome]] = {}
    for outcome in outcomes:
        by_file.setdefault(outcome.file, []).append(outcome)
    for path in missing:
        by_file[path] = [internal_error(path, "no outcome came back for this file",
                                        "scoring in a batch")]
    return [o for path in dict.fromkeys(files) for o in by_file.get(path, ())]


def _chunks(files: list[str], jobs: int) -> list[list[str]]:
    """Files in order, cut so each worker gets several chunks (for balance) of at most
    ``MAX_CHUNK`` files (so progress moves and an interruption loses little). With workers,
    the chunks shrink towards the end of the batch (each at most an eighth of a worker's
    share of what is left), so the workers finish close together: with chunks of 64
    bundled cases, one worker could stand idle for half a second at the end while the other
    finished its last chunk."""
    if jobs == 1:
        return [[path] for path in files]  # in this process nothing is gained by grouping
    chunks, start = [], 0
    while start < len(files):
        size = max(1, min(MAX_CHUNK, (len(files) - start) // (jobs * 8)))
        chunks.append(files[start:start + size])
        start += size
    return chunks


class _InOrder:
    """Hands the outcomes of the chunks done to ``take`` in file order, as soon as every
    chunk before them is done (whole, or file by file after its worker died)."""

    def __init__(self, chunks: list[list[str]], done: dict, take) -> None:
        self.sizes = [len(chunk) for chunk in chunks]
        self.done, self.take = done, take
        self.next = 0  # the first chunk not handed on yet

    def ready(self) -> None:
        done = self.done
        while self.next < len(self.sizes):
            index = self.next
            if (index, 0) in done:
                keys = [(index, 0)]
            else:
                keys = [(index, 1 + n) for n in range(self.sizes[index])]
                if not all(key in done for key in keys):
                    return
            for key in keys:
                self.take(done[key][1])
            self.next += 1


def _prepare(outcome: CaseOutcome, prepare) -> None:
    """Render one outcome (as UTF-8: half the size of most texts with a µ or a dash in them,
    and sent between processes as it is); then keep only what the summary reads beside the
    rendered text (the hit and the case's expected answer), so that little is sent between
    processes and kept until the end."""
    text = prepare(outcome)  # text, or its UTF-8 (render.case_json_bytes)
    outcome.text = text if type(text) is bytes else text.encode("utf-8", "surrogatepass")
    result, case = outcome.result, outcome.case
    if result is not None:
        outcome.result = Result(case_id=result.case_id, file=result.file, ranking=(),
                                pitfalls=(), reading=_NO_READING, questions=(), trace=(),
                                hit=result.hit)
    if case is not None:
        outcome.case = Case(id=case.id, file=case.file, line=case.line,
                            expected=case.expected)


_NO_READING = BloodCountReading()


TASKS_AHEAD = 2  # tasks a worker holds: the one it scores and the next, so it never waits


class _CtrlC:
    """Ctrl-C while a batch runs. Python's own handler raises KeyboardInterrupt wherever
    the parent happens to be, and code that is not ours may swallow it there (a finalizer
    or a weakref callback run at that moment only prints "Exception ignored"), after which
    the batch would go on to the end as if never interrupted. So the signal is also
    remembered, and the batch checks at every piece and at least once a second
    (``check``). Only in the main thread, and only where Ctrl-C has Python's default
    handler (a program that installed its own keeps it)."""

    def __init__(self) -> None:
        self.pressed = False
        self._previous = None

    def __enter__(self) -> _CtrlC:
        import threading

        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.pressed = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


CHECK_EVERY = 1.0  # seconds the parent waits on its workers before it checks for Ctrl-C


def _score_in_workers(chunks: list[list[str]], jobs: int, done: dict, progress,
                      total: int, prepare, spool: Spool, ctrl_c: _CtrlC | None = None,
                      chunk_done: Callable[[], None] | None = None) -> None:
    """Score the chunks in ``jobs`` worker processes (``chunk_done()`` is called after each
    task is done), each sent its chunks over its own
    pipe, ``TASKS_AHEAD`` at a time (so a worker finishing a chunk starts the next at once
    instead of waiting for the parent to be scheduled, which on a busy machine can take
    milliseconds), in order, so the parent always knows which chunk each worker is
    scoring. A worker that dies (killed, a crash in C code) loses only that chunk: its
    files are queued again one by one, each in a worker of its own task (the chunk it had
    not begun is queued again as it was), and a file whose worker dies again is reported
    as an error. A worker sends its outcomes back in pieces as it goes (a file may hold
    thousands of cases); the pieces of a task it dies holding are dropped with it. On
    Ctrl-C (or any failure) the workers are stopped at once."""
    queue: deque[tuple[tuple[int, int], list[str], bool]] = deque(
        ((index, 0), chunk, False) for index, chunk in enumerate(chunks))
    workers: list[_Worker] = []
    files_done = 0
    try:
        for _ in range(min(jobs, len(queue))):
            workers.append(_Worker(prepare))
        while queue or any(w.tasks for w in workers):
            for worker in workers:
                while len(worker.tasks) < TASKS_AHEAD and queue:
                    worker.give(queue.popleft())
            busy = [w for w in workers if w.tasks]
            if ctrl_c:
                ctrl_c.check()
            ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy],
                             timeout=CHECK_EVERY))
            for worker in busy:
                if worker.connection not in ready and worker.process.sentinel not in ready:
                    continue
                key, files, retried = worker.tasks[0]
                message = worker.receive()
                if message is not None:
                    kind, piece = message
                    spool.keep(piece)
                    worker.received.extend(piece)
                    if kind == "part":
                        continue
                    outcomes, worker.received = worker.received, []
                    worker.tasks.popleft()
                else:  # the worker died scoring this task
                    outcomes = None
                    workers.remove(worker)
                    worker.close()
                    again = list(worker.tasks)[1:]  # given to it, not begun
                    if retried:
                        outcomes = [internal_error(
                            files[0], f"the worker scoring this file died ({worker.death()})",
                            "scoring in a worker process")]
                    else:
                        again[:0] = [((key[0], 1 + n), [path], True)
                                     for n, path in enumerate(files)]
                    queue.extendleft(reversed(again))
                    if queue:
                        workers.append(_Worker(prepare))
                    if outcomes is None:
                        continue
                done[key] = files, outcomes
                files_done += len(files)
                if chunk_done is not None:
                    chunk_done()
                if progress:
                    progress(files_done, total)
        for worker in workers:
            worker.stop()
    except BaseException:
        for worker in workers:
            worker.process.terminate()
        raise
    finally:
        for worker in workers:
            worker.process.join()
            worker.close()


class _Worker:
    """One worker process and the tasks it holds, in the order it scores them."""

    def __init__(self, prepare):
        self.connection, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_work, args=(child, prepare),
                                               daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[tuple[tuple[int, int], list[str], bool]] = deque()
        self.received: list[CaseOutcome] = []  # the pieces of the first task so far

    def give(self, task) -> None:
        self.tasks.append(task)
        try:
            self.connection.send(task[:2])
        except OSError:  # it has died already: receive() will say so
            pass

    def receive(self) -> tuple[str, list[CaseOutcome]] | None:
        """The next piece of the first task's outcomes (``part``, or ``done`` for the last),
        or None when the worker died before sending it."""
        try:
            return self.connection.recv()
        except Exception:  # noqa: BLE001 - EOF, or a message cut off by the death
            self.process.kill()
            self.process.join()
            self.received = []
            return None

    def death(self) -> str:
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"signal {-code}"
        return f"exit status {code}"

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass

    def close(self) -> None:
        self.connection.close()


_worker_assessor: Assessor | None = None


def _start_worker() -> None:
    """Build this worker's one engine (a forked worker has it from the parent already).
    Ctrl-C is the parent's to handle: the parent stops the batch and the workers are shut
    down with it."""
    global _worker_assessor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(50_000, 20, 100)
    _worker_assessor = shared_assessor()


def _work(connection, prepare) -> None:
    """A worker's life: build the engine, then score each chunk sent until told to stop."""
    _start_worker()
    assert _worker_assessor is not None
    while True:
        try:
            task = connection.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:
            return
        key, paths = task
        for piece in _scored_pieces(paths, _worker_assessor, prepare):
            connection.send(("part", piece))
        connection.send(("done", []))


PIECE = 64  # outcomes sent back (and spooled) at a time, however many cases a file holds


def _scored_pieces(paths: list[str], assessor: Assessor,
                   prepare) -> Iterator[list[CaseOutcome]]:
    """Every case in ``paths``, in pieces of at most ``PIECE`` outcomes, rendered by
    ``prepare`` when there is one (rendered output shows no trace, so none is built). A
    failure in rendering is that case's error. One _scored_pieces for this process and the
    workers."""
    piece: list[CaseOutcome] = []
    for path in paths:
        for outcome in outcomes_for_file(path, assessor, prepare is None):
            if prepare is not None:
                try:
                    _prepare(outcome, prepare)
                except Exception as error:  # noqa: BLE001 - a bug in rendering
                    outcome = internal_error(path, error, "rendering this case's report",
                                             case_id=outcome.id)
            piece.append(outcome)
            if len(piece) >= PIECE:
                yield piece
                piece = []
    if piece:
        yield piece


def summarise(outcomes: list[CaseOutcome]) -> Summary:
    """Counts, and accuracy figures over the cases that state what they expect."""
    scored = [o for o in outcomes if o.result is not None]
    summary = Summary(cases=len(outcomes), scored=len(scored),
                      errors=len(outcomes) - len(scored))
    judged = [o for o in scored if o.case.expected is not None]
    summary.with_expected = len(judged)
    with_causes = [o for o in judged if o.case.expected.causes]
    if with_causes:
        ranks = [o.result.hit.rank for o in with_causes]
        summary.top1 = _ratio(sum(r == 1 for r in ranks), len(ranks))
        summary.top3 = _ratio(sum(r is not None and r <= 3 for r in ranks), len(ranks))
        summary.mrr = round(sum(1 / r for r in ranks if r) / len(ranks), 3)
    if judged:
        found = sum(len(o.result.hit.pitfalls_found) for o in judged)
        missed = sum(len(o.result.hit.pitfalls_missed) for o in judged)
        unexpected = sum(len(o.result.hit.pitfalls_unexpected) for o in judged)
        summary.pitfall_recall = _ratio(found, found + missed) if found + missed else 1.0
        summary.pitfall_precision = (_ratio(found, found + unexpected)
                                     if found + unexpected else 1.0)
    return summary


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3)


def display_id(outcome: CaseOutcome) -> str:
    """The case id, or for a case that failed to load, the file's name."""
    return outcome.id or Path(outcome.file).stem


# ---- thresholds for CI ---------------------------------------------------------------------

def parse_thresholds(text: str) -> dict[str, float]:
    """``top3=0.9,pitfall_recall=0.95`` as a mapping; raises ``ThresholdError``."""
    thresholds: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep:
            raise ThresholdError(f"{part!r}: write METRIC=VALUE, e.g. top3=0.9")
        if name not in METRICS:
            raise ThresholdError(f"unknown metric {name!r}: use one of {', '.join(METRICS)}")
        try:
            number = float(value)
        except ValueError:
            raise ThresholdError(f"{part!r}: {value.strip()!r} is not a number") from None
        if not 0 <= number <= 1:
            raise ThresholdError(f"{part!r}: a threshold is between 0 and 1")
        thresholds[name] = number
    if not thresholds:
        raise ThresholdError("no threshold given: write METRIC=VALUE, e.g. top3=0.9")
    return thresholds


def unmet_thresholds(summary: Summary, thresholds: dict[str, float]) -> list[str]:
    """One plain sentence for each threshold the batch falls short of."""
    problems = []
    for name, floor in thresholds.items():
        value = getattr(summary, name)
        if value is None:
            problems.append(f"{name} cannot be checked: no scored case states what it expects")
        elif value < floor:
            problems.append(f"{name} is {value:.3f}, under the required {floor:g}")
    return problems
