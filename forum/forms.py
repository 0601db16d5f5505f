"""Forms for the forum. Validation rules live in the domain (forum/posting.py); forms reuse them."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from accounts.choices import JURISDICTIONS
from forum.choices import (
    Disclaimer,
    GroupKind,
    MembershipPolicy,
    Modality,
    TopicPurpose,
    TriggerWarning,
)
from forum.posting import PostContent, validate_content

WARNING_HELP = (
    'Declare every content warning that applies, or "None". Readers see them before '
    "the body, which stays collapsed until they open it."
)


def apply_domain_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a domain ValidationError on the form, on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class PostContentForm(forms.Form):
    body = forms.CharField(
        # The length limit is the domain's (validate_content), so the message matches.
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
        help_text="Markdown. Keep case details de-identified: no names, dates or places. "
        "To mention a colleague, write @ and their handle (e.g. @dana.reyes, shown on their "
        "profile and beside their name on posts): they are notified once the post is "
        "published.",
    )
    trigger_warnings = forms.MultipleChoiceField(
        choices=TriggerWarning.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Content warnings",
        help_text=WARNING_HELP,
        error_messages={"required": 'Declare the content warnings, or "None".'},
    )
    disclaimer = forms.ChoiceField(
        choices=Disclaimer.choices, widget=forms.RadioSelect, initial=Disclaimer.NOT_CLINICAL_ADVICE
    )
    disclaimer_text = forms.CharField(
        required=False, max_length=300, label="Your own disclaimer (if chosen above)"
    )

    purpose_for_validation: str = TopicPurpose.OTHER
    # The author's answers on the identifier confirmation, set by the composer once the
    # submit passed its checks (forum/nudges.py): written with the revision.
    identifier_answers: dict[str, str] | None = None
    # A "Preview" submit shows the draft as it stands: nothing is checked, nothing flagged.
    previewing: bool = False

    def full_clean(self) -> None:
        if self.previewing:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def post_content(self) -> PostContent:
        data = self.cleaned_data
        return PostContent(
            body=data["body"],
            disclaimer=data["disclaimer"],
            trigger_warnings=list(data["trigger_warnings"]),
            disclaimer_text=data.get("disclaimer_text", ""),
            identifier_answers=dict(self.identifier_answers or {}),
        )

    def _purpose(self) -> str:
        return self.purpose_for_validation

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if {"body", "disclaimer", "trigger_warnings"} <= cleaned.keys():
            try:
                validate_content(self.post_content(), purpose=self._purpose())
            except ValidationError as error:
                apply_domain_errors(self, error)
        return cleaned


class TopicForm(PostContentForm):
    title = forms.CharField(max_length=settings.FORUM_TITLE_MAX)
    purpose = forms.ChoiceField(
        choices=[("", "Choose the topic's purpose")] + TopicPurpose.choices,
        help_text="Posting with a purpose: readers see it beside the title.",
    )
    field_order = ["title", "purpose", "body", "trigger_warnings", "disclaimer", "disclaimer_text"]

    def _purpose(self) -> str:
        return str(self.cleaned_data.get("purpose") or TopicPurpose.OTHER)


class ReplyForm(PostContentForm):
    is_correction = forms.BooleanField(
        required=False,
        label="This reply corrects someone",
        help_text="Shows a short guide: lead with empathy, own your perspective, "
        "state the purpose.",
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(PostContentForm):
    reason = forms.CharField(
        max_length=settings.FORUM_REASON_MAX,
        help_text="Readers see this reason in the post's history.",
        label="Reason for the edit",
    )


class GroupForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=GroupKind.choices, widget=forms.RadioSelect)
    region = forms.ChoiceField(
        choices=[("", "—"), *JURISDICTIONS], required=False, help_text="For regional groups."
    )
    modality = forms.ChoiceField(
        choices=[("", "—")] + Modality.choices,
        required=False,
        help_text="Required for modality groups; a regional group may carry one too.",
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Why the group exists. Shown at the top of the group page.",
    )
    rules = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=10_000
    )
    membership_policy = forms.ChoiceField(
        choices=MembershipPolicy.choices, widget=forms.RadioSelect, initial=MembershipPolicy.OPEN
    )
    requires_regional_license = forms.BooleanField(
        required=False, label="Members must hold a license in this region"
    )
    is_private = forms.BooleanField(
        required=False, label="Only members can read this group's topics"
    )


class GroupSettingsForm(forms.Form):
    """A group's settings page (forum.groups.group_update_settings checks them again)."""

    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Shown at the top of the group page. Earlier purposes stay in its history.",
        error_messages={
            "required": "Declare the group's purpose: members see it at the top of the page."
        },
    )
    rules = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=10_000
    )
    modality = forms.ChoiceField(
        choices=[("", "None")] + Modality.choices,
        required=False,
        help_text="A regional group may also carry a modality (for example EMDR in Oregon).",
    )
    is_private = forms.BooleanField(
        required=False,
        label="Private: only members can read this group's topics",
        help_text="The purpose, rules and description stay public either way.",
    )
    membership_policy = forms.ChoiceField(
        choices=MembershipPolicy.choices, widget=forms.RadioSelect, label="Joining"
    )
    requires_regional_license = forms.BooleanField(
        required=False, label="Members must hold a license in this region"
    )
    queue_first_posts = forms.IntegerField(
        min_value=0,
        max_value=20,
        label="Pre-approve a member's first posts",
        help_text=(
            "How many of each member's first posts a moderator approves before anyone else "
            "reads them (0 turns pre-approval off)."
        ),
        error_messages={
            "min_value": "Pre-approve from 0 (off) to 20 of a member's first posts.",
            "max_value": "Pre-approve from 0 (off) to 20 of a member's first posts.",
            "invalid": "Enter a whole number from 0 (off) to 20.",
            "required": "Enter a whole number from 0 (off) to 20.",
        },
    )

    def __init__(self, *args: object, group: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if getattr(group, "kind", "") == GroupKind.MODALITY:
            self.fields["modality"].choices = Modality.choices
            self.fields["modality"].required = True
            self.fields["modality"].help_text = "The modality this group is about."
            del self.fields["requires_regional_license"]


class DirectoryFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "All kinds")] + GroupKind.choices, required=False)
    region = forms.ChoiceField(choices=[("", "Any region"), *JURISDICTIONS], required=False)
    modality = forms.ChoiceField(choices=[("", "Any modality")] + Modality.choices, required=False)
    q = forms.CharField(required=False, max_length=100, label="Name contains")


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, label="Search posts")


class DraftCheckForm(forms.Form):
    """The draft sent by the composer to the check endpoint. Nothing of it is stored."""

    body = forms.CharField(
        strip=False,
        required=True,
        error_messages={"required": "Write something first, then check it."},
    )
    title = forms.CharField(required=False, max_length=settings.FORUM_TITLE_MAX)
    trigger_warnings = forms.MultipleChoiceField(choices=TriggerWarning.choices, required=False)
    disclaimer = forms.CharField(required=False, max_length=32)
    purpose = forms.CharField(required=False, max_length=32)
    draft_purpose = forms.CharField(required=False, max_length=32)
    composer = forms.CharField(required=False, max_length=8)

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError("Write something first, then check it.")
        if len(body) > settings.FORUM_BODY_MAX:
            raise ValidationError(
                f"Drafts are limited to {settings.FORUM_BODY_MAX:,} characters "
                f"(this one has {len(body):,}); shorten it before checking."
            )
        return body
