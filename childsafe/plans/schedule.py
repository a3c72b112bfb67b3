"""When plans are reviewed: the default schedule per kind of plan (data/review_schedule.yaml), month arithmetic, and
whether a review is due soon or overdue. Plain functions; no database.

A review due today is "due", not overdue; it is overdue from the day after its date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import yaml

DATA = Path(__file__).resolve().parent / "data"

OVERDUE = "overdue"
DUE_SOON = "due"
LATER = "later"


@dataclass(frozen=True)
class KindSchedule:
    first_review_within_months: int
    then_every_months: int
    source: str


@dataclass(frozen=True)
class Schedule:
    version: int
    due_soon_days: int
    kinds: dict[str, KindSchedule]

    def for_kind(self, kind: str) -> KindSchedule:
        return self.kinds[kind]


@cache
def schedule() -> Schedule:
    """The review schedule from data/review_schedule.yaml, validated against its schema; read once."""
    data = yaml.safe_load((DATA / "review_schedule.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((DATA / "review_schedule.schema.json").read_text(encoding="utf-8")))
    return Schedule(
        version=data["version"],
        due_soon_days=data["due_soon_days"],
        kinds={kind: KindSchedule(**values) for kind, values in data["kinds"].items()},
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when that day does not exist (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_review_for(kind: str, start: dt.date) -> dt.date:
    return add_months(start, schedule().for_kind(kind).first_review_within_months)


def interval_for(kind: str) -> int:
    return schedule().for_kind(kind).then_every_months


def review_state(next_review_on: dt.date | None, today: dt.date, due_soon_days: int | None = None) -> str | None:
    """ "overdue" after the date, "due" from today to `due_soon_days` ahead, "later" beyond; None with no date."""
    if next_review_on is None:
        return None
    window = schedule().due_soon_days if due_soon_days is None else due_soon_days
    if next_review_on < today:
        return OVERDUE
    if next_review_on <= today + dt.timedelta(days=window):
        return DUE_SOON
    return LATER


def days_overdue(next_review_on: dt.date, today: dt.date) -> int:
    return max(0, (today - next_review_on).days)
