"""`leukodx study`: self-study on the teaching cases in the terminal. The trainee commits to a
differential and the pitfalls they see, then sees how the rules reasoned, plays "what if?"
and keeps a progress file. Everything here is presentation; engine/study.py decides.
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass, field

import questionary
from prompt_toolkit.application import get_app_session
from prompt_toolkit.completion import CompleteEvent, Completion
from prompt_toolkit.document import Document
from questionary import Choice
from questionary.prompts.autocomplete import WordCompleter
from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from engine import study as teach
from engine.assessment import Assessor
from engine.cases import Case
from engine.errors import LeukodxError
from engine.result import Result
from rules.catalogue import CATEGORIES, Catalogue, load_catalogue
from rules.words import in_words, weeks_in_words

from .render import (
    DISCLAIMER,
    INDICATOR_LABEL,
    INDICATOR_STYLE,
    add_plain_row,
    adjustment_words,
    is_adjustment,
    more_at_the_same_score,
    next_steps_text,
    place,
    plain_screen,
    rationale_in_words,
    reading_line,
)
from .session import fit_prompt

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
VERDICT_TEXT = {"correct": ("Correct", "bold green"),
                "partly": ("Partly right", "bold yellow"),
                "wrong": ("Not this time", "bold red")}
BAR_WIDTH = 16
BACK = "back"  # questionary replaces a choice value of None with its title


def run(args) -> int:
    """Entry point from the CLI."""
    from interview.cli import console as screen

    # the CLI's console: a closed pipe (`--stats | head`) ends quietly with exit 0, where
    # rich's own exits 1
    console = screen()
    progress_path = args.progress or str(teach.default_progress_path())
    if args.stats:
        progress = teach.load_progress(progress_path)
        report_progress_problem(console, progress)
        render_stats(console, progress)
        return EXIT_OK
    if not sys.stdin.isatty():
        print("leukodx study: self-study is interactive and needs a terminal; stdin is not "
              "one. Run it in a terminal (`leukodx study --stats` prints progress anywhere).",
              file=sys.stderr)
        return EXIT_USAGE
    session = StudySession(console, progress_path)
    try:
        return session.run(case_id=args.case, review=args.review)
    except (KeyboardInterrupt, EOFError):
        console.print("\nStopped. Progress is saved after each finished case.")
        if session.unsaved:
            session.goodbye()
        return EXIT_INTERRUPTED


# ---- prompts (built inside functions: questionary binds input and output on creation) ---------

def ask_select(message: str, choices: list, default=None):
    pointer = {"pointer": ">"} if plain_screen() else {}
    shortcuts = len(choices) <= 36
    # broken between words to fit the terminal, with questionary's own hint after it
    message, instruction = fit_prompt("?", message, "(Use shortcuts or arrow keys)"
                                      if shortcuts else "(Use arrow keys)", room=0)
    return questionary.select(message, choices=choices, default=default,
                              use_shortcuts=shortcuts, instruction=instruction,
                              **pointer).unsafe_ask()


CHOICE_INDENT = 8  # questionary's pointer and shortcut before a choice ("  » 3) "), and a margin


def fit_on_a_line(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at a word, with "…", keeping what follows its
    last "→" (the answer a what-if tries) whole: "What if: Do fevers, mouth ulcers or
    infections come back … → yes"."""
    if len(text) <= width:
        return text
    head, arrow, tail = text.rpartition(" → ")
    if not arrow:
        head, tail = text, ""
    keep = max(10, width - len(arrow) - len(tail) - 2)
    cut = head[:keep].rsplit(" ", 1)[0] if " " in head[:keep] else head[:keep]
    return f"{cut.rstrip(' ,;:(')} …{arrow}{tail}" if arrow else f"{cut.rstrip(' ,;:(')} …"


def ask_confirm(message: str, default: bool = True) -> bool:
    return questionary.confirm(message, default=default).unsafe_ask()


def cause_choices(catalogue: Catalogue) -> dict[str, str]:
    """The names offered while typing a cause -> cause id: names and synonyms, without ids
    (they resolve too) and without synonyms that only differ from a name in case."""
    names: dict[str, str] = {}
    seen: set[str] = set()
    for name, cause in teach.cause_names(catalogue).items():
        if name != cause and teach.fold(name) not in seen:
            seen.add(teach.fold(name))
            names[name] = cause
    # a drug's name stands for its class's cause ("zidov" finds zidovudine)
    for drug in catalogue.drugs.values():
        drug_class = catalogue.drug_classes.get(drug.drug_class)
        cause = drug_class.cause if drug_class else None
        if cause in catalogue.causes and teach.fold(drug.generic) not in seen:
            seen.add(teach.fold(drug.generic))
            names[drug.generic] = cause
    return names


def match_cause(text: str, catalogue: Catalogue) -> str | None:
    """The cause a typed name means: an exact name or synonym, or else the one cause whose
    names contain what was typed."""
    if teach.fold(text) in teach.NONE_WORDS:
        return None
    cause = teach.resolve_cause(text, catalogue)
    if cause is None and len(teach.fold(text)) >= 3:
        wanted = teach.fold(text)
        found = {c for name, c in cause_choices(catalogue).items() if wanted in teach.fold(name)}
        cause = found.pop() if len(found) == 1 else None
    return cause


