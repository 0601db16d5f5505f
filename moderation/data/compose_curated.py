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


# ---- round 2 (2026-12-05): the classes issue 20 still missed --------------------------
#
# Written to curated_incivility_round2.csv (training weighs these rows less than the
# hand-written ones: templates repeat their wording). Template families for sarcasm and
# mock praise at a colleague, mockery of a colleague's
# grasp of privacy rules, hostile replies to feedback and pile-ons (uncivil), and for the
# civil posts that share their words: counsellor utterances (reflections, affirmations,
# open questions, summaries), sincere praise, gentle privacy corrections, accepted
# feedback and agreement. Each class has several families of wording; the families named
# in HELD_OUT_FAMILIES are never trained on: they are written to
# curated_incivility_dev_heldout.csv, a development split of unseen wording.

R2_DID = [
    "recommending a gratitude journal for complex PTSD",
    "telling the intern to skip the safety plan",
    "suggesting the couple just communicate better in a DV case",
    "diagnosing borderline from a single session",
    "calling a grieving widow's tears resistance",
    "advising everyone to terminate clients who miss twice",
    "explaining that teens can't really be depressed",
    "posting a treatment plan with no measurable goals",
    "deciding the client is low risk because he smiled",
    "prescribing breathing exercises for psychosis",
    "reframing a panic attack as poor time management",
    "quoting a 1970s textbook as current practice",
    "recommending confrontation for an avoidant client",
    "treating a trauma disclosure like a scheduling problem",
]
R2_EXPERT = [
    "expert",
    "genius",
    "trauma guru",
    "ethics authority",
    "know-it-all",
    "oracle",
    "visionary",
    "self-appointed professor",
]
R2_HUNCH = [
    "a gut feeling",
    "your vibes",
    "a hunch",
    "how the client looked that day",
    "your years of intuition",
    "a blog post you skimmed",
    "what felt right",
]
R2_METHOD = [
    "a structured risk assessment",
    "a validated screener",
    "actual research",
    "collateral information",
    "a proper diagnostic interview",
    "the safety plan",
    "supervision",
    "a measurement-based approach",
]
R2_CLAIM = [
    "clinical intuition",
    "I just know my clients",
    "it felt safe",
    "I've done this for years",
    "trust the process",
    "my gut says she's fine",
    "evidence is overrated",
    "he seemed fine",
]
R2_SKILL = [
    "clinical judgment",
    "risk assessment",
    "case formulation",
    "documentation",
    "knowledge of the research",
    "grasp of ethics",
    "boundaries",
    "diagnostic skills",
    "supervision",
    "treatment planning",
]
R2_FIELD = [
    "psychotherapy",
    "trauma work",
    "family therapy",
    "the whole profession",
    "grief counselling",
    "addiction treatment",
    "child psychology",
    "clinical supervision",
]

