"""The moderation queue in the Django admin: thin callers of moderation.cases."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.access import is_moderator
from accounts.models import Suspension
from forum.choices import CONTENT_WARNINGS
from forum.models import ContentWarningEvent, added_warning_notes
from forum.redacted import REDACTED_MARKER
from moderation import cases, claims, overview, penalties
from moderation.access import (
    cases_for_moderator,
    in_moderated_groups,
    is_staff_moderator,
    suspensions_for_moderator,
)
from moderation.added_warnings import add_warning_from_case, remove_warning_from_case
from moderation.admin_bulk import BulkDecisions
from moderation.models import (
    ACTIVE_CASE_STATES,
    RESOLVING_ACTIONS,
    ActionKind,
    Appeal,
    Case,
    CaseState,
    Flag,
    ModerationAction,
    ScreeningFailure,
    ScreeningResult,
)
from moderation.next_case import next_case_for
from moderation.queue import ClaimFilter, MinimumScoreFilter, QueueColumns
from moderation.redaction import redact_from_case, redact_span_from_case
from moderation.triage import case_detail_context


class ModeratorPermissions:
    """Moderators (staff or not) may view; nobody adds or deletes through the admin."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_moderator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_moderator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("active", "Needs a decision"),
            ("escalated", "Escalated"),
            ("resolved", "Resolved"),
        ]

    def choices(self, changelist: Any) -> Any:
        # "Needs a decision" is the default view, so "All" gets an explicit value.
        for lookup, title in [("all", "All"), *self.lookup_choices]:
            selected = self.value() == lookup or (self.value() is None and lookup == "active")
            yield {
                "selected": selected,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        value = self.value() or "active"
        if value == "active":
            return queryset.filter(state__in=ACTIVE_CASE_STATES)
        if value == "escalated":
            return queryset.filter(state__in=ACTIVE_CASE_STATES, escalated_at__isnull=False)
        if value == "resolved":
            return queryset.filter(state=CaseState.RESOLVED)
        return queryset


class AgeFilter(admin.SimpleListFilter):
    title = "age"
    parameter_name = "age"
    BANDS = {
        "1h": (None, timedelta(hours=1)),
        "1d": (timedelta(hours=1), timedelta(days=1)),
        "7d": (timedelta(days=1), timedelta(days=7)),
        "older": (timedelta(days=7), None),
    }

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("1h", "Under an hour"),
            ("1d", "1 to 24 hours"),
            ("7d", "1 to 7 days"),
            ("older", "Over a week"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        band = self.BANDS.get(self.value() or "")
        if band is None:
            return queryset
        now = timezone.now()
        younger_than, older_than = band[1], band[0]
        if younger_than is not None:
            queryset = queryset.filter(opened_at__gt=now - younger_than)
        if older_than is not None:
            queryset = queryset.filter(opened_at__lte=now - older_than)
        return queryset


class GroupFilter(admin.SimpleListFilter):
    """Only the groups this moderator covers."""

    title = "group"
    parameter_name = "group"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        visible = cases_for_moderator(request.user).values_list("group_id", "group__name")
        return sorted({(str(pk), name) for pk, name in visible}, key=lambda item: item[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Case]) -> QuerySet[Case]:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(group_id=int(value))
        return queryset


class ResolveForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(a.value, a.label) for a in RESOLVING_ACTIONS], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Required. The author sees the outcome and the rule; this reason is logged "
        "and shown to them on their case page.",
    )
    # Suspend and Silence: how long (moderation.penalties.penalty_end reads these).
    penalty_length = forms.IntegerField(
        required=False, min_value=1, max_value=penalties.MAX_HOURS, label="For"
    )
    penalty_unit = forms.ChoiceField(
        required=False, choices=penalties.UNIT_CHOICES, label="Length", initial="days"
    )
    penalty_until = forms.DateTimeField(
        required=False,
        label="Until (your time zone)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    post_after = forms.ChoiceField(
        required=False,
        choices=[
            ("publish", "Publish the post (it is visible)"),
            ("hide", "Keep the post hidden"),
        ],
        widget=forms.RadioSelect,
        label="Then the post",
        help_text="Required for “Warn”, “Suspend” and “Silence”: the author is told which.",
    )


