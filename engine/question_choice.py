"""Which open question the interview asks next, and when it may stop: by what an answer would
change. The rules decide which questions are open (Ask facts); this module only orders them.

Each open question is tried with each answer it could get and the case re-assessed; an
answer that changes nothing yet but opens follow-up questions is worth what those could
change. What counts is what the report would then conclude: a new emergency, a must-not-miss
cause gained or lost, a pitfall gained or lost, a new leading cause, the leading cause's band
changed (the report calling it likely where it said possible: a recent viral illness for a
passing viral fall), the top three changed. The top three counts only among contenders: a
cause that stands 20 decibans or more below the leading score (a hundredth of its odds) both
before and after an answer, and is not must-not-miss (those are weighed apart), is no
contender, and its entering, leaving or moving among the others far behind is worth no more
than a score shift (in a well child whose places 2-3 are a tie of rare inherited causes far
behind a passing viral fall, a rare sign that only reorders that tie does not keep the
interview going; one that would bring its syndrome close to the leader still does).
The counts and fever come first (with the sepsis signs before anything else once fever and
a low neutrophil count are known), then the drugs and the blood film, then the question with
the most at stake among the first few that matter in the rules' order. When no open question
could change any of those, the interview may stop: the rest could only move scores. Once a
result settles the diagnosis (a rule's ``settle``: marrow blasts of 20 % or more are acute
leukaemia), only a new leader, a must-not-miss cause, a pitfall or an emergency is worth a
question, or a likely answer (more likely than not) that changes which causes stand behind
the leader, never their order. Two questions that could change the conclusions only
together are asked on one screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rules.base import CORE, ESSENTIAL
from rules.catalogue import LabTest, Question
from rules.vital_signs import HYPOTHERMIA_BELOW, VITAL_SIGNS, read_fever

from .count_paste import BLOOD_COUNT
from .result import Result, tied_places, top_with_ties
from .scoring import band

TOP = 3  # the report's leading causes, which an answer must not change unseen
SEPSIS_QUESTIONS = ("sepsis_signs", *VITAL_SIGNS)
LOW_NEUTROPHILS = ("absolute_neutropenia",)
# Asked as soon as the rules ask them, after the counts, fever and the sepsis signs and before
# the drugs' film and the rest: the day of a chemotherapy cycle (asked only when an anticancer
# drug is on the list or chemotherapy was given) decides whether the expected nadir explains
# the count, and most other questions then matter less or not at all
URGENT_QUESTIONS = ("days_since_chemotherapy",)
# Questions whose answers cannot be tried one by one (a list of drugs, a film): asked
# whenever the rules ask them, in the rules' order.
ALWAYS_ASKED = ("medications", "smear")
# What each kind of change is worth, so that the question with the most at stake is first
EMERGENCY, MUST_NOT_MISS, LEADER, PITFALL, TOP_SET, TOP_ORDER = 1000, 200, 120, 100, 40, 20
LEADER_BAND = 20  # the same leading cause in another band (likely, possible, less likely)
SHIFT_CAP = 15  # score movement breaks ties only: it never makes a question worth asking
# A cause this many decibans or more below the leading score (odds a hundredth of the
# leader's) is no contender: while it stays there, before and after an answer, its entering,
# leaving or moving within the top 3 is worth no more than a score shift
FAR_BELOW = 20
FOLLOW_UP_KINDS = ("yesno", "choice")  # the follow-ups an answer is worth through
CANDIDATES = 2  # questions that matter, found in the rules' order, to choose the best from
# "The counts": the patient and the blood count, asked first when the rules rank them above
# the essential history (age, the counts and differential, haemoglobin and platelets)
COUNT_SECTIONS = ("patient", "labs")
# Fever is the emergency question of a low count, and half of what the infection rules need
FEVER_QUESTIONS = ("temperature_c", "fever")


@dataclass(frozen=True)
class Standing:
    """What a report concludes: the leading causes in order, the must-not-miss causes it
    flags, its pitfalls and emergencies, and each ranked cause's score. ``tied_top`` is the
    top 3 with every cause tied at the third place, and ``places`` the top 3 as the report
    shows it, each shared place with its causes (``result.tied_places``): an answer that
    makes or breaks a tie there changes what the report says even where the list's order,
    alphabetical within a tie, stays the same."""

    top: tuple[str, ...]
    must_not_miss: frozenset[str]
    pitfalls: frozenset[str]
    emergencies: frozenset[str]
    scores: dict
    open: frozenset[str] = frozenset()  # the questions the rules ask that have no answer
    settled: frozenset[str] = frozenset()  # the causes a result settles the diagnosis on
    tied_top: tuple[str, ...] = ()
    places: tuple = ()

    @classmethod
    def of(cls, result: Result) -> Standing:
        tied_top = top_with_ties(result.ranking, TOP)
        return cls(top=tuple(c.cause for c in result.ranking[:TOP]),
                   tied_top=tuple(c.cause for c in tied_top),
                   places=tied_places(result.ranking, TOP),
                   must_not_miss=frozenset(c.cause for c in result.ranking if c.must_not_miss),
                   pitfalls=frozenset(p.id for p in result.pitfalls),
                   emergencies=frozenset(p.id for p in result.emergencies),
                   scores={c.cause: c.score for c in result.ranking},
                   open=frozenset(q.id for q in result.questions if q.status == "open"),
                   settled=frozenset(c for s in result.settled for c in s.causes))


@dataclass(frozen=True)
class QuestionValue:
    """What the most consequential answer to one open question would change."""

    question_id: str
    value: int  # what its most consequential answer is worth (0: it changes nothing)
    answer: str  # the answer that changes most ("" when none does)
    changes: tuple[str, ...]  # in words: "a new emergency", "the leading cause", ...

    @property
    def matters(self) -> bool:
        return self.value > SHIFT_CAP


LIKELY = 0.5  # an answer more likely than not, given the causes' shares now


def change(before: Standing, after: Standing, likely: bool = False
           ) -> tuple[int, tuple[str, ...]]:
    """What moving from ``before`` to ``after`` is worth, and what it changes in words.
    ``likely``: the answer that moves there is more likely than not (``answer_chances``)."""
    value, words = 0, []
    if after.emergencies - before.emergencies:
        value += EMERGENCY
        words.append("a new emergency")
    moved = before.must_not_miss ^ after.must_not_miss
    if moved:
        value += MUST_NOT_MISS * len(moved)
        words.append("the must-not-miss causes")
    if (before.top[:1] or None) != (after.top[:1] or None):
        value += LEADER
        words.append("the leading cause")
    pitfalls = (before.pitfalls ^ after.pitfalls) - (after.emergencies - before.emergencies)
    if pitfalls:
        value += PITFALL * len(pitfalls)
        words.append("the pitfalls")
    # the causes in the top 3 or tied at its third place: one that joins or leaves a tie at
    # the cut changes the report as one that enters or leaves the top 3 does; but not one
    # that stays far behind the leader before and after (``distant``): their order is not a
    # conclusion, and a rare sign that reorders them is worth no more than a score shift
    distant = distant_causes(before, after)
    entered = (set(after.tied_top or after.top) ^ set(before.tied_top or before.top)) - distant
    if before.top[:1] and before.top[0] in before.settled & after.settled:
        # a result settles the diagnosis and the leader stands: the order of the causes
        # behind it is not worth a question (marrow blasts of 20 % settle acute leukaemia),
        # nor a cause brought in behind it by an unlikely answer (a poor diet or a lupus rash
        # in the nadir after chemotherapy); an answer more likely than not that changes which
        # causes stand behind it (no viral illness of late) is, as the report would show it
        if likely and entered:
            value += TOP_SET * len(entered)
            words.append(f"the top {TOP}")
        return value, tuple(words)
    leader = before.top[0] if before.top[:1] == after.top[:1] and before.top else None
    if leader in before.scores and leader in after.scores and \
            band(before.scores[leader]) != band(after.scores[leader]):
        # the same leader, but the report would call it likely where it said possible, or
        # less likely: what it concludes about its leading cause, not a score's drift (a
        # recent viral illness, or none, for a passing viral fall in a well child)
        value += LEADER_BAND
        words.append("how likely the leading cause is")
    if entered:
        value += TOP_SET * len(entered)
        words.append(f"the top {TOP}")
    elif contenders(before.top, distant) != contenders(after.top, distant) or \
            contending_places(before.places, distant) != contending_places(after.places, distant):
        value += TOP_ORDER
        words.append(f"the order of the top {TOP}")
    watched = set(before.tied_top or before.top) | set(after.tied_top or after.top) | \
        before.must_not_miss | after.must_not_miss
    floor = min([*before.scores.values(), *after.scores.values(), 0])
    shift = sum(abs(after.scores.get(c, floor) - before.scores.get(c, floor)) for c in watched)
    return value + min(shift, SHIFT_CAP), tuple(words)


def distant_causes(before: Standing, after: Standing) -> frozenset[str]:
    """The causes that stand far behind the leader both before and after an answer:
    ``FAR_BELOW`` decibans or more below the leading score each time (a cause not ranked
    counts as far), and flagged must-not-miss neither time (those are weighed apart)."""
    def behind(standing: Standing, cause: str) -> bool:
        if not standing.top or standing.top[0] not in standing.scores:
            return False
        leading = standing.scores[standing.top[0]]
        return cause not in standing.scores or leading - standing.scores[cause] >= FAR_BELOW
    flagged = before.must_not_miss | after.must_not_miss
    return frozenset(cause for cause in set(before.scores) | set(after.scores)
                     if cause not in flagged and behind(before, cause) and behind(after, cause))


def contenders(top: tuple[str, ...], distant: frozenset[str]) -> tuple[str, ...]:
    """The top 3 in order without the causes far behind the leader (``distant_causes``)."""
    return tuple(cause for cause in top if cause not in distant)


def contending_places(places: tuple, distant: frozenset[str]) -> tuple:
    """The top 3's shared places (``Standing.places``) without the distant causes."""
    return tuple((rank, causes - distant) for rank, causes in places if causes - distant)


