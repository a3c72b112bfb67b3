"""Who may see and do what with a case: decided here, once, and used by every view and template.

A user sees a case only if it is shared with their organisation. Anyone else gets a 404, never a hint the
case exists. Commissioners and administrators never open case records at all.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.models import Case


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
    return user.oversees_cases
