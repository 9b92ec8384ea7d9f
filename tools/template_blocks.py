"""The building blocks of the DPA templates' content: paragraphs, notes, block markers, tables, page breaks."""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------------------------
# Content model. A document is a list of blocks (nested lists are flattened):
#   Para(style, text)   a paragraph; the whole text is one run, so every placeholder is inside one run
#   Note(text)          a Normal paragraph whose text has the character style Strong (a warning the DPO must see)
#   Marker(text)        a block marker ({{if x}}, {{if not x}}, {{each x}}, {{end}}) alone in a Normal paragraph
#   Table(...)          a Table Grid table; a cell is a string or a tuple of strings (one paragraph each)
#   PageBreak()         a Normal paragraph holding only a page break (not used by the annexes: their headings
#                       start a page themselves, so a page break after a full-page table cannot leave a blank page)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    style: str
    text: str
    new_page: bool = False  # starts a page (page-break-before): no empty paragraph can end up on a page of its own


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Marker:
    text: str


@dataclass(frozen=True)
class PageBreak:
    pass


Cell = str | tuple[str, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    widths_cm: tuple[float, ...]
    header: bool = True  # first row is a header: Strong text, repeated on each page
    tall_rows: frozenset[int] = field(default_factory=frozenset)  # rows with room for a handwritten signature
    together: bool = False  # keep the whole table on one page (the signature table, each processing)
    small: bool = False  # 9 pt text: tables of five or six columns, so that names and numbers fit their column


def title(text: str) -> Para:
    return Para("Title", text)


def subtitle(text: str) -> Para:
    return Para("Subtitle", text)


def h1(text: str) -> Para:
    return Para("Heading 1", text)


def h2(text: str) -> Para:
    return Para("Heading 2", text)


def p(text: str) -> Para:
    return Para("Normal", text)


def bullets(*items: str) -> list[Para]:
    return [Para("List Bullet", item) for item in items]


def annex(heading: str) -> list:
    """Each annex starts on a new page: its heading has page-break-before."""
    return [Para("Heading 1", heading, new_page=True)]


def when(name: str) -> Marker:
    return Marker("{{if " + name + "}}")


def unless(name: str) -> Marker:
    return Marker("{{if not " + name + "}}")


def each(name: str) -> Marker:
    return Marker("{{each " + name + "}}")


END = Marker("{{end}}")


def table(
    *rows: tuple[Cell, ...],
    widths: tuple[float, ...],
    header: bool = True,
    tall: tuple[int, ...] = (),
    together: bool = False,
) -> Table:
    return Table(tuple(rows), widths, header, frozenset(tall), together, small=len(widths) >= 5)


def party_rows(labels: tuple[str, str, str, str, str, str]) -> list[tuple[Cell, ...]]:
    """Rows of the parties table: one label column, then the controller and the processor."""
    fields = ("name", "orgnr", "address", "country", "email", "dpo")
    return [
        (label, "{{controller." + f + "}}", "{{processor." + f + "}}") for label, f in zip(labels, fields, strict=True)
    ]


PARTY_WIDTHS = (4.4, 5.8, 5.8)
PROCESSING_WIDTHS = (5.4, 10.6)  # the label column holds 'behandlingsansvarliges' whole
SIGNATURE_WIDTHS = (8.0, 8.0)
# Sized to their content at 9 pt: a nine-digit organisation number fits its column whole, and the long headers
# break only at their soft hyphen (Behandlings-sted).
SUBPROCESSOR_WIDTHS = (2.9, 2.2, 2.4, 3.0, 3.3, 2.2)
TRANSFER_WIDTHS = (3.0, 3.0, 2.4, 4.8, 2.8)
VERSION_WIDTHS = (3.0, 5.0, 8.0)
