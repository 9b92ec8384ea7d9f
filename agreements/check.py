"""Checks any DPA (ours or a partner's, English or Norwegian) for the content GDPR Art. 28 requires."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from agreements import check_patterns as preamble
from agreements import check_patterns_duties as duties
from agreements.check_patterns import HEADING_MAX_WORDS, LABEL_VALUE_UNLESS, Vocabulary
from registry.errors import InputError


@dataclass(frozen=True)
class Element:
    """One thing Art. 28 requires a processor contract to say."""

    key: str
    label: str
    label_nb: str
    reference: str


@dataclass(frozen=True)
class Result:
    """Whether a DPA covers `element`, with the sentence (or table row) that shows it."""

    element: Element
    evidence: str | None

    @property
    def present(self) -> bool:
        return self.evidence is not None


ELEMENTS: tuple[Element, ...] = (
    Element("subject_matter", "Subject-matter of the processing", "Behandlingens gjenstand", "GDPR Art. 28(3)"),
    Element("duration", "Duration of the processing", "Behandlingens varighet", "GDPR Art. 28(3)"),
    Element("nature", "Nature of the processing", "Behandlingens art", "GDPR Art. 28(3)"),
    Element("purpose", "Purpose of the processing", "Behandlingens formål", "GDPR Art. 28(3)"),
    Element("data_types", "Type of personal data", "Typer personopplysninger", "GDPR Art. 28(3)"),
    Element("data_subjects", "Categories of data subjects", "Kategorier registrerte", "GDPR Art. 28(3)"),
    Element(
        "controller_rights",
        "Obligations and rights of the controller",
        "Den behandlingsansvarliges plikter og rettigheter",
        "GDPR Art. 28(3)",
    ),
    Element(
        "instructions",
        "(a) Processing only on documented instructions, including on transfers to third countries",
        "(a) Behandling kun etter dokumenterte instrukser, også om overføring til tredjeland",
        "GDPR Art. 28(3)(a)",
    ),
    Element(
        "confidentiality",
        "(b) Confidentiality of the persons who process the data",
        "(b) Taushetsplikt for dem som behandler opplysningene",
        "GDPR Art. 28(3)(b)",
    ),
    Element(
        "security",
        "(c) Security measures (Art. 32)",
        "(c) Sikkerhetstiltak (art. 32)",
        "GDPR Art. 28(3)(c), Art. 32",
    ),
    Element(
        "subprocessors",
        "(d) Sub-processors only with prior specific or general written authorisation; notice and objection",
        "(d) Underdatabehandlere bare med forhåndsgodkjenning (spesifikk eller generell); varsel og innsigelse",
        "GDPR Art. 28(3)(d), 28(2)",
    ),
    Element(
        "flow_down",
        "Same obligations on sub-processors; the processor remains liable",
        "Samme forpliktelser for underdatabehandlere; databehandleren forblir ansvarlig",
        "GDPR Art. 28(4)",
    ),
    Element(
        "data_subject_requests",
        "(e) Assistance with data subject requests",
        "(e) Bistand med de registrertes rettigheter",
        "GDPR Art. 28(3)(e)",
    ),
    Element(
        "assistance",
        "(f) Assistance with security, breach notification, DPIA and prior consultation (Arts. 32-36)",
        "(f) Bistand med sikkerhet, avviksvarsling, konsekvensvurdering og forhåndsdrøfting (art. 32-36)",
        "GDPR Art. 28(3)(f)",
    ),
    Element(
        "deletion_return",
        "(g) Deletion or return of the data at the end, at the controller's choice",
        "(g) Sletting eller tilbakelevering ved opphør, etter den behandlingsansvarliges valg",
        "GDPR Art. 28(3)(g)",
    ),
    Element(
        "audits",
        "(h) Information to demonstrate compliance; audits and inspections",
        "(h) Informasjon som viser etterlevelse; revisjoner og inspeksjoner",
        "GDPR Art. 28(3)(h)",
    ),
    Element(
        "unlawful_instruction",
        "Informing the controller if an instruction infringes the law",
        "Varsel til den behandlingsansvarlige om en instruks er i strid med regelverket",
        "GDPR Art. 28(3) last subparagraph",
    ),
    Element(
        "breach",
        "Notification of personal data breaches to the controller",
        "Varsling av brudd på personopplysningssikkerheten til den behandlingsansvarlige",
        "GDPR Art. 33(2)",
    ),
)

VOCABULARY: dict[str, Vocabulary] = {
    "subject_matter": preamble.SUBJECT_MATTER,
    "duration": preamble.DURATION,
    "nature": preamble.NATURE,
    "purpose": preamble.PURPOSE,
    "data_types": preamble.DATA_TYPES,
    "data_subjects": preamble.DATA_SUBJECTS,
    "controller_rights": preamble.CONTROLLER_RIGHTS,
    "instructions": duties.INSTRUCTIONS,
    "confidentiality": duties.CONFIDENTIALITY,
    "security": duties.SECURITY,
    "subprocessors": duties.SUBPROCESSORS,
    "flow_down": duties.FLOW_DOWN,
    "data_subject_requests": duties.DATA_SUBJECT_REQUESTS,
    "assistance": duties.ASSISTANCE,
    "deletion_return": duties.DELETION_RETURN,
    "audits": duties.AUDITS,
    "unlawful_instruction": duties.UNLAWFUL_INSTRUCTION,
    "breach": duties.BREACH,
}
ACCEPTED = ".docx or plain text (.txt)"
MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_MAX = 300
# A label row is the most specific evidence of a preamble item: the row is the description itself.
_LABEL_SCORE = 10
# Past this a "sentence" is a run of text without stops (an extracted PDF, a pasted table): it is read in
# overlapping windows, so that words far apart cannot add up to an element.
_WINDOW = 400


def check_document(content: bytes, name: str) -> list[Result]:
    """One Result per element of ELEMENTS, in order, for a .docx or plain-text file."""
    return check_text(document_text(content, name))


def check_text(text: str) -> list[Result]:
    """One Result per element of ELEMENTS, in order: the sentence that best satisfies it, or None."""
    units = list(_units(_normalise(text)))
    if not units:
        raise InputError("The document has no text", accepted=ACCEPTED)
    best: dict[str, tuple[int, int, str]] = {}  # key -> (score, -position, evidence)
    for position, unit in enumerate(units):
        for key, vocabulary in VOCABULARY.items():
            score = _score(unit, key, vocabulary)
            if score and (key not in best or (score, -position) > best[key][:2]):
                best[key] = (score, -position, unit.evidence)
    return [Result(e, _trim(best[e.key][2]) if e.key in best else None) for e in ELEMENTS]


@dataclass(frozen=True)
class _Unit:
    """A sentence, a table row or a "Label: value" line. `text` is what the rules match: a list item carries its
    lead-in ("The processor shall:"), a labelled row only its value. `names` are the preamble elements the
    label of a row names; `filled` says whether its value is a real one."""

    text: str
    evidence: str
    names: frozenset[str] = frozenset()
    filled: bool = False
    heading: bool = False


def _score(unit: _Unit, key: str, vocabulary: Vocabulary) -> int:
    if key in unit.names:
        return _LABEL_SCORE if unit.filled else 0
    if unit.heading or (vocabulary.unless and vocabulary.unless.search(unit.text)):
        return 0
    best = 0
    for rule in vocabulary.rules:
        if rule.unless and rule.unless.search(unit.text):
            continue
        if all(group.search(unit.text) for group in rule.groups):
            best = max(best, len(rule.groups))
    if best:
        best += sum(1 for group in vocabulary.bonus if group.search(unit.text))
    return best


def _labelled(label: str, value: str, evidence: str) -> _Unit | None:
    """The unit of a row or line whose label names a preamble element ("Varighet | Så lenge ..."), if it does."""
    names = frozenset(k for k, v in VOCABULARY.items() if v.label is not None and _label_matches(label, v.label))
    if not names:
        return None
    filled = _has_value(value) and not LABEL_VALUE_UNLESS.search(value)
    return _Unit(value, evidence, names=names, filled=filled)


_PARTS = re.compile(r"\s*(?:,|/|&|\band\b|\bog\b)\s*", re.IGNORECASE)


def _label_matches(label: str, pattern: re.Pattern[str]) -> bool:
    """A label names the element when it, or one of its parts ("Formål og art"), is one of its labels."""
    cleaned = re.sub(r"\([^)]*\)", " ", label.lower())
    cleaned = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\)|\([a-z]\))\s*", "", cleaned)
    cleaned = " ".join(cleaned.strip(" :.-–*").split())
    return bool(pattern.fullmatch(cleaned)) or any(pattern.fullmatch(part) for part in _PARTS.split(cleaned) if part)


def _has_value(value: str) -> bool:
    """Whether a row holds a value, not an unfilled placeholder ("–", "[...]", "{{purpose}}", "TBD")."""
    value = value.strip()
    if re.fullmatch(r"\[.*\]|\{\{.*\}\}|<.*>|(?i:tbd|tba|n/?a|x+|\.+|…)", value):
        return False
    return len(re.findall(r"\w", value)) >= 2


# ---- Reading text into sentences -----------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2007\u2009\u202f\u2002\u2003\u200a\ufeff]+")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\u2010", "-").replace("\u2011", "-")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Abbreviations after which a full stop does not end a sentence ("jf. art. 28 nr. 3", "e.g. Microsoft").
_ABBREVIATIONS = frozenset(
    """art arts nr no nos pkt para paras sec secs cf ref jf jfr f.eks e.g i.e bl.a dvs osv mv m.v evt ev iht ift ca
    inkl ekskl incl excl vs mr ms mrs dr st kap lit bokst ltd inc co p pp vol fig tlf tel org.nr orgnr""".split()
)
_STOP = re.compile(r"[.!?;]+[\"'”’»)\]]*\s+")
# A clause number or list letter at the start of a paragraph ("4.", "B1.", "iv."): its full stop ends nothing.
_NUMBER = re.compile(r"(?:[a-z]{0,2}\d+(?:\.\d+)*|[a-z]|[ivx]+)\.?")
_LIST_MARKER = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]+\)|\(?\d+\)|[-•*–·▪◦])\s+")
_CLAUSE_NUMBER = re.compile(
    r"^(?:(?:clause|section|punkt|pkt\.?|art\.?|article|artikkel)\s+)?\d+(?:\.\d+)*\.?\s+", re.I
)
_LABEL_VALUE = re.compile(r"^([^:|]{2,60}):\s+(\S.*)$")


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    lead = ""  # the lead-in ("The processor shall:") that list items after it continue
    for line in text.split("\n"):
        if not line:
            continue
        if " | " in line or line.startswith("|"):
            units.extend(_row(line))
            lead = ""
            continue
        if lead and not (_LIST_MARKER.match(line) or line[:1].islower()):
            lead = ""
        context = lead + " " if lead else ""
        label_value = _LABEL_VALUE.match(line)
        labelled = label_value and _labelled(label_value.group(1), label_value.group(2), line)
        if labelled:
            units.append(labelled)
            continue
        for sentence in _sentences(line):
            for window in _windows(sentence):
                units.append(_Unit(context + window, window, heading=_is_heading(window)))
        if line.endswith(":") and len(line) < 300:
            lead = line
    return units


def _row(line: str) -> list[_Unit]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if all(re.fullmatch(r":?-*:?", c) for c in cells):
        return []  # a markdown rule line, or no cells
    text = " | ".join(c for c in cells if c)
    if len(cells) > 1 and (labelled := _labelled(cells[0], " | ".join(c for c in cells[1:] if c), text)):
        return [labelled]
    return [_Unit(window, window) for window in _windows(text)]


def _sentences(line: str) -> list[str]:
    out, start = [], 0
    for stop in _STOP.finditer(line):
        end = stop.end()
        following = line[end : end + 1]
        if stop.group().startswith("."):
            before = line[start : stop.start()].split()
            word = before[-1].lower() if before else ""
            # A full stop after an abbreviation, an initial, or a clause number at the start ("4. The") stays.
            if word.rstrip(".") in _ABBREVIATIONS or len(word) == 1 or (len(before) == 1 and _NUMBER.fullmatch(word)):
                continue
            if not (following.isupper() or following.isdigit() or following in "(\"'«“‘"):
                continue
        out.append(line[start:end])
        start = end
    out.append(line[start:])
    # A clause cut at a semicolon is shown without it.
    return [s for s in (piece.strip().rstrip(";").rstrip() for piece in out) if s]


def _windows(sentence: str) -> list[str]:
    if len(sentence) <= _WINDOW:
        return [sentence]
    words, out, i = sentence.split(" "), [], 0
    while i < len(words):
        chunk, j = [], i
        while j < len(words) and len(" ".join(chunk)) < _WINDOW:
            chunk.append(words[j])
            j += 1
        out.append(" ".join(chunk))
        if j >= len(words):
            break
        i = max(i + 1, (i + j) // 2)
    return out


def _is_heading(sentence: str) -> bool:
    if sentence[-1:] in ".!?;:":
        return False
    return len(_CLAUSE_NUMBER.sub("", sentence).split()) <= HEADING_MAX_WORDS


def _trim(evidence: str) -> str:
    if len(evidence) <= EVIDENCE_MAX:
        return evidence
    cut = evidence[: EVIDENCE_MAX - 1]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") + "…" if " " in cut else cut + "…"


# ---- Reading files -------------------------------------------------------------------------------------------


def document_text(content: bytes, name: str) -> str:
    """The text of a .docx (body paragraphs and table rows, in order) or a plain-text file."""
    if len(content) > MAX_BYTES:
        raise InputError(
            f"The file is too large ({len(content) / 1024 / 1024:.1f} MB)",
            value=name,
            accepted=f"{ACCEPTED}, up to 20 MB",
        )
    extension = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if extension == "docx":
        text = _docx_text(content, name)
    elif extension in ("txt", "text", "md"):
        text = _plain_text(content, name)
    else:
        hint = " (save it as .docx from Word)" if extension in ("doc", "pdf", "odt", "rtf", "pages") else ""
        raise InputError(f"Cannot read this kind of file{hint}", value=name, accepted=ACCEPTED)
    if not text.strip():
        raise InputError("The document has no text", value=name, accepted=ACCEPTED)
    return text


def _plain_text(content: bytes, name: str) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace")
    if b"\x00" in content[:4096] or content.startswith(b"PK\x03\x04") or content.startswith(b"%PDF"):
        raise InputError("This is not a plain-text file", value=name, accepted=ACCEPTED)
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL = _W + "p", _W + "tbl"


def _docx_text(content: bytes, name: str) -> str:
    import docx  # python-docx; imported here so that checking plain text does not need it
    from docx.opc.exceptions import OpcError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, XMLSyntaxError) as e:
        raise InputError(
            "Cannot open this file as a Word document (.docx); it may be damaged, or another format renamed",
            value=name,
            accepted=ACCEPTED,
        ) from e
    return "\n".join(_block_lines(document.element.body))


def _children(element: object, *tags: str) -> list[object]:
    """Direct children with one of `tags`, looking through content controls and custom XML wrappers."""
    out = []
    for child in element:  # type: ignore[attr-defined]
        if child.tag in tags:
            out.append(child)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                out.extend(_children(content, *tags))
        elif child.tag == _W + "customXml":
            out.extend(_children(child, *tags))
    return out


def _block_lines(container: object) -> list[str]:
    """Paragraphs and table rows in document order."""
    lines: list[str] = []
    for child in _children(container, _P, _TBL):
        if child.tag == _P:  # type: ignore[attr-defined]
            lines.append(_paragraph_text(child))
        else:
            lines.extend(_table_lines(child))
    return lines


def _table_lines(table: object) -> list[str]:
    """One line per row, cells joined by " | "; a table nested in a cell follows its row."""
    lines: list[str] = []
    for row in _children(table, _W + "tr"):
        cells, nested = [], []
        for cell in _children(row, _W + "tc"):
            blocks = _children(cell, _P, _TBL)
            cells.append(" ".join(t for b in blocks if b.tag == _P and (t := _paragraph_text(b))))  # type: ignore[attr-defined]
            nested.extend(line for b in blocks if b.tag == _TBL for line in _table_lines(b))  # type: ignore[attr-defined]
        if any(cells):
            lines.append(" | ".join(cells))
        lines.extend(nested)
    return lines


def _paragraph_text(paragraph: object) -> str:
    parts = []
    for node in paragraph.iter():  # type: ignore[attr-defined]
        if node.tag == _W + "t" and node.text:
            parts.append(node.text)
        elif node.tag in (_W + "tab", _W + "br", _W + "cr"):
            parts.append(" ")
        elif node.tag == _W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)
