"""A behaviour-change programme sees what the plan asks of the parent using abuse and how he is doing, never the
support arranged for the victim-survivor and the children, their outcomes, what they said, or old versions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.conftest import PASSWORD
from childsafe.plans import services

SUPPORT_TEXT = "Northbrook Domestic Abuse Service to meet Rachel every fortnight"


@pytest.fixture
def programme_worker(a_case, allocated_worker) -> User:
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    case_services.share_case(a_case, programme, by=allocated_worker)
    return User.objects.create_user(
        "rhys@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme, role="practitioner"
    )


@pytest.fixture
def reviewed(accountable_plan, allocated_worker, mia):
    services.activate_plan(accountable_plan, allocated_worker)
    services.save_outcome(
        accountable_plan,
        allocated_worker,
        {"child": mia, "text": "Mia is free from fear", "share_with_parent_using_abuse": True},
    )
    return services.record_review(
        accountable_plan,
        allocated_worker,
        {
            "held_on": dt.date(2026, 10, 20),
            "others_attended": "",
            "engagement": "partly",
            "engagement_notes": "Rachel reports he shouted at the door",
            "safety_change": "less_safe",
            "safety_notes": "CANARY-SAFETY",
            "decision": "continue",
            "next_review_on": dt.date(2027, 1, 20),
        },
        child_views={mia: "CANARY-MIA-SAID"},
    )


def test_the_programme_sees_his_actions_and_shareable_outcomes_only(
    client_for, programme_worker, allocated_worker, accountable_plan, reviewed
):
    plan_url = reverse("plans:plan", args=[accountable_plan.case_id, accountable_plan.pk])
    page = client_for(programme_worker).get(plan_url).content.decode()
    assert "Darren to attend every weekly session of the behaviour-change programme" in page
    assert "Mia is free from fear" in page
    assert SUPPORT_TEXT not in page
    assert "one-to-one sessions with Mia" not in page
    assert "Mia feels safe at home" not in page  # an outcome not marked shareable
    assert "This plan also has 3 actions and 2 outcomes about support" in page
    assert "See every version" not in page
    # The allocated worker sees it all.
    full = client_for(allocated_worker).get(plan_url).content.decode()
    assert SUPPORT_TEXT in full and "Mia feels safe at home" in full


def test_the_programme_cannot_open_support_actions_versions_or_what_was_said(
    client_for, programme_worker, accountable_plan, reviewed
):
    client = client_for(programme_worker)
    support = accountable_plan.actions.get(for_whom="non_abusing_parent")
    his = accountable_plan.actions.get(for_whom="parent_using_abuse")
    args = [accountable_plan.case_id, accountable_plan.pk]
    for name in ("plans:action", "plans:edit_action", "plans:record_progress", "plans:remove_action"):
        assert client.get(reverse(name, args=[*args, support.pk])).status_code == 404, name
        assert client.get(reverse(name, args=[*args, his.pk])).status_code == 200, name
    assert client.get(reverse("plans:versions", args=args)).status_code == 404
    assert client.get(reverse("plans:version", args=[*args, 1])).status_code == 404
    review = client.get(reverse("plans:review", args=[*args, reviewed.pk])).content.decode()
    assert "Partly engaged" in review
    assert "CANARY" not in review and "Rachel reports" not in review