class CauseCompleter(WordCompleter):
    """The causes whose names hold what was typed; when none does, one line that says so
    (choosing it types nothing), so that a name the catalogue lacks is not met with silence."""

    def get_completions(self, document: Document, complete_event: CompleteEvent):
        found = False
        for completion in super().get_completions(document, complete_event):
            found = True
            yield completion
        typed = document.text_before_cursor.strip()
        if not found and typed and teach.fold(typed) not in teach.NONE_WORDS:
            yield Completion("", start_position=0, style="class:text",
                             display=f"no cause in the catalogue matches “{typed}”")


def ask_cause(message: str, catalogue: Catalogue, chosen: list[str], required: bool) -> str | None:
    """One cause of the differential, as a cause id; None when the trainee stops, or (first
    prompt only) answers "none": there is no cause to find."""
    names = cause_choices(catalogue)
    meta = {name: (CATEGORIES.get(catalogue.causes[cause].category, "")
                   if name == catalogue.causes[cause].name
                   else f"= {catalogue.causes[cause].name}")
            for name, cause in names.items()}

    def check(text: str):
        if not text.strip():
            return "Name a cause, or type none if nothing needs explaining." if required \
                else True
        if required and teach.fold(text) in teach.NONE_WORDS:
            return True
        cause = match_cause(text, catalogue)
        if cause is None:
            return "Not one cause in the catalogue: type a few letters and pick from the list."
        if cause in chosen:
            return "That cause is already in your differential."
        return True

    ordered = sorted(names, key=str.casefold)
    text = questionary.autocomplete(
        message, choices=ordered, meta_information=meta,
        completer=CauseCompleter(ordered, meta_information=meta),
        validate=check, validate_while_typing=False).unsafe_ask()
    return match_cause(text, catalogue) if text.strip() else None  # "none" matches nothing


def ask_pitfalls(options: list[str], catalogue: Catalogue) -> list[str]:
    if plain_screen():
        return ask_pitfalls_by_number(options, catalogue)
    # a choice does not wrap: shorten long ones to the screen and show them whole below
    room = max(40, shutil.get_terminal_size().columns - 8)
    choices = []
    for pitfall_id in options:
        summary = catalogue.pitfalls[pitfall_id].summary
        title = summary if len(summary) <= room else summary[: room - 1].rstrip() + "…"
        choices.append(Choice(title=title, value=pitfall_id,
                              description=summary if title != summary else None))
    return questionary.checkbox(
        "Which pitfalls apply to this case?", choices=choices,
        instruction="(space ticks, enter when done; a wrong tick costs a point)").unsafe_ask()


def ask_pitfalls_by_number(options: list[str], catalogue: Catalogue) -> list[str]:
    """The pitfalls ticked by their numbers: on an ASCII screen a checkbox draws ticked and
    unticked alike (both "?"), so the trainee could not see what was ticked."""
    listing = "\n".join(f"  {number}. {catalogue.pitfalls[pitfall_id].summary}"
                        for number, pitfall_id in enumerate(options, start=1))

    def numbers(text: str) -> list[int] | str:
        picked = []
        for word in text.replace(",", " ").split():
            if not word.isdigit() or not 1 <= int(word) <= len(options):
                return f"Type numbers from 1 to {len(options)}, or leave it blank for none."
            picked.append(int(word))
        return picked

    def check(text: str):
        return True if isinstance(numbers(text), list) else numbers(text)

    text = questionary.text(
        f"Which pitfalls apply to this case?\n{listing}\n  Their numbers (e.g. 1 3; blank "
        "for none; a wrong one costs a point):", validate=check).unsafe_ask()
    return [options[number - 1] for number in dict.fromkeys(numbers(text))]


def ask_text(message: str, validate=None) -> str:
    return questionary.text(fit_prompt("?", message)[0], validate=validate).unsafe_ask()


def _number(text: str):
    try:
        float(text.replace(",", ""))
    except ValueError:
        return "Enter a number."
    return True


# ---- the session ---------------------------------------------------------------------------

