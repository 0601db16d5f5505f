"""The composer pages: a new topic, a reply and an edit share one flow.

Each submit is validated by its form, then passes the author's checks (nudges.gate_submission:
the tone interstitial, the identifier confirmation, "sleep on it"), then one domain function
writes it (posting.topic_create, reply_create or post_edit) together with the nudge's
outcome. The htmx draft check is here too: it runs the same checks on a draft, writing nothing.

A "Preview" submit (or its htmx twin, draft_preview) shows the draft rendered as the post
will be (rendering.render_markdown), storing nothing. A reply opened with ?quote=<post>
starts from a Markdown quote of that post's published revision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import posting_block_reason
from config import ratelimit
from forum import access, added_warnings, images, nudges, posting
from forum.choices import PostStatus, TriggerWarning
from forum.forms import (
    DraftCheckForm,
    EditForm,
    PostContentForm,
    ReplyForm,
    TopicForm,
    apply_domain_errors,
)
from forum.models import NudgeEvent, Post, Revision, RevisionRedaction
from forum.redacted import show_redacted_spans
from forum.rendering import images_as_descriptions, plain_text, render_markdown

# The session key naming the composer whose post was just sent: the next page tells the
# browser (base.html, data-draft-sent) to forget that composer's saved draft.
DRAFT_SENT_SESSION_KEY = "forum_draft_sent"
PREVIEW_TEMPLATE = "forum/_preview.html"
# A selection quoted by "Quote" is at most this long (the rest is cut, not refused).
QUOTE_SELECTION_MAX = 2000


@dataclass(frozen=True)
class Preview:
    """A draft rendered as its post will be; or why it was not (empty, too long, limit)."""

    html: str = ""
    error: str = ""
    limited: bool = False


def preview_of(user: Any, body: str) -> Preview:
    """Render a draft body for its author; counts against FORUM_PREVIEW_RATE_LIMIT (a body
    of pathological Markdown at the length limit costs up to ~0.4 s to render)."""
    try:
        ratelimit.enforce(
            "draft_preview", who=user.pk, spec=settings.FORUM_PREVIEW_RATE_LIMIT, doing="preview"
        )
    except ratelimit.RateLimited as refused:
        return Preview(error=" ".join(refused.messages), limited=True)
    if not body.strip():
        return Preview(error="Write something first, then preview it.")
    if len(body) > settings.FORUM_BODY_MAX:
        return Preview(
            error=f"Posts are limited to {settings.FORUM_BODY_MAX:,} characters "
            f"(this draft has {len(body):,}); shorten it to preview it."
        )
    return Preview(html=render_markdown(body))


def _composer_context(
    request: HttpRequest, gate: nudges.Gate | None = None, **extra: object
) -> dict[str, object]:
    context: dict[str, object] = {"posting_block_reason": posting_block_reason(request.user)}
    if gate is not None:
        context.update(
            check=gate.check,
            nudge_id=gate.nudge_id,
            confirm_identifiers=gate.confirm_identifiers,
            confirm_warnings=gate.confirm_warnings,
            identifiers_confirmed=gate.identifiers_confirmed,
            warnings_answered=gate.warnings_answered,
            answer_rows=gate.answer_rows
            if gate.confirm_identifiers or gate.identifiers_confirmed
            else [],
            identifier_error=gate.error if gate.confirm_identifiers else "",
            placeholder_notice=gate.notice,
        )
    elif request.method == "POST":
        context["nudge_id"] = request.POST.get("nudge", "")
    return {**context, **extra}


def _composer_data(request: HttpRequest) -> QueryDict | None:
    """The submitted composer form; a no-JS "add this warning" button, or the submit-time
    "add these warnings and post" (`add_warnings`, space-separated), adds them here."""
    if request.method != "POST":
        return None
    adding = [request.POST.get("add_warning", ""), *request.POST.get("add_warnings", "").split()]
    adding = [w for w in adding if w in TriggerWarning.values and w != TriggerWarning.NONE]
    if not adding:
        return request.POST
    data = request.POST.copy()
    declared = [w for w in data.getlist("trigger_warnings") if w != TriggerWarning.NONE]
    data.setlist("trigger_warnings", sorted({*declared, *adding}))
    return data


# What the interstitial must not carry over as hidden fields: it sets these itself.
_INTERSTITIAL_OWN_FIELDS = {"csrfmiddlewaretoken", "nudge", "nudge_choice", "sleep_for", "check"}


def _gate(
    request: HttpRequest, form: PostContentForm, composer: str, *, title: str = "", **extra: object
) -> nudges.Gate:
    data = form.cleaned_data
    return nudges.gate_submission(
        user=request.user,
        composer=composer,
        data=form.data,
        body=data["body"],
        title=title,
        declared_warnings=data["trigger_warnings"],
        disclaimer=data["disclaimer"],
        **extra,  # type: ignore[arg-type]
    )


def _interstitial(
    request: HttpRequest, gate: nudges.Gate, *, can_schedule: bool, is_correction: bool = False
) -> HttpResponse:
    hidden = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _INTERSTITIAL_OWN_FIELDS
        for value in values
    ]
    return render(
        request,
        "forum/interstitial.html",
        {
            "gate": gate,
            "check": gate.check,
            "nudge_id": gate.nudge_id,
            "hidden_fields": hidden,
            "action": request.get_full_path(),
            "sleep_choices": nudges.sleep_choices(user=request.user) if can_schedule else [],
            "is_correction": is_correction,
            "correction_guide": nudges.CORRECTION_GUIDE,
        },
    )


def _after_submit(request: HttpRequest, gate: nudges.Gate, post: Post) -> HttpResponse:
    if gate.schedule_at is not None:
        messages.info(
            request,
            "You are sleeping on it: the post publishes automatically "
            f"{nudges.describe_time(gate.schedule_at, user=request.user)}. "
            "Edit or cancel it here until then.",
        )
        return redirect("forum:scheduled")
    if gate.identifiers_held:
        messages.info(
            request,
            "Thank you for checking. Because the privacy check flagged it, a moderator "
            "reviews the post before others can see it.",
        )
    elif gate.check.identifiers:
        messages.info(
            request,
            "Thank you for answering. The names you said are not clients do not hold your "
            "post; a moderator may still look at it.",
        )
    return redirect(post)


def _replace_with_placeholders(
    request: HttpRequest, form: PostContentForm, composer: Composer
) -> PostContentForm:
    """ "Replace with placeholders": the same composer, bound to the draft with each flagged
    span (but names the author said are not clients) replaced, to read again. Nothing is
    stored. Malformed answers leave the draft as it was (the gate says why)."""
    data = form.cleaned_data
    fields, error = nudges.placeholder_draft(
        form.data,
        title=composer.title(data),
        body=data["body"],
        title_editable="title" in form.fields,
    )
    if error:
        return form
    submitted = form.data.copy()
    for name in [name for name in submitted if name.startswith("answer_")]:
        submitted.pop(name)
    submitted.pop("placeholders", None)
    for name, value in fields.items():
        submitted[name] = value
    rebuilt = type(form)(submitted, initial=form.initial)
    rebuilt.purpose_for_validation = form.purpose_for_validation
    rebuilt.is_valid()
    return rebuilt


@dataclass(frozen=True)
class Composer:
    """What differs between the topic, reply and edit composers; the flow is compose()."""

    kind: str  # NudgeEvent.Composer
    template: str
    # Writes the submit (the form's cleaned data, the "sleep on it" time) and returns the
    # post written; raises ValidationError or PermissionDenied for the form to show.
    write: Callable[[dict[str, Any], datetime | None], Post]
    # The draft's title and purpose as the checks read them.
    title: Callable[[dict[str, Any]], str] = lambda data: ""
    purpose: Callable[[dict[str, Any]], str] = lambda data: ""
    can_schedule: bool = True
    context: dict[str, object] = field(default_factory=dict)
    # The page after a successful submit (by default the post, or the scheduled list).
    done: Callable[[HttpRequest, nudges.Gate, Post], HttpResponse] | None = None


def _attach_image(request: HttpRequest, form: PostContentForm) -> dict[str, object]:
    """The no-JS "Attach image" submit: store the picture (forum/images.py) and add its
    Markdown to the end of the body; the rest of the draft comes back as it was, unchecked.
    Returns the composer's context for the attach fieldset (its errors, or what was added)."""
    # The draft is not being posted: no errors of its own (an unfinished draft is fine).
    form._errors = ErrorDict()
    form.cleaned_data = {}
    alt = request.POST.get("image_alt", "")
    try:
        reason = posting_block_reason(request.user)
        if reason is not None:
            raise ValidationError({"image": [reason]})
        ratelimit.enforce(
            "image",
            who=request.user.pk,
            spec=settings.FORUM_IMAGE_RATE_LIMIT,
            doing="picture",
            then="Your draft is still here.",
        )
        image = images.image_upload(
            uploader=request.user, upload=request.FILES.get("image"), alt=alt
        )
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"image": error.messages}
        return {"image_errors": errors, "image_alt": alt}
    data = form.data.copy()
    body = data.get("body", "").rstrip()
    data["body"] = (
        f"{body}\n\n{images.image_markdown(image)}\n"
        if body
        else (f"{images.image_markdown(image)}\n")
    )
    form.data = data
    return {"image_attached": image}


