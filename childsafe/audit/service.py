"""The one way to write to the audit log, and the hash that chains entries together."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from childsafe.audit.models import AuditEntry, ChainHead

GENESIS_HASH = "0" * 64
CHAIN_HEAD_ID = 1
LOGGED_CASES_ATTRIBUTE = "_childsafe_logged_cases"


def entry_digest(
    *,
    seq: int,
    at: Any,
    actor_id: int | None,
    actor_organisation_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    case_id: uuid.UUID | str | None,
    changed_fields: list[str],
    ip_address: str | None,
    user_agent: str,
    prev_hash: str,
) -> str:
    """SHA-256 over every stored field of an entry and the previous entry's hash."""
    payload = {
        "seq": seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_organisation_id": actor_organisation_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "case_id": str(case_id) if case_id else None,
        "changed_fields": list(changed_fields),
        "ip_address": ip_address,
        "user_agent": user_agent,
        "prev_hash": prev_hash,
    }
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(encoded.encode("ascii")).hexdigest()


def digest_of(entry: AuditEntry) -> str:
    return entry_digest(
        seq=entry.seq,
        at=entry.at,
        actor_id=entry.actor_id,
        actor_organisation_id=entry.actor_organisation_id,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        case_id=entry.case_id,
        changed_fields=list(entry.changed_fields),
        ip_address=entry.ip_address,
        user_agent=entry.user_agent,
        prev_hash=entry.prev_hash,
    )


def _client(request: HttpRequest | None) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return request.META.get("REMOTE_ADDR") or None, request.META.get("HTTP_USER_AGENT", "")[:200]


def record(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: Any,
    case_id: uuid.UUID | None = None,
    changed_fields: Iterable[str] = (),
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry. Call it inside the transaction that makes the change, so both land or neither does."""
    ip_address, user_agent = _client(request)
    if request is not None and case_id is not None:
        # Tells `LogCaseReadsMiddleware` this request's view has already written its own entry for the case.
        logged: set[str] = request.__dict__.setdefault(LOGGED_CASES_ATTRIBUTE, set())
        logged.add(str(case_id))
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    organisation_id = getattr(actor, "organisation_id", None) if actor_id else None
    with transaction.atomic():
        # Locking the head serialises appends on PostgreSQL; on SQLite the IMMEDIATE transaction already has.
        head = ChainHead.objects.select_for_update().filter(pk=CHAIN_HEAD_ID).first()
        if head is None:
            head = ChainHead.objects.create(pk=CHAIN_HEAD_ID, seq=0, last_hash=GENESIS_HASH)
            head = ChainHead.objects.select_for_update().get(pk=CHAIN_HEAD_ID)
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor_id=actor_id,
            actor_organisation_id=organisation_id,
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            case_id=case_id,
            changed_fields=sorted(str(name) for name in changed_fields),
            ip_address=ip_address,
            user_agent=user_agent,
            prev_hash=head.last_hash,
        )
        entry.entry_hash = digest_of(entry)
        entry.save(force_insert=True)
        ChainHead.objects.filter(pk=CHAIN_HEAD_ID).update(seq=entry.seq, last_hash=entry.entry_hash)
    return entry
