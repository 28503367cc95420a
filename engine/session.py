"""The interview as a state machine, with no input or output of its own: the answers given so
far (a case file in the making), the order they were given in, and the question the rules want
next. The terminal interview drives it; the tests drive it directly.

Every step re-assesses the case from scratch with one shared ``Assessor``, so "back" needs no
bookkeeping: removing an answer removes everything that was derived from it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime

import yaml

from rules.catalogue import Catalogue, Question

from . import question_choice, saved_interview
from .assessment import Assessor
from .cases import (
    Case,
    InvalidAnswer,
    case_from_document,
    load_case,
    medication_document,
    parse_answer,
)
from .count_paste import BLOOD_COUNT, read_pasted_count
from .earlier_counts import EARLIER_COUNTS, WHEN_HINT
from .errors import CaseFileError, LeukodxError
from .files import OutputError, write_atomically
from .result import PitfallAlert, RankedCause, Result

SECTION_ORDER = ("patient", "labs", "earlier_counts", "smear", "medications", "findings")
SAVED_SESSION_HEADER = saved_interview.HEADER
SAVED_SESSION_END = saved_interview.END
# The answers to the offer of results from later in the work-up, which are not keys of a case
# file: kept in a comment line of a save, read back on resume
WORKUP_OFFER_LINE = "# Results from later in the work-up offered: "
# The answers screen by screen as they were given, so that a resumed interview continues the
# screen numbering (and "back" takes back a whole screen): a comment line of a save
SCREENS_LINE = "# Screens as answered: "
# the questions whose "not known" says no marrow result is at hand (rules/workup.py asks them
# first, whether the marrow was examined)
MARROW_EXAMINED = ("marrow_infiltrate", "marrow_cellularity")


class SessionError(LeukodxError):
    """A step the interview cannot take (nothing to undo, an unknown question)."""


@dataclass(frozen=True)
class NextQuestion:
    """The question the rules want answered next, and why they want it."""

    question: Question  # the catalogue entry: text, kind, choices, unit, help
    priority: int
    asked_by: tuple[str, ...]  # the rules that asked for it
    reasons: tuple[str, ...]  # what the answer would change, in the rules' words
    number: int  # 1 for the first question of the session, and so on
    # why it is asked now: core (the counts), sepsis (fever with a low count), always (the
    # drugs, the film), value (an answer could change the conclusions), remaining (asked
    # on request after the interview could have stopped)
    chosen_for: str = ""
    could_change: tuple[str, ...] = ()  # what its most consequential answer would change

    @property
    def id(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class Screen:
    """What the user answers in one go: one question, or a screen of several, the question
    chosen next followed by the open questions that share its screen
    (``question_choice.companions``): a clinical area's findings, second-line labs, the
    patient's facts or the sepsis signs, each a line of its own."""

    questions: tuple[NextQuestion, ...]  # the first is the one question_choice chose
    area: str  # the clinical area of a findings screen ("" for a single question)
    number: int  # 1 for the first screen of the session, and so on
    kind: str = ""  # findings, labs, patient, sepsis; "" (one question)

    @property
    def first(self) -> NextQuestion:
        return self.questions[0]

    @property
    def grouped(self) -> bool:
        return len(self.questions) > 1


@dataclass(frozen=True)
class Refused:
    """An answer given on a screen that could not be recorded, and why."""

    question_id: str
    text: str  # as typed
    problem: str  # the reason, as the check gave it
    named: str = ""  # a pasted name that could mean two labs ("neut"), as typed