def compose(request: HttpRequest, form: PostContentForm, composer: Composer) -> HttpResponse:
    """Show the composer; on submit, check the draft, then write it or show why not."""
    if request.method == "POST" and "attach_image" in request.POST:
        attached = _attach_image(request, form)
        status = 400 if "image_errors" in attached else 200
        return render(
            request,
            composer.template,
            _composer_context(request, None, form=form, **composer.context, **attached),
            status=status,
        )
    if request.method == "POST" and request.POST.get("preview"):
        form.previewing = True
        preview = preview_of(request.user, request.POST.get("body", ""))
        return render(
            request,
            composer.template,
            _composer_context(request, None, form=form, preview=preview, **composer.context),
        )
    gate = None
    if request.method == "POST" and form.is_valid() and request.POST.get("placeholders"):
        form = _replace_with_placeholders(request, form, composer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        gate = _gate(
            request,
            form,
            composer.kind,
            title=composer.title(data),
            purpose=composer.purpose(data),
            can_schedule=composer.can_schedule,
        )
        if gate.interstitial:
            return _interstitial(
                request,
                gate,
                can_schedule=composer.can_schedule,
                is_correction=bool(data.get("is_correction")),
            )
    if gate is not None and gate.proceed:
        try:
            # Recorded with the revision the write creates (PostContent.identifier_answers).
            form.identifier_answers = gate.answers
            with transaction.atomic():
                post = composer.write(form.cleaned_data, gate.schedule_at)
                nudges.after_post(gate=gate, post=post)
        except ValidationError as error:
            apply_domain_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            request.session[DRAFT_SENT_SESSION_KEY] = request.path
            return (composer.done or _after_submit)(request, gate, post)
    return render(
        request, composer.template, _composer_context(request, gate, form=form, **composer.context)
    )


@login_required
def topic_create(request: HttpRequest, slug: str) -> HttpResponse:
    group = access.group_for_visitor(slug)
    form = TopicForm(_composer_data(request))

    def write(data: dict[str, Any], schedule_at: datetime | None) -> Post:
        topic = posting.topic_create(
            author=request.user,
            group=group,
            title=data["title"],
            purpose=data["purpose"],
            content=form.post_content(),
            schedule_at=schedule_at,
        )
        return topic.posts.get(number=1)

    return compose(
        request,
        form,
        Composer(
            kind=NudgeEvent.Composer.TOPIC,
            template="forum/topic_form.html",
            write=write,
            title=lambda data: data["title"],
            purpose=lambda data: data["purpose"],
            context={"group": group},
        ),
    )


@login_required
def reply_create(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = access.topic_for_reader(request.user, topic_id)
    if topic.is_locked:
        # No composer to fill in for nothing (issue 22.9): say why, and where to go instead.
        return render(request, "forum/reply_locked.html", {"topic": topic}, status=403)
    reply_to_id = access.number_or_404(request.POST.get("reply_to") or request.GET.get("to"))
    reply_to = None
    if reply_to_id is not None:
        reply_to = access.post_for_reader(request.user, reply_to_id)
        if reply_to.topic_id != topic.pk:
            raise Http404("That post is in another topic.")
    initial: dict[str, object] = {"reply_to": reply_to_id}
    if request.GET.get("correction") == "1":
        initial.update(is_correction=True, body=nudges.CORRECTION_TEMPLATE)
    elif request.method == "GET" and "quote" in request.GET:
        quoted, revision = _quotable(request.user, topic, request.GET["quote"])
        initial["body"] = quote_markdown(quoted, revision, request.GET.get("text", ""))
        if reply_to is None:
            reply_to, initial["reply_to"] = quoted, quoted.pk
    form = ReplyForm(_composer_data(request), initial=initial)

    def write(data: dict[str, Any], schedule_at: datetime | None) -> Post:
        return posting.reply_create(
            author=request.user,
            topic=topic,
            content=form.post_content(),
            reply_to=reply_to,
            is_correction=data["is_correction"],
            schedule_at=schedule_at,
        )

    return compose(
        request,
        form,
        Composer(
            kind=NudgeEvent.Composer.REPLY,
            template="forum/reply_form.html",
            write=write,
            context={
                "topic": topic,
                "reply_to": reply_to,
                "parent_revision": _published_revision(reply_to),
                "correction_guide": nudges.CORRECTION_GUIDE,
                "correction_template": nudges.CORRECTION_TEMPLATE,
            },
        ),
    )


def _with_kept_warnings(declared: list[str], post: Post) -> list[str]:
    """The revision's warnings and those its author kept after screening or a moderator
    added them (forum/added_warnings.py): the edit declares them."""
    kept = [e.get("warning") for e in post.added_warnings if e.get("by") == "author"]
    if not kept:
        return declared
    return sorted({*(w for w in declared if w != TriggerWarning.NONE), *kept})


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = access.post_for_editor(request.user, post_id)
    revision = post.current_revision
    # The author edits the text as readers see it: a redacted passage stays redacted.
    if post.redacted_spans:
        show_redacted_spans([revision])
    initial = {
        "body": revision.body,
        "disclaimer": revision.disclaimer,
        "disclaimer_text": revision.disclaimer_text,
        "trigger_warnings": _with_kept_warnings(revision.trigger_warnings, post),
    }
    form = EditForm(_composer_data(request), initial=initial)
    form.purpose_for_validation = posting.disclosure_purpose(post)

    def write(data: dict[str, Any], schedule_at: datetime | None) -> Post:
        content = form.post_content()
        posting.post_edit(editor=request.user, post=post, content=content, reason=data["reason"])
        # Declaring a warning screening or a moderator added answers its question: kept.
        added_warnings.declared_in_edit(
            author=request.user, post=post, declared=content.trigger_warnings
        )
        return post

    def done(request: HttpRequest, gate: nudges.Gate, post: Post) -> HttpResponse:
        if post.status == PostStatus.SCHEDULED:
            messages.success(request, "Your scheduled post is updated.")
            return redirect("forum:scheduled")
        post.refresh_from_db(fields=["status", "current_revision", "published_revision"])
        if post.status == PostStatus.PUBLISHED and post.has_edit_in_screening:
            messages.success(
                request,
                "Your edit is saved and is being screened: others see the earlier version "
                "until it is published. The earlier version stays in the history.",
            )
        else:
            messages.success(
                request, "Your edit is saved; the earlier version stays in the history."
            )
        return _after_submit(request, gate, post)

    return compose(
        request,
        form,
        Composer(
            kind=NudgeEvent.Composer.EDIT,
            template="forum/edit_form.html",
            write=write,
            title=lambda data: post.topic.title if post.is_first_post else "",
            purpose=lambda data: posting.disclosure_purpose(post),
            can_schedule=False,
            context={"post": post},
            done=done,
        ),
    )


@require_POST
@login_required
def draft_check(request: HttpRequest) -> HttpResponse:
    """htmx: check a draft and answer with the findings partial. Stores no draft text."""
    error = nudges.check_refused(request.user)
    if error is not None:
        return render(request, "forum/_draft_check.html", {"error": error}, status=429)
    form = DraftCheckForm(request.POST)
    if not form.is_valid():
        error = " ".join(message for messages_ in form.errors.values() for message in messages_)
        return render(request, "forum/_draft_check.html", {"error": error}, status=400)
    data = form.cleaned_data
    check = nudges.check_draft(
        body=data["body"],
        title=data["title"],
        declared_warnings=data["trigger_warnings"],
        purpose=data["purpose"] or data["draft_purpose"],
        disclaimer=data["disclaimer"],
    )
    event = nudges.record_check(
        user=request.user,
        composer=data["composer"],
        check=check,
        event=nudges.event_for(request.user, request.POST.get("nudge")),
    )
    return render(
        request,
        "forum/_draft_check.html",
        {"check": check, "nudge_id": event.pk if event else "", "oob": True},
    )


@require_POST
@login_required
def draft_preview(request: HttpRequest) -> HttpResponse:
    """htmx: the draft rendered as its post will be, for the preview pane. Stores nothing."""
    preview = preview_of(request.user, request.POST.get("body", ""))
    status = 429 if preview.limited else 400 if preview.error else 200
    return render(request, PREVIEW_TEMPLATE, {"preview": preview}, status=status)


# -- quoting -----------------------------------------------------------------------------


def _published_revision(post: Post | None) -> Revision | None:
    """What every reader sees of `post`: its published revision, unless the post is not
    published now (held, withdrawn, removed...) or that revision was redacted."""
    if post is None or post.status != PostStatus.PUBLISHED or post.published_revision_id is None:
        return None
    if RevisionRedaction.objects.filter(revision_id=post.published_revision_id).exists():
        return None
    revision = Revision.objects.get(pk=post.published_revision_id)
    if post.redacted_spans:
        show_redacted_spans([revision])
    return revision


def _quotable(user: Any, topic: Any, value: str) -> tuple[Post, Revision]:
    """The post ?quote= names and its published revision; a post the reader cannot read,
    in another topic, or with nothing published answers 404 like a missing one."""
    post_id = access.number_or_404(value)
    if post_id is None:
        raise Http404("No such post.")
    post = access.post_for_reader(user, post_id)
    revision = _published_revision(post)
    if post.topic_id != topic.pk or revision is None:
        raise Http404("No such post.")
    return post, revision


def _markdown_escaped(text: str) -> str:
    """`text` as literal Markdown inside a line's emphasis (a name: "**Name** wrote:")."""
    return "".join(f"\\{c}" if c in "\\`*_[]()<>!|~&" else c for c in text)


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def quote_markdown(post: Post, revision: Revision, selection: str = "") -> str:
    """A Markdown blockquote of `revision` (or of `selection`, when it is text the reader
    saw in it), attributed to the post's author, with a blank line to write under."""
    # A reply may show only pictures its author attached: a quoted one becomes its description.
    text = images_as_descriptions(revision.body)
    chosen = _squeezed(selection[:QUOTE_SELECTION_MAX])
    if chosen and chosen in _squeezed(plain_text(revision.body)):
        text = chosen
    name = _markdown_escaped(post.author.public_name)
    lines = [f"> **{name}** wrote:", ">", *(f"> {line}".rstrip() for line in text.splitlines())]
    return "\n".join(lines) + "\n\n"
