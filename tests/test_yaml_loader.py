"""What YAML would resolve silently is refused with the line: a key given twice, YAML 1.1
octal and base-60 numbers, numbers too long for Python, values of a type the builder does
not expect; nesting that would crash the C parser and paths that are not regular files are
refused before they are parsed or opened. Each such case is its own one-line error; the
cases beside it still load."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from engine.cases import Case, load_file, load_text
from engine.errors import CaseFileError
from interview.cli import main
from tests.conftest import ROOT

GOOD = "id: good\nlabs: {wbc: 3000, anc: 1200}\n"


def outcomes(text: str):
    return load_text(text, "case.yaml")


def only_error(text: str) -> CaseFileError:
    (outcome,) = outcomes(text)
    assert isinstance(outcome, CaseFileError), outcome
    return outcome


@pytest.mark.parametrize("text, line, key, first", [
    ("id: x\nlabs: {wbc: 3000}\nlabs: {wbc: 800}\n", 3, "labs", 2),
    ("id: x\nid: y\nlabs: {wbc: 3000}\n", 2, "id", 1),
    ("id: x\nlabs:\n  wbc: 3000\n  anc: 1000\n  wbc: 900\n", 5, "labs.wbc", 3),
    ("id: x\nlabs: {wbc: 3000}\nmedications:\n  - name: clozapine\n    name: metformin\n",
     5, "medications[1].name", 4),
    ("id: x\nlabs: {wbc: 3000}\nfindings: {fever: yes, 'fever': no}\n", 3, "findings.fever", 3),
])
def test_a_key_given_twice_is_refused_naming_both_lines(text, line, key, first):
    error = only_error(text)
    assert (error.line, error.key) == (line, key)
    assert f"lines {first} and {line}" in error.problem


def test_a_key_given_twice_in_one_case_of_many_refuses_that_case_alone():
    text = ("cases:\n  - id: a\n    labs: {wbc: 3000}\n  - id: b\n    labs: {wbc: 3000}\n"
            "    labs: {wbc: 200}\n  - id: c\n    labs: {wbc: 3000}\n")
    first, second, third = outcomes(text)
    assert isinstance(first, Case) and isinstance(third, Case)
    assert isinstance(second, CaseFileError) and second.line == 6
    assert second.key == "cases[2].labs"


def test_the_cases_list_given_twice_refuses_the_file():
    (error,) = outcomes("cases:\n  - id: a\n    labs: {wbc: 3000}\ncases:\n  - id: b\n")
    assert isinstance(error, CaseFileError) and error.line == 4


@pytest.mark.parametrize("text, line, key, fix", [
    ("id: x\nlabs: {wbc: 3000, anc: 0700}\n", 2, "labs.anc", "write 700"),
    ("id: x\nlabs:\n  wbc: 3000\n  platelets: 0150000\n", 4, "labs.platelets", "write 150000"),
    ("id: x\nlabs: {wbc: 3000}\nmedications: [{name: clozapine, started_weeks_ago: 1:30}]\n",
     3, "medications[1].started_weeks_ago", "plain digits"),
    ("id: 0012\nlabs: {wbc: 3000}\n", 1, "id", "'0012'"),
    ("id: x\nlabs: {wbc: 3000}\nfindings: {temperature_c: 0x26}\n", 3,
     "findings.temperature_c", "decimal"),
    ("id: x\nlabs: {wbc: 3000}\nfindings: {acute_infection_onset_days: 1:30.5}\n", 3,
     "findings.acute_infection_onset_days", "plain digits"),
])
def test_yaml_11_octal_base_60_and_hexadecimal_numbers_are_refused_not_converted(text, line,
                                                                                 key, fix):
    error = only_error(text)
    assert (error.line, error.key) == (line, key)
    assert fix in error.hint


def test_a_leading_zero_that_yaml_reads_as_text_is_kept_as_written():
    (case,) = outcomes("id: 0800\nlabs: {wbc: 3000, anc: '0700'}\n")
    assert case.id == "0800" and case.labs["anc"] == 700


@pytest.mark.parametrize("written, answer", [("yes", "yes"), ("no", "no"), ("on", "yes"),
                                             ("off", "no"), ("true", "yes"), ("'no'", "no")])
def test_yaml_yes_no_words_still_answer_yes_no_questions(written, answer):
    (case,) = outcomes(f"id: x\nlabs: {{wbc: 3000}}\nfindings: {{splenomegaly: {written}}}\n")
    assert case.findings["splenomegaly"] == answer


@pytest.mark.parametrize("text, key", [
    ("id: x\npatient: {sex: no}\nlabs: {wbc: 3000}\n", "patient.sex"),
    ("id: x\nlabs: {wbc: 3000}\nfindings: {temperature_c: 3.8e1}\n", "findings.temperature_c"),
    ("id: x\nlabs: {wbc: 1e3}\n", "labs.wbc"),
])
def test_other_yaml_11_surprises_are_refused_not_reinterpreted(text, key):
    assert only_error(text).key == key


BAD_TYPES = {
    "5000_digit_integer": ("patient: {age_years: " + "9" * 5000 + "}\n", "patient.age_years"),
    "400_digit_integer": ("findings: {temperature_c: " + "9" * 400 + "}\n",
                          "findings.temperature_c"),
    "400_digit_lab": ("labs: {wbc: " + "9" * 400 + "}\n", "labs.wbc"),
    "400_digit_weeks": ("medications: [{name: clozapine, started_weeks_ago: " + "9" * 400
                        + "}]\n", "medications[1].started_weeks_ago"),
    "long_integer_dose": ("medications: [{name: clozapine, dose: " + "9" * 5000 + "}]\n",
                          "medications[1].dose"),
    "list_in_expected_causes": ("expected: {causes: [[1]]}\n", "expected.causes[1]"),
    "mapping_in_expected_pitfalls": ("expected: {pitfalls: [{a: 1}]}\n",
                                     "expected.pitfalls[1]"),
    "mapping_as_expected_causes": ("expected: {causes: {a: 1}}\n", "expected.causes"),
    "number_as_title": ("title: 0\n", "title"),
    "empty_list_as_vignette": ("teaching: {vignette: []}\n", "teaching.vignette"),
    "mapping_as_points": ("teaching: {points: {}}\n", "teaching.points"),
    "list_as_difficulty": ("teaching: {difficulty: [easy]}\n", "teaching.difficulty"),
}


@pytest.mark.parametrize("name", sorted(BAD_TYPES))
def test_a_value_of_an_unexpected_type_or_size_is_that_cases_one_line_error(name, tmp_path,
                                                                            capsys):
    body, key = BAD_TYPES[name]
    text = "id: x\n" + ("labs: {wbc: 3000}\n" if not body.startswith("labs") else "") + body
    (tmp_path / "bad.yaml").write_text(text)
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "many.yaml").write_text(
        "cases:\n  - id: m1\n    labs: {wbc: 3000}\n  - " + text.replace("\n", "\n    ")
        + "\n  - id: m3\n    labs: {wbc: 3000}\n")
    for command in (["score", str(tmp_path), "--format", "json", "--jobs", "1"],
                    ["validate", str(tmp_path)]):
        status = main(command)
        captured = capsys.readouterr()
        assert status == 1 and "Traceback" not in captured.err
    main(["score", str(tmp_path), "--format", "json", "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    errors = [case["error"] for case in report["cases"] if case["status"] == "error"]
    assert len(errors) == 2 and report["summary"]["scored"] == 3
    assert all(f"{key}:" in error and "\n" not in error and len(error) < 400
               for error in errors if "bad.yaml" in error), errors


def run_validate(path, timeout=120, memory_limit=None):
    def limit():
        if memory_limit:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    return subprocess.run([sys.executable, "-m", "interview.cli", "validate", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit)


@pytest.mark.parametrize("text", [
    "- " * 100_000,
    "id: x\nlabs:\n" + "- " * 5000 + "1\n",
    "id: x\nlabs: " + "[" * 2000 + "]" * 2000 + "\n",
    "id: x\nlabs: " + "[" * 2000 + " : ]\n",
    "id: x\nlabs: " + "{a: [" * 1000 + "1" + "]}" * 1000 + "\n",
])
def test_nesting_that_crashed_the_c_parser_is_refused_in_one_line(text, tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    finished = run_validate(path)
    assert finished.returncode == 1, (finished.returncode, finished.stderr[-300:])
    assert str(path) in finished.stderr and "Traceback" not in finished.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_given_as_a_case_file_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    finished = run_validate(fifo, timeout=60)
    assert finished.returncode == 1
    assert "FIFO" in finished.stderr and "Traceback" not in finished.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_given_as_a_case_file_is_refused_without_reading_it():
    finished = run_validate("/dev/zero", timeout=60, memory_limit=1 << 30)
    assert finished.returncode == 1
    assert "/dev/zero: is a device, not a regular file" in finished.stderr and "Traceback" not in finished.stderr


def test_a_socket_and_a_broken_link_are_refused_in_one_line(tmp_path):
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.yaml"))
        (error,) = load_file(str(tmp_path / "sock.yaml"))
        assert "is a socket" in error.message
    finally:
        server.close()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "gone.yaml")
    (error,) = load_file(str(tmp_path / "link.yaml"))
    assert "broken symbolic link" in error.message and "gone.yaml" in error.message


def test_a_wrong_answer_holding_long_nested_mappings_is_quoted_short_in_a_one_line_error():
    # a yes/no finding given a mapping of mappings with long keys (found by the fuzz test):
    # the value quoted in the message is cut, so the case's error stays one short line even
    # with the note that more errors follow
    nested = {"k" * 50 + str(i): {"v" * 50 + str(j): -3.9e16 for j in range(4)} for i in range(4)}
    text = json.dumps({"cases": [{"id": "a", "findings": {"central_line": nested,
                                                          "splenomegaly": "maybe"}}]})
    (outcome,) = load_text(text, "many.yaml")
    assert isinstance(outcome, CaseFileError)
    assert outcome.more, "the case has a second error, so the message says more follow"
    assert "\n" not in outcome.message and len(outcome.message) < 300
    assert "central_line" in outcome.message and "..." in outcome.message
