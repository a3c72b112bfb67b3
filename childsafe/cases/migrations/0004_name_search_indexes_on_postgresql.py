"""Indexes that let PostgreSQL find a name typed into the caseload search without reading every person.

The search matches the start of a first, last or known-as name whatever the case (`cases.search.filter_cases`), which
Django writes as `UPPER(column::text) LIKE UPPER('word%')`. An ordinary index on the column cannot serve that; an
index on the same expression with `text_pattern_ops` can, whatever the database's collation. With 100,000 households
a surname search went from a scan of every person (about 220 ms) to an index look-up (about 100 ms, most of it the
count of matching cases): see bench/README.md.

SQLite plans these searches differently and its expression indexes cannot take an operator class, so on SQLite the
migration does nothing.
"""

from __future__ import annotations

from django.db import migrations

COLUMNS = ("first_name", "last_name", "known_as")


def _index_name(column: str) -> str:
    return f"person_{column}_prefix_idx"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_index_name(column)}" '  # noqa: S608 - fixed names, no input
            f'ON "cases_person" (UPPER("{column}"::text) text_pattern_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_status_history_never_changes_and_keeps_past_closures")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
