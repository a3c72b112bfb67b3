"""Forms for cases and the household: each field says what to enter, and each rule explains itself."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.utils import timezone

from childsafe.accounts.models import Organisation, Team, User
from childsafe.cases.models import Address, Case, CaseStatusChange, ContactDetail, Person, Relationship
from childsafe.lib.govuk_forms import GovukDateField

ADULT_AGE = 18
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE = re.compile(r"^[0-9 +()\-]{6,20}$")


class GovukModelForm(forms.ModelForm):
    """Plain-language messages for the rules Django checks itself (required, too long, bad choice)."""

    required_messages: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name).lower()
            field.error_messages["required"] = self.required_messages.get(name, f"Enter {label}")
            field.error_messages["invalid_choice"] = f"Select {label} from the list"  # noqa: S608 - not SQL
            max_length = getattr(field, "max_length", None)
            if max_length:
                field.error_messages["max_length"] = f"{field.label} must be {max_length} characters or fewer"
                for validator in field.validators:
                    if hasattr(validator, "limit_value") and validator.code == "max_length":
                        validator.message = f"{field.label} must be {max_length} characters or fewer"
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)


def _not_in_future(value: dt.date | None, what: str) -> dt.date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"{what} must be today or in the past")
    return value


class CaseForm(GovukModelForm):
    opened_on = GovukDateField(label="Date the case was opened")

    required_messages = {"opened_on": "Enter the date the case was opened"}

    class Meta:
        model = Case
        fields = ["summary", "opened_on", "team", "allocated_worker"]
        labels = {"summary": "Why the case is open", "allocated_worker": "Allocated worker"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation=organisation)
        self.fields["team"].empty_label = "No team"
        self.fields["allocated_worker"].queryset = User.objects.filter(
            organisation=organisation, is_active=True, role__in=[User.Role.PRACTITIONER, User.Role.MANAGER]
        ).order_by("full_name")
        self.fields["allocated_worker"].empty_label = "Not allocated yet"

    def clean_opened_on(self) -> dt.date | None:
        return _not_in_future(self.cleaned_data.get("opened_on"), "The date the case was opened")


class CloseCaseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What was the outcome?",
        choices=Case.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome the case closed with", "invalid_choice": "Select an outcome"},
    )
    closed_on = GovukDateField(label="Date the case closed", required_message="Enter the date the case closed")
    note = forms.CharField(
        label="Closing summary",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed for the children, and what support continues",
        error_messages={"max_length": "Closing summary must be 2000 characters or fewer"},
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)

    def clean_closed_on(self) -> dt.date | None:
        value = _not_in_future(self.cleaned_data.get("closed_on"), "The date the case closed")
        if value and value < self.case.opened_on:
            raise forms.ValidationError("The date the case closed must be on or after the date it was opened")
        reopened_on = (
            CaseStatusChange.objects.filter(case=self.case, status=Case.Status.OPEN)
            .order_by("-changed_at")
            .values_list("effective_on", flat=True)
            .first()
        )
        if value and reopened_on and value < reopened_on:
            raise forms.ValidationError(
                f"The date the case closed must be on or after the date it was reopened, {reopened_on:%-d %B %Y}"
            )
        return value


class ShareCaseForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation to share with",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Select the organisation to share the case with",
            "invalid_choice": "Select an organisation from the list",
        },
    )
    reason = forms.CharField(
        label="Why does this organisation need to know?",
        max_length=300,
        help_text="Share only what an organisation needs to keep the children safe",
        error_messages={
            "required": "Enter why the organisation needs to know",
            "max_length": "The reason must be 300 characters or fewer",
        },
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.exclude(case_shares__case=case)
            .exclude(kind=Organisation.Kind.COMMISSIONING)
            .order_by("name")
        )


class PersonForm(GovukModelForm):
    date_of_birth = GovukDateField(label="Date of birth", required=False)

    required_messages = {
        "first_name": "Enter their first name",
        "role_in_case": "Select their role in the case",
    }

    class Meta:
        model = Person
        fields = [
            "role_in_case",
            "first_name",
            "last_name",
            "known_as",
            "date_of_birth",
            "age_in_years",
            "gender",
            "preferred_language",
            "identity_and_culture",
            "communication",
            "needs",
            "school_or_setting",
            "childs_own_words",
            "address",
        ]
        labels = {
            "role_in_case": "Role in the case",
            "known_as": "Known as (optional)",
            "last_name": "Last name",
            "age_in_years": "Age in years",
            "gender": "Gender (optional)",
            "preferred_language": "Preferred language (optional)",
            "identity_and_culture": "Identity and culture (optional)",
            "communication": "Communication (optional)",
            "needs": "Needs (optional)",
            "school_or_setting": "School, nursery or setting (children only)",
            "childs_own_words": "In the child's own words (children only)",
            "address": "Where they live",
        }
        widgets = {"role_in_case": forms.RadioSelect, "age_in_years": forms.TextInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)
        self.fields["address"].queryset = Address.objects.filter(case=case)
        self.fields["address"].empty_label = "Not recorded"
        self.fields["age_in_years"].error_messages.update(
            {"invalid": "Age must be a whole number, like 7", "max_value": "Age must be 120 or less"}
        )
        self.fields["age_in_years"].max_value = 120
        self.fields["age_in_years"].validators.append(forms.fields.validators.MaxValueValidator(120))
        self.fields["age_in_years"].help_text = "Only if you do not know their date of birth"

    def clean_date_of_birth(self) -> dt.date | None:
        return _not_in_future(self.cleaned_data.get("date_of_birth"), "Date of birth")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        role = cleaned.get("role_in_case")
        dob = cleaned.get("date_of_birth")
        age = cleaned.get("age_in_years")
        if dob and age is not None:
            self.add_error("age_in_years", "Enter either a date of birth or an age, not both")
            return cleaned
        today = timezone.localdate()
        probe = Person(date_of_birth=dob, age_in_years=age)
        current_age = probe.age_on(today)
        is_child = role in {Person.RoleInCase.CHILD, Person.RoleInCase.SIBLING_ELSEWHERE}
        if is_child and current_age is None and not self.errors.get("date_of_birth"):
            self.add_error("date_of_birth", "Enter the child's date of birth, or their age if you do not know it")
        if is_child and current_age is not None and current_age >= ADULT_AGE:
            field = "date_of_birth" if dob else "age_in_years"
            self.add_error(field, "A child must be under 18. Record someone aged 18 or over as another adult")
        if not is_child:
            for field in ("school_or_setting", "childs_own_words"):
                if cleaned.get(field):
                    self.add_error(field, "Only record this for a child")
        if self.instance.pk and role:
            if is_child and self.instance.behaviours_chosen.exists():
                self.add_error(
                    "role_in_case",
                    "This person is recorded as choosing abusive behaviours in the chronology, so they cannot be "
                    "recorded as a child. Change those entries first",
                )
            if not is_child and self.instance.impacts.exists():
                self.add_error(
                    "role_in_case",
                    "The chronology records the impact on this person as a child. Change those entries first",
                )
        return cleaned


class AddressForm(GovukModelForm):
    required_messages = {"line_1": "Enter the first line of the address"}

    class Meta:
        model = Address
        fields = ["kind", "line_1", "line_2", "town", "postcode", "is_confidential_location"]
        labels = {
            "kind": "Type of address",
            "line_1": "Address line 1",
            "line_2": "Address line 2 (optional)",
            "town": "Town or city (optional)",
            "postcode": "Postcode (optional)",
            "is_confidential_location": "This is a confidential location",
        }
        widgets = {"kind": forms.RadioSelect}

    def clean_postcode(self) -> str:
        value = " ".join(self.cleaned_data.get("postcode", "").upper().split())
        if value and not UK_POSTCODE.match(value):
            raise forms.ValidationError("Enter a real postcode, like NB1 4ZZ")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == Address.Kind.REFUGE and not cleaned.get("is_confidential_location"):
            # A refuge's address is confidential by its nature; make that explicit rather than silent.
            self.add_error("is_confidential_location", "A refuge address must be marked as a confidential location")
        return cleaned


class ContactDetailForm(GovukModelForm):
    required_messages = {"kind": "Select the type of contact detail", "value": "Enter the contact detail"}

    class Meta:
        model = ContactDetail
        fields = ["kind", "value", "note", "is_confidential_location"]
        labels = {
            "kind": "Type of contact detail",
            "value": "Contact detail",
            "note": "Note (optional)",
            "is_confidential_location": "Confidential: the person using abusive behaviours must not learn this",
        }
        widgets = {"kind": forms.RadioSelect}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), (cleaned.get("value") or "").strip()
        if kind == ContactDetail.Kind.EMAIL and value:
            try:
                validate_email(value)
            except forms.ValidationError:
                self.add_error("value", "Enter an email address in the correct format, like name@example.org")
        if kind == ContactDetail.Kind.PHONE and value and not PHONE.match(value):
            self.add_error("value", "Enter a phone number using only numbers, spaces, brackets, + and -")
        return cleaned


class RelationshipForm(GovukModelForm):
    required_messages = {
        "person": "Select the first person",
        "kind": "Select how they are related",
        "other_person": "Select the second person",
    }

    class Meta:
        model = Relationship
        fields = ["person", "kind", "other_person", "has_parental_responsibility", "lives_with_other_person"]
        labels = {
            "person": "Person",
            "kind": "Is the",
            "other_person": "Of",
            "has_parental_responsibility": "Has parental responsibility",
            "lives_with_other_person": "Lives with them",
        }

    PARENTAL_KINDS = {Relationship.Kind.PARENT_OF, Relationship.Kind.STEP_PARENT_OF, Relationship.Kind.CARER_OF}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(case=case)
        for name in ("person", "other_person"):
            self.fields[name].queryset = people
            self.fields[name].empty_label = "Choose a person"
            self.fields[name].label_from_instance = lambda p: f"{p.display_name} ({p.get_role_in_case_display()})"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        person, other, kind = cleaned.get("person"), cleaned.get("other_person"), cleaned.get("kind")
        if person and other and person == other:
            self.add_error("other_person", "Choose two different people")
        if cleaned.get("has_parental_responsibility") and kind and kind not in self.PARENTAL_KINDS:
            self.add_error(
                "has_parental_responsibility", "Only a parent, step-parent or carer can have parental responsibility"
            )
        if person and other and kind and person != other:
            duplicate = Relationship.objects.filter(person=person, other_person=other, kind=kind)
            if self.instance.pk:
                duplicate = duplicate.exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("kind", "This relationship is already recorded")
        return cleaned

    def validate_unique(self) -> None:
        # Checked in clean() with a plain-language message instead of Django's generic one.
        pass
