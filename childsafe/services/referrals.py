"""Making referrals and moving them through their statuses: each change is checked, saved, added to the referral's
history and written to the audit log in one transaction. A refused change raises `ReferralRefused` with a plain
message for the person who tried it; nothing is saved.

The statuses and the moves between them:

    sent      -> accepted, declined, waiting
    accepted  -> waiting, started, disengaged
    waiting   -> accepted, started, declined, disengaged
    started   -> completed, disengaged
    declined, completed, disengaged: final (make a new referral to try again)

Declining and disengaging need a reason. A referral of the parent using abuse to a behaviour-change programme is
made together with a partner support referral for the non-abusing parent where one is chosen
(`refer_to_programme`); until one exists the case shows a warning (`engagement.partner_support_warnings`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case, Person
from childsafe.services.matching import age_reason, role_reason, whom_for
from childsafe.services.models import OPEN_STATUSES, Referral, ReferralStatusChange, Service

Status = Referral.Status

TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.SENT: (Status.ACCEPTED, Status.DECLINED, Status.WAITING),
    Status.ACCEPTED: (Status.WAITING, Status.STARTED, Status.DISENGAGED),
    Status.WAITING: (Status.ACCEPTED, Status.STARTED, Status.DECLINED, Status.DISENGAGED),
    Status.STARTED: (Status.COMPLETED, Status.DISENGAGED),
    Status.DECLINED: (),
    Status.COMPLETED: (),
    Status.DISENGAGED: (),
}
NEEDS_REASON = frozenset({Status.DECLINED, Status.DISENGAGED})
REASON_MAX = 2000


class ReferralRefused(Exception):
    """A referral or status change that is not allowed; the message says why, in plain words."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def _label(status: str) -> str:
    return str(Status(status).label).lower()


def _name(person: Person) -> str:
    return person.known_as or person.first_name


ROLE_WORDS = {
    Person.RoleInCase.CHILD: "children",
    Person.RoleInCase.SIBLING_ELSEWHERE: "children",
    Person.RoleInCase.NON_ABUSING_PARENT: "non-abusing parents",
    Person.RoleInCase.PARENT_USING_ABUSE: "parents using abuse",
    Person.RoleInCase.OTHER_ADULT: "other adults in the household",
}


def referral_problem(service: Service, person: Person, today: dt.date) -> str | None:
    """Why this person cannot be referred to this service, in plain words; None if they can.

    Tier and area are not checked here: a worker may rightly refer outside them (a refuge in another area, for
    one). Whom the service works with, the age range, and the programme rules always hold.
    """
    if not service.is_active:
        return f"{service.name} is no longer in the directory's active services: choose another service"
    if service.type is None:
        return f"{service.name} has a service type the system no longer knows: ask an administrator to correct it"
    if service.is_behaviour_change_programme and person.role_in_case != Person.RoleInCase.PARENT_USING_ABUSE:
        return "A behaviour-change programme is only for the parent using abuse"
    if service.is_partner_support and person.role_in_case != Person.RoleInCase.NON_ABUSING_PARENT:
        return "Partner support is for the non-abusing parent, alongside a programme for the parent using abuse"
    because = role_reason(service, whom_for(person))
    if because is None:
        return f"{service.name} does not work with {ROLE_WORDS.get(person.role_in_case, 'this person')}"
    if age_reason(service, person, because, today) is None:
        age = person.age_on(today)
        return f"{service.name} works with children aged {service.age_range_text}, and {_name(person)} is {age}"
    return None


def _audit(
    by: User,
    action: str,
    object_type: str,
    object_id: Any,
    case_id: Any,
    fields: Iterable[str],
    request: HttpRequest | None,
) -> None:
    record(
        actor=by,
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        changed_fields=fields,
        request=request,
    )


def _touch(case_id: Any) -> None:
    Case.objects.filter(pk=case_id).update(updated_at=timezone.now())


def _check_date(on: dt.date, *, not_before: dt.date | None = None, what: str = "The date") -> None:
    if on > timezone.localdate():
        raise ReferralRefused(f"{what} must be today or in the past", field="on")
    if not_before is not None and on < not_before:
        raise ReferralRefused(f"{what} must be on or after {not_before.day} {not_before:%B %Y}", field="on")


def _check_case_open(case: Case) -> None:
    if not case.is_open:
        raise ReferralRefused("This case is closed: reopen it to change its referrals")


