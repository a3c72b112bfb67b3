"""A plan in safety work not reviewed for more than 14 days (`data/rules.yaml`) is flagged in My work as well as on
the case pages, as an overdue "Safety plan review" linking to the review form; a plan also due a review after a
contact with her is listed once, with the more pressing reason."""

from __future__ import annotations

import datetime as dt
import html

from django.urls import reverse
from django.utils import timezone

from childsafe.cases import services as case_services
from childsafe.safety.models import ContactFollowUp, SafetyPlan
from childsafe.safety.queries import AFTER_CONTACT, NOT_REVIEWED_FOR_TOO_LONG, plans_to_review
from childsafe.safety.tests.conftest import make_contact, make_plan

TODAY = dt.date(2026, 11, 20)  # a Friday


def dated(plan: SafetyPlan, made_on: dt.date, last_reviewed_on: dt.date | None = None) -> SafetyPlan:
    SafetyPlan.objects.filter(pk=plan.pk).update(made_on=made_on, last_reviewed_on=last_reviewed_on)
    plan.refresh_from_db()
    return plan


def followed_up(case, parent_using_abuse, worker, on: dt.date) -> None:
    contact = make_contact(case, parent_using_abuse, worker, status="followed_up")
    ContactFollowUp.objects.filter(contact=contact).update(followed_up_on=on)


def review_url(plan: SafetyPlan) -> str:
    return reverse("safety:review_plan", args=[plan.case_id, plan.pk])


def my_work(client) -> tuple[str, str]:
    """The Overdue and Due soon sections of My work, as text."""
    page = html.unescape(client.get(reverse("work:today")).content.decode())
    return page[page.index(">Overdue<") : page.index(">Due soon<")], page[page.index(">Due soon<") :]


def test_more_than_14_days_without_a_review_is_overdue_in_my_work(client_for, allocated_worker, a_case, mia):
    plan = dated(make_plan(a_case, mia, allocated_worker), dt.date(2026, 10, 1), dt.date(2026, 11, 5))
    assert plans_to_review(allocated_worker, today=dt.date(2026, 11, 19)) == []  # day 14: not yet
    (item,) = plans_to_review(allocated_worker, today=dt.date(2026, 11, 20))
    assert item.reason == NOT_REVIEWED_FOR_TOO_LONG and item.is_overdue
    assert item.text == "Review Mia’s safety plan: last reviewed 5 November 2026, more than 14 days ago"
    assert item.url == review_url(plan)

    SafetyPlan.objects.filter(pk=plan.pk).update(last_reviewed_on=timezone.localdate() - dt.timedelta(days=20))
    overdue, due_soon = my_work(client_for(allocated_worker))
    assert "Safety plan review" in overdue and "Review Mia’s safety plan: last reviewed" in overdue
    assert f'href="{review_url(plan)}"' in overdue
    assert "Safety plan review" not in due_soon


def test_a_plan_never_reviewed_says_when_it_was_made(allocated_worker, a_case, rachel):
    dated(make_plan(a_case, rachel, allocated_worker), dt.date(2026, 11, 3))
    (item,) = plans_to_review(allocated_worker, today=TODAY)
    assert item.text == "Review Rachel’s safety plan: made 3 November 2026, more than 14 days ago"


def test_recovery_work_and_recent_reviews_are_not_listed(allocated_worker, a_case, mia, leo):
    dated(make_plan(a_case, mia, allocated_worker, phase="recovery_work"), dt.date(2026, 10, 20))  # 31 days
    dated(make_plan(a_case, leo, allocated_worker), dt.date(2026, 9, 1), dt.date(2026, 11, 10))
    assert plans_to_review(allocated_worker, today=TODAY) == []


def test_a_plan_due_for_both_reasons_is_listed_once_with_the_more_pressing(
    client_for, allocated_worker, a_case, darren, rachel
):
    plan = dated(make_plan(a_case, rachel, allocated_worker), dt.date(2026, 11, 1))  # overdue since 16 November
    followed_up(a_case, darren, allocated_worker, TODAY)  # due a review by 24 November: not yet overdue
    (item,) = plans_to_review(allocated_worker, today=TODAY)
    assert item.reason == NOT_REVIEWED_FOR_TOO_LONG and item.is_overdue and item.due == dt.date(2026, 11, 15)

    # Made on 3 November, followed up on 4 November: the review after contact was due on 6 November, eleven days
    # before the 14 days ran out on 17 November, so it has been waiting longest.
    dated(plan, dt.date(2026, 11, 3))
    ContactFollowUp.objects.filter(case_id=a_case.pk).update(followed_up_on=dt.date(2026, 11, 4))
    (item,) = plans_to_review(allocated_worker, today=TODAY)
    assert item.reason == AFTER_CONTACT and item.is_overdue and item.due == dt.date(2026, 11, 6)

    page = client_for(allocated_worker).get(reverse("work:today")).content.decode()
    assert page.count("Safety plan review") == 1
    assert page.count(review_url(plan)) == 1


def test_only_for_those_who_may_change_the_plan(allocated_worker, colleague, programme_worker, programme_case, rachel):
    dated(make_plan(programme_case, rachel, allocated_worker), dt.date(2026, 10, 1))
    assert len(plans_to_review(allocated_worker, today=TODAY)) == 1
    assert plans_to_review(colleague, today=TODAY) == []  # not their case

    # A behaviour-change programme never sees a safety plan, even allocated the case.
    programme_case.allocated_worker = programme_worker
    programme_case.save()
    assert plans_to_review(programme_worker, today=TODAY) == []

    # Closed, the plan cannot be reviewed, so it is not asked for.
    programme_case.allocated_worker = allocated_worker
    programme_case.save()
    case_services.close_case(programme_case, outcome="safer", note="Case closed", by=allocated_worker)
    assert plans_to_review(allocated_worker, today=TODAY) == []


def test_one_query_for_both_reasons_whatever_the_number_of_plans(
    django_assert_num_queries, allocated_worker, a_case, darren, rachel, mia, leo
):
    # All three were last checked before the follow-up on 18 November (their review after it is due today, not
    # yet overdue); Mia's and Leo's are also more than 14 days old, which is overdue and so more pressing.
    dated(make_plan(a_case, rachel, allocated_worker), dt.date(2026, 11, 10))
    dated(make_plan(a_case, mia, allocated_worker), dt.date(2026, 10, 1))
    dated(make_plan(a_case, leo, allocated_worker), dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    followed_up(a_case, darren, allocated_worker, dt.date(2026, 11, 18))
    allocated_worker.refresh_from_db()
    allocated_worker.organisation  # noqa: B018 - loaded once per request, before any list
    with django_assert_num_queries(1):
        items = plans_to_review(allocated_worker, today=TODAY)
    assert sorted((item.name, item.reason) for item in items) == [
        ("Leo", NOT_REVIEWED_FOR_TOO_LONG),
        ("Mia", NOT_REVIEWED_FOR_TOO_LONG),
        ("Rachel", AFTER_CONTACT),
    ]
