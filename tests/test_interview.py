"""The guided interview, driven in-process through prompt_toolkit pipe input: which questions
the rules ask and when, "unknown", "why", "back", emergencies and saving."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from conftest import ROOT
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from engine.assessment import Assessor
from engine.cases import InvalidAnswer, load_case
from engine.session import InterviewSession
from interview.session import Interviewer

ENTER = "\r"
DOWN = "\x1b[B"


@pytest.fixture(scope="module")
def shared_assessor():
    return Assessor()


class Drive:
    """Runs an interview on scripted keystrokes; the pipe is closed afterwards, so a prompt
    left without an answer raises EOFError instead of waiting."""

    def __init__(self, assessor):
        self.session = InterviewSession(assessor)
        self.screen = io.StringIO()
        self.interviewer = Interviewer(self.session, Console(file=self.screen, width=110))
        self.everything_asked: list[str] = []

    def __call__(self, *keys: str, save_path: str | None = None) -> int | None:
        self.interviewer.save_path = save_path
        self.interviewer.asked = []  # what this run asks; ``everything_asked`` keeps all
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text("".join(keys))
            pipe.close()
            try:
                return self.interviewer.run()
            except EOFError:
                return None  # the script ran out of keystrokes
            finally:
                self.everything_asked.extend(self.interviewer.asked)

    @property
    def asked(self) -> list[str]:
        """The questions prompted in the last run (the last one may be left unanswered)."""
        return self.interviewer.asked

    @property
    def text(self) -> str:
        return self.screen.getvalue()


@pytest.fixture
def drive(shared_assessor):
    return Drive(shared_assessor)


def typed(value: str) -> str:
    return value + ENTER


def pick(shortcut: str) -> str:
    return shortcut + ENTER


# After the white count and the patient, the rest of the count on one form, in the order a
# laboratory prints it
COUNT_FORM = ["anc", "neutrophils_pct", "bands_pct", "alc", "lymphocytes_pct", "hemoglobin",
              "platelets"]


def count_form(anc: str) -> str:
    """Keys for the count form: the ANC typed on its line, the other lines left at ?."""
    return typed(anc) + ENTER * (len(COUNT_FORM) - 1)


# After the white count, the patient's screen: the age and sex, and whether febrile (the
# temperature, and a fever reported without one), which ask one thing and come together
PATIENT_SCREEN = ["age_years", "sex", "temperature_c", "fever"]


def patient(age: str = "34", temperature: str = "", sex: str = "u") -> str:
    """Keys for the patient's screen: the age typed (or u), the sex marked (u: not known), the
    temperature typed (or left not known), the reported fever left not known, then Enter."""
    keys = typed(age) if age != "u" else "u"
    keys += sex + (typed(temperature) if temperature else "u")
    return keys + "u" + ENTER


# The opening of a case of severe neutropenia without fever: wbc, the patient's screen (age
# and temperature typed, the sex and a reported fever left not known), the count form with
# the anc.
OPENING = (typed("2100"), patient("34", "37"), count_form("300"))


def test_the_interview_starts_with_the_counts_then_covers_the_core_areas(drive):
    drive(*OPENING, *[pick("u")] * 12)
    assert drive.asked[:12] == ["wbc", *PATIENT_SCREEN, *COUNT_FORM]
    core = {"hemoglobin", "platelets", "medications", "splenomegaly", "recent_viral_illness"}
    assert core <= set(drive.asked)


def test_a_big_spleen_brings_questions_about_liver_and_portal_pressure(drive):
    answers = {"wbc": "2800", "age_years": "55", "anc": "1200", "splenomegaly": "y"}
    asked = _interview_until_done(drive, answers)
    # asked, or left open by the stop rule because no answer to it could change the report
    wanted = set(asked) | set(drive.session.settled)
    assert "cirrhosis" in wanted
    assert "portal_hypertension" in wanted


def test_a_normal_spleen_asks_nothing_about_liver_or_portal_pressure(drive):
    answers = {"wbc": "2800", "age_years": "55", "anc": "1200", "splenomegaly": "n"}
    asked = _interview_until_done(drive, answers)
    wanted = set(asked) | set(drive.session.settled)  # not even left open
    assert "cirrhosis" not in wanted
    assert "portal_hypertension" not in wanted
    assert drive.session.answers["splenomegaly"] == "no"


def test_back_takes_the_last_answer_back_and_asks_it_again(drive):
    # b on the count form's empty first line: the patient's screen comes back with its
    # answers, and Ctrl-U clears the age to retype it
    drive(typed("2100"), patient("34"), "b", "\x15", typed("40") + "uuu" + ENTER)
    assert drive.asked[:16] == ["wbc", *PATIENT_SCREEN, *COUNT_FORM, *PATIENT_SCREEN]
    assert drive.session.answers["age_years"] == 40
    assert "Back: the 4 answers of that screen were taken back" in drive.text


def test_back_on_a_findings_screen_takes_back_the_screen_before_it_and_shows_it_again(drive):
    drive(*OPENING)
    drive(*_until(drive, "splenomegaly"))
    here = drive.session.next_screen()
    before = list(drive.session.screens[-1])
    drive("b")
    assert drive.asked == [*(q.id for q in here.questions), *before]
    assert not set(before) & set(drive.session.answers)


def test_unknown_is_accepted_and_not_asked_again(drive):
    # the age not known ("u" moves on to the sex line, and Enter records the screen); the
    # count form left blank: Enter down its lines, and Enter again records them unknown
    drive(typed("2100"), patient("u", "37"), ENTER * (len(COUNT_FORM) + 1))
    assert drive.session.answers["age_years"] == "unknown"
    assert drive.session.answers["sex"] == "unknown"
    assert drive.session.answers["anc"] == "unknown"
    # without an ANC the differential it is calculated from is on the same form
    assert drive.session.answers["neutrophils_pct"] == "unknown"
    assert drive.asked[:12] == ["wbc", *PATIENT_SCREEN, *COUNT_FORM]
    assert drive.asked.count("anc") == 1


def test_why_names_the_rule_that_asks_and_what_the_answer_changes(drive):
    drive(typed("?"))
    assert drive.asked == ["wbc", "wbc"]
    assert "Why this question" in drive.text
    assert "ask_for_the_blood_count" in drive.text
    assert "white count is where the assessment starts" in drive.text


def test_an_implausible_count_is_refused_inline_and_the_answer_can_be_retyped(drive):
    # "2.1" is refused by the validator (no answer recorded); the same prompt takes 2100
    drive(typed("2.1"), "\x7f" * 3, typed("2100"))
    assert drive.session.answers["wbc"] == 2100
    assert drive.asked.count("wbc") == 1


def test_fever_with_severe_neutropenia_shows_the_emergency_at_once(drive):
    drive(typed("2100"), patient("34", "38.6"), count_form("300"))
    assert drive.asked == ["wbc", *PATIENT_SCREEN, *COUNT_FORM]
    assert "EMERGENCY" in drive.text
    assert "Neutropenic fever" in drive.text


def test_medications_are_named_with_their_timing(drive):
    drive(*OPENING)
    drive(*_until(drive, "medications"))
    assert drive.asked[-1] == "medications"
    drive(pick("l"), typed("Clozaril"), typed("10"), typed(""), typed(""))
    assert drive.session.answers["medications"] == [{"name": "Clozaril",
                                                     "started_weeks_ago": 10}]
    assert drive.session.result().ranking[0].cause == "drug_clozapine"


def test_ctrl_c_offers_to_save_and_the_file_resumes_the_same_answers(drive, tmp_path,
                                                                       shared_assessor):
    path = tmp_path / "stopped.yaml"
    status = drive(typed("2100"), patient("34"), "\x03", "y", typed(str(path)))
    assert status == 130
    resumed = InterviewSession.resume(str(path), shared_assessor)
    assert resumed.answers == drive.session.answers
    assert set(resumed.history) == {"wbc", *PATIENT_SCREEN}
    assert resumed.next_question().id == "anc"


# ---- the session on its own -------------------------------------------------------------

def test_an_anc_above_the_white_count_is_refused_with_the_reason(shared_assessor):
    session = InterviewSession(shared_assessor)
    session.answer("wbc", "2100")
    with pytest.raises(InvalidAnswer, match="cannot be above the white count"):
        session.answer("anc", "3000")
    assert "anc" not in session.answers


def test_a_saved_session_loads_as_a_case_that_scores_the_same(shared_assessor, tmp_path):
    session = InterviewSession(shared_assessor)
    for question_id, raw in (("wbc", "2.1 x10^9/L"), ("age_years", "34"), ("anc", "0.3 K/uL"),
                             ("temperature_c", "38.6"), ("hemoglobin", "unknown"),
                             ("smear", "unknown"),
                             ("medications", [{"name": "clozapine", "started_weeks_ago": 10}]),
                             ("splenomegaly", "no")):
        session.answer(question_id, raw)
    path = tmp_path / "saved.yaml"
    session.save(str(path))
    batch = shared_assessor.assess(load_case(str(path)))
    live = session.result()
    assert [(c.cause, c.score) for c in batch.ranking] == \
        [(c.cause, c.score) for c in live.ranking]
    assert [p.id for p in batch.pitfalls] == [p.id for p in live.pitfalls]
    resumed = InterviewSession.resume(str(path), shared_assessor)
    assert resumed.answers == session.answers
    assert resumed.next_question().id == session.next_question().id


def test_resuming_a_teaching_case_never_writes_into_it(shared_assessor, tmp_path):
    # a trainee who resumes a library case must not rewrite it in the interview's layout;
    # a file the interview saved is its own to save again
    import shutil

    from interview.session import save_path_for
    from tests.conftest import CASES

    library_case = tmp_path / "clozapine.yaml"
    shutil.copy(CASES / "medication" / "clozapine-monitoring.yaml", library_case)
    assert save_path_for(str(library_case), None) is None
    assert save_path_for(str(library_case), str(tmp_path / "mine.yaml")) == \
        str(tmp_path / "mine.yaml")
    session = InterviewSession.resume(str(library_case), shared_assessor)
    saved = tmp_path / "saved.yaml"
    session.save(str(saved))
    assert save_path_for(str(saved), None) == str(saved)


# ---- helpers ------------------------------------------------------------------------------

def screen_keys(screen, marks: dict[str, str] | None = None) -> str:
    """The keystrokes that answer a screen of several lines: each line as ``marks`` says
    (y / n / u, + / - for a result, a choice's number, or a value typed), "u" otherwise,
    then Enter. A value typed is left with Enter (which moves to the next line) except on the
    last line, where the final Enter records the screen; "u" on an empty typed line moves on
    by itself, as on a marked line."""
    keys = []
    last = len(screen.questions) - 1
    for index, question in enumerate(screen.questions):
        mark = (marks or {}).get(question.id, "u")
        keys.append(mark)
        if question.question.kind in ("lab", "number") and index < last and mark != "u":
            keys.append(ENTER)  # a value typed is left with Enter; "u" moves on by itself
    return "".join(keys) + ENTER


def screen_answers(screen, marks: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """What ``screen_keys`` records, as (question id, answer) pairs."""
    words = {"y": "yes", "n": "no", "u": "unknown", "p": "positive"}
    answers = []
    for question in screen.questions:
        mark = (marks or {}).get(question.id, "u")
        kind, choices = question.question.kind, question.question.choices
        if mark == "u" or kind in ("lab", "number"):
            answers.append((question.id, words.get(mark, mark)))
        elif kind == "yesno":
            answers.append((question.id, words[mark]))
        elif tuple(choices) == ("positive", "negative"):
            answers.append((question.id, "positive" if mark in "py+" else "negative"))
        else:
            answers.append((question.id, choices[int(mark) - 1]))
    return answers


def _keys(session: InterviewSession, answers: dict[str, str], stop: str | None = None,
          assessor=None) -> list[str]:
    """Keystrokes that answer, from where ``session`` stands, every question as ``answers``
    says ("unknown" otherwise), up to ``stop`` or to the report; worked out on a copy."""
    probe = InterviewSession(assessor or session.assessor)
    for screen in session.screens:
        probe.answer_screen([(q, session.answers[q]) for q in screen])
    keys = []
    words = {"y": "yes", "n": "no", "u": "unknown"}
    while (screen := probe.next_screen()) is not None and \
            stop not in [q.id for q in screen.questions]:
        if screen.grouped:  # several lines: a key or a value for each, then Enter
            probe.answer_screen(screen_answers(screen, answers))
            keys.append(screen_keys(screen, answers))
            continue
        question = screen.first
        value = answers.get(question.id, "u")
        probe.answer(question.id, words.get(value, value))
        kind = question.question.kind
        keys.append(typed(value) if kind in ("lab", "number", "yesno", "choice")
                    else pick("u"))
    return keys


def _until(drive: Drive, target: str) -> list[str]:
    """Keystrokes answering "unknown" to every question before ``target``."""
    return _keys(drive.session, {}, stop=target)


def _interview_until_done(drive: Drive, answers: dict[str, str]) -> list[str]:
    """Answer the whole interview, "unknown" unless ``answers`` says otherwise, to the
    report; the questions the interview asked on the way."""
    drive(*_keys(drive.session, answers))
    assert drive.session.next_question() is None
    assert "Report" in drive.text
    return drive.asked


def test_without_a_terminal_it_points_to_score_instead_of_waiting():
    finished = subprocess.run([sys.executable, "-m", "interview.cli", "interview"],
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=60, cwd=str(ROOT))
    assert finished.returncode == 2
    assert "leukodx score" in finished.stderr
