"""Forum pages. Each view checks access, calls one domain function, then redirects or renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import can_read_forum, moderates_group, posting_block_reason
from forum import access, groups, notifications, posting, queries
from forum.diffing import diff_lines
from forum.forms import (
    DirectoryFilterForm,
    EditForm,
    GroupForm,
    ReplyForm,
    SearchForm,
    TopicForm,
    apply_domain_errors,
)
from forum.fragments import post_fragments
from forum.models import Membership
from forum.search import search_posts


def _int_or_404(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404("Not a valid number.") from exc
    if not 0 < number < 2**62:
        raise Http404("Not a valid number.")
    return number


def home(request: HttpRequest) -> HttpResponse:
    if not can_read_forum(request.user):
        return render(request, "forum/landing.html", {"groups": queries.group_directory()[:12]})
    return render(
        request,
        "forum/home.html",
        {
            "topics": queries.recent_topics(user=request.user),
            "posting_block_reason": queries.posting_block_notice(request.user),
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
    form = GroupForm(request.POST or None)
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
    group = access.group_for_visitor(slug)
    user = request.user
    can_read = access.can_read_group_topics(user, group)
    membership = queries.membership_states(user).get(group.pk)
    return render(
        request,
        "forum/group.html",
        {
            "group": group,
            "can_read": can_read,
            "membership": membership,
            "is_organizer": access.is_group_organizer(user, group),
            "join_block_reason": groups.join_block_reason(user, group)
            if user.is_authenticated
            else "Sign in to join.",
            "page": queries.group_topics_page(user=user, group=group, page=request.GET.get("page"))
            if can_read
            else None,
        },
    )


@require_POST
@login_required
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_visitor(slug)
    try:
        membership = groups.group_join(user=request.user, group=group)
    except PermissionDenied as error:
        messages.error(request, str(error))
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
    try:
        groups.membership_decide(
            organizer=request.user,
            membership=membership,
            approve=request.POST.get("approve") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:group_members", slug=group.slug)


def _composer_context(request: HttpRequest, **extra: object) -> dict[str, object]:
    return {"posting_block_reason": posting_block_reason(request.user), **extra}


@login_required
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_visitor(slug)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = posting.topic_create(
                author=request.user,
                group=group,
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
                content=form.post_content(),
            )
        except ValidationError as error:
            apply_domain_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return redirect(topic)
    return render(
        request, "forum/topic_form.html", _composer_context(request, form=form, group=group)
    )


@login_required
def topic_detail(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = access.topic_for_reader(request.user, topic_id)
    thread = queries.thread_page(user=request.user, topic=topic, page=request.GET.get("page"))
    standing = queries.group_standing(user=request.user, group=topic.group)
    moderates = moderates_group(request.user, topic.group)
    return render(
        request,
        "forum/topic.html",
        {
            "topic": topic,
            "thread": thread,
            "page": thread.page,
            "badges": thread.badges,
            "is_organizer": standing.is_organizer,
            "is_member": standing.is_member,
            "moderates": moderates,
            "post_fragments": post_fragments(
                thread.page.object_list, badges=thread.badges, moderates=moderates
            ),
            "reply_form": ReplyForm(),
            "posting_block_reason": queries.posting_block_notice(request.user),
        },
    )


@login_required
def reply_create(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = access.topic_for_reader(request.user, topic_id)
    reply_to_id = _int_or_404(request.POST.get("reply_to") or request.GET.get("to"))
    reply_to = None
    if reply_to_id is not None:
        reply_to = access.post_for_reader(request.user, reply_to_id)
        if reply_to.topic_id != topic.pk:
            raise Http404("That post is in another topic.")
    form = ReplyForm(request.POST or None, initial={"reply_to": reply_to_id})
    form.purpose_for_validation = topic.purpose
    if request.method == "POST" and form.is_valid():
        try:
            post = posting.reply_create(
                author=request.user,
                topic=topic,
                content=form.post_content(),
                reply_to=reply_to,
                is_correction=form.cleaned_data["is_correction"],
            )
        except ValidationError as error:
            apply_domain_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return redirect(post)
    return render(
        request,
        "forum/reply_form.html",
        _composer_context(request, form=form, topic=topic, reply_to=reply_to),
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
    page = queries.page_of_post(user=request.user, post=post)
    url = reverse("forum:topic", kwargs={"topic_id": post.topic_id})
    return redirect(f"{url}?page={page}#post-{post.pk}")


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_editor(request.user, post_id)
    revision = post.current_revision
    initial = {
        "body": revision.body,
        "disclaimer": revision.disclaimer,
        "disclaimer_text": revision.disclaimer_text,
        "trigger_warnings": revision.trigger_warnings,
    }
    form = EditForm(request.POST or None, initial=initial)
    form.purpose_for_validation = post.topic.purpose
    if request.method == "POST" and form.is_valid():
        try:
            posting.post_edit(
                editor=request.user,
                post=post,
                content=form.post_content(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_domain_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Your edit is saved; the earlier version stays in the history."
            )
            return redirect(post)
    return render(request, "forum/edit_form.html", _composer_context(request, form=form, post=post))


@login_required
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_reader(request.user, post_id)
    revisions = queries.post_revisions(post)
    # A withdrawn or removed post's versions stay available to moderators and the author.
    if (
        post.is_tombstone
        and post.author_id != request.user.pk
        and not moderates_group(request.user, post.topic.group)
    ):
        revisions = []
    by_number = {revision.number: revision for revision in revisions}
    newest = revisions[-1].number if revisions else 0
    a = _int_or_404(request.GET.get("a")) or max(newest - 1, 1)
    b = _int_or_404(request.GET.get("b")) or newest
    old, new = by_number.get(a), by_number.get(b)
    diff = diff_lines(old.body, new.body) if old and new and old != new else []
    return render(
        request,
        "forum/history.html",
        {"post": post, "revisions": revisions, "old": old, "new": new, "diff": diff},
    )


@login_required
def revision_detail(request: HttpRequest, post_id: int, number: int) -> HttpResponse:
    post = access.post_for_reader(request.user, post_id)
    if post.is_tombstone and not (
        moderates_group(request.user, post.topic.group) or post.author_id == request.user.pk
    ):
        raise Http404("This post was withdrawn.")
    revision = get_object_or_404(post.revisions.select_related("editor"), number=number)
    return render(request, "forum/revision.html", {"post": post, "revision": revision})


@require_POST
@login_required
def post_withdraw(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_editor(request.user, post_id)
    try:
        posting.post_withdraw(author=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, "Your post is withdrawn. Its history stays available to moderators.")
    return redirect(post.topic)


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
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = list(search_posts(user=request.user, query=form.cleaned_data["q"])[:50])
    return render(request, "forum/search.html", {"form": form, "results": results})


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forum/notifications.html",
        {"notifications": queries.notifications_for(request.user)},
    )


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications.mark_all_read(user=request.user)
    return redirect("forum:notifications")
