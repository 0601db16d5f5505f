"""A large alternation of lexicon terms, tried only where a term can start.

Python's re tries every alternative of a pattern like
``(?<![\\w-])(?:(?P<t0>...)|(?P<t1>...)|...)(?!\\w)`` at every word start: with a
lexicon of several hundred alternatives that is most of the cost of a scan.
`LexiconScanner` finds the same matches. From the parsed pattern it works out how each
alternative can begin (its possible first KEY_LENGTH characters as literal text, or
failing that its possible first character); one pass of re finds the positions where
the zero-width prefix holds and some alternative can begin, and at each of them the
scanner tries a pattern made of just the alternatives that can begin with the text
there, in their original order, under their original group names.

Why the matches are the same: every alternative consumes at least one character, so
one that cannot begin with the text at a position cannot match there, and leaving it
out of the alternation changes neither which alternative matches first (re tries them
in order, backtracking into later ones only when earlier ones fail) nor the group
reported. After a match the scan goes on from its end, as `re.finditer` does (matches
are never empty). What the analysis does not understand counts as "may begin with any
text"; if that leaves some alternative unbounded, the scanner uses the whole pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

try:  # the parser behind re.compile; its layout is an implementation detail
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Python versions use the whole pattern
    _sre = None  # type: ignore[assignment]
    _sre_parse = None  # type: ignore[assignment]

# Lexicon terms start a word: not after a word character or a hyphen.
WORD_START = r"(?<![\w-])"
# How many characters of text choose the alternatives to try.
KEY_LENGTH = 4
# Bounds on the analysis: beyond them an alternative counts as unbounded.
_MAX_PREFIXES = 4096
_MAX_CLASS_SPAN = 64
_MAX_REPEAT_MIN = 16
# Cached dispatch entries per scanner (one per distinct key seen).
_DISPATCH_LIMIT = 20_000


class _Unbounded(Exception):
    """The analysis cannot bound how a match begins."""


def _category_source() -> dict[Any, str]:
    if _sre is None:  # pragma: no cover
        return {}
    return {
        _sre.CATEGORY_DIGIT: r"\d",
        _sre.CATEGORY_NOT_DIGIT: r"\D",
        _sre.CATEGORY_SPACE: r"\s",
        _sre.CATEGORY_NOT_SPACE: r"\S",
        _sre.CATEGORY_WORD: r"\w",
        _sre.CATEGORY_NOT_WORD: r"\W",
    }


_CATEGORY_SOURCE = _category_source()


# --------------------------------------------------------------------------- first character


def _first_class_of_sequence(items: Any, body: list[str]) -> bool:
    """Append to `body` (a character class body) what the sequence can begin with;
    True if the sequence can match the empty string."""
    return all(_first_class_of_item(op, av, body) for op, av in items)


def _first_class_of_item(op: Any, av: Any, body: list[str]) -> bool:
    if op is _sre.LITERAL:
        body.append(re.escape(chr(av)))
        return False
    if op is _sre.IN:
        for item_op, item_av in av:
            if item_op is _sre.LITERAL:
                body.append(re.escape(chr(item_av)))
            elif item_op is _sre.RANGE:
                body.append(f"{re.escape(chr(item_av[0]))}-{re.escape(chr(item_av[1]))}")
            elif item_op is _sre.CATEGORY and item_av in _CATEGORY_SOURCE:
                body.append(_CATEGORY_SOURCE[item_av])
            else:  # NEGATE and anything else
                raise _Unbounded
        return False
    if op is _sre.BRANCH:
        nullable = False
        for alternative in av[1]:
            nullable |= _first_class_of_sequence(alternative.data, body)
        return nullable
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        if add_flags or del_flags:  # an inline flag such as (?i:...) changes what matches
            raise _Unbounded
        return _first_class_of_sequence(pattern.data, body)
    if op is _sre.ATOMIC_GROUP:
        return _first_class_of_sequence(av.data, body)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        minimum, _maximum, pattern = av
        return _first_class_of_sequence(pattern.data, body) or minimum == 0
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return True  # zero width: the next item supplies the character
    raise _Unbounded  # ANY, NOT_LITERAL, group references, ...


# --------------------------------------------------------------------------- literal prefixes

# Ends a prefix whose next character the analysis cannot bound ("anything may follow").
# A pattern that names this character itself is not analysed.
_WILD = "\U0010ffff"


def _open_end(text: str, length: int) -> bool:
    return len(text) >= length or text.endswith(_WILD)


def _concat(heads: set[str], tails: set[str], length: int) -> set[str]:
    joined = {
        head if _open_end(head, length) else (head + tail)[:length]
        for head in heads
        for tail in tails
    }
    if len(joined) > _MAX_PREFIXES:
        raise _Unbounded
    return joined


def _prefixes_of_sequence(items: Any, length: int) -> set[str]:
    """Every way the sequence can begin, cut to `length` characters. A string ending in
    _WILD: anything may follow it; a shorter string: the sequence can end after it."""
    current = {""}
    for op, av in items:
        done = {text for text in current if _open_end(text, length)}
        growing = current - done
        if not growing:
            break
        grown = set(done)
        for remaining in {length - len(text) for text in growing}:
            heads = {text for text in growing if length - len(text) == remaining}
            grown |= _concat(heads, _prefixes_of_item(op, av, remaining), length)
        current = grown
    return current


def _prefixes_of_item(op: Any, av: Any, length: int) -> set[str]:
    if op is _sre.LITERAL:
        if chr(av) == _WILD:
            raise _Unbounded
        return {chr(av)}
    if op is _sre.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is _sre.LITERAL:
                chars.add(chr(item_av))
            elif item_op is _sre.RANGE and item_av[1] - item_av[0] <= _MAX_CLASS_SPAN:
                chars.update(chr(code) for code in range(item_av[0], item_av[1] + 1))
            else:  # categories, NEGATE, wide ranges
                return {_WILD}
        if _WILD in chars:
            raise _Unbounded
        return chars
    if op is _sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            found |= _prefixes_of_sequence(alternative.data, length)
        return found
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, pattern = av
        if add_flags or del_flags:  # an inline flag such as (?i:...) changes what matches
            return {_WILD}
        return _prefixes_of_sequence(pattern.data, length)
    if op is _sre.ATOMIC_GROUP:
        return _prefixes_of_sequence(av.data, length)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        minimum, maximum, pattern = av
        once = _prefixes_of_sequence(pattern.data, length)
        if "" in once or minimum > _MAX_REPEAT_MIN:
            return {_WILD}
        # Each repetition adds a character or ends in _WILD: past max(minimum, length)
        # repetitions no string grows any more.
        found = set()
        level = {""}
        for count in range(min(maximum, max(minimum, length)) + 1):
            if count >= minimum:
                found |= level
            level = _concat(level, once, length)
        return found
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return {""}
    return {_WILD}  # ANY, NOT_LITERAL, group references, ...


# --------------------------------------------------------------------------- the scanner


def _parse(pattern: str) -> Any:
    parsed = _sre_parse.parse(pattern)
    if parsed.state.flags & ~_sre.SRE_FLAG_UNICODE:
        raise _Unbounded  # a global inline flag such as (?i)
    return parsed.data


def split_alternatives(fragment: str) -> list[str]:
    """`fragment` cut at its top-level "|" (outside groups and character classes)."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    in_class = False
    while index < len(fragment):
        char = fragment[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            # "]" straight after "[" or "[^" is a literal.
            if fragment.startswith("^", index):
                index += 1
            if fragment.startswith("]", index):
                index += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(fragment[start:index])
            start = index + 1
        index += 1
    parts.append(fragment[start:])
    return parts


def _required_text(source: str) -> str:
    """The longest literal text every match of `source` contains ("" if none is known)."""
    longest = ""
    run: list[str] = []
    for op, av in [*_parse(source), (None, None)]:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if len(run) > len(longest):
            longest = "".join(run)
        run = []
    return longest


def _trie(texts: Iterable[str]) -> str:
    """A pattern matching the beginning of any text that starts with one of `texts`."""
    tree: dict[str, Any] = {}
    for text in texts:
        node = tree
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of one of `texts`: anything may follow

    def pattern(node: dict[str, Any]) -> str:
        if "" in node:
            return ""
        return "(?:" + "|".join(re.escape(char) + pattern(node[char]) for char in node) + ")"

    return pattern(tree)


class _Alternative:
    __slots__ = ("first", "prefixes", "source")

    def __init__(self, source: str, suffix: str) -> None:
        self.source = source
        data = _parse(f"(?:{source}){suffix}")
        body: list[str] = []
        if _first_class_of_sequence(data, body) or not body:
            raise _Unbounded  # can match the empty string
        self.first = re.compile("[" + "".join(body) + "]")
        # How it can begin, as literal text (anything may follow a string shorter than
        # KEY_LENGTH); None if even its first character is known only as a class.
        self.prefixes: frozenset[str] | None = None
        try:
            prefixes = _prefixes_of_sequence(data, KEY_LENGTH)
        except _Unbounded:
            return
        if "" not in prefixes and not any(text.startswith(_WILD) for text in prefixes):
            self.prefixes = frozenset(text.removesuffix(_WILD) for text in prefixes)


class LexiconScanner:
    """`finditer` of ``prefix(?:(?P<t0>fragment0)|(?P<t1>fragment1)|...)suffix``.

    `prefix` must be zero width (a lookbehind); `full` is that whole pattern.
    """

    def __init__(self, prefix: str, fragments: Sequence[str], suffix: str) -> None:
        self._prefix = prefix
        self._suffix = suffix
        alternatives = [f"(?P<t{index}>{fragment})" for index, fragment in enumerate(fragments)]
        self.full = re.compile(prefix + "(?:" + "|".join(alternatives) + ")" + suffix)
        self._terms: list[list[_Alternative]] = []
        # Literal beginning -> (term, alternative) pairs that can begin so.
        self._by_prefix: dict[str, list[tuple[int, int]]] = {}
        self._open: list[tuple[int, int]] = []  # alternatives known by first character only
        self._dispatch: dict[str, re.Pattern[str] | None] = {}
        self._patterns: dict[tuple[tuple[int, int], ...], re.Pattern[str] | None] = {}
        self._dispatching = False
        if _sre_parse is None or self.full.groups != len(fragments):
            return  # pragma: no cover
        try:
            if any(op not in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT) for op, _ in _parse(prefix)):
                return
            self._terms = [
                [_Alternative(part, suffix) for part in split_alternatives(fragment)]
                for fragment in fragments
            ]
        except (_Unbounded, re.error):
            self._terms = []
            return
        for index, term in enumerate(self._terms):
            for number, alternative in enumerate(term):
                if alternative.prefixes is None:
                    self._open.append((index, number))
                    continue
                for beginning in alternative.prefixes:
                    self._by_prefix.setdefault(beginning, []).append((index, number))
        # A candidate: text that begins like some alternative, or where an alternative
        # known only by its first character does match. Such an alternative is left out
        # of the test for a text that lacks the literal text it requires.
        self._trie = _trie(self._by_prefix) if self._by_prefix else None
        self._open_tests = [
            (
                f"(?:{self._terms[index][number].source}){suffix}",
                _required_text(self._terms[index][number].source),
            )
            for index, number in self._open
        ]
        self._candidate_tests: dict[
            tuple[bool, ...], tuple[re.Pattern[str], re.Pattern[str] | None] | None
        ] = {}
        self._dispatching = True

    def _candidates_for(
        self, active: tuple[bool, ...]
    ) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
        """(candidate pattern, start-of-text pattern) with the open alternatives that
        are `active`; None when nothing can match."""
        if active not in self._candidate_tests:
            starts = [self._trie] if self._trie is not None else []
            starts += [test for (test, _), on in zip(self._open_tests, active, strict=True) if on]
            begins = "(?=" + "|".join(starts) + ")"
            if not starts:
                self._candidate_tests[active] = None
            elif self._prefix == WORD_START:
                # A word start after the first character follows a character that is
                # neither a word character nor a hyphen: matching that character first
                # lets re skip through words with its fast scan for a character class,
                # instead of starting a match at every character. A candidate is where
                # such a match ends; the start of the text is checked on its own.
                self._candidate_tests[active] = (re.compile(r"[^\w-]" + begins), re.compile(begins))
            else:
                self._candidate_tests[active] = (re.compile(self._prefix + begins), None)
        return self._candidate_tests[active]

    @property
    def dispatches(self) -> bool:
        """False when the scanner falls back to the whole pattern."""
        return self._dispatching

    def _pattern_for(self, key: str) -> re.Pattern[str] | None:
        chosen = set()
        for length in range(1, len(key) + 1):
            chosen.update(self._by_prefix.get(key[:length], ()))
        chosen.update(
            (index, number)
            for index, number in self._open
            if self._terms[index][number].first.match(key)
        )
        ordered = tuple(sorted(chosen))
        if ordered not in self._patterns:
            groups: dict[int, list[str]] = {}
            for index, number in ordered:
                groups.setdefault(index, []).append(self._terms[index][number].source)
            alternation = "|".join(
                f"(?P<t{index}>{'|'.join(parts)})" for index, parts in groups.items()
            )
            self._patterns[ordered] = (
                re.compile(f"{self._prefix}(?:{alternation}){self._suffix}") if groups else None
            )
        pattern = self._patterns[ordered]
        if len(self._dispatch) >= _DISPATCH_LIMIT:
            self._dispatch.clear()
        self._dispatch[key] = pattern
        return pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self._dispatching:
            yield from self.full.finditer(text)
            return
        tests = self._candidates_for(tuple(required in text for _, required in self._open_tests))
        if tests is None:
            return
        scan, at_start = tests
        candidates: Iterable[re.Match[str]] = scan.finditer(text)
        if at_start is not None:
            first = at_start.match(text)
            if first is not None:
                candidates = chain((first,), candidates)
        dispatch = self._dispatch
        resume = 0
        for candidate in candidates:
            # Where the candidate's beginning test stands (after the separator, if any).
            start = candidate.end()
            if start < resume:
                continue
            key = text[start : start + KEY_LENGTH]
            pattern = dispatch[key] if key in dispatch else self._pattern_for(key)
            if pattern is None:
                continue
            match = pattern.match(text, start)
            if match is not None:
                resume = match.end()
                yield match


