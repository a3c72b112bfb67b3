"""Make a case's status history unchangeable inside the database, and record the closure of each case closed now.

A trigger refuses every UPDATE of a status change, whoever sends it (the ORM, a bulk update, raw SQL); DELETE stays
possible so a case and everything in it can still be removed under a retention schedule.

Each case that is closed when this runs gets one history row from its own closure fields, so that reopening it later
keeps how it closed. Earlier closures of a case reopened before this history existed were already overwritten and
cannot be recovered. Going back removes the trigger; the rows go with the table when 0002 is reversed.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TABLE = "cases_casestatuschange"
MESSAGE = "case status history is never changed"  # no quote mark: it goes inside SQL quotes

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


def keep_current_closures(apps: Any, schema_editor: Any) -> None:
    """One "closed" row for each closed case that has none, from the case's own closure fields."""
    Case = apps.get_model("cases", "Case")
    CaseStatusChange = apps.get_model("cases", "CaseStatusChange")
    closed = Case.objects.filter(status="closed").exclude(status_changes__status="closed")
    CaseStatusChange.objects.bulk_create(
        CaseStatusChange(
            case=case,
            status="closed",
            # A closed case always had an outcome through the form; "other" keeps the row valid if one did not.
            outcome=case.closure_outcome or "other",
            note=case.closure_note,
            effective_on=case.closed_on,
            changed_by=None,  # not recorded on the case: the audit log has who closed it
            changed_at=case.updated_at,
        )
        for case in closed.iterator()
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_case_status_history")]

    operations = [
        migrations.RunPython(install, remove),
        migrations.RunPython(keep_current_closures, migrations.RunPython.noop),
    ]
