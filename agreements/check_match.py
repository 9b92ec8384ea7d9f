"""Concept groups for the Art. 28 checker: patterns written as data, matched fast against one sentence at a time.

A group is written as alternatives separated by " | " or line breaks, in lower case; `~{0,3}` stands for "up to
three words". Python's `re` tries every alternative at every position, so a large group costs tens of
microseconds per sentence, and a DPA has a thousand sentences. Each alternative therefore records the literal
stem every match of it starts with (found by reading the pattern), and runs only on sentences that contain the
stem: as a word's beginning when the pattern starts at a word boundary, else anywhere. Which stems a sentence
contains is worked out once per distinct word of the document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

_WORD = r"(?:[\w'’-]+\s+)"
_WORDS = re.compile(r"\w+")
_PREFIX_MAX = 24  # word stems are cut to this length

# Every stem of every group, by kind: a word's beginning, part of a word, or any text (it starts with a quote).
_AT_WORD_START: set[str] = set()
_IN_WORD: set[str] = set()
_IN_TEXT: set[str] = set()
# The lengths of the word stems (of two letters or more) that begin with each pair of letters.
_STEM_LENGTHS: dict[str, tuple[int, ...]] = {}


class Index:
    """The sentences of one document, lower-cased, and which of them contain each stem. Stems are looked up once
    per distinct word of the document, not once per sentence."""

    def __init__(self, texts: list[str]) -> None:
        self.lowered = [text.lower() for text in texts]
        by_word: defaultdict[str, list[int]] = defaultdict(list)
        for position, words in enumerate(map(set, map(_WORDS.findall, self.lowered))):
            for word in words:
                by_word[word].append(position)
        self._by_stem: dict[str, set[int]] = {}
        for word, positions in by_word.items():
            for n in (1, *_STEM_LENGTHS.get(word[:2], ())):
                if word[:n] in _AT_WORD_START:
                    self._by_stem.setdefault(word[:n], set()).update(positions)
        joined = "\n".join(by_word)
        for stem in _IN_WORD:
            i = joined.find(stem)
            while i >= 0:
                start, end = joined.rfind("\n", 0, i) + 1, joined.find("\n", i)
                end = len(joined) if end < 0 else end
                self._by_stem.setdefault("*" + stem, set()).update(by_word[joined[start:end]])
                i = joined.find(stem, end)
        for stem in _IN_TEXT:
            self._by_stem["!" + stem] = {position for position, text in enumerate(self.lowered) if stem in text}
        self._groups: dict[int, list[tuple[str, set[int], list[re.Pattern[str]], list[re.Pattern[str]]]]] = {}

    def candidates(self, group: Group) -> set[int]:
        """The sentences that contain a stem of the group: the only ones it can match."""
        if group.always:
            return set(range(len(self.lowered)))
        return set().union(*(present[1] for present in self._present(group)))

    def search(self, group: Group, position: int) -> bool:
        """Whether the group matches the sentence at `position`, running only the alternatives whose stem it has;
        one that starts with its stem is tried only where the stem occurs."""
        text = self.lowered[position]
        for stem, positions, starting, containing in self._present(group):
            if position not in positions:
                continue
            if any(regex.search(text) for regex in containing):
                return True
            if starting:
                at = text.find(stem)
                while at >= 0:
                    if any(regex.match(text, at) for regex in starting):
                        return True
                    at = text.find(stem, at + 1)
        return any(regex.search(text) for regex in group.always)

    def _present(self, group: Group) -> list[tuple[str, set[int], list[re.Pattern[str]], list[re.Pattern[str]]]]:
        """The group's alternatives whose stem occurs in the document: (stem, the sentences it occurs in, the
        patterns that start with it, those that contain it)."""
        found = self._groups.get(id(group))
        if found is None:
            found = [
                (key, self._by_stem[key], *patterns) for key, patterns in group.by_key.items() if key in self._by_stem
            ]
            self._groups[id(group)] = found
        return found


def _key(stem: str, at_word_start: bool) -> str:
    """The key of a stem ("*" marks one found inside words, "!" one found in any text), registered so that every
    Index looks for it."""
    word = _WORDS.match(stem)
    if word and at_word_start:
        key = word.group()[:_PREFIX_MAX]  # "in force" is found by the word "in"
        _AT_WORD_START.add(key)
        if len(key) > 1:
            _STEM_LENGTHS[key[:2]] = tuple(sorted({*_STEM_LENGTHS.get(key[:2], ()), len(key)}))
        return key
    if word:
        _IN_WORD.add(word.group())
        return "*" + word.group()
    _IN_TEXT.add(stem)
    return "!" + stem


class Group:
    """One concept: any of its alternatives matching a sentence."""

    def __init__(self, alternatives: list[tuple[set[tuple[str, bool, bool]] | None, re.Pattern[str]]]) -> None:
        self.alternatives = alternatives
        # stem key -> (patterns that start with the stem, patterns that contain it further on)
        self.by_key: dict[str, tuple[list[re.Pattern[str]], list[re.Pattern[str]]]] = {}
        self.always: list[re.Pattern[str]] = []  # alternatives without a known stem: run on every sentence
        for stems, regex in alternatives:
            if stems is None:
                self.always.append(regex)
            for stem, at_word_start, at_match_start in stems or ():
                starting, containing = self.by_key.setdefault(_key(stem, at_word_start), ([], []))
                (starting if at_match_start and at_word_start else containing).append(regex)
        self.keys = frozenset(self.by_key)

    @property
    def pattern(self) -> str:
        """The whole group as one pattern, to build other patterns from."""
        return "|".join(f"(?:{regex.pattern})" for _, regex in self.alternatives)

    def search_text(self, lowered: str) -> bool:
        """Whether the group occurs in a lower-cased text, without the stem index (for a few short texts)."""
        return any(regex.search(lowered) for _, regex in self.alternatives)

    def spans(self, lowered: str) -> list[tuple[int, int]]:
        """Where the group matches in a lower-cased text."""
        return sorted({m.span() for _, regex in self.alternatives for m in regex.finditer(lowered)})

    def fullmatch(self, lowered: str) -> bool:
        return any(regex.fullmatch(lowered) for _, regex in self.alternatives)


def rx(*parts: str | Group) -> Group:
    """One group matching any alternative of any part (written text, or an existing group)."""
    alternatives: list[tuple[set[tuple[str, bool, bool]] | None, re.Pattern[str]]] = []
    for part in parts:
        if isinstance(part, Group):
            alternatives += part.alternatives
            continue
        for line in part.strip().splitlines():
            for written in (a.strip().replace("~", _WORD) for a in line.split(" | ")):
                # "a|b" written without spaces is two alternatives too: each needs its own stems.
                for alternative in _top_level(written) if written else ():
                    alternatives.append((_stems(alternative), re.compile(alternative)))
    return Group(alternatives)


@dataclass(frozen=True)
class Rule:
    """A sentence satisfies the rule when every group matches it and `unless` does not."""

    groups: tuple[Group, ...]
    unless: Group | None = None


def rule(*groups: Group, unless: Group | None = None) -> Rule:
    return Rule(groups, unless)


@dataclass(frozen=True)
class Vocabulary:
    """How one element is recognised. `rules` are alternatives; each `bonus` group found makes a sentence more
    specific (preferred as evidence); `unless` rules a sentence out; `label` names the element as the label of a
    table row or of a "Label: value" line (the preamble items of Art. 28(3))."""

    rules: tuple[Rule, ...]
    bonus: tuple[Group, ...] = ()
    unless: Group | None = None
    label: Group | None = None


# ---- Reading a pattern for its stems ---------------------------------------------------------------------------


# Words too common to pick a sentence out, in any text or in any DPA: a stem that is one of them is used only
# when nothing rarer is ("sub-processor" is looked for by "sub", not by "processor").
_COMMON = frozenset(
    """the a an in on of to for by as so or and this shall will may i og på av til med som at de den det dei er en
    et ei om se skal kan denne process processor processing processed controller customer supplier data personal
    agreement service services behandl behandling behandlingen databehandler databehandleren behandlingsansvarl
    avtal avtale avtalen opplysning personopplysning kunde kunden leverandør tjeneste""".split()
)

Stems = set[tuple[str, bool, bool]]  # (stem, at a word's start, at the match's start)


def _stems(pattern: str, boundary: bool = False, start: bool = True) -> Stems | None:
    """Stems one of which every match of `pattern` contains, read from the rarest element that is not optional
    (a literal, a group of alternatives, a character class); None when no element can be read. `boundary`:
    the pattern begins at a word's start; `start`: nothing before it is part of the match."""
    best: tuple[int, Stems] | None = None
    i = 0
    while i < len(pattern):
        char = pattern[i]
        found: Stems | None = None
        if pattern.startswith("\\b", i) or char == "^":
            boundary, i = boundary or char != "^", i + (1 if char == "^" else 2)
            continue
        if char == "\\" and pattern[i + 1 : i + 2].isalpha():  # \d, \s, \w, \W ...
            kind, optional = pattern[i + 1], _optional(pattern, i + 2)
            if kind == "d" and not optional:
                found = {(digit, boundary, start) for digit in "0123456789"}
            i = _past_quantifier(pattern, i + 2)
            boundary = (kind in "sW" and not optional) or (boundary and kind in "sW")
        elif char == "(":
            end = _closing(pattern, i)
            if pattern.startswith(("(?!", "(?=", "(?<"), i):  # a lookaround matches nothing
                i = end + 1
                continue
            inner = pattern[i + 3 if pattern.startswith("(?:", i) else i + 1 : end]
            if _optional(pattern, end + 1):
                boundary = boundary and inner.endswith((" ", "\\s+", "\\s"))
            else:
                alternatives = [_stems(alternative, boundary, start) for alternative in _top_level(inner)]
                found = None if None in alternatives else set().union(*alternatives)  # type: ignore[arg-type]
                boundary = all(a.endswith((" ", "\\s+", "\\s")) for a in _top_level(inner))
            i = _past_quantifier(pattern, end + 1)
        elif char == "[":
            end = pattern.index("]", i + 2)
            chars = pattern[i + 1 : end]
            simple = not ("\\" in chars or "-" in chars[1:-1] or chars.startswith("^"))
            if simple and not _optional(pattern, end + 1):
                found = {(c, boundary and c.isalnum(), start) for c in chars}
            i, boundary = _past_quantifier(pattern, end + 1), False
        elif char in ".|)*+?{":
            i, boundary = _past_quantifier(pattern, i + 1) if char == "." else i + 1, False
        else:
            found, i = _literal(pattern, i, boundary, start)
            boundary = pattern[i - 1 : i] == " "
        start = False
        if found and (best is None or _quality(found) > best[0]):
            best = (_quality(found), found)
    return best[1] if best else None


