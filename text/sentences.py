"""Sentences of Norwegian and English prose: where a stop ends one, and where it only ends an abbreviation or a
clause number ("jf. art. 28 nr. 3", "e.g. Microsoft", "4. The processor", "Art. 28(3)(a)")."""

from __future__ import annotations

import re
from typing import NamedTuple

# Full stops after these do not end a sentence (Norwegian and English, lower case, without the last stop).
ABBREVIATIONS = frozenset(
    """art arts nr no nos pkt para paras sec secs cf ref jf jfr f.eks e.g i.e bl.a dvs osv mv m.v evt ev iht ift ca
    inkl ekskl incl excl etc vs mr ms mrs dr st kap lit bokst ltd inc co org org.nr orgnr p pp vol fig tlf tel u.s
    u.k pvt""".split()
)
# A run of stops and what closes after them ('."', '.)'), then a space. The look-behind starts the match at the
# first stop of a run ("..."): from each, the rest of the run was rescanned.
_STOP = re.compile(r"(?<![.!?;])[.!?;]+[\"'”’»)\]]*\s+")
# A clause number or list letter opening a sentence ("4.", "4.1.", "B1.", "iv."): its stop ends nothing.
NUMBERING = re.compile(r"(?:[a-z]{0,2}\d+(?:\.\d+)*|[a-z]|[ivx]+)\.?")
_LETTER_OF = frozenset("bokstav letter litra point".split())  # "... bokstav f. Neste" ends after "f."
_OPENERS = "(\"'«“‘"  # what may stand before the word of an abbreviation: "(jf. art. 6)"


# Words no sentence ends on (articles, prepositions, subjunctions, modal verbs; bokmål, nynorsk, English): a line
# that ends on one was broken mid-sentence ("shall be notified to the\nController", "instrukser fra\nBehandlings-
# ansvarlig"). "and", "or", "og", "eller" are not among them: the items of a list end on them.
_OPEN_END = re.compile(
    r"(?:^|\s)(?:the|a|an|to|of|in|on|at|by|for|from|with|within|after|under|that|shall|may|av|til|i|på|med|fra|frå|"
    r"om|som|er|etter|inntil|innen|innan|skal|kan|den|det|de)$",
    re.I,
)


def open_ended(line: str) -> bool:
    """Whether a line ends on a word no sentence ends on, so the next line goes on with the same sentence."""
    return _OPEN_END.search(line) is not None


class Sentence(NamedTuple):
    """A sentence and the offset of its first character in the text it was read from."""

    text: str
    start: int


def sentences(text: str, *, semicolons: bool = False) -> list[Sentence]:
    """The sentences of `text` in order, stripped, none empty. A line break always ends one (the caller joins
    lines broken mid-sentence first); within a line a stop ends one unless it ends an abbreviation, an initial or
    a clause number, or lower case follows. With `semicolons`, a ";" ends one too (the items of a clause in a
    contract: "...; and"), and is left out of it."""
    out: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        out.extend(Sentence(s, offset + at) for s, at in _in_line(line, semicolons=semicolons))
        offset += len(line) + 1
    return out


def _in_line(line: str, *, semicolons: bool) -> list[tuple[str, int]]:
    pieces: list[tuple[int, int]] = []
    begin = 0
    for stop in _STOP.finditer(line):
        mark = line[stop.start()]
        if mark == ";" and not semicolons:
            continue
        following = line[stop.end() : stop.end() + 1]
        if mark != ";" and (following.islower() or (mark == "." and _abbreviated(line[begin : stop.start()]))):
            continue
        pieces.append((begin, stop.end()))
        begin = stop.end()
    pieces.append((begin, len(line)))
    out = []
    for start, end in pieces:
        piece = line[start:end]
        stripped = piece.strip()
        if semicolons:
            stripped = stripped.rstrip(";").rstrip()
        if stripped:
            out.append((stripped, start + len(piece) - len(piece.lstrip())))
    return out


def _abbreviated(before: str) -> bool:
    """Whether the word before a full stop makes it something other than the end of a sentence."""
    space = before.rfind(" ")
    word = before[space + 1 :].lower().lstrip(_OPENERS)
    if "-" in word:
        word = word.rsplit("-", 1)[-1]  # "GDPR-art." is an "art."
    word = word.rstrip(".")
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1:  # an initial ("J. Smith"), unless it is a letter of a law ("art. 6 nr. 1 bokstav f.")
        return before[:space].rstrip().rsplit(" ", 1)[-1].lower() not in _LETTER_OF
    # A clause number opening the sentence: "4. The processor", "4.1. Behandlingen".
    return space < 0 and NUMBERING.fullmatch(word) is not None
