"""Self-study: marking a trainee's answer, choosing cases, the progress file and "what if?".
The cases are written into a temporary library so the tests do not depend on the bundled
ones (which are checked separately, loosely, at the end)."""

from __future__ import annotations

import io
import os
from types import SimpleNamespace

import pytest
import yaml
from conftest import CASES
from rich.console import Console

from engine import study
from engine.scoring import SOFT_CLUES_RULE
from engine.study import Change, StudyError, score_answer

CLOZAPINE_FEVER = {
    "id": "clozapine-fever",
    "title": "Sore throat on clozapine",
    "patient": {"age_years": 34, "sex": "male", "ancestry": "european"},
    "labs": {"wbc": 2100, "anc": 300, "hemoglobin": 14.2, "platelets": 245000},
    "smear": ["normal"],
    "medications": [{"name": "Clozaril", "started_weeks_ago": 10}],
    "findings": {"temperature_c": 38.6, "splenomegaly": "no",
                 "sore_throat_or_mouth_ulcers": "yes"},
    "expected": {"causes": ["drug_clozapine"], "pitfalls": ["neutropenic_fever"]},
    "teaching": {"vignette": "A man ten weeks into clozapine has a sore throat and fever.",
                 "points": ["Clozapine agranulocytosis is commonest in the first 18 weeks."],
                 "difficulty": "easy"},
}
CIRRHOSIS_SPLEEN = {
    "id": "cirrhosis-spleen",
    "patient": {"age_years": 56, "sex": "male"},
    "labs": {"wbc": 2800, "anc": 1500, "hemoglobin": 12.1, "platelets": 68000},
    "findings": {"splenomegaly": "yes", "cirrhosis": "yes", "alcohol_excess": "yes"},
    "expected": {"causes": ["hypersplenism"], "pitfalls": ["other_cytopenias_ignored"]},
    "teaching": {"vignette": "Alcohol-related cirrhosis with a big spleen.",
                 "difficulty": "moderate"},
}
INFANT_NORMAL = {
    "id": "infant-normal",
    "patient": {"age_years": 0.5},
    "labs": {"wbc": 9000, "anc": 1200},
    "expected": {"causes": [], "pitfalls": ["age_inappropriate_range"]},
    "teaching": {"vignette": "A thriving infant referred for an ANC of 1,200.",
                 "difficulty": "easy"},
}


def write_library(folder, *cases) -> str:
    folder.mkdir(exist_ok=True)
    for case in cases:
        (folder / f"{case['id']}.yaml").write_text(yaml.safe_dump(case, sort_keys=False))
    return str(folder)


@pytest.fixture
def library(tmp_path):
    return study.load_library(write_library(tmp_path / "cases", CLOZAPINE_FEVER,
                                            CIRRHOSIS_SPLEEN, INFANT_NORMAL))


def attempt(case, verdict, category="medication", points=None):
    points = {"correct": 10.0, "partly": 5.0, "wrong": 1.0}[verdict] if points is None else points
    return study.Attempt(case=case, date="2025-01-01T10:00:00+00:00", points=points,
                         maximum=10.0, verdict=verdict, category=category, difficulty="easy")


# ---- marking a trainee's answer -------------------------------------------------------------

def test_expected_cause_as_first_choice_earns_full_cause_points():
    score = score_answer(["drug_clozapine"], ["neutropenic_fever"], ["drug_clozapine"],
                         ["neutropenic_fever"])
    assert score.top1 and score.in_top3
    assert score.points == score.maximum == 8  # 6 for the cause, 2 for its one pitfall
    assert score.verdict == "correct"


@pytest.mark.parametrize("typed", ["clozapine", "CLOZAPINE", "Clozapine agranulocytosis",
                                   "clozapine-induced neutropenia or agranulocytosis",
                                   "drug clozapine"])
def test_a_synonym_or_the_name_in_any_case_counts_as_the_cause(typed):
    score = score_answer([typed], [], ["drug_clozapine"], [])
    assert score.answer == ("drug_clozapine",)
    assert score.top1


