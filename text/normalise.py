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


def words(text: str) -> list[str]:
    """The words of an already folded text, in order (letters and digits; an apostrophe inside a word stays)."""
    return _WORD.findall(text)
