"""Reading a DPA as it arrives (.pdf, .docx, .txt, markdown) into units: sentences, list items with their lead-in,
table rows and "Label: value" lines. Markup is removed and hard-wrapped lines are joined before anything is read."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import NamedTuple

from agreements.check_patterns import HEADING_MAX_WORDS, LABEL_VALUE_UNLESS
from registry.errors import InputError
from text import files
from text.limits import FileRefused
from text.sentences import NUMBERING, open_ended, sentences

KINDS = (files.DOCX, files.PDF, files.PLAIN)  # plain text includes markdown (.md)
ACCEPTED = files.accepted(KINDS)
# No file may take over 5 s: a PDF gets 3 s to be read in its child process, and the text is capped where the
# check of the worst text takes under a second (a 100-page DPA has about 300,000 characters).
READ_SECONDS = 3
MAX_CHARACTERS = 1_000_000


def document_text(content: bytes, name: str) -> str:
    """The text of a DPA file as `dpa check` reads it (.docx, .pdf, .txt or .md), through the one file reader and
    its limits; InputError when it cannot be read or is far longer than any DPA."""
    try:
        text = files.document_text(content, name, KINDS, seconds=READ_SECONDS)
    except FileRefused as exc:
        raise InputError(exc.problem, value=name, accepted=exc.accepted) from exc
    if len(text) > MAX_CHARACTERS:
        raise InputError(
            f"The document has {len(text):,} characters of text, more than any DPA",
            value=name,
            accepted=f"{ACCEPTED}, with at most {MAX_CHARACTERS:,} characters of text (about 300 pages)",
        )
    return text


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
    text = unmarked(text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if "\t" in text:
        text = "\n".join(_tabs(line) if "\t" in line else line for line in text.split("\n"))
    lines = [raw.strip() for raw in text.split("\n")]
    return "\n".join(_unwrapped([line for line in lines if line], _wrap_width(lines), _after_blank(lines)))


# Markup of markdown and HTML, which partners' DPAs arrive in (exported from a wiki or a website): removed, so
# that "not _Process_ Personal Data other than on ... instructions" reads as the sentence it is. Each pattern is
# bounded by a line or by characters it cannot cross, so none rescans a hostile text.
_HTML_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|section|article|blockquote|pre|hr)\b[^<>\n]{0,200}>", re.I
)
_HTML_INLINE = re.compile(
    r"</?(?:span|a|b|i|u|em|strong|font|small|mark|sup|sub|code|td|th|tbody|thead|ins|del|s|abbr|cite|img)"
    r"\b[^<>\n]{0,200}>",
    re.I,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}(?:\s\"[^\"\n]{0,200}\")?\)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.M)  # "* item", "+ item" as "- item", which the reader knows
_RULE_LINE = re.compile(r"^[ \t]*(?:[=]{3,}|[-*_][ \t]*[-*][ \t]*[-*][-*\s]*)$", re.M)
_STRONG = re.compile(r"(?<![\w*])\*\*(?![\s*])([^*\n]{1,500}?)(?<![\s*])\*\*(?![\w*])")
_STRONG_UNDERSCORE = re.compile(r"(?<![\w_])__(?![\s_])([^_\n]{1,500}?)(?<![\s_])__(?![\w_])")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]{1,500}?)(?<![\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?![\s_])([^_\n]{1,500}?)(?<![\s_])_(?![\w_])")
_CODE = re.compile(r"`([^`\n]{1,500})`")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")  # not "\|": an escaped bar is a table cell's text


# A run-in heading in bold ("3.4. **Assistance.** The processor shall ..."): its stop would make it a sentence of
# its own, a heading quoted as evidence; it becomes a label of the clause ("3.4. Assistance: The processor ...").
_RUN_IN = re.compile(r"^([ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?)(\*\*|__)([^*_\n]{1,120}?)[.:](?:\2)[ \t]+(?=\S)", re.M)


def unmarked(text: str) -> str:
    """`text` without markdown emphasis, headings, quote marks, links and HTML tags; "*" and "+" list markers
    become "-". Blank template fields ("______", "[insert]", "{{purpose}}") are left as they are."""
    if "<" in text:
        text = _HTML_INLINE.sub("", _HTML_BLOCK.sub("\n", text))
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if "](" in text:
        text = _IMAGE_OR_LINK.sub(r"\1", text)
    if "#" in text:
        text = _HEADING.sub(r"\1", text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    if "*" in text or "+" in text:
        text = _BULLET.sub(r"\1- ", text)
    if "==" in text or "--" in text or "**" in text or "__" in text or "- -" in text:
        text = _RULE_LINE.sub("", text)
    if "**" in text or "__" in text:
        text = _RUN_IN.sub(r"\1\3: ", text)
    if "*" in text:
        text = _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", text))
    if "_" in text:
        text = _EMPHASIS_UNDERSCORE.sub(r"\1", _STRONG_UNDERSCORE.sub(r"\1", text))
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPED.sub(r"\1", text)
    return text


def _wrap_width(lines: list[str]) -> int:
    """The width a text was hard-wrapped at (a .txt saved with line breaks, a PDF's lines), or 0 when its lines
    are paragraphs: most of its longer lines end near the same length, and that length is a line's, not a
    paragraph's."""
    lengths = sorted(len(line) for line in lines if len(line) >= 30)
    if len(lengths) < 5:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= 0.75 * width)
    return width if width <= 130 and near >= 0.5 * len(lengths) else 0


