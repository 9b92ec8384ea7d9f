"""Text as the readers compare it: one Unicode form, one kind of space and hyphen, folded case."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def normalise(text: str) -> str:
    """NFKC (undoes ligatures and full-width letters from PDFs and phones), invisible characters removed."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def fold(text: str) -> str:
    """`normalise`d and case-folded: what matching compares."""
    return normalise(text).casefold()


_SPELLED_OUT = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def ascii_fold(text: str) -> str:
    """Case-folded, Norwegian letters spelled out and other diacritics dropped: what loose matching of typed
    words compares ('Besøks-Registrering' -> 'besoks-registrering', 'Müller' -> 'muller')."""
    folded = normalise(text).casefold().translate(_SPELLED_OUT)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of an already folded text, in order (letters and digits; an apostrophe inside a word stays)."""
    return _WORD.findall(text)


# Inflection endings (bokmål, nynorsk, English) taken off a folded word to compare it with another form of itself.
_ENDINGS = tuple("erne ene ane ere eren ens ets ers ing ings ingen ingar inger er en et ar as es ed e a s".split())
MIN_STEM = 4


def forms(word: str) -> frozenset[str]:
    """A folded word and the word without each inflection ending it may have ('alarmsentralen' ->
    alarmsentral, alarmsentrale). Two words are forms of one another when their forms meet; a compound is not
    a form of its parts ('regnskapssystemet' shares nothing with 'regnskap')."""
    return frozenset(
        [word, *(word[: -len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= MIN_STEM)]
    )
