"""The sensitivity class of every field of the plan models, for childsafe.disclosure, and the per-row rule for
actions, outcomes and progress.

A plan holds three kinds of content with very different audiences: what the parent using abuse must do (he may be
given it), the support arranged for the non-abusing parent and each child (never given to him: it says what they
need, who works with them and often where), and the professionals' record (evidence, review notes, what children
said). Which kind an action is depends on the action, not on the field, so some fields are classed per row.

**Per-row rule** (`action_class`, applied to the fields in `ROW_CLASSED_FIELDS`):
1. An action whose text, measure or worker names a place that could find someone (a refuge, a school or nursery, a
   surgery, an address or postcode, or any place in `places`: the case's schools and confidential addresses) is
   LOCATION, whoever owns it. This holds for the parent using abuse's own actions too: "stay away from <the
   refuge>" must reach him some other way than a printed plan.
2. Otherwise an action owned by the parent using abuse, or one for him (work on his behaviour, whoever delivers
   it), is ACCOUNTABILITY: what he must do and how he is doing.
3. Otherwise an action owned by, or for, the non-abusing parent, a child or the whole family is WELLBEING, and
   LOCATION when it is owned by an agency whose kind places someone (a refuge, a school, health).
An outcome (`outcome_class`) is ACCOUNTABILITY only when a worker has marked it shareable with the parent using
abuse and it names no place; otherwise WELLBEING (or LOCATION when it names a place).

**Fixed classes**, and why:
- A plan's kind, status, dates and schedule are CASE_ADMIN; the children it covers IDENTITY; why it ended is
  PROFESSIONAL.
- Who owns an action: a person is IDENTITY, an agency CASE_ADMIN (the disclosure policy decides which kinds of
  agency may be named to whom). Whom it is for is CASE_ADMIN, the child it is for IDENTITY.
- Progress notes are PROFESSIONAL whatever the action: evidence often rests on what the non-abusing parent or a
  child reported. A progress update's date and status follow the action's row class.
- A review: the engagement rating of the parent using abuse is ACCOUNTABILITY; every note is PROFESSIONAL; each
  child's views are DISCLOSURE.
- A plan version's content is the whole plan as it was, so it is PROFESSIONAL as a whole and is never rendered for
  another audience: render the current plan through the row rule instead. Its summary names people: PROFESSIONAL.
- An escalation prompt's message and the acknowledgement note are PROFESSIONAL.
The static entries for row-classed fields are PROFESSIONAL, so a renderer that forgets the row rule shows them only
to professionals. Use `field_class(obj, field)`, which applies the row rule, for every field of these models.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from childsafe.cases.models import Address, Person
from childsafe.disclosure.classes import Sensitivity

ADMIN = Sensitivity.CASE_ADMIN
IDENTITY = Sensitivity.IDENTITY
LOCATION = Sensitivity.LOCATION
DISCLOSURE = Sensitivity.DISCLOSURE
WELLBEING = Sensitivity.WELLBEING
PROFESSIONAL = Sensitivity.PROFESSIONAL
ACCOUNTABILITY = Sensitivity.ACCOUNTABILITY

# Fields whose class is the row's (see the module docstring), by model.
ROW_CLASSED_FIELDS: dict[str, tuple[str, ...]] = {
    "Action": ("owner_worker", "what", "due_on", "frequency_times", "frequency_unit", "measure", "status"),
    "Outcome": ("text",),
    "ProgressUpdate": ("recorded_on", "status"),
}

FIELD_CLASSES: dict[str, Sensitivity] = {
    # The plan.
    "Plan.id": ADMIN,
    "Plan.case": ADMIN,
    "Plan.kind": ADMIN,
    "Plan.status": ADMIN,
    "Plan.start_date": ADMIN,
    "Plan.children": IDENTITY,
    "Plan.first_review_on": ADMIN,
    "Plan.review_interval_months": ADMIN,
    "Plan.next_review_on": ADMIN,
    "Plan.ended_on": ADMIN,
    "Plan.end_reason": PROFESSIONAL,
    "Plan.version": ADMIN,
    "Plan.details_changed_in_version": ADMIN,
    "Plan.created_by": ADMIN,
    "Plan.created_at": ADMIN,
    "Plan.updated_at": ADMIN,
    # Outcomes for each child: the text is classed per row (outcome_class).
    "Outcome.id": ADMIN,
    "Outcome.plan": ADMIN,
    "Outcome.child": IDENTITY,
    "Outcome.text": PROFESSIONAL,
    "Outcome.share_with_parent_using_abuse": ADMIN,
    "Outcome.changed_in_version": ADMIN,
    "Outcome.created_at": ADMIN,
    # Actions: what, when, measure, worker and status are classed per row (action_class).
    "Action.id": ADMIN,
    "Action.plan": ADMIN,
    "Action.owner_person": IDENTITY,
    "Action.owner_organisation": ADMIN,
    "Action.owner_worker": PROFESSIONAL,
    "Action.what": PROFESSIONAL,
    "Action.due_on": PROFESSIONAL,
    "Action.frequency_times": PROFESSIONAL,
    "Action.frequency_unit": PROFESSIONAL,
    "Action.measure": PROFESSIONAL,
    "Action.for_whom": ADMIN,
    "Action.for_child": IDENTITY,
    "Action.status": PROFESSIONAL,
    "Action.changed_in_version": ADMIN,
    "Action.created_at": ADMIN,
    "Action.updated_at": ADMIN,
    # Progress on an action: the date and status follow the action; the note is the professionals' evidence.
    "ProgressUpdate.id": ADMIN,
    "ProgressUpdate.action": ADMIN,
    "ProgressUpdate.recorded_on": PROFESSIONAL,
    "ProgressUpdate.status": PROFESSIONAL,
    "ProgressUpdate.note": PROFESSIONAL,
    "ProgressUpdate.recorded_by": ADMIN,
    "ProgressUpdate.recorded_at": ADMIN,
    # Versions: the whole plan as it was; never rendered for anyone but professionals.
    "PlanVersion.id": ADMIN,
    "PlanVersion.plan": ADMIN,
    "PlanVersion.number": ADMIN,
    "PlanVersion.made_by": ADMIN,
    "PlanVersion.made_at": ADMIN,
    "PlanVersion.summary": PROFESSIONAL,
    "PlanVersion.content": PROFESSIONAL,
    # Reviews.
    "Review.id": ADMIN,
    "Review.plan": ADMIN,
    "Review.held_on": ADMIN,
    "Review.agencies_attended": ADMIN,
    "Review.others_attended": PROFESSIONAL,
    "Review.engagement": ACCOUNTABILITY,
    "Review.engagement_notes": PROFESSIONAL,
    "Review.safety_change": PROFESSIONAL,
    "Review.safety_notes": PROFESSIONAL,
    "Review.plan_versions": ADMIN,
    "Review.decision": ADMIN,
    "Review.next_review_on": ADMIN,
    "Review.recorded_by": ADMIN,
    "Review.recorded_at": ADMIN,
    "ChildView.id": ADMIN,
    "ChildView.review": ADMIN,
    "ChildView.child": IDENTITY,
    "ChildView.views": DISCLOSURE,
    # Escalation prompts acknowledged.
    "PromptAcknowledgement.id": ADMIN,
    "PromptAcknowledgement.case": ADMIN,
    "PromptAcknowledgement.key": ADMIN,
    "PromptAcknowledgement.message": PROFESSIONAL,
    "PromptAcknowledgement.note": PROFESSIONAL,
    "PromptAcknowledgement.acknowledged_by": ADMIN,
    "PromptAcknowledgement.acknowledged_at": ADMIN,
}

# Words for places that could find someone. Matched whole, case-insensitively.
PLACE_WORDS = re.compile(
    r"\b(refuges?|safe\s+house|schools?|nursery|nurseries|pre-?school|college|academy|surgery|gp|clinic|hospital|"
    r"children'?s\s+centre|family\s+centre|address|postcode|street|road|avenue|crescent|close|flat|"
    r"new\s+home|moved\s+to|staying\s+(at|with)|lives?\s+at)\b",
    re.IGNORECASE,
)
# Kinds of agency whose involvement places someone (a refuge is where she lives; a school where a child is).
LOCATING_AGENCY_KINDS = frozenset({"refuge", "school", "health"})
PARENT_USING_ABUSE = "parent_using_abuse"


def names_a_place(texts: Iterable[str], places: Iterable[str] = ()) -> bool:
    """Whether any text names a place that could find someone: a place word, or one of the case's own places."""
    texts = [text for text in texts if text]
    if any(PLACE_WORDS.search(text) for text in texts):
        return True
    for place in places:
        place = " ".join(place.split())
        if len(place) >= 3 and any(re.search(rf"\b{re.escape(place)}\b", text, re.IGNORECASE) for text in texts):
            return True
    return False


