"""The safety app's rules as plain functions over data: age-banded prompts, when a plan's review is overdue,
working days for follow-ups, which worker safety flags rule out a home visit or need two workers.

The numbers and words live in `data/prompts.yaml` and `data/rules.yaml`, each checked against its JSON schema
when first read, so a bad edit fails loudly at start-up rather than silently changing practice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from django.core.exceptions import ImproperlyConfigured

DATA = Path(__file__).resolve().parent / "data"
SAFETY_WORK = "safety_work"


def _load(name: str) -> dict[str, Any]:
    with open(DATA / f"{name}.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    with open(DATA / f"{name}.schema.json", encoding="utf-8") as handle:
        schema = json.load(handle)
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise ImproperlyConfigured(f"childsafe/safety/data/{name}.yaml is not valid: {exc.message}") from exc
    return data


# --- Age-banded prompts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str
    min_age: int | None
    max_age: int | None
    guidance: str
    prompts: tuple[str, ...]


def _band(raw: dict[str, Any]) -> AgeBand:
    return AgeBand(
        key=raw["key"],
        label=raw["label"],
        min_age=raw.get("min_age"),
        max_age=raw.get("max_age"),
        guidance=raw["guidance"],
        prompts=tuple(raw["prompts"]),
    )


@cache
def age_bands() -> tuple[tuple[AgeBand, ...], AgeBand]:
    """The bands in age order, and the band for a child whose age is not known."""
    raw = _load("prompts")
    bands = tuple(sorted((_band(item) for item in raw["bands"]), key=lambda band: band.min_age or 0))
    expected = 0
    for band in bands:
        if band.min_age != expected or band.max_age is None or band.max_age < expected:
            raise ImproperlyConfigured(
                f"childsafe/safety/data/prompts.yaml: the band {band.key!r} should start at age {expected}"
            )
        expected = band.max_age + 1
    if expected != 18:
        raise ImproperlyConfigured("childsafe/safety/data/prompts.yaml: the bands must cover every age up to 17")
    return bands, _band(raw["unknown_age"])


def band_for_age(age: int | None) -> AgeBand:
    """The prompts for a child of this age; the "age not known" prompts for None or 18 and over."""
    bands, unknown = age_bands()
    if age is None:
        return unknown
    for band in bands:
        if band.min_age is not None and band.max_age is not None and band.min_age <= age <= band.max_age:
            return band
    return unknown


# --- Thresholds ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    safety_work_review_warning_days: int
    recovery_work_review_warning_days: int
    follow_up_working_days: int
    plan_review_after_contact_working_days: int
    flag_review_suggested_days: int
    flags_ruling_out_home_visits: frozenset[str]
    flags_requiring_two_workers: frozenset[str]
    bank_holidays: frozenset[dt.date]


@cache
def thresholds() -> Thresholds:
    raw = _load("rules")
    return Thresholds(
        safety_work_review_warning_days=raw["safety_work_review_warning_days"],
        recovery_work_review_warning_days=raw["recovery_work_review_warning_days"],
        follow_up_working_days=raw["follow_up_working_days"],
        plan_review_after_contact_working_days=raw["plan_review_after_contact_working_days"],
        flag_review_suggested_days=raw["flag_review_suggested_days"],
        flags_ruling_out_home_visits=frozenset(raw["flags_ruling_out_home_visits"]),
        flags_requiring_two_workers=frozenset(raw["flags_requiring_two_workers"]),
        bank_holidays=frozenset(dt.date.fromisoformat(day) for day in raw["bank_holidays"]),
    )


@dataclass(frozen=True)
class ReviewState:
    """How current a safety plan is: the last day it was checked, and whether that is too long ago."""

    checked_on: dt.date
    days_since: int
    warning_after_days: int

    @property
    def is_overdue(self) -> bool:
        return self.days_since > self.warning_after_days

    @property
    def due(self) -> dt.date:
        """The last day the plan counts as current: overdue from the day after."""
        return self.checked_on + dt.timedelta(days=self.warning_after_days)


def review_state(phase: str, checked_on: dt.date, today: dt.date) -> ReviewState:
    """A plan is overdue for review when more than the phase's number of days have passed since it was checked.

    On exactly the threshold day it is not yet overdue: "not reviewed for longer than 14 days".
    """
    limits = thresholds()
    limit = limits.safety_work_review_warning_days if phase == SAFETY_WORK else limits.recovery_work_review_warning_days
    return ReviewState(checked_on=checked_on, days_since=(today - checked_on).days, warning_after_days=limit)


def not_reviewed_since_contact(phase: str, checked_on: dt.date, last_contact_on: dt.date | None) -> bool:
    """A plan in safety work is reviewed at each contact with the non-abusing parent: is it older than the last one?

    A review (or the plan being made) on the day of the contact counts as reviewed at it. Recovery work is reviewed
    on its own longer schedule (`review_state`), not at every contact.
    """
    return phase == SAFETY_WORK and last_contact_on is not None and checked_on < last_contact_on


def review_after_contact_due(contact_on: dt.date) -> dt.date:
    return add_working_days(contact_on, thresholds().plan_review_after_contact_working_days)


def bank_holidays_known_until() -> dt.date | None:
    """The last day the bank holiday list covers: 31 December of the latest year it lists (None if it is empty).

    After that day every weekday counts as a working day, so follow-ups would fall due on a bank holiday.
    """
    holidays = thresholds().bank_holidays
    return dt.date(max(day.year for day in holidays), 12, 31) if holidays else None


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in thresholds().bank_holidays


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (a contact on Friday, 2 working days: Tuesday)."""
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def follow_up_due(outcome_on: dt.date) -> dt.date:
    return add_working_days(outcome_on, thresholds().follow_up_working_days)


def flags_ruling_out_home_visits(kinds: Iterable[str]) -> list[str]:
    ruling = thresholds().flags_ruling_out_home_visits
    return [kind for kind in kinds if kind in ruling]


def needs_two_workers(kinds: Iterable[str]) -> bool:
    required = thresholds().flags_requiring_two_workers
    return any(kind in required for kind in kinds)
