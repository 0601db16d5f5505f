"""Generate synthetic training and held-out texts for the content-warning model (issue 20).

    .venv/bin/python scripts/generate_warning_synthetic.py

Clinician-register sentences built from frames ("Client disclosed that ...", "Consulting
on a case where ...") around events written for this project, each event labelled with
the content warnings it calls for: abuse and sexual violence described without the
obvious keywords (clinical paraphrase, euphemism), intentional overdoses (self-harm;
substance use too only when alcohol or drugs of abuse are taken), self-harm and suicide
described indirectly, eating disorders, violence, death and grief; and texts that call for
none: figurative violence and death words ("killed it", "shot down", "the battery died"),
everyday practice talk and clinical denials.

Events come in families. The DEVELOPMENT families go to
moderation/data/content_warnings_train_synthetic.tsv, which `make train` trains on. The
HELD-OUT families (other wording, other frames, written at the same time, never trained
on and never used to change a rule) go to
moderation/data/content_warnings_dev_synthetic_heldout.tsv, which `evaluate_screening`
reads as development data (one author wrote both, so it is not a blind set).

Deterministic: a fixed seed.
"""

from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "moderation" / "data"
TRAIN_PATH = DATA / "content_warnings_train_synthetic.tsv"
HELDOUT_PATH = DATA / "content_warnings_dev_synthetic_heldout.tsv"

SUI, ABU, SEX, SUB, EAT, VIO, DTH = (
    "suicide_self_harm",
    "abuse",
    "sexual_violence",
    "substance_use",
    "eating_disorders",
    "violence",
    "death_grief",
)

# (subject, object, possessive, reflexive)
PEOPLE = [
    ("she", "her", "her", "herself"),
    ("he", "him", "his", "himself"),
    ("they", "them", "their", "themselves"),
]
PERPETRATORS = [
    "her stepfather",
    "his uncle",
    "a family friend",
    "her mother's boyfriend",
    "an older cousin",
    "a neighbour",
    "his coach",
    "the babysitter",
    "her grandfather",
    "a youth leader",
    "his older brother",
    "a teacher",
    "her foster father",
    "a priest",
    "his stepmother",
]
CARERS = [
    "her mother",
    "his father",
    "their parents",
    "the stepmother",
    "her grandmother",
    "the foster parents",
    "his dad",
    "the caregiver",
    "her aunt",
]
PARTNERS = ["her husband", "his wife", "her boyfriend", "their partner", "her ex", "his girlfriend"]

FRAMES_DEV = [
    "{e}.",
    "Client disclosed that {e}.",
    "In session today she shared that {e}.",
    "Consulting on a case where {e}. How would you pace this?",
    "Intake note: {e}.",
    "He told me, almost in passing, that {e}.",
    "My supervisee has a client who says {e}.",
    "Looking for thoughts: {e}, and the client is now asking to talk about it.",
    "Background: {e}. The referral is for trauma work.",
    "The family reported that {e}.",
]
FRAMES_HELDOUT = [
    "Quick consult, details changed: {e}.",
    "At the second session the client mentioned that {e}.",
    "Per the school counsellor's referral, {e}.",
    "Anyone have resources? {e}.",
    "History is significant in that {e}.",
]

