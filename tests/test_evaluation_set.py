"""The published evaluation set loads as it was entered: every file validates, names its
source, and states what the source said that no key could hold. (Its accuracy is measured by
`leukodx score` on the held-out folders, evaluation/test/ and test2/ to test14/, never asserted
here: a test would invite tuning to it.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.cases import case_files, load_file
from engine.errors import CaseFileError

EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"
SETS = ("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5", "dev5",
        "test6", "dev6", "test7", "dev7", "test8", "dev8", "test9", "dev9", "test10", "dev10",
        "test11", "dev11", "test12", "dev12", "test13", "dev13", "test14")
FILES = sorted(case_files([str(EVALUATION / part) for part in SETS]))
CITATION = re.compile(r"^# source: .*\S", re.M)


def test_the_evaluation_set_is_split_into_dev_and_test_of_at_least_forty_each():
    assert len(list((EVALUATION / "dev").glob("*.yaml"))) >= 40
    assert len(list((EVALUATION / "test").glob("*.yaml"))) >= 40
    dev = {p.name for p in (EVALUATION / "dev").glob("*.yaml")}
    test = {p.name for p in (EVALUATION / "test").glob("*.yaml")}
    assert not dev & test


def test_the_second_held_out_set_shares_no_case_or_source_with_the_first_two():
    first = [EVALUATION / "dev", EVALUATION / "test"]
    sources = {_source(p) for folder in first for p in folder.glob("*.yaml")}
    names = {p.name for folder in first for p in folder.glob("*.yaml")}
    second = list((EVALUATION / "test2").glob("*.yaml"))
    assert len(second) >= 40
    assert not names & {p.name for p in second}
    assert not sources & {_source(p) for p in second}


def test_the_third_set_shares_no_case_or_source_with_the_earlier_ones():
    earlier = [EVALUATION / part for part in ("dev", "test", "test2")]
    sources = {_source(p) for folder in earlier for p in folder.glob("*.yaml")}
    names = {p.name for folder in earlier for p in folder.glob("*.yaml")}
    third = [p for part in ("dev2", "test3") for p in (EVALUATION / part).glob("*.yaml")]
    assert len(third) >= 30
    assert not names & {p.name for p in third}
    assert not sources & {_source(p) for p in third}
    dev2 = {p.name for p in (EVALUATION / "dev2").glob("*.yaml")}
    assert not dev2 & {p.name for p in (EVALUATION / "test3").glob("*.yaml")}
    third_sources = [_source(p) for p in third]
    assert len(set(third_sources)) == len(third_sources), "two cases from one source"


def test_the_fourth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3"), ("dev3", "test4"), at_least=80)


def test_the_fifth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4"), ("dev4", "test5"),
                     at_least=100)


def test_the_sixth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5"),
                     ("dev5", "test6"), at_least=100)


def test_the_seventh_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6"), ("dev6", "test7"), at_least=100)


def test_the_eighth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7"), ("dev7", "test8"), at_least=100)


def test_the_ninth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7", "dev7", "test8"), ("dev8", "test9"),
                     at_least=50)


def test_the_tenth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7", "dev7", "test8", "dev8", "test9"),
                     ("dev9", "test10"), at_least=49)


def test_the_eleventh_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7", "dev7", "test8", "dev8", "test9", "dev9",
                      "test10"), ("dev10", "test11"), at_least=68)


def test_the_twelfth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7", "dev7", "test8", "dev8", "test9", "dev9",
                      "test10", "dev10", "test11"), ("dev11", "test12"), at_least=65)


def test_the_thirteenth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7", "dev7", "test8", "dev8", "test9", "dev9",
                      "test10", "dev10", "test11", "dev11", "test12"), ("dev12", "test13"),
                     at_least=60)


def test_the_fourteenth_set_shares_no_case_source_or_identifier_with_the_earlier_ones():
    _check_a_new_set(("dev", "test", "test2", "dev2", "test3", "dev3", "test4", "dev4", "test5",
                      "dev5", "test6", "dev6", "test7", "dev7", "test8", "dev8", "test9", "dev9",
                      "test10", "dev10", "test11", "dev11", "test12", "dev12", "test13"),
                     ("dev13", "test14"), at_least=48)


def _check_a_new_set(earlier_parts: tuple[str, ...], new_parts: tuple[str, str], at_least: int):
    """A blind set entered later shares no file name, source line, DOI, PMID or PMC id with any
    earlier set, none among its own cases, and its dev and held-out halves are apart."""
    earlier_files = [p for part in earlier_parts for p in (EVALUATION / part).glob("*.yaml")]
    new = [p for part in new_parts for p in (EVALUATION / part).glob("*.yaml")]
    assert len(new) >= at_least
    assert not {p.name for p in earlier_files} & {p.name for p in new}
    assert not {_source(p) for p in earlier_files} & {_source(p) for p in new}
    earlier_ids = set().union(*(_identifiers(p) for p in earlier_files))
    seen: dict[str, str] = {}
    for path in new:
        for identifier in _identifiers(path):
            assert identifier not in earlier_ids, f"{path.name}: {identifier} is in an earlier set"
            assert identifier not in seen, f"{path.name} and {seen[identifier]} share {identifier}"
            seen[identifier] = path.name
    dev, held_out = ({p.name for p in (EVALUATION / part).glob("*.yaml")} for part in new_parts)
    assert not dev & held_out


IDENTIFIER = re.compile(r"(10\.\d{4,}/[^\s|;,\"]+|pmid[:\s]*\d{6,9}|pmc\d{5,})", re.I)


def _identifiers(path: Path) -> set[str]:
    """The DOIs, PMIDs and PMC ids in a case's source line (one publication, one case)."""
    source = _source(path).lower()
    return {re.sub(r"pmid[:\s]*", "pmid ", match.rstrip(".)")) for match in IDENTIFIER.findall(source)}


def _source(path: Path) -> str:
    """A case's source as its header writes it: the '# source:' line and its indented
    continuation lines (a board item's dataset line is shared; its record is on the next)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("# source:")), None)
    if start is None:
        return str(path)
    kept = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("#   "):
            break
        kept.append(line)
    return " ".join(" ".join(line.lstrip("# ").split()) for line in kept)


@pytest.mark.parametrize("path", FILES, ids=[Path(p).name for p in FILES])
def test_every_published_case_validates_and_cites_its_source(path):
    outcomes = load_file(path)
    errors = [o for o in outcomes if isinstance(o, CaseFileError)]
    assert not errors, errors[0].message if errors else ""
    text = Path(path).read_text(encoding="utf-8")
    assert CITATION.search(text), "no '# source:' line"
    assert "# diagnosis as published:" in text
