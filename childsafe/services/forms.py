"""Forms of this app: a directory entry, the directory filter, the CSV upload, a referral, a status change and a
programme session. Each says what is wrong in plain words, the GOV.UK way, and keeps what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from childsafe.cases.models import Case, Person
from childsafe.lib.govuk_forms import GovukDateField
from childsafe.services import catalogue
from childsafe.services.attendance import MAX_SESSION_HOURS
from childsafe.services.catalogue import Whom
from childsafe.services.directory import (
    EMAIL_PATTERN,
    KEY_PATTERN,
    MAX_AGE,
    MAX_CAPACITY,
    MAX_LENGTHS,
    MAX_WAITING_WEEKS,
)
from childsafe.services.models import EvidenceLevel, Referral, Service
from childsafe.services.referrals import NEEDS_REASON, REASON_MAX, allowed_next, referral_problem, refusal_message

REFERRAL_REASON_MAX = 4000
NOTE_MAX = 1000
NOT_NOW = "none"


def _text_messages(label: str, max_length: int, required: str | None = None) -> dict[str, str]:
    messages = {
        "max_length": f"{label} must be {max_length} characters or fewer",
        "null_characters_not_allowed": f"{label} must not contain hidden control characters",
    }
    if required:
        messages["required"] = required
    return messages


def _whole_number_messages(label: str, maximum: int) -> dict[str, str]:
    return {
        "invalid": f"{label} must be a whole number, like 3",
        "min_value": f"{label} must be 0 or more",
        "max_value": f"{label} must be {maximum:,} or less",
    }


def type_choices() -> list[tuple[str, str]]:
    return [(key, service_type.name) for key, service_type in catalogue.service_types().items()]


def tier_choices() -> list[tuple[str, str]]:
    return [(str(number), tier.name) for number, tier in catalogue.tiers().items()]


WHOM_CHOICES = [(str(whom), whom.label) for whom in Whom]


def split_areas(text: str) -> list[str]:
    """ "Northbrook; Southmere" -> ["Northbrook", "Southmere"], without blanks or repeats."""
    return list(dict.fromkeys(area.strip() for area in text.split(";") if area.strip()))


class ServiceForm(forms.Form):
    """A directory entry. The key is given once, when the service is added (or made from its name), and never
    changes, because CSV imports match on it."""

    name = forms.CharField(
        label="Name of the service",
        max_length=MAX_LENGTHS["name"],
        error_messages=_text_messages("The name", MAX_LENGTHS["name"], "Enter the name of the service"),
    )
    key = forms.CharField(
        label="Key (optional)",
        required=False,
        max_length=MAX_LENGTHS["key"],
        help_text="A short permanent identifier used by spreadsheet imports, such as nb-womens-refuge. "
        "Leave blank to make one from the name. It cannot be changed later.",
        error_messages=_text_messages("The key", MAX_LENGTHS["key"]),
    )
    service_type = forms.ChoiceField(
        label="Type of service",
        choices=(),
        error_messages={"required": "Select the type of service", "invalid_choice": "Select the type of service"},
    )
    description = forms.CharField(
        label="What the service does",
        required=False,
        max_length=MAX_LENGTHS["description"],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_text_messages("The description", MAX_LENGTHS["description"]),
    )
    tiers = forms.MultipleChoiceField(
        label="Tiers of need it serves",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one tier of need", "invalid_choice": "Select tiers from the list"},
    )
    serves = forms.MultipleChoiceField(
        label="Whom it works with",
        choices=WHOM_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select whom the service works with",
            "invalid_choice": "Select whom the service works with from the list",
        },
    )
    areas = forms.CharField(
        label="Areas covered",
        required=False,
        max_length=1000,
        help_text="Separate areas with semicolons, for example Northbrook; Southmere. Leave blank if the service is "
        "available everywhere.",
        error_messages=_text_messages("Areas covered", 1000),
    )
    min_age = forms.IntegerField(
        label="Youngest age it works with (children's services)",
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages=_whole_number_messages("The youngest age", MAX_AGE),
    )
    max_age = forms.IntegerField(
        label="Oldest age it works with (children's services)",
        required=False,
        min_value=0,
        max_value=MAX_AGE,
        error_messages=_whole_number_messages("The oldest age", MAX_AGE),
    )
    capacity = forms.IntegerField(
        label="Places available now",
        required=False,
        min_value=0,
        max_value=MAX_CAPACITY,
        help_text="0 if the service is full. Leave blank if not known.",
        error_messages=_whole_number_messages("Places available", MAX_CAPACITY),
    )
    waiting_weeks = forms.IntegerField(
        label="Current waiting time, in weeks",
        min_value=0,
        max_value=MAX_WAITING_WEEKS,
        help_text="0 if there is no waiting list",
        error_messages={
            "required": "Enter the waiting time in weeks (0 if there is no waiting list)",
            **_whole_number_messages("The waiting time", MAX_WAITING_WEEKS),
        },
    )
    referral_route = forms.CharField(
        label="How to refer",
        required=False,
        max_length=MAX_LENGTHS["referral_route"],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: referral form by secure email; self-referral by phone",
        error_messages=_text_messages("How to refer", MAX_LENGTHS["referral_route"]),
    )
    phone = forms.CharField(
        label="The service's phone number",
        required=False,
        max_length=MAX_LENGTHS["phone"],
        error_messages=_text_messages("The phone number", MAX_LENGTHS["phone"]),
    )
    email = forms.CharField(
        label="The service's email address",
        required=False,
        max_length=MAX_LENGTHS["email"],
        error_messages=_text_messages("The email address", MAX_LENGTHS["email"]),
    )
    evidence = forms.CharField(
        label="Evidence that it works",
        required=False,
        max_length=MAX_LENGTHS["evidence"],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Evaluations, accreditation or monitoring results",
        error_messages=_text_messages("The evidence", MAX_LENGTHS["evidence"]),
    )
    evidence_level = forms.ChoiceField(
        label="Level of evidence",
        choices=EvidenceLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of evidence", "invalid_choice": "Select the level of evidence"},
    )
    last_reviewed = GovukDateField(label="Date the entry was last reviewed", required=False)

    def __init__(self, *args: Any, instance: Service | None = None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", initial_from(instance))
        else:
            kwargs.setdefault("initial", {"waiting_weeks": 0, "evidence_level": EvidenceLevel.NOT_YET_EVALUATED})
        super().__init__(*args, **kwargs)
        self.fields["service_type"].choices = [("", "Choose a type of service"), *type_choices()]
        self.fields["tiers"].choices = tier_choices()
        if instance is not None:
            del self.fields["key"]

    def clean_key(self) -> str:
        key = self.cleaned_data["key"].strip()
        if not key:
            return ""
        if not KEY_PATTERN.match(key):
            raise forms.ValidationError("The key must use only letters, numbers, hyphens and underscores")
        if Service.objects.filter(key=key).exists():
            raise forms.ValidationError("Another service already has this key: choose a different one")
        return key

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if email and not EMAIL_PATTERN.match(email):
            raise forms.ValidationError("Enter an email address in the right format, like referrals@service.example")
        return email

    def clean_areas(self) -> list[str]:
        areas = split_areas(self.cleaned_data["areas"])
        for area in areas:
            if len(area) > MAX_LENGTHS["area"]:
                raise forms.ValidationError(f"Each area must be {MAX_LENGTHS['area']} characters or fewer")
        return areas

    def clean_tiers(self) -> list[int]:
        return sorted(int(value) for value in self.cleaned_data["tiers"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", "The oldest age must be the same as or more than the youngest age")
        return cleaned

    def apply_to(self, service: Service) -> list[str]:
        """Copy the cleaned values onto the service; return the names of the fields that changed."""
        changed = []
        for name in self.fields:
            if name == "key":
                continue
            value = self.cleaned_data[name]
            if getattr(service, name) != value:
                setattr(service, name, value)
                changed.append(name)
        return changed


def initial_from(service: Service) -> dict[str, Any]:
    return {
        "name": service.name,
        "service_type": service.service_type,
        "description": service.description,
        "tiers": [str(tier) for tier in service.tiers],
        "serves": list(service.serves),
        "areas": "; ".join(service.areas),
        "min_age": service.min_age,
        "max_age": service.max_age,
        "capacity": service.capacity,
        "waiting_weeks": service.waiting_weeks,
        "referral_route": service.referral_route,
        "phone": service.phone,
        "email": service.email,
        "evidence": service.evidence,
        "evidence_level": service.evidence_level,
        "last_reviewed": service.last_reviewed,
    }


class DirectoryFilterForm(forms.Form):
    """Narrow the directory. A bad value filters nothing and says so; it never causes an error page."""

    q = forms.CharField(label="Search by name or description", required=False, max_length=200)
    service_type = forms.ChoiceField(label="Type of service", required=False, choices=())
    tier = forms.ChoiceField(label="Tier of need", required=False, choices=())
    serves = forms.ChoiceField(label="Works with", required=False, choices=[("", "Anyone"), *WHOM_CHOICES])
    area = forms.ChoiceField(label="Area", required=False, choices=())
    include_inactive = forms.BooleanField(label="Include services that are no longer active", required=False)

    def __init__(self, *args: Any, areas: Iterable[str], can_see_inactive: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = f"Select {str(field.label).lower()} from the list"  # noqa: S608
        self.fields["q"].error_messages.update(_text_messages("The search", 200))
        self.fields["service_type"].choices = [("", "All types"), *type_choices()]
        self.fields["tier"].choices = [("", "All tiers"), *tier_choices()]
        self.fields["area"].choices = [("", "All areas"), *((area, area) for area in sorted(areas, key=str.casefold))]
        if not can_see_inactive:
            del self.fields["include_inactive"]

    def _valid(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}

    @property
    def is_filtering(self) -> bool:
        return bool({name for name in self._valid() if name != "include_inactive"})

    def apply(self, services: QuerySet[Service]) -> list[Service]:
        """The services that pass every filter. Tiers, whom and areas are short lists, matched in Python."""
        values = self._valid()
        if not values.get("include_inactive"):
            services = services.filter(is_active=True)
        if values.get("service_type"):
            services = services.filter(service_type=values["service_type"])
        if values.get("q"):
            text = values["q"].strip()
            services = services.filter(Q(name__icontains=text) | Q(description__icontains=text))
        result = list(services)
        if values.get("tier"):
            result = [service for service in result if int(values["tier"]) in service.tiers]
        if values.get("serves"):
            result = [service for service in result if values["serves"] in service.serves]
        if values.get("area"):
            result = [service for service in result if service.areas and service.covers(values["area"])]
        return result


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Save the spreadsheet as “CSV UTF-8”. The first line must be the header row of an export.",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file is empty"},
    )


def _person_label(person: Person, today: dt.date) -> str:
    role = person.get_role_in_case_display()
    age = person.age_on(today) if person.is_child else None
    return f"{person.display_name} ({role.lower()}{f', {age}' if age is not None else ''})"


class ReferralForm(forms.Form):
    """Refer one person in the household to one service in the directory.

    When the service is a behaviour-change programme for the parent using abuse and the case has a non-abusing
    parent without partner support, the form also asks for a partner support service (or "not now"): the prompt
    appears as soon as the programme is chosen, and the referral is not saved until it is answered.
    """

    person = forms.ChoiceField(
        label="Who are you referring?",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select who you are referring", "invalid_choice": "Select who you are referring"},
    )
    service = forms.ChoiceField(
        label="Service",
        choices=(),
        error_messages={"required": "Select the service", "invalid_choice": "Select a service from the list"},
    )
    reason = forms.CharField(
        label="Why are you referring them?",
        max_length=REFERRAL_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say what the person needs and what the service is asked to do. Name the behaviour and who chose "
        "it; avoid words that blame the victim-survivor or name no one.",
        error_messages=_text_messages("The reason", REFERRAL_REASON_MAX, "Enter why you are referring them"),
    )
    referred_on = GovukDateField(
        label="Date the referral was sent",
        help_text="For example, 27 3 2026",
        required_message="Enter the date the referral was sent",
    )
    partner_service = forms.ChoiceField(
        label="Partner support for the non-abusing parent",
        required=False,
        choices=(),
        widget=forms.RadioSelect,
        help_text="A programme must run alongside a service for partners. If the non-abusing parent does not want "
        "it now, the case will show a reminder until partner support is in place.",
        error_messages={"invalid_choice": "Select a partner support service, or not now"},
    )
    partner_reason = forms.CharField(
        label="Why are you referring the non-abusing parent to partner support?",
        required=False,
        max_length=REFERRAL_REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_text_messages("The reason for partner support", REFERRAL_REASON_MAX),
    )

    def __init__(
        self,
        *args: Any,
        case: Case,
        people: list[Person],
        services: list[Service],
        partner: Person | None,
        show_partner_support: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.today = timezone.localdate()
        self.people = {str(person.pk): person for person in people}
        self.services = {str(service.pk): service for service in services}
        self.partner = partner
        self.fields["person"].choices = [(pk, _person_label(person, self.today)) for pk, person in self.people.items()]
        self.fields["service"].choices = [
            ("", "Choose a service"),
            *((pk, f"{service.name} ({service.type_name})") for pk, service in self.services.items()),
        ]
        self.partner_services = [service for service in services if service.is_partner_support]
        self.fields["partner_service"].choices = [
            *((str(service.pk), f"{service.name} ({service.areas_text})") for service in self.partner_services),
            (NOT_NOW, "Not now"),
        ]
        if partner is not None:
            name = partner.known_as or partner.first_name
            self.fields["partner_service"].label = f"Partner support for {name}"
            self.fields["partner_reason"].label = f"Why are you referring {name} to partner support?"
        self.show_partner_support = show_partner_support or self._programme_chosen()

    def _programme_chosen(self) -> bool:
        """Whether the data chooses a programme for the parent using abuse, so partner support must be asked."""
        if self.partner is None:
            return False
        source = self.data if self.is_bound else self.initial
        service = self.services.get(str(source.get("service", "")))
        person = self.people.get(str(source.get("person", "")))
        return bool(
            service
            and service.is_behaviour_change_programme
            and (person is None or person.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE)
        )

    def clean_person(self) -> Person:
        person = self.people.get(self.cleaned_data["person"])
        if person is None:
            raise forms.ValidationError("Select who you are referring")
        return person

    def clean_service(self) -> Service:
        service = self.services.get(self.cleaned_data["service"])
        if service is None:
            raise forms.ValidationError("Select a service from the list")
        return service

    def clean_referred_on(self) -> dt.date | None:
        value = self.cleaned_data.get("referred_on")
        if value is not None and value > self.today:
            raise forms.ValidationError("The date the referral was sent must be today or in the past")
        if value is not None and value < self.case.opened_on - dt.timedelta(days=366):
            raise forms.ValidationError("The date the referral was sent must be within a year before the case opened")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, service = cleaned.get("person"), cleaned.get("service")
        if isinstance(person, Person) and isinstance(service, Service):
            problem = referral_problem(service, person, self.today)
            if problem:
                self.add_error("service", problem)
        if self.show_partner_support and self.partner is not None and isinstance(service, Service):
            choice = cleaned.get("partner_service")
            name = self.partner.known_as or self.partner.first_name
            if not choice and "partner_service" not in self.errors:
                self.add_error(
                    "partner_service", f"Select partner support for {name}, or “Not now” if it cannot start yet"
                )
            elif choice and choice != NOT_NOW and not (cleaned.get("partner_reason") or "").strip():
                self.add_error("partner_reason", f"Enter why you are referring {name} to partner support")
        return cleaned

    @property
    def chosen_partner_service(self) -> Service | None:
        choice = self.cleaned_data.get("partner_service")
        if not self.show_partner_support or not choice or choice == NOT_NOW:
            return None
        return next((service for service in self.partner_services if str(service.pk) == choice), None)


class _MoveField(forms.ChoiceField):
    """Offers only the allowed moves, but leaves judging the value to the form, so a move that is not allowed
    (from a page left open while someone else changed the referral) gets a message that says why."""

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


class StatusForm(forms.Form):
    """What has happened to a referral: only the moves its current status allows are offered."""

    status = _MoveField(
        label="What has happened?",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select what has happened", "invalid_choice": "Select what has happened"},
    )
    on = GovukDateField(label="Date it happened", required_message="Enter the date it happened")
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if the service declined the referral or the person disengaged: say what happened and why, "
        "if known.",
        error_messages=_text_messages("The reason", REASON_MAX),
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.referral = referral
        labels = {
            Referral.Status.ACCEPTED: "The service accepted the referral",
            Referral.Status.DECLINED: "The service declined the referral",
            Referral.Status.WAITING: "The person is on the service's waiting list",
            Referral.Status.STARTED: "The person has started with the service",
            Referral.Status.COMPLETED: "The person has completed the service",
            Referral.Status.DISENGAGED: "The person has disengaged (stopped attending or responding)",
        }
        self.fields["status"].choices = [(status, labels[status]) for status in allowed_next(referral.status)]

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status not in Referral.Status.values:
            raise forms.ValidationError("Select what has happened")
        if status not in allowed_next(self.referral.status):
            raise forms.ValidationError(refusal_message(self.referral.status, status))
        return status

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status, reason = cleaned.get("status"), (cleaned.get("reason") or "")
        if status in NEEDS_REASON and not reason.strip() and "reason" not in self.errors:
            if status == Referral.Status.DECLINED:
                self.add_error("reason", "Enter why the referral was declined")
            else:
                self.add_error("reason", "Enter why they disengaged")
        on = cleaned.get("on")
        if on is not None:
            if on > timezone.localdate():
                self.add_error("on", "The date it happened must be today or in the past")
            elif on < self.referral.status_on:
                since = self.referral.status_on
                self.add_error("on", f"The date it happened must be on or after {since.day} {since:%B %Y}")
        return cleaned


class SessionForm(forms.Form):
    held_on = GovukDateField(label="Date of the session", required_message="Enter the date of the session")
    planned_hours = forms.DecimalField(
        label="Length of the session, in hours",
        min_value=Decimal("0.25"),
        max_value=MAX_SESSION_HOURS,
        max_digits=4,
        decimal_places=2,
        help_text="For example, 2.5",
        error_messages={
            "required": "Enter the length of the session in hours",
            "invalid": "Enter the length of the session as a number of hours, like 2.5",
            "min_value": "The length of the session must be at least 0.25 hours",
            "max_value": f"The length of the session must be {MAX_SESSION_HOURS} hours or less",
            "max_digits": "Enter the length of the session as a number of hours, like 2.5",
            "max_decimal_places": "Enter hours to no more than 2 decimal places, like 2.25",
        },
    )
    attended = forms.ChoiceField(
        label="Did they attend?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they attended", "invalid_choice": "Select whether they attended"},
    )
    hours_attended = forms.DecimalField(
        label="Hours attended",
        required=False,
        min_value=Decimal("0.25"),
        max_value=MAX_SESSION_HOURS,
        max_digits=4,
        decimal_places=2,
        help_text="Only if they attended. Leave blank if they stayed for the whole session.",
        error_messages={
            "invalid": "Enter the hours attended as a number, like 2.5",
            "min_value": "Hours attended must be at least 0.25",
            "max_value": f"Hours attended must be {MAX_SESSION_HOURS} or less",
            "max_digits": "Enter the hours attended as a number, like 2.5",
            "max_decimal_places": "Enter hours to no more than 2 decimal places, like 2.25",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the facilitators observed, or why the session was missed if known",
        error_messages=_text_messages("The note", NOTE_MAX),
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.referral = referral

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        held_on = cleaned.get("held_on")
        if held_on is not None:
            if held_on > timezone.localdate():
                self.add_error("held_on", "The date of the session must be today or in the past")
            elif held_on < self.referral.referred_on:
                self.add_error("held_on", "The date of the session must be on or after the date of the referral")
        planned, attended = cleaned.get("planned_hours"), cleaned.get("attended")
        hours = cleaned.get("hours_attended")
        if attended == "yes" and hours is None and planned is not None:
            cleaned["hours_attended"] = planned
        elif attended == "yes" and hours is not None and planned is not None and hours > planned:
            self.add_error("hours_attended", "Hours attended must be no more than the length of the session")
        elif attended == "no" and hours is not None:
            self.add_error("hours_attended", "Leave hours attended blank if they did not attend")
        return cleaned
