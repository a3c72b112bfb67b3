"""The safety panel on the case overview: worker safety flags first and prominent, each plan's phase and last
review, follow-ups due and overdue; what a programme worker sees; and a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.safety import services
from childsafe.safety.tests.conftest import flag, make_contact, make_plan


def overview(client, case) -> str:
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def panel_of(page: str) -> str:
    match = re.search(r'<section class="app-safety-panel.*?</section>', page, re.S)
    assert match, "the safety panel is on the page"
    return match.group(0)


def test_flags_are_at_the_top_of_the_overview_as_warnings(client_for, allocated_worker, a_case, darren):
    flag(a_case, darren, allocated_worker, details="Threatened a worker with a dog")
    page = overview(client_for(allocated_worker), a_case)
    panel = panel_of(page)
    assert "govuk-warning-text" in panel
    assert "Worker safety: Darren Cole: do not visit alone." in panel
    # Before the rest of the case: the household's people and chronology come after it.
    assert page.index("Worker safety: Darren Cole") < page.index('id="people"')
    assert page.index("Worker safety: Darren Cole") < page.index('id="chronology"')


def test_plans_with_phase_and_last_review(client_for, allocated_worker, a_case, mia, leo, rachel):
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        make_plan(a_case, mia, allocated_worker)
        plan = make_plan(a_case, rachel, allocated_worker, phase="recovery_work")
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        services.record_review(
            plan,
            reviewed_on=dt.date(2026, 11, 20),
            reviewed_with="Rachel",
            how="phone",
            outcome="still_right",
            by=allocated_worker,
        )
        panel = panel_of(overview(client_for(allocated_worker), a_case))
    assert re.search(r"Mia Fernhill</strong>:\s*<strong class=\"govuk-tag govuk-tag--orange\">\s*Safety work", panel)
    assert "Not reviewed since it was made on 2 November 2026" in panel
    assert "Review overdue" in panel  # Mia's, 18 days in safety work
    assert re.search(r"Leo Fernhill</strong>:\s*no safety plan yet", panel)
    assert "Last reviewed 20 November 2026" in panel


def test_follow_ups_due_and_overdue_on_the_overview(client_for, allocated_worker, a_case, darren):
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC), tick=False):  # a Monday
        make_contact(a_case, darren, allocated_worker, status="happened")
    with time_machine.travel(dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC), tick=False):
        make_contact(a_case, darren, allocated_worker, status="did_not_happen")
        panel = panel_of(overview(client_for(allocated_worker), a_case))
    assert "overdue since 25 November 2026" in panel
    assert "due by 30 November 2026" in panel
    assert "Follow up with the non-abusing parent after the contact that did not happen" in panel


def test_a_programme_worker_sees_flags_and_that_plans_exist_only(
    client_for, allocated_worker, programme_worker, programme_case, darren, mia
):
    flag(programme_case, darren, allocated_worker)
    make_plan(programme_case, mia, allocated_worker)
    make_contact(programme_case, darren, allocated_worker, status="happened")
    panel = panel_of(overview(client_for(programme_worker), programme_case))
    assert "Worker safety: Darren Cole: do not visit alone." in panel
    assert re.search(r"Mia Fernhill</strong>:\s*safety plan in place", panel)
    assert "Safety work" not in panel and "reviewed" not in panel
    assert "Follow up" not in panel


def query_count(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        overview(client, case)
    return len(queries)


def test_the_overview_makes_the_same_number_of_queries_for_a_bigger_case(
    client_for, allocated_worker, a_case, team, partner_org
):
    small = case_services.open_case(
        by=allocated_worker, shared_with=[partner_org], team=team, allocated_worker=allocated_worker
    )
    child = Person(case=small, role_in_case="child", first_name="Ava", age_in_years=6)
    puab = Person(case=small, role_in_case="parent_using_abuse", first_name="Sam")
    for person in (child, puab):
        case_services.save_record(person, by=allocated_worker, request=None, changed=[], creating=True)
    make_plan(small, child, allocated_worker)
    flag(small, puab, allocated_worker)
    make_contact(small, puab, allocated_worker, status="happened")

    people = list(a_case.people.all())
    for index in range(4):
        extra = Person(case=a_case, role_in_case="child", first_name=f"Extra{index}", age_in_years=index + 2)
        case_services.save_record(extra, by=allocated_worker, request=None, changed=[], creating=True)
        people.append(extra)
    darren = a_case.people.get(first_name="Darren")
    for person in people:
        if person.role_in_case != "parent_using_abuse":
            make_plan(a_case, person, allocated_worker)
        flag(a_case, person, allocated_worker, kind="interpreter")
    for status in ["planned", "checked", "happened", "happened", "did_not_happen", "followed_up"]:
        make_contact(a_case, darren, allocated_worker, status=status)

    client = client_for(allocated_worker)
    query_count(client, small)  # warm up the session and caches
    assert query_count(client, small) == query_count(client, a_case)
