"""Contact identifiers: email addresses, web addresses and handles that lead to a person, IP
addresses, phone and fax numbers.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from detectors.identifiers._text import (
    _YEAR_ONLY_RE,
    CLIENT_OR_KIN_WORDS,
    _Candidate,
    _CaseFree,
    _Doc,
    _words,
)
from detectors.identifiers.context import _practice_exempt
from detectors.identifiers.wordlists import load_words
from detectors.lexicon_scan import StartGated

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,24}\b"
)


# Obfuscated addresses: "jane.doe at gmail dot com", "jdoe [at] example [dot] org",
# "jdoe(at)mail.com", "j doe @ proton . me". Group 1 the local part, 2 the domain words,
# 3 the top-level domain.
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s*@\s+|\s+@\s*)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\s*\.\s*)"
_EMAIL_OBFUSCATED_RE = _CaseFree(
    rf"(?i)(?<![\w.+-])([a-z0-9][a-z0-9._%+-]{{0,63}}){_AT}([a-z0-9-]{{2,63}}(?:{_DOT}[a-z0-9-]{{2,63}})*?)"
    rf"{_DOT}(com|org|net|edu|gov|io|co|us|me|info|biz|mail|uk|ca|de|fr)\b"
)
_FREE_MAIL = load_words("free_email_domains.txt")
# What must follow an "at" for an obfuscated address to be possible: a domain word and a
# dot (spelled or not) before a top-level domain. Matched at each "at" alone, so the full
# pattern runs only where an address can be.
_AT_TAIL_RE = re.compile(
    rf"[a-z0-9-]{{2,63}}(?:{_DOT}[a-z0-9-]{{2,63}})*?{_DOT}"
    r"(?:com|org|net|edu|gov|io|co|us|me|info|biz|mail|uk|ca|de|fr)\b"
)
_AT_MARKS = (" at ", "(at)", "[at]", " @", "@ ")
_SPELLED = re.compile(r"(?i)[\[({<]\s*(?:at|dot)|\bdot\b")


def _obfuscated_email(match: re.Match[str], text: str) -> bool:
    """An obfuscated address, not "she works at amazon.com": the at or dot is spelled out
    or bracketed, or the domain is a free webmail one (Faker's list), or the local part
    has an address's dots, digits or underscores."""
    whole = text[match.start() : match.end()]
    local = text[match.start(1) : match.end(1)]
    domain = re.sub(r"\W+|dot", ".", text[match.start(2) : match.end(3)].lower()).strip(".")
    domain = re.sub(r"\.+", ".", domain)
    if domain.startswith("www."):
        return False  # "results at www (dot) site (dot) com" is a web address
    if "@" in whole or _SPELLED.search(whole):
        return True
    if domain in _FREE_MAIL:
        return True
    return any(ch.isdigit() or ch in "._+" for ch in local) and len(local) >= 3


# Top-level domains a bare host ("linktr.ee/...", "someone.art") may end in, newer generic
# ones people put their own names under among them ("lenavoss.dance"). The URL pattern and
# the cheap substring gate (`_TLD_HINTS`) are both built from this one list.
_TLD_NAMES = (
    "com",
    "org",
    "net",
    "edu",
    "gov",
    "io",
    "co",
    "us",
    "info",
    "me",
    "biz",
    "ly",
    "app",
    "health",
    "care",
    "site",
    "page",
    "blog",
    "ca",
    "uk",
    "ee",
    "tv",
    "ai",
    "gg",
    "fm",
    "social",
    "be",
    "link",
    "bio",
    "xyz",
    "online",
    "store",
    "shop",
    "art",
    "life",
    "live",
    "family",
    "dev",
    "world",
    "club",
    "band",
    "photo",
    "photos",
    "studio",
    "website",
    "space",
    "tk",
    "to",
    "mx",
    "de",
    "fr",
    "nz",
    "ie",
    "in",
    "dance",
    "yoga",
    "fitness",
    "coach",
    "photography",
    "gallery",
    "design",
    "music",
    "rocks",
    "guru",
    "style",
    "beauty",
    "tattoo",
    "church",
    "media",
    "tech",
    "email",
    "today",
    "games",
    "video",
    "nyc",
)
_TLDS = "(?:" + "|".join(sorted(_TLD_NAMES, key=len, reverse=True)) + ")"


_URL_RE = _CaseFree(
    r"(?i)\b(?:https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+|"
    rf"(?<![@\w.-])[a-z0-9-]{{1,63}}(?:\.[a-z0-9-]{{2,63}})*\.{_TLDS}(?:/[^\s<>\"')\]]*)?)"
    r"(?<![.,;:!?])"
)


_SOCIAL_URL_RE = _CaseFree(
    r"(?i)(?:facebook|fb|instagram|instagr\.am|twitter|x|tiktok|snapchat|linkedin|youtube|"
    r"reddit|tumblr|pinterest|onlyfans|venmo|cash\.app|gofundme|threads|bsky|myspace|github)"
    r"\.(?:com|me|net|app|social)/|youtu\.be/"
)


_HANDLE_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}\b")
_HANDLE_RE = StartGated(_HANDLE_RE)  # tried only where a match can begin