@admin.register(Case)
class CaseAdmin(ModeratorPermissions, QueueColumns, BulkDecisions, admin.ModelAdmin):
    # Eight columns, so the queue fits 1280 px (the group rides with the post, the claim
    # with the state, the reason with the priority).
    list_display = (
        "id",
        "post_summary",
        "priority_words",
        "post_visibility",
        "state_label",
        "incivility_display",
        "flag_count",
        "age",
    )
    list_display_links = ("id", "post_summary")
    list_filter = (
        QueueFilter,
        "reason",
        MinimumScoreFilter,
        GroupFilter,
        ClaimFilter,
        "state",
        AgeFilter,
    )
    ordering = ("-priority", "opened_at")
    list_per_page = 50
    list_select_related = ("group", "claimed_by", "post__topic", "post__author")
    search_fields = ("post__topic__title", "post__author__display_name", "post__author__email")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return cases_for_moderator(request.user).select_related(
            "group", "claimed_by", "post__topic", "post__author"
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The triage page is the change view; acting goes through moderation.cases.
        return is_moderator(request.user)

    @admin.display(description="post")
    def post_summary(self, case: Case) -> str:
        return format_html(
            '#{} in “{}” by {}<small class="mod-badge-detail">{}</small>',
            case.post.number,
            case.post.topic.title,
            case.post.author,
            case.group,
        )

    @admin.display(description="state")
    def state_label(self, case: Case) -> str:
        label = case.get_state_display()
        if case.state == CaseState.CLAIMED and claims.claim_holder_id(case) is None:
            label = "Open (claim lapsed)"
        if case.escalated_at and case.is_active:
            label += " · escalated"
        if claims.claim_holder_id(case) is not None and case.is_active:
            return format_html(
                '{}<small class="mod-badge-detail">by {}</small>', label, case.claimed_by
            )
        return label

    @admin.display(description="score", ordering="incivility")
    def incivility_display(self, case: Case) -> str:
        return f"{case.incivility:.2f}"

    @admin.display(description="age", ordering="opened_at")
    def age(self, case: Case) -> str:
        delta = timezone.now() - case.opened_at
        hours = int(delta.total_seconds() // 3600)
        return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "overview/",
                self.admin_site.admin_view(self.overview_view),
                name="moderation_case_overview",
            ),
            *super().get_urls(),
        ]

    def overview_view(self, request: HttpRequest) -> HttpResponse:
        if not is_moderator(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Moderation overview, last 30 days",
            "opts": self.model._meta,
            # Scoped to the moderator's groups (moderation/overview.py).
            **overview.for_moderator(request.user),
        }
        return TemplateResponse(request, "admin/moderation/overview.html", context)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {
            **(extra_context or {}),
            "overview_url": reverse("admin:moderation_case_overview"),
        }
        return super().changelist_view(request, extra_context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if not object_id.isdigit():
            raise Http404("No such case.")
        case = self.get_queryset(request).filter(pk=int(object_id)).first()
        if case is None:
            raise Http404("No such case, or not in your groups.")
        form = ResolveForm()
        refusal = cases.decision_refusal(case, request.user)
        claim = claims.claim_view(case, request.user, refused=refusal is not None)
        if request.method == "POST":
            response = self._act(request, case)
            if response is not None:
                return response
            form = ResolveForm(request.POST)
            form.is_valid()
        context = {
            **self.admin_site.each_context(request),
            **case_detail_context(case, viewer=request.user),
            "title": f"Case {case.pk}",
            "opts": self.model._meta,
            "original": case,
            "form": form,
            "claim": claim,
            "can_resolve": claim.can_resolve,
            "can_claim": claim.can_claim,
            "next_case": next_case_for(request.user, after=case),
            "decision_refusal": refusal if case.is_active else None,
            "can_reopen": not case.is_active and is_staff_moderator(request.user),
            # Content warnings (issue 20.2): what the post is collapsed behind, their record,
            # and the ones a moderator can still add.
            "added_warnings": [
                {"value": entry["warning"], "note": notes[0], "disputed": entry.get("disputed")}
                for entry in case.post.added_warnings
                if (notes := added_warning_notes([entry]))
            ],
            "warning_events": ContentWarningEvent.objects.filter(post=case.post).select_related(
                "actor"
            ),
            "warnings_to_add": [
                (choice.value, choice.label)
                for choice in CONTENT_WARNINGS
                if choice.value
                not in {e.get("warning") for e in case.post.added_warnings}
                | set(case.post.current_revision.warnings if case.post.current_revision else [])
            ],
        }
        return TemplateResponse(request, "admin/moderation/case/triage.html", context)

    def _act(self, request: HttpRequest, case: Case) -> HttpResponse | None:
        """Handle claim / resolve / reopen; None to re-render the page with form errors."""
        here = HttpResponseRedirect(request.path)
        try:
            if "claim" in request.POST:
                held_by = claims.claim_holder_id(case)
                cases.claim_case(case_id=case.pk, moderator=request.user)
                if held_by not in (None, request.user.pk):
                    messages.success(request, f"You took this case over from {case.claimed_by}.")
                else:
                    messages.success(request, "You claimed this case.")
                return here
            if "unclaim" in request.POST:
                claims.unclaim_case(case_id=case.pk, moderator=request.user)
                messages.success(request, "Claim released: the case is open to any moderator.")
                return here
            if "redact" in request.POST:
                number = request.POST.get("revision", "")
                if not number.isdigit() or not 0 < int(number) < 2**31:
                    messages.error(request, "Choose a version to redact.")
                    return here
                redact_from_case(
                    moderator=request.user,
                    case_id=case.pk,
                    revision_number=int(number),
                    reason=request.POST.get("reason", ""),
                )
                messages.success(
                    request, f"Version {number} is redacted: readers see a notice in its place."
                )
                return here
            if "redact_span" in request.POST:
                number = request.POST.get("revision", "")
                if not number.isdigit() or not 0 < int(number) < 2**31:
                    messages.error(request, "Choose a version to redact text in.")
                    return here
                done = redact_span_from_case(
                    moderator=request.user,
                    case_id=case.pk,
                    revision_number=int(number),
                    text=request.POST.get("text", ""),
                    reason=request.POST.get("reason", ""),
                    every_version=bool(request.POST.get("every_version")),
                )
                versions = ", ".join(str(n) for n in done.numbers)
                messages.success(
                    request,
                    f"Redacted {done.occurrences} occurrence{pluralize(done.occurrences)} in "
                    f"version{pluralize(len(done.numbers))} {versions}: readers see "
                    f"“{REDACTED_MARKER}” in their place.",
                )
                return here
            if "add_content_warning" in request.POST or "remove_content_warning" in request.POST:
                warning = request.POST.get("warning", "")
                if "add_content_warning" in request.POST:
                    done = add_warning_from_case(
                        moderator=request.user, case_id=case.pk, warning=warning
                    )
                    told = "Content warning added: readers see the post collapsed behind it."
                else:
                    done = remove_warning_from_case(
                        moderator=request.user, case_id=case.pk, warning=warning
                    )
                    told = "Content warning removed."
                if done:
                    messages.success(request, f"{told} The author has been told.")
                else:
                    messages.info(request, "Nothing changed: the post's warnings are as chosen.")
                return here
            if "reopen" in request.POST:
                cases.reopen_case(
                    case_id=case.pk, staff=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, "Case reopened.")
                return here
            done = penalties.act_on_case_page(request, case)
            if done is not None:
                messages.success(request, done)
                return (
                    here
                    if "lift_suspension" in request.POST
                    else HttpResponseRedirect(reverse("admin:moderation_case_changelist"))
                )
            form = ResolveForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Choose one action and give a reason.")
                return None
            action = form.cleaned_data["action"]
            cases.resolve_case(
                case_id=case.pk,
                moderator=request.user,
                action=action,
                reason=form.cleaned_data["reason"],
                penalty=penalties.penalty_end(
                    form.cleaned_data.get("penalty_length"),
                    form.cleaned_data.get("penalty_unit") or "",
                    form.cleaned_data.get("penalty_until"),
                )
                if action in penalties.PENALTY_ACTIONS
                else None,
                post_after=form.cleaned_data.get("post_after") or "",
            )
        except PermissionDenied as exc:
            messages.error(request, str(exc) or "You cannot act on this case.")
            return here
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            acted_alone = {
                "claim",
                "unclaim",
                "redact",
                "redact_span",
                "add_content_warning",
                "remove_content_warning",
                "lift_suspension",
                "hide_and_message",
            }
            return here if acted_alone & set(request.POST) else None
        label = ActionKind(action).label
        if action == ActionKind.ESCALATE:
            messages.success(request, "Escalated: staff or another moderator will decide it.")
            return here
        messages.success(request, f"Case {case.pk} resolved: {label}. The author has been told.")
        return HttpResponseRedirect(reverse("admin:moderation_case_changelist"))


@admin.register(ModerationAction)
class ModerationActionAdmin(ModeratorPermissions, admin.ModelAdmin):
    list_display = ("created_at", "case", "action", "actor", "post_status_after", "reason")
    list_filter = ("action",)
    ordering = ("-created_at",)
    list_select_related = ("case", "actor")

    def get_queryset(self, request: HttpRequest) -> QuerySet[ModerationAction]:
        return ModerationAction.objects.filter(case__in=cases_for_moderator(request.user))


@admin.register(Flag)
class FlagAdmin(ModeratorPermissions, admin.ModelAdmin):
    list_display = ("created_at", "post", "member", "reason", "text", "case")
    list_filter = ("reason",)
    list_select_related = ("post", "member", "case")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Flag]:
        return Flag.objects.filter(case__in=cases_for_moderator(request.user))


