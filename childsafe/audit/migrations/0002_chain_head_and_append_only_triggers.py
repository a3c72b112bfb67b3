"""Start the hash chain and make the audit table append-only inside the database itself.

The ChainHead row is created here so that the first append never has to create it. Triggers then refuse every
UPDATE and DELETE on audit entries, whoever sends them: the ORM, a bulk update, raw SQL or a database shell. There
is deliberately no TRUNCATE trigger on PostgreSQL: Django's test runner empties tables with TRUNCATE, and truncating
needs the table owner's privileges, which the application's role should not hold in production.

SQLite has no TRUNCATE, so its test flush is a DELETE and is refused: tests there must not use `transactional_db`.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

CHAIN_HEAD_ID = 1
GENESIS_HASH = "0" * 64
MESSAGE = "audit log is append-only"

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER audit_auditentry_refuse_update BEFORE UPDATE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER audit_auditentry_refuse_delete BEFORE DELETE ON audit_auditentry
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditentry_refuse_update;",
    "DROP TRIGGER IF EXISTS audit_auditentry_refuse_delete;",
]

# SQLSTATE 23001 (restrict_violation) is an integrity error, as SQLite's RAISE(ABORT) is, so the application sees
# the same exception class, django.db.IntegrityError, on both databases.
POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION audit_auditentry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
    END;
    $$;
    """,
    """
    CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse_change();
    """,
]
POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;",
    "DROP FUNCTION IF EXISTS audit_auditentry_refuse_change();",
]

STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
}


def _statements(schema_editor: Any) -> tuple[list[str], list[str]]:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        # Refuse rather than leave an audit log that the application could silently rewrite.
        raise NotImplementedError(f"No append-only triggers are written for the {vendor} database")
    return STATEMENTS[vendor]


def install_append_only_triggers(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor)[0]:
        schema_editor.execute(statement)


def remove_append_only_triggers(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor)[1]:
        schema_editor.execute(statement)


def create_chain_head(apps: Any, schema_editor: Any) -> None:
    """Point the head at the newest entry, or at the genesis hash when the log is empty (the usual case)."""
    ChainHead = apps.get_model("audit", "ChainHead")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    db = schema_editor.connection.alias
    if ChainHead.objects.using(db).filter(pk=CHAIN_HEAD_ID).exists():
        return
    newest = AuditEntry.objects.using(db).order_by("-seq").first()
    ChainHead.objects.using(db).create(
        pk=CHAIN_HEAD_ID,
        seq=newest.seq if newest else 0,
        last_hash=newest.entry_hash if newest else GENESIS_HASH,
    )


def remove_chain_head(apps: Any, schema_editor: Any) -> None:
    """Remove the head only while nothing has been appended: once entries exist it is their only summary."""
    ChainHead = apps.get_model("audit", "ChainHead")
    db = schema_editor.connection.alias
    ChainHead.objects.using(db).filter(pk=CHAIN_HEAD_ID, seq=0, last_hash=GENESIS_HASH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_chain_head, remove_chain_head),
        migrations.RunPython(install_append_only_triggers, remove_append_only_triggers),
    ]
