"""``leukodx interview``: the guided terminal interview. One question at a time, chosen by the
rules (engine/session.py); each offers an answer, "unknown", "why are you asking?" and "back".
Emergencies are shown the moment they are known; the report ends with "how?" for any cause.

Everything shown goes through an injected rich ``Console``; every prompt is a questionary
question built inside a function (so tests can bind it to a pipe) and asked with
``unsafe_ask()``. Ctrl-C is handled once, at the top: it offers to save.
"""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import sys
import textwrap

import questionary
from prompt_toolkit.application import get_app_session
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice
from questionary.prompts.common import InquirerControl
from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from engine import question_choice
from engine.cases import InvalidAnswer, unnamed_drug_words
from engine.count_paste import BLOOD_COUNT
from engine.durations import days_ago, weeks_ago
from engine.earlier_counts import EARLIER_COUNTS, WHEN_HINT, typed_count, when_taken
from engine.errors import LeukodxError
from engine.result import RankedCause
from engine.session import AnswerOutcome, InterviewSession, NextQuestion, Screen, ScreenOutcome
from rules.words import in_words, weeks_in_words

from .findings_screen import Line, ask_findings
from .render import (
    DISCLAIMER,
    add_plain_row,
    also_must_not_miss,
    evidence_table,
    key_findings,
    more_at_the_same_score,
    next_steps_text,
    pitfall_panel,
    place,
    plain_screen,
    reading_line,
    tie_lines,
)

EXIT_OK, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_SOFTWARE = 0, 2, 130, 70
DEFAULT_SAVE = "leukodx-interview.yaml"
WHY, BACK, UNKNOWN = "\0why", "\0back", "unknown"
DONE = "\0done"  # a prompt that recorded its answers itself (a pasted count)
AGAIN = "\0again"  # "type it again": a Choice whose value is None returns its title
# The heading of a screen of test results (positive or negative) alone, by clinical area
RESULT_TITLES = {
    "autoimmune": "Autoantibodies: results", "congenital": "Congenital: test results",
    "infections": "Infection tests: results", "workup": "Work-up results",
}
# The heading of a screen that is not one clinical area's findings
KIND_TITLES = {
    "count": "The blood count and differential (leave at ? what the report does not give)",
    "labs": "Further laboratory results",
    "patient": "The patient",
    "sepsis": "Signs of sepsis",
    "fever": "Fever",
}
# A clinical area in a few words, for the heading of a screen that gathers several areas
AREA_NAMES = {
    "autoimmune": "autoimmune disease", "congenital": "congenital clues",
    "infections": "infection", "lymphopenia": "immune deficiency", "malignancy": "cancer",
    "marrow_failure": "exposures and marrow failure", "medications": "cancer treatment and drugs",
    "nutrition": "diet and absorption", "other": "other conditions", "other_labs": "laboratory",
    "patient": "the count and its history", "spleen": "spleen, liver and nodes",
    "vital_signs": "vital signs", "workup": "work-up results",
}
SCREEN_NAMES = 3  # the lines a screen of results is named by in its heading
# A lab's name as a count's printout gives it, for the line that shows what was recorded
SHORT_NAMES = {"wbc": "WBC", "anc": "ANC", "alc": "lymphocytes", "hemoglobin": "Hb",
               "platelets": "platelets", "mcv": "MCV", "neutrophils_pct": "neutrophils %",
               "lymphocytes_pct": "lymphocytes %", "bands_pct": "bands %",
               "monocytes": "monocytes", "monocytes_pct": "monocytes %",
               "eosinophils": "eosinophils", "eosinophils_pct": "eosinophils %",
               "basophils": "basophils", "blasts_pct": "blasts %", "hematocrit": "Hct",
               "atypical_lymphocytes_pct": "atypical lymphocytes %"}
# What a findings screen is headed with, by the clinical area (rules data file) of its
# questions
AREA_TITLES = {
    "autoimmune": "Autoimmune disease: history and examination",
    "congenital": "Congenital clues: family, growth and examination",
    "infections": "Infection: history and exposures",
    "lymphopenia": "Signs of immune deficiency",
    "malignancy": "Cancer, myeloma and their signs (bones, calcium, kidneys, bleeding)",
    "marrow_failure": "Exposures and marrow failure",
    "medications": "Cancer treatment and drug effects",
    "nutrition": "Diet, absorption and deficiency signs",
    "other": "Other conditions",
    "other_labs": "Laboratory",
    "patient": "The count and its history",
    "spleen": "Spleen, liver and lymph nodes",
    "vital_signs": "Vital signs",
    "workup": "Marrow and work-up results",
}
BAR_WIDTH = 20  # characters for a score from -30 to +30 decibans
STYLE = questionary.Style([("qmark", "fg:#5f87af bold"), ("answer", "fg:#87af5f bold"),
                           ("instruction", "fg:#808080 italic")])


_ASCII = str.maketrans({"µ": "u", "°": "deg ", "×": "x", "—": "-", "–": "-", "’": "'",
                        "‘": "'", "“": '"', "”": '"', "…": "...", "≥": ">=", "≤": "<=",
                        "»": ">", "·": "-"})


def on_screen(text: str | None) -> str | None:
    """Text for a prompt: on an ASCII terminal, the units and marks it cannot show are
    spelt out (cells/µL as cells/uL, °C as deg C) instead of being drawn as "?"."""
    if text is None or not plain_screen():
        return text
    return text.translate(_ASCII).replace("  ", " ")


def _pointer() -> dict:
    """questionary's pointer (») is drawn as "?" on an ASCII terminal: a plain one there."""
    return {"pointer": ">"} if plain_screen() else {}


def run(args) -> int:
    """Entry point for ``leukodx interview [--save FILE] [--resume FILE]``."""
    if not sys.stdin.isatty():
        print("leukodx interview asks questions at a terminal, and standard input is not one.\n"
              "To rank a case written in a file, use: leukodx score CASEFILE", file=sys.stderr)
        return EXIT_USAGE
    console = Console(highlight=False)
    try:
        session = InterviewSession.resume(args.resume) if args.resume else InterviewSession()
    except LeukodxError as error:
        console.print(Text(f"leukodx: cannot resume: {error}", style="bold red"))
        return 1
    return Interviewer(session, console, save_path=save_path_for(args.resume, args.save),
                       resumed=args.resume).run()


def command_line(*arguments: str) -> str:
    """A leukodx command that works as written, for how this process was started: plain
    ``leukodx`` when that is the program found on PATH, ``uv run leukodx`` under uv (with
    ``--project`` when the shell is outside the project), else the script's own path or
    ``python -m interview.cli``; arguments quoted for a POSIX shell."""
    script = sys.argv[0] if sys.argv else ""
    environment = os.environ
    if os.path.basename(script) == "leukodx":
        found = shutil.which("leukodx", path=environment.get("PATH"))
        if environment.get("UV_RUN_RECURSION_DEPTH") and environment.get("VIRTUAL_ENV"):
            project = os.path.dirname(os.path.abspath(environment["VIRTUAL_ENV"]))
            inside = os.path.abspath(os.getcwd()).startswith(project + os.sep) or \
                os.path.abspath(os.getcwd()) == project
            program = "uv run leukodx" if inside else \
                f"uv run --project {shlex.quote(project)} leukodx"
        elif found and os.path.realpath(found) == os.path.realpath(script):
            program = "leukodx"
        else:
            program = shlex.quote(script)
    else:
        program = f"{shlex.quote(sys.executable)} -m interview.cli"
    return " ".join([program, *(shlex.quote(a) for a in arguments)])


