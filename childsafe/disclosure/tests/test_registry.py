"""Every field of personal data has a class: a new field cannot be added to a domain app without one, and a new app
with models cannot be added (nor a domain app lose its sensitivity.py) without the registry knowing."""

from __future__ import annotations

from childsafe.cases.models import Address, Person
from childsafe.chronology.models import ChronologyEntry
from childsafe.disclosure.classes import Sensitivity
from childsafe.disclosure.registry import (
    APPS_WITHOUT_CASE_DATA,
    DOMAIN_APPS,
    apps_missing_sensitivity,
    apps_with_sensitivity,
    class_of,
    field_classes,
    project_apps_with_models,
    stale,
    unaccounted_apps,
    unclassified,
)


def test_every_domain_app_declares_its_classes():
    assert apps_missing_sensitivity() == []
    assert apps_with_sensitivity() == list(DOMAIN_APPS)


def test_every_project_app_with_models_is_a_domain_app_or_says_why_it_holds_no_case_data():
    assert unaccounted_apps() == []


def test_an_app_is_either_a_domain_app_or_holds_no_case_data_never_both():
    assert not set(DOMAIN_APPS) & set(APPS_WITHOUT_CASE_DATA)
    assert all(reason.strip() for reason in APPS_WITHOUT_CASE_DATA.values())
    # Every app named is installed and has models: a stale name would hide nothing, but would mislead.
    assert set(DOMAIN_APPS) | set(APPS_WITHOUT_CASE_DATA) <= set(project_apps_with_models())


def test_a_new_app_with_models_is_reported_until_it_is_accounted_for():
    # As if the safety app had just been added and nobody had put it in either list.
    domain = [label for label in DOMAIN_APPS if label != "safety"]
    assert unaccounted_apps(domain, APPS_WITHOUT_CASE_DATA) == ["safety"]
    assert unaccounted_apps(domain, {**APPS_WITHOUT_CASE_DATA, "safety": "reason"}) == []


def test_an_app_without_a_sensitivity_file_is_reported():
    # accounts has models and no sensitivity.py: as a domain app, it would be reported.
    assert apps_missing_sensitivity(["cases", "accounts"]) == ["accounts"]


def test_every_concrete_field_of_every_model_in_the_domain_apps_has_a_class():
    # All of DOMAIN_APPS, not only those whose sensitivity.py was found: an app that lost its file fails here too.
    assert unclassified(DOMAIN_APPS) == []


def test_an_unclassified_field_is_reported():
    # The same check on an app that declares no classes reports every field of its models.
    assert "accounts.User.email" in unclassified(["accounts"])


def test_no_class_is_declared_for_a_field_that_does_not_exist():
    assert stale(DOMAIN_APPS) == []


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
