"""Every change to a case, its people, addresses and relationships, each written with its audit entry in one
transaction. Views call these; nothing else changes case records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import (
    Address,
    Case,
    CaseShare,
    CaseStatusChange,
    ContactDetail,
    Person,
    Relationship,
    new_case_reference,
)

Action = AuditEntry.Action

OBJECT_TYPES: dict[type[Model], str] = {
    Case: "case",
    Person: "person",
    Address: "address",
    ContactDetail: "contact_detail",
    Relationship: "relationship",
    CaseShare: "case_share",
    CaseStatusChange: "case_status_change",
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


def _stored_status(case: Case) -> tuple[str, int]:
    """The case's status and times reopened as stored now, with its row locked until the transaction ends.

    Two people may close (or reopen) the same case at once, each from a page that showed it open: the second must
    see the first one's change and be refused, not overwrite its outcome. On PostgreSQL the row lock makes the second
    wait; on SQLite the IMMEDIATE transaction has already serialised writers.
    """
    return Case.objects.select_for_update().values_list("status", "times_reopened").get(pk=case.pk)


STATUS_FIELDS = ["status", "closed_on", "closure_outcome", "closure_note", "times_reopened", "updated_at"]


def close_case(
    case: Case, *, by: User, outcome: str, note: str = "", on: dt.date | None = None, request: HttpRequest | None = None
) -> Case:
    """Close the case with its outcome, keep the closure in its status history, and log it, together."""
    if outcome not in Case.Outcome.values:
        raise TransitionNotAllowed("Choose the outcome the case closed with")
    with transaction.atomic():
        status, _ = _stored_status(case)
        if status != Case.Status.OPEN:
            raise TransitionNotAllowed("This case is already closed")
        case.status = Case.Status.CLOSED
        case.closed_on = on or timezone.localdate()
        case.closure_outcome = outcome
        case.closure_note = note
        case.updated_at = timezone.now()
        # Only the status fields: whatever else this instance holds may be older than the row.
        case.save(update_fields=STATUS_FIELDS)
        CaseStatusChange.objects.create(
            case=case, status=case.status, outcome=outcome, note=note, effective_on=case.closed_on, changed_by=by
        )
        audit(by, Action.CLOSE, case, request, ["status", "closed_on", "closure_outcome", "closure_note"])
    return case


def reopen_case(case: Case, *, by: User, note: str = "", request: HttpRequest | None = None) -> Case:
    """Reopen a closed case. Its last closure stays in its status history (the case row keeps only the latest)."""
    with transaction.atomic():
        status, times_reopened = _stored_status(case)
        if status != Case.Status.CLOSED:
            raise TransitionNotAllowed("This case is already open")
        case.times_reopened = times_reopened + 1
        case.status = Case.Status.OPEN
        case.closed_on = None
        case.closure_outcome = ""
        case.closure_note = ""
        case.updated_at = timezone.now()
        case.save(update_fields=STATUS_FIELDS)
        CaseStatusChange.objects.create(
            case=case, status=case.status, note=note, effective_on=timezone.localdate(), changed_by=by
        )
        reopened_fields = ["status", "closed_on", "closure_outcome", "closure_note", "times_reopened"]
        audit(by, Action.REOPEN, case, request, reopened_fields)
    return case


def status_history(case: Case) -> list[CaseStatusChange]:
    """Every closing and reopening of the case, oldest first."""
    return list(CaseStatusChange.objects.filter(case=case).select_related("changed_by").order_by("changed_at"))


@dataclass(frozen=True)
class Closure:
    """One time the case was closed and, if it was, when it was reopened. `closed` is None for a reopening whose
    closure was never recorded (closed before the status history was kept)."""

    closed: CaseStatusChange | None
    reopened: CaseStatusChange | None


def closures(history: list[CaseStatusChange]) -> list[Closure]:
    """The status history read as closures, each with the reopening that ended it, oldest first."""
    found: list[Closure] = []
    for change in history:
        if change.status == Case.Status.CLOSED:
            found.append(Closure(closed=change, reopened=None))
        elif found and found[-1].reopened is None and found[-1].closed is not None:
            found[-1] = Closure(closed=found[-1].closed, reopened=change)
        else:
            found.append(Closure(closed=None, reopened=change))
    return found


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
