"""FHIR R4 input: Bundles and Bulk Data NDJSON read into cases, scored like YAML, converted to
YAML that scores the same; unusable resources are warnings naming their path."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from engine.cases import case_files, load_file
from engine.errors import CaseFileError
from engine.fhir import Located, patients_from_resources
from interview.cli import main
from tests.conftest import ROOT, pitfall_ids, top_causes

FIXTURES = ROOT / "tests" / "fixtures" / "fhir"
CLOZAPINE = FIXTURES / "clozapine-neutropenia.json"
FEBRILE = FIXTURES / "febrile-neutropenia-chemotherapy.json"
PROBLEMS = FIXTURES / "unknown-code-and-bad-unit.json"
BULK = FIXTURES / "bulk-falling-counts"


def only_case(path):
    [case] = load_file(str(path))
    assert not isinstance(case, CaseFileError), case.message
    return case


def bundle_of(*resources):
    return {"resourceType": "Bundle", "type": "collection",
            "entry": [{"resource": r} for r in resources]}


def write_bundle(tmp_path, *resources, name="export.json"):
    path = tmp_path / name
    path.write_text(json.dumps(bundle_of(*resources)), encoding="utf-8")
    return path


PATIENT = {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1970-01-01"}


def lab(code, value, unit, when="2026-11-30T08:00:00Z", **extra):
    resource = {"resourceType": "Observation", "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
                "subject": {"reference": "Patient/p1"}, "effectiveDateTime": when}
    if value is not None:
        resource["valueQuantity"] = {"value": value, "unit": unit,
                                     "system": "http://unitsofmeasure.org", "code": unit}
    resource.update(extra)
    return resource


def read_one(*resources, **options):
    [record] = patients_from_resources(
        [Located(r, f"Bundle.entry[{i}].resource") for i, r in enumerate(resources)],
        **options)
    return record


# ---- the must-holds ---------------------------------------------------------------------

def test_clozapine_bundle_ranks_clozapine_first_as_its_converted_yaml_does(assessor, tmp_path):
    from_fhir = assessor.assess(only_case(CLOZAPINE))
    assert top_causes(from_fhir, 1) == ["drug_clozapine"]
    converted = tmp_path / "clozapine.yaml"
    assert main(["convert", str(CLOZAPINE), "--output", str(converted)]) == 0
    from_yaml = assessor.assess(only_case(converted))
    assert [(c.cause, c.score, c.evidence) for c in from_yaml.ranking] == \
        [(c.cause, c.score, c.evidence) for c in from_fhir.ranking]
    assert from_yaml.pitfalls == from_fhir.pitfalls
    assert from_yaml.reading == from_fhir.reading


def test_febrile_neutropenia_after_chemotherapy_is_an_emergency(assessor):
    case = only_case(FEBRILE)
    assert case.labs["anc"] == 100  # 0.1 x10*9/L read as cells/µL
    assert case.findings["temperature_c"] == 38.9
    result = assessor.assess(case)
    assert result.pitfalls[0].id == "neutropenic_fever"
    assert result.pitfalls[0].indicator == "critical"


def test_unknown_loinc_code_and_bad_unit_are_scored_with_a_warning_naming_each_path(assessor):
    case = only_case(PROBLEMS)
    assert case.labs["wbc"] == 2900 and "anc" not in case.labs
    assert any(w.startswith('Bundle.entry[6].resource.valueQuantity.unit: unknown UCUM unit '
                            '"cells"') for w in case.warnings), case.warnings
    assert any(w.startswith('Bundle.entry[7].resource.code: LOINC code "2951-2"')
               for w in case.warnings), case.warnings
    result = assessor.assess(case)
    assert result.warnings == case.warnings


# ---- what is read ---------------------------------------------------------------------

def test_clozapine_bundle_reads_the_patient_the_latest_count_and_the_order():
    case = only_case(CLOZAPINE)
    assert case.patient == {"age_years": 31, "sex": "female"}
    assert case.labs == {"wbc": 2400, "anc": 600, "lymphocytes_pct": 62, "hemoglobin": 13.4,
                         "platelets": 241000, "mcv": 89}
    [clozapine] = case.medications
    assert (clozapine.generic, clozapine.started_weeks_ago) == ("clozapine", 9)


def test_a_bulk_export_folder_is_one_export_with_a_case_per_patient():
    assert list(case_files([str(FIXTURES)])).count(str(BULK)) == 1
    cases = load_file(str(BULK))
    assert [c.id for c in cases] == ["falling-counts", "bulk-normal"]
    falling = cases[0]
    assert falling.labs["anc"] == 800 and falling.labs["mcv"] == 106
    assert falling.patient["age_years"] == 71


def test_chemotherapy_is_recognised_from_the_code_or_from_the_product_text():
    case = only_case(FEBRILE)
    assert {m.generic for m in case.medications} == {"cyclophosphamide", "doxorubicin"}
    assert all(m.stopped_weeks_ago is not None for m in case.medications)
    assert case.findings["known_cancer"] == "yes"  # ICD-10 C83.30
    # the record answers the chemotherapy questions: the last dose was 10 days before
    assert case.findings["recent_chemotherapy"] == "yes"
    assert case.findings["days_since_chemotherapy"] == 10


def test_a_combination_product_name_is_matched_whatever_the_strengths_between():
    order = {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
             "subject": {"reference": "Patient/p1"}, "authoredOn": "2026-11-01",
             "medicationCodeableConcept": {"text": "Sulfamethoxazole 800 MG / Trimethoprim "
                                                   "160 MG Oral Tablet"}}
    record = read_one(PATIENT, lab("6690-2", 2.1, "10*3/uL"), order)
    [drug] = record.document["medications"]
    assert drug["name"] == "trimethoprim-sulfamethoxazole"
    assert drug["started_weeks_ago"] == 4.1  # 29 days


def test_a_drug_started_after_the_latest_count_is_not_blamed_for_it():
    order = {"resourceType": "MedicationRequest", "status": "active", "intent": "order",
             "subject": {"reference": "Patient/p1"}, "authoredOn": "2026-12-10",
             "medicationCodeableConcept": {"text": "clozapine 25 MG Oral Tablet"}}
    record = read_one(PATIENT, lab("6690-2", 2.1, "10*3/uL"), order)
    assert record.document["medications"] == []
    assert any("started after the latest count" in w for w in record.warnings)


def test_entered_in_error_and_not_taken_medications_are_left_out_with_a_warning():
    statement = {"resourceType": "MedicationStatement", "status": "entered-in-error",
                 "subject": {"reference": "Patient/p1"},
                 "medicationCodeableConcept": {"text": "methimazole 10 MG"}}
    record = read_one(PATIENT, lab("6690-2", 2.1, "10*3/uL"), statement)
    assert record.document["medications"] == []
    assert record.warnings == ['Bundle.entry[2].resource.status: "entered-in-error": not '
                               'taken, not used']


def test_earlier_counts_become_the_dated_history():
    record = read_one(PATIENT, lab("751-8", 0.4, "10*3/uL"),
                      lab("751-8", 2.5, "10*3/uL", when="2026-09-07T08:00:00Z"),
                      lab("751-8", 1.1, "10*3/uL", when="2026-11-20T08:00:00Z"))
    assert record.document["labs"] == {"anc": 400}
    assert record.document["earlier_counts"] == [{"days_ago": 10, "labs": {"anc": 1100}},
                                                 {"weeks_ago": 12, "labs": {"anc": 2500}}]


def test_a_bound_a_word_and_an_interpretation_flag_are_read_as_the_case_file_writes_them():
    record = read_one(PATIENT,
                      lab("751-8", None, None, valueString="<500"),
                      lab("6690-2", 1.9, "10*3/uL",
                          valueQuantity={"value": 2, "comparator": "<", "unit": "10*3/uL",
                                         "system": "http://unitsofmeasure.org",
                                         "code": "10*3/uL"}),
                      lab("777-3", None, None, interpretation=[{"coding": [{
                          "system": "http://terminology.hl7.org/CodeSystem/"
                                    "v3-ObservationInterpretation", "code": "L"}]}]))
    assert record.document["labs"] == {"wbc": "<2000", "anc": "<500", "platelets": "low"}


def test_a_total_neutrophil_percentage_is_not_added_to_the_bands_it_already_counts():
    record = read_one(PATIENT, lab("6690-2", 3.0, "10*3/uL"), lab("770-8", 40, "%"),
                      lab("764-1", 10, "%"))
    assert record.document["labs"] == {"wbc": 3000, "neutrophils_pct": 40}
    assert "already counts them" in record.warnings[0]


def test_conditions_answer_findings_by_snomed_or_icd10_and_refuted_ones_are_ignored():
    def condition(system, code, **extra):
        return {"resourceType": "Condition", "subject": {"reference": "Patient/p1"},
                "code": {"coding": [{"system": system, "code": code}]}, **extra}

    record = read_one(
        PATIENT, lab("6690-2", 2.1, "10*3/uL"),
        condition("http://hl7.org/fhir/sid/icd-10-cm", "M05.79",
                  onsetDateTime="2014-11-30"),
        condition("http://snomed.info/sct", "19943007", verificationStatus={"coding": [
            {"code": "refuted"}]}),
        condition("http://snomed.info/sct", "86406008", verificationStatus={"coding": [
            {"code": "provisional"}]}))
    assert record.document["findings"] == {"rheumatoid_arthritis": "yes",
                                           "rheumatoid_arthritis_years": 12}
    assert len(record.warnings) == 1 and "provisional" in record.warnings[0]


def test_a_temperature_from_another_day_is_not_read_as_todays_fever():
    record = read_one(PATIENT, lab("751-8", 0.3, "10*3/uL"),
                      lab("8310-5", 39.2, "Cel", when="2026-11-20T08:00:00Z"))
    assert "findings" not in record.document
    assert "more than 24 hours" in record.warnings[0]


# ---- what is not FHIR, and hostile files ---------------------------------------------

@pytest.mark.parametrize("text, problem", [
    ('{"cases": []}', "is not a FHIR resource (no resourceType)"),
    ("[1, 2, 3]", "is not a FHIR resource (no resourceType)"),
    ("{not json", "not valid JSON"),
    ('{"resourceType": "Bundle", "total": NaN}', "not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_a_file_that_is_not_fhir_is_one_error_line(tmp_path, text, problem):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    [error] = load_file(str(path))
    assert isinstance(error, CaseFileError)
    assert problem in error.message and "\n" not in error.message


def test_ndjson_with_a_bad_line_names_the_line(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Patient.ndjson").write_text(json.dumps(PATIENT) + "\n{oops\n")
    [error] = load_file(str(folder))
    assert error.line == 2 and "Patient.ndjson" in error.file


def test_wrong_types_everywhere_are_warnings_never_a_crash(tmp_path):
    wrong = [PATIENT | {"gender": 7, "birthDate": ["x"]},
             lab("6690-2", "lots", "10*3/uL"), lab("751-8", True, "10*3/uL"),
             lab("718-7", 1e308, "g/dL"), lab("777-3", 150, "10*3/uL", status=["final"]),
             lab("751-8", 10 ** 400, "10*3/uL"), lab("8310-5", 10 ** 400, "Cel"),
             {"resourceType": "Observation", "code": "6690-2", "subject": "Patient/p1"},
             {"resourceType": "MedicationRequest", "subject": {"reference": "Patient/p1"},
              "medicationCodeableConcept": {"coding": "clozapine"}, "status": "active",
              "intent": "order"},
             {"resourceType": "Condition", "code": None, "subject": {"reference": 5}}]
    path = write_bundle(tmp_path, *wrong)
    outcomes = load_file(str(path))
    assert outcomes and all(not isinstance(o, CaseFileError) for o in outcomes)
    assert len(outcomes[0].warnings) >= 6


def test_a_resource_type_that_is_a_list_or_an_object_is_a_warning_not_an_internal_error(tmp_path):
    path = write_bundle(tmp_path, PATIENT, lab("751-8", 800, "/uL"),
                        {"resourceType": ["Observation"]}, {"resourceType": {"x": 1}})
    [case] = load_file(str(path))
    assert not isinstance(case, CaseFileError), case
    assert case.labs["anc"] == 800
    named = [w for w in case.warnings if "is not a resource type" in w]
    assert len(named) == 2 and all(".resourceType" in w for w in named)


def test_every_value_in_the_fixtures_survives_a_round_trip_through_convert(tmp_path):
    for source in (CLOZAPINE, FEBRILE, PROBLEMS, BULK):
        target = tmp_path / (source.stem + ".yaml")
        assert main(["convert", str(source), "--output", str(target)]) == 0
        def fields(case):
            return (case.id, case.patient, case.labs, case.medications, case.findings,
                    getattr(case, "earlier_counts", None))

        original = [fields(c) for c in load_file(str(source))]
        converted = [fields(c) for c in load_file(str(target))]
        assert converted == original


def test_validate_and_score_accept_fhir_beside_yaml():
    run = subprocess.run([sys.executable, "-m", "interview.cli", "validate", str(FIXTURES)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "6 valid, 0 invalid" in run.stdout
    assert 'unknown UCUM unit "cells"' in run.stderr


def test_reading_a_bundle_does_not_change_it():
    data = json.loads(CLOZAPINE.read_text())
    before = copy.deepcopy(data)
    patients_from_resources([Located(e["resource"], "x") for e in data["entry"]])
    assert data == before


def test_pitfalls_from_fhir_match_the_yaml_vocabulary(assessor):
    result = assessor.assess(only_case(FEBRILE))
    assert "neutropenic_fever" in pitfall_ids(result)


def test_a_cancer_thyroid_disease_and_transplant_on_the_problem_list_answer_their_questions():
    def condition(code):
        return {"resourceType": "Condition", "subject": {"reference": "Patient/p1"},
                "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm",
                                     "code": code}]}}

    record = read_one(PATIENT, lab("6690-2", 2.1, "10*3/uL"), condition("C50.912"),
                      condition("E05.00"), condition("Z94.0"))
    assert record.document["findings"] == {"known_cancer": "yes", "cancer_type": "breast",
                                           "known_thyroid_disease": "graves",
                                           "transplant": "solid_organ"}
