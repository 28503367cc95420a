"""Numbers written as text are read by one parser, in case files and at the interview: a
comma before exactly three digits separates thousands, any other comma is a decimal comma,
and a number that could be read either way is refused with both readings. NaN and infinity
are refused wherever a number is read."""

from __future__ import annotations

import pytest

from engine.cases import InvalidAnswer, load_text, parse_answer
from engine.errors import CaseFileError
from engine.units import UnitProblem, read_lab_value, read_number
from rules.catalogue import load_catalogue

CATALOGUE = load_catalogue()
LABS = CATALOGUE.labs


def only_case(text: str):
    (outcome,) = load_text(text, "case.yaml")
    return outcome


def only_error(text: str) -> CaseFileError:
    outcome = only_case(text)
    assert isinstance(outcome, CaseFileError), outcome
    return outcome


def test_a_thousands_separator_before_a_unit_is_not_read_as_a_decimal_point():
    case = only_case('id: normal-count\nlabs: {wbc: "6,500 /uL", anc: "4,000 /uL", '
                     'platelets: "150,000 /uL"}\n')
    assert case.labs == {"wbc": 6500, "anc": 4000, "platelets": 150000}


@pytest.mark.parametrize("written, value", [("2,300", 2300), ("1,234,567", 1234567),
                                            ("1,234.5", 1234.5), ("2,3", 2.3),
                                            ("12,5", 12.5), ("0,25", 0.25), ("2.3", 2.3)])
def test_the_comma_rule_reads_thousands_and_decimal_commas(written, value):
    assert read_number(written).value == value


def test_a_bare_count_written_with_a_thousands_separator_is_read_in_thousands():
    assert read_lab_value(LABS["wbc"], "2,300") == 2300


@pytest.mark.parametrize("lab, written, value", [("wbc", "2,3 x10^9/L", 2300),
                                                 ("hemoglobin", "12,5 g/dL", 12.5),
                                                 ("platelets", "150,5 K/uL", 150500)])
def test_a_decimal_comma_is_read_where_it_cannot_be_a_thousands_separator(lab, written, value):
    assert read_lab_value(LABS[lab], written) == value


@pytest.mark.parametrize("lab, written, readings", [
    ("wbc", "2,300 x10^9/L", ("2300 x10^9/L", "2.3 x10^9/L")),
    ("platelets", "1,200 K/uL", ("1200 K/uL", "1.2 K/uL")),
    ("hemoglobin", "12,500", ("12500", "12.5")),
])
def test_a_comma_that_could_be_either_is_refused_with_both_readings(lab, written, readings):
    with pytest.raises(UnitProblem) as problem:
        read_lab_value(LABS[lab], written)
    assert "ambiguous" in problem.value.problem
    assert all(reading in problem.value.hint for reading in readings)


def test_a_dot_written_for_thousands_before_per_microlitre_is_refused_with_the_fix():
    error = only_error('id: x\nlabs:\n  wbc: "6.500 /uL"\n')
    assert error.line == 3 and error.key == "labs.wbc"
    assert "6500" in error.hint


@pytest.mark.parametrize("written", ["1.234,5", "1,2,3", "12,34,567", "nan", "inf", "1e3"])
def test_numbers_the_comma_rule_cannot_read_are_refused(written):
    with pytest.raises(UnitProblem):
        read_number(written)


@pytest.mark.parametrize("question, typed, value", [
    ("low_count_first_noted_weeks_ago", "1,040", 1040),
    ("temperature_c", "38,5", 38.5),
    ("temperature_c", "38.5 °C", 38.5),
    ("age_years", "0,25", 0.25),
])
def test_the_interview_reads_typed_numbers_with_the_case_file_comma_rule(question, typed, value):
    assert parse_answer(CATALOGUE.questions[question], typed) == value


def test_a_typed_number_that_could_be_either_is_refused_with_both_readings():
    with pytest.raises(InvalidAnswer) as invalid:
        parse_answer(CATALOGUE.questions["temperature_c"], "38,500")
    assert "38500" in invalid.value.hint and "38.5" in invalid.value.hint


@pytest.mark.parametrize("typed", ["nan", "NaN", "inf", "-inf", "infinity", "1e400",
                                   "9" * 400])
def test_nan_or_infinity_typed_at_the_age_question_is_an_invalid_answer(typed):
    with pytest.raises(InvalidAnswer):
        parse_answer(CATALOGUE.questions["age_years"], typed)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 10 ** 400])
def test_a_non_finite_number_given_to_the_interview_is_an_invalid_answer(value):
    with pytest.raises(InvalidAnswer):
        parse_answer(CATALOGUE.questions["age_years"], value)


FIELDS = {
    "age": ("patient: {{age_years: {v}}}\n", "patient.age_years"),
    "temperature": ("findings: {{temperature_c: {v}}}\n", "findings.temperature_c"),
    "days": ("findings: {{acute_infection_onset_days: {v}}}\n",
             "findings.acute_infection_onset_days"),
    "weeks": ("findings: {{low_count_first_noted_weeks_ago: {v}}}\n",
              "findings.low_count_first_noted_weeks_ago"),
    "bmi": ("findings: {{body_mass_index: {v}}}\n", "findings.body_mass_index"),
    "started": ("medications: [{{name: clozapine, started_weeks_ago: {v}}}]\n",
                "medications[1].started_weeks_ago"),
    "stopped": ("medications: [{{name: clozapine, stopped_weeks_ago: {v}}}]\n",
                "medications[1].stopped_weeks_ago"),
    "dose": ("medications: [{{name: clozapine, dose: {v}}}]\n", "medications[1].dose"),
    "lab": ("labs: {{hemoglobin: {v}}}\n", "labs.hemoglobin"),
}


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "9" * 400])
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_nan_infinity_and_overlong_numbers_are_refused_wherever_a_case_gives_a_number(field,
                                                                                      value):
    template, key = FIELDS[field]
    text = "id: x\nlabs: {wbc: 3000, anc: 300}\n" + template.format(v=value)
    if field == "lab":
        text = "id: x\n" + template.format(v=value)
    error = only_error(text)
    assert error.key == key and error.line in (2, 3), error.message
