"""On PostgreSQL the caseload's name search must be able to use the prefix indexes of migration 0004.

If the search stopped matching the indexed expression (say `istartswith` became `icontains`), every search would
read every person again and nothing else would notice: this test does.
"""

from __future__ import annotations

import pytest
from django.db import connection

from childsafe.cases.models import Case
from childsafe.cases.search import filter_cases, parse_query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes exist on PostgreSQL only"),
]


def test_a_name_search_can_use_the_prefix_indexes():
    queryset = filter_cases(Case.objects.all(), parse_query("Kovacs"))
    with connection.cursor() as cursor:
        # The table is tiny in a test, so the planner would scan it anyway: forbid that to see what it can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for column in ("first_name", "last_name", "known_as"):
        assert f"person_{column}_prefix_idx" in plan, plan
