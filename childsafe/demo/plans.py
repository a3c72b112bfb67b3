"""Demo plans: accountable plans for the escalating households, reviews due and overdue, and one draft plan that
shows the accountability rules at work. Everything goes through `childsafe.plans.services`, so each plan has its
versions and every change its audit entry, as if a worker had typed it.

- Household 1 (two children, in a refuge): an active child protection plan that holds the father to account
  (a behaviour-change programme every week, child maintenance every month), support for the mother from the
  domestic abuse service and the refuge, one-to-one work for each child; progress recorded; one review held, at
  which the plan was changed, and the next review due in 10 days.
- Household 3 (three children): an active child protection plan whose review is overdue, so it is on the
  reviews-due page and raises an escalation prompt.
- Household 4 (one child, not escalating): an active child in need plan.
- Household 2 (a baby): a draft child protection plan with an action that wrongly asks the mother to "prevent
  further incidents of violence": the accountability checks flag it and suggest the fix, so the demo teaches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from childsafe.accounts.models import Organisation, User
from childsafe.cases.models import Case, Person
from childsafe.demo import organisations as demo
from childsafe.plans import schedule, services
from childsafe.plans.models import Action, Plan, PlanVersion

if TYPE_CHECKING:
    from childsafe.demo.loading import DemoWorld

Role = Person.RoleInCase
WEEKLY = {"frequency_times": 1, "frequency_unit": "week"}
FORTNIGHTLY = {"frequency_times": 1, "frequency_unit": "fortnight"}
MONTHLY = {"frequency_times": 1, "frequency_unit": "month"}


def _people(case: Case) -> tuple[list[Person], Person | None, Person | None]:
    people = list(case.people.all())
    children = sorted((p for p in people if p.role_in_case == Role.CHILD), key=lambda p: p.date_of_birth or dt.date.max)
    mother = next((p for p in people if p.role_in_case == Role.NON_ABUSING_PARENT), None)
    father = next((p for p in people if p.role_in_case == Role.PARENT_USING_ABUSE), None)
    return children, mother, father


def _action(plan: Plan, by: User, what: str, for_whom: str, **fields: object) -> Action:
    data: dict[str, object] = {
        "owner_person": None,
        "owner_organisation": None,
        "owner_worker": "",
        "what": what,
        "due_on": None,
        "frequency_times": None,
        "frequency_unit": "",
        "measure": "",
        "for_whom": for_whom,
        "for_child": None,
    }
    data.update(fields)
    return services.save_action(plan, by, data)


def _start_day(case: Case, today: dt.date, at_least_days_ago: int) -> dt.date:
    """A plan start a few weeks after the case opened, far enough back for what the demo shows of it."""
    return min(
        max(case.opened_on + dt.timedelta(days=21), today - dt.timedelta(days=270)),
        today - dt.timedelta(days=at_least_days_ago),
    )


def _accountable_plan(
    case: Case,
    by: User,
    *,
    kind: str,
    start: dt.date,
    support: Organisation,
    extra_support: Organisation | None = None,
) -> Plan:
    """A plan that does what seed 004 asks: the father's own actions, support for the mother and each child."""
    children, mother, father = _people(case)
    plan = services.create_plan(case, by, kind=kind, start_date=start, children=children)
    for child in children:
        name = child.known_as or child.first_name
        services.save_outcome(
            plan, by, {"child": child, "text": f"{name} feels safe at home and knows who to tell if they are scared"}
        )
    if father is not None:
        _action(
            plan,
            by,
            f"{father.first_name} to attend every weekly session of the domestic abuse behaviour-change programme "
            "and complete the programme",
            Action.ForWhom.PARENT_USING_ABUSE,
            owner_person=father,
            measure="The programme's weekly attendance reports and its end-of-programme report",
            **WEEKLY,
        )
    if mother is not None:
        _action(
            plan,
            by,
            f"{support.name} to meet {mother.first_name} every fortnight for specialist domestic abuse support and to "
            "review her safety plan with her",
            Action.ForWhom.NON_ABUSING_PARENT,
            owner_organisation=support,
            owner_worker="outreach worker",
            measure="The outreach worker's session records, shared at each core group",
            **FORTNIGHTLY,
        )
        if extra_support is not None:
            _action(
                plan,
                by,
                f"{extra_support.name} key worker to support {mother.first_name} with housing and benefits every week",
                Action.ForWhom.NON_ABUSING_PARENT,
                owner_organisation=extra_support,
                owner_worker="key worker",
                measure="Key worker's weekly notes",
                **WEEKLY,
            )
    for child in children:
        name = child.known_as or child.first_name
        _action(
            plan,
            by,
            f"Children's worker to hold one-to-one sessions with {name} every week about what has happened and how "
            "to stay safe",
            Action.ForWhom.CHILD,
            for_child=child,
            owner_organisation=support,
            owner_worker="children's worker",
            measure=f"Session notes, and what {name} says about feeling safe",
            **WEEKLY,
        )
    _action(
        plan,
        by,
        "Social worker to visit the children every four weeks and see each child on their own",
        Action.ForWhom.WHOLE_FAMILY,
        owner_organisation=case.lead_organisation,
        owner_worker=f"social worker ({by.full_name})",
        measure="Visit records on the case",
        **MONTHLY,
    )
    return plan


