"""The bundled cases, mutated (tests/case_mutations.py), through the public entry point
`leukodx score`: no traceback, exit 0 or 1, one outcome for every file, and every value the
oracle knows to be invalid refused, never silently accepted. Seeded, a few hundred documents:
a few seconds on CI. benchmarks/fuzz_cases.py runs the same mutations by the ten thousand."""

from __future__ import annotations

import json
import random

import pytest

from interview.cli import main
from tests.case_mutations import bundled_cases, mutate

BUNDLED = bundled_cases()


@pytest.mark.parametrize("seed", range(4))
def test_mutated_bundled_cases_are_each_scored_or_refused_and_none_invalid_is_accepted(
        seed, tmp_path, capsys):
    rng = random.Random(seed)
    mutants = {}
    for index in range(60):
        mutant = mutate(rng.choice(BUNDLED), rng)
        path = tmp_path / f"m{index:03}.yaml"
        path.write_text(mutant.text, encoding="utf-8")
        mutants[str(path)] = mutant
    status = main(["score", str(tmp_path), "--format", "json", "--jobs", "1"])
    captured = capsys.readouterr()
    assert status in (0, 1) and "Traceback" not in captured.err
    report = json.loads(captured.out)
    outcomes = {case["file"]: case for case in report["cases"]}
    assert set(outcomes) == set(mutants), "every file has an outcome"
    accepted = [f"{path}: {mutant.what}" for path, mutant in mutants.items()
                if mutant.must_refuse and outcomes[path]["status"] == "ok"]
    assert not accepted, "invalid values silently accepted"
    for case in report["cases"]:
        if case["status"] == "error":
            assert case["error"].startswith(case["file"]) and "\n" not in case["error"]
    assert status == (1 if report["summary"]["errors"] else 0)
