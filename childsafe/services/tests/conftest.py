"""Fixtures for the services app: a Northbrook case (the shared `a_case` with its lead organisation's area set) and
a factory for directory entries."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.cases.models import Case, Person
from childsafe.conftest import PASSWORD
from childsafe.services import referrals
from childsafe.services.models import EvidenceLevel, Service

_numbers = itertools.count(1)


def service(**fields: Any) -> Service:
    """An unsaved service that fits everything unless told otherwise (tier 1-4, everyone, Northbrook)."""
    number = next(_numbers)
    values: dict[str, Any] = {
        "key": f"service-{number}",
        "name": f"Service {number}",
        "service_type": "community_outreach",
        "tiers": [1, 2, 3, 4],
        "serves": ["child", "non_abusing_parent", "whole_family"],
        "areas": ["Northbrook"],
        "waiting_weeks": 0,
        "evidence_level": EvidenceLevel.NOT_YET_EVALUATED,
        "is_active": True,
    }
    values.update(fields)
    return Service(**values)


def saved(**fields: Any) -> Service:
    result = service(**fields)
    result.save()
    return result


@pytest.fixture
def northbrook_case(a_case: Case) -> Case:
    """The shared case, led from Northbrook. Mia (born 4 March 2017), Leo (19 July 2020), Rachel, Darren."""
    Organisation.objects.filter(pk=a_case.lead_organisation_id).update(area="Northbrook")
    return Case.objects.select_related("lead_organisation").get(pk=a_case.pk)


def member(case: Case, role: str, first_name: str | None = None) -> Person:
    people = case.people.filter(role_in_case=role)
    if first_name:
        people = people.filter(first_name=first_name)
    return people.order_by("date_of_birth").first()


@pytest.fixture
def programme_org(db) -> Organisation:
    return Organisation.objects.create(
        name="Northbrook Change Programme", kind="perpetrator_programme", area="Northbrook"
    )


@pytest.fixture
def programme_worker(programme_org) -> User:
    return User.objects.create_user(
        "rhys.programme@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme_org
    )


TODAY = dt.date(2026, 11, 20)


def refer(case: Case, person: Person, svc: Service, by: User, *, days_ago: int = 20, reason: str = "Needs support"):
    """A referral sent `days_ago` days ago, through the real service function."""
    on = timezone.localdate() - dt.timedelta(days=days_ago)
    return referrals.refer(case, person, svc, reason=reason, on=on, by=by)


def move(referral, by: User, *statuses: str, days_ago: int = 10, reason: str = "") -> None:
    for status in statuses:
        referrals.change_status(
            referral, status, on=timezone.localdate() - dt.timedelta(days=days_ago), by=by, reason=reason
        )
