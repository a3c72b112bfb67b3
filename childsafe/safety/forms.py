"""The safety app's forms, each with its rules in plain words the GOV.UK way.

Views only ask `is_valid()` and hand the typed values to `services`, which checks the same rules again for any
other caller. Every free-text box has a maximum length and refuses hidden control characters (they come from
pasted binary and PostgreSQL cannot store NUL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone

from childsafe.cases.models import Person
from childsafe.lib.govuk_forms import GovukDateField
from childsafe.safety import rules
from childsafe.safety.checks import CHECK_FIELDS, missing_answers
from childsafe.safety.models import (
    ContactFollowUp,
    ContactSafetyCheck,
    HelpMethod,
    Phase,
    PlannedContact,
    SafetyPlan,
    SafetyPlanReview,
    Venue,
    WorkerSafetyFlag,
    YesNoUnsure,
)
from childsafe.safety.services import (
    ContactPlan,
    FollowUpAnswers,
    PlanContent,
    home_visit_refusal,
)

Role = Person.RoleInCase
FUTURE_DATE = "must be today or in the past"
# Marks a free-text box for the shared language checker (childsafe/language-check.js).
LANGUAGE_CHECK = {"data-language-check": ""}


def _messages(label: str, max_length: int | None = None, required: str | None = None) -> dict[str, str]:
    messages = {"null_characters_not_allowed": f"{label} must not contain hidden control characters"}
    if max_length:
        messages["max_length"] = f"{label} must be {max_length} characters or fewer"
    if required:
        messages["required"] = required
    return messages


def text(
    label: str,
    max_length: int,
    *,
    required: str | None = None,
    help_text: str = "",
    rows: int = 3,
    short: bool = False,
    name_in_errors: str | None = None,
) -> forms.CharField:
    """A free-text field: a textarea (checked by the language checker) or, if `short`, a one-line input."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=bool(required),
        help_text=help_text,
        widget=forms.TextInput() if short else forms.Textarea(attrs={"rows": rows, **LANGUAGE_CHECK}),
        error_messages=_messages(name_in_errors or label, max_length, required),
    )


def radios(label: str, choices: Any, required: str | None = None, help_text: str = "") -> forms.ChoiceField:
    message = required or f"Select {label[0].lower()}{label[1:]}"
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=bool(required),
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


def checkboxes(label: str, choices: Any, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": "Select from the list", "invalid_list": "Select from the list"},
    )


def _not_future(value: dt.date | None, label: str) -> dt.date | None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(f"{label} {FUTURE_DATE}", code="future")
    return value


def person_choice_label(person: Person) -> str:
    role = person.get_role_in_case_display()
    return f"{person.display_name} ({role[:1].lower()}{role[1:]})"


# --- Safety plans --------------------------------------------------------------------------------------------------


