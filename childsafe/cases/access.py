"""Who may see and do what with a case: decided here, once, and used by every view and template.

A user sees a case only if it is shared with their organisation. Anyone else gets a 404, never a hint the
case exists. Commissioners and administrators never open case records at all.

Seeing a case is not seeing all of it. Organisations whose work is with the person using abusive behaviours (a
behaviour-change programme, probation) need to know what he chose to do and what is asked of him; they never need
to know where the victim-survivor and the children are, what they said, or how they are. The adversary is him,
and these workers are the easiest for him to deceive or pressure. So for them every field classed LOCATION,
DISCLOSURE, WELLBEING or SAFETY_PLAN (in `cases/sensitivity.py` and `chronology/sensitivity.py`) is left out of
what they see about anyone but him, and they change nothing about the household but his own details and new
chronology entries. Every domain app asks `works_with_the_person_using_abuse` the same question. Nor do they get
what would tell them the same things indirectly: the case's access log (it names the refuge and the school, and when
her address changed), or a caseload search that matches a known-as name they may not see.

The case's own details (allocated worker, team, summary) are changed by the lead organisation only
(`can_change_case_details`), as closing, reopening and sharing are.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case, Person
from childsafe.cases.sensitivity import FIELD_CLASSES as CASE_FIELD_CLASSES
from childsafe.chronology.sensitivity import FIELD_CLASSES as CHRONOLOGY_FIELD_CLASSES
from childsafe.disclosure.classes import Sensitivity

WORKS_WITH_THE_PERSON_USING_ABUSE: frozenset[str] = frozenset(
    {Organisation.Kind.PERPETRATOR_PROGRAMME, Organisation.Kind.PROBATION}
)
# What such organisations never see about anyone but the person using abuse.
VICTIM_INFORMATION: frozenset[Sensitivity] = frozenset(
    {Sensitivity.LOCATION, Sensitivity.DISCLOSURE, Sensitivity.WELLBEING, Sensitivity.SAFETY_PLAN}
)
# Agencies whose very name says where someone is: she is in a refuge; the children go to that school.
LOCATING_AGENCY_KINDS: frozenset[str] = frozenset({Organisation.Kind.REFUGE, Organisation.Kind.SCHOOL})
_FIELD_CLASSES = {**CASE_FIELD_CLASSES, **CHRONOLOGY_FIELD_CLASSES}


def cases_visible_to(user: User | Any) -> QuerySet[Case]:
    if not user.is_authenticated or not user.works_on_cases or user.organisation_id is None:
        return Case.objects.none()
    return Case.objects.filter(shares__organisation_id=user.organisation_id)


def get_case_for_user(user: User, case_id: uuid.UUID | str, request: HttpRequest | None = None) -> Case:
    """The case, if this user may see it; otherwise 404, exactly as if it did not exist."""
    try:
        case_uuid = uuid.UUID(str(case_id))
    except ValueError as exc:
        raise Http404("No such case") from exc
    case = (
        cases_visible_to(user)
        .select_related("lead_organisation", "team", "allocated_worker")
        .filter(pk=case_uuid)
        .first()
    )
    if case is None:
        _log_refusal(user, case_uuid, request)
        raise Http404("No such case")
    return case


def _log_refusal(user: User, case_uuid: uuid.UUID, request: HttpRequest | None) -> None:
    """A refused attempt on a real case goes in that case's log, so its managers can see who tried.

    The person refused still sees only "page not found", the same as for a case that does not exist.
    """
    if user.is_authenticated and Case.objects.filter(pk=case_uuid).exists():
        with transaction.atomic():
            record(
                actor=user,
                action=AuditEntry.Action.ACCESS_REFUSED,
                object_type="case",
                object_id=case_uuid,
                case_id=case_uuid,
                request=request,
            )


def can_edit_case(user: User, case: Case) -> bool:
    """Everyone who works on cases in an organisation the case is shared with may add to it while it is open."""
    return user.works_on_cases and case.is_open


def can_change_case_details(user: User, case: Case) -> bool:
    """Who is allocated, which team, why the case is open: the lead organisation's to decide, like closing it.

    A partner (above all one that works with the person using abuse, whose worker he may deceive or pressure)
    could otherwise leave the case with no allocated worker, so that no one is told when he stops engaging.
    """
    return can_edit_case(user, case) and user.organisation_id == case.lead_organisation_id


def can_change_status(user: User, case: Case) -> bool:
    """Closing and reopening belong to the lead organisation: its allocated worker or its managers."""
    if user.organisation_id != case.lead_organisation_id:
        return False
    return user.oversees_cases or case.allocated_worker_id == user.pk


def can_share_case(user: User, case: Case) -> bool:
    return user.organisation_id == case.lead_organisation_id and case.is_open


def can_see_confidential_locations(user: User, case: Case) -> bool:
    """A refuge or new address is known only inside the lead organisation; partners see that one exists."""
    return user.organisation_id == case.lead_organisation_id


def can_see_access_log(user: User, case: Case) -> bool:
    """Managers and safeguarding leads, except in an organisation that works with the person using abuse: the log
    names every reader and their organisation (the refuge, the school) and when her address or a child's school was
    changed, all of which their case page leaves out."""
    return user.oversees_cases and not works_with_the_person_using_abuse(user)


def works_with_the_person_using_abuse(user: User | Any) -> bool:
    """True for users of an organisation whose work is with the person using abuse (see the module docstring)."""
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.kind in WORKS_WITH_THE_PERSON_USING_ABUSE


def may_see(user: User | Any, field: str, about: Person | None = None) -> bool:
    """Whether this user may see this field ("Model.field" of the case or chronology models) of a record about
    this person (None: about the household or the victim-survivor and children in general).

    Unknown fields are refused, so a new field cannot reach a page until it has a class.
    """
    sensitivity = _FIELD_CLASSES.get(field)
    if sensitivity is None:
        return False
    if not works_with_the_person_using_abuse(user):
        return True
    if about is not None and about.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE:
        return True
    return sensitivity not in VICTIM_INFORMATION


def may_name_agency(user: User | Any, organisation: Organisation) -> bool:
    """A refuge's or a school's name is a location: it is not shown to those who work with the person using abuse."""
    return not works_with_the_person_using_abuse(user) or organisation.kind not in LOCATING_AGENCY_KINDS


def can_change_household(user: User | Any, case: Case) -> bool:
    """Adding people, addresses, relationships and contact details, beyond the person using abuse's own."""
    return can_edit_case(user, case) and not works_with_the_person_using_abuse(user)


def can_change_person(user: User | Any, case: Case, person: Person) -> bool:
    if not can_edit_case(user, case):
        return False
    return not works_with_the_person_using_abuse(user) or person.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE


def redact_people(user: User | Any, people: Iterable[Person]) -> None:
    """Blank, in memory only, every field of these people that this user may not see (for those who work with the
    person using abuse: a child's known-as name, school, needs, own words, address...), so nothing built from the
    objects (a name in a heading, a choice in a form) can carry it. Never saved: every view that saves a person
    refuses these users first (`can_change_person`).
    """
    if not works_with_the_person_using_abuse(user):
        return
    for person in people:
        if person.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE:
            continue
        for field in Person._meta.concrete_fields:
            if field.primary_key or field.name == "case" or may_see(user, f"Person.{field.name}", person):
                continue
            setattr(person, field.attname, None if field.null else field.get_default())
