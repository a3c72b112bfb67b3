"""The plan editor's forms, with their rules in plain words the GOV.UK way.

The action form never refuses an action for lacking an owner or a date: it is saved as a draft (see
`accountability.draft_reasons`). It refuses only what cannot be saved at all, such as an action with no words, or a
date that is not a real date, and then keeps everything typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone

from childsafe.accounts.models import Organisation
from childsafe.cases.models import Person
from childsafe.lib.govuk_forms import GovukDateField
from childsafe.plans import schedule
from childsafe.plans.models import Action, Outcome, Plan, PlanVersion, Review

TEXT_MAX = 2000
LONG_TEXT_MAX = 4000
MEASURE_MAX = 1000
WORKER_MAX = 150
EARLIEST_YEAR = 2000
YEARS_AHEAD = 10
NO_OWNER = "none"

Role = Person.RoleInCase
ROLE_ORDER = {
    Role.PARENT_USING_ABUSE: 0,
    Role.NON_ABUSING_PARENT: 1,
    Role.OTHER_ADULT: 2,
    Role.CHILD: 3,
    Role.SIBLING_ELSEWHERE: 4,
}


def _text_messages(label: str, max_length: int, required: str | None = None) -> dict[str, str]:
    messages = {
        "max_length": f"{label} must be {max_length} characters or fewer",
        "null_characters_not_allowed": f"{label} must not contain hidden control characters",
    }
    if required:
        messages["required"] = required
    return messages


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def person_label(person: Person) -> str:
    return f"{person.display_name} ({_lower_first(person.get_role_in_case_display())})"


def _check_plausible(value: dt.date | None, label: str) -> dt.date | None:
    if value is None:
        return None
    if value.year < EARLIEST_YEAR:
        raise forms.ValidationError(f"{label} must be in {EARLIEST_YEAR} or later", code="too_early")
    if value > schedule.add_months(timezone.localdate(), 12 * YEARS_AHEAD):
        raise forms.ValidationError(f"{label} must be within the next {YEARS_AHEAD} years", code="too_late")
    return value


def _not_future(value: dt.date | None, label: str) -> dt.date | None:
    value = _check_plausible(value, label)
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(f"{label} must be today or in the past", code="future")
    return value


class PlanDetailsForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=Plan.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of plan", "invalid_choice": "Select the kind of plan"},
    )
    children = forms.MultipleChoiceField(
        label="Children the plan covers",
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the children this plan covers",
            "invalid_choice": "Select the children this plan covers",
        },
    )
    start_date = GovukDateField(
        label="Date the plan starts",
        required=False,
        help_text="For example, 14 5 2026. You can leave it blank while the plan is a draft.",
    )
    first_review_on = GovukDateField(
        label="Date of the first review",
        required=False,
        help_text="Leave blank to use the usual schedule for this kind of plan.",
    )
    review_interval_months = forms.IntegerField(
        label="Review every (months)",
        required=False,
        min_value=1,
        max_value=24,
        help_text="How many months between reviews after the first. Leave blank for the usual schedule.",
        error_messages={
            "invalid": "Enter the number of months between reviews, like 3",
            "min_value": "Reviews must be at least 1 month apart",
            "max_value": "Reviews must be no more than 24 months apart",
        },
    )

    def __init__(self, *args: Any, children: Iterable[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child_people = list(children)
        self.fields["children"].choices = [(str(child.pk), child.display_name) for child in self.child_people]
        self.fields["review_interval_months"].widget.attrs.update({"inputmode": "numeric"})

    def clean_children(self) -> list[Person]:
        by_id = {str(child.pk): child for child in self.child_people}
        return [by_id[value] for value in self.cleaned_data["children"] if value in by_id]

    def clean_start_date(self) -> dt.date | None:
        return _check_plausible(self.cleaned_data.get("start_date"), "The date the plan starts")

    def clean_first_review_on(self) -> dt.date | None:
        return _check_plausible(self.cleaned_data.get("first_review_on"), "The date of the first review")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, first = cleaned.get("start_date"), cleaned.get("first_review_on")
        if start and first and first <= start:
            self.add_error("first_review_on", "The first review must be after the date the plan starts")
        return cleaned

    def plan_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        kind = data["kind"]
        if not data.get("review_interval_months"):
            data["review_interval_months"] = schedule.interval_for(kind)
        if not data.get("first_review_on") and data.get("start_date"):
            data["first_review_on"] = schedule.first_review_for(kind, data["start_date"])
        return data


class OutcomeForm(forms.Form):
    child = forms.ChoiceField(
        label="Which child is this outcome for",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child", "invalid_choice": "Select the child"},
    )
    text = forms.CharField(
        label="What should be different for the child",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        help_text="In the child's own words where you can, for example “Mia feels safe at home and sleeps in her own "
        "room”.",
        error_messages=_text_messages("The outcome", TEXT_MAX, "Enter what should be different for the child"),
    )
    share_with_parent_using_abuse = forms.BooleanField(
        label="This outcome can be shared with the parent using abuse",
        required=False,
        help_text="Only if it says nothing the children or the non-abusing parent told you, and nothing about where "
        "they are.",
    )

    def __init__(self, *args: Any, children: Iterable[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child_people = list(children)
        self.fields["child"].choices = [(str(child.pk), child.display_name) for child in self.child_people]

    def clean_child(self) -> Person:
        by_id = {str(child.pk): child for child in self.child_people}
        value = self.cleaned_data["child"]
        if value not in by_id:
            raise forms.ValidationError("Select the child", code="invalid_choice")
        return by_id[value]

    @classmethod
    def initial_from(cls, outcome: Outcome) -> dict[str, Any]:
        return {
            "child": str(outcome.child_id),
            "text": outcome.text,
            "share_with_parent_using_abuse": outcome.share_with_parent_using_abuse,
        }


class ActionForm(forms.Form):
    """Who is responsible, what, when, the measure and whom it is for. Only the words are required."""

    owner = forms.ChoiceField(
        label="Who is responsible",
        choices=(),
        widget=forms.RadioSelect,
        required=False,
        help_text="A named person in the case, or an agency the case is shared with. To give an action to another "
        "agency, share the case with it first.",
        error_messages={"invalid_choice": "Select who is responsible from the list"},
    )
    owner_worker = forms.CharField(
        label="Worker's name or role (for an agency)",
        required=False,
        max_length=WORKER_MAX,
        help_text="For example, outreach worker or Sam Patel, children's worker",
        error_messages=_text_messages("The worker's name or role", WORKER_MAX),
    )
    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        help_text="Start with who does it and a verb, for example “Darren to attend every weekly session of the "
        "behaviour-change programme”.",
        error_messages=_text_messages("What will be done", TEXT_MAX, "Enter what will be done"),
    )
    due_on = GovukDateField(label="Date it must be done by", required=False, help_text="For example, 30 6 2026")
    frequency_times = forms.IntegerField(
        label="Number of times",
        required=False,
        min_value=1,
        max_value=31,
        error_messages={
            "invalid": "Enter how many times as a number, like 1",
            "min_value": "How many times must be 1 or more",
            "max_value": "How many times must be 31 or fewer",
        },
    )
    frequency_unit = forms.ChoiceField(
        label="How often",
        required=False,
        choices=[("", "Choose how often"), *Action.Unit.choices],
        error_messages={"invalid_choice": "Choose how often from the list"},
    )
    measure = forms.CharField(
        label="How progress will be measured",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MEASURE_MAX,
        help_text="For example, the programme's weekly attendance reports",
        error_messages=_text_messages("How progress will be measured", MEASURE_MAX),
    )
    for_whom = forms.ChoiceField(
        label="Who is this action for",
        choices=(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select who this action is for", "invalid_choice": "Select who this action is for"},
    )

    def __init__(
        self,
        *args: Any,
        people: Iterable[Person],
        children: Iterable[Person],
        agencies: Iterable[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = sorted(people, key=lambda person: (ROLE_ORDER.get(person.role_in_case, 9), person.first_name))
        self.child_people = list(children)
        self.agencies = list(agencies)
        owners = [(f"person:{person.pk}", person_label(person)) for person in self.people]
        owners += [(f"agency:{agency.pk}", f"An agency: {agency.name}") for agency in self.agencies]
        owners.append((NO_OWNER, "Not decided yet: keep the action as a draft"))
        self.fields["owner"].choices = owners
        mothers = [person for person in self.people if person.role_in_case == Role.NON_ABUSING_PARENT]
        abusers = [person for person in self.people if person.role_in_case == Role.PARENT_USING_ABUSE]
        for_whom = [(f"child:{child.pk}", child.display_name) for child in self.child_people]
        for_whom.append(
            (
                Action.ForWhom.NON_ABUSING_PARENT,
                "The non-abusing parent" + (f" ({', '.join(p.display_name for p in mothers)})" if mothers else ""),
            )
        )
        for_whom.append(
            (
                Action.ForWhom.PARENT_USING_ABUSE,
                "The parent using abuse: work on their behaviour"
                + (f" ({', '.join(p.display_name for p in abusers)})" if abusers else ""),
            )
        )
        for_whom.append((Action.ForWhom.WHOLE_FAMILY, "The whole family"))
        self.fields["for_whom"].choices = for_whom
        self.fields["frequency_times"].widget.attrs.update({"inputmode": "numeric"})

    @classmethod
    def initial_from(cls, action: Action) -> dict[str, Any]:
        if action.owner_person_id:
            owner = f"person:{action.owner_person_id}"
        elif action.owner_organisation_id:
            owner = f"agency:{action.owner_organisation_id}"
        else:
            owner = NO_OWNER
        return {
            "owner": owner,
            "owner_worker": action.owner_worker,
            "what": action.what,
            "due_on": action.due_on,
            "frequency_times": action.frequency_times,
            "frequency_unit": action.frequency_unit,
            "measure": action.measure,
            "for_whom": f"child:{action.for_child_id}" if action.for_child_id else action.for_whom,
        }

    def clean_due_on(self) -> dt.date | None:
        return _check_plausible(self.cleaned_data.get("due_on"), "The date it must be done by")

    def clean(self) -> dict[str, Any]:
        """A date or a frequency, whichever was given; neither keeps the action a draft; both cannot be."""
        cleaned = super().clean() or {}
        has_date = cleaned.get("due_on") is not None
        has_times = cleaned.get("frequency_times") is not None
        unit = cleaned.get("frequency_unit") or ""
        if has_date and (has_times or unit):
            self.add_error("due_on", "Give either a date or how often, not both")
        if has_times and not unit and "frequency_unit" not in self.errors:
            self.add_error("frequency_unit", "Choose how often: a day, a week, at every session")
        times = cleaned.get("frequency_times")
        if unit in {"session", "visit"} and times and times > 1:
            self.add_error("frequency_times", f"For sessions and visits, the action happens at every {unit}")
        if unit and not has_times and "frequency_times" not in self.errors:
            cleaned["frequency_times"] = 1
        return cleaned

    def _owner(self) -> tuple[Person | None, Organisation | None]:
        value = self.cleaned_data.get("owner") or NO_OWNER
        kind, _, key = value.partition(":")
        if kind == "person":
            return next((p for p in self.people if str(p.pk) == key), None), None
        if kind == "agency":
            return None, next((a for a in self.agencies if str(a.pk) == key), None)
        return None, None

    def action_data(self) -> dict[str, Any]:
        """The action's fields, typed, for `services.save_action`."""
        person, agency = self._owner()
        for_whom, _, child_key = self.cleaned_data["for_whom"].partition(":")
        child = next((c for c in self.child_people if str(c.pk) == child_key), None) if child_key else None
        unit = self.cleaned_data.get("frequency_unit") or ""
        return {
            "owner_person": person,
            "owner_organisation": agency,
            "owner_worker": self.cleaned_data.get("owner_worker", "") if agency else "",
            "what": self.cleaned_data["what"],
            "due_on": self.cleaned_data.get("due_on"),
            "frequency_times": self.cleaned_data.get("frequency_times") if unit else None,
            "frequency_unit": unit,
            "measure": self.cleaned_data.get("measure", ""),
            "for_whom": for_whom if child is None else Action.ForWhom.CHILD,
            "for_child": child,
        }


