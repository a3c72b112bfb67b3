"""Helpers shared by the audit tests."""

from __future__ import annotations

from typing import Any

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record


def write_entries(actor: User | None, count: int, **fields: Any) -> list[AuditEntry]:
    fields.setdefault("action", AuditEntry.Action.VIEW)
    fields.setdefault("object_type", "case")
    return [record(actor=actor, object_id=f"object-{n}", **fields) for n in range(count)]
