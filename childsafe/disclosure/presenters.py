"""The only way documents read personal data: a record, shown to one reader, as the text of the fields the policy
allows and nothing else.

`Presenter(reader).show(record)` returns a `Shown`: the display text of each field the policy allows that has a
value. A field it may not show is absent: no blank, no "withheld" marker beside it, since a marker would itself
tell the reader something exists. When anything with a value was left out, `presenter.withheld` becomes true, so a
document can say generically that some information is not included.

The presenter works out the facts the policy needs about each record (`RecordFacts`): whose information it is,
whether it is a confidential location, which organisation it names. Facts for each model are given by the small
functions in `FACTS`; a model with none is about no one in particular, and so never passes a rule scoped to
people (deny by default).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from childsafe.accounts.models import Organisation, Team, User
from childsafe.cases.models import Case, Person
from childsafe.chronology.models import ChronologyEntry
from childsafe.disclosure.classes import Sensitivity
from childsafe.disclosure.facts import FACTS
from childsafe.disclosure.policy import Reader, RecordFacts, Subject, may_show
from childsafe.disclosure.registry import class_for, classified_fields, classifier_context, field_key
from childsafe.plans.models import Plan
from childsafe.services.models import Service

logger = logging.getLogger(__name__)

ROLE_SUBJECTS: dict[str, Subject] = {
    Person.RoleInCase.CHILD: Subject.CHILD,
    Person.RoleInCase.SIBLING_ELSEWHERE: Subject.SIBLING_ELSEWHERE,
    Person.RoleInCase.NON_ABUSING_PARENT: Subject.NON_ABUSING_PARENT,
    Person.RoleInCase.PARENT_USING_ABUSE: Subject.PARENT_USING_ABUSE,
    Person.RoleInCase.OTHER_ADULT: Subject.OTHER_ADULT,
}

# Foreign keys shown as a name rather than followed into the record they point to.
NAME_OF: dict[type[models.Model], Callable[[Any], str]] = {
    User: lambda user: user.full_name,
    Organisation: lambda organisation: organisation.name,
    Team: lambda team: team.name,
    Service: lambda service: service.name,
}

# Foreign keys never followed: the record they point to is the parent the document is already reading.
NOT_FOLLOWED: tuple[type[models.Model], ...] = (Case, ChronologyEntry, Plan)


def govuk_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: dt.datetime) -> str:
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = value.strftime("%I").lstrip("0") or "12"
    return f"{govuk_date(value)} at {hour}:{value:%M}{value:%p}".replace("AM", "am").replace("PM", "pm")


@dataclass(frozen=True)
class Shown:
    """One record as a reader may see it. `text` holds the display text of each shown field with a value;
    `values` the same fields' plain values (dates, booleans, choices' stored values) for a document to order or
    test them; `related` the shown records that foreign keys point to."""

    key: str
    pk: Any
    text: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Any] = field(default_factory=dict)
    related: Mapping[str, Shown] = field(default_factory=dict)
    classes: Mapping[str, Sensitivity | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        """True if the reader may see anything of this record beyond its case administration (ids, dates
        recorded, whose record it is)."""
        return bool(self.related) or any(sensitivity != Sensitivity.CASE_ADMIN for sensitivity in self.classes.values())

    def get(self, name: str, default: str = "") -> str:
        return self.text.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.text or name in self.related


def model_key(model: type[models.Model] | models.Model) -> str:
    return f"{model._meta.app_label}.{model._meta.object_name}"


def _has_value(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


class Presenter:
    """Shows records of one case to one reader. Keep one presenter per document: it remembers whether anything was
    left out, and reads the case's people and the context the classes need once."""

    def __init__(self, reader: Reader, case: Case | None = None) -> None:
        self.reader = reader
        self.case = case
        self.withheld = False
        self._shown: dict[tuple[str, Any], Shown] = {}
        self._people: list[Person] | None = None
        self._context: dict[str, Any] | None = None

    def people(self) -> list[Person]:
        """Everyone in the case (for records about "the whole family" or "the non-abusing parent")."""
        if self._people is None:
            self._people = list(Person.objects.filter(case=self.case)) if self.case is not None else []
        return self._people

    def context(self) -> dict[str, Any]:
        if self._context is None:
            self._context = classifier_context(self.case) if self.case is not None else {}
        return self._context

    def class_of(self, record: models.Model, name: str) -> Sensitivity | None:
        return class_for(record, name, self.context())

    def subject(self, person: Person) -> Subject:
        if self.reader.recipient_id is not None and person.pk == self.reader.recipient_id:
            return Subject.SELF
        return ROLE_SUBJECTS[person.role_in_case]

    def facts(self, record: models.Model) -> RecordFacts:
        function = FACTS.get(model_key(record))
        return function(self, record) if function else RecordFacts()

    def allows(self, record: models.Model, name: str, facts: RecordFacts | None = None) -> bool:
        """Whether one field of this record may be shown to this reader."""
        facts = self.facts(record) if facts is None else facts
        return may_show(self.reader, field_key(record, name), self.class_of(record, name), facts)

    def show(self, record: models.Model, *, follow: bool = True) -> Shown:
        """The record as this reader may see it (cached, so a record is judged once per document)."""
        cache_key = (model_key(record), record.pk)
        if follow and cache_key in self._shown:
            return self._shown[cache_key]
        facts = self.facts(record)
        text: dict[str, str] = {}
        values: dict[str, Any] = {}
        related: dict[str, Shown] = {}
        classes: dict[str, Sensitivity | None] = {}
        for model_field in classified_fields(type(record)):
            if model_field.primary_key or getattr(model_field, "many_to_many", False):
                continue
            name = model_field.name
            sensitivity = self.class_of(record, name)
            if sensitivity is None:
                # Caught by the registry test; in production, an unclassified field is simply never shown.
                logger.warning("Unclassified field %s left out of a document", field_key(record, name))
            if model_field.is_relation:
                self._show_relation(record, model_field, facts, sensitivity, text, related, follow)
                if name in text or name in related:
                    classes[name] = sensitivity
                continue
            value = getattr(record, model_field.attname)
            if not _has_value(value):
                continue
            if not may_show(self.reader, field_key(record, name), sensitivity, facts):
                self.withheld = True
                continue
            values[name] = value
            text[name] = self._display(record, model_field, value)
            classes[name] = sensitivity
        shown = Shown(key=model_key(record), pk=record.pk, text=text, values=values, related=related, classes=classes)
        if follow:
            self._shown[cache_key] = shown
        return shown

    def _show_relation(
        self,
        record: models.Model,
        model_field: models.Field,
        facts: RecordFacts,
        sensitivity: Sensitivity | None,
        text: dict[str, str],
        related: dict[str, Shown],
        follow: bool,
    ) -> None:
        target_model = model_field.related_model
        if target_model in NOT_FOLLOWED or getattr(record, model_field.attname) is None:
            return
        name = model_field.name
        if not may_show(self.reader, field_key(record, name), sensitivity, facts):
            self.withheld = True
            return
        target = getattr(record, name)
        if target_model is Person:
            person_name = self.name(target)
            if person_name:
                text[name] = person_name
            return
        if target_model in NAME_OF:
            text[name] = NAME_OF[target_model](target)
            return
        if follow:
            shown = self.show(target, follow=False)
            if shown:
                related[name] = shown
            else:
                self.withheld = True

    @staticmethod
    def _display(record: models.Model, model_field: models.Field, value: Any) -> str:
        if model_field.choices:
            return str(getattr(record, f"get_{model_field.name}_display")())
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dt.datetime):
            return govuk_datetime(value)
        if isinstance(value, dt.date):
            return govuk_date(value)
        if isinstance(value, list | tuple):
            return "; ".join(str(item) for item in value if _has_value(item))
        if isinstance(value, dict):
            return "; ".join(f"{key}: {item}" for key, item in value.items() if _has_value(item))
        return str(value)

    def name(self, person: Person) -> str:
        """The person's name as far as this reader may see it: "" if they may not see it at all."""
        shown = self.show(person)
        name = " ".join(part for part in (shown.get("first_name"), shown.get("last_name")) if part)
        known_as = shown.get("known_as")
        if name and known_as:
            return f"{name} (known as {known_as})"
        return name
