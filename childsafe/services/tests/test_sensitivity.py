"""Every field of this app's models has a sensitivity class, and a referral's class follows where it can place
someone."""

from __future__ import annotations

import pytest
from django.apps import apps

from childsafe.cases.models import Person
from childsafe.disclosure.classes import Sensitivity
from childsafe.services.models import Referral, Service
from childsafe.services.sensitivity import FIELD_CLASSES, field_class
from childsafe.services.tests.conftest import service


def test_every_field_of_every_model_of_personal_data_is_classified():
    expected = {
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("services").get_models()
        if model is not Service  # the directory describes services, not people
        for field in model._meta.concrete_fields
    }
    assert set(FIELD_CLASSES) == expected


def test_the_service_a_referral_is_to_is_a_location_by_default():
    assert FIELD_CLASSES["Referral.service"] == Sensitivity.LOCATION
    assert FIELD_CLASSES["Referral.reason"] == Sensitivity.PROFESSIONAL
    assert FIELD_CLASSES["ProgrammeSession.attended"] == Sensitivity.ACCOUNTABILITY


@pytest.mark.parametrize(
    ("type_key", "role", "field", "expected"),
    [
        ("refuge", "non_abusing_parent", "service", Sensitivity.LOCATION),
        ("refuge", "non_abusing_parent", "reason", Sensitivity.LOCATION),
        ("refuge", "child", "status_reason", Sensitivity.LOCATION),
        ("housing_options", "non_abusing_parent", "service", Sensitivity.LOCATION),
        ("school_based_support", "child", "service", Sensitivity.LOCATION),
        ("camhs", "child", "service", Sensitivity.CASE_ADMIN),
        ("camhs", "child", "reason", Sensitivity.PROFESSIONAL),
        ("behaviour_change_programme", "parent_using_abuse", "service", Sensitivity.ACCOUNTABILITY),
        ("behaviour_change_programme", "parent_using_abuse", "status", Sensitivity.ACCOUNTABILITY),
        ("community_outreach", "non_abusing_parent", "status", Sensitivity.CASE_ADMIN),
        ("no_longer_a_type", "child", "service", Sensitivity.LOCATION),  # unknown: deny by default
    ],
)
def test_a_referrals_class_depends_on_its_service_type(type_key, role, field, expected):
    referral = Referral(service=service(service_type=type_key), person=Person(role_in_case=role, first_name="A"))
    assert field_class(referral, field) == expected