@admin.register(Appeal)
class AppealAdmin(ModeratorPermissions, admin.ModelAdmin):
    list_display = ("created_at", "case", "author", "text")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Appeal]:
        return Appeal.objects.filter(case__in=cases_for_moderator(request.user))


@admin.register(ScreeningResult)
class ScreeningResultAdmin(ModeratorPermissions, admin.ModelAdmin):
    list_display = ("created_at", "revision", "model_version", "incivility", "decision")
    list_filter = ("decision", "model_version")
    ordering = ("-created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ScreeningResult]:
        # Drivers and identifier spans quote the post: only the viewer's groups.
        return in_moderated_groups(
            request.user, super().get_queryset(request), "revision__post__topic__group"
        )


@admin.register(ScreeningFailure)
class ScreeningFailureAdmin(ModeratorPermissions, admin.ModelAdmin):
    list_display = ("created_at", "revision", "attempts", "error", "resolved_at")
    ordering = ("-created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[ScreeningFailure]:
        return in_moderated_groups(
            request.user, super().get_queryset(request), "revision__post__topic__group"
        )


@admin.register(Suspension)
class SuspensionAdmin(ModeratorPermissions, admin.ModelAdmin):
    list_display = ("user", "kind", "ends_at", "reason", "created_by", "lifted_at")
    list_filter = ("kind",)
    fields = ("user", "kind", "ends_at", "reason", "case", "created_by", "lifted_at", "lift")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Suspension]:
        return suspensions_for_moderator(request.user, super().get_queryset(request))

    @admin.display(description="Case")
    def case(self, suspension: Suspension) -> Case | None:
        """The case whose action imposed it (the action points at the suspension)."""
        action = suspension.moderation_actions.select_related("case").first()
        return action.case if action is not None else None

    @admin.display(description="Lifted by, and why")
    def lift(self, suspension: Suspension) -> str:
        # Lifting is on the case page (moderation.penalties.lift_suspension): with a
        # reason, by a global moderator or staff, recorded and told to the member.
        record = getattr(suspension, "lift", None)
        return f"{record.lifted_by}: {record.reason}" if record is not None else "—"


from moderation import penalties_admin  # noqa: E402, F401 -- registers CannedReplyAdmin