# Mock praise: praise words whose target is a colleague's mistake.
SARCASM_FAMILIES: dict[str, list[str]] = {
    "mock_award": [
        "Someone get this clinician a plaque for {did}. Historic.",
        "Nominating you for clinician of the year for {did}. The committee will be stunned.",
        "A round of applause for {did}. Truly visionary.",
        "Give this therapist a medal: {did}. We are not worthy.",
        "Frame this post. {Did} will be taught for generations, as a warning.",
    ],
    "mock_genius": [
        "What a genius move, {did}. I'm sure your clients feel very safe.",
        "Truly next-level thinking, {did}. The journals must be fighting over you.",
        "Stunning insight. {Did} has clearly never occurred to anyone with actual training.",
        "Incredible. {Did} really shows off your {skill}.",
        "Such expertise. {Did}. I'm taking notes on what never to do.",
    ],
    "mock_thanks": [
        "Thanks so much for {did}. Where would {field} be without you.",
        "Really grateful you shared this. Now I know what {did} looks like up close.",
        "Thank you for your service to {field}, {did}. Truly.",
        "So kind of you to grace us with {did}. We were all lost before.",
    ],
    "mock_congrats": [
        "Congrats on {did}. A bold new low for {field}.",
        "Congratulations, you've reinvented bad therapy: {did}.",
        "Well done on {did}. Your license must be so proud.",
        "Big achievement, {did}. Your supervisor must be thrilled.",
    ],
    "mock_impressed": [
        "Wow, I'm so impressed by your {skill}. Said no one reading this thread.",
        "Your {skill} is really something. Something alarming, but something.",
        "Amazing {skill} on display here. Your poor clients.",
        "Love the confidence. Shame the {skill} didn't come with it.",
        "Your {skill} is a masterpiece. Of what, I'm not sure.",
    ],
    "mock_title": [
        "Our resident {expert} has spoken. Everyone take notes.",
        "And the {expert} weighs in again. What would we do without the wisdom.",
        "Behold, the {expert} of the group, {did}.",
        "Ladies and gentlemen, the {expert}. {Did}, apparently.",
        "Another pearl from our in-house {expert}.",
    ],
    "mock_because": [
        "Sure, because {hunch} beats {method} every time. Very rigorous.",
        "Right, because {hunch} is basically the same as {method}. Science!",
        "Of course, who needs {method} when you have {hunch}.",
        "Yes, let's replace {method} with {hunch}. Brilliant.",
    ],
    "mock_quote": [
        "Oh, your '{claim}'? Well then, case closed, everyone go home.",
        "Ah, the '{claim}' defense. Truly the pinnacle of {field}.",
        "'{Claim}.' Wow. Someone put that on a poster.",
        "Love the '{claim}' reasoning. Very evidence-based of you.",
    ],
    "mock_sure": [
        "Oh sure, {did}. Because that always ends well.",
        "Right, {did}. Makes perfect sense, if you skipped grad school.",
        "Yes, obviously, {did}. Why didn't the rest of us licensed people think of that.",
        "Of course, {did}. Evidence is for lesser clinicians.",
    ],
}

R2_RULE = [
    "HIPAA",
    "the minimum necessary standard",
    "42 CFR Part 2",
    "FERPA",
    "the privacy rule",
    "de-identification",
    "a release of information",
    "consent to disclose",
    "confidentiality",
    "the Safe Harbor list",
    "mandated reporting limits",
    "psychotherapy notes",
    "a BAA",
    "the duty to protect",
]
R2_LEAK = [
    "the client's first name, school and diagnosis",
    "the patient's employer and admission date",
    "a screenshot of your EHR",
    "the kid's team name and her coach's name",
    "the family's street and the date of the removal",
    "his job title, his town and his DUI",
    "a photo of the intake form",
    "the client's Instagram handle",
]
PRIVACY_FAMILIES: dict[str, list[str]] = {
    "privacy_quiz": [
        "Quick quiz for you: what does {rule} mean? Take your time, you clearly need it.",
        "Pop question: have you ever actually read {rule}? Your post suggests not.",
        "Do you know what {rule} is, or should we draw you a diagram?",
        "Hands up if you think this poster could define {rule}. Anyone? No?",
    ],
    "privacy_tiny": [
        "Your knowledge of {rule} could fit on a grain of rice.",
        "Everything you know about {rule} would fit in a tweet with room to spare.",
        "Your grasp of {rule} is about as solid as wet tissue paper.",
        "I've seen interns with a better handle on {rule} than you, and they'd been here a week.",
    ],
    "privacy_leak_mock": [
        "Posted {leak} and then asked whether it's a privacy issue. Incredible work, really.",
        "Nothing says 'I understand {rule}' like sharing {leak}. Bravo.",
        "You shared {leak}. In a privacy thread. I can't decide if that's funny or tragic.",
        "Oh good, {leak}. Why not the social security number while you're at it?",
    ],
    "privacy_lecture": [
        "Imagine lecturing anyone about {rule} when you clearly never learned it yourself.",
        "The audacity of explaining {rule} to us after the stunt you pulled last week.",
        "You're the last person who should be teaching {rule}. You don't understand it.",
        "Maybe learn {rule} before you start correcting people who actually follow it.",
    ],
    "privacy_explain": [
        "I'd walk you through {rule}, but we'd be here all year and it still wouldn't land.",
        "Could someone translate {rule} into small words for our colleague here?",
        "Explaining {rule} to you is like explaining colours to a wall.",
        "Let me go really slowly so you can follow: {rule} applies to you too.",
    ],
    "privacy_optional": [
        "Apparently {rule} is just a suggestion when you're the one posting.",
        "Must be nice to think {rule} doesn't apply to you.",
        "I see {rule} went out the window the second you wanted attention for your case.",
        "Rules like {rule} are for other people, right? Not someone as special as you.",
    ],
    "privacy_training": [
        "Which part of the {rule} training did you sleep through, all of it?",
        "Did your program skip {rule} entirely, or did you just not show up that day?",
        "Was there a {rule} module you failed, or did you never bother taking it?",
        "Someone sign this poster up for remedial {rule} training. Twice.",
    ],
}

