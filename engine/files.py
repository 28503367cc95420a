"""Writing report, save and progress files: the one place leukodx writes a file, so that
every caller gets the same guarantees (see ``write_atomically``)."""

from __future__ import annotations

import itertools
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .errors import LeukodxError


class OutputError(LeukodxError, OSError):
    """A file that cannot be written (read-only folder, full disk, ...). An ``OSError`` too,
    so callers that handle write failures as such keep working."""

    def __init__(self, path: str, error: OSError):
        OSError.__init__(self, error.errno, error.strerror or str(error), path)
        self.path = str(path)

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.strerror}"


def write_atomically(path: str | os.PathLike,
                     text: str | bytes | Iterable[str] | Iterable[bytes],
                     sync: bool = True) -> None:
    """Write ``text`` (or its pieces, in order; bytes are UTF-8 already) as UTF-8 to
    ``path`` so that a reader sees the old file or the new, never half. The file keeps its
    mode (a new file gets the umask's, as any program's would); a symbolic link is written
    through, to its target, and stays a link; a device or FIFO (``/dev/stdout``,
    ``/dev/full``) is written in place. The temporary file is removed on any failure,
    Ctrl-C or SIGTERM. Raises ``OutputError`` with the reason."""
    utf8, pieces = _pieces(text)
    with AtomicFile(path, binary=utf8, sync=sync) as out:
        _write(out, pieces)


def is_regular_or_new(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a regular file (through any link) or nothing yet: what
    ``AtomicFile`` writes beside and then puts in place, not a device or FIFO written in
    place."""
    try:
        return stat.S_ISREG(os.stat(os.path.realpath(os.fspath(path))).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


class AtomicFile:
    """``write_atomically``'s file, written piece by piece while the program works (a batch
    report as its cases are scored): a context manager giving the open file, put in place
    when the block ends without an error, removed (with the old file left as it was) on
    any failure, Ctrl-C or SIGTERM, or ``discard()``. Raises ``OutputError``."""

    def __init__(self, path: str | os.PathLike, binary: bool = False, sync: bool = True):
        self.path = os.fspath(path)
        self.opening, self.encoding = ("wb", None) if binary else ("w", "utf-8")
        self.sync = sync
        self.discarded = False
        self._temporary: str | None = None
        self._out = None
        self._sigterm = None

    def __enter__(self):
        path = self.path
        target = self._target = os.path.realpath(path)
        try:
            existing = os.stat(target)
        except FileNotFoundError:
            existing = None
        except OSError as error:
            raise OutputError(path, error) from None
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise OutputError(path, IsADirectoryError(21, "it is a folder"))
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            try:
                self._out = open(target, self.opening, encoding=self.encoding)
            except OSError as error:
                raise OutputError(path, error) from None
            return self._out
        mode = stat.S_IMODE(existing.st_mode) if existing else _new_file_mode()
        self._sigterm = _cleanup_on_sigterm()
        self._sigterm.__enter__()
        try:
            try:
                handle, self._temporary = tempfile.mkstemp(
                    dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.",
                    suffix=".tmp")
            except OSError as error:
                raise OutputError(path, error) from None
            try:
                os.fchmod(handle, mode)
                self._out = os.fdopen(handle, self.opening, encoding=self.encoding)
            except BaseException:
                os.close(handle)
                raise
        except BaseException as error:
            self._remove()
            self._sigterm.__exit__(None, None, None)
            if isinstance(error, OSError) and not isinstance(error, OutputError):
                raise OutputError(path, error) from None
            raise
        return self._out

    def discard(self) -> None:
        """Write nothing after all: the old file (or none) stays."""
        self.discarded = True

    def __exit__(self, kind, error, traceback) -> bool:
        try:
            if self._temporary is None:  # a device or FIFO, written in place
                try:
                    self._out.close()
                except OSError as failure:
                    if kind is None:
                        raise OutputError(self.path, failure) from None
                if isinstance(error, OSError) and not isinstance(error, OutputError):
                    raise OutputError(self.path, error) from None
                return False
            try:
                if kind is None and not self.discarded:
                    self._out.flush()
                    if self.sync:
                        os.fsync(self._out.fileno())
                    self._out.close()
                    os.replace(self._temporary, self._target)
                    return False
            except BaseException as failure:
                self._close_quietly()
                self._remove()
                if isinstance(failure, OSError):
                    raise OutputError(self.path, failure) from None
                raise
            self._close_quietly()
            self._remove()
            if isinstance(error, OSError) and not isinstance(error, OutputError):
                raise OutputError(self.path, error) from None
            return False
        finally:
            if self._sigterm is not None:
                self._sigterm.__exit__(None, None, None)

    def _close_quietly(self) -> None:
        try:
            self._out.close()
        except (OSError, ValueError):
            pass

    def _remove(self) -> None:
        if self._temporary is not None:
            try:
                os.unlink(self._temporary)
            except OSError:
                pass


def _pieces(text: str | bytes | Iterable[str] | Iterable[bytes]) -> tuple[bool, Iterable]:
    """Whether ``text`` is UTF-8 already (bytes, or pieces of bytes: written as they are),
    and its pieces, the first of them looked at to tell."""
    if isinstance(text, (str, bytes)):
        return isinstance(text, bytes), (text,)
    pieces = iter(text)
    first = next(pieces, None)
    if first is None:
        return False, ()
    return isinstance(first, bytes), itertools.chain((first,), pieces)


def _write(out, pieces: Iterable[str] | Iterable[bytes]) -> None:
    out.writelines(pieces)


def _new_file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def _cleanup_on_sigterm() -> Iterator[None]:
    """While writing, SIGTERM ends the program as it would anyway (status 143), but by an
    exception, so the temporary file is removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous not in (signal.SIG_DFL, None):  # someone else handles it: leave it to them
        yield
        return

    def terminate(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
