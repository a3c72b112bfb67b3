"""Every plans URL, for every persona: others' cases are invisible (404), commissioners and administrators never reach
a plan, a closed case and an ended plan are read-only (403 on changes), and ids from another case are 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, get_resolver, reverse

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.plans import services
from childsafe.plans.prompts import prompts_for_case


def _plans_urls() -> list[tuple[str, list[str]]]:
    """(name, [kwarg names]) of every plans URL that names a case, found from the resolver."""
    found = []
    for entry in get_resolver().url_patterns:
        if getattr(entry, "namespace", None) != "plans":
            continue
        for pattern in entry.url_patterns:
            if isinstance(pattern, URLPattern) and "case_id" in pattern.pattern.converters:
                found.append((f"plans:{pattern.name}", list(pattern.pattern.converters)))
    return found


CASE_URLS = _plans_urls()
CHANGES = {
    "plans:create_plan",
    "plans:edit_plan",
    "plans:activate_plan",
    "plans:end_plan",
    "plans:add_outcome",
    "plans:edit_outcome",
    "plans:remove_outcome",
    "plans:add_action",
    "plans:edit_action",
    "plans:remove_action",
    "plans:record_progress",
    "plans:add_review",
    "plans:acknowledge_prompt",
}
READS = {name for name, _ in CASE_URLS} - CHANGES
# Running the plan: the lead organisation's alone (plans/access.py `manages_plans`).
RUNNING = {
    "plans:create_plan",
    "plans:edit_plan",
    "plans:activate_plan",
    "plans:end_plan",
    "plans:add_review",
    "plans:acknowledge_prompt",
}


@pytest.fixture
def ids(accountable_plan, allocated_worker, a_case):
    plan = accountable_plan
    services.update_plan_details(
        plan, allocated_worker, {"first_review_on": dt.date(2026, 10, 15)}, based_on=plan.version
    )
    services.activate_plan(plan, allocated_worker)
    action = plan.actions.order_by("created_at").first()
    services.record_progress(
        plan, action, allocated_worker, recorded_on=dt.date(2026, 10, 8), status="in_progress", note="Attended"
    )
    review = services.record_review(
        plan,
        allocated_worker,
        {
            "held_on": dt.date(2026, 10, 15),
            "others_attended": "",
            "engagement": "partly",
            "engagement_notes": "",
            "safety_change": "no_change",
            "safety_notes": "",
            "decision": "continue",
            "next_review_on": dt.date(2026, 11, 1),
        },
        child_views={},
    )
    [prompt] = prompts_for_case(a_case, today=dt.date(2026, 11, 20))
    return {
        "case_id": a_case.pk,
        "plan_id": plan.pk,
        "outcome_id": plan.outcomes.first().pk,
        "action_id": action.pk,
        "review_id": review.pk,
        "number": 1,
        "key": prompt.key,
    }


def _url(name: str, converters: list[str], ids: dict) -> str:
    return reverse(name, kwargs={key: ids[key] for key in converters})


def test_the_resolver_finds_every_plans_url():
    assert {name for name, _ in CASE_URLS} == CHANGES | {
        "plans:case_plans",
        "plans:plan",
        "plans:action",
        "plans:versions",
        "plans:version",
        "plans:review",
    }


@pytest.mark.parametrize(("name", "converters"), CASE_URLS, ids=[name for name, _ in CASE_URLS])
@pytest.mark.parametrize("persona", ["outsider", "outsider_manager", "commissioner", "administrator"])
def test_people_without_the_case_get_404_on_every_plans_url(request, client_for, ids, name, converters, persona):
    client = client_for(request.getfixturevalue(persona))
    url = _url(name, converters, ids)
    assert client.get(url).status_code == 404
    assert client.post(url, {"what": "x", "note": "x"}).status_code in {404, 405}


@pytest.mark.parametrize(("name", "converters"), CASE_URLS, ids=[name for name, _ in CASE_URLS])
def test_the_allocated_worker_reaches_every_plans_url_and_the_partner_agency_all_but_running_the_plan(
    client_for, allocated_worker, partner_practitioner, ids, name, converters, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC))
    url = _url(name, converters, ids)
    # Making the active plan active again or starting a review are allowed pages; nothing is a 404 or 500.
    assert client_for(allocated_worker).get(url).status_code in {200, 302}
    partner_status = client_for(partner_practitioner).get(url).status_code
    assert partner_status == (403 if name in RUNNING else 200) or (name not in RUNNING and partner_status == 302)


def test_a_partner_agency_cannot_end_the_plan_or_record_a_review_but_adds_its_own_actions(
    client_for, partner_practitioner, ids, accountable_plan
):
    client = client_for(partner_practitioner)
    end = client.post(
        _url("plans:end_plan", ["case_id", "plan_id"], ids),
        {"ended_on-day": "2", "ended_on-month": "11", "ended_on-year": "2026", "reason": "Stepped down"},
    )
    assert end.status_code == 403
    assert b"organisation that leads the case" in end.content
    accountable_plan.refresh_from_db()
    assert accountable_plan.status == accountable_plan.Status.ACTIVE
    assert accountable_plan.reviews.count() == 1
    page = client.get(_url("plans:plan", ["case_id", "plan_id"], ids)).content.decode()
    assert "Add an action" in page
    assert "End the plan" not in page and "Record a review" not in page


@pytest.mark.parametrize(("name", "converters"), CASE_URLS, ids=[name for name, _ in CASE_URLS])
def test_signed_out_visitors_are_sent_to_sign_in(client, ids, name, converters):
    response = client.get(_url(name, converters, ids))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize(("name", "converters"), sorted((n, c) for n, c in CASE_URLS if n in CHANGES))
def test_a_closed_case_is_read_only(client_for, allocated_worker, a_case, ids, name, converters):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer", on=dt.date(2026, 11, 2))
    client = client_for(allocated_worker)
    url = _url(name, converters, ids)
    assert client.get(url).status_code == 403
    assert client.post(url, {"what": "x", "note": "x"}).status_code == 403


@pytest.mark.parametrize("name", sorted(READS))
def test_a_closed_case_can_still_be_read(client_for, allocated_worker, a_case, ids, name):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer", on=dt.date(2026, 11, 2))
    converters = dict(CASE_URLS)[name]
    response = client_for(allocated_worker).get(_url(name, converters, ids))
    assert response.status_code == 200
    assert b"Add an action" not in response.content


def test_an_ended_plan_is_read_only(client_for, allocated_worker, ids, accountable_plan):
    services.end_plan(accountable_plan, allocated_worker, on=dt.date(2026, 11, 2), reason="Stepped down")
    client = client_for(allocated_worker)
    for name in ("plans:edit_plan", "plans:add_action", "plans:edit_action", "plans:record_progress"):
        converters = dict(CASE_URLS)[name]
        assert client.get(_url(name, converters, ids)).status_code == 403, name
    page = client.get(_url("plans:plan", ["case_id", "plan_id"], ids))
    assert page.status_code == 200 and b"Add an action" not in page.content


@pytest.fixture
def other_case(allocated_worker, team, partner_org, a_case):
    """A second case the same worker holds, with a plan of its own."""
    case = case_services.open_case(
        by=allocated_worker, shared_with=[partner_org], team=team, allocated_worker=allocated_worker
    )
    child = Person(case=case, role_in_case="child", first_name="Ada")
    case_services.save_record(child, by=allocated_worker, request=None, changed=[], creating=True)
    return case


@pytest.mark.parametrize(
    ("name", "converters"),
    [(n, c) for n, c in CASE_URLS if set(c) - {"case_id", "key"}],
    ids=[n for n, c in CASE_URLS if set(c) - {"case_id", "key"}],
)
def test_ids_from_another_case_are_not_found(client_for, allocated_worker, ids, other_case, name, converters):
    """The plan, outcome, action and review ids of one case, under another case the worker can see: 404."""
    mixed = {**ids, "case_id": other_case.pk}
    client = client_for(allocated_worker)
    assert client.get(_url(name, converters, mixed)).status_code == 404
    assert client.post(_url(name, converters, mixed), {"what": "x"}).status_code in {404, 405}


def test_a_prompt_key_from_another_case_is_not_found(client_for, allocated_worker, ids, other_case):
    url = reverse("plans:acknowledge_prompt", args=[other_case.pk, ids["key"]])
    assert client_for(allocated_worker).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["commissioner", "administrator"])
def test_the_reviews_due_page_is_not_for_people_who_do_not_work_on_cases(request, client_for, persona):
    assert client_for(request.getfixturevalue(persona)).get(reverse("plans:reviews_due")).status_code == 403


def test_reading_a_plan_page_is_logged(client_for, partner_practitioner, ids):
    client_for(partner_practitioner).get(_url("plans:plan", ["case_id", "plan_id"], ids))
    entry = AuditEntry.objects.filter(action="view", object_type="plan").latest("seq")
    assert entry.actor_id == partner_practitioner.pk and entry.object_id == str(ids["plan_id"])