R2_FEEDBACK = [
    "my note",
    "my wording",
    "my post",
    "my documentation",
    "my treatment plan",
    "my consent form",
    "my case write-up",
    "my intake questions",
    "my question",
]
HOSTILE_FEEDBACK_FAMILIES: dict[str, list[str]] = {
    "hf_didnt_ask": [
        "Nobody asked you to review {fb}. Keep your unsolicited critiques to yourself.",
        "When I want your opinion on {fb}, I'll ask. Don't hold your breath.",
        "I don't recall requesting feedback on {fb} from someone with your track record.",
        "Who invited you to critique {fb}? Go away.",
    ],
    "hf_who_are_you": [
        "Who do you think you are, correcting {fb}? You've been licensed five minutes.",
        "You're in no position to comment on {fb}. Look at your own posts first.",
        "Big talk about {fb} from someone whose notes are a disaster.",
        "Funny how the least competent person here is the one nitpicking {fb}.",
    ],
    "hf_dismiss": [
        "Your 'feedback' on {fb} goes straight in the bin where it belongs.",
        "Thanks for the critique of {fb}, I'll file it under things I'll never read again.",
        "Save your smug little corrections about {fb}. Nobody cares.",
        "Your notes on {fb} are as useless as you are.",
    ],
    "hf_thin_skin": [
        "If you can't handle how I wrote {fb}, that's a you problem. Grow up.",
        "Oh no, the tone police found {fb}. Go clutch your pearls somewhere else.",
        "Spare me the lecture about {fb}. You're not my supervisor and never will be.",
        "Cry about {fb} somewhere else. I'm not changing a word for you.",
    ],
    "hf_attack_back": [
        "Typical. You can't help yourself, can you? Always policing {fb} like a hall monitor.",
        "Get a life instead of picking apart {fb}. Pathetic.",
        "Of course you had to pounce on {fb}. You live for this, don't you.",
        "Stop stalking my threads to nitpick {fb}. It's creepy and sad.",
    ],
}

R2_TARGET_FAULT = [
    "this advice is dangerous",
    "you shouldn't be seeing clients",
    "you clearly don't understand the basics",
    "this post is an embarrassment",
    "you need to stop giving advice",
    "you owe the group an apology",
    "your supervisor should see this thread",
    "this is why people distrust therapists",
]
PILEON_FAMILIES: dict[str, list[str]] = {
    "pile_plus_one": [
        "+1. {Fault}, like everyone keeps telling you.",
        "Plus one to every reply above. {Fault}.",
        "This. And this. And all of the above. {Fault}.",
        "+100 to the comments. {Fault}.",
    ],
    "pile_me_too": [
        "Me too, I agree with the whole thread: {fault}.",
        "Count me in with everyone else. {Fault}.",
        "Add my name to the list. {Fault}, and you keep proving it.",
        "One more voice for the chorus: {fault}.",
    ],
    "pile_how_many": [
        "How many of us have to say it before it sinks in? {Fault}.",
        "That's twenty replies telling you the same thing. {Fault}. Take the hint.",
        "The whole group has weighed in and you still argue. {Fault}.",
        "At this point the entire forum agrees: {fault}.",
    ],
    "pile_again": [
        "And here we go again with this poster. {Fault}.",
        "Same person, same nonsense, every week. {Fault}.",
        "Every thread you join ends like this. {Fault}.",
        "Groundhog day with you. {Fault}, again.",
    ],
}