def _after_blank(lines: list[str]) -> set[int]:
    """The positions, among the non-empty lines, of those that follow an empty line (a paragraph's first)."""
    out, position, blank = set(), 0, False
    for line in lines:
        if not line:
            blank = True
            continue
        if blank:
            out.add(position)
        position, blank = position + 1, False
    return out


# A line that starts a clause of its own in a wrapped text: a list marker, or a clause number with its stop.
_NEW_CLAUSE = re.compile(r"^(?:\d+(?:\.\d+)*\.(?:\d+)?\s|\d+\)\s|\(?[a-z]\)\s|\(?[ivx]+\)\s|[-•*–·▪◦]\s)", re.I)


def _unwrapped(lines: Iterable[str], width: int = 0, starts: Collection[int] = ()) -> Iterator[str]:
    """Lines of a hard-wrapped text joined back into paragraphs: a line that does not end a sentence is continued
    by a next line that starts in lower case ("the processor shall\nnotify the controller"). In a text wrapped at
    `width` characters, a line that was full (and does not end a sentence) is continued by the next line of its
    paragraph whatever case it starts in ("shall notify the\nController"), unless that line starts a clause or
    list item of its own; `starts` are the lines that begin a paragraph (after an empty line)."""
    paragraph, last = "", ""
    for position, line in enumerate(lines):
        if (
            paragraph
            and paragraph[-1] not in ".!?:;,|"
            and (line[0].islower() or open_ended(paragraph))
            and not _LIST_MARKER.match(line)
            and " | " not in line
        ) or (
            width
            and paragraph
            and position not in starts
            and paragraph[-1] not in ".!?:;|"
            and len(last) >= 0.6 * width
            and not _NEW_CLAUSE.match(line)
            and " | " not in line
            and " | " not in last
        ):
            paragraph = (
                paragraph[:-1] + line if paragraph[-1] == "-" and paragraph[-2:-1].isalpha() else paragraph + " " + line
            )
            last = line
            continue
        if paragraph:
            yield paragraph
        paragraph = last = line
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
    section: frozenset[str] = frozenset()  # the elements the last heading names, for the lines under it
    under, value = 0, ""
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
        if section and not heading and not value and _CLAUSE_NUMBER.match(line):
            section = frozenset()  # a numbered clause under the heading says what it says, not what the heading names
        if section and not heading:
            # The text under a heading that names an element ("A.2 Categories of data subjects", then "- Employees")
            # is its value, as a row under that label would be.
            value = f"{value} {line}" if value else line  # a lead-in reads with its first items
            out.append(Unit(value, value, names=section, filled=has_value(value)))
            under -= 1
            if not under:
                section = frozenset()
        if heading:
            section, under, value = names(_CLAUSE_NUMBER.sub("", line)), _SECTION_LINES, ""
        for sentence, _ in sentences(line, semicolons=True):
            for window in _windows(sentence):
                out.append(Unit(context + window, window, heading=heading, listed=bool(lead)))
        if line.endswith(":") and len(line) < 300:
            lead = previous = line
    return out


_SECTION_LINES = 3
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
