"""Issue 17 (items 4, 5, 6, 10): what Annex A says about the processing, English that is English, language
versions of one agreement version, the PDF for signing, and a layout with no blank page and no broken number."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from agreements import generate as generate_module
from registry.models import Agreement

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

ENGLISH = (
    'purpose.en="Alarm centre for refrigeration plants" nature.en="Monitoring alarms and storing call recordings" '
    'duration.en="For as long as Kjølesenter runs the alarm centre for Nordlys" special.en="health data" '
    'retention.en="Call recordings 90 days" data.en="name, telephone, call recordings" '
    'subjects.en="operating staff, on-call technicians"'
)


@pytest.fixture
def pair(run):
    """A controller and a processor in Norway with one sub-processor; the processing recorded in Norwegian."""
    run(
        'party add "Nordlys Eiendomsdrift AS" orgnr=925813745 address="Postboks 1234 Sentrum, 0104 Oslo" '
        "email=personvern@nordlys.example dpo=ombud@nordlys.example self=yes"
    )
    run(
        'party add "Kjølesenter AS" orgnr=921183739 address="Brugata 7, 2380 Brumunddal" email=privacy@kjol.example '
        'dpo=dpo@kjol.example contact="Kari Nordmann, personvernansvarlig" locations=NO,SE '
        'measures="Kryptert lagring; daglig sikkerhetskopi"'
    )
    run('party add "Fjordsky Hosting AS" orgnr=933000001 address="Sandviksbodene 1, 5035 Bergen"')
    run(
        'engage "Kjølesenter" for=Nordlys purpose="Alarmsentral for kjøleanlegg" '
        'data="navn, telefon, lydopptak" subjects="driftspersonell, vakthavende teknikere" start=2024-03-01 '
        'retention="Lydopptak 90 dager" nature="Overvåking av alarmer og lagring av lydopptak" '
        'special="helseopplysninger" duration="Så lenge Kjølesenter driver alarmsentralen for Nordlys"'
    )
    run('subprocessor add Kjølesenter Fjordsky service="Drift av servere" countries=NO')
    return run


def _doc(path: str) -> Document:
    return Document(io.BytesIO(Path(path).read_bytes()))


def _text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _headings(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


# -- Annex A: the processing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "facts"),
    [
        (
            "nb",
            (
                "Overvåking av alarmer og lagring av lydopptak",
                "Ja: helseopplysninger",
                "Så lenge Kjølesenter driver alarmsentralen for Nordlys",
                "Databehandleren behandler selv personopplysningene i: Norge, Sverige.",
                "Kari Nordmann, personvernansvarlig",
                "Drift av servere",
            ),
        ),
        (
            "en",
            (
                "Monitoring alarms and storing call recordings",
                "Yes: health data",
                "For as long as Kjølesenter runs the alarm centre for Nordlys",
                "The Processor itself processes the personal data in: Norway, Sweden.",
                "Kari Nordmann, personvernansvarlig",
            ),
        ),
    ],
)
def test_annex_a_prints_nature_special_categories_duration_and_where_the_processor_processes(pair, lang, facts):
    if lang == "en":
        pair(f'engage Kjølesenter for=Nordlys purpose="Alarmsentral for kjøleanlegg" {ENGLISH}')
    reply = pair(f"dpa generate Nordlys Kjølesenter lang={lang}")
    text = _text(_doc(reply.data["file"]))
    for fact in facts:
        assert fact in text
    # The nature is what was recorded, not boilerplate built around the purpose; the duration is not circular.
    assert "nødvendige for formålet" not in text and "necessary for the purpose" not in text
    assert "så lenge denne avtalen gjelder" not in text.lower()
    assert "as long as this agreement is in force" not in text.lower()


def test_without_the_facts_the_reply_names_the_commands_and_no_eea_default(run, pair):
    run('party set Kjølesenter locations=""')
    run('engage Kjølesenter for=Nordlys purpose="Reserveløsning" data=navn subjects=teknikere')
    reply = pair("dpa generate Nordlys Kjølesenter")
    assert 'purpose="Reserveløsning" nature="..."' in reply.text
    assert 'purpose="Reserveløsning" special=no' in reply.text
    assert 'party set "Kjølesenter AS" locations=' in reply.text
    text = _text(_doc(reply.data["file"]))
    assert "Databehandleren behandler selv personopplysningene i: Norge." in text  # its country, not "EØS"
    assert "Personopplysningene behandles i EØS" not in text


def test_special_no_is_printed_as_no_and_other_fields_keep_their_values(run, pair):
    run('engage Kjølesenter for=Nordlys purpose="Alarmsentral for kjøleanlegg" special=nei')
    reply = pair("dpa generate Nordlys Kjølesenter")
    assert "Nei" in _text(_doc(reply.data["file"]))
    # Unchanged fields keep their values: the nature recorded before is still there.
    assert "Overvåking av alarmer og lagring av lydopptak" in _text(_doc(reply.data["file"]))


# -- English that is English ----------------------------------------------------------------------------------


def test_english_dpa_prints_the_english_values_and_no_norwegian_ones(pair):
    pair(f'engage Kjølesenter for=Nordlys purpose="Alarmsentral for kjøleanlegg" {ENGLISH}')
    pair('subprocessor add Kjølesenter Fjordsky service="Drift av servere" service.en="Server operations"')
    reply = pair("dpa generate Nordlys Kjølesenter lang=en")
    text = _text(_doc(reply.data["file"]))
    for norwegian in (
        "Alarmsentral for kjøleanlegg",
        "lydopptak",
        "vakthavende",
        "helseopplysninger",
        "Lydopptak 90 dager",
        "Drift av servere",
        "Så lenge",
        "innenfor EØS",
    ):
        assert norwegian not in text, norwegian
    for english in ("Alarm centre for refrigeration plants", "Server operations", "Call recordings 90 days"):
        assert english in text
    assert "may be Norwegian" not in reply.text and reply.data["language_gaps"] == []


def test_english_dpa_warns_naming_each_field_and_its_command(pair):
    reply = pair("dpa generate Nordlys Kjølesenter lang=en")
    assert "may be Norwegian" in reply.text
    assert 'purpose="Alarmsentral for kjøleanlegg" purpose.en="..."' in reply.text
    assert 'nature.en="..."' in reply.text and 'duration.en="..."' in reply.text and 'data.en="..."' in reply.text
    assert 'service.en="..."' in reply.text
    assert pair("dpa generate Nordlys Kjølesenter lang=nb").data["language_gaps"] == []


def test_datatilsynet_is_introduced_in_english(pair):
    text = _text(_doc(pair("dpa generate Nordlys Kjølesenter lang=en").data["file"]))
    first = text.index("Datatilsynet")
    assert text[first - 41 : first + 12] == "the Norwegian Data Protection Authority (Datatilsynet"


def test_both_languages_have_the_same_annex_letters(pair):
    nb = _headings(_doc(pair("dpa generate Nordlys Kjølesenter lang=nb").data["file"]))
    en = _headings(_doc(pair("dpa generate Nordlys Kjølesenter lang=en").data["file"]))
    letters = [re.match(r"(?:Bilag|Annex) ([A-Z])\b", h) for h in nb], [re.match(r"Annex ([A-Z])\b", h) for h in en]
    assert [m.group(1) for m in letters[0] if m] == [m.group(1) for m in letters[1] if m] == ["A", "B", "C", "D"]


# -- Language versions of one agreement version --------------------------------------------------------------


def test_english_after_norwegian_is_the_same_version_and_supersedes_nothing(pair, registry):
    nb = pair("dpa generate Nordlys Kjølesenter")
    en = pair("dpa generate Nordlys Kjølesenter lang=en")
    assert Path(nb.data["file"]).name.endswith("-v1.docx") and Path(en.data["file"]).name.endswith("-v1-en.docx")
    with registry.reading():
        states = sorted((a.version, a.lang, a.status) for a in registry.all(Agreement))
    assert states == [(1, "en", "draft"), (1, "nb", "draft")]
    assert "lang=both" in en.text  # the Norwegian draft lacks the prevailing-language clause
    # Signing signs both language versions; neither is superseded.
    pair('dpa signed Nordlys Kjølesenter "date=i dag"')
    with registry.reading():
        assert sorted((a.lang, a.status) for a in registry.all(Agreement)) == [("en", "signed"), ("nb", "signed")]
    # A new version, once signed, supersedes both.
    pair("dpa generate Nordlys Kjølesenter")
    pair('dpa signed Nordlys Kjølesenter "date=i dag"')
    with registry.reading():
        states = sorted((a.version, a.lang, a.status) for a in registry.all(Agreement))
    assert states == [(1, "en", "superseded"), (1, "nb", "superseded"), (2, "nb", "signed")]


def test_lang_both_writes_two_files_each_saying_the_norwegian_version_prevails(pair, registry):
    reply = pair("dpa generate Nordlys Kjølesenter lang=both")
    files = [d["file"] for d in reply.data["languages"]]
    assert len(files) == 2
    nb, en = (_text(_doc(f)) for f in files)
    assert "Er det forskjeller mellom de to språkversjonene, går den norske versjonen foran." in nb
    assert "If the two language versions differ, the Norwegian version prevails." in en
    with registry.reading():
        assert sorted((a.version, a.lang, a.status) for a in registry.all(Agreement)) == [
            (1, "en", "draft"),
            (1, "nb", "draft"),
        ]
    single = _text(_doc(pair("dpa generate Nordlys Kjølesenter").data["file"]))
    assert "norske versjonen foran" not in single  # one language alone: no such clause


def test_slack_gets_every_file_of_lang_both_with_pdf(pair, monkeypatch):
    monkeypatch.setattr(generate_module, "to_pdf", lambda content, name: b"%PDF-1.7 stand-in")
    monkeypatch.setattr("chat.cmd_dpa.to_pdf", lambda content, name: b"%PDF-1.7 stand-in")
    reply = pair("dpa generate Nordlys Kjølesenter lang=both pdf=yes", local=False)
    names = [reply.file.name, *(f.name for f in reply.more_files)]
    assert [n.rsplit(".", 1)[1] for n in names] == ["docx", "pdf", "docx", "pdf"]
    assert [f["name"] for f in reply.to_json()["more_files"]] == names[1:]


def test_pdf_without_libreoffice_says_so_and_still_writes_the_docx(pair, monkeypatch):
    monkeypatch.setattr(generate_module.shutil, "which", lambda name: None)
    reply = pair("dpa generate Nordlys Kjølesenter pdf=yes")
    assert "LibreOffice (soffice) is not installed" in reply.text
    assert Path(reply.data["file"]).is_file() and reply.data["pdf"] is None


# -- The PDF and its layout -------------------------------------------------------------------------------------


@needs_office
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_pdf_has_no_blank_page_and_no_broken_org_number(pair, lang):
    pair('party add "Twilio Inc." country=US address="101 Spear Street, San Francisco, CA 94105"')
    pair('subprocessor add Kjølesenter Twilio service="SMS-varsling" countries=US')
    pair("transfer add Kjølesenter Twilio country=US mechanism=scc-2021 module=3 tia=2026-01-15")
    reply = pair(f"dpa generate Nordlys Kjølesenter lang={lang} pdf=yes")
    pdf = Path(reply.data["pdf"])
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    assert len(pages) >= 5
    for number, text in enumerate(pages, 1):
        body = [line for line in text.splitlines() if line.strip() and "Data" not in line[:5]]
        assert len(body) > 2, f"page {number} is blank but for its footer"
    whole = "\n".join(pages)
    for orgnr in ("925813745", "921183739", "933000001"):
        assert orgnr in whole, f"{orgnr} is broken across lines"