class SafetyPlanForm(forms.Form):
    """A person's safety plan. For a child, also what they understand of it, with prompts for their age.

    With `plan`, the form changes an existing plan: it starts from the current version, and asks what changed and
    (if the phase changes) why.
    """

    safe_place = text(
        "Where is a safe place to go?",
        1000,
        required="Enter a safe place to go",
        help_text="Somewhere they can reach quickly: a neighbour, a relative, a room with a lock. "
        "Write “the refuge” rather than its address.",
        rows=2,
        name_in_errors="A safe place to go",
    )
    safe_place_route = text("How will they get there?", 1000, rows=2, name_in_errors="How they will get there")
    trusted_person = text(
        "Who is a trusted person to talk to?",
        1000,
        required="Enter a trusted person to talk to",
        rows=2,
        name_in_errors="A trusted person",
    )
    trusted_person_contact = text(
        "How can they reach that person?",
        1000,
        rows=2,
        help_text="For example: knock at number 12, or ask the school office for Mrs Okafor.",
        name_in_errors="How to reach the trusted person",
    )
    help_methods = checkboxes("Safe ways to summon help", HelpMethod.choices, help_text="Select all that are agreed.")
    summon_help = text(
        "How they will summon help, in their own words",
        1000,
        rows=2,
        help_text="For example: the code word “pancakes” to Nana means call the police.",
        name_in_errors="How they will summon help",
    )
    childs_understanding = text(
        "What they understand of the plan, in their own words",
        2000,
        rows=4,
        name_in_errors="What they understand",
    )
    other_steps = text(
        "Other steps",
        2000,
        rows=4,
        help_text="For example: who may collect them from school or nursery, location sharing turned off on "
        "phones and tablets, spare keys and documents kept with a friend.",
    )
    phase = radios(
        "Which phase is this plan in?",
        Phase.choices,
        required="Select whether this is safety work or recovery work",
        help_text="Safety work while the danger from the parent using abuse is still real; recovery work once the "
        "family is in a safer phase of their lives.",
    )
    phase_change_reason = text(
        "If the phase is changing, why?", 1000, rows=2, name_in_errors="The reason for changing phase"
    )
    change_summary = text(
        "What changed in the plan, and why?",
        1000,
        required="Say what changed in the plan, and why",
        rows=2,
        name_in_errors="What changed",
    )

    def __init__(self, *args: Any, person: Person, plan: SafetyPlan | None = None, **kwargs: Any) -> None:
        self.person = person
        self.plan = plan
        if plan is not None and plan.current is not None and "initial" not in kwargs:
            current = plan.current
            kwargs["initial"] = {
                name: getattr(current, name)
                for name in (
                    "safe_place",
                    "safe_place_route",
                    "trusted_person",
                    "trusted_person_contact",
                    "help_methods",
                    "summon_help",
                    "childs_understanding",
                    "other_steps",
                    "phase",
                )
            }
        kwargs.setdefault("initial", {}).setdefault("phase", Phase.SAFETY_WORK)
        super().__init__(*args, **kwargs)
        name = person.known_as or person.first_name
        if person.is_child:
            self.fields["childs_understanding"].label = f"What {name} understands of the plan, in their own words"
        else:
            del self.fields["childs_understanding"]
        if plan is None:
            del self.fields["phase_change_reason"]
            del self.fields["change_summary"]

    @property
    def age_band(self) -> rules.AgeBand | None:
        if not self.person.is_child:
            return None
        return rules.band_for_age(self.person.age_on(timezone.localdate()))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("help_methods") and not cleaned.get("summon_help") and "summon_help" not in self.errors:
            self.add_error(
                "help_methods",
                forms.ValidationError("Choose or describe at least one safe way to summon help", code="no_help"),
            )
        if (
            self.plan is not None
            and cleaned.get("phase")
            and cleaned["phase"] != self.plan.phase
            and not cleaned.get("phase_change_reason")
            and "phase_change_reason" not in self.errors
        ):
            self.add_error(
                "phase_change_reason",
                forms.ValidationError(
                    f"Say why the plan is moving to {Phase(cleaned['phase']).label.lower()}", code="phase_reason"
                ),
            )
        return cleaned

    def content(self) -> PlanContent:
        data = self.cleaned_data
        return PlanContent(
            safe_place=data["safe_place"],
            safe_place_route=data["safe_place_route"],
            trusted_person=data["trusted_person"],
            trusted_person_contact=data["trusted_person_contact"],
            help_methods=list(data["help_methods"]),
            summon_help=data["summon_help"],
            childs_understanding=data.get("childs_understanding", ""),
            other_steps=data["other_steps"],
            phase=data["phase"],
            phase_change_reason=data.get("phase_change_reason", ""),
        )