@dataclass
class StudySession:
    console: Console
    progress_path: str
    library_folder: str | None = None
    assessor: Assessor | None = None
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self):
        self.catalogue = load_catalogue()
        self.library = teach.load_library(self.library_folder, self.catalogue)
        self.progress = teach.load_progress(self.progress_path)
        self.session_points: list[tuple[float, float]] = []
        self.unsaved: list[teach.Attempt] = []  # attempts a failed write could not save

    def run(self, case_id: str | None = None, review: bool = False) -> int:
        out = self.console
        out.print(Text(DISCLAIMER, style="italic dim"))
        report_progress_problem(out, self.progress)
        if self.library.problems:
            out.print(Text(f"{len(self.library.problems)} case file(s) could not be used; "
                           f"first: {self.library.problems[0]}", style="yellow"))
        if not self.library.cases:
            out.print(Text(f"No teaching cases with expected answers in {self.library.folder}.",
                           style="bold red"))
            return EXIT_FAILED
        if case_id:
            queue = [self.library.by_id(case_id)]
        elif review:
            queue = teach.review_cases(self.library, self.progress)
            if not queue:
                out.print("Nothing to review: no case's last attempt was answered wrongly.")
                return EXIT_OK
            out.print(f"{len(queue)} case(s) to review: the ones whose last attempt was not "
                      "fully correct.")
        else:
            queue = []
        while True:
            study_case = queue.pop(0) if queue else self.choose_case()
            if study_case is None:
                break
            self.play_round(study_case)
            if queue:
                if not ask_confirm(f"Next case to review ({len(queue)} left)?"):
                    break
            elif not ask_confirm("Another case?", default=True):
                break
        self.goodbye()
        return EXIT_OK

    def goodbye(self) -> None:
        if self.session_points:
            got = sum(p for p, _ in self.session_points)
            best = sum(m for _, m in self.session_points)
            self.console.print(Text(f"This session: {len(self.session_points)} case(s), "
                                    f"{got:g} of {best:g} points. Progress: "
                                    f"{self.progress_path} (`leukodx study --stats`)."))
        if self.unsaved:
            self.console.print(Text(
                f"Not saved in {self.progress_path} ({len(self.unsaved)} attempt(s), lost "
                "when this session ends): " + "; ".join(
                    f"{a.case} {a.points:g}/{a.maximum:g} {a.verdict} on {a.date}"
                    for a in self.unsaved), style="bold red"))

    # -- choosing --------------------------------------------------------------------------

    def choose_case(self) -> teach.StudyCase | None:
        fresh = teach.cases_not_done(self.library, self.progress)
        review = teach.review_cases(self.library, self.progress)
        choices = [Choice(f"A random case you have not done ({len(fresh)} left)", "new")
                   if fresh else Choice("A random case (you have done them all)", "any"),
                   Choice("Choose by category", "category"),
                   Choice("Choose by difficulty", "difficulty")]
        if review:
            choices.append(Choice(f"Review cases answered wrongly ({len(review)})", "review"))
        choices += [Choice("Show my progress", "stats"), Choice("Quit", "quit")]
        while True:
            action = ask_select("Which case?", choices)
            if action == "quit":
                return None
            if action == "stats":
                render_stats(self.console, self.progress)
                continue
            if action == "new":
                return teach.random_new_case(self.library, self.progress, self.rng)
            if action == "any":
                return self.rng.choice(self.library.cases)
            if action == "review":
                return review[0]
            if action == "category":
                done = self.progress.cases_done()
                options = []
                for category in self.library.categories():
                    members = teach.cases_in_category(self.library, category)
                    finished = sum(c.id in done for c in members)
                    options.append(Choice(f"{teach.CATEGORY_NAMES.get(category, category)} "
                                          f"({len(members)} cases, {finished} done)", category))
                picked = ask_select("Category:", [*options, Choice("Back", BACK)])
                if picked != BACK:
                    return teach.pick(teach.cases_in_category(self.library, picked),
                                      self.progress, self.rng)
            if action == "difficulty":
                options = [Choice(f"{d} ({len(teach.cases_of_difficulty(self.library, d))} "
                                  "cases)", d) for d in self.library.difficulties()]
                picked = ask_select("Difficulty:", [*options, Choice("Back", BACK)])
                if picked != BACK:
                    return teach.pick(teach.cases_of_difficulty(self.library, picked),
                                      self.progress, self.rng)

    # -- one round -------------------------------------------------------------------------

    def play_round(self, study_case: teach.StudyCase) -> teach.TraineeScore:
        out, case = self.console, study_case.case
        assessor = self.assessor or _shared_assessor()
        self.assessor = assessor
        result = assessor.assess(case)
        tried = sum(a.case == study_case.id for a in self.progress.attempts)
        seen = f"tried {tried} time{'s' if tried != 1 else ''} before" if tried else "new to you"
        out.rule(Text(f"A case {seen} (difficulty: {study_case.difficulty})"))
        stages = ["history", "labs"] + (["film"] if case.smear is not None else [])
        step_by_step = ask_select("How would you like to see it?", [
            Choice("The whole case at once", False),
            Choice("Step by step (history, then labs, then film): answer when you are ready",
                   True)])
        revealed = stages[-1]
        for index, stage in enumerate(stages):
            render_stage(out, case, stage, self.catalogue)
            if step_by_step and index < len(stages) - 1:
                following = stages[index + 1]
                if not ask_select("Next:", [Choice(f"Show the {following}", True),
                                            Choice("I am ready to answer", False)]):
                    revealed = stage
                    break
        if not step_by_step:
            revealed = "all"
        elif revealed == stages[-1]:
            revealed = "all"

        out.print(Text("Your differential: up to three causes, most likely first. Type a few "
                       "letters of a name or synonym and pick from the list; type none if "
                       "there is no cause to find.", style="bold"))
        chosen: list[str] = []
        prompts = ("Most likely cause:", "Second cause (Enter to stop):",
                   "Third cause (Enter to stop):")
        for index, message in enumerate(prompts):
            cause = ask_cause(message, self.catalogue, chosen, required=index == 0)
            if cause is None:
                break
            out.print(Text(f"  {index + 1}. {self.catalogue.causes[cause].name}", style="dim"))
            chosen.append(cause)
        ticked = ask_pitfalls(teach.pitfall_options(study_case, self.catalogue), self.catalogue)

        expected = case.expected
        score = teach.score_answer(chosen, ticked, expected.causes, expected.pitfalls, result,
                                   self.catalogue)
        if revealed != "all":
            out.rule("The rest of the case")
            for stage in stages[stages.index(revealed) + 1:]:
                render_stage(out, case, stage, self.catalogue)
        render_feedback(out, study_case, result, score, self.catalogue)

        self.session_points.append((score.points, score.maximum))
        self.save_attempt(teach.make_attempt(study_case, score, revealed))
        self.what_if_loop(case, result)
        return score

    def save_attempt(self, attempt: teach.Attempt) -> None:
        """Record the attempt (with any an earlier failed write left unsaved); when the file
        cannot be written, say exactly what was not saved and keep it for this session."""
        out = self.console
        try:
            progress = teach.record_attempt(self.progress_path, attempt, self.unsaved)
        except teach.ProgressSaveError as error:
            self.unsaved.append(attempt)
            self.progress.attempts.append(attempt)
            out.print(Text(f"Progress not saved: {error}. It is kept for this session and "
                           "saved with the next case if the file can be written by then.",
                           style="bold red"))
            return
        self.unsaved.clear()
        self.progress = progress
        report_progress_problem(out, self.progress)
        out.print(Text(f"Progress saved to {self.progress_path}.", style="dim"))

    # -- what if? --------------------------------------------------------------------------

    def what_if_loop(self, case: Case, result: Result) -> None:
        out = self.console
        suggestions = teach.suggested_changes(case, result, self.catalogue)[:12]
        while True:
            # each on one line, cut in its question, never in the answer it tries
            columns = get_app_session().output.get_size().columns
            choices = [Choice(fit_on_a_line(f"What if: {c.describe(self.catalogue)}",
                                            columns - CHOICE_INDENT), c)
                       for c in suggestions]
            choices += [Choice("What if: another answer or patient detail were different...",
                               "answer"),
                        Choice("What if: a lab value were different...", "lab"),
                        Choice("What if: another medication were taken...", "drug"),
                        Choice("What if: the film showed...", "film"),
                        Choice("Done with this case", BACK)]
            picked = ask_select("What if? Change one finding and see what moves "
                                "(each change starts from the original case):", choices)
            if picked == BACK:
                return
            change = picked if isinstance(picked, teach.Change) else \
                self.build_change(picked, case)
            if change is None:
                continue
            try:
                diff = teach.what_if(self.assessor, case, change, result)
            except LeukodxError as error:
                out.print(Text(str(error), style="yellow"))
                continue
            render_what_if(out, diff, self.catalogue)

    def build_change(self, kind: str, case: Case) -> teach.Change | None:
        labs = self.catalogue.labs
        if kind == "lab":
            shown = [k for k in labs if k in case.labs] + \
                [k for k in labs if k not in case.labs]
            lab = ask_select("Which value?", [
                *[Choice(f"{labs[k].name} ({_lab_value(case, k, self.catalogue)})", k)
                  for k in shown], Choice("Back", BACK)])
            if lab == BACK:
                return None
            text = ask_text(f"New {labs[lab].name} in {labs[lab].unit}:", validate=_number)
            value = float(text.replace(",", ""))
            return teach.Change("set_lab", lab, int(value) if value.is_integer() else value)
        if kind == "answer":
            return self.build_answer_change(case)
        if kind == "drug":
            name = ask_text("Medication name (generic or brand):",
                            validate=lambda t: bool(t.strip()) or "Enter a name.")
            weeks = ask_text("Started how many weeks ago? (Enter if unknown)",
                             validate=lambda t: not t.strip() or _number(t))
            return teach.Change("add_medication", name.strip(),
                                float(weeks) if weeks.strip() else None)
        if kind == "film":
            present = set(case.smear or ())
            finding = ask_select("Film finding:", [
                *[Choice(name, key) for key, name in self.catalogue.smear.items()
                  if key not in present and key != "normal"], Choice("Back", BACK)])
            return teach.Change("add_smear", finding) if finding != BACK else None
        return None


    def build_answer_change(self, case: Case) -> teach.Change | None:
        questions = [q for q in self.catalogue.questions.values()
                     if q.section in ("patient", "findings")
                     and q.kind in ("yesno", "number", "choice")]
        current = {**case.patient, **case.findings}
        # the case's own answers first, then the rest in catalogue order
        questions.sort(key=lambda q: q.id not in current)
        picked = ask_select("Which answer?", [
            *[Choice(f"{q.text} ({_answer_text(current.get(q.id))})", q.id) for q in questions],
            Choice("Back", BACK)])
        if picked == BACK:
            return None
        question = self.catalogue.questions[picked]
        if question.kind == "yesno":
            value = ask_select(question.text, ["yes", "no", "unknown"])
        elif question.kind == "choice":
            value = ask_select(question.text, list(question.choices))
        else:
            unit = f" ({question.unit})" if question.unit else ""
            text = ask_text(f"{question.text}{unit}", validate=_number)
            number = float(text.replace(",", ""))
            value = int(number) if number.is_integer() else number
        kind = "set_patient" if question.section == "patient" else "set_finding"
        return teach.Change(kind, picked, value)


