"""Make safety plan revisions unchangeable inside the database itself.

A revision is one version of what a safety plan said; practitioners and reviews rely on earlier versions staying
exactly as they were written. A trigger refuses every UPDATE of a revision, whoever sends it: the ORM, a bulk
update or raw SQL. DELETE stays possible, so that a case and everything in it can still be removed under a
retention schedule (the deletion itself is audited by whoever does it).
"""

from __future__ import annotations

from django.db import migrations

from childsafe.lib.never_updated import refuse_updates


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [refuse_updates("safety_safetyplanrevision", "safety plan revisions are never changed")]