_IPV4_RE = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|"
    r"[1-9]?\d)(?![\d.]\d)"
)


_IPV6_RE = _CaseFree(r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])")
# Compressed IPv6 ("2001:db8::7a1", "fe80::1ff:fe23:4567:890a", "::ffff:10.0.0.1"): a "::"
# with hex groups around it, checked by the ipaddress module.
_IPV6_SHORT_RE = _CaseFree(
    r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?"
    r"(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])"
)


_PHONE_US_RE = re.compile(
    r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]|\d{3}/(?=\d{3}-))\d{3}[\s.-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w/-])"
)


_PHONE_INTL_RE = re.compile(
    r"(?<![\w/.-])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{2,5}){1,4}|"
    r"\(0\d{1,4}\)[\s.-]?\d{2,5}(?:[\s.-]\d{2,5}){1,3})(?:\s?x\d{1,5})?(?![\w/-])"
)


# Bare digit groups count as a phone number only right after a phone word.
_PHONE_CUE_RE = _CaseFree(
    r"(?i)\b(?:phone|ph|tel|telephone|cell|cellphone|mobile|fax|number|no\.|#|text(?:ed)?|"
    r"call(?:ed)?|"
    r"reach(?:ed)? (?:her|him|them) at|contact)\s*(?:number|no\.?|#|is|was|at|on|:)?\s*[:#]?\s*"
    r"(\d{3,5}(?:[\s.-]\d{2,5}){1,3}|\d{7,11})\b"
)


# A phone number a few words after a phone verb or noun ("texted me at 2am from
# 5415550128", "calls from 555-0142", "reach the dad at 4045550151", "her callback number
# was (503) 555 0199"): ten digits in any grouping (NANP: area code and exchange not
# starting with 0 or 1), with +1 or 1 before and an extension after, or a seven-digit local
# number.
_PHONE_LOOSE_RE = _CaseFree(
    r"(?i)\b(?:call(?:s|ed|ing)?|text(?:s|ed|ing)?|phoned?|cell(?:phone)?|mobile|numbers?|"
    r"reach(?:ed)?|dial(?:l?ed)?|rang|rings?|voicemail|voice mail|vm|v/m|vmail|callback|"
    r"call-back|contact|tel|ph|fax|"
    r"whatsapp|signal|landline|line|hmu|hit (?:me|us) up|try|reach (?:her|him|them|the \w+) at|"
    # A relative and their number, as intake notes list them: "mom Renee 3147762219".
    r"mom|dad|mother|father|husband|wife|guardian|caregiver|grandma|grandpa|aunt|uncle)"
    r"(?:[\s,:;\"“”(]+(?!(?:and|or|but)\b)[a-z0-9'’.]{1,12}){0,5}?[\s,:\"“”(]*(?:#|no\.)?\s*"
    r"((?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?|\d{3}[\s.-]\d{4})(?![\w/-]|\.\d)"
)


def _nanp_ok(value: str) -> bool:
    digits = "".join(ch for ch in value.split("x")[0].split("e")[0] if ch.isdigit())
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 7:
        return digits[0] not in "01"
    return len(digits) == 10 and digits[0] not in "01" and digits[3] not in "01"


