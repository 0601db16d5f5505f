"""ScreeningResult.reread: a revision held only because a picture could not be read is
screened again once its pictures are read (moderation/picture_rereading.py); that result
is numbered, so it sits beside the first instead of replacing it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('forum', '0017_membership_digest'),
        ('moderation', '0012_picture_unread_reason'),
    ]

    operations = [
        migrations.AddField(
            model_name='screeningresult',
            name='reread',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddConstraint(
            model_name='screeningresult',
            constraint=models.UniqueConstraint(fields=('revision', 'model_version', 'reread'), name='one_screening_per_revision_model_and_reread'),
        ),
        migrations.RemoveConstraint(
            model_name='screeningresult',
            name='one_screening_per_revision_and_model',
        ),
    ]
