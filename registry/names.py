"""Matching the names people type to parties: case-insensitive, legal-form suffixes ignored, unique prefixes."""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable

from registry.errors import Ambiguous, InputError, NotFound

# The matching key of a name is text/mentions.py's: one key for lookups, questions and routing.
from text.mentions import LEGAL_FORMS as LEGAL_FORMS
from text.mentions import has_legal_form as has_legal_form
from text.mentions import name_key as normalise
from text.mentions import name_words as normalise_words

# Spellings of one legal form: "Microsoft Corp." and "Microsoft Corporation" are the same company.
_SAME_FORM = {"incorporated": "inc", "corporation": "corp", "limited": "ltd", "company": "co"}


def names_clash(a: str, b: str, *, alias: bool = False) -> bool:
    """Two names that would confuse matching: the same key, unless both carry different legal forms
    ("IWMAC" and "IWMAC AS" clash, as do "Microsoft Corp." and "MICROSOFT CORPORATION"; "Acme AS" and
    "Acme Ltd" may both exist). With `alias` (one of them is an alias), a brand alias without a legal form
    ("Microsoft") does not stop a company named with one ("Microsoft Corporation"), nor the other way round:
    typed, the full legal name finds the company and the bare word asks which of the two."""
    if normalise(a) != normalise(b):
        return False
    if a.strip().casefold() == b.strip().casefold():
        return True
    form_a, form_b = legal_form(a), legal_form(b)
    if form_a and form_b:
        return form_a == form_b
    return not (alias and (form_a or form_b))


def legal_form(name: str) -> tuple[str, ...]:
    """The legal-form words a name ends with, one spelling each: 'Microsoft Corp.' -> ('corp',)."""
    words = normalise_words(name)
    key = normalise(name).split()
    return tuple(_SAME_FORM.get(w, w) for w in words[len(key) :])


class NameIndex:
    """Names and aliases of every party, by matching key, with prefix search."""

    def __init__(self) -> None:
        self._ids: dict[str, set[int]] = {}
        self._sorted: list[str] = []
        self._display: dict[int, str] = {}

    def add(self, party_id: int, name: str, aliases: Iterable[str]) -> None:
        self._display[party_id] = name
        for key in {normalise(n) for n in (name, *aliases)} - {""}:
            ids = self._ids.setdefault(key, set())
            if not ids:
                bisect.insort(self._sorted, key)
            ids.add(party_id)

    def remove(self, party_id: int, name: str, aliases: Iterable[str]) -> None:
        self._display.pop(party_id, None)
        for key in {normalise(n) for n in (name, *aliases)} - {""}:
            ids = self._ids.get(key)
            if ids is None:
                continue
            ids.discard(party_id)
            if not ids:
                del self._ids[key]
                i = bisect.bisect_left(self._sorted, key)
                if i < len(self._sorted) and self._sorted[i] == key:
                    del self._sorted[i]

    def owners(self, name: str) -> set[int]:
        """Parties whose name or alias has exactly the matching key of `name`."""
        return set(self._ids.get(normalise(name), ()))

    def resolve(self, name: str) -> int:
        """The one party `name` means, or an error that lists the candidates."""
        found = self.find(name)
        if found is None:
            key = normalise(name)
            close = difflib.get_close_matches(key, self._ids.keys(), n=5, cutoff=0.6)
            raise NotFound("party", name, candidates=sorted({self._display[i] for k in close for i in self._ids[k]}))
        return found

    def find(self, name: str) -> int | None:
        """The one party `name` means, None when none does (without looking for near misses: imports ask this
        thousands of times), or Ambiguous."""
        key = normalise(name)
        if not key:
            raise InputError("Empty party name", accepted='a party name, in quotes if it has spaces: "Septer AS"')
        exact = self._ids.get(key, set())
        if len(exact) == 1:
            return next(iter(exact))
        if exact:
            # "Acme AS" and "Acme Ltd" share the key "acme": the full name typed decides.
            full = [i for i in exact if self._display[i].casefold() == name.strip().casefold()]
            if len(full) == 1:
                return full[0]
            # "Microsoft Corp." typed: the party whose own name has that legal form, not a brand alias.
            form = legal_form(name)
            legal = [i for i in exact if form and legal_form(self._display[i]) == form]
            if len(legal) == 1:
                return legal[0]
            raise Ambiguous(name, sorted(self._display[i] for i in exact))
        found = self._prefixed(key)
        if len(found) == 1:
            return next(iter(found))
        if found:
            names = sorted(self._display[i] for i in found)
            raise Ambiguous(name, names[:10] + ([f"and {len(names) - 10} more"] if len(names) > 10 else []))
        return None

    def _prefixed(self, key: str) -> set[int]:
        found: set[int] = set()
        i = bisect.bisect_left(self._sorted, key)
        while i < len(self._sorted) and self._sorted[i].startswith(key):
            found |= self._ids[self._sorted[i]]
            i += 1
        return found
