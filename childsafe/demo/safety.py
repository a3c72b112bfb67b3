"""Demo safety content: safety plans for the children and non-abusing parents of the refuge and escalating
households, worker safety flags on two parents using abuse, and contacts with them at each stage.

Everything is saved through `childsafe.safety.services`, so the audit log shows it as a worker typing it. Dates in
the past (when a plan was made, when it moved to recovery work, when a contact took place) are given to the
services where they accept them, and otherwise set on the plan or contact afterwards: the demo's story spans
weeks, but it is loaded in a moment. Revisions are never touched after they are written.

What the demo shows, by household (index into `childsafe.demo.loading.PROFILES`):
- 0 (two children in a refuge, escalating): plans for both children and their mother in safety work, reviewed
  recently; "do not visit alone" on the parent using abuse; a contact with that parent yesterday, with the
  follow-up with their mother outstanding and due soon.
- 1, 5 (escalating; 5 in a refuge): plans in safety work.
- 2 (escalating, shared with the behaviour-change programme): plans in safety work, the eldest child's not
  reviewed for too long; "do not visit alone" (a manager must agree) on the parent using abuse; a planned contact
  with its safety check complete.
- 4 (a 16-year-old, separated): plans in recovery work, moved from safety work with the reason kept.
- 6 (escalating, four children): plans in safety work; a contact that happened over a week ago whose follow-up
  is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from childsafe.accounts.models import User
from childsafe.cases.models import Case, Person
from childsafe.safety import services
from childsafe.safety.models import PlannedContact, SafetyPlan
from childsafe.safety.rules import follow_up_due

if TYPE_CHECKING:
    from childsafe.demo.loading import DemoWorld

Role = Person.RoleInCase
REFUGE_HOUSEHOLD, BABY_HOUSEHOLD, PROGRAMME_HOUSEHOLD, TEENAGER_HOUSEHOLD, SECOND_REFUGE, LARGE_HOUSEHOLD = (
    0,
    1,
    2,
    4,
    5,
    6,
)


def _name(person: Person) -> str:
    return person.known_as or person.first_name


def _people(case: Case) -> tuple[list[Person], Person | None, Person | None]:
    people = list(Person.objects.filter(case=case).order_by("date_of_birth", "first_name"))
    children = [p for p in people if p.role_in_case == Role.CHILD]
    mother = next((p for p in people if p.role_in_case == Role.NON_ABUSING_PARENT), None)
    father = next((p for p in people if p.role_in_case == Role.PARENT_USING_ABUSE), None)
    return children, mother, father


def _child_content(
    child: Person, mother: Person | None, father: Person | None, age: int | None, *, refuge: bool
) -> services.PlanContent:
    """Written with the child's own names for people; no pronouns, so it reads right for any household."""
    name = _name(child)
    mum = _name(mother) if mother else "the parent they live with"
    other = _name(father) if father else "the parent using abuse"
    if age is not None and age < 5:
        return services.PlanContent(
            safe_place=f"{name}'s room at the refuge, with the door shut" if refuge else f"The bedroom, with {mum}",
            safe_place_route=f"{mum} carries or leads {name} there",
            trusted_person=f"{mum}, and the refuge children's worker" if refuge else mum,
            trusted_person_contact=f"{mum} is always with {name}; nursery staff know who may collect",
            help_methods=["call_999", "silent_solution"],
            summon_help=f"{mum} has the Silent Solution and a charged phone; {name} is too young to call for help",
            childs_understanding=f"{name} knows “the quiet room” is where we go when there is shouting",
            other_steps=f"Only {mum} or the named refuge worker may collect {name} from nursery. No photos of the "
            "children online.",
        )
    help_methods = ["call_999", "code_word", "school_staff"]
    if age is not None and age >= 11:
        help_methods.append("silent_solution")
    return services.PlanContent(
        safe_place="The refuge staff office" if refuge else "A trusted neighbour's house two doors down",
        safe_place_route="Down the corridor to the office" if refuge else "Out of the front door and left",
        trusted_person="Their teacher, and the refuge children's worker" if refuge else "Their teacher and Nana",
        trusted_person_contact="At school: ask the office for the safeguarding lead",
        help_methods=help_methods,
        summon_help=f"{name} knows to call 999, give their name and say where they are",
        childs_understanding=f"{name} says: “If {other} comes, I go and tell a grown-up. It is not my job to stop "
        "the shouting and it is not my fault.”",
        other_steps=f"Only {mum} may collect {name} from school. Location sharing is off on {name}'s tablet.",
    )


def _mother_content(mother: Person, *, refuge: bool) -> services.PlanContent:
    name = _name(mother)
    return services.PlanContent(
        safe_place="The refuge: staff on site day and night" if refuge else f"{name}'s sister's house across town",
        safe_place_route="Keys and a bag kept ready; a taxi account through the support worker",
        trusted_person=f"{name}'s domestic abuse support worker",
        trusted_person_contact="Through the service's duty line, saved in the phone under a work name",
        help_methods=["call_999", "silent_solution", "safe_phone"],
        summon_help="A second phone kept charged and hidden; the Silent Solution if it is not safe to speak",
        other_steps="Location sharing off on every phone and the children's tablet. Copies of documents kept with "
        "the support worker. Different routes to school on different days.",
    )


