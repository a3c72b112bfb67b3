"""Review: what the plan pages show an organisation working with the person using abusive behaviours (a
behaviour-change programme, probation), beyond the actions and outcomes the row classes already keep from them.

- A refuge's or a school's name is a location (`cases.access.may_name_agency`): it must not reach them as an
  action's owner, a choice of owner on the action form, or an agency that attended a review.
- A name someone is known by now is a location: never in a heading, a choice or a title on these pages.
- An acknowledged prompt keeps the message it had and the lead worker's note about what they did: a level from her
  own risk checklist, a referral of a child, a call to her. It is not theirs to read.
- Recording a review means writing the children's views and seeing the versions made since the last one: neither
  is for them (they never read either).
The allocated worker's pages are the control: every canary is there for them.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.conftest import PASSWORD
from childsafe.plans import services
from childsafe.plans.prompts import prompts_for_case
from childsafe.plans.tests.conftest import add_action


def canary(kind: str) -> str:
    return f"CANARY{kind}{uuid.uuid4().hex[:10]}"


@pytest.fixture(params=["perpetrator_programme", "probation"])
def worker_with_him(request, a_case, allocated_worker) -> User:
    organisation = Organisation.objects.create(name=f"Northbrook {request.param}", kind=request.param)
    case_services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(
        f"worker@{request.param}.example", PASSWORD, full_name="Rhys Worker", organisation=organisation
    )


@pytest.fixture
def places(a_case, allocated_worker) -> dict[str, Organisation]:
    school = Organisation.objects.create(name=canary("SCHOOLNAME"), kind="school")
    refuge = Organisation.objects.create(name=canary("REFUGENAME"), kind="refuge")
    for organisation in (school, refuge):
        case_services.share_case(a_case, organisation, by=allocated_worker)
    return {"school": school, "refuge": refuge}


@pytest.fixture
def known_as(a_case, allocated_worker, mia, rachel) -> set[str]:
    names = set()
    for person in (mia, rachel):
        person.known_as = canary("KNOWNAS")
        names.add(person.known_as)
        case_services.save_record(person, by=allocated_worker, request=None, changed=["known_as"], creating=False)
    return names


@pytest.fixture
def active_plan(accountable_plan, allocated_worker, darren, places, known_as):
    """The accountable plan, active, with an action the school owns about him and a review the refuge attended."""
    add_action(
        accountable_plan,
        allocated_worker,
        owner_organisation=places["school"],
        owner_worker="designated safeguarding lead",
        what="Tell the allocated worker the same day if Darren tries to collect the children",
        frequency_times=None,
        frequency_unit="",
        due_on=dt.date(2026, 12, 1),
        measure="Calls logged",
        for_whom="parent_using_abuse",
    )
    services.activate_plan(accountable_plan, allocated_worker)
    services.record_review(
        accountable_plan,
        allocated_worker,
        {
            "held_on": dt.date(2026, 10, 20),
            "others_attended": "",
            "engagement": "partly",
            "engagement_notes": "",
            "safety_change": "no_change",
            "safety_notes": "",
            "decision": "continue",
            "next_review_on": dt.date(2027, 1, 20),
            "agencies_attended": [places["refuge"], places["school"]],
        },
        child_views={},
    )
    return accountable_plan


def plan_pages(client, plan) -> str:
    case_id, his = plan.case_id, plan.actions.get(owner_person__role_in_case="parent_using_abuse")
    urls = [
        reverse("plans:case_plans", args=[case_id]),
        reverse("plans:plan", args=[case_id, plan.pk]),
        reverse("plans:add_action", args=[case_id, plan.pk]),
        reverse("plans:add_outcome", args=[case_id, plan.pk]),
        reverse("plans:action", args=[case_id, plan.pk, his.pk]),
        reverse("plans:edit_action", args=[case_id, plan.pk, his.pk]),
        reverse("plans:review", args=[case_id, plan.pk, plan.reviews.get().pk]),
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_no_refuge_or_school_name_and_no_known_as_name_reaches_those_who_work_with_him(
    client_for, allocated_worker, worker_with_him, active_plan, places, known_as
):
    secrets = {places["school"].name, places["refuge"].name, *known_as}
    seen = plan_pages(client_for(worker_with_him), active_plan)
    assert sorted(secret for secret in secrets if secret in seen) == []
    # His own change work is still there for them.
    assert "Darren to attend every weekly session of the behaviour-change programme" in seen

    control = plan_pages(client_for(allocated_worker), active_plan)
    assert secrets <= {secret for secret in secrets if secret in control}


def test_the_school_owned_action_about_him_cannot_be_opened_by_them(client_for, worker_with_him, active_plan, places):
    action = active_plan.actions.get(owner_organisation=places["school"])
    args = [active_plan.case_id, active_plan.pk, action.pk]
    client = client_for(worker_with_him)
    for name in ("plans:action", "plans:edit_action", "plans:record_progress", "plans:remove_action"):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_they_cannot_make_a_refuge_or_school_own_an_action(client_for, worker_with_him, active_plan, places):
    response = client_for(worker_with_him).post(
        reverse("plans:add_action", args=[active_plan.case_id, active_plan.pk]),
        {
            "owner": f"agency:{places['school'].pk}",
            "owner_worker": "",
            "what": "Check on him at the gate",
            "due_on_day": "",
            "due_on_month": "",
            "due_on_year": "",
            "frequency_times": "",
            "frequency_unit": "",
            "measure": "",
            "for_whom": "parent_using_abuse",
            "based_on": str(active_plan.version),
        },
    )
    assert response.status_code == 200
    assert not active_plan.actions.filter(what="Check on him at the gate").exists()


def test_acknowledged_prompts_and_their_notes_are_not_shown_to_them(
    client_for, a_case, allocated_worker, worker_with_him, active_plan
):
    message, note = canary("PROMPT"), canary("NOTE")
    services.acknowledge_prompt(a_case, allocated_worker, key="risk_rise-0123456789abcdef", message=message, note=note)
    url = reverse("plans:case_plans", args=[a_case.pk])
    seen = client_for(worker_with_him).get(url).content.decode()
    assert message not in seen and note not in seen
    control = client_for(allocated_worker).get(url).content.decode()
    assert message in control and note in control


def test_they_do_not_record_a_review(client_for, worker_with_him, active_plan, mia):
    url = reverse("plans:add_review", args=[active_plan.case_id, active_plan.pk])
    client = client_for(worker_with_him)
    assert client.get(url).status_code == 403
    before = active_plan.reviews.count()
    response = client.post(
        url,
        {
            "held_on_day": "21",
            "held_on_month": "10",
            "held_on_year": "2026",
            "engagement": "full",
            "safety_change": "safer",
            "decision": "end",
            f"views_{mia.pk.hex}": "Mia said she wants to see her dad",
        },
    )
    assert response.status_code == 403
    assert active_plan.reviews.count() == before


def test_they_cannot_silence_an_escalation_prompt(client_for, a_case, allocated_worker, worker_with_him, active_plan):
    """Acknowledging a prompt takes it off every worker's list: a missed-sessions or risk prompt must not be closed
    by the organisation he may pressure. It stays open for the lead worker."""
    active_plan.next_review_on = dt.date(2026, 1, 1)  # long overdue: an open prompt
    active_plan.save(update_fields=["next_review_on"])
    prompt = prompts_for_case(a_case)[0]
    url = reverse("plans:acknowledge_prompt", args=[a_case.pk, prompt.key])
    client = client_for(worker_with_him)
    assert url not in client.get(reverse("plans:case_plans", args=[a_case.pk])).content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url, {"note": "Spoke to him, all fine"}).status_code == 403
    assert not a_case.prompt_acknowledgements.exists()
    assert url in client_for(allocated_worker).get(reverse("plans:case_plans", args=[a_case.pk])).content.decode()


def test_they_do_not_start_activate_change_or_end_a_plan(
    client_for, a_case, allocated_worker, worker_with_him, active_plan, mia
):
    """Making a plan active ends the one in force: a worker who sees only his actions, and whom he may pressure,
    must not be able to end the child protection plan or replace it. His actions they still work on."""
    client = client_for(worker_with_him)
    args = [a_case.pk, active_plan.pk]
    end = client.post(
        reverse("plans:end_plan", args=args),
        {"ended_on_day": "21", "ended_on_month": "10", "ended_on_year": "2026", "reason": "He is doing well"},
    )
    assert end.status_code == 403
    start = client.post(
        reverse("plans:create_plan", args=[a_case.pk]),
        {"kind": "child_in_need", "children": [str(mia.pk)], "start_date_day": "1", "start_date_month": "10",
         "start_date_year": "2026"},
    )  # fmt: skip
    assert start.status_code == 403
    for name in ("plans:edit_plan", "plans:activate_plan", "plans:end_plan"):
        assert client.get(reverse(name, args=args)).status_code == 403, name
    active_plan.refresh_from_db()
    assert active_plan.status == "active" and a_case.plans.count() == 1
    page = client.get(reverse("plans:plan", args=args)).content.decode()
    assert reverse("plans:end_plan", args=args) not in page
    assert reverse("plans:add_action", args=args) in page
    assert (
        reverse("plans:end_plan", args=args)
        in client_for(allocated_worker).get(reverse("plans:plan", args=args)).content.decode()
    )


def test_progress_notes_others_wrote_on_his_actions_are_not_shown_to_them(
    client_for, a_case, allocated_worker, worker_with_him, active_plan
):
    """Evidence on his action often rests on what she said ("Rachel says he came to her door"): they read the
    status and date of every update, and the notes their own organisation wrote."""
    his = active_plan.actions.get(owner_person__role_in_case="parent_using_abuse")
    hers, ours = canary("SHESAID"), canary("OURNOTE")
    services.record_progress(
        active_plan, his, allocated_worker, recorded_on=dt.date(2026, 10, 10), status="in_progress", note=hers
    )
    services.record_progress(
        active_plan, his, worker_with_him, recorded_on=dt.date(2026, 10, 12), status="in_progress", note=ours
    )
    services.record_progress(
        active_plan, his, allocated_worker, recorded_on=dt.date(2026, 10, 14), status="in_progress", note=hers + "2"
    )
    urls = [
        reverse("plans:plan", args=[a_case.pk, active_plan.pk]),
        reverse("plans:action", args=[a_case.pk, active_plan.pk, his.pk]),
    ]
    seen = "".join(client_for(worker_with_him).get(url).content.decode() for url in urls)
    assert hers not in seen
    assert ours in seen
    control = "".join(client_for(allocated_worker).get(url).content.decode() for url in urls)
    assert hers in control and ours in control
