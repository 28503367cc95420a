"""A findings screen: several yes/no findings (or positive/negative test results) of one
clinical area on one screen, each line with its own answer, ? (not known), yes or no (pos or
neg). Nothing is assumed: a line left at ? is recorded as not known, never as no; yes and no
are each a key pressed on purpose.

Keys: y = yes, n = no (p and n for a result), u = not known (each moves to the next line),
space cycles, the arrows
move, ? or w = why this line is asked, b = back, Enter = done. Built on prompt_toolkit (the
library under questionary) so that it reads from the same input as every other prompt.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import HSplit, Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.styles import Style

YES, NO, UNKNOWN = "yes", "no", "unknown"
YES_NO = (YES, NO)
# how each answer is drawn on its line, three characters wide
MARK = {UNKNOWN: " ? ", YES: "yes", NO: "no ", "positive": "pos", "negative": "neg"}
STYLE = Style.from_dict({
    "number": "fg:#5f87af bold", "title": "bold", "hint": "fg:#808080 italic",
    "pointer": "fg:#5f87af bold", "current": "bold", "mark.first": "fg:#87af5f bold",
    "mark.second": "fg:#d75f5f bold", "mark.unknown": "fg:#808080",
    "warning": "fg:#d7af00 bold",
})


@dataclass
class FindingsReply:
    """What the person did on the screen: ``done`` (``states`` holds each line's answer),
    ``why`` (about line ``index``) or ``back``; ``states`` is kept for a screen drawn again."""

    action: str
    states: dict[str, str] = field(default_factory=dict)
    index: int = 0
    touched: bool = False  # whether any line was marked on purpose


def ask_findings(number: int, title: str, lines: list[tuple[str, str]],
                 states: dict[str, str] | None = None, cursor: int = 0,
                 can_undo: bool = True, plain: bool = False,
                 touched: bool = False,
                 answers: tuple[str, str] = YES_NO) -> FindingsReply:
    """Show the findings ``lines`` ((id, text) pairs) and return what was done. ``states``
    are the answers already on the lines (a screen redrawn after "why", or taken back);
    ``touched``: some were marked on purpose, so Enter records them at once. ``answers``:
    the two answers each line takes (yes and no, or positive and negative)."""
    first, second = answers
    cycle = (UNKNOWN, first, second)
    kind = {first: "first", second: "second", UNKNOWN: "unknown"}
    ids = [line_id for line_id, _ in lines]
    state = {line_id: (states or {}).get(line_id, UNKNOWN) for line_id in ids}
    where = {"line": max(0, min(cursor, len(lines) - 1)), "touched": touched,
             "warning": ""}
    pointer = ">" if plain else "›"
    arrows = "up/down" if plain else "↑↓"

    def text() -> StyleAndTextTuples:
        width = max(40, get_app().output.get_size().columns - 1)
        out: StyleAndTextTuples = [("class:number", f"{number:>2}. "),
                                   ("class:title", title), ("", "\n")]
        out.append(("class:hint", "    Mark what you know; a line left at ? is recorded as "
                                  "not known.\n"))
        for index, (line_id, line_text) in enumerate(lines):
            current = index == where["line"]
            mark = state[line_id]
            wrapped = textwrap.wrap(line_text, width - 12) or [""]
            out.append(("class:pointer", f"  {pointer} " if current else "    "))
            out.append((f"class:mark.{kind[mark]}", f"[{MARK.get(mark, mark[:3])}]"))
            out.append(("class:current" if current else "", f" {wrapped[0]}\n"))
            for more in wrapped[1:]:
                out.append(("class:current" if current else "", f"{'':10}{more}\n"))
        named = "y yes  n no" if answers == YES_NO else f"p {first}  n {second}"
        keys = f"    {named}  u not known  space cycles  {arrows} move  ? why"
        if can_undo:
            keys += "  b back"
        out.append(("class:hint", keys + "  Enter done\n"))
        if where["warning"]:
            out.append(("class:warning", f"    {where['warning']}\n"))
        return out

    keys = KeyBindings()

    def move(step: int) -> None:
        where["line"] = max(0, min(len(lines) - 1, where["line"] + step))
        where["warning"] = ""

    def mark(value: str, advance: bool = True):
        def handler(event) -> None:
            state[ids[where["line"]]] = value
            where["touched"] = True
            if advance:
                move(1)
            where["warning"] = ""
        return handler

    first_keys = ("y", "Y") if answers == YES_NO else ("p", "P", "y", "Y", "+")
    second_keys = ("n", "N") if answers == YES_NO else ("n", "N", "-")
    bound = [(k, first) for k in first_keys] + [(k, second) for k in second_keys]
    for key, value in (*bound, ("u", UNKNOWN), ("U", UNKNOWN)):
        keys.add(key, eager=True)(mark(value))

    @keys.add(" ", eager=True)
    def _cycle(event) -> None:
        line_id = ids[where["line"]]
        state[line_id] = cycle[(cycle.index(state[line_id]) + 1) % len(cycle)]
        where["touched"] = True

    for key, step in (("up", -1), ("s-tab", -1), ("down", 1), ("tab", 1)):
        keys.add(key, eager=True)(lambda event, step=step: move(step))

    @keys.add("?", eager=True)
    @keys.add("w", eager=True)
    def _why(event) -> None:
        event.app.exit(result=FindingsReply("why", dict(state), where["line"], where["touched"]))

    if can_undo:
        @keys.add("b", eager=True)
        def _back(event) -> None:
            event.app.exit(result=FindingsReply("back", dict(state), where["line"], where["touched"]))

    @keys.add("enter", eager=True)
    def _done(event) -> None:
        if not where["touched"]:  # an Enter carried over from the last screen answers nothing
            where["touched"] = True
            where["warning"] = (f"Nothing is marked: Enter again records all {len(lines)} "
                                "as not known.")
            return
        event.app.exit(result=FindingsReply("done", dict(state), where["line"], True))

    @keys.add("c-c", eager=True)
    def _interrupt(event) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    application: Application[FindingsReply] = Application(
        layout=Layout(HSplit([Window(FormattedTextControl(text, focusable=True,
                                                          show_cursor=False),
                                     dont_extend_height=True, wrap_lines=True)])),
        key_bindings=keys, style=STYLE, full_screen=False, erase_when_done=True)
    return application.run()
