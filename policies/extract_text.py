"""A privacy policy's text as units: sentences, list items and short lines, each with its heading and offset."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from text.sentences import open_ended, sentences

EVIDENCE_MAX = 300
# Past this a "sentence" is a run of text without stops (a pasted table, an extracted PDF): read in windows.
_WINDOW = 600

_REPLACEMENTS = (
    ("\u00ad\u200b\ufeff\u200c\u200d", ""),
    ("\u2010\u2011", "-"),
    ("\u00a0\u2007\u2009\u202f\u2002\u2003\u200a", " "),
    ("\r\v\f\u2028\u2029", "\n"),
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦●■*–-]|\(?[a-z]\)|\(?\d{1,2}\))\s+")
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")
# A line broken mid-sentence (text pasted from a web page): the next line goes on in lower case, or this one ends on
# a word that cannot end a sentence, a conjunction or a comma. Such breaks become spaces, so offsets stay the same.
_CONTINUED = re.compile(r"(?:\b(?:og|and|or|eller)|,)$", re.I)


class Unit(NamedTuple):
    """A sentence, list item or short line. `start` is its offset in the normalised text."""

    text: str
    start: int
    heading: str
    is_heading: bool
    line: int  # index of the line it is on, to find neighbouring lines (addresses)


def normalise(text: str) -> str:
    """NFC text with one kind of space, hyphen and line break; runs of spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n")
    for characters, replacement in _REPLACEMENTS:
        for character in characters:
            if character in text:
                text = text.replace(character, replacement)
    text = text.replace("\t", " | ")
    return _join_broken_lines(re.sub(r"[ ]{2,}", " ", text))


def _join_broken_lines(text: str) -> str:
    lines = text.split("\n")
    joined = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        stripped, after = line.strip(), following.strip()
        broken = (
            len(stripped.split()) >= 5
            and after
            and not stripped.endswith((".", ":", ";", "!", "?", "|"))
            and not _BULLET.match(after)
            and "|" not in stripped
            and (after[0].islower() or open_ended(stripped) or _CONTINUED.search(stripped) is not None)
        )
        joined.append(line + (" " if broken else "\n"))
    return "".join(joined)[:-1]


def _heading_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 12 or line.endswith((".", ",", ";")) or " | " in line:
        return False
    if len(re.findall(r"\s[–—]\s", line)) >= 2:
        return False  # "Name – purpose – location": a row of a list, not a heading
    return not _BULLET.match(line) and (line[0].isupper() or _NUMBERED.match(line) is not None)


def units(text: str) -> tuple[list[Unit], list[str]]:
    """The units of a normalised text in order, and its lines (stripped)."""
    out: list[Unit] = []
    lines = text.split("\n")
    heading = ""
    offset = 0
    previous_blank = True
    for index, raw in enumerate(lines):
        start = offset + len(raw) - len(raw.lstrip())
        offset += len(raw) + 1
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        next_line = next((ln.strip() for ln in lines[index + 1 : index + 3] if ln.strip()), "")
        if _heading_like(line) and (previous_blank or line.endswith("?")) and next_line:
            heading = _NUMBERED.sub("", line).strip(" :")
            out.append(Unit(line, start, heading, True, index))
            previous_blank = False
            continue
        previous_blank = False
        for sentence, at in _sentences(line):
            out.append(Unit(sentence, start + at, heading, False, index))
    return out, [ln.strip() for ln in lines]


def _sentences(line: str) -> list[tuple[str, int]]:
    """The sentences of a line, a sentence longer than _WINDOW characters as overlapping windows."""
    windows: list[tuple[str, int]] = []
    for sentence, at in sentences(line):
        if len(sentence) <= _WINDOW:
            windows.append((sentence, at))
            continue
        for i in range(0, len(sentence), _WINDOW // 2):
            windows.append((sentence[i : i + _WINDOW], at + i))
            if i + _WINDOW >= len(sentence):
                break
    return windows


def evidence(text: str, around: tuple[int, int] | None = None) -> str:
    """The sentence, trimmed to EVIDENCE_MAX characters around the span that was found."""
    text = " ".join(text.split())
    if len(text) <= EVIDENCE_MAX:
        return text
    if around is None:
        return text[: EVIDENCE_MAX - 1].rstrip() + "…"
    middle = (around[0] + around[1]) // 2
    begin = max(0, min(middle - EVIDENCE_MAX // 2, len(text) - EVIDENCE_MAX + 2))
    cut = text[begin : begin + EVIDENCE_MAX - 2].strip()
    return ("…" if begin > 0 else "") + cut + ("…" if begin + EVIDENCE_MAX - 2 < len(text) else "")
