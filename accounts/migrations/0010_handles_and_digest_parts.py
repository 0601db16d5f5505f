"""Every member gets an @handle (accounts/handles.py), and the digest keeps when its daily
and its weekly part were last sent (forum/digests.py: groups may differ)."""

import re
import unicodedata

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# A frozen copy of accounts/handles.py's rules as they were when this ran.
_HANDLE = re.compile(r"^[a-z0-9](?:[a-z0-9_.-]*[a-z0-9])?$")
_MAX = 30
_RESERVED = frozenset(
    "admin administrator admins all anyone everyone here help me member members mod "
    "moderator moderators mods none null official root security staff support system team "
    "you clinician-commons cliniciancommons".split()
)


def _slug(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", ascii_name.lower())
    return ".".join(words)[:_MAX].strip("._-")


def _usable(handle, taken):
    return (
        2 <= len(handle) <= _MAX
        and _HANDLE.match(handle) is not None
        and handle not in _RESERVED
        and handle not in taken
    )


def give_every_member_a_handle(apps, schema_editor):
    """Deterministic: members in id order keep a valid handle (in lower case) that nobody
    before them holds; the others get one from their display name, numbered when taken."""
    User = apps.get_model("accounts", "User")
    members = list(User.objects.order_by("pk").only("pk", "handle", "display_name"))
    taken = set()
    needing = []
    for member in members:
        handle = (member.handle or "").lower()
        if handle and _usable(handle, taken):
            taken.add(handle)
            if handle != member.handle:
                member.handle = handle
                needing.append((member, False))
        else:
            needing.append((member, True))
    # Clear the handles to replace first, so the unique index never sees two at once.
    User.objects.filter(pk__in=[m.pk for m, fresh in needing if fresh]).update(handle=None)
    for member, fresh in needing:
        if fresh:
            base = _slug(member.display_name or "")
            if len(base) < 2:
                base = "member"
            number = 1
            while True:
                suffix = "" if number == 1 else str(number)
                candidate = base[: _MAX - len(suffix)].rstrip("._-") + suffix
                if _usable(candidate, taken):
                    break
                number += 1
            member.handle = candidate
            taken.add(candidate)
        User.objects.filter(pk=member.pk).update(handle=member.handle)


def weekly_markers_from_the_one_marker(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(digest="weekly").update(
        weekly_digest_sent_at=models.F("daily_digest_sent_at"), daily_digest_sent_at=None
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0009_standing_sweep'),
    ]

    operations = [
        migrations.RenameField(
            model_name='user',
            old_name='digest_sent_at',
            new_name='daily_digest_sent_at',
        ),
        migrations.AddField(
            model_name='user',
            name='weekly_digest_sent_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(weekly_markers_from_the_one_marker, migrations.RunPython.noop),
        migrations.CreateModel(
            name='HandleChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('old_handle', models.CharField(max_length=40)),
                ('new_handle', models.CharField(max_length=40)),
                ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='handle_changes', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['changed_at', 'id'],
                'indexes': [models.Index(fields=['old_handle', 'changed_at'], name='handle_change_old')],
            },
        ),
        migrations.RunPython(give_every_member_a_handle, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.CheckConstraint(condition=models.Q(('handle', django.db.models.functions.text.Lower('handle'))), name='handle_in_lower_case'),
        ),
    ]
