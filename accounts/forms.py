"""Forms for signing up, settings, declaring licenses and leaving. Validation lives in the
domain modules (accounts.names, accounts.timezones, accounts.verification)."""

from __future__ import annotations

from allauth.account.forms import SignupForm
from django import forms

from accounts import handles, names, timezones
from accounts.avatars import MAX_AVATAR_BYTES
from accounts.choices import JURISDICTIONS, LicenseType
from accounts.evidence import MAX_EVIDENCE_BYTES
from notifications.choices import DigestFrequency, EmailNotices

ACCEPTED_TYPES = "image/jpeg,image/png,image/gif,image/webp"

_DISPLAY_NAME_HELP = (
    "The name colleagues see on your posts and profile, e.g. “Dana Reyes”. "
    "It is never taken from your email address."
)
_SUFFIX_HELP = "Optional, shown after your name, e.g. “LCSW” or “PhD, LP”."
_HANDLE_HELP = (
    "Colleagues mention you by writing @ and your handle in a post, and you are notified. "
    "Lower-case letters, digits, “.”, “_” and “-”; 2 to 30 characters."
)


class _NameFields(forms.Form):
    """The display name and credentials suffix, checked by accounts.names."""

    display_name = forms.CharField(
        label="Display name", max_length=200, help_text=_DISPLAY_NAME_HELP, strip=False
    )
    credentials_suffix = forms.CharField(
        label="Credentials (optional)", max_length=200, required=False, help_text=_SUFFIX_HELP
    )

    def clean_display_name(self) -> str:
        return names.clean_display_name(self.cleaned_data["display_name"])

    def clean_credentials_suffix(self) -> str:
        return names.clean_credentials_suffix(self.cleaned_data["credentials_suffix"])


class ClinicianSignupForm(_NameFields, SignupForm):  # type: ignore[misc]
    """allauth's sign-up with the name colleagues see and the browser's time zone.

    The zone field is hidden and filled by static/js/site.js from
    Intl.DateTimeFormat().resolvedOptions().timeZone; without JavaScript, or with a name
    we do not know, the member starts on UTC and can change it in settings.
    """

    time_zone = forms.CharField(
        required=False, widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""})
    )
    handle = forms.CharField(
        label="Handle for @mentions (optional)",
        required=False,
        max_length=80,
        help_text=_HANDLE_HELP + " Leave it empty and we make one from your display name "
        "(you can change it in your settings).",
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    field_order = [
        "email",
        "display_name",
        "credentials_suffix",
        "handle",
        "password1",
        "password2",
    ]

    def clean_time_zone(self) -> str:
        return timezones.guessed_time_zone(self.cleaned_data.get("time_zone", ""))

    def clean_handle(self) -> str:
        value = self.cleaned_data.get("handle", "")
        return handles.clean_handle(value) if value.strip() else ""


class SettingsForm(_NameFields):
    handle = forms.CharField(
        label="Handle",
        max_length=80,
        help_text=_HANDLE_HELP + " Your old handle stays yours for 90 days and mentions "
        "of it still reach you; at most 3 changes in 30 days.",
        # Not required: a form from before handles existed sends none (left as it is); an
        # emptied field is refused in clean_handle.
        required=False,
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text="Every time on the site is shown to you in this zone.",
    )
    email_notices = forms.ChoiceField(
        label="Email notices",
        choices=EmailNotices.choices,
        widget=forms.RadioSelect,
        help_text="Notices always stay on your Notifications page.",
    )
    digest = forms.ChoiceField(
        label="Email digest (for each group unless you choose otherwise for it)",
        required=False,
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text="Sent after 7:00 in your time zone, weekly ones on Mondays; only what "
        "every member of the group can read, from groups you have not muted.",
    )

    def __init__(self, *args: object, current_zone: str = "UTC", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = list(timezones.zone_choices())
        if current_zone not in {name for name, _ in choices}:
            choices.insert(0, (current_zone, current_zone))  # an alias the browser gave
        self.fields["time_zone"].choices = choices
        self.fields["time_zone"].widget.attrs["data-browser-time-zone-choice"] = ""

    def clean_time_zone(self) -> str:
        return timezones.clean_time_zone(self.cleaned_data["time_zone"])

    def clean_handle(self) -> str:
        value = self.cleaned_data.get("handle", "")
        if "handle" in self.data and not value.strip():
            raise forms.ValidationError("Enter a handle, e.g. “dana.reyes”.", code="required")
        return value


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label="Upload a new picture",
        help_text="A JPEG, PNG, GIF or WebP, at most 5 MB. We crop it square and remove "
        "its metadata (camera, place).",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
        error_messages={"required": "Choose a picture to upload.", "empty": "The file is empty."},
    )

    def clean_avatar(self) -> object:
        upload = self.cleaned_data["avatar"]
        if upload.size > MAX_AVATAR_BYTES:
            raise forms.ValidationError("The picture is larger than 5 MB.")
        return upload


class LicenseForm(forms.Form):
    license_type = forms.ChoiceField(
        choices=[("", "Choose…"), *LicenseType.choices], label="License type"
    )
    license_type_other = forms.CharField(
        max_length=80, required=False, label="If other: license type"
    )
    jurisdiction = forms.ChoiceField(
        choices=[("", "Choose…"), *JURISDICTIONS], label="Issuing state, territory or country"
    )
    number = forms.CharField(max_length=40, label="License number")
    holder_name = forms.CharField(
        max_length=150, label="Your name as on the license", help_text="First and last name."
    )
    expires_on = forms.DateField(
        label="Expiry date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date (YYYY-MM-DD)."},
    )
    npi = forms.CharField(
        max_length=20,
        required=False,
        label="US NPI (optional)",
        help_text="10 digits. With an NPI, the NPPES registry can verify you automatically.",
    )
    evidence = forms.FileField(
        required=False,
        label="Evidence (optional)",
        help_text="A PDF, PNG or JPEG of your license, at most 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean_evidence(self) -> object:
        upload = self.cleaned_data.get("evidence")
        if upload is not None and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        return upload


class EvidenceForm(forms.Form):
    evidence = forms.FileField(
        label="Evidence",
        help_text="A PDF, PNG or JPEG of your license, at most 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file is empty.",
        },
    )


class DeactivateForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand: I can no longer sign in; my posts stay, shown as a former member.",
        error_messages={
            "required": "Tick the box to confirm that you want to deactivate your account. "
            "Nothing has changed yet."
        },
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve: the license is verified"), ("reject", "Reject")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Required. The member sees it.",
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Required. The member sees it.",
    )
