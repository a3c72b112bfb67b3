"""The forms of this app: one answer form built from any instrument's questions, and the small forms around it.

`AnswerForm` turns a page of an instrument (one section, or all of them) into Django fields the GOV.UK way:
radios for yes / no / not known and single choices, checkboxes for "tick all that apply", textareas for evidence
and analysis, the GOV.UK date input, selects, whole numbers. A draft is checked only for answers that cannot be
kept (too long, not a date, a date in the future, a number out of range); completing also asks for every
required answer. Errors are in plain words and what was typed is always shown back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone

from childsafe.assessments import engine
from childsafe.assessments.instruments import Instrument, Level, Question, Section
from childsafe.cases.models import Person
from childsafe.lib.govuk_forms import GovukDateField

EARLIEST_YEAR = 1900
CHILD_SEPARATOR = "__"


def _text_messages(label: str, max_length: int | None) -> dict[str, str]:
    messages = {"null_characters_not_allowed": f"{label} must not contain hidden control characters"}
    if max_length:
        messages["max_length"] = f"{label} must be {max_length} characters or fewer"
    return messages


def field_name(question: Question, child: engine.SubjectRef | None = None) -> str:
    return f"{question.id}{CHILD_SEPARATOR}{uuid.UUID(child.id).hex}" if child else question.id


def _label_for(question: Question, child: engine.SubjectRef | None) -> str:
    if child is None:
        return question.label
    if "this child" in question.label:
        return question.label.replace("this child", child.name)
    return f"{question.label}: {child.name}"


@dataclass(frozen=True)
class PlacedField:
    question: Question
    name: str
    child: engine.SubjectRef | None


class AnswerForm(forms.Form):
    """The questions of `sections`, filled from `answers`, for the children given (for questions asked per child)."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        instrument: Instrument,
        sections: Sequence[Section],
        answers: Mapping[str, Any],
        children: Sequence[engine.SubjectRef] = (),
        completing: bool = False,
    ) -> None:
        self.instrument = instrument
        self.sections = list(sections)
        self.answers = dict(answers)
        self.children = list(children)
        self.completing = completing
        self.placed: list[PlacedField] = []
        initial: dict[str, Any] = {}
        for section in self.sections:
            for question in section.questions:
                targets: Sequence[engine.SubjectRef | None] = self.children if question.per_child else [None]
                for child in targets:
                    name = field_name(question, child)
                    self.placed.append(PlacedField(question, name, child))
                    value = engine.answer_for(question, answers, child.id if child else None)
                    if value is not None:
                        initial[name] = _initial_value(question, value)
        super().__init__(data, initial=initial)
        for placed in self.placed:
            self.fields[placed.name] = self._field_for(placed.question, placed.child)

    def _field_for(self, question: Question, child: engine.SubjectRef | None) -> forms.Field:
        label = _label_for(question, child)
        help_text = question.help
        choices = [(option.value, option.label) for option in self.instrument.options_of(question)]
        invalid = {"invalid_choice": f"Choose one of the answers listed for “{question.name}”"}
        if question.type in {"yes_no_unknown", "radios", "level"}:
            return forms.ChoiceField(
                label=label, choices=choices, required=False, widget=forms.RadioSelect, help_text=help_text,
                error_messages=invalid,
            )  # fmt: skip
        if question.type == "select":
            return forms.ChoiceField(
                label=label, choices=[("", "Choose an answer"), *choices], required=False, help_text=help_text,
                error_messages=invalid,
            )  # fmt: skip
        if question.type == "checkboxes":
            return forms.MultipleChoiceField(
                label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text,
                error_messages={"invalid_choice": f"Choose answers listed for “{question.name}”"},
            )  # fmt: skip
        if question.type == "date":
            return GovukDateField(label=label, required=False, help_text=help_text or "For example, 27 3 2026")
        if question.type == "number":
            low = question.minimum if question.minimum is not None else 0
            high = question.maximum
            messages = {
                "invalid": f"{question.name} must be a whole number, like 2",
                "min_value": f"{question.name} must be {low} or more",
            }
            if high is not None:
                messages["max_value"] = f"{question.name} must be {high} or fewer"
            return forms.IntegerField(
                label=label, required=False, min_value=low, max_value=high, help_text=help_text,
                error_messages=messages, widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )  # fmt: skip
        widget = forms.Textarea(attrs={"rows": question.rows}) if question.type == "textarea" else forms.TextInput()
        return forms.CharField(
            label=label, required=False, max_length=question.max_length, widget=widget, help_text=help_text,
            error_messages=_text_messages(question.name, question.max_length), strip=True,
        )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for placed in self.placed:
            question, name = placed.question, placed.name
            if name in self.errors:
                continue
            value = cleaned.get(name)
            if question.type == "checkboxes" and value:
                exclusive = {option.value for option in question.options if option.exclusive}
                if len(value) > 1 and exclusive.intersection(value):
                    self.add_error(
                        name, forms.ValidationError("Select “None of these” on its own, or untick it", code="exclusive")
                    )
            if question.type == "date" and isinstance(value, dt.date):
                if question.not_future and value > timezone.localdate():
                    self.add_error(name, forms.ValidationError(f"{question.name} must be today or in the past"))
                elif value.year < EARLIEST_YEAR:
                    self.add_error(name, forms.ValidationError(f"{question.name} must be in {EARLIEST_YEAR} or later"))
        if self.completing:
            merged = {**self.answers, **self._update_from(cleaned)}
            for missing in engine.missing_in(self.instrument, self.sections, merged, self.children):
                placed = next(
                    item
                    for item in self.placed
                    if item.question.id == missing.question_id
                    and (item.child.id if item.child else None) == missing.child_id
                )
                if placed.name not in self.errors:
                    message = missing.message
                    if placed.child is not None:
                        message = f"{message}: {placed.child.name}"
                    self.add_error(placed.name, forms.ValidationError(message, code="required"))
        return cleaned

    def _update_from(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        update: dict[str, Any] = {}
        for placed in self.placed:
            if placed.name not in cleaned:
                continue
            value = _stored_value(placed.question, cleaned[placed.name])
            if placed.child is None:
                update[placed.question.id] = value
            else:
                per_child = update.setdefault(placed.question.id, dict(self.answers.get(placed.question.id) or {}))
                if engine.is_blank(value):
                    per_child.pop(placed.child.id, None)
                else:
                    per_child[placed.child.id] = value
        # Answers to questions that are no longer asked (the variant changed) are not kept.
        merged = {**self.answers, **update}
        for placed in self.placed:
            if placed.child is None and not engine.is_asked(self.instrument, placed.question, merged):
                update[placed.question.id] = None
        return update

    def answers_update(self) -> dict[str, Any]:
        """The answers on this page, as stored; a blank answer is None (removed when saved)."""
        return self._update_from(self.cleaned_data)

    def layout(self) -> list[tuple[Section, list[tuple[PlacedField, forms.BoundField]]]]:
        """Sections with their fields in order, for the template."""
        by_section: dict[str, list[tuple[PlacedField, forms.BoundField]]] = {}
        for placed in self.placed:
            by_section.setdefault(placed.question.section_id, []).append((placed, self[placed.name]))
        return [(section, by_section.get(section.id, [])) for section in self.sections]


def _initial_value(question: Question, value: Any) -> Any:
    if question.type == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return value


def _stored_value(question: Question, value: Any) -> Any:
    if engine.is_blank(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if question.type == "checkboxes":
        order = [option.value for option in question.options]
        return sorted(value, key=order.index)
    return value


class StartForm(forms.Form):
    """Who the assessment is about, when the instrument is about one person."""

    subject = forms.ChoiceField(
        label="Who is this assessment about?",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select who this assessment is about", "invalid_choice": "Select a person"},
    )

    def __init__(self, *args: Any, people: Sequence[Person], label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in people}
        self.fields["subject"].label = label
        self.fields["subject"].choices = [(key, person.display_name) for key, person in self.people.items()]

    def clean_subject(self) -> Person:
        return self.people[self.cleaned_data["subject"]]


class LevelChangeForm(forms.Form):
    person = forms.ChoiceField(
        label="Whose level?",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose level you are changing", "invalid_choice": "Select a person"},
    )
    to_level = forms.ChoiceField(
        label="New level",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new level", "invalid_choice": "Select a level from the list"},
    )
    rationale = forms.CharField(
        label="Your reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="Say what you know that the answers do not show. A lowering below what the answers give needs a "
        "manager's sign-off before it counts.",
        error_messages={"required": "Enter your reasons for changing the level", **_text_messages("Reasons", 4000)},
    )

    def __init__(self, *args: Any, people: Sequence[Person], levels: Sequence[Level], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(person.pk): person for person in people}
        self.fields["person"].choices = [(key, person.display_name) for key, person in self.people.items()]
        self.fields["to_level"].choices = [(level.id, level.label) for level in levels]
        if len(self.people) == 1:
            self.fields["person"].initial = next(iter(self.people))

    def clean_person(self) -> Person:
        return self.people[self.cleaned_data["person"]]


class SignOffForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you sign off this lowering?",
        choices=[("sign_off", "Yes, sign it off: the lower level comes into force"), ("decline", "No, decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you sign off the lowering"},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you decline.",
        error_messages=_text_messages("Comment", 2000),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "decline" and not cleaned.get("comment"):
            self.add_error("comment", "Enter why you are declining to sign off")
        return cleaned


class ReassessForm(forms.Form):
    reassess_by = GovukDateField(
        label="Assess again by",
        required=False,
        help_text="Sooner than the tier of need's usual interval. Leave blank to use the usual interval.",
    )

    def clean_reassess_by(self) -> dt.date | None:
        value = self.cleaned_data.get("reassess_by")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("Assess again by must be today or in the future")
        if value is not None and value.year > timezone.localdate().year + 5:
            raise forms.ValidationError("Assess again by must be within the next 5 years")
        return value
