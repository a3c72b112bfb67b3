"""Make plan versions unchangeable inside the database: a trigger refuses every UPDATE of a stored version.

Versions may still be deleted with their plan (and their case), so retention and test clean-up work; what can never
happen is a version's content, number, author or time being rewritten after it was stored.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

MESSAGE = "plan versions never change once stored"

STATEMENTS = {
    "sqlite": (
        [
            f"""
            CREATE TRIGGER plans_planversion_refuse_update BEFORE UPDATE ON plans_planversion
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
            """
        ],
        ["DROP TRIGGER IF EXISTS plans_planversion_refuse_update;"],
    ),
    # SQLSTATE 23001 (restrict_violation) is an integrity error, as SQLite's RAISE(ABORT) is.
    "postgresql": (
        [
            f"""
            CREATE OR REPLACE FUNCTION plans_planversion_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
            END;
            $$;
            """,
            """
            CREATE TRIGGER plans_planversion_never_change BEFORE UPDATE ON plans_planversion
            FOR EACH ROW EXECUTE FUNCTION plans_planversion_refuse_update();
            """,
        ],
        [
            "DROP TRIGGER IF EXISTS plans_planversion_never_change ON plans_planversion;",
            "DROP FUNCTION IF EXISTS plans_planversion_refuse_update();",
        ],
    ),
}


def _statements(schema_editor: Any, index: int) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No trigger keeping plan versions unchanged is written for {vendor}")
    return STATEMENTS[vendor][index]


def install(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor, 0):
        schema_editor.execute(statement)


def remove(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor, 1):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
