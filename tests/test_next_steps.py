"""Next steps: every cause in the catalogue says what would confirm or exclude it and what to
do, with a source; the reports show them for the leading causes, and a drug cause names the
drug in the case."""

from __future__ import annotations

import dataclasses
import json

from conftest import make_case

from engine.next_steps import check_next_steps
from interview.cli import main
from interview.kb import handbook_markdown
from rules.catalogue import Cause, load_catalogue

AZATHIOPRINE = dict(
    patient={"age_years": 58, "sex": "female"},
    labs={"wbc": 2600, "anc": 900, "hemoglobin": 12.9, "platelets": 210000},
    medications=[{"name": "azathioprine", "started_weeks_ago": 8}],
)


def test_every_cause_in_the_catalogue_has_a_test_and_an_action_with_a_source():
    assert check_next_steps(load_catalogue()) == []


def test_kb_check_names_a_new_cause_that_has_no_next_steps():
    catalogue = dataclasses.replace(load_catalogue())
    catalogue.causes = {**catalogue.causes, "new_cause": Cause(
        id="new_cause", name="A new cause", category="other", tier="rare",
        must_not_miss=False, summary="x", sources=("seed-000",))}
    problems = check_next_steps(catalogue)
    assert [(p.check, p.subject) for p in problems] == [("cause_without_next_steps",
                                                         "new_cause")]


def test_a_next_step_citing_an_unknown_source_is_an_error():
    catalogue = dataclasses.replace(load_catalogue())
    step = catalogue.next_steps["hiv"][0]
    catalogue.next_steps = {**catalogue.next_steps,
                            "hiv": (dataclasses.replace(step, source="nowhere-2020"),)}
    problems = check_next_steps(catalogue)
    assert ("unknown_source", "hiv") in [(p.check, p.subject) for p in problems]
    assert ("cause_without_next_steps", "hiv") in [(p.check, p.subject) for p in problems]


def test_a_drug_cause_is_named_after_the_drug_in_the_case_and_its_steps_say_stop_it(assessor):
    result = assessor.assess(make_case(**AZATHIOPRINE))
    cause = next(c for c in result.ranking if c.cause == "drug_immunosuppressant")
    assert cause.name == "Azathioprine — Immunosuppressant marrow suppression"
    assert cause.drugs == ("azathioprine",)
    texts = [step.text for step in cause.next_steps]
    assert any("Stop azathioprine" in text for text in texts)
    assert not any("{drug}" in text for text in texts)
    assert {step.kind for step in cause.next_steps} == {"test", "act"}


def test_carbimazole_agranulocytosis_says_stop_the_drug(assessor):
    result = assessor.assess(make_case(
        patient={"age_years": 41, "sex": "female"},
        labs={"wbc": 1400, "anc": 100},
        medications=[{"name": "carbimazole", "started_weeks_ago": 6}],
        findings={"sore_throat_or_mouth_ulcers": "yes"}))
    cause = next(c for c in result.ranking if c.cause == "drug_antithyroid")
    assert cause.rank == 1
    assert cause.next_steps[0].kind == "act"
    assert cause.next_steps[0].text.startswith("Stop carbimazole at once")


def test_a_young_man_with_neutropenia_since_infancy_is_referred_to_haematology_not_only_paediatrics(
        assessor):
    result = assessor.assess(make_case(
        patient={"age_years": 24, "sex": "male"},
        labs={"wbc": 2100, "anc": 150, "hemoglobin": 13.9, "platelets": 260000},
        findings={"age_at_onset": "first_months", "recurrent_infections": "yes"}))
    cause = next(c for c in result.ranking if c.cause == "severe_congenital_neutropenia")
    acts = [step.text for step in cause.next_steps if step.kind == "act"]
    assert acts and acts[0].startswith("Refer to haematology (paediatric haematology for a child)")


def test_score_json_gives_next_steps_with_a_source_on_each_ranked_cause(tmp_path, capsys):
    path = tmp_path / "aza.yaml"
    path.write_text(json.dumps({"id": "aza", **AZATHIOPRINE}), encoding="utf-8")
    assert main(["score", str(path), "--format", "json"]) == 0
    ranking = json.loads(capsys.readouterr().out)["cases"][0]["ranking"]
    assert ranking and all(cause["next_steps"] for cause in ranking)
    for cause in ranking:
        for step in cause["next_steps"]:
            assert step["kind"] in ("test", "act") and step["text"]
            assert step["source"]["id"] and step["source"]["label"]


