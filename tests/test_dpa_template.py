"""The template engine: placeholders split by Word, repeated rows and paragraphs, blocks, headers, errors."""

from __future__ import annotations

import io
import itertools

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from agreements.template import TemplateError, placeholders, render

VALUES = {
    "controller": {"name": "Nordlys Eiendomsdrift AS", "orgnr": "", "dpo": None},
    "version": "2",
    "measures": ["Encryption", "Access control"],
    "subprocessors": [
        {"name": "Microsoft Ireland", "service": "Hosting"},
        {"name": "Twilio", "service": "SMS"},
    ],
    "transfers": [],
    "general_authorisation": True,
    "specific_authorisation": False,
    "processing": [{"purpose": "Alarm centre"}, {"purpose": "Payroll"}],
}


def _doc(build) -> bytes:
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _split(paragraph, *pieces: str, bold_at: int | None = None) -> None:
    """Write text as several runs, the way Word splits a placeholder that was edited or spell-checked."""
    for i, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        if i == bold_at:
            run.style = "Strong"


def _texts(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_placeholders_split_over_runs_are_filled_and_keep_the_first_runs_format():
    def build(d):
        _split(d.add_paragraph(), "Controller: ", "{{control", "ler.na", "me}", "} (v{{ver", "sion}})", bold_at=1)

    out = render(_doc(build), VALUES)
    paragraph = Document(io.BytesIO(out)).paragraphs[0]
    assert paragraph.text == "Controller: Nordlys Eiendomsdrift AS (v2)"
    assert [r.text for r in paragraph.runs if r.style.name == "Strong"] == ["Nordlys Eiendomsdrift AS"]


def test_empty_values_print_as_a_dash():
    out = render(_doc(lambda d: d.add_paragraph("Org.nr. {{controller.orgnr}}, DPO {{controller.dpo}}")), VALUES)
    assert _texts(out) == ["Org.nr. –, DPO –"]


def test_a_paragraph_using_a_list_repeats_per_item():
    def build(d):
        d.add_paragraph("Measures:")
        d.add_paragraph("{{measures}}", style="List Bullet")

    out = render(_doc(build), VALUES)
    doc = Document(io.BytesIO(out))
    assert [p.text for p in doc.paragraphs] == ["Measures:", "Encryption", "Access control"]
    assert {p.style.name for p in doc.paragraphs[1:]} == {"List Bullet"}


def test_a_table_row_using_a_list_repeats_per_item_and_the_header_stays():
    def build(d):
        table = d.add_table(rows=2, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Name", "Service"
        _split(table.rows[1].cells[0].paragraphs[0], "{{subprocessors.", "name}}")
        table.rows[1].cells[1].text = "{{subprocessors.service}}"

    doc = Document(io.BytesIO(render(_doc(build), VALUES)))
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows == [["Name", "Service"], ["Microsoft Ireland", "Hosting"], ["Twilio", "SMS"]]


def test_an_empty_list_removes_its_row():
    def build(d):
        table = d.add_table(rows=2, cols=1)
        table.rows[0].cells[0].text = "Transfers"
        table.rows[1].cells[0].text = "{{transfers.country}}"

    doc = Document(io.BytesIO(render(_doc(build), VALUES)))
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == [["Transfers"]]


def test_if_blocks_keep_or_drop_paragraphs_and_tables():
    def build(d):
        d.add_paragraph("{{if general_authorisation}}")
        d.add_paragraph("General authorisation.")
        d.add_table(rows=1, cols=1).rows[0].cells[0].text = "kept table"
        d.add_paragraph("{{end}}")
        _split(d.add_paragraph(), "{{if spec", "ific_authorisation}}")
        d.add_paragraph("Specific authorisation.")
        d.add_paragraph("{{end}}")
        d.add_paragraph("{{if not transfers}}")
        d.add_paragraph("No transfers.")
        d.add_paragraph("{{end}}")
        d.add_paragraph("After.")

    doc = Document(io.BytesIO(render(_doc(build), VALUES)))
    assert [p.text for p in doc.paragraphs] == ["General authorisation.", "No transfers.", "After."]
    assert [t.rows[0].cells[0].text for t in doc.tables] == ["kept table"]


def test_each_blocks_repeat_with_the_current_item_and_nest():
    def build(d):
        d.add_paragraph("{{each processing}}")
        d.add_paragraph("Purpose: {{processing.purpose}} (v{{version}})", style="Heading 2")
        d.add_paragraph("{{if measures}}")
        d.add_paragraph("{{measures}}")
        d.add_paragraph("{{end}}")
        d.add_paragraph("{{end}}")

    assert _texts(render(_doc(build), VALUES)) == [
        "Purpose: Alarm centre (v2)",
        "Encryption",
        "Access control",
        "Purpose: Payroll (v2)",
        "Encryption",
        "Access control",
    ]


def test_headers_and_footers_are_filled():
    def build(d):
        d.sections[0].footer.paragraphs[0].text = "DPA {{controller.name}} v{{version}}"

    doc = Document(io.BytesIO(render(_doc(build), VALUES)))
    assert doc.sections[0].footer.paragraphs[0].text == "DPA Nordlys Eiendomsdrift AS v2"


def test_document_properties_are_set():
    out = render(_doc(lambda d: d.add_paragraph("x")), VALUES, properties={"title": "Databehandleravtale"})
    assert Document(io.BytesIO(out)).core_properties.title == "Databehandleravtale"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda d: d.add_paragraph("{{controller.fax}}"), "{{controller.fax}}, which the generator does not know"),
        (lambda d: d.add_paragraph("{{nonsense}}"), "{{nonsense}}"),
        (lambda d: d.add_paragraph("Text {{if transfers}}"), "must stand alone"),
        (lambda d: d.add_paragraph("{{if transfers}}"), "has no {{end}}"),
        (lambda d: d.add_paragraph("{{end}}"), "{{end}} without"),
        (lambda d: d.add_paragraph("{{controller}}"), "not a single value"),
        (lambda d: d.add_paragraph("{{measures}} {{subprocessors.name}}"), "may use one list"),
    ],
)
def test_template_mistakes_stop_generation_with_the_placeholder_named(build, message):
    with pytest.raises(TemplateError, match=None) as caught:
        render(_doc(build), VALUES)
    assert message in str(caught.value)


