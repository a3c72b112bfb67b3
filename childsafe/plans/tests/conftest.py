"""Plans test helpers: the household of `a_case` by name, plans and actions made through the services, and form
data as a browser would post it.

Everything is written through `childsafe.plans.services`, so tests see the versions and audit entries a real
request leaves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from childsafe.accounts.models import User
from childsafe.cases.models import Case, Person
from childsafe.plans import services
from childsafe.plans.models import Action, Plan


@pytest.fixture
def darren(a_case) -> Person:
    return a_case.people.get(first_name="Darren")


@pytest.fixture
def rachel(a_case) -> Person:
    return a_case.people.get(first_name="Rachel")


@pytest.fixture
def mia(a_case) -> Person:
    return a_case.people.get(first_name="Mia")


@pytest.fixture
def leo(a_case) -> Person:
    return a_case.people.get(first_name="Leo")


@pytest.fixture
def plan(a_case, allocated_worker, mia, leo) -> Plan:
    """A draft child protection plan for Mia and Leo starting 1 October 2026."""
    return services.create_plan(
        a_case, allocated_worker, kind="child_protection", start_date=dt.date(2026, 10, 1), children=[mia, leo]
    )


def action_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "owner_person": None,
        "owner_organisation": None,
        "owner_worker": "",
        "what": "Attend every weekly session of the behaviour-change programme",
        "due_on": None,
        "frequency_times": 1,
        "frequency_unit": "week",
        "measure": "The programme's weekly attendance reports",
        "for_whom": "parent_using_abuse",
        "for_child": None,
    }
    data.update(overrides)
    return data


def add_action(plan: Plan, by: User, **overrides: Any) -> Action:
    return services.save_action(plan, by, action_data(**overrides))


@pytest.fixture
def accountable_plan(plan, allocated_worker, darren, rachel, mia, leo, partner_org) -> Plan:
    """The plan with what seed 004 asks for: Darren's own change work, support for Rachel and for each child, an
    outcome for each child. No findings at all."""
    add_action(
        plan,
        allocated_worker,
        owner_person=darren,
        what="Darren to attend every weekly session of the behaviour-change programme",
    )
    add_action(
        plan,
        allocated_worker,
        owner_organisation=partner_org,
        owner_worker="outreach worker",
        what="Northbrook Domestic Abuse Service to meet Rachel every fortnight to review her safety plan",
        frequency_times=1,
        frequency_unit="fortnight",
        measure="Outreach worker's session notes",
        for_whom="non_abusing_parent",
    )
    for child in (mia, leo):
        add_action(
            plan,
            allocated_worker,
            owner_organisation=partner_org,
            owner_worker="children's worker",
            what=f"Children's worker to hold one-to-one sessions with {child.first_name} every week",
            measure="Session notes and what the child says",
            for_whom="child",
            for_child=child,
        )
        services.save_outcome(
            plan, allocated_worker, {"child": child, "text": f"{child.first_name} feels safe at home"}
        )
    return plan


def date_parts(prefix: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def action_post(**overrides: str) -> dict[str, str]:
    """A POST for the action form with no owner, no date and nothing else but words: override by HTML name."""
    data = {
        "owner": "none",
        "owner_worker": "",
        "what": "Attend every weekly session of the behaviour-change programme",
        **date_parts("due_on", None),
        "frequency_times": "",
        "frequency_unit": "",
        "measure": "",
        "for_whom": "whole_family",
    }
    data.update(overrides)
    return data


def case_of(plan: Plan) -> Case:
    return plan.case