def trial_answers(question: Question, lab: LabTest | None = None) -> tuple[object, ...]:
    """The answers a question is tried with: each of yes and no, each choice, a lab value
    low, normal and high in words or, where its reference range is known, normal in words
    and far below and far above it as numbers (a third of the lower limit, five times the upper: a rule with
    a threshold such as "ALT over three times normal" needs a number past it), and for
    a number its ends and points between (with the short and long times a day or week count
    can mean)."""
    if question.kind == "yesno":
        return ("yes", "no")
    if question.kind == "choice":
        return tuple(question.choices)
    if question.kind == "lab":
        if lab is None or lab.normal is None:
            return ("low", "normal", "high")
        low, high = lab.normal
        floor = lab.minimum if lab.minimum is not None else 0
        ceiling = lab.maximum if lab.maximum is not None else high * 5
        far_low = max(floor, round(low * 0.3, 3)) if low > 0 else None
        far_high = min(ceiling, round(high * 5, 3))
        if lab.kind == "percent":  # whole percentages, as a differential gives them
            far_low, far_high = int(far_low or 0), min(100, int(far_high))
        # a number far off reads as low or high too, so the word is tried only where there
        # is no such number
        return (far_low if far_low is not None else "low", "normal", far_high)
    if question.kind == "number" and question.minimum is not None \
            and question.maximum is not None:
        low, high = question.minimum, question.maximum
        points = {low, high, (low + high) / 2}
        if high >= 100:  # a count of days or weeks: the short and long times it can mean
            points |= {p for p in (2, 7, 30, 365) if low < p < high}
        return tuple(sorted(round(p, 1) for p in points))
    return ()



