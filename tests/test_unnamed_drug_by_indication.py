"""A drug given by what it is for, not by name (issue 11): board items and terse case
reports say "has treatment-resistant schizophrenia", "started a new drug for rheumatoid
arthritis 3 months ago", "was started on a drug for Graves disease 6 weeks ago". A case writes
``- for: <indication>``; the entry is weighed as the drug the indication points to (as that
drug where the inference is certain, one step weaker where it is only likely), is shown in
every output as "a drug for ..., name not given", and is validated like every key."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from conftest import make_case
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from engine.batch import score_paths, summarise
from engine.cases import load_text
from engine.errors import CaseFileError
from engine.kb_check import case_file_keys, check_catalogue
from engine.session import InterviewSession
from interview.cli import main
from interview.render import render_csv, render_json, render_markdown
from interview.session import Interviewer
from rules.catalogue import load_catalogue

ENTER = "\r"

# a woman of 36 whose schizophrenia failed several antipsychotics, six weeks after a new drug:
# WBC 1,200/µL with 6 % neutrophils (an ANC of about 70/µL)
SCHIZOPHRENIA_AGRANULOCYTOSIS = dict(
    patient={"age_years": 36, "sex": "female"},
    labs={"wbc": 1200, "neutrophils_pct": 6, "lymphocytes_pct": 92, "monocytes_pct": 2,
          "hemoglobin": 13.8, "platelets": 245000},
)

# a woman of 40 with Graves' disease, five weeks on a drug for it, febrile with ANC 100/µL
GRAVES_AGRANULOCYTOSIS = dict(
    patient={"age_years": 40, "sex": "female"},
    labs={"wbc": 1500, "anc": 100},
    findings={"temperature_c": 38.9},
)

# a man of 62, three months after a new drug for rheumatoid arthritis: large red cells and
# all three lines low
RA_PANCYTOPENIA = dict(
    patient={"age_years": 62, "sex": "male"},
    labs={"wbc": 2500, "anc": 1100, "hemoglobin": 9.8, "platelets": 90000, "mcv": 108},
)


def ranked(result, cause: str):
    return next((c for c in result.ranking if c.cause == cause), None)


def exposure_weight(result, cause: str) -> int:
    return next(e.weight for e in ranked(result, cause).evidence
                if e.rule == "drug_exposure_counts_for_its_cause")


def load_error(text: str) -> CaseFileError:
    outcome = load_text(text, "unnamed.yaml")[0]
    assert isinstance(outcome, CaseFileError), outcome
    return outcome


# ---- ranking -----------------------------------------------------------------------------

def test_a_drug_for_treatment_resistant_schizophrenia_ranks_clozapine_first(assess):
    result = assess(**SCHIZOPHRENIA_AGRANULOCYTOSIS,
                    medications=[{"for": "treatment_resistant_schizophrenia",
                                  "started_weeks_ago": 6}])
    assert result.ranking[0].cause == "drug_clozapine"
    assert result.ranking[0].must_not_miss


def test_clozapine_inferred_from_treatment_resistance_weighs_as_clozapine_named(assess):
    # clozapine is the one drug for treatment-resistant schizophrenia: a certain inference
    unnamed = assess(**SCHIZOPHRENIA_AGRANULOCYTOSIS,
                     medications=[{"for": "treatment_resistant_schizophrenia",
                                   "started_weeks_ago": 6}])
    named = assess(**SCHIZOPHRENIA_AGRANULOCYTOSIS,
                   medications=[{"name": "clozapine", "started_weeks_ago": 6}])
    assert exposure_weight(unnamed, "drug_clozapine") == exposure_weight(named, "drug_clozapine")
    assert ranked(unnamed, "drug_clozapine").score == ranked(named, "drug_clozapine").score


def test_without_the_indication_the_same_count_does_not_rank_clozapine(assess):
    result = assess(**SCHIZOPHRENIA_AGRANULOCYTOSIS)
    assert ranked(result, "drug_clozapine") is None


def test_a_drug_for_graves_disease_ranks_the_antithyroid_drug_first_one_step_weaker(assess):
    unnamed = assess(**GRAVES_AGRANULOCYTOSIS,
                     medications=[{"for": "graves_disease", "started_weeks_ago": 5}])
    named = assess(**GRAVES_AGRANULOCYTOSIS,
                   medications=[{"name": "methimazole", "started_weeks_ago": 5}])
    assert unnamed.ranking[0].cause == "drug_antithyroid"
    # the drug for Graves' disease is usually a thionamide, not certainly: a step weaker
    assert 0 < exposure_weight(unnamed, "drug_antithyroid") \
        < exposure_weight(named, "drug_antithyroid")
    assert ranked(unnamed, "drug_antithyroid").score < ranked(named, "drug_antithyroid").score
    assert "suspect_drug_agranulocytosis" in {p.id for p in unnamed.pitfalls}


def test_a_new_drug_for_rheumatoid_arthritis_ranks_methotrexate_toxicity_first(assess):
    result = assess(**RA_PANCYTOPENIA,
                    medications=[{"for": "rheumatoid_arthritis", "started_weeks_ago": 13}])
    assert result.ranking[0].cause == "drug_immunosuppressant"
    rules = {e.rule for e in result.ranking[0].evidence}
    # large red cells with several low lines: the antifolate picture the inference points to
    assert "macrocytic_cytopenias_on_a_folate_antagonist" in rules
    mds = ranked(result, "myelodysplastic_syndrome")
    assert mds is None or mds.score < result.ranking[0].score


def test_the_unnamed_drugs_timing_is_judged_as_a_named_drugs(assess):
    # started after the count was already low: ruled out, as the named drug would be
    def on(medication):
        return assess(**SCHIZOPHRENIA_AGRANULOCYTOSIS,
                      findings={"low_count_first_noted_weeks_ago": 10},
                      medications=[{**medication, "started_weeks_ago": 6}])
    unnamed = ranked(on({"for": "treatment_resistant_schizophrenia"}), "drug_clozapine")
    named = ranked(on({"name": "clozapine"}), "drug_clozapine")
    assert "drug_started_after_the_count_fell" in {e.rule for e in unnamed.evidence}
    assert [e.weight for e in unnamed.evidence] == [e.weight for e in named.evidence]
    assert unnamed.score < 0


def test_an_indication_with_no_drug_class_is_kept_and_weighs_for_nothing(assess):
    result = assess(patient={"age_years": 40, "sex": "male"}, labs={"wbc": 2500, "anc": 900},
                    medications=[{"for": "bipolar_disorder", "started_weeks_ago": 8}])
    assert not any(c.category == "medication" for c in result.ranking)
    assert any("a drug for bipolar disorder, name not given" in w and "weighs for nothing" in w
               for w in result.warnings)


def test_a_name_beside_the_indication_is_what_is_weighed(assess):
    result = assess(**GRAVES_AGRANULOCYTOSIS,
                    medications=[{"name": "methimazole", "for": "graves_disease",
                                  "started_weeks_ago": 5}])
    named = assess(**GRAVES_AGRANULOCYTOSIS,
                   medications=[{"name": "methimazole", "started_weeks_ago": 5}])
    assert exposure_weight(result, "drug_antithyroid") == \
        exposure_weight(named, "drug_antithyroid")


def test_a_name_the_dictionary_does_not_know_is_weighed_by_what_it_is_for(assess):
    result = assess(**RA_PANCYTOPENIA,
                    medications=[{"name": "Zorbatrex", "for": "rheumatoid_arthritis",
                                  "started_weeks_ago": 13}])
    assert result.ranking[0].cause == "drug_immunosuppressant"
    assert any("Zorbatrex" in w and "not in the drug dictionary" in w for w in result.warnings)


# ---- shown in every output ---------------------------------------------------------------

def test_the_evidence_and_the_cause_name_say_the_drug_was_not_named(assess):
    result = assess(**SCHIZOPHRENIA_AGRANULOCYTOSIS,
                    medications=[{"for": "treatment_resistant_schizophrenia",
                                  "started_weeks_ago": 6}])
    top = result.ranking[0]
    assert "treatment-resistant schizophrenia (name not given)" in top.name
    reason = next(e.rationale for e in top.evidence
                  if e.rule == "drug_exposure_counts_for_its_cause")
    assert reason.startswith("The drug for treatment-resistant schizophrenia (name not given, "
                             "taken as clozapine) started 6 weeks ago")
    assert "reserve" in reason  # the indication's rationale goes with it


def test_an_unnamed_drug_is_shown_in_json_csv_and_markdown(tmp_path):
    path = Path(tmp_path) / "unnamed.yaml"
    path.write_text(yaml.safe_dump({
        "id": "unnamed", **SCHIZOPHRENIA_AGRANULOCYTOSIS,
        "medications": [{"for": "treatment_resistant_schizophrenia",
                         "started_weeks_ago": 6}]}), encoding="utf-8")
    outcomes = score_paths([str(path)])
    summary = summarise(outcomes)
    shown = "a drug for treatment-resistant schizophrenia, name not given"
    report = json.loads(render_json(outcomes, summary))["cases"][0]
    assert any(shown in w for w in report["warnings"])
    assert "name not given" in report["ranking"][0]["name"]
    assert shown in render_csv(outcomes)
    assert shown in render_markdown(outcomes, summary)


def test_explain_shows_the_unnamed_drug(tmp_path, capsys):
    path = Path(tmp_path) / "graves.yaml"
    path.write_text(yaml.safe_dump({
        "id": "graves", **GRAVES_AGRANULOCYTOSIS,
        "medications": [{"for": "graves_disease", "started_weeks_ago": 5}]}),
        encoding="utf-8")
    assert main(["explain", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "a drug for hyperthyroidism, name not given" in out


def test_a_case_with_an_unnamed_drug_saves_and_loads_back_the_same():
    case = make_case(**RA_PANCYTOPENIA, medications=[{"for": "rheumatoid_arthritis",
                                                      "started_weeks_ago": 13}])
    document = case.to_document()
    assert document["medications"] == [{"for": "rheumatoid_arthritis", "started_weeks_ago": 13}]
    again = load_text(yaml.safe_dump(document), "again.yaml")[0]
    assert again.medications == case.medications


# ---- validation --------------------------------------------------------------------------

def test_an_unknown_indication_is_an_error_naming_line_key_and_the_likely_one():
    error = load_error("id: x\nlabs: {wbc: 2000}\nmedications:\n"
                       "  - for: reumatoid_arthritis\n    started_weeks_ago: 13\n")
    assert error.message.count("\n") == 0
    assert "unnamed.yaml:4" in error.message and "medications[1].for" in error.message
    assert "did you mean 'rheumatoid_arthritis'?" in error.message


def test_an_indication_that_is_not_text_is_an_error():
    error = load_error("id: x\nlabs: {wbc: 2000}\nmedications:\n  - for: [gout]\n")
    assert "medications[1].for" in error.message and "expected an indication id" in error.message


def test_an_entry_with_neither_name_nor_indication_is_an_error_saying_both_are_possible():
    error = load_error("id: x\nlabs: {wbc: 2000}\nmedications:\n  - started_weeks_ago: 4\n")
    assert "needs a name, or what it is for" in error.message


def test_an_indication_may_be_written_with_spaces_or_an_alias():
    case = make_case(labs={"wbc": 2000}, medications=[{"for": "Graves disease"},
                                                      {"for": "refractory_schizophrenia"}])
    assert [m.indication for m in case.medications] == ["hyperthyroidism",
                                                        "treatment_resistant_schizophrenia"]


def test_existing_cases_with_named_drugs_load_unchanged():
    case = make_case(labs={"wbc": 2000}, medications=[{"name": "clozapine",
                                                       "started_weeks_ago": 6}])
    assert case.medications[0].indication is None and case.medications[0].inference is None
    assert case.to_document()["medications"] == [{"name": "clozapine", "started_weeks_ago": 6}]


# ---- the vocabulary ----------------------------------------------------------------------

def test_kb_findings_lists_every_indication_for_the_for_key(capsys):
    key = next(k for k in case_file_keys() if k.section == "medications" and k.key == "for")
    catalogue = load_catalogue()
    assert set(catalogue.indications) <= set(key.allowed)
    assert main(["kb", "findings", "--format", "json"]) == 0
    sections = json.loads(capsys.readouterr().out)["sections"]
    keys = {k["key"]: k for k in sections["medications"]["keys"]}
    assert "treatment_resistant_schizophrenia" in keys["for"]["allowed"]
    assert not keys["name"]["required"]


def test_every_indication_names_a_dictionary_drug_a_rationale_and_known_sources():
    catalogue = load_catalogue()
    assert not [p for p in check_catalogue(catalogue) if p.severity == "error"]
    for indication in catalogue.indications.values():
        assert indication.rationale and indication.sources
        assert (indication.drug in catalogue.drugs) if indication.inference != "none" \
            else indication.drug is None


@pytest.mark.parametrize("indication, cause", [
    ("treatment_resistant_schizophrenia", "drug_clozapine"),
    ("hyperthyroidism", "drug_antithyroid"),
    ("rheumatoid_arthritis", "drug_immunosuppressant"),
    ("transplant_immunosuppression", "drug_immunosuppressant"),
    ("cmv_after_transplant", "drug_antiviral"),
    ("epilepsy", "drug_antiepileptic"),
    ("cancer", "chemotherapy_myelosuppression"),
])
def test_each_indication_points_to_its_drug_class_cause(indication, cause):
    catalogue = load_catalogue()
    case = make_case(labs={"wbc": 2000}, medications=[{"for": indication}])
    (_, drug_class), = case.medications[0].drugs
    assert catalogue.drug_classes[drug_class].cause == cause


def test_kb_drugs_lists_the_indications_in_json(capsys):
    assert main(["kb", "drugs", "--format", "json"]) == 0
    indications = {i["id"]: i for i in json.loads(capsys.readouterr().out)["indications"]}
    assert indications["treatment_resistant_schizophrenia"]["drug"] == "clozapine"
    assert indications["hiv"]["inference"] == "none"


# ---- the interview -----------------------------------------------------------------------

def drive_medications(assessor, keys: str) -> tuple[InterviewSession, str]:
    session = InterviewSession(assessor)
    shown = io.StringIO()
    interviewer = Interviewer(session, Console(file=shown, width=100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        entries = interviewer.collect_medications()
    session.answer("medications", entries)
    return session, shown.getvalue()


def test_the_interview_takes_a_drug_typed_as_what_it_is_for(assessor):
    session, shown = drive_medications(assessor, "a drug for graves disease (name not known)"
                                       + ENTER + "6" + ENTER + ENTER + ENTER)
    assert session.answers["medications"] == [{"for": "hyperthyroidism", "started_weeks_ago": 6}]
    assert "a drug for hyperthyroidism, name not given" in " ".join(shown.split())


def test_the_interview_refuses_a_use_it_does_not_know_and_asks_again(assessor):
    session, shown = drive_medications(assessor, "for grave disease" + ENTER
                                       + "for rheumatoid arthritis" + ENTER + "13" + ENTER
                                       + ENTER + ENTER)
    assert "not a use the drug dictionary knows" in shown
    assert session.answers["medications"] == [{"for": "rheumatoid_arthritis",
                                               "started_weeks_ago": 13}]


# ---- HIV: no class from the indication, but zidovudine's picture counts -------------------

HIV_CYTOPENIAS = dict(patient={"age_years": 36, "sex": "female"},
                      labs={"wbc": 1900, "anc": 700, "hemoglobin": 9.9, "platelets": 162000})


def test_a_drug_for_hiv_with_large_red_cells_and_low_counts_points_to_zidovudine(assess):
    result = assess(patient=HIV_CYTOPENIAS["patient"],
                    labs={**HIV_CYTOPENIAS["labs"], "mcv": 112},
                    medications=[{"for": "hiv", "started_weeks_ago": 10}])
    antiviral = ranked(result, "drug_antiviral")
    assert antiviral is not None and antiviral.rank <= 3
    assert "large_red_cells_and_low_counts_on_an_unnamed_drug_for_hiv" in {
        e.rule for e in antiviral.evidence}


def test_a_drug_for_hiv_with_normal_sized_red_cells_weighs_for_nothing(assess):
    result = assess(patient=HIV_CYTOPENIAS["patient"], labs={**HIV_CYTOPENIAS["labs"], "mcv": 88},
                    medications=[{"for": "hiv", "started_weeks_ago": 10}])
    assert ranked(result, "drug_antiviral") is None


def test_study_offers_to_take_away_the_unnamed_drug_and_doing_so_drops_its_cause(assessor):
    from engine import study

    case = make_case(**SCHIZOPHRENIA_AGRANULOCYTOSIS,
                     medications=[{"for": "treatment_resistant_schizophrenia",
                                   "started_weeks_ago": 6}])
    result = assessor.assess(case)
    [change] = [c for c in study.suggested_changes(case, result)
                if c.kind == "remove_medication"]
    assert change.key == "a drug for treatment-resistant schizophrenia, name not given"
    diff = study.what_if(assessor, case, change)
    assert "drug_clozapine" not in [c.cause for c in diff.after.ranking]


def test_validate_does_not_count_a_drug_weighed_by_what_it_is_for_as_weighing_for_nothing(
        tmp_path, capsys):
    path = Path(tmp_path) / "named.yaml"
    path.write_text("id: x\nlabs: {wbc: 2000}\nmedications:\n"
                    "  - {name: Zorbatrex, for: rheumatoid_arthritis}\n  - {name: Quorblax}\n",
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "medications[1].for" in captured.err and "Zorbatrex" in captured.err
    assert "1 medication name not in the drug dictionary" in captured.out  # Quorblax alone
