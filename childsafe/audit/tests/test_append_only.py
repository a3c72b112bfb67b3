"""The database itself refuses to change or remove an audit entry, whichever way the change is sent."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record

pytestmark = pytest.mark.django_db


def _update_through_queryset(entry: AuditEntry) -> None:
    AuditEntry.objects.filter(pk=entry.pk).update(object_id="tampered")


def _save_changed_instance(entry: AuditEntry) -> None:
    entry.object_id = "tampered"
    entry.save()


def _bulk_update(entry: AuditEntry) -> None:
    entry.object_id = "tampered"
    AuditEntry.objects.bulk_update([entry], ["object_id"])


def _delete_through_queryset(entry: AuditEntry) -> None:
    AuditEntry.objects.filter(pk=entry.pk).delete()


def _delete_instance(entry: AuditEntry) -> None:
    entry.delete()


def _raw_update(entry: AuditEntry) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_id = %s WHERE id = %s", ["tampered", entry.pk])


def _raw_delete(entry: AuditEntry) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])


def _raw_delete_everything(entry: AuditEntry) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")


@pytest.mark.parametrize(
    "tamper",
    [
        _update_through_queryset,
        _save_changed_instance,
        _bulk_update,
        _delete_through_queryset,
        _delete_instance,
        _raw_update,
        _raw_delete,
        _raw_delete_everything,
    ],
)
def test_the_database_refuses(tamper: Callable[[AuditEntry], None], allocated_worker):
    entry = record(actor=allocated_worker, action="view", object_type="case", object_id="original")

    # The savepoint keeps the test's own transaction usable after the database refuses.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        tamper(entry)

    stored = AuditEntry.objects.get(seq=entry.seq)
    assert (stored.object_id, stored.entry_hash) == ("original", entry.entry_hash)
    assert AuditEntry.objects.count() == 1


def test_appending_is_still_allowed(allocated_worker):
    record(actor=allocated_worker, action="view", object_type="case", object_id="a")
    record(actor=allocated_worker, action="view", object_type="case", object_id="b")

    assert AuditEntry.objects.count() == 2
