"""A one-click rewrite from the language checker can leave "[name]" or "[victim-survivor]" for the worker to fill
in. Saving it is never refused (nothing typed is), but the plan cannot be made active while any action or outcome
still holds one, and the plan page and the activation page say where it is and what to write."""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from childsafe.cases.models import Person
from childsafe.plans import services
from childsafe.plans.models import Plan
from childsafe.plans.tests.conftest import action_post
from childsafe.plans.views import overview_panel


def url(name: str, plan, *more) -> str:
    return reverse(name, args=[plan.case_id, plan.pk, *more])


def test_a_placeholder_in_an_action_is_saved_but_stops_the_plan_starting(
    client_for, allocated_worker, accountable_plan, darren
):
    client = client_for(allocated_worker)
    action = accountable_plan.actions.get(owner_person=darren)
    edit = url("plans:edit_action", accountable_plan, action.pk)
    data = action_post(
        owner=f"person:{darren.pk}",
        what="Attend every programme session after the abuse by [name] on 3 May",
        frequency_times="1",
        frequency_unit="week",
        measure="Attendance reports",
        for_whom="parent_using_abuse",
    )
    saved = client.post(edit, data, follow=True)
    page = saved.content.decode()
    assert "after the abuse by [name] on 3 May" in page  # kept as typed
    assert "Action 1 still has “[name]” in it" in page
    assert "Replace [name] with the person&#39;s name." in page

    refused = client.post(url("plans:activate_plan", accountable_plan))
    assert "Action 1 still has “[name]” in it" in refused.content.decode()
    assert f'href="{edit}"' in refused.content.decode()
    accountable_plan.refresh_from_db()
    assert accountable_plan.status == Plan.Status.DRAFT

    client.post(edit, {**data, "what": "Attend every programme session after the abuse by Darren on 3 May"})
    assert client.post(url("plans:activate_plan", accountable_plan)).status_code == 302
    accountable_plan.refresh_from_db()
    assert accountable_plan.status == Plan.Status.ACTIVE


def test_a_placeholder_in_an_outcome_stops_the_plan_starting_and_links_to_it(
    client_for, allocated_worker, accountable_plan, mia
):
    client = client_for(allocated_worker)
    outcome = services.save_outcome(
        accountable_plan, allocated_worker, {"child": mia, "text": "Mia is no longer frightened of [name]"}
    )
    page = client.get(reverse("plans:plan", args=[accountable_plan.case_id, accountable_plan.pk])).content.decode()
    assert "The outcome for Mia still has “[name]” in it" in page
    assert f'href="#outcome-{outcome.pk}"' in page

    refused = client.post(url("plans:activate_plan", accountable_plan)).content.decode()
    assert "The outcome for Mia still has “[name]” in it" in refused
    assert f'href="{url("plans:edit_outcome", accountable_plan, outcome.pk)}"' in refused
    accountable_plan.refresh_from_db()
    assert accountable_plan.status == Plan.Status.DRAFT

    services.save_outcome(
        accountable_plan,
        allocated_worker,
        {"child": mia, "text": "Mia is no longer frightened at home"},
        outcome=outcome,
    )
    services.activate_plan(accountable_plan, allocated_worker)
    accountable_plan.refresh_from_db()
    assert accountable_plan.status == Plan.Status.ACTIVE


def test_the_case_overview_counts_a_placeholder_as_something_to_fix(allocated_worker, accountable_plan, mia, a_case):
    services.activate_plan(accountable_plan, allocated_worker)
    services.save_outcome(accountable_plan, allocated_worker, {"child": mia, "text": "[name] no longer shouts at Mia"})
    request = RequestFactory().get("/")
    request.user = allocated_worker
    panel = overview_panel(request, a_case, list(Person.objects.filter(case=a_case)))
    assert panel["blocking_count"] == 1
