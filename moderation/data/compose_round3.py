"""Round 3 of issue 20's incivility data (2026-12-06): compositional families for the classes
a bag of words misses on unseen wording, written to ``curated_incivility_round3.csv``.

Mock praise and sarcasm at a colleague, mockery of a colleague's grasp of privacy rules,
hostile replies to feedback, pile-ons and condescension (label 1), against the civil posts
that share their words: sincere praise and thanks, praise words aimed kindly at "you",
gentle privacy corrections and genuine privacy questions, accepted feedback, agreement,
counsellor utterances, and case talk quoting a client's sarcasm or insults (label 0).

Each post is composed from independent slots (an opener, a praise frame, what the
colleague did, a sting; or a hedge, a privacy point, an offer), each slot with many
wordings, so that the model learns the class (praise *plus* a sting aimed at the person)
rather than a sentence. None of the wording is taken from the development or retired
sets. Deterministic (seeded): ``python moderation/data/compose_round3.py`` rewrites the
file; training reads it as ``curated-round3-templated`` (weight 1.0).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261206

OPEN = [
    "",
    "",
    "",
    "Oh",
    "Wow",
    "Gosh",
    "Ah",
    "Ooh",
    "Oh wow",
    "Yay",
    "Okay",
    "Huh",
    "Well",
    "Oh good",
    "Oh great",
    "Whoa",
    "Right",
    "Amazing",
    "Lol",
]
ADJ = [
    "brilliant",
    "amazing",
    "genius",
    "incredible",
    "stunning",
    "fantastic",
    "inspired",
    "visionary",
    "groundbreaking",
    "revolutionary",
    "impressive",
    "masterful",
    "wonderful",
    "fabulous",
    "spectacular",
    "phenomenal",
    "magnificent",
    "superb",
    "outstanding",
    "remarkable",
    "bold",
    "daring",
    "refreshing",
    "enlightened",
    "innovative",
    "iconic",
    "legendary",
    "sophisticated",
    "nuanced",
    "cutting-edge",
    "clever",
    "marvellous",
]
NOUN = [
    "idea",
    "plan",
    "take",
    "insight",
    "reply",
    "contribution",
    "formulation",
    "intervention",
    "answer",
    "treatment plan",
    "suggestion",
    "approach",
    "analysis",
    "piece of clinical reasoning",
    "consult",
    "write-up",
    "strategy",
    "hot take",
]
# What the colleague did (the target of the mock praise).
DID = [
    "skipping the suicide screen because she seemed upbeat",
    "telling a panicking client to just relax",
    "recommending couples work while he's still hitting her",
    "diagnosing ADHD from a TikTok the mother sent you",
    "charging for a no-show during a hospital admission",
    "ending therapy by text message",
    "telling the grieving widower to move on after a month",
    "handing a teenager a worksheet instead of a safety plan",
    "letting the intern run the family session alone",
    "assuming the quiet kid is fine",
    "calling a trauma response manipulation",
    "making the client's crisis about your own boundaries",
    "quoting a self-help book as if it were a trial",
    "calling the police on a client for swearing",
    "suggesting forgiveness to an abuse survivor in session one",
    "treating every presentation with the same breathing exercise",
    "deciding the autistic client just needs more eye contact",
    "telling him his OCD is just a quirky personality",
    "putting a seven-year-old on a behaviour chart for grief",
    "refusing to learn the client's pronouns",
    "writing 'client was difficult' as the whole progress note",
    "telling a psychotic client his voices are not real and leaving it there",
    "ignoring the eating disorder because her weight looked normal",
    "confronting a dissociative client until she froze",
    "billing a 53-minute session for a twenty-minute call",
    "recommending a silent retreat for acute mania",
]
STING = [
    "Your poor clients.",
    "I'm sure your clients are thrilled.",
    "Said no one who has read the research.",
    "Can't imagine what could possibly go wrong.",
    "Who needs evidence anyway.",
    "Your licensing board would love to hear about it.",
    "What would this profession do without you.",
    "Really shows the value of that online certificate.",
    "I'll be sure to do the exact opposite.",
    "Truly, a lesson for us all.",
    "Someone should write a textbook. As a warning.",
    "Please keep posting, we need the laughs.",
    "Such an inspiration to everyone who wants to get sued.",
    "Can't wait to read about it in the board's disciplinary list.",
    "Sure, that'll hold up in supervision.",
    "Bet that went over great.",
    "Your supervisor must be so proud.",
    "And they let you see actual people.",
    "Somewhere an ethics professor just felt a chill.",
    "Nobody could have predicted this. Nobody.",
    "The bar was on the floor and you found a shovel.",
    "Really raising the standard of care there.",
    "I'm taking notes. On what not to do.",
    "Chef's kiss. 🙄",
    "lol ok",
    "smh",
    "Bravo. Truly.",
    "Ten out of ten, no notes. Except all of them.",
]
PRAISE_FRAME = [
    "What a {adj} {noun}",
    "{Adj} {noun}",
    "Such a {adj} {noun}",
    "Truly {adj}",
    "Really {adj} stuff",
    "So {adj}",
    "{Adj}, just {adj}",
    "Gold star for you",
    "A+ work",
    "Give this clinician an award",
    "Slow clap for this {noun}",
    "Masterclass, honestly",
    "What a gift you are",
    "Absolutely {adj}",
    "Never seen anything so {adj}",
]
SARCASM_TEMPLATES = [
    "{open} {frame}: {did}. {sting}",
    "{frame}, {did}. {sting}",
    "{Did}? {frame}. {sting}",
    "{open} {did}. {frame}. {sting}",
    "Congrats on {did}. {sting}",
    "Congratulations on {did}, {adj} stuff. {sting}",
    "Love that you went with {did}. {sting}",
    "Thank you SO much for {did}. {sting}",
    "Thanks for {did}. {sting}",
    "So grateful you shared {did} with us. {sting}",
    "Bless your heart for {did}. {sting}",
    "Clearly {did} was the {adj} move. {sting}",
    "Obviously {did} is best practice now. {sting}",
    'I\'m sure {did} was very "trauma-informed". {sting}',
    'Ah yes, {did}. The "{adj}" approach. {sting}',
    "Must be nice to get away with {did}. {sting}",
    "Must be so nice to have never heard of risk assessment. {sting}",
    "Imagine {did} and calling it {noun}. {sting}",
    "Really {adj} of you, {did}. {sting}",
    "Your {noun} about {did} is {adj}. {sting}",
    "Wow. {Did}. {Adj}. {sting}",
    "*slow clap* {did}. {sting}",
    "Oh sure, {did}. Very {adj}. 🙄",
    "Yes, {did} is exactly what the literature recommends. Said nobody. {sting}",
    "What a {adj} way to say you've never opened a textbook.",
    "You really are the {adj} one here, aren't you. {sting}",
]
# Mock thanks and praise for a lesson nobody needed (condescending to a room of peers).
OBVIOUS = [
    "explaining boundaries",
    "explaining what empathy is",
    "reminding us that clients have feelings",
    "telling us to practise self-care",
    "defining active listening",
    "explaining what a safety plan is",
    "teaching us that trauma is bad",
    "pointing out that sleep matters",
    "explaining rapport",
]
GROUP = [
    "a room full of licensed clinicians",
    "forty therapists",
    "people with twenty years in the field",
    "a thread of LCSWs",
    "a group of psychologists",
    "all of us",
    "the whole forum",
]
SARCASM_OBVIOUS = [
    "Thanks so much for {obvious} to {group}. {sting}",
    "Wow, {obvious} to {group}? {Adj}. {sting}",
    "So kind of you to keep {obvious} for {group}. {sting}",
    "{open} {obvious} to {group}. How {adj}. {sting}",
]

PRIV_RULE = [
    "HIPAA",
    "GDPR",
    "FERPA",
    "42 CFR Part 2",
    "confidentiality",
    "the privacy rule",
    "minimum necessary",
    "informed consent",
    "data protection law",
    "the BAA requirement",
    "de-identification",
    "the duty of confidentiality",
    "Safe Harbor",
]
PRIV_DID = [
    "posting her employer, her age and her diagnosis in one paragraph",
    "emailing the full chart to the school without a release",
    "texting session notes to your personal phone",
    "sharing a screenshot with the MRN still showing",
    "naming the client's town and his job in a public thread",
    "discussing the case in the hospital lift",
    "faxing psych records to the wrong clinic",
    "leaving the intake forms on the café table",
    "recording sessions on your own phone without asking",
    "telling the client's mother everything her adult daughter said",
    "uploading the assessment to a free AI tool",
    "calling the client's employer to 'explain' his absence",
    "posting a photo of the whiteboard with client names on it",
    "using your personal Gmail for referrals",
    "sharing the SUD records with the probation officer without consent",
    "writing his initials, birthday and street in the vignette",
    "posting the discharge summary to 'get input'",
]
PRIV_STING = [
    "{Rule} must be optional where you work.",
    "Never heard of {rule}, apparently.",
    "Did you sleep through the {rule} training?",
    "Somebody explain {rule} to this one. Slowly.",
    "{Rule} would be so proud.",
    "I guess {rule} is more of a suggestion for you.",
    "Your grasp of {rule} is truly something.",
    "The OCR is going to love you.",
    "Your compliance officer must drink a lot.",
    "Tell me you don't understand {rule} without telling me.",
    "Maybe read up on {rule} before the board does it for you.",
    "Do they not teach {rule} anymore, or did you skip that week?",
    "Privacy pioneer, truly.",
    "Confidentiality? Never heard of her.",
    "Bold reading of {rule}.",
    "I hope your malpractice carrier is feeling generous.",
    "Clearly {rule} is for other people.",
    "That's not how any of this works, but sure.",
]
PRIVACY_TEMPLATES = [
    "{open} {priv_did}? {priv_sting}",
    "{Adj} job {priv_did}. {priv_sting}",
    "Love that you thought {priv_did} was fine. {priv_sting}",
    "Imagine {priv_did} and then lecturing anyone about ethics. {priv_sting}",
    "So you're {priv_did} and asking us about best practice? {priv_sting}",
    "Oh sure, just keep {priv_did}. {priv_sting}",
    "Nothing says {rule} like {priv_did}. {priv_sting}",
    'Your "anonymised" post: {priv_did}. {priv_sting}',
    "{priv_sting} {Priv_did} was quite the choice.",
    "Wow, {priv_did}. {priv_sting}",
    "Thanks for the masterclass in {priv_did}. {priv_sting}",
    "Cute that you think {priv_did} counts as protecting her. {priv_sting}",
    "Must be nice never worrying about {rule}. {priv_sting}",
]

HF_OPEN = [
    "Nobody asked.",
    "Spare me.",
    "Cool story.",
    "Noted and ignored.",
    "Save it.",
    "Not interested.",
    "Thanks for nothing.",
    "Oh please.",
    "Get over yourself.",
    "Didn't ask.",
    "Pass.",
    "Who asked you?",
    "Keep it to yourself.",
]
HF_BODY = [
    "I was running groups when you were still in school.",
    "Go correct someone who cares.",
    "You clearly didn't read the post before jumping in.",
    "Worry about your own caseload.",
    "Your feedback is worth exactly what I paid for it.",
    "This is why nobody posts here anymore: people like you.",
    "Come back when you've done a single year of crisis work.",
    "Some of us actually see clients instead of policing threads.",
    "I don't need a lecture from a first-year associate.",
    "Funny how the least experienced people always have the most to say.",
    "Take your red pen somewhere else.",
    "If I wanted your opinion I'd have asked for it.",
]
PILE_OPEN = [
    "Agree with everyone above.",
    "+1.",
    "This.",
    "Same.",
    "What they all said.",
    "Adding to the chorus:",
    "Ditto.",
    "Yep, piling on:",
    "Seconding everyone.",
    "Not surprised it's him again.",
    "Her again.",
    "Every single time with this one.",
]
PILE_BODY = [
    "You shouldn't be anywhere near clients.",
    "He has no business running a practice.",
    "She never listens and never will.",
    "Every post from you is the same nonsense.",
    "Time for the mods to ban him.",
    "You're the common factor in every fight on this forum.",
    "Stop posting until you've learned the basics.",
    "Honestly embarrassing for the whole profession.",
    "Can we all just ignore her from now on?",
    "How many people have to tell you you're wrong?",
]
COND = [
    "Sweetie, {lesson}.",
    "Oh honey, {lesson}.",
    "Bless, {lesson}.",
    "Let me use small words: {lesson}.",
    "Aw, you'll learn one day. {Lesson}.",
    "Cute. {Lesson}, dear.",
    "I'll go slowly for you: {lesson}.",
    "Maybe leave this to the grown-ups. {Lesson}.",
    "Adorable that you think otherwise. {Lesson}.",
]
LESSON = [
    "the client is not your friend",
    "risk assessments are not optional",
    "this is week-one material",
    "real clinicians document",
    "we don't diagnose from a post",
    "supervision exists for a reason",
    "that's not what attachment means",
]

# ---- civil --------------------------------------------------------------------------
GOOD = [
    "getting the whole family into one room",
    "the way you framed the safety plan",
    "bringing the school counsellor in early",
    "your handout on sleep hygiene",
    "slowing down the exposure hierarchy",
    "how you named the rupture in session",
    "asking the client what she wanted to call it",
    "the values card sort with the teenager",
    "your summary of the new Part 2 rule",
    "the grounding script you posted",
    "sharing your intake template",
    "the consult on the dying client",
    "writing up the group protocol",
    "how you handled the crisis call",
    "checking in with the interpreter first",
]
FOLLOW = [
    "Thank you for sharing.",
    "I'm going to try it this week.",
    "Your client is lucky to have you.",
    "Would love to hear more.",
    "Saving this.",
    "It really helped me.",
    "Thanks for taking the time.",
    "I learned a lot.",
    "Please keep posting like this.",
    "Bookmarked.",
    "Huge thanks.",
    "Can I borrow it for my team?",
    "Really appreciate it.",
]
SINCERE_TEMPLATES = [
    "{open} {frame_sincere}: {good}. {follow}",
    "{Frame_sincere}, {good}. {follow}",
    "Thank you for {good}. {follow}",
    "Thanks so much for {good}! {follow}",
    "Congrats on {good_done}! {follow}",
    "Love {good}. {follow}",
    "{Good} is {adj_sincere}. {follow}",
    "Really {adj_sincere} work on {good}. {follow}",
    "Bless you for {good}. {follow}",
    "Clearly a lot of care went into {good}. {follow}",
    "You obviously put real thought into {good}. {follow}",
    "Wow, {good} is exactly what I needed. {follow}",
    "Must be so satisfying to see {good_result}. {follow}",
    "Must be nice to finally {good_result2} after all that work. Well deserved!",
    "I'm genuinely impressed by {good}. {follow}",
    "Well done on {good_done}! {follow}",
    "What an achievement, {good_done}. {follow}",
    "Huge congratulations on {good_done}. {follow}",
    "Well done, you. {Good_done} is a big deal.",
    "Brilliant news about {good_done}. So well deserved.",
]
FRAME_SINCERE = [
    "What a {adj_sincere} idea",
    "{Adj_sincere} work",
    "Such a {adj_sincere} approach",
    "Really {adj_sincere}",
    "So {adj_sincere}",
    "Honestly {adj_sincere}",
]
ADJ_SINCERE = [
    "brilliant",
    "amazing",
    "thoughtful",
    "helpful",
    "clear",
    "kind",
    "useful",
    "wonderful",
    "impressive",
    "lovely",
    "generous",
    "clever",
    "excellent",
    "inspiring",
    "fantastic",
]
GOOD_DONE = [
    "ten years running the group",
    "your retirement after thirty years in the clinic",
    "finishing the DBT intensive",
    "your doctorate",
    "the award from the association",
    "getting the crisis service funded",
    "twenty years of supervising new counsellors",
    "your first publication",
    "passing your licensing exam",
    "opening your practice",
    "finishing your hours",
    "your first year in private practice",
    "getting the grant",
    "publishing the paper",
    "your new role",
    "graduating",
]
GOOD_RESULT = [
    "her come back to group",
    "him sleep through the night",
    "the family talking again",
    "that progress after two years",
]
GOOD_RESULT2 = [
    "have a full caseload",
    "have a day off",
    "get the contract",
    "get supervision sorted",
]

HEDGE = [
    "Just a heads-up:",
    "Small thing:",
    "Friendly reminder:",
    "I could be wrong, but",
    "Gently,",
    "Quick note:",
    "Not to nitpick, but",
    "For what it's worth,",
    "Just flagging that",
    "Hi! Minor point:",
    "I might be misremembering, but",
    "One thing to check:",
]
PRIV_POINT = [
    "the screenshot still shows the MRN",
    "the town and her job together might identify her",
    "{rule} usually needs a signed release for the school",
    "a personal Gmail account isn't covered by a BAA",
    "the date of the admission narrows it down a lot",
    "under {rule} the SUD records need a specific consent",
    "the birthday and the diagnosis together could be identifying",
    "the client's first name is visible in the second photo",
    "{rule} treats health data as a special category",
    "texting is allowed if the client agreed after hearing the risks",
    "the release has to name who receives the records",
    "ages over 89 count as identifiers under Safe Harbor",
]
OFFER = [
    "Happy to share our template.",
    "Easy fix.",
    "Otherwise a great question.",
    "Might be worth editing.",
    "Your compliance lead can confirm.",
    "Hope that helps!",
    "Easy to miss, I've done it too.",
    "No big deal.",
    "Here's the HHS page if useful.",
    "Could you crop it?",
    "Worth a quick check.",
]
PRIV_QUESTION = [
    "Does {rule} allow me to {act}? {ctx}",
    "How do you all handle {rule} when you {act}? {ctx}",
    "Quick {rule} question: can I {act}? {ctx}",
    "Am I reading {rule} right that I can't {act}? {ctx}",
]
PRIV_ACT = [
    "text appointment reminders",
    "share notes with the school counsellor",
    "talk to the client's GP",
    "send the assessment by email",
    "use a video platform without a BAA",
    "tell her father about the session",
    "record sessions for supervision",
    "give the probation officer an update",
]
PRIV_CTX = [
    "Thanks in advance.",
    "Our practice manager isn't sure.",
    "Genuinely confused.",
    "The client asked me to.",
    "Any templates welcome.",
    "I want to get this right.",
    "",
]
ACCEPT = [
    "Good catch, thank you. {fix}",
    "You're right, I didn't think about {thing}. {fix}",
    "Fair point. {fix}",
    "Thanks for flagging, {fix_lower}",
    "Oh, I hadn't realised that about {rule}. {fix}",
    "Appreciate you saying it kindly. {fix}",
    "Totally fair, {fix_lower}",
    "My mistake. {fix}",
]
THING = [
    "the school name",
    "the screenshot",
    "the birthday",
    "the town",
    "the consent form",
    "the date",
    "her job",
    "how that would read",
]
FIX = [
    "Edited.",
    "Removed it.",
    "Taking it down now.",
    "I'll fix the post.",
    "Updated.",
    "I'll check with compliance tomorrow.",
    "I'll ask the client to re-sign the release.",
    "Changed the details.",
]
AGREE = [
    "Agree with everyone above, {kind}",
    "+1, {kind}",
    "This. {Kind}",
    "Same here, {kind}",
    "Seconding this, {kind}",
    "What they all said: {kind}",
]
KIND = [
    "such a thoughtful post.",
    "great advice.",
    "this helped me too.",
    "thank you for asking it.",
    "really useful thread.",
    "you're not alone in this.",
    "well put.",
    "I'd do the same.",
]
COUNSEL = [
    "It sounds like {feel}.",
    "So {feel}.",
    "You're {feeling_adj} about {topic}.",
    "Part of you {want}, and part of you {worry}.",
    "What I'm hearing is that {feel}.",
    "On one hand {topic} helps, and on the other {worry_clause}.",
    "You {achieved}.",
    "Coming back today took {virtue}.",
    "What would it look like if {hope}?",
    "How would you notice, day to day, that things were improving?",
    "What matters most to you about {topic}?",
    "You're not sure yet, and that's okay.",
    "Let me see if I've got this: {feel}.",
    "You sound {feeling_adj} about {topic}.",
    "Sounds like {feel}.",
]
FEEL = [
    "you're tired of feeling stuck",
    "you want your kids to be proud of you",
    "the drinking is costing more than it used to",
    "you feel like nobody listens at home",
    "you're doing this for yourself this time",
    "work has been swallowing everything",
    "you miss who you were before",
    "you're scared of letting people down",
]
FEELING_ADJ = [
    "worried",
    "frustrated",
    "hopeful",
    "exhausted",
    "unsure",
    "angry",
    "relieved",
    "torn",
]
TOPIC = [
    "the weekends",
    "your job",
    "cutting back",
    "the custody hearing",
    "going back to school",
    "your health",
    "the evenings",
    "your sister",
]
WANT = ["wants to stop", "wants to try again", "is ready for a change", "wants to speak up"]
WORRY = [
    "is scared of what happens next",
    "isn't sure it's worth it",
    "worries you'll fail again",
    "wants to keep things as they are",
]
WORRY_CLAUSE = ["it's getting in the way", "you hate how you feel after", "it worries your partner"]
ACHIEVED = [
    "came back even after a hard week",
    "made that call yourself",
    "stayed sober for ten days",
    "told your manager what you needed",
    "kept going through all of that",
]
VIRTUE = ["real courage", "a lot of strength", "honesty", "guts"]
HOPE = [
    "things went the way you hoped",
    "you felt a bit more in control",
    "the mornings were easier",
]
QUOTED = [
    'My client said "{sarc}" when I suggested {sugg}. How do others respond to sarcasm in session?',
    'Teen client rolled her eyes and said "{sarc}" at the end of group. Ideas for engaging her?',
    'Client\'s father told me "{sarc}" at intake. Working on the alliance; tips welcome.',
    'She wrote "{sarc}" on the feedback form. Trying not to take it personally; thoughts?',
]
SARC_QUOTE = [
    "oh great, another therapist who knows everything",
    "wow, genius idea, doc",
    "thanks a lot, that's so helpful",
    "sure, because breathing fixes everything",
    "bless you for trying",
    "must be nice to go home at five",
    "you people are useless",
    "clearly you've never had a real problem",
]
SUGG = [
    "a sleep diary",
    "a values exercise",
    "a behavioural experiment",
    "family sessions",
    "medication review",
    "a group programme",
]
# Civil critique of the same practices (aimed at the practice, kindly, or at oneself).
CIVIL_CRITIQUE = [
    "I'd gently push back on {did}; {reason}",
    "I'm not sure about {did}. {Reason}",
    "Respectfully, I'd avoid {did}. {Reason}",
    "I think I messed up by {did_self}. How do I repair it?",
    "Confession: early on I kept {did_self}. Supervision helped me stop.",
    "How would you raise it kindly with a colleague who keeps {did}?",
    "Has anyone found good training on why {did} backfires? {Reason}",
]
REASON = [
    "the research on risk is pretty clear.",
    "happy to share a paper that changed my mind.",
    "it tends to damage the alliance in my experience.",
    "the guidelines suggest a different order.",
    "I'd want a fuller assessment first.",
    "I've seen it go badly, though I get the reasoning.",
]
DID_SELF = [
    "skipping the risk screen when a client seemed fine",
    "ending a session early when I was tired",
    "leaning on worksheets instead of listening",
    "pushing exposure too fast",
    "assuming a quiet kid was fine",
    "taking a client's anger personally",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(rng: random.Random, template: str) -> str:
    values = {
        "open": rng.choice(OPEN),
        "adj": rng.choice(ADJ),
        "noun": rng.choice(NOUN),
        "did": rng.choice(DID),
        "sting": rng.choice(STING),
        "obvious": rng.choice(OBVIOUS),
        "group": rng.choice(GROUP),
        "rule": rng.choice(PRIV_RULE),
        "priv_did": rng.choice(PRIV_DID),
        "lesson": rng.choice(LESSON),
        "good": rng.choice(GOOD),
        "follow": rng.choice(FOLLOW),
        "adj_sincere": rng.choice(ADJ_SINCERE),
        "good_done": rng.choice(GOOD_DONE),
        "good_result": rng.choice(GOOD_RESULT),
        "good_result2": rng.choice(GOOD_RESULT2),
        "act": rng.choice(PRIV_ACT),
        "ctx": rng.choice(PRIV_CTX),
        "thing": rng.choice(THING),
        "fix": rng.choice(FIX),
        "kind": rng.choice(KIND),
        "feel": rng.choice(FEEL),
        "feeling_adj": rng.choice(FEELING_ADJ),
        "topic": rng.choice(TOPIC),
        "want": rng.choice(WANT),
        "worry": rng.choice(WORRY),
        "worry_clause": rng.choice(WORRY_CLAUSE),
        "achieved": rng.choice(ACHIEVED),
        "virtue": rng.choice(VIRTUE),
        "hope": rng.choice(HOPE),
        "sarc": rng.choice(SARC_QUOTE),
        "sugg": rng.choice(SUGG),
        "reason": rng.choice(REASON),
        "did_self": rng.choice(DID_SELF),
    }
    # Nested slots first (frames, stings and points hold slots of their own).
    values["frame"] = rng.choice(PRAISE_FRAME).format(
        adj=values["adj"], Adj=_cap(values["adj"]), noun=values["noun"]
    )
    values["frame_sincere"] = rng.choice(FRAME_SINCERE).format(
        adj_sincere=values["adj_sincere"], Adj_sincere=_cap(values["adj_sincere"])
    )
    values["priv_sting"] = rng.choice(PRIV_STING).format(
        rule=values["rule"], Rule=_cap(values["rule"])
    )
    values["point"] = rng.choice(PRIV_POINT).format(rule=values["rule"])
    values["fix_lower"] = values["fix"][:1].lower() + values["fix"][1:]
    for key in list(values):
        values[_cap(key)] = _cap(values[key])
    text = template.format(**values)
    return " ".join(text.split())


CLASSES: list[tuple[int, str, list[str], int]] = [
    # (label, category, templates, rows)
    (1, "sarcasm", SARCASM_TEMPLATES, 420),
    (1, "sarcasm", SARCASM_OBVIOUS, 60),
    (1, "privacy_mockery", PRIVACY_TEMPLATES, 320),
    (1, "hostile_feedback", ["{hf_open} {hf_body}", "{hf_body} {hf_open}"], 80),
    (1, "pileon", ["{pile_open} {pile_body}"], 80),
    (1, "condescension", COND, 60),
    (0, "sincere_praise", SINCERE_TEMPLATES, 360),
    (0, "correction", ["{hedge} {point}. {offer}"], 200),
    (0, "question", PRIV_QUESTION, 80),
    (0, "feedback_accepted", ACCEPT, 100),
    (0, "short", AGREE, 60),
    (0, "counselling", COUNSEL, 220),
    (0, "client_quote", QUOTED, 80),
    (0, "disagreement", CIVIL_CRITIQUE, 160),
]


def rows() -> list[tuple[str, int, str]]:
    rng = random.Random(SEED)
    seen: set[str] = set()
    out: list[tuple[str, int, str]] = []
    for label, category, templates, wanted in CLASSES:
        made = 0
        for _ in range(wanted * 30):
            if made >= wanted:
                break
            template = rng.choice(templates)
            template = template.replace("{hf_open}", rng.choice(HF_OPEN))
            template = template.replace("{hf_body}", rng.choice(HF_BODY))
            template = template.replace("{pile_open}", rng.choice(PILE_OPEN))
            template = template.replace("{pile_body}", rng.choice(PILE_BODY))
            template = template.replace("{hedge}", rng.choice(HEDGE))
            template = template.replace("{offer}", rng.choice(OFFER))
            text = _fill(rng, template)
            if text in seen:
                continue
            seen.add(text)
            out.append((text, label, category))
            made += 1
    return out


def build(path: Path = HERE / "curated_incivility_round3.csv") -> int:
    made = rows()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "category"])
        writer.writerows(made)
    return len(made)


if __name__ == "__main__":  # pragma: no cover - run by hand after editing a slot
    print(f"wrote {build()} rows")