# How often each kind of answer is given by a patient in whom no cause in the ranking says
# otherwise (a finding is usually absent, a lab usually normal): the base rates the
# likelihoods below start from.
BASE_YES = 0.05
BASE_LAB = {"low": 0.05, "normal": 0.85, "high": 0.05}  # the rest goes to far-off numbers
IMPORTANCE = {"a new emergency": 3.0, "the must-not-miss causes": 2.0,
              "the leading cause": 1.0, "the pitfalls": 1.0, f"the top {TOP}": 1.0,
              f"the order of the top {TOP}": 0.5, "how likely the leading cause is": 0.5}
 # the expected change, in IMPORTANCE units, below which a question waits
DELTA_CAP = 20  # decibans: one answer's evidence for a cause, as far as its likelihood goes


def base_rates(question: Question, answers: tuple) -> list[float]:
    if question.kind == "yesno":
        return [BASE_YES if a == "yes" else 1 - BASE_YES for a in answers]
    if question.kind == "lab":
        rest = [a for a in answers if a not in BASE_LAB]
        spare = 1 - sum(BASE_LAB[a] for a in answers if a in BASE_LAB)
        return [BASE_LAB[a] if a in BASE_LAB else spare / len(rest) for a in answers]
    return [1 / len(answers)] * len(answers)


def posterior(standing: Standing) -> dict[str, float]:
    """The ranked causes' shares of belief, from their scores (decibans: log-odds x 10),
    with what is not ranked as one more share at the weakest prior's level."""
    weights = {c: 10 ** (s / 10) for c, s in standing.scores.items()}
    weights[""] = 10 ** (-2.5)
    total = sum(weights.values())
    return {c: w / total for c, w in weights.items()}


def answer_chances(before: Standing, afters: list[Standing | None], base: list[float]
                   ) -> list[float]:
    """How likely each answer is, given the causes' shares now: each cause makes an answer
    as much likelier as the evidence that answer would give it (its score's change)."""
    shares = posterior(before)
    chances = [0.0] * len(afters)
    for cause, share in shares.items():
        likelihoods = []
        for after, rate in zip(afters, base, strict=True):
            if after is None:
                likelihoods.append(0.0)
                continue
            if cause == "":
                delta = 0.0
            else:
                delta = after.scores.get(cause, before.scores[cause] - 10) - before.scores[cause]
            delta = max(-DELTA_CAP, min(DELTA_CAP, delta))
            likelihoods.append(rate * 10 ** (delta / 10))
        total = sum(likelihoods) or 1.0
        for index, likelihood in enumerate(likelihoods):
            chances[index] += share * likelihood / total
    return chances


