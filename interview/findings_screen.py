"""A screen of several questions, each on its own line with its own answer: yes/no findings,
tests positive or negative, choices of several (the history, examination and results of a
clinical area), and values typed on their line (second-line labs, the patient's age, the
sepsis signs). Nothing is assumed: a line left at ? is recorded as not known, never as no;
every answer is a key pressed or a value typed on purpose.

Keys on a marked line: y = yes, n = no, + (or p) and - for a result positive or negative (n
too where the screen has no yes/no line, so that no key means two things on one screen), 1-9 =
a choice of several,
u = not known (each moves to the next line), space cycles. On a typed line: the value, as it
would be typed on its own (checked the same way, when Enter leaves the line), or u while the
line is empty = not known (on to the next line, as on a marked line); Backspace, Ctrl-U
clears. Everywhere: the arrows and Tab move, ? = why this line is asked, b = back (on
a typed line, while it is empty), Enter = done (on a typed line: the next line, and done on
the last). Built on prompt_toolkit (the library under questionary) so that it reads from the
same input as every other prompt.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import HSplit, Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.styles import Style

from rules.words import in_words

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO = (YES, NO)
RESULT = ("positive", "negative")
# how each answer is drawn on its line, three characters wide ("=" : the value follows the
# line's text: a choice of several, or a value typed)
MARK = {UNKNOWN: " ? ", YES: "yes", NO: "no ", "positive": "pos", "negative": "neg"}
GIVEN = " = "
TYPED_AS_UNKNOWN = ("", "u", "unknown")
STYLE = Style.from_dict({
    "number": "fg:#5f87af bold", "title": "bold", "hint": "fg:#808080 italic",
    "pointer": "fg:#5f87af bold", "current": "bold", "mark.first": "fg:#87af5f bold",
    "mark.second": "fg:#d75f5f bold", "mark.unknown": "fg:#808080",
    "mark.given": "fg:#87af5f bold", "value": "fg:#87af5f bold", "heading": "underline",
    "choice": "fg:#808080", "choice.picked": "fg:#87af5f bold", "warning": "fg:#d7af00 bold",
    "error": "fg:#d75f5f bold",
})


@dataclass(frozen=True)
class Line:
    """One line of a screen: ``answers`` are what a marked line cycles through (yes and no,
    positive and negative, or the choices of a question); ``typed`` lines take a value
    typed on them instead. ``heading``: a clinical area's name, drawn above the line."""

    id: str
    text: str
    answers: tuple[str, ...] = YES_NO
    typed: bool = False
    heading: str = ""
    unit: str = ""  # for a typed line, shown as a hint while it is empty

    @property
    def choice(self) -> bool:
        return not self.typed and self.answers not in (YES_NO, RESULT)


@dataclass
class FindingsReply:
    """What the person did on the screen: ``done`` (``states`` holds each line's answer, a
    typed line's text as typed), ``why`` (about line ``index``) or ``back``; ``states`` is
    kept for a screen drawn again."""

    action: str
    states: dict[str, str] = field(default_factory=dict)
    index: int = 0
    touched: bool = False  # whether any line was marked or typed on purpose
    warning: str = ""  # the warning on the screen as it was left (a key it does not take)


