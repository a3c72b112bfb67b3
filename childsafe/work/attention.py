"""Gathering what needs attention: each domain app answers for its own rules; this module only collects, names and
orders the answers.

Worker safety flags are not things to do but things to know before a visit: they are shown beside every item of a
flagged case and listed per case, for every case in the user's scope or with an item listed.

Whose cases: a practitioner's own open cases; a manager's team's (or, with no team, their organisation's); a
safeguarding lead's, the cases their organisation leads (`plans.views.reviews.review_scope`, so "My work" and
"Reviews due" always agree). Follow-ups, safety plans to review (not reviewed since the last contact with her, or
for longer than their phase allows) and disengagement are each worker's own cases, as their apps decide; the safety
app lists only what the worker's organisation may open.

The number of queries does not grow with the number of cases: each source reads all the cases at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from childsafe.assessments.access import can_see_disclosures
from childsafe.assessments.models import LevelChange
from childsafe.assessments.standing import current_standings
from childsafe.cases.access import cases_visible_to, redact_people
from childsafe.cases.models import Case, Person
from childsafe.cases.navigation import household_heading
from childsafe.cases.views.common import children_oldest_first
from childsafe.plans.views.common import plan_url
from childsafe.plans.views.reviews import due_reviews, review_scope
from childsafe.safety.models import WorkerSafetyFlag
from childsafe.safety.queries import active_flags_by_case, plans_to_review
from childsafe.safety.queries import attention_for_worker as follow_ups_for_worker
from childsafe.services.engagement import attention_for_worker as engagement_for_worker


@dataclass(frozen=True)
class AttentionItem:
    """One thing to do or to know, on one case (or, for sign-offs, across cases)."""

    kind: str  # what it is, in a few words: "Plan review", "Re-assessment", ...
    text: str
    href: str
    case_id: Any = None
    case_reference: str = ""
    due: dt.date | None = None
    overdue: bool = False


@dataclass(frozen=True)
class FlaggedCase:
    """One of the user's cases with worker safety flags in force: whoever visits or meets the family needs them."""

    case_id: Any
    case_reference: str
    heading: str
    flags: list[WorkerSafetyFlag]
    href: str


@dataclass(frozen=True)
class MyWork:
    overdue: list[AttentionItem]
    due: list[AttentionItem]  # due soon, soonest first
    flags: list[AttentionItem]  # no date: disengagement, partner support not linked
    headings: dict[str, str]  # case id (text) -> household heading
    # Worker safety flags in force, case id (text) -> flags, shown beside each of the case's items; and the cases
    # that have them, listed on their own too, since a visit can be planned to a case with nothing due.
    worker_safety: dict[str, list[WorkerSafetyFlag]] = field(default_factory=dict)
    flagged_cases: list[FlaggedCase] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due) + len(self.flags)


def _reviews(user: Any, today: dt.date) -> list[AttentionItem]:
    return [
        AttentionItem(
            kind="Plan review",
            text=f"Review of the {row.plan.get_kind_display().lower()}"
            + (f", {row.days_overdue} days overdue" if row.days_overdue > 0 else ""),
            href=plan_url(row.plan),
            case_id=row.case.pk,
            case_reference=row.case.reference,
            due=row.plan.next_review_on,
            overdue=row.plan.next_review_on < today,
        )
        for row in due_reviews(user, today)
    ]


def _reassessments(user: Any, cases: list[Case], today: dt.date) -> list[AttentionItem]:
    standings = current_standings([case.pk for case in cases], today, include_disclosures=can_see_disclosures(user))
    names = {
        str(person_id): first_name
        for person_id, first_name in Person.objects.filter(case__in=cases).values_list("pk", "first_name")
    }
    by_id = {str(case.pk): case for case in cases}
    items = []
    for case_id, people in standings.items():
        for person_id, standing in people.items():
            if not (standing.overdue or standing.due_soon):
                continue
            case = by_id[case_id]
            items.append(
                AttentionItem(
                    kind="Re-assessment",
                    text=f"Re-assess {names.get(person_id, 'someone in the household')} "
                    f"({standing.instrument_title.lower()}; now {standing.level_label.lower()}, tier {standing.tier})",
                    href=reverse("assessments:case_assessments", args=[case.pk]),
                    case_id=case.pk,
                    case_reference=case.reference,
                    due=standing.reassess_by,
                    overdue=standing.overdue,
                )
            )
    return items