# Digit groups in the shapes phone numbers take outside the US ("0489 25 37
# 29", "01.84.17.61.18"): one separator throughout, 8 to 13 digits.
_PHONE_GROUPS_RE = re.compile(
    r"(?<![\w.,/+-])(?:\d{2,4}(?: \d{2,4}){2,4}|\d{2,4}(?:\.\d{2,4}){2,4}|\d{2,4}(?:-\d{2,4}){3,4})"
    r"(?![\w,/-]|\.\d)"
)


_TOLL_FREE_RE = re.compile(r"^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?")


# A URL is a patient identifier only when it leads to a person: a social
# profile, or a link introduced as the client's ("her blog", "his GoFundMe").
_URL_PERSON_CUE_RE = _CaseFree(
    r"(?i)\b(?:her|his|their|whose|client'?s|patient'?s|pt'?s|(?:mother|father|mom|dad|daughter|son|"
    r"husband|wife|partner|sister|brother|teen|kid|child|boy|girl|youth|grandma|grandpa|aunt|"
    r"uncle|cousin|boyfriend|girlfriend|ex|stepdad|stepmom)'?s)\s+(?:[\w\"“”'-]+\s+){0,3}"
    r"(?:blog|site|website|page|profile|bio|url|web address|domain|"
    r"account|channel|instagram|facebook|tiktok|twitter|youtube|linkedin|gofundme|fundraiser|"
    r"obituary|link|handle|username|onlyfans|venmo|snapchat|reddit|shop|store|story|band|"
    r"podcast|stream|art|music|videos?|updates?|portfolio|gallery|newsletter|journal|"
    r"substack|tumblr|twitch|etsy)\b|"
    r"\b(?:obituary|gofundme|fundraiser|posted|posts|posting|shared|shares|sharing|uploaded|"
    r"writes|blogs|streams|sells|vlogs|raps|sings|publishes|published)\b|"
    # Whoever's it is, a personal site is a person's: "has a personal site, x.me".
    r"\bpersonal (?:site|website|web ?page|page|blog)\b"
)
# A site the client (or a relative) runs, keeps or made, in the sentence before the link:
# "My client runs www...", "my 16yo client made a website about her recovery, x.org",
# "Mine has a public blog, http://...". The verb is followed by the link, or by a site's noun
# and then the link; the subject is never the author ("I", "we").
_URL_OWNER_RE = _CaseFree(
    r"(?i)(?:\b(?:client|patient|pt|teen|kid|son|daughter|mom|dad|mother|father|husband|wife|"
    r"partner|sister|brother|grandma|grandpa|grandmother|grandfather|granddaughter|grandson|"
    r"niece|nephew|aunt|uncle|cousin|spouse|roommate|caregiver|she|he|they|mine)\b"
    # ... or someone named with their age: "Thaddeus (14) built a website".
    r"|\b[a-z]+ \(\d{1,2}\))"
    r"[^.!?\n]{0,80}?\b(?:runs|ran|running|has|had|keeps|kept|keeping|made|makes|making|"
    r"started|starts|starting|created|creates|creating|built|builds|building|launched|"
    r"launching|maintains|owns|set up|setting up|writes|publishes)"
    r"(?:\s+(?:[\w'’-]+\s+){0,4}?(?:blog|site|website|web ?page|page|shop|store|channel|podcast|"
    r"newsletter|journal|portfolio|gallery|account|fundraiser|campaign)\b[^.!?\n]{0,60}?)?"
    r"[\s,:(—–-]*(?:at|on|called|named)?\s*$"
)
# Not the client's own site after all: a site they use ("has a favourite meditation site,
# headspace.com"), or a platform's bare host after "journal/account/app on" ("keeps a journal
# on dayoneapp.com", "has an account at mychart...").
_USED_SITE_RE = _CaseFree(r"(?i)\b(?:favou?rite|fave|go-to|preferred|helpful|useful|trusted)\b")
_PLATFORM_BEFORE_RE = _CaseFree(
    r"(?i)\b(?:journal|account|page|channel|shop|store|profile|app|podcast|newsletter|diary|"
    r"playlist|portal)\s+(?:on|at|through|via|using|with|in)\s*$"
)