def save_path_for(resume: str | None, save: str | None) -> str | None:
    """Where answers are saved as they are given: ``--save FILE``; else the resumed file
    when an interview saved it; never into a case someone wrote (a teaching case would be
    rewritten in the interview's own layout). None: the interview asks where on leaving."""
    if save:
        return save
    if resume and InterviewSession.is_saved_session(resume):
        return resume
    return None


def fit_prompt(qmark: str, message: str, instruction: str | None = None,
               room: int = 12, answer_room: int = 0) -> tuple[str, str | None]:
    """A prompt's question and its instruction broken between words to fit the terminal,
    each further line indented under the question's first word (the terminal itself would
    break them anywhere, mid-word: "or a bo / und such as <500"); ``room``: characters left
    on the last line for the answer typed; ``answer_room``: characters the question's own
    last line leaves for the answer a choice question echoes after it ("... tested)?
    unknown" never "unknow / n")."""
    width = max(40, get_app_session().output.get_size().columns - 1)
    indent = " " * (len(qmark) + 1)
    lines = textwrap.wrap(message, width - len(indent)) or [""]
    if answer_room and len(indent) + len(lines[-1]) + 1 + answer_room > width:
        words = lines[-1].split()
        moved: list[str] = []
        while len(words) > 1 and len(indent) + len(" ".join(words)) + 1 + answer_room > width:
            moved.insert(0, words.pop())
        lines[-1:] = [" ".join(words), " ".join(moved)] if moved else [" ".join(words)]
    message = f"\n{indent}".join(lines)
    if not instruction:
        return message, instruction
    last = len(indent) + len(lines[-1]) + 1
    if last + len(instruction) + room <= width:
        return message, instruction
    first_room = width - last
    words, parts = instruction.split(), []
    line = ""
    limit = first_room
    for word in words:  # the instruction goes on after the question, broken between words
        if line and len(line) + 1 + len(word) > limit:
            parts.append(line)
            line, limit = word, width - len(indent)
        elif not line and len(word) > limit and not parts:
            parts.append("")  # nothing fits after the question: start on the next line
            line, limit = word, width - len(indent)
        else:
            line = f"{line} {word}" if line else word
    parts.append(line)
    return message, f"\n{indent}".join(parts)


def select(message: str, choices: list, answer: bool = False, **options) -> questionary.Question:
    """A questionary select that also answers ``?`` with "why?" (WHY). With ``answer`` (a
    clinical question) no choice is highlighted at first and Enter alone does nothing: an
    answer is a key (y, n, u, a number) or an arrow, then Enter — never a default. The
    question is broken between words to fit the terminal."""
    titles = [c.title if isinstance(c, Choice) else c for c in choices]
    longest = max((len(t) for t in titles if isinstance(t, str)), default=0)
    message, instruction = fit_prompt(str(options.get("qmark", "?")), message,
                                      options.get("instruction"), room=0, answer_room=longest)
    if "instruction" in options:
        options["instruction"] = instruction
    question = questionary.select(message, choices=choices, use_shortcuts=True, style=STYLE,
                                  **_pointer(), **options)
    control = next(c for c in question.application.layout.find_all_controls()
                   if isinstance(c, InquirerControl))
    keys = KeyBindings()
    if any(getattr(c, "value", None) == WHY for c in choices):
        @keys.add("?", eager=True)
        def _why(event):
            event.app.exit(result=WHY)
    if answer:
        control.pointed_at = -1  # nothing highlighted: the arrows and the keys still move

        @keys.add(Keys.ControlM, eager=True, filter=Condition(lambda: control.pointed_at < 0))
        def _enter_alone(event):
            """Enter before any choice is picked answers nothing."""

    question.application.key_bindings = merge_key_bindings(
        [question.application.key_bindings, keys])
    return question


# what a line asking for a time ago takes, shown while it is empty
TIME_AGO_HINTS = {"weeks": "weeks, or 3 months, 2 years, 10 days, a date",
                  "days": "days, or 2 weeks, 3 months, a date"}


class _Leave(Exception):
    """Raised inside the question loop to go straight to the report."""


def would(changes: tuple[str, ...]) -> str:
    """What an answer would do, in words, from what it changes ("a new emergency", "through a
    follow-up, the leading cause", ...): "raise a new emergency and change the top 3"."""
    said = []
    for change in changes:
        lead = ""
        for prefix in ("through a follow-up, ", "together with one more answer, "):
            if change.startswith(prefix):
                lead, change = prefix, change[len(prefix):]
        said.append(lead + ("raise " if change == "a new emergency" else "change ") + change)
    return " and ".join(said)


