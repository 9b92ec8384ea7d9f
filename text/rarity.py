"""How everyday a word is in Norwegian or English, and so how much it says when two texts share it.

Frequencies are wordfreq's Zipf scale (log10 of uses per billion words: 7 for "og"/"the", 3 for about one use
in a million, 0 for words it has never seen), the higher of bokmål and English. A Norwegian compound wordfreq
has never seen ("besøksregistrering") is judged by its parts: about as everyday as its rarer part, less one
(a compound is rarer than its parts). A word with no known parts (a product name, "VARN") is rare.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from text.normalise import forms

EVERYDAY = 3.5  # Zipf: a word at least this common (about 3 uses in a million) says nothing on its own
LANGUAGES = ("nb", "en")
_LINKS = ("s", "e")  # Norwegian compounds join their parts with -s- or -e- ("besøk-s-registrering")
MIN_PART = 3


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a folded word is (Zipf, higher of nb and en), compounds estimated from their parts."""
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        joined = _known("".join(parts))  # "e-post" is also written "epost"
        long = [p for p in parts if len(p) >= MIN_PART]  # "ip-adresse": as everyday as "adresse" makes it
        if joined > 0 or not long:
            return joined
        return max(min(zipf(p) for p in long) - 1.0, 0.0)
    known = max(_known(form) for form in forms(word))  # 'pålogginger' as 'pålogging'
    if known > 0 or len(word) < 2 * MIN_PART + 1:
        return known
    return _compound(word)


def weight(word: str) -> float:
    """What sharing the word says: nothing for everyday words, more the rarer it is (up to EVERYDAY)."""
    return max(EVERYDAY - zipf(word), 0.0)


def everyday(word: str) -> bool:
    return zipf(word) >= EVERYDAY


def _known(word: str) -> float:
    return max(zipf_frequency(word, lang) for lang in LANGUAGES)


def _compound(word: str) -> float:
    """The most everyday reading of an unknown word as two known words ("regnskaps|systemet"), or 0."""
    best = 0.0
    for cut in range(MIN_PART, len(word) - MIN_PART):
        head, tail = word[:cut], word[cut:]
        tail_z = max(_known(form) for form in forms(tail))
        if tail_z <= 0:
            continue
        heads = [head] + [head[: -len(link)] for link in _LINKS if head.endswith(link) and len(head) > MIN_PART]
        head_z = max(_known(h) for h in heads)
        if head_z > 0:
            best = max(best, min(head_z, tail_z) - 1.0)
    return max(best, 0.0)