@pytest.mark.parametrize("brand, cause", [("Clozaril", "drug_clozapine"),
                                          ("Septra", "drug_antibiotic"),
                                          ("tegretol", "drug_antiepileptic")])
def test_a_drug_name_stands_for_the_neutropenia_its_class_causes(brand, cause):
    assert study.resolve_cause(brand) == cause


def test_expected_cause_named_second_or_third_earns_partial_credit():
    second = score_answer(["hiv", "clozapine"], [], ["drug_clozapine"], [])
    third = score_answer(["hiv", "malaria", "clozapine"], [], ["drug_clozapine"], [])
    assert (second.first_expected_position, third.first_expected_position) == (2, 3)
    assert not second.top1 and second.in_top3
    assert third.lines[0].points < second.lines[0].points < study.CAUSE_POINTS_MAX
    assert second.verdict == third.verdict == "partly"


def test_a_wrong_cause_from_the_right_category_earns_a_little():
    score = score_answer(["carbamazepine"], [], ["drug_clozapine"], [])
    assert score.same_category == ("drug_antiepileptic",)
    assert 0 < score.lines[0].points < study.CAUSE_POINTS_BY_POSITION[3]
    assert score.verdict == "wrong"


def test_a_cause_from_another_category_earns_nothing():
    score = score_answer(["malaria"], [], ["drug_clozapine"], [])
    assert score.lines[0].points == 0
    assert score.verdict == "wrong"


def test_text_that_names_no_cause_is_reported_and_earns_nothing():
    score = score_answer(["bad luck", "clozapine"], [], ["drug_clozapine"], [])
    assert score.unrecognised == ("bad luck",)
    assert score.answer == ("drug_clozapine",)
    assert score.top1


def test_ticking_a_pitfall_that_does_not_apply_costs_a_point():
    honest = score_answer(["clozapine"], ["neutropenic_fever"], ["drug_clozapine"],
                          ["neutropenic_fever"])
    overclaiming = score_answer(["clozapine"], ["neutropenic_fever", "duffy_null_neutrophil_count"],
                                ["drug_clozapine"], ["neutropenic_fever"])
    assert overclaiming.pitfalls_wrongly_claimed == ("duffy_null_neutrophil_count",)
    assert honest.points - overclaiming.points == study.WRONG_PITFALL_PENALTY


def test_ticking_every_pitfall_cannot_beat_ticking_the_right_ones():
    everything = score_answer(["clozapine"], list(study.load_catalogue().pitfalls),
                              ["drug_clozapine"], ["neutropenic_fever"])
    right = score_answer(["clozapine"], ["neutropenic_fever"], ["drug_clozapine"],
                         ["neutropenic_fever"])
    assert everything.lines[1].points == 0 < right.lines[1].points


def test_missing_the_emergency_leaves_the_answer_only_partly_right():
    score = score_answer(["clozapine"], [], ["drug_clozapine"], ["neutropenic_fever"])
    assert score.top1
    assert score.pitfalls_missed == ("neutropenic_fever",)
    assert score.verdict == "partly"
    assert score.lines[1].points == 0


def test_answering_none_is_right_when_there_is_no_cause_to_find():
    none = score_answer(["none"], ["age_inappropriate_range"], [], ["age_inappropriate_range"])
    guessed = score_answer(["congenital neutropenia"], ["age_inappropriate_range"], [],
                           ["age_inappropriate_range"])
    assert none.answer == () and none.verdict == "correct" and none.points == none.maximum
    assert guessed.verdict == "partly" or guessed.verdict == "wrong"
    assert guessed.lines[0].points == 0


def test_answer_is_set_beside_the_systems_ranking(assessor, library):
    case = library.by_id("clozapine-fever").case
    result = assessor.assess(case)
    score = score_answer(["malaria", "clozapine"], [], case.expected.causes,
                         case.expected.pitfalls, result)
    system_rank = {c.cause: c.rank for c in result.ranking}
    assert score.system_ranks == (system_rank.get("malaria"), system_rank["drug_clozapine"])
    assert score.system_top3 == tuple(c.cause for c in result.ranking[:3])
    assert score.system_expected_rank == system_rank["drug_clozapine"]
    assert score.agrees_with_system == (result.ranking[0].cause == "malaria")


