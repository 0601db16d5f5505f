"""Forms for declaring licenses and leaving. Validation lives in accounts.verification."""

from __future__ import annotations

from django import forms

from accounts.choices import JURISDICTIONS, LicenseType
from accounts.evidence import MAX_EVIDENCE_BYTES


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
        label="I understand: I can no longer sign in; my posts stay, shown as a former member."
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
