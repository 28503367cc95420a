"""evaluation/tools/figures.py keeps its headline top-1 and top-3 (the expected cause's position
in the list) and counts, on a line of its own, the hits and misses that rest on a tie: the
expected cause's score equals that of the cause across the cut, so only the order within the
tie (prior, then id: no clinical order) put it on its side."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from conftest import ROOT

# "Pancytopenia, counts not given" in a young man: the marrow, nutritional and infiltrative
# causes each get the same one finding and tie for first place
BARE_PANCYTOPENIA = dict(patient={"age_years": 30, "sex": "male"},
                         labs={"wbc": "low", "hemoglobin": "low", "platelets": "low"})


def test_figures_count_the_hits_and_misses_that_rest_on_a_tie(tmp_path):
    # the expected cause ties for first place but is listed below another by the alphabet:
    # a top-1 miss that rests on a tie, and a top-3 hit that does too when the tie runs past
    # the third place
    (tmp_path / "tied.yaml").write_text(yaml.safe_dump({
        "id": "tied", **BARE_PANCYTOPENIA,
        "expected": {"causes": ["folate_deficiency"]}}), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, "-m", "interview.cli", "score", str(tmp_path), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT)
    report = json.loads(scored.stdout)
    [ranked] = report["cases"]
    assert ranked["hit"]["rank"] > 1 and ranked["hit"]["shared_rank"] == 1
    figures = subprocess.run([sys.executable, str(ROOT / "evaluation/tools/figures.py")],
                             input=scored.stdout, capture_output=True, text=True, cwd=ROOT)
    assert figures.returncode == 0, figures.stderr
    assert "top-1 hits 0, misses 1; top-3 hits 1, misses 0" in figures.stdout
    assert "top-1 0.0% (0); top-3 100.0% (1)" in figures.stdout  # the headline, by position
