"""The plan panel on the case overview: what it shows, and the same number of queries whatever the size of the case."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.plans import services
from childsafe.plans.tests.conftest import add_action
from childsafe.plans.views import overview_panel


def panel_html(user, case) -> tuple[str, int]:
    request = RequestFactory().get("/")
    request.user = user
    people = list(Person.objects.filter(case=case))
    with CaptureQueriesContext(connection) as queries:
        context = overview_panel(request, case, people)
        html = render_to_string(context["template"], {"panel": context, "case": case, "request": request})
    return html, len(queries)


def test_no_plan_offers_to_start_one(allocated_worker, a_case):
    html, _ = panel_html(allocated_worker, a_case)
    assert "No plan yet." in html and "Start a plan" in html


def test_the_panel_shows_the_current_plan_its_actions_checks_and_review(
    allocated_worker, accountable_plan, a_case, rachel, time_machine
):
    services.update_plan_details(
        accountable_plan, allocated_worker, {"first_review_on": dt.date(2026, 11, 1)}, based_on=accountable_plan.version
    )
    services.activate_plan(accountable_plan, allocated_worker)
    add_action(
        accountable_plan,
        allocated_worker,
        owner_person=rachel,
        what="Rachel to keep him away",
        for_whom="non_abusing_parent",
    )
    action = accountable_plan.actions.order_by("created_at").first()
    services.record_progress(
        accountable_plan, action, allocated_worker, recorded_on=dt.date(2026, 10, 5), status="done", note="Completed"
    )
    time_machine.move_to(dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC))
    html, _ = panel_html(allocated_worker, a_case)
    assert "Child protection plan" in html and "Active" in html
    assert "5 actions: 4 not started, 1 done" in html
    assert "1 accountability check" in html
    assert "1 November 2026" in html and "Overdue" in html
    assert "The review of the child protection plan was due on 1 November 2026 and is 2 days overdue" in html


def test_the_panel_makes_the_same_number_of_queries_for_a_small_and_a_large_case(
    allocated_worker, accountable_plan, a_case, darren, partner_org
):
    services.activate_plan(accountable_plan, allocated_worker)
    _, small = panel_html(allocated_worker, a_case)

    for number in range(6):
        child = Person(case=a_case, role_in_case="child", first_name=f"Child{number}")
        case_services.save_record(child, by=allocated_worker, request=None, changed=[], creating=True)
        accountable_plan.children.add(child)
        services.save_outcome(accountable_plan, allocated_worker, {"child": child, "text": "Feels safe"})
        action = add_action(
            accountable_plan,
            allocated_worker,
            owner_organisation=partner_org,
            what=f"Worker to see Child{number} every week",
            for_whom="child",
            for_child=child,
        )
        services.record_progress(
            accountable_plan,
            action,
            allocated_worker,
            recorded_on=dt.date(2026, 10, 9),
            status="in_progress",
            note="Seen",
        )
    services.acknowledge_prompt(a_case, allocated_worker, key="x-1", message="m", note="n")
    _, large = panel_html(allocated_worker, a_case)
    assert large == small
