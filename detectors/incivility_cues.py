"""Cue features of the incivility model: what a bag of words does not see in mock praise.

A third hashed feature space beside the word and character n-grams (issue 20, third
round). Its terms are computed by `cue_terms` from a post, here in the detectors package,
so training (`moderation.training`, through scikit-learn's HashingVectorizer with this
function as its analyzer) and screening (`detectors.hashed_text`, numpy alone) compute the
same terms. The model learns every weight; nothing here decides anything.

The terms are about *how* a post addresses someone, in word classes general enough to
cover wording never seen in training:

- ``c:CLASS``: a token of a word class (praise, gratitude, second person, sarcastic
  certainty, interjection, laughter, privacy-law vocabulary, ignorance, sanctions, novice,
  endearment, dismissal, agreement with a crowd, contempt, hedging, reflection);
- ``b:X Y``: word bigrams with class members replaced by their class ("b:PRAISE move",
  "b:YOU grasp"), so "stunning move" and "brilliant move" share a feature;
- ``k:X _ Z``: word pairs one word apart ("k:must _ nice", "k:kind _ you");
- ``w:A>B``: two classes within five words, in order, the next three of each
  ("w:PRAISE>YOU");
- ``p:A+B``: two classes anywhere in the post (the interaction features: praise or
  gratitude together with second-person address, privacy words with ignorance words);
- ``s:X``: the first word (or its class) of each sentence ("s:INTERJ", "s:imagine");
- ``m:...``: marks in the raw text: short quoted phrases (scare quotes) and long quotes
  (a client's words), eye-roll emoji and "smh", an *action* in asterisks, a word in
  capitals for emphasis, ellipses, exclamations, questions aimed at "you", and a few
  idioms of mock praise and mock sympathy ("must be nice", "said no one", "who knew");
- ``n:...`` (version 2, 2026-12-06): the post's length in words, in bins (1, 2-3, 4-7,
  8-15, 16 and more). The word and character spaces are normalised per post, so in a
  post of one to three words each word carries its whole weight ("Go on." scored at the
  queue threshold on "go"); the bin gives the model a term of its own for short posts
  (counsellor prompts, one-line reflections and replies) to weigh.

`CUES_VERSION` is written into the artifact: a model is served only with the cue terms it
was trained on (`terms_for_version`: version 1, the 2026.12.06-1 model's, is still served).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import combinations

CUES_VERSION = 2

_WORDS: dict[str, str] = {}


def _klass(name: str, words: str) -> None:
    for word in words.split():
        _WORDS.setdefault(word, name)


# Word classes. A word belongs to the first class that names it.
_klass("YOU", "you your you're youre you've you'd you'll yours yourself yourselves u ur ya y'all")
_klass(
    "ENDEAR",
    "sweetie sweetheart honey hon hun dear darling sugar buddy pal champ kiddo sport princess babe",
)
_klass(
    "GRATITUDE",
    "thanks thank thx ty grateful gratitude appreciate appreciated appreciation bless blessed "
    "kind kindly generous",
)
_klass(
    "PRAISE",
    "amazing awesome brilliant brilliantly genius fantastic fabulous great wonderful incredible "
    "incredibly impressive impressed stunning superb excellent outstanding marvellous marvelous "
    "magnificent spectacular phenomenal inspiring inspired inspirational revolutionary "
    "groundbreaking visionary masterpiece masterclass legendary iconic bold brave courageous "
    "heroic hero nice lovely beautiful gorgeous cute adorable precious sweet perfect perfectly "
    "flawless love loved loving adore congrats congratulations bravo kudos applause medal award "
    "trophy plaque gift wise wisdom insight insights insightful enlightening enlightened "
    "thoughtful clever smart expert expertise experts guru gurus oracle rockstar genius-level "
    "thrilled delighted proud awe gem treasure golden stellar cutting-edge innovative novel "
    "fascinating riveting groundbreaking mastermind prodigy savant virtuoso gifted talented "
    "helpful useful",
)
_klass(
    "CERTAIN",
    "clearly obviously surely sure totally definitely certainly truly really honestly apparently "
    "evidently naturally literally absolutely exactly indeed genuinely seriously undoubtedly "
    "famously presumably",
)
_klass(
    "INTERJ",
    "oh ah aw aww awww gosh golly gee wow whoa woah yay ooh oooh ohh ahh hmm hmmm huh ha yeah "
    "yep yup okay ok righto welp phew",
)
_klass("LAUGH", "lol lmao lmfao rofl haha hahaha hah heh hehe smh lolol kek jk")
_klass(
    "PRIVACY",
    "hipaa gdpr ferpa confidentiality confidential privacy private consent consents release "
    "releases roi baa baas phi pii identifiable identifying identified de-identified "
    "deidentified anonymise anonymize anonymised anonymized anonymising anonymizing anonymous "
    "anonymity redact redacted redaction cfr compliance compliant breach breaches ocr mrn "
    "encryption encrypted unencrypted secure disclosure disclose disclosed disclosing "
    "minimum necessary screenshot screenshots",
)
_klass(
    "IGNORANT",
    "clue clueless idea heard read reading learn learned learnt taught teach teaching training "
    "module course class skipped skip missed slept sleep asleep forgot forget ignore ignored "
    "optional suggestion suggestions basics basic 101 remedial crash google googled tiktok "
    "youtube pamphlet weekend workshop certificate",
)
_klass(
    "SANCTION",
    "board boards license licence licensed licensing malpractice lawsuit lawsuits sue sued "
    "complaint complaints carrier liability liable investigation ethics lawyer attorney "
    "revoked revoke disciplined fired",
)
_klass("HARMED", "clients client patients patient victims harm harmed harming dangerous unsafe")
_klass(
    "NOVICE",
    "intern interns student students grad grads newbie newbies rookie trainee trainees "
    "associate junior first-year beginner beginners amateur amateurs baby",
)
_klass(
    "DISMISS",
    "whatever pass noted nobody asked unsolicited bother mind business cares opinion opinions "
    "lecture lecturing lectures preach preaching police sermon mansplain mansplaining spare "
    "save enough",
)
_klass(
    "CROWD",
    "everyone everybody whole thread agree agreed same seconded ditto another again ban "
    "banned mods",
)
_klass(
    "CONTEMPT",
    "worst terrible awful embarrassing embarrassed embarrass ridiculous absurd nonsense garbage "
    "trash joke joking clown clowns incompetent useless pathetic hack hacks fraud idiot idiots "
    "stupid dumb moron morons ignorant lazy sloppy shameful ashamed disgrace disgraceful "
    "laughable cringe cringey cringeworthy yikes oof liability embarrassment hopeless "
    "delusional arrogant smug",
)
_klass(
    "HEDGE",
    "maybe perhaps might wonder wondering gently gentle friendly heads flag flagging small "
    "quick happy hope curious consider suggest worth easy fair respectfully sorry apologies "
    "possibly wondered tentatively",
)
_klass(
    "REFLECT",
    "sounds sound hear hearing feel feeling feelings felt seems seem part wants wanting "
    "worried scared tired exhausted hard difficult courage strength matters important "
    "ready struggling",
)
_klass("SELF", "i i'm i've i'd i'll me my myself we we're our us")

CLASSES = tuple(sorted(set(_WORDS.values())))

_TOKEN = re.compile(r"\w[\w'-]*")
# The first word of each sentence after the first (after . ! ? or a line break).
_WINDOW = 5
_SENTENCE_START = re.compile(r"[.!?\n][^\w.!?\n]*(\w[\w'-]*)")

# Marks in the raw text. Each is gated by a plain substring test, so that a post without
# the gate's characters costs no regular-expression scan (the cue terms must stay cheap:
# screening throughput is a product target).
_IDIOMS = (
    "said no one",
    "said nobody",
    "who knew",
    "what a surprise",
    "what a shock",
    "color me",
    "colour me",
    "big if true",
    "good luck with that",
    "nice try",
    "good for you",
    "yeah right",
    "yeah, right",
    "oh sure",
    "oh, sure",
    "sure, jan",
    "sure jan",
    "tell me you",
    "of course",
    "shocking",
    "imagine thinking",
    "imagine being",
    "imagine not",
    "the nerve",
    "bless your heart",
    "bless his heart",
    "bless her heart",
    "how cute",
    "how sweet",
    "how nice",
    "i'm sure",
    "im sure",
)
_WHO_WHAT = (
    "how on earth",
    "how did you",
    "who made you",
    "who asked",
    "who hurt you",
    "what were you thinking",
    "are you serious",
    "are you kidding",
    "since when",
)
_MUST_BE_NICE = re.compile(r"\bmust be (?:so |really |very )?nice\b")
_YOU_QUESTION = re.compile(
    r"\b(?:do|did|does|have|has|are|were|was|can|could|would|will|is)\s+(?:you|they|u)\b"
    r"[^.?!\n]{0,80}\?"
)
_EYEROLL_EMOJI = frozenset(
    "\U0001f644\U0001f612\U0001f643\U0001f60f\U0001f921\U0001f926\U0001f44f\U0001f937"
)
_EYEROLL_WORDS = re.compile(r"\beye ?-?rolls?\b|\*sighs?\*|/s\b")
_ACTION = re.compile(r"\*[A-Za-z][A-Za-z ]{1,24}\*")
_MULTI_PUNCT = re.compile(r"[?!]{2,}")


def _by_first_word(phrases: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for phrase in phrases:
        grouped.setdefault(_TOKEN.findall(phrase)[0], []).append(phrase)
    return {word: tuple(group) for word, group in grouped.items()}


_IDIOMS_BY_WORD = _by_first_word(_IDIOMS)
_WHO_WHAT_BY_WORD = _by_first_word(_WHO_WHAT)


def _has_phrase(lowered: str, words: set[str], by_word: dict[str, tuple[str, ...]]) -> bool:
    """Whether a phrase occurs (looked for only when its first word is a token)."""
    return any(
        phrase in lowered
        for word, phrases in by_word.items()
        if word in words
        for phrase in phrases
    )


def _marks(text: str, lowered: str, words: set[str]) -> list[str]:
    marks = []
    if "must" in words and _MUST_BE_NICE.search(lowered):
        marks.append("m:must-be-nice")
    if _has_phrase(lowered, words, _IDIOMS_BY_WORD):
        marks.append("m:idiom")
    if "?" in text:
        marks.append("m:question")
        if _YOU_QUESTION.search(lowered):
            marks.append("m:you-question")
    if _has_phrase(lowered, words, _WHO_WHAT_BY_WORD):
        marks.append("m:who-what-question")
    if (not text.isascii() and not _EYEROLL_EMOJI.isdisjoint(text)) or (
        ("eye" in lowered or "*sigh" in lowered or "/s" in lowered)
        and _EYEROLL_WORDS.search(lowered)
    ):
        marks.append("m:eyeroll")
    if "*" in text and _ACTION.search(text):
        marks.append("m:action")
    if "..." in text or "\u2026" in text:
        marks.append("m:ellipsis")
    if "!" in text:
        marks.append("m:exclaim")
    if ("!" in text or "?" in text) and _MULTI_PUNCT.search(text):
        marks.append("m:multi-punct")
    return marks


_QUOTED = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d\n]{1,200})[\"\u201c\u201d]")
_CAPS = re.compile(r"[A-Z]{2,}")
# Words a writer puts in capitals for emphasis (acronyms such as HIPAA or DBT are not).
_EMPHASIS = frozenset(
    [
        "so",
        "very",
        "really",
        "all",
        "and",
        "not",
        "never",
        "ever",
        "such",
        "totally",
        "clearly",
        "exactly",
        "literally",
        "definitely",
        "love",
        "much",
        "thanks",
        "thank",
        "great",
        "amazing",
        "brilliant",
        "genius",
        "obviously",
        "sure",
        "always",
    ]
)


# Upper bounds of the length bins (``n:`` terms, version 2), in words.
_LENGTH_BINS = ((1, "n:len1"), (3, "n:len2-3"), (7, "n:len4-7"), (15, "n:len8-15"))


def _length_term(words: int) -> str:
    for bound, term in _LENGTH_BINS:
        if words <= bound:
            return term
    return "n:len16+"


def cue_terms(text: str) -> list[str]:
    """The cue terms of one post (see the module docstring), of version CUES_VERSION."""
    terms, words = _cue_terms_v1(text)
    if words:
        terms.append(_length_term(words))
    return terms


def cue_terms_v1(text: str) -> list[str]:
    """The cue terms of version 1 (models 2026.12.06-1): no length bin."""
    return _cue_terms_v1(text)[0]


def terms_for_version(version: int) -> Callable[[str], list[str]]:
    """The cue-term function a model trained on cue terms of `version` is served with."""
    if version == CUES_VERSION:
        return cue_terms
    if version == 1:
        return cue_terms_v1
    raise ValueError(f"cue terms version {version!r} is not served")


def _cue_terms_v1(text: str) -> tuple[list[str], int]:
    lowered = text.lower()
    tokens = _TOKEN.findall(lowered)
    get = _WORDS.get
    classes = [get(token) for token in tokens]
    shown = [k or t for t, k in zip(tokens, classes, strict=True)]
    terms = ["c:" + k for k in classes if k]
    terms += [
        f"b:{a} {b}"
        for a, b, ka, kb in zip(shown, shown[1:], classes, classes[1:], strict=False)
        if ka or kb
    ]
    terms += [f"k:{a} _ {b}" for a, b in zip(tokens, tokens[2:], strict=False)]
    positions = [(i, k) for i, k in enumerate(classes) if k]
    for a, (i, first) in enumerate(positions):
        for j, second in positions[a + 1 : a + 4]:
            if j - i > _WINDOW:
                break
            if first != second:
                terms.append(f"w:{first}>{second}")
    present = sorted({k for _, k in positions})
    terms += [f"p:{a}+{b}" for a, b in combinations(present, 2)]
    if tokens:
        terms.append("s:" + shown[0])
        terms += ["s:" + (get(token) or token) for token in _SENTENCE_START.findall(lowered)]
    terms += _marks(text, lowered, set(tokens))
    if '"' in text or "\u201c" in text or "\u201d" in text:
        for quoted in _QUOTED.findall(text):
            terms.append("m:scare-quote" if len(quoted.split()) <= 4 else "m:long-quote")
    for word in _CAPS.findall(text):
        low = word.lower()
        if low in _EMPHASIS or get(low) == "PRAISE":
            terms.append("m:caps-emphasis")
    return terms, len(tokens)


def class_members(text: str) -> dict[str, list[str]]:
    """The post's distinct words of each class (the drivers show a class's pull on them)."""
    members: dict[str, list[str]] = {}
    for token in dict.fromkeys(_TOKEN.findall(text.lower())):
        klass = _WORDS.get(token)
        if klass is not None:
            members.setdefault(klass, []).append(token)
    return members