def _progress(plan: Plan, by: User, action: Action, updates: list[tuple[dt.date, str, str]]) -> None:
    for recorded_on, status, note in updates:
        services.record_progress(plan, action, by, recorded_on=recorded_on, status=status, note=note)


def _escalating_plan(world: DemoWorld, case: Case) -> Plan:
    """Household 1: active, with progress, one review held and the next due in 10 days."""
    today = world.today
    by = world.directory.users[demo.PRACTITIONER]
    support = world.directory.organisations[demo.DOMESTIC_ABUSE_SERVICE]
    refuge = world.directory.organisations[demo.REFUGE]
    children, _, father = _people(case)
    start = _start_day(case, today, 60)
    plan = _accountable_plan(
        case, by, kind=Plan.Kind.CHILD_PROTECTION, start=start, support=support, extra_support=refuge
    )
    if father is not None:
        _action(
            plan,
            by,
            f"{father.first_name} to pay child maintenance through the Child Maintenance Service every month",
            Action.ForWhom.PARENT_USING_ABUSE,
            owner_person=father,
            measure="Child Maintenance Service payment statements",
            **MONTHLY,
        )
    services.activate_plan(plan, by)
    actions = list(plan.actions.order_by("created_at"))
    programme = actions[0]
    _progress(
        plan,
        by,
        programme,
        [
            (
                start + dt.timedelta(days=14),
                Action.Status.IN_PROGRESS,
                "Started the programme: attended 2 of 2 sessions (programme attendance report).",
            ),
            (
                start + dt.timedelta(days=42),
                Action.Status.IN_PROGRESS,
                "Attended 5 of 6 sessions; missed one without giving a reason (programme attendance report).",
            ),
        ],
    )
    _progress(
        plan,
        by,
        actions[1],
        [(start + dt.timedelta(days=20), Action.Status.IN_PROGRESS, "Outreach sessions under way every fortnight.")],
    )
    # The review: a measure was made sharper at it, and the next review brought forward to keep watch.
    held_on = min(schedule.add_months(start, 3), today - dt.timedelta(days=3))
    held_on = max(held_on, start + dt.timedelta(days=7))
    services.save_action(
        plan,
        by,
        {"measure": "The programme's weekly attendance reports, and its mid-point report to the core group"},
        action=programme,
        based_on=plan.version,
    )
    version = PlanVersion.objects.get(plan=plan, number=plan.version)
    views = {
        child: f"{child.known_as or child.first_name} said they like the sessions with their worker and feel safer "
        "since moving."
        for child in children
    }
    services.record_review(
        plan,
        by,
        {
            "held_on": held_on,
            "others_attended": "health visitor",
            "engagement": "engaged_no_change",
            "engagement_notes": "Attending the programme most weeks; no change in his behaviour reported yet.",
            "safety_change": "safer",
            "safety_notes": "The mother and children are safer since moving; contact is through the court order only.",
            "decision": "continue",
            "next_review_on": today + dt.timedelta(days=10),
            "agencies_attended": [support, refuge, case.lead_organisation],
            "plan_versions": [version],
        },
        child_views=views,
    )
    return plan


