"""The sensitivity class of every field of personal data, collected from each domain app's `sensitivity.py`.

Each app declares `FIELD_CLASSES = {"ModelName.field_name": Sensitivity.X, ...}` for every concrete field of
every model it owns, ids, foreign keys and timestamps included. `class_of(model, field)` answers from that table;
a field with no class has none (None), and the policy never shows a field with no class. The tests check that
every concrete field of every model in `DOMAIN_APPS` is classified, so a new field cannot slip out unclassified, and
that every childsafe app with models is either in `DOMAIN_APPS` (with a sensitivity.py) or in `APPS_WITHOUT_CASE_DATA`
with the reason, so a new app cannot either.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Field, Model

from childsafe.disclosure.classes import Sensitivity

logger = logging.getLogger(__name__)

# The apps that store personal data about the people in a case, by app label. Each must have a sensitivity.py.
DOMAIN_APPS: tuple[str, ...] = ("cases", "chronology", "assessments", "services", "plans", "safety")

# The project's other apps with models, and why they hold no personal data about the people in a case. Every
# childsafe app with models is in DOMAIN_APPS or here (`unaccounted_apps`), so a new app, or one whose sensitivity.py
# is lost, cannot fall out of the registry unnoticed.
APPS_WITHOUT_CASE_DATA: dict[str, str] = {
    "accounts": "The professionals who use childsafe, their organisations and teams, not the people in a case. A "
    "document names them only through a case's own foreign keys, whose class the case's app declares.",
    "audit": "Who did what to which record, and the names of the fields changed: never the values, so never what "
    "a record says about anyone.",
}

PROJECT_PACKAGE = "childsafe."

# Models whose fields' classes depend on the record as well as the field: the function in their app's
# sensitivity.py that gives the class for one record, (record, field name, **context) -> Sensitivity, and the
# context it needs. A referral to a refuge names a place; a referral to a behaviour-change programme is the parent
# using abuse's own accountability; a plan action is his, or support for her, or names a place; a chronology entry
# the victim-survivor or a child reported is their disclosure.
RECORD_CLASSIFIERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "services.Referral": ("field_class", ()),
    "chronology.ChronologyEntry": ("field_class", ()),
    "plans.Action": ("field_class", ("places",)),
    "plans.Outcome": ("field_class", ("places",)),
    "plans.ProgressUpdate": ("field_class", ("places",)),
}

# Where each piece of context comes from: (app label, function of its sensitivity.py taking the case).
# "places": the case's schools and confidential addresses, which a plan's words must not name to the wrong reader.
CONTEXT_PROVIDERS: dict[str, tuple[str, str]] = {"places": ("plans", "case_places")}

# Models in the domain apps that hold no personal data, so need no classes: the service directory describes local
# provision with the services' own contact details. A document names a service (through a referral, whose class
# decides whether it may) but never reads the directory entry itself. An app may add its own in its sensitivity.py
# as NOT_PERSONAL_DATA = {"ModelName", ...}.
NOT_PERSONAL_DATA: frozenset[str] = frozenset({"services.Service"})


class RegistryError(Exception):
    """A sensitivity.py that names something that is not a field, or gives something that is not a class."""


def sensitivity_module_name(app_label: str) -> str:
    return f"{apps.get_app_config(app_label).name}.sensitivity"


@cache
def apps_with_sensitivity() -> list[str]:
    """The domain apps that have a `sensitivity.py`. Every one must (`apps_missing_sensitivity`, checked by the
    registry test); an app without one is left out here rather than breaking every document."""
    found = []
    for label in DOMAIN_APPS:
        name = sensitivity_module_name(label)
        if importlib.util.find_spec(name) is not None:
            found.append(label)
    return found


@cache
def field_classes() -> dict[str, Sensitivity]:
    """Every declared class, keyed "app_label.Model.field"."""
    table: dict[str, Sensitivity] = {}
    for label in apps_with_sensitivity():
        module = importlib.import_module(sensitivity_module_name(label))
        declared = getattr(module, "FIELD_CLASSES", None)
        if not isinstance(declared, dict):
            raise RegistryError(f"{module.__name__} has no FIELD_CLASSES dict")
        for key, sensitivity in declared.items():
            if not isinstance(sensitivity, Sensitivity):
                raise RegistryError(f"{module.__name__}: {key} is not given a Sensitivity")
            table[f"{label}.{key}"] = sensitivity
    return table


def field_key(model: type[Model] | Model, field: str) -> str:
    meta = model._meta
    return f"{meta.app_label}.{meta.object_name}.{field}"


def class_of(model: type[Model] | Model, field: str) -> Sensitivity | None:
    """The class of `model.field`, or None if it has none (and so is never shown)."""
    return field_classes().get(field_key(model, field))


def classifier_context(case: Any) -> dict[str, Any]:
    """The context record classifiers need about one case (computed once per document)."""
    context = {}
    for key, (label, function) in CONTEXT_PROVIDERS.items():
        if label in apps_with_sensitivity():
            context[key] = getattr(importlib.import_module(sensitivity_module_name(label)), function)(case)
    return context


def class_for(record: Model, field: str, context: Mapping[str, Any] | None = None) -> Sensitivity | None:
    """The class of one field of one record: the app's record classifier if it has one, else `class_of`.

    A classifier that needs context (`CONTEXT_PROVIDERS`) it is not given, or that fails, gives no class: the field
    is then never shown (fail closed)."""
    meta = record._meta
    classifier = RECORD_CLASSIFIERS.get(f"{meta.app_label}.{meta.object_name}")
    if classifier is None or meta.app_label not in apps_with_sensitivity():
        return class_of(record, field)
    name, needs = classifier
    function = getattr(importlib.import_module(sensitivity_module_name(meta.app_label)), name, None)
    context = context or {}
    if function is None or any(key not in context for key in needs):
        logger.warning(
            "No class for %s.%s.%s: its classifier or context is missing", meta.app_label, meta.object_name, field
        )
        return None
    try:
        return function(record, field, **{key: context[key] for key in needs})
    except (KeyError, AttributeError, ObjectDoesNotExist):
        logger.warning("No class for %s.%s.%s", meta.app_label, meta.object_name, field)
        return None


def classified_fields(model: type[Model]) -> Iterator[Field]:
    """The fields of a model that need a class: every concrete field and many-to-many field."""
    yield from model._meta.concrete_fields
    yield from model._meta.local_many_to_many


@cache
def not_personal_data() -> frozenset[str]:
    """Models ("app.Model") declared to hold no personal data, here or by their app."""
    declared = set(NOT_PERSONAL_DATA)
    for label in apps_with_sensitivity():
        module = importlib.import_module(sensitivity_module_name(label))
        declared |= {f"{label}.{name}" for name in getattr(module, "NOT_PERSONAL_DATA", ())}
    return frozenset(declared)


def unclassified(app_labels: list[str] | tuple[str, ...]) -> list[str]:
    """Fields of these apps' models with no class ("app.Model.field"); empty when every field is classified."""
    table = field_classes()
    missing = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            if f"{label}.{model._meta.object_name}" in not_personal_data():
                continue
            for field in classified_fields(model):
                key = field_key(model, field.name)
                if key not in table:
                    missing.append(key)
    return missing


