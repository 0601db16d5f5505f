"""Active cases recount their flags: only flags of members who hold a verified, current
license now raise a case's priority (issue 18 item 6; moderation.cases.rank_flags does
the same for every new flag). The priority formula is moderation.cases.priority_for's, as
it stood when this migration was written."""

from django.db import migrations
from django.utils import timezone

ACTIVE = ("open", "claimed", "appealed")


def recount(apps, schema_editor):
    Case = apps.get_model("moderation", "Case")
    Flag = apps.get_model("moderation", "Flag")
    License = apps.get_model("accounts", "License")
    holders = License.objects.filter(
        state="verified",
        expires_on__gte=timezone.localdate(),
        user__is_active=True,
        user__deactivated_at__isnull=True,
    ).values("user_id")
    for case in Case.objects.filter(state__in=ACTIVE, flag_count__gt=0).iterator():
        counted = Flag.objects.filter(case_id=case.pk, member_id__in=holders).count()
        if counted == case.flag_count:
            continue
        score = round(max(0.0, min(case.incivility, 1.0)) * 1000)
        priority = (1_000_000 if case.has_identifiers else 0) + score + min(counted, 10) * 150
        Case.objects.filter(pk=case.pk).update(flag_count=counted, priority=priority)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_suspension_moves_to_accounts"),
        ("accounts", "0005_member_names_time_zones_avatars"),
    ]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
