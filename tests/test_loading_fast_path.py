"""Loading's fast path (plain data built directly, the full check for what YAML resolves
silently run only when a glance finds something to check) gives exactly what PyYAML's own
constructor followed by the full check gives: the same cases, the same warnings with their
lines, the same errors with their lines and keys, on the bundled cases, on hand-written
YAML surprises, and on hundreds of mutants of the bundled cases."""

from __future__ import annotations

import random

import pytest

from engine import cases
from engine.cases import Case, case_files, load_text
from engine.errors import CaseFileError
from tests.case_mutations import bundled_cases, mutate
from tests.conftest import ROOT


def described(outcome):
    """Everything a user can see of an outcome, and the case's data."""
    if isinstance(outcome, CaseFileError):
        return ("error", outcome.message,
                tuple((e.file, e.line, e.key, e.problem, e.hint) for e in outcome.every_error))
    assert isinstance(outcome, Case)
    return ("case", outcome, tuple((str(w), w.file, w.line, w.key) for w in outcome.warnings))


def loaded(text: str) -> list:
    try:
        return [described(o) for o in load_text(text, "case.yaml")]
    except Exception as error:  # noqa: BLE001 - a bug must be the same bug on both paths
        return [("raised", type(error).__name__, str(error))]


def both_paths(text: str, monkeypatch) -> tuple[list, list]:
    monkeypatch.setattr(cases, "FAST_LOADING", True)
    fast = loaded(text)
    monkeypatch.setattr(cases, "FAST_LOADING", False)
    return fast, loaded(text)


SURPRISES = [
    "id: x\nlabs: {wbc: 3000}\nlabs: {wbc: 800}\n",
    "id: x\nlabs: {wbc: 3000, anc: 0700}\n",
    "id: x\nlabs: {wbc: 3000}\nmedications: [{name: clozapine, started_weeks_ago: 1:30}]\n",
    "id: x\nlabs: {wbc: 0x26}\n",
    "id: x\nlabs: {wbc: .nan}\n",
    "id: x\nlabs: {wbc: 3000}\nfindings: {yes: 1, true: 2}\n",
    "id: x\nlabs: {wbc: 3000}\nfindings: {.nan: 1, .nan: 2}\n",
    "id: x\nlabs: {wbc: 3000}\nfindings: {1: yes, '1': no}\n",
    "id: x\nlabs: &l {wbc: 3000}\nearlier_counts: [{weeks_ago: 2, labs: *l}]\n",
    "id: x\nbase: &b {wbc: 3000}\nlabs: {<<: *b, anc: 900}\n",
    "id: x\nlabs: {wbc: !!str 3000}\n",
    "id: x\nlabs: {wbc: !!float 3000}\n",
    "id: !!binary aGVsbG8=\nlabs: {wbc: 3000}\n",
    "id: x\nlabs: {wbc: 3000}\nfindings: {fever: 2024-01-01}\n",
    "id: x\nlabs: {wbc: 3000}\nsmear: !!set {a, b}\n",
    "id: x\nlabs: {? [a]: 1}\n",
    "id: x\nlabs: {wbc: !!bool maybe}\n",
    "id: x\nlabs: {wbc: !!int abc}\n",
    "id: x\nlabs: !!str {wbc: 1}\n",
    "id: x\nlabs: {= : 1}\n",
    "id: x\nlabs: {wbc: " + "9" * 400 + "}\n",
    "id: x\nlabs: {wbc: 1_000, anc: +500, platelets: 1e3}\n",
    "id: x\nlabs: {wbc: 3000}\nfindings: {fever: on, splenomegaly: Off, cirrhosis: ~}\n",
    "cases:\n  - id: a\n    labs: {wbc: 3000}\n  - id: b\n    labs: {wbc: 3000}\n"
    "    labs: {wbc: 200}\n  - id: c\n    labs: {wbc: 0300}\n",
    "cases:\n  - id: a\n    labs: {wbc: 3000}\ncases:\n  - id: b\n",
    "cases:\n  - &c {id: a, labs: {wbc: 3000}}\n  - *c\n",
    "id: x\nlabs: {wbc: 3000}\nmedications: [{name: clozapyne, started_weeks_ago: 2}]\n",
]


@pytest.mark.parametrize("text", SURPRISES)
def test_the_fast_path_reads_each_yaml_surprise_as_the_stock_constructor_does(text,
                                                                            monkeypatch):
    fast, stock = both_paths(text, monkeypatch)
    assert fast == stock


def test_the_fast_path_reads_every_bundled_case_as_the_stock_constructor_does(monkeypatch):
    for path in case_files([str(ROOT / "cases")]):
        text = open(path, encoding="utf-8").read()
        fast, stock = both_paths(text, monkeypatch)
        assert fast == stock, path


@pytest.mark.parametrize("seed", range(3))
def test_the_fast_path_reads_mutated_cases_as_the_stock_constructor_does(seed, monkeypatch):
    rng = random.Random(1000 + seed)
    bundled = bundled_cases()
    differing = []
    for _ in range(150):
        mutant = mutate(rng.choice(bundled), rng)
        fast, stock = both_paths(mutant.text, monkeypatch)
        if fast != stock:
            differing.append(mutant.what)
    assert not differing


def test_every_catalogue_file_is_read_as_pyyamls_safe_loader_reads_it():
    import yaml

    from rules import catalogue

    files = sorted(catalogue.DATA.glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        with path.open(encoding="utf-8") as handle:
            stock = yaml.load(handle, Loader=catalogue._Loader) or {}
        ours = catalogue._read(path)
        assert ours == stock and repr(ours) == repr(stock), path.name


def test_a_catalogue_file_with_an_anchor_or_a_tag_is_left_to_pyyaml(tmp_path):
    from rules import catalogue

    path = tmp_path / "odd.yaml"
    path.write_text("base: &b {weight: 2}\nother: *b\nwhen: 2024-01-02\nlist: [1, 0x1f, 1_000, "
                    "yes, ~, 1.5, '0800']\n", encoding="utf-8")
    import yaml

    assert catalogue._read(path) == yaml.safe_load(path.read_text(encoding="utf-8"))
