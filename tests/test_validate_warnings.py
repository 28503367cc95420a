"""A drug the dictionary does not know: validate names its file, line and key, suggests
the name meant, says it weighs for nothing, and fails only under --strict."""

from __future__ import annotations

import pickle

from engine.cases import load_text
from interview.cli import main
from rules.catalogue import load_catalogue

MISSPELT = """\
id: misspelt
labs: {wbc: 2100, anc: 600}
medications:
  - {name: omeprazole, started_weeks_ago: 30}
  - {name: methotrexat, started_weeks_ago: 10}
"""


def run(argv, capsys):
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_validate_says_a_misspelt_drug_weighs_for_nothing_with_its_line_key_and_the_name_meant(
        tmp_path, capsys):
    path = tmp_path / "misspelt.yaml"
    path.write_text(MISSPELT)
    status, out, err = run(["validate", str(path)], capsys)
    assert status == 0  # a real medication list may hold a drug the dictionary lacks
    (warning,) = [row for row in err.splitlines() if row.startswith("warning ")]
    assert warning.startswith(f"warning {path}:5: medications[2].name: ")
    assert "weighs for nothing" in warning and "did you mean 'methotrexate'?" in warning
    assert "1 valid, 0 invalid; 1 case with warnings" in out
    assert "no cause is raised or lowered by it" in out


def test_validate_strict_counts_a_drug_the_dictionary_does_not_know_as_an_error(
        tmp_path, capsys):
    (tmp_path / "misspelt.yaml").write_text(MISSPELT)
    (tmp_path / "clean.yaml").write_text("id: clean\nlabs: {wbc: 2100, anc: 600}\n"
                                         "medications: [{name: methotrexate}]\n")
    status, out, err = run(["validate", "--strict", str(tmp_path)], capsys)
    assert status == 1
    (error,) = [row for row in err.splitlines() if row.startswith("error ")]
    assert ":5: medications[2].name: " in error and error.endswith("(--strict)")
    assert "ok    " + str(tmp_path / "clean.yaml") in out
    assert str(tmp_path / "misspelt.yaml") not in out
    assert "1 valid, 1 invalid" in out


def test_a_misspelt_drug_in_a_combination_suggests_the_combination():
    catalogue = load_catalogue()
    assert catalogue.suggest_drug("methotrexat + folic acid") == "methotrexate + folic acid"
    (case,) = load_text("id: c\nlabs: {wbc: 2100}\n"
                        "medications: [{name: Velcade and Dexamethasne}]\n")
    assert "did you mean 'velcade + dexamethasone'?" in case.warnings[0]


def test_a_drug_name_of_a_megabyte_gets_no_suggestion_and_a_short_quote():
    name = "methotrexat " * 90_000
    assert load_catalogue().suggest_drug(name) is None
    (case,) = load_text("id: long\nlabs: {wbc: 2100}\nmedications:\n  - name: " + name + "\n")
    assert len(case.warnings[0]) < 200 and "weighs for nothing" in case.warnings[0]
    assert case.medications[0].name == name.strip()  # kept whole in the case


def test_a_warning_keeps_its_line_and_key_when_sent_between_processes():
    (case,) = load_text(MISSPELT, name="misspelt.yaml")
    warning = pickle.loads(pickle.dumps(case.warnings[0]))
    assert (warning.file, warning.line, warning.key) == ("misspelt.yaml", 5,
                                                         "medications[2].name")
    assert warning == case.warnings[0]