def _answer_text(value) -> str:
    if value is None:
        return "not given"
    return f"{value:g}" if isinstance(value, (int, float)) else in_words(value)


_assessor: Assessor | None = None


def _shared_assessor() -> Assessor:
    global _assessor
    if _assessor is None:
        _assessor = Assessor()
    return _assessor


# ---- rendering -----------------------------------------------------------------------------

def report_progress_problem(console: Console, progress: teach.Progress) -> None:
    if progress.problem:
        kept = (f"It has been kept aside as {progress.kept_aside}; starting a fresh one."
                if progress.kept_aside else
                "It could not be moved aside, so it is left as it is and not written over.")
        console.print(Text(f"The progress file could not be read ({progress.problem}). {kept}",
                           style="bold yellow"))
        progress.problem = None


def _lab_value(case: Case, key: str, catalogue: Catalogue) -> str:
    value = case.labs.get(key)
    if value is None:
        return "not reported"
    unit = catalogue.labs[key].unit
    if isinstance(value, str):  # a word (low) or a bound (<500), shown as written
        return value if value in ("low", "normal", "high") else f"{value} {unit}"
    number = f"{value:,.0f}" if catalogue.labs[key].kind == "count" else f"{value:g}"
    return f"{number} {unit}" if unit != "%" else f"{number}%"


