"""The queue's row checkboxes: bulk approve, hide and dismiss flags (issue 21.2). Mixed
into CaseAdmin; every decision goes through moderation.bulk, one case at a time. And
"Read the pictures again": posts held only because a picture could not be read are sent
to the screening worker to be read and screened again (moderation/picture_rereading.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from moderation import bulk, picture_rereading, tasks
from moderation.models import Case

TITLES = {
    "approve": "Approve the chosen cases",
    "hide": "Hide the chosen posts",
    "dismiss_flags": "Dismiss the flags on the chosen cases",
}
EXPLAINED = {
    "approve": "Each post is published (or stays visible) and its case is resolved.",
    "hide": "Each post is hidden from readers and its case is resolved.",
    "dismiss_flags": "Each post stays visible and its case is resolved as approved. Only "
    "cases that member flags alone put in the queue, on visible posts, are dismissed; the "
    "others are skipped.",
}


class BulkReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason (required)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="One reason for every case chosen: it is logged with each decision and "
        "each author sees it with the outcome.",
    )


def _chosen_ids(request: HttpRequest) -> list[int]:
    values = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
    return list(dict.fromkeys(int(v) for v in values if v.isdigit() and 0 < int(v) < 2**31))


def _report(request: HttpRequest, decision: str, outcome: bulk.BulkOutcome) -> None:
    done = bulk.BULK_DECISIONS[decision][1]
    count = len(outcome.decided)
    if count:
        messages.success(
            request,
            f"{count} case{'s' if count != 1 else ''} {done}: "
            + ", ".join(f"#{pk}" for pk in outcome.decided)
            + ". Each author has been told.",
        )
    for case_id, why in outcome.skipped:
        messages.warning(request, f"Case #{case_id} skipped: {why}")
    if not count and not outcome.skipped:
        messages.info(request, "No case was chosen.")


def _bulk_action(decision: str, description: str) -> Any:
    def action(
        model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Case]
    ) -> HttpResponse | None:
        across = request.POST.get("select_across") == "1"
        chosen = list(queryset.values_list("pk", flat=True)) if across else _chosen_ids(request)
        if len(chosen) > bulk.MAX_BULK_CASES:
            messages.error(request, f"Choose at most {bulk.MAX_BULK_CASES} cases at a time.")
            return None
        # The changelist's queryset: the moderator's groups, under the queue's filters.
        in_view = set(queryset.filter(pk__in=chosen).values_list("pk", flat=True))
        form = BulkReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            outcome = bulk.bulk_decide(
                case_ids=[pk for pk in chosen if pk in in_view],
                moderator=request.user,  # type: ignore[arg-type]
                decision=decision,
                reason=form.cleaned_data["reason"],
            )
            outcome.skipped[:0] = [
                (pk, "not in this view of the queue (decided meanwhile, or not in your groups).")
                for pk in chosen
                if pk not in in_view
            ]
            _report(request, decision, outcome)
            return None
        context = {
            **model_admin.admin_site.each_context(request),
            "title": TITLES[decision],
            "explained": EXPLAINED[decision],
            "opts": model_admin.model._meta,
            "action_name": f"bulk_{decision}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "chosen": queryset.filter(pk__in=in_view)
            .select_related("post__topic", "post__author", "group")
            .order_by("-priority", "opened_at"),
            "form": form,
            "media": model_admin.media,
        }
        return TemplateResponse(request, "admin/moderation/case/bulk_decision.html", context)

    action.__name__ = f"bulk_{decision}"
    return admin.action(description=description)(action)


@admin.action(description="Read the pictures again (held only for an unreadable picture)")
def reread_pictures(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Case]
) -> None:
    """No decision and no reason asked: screening decides again, as for a new post."""
    across = request.POST.get("select_across") == "1"
    chosen = list(queryset.values_list("pk", flat=True)) if across else _chosen_ids(request)
    if len(chosen) > bulk.MAX_BULK_CASES:
        messages.error(request, f"Choose at most {bulk.MAX_BULK_CASES} cases at a time.")
        return
    # The changelist's queryset: the moderator's groups, under the queue's filters.
    posts = dict(queryset.filter(pk__in=chosen).values_list("post_id", "pk"))
    waiting = picture_rereading.waiting_posts(post_ids=list(posts))
    sent = [w for w in waiting if w.claimed_by in (None, request.user.pk)]
    if sent:
        ids = [w.post_id for w in sent]
        transaction.on_commit(lambda: tasks.reread_pictures.delay(ids))
        messages.success(
            request,
            f"{len(sent)} case{'s' if len(sent) != 1 else ''} sent to have their pictures "
            "read again: " + ", ".join(f"#{w.case_id}" for w in sent) + ". Screening decides "
            "each again (a clean post is published, its case noted); reload in a minute.",
        )
    skipped = [pk for pk in chosen if pk not in {w.case_id for w in sent}]
    for case_id in skipped:
        messages.warning(
            request,
            f"Case #{case_id} skipped: its post is not held for an unreadable picture alone "
            "(or another moderator claimed it).",
        )


class BulkDecisions:
    """Row checkboxes on the queue, each action asking for one reason on its own page."""

    actions = [
        _bulk_action("approve", "Approve the chosen cases"),
        _bulk_action("hide", "Hide the chosen posts"),
        _bulk_action("dismiss_flags", "Dismiss the flags (post stays visible)"),
        reread_pictures,
    ]