def _owned_site(doc: _Doc, start: int, url: str) -> bool:
    owner = _URL_OWNER_RE.search(doc, max(0, start - 140), start)
    if owner is None or _USED_SITE_RE.search(doc, owner.start(), start):
        return False
    match = _HOST_RE.match(url)
    bare_host = match is not None and not (match.group(2) or "").strip("/")
    return not (bare_host and _PLATFORM_BEFORE_RE.search(doc, owner.start(), start))


_PERSONAL_HOSTS = load_words("personal_page_hosts.txt")
_HOST_RE = re.compile(r"^(?:[a-z]+://)?(?:www\.)?([^/\s?#]+)(/[^\s]*)?", re.IGNORECASE)


# A path that names one person on any host: "/@someone", "/~jsmith", "/u/someone",
# "/users/123", "/profile/...", "/obituaries/...", "/memorial/...", "/f/help-the-..."
# (fundraisers), "/in/someone" (profiles), "/channel/...".
# The person's segment comes first, or after a locale ("us/obituaries/...").
_PERSONAL_PATH_RE = re.compile(
    r"^(?:[a-z]{2}(?:-[a-z]{2})?/)?(?:@|~|(?:u|user|users|profile|profiles|people|member|members|"
    r"channel|author|obituary|obituaries|obits|memorial|memorials|tribute|tributes|fundraiser|"
    r"fundraisers|campaign|campaigns|wishlist)/\S)",
    re.IGNORECASE,
)


def _personal_page(url: str) -> bool:
    """A link to one person's page on a host of personal pages: with a path
    (instagram.com/someone) or on a personal subdomain (someone.substack.com); or on any
    host, a path that names a person (/@someone, /~jsmith, /u/..., /obituaries/...)."""
    match = _HOST_RE.match(url)
    if match is None:
        return False
    host = match.group(1).lower()
    path = (match.group(2) or "").strip("/")
    if path and _PERSONAL_PATH_RE.match(path):
        return True
    for personal in _PERSONAL_HOSTS:
        if host == personal and path:
            return True
        if host.endswith("." + personal) and host.split(".")[0] not in {"www", "m", "help"}:
            return True
    return False


# Hosts of shared items (a document, a paste, a family's location circle): a link to one item
# on them leads to whoever shared it. It is a client's when the 150 characters before it speak
# of a client or a relative ("Student-client Kiara dropped a link: docs.google.com/document/
# d/...", "Son is Jaxon ... the doc is up at pastebin.com/raw/..."); a clinician's resource
# document in a post about no one is not.
_SHARED_ITEM_HOSTS = frozenset(
    (
        *("docs.google.com", "drive.google.com", "pastebin.com", "dropbox.com", "life360.com"),
        *("1drv.ms", "onedrive.live.com", "icloud.com", "box.com", "notion.site"),
    )
)
_ITEM_OWNER_RE = re.compile(rf"(?i)\b(?:{CLIENT_OR_KIN_WORDS}|students?)\b")


def _someones_shared_item(doc: _Doc, start: int, url: str) -> bool:
    match = _HOST_RE.match(url)
    if match is None or match.group(1).lower() not in _SHARED_ITEM_HOSTS:
        return False
    if not (match.group(2) or "").strip("/"):
        return False
    return _ITEM_OWNER_RE.search(doc.text, max(0, start - 150), start) is not None


_HANDLE_CUE_RE = _CaseFree(
    r"(?i)\b(?:instagram|insta|ig|tiktok|twitter|snapchat|snap|handle|username|user name|venmo|"
    r"cash ?app|discord|gamertag|reddit|threads|bluesky|x account|onlyfans|twitch|youtube|"
    r"facebook|fb|kik|telegram|whatsapp|grindr|tinder|bumble|hinge|account|page|profile)\b"
)


# A dot after a letter or digit, then a top-level domain. The pattern opens with the dot
# (the letter or digit is read behind it), which re finds with its fast literal search: the
# letter first was a class nearly every character of a post is in.
_TLD_HINT_RE = re.compile(rf"\.(?<=[a-z0-9]\.){_TLDS}\b")


_TLD_HINTS = tuple(f".{name}" for name in _TLD_NAMES)


_ROLE_MAILBOXES = _words(
    "info intake admin office contact hello support frontdesk front.desk scheduling billing "
    "noreply "
    "no-reply referrals referral team help events training trainings register registration "
    "newsletter membership members webmaster press media careers jobs hr"
)