class Interviewer:
    """Asks the session's questions at the terminal and shows what follows from them."""

    def __init__(self, session: InterviewSession, console: Console,
                 save_path: str | None = None, resumed: str | None = None):
        self.session, self.console = session, console
        self.save_path, self.resumed = save_path, resumed
        self.asked: list[str] = []  # question ids prompted, in order (repeats included)
        # each heading shown, with the first screen that had it (a screen shown again after
        # "back" keeps its own)
        self.titles_shown: dict[str, int] = {}
        self.saved_answers = -1  # how many answers the file on disk holds (-1: none saved)
        # the screens of each work-up group of results shown, by their first line
        self.workup_pages: dict[str, list[str]] = {}

    # ---- the whole session ---------------------------------------------------------------

    def run(self) -> int:
        self.console.print(Text(DISCLAIMER, style="italic dim"))
        try:
            self.introduce()
            while True:
                self.question_loop()
                if not self.report_loop():
                    break
        except KeyboardInterrupt:
            return self.interrupted()
        except Exception as error:  # a bug must neither show a traceback nor lose answers
            self.console.print(Text(
                f"leukodx: the interview stopped on an internal error ({type(error).__name__}: "
                f"{error}). This is a bug in leukodx; please report it.", style="bold red"))
            self.interrupted()
            return EXIT_SOFTWARE
        return EXIT_OK

    def introduce(self) -> None:
        session = self.session
        if self.resumed:
            self.console.print(Text(f"Resuming {self.resumed}: {len(session.answers)} "
                                    "answers already given."))
            if self.save_path is None:
                self.console.print(Text(f"{self.resumed} is not a saved interview, so it "
                                        "is left as it is; you can save your answers when "
                                        "you leave (or start with --save FILE).", style="dim"))
            if session.result().emergencies:
                for pitfall in session.result().emergencies:
                    self.console.print(pitfall_panel(pitfall))
        else:
            self.console.print("Pick or type each answer. At any question: [bold]u[/] = "
                               "unknown, [bold]?[/] = why it is asked, [bold]b[/] = back. "
                               "Ctrl-C stops and offers to save.")
        if self.save_path:
            self.console.print(Text(f"Answers are saved to {self.save_path} as you go.",
                                    style="dim"))

    def question_loop(self) -> None:
        try:
            while (screen := self.session.next_screen()) is not None:
                if screen.grouped:
                    self.ask_findings_screen(screen)
                else:
                    self.ask(screen.first)
        except _Leave:
            return
        left = len(self.session.settled)
        if left:
            self.console.print(Text(
                f"No open question could now change the leading causes, the must-not-miss "
                f"causes or the pitfalls, so the interview stops here "
                f"({len(self.session.screens)} screens, {len(self.session.history)} answers; "
                f"{left} more could only move the scores: "
                "“ask the remaining questions” in the report asks them).", style="bold"))
            for settled in self.session.result().settled:  # why the order behind is not asked
                names = " or ".join(self.session.catalogue.causes[c].name for c in settled.causes)
                self.console.print(Text(on_screen(
                    f"Settled: {names}. {settled.reason} [{settled.source_id}]") or "",
                    style="dim"))

    def interrupted(self) -> int:
        self.console.print()
        answers = len(self.session.answers)
        if not answers:
            self.console.print("Stopped before any answer was given; nothing to save.")
            return EXIT_INTERRUPTED
        try:
            if self.save_path and self.saved_answers >= 0:
                saved = self.autosave()
            else:
                saved = questionary.confirm(f"Stopped. Save your {answers} answers so you "
                                            "can resume later?", default=True,
                                            style=STYLE).unsafe_ask() and self.save_as()
        except (KeyboardInterrupt, EOFError):
            saved = False
        if not saved:
            self.console.print("Not saved.")
            return EXIT_INTERRUPTED
        self.console.print(Text(f"Stopped. Your {answers} answers are saved in "
                                f"{self.save_path}."))
        self.console.print(Text("Continue with: " +
                                command_line("interview", "--resume", self.save_path)))
        return EXIT_INTERRUPTED

    # ---- one question --------------------------------------------------------------------

    def ask(self, question: NextQuestion) -> None:
        self.asked.append(question.id)
        kind = question.question.kind
        if kind in ("yesno", "choice"):
            raw = self.ask_choice(question)
        elif kind == "smear":
            raw = self.ask_smear(question)
        elif kind == "medications":
            raw = self.ask_medications(question)
        elif kind == EARLIER_COUNTS:
            raw = self.ask_earlier_counts(question)
        else:
            raw = self.ask_typed(question)
        if raw is None or raw == DONE:  # stepped out of a sub-prompt, or recorded already
            return
        if raw == WHY:
            self.explain_question(question)
        elif raw == BACK:
            self.go_back()
        else:
            self.record(question, raw)

    def record(self, question: NextQuestion, raw: object) -> None:
        try:
            outcome = self.session.answer(question.id, raw)
        except InvalidAnswer as error:  # typed answers are checked inline; this is a guard
            self.console.print(Text(f"  {error}", style="red"))
            return
        self.autosave()
        self.show_outcome(outcome)

    def show_outcome(self, outcome: AnswerOutcome | ScreenOutcome) -> None:
        for warning in outcome.warnings:
            self.console.print(Text(f"  Note: {warning}", style="yellow"))
        if not outcome.emergencies:
            return
        for pitfall in outcome.emergencies:
            self.console.print(pitfall_panel(pitfall))
        choice = questionary.select(
            "This is an emergency. Act on it now; then:", style=STYLE, qmark="!",
            choices=[Choice("continue the interview", "continue", shortcut_key="c"),
                     Choice("go to the report now", "report", shortcut_key="r")],
            use_shortcuts=True, instruction=" ", **_pointer()).unsafe_ask()
        if choice == "report":
            raise _Leave()

    def navigation(self) -> list[Choice]:
        choices = [Choice("why are you asking?", WHY, shortcut_key="w")]
        if self.session.can_undo:
            choices.append(Choice("back", BACK, shortcut_key="b"))
        return choices

    def ask_choice(self, question: NextQuestion) -> object:
        entry = question.question
        if entry.kind == "yesno":
            choices = [Choice("yes", "yes", shortcut_key="y"),
                       Choice("no", "no", shortcut_key="n")]
        else:
            choices = [Choice(in_words(value), value, shortcut_key=str(index))
                       for index, value in enumerate(entry.choices, start=1)]
        choices.append(Choice("unknown", UNKNOWN, shortcut_key="u"))
        choices.extend(self.navigation())
        return select(on_screen(entry.text), choices, answer=True,
                      qmark=f"{question.number:>2}.",
                      instruction="(press a key, then Enter)").unsafe_ask()

    def ask_typed(self, question: NextQuestion) -> object:
        """A number or a lab value, typed; checked inline as a case file would be."""
        entry = question.question
        unit = self.session.catalogue.labs[entry.id].unit if entry.kind == "lab" \
            else entry.unit
        if entry.kind == "number" and entry.unit in TIME_AGO_HINTS:
            unit = TIME_AGO_HINTS[entry.unit]  # a time ago in any unit, or a date
        commands = {"?": WHY, "w": WHY, "why": WHY, "b": BACK, "back": BACK, "": UNKNOWN, "u": UNKNOWN,
                    "unknown": UNKNOWN}
        if not self.session.can_undo:
            del commands["b"], commands["back"]

        pasting = entry.kind == "lab"  # several labs may be typed at once

        def validate(text: str) -> bool | str:
            if text.strip().lower() in commands:
                return True
            if pasting and self.session.is_pasted_count(text, entry.id):
                return True  # each lab is checked on its own once it is entered
            try:
                self.session.check(entry.id, text)
            except InvalidAnswer as error:
                return on_screen(str(error))
            return True

        if entry.kind == "lab" and self.session.catalogue.labs[entry.id].kind == "count":
            unit += " or x10^9/L; or low, normal, high, or a bound such as <500"
            if entry.id in BLOOD_COUNT and \
                    not any(lab in self.session.answers for lab in BLOOD_COUNT):
                self.console.print(Padding(Text(on_screen(
                    "Tip: paste the whole count at once (wbc 2.1 x10^9/L, hb 9.8 g/dL, "
                    "plt 85 x10^9/L ...)") or "", style="dim"), (0, 0, 0, 4)))
        message, instruction = fit_prompt(
            f"{question.number:>2}.", on_screen(entry.text) or "",
            on_screen(f"({unit})") if unit and unit not in entry.text else None)
        text = questionary.text(message, validate=validate, qmark=f"{question.number:>2}.",
                                style=STYLE, instruction=instruction).unsafe_ask()
        if text.strip().lower() not in commands and pasting \
                and self.session.is_pasted_count(text, entry.id):
            self.enter_pasted_count(text, entry.id)
            return DONE
        return commands.get(text.strip().lower(), text)

    # ---- a blood count typed at once -----------------------------------------------------

    def enter_pasted_count(self, text: str, asked: str | None, joined: bool = False) -> bool:
        """Record each lab of a pasted count, show what was recorded, and ask again on its
        own, with the reason, each value refused and each part not read (what was typed is
        offered again for editing: nothing typed is lost). All of it is one screen, which
        "back" takes back as a whole (``joined``: it continues the screen before). True
        when anything was recorded."""
        outcome = self.session.answer_pasted(text, asked, same_screen=joined)
        joined = joined or bool(outcome.recorded)
        self.autosave()
        self.show_recorded(outcome)
        refused = list(outcome.refused)
        bare = self.bare_counts(refused)
        if bare and self.read_as_si(bare):
            entered = self.session.answer_screen(
                [(r.question_id, f"{r.text} x10^9/L") for r in bare], same_screen=joined)
            joined = joined or bool(entered.recorded)
            self.autosave()
            self.show_recorded(entered)
            refused = [r for r in refused if r not in bare] + list(entered.refused)
        for item in refused:
            if item.named:  # "neut 45": the count or the percentage, typed again
                self.console.print(Text(f"  Not recorded: {on_screen(item.problem)}",
                                        style="red"))
                again = questionary.text("Type it again:", default=f"{item.named} {item.text}",
                                         qmark="  ", style=STYLE,
                                         instruction="(blank = leave it out)",
                                         ).unsafe_ask().strip()
                if again and self.session.is_pasted_count(again):
                    joined = self.enter_pasted_count(again, None, joined) or joined
                continue
            joined = self.ask_again(item.question_id, item.text, item.problem, joined) \
                or joined
        for part in outcome.unread:
            self.console.print(Text(f"  Not read: “{part}” names no lab the interview knows.",
                                    style="yellow"))
            again = questionary.text(
                "Type it again as a name and a value (blank = leave it out):", default=part,
                qmark="  ", style=STYLE).unsafe_ask().strip()
            if again and self.session.is_pasted_count(again):
                joined = self.enter_pasted_count(again, None, joined) or joined
            elif again:
                self.console.print(Text(f"  Left out: “{again}”.", style="yellow"))
            else:
                self.console.print(Text(f"  Left out: “{part}”.", style="dim"))
        return joined

    def bare_counts(self, refused) -> list:
        """Counts refused only for being written without a unit in x10^9/L (wbc 2.1), which
        the same parser reads with the unit added."""
        labs = self.session.catalogue.labs
        found = []
        for item in refused:
            lab = labs.get(item.question_id)
            if lab is None or lab.kind != "count" or "x10^9/L" in item.text \
                    or not item.text.replace(".", "", 1).replace(",", "", 1).isdigit():
                continue
            try:
                self.session.check(item.question_id, f"{item.text} x10^9/L")
            except InvalidAnswer:
                continue
            found.append(item)
        return found

    def read_as_si(self, bare) -> bool:
        names = self.session.catalogue.labs
        listing = ", ".join(f"{names[r.question_id].name.lower()} {r.text}" for r in bare)
        return questionary.select(
            f"{listing}: written without a unit. Read {'them' if len(bare) > 1 else 'it'} "
            "as x10^9/L?", style=STYLE, qmark="  ", instruction=" ", use_shortcuts=True,
            choices=[Choice("yes, x10^9/L", True, shortcut_key="y"),
                     Choice("no, ask each again" if len(bare) > 1 else "no, ask it again",
                            False, shortcut_key="n")],
            **_pointer()).unsafe_ask()

    def ask_again(self, lab_id: str, typed: str, problem: str, joined: bool) -> bool:
        """One value of a pasted count that was refused, asked on its own with the reason
        and with what was typed to edit; blank or u = not known. True when recorded."""
        entry = self.session.entry(lab_id)
        lab = self.session.catalogue.labs.get(lab_id)
        name = lab.name if lab else entry.text.rstrip("?")
        self.console.print(Text(on_screen(f"  Not recorded: {name} “{typed}”: {problem}"),
                                style="red"))

        def validate(text: str) -> bool | str:
            if text.strip().lower() in ("", "u", "unknown"):
                return True
            try:
                self.session.check(lab_id, text)
            except InvalidAnswer as error:
                return on_screen(str(error))
            return True

        text = questionary.text(on_screen(entry.text), validate=validate, default=typed,
                                qmark="  ", style=STYLE,
                                instruction="(blank = not known)").unsafe_ask().strip()
        outcome = self.session.answer_screen([(lab_id, text or UNKNOWN)], same_screen=joined)
        self.autosave()
        self.show_recorded(outcome)
        return bool(outcome.recorded)

    def show_recorded(self, outcome: ScreenOutcome) -> None:
        """Each value of a pasted count as recorded, so that what was read can be seen."""
        labs = self.session.catalogue.labs
        shown = []
        for question_id, value in outcome.recorded:
            lab = labs.get(question_id)
            name = SHORT_NAMES.get(question_id) or (lab.name if lab else
                                                     self.session.entry(question_id).text)
            unit = "" if lab is None or value == UNKNOWN or isinstance(value, str) \
                else f" {lab.unit}"
            number = f"{value:,}" if isinstance(value, int) else str(value)
            shown.append(f"{name} {number}{unit}")
        if shown:
            self.console.print(hanging(on_screen("  recorded: " + "; ".join(shown)) or "", 4,
                                       self.console.width, style="dim"))
        self.show_outcome(outcome)

    # ---- a findings screen ---------------------------------------------------------------

    def ask_findings_screen(self, screen: Screen) -> None:
        """Several questions on one screen, each line recorded as marked or typed, a line
        left at ? (or blank) as not known: the findings of a clinical area (yes/no, tests
        positive or negative, choices of several, numbers), second-line labs, the patient's
        facts or the sepsis signs. A value typed on a line is checked as it would be asked
        alone; one refused against the others (an ANC above the white count) is asked
        again on its own with its reason."""
        questions = screen.questions
        self.asked.extend(q.id for q in questions)
        title = screen_title(screen)
        first_shown = self.titles_shown.setdefault(title, screen.number)
        part = self.workup_part(screen)
        if part is not None:  # a long group of results over several screens: "1 of 2"
            title += f" ({part[0]} of {part[1]})"
        elif first_shown < screen.number:  # the same heading again: more of what it asks
            title += " (more)"
        lines = self.screen_lines(screen)
        states = {}
        for question in questions:  # answers taken back were given on purpose
            if question.id not in self.session.undone:
                continue
            value = self.session.undone[question.id]
            line = next(line for line in lines if line.id == question.id)
            if line.typed:
                states[question.id] = "" if value == UNKNOWN else f"{value}"
            elif value in (*line.answers, UNKNOWN):
                states[question.id] = value
        cursor, touched = 0, bool(states)

        def check(question_id: str, text: str) -> str:
            try:
                self.session.check(question_id, text)
            except InvalidAnswer as error:
                return on_screen(str(error)) or ""
            return ""

        while True:
            reply = ask_findings(screen.number, on_screen(title) or title, lines,
                                 states=states or None, cursor=cursor,
                                 can_undo=self.session.can_undo, plain=plain_screen(),
                                 touched=touched, check=check)
            states, cursor, touched = reply.states, reply.index, reply.touched
            if reply.action == "why":
                self.explain_question(questions[reply.index], about=True)
                continue
            if reply.action == "back":
                self.go_back()
                return
            break
        given = []
        for question in questions:
            value = states.get(question.id, UNKNOWN)
            if value.strip().lower() in ("", "u", "unknown"):
                value = UNKNOWN
            given.append((question.id, value))
        outcome = self.session.answer_screen(given)
        self.autosave()
        self.console.print(hanging(f"{screen.number:>2}. {title}", 4, self.console.width,
                                   style="bold"))
        shown = Table.grid(padding=(0, 1))
        shown.add_column(no_wrap=True)
        shown.add_column()
        recorded = dict(outcome.recorded)
        for question in questions:
            value = recorded.get(question.id, UNKNOWN)
            kind = question.question.kind
            mark = {"unknown": " ? ", "positive": "pos", "negative": "neg"}.get(
                value, f"{value:<3}" if kind == "yesno" else " = ")
            text = on_screen(question.question.text) or ""
            if question.question.kind == "lab":  # as the line was drawn, with its units
                text = on_screen(with_units(question.question.text,
                                            self.session.catalogue.labs[question.id])) or ""
            if mark == " = ":
                text += "  " + self.shown_value(question.id, value,
                                                typed=states.get(question.id, ""))
            style = "bold" if value != UNKNOWN else "dim"
            shown.add_row(Text(f"    [{mark}]", style=style),
                          Text(text, style="" if value != UNKNOWN else "dim"))
        self.console.print(shown)
        self.show_outcome(outcome)
        for item in outcome.refused:  # refused against the other answers: asked again
            self.ask_again(item.question_id, item.text, item.problem, joined=True)

    def workup_part(self, screen: Screen) -> tuple[int, int] | None:
        """Which screen of a group of results this is, and of how many, when the group takes
        more than one: (1, 2) for the first of two; None for a group on one screen."""
        if screen.kind != question_choice.WORKUP or screen.area == question_choice.WORKUP:
            return None
        catalogue = self.session.catalogue
        here = {q.id for q in screen.questions}
        pages = self.workup_pages.setdefault(screen.area, [])
        if screen.questions[0].id not in pages:
            pages.append(screen.questions[0].id)
        part = pages.index(screen.questions[0].id) + 1
        left = [k for k in question_choice.WORKUP_GROUPS[screen.area][1]
                if (k in catalogue.questions or k in catalogue.labs)
                and k not in self.session.answers and k not in here]
        total = part + math.ceil(len(left) / question_choice.WORKUP_LINES)
        return (part, total) if total > 1 else None

    def screen_lines(self, screen: Screen) -> list[Line]:
        """Each question of a screen as its line: marked (yes/no, positive/negative, a
        choice of several) or typed (a lab value, a number), with its area's name above the
        first line of each area where the screen holds several."""
        lines, areas = [], len({q.question.area for q in screen.questions})
        if screen.kind in (question_choice.WORKUP, question_choice.SEPSIS,
                           question_choice.PATIENT, question_choice.COUNT,
                           question_choice.FEVER):
            areas = 1  # one report's results, or one kind of question: its title heads it
        last_area = None
        for question in screen.questions:
            entry = question.question
            heading = ""
            if areas > 1 and entry.area != last_area:
                heading = AREA_TITLES.get(entry.area, entry.area.replace("_", " ").capitalize())
            last_area = entry.area
            text = on_screen(entry.text) or ""
            if entry.kind in ("lab", "number"):
                unit = self.session.catalogue.labs[entry.id].unit if entry.kind == "lab" \
                    else (entry.unit or "")
                if entry.kind == "lab":  # the units it takes, in its text: "(pg/mL or pmol/L)"
                    text = on_screen(with_units(entry.text, self.session.catalogue.labs[
                        entry.id])) or ""
                if unit and unit in text:
                    unit = ""
                if entry.kind == "number" and entry.unit in ("weeks", "days"):
                    unit = TIME_AGO_HINTS[entry.unit]  # a time ago in any unit, or a date
                lines.append(Line(entry.id, text, (), typed=True, heading=heading,
                                  unit=on_screen(unit) or ""))
            elif entry.kind == "yesno":
                lines.append(Line(entry.id, text, ("yes", "no"), heading=heading))
            else:
                lines.append(Line(entry.id, text, tuple(entry.choices), heading=heading))
        return lines

    def shown_value(self, question_id: str, value: object, typed: str = "") -> str:
        """A value recorded on a screen, as the line that echoes it shows it; one ``typed``
        in another unit the lab takes (a B12 in pmol/L) is echoed in that unit, with the
        value in the lab's own unit beside it."""
        lab = self.session.catalogue.labs.get(question_id)
        entry = self.session.entry(question_id)
        if isinstance(value, str):
            return in_words(value)
        number = f"{value:,}" if isinstance(value, int) else f"{value:g}"
        other = typed_unit(typed, lab) if lab is not None else None
        if other is not None:  # the conversion to three figures: "95 µmol/L (= 1.07 mg/dL)"
            return on_screen(f"{' '.join(typed.split())} (= {three_figures(value)} "
                             f"{lab.unit})") or ""
        unit = lab.unit if lab is not None else (entry.unit or "")
        if unit in ("weeks", "days") and re.search(r"[A-Za-z]", typed):
            return on_screen(" ".join(typed.split())) or ""  # "2 months" as typed, not "8.5 weeks"
        if unit == "weeks" and value:  # "3 months ago", "4 years ago", not "208.7 weeks"
            return weeks_in_words(value)
        if unit in ("weeks", "days") and value == 1:
            unit = unit[:-1]  # "1 week", not "1 weeks"
        return on_screen(f"{number} {unit}".strip()) or ""

    def ask_smear(self, question: NextQuestion) -> object:
        entry = question.question
        choices = [Choice("choose the findings from a list", "list", shortcut_key="l"),
                   Choice("no film, or findings not known", UNKNOWN, shortcut_key="u"),
                   *self.navigation()]
        how = select(on_screen(entry.text), choices, answer=True,
                     qmark=f"{question.number:>2}.",
                     instruction="(press a key, then Enter)").unsafe_ask()
        if how != "list":
            return how
        findings = self.session.catalogue.smear
        if plain_screen():
            picked = self.film_findings_by_number(
                [(finding_id, name) for finding_id, name in findings.items()
                 if finding_id != "normal"])
            self.console.print(Text("  film: " + ("; ".join(findings[f] for f in picked)
                                                  if picked else "unremarkable"), style="dim"))
            return picked or ["normal"]
        picked = questionary.checkbox(
            "Film findings", style=STYLE, qmark="  ",
            instruction="(space to tick, Enter when done; none ticked = unremarkable)",
            choices=[Choice(name, finding_id) for finding_id, name in findings.items()
                     if finding_id != "normal"]).unsafe_ask()
        self.console.print(Text("  film: " + ("; ".join(findings[f] for f in picked)
                                              if picked else "unremarkable"), style="dim"))
        return picked or ["normal"]

    @staticmethod
    def film_findings_by_number(options: list[tuple[str, str]]) -> list[str]:
        """The film findings picked by their numbers: on an ASCII screen a checkbox draws
        ticked and unticked boxes alike ("?"), so what was ticked could not be seen."""
        listing = "\n".join(f"     {number}. {name}"
                             for number, (_, name) in enumerate(options, start=1))

        def numbers(text: str) -> list[int] | None:
            picked = []
            for word in text.replace(",", " ").split():
                if not word.isdigit() or not 1 <= int(word) <= len(options):
                    return None
                picked.append(int(word))
            return picked

        text = questionary.text(
            f"Film findings:\n{listing}\n   Their numbers (e.g. 1 3; blank = unremarkable):",
            qmark="  ", style=STYLE,
            validate=lambda text: numbers(text) is not None
            or f"Type numbers from 1 to {len(options)}, or leave it blank.").unsafe_ask()
        return [options[number - 1][0] for number in dict.fromkeys(numbers(text) or [])]

    def ask_medications(self, question: NextQuestion) -> object:
        entry = question.question
        choices = [Choice("list the medications", "list", shortcut_key="l"),
                   Choice("none", "none", shortcut_key="n"),
                   Choice("unknown", UNKNOWN, shortcut_key="u"), *self.navigation()]
        how = select(on_screen(entry.text), choices, answer=True,
                     qmark=f"{question.number:>2}.",
                     instruction="(press a key, then Enter)").unsafe_ask()
        if how == "none":
            return []
        if how != "list":
            return how
        return self.collect_medications()

    def ask_earlier_counts(self, question: NextQuestion) -> object:
        """Counts from before this one (or repeated after it): each typed as when it was
        taken and the count as the report prints it, checked as a case file's would be."""
        choices = [Choice("enter them", "list", shortcut_key="e"),
                   Choice("none at hand", UNKNOWN, shortcut_key="n"), *self.navigation()]
        how = select(on_screen(question.question.text), choices, answer=True,
                     qmark=f"{question.number:>2}.",
                     instruction="(press a key, then Enter)").unsafe_ask()
        if how != "list":
            return how
        entries: list[dict] = []
        while True:
            message, instruction = fit_prompt(
                "  ", "When was it taken?" if not entries else "The next count: when?",
                f"({WHEN_HINT}; blank when done)", room=20)
            when = questionary.text(message, style=STYLE, qmark="  ", instruction=instruction,
                                    validate=_when_taken_or_blank).unsafe_ask().strip()
            if not when:
                return entries or UNKNOWN
            message, instruction = fit_prompt(
                "  ", "The count?", "(as the report prints it, with units: wbc 4.1 x10^9/L, "
                                    "neut 81%, hb 13 g/dL, plt 250 x10^9/L)", room=40)

            def valid(text: str, when: str = when) -> bool | str:
                typed = typed_count(when, text, self.session.catalogue)
                if typed.entry is None:
                    return on_screen(typed.problem) or typed.problem
                try:
                    self.session.check(EARLIER_COUNTS, [*entries, typed.entry])
                except InvalidAnswer as error:
                    return on_screen(str(error)) or str(error)
                return True

            count = questionary.text(message, style=STYLE, qmark="  ", instruction=instruction,
                                     validate=valid).unsafe_ask().strip()
            entry = typed_count(when, count, self.session.catalogue).entry
            entries.append(entry)
            self.console.print(Text(f"  added: {earlier_count_words(entry)}", style="dim"))

    def collect_medications(self) -> list[dict] | None:
        catalogue = self.session.catalogue
        meta = {name: (catalogue.drug_classes[drug.drug_class].name if name == drug.generic
                       else drug.generic)
                for drug in catalogue.drugs.values()
                for name in (drug.generic, *drug.brands, *drug.synonyms)}
        # a drug whose name is not known may be typed as what it is for ("for rheumatoid
        # arthritis"): the case records the indication, the rules weigh it
        phrases = catalogue.indication_phrases()
        meta.update({phrase: f"a drug for {name}, name not known"
                     for phrase, name in phrases.items()})
        names = sorted(meta, key=str.lower)
        entries: list[dict] = []
        while True:
            # a drug whose name is not known is typed as "for" its use ("for graves disease")
            prompt = "Drug name, or \"for\" its use (Tab completes; blank to go back):" \
                if not entries else "Next drug (blank when done):"
            # a copy each time: questionary wraps the values it is given in HTML in place,
            # so the dict reused showed "HTML('<text>…')" from the second drug on
            name = questionary.autocomplete(prompt, choices=names,
                                            meta_information=dict(meta),
                                            style=STYLE, qmark="  ").unsafe_ask().strip()
            if not name:
                return entries or None
            indication = catalogue.find_indication_phrase(name)
            if indication is None and catalogue.is_indication_phrase(name) \
                    and catalogue.find_drug(name) is None:
                self.console.print(Text(f"  {name!r} is not a use the drug dictionary knows; "
                                        "type \"for\" and press Tab to see them", style="yellow"))
                continue
            drug = catalogue.find_drug(name) if indication is None else None
            if indication is None and drug is None and not catalogue.find_combination(name):
                name = self.unrecognised_drug(name)
                if name is None:
                    continue
            entry = {"for": indication.id} if indication is not None else {"name": name}
            for key, label, blank in (("started_weeks_ago", "When was it started", "unknown"),
                                      ("stopped_weeks_ago", "When was it stopped",
                                       "still taking it")):
                message, instruction = fit_prompt(
                    "  ", f"{label}?", f"(weeks ago, or 10 days, 6 months, 3 years, "
                                       f"2025-03-14; blank = {blank})")
                weeks = questionary.text(
                    message, style=STYLE, qmark="  ", instruction=instruction,
                    validate=lambda text, k=key, e=entry: self.check_weeks(entries, e, k, text),
                ).unsafe_ask().strip()
                if weeks:
                    entry[key] = _whole(weeks_ago(weeks))
            drug_class = catalogue.drug_classes.get(drug.drug_class) if drug else None
            if drug_class is not None and drug_class.chemotherapy:
                # an anticancer drug's count falls and recovers after each dose (the nadir
                # days after a cycle): when the last one was given matters more than the start
                message, instruction = fit_prompt(
                    "  ", "When was the last dose given?",
                    "(days ago, or 2 weeks, or a date, 2025-03-14; blank = unknown)")
                days = questionary.text(
                    message, style=STYLE, qmark="  ", instruction=instruction,
                    validate=lambda text, e=entry: self.check_last_dose(entries, e, text),
                ).unsafe_ask().strip()
                if days:
                    entry["days_since_last_dose"] = _whole(days_ago(days))
            entries.append(entry)
            self.console.print(Text(f"  added {_describe_drug(entry, catalogue)}", style="dim"))

    def unrecognised_drug(self, name: str) -> str | None:
        guess = self.session.catalogue.suggest_drug(name)
        choices = []
        if guess:
            choices.append(Choice(f"use {guess}", guess, shortcut_key="g"))
        choices += [Choice(f"keep {name!r} (it will not be weighed)", name, shortcut_key="k"),
                    Choice("type it again", AGAIN, shortcut_key="t")]
        # "k" for keep: the j/k arrow keys are turned off so that it can be a shortcut
        chosen = questionary.select(f"{name!r} is not in the drug dictionary.", choices=choices,
                                    use_shortcuts=True, use_jk_keys=False, style=STYLE,
                                    qmark="  ", instruction=" ", **_pointer()).unsafe_ask()
        return None if chosen == AGAIN else chosen

    def check_last_dose(self, entries: list[dict], entry: dict, text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            days = _whole(days_ago(text))
        except ValueError as error:
            return str(error)
        try:
            self.session.check("medications",
                               [*entries, {**entry, "days_since_last_dose": days}])
        except InvalidAnswer as error:
            return drug_form_problem(error)
        return True

    def check_weeks(self, entries: list[dict], entry: dict, key: str, text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            weeks = _whole(weeks_ago(text))
        except ValueError as error:
            return str(error)
        try:
            self.session.check("medications", [*entries, {**entry, key: weeks}])
        except InvalidAnswer as error:
            return drug_form_problem(error)
        return True

    def explain_question(self, question: NextQuestion, about: bool = False) -> None:
        """The "why?" panel: the rules that want the question and what it could change;
        ``about``: name the question (one line of a findings screen)."""
        body = Text()
        if about:
            body.append(on_screen(question.question.text) + "\n", style="bold")
        for rule, reason in _pair(question.asked_by, question.reasons):
            body.append(f"• {reason}", style="")
            if rule:
                body.append(f"  (rule {rule})", style="dim")
            body.append("\n")
        now = CHOSEN_FOR.get(question.chosen_for)
        if question.could_change:
            now = "an answer here could change " + _and(question.could_change) + "."
        if now:
            body.append(f"Asked now: {now}\n", style="bold")
        if question.question.help:
            body.append(question.question.help, style="italic")
        body.rstrip()
        self.console.print(Panel(body, title="Why this question", title_align="left",
                                 border_style="blue", expand=False))

    def go_back(self) -> None:
        question_id = self.session.undo()
        self.autosave()
        taken = self.session.taken_back
        text = self.session.entry(question_id).text
        if taken > 1:
            self.console.print(Text(f"  Back: the {taken} answers of that screen were taken "
                                    "back; they are shown again to change.", style="dim"))
        else:
            self.console.print(Text(f"  Back: the answer to “{text}” was taken back.",
                                    style="dim"))

    # ---- the report ----------------------------------------------------------------------

    def report_loop(self) -> bool:
        """Show the report, then offer how?, back, save and finish. True: back to the
        questions (an answer was taken back)."""
        self.show_report()
        while True:
            choices = [Choice("how? — the evidence behind a cause's score", "how",
                              shortcut_key="h")]
            left = len(self.session.settled)
            if left:
                choices.append(Choice(f"ask the remaining {left} question"
                                      f"{'s' if left != 1 else ''}", "rest", shortcut_key="a"))
            elif self.session.next_question() is not None:
                choices.append(Choice("continue the questions", "continue", shortcut_key="c"))
            if self.session.can_undo:
                choices.append(Choice("back — change the last answer", "back",
                                      shortcut_key="b"))
            if not self.save_path:
                choices.append(Choice("save the session as a case file", "save",
                                      shortcut_key="s"))
            choices.append(Choice("finish", "finish", shortcut_key="f"))
            action = questionary.select("What now?", choices=choices, use_shortcuts=True,
                                        style=STYLE, instruction=" ", **_pointer()).unsafe_ask()
            if action == "how":
                self.how()
            elif action == "continue":
                return True
            elif action == "rest":
                self.session.ask_remaining()
                return True
            elif action == "back":
                self.go_back()
                return True
            elif action == "save":
                self.save_as()
            else:
                return self.finish()

    def finish(self) -> bool:
        if not self.save_path and self.session.answers:
            if questionary.confirm("Save the session as a case file before leaving?",
                                   default=False, style=STYLE).unsafe_ask():
                self.save_as()
        if self.save_path:
            self.console.print(Text(f"Saved in {self.save_path}. Score it again with: "
                                    f"leukodx score {self.save_path}"))
        elif self.session.answers:
            self.console.print(Text(f"Not saved: your {len(self.session.answers)} answers "
                                    "end with this session.", style="yellow"))
        return False

    def show_report(self) -> None:
        result = self.session.result()
        console = self.console
        console.print()
        console.rule("Report")
        for pitfall in result.emergencies:
            console.print(pitfall_panel(pitfall))
        line = reading_line(result, console.width)
        if line:
            console.print(line)
        if result.ranking:
            console.print(ranking_with_bars(result.ranking[:5], console.width))
            for tie_line in tie_lines(result.ranking, 5):
                console.print(tie_line)
            console.print(Text("Strongest finding for each:", style="bold"))
            console.print(key_findings(result, 3))
            more = more_at_the_same_score(result.ranking, 3, names=False)
            if more:
                console.print(Text(f"  (for the first 3, {more} as the third)", style="dim"))
            hidden = also_must_not_miss(result.ranking, 5)
            if hidden:
                console.print(hidden)
        else:
            console.print("No cause has evidence in its favour: the answers so far do not "
                          "point anywhere yet.")
        for pitfall in result.pitfalls:
            if pitfall.indicator != "critical":
                console.print(pitfall_panel(pitfall))
        if result.ranking:
            console.print(Text("Next steps:", style="bold"))
            console.print(next_steps_text(result.ranking[:3]))
            more = more_at_the_same_score(result.ranking, 3, names=False)
            if more:
                console.print(Text(f"  (for the first 3, {more} as the third)", style="dim"))
        informative = self.session.informative_questions(3)
        if informative:
            console.print(Text("Questions whose answer could still change the conclusions:",
                               style="bold"))
            for item in informative:
                answer = in_words(item.answer).removesuffix(".0")
                effect = (f"“{answer}” would put {item.new_leader.name} first"
                          if item.new_leader else f"“{answer}” would " + would(item.changes))
                console.print(Text(f"  • {item.question.text} ", style="") +
                              Text(f"({effect})", style="dim"))
        for warning in result.warnings:
            console.print(Text(f"Note: {warning}", style="yellow"))

    def how(self) -> None:
        ranking = self.session.result().ranking
        if not ranking:
            self.console.print("No cause is ranked yet.")
            return
        choices = [Choice(f"{c.name} ({c.score:+d})", c.cause) for c in ranking[:15]]
        cause_id = questionary.select("How was which cause scored?", choices=choices,
                                      style=STYLE, qmark="  ", instruction=" ",
                                      **_pointer()).unsafe_ask()
        self.console.print(evidence_table(self.session.cause(cause_id), self.session.catalogue))

    # ---- saving --------------------------------------------------------------------------

    def autosave(self) -> bool:
        """Save to the session's file after each answer. When the write fails (a full or
        read-only disk) the answers stay in memory: say so in one line and offer another
        path; declined, the interview goes on unsaved and offers to save on leaving.
        True when the answers are on disk."""
        if not self.save_path:
            return False
        try:
            self.session.save(self.save_path)
        except LeukodxError as error:
            self.console.print(Text(f"  Not saved: {error}", style="bold red"))
            self.save_path = None
            return self.save_elsewhere()
        self.saved_answers = len(self.session.answers)
        return True

    def save_elsewhere(self) -> bool:
        """After a failed write: ask for another file until one can be written or the person
        leaves it blank. True when saved."""
        answers = len(self.session.answers)
        while True:
            path = questionary.text(
                f"Save your {answers} answers in another file instead?", style=STYLE,
                qmark="  ", instruction="(a path; blank = go on without saving for now)",
            ).unsafe_ask().strip()
            if not path:
                self.console.print(Text(f"  Your {answers} answers are kept in this session "
                                        "only; you will be asked where to save them on "
                                        "leaving.", style="yellow"))
                return False
            if self.try_save(path):
                return True

    def try_save(self, path: str) -> bool:
        try:
            self.session.save(path)
        except LeukodxError as error:
            self.console.print(Text(f"  Not saved: {error}", style="bold red"))
            return False
        self.save_path, self.saved_answers = path, len(self.session.answers)
        self.console.print(Text(f"Saved {len(self.session.answers)} answers in {path}; "
                                "later answers are saved there too."))
        return True

    def save_as(self) -> bool:
        """Save where the person says (the session's file if it has one); a write that fails
        asks for another path. True when saved."""
        path = self.save_path
        if path is None:
            path = questionary.text("Save as:", instruction=f"(blank = {DEFAULT_SAVE})",
                                    style=STYLE, qmark="  ").unsafe_ask().strip() \
                or DEFAULT_SAVE
        return self.try_save(path) or self.save_elsewhere()


def screen_title(screen: Screen) -> str:
    """A screen's heading, saying what it asks: its kind (the count, the patient, the sepsis
    signs, labs), its clinical area's findings (or test results), the areas of a screen that
    gathers several, or the results of a work-up group it holds (named by its first lines,
    since a long group takes more than one screen)."""
    questions = screen.questions
    if screen.kind == question_choice.WORKUP:
        if screen.area == question_choice.WORKUP:
            return ("Results you already have from later in the work-up? (y: I have them; n: none, "
                    "not asked again; ?: not sure)")
        label, keys = question_choice.WORKUP_GROUPS[screen.area]
        if questions[0].id == next((k for k in keys if k in {q.id for q in questions}), None) \
                and len(keys) <= question_choice.WORKUP_LINES or \
                questions[0].id == keys[0]:
            return "Your results: " + label
        # a later screen of a long group: named by the results it asks
        names = [_short(q.question.text) for q in questions[:SCREEN_NAMES]]
        more = len(questions) - len(names)
        short = label.split(" (")[0]
        return f"Your results: {short} — {'; '.join(names)}" + \
            (f" and {more} more" if more > 0 else "")
    if screen.kind == question_choice.LABS and \
            any(q.question.kind != "lab" for q in questions):
        pass  # labs joined by findings: named by their areas, below
    elif screen.kind in question_choice.BASICS and \
            {question_choice.screen_kind(q.question) for q in questions} == \
            set(question_choice.BASICS):
        return "The patient, and fever"
    elif screen.kind in KIND_TITLES:
        return KIND_TITLES[screen.kind]
    areas = list(dict.fromkeys(q.question.area for q in questions))
    if len(areas) > 1:
        names = [AREA_NAMES.get(a, a.replace("_", " ")) for a in areas]
        title = "; ".join(names)
        return title[0].upper() + title[1:]
    title = AREA_TITLES.get(areas[0], areas[0].replace("_", " ").capitalize())
    if all(tuple(q.question.choices) == ("positive", "negative") for q in questions):
        return RESULT_TITLES.get(areas[0], title + ": test results")
    return title


def _short(text: str) -> str:
    """A question's text as a name in a heading: "Serum vitamin B12 (pg/mL)?" -> "Serum
    vitamin B12"."""
    return text.split(" (")[0].split(", if ")[0].rstrip("?").strip()


# ---- pieces of the report ----------------------------------------------------------------

def score_bar(score: int) -> str:
    """A fixed scale from -30 to +30 decibans, so bars compare across cases."""
    filled = round((max(-30, min(30, score)) + 30) / 60 * BAR_WIDTH)
    return "█" * filled + "·" * (BAR_WIDTH - filled)


MUST_NOT_MISS = "must not miss"


def ranking_with_bars(ranking: tuple[RankedCause, ...] | list[RankedCause],
                      width: int | None = None) -> Table:
    """The ranking with a bar for each score; at ``width`` columns "must not miss" goes
    whole under a name it does not fit beside, never broken over two lines."""
    table = Table(show_header=True, header_style="bold", pad_edge=False, box=None)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Cause")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Band", no_wrap=True)
    # what the other columns take: the place, the score, the bar, the band and the gaps
    room = None if width is None else width - (3 + 5 + BAR_WIDTH + 11 + 4)
    for cause in ranking:
        name = Text(cause.name)
        if cause.must_not_miss:
            beside = room is None or len(cause.name) + 2 + len(MUST_NOT_MISS) <= room
            name.append(("  " if beside else "\n") + MUST_NOT_MISS, style="bold red")
        add_plain_row(table, place(cause), name, f"{cause.score:+d}",
                      Text(score_bar(cause.score),
                           style="green" if cause.shared_rank == 1 else "cyan"),
                      cause.band)
    return table


def _pair(rules: tuple[str, ...], reasons: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each reason with the rule that gave it (the two lists are de-duplicated apart, so
    they pair up only when they are the same length)."""
    if len(rules) == len(reasons):
        return list(zip(rules, reasons, strict=True))
    pairs = [("", reason) for reason in reasons]
    if pairs:
        pairs[-1] = (", ".join(rules), pairs[-1][1])
    return pairs


CHOSEN_FOR = {
    "core": "the counts and the patient come first.",
    "sepsis": "with fever and a low neutrophil count, or a temperature below 36 °C, the signs "
              "of sepsis come first.",
    "urgent": "with an anticancer drug on the list, the day of the cycle decides whether the "
              "expected nadir explains the count.",
    "always": "the drugs and the blood film bear on almost every cause.",
    "remaining": "you asked for the remaining questions, which come in the rules' order.",
    "workup": "results you already hold are given before the history, so the rules weigh "
              "them from the start.",
}


def _and(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _number(text: str) -> float | int:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def _when_taken_or_blank(text: str) -> bool | str:
    if not text.strip():
        return True
    try:
        when_taken(text)
    except ValueError:
        return "not a time: 6 weeks ago, 41 days, a date, or 6 hours later"
    return True


def earlier_count_words(entry: dict) -> str:
    """An earlier count as the echo shows it: "41 days before this count: wbc 11.7 ..."."""
    times = {"weeks_ago": "weeks before", "days_ago": "days before",
             "hours_later": "hours after", "days_later": "days after",
             "weeks_later": "weeks after"}
    when = next(f"{entry[key]:g} {words}" for key, words in times.items() if key in entry)
    labs = ", ".join(f"{lab} {value}" for lab, value in entry["labs"].items())
    return f"{when} this count: {labs}"


def _describe_drug(entry: dict, catalogue) -> str:
    name = entry.get("name") or unnamed_drug_words(entry.get("for"))
    drug = catalogue.find_drug(name) if entry.get("name") else None
    text = name + (f" ({drug.generic})" if drug and drug.generic.lower() != name.lower()
                   else "")
    if "started_weeks_ago" in entry:
        text += f", started {_weeks(entry['started_weeks_ago'])} ago"
    if "stopped_weeks_ago" in entry:
        text += f", stopped {_weeks(entry['stopped_weeks_ago'])} ago"
    if "days_since_last_dose" in entry:
        days = entry["days_since_last_dose"]
        text += f", last dose {days:g} day{'s' if days != 1 else ''} ago"
    return text


def hanging(text: str, indent: int, width: int, style: str = "") -> Text:
    """``text`` broken between words to ``width``, its further lines indented ``indent``
    (as the screens draw their headings), for the lines echoed after a screen."""
    lines = textwrap.wrap(text, max(20, width - 1), subsequent_indent=" " * indent,
                          drop_whitespace=True, initial_indent="")
    leading = text[:len(text) - len(text.lstrip())]
    return Text(leading + "\n".join(lines).lstrip() if lines else text, style=style)


def with_units(text: str, lab) -> str:
    """A lab's question with the units it takes: "Serum vitamin B12 (pg/mL)?" becomes
    "Serum vitamin B12 (pg/mL or ng/L, pmol/L)?", "Creatinine?" "Creatinine (mg/dL or
    µmol/L)?"; a count or a percentage says its unit elsewhere, as it is."""
    if lab.kind in ("count", "percent") or not lab.unit:
        return text
    spelt = [lab.unit, *(u for u, _ in lab.other_units)]
    # µmol/L and its ASCII spelling umol/L are one unit: named once
    others = [u for u in spelt[1:] if u.replace("u", "µ", 1) == u
              or u.replace("u", "µ", 1) not in spelt]
    units = lab.unit + (" or " + ", ".join(others) if others else "")
    if f"({lab.unit})" in text:
        return text.replace(f"({lab.unit})", f"({units})", 1)
    if lab.unit in text:
        return text
    stem = text.rstrip()
    mark = "?" if stem.endswith("?") else ""
    return f"{stem.removesuffix('?')} ({units}){mark}"


def three_figures(value: float) -> str:
    """A converted value as a reader takes it in: three significant figures, whole numbers
    from 100 up ("474", "1,040", "1.07", "0.452"); the answer itself keeps every digit."""
    if abs(value) >= 100:
        return f"{round(value):,}"
    return f"{float(f'{value:.3g}'):g}"


def typed_unit(typed: str, lab) -> str | None:
    """The other unit a value was typed in ("350 pmol/L": pmol/L), or None when it was typed
    bare or in the lab's own unit."""
    folded = typed.strip().lower().replace(" ", "")
    if not folded or folded.endswith(lab.unit.lower().replace(" ", "")):
        return None
    for unit, _ in sorted(lab.other_units, key=lambda pair: -len(pair[0])):
        if folded.endswith(unit.lower().replace(" ", "")):
            return unit
    return None


def drug_form_problem(error: InvalidAnswer) -> str:
    """A drug's timing refused, in the words of the form: the problem, without the case
    file's keys that the hint names (stopped_weeks_ago must not exceed started_weeks_ago)."""
    if error.hint and re.search(r"\b[a-z]+_[a-z_]+\b", error.hint):
        return on_screen(error.problem) or ""
    return on_screen(str(error)) or ""


def _weeks(weeks: float) -> str:
    """Weeks as a person reads them: "6 years" rather than "313.1 weeks"."""
    return weeks_in_words(weeks)