# --- events: (template, categories). {s} {o} {p} {r}: a person; {x}: a perpetrator;
# {c}: a carer; {w}: a partner.
DEV: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "abuse_neglect": [
        (
            "{c} kept {o} home from school to look after the younger kids and rarely fed them",
            (ABU,),
        ),
        ("{c} made {o} sleep outside on the porch as punishment", (ABU,)),
        ("{c} would refuse {o} dinner for days when grades slipped", (ABU,)),
        ("as a child {s} was left to fend for {r} for weeks at a time", (ABU,)),
        ("{c} called {o} stupid and useless every single day growing up", (ABU,)),
        ("{c} would lock the fridge and the kids went hungry", (ABU,)),
        ("{c} never took {o} to a doctor, even with a broken arm", (ABU,)),
        ("the home had no running water and the toddler was found in a filthy crib", (ABU,)),
        ("{c} threatened to send {o} away if {s} told anyone about home", (ABU,)),
        ("{c} humiliated {o} in front of relatives and made {o} beg for forgiveness", (ABU,)),
        ("the aide at the care home stole residents' money and left them unwashed", (ABU,)),
        ("{p} son has been draining {p} savings and keeping {o} from seeing the grandkids", (ABU,)),
        ("{w} checks {p} phone every night and decides who {s} may see", (ABU,)),
        ("{w} took away {p} car and bank card and calls {o} worthless", (ABU,)),
        ("{w} tracks {p} location and cuts {o} off from friends", (ABU,)),
        ("{c} punished {o} by making {o} kneel for hours", (ABU,)),
        ("{c} left the children alone overnight while out partying", (ABU,)),
        ("the caseworker found the children underweight and covered in sores", (ABU,)),
    ],
    "abuse_physical": [
        ("{c} hit {o} with whatever was at hand when {s} cried", (ABU,)),
        ("{c} used to slam {o} against the wall when angry", (ABU,)),
        ("{w} shoved {o} down the stairs during a fight", (ABU, VIO)),
        ("{w} grabbed {o} by the neck and squeezed until {s} nearly passed out", (ABU, VIO)),
        ("{w} threw a plate at {o} and {s} needed stitches", (ABU, VIO)),
        ("{c} burned {o} with a hot iron when {s} was small", (ABU,)),
        ("{w} hurts {o} when drinking and {s} covers the marks with makeup", (ABU, VIO)),
        ("{c} would whip the kids with a cord", (ABU,)),
        ("the nurse found handprint marks on the toddler's back", (ABU,)),
    ],
    "sexual_abuse_child": [
        ("{x} would come into {p} bedroom at night when {s} was a child", (ABU, SEX)),
        (
            "{x} touched {o} in ways {s} now understands were not okay, starting at age eight",
            (ABU, SEX),
        ),
        ("{x} made {o} keep a secret about what they did together when {s} was little", (ABU, SEX)),
        ("{x} showed {o} pornography and then asked {o} to copy it, when {s} was ten", (ABU, SEX)),
        ("{x} groomed {o} online for months before arranging to meet", (ABU, SEX)),
        (
            "{x} gave {o} presents and special attention, then started asking for things in return",
            (ABU, SEX),
        ),
        ("{x} used to bathe with {o} long after {s} was old enough to bathe alone", (ABU, SEX)),
        ("{x} took photos of {o} undressed when {s} was twelve", (ABU, SEX)),
        ("{x} sent {o} sexual messages when {s} was fourteen", (ABU, SEX)),
        ("{x} made {o} sit on his lap and put his hand under {p} clothes", (ABU, SEX)),
    ],
    "sexual_violence_adult": [
        (
            "someone slipped something into {p} drink and {s} woke up undressed in a strange room",
            (SEX,),
        ),
        ("{s} said no several times and the man did not stop", (SEX,)),
        ("a date pinned {o} down and had sex with {o} after {s} told him to stop", (SEX,)),
        ("{w} pressures {o} into sex whenever {s} is exhausted and says it is {p} duty", (SEX,)),
        ("{s} was too intoxicated to agree and a classmate had sex with {o} anyway", (SEX,)),
        ("a coworker grabbed {p} breasts in the break room", (SEX,)),
        ("a stranger followed {o} into the stairwell and forced {o} to perform oral sex", (SEX,)),
        ("the landlord demanded sex in exchange for rent", (SEX,)),
        ("{p} ex shared intimate photos of {o} without asking", (SEX,)),
        ("a man exposed himself to {o} on the train and masturbated", (SEX,)),
        ("{s} was forced to sell sex by a man who held {p} ID", (SEX,)),
        (
            "a doctor did an exam that went far beyond what was needed and touched {p} genitals",
            (SEX,),
        ),
    ],
    "overdose_intentional": [
        ("{s} took all of {p} prescribed pills at once to die", (SUI,)),
        ("{s} swallowed a full bottle of painkillers meaning to end it", (SUI,)),
        ("the overdose last month was a suicide attempt, not an accident", (SUI,)),
        ("{s} overdosed on {p} antidepressants on purpose after the breakup", (SUI,)),
        ("{s} intentionally took too much of {p} insulin", (SUI,)),
        ("{s} downed a bottle of sleeping tablets with whiskey hoping not to wake", (SUI, SUB)),
        ("{s} tried to overdose on heroin because {s} wanted to die", (SUI, SUB)),
        ("{s} saved up {p} lithium for weeks and then took it all", (SUI,)),
        ("{s} took a massive dose of tylenol deliberately", (SUI,)),
    ],
    # An overdose that was not intentional is substance use only.
    "overdose_accidental": [
        ("{s} overdosed on fentanyl at a party and was revived with naloxone", (SUB,)),
        ("{s} accidentally overdosed after mixing pills and alcohol", (SUB,)),
        ("{s} overdosed last year and has been in treatment since", (SUB,)),
        ("after {p} overdose {s} went straight to detox", (SUB,)),
        ("{s} has overdosed twice on heroin, both times by accident", (SUB,)),
        ("{s} overdosed on pills {s} thought were oxycodone but were laced", (SUB,)),
        ("{s} overdosed last month and spent two nights in the hospital", (SUB,)),
        ("{s} overdosed in a bathroom at work and a coworker found {o}", (SUB,)),
        ("{p} brother overdosed in the spring and survived", (SUB,)),
        ("{s} nearly overdosed on a new batch of heroin", (SUB,)),
        ("{s} overdosed after a long period clean, when {p} tolerance was low", (SUB,)),
        ("the overdose was accidental: {s} misjudged how strong the batch was", (SUB,)),
        ("{s} overdosed at a concert on something a stranger sold {o}", (SUB,)),
        ("{s} is in the ICU after an overdose on street pills", (SUB,)),
    ],
    "self_harm_indirect": [
        ("{s} has been burning {p} skin with cigarettes", (SUI,)),
        ("{s} has marks on {p} wrists that {s} hides under long sleeves", (SUI,)),
        ("{s} told a friend {s} was planning to be gone before spring", (SUI,)),
        ("{s} wrote a note and drove to the lake last week", (SUI,)),
        ("{s} looked up how high a bridge needs to be", (SUI,)),
        ("{s} bought a gun last week and says {s} is done fighting", (SUI,)),
        ("{s} tied a cord around {p} neck in the closet before {p} roommate walked in", (SUI,)),
        ("{s} keeps saying everyone would be happier if {s} disappeared for good", (SUI,)),
        ("{s} has started saying goodbye to people and giving away {p} things", (SUI,)),
        ("{s} scratches {p} arms with a razor blade when overwhelmed", (SUI,)),
        ("{s} punches walls until {p} knuckles bleed to calm down", (SUI,)),
    ],
    "substance": [
        ("{s} is drinking most of a bottle of vodka every night", (SUB,)),
        ("{s} has been buying pills off the street since the prescription ran out", (SUB,)),
        ("{s} is back on heroin after eight months clean", (SUB,)),
        ("{s} uses meth to stay awake for work", (SUB,)),
        ("{s} smokes weed all day and can't stop", (SUB,)),
        ("{s} passes out drunk most weekends", (SUB,)),
        ("{s} has been taking a friend's Adderall to study", (SUB,)),
        ("{s} goes through several boxes of wine a week", (SUB,)),
        ("{s} is in recovery from alcohol and just had a slip", (SUB,)),
    ],
    "eating": [
        ("{s} has been skipping meals and lost a dangerous amount of weight", (EAT,)),
        ("{s} throws up after dinner most nights", (EAT,)),
        ("{s} exercises for hours to burn off anything {s} eats", (EAT,)),
        ("{s} is terrified of gaining a single pound", (EAT,)),
        ("{s} eats huge amounts in secret and then feels disgusted", (EAT,)),
        ("{s} lives on black coffee and a few bites of fruit", (EAT,)),
        ("{s} hasn't had a period in months because of how little {s} eats", (EAT,)),
    ],
    "violence": [
        ("{s} watched a man get beaten with a pipe outside {p} building", (VIO,)),
        ("someone pulled a gun on {o} during a robbery", (VIO,)),
        ("{s} was mugged and knocked unconscious", (VIO,)),
        ("{s} has intrusive images of hurting {p} coworker", (VIO,)),
        ("{s} got into a fight and put a man in the hospital", (VIO,)),
        ("there was a shooting at {p} school last year", (VIO,)),
        ("{s} was slashed with a box cutter on the subway", (VIO,)),
        ("{s} saw combat and still hears the explosions", (VIO,)),
        # "Assaulted" without a sexual context is violence, not sexual violence.
        ("{s} was assaulted outside a bar and needed stitches", (VIO,)),
        ("{s} was assaulted by a stranger who took {p} wallet", (VIO,)),
        ("a patient assaulted {o} on the ward and broke {p} nose", (VIO,)),
        ("{s} was assaulted at a bus stop and has been afraid to go out since", (VIO,)),
    ],
    "killed": [
        ("{p} brother was shot dead outside a store", (VIO, DTH)),
        ("{p} father was killed in a road-rage attack", (VIO, DTH)),
        ("{p} best friend was stabbed to death", (VIO, DTH)),
        ("{p} partner was murdered two years ago", (VIO, DTH)),
    ],
    "grief": [
        ("{p} mother passed away last month", (DTH,)),
        ("{p} husband died suddenly of a heart attack", (DTH,)),
        ("{s} lost {p} baby at twenty weeks", (DTH,)),
        ("{s} is grieving {p} father and can't sleep", (DTH,)),
        ("{p} grandmother is dying in hospice", (DTH,)),
        ("the funeral was last week and {s} feels numb", (DTH,)),
        ("{s} visits {p} son's grave every Sunday", (DTH,)),
        ("{p} twin died in a car accident", (DTH,)),
        ("{s} has a terminal diagnosis and wants to talk about dying", (DTH,)),
        # A death in an accident is grief, not violence.
        ("{p} brother was killed in a car crash on the interstate", (DTH,)),
        ("{p} father was killed in an accident at the plant", (DTH,)),
        ("{p} daughter was killed when a truck ran a red light", (DTH,)),
        ("{p} best friend was killed in a climbing accident", (DTH,)),
    ],
    "suicide_death": [
        ("{p} brother died by suicide last year", (SUI, DTH)),
        ("{p} father took his own life when {s} was a teenager", (SUI, DTH)),
        ("{p} friend killed herself and {s} found the note", (SUI, DTH, VIO)),
    ],
    "overdose_death": [
        ("{p} son died of a fentanyl overdose", (SUB, DTH)),
        ("{p} sister drank herself to death", (SUB, DTH)),
    ],
}