def _make_plan(case: Case, person: Person, content: services.PlanContent, worker: User, made_on: dt.date) -> SafetyPlan:
    return services.create_plan(case, person, content, by=worker, made_on=made_on)


def _review(plan: SafetyPlan, person: Person, worker: User, on: dt.date, how: str, with_whom: str) -> None:
    services.record_review(plan, reviewed_on=on, reviewed_with=with_whom, how=how, outcome="still_right", by=worker)


def _plans_for(
    case: Case,
    worker: User,
    today: dt.date,
    *,
    refuge: bool,
    made_days_ago: int,
    reviewed_days_ago: int | None,
) -> list[SafetyPlan]:
    children, mother, father = _people(case)
    made_on = today - dt.timedelta(days=made_days_ago)
    plans = []
    for child in children:
        age = child.age_on(today)
        plan = _make_plan(case, child, _child_content(child, mother, father, age, refuge=refuge), worker, made_on)
        if reviewed_days_ago is not None:
            how = "refuge" if refuge else "school"
            with_whom = f"{_name(child)}, with {_name(mother)}" if mother else _name(child)
            _review(plan, child, worker, today - dt.timedelta(days=reviewed_days_ago), how, with_whom)
        plans.append(plan)
    if mother is not None:
        plan = _make_plan(case, mother, _mother_content(mother, refuge=refuge), worker, made_on)
        if reviewed_days_ago is not None:
            _review(plan, mother, worker, today - dt.timedelta(days=reviewed_days_ago), "office", _name(mother))
        plans.append(plan)
    return plans


def _flag(case: Case, person: Person, worker: User, today: dt.date, *, manager_must_agree: bool, details: str) -> None:
    services.raise_flag(
        case,
        person,
        kind="do_not_visit_alone",
        details=details,
        manager_must_agree=manager_must_agree,
        review_by=today + dt.timedelta(days=60),
        by=worker,
    )


def _check_answers(
    mother: Person | None, father: Person, children: list[Person], *, manager: str = ""
) -> dict[str, object]:
    her = _name(mother) if mother else "The non-abusing parent"
    him = _name(father)
    names = " and ".join(_name(child) for child in children[:2]) or "The children"
    return {
        "risk_information_read": "yes",
        "risk_to_her": f"High. {him} has sent {her} threatening messages since the separation and has waited near "
        f"{her}'s work twice.",
        "risk_to_children": f"{him} has told {names} that they will be taken away. They are frightened.",
        "recent_changes": "A court hearing about child arrangements is due next month.",
        "could_increase_risk": "yes",
        "risk_management": f"{her} is told the date and time in advance; the support worker calls {her} straight "
        f"after the meeting; {him} leaves the building first.",
        "perspective_gathered": "via_worker",
        "perspective_via": "Support worker, Northbrook Domestic Abuse Service",
        "not_safe_to_ask_reason": "",
        "her_view_on_safety": f"{her} thinks {him} will blame {her} for the meeting and try to find out where the "
        "family is living.",
        "her_view_on_risk": "yes",
        "childrens_perspective": f"{names} have said they do not want to see {him} and worry about being found.",
        "must_not_disclose": [
            "her_address",
            "children_location",
            "school",
            "contact_details",
            "what_she_said",
            "what_children_said",
            "safety_plans",
            "support",
        ],
        "must_not_disclose_other": "",
        "everyone_briefed": "yes",
        "worker_arrangements": ["pairs", "office", "whereabouts", "phone", "exit"],
        "worker_safety_notes": f"Reception told to expect {him} and to give no information about the family.",
        "manager_consulted": manager,
        "manager_advice": "Go ahead at the civic centre with two workers; end the meeting if it becomes threatening."
        if manager
        else "",
    }


def _contact_through(
    case: Case,
    father: Person,
    mother: Person | None,
    children: list[Person],
    worker: User,
    today: dt.date,
    *,
    manager: str = "",
) -> PlannedContact:
    """A contact with the parent using abuse, planned for today and checked; the caller moves it on."""
    contact = services.plan_contact(
        case,
        father,
        services.ContactPlan(
            planned_for=today,
            meeting_workers=f"{worker.full_name} (social worker) and a second worker from the team",
            venue="our_office",
            venue_detail="Northbrook Civic Centre, interview room 2",
            purpose=PURPOSE,
        ),
        by=worker,
    )
    services.save_safety_check(contact, _check_answers(mother, father, children, manager=manager), by=worker)
    services.complete_safety_check(contact, by=worker)
    return contact


PURPOSE = (
    "To go through the child protection plan: the abusive behaviours recorded, their impact on the children, "
    "what must change and by when, and the referral to the behaviour-change programme."
)


