"""Reviews recorded out of order: a review entered late, held before one already recorded, is kept but never moves
the plan's next review date backwards (or ends a plan a later review continued); the newest review moves the date
and leaves a version of the plan saying so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.plans import services
from childsafe.plans.models import PlanVersion, Review
from childsafe.plans.tests.conftest import date_parts


def review(plan, by, held_on: dt.date, next_review_on: dt.date | None, decision: str = "continue") -> Review:
    return services.record_review(
        plan,
        by,
        {
            "held_on": held_on,
            "others_attended": "",
            "engagement": "partly",
            "engagement_notes": "",
            "safety_change": "no_change",
            "safety_notes": "",
            "decision": decision,
            "next_review_on": next_review_on,
        },
        child_views={},
    )


@pytest.fixture
def active(accountable_plan, allocated_worker):
    services.activate_plan(accountable_plan, allocated_worker)
    return accountable_plan


def test_the_newest_review_sets_the_next_review_and_makes_a_version(active, allocated_worker):
    before = active.version
    review(active, allocated_worker, dt.date(2026, 11, 20), dt.date(2027, 2, 20))
    active.refresh_from_db()
    assert active.next_review_on == dt.date(2027, 2, 20)
    assert active.version == before + 1
    newest = PlanVersion.objects.get(plan=active, number=active.version)
    assert newest.summary == "Reviewed on 20 November 2026: next review due by 20 February 2027"


def test_a_review_entered_late_is_kept_but_never_moves_the_next_review_back(active, allocated_worker):
    review(active, allocated_worker, dt.date(2026, 11, 20), dt.date(2027, 2, 20))
    active.refresh_from_db()
    version = active.version
    late = review(active, allocated_worker, dt.date(2026, 10, 20), dt.date(2027, 1, 20))
    active.refresh_from_db()
    assert active.next_review_on == dt.date(2027, 2, 20)
    assert active.version == version  # nothing about the plan changed
    assert Review.objects.filter(pk=late.pk, held_on=dt.date(2026, 10, 20)).exists()


def test_a_second_review_the_same_day_moves_the_date(active, allocated_worker):
    review(active, allocated_worker, dt.date(2026, 11, 20), dt.date(2027, 2, 20))
    review(active, allocated_worker, dt.date(2026, 11, 20), dt.date(2026, 12, 20))
    active.refresh_from_db()
    assert active.next_review_on == dt.date(2026, 12, 20)


def test_a_review_entered_late_cannot_end_a_plan_a_later_review_continued(active, allocated_worker):
    review(active, allocated_worker, dt.date(2026, 11, 20), dt.date(2027, 2, 20))
    with pytest.raises(services.PlanNotChangeable, match="A later review, held on 20 November 2026"):
        review(active, allocated_worker, dt.date(2026, 10, 20), None, decision="end")
    active.refresh_from_db()
    assert active.status == "active" and active.next_review_on == dt.date(2027, 2, 20)
    assert Review.objects.filter(plan=active).count() == 1


def review_post(held_on: dt.date, next_review_on: dt.date | None, decision: str = "continue") -> dict[str, str]:
    return {
        **date_parts("held_on", held_on),
        "engagement": "partly",
        "safety_change": "no_change",
        "decision": decision,
        **date_parts("next_review_on", next_review_on),
    }


def test_the_worker_is_told_the_next_review_did_not_move(client_for, allocated_worker, active, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 1, 12, 0))
    client = client_for(allocated_worker)
    add = reverse("plans:add_review", args=[active.case_id, active.pk])
    client.post(add, review_post(dt.date(2026, 11, 20), dt.date(2027, 2, 20)))
    response = client.post(add, review_post(dt.date(2026, 10, 20), dt.date(2027, 1, 20)), follow=True)
    page = response.content.decode()
    assert "A later review has already been recorded, so the next review is still due on 20 February 2027." in page
    refused = client.post(add, review_post(dt.date(2026, 10, 21), None, decision="end"))
    assert refused.status_code == 200
    assert "A later review, held on 20 November 2026, has already been recorded." in refused.content.decode()
    assert Review.objects.filter(plan=active).count() == 2
