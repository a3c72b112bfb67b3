"""Reading safety information for pages here and in other apps, each in a fixed number of queries.

- `active_flags_for_case(case)`: the worker safety flags in force on a case (one query), for any page where a
  visit or meeting is planned; render them with the Jinja partial `safety/_worker_flags.html` (takes `flags`).
- `active_flags_by_case(case_ids)`: the same for many cases at once (one query), for lists of cases.
- `attention_for_worker(user)`: follow-ups with the non-abusing parent that are due or overdue on the user's own
  open cases (one query), for a "needs attention" list.
- `plan_summaries(case, people)`: each child's and the non-abusing parent's plan, or its absence (one query).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.cases.access import cases_visible_to
from childsafe.cases.models import Case, Person
from childsafe.safety import rules
from childsafe.safety.access import NEVER_SEE_SAFETY_PLANS
from childsafe.safety.models import PlannedContact, SafetyPlan, WorkerSafetyFlag

Status = PlannedContact.Status
OUTSTANDING = (Status.HAPPENED, Status.DID_NOT_HAPPEN)


def active_flags_for_case(case: Case | uuid.UUID | str) -> list[WorkerSafetyFlag]:
    """The active worker safety flags on a case, with each flag's person and who raised it, in one query."""
    case_id = case.pk if isinstance(case, Case) else case
    return list(
        WorkerSafetyFlag.objects.filter(case_id=case_id, lifted_on__isnull=True)
        .select_related("person", "raised_by")
        .order_by("person__role_in_case", "raised_on", "created_at")
    )


def active_flags_by_case(case_ids: Iterable[uuid.UUID | str]) -> dict[str, list[WorkerSafetyFlag]]:
    """The active worker safety flags on each of these cases, keyed by case id as text, in one query whatever the
    number of cases (for lists such as My work). Cases with no flags are left out."""
    flags = (
        WorkerSafetyFlag.objects.filter(case_id__in=list(case_ids), lifted_on__isnull=True)
        .select_related("person")
        .order_by("person__role_in_case", "raised_on", "created_at")
    )
    by_case: dict[str, list[WorkerSafetyFlag]] = {}
    for flag in flags:
        by_case.setdefault(str(flag.case_id), []).append(flag)
    return by_case


@dataclass(frozen=True)
class FollowUpAttention:
    """A follow-up with the non-abusing parent still to do after a contact with the parent using abuse."""

    case_id: uuid.UUID
    case_reference: str
    contact_id: uuid.UUID
    contact_on: dt.date | None
    took_place: bool | None
    due: dt.date
    is_overdue: bool
    url: str

    @property
    def text(self) -> str:
        what = "the contact with the parent using abuse" if self.took_place else "the contact that did not happen"
        return f"Follow up with the non-abusing parent after {what}"


def outstanding_follow_ups(contacts: QuerySet[PlannedContact]) -> QuerySet[PlannedContact]:
    return contacts.filter(status__in=OUTSTANDING).order_by("follow_up_due", "outcome_on")


def _attention(contact: PlannedContact, today: dt.date) -> FollowUpAttention:
    due = contact.follow_up_due or today
    return FollowUpAttention(
        case_id=contact.case_id,
        case_reference=contact.case.reference,
        contact_id=contact.pk,
        contact_on=contact.outcome_on,
        took_place=contact.took_place,
        due=due,
        is_overdue=due < today,
        url=reverse("safety:follow_up", args=[contact.case_id, contact.pk]),
    )


def attention_for_worker(user: User | Any, today: dt.date | None = None) -> list[FollowUpAttention]:
    """Outstanding follow-ups on the open cases allocated to this user that they can see, soonest due first.

    Every outstanding follow-up is listed (each is due by its date); `is_overdue` marks those past it. A user whose
    organisation may not see safety information gets an empty list.
    """
    if not getattr(user, "is_authenticated", False) or not user.works_on_cases or user.organisation_id is None:
        return []
    if user.organisation.kind in NEVER_SEE_SAFETY_PLANS:
        return []
    today = today or timezone.localdate()
    mine = cases_visible_to(user).filter(allocated_worker=user, status=Case.Status.OPEN)
    contacts = outstanding_follow_ups(PlannedContact.objects.filter(case__in=mine)).select_related("case")
    return [_attention(contact, today) for contact in contacts]


def follow_ups_for_case(case: Case, today: dt.date | None = None) -> list[FollowUpAttention]:
    today = today or timezone.localdate()
    contacts = outstanding_follow_ups(PlannedContact.objects.filter(case=case))
    attention = []
    for contact in contacts:
        contact.case = case
        attention.append(_attention(contact, today))
    return attention


@dataclass(frozen=True)
class PlanSummary:
    """One person who should have a safety plan, their plan if there is one, and how current it is."""

    person: Person
    plan: SafetyPlan | None
    review: rules.ReviewState | None
    age_band: rules.AgeBand | None

    @property
    def is_overdue(self) -> bool:
        return bool(self.review and self.review.is_overdue)


def people_needing_plans(people: list[Person]) -> list[Person]:
    """The children, oldest first, then the non-abusing parent(s): the people a safety plan is made for."""
    today = timezone.localdate()
    children = sorted(
        (p for p in people if p.is_child),
        key=lambda p: (-(p.age_on(today) if p.age_on(today) is not None else -1), p.first_name),
    )
    parents = [p for p in people if p.role_in_case == Person.RoleInCase.NON_ABUSING_PARENT]
    return children + sorted(parents, key=lambda p: p.first_name)


def plan_summaries(case: Case, people: list[Person], *, with_content: bool) -> list[PlanSummary]:
    """Each child and non-abusing parent with their plan (its current version too, if `with_content`)."""
    today = timezone.localdate()
    plans = SafetyPlan.objects.filter(case=case)
    # Only pages that may show content load it.
    plans = plans.select_related("current") if with_content else plans.defer("current")
    by_person = {plan.person_id: plan for plan in plans}
    summaries = []
    for person in people_needing_plans(people):
        plan = by_person.get(person.pk)
        if plan is not None:
            plan.person = person
        review = rules.review_state(plan.phase, plan.checked_on, today) if plan else None
        band = rules.band_for_age(person.age_on(today)) if person.is_child else None
        summaries.append(PlanSummary(person=person, plan=plan, review=review, age_band=band))
    return summaries