def ask_findings(number: int, title: str, lines: list[tuple[str, str]] | list[Line],
                 states: dict[str, str] | None = None, cursor: int = 0,
                 can_undo: bool = True, plain: bool = False,
                 touched: bool = False,
                 answers: tuple[str, str] = YES_NO,
                 check: Callable[[str, str], str] | None = None) -> FindingsReply:
    """Show the ``lines`` (``Line``s, or (id, text) pairs that each take ``answers``) and
    return what was done. ``states`` are the answers already on the lines (a screen redrawn
    after "why", or taken back); ``touched``: some were given on purpose, so Enter records
    them at once. ``check(line id, text)``: the problem with a value typed on a line (""
    when it is valid), as the question asked on its own would say it."""
    rows = [line if isinstance(line, Line) else Line(line[0], line[1], tuple(answers))
            for line in lines]
    state = {row.id: (states or {}).get(row.id, "" if row.typed else UNKNOWN) for row in rows}
    errors: dict[str, str] = {}
    where = {"line": max(0, min(cursor, len(rows) - 1)), "touched": touched, "warning": ""}
    # with yes/no lines on the screen, n is "no" only: a result is + or -
    yes_no_lines = any(row.answers == YES_NO and not row.typed for row in rows)

    def current() -> Line:
        return rows[where["line"]]

    def text() -> StyleAndTextTuples:
        return screen_fragments(number, title, rows, state, errors, where, plain, can_undo,
                                get_app().output.get_size().columns)

    keys = KeyBindings()

    def move(step: int) -> None:
        where["line"] = max(0, min(len(rows) - 1, where["line"] + step))
        where["warning"] = ""

    def set_mark(value: str) -> None:
        row = current()
        state[row.id] = "" if row.typed else value
        errors.pop(row.id, None)
        where["touched"] = True
        move(1)

    def problem(row: Line) -> str:
        value = state[row.id].strip()
        if not row.typed or value.lower() in TYPED_AS_UNKNOWN or check is None:
            return ""
        return check(row.id, value)

    def finish(event) -> None:
        if not where["touched"]:  # an Enter carried over from the last screen answers nothing
            where["touched"] = True
            where["warning"] = (f"Nothing is marked: Enter again records all {len(rows)} "
                                "as not known.")
            return
        for index, row in enumerate(rows):
            found = problem(row)
            if found:
                errors[row.id] = found
                where["line"] = index
                where["warning"] = "A value is not valid: correct it, or clear it (Ctrl-U)."
                return
        event.app.exit(result=FindingsReply("done", dict(state), where["line"], True))

    @keys.add(Keys.Any, eager=True)
    def _key(event) -> None:
        row, typed_key = current(), event.data
        if row.typed:
            if typed_key in ("u", "U") and not state[row.id]:
                set_mark(UNKNOWN)  # not known, as on every other line: on to the next line
            elif typed_key == "?":
                event.app.exit(result=FindingsReply("why", dict(state), where["line"],
                                                    where["touched"]))
            elif typed_key in ("b", "B") and not state[row.id] and can_undo:
                event.app.exit(result=FindingsReply("back", dict(state), where["line"],
                                                    where["touched"]))
            elif typed_key.isprintable():
                state[row.id] += typed_key
                errors.pop(row.id, None)
                where["touched"], where["warning"] = True, ""
            return
        lowered = typed_key.lower()
        if typed_key in ("?", "w", "W"):
            event.app.exit(result=FindingsReply("why", dict(state), where["line"],
                                                where["touched"], where["warning"]))
        elif lowered == "b" and can_undo:
            event.app.exit(result=FindingsReply("back", dict(state), where["line"],
                                                where["touched"]))
        elif lowered == "u":
            set_mark(UNKNOWN)
        elif row.choice:
            if typed_key.isdigit() and 1 <= int(typed_key) <= len(row.answers):
                set_mark(row.answers[int(typed_key) - 1])
            elif typed_key.isprintable():
                where["warning"] = accepted_keys(row, yes_no_lines, typed_key)
        elif row.answers == YES_NO:
            if lowered in ("y", "n"):
                set_mark(YES if lowered == "y" else NO)
            elif typed_key.isprintable():
                where["warning"] = accepted_keys(row, yes_no_lines, typed_key)
        elif lowered in ("p", "+") or lowered == "y" and not yes_no_lines:
            set_mark(row.answers[0])
        elif lowered == "-" or lowered == "n" and not yes_no_lines:
            set_mark(row.answers[1])
        elif typed_key.isprintable():  # y and n are yes and no on this screen, not a result
            where["warning"] = accepted_keys(row, yes_no_lines, typed_key)

    @keys.add(Keys.BracketedPaste, eager=True)
    def _paste(event) -> None:
        row = current()
        if row.typed:
            state[row.id] += event.data.replace("\r", " ").replace("\n", " ")
            errors.pop(row.id, None)
            where["touched"] = True

    @keys.add(" ", eager=True)
    def _space(event) -> None:
        row = current()
        if row.typed:
            state[row.id] += " "
            where["touched"] = True
            return
        cycle = (UNKNOWN, *row.answers)
        state[row.id] = cycle[(cycle.index(state[row.id]) + 1) % len(cycle)]
        where["touched"] = True

    @keys.add("backspace", eager=True)
    def _backspace(event) -> None:
        row = current()
        if row.typed and state[row.id]:
            state[row.id] = state[row.id][:-1]
            errors.pop(row.id, None)

    @keys.add("c-u", eager=True)
    def _clear(event) -> None:
        row = current()
        if row.typed:
            state[row.id] = ""
            errors.pop(row.id, None)

    for key, step in (("up", -1), ("s-tab", -1), ("down", 1), ("tab", 1)):
        keys.add(key, eager=True)(lambda event, step=step: move(step))

    @keys.add("enter", eager=True)
    def _enter(event) -> None:
        row = current()
        if row.typed and where["line"] < len(rows) - 1:
            found = problem(row)  # checked as it would be on its own, as the line is left
            if found:
                errors[row.id] = found
                return
            move(1)
            return
        finish(event)

    @keys.add("c-c", eager=True)
    def _interrupt(event) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    application: Application[FindingsReply] = Application(
        layout=Layout(HSplit([Window(FormattedTextControl(text, focusable=True,
                                                          show_cursor=False),
                                     dont_extend_height=True, wrap_lines=True)])),
        key_bindings=keys, style=STYLE, full_screen=False, erase_when_done=True)
    return application.run()


def accepted_keys(row: Line, yes_no_lines: bool, typed_key: str) -> str:
    """What a key pressed on a marked line that takes no such key should have been: the
    keys this line accepts, named for the line (a choice, yes/no, a test result)."""
    shown = "Space" if typed_key == " " else f'"{typed_key}"'
    if row.choice:
        count = len(row.answers)
        wanted = f"1-{count} to choose" if count > 1 else "1 to choose"
        what = "a choice of several"
    elif row.answers == YES_NO:
        wanted, what = "y yes, n no", "a yes/no question"
    else:
        wanted = "+ positive, - negative" if yes_no_lines else "p or + positive, n or - negative"
        what = "a test result"
    return (f"{shown} does nothing here: this line is {what} ({wanted}, u not known, "
            "space cycles, ? why).")


