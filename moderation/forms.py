from __future__ import annotations

from django import forms

from moderation.models import FlagReason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=FlagReason.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything moderators should know",
        help_text="Required for “Something else”.",
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Why should the decision change?",
    )
