"""Load demo data (idempotent): groups of both kinds, members, topics with edits and replies."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forum import demo


class Command(BaseCommand):
    help = "Load idempotent demo data for a first run."

    def handle(self, *args: object, **options: object) -> None:
        people = demo.seed_people()
        demo.seed_forum(people)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for person in demo.PEOPLE:
            self.stdout.write(f"  {person.role:<10} {person.email}")
