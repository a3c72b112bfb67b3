"""Shared test fixtures: organisations and the named personas every view is checked against.

Personas: the allocated worker and team manager in the lead organisation (children's social care), a
practitioner in a partner organisation the case is shared with (domestic abuse service), an outsider in an
organisation it is not shared with (police in another area), a commissioner and an administrator.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client

from childsafe.accounts.models import Organisation, Team, User
from childsafe.cases import services
from childsafe.cases.models import Case, Person
from childsafe.web.tests.browser import browser_type_launch_args, live_app  # noqa: F401 - fixtures for every app

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def lead_org(db) -> Organisation:
    return Organisation.objects.create(name="Northbrook Children's Services", kind="childrens_social_care")


@pytest.fixture
def partner_org(db) -> Organisation:
    return Organisation.objects.create(name="Northbrook Domestic Abuse Service", kind="domestic_abuse_service")


@pytest.fixture
def other_org(db) -> Organisation:
    return Organisation.objects.create(name="Southmere Police", kind="police")


@pytest.fixture
def team(lead_org) -> Team:
    return Team.objects.create(organisation=lead_org, name="Assessment team 1")


def _user(email: str, name: str, org: Organisation | None, role: str, team: Team | None = None, **extra) -> User:
    return User.objects.create_user(email, PASSWORD, full_name=name, organisation=org, role=role, team=team, **extra)


@pytest.fixture
def allocated_worker(lead_org, team) -> User:
    return _user("aisha.worker@northbrook.example", "Aisha Worker", lead_org, "practitioner", team)


@pytest.fixture
def team_manager(lead_org, team) -> User:
    return _user("tom.manager@northbrook.example", "Tom Manager", lead_org, "manager", team)


@pytest.fixture
def colleague(lead_org, team) -> User:
    """Same organisation and team as the allocated worker, not allocated to the case."""
    return _user("cal.colleague@northbrook.example", "Cal Colleague", lead_org, "practitioner", team)


@pytest.fixture
def partner_practitioner(partner_org) -> User:
    return _user("pat.partner@nbdas.example", "Pat Partner", partner_org, "practitioner")


@pytest.fixture
def outsider(other_org) -> User:
    return _user("olly.outsider@southmere.example", "Olly Outsider", other_org, "practitioner")


@pytest.fixture
def outsider_manager(other_org) -> User:
    return _user("mo.manager@southmere.example", "Mo Manager", other_org, "manager")


@pytest.fixture
def commissioner(lead_org) -> User:
    return _user("cass.commissioner@northbrook.example", "Cass Commissioner", lead_org, "commissioner")


@pytest.fixture
def administrator(lead_org) -> User:
    return _user("ada.admin@northbrook.example", "Ada Admin", lead_org, "administrator", is_staff=True)


@pytest.fixture
def a_case(allocated_worker, team, partner_org) -> Case:
    """An open case led by children's social care, shared with the domestic abuse service, with a household."""
    case = services.open_case(
        by=allocated_worker,
        shared_with=[partner_org],
        summary="Police notification after an assault; two children in the home",
        team=team,
        allocated_worker=allocated_worker,
        opened_on=dt.date(2026, 9, 1),
    )
    people = [
        Person(
            case=case, role_in_case="child", first_name="Mia", last_name="Fernhill", date_of_birth=dt.date(2017, 3, 4)
        ),
        Person(
            case=case, role_in_case="child", first_name="Leo", last_name="Fernhill", date_of_birth=dt.date(2020, 7, 19)
        ),
        Person(case=case, role_in_case="non_abusing_parent", first_name="Rachel", last_name="Fernhill"),
        Person(case=case, role_in_case="parent_using_abuse", first_name="Darren", last_name="Cole"),
    ]
    for person in people:
        services.save_record(person, by=allocated_worker, request=None, changed=["first_name"], creating=True)
    return case


def person(case: Case, role: str) -> Person:
    return case.people.filter(role_in_case=role).order_by("date_of_birth").first()


@pytest.fixture
def client_for(db):
    """client_for(user) gives a test client signed in as that user."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        session = client.session
        session["childsafe_signed_in_at"] = time.time()
        session.save()
        return client

    return make