def action_class(
    *,
    owner_role: str | None,
    for_whom: str,
    owner_agency_kind: str | None,
    texts: Iterable[str],
    places: Iterable[str] = (),
) -> Sensitivity:
    """The class of one action's row (see the module docstring); plain values in, so it is tested on its own."""
    if names_a_place(texts, places):
        return LOCATION
    if owner_role == PARENT_USING_ABUSE or for_whom == PARENT_USING_ABUSE:
        return ACCOUNTABILITY
    if owner_agency_kind in LOCATING_AGENCY_KINDS:
        return LOCATION
    return WELLBEING


def class_of_action(action: Any, places: Iterable[str] = ()) -> Sensitivity:
    """`action_class` for an Action (with owner_person and owner_organisation loaded)."""
    return action_class(
        owner_role=action.owner_person.role_in_case if action.owner_person_id else None,
        for_whom=action.for_whom,
        owner_agency_kind=action.owner_organisation.kind if action.owner_organisation_id else None,
        texts=[action.what, action.measure, action.owner_worker],
        places=places,
    )


def class_of_outcome(outcome: Any, places: Iterable[str] = ()) -> Sensitivity:
    if names_a_place([outcome.text], places):
        return LOCATION
    return ACCOUNTABILITY if outcome.share_with_parent_using_abuse else WELLBEING


def field_class(obj: Any, field: str, places: Iterable[str] = ()) -> Sensitivity:
    """The class of `obj.field` for this row: the row rule for row-classed fields, the table for the rest.

    `places` are the case's own place names that must never reach the wrong person: its children's schools and
    settings and its confidential addresses (`case_places(case)`)."""
    model = type(obj).__name__
    if field in ROW_CLASSED_FIELDS.get(model, ()):
        if model == "Action":
            return class_of_action(obj, places)
        if model == "Outcome":
            return class_of_outcome(obj, places)
        if model == "ProgressUpdate":
            return class_of_action(obj.action, places)
    return FIELD_CLASSES[f"{model}.{field}"]


def case_places(case: Any) -> list[str]:
    """The places in a case that could find someone: schools and settings, and the first line and postcode of each
    confidential address (not the town: a town is shared by every agency's name in the area)."""
    schools = Person.objects.filter(case=case).exclude(school_or_setting="").values_list("school_or_setting", flat=True)
    addresses = Address.objects.filter(case=case, is_confidential_location=True).values_list("line_1", "postcode")
    places = list(schools)
    for line_1, postcode in addresses:
        places += [part for part in (line_1, postcode) if part]
    return places