HELDOUT: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "abuse": [
        ("{c} made {o} eat from the dog's bowl when {s} misbehaved", (ABU,)),
        ("{c} would disappear for days and leave {o} in charge of a baby", (ABU,)),
        ("{w} reads every message, controls the money and mocks {o} in front of friends", (ABU,)),
        ("{c} shaved {p} head as a punishment", (ABU,)),
        ("{c} slapped {o} across the face so hard {p} ear rang", (ABU,)),
        ("{w} choked {o} until {s} blacked out", (ABU, VIO)),
    ],
    "sexual": [
        ("{x} would climb into {p} bed when everyone else was asleep, from age seven", (ABU, SEX)),
        ("{x} told {o} that touching was their special game", (ABU, SEX)),
        ("{s} blacked out at a party and woke to a stranger undressing {o}", (SEX,)),
        ("{p} boss forced himself on {o} after a work dinner", (SEX,)),
        ("a man held {o} down in a car and {s} could not get away", (SEX,)),
    ],
    "overdose": [
        ("{s} took every pill in the cabinet because {s} couldn't go on", (SUI,)),
        ("{s} deliberately swallowed {p} whole supply of seroquel", (SUI,)),
        ("the poisoning with {p} mother's pills was on purpose", (SUI,)),
    ],
    "self_harm": [
        ("{s} has been cutting {p} thighs with a kitchen knife", (SUI,)),
        ("{s} has a plan and a date, and has written to each of {p} kids", (SUI,)),
        ("{s} stood on a rooftop last night thinking about stepping off", (SUI,)),
    ],
    "other": [
        ("{s} overdosed by accident on a pill that turned out to contain fentanyl", (SUB,)),
        ("{s} drinks until {s} blacks out most nights", (SUB,)),
        ("{s} snorts cocaine before every shift", (SUB,)),
        ("{s} purges after meals and weighs {r} ten times a day", (EAT,)),
        ("{s} was beaten by a group of men on the way home", (VIO,)),
        ("{p} wife died after a long illness", (DTH,)),
        ("{p} son was shot and killed at a party", (VIO, DTH)),
    ],
}

