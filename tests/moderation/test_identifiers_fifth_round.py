"""Issue 20, fifth identifier round: the classes the retired 2026-12-06 blind set missed
(sites a client runs, device serials further from their cue or after a maker, record numbers
named in an earlier sentence, plates in more places, ZIPs before a town in parentheses,
nicknames, ages in words set off by dashes, birth dates) and the signed-post shapes it held
(inline cards with abbreviations, bar-joined one-line blocks, licences by a board's name,
"he/they", availability lines, thanks as a closing). Each test uses its own wording, not
the blind rows'."""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found

# --- recall -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # A site the client or a relative runs, made or keeps, with or without a scheme.
        (
            "My client started a small etsy-style page, knitwithnan.example.store, after the "
            "divorce.",
            "url",
            "knitwithnan.example.store",
        ),
        ("Her son runs www.kaiden-plays.example.tv and streams every night.", "url", None),
        (
            "He has a public poetry blog, https://wordsafterdark.example.net/poems, with our "
            "session themes in it.",
            "url",
            None,
        ),
        # Device serials: a maker in place of the device, the cue a few words away, a unit.
        ("Her Omnipod (PDM 4471902K) beeps through group.", "device_id", None),
        ("His Medtronic (7730019245) was recalled last month.", "device_id", "7730019245"),
        (
            "The serial printed under the monitor's strap was BI 440917X, the PO read it out.",
            "device_id",
            None,
        ),
        ("The loaner laptop (unit CL-3302-17) is how she attends.", "device_id", "CL-3302-17"),
        # Record numbers named by a record word in an earlier sentence.
        (
            "The plan keeps rejecting her member number. The right one is QH4419027, per the card.",
            "record_number",
            "QH4419027",
        ),
        (
            "Two case files got merged in the county system. His is 2024-JV-00361 and hers is "
            "different.",
            "record_number",
            "2024-JV-00361",
        ),
        # Plates: a vanity plate in groups, a state after a model, an idiom before a value.
        ("Her personalized plate says LUV 2 RUN and clients recognise it.", "license_plate", None),
        ("He drives a black Tacoma, AZ 2KF-881, and parks by my office.", "license_plate", None),
        (
            'The teen wrote the car down "just in case": KXR 4471 (OH).',
            "license_plate",
            "KXR 4471",
        ),
        # ZIPs before a town (and state) in parentheses.
        ("She commutes from out beyond 83353 (Sun Valley, ID) twice a week.", "zip", "83353"),
        ("Looking for a teen IOP near 10025 (Morningside) if anyone knows one.", "zip", "10025"),
        # Nicknames marked as what the person is called.
        (
            "my client Tiny Mo (his nickname from the shelter) came back after a month.",
            "name",
            "Tiny Mo",
        ),
        (
            "Then Sunny (that's what the whole ward calls her) asked to see me again.",
            "name",
            "Sunny",
        ),
        # Ages in words set off by dashes; a birth date before a year.
        (
            "Resident born 3 May 1931 - ninety-five - wants to leave the facility.",
            "age",
            "ninety-five",
        ),
        # Second batch: a relative's or a teen's page, a maker's list of serials, an account
        # or claim word alone, a nickname after a comma, an age with a time after it.
        ("The boy's art page is artbyeli.example.net and it's full of his diary.", "url", None),
        ("Her Oticon aids (4471X0921 and 4471X0922) squeal in group.", "device_id", "4471X0922"),
        (
            "Billing again: the claim bounced. The rep said the insured is listed as ZKW7730192.",
            "record_number",
            "ZKW7730192",
        ),
        ("A new client - Moose, he goes by - came in with his mom.", "name", "Moose"),
        ("His father, ninety-one next month, still drives to visit.", "age", None),
        # Third batch: a handle with its platform after it, a value before "etched on it",
        # "the number off his ...", billing words (EOB, encounter, BIC), "a woman of 97".
        ("She messaged me from @quiet.fern.art on Instagram last night.", "url", None),
        ("His insulin pen cap has PN-44 71902 engraved on it.", "device_id", None),
        ("She reads the code off her CPAP - RS4471920 - every morning.", "device_id", None),
        (
            "The EOB shows the wrong person again: WQT88120457 isn't his.",
            "record_number",
            "WQT88120457",
        ),
        ("A woman of ninety-seven asked me about dating apps.", "age", None),
    ],
)
def test_fifth_round_recall(text: str, kind: str, value: str | None) -> None:
    found = kinds_found(text)
    assert kind in found, found
    if value is not None:
        assert value in found[kind], found