def _create(
    case: Case, person: Person, service: Service, *, reason: str, on: dt.date, by: User, request: HttpRequest | None
) -> Referral:
    if person.case_id != case.pk:
        raise ReferralRefused("Choose someone in this household", field="person")
    problem = referral_problem(service, person, timezone.localdate())
    if problem:
        raise ReferralRefused(problem, field="service")
    if not reason.strip():
        raise ReferralRefused(f"Enter why you are referring {_name(person)}", field="reason")
    _check_date(on, what="The date the referral was sent")
    already = Referral.objects.filter(person=person, service=service, status__in=list(OPEN_STATUSES)).first()
    if already is not None:
        raise ReferralRefused(
            f"{_name(person)} already has an open referral to {service.name}, sent on {already.referred_on.day} "
            f"{already.referred_on:%B %Y}: update that one instead",
            field="service",
        )
    referral = Referral(
        case=case,
        person=person,
        service=service,
        reason=reason,
        referred_on=on,
        referred_by=by,
        referred_by_organisation_id=by.organisation_id,
        status=Status.SENT,
        status_on=on,
    )
    referral.save(force_insert=True)
    ReferralStatusChange.objects.create(referral=referral, status=Status.SENT, on=on, changed_by=by)
    fields = ["person", "service", "reason", "referred_on", "status"]
    _audit(by, AuditEntry.Action.CREATE, "referral", referral.pk, case.pk, fields, request)
    return referral


def refer(
    case: Case,
    person: Person,
    service: Service,
    *,
    reason: str,
    on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> Referral:
    """Refer one person to one service. For a programme, use `refer_to_programme` so partner support goes too."""
    _check_case_open(case)
    with transaction.atomic():
        referral = _create(case, person, service, reason=reason, on=on, by=by, request=request)
        _touch(case.pk)
    return referral


def refer_to_programme(
    case: Case,
    parent: Person,
    programme: Service,
    *,
    reason: str,
    on: dt.date,
    by: User,
    partner: Person | None = None,
    partner_service: Service | None = None,
    partner_reason: str = "",
    request: HttpRequest | None = None,
) -> tuple[Referral, Referral | None]:
    """Refer the parent using abuse to a programme and, in the same transaction, the non-abusing parent to partner
    support (when one is given). Either both are saved or neither."""
    _check_case_open(case)
    if not programme.is_behaviour_change_programme:
        raise ReferralRefused("Choose a behaviour-change programme", field="service")
    if partner_service is not None:
        if partner is None:
            raise ReferralRefused("Choose the non-abusing parent to refer to partner support", field="partner_service")
        if not partner_service.is_partner_support:
            raise ReferralRefused("Choose a partner support service", field="partner_service")
        if not partner_reason.strip():
            raise ReferralRefused(
                f"Enter why you are referring {_name(partner)} to partner support", field="partner_reason"
            )
    with transaction.atomic():
        referral = _create(case, parent, programme, reason=reason, on=on, by=by, request=request)
        partner_referral = None
        if partner_service is not None and partner is not None:
            partner_referral = _create(
                case, partner, partner_service, reason=partner_reason, on=on, by=by, request=request
            )
        _touch(case.pk)
    return referral, partner_referral


def change_status(
    referral: Referral,
    status: str,
    *,
    on: dt.date,
    by: User,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Move a referral to `status` on the date given, if the move is allowed; otherwise ReferralRefused."""
    _check_case_open(referral.case)
    if status not in Status.values:
        raise ReferralRefused("Choose what has happened to the referral", field="status")
    if status in NEEDS_REASON and not reason.strip():
        if status == Status.DECLINED:
            raise ReferralRefused("Enter why the referral was declined", field="reason")
        raise ReferralRefused(f"Enter why {_name(referral.person)} disengaged", field="reason")
    if len(reason) > REASON_MAX:
        raise ReferralRefused(f"The reason must be {REASON_MAX} characters or fewer", field="reason")
    with transaction.atomic():
        # Read the status again under a lock: two people updating at once must not both move it from the old one.
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        if status not in allowed_next(current.status):
            raise ReferralRefused(refusal_message(current.status, status), field="status")
        _check_date(on, not_before=current.status_on)
        current.status = status
        current.status_on = on
        current.status_reason = reason if status in NEEDS_REASON else ""
        current.updated_at = timezone.now()
        current.save(update_fields=["status", "status_on", "status_reason", "updated_at"])
        ReferralStatusChange.objects.create(
            referral=current, status=status, on=on, reason=current.status_reason, changed_by=by
        )
        _audit(
            by,
            AuditEntry.Action.UPDATE,
            "referral",
            current.pk,
            current.case_id,
            ["status", "status_on", "status_reason"],
            request,
        )
        _touch(current.case_id)
    referral.status, referral.status_on, referral.status_reason = (
        current.status,
        current.status_on,
        current.status_reason,
    )
    return referral


def refusal_message(current: str, wanted: str) -> str:
    if current == wanted:
        return f"The referral is already {_label(current)}"
    if not allowed_next(current):
        return f"A referral that is {_label(current)} cannot change any more: make a new referral instead"
    options = " or ".join(_label(status) for status in allowed_next(current))
    return f"A referral that is {_label(current)} cannot be marked {_label(wanted)}; it can be marked {options}"
