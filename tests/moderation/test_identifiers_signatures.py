"""A clinician's own sign-off, registration numbers and practice details are not patient
identifiers (issue 20, fourth round), by class: the closing block with its e-mail trailers,
pronouns and hours; a signer with credentials inline or as a business card mid-post; NPI
and licence numbers introduced as such; and, in a signed post, contact details the author
gives as their own (a label, a first person, an imperative to the reader, a colleague's).
The same posts keep a client's identifiers in their body.

Sentences written for these tests, apart from the development rows. Plain functions, no
database: the detector is pure Python.
"""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found as kinds

OWN_DETAILS = [
    # A closing block followed by what mail clients and authors add under it.
    "Documenting the consult is the safe move.\n\nRosa Lind, LMHC\nLind Counseling, 40 Oak St, "
    "Salem MA 01970\n978-555-0144 | rosa@lindcounseling.com\nCONFIDENTIALITY NOTICE: this message "
    "is intended only for the named recipient.\nSent from my iPhone",
    "Glad this helped.\nBest,\nTheo Marsh, LPC (he/him)\nPronouns: he/him\nHours: Mon-Thu 8-4\n"
    "Marsh Therapy | 720-555-0125",
    "See you at the conference.\nIvy Chen, PsyD\nchenpsych.com | 206-555-0163\n"
    '"Small steps count."',
    "Thanks all.\nJun Ota, LCSW\n(Replying late, I was at a training all week.)",
    # Credentials of other boards and plural credentials, inline at the end.
    "Telehealth supervision across the plains, happy to help. - Pat Vogel, LIMHP, CPC",
    "We lead couples weekends twice a year, ask away. Rob & Tess Avery, LMFTs, 865-555-0138",
    "Openings on Mondays. ~ Dr. Kofi Mensah, PhD | 301-555-0157 | mensahpsych.com",
    # A business card in the middle of a post.
    "Dropping my card here: Ines Duarte, LPCC - ines.duarte.therapy@gmail.com - 505-555-0119. "
    "I take most plans.",
    "Contact: Paul Reyes, LCSW, CADC | 860-555-0172 | reyescounseling.net | NPI 1093817264",
    # Registration numbers introduced as such, anywhere in the post.
    "For the referral form, my NPI is 1750493826 and my license # is LPC 61734. Happy to help.",
    "Board lookup shows me as Lic. #PSY 30127 in California if anyone needs to verify.",
    # In a signed post: labels, a first person, an imperative to the reader, a colleague.
    "Evaluations for adults with autism, waitlist five weeks. Office: 984-555-0113. Fax: "
    "984-555-0114. Lena Fox, PsyD, Durham NC",
    "If you want to see the sand tray set-up, I'm at 15 Pine St, Suite 2, Helena MT 59601.\n"
    "- Cara Voss, LCPC, RPT-S",
    "Email referrals@harborlight.org or call 207-555-0180 x4 for an intake. - Dr. Nia Holt, PhD",
    "Out this week; urgent consults to my colleague, Dr. Sam Ruiz, at 505-555-0126.\n"
    "- Ada Kerr, LMFT",
    "Made a video on this: youtube.com/@clinicalnotesco if you're curious. - Lia Moss, LPC",
    # A bare sign-off opening a post that is all signature; a role title on its line; a
    # bare name closing a one-line post written in the first person.
    "Cheers,\nRi\nRi Tanaka | Psychotherapist & Supervisor\nTanaka Therapy Studio\n"
    "Ph: 612.555.0175",
    "I'm a solo LMHC in Tampa; referrals welcome at 813-555-0122 or lou@baytherapy.co. Lou K.",
    # A pronoun line closing the block; a bare name in two capitals; a group the author runs.
    "Thanks again.\n~Bea\nBeatriz Lane, MA, LMHC\nTel: (727) 555-0150 Fax: (727) 555-0151\n"
    "They/Them",
    "I'm at 700 Bay St, Suite 4 on Fridays if anyone wants to drop off the forms. MaryBeth",
    "If you're in Reno, our group meets Monday nights at 44 Elm Ave. Call 775-555-0119.",
    # Unsigned public answers: the author's service offered, a colleague's line.
    "Many people find this helps. If you want to talk, I offer a free 20-minute consultation: "
    "(303) 555-0168.",
    "A psychiatric evaluation would help; my colleague Dr. Iyer at (651) 555-0127 is excellent.",
    # A post that is nothing but the practice's card.
    "Juniper Family Therapy\n12 River Rd, Suite 5, Bend OR 97701\nMain: 541-555-0140\n"
    "junipertherapy.com",
]


@pytest.mark.parametrize("text", OWN_DETAILS)
def test_a_clinicians_own_signature_and_details_are_not_patient_identifiers(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        # A client's or relative's detail in the body of a signed post.
        (
            "Her dad keeps calling from 773-555-0109 asking for notes.\n\n- Mo Diaz, LCSW\n"
            "Diaz Counseling | 773-555-0100",
            "phone",
            "773-555-0109",
        ),
        (
            "I emailed the release to the client's sister at jen.w.88@yahoo.com. Mistake?\n"
            "Best,\nAmy Roe, LPC | amy@roecounseling.com",
            "email",
            "jen.w.88@yahoo.com",
        ),
        (
            "Pt Walter Brandt, DOB 02/19/1954, wants to stop lithium.\nThanks,\nGil Ames, MD | "
            "NPI 1538264710",
            "date",
            "02/19/1954",
        ),
        (
            "Client moved to 22 Clover Ct and her ex found it in a week.\nWarmly,\nJo Hale, LMFT\n"
            "Hale Therapy, 9 Main St, Ely MN 55731",
            "address",
            "22 Clover Ct",
        ),
        # The author speaking in the first person about someone else's detail.
        (
            "I finally have the new address: 31 Wren Ct, Apt 3. Home visit ok?\n- Dana Ruiz, LCSW",
            "address",
            "31 Wren Ct, Apt 3",
        ),
        (
            "I got a call from 614-555-0193 at 3am, no message left.\nBest,\nDana Ruiz, LCSW",
            "phone",
            "614-555-0193",
        ),
        # A label or an imperative, but the rest of the sentence says whose it is.
        (
            "Phone: 541-555-0176 is the only number the family left. Text it?\n- Jo Park, LPC",
            "phone",
            "541-555-0176",
        ),
        (
            "Call 971-555-0164 (the teen's burner) or wait for Monday?\nRay Soto, LMFT",
            "phone",
            "971-555-0164",
        ),
        # A driver's licence, a vehicle's plate and a client's licence are still theirs.
        (
            "His driver's license number is K2284-11930 and it's on the court form.",
            "record_number",
            "K2284-11930",
        ),
        (
            "She drives a Civic, Oregon license 7KTR220, and he keeps following it.",
            "license_plate",
            "7KTR220",
        ),
    ],
)
def test_patient_identifiers_in_a_signed_post_are_still_found(
    text: str, kind: str, value: str
) -> None:
    assert value in kinds(text).get(kind, [])
    # The author's own details in the same post are not.
    found = {span.text for span in find_identifiers(text)}
    assert not found & {"773-555-0100", "amy@roecounseling.com", "1538264710", "9 Main St"}