def test_score_table_and_markdown_show_the_next_steps(tmp_path, capsys):
    path = tmp_path / "aza.yaml"
    path.write_text(json.dumps({"id": "aza", **AZATHIOPRINE}), encoding="utf-8")
    assert main(["score", str(path)]) == 0
    table = capsys.readouterr().out
    assert "Next steps" in table and "Stop azathioprine" in " ".join(table.split())
    assert main(["score", str(path), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "## Next steps" in markdown and "Stop azathioprine" in markdown


def test_the_handbook_lists_next_steps_for_every_cause_without_placeholders():
    from engine import kb_check
    catalogue = load_catalogue()
    text = handbook_markdown(catalogue, kb_check.read_rules(catalogue=catalogue))
    assert text.count("**Next steps**") == len(catalogue.causes)
    assert "{drug}" not in text


def test_chemotherapy_is_left_to_the_oncology_team_not_stopped_on_a_count(assessor):
    result = assessor.assess(make_case(
        patient={"age_years": 62, "sex": "male"}, labs={"wbc": 900, "anc": 100},
        medications=[{"name": "oxaliplatin", "started_weeks_ago": 1.4}],
        findings={"temperature_c": 38.7}))
    cause = next(c for c in result.ranking if c.cause == "chemotherapy_myelosuppression")
    assert cause.name.startswith("Oxaliplatin — ")
    texts = " ".join(step.text for step in cause.next_steps)
    assert "febrile-neutropenia pathway" in texts and "Stop oxaliplatin" not in texts


def test_a_lupus_picture_with_the_ana_known_is_not_told_to_order_an_ana(assess):
    # a young woman with a low count, joint pains and a malar rash: lupus ranked, and its
    # first step depends on whether the case already gives the ANA
    def lupus_steps(findings):
        result = assess(patient={"age_years": 26, "sex": "female"},
                        labs={"wbc": 2600, "anc": 1200, "hemoglobin": 10.8,
                              "platelets": 140000},
                        findings={"joint_symptoms": "yes", "lupus_rash": "yes", **findings})
        cause = next(c for c in result.ranking if c.cause == "systemic_lupus_erythematosus")
        return [step.text for step in cause.next_steps]

    assert any(text.startswith("ANA and, if positive") for text in lupus_steps({}))
    positive = lupus_steps({"antinuclear_antibodies": "positive"})
    assert not any(text.startswith("ANA and") for text in positive)
    assert any(text.startswith("With the ANA already positive: anti-dsDNA") for text in positive)
    negative = lupus_steps({"antinuclear_antibodies": "negative"})
    assert not any(text.startswith("ANA and") for text in negative)
    assert any(text.startswith("With a negative ANA already measured") for text in negative)
    assert not any("ANA already" in text for text in lupus_steps({}))


def test_kb_check_accepts_a_test_finding_in_a_step_condition_and_names_an_unknown_one():
    catalogue = dataclasses.replace(load_catalogue())
    assert not check_next_steps(catalogue)
    step, *rest = catalogue.next_steps["systemic_lupus_erythematosus"]
    catalogue.next_steps = {**catalogue.next_steps, "systemic_lupus_erythematosus": (
        dataclasses.replace(step, unless_abnormal=("antinuclear_antibody",)), *rest)}
    problems = check_next_steps(catalogue)
    assert [(p.check, p.subject) for p in problems] == [
        ("step_names_unknown_lab", "systemic_lupus_erythematosus")]


def test_the_handbook_says_when_a_step_depends_on_a_test_finding():
    from engine import kb_check
    catalogue = load_catalogue()
    text = handbook_markdown(catalogue, kb_check.read_rules(catalogue=catalogue))
    assert "left out when the case already gives Antinuclear antibodies (ANA), either way" in text
    assert "shown once a positive Antinuclear antibodies (ANA) is given" in text
    assert "shown once a normal Vitamin B12 is given" in text
