"""Load demo data (idempotent): groups of both kinds, members, topics with edits and replies.

In moderation, the top layer, because it seeds every app: accounts, the forum, then cases."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts import demo as account_demo
from forum import demo
from moderation import demo as moderation_demo


class Command(BaseCommand):
    help = "Load idempotent demo data for a first run."

    def handle(self, *args: object, **options: object) -> None:
        people = demo.seed_people()
        # Licenses first: only verified clinicians may post the demo topics.
        applicants = account_demo.seed_accounts(people)
        demo.seed_forum(people)
        # Open cases so the moderation queue is not empty on a first run.
        moderation_demo.seed_moderation(people)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        self.stdout.write(f"Demo logins (password for all: {account_demo.DEMO_PASSWORD}):")
        for person in demo.PEOPLE:
            self.stdout.write(f"  {person.role:<10} {person.email}")
        self.stdout.write("License applicants (one per license state, for the admin queue):")
        for user in applicants:
            states = ", ".join(lic.state for lic in user.licenses.all())
            self.stdout.write(f"  {states:<10} {user.email}")
        self.stdout.write(
            "The moderator and staff accounts use two-factor authentication. "
            f"TOTP secret: {account_demo.DEMO_TOTP_SECRET} (add it to an authenticator app), "
            "or print the current code with: python manage.py demo_totp_code "
            f"(now: {account_demo.current_totp_code()})."
        )
