# ruff: noqa: E501 - long lines are hand-written example posts
"""Build curated_incivility.csv from the hand-written posts and hand-written fragments.

Run: .venv/bin/python moderation/data/compose_curated.py

Why compose: the issue asks for hundreds of clinician-register examples. The
fully hand-written posts live in curated_positive.txt / curated_negative.txt;
this script adds combinations of hand-written fragments (openers, targets,
attacks, clinical situations, quoted client words) so that the same clinical
vocabulary appears on both sides of the label and the model has to learn
*targeting a person* rather than *topic*. The output is deterministic (seeded).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261128

# ---- fragments for uncivil posts -------------------------------------------------

TOPIC_OPENERS = [
    "Re: your post about the suicidal teenager.",
    "About your answer on the self-harm thread:",
    "Regarding your take on trauma-focused CBT,",
    "I read your reply to the DV consultation.",
    "On the child abuse reporting question,",
    "Your comment on the eating disorder case",
    "That reply about the client with psychosis",
    "Your advice on the substance use case",
    "About the safety plan you described,",
    "Your thoughts on the couples case",
    "Re: the EMDR thread.",
    "Your post on medication for ADHD",
    "The way you handled the duty-to-warn question",
    "Your supervision advice to the intern",
    "",
    "",
    "",
    "Wow.",
    "Seriously?",
    "Okay, no.",
    "Come on.",
]

ATTACKS = [
    "you clearly have no business practicing",
    "you have no idea what you're talking about",
    "you are a danger to every client you see",
    "you obviously never finished your training",
    "you're too incompetent to be handling crisis cases",
    "your clinical judgment is negligent",
    "you sound like you bought your license online",
    "you are an embarrassment to this profession",
    "you should be ashamed to call yourself a therapist",
    "you're a hack and everyone here knows it",
    "you're way out of your depth and too arrogant to admit it",
    "you don't know the first thing about risk assessment",
    "you are the reason people hate going to therapy",
    "you're going to get a client killed with advice like that",
    "you need to go back to grad school",
    "you're clueless",
    "you're a fraud",
    "you are stupid, honestly",
    "you are frankly an idiot",
    "you write like someone who failed their practicum",
    "nobody should ever refer a client to you",
    "your supervisor must have been asleep for your entire internship",
    "you are a menace to your clients",
    "you've proven you can't think clinically",
    "you don't deserve your license",
    "you're a joke of a clinician",
]

CLOSINGS = [
    "",
    "",
    "Unbelievable.",
    "Do better.",
    "Log off.",
    "Embarrassing.",
    "Pathetic.",
    "I'm reporting you to the board.",
    "Expect a complaint with your licensing board.",
    "Everyone reading this can see it.",
    "Please stop posting.",
    "Find another career.",
    "Yikes.",
    "I can't believe you're licensed.",
    "Honestly, quit.",
]

THREAT_CORES = [
    "I'm reporting you to the board",
    "I will file an ethics complaint against you",
    "I'm sending this thread to your licensing board",
    "you'll be hearing from the ethics committee",
    "I'm going to make sure you lose your license",
    "I'm filing a complaint with the state board about you",
    "I'll report you to your licensing board and your employer",
    "I'm forwarding your post to the board with your license number",
    "I'll be contacting your clinical director and the board",
    "your board will hear about this from me",
]

THREAT_REASONS = [
    "for that reply",
    "if you don't take this down",
    "for disagreeing with me in public",
    "unless you apologize right now",
    "because I'm sick of your attitude",
    "for what you said to me in this thread",
    "if you comment on my posts again",
    "",
]

CONDESCENSION_OPENERS = [
    "Sweetie,",
    "Honey,",
    "Oh dear,",
    "Bless your heart,",
    "Kiddo,",
    "Sweetheart,",
    "Listen, newbie,",
    "Cute.",
]

CONDESCENSION_CORES = [
    "this is basic stuff",
    "this is covered in the first week of grad school",
    "maybe leave the hard cases to real clinicians",
    "grown-up clinicians know this already",
    "you'll understand when you've actually practiced",
    "read a textbook before you post",
    "this is Psych 101",
    "try to keep up",
    "let the experienced people answer",
    "that's not how any of this works, obviously",
]

SARCASM = [
    "Oh brilliant, {x}. Truly a genius at work.",
    "Wow, {x}. Did you learn that in your weekend certificate?",
    "Sure, {x}. What could go wrong, doctor?",
    "Great idea, {x}. Your clients are so lucky to have you. Not.",
    "Amazing, {x}. Someone give this expert an award.",
]

SARCASM_IDEAS = [
    "skip the risk assessment",
    "tell a suicidal client to think positive",
    "confront the abuser in a joint session",
    "diagnose a stranger from one post",
    "send the self-harming teen home with a worksheet",
    "recommend couples counseling for a DV case",
    "ignore the mandated report",
    "stop the client's antidepressant yourself",
]

PILEON = [
    "Agree with everyone above: {t}.",
    "Adding to the pile because it's deserved: {t}.",
    "Same as the last dozen replies said, {t}.",
    "Can the mods ban this person already? {T}.",
    "Every thread this guy touches goes the same way. {T}.",
    "Yep, she's at it again. {T}.",
]

# ---- fragments for civil clinical posts -----------------------------------------

CLIENTS = [
    "A client in her 30s",
    "An adolescent client",
    "A college student I see",
    "A veteran client",
    "An older adult client",
    "A client in his 40s",
    "A new client",
    "A teen on my caseload",
    "A client I've seen for two years",
    "A young mother I work with",
    "A client in recovery",
    "A couple I'm seeing",
]

SITUATIONS = [
    ("suicide_consult", "disclosed suicidal ideation with a plan but no intent this week"),
    ("suicide_consult", "told me she has been thinking about killing herself since the divorce"),
    ("suicide_consult", "said he wants to die and has been giving away belongings"),
    ("suicide_consult", "survived a suicide attempt last month and is back in outpatient care"),
    ("self_harm", "has started cutting again after a year without self-harm"),
    ("self_harm", "disclosed burning herself when she feels numb"),
    ("child_abuse", "disclosed that her stepfather sexually abused her as a child"),
    ("child_abuse", "described being beaten by a parent, so I made a report to CPS"),
    ("child_abuse", "shared that his uncle abused him and he has never told anyone"),
    ("dv", "disclosed that her partner strangled her and threatened to kill her"),
    ("dv", "is living with a partner who monitors her phone and controls the money"),
    ("sexual_assault", "was raped last year and is now having nightmares and flashbacks"),
    ("sexual_assault", "disclosed a sexual assault by a coworker and is afraid to report it"),
    ("substance", "relapsed on heroin after eight months clean"),
    ("substance", "is drinking a fifth of vodka a day and wants to detox"),
    ("substance", "overdosed on fentanyl and was revived with naloxone"),
    ("eating_disorder", "has been purging several times a day and fainted at work"),
    ("eating_disorder", "with anorexia has lost more weight and her labs are concerning"),
    (
        "violent_ideation",
        "has intrusive thoughts about stabbing his partner and is terrified of them",
    ),
    ("violent_ideation", "described homicidal thoughts toward an abusive ex but denies a plan"),
    ("violent_ideation", "talked about wanting to hurt the man who assaulted her sister"),
]

ACTIONS = [
    "We completed a safety plan together and I consulted my supervisor.",
    "I did a structured risk assessment and documented it carefully.",
    "We increased sessions to twice a week and involved her psychiatrist.",
    "I followed our agency protocol and filed the required report.",
    "I connected the client with a local advocate and a crisis line.",
    "We talked about lethal means and the client agreed to store the firearm elsewhere.",
    "I consulted with my team and we are coordinating care with the prescriber.",
    "We're using DBT skills and a chain analysis to understand the pattern.",
    "I called the hotline for consultation before deciding on next steps.",
    "",
]

QUESTIONS = [
    "How would you approach the next session?",
    "Any thoughts on level of care?",
    "What would you add to the treatment plan?",
    "I'd welcome consultation from anyone with experience here.",
    "Has anyone worked with a similar case and found something that helped?",
    "Looking for reading recommendations.",
    "How do you take care of yourself after sessions like this?",
    "Am I missing anything in the risk assessment?",
    "Thank you in advance for any thoughts.",
    "",
]

# Client and third-party words quoted in consultation: angry, violent or insulting
# language that is *reported*, not aimed at a colleague. These are the hard negatives
# a naive toxicity model flags.
QUOTES = [
    "I'll kill him if he touches her again",
    "you're a useless therapist and I hate you",
    "I'm going to burn his car to the ground",
    "I wish my father were dead",
    "you're an idiot and you don't care about me",
    "I'm reporting you to the board for this",
    "I want to die",
    "I'm going to hurt myself tonight",
    "everyone would be better off if I killed myself",
    "my mom calls me stupid and fat every day",
    "you're a fraud and you should lose your license",
    "I'll make him pay for what he did to me",
    "shut up, you don't know anything about my life",
    "I hate you, you're just like my mother",
    "he said he'd kill me if I ever left",
    "I'm worthless and disgusting",
    "I'll sue you and report you",
    "my boss called me an incompetent moron in front of everyone",
]

QUOTE_SPEAKERS = [
    "My client said",
    "A teen client yelled",
    "During session my client told me",
    "A client's father said to me on the phone",
    "My client reported that her husband told her",
    "In group, a member said",
    "My client wrote in her journal",
    "A client shouted",
    "The client's mother said",
]

QUOTE_FOLLOWUPS = [
    "We processed it together and I'm assessing risk carefully.",
    "I stayed calm, named the rupture, and we repaired it in the next session.",
    "I consulted my supervisor and documented the statement.",
    "I'm not taking it personally, but I'd like advice on how to respond.",
    "We're exploring the anger underneath it.",
    "I completed a safety assessment before the session ended.",
    "How do others handle statements like this in session?",
    "Looking for consultation on whether this triggers a duty to warn.",
]

# Someone *reporting* that they were attacked elsewhere: attack words, but the
# post itself is peer support, not incivility toward anyone here.
RECEIVED_ATTACKS = [
    "you clearly have no business practicing",
    "did you even finish your degree",
    "I'm reporting you to the board",
    "you're incompetent",
    "sweetie, this is basic stuff",
    "you're a danger to your clients",
]

RECEIVED_FRAMES = [
    'Someone in another forum told me "{q}" after I asked for consultation. It stung. How do you let comments like that go?',
    'A colleague once wrote "{q}" under my case post. I almost stopped asking for help. I\'m grateful this group is kinder.',
    'In my first year a supervisor said "{q}" to me in front of the team. I now supervise, and I try hard never to do that to anyone.',
    'I\'m writing a CE talk on incivility in professional groups. Examples like "{q}" are exactly what we want to stop. Suggestions welcome.',
]

DISAGREE_OPENERS = [
    "I respectfully disagree.",
    "I see this differently.",
    "With respect, I'd push back a little.",
    "I'm not sure I agree.",
    "I have a different view on this.",
    "Thanks for raising this, though I think there's another way to look at it.",
    "I hear you, and I still land somewhere else.",
]

DISAGREE_POINTS = [
    "In my experience, exposure work can be done safely with this population if it's paced.",
    "The evidence for this intervention in adolescents is weaker than the post suggests.",
    "I'd want a fuller risk assessment before recommending hospitalization.",
    "I don't think the diagnosis fits yet; the symptoms might be better explained by trauma.",
    "The ethics code allows more flexibility here than the post implies.",
    "I'd be cautious about couples work while there's ongoing violence in the relationship.",
    "I think the client's autonomy should weigh more heavily in this decision.",
    "The study cited had a small sample, so I'd hold the conclusion loosely.",
    "I'd refer for a medication evaluation before deciding the therapy isn't working.",
    "Mandated reporting rules vary by state, so I'd check the statute before acting.",
]

DISAGREE_CLOSERS = [
    "Happy to share sources.",
    "Curious how others see it.",
    "Reasonable clinicians can differ on this.",
    "Thanks for a thoughtful discussion.",
    "I appreciate you posting the case.",
    "",
]

CORRECTION = [
    "Gentle correction: {c} Easy to mix up, I did the same thing for years.",
    "Just a small note, offered kindly: {c}",
    "I think there's a small error in the post: {c} Otherwise a really helpful summary.",
    "For anyone reading later, {c} Thanks for starting this thread.",
    "I might be wrong, but I believe {c} Worth double-checking with the board.",
]

CORRECTION_FACTS = [
    "the duty-to-warn statute in our state was amended last year.",
    "the GAD-7 cutoff for moderate anxiety is 10.",
    "psychotherapy notes have extra protection under HIPAA compared with the rest of the record.",
    "the compact only covers LPCs, not LMFTs, at this point.",
    "the CPS hotline accepts consultation calls even when you aren't sure a report is required.",
    "EMDR is included in the WHO guideline for PTSD.",
    "minors can consent to their own outpatient mental health care at 14 in some states.",
    "the 988 line also takes texts and chats.",
]

MANDATED = [
    "I filed a mandated report with CPS today after {d}. {f}",
    "I reported to Adult Protective Services after {d}. {f}",
    "Our team made a report to the child abuse hotline after {d}. {f}",
    "I had to make a report after {d}. {f}",
]

MANDATED_DISCLOSURES = [
    "a child disclosed abuse in session",
    "a teen described being hit by her father",
    "an older client described her son taking her money",
    "a parent described leaving a toddler alone for days",
    "a client disclosed ongoing abuse of a younger sibling",
]

MANDATED_FOLLOWUPS = [
    "How do you keep working with the family afterward?",
    "The caseworker was kind and clear.",
    "I told the client beforehand and we talked about what would happen next.",
    "Does anyone have a script for explaining reports to teens?",
    "I'm still processing it, and consultation helped.",
]

NEWS = [
    "News: {n} Public comment is open until the end of the month.",
    "Heads up for everyone: {n}",
    "Regulation update: {n} I'll post the link to the full text.",
    "The board announced that {n}",
]

NEWS_ITEMS = [
    "the state will require suicide prevention training for license renewal.",
    "the counseling compact bill passed the house.",
    "telehealth flexibilities for controlled substances were extended another year.",
    "new rules on supervision hours for associate licenses take effect in July.",
    "the parity enforcement rule is final and insurers must report network data.",
    "the board is adding a continuing education requirement on cultural humility.",
    "crisis centers will receive new 988 funding from a telecom fee.",
    "mandated reporter training will now be required every two years.",
]


# Civil posts addressed to "you": advice, support and thanks. Second-person
# address is common in kind replies too, so the model must not learn "you" alone.
YOU_CIVIL = [
    "You might consider {a}. It helped me with a similar client.",
    "Have you tried {a}? No pressure, just something that worked for me.",
    "If it helps, you could {a} before the next session.",
    "You're doing the right thing by asking. I'd {a}.",
    "I think you handled it well. Next time you could also {a}.",
    "Your instinct is good. You may also want to {a}.",
    "You're not alone with this. When it happened to me, I chose to {a}.",
    "Thank you for sharing this case. In your place I would {a}, but you know your client best.",
]

YOU_ACTIONS = [
    "ask directly about suicidal thoughts, plan and access to means",
    "call the child abuse hotline for a consultation",
    "review the safety plan with her partner out of the room",
    "bring the case to supervision before deciding about the report",
    "screen for coercive control in an individual session",
    "refer for a medical evaluation given the purging",
    "talk with him about locking up the firearm",
    "explore what the self-harm does for her emotionally",
    "document the threat and your risk assessment carefully",
    "get a release so you can coordinate with the psychiatrist",
    "offer the client a warm handoff to the DV advocate",
    "name the rupture out loud and ask how she heard you",
    "check your state's duty-to-warn statute",
    "connect him with a naloxone program",
    "slow down the trauma processing and focus on stabilization",
]


def _positives(rng: random.Random, n: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    makers = ["competence", "threat", "condescension", "sarcasm", "pileon"]
    while len(rows) < n:
        kind = rng.choice(makers)
        if kind == "competence":
            attack = rng.choice(ATTACKS)
            text = f"{rng.choice(TOPIC_OPENERS)} {attack[0].upper()}{attack[1:]}. {rng.choice(CLOSINGS)}"
        elif kind == "threat":
            core = rng.choice(THREAT_CORES)
            reason = rng.choice(THREAT_REASONS)
            extra = rng.choice(["", f" Honestly, {rng.choice(ATTACKS)}."])
            text = f"{rng.choice(TOPIC_OPENERS)} {core[0].upper()}{core[1:]} {reason}.{extra}"
        elif kind == "condescension":
            text = f"{rng.choice(CONDESCENSION_OPENERS)} {rng.choice(CONDESCENSION_CORES)}."
            if rng.random() < 0.4:
                text = f"{rng.choice(TOPIC_OPENERS)} {text}"
        elif kind == "sarcasm":
            text = rng.choice(SARCASM).format(x=rng.choice(SARCASM_IDEAS))
        else:
            attack = rng.choice(ATTACKS)
            text = rng.choice(PILEON).format(t=attack, T=attack[0].upper() + attack[1:])
        rows.append((" ".join(text.split()), kind))
    return rows


def _negatives(rng: random.Random, n: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    kinds = [
        "case",
        "case",
        "case",
        "quote",
        "quote",
        "disagree",
        "correction",
        "mandated",
        "news",
        "received",
        "you",
        "you",
    ]
    while len(rows) < n:
        kind = rng.choice(kinds)
        if kind == "case":
            category, situation = rng.choice(SITUATIONS)
            text = (
                f"{rng.choice(CLIENTS)} {situation}. {rng.choice(ACTIONS)} {rng.choice(QUESTIONS)}"
            )
        elif kind == "quote":
            category = "client_quote"
            text = (
                f'{rng.choice(QUOTE_SPEAKERS)} "{rng.choice(QUOTES)}." '
                f"{rng.choice(QUOTE_FOLLOWUPS)}"
            )
        elif kind == "disagree":
            category = "disagreement"
            text = (
                f"{rng.choice(DISAGREE_OPENERS)} {rng.choice(DISAGREE_POINTS)} "
                f"{rng.choice(DISAGREE_CLOSERS)}"
            )
        elif kind == "correction":
            category = "correction"
            text = rng.choice(CORRECTION).format(c=rng.choice(CORRECTION_FACTS))
        elif kind == "mandated":
            category = "mandated_report"
            text = rng.choice(MANDATED).format(
                d=rng.choice(MANDATED_DISCLOSURES), f=rng.choice(MANDATED_FOLLOWUPS)
            )
        elif kind == "news":
            category = "legislation"
            text = rng.choice(NEWS).format(n=rng.choice(NEWS_ITEMS))
        elif kind == "you":
            category = "second_person"
            text = rng.choice(YOU_CIVIL).format(a=rng.choice(YOU_ACTIONS))
        else:
            category = "peer_support"
            text = rng.choice(RECEIVED_FRAMES).format(q=rng.choice(RECEIVED_ATTACKS))
        rows.append((" ".join(text.split()), category))
    return rows


def _read_handwritten(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, text = line.split("\t", 1)
        rows.append((text.strip(), category.strip()))
    return rows


def build(out: Path = HERE / "curated_incivility.csv") -> int:
    rng = random.Random(SEED)
    positives = _read_handwritten(HERE / "curated_positive.txt")
    negatives = _read_handwritten(HERE / "curated_negative.txt")
    seen = {t for t, _ in positives + negatives}
    # The same number of composed rows whatever is hand-written (289 uncivil, 455 civil;
    # about 40% positive), so new hand-written posts add to the data instead of
    # displacing composed ones; composed rows are deduped.
    positive_target = len(positives) + 289
    negative_target = len(negatives) + 455
    for text, category in _positives(rng, 900):
        if len(positives) >= positive_target:
            break
        if text not in seen:
            seen.add(text)
            positives.append((text, category))
    for text, category in _negatives(rng, 2000):
        if len(negatives) >= negative_target:
            break
        if text not in seen:
            seen.add(text)
            negatives.append((text, category))
    rows = [(t, 1, c) for t, c in positives] + [(t, 0, c) for t, c in negatives]
    rng.shuffle(rows)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "category"])
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    print(build())
