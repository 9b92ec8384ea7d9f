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
        by_word: dict[str, list[int]] = {}
        for position, text in enumerate(self.lowered):
            for word in set(_WORDS.findall(text)):
                by_word.setdefault(word, []).append(position)
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
                if written:
                    alternatives.append((_stems(written), re.compile(written)))
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


def _stems(pattern: str, boundary: bool = False) -> set[tuple[str, bool, bool]] | None:
    """(stem, at a word's start, at the match's start) triples, one of which every match of `pattern` contains:
    from the first element that is not optional, read as a literal or as a group of alternatives. None when it
    is neither."""
    i = 0
    while i < len(pattern):
        if pattern.startswith("\\b", i):
            boundary, i = True, i + 2
        elif pattern[i] == "^":
            i += 1
        elif pattern.startswith("\\d", i):
            return {(digit, boundary, boundary) for digit in "0123456789"}
        elif pattern[i] == "\\" and pattern[i + 1 : i + 2].isalpha() and _optional(pattern, i + 2):
            boundary, i = False, _past_quantifier(pattern, i + 2)  # \W*, \s?
        elif pattern[i] == "(":
            end = _closing(pattern, i)
            if pattern.startswith(("(?!", "(?=", "(?<"), i) or _optional(pattern, end + 1):
                boundary, i = boundary and pattern.startswith(("(?!", "(?="), i), _past_quantifier(pattern, end + 1)
                continue
            found: set[tuple[str, bool, bool]] = set()
            for alternative in _top_level(pattern[i + 3 if pattern.startswith("(?:", i) else i + 1 : end]):
                stems = _stems(alternative, boundary)
                if stems is None:
                    return None
                found |= stems
            return found
        elif pattern[i] == "[":
            end = pattern.index("]", i + 2)
            chars = pattern[i + 1 : end]
            if _optional(pattern, end + 1):
                boundary, i = False, _past_quantifier(pattern, end + 1)
                continue
            if "\\" in chars or "-" in chars[1:-1] or chars.startswith("^"):
                return None
            return {(c, boundary and c.isalnum(), boundary) for c in chars}
        else:
            return _literal(pattern, i, boundary)
    return None


def _literal(pattern: str, i: int, boundary: bool) -> set[tuple[str, bool, bool]] | None:
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
    # The longest word of the run is the rarest: "data subject" is looked for by "subject" (at a word's start,
    # as it follows a space), "in force" by "force".
    words = [
        (m.group(), m.start() > 0 or boundary, m.start() == 0 and boundary)
        for m in _WORDS.finditer(run)
        if m.start() == 0 or not run[m.start() - 1].isalnum()
    ]
    if words:
        return {max(words, key=lambda w: (w[1], len(w[0])))}
    return {(run, False, False)} if run else None


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