def expected_change(question: Question, before: Standing,
                    outcome: Callable[[tuple], Standing | None],
                    lab: LabTest | None = None) -> tuple[float, str, tuple[str, ...]]:
    """The expected change an answer makes to the conclusions (IMPORTANCE units, each
    answer weighed by how likely it is), the answer that would change most, and what."""
    pairs = tried(question, lab, outcome)
    if not pairs:
        return 0.0, "", ()
    answers = tuple(answer for answer, _ in pairs)
    afters = [after for _, after in pairs]
    chances = answer_chances(before, afters, base_rates(question, answers))
    expected, best, best_words, best_worth = 0.0, "", (), 0.0
    for answer, after, chance in zip(answers, afters, chances, strict=True):
        if after is None:
            continue
        _, words = change(before, after)
        worth = sum(IMPORTANCE.get(w, 0.0) for w in words)
        expected += chance * worth
        if worth > best_worth:
            best, best_words, best_worth = str(answer), words, worth
    return expected, best, best_words


def tried(question: Question, lab: LabTest | None,
          outcome: Callable[[tuple], Standing | None], first: tuple = ()
          ) -> list[tuple[object, Standing | None]]:
    """Each trial answer with the standing it would give (after the answers ``first``); a
    number the case refuses (a percentage that would take the differential past 100) is
    tried as the word it stands for instead."""
    found = []
    answers = trial_answers(question, lab)
    for index, answer in enumerate(answers):
        after = outcome((*first, (question.id, answer)))
        if after is None and isinstance(answer, (int, float)) and question.kind == "lab":
            answer = "low" if index == 0 else "high"
            after = outcome((*first, (question.id, answer)))
        found.append((answer, after))
    return found


def febrile_neutropenia(result: Result, findings: dict) -> bool:
    """Fever (a temperature or as stated) with a low neutrophil count, or with a low white
    count whose neutrophils are given only in words or not at all ("WBC low", "ANC low"):
    febrile neutropenia cannot be ruled out then, and the sepsis signs come next."""
    fever = read_fever(findings)
    if fever is None or not fever["present"]:
        return False
    reading = result.reading
    return reading.neutrophil_status in LOW_NEUTROPHILS or (
        reading.anc is None and reading.white_count_status == "low")


@dataclass(frozen=True)
class Choice:
    """The question to ask next, or none: ``question_id`` None with ``settled`` True when
    the open questions cannot change the conclusions (``remaining`` of them are left)."""

    question_id: str | None
    reason: str  # core, sepsis, value, always, remaining
    value: QuestionValue | None = None
    settled: bool = False
    remaining: tuple[str, ...] = ()
    dull: frozenset[str] = frozenset()  # open questions found unable to change anything
    # the question whose answer, with this one's, could change the conclusions when neither
    # can alone (``value_together``): asked on the same screen where both can share one
    partner: str | None = None


