"""The ``leukodx`` command line: a thin layer over the engine. Heavy modules are imported
inside each command so that ``leukodx --help`` starts fast."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterable

from engine.files import OutputError, write_atomically  # noqa: F401 - kb.py writes with it

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("leukodx")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked for: every command read the installed
    packages' metadata at start-up."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show program's version number and exit"):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0,
                         help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        sys.stdout.write(f"leukodx {_version()}\n")
        parser.exit()


_SIZE_LIMITS = ("A case file is at most 2 MB; a larger one, up to 500 MB, must hold its "
                "cases under a top-level cases: list, and is read one case at a time (each "
                "case at most 2 MB).")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leukodx",
        description="Differential diagnosis of leukopenia: a teaching and decision-support "
                    "expert system. It does not diagnose.")
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    score = commands.add_parser(
        "score", help="rank the causes for every case in files or folders",
        description="Rank the causes for every case in files or folders. " + _SIZE_LIMITS)
    score.add_argument("paths", nargs="+", metavar="PATH", help="case files, folders or globs")
    score.add_argument("--format", choices=("table", "json", "csv", "markdown"),
                       default="table", help="markdown: a report to hand out")
    score.add_argument("--top", type=_positive, default=None, metavar="K",
                       help="show the top K causes per case (default: 5 in tables, all "
                            "otherwise)")
    score.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    score.add_argument("--jobs", type=_positive, default=None, metavar="N",
                       help="worker processes (default: one per core, fewer for small "
                            "batches)")
    score.add_argument("--fail-under", type=_thresholds, default=None, metavar="LIST",
                       help="exit 1 when a metric is under its floor, e.g. "
                            "top3=0.9,pitfall_recall=0.95 (metrics: top1, top3, mrr, "
                            "pitfall_recall, pitfall_precision)")

    explain = commands.add_parser(
        "explain", help="show how a case's scores were built",
        description="How a case's scores were built: the ranking, each leading cause's "
                    "findings with their weights, rules and sources, the next steps and "
                    "the pitfalls, and the questions the case leaves unknown.")
    explain.add_argument("casefile", metavar="CASEFILE")
    explain.add_argument("--case", metavar="ID", help="the case to explain, in a file of many")
    explain.add_argument("--top", type=_positive, default=5, metavar="K",
                         help="causes in the ranking (default 5); the evidence is shown for "
                              "the first 3 of them, or K if fewer")
    explain.add_argument("--trace", action="store_true",
                         help="add every question the rules asked with the case's answer, "
                              "and the raw rule firings in order")

    validate = commands.add_parser(
        "validate", help="check case files without scoring them",
        description="Check case files without scoring them: every error in a case, one a "
                    "line (FILE:LINE: KEY: problem), and warnings for what the case may say "
                    "but leukodx cannot weigh (a drug not in the drug dictionary weighs for "
                    "nothing). Exit status 1 when a case is invalid; warnings alone keep "
                    "status 0 unless --strict. " + _SIZE_LIMITS)
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--strict", action="store_true",
                          help="count every warning as an error (exit 1): for a case library "
                               "checked in CI, where a drug the dictionary does not know is a "
                               "typo to fix; a real medication list may hold such drugs, so "
                               "plain validate accepts them")

    interview = commands.add_parser("interview", help="a guided interview, one question at a time")
    interview.add_argument("--save", metavar="FILE", help="save the session as a case file")
    interview.add_argument("--resume", metavar="FILE", help="continue a saved session")

    study = commands.add_parser("study", help="self-study on the teaching cases")
    study.add_argument("--case", metavar="ID", help="study this case")
    study.add_argument("--progress", metavar="FILE", help="progress file (default: XDG data dir)")
    study.add_argument("--review", action="store_true", help="replay cases answered wrongly")
    study.add_argument("--stats", action="store_true", help="show progress so far")

    convert = commands.add_parser("convert", help="write FHIR R4 patients (a Bundle or Bulk "
                                  "Data NDJSON) as YAML case files")
    convert.add_argument("fhirfile", metavar="FHIRFILE",
                         help="a FHIR JSON file, an NDJSON file or a folder of NDJSON files")
    convert.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")

    serve = commands.add_parser("serve", help="a CDS Hooks 2.0 service an EHR can call "
                                "(patient-view and order-sign)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                       "loopback only)")
    serve.add_argument("--port", type=_port, default=8765)
    serve.add_argument("--no-auth", action="store_true",
                       help="accept calls without a JWT (loopback addresses only; for testing)")
    serve.add_argument("--jwks", metavar="FILE", help="the EHR's public keys (a JWK Set, "
                       "JSON) that sign its JWTs")
    serve.add_argument("--issuer", action="append", default=[], metavar="ISS",
                       help="an issuer (iss) to trust; repeat for several (default: any "
                            "whose key is in --jwks)")
    serve.add_argument("--base-url", metavar="URL", help="the URL the EHR calls, as in the "
                       "JWT's aud (default: http://HOST:PORT)")
    serve.add_argument("--workers", type=_positive, default=1, metavar="N",
                       help="assessment processes, one engine each (default: 1)")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="a browser origin allowed to call (default: any)")

    kb = commands.add_parser("kb", help="look into and check the knowledge base")
    kb.add_argument("what", choices=("check", "causes", "questions", "findings", "drugs",
                                     "handbook"))
    kb.add_argument("--format", choices=("table", "json"), default="table")
    kb.add_argument("--output", metavar="FILE", help="with handbook: write Markdown to FILE")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("a port is 1-65535")
    return value


def _thresholds(text: str) -> dict[str, float]:
    from engine.batch import ThresholdError, parse_thresholds

    try:
        return parse_thresholds(text)
    except ThresholdError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from engine.errors import LeukodxError

    handler = {"score": cmd_score, "explain": cmd_explain, "validate": cmd_validate,
               "interview": cmd_interview, "study": cmd_study, "kb": cmd_kb,
               "convert": cmd_convert, "serve": cmd_serve}
    try:
        with _screen_output(json_out=getattr(args, "format", None) == "json"):
            status = handler[args.command](args)
            sys.stdout.flush()  # a failure to write the screen is reported here, not at exit
            return status
    except BrokenPipeError:  # the reader went away (`| head`): not an error, as for any tool
        _stdout_to_devnull()
        return EXIT_OK
    except LeukodxError as error:
        print(f"leukodx: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\nleukodx: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


# Characters of the reports and the knowledge base, in plain ASCII for a screen that cannot
# show them (PYTHONIOENCODING=ascii, an old terminal); anything else left becomes "?".
PLAIN_TEXT = str.maketrans({"µ": "u", "μ": "u", "°": " deg", "–": "-", "—": "-", "−": "-",
                            "≥": ">=", "≤": "<=", "×": "x", "→": "->", "←": "<-", "…": "...",
                            "‘": "'", "’": "'", "“": '"', "”": '"', "·": ".", "±": "+/-",
                            "²": "2", "³": "3", "⁹": "9", "•": "*", "✓": "v", "✗": "x",
                            "█": "#", "░": ".", "»": ">", "●": "*", "○": "o",
                            "\u00a0": " "})


class _ScreenWriter:
    """Standard output as the commands write to it: text the screen's encoding cannot
    show is degraded (in JSON escaped, so JSON stays valid and exact); a failed write is
    an ``OutputError`` (one line, exit 1); a closed standard output is said to be one."""

    def __init__(self, stream, json_out: bool):
        self._stream, self._json = stream, json_out
        self.encoding = (getattr(stream, "encoding", None) or "utf-8") if stream else "utf-8"
        self._unicode = self.encoding.lower().replace("_", "-").startswith("utf")

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OutputError("standard output", OSError(9, "it is closed (write to a file "
                                                            "with --output FILE)"))
        shown = text
        if not self._unicode:
            if self._json:  # as json.dumps(ensure_ascii=True): non-ASCII only occurs in strings
                shown = "".join(c if c < "\x80" else _json_escape(c) for c in text)
            else:
                shown = text.translate(PLAIN_TEXT).encode(self.encoding, "replace") \
                    .decode(self.encoding)
        try:
            self._stream.write(shown)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError("standard output", error) from None
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def write_utf8(self, data: bytes) -> None:
        """Text already encoded as UTF-8 (a report's rendered cases): to a UTF-8 screen or
        file as it is, through the stream's own buffer; to any other, as text."""
        buffer = getattr(self._stream, "buffer", None)
        if self._stream is None or buffer is None or self.encoding.lower().replace(
                "_", "-") not in ("utf-8", "utf8"):
            self.write(data.decode("utf-8", "surrogatepass"))
            return
        try:
            self._stream.flush()
            buffer.write(data)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError("standard output", error) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError("standard output", error) from None

    def isatty(self) -> bool:
        return bool(self._stream) and self._stream.isatty()

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _json_escape(character: str) -> str:
    import json

    return json.dumps(character)[1:-1]


@contextlib.contextmanager
def _screen_output(json_out: bool):
    real = sys.stdout
    sys.stdout = _ScreenWriter(real, json_out)
    try:
        yield
    finally:
        sys.stdout = real


def _stdout_to_devnull() -> None:
    """After a closed pipe, point standard output at /dev/null so that Python's own flush
    at exit does not fail again (the recipe in Python's signal documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests) or none at all
        pass


def console(file=None):
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits with status 1; a reader that has had enough (`| head`) is no
            # error, and main() says so for every command and format
            self.quiet = True
            raise BrokenPipeError

    return _Console(file=file, highlight=False, soft_wrap=False)


def cmd_score(args) -> int:
    from engine.batch import score_batch, unmet_thresholds
    from interview import render

    prepare = None
    report = None
    if args.format == "json":  # each case's JSON is written where it was scored
        import functools

        prepare = functools.partial(render.case_json_bytes, top=args.top)
        if args.output:
            report = _JsonReportFile(args.output, args.top)
    with contextlib.ExitStack() as open_report:
        if report is not None:
            open_report.enter_context(report)
        with _progress_bar() as progress:
            batch = score_batch(args.paths, jobs=args.jobs, progress=progress,
                                prepare=prepare, writer=report)
        outcomes, summary = batch.outcomes, batch.summary
        run = {"interrupted": batch.interrupted, "files": batch.files,
               "files_scored": batch.files_done,
               "timing": {"seconds": round(batch.seconds, 3), "jobs": batch.jobs}}
        written = report is not None and report.finish(batch, summary, run)
    if written:
        text = None
    elif args.format == "json":
        text = render.json_utf8_chunks(outcomes, summary, args.top, run)
    elif args.format == "csv":
        text = render.render_csv(outcomes, args.top)
    elif args.format == "markdown":
        text = render.render_markdown(outcomes, summary, args.top or 3, run)
    else:
        import io

        buffer = io.StringIO() if args.output else None
        out = console(buffer) if buffer else console()
        render.render_table(out, outcomes, summary, args.top or 5)
        text = buffer.getvalue() if buffer else None
    if batch.interrupted:
        # what was scored goes to the screen; a file is only ever written whole
        if text is not None:
            _write_out(text)
            sys.stdout.flush()
        print(f"\nleukodx: interrupted after {batch.files_done} of {batch.files} files"
              + (f"; {args.output} was not written" if args.output else ""), file=sys.stderr)
        return EXIT_INTERRUPTED
    if text is not None:
        if args.output:
            write_atomically(args.output, text)
        else:
            _write_out(text)
    status = EXIT_OK if summary.errors == 0 else EXIT_FAILED
    if batch.missing:  # never fewer outcomes than files without saying so
        shown = ", ".join(batch.missing[:10]) + (" ..." if len(batch.missing) > 10 else "")
        print(f"leukodx: internal error: {len(batch.missing)} of {batch.files} files came "
              f"back with no outcome (reported as errors; please report this): {shown}",
              file=sys.stderr)
        status = EXIT_FAILED
    if args.fail_under:
        for problem in unmet_thresholds(summary, args.fail_under):
            print(f"leukodx: --fail-under: {problem}", file=sys.stderr)
            status = EXIT_FAILED
    return status


class _JsonReportFile:
    """A large JSON report file written while the batch is scored (the parent writes each
    chunk's cases as soon as those before it are in, instead of all of them after the last
    worker is done: a serial part of every batch). Only a regular file (or a new one) and
    only a report of one case a line (more files than ``JSON_INDENTED_UP_TO``: each file
    has one outcome at least); the file is put in place only when the whole batch is in
    it, so an interrupted batch, or one with files missing, leaves it as it was and the
    report is written as before."""

    def __init__(self, path: str, top: int | None):
        self.path, self.top = path, top
        self.atomic = None  # the file being written, once begun
        self.out = None
        self.cases = 0

    def __enter__(self):
        return self

    def begin(self, files: int, jobs: int) -> bool:
        from engine.files import AtomicFile, is_regular_or_new
        from interview import render

        if files <= render.JSON_INDENTED_UP_TO or not is_regular_or_new(self.path):
            return False
        self.atomic = AtomicFile(self.path, binary=True)
        self.out = self.atomic.__enter__()
        self.out.write(render.JSON_LINES_HEAD)
        return True

    def take(self, outcomes) -> None:
        from interview.render import case_json_utf8

        write, top = self.out.write, self.top
        for outcome in outcomes:
            if self.cases:
                write(b",\n")
            write(case_json_utf8(outcome, top))
            self.cases += 1

    def finish(self, batch, summary, run) -> bool:
        """Put the report in place if it holds the whole batch; whether it did."""
        from interview.render import json_lines_tail

        if self.atomic is None:
            return False
        whole = not batch.interrupted and not batch.missing \
            and self.cases == len(batch.outcomes)
        if whole:
            self.out.write(json_lines_tail(summary, run))
        else:
            self.atomic.discard()
        atomic, self.atomic = self.atomic, None
        atomic.__exit__(None, None, None)
        return whole

    def __exit__(self, *exc):
        if self.atomic is not None:  # a failure before the end: the file stays as it was
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(*exc)
        return False


def _write_out(text: str | Iterable[str] | Iterable[bytes]) -> None:
    if isinstance(text, str):
        sys.stdout.write(text)
        return
    write_utf8 = getattr(sys.stdout, "write_utf8", None)
    for piece in text:
        if type(piece) is not bytes:
            sys.stdout.write(piece)
        elif write_utf8 is not None:
            write_utf8(piece)
        else:
            sys.stdout.write(piece.decode("utf-8", "surrogatepass"))


def _progress_bar():
    """A progress bar on stderr while scoring, only when stderr is a terminal."""
    import contextlib

    if not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    return _RichProgress()


class _RichProgress:
    def __enter__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.progress = Progress("scoring", BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True),
                                 transient=True)
        self.task = None
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.task is None:
            self.progress.start()
            self.task = self.progress.add_task("scoring", total=total)
        self.progress.update(self.task, completed=done)

    def __exit__(self, *exc):
        if self.task is not None:
            self.progress.stop()
        return False


def cmd_explain(args) -> int:
    from engine.assessment import assess
    from engine.cases import load_case
    from interview import render

    case = load_case(args.casefile, args.case)
    render.render_explanation(console(), assess(case), case.title, args.top,
                              trace=args.trace, case=case)
    return EXIT_OK


def cmd_validate(args) -> int:
    from engine.cases import case_files, iter_file
    from engine.errors import CaseFileError

    failures = total = warned = 0
    unknown_drugs = 0
    label = "error" if args.strict else "warning"
    for path in case_files(args.paths):
        # a file's errors, then its warnings, then its count; its cases are not kept (a
        # large file is read one case at a time)
        errors: list[str] = []
        warnings: list[str] = []
        outcomes = passed = 0
        for outcome in iter_file(path):
            outcomes += 1
            if isinstance(outcome, CaseFileError):
                # every error in the case at once, one a line
                errors.extend(f"error {each.line_message}" for each in outcome.every_error)
                continue
            for warning in outcome.warnings:
                line, key = getattr(warning, "line", None), getattr(warning, "key", None)
                where = f"{path}:{line}: {key}" if line and key else \
                    f"{path}: case {outcome.id}"
                warnings.append(f"{label} {where}: {warning}"
                                + (" (--strict)" if args.strict else ""))
                # a name the dictionary lacks weighs for nothing, unless the case says what
                # the drug is for (then it is weighed by that, and says so)
                unknown_drugs += "not in the drug dictionary: it weighs for nothing" in warning
            warned += bool(outcome.warnings)
            passed += not (args.strict and outcome.warnings)
        for line in errors + warnings:
            print(line, file=sys.stderr)
        if passed:
            print(f"ok    {path} ({passed} case{'s' if passed != 1 else ''})")
        failures += outcomes - passed
        total += outcomes
    summary = f"{total - failures} valid, {failures} invalid"
    if warned:
        summary += (f"; {warned} case{'s' if warned != 1 else ''} with warnings"
                    + (" (counted invalid: --strict)" if args.strict else
                       " (valid: --strict would count them invalid)"))
    print(summary)
    if unknown_drugs:
        several = unknown_drugs != 1
        print(f"{unknown_drugs} medication name{'s' if several else ''} not in the drug "
              f"dictionary: {'each weighs' if several else 'it weighs'} for nothing (no cause "
              "is raised or lowered by it); correct the spelling, or see `leukodx kb drugs`")
    return EXIT_OK if failures == 0 else EXIT_FAILED


# prompt_toolkit asks the terminal where the cursor is (a cursor position request, CPR)
# before drawing each prompt, to know how much room is below it; when the answer is late (a
# loaded machine, a slow ssh or tmux link) it prints "WARNING: your terminal doesn't support
# cursor position requests (CPR)" over the screen. The interview's screens do not need the
# answer (they are drawn below the cursor and never fill the terminal), so the request is
# not made: prompt_toolkit's documented switch, which a user may still set to 0 to keep it.
NO_CPR = "PROMPT_TOOLKIT_NO_CPR"


def no_cursor_position_requests() -> None:
    """Stop prompt_toolkit asking the terminal for the cursor's position (and warning, on a
    slow terminal, that it did not answer), unless the user has chosen otherwise."""
    os.environ.setdefault(NO_CPR, "1")


def cmd_interview(args) -> int:
    from interview import session

    no_cursor_position_requests()
    return session.run(args)


def cmd_study(args) -> int:
    from interview import study

    no_cursor_position_requests()
    return study.run(args)


def cmd_convert(args) -> int:
    from interview import convert

    return convert.run(args)


def cmd_serve(args) -> int:
    import json

    from interview.cds import ServiceConfig, ServiceConfigError, check_config, serve

    jwks = None
    if args.jwks:
        try:
            with open(args.jwks, encoding="utf-8") as handle:
                jwks = json.load(handle)
        except (OSError, ValueError) as error:
            print(f"leukodx serve: --jwks {args.jwks}: cannot be read as a JWK Set "
                  f"({' '.join(str(error).split())[:120]})", file=sys.stderr)
            return EXIT_USAGE
        if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
            print(f"leukodx serve: --jwks {args.jwks}: a JWK Set is an object with a keys "
                  "list", file=sys.stderr)
            return EXIT_USAGE
    config = ServiceConfig(host=args.host, port=args.port, base_url=args.base_url,
                           no_auth=args.no_auth, jwks=jwks, issuers=tuple(args.issuer),
                           cors_origins=tuple(args.cors_origin) or ("*",),
                           workers=args.workers)
    try:
        check_config(config)
    except ServiceConfigError as error:
        print(f"leukodx serve: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"leukodx: CDS Hooks service on {config.url}/cds-services"
          + (" (no authentication: testing only)" if config.no_auth else ""), file=sys.stderr)
    return serve(config)


def cmd_kb(args) -> int:
    from interview import kb

    return kb.run(args)


def run(argv: list[str] | None = None) -> int:
    """The ``leukodx`` command: ``main``, then the objects it made are set aside from the
    cycle collector (``gc.freeze``) before the interpreter exits. Its last collection
    would otherwise walk every object still alive (the rule network, a batch's outcomes)
    only to find them garbage a moment before the process ends: about 0.15 s of CPU at
    the end of every run, a serial part of every batch."""
    import gc

    status = main(argv)
    gc.freeze()
    return status


if __name__ == "__main__":
    sys.exit(run())
