"""Search text as readers read it: earlier rows kept HTML entities ("&lt;b&gt;"), which
search snippets then showed escaped a second time (issue 22, item 5)."""

import html

from django.db import migrations

BATCH = 500


def unescape_search_text(apps, schema_editor):
    Post = apps.get_model("forum", "Post")
    rows = Post.objects.filter(search_text__contains="&").only("id", "search_text")
    changed = []
    for post in rows.iterator(chunk_size=BATCH):
        text = html.unescape(post.search_text)
        if text != post.search_text:
            post.search_text = text
            changed.append(post)
    for start in range(0, len(changed), BATCH):
        batch = changed[start : start + BATCH]
        Post.objects.bulk_update(batch, ["search_text"])
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE forum_post SET search_vector = to_tsvector('english', search_text)"
                    " WHERE id = ANY(%s)",
                    [[post.pk for post in batch]],
                )


class Migration(migrations.Migration):
    dependencies = [("forum", "0005_notification_moves_to_notifications")]
    operations = [migrations.RunPython(unescape_search_text, migrations.RunPython.noop)]
