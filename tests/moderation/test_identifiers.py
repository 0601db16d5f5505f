"""The patient-identifier detector on clinical shapes, de-identified phrasing and odd input.

Plain functions, no database: the detector is pure Python.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.identifiers import (
    GENERALISE_HINTS,
    KIND_LABELS,
    IdentifierSpan,
    find_identifiers,
)
from tests.moderation.identifier_helpers import kinds_found

REPO = Path(__file__).resolve().parents[2]
EVAL_FILES = sorted((REPO / "moderation" / "data").glob("phi_dev*.jsonl"))
BLNS = Path(__file__).resolve().parents[3] / "shared" / "data" / "naughty-strings" / "blns.txt"


def assert_well_formed(text: str, spans: list[IdentifierSpan]) -> None:
    previous_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end, "spans overlap or are out of order"
        assert span.text == text[span.start : span.end]
        assert span.kind in KIND_LABELS
        previous_end = span.end


# --- clinical identifier shapes --------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Pt seen 3/14 for a follow-up.", "date", "3/14"),
        ("DOB 04/02/1961, lives alone.", "date", "04/02/1961"),
        ("She was admitted on March 3rd after the overdose.", "date", "March 3rd"),
        ("Last visit 3/14/22, no show since.", "date", "3/14/22"),
        ("Discharged 2023-11-05 to home.", "date", "2023-11-05"),
        ("Intake on the 14th of March went well.", "date", "14th of March"),
        ("He was first hospitalized in June 2021.", "date", "June 2021"),
        ("A 92-year-old widow referred by her PCP.", "age", "92-year-old"),
        ("Client is age 91 and still drives.", "age", "age 91"),
        ("Consult on a 95 y/o man with new psychosis.", "age", "95 y/o"),
        ("Referred for grief counseling (94F).", "age", "(94F)"),
        ("MRN 448812 was on the fax.", "record_number", "448812"),
        ("Her chart #88231 has the wrong diagnosis.", "record_number", "88231"),
        ("Medicaid ID 99887766A keeps getting rejected.", "record_number", "99887766A"),
        ("Member ID XJH449102883 on the card.", "record_number", "XJH449102883"),
        ("Account number 2019-JV-3538 is overdue.", "record_number", "2019-JV-3538"),
        ("Her mother called from 503-555-1234 twice.", "phone", "503-555-1234"),
        ("Fax the release to (971) 555-0101 please.", "phone", "(971) 555-0101"),
        ("His cell 5035550199 was in the note.", "phone", "5035550199"),
        ("She emailed from keisha.m@gmail.com last night.", "email", "keisha.m@gmail.com"),
        ("She lives at 1420 Alder Ave with her aunt.", "address", "1420 Alder Ave"),
        ("Moved to 55 W 3rd St, Apt 4B last month.", "address", "55 W 3rd St, Apt 4B"),
        ("They live in zip code 97214, near the school.", "zip", "97214"),
        ("SSN 123-45-6789 was on the intake form.", "ssn", "123-45-6789"),
        (
            "Her public page is facebook.com/keisha.m.92 and it worries me.",
            "url",
            "facebook.com/keisha.m.92",
        ),
        (
            "His blog at jaylensrecovery.blogspot.com describes the relapse.",
            "url",
            "jaylensrecovery.blogspot.com",
        ),
        ("Portal logins came from 73.158.22.41 overnight.", "ip", "73.158.22.41"),
        ("Her ex's plate is 7XYZ123 and he parks outside.", "license_plate", "7XYZ123"),
        ("The police report lists his plate as 8KLM204.", "license_plate", "8KLM204"),
        ("Her son's IEP meeting on 10/3 went badly.", "date", "10/3"),
        ("P: f/u 11/21 with psychiatry.", "date", "11/21"),
        ("Her son was arrested last Friday, 9/13.", "date", "9/13"),
        ("Her mother-in-law has stayed with them since Aug 3.", "date", "Aug 3"),
        ("She brought her mother to session on 3/2.", "date", "3/2"),
        ("Olivia, a law student, failed the bar on May 3 and is isolating.", "date", "May 3"),
        ("We met 12/3, 12/10, and 12/17 before the break.", "date", "12/3"),
        ("She's aged ninety-three and still does her own taxes.", "age", "aged ninety-three"),
        ("She was born in 1931 and lives alone.", "age", "1931"),
        ("Quick consult: Ruth, 96, lost her last sibling this month.", "age", "96"),
        ("Pt Ms. Fontaine, ninety-one, wants to go home.", "age", "ninety-one"),
        ("He was discharged on the 3rd and readmitted on the 9th.", "date", "the 3rd"),
        (
            "The landlord is evicting her from 1400 W Burnside next week.",
            "address",
            "1400 W Burnside",
        ),
        ("Her OnlyFans (@sweetpea_rae) pays the rent.", "url", "@sweetpea_rae"),
        ("His Medicare MBI is 1EG4-TE5-MK73.", "record_number", "1EG4-TE5-MK73"),
        ("She lives at 17 Riverview Ct, 97005.", "address", "97005"),
        ("Her insulin pump serial PM4471X9 shows disconnections.", "device_id", "PM4471X9"),
    ],
)
def test_a_clinical_identifier_shape_is_found(text: str, kind: str, expected: str) -> None:
    assert any(expected in found for found in kinds_found(text).get(kind, [])), kinds_found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My client Maria has been missing sessions.", "Maria"),
        ("Her daughter Keisha called the front desk.", "Keisha"),
        ("Mr. Alvarez is worried about his son.", "Alvarez"),
        ("pt John S. reported better sleep.", "John S."),
        ("A client named Oluwaseun started group today.", "Oluwaseun"),
        ("Keisha's mother wants to join the session.", "Keisha"),
        ("Working with a couple, Bao and Lupe, married 12 years.", "Bao"),
        ("Khalil was 16 when the abuse started.", "Khalil"),
        ("Hope reported feeling better this week.", "Hope"),
        ('C: "Honestly, awful. Mark moved out."', "Mark"),
        ("my client maria has been struggling since the move", "maria"),
        ("a client named tiffany keeps cancelling", "tiffany"),
        ("I've been seeing Janelle for about six months for PTSD.", "Janelle"),
        ("Harold died in the spring. His widow June asked if I would still see her.", "June"),
        ("Her son Will is refusing school.", "Will"),
        ("I work in hospice. DeShawn Savage asked me to help write letters.", "DeShawn Savage"),
        ("Client J.S. asked about records.", "J.S."),
        ("Client's husband Bill Hargrove called the front desk.", "Bill"),
        ("Sunita and her husband Raj want couples work.", "Sunita"),
        ("Family session with the Alvarado family went badly.", "Alvarado"),
        ("I met with the Garcias about their son's school refusal.", "Garcias"),
        ("I've been texting with Carmen's case manager about housing.", "Carmen"),
        ("Keisha, Tamara, and Lou are in my skills group. Lou keeps dominating.", "Lou"),
        ("Tenzin is a Tibetan monk I'm seeing for insomnia.", "Tenzin"),
        ("Abuela Carmen has been bringing him to sessions.", "Carmen"),
        ('She says, "What\'s the point? Walt is gone."', "Walt"),
        ("Eddie said his AA sponsor, Walt, has been a lifesaver.", "Walt"),
        ("Background: Rosalind was adopted at age 3.", "Rosalind"),
        ("A 97-year-old man, Chester, is grieving his dog.", "Chester"),
        ("Mother Yvonne, father Curtis, and twins Jada and Jalen came in.", "Jalen"),
        ("Therapy with Maddie has stalled; she wants to stop.", "Maddie"),
        ("How do I help Trinh explain her diagnosis to her parents?", "Trinh"),
        ("Received records for the wrong pt — Connor Walsh, no idea why.", "Connor Walsh"),
        ("Her father, Dr. Samuel Levy, calls me weekly.", "Samuel Levy"),
    ],
)
def test_a_client_or_relative_name_is_found(text: str, expected: str) -> None:
    assert any(expected in found for found in kinds_found(text).get("name", [])), kinds_found(text)


def test_later_bare_mentions_of_a_cued_name_are_found() -> None:
    text = "My client Thanh started EMDR. Thanh said the first session felt like too much."
    names = [span for span in find_identifiers(text) if span.kind == "name"]
    assert [span.text for span in names] == ["Thanh", "Thanh"]


def test_a_full_intake_line_finds_every_identifier() -> None:
    text = (
        "Client Maria Lopez, DOB 04/02/1961, MRN 448812, seen 3/14. Her daughter Keisha "
        "(503-555-1234) lives at 1420 Alder Ave, Portland, OR 97214."
    )
    found = kinds_found(text)
    assert set(found) >= {"name", "date", "record_number", "phone", "address"}
    assert "Maria Lopez" in found["name"] and "Keisha" in found["name"]


# --- de-identified phrasing and other hard negatives --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a client in her 30s presenting with panic after a car accident last spring",
        "a teenage boy with school refusal",
        "my client (16F) disclosed vaping daily",
        "In 2019 I moved to telehealth only.",
        "the patient's mother calls after every session",
        "a client in their 90s still drives to sessions",
        "Rated her anxiety 7/10 at intake and 3/10 by session 8.",
        "Crisis support is available 24/7 through the county line.",
        "PHQ-9 went from 18 to 9; sertraline 100 mg daily.",
        "Will she benefit from group skills alone? Hope so.",
        "Grace period question: her insurance lapsed in May.",
        "Joy was the word she used for her first sober day.",
        "DBT, EMDR and CPT are all on the table. Lexapro 10mg was started.",
        "Looking for a DBT therapist in Portland who takes Medicaid.",
        "She moved to Eugene last year; he grew up in Jackson County.",
        "Marsha Linehan's manual is still the place to start.",
        "Mr. Rogers said look for the helpers.",
        "Thanks Priya, that's a great point about pacing.",
        "Thanks for sharing, Marcus. That reframe is helpful.",
        "My colleague Dana and I are co-leading a grief group this fall.",
        'Book recommendation: "Maybe You Should Talk to Someone" by Lori Gottlieb.',
        "She has a standing Monday slot and an IEP meeting next week.",
        "May 2024 CE deadline reminder: renew by the end of the month.",
        "Any recommended readings from Thema Bryant on this?",
        "Hi all, Brandon here, an LPC in Tacoma. Looking for a peer consult group.",
        "Her mother-in-law has lived with them for years.",
        "Reminder: Ethics CE due by December 31 for Oregon LPCs.",
        "Shoutout to Jen and Marcus for organizing the spring retreat!",
        "She was born in 1990 and moved here for college.",
        "PSA: a free skills group starting September 9; referrals through the intake line.",
        "I've been working with Veterans for years and seeing Medicaid clients too.",
        "Scores: 88, 96, 99 on the three subtests.",
        "Anna (pseudonym) is 34. Anna reported panic at work.",
        "I'll call her Anna. Anna is in her 30s and works nights.",
        "Names and details have been changed. My client Maria said she felt stuck.",
        "Patient Jane Doe is a placeholder in our EHR training module.",
        "Olanzapine is an antipsychotic; Unified Protocol is a transdiagnostic treatment.",
        "Linehan is a genius and Portland is a great city.",
        "She has Ehlers-Danlos syndrome; Graves disease was ruled out.",
        "I told Sarah, a colleague, about the training.",
        "We talked with Kaiser about coverage and asked Medicaid for a reauth.",
        "By Easter she was back in IOP at Hazelden Betty Ford in Newberg.",
        "A veteran from the VA Roseburg wants community care through Optum.",
        "She's a Marine veteran; MST screening was positive at the VA.",
        "After Hurricane Helene she moved in with relatives in Asheville.",
        "Client mentioned Taylor Swift lyrics helped her through the breakup.",
        "She's reading Adult Children of Emotionally Immature Parents by Lindsay Gibson.",
        "Client attends Al-Anon at St. Mary's and finds it helpful.",
        "J. (late teens) disclosed self-harm; her mother, Ms. J., was supportive.",
        "She quoted Maya Angelou in session today.",
        "Client A, a woman in her 40s, presented with panic; Mr. X is her father.",
        "May 5 sessions be enough for panic disorder?",
        "Sessions are 53 minutes, billed as 90837; she comes 2x/week for the first month.",
        "He drinks 6-8 beers a night, 4-5 nights a week; AUDIT score was 22.",
        "ICD-10 F43.10 vs F43.12; version 2.3.1 of our EHR broke the superbill.",
        "The county's 24-hour crisis line is 503-988-4888.",
        "her son will be fine, the patient has improved",
        "I'm Sarah, a therapist in Bend looking for a consult group.",
        "Warmly,\nDana R., LCSW",
        "Sarah Lee, LMFT",
        "The new rule takes effect on January 1st of next year.",
        "Our webinar is on March 14 at noon Pacific.",
        "Supervisee asked whether a $20 gift card is ok.",
        "Billing 90837 vs 90834 with Aetna for 53-minute sessions.",
        "She has been on Medicaid since 2019.",
        "The 988 Suicide and Crisis Lifeline has a Spanish text option.",
    ],
)
def test_de_identified_phrasing_passes(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Call my office at 503-555-0199 for referrals.",
        "My practice website www.example-therapy.com has the forms.",
        "Email me at dr.lee@clinic.org for the handout.",
        "Our clinic is at 12 Main St, with parking in back.",
        "I can be reached at 971-555-0110 most afternoons.",
        "Referrals to intake@example-practice.com please.",
        "Our agency's fax is 503-555-0176 for referrals.",
        "Our clinic is located at 4400 NE Broadway Ste 200.",
        "Register at www.example-training.org for the CE webinar.",
        "Share the lifeline, 1-800-273-8255, with clients.",
    ],
)
def test_a_clinicians_own_practice_contact_details_are_not_patient_identifiers(
    text: str,
) -> None:
    assert find_identifiers(text) == []


def test_a_clients_number_near_the_office_is_still_flagged() -> None:
    text = "She called my cell at 2am from 503-555-0142 asking for a session."
    assert kinds_found(text).get("phone") == ["503-555-0142"]


def test_a_plain_resource_link_is_not_a_patient_identifier() -> None:
    assert find_identifiers("The APA guidance is at https://www.apa.org/ethics/code.") == []


# --- the shape of the result --------------------------------------------------


def test_spans_are_sorted_non_overlapping_and_match_the_source() -> None:
    text = "Mr. Alvarez (DOB 1/2/1950, MRN 448812) called 503-555-1234 on March 3rd."
    spans = find_identifiers(text)
    assert_well_formed(text, spans)
    assert [span.kind for span in spans] == ["name", "date", "record_number", "phone", "date"]


def test_every_kind_has_a_label_and_a_generalisation_hint() -> None:
    assert set(KIND_LABELS) == set(GENERALISE_HINTS)
    assert "a client" in GENERALISE_HINTS["name"]
    assert "last spring" in GENERALISE_HINTS["date"]
    assert "in their 90s" in GENERALISE_HINTS["age"]


def test_text_whose_length_changes_when_lower_cased_keeps_true_offsets() -> None:
    # "İ" lower-cases to two code points; the detector must not shift spans.
    text = "İİİ my client Maria was seen 3/14, MRN 448812, call 503-555-1234."
    spans = find_identifiers(text)
    assert_well_formed(text, spans)
    assert {span.kind for span in spans} >= {"name", "date", "record_number", "phone"}


@pytest.mark.parametrize("text", ["", " ", "\n\n", "0", "@", "...", "Mr.", "Mr. ", "'s"])
def test_trivial_input_gives_no_spans(text: str) -> None:
    assert find_identifiers(text) == []


# --- development figures: the rules were written from these vignettes (not a blind test) ---


def _load_eval() -> list[dict]:
    rows: list[dict] = []
    for path in EVAL_FILES:
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh if line.strip())
    return rows


def test_the_eval_set_is_large_enough_and_labelled_consistently() -> None:
    rows = _load_eval()
    with_ids = [r for r in rows if not r["deidentified"]]
    clean = [r for r in rows if r["deidentified"]]
    assert len(with_ids) >= 150 and len(clean) >= 150
    for row in rows:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]
            assert span["kind"] in KIND_LABELS


def test_development_vignettes_recall_at_least_95_percent_false_flags_under_5_percent() -> None:
    rows = _load_eval()
    found = total = flagged = clean = 0
    for row in rows:
        spans = find_identifiers(row["text"])
        if row["deidentified"]:
            clean += 1
            flagged += bool(spans)
            continue
        for gold in row["spans"]:
            total += 1
            found += any(s.start < gold["end"] and gold["start"] < s.end for s in spans)
    recall, false_flag_rate = found / total, flagged / clean
    assert recall >= 0.95, f"recall {recall:.3f}"
    assert false_flag_rate < 0.05, f"false-flag rate {false_flag_rate:.3f}"


# --- never crash ----------------------------------------------------------------


@pytest.mark.skipif(not BLNS.exists(), reason="shared naughty-strings data not present")
def test_naughty_strings_never_crash_and_give_well_formed_spans() -> None:
    # Split on "\n" only: some strings hold U+2028 and friends on purpose.
    for line in BLNS.read_text(encoding="utf-8").split("\n"):
        spans = find_identifiers(line)
        assert_well_formed(line, spans)


@pytest.mark.parametrize(
    "text",
    [
        "Maria " * 20000,
        "my client Maria, seen 3/14, call 503-555-1234. " * 2000,
        "1" * 100000,
        "0." * 50000,
    ],
)
def test_a_very_long_post_is_screened_in_near_linear_time(text: str) -> None:
    started = time.perf_counter()
    spans = find_identifiers(text)
    # Generous: the point is no quadratic blow-up in a worker, not a benchmark.
    assert time.perf_counter() - started < 10
    assert_well_formed(text, spans)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_well_formed_spans(text: str) -> None:
    assert_well_formed(text, find_identifiers(text))


_CLINICAL_PIECES = st.sampled_from(
    [
        "my client ",
        "Maria",
        "Mr. ",
        "Keisha's mother ",
        "seen 3/14",
        " DOB 04/02/1961 ",
        "MRN 448812",
        "503-555-1234",
        "a@b.co",
        "12 Main St",
        "call my office at ",
        "(92F)",
        ", ",
        ". ",
        "\n",
        "é",
        "’s",
        "and ",
        "1/2/3/4",
        "www.",
        "@",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CLINICAL_PIECES, max_size=25).map("".join))
def test_clinical_fragments_in_any_order_give_well_formed_spans(text: str) -> None:
    assert_well_formed(text, find_identifiers(text))


# --- the package's data files and the date it reads --------------------------------


def test_a_missing_word_list_fails_loudly(tmp_path: Path) -> None:
    from detectors.identifiers.wordlists import GazetteerError, load_words

    with pytest.raises(GazetteerError, match="cannot be read"):
        load_words("first_names.txt", directory=tmp_path)


def test_a_word_list_without_its_provenance_line_is_refused(tmp_path: Path) -> None:
    from detectors.identifiers.wordlists import GazetteerError, load_words

    (tmp_path / "names.txt").write_text("Maria\nJosé\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="provenance"):
        load_words("names.txt", directory=tmp_path)
    (tmp_path / "names.txt").write_text("# source: a test\nMaria\n# a comment\n\nJosé\n")
    assert load_words("names.txt", directory=tmp_path) == {"Maria", "José"}


def test_every_shipped_word_list_names_its_source() -> None:
    from detectors.identifiers.wordlists import DATA_DIR, PROVENANCE

    files = sorted(DATA_DIR.glob("*.txt"))
    assert len(files) >= 8
    for path in files:
        assert path.read_text(encoding="utf-8").startswith(PROVENANCE), path.name


def test_a_birth_year_is_judged_against_the_year_of_the_call() -> None:
    import datetime

    from detectors.identifiers import ages
    from detectors.identifiers._text import _Doc

    doc = _Doc("She was born in 1936 and still drives.")
    assert [c.kind for c in ages.candidates(doc, today=datetime.date(2026, 12, 4))] == ["age"]
    assert list(ages.candidates(doc, today=datetime.date(2025, 1, 1))) == []


def test_a_span_key_names_the_text_not_its_place() -> None:
    text = "Dana said so. Later, dana agreed."
    first, second = IdentifierSpan("name", 0, 4, "Dana"), IdentifierSpan("name", 21, 25, "dana")
    assert first.key == second.key != IdentifierSpan("name", 0, 4, "Dina").key
    assert first.key.startswith("name:") and "dana" not in first.key.lower()[5:]
    assert IdentifierSpan("phone", 0, 4, "Dana").key != first.key
    assert text[21:25] == "dana"


# --- issue 20's identifier classes (development cases written for the rules) ------------

ISSUE_20_CASES = [
    ("The intake sheet had SSN 219099999 written at the top.", "ssn", "219099999"),
    ("Her social security number is 401 88 2317 according to the scan.", "ssn", "401 88 2317"),
    ("He read me his soc sec # 322-19-4471 over the phone.", "ssn", "322-19-4471"),
    ("Social Security No. 455102983 appears on the benefits letter.", "ssn", "455102983"),
    ("Tax ID (his SSN) 519 20 7714 was on the W-9.", "ssn", "519 20 7714"),
    ("The SS# field says 612 33 0918.", "ssn", "612 33 0918"),
    ("My client's social is 377461902 and the agency emailed it unencrypted.", "ssn", "377461902"),
    ("the last four of her social, 8812, were on the voicemail", "ssn", "8812"),
    ("She relocated to Boulder, CO 80302 to be near her sister.", "zip", "80302"),
    ("The letter came from Dayton, Ohio 45402.", "zip", "45402"),
    ("Forward the chart to his new place in Ann Arbor, MI 48104-1108.", "zip", "48104-1108"),
    ("Her mailing ZIP+4 is 10027-6601.", "zip", "10027-6601"),
    ("He lives near Reno NV 89501 with his aunt.", "zip", "89501"),
    ("Client is staying in Flagstaff, AZ, 86001 until spring.", "zip", "86001"),
    (
        "She's been sleeping at her cousin's house on 1127 Pine Hollow Drive since the fire.",
        "address",
        "1127 Pine Hollow Drive",
    ),
    ("He walked from his apartment at 88 Linden St to the clinic.", "address", "88 Linden St"),
    (
        "The family moved into the duplex at 4410 Southeast Belmont.",
        "address",
        "4410 Southeast Belmont",
    ),
    (
        "Police found him outside 302 West Maple Avenue, where his ex lives.",
        "address",
        "302 West Maple Avenue",
    ),
    ("His daughter shares his story at patreon.com/ruthiesdad.", "url", "patreon.com/ruthiesdad"),
    (
        "The client's Etsy shop, etsy.com/shop/marlasquilts, mentions her diagnosis.",
        "url",
        "etsy.com/shop/marlasquilts",
    ),
    ("She sent me her page: carly-heals.substack.com.", "url", "carly-heals.substack.com"),
    (
        "His SoundCloud is soundcloud.com/djtremaine where he raps about the overdose.",
        "url",
        "soundcloud.com/djtremaine",
    ),
    (
        "Her sister posts updates at caringbridge.org/visit/annamarie.",
        "url",
        "caringbridge.org/visit/annamarie",
    ),
    ("A ninety-five-year-old widow was referred for grief work.", "age", "ninety-five-year-old"),
    ("Consult on a 91 y/o man whose wife just died.", "age", "91 y/o"),
    ("Her father, who is ninety-seven, still manages his own finances.", "age", "ninety-seven"),
    ("My client just turned 100 and wants to talk about her life.", "age", "100"),
    ("The patient (age ninety-two) lives in assisted living.", "age", "ninety-two"),
    ("He is 93 years of age and newly bereaved.", "age", "93 years"),
    ("Her hospital account number 55290184 shows two ER visits.", "record_number", "55290184"),
    ("The probation case number is CR-2023-00418.", "record_number", "CR-2023-00418"),
    ("His member number with the plan is H44812093.", "record_number", "H44812093"),
    ("Use the referral ID RF-772019 when you call the county.", "record_number", "RF-772019"),
    ("The authorization number for her sessions is 0098123471.", "record_number", "0098123471"),
    ("Her medical record # at the hospital is 7714420.", "record_number", "7714420"),
    ("The school's student number for him is 20418876.", "record_number", "20418876"),
    ("The prior auth # came back as PA5561203.", "record_number", "PA5561203"),
    (
        "I've been meeting with a young father. Last session Leopold said he felt numb.",
        "name",
        "Leopold",
    ),
    ("We practised grounding, and then Philippa cried for the first time.", "name", "Philippa"),
    ("After the hearing, Ignacio stopped answering his phone.", "name", "Ignacio"),
    ("I wonder whether Henrietta is ready for trauma processing.", "name", "Henrietta"),
    ("The group went well until Dashiell walked out.", "name", "Dashiell"),
    ("It struck me that Marisol never mentions her father.", "name", "Marisol"),
]


@pytest.mark.parametrize(("text", "kind", "expected"), ISSUE_20_CASES)
def test_issue_20_identifier_classes_are_found(text: str, kind: str, expected: str) -> None:
    start = text.index(expected)
    end = start + len(expected)
    spans = find_identifiers(text)
    assert any(s.start < end and start < s.end for s in spans), (expected, spans)


OWN_SIGNATURES = [
    (
        "Happy to consult on eating disorder cases.\n\nBest,\nMiriam Oduya, LMFT\nOduya "
        "Therapy | (206) 555-0133 | oduyatherapy.com"
    ),
    "Openings for teens on Tuesdays.\n— Rafael Quintero, LPC\nquinterocounseling.net\n512-555-0188",
    (
        "Thanks all!\nSincerely,\nGretchen Albrecht, PsyD\nAlbrecht Psychology, 2200 Elm "
        "Street, Suite 4, Madison, WI 53703\ngretchen@albrechtpsych.com"
    ),
    "I run a free grief group monthly. Details at mygriefgroup.org.\nWarmly, Tamsin Wyeth, LCSW",
    "Cheers,\nDr. Olufemi Adebayo\nAdebayo Psychiatry\n(404) 555-0166",
    "Feel free to email me at nadia@brightpathcounseling.com with questions.\nNadia Haddad, LMHC",
    (
        "Posting on behalf of our group practice.\nRiverbend Counseling Collective\n77 "
        "River Road, Bend, OR 97701\n541-555-0140 | riverbendcc.org"
    ),
    (
        "Question for the group about CE credits.\nThanks,\nJulius\nJulius Fairbanks, "
        "LCPC | 773-555-0102"
    ),
    "A woman in her nineties (recommended generalisation) has started refusing meals.",
    "Client in his 40s, seen twice last month, no identifying details included.",
    "I had a client years ago who lived in a small town in Oregon.",
]


@pytest.mark.parametrize("text", OWN_SIGNATURES)
def test_a_clinicians_own_signature_and_de_identified_text_pass(text: str) -> None:
    assert find_identifiers(text) == []


CLIENT_DETAILS_AT_THE_END = [
    "Her therapist at Cascade Counseling is worried.\n\nClient phone: 503-555-0100",
    "Consult request.\nClient: Maria Lopez\nDOB 3/4/1970\nPhone 503-555-1212",
    "My client's mom keeps calling me.\nThanks,\nher number is 971-555-0133",
    "Intake note below.\nPatient: Jerome Whitaker, 54\n1189 Oak Street, Salem, OR 97301",
]


@pytest.mark.parametrize("text", CLIENT_DETAILS_AT_THE_END)
def test_client_details_closing_a_post_are_not_taken_for_a_signature(text: str) -> None:
    assert find_identifiers(text)