def render_stage(console: Console, case: Case, stage: str, catalogue: Catalogue) -> None:
    """One part of the case as the trainee sees it: history, labs or film."""
    if stage == "history":
        vignette = case.teaching.vignette if case.teaching and case.teaching.vignette \
            else "(This case has no vignette: the findings below are all there is.)"
        console.print(Panel(Text(vignette), title="History", title_align="left"))
        patient = case.patient
        bits = []
        if "age_years" in patient:
            age = patient["age_years"]
            bits.append(f"{age:g} years" if age >= 2 else f"{age * 12:.0f} months")
        bits += [in_words(patient[k]) for k in ("sex", "ancestry") if k in patient]
        if bits:
            console.print(Text("Patient: ", style="bold") + Text(", ".join(bits)))
        if case.medications is not None:
            if case.medications:
                meds = []
                for med in case.medications:
                    timing = []
                    if med.started_weeks_ago is not None:
                        timing.append(f"started {weeks_in_words(med.started_weeks_ago)} ago")
                    if med.stopped_weeks_ago is not None:
                        timing.append(f"stopped {weeks_in_words(med.stopped_weeks_ago)} ago")
                    meds.append(med.shown + (f" ({', '.join(timing)})" if timing else ""))
                console.print(Text("Medications: ", style="bold") + Text("; ".join(meds)))
            else:
                console.print(Text("Medications: ", style="bold") + Text("none"))
        if case.findings:
            table = Table(show_header=False, box=None, pad_edge=False)
            table.add_column("Question", style="dim")
            table.add_column("Answer")
            for key, value in case.findings.items():
                question = catalogue.questions.get(key)
                shown = weeks_in_words(value) if question is not None and \
                    question.unit == "weeks" and isinstance(value, (int, float)) and value \
                    else in_words(value)
                add_plain_row(table, question.text if question else key, shown)
            console.print(table)
    elif stage == "labs":
        table = Table(title="Labs", title_justify="left", show_header=False)
        table.add_column("Test")
        table.add_column("Value", justify="right")
        for key in catalogue.labs:
            if key in case.labs:
                add_plain_row(table, catalogue.labs[key].name, _lab_value(case, key, catalogue))
        console.print(table if case.labs else Text("Labs: none reported"))
    elif stage == "film":
        findings = [catalogue.smear.get(f, f) for f in case.smear or ()] or ["not described"]
        console.print(Text("Blood film: ", style="bold") + Text("; ".join(findings)))


