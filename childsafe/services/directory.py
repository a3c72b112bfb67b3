"""Changes to the service directory, each saved with its audit entry (object type "service") in one transaction,
and the rules a directory entry must meet, shared by the pages and the CSV import so both say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.services.models import Service

# The longest each text may be, in characters; the same for the form and the CSV import.
MAX_LENGTHS = {
    "key": 60,
    "name": 200,
    "description": 2000,
    "referral_route": 1000,
    "phone": 40,
    "email": 254,
    "evidence": 2000,
    "area": 100,
}
MAX_AGE = 25  # children's services sometimes continue to 25 for care leavers and young people with SEND
MAX_WAITING_WEEKS = 520
MAX_CAPACITY = 100_000
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# A simple, permissive check: something@something.something, no spaces.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

FIELD_LABELS = {
    "key": "Key",
    "name": "Name",
    "service_type": "Type of service",
    "description": "Description",
    "tiers": "Tiers of need served",
    "serves": "Whom it works with",
    "areas": "Areas covered",
    "min_age": "Youngest age",
    "max_age": "Oldest age",
    "capacity": "Places available now",
    "waiting_weeks": "Waiting time in weeks",
    "referral_route": "How to refer",
    "phone": "Phone",
    "email": "Email",
    "evidence": "Evidence",
    "evidence_level": "Level of evidence",
    "is_active": "Active",
    "last_reviewed": "Last reviewed",
}


def unique_key_for(name: str, taken: Iterable[str] = ()) -> str:
    """A key made from the name ("northbrook-womens-refuge"), with a number added if it is already used."""
    base = (slugify(name) or "service")[: MAX_LENGTHS["key"] - 4].strip("-") or "service"
    taken = set(taken) | set(Service.objects.filter(key__startswith=base).values_list("key", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _audit(by: User, action: str, service: Service, fields: Iterable[str], request: HttpRequest | None) -> None:
    record(actor=by, action=action, object_type="service", object_id=service.pk, changed_fields=fields, request=request)


def save_service(
    service: Service, *, by: User, changed: Iterable[str], creating: bool, request: HttpRequest | None = None
) -> Service:
    """Add or change a directory entry, and log it, together."""
    with transaction.atomic():
        service.updated_at = timezone.now()
        service.save(force_insert=creating)
        _audit(by, AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE, service, changed, request)
    return service


def set_active(service: Service, active: bool, *, by: User, request: HttpRequest | None = None) -> Service:
    """Deactivate (no new referrals, not proposed) or reactivate a service. Existing referrals are kept."""
    if service.is_active == active:
        return service
    service.is_active = active
    return save_service(service, by=by, changed=["is_active"], creating=False, request=request)


def values_of(service: Service) -> dict[str, Any]:
    """The directory fields of a service, for comparing an import with what is stored."""
    return {
        "key": service.key,
        "name": service.name,
        "service_type": service.service_type,
        "description": service.description,
        "tiers": sorted(service.tiers),
        "serves": list(service.serves),
        "areas": list(service.areas),
        "min_age": service.min_age,
        "max_age": service.max_age,
        "capacity": service.capacity,
        "waiting_weeks": service.waiting_weeks,
        "referral_route": service.referral_route,
        "phone": service.phone,
        "email": service.email,
        "evidence": service.evidence,
        "evidence_level": service.evidence_level,
        "is_active": service.is_active,
        "last_reviewed": service.last_reviewed,
    }


DIRECTORY_FIELDS = tuple(FIELD_LABELS)