def choose(result: Result, open_questions: list[tuple[str, int]], findings: dict,
           questions: dict[str, Question],
           outcome: Callable[[tuple], Standing | None],
           ask_all: bool = False, labs: dict[str, LabTest] | None = None,
           settled_before: frozenset[str] = frozenset(), try_answers: bool = True,
           asked_by: dict[str, tuple[str, ...]] | None = None) -> Choice:
    """The next question among ``open_questions`` (id, priority; highest priority first).
    ``outcome(((id, answer), ...))`` is the standing the report would have with those
    answers added (None when an answer is not valid for this case). With ``ask_all`` the
    questions that cannot change the conclusions are asked too; with ``try_answers`` False
    no answer is tried and the open questions come in the rules' order (after the counts
    and the sepsis signs), for an interview that asks everything."""
    if not open_questions:
        return Choice(None, "complete")
    for question_id, priority in open_questions:
        if priority >= CORE:
            return Choice(question_id, "core")
    # before anything else: with fever and a low neutrophil count, or a temperature below
    # 36 °C, where the rules ask the signs of sepsis (in a severe neutropenia without fever
    # they are asked too, by what their answer could change, without jumping the queue)
    temperature = findings.get("temperature_c")
    if febrile_neutropenia(result, findings) or \
            isinstance(temperature, (int, float)) and not isinstance(temperature, bool) \
            and temperature < HYPOTHERMIA_BELOW:
        for question_id, _ in open_questions:
            if question_id in SEPSIS_QUESTIONS:
                return Choice(question_id, "sepsis")
    for question_id, priority in open_questions:
        if priority > ESSENTIAL and (questions[question_id].section in COUNT_SECTIONS
                                     or question_id in FEVER_QUESTIONS):
            return Choice(question_id, "core")
    for question_id, _ in open_questions:
        if question_id in URGENT_QUESTIONS:
            return Choice(question_id, "urgent")
    for question_id, _ in open_questions:
        if question_id in ALWAYS_ASKED:
            return Choice(question_id, "always")
    if not try_answers:  # everything is to be asked: the rules' order
        return Choice(open_questions[0][0], "remaining",
                      remaining=tuple(question_id for question_id, _ in open_questions))
    before = Standing.of(result)
    answered = frozenset(findings)
    worth: list[tuple[float, QuestionValue]] = []
    dull: set[str] = set()
    # Questions found unable to change anything at an earlier step are tried last: most
    # answers leave them as they were, and trying them again at every step was most of the
    # cost. When nothing else could change the conclusions they are all tried again, so
    # the interview never stops while one of them could.
    fresh = [q for q in open_questions if q[0] not in settled_before]
    stale = [q for q in open_questions if q[0] in settled_before]
    for batch in (fresh, stale):
        for question_id, _ in batch:
            lab = (labs or {}).get(question_id)
            value = value_of(question_id, before, questions[question_id], outcome, lab,
                             questions, answered)
            if not value.matters:
                dull.add(question_id)
                continue
            # among the questions that could change the conclusions, the one whose answer
            # is likeliest to (the same trials, each answer weighed by how likely it is)
            expected, _, _ = expected_change(questions[question_id], before, outcome, lab)
            worth.append((expected + value.value / 10_000, value))
            # the rules' priority orders the search: the best of the first few that matter
            if len(worth) >= CANDIDATES:
                break
        if worth:
            break
    if worth:
        best = max(worth, key=lambda item: item[0])[1]  # the first of equals: priority
        return Choice(best.question_id, "value", best, dull=frozenset(dull))
    together = value_together(open_questions, before, questions, outcome, labs or {},
                              asked_by or {})
    if together is not None:
        value, partner = together
        return Choice(value.question_id, "value", value, dull=frozenset(dull), partner=partner)
    remaining = tuple(question_id for question_id, _ in open_questions)
    if ask_all:  # none can change the report: the rest in the rules' order
        return Choice(open_questions[0][0], "remaining", remaining=remaining,
                      dull=frozenset(dull))
    return Choice(None, "settled", settled=True, remaining=remaining, dull=frozenset(dull))


def value_of(question_id: str, before: Standing, question: Question,
             outcome: Callable[[tuple], Standing | None],
             lab: LabTest | None = None,
             follow_ups: dict[str, Question] | None = None,
             answered: frozenset[str] = frozenset(), enough: bool = False
             ) -> QuestionValue:
    """The most any one answer to the question would change the conclusions, directly or
    through the yes/no or choice follow-up questions the answer opens (with
    ``follow_ups``, the question bank). With ``enough`` the first answer found that
    matters will do (whether a question belongs on a screen, not how much it is worth):
    each answer is tried directly first, the follow-ups only if none matters."""
    best = QuestionValue(question_id, 0, "", ())
    trials = [(answer, after) for answer, after in tried(question, lab, outcome)
              if after is not None]
    likely = [False] * len(trials)
    if trials and before.top[:1] and before.top[0] in before.settled:
        # behind a settled leader only a likely answer's change of the top three counts
        chances = answer_chances(before, [after for _, after in trials],
                                 base_rates(question, tuple(a for a, _ in trials)))
        likely = [chance >= LIKELY for chance in chances]
    direct = []
    for (answer, after), probable in zip(trials, likely, strict=True):
        value, words = change(before, after, probable)
        direct.append((answer, after, value, words))
        if enough and value > SHIFT_CAP:
            return QuestionValue(question_id, value, str(answer), words)
    for answer, after, value, words in direct:
        if value <= SHIFT_CAP and follow_ups is not None:
            # an answer that changes nothing yet but opens follow-up questions (joint pains,
            # then "known rheumatoid arthritis?") is worth what those could change
            for follow_up in sorted(after.open - before.open - answered - {question_id}):
                if follow_ups[follow_up].kind not in FOLLOW_UP_KINDS:
                    continue  # a size, a date or a lab value refines; it does not open
                for second in trial_answers(follow_ups[follow_up]):
                    then = outcome(((question_id, answer), (follow_up, second)))
                    if then is not None:
                        deeper, deeper_words = change(before, then)
                        if deeper > value and deeper_words:
                            value, words = deeper, ("through a follow-up, " +
                                                    deeper_words[0], *deeper_words[1:])
                            if enough and value > SHIFT_CAP:
                                return QuestionValue(question_id, value, str(answer), words)
        if value > best.value:
            best = QuestionValue(question_id, value, str(answer), words)
    return best


