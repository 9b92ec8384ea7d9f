"""Which names a text mentions: the one finder behind name lookup, questions and inquiry routing.

Names are compared by a key: normalised and case-folded, separators made one space, a trailing legal form
(AS, ASA, AB, GmbH, Ltd, ...) dropped: "Amazon Web Services, Inc." -> "amazon web services". In a text, a
name counts only as whole words, and also with a possessive ("Septer's", "Septers", "Septers'"). A typo is
found by `close`, for callers that tolerate them. Knows nothing of parties: an entry is any key with names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from text.normalise import fold, normalise

K = TypeVar("K")

LEGAL_FORMS = frozenset(
    """as asa ans da nuf ba sa sas sarl ab publ aps oy oyj ehf hf ag gmbh kg ug mbh inc incorporated ltd limited
    llc llp plc corp corporation co company bv nv srl spa sl se""".split()
)
_SEPARATORS = re.compile(r"[\s\-_.,;:/\\()\[\]{}'\"`’&+!?*]+")
# A word of a text: letters and digits, an apostrophe inside kept ("septer's"); hyphens split ("SE-gruppen").
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
MAX_WORDS = 5  # the longest name looked for, in words


def name_words(name: str) -> list[str]:
    """The words of a name as matching sees them, legal form included: 'Acme Ltd.' -> ['acme', 'ltd']."""
    return _SEPARATORS.sub(" ", fold(name).replace("a/s", "as")).split()


def name_key(name: str) -> str:
    """The matching key of a name: 'Amazon Web Services, Inc.' -> 'amazon web services'."""
    words = name_words(name)
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def has_legal_form(name: str) -> bool:
    words = name_words(name)
    return len(words) > 1 and words[-1] in LEGAL_FORMS


def unpossessive(word: str) -> str:
    """A word without an English possessive: "Septer's" -> "Septer", "Septers'" -> "Septers"."""
    w = word.replace("’", "'")
    return w[:-2] if w.casefold().endswith("'s") else w.rstrip("'")


@dataclass(frozen=True)
class Mention(Generic[K]):
    """An entry the text names: which, by which of its names (key), as which words, and where."""

    key: K
    name: str  # the matching key of the name or alias found
    typed: str  # the words as they stand in the text
    first: int  # word positions, [first, last)
    last: int
    start: int = -1  # character positions in normalise(text), when found by `find`
    end: int = -1


class Names(Generic[K]):
    """Entries (a key and its names and aliases) by matching key."""

    def __init__(self, entries: Iterable[tuple[K, Iterable[str]]] = ()) -> None:
        self._owners: dict[str, set[K]] = {}
        self.first_words: set[str] = set()  # a text word that starts no name starts no mention
        for key, names in entries:
            self.add(key, names)

    def add(self, key: K, names: Iterable[str]) -> None:
        for name in {name_key(n) for n in names} - {""}:
            self._owners.setdefault(name, set()).add(key)
            self.first_words.add(name.split()[0])

    def by_key(self, key: str) -> set[K]:
        """Entries with a name or alias of exactly this matching key."""
        return self._owners.get(key, set())

    def owners(self, name: str) -> set[K]:
        """Entries with a name or alias whose key is the key of `name`."""
        return set(self._owners.get(name_key(name), ()))

    def known(self) -> Collection[str]:
        """Every matching key."""
        return self._owners.keys()


Lookup = Callable[[str], set[K]]


def spans(text: str) -> list[tuple[str, int, int]]:
    """The words of a text with their character positions in normalise(text)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(normalise(text))]


def find(
    text: str,
    owners: Names[K] | Lookup[K],
    *,
    max_words: int = MAX_WORDS,
    ignore: Callable[[str], bool] | None = None,
) -> list[Mention[K]]:
    """The names the text mentions, in text order, longest first where they overlap."""
    tokens = spans(text)
    found = find_words([w for w, _, _ in tokens], owners, max_words=max_words, ignore=ignore)
    plain = normalise(text)
    out = []
    for m in found:
        start, end = tokens[m.first][1], tokens[m.last - 1][2]
        out.append(Mention(m.key, m.name, plain[start:end], m.first, m.last, start, end))
    return out


def find_words(
    typed: list[str],
    owners: Names[K] | Lookup[K],
    *,
    max_words: int = MAX_WORDS,
    ignore: Callable[[str], bool] | None = None,
) -> list[Mention[K]]:
    """Like `find`, over words already split (positions are word indices). `ignore` says which single words
    are never a name on their own (a question's frame words)."""
    lookup = owners.by_key if isinstance(owners, Names) else owners
    firsts = owners.first_words if isinstance(owners, Names) else None
    folded = [fold(unpossessive(w)) for w in typed]
    found: list[Mention[K]] = []
    i = 0
    while i < len(folded):
        hit = None
        if firsts is not None and folded[i] not in firsts and folded[i][:-1] not in firsts:
            i += 1
            continue
        for n in range(min(max_words, len(folded) - i), 0, -1):
            gram = folded[i : i + n]
            if n == 1 and ignore is not None and ignore(gram[0]):
                continue
            hit = _lookup(gram, lookup)
            if hit is not None:
                name, keys = hit
                typed_words = " ".join(typed[i : i + n])
                found += [Mention(k, name, typed_words, i, i + n) for k in _ordered(keys)]
                i += n
                break
        if hit is None:
            i += 1
    return found


def _lookup(gram: list[str], lookup: Lookup[K]) -> tuple[str, set[K]] | None:
    """Owners of the words as a name, or with a Norwegian genitive s dropped from the last ("Septers")."""
    key = _gram_key(gram)
    if not key:
        return None
    keys = lookup(key)
    if keys:
        return key, keys
    last = gram[-1]
    if last.endswith("s") and len(last) > 3:
        key = _gram_key([*gram[:-1], last[:-1]])
        keys = lookup(key)
        if keys:
            return key, keys
    return None


def _gram_key(gram: list[str]) -> str:
    """name_key of folded words, cheaply when they hold no apostrophe (the usual case)."""
    if any("'" in w or "’" in w for w in gram):
        return name_key(" ".join(gram))
    end = len(gram)
    while end > 1 and gram[end - 1] in LEGAL_FORMS:
        end -= 1
    return " ".join(gram[:end])


def _ordered(keys: set[K]) -> list[K]:
    try:
        return sorted(keys)  # type: ignore[type-var]
    except TypeError:
        return list(keys)


def close(word: str, candidates: Iterable[str], cutoff: float) -> list[tuple[float, str]]:
    """Candidates at least `cutoff` similar to the word (difflib ratio), cheap checks first: a typo. A typo is
    assumed to keep the first letter, or to swap or drop one of the first two."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)  # difflib caches its analysis of the second sequence
    # outside these lengths the ratio cannot reach the cutoff
    shortest, longest = len(word) * cutoff / (2 - cutoff), len(word) * (2 - cutoff) / cutoff
    out = []
    for text in candidates:
        if not shortest <= len(text) <= longest or not (text[:1] in word[:2] or word[:1] in text[:2]):
            continue
        matcher.set_seq1(text)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            ratio = matcher.ratio()
            if ratio >= cutoff:
                out.append((ratio, text))
    return out
