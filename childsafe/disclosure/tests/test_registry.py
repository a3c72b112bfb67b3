"""Every field of personal data has a class: a new field cannot be added to a domain app without one."""

from __future__ import annotations

from django.apps import apps

from childsafe.cases.models import Address, Person
from childsafe.chronology.models import ChronologyEntry
from childsafe.disclosure.classes import Sensitivity
from childsafe.disclosure.registry import (
    DOMAIN_APPS,
    apps_missing_sensitivity,
    apps_with_sensitivity,
    class_of,
    field_classes,
    stale,
    unclassified,
)


def checked_apps() -> list[str]:
    """Cases and chronology always; every other domain app as soon as it has a sensitivity.py."""
    return sorted({"cases", "chronology", *apps_with_sensitivity()})


def test_cases_and_chronology_declare_their_classes():
    assert {"cases", "chronology"} <= set(apps_with_sensitivity())


def test_every_concrete_field_of_every_model_in_the_domain_apps_has_a_class():
    assert unclassified(checked_apps()) == []


def test_no_class_is_declared_for_a_field_that_does_not_exist():
    assert stale(checked_apps()) == []


def test_every_declared_class_is_a_sensitivity():
    assert all(isinstance(value, Sensitivity) for value in field_classes().values())


def test_the_classes_of_the_fields_that_find_people():
    assert class_of(Address, "line_1") == Sensitivity.LOCATION
    assert class_of(Address, "kind") == Sensitivity.LOCATION
    assert class_of(Person, "school_or_setting") == Sensitivity.LOCATION
    assert class_of(Person, "known_as") == Sensitivity.LOCATION
    assert class_of(Person, "childs_own_words") == Sensitivity.DISCLOSURE
    assert class_of(ChronologyEntry, "description") == Sensitivity.DISCLOSURE
    assert class_of(ChronologyEntry, "reported_by") == Sensitivity.DISCLOSURE
    assert class_of(ChronologyEntry, "behaviour") == Sensitivity.BEHAVIOUR


def test_a_field_nobody_classified_has_no_class():
    assert class_of(Person, "no_such_field") is None


def test_apps_without_a_sensitivity_file_are_the_ones_reported_missing():
    missing = apps_missing_sensitivity()
    for label in missing:
        assert label in DOMAIN_APPS and label not in apps_with_sensitivity()
        assert list(apps.get_app_config(label).get_models())
