"""The chronology entry form and the filter over the list.

Every rule about what makes an entry acceptable lives here, in plain words the GOV.UK way, so the view only
asks `is_valid()` and hands the cleaned values to `services`. The person who chose a behaviour is always one
named adult in the case: never a child, never "both" or "the couple".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from childsafe.cases.models import Case, Person
from childsafe.chronology.models import Behaviour, ChronologyEntry, Reporter
from childsafe.lib.govuk_forms import GovukDateField

DESCRIPTION_MAX = 4000
SOURCE_MAX = 300
IMPACT_MAX = 2000
EARLIEST_YEAR = 1900

FUTURE_DATE = "The date must be today or in the past"
TOO_EARLY = f"The date must be in {EARLIEST_YEAR} or later"
DATES_REVERSED = "The end date must be the same as or after the start date"

Role = Person.RoleInCase
# Who most often chose a recorded behaviour comes first; nobody is preselected.
ADULT_ROLE_ORDER = {Role.PARENT_USING_ABUSE: 0, Role.OTHER_ADULT: 1, Role.NON_ABUSING_PARENT: 2}


def adults_in(people: Iterable[Person]) -> list[Person]:
    adults = [person for person in people if not person.is_child]
    return sorted(adults, key=lambda person: (ADULT_ROLE_ORDER.get(person.role_in_case, 9), person.display_name))


def children_in(people: Iterable[Person]) -> list[Person]:
    children = [person for person in people if person.is_child]
    return sorted(children, key=lambda person: (person.date_of_birth or dt.date.max, person.first_name))


def impact_field_name(child: Person) -> str:
    return f"impact_{child.pk.hex}"


def _adult_choice_label(person: Person) -> str:
    return f"{person.display_name} ({_lower_first(person.get_role_in_case_display())})"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _text_messages(label: str, max_length: int, required: str | None = None) -> dict[str, str]:
    messages = {
        "max_length": f"{label} must be {max_length} characters or fewer",
        # NUL cannot be stored in PostgreSQL text and is never typed on purpose: it comes from pasted binary.
        "null_characters_not_allowed": f"{label} must not contain hidden control characters",
    }
    if required:
        messages["required"] = required
    return messages


def _check_not_future_or_ancient(value: dt.date | None) -> dt.date | None:
    if value is None:
        return None
    if value > timezone.localdate():
        raise forms.ValidationError(FUTURE_DATE, code="future")
    if value.year < EARLIEST_YEAR:
        raise forms.ValidationError(TOO_EARLY, code="too_early")
    return value


class ChronologyEntryForm(forms.Form):
    """One behaviour, the adult who chose it, when, who reported it, and its impact on each child in the case.

    `people` may be passed when the caller already has the case's people, to save a query. With `instance`,
    an unbound form starts from that entry and its recorded impacts.
    """

    behaviour = forms.ChoiceField(
        label="Type of behaviour",
        choices=Behaviour.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of behaviour", "invalid_choice": "Select the type of behaviour"},
    )
    person_responsible = forms.ChoiceField(
        label="Who chose this behaviour",
        choices=(),
        widget=forms.RadioSelect,
        help_text="Name the one adult responsible. Behaviours are never chosen by a couple or a family.",
        error_messages={
            "required": "Select who chose this behaviour",
            "invalid_choice": "Select who chose this behaviour",
        },
    )
    description = forms.CharField(
        label="Describe what the person did",
        # data-language-check: the accountable-language hints (childsafe/web/language.py) check what is typed here.
        widget=forms.Textarea(attrs={"rows": 6, "data-language-check": ""}),
        max_length=DESCRIPTION_MAX,
        help_text=(
            "Say who did what, for example “He took her phone and bank card and would not let her leave”. "
            "Avoid words that name no one, such as “volatile relationship”."
        ),
        error_messages=_text_messages("Description", DESCRIPTION_MAX, "Describe what the person did"),
    )
    occurred_from = GovukDateField(
        label="Date the behaviour happened or started",
        help_text="For example, 27 3 2026. If you do not know the exact day, give your best estimate.",
        required_message="Enter the date the behaviour happened or started",
    )
    occurred_to = GovukDateField(
        label="End date",
        required=False,
        help_text="Leave blank if it happened on one day",
    )
    date_is_approximate = forms.BooleanField(label="The dates are approximate", required=False)
    reported_by = forms.ChoiceField(
        label="Who reported it",
        choices=[("", "Choose who reported it"), *Reporter.choices],
        error_messages={"required": "Select who reported it", "invalid_choice": "Select who reported it"},
    )
    source_document = forms.CharField(
        label="Source document",
        required=False,
        max_length=SOURCE_MAX,
        help_text="For example, police notification of 14 March 2026 or the school safeguarding log",
        error_messages=_text_messages("Source document", SOURCE_MAX),
    )

    def __init__(
        self,
        *args: Any,
        case: Case,
        people: Iterable[Person] | None = None,
        instance: ChronologyEntry | None = None,
        **kwargs: Any,
    ) -> None:
        people = list(case.people.all() if people is None else people)
        self.case = case
        self.instance = instance
        self.adults = adults_in(people)
        self.children = children_in(people)
        if instance is not None:
            kwargs.setdefault("initial", self._initial_from(instance))
        super().__init__(*args, **kwargs)
        self.fields["person_responsible"].choices = [
            (str(person.pk), _adult_choice_label(person)) for person in self.adults
        ]
        for child in self.children:
            label = f"Impact on {child.first_name}"
            self.fields[impact_field_name(child)] = forms.CharField(
                label=label,
                required=False,
                max_length=IMPACT_MAX,
                widget=forms.Textarea(attrs={"rows": 3, "data-language-check": ""}),
                help_text=f"What {child.first_name} saw, heard or went through, and how it affected them. "
                "Leave blank if not known.",
                error_messages=_text_messages(label, IMPACT_MAX),
            )

    @property
    def impact_fields(self) -> list[forms.BoundField]:
        return [self[impact_field_name(child)] for child in self.children]

    def _initial_from(self, entry: ChronologyEntry) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "behaviour": entry.behaviour,
            "person_responsible": str(entry.person_responsible_id),
            "description": entry.description,
            "occurred_from": entry.occurred_from,
            "occurred_to": entry.occurred_to,
            "date_is_approximate": entry.date_is_approximate,
            "reported_by": entry.reported_by,
            "source_document": entry.source_document,
        }
        for impact in entry.child_impacts.all():
            initial[f"impact_{impact.child_id.hex}"] = impact.impact
        return initial

    def clean_person_responsible(self) -> Person:
        value = self.cleaned_data["person_responsible"]
        by_id = {str(person.pk): person for person in self.adults}
        if value not in by_id:
            raise forms.ValidationError("Select who chose this behaviour", code="invalid_choice")
        return by_id[value]

    def clean_occurred_from(self) -> dt.date | None:
        return _check_not_future_or_ancient(self.cleaned_data.get("occurred_from"))

    def clean_occurred_to(self) -> dt.date | None:
        return _check_not_future_or_ancient(self.cleaned_data.get("occurred_to"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("occurred_from"), cleaned.get("occurred_to")
        if start and end and end < start:
            self.add_error("occurred_to", forms.ValidationError(DATES_REVERSED, code="reversed"))

        if cleaned.get("behaviour") == Behaviour.HARM_TO_CHILD:
            self._require_a_child_impact(cleaned)
        return cleaned

    def _require_a_child_impact(self, cleaned: dict[str, Any]) -> None:
        """Harm to a child directly is recorded with what it did to at least one named child."""
        if not self.children:
            self.add_error(
                "behaviour",
                forms.ValidationError(
                    "Add the child to the case before recording harm to a child directly", code="no_children"
                ),
            )
            return
        names = [impact_field_name(child) for child in self.children]
        # An impact that was typed but refused (too long) already has its own message.
        if any(cleaned.get(name) for name in names) or any(self[name].errors for name in names):
            return
        self.add_error(
            names[0],
            forms.ValidationError(
                "Enter the impact on at least one child when the behaviour is harm to a child directly",
                code="impact_needed",
            ),
        )

    def entry_data(self) -> dict[str, Any]:
        """The entry's own fields, typed, for `services.add_entry` and `services.update_entry`."""
        return {
            name: self.cleaned_data[name]
            for name in (
                "behaviour",
                "person_responsible",
                "description",
                "occurred_from",
                "occurred_to",
                "date_is_approximate",
                "reported_by",
                "source_document",
            )
        }

    def impacts(self) -> dict[Person, str]:
        """Impact text for every child in the case; an empty string means no impact recorded for that child."""
        return {child: self.cleaned_data.get(impact_field_name(child), "") for child in self.children}