class ReviewForm(forms.Form):
    """ "Reviewed with <person> today: still right / changed"."""

    reviewed_with = text(
        "Who did you review it with?",
        200,
        required="Enter who you reviewed the plan with",
        short=True,
        help_text="For example: Mia, with her mum at the refuge",
        name_in_errors="Who you reviewed it with",
    )
    how = radios("How did you review it?", SafetyPlanReview.How.choices, required="Select how you reviewed the plan")
    reviewed_on = GovukDateField(label="Date of the review", required_message="Enter the date of the review")
    outcome = radios(
        "Is the plan still right?",
        SafetyPlanReview.Outcome.choices,
        required="Select whether the plan is still right",
    )
    what_changed = text("What has changed?", 2000, rows=3, help_text="Needed when the plan is to change.")

    def __init__(self, *args: Any, plan: SafetyPlan, **kwargs: Any) -> None:
        self.plan = plan
        kwargs.setdefault("initial", {}).setdefault("reviewed_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_reviewed_on(self) -> dt.date | None:
        value = _not_future(self.cleaned_data.get("reviewed_on"), "The date of the review")
        if value is not None and value < self.plan.made_on:
            raise forms.ValidationError(
                "The date of the review must be on or after the day the plan was made", code="too_early"
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("outcome") == SafetyPlanReview.Outcome.CHANGED
            and not cleaned.get("what_changed")
            and "what_changed" not in self.errors
        ):
            self.add_error("what_changed", forms.ValidationError("Say what has changed", code="required"))
        return cleaned


# --- Worker safety flags -------------------------------------------------------------------------------------------

ADULT_ORDER = {Role.PARENT_USING_ABUSE: 0, Role.OTHER_ADULT: 1, Role.NON_ABUSING_PARENT: 2}


class WorkerSafetyFlagForm(forms.Form):
    person = radios("Who is the flag about?", (), required="Select who the flag is about")
    kind = radios("What do colleagues need to know?", WorkerSafetyFlag.Kind.choices, required="Select the kind of flag")
    details = text(
        "Details",
        1000,
        rows=3,
        help_text="What colleagues need to know before a visit or meeting. Needed for “Other”.",
    )
    manager_must_agree = forms.BooleanField(
        label="A manager must agree before anyone meets or visits this person", required=False
    )
    review_by = GovukDateField(label="Review by", required_message="Enter the date the flag should be reviewed by")

    def __init__(self, *args: Any, people: Iterable[Person], **kwargs: Any) -> None:
        suggested = timezone.localdate() + dt.timedelta(days=rules.thresholds().flag_review_suggested_days)
        kwargs.setdefault("initial", {}).setdefault("review_by", suggested)
        super().__init__(*args, **kwargs)
        self.people = sorted(people, key=lambda p: (ADULT_ORDER.get(p.role_in_case, 9), p.is_child, p.display_name))
        self.fields["person"].choices = [(str(p.pk), person_choice_label(p)) for p in self.people]

    def clean_person(self) -> Person:
        by_id = {str(p.pk): p for p in self.people}
        value = self.cleaned_data["person"]
        if value not in by_id:
            raise forms.ValidationError("Select who the flag is about", code="invalid_choice")
        return by_id[value]

    def clean_review_by(self) -> dt.date | None:
        value = self.cleaned_data.get("review_by")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("The review date must be today or in the future", code="past")
        if value is not None and value > timezone.localdate() + dt.timedelta(days=730):
            raise forms.ValidationError("The review date must be within 2 years", code="too_far")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        other = cleaned.get("kind") == WorkerSafetyFlag.Kind.OTHER
        if other and not cleaned.get("details") and "details" not in self.errors:
            self.add_error("details", forms.ValidationError("Describe the risk to workers", code="required"))
        return cleaned


class LiftFlagForm(forms.Form):
    reason = text(
        "Why is the flag being lifted?",
        1000,
        required="Say why the flag is being lifted",
        rows=3,
        name_in_errors="The reason",
    )


# --- Contact with the parent using abuse ---------------------------------------------------------------------------


class ContactForm(forms.Form):
    """Plan a contact with the parent using abuse. The family home is refused while a worker safety flag rules
    it out; `flags_by_person` holds each person's active flags, already loaded for the page."""

    person = radios("Who is the contact with?", (), required="Select who the contact is with")
    planned_for = GovukDateField(label="Date of the contact", required_message="Enter the date of the contact")
    meeting_workers = text(
        "Who will meet them?",
        300,
        required="Enter who will meet them",
        short=True,
        help_text="Names and roles, for example: Nina Ashcombe (social worker) and Grace Pellingham (manager)",
        name_in_errors="Who will meet them",
    )
    venue = radios("Where will the contact be?", Venue.choices, required="Select where the contact will be")
    venue_detail = text(
        "Which office or venue, exactly?",
        300,
        required="Enter which office or venue",
        short=True,
        help_text="Never a place the non-abusing parent or the children use, such as their school or the refuge.",
        name_in_errors="The office or venue",
    )
    purpose = text(
        "Purpose of the contact",
        2000,
        required="Enter the purpose of the contact",
        rows=4,
        help_text="For example: to discuss the child protection plan, what they will do to stop their abusive "
        "behaviours, and a referral to a behaviour-change programme.",
    )

    def __init__(
        self,
        *args: Any,
        people: Iterable[Person],
        flags_by_person: dict[Any, list[WorkerSafetyFlag]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = [p for p in people if p.role_in_case == Role.PARENT_USING_ABUSE]
        self.flags_by_person = flags_by_person
        self.fields["person"].choices = [(str(p.pk), p.display_name) for p in self.people]
        if len(self.people) == 1 and not self.is_bound:
            self.initial.setdefault("person", str(self.people[0].pk))

    def clean_person(self) -> Person:
        by_id = {str(p.pk): p for p in self.people}
        value = self.cleaned_data["person"]
        if value not in by_id:
            raise forms.ValidationError("Select who the contact is with", code="invalid_choice")
        return by_id[value]

    def clean_planned_for(self) -> dt.date | None:
        value = self.cleaned_data.get("planned_for")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("The date of the contact must be today or in the future", code="past")
        if value is not None and value > timezone.localdate() + dt.timedelta(days=366):
            raise forms.ValidationError("The date of the contact must be within the next year", code="too_far")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person = cleaned.get("person")
        if person is not None and cleaned.get("venue") == Venue.FAMILY_HOME:
            refusal = home_visit_refusal(person, self.flags_by_person.get(person.pk, []))
            if refusal:
                self.add_error("venue", forms.ValidationError(refusal, code="flag"))
        return cleaned

    def plan(self) -> ContactPlan:
        data = self.cleaned_data
        return ContactPlan(
            planned_for=data["planned_for"],
            meeting_workers=data["meeting_workers"],
            venue=data["venue"],
            venue_detail=data["venue_detail"],
            purpose=data["purpose"],
        )


YES_NO_UNSURE = YesNoUnsure.choices
Perspective = ContactSafetyCheck.Perspective


class SafetyCheckForm(forms.Form):
    """The safety check before a contact. Any answers may be saved as a draft; with `completing`, every question
    must be answered well enough (`checks.missing_answers`), and each gap gets its own message."""

    risk_information_read = radios(
        "Have you read the latest risk information on this case?",
        YES_NO_UNSURE,
        help_text="The risk assessment, the chronology of behaviours and any recent police notifications.",
    )
    risk_to_her = text(
        "What does it say about the current risk to the non-abusing parent?", 2000, name_in_errors="Risk to her"
    )
    risk_to_children = text(
        "What does it say about the current risk to the children?", 2000, name_in_errors="Risk to the children"
    )
    recent_changes = text(
        "Has anything happened recently that could raise risk?",
        2000,
        help_text="For example: a new incident, a recent separation, a court date, a pregnancy, a child speaking out.",
        name_in_errors="Recent changes",
    )
    could_increase_risk = radios("Could this contact increase risk to her or the children?", YES_NO_UNSURE)
    risk_management = text(
        "How will that risk be managed?",
        2000,
        help_text="Needed if the contact could increase risk. For example: she is told the date in advance, "
        "her support worker is with her that afternoon.",
        name_in_errors="How the risk will be managed",
    )
    perspective_gathered = radios("Was the non-abusing parent asked for her view?", Perspective.choices)
    perspective_via = text(
        "Who asked her?", 200, short=True, help_text="Name and organisation", name_in_errors="Who asked her"
    )
    not_safe_to_ask_reason = text("Why was it not safe to ask her?", 1000, rows=2, name_in_errors="The reason")
    her_view_on_safety = text(
        "What did she say about her own and the children’s safety?", 2000, name_in_errors="What she said"
    )
    her_view_on_risk = radios("Does she think the contact could increase risk?", YES_NO_UNSURE)
    childrens_perspective = text(
        "What have the children said or shown?",
        2000,
        help_text="From direct work with them and their safety plans. If it is not known, say why.",
        name_in_errors="The children’s perspective",
    )
    must_not_disclose = checkboxes(
        "What must not be disclosed to the parent using abuse?",
        ContactSafetyCheck.MustNotDisclose.choices,
        help_text="Ticked from this case’s records. Add anything else.",
    )
    must_not_disclose_other = text(
        "Anything else that must not be disclosed", 1000, rows=2, name_in_errors="Anything else"
    )
    everyone_briefed = radios("Has everyone at the contact been told what must not be disclosed?", YES_NO_UNSURE)
    worker_arrangements = checkboxes(
        "Worker safety arrangements", ContactSafetyCheck.WorkerArrangement.choices, help_text="Select all that apply."
    )
    worker_safety_notes = text("Other worker safety arrangements", 1000, rows=2, name_in_errors="Other arrangements")
    manager_consulted = text("Which manager did you consult?", 200, short=True, name_in_errors="The manager consulted")
    manager_advice = text("What did they advise?", 2000, name_in_errors="What the manager advised")

    def __init__(
        self,
        *args: Any,
        flags: Iterable[WorkerSafetyFlag],
        completing: bool = False,
        non_abusing_parent: Person | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.flags = list(flags)
        self.completing = completing
        if non_abusing_parent is not None:
            name = non_abusing_parent.known_as or non_abusing_parent.first_name
            self.fields["perspective_gathered"].label = f"Was {name} asked for her view?"
            self.fields["her_view_on_safety"].label = f"What did {name} say about her own and the children’s safety?"
            self.fields["her_view_on_risk"].label = f"Does {name} think the contact could increase risk?"
            self.fields["risk_to_her"].label = f"What does it say about the current risk to {name}?"

    @property
    def manager_must_agree(self) -> bool:
        return any(flag.manager_must_agree for flag in self.flags)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.completing:
            missing = missing_answers(
                cleaned,
                flag_kinds=[flag.kind for flag in self.flags],
                manager_must_agree=self.manager_must_agree,
            )
            for name, message in missing.items():
                if name not in self.errors:
                    self.add_error(name, forms.ValidationError(message, code="unanswered"))
        return cleaned

    def answers(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or ([] if name in LIST_ANSWERS else "") for name in CHECK_FIELDS}


LIST_ANSWERS = {"must_not_disclose", "worker_arrangements"}


class OutcomeForm(forms.Form):
    took_place = radios(
        "Did the contact go ahead?",
        [("yes", "Yes, it went ahead"), ("no", "No, it did not happen or was called off")],
        required="Select whether the contact went ahead",
    )
    outcome_on = GovukDateField(label="Date", required_message="Enter the date")
    notes = text(
        "What happened?",
        4000,
        required="Say what happened, or why the contact did not happen",
        rows=5,
        help_text="What they said about their behaviours and the impact on the children, anything that concerns you, "
        "or why it did not go ahead.",
        name_in_errors="What happened",
    )

    def __init__(self, *args: Any, contact: PlannedContact, **kwargs: Any) -> None:
        self.contact = contact
        today = timezone.localdate()
        kwargs.setdefault("initial", {}).setdefault("outcome_on", min(contact.planned_for, today))
        super().__init__(*args, **kwargs)
        if contact.status == PlannedContact.Status.PLANNED:
            self.fields[
                "took_place"
            ].help_text = "The safety check is not complete, so the contact cannot have gone ahead as planned."

    def clean_outcome_on(self) -> dt.date | None:
        return _not_future(self.cleaned_data.get("outcome_on"), "The date")

    def clean_took_place(self) -> bool:
        took_place = self.cleaned_data["took_place"] == "yes"
        if took_place and self.contact.status == PlannedContact.Status.PLANNED:
            raise forms.ValidationError(
                "Complete the safety check first: a contact cannot go ahead without one", code="no_check"
            )
        return took_place


class FollowUpForm(forms.Form):
    followed_up_on = GovukDateField(label="Date of the follow-up", required_message="Enter the date of the follow-up")
    spoke_with = radios(
        "Who did you follow up with?", ContactFollowUp.SpokeWith.choices, required="Select who you followed up with"
    )
    support_worker = text(
        "Support worker’s name and organisation", 200, short=True, name_in_errors="The support worker’s name"
    )
    safety_changed = radios(
        "Did the contact change anything for her or the children’s safety?",
        YES_NO_UNSURE,
        required="Select whether the contact changed anything for their safety",
    )
    retaliation = radios(
        "Has there been any retaliation against her or the children since?",
        ContactFollowUp.Retaliation.choices,
        required="Select whether there has been any retaliation",
    )
    notes = text(
        "What did she say, and what is being done?",
        4000,
        rows=5,
        help_text="Needed if anything changed or there was retaliation. Review the safety plans if they need to "
        "change.",
        name_in_errors="What she said",
    )

    def __init__(self, *args: Any, contact: PlannedContact, **kwargs: Any) -> None:
        self.contact = contact
        kwargs.setdefault("initial", {}).setdefault("followed_up_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_followed_up_on(self) -> dt.date | None:
        value = _not_future(self.cleaned_data.get("followed_up_on"), "The date of the follow-up")
        if value is not None and self.contact.outcome_on and value < self.contact.outcome_on:
            raise forms.ValidationError(
                "The date of the follow-up must be on or after the day of the contact", code="too_early"
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        via_worker = cleaned.get("spoke_with") == ContactFollowUp.SpokeWith.SUPPORT_WORKER
        if via_worker and not cleaned.get("support_worker") and "support_worker" not in self.errors:
            self.add_error("support_worker", "Enter the support worker’s name and organisation")
        worrying = cleaned.get("safety_changed") == YesNoUnsure.YES or cleaned.get("retaliation") == "yes"
        if worrying and not cleaned.get("notes") and "notes" not in self.errors:
            self.add_error("notes", "Say what happened and what is being done about it")
        return cleaned

    def answers(self) -> FollowUpAnswers:
        data = self.cleaned_data
        return FollowUpAnswers(
            followed_up_on=data["followed_up_on"],
            spoke_with=data["spoke_with"],
            support_worker=data["support_worker"] if data["spoke_with"] == "support_worker" else "",
            safety_changed=data["safety_changed"],
            retaliation=data["retaliation"],
            notes=data["notes"],
        )