def _obfuscated_emails(doc: _Doc) -> Iterator[_Candidate]:
    text, lower = doc.text, doc.lowered
    seen: set[tuple[int, int]] = set()
    for mark in _AT_MARKS:
        pos = lower.find(mark)
        while pos >= 0:
            after = pos + len(mark)
            while after < len(lower) and lower[after] in " ]})>":
                after += 1
            if lower.find(".", after, after + 90) >= 0 or lower.find("dot", after, after + 90) >= 0:
                tail = _AT_TAIL_RE.match(lower, after)
            else:
                tail = None
            if tail:
                window = (max(0, pos - 65), min(len(text), after + 140))
                for m in _EMAIL_OBFUSCATED_RE.finditer(doc, *window):
                    if m.span() in seen:
                        continue
                    seen.add(m.span())
                    local = text[m.start(1) : m.end(1)].lower()
                    if local in _ROLE_MAILBOXES or local in _NOT_LOCAL:
                        continue
                    if _obfuscated_email(m, text) and not _practice_exempt(doc, m.start(), m.end()):
                        yield _Candidate("email", m.start(), m.end())
            pos = lower.find(mark, pos + 1)


_NOT_LOCAL = frozenset(("me", "us", "him", "her", "them", "home", "www"))


_VERSION_BEFORE_RE = re.compile(
    r"(?i)(?:\bv|\b(?:version|ver|firmware|fw|software|build|release|update|updated|patch|app|"
    r"ios|android|os|sdk|api|rev|revision)(?: (?:to|is|was|of))?[\s:#]*)$"
)


def _infrastructure_ip(value: str) -> bool:
    """Addresses that point to no one: loopback, unspecified, multicast and broadcast, and a
    private network's gateway (10.0.0.1, 192.168.1.254): every home router has them."""
    address = ipaddress.IPv4Address(value)
    if address.is_loopback or address.is_unspecified or address.is_multicast:
        return True
    last = int(value.rsplit(".", 1)[1])
    return last == 255 or (address.is_private and last in {1, 254})


def _looks_like_version(text: str, start: int) -> bool:
    # "version 1.2.3.4", "v10.0.0.1", "firmware 2.4.1.9": software versions, not addresses.
    return bool(_VERSION_BEFORE_RE.search(text[max(0, start - 24) : start]))


def candidates(doc: _Doc) -> Iterator[_Candidate]:
    """Emails, person-leading URLs and handles, IP addresses and phone numbers."""
    text, lower, shape, digits = doc.text, doc.lowered, doc.shape, doc.digits
    # Cheap gates first: most posts have few digits and no "@", and a
    # C-level substring count is far cheaper than running every pattern.
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            local = m.group().split("@", 1)[0].lower()
            # Role addresses (intake@, info@) belong to a practice, not a person.
            if local in _ROLE_MAILBOXES or _practice_exempt(doc, m.start(), m.end()):
                continue
            yield _Candidate("email", m.start(), m.end())
        for m in _HANDLE_RE.finditer(text):
            # The platform may be named before the handle or after it ("DM'd me from
            # @night.owl on Instagram").
            if _HANDLE_CUE_RE.search(doc, max(0, m.start() - 40), m.start()) or (
                _HANDLE_CUE_RE.search(doc, m.end(), min(len(text), m.end() + 20))
            ):
                yield _Candidate("url", m.start(), m.end())
    if " at " in lower or "(at)" in lower or "[at]" in lower or "@ " in text or " @" in text:
        yield from _obfuscated_emails(doc)
    if "." in text and (
        "www." in lower or "://" in lower or _TLD_HINT_RE.search(lower) is not None
    ):
        for m in _URL_RE.finditer(doc):
            if "@" in text[max(0, m.start() - 1) : m.start()]:
                continue
            personal = (
                bool(_SOCIAL_URL_RE.search(doc, m.start(), m.end()))
                or _personal_page(m.group())
                or bool(_URL_PERSON_CUE_RE.search(doc, max(0, m.start() - 60), m.start()))
                or _owned_site(doc, m.start(), m.group())
                or _someones_shared_item(doc, m.start(), m.group())
            )
            if personal and not _practice_exempt(doc, m.start(), m.end()):
                yield _Candidate("url", m.start(), m.end())
    if not digits:
        return
    if digits >= 4 and "0.0" in shape and text.count(".") >= 3:
        for m in _IPV4_RE.finditer(text):
            if _infrastructure_ip(m.group()):
                continue
            if not _looks_like_version(text, m.start()) and not _practice_exempt(
                doc, m.start(), m.end()
            ):
                yield _Candidate("ip", m.start(), m.end())
    if text.count(":") >= 7:
        for m in _IPV6_RE.finditer(doc):
            yield _Candidate("ip", m.start(), m.end())
    if "::" in text:
        for m in _IPV6_SHORT_RE.finditer(doc):
            value = m.group()
            # Two groups at least, and a hex digit: "::" alone or "std::" is not one.
            if value.count(":") < 3 or not any(ch.isdigit() for ch in value):
                continue
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                continue
            yield _Candidate("ip", m.start(), m.end())
    if digits >= 7:
        yield from _phone_candidates(doc)


