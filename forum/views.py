"""Forum pages. Each view checks access, calls one domain function, then redirects or renders."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.access import (
    AnyUser,
    ReadingRefused,
    can_read_topics,
    is_active_member,
    moderates_group,
    reading_block_reason,
)
from accounts.timezones import zone_of
from forum import (
    access,
    added_warnings,
    groups,
    images,
    nudges,
    posting,
    profiles,
    queries,
    reading_positions,
    scheduling,
    thread_html,
)
from forum.choices import PUBLIC_STATUSES, GroupDigest, NotifyLevel, PostStatus
from forum.diffing import diff_lines
from forum.forms import (
    DirectoryFilterForm,
    GroupForm,
    GroupSettingsForm,
    SearchForm,
    apply_domain_errors,
)
from forum.models import Membership, Topic, added_warning_notes
from forum.redacted import show_redacted_spans_of_posts
from forum.search import search_results
from forum.topic_lists import group_page, home_page
from notifications.choices import DigestFrequency


def home(request: HttpRequest) -> HttpResponse:
    if not is_active_member(request.user):
        return render(request, "forum/landing.html", {"groups": queries.group_directory()[:12]})
    page = home_page(user=request.user)
    return render(
        request,
        "forum/home.html",
        {
            "topics_html": page.topics_html,
            "reading_block_reason": page.reading_block_reason,
            **page.reader,
        },
    )


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    group_list = queries.group_directory(
        kind=filters.get("kind", ""),
        region=filters.get("region", ""),
        modality=filters.get("modality", ""),
        name=filters.get("q", ""),
    )
    return render(
        request,
        "forum/directory.html",
        {
            "form": form,
            "groups": group_list,
            "memberships": queries.membership_states(request.user),
            "can_open_groups": groups.can_open_groups(request.user),
        },
    )


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    if not groups.can_open_groups(request.user):
        raise PermissionDenied("Only organizers can open groups. Ask staff for the organizer role.")
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            group = groups.group_create(organizer=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_domain_errors(form, error)
        else:
            messages.success(request, f"{group.name} is open.")
            return redirect(group)
    return render(request, "forum/group_form.html", {"form": form})


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A group's page."""
    page = group_page(
        user=request.user,
        slug=slug,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    return render(
        request,
        "forum/group.html",
        {
            "group": page.group,
            "can_read": page.can_read,
            "sees_titles": page.sees_titles,
            "reading_block_reason": page.reading_block_reason,
            "membership": page.membership,
            "is_organizer": page.is_organizer,
            "can_manage_settings": page.can_manage_settings,
            "declined": page.declined,
            "join_block_reason": page.join_block_reason,
            "topics_html": page.topics_html,
            "notify_levels": NotifyLevel.choices,
            **_digest_choices(request.user, page.membership),
            **page.reader,
        },
    )


@login_required
def group_settings(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_settings(request.user, slug)
    initial = {
        name: getattr(group, name)
        for name in (
            "purpose",
            "rules",
            "modality",
            "is_private",
            "membership_policy",
            "requires_regional_license",
            "queue_first_posts",
        )
    }
    form = GroupSettingsForm(
        request.POST if request.method == "POST" else None, initial=initial, group=group
    )
    if request.method == "POST" and form.is_valid():
        try:
            groups.group_update_settings(editor=request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            apply_domain_errors(form, error)
        else:
            messages.success(request, f"The settings of {group.name} are saved.")
            return redirect("forum:group_settings", slug=group.slug)
    return render(
        request,
        "forum/group_settings.html",
        {"group": group, "form": form, "purpose_history": groups.purpose_history(group)},
    )


@require_GET
def group_purpose_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Purposes are public, and so are their edits."""
    group = access.group_for_visitor(slug)
    return render(
        request,
        "forum/group_purpose_history.html",
        {"group": group, "purpose_history": groups.purpose_history(group)},
    )


@require_POST
@login_required
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_visitor(slug)
    try:
        membership = groups.group_join(user=request.user, group=group)
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:  # past the join-request limit
        messages.error(request, " ".join(error.messages))
    else:
        if membership.state == Membership.State.ACTIVE:
            messages.success(request, f"You joined {group.name}.")
        else:
            messages.info(request, "Your request was sent to the organizers.")
    return redirect(group)


@require_POST
@login_required
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_visitor(slug)
    groups.group_leave(user=request.user, group=group)
    messages.info(request, f"You left {group.name}.")
    return redirect(group)


@require_POST
@login_required
def group_notify_level(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_visitor(slug)
    try:
        membership = groups.membership_set_notify_level(
            user=request.user,
            group=group,
            level=request.POST.get("notify_level", ""),
            digest=request.POST.get("digest"),  # absent: an older form, left as it is
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        label = NotifyLevel(membership.notify_level).label.split(":")[0]
        said = f"{group.name}: {label}."
        if "digest" in request.POST:
            said += f" Digest: {groups.digest_label(membership, user=request.user)}."
        messages.success(request, said)
    if request.POST.get("next") == "levels":  # the list of all one's groups
        return redirect("forum:notify_levels")
    return redirect(group)


@login_required
def notify_levels(request: HttpRequest) -> HttpResponse:
    """The member's groups and what they are told about each (linked from settings)."""
    memberships = (
        Membership.objects.filter(user=request.user, state=Membership.State.ACTIVE)
        .select_related("group")
        .order_by("group__name")
    )
    for membership in memberships:
        membership.digest_label = groups.digest_label(membership, user=request.user)
    return render(
        request,
        "forum/notify_levels.html",
        {
            "memberships": memberships,
            "levels": NotifyLevel.choices,
            **_digest_choices(request.user, None),
        },
    )


def _digest_choices(user: AnyUser, membership: Membership | None) -> dict[str, object]:
    """The per-group digest choices, the first naming the member's own setting."""
    if not user.is_authenticated:
        return {}
    own = DigestFrequency(user.digest).label.split(":")[0]
    choices = [(GroupDigest.DEFAULT.value, f"As my digest setting ({own})")]
    choices += [(value, label) for value, label in GroupDigest.choices if value]
    context: dict[str, object] = {"digest_choices": choices}
    if membership is not None and membership.state == Membership.State.ACTIVE:
        context["digest_label"] = groups.digest_label(membership, user=user)
    return context


@login_required
def group_members(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_organizer(request.user, slug)
    memberships = group.memberships.select_related("user").order_by("state", "created_at")
    return render(request, "forum/group_members.html", {"group": group, "memberships": memberships})


@require_POST
@login_required
def membership_decide(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    group = access.group_for_organizer(request.user, slug)
    membership = get_object_or_404(Membership, pk=membership_id, group=group)
    choice = request.POST.get("approve")
    if choice not in ("1", "0"):  # anything else used to count as "decline"
        messages.error(request, "Choose Approve or Decline.")
        return redirect("forum:group_members", slug=group.slug)
    try:
        groups.membership_decide(
            organizer=request.user,
            membership=membership,
            approve=choice == "1",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:group_members", slug=group.slug)


@login_required
def topic_detail(request: HttpRequest, topic_id: int) -> HttpResponse:
    """A page of a thread."""
    number = queries.page_number(request.GET.get("page"))
    try:
        topic = access.topic_for_reader(request.user, topic_id)
    except ReadingRefused as refused:
        return _own_posts_or_refuse(request, refused)
    standing = queries.topic_standing(user=request.user, topic=topic)
    moderates = moderates_group(request.user, topic.group)
    reader = thread_html.Reader(
        user=request.user, is_member=standing.is_member, moderates=moderates
    )
    shared = thread_html.shared_page(
        reader=reader,
        topic=topic,
        number=number,
        also=queries.reader_keys(request.user, notice=True),
    )
    context: dict[str, object] = {
        "topic": topic,
        "is_organizer": standing.is_organizer,
        "is_member": standing.is_member,
        "moderates": moderates,
        **queries.reader_context(request.user, shared.also if shared else {}, notice=True),
    }
    # A member who may not post now (silenced, suspended, unverified...) is told why below
    # the thread; the posts' Reply, Quote, Edit and Flag links would only be refused.
    posting_blocked = bool(context["posting_block_reason"])
    if shared is not None and shared.html is not None:
        html = shared.html
    else:
        thread = queries.thread_page(
            user=request.user, topic=topic, page=number, moderates=moderates
        )
        context.update(page=thread.page, badges=thread.badges)
        if shared is None:  # the page holds posts only this reader sees: theirs alone
            shown = thread.page.object_list
            html = thread_html.render_for(request, {**context, "posting_blocked": posting_blocked})
            return _with_reading_position(
                request,
                context,
                html,
                number=thread.page.number,
                last_page=not thread.page.has_next(),
                posts=[(post.pk, post.number, post.status) for post in shown],
                last_number=shown[0].last_number if shown else 0,
            )
        html = thread_html.render({**context, "user": thread_html.ANY_READER})
        thread_html.store(shared, html, reader=reader, topic=topic, number=number)
    if posting_blocked:  # every footer is this reader's (rare: shared HTML has the links)
        shared = dataclasses.replace(shared, own=shared.footers)
    if shared.own:  # the reader's own posts (or, for the topic's author, every reply)
        # One masked token for the page: its forms and the header's (masking one costs
        # ~90 us here, 32 reads of the system's random source).
        context["csrf_token"] = get_token(request)
        html = thread_html.with_reader_controls(
            html,
            shared,
            context={
                "user": request.user,
                "csrf_token": context["csrf_token"],
                "topic": topic,
                "is_member": standing.is_member,
                "posting_blocked": posting_blocked,
            },
        )
    # Shared HTML holds the posts every reader of this kind sees (PUBLIC_STATUSES).
    public = [post for post in shared.posts if post[2] in PUBLIC_STATUSES]
    return _with_reading_position(
        request,
        context,
        html,
        number=number,
        last_page=number * settings.FORUM_PAGE_SIZE >= shared.last_number,
        posts=public,
        last_number=shared.last_number,
    )


def _own_posts_or_refuse(request: HttpRequest, refused: ReadingRefused) -> HttpResponse:
    """A member who may not read the thread (a lapsed license, a suspension...) still reads
    their own posts in it, under the notice that says why the rest is closed; with none
    of theirs there, the refusal stands (accounts.middleware.ReadingRefusedMiddleware)."""
    topic = refused.topic
    if not isinstance(topic, Topic):
        raise refused
    posts, badges = queries.own_posts_in_topic(user=request.user, topic=topic)
    if not posts:
        raise refused
    return render(
        request,
        "forum/topic_own_posts.html",
        {
            "topic": topic,
            "reason": refused.reason,
            "posts": posts,
            "badges": badges,
            "moderates": False,
            "more": len(posts) >= queries.OWN_POSTS_SHOWN,
        },
    )


def _with_reading_position(
    request: HttpRequest,
    context: dict[str, Any],
    html: str,
    *,
    number: int,
    last_page: bool,
    posts: list[tuple[int, int, str]],
    last_number: int,
) -> HttpResponse:
    """The thread page, after moving the reader's read position to this page's end (one
    statement, which answers the position before: the page marks the first post after it)
    and, on the last page of an open topic, with the poller for new replies (forum/live.py).
    """
    topic: Topic = context["topic"]
    previous = reading_positions.mark_read(
        user=request.user,
        topic_id=topic.pk,
        up_to=reading_positions.read_up_to(number=number, last_number=last_number),
    )
    context["posts_html"] = reading_positions.with_first_unread_marker(
        html, previous=previous, posts=posts
    )
    if last_page and not topic.is_locked and posts:
        context["live_after"] = posts[-1][1]
    return render(request, "forum/topic.html", context)


# htmx stops polling an element whose answer has this status (htmx's "286 Stop Polling").
STOP_POLLING = 286


@require_GET
@login_required
def post_state(request: HttpRequest, post_id: int) -> HttpResponse:
    """A post as the thread page shows it to this reader, for the poller its author's page
    runs while it is being screened: 204 while it still is (the `revision` asked about),
    else the post, which replaces the one on the page. Same rules as the thread page: a
    post the reader may not see there is a 404 here."""
    topic_id = access.topic_id_of_post(request.user, post_id)
    topic = access.topic_for_reader(request.user, topic_id)
    standing = queries.topic_standing(user=request.user, topic=topic)
    moderates = moderates_group(request.user, topic.group)
    live = queries.live_posts(user=request.user, topic=topic, moderates=moderates, post_id=post_id)
    if not live.posts:
        raise Http404("No such post.")
    post = live.posts[0]
    screening = post.author_id == request.user.pk and (
        post.status == PostStatus.PENDING or post.edit_by_reader
    )
    if screening and request.GET.get("revision") == str(post.current_revision_id):
        return HttpResponse(status=204)
    return render(
        request,
        "forum/_live_post.html",
        {
            "post": post,
            "topic": topic,
            "is_member": standing.is_member,
            "posting_blocked": bool(queries.posting_block_notice(request.user)),
            "moderates": moderates,
            "badges": live.badges,
        },
    )


@require_GET
@login_required
def topic_new_posts(request: HttpRequest, topic_id: int, number: int) -> HttpResponse:
    """Posts after number `number` this reader sees (the thread page's rules), for the
    poller on the last page of an open topic: 204 when there are none; the posts, to add
    to the page, with a poller asking after the last of them; 286 (stop) once the topic is
    locked. Reading them moves the reader's position (forum/reading_positions.py)."""
    topic = access.topic_for_reader(request.user, topic_id)
    if topic.is_locked:
        return HttpResponse(status=STOP_POLLING)
    standing = queries.topic_standing(user=request.user, topic=topic)
    moderates = moderates_group(request.user, topic.group)
    live = queries.live_posts(user=request.user, topic=topic, moderates=moderates, after=number)
    if not live.posts:
        return HttpResponse(status=204)
    last = live.posts[-1].number
    if not live.more:
        reading_positions.mark_read(user=request.user, topic_id=topic.pk, up_to=last)
    return render(
        request,
        "forum/_live_new_posts.html",
        {
            "posts": live.posts,
            "count": len(live.posts),
            "more": live.more,
            "next_page": queries.page_of_post(user=request.user, post=live.posts[0]),
            "after": last,
            "topic": topic,
            "is_member": standing.is_member,
            "posting_blocked": bool(queries.posting_block_notice(request.user)),
            "moderates": moderates,
            "badges": live.badges,
        },
    )


@require_POST
@login_required
def topic_flags(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = access.topic_for_reader(request.user, topic_id)
    if not access.is_group_organizer(request.user, topic.group):
        raise PermissionDenied("Only this group's organizers can pin or lock topics.")
    action = request.POST.get("action", "")
    changes = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
    }
    if action not in changes:
        messages.error(request, "Unknown action.")
    else:
        posting.topic_set_flags(topic=topic, **changes[action])
    return redirect(topic)


@login_required
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_reader(request.user, post_id)
    if not can_read_topics(request.user):
        # Their own post (post_for_reader): its versions, not the thread they cannot read.
        return redirect("forum:post_history", post_id=post.pk)
    page = queries.page_of_post(user=request.user, post=post)
    url = reverse("forum:topic", kwargs={"topic_id": post.topic_id})
    return redirect(f"{url}?page={page}#post-{post.pk}")


@login_required
def scheduled_posts(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forum/scheduled.html",
        {
            "posts": scheduling.scheduled_posts_for(request.user),
            "sleep_choices": nudges.sleep_choices(user=request.user),
            "author_zone": zone_of(request.user).key,
        },
    )


@require_POST
@login_required
def scheduled_action(request: HttpRequest, post_id: int) -> HttpResponse:
    """Cancel, publish now or change the time of one of the author's scheduled posts."""
    action = request.POST.get("action", "")
    try:
        if action == "cancel":
            scheduling.cancel_scheduled(author=request.user, post_id=post_id)
            messages.info(request, "Cancelled: the post will not be published.")
        elif action == "now":
            scheduling.publish_now(author=request.user, post_id=post_id)
            messages.success(request, "Released: the post publishes once it is screened.")
        elif action in nudges.SLEEP_CHOICES:
            when = nudges.sleep_until(action, user=request.user)
            assert when is not None  # every SLEEP_CHOICES key has a time
            scheduling.reschedule(author=request.user, post_id=post_id, when=when)
            messages.info(
                request, f"It now publishes {nudges.describe_time(when, user=request.user)}."
            )
        else:
            messages.error(request, "Unknown action.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:scheduled")


@login_required
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_reader(request.user, post_id)
    # Only published versions, but for the author and the group's moderators (TOTP).
    revisions = access.revisions_for_reader(request.user, post)
    # A withdrawn or removed post's versions stay available to moderators and the author.
    if (
        post.is_tombstone
        and post.author_id != request.user.pk
        and not moderates_group(request.user, post.topic.group)
    ):
        revisions = []
    # "?a=" and "?b=" are in the reader's numbering (forum/revision_numbers.py).
    by_number = {revision.shown_number: revision for revision in revisions}
    newest = revisions[-1] if revisions else None
    b = access.number_or_404(request.GET.get("b")) or (newest.shown_number if newest else 0)
    a = access.number_or_404(request.GET.get("a"))
    if a is None:
        before = by_number.get(b)
        a = (before.previous_number if before else None) or b
    old, new = by_number.get(a), by_number.get(b)
    # A redacted version's text is in no diff (its redaction record is for moderators).
    redacted = any(
        hasattr(revision, "redaction") for revision in (old, new) if revision is not None
    )
    diff = diff_lines(old.body, new.body) if old and new and old != new and not redacted else []
    return render(
        request,
        "forum/history.html",
        {
            "post": post,
            "revisions": revisions,
            "old": old,
            "new": new,
            "diff": diff,
            "redacted": redacted,
            "sees_unpublished": access.sees_unpublished_revisions(request.user, post),
        },
    )


@login_required
def revision_detail(request: HttpRequest, post_id: int, number: int) -> HttpResponse:
    post = access.post_for_reader(request.user, post_id)
    if post.is_tombstone and not (
        moderates_group(request.user, post.topic.group) or post.author_id == request.user.pk
    ):
        raise Http404("This post was withdrawn.")
    revision = access.revision_for_reader(request.user, post, number)
    return render(
        request,
        "forum/revision.html",
        {
            "post": post,
            "revision": revision,
            "sees_unpublished": access.sees_unpublished_revisions(request.user, post),
        },
    )


@require_GET
@login_required
def answered_version(request: HttpRequest, post_id: int) -> HttpResponse:
    """The version of the post reply `post_id` answered, at its number for this reader."""
    post, number = access.answered_version_for_reader(request.user, post_id)
    return redirect("forum:revision", post_id=post.pk, number=number)


@login_required
def post_withdraw(request: HttpRequest, post_id: int) -> HttpResponse:
    """GET asks "Withdraw this post?"; POST withdraws it and offers an undo for a minute."""
    post = access.post_for_editor(request.user, post_id)
    if request.method != "POST":
        show_redacted_spans_of_posts([post], "current_revision")
        return render(request, "forum/withdraw_confirm.html", {"post": post})
    try:
        posting.post_withdraw(author=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(post.topic)
    return redirect("forum:post_withdrawn", post_id=post.pk)


@login_required
def post_warnings(request: HttpRequest, post_id: int) -> HttpResponse:
    """The author's answer about warnings screening or a moderator added to their post
    (forum/added_warnings.py): GET asks, POST "keep" or "dispute"."""
    post = access.post_for_editor(request.user, post_id)
    asked = [
        {"value": entry["warning"], "note": notes[0]}
        for entry in post.added_warnings
        if entry.get("by") in (added_warnings.SCREENING, added_warnings.MODERATOR)
        and not entry.get("disputed")
        and (notes := added_warning_notes([entry]))
    ]
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        try:
            if answer == "keep":
                added_warnings.keep_warnings(author=request.user, post=post)
                messages.success(
                    request, "Thank you: the warning stays, and reads as yours from now on."
                )
            elif answer == "dispute":
                added_warnings.dispute_warnings(author=request.user, post=post)
                messages.success(
                    request,
                    "Thank you: a moderator will look. Readers see the post collapsed behind "
                    "the warning until they decide.",
                )
            else:
                messages.error(request, "Choose “Keep this warning” or “This does not apply”.")
                return redirect("forum:post_warnings", post_id=post.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(post)
    return render(request, "forum/post_warnings.html", {"post": post, "asked": asked})


@require_GET
@login_required
def post_withdrawn(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_restore(request.user, post_id)
    return render(
        request,
        "forum/withdrawn.html",
        {
            "post": post,
            "can_undo": posting.can_undo_withdrawal(post),
            "undo_seconds": int(posting.WITHDRAW_UNDO_WINDOW.total_seconds()),
        },
    )


@require_POST
@login_required
def post_restore(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_restore(request.user, post_id)
    try:
        restored = posting.post_restore(author=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("forum:post_withdrawn", post_id=post.pk)
    messages.success(request, "Undone: your post is back as it was.")
    return redirect(restored)


@require_POST
@login_required
def post_helpful(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.topic_for_helpful_mark(request.user, post_id)
    try:
        posting.mark_helpful(user=request.user, post=post, helpful=request.POST.get("undo") != "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(post)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search reads posts' bodies: a reader without a current verified license gets the
    explanation instead (no results, no titles: a match would tell what bodies say)."""
    reason = reading_block_reason(request.user)
    if reason is not None:
        return render(request, "forum/search.html", {"reading_block_reason": reason}, status=403)
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = search_results(user=request.user, query=form.cleaned_data["q"])
    return render(request, "forum/search.html", {"form": form, "results": results})


@require_GET
@login_required
def member_profile(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for_viewer(request.user, member_id)
    return render(
        request,
        "forum/member.html",
        {"profile": profiles.member_profile(viewer=request.user, member=member)},
    )


@require_GET
def image(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """A picture attached to a post (forum/images.py), for those who may see it: its
    uploader, readers of a published revision that shows it, the group's moderators.
    Who may see it changes (a hold, a redaction), so nothing keeps a copy."""
    picture = images.image_for_viewer(request.user, key)
    try:
        handle = picture.file.open("rb")
    except OSError as exc:
        raise Http404("The picture is missing.") from exc
    response = FileResponse(handle, content_type=picture.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    extension = "png" if picture.content_type == "image/png" else "jpg"
    response["Content-Disposition"] = f'inline; filename="image-{picture.key.hex[:12]}.{extension}"'
    return response
