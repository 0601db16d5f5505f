"""Shared pieces for the nudge and scheduling tests."""

from __future__ import annotations

import re

from forum import nudges
from forum.choices import TopicPurpose

# Words a stand-in tone scorer treats as aimed at a person. The real incivility model is
# trained separately; these tests pin the composer's behaviour, not the model's judgement.
UNCIVIL = re.compile(r"\b(incompetent|idiot|clueless)\b", re.IGNORECASE)
UNCIVIL_DRAFT = "Honestly you are incompetent and clueless about exposure work."
CIVIL_DRAFT = "I read the exposure study differently; could we compare notes on pacing?"
IDENTIFIER_DRAFT = (
    "My client John Smith (DOB 03/14/1957) called from 503-555-0199 about his records, MRN 4481920."
)
CLINICAL_DRAFT = (
    "A teen client disclosed suicidal ideation and past self-harm; how do you pace "
    "safety planning alongside exposure?"
)


def stand_in_tone(text: str) -> nudges.ToneFinding:
    phrases = tuple(dict.fromkeys(match.group(0).lower() for match in UNCIVIL.finditer(text)))
    return nudges.ToneFinding(probability=0.92 if phrases else 0.04, threshold=0.5, phrases=phrases)


def topic_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Pacing exposure with anxious teens",
        "purpose": TopicPurpose.CASE_CONSULTATION,
        "body": CIVIL_DRAFT,
        "trigger_warnings": ["none"],
        "disclaimer": "not_clinical_advice",
        "disclaimer_text": "",
    }
    data.update(overrides)
    return data


def reply_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "body": CIVIL_DRAFT,
        "trigger_warnings": ["none"],
        "disclaimer": "not_clinical_advice",
        "disclaimer_text": "",
    }
    data.update(overrides)
    return data