def _safety_items(kind: str, items: Iterable[Any]) -> list[AttentionItem]:
    """Follow-ups after contact and safety plan reviews come from the safety app already worded and dated."""
    return [
        AttentionItem(
            kind=kind,
            text=item.text,
            href=item.url,
            case_id=item.case_id,
            case_reference=item.case_reference,
            due=item.due,
            overdue=item.is_overdue,
        )
        for item in items
    ]


def _follow_ups(user: Any, today: dt.date) -> list[AttentionItem]:
    return _safety_items("Follow-up after contact", follow_ups_for_worker(user, today))


def _safety_plan_reviews(user: Any, today: dt.date) -> list[AttentionItem]:
    return _safety_items("Safety plan review", plans_to_review(user, today))


def _engagement(user: Any) -> list[AttentionItem]:
    items = []
    for attention in engagement_for_worker(user):
        href = reverse("services:case_referrals", args=[attention.case.pk])
        for signal in attention.signals:
            items.append(
                AttentionItem(
                    kind="Disengagement" if signal.kind != "declined_referral" else "Referral declined",
                    text=signal.detail,
                    href=href,
                    case_id=attention.case.pk,
                    case_reference=attention.case.reference,
                    due=signal.on,
                )
            )
        for warning in attention.warnings:
            items.append(
                AttentionItem(
                    kind="Partner support",
                    text=warning,
                    href=href,
                    case_id=attention.case.pk,
                    case_reference=attention.case.reference,
                )
            )
    return items


def _sign_offs(user: Any) -> list[AttentionItem]:
    if not user.oversees_cases:
        return []
    waiting = LevelChange.objects.filter(
        status=LevelChange.Status.AWAITING_SIGN_OFF,
        assessment__case__lead_organisation_id=user.organisation_id,
        assessment__case__in=cases_visible_to(user),
        assessment__case__status=Case.Status.OPEN,
    ).exclude(requested_by=user)
    count = waiting.count()
    if not count:
        return []
    return [
        AttentionItem(
            kind="Sign-off",
            text=f"{count} lowering{' is' if count == 1 else 's are'} waiting for a manager's sign-off",
            href=reverse("assessments:pending_sign_offs"),
        )
    ]


def my_work(user: Any, today: dt.date) -> MyWork:
    """Everything that needs this user's attention today, overdue first."""
    children = Person.objects.filter(role_in_case=Person.RoleInCase.CHILD)
    cases = list(review_scope(user).prefetch_related(Prefetch("people", queryset=children, to_attr="children")))
    dated = [
        *_reviews(user, today),
        *_reassessments(user, cases, today),
        *_follow_ups(user, today),
        *_safety_plan_reviews(user, today),
    ]
    flags = [*_sign_offs(user), *_engagement(user)]
    overdue = sorted((item for item in dated if item.overdue), key=lambda item: (item.due or today, item.kind))
    due = sorted((item for item in dated if not item.overdue), key=lambda item: (item.due or today, item.kind))

    headings = {str(case.pk): household_heading(children_oldest_first(case.children), case) for case in cases}
    references = {str(case.pk): case.reference for case in cases}
    missing = {item.case_id for item in [*dated, *flags] if item.case_id and str(item.case_id) not in headings}
    for case in Case.objects.filter(pk__in=missing).prefetch_related(
        Prefetch("people", queryset=children, to_attr="children")
    ):
        headings[str(case.pk)] = household_heading(children_oldest_first(case.children), case)
        references[str(case.pk)] = case.reference
    worker_safety = _worker_safety(user, list(headings))
    flagged_cases = [
        FlaggedCase(
            case_id=case_id,
            case_reference=references[case_id],
            heading=headings[case_id],
            flags=case_flags,
            href=reverse("cases:detail", args=[case_id]),
        )
        for case_id, case_flags in sorted(worker_safety.items(), key=lambda pair: (headings[pair[0]], pair[0]))
    ]
    return MyWork(
        overdue=overdue,
        due=due,
        flags=flags,
        headings=headings,
        worker_safety=worker_safety,
        flagged_cases=flagged_cases,
    )


def _worker_safety(user: Any, case_ids: list[str]) -> dict[str, list[WorkerSafetyFlag]]:
    """The flags in force on these cases, in one query. Everyone who works on a case sees its flags (anyone may
    meet the person they warn about), but not a name someone is known by now, for those working with him."""
    by_case = active_flags_by_case(case_ids)
    redact_people(user, [flag.person for case_flags in by_case.values() for flag in case_flags])
    return by_case