class ProgressForm(forms.Form):
    recorded_on = GovukDateField(label="Date of this update", help_text="For example, 14 5 2026")
    status = forms.ChoiceField(
        label="Status of the action now",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the action", "invalid_choice": "Select the status"},
    )
    note = forms.CharField(
        label="Progress and evidence",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        help_text="What happened, and how you know: for example “attended 4 of 4 sessions in May (programme "
        "attendance report)”.",
        error_messages=_text_messages("Progress and evidence", TEXT_MAX, "Describe the progress and the evidence"),
    )

    def clean_recorded_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("recorded_on"), "The date of this update")


class EndPlanForm(forms.Form):
    ended_on = GovukDateField(label="Date the plan ended", help_text="For example, 14 5 2026")
    reason = forms.CharField(
        label="Why the plan is ending",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        error_messages=_text_messages("Why the plan is ending", TEXT_MAX, "Say why the plan is ending"),
    )

    def clean_ended_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("ended_on"), "The date the plan ended")


def view_field_name(child: Person) -> str:
    return f"views_{child.pk.hex}"


class ReviewForm(forms.Form):
    held_on = GovukDateField(label="Date of the review", help_text="For example, 14 5 2026")
    agencies_attended = forms.MultipleChoiceField(
        label="Agencies that attended",
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select the agencies from the list"},
    )
    others_attended = forms.CharField(
        label="Anyone else who attended",
        required=False,
        max_length=300,
        help_text="Roles rather than names, for example “health visitor, probation officer”",
        error_messages=_text_messages("Anyone else who attended", 300),
    )
    engagement = forms.ChoiceField(
        label="How the parent using abuse has engaged since the last review",
        choices=Review.Engagement.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the parent using abuse has engaged",
            "invalid_choice": "Select how the parent using abuse has engaged",
        },
    )
    engagement_notes = forms.CharField(
        label="What shows this",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT_MAX,
        help_text="Attendance, what the programme reports, any change the family has seen",
        error_messages=_text_messages("What shows this", LONG_TEXT_MAX),
    )
    safety_change = forms.ChoiceField(
        label="Since the last review, the family is",
        choices=Review.SafetyChange.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the family's safety has changed",
            "invalid_choice": "Select how the family's safety has changed",
        },
    )
    safety_notes = forms.CharField(
        label="The impact on the family's safety",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT_MAX,
        error_messages=_text_messages("The impact on the family's safety", LONG_TEXT_MAX),
    )
    plan_versions = forms.MultipleChoiceField(
        label="Changes made to the plan at this review",
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Make the changes to the plan first, then tick the versions they made.",
        error_messages={"invalid_choice": "Select the plan versions from the list"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=Review.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision", "invalid_choice": "Select the decision"},
    )
    next_review_on = GovukDateField(
        label="Date of the next review",
        required=False,
        help_text="Not needed if the plan ends.",
    )

    def __init__(
        self,
        *args: Any,
        plan: Plan,
        children: Iterable[Person],
        agencies: Iterable[Organisation],
        versions: Iterable[PlanVersion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.child_people = list(children)
        self.agencies = list(agencies)
        self.versions = list(versions)
        self.fields["agencies_attended"].choices = [(str(agency.pk), agency.name) for agency in self.agencies]
        self.fields["plan_versions"].choices = [
            (str(version.pk), f"Version {version.number}: {version.summary}") for version in self.versions
        ]
        for child in self.child_people:
            label = f"{child.known_as or child.first_name}'s views"
            self.fields[view_field_name(child)] = forms.CharField(
                label=label,
                required=False,
                max_length=LONG_TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=f"What {child.known_as or child.first_name} said, in their own words where you can, and how "
                "their views were gathered",
                error_messages=_text_messages(label, LONG_TEXT_MAX),
            )

    @property
    def view_fields(self) -> list[forms.BoundField]:
        return [self[view_field_name(child)] for child in self.child_people]

    def clean_held_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("held_on"), "The date of the review")

    def clean_next_review_on(self) -> dt.date | None:
        return _check_plausible(self.cleaned_data.get("next_review_on"), "The date of the next review")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision, held, following = cleaned.get("decision"), cleaned.get("held_on"), cleaned.get("next_review_on")
        if decision and decision != Review.Decision.END and following is None and "next_review_on" not in self.errors:
            self.add_error("next_review_on", "Enter the date of the next review")
        if held and following and following <= held:
            self.add_error("next_review_on", "The next review must be after this review")
        return cleaned

    def review_data(self) -> dict[str, Any]:
        agencies = {str(agency.pk): agency for agency in self.agencies}
        versions = {str(version.pk): version for version in self.versions}
        data = {name: self.cleaned_data.get(name) for name in ("held_on", "engagement", "safety_change", "decision")}
        data.update(
            {
                "others_attended": self.cleaned_data.get("others_attended", ""),
                "engagement_notes": self.cleaned_data.get("engagement_notes", ""),
                "safety_notes": self.cleaned_data.get("safety_notes", ""),
                "next_review_on": self.cleaned_data.get("next_review_on"),
                "agencies_attended": [agencies[key] for key in self.cleaned_data["agencies_attended"]],
                "plan_versions": [versions[key] for key in self.cleaned_data["plan_versions"]],
            }
        )
        return data

    def child_views(self) -> dict[Person, str]:
        return {child: self.cleaned_data.get(view_field_name(child), "") for child in self.child_people}


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label="What you did or decided",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        error_messages=_text_messages("What you did or decided", TEXT_MAX, "Say what you did or decided"),
    )
