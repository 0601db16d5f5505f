"""Email as members receive it: rendered from templates/emails/ (a text part and an HTML
part) and greeted, titled and signed with the site's name (settings.SITE_NAME)."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_site_context() -> dict[str, str]:
    """What every email template may read about the site: its name and its address."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL.rstrip("/")}


def render_email(
    name: str, *, to: list[str], context: Mapping[str, object]
) -> EmailMultiAlternatives:
    """templates/emails/<name>_subject.txt, <name>.txt and <name>.html as one message."""
    full = {**context, **email_site_context()}
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", full).split())
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=render_to_string(f"emails/{name}.txt", full).strip() + "\n",
        to=to,
    )
    message.attach_alternative(render_to_string(f"emails/{name}.html", full), "text/html")
    return message
