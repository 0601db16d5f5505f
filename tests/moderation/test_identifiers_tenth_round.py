"""Issue 20, tenth identifier round: classes among the misses and false holds of the retired
blind set 2026-12-07a (a first name that is also a theorist's surname after a relation word,
an ID number after a name that is not Idaho, a chart number in parentheses after a name,
nicknames and short names beside a full name, an author who says the name is real, record
numbers called an intake, referral, cause or report number, devices in the plural, a
relative's bare phone number, a second ZIP of the same area, an age with an aside) and the
signatures it held (a card on the first line, a block between rule lines, a rule line under
the block, "Lic." before a number, a do-not-send trailer, a region named after its state, a
town's surroundings, the author's own time away, an announcement's date). Each test uses its
own wording."""

from __future__ import annotations

import pytest

from detectors.identifiers import find_identifiers
from tests.moderation.identifier_helpers import kinds_found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her stepdad Rogers drives her to group every week.", "Rogers"),
        ("My client Dana missed two sessions after the funeral.", "Dana"),
        ("Teen referred by the school: Minh Pham, ID B4471920, grade 9.", "Minh Pham"),
        ("Question about lithium. Amber (chart #55120) is at 1.3 today.", "Amber"),
        ("Inpatient: Theodore Quill (\u201cPip-Pip\u201d) refuses his meds again.", "Pip-Pip"),
        ("Night note: Ky (Kyrie Lindqvist) asked for the chaplain.", "Ky"),
        (
            "Teen client (I'll call her Paloma, which is her actual name, I'm too tired) is here.",
            "Paloma",
        ),
        ("Jasmine paid her late fee through the portal.", "Jasmine"),
    ],
)
def test_names_after_a_relation_word_a_detail_or_beside_another_form(text: str, value: str) -> None:
    assert any(value in found for found in kinds_found(text).get("name", []))


@pytest.mark.parametrize(
    "text",
    [
        "As Dana writes about the ventral vagal state, safety comes first.",
        "I'm a therapist in the Tulsa area looking for a consult group.",
        "We serve families across the Mississippi Delta and the Arkansas Ozarks.",
        "Loan forgiveness paperwork is due Friday for our site.",
        "She grew up near Boise, ID and moved east for college.",
    ],
)
def test_theorists_places_and_words_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (
            "APS opened a case (intake CW-25-118204) after the neighbour called.",
            "record_number",
            "CW-25-118204",
        ),
        (
            "I filed it myself (referral 7731-0092-4418-5520931) on Monday.",
            "record_number",
            "7731-0092-4418-5520931",
        ),
        (
            "There is a no-contact order now (cause no. 2025-FAM-00917).",
            "record_number",
            "2025-FAM-00917",
        ),
        ("The county gave us report # 31-227-8810 for the file.", "record_number", "31-227-8810"),
        (
            "Both cochlear processors (serials CP910-442871 and CP910-442872) broke.",
            "device_id",
            "CP910-442872",
        ),
        (
            "Intake sheet: Dev Patel 16yo, dad Sanjay 6145550187, lives with grandparents.",
            "phone",
            "6145550187",
        ),
        ("Resident Agnes Pruitt, 101 (!), still runs the bingo table.", "age", "101"),
    ],
)
def test_numbers_called_by_other_names(text: str, kind: str, value: str) -> None:
    assert value in kinds_found(text).get(kind, [])


def test_a_second_zip_of_the_same_area_is_a_zip() -> None:
    text = "Her apartment is 90 Elm St, Tucson AZ 85719; the insurer still has 85716 on file."
    assert "85716" in kinds_found(text).get("zip", [])
    # Without a ZIP found by its cue, a five-digit number stays what it is.
    assert kinds_found("We billed 90837 and 85716 was the claim total.").get("zip") is None


