"""The referrals panel on the case overview: open referrals by person, status and days waiting, what needs
attention, and a constant number of queries whatever the size of the case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from childsafe.cases.models import Person
from childsafe.services import attendance
from childsafe.services.tests.conftest import member, move, refer, saved
from childsafe.services.views import overview_panel

pytestmark = pytest.mark.django_db
Role = Person.RoleInCase


def panel_queries(case, user) -> int:
    request = RequestFactory().get("/")
    request.user = user
    people = list(Person.objects.filter(case=case))
    with CaptureQueriesContext(connection) as queries:
        overview_panel(request, case, people)
    return len(queries)


def test_the_same_number_of_queries_for_an_empty_case_and_a_busy_one(northbrook_case, allocated_worker):
    empty = panel_queries(northbrook_case, allocated_worker)
    programme = saved(service_type="behaviour_change_programme", serves=["parent_using_abuse"])
    darren = member(northbrook_case, Role.PARENT_USING_ABUSE)
    referral = refer(northbrook_case, darren, programme, allocated_worker, days_ago=60)
    move(referral, allocated_worker, "accepted", "started", days_ago=50)
    for week in range(6):
        attendance.record_session(
            referral,
            held_on=timezone.localdate() - dt.timedelta(days=45 - 7 * week),
            planned_hours=Decimal("2"),
            attended=week < 3,
            hours_attended=Decimal("2") if week < 3 else None,
            note="",
            by=allocated_worker,
        )
    for person in Person.objects.filter(case=northbrook_case).exclude(role_in_case=Role.PARENT_USING_ABUSE):
        for number in range(3):
            refer(northbrook_case, person, saved(name=f"S{person.first_name}{number}"), allocated_worker)
    assert panel_queries(northbrook_case, allocated_worker) == empty == 2


def test_shows_open_referrals_by_person_with_days_waiting_and_disengagement_prominently(
    client_for, northbrook_case, allocated_worker
):
    mia = member(northbrook_case, Role.CHILD, "Mia")
    group = saved(name="Willow Tree Group", service_type="childrens_group_work", serves=["child"])
    done = saved(name="Finished Service", service_type="childrens_group_work", serves=["child"])
    refer(northbrook_case, mia, group, allocated_worker, days_ago=12)
    move(refer(northbrook_case, mia, done, allocated_worker), allocated_worker, "accepted", "started", "completed")
    programme = saved(name="Change Programme", service_type="behaviour_change_programme", serves=["parent_using_abuse"])
    referral = refer(
        northbrook_case, member(northbrook_case, Role.PARENT_USING_ABUSE), programme, allocated_worker, days_ago=60
    )
    move(referral, allocated_worker, "accepted", "started", days_ago=50)
    for week in range(3):
        attendance.record_session(
            referral,
            held_on=timezone.localdate() - dt.timedelta(days=30 - 7 * week),
            planned_hours=Decimal("2"),
            attended=False,
            hours_attended=None,
            note="",
            by=allocated_worker,
        )
    page = client_for(allocated_worker).get(reverse("cases:detail", args=[northbrook_case.pk])).content.decode()
    panel = page[page.index('id="referrals-panel-heading"') :]
    panel = panel[: panel.index("</section>")]
    assert "Willow Tree Group" in panel and "12 days" in panel
    assert "Finished Service" not in panel  # completed: no longer open
    assert "govuk-notification-banner" in panel and "Disengagement" in panel
    assert "Darren Cole has missed the last 3 sessions in a row of Change Programme" in panel
    assert "partner support for the non-abusing parent is not linked" in panel
    assert "0 of 75 hours" in panel