R2_BAD = [
    "an amateur",
    "a hack",
    "a joke",
    "a fraud",
    "a liability",
    "a clown",
    "a menace",
    "a disgrace to the field",
    "hopeless",
    "clueless",
    "useless",
    "incompetent",
    "an embarrassment",
    "dangerous",
    "a walking malpractice suit",
    "pathetic",
]
# Short attacks in the same shape as short reflections ("You're torn."): the adjective
# or noun decides, not "you're" or the length.
SHORT_ATTACK_FAMILIES: dict[str, list[str]] = {
    "short_you_are": [
        "You're {bad}.",
        "You're {bad} and it shows.",
        "Honestly, you're {bad}.",
        "You are {bad}, plain and simple.",
        "You're just {bad}.",
        "Some clinician you are. {Bad}.",
    ],
}

# ---- civil counterparts ------------------------------------------------------------

R2_FEEL = [
    "worn out",
    "torn",
    "frustrated",
    "scared",
    "hopeful",
    "angry",
    "stuck",
    "unsure",
    "overwhelmed",
    "ashamed",
    "relieved",
    "hurt",
    "ambivalent",
    "exhausted",
    "proud",
]
R2_THING = [
    "the drinking",
    "going back to work",
    "your marriage",
    "the custody hearing",
    "telling your parents",
    "the diagnosis",
    "quitting vaping",
    "your son's school",
    "the medication",
    "moving out",
    "your health",
    "the court order",
    "your sister",
    "the weekends",
    "money",
    "your recovery",
    "the job interview",
    "being here today",
]
R2_DONE = [
    "made it to every session this month",
    "called your sponsor when things got bad",
    "told your partner how you felt",
    "went four days without using",
    "kept your temper with your boss",
    "asked for help",
    "came back after a hard week",
    "got through the holidays",
    "said no to your brother",
    "went for the walk you planned",
    "filled out the application",
    "took your medication every day",
]
R2_PERSON = [
    "your daughter",
    "your kids",
    "your mom",
    "your job",
    "your dad",
    "your faith",
    "your friends",
    "your dog",
    "your health",
    "your partner",
]
COUNSELLING_FAMILIES: dict[str, list[str]] = {
    "reflect_you_are": [
        "You're {feel} about {thing}.",
        "You're feeling {feel}.",
        "You're really {feel} right now.",
        "You're {feel}, and you're not sure what to do with that.",
        "You're not sure you want to change {thing}.",
        "You're wondering if it's worth it.",
        "You're the one who knows what's best for you.",
        "You're the expert on {thing}.",
    ],
    "reflect_sounds": [
        "It sounds like you're {feel} about {thing}.",
        "Sounds like {thing} has been weighing on you.",
        "It seems like part of you is {feel} and part of you isn't.",
        "It sounds as if {thing} matters a great deal to you.",
        "I get the sense you're {feel}.",
    ],
    "reflect_so_you": [
        "So you want things to be different with {thing}.",
        "So on one hand you like {thing}, and on the other it's costing you.",
        "So {thing} is the hardest part for you.",
        "So what matters most to you is {person}.",
        "You keep coming back to {person}.",
        "You don't want {thing} to take over again.",
        "You don't want to end up where you were last year.",
        "The bottom line for you is {person}.",
    ],
    "affirm": [
        "You {done}.",
        "You {done}. That took real effort.",
        "You {done}, even when it was hard.",
        "That's a real step: you {done}.",
        "You've worked hard on this.",
        "You stood your ground.",
        "You've been really honest with me today.",
        "You care a lot about {person}.",
        "You know yourself well.",
        "You handled that with a lot of courage.",
    ],
    "open_question": [
        "What would you like to be different about {thing}?",
        "How would you know things were getting better?",
        "What's the hardest part about {thing}?",
        "What do you think you'll do?",
        "What else?",
        "How did you manage that?",
        "What worries you most about {thing}?",
        "Where would you like to start today?",
        "What would {person} notice if things changed?",
        "On a scale of zero to ten, how ready do you feel?",
    ],
    "summary": [
        "Let me see if I have this right: {thing} has been hard, you feel {feel}, and you want a change.",
        "So far you've told me about {thing} and about {person}. Did I miss anything?",
        "To sum up: you're {feel}, you've {done}, and you're not sure what's next.",
        "Putting it together, {thing} is on your mind and {person} is what keeps you going.",
    ],
}

