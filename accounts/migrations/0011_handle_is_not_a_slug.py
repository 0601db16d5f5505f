"""User.handle is a CharField: as a SlugField the admin's user form refused a handle with a
".", which the member's own rules allow (accounts/handles.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_handles_and_digest_parts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='user',
            name='handle',
            field=models.CharField(blank=True, max_length=40, null=True, unique=True),
        ),
    ]