def add_demo(world: DemoWorld, write: Callable[[str], None]) -> None:
    today = world.today
    cases = world.cases
    manager = world.directory.users.get("manager@northbrook.example")
    manager_name = manager.full_name if manager else "The team manager"

    # Safety work, reviewed recently, in the refuge and escalating households.
    for index, refuge, made, reviewed in (
        (REFUGE_HOUSEHOLD, True, 35, 3),
        (BABY_HOUSEHOLD, False, 20, 6),
        (SECOND_REFUGE, True, 28, 2),
        (LARGE_HOUSEHOLD, False, 40, 9),
    ):
        case = cases[index]
        _plans_for(case, case.allocated_worker, today, refuge=refuge, made_days_ago=made, reviewed_days_ago=reviewed)

    # The programme household: plans in safety work; the eldest child's has not been reviewed for too long.
    case = cases[PROGRAMME_HOUSEHOLD]
    worker = case.allocated_worker
    children, mother, father = _people(case)
    made_on = today - dt.timedelta(days=30)
    for position, child in enumerate(sorted(children, key=lambda c: c.date_of_birth or today)):
        content = _child_content(child, mother, father, child.age_on(today), refuge=False)
        plan = _make_plan(case, child, content, worker, made_on)
        if position > 0:
            _review(plan, child, worker, today - dt.timedelta(days=5), "school", _name(child))
    if mother is not None:
        plan = _make_plan(case, mother, _mother_content(mother, refuge=False), worker, made_on)
        _review(plan, mother, worker, today - dt.timedelta(days=5), "phone", _name(mother))

    # Recovery work: the 16-year-old's household, safer now, with the move from safety work kept.
    case = cases[TEENAGER_HOUSEHOLD]
    worker = case.allocated_worker
    plans = _plans_for(case, worker, today, refuge=False, made_days_ago=120, reviewed_days_ago=None)
    moved_on = today - dt.timedelta(days=21)
    for plan in plans:
        current = plan.current
        content = services.PlanContent(
            safe_place=current.safe_place,
            safe_place_route=current.safe_place_route,
            trusted_person=current.trusted_person,
            trusted_person_contact=current.trusted_person_contact,
            help_methods=list(current.help_methods),
            summon_help=current.summon_help,
            childs_understanding=current.childs_understanding,
            other_steps=current.other_steps,
            phase="recovery_work",
            phase_change_reason="The parent using abuse has moved out of the area, a non-molestation order is in "
            "place and there has been no contact for three months.",
        )
        services.update_plan(plan, content, change_summary="Moved to recovery work after the review meeting", by=worker)
        SafetyPlan.objects.filter(pk=plan.pk).update(phase_since=moved_on)
        _review(plan, plan.person, worker, today - dt.timedelta(days=10), "home_visit", _name(plan.person))

    # Worker safety flags on two parents using abuse.
    for index, manager_must_agree, details in (
        (REFUGE_HOUSEHOLD, False, "Shouted threats at a previous worker at the door."),
        (
            PROGRAMME_HOUSEHOLD,
            True,
            "Followed a worker to the car park after a meeting in September. Meet only at the civic centre.",
        ),
    ):
        case = cases[index]
        _, _, father = _people(case)
        if father is not None:
            _flag(case, father, case.allocated_worker, today, manager_must_agree=manager_must_agree, details=details)

    # A planned contact with its safety check complete, in the programme household.
    case = cases[PROGRAMME_HOUSEHOLD]
    children, mother, father = _people(case)
    if father is not None:
        contact = _contact_through(case, father, mother, children, case.allocated_worker, today, manager=manager_name)
        PlannedContact.objects.filter(pk=contact.pk).update(planned_for=today + dt.timedelta(days=4))

    # A contact that happened yesterday: the follow-up with her is outstanding and due soon.
    case = cases[REFUGE_HOUSEHOLD]
    children, mother, father = _people(case)
    if father is not None:
        contact = _contact_through(case, father, mother, children, case.allocated_worker, today)
        yesterday = today - dt.timedelta(days=1)
        services.record_outcome(
            contact,
            took_place=True,
            outcome_on=yesterday,
            notes=f"{_name(father)} attended and said the police report was exaggerated. The workers named the "
            "behaviours in the chronology and their impact on the children. An assessment for the behaviour-change "
            "programme was agreed.",
            by=case.allocated_worker,
        )
        PlannedContact.objects.filter(pk=contact.pk).update(planned_for=yesterday, checked_on=yesterday)

    # A contact eight days ago whose follow-up is overdue.
    case = cases[LARGE_HOUSEHOLD]
    children, mother, father = _people(case)
    if father is not None:
        contact = _contact_through(case, father, mother, children, case.allocated_worker, today)
        held_on = today - dt.timedelta(days=8)
        services.record_outcome(
            contact,
            took_place=True,
            outcome_on=held_on,
            notes=f"{_name(father)} attended and left early when asked about the impact of the abusive behaviours on "
            "the children.",
            by=case.allocated_worker,
        )
        PlannedContact.objects.filter(pk=contact.pk).update(
            planned_for=held_on, checked_on=held_on - dt.timedelta(days=2), follow_up_due=follow_up_due(held_on)
        )

    write(
        f"  safety: {SafetyPlan.objects.count()} safety plans, "
        f"{PlannedContact.objects.count()} contacts with parents using abuse"
    )
