"""Chronology test helpers: the household of `a_case` by name, entries made through the service, form data.

Entries are written through `services.add_entry`, the way the application writes them, so every test sees
the same audit entries a real request would leave.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from childsafe.accounts.models import User
from childsafe.cases.models import Case, Person
from childsafe.chronology import services
from childsafe.chronology.models import ChronologyEntry


@pytest.fixture
def darren(a_case) -> Person:
    return a_case.people.get(first_name="Darren")


@pytest.fixture
def rachel(a_case) -> Person:
    return a_case.people.get(first_name="Rachel")


@pytest.fixture
def mia(a_case) -> Person:
    return a_case.people.get(first_name="Mia")


@pytest.fixture
def leo(a_case) -> Person:
    return a_case.people.get(first_name="Leo")


def make_entry(
    case: Case,
    by: User,
    *,
    person: Person | None = None,
    impacts: dict[Person, str] | None = None,
    **fields: Any,
) -> ChronologyEntry:
    data: dict[str, Any] = {
        "behaviour": "coercive_control",
        "person_responsible": person or case.people.get(role_in_case="parent_using_abuse"),
        "description": "He checked her phone every evening and took her bank card.",
        "occurred_from": dt.date(2026, 3, 3),
        "occurred_to": None,
        "date_is_approximate": False,
        "reported_by": "victim_survivor",
        "source_document": "",
    }
    data.update(fields)
    return services.add_entry(case, by, data, impacts or {}, None)


def date_parts(prefix: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def entry_post(case: Case, **overrides: str) -> dict[str, str]:
    """A valid POST for the entry form; override any field by its HTML name."""
    darren = case.people.get(first_name="Darren")
    mia = case.people.get(first_name="Mia")
    leo = case.people.get(first_name="Leo")
    data = {
        "behaviour": "coercive_control",
        "person_responsible": str(darren.pk),
        "description": "He took her phone and bank card and would not let her leave the house.",
        **date_parts("occurred_from", dt.date(2026, 3, 3)),
        **date_parts("occurred_to", None),
        "reported_by": "victim_survivor",
        "source_document": "Police notification of 4 March 2026",
        f"impact_{mia.pk.hex}": "Mia heard the shouting and hid in her room.",
        f"impact_{leo.pk.hex}": "",
    }
    data.update(overrides)
    return data