def test_must_not_miss_expected_cause_left_out_is_named(assessor, library):
    case = library.by_id("clozapine-fever").case
    result = assessor.assess(case)
    score = score_answer(["viral infection"], [], case.expected.causes, [], result)
    missed = study.must_not_miss_left_out(score, result)
    assert "drug_clozapine" in [m.cause for m in missed]
    named = score_answer(["clozapine"], [], case.expected.causes, [], result)
    assert "drug_clozapine" not in [m.cause for m in study.must_not_miss_left_out(named, result)]


def test_pitfall_list_holds_the_expected_ones_among_distractors_in_a_fixed_order(library):
    for study_case in library.cases:
        options = study.pitfall_options(study_case)
        assert set(study_case.case.expected.pitfalls) <= set(options)
        assert len(options) >= min(study.PITFALL_OPTIONS_MIN, len(study.load_catalogue().pitfalls))
        assert len(options) > len(study_case.case.expected.pitfalls)  # something to resist
        assert len(set(options)) == len(options)
        assert study.pitfall_options(study_case) == options


def test_support_for_an_expected_cause_lists_the_rule_firings_and_sources(assessor, library):
    case = library.by_id("clozapine-fever").case
    result = assessor.assess(case)
    [support] = study.support_for_expected(result, case.expected.causes)
    assert support.rank is not None
    assert support.evidence and all(item.cause == "drug_clozapine" for item in support.evidence)
    sources = study.load_catalogue().sources
    assert all(item.source in sources and item.rule for item in support.evidence)


def test_appraisal_notes_are_those_about_the_expected_causes():
    catalogue = study.load_catalogue()
    for appraisal in study.appraisal_notes(["drug_clozapine", "hypersplenism"], catalogue):
        assert {"drug_clozapine", "hypersplenism"} & set(appraisal.causes)
    assert study.appraisal_notes([], catalogue) == []


# ---- the library and choosing a case -----------------------------------------------------------

def test_case_category_is_that_of_its_first_expected_cause(library):
    assert library.by_id("clozapine-fever").category == "medication"
    assert library.by_id("cirrhosis-spleen").category == "splenic"
    assert library.by_id("infant-normal").category == study.NO_CAUSE
    assert library.by_id("cirrhosis-spleen").difficulty == "moderate"


def test_library_reports_bad_files_and_unmarkable_cases_but_keeps_the_rest(tmp_path):
    folder = write_library(tmp_path / "cases", CLOZAPINE_FEVER,
                           {"id": "no-answer", "labs": {"wbc": 2000}})
    (tmp_path / "cases" / "broken.yaml").write_text("id: [unclosed\n")
    library = study.load_library(folder)
    assert [c.id for c in library.cases] == ["clozapine-fever"]
    assert len(library.problems) == 2
    assert any("no-answer" in problem for problem in library.problems)
    assert any("broken.yaml" in problem for problem in library.problems)


def test_unknown_case_id_is_a_user_error_with_a_suggestion(library):
    with pytest.raises(StudyError, match="clozapine-fever"):
        library.by_id("clozapine-fevr")


def test_a_random_new_case_is_never_one_already_done(library):
    progress = study.Progress(attempts=[attempt("clozapine-fever", "correct"),
                                        attempt("infant-normal", "wrong")])
    for seed in range(20):
        chosen = study.random_new_case(library, progress, study.random.Random(seed))
        assert chosen.id == "cirrhosis-spleen"
    progress.attempts.append(attempt("cirrhosis-spleen", "partly"))
    assert study.random_new_case(library, progress) is None


