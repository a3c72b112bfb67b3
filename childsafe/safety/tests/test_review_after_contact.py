"""Safety plans are reviewed at each contact: once a follow-up with the non-abusing parent (or her support worker)
is recorded, the contact page offers to review her plan and the children's, and My work lists any plan in safety
work not reviewed since, overdue after the working days in `data/rules.yaml`."""

from __future__ import annotations

import datetime as dt
import html

from django.urls import reverse
from django.utils import timezone

from childsafe.cases import services as case_services
from childsafe.safety import rules
from childsafe.safety.models import ContactFollowUp, SafetyPlan
from childsafe.safety.queries import plans_to_review
from childsafe.safety.tests.conftest import date_parts, make_contact, make_plan


def made_days_ago(plan: SafetyPlan, days: int) -> SafetyPlan:
    SafetyPlan.objects.filter(pk=plan.pk).update(made_on=timezone.localdate() - dt.timedelta(days=days))
    plan.refresh_from_db()
    return plan


def follow_up_post(**overrides) -> dict[str, str]:
    return {
        **date_parts("followed_up_on", timezone.localdate()),
        "spoke_with": "her",
        "safety_changed": "no",
        "retaliation": "no",
        **overrides,
    }


def review_post() -> dict[str, str]:
    return {
        "reviewed_with": "Rachel",
        "how": "phone",
        "outcome": "still_right",
        **date_parts("reviewed_on", timezone.localdate()),
    }


def review_url(plan: SafetyPlan) -> str:
    return reverse("safety:review_plan", args=[plan.case_id, plan.pk])


def test_recording_the_follow_up_offers_to_review_her_plan_and_the_childrens(
    client_for, allocated_worker, a_case, darren, rachel, mia, leo
):
    hers = made_days_ago(make_plan(a_case, rachel, allocated_worker), 10)
    mias = made_days_ago(make_plan(a_case, mia, allocated_worker), 10)
    leos = make_plan(a_case, leo, allocated_worker)  # made today: already right at this contact
    contact = make_contact(a_case, darren, allocated_worker, status="happened")
    client = client_for(allocated_worker)
    response = client.post(reverse("safety:follow_up", args=[a_case.pk, contact.pk]), follow_up_post(), follow=True)
    page = html.unescape(response.content.decode())
    assert "Follow-up recorded" in page
    assert f'href="{review_url(hers)}">Review her safety plan now</a>' in page
    assert f'href="{review_url(mias)}">Review Mia’s safety plan now</a>' in page
    assert review_url(leos) not in page
    assert page.index("Review her safety plan now") < page.index("Review Mia’s safety plan now")

    # Reviewed with her: her link goes, Mia's stays until Mia's plan is reviewed too.
    assert client.post(review_url(hers), review_post()).status_code == 302
    page = html.unescape(client.get(reverse("safety:contact", args=[a_case.pk, contact.pk])).content.decode())
    assert "Review her safety plan now" not in page
    assert "Review Mia’s safety plan now" in page


def test_no_offer_before_the_follow_up_or_on_a_closed_case(client_for, allocated_worker, a_case, darren, rachel):
    made_days_ago(make_plan(a_case, rachel, allocated_worker), 10)
    client = client_for(allocated_worker)
    waiting = make_contact(a_case, darren, allocated_worker, status="happened")
    page = client.get(reverse("safety:contact", args=[a_case.pk, waiting.pk])).content.decode()
    assert "data-review-after-contact" not in page
    done = make_contact(a_case, darren, allocated_worker, status="followed_up")
    case_services.close_case(a_case, outcome="safer", note="Case closed", by=allocated_worker)
    page = client.get(reverse("safety:contact", args=[a_case.pk, done.pk])).content.decode()
    assert "data-review-after-contact" not in page


def test_my_work_lists_a_plan_in_safety_work_older_than_the_last_contact(
    client_for, allocated_worker, a_case, darren, rachel, mia, leo
):
    hers = made_days_ago(make_plan(a_case, rachel, allocated_worker), 10)
    made_days_ago(make_plan(a_case, mia, allocated_worker, phase="recovery_work"), 10)  # not reviewed at each contact
    make_plan(a_case, leo, allocated_worker)  # made on the day of the contact
    assert plans_to_review(allocated_worker) == []  # no contact with her yet
    make_contact(a_case, darren, allocated_worker, status="followed_up")
    today = timezone.localdate()
    (item,) = plans_to_review(allocated_worker)
    assert item.plan_id == hers.pk
    assert item.text == (
        f"Review Rachel’s safety plan: not reviewed since the follow-up with her on {today.day} {today:%B %Y}"
    )
    assert item.due == rules.review_after_contact_due(today) and not item.is_overdue
    assert plans_to_review(allocated_worker, today=item.due).pop().is_overdue is False
    assert plans_to_review(allocated_worker, today=item.due + dt.timedelta(days=1)).pop().is_overdue

    page = client_for(allocated_worker).get(reverse("work:today")).content.decode()
    assert "Safety plan review" in page
    assert f'href="{review_url(hers)}"' in page


def test_due_two_working_days_after_the_contact():
    assert rules.thresholds().plan_review_after_contact_working_days == 2
    assert rules.review_after_contact_due(dt.date(2026, 11, 27)) == dt.date(2026, 12, 1)  # Friday → Tuesday


def test_reviewing_the_plan_takes_it_off_my_work(client_for, allocated_worker, a_case, darren, rachel):
    hers = made_days_ago(make_plan(a_case, rachel, allocated_worker), 10)
    contact = make_contact(a_case, darren, allocated_worker, status="followed_up")
    # The follow-up was a week ago: more than two working days.
    ContactFollowUp.objects.filter(contact=contact).update(followed_up_on=timezone.localdate() - dt.timedelta(days=7))
    client = client_for(allocated_worker)
    page = html.unescape(client.get(reverse("work:today")).content.decode())
    overdue = page[page.index(">Overdue<") : page.index(">Due soon<")]
    assert "Review Rachel’s safety plan: not reviewed since the follow-up with her on" in overdue
    assert client.post(review_url(hers), review_post()).status_code == 302
    assert "Safety plan review" not in client.get(reverse("work:today")).content.decode()


def test_only_the_allocated_worker_and_never_the_programme(
    allocated_worker, colleague, programme_worker, programme_case, darren, rachel
):
    made_days_ago(make_plan(programme_case, rachel, allocated_worker), 10)
    make_contact(programme_case, darren, allocated_worker, status="followed_up")
    assert plans_to_review(colleague) == []
    assert len(plans_to_review(allocated_worker)) == 1
    programme_case.allocated_worker = programme_worker
    programme_case.save()
    assert plans_to_review(programme_worker) == []


def test_one_query_whatever_the_number_of_plans(
    django_assert_num_queries, allocated_worker, a_case, darren, rachel, mia, leo
):
    for person in (rachel, mia, leo):
        made_days_ago(make_plan(a_case, person, allocated_worker), 10)
    make_contact(a_case, darren, allocated_worker, status="followed_up")
    allocated_worker.refresh_from_db()
    allocated_worker.organisation  # noqa: B018 - loaded once per request, before any list
    with django_assert_num_queries(1):
        assert len(plans_to_review(allocated_worker)) == 3
