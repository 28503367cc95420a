"""A user's mistake in a case file gives a one-line error naming the file, the line and the
key, never a traceback; the good cases in the same batch are still scored; exit status 1."""

from __future__ import annotations

import json

import pytest

from interview.cli import main

GOOD = """\
id: good-case
patient: {age_years: 40}
labs: {wbc: 3000, anc: 1200}
"""

BAD_FILES = {
    "malformed_yaml": ("id: x\nlabs: {wbc: 3000\n", 3, None, "starts at line 2"),
    "unknown_key": ("id: x\nlabs:\n  wbc: 3000\n  neutrophills_pct: 40\n", 4,
                    "labs.neutrophills_pct", "did you mean 'neutrophils_pct'"),
    "wrong_type": ("id: x\nlabs: {wbc: 3000}\nfindings:\n  splenomegaly: maybe\n", 4,
                   "findings.splenomegaly", "expected yes, no or unknown"),
    "anc_above_wbc": ("id: x\nlabs:\n  wbc: 3000\n  anc: 4500\n", 4, "labs.anc",
                      "cannot be above the white count"),
    "negative_count": ("id: x\nlabs:\n  wbc: -300\n", 3, "labs.wbc", "cannot be negative"),
    "count_in_thousands": ("id: x\nlabs:\n  wbc: 2.1\n", 3, "labs.wbc", "did you mean 2100"),
    "python_tag": ("id: x\nlabs: !!python/object:os.system {wbc: 1}\n", 2, None,
                   "tags are not allowed"),
    "empty_file": ("", None, None, "is empty"),
    "fahrenheit": ("id: x\nlabs: {wbc: 3000}\nfindings:\n  temperature_c: 101.3\n", 4,
                   "findings.temperature_c", "°F"),
    "not_a_mapping": ("- just\n- a list\n", 1, None, "expected a mapping"),
    "tag_that_cannot_read_its_value": ("id: x\nlabs: {wbc: 3000}\nfindings: {fever: !!bool "
                                       "maybe}\n", 3, "findings.fever", "remove the !!bool tag"),
}


def run(argv, capsys):
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_case_file_gives_one_located_line_and_exit_1(name, tmp_path, capsys):
    text, line, key, words = BAD_FILES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    status, out, err = run(["validate", str(path)], capsys)
    assert status == 1
    errors = [row for row in err.splitlines() if row.startswith("error ")]
    assert len(errors) == 1, err
    message = errors[0]
    where = f"{path}:{line}" if line else str(path)
    assert where in message
    if key:
        assert f"{key}:" in message
    assert words in message
    assert "Traceback" not in out + err


