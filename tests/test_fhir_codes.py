"""The code tables in rules/data/codes/ refer only to what the catalogue knows, and every table
names its sources."""

from __future__ import annotations

import re

import yaml

from engine.cases import parse_answer
from engine.fhir import CODES, code_tables, unit_factor
from rules.catalogue import load_catalogue

LOINC_CODE = re.compile(r"^\d{1,5}-\d$")


def test_every_loinc_row_fills_a_known_lab_or_finding_and_no_code_is_listed_twice():
    catalogue = load_catalogue()
    rows = yaml.safe_load((CODES / "loinc.yaml").read_text())["observations"]
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    for row in rows:
        assert LOINC_CODE.match(row["code"]), row
        assert row.get("lab") in catalogue.labs or row.get("finding") in catalogue.questions, row
        assert row["display"], row


def test_every_lab_with_a_loinc_code_accepts_its_own_unit():
    catalogue, tables = load_catalogue(), code_tables()
    for row in tables.observations.values():
        if "lab" in row:
            test = catalogue.labs[row["lab"]]
            own = {"count": "/uL", "percent": "%"}.get(test.kind, test.unit)
            assert unit_factor(tables, test, own) is not None, test.id


def test_si_units_convert_to_the_case_file_units():
    catalogue, tables = load_catalogue(), code_tables()
    assert unit_factor(tables, catalogue.labs["anc"], "10*9/L") == 1000
    assert unit_factor(tables, catalogue.labs["hemoglobin"], "g/L") == 0.1
    assert unit_factor(tables, catalogue.labs["igg"], "g/L") == 100
    assert unit_factor(tables, catalogue.labs["anc"], "cells") is None


def test_every_rxnorm_ingredient_is_a_drug_in_the_dictionary():
    catalogue = load_catalogue()
    for code, generic in code_tables().rxnorm.items():
        assert code.isdigit() and generic in catalogue.drugs, (code, generic)


def test_every_condition_row_gives_answers_the_question_bank_accepts():
    catalogue = load_catalogue()
    for row in code_tables().conditions:
        assert row.get("snomed") or row.get("icd10"), row["name"]
        for key, answer in row["findings"].items():
            assert parse_answer(catalogue.questions[key], answer) == answer, (row["name"], key)
        if "years_since_onset" in row:
            assert catalogue.questions[row["years_since_onset"]].kind == "number"


def test_every_table_names_sources_the_catalogue_lists():
    catalogue = load_catalogue()
    for path in sorted(CODES.glob("*.yaml")):
        sources = yaml.safe_load(path.read_text())["sources"]
        assert sources and all(s in catalogue.sources for s in sources), path.name
