"""The text of a Word document (.docx): its body's paragraphs and table rows in order, read from the document part
alone (images, styles and the rest stay packed)."""

from __future__ import annotations

import posixpath

from lxml import etree

from text.limits import FileRefused
from text.unzip import DAMAGED, LIMITS, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL = _W + "p", _W + "tbl"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_PART = "/officeDocument"  # how the package's relationships name the document part (Type ends with it)
# No entities, no DTD, no network: the XML is someone else's.
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)


def docx_text(content: bytes) -> str:
    """Body paragraphs and table rows, one a line; FileRefused when it is no Word document or too big to unpack."""
    document = _xml(read_member(content, _main_part(content)))
    body = document.find(_W + "body")
    if document.tag != _W + "document" or body is None:
        raise FileRefused(DAMAGED, LIMITS)
    return "\n".join(_block_lines(body))


def _main_part(content: bytes) -> str:
    """The document part's name in the archive, as the package's relationships give it."""
    for relationship in _xml(read_member(content, "_rels/.rels")).iter(_RELATIONSHIP):
        if relationship.get("Type", "").endswith(_MAIN_PART) and relationship.get("TargetMode") != "External":
            return posixpath.normpath(relationship.get("Target", "")).lstrip("/")
    raise FileRefused(DAMAGED, LIMITS)


def _xml(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FileRefused(DAMAGED, LIMITS) from exc


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