def test_missing_file_is_reported_not_raised(tmp_path, capsys):
    missing = tmp_path / "nowhere.yaml"
    status, out, err = run(["score", str(missing), "--format", "json"], capsys)
    assert status == 1
    (case,) = json.loads(out)["cases"]
    assert case["status"] == "error" and case["error"] == f"{missing}: no such file"
    assert "Traceback" not in out + err


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_score_gives_each_bad_file_one_located_error_row_and_exit_1(name, tmp_path, capsys):
    text, line, key, words = BAD_FILES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD)
    status, out, err = run(["score", str(tmp_path), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 1
    assert (report["summary"]["scored"], report["summary"]["errors"]) == (1, 1)
    (bad,) = [case for case in report["cases"] if case["status"] == "error"]
    message = bad["error"]
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}:" if line else f"{path}:")
    if key:
        assert f"{key}:" in message
    assert words in message
    assert "Traceback" not in out + err


def test_one_bad_file_in_a_folder_leaves_the_good_ones_scored(tmp_path, capsys):
    for index in range(3):
        (tmp_path / f"good{index}.yaml").write_text(GOOD.replace("good-case", f"good-{index}"))
    (tmp_path / "bad.yaml").write_text("id: bad\nlabs: {wbc: 2.1}\n")
    status, out, _ = run(["score", str(tmp_path), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 1
    assert (report["summary"]["cases"], report["summary"]["scored"],
            report["summary"]["errors"]) == (4, 3, 1)
    bad = [case for case in report["cases"] if case["status"] == "error"]
    assert len(bad) == 1 and "bad.yaml:2" in bad[0]["error"]


def test_one_bad_case_in_a_multi_case_file_leaves_the_others_scored(tmp_path, capsys):
    path = tmp_path / "several.yaml"
    path.write_text("cases:\n"
                    "  - {id: a, labs: {wbc: 3000, anc: 1200}}\n"
                    "  - {id: b, labs: {wbc: 3000, anc: 9000}}\n"
                    "  - {id: c, labs: {wbc: 2500, anc: 700}}\n")
    status, out, _ = run(["score", str(path), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 1
    assert [case["status"] for case in report["cases"]] == ["ok", "error", "ok"]
    assert "several.yaml:3" in report["cases"][1]["error"]


def test_unrecognised_medication_is_reported_with_a_suggestion_not_dropped(tmp_path, capsys):
    path = tmp_path / "typo.yaml"
    path.write_text("id: typo\nlabs: {wbc: 2500, anc: 600}\n"
                    "medications:\n  - {name: clozapin, started_weeks_ago: 8}\n")
    status, out, _ = run(["score", str(path), "--format", "json"], capsys)
    case = json.loads(out)["cases"][0]
    assert status == 0
    assert any("clozapin" in w and "clozapine" in w for w in case["warnings"])


MANY_ERRORS = """\
id: many-errors
patient: {age_years: 240, sexx: female}
labs:
  wbc: 3000
  anc: 4500
  neutrophills_pct: 40
medications:
  - name: clozapine
    started_weeks_ago: soon
  - name: carbimazole
    stoped_weeks_ago: 1
findings:
  splenomegaly: maybe
  cirrhosis: no
  cirrhosis: yes
expected:
  causes: [drug_inducedd]
"""
# (line, key, words) of every error in MANY_ERRORS, in the order of the file
EVERY_ERROR = [(2, "patient.age_years", "outside the possible range"),
               (2, "patient.sexx", "did you mean 'sex'"),
               (5, "labs.anc", "cannot be above the white count"),
               (6, "labs.neutrophills_pct", "did you mean 'neutrophils_pct'"),
               (9, "medications[1].started_weeks_ago", "expected a number of weeks"),
               (11, "medications[2].stoped_weeks_ago", "did you mean 'stopped_weeks_ago'"),
               (13, "findings.splenomegaly", "expected yes, no or unknown"),
               (15, "findings.cirrhosis", "is given twice (lines 14 and 15)"),
               (17, "expected.causes[1]", "unknown cause 'drug_inducedd'")]


def test_validate_reports_every_error_in_a_case_at_once_each_with_its_line_and_key(
        tmp_path, capsys):
    path = tmp_path / "many.yaml"
    path.write_text(MANY_ERRORS)
    status, out, err = run(["validate", str(path)], capsys)
    assert status == 1
    errors = [row for row in err.splitlines() if row.startswith("error ")]
    assert len(errors) == len(EVERY_ERROR), err
    # in the order of the file (two errors on one line in either order)
    lines = [int(row.split(": ")[0].rsplit(":", 1)[1]) for row in errors]
    assert lines == sorted(lines)
    for line, key, words in EVERY_ERROR:
        assert any(row.startswith(f"error {path}:{line}: {key}: ") and words in row
                   for row in errors), (key, err)
    assert out.splitlines()[-1] == "0 valid, 1 invalid"


def test_validate_lists_the_errors_of_every_bad_case_in_a_file_of_many(tmp_path, capsys):
    path = tmp_path / "several.yaml"
    path.write_text("cases:\n"
                    "  - {id: a, labs: {wbc: 3000, anc: 9000, platelets: -1}}\n"
                    "  - {id: b, labs: {wbc: 3000, anc: 1200}}\n"
                    "  - {id: c, labs: {wbc: 2.5, anc: 700}, findings: {fever: maybe}}\n")
    status, out, err = run(["validate", str(path)], capsys)
    errors = [row for row in err.splitlines() if row.startswith("error ")]
    assert status == 1
    assert sorted(row.split(": ")[1] for row in errors) == [
        "cases[1].labs.anc", "cases[1].labs.platelets", "cases[3].findings.fever",
        "cases[3].labs.wbc"]
    assert out.splitlines()[-1] == "1 valid, 2 invalid"


def test_score_reports_a_case_with_many_errors_as_one_row_naming_its_first_and_the_count(
        tmp_path, capsys):
    path = tmp_path / "many.yaml"
    path.write_text(MANY_ERRORS)
    (tmp_path / "good.yaml").write_text(GOOD)
    status, out, _ = run(["score", str(tmp_path), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 1 and (report["summary"]["scored"], report["summary"]["errors"]) == (1, 1)
    (bad,) = [case for case in report["cases"] if case["status"] == "error"]
    assert bad["error"].startswith(f"{path}:2: patient.")
    assert bad["error"].endswith(f"and {len(EVERY_ERROR) - 1} more errors in this case "
                                 f"(leukodx validate {path} lists every one)")
    assert "\n" not in bad["error"]


def test_a_key_given_twice_is_not_followed_by_errors_that_come_only_from_the_value_kept(
        tmp_path, capsys):
    path = tmp_path / "twice.yaml"
    path.write_text("id: x\nlabs:\n  wbc: 3000\n  anc: 1000\n  wbc: 900\n  platelets: -4\n")
    status, _, err = run(["validate", str(path)], capsys)
    errors = [row for row in err.splitlines() if row.startswith("error ")]
    # YAML kept wbc: 900, below the ANC written against 3000: that follows from the
    # duplicate and is not reported; the negative platelets stand on their own
    assert status == 1 and len(errors) == 2, err
    assert errors[0].startswith(f"error {path}:5: labs.wbc: is given twice (lines 3 and 5)")
    assert errors[1].startswith(f"error {path}:6: labs.platelets: ")
