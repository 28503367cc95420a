"""The command line as a user meets it: formats agree with each other, explain shows how a
score was built, and usage mistakes exit 2."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from interview.cli import main

CASE = """\
id: clozapine-fever
title: Fever ten weeks into clozapine
patient: {age_years: 34, sex: male}
labs: {wbc: 2100, anc: 300, hemoglobin: 14.2, platelets: 245000}
medications:
  - {name: Clozaril, started_weeks_ago: 10}
findings: {temperature_c: 38.6, recent_viral_illness: yes}
expected: {causes: [drug_clozapine], pitfalls: [neutropenic_fever]}
"""


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "clozapine-fever.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def run(argv, capsys):
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_table_and_json_give_the_same_ranking(case_file, capsys):
    _, out, _ = run(["score", str(case_file), "--format", "json"], capsys)
    ranking = json.loads(out)["cases"][0]["ranking"]
    _, table, _ = run(["score", str(case_file), "--top", str(len(ranking))], capsys)
    shown = [line for line in table.splitlines() if re.match(r"^│\s*\d+\s*│", line)]
    ranks = [int(re.match(r"^│\s*(\d+)", line).group(1)) for line in shown]
    assert ranks == [cause["rank"] for cause in ranking]
    for line, cause in zip(shown, ranking, strict=True):
        assert cause["name"].split()[0] in line


def test_the_emergency_comes_first_in_every_format(case_file, capsys):
    _, out, _ = run(["score", str(case_file), "--format", "json"], capsys)
    case = json.loads(out)["cases"][0]
    assert case["pitfalls"][0]["indicator"] == "critical"
    assert case["pitfalls"][0]["id"] == "neutropenic_fever"
    assert len(case["pitfalls"][0]["summary"]) < 140
    _, out, _ = run(["score", str(case_file), "--format", "csv"], capsys)
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["emergency"] == "yes"
    assert row["pitfalls"].startswith("critical:neutropenic_fever")
    _, table, _ = run(["score", str(case_file)], capsys)
    assert table.index("EMERGENCY") < table.index("Clozapine-induced")


def test_json_states_the_hit_and_the_summary_metrics(case_file, capsys):
    status, out, _ = run(["score", str(case_file), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 0
    assert report["cases"][0]["hit"]["rank"] == 1
    assert report["cases"][0]["hit"]["pitfalls_missed"] == []
    assert report["summary"]["top1"] == 1.0 and report["summary"]["mrr"] == 1.0


def test_explain_shows_each_rule_weight_and_source_behind_the_top_cause(case_file, capsys):
    status, out, _ = run(["explain", str(case_file)], capsys)
    assert status == 0
    assert "drug_exposure_counts_for_its_cause" in out
    assert "+15" in out
    assert "prior" in out
    assert re.search(r"\bask_(about|for)_\w+", out)  # which rule asked for what


def test_output_file_is_written_whole(case_file, tmp_path, capsys):
    target = tmp_path / "report.json"
    run(["score", str(case_file), "--format", "json", "--output", str(target)], capsys)
    assert json.loads(target.read_text())["summary"]["scored"] == 1
    assert not list(tmp_path.glob(".leukodx-*"))


def test_usage_mistakes_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["score"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["score", "x.yaml", "--format", "pdf"])
    assert exit_info.value.code == 2


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("leukodx ")


def test_a_small_json_report_holds_each_case_whole(case_file, capsys):
    # the report is rendered where each case was scored; the indented small report must
    # still carry every field, the evidence and the open questions included
    from engine.assessment import assess
    from engine.batch import CaseOutcome
    from engine.cases import load_case
    from interview.render import outcome_dict

    _, out, _ = run(["score", str(case_file), "--format", "json"], capsys)
    shown = json.loads(out)["cases"][0]
    case = load_case(str(case_file))
    whole = outcome_dict(CaseOutcome(id=case.id, file=str(case_file), status="ok",
                                     result=assess(case), case=case))
    assert shown == json.loads(json.dumps(whole))
    assert shown["ranking"][0]["evidence"] and shown["next_questions"]