R2_GOOD = [
    "the way you structured that safety plan",
    "your summary of the new telehealth rules",
    "how you handled the rupture",
    "your write-up of the exposure hierarchy",
    "the resource list you posted",
    "your answer on consent for minors",
    "your case formulation",
    "the way you explained the release form",
]
CIVIL_FAMILIES: dict[str, list[str]] = {
    "sincere_praise": [
        "Wow, {good} is excellent. Thank you for sharing it.",
        "Brilliant, {good} is exactly what I needed this week.",
        "Really impressive work, {good}. I'm borrowing it.",
        "Congratulations on finishing your licensure! Well deserved.",
        "Thank you for {good}. Genuinely one of the most helpful posts here.",
        "Amazing. {Good} made this click for me.",
        "Great question. I wondered the same thing when I started.",
        "Bravo for posting this, {good} will help a lot of new clinicians.",
    ],
    "privacy_gentle": [
        "Quick note: the post still has {leak}. You may want to edit that out.",
        "Gently flagging that {rule} might apply here. Happy to share the guidance I use.",
        "I think {rule} covers this, but check with your compliance officer to be sure.",
        "Heads up, {leak} could identify the client. Maybe trim it?",
        "For anyone unsure about {rule}, our state association has a clear one-page summary.",
        "Good question about {rule}. I was confused by it too at first.",
    ],
    "feedback_accepted": [
        "Thanks for the feedback on {fb}. You're right, I'll fix it.",
        "Fair point about {fb}. I hadn't seen it that way.",
        "You're right about {fb}, I edited it. Appreciate you catching it.",
        "Good catch on {fb}. That's what I get for posting late at night.",
        "I disagree a little about {fb}, but thank you for taking the time to read it.",
    ],
    "civil_reasoning": [
        "I'd lean on {method} here rather than {hunch}, but I know you're under time pressure.",
        "In my experience {method} catches things that {hunch} misses. Worth a try?",
        "Her words were '{claim}', and I wasn't sure how to respond. How would you handle it?",
        "When a supervisee tells me '{claim}', I ask what they noticed. It opens things up.",
        "Happy to share how I explain {rule} to new staff, it took me years to get it straight.",
        "Could someone explain how {rule} applies to group practices? I'm honestly unsure.",
    ],
    "agreement": [
        "+1 to the advice above. That's what worked for me too.",
        "Agree with everyone here, {good} is a great resource.",
        "Same experience here. Supervision helped a lot.",
        "Adding my voice to the thanks: this thread has been so useful.",
        "Everyone above said it well. Take care of yourself this week.",
        "You're right, and so are the replies above.",
        "Me too. Following this thread.",
    ],
}

HELD_OUT_FAMILIES = frozenset(
    {
        "mock_sure",
        "privacy_training",
        "hf_attack_back",
        "pile_again",
        "summary",
        "open_question",
        "feedback_accepted",
    }
)


