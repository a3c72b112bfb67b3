"""Every field of the plan models has a sensitivity class, and the per-row rule keeps support for the victim and the
children, and anything that names a place, out of what the parent using abuse may receive."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps

from childsafe.cases import services as case_services
from childsafe.cases.models import Address, Person
from childsafe.disclosure import registry
from childsafe.disclosure.classes import Sensitivity
from childsafe.plans import sensitivity, services
from childsafe.plans.sensitivity import FIELD_CLASSES, action_class, case_places, field_class
from childsafe.plans.tests.conftest import add_action


def test_every_field_of_every_plans_model_is_classified_and_nothing_else():
    expected = {
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("plans").get_models()
        for field in registry.classified_fields(model)
    }
    assert set(FIELD_CLASSES) == expected
    assert registry.unclassified(["plans"]) == []


def test_row_classed_fields_default_to_professionals_only():
    for model, fields in sensitivity.ROW_CLASSED_FIELDS.items():
        for name in fields:
            assert FIELD_CLASSES[f"{model}.{name}"] == Sensitivity.PROFESSIONAL


@pytest.mark.parametrize(
    ("owner_role", "for_whom", "agency_kind", "text", "expected"),
    [
        ("parent_using_abuse", "parent_using_abuse", None, "Darren to attend the programme weekly", "accountability"),
        (None, "parent_using_abuse", "perpetrator_programme", "Programme to report attendance", "accountability"),
        ("parent_using_abuse", "whole_family", None, "Darren to pay child maintenance", "accountability"),
        ("parent_using_abuse", "parent_using_abuse", None, "Darren to stay away from the refuge", "location"),
        (None, "non_abusing_parent", "domestic_abuse_service", "Outreach worker to meet Rachel", "wellbeing"),
        (None, "non_abusing_parent", "refuge", "Key worker to help Rachel with benefits", "location"),
        (None, "child", "school", "Teacher to check in with Mia each morning", "location"),
        (None, "child", "domestic_abuse_service", "Worker to see Mia at her school", "location"),
        ("non_abusing_parent", "non_abusing_parent", None, "Rachel to attend the Freedom Programme", "wellbeing"),
        (None, "whole_family", "childrens_social_care", "Social worker to visit every four weeks", "wellbeing"),
        (None, "child", "domestic_abuse_service", "Worker to meet Mia at the clinic", "location"),
    ],
)
def test_the_row_rule(owner_role, for_whom, agency_kind, text, expected):
    result = action_class(owner_role=owner_role, for_whom=for_whom, owner_agency_kind=agency_kind, texts=[text])
    assert result == Sensitivity(expected)


def test_a_case_s_own_places_make_an_action_a_location(plan, allocated_worker, a_case, darren):
    address = Address(
        case=a_case, kind="refuge", line_1="14 Quiet Row", postcode="NB4 7QX", is_confidential_location=True
    )
    case_services.save_record(address, by=allocated_worker, request=None, changed=[], creating=True)
    mia = Person.objects.get(case=a_case, first_name="Mia")
    mia.school_or_setting = "Hollin Lane Primary"
    mia.save()
    places = case_places(a_case)
    assert set(places) == {"Hollin Lane Primary", "14 Quiet Row", "NB4 7QX"}
    near = add_action(plan, allocated_worker, owner_person=darren, what="Darren not to go near 14 quiet row")
    school = add_action(
        plan, allocated_worker, owner_person=darren, what="Darren not to wait outside Hollin Lane Primary"
    )
    plain = add_action(plan, allocated_worker, owner_person=darren)
    assert field_class(near, "what", places) == Sensitivity.LOCATION
    assert field_class(school, "what", places) == Sensitivity.LOCATION
    assert field_class(plain, "what", places) == Sensitivity.ACCOUNTABILITY
    assert field_class(plain, "for_child", places) == Sensitivity.IDENTITY


def test_outcomes_are_shared_with_the_parent_using_abuse_only_when_marked(plan, allocated_worker, mia):
    private = services.save_outcome(plan, allocated_worker, {"child": mia, "text": "Mia sleeps without nightmares"})
    shared = services.save_outcome(
        plan,
        allocated_worker,
        {"child": mia, "text": "Mia lives free from fear", "share_with_parent_using_abuse": True},
    )
    placed = services.save_outcome(
        plan,
        allocated_worker,
        {"child": mia, "text": "Mia settles at her new school", "share_with_parent_using_abuse": True},
    )
    assert field_class(private, "text") == Sensitivity.WELLBEING
    assert field_class(shared, "text") == Sensitivity.ACCOUNTABILITY
    assert field_class(placed, "text") == Sensitivity.LOCATION


def test_progress_follows_its_action_but_its_note_is_always_professional(plan, allocated_worker, darren, rachel):
    his = add_action(plan, allocated_worker, owner_person=darren)
    update = services.record_progress(
        plan,
        his,
        allocated_worker,
        recorded_on=dt.date(2026, 10, 9),
        status="done",
        note="Rachel says he came to the house",
    )
    assert field_class(update, "status") == Sensitivity.ACCOUNTABILITY
    assert field_class(update, "note") == Sensitivity.PROFESSIONAL