def _quality(stems: Stems) -> int:
    """How well the stems pick sentences out: the length of the shortest, 0 for common words."""
    return min(0 if stem in _COMMON or len(stem) < 3 else len(stem) for stem, _, _ in stems)


def _literal(pattern: str, i: int, boundary: bool, start: bool) -> tuple[Stems | None, int]:
    """The stem of the literal text at `i` (its longest word: "data subject" is looked for by "subject", at a
    word's start as it follows a space), and where the literal ends."""
    run = ""
    while i < len(pattern):
        char, width = pattern[i], 1
        if char == "\\":
            char, width = pattern[i + 1], 2
            if char.isalnum():
                break  # \b, \s, \w, \d ...
        elif char in "()[]|.^$+*?{":
            break
        if _optional(pattern, i + width):
            break
        run += char
        i += width
        if pattern[i : i + 1] in ("+", "{"):
            break
    words = [
        (m.group(), m.start() > 0 or boundary, m.start() == 0 and boundary and start)
        for m in _WORDS.finditer(run)
        if m.start() == 0 or not run[m.start() - 1].isalnum()
    ]
    if words:
        word = max(words, key=lambda w: (w[1], 0 if w[0] in _COMMON else len(w[0])))
        return {word}, i
    if run:
        return {(run, False, False)}, i
    return None, i + 1  # a character the loop cannot take (a quantifier after nothing): step over it


def _optional(pattern: str, i: int) -> bool:
    return pattern[i : i + 1] in ("?", "*") or pattern.startswith("{0", i)


def _past_quantifier(pattern: str, i: int) -> int:
    if pattern.startswith("{", i):
        i = pattern.index("}", i) + 1
    elif pattern[i : i + 1] in ("?", "*", "+"):
        i += 1
    return i + 1 if pattern[i : i + 1] == "?" else i


def _closing(pattern: str, i: int) -> int:
    depth = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        depth += {"(": 1, ")": -1}.get(pattern[i], 0)
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced pattern: {pattern}")


def _top_level(pattern: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        if char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]