def render_feedback(console: Console, study_case: teach.StudyCase, result: Result,
                    score: teach.TraineeScore, catalogue: Catalogue) -> None:
    """The mark sheet and the reasoning behind the expected answer."""
    case = study_case.case
    causes = catalogue.causes
    console.rule("Feedback")
    heading = Text(f"Case {case.id}", style="bold")
    if case.title:
        heading.append(f" — {case.title}")
    heading.append(f"  ({study_case.category_name}, {study_case.difficulty})", style="dim")
    console.print(heading)
    label, style = VERDICT_TEXT[score.verdict]
    console.print(Text(f"{label}: {score.points:g} of {score.maximum:g} points", style=style))

    table = Table(show_header=True, header_style="bold", caption_justify="left",
                  caption="✓ an expected cause   ~ right category, not the cause   "
                          "✗ not expected here")
    table.add_column("#", justify="right")
    table.add_column("Your differential")
    table.add_column("Expected")
    table.add_column("The system's ranking")
    rows = max(len(score.answer), len(score.expected), min(3, len(result.ranking)), 1)
    for index in range(rows):
        mine = Text()
        if index == 0 and not score.answer:
            mine.append(("✓ " if score.no_cause_to_find else "✗ ") + "none",
                        style="green" if score.no_cause_to_find else "red")
        if index < len(score.answer):
            cause = score.answer[index]
            mark = "✓ " if cause in score.expected else \
                "~ " if cause in score.same_category else "✗ "
            mine.append(mark + causes[cause].name,
                        style="green" if mark == "✓ " else "yellow" if mark == "~ " else "red")
            rank = score.system_ranks[index]
            if rank and index < len(score.system_shared_ranks):
                shared = score.system_shared_ranks[index]
                rank = f"={shared}" if score.system_tied[index] else f"#{shared}"
            elif rank:
                rank = f"#{rank}"
            mine.append(f" (system {rank})" if rank else " (not ranked by the system)",
                        style="dim")
        expected = causes[score.expected[index]].name if index < len(score.expected) else \
            "none: no cause to find" if index == 0 and score.no_cause_to_find else ""
        system = ""
        if index < len(result.ranking):
            ranked = result.ranking[index]
            system = f"{ranked.name} ({ranked.score:+d}, {ranked.band})"
            if ranked.tied_with:  # its place is shared: say so, the order is alphabetical
                system = f"{place(ranked)} {system}"
        add_plain_row(table, str(index + 1), mine, expected, system)
    console.print(table)
    more = more_at_the_same_score(result.ranking, min(rows, len(result.ranking)))
    if more:
        console.print(Text(f"The system's list goes on {more}; '=' marks places shared by "
                           "equal scores (equally likely, listed alphabetically).",
                           style="yellow"))
    if score.unrecognised:
        console.print(Text("Not recognised as causes (no points): " +
                           ", ".join(score.unrecognised), style="yellow"))
    line = reading_line(result, console.width - len("The counts: "))
    if line:  # a second part of the reading under the first, when they do not fit one line
        line = Text("\n" + " " * len("The counts: ")).join(line.split("\n"))
        console.print(Text("The counts: ", style="bold") + line)
    if score.answer and result.ranking:
        first = [c for c in result.ranking if c.score == result.ranking[0].score]
        if score.agrees_with_system:
            words = "Your first choice matches the system's first." if len(first) == 1 else \
                (f"Your first choice is one of the {len(first)} causes the system ranks equal "
                 f"first ({first[0].score:+d}).")
        elif len(first) == 1:
            words = f"The system's first choice was {first[0].name}."
        else:
            names = ", ".join(c.name for c in first[:6]) + \
                (f" and {len(first) - 6} others" if len(first) > 6 else "")
            words = (f"The system ranks {len(first)} causes equal first ({first[0].score:+d}): "
                     f"{names}.")
        console.print(Text(words, style="dim"))

    render_wrong_causes(console, teach.why_wrong_causes(score, result, case, catalogue),
                        result, tuple(score.same_category))

    points = Table(title="Points", title_justify="left", show_header=True, header_style="bold")
    points.add_column("What")
    points.add_column("Points", justify="right")
    points.add_column("Rule", style="dim")
    for item in score.lines:
        add_plain_row(points, item.label, f"{item.points:g} / {item.maximum:g}", item.rule)
    console.print(points)

    _render_pitfall_marks(console, score, result, catalogue)

    for support in teach.support_for_expected(result, score.expected, catalogue):
        if support.rank is None:
            console.print(Text(f"{support.name}: the rules found nothing for it in this case, "
                               "so the system did not rank it.", style="yellow"))
            continue
        at = f"={support.shared_rank} (tied with {support.tied_with} more)" \
            if support.tied_with else f"#{support.shared_rank or support.rank}"
        title = Text(f"Why the system holds {support.name}: {at}, "
                     f"score {support.score:+d}")
        evidence = Table(title=title, title_justify="left", show_header=True,
                         header_style="bold", expand=True)
        evidence.add_column("Weight", justify="right")
        evidence.add_column("Finding and reasoning (the rule, its source)", ratio=1)
        cause = causes[support.cause]
        tier = cause.tier.replace("_", " ")
        article = "an" if tier[0] in "aeiou" else "a"
        add_plain_row(evidence, f"{cause.prior:+d}", f"Starting point (prior): {article} {tier} cause")
        for item in support.evidence:
            if is_adjustment(item):
                add_plain_row(evidence, Text(f"{item.weight:+d}", style="dim"),
                              Text(adjustment_words(item), style="dim"))
                continue
            source = catalogue.sources.get(item.source)
            reasoning = Text(item.rationale)
            reasoning.append(f"\nrule {item.rule} · {source.label if source else item.source}",
                             style="dim")
            add_plain_row(evidence, f"{item.weight:+d}", reasoning)
        console.print(evidence)

    advised = [c for c in result.ranking if c.cause in score.expected] or result.ranking[:1]
    if any(c.next_steps for c in advised):
        console.print(Text("Next steps", style="bold underline"))
        console.print(next_steps_text(advised))
    if case.teaching and case.teaching.points:
        console.print(Text("Teaching points", style="bold underline"))
        for point in case.teaching.points:
            console.print(Text(f"• {point}"))
    for appraisal in teach.appraisal_notes(score.expected, catalogue):
        console.print(Panel(Text(f"Claimed in {', '.join(appraisal.sources)}: ", style="bold") +
                            Text(f"{' '.join(appraisal.claim.split())}\n", style="italic") +
                            Text("Established: ", style="bold") +
                            Text(" ".join(appraisal.assessment.split())),
                            title=Text(f"Where the sources disagree: {appraisal.topic}"),
                            title_align="left", border_style="magenta"))
    missed = teach.must_not_miss_left_out(score, result, catalogue)
    for danger in missed:
        if danger.level != "considered":
            console.print(Text(f"You left out {danger.name}, which must not be missed "
                               f"({danger.why}).", style="bold red"))
    considered = [d for d in missed if d.level == "considered"]
    if considered:
        console.print(Text("Less likely here, but must not be missed and still on the "
                           "system's list: " + ", ".join(
                               f"{d.name} ({'=' if d.tied else '#'}{d.rank})"
                               for d in considered) + ".",
                           style="yellow"))


