"""Reading a DPA's text into units: sentences, list items with their lead-in, table rows and "Label: value" lines."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from agreements.check_patterns import HEADING_MAX_WORDS, LABEL_VALUE_UNLESS
from text.sentences import NUMBERING, open_ended, sentences

# Past this a "sentence" is a run of text without stops (an extracted PDF, a pasted table): it is read in
# overlapping windows, so that words far apart cannot add up to an element.
_WINDOW = 600


class Unit(NamedTuple):
    """A sentence, a table row or a "Label: value" line. `text` is what the rules match: a list item carries its
    lead-in ("The processor shall:"), a labelled row only its value. `names` are the preamble elements the
    label of a row names; `filled` says whether its value is a real one."""

    text: str
    evidence: str
    names: frozenset[str] = frozenset()
    filled: bool = False
    heading: bool = False
    listed: bool = False  # a list item, read with its lead-in


Names = Callable[[str], frozenset[str]]  # the preamble elements a label names ("Varighet" -> {"duration"})


def units(text: str, names: Names) -> list[Unit]:
    """The units of a text, in order."""
    return _units(normalise(text), names)


def _labelled(label: str, value: str, evidence: str, names: Names) -> Unit | None:
    """The unit of a row or line whose label names a preamble element ("Varighet | Så lenge ..."), if it does."""
    named = names(label)
    if not named:
        return None
    filled = has_value(value) and not LABEL_VALUE_UNLESS.search_text(value.lower())
    return Unit(value, evidence, names=named, filled=filled)


# A value left for someone to fill in: "{{purpose}}", "[insert purpose]", "______", "●".
# A placeholder in braces is short: unbounded, every "{{" of a long line rescanned the rest of it.
PLACEHOLDER_IN_TEXT = re.compile(r"\{\{.{0,80}?\}\}|\[[^\]]{0,40}\]|_{3,}|●")
# Only ever matched whole: anchored, so that a search cannot rescan from every position.
_PLACEHOLDER = re.compile(r"\A(?:\[.*\]|\{\{.*\}\}|<.*>|(?i:tbd|tba|n/?a|x+|\.+|…))")
_ALNUM = re.compile(r"\w")


def has_value(value: str) -> bool:
    """Whether a row holds a value, not an unfilled placeholder ("–", "[...]", "{{purpose}}", "TBD")."""
    value = value.strip()
    return not _PLACEHOLDER.fullmatch(value) and len(_ALNUM.findall(value, 0, 40)) >= 2


# Soft hyphens and zero-width characters go; Unicode hyphens become "-"; every kind of space becomes " ", except
# tabs, which separate a label from its value ("Varighet<tab>Så lenge ...") or a clause number from its text.
_REPLACEMENTS = [
    ("\u00ad\u200b\ufeff", ""),
    ("\u2010\u2011", "-"),
    ("\u00a0\u2007\u2009\u202f\u2002\u2003\u200a", " "),
    ("\r\v\f", "\n"),
]
_SPACES = re.compile("  +")


def normalise(text: str) -> str:
    """One paragraph a line, single spaces, no empty lines."""
    # NFKC: also undoes the ligatures ("ﬁ") and full-width letters of text copied from a PDF.
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n")
    for characters, replacement in _REPLACEMENTS:
        for character in characters:
            if character in text:  # rare: a scan for one character is far cheaper than a substitution
                text = text.replace(character, replacement)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if "\t" in text:
        text = "\n".join(_tabs(line) if "\t" in line else line for line in text.split("\n"))
    return "\n".join(_unwrapped(line for line in (raw.strip() for raw in text.split("\n")) if line))


def _unwrapped(lines: Iterable[str]) -> Iterator[str]:
    """Lines of a hard-wrapped text joined back into paragraphs: a line that does not end a sentence is continued
    by a next line that starts in lower case ("the processor shall\nnotify the controller")."""
    paragraph = ""
    for line in lines:
        if (
            paragraph
            and paragraph[-1] not in ".!?:;,|"
            and (line[0].islower() or open_ended(paragraph))
            and not _LIST_MARKER.match(line)
            and " | " not in line
        ):
            paragraph = paragraph[:-1] + line if paragraph[-1] == "-" else paragraph + " " + line
            continue
        if paragraph:
            yield paragraph
        paragraph = line
    if paragraph:
        yield paragraph


def _tabs(line: str) -> str:
    """A line with tabs as a row of cells ("Varighet | Så lenge ..."), or as text when the first cell is a clause
    number, a list marker or a label with its colon ("4.1<tab>The Processor shall ...", "Formål:<tab>...")."""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    first = cells[0] if cells else ""
    if len(cells) < 2 or first.endswith(":") or NUMBERING.fullmatch(first.lower()) or _LIST_MARKER.match(first + " "):
        return " ".join(cells)
    return " | ".join(cells)


_LIST_MARKER = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]+\)|\(?\d+\)|[-•*–·▪◦])\s+")
_CLAUSE_NUMBER = re.compile(
    r"^(?:(?:clause|section|punkt|pkt\.?|art\.?|article|artikkel)\s+)?\d+(?:\.\d+)*\.?\s+", re.I
)
_CONTINUED = re.compile(r"(?:[;,]|\b(?:and|or|og|eller))$")
_LABEL_VALUE = re.compile(r"^([^:|]{2,60}):\s+(\S.*)$")


def _units(text: str, names: Names) -> list[Unit]:
    out: list[Unit] = []
    lead = previous = ""  # the lead-in ("The processor shall:") that the list items after it continue
    for line in text.split("\n"):
        if " | " in line or line.startswith("|"):
            out.extend(_row(line, names))
            lead = previous = ""
            continue
        # A list goes on while its items are marked, start in lower case, or the last one ended with ";" or "and".
        if (
            lead
            and previous != lead
            and not (_LIST_MARKER.match(line) or line[:1].islower() or _CONTINUED.search(previous))
        ):
            lead = ""
        previous = line
        label_value = _LABEL_VALUE.match(line) if ": " in line else None
        labelled = label_value and _labelled(label_value.group(1), label_value.group(2), line, names)
        if labelled:
            out.append(labelled)
            continue
        context, heading = (lead + " ", False) if lead else ("", _is_heading(line))
        for sentence, _ in sentences(line, semicolons=True):
            for window in _windows(sentence):
                out.append(Unit(context + window, window, heading=heading, listed=bool(lead)))
        if line.endswith(":") and len(line) < 300:
            lead = previous = line
    return out


_RULE_CELL = re.compile(r":?-*:?")


def _row(line: str, names: Names) -> list[Unit]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if all(_RULE_CELL.fullmatch(c) for c in cells):
        return []  # a markdown rule line, or no cells
    text = " | ".join(c for c in cells if c)
    if len(cells) > 1 and (labelled := _labelled(cells[0], " | ".join(c for c in cells[1:] if c), text, names)):
        return [labelled]
    return [Unit(window, window) for window in _windows(text)]


def _windows(sentence: str) -> list[str]:
    """A sentence longer than _WINDOW characters as windows of about that length, each starting a third of a
    window after the last: words up to 400 characters apart share a window."""
    if len(sentence) <= _WINDOW:
        return [sentence]
    words, out, i = sentence.split(" "), [], 0
    while i < len(words):
        j, length = i, 0
        while j < len(words) and length < _WINDOW:
            length += len(words[j]) + 1
            j += 1
        out.append(" ".join(words[i:j]))
        if j >= len(words):
            break
        i = max(i + 1, i + (j - i) // 3)  # windows overlap by two thirds
    return out


def _is_heading(line: str) -> bool:
    """A short paragraph that does not end as a sentence does: it names a clause, it does not make it."""
    if line[-1:] in ".!?;:,":
        return False
    return len(_CLAUSE_NUMBER.sub("", line).split()) <= HEADING_MAX_WORDS