@pytest.mark.parametrize(
    "text",
    [
        "We use the intake 2024 packet for every adolescent.",
        "Our intake line is 412-555-0133, weekdays only.",
        "PHQ-9 was 17 at intake, GAD-7 was 12.",
        "The clinic moved to 988 routing last quarter and volume doubled.",
        "She is a serial sevens whiz on the MoCA.",
        "I'll be out of the office until the 9th; Dr. Ames covers.",
        'Training: "Safety Planning for Front Desk Staff", 2 hrs, Mar 3, free for members.',
    ],
)
def test_look_alikes_of_this_round_pass(text: str) -> None:
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # A whole card on the first line, the message on the next.
        "Ines Carrow, LMFT \u2014 Harbor Light Family Therapy, Eugene \u2014 541-555-0148 \u2014 "
        "ines@harborlightft.com\nOn the couples question: I start with a joint session.",
        "Ruth Abara, PsyD \u2022 Neuropsychology \u2022 OH Lic. #6677 \u2022 Abara Assessment, LLC "
        "\u2022 216-555-0122 \u2022 rabara@abaraassessment.com\n\u2014\nWrite the report for the "
        "reader who will act on it.",
        # A block between rule lines, then the message.
        "----------\nOmar Fenwick, LCSW\nProgram Director, Lakeside Recovery\nPA LCSW #CW044120\n"
        "570-555-0190 main\nofenwick@lakesiderecovery.org\n----------\nIs anyone running a "
        "contingency management pilot?",
        # A rule line under the block, and a specialty on a line of its own.
        "Alumni of the child fellowship: a reunion in May. Reply here.\n\n====\nGrace Lin, MD\n"
        "Child Psychiatry\nNorthgate Behavioral Health\nglin@northgatebh.com | 971-555-0155\n====",
        # "Lic." before the number, and the phone and e-mail joined by a bar.
        "Starting a reading group on late-life depression.\n\nPeter Holm, PhD\nGeropsychology\n"
        "MN Lic. #LP55120\n612-555-0173 | peter.holm.phd@gmail.com | Duluth MN",
        # A do-not-send trailer after the block.
        "Our team is hiring two clinicians.\n\nMarta Ruiz, LISW\nClinical Lead, Mesa Crisis Team\n"
        "505-555-0166\nmruiz@mesacrisis.org\n\nPlease do not send client information by email.",
    ],
)
def test_clinicians_own_signatures_of_this_round_are_not_held(text: str) -> None:
    assert find_identifiers(text) == []


def test_a_first_line_card_does_not_clear_a_client_in_the_message() -> None:
    text = (
        "Ines Carrow, LMFT \u2014 Harbor Light Family Therapy \u2014 541-555-0148\n"
        "My client Rosalind Vane (DOB 4/4/1990) asked me to call her mother."
    )
    found = kinds_found(text)
    assert "541-555-0148" not in found.get("phone", [])
    assert any("Rosalind" in value for value in found.get("name", []))
    assert "4/4/1990" in found.get("date", [])


# --- classes from the retired 2026-12-07b set --------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It turns out he's Rowan Tillery, SSDI applicant, bipolar I.", "Rowan"),
        ("Geri consult: Dot Fairweather is 102 and asks about her sister's grave.", "Dot"),
        ("New referral: an 88-year-old retired dentist, Dr. Milo Kestrel, for low mood.", "Milo"),
        ("Records request in the custody case (Ashdown v. Ashdown) came today.", "Ashdown"),
    ],
)
def test_client_names_by_who_they_are_their_age_or_their_case(text: str, value: str) -> None:
    assert any(value in found for found in kinds_found(text).get("name", []))


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (
            "He read me his social over the phone \u2014 512308841 \u2014 during a session.",
            "ssn",
            None,
        ),
        (
            "She wanted the hearing aid serials checked: L 4410B22817, R 4410B22818. Both fine.",
            "device_id",
            "R 4410B22818",
        ),
        (
            "The parents keep calling our front desk and gave us a relative's number, "
            "+1 312 555 0147, to check attendance.",
            "phone",
            "+1 312 555 0147",
        ),
    ],
)
def test_numbers_given_over_the_phone_in_pairs_or_to_the_front_desk(
    text: str, kind: str, value: str | None
) -> None:
    found = kinds_found(text).get(kind, [])
    assert found if value is None else value in found


