"""A refuge address is always a confidential location, in the database as well as in the form.

The address form already refused an unticked refuge, but an import or a bulk load could store one, and then the
case page would show it to partners. Any such row is ticked first (the safe direction), then the constraint holds.
Going back removes the constraint and leaves the ticks.
"""

from typing import Any

from django.db import migrations, models


def tick_refuges(apps: Any, schema_editor: Any) -> None:
    Address = apps.get_model("cases", "Address")
    Address.objects.filter(kind="refuge", is_confidential_location=False).update(is_confidential_location=True)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_name_search_indexes_on_postgresql")]

    operations = [
        migrations.RunPython(tick_refuges, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="address",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "refuge"), _negated=True), ("is_confidential_location", True), _connector="OR"
                ),
                name="refuge_is_a_confidential_location",
                violation_error_message="A refuge address must be marked as a confidential location",
            ),
        ),
    ]
