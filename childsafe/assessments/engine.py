"""The assessment engine: what is asked, what is missing, and the score of a complete set of answers.

Pure functions over an `Instrument` (from `instruments.py`) and a dict of answers; no database, no requests. The
same functions serve every instrument, whatever its file says.

Answers are stored as `{question_id: value}`: a string for yes / no / not known, radios, selects, levels and text;
a list of option values for tick-all questions; an ISO date string for dates; an integer for numbers. A question
asked about each child (`per_child`) holds `{person_id: value}`.

How a level is worked out (`score`), for each subject (the child or adult assessed, or each child in the case):
1. Every rule that sets a level and fires (an indicator whose condition holds, a count's band, a level given as an
   answer) proposes its level; the highest wins, and each rule that fired is a reason. With none, the scale's default.
2. Each `step_up` rule that fires moves the level up one step, if the level is one of its `from` levels.
3. Each `step_down` rule that fires moves the level down one step, if the level is one of its `from` levels (all
   levels when it names none), but never below the highest level set by an indicator marked `holds`, and never
   below the lowest level. A step that is blocked is a reason too, so the result says why protection did not count.
Because every step is a non-decreasing function of the level, adding a risk factor never lowers the result and a
protective factor never raises it (the property tests check this over generated answers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from childsafe.assessments.instruments import Condition, Instrument, Level, Question, Rule, Scale, Section

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class SubjectRef:
    """Someone an instrument's answers are about: a person's id (as text) and the name to show."""

    id: str
    name: str


@dataclass(frozen=True)
class Missing:
    section_id: str
    question_id: str
    message: str
    child_id: str | None = None


@dataclass(frozen=True)
class Reason:
    """One thing that drove the level: what the rule says, what it did, and the answers behind it."""

    text: str
    effect: str  # "sets", "raises", "lowers" or "holds"
    level: str
    level_label: str
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubjectResult:
    subject_id: str
    subject_name: str
    level: str
    level_label: str
    rank: int
    tier: int
    tag: str
    action: str
    reasons: tuple[Reason, ...]
    recommends: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    instrument_id: str
    version: int
    scale_id: str
    subjects: tuple[SubjectResult, ...]
    always: tuple[str, ...] = ()
    caveat: str = ""

    def for_subject(self, subject_id: str) -> SubjectResult | None:
        return next((item for item in self.subjects if item.subject_id == subject_id), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Result:
        subjects = tuple(
            SubjectResult(
                **{
                    **item,
                    "reasons": tuple(
                        Reason(**{**reason, "answers": tuple(reason.get("answers", ()))}) for reason in item["reasons"]
                    ),
                    "recommends": tuple(item.get("recommends", ())),
                }
            )
            for item in data["subjects"]
        )
        return cls(
            instrument_id=data["instrument_id"],
            version=data["version"],
            scale_id=data["scale_id"],
            subjects=subjects,
            always=tuple(data.get("always", ())),
            caveat=data.get("caveat", ""),
        )


class IncompleteAnswers(ValueError):
    """Scoring was asked for with questions unanswered: a draft is never scored as if it were complete."""

    def __init__(self, missing: Sequence[Missing]) -> None:
        self.missing = list(missing)
        super().__init__(f"{len(self.missing)} required answers are missing")


# ---------------------------------------------------------------------------------------------------------------
# Reading answers


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def answer_for(question: Question, answers: Answers, subject_id: str | None = None) -> Any:
    value = answers.get(question.id)
    if question.per_child:
        return value.get(subject_id) if isinstance(value, Mapping) and subject_id else None
    return value


def condition_holds(instrument: Instrument, condition: Condition, answers: Answers, subject_id: str | None) -> bool:
    question = instrument.questions[condition.question]
    value = answer_for(question, answers, subject_id)
    if is_blank(value):
        return False
    if condition.includes is not None:
        return isinstance(value, list | tuple) and condition.includes in value
    if condition.at_least is not None or condition.at_most is not None:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        if condition.at_least is not None:
            return value >= condition.at_least
        return value <= condition.at_most
    return value == condition.is_


def is_asked(instrument: Instrument, question: Question, answers: Answers, subject_id: str | None = None) -> bool:
    return question.asked_when is None or condition_holds(instrument, question.asked_when, answers, subject_id)


def is_required(instrument: Instrument, question: Question, answers: Answers, subject_id: str | None = None) -> bool:
    if not is_asked(instrument, question, answers, subject_id):
        return False
    if question.required_when is not None:
        return condition_holds(instrument, question.required_when, answers, subject_id)
    return question.required


def required_message(question: Question) -> str:
    if question.required_message:
        return question.required_message
    if question.type in {"text", "textarea", "number"}:
        return f"Enter {question.name[:1].lower()}{question.name[1:]}"
    if question.type == "date":
        return f"Enter the {question.name[:1].lower()}{question.name[1:]}"
    return f"Select an answer for “{question.name}”"


def missing_in(
    instrument: Instrument, sections: Sequence[Section], answers: Answers, children: Sequence[SubjectRef] = ()
) -> list[Missing]:
    missing: list[Missing] = []
    for section in sections:
        for question in section.questions:
            targets: Sequence[str | None] = [child.id for child in children] if question.per_child else [None]
            for target in targets:
                if is_required(instrument, question, answers, target) and is_blank(
                    answer_for(question, answers, target)
                ):
                    missing.append(Missing(section.id, question.id, required_message(question), target))
        group = section.required_any
        if group is not None:
            # Only the questions still asked count; the error is shown on the first of them.
            asked = [
                question
                for question in section.questions
                if question.id in group.questions and is_asked(instrument, question, answers)
            ]
            if asked and all(is_blank(answers.get(question.id)) for question in asked):
                missing.append(Missing(section.id, asked[0].id, group.message))
    return missing


def missing_answers(instrument: Instrument, answers: Answers, children: Sequence[SubjectRef] = ()) -> list[Missing]:
    """Every required answer not yet given (per child for questions asked about each child)."""
    return missing_in(instrument, instrument.sections, answers, children)


def section_status(
    instrument: Instrument, section: Section, answers: Answers, children: Sequence[SubjectRef] = ()
) -> str:
    """ "completed", "in_progress" or "not_started", for the task list."""
    given = any(not is_blank(answers.get(question.id)) for question in section.questions)
    if not missing_in(instrument, [section], answers, children):
        return "completed" if given or not any(q.required for q in section.questions) else "not_started"
    return "in_progress" if given else "not_started"


def describe_answer(instrument: Instrument, question: Question, value: Any) -> str:
    """An answer in words, as the form showed it."""
    if is_blank(value):
        return ""
    labels = {option.value: option.label for option in instrument.options_of(question)}
    if isinstance(value, list | tuple):
        return "; ".join(labels.get(item, str(item)) for item in value)
    if question.type == "date":
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            return str(value)
        return f"{day.day} {day:%B %Y}"
    return labels.get(str(value), str(value))


# ---------------------------------------------------------------------------------------------------------------
# Scoring


def _firing_answers(instrument: Instrument, rule: Rule, answers: Answers, subject_id: str | None) -> list[str]:
    """The answers that make a rule's conditions true, in words."""
    described = []
    for condition in rule.when_any:
        if condition_holds(instrument, condition, answers, subject_id):
            question = instrument.questions[condition.question]
            if condition.includes is not None:
                shown = describe_answer(instrument, question, [condition.includes])
            else:
                shown = describe_answer(instrument, question, answer_for(question, answers, subject_id))
            described.append(f"{question.name}: {shown}")
    return described


