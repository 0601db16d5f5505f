"""The member's notices page and "mark all as read"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

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
