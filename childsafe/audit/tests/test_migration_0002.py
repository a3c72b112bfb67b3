"""Migration 0002: the chain head row, and the triggers that its forward step installs and its reverse removes.

The migration's functions are called directly with a stand-in schema editor on the test's connection: running the
real migration backwards inside the test transaction is not possible on SQLite.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from childsafe.audit.models import AuditEntry, ChainHead
from childsafe.audit.service import CHAIN_HEAD_ID, GENESIS_HASH
from childsafe.audit.tests.helpers import write_entries

migration = importlib.import_module("childsafe.audit.migrations.0002_chain_head_and_append_only_triggers")

pytestmark = pytest.mark.django_db


class SchemaEditor:
    """Just what the migration's functions use of a schema editor."""

    connection = connection

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


def _update_refused(entry: AuditEntry) -> bool:
    try:
        with transaction.atomic():
            AuditEntry.objects.filter(pk=entry.pk).update(object_id="changed")
    except DatabaseError:
        return True
    return False


def test_migrating_creates_the_chain_head_at_genesis():
    head = ChainHead.objects.get(pk=CHAIN_HEAD_ID)

    assert (head.seq, head.last_hash) == (0, GENESIS_HASH)


def test_the_head_is_created_at_genesis_when_the_log_is_empty():
    ChainHead.objects.all().delete()

    migration.create_chain_head(apps, SchemaEditor())

    head = ChainHead.objects.get(pk=CHAIN_HEAD_ID)
    assert (head.seq, head.last_hash) == (0, GENESIS_HASH)


def test_the_head_points_at_the_newest_entry_if_there_are_entries_already(allocated_worker):
    entries = write_entries(allocated_worker, 3)
    ChainHead.objects.all().delete()

    migration.create_chain_head(apps, SchemaEditor())

    head = ChainHead.objects.get(pk=CHAIN_HEAD_ID)
    assert (head.seq, head.last_hash) == (3, entries[-1].entry_hash)


def test_reversing_removes_the_head_only_while_nothing_has_been_appended(allocated_worker):
    migration.remove_chain_head(apps, SchemaEditor())
    assert not ChainHead.objects.exists()

    migration.create_chain_head(apps, SchemaEditor())
    write_entries(allocated_worker, 1)
    migration.remove_chain_head(apps, SchemaEditor())
    assert ChainHead.objects.get(pk=CHAIN_HEAD_ID).seq == 1


def test_reversing_removes_the_triggers_and_reapplying_restores_them(allocated_worker):
    entry = write_entries(allocated_worker, 1)[0]
    assert _update_refused(entry)

    migration.remove_append_only_triggers(apps, SchemaEditor())
    assert not _update_refused(entry)

    migration.install_append_only_triggers(apps, SchemaEditor())
    assert _update_refused(entry)
