"""A migration operation that makes a table's rows unchangeable inside the database itself.

For history that people rely on staying exactly as written (plan versions, safety plan revisions, a case's status
history): a trigger refuses every UPDATE, whoever sends it (the ORM, a bulk update, raw SQL). DELETE stays possible,
so a case and everything in it can still be removed under a retention schedule. On both databases the refusal is an
integrity error (`django.db.IntegrityError`): SQLite's RAISE(ABORT) and PostgreSQL's SQLSTATE 23001.

Migrations call this, so what it writes must not change: a new kind of trigger is a new function.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _statements(table: str, message: str, trigger: str) -> dict[str, tuple[list[str], list[str]]]:
    if "'" in message:
        raise ValueError("The message goes inside SQL quotes: write it without a quote mark")
    return {
        "sqlite": (
            [
                f"""
                CREATE TRIGGER {table}_refuse_update BEFORE UPDATE ON {table}
                BEGIN SELECT RAISE(ABORT, '{message}'); END;
                """
            ],
            [f"DROP TRIGGER IF EXISTS {table}_refuse_update;"],
        ),
        "postgresql": (
            [
                f"""
                CREATE OR REPLACE FUNCTION {table}_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';
                END;
                $$;
                """,
                f"""
                CREATE TRIGGER {trigger} BEFORE UPDATE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_refuse_update();
                """,
            ],
            [
                f"DROP TRIGGER IF EXISTS {trigger} ON {table};",
                f"DROP FUNCTION IF EXISTS {table}_refuse_update();",
            ],
        ),
    }


def refuse_updates(table: str, message: str, trigger: str = "") -> migrations.RunPython:
    """The operation that installs the trigger on `table` (and removes it going back).

    `trigger` names PostgreSQL's trigger; it defaults to `<table>_never_changed` and exists so a migration written
    before this helper keeps the name it gave.
    """
    statements = _statements(table, message, trigger or f"{table}_never_changed")

    def run(schema_editor: Any, index: int) -> None:
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"No trigger refusing updates of {table} is written for the {vendor} database")
        for statement in statements[vendor][index]:
            schema_editor.execute(statement)

    return migrations.RunPython(lambda apps, editor: run(editor, 0), lambda apps, editor: run(editor, 1))
