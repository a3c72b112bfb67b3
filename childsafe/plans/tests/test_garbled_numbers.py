"""Numbers the plan pages read from a request (the version a form started from, the suggested fix to fill in) are
plain ASCII digits or ignored: "²" passes `str.isdigit()` but not `int()`, and a worker must never get a server
error for a garbled hidden field or link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.plans.models import Action, Outcome
from childsafe.plans.tests.conftest import action_post, add_action, date_parts

GARBLED = ["²", "١٢", "1²", "-1", " 3", "9" * 5000, "3.0"]


def url(name: str, plan, *more) -> str:
    return reverse(name, args=[plan.case_id, plan.pk, *more])


@pytest.mark.parametrize("garbled", GARBLED)
def test_saving_an_action_with_a_garbled_version_saves_it(client_for, allocated_worker, plan, darren, garbled):
    action = add_action(plan, allocated_worker, owner_person=darren)
    data = action_post(
        owner=f"person:{darren.pk}",
        what="Darren to attend every session",
        frequency_times="1",
        frequency_unit="week",
        for_whom="parent_using_abuse",
        based_on=garbled,
    )
    response = client_for(allocated_worker).post(url("plans:edit_action", plan, action.pk), data)
    assert response.status_code == 302
    assert Action.objects.get().what == "Darren to attend every session"


@pytest.mark.parametrize("garbled", GARBLED)
def test_changing_the_plan_details_with_a_garbled_version_saves_them(
    client_for, allocated_worker, plan, mia, leo, garbled
):
    data = {
        "kind": "child_protection",
        "children": [str(mia.pk), str(leo.pk)],
        **date_parts("start_date", dt.date(2026, 10, 1)),
        **date_parts("first_review_on", None),
        "review_interval_months": "4",
        "based_on": garbled,
    }
    response = client_for(allocated_worker).post(url("plans:edit_plan", plan), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.review_interval_months == 4


def test_a_form_with_errors_and_a_garbled_version_comes_back_with_the_plan_s_version(
    client_for, allocated_worker, plan
):
    response = client_for(allocated_worker).post(
        url("plans:edit_plan", plan), {"kind": "child_protection", "based_on": "²"}
    )
    assert response.status_code == 200
    assert f'name="based_on" value="{plan.version}"' in response.content.decode()


def test_changing_and_removing_an_outcome_with_a_garbled_version(client_for, allocated_worker, plan, mia):
    client = client_for(allocated_worker)
    client.post(url("plans:add_outcome", plan), {"child": str(mia.pk), "text": "Mia feels safe"})
    outcome = Outcome.objects.get()
    saved = client.post(
        url("plans:edit_outcome", plan, outcome.pk), {"child": str(mia.pk), "text": "Mia sleeps", "based_on": "²"}
    )
    assert saved.status_code == 302 and Outcome.objects.get().text == "Mia sleeps"
    removed = client.post(url("plans:remove_outcome", plan, outcome.pk), {"based_on": "²"})
    assert removed.status_code == 302 and not Outcome.objects.exists()


@pytest.mark.parametrize("garbled", [*GARBLED, "", "fix"])
def test_a_garbled_fix_number_opens_the_form_without_a_fix(client_for, allocated_worker, plan, rachel, garbled):
    action = add_action(
        plan,
        allocated_worker,
        owner_person=rachel,
        what="Rachel to prevent further incidents",
        for_whom="non_abusing_parent",
    )
    response = client_for(allocated_worker).get(url("plans:edit_action", plan, action.pk), {"fix": garbled})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The suggested fix is filled in below" not in page
    assert "Rachel to prevent further incidents</textarea>" in page


def test_a_good_fix_number_still_fills_the_fix_in(client_for, allocated_worker, plan, rachel):
    action = add_action(
        plan,
        allocated_worker,
        owner_person=rachel,
        what="Rachel to prevent further incidents",
        for_whom="non_abusing_parent",
    )
    response = client_for(allocated_worker).get(url("plans:edit_action", plan, action.pk), {"fix": "0"})
    assert "The suggested fix is filled in below" in response.content.decode()
