"""Every field of every safety model has a sensitivity class, and the classes say what the brief requires."""

from __future__ import annotations

from django.apps import apps

from childsafe.disclosure.classes import Sensitivity
from childsafe.safety.sensitivity import FIELD_CLASSES


def test_every_field_of_every_model_is_classified_and_nothing_else():
    fields = {
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("safety").get_models()
        for field in model._meta.concrete_fields
    }
    assert sorted(fields - FIELD_CLASSES.keys()) == []
    assert sorted(FIELD_CLASSES.keys() - fields) == []


def test_safety_plan_content_is_safety_plan_or_location():
    content = [
        "safe_place",
        "safe_place_route",
        "trusted_person",
        "trusted_person_contact",
        "help_methods",
        "summon_help",
        "childs_understanding",
        "other_steps",
    ]
    classes = {FIELD_CLASSES[f"SafetyPlanRevision.{name}"] for name in content}
    assert classes == {Sensitivity.SAFETY_PLAN, Sensitivity.LOCATION}
    assert FIELD_CLASSES["SafetyPlanRevision.safe_place"] == Sensitivity.LOCATION


def test_flags_and_checks_are_professional_and_her_perspective_is_disclosure():
    flag_fields = [
        key
        for key in FIELD_CLASSES
        if key.startswith("WorkerSafetyFlag.") and key.split(".")[1] not in {"id", "case", "created_at"}
    ]
    assert {FIELD_CLASSES[key] for key in flag_fields} == {Sensitivity.PROFESSIONAL}
    for name in [
        "risk_to_her",
        "risk_to_children",
        "must_not_disclose",
        "must_not_disclose_other",
        "worker_arrangements",
        "manager_advice",
    ]:
        assert FIELD_CLASSES[f"ContactSafetyCheck.{name}"] == Sensitivity.PROFESSIONAL, name
    assert FIELD_CLASSES["ContactSafetyCheck.her_view_on_safety"] == Sensitivity.DISCLOSURE
    assert FIELD_CLASSES["ContactSafetyCheck.her_view_on_risk"] == Sensitivity.DISCLOSURE
