"""Reading a DPA file into text: a Word document's paragraphs and table rows in order, or a plain-text file."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from registry.errors import InputError

ACCEPTED = ".docx or plain text (.txt)"
MAX_BYTES = 20 * 1024 * 1024
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


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
    if not _LETTER_OR_DIGIT.search(text):
        raise InputError("The document has no text (no letter or digit)", value=name, accepted=ACCEPTED)
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
    import docx  # python-docx: imported here, as checking plain text does not need it
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, OpcError, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise InputError(
            "Cannot open this file as a Word document (.docx); it may be damaged, or another format renamed",
            value=name,
            accepted=ACCEPTED,
        ) from e
    return "\n".join(_block_lines(document.element.body))


def _children(element: etree._Element, *tags: str) -> list[etree._Element]:
    """Direct children with one of `tags`, looking through content controls and custom XML wrappers."""
    out = []
    for child in element:
        if child.tag in tags:
            out.append(child)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                out.extend(_children(content, *tags))
        elif child.tag == _W + "customXml":
            out.extend(_children(child, *tags))
    return out


def _block_lines(container: etree._Element) -> list[str]:
    """Paragraphs and table rows in document order."""
    lines: list[str] = []
    for child in _children(container, _P, _TBL):
        if child.tag == _P:
            lines.append(_paragraph_text(child))
        else:
            lines.extend(_table_lines(child))
    return lines


def _table_lines(table: etree._Element) -> list[str]:
    """One line per row, cells joined by " | "; a table nested in a cell follows its row."""
    lines: list[str] = []
    for row in _children(table, _W + "tr"):
        cells, nested = [], []
        for cell in _children(row, _W + "tc"):
            blocks = _children(cell, _P, _TBL)
            cells.append(" ".join(t for b in blocks if b.tag == _P and (t := _paragraph_text(b))))
            nested.extend(line for b in blocks if b.tag == _TBL for line in _table_lines(b))
        if any(cells):
            lines.append(" | ".join(cells))
        lines.extend(nested)
    return lines


def _paragraph_text(paragraph: etree._Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == _W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == _W + "tab":
            parts.append("\t")
        elif node.tag in (_W + "br", _W + "cr"):
            parts.append(" ")
        elif node.tag == _W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)
