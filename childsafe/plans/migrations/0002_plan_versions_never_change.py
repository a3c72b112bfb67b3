"""Make plan versions unchangeable inside the database: a trigger refuses every UPDATE of a stored version.

Versions may still be deleted with their plan (and their case), so retention and test clean-up work; what can never
happen is a version's content, number, author or time being rewritten after it was stored.
"""

from __future__ import annotations

from django.db import migrations

from childsafe.lib.never_updated import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [
        refuse_updates(
            "plans_planversion", "plan versions never change once stored", trigger="plans_planversion_never_change"
        )
    ]
