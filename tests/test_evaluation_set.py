"""The published evaluation set loads as it was entered: every file validates, names its
source, and states what the source said that no key could hold. (Its accuracy is measured by
`leukodx score evaluation/test/`, never asserted here: a test would invite tuning to it.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.cases import case_files, load_file
from engine.errors import CaseFileError

EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"
FILES = sorted(case_files([str(EVALUATION / "dev"), str(EVALUATION / "test")]))
CITATION = re.compile(r"^# source: .*\S", re.M)


def test_the_evaluation_set_is_split_into_dev_and_test_of_at_least_forty_each():
    assert len(list((EVALUATION / "dev").glob("*.yaml"))) >= 40
    assert len(list((EVALUATION / "test").glob("*.yaml"))) >= 40
    dev = {p.name for p in (EVALUATION / "dev").glob("*.yaml")}
    test = {p.name for p in (EVALUATION / "test").glob("*.yaml")}
    assert not dev & test


@pytest.mark.parametrize("path", FILES, ids=[Path(p).name for p in FILES])
def test_every_published_case_validates_and_cites_its_source(path):
    outcomes = load_file(path)
    errors = [o for o in outcomes if isinstance(o, CaseFileError)]
    assert not errors, errors[0].message if errors else ""
    text = Path(path).read_text(encoding="utf-8")
    assert CITATION.search(text), "no '# source:' line"
    assert "# diagnosis as published:" in text