def screen_fragments(number: int, title: str, rows: list[Line], state: dict[str, str],
                     errors: dict[str, str], where: dict, plain: bool, can_undo: bool,
                     columns: int) -> StyleAndTextTuples:
    """What the screen shows at ``columns`` wide: the title, each line with its answer (the
    current one with its pointer, its choices and its error), the keys and any warning."""
    pointer = ">" if plain else "›"
    arrows = "up/down" if plain else "↑↓"
    typing = any(row.typed for row in rows)
    yes_no_lines = any(row.answers == YES_NO and not row.typed for row in rows)
    width = max(40, columns - 1)
    title_lines = textwrap.wrap(title, width - 4) or [""]
    out: StyleAndTextTuples = [("class:number", f"{number:>2}. "),
                               ("class:title", f"\n{'':4}".join(title_lines)), ("", "\n")]
    hint = "Mark what you know" + (" (type a value on its line)" if typing else "") + \
        "; a line left at ? is recorded as not known."
    out.append(("class:hint", "".join(f"    {part}\n" for part in textwrap.wrap(hint,
                                                                             width - 4))))
    for index, row in enumerate(rows):
        here = index == where["line"]
        value = state[row.id]
        if row.heading:
            out.append(("class:heading", f"    {row.heading}\n"))
        if row.typed or row.choice:
            given = value not in ("", UNKNOWN)
            mark, kind = (GIVEN, "given") if given else (MARK[UNKNOWN], "unknown")
        else:
            mark = MARK.get(value, value[:3])
            kind = {row.answers[0]: "first", row.answers[1]: "second"}.get(value,
                                                                           "unknown")
        wrapped = textwrap.wrap(row.text, width - 12) or [""]
        out.append(("class:pointer", f"  {pointer} " if here else "    "))
        out.append((f"class:mark.{kind}", f"[{mark}]"))
        style = "class:current" if here else ""
        out.append((style, f" {wrapped[0]}"))
        for more in wrapped[1:]:
            out.append((style, f"\n{'':10}{more}"))
        if row.typed:
            after = len(value) + (1 if here else 0) + \
                (len(row.unit) + 4 if here and not value and row.unit else 0)
            if 10 + len(wrapped[-1]) + 2 + after > width:  # on a line of its own, not cut
                out.append(("", f"\n{'':8}"))
            out.append(("class:value", f"  {value}"))
            if here:
                out.append(("class:pointer", "_"))
                if not value and row.unit:
                    out.append(("class:hint", f"  ({row.unit})"))
        elif row.choice and value != UNKNOWN:
            out.append(("class:value", f"  {in_words(value)}"))
        out.append(("", "\n"))
        if here and row.choice:
            options = [(f"{position} {in_words(option)}", option == value)
                       for position, option in enumerate(row.answers, start=1)]
            used = width  # a new row of choices before the first
            for option, picked in options:  # wrapped between choices, never inside one
                if used + 2 + len(option) > width:
                    out.append(("", "\n" if used < width else ""))
                    out.append(("", f"{'':10}"))
                    used = 10
                elif used > 10:
                    out.append(("", "  "))
                    used += 2
                out.append(("class:choice.picked" if picked else "class:choice", option))
                used += len(option)
            out.append(("", "\n"))
        if errors.get(row.id):
            out.append(("class:error", "".join(
                f"{'':10}{part}\n" for part in textwrap.wrap(errors[row.id], width - 10))))
    named = []
    if yes_no_lines:
        named.append("y yes  n no")
    if any(row.answers == RESULT and not row.typed for row in rows):
        named.append("+ pos  - neg" if yes_no_lines else "p/+ pos  n/- neg")
    if any(row.choice for row in rows):
        named.append("1-9 choose")
    named.append("u not known")
    if not typing or any(not row.typed for row in rows):
        named.append("space cycles")
    named += [f"{arrows} move", "? why"]
    if can_undo:
        named.append("b back")
    # what Enter does on this line, not on some other: a typed value's line moves on (the
    # last line finishes), a marked line finishes the screen, the lines left at ? not known
    current = rows[where["line"]]
    moves_on = current.typed and where["line"] < len(rows) - 1
    named.append("Enter next line" if moves_on else "Enter done")
    keys = [""]
    for key in named:  # wrapped between keys, never inside one
        if keys[-1] and 4 + len(keys[-1]) + 2 + len(key) > width:
            keys.append("")
        keys[-1] += ("  " if keys[-1] else "") + key
    out.append(("class:hint", "".join(f"    {line}\n" for line in keys)))
    if where["warning"]:
        out.append(("class:warning", "".join(
            f"    {part}\n" for part in textwrap.wrap(where["warning"], width - 4))))
    return out