NONE_DEV = [
    "Our group facilitator absolutely killed it at the conference.",
    "The presenter killed it yesterday; the room loved her.",
    "You are killing it with these handouts.",
    "The board shot down my proposal for evening hours.",
    "My idea got shot down again at the team meeting.",
    "Scores shot up after we changed the intake order.",
    "Referrals shot up this quarter.",
    "Happy to take a shot at answering this one.",
    "Give it a shot and tell us how it goes.",
    "My laptop battery died mid-session.",
    "The printer died again, so notes are late.",
    "The old EHR finally died and nobody misses it.",
    "That policy is dead in the water.",
    "The proposal died in committee.",
    "This paperwork will be the death of me.",
    "I'm dying to know what others charge for a missed session.",
    "Dead tired after back-to-back intakes.",
    "She's a dead ringer for my old clinical director.",
    "We beat the filing deadline by a day.",
    "The audit is beating me down, honestly.",
    "Billing is a battle every month.",
    "The team fought hard for parity coverage.",
    "Fire away with questions about the group.",
    "I bombed my licensing exam the first time.",
    "The workshop was a blast.",
    "We knocked out the backlog of notes this week.",
    "The budget cuts axed our outreach program.",
    "The committee killed our claim on a technicality; we are appealing.",
    "Low attendance killed the Tuesday group.",
    "Let's not beat a dead horse about the schedule.",
    "My inbox exploded after the newsletter.",
    "The kids were bouncing off the walls after the holiday party.",
    "Pull the trigger on the new scheduling software already.",
    "That webinar was a bullet-point marathon.",
    "Our caseload is crushing us but the team is great.",
    "Kudos to everyone who crushed the CEU deadline.",
    "I'm grieving the end of my favourite podcast, lol.",
    "The supervisor's feedback stung, but it was fair.",
    "She fought off a cold all week and still saw clients.",
    "Target the cognitive distortions first; then the behaviours.",
    "We'll attack the waitlist problem next quarter.",
    "Client reports a good week: sleeping well, eating well, back at the gym.",
    "Denies SI/HI; no history of abuse or substance use.",
    "No trauma history reported; presenting concern is work stress.",
    "She drinks socially, a glass of wine at dinner on weekends.",
    "He takes his medication as prescribed and reports no side effects.",
    "Looking for a CBT workbook for adolescents with social anxiety.",
    "Does anyone have a template for a sliding-scale agreement?",
    "Reminder: the peer consultation group meets Thursday at noon.",
    "Our practice is hiring a part-time LCSW.",
    "The client is excited about a new job and wants to end therapy in a month.",
    "What is everyone's favourite intake questionnaire?",
    "She lost her keys and her phone in the same week.",
    "He lost his job in March and is looking for work.",
    "We passed the audit with no findings.",
    "Her grandmother is visiting for the holidays and she's looking forward to it.",
    "The couple argued about chores but both want to work on communication.",
    "She had a fight with her sister over text, then they made up.",
    "My son beat me at chess again.",
    "The shot clock on insurance appeals is brutal.",
    "The client is a nurse who gives flu shots at the clinic.",
    "Drinking water and walking helped his headaches.",
    "The bar exam is in July and he's anxious about it.",
    "Trauma-informed care training: register by Friday.",
    "He talks about his father warmly; they fish together every summer.",
    "She's a survivor of a tough job market, not of anything worse.",
    "We killed some time before the training with coffee.",
]
NONE_HELDOUT = [
    "Honestly you nailed it, that talk slayed.",
    "My pitch for a new group got torpedoed by finance.",
    "The server crashed and took our scheduling with it.",
    "That suggestion was murdered by the committee, sadly.",
    "Admissions numbers shot through the roof this month.",
    "He took a wild shot at the answer and got it right.",
    "I'd kill for a quiet afternoon to finish notes.",
    "The plan was dead on arrival at the board.",
    "Her phone died during the telehealth call, so we rescheduled.",
    "Client says work is fine, sleep is fine, and she is enjoying her new puppy.",
    "Denies suicidal ideation, denies substance use, no trauma history.",
    "We fought the insurer for weeks and finally won the appeal.",
]


