"""Filling a Word template: placeholders, repeated rows and paragraphs, optional and repeated blocks.

The syntax is documented for the DPO in templates/README.md. Word splits text into runs wherever formatting,
spell-checking or editing history changes, so a placeholder typed in Word is often spread over several runs;
each paragraph is first normalised so that every placeholder lies in the run where it starts.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

from registry.errors import RegistryError

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
MARKER = re.compile(r"^(if not|if|each)\s+([\w.]+)$|^(end)$")
EMPTY = "–"
# Characters XML 1.0 cannot hold: a value carrying one (pasted from elsewhere) must not stop the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Runs that belong to the paragraph's own text (not to text boxes or deleted text).
RUNS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:customXml/w:r | ./w:fldSimple/w:r"
P, TBL, TR, TC, TCPR, SECT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:sectPr")
T = qn("w:t")
_RUNS = etree.XPath(RUNS, namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
# What each run child reads as, the way python-docx's Run.text reads it (used to find placeholders quickly).
_CHARS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
BR, BR_TYPE = qn("w:br"), qn("w:type")

Scope = Mapping[str, Any]


class TemplateError(RegistryError):
    """The template cannot be filled: a placeholder is unknown or a block is malformed."""


def render(template: bytes, values: Scope, *, properties: Mapping[str, Any] | None = None) -> bytes:
    """The filled document's bytes. `values` maps names to text, flags, lists of text or lists of mappings."""
    try:
        document = Document(io.BytesIO(template))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a Word document
        raise TemplateError(f"The template is not a readable Word document ({exc}).") from exc
    for p in document.element.body.iter(P):
        _join_split_placeholders(p)  # once for the template; copies made while filling are already joined
    _fill_container(document.element.body, values)
    seen: set[int] = set()
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous and id(part.part) not in seen:
                seen.add(id(part.part))
                for p in part._element.iter(P):
                    _join_split_placeholders(p)
                _fill_container(part._element, values)
    _refuse_leftovers(document.element.body)
    for key, value in (properties or {}).items():
        setattr(document.core_properties, key, value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _refuse_leftovers(body: etree._Element) -> None:
    """A placeholder in a place the generator does not fill (a text box, a content control) must not reach a
    partner as `{{...}}`."""
    for p in body.iter(P):
        match = PLACEHOLDER.search("".join(t.text or "" for t in p.iter(qn("w:t"))))
        if match:
            raise TemplateError(
                f"The template has {match.group(0)} where it cannot be filled (in a text box or content "
                "control); move it into an ordinary paragraph or table."
            )


def placeholders(template: bytes) -> set[str]:
    """Every placeholder and marker name a template uses (for checking a template against the values)."""
    document = Document(io.BytesIO(template))
    names = set()
    for p in document.element.body.iter(P):
        _join_split_placeholders(p)
        for match in PLACEHOLDER.finditer(_text(p)):
            marker = MARKER.match(match.group(1))
            if marker:
                if marker.group(2):
                    names.add(marker.group(2))
            else:
                names.add(match.group(1))
    return names


# --- blocks ---------------------------------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "if", "if not", "each", or "" for the container itself
    name: str
    children: list[Any] = field(default_factory=list)  # lxml elements and nested _Blocks


def _fill_container(container: etree._Element, scope: Scope) -> None:
    """Fill the paragraphs and tables directly in `container` (the body, a header, a table cell)."""
    items = [child for child in container if child.tag not in (SECT, TCPR)]
    if not any(child.tag in (P, TBL) for child in items):
        return
    tree = _parse(items)
    for child in items:
        container.remove(child)
    rendered = list(_render_block(tree, scope))
    if container.tag == TC and not any(e.tag == P for e in rendered):
        rendered.append(OxmlElement("w:p"))  # a table cell must hold at least one paragraph
    section = container.find(SECT)
    for element in rendered:
        if section is not None:
            section.addprevious(element)  # the body's section properties stay last
        else:
            container.append(element)


def _parse(items: list[etree._Element]) -> _Block:
    root = _Block("", "")
    stack = [root]
    for element in items:
        marker = _marker(element) if element.tag == P else None
        if marker is None:
            stack[-1].children.append(element)
        elif marker[0] == "end":
            if len(stack) == 1:
                raise TemplateError("The template has an {{end}} without an {{if ...}} or {{each ...}} before it.")
            stack.pop()
        else:
            block = _Block(*marker)
            stack[-1].children.append(block)
            stack.append(block)
    if len(stack) > 1:
        raise TemplateError(f"The template's {{{{{stack[-1].kind} {stack[-1].name}}}}} has no {{{{end}}}}.")
    return root


def _marker(p: etree._Element) -> tuple[str, str] | None:
    if not _has_braces(p):
        return None
    text = _text(p)
    if "{{" not in text:
        return None
    found = [MARKER.match(m.group(1)) for m in PLACEHOLDER.finditer(text)]
    markers = [m for m in found if m]
    if not markers:
        return None
    if len(found) > 1 or PLACEHOLDER.sub("", text).strip():
        raise TemplateError(f"A block marker must stand alone in its paragraph: {text.strip()!r}.")
    m = markers[0]
    return ("end", "") if m.group(3) else (m.group(1), m.group(2))


def _render_block(block: _Block, scope: Scope) -> Iterator[etree._Element]:
    for child in block.children:
        if isinstance(child, _Block):
            value = _lookup(scope, child.name)
            if child.kind == "each":
                if not isinstance(value, list):
                    raise TemplateError(f"{{{{each {child.name}}}}} needs a list, and {child.name} is not one.")
                for item in value:
                    yield from _render_block(child, {**scope, child.name: item})
            elif bool(value) != (child.kind == "if not"):
                yield from _render_block(child, scope)
        else:
            for item_scope in _repeats(child, scope):
                element = copy.deepcopy(child)
                if element.tag == TBL:
                    _fill_table(element, item_scope)
                elif element.tag == P:
                    _fill_paragraph(element, item_scope)
                yield element


def _fill_table(table: etree._Element, scope: Scope) -> None:
    for row in table.findall(TR):
        for row_scope in _repeats(row, scope):
            filled = copy.deepcopy(row)
            row.addprevious(filled)
            for cell in filled.iter(TC):
                if cell.getparent() is filled:
                    _fill_container(cell, row_scope)
        table.remove(row)


def _repeats(element: etree._Element, scope: Scope) -> list[Scope]:
    """One scope per repetition of a paragraph or table row that uses items of a list; [scope] otherwise."""
    if element.tag not in (P, TR) or not _has_braces(element):
        return [scope]
    lists = set()
    for p in element.iter(P):
        for match in PLACEHOLDER.finditer(_text(p)):
            root = match.group(1).split(".")[0]
            if not MARKER.match(match.group(1)) and isinstance(scope.get(root), list):
                lists.add(root)
    if not lists:
        return [scope]
    if len(lists) > 1:
        raise TemplateError(
            f"A repeated row or paragraph may use one list, and this one uses {', '.join(sorted(lists))}."
        )
    root = lists.pop()
    return [{**scope, root: item} for item in scope[root]]


# --- paragraphs -----------------------------------------------------------------------------------------------


def _fill_paragraph(p: etree._Element, scope: Scope) -> None:
    if not _has_braces(p):
        return
    for r in _RUNS(p):
        text = _run_text(r)
        if "{{" in text:
            Run(r, None).text = PLACEHOLDER.sub(lambda m: _text_value(scope, m.group(1)), text)


def _join_split_placeholders(p: etree._Element) -> None:
    """Move each placeholder's text into the run where it starts, so it can be replaced in one piece."""
    if not _has_braces(p):
        return
    elements = _RUNS(p)
    texts = [_run_text(r) for r in elements]
    full = "".join(texts)
    if "{{" not in full:
        return
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text)

    def run_at(position: int) -> int:
        return next(i for i, s in enumerate(starts) if s <= position < s + len(texts[i]))

    for match in reversed(list(PLACEHOLDER.finditer(full))):
        first, last = run_at(match.start()), run_at(match.end() - 1)
        if first == last:
            continue
        texts[first] = texts[first][: match.start() - starts[first]] + match.group(0)
        for i in range(first + 1, last):
            texts[i] = ""
        texts[last] = texts[last][match.end() - starts[last] :]
        for i in range(first, last + 1):
            Run(elements[i], None).text = texts[i]


