"""Files made to break a YAML reader: code-running tags, alias bombs, deep nesting, huge files,
bytes that are not UTF-8 text, binary junk. Each is refused with one clear line naming the
file, and the batch around it goes on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engine.cases import MAX_FILE_BYTES, load_file
from engine.errors import CaseFileError
from interview.cli import main
from tests.conftest import ROOT

GOOD = "id: fine\nlabs: {wbc: 3000, anc: 1200}\n"


def billion_laughs(where: str) -> str:
    lines = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    anchors = "\n".join(lines)
    if where == "dose":
        return ("id: bomb\nlabs: {wbc: 3000}\nteaching:\n  vignette: x\n  points:\n"
                + anchors.replace("  ", "    - ", 1).replace("\n  ", "\n    - ")
                + "\nmedications:\n  - {name: clozapine, dose: *j}\n")
    return "id: bomb\nlabs: {wbc: 3000}\nfindings:\n" + anchors + "\n"


HOSTILE = {
    "python_object_tag": ("id: x\nlabs: !!python/object/apply:os.system ['echo owned']\n",
                          "tags are not allowed"),
    "python_name_tag": ("id: !!python/name:os.system x\n", "tags are not allowed"),
    "python_module_tag": ("!!python/module:os\n", "tags are not allowed"),
    "custom_local_tag": ("id: x\nlabs: !secret {wbc: 3000}\n", "tags are not allowed"),
    "alias_bomb_in_findings": (billion_laughs("findings"), "aliases"),
    "alias_bomb_as_a_dose": (billion_laughs("dose"), "aliases"),
    "deep_flow_nesting": ("id: x\nlabs: " + "[" * 100_000 + "]" * 100_000 + "\n",
                          "nested more than"),
    "deep_mapping_nesting": ("id: x\nlabs: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n",
                             "nested more than"),
    "deep_block_nesting": ("id: x\nlabs:\n" + "".join("  " * i + "- \n" for i in range(1, 300))
                           + "  " * 300 + "- 1\n", "nested more than"),
    "huge_string_value": ("id: x\nlabs: {wbc: 3000}\nfindings:\n  splenomegaly: '"
                          + "y" * 1_000_000 + "'\n", "expected yes, no or unknown"),
    "huge_key": ("id: x\nlabs: {wbc: 3000}\nfindings:\n  " + "k" * 1000 + ": yes\n",
                 "unknown key"),
    "mapping_as_a_key": ("id: x\nlabs:\n  ? {wbc: 1}\n  : 3000\n", "invalid YAML"),
    "dose_as_a_structure": ("id: x\nlabs: {wbc: 3000}\nmedications:\n"
                            "  - {name: clozapine, dose: {a: [1, 2]}}\n", "dose"),
    "not_a_number": ("id: x\nlabs: {wbc: .nan}\n", "wbc"),
    "infinite_count": ("id: x\nlabs: {wbc: .inf}\n", "wbc"),
    "multiple_documents": ("id: a\n---\nid: b\n", "one case per document"),
}


def run(argv, capsys):
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_yaml_is_refused_with_one_clear_line(name, tmp_path, capsys):
    text, words = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD)
    status, out, err = run(["score", str(tmp_path), "--format", "json"], capsys)
    report = json.loads(out)
    assert status == 1
    (bad,) = [case for case in report["cases"] if case["status"] == "error"]
    assert bad["error"].startswith(str(path))
    assert words in bad["error"]
    assert len(bad["error"]) < 400 and "\n" not in bad["error"]
    assert report["summary"]["scored"] == 1  # the good case beside it
    assert "Traceback" not in out + err


def test_a_50_megabyte_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(b"id: huge\nfindings:\n")
        handle.write(b"  # padding\n" * (50_000_000 // 12))
    assert path.stat().st_size > 40_000_000 > MAX_FILE_BYTES
    (error,) = load_file(str(path))
    assert isinstance(error, CaseFileError)
    assert "too large for a case file" in error.message and str(path) in error.message


@pytest.mark.parametrize("data, words", [
    (b"id: caf\xe9\nlabs: {wbc: 3000}\n", "is not UTF-8 text"),
    (b"\xff\xfe\x00i\x00d\x00", "binary"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary"),
    (b"id: x\nlabs: {wbc: 3000}\ntitle: \x07\x1b[31m bell and escape\n", "invalid YAML"),
])
def test_bytes_that_are_not_text_are_refused(tmp_path, data, words):
    path = tmp_path / "junk.yaml"
    path.write_bytes(data)
    (error,) = load_file(str(path))
    assert isinstance(error, CaseFileError)
    assert words in error.message and str(path) in error.message


def test_hostile_files_do_not_take_the_real_program_down(tmp_path):
    """The same files through the installed entry point, in a separate process: a crash of
    the C parser (deep nesting) would show here as a signal, not an exit status."""
    for name, (text, _) in HOSTILE.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD)
    finished = subprocess.run(
        [sys.executable, "-m", "interview.cli", "score", str(tmp_path), "--format", "csv",
         "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 1, finished.stderr
    assert "Traceback" not in finished.stderr
    rows = finished.stdout.splitlines()[1:]
    assert len(rows) == len(HOSTILE) + 1
    assert sum(",ok," in row for row in rows) == 1