# Everyday practice questions, generated: "clients who want to ..." is not a warning.
NONE_QUESTIONS_DEV = [
    "How do you handle clients who {b}?",
    "What do you do when a client {b2}?",
    "Any tips for working with teens who {b}?",
    "I have a client who {b2}; how would you respond?",
]
NONE_QUESTIONS_HELDOUT = [
    "Does anyone else see clients who {b}?",
    "My newest client {b2}. Thoughts?",
]
BEHAVIOURS = [
    ("want to text between sessions", "wants to text between sessions"),
    ("show up late every week", "shows up late every week"),
    ("want to end therapy early", "wants to end therapy early"),
    ("bring their kids to session", "brings her kids to session"),
    ("ask personal questions", "asks personal questions"),
    ("want a hug at the end", "wants a hug at the end"),
    ("want to pay in cash", "wants to pay in cash"),
    ("forget their homework", "forgets his homework"),
    ("want to record sessions", "wants to record sessions"),
    ("cancel at the last minute", "cancels at the last minute"),
    ("want to be friends on social media", "wants to be friends on social media"),
    ("talk nonstop about work", "talks nonstop about work"),
    ("want to dye their hair before the wedding", "wants to dye her hair for the wedding"),
    ("go quiet for the whole hour", "goes quiet for the whole hour"),
    ("want to switch to telehealth", "wants to switch to telehealth"),
    ("want a letter for their landlord", "wants a letter for her landlord"),
]


