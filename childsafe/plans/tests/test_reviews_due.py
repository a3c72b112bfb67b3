"""The reviews-due page, with time frozen: a worker's own cases, a manager's team, overdue first, the 14-day window
and its boundaries (due today is due, not overdue; one day late is overdue)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.accounts.models import Team, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.conftest import PASSWORD
from childsafe.plans import services
from childsafe.plans.tests.conftest import add_action
from childsafe.plans.views.reviews import due_reviews

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC))


def case_with_plan(worker: User, team: Team | None, child_name: str, review_on: dt.date | None, status="active"):
    case = case_services.open_case(by=worker, team=team, allocated_worker=worker, opened_on=dt.date(2026, 6, 1))
    child = Person(case=case, role_in_case="child", first_name=child_name, last_name="Ashby")
    father = Person(case=case, role_in_case="parent_using_abuse", first_name="Gary")
    for person in (child, father):
        case_services.save_record(person, by=worker, request=None, changed=[], creating=True)
    plan = services.create_plan(
        case, worker, kind="child_in_need", start_date=dt.date(2026, 7, 1), children=[child], first_review_on=review_on
    )
    add_action(plan, worker, owner_person=father)
    if status == "active":
        services.activate_plan(plan, worker)
    return case


@pytest.fixture
def other_team(lead_org) -> Team:
    return Team.objects.create(organisation=lead_org, name="Assessment team 2")


@pytest.fixture
def world(allocated_worker, colleague, team, other_team, lead_org):
    other_worker = User.objects.create_user(
        "ola@northbrook.example",
        PASSWORD,
        full_name="Ola Other",
        organisation=lead_org,
        role="practitioner",
        team=other_team,
    )
    return {
        "late": case_with_plan(allocated_worker, team, "Ava", TODAY - dt.timedelta(days=1)),
        "today": case_with_plan(allocated_worker, team, "Ben", TODAY),
        "edge": case_with_plan(allocated_worker, team, "Cai", TODAY + dt.timedelta(days=14)),
        "beyond": case_with_plan(allocated_worker, team, "Dee", TODAY + dt.timedelta(days=15)),
        "draft": case_with_plan(allocated_worker, team, "Eve", TODAY - dt.timedelta(days=30), status="draft"),
        "colleague": case_with_plan(colleague, team, "Fay", TODAY - dt.timedelta(days=40)),
        "other_team": case_with_plan(other_worker, other_team, "Gus", TODAY - dt.timedelta(days=2)),
    }


def names(rows) -> list[str]:
    return [row.heading for row in rows]


def test_a_practitioner_sees_their_own_cases_overdue_first_within_14_days(world, allocated_worker):
    rows = due_reviews(allocated_worker, TODAY)
    assert names(rows) == ["Ava Ashby", "Ben Ashby", "Cai Ashby"]
    assert [row.state for row in rows] == ["overdue", "due", "due"]
    assert [row.days_overdue for row in rows] == [1, 0, 0]


def test_a_manager_sees_their_team_and_not_other_teams(world, team_manager):
    assert names(due_reviews(team_manager, TODAY)) == ["Fay Ashby", "Ava Ashby", "Ben Ashby", "Cai Ashby"]


def test_a_colleague_sees_only_their_own(world, colleague):
    assert names(due_reviews(colleague, TODAY)) == ["Fay Ashby"]


def test_a_partner_agency_worker_has_no_allocated_cases_here(world, partner_practitioner):
    assert due_reviews(partner_practitioner, TODAY) == []


def test_closed_cases_drop_off(world, allocated_worker):
    case_services.close_case(world["late"], by=allocated_worker, outcome="safer", on=TODAY)
    assert names(due_reviews(allocated_worker, TODAY)) == ["Ben Ashby", "Cai Ashby"]


def test_the_page_shows_counts_and_sections(world, client_for, allocated_worker):
    page = client_for(allocated_worker).get(reverse("plans:reviews_due")).content.decode()
    assert '<strong class="govuk-!-font-size-36">1</strong> overdue' in page
    assert '<strong class="govuk-!-font-size-36">2</strong> due in the next 14 days' in page
    assert page.index("Ava Ashby") < page.index("Ben Ashby") < page.index("Cai Ashby")
    assert "1 day overdue" in page
    assert "Dee Ashby" not in page and "Fay Ashby" not in page and "Gus Ashby" not in page


def test_the_page_is_in_the_main_navigation(client_for, allocated_worker):
    page = client_for(allocated_worker).get(reverse("cases:caseload")).content.decode()
    assert f'href="{reverse("plans:reviews_due")}"' in page


def test_the_list_takes_the_same_number_of_queries_however_many_cases(world, allocated_worker, team):
    with CaptureQueriesContext(connection) as few:
        due_reviews(allocated_worker, TODAY)
    for name in ("Hal", "Ivy", "Jo", "Kit"):
        case_with_plan(allocated_worker, team, name, TODAY)
    with CaptureQueriesContext(connection) as many:
        rows = due_reviews(allocated_worker, TODAY)
    assert len(rows) == 7
    assert len(many) == len(few)