@dataclass(frozen=True)
class ScreenOutcome:
    """What one screen's answers recorded, what was refused and what must be shown."""

    recorded: tuple[tuple[str, object], ...]  # (question id, value as a case file holds it)
    refused: tuple[Refused, ...]
    unread: tuple[str, ...]  # parts of a pasted count that name no lab, as typed
    emergencies: tuple[PitfallAlert, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class AnswerOutcome:
    """What one answer changed that must be shown at once."""

    question_id: str
    value: object  # as the case file holds it
    emergencies: tuple[PitfallAlert, ...]  # critical pitfalls not shown before this answer
    warnings: tuple[str, ...]  # new notes, e.g. a drug name not in the dictionary


@dataclass(frozen=True)
class InformativeQuestion:
    """An open question whose answer could change what the report concludes, chosen as the
    interview chooses its questions (``question_choice.value_of``): a new emergency, a
    must-not-miss cause gained or lost, a pitfall, the leading cause or the top three."""

    question: Question
    answer: str  # the answer that would change most
    changes: tuple[str, ...]  # what it would change, in words ("the leading cause", ...)
    value: int  # what that change is worth (``question_choice.change``)
    new_leader: RankedCause | None = None  # the cause that answer would put first, if any


class InterviewSession:
    """One patient's interview: answers, their order, and what the rules make of them."""

    def __init__(self, assessor: Assessor | None = None, case_id: str | None = None,
                 title: str = ""):
        self.assessor = assessor or Assessor()
        self.catalogue: Catalogue = self.assessor.catalogue
        # a new interview is named for when it began, so saved interviews never share an
        # id; a resumed one keeps the id of its file
        self.case_id = case_id or datetime.now().strftime("interview-%Y-%m-%d-%H%M%S")
        self.title = title
        self.answers: dict[str, object] = {}  # question id -> value as a case file holds it
        self.history: list[str] = []  # question ids in the order they were answered
        # the same ids as answered screen by screen (a findings screen, a pasted count)
        self.screens: list[list[str]] = []
        self.preset: set[str] = set()  # answers from a resumed file the flow never reached
        self.kept: dict = {}  # sections of a resumed file that are not answers
        self.kept_labs: dict = {}  # lab values of a resumed file that no question asks for
        self.shown_emergencies: set[str] = set()
        self.undone: dict[str, object] = {}  # answers taken back and not yet given again
        self.taken_back = 0  # how many answers the last undo took back
        self._case: Case | None = None
        self._result: Result | None = None
        self.ask_all = False  # ask the questions that cannot change the conclusions too
        self._choice: question_choice.Choice | None = None
        self._trials: dict[str, question_choice.Standing | None] = {}  # by the answers tried
        self._dull: frozenset[str] = frozenset()  # found unable to change anything so far
        self._dull_against: tuple = ()  # the conclusions they were found so against

    # ---- resuming ------------------------------------------------------------------------

    @classmethod
    def resume(cls, path: str, assessor: Assessor | None = None) -> InterviewSession:
        """Continue from a saved session or any case file: the answers are replayed in the
        order the interview asks for them; answers it never reaches are kept as given."""
        case = load_case(path)
        markers = _unknown_markers(path)
        session = cls(assessor, case_id=case.id, title=case.title)
        given = _answers_of(case, session.catalogue)
        for key, value in given.items():  # a lab read back as the interview keeps it
            question = session.entry(key)
            if question.section == "labs" and isinstance(value, (int, float)):
                given[key] = session._rereadable(question, value)
        given.update({k: v for k, v in markers.items()
                      if k in session.catalogue.questions or k in _WORKUP_LABS})
        session.kept = {k: v for k, v in case.to_document().items()
                        if k in ("expected", "teaching")}
        session.kept_labs = {k: v for k, v in case.labs.items()
                             if k not in session.catalogue.questions and k not in given}
        # replayed in the rules' order (cheaper than choosing by value, and the same answers)
        while (found := next((q for q, _ in session._open_questions() if q in given),
                             None)) is not None:
            session._set(found, given.pop(found))
            session.history.append(found)
            session.screens.append([found])
        for question_id, value in given.items():
            session._set(question_id, value)
            session.preset.add(question_id)
        for group, value in _workup_offer_of(path).items():
            session._set(question_choice.workup_offer_id(group), value)
        saved_screens = _screens_of(path)
        for screen in saved_screens:  # the offer's answers were given on a screen too
            session.history += [q for q in screen if question_choice.workup_group_of(q)
                                and q in session.answers and q not in session.history]
        session.screens = _screens_as_answered(saved_screens, session.screens,
                                               set(session.history))
        # emergencies already in the file were shown when they were first answered
        session.shown_emergencies = {p.id for p in session.result().emergencies}
        return session

    @classmethod
    def from_case(cls, case: Case, assessor: Assessor | None = None) -> InterviewSession:
        """The interview a person holding ``case`` would give: each question the rules ask is
        answered from the case, or "unknown" where the case is silent. Answers the interview
        never asks for stay out, which is what makes this a test of the question flow."""
        session = cls(assessor, case_id=case.id, title=case.title)
        while (question := session.next_question()) is not None:
            given = case.answer_for(question.id, question.question.section)
            session.answer(question.id, "unknown" if given is None else given)
        return session

    # ---- the flow ------------------------------------------------------------------------

    def next_question(self) -> NextQuestion | None:
        """The question to ask next among those the rules want and the session has no
        answer to (not even "unknown"), chosen by what its answer could change
        (engine/question_choice.py); None when the interview is complete, or settled: no
        open question could change the conclusions (``settled`` then says how many are
        left, and ``ask_remaining()`` asks them too)."""
        choice = self._choose()
        if choice.question_id is None:
            return None
        status = next(q for q in self.result().questions if q.id == choice.question_id)
        return NextQuestion(
            question=self.catalogue.questions[status.id], priority=status.priority,
            asked_by=status.asked_by, reasons=status.reasons, number=len(self.screens) + 1,
            chosen_for=choice.reason,
            could_change=choice.value.changes if choice.value else ())

    def next_screen(self) -> Screen | None:
        """What to show next: the question chosen (``next_question``) and the open questions
        that share its screen (``question_choice.companions``): the other findings of its
        clinical area whose answers could also change the conclusions (and the next areas'
        when its own has only one or two), the other second-line labs that could, the
        patient's basic facts together, the sepsis signs together; all of a kind and area
        on request after the stop. The rules still decide which questions are open; this
        only gathers them."""
        workup = self._workup_screen()
        if workup is not None:
            return workup
        first = self.next_question()
        if first is None:
            return None
        if first.chosen_for == "core" and \
                any(lab in self.answers for lab in BLOOD_COUNT) and \
                question_choice.is_count_question(first.id, first.priority,
                                                  self.catalogue.questions):
            return self._count_form(first)
        kind = question_choice.screen_kind(first.question)
        wanted = {question_choice.SEPSIS: ("sepsis", "value", "remaining"),
                  question_choice.PATIENT: ("core", "value", "remaining"),
                  question_choice.FEVER: ("core", "value", "remaining"),
                  }.get(kind, ("value", "remaining"))
        if not kind or first.chosen_for not in wanted:
            return Screen((first,), "", first.number)
        result = self.result()
        statuses = {q.id: q for q in result.questions}
        choice = self._choose()
        peers = question_choice.companions(
            first.question, self._open_questions(), question_choice.Standing.of(result),
            self.catalogue.questions, self._trial, frozenset(self.answers),
            every=self.ask_all, labs=self.catalogue.labs, dull=choice.dull)
        if choice.partner and choice.question_id == first.id and \
                choice.partner not in {value.question_id for value in peers} and \
                question_choice.screen_kind(self.catalogue.questions[choice.partner]) == kind:
            # the question that can change the conclusions only together with this one's
            # answer comes beside it, not on a screen of its own after it
            peers = [*peers[:question_choice.SCREEN_LIMIT - 2],
                     question_choice.QuestionValue(choice.partner, choice.value.value,
                                                   choice.value.answer, choice.value.changes)]
        questions = [first]
        for value in peers:
            status = statuses[value.question_id]
            questions.append(NextQuestion(
                question=self.catalogue.questions[status.id], priority=status.priority,
                asked_by=status.asked_by, reasons=status.reasons, number=first.number,
                chosen_for=first.chosen_for, could_change=value.changes))
        # the lines of one area together, the areas in the order they first come
        areas = list(dict.fromkeys(q.question.area for q in questions))
        questions.sort(key=lambda q: areas.index(q.question.area))
        return Screen(tuple(questions), first.question.area if peers else "", first.number,
                      kind if peers else "")

    def _count_form(self, first: NextQuestion) -> Screen:
        """The rest of the blood count and differential on one form, once the first count
        question (where the whole count can be pasted) is answered: the ANC or the
        percentages, the lymphocytes, the haemoglobin and platelets the rules still ask."""
        statuses = {q.id: q for q in self.result().questions}
        questions = [first]
        for value in question_choice.count_form(first.question, self._open_questions(),
                                                self.catalogue.questions):
            status = statuses[value.question_id]
            questions.append(NextQuestion(
                question=self.catalogue.questions[status.id], priority=status.priority,
                asked_by=status.asked_by, reasons=status.reasons, number=first.number,
                chosen_for=first.chosen_for))
        if len(questions) == 1:
            return Screen((first,), "", first.number)
        return Screen(tuple(questions), "labs", first.number, question_choice.COUNT)

    # ---- results from later in the work-up -------------------------------------------------

    @property
    def workup_offered(self) -> bool:
        """Whether the offer of results from later in the work-up has been answered."""
        return any(question_choice.workup_group_of(q) for q in self.answers)

    @property
    def workup_chosen(self) -> tuple[str, ...]:
        """The groups of results the clinician said they hold, in the offer's order."""
        return tuple(group for group in question_choice.WORKUP_GROUPS
                     if self.answers.get(question_choice.workup_offer_id(group)) == "yes")

    def _workup_screen(self) -> Screen | None:
        """The offer of results from later in the work-up (once, when it is due: after the
        counts, the patient, the sepsis signs, the drugs and the film), then a screen of
        the keys of each group chosen that are not answered yet; None otherwise."""
        if not self.workup_offered:
            if not self.answers or not question_choice.workup_offer_due(self._choose()):
                return None
            lines = tuple(self._workup_line(self._workup_offer(group))
                          for group in question_choice.WORKUP_GROUPS)
            return Screen(lines, question_choice.WORKUP, len(self.screens) + 1,
                          question_choice.WORKUP)
        for group in self.workup_chosen:
            keys = [k for k in question_choice.WORKUP_GROUPS[group][1]
                    if k not in self.answers and self._known_key(k)]
            if keys:
                lines = tuple(self._workup_line(self._question(k), group)
                              for k in keys[:question_choice.WORKUP_LINES])
                return Screen(lines, group, len(self.screens) + 1, question_choice.WORKUP)
        return None

    def _known_key(self, key: str) -> bool:
        return key in self.catalogue.questions or key in self.catalogue.labs or \
            key == EARLIER_COUNTS

    def _workup_offer(self, group: str) -> Question:
        label = question_choice.WORKUP_GROUPS[group][0]
        return Question(
            id=question_choice.workup_offer_id(group), text=f"{label}?", section="workup",
            kind="yesno", area=question_choice.WORKUP,
            help="yes opens a screen of these results to fill in; no (none held) skips "
                 "them for the rest of the interview; ? skips them for now (the interview "
                 "asks for any of them it needs later)")

    def _workup_line(self, question: Question, group: str = "") -> NextQuestion:
        reason = (f"you hold {question_choice.WORKUP_GROUPS[group][0].lower()} results: "
                  "each given here is weighed as the rules weigh any answer" if group else
                  "results a clinician may already hold, given before the history")
        return NextQuestion(question=question, priority=0, asked_by=("",),
                            reasons=(reason,), number=len(self.screens) + 1,
                            chosen_for="workup")

    @property
    def settled(self) -> tuple[str, ...]:
        """The open questions left when the interview stopped because none of them could
        change the conclusions (empty while a question is still worth asking)."""
        choice = self._choose()
        return choice.remaining if choice.settled else ()

    def ask_remaining(self) -> None:
        """Ask the questions that cannot change the conclusions too (on request)."""
        self.ask_all = True
        self._choice = None

    def _open_questions(self) -> list[tuple[str, int]]:
        declined = self._declined_results
        return [(q.id, q.priority) for q in self.result().questions
                if q.status == "open" and q.id not in self.answers and q.id not in declined]

    @property
    def _declined_results(self) -> frozenset[str]:
        """The results of each group from later in the work-up that the clinician said "no"
        to holding (no marrow examination, no serology yet): not asked one by one later,
        since each would only be answered "not known" (a "?" to the offer leaves them open,
        and the report still names the tests that would help most)."""
        declined = {key for group, (_, keys) in question_choice.WORKUP_GROUPS.items()
                    if self.answers.get(question_choice.workup_offer_id(group)) == "no"
                    for key in keys}
        # "not known" to whether the marrow holds an infiltrate or how full it is says no
        # marrow result is at hand: its other details are not asked one by one after it (a
        # marrow offer answered yes shows them all on its own screen)
        marrow = question_choice.WORKUP_GROUPS["marrow"][1]
        if self.answers.get(question_choice.workup_offer_id("marrow")) != "yes" and \
                any(self.answers.get(key) == "unknown" for key in MARROW_EXAMINED) and \
                not any(self.answers.get(key) not in (None, "unknown") for key in marrow):
            declined.update(marrow)
        return frozenset(declined)

    def _choose(self) -> question_choice.Choice:
        if self._choice is None and self.ask_all:
            # every open question is asked anyway: in the rules' order, without trying
            # answers (the counts and the sepsis signs still come first)
            self._choice = question_choice.choose(
                self.result(), self._open_questions(), self.answers,
                self.catalogue.questions, self._trial, ask_all=True,
                labs=self.catalogue.labs, try_answers=False)
        if self._choice is None:
            # questions found unable to change the conclusions are tried after the others
            # only while the conclusions they were tried against stand: once the leading
            # causes or their scores, the must-not-miss causes or the pitfalls change, an
            # answer that could not move them before may now (the days since chemotherapy,
            # once a second cause is close behind), and it is tried again in the rules' order
            standing = question_choice.Standing.of(self.result())
            conclusions = (tuple((c, standing.scores[c]) for c in standing.tied_top),
                           standing.must_not_miss, standing.pitfalls)
            if conclusions != self._dull_against:
                self._dull, self._dull_against = frozenset(), conclusions
            self._choice = question_choice.choose(
                self.result(), self._open_questions(), self.answers,
                self.catalogue.questions, self._trial, ask_all=self.ask_all,
                labs=self.catalogue.labs, settled_before=self._dull,
                asked_by={q.id: q.asked_by for q in self.result().questions})
            self._dull = (self._dull - {self._choice.question_id}) | self._choice.dull
        return self._choice

    def _trial(self, tried: tuple) -> question_choice.Standing | None:
        """What the report would conclude with the answers ``tried`` ((id, answer) pairs)
        added (None: an answer not valid for this case, e.g. an ANC above the WBC)."""
        # "unknown" weighs like no answer at all (it only stops a question being asked
        # again), so trials made before an "unknown" answer still hold after it
        answers = {k: v for k, v in self.answers.items() if v != "unknown"}
        try:
            for question_id, answer in tried:
                answers[question_id] = parse_answer(self.catalogue.questions[question_id],
                                                    answer)
        except InvalidAnswer:
            return None
        key = repr(sorted(answers.items()))
        if key not in self._trials:
            try:
                case = case_from_document(self._document(answers))
            except CaseFileError:
                self._trials[key] = None
            else:
                self._trials[key] = question_choice.Standing.of(
                    self.assessor.assess(case, with_trace=False))
        return self._trials[key]

    def check(self, question_id: str, raw: object) -> object:
        """The answer as a case file would hold it, or ``InvalidAnswer`` saying why not;
        checked on its own and against the answers already given (an ANC above the WBC)."""
        question = self._question(question_id)
        if question.section == EARLIER_COUNTS:  # dated counts: a case file's entries
            if raw in (None, "", "unknown", "?"):
                return "unknown"
            if not isinstance(raw, (list, tuple)) or \
                    not all(isinstance(entry, dict) for entry in raw):
                raise InvalidAnswer(question_id, "expected dated counts",
                                    f"each with when it was taken ({WHEN_HINT}) and its labs")
            value = [dict(entry) for entry in raw]
            try:
                case_from_document(self._document({**self.answers, question_id: value}))
            except CaseFileError as error:  # which count and lab: "count 2, wbc: ..."
                problem = f"{_count_key(error.key)}: {error.problem}" if error.key \
                    else error.problem
                raise InvalidAnswer(question_id, problem, error.hint) from None
            return value
        if question.section == "workup":  # the offer's line: yes, no or not known
            value = str(raw).strip().lower() if raw is not None else "unknown"
            value = {"y": "yes", "n": "no", "": "unknown", "?": "unknown"}.get(value, value)
            if value not in ("yes", "no", "unknown"):
                raise InvalidAnswer(question_id, f"{raw!r} is not yes or no", "yes, no or ?")
            return value
        value = parse_answer(question, _plain(raw))
        if question.section == "labs" and isinstance(value, (int, float)):
            value = self._rereadable(question, value)
        answers = dict(self.answers)
        answers[question_id] = value
        try:
            case_from_document(self._document(answers))
        except CaseFileError as error:
            raise InvalidAnswer(question_id, error.problem, error.hint) from None
        return value

    def _rereadable(self, question: Question, value: float) -> object:
        """A lab value as the case will hold it: the bare number in the lab's unit, or, where
        a bare number that small would be read as written in another unit (an IgG of 22
        mg/dL, which bare would be taken for 22 g/L), the number with its unit, so that the
        value typed is the value kept (and saved, and read back on resume)."""
        try:
            parse_answer(question, value)
        except InvalidAnswer:
            return f"{value:g} {self.catalogue.labs[question.id].unit}"
        return value

    def answer(self, question_id: str, raw: object) -> AnswerOutcome:
        """Record an answer ("unknown" is one) and report what must be shown at once."""
        value = self.check(question_id, raw)
        warnings_before = set(self.result().warnings)
        self._record(question_id, value)
        self.screens.append([question_id])
        result = self.result()
        emergencies = tuple(p for p in result.emergencies if p.id not in self.shown_emergencies)
        self.shown_emergencies.update(p.id for p in emergencies)
        return AnswerOutcome(
            question_id=question_id, value=value, emergencies=emergencies,
            warnings=tuple(w for w in result.warnings if w not in warnings_before))

    def answer_screen(self, answers: list[tuple[str, object]],
                      unread: tuple[str, ...] = (), same_screen: bool = False) -> ScreenOutcome:
        """Record the answers given on one screen (a findings screen, a pasted count), each
        checked as ``answer`` checks one, in the order given (an ANC is checked against a
        white count given before it); an answer that fails its check is refused with the
        reason and the rest are recorded. Undo takes the screen back as a whole; with
        ``same_screen`` the answers join the last screen's (a pasted value refused, then
        given again)."""
        warnings_before = set(self.result().warnings)
        emergencies_before = set(self.shown_emergencies)
        recorded, refused, screen = [], [], []
        for question_id, raw in answers:
            if question_id in screen:
                refused.append(Refused(question_id, str(raw), "given twice on one screen"))
                continue
            try:
                value = self.check(question_id, raw)
            except InvalidAnswer as error:
                refused.append(Refused(question_id, str(raw), str(error)))
                continue
            self._record(question_id, value)
            screen.append(question_id)
            recorded.append((question_id, value))
        if screen and same_screen and self.screens:
            self.screens[-1].extend(screen)
        elif screen:
            self.screens.append(screen)
        result = self.result()
        emergencies = tuple(p for p in result.emergencies if p.id not in emergencies_before)
        self.shown_emergencies.update(p.id for p in emergencies)
        return ScreenOutcome(tuple(recorded), tuple(refused), tuple(unread), emergencies,
                             tuple(w for w in result.warnings if w not in warnings_before))

    def answer_pasted(self, text: str, asked: str | None = None,
                      same_screen: bool = False) -> ScreenOutcome:
        """A blood count typed in one answer ("wbc 2.1 x10^9/L, hb 9.8, plt 85 x10^9/L"):
        each lab it names is checked and recorded as if answered on its own; a value typed
        first without a name answers ``asked``. A name that could mean two labs (a bare
        "neut 45") is refused with the reason; parts that name no lab come back unread."""
        pasted = read_pasted_count(text, self.catalogue, asked)
        answers = [(v.lab_id, v.text) for v in pasted.values if not v.problem]
        outcome = self.answer_screen(answers, pasted.unread, same_screen)
        ambiguous = tuple(Refused(v.lab_id, v.text, v.problem, named=v.name)
                          for v in pasted.values if v.problem)
        return ScreenOutcome(outcome.recorded, ambiguous + outcome.refused, outcome.unread,
                             outcome.emergencies, outcome.warnings)

    def is_pasted_count(self, text: str, asked: str | None = None) -> bool:
        """Whether ``text`` names labs (a pasted count) rather than being one value."""
        values = read_pasted_count(text, self.catalogue, asked).values
        return any(v.name for v in values)

    def undo(self) -> str:
        """Take back the last screen's answers (one answer, or all those of a findings
        screen or a pasted count, and so everything derived from them); returns the id of
        the first question it answered, which will be asked again. ``undone`` keeps the
        answers taken back, so that a screen shown again can show them."""
        if not self.screens:
            raise SessionError("there is no earlier answer to go back to")
        screen = self.screens.pop()
        taken = {}
        for question_id in screen:
            self.history.remove(question_id)
            taken[question_id] = self.answers.pop(question_id)
        # kept beside what earlier steps back took, so that going back two screens and
        # forward again shows the later screen's answers too (nothing typed is lost)
        self.undone = {**self.undone, **taken}
        self.taken_back = len(taken)
        self._changed()
        # an emergency that no longer applies will be announced again if it comes back
        self.shown_emergencies &= {p.id for p in self.result().emergencies}
        return screen[0]

    @property
    def can_undo(self) -> bool:
        return bool(self.screens)

    # ---- what the rules make of it -------------------------------------------------------

    def case(self) -> Case:
        if self._case is None:
            self._case = case_from_document(self._document(self.answers))
        return self._case

    def result(self) -> Result:
        if self._result is None:
            self._result = self.assessor.assess(self.case())
        return self._result

    def cause(self, cause_id: str) -> RankedCause:
        """One ranked cause with the evidence behind its score (for "how?")."""
        for cause in self.result().ranking:
            if cause.cause == cause_id:
                return cause
        raise SessionError(f"{cause_id!r} is not in the ranking")

    def informative_questions(self, limit: int = 3) -> list[InformativeQuestion]:
        """The open questions whose answer could still change the conclusions (a new
        emergency, a must-not-miss cause, a pitfall, the leading cause, the top three),
        tried as the interview tries them (alone or through the follow-ups an answer
        opens), most at stake first; none once the interview has stopped because no open
        question could. A question that could only move scores is not named: it is not
        what would change what to do."""
        result = self.result()
        before = question_choice.Standing.of(result)
        answered = frozenset(self.answers)
        found = []
        for question_id, _ in self._open_questions():
            question = self.catalogue.questions[question_id]
            value = question_choice.value_of(question_id, before, question, self._trial,
                                             self.catalogue.labs.get(question_id),
                                             self.catalogue.questions, answered)
            if not value.matters:
                continue
            leader = None
            after = self._trial(((question_id, value.answer),))
            # "would put X first" only where X would lead alone: a cause listed first inside
            # a tie for first is first by the alphabet, not by its score
            if after is not None and after.top and after.top[:1] != before.top[:1] and (
                    not after.places or len(after.places[0][1]) == 1):
                leader = self._ranked_in_trial(question_id, value.answer, after.top[0])
            found.append(InformativeQuestion(question, value.answer, value.changes,
                                             value.value, leader))
        found.sort(key=lambda item: -item.value)  # the rules' order among equals
        return found[:limit]

    def _ranked_in_trial(self, question_id: str, answer: str, cause: str
                         ) -> RankedCause | None:
        """``cause`` as it would be ranked with ``answer`` given to ``question_id``."""
        answers = dict(self.answers)
        try:
            answers[question_id] = parse_answer(self.catalogue.questions[question_id], answer)
            trial = self.assessor.assess(case_from_document(self._document(answers)),
                                         with_trace=False)
        except (InvalidAnswer, CaseFileError):
            return None
        return next((c for c in trial.ranking if c.cause == cause), None)

    # ---- saving --------------------------------------------------------------------------

    @staticmethod
    def is_saved_session(path: str) -> bool:
        """Whether ``path`` is a file an interview saved (and may save again), as opposed
        to a case someone wrote, such as a teaching case in the library."""
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                return handle.readline().rstrip("\n") == SAVED_SESSION_HEADER
        except OSError:
            return False

    def to_document(self) -> dict:
        """The session as a case file mapping; loading it gives the same case and ranking."""
        return self._document(self.answers)

    def to_yaml(self) -> str:
        header = (SAVED_SESSION_HEADER + "\n"
                  "# Continue it with: leukodx interview --resume THIS_FILE\n"
                  "# Score it with:    leukodx score THIS_FILE\n"
                  f"{saved_interview.DECLARES_END}\n")
        offer = [(question_choice.workup_group_of(q), v) for q, v in self.answers.items()
                 if question_choice.workup_group_of(q)]
        if offer:
            header += WORKUP_OFFER_LINE + ", ".join(f"{g} {v}" for g, v in offer) + "\n"
        if self.screens:
            header += SCREENS_LINE + " | ".join(" ".join(screen) for screen in self.screens) \
                + "\n"
        return header + yaml.safe_dump(self.to_document(), sort_keys=False,
                                       allow_unicode=True, default_flow_style=False) + \
            SAVED_SESSION_END + "\n"

    def save(self, path: str) -> None:
        """Write the session as a case file, atomically: readers see the old file or the
        new one, never half of one."""
        if os.path.exists(path) and not os.path.isfile(path):
            # replacing a device or a folder's entry would destroy it, not save into it
            raise SessionError(f"cannot save to {path}: not a regular file")
        try:
            write_atomically(path, self.to_yaml())  # mode kept, links followed, no temp left
        except OutputError as error:
            raise SessionError(f"cannot save to {path}: {error.strerror}") from None

    # ---- inside --------------------------------------------------------------------------

    def entry(self, question_id: str) -> Question:
        """The question bank's entry for an answer's id (a lab without a question too)."""
        return self._question(question_id)

    def _question(self, question_id: str) -> Question:
        """The question bank's entry; a lab no question asks for (a pasted basophil count)
        is answered as a lab value, under ``labs:`` like any other."""
        if question_id in self.catalogue.questions:
            return self.catalogue.questions[question_id]
        group = question_choice.workup_group_of(question_id)
        if group is not None:
            return self._workup_offer(group)
        if question_id == EARLIER_COUNTS:
            return Question(
                id=EARLIER_COUNTS, text="Earlier or repeat blood counts, each with when it "
                "was taken?", section=EARLIER_COUNTS, kind=EARLIER_COUNTS, area="workup",
                help="Counts from before this one (or repeated after it): the trend, the last "
                     "normal count and how long the count has been low are weighed from them, "
                     "as a case file's earlier_counts: are.")
        lab = self.catalogue.labs.get(question_id)
        if lab is None:
            raise SessionError(f"no question {question_id!r} in the question bank")
        return Question(id=lab.id, text=f"{lab.name}?", section="labs", kind="lab",
                        area="labs")

    def _record(self, question_id: str, value: object) -> None:
        """An answer checked and kept, in the order given (an answer given again moves)."""
        for screen in self.screens:
            if question_id in screen:
                screen.remove(question_id)
        self.screens = [screen for screen in self.screens if screen]
        if question_id in self.history:
            self.history.remove(question_id)
        self.preset.discard(question_id)
        self.undone.pop(question_id, None)  # given again: no longer waiting to be shown
        self._set(question_id, value)
        self.history.append(question_id)

    def _set(self, question_id: str, value: object) -> None:
        self.answers[question_id] = value
        self._changed()

    def _changed(self) -> None:
        self._case = self._result = self._choice = None

    def _document(self, answers: dict) -> dict:
        document: dict = {"id": self.case_id}
        if self.title:
            document["title"] = self.title
        sections: dict[str, dict] = {"labs": dict(self.kept_labs)} if self.kept_labs else {}
        for question_id, value in answers.items():
            section = self._question(question_id).section
            if section in ("smear", "medications"):
                document[section] = value
            elif section == EARLIER_COUNTS:
                if value and value != "unknown":
                    document[section] = value
            else:
                sections.setdefault(section, {})[question_id] = value
        for section in ("patient", "labs", "findings"):
            if section in sections:
                document[section] = sections[section]
        ordered = {k: document[k] for k in ("id", "title", *SECTION_ORDER) if k in document}
        ordered.update(self.kept)
        return ordered


def answers_from_case(session: InterviewSession, screen: Screen, case: Case
                      ) -> list[tuple[str, object]]:
    """What a clinician holding ``case`` answers on ``screen`` ("unknown" where the case is
    silent): at the first count question, the case's whole blood count at once (as pasted);
    on a findings screen, each finding. Answers the interview never asks for stay out (but a
    count's other labs, which a pasted count gives), which is what makes this a test of the
    question flow; the benchmark and the consistency test interview cases with it."""
    first = screen.first
    if screen.kind == question_choice.WORKUP and screen.area == question_choice.WORKUP:
        # the offer: the groups the case file holds any result of
        return [(q.id, "yes" if any(
            _held(case, key, session.entry(key).section) not in (None, "unknown")
            for key in question_choice.WORKUP_GROUPS[question_choice.workup_group_of(q.id)][1]
            if session._known_key(key)) else "no") for q in screen.questions]
    if first.question.kind == "lab" and not any(lab in session.answers for lab in BLOOD_COUNT) \
            and first.id in BLOOD_COUNT:
        given = [(lab, case.labs[lab]) for lab in BLOOD_COUNT if lab in case.labs]
        if first.id not in case.labs:
            given.insert(0, (first.id, "unknown"))
        return given
    answers = []
    for question in screen.questions:
        value = _held(case, question.id, question.question.section)
        if question.question.section == "labs" and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            # with its unit where the bare number would be read in another (an IgG of 22
            # mg/dL), as the file wrote it and a clinician would type it
            value = session._rereadable(question.question, value)
        answers.append((question.id, "unknown" if value is None else value))
    return answers


def _count_key(key: str) -> str:
    """A case file's key in the dated counts as the interview names it: "count 2, wbc" for
    ``earlier_counts[1].labs.wbc``."""
    found = re.match(r"earlier_counts\[(\d+)\](?:\.labs)?\.?(.*)$", key)
    if not found:
        return key
    return f"count {int(found.group(1)) + 1}" + (f", {found.group(2)}" if found.group(2) else "")


def _held(case: Case, key: str, section: str) -> object:
    """What ``case`` holds for ``key`` (its dated counts for ``earlier_counts``), or None."""
    if section == EARLIER_COUNTS:
        return [count.to_document() for count in case.earlier_counts] or None
    return case.answer_for(key, section)


def _plain(raw: object) -> object:
    """Medication entries from a loaded case, as a case file writes them."""
    if isinstance(raw, (list, tuple)) and raw and not isinstance(raw[0], (str, dict)):
        return [medication_document(entry) for entry in raw]
    if isinstance(raw, tuple):
        return list(raw)
    return raw


_WORKUP_LABS = frozenset(key for _, keys in question_choice.WORKUP_GROUPS.values()
                         for key in keys)


def _answers_of(case: Case, catalogue: Catalogue) -> dict[str, object]:
    """The answers a loaded case gives, by question id, as a case file holds them."""
    given: dict[str, object] = {}
    for section in ("patient", "labs", "findings"):
        for key, value in getattr(case, section).items():
            # a lab no question of the bank asks is still an answer where a work-up screen
            # asks it (creatinine, AST): kept, so that a resumed interview does not ask it again
            if key in catalogue.questions or section == "labs" and key in _WORKUP_LABS:
                given[key] = value
    if case.smear is not None:
        given["smear"] = list(case.smear)
    if case.medications is not None:
        given["medications"] = [medication_document(m) for m in case.medications]
    if case.earlier_counts:
        given[EARLIER_COUNTS] = [count.to_document() for count in case.earlier_counts]
    return given


def _workup_offer_of(path: str) -> dict[str, str]:
    """The answers a save kept to the offer of results from later in the work-up."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = [line.rstrip("\n") for line in handle if line.startswith("#")]
    except OSError:
        return {}
    offer = {}
    for line in lines:
        if line.startswith(WORKUP_OFFER_LINE):
            for part in line[len(WORKUP_OFFER_LINE):].split(","):
                group, _, value = part.strip().partition(" ")
                if group in question_choice.WORKUP_GROUPS and value in ("yes", "no", "unknown"):
                    offer[group] = value
    return offer


def _screens_of(path: str) -> list[list[str]]:
    """The screens a save kept, each the ids answered on it, in the order answered."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            line = next((line.rstrip("\n") for line in handle
                         if line.startswith(SCREENS_LINE)), "")
    except OSError:
        return []
    return [screen.split() for screen in line[len(SCREENS_LINE):].split("|") if screen.split()]


def _screens_as_answered(saved: list[list[str]], replayed: list[list[str]],
                         answered: set[str]) -> list[list[str]]:
    """The replayed answers (one screen each) grouped again as the save's screens held them
    (``answered``: the ids the resumed session holds as given in order); an answer the
    save's screens do not name (a hand-edited file) stays a screen of its own, after them."""
    screens = [[q for q in screen if q in answered] for screen in saved]
    screens = [screen for screen in screens if screen]
    placed = {question_id for screen in screens for question_id in screen}
    if len(placed) != sum(len(screen) for screen in screens):  # an id twice: not trusted
        return replayed
    return screens + [screen for screen in replayed if screen[0] not in placed]


def _unknown_markers(path: str) -> dict[str, str]:
    """Questions a saved file answers "unknown" where the loaded case keeps no trace of it
    (patient, labs, smear and medications drop unknown values)."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    markers = {}
    for section in ("patient", "labs"):
        entries = data.get(section)
        for key, value in (entries.items() if isinstance(entries, dict) else ()):
            if value is None or value == "unknown":
                markers[key] = "unknown"
    for section in ("smear", "medications"):
        if data.get(section) == "unknown":
            markers[section] = "unknown"
    return markers
