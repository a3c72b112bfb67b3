"""Safety test helpers: the household of `a_case` by name, a behaviour-change programme the case is shared with,
and plans, flags and contacts made through `services`, the way the application makes them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Case, Person
from childsafe.conftest import PASSWORD
from childsafe.safety import services
from childsafe.safety.models import PlannedContact, SafetyPlan, WorkerSafetyFlag


@pytest.fixture
def mia(a_case) -> Person:
    return a_case.people.get(first_name="Mia")


@pytest.fixture
def leo(a_case) -> Person:
    return a_case.people.get(first_name="Leo")


@pytest.fixture
def rachel(a_case) -> Person:
    return a_case.people.get(first_name="Rachel")


@pytest.fixture
def darren(a_case) -> Person:
    return a_case.people.get(first_name="Darren")


@pytest.fixture
def programme_org(db) -> Organisation:
    return Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")


@pytest.fixture
def programme_worker(programme_org) -> User:
    return User.objects.create_user(
        "rhys.programme@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme_org
    )


@pytest.fixture
def programme_case(a_case, programme_org, allocated_worker) -> Case:
    """`a_case`, also shared with the behaviour-change programme the parent using abuse was referred to."""
    case_services.share_case(a_case, programme_org, by=allocated_worker, reason="Referred to the programme")
    return a_case


def content(**overrides: Any) -> services.PlanContent:
    values: dict[str, Any] = {
        "safe_place": "Nana Jean's house on the next street",
        "safe_place_route": "Out of the back door and along the alley",
        "trusted_person": "Nana Jean",
        "trusted_person_contact": "Knock on her door; she keeps a key for Mia",
        "help_methods": ["call_999", "silent_solution"],
        "summon_help": "Say the code word “pancakes” to Nana",
        "childs_understanding": "",
        "other_steps": "Only Mum or Nana may collect from school",
        "phase": "safety_work",
    }
    values.update(overrides)
    return services.PlanContent(**values)


def make_plan(case: Case, person: Person, by: User, **overrides: Any) -> SafetyPlan:
    if person.is_child:
        overrides.setdefault("childs_understanding", f"{person.first_name} knows to go to Nana's")
    return services.create_plan(case, person, content(**overrides), by=by)


def date_parts(prefix: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def plan_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "safe_place": "The neighbour at number 12",
        "safe_place_route": "Through the garden gate",
        "trusted_person": "Mrs Okafor, her teacher",
        "trusted_person_contact": "Ask at the school office",
        "help_methods": ["call_999"],
        "summon_help": "",
        "childs_understanding": "Mia says: I go to number 12 and tell them to ring 999",
        "other_steps": "",
        "phase": "safety_work",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def flag(case: Case, person: Person, by: User, kind: str = "do_not_visit_alone", **fields: Any) -> WorkerSafetyFlag:
    fields.setdefault("review_by", timezone.localdate() + dt.timedelta(days=90))
    return services.raise_flag(case, person, kind=kind, by=by, **fields)


def contact_plan(**overrides: Any) -> services.ContactPlan:
    values: dict[str, Any] = {
        "planned_for": timezone.localdate() + dt.timedelta(days=3),
        "meeting_workers": "Aisha Worker (social worker) and Tom Manager",
        "venue": "our_office",
        "venue_detail": "Northbrook Civic Centre, interview room 2",
        "purpose": "Discuss the child protection plan and his referral to a behaviour-change programme",
    }
    values.update(overrides)
    return services.ContactPlan(**values)


COMPLETE_CHECK: dict[str, Any] = {
    "risk_information_read": "yes",
    "risk_to_her": "High: he has sent threatening messages since she left",
    "risk_to_children": "He has threatened to take the children",
    "recent_changes": "Court hearing next month",
    "could_increase_risk": "yes",
    "risk_management": "Rachel told of the date in advance; her support worker is with her that afternoon",
    "perspective_gathered": "via_worker",
    "perspective_via": "Pat Partner, Northbrook Domestic Abuse Service",
    "not_safe_to_ask_reason": "",
    "her_view_on_safety": "She is frightened he will follow her after the meeting",
    "her_view_on_risk": "yes",
    "childrens_perspective": "Mia has said she does not want to see him",
    "must_not_disclose": ["her_address", "school", "safety_plans", "what_she_said"],
    "must_not_disclose_other": "",
    "everyone_briefed": "yes",
    "worker_arrangements": ["pairs", "office", "whereabouts"],
    "worker_safety_notes": "",
    "manager_consulted": "",
    "manager_advice": "",
}


def make_contact(case: Case, person: Person, by: User, status: str = "planned", **overrides: Any) -> PlannedContact:
    """A contact moved through the real transitions to `status`."""
    contact = services.plan_contact(case, person, contact_plan(**overrides), by=by)
    if status == "planned":
        return contact
    services.save_safety_check(contact, dict(COMPLETE_CHECK), by=by)
    services.complete_safety_check(contact, by=by)
    if status == "checked":
        return contact
    took_place = status != "did_not_happen"
    services.record_outcome(
        contact, took_place=took_place, outcome_on=timezone.localdate(), notes="He attended on time", by=by
    )
    if status in {"happened", "did_not_happen"}:
        return contact
    services.record_follow_up(
        contact,
        services.FollowUpAnswers(
            followed_up_on=timezone.localdate(), spoke_with="her", safety_changed="no", retaliation="no"
        ),
        by=by,
    )
    return contact