def render_wrong_causes(console: Console, wrong: list[teach.WrongCause], result: Result,
                        same_category: tuple[str, ...] = ()) -> None:
    """For each cause named that the case does not expect: why it does not fit, from the
    engine's findings on this case (against it, what little is for it), or what the rules
    would need to see for it."""
    if not wrong:
        return
    console.print(Text("Why your other choices do not fit", style="bold underline"))
    leader = result.ranking[0] if result.ranking else None
    for cause in wrong:
        # "~" as in the table above: a cause of the right category, not the expected one
        mark = "~" if cause.cause in same_category else "✗"
        head = Text(f"{mark} {cause.name}", style="bold")
        if cause.rank is not None:
            at = f"={cause.shared_rank}" if cause.tied_with else \
                f"#{cause.shared_rank or cause.rank}"
            head.append(f": ranked {at} by the system ({cause.score:+d})")
            if leader is not None and leader.cause != cause.cause:
                head.append(f", tied with {leader.name}" if leader.score == cause.score else
                            f", below {leader.name} ({leader.score:+d})")
        else:
            head.append(": not ranked by the system")
        console.print(head)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        if cause.missing_drug_class:
            grid.add_row("", "", Text("None of its drugs is in the medication list.",
                                      style="yellow"))
        elif cause.nothing_for_it:
            grid.add_row("", "", Text("Nothing in this case speaks for it.", style="yellow"))
        for item in cause.against:
            if is_adjustment(item):
                continue  # not a reason it does not fit: shown below as the adjustment it is
            grid.add_row("", Text(f"{item.weight:+d}", style="red"),
                         Text(item.rationale) + Text(f" [{item.rule}]", style="dim"))
        if cause.support:
            grid.add_row("", "", Text("For it in this case:", style="dim"))
            for item in cause.support:
                grid.add_row("", Text(f"{item.weight:+d}", style="green"),
                             Text(item.rationale) + Text(f" [{item.rule}]", style="dim"))
        for item in cause.against:
            if is_adjustment(item):
                grid.add_row("", Text(f"{item.weight:+d}", style="dim"),
                             Text(adjustment_words(item), style="dim"))
        if cause.would_point_to_it:
            grid.add_row("", "", Text("What would point to it:", style="dim"))
            for rationale in cause.would_point_to_it:
                grid.add_row("", "•", Text(rationale_in_words(rationale, emphasis="")))
        console.print(grid)


