"""Open cases take the priority tiers moderation.cases.priority_for now gives: a post held
until a moderator decides ranks above every case on a post readers see (HELD_TIER), a
threat above those (THREAT_TIER), identifiers above all as before. Cases opened before kept
a held newcomer's first post last in the queue. The tiers are copied here: a migration
keeps the values it was written with."""

from django.db import migrations
from django.db.models import F

ACTIVE = ("open", "claimed", "appealed")
THREAT_TIER = 5_000
HELD_TIER = 2_500


def rank_in_tiers(apps, schema_editor):
    from detectors.policy import thresholds

    Case = apps.get_model("moderation", "Case")
    active = Case.objects.filter(state__in=ACTIVE)
    active.filter(post__status="held").update(priority=F("priority") + HELD_TIER)
    active.filter(incivility__gte=thresholds()[1]).update(priority=F("priority") + THREAT_TIER)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0010_a_decision_ends_the_escalation")]

    operations = [migrations.RunPython(rank_in_tiers, migrations.RunPython.noop)]
