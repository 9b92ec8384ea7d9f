"""Build the first version of the DPA Word templates: templates/dpa.nb.docx and templates/dpa.en.docx.

    /tmp/venv/bin/python tools/make_templates.py [--force] [--out-dir DIR]

The wording of the agreement (GDPR Art. 28) lives in this file in readable form, so that a reviewer can read the
legal text in a diff. It is only the starting point: once the DPO has edited a template in Word, the .docx is the
source, and running this script again would overwrite those edits. The script therefore refuses to overwrite an
existing template unless --force is given.

The templates use the placeholder syntax and the value names of templates/README.md. Before saving, the script
checks that every placeholder is a known value, that every {{if}}/{{each}} block has its {{end}}, and that a
repeating table row draws on one list only, so a typo here fails the build instead of the generator.

Form: named styles only (Title, Subtitle, Heading 1, Heading 2, Normal, List Bullet, Table Grid, and the character
style Strong), adjusted on the style objects; A4 with 2.5 cm margins; a footer with real PAGE and NUMPAGES fields;
the spelling language set in the document defaults.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
AUTHOR = "DPA Registry Bot"
FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)
SUBTITLE_COLOUR = RGBColor(0x59, 0x59, 0x59)

from template_blocks import Marker, Note, PageBreak, Para, Table  # noqa: E402
from template_en import english  # noqa: E402
from template_nb import norwegian  # noqa: E402


@dataclass(frozen=True)
class Language:
    code: str  # file name part: dpa.<code>.docx
    lang: str  # spelling language (w:lang) and core property
    title: str
    subject: str
    footer: str  # text before the page number; the placeholders stay whole in one run
    of: str  # between the page number and the page count
    content: list


LANGUAGES = (
    Language(
        code="nb",
        lang="nb-NO",
        title="Databehandleravtale",
        subject="Databehandleravtale etter personvernforordningen artikkel 28 nr. 3",
        footer="Databehandleravtale {{controller.name}} – {{processor.name}} · versjon {{version}} · side ",
        of=" av ",
        content=norwegian(),
    ),
    Language(
        code="en",
        lang="en-GB",
        title="Data Processing Agreement",
        subject="Data processing agreement under Article 28(3) GDPR",
        footer="Data Processing Agreement {{controller.name}} – {{processor.name}} · version {{version}} · page ",
        of=" of ",
        content=english(),
    ),
)


# ---------------------------------------------------------------------------------------------------------------
# Placeholder check (the names of templates/README.md)
# ---------------------------------------------------------------------------------------------------------------

PARTY_FIELDS = ("name", "orgnr", "address", "country", "email", "dpo", "contact", "locations")
SCALARS = frozenset(
    {"version", "date", "notice_days", "breach_hours", "general_authorisation", "specific_authorisation"}
    | {"replaced_version", "replaced_date"}
    | {"processor_locations", "processor_in_eea"}
    | {"bilingual"}
    | {f"{party}.{f}" for party in ("controller", "processor") for f in PARTY_FIELDS}
)
LISTS: dict[str, frozenset[str]] = {
    "processing": frozenset({"purpose", "nature", "special", "data", "subjects", "retention", "basis", "duration"}),
    "data_categories": frozenset(),
    "subject_categories": frozenset(),
    "subprocessors": frozenset(
        {"name", "orgnr", "address", "country", "service", "locations", "transfer", "engaged_by"}
    ),
    "transfers": frozenset({"exporter", "importer", "country", "mechanism", "tia"}),
    "scc_transfers": frozenset({"exporter", "importer", "country", "module", "authority", "law", "courts"}),
    "dpf_transfers": frozenset(),
    "adequacy_transfers": frozenset(),
    "measures": frozenset(),
    "versions": frozenset({"version", "date", "status"}),
}
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
MARKER = re.compile(r"^(if not|if|each) ([a-z_]+)$|^end$")


def placeholder_list(name: str) -> str | None:
    """The list a value placeholder draws on (None for a scalar); raises ValueError for an unknown name."""
    if name in SCALARS:
        return None
    head, _, tail = name.partition(".")
    if head in LISTS and (tail in LISTS[head] if tail else not LISTS[head]):
        return head
    raise ValueError(f"unknown placeholder {{{{{name}}}}}")


def check(blocks: list) -> None:
    """Fail on an unknown name, an unbalanced block, or a repeating table row that draws on two lists."""
    depth = 0
    for block in blocks:
        if isinstance(block, Marker):
            found = MARKER.match(block.text[2:-2])
            if not found:
                raise ValueError(f"bad marker {block.text}")
            if block.text == "{{end}}":
                depth -= 1
                if depth < 0:
                    raise ValueError("{{end}} without a block")
            else:
                name = found.group(2)
                if name not in SCALARS and name not in LISTS:
                    raise ValueError(f"unknown name in {block.text}")
                if block.text.startswith("{{each") and name not in LISTS:
                    raise ValueError(f"{block.text} needs a list")
                depth += 1
            continue
        texts = [block.text] if isinstance(block, Para | Note) else []
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c for cell in row for c in ((cell,) if isinstance(cell, str) else cell)]
                lists = {placeholder_list(n) for c in cells for n in PLACEHOLDER.findall(c)} - {None, "processing"}
                if len(lists) > 1:
                    raise ValueError(f"table row draws on several lists: {sorted(lists)}")
        for text in texts:
            for name in PLACEHOLDER.findall(text):
                if MARKER.match(name):
                    raise ValueError(f"marker {{{{{name}}}}} must stand alone in its paragraph")
                placeholder_list(name)
    if depth:
        raise ValueError("a block has no {{end}}")


# ---------------------------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------------------------


def flatten(items: list) -> list:
    out: list = []
    for item in items:
        out.extend(flatten(item) if isinstance(item, list) else [item])
    return out


def set_font(rpr, name: str) -> None:
    """Use a named font rather than the theme font (theme attributes would win over the name)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def setup_styles(doc, lang: str) -> None:
    """Fonts, sizes, colours and spacing, all on the styles.

    Body spacing sits in the document defaults rather than in Normal, as Word's own templates do, so that the
    table style's tighter spacing wins inside table cells. Space goes before a paragraph rather than after it, so
    a paragraph that follows a table (the next processing in Bilag A / Annex II) does not touch it.
    """
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(run_defaults, FONT)
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), lang)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    for attr, value in (("w:before", "120"), ("w:after", "0"), ("w:line", "264"), ("w:lineRule", "auto")):
        spacing.set(qn(attr), value)  # 6 pt before, line spacing 1.1

    normal = styles["Normal"]
    set_font(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = Pt(11)

    for name, size, before in (("Heading 1", 14, 20), ("Heading 2", 12, 14)):
        style = styles[name]
        set_font(style.element.get_or_add_rPr(), FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.keep_with_next = True

    heading = styles["Title"]
    set_font(heading.element.get_or_add_rPr(), FONT)
    heading.font.size = Pt(24)
    heading.font.color.rgb = HEADING_COLOUR
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(6)

    sub = styles["Subtitle"]
    numbering = sub.element.pPr.find(qn("w:numPr")) if sub.element.pPr is not None else None
    if numbering is not None:  # the default template gives Subtitle a stray list level
        sub.element.pPr.remove(numbering)
    set_font(sub.element.get_or_add_rPr(), FONT)
    sub.font.size = Pt(12)
    sub.font.italic = False
    sub.font.color.rgb = SUBTITLE_COLOUR
    sub.paragraph_format.space_after = Pt(12)

    bullet = styles["List Bullet"]
    contextual = bullet.element.pPr.find(qn("w:contextualSpacing"))
    if contextual is not None:  # keep a little space between the items
        bullet.element.pPr.remove(contextual)
    bullet.paragraph_format.space_before = Pt(3)

    grid = styles["Table Grid"]
    grid.paragraph_format.space_before = Pt(2)
    grid.paragraph_format.space_after = Pt(2)
    grid.paragraph_format.line_spacing = 1.0

    # Word should check the spelling afresh in the document's language.
    settings = doc.settings.element
    proof = settings.find(qn("w:proofState"))
    if proof is not None:
        settings.remove(proof)
    # Hyphenate long words in narrow table columns (in the document's language) rather than cut them anywhere.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None and settings.find(qn("w:autoHyphenation")) is None:
        tab_stop.addnext(OxmlElement("w:autoHyphenation"))  # the schema places it right after defaultTabStop
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)


def setup_page(section, footer_text: str, of: str, normal) -> None:
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)

    paragraph = section.footer.paragraphs[0]
    paragraph.style = normal
    paragraph.add_run(footer_text).font.size = Pt(9)  # 9 pt: long party names keep the footer on one line
    paragraph._p.append(field_element("PAGE"))
    paragraph.add_run(of).font.size = Pt(9)
    paragraph._p.append(field_element("NUMPAGES"))


