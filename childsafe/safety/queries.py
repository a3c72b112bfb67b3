"""Reading safety information for pages here and in other apps, each in a fixed number of queries.

- `active_flags_for_case(case)`: the worker safety flags in force on a case (one query), for any page where a
  visit or meeting is planned; render them with the Jinja partial `safety/_worker_flags.html` (takes `flags`).
- `active_flags_by_case(case_ids)`: the same for many cases at once (one query), for lists of cases.
- `attention_for_worker(user)`: follow-ups with the non-abusing parent that are due or overdue on the user's own
  open cases (one query), for a "needs attention" list.
- `plan_summaries(case, people)`: each child's and the non-abusing parent's plan, or its absence (one query).
- `plans_to_review_after_contact(user)`: plans in safety work on the user's own open cases not reviewed since the
  last follow-up with the non-abusing parent or her support worker (one query), for My work.
- `plans_not_reviewed_since(case, day)`: the case's plans not reviewed since a contact that day (one query).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.cases.access import cases_visible_to
from childsafe.cases.models import Case, Person
from childsafe.safety import rules
from childsafe.safety.access import NEVER_SEE_SAFETY_PLANS, SAFETY_PLAN_ORGANISATION_KINDS
from childsafe.safety.models import ContactFollowUp, PlannedContact, SafetyPlan, WorkerSafetyFlag

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


def _own_cases_with_safety_plans(user: User | Any) -> QuerySet[Case] | None:
    """The open cases allocated to this user whose safety plans they may read (`access.can_see_safety_plans`, as
    a query); None for a user who may read none."""
    if not getattr(user, "is_authenticated", False) or not user.works_on_cases or user.organisation_id is None:
        return None
    kind = user.organisation.kind
    if kind in NEVER_SEE_SAFETY_PLANS:
        return None
    mine = cases_visible_to(user).filter(allocated_worker=user, status=Case.Status.OPEN)
    if kind not in SAFETY_PLAN_ORGANISATION_KINDS:
        mine = mine.filter(lead_organisation_id=user.organisation_id)
    return mine


@dataclass(frozen=True)
class PlanReviewAttention:
    """A plan in safety work not reviewed since the last follow-up with the non-abusing parent (or her support
    worker): safety plans are reviewed at each contact while the danger is real."""

    case_id: uuid.UUID
    case_reference: str
    plan_id: uuid.UUID
    name: str
    contact_on: dt.date
    contact_was_with: str
    checked_on: dt.date
    due: dt.date
    is_overdue: bool
    url: str

    @property
    def text(self) -> str:
        with_whom = "her support worker" if self.contact_was_with == ContactFollowUp.SpokeWith.SUPPORT_WORKER else "her"
        return (
            f"Review {self.name}’s safety plan: not reviewed since the follow-up with {with_whom} on "
            f"{self.contact_on.day} {self.contact_on:%B %Y}"
        )


def plans_to_review_after_contact(user: User | Any, today: dt.date | None = None) -> list[PlanReviewAttention]:
    """Plans in safety work on the user's own open cases that are older than the case's last follow-up with the
    non-abusing parent or her support worker, soonest due first. One query whatever the number of cases."""
    mine = _own_cases_with_safety_plans(user)
    if mine is None:
        return []
    today = today or timezone.localdate()
    last_contact = ContactFollowUp.objects.filter(case_id=OuterRef("case_id")).order_by(
        "-followed_up_on", "-recorded_at"
    )
    plans = (
        SafetyPlan.objects.filter(case__in=mine, phase=rules.SAFETY_WORK)
        .annotate(
            last_contact_on=Subquery(last_contact.values("followed_up_on")[:1]),
            last_contact_with=Subquery(last_contact.values("spoke_with")[:1]),
        )
        .filter(last_contact_on__isnull=False)
        .select_related("case", "person")
        .defer("current")
    )
    attention = []
    for plan in plans:
        if not rules.not_reviewed_since_contact(plan.phase, plan.checked_on, plan.last_contact_on):
            continue
        due = rules.review_after_contact_due(plan.last_contact_on)
        attention.append(
            PlanReviewAttention(
                case_id=plan.case_id,
                case_reference=plan.case.reference,
                plan_id=plan.pk,
                name=plan.person.known_as or plan.person.first_name,
                contact_on=plan.last_contact_on,
                contact_was_with=plan.last_contact_with,
                checked_on=plan.checked_on,
                due=due,
                is_overdue=due < today,
                url=reverse("safety:review_plan", args=[plan.case_id, plan.pk]),
            )
        )
    return sorted(attention, key=lambda item: (item.due, item.case_reference, item.name))


def plans_not_reviewed_since(case: Case, day: dt.date) -> list[SafetyPlan]:
    """The case's plans (any phase) last known right before `day`: the non-abusing parent's first, as the contact
    was with her, then the children's, oldest child first. One query."""
    plans = [
        plan
        for plan in SafetyPlan.objects.filter(case=case).select_related("person").defer("current")
        if plan.checked_on < day
    ]
    order = {person.pk: index for index, person in enumerate(people_needing_plans([plan.person for plan in plans]))}
    return sorted(plans, key=lambda plan: (plan.person.is_child, order.get(plan.person_id, len(order))))


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
