"""The content-warning detector: clinical cues per category, clean posts, declarations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.content_warnings import (
    CATEGORIES,
    CATEGORY_LABELS,
    WarningMatch,
    find_warning_cues,
    lexicon_categories,
    missing_warnings,
    warnings_called_for,
)

BLNS = Path(__file__).resolve().parents[3] / "shared" / "data" / "naughty-strings" / "blns.txt"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "She reported SI with a plan last night; we completed a safety plan.",
            "suicide_self_harm",
        ),
        ("History of cutting herself on her thighs since age 13.", "suicide_self_harm"),
        ("He attempted suicide two years ago and still has passive thoughts.", "suicide_self_harm"),
        ("She told me she wants to die and has been giving things away.", "suicide_self_harm"),
        ("Teen client with NSSI, mostly burning himself with a lighter.", "suicide_self_harm"),
        ("Chronic pain client says he'd rather be dead than live like this.", "suicide_self_harm"),
        ("She said her family would be better off without her.", "suicide_self_harm"),
        ("Her stepfather was emotionally abusive and she was neglected as a child.", "abuse"),
        ("I filed a CPS report after the disclosure on Friday.", "abuse"),
        ("Client is leaving a relationship with coercive control and DV.", "abuse"),
        ("She was raped in college and never told anyone.", "sexual_violence"),
        ("Disclosed childhood sexual abuse by an uncle.", "sexual_violence"),
        ("He was molested by a coach when he was 11.", "sexual_violence"),
        ("He relapsed on fentanyl and overdosed twice this month.", "substance_use"),
        ("Alcohol use disorder, 90 days sober, attending AA.", "substance_use"),
        ("She's been drinking heavily since the divorce.", "substance_use"),
        ("Restricting food intake to 600 calories and purging after dinner.", "eating_disorders"),
        ("Adolescent with anorexia, BMI of 15, medically unstable.", "eating_disorders"),
        ("Binge eating episodes three times a week, lots of shame.", "eating_disorders"),
        ("Her husband punched her and threatened to kill her.", "violence"),
        ("He witnessed a shooting outside his school last year.", "violence"),
        (
            "Client with homicidal ideation toward a coworker; we discussed duty to warn.",
            "violence",
        ),
        ("Her mother died last spring and she is still grieving.", "death_grief"),
        (
            "Hospice social worker here; a family asked about talking to kids about dying.",
            "death_grief",
        ),
        ("Lost her husband to cancer in March and feels numb.", "death_grief"),
        ("Miscarriage at 14 weeks, now pregnant again and terrified.", "death_grief"),
    ],
)
def test_a_clinical_cue_calls_for_its_category(text: str, category: str) -> None:
    assert category in warnings_called_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "Legislative update: the Senate passed SB 1087 expanding the counseling compact.",
        "Referral request: DBT therapist in Portland taking Medicaid for a teen with anxiety.",
        "Training announcement: free CBT-I webinar on Thursday, 2 CE credits. Register online.",
        "Looking for a consultation group on couples work in the Salem area.",
        "I'm killing time before the deadline; the billing portal is dead slow today.",
        "She has panic attacks at work and we're doing interoceptive exposure.",
        "The appeals court found an abuse of discretion in the board's ruling.",
        "Reminder to get your flu shot before flu season; our clinic hosts a clinic day.",
        "Shoot me an email if you want the handout. Shooting for a 6pm start.",
        "Does anyone use the Unified Protocol with adolescents? High school referrals are up.",
        "Thanks for the great discussion on cultural humility in supervision.",
        "Client denies SI/HI, no history of abuse, no substance use. Mood 6/10.",
        "The 988 Suicide and Crisis Lifeline now has a Spanish text option.",
        "She neglected to mention the appointment change, so we rescheduled.",
        "You beat me to it! I'm sticking to my guns on the sliding scale, good grief.",
        "Her scores were high on the reading test; I'll take a stab at the IEP letter.",
        "We violently agree here. Alcohol wipes are in the supply closet.",
    ],
)
def test_a_clean_post_calls_for_no_warning(text: str) -> None:
    assert warnings_called_for(text) == []


# Paraphrases written without looking at the lexicon, then used to widen it.
PARAPHRASES: list[tuple[str, list[str]]] = [
    (
        "She told me she's been researching ways to end it and has a stockpile of pills.",
        ["suicide_self_harm"],
    ),
    ("Teen client burns herself with a lighter when overwhelmed.", ["suicide_self_harm"]),
    ("He made an attempt last year by hanging; the rope broke.", ["suicide_self_harm"]),
    ("Passive ideation: \"I wouldn't mind if I didn't wake up.\"", ["suicide_self_harm"]),
    ("He took 40 of his sertraline on purpose and then called his sister.", ["suicide_self_harm"]),
    ("Her father used to lock her in a closet for hours as punishment.", ["abuse"]),
    ("He disclosed that his wife hits him and controls all the money.", ["abuse"]),
    ("The kids were found living in filth with no food; CPS removed them.", ["abuse"]),
    ("She was sexually abused by her stepfather from ages 7 to 12.", ["abuse", "sexual_violence"]),
    ("She was drugged and assaulted at a party freshman year.", ["sexual_violence"]),
    ("Her boss coerced her into sex to keep her job.", ["sexual_violence"]),
    ("He was raped in prison and has never told anyone.", ["sexual_violence"]),
    ("He's been using meth daily and hasn't slept in four days.", ["substance_use"]),
    ("She drinks a bottle of wine every night to fall asleep.", ["substance_use"]),
    ("He's on methadone maintenance and doing well.", ["substance_use"]),
    ("She started smoking weed again after the breakup.", ["substance_use"]),
    (
        "She eats almost nothing during the day and binges at night, then vomits.",
        ["eating_disorders"],
    ),
    ("Her daughter has lost 20 pounds and counts every calorie.", ["eating_disorders"]),
    ("He exercises four hours a day to compensate for anything he eats.", ["eating_disorders"]),
    ("Client with bulimia asked about dental damage.", ["eating_disorders"]),
    ("Her partner strangled her last week and she's still with him.", ["violence"]),
    ("He witnessed his brother get shot outside their apartment.", ["violence"]),
    ("Client fantasizes about hurting his coworker and has a gun at home.", ["violence"]),
    ("The family fled the war in Ukraine and saw bombings.", ["violence"]),
    ("Her newborn died in the NICU after three days.", ["death_grief"]),
    ("He's been numb since his wife's funeral.", ["death_grief"]),
    ("The client's best friend passed last month from cancer.", ["death_grief"]),
    ("She visits her son's grave every Sunday.", ["death_grief"]),
    (
        "Her brother died by suicide in March and she found him.",
        ["suicide_self_harm", "death_grief"],
    ),
    ("His father was murdered when he was six.", ["violence", "death_grief"]),
    ("He wrote goodbye letters to his kids last weekend.", ["suicide_self_harm"]),
    ("She scratches her forearms until they bleed when she's anxious.", ["suicide_self_harm"]),
    ("Client says the world would be better without him in it.", ["suicide_self_harm"]),
    ("She was hospitalized after trying to jump from an overpass.", ["suicide_self_harm"]),
    ("His mother would scream at him for hours and call him worthless.", ["abuse"]),
    ("The elder client's son has been taking her Social Security checks.", ["abuse"]),
    ("Her husband tracks her phone and won't let her see her friends.", ["abuse"]),
    ("He was molested by a priest as an altar boy.", ["abuse", "sexual_violence"]),
    ("She woke up with a stranger on top of her after drinking.", ["sexual_violence"]),
    ("He exposed himself to her on the bus and now she won't ride it.", ["sexual_violence"]),
    ("He's been snorting pills he buys from a friend.", ["substance_use"]),
    ("She gets blackout drunk most weekends.", ["substance_use"]),
    ("Client is 90 days clean from heroin.", ["substance_use"]),
    ("He smokes crack when he gets paid.", ["substance_use"]),
    (
        "She hasn't had her period in six months and weighs herself five times a day.",
        ["eating_disorders"],
    ),
    ("He chews food and spits it out so he won't gain weight.", ["eating_disorders"]),
    ("The teen hides food in her room and purges after dinner.", ["eating_disorders"]),
    ("Her ex put her in the hospital with a broken jaw.", ["violence"]),
    ("He got into a fistfight at work and broke a man's nose.", ["violence"]),
    ("The client witnessed a stabbing at a bus stop.", ["violence"]),
    ("There was a school shooting in her town last year.", ["violence"]),
    ("Her father passed in his sleep two weeks ago.", ["death_grief"]),
    ("He's struggling with the loss of his twin.", ["death_grief"]),
    ("They scattered her ashes at the beach on her birthday.", ["death_grief"]),
    ("The client had a stillbirth at 38 weeks.", ["death_grief"]),
    ("She has thought about driving her car into a tree.", ["suicide_self_harm"]),
    ('He keeps a rope in his closet "just in case."', ["suicide_self_harm"]),
    (
        "Her safety plan includes removing the firearms from the home "
        "because of her suicidal thoughts.",
        ["suicide_self_harm"],
    ),
    ("Teen has been hitting herself in the head when she fails a test.", ["suicide_self_harm"]),
    ("Her grandmother made her kneel on rice as punishment.", ["abuse"]),
    ("The caregiver has been leaving the client in soiled sheets for days.", ["abuse"]),
    ("He threatens to take the kids if she ever leaves.", ["abuse"]),
    ("Her uncle made her watch pornography when she was eight.", ["sexual_violence"]),
    ("She was pressured into sex while too drunk to consent.", ["sexual_violence"]),
    ("He's been mixing Xanax and alcohol on weekends.", ["substance_use"]),
    ("She's using her son's Adderall to stay awake.", ["substance_use"]),
    ("He was arrested for a DUI last month and is in a diversion program.", ["substance_use"]),
    ("She only allows herself 500 calories a day.", ["eating_disorders"]),
    ("He takes laxatives after every meal.", ["eating_disorders"]),
    ("Her brother threatened her with a knife.", ["violence"]),
    ("The client's neighbor was beaten to death last year.", ["violence"]),
    ("He punched a hole in the wall during an argument.", ["violence"]),
    ("Her mother's death anniversary is next week.", ["death_grief"]),
    ("The family is preparing for hospice after a terminal diagnosis.", ["death_grief"]),
    ("He still sets a place at the table for his late wife.", ["death_grief"]),
]

CLEAN_PARAPHRASES: list[str] = [
    "Looking for a therapist in Bend who takes Pacific Source for a 10-year-old with ADHD.",
    "Reminder: the board meeting about the compact is on Friday; public comment is open.",
    "Has anyone used the Unified Protocol with adolescents? Interested in outcomes.",
    "My fee is $140; I offer a sliding scale for students.",
    "CE opportunity: free webinar on motivational interviewing next Tuesday.",
    "How do you structure the first session with a couple?",
    "Client is making great progress on her anxiety; exposure hierarchy is working.",
    "Any tips for documenting telehealth sessions across state lines?",
    "That deadline is killing me, but I'll get my notes done tonight.",
    "The new EHR update is a disaster; dead links everywhere.",
    "She finally nailed her job interview and was over the moon.",
    "My supervisor shot down my idea for a DBT group, so I'm pitching it again.",
    "We had a blast at the state conference; the keynote was to die for.",
    "Our practice is hiring an LCSW for evening hours.",
    "Legislators debated the mental health parity bill for hours today.",
    "Teen client wants to quit soccer and try theater instead.",
    "She's grieving the loss of her old job a bit but excited about the new one.",
    "He's anxious about his daughter's wedding speech.",
    "Client reports improved sleep after CBT-I.",
    "Anyone know a good book on attachment for new therapists?",
    "Anyone have a good intake form template for couples?",
    "I'm presenting on ethics at the spring conference.",
    "Our group practice is moving offices next month.",
    "How do you handle clients who want to text between sessions?",
    "She's crushing it at her new job and feels confident.",
    "This paperwork is going to be the death of me.",
    "I'm dying to try the new ACT workbook.",
    "The new parity rule is a big win for clinicians.",
    "Client wants to reduce sessions to every other week.",
    "He shot me an email asking to reschedule.",
    "The insurance company keeps killing our claims on technicalities.",
    "My client nailed her presentation despite her social anxiety.",
    "Does anyone have experience with walk-and-talk therapy?",
    "Looking for a Spanish-speaking family therapist in Salem.",
    "The webinar on sleep hygiene was excellent.",
    "Can anyone recommend a good supervision model for new LPCs?",
    "Our office manager is leaving; we're interviewing replacements.",
    "She's killing it in her graduate program.",
    "We need to kill two birds with one stone and combine the trainings.",
    "The old policy is dead in the water after the legislature's vote.",
    "My client is shooting for a promotion this year.",
    "He beat his personal best in the marathon.",
    "The billing software crashed and burned again.",
    "I almost died laughing at the training icebreaker.",
    "Her tone was a bit aggressive in the email, but we worked it out.",
]


@pytest.mark.parametrize(("text", "categories"), PARAPHRASES)
def test_a_paraphrased_cue_calls_for_its_categories(text: str, categories: list[str]) -> None:
    assert set(categories) <= set(warnings_called_for(text))


@pytest.mark.parametrize("text", CLEAN_PARAPHRASES)
def test_an_everyday_post_with_violent_idioms_calls_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


def test_sexual_abuse_counts_as_abuse_and_sexual_violence() -> None:
    assert warnings_called_for("Disclosed sexual abuse by a stepparent.") == [
        "abuse",
        "sexual_violence",
    ]


def test_an_intentional_overdose_is_self_harm_and_substance_use_only_with_drugs() -> None:
    # Issue 20's convention: an intentional overdose of a medication is suicide and
    # self-harm; substance use too only when alcohol or a drug of abuse is taken.
    assert warnings_called_for("Hospitalized after an intentional overdose of her lithium.") == [
        "suicide_self_harm"
    ]
    assert warnings_called_for(
        "Hospitalized after an intentional overdose of sleeping pills with a bottle of vodka."
    ) == ["substance_use", "suicide_self_harm"]


def test_no_longer_is_not_a_negation() -> None:
    assert warnings_called_for("She no longer self-harms but still has urges.") == [
        "suicide_self_harm"
    ]


def test_a_post_that_changes_length_when_lower_cased_keeps_true_offsets() -> None:
    text = "İİİ Denies SI. Her brother died by suicide in 2019."
    cues = find_warning_cues(text)
    assert {cue.category for cue in cues} == {"death_grief", "suicide_self_harm"}
    assert all(text[cue.start : cue.end] == cue.text for cue in cues)
    assert "SI" not in [cue.text for cue in cues]


def test_cues_carry_their_position_and_text() -> None:
    text = "Pt denies SI but reports her brother died in May."
    cues = find_warning_cues(text)
    start = text.index("died")
    assert cues == [WarningMatch("death_grief", start, start + 4, "died")]
    for cue in cues:
        assert text[cue.start : cue.end] == cue.text


def test_categories_and_labels_match_the_forum_choices() -> None:
    assert set(CATEGORIES) == {
        "suicide_self_harm",
        "abuse",
        "sexual_violence",
        "substance_use",
        "eating_disorders",
        "violence",
        "death_grief",
    }
    assert set(CATEGORY_LABELS) == set(CATEGORIES)


# --- missing_warnings --------------------------------------------------------------

CASE = "She overdosed last month, and her father died the week after."


def test_missing_warnings_is_not_applied_without_a_declaration() -> None:
    assert missing_warnings(CASE, None) == []


def test_declaring_none_leaves_every_called_for_warning_missing() -> None:
    assert missing_warnings(CASE, ["none"]) == ["death_grief", "substance_use"]


def test_declared_categories_are_not_missing() -> None:
    assert missing_warnings(CASE, ["substance_use"]) == ["death_grief"]
    assert missing_warnings(CASE, ["substance_use", "death_grief"]) == []


def test_a_clean_post_declaring_none_misses_nothing() -> None:
    assert missing_warnings("Referral request for a CBT therapist in Bend.", ["none"]) == []


def test_an_empty_declaration_behaves_like_none_declared() -> None:
    assert missing_warnings(CASE, []) == ["death_grief", "substance_use"]


# --- never crash ------------------------------------------------------------------


@pytest.mark.skipif(not BLNS.exists(), reason="shared naughty-strings data not present")
def test_naughty_strings_never_crash() -> None:
    for line in BLNS.read_text(encoding="utf-8").split("\n"):
        for cue in find_warning_cues(line):
            assert line[cue.start : cue.end] == cue.text
        assert missing_warnings(line, ["none"]) == warnings_called_for(line)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_cues_within_bounds(text: str) -> None:
    for cue in find_warning_cues(text):
        assert 0 <= cue.start < cue.end <= len(text)
        assert cue.category in CATEGORIES


# --- issue 20: paraphrase, intentional overdoses, figurative words (development cases) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He deliberately swallowed a month of his lithium.", {"suicide_self_harm"}),
        ("She took the rest of her pills on purpose after the fight.", {"suicide_self_harm"}),
        ("Her overdose was a suicide attempt, she told me.", {"suicide_self_harm"}),
        ("Her uncle touched her inappropriately when she was small.", {"sexual_violence"}),
        ("He kept going after she said no.", {"sexual_violence"}),
        ("Her mother withheld meals when she misbehaved.", {"abuse"}),
        ("His partner reads his messages and takes his paycheck.", {"abuse"}),
        ("She has been carving lines into her forearms.", {"suicide_self_harm"}),
    ],
)
def test_paraphrases_call_for_their_warnings(text: str, expected: set[str]) -> None:
    assert expected <= set(warnings_called_for(text)), warnings_called_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "This billing backlog is killing me.",
        "Our new group absolutely killed it on its first night.",
        "Shoot me a message if you want the handout.",
        "Time to attack the waitlist.",
        "The new EHR is slowly murdering my evenings.",
    ],
)
def test_figurative_violence_words_are_not_tagged(text: str) -> None:
    assert "violence" not in warnings_called_for(text)


def test_a_clinical_denial_covers_its_list() -> None:
    assert warnings_called_for("Client denies any history of abuse, self-harm or drug use.") == []
    assert warnings_called_for("Denies SI, but reports drinking daily.") == ["substance_use"]


def test_confidence_grows_with_distinct_cues() -> None:
    from detectors.content_warnings import assess

    one = assess("He relapsed.")["substance_use"]
    many = assess("He relapsed, is drinking daily, using heroin and was in detox.")["substance_use"]
    assert 0 < one < many <= 1


# --- issue 20, second round: classes (development cases, not from any evaluation file) -----


@pytest.mark.parametrize(
    "text",
    [
        "Our intern killed it at her first case conference.",
        "The committee killed the proposal for evening hours.",
        "My request for a second office got shot down again.",
        "Wait times shot up after the clinic closed.",
        "Happy to take a shot at the billing question.",
        "Give it a shot and let us know.",
        "My son beat me at chess again, so that's my week.",
        "The battery in my headset died mid-session.",
        "Her panic is slowly dying down with the exposure work.",
        "He is a dead ringer for my first supervisor.",
        "The 988 Suicide and Crisis Lifeline has a new text option.",
    ],
)
def test_figurative_violence_and_death_words_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The overdose on his blood pressure pills was intentional.",
        "Her overdose last spring was a suicide attempt.",
        "She swallowed the whole bottle of her sleeping pills after the call.",
        "He took all of his antidepressants at once.",
    ],
)
def test_an_intentional_overdose_written_other_ways_is_self_harm(text: str) -> None:
    assert "suicide_self_harm" in warnings_called_for(text)


def test_an_overdose_alone_is_substance_use_only() -> None:
    assert warnings_called_for("He overdosed at a party last year and was revived.") == [
        "substance_use"
    ]


def test_a_death_in_an_accident_is_not_violence() -> None:
    assert warnings_called_for("Her brother was killed in a car crash last year.") == [
        "death_grief"
    ]


def test_the_assault_after_a_sexual_cue_adds_no_violence_warning() -> None:
    assert warnings_called_for("She was raped at a party; after the assault she told no one.") == [
        "sexual_violence"
    ]
    assert "violence" in warnings_called_for("He was assaulted outside a bar and needed stitches.")


def test_the_model_reads_the_text_without_the_senses_that_mean_nothing() -> None:
    from detectors.content_warnings import model_text

    text = "Call the 988 Suicide and Crisis Lifeline; the deadline is Friday."
    read = model_text(text)
    assert "Suicide" not in read and "deadline" not in read
    assert read.startswith("Call the 988") and read.endswith("is Friday.")
    assert model_text("He said he wants to die.") == "He said he wants to die."


def test_the_model_alone_counts_as_one_piece_of_evidence() -> None:
    from detectors.content_warnings import assess

    # No lexicon cue: the model alone calls for it, at the confidence of one cue.
    found = assess("Her stepbrother would visit her room once everyone was asleep.")
    assert found.get("sexual_violence") == 0.5
    # Four distinct cues and the model: above the hold threshold.
    sure = assess("Suicidal ideation, a suicide attempt, cutting, and she wants to kill herself.")
    assert sure["suicide_self_harm"] >= 0.9


# --- fourth round (2026-12-06): behaviours, conventions, administrative mentions -------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "He has been giving away his records and his camping gear to friends.",
            "suicide_self_harm",
        ),
        ("She keeps a supply of pills hidden in a shoebox.", "suicide_self_harm"),
        ("Client said she would not be around for her son's graduation.", "suicide_self_harm"),
        ("He has a plan and the means, and will not agree to a safety plan.", "suicide_self_harm"),
        (
            "Teen with fresh cuts along her upper arm came to the nurse's office.",
            "suicide_self_harm",
        ),
        (
            "After dinner she puts two fingers down her throat in the staff toilet.",
            "eating_disorders",
        ),
        (
            "He is terrified of putting on weight and skips all meals on weekdays.",
            "eating_disorders",
        ),
        ("Her son is getting hammered every weekend and missing lectures.", "substance_use"),
        ("Client has been using ketamine at house parties.", "substance_use"),
        ("She drinks until she passes out most nights.", "substance_use"),
        ("The unit came under mortar fire and then an ambush on the road out.", "violence"),
        ("A patient threw a chair at the receptionist yesterday.", "violence"),
        ("The body was found in the river after three days.", "death_grief"),
        ("Our family dog was put to sleep on Saturday.", "death_grief"),
        ("Her grandfather passed in the autumn and she misses him.", "death_grief"),
        ("The toddler had not been fed for a whole day when police arrived.", "abuse"),
        ("Her nephew emptied her savings while holding her bank card.", "abuse"),
    ],
)
def test_a_behaviour_described_without_the_category_words_calls_for_it(
    text: str, category: str
) -> None:
    assert category in warnings_called_for(text)


def test_the_overdose_word_adds_no_substance_use_beside_a_self_poisoning_cue() -> None:
    # Issue 20's convention, also when the model leans to substance use.
    for text in (
        "The overdose of her sertraline was deliberate, she told the crisis nurse.",
        "Intentional paracetamol overdose last week; medically cleared today.",
    ):
        assert warnings_called_for(text) == ["suicide_self_harm"]
    assert warnings_called_for("He took all of his pills with a bottle of vodka on purpose.") == [
        "substance_use",
        "suicide_self_harm",
    ]


def test_violence_by_a_partner_is_also_abuse_and_by_a_parent_abuse_only() -> None:
    assert {"abuse", "violence"} <= set(
        warnings_called_for("Her husband pinned her against the door and punched her in the face.")
    )
    assert "violence" not in warnings_called_for("When he was small his dad slapped him daily.")
    assert "abuse" in warnings_called_for("When he was small his dad slapped him daily.")


def test_a_death_by_suicide_is_suicide_and_death() -> None:
    assert warnings_called_for("Her cousin died by suicide in the spring.") == [
        "death_grief",
        "suicide_self_harm",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Which modifier does Medicaid want on the alcohol and drug assessment code?",
        "The county's opioid settlement funds will pay for two new school nurses.",
        "Does anyone know the CFR rule for releasing substance use treatment records?",
        "Hiring: certified addiction counselors, evenings and weekends.",
        "Our team is reading up on ketamine-assisted therapy trials for depression.",
        "The waitlist numbers were murder on our morale this quarter.",
        "That comment in the meeting was a stab in the back.",
        "My inbox was an absolute bloodbath after the conference.",
        "Our printer at the front desk died again this morning.",
        "I am dying to tell you about the new intake form.",
        "Her pitch for a group programme was killed in committee.",
        "He drinks two coffees a day and a glass of juice.",
    ],
)
def test_administrative_and_figurative_mentions_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


def test_the_deployed_warning_model_is_the_current_one_and_trained_on_every_training_file() -> None:
    import hashlib
    import json

    from detectors.warning_model import ARTIFACT_DIR, load_model

    model = load_model()
    assert model.version == (ARTIFACT_DIR / "CURRENT_WARNINGS").read_text().strip()
    assert model.version == "2026.12.08-1"
    meta = json.loads((ARTIFACT_DIR / f"content-warnings-{model.version}.json").read_text())
    data = Path(__file__).resolve().parents[2] / "moderation" / "data"
    trained = {row["path"]: row["sha256"] for row in meta["training_data"]["gold"]}
    # Every gold training file as it is now (edit one, retrain); never an evaluation file.
    for path in sorted(data.glob("content_warnings_train_*.tsv")):
        assert trained[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert not [name for name in trained if name.startswith("content_warnings_dev_")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He keeps hurting himself with a lighter when he is alone.", {"suicide_self_harm"}),
        ("She put her affairs in order and stopped returning calls.", {"suicide_self_harm"}),
        ("The teen wants to disappear for good, she wrote.", {"suicide_self_harm"}),
        ("He took an overdose of his own tablets after the hearing.", {"suicide_self_harm"}),
        ("She swallowed a handful of pills with cider on purpose.", None),
        ("He is on the bottle again and hides it from his wife.", {"substance_use"}),
        ("She has been starving herself before every weigh-in.", {"eating_disorders"}),
        ("A man was knifed outside the station on Friday.", {"violence"}),
        ("The school nurse noticed a pupil arriving hungry and in an unwashed uniform.", {"abuse"}),
        ("Her partner stealthed her and she only found out afterwards.", {"sexual_violence"}),
        ("His grandmother is in her final days on the hospice ward.", {"death_grief"}),
    ],
)
def test_more_behaviours_call_for_their_category(text: str, expected: set[str] | None) -> None:
    found = set(warnings_called_for(text))
    if expected is None:  # an intentional overdose with alcohol named is both (convention)
        assert {"suicide_self_harm", "substance_use"} <= found
    else:
        assert expected <= found


@pytest.mark.parametrize(
    "text",
    [
        "Our new associate absolutely killed her first case presentation.",
        "Don't shoot the messenger, but the CE deadline moved to March.",
        "The audit was a bloodbath for everyone's documentation scores.",
        "I'm dying for the weekend after this stretch of intakes.",
        "The old intake process died a natural death once the portal went live.",
        "Our grief and loss CE series is looking for presenters.",
        "Reminder: the county's naloxone training for all staff is on Thursday.",
        "Our violence-prevention curriculum for middle schools won a grant.",
    ],
)
def test_more_figurative_and_administrative_mentions_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


def test_sexual_violence_against_an_adult_stranger_is_not_abuse_by_the_model_alone() -> None:
    from detectors.content_warnings import _CHILD_FAMILY_CARE_RE

    assert _CHILD_FAMILY_CARE_RE.search("when she was twelve her uncle") is not None
    assert _CHILD_FAMILY_CARE_RE.search("a man at a bar followed her out") is None
    found = warnings_called_for(
        "A stranger at a bar followed her out and raped her in the car park."
    )
    assert "sexual_violence" in found and "abuse" not in found
    assert "abuse" in warnings_called_for("Her uncle raped her when she was nine.")


def test_a_parent_beating_a_child_is_abuse_not_violence_and_a_partner_both() -> None:
    assert "violence" not in warnings_called_for(
        "She described being beaten by a parent most weekends."
    )
    assert {"abuse", "violence"} <= set(
        warnings_called_for("Her boyfriend knocked her to the floor and kicked her.")
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Says she is so tired of being alive that mornings feel like a punishment.",
            "suicide_self_harm",
        ),
        (
            "He told the nurse he just wants it all to end and asked about visiting hours.",
            "suicide_self_harm",
        ),
        ("She says she doesn't care whether she wakes up tomorrow.", "suicide_self_harm"),
        ("He admitted he has thought about turning his rifle on himself.", "suicide_self_harm"),
        ("The crash was no accident, he told me on the ward.", "suicide_self_harm"),
        ("Her mum found out she has started cutting again at night.", "suicide_self_harm"),
        ("A man slapped him outside the pub after the match.", "violence"),
        ("She was pulled out of the taxi by her hair.", "violence"),
        ("He was mugged on the way to the bus and lost his phone and two teeth.", "violence"),
        ("The receptionist was headbutted by a visitor on Friday.", "violence"),
        ("Someone pointed a pistol at him through the car window.", "violence"),
        ("He still has the scar from being shot in the shoulder.", "violence"),
        ("He was back at his former dealer's flat by Sunday.", "substance_use"),
        ("She has eight or nine pints most Saturdays.", "substance_use"),
        ("He often can't remember getting home after the work drinks.", "substance_use"),
        ("Her brother goes on weekend benders and calls her for money.", "substance_use"),
        ("She believes someone spiked her; her drink was spiked at the club.", "substance_use"),
        ("He orders xanax online and takes them before shifts.", "substance_use"),
        (
            "She binges on bread and biscuits in secret, then skips two days of meals.",
            "eating_disorders",
        ),
        ("He describes muscle dysmorphia: the mirror never shows enough.", "eating_disorders"),
        ("She runs for an hour after every meal, even with a sprained ankle.", "eating_disorders"),
        ("Her teacher saw her throw away her packed lunch every day.", "eating_disorders"),
        ("An older boy had been touching her at the childminder's.", "sexual_violence"),
        ("She swallowed a whole packet of paracetamol after the phone call.", "suicide_self_harm"),
        ("He took about forty of his mother's amitriptyline that night.", "suicide_self_harm"),
    ],
)
def test_fifth_round_senses_by_class(text: str, category: str) -> None:
    assert category in warnings_called_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "We're updating our suicide prevention policy before the inspection.",
        "The elder abuse training module is due by Friday for all staff.",
        "A coalition on substance use treatment access is meeting downtown next week.",
        "Does the chapter on eating disorder criteria cover specifiers? For a CE quiz.",
        "The bereavement support group's flyer needs a new photo.",
        "I really shot myself in the foot agreeing to cover the Saturday clinic.",
        "She has been cutting back on coffee since the new year.",
        "She took twenty of the year nines to the science museum on Friday.",
        "He's two years clean of it now and runs the peer group: the urge to self-harm, that is.",
    ],
)
def test_fifth_round_mentions_that_need_no_warning_of_that_kind(text: str) -> None:
    found = warnings_called_for(text)
    assert "substance_use" not in found
    if "self-harm" not in text:
        assert found == []


def test_a_partners_weapon_is_no_partner_violence_but_a_partners_blow_is() -> None:
    assert "abuse" not in warnings_called_for(
        "Her boyfriend owns two guns and she asked whether that matters for the safety plan."
    )
    assert "abuse" in warnings_called_for("Her ex-husband stabbed her in the arm last spring.")


def test_each_training_writer_is_held_out_whole_when_thresholds_are_chosen() -> None:
    import numpy as np

    from moderation import warning_training

    data = warning_training.load_data()
    assert data.sources is not None
    fold = warning_training.fold_of_rows(data, folds=5, seed=0)
    sources = [data.sources[i] for i in np.flatnonzero(data.cross_validated)]
    writers = sorted({s for s in sources if s.startswith(warning_training.WRITER_PREFIX)})
    # Five training writers, and since stop 34 the 27 retired blind sets' writers.
    assert len(writers) == 34 and (fold >= 0).all()
    folds_of = {
        name: {f for f, s in zip(fold, sources, strict=True) if s == name} for name in writers
    }
    assert all(len(found) == 1 for found in folds_of.values())
    assert len(set().union(*folds_of.values())) == 5
    # Held-out-writer figures train without the file they score.
    left = warning_training.load_data(leave_out={writers[0]})
    assert left.sources is not None and writers[0] not in left.sources
    assert len(left.texts) == len(data.texts) - 170


@pytest.mark.parametrize(
    "text",
    [
        "Start by restricting time in bed to her average sleep, then widen it by 15 minutes.",
        "Sleep restriction is the hardest part of CBT-I for most of my clients.",
        "Have you tried restricting screen time after nine?",
        "He restricts caffeine to the morning now and falls asleep sooner.",
        "Our clinic restricts new intakes to two days a week.",
    ],
)
def test_restriction_of_something_other_than_food_is_no_eating_disorder(text: str) -> None:
    assert warnings_called_for(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "She has been restricting for months and her periods stopped.",
        "He restricts all day, then binges once his parents are asleep.",
        "She restricts fluids before weigh-ins so the number looks lower.",
    ],
)
def test_restricting_food_still_calls_for_an_eating_disorder_warning(text: str) -> None:
    assert "eating_disorders" in warnings_called_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can anyone recommend an eating disorders CE course for a new grad?",
        "The grief and bereavement CE webinar moved to Friday at noon.",
        "Mandated reporter training is due for every school-based clinician by June.",
        "Does your clinic run the C-SSRS screener at every primary care visit?",
        "Getting credentialed with that insurer is murder.",
        "That audit meeting absolutely killed me; I'm dead on my feet.",
    ],
)
def test_courses_trainings_tools_and_figures_of_speech_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


def test_a_positive_screen_with_the_clients_words_still_calls_for_a_warning() -> None:
    text = "C-SSRS screen positive today: she said she has been planning how to end her life."
    assert "suicide_self_harm" in warnings_called_for(text)


# Sixth warning round (from the retired 2026-12-06c/d/e sets, development): figures of
# speech, a topic named as a course's, credential's, form section's or interest group's,
# hospice staff at work, a relapse into restriction, drugged as an assault's means, and a gun
# kept as the means in a post about suicide.


@pytest.mark.parametrize(
    "text",
    [
        "Finally passed on the second attempt, so relieved I could cry.",
        "The audit prep this week, honestly it killed me.",
        "We keep beating a dead horse on the intake redesign.",
        "The snow day shot our whole week to pieces.",
        "The clinic is rising from the ashes after the merger.",
        "Is the suicide prevention CE the same as last year's?",
        "Our trauma special interest group is looking for a new chair.",
        "Does the addiction credential need supervised hours?",
        "The self-harm section of our intake form asks too much too soon.",
        "Anyone know a self-paced course on grief counseling under $100?",
        "My partner is a hospice chaplain who needs better boundaries with work email.",
    ],
)
def test_sixth_round_figures_and_administrative_mentions_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


def test_a_relapse_into_restriction_is_an_eating_disorder_not_substance_use() -> None:
    found = warnings_called_for("She relapsed back into restricting over the holidays.")
    assert "eating_disorders" in found
    assert "substance_use" not in found


def test_drugged_to_be_assaulted_is_not_substance_use_unless_drinking_is_named() -> None:
    spiked = "She was drugged at a work retreat and raped in her room; she reported it."
    at_a_bar = "She was drugged at a bar and raped; she had two drinks before that."
    assert "substance_use" not in warnings_called_for(spiked)
    assert "sexual_violence" in warnings_called_for(spiked)
    assert "substance_use" in warnings_called_for(at_a_bar)


def test_a_gun_as_the_means_in_a_post_about_suicide_is_not_violence() -> None:
    means = "He has suicidal thoughts and keeps a rifle in the closet; we talked about a lock box."
    attack = "He has suicidal thoughts and shot at his neighbour's dog with a rifle last night."
    assert warnings_called_for(means) == ["suicide_self_harm"]
    assert "violence" in warnings_called_for(attack)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Two of his friends took their own lives last spring.", "suicide_self_harm"),
        ("She says there is no reason to keep going like this.", "suicide_self_harm"),
        ("He has been carving into his forearms with a razor again.", "suicide_self_harm"),
        ("A stranger punched her in the jaw at the bus stop.", "violence"),
        ("He bragged that he put a guy in the hospital last summer.", "violence"),
        ("Her roommate grabbed her by the throat during the fight.", "violence"),
        ("He was beaten outside the shelter and lost two teeth.", "violence"),
        ("Says she gets zooted every night to sleep.", "substance_use"),
        ("He is using crystal most weekends now.", "substance_use"),
        (
            "Her brother keeps nodding off at dinner and there are burnt spoons in the bathroom.",
            "substance_use",
        ),
        ("Her ex forced himself on her after the party.", "sexual_violence"),
        ("Disclosed CSA by an uncle in the first session.", "sexual_violence"),
        ("Veteran with a history of MST from her first deployment.", "sexual_violence"),
        ("The father admitted shaking the baby when she would not settle.", "abuse"),
        ("She has been throwing up after meals since the move.", "eating_disorders"),
        ("The anniversary of her father's suicide is on Friday.", "death_grief"),
        ("His daughter's fatal overdose was in June.", "death_grief"),
    ],
)
def test_sixth_round_descriptions_call_for_their_category(text: str, category: str) -> None:
    assert category in warnings_called_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "Our agency runs MST for adolescents on probation; referrals welcome.",
        "The CSA for our county contract is due next week.",
        "She keeps the ice pack in the freezer for her migraines.",
    ],
)
def test_sixth_round_look_alikes_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Bulimia relapse after the move; she is purging daily again.", "substance_use"),
        ("Do your home-visit staff carry naloxone? Drafting our policy now.", "substance_use"),
        (
            "Thoughts on the new trial of ketamine for treatment-resistant depression?",
            "substance_use",
        ),
        ("Building a reading list on bereavement for my practicum students.", "death_grief"),
    ],
)
def test_set_24_look_alikes_do_not_call_that_category(text: str, absent: str) -> None:
    assert absent not in warnings_called_for(text)


def test_an_eating_disorder_relapse_is_an_eating_disorder() -> None:
    assert "eating_disorders" in warnings_called_for("Her anorexia relapse started in October.")


def test_hoarding_food_is_no_eating_disorder_cue_of_the_lexicon() -> None:
    # A child hoarding food is a sign of neglect and hunger; the model may still weigh it.
    from detectors.content_warnings import lexicon_categories

    text = "Foster teen hoards food in her closet after years of neglect."
    assert "eating_disorders" not in lexicon_categories(text)
    assert "abuse" in lexicon_categories(text)


# From the retired 2026-12-06f set (development), in this file's own wording.


@pytest.mark.parametrize(
    "text",
    [
        "I'd kill for a free Thursday afternoon this month.",
        "Took a 3-hour CE on suicide risk assessment with CAMS; recommend it.",
        "We're rolling out Zero Suicide across the health system next year.",
        "Is a substance use specialty worth adding to a small group practice?",
        "Looking for a recent book on grief theory for our reading group.",
    ],
)
def test_set_06f_administrative_and_figurative_mentions_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("He showed me an old knife wound from a fight at school.", "violence"),
        ("Her father went after them with a hammer during the episode.", "violence"),
        ("Her stepmother held a lit cigarette to her arm as punishment.", "abuse"),
        ("She has fresh cuts on her forearms again.", "suicide_self_harm"),
        ("She has been taking laxatives after every holiday dinner.", "eating_disorders"),
        ("He injects most days and wants help finding a syringe service program.", "substance_use"),
        ("He is tapering himself off Xanax with no doctor involved.", "substance_use"),
    ],
)
def test_set_06f_descriptions_call_for_their_category(text: str, category: str) -> None:
    assert category in warnings_called_for(text)


def test_an_assault_cue_after_sexual_violence_adds_no_violence() -> None:
    text = "MST: she was assaulted by two men in her unit and never reported it."
    found = warnings_called_for(text)
    assert "sexual_violence" in found and "violence" not in found


def test_a_child_beaten_with_a_belt_is_abuse_not_violence() -> None:
    found = warnings_called_for("As a child she was beaten with a belt for talking back.")
    assert "abuse" in found and "violence" not in found


# From the retired 2026-12-06g set (development), in this file's own wording.


@pytest.mark.parametrize(
    "text",
    [
        "Our firearms policy was updated: no weapons on the premises, signs at the door.",
        "Intake now includes firearm access screening for every adult client.",
        "My client, a comedian, said he killed at an open mic on Friday.",
        "I gave my first grand rounds talk and died up there.",
        "Trauma isn't my specialty, but I'm thinking of adding it as a practice area.",
    ],
)
def test_set_06g_administrative_and_figurative_mentions_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "He says the man at the party took advantage of her while she was drunk.",
            "sexual_violence",
        ),
        ("She is in the ED with the SANE nurse after the attack on the trail.", "sexual_violence"),
        ('Her uncle "did things" to her when she babysat for him.', "abuse"),
        ("Her grandfather used a wooden paddle on the kids every week.", "abuse"),
        ("He bragged about beating a man outside the club last spring.", "violence"),
        (
            "He said he won't be anyone's burden much longer and changed the subject.",
            "suicide_self_harm",
        ),
        ("She has binge episodes most nights after her shift.", "eating_disorders"),
        ("She keeps borrowing her roommate's Adderall before exams.", "substance_use"),
    ],
)
def test_set_06g_descriptions_call_for_their_category(text: str, category: str) -> None:
    assert category in warnings_called_for(text)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Her cousin died after taking pressed percs he bought online.", {"substance_use"}),
        ("A patient swung a chair at the charge nurse during rounds.", {"violence"}),
        (
            "A coach is accused of fondling students at the rec centre.",
            {"abuse", "sexual_violence"},
        ),
        ("He said he'd crash the car so it would look like an accident.", {"suicide_self_harm"}),
        ("Since the home invasion she sleeps with the lights on.", {"violence"}),
        ("She said she would rather die than go back up to her old weight.", {"suicide_self_harm"}),
        (
            "Snorting her brother's Adderall to kill her appetite before meets.",
            {"eating_disorders"},
        ),
        ("Buying his classmate's Vyvanse before every exam.", {"substance_use"}),
        ("AUDIT of 31 at the first visit.", {"substance_use"}),
        ("A handle every night, more on weekends.", {"substance_use"}),
        ("He keeps pulling out his own sutures after every repair.", {"suicide_self_harm"}),
        (
            "Intentional ibuprofen ingestion last night; medically cleared now.",
            {"suicide_self_harm"},
        ),
        ("Her ex slashed her tires twice this month.", {"abuse", "violence"}),
        ("Her boyfriend slammed her onto the floor.", {"abuse", "violence"}),
        (
            "She says her husband forced sex on her after the baby came.",
            {"abuse", "sexual_violence"},
        ),
        (
            "A memory-care resident was sexually assaulted by an overnight aide.",
            {"abuse", "sexual_violence"},
        ),
        (
            "Used his entire stash in one go and says he meant to.",
            {"substance_use", "suicide_self_harm"},
        ),
    ],
)
def test_seventh_round_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


def test_keeping_naloxone_on_site_is_policy_not_substance_use() -> None:
    text = "Our board asked for written policy on keeping naloxone at the front desk."
    assert "substance_use" not in warnings_called_for(text)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("She swallowed all of a pack of her Benadryl at school.", {"suicide_self_harm"}),
        ("Her stepdad has been coming into her room at night.", {"abuse", "sexual_violence"}),
        (
            "A 14-year-old is being extorted for more photos by an online friend.",
            {"abuse", "sexual_violence"},
        ),
        (
            "Parents lost their 6-year-old to leukemia and now argue about keeping her room.",
            {"death_grief"},
        ),
        ("She's on dab pens from the moment she wakes up.", {"substance_use"}),
        ("Mom drinks and then rages at the kids until midnight.", {"substance_use"}),
        ("Dad pointed it at the neighbor during the argument.", {"violence"}),
        ("She told me she walked into a door again; her husband waits outside.", {"abuse"}),
    ],
)
def test_seventh_round_2026_12_07b_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Our whole team is doing a grief-informed CE series this spring.", "death_grief"),
        ("The commute on 405 killed me today, sorry for starting late.", "violence"),
        ("A nursing home aide yanked her arm and slapped her hand.", "violence"),
        ("He was found with a belt knotted around his neck in the closet.", "abuse"),
    ],
)
def test_seventh_round_2026_12_07b_look_alikes_do_not_call_that_category(
    text: str, absent: str
) -> None:
    assert absent not in warnings_called_for(text)


def test_an_adult_son_who_is_his_fathers_carer_and_shoves_him_is_violence_too() -> None:
    text = "Her adult son, who is his father's caregiver, shoved him into a wall last week."
    assert {"violence"} <= set(warnings_called_for(text))


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("There were bruises around her neck after the argument with her husband.", {"violence"}),
        (
            "Officers cut him down from the bunk within a minute; he's on watch now.",
            {"suicide_self_harm"},
        ),
        ("She'd rather die than be weighed again, she told the dietitian.", {"suicide_self_harm"}),
        ("He keeps reopening his stitched wrist wound in the bathroom.", {"suicide_self_harm"}),
        ("Keeps cutting her hips under her uniform.", {"suicide_self_harm"}),
        (
            "A 14-year-old swallowed her dad's propranolol after a fight with her girlfriend.",
            {"suicide_self_harm"},
        ),
        (
            "His wife found him in the garage with the engine running.",
            {"suicide_self_harm", "death_grief"},
        ),
        ("Freshman brought in after drinking games, BAC 0.31 on arrival.", {"substance_use"}),
        ("He's injecting crushed Opana again despite the endocarditis.", {"substance_use"}),
        ("An aide was seen striking a resident in the dementia wing.", {"abuse"}),
        ("Her son keeps her sedated with extra quetiapine so she stays in bed.", {"abuse"}),
        ("A toddler with genital bruising was seen in the ED overnight.", {"sexual_violence"}),
        ("She was trafficked as a teen and now flinches at motels.", {"abuse", "sexual_violence"}),
        (
            "The oncology nurse lost four patients this week and can't feel anything.",
            {"death_grief"},
        ),
        (
            "A distance runner with no period for a year insists she is just fit.",
            {"eating_disorders"},
        ),
        ("He held a gun to her head in front of the kids.", {"abuse", "violence"}),
    ],
)
def test_seventh_round_2026_12_07c_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Her husband was shot in a robbery at his store; she testifies next month.", "abuse"),
        ("The board wants 2 hours of suicide-prevention CE this cycle.", "suicide_self_harm"),
        ("Our hospice volunteers need a refresher on self-care.", "death_grief"),
        ("Curriculum question for a 6-week teen grief group: open or structured?", "death_grief"),
        ("We are updating our policy on documenting substance use in the EHR.", "substance_use"),
        ("These billing rules are strangling the life out of our practice.", "violence"),
        ("Any outcome measures for a hospice bereavement program?", "death_grief"),
        ("He held a gun to his own head that night and called his sister.", "abuse"),
    ],
)
def test_seventh_round_2026_12_07c_look_alikes_do_not_call_that_category(
    text: str, absent: str
) -> None:
    assert absent not in warnings_called_for(text)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        (
            "Says there's no point in being here anymore, then changed the subject.",
            {"suicide_self_harm"},
        ),
        (
            "She's been trying to disappear, she says, and eats almost nothing.",
            {"suicide_self_harm"},
        ),
        ("Took his mom's pills at the party to see if he'd wake up.", {"suicide_self_harm"}),
        ("EMS found him with a cut wrist in the bathroom; he's in surgery.", {"suicide_self_harm"}),
        (
            "He's been drinking and cleaning his rifle every night this week.",
            {"substance_use", "suicide_self_harm"},
        ),
        ("She only drinks on an empty stomach so it hits faster.", {"substance_use"}),
        ("He blacked out three weekends running and was found in a stairwell.", {"substance_use"}),
        ("She's ordering diet pills online again.", {"eating_disorders"}),
        ("At 91 she has outlived all of her children.", {"death_grief"}),
        ("She described what the soldiers did to the women in her village.", {"sexual_violence"}),
        ("A 4-year-old was found alone at home for three days.", {"abuse"}),
        ("He keeps threatening his wife with a knife in front of the kids.", {"abuse", "violence"}),
        ("A caregiver at the group home was filmed pinching and slapping residents.", {"abuse"}),
    ],
)
def test_seventh_round_2026_12_07d_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Building a reading list on grief and loss theory for our CE committee.", "death_grief"),
        pytest.param(
            "She buys diet pills online every month.",
            "substance_use",
            # Models 2026.12.07-2 to 2026.12.08-1 (with the -07l to -07s writers) add substance
            # use to the eating-disorder call here: a known regression of one row, kept visible.
            marks=pytest.mark.xfail(
                strict=True, reason="2026.12.07-2 to 2026.12.08-1 add substance_use"
            ),
        ),
    ],
)
def test_seventh_round_2026_12_07d_look_alikes_do_not_call_that_category(
    text: str, absent: str
) -> None:
    assert absent not in warnings_called_for(text)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        (
            "She wants the NG tube out and says she'll eat when the voice allows it.",
            {"eating_disorders"},
        ),
        ("A 15-year-old is being sold at motels by an older 'boyfriend'.", {"sexual_violence"}),
        (
            "A coworker was caught touching a nonverbal resident sexually.",
            {"abuse", "sexual_violence"},
        ),
        ("He filmed his friends stomping another kid behind the gym.", {"violence"}),
        ("A teacher had a chair thrown at her by a student; concussion.", {"violence"}),
        ("He says he'll put him in the ground if the dog barks again.", {"violence"}),
        ("He is parked outside his ex's apartment with a baseball bat.", {"abuse", "violence"}),
        ("She drank a cup of bleach after the breakup and is in the PICU.", {"suicide_self_harm"}),
        ("Staff found a noose made from sheets in his closet.", {"suicide_self_harm"}),
        ("He mentioned a plan for the barn if the bank calls the loan.", {"suicide_self_harm"}),
        (
            "Shot up twice his usual amount on purpose after she left.",
            {"substance_use", "suicide_self_harm"},
        ),
        ("A burn on her palm shaped like a stove coil, and grandma says she learned.", {"abuse"}),
        (
            "He keeps hearing the machines the night they withdrew life support from his son.",
            {"death_grief"},
        ),
        ("The shelter lost two men this winter to bad dope.", {"death_grief", "substance_use"}),
        ("Our outreach worker got punched in the face by a client in psychosis.", {"violence"}),
    ],
)
def test_seventh_round_2026_12_07e_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Our eating disorder IOP just earned CARF accreditation!", "eating_disorders"),
        ("Free grief-literacy webinar for school staff next week.", "death_grief"),
        ("I overdosed on conference coffee and can't sleep, lol.", "substance_use"),
    ],
)
def test_seventh_round_2026_12_07e_look_alikes_do_not_call_that_category(
    text: str, absent: str
) -> None:
    assert absent not in warnings_called_for(text)


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        (
            "After the eviction notice she downed a handful of her roommate's lorazepam.",
            {"suicide_self_harm"},
        ),
        (
            "Hospice nurse found him stockpiling his morphine in a sock drawer.",
            {"suicide_self_harm"},
        ),
        ("She took a box cutter to her thighs after the custody ruling.", {"suicide_self_harm"}),
        ("He told me he'd rather simply cease to exist than go back.", {"suicide_self_harm"}),
        ("Skeletal survey showed fractures at varying stages of healing.", {"abuse"}),
        ("ER noted bruising in multiple stages of healing on the toddler's back.", {"abuse"}),
        ("Grandma locks the 6-year-old in the basement when he wets the bed.", {"abuse"}),
        ("Daycare worker seen holding a blanket over the infant's face.", {"abuse"}),
        (
            "Scald marks on his hands from his stepdad's iron, the school nurse says.",
            {"abuse"},
        ),
        pytest.param(
            "Resident shoved an aide into the doorframe during a shower.",
            {"violence"},
            # Models 2026.12.07-1 to -4 called this abuse only; -5 (with the -07p/-07q writers)
            # called violence; 2026.12.08-1 (with the -07r/-07s writers, whose carers shoving
            # an old parent are abuse) calls it abuse again: one care-home row, kept visible.
            marks=pytest.mark.xfail(strict=True, reason="2026.12.08-1 calls it abuse only"),
        ),
        ("Her brother broke her wrist during the argument over the car.", {"violence"}),
        ("The loan shark's guys fractured his jaw in the parking lot.", {"violence"}),
        (
            "Third trimester, and she is eating laundry starch by the box again.",
            {"eating_disorders"},
        ),
        ("Pica in a 9-year-old with autism: drywall and paper.", {"eating_disorders"}),
        (
            "A camp counselor made him take off his shorts 'to check for ticks'.",
            {"sexual_violence"},
        ),
    ],
)
def test_eighth_round_2026_12_07f_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


# Ninth round (stop 36): classes from the retired 2026-12-07n and -07o writers, in our own
# wording, each beside a look-alike.
@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("Says he gets violent when he's drinking and broke a door last month.", {"substance_use"}),
        ("Her dad has blackouts whenever he's using, then can't work.", {"substance_use"}),
        ("She's been drinking vodka alone every night since the layoff.", {"substance_use"}),
        ("He needs an eye-opener before his shift most days now.", {"substance_use"}),
        ("The supply here is cut with xylazine; two clients have wounds.", {"substance_use"}),
        ("Uncle gives the kids edibles so they'll sleep through his parties.", {"substance_use"}),
        (
            "Rancher mentioned he isn't planning on being around for calving season.",
            {"suicide_self_harm"},
        ),
        ("Found a goodbye note in her backpack during the search.", {"suicide_self_harm"}),
        (
            "Ever since her mother passed she keeps saying she wants to join her.",
            {"suicide_self_harm"},
        ),
        ("He told me he'd turn the rifle on himself if they foreclose.", {"suicide_self_harm"}),
        ("Their apartment got shot up in October and the boy won't sleep alone.", {"violence"}),
        ("As a child he watched his uncle get executed at a checkpoint.", {"violence"}),
        ("Her stepmom made her weigh in every morning before school.", {"abuse"}),
        ("Crew members had their wages withheld and passports taken by the recruiter.", {"abuse"}),
        ("She won't talk about what the guards did to her in detention.", {"sexual_violence"}),
    ],
)
def test_ninth_round_descriptions_call_for_their_categories(
    text: str, categories: set[str]
) -> None:
    assert categories <= set(warnings_called_for(text))


@pytest.mark.parametrize(
    "text",
    [
        "That audit absolutely destroyed me, but we passed.",
        "Honestly my old supervisor would have killed for an EHR this clean.",
        "Our softball team got crushed Saturday night, a good laugh though.",
        "That keynote knocked me out, I have pages of notes.",
        "The hotspot keeps dying halfway through telehealth sessions.",
        "His wife jokes that he gets mean when he's hungry before dinner.",
    ],
)
def test_ninth_round_look_alikes_call_for_nothing(text: str) -> None:
    assert warnings_called_for(text) == []


# Tenth round (stop 38): classes from the retired -07r/-07s writers, in wording of our own.
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Her 17yo does dabs before first period most days.", "substance_use"),
        ("He says he's shooting up in the truck before work now.", "substance_use"),
        ("They were both completely hammered when the argument started.", "substance_use"),
        ("Gang members shot up the front of her grandmother's house.", "violence"),
        ("Her ex set the trailer on fire while the kids were at school.", "violence"),
        ("On the unit he went after a nurse and needed a hold.", "violence"),
        ("Her brother never made it out of the river after the flood.", "death_grief"),
        ("Dad nodded off on pills with the toddler in the bath.", "abuse"),
    ],
)
def test_tenth_round_descriptions_call_for_their_category(text: str, category: str) -> None:
    assert category in lexicon_categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "She went after the promotion and got it, so proud of her.",
        "I didn't make it out of the staff meeting until six.",
        "My son shot up two inches over the summer.",
        "We wasted the first half of supervision on scheduling.",
        "She's been dabbling in watercolour as a coping skill.",
    ],
)
def test_tenth_round_look_alikes_call_for_nothing(text: str) -> None:
    assert lexicon_categories(text) == []
