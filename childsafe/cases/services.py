"""Every change to a case, its people, addresses and relationships, each written with its audit entry in one
transaction. Views call these; nothing else changes case records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Address, Case, CaseShare, ContactDetail, Person, Relationship, new_case_reference

Action = AuditEntry.Action

OBJECT_TYPES: dict[type[Model], str] = {
    Case: "case",
    Person: "person",
    Address: "address",
    ContactDetail: "contact_detail",
    Relationship: "relationship",
    CaseShare: "case_share",
}


class TransitionNotAllowed(Exception):
    """A status change that the case's current state does not allow; the message says why in plain words."""


def _case_id_of(obj: Model) -> Any:
    if isinstance(obj, Case):
        return obj.pk
    if isinstance(obj, ContactDetail):
        return obj.person.case_id
    return obj.case_id  # type: ignore[attr-defined]


def audit(actor: User, action: str, obj: Model, request: HttpRequest | None, fields: Iterable[str] = ()) -> None:
    record(
        actor=actor,
        action=action,
        object_type=OBJECT_TYPES.get(type(obj), type(obj).__name__.lower()),
        object_id=obj.pk,
        case_id=_case_id_of(obj),
        changed_fields=fields,
        request=request,
    )


def record_view(actor: User, obj: Model, request: HttpRequest | None) -> None:
    with transaction.atomic():
        audit(actor, Action.VIEW, obj, request)


def _touch(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())


def open_case(
    *, by: User, request: HttpRequest | None = None, shared_with: Iterable[Organisation] = (), **fields: Any
) -> Case:
    """Open a case led by the user's organisation and shared with it and any partners named."""
    if by.organisation is None:
        raise TransitionNotAllowed("Your account is not part of an organisation, so you cannot open a case")
    fields.setdefault("lead_organisation", by.organisation)
    for _ in range(5):
        try:
            with transaction.atomic():
                case = Case(**fields)
                case.reference = new_case_reference()
                case.save(force_insert=True)
                audit(by, Action.CREATE, case, request, fields.keys())
                organisations = {case.lead_organisation, *shared_with}
                for organisation in sorted(organisations, key=lambda org: org.pk):
                    share = CaseShare.objects.create(case=case, organisation=organisation, shared_by=by)
                    audit(by, Action.SHARE, share, request, ["organisation"])
                return case
        except IntegrityError:
            # A reference collision (one in 10^12): try another; anything else is a real fault.
            if not Case.objects.filter(reference=case.reference).exists():
                raise
    raise IntegrityError("Could not find a free case reference")


def update_case(case: Case, *, by: User, request: HttpRequest | None, changed: Iterable[str]) -> Case:
    changed = list(changed)
    with transaction.atomic():
        case.updated_at = timezone.now()
        case.save()
        audit(by, Action.UPDATE, case, request, changed)
    return case


def close_case(
    case: Case, *, by: User, outcome: str, note: str = "", on: dt.date | None = None, request: HttpRequest | None = None
) -> Case:
    if not case.is_open:
        raise TransitionNotAllowed("This case is already closed")
    if outcome not in Case.Outcome.values:
        raise TransitionNotAllowed("Choose the outcome the case closed with")
    with transaction.atomic():
        case.status = Case.Status.CLOSED
        case.closed_on = on or timezone.localdate()
        case.closure_outcome = outcome
        case.closure_note = note
        case.updated_at = timezone.now()
        case.save()
        audit(by, Action.CLOSE, case, request, ["status", "closed_on", "closure_outcome", "closure_note"])
    return case


def reopen_case(case: Case, *, by: User, request: HttpRequest | None = None) -> Case:
    if case.is_open:
        raise TransitionNotAllowed("This case is already open")
    with transaction.atomic():
        case.status = Case.Status.OPEN
        case.closed_on = None
        case.closure_outcome = ""
        case.times_reopened += 1
        case.updated_at = timezone.now()
        case.save()
        audit(by, Action.REOPEN, case, request, ["status", "closed_on", "closure_outcome", "times_reopened"])
    return case


def share_case(
    case: Case, organisation: Organisation, *, by: User, reason: str = "", request: HttpRequest | None = None
) -> CaseShare:
    with transaction.atomic():
        share, created = CaseShare.objects.get_or_create(
            case=case, organisation=organisation, defaults={"shared_by": by, "reason": reason}
        )
        if created:
            audit(by, Action.SHARE, share, request, ["organisation", "reason"])
            _touch(case)
    return share


def save_record(obj: Model, *, by: User, request: HttpRequest | None, changed: Iterable[str], creating: bool) -> Model:
    """Save a person, address, contact detail or relationship and log it, together."""
    with transaction.atomic():
        obj.save(force_insert=creating)
        audit(by, Action.CREATE if creating else Action.UPDATE, obj, request, changed)
        case = obj if isinstance(obj, Case) else Case(pk=_case_id_of(obj))
        _touch(case)
    return obj


def remove_record(obj: Model, *, by: User, request: HttpRequest | None) -> None:
    with transaction.atomic():
        audit(by, Action.DELETE, obj, request)
        case_id = _case_id_of(obj)
        obj.delete()
        _touch(Case(pk=case_id))
