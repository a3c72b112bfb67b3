"""Worker safety flags: raised with who and when, shown wherever a visit is planned, lifted only with a reason
by someone allowed to."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from childsafe.audit.models import AuditEntry
from childsafe.safety import services
from childsafe.safety.models import WorkerSafetyFlag
from childsafe.safety.queries import active_flags_for_case
from childsafe.safety.tests.conftest import date_parts, flag, make_contact, make_plan


def flag_post(who, **overrides) -> dict[str, str]:
    data = {
        "person": str(who.pk),
        "kind": "do_not_visit_alone",
        "details": "He blocked the door during the last home visit",
        **date_parts("review_by", timezone.localdate() + dt.timedelta(days=30)),
    }
    data.update(overrides)
    return data


def test_raise_a_flag(client_for, allocated_worker, a_case, darren):
    client = client_for(allocated_worker)
    add = reverse("safety:add_flag", args=[a_case.pk])
    page = client.get(add).content.decode()
    assert "Darren Cole (parent or carer using abusive behaviours)" in page
    response = client.post(add, flag_post(darren, manager_must_agree="true"))
    assert response.status_code == 302
    raised = WorkerSafetyFlag.objects.get()
    assert (raised.person, raised.raised_by, raised.raised_on) == (darren, allocated_worker, timezone.localdate())
    assert raised.manager_must_agree and raised.is_active
    assert AuditEntry.objects.filter(action="create", object_type="worker_safety_flag").exists()
    safety = client.get(response["Location"]).content.decode()
    assert "Worker safety: Darren Cole: do not visit alone." in safety
    assert "A manager must agree before anyone meets or visits Darren." in safety
    assert "Raised by Aisha Worker on" in safety


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "other", "details": ""}, "Describe the risk to workers"),
        (date_parts("review_by", dt.date(2020, 1, 1)), "The review date must be today or in the future"),
        ({"details": "d" * 1001}, "Details must be 1000 characters or fewer"),
        ({"kind": "wolf"}, "Select the kind of flag"),
        ({"person": "nobody"}, "Select who the flag is about"),
    ],
)
def test_bad_flag_input(client_for, allocated_worker, a_case, darren, overrides, message):
    response = client_for(allocated_worker).post(
        reverse("safety:add_flag", args=[a_case.pk]), flag_post(darren, **overrides)
    )
    assert message in html.unescape(response.content.decode())
    assert WorkerSafetyFlag.objects.count() == 0


def test_the_flag_shows_on_the_safety_page_and_the_contact_form(client_for, allocated_worker, a_case, darren):
    flag(a_case, darren, allocated_worker, kind="dog", details="Large dog, not kept in another room")
    client = client_for(allocated_worker)
    for name in ["safety:case_safety", "safety:plan_contact"]:
        page = client.get(reverse(name, args=[a_case.pk])).content.decode()
        assert "Worker safety: Darren Cole: dog at the address." in page, name
        assert "Large dog, not kept in another room" in page, name


def test_the_flags_lead_the_review_and_follow_up_forms(client_for, allocated_worker, a_case, darren, mia):
    """A review is often a home visit, and so may the follow-up with her be: both forms lead with the flags."""
    flag(a_case, darren, allocated_worker, kind="dog", details="Large dog, not kept in another room")
    plan = make_plan(a_case, mia, allocated_worker)
    contact = make_contact(a_case, darren, allocated_worker, status="happened")
    client = client_for(allocated_worker)
    review = reverse("safety:review_plan", args=[a_case.pk, plan.pk])
    follow_up = reverse("safety:follow_up", args=[a_case.pk, contact.pk])
    bad_review = client.post(review, {"reviewed_with": "", "how": "home_visit"})
    for response in [client.get(review), client.get(follow_up), bad_review]:
        page = response.content.decode()
        assert response.status_code == 200
        assert "Worker safety: Darren Cole: dog at the address." in page
        # At the top: before anything the form asks.
        assert page.index("data-worker-safety-flags") < page.rindex('<form method="post"')
    services.lift_flag(WorkerSafetyFlag.objects.get(), reason="The dog has been rehomed", by=allocated_worker)
    assert "data-worker-safety-flags" not in client.get(review).content.decode()


def test_a_programme_worker_sees_and_raises_flags(client_for, programme_worker, programme_case, darren):
    client = client_for(programme_worker)
    response = client.post(reverse("safety:add_flag", args=[programme_case.pk]), flag_post(darren))
    assert response.status_code == 302
    page = client.get(reverse("safety:case_safety", args=[programme_case.pk])).content.decode()
    assert "Worker safety: Darren Cole: do not visit alone." in page


def test_lift_a_flag_with_a_reason(client_for, allocated_worker, a_case, darren):
    raised = flag(a_case, darren, allocated_worker)
    client = client_for(allocated_worker)
    lift = reverse("safety:lift_flag", args=[a_case.pk, raised.pk])
    assert "Say why the flag is being lifted" in client.post(lift, {"reason": ""}).content.decode()
    response = client.post(lift, {"reason": "He has moved abroad"})
    assert response.status_code == 302
    raised.refresh_from_db()
    assert (
        not raised.is_active and raised.lifted_by == allocated_worker and raised.lifted_reason == "He has moved abroad"
    )
    assert active_flags_for_case(a_case) == []
    page = client.get(reverse("safety:case_safety", args=[a_case.pk])).content.decode()
    assert "Flags that have been lifted (1)" in page and "He has moved abroad" in page
    assert client.get(lift).status_code == 403  # already lifted


@pytest.mark.parametrize(
    ("persona", "status"), [("colleague", 403), ("team_manager", 200), ("partner_practitioner", 403)]
)
def test_who_may_lift_a_flag(request, client_for, allocated_worker, a_case, darren, persona, status):
    raised = flag(a_case, darren, allocated_worker)
    client = client_for(request.getfixturevalue(persona))
    lift = reverse("safety:lift_flag", args=[a_case.pk, raised.pk])
    assert client.get(lift).status_code == status
    client.post(lift, {"reason": "No longer needed"})
    raised.refresh_from_db()
    assert raised.is_active is (status == 403)


def test_lifting_twice_is_refused(a_case, darren, allocated_worker):
    raised = flag(a_case, darren, allocated_worker)
    services.lift_flag(raised, reason="Moved away", by=allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="already been lifted"):
        services.lift_flag(raised, reason="Again", by=allocated_worker)


def test_active_flags_for_case_is_one_query(django_assert_num_queries, a_case, darren, rachel, allocated_worker):
    flag(a_case, darren, allocated_worker)
    flag(a_case, darren, allocated_worker, kind="dog")
    flag(a_case, rachel, allocated_worker, kind="interpreter")
    lifted = flag(a_case, darren, allocated_worker, kind="visit_in_pairs")
    services.lift_flag(lifted, reason="Reviewed", by=allocated_worker)
    with django_assert_num_queries(1):
        flags = active_flags_for_case(a_case)
        names = [(f.person.first_name, f.kind, f.raised_by.full_name) for f in flags]
    assert len(names) == 3 and ("Darren", "visit_in_pairs", "Aisha Worker") not in names