@pytest.mark.parametrize(
    "text",
    [
        "For adult ADHD grief I hand out Russell Barkley's book and a worksheet.",
        "Trained in Katherine Shear's complicated grief treatment last year.",
        "With dementia I lean on validation therapy (Sarah Ostrander) more than correction.",
        "Is anyone running the Garner/Hollister BA manual in groups?",
        "We run a harm-reduction group in Crested Butte on Thursdays.",
        "Denials on the new Medicare 90837 telehealth modifier again.",
        "Tarasoff v. Regents still comes up in every ethics CE.",
        "I spoke with Dr. Ines Harrow about the referral yesterday.",
    ],
)
def test_authors_places_billing_codes_and_colleagues_pass(text: str) -> None:
    assert "name" not in kinds_found(text) and "record_number" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        # An availability trailer after the block.
        "I titrate weekly with BP checks.\n\u2014\nNora Vance, MD\nChild & Adolescent Psychiatry\n"
        "Vance Child Psychiatry, PLLC \u00b7 12 Oak St, Suite 4, Plano, TX 75074\n"
        "Phone 972-555-0110 \u00b7 Fax 972-555-0111\n"
        "Not accepting new patients until spring; the waitlist form is at vancechildpsych.com/wait",
        # A one-line card with a second signature line under it, then a rule and the message.
        "Dr. Omar Petit, PhD | Licensed Psychologist (GA PSY005512) | he/him\n"
        "Forensic Psychology \u00b7 40 Ivy St NE, Suite 2, Atlanta, GA 30303 \u00b7 404-555-0170\n"
        "---\nShort answer: refer the evaluation out.",
        # The practice as the subject of a sentence giving its new address and the same phone.
        "Big news!\nAspen Creek Counseling Group is now seeing clients at 77 Main St, Suite 3, "
        "Bozeman, MT 59715. Same phone (406-555-0188), same portal.\n\n"
        "Lena Hart, LCPC \u2014 Owner\nwww.aspencreekcounseling.com",
    ],
)
def test_signatures_of_the_2026_12_07b_kinds_are_not_held(text: str) -> None:
    assert find_identifiers(text) == []


# --- classes from the retired 2026-12-07c set --------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (
            "Youth detention: 16yo Amos Ledet, JDC #K25-7710, head-banging again.",
            "record_number",
            "K25-7710",
        ),
        ("Paroled last week, CDCR # AY9913, going to a sober living.", "record_number", "AY9913"),
        (
            "Federal inmate Luis Orta, Reg. No. 55120-298, lost his mother.",
            "record_number",
            "55120-298",
        ),
        (
            "She is housed in a women's unit, TDCJ # 02990114, and writes weekly.",
            "record_number",
            "02990114",
        ),
        ("Detainee Omar Said, A-# A204-771-903, stopped eating.", "record_number", "A204-771-903"),
        ("Inmate Dwayne Coles (#01774420) asked for the chaplain.", "record_number", "01774420"),
        ("Gave his number as Terrell Banks, #2210984, at booking.", "record_number", "2210984"),
        ("Saw him 10/14 and he denied SI; he died 10/19.", "date", "10/14"),
        ("Three losses this fall: her son Kody (9/2), her sister (10/8).", "date", "9/2"),
        ("PFC Dana Whitlow, DOB 11 MAR 2003, Fort Bragg.", "date", "11 MAR 2003"),
        ("Hospice pt Irving Kessel, 93; his wife of 60 years is at bedside.", "age", "93"),
        ("Pt June Marsh, DOB March 9, 1930 - so 96 - asks about her will.", "age", "so 96"),
        ("Trailer fire at RR 2 Box 19B, Cabot, AR on Monday.", "address", "RR 2 Box 19B"),
        ("She lives at HCR 62 Box 7 outside town.", "address", "HCR 62 Box 7"),
        (
            "He wants mail sent to General Delivery, Main Post Office, Billings, MT 59101.",
            "address",
            "General Delivery, Main Post Office",
        ),
    ],
)
def test_corrections_numbers_bare_dates_military_dates_ages_and_rural_addresses(
    text: str, kind: str, value: str
) -> None:
    assert value in kinds_found(text).get(kind, [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Spouse reached out; he's SSgt Aaron Pike, deployed until spring.", "Aaron Pike"),
        ("Her husband is LT Omar Fields, stationed at Pendleton.", "Omar Fields"),
        ("Parents Grace and Tomas Villarreal want a family session.", "Grace"),
    ],
)
def test_service_members_by_rank_and_a_parent_sharing_a_surname(text: str, value: str) -> None:
    assert any(value in found for found in kinds_found(text).get("name", []))


