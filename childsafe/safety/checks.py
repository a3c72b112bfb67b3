"""What a contact with the parent using abuse needs before it may go ahead, as plain functions over answers.

`missing_answers` is used twice: by the safety check form, to put a message by each unanswered question, and by
`services.complete_safety_check`, which refuses to mark a contact ready while anything is missing, whoever calls
it. `disclosure_reminders` pre-fills "what must not be disclosed" from the case's own records, naming kinds of
information (a refuge, a school), never their content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from childsafe.safety.models import ContactSafetyCheck, YesNoUnsure
from childsafe.safety.rules import needs_two_workers

Perspective = ContactSafetyCheck.Perspective
MustNotDisclose = ContactSafetyCheck.MustNotDisclose
WorkerArrangement = ContactSafetyCheck.WorkerArrangement

# Every answer of the check, in the order the form asks them.
CHECK_FIELDS: tuple[str, ...] = (
    "risk_information_read",
    "risk_to_her",
    "risk_to_children",
    "recent_changes",
    "could_increase_risk",
    "risk_management",
    "perspective_gathered",
    "perspective_via",
    "not_safe_to_ask_reason",
    "her_view_on_safety",
    "her_view_on_risk",
    "childrens_perspective",
    "must_not_disclose",
    "must_not_disclose_other",
    "everyone_briefed",
    "worker_arrangements",
    "worker_safety_notes",
    "manager_consulted",
    "manager_advice",
)


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return not value


def missing_answers(
    answers: Mapping[str, Any], *, flag_kinds: Iterable[str] = (), manager_must_agree: bool = False
) -> dict[str, str]:
    """Each question not yet answered well enough for the contact to go ahead, with what to do, in plain words.

    `flag_kinds` are the kinds of the active worker safety flags on the person to be met; `manager_must_agree` is
    true when any of them says a manager must agree to contact. An empty result means the contact may be marked
    ready.
    """
    get = answers.get
    missing: dict[str, str] = {}

    read = get("risk_information_read") or ""
    if read == "":
        missing["risk_information_read"] = "Say whether you have read the latest risk information"
    elif read != YesNoUnsure.YES:
        missing["risk_information_read"] = (
            "Read the latest risk information (risk assessment, chronology, police notifications) before the contact"
        )
    if _blank(get("risk_to_her")):
        missing["risk_to_her"] = "Describe the current risk to the non-abusing parent"
    if _blank(get("risk_to_children")):
        missing["risk_to_children"] = "Describe the current risk to the children"
    if _blank(get("recent_changes")):
        missing["recent_changes"] = "Say what has changed recently that could raise risk, or write “Nothing known”"
    could_increase = get("could_increase_risk") or ""
    if could_increase == "":
        missing["could_increase_risk"] = "Say whether this contact could increase risk to her or the children"

    perspective = get("perspective_gathered") or ""
    if perspective == "":
        missing["perspective_gathered"] = "Say whether the non-abusing parent’s view was asked for, and how"
    elif perspective == Perspective.VIA_WORKER and _blank(get("perspective_via")):
        missing["perspective_via"] = "Enter who asked her, and their organisation"
    elif perspective == Perspective.NOT_SAFE and _blank(get("not_safe_to_ask_reason")):
        missing["not_safe_to_ask_reason"] = "Say why it was not safe to ask her"
    her_view_on_risk = get("her_view_on_risk") or ""
    if perspective in {Perspective.DIRECTLY, Perspective.VIA_WORKER}:
        if _blank(get("her_view_on_safety")):
            missing["her_view_on_safety"] = "Enter what she said about her own and the children’s safety"
        if her_view_on_risk == "":
            missing["her_view_on_risk"] = "Say whether she thinks the contact could increase risk"
    if _blank(get("risk_management")) and (
        could_increase in {YesNoUnsure.YES, YesNoUnsure.NOT_SURE} or her_view_on_risk == YesNoUnsure.YES
    ):
        missing["risk_management"] = "Say how the risk from this contact will be managed"
    if _blank(get("childrens_perspective")):
        missing["childrens_perspective"] = "Enter what the children have said or shown, or why it is not known"

    must_not_disclose = list(get("must_not_disclose") or [])
    if not must_not_disclose:
        missing["must_not_disclose"] = "Select what must not be disclosed to the parent using abuse"
    elif MustNotDisclose.OTHER in must_not_disclose and _blank(get("must_not_disclose_other")):
        missing["must_not_disclose_other"] = "Describe what else must not be disclosed"
    briefed = get("everyone_briefed") or ""
    if briefed == "":
        missing["everyone_briefed"] = "Say whether everyone at the contact knows what must not be disclosed"
    elif briefed != YesNoUnsure.YES:
        missing["everyone_briefed"] = "Tell everyone at the contact what must not be disclosed before it goes ahead"

    arrangements = list(get("worker_arrangements") or [])
    if WorkerArrangement.WHEREABOUTS not in arrangements:
        missing["worker_arrangements"] = "Record the workers’ whereabouts and expected finish time with the team"
    elif needs_two_workers(flag_kinds) and WorkerArrangement.PAIRS not in arrangements:
        missing["worker_arrangements"] = "A worker safety flag says two workers must be there: arrange a second worker"

    if manager_must_agree:
        if _blank(get("manager_consulted")):
            missing["manager_consulted"] = "A worker safety flag says a manager must agree: enter who you consulted"
        if _blank(get("manager_advice")):
            missing["manager_advice"] = "Enter what the manager advised"
    return missing


def check_answers(check: ContactSafetyCheck | None) -> dict[str, Any]:
    if check is None:
        return {}
    return {name: getattr(check, name) for name in CHECK_FIELDS}


@dataclass(frozen=True)
class Reminder:
    """A kind of information the case holds that must not reach the parent using abuse. Never its content."""

    kind: str
    text: str


def disclosure_reminders(
    *,
    confidential_address_kinds: Iterable[str],
    has_confidential_contact_details: bool,
    children_with_school: Iterable[str],
    people_with_safety_plans: Iterable[str],
    has_children: bool,
) -> list[Reminder]:
    """What the case's records say must be kept from him, by kind. The names given are first names of the people
    the reminder is about (the worker knows them; the parent using abuse knows them too)."""
    reminders: list[Reminder] = []
    address_kinds = sorted(set(confidential_address_kinds))
    if address_kinds:
        reminders.append(
            Reminder(
                MustNotDisclose.HER_ADDRESS,
                f"A confidential location is recorded for this household ({', '.join(address_kinds)}).",
            )
        )
        if has_children:
            reminders.append(
                Reminder(MustNotDisclose.CHILDREN_LOCATION, "The children live at a confidential location.")
            )
    if has_confidential_contact_details:
        reminders.append(Reminder(MustNotDisclose.CONTACT_DETAILS, "Confidential contact details are recorded."))
    schools = list(children_with_school)
    if schools:
        reminders.append(Reminder(MustNotDisclose.SCHOOL, f"A school or nursery is recorded for {_names(schools)}."))
    planned = list(people_with_safety_plans)
    if planned:
        reminders.append(Reminder(MustNotDisclose.SAFETY_PLANS, f"Safety plans are in place for {_names(planned)}."))
    reminders.append(Reminder(MustNotDisclose.WHAT_SHE_SAID, "Nothing the non-abusing parent has said is repeated."))
    if has_children:
        reminders.append(Reminder(MustNotDisclose.WHAT_CHILDREN_SAID, "Nothing the children have said is repeated."))
    return reminders


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
