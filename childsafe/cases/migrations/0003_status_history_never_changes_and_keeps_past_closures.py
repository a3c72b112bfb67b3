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

from childsafe.lib.never_updated import refuse_updates


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
        refuse_updates("cases_casestatuschange", "case status history is never changed"),
        migrations.RunPython(keep_current_closures, migrations.RunPython.noop),
    ]