def value_together(open_questions: list[tuple[str, int]], before: Standing,
                   questions: dict[str, Question],
                   outcome: Callable[[tuple], Standing | None],
                   labs: dict[str, LabTest], asked_by: dict[str, tuple[str, ...]]
                   ) -> tuple[QuestionValue, str] | None:
    """Before the interview stops: two open questions one rule asks together (how long the
    arthritis has lasted and whether it is seropositive; a family history and consanguinity),
    or two findings of one clinical area, can change the conclusions jointly when neither can
    alone. The first such pair found, as its first question's value and the second's id, or
    None."""
    by_rule: dict[str, list[str]] = {}
    for question_id, _ in open_questions:
        for rule in asked_by.get(question_id, ()):
            by_rule.setdefault(rule, []).append(question_id)
        # two findings of one clinical area, asked by two rules (cirrhosis, asked about the
        # liver, and portal hypertension, asked about a big spleen), can together change what
        # neither changes alone; yes/no and choice findings only (a number refines)
        question = questions[question_id]
        if question.section == "findings" and question.kind in FOLLOW_UP_KINDS:
            by_rule.setdefault(f"\0area {question.area}", []).append(question_id)
    seen = set()
    for rule in sorted(by_rule):
        siblings = by_rule[rule]
        for index, first in enumerate(siblings):
            for second in siblings[index + 1:]:
                if (first, second) in seen:
                    continue
                seen.add((first, second))
                for answer in trial_answers(questions[first], labs.get(first)):
                    for _, then in tried(questions[second], labs.get(second),
                                                    outcome, ((first, answer),)):
                        if then is None:
                            continue
                        value, words = change(before, then)
                        if value > SHIFT_CAP and words:
                            return QuestionValue(
                                first, value, str(answer),
                                (f"together with one more answer, {words[0]}", *words[1:])
                            ), second
    return None


# What may share a screen with the question chosen. The grouping is data about the questions
# (their section, kind and clinical area, the rules data file they live in); which of them
# are open is still the rules' doing, and each joins only if its answer could matter.
FINDINGS, LABS, PATIENT, SEPSIS = "findings", "labs", "patient", "sepsis"
# The temperature and a fever reported without one ask one thing, whether the patient is
# febrile: on one screen (a number, or a fever stated in words), not one after the other, and
# that screen is the patient's basic facts' too (age, sex, ancestry: what a referral states
# first, in one go), whichever of them the rules ask first
FEVER = "fever"
BASICS = (PATIENT, FEVER)


def shares_screen(kind: str, other: str) -> bool:
    """Whether questions of ``kind`` and ``other`` (``screen_kind``) go on one screen."""
    return kind == other or kind in BASICS and other in BASICS
# The rest of the blood count and differential (an ANC or the percentages it is worked out
# from, the lymphocytes as a percentage or a count, the haemoglobin and platelets), asked
# together on one form after the first count question (where the whole count can be pasted)
COUNT = "count"
SCREEN_LIMIT = 8  # lines on one screen at most
# A findings screen whose area has fewer lines than this that could matter takes the next
# areas' lines too (in the rules' order), up to the limit (3 before the rules asked what they
# weigh where they weigh it: bundled cases' median then rose from 15 to 16 screens, and 14
# with 5, the answers and the agreement with batch scoring unchanged)
FILL_BELOW = 5
LABS_FILL_BELOW = 3  # a screen of labs keeps to labs from three (typed as results together)
RESULT = ("positive", "negative")  # a test result: its two answers


def screen_kind(question: Question) -> str:
    """Which screen a question can share with others: "findings" for the history,
    examination and results (a yes/no finding, a test positive or negative, a choice of
    several, a number such as a duration), "labs" for a second-line lab value typed on its
    line, "patient" for the patient's age, sex and ancestry, "sepsis" for the sepsis signs
    (with fever and a low neutrophil count, all on one screen, first), "fever" for the
    temperature and a fever reported without one (together, first: either may make an
    emergency); "" for one asked alone (the drugs; the film)."""
    if question.id in SEPSIS_QUESTIONS:
        return SEPSIS
    if question.id in FEVER_QUESTIONS:
        return FEVER
    if question.section == "patient" and question.kind in ("number", "choice"):
        return PATIENT
    if question.section == "labs" and question.kind == "lab":
        return LABS
    if question.section == "findings" and question.kind in ("yesno", "choice", "number"):
        return FINDINGS
    return ""