class ChronologyFilterForm(forms.Form):
    """Narrow the chronology by who chose the behaviour, its type, and dates. Bad values get a message, not a 500."""

    person = forms.ChoiceField(
        label="Who chose it",
        required=False,
        choices=(),
        error_messages={"invalid_choice": "Select a person from the list"},
    )
    behaviour = forms.ChoiceField(
        label="Type of behaviour",
        required=False,
        choices=[("", "All types"), *Behaviour.choices],
        error_messages={"invalid_choice": "Select a type of behaviour from the list"},
    )
    date_from = GovukDateField(label="Date from", required=False)
    date_to = GovukDateField(label="Date to", required=False)

    def __init__(self, *args: Any, people: Iterable[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adults = adults_in(people)
        self.fields["person"].choices = [("", "Anyone"), *((str(p.pk), p.display_name) for p in self.adults)]

    def clean_date_from(self) -> dt.date | None:
        return _check_not_future_or_ancient(self.cleaned_data.get("date_from"))

    def clean_date_to(self) -> dt.date | None:
        value = self.cleaned_data.get("date_to")
        # A "to" date in the future is harmless here: it just means "up to now".
        if value is not None and value.year < EARLIEST_YEAR:
            raise forms.ValidationError(TOO_EARLY, code="too_early")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", forms.ValidationError("Date to must be the same as or after date from"))
        return cleaned

    def _valid(self) -> dict[str, Any]:
        """The values that passed validation; a field with an error filters nothing."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}

    @property
    def is_filtering(self) -> bool:
        return bool(self._valid())

    def apply(self, entries: QuerySet[ChronologyEntry]) -> QuerySet[ChronologyEntry]:
        values = self._valid()
        if "person" in values:
            entries = entries.filter(person_responsible_id=values["person"])
        if "behaviour" in values:
            entries = entries.filter(behaviour=values["behaviour"])
        if "date_from" in values:
            # Any overlap counts: an entry running from before the start date into the period is shown.
            start = values["date_from"]
            entries = entries.filter(Q(occurred_to__gte=start) | Q(occurred_to__isnull=True, occurred_from__gte=start))
        if "date_to" in values:
            entries = entries.filter(occurred_from__lte=values["date_to"])
        return entries

    def description(self) -> str:
        """The filters in force, in words, for headings: "chosen by Darren Cole, physical abuse, from 1 May 2026"."""
        values = self._valid()
        parts = []
        if "person" in values:
            names = {str(p.pk): p.display_name for p in self.adults}
            parts.append(f"chosen by {names.get(values['person'], 'the person selected')}")
        if "behaviour" in values:
            parts.append(_lower_first(str(Behaviour(values["behaviour"]).label)))
        if "date_from" in values:
            parts.append(f"from {_day(values['date_from'])}")
        if "date_to" in values:
            parts.append(f"to {_day(values['date_to'])}")
        return ", ".join(parts)


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"