def test_cases_can_be_chosen_by_category_and_by_difficulty(library):
    progress = study.Progress()
    assert [c.id for c in study.cases_in_category(library, "splenic")] == ["cirrhosis-spleen"]
    easy = {c.id for c in study.cases_of_difficulty(library, "easy")}
    assert easy == {"clozapine-fever", "infant-normal"}
    assert study.pick(study.cases_in_category(library, "splenic"), progress).id == \
        "cirrhosis-spleen"
    assert study.pick([], progress) is None


def test_review_returns_exactly_the_cases_whose_last_attempt_was_not_right(library):
    progress = study.Progress(attempts=[
        attempt("clozapine-fever", "wrong"),
        attempt("cirrhosis-spleen", "wrong", "splenic"),
        attempt("cirrhosis-spleen", "correct", "splenic"),  # put right since
        attempt("infant-normal", "partly", study.NO_CAUSE),
    ])
    assert {c.id for c in study.review_cases(library, progress)} == \
        {"clozapine-fever", "infant-normal"}
    assert study.review_cases(library, study.Progress()) == []


# ---- the progress file ---------------------------------------------------------------------

def test_progress_survives_a_round_trip_and_records_each_attempt(tmp_path, library):
    path = tmp_path / "deep" / "progress.yaml"
    score = score_answer(["clozapine"], ["neutropenic_fever"], ["drug_clozapine"],
                         ["neutropenic_fever"])
    study.record_attempt(path, study.make_attempt(library.by_id("clozapine-fever"), score))
    study.record_attempt(path, attempt("cirrhosis-spleen", "wrong", "splenic"))
    progress = study.load_progress(path)
    assert [a.case for a in progress.attempts] == ["clozapine-fever", "cirrhosis-spleen"]
    first = progress.attempts[0]
    assert (first.points, first.maximum, first.verdict) == (8, 8, "correct")
    assert first.answer == ("drug_clozapine",) and first.pitfalls == ("neutropenic_fever",)
    assert progress.problem is None


def test_progress_lives_in_the_xdg_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert study.default_progress_path() == tmp_path / "data" / "leukodx" / "progress.yaml"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert study.default_progress_path() == \
        tmp_path / "home" / ".local" / "share" / "leukodx" / "progress.yaml"


def test_progress_is_written_atomically_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "progress.yaml"
    study.save_progress(study.Progress(attempts=[attempt("a", "correct")]), path)
    assert os.listdir(tmp_path) == ["progress.yaml"]


def test_a_write_that_fails_leaves_the_old_progress_intact(tmp_path, monkeypatch):
    path = tmp_path / "progress.yaml"
    study.save_progress(study.Progress(attempts=[attempt("a", "correct")]), path)
    before = path.read_text()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(study.os, "replace", fail)
    with pytest.raises(OSError):
        study.save_progress(study.Progress(attempts=[attempt("b", "wrong")] * 3), path)
    assert path.read_text() == before
    assert os.listdir(tmp_path) == ["progress.yaml"]


@pytest.mark.parametrize("garbage", ["attempts: [unclosed\n", "- just\n- a list\n",
                                     "attempts:\n  - case: x\n", b"\xff\xfe\x00bad"])
def test_corrupt_progress_file_is_reported_kept_aside_and_never_overwritten(tmp_path, garbage):
    path = tmp_path / "progress.yaml"
    if isinstance(garbage, bytes):
        path.write_bytes(garbage)
    else:
        path.write_text(garbage)
    original = path.read_bytes()
    progress = study.load_progress(path)
    assert progress.problem and str(path) in progress.problem
    assert progress.attempts == []
    aside = progress.kept_aside
    assert aside and os.path.basename(aside).startswith("progress.yaml.corrupt-")
    study.record_attempt(path, attempt("clozapine-fever", "correct"))
    with open(aside, "rb") as kept:
        assert kept.read() == original
    assert [a.case for a in study.load_progress(path).attempts] == ["clozapine-fever"]


def test_weakest_categories_come_first():
    progress = study.Progress(attempts=[
        attempt("a", "correct", "medication"), attempt("b", "wrong", "splenic"),
        attempt("c", "partly", "infection")])
    assert [s.category for s in progress.weakest_categories()] == \
        ["splenic", "infection", "medication"][: len(progress.weakest_categories())]
    assert progress.by_category()[0].category == "splenic"