def is_count_question(question_id: str, priority: int, questions: dict[str, Question]) -> bool:
    """A lab of the blood count and differential that the interview asks with the counts,
    first (``choose``'s "core": the white count and the ANC, and the other count labs the
    rules rank above the essential history)."""
    question = questions[question_id]
    return question_id in BLOOD_COUNT and question.section == "labs" and \
        question.kind == "lab" and (priority >= CORE or priority > ESSENTIAL)


def count_form(first: Question, open_questions: list[tuple[str, int]],
               questions: dict[str, Question], limit: int = SCREEN_LIMIT) -> list[QuestionValue]:
    """The open labs of the blood count to ask on one form with ``first`` (itself one), in
    the rules' order: every one ``is_count_question``, answered or left at ? as the
    clinician's report gives them. None is tried: which of them the rules ask is theirs to
    say (the percentages only while no ANC is given, the lymphocyte count only while no
    percentage is), and on one form the clinician gives whichever the report holds (an ANC
    or the percentages), so none waits for another."""
    found = [question_id for question_id, priority in open_questions
             if question_id != first.id and is_count_question(question_id, priority, questions)]
    found.sort(key=BLOOD_COUNT.index)  # in the order a laboratory prints them
    return [QuestionValue(question_id, 0, "", ()) for question_id in found[:limit - 1]]


def groupable(question: Question) -> bool:
    """Whether the question can share a screen with others (``screen_kind``)."""
    return bool(screen_kind(question))


def is_result(question: Question) -> bool:
    """A test that is positive or negative (its line takes pos / neg)."""
    return question.kind == "choice" and tuple(question.choices) == RESULT


def companions(first: Question, open_questions: list[tuple[str, int]], before: Standing,
               questions: dict[str, Question],
               outcome: Callable[[tuple], Standing | None],
               answered: frozenset[str] = frozenset(), every: bool = False,
               limit: int = SCREEN_LIMIT, labs: dict[str, LabTest] | None = None,
               dull: frozenset[str] = frozenset()) -> list[QuestionValue]:
    """The open questions to ask on one screen with ``first``, in the rules' order, at most
    ``limit`` lines with ``first``:

    - findings: the others of ``first``'s clinical area (its rules data file) that could
      also change the conclusions (``value_of``: alone or through a follow-up); when the
      area has fewer than ``FILL_BELOW`` such lines, the next areas' lines join them;
    - labs: the other second-line labs that could change the conclusions, of any area;
    - patient and sepsis: every open one of the kind (the patient's basic facts; the sepsis
      signs, asked together whenever fever meets a low neutrophil count).

    With ``every`` (the remaining questions, on request) every open one of the kind and
    area. ``dull``: questions found unable to change anything at this step already (not
    tried again). A question that some answer to one already on the screen would close
    (cirrhosis, asked while the spleen is not known, is not asked once it is known to be
    normal) waits for that answer: it is not put beside it."""
    kind = screen_kind(first)
    if not kind:
        return []
    labs = labs or {}
    found: list[QuestionValue] = []
    on_screen = [first]

    def kept_open(question_id: str) -> bool:
        for other in on_screen:
            for answer in trial_answers(other, labs.get(other.id)):
                after = outcome(((other.id, answer),))
                if after is not None and question_id not in after.open:
                    return False
        return True

    considered: set[str] = set()

    def consider(question_id: str) -> None:
        question = questions[question_id]
        considered.add(question_id)
        if question_id in dull and not every:
            return
        if kind in (PATIENT, SEPSIS, FEVER):  # basic facts, none a follow-up of another
            found.append(QuestionValue(question_id, 0, "", ()))
            on_screen.append(question)
            return
        if not kept_open(question_id):
            return
        if every:
            found.append(QuestionValue(question_id, 0, "", ()))
            on_screen.append(question)
            return
        value = value_of(question_id, before, question, outcome, labs.get(question_id),
                         questions, answered, enough=True)
        if value.matters:
            found.append(value)
            on_screen.append(question)

    filling = (FINDINGS, LABS)  # the kinds that fill each other's thin screens
    candidates = [(q, questions[q]) for q, _ in open_questions
                  if q != first.id and (shares_screen(kind, screen_kind(questions[q])) or
                                        kind in filling and screen_kind(questions[q]) in filling)]
    for question_id, question in candidates:
        if len(found) >= limit - 1:
            break
        if not shares_screen(kind, screen_kind(question)) or \
                kind == FINDINGS and question.area != first.area:
            continue
        consider(question_id)
    if kind in filling and not every and \
            len(found) + 1 < (FILL_BELOW if kind == FINDINGS else LABS_FILL_BELOW):
        # a nearly empty screen: the next areas' findings and labs join it, area by area as
        # the rules ask them
        by_area: dict[str, list[str]] = {}
        for question_id, question in candidates:
            if question_id not in considered:
                by_area.setdefault(question.area, []).append(question_id)
        for area_questions in by_area.values():
            for question_id in area_questions:
                if len(found) >= limit - 1:
                    break
                consider(question_id)
    return found


