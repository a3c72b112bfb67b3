"""Fixtures for the audit tests: a few honest entries, and an attacker with direct access to the database.

The attacker drops the append-only triggers with raw SQL, as someone holding the table owner's credentials could.
The test's transaction is rolled back afterwards, which restores the triggers (DDL is transactional on both SQLite
and PostgreSQL). Never use `transactional_db` here: on SQLite its flush is a DELETE, which the triggers refuse.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection

from childsafe.audit.models import AuditEntry
from childsafe.audit.tests.helpers import write_entries

DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER audit_auditentry_refuse_update",
        "DROP TRIGGER audit_auditentry_refuse_delete",
    ],
    "postgresql": ["DROP TRIGGER audit_auditentry_append_only ON audit_auditentry"],
}


@pytest.fixture
def honest_log(allocated_worker) -> list[AuditEntry]:
    """Ten entries, #1 to #10, written the only way the application writes them."""
    return write_entries(allocated_worker, 10, case_id=uuid.uuid4(), changed_fields=["summary"])


class Attacker:
    """Someone with the database owner's credentials, working around the application entirely."""

    def drop_triggers(self) -> None:
        with connection.cursor() as cursor:
            for statement in DROP_TRIGGERS[connection.vendor]:
                cursor.execute(statement)

    def set_column(self, seq: int, column: str, value: Any) -> None:
        # The column name comes from the test itself, never from input.
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE audit_auditentry SET {column} = %s WHERE seq = %s", [value, seq])

    def delete(self, seq: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry WHERE seq = %s", [seq])


@pytest.fixture
def attacker(db) -> Attacker:
    intruder = Attacker()
    intruder.drop_triggers()
    return intruder