def _fill(rng: random.Random, template: str) -> str:
    did = rng.choice(R2_DID)
    bad = rng.choice(R2_BAD)
    claim = rng.choice(R2_CLAIM)
    fault = rng.choice(R2_TARGET_FAULT)
    good = rng.choice(R2_GOOD)
    text = template.format(
        did=did,
        Did=did[0].upper() + did[1:],
        skill=rng.choice(R2_SKILL),
        field=rng.choice(R2_FIELD),
        rule=rng.choice(R2_RULE),
        leak=rng.choice(R2_LEAK),
        fb=rng.choice(R2_FEEDBACK),
        fault=fault,
        Fault=fault[0].upper() + fault[1:],
        feel=rng.choice(R2_FEEL),
        thing=rng.choice(R2_THING),
        done=rng.choice(R2_DONE),
        person=rng.choice(R2_PERSON),
        good=good,
        bad=bad,
        Bad=bad[0].upper() + bad[1:],
        expert=rng.choice(R2_EXPERT),
        hunch=rng.choice(R2_HUNCH),
        method=rng.choice(R2_METHOD),
        claim=claim,
        Claim=claim[0].upper() + claim[1:],
        Good=good[0].upper() + good[1:],
    )
    return " ".join(text.split())


ROUND2_CLASSES: list[tuple[int, str, dict[str, list[str]], int]] = [
    # (label, category, families, rows per family)
    (1, "sarcasm", SARCASM_FAMILIES, 30),
    (1, "privacy_mockery", PRIVACY_FAMILIES, 30),
    (1, "hostile_feedback", HOSTILE_FEEDBACK_FAMILIES, 28),
    (1, "pileon", PILEON_FAMILIES, 25),
    (1, "insult", SHORT_ATTACK_FAMILIES, 40),
    (0, "counselling", COUNSELLING_FAMILIES, 40),
]
CIVIL_CATEGORIES = {
    "sincere_praise": "sincere_praise",
    "privacy_gentle": "correction",
    "feedback_accepted": "feedback_accepted",
    "agreement": "short",
    "civil_reasoning": "disagreement",
}


def round2_rows(seen: set[str]) -> tuple[list[tuple[str, int, str]], list[tuple[str, int, str]]]:
    """(training rows, held-out development rows) of the round-2 families; deterministic."""
    rng = random.Random(SEED + 2)
    classes = [*ROUND2_CLASSES]
    classes += [
        (0, CIVIL_CATEGORIES[name], {name: CIVIL_FAMILIES[name]}, 30) for name in CIVIL_FAMILIES
    ]
    train: list[tuple[str, int, str]] = []
    held: list[tuple[str, int, str]] = []
    for label, category, families, per_family in classes:
        for family, templates in families.items():
            out = held if family in HELD_OUT_FAMILIES else train
            made = 0
            for _ in range(per_family * 20):
                if made >= per_family:
                    break
                text = _fill(rng, rng.choice(templates))
                if text in seen:
                    continue
                seen.add(text)
                out.append((text, label, category))
                made += 1
    return train, held


def _read_handwritten(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, text = line.split("\t", 1)
        rows.append((text.strip(), category.strip()))
    return rows


def build(
    out: Path = HERE / "curated_incivility.csv",
    round2: Path = HERE / "curated_incivility_round2.csv",
    heldout: Path = HERE / "curated_incivility_dev_heldout.csv",
) -> int:
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
    # Round 2, after the shuffle so the rows above stay as they were: the hand-written
    # posts join the hand-written training set; the templated ones get their own file.
    for line in (HERE / "curated_round2_handwritten.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, category, text = line.split("\t", 2)
            if text.strip() not in seen:
                seen.add(text.strip())
                rows.append((text.strip(), int(label), category))
    extra, held = round2_rows(seen)
    for path, written in ((round2, extra), (heldout, held)):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "label", "category"])
            writer.writerows(written)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "category"])
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    print(build())
