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
    ``path`` so that a reader sees the old file or the new, never half. The file keeps its mode (a new file gets the
    umask's, as any program's would); a symbolic link is written through, to its target,
    and stays a link; a device or FIFO (``/dev/stdout``, ``/dev/full``) is written in place.
    The temporary file is removed on any failure, Ctrl-C or SIGTERM. Raises ``OutputError``
    with the reason."""
    path = os.fspath(path)
    utf8, text = _pieces(text)
    opening, encoding = ("wb", None) if utf8 else ("w", "utf-8")
    target = os.path.realpath(path)
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
            with open(target, opening, encoding=encoding) as out:
                _write(out, text)
        except OSError as error:
            raise OutputError(path, error) from None
        return
    mode = stat.S_IMODE(existing.st_mode) if existing else _new_file_mode()
    with _cleanup_on_sigterm():
        try:
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target),
                                                 prefix=f".{os.path.basename(target)}.",
                                                 suffix=".tmp")
        except OSError as error:
            raise OutputError(path, error) from None
        try:
            os.fchmod(handle, mode)
            with os.fdopen(handle, opening, encoding=encoding) as out:
                _write(out, text)
                out.flush()
                if sync:
                    os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException as error:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            if isinstance(error, OSError):
                raise OutputError(path, error) from None
            raise


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