@pytest.mark.parametrize(
    "text",
    [
        "Veteran in his 70s, Korea-era, finally came in because his daughter insisted.",
        "Custody wants him back on the block by Friday.",
        "We gave her the Trevor Project line and a safety plan.",
        "Afghan and Syrian families make up most of our caseload this year.",
        "Boys from Central America and West Africa share one group.",
        "I've been reading Jon Stone's neurosymptoms materials again.",
        "Regional hospital in Bethel: a young man from a village of 300.",
        "Abramowitz has been my starting point for scrupulosity.",
        "CPT Codes for the new telehealth year are out.",
        "Reply to the committee: Reg. No. 4 applies, not No. 5.",
    ],
)
def test_eras_departments_organisations_countries_and_authors_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        # "From:" and a long card on the first line, then a blank line and the message.
        "From: Ravi Menon, MD, DFAPA \u2014 Consultation-Liaison Psychiatry, Pine Bluff "
        "Regional Medical Center, Grand Junction CO | rmenon@pinebluffhealth.org | pager "
        "970-555-0141\n\nShort answer: start low and get an EKG first.",
        # Pronouns before the comma, em-dash fields, the message on the next line.
        "Kai Osei (they/them), LMHC, SUDP \u2014 Tacoma \u2014 kai@harborqueertherapy.com \u2014 "
        "253-555-0109\nYes, you need the SUDP to bill the substance use side.",
        # A bracketed card.
        "[ Dr. Nia Okafor (she/her) | Licensed Psychologist, GA PSY005120 | Okafor Anxiety "
        "Center | 55 Peachtree St NE, Suite 3, Atlanta, GA 30303 | 404-555-0190 ]\n\n"
        "Has anyone run the Unified Protocol as a group?",
        # A crisis-line reminder under the block.
        "Groups are open to any enrolled veteran.\n\nLena Park, LCSW\nWhole Health Coordinator, "
        "North Texas VA\n940-555-0132\nlena.park@va.gov\nVeterans Crisis Line: dial 988, then "
        "press 1",
        # An inline card that ends with a crisis line.
        "Happy to talk about dual licensure. Omar Reyes, LMFT, LPC | Reyes Family Therapy, "
        "Jackson MS | 601-555-0177 | omar@reyesfamilytherapy.net | he/him | Crisis? Call 988.",
        # An extension inside a one-line card, the message after an em dash.
        "Ana Ruiz, LCSW, CADC | Bridge Outpatient | 312.555.0144 ext. 211 | "
        "aruiz@bridgeoutpatient.org \u2014 Our evening IOP has openings in January.",
    ],
)
def test_signatures_of_the_2026_12_07c_kinds_are_not_held(text: str) -> None:
    assert find_identifiers(text) == []


# --- classes from the retired 2026-12-07d set --------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        (
            "Pt Rosa Ibarra (DOB 4 de junio de 1988, written on the form) came in.",
            "date",
            "4 de junio de 1988",
        ),
        (
            "His team's app shared his sleep data (device 7KQ2M9PX41) with me.",
            "device_id",
            "7KQ2M9PX41",
        ),
        (
            "Her lab accession # is QX-4410-220917 and the result was positive.",
            "record_number",
            "QX-4410-220917",
        ),
        (
            "The private lab ran it under order # GENX-771204 last week.",
            "record_number",
            "GENX-771204",
        ),
    ],
)
def test_spanish_dates_a_device_in_parentheses_and_lab_numbers(
    text: str, kind: str, value: str
) -> None:
    assert value in kinds_found(text).get(kind, [])


@pytest.mark.parametrize(
    "text",
    [
        'Has anyone read Lisa Damour\'s "The Emotional Lives of Teenagers" with parents?',
        "We're looking at Code Lavender and a peer program from Johns Hopkins.",
        "I've been reading Roberto Olivardia on muscle dysmorphia.",
        "Ellyn Satter's Division of Responsibility keeps coming up in FBT.",
        "Ditto what Carla said about documenting the minor's consent.",
        "Is there a consult group for clinicians in the Delta?",
    ],
)
def test_authors_titles_codes_institutions_and_thread_colleagues_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I've been reading Maria's journal entries with her permission.",
        "I keep thinking about what Lucinda said at the end of group.",
    ],
)
def test_a_clients_writing_or_words_still_name_her(text: str) -> None:
    assert "name" in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        # A card opening with a double dash, the message on the next line.
        "-- Luis Ortega, MA, LMFT #55120 (CA) | Couples Therapy | 12 Grand Ave, Suite 3, Oakland "
        "CA 94610 | t. 510.555.0144 | luis@ortegalmft.com\nI'd second the Gottman suggestion.",
        # An inline sign-off whose town ends with a stop before the e-mail.
        "Start with the Unified Protocol. - Hanna Berg, LICSW (MN #22410), school-based "
        "therapist, Saint Paul. hberg.licsw@gmail.com",
        # A Spanish closing.
        "I have openings for Spanish-speaking families.\n\nBendiciones,\nLuz Ortega, LPC-S\n"
        "Casa de Paz Counseling\n915-555-0123",
        # "Hosted by:" and a president's title in the block.
        "Free ethics webinar on the 21st.\n\nHosted by:\nAnn Cole, LPC-S\nPresident, Texas ED "
        "Collaborative\n12 Oak Blvd, Suite 2, Austin TX 78701\n512-555-0107",
        # A label line ("Now: ...") inside the block and a NOTICE trailer.
        "Write your threat-assessment reasoning down as you go.\n\nRuth Alva, EdS, NCSP\n"
        "Lead School Psychologist (retired)\nNow: private consultation\nruth.alva.ncsp@gmail.com"
        "\n520-555-0181\n\nNOTICE: This email may contain confidential information.",
        # A phone given as a referral line.
        "Now accepting referrals.\nMike Breen, MA, LMHC\nBlue Harbor IOP\n9 Derby St, Suite 2, "
        "Salem MA 01970\nReferral line: 978-555-0136\nwww.blueharboriop.com",
    ],
)
def test_signatures_of_the_2026_12_07d_kinds_are_not_held(text: str) -> None:
    assert find_identifiers(text) == []


