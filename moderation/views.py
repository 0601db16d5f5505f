"""Member-facing moderation pages: flag a post, see a decision, appeal it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from forum.access import post_for_reader
from moderation import cases
from moderation.forms import AppealForm, FlagForm
from moderation.models import Case


@login_required
def flag_post(request: HttpRequest, post_id: int) -> HttpResponse:
    post = post_for_reader(request.user, post_id)
    form = FlagForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            cases.flag_post(
                member=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Thank you. Moderators will review this post.")
            return redirect(post.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "moderation/flag_form.html", {"form": form, "post": post}, status=status)


def _case_for_author(request: HttpRequest, case_id: int) -> Case:
    case = (
        Case.objects.select_related("post__topic", "post__author", "group")
        .filter(pk=case_id)
        .first()
    )
    if case is None or case.post.author_id != request.user.pk:
        raise Http404("No such case.")
    return case


@login_required
def case_for_author(request: HttpRequest, case_id: int) -> HttpResponse:
    """The author's view of a decision: the outcome, the rule, the reason, and the appeal."""
    case = _case_for_author(request, case_id)
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            cases.appeal_case(author=request.user, case_id=case.pk, text=form.cleaned_data["text"])
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                form.add_error(None, message)
        else:
            messages.success(request, "Your appeal is in. A different moderator will review it.")
            return redirect("moderation:case", case_id=case.pk)
    outcome = cases.latest_outcome(case)
    context = {
        "case": case,
        "outcome": outcome,
        # A canned reply's rule ("hide and message") is the one the author was told.
        "rule": (outcome.rule if outcome is not None and outcome.rule else "")
        or cases.RULES.get(case.reason, ""),
        "form": form,
        "can_appeal": case.state == "resolved"
        and outcome is not None
        and outcome.action != "approve"
        and not case.appeals.exists(),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "moderation/case.html", context, status=status)
