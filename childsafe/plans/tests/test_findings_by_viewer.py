"""The accountability checks as each reader sees them. A suggested fix names the agency that could support her or a
child; when the case has no domestic abuse service that is the refuge, whose name says where she is. Those who work
with the parent using abuse (a behaviour-change programme, probation) never get that name, in a finding, a fix link
or a form a fix fills in, and they are not told what support she and the children have or lack."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import CaseShare
from childsafe.conftest import PASSWORD
from childsafe.plans.tests.conftest import add_action


@pytest.fixture
def refuge(a_case, allocated_worker, partner_org) -> Organisation:
    """The case shared with a refuge and no domestic abuse service: the refuge is the only support agency."""
    CaseShare.objects.filter(case=a_case, organisation=partner_org).delete()
    refuge = Organisation.objects.create(name=f"CANARYREFUGE{uuid.uuid4().hex[:8]}", kind="refuge")
    case_services.share_case(a_case, refuge, by=allocated_worker)
    return refuge


def worker_in(a_case, allocated_worker, kind: str) -> User:
    organisation = Organisation.objects.create(name=f"Northbrook {kind}", kind=kind)
    case_services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(f"w@{kind}.example", PASSWORD, full_name="Rhys Worker", organisation=organisation)


@pytest.fixture(params=["perpetrator_programme", "probation"])
def worker_with_him(request, a_case, allocated_worker) -> User:
    return worker_in(a_case, allocated_worker, request.param)


@pytest.fixture
def plan_without_support(plan, allocated_worker, darren, rachel, refuge):
    """Darren's programme action and, wrongly, his change work given to Rachel (an action he may see: it is for
    him). Nothing supports Rachel, so the plan-wide finding suggests support from the refuge."""
    add_action(
        plan,
        allocated_worker,
        owner_person=darren,
        what="Darren to attend every weekly session of the behaviour-change programme",
    )
    wrong = add_action(
        plan, allocated_worker, owner_person=rachel, what="Rachel to ensure Darren attends every session"
    )
    return plan, wrong


def pages(client, plan, action) -> str:
    args = [plan.case_id, plan.pk]
    urls = [
        reverse("plans:plan", args=args),
        reverse("plans:action", args=[*args, action.pk]),
        reverse("plans:edit_action", args=[*args, action.pk]),
        reverse("plans:edit_action", args=[*args, action.pk]) + "?fix=0",
        reverse("plans:edit_action", args=[*args, action.pk]) + "?fix=1",
        reverse("plans:activate_plan", args=args),
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 403), url
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_the_lead_worker_is_offered_support_from_the_refuge(client_for, allocated_worker, plan_without_support, refuge):
    plan, wrong = plan_without_support
    page = pages(client_for(allocated_worker), plan, wrong)
    assert f"{refuge.name} to offer Rachel a specialist domestic abuse worker" in page
    assert f"{refuge.name} to support Rachel with a safety plan" in page
    assert "Action 2 gives Rachel work that is Darren’s to do" in page


def test_those_who_work_with_him_never_see_the_refuge_s_name(client_for, worker_with_him, plan_without_support, refuge):
    plan, wrong = plan_without_support
    page = pages(client_for(worker_with_him), plan, wrong)
    assert refuge.name not in page
    # The finding about the action they may see is still there, with the fix that gives the work to him.
    assert "Action 2 gives Rachel work that is Darren’s to do" in page


def test_they_are_told_only_the_plan_wide_findings_about_him(client_for, worker_with_him, plan, rachel, refuge):
    add_action(plan, worker_with_him, owner_person=rachel, what="Rachel to ensure Darren attends every session")
    page = client_for(worker_with_him).get(reverse("plans:plan", args=[plan.case_id, plan.pk])).content.decode()
    assert "Nothing in the plan asks Darren to change" in page
    assert "The plan has no support for Rachel" not in page
    assert "The plan has no support for Mia" not in page
    assert "No outcome is written for Mia" not in page
    assert refuge.name not in page
