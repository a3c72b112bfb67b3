"""Escalation prompts: when risk rises, the parent using abuse disengages, or a review is overdue, say so and say
what to do. Plain data in, prompts out; no database.

Seed 004 ("Monitor and review"): review the engagement of the parent using abuse and the impact on the family's
safety, and adjust the plan if risks increase or if that parent disengages; plans are dynamic. A prompt is never an
automatic change: it tells the worker what has happened, when, and the step to consider. A worker acknowledges a
prompt with a note (kept in `PromptAcknowledgement`), and an acknowledged prompt is no longer listed as open.

Each prompt has a `key` that is stable for the same underlying event, so an acknowledgement keeps matching it
however often the prompts are worked out again; a new event (a later rise, another missed session) has a new key
and prompts afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

# The kinds of disengagement signal (childsafe.services.engagement.SignalKind).
MISSED_SESSIONS = "missed_sessions"
DECLINED = "declined_referral"
DISENGAGED = "disengaged_referral"
PARENT_USING_ABUSE = "parent_using_abuse"


@dataclass(frozen=True)
class RiskRise:
    person_id: str
    person_name: str
    from_level: str
    to_level: str
    on: dt.date


@dataclass(frozen=True)
class Disengagement:
    kind: str
    person_id: str
    person_name: str
    detail: str  # a sentence naming who, which service (unless it would locate someone) and when
    on: dt.date
    person_role: str = PARENT_USING_ABUSE


@dataclass(frozen=True)
class OverdueReview:
    plan_id: str
    plan_name: str  # "the child protection plan"
    due_on: dt.date


@dataclass(frozen=True)
class Prompt:
    key: str
    kind: str  # "risk_rise", "disengagement" or "overdue_review"
    message: str
    reason: str
    on: dt.date
    suggested_action: str
    urgent: bool = False


def _key(*parts: object) -> str:
    """A short stable key for one event; made of ids and dates only, never names or free text."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:16]
    return f"{parts[0]}-{digest}"


def day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _risk_prompts(rises: Iterable[RiskRise], plan_kind: str | None) -> list[Prompt]:
    prompts = []
    for rise in rises:
        step_up = (
            " If the plan is a child in need plan, consider whether a child protection plan is needed."
            if plan_kind == "child_in_need"
            else ""
        )
        prompts.append(
            Prompt(
                key=_key("risk_rise", rise.person_id, rise.on.isoformat(), rise.from_level, rise.to_level),
                kind="risk_rise",
                message=(
                    f"Risk for {rise.person_name} rose from {rise.from_level} to {rise.to_level} on {day(rise.on)}: "
                    "bring the review forward and consider a strategy discussion"
                ),
                reason=(
                    "A rise in assessed risk means the plan may no longer keep everyone safe; plans are dynamic and "
                    "change when risk increases."
                ),
                on=rise.on,
                suggested_action=f"Bring the plan's review forward and consider a strategy discussion.{step_up}",
                urgent=True,
            )
        )
    return prompts


SUGGESTIONS = {
    MISSED_SESSIONS: (
        "Ask the programme what it knows, tell the agency supporting the non-abusing parent, and challenge the "
        "missed sessions at the next review; consider bringing the review forward."
    ),
    DECLINED: (
        "Record the refusal in the plan, tell the agency supporting the non-abusing parent, check her safety plan, "
        "and discuss at the next review how the plan will hold the parent using abuse to account."
    ),
    DISENGAGED: (
        "Tell the agencies supporting the non-abusing parent, check her safety plan, and review the plan's actions "
        "for the parent using abuse; consider bringing the review forward."
    ),
}
VERBS = {MISSED_SESSIONS: "missed sessions", DECLINED: "declined the referral", DISENGAGED: "disengaged"}


def _disengagement_prompts(signals: Iterable[Disengagement]) -> list[Prompt]:
    """One prompt per signal. The services app's detail is already a sentence naming the person, the service (never
    one that would reveal where someone is) and the date; without one, the prompt says who, what and when.

    Disengagement by the parent using abuse is a risk to the others; a declined or stopped referral for anyone else
    is support the plan may be relying on, and the response is different.
    """
    prompts = []
    for signal in signals:
        said = signal.detail or f"{signal.person_name} {VERBS.get(signal.kind, 'disengaged')} on {day(signal.on)}"
        key = _key("disengagement", signal.kind, signal.person_id, signal.on.isoformat())
        if signal.person_role != PARENT_USING_ABUSE:
            prompts.append(
                Prompt(
                    key=key,
                    kind="disengagement",
                    message=said,
                    reason="Support the plan relies on may not be there for them.",
                    on=signal.on,
                    suggested_action=(
                        "Find out why, and whether another service or way of working would suit them better; "
                        "change the plan's actions to match. The non-abusing parent has the right to direct her own "
                        "life: support is offered, not imposed."
                    ),
                )
            )
            continue
        prompts.append(
            Prompt(
                key=key,
                kind="disengagement",
                message=said,
                reason=(
                    "When the parent using abuse disengages, the risk to the children and the non-abusing parent can "
                    "rise, and the plan's actions for them are not being met."
                ),
                on=signal.on,
                suggested_action=SUGGESTIONS.get(signal.kind, SUGGESTIONS[DISENGAGED]),
                urgent=signal.kind in {MISSED_SESSIONS, DISENGAGED},
            )
        )
    return prompts


def _review_prompts(overdue: Iterable[OverdueReview], today: dt.date) -> list[Prompt]:
    prompts = []
    for review in overdue:
        days_late = (today - review.due_on).days
        if days_late <= 0:
            continue
        late = "1 day" if days_late == 1 else f"{days_late} days"
        prompts.append(
            Prompt(
                key=_key("overdue_review", review.plan_id, review.due_on.isoformat()),
                kind="overdue_review",
                message=f"The review of {review.plan_name} was due on {day(review.due_on)} and is {late} overdue",
                reason="Plans are reviewed on a schedule so that a plan that is not working is changed in time.",
                on=review.due_on,
                suggested_action="Hold the review now, or record why it has moved and when it will be held.",
                urgent=days_late > 28,
            )
        )
    return prompts


def escalation_prompts(
    *,
    rises: Iterable[RiskRise] = (),
    disengagement: Iterable[Disengagement] = (),
    overdue_reviews: Iterable[OverdueReview] = (),
    today: dt.date,
    plan_kind: str | None = None,
    acknowledged: Iterable[str] = (),
) -> list[Prompt]:
    """Open prompts, newest event first with urgent ones at the top; acknowledged keys are left out."""
    done = set(acknowledged)
    prompts = [
        *_risk_prompts(rises, plan_kind),
        *_disengagement_prompts(disengagement),
        *_review_prompts(overdue_reviews, today),
    ]
    open_prompts = [prompt for prompt in prompts if prompt.key not in done]
    open_prompts.sort(key=lambda prompt: prompt.on, reverse=True)
    open_prompts.sort(key=lambda prompt: not prompt.urgent)
    return open_prompts
