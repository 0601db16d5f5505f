"""The member's notices page, opening one (which reads it) and "mark all as read"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from notifications import inbox


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/list.html",
        {"notifications": inbox.notifications_for(request.user)},
    )


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    inbox.mark_all_read(user=request.user)
    return redirect("notifications:list")


@require_GET
@login_required
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notice's link, marking it read on the way."""
    if not 0 < notification_id < 2**62:
        raise Http404("No such notification.")
    notice = inbox.open_notice(user=request.user, notification_id=notification_id)
    if notice is None:
        raise Http404("No such notification.")
    # Stored links are the site's own paths; refuse anything else rather than redirect off-site.
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("notifications:list")
