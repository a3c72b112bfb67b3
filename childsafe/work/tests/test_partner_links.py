"""Every safety link My work shows to a partner opens: the follow-up after contact with the parent using abuse and
the safety plan reviews are listed only where the page they link to would let the worker in
(`safety.access.can_change_safety_plans`, the check the follow-up and review pages make).

A partner is allocated a case when an administrator moves its worker to the partner organisation (cases are
allocated within the lead organisation); until then the partner's own workers have nothing of the case's here."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Case
from childsafe.conftest import PASSWORD
from childsafe.safety.models import SafetyPlan
from childsafe.safety.queries import attention_for_worker, plans_to_review
from childsafe.safety.tests.conftest import make_contact, make_plan


def partner_allocated(a_case: Case, by: User, kind: str, role: str = "practitioner") -> User:
    """A worker of a partner organisation of this kind, the case shared with it and allocated to them."""
    organisation = Organisation.objects.create(name=f"Northbrook {kind}", kind=kind)
    worker = User.objects.create_user(
        f"{kind}@partner.example", PASSWORD, full_name="Sam Partner", organisation=organisation, role=role
    )
    case_services.share_case(a_case, organisation, by=by, reason="Working with the family")
    Case.objects.filter(pk=a_case.pk).update(allocated_worker=worker)
    return worker


def with_work_to_do(a_case: Case, by: User) -> None:
    """A follow-up to do after contact with the parent using abuse, and her plan long overdue a review."""
    make_contact(a_case, a_case.people.get(first_name="Darren"), by, status="happened")
    plan = make_plan(a_case, a_case.people.get(first_name="Rachel"), by)
    SafetyPlan.objects.filter(pk=plan.pk).update(made_on=timezone.localdate() - dt.timedelta(days=30))


def safety_links(page: str) -> list[str]:
    return [href for href in re.findall(r'href="([^"]+)"', html.unescape(page)) if "/safety/" in href]


@pytest.mark.parametrize(
    ("kind", "role"),
    [("school", "safeguarding_lead"), ("police", "practitioner"), ("health", "practitioner")],
)
def test_a_partner_that_acts_on_safety_plans_gets_the_links_and_each_opens(
    client_for, allocated_worker, a_case, kind, role
):
    with_work_to_do(a_case, allocated_worker)
    worker = partner_allocated(a_case, allocated_worker, kind, role)
    client = client_for(worker)
    links = safety_links(client.get(reverse("work:today")).content.decode())
    assert len(links) == 2  # the follow-up and her plan's review
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("kind", ["housing", "early_help", "other"])
def test_a_partner_that_may_not_open_the_pages_is_not_sent_to_them(client_for, allocated_worker, a_case, kind):
    with_work_to_do(a_case, allocated_worker)
    worker = partner_allocated(a_case, allocated_worker, kind)
    contact = a_case.planned_contacts.get()
    client = client_for(worker)
    # The follow-up page refuses this partner, so My work must not link to it.
    assert client.get(reverse("safety:follow_up", args=[a_case.pk, contact.pk])).status_code == 404
    assert attention_for_worker(worker) == []
    assert plans_to_review(worker) == []
    assert safety_links(client.get(reverse("work:today")).content.decode()) == []
