"""My work shows the worker safety flags in force on the worker's cases, beside each case's items and listed per
case, so a worker planning their week sees "do not visit alone" before they plan the visit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Case, Person
from childsafe.conftest import PASSWORD
from childsafe.safety import services as safety_services
from childsafe.safety.models import SafetyPlan
from childsafe.safety.tests.conftest import flag, make_contact, make_plan


@pytest.fixture
def darren(a_case) -> Person:
    return a_case.people.get(first_name="Darren")


@pytest.fixture
def rachel(a_case) -> Person:
    return a_case.people.get(first_name="Rachel")


def household(worker: User, surname: str, team, partner_org) -> Case:
    """Another open case of the worker's: a child, the non-abusing parent and the parent using abuse."""
    case = case_services.open_case(
        by=worker, shared_with=[partner_org], summary="Referral from school", team=team, allocated_worker=worker
    )
    for role, first_name in [("child", "Ava"), ("non_abusing_parent", "Jo"), ("parent_using_abuse", "Craig")]:
        person = Person(case=case, role_in_case=role, first_name=first_name, last_name=surname)
        if role == "child":
            person.date_of_birth = dt.date(2016, 5, 1)
        case_services.save_record(person, by=worker, request=None, changed=["first_name"], creating=True)
    return case


def my_work_page(client) -> str:
    response = client.get(reverse("work:today"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_flag_shows_beside_the_cases_items_and_in_the_list(client_for, allocated_worker, a_case, darren):
    flag(a_case, darren, allocated_worker, kind="do_not_visit_alone")
    make_contact(a_case, darren, allocated_worker, status="happened")  # a follow-up is due on this case
    page = my_work_page(client_for(allocated_worker))
    assert "Worker safety on your cases" in page
    # Once in the list of flagged cases, once beside the follow-up due on the case.
    assert page.count("Do not visit alone: Darren Cole") == 2
    (row,) = [row for row in page.split('<tr class="govuk-table__row">') if "Follow-up after contact" in row]
    assert "Worker safety" in row and "Do not visit alone: Darren Cole" in row
    assert f'href="{reverse("cases:detail", args=[a_case.pk])}"' in page


def test_a_flagged_case_with_nothing_due_is_still_listed(client_for, allocated_worker, a_case, rachel):
    flag(a_case, rachel, allocated_worker, kind="other", details="Neighbour films visitors from across the road")
    page = my_work_page(client_for(allocated_worker))
    assert "Nothing is overdue." in page
    assert "Neighbour films visitors from across the road: Rachel Fernhill" in page


def test_lifted_flags_and_other_workers_cases_are_not_shown(
    client_for, allocated_worker, colleague, a_case, darren, team, partner_org
):
    lifted = flag(a_case, darren, allocated_worker, kind="dog")
    safety_services.lift_flag(lifted, reason="The dog has gone", by=allocated_worker)
    theirs = household(colleague, "Marsh", team, partner_org)
    flag(theirs, theirs.people.get(first_name="Craig"), colleague, kind="risk_of_violence")
    page = my_work_page(client_for(allocated_worker))
    assert "Worker safety" not in page
    assert "Risk of violence to staff: Craig Marsh" in my_work_page(client_for(colleague))


def test_a_programme_worker_sees_the_flag_but_not_the_name_she_is_known_by_now(
    client_for, allocated_worker, a_case, rachel
):
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    worker = User.objects.create_user("rhys@nbchange.example", PASSWORD, full_name="Rhys", organisation=programme)
    case_services.share_case(a_case, programme, by=allocated_worker, reason="Referred to the programme")
    Case.objects.filter(pk=a_case.pk).update(allocated_worker=worker)
    Person.objects.filter(pk=rachel.pk).update(known_as="Rae Hollis")
    flag(a_case, rachel, allocated_worker, kind="dog")
    page = my_work_page(client_for(worker))
    assert "Dog at the address: Rachel Fernhill" in page
    assert "Rae Hollis" not in page


def with_plans_to_review(case: Case, parent: Person, child: Person, parent_using_abuse: Person, worker: User) -> None:
    """Her plan made ten days ago, and a contact followed up with her today: her plan is due a review. The child's
    plan, made twenty days ago, is overdue for both reasons, and listed once."""
    plan = make_plan(case, parent, worker)
    SafetyPlan.objects.filter(pk=plan.pk).update(made_on=timezone.localdate() - dt.timedelta(days=10))
    plan = make_plan(case, child, worker)
    SafetyPlan.objects.filter(pk=plan.pk).update(made_on=timezone.localdate() - dt.timedelta(days=20))
    make_contact(case, parent_using_abuse, worker, status="followed_up")


@pytest.mark.parametrize("more_cases", [2, 5])
def test_the_number_of_queries_does_not_grow_with_flagged_cases(
    client_for, allocated_worker, a_case, darren, rachel, team, partner_org, more_cases
):
    flag(a_case, darren, allocated_worker)
    make_contact(a_case, darren, allocated_worker, status="happened")
    with_plans_to_review(a_case, rachel, a_case.people.get(first_name="Mia"), darren, allocated_worker)
    client = client_for(allocated_worker)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            my_work_page(client)
        return len(captured)

    one_case = queries()
    for number in range(more_cases):
        case = household(allocated_worker, f"Family{number}", team, partner_org)
        craig = case.people.get(first_name="Craig")
        flag(case, craig, allocated_worker, kind="dog")
        make_contact(case, craig, allocated_worker, status="happened")
        with_plans_to_review(
            case, case.people.get(first_name="Jo"), case.people.get(first_name="Ava"), craig, allocated_worker
        )
    page = my_work_page(client)
    # In the list, and beside each of the case's three items (the follow-up, her plan and Ava's to review).
    assert page.count("Dog at the address: Craig") == 4 * more_cases
    assert page.count("Safety plan review") == 2 * (1 + more_cases)
    assert page.count("more than 14 days ago") == 1 + more_cases
    assert queries() == one_case