def _step(ordered: Sequence[Level], level: Level, by: int) -> Level:
    index = ordered.index(level) + by
    return ordered[max(0, min(index, len(ordered) - 1))]


def score_subject(instrument: Instrument, answers: Answers, subject: SubjectRef) -> SubjectResult:
    """The level for one subject from a complete set of answers, with the reasons that drove it."""
    scale: Scale = instrument.scale  # type: ignore[assignment]
    ordered = list(scale.ordered)
    subject_id = subject.id
    proposals: list[tuple[Level, Reason]] = []
    held: list[tuple[Level, Reason]] = []

    for rule in instrument.rules:
        if rule.kind == "indicator":
            fired = _firing_answers(instrument, rule, answers, subject_id)
            if fired:
                level = scale.level(rule.level or "")
                reason = Reason(rule.reason, "sets", level.id, level.label, tuple(fired))
                proposals.append((level, reason))
                if rule.holds:
                    held.append((level, reason))
        elif rule.kind == "count":
            asked = [
                instrument.questions[question_id]
                for question_id in rule.questions
                if is_asked(instrument, instrument.questions[question_id], answers, subject_id)
            ]
            counted = [question for question in asked if answer_for(question, answers, subject_id) == rule.value]
            band = max(
                (band for band in rule.bands if band.start <= len(counted)), key=lambda band: band.start, default=None
            )
            if band is not None:
                level = scale.level(band.level)
                text = f"{rule.reason}: {len(counted)} of {len(asked)}"
                proposals.append(
                    (level, Reason(text, "sets", level.id, level.label, tuple(question.name for question in counted)))
                )
        elif rule.kind == "level_from_answer":
            question = instrument.questions[rule.question or ""]
            value = answer_for(question, answers, subject_id)
            if not is_blank(value):
                level = scale.level(value)
                proposals.append((level, Reason(f"{rule.reason}: {level.label}", "sets", level.id, level.label)))

    default = scale.level(scale.default)
    level = max((item[0] for item in proposals), key=lambda item: item.rank, default=default)
    level = default if default.rank > level.rank else level
    # Reasons that set the level come first, highest first; lower ones still show what else was found.
    reasons: list[Reason] = [reason for _, reason in sorted(proposals, key=lambda item: -item[0].rank)]
    floor = max((item[0] for item in held), key=lambda item: item.rank, default=ordered[0])

    for rule in instrument.rules:
        if rule.kind not in {"step_up", "step_down"}:
            continue
        fired = _firing_answers(instrument, rule, answers, subject_id)
        if len(fired) < rule.min_count or (rule.from_levels and level.id not in rule.from_levels):
            continue
        if rule.kind == "step_up":
            moved = _step(ordered, level, +1)
            if moved != level:
                reasons.append(Reason(rule.reason, "raises", moved.id, moved.label, tuple(fired)))
                level = moved
        else:
            moved = _step(ordered, level, -1)
            if moved.rank < floor.rank:
                moved = floor
            if moved != level:
                reasons.append(Reason(rule.reason, "lowers", moved.id, moved.label, tuple(fired)))
                level = moved
            elif held:
                why = "; ".join(reason.text for _, reason in held)
                text = f"{rule.reason}, but they cannot lower the level below {floor.label} because: {why}"
                reasons.append(Reason(text, "holds", level.id, level.label, tuple(fired)))

    return SubjectResult(
        subject_id=subject_id,
        subject_name=subject.name,
        level=level.id,
        level_label=level.label,
        rank=level.rank,
        tier=level.tier,
        tag=level.tag,
        action=level.action,
        reasons=tuple(reasons),
        recommends=level.recommends,
    )