def _has_braces(element: etree._Element) -> bool:
    """Whether the element's text may hold a placeholder: a cheap test that lets most paragraphs skip the work."""
    return "{" in "".join(t.text or "" for t in element.iter(T))


def _text(p: etree._Element) -> str:
    return "".join(_run_text(r) for r in _RUNS(p))


def _run_text(r: etree._Element) -> str:
    out = []
    for child in r:
        if child.tag == T:
            out.append(child.text or "")
        elif child.tag in _CHARS:
            out.append(_CHARS[child.tag])
        elif child.tag == BR and child.get(BR_TYPE) in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _lookup(scope: Scope, name: str) -> Any:
    root, *rest = name.split(".")
    if root not in scope:
        raise TemplateError(f"The template uses {{{{{name}}}}}, which the generator does not know.")
    value = scope[root]
    for part in rest:
        if not isinstance(value, Mapping) or part not in value:
            raise TemplateError(f"The template uses {{{{{name}}}}}, which the generator does not know.")
        value = value[part]
    return value


def _text_value(scope: Scope, name: str) -> str:
    if MARKER.match(name):
        raise TemplateError(f"A block marker must stand alone in its paragraph: {{{{{name}}}}}.")
    value = _lookup(scope, name)
    if isinstance(value, (list, Mapping)):
        raise TemplateError(f"{{{{{name}}}}} is a list or group, not a single value; use one of its fields.")
    if value is None or value == "":
        return EMPTY
    # Text from the registry is never read as a placeholder, and never carries what XML cannot hold.
    return _NOT_XML.sub("", str(value)).replace("{{", "{ {")