def field_element(instruction: str):
    """A simple field (w:fldSimple) such as PAGE or NUMPAGES; Word and LibreOffice compute it when laying out."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    props, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
    size.set(qn("w:val"), "18")  # 9 pt, as the footer text
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    return fld


def add_table(doc, spec: Table, styles: dict) -> None:
    ncols = len(spec.widths_cm)
    tbl = doc.add_table(rows=len(spec.rows), cols=ncols)
    tbl.style = styles["Table Grid"]
    tbl.autofit = False
    for i, width in enumerate(spec.widths_cm):
        tbl.columns[i].width = Cm(width)
    for r, row_spec in enumerate(spec.rows):
        if len(row_spec) != ncols:
            raise ValueError(f"table row has {len(row_spec)} cells, expected {ncols}: {row_spec}")
        row = tbl.rows[r]
        header = spec.header and r == 0
        row_props = row._tr.get_or_add_trPr()
        row_props.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if header and not spec.together:
            row_props.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
        if r in spec.tall_rows:
            row.height = Cm(1.6)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for c, content in enumerate(row_spec):
            cell = row.cells[c]
            cell.width = Cm(spec.widths_cm[c])
            if spec.small and "orgnr" in str(content):
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))  # a number never breaks in its cell
            for k, text in enumerate((content,) if isinstance(content, str) else content):
                paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                if spec.together and r < len(spec.rows) - 1:
                    paragraph.paragraph_format.keep_with_next = True
                if text:
                    run = paragraph.add_run(text)
                    if header:
                        run.style = styles["Strong"]
                    if spec.small:
                        run.font.size = Pt(9)


def render(lang: Language):
    doc = Document()
    setup_styles(doc, lang.lang)
    styles = {name: doc.styles[name] for name in ("Strong", "Table Grid")}
    para_styles = {
        name: doc.styles[name] for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Normal", "List Bullet")
    }

    section = doc.sections[0]
    setup_page(section, lang.footer, lang.of, para_styles["Normal"])

    blocks = flatten(lang.content)
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            paragraph = doc.add_paragraph(block.text, para_styles[block.style])
            if block.new_page:
                paragraph.paragraph_format.page_break_before = True
            if i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
                paragraph.paragraph_format.keep_with_next = True  # a lead-in stays with its table
        elif isinstance(block, Marker):
            doc.add_paragraph(block.text, para_styles["Normal"])
        elif isinstance(block, Note):
            doc.add_paragraph(style=para_styles["Normal"]).add_run(block.text, styles["Strong"])
        elif isinstance(block, PageBreak):
            doc.add_paragraph(style=para_styles["Normal"]).add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Table):
            add_table(doc, block, styles)
        else:
            raise TypeError(f"unknown block {block!r}")

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = lang.title
    props.subject = lang.subject
    props.language = lang.lang
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = (
        "First version built by tools/make_templates.py. Edit this file in Word; keep the {{...}} placeholders."
    )
    props.keywords = "GDPR Art. 28; DPA template"
    props.revision = 1
    props.created = now
    props.modified = now
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--force", action="store_true", help="overwrite existing templates (and any edits made in Word)"
    )
    parser.add_argument("--out-dir", type=Path, default=ROOT / "templates", help="where to write (default: templates/)")
    args = parser.parse_args(argv)

    targets = [(lang, args.out_dir / f"dpa.{lang.code}.docx") for lang in LANGUAGES]
    existing = [path for _, path in targets if path.exists()]
    if existing and not args.force:
        names = ", ".join(str(path) for path in existing)
        print(
            f"Not overwriting {names}: once edited in Word, the .docx is the source and this script would discard "
            "those edits. Run with --force to rebuild from the script anyway.",
            file=sys.stderr,
        )
        return 1

    for lang, _ in targets:
        check(flatten(lang.content))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for lang, path in targets:
        render(lang).save(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