def test_stats_match_the_progress_file(tmp_path, capsys):
    from interview import study as screen

    path = tmp_path / "progress.yaml"
    study.save_progress(study.Progress(attempts=[
        attempt("clozapine-fever", "correct", "medication", 10),
        attempt("clozapine-fever", "wrong", "medication", 2),
        attempt("cirrhosis-spleen", "partly", "splenic", 5.5)]), path)
    status = screen.run(SimpleNamespace(stats=True, progress=str(path), case=None,
                                        review=False))
    shown = capsys.readouterr().out
    assert status == 0
    recorded = yaml.safe_load(path.read_text())["attempts"]
    by_category: dict[str, list[dict]] = {}
    for entry in recorded:
        by_category.setdefault(entry["category"], []).append(entry)
    lines = shown.splitlines()
    for category, entries in by_category.items():
        name = study.CATEGORY_NAMES[category]
        [row] = [line for line in lines if line.strip().startswith(name)]
        mean = sum(e["points"] / e["maximum"] for e in entries) / len(entries)
        cells = row.replace(name, "").split()
        assert cells[0] == str(len(entries))  # attempts
        assert cells[1] == str(len({e["case"] for e in entries}))  # cases
        assert cells[2] == str(sum(e["verdict"] == "correct" for e in entries))
        assert cells[3] == f"{mean:.0%}"
    total = sum(e["points"] for e in recorded)
    assert f"{len(recorded)} attempts" in shown and f"{total:g} of" in shown


def test_stats_without_a_progress_file_say_there_is_nothing_yet(tmp_path, capsys):
    from interview import study as screen

    status = screen.run(SimpleNamespace(stats=True, progress=str(tmp_path / "none.yaml"),
                                        case=None, review=False))
    assert status == 0
    assert "No attempts yet" in capsys.readouterr().out


def test_study_without_a_terminal_says_so_and_exits_2(monkeypatch, tmp_path, capsys):
    from interview import study as screen

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status = screen.run(SimpleNamespace(stats=False, progress=str(tmp_path / "p.yaml"),
                                        case=None, review=False))
    assert status == 2
    assert "terminal" in capsys.readouterr().err
    assert not (tmp_path / "p.yaml").exists()


# ---- what if? ------------------------------------------------------------------------------

def test_removing_the_drug_drops_the_drug_cause(assessor, library):
    case = library.by_id("clozapine-fever").case
    diff = study.what_if(assessor, case, Change("remove_medication", "clozaril"))
    [move] = [m for m in diff.moves if m.cause == "drug_clozapine"]
    assert move.old_rank is not None and move.new_rank is None
    assert "drug_clozapine" not in [c.cause for c in diff.after.ranking]
    lost = {r.rule for r in diff.rules if r.status == "no longer fires"}
    # every rule behind the cause stops firing (the scorer's own item, which holds back part
    # of the soft clues, is no rule)
    supporting = {e.rule for c in diff.before.ranking if c.cause == "drug_clozapine"
                  for e in c.evidence if e.rule != SOFT_CLUES_RULE}
    assert supporting <= lost


def test_raising_the_anc_above_500_removes_the_neutropenic_fever_emergency(assessor, library):
    case = library.by_id("clozapine-fever").case
    diff = study.what_if(assessor, case, Change("set_lab", "anc", 1600))
    assert "neutropenic_fever" in diff.pitfalls_lost
    assert "neutropenic_fever" not in [p.id for p in diff.after.pitfalls]
    assert any(r.status == "no longer fires" and any("pitfall" in e for e in r.effects)
               for r in diff.rules)


