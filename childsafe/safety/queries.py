"""Reading safety information for pages here and in other apps, each in a fixed number of queries.

- `active_flags_for_case(case)`: the worker safety flags in force on a case (one query), for any page where a
  visit or meeting is planned; render them with the Jinja partial `safety/_worker_flags.html` (takes `flags`).
- `active_flags_by_case(case_ids)`: the same for many cases at once (one query), for lists of cases.
- `attention_for_worker(user)`: follow-ups with the non-abusing parent that are due or overdue on the user's own
  open cases (one query), for a "needs attention" list.
- `plans_to_review(user)`: plans in safety work on the user's own open cases that need a review, one item per plan
  with its most pressing reason: not reviewed since the last follow-up with the non-abusing parent or her support
  worker, or not reviewed for longer than `data/rules.yaml` allows (one query), for My work.

Both list only cases whose follow-up and review pages the user may open (`access.can_change_safety_plans`, the
check those pages make), so every link in a list opens.
- `plan_summaries(case, people)`: each child's and the non-abusing parent's plan, or its absence (one query).
- `plans_not_reviewed_since(case, day)`: the case's plans not reviewed since a contact that day (one query).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.cases.access import cases_visible_to
from childsafe.cases.models import Case, Person
from childsafe.safety import access, rules
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
    """Outstanding follow-ups on the open cases allocated to this user whose follow-up page they may open, soonest
    due first.

    Every outstanding follow-up is listed (each is due by its date); `is_overdue` marks those past it. A user whose
    organisation may not see safety information gets an empty list, and so does a partner allocated a case whose
    contacts it may not work on (housing, early help): the follow-up page would refuse them.
    """
    mine = _own_cases_with_safety_plans(user)
    if mine is None:
        return []
    today = today or timezone.localdate()
    contacts = outstanding_follow_ups(PlannedContact.objects.filter(case__in=mine)).select_related("case")
    return [_attention(contact, today) for contact in contacts if access.can_change_safety_plans(user, contact.case)]


def _own_cases_with_safety_plans(user: User | Any) -> QuerySet[Case] | None:
    """The open cases allocated to this user whose safety plans they may read (`access.can_see_safety_plans`, as
    a query); None for a user who may read none.

    Lists built on it keep only the rows `access.can_change_safety_plans` allows, the check the linked pages make:
    this query narrows what is read, that function has the last word, so the two can never send anyone to a page
    that refuses them.
    """
    if not getattr(user, "is_authenticated", False) or not user.works_on_cases or user.organisation_id is None:
        return None
    kind = user.organisation.kind
    if kind in NEVER_SEE_SAFETY_PLANS:
        return None
    mine = cases_visible_to(user).filter(allocated_worker=user, status=Case.Status.OPEN)
    if kind not in SAFETY_PLAN_ORGANISATION_KINDS:
        mine = mine.filter(lead_organisation_id=user.organisation_id)
    return mine


AFTER_CONTACT = "after_contact"
NOT_REVIEWED_FOR_TOO_LONG = "not_reviewed_for_too_long"


@dataclass(frozen=True)
class PlanReviewAttention:
    """A plan in safety work that needs reviewing, and why: safety plans are reviewed at each contact while the
    danger is real (`AFTER_CONTACT`: not reviewed since the last follow-up with the non-abusing parent or her
    support worker), and never left longer than `data/rules.yaml` allows (`NOT_REVIEWED_FOR_TOO_LONG`)."""

    case_id: uuid.UUID
    case_reference: str
    plan_id: uuid.UUID
    name: str
    reason: str
    checked_on: dt.date
    ever_reviewed: bool
    due: dt.date
    is_overdue: bool
    url: str
    contact_on: dt.date | None = None
    contact_was_with: str = ""
    warning_after_days: int = 0

    @property
    def text(self) -> str:
        if self.reason == AFTER_CONTACT and self.contact_on is not None:
            spoke_with = self.contact_was_with == ContactFollowUp.SpokeWith.SUPPORT_WORKER
            with_whom = "her support worker" if spoke_with else "her"
            return (
                f"Review {self.name}’s safety plan: not reviewed since the follow-up with {with_whom} on "
                f"{_day(self.contact_on)}"
            )
        when = f"last reviewed {_day(self.checked_on)}" if self.ever_reviewed else f"made {_day(self.checked_on)}"
        return f"Review {self.name}’s safety plan: {when}, more than {self.warning_after_days} days ago"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _more_pressing(item: PlanReviewAttention) -> tuple[bool, dt.date, bool]:
    """Overdue before due; then the one waiting longest; on a tie, the contact, which says what has happened since."""
    return (not item.is_overdue, item.due, item.reason != AFTER_CONTACT)


def plans_to_review(user: User | Any, today: dt.date | None = None) -> list[PlanReviewAttention]:
    """Plans in safety work on the user's own open cases that need a review, soonest due first, one item per plan
    with its most pressing reason (`_more_pressing`). One query whatever the number of cases.

    - After contact: older than the case's last follow-up with her (`rules.not_reviewed_since_contact`), due
      `rules.review_after_contact_due`; listed from the day of the follow-up.
    - Too long: not reviewed for longer than safety work allows (`rules.review_state`), the flag the case pages
      show; listed once overdue, when the case pages flag it.
    """
    mine = _own_cases_with_safety_plans(user)
    if mine is None:
        return []
    today = today or timezone.localdate()
    last_contact = ContactFollowUp.objects.filter(case_id=OuterRef("case_id")).order_by(
        "-followed_up_on", "-recorded_at"
    )
    # Narrows what is read to plans that may be listed (`checked_on` is the later of these two days); the rules
    # below decide.
    too_long_ago = today - dt.timedelta(days=rules.thresholds().safety_work_review_warning_days)
    not_checked_since = Q(made_on__lt=too_long_ago) & (
        Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lt=too_long_ago)
    )
    plans = (
        SafetyPlan.objects.filter(case__in=mine, phase=rules.SAFETY_WORK)
        .annotate(
            last_contact_on=Subquery(last_contact.values("followed_up_on")[:1]),
            last_contact_with=Subquery(last_contact.values("spoke_with")[:1]),
        )
        .filter(Q(last_contact_on__isnull=False) | not_checked_since)
        .select_related("case", "person")
        .defer("current")
    )
    attention = []
    for plan in plans:
        if not access.can_change_safety_plans(user, plan.case):
            continue
        reasons = [*_after_contact(plan, today), *_not_reviewed_for_too_long(plan, today)]
        if reasons:
            attention.append(min(reasons, key=_more_pressing))
    return sorted(attention, key=lambda item: (item.due, item.case_reference, item.name))


def _item(plan: SafetyPlan, today: dt.date, *, reason: str, due: dt.date, **fields: Any) -> PlanReviewAttention:
    return PlanReviewAttention(
        case_id=plan.case_id,
        case_reference=plan.case.reference,
        plan_id=plan.pk,
        name=plan.person.known_as or plan.person.first_name,
        reason=reason,
        checked_on=plan.checked_on,
        ever_reviewed=plan.last_reviewed_on is not None and plan.last_reviewed_on >= plan.made_on,
        due=due,
        is_overdue=due < today,
        url=reverse("safety:review_plan", args=[plan.case_id, plan.pk]),
        **fields,
    )


def _after_contact(plan: SafetyPlan, today: dt.date) -> list[PlanReviewAttention]:
    if not rules.not_reviewed_since_contact(plan.phase, plan.checked_on, plan.last_contact_on):
        return []
    return [
        _item(
            plan,
            today,
            reason=AFTER_CONTACT,
            due=rules.review_after_contact_due(plan.last_contact_on),
            contact_on=plan.last_contact_on,
            contact_was_with=plan.last_contact_with,
        )
    ]


def _not_reviewed_for_too_long(plan: SafetyPlan, today: dt.date) -> list[PlanReviewAttention]:
    review = rules.review_state(plan.phase, plan.checked_on, today)
    if not review.is_overdue:
        return []
    return [
        _item(
            plan,
            today,
            reason=NOT_REVIEWED_FOR_TOO_LONG,
            due=review.due,
            warning_after_days=review.warning_after_days,
        )
    ]


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
