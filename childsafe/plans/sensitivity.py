"""The sensitivity class of every field of the plan models, for childsafe.disclosure, and the per-row rule for
actions, outcomes and progress.

A plan holds three kinds of content with very different audiences: what the parent using abuse must do (he may be
given it), the support arranged for the non-abusing parent and each child (never given to him: it says what they
need, who works with them and often where), and the professionals' record (evidence, review notes, what children
said). Which kind an action is depends on the action, not on the field, so some fields are classed per row.

**Per-row rule** (`action_class`, applied to the fields in `ROW_CLASSED_FIELDS`):
1. An action whose text, measure or worker names a place that could find someone (a refuge, a school or nursery, a
   surgery, a street, a postcode, a phone number or email address, or any of the case's own places in `places`:
   everyone's addresses, towns, contact details, schools and known-as names but his, `case_places`) is LOCATION,
   whoever owns it. This holds for the parent using abuse's own actions too: "not to contact Rachel on <her
   number> or go near <her street>" must reach him some other way than a printed plan.
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
A record whose words name one of the case's confidential locations (`names_a_confidential_place`: an action, an
outcome, a progress note, a review's notes, a child's views) is, in addition, treated as a confidential location by
the disclosure facts (childsafe.disclosure.facts) and on screen (childsafe.plans.access): only the lead
organisation reads it, as with the address itself.

The static entries for row-classed fields are PROFESSIONAL, so a renderer that forgets the row rule shows them only
to professionals. Use `field_class(obj, field)`, which applies the row rule, for every field of these models.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from childsafe.cases.models import Address, ContactDetail, Person
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

# Words for places that could find someone. Matched whole, case-insensitively. Broad on purpose: an action kept
# from him because it says "close" or "lane" is a worker's extra step; one that gives him her street is not undone.
PLACE_WORDS = re.compile(
    r"\b(refuges?|safe\s+house|schools?|nursery|nurseries|pre-?school|playgroups?|childminders?|college|academy|"
    r"surgery|gp|clinic|hospital|hostels?|shelter|bed\s+and\s+breakfast|temporary\s+accommodation|"
    r"(children'?s|family|contact|community|leisure|youth|health|medical|day)\s+cent(re|er)s?|"
    r"address|postcode|street|road|avenue|crescent|close|lane|grove|terrace|gardens|mews|boulevard|cul-de-sac|flat|"
    r"new\s+home|moved\s+to|staying\s+(at|with)|lives?\s+at)\b",
    re.IGNORECASE,
)
# Street names whose last word is also an everyday word or a surname ("Way", "Hill", "Green"): only with a house
# number before them ("4 Mill Hill"). Drive, Place, Square and Parade also after any capitalised word
# ("Kestrel Drive"), though not after "The".
NUMBERED_STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]*\s+){1,3}"
    r"(?:Drive|Way|Place|Court|Walk|Row|Square|Hill|Park|Green|Rise|View|Parade|Vale|Wharf|Yard|Fields|Meadows|"
    r"Heights|St|Rd|Ave|Dr|Ln|Ct|Pl|Sq)\b"
)
NAMED_STREET = re.compile(r"\b(?!The\s)[A-Z][a-z'’-]+\s+(?:Drive|Place|Square|Parade)\b")
# A UK postcode anywhere ("NB4 7QX", "nb47qx").
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# A run of digits that may be written with spaces, dashes, dots or brackets: a phone number if it has the length
# of a UK number (10 or 11 digits from 0, or 44 and 10 more).
DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().-]*\d")
LOCATING_PATTERNS = (PLACE_WORDS, NUMBERED_STREET, NAMED_STREET, POSTCODE, EMAIL)
# Kinds of agency whose involvement places someone (a refuge is where she lives; a school where a child is).
LOCATING_AGENCY_KINDS = frozenset({"refuge", "school", "health"})
PARENT_USING_ABUSE = "parent_using_abuse"


def _phone_core(digits: str) -> str:
    """The digits of a phone number without its country code or leading 0, so "+44 7700 900123" and "07700900123"
    compare equal."""
    if digits.startswith("0044"):
        digits = digits[4:]
    elif digits.startswith("44") and len(digits) >= 12:
        digits = digits[2:]
    return digits.lstrip("0")


def _digit_runs(text: str) -> list[str]:
    return [re.sub(r"\D", "", run) for run in DIGIT_RUN.findall(text)]


def has_phone_number(text: str) -> bool:
    for digits in _digit_runs(text):
        if digits.startswith("0") and len(digits) in (10, 11):
            return True
        if digits.startswith(("44", "0044")) and len(_phone_core(digits)) == 10:
            return True
    return False


def _is_phone_like(place: str) -> bool:
    return bool(re.fullmatch(r"[\d\s()+.-]+", place)) and len(re.sub(r"\D", "", place)) >= 7


def _mentions(text: str, place: str) -> bool:
    """Whether the text names this place of the case: whole words, any spacing, any case; a phone number by its
    digits however it is written."""
    if _is_phone_like(place):
        core = _phone_core(re.sub(r"\D", "", place))
        return any(core in _phone_core(digits) for digits in _digit_runs(text))
    words = r"\s+".join(re.escape(word) for word in place.split())
    return re.search(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE) is not None


def names_a_case_place(texts: Iterable[str], places: Iterable[str]) -> bool:
    """Whether any text names one of these places of the case (see `case_places`), whatever words are around it."""
    texts = [text for text in texts if text]
    for place in places:
        place = " ".join(place.split())
        if len(place) >= 3 and any(_mentions(text, place) for text in texts):
            return True
    return False


def names_a_place(texts: Iterable[str], places: Iterable[str] = ()) -> bool:
    """Whether any text names a place that could find someone: a place word, a street, a postcode, an email address
    or a phone number, or one of the case's own places."""
    texts = [text for text in texts if text]
    if any(pattern.search(text) for pattern in LOCATING_PATTERNS for text in texts):
        return True
    if any(has_phone_number(text) for text in texts):
        return True
    return names_a_case_place(texts, places)


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

    `places` are the case's own place names that must never reach the wrong person (`case_places(case)`)."""
    model = type(obj).__name__
    if field in ROW_CLASSED_FIELDS.get(model, ()):
        if model == "Action":
            return class_of_action(obj, places)
        if model == "Outcome":
            return class_of_outcome(obj, places)
        if model == "ProgressUpdate":
            return class_of_action(obj.action, places)
    return FIELD_CLASSES[f"{model}.{field}"]


