"""`manage.py reread_pictures`: screen again the posts held only because a picture could
not be read, now that Tesseract can read it (moderation/picture_rereading.py). Run it on
a machine with Tesseract (`make ocr`), e.g. the screening worker's, once it is installed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from moderation import picture_rereading

SAID = {
    "publish": "published (its case stays open with a note)",
    "queue": "published, for review",
    "hold": "still held, for what the picture shows",
    "unreadable": "still held: a picture again could not be read",
    "duplicate": "left: no longer held for its pictures alone",
}


class Command(BaseCommand):
    help = (
        "Read again the pictures that could not be read and screen their held posts again "
        "(posts held for that reason alone; claimed cases are left to their moderator)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List the posts; read and change nothing."
        )
        parser.add_argument("--limit", type=int, default=None, help="At most this many posts.")
        parser.add_argument(
            "--post", type=int, action="append", dest="posts", help="Only this post (repeat)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["dry_run"]:
            try:
                picture_rereading.check_reader()
            except picture_rereading.NoReader as error:
                raise CommandError(f"{error}; nothing was changed.") from error
        waiting = picture_rereading.waiting_posts(post_ids=options["posts"])
        claimed = [w for w in waiting if w.claimed_by is not None]
        waiting = [w for w in waiting if w.claimed_by is None][: options["limit"]]
        for item in claimed:
            self.stdout.write(
                f"post {item.post_id} (case {item.case_id}): left, claimed by a moderator"
            )
        if options["dry_run"]:
            for item in waiting:
                self.stdout.write(
                    f"post {item.post_id} (case {item.case_id}): "
                    f"{len(item.image_ids)} picture(s) to read again"
                )
            self.stdout.write(f"{len(waiting)} post(s) would be screened again.")
            return
        outcomes: Counter[str] = Counter()
        for item in waiting:
            try:
                outcome = picture_rereading.reread(item)
            except picture_rereading.NoReader as error:
                raise CommandError(f"{error}; nothing was changed.") from error
            outcomes[outcome] += 1
            self.stdout.write(
                f"post {item.post_id} (case {item.case_id}): {SAID.get(outcome, outcome)}"
            )
        summary = ", ".join(f"{n} {SAID.get(k, k).split(' (')[0]}" for k, n in outcomes.items())
        self.stdout.write(
            f"{len(waiting)} post(s) screened again" + (f": {summary}." if summary else ".")
        )
