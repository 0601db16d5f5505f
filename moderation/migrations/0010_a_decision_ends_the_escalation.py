"""A decision ends a case's escalation (moderation.cases.resolve_case clears escalated_at;
the moderation log keeps the escalation). Cases decided before that kept escalated_at, so
an appeal or a reopening of them showed as escalated and refused the moderator who had
escalated: clear it wherever a decision was logged at or after the escalation."""

from django.db import migrations
from django.db.models import Exists, OuterRef

DECISIONS = ("approve", "hide", "remove", "ask_edit", "warn", "suspend", "silence")


def end_decided_escalations(apps, schema_editor):
    Case = apps.get_model("moderation", "Case")
    ModerationAction = apps.get_model("moderation", "ModerationAction")
    decided_since = ModerationAction.objects.filter(
        case=OuterRef("pk"), action__in=DECISIONS, created_at__gte=OuterRef("escalated_at")
    )
    Case.objects.filter(escalated_at__isnull=False).filter(Exists(decided_since)).update(
        escalated_at=None
    )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0009_moderation_action_unclaim")]

    operations = [migrations.RunPython(end_decided_escalations, migrations.RunPython.noop)]
