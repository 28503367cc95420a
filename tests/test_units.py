"""Counts are cells/µL; unit strings are converted; implausible bare numbers are refused
with the likely fix rather than guessed."""

import pytest

from engine.units import UnitProblem, read_lab_value
from rules.catalogue import load_catalogue

LABS = load_catalogue().labs


@pytest.mark.parametrize("written, expected", [
    (2100, 2100), ("2.1 x10^9/L", 2100), ("2.1 K/uL", 2100), ("2,1 ×10⁹/L", 2100),
    ("2100/µL", 2100), ("2100 cells/uL", 2100),
])
def test_white_count_is_read_in_cells_per_microlitre(written, expected):
    assert read_lab_value(LABS["wbc"], written) == expected


def test_platelets_in_thousands_are_refused_with_the_fix():
    with pytest.raises(UnitProblem) as problem:
        read_lab_value(LABS["platelets"], 150)
    assert "150000" in problem.value.hint


def test_haemoglobin_in_grams_per_litre_is_converted_or_refused_with_the_fix():
    assert read_lab_value(LABS["hemoglobin"], "125 g/L") == 12.5
    with pytest.raises(UnitProblem) as problem:
        read_lab_value(LABS["hemoglobin"], 125)
    assert "12.5" in problem.value.hint


def test_igg_in_grams_per_litre_is_converted():
    assert read_lab_value(LABS["igg"], "4.8 g/L") == 480


def test_an_unknown_unit_names_the_units_that_are_accepted():
    with pytest.raises(UnitProblem) as problem:
        read_lab_value(LABS["wbc"], "2.1 furlongs")
    assert "x10^9/L" in problem.value.hint


def test_a_zero_neutrophil_count_is_possible():
    assert read_lab_value(LABS["anc"], 0) == 0
