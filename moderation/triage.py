"""What a moderator sees on a case page: the post, its revisions and diffs, detector
results with highlights, flags, the action log and the author's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString

from accounts.models import Suspension, User
from detectors.identifiers import KIND_LABELS, span_key
from detectors.identifiers.answers import ANSWER_LABELS, clean_answers
from forum import picture_text
from forum.diffing import DiffLine, diff_lines
from forum.models import Revision, RevisionSpanRedaction
from moderation.access import cases_for_moderator, suspensions_for_moderator
from moderation.highlight import Mark, driver_list, driver_marks, highlight, identifier_marks
from moderation.models import ActionKind, Case, ModerationAction, ScreeningResult
from moderation.penalties import can_lift, canned_replies, flag_figures
from moderation.queue import priority_badge, visibility_badge
from moderation.revision_screening import screened_parts


@dataclass
class RevisionView:
    revision: Revision
    diff: list[DiffLine]
    results: list[ScreeningResult]
    highlighted: SafeString | None
    drivers: SafeString | None
    identifier_rows: list[dict[str, Any]]
    # The text read in each picture the revision shows, highlighted like the body: what
    # screening read there (forum/picture_text.py). Moderators only.
    pictures: list[dict[str, Any]]
    # Passages moderators redacted (issue 21.3), oldest first, each with its text: the
    # moderators' record. `readers_body`: the version's text as readers see it since.
    span_redactions: list[RevisionSpanRedaction]
    readers_body: str


def _revision_views(case: Case) -> list[RevisionView]:
    post = case.post
    revisions = list(
        Revision.objects.filter(post=post)
        .select_related("editor", "publication", "redaction__moderator")
        .order_by("number")
    )
    spans: dict[int, list[RevisionSpanRedaction]] = {}
    for span in RevisionSpanRedaction.objects.filter(revision__post=post).select_related(
        "moderator"
    ):
        spans.setdefault(span.revision_id, []).append(span)
    results: dict[int, list[ScreeningResult]] = {}
    for result in ScreeningResult.objects.filter(revision__post=post).order_by("-created_at"):
        results.setdefault(result.revision_id, []).append(result)
    title = post.topic.title if post.is_first_post else ""
    shown = picture_text.pictures_of(revisions)
    views = []
    previous = ""
    for revision in revisions:
        text, parts = screened_parts(revision, title, shown.get(revision.pk, []))
        latest = (results.get(revision.pk) or [None])[0]
        highlighted = drivers = None
        identifier_rows: list[dict[str, Any]] = []
        pictures: list[dict[str, Any]] = []
        if latest is not None:
            id_marks = identifier_marks(latest.identifiers, KIND_LABELS)
            own = parts[0]
            highlighted = highlight(
                text[: own.end], id_marks + driver_marks(text[: own.end], latest.drivers)
            )
            for part in parts[1:]:
                words = text[part.start : part.end]
                shifted = [
                    Mark(m.start - part.start, m.end - part.start, m.css_class, m.title)
                    for m in id_marks
                    if part.start <= m.start < part.end
                ]
                pictures.append(
                    {
                        "description": part.picture.description if part.picture else "",
                        "highlighted": highlight(
                            words, shifted + driver_marks(words, latest.drivers)
                        ),
                    }
                )
            drivers = driver_list(latest.drivers)
            # The author's answers on the identifier confirmation (issue 22.8), read from
            # the revision already loaded: "a colleague", "not a person"...
            answers = clean_answers(revision.identifier_answers)
            identifier_rows = []
            for span in latest.identifiers:
                kind = str(span["kind"])
                found = text[int(span["start"]) : int(span["end"])]
                answer = answers.get(span_key(kind, found), "")
                part = next((p for p in parts if p.start <= int(span["start"]) < p.end), None)
                identifier_rows.append(
                    {
                        "label": KIND_LABELS.get(kind, kind),
                        "text": found,
                        "answer": ANSWER_LABELS.get(answer, "") if answer else "",
                        # Where the detectors read it: the post's text or a picture's.
                        "picture": part.picture.description
                        if part is not None and part.picture is not None
                        else "",
                    }
                )
        views.append(
            RevisionView(
                revision=revision,
                diff=diff_lines(previous, revision.body) if revision.number > 1 else [],
                results=results.get(revision.pk, []),
                highlighted=highlighted,
                drivers=drivers,
                identifier_rows=identifier_rows,
                pictures=pictures,
                span_redactions=spans.get(revision.pk, []),
                readers_body=spans[revision.pk][-1].body if revision.pk in spans else "",
            )
        )
        previous = revision.body
    return list(reversed(views))


def author_history(
    author: User, *, exclude_case: Case | None = None, viewer: User | None = None
) -> dict[str, Any]:
    """The author's earlier cases, the actions on them, their suspensions and silences, and
    the flags they gave and received with their flags' accuracy; for a `viewer`, only what
    comes from cases they may see (a scoped moderator never learns of cases in other
    groups, nor of suspensions imposed there)."""
    visible = Case.objects.all() if viewer is None else cases_for_moderator(viewer)
    earlier = visible.filter(post__author=author).select_related("post__topic", "group")
    if exclude_case is not None:
        earlier = earlier.exclude(pk=exclude_case.pk)
    actions = (
        ModerationAction.objects.filter(case__post__author=author, case__in=visible)
        .exclude(actor=author)
        # Decisions, not claims; this case's own are in its log above.
        .exclude(action__in=(ActionKind.CLAIM, ActionKind.UNCLAIM))
        .exclude(case=exclude_case)
        .select_related("actor", "case")
        .order_by("-created_at")[:20]
    )
    return {
        "cases": list(earlier.order_by("-opened_at")[:20]),
        "actions": list(actions),
        "suspensions": list(
            (
                Suspension.objects.filter(user=author)
                if viewer is None
                else suspensions_for_moderator(viewer, Suspension.objects.filter(user=author))
            )
            .select_related("lift__lifted_by", "created_by")
            .order_by("-created_at")[:10]
        ),
        "post_count": author.posts.count(),
        **flag_figures(author, viewer=viewer),
    }


def case_detail_context(case: Case, *, viewer: User) -> dict[str, Any]:
    case = Case.objects.select_related(
        "post__topic__group", "post__author", "claimed_by", "screening_result"
    ).get(pk=case.pk)
    return {
        "case": case,
        "post": case.post,
        "revisions": _revision_views(case),
        "flags": list(case.post.flags.select_related("member").order_by("created_at")),
        "actions": list(case.actions.select_related("actor").order_by("created_at", "id")),
        "appeals": list(case.appeals.order_by("created_at")),
        "history": author_history(case.post.author, exclude_case=case, viewer=viewer),
        "viewer_is_excluded": case.excluded_moderator_id == viewer.pk,
        # Nobody redacts their own post (forum.posting._require_redactor).
        "redaction_refused": case.post.author_id == viewer.pk,
        # In words, as the queue shows them (moderation/queue.py), not the ranking number.
        "priority": priority_badge(case),
        "seen": visibility_badge(case),
        "can_lift": can_lift(viewer),
        "now": timezone.now(),
        "canned_replies": canned_replies(),
    }