def _render_pitfall_marks(console: Console, score: teach.TraineeScore, result: Result,
                          catalogue: Catalogue) -> None:
    shown = list(dict.fromkeys([*score.pitfalls_found, *score.pitfalls_missed,
                                *score.pitfalls_wrongly_claimed]))
    if not shown:
        console.print(Text("Pitfalls: none apply and you ticked none. ✓", style="green"))
        return
    table = Table(title="Pitfalls", title_justify="left", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("Pitfall")
    table.add_column("")
    flagged = {p.id: p for p in result.pitfalls}
    for pitfall_id in shown:
        entry = catalogue.pitfalls[pitfall_id]
        if pitfall_id in score.pitfalls_found:
            mark = Text("✓ found", style="green")
        elif pitfall_id in score.pitfalls_missed:
            mark = Text("✗ missed", style="red")
        else:
            mark = Text("! does not apply", style="yellow")
        label = Text(INDICATOR_LABEL[entry.indicator], style=INDICATOR_STYLE[entry.indicator])
        summary = Text(entry.summary)
        if pitfall_id in flagged and pitfall_id not in score.pitfalls_wrongly_claimed:
            summary.append(f"\n{flagged[pitfall_id].detail}", style="dim")
        add_plain_row(table, mark, summary, label)
    console.print(table)


def render_what_if(console: Console, diff: teach.WhatIf, catalogue: Catalogue,
                   top: int = 5) -> None:
    console.rule(Text(f"What if: {diff.description}"))
    if not diff.changed_anything:
        console.print("Nothing moves: no rule uses this change for this case.")
        return
    # every score change, and rank-only shifts near the top; the rest in one line
    shown = [m for m in diff.moves if m.delta != 0
             or min(m.old_rank or 10**6, m.new_rank or 10**6) <= top]
    if shown:
        table = Table(show_header=True, header_style="bold")
        table.add_column("Cause")
        table.add_column("Before", justify="right")
        table.add_column("After", justify="right")
        table.add_column("Score", justify="right")
        for move in shown:
            before = f"#{move.old_rank} ({move.old_score:+d})" if move.old_rank else "not ranked"
            after = f"#{move.new_rank} ({move.new_score:+d})" if move.new_rank else "not ranked"
            delta = move.delta
            if delta is None:
                change = Text("new", style="green") if move.new_rank else \
                    Text("dropped", style="red")
            elif delta == 0:
                change = Text("same", style="dim")
            else:
                change = Text(f"{delta:+d}", style="green" if delta > 0 else "red")
            add_plain_row(table, move.name, before, after, change)
        console.print(table)
        hidden = len(diff.moves) - len(shown)
        if hidden:
            console.print(Text(f"{hidden} lower-ranked cause(s) shifted in rank only.",
                               style="dim"))
    else:
        console.print("The ranking does not change.")
    for pitfall_id in diff.pitfalls_gained:
        console.print(Text(f"+ pitfall now raised: {catalogue.pitfalls[pitfall_id].summary}",
                           style="yellow"))
    for pitfall_id in diff.pitfalls_lost:
        console.print(Text(f"- pitfall no longer raised: {catalogue.pitfalls[pitfall_id].summary}",
                           style="cyan"))
    concluding = [r for r in diff.rules if r.effects]
    if concluding:
        console.print(Text("Rules that changed:", style="bold"))
        for rule in concluding:
            console.print(Text(f"  {rule.rule} ", style="bold") + Text(rule.status, style="dim"))
            for effect in rule.effects:
                console.print(Text(f"      {effect}"))
    asked = [q for r in diff.rules if r.status == "now fires" for q in r.asks]
    unasked = [q for r in diff.rules if r.status == "no longer fires" for q in r.asks]
    for label, questions in (("The rules now also ask", asked),
                             ("The rules no longer ask", unasked)):
        if questions:
            console.print(Text(f"{label}: " + "; ".join(dict.fromkeys(questions)),
                               style="dim"))


def render_stats(console: Console, progress: teach.Progress) -> None:
    """Progress so far: per category a table with a bar, and the latest attempts."""
    if not progress.attempts:
        console.print(Text(f"No attempts yet in {progress.path}. Start with `leukodx study`."))
        return
    attempts = progress.attempts
    total = sum(a.points for a in attempts)
    best = sum(a.maximum for a in attempts)
    console.print(Text(f"{len(attempts)} attempts on {len(progress.cases_done())} cases, "
                       f"{total:g} of {best:g} points ({total / best:.0%}). "
                       f"Progress file: {progress.path}", style="bold"))
    table = Table(title="By category (weakest first)", title_justify="left",
                  header_style="bold", box=box.SIMPLE_HEAD)
    table.add_column("Category", no_wrap=True)
    table.add_column("Tries", justify="right")
    table.add_column("Cases", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("Mean", justify="right")
    table.add_column("", no_wrap=True, min_width=BAR_WIDTH)
    for stats in progress.by_category():
        filled = round(stats.mean * BAR_WIDTH)
        bar = Text("█" * filled, style="green" if stats.mean >= 0.7 else "yellow"
                   if stats.mean >= 0.4 else "red")
        bar.append("░" * (BAR_WIDTH - filled), style="dim")
        add_plain_row(table, stats.name, str(stats.attempts), str(stats.cases), str(stats.correct),
                      f"{stats.mean:.0%}", bar)
    console.print(table)
    weakest = progress.weakest_categories()
    if weakest:
        console.print(Text("Weakest: " + ", ".join(s.name for s in weakest)))
    recent = Table(title="Latest attempts", title_justify="left", header_style="bold")
    recent.add_column("Date (UTC)")
    recent.add_column("Case")
    recent.add_column("Points", justify="right")
    recent.add_column("Verdict")
    for attempt in attempts[-10:]:
        add_plain_row(recent, attempt.date.replace("T", " ")[:16], attempt.case,
                       f"{attempt.points:g} / {attempt.maximum:g}", attempt.verdict)
    console.print(recent)
    wrong = progress.answered_wrongly()
    if wrong:
        console.print(f"To review ({len(wrong)}): `leukodx study --review`")