# --- classes from the retired 2026-12-07e set --------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Sleeping at 12 SW 4th St, Bed 9, Tulsa 74103 most nights.", "zip", "74103"),
        ("She rents a room at 40 Mill St, 2nd fl, 03820, with her cousin.", "zip", "03820"),
        ("He sleeps behind 88 Pine St most nights (04102) since the fire.", "zip", "04102"),
        ("He lives in a camper (MT 5-41207B) down by the river.", "license_plate", "5-41207B"),
        (
            "Found asleep in his truck, WY tag 3-9920C, outside the clinic.",
            "license_plate",
            "3-9920C",
        ),
        (
            "There's an open DCF case on the baby (DCF #2025-0033187).",
            "record_number",
            "2025-0033187",
        ),
        (
            "The plan's number is MassHealth # 100457723819, per the card.",
            "record_number",
            "100457723819",
        ),
        ("Pretrial: Ana Roe, SCRAM unit SC-5510937, court next week.", "device_id", "SC-5510937"),
        ("Her breathalyzer (BACtrack unit 47-229013) has read clean.", "device_id", "47-229013"),
        ("Her grandfather died at 97 last spring.", "age", "died at 97"),
        ("The hold runs out 12/09 and nobody has signed the second one.", "date", "12/09"),
    ],
)
def test_zips_after_an_address_county_plates_agency_numbers_units_ages_and_deadlines(
    text: str, kind: str, value: str
) -> None:
    assert value in kinds_found(text).get(kind, [])


@pytest.mark.parametrize(
    "text",
    [
        "Sliding scale and MaineCare accepted; TennCare too at our Knoxville site.",
        "A Deaf client waited five hours for an interpreter in our ED.",
    ],
)
def test_payers_and_deaf_are_not_names(text: str) -> None:
    assert "name" not in kinds_found(text)


@pytest.mark.parametrize(
    "text",
    [
        # An intro line ending with a colon, the block, then the question without a blank line.
        "Signature first, since I'm new here:\nDeShawn Reed, LMSW (provisional), he/him\n"
        "Outreach Case Manager, Hope Mission, Memphis TN\n901-555-0188 ext 16 | "
        "dreed@hopemission.org\nQuestion: how do you handle clients asking for your cell?",
        # A town and state at the end of the employer's line.
        "Happy to share the workflow.\n\n--\nMarie Fontaine, LCSW-BACS\nSocial Work Lead, "
        "Emergency Department\nregional community hospital, Lake Charles LA\nOffice 337-555-0102\n"
        "mfontaine@swlahealth.org",
        # A hyphenated practice name holding a relative's word.
        "Free 20-minute consults for colleagues.\nNora Ahn, MSN, CNM, PMHNP-BC | Mother-Baby "
        "Recovery Clinic | Springfield MA | 413-555-0190 | nahn@mbrclinic.org",
        # A peer specialist's credentials and a nickname in quotes, after "Contact me:".
        'We have two peer positions open. Contact me: Terrence "TJ" Hale, CPRS, OCPS, Program '
        "Director, Valley Recovery Network, 330-555-0143, thale@valleyrecovery.org",
        # A confidentiality trailer opening with an asterisk.
        "Any SOAR templates?\n\nKeisha Bell, LPC-S\nSOAR Lead, Outreach Team\n225-555-0171 | "
        "kbell@outreachteam.org\n*This email may contain confidential information.",
    ],
)
def test_signatures_of_the_2026_12_07e_kinds_are_not_held(text: str) -> None:
    assert find_identifiers(text) == []