# A video meeting's number is no one's phone: "meeting ID 814 2291 0067", "Zoom 835 4421 9076".
_MEETING_ID_BEFORE_RE = _CaseFree(
    r"(?i)\b(?:meeting|webinar|conference|zoom|teams|room)(?: (?:id|#|number|no\.?|code))?\s*"
    r"(?:is|:|#)?\s*[\"“']?$"
)


def _phone_candidates(doc: _Doc) -> Iterator[_Candidate]:
    candidates = _phone_candidates_all(doc)
    lower = doc.lowered
    if not any(word in lower for word in ("meeting", "webinar", "conference", "zoom", "teams")):
        yield from candidates
        return
    for cand in candidates:
        if not _MEETING_ID_BEFORE_RE.search(doc, max(0, cand.start - 24), cand.start):
            yield cand


def _phone_candidates_all(doc: _Doc) -> Iterator[_Candidate]:
    text, shape, digits = doc.text, doc.shape, doc.digits
    phone_regexes = []
    if "000-0000" in shape or "000.0000" in shape or "000 0000" in shape or "0000000" in shape:
        phone_regexes.append(_PHONE_US_RE)
    if "+" in text or "(0" in shape:
        phone_regexes.append(_PHONE_INTL_RE)
    for regex in phone_regexes:
        for m in regex.finditer(text):
            if _TOLL_FREE_RE.match(m.group()) or _practice_exempt(doc, m.start(), m.end()):
                continue
            yield _Candidate("phone", m.start(), m.end())
    groups_possible = digits >= 8 and ("00 00" in shape or "00.00" in shape or "00-00" in shape)
    for m in _PHONE_GROUPS_RE.finditer(text) if groups_possible else ():
        value = m.group()
        digit_count = sum(ch.isdigit() for ch in value)
        groups = re.split(r"[ .-]", value)
        if not 8 <= digit_count <= 13 or all(_YEAR_ONLY_RE.match(g) for g in groups):
            continue
        steps = {int(a) - int(b) for a, b in zip(groups, groups[1:], strict=False)}
        if len(steps) == 1 and all(len(g) <= 3 for g in groups):
            continue  # serial sevens ("93-86-79-72"), a countdown: a test's answers
        if _practice_exempt(doc, m.start(), m.end()):
            continue
        yield _Candidate("phone", m.start(), m.end())
    bare_number = (
        "0000000" in shape or "000-0000" in shape or "000 0000" in shape or "000.0000" in shape
    )
    if bare_number or "0000000000" in shape:
        for m in _PHONE_LOOSE_RE.finditer(doc):
            value = m.group(1)
            if not _nanp_ok(value) or _TOLL_FREE_RE.match(value):
                continue
            if not _practice_exempt(doc, m.start(1), m.end(1)):
                yield _Candidate("phone", m.start(1), m.end(1))
    for m in _PHONE_CUE_RE.finditer(doc) if bare_number else ():
        digit_count = sum(ch.isdigit() for ch in m.group(1))
        if 7 <= digit_count <= 15 and not _practice_exempt(doc, m.start(1), m.end(1)):
            yield _Candidate("phone", m.start(1), m.end(1))