# --------------------------------------------------------------------------- match starts


def _leading_alternatives(items: list[Any], depth: int = 0) -> list[list[Any]]:
    """The sequence as alternatives none of which begins with a choice: a leading
    alternation (or a group holding one, without flags) is split, each of its alternatives
    followed by the rest of the sequence."""
    if not items or depth > 8:
        return [items]
    op, av = items[0]
    rest = items[1:]
    if op is _sre.BRANCH:
        return [
            alternative
            for branch in av[1]
            for alternative in _leading_alternatives(list(branch.data) + rest, depth + 1)
        ]
    if op is _sre.SUBPATTERN and not av[1] and not av[2]:
        return _leading_alternatives(list(av[3].data) + rest, depth + 1)
    return [items]


def start_scanner(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A zero-width pattern that holds at least wherever a match of `pattern` can begin:
    after a word boundary where the alternative opens with one, its possible first
    KEY_LENGTH characters as literal text (fewer when there are too many). None when the
    analysis cannot bound them, or when `pattern` can match the empty string.

    Trying `pattern.match` only where this holds, from the end of each match on, finds
    what `pattern.finditer` finds: a match never begins elsewhere, each is tried with the
    same string and end, and none is empty (`StartGated`)."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return None  # pragma: no cover
    if pattern.flags & ~re.UNICODE:
        return None  # IGNORECASE and the like change what literal text matches
    # Fewer characters when too many beginnings of four (a cue word followed by a class).
    for length in range(KEY_LENGTH, 1, -1):
        try:
            at_boundary, anywhere = _beginnings(pattern.pattern, length)
            break
        except _Unbounded:
            continue
        except (re.error, RecursionError):
            return None
    else:
        return None
    if at_boundary is None or anywhere is None:
        return None
    parts = [rf"\b(?={_trie(at_boundary)})"] if at_boundary else []
    if anywhere:
        parts.append(f"(?={_trie(anywhere)})")
    return re.compile("|".join(parts))


def _beginnings(pattern: str, length: int) -> tuple[set[str] | None, set[str] | None]:
    """(beginnings after a word boundary, beginnings anywhere) of `pattern`'s matches, cut
    to `length` characters; (None, None) when some match can begin with any text or be
    empty."""
    at_boundary: set[str] = set()
    anywhere: set[str] = set()
    for sequence in _leading_alternatives(list(_parse(pattern))):
        target = anywhere
        if sequence and sequence[0] == (_sre.AT, _sre.AT_BOUNDARY):
            target, sequence = at_boundary, sequence[1:]
        prefixes = _prefixes_of_sequence(sequence, length)
        if "" in prefixes or any(text.startswith(_WILD) for text in prefixes):
            return None, None
        target.update(text.removesuffix(_WILD) for text in prefixes)
    return at_boundary, anywhere


class StartGated:
    """A compiled pattern whose `finditer` and `search` try it only where `start_scanner`
    says a match can begin: a long alternation of cue words ("serial", "pacemaker", "LCSW",
    ...) is otherwise tried in full at every word of the text. The same matches (see
    `start_scanner`); a pattern the analysis cannot bound is run as it is. `match`,
    `fullmatch` and the pattern's attributes are the pattern's own."""

    __slots__ = ("_analysed", "_starts", "compiled")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        # Worked out at the first search, not at import: the analysis of all the gated
        # patterns costs a quarter of a second, and a one-post `score_posts` uses few.
        self._analysed = False
        self._starts: re.Pattern[str] | None = None

    @property
    def starts(self) -> re.Pattern[str] | None:
        if not self._analysed:
            self._starts = start_scanner(self.compiled)
            self._analysed = True
        return self._starts

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def groups(self) -> int:
        return self.compiled.groups

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        end = len(string) if endpos is None else endpos
        starts = self.starts
        if starts is None:
            return self.compiled.finditer(string, pos, end)
        return self._gated(starts, string, pos, end)

    def _gated(
        self, starts: re.Pattern[str], string: str, pos: int, end: int
    ) -> Iterator[re.Match[str]]:
        match = self.compiled.match
        resume = pos
        for start in starts.finditer(string, pos, end):
            at = start.start()
            if at < resume:
                continue
            found = match(string, at, end)
            if found is not None:
                resume = found.end()
                yield found

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return next(iter(self.finditer(string, pos, endpos)), None)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.compiled.match(string, pos, len(string) if endpos is None else endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self.compiled.fullmatch(string, pos, len(string) if endpos is None else endpos)
