"""`kb findings` at 80 and 100 columns, read by someone writing a case file by hand: every
key and every allowed value is shown whole, to copy (the table cut them: known_sjogren_ /
syndrome, outdoor_exposu / re, sub_saharan_af / rica)."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from engine import kb_check
from interview.kb import render_findings
from rules.catalogue import load_catalogue


@pytest.mark.parametrize("columns", [80, 100])
def test_every_key_and_allowed_value_is_shown_whole_at_a_narrow_width(columns):
    catalogue = load_catalogue()
    shown = io.StringIO()
    render_findings(Console(file=shown, width=columns), catalogue)
    words = set(re.findall(r"[A-Za-z0-9_]+", shown.getvalue()))
    for key in kb_check.case_file_keys(catalogue):
        assert key.key in words
        if key.section == "findings":
            for value in key.allowed[:12]:  # the ones shown (the rest: --format json)
                assert str(value) in words
