"""Make safety plan revisions unchangeable inside the database itself.

A revision is one version of what a safety plan said; practitioners and reviews rely on earlier versions staying
exactly as they were written. A trigger refuses every UPDATE of a revision, whoever sends it: the ORM, a bulk
update or raw SQL. DELETE stays possible, so that a case and everything in it can still be removed under a
retention schedule (the deletion itself is audited by whoever does it).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "safety_safetyplanrevision"
MESSAGE = "safety plan revisions are never changed"

STATEMENTS = {
    "sqlite": (
        [
            f"""
            CREATE TRIGGER {TABLE}_refuse_update BEFORE UPDATE ON {TABLE}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
            """
        ],
        [f"DROP TRIGGER IF EXISTS {TABLE}_refuse_update;"],
    ),
    # SQLSTATE 23001 (restrict_violation) is an integrity error on both databases: django.db.IntegrityError.
    "postgresql": (
        [
            f"""
            CREATE OR REPLACE FUNCTION {TABLE}_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
            END;
            $$;
            """,
            f"""
            CREATE TRIGGER {TABLE}_never_changed BEFORE UPDATE ON {TABLE}
            FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_update();
            """,
        ],
        [
            f"DROP TRIGGER IF EXISTS {TABLE}_never_changed ON {TABLE};",
            f"DROP FUNCTION IF EXISTS {TABLE}_refuse_update();",
        ],
    ),
}


def _statements(schema_editor: Any, index: int) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor not in STATEMENTS:
        raise NotImplementedError(f"No trigger is written for the {vendor} database")
    return STATEMENTS[vendor][index]


def install(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor, 0):
        schema_editor.execute(statement)


def remove(apps: Any, schema_editor: Any) -> None:
    for statement in _statements(schema_editor, 1):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