def test_birth_date_year_more_than_89_years_ago_is_an_age() -> None:
    found = kinds_found("Admitted a man born on 9 June 1930 to the unit last night.")
    assert "age" in found or "date" in found
    assert any("1930" in span.text for span in find_identifiers("born on 9 June 1930, she"))


# --- no false positives -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We adapted the Collaborative Assessment manual (Jobes & Ballard) for our teens.",
        "The Psychology Compact and the Counseling Compact differ on telehealth.",
        "My client is ninety-something, the family thinks, and hard of hearing.",
        "Our chapter's networking lunch is on the 18th, RSVP by Friday.",
        "Bring water just in case: the trail to the retreat is long.",
        "We billed 90837-95 and the claim number field was empty; the payer wants 90837-GT.",
        "Her CPAP struggles are common; my own device took months to get used to.",
        "My client runs marathons and has a great coach.",
        "She found a helpful page at nimh.nih.gov about panic.",
        "Thanks, his words meant a lot to me.",
        # A site the client uses, or a platform's bare host, is not the client's own.
        "My client has a favourite breathing site, calmbreath.example.com, she opens nightly.",
        "He keeps a mood journal on moodlogapp.example.com, like we planned.",
        "The plaque in her room has 1990-2024 engraved on it.",
        "Honestly, that's what everyone calls him at work.",
    ],
)
def test_fifth_round_look_alikes_pass(text: str) -> None:
    assert find_identifiers(text) == []


# --- clinicians' own signed posts -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # An inline card whose fields hold abbreviations ("Lic. No.").
        "Agreed on the intake piece. -- Dr. Hal Ferris, PhD | Lic. No. PSY 41170 | Ferris "
        "Psychology | 555-304-2211 | ferrispsych.example.com",
        # A bar-joined one-line block longer than a block's line.
        "Good luck with it.\n\n~ Ines Marr, LMFT | OR LMFT T1902 | NPI 1902277314 | Willamette "
        "Couples Therapy | 1220 SW Morrison St, Ste 400, Portland, OR 97205 | 555-771-0284 | "
        "ines@willamettect.example.com",
        # A licence by its board's name, a practice with "&", he/they, an availability line.
        "Following.\n\nTheo Lind, LPC (he/they)\nCO LPC LPC0019482\nLind & Park Counseling\n"
        "555-662-0917 (texts ok)\ntheo@lindpark.example.org\nVirtual only, Tue-Thu",
        # Availability lines that say "clients" of nobody in particular.
        "Worth a read.\n\nRuth Abara, LCSW\nAbara Therapy\n555-340-7781\nNow accepting new "
        "clients, evenings",
        # Thanks to the forum as the closing line.
        "Does anyone have a good ROI template for schools?\n\nthanks in advance, Marisol",
    ],
)
def test_fifth_round_signed_posts_are_the_authors(text: str) -> None:
    assert find_identifiers(text) == []


def test_a_client_named_in_a_signed_post_still_counts() -> None:
    text = (
        "My client Big Ray (his words) keeps missing sessions.\n\nBest,\nAnn Cole, LCSW\n"
        "555-220-1199"
    )
    assert kinds_found(text).get("name") == ["Big Ray"]
