"""The escalation prompts of one case, from the data the apps keep: the thin loader around `escalation.py`.

- Overdue reviews come from this app's plans.
- Risk-level rises come from the assessments app (`childsafe.assessments.standing.level_rises`), since the plan in
  force was last reviewed (or started). Levels from the victim-survivor's own checklist are included only for users
  who may see disclosures (`childsafe.assessments.access.can_see_disclosures`).
- Disengagement signals come from the services app (`childsafe.services.engagement.disengagement_signals`): missed
  programme sessions, declined and disengaged referrals. Their wording never names a service that would reveal
  where someone is.
Acknowledged prompts (`PromptAcknowledgement`) are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from childsafe.assessments.access import can_see_disclosures
from childsafe.assessments.standing import level_rises
from childsafe.cases.models import Case, Person
from childsafe.plans import escalation
from childsafe.plans.models import Plan, PromptAcknowledgement, Review
from childsafe.services.engagement import disengagement_signals


def _name(person: Person | None) -> str:
    if person is None:
        return "Someone in the household"
    return person.first_name


def _risk_rises(
    case: Case, since: dt.date | None, people: dict[str, Person], include_disclosures: bool
) -> list[escalation.RiskRise]:
    since_at = dt.datetime.combine(since, dt.time.min, tzinfo=timezone.get_current_timezone()) if since else None
    return [
        escalation.RiskRise(
            person_id=rise.person_id,
            person_name=_name(people.get(rise.person_id)),
            from_level=rise.from_label.lower(),
            to_level=rise.to_label.lower(),
            on=timezone.localtime(rise.when).date() if timezone.is_aware(rise.when) else rise.when.date(),
        )
        for rise in level_rises(case, since=since_at, include_disclosures=include_disclosures)
    ]


def _disengagement(case: Case, user: Any) -> list[escalation.Disengagement]:
    return [
        escalation.Disengagement(
            kind=str(signal.kind),
            person_id=str(signal.person.pk),
            person_name=_name(signal.person),
            detail=signal.detail,
            on=signal.on,
            person_role=signal.person.role_in_case,
        )
        for signal in disengagement_signals(case, for_user=user)
    ]


def current_plan(plans: Iterable[Plan]) -> Plan | None:
    """The plan in force, else the newest draft, else the newest ended plan."""
    plans = list(plans)
    for status in (Plan.Status.ACTIVE, Plan.Status.DRAFT, Plan.Status.ENDED):
        matching = [plan for plan in plans if plan.status == status]
        if matching:
            return max(matching, key=lambda plan: plan.created_at)
    return None


def prompts_for_case(
    case: Case,
    plans: Iterable[Plan] | None = None,
    *,
    user: Any = None,
    people: Iterable[Person] | None = None,
    today: dt.date | None = None,
) -> list[escalation.Prompt]:
    """The case's open escalation prompts, as `user` may see them (without a user, no disclosure-based levels).

    Pass the case's plans and people if already loaded, to save queries; the number of queries does not depend on
    the size of the case."""
    today = today or timezone.localdate()
    plans = list(Plan.objects.filter(case=case) if plans is None else plans)
    people_by_id = {str(p.pk): p for p in (Person.objects.filter(case=case) if people is None else people)}
    active = next((plan for plan in plans if plan.status == Plan.Status.ACTIVE), None)
    overdue = []
    since = case.opened_on
    if active is not None:
        if active.next_review_on and active.next_review_on < today:
            overdue.append(escalation.OverdueReview(str(active.pk), active.name, active.next_review_on))
        last_review = Review.objects.filter(plan=active).order_by("-held_on").values_list("held_on", flat=True).first()
        since = last_review or active.start_date or since
    acknowledged = PromptAcknowledgement.objects.filter(case=case).values_list("key", flat=True)
    include_disclosures = user is not None and can_see_disclosures(user)
    return escalation.escalation_prompts(
        rises=_risk_rises(case, since, people_by_id, include_disclosures),
        disengagement=_disengagement(case, user),
        overdue_reviews=overdue,
        today=today,
        plan_kind=active.kind if active else None,
        acknowledged=list(acknowledged),
    )
