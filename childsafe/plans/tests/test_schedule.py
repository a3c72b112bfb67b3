"""The review schedule: its data, month arithmetic, and when a review is due or overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from childsafe.plans import schedule

TODAY = dt.date(2026, 5, 20)


def test_the_schedule_data_is_valid_and_names_its_source():
    data = schedule.schedule()
    protection = data.for_kind("child_protection")
    assert (protection.first_review_within_months, protection.then_every_months) == (3, 6)
    assert "Working Together" in protection.source
    assert data.for_kind("child_in_need").then_every_months == 3
    assert "Assumption" in data.for_kind("child_in_need").source
    assert data.due_soon_days == 14


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_the_month(start, months, expected):
    assert schedule.add_months(start, months) == expected


def test_first_review_follows_the_kind_of_plan():
    assert schedule.first_review_for("child_protection", dt.date(2026, 10, 1)) == dt.date(2027, 1, 1)


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (TODAY - dt.timedelta(days=1), schedule.OVERDUE),
        (TODAY, schedule.DUE_SOON),
        (TODAY + dt.timedelta(days=14), schedule.DUE_SOON),
        (TODAY + dt.timedelta(days=15), schedule.LATER),
        (None, None),
    ],
)
def test_review_state_boundaries(due, state):
    assert schedule.review_state(due, TODAY) == state


def test_days_overdue():
    assert schedule.days_overdue(TODAY - dt.timedelta(days=1), TODAY) == 1
    assert schedule.days_overdue(TODAY, TODAY) == 0