def stale(app_labels: list[str] | tuple[str, ...]) -> list[str]:
    """Declared keys that name no field of a model of these apps (a field renamed or removed)."""
    existing = {
        field_key(model, field.name)
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
        for field in classified_fields(model)
    }
    return sorted(key for key in field_classes() if key.split(".")[0] in app_labels and key not in existing)


def apps_missing_sensitivity(app_labels: Iterable[str] | None = None) -> list[str]:
    """Domain apps (by default `DOMAIN_APPS`) with no sensitivity.py: none of their fields has a class, so no
    document can show them, and the registry test fails until the file is back."""
    labels = DOMAIN_APPS if app_labels is None else app_labels
    return [label for label in labels if importlib.util.find_spec(sensitivity_module_name(label)) is None]


def project_apps_with_models() -> list[str]:
    """The labels of the installed childsafe apps that have models."""
    return [
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith(PROJECT_PACKAGE) and any(True for _ in config.get_models())
    ]


def unaccounted_apps(
    domain_apps: Iterable[str] | None = None, without_case_data: Mapping[str, str] | None = None
) -> list[str]:
    """Childsafe apps with models that are neither domain apps nor declared to hold no data about a case's people."""
    accounted = set(DOMAIN_APPS if domain_apps is None else domain_apps)
    accounted |= set(APPS_WITHOUT_CASE_DATA if without_case_data is None else without_case_data)
    return [label for label in project_apps_with_models() if label not in accounted]