def test_saying_the_spleen_is_not_enlarged_argues_against_hypersplenism(assessor, library):
    case = library.by_id("cirrhosis-spleen").case
    diff = study.what_if(assessor, case, Change("set_finding", "splenomegaly", "no"))
    before = {c.cause: c.score for c in diff.before.ranking}
    after = {c.cause: c.score for c in diff.after.ranking}
    assert "hypersplenism" in before
    assert after.get("hypersplenism") is None or after["hypersplenism"] < before["hypersplenism"]
    assert any(m.cause == "hypersplenism" for m in diff.moves)


def test_a_change_that_changes_nothing_reports_no_moves(assessor, library):
    case = library.by_id("clozapine-fever").case
    diff = study.what_if(assessor, case, Change("set_lab", "platelets", 250000))
    assert diff.moves == () and diff.pitfalls_gained == diff.pitfalls_lost == ()


def test_an_impossible_change_is_a_user_error_not_a_crash(assessor, library):
    case = library.by_id("clozapine-fever").case
    with pytest.raises(StudyError, match="white count"):
        study.what_if(assessor, case, Change("set_lab", "anc", 5000))
    with pytest.raises(StudyError, match="not among"):
        study.apply_change(case, Change("remove_medication", "aspirin"))


def test_suggested_changes_each_make_a_valid_case(assessor, library):
    for study_case in library.cases:
        result = assessor.assess(study_case.case)
        changes = study.suggested_changes(study_case.case, result)
        assert changes
        for change in changes:
            study.apply_change(study_case.case, change)  # raises if invalid
            assert change.describe()


def test_what_if_leaves_the_original_case_untouched(assessor, library):
    case = library.by_id("clozapine-fever").case
    before = case.to_document()
    study.what_if(assessor, case, Change("remove_medication", "Clozaril"))
    assert case.to_document() == before


# ---- the bundled library ---------------------------------------------------------------------

def test_every_bundled_teaching_case_can_be_studied_and_the_expected_answer_earns_full_marks():
    library = study.load_library(str(CASES))
    if not library.cases:
        pytest.skip("no bundled teaching cases yet")
    for study_case in library.cases:
        expected = study_case.case.expected
        score = score_answer(list(expected.causes) or ["none"], list(expected.pitfalls),
                             expected.causes, expected.pitfalls)
        assert score.verdict == "correct", study_case.id
        assert score.points == score.maximum, study_case.id
        assert set(expected.pitfalls) <= set(study.pitfall_options(study_case))


def test_feedback_renders_for_a_wrong_answer_without_error(assessor, library):
    from interview import study as screen

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None)
    study_case = library.by_id("clozapine-fever")
    result = assessor.assess(study_case.case)
    score = score_answer(["viral infection"], ["duffy_null_neutrophil_count"],
                         study_case.case.expected.causes, study_case.case.expected.pitfalls,
                         result)
    screen.render_feedback(console, study_case, result, score, study.load_catalogue())
    shown = buffer.getvalue()
    assert "Not this time" in shown
    assert "✗ missed" in shown and "does not apply" in shown
    assert "You left out Clozapine" in shown
    assert "Clozapine agranulocytosis is commonest" in shown  # the teaching point


def test_a_less_likely_must_not_miss_cause_is_mentioned_apart_from_the_real_omissions():
    from engine.result import BloodCountReading, RankedCause, Result
    from engine.scoring import band

    def ranked(rank, cause, score):
        entry = study.load_catalogue().causes[cause]
        return RankedCause(rank=rank, cause=cause, name=entry.name, category=entry.category,
                           prior=entry.prior, score=score, band=band(score),
                           must_not_miss=entry.must_not_miss, evidence=())

    result = Result(case_id="x", file="", ranking=(
        ranked(1, "severe_malnutrition", 10), ranked(2, "myelodysplastic_syndrome", -5),
        ranked(3, "acute_myeloid_leukemia", -18)), pitfalls=(), reading=BloodCountReading(),
        questions=(), trace=())
    score = score_answer(["malnutrition"], [], ["severe_malnutrition"], [], result)
    levels = {d.cause: d.level for d in study.must_not_miss_left_out(score, result)}
    assert levels == {"myelodysplastic_syndrome": "ranked", "acute_myeloid_leukemia": "considered"}