def test_not_a_word_document_is_refused():
    with pytest.raises(TemplateError, match="not a readable Word document"):
        render(b"plain text", VALUES)


def test_placeholders_lists_every_name_used():
    def build(d):
        d.add_paragraph("{{if transfers}}")
        _split(d.add_paragraph(), "{{control", "ler.name}}")
        d.add_paragraph("{{end}}")

    assert placeholders(_doc(build)) == {"transfers", "controller.name"}


@settings(max_examples=60, deadline=None)
@given(cuts=st.lists(st.integers(min_value=1, max_value=45), max_size=12, unique=True))
def test_any_split_into_runs_gives_the_same_text(cuts):
    text = "A {{controller.name}} B {{version}}{{version}} C"
    points = [0, *sorted(c for c in cuts if c < len(text)), len(text)]
    pieces = [text[a:b] for a, b in itertools.pairwise(points)]
    out = render(_doc(lambda d: _split(d.add_paragraph(), *pieces)), VALUES)
    assert _texts(out) == ["A Nordlys Eiendomsdrift AS B 22 C"]


def test_hostile_values_cannot_break_the_document_or_add_placeholders():
    hostile = {**VALUES, "controller": {"name": "A&B <Ltd> \x00\x0b\u202eRTL {{version}}", "orgnr": "", "dpo": None}}
    out = render(_doc(lambda d: d.add_paragraph("{{controller.name}}")), hostile)
    assert _texts(out) == ["A&B <Ltd> \u202eRTL { {version}}"]
