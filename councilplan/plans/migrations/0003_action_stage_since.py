"""An action's stage holds from a date (``stage_since``), so periods judged as at an earlier
date read what was reported then. A stage already recorded is known from the day of this
migration: when it was set before is not known, and a past period's report must not change to
a stage recorded after it."""

from django.db import migrations, models
from django.utils import timezone


def stages_known_from_today(apps, schema_editor):
    Action = apps.get_model("plans", "Action")
    Action.objects.exclude(stage="").update(stage_since=timezone.localdate())


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_alter_action_options_alter_actionbudget_options_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="stage_since",
            field=models.DateField(
                blank=True,
                help_text=(
                    "The date the stage holds from: the day it was recorded unless you know "
                    "better. A period judged as at an earlier date does not read it, but what "
                    "was reported then."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(stages_known_from_today, migrations.RunPython.noop),
    ]