def _questions(templates: list[str], behaviours: list[tuple[str, str]]) -> list[str]:
    return [t.format(b=b, b2=b2) for t in templates for b, b2 in behaviours]


def _fill(template: str, rng: random.Random) -> str:
    s, o, p, r = rng.choice(PEOPLE)
    text = template.format(
        s=s,
        o=o,
        p=p,
        r=r,
        x=rng.choice(PERPETRATORS),
        c=rng.choice(CARERS),
        w=rng.choice(PARTNERS),
    )
    return text


def _rows(
    families: dict[str, list[tuple[str, tuple[str, ...]]]],
    frames: list[str],
    negatives: list[str],
    per_event: int,
    rng: random.Random,
) -> list[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()
    for events in families.values():
        for template, categories in events:
            for _ in range(per_event):
                event = _fill(template, rng)
                text = rng.choice(frames).format(e=event)
                rows.add((",".join(sorted(categories)), text[0].upper() + text[1:]))
    for text in negatives:
        rows.add(("", text))
        for frame in rng.sample(frames, 2):
            framed = frame.format(e=text.rstrip(".!?").lower() if frame != "{e}." else text)
            rows.add(("", framed[0].upper() + framed[1:]))
    return sorted(rows)


def _write(path: Path, header: str, rows: list[tuple[str, str]]) -> None:
    lines = [header] + [f"{cats}\t{text}" for cats, text in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    rng = random.Random(20261205)
    train = _rows(
        DEV, FRAMES_DEV, NONE_DEV + _questions(NONE_QUESTIONS_DEV, BEHAVIOURS[:12]), 4, rng
    )
    heldout = _rows(
        HELDOUT,
        FRAMES_HELDOUT,
        NONE_HELDOUT + _questions(NONE_QUESTIONS_HELDOUT, BEHAVIOURS[12:]),
        2,
        rng,
    )
    _write(
        TRAIN_PATH,
        "# Generated by scripts/generate_warning_synthetic.py (development families): "
        "categories<TAB>text, trained on by make train. Do not edit by hand.",
        train,
    )
    _write(
        HELDOUT_PATH,
        "# Generated by scripts/generate_warning_synthetic.py (HELD-OUT families: other "
        "wording and frames, never trained on, never used to change a rule): "
        "categories<TAB>text, read by evaluate_screening as development data (not blind).",
        heldout,
    )
    print(f"{len(train)} training rows -> {TRAIN_PATH.name}")
    print(f"{len(heldout)} held-out rows -> {HELDOUT_PATH.name}")


if __name__ == "__main__":
    main()
