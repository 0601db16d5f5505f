from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('forum', '0016_span_redactions'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='digest',
            field=models.CharField(blank=True, choices=[('', 'As my digest setting'), ('none', 'Off'), ('daily', 'Daily'), ('weekly', 'Weekly')], default='', max_length=8),
        ),
    ]