def ordered(ids: Iterable[str], priorities: dict[str, int]) -> list[tuple[str, int]]:
    """Question ids with their priorities, highest first (ties by id, as the rules')."""
    return sorted(((q, priorities[q]) for q in ids), key=lambda item: (-item[1], item[0]))


# Results from later in the work-up that a clinician may already hold (a marrow report, flow
# cytometry, genetics, serology and cultures, second-line labs): offered once, early (after
# the counts, the patient and any emergency screens, before the findings), as groups of the
# vocabulary's own keys. A group chosen opens a screen of its keys; the rules then weigh what
# was given as they weigh any answer. The grouping is data about the keys (what report or
# request a result comes on), not a judgement about the patient: every key of a group is
# offered whatever the rules ask for at this point.
WORKUP = "workup"  # the screen that offers the groups, and the screens of their keys
WORKUP_PREFIX = "workup_results_"  # the offer's lines: not keys of a case file
WORKUP_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "marrow": ("Bone marrow (aspirate, trephine)", (
        "marrow_cellularity", "marrow_cellularity_pct", "marrow_infiltrate", "marrow_blasts_pct",
        "marrow_plasma_cells_pct", "marrow_dysplasia", "marrow_megaloblastic",
        "marrow_fibrosis", "marrow_dry_tap", "marrow_granulomas",
        "marrow_neutrophil_maturation", "storage_cells_in_marrow")),
    "flow": ("Flow cytometry (immunophenotype, PNH clone, lymphocyte subsets)", (
        "flow_cytometry", "pnh_clone", "lgl", "cd4", "cd4_pct")),
    "genetics": ("Genetics (cytogenetics, mutations, chromosome breakage)", (
        "leukemia_genetics", "bcr_abl", "braf_v600e", "mpn_driver_mutation", "congenital_neutropenia_gene",
        "chromosome_breakage", "thiopurine_metabolism", "duffy_phenotype")),
    "infection": ("Serology, cultures and other infection tests", (
        "hiv_test", "ebv_test", "cmv_test", "hepatitis_b_test", "hepatitis_c_test",
        "parvovirus_b19_test", "dengue_test", "malaria_test", "typhoid_test",
        "rickettsia_test", "ehrlichia_anaplasma_test", "brucella_test", "leishmania_test",
        "histoplasma_test", "mycobacterial_test", "blood_culture", "antinuclear_antibodies",
        "anti_dsdna_or_sm", "anti_ro_ssa", "anti_neutrophil_antibodies",
        "rheumatoid_serology", "direct_antiglobulin_test")),
    "labs": ("Other labs (B12, folate, LDH, reticulocytes, thyroid, liver, kidney...)", (
        "vitamin_b12", "folate", "copper", "zinc", "ferritin", "tsh", "alt", "ast",
        "bilirubin", "ldh", "haptoglobin", "reticulocytes", "reticulocytes_pct", "crp", "esr",
        "calcium", "creatinine", "total_protein", "albumin", "globulin", "monocytes",
        "monocytes_pct", "eosinophils", "atypical_lymphocytes_pct")),
    "immune": ("Immunoglobulins, paraprotein, complement, ACE, urine protein or HLH labs", (
        "igg", "iga", "igm", "paraprotein", "c3", "c4", "ace", "urine_protein", "triglycerides",
        "fibrinogen", "soluble_cd25")),
    # counts taken before this one (or repeated after it), each with when it was taken: the
    # trend, the last normal count and how long it has been low are weighed from them
    # (rules/time_course.py), as a case file's earlier_counts: are
    "earlier": ("Earlier or repeat blood counts, with when each was taken", (
        "earlier_counts",)),
}
WORKUP_LINES = 12  # a group's keys on one screen at most (a longer group takes two)


def workup_offer_id(group: str) -> str:
    """The id of the offer's line for ``group`` (not a key of a case file)."""
    return WORKUP_PREFIX + group


def workup_group_of(question_id: str) -> str | None:
    """The group an offer's line stands for, or None for any other question."""
    if question_id.startswith(WORKUP_PREFIX) and \
            question_id[len(WORKUP_PREFIX):] in WORKUP_GROUPS:
        return question_id[len(WORKUP_PREFIX):]
    return None


def workup_offer_due(choice: Choice) -> bool:
    """Whether the offer of results from later in the work-up comes now: once the counts,
    the patient's facts, the sepsis signs, the day of a chemotherapy cycle, the drugs and the
    film are asked (or nothing
    more is open)."""
    return choice.reason not in ("core", "sepsis", "urgent", "always")