@dataclass(frozen=True)
class CasePlaces:
    """The case's own words that could find someone (see `case_places`). Iterating gives every one of them;
    `confidential` are those of its confidential locations, which only the lead organisation (`case`'s) may read
    wherever they are written."""

    names: tuple[str, ...] = ()
    confidential: tuple[str, ...] = ()
    case: Any = dataclass_field(default=None, compare=False, repr=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def case_places(case: Any) -> CasePlaces:
    """Every word in the case that could find someone other than the parent using abuse: each line, town and
    postcode of every address where anyone else lives (or no one is recorded), every contact detail of anyone else,
    every school or setting and every name someone is known by now.

    Left out, because they tell him nothing he does not know: his own addresses and contact details, and a town he
    lives in himself. `confidential` holds the lines, postcode and town of each confidential address and refuge
    (whether or not its box is ticked), and each confidential contact detail; a confidential address's town is not
    confidential when someone in the case also lives there openly."""
    people = list(Person.objects.filter(case=case).values_list("pk", "role_in_case", "known_as", "school_or_setting"))
    his = {pk for pk, role, _, _ in people if role == PARENT_USING_ABUSE}
    names: list[str] = []
    for pk, _, known_as, school in people:
        if pk not in his:
            names += [known_as, school]
    residents: dict[Any, set[Any]] = {}
    for person_id, address_id in Person.objects.filter(case=case, address__isnull=False).values_list("pk", "address"):
        residents.setdefault(address_id, set()).add(person_id)
    columns = ("pk", "kind", "is_confidential_location", "line_1", "line_2", "town", "postcode")
    addresses = list(Address.objects.filter(case=case).values_list(*columns))
    his_only = {pk for pk, *_ in addresses if residents.get(pk) and residents[pk] <= his}
    his_towns = {town.casefold() for pk, *_, town, _ in addresses if pk in his_only and town}
    open_towns = {
        town.casefold()
        for pk, kind, ticked, *_, town, _ in addresses
        if not ticked and kind != Address.Kind.REFUGE and pk not in his_only and town
    }
    confidential: list[str] = []
    for pk, kind, ticked, line_1, line_2, town, postcode in addresses:
        if pk in his_only:
            continue
        town = "" if town.casefold() in his_towns else town
        names += [line_1, line_2, town, postcode]
        if ticked or kind == Address.Kind.REFUGE:
            confidential += [line_1, line_2, postcode, "" if town.casefold() in open_towns else town]
    contacts = ContactDetail.objects.filter(person__case=case).exclude(person__role_in_case=PARENT_USING_ABUSE)
    for value, ticked in contacts.values_list("value", "is_confidential_location"):
        names.append(value)
        if ticked:
            confidential.append(value)
    return CasePlaces(_distinct(names), _distinct(confidential), case)


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(value.split()) for value in values if value and value.strip()))


def texts_of(record: Any) -> list[str]:
    """The words of a plan record that may name a place: an action's what, measure and worker; an outcome's text;
    a progress update's action and its note; a review's notes and who else attended; a child's views."""
    model = type(record).__name__
    if model == "Action":
        return [record.what, record.measure, record.owner_worker]
    if model == "Outcome":
        return [record.text]
    if model == "ProgressUpdate":
        return [*texts_of(record.action), record.note]
    if model == "Review":
        return [record.others_attended, record.engagement_notes, record.safety_notes]
    if model == "ChildView":
        return [record.views]
    return []


def names_a_confidential_place(record: Any, places: Iterable[str]) -> bool:
    """Whether a plan record's words name one of the case's confidential locations (`CasePlaces.confidential`):
    such a record is treated as a confidential location itself, so only the lead organisation reads it."""
    confidential = getattr(places, "confidential", ())
    return bool(confidential) and names_a_case_place(texts_of(record), confidential)