def _overdue_plan(world: DemoWorld, case: Case) -> Plan:
    """Household 3: an active child protection plan whose review date passed 6 days ago."""
    today = world.today
    by = world.directory.users[demo.PRACTITIONER]
    support = world.directory.organisations[demo.DOMESTIC_ABUSE_SERVICE]
    start = _start_day(case, today, 100)
    plan = _accountable_plan(case, by, kind=Plan.Kind.CHILD_PROTECTION, start=start, support=support)
    services.update_plan_details(
        plan, by, {"first_review_on": today - dt.timedelta(days=6)}, based_on=plan.details_changed_in_version
    )
    services.activate_plan(plan, by)
    return plan


def _child_in_need_plan(world: DemoWorld, case: Case) -> Plan:
    today = world.today
    by = world.directory.users[demo.PRACTITIONER]
    school = world.directory.organisations[demo.SCHOOL]
    start = _start_day(case, today, 30)
    plan = _accountable_plan(case, by, kind=Plan.Kind.CHILD_IN_NEED, start=start, support=school)
    services.update_plan_details(
        plan, by, {"first_review_on": today + dt.timedelta(days=40)}, based_on=plan.details_changed_in_version
    )
    services.activate_plan(plan, by)
    return plan


def _draft_plan(world: DemoWorld, case: Case) -> Plan:
    """Household 2: a draft with the mistake seed 004 warns about, left for the checks to find."""
    today = world.today
    by = world.directory.users[demo.PRACTITIONER]
    support = world.directory.organisations[demo.DOMESTIC_ABUSE_SERVICE]
    children, mother, father = _people(case)
    plan = services.create_plan(case, by, kind=Plan.Kind.CHILD_PROTECTION, start_date=today, children=children)
    for child in children:
        services.save_outcome(
            plan,
            by,
            {"child": child, "text": f"{child.known_as or child.first_name} lives free from abuse and fear at home"},
        )
    if mother is not None:
        _action(
            plan,
            by,
            f"{mother.first_name} to prevent further incidents of violence in the home",
            Action.ForWhom.NON_ABUSING_PARENT,
            owner_person=mother,
            measure="No further police call-outs",
            **WEEKLY,
        )
    if father is not None:
        _action(
            plan,
            by,
            f"{father.first_name} to attend every weekly session of the domestic abuse behaviour-change programme",
            Action.ForWhom.PARENT_USING_ABUSE,
            owner_person=father,
            measure="The programme's weekly attendance reports",
            **WEEKLY,
        )
    if mother is not None:
        _action(
            plan,
            by,
            f"{support.name} to offer {mother.first_name} a specialist domestic abuse worker, meeting every fortnight",
            Action.ForWhom.NON_ABUSING_PARENT,
            owner_organisation=support,
            owner_worker="outreach worker",
            measure="The outreach worker's session records",
            **FORTNIGHTLY,
        )
    for child in children:
        _action(
            plan,
            by,
            f"Social worker to see {child.known_as or child.first_name} at every visit and check the health "
            "visitor's checks are up to date",
            Action.ForWhom.CHILD,
            for_child=child,
            owner_organisation=case.lead_organisation,
            owner_worker="social worker",
            measure="Visit records on the case",
            frequency_times=1,
            frequency_unit="visit",
        )
    return plan


def add_demo(world: DemoWorld, write: Callable[[str], None]) -> None:
    cases = world.cases
    _escalating_plan(world, cases[0])
    _draft_plan(world, cases[1])
    _overdue_plan(world, cases[2])
    _child_in_need_plan(world, cases[3])
    write("  plans: 3 active plans (one review overdue), 1 draft showing the accountability checks")
