"""A findings screen drawn at 80 and 100 columns: every line fits the terminal, so the
terminal never breaks a word in two (the keys, a long title, a value's error, a row of
choices), and nothing is dropped on the way."""

from __future__ import annotations

import pytest

from interview.findings_screen import Line, screen_fragments

CHOICES = ("blasts", "plasma_cells", "lymphoma", "carcinoma", "hairy_cells", "leishmania",
           "hemophagocytosis", "none")
TITLE = ("The count and its history; exposures and marrow failure; diet and absorption; "
         "other conditions; autoimmune disease")
ERROR = ("expected a number (weeks), got '3 months' (write digits with a dot for decimals "
         "(2.3); a comma only between groups of three digits (6,500) or as the one decimal "
         "comma (2,3))")


def drawn(rows: list[Line], line: int, columns: int, errors: dict | None = None) -> str:
    state = {row.id: "" if row.typed else "unknown" for row in rows}
    where = {"line": line, "touched": False, "warning": ""}
    fragments = screen_fragments(14, TITLE, rows, state, errors or {}, where, False, True,
                                 columns)
    return "".join(text for _, text in fragments)


ROWS = [Line("low_count_first_noted_weeks_ago", "How many weeks ago was the count first "
             "found to be low? (0 = this is the first low count)", (), typed=True),
        Line("chemical_exposure", "Regular exposure to benzene?"),
        Line("hiv_test", "HIV test?", ("positive", "negative")),
        Line("marrow_infiltrate", "Bone marrow: what, if anything, infiltrates it?", CHOICES)]


@pytest.mark.parametrize("columns", [80, 100])
def test_every_line_of_a_busy_screen_fits_the_terminal_so_no_word_is_broken(columns):
    for line, errors in ((0, {"low_count_first_noted_weeks_ago": ERROR}), (3, {})):
        text = drawn(ROWS, line, columns, errors)
        too_wide = [row for row in text.split("\n") if len(row) > columns - 1]
        assert too_wide == []


def test_a_wrapped_screen_still_shows_every_key_choice_and_word_of_the_title_and_error():
    text = drawn(ROWS, 0, 80, {"low_count_first_noted_weeks_ago": ERROR})
    words = " ".join(text.split())
    for shown in (TITLE, ERROR, "Enter next line", "y yes n no", "+ pos - neg",
                  "1-9 choose", "b back"):
        assert " ".join(shown.split()) in words
    choices = " ".join(drawn(ROWS, 3, 80).split())
    assert "7 hemophagocytosis 8 none" in choices


def test_the_keys_say_what_enter_does_on_the_line_the_pointer_is_on():
    # a typed value's line moves on; a marked line (here a choice) finishes the screen, so
    # a clinician who presses Enter to pass a line is told before it ends the screen
    assert ROWS[0].typed and not ROWS[3].typed
    on_a_typed_line = " ".join(drawn(ROWS, 0, 100).split())
    on_a_marked_line = " ".join(drawn(ROWS, 3, 100).split())
    assert "Enter next line" in on_a_typed_line and "Enter done" not in on_a_typed_line
    assert "Enter done" in on_a_marked_line and "Enter next line" not in on_a_marked_line
