"""The leak tests can only catch a leak of a field that holds a canary: every free-text field of personal data must
hold one in the generated households, so a field added later without a canary fails here rather than going
unchecked.

"Needs a canary": a field whose sensitivity class (the registry, from each app's `sensitivity.py`) is anything above
case administration and whose value is free text (a text field without fixed choices, or JSON). Choices, dates,
numbers, booleans and links to other records cannot hold a unique value: their words are fixed, or they show a name
that is planted in the record they point to. The household built from `EVERY_BRANCH` takes every branch of the
generator, so one build plants everything the generator knows.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from childsafe.disclosure.classes import Sensitivity
from childsafe.disclosure.registry import field_classes
from childsafe.documents.tests import households as h

FREE_TEXT = (models.CharField, models.TextField, models.JSONField)

# Fields needing a canary that the generator leaves empty, and why. Keep this short: a leak of one of these is
# caught by no test.
NOT_PLANTED: dict[str, str] = {}

# Planted fields of models that are not personal data (so have no class): an organisation's or a service's name is
# planted because whether it may be named depends on the reader.
PLANTED_WITHOUT_A_CLASS = frozenset({"accounts.Organisation.name", "services.Service.name"})


def fields_needing_a_canary() -> set[str]:
    """Every classified free-text field above case administration, as "app.Model.field"."""
    needed = set()
    for key, sensitivity in field_classes().items():
        if sensitivity == Sensitivity.CASE_ADMIN:
            continue
        label, model, name = key.split(".")
        field = apps.get_model(label, model)._meta.get_field(name)
        if isinstance(field, FREE_TEXT) and not field.choices:
            needed.add(key)
    return needed


@pytest.fixture
def planted(allocated_worker, team) -> set[str]:
    household = h.build_household(allocated_worker, team, h.EVERY_BRANCH)
    return {canary.where for canary in household.planted}


def test_every_free_text_field_of_personal_data_holds_a_canary(planted):
    assert fields_needing_a_canary() - planted - NOT_PLANTED.keys() == set()


def test_every_exemption_names_a_field_that_needs_a_canary_and_has_none(planted):
    assert set(NOT_PLANTED) <= fields_needing_a_canary() - planted


def test_every_canary_is_in_a_field_that_exists(planted):
    assert planted - set(field_classes()) <= PLANTED_WITHOUT_A_CLASS


def test_the_fields_needing_a_canary_are_the_free_text_of_personal_data():
    needed = fields_needing_a_canary()
    # Free text, of every class above case administration.
    assert {
        "cases.Person.needs",
        "cases.Address.postcode",
        "safety.ContactSafetyCheck.must_not_disclose_other",
        "safety.ContactSafetyCheck.her_view_on_safety",
        "safety.PlannedContact.purpose",
        "services.ProgrammeSession.note",
        "assessments.Assessment.answers",
    } <= needed
    # Not fixed choices, not case administration, not dates or links.
    assert not needed & {
        "chronology.ChronologyEntry.reported_by",
        "cases.Case.reference",
        "safety.WorkerSafetyFlag.review_by",
        "chronology.ChronologyEntry.person_responsible",
    }
