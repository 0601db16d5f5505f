"""Print the current TOTP code for the demo moderator and staff accounts."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts import demo


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo moderator and staff accounts."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(demo.current_totp_code())