def score(instrument: Instrument, answers: Answers, subjects: Sequence[SubjectRef]) -> Result | None:
    """The result of a complete set of answers, for each subject; None for an instrument that is not scored.

    `subjects` are the children of the case for an instrument with results for each child, otherwise the one person
    (or household) assessed. Raises IncompleteAnswers if any required answer is missing.
    """
    children = subjects if instrument.results_for == "each_child" else ()
    missing = missing_answers(instrument, answers, children)
    if missing:
        raise IncompleteAnswers(missing)
    if not instrument.is_scored:
        return None
    scale = instrument.scale
    assert scale is not None  # noqa: S101 - is_scored guarantees it; for the type checker
    return Result(
        instrument_id=instrument.id,
        version=instrument.version,
        scale_id=scale.id,
        subjects=tuple(score_subject(instrument, answers, subject) for subject in subjects),
        always=instrument.always,
        caveat=instrument.caveat,
    )


@dataclass(frozen=True)
class Explanation:
    headline: str
    because: list[str] = field(default_factory=list)
    what_to_do: str = ""


def explain(result: SubjectResult, tier_name: str = "") -> Explanation:
    """The result in words: the level and tier, the reasons, and what to do."""
    tier = f"tier {result.tier}" + (f" ({tier_name.lower()})" if tier_name else "")
    headline = f"{result.subject_name}: {result.level_label}, {tier}"
    because = []
    for reason in result.reasons:
        if reason.effect == "sets":
            line = f"{reason.text} (at least {reason.level_label})"
        elif reason.effect == "raises":
            line = f"{reason.text}: up one level to {reason.level_label}"
        elif reason.effect == "lowers":
            line = f"{reason.text}: down one level to {reason.level_label}"
        else:
            line = reason.text
        because.append(line)
    return Explanation(headline=headline, because=because, what_to_do=result.action)
