"""`dpa generate` and `dpa signed` / `dpa list` through dispatch: the Word document a partner receives, reopened."""

from __future__ import annotations

import copy
import hashlib
import io
import re
import shutil
import subprocess
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length

from agreements.check import check_document
from agreements.content import gather
from agreements.template import PLACEHOLDER, render
from agreements.values import DpaOptions, values
from registry.models import Agreement
from registry.registry import Actor
from registry.review import ReviewSettings, review

NAMED_STYLES = {"Title", "Subtitle", "Heading 1", "Heading 2", "Normal", "List Bullet"}


@pytest.fixture
def pair(run):
    """A controller and its processor with three sub-processors: in Norway, in the US (SCCs), in the UK."""
    run(
        'party add "Nordlys Eiendomsdrift AS" orgnr=925813745 address="Postboks 1234 Sentrum, 0104 Oslo" '
        "email=personvern@nordlys.example dpo=ombud@nordlys.example self=yes"
    )
    run(
        'party add "Kjølesenter AS" orgnr=921183739 address="Brugata 7, 2380 Brumunddal" email=privacy@kjol.example '
        'dpo=dpo@kjol.example measures="Driftssentralen er bemannet døgnet rundt; Lydopptak slettes automatisk"'
    )
    run('party add "Fjordsky Hosting AS" country=NO address="Sandviksbodene 1, 5035 Bergen"')
    run('party add "Twilio Inc." country=US')
    run('party add "Mailer Ltd" country=GB')
    run(
        'engage "Kjølesenter" for=Nordlys purpose="Alarmsentral for kjøleanlegg" '
        'data="navn, telefon, lydopptak" subjects="driftspersonell, vakthavende teknikere" start=2024-03-01 '
        'retention="Lydopptak 90 dager"'
    )
    run('subprocessor add Kjølesenter Fjordsky service="Drift av servere" countries=NO')
    run('subprocessor add Kjølesenter Twilio service="SMS-varsling" countries=US')
    run('subprocessor add Kjølesenter Mailer service="E-postutsending" countries=GB')
    run("transfer add Kjølesenter Twilio country=US mechanism=scc-2021 module=3 tia=2026-01-15")
    run("transfer add Kjølesenter Mailer country=GB mechanism=adequacy")
    return run


def _doc(reply) -> Document:
    return Document(io.BytesIO(Path(reply.data["file"]).read_bytes()))


def _all_text(document: Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _rows(document: Document, first_cell: str) -> list[list[str]]:
    """The rows of the table whose header row starts with `first_cell`."""
    for table in document.tables:
        rows = [[c.text.strip() for c in row.cells] for row in table.rows]
        if rows and rows[0][0].lower().startswith(first_cell.lower()):
            return rows
    raise AssertionError(f"no table headed {first_cell!r}")


def _sub_rows(document: Document) -> dict[str, list[str]]:
    """The sub-processor annex: name -> the row's cells (the first cell holds the name, then the address)."""
    rows = _rows(document, "Navn og adresse" if "Databehandleravtale" in document.paragraphs[0].text else "Name")
    return {row[0].split("\n")[0]: row for row in rows[1:]}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_document_holds_every_art28_element_and_every_annex_row(pair, registry, lang):
    reply = pair(f"dpa generate Nordlys Kjølesenter lang={lang}")
    path = Path(reply.data["file"])
    assert path.name == f"nordlys-eiendomsdrift-kjolesenter-2026-11-21-v1{'' if lang == 'nb' else '-en'}.docx"
    document = _doc(reply)
    text = _all_text(document)
    assert not PLACEHOLDER.search(text), "a placeholder reached the partner"
    # Every Art. 28(3) element, found by the same checker the DPO uses on partners' drafts.
    results = check_document(path.read_bytes(), path.name)
    assert [r.element.key for r in results if not r.present] == []
    # Parties with contacts and DPOs.
    for fact in ("925813745", "Postboks 1234 Sentrum", "personvern@nordlys.example", "ombud@nordlys.example"):
        assert fact in text
    for fact in ("921183739", "Brugata 7", "privacy@kjol.example", "dpo@kjol.example"):
        assert fact in text
    # The processing, its data and data subjects, retention and duration.
    for fact in ("Alarmsentral for kjøleanlegg", "navn, telefon, lydopptak", "vakthavende teknikere", "90 dager"):
        assert fact in text
    assert ("1. mars 2024" if lang == "nb" else "1 March 2024") in text
    # One annex row per sub-processor, each once, with where it processes and on what ground.
    subs = _sub_rows(document)
    assert sorted(subs) == ["Fjordsky Hosting AS", "Mailer Ltd", "Twilio Inc."]
    assert "Sandviksbodene 1, 5035 Bergen" in subs["Fjordsky Hosting AS"][0]
    assert subs["Twilio Inc."][0].endswith("USA" if lang == "nb" else "United States")
    if lang == "nb":
        assert "Standardavtalevilkår 2021 (beslutning (EU) 2021/914), modul 3" in text
        assert "Beslutning om tilstrekkelig beskyttelsesnivå for Storbritannia (beslutning (EU) 2021/1772" in text
        assert "ingen overføring: behandles i EØS (Norge)" in subs["Fjordsky Hosting AS"]
        assert "15. januar 2026" in text  # the TIA
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        for annex in ("Bilag A", "Bilag B", "Bilag C", "Bilag D"):
            assert any(h.startswith(annex) for h in headings), headings
    else:
        assert "Standard contractual clauses 2021 (Decision (EU) 2021/914), Module 3" in text
        assert "Adequacy decision for United Kingdom (Decision (EU) 2021/1772" in text
        assert "no transfer: processed in the EEA (Norway)" in subs["Fjordsky Hosting AS"]
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        for annex in ("Annex A", "Annex B", "Annex C", "Annex D"):  # lettered as the Norwegian bilag
            assert any(h.startswith(annex) for h in headings), headings


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_named_styles_only_and_document_properties(pair, lang):
    document = _doc(pair(f"dpa generate Nordlys Kjølesenter lang={lang}"))
    used = {p.style.name for p in document.paragraphs}
    assert used <= NAMED_STYLES, used - NAMED_STYLES
    for p in document.paragraphs:
        for run in p.runs:
            assert run.bold is None and run.italic is None and run.font.size is None, (p.text, run.text)
    props = document.core_properties
    assert props.title.startswith("Databehandleravtale" if lang == "nb" else "Data Processing Agreement")
    assert "Nordlys Eiendomsdrift AS" in props.title and "Kjølesenter AS" in props.title
    assert props.version == "1"
    assert props.language == ("nb-NO" if lang == "nb" else "en-GB")
    assert props.created is not None and props.created.date().isoformat() == "2026-11-21"
    section = document.sections[0]
    assert isinstance(section.page_width, Length) and abs(section.page_width.cm - 21.0) < 0.1  # A4


def test_generation_is_recorded_as_a_draft_with_version_and_sha256(pair, registry):
    first = pair("dpa generate Nordlys Kjølesenter lang=en")
    second = pair("dpa generate Nordlys Kjølesenter lang=en")
    assert Path(second.data["file"]).name.endswith("-v2-en.docx")
    with registry.reading():
        agreements = sorted(registry.all(Agreement), key=lambda a: a.version)
    assert [(a.version, a.status, a.lang) for a in agreements] == [(1, "superseded", "en"), (2, "draft", "en")]
    for reply, agreement in zip((first, second), agreements, strict=True):
        content = Path(reply.data["file"]).read_bytes()
        assert agreement.sha256 == hashlib.sha256(content).hexdigest()
        assert agreement.file == Path(reply.data["file"]).name
    # Version 1 was a draft the partner never signed: the second version's annex does not mention it.
    annex = _all_text(_doc(second)).split("Annex V")[-1]
    assert "version 2," in annex and "replaces no earlier signed" in annex and "version 1" not in annex


def test_reply_tells_the_dpo_what_to_review(pair):
    reply = pair("dpa generate Nordlys Kjølesenter")
    assert "version 1, in Norwegian" in reply.text
    assert "3 sub-processors and 2 transfers out of the EEA" in reply.text
    assert 'dpa signed "Nordlys Eiendomsdrift AS" "Kjølesenter AS" date=DATE' in reply.text


def test_recorded_measures_add_to_the_baseline(pair):
    pair('party set Kjølesenter measures="Tofaktorinnlogging for alle brukere; Kryptert lagring (AES-256)"')
    reply = pair("dpa generate Nordlys Kjølesenter")
    text = _all_text(_doc(reply))
    assert "Tofaktorinnlogging for alle brukere" in text and "Kryptert lagring (AES-256)" in text
    assert "Tilgangsstyring: rollebasert tilgang" in text  # the baseline stays
    assert "INTERNAL DRAFT" not in reply.text


def test_options_choose_the_authorisation_notice_and_breach_deadline(pair):
    general = _all_text(_doc(pair("dpa generate Nordlys Kjølesenter lang=en")))
    specific = _all_text(
        _doc(pair("dpa generate Nordlys Kjølesenter lang=en authorisation=specific notice=14 breach-hours=24"))
    )
    assert "general" in general.lower() and "object" in general.lower()
    assert "specific" in specific.lower()
    assert "14 days" in specific and "24 hours" in specific
    assert "30 days" in general and "48 hours" in general


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("lang=de", "Accepted: nb, en"),
        ("authorisation=maybe", "general"),
        ("notice=0", "notice must be a whole number from 1 to 365"),
        ("breach-hours=96", "from 1 to 72"),
        ("template=nope", "template= one of dpa"),
        ("template=../../etc/passwd", "No template"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_recorded(pair, registry, services, options, message):
    reply = pair(f"dpa generate Nordlys Kjølesenter {options}", ok=False)
    assert message in reply.text
    with registry.reading():
        assert registry.all(Agreement) == []
    assert not services.out.exists() or not list(services.out.iterdir())


def test_missing_facts_are_listed_with_the_command_that_records_them(pair, registry, services):
    pair("party set Kjølesenter address=")
    pair('engage Kjølesenter for=Nordlys purpose="Fakturering"')
    pair('subprocessor add Kjølesenter "Nytt Firma AS" service="Support"', ok=False)  # unknown party: refused
    pair('party add "Nytt Firma AS"')
    pair('subprocessor add Kjølesenter "Nytt Firma" service="Support"')
    reply = pair("dpa generate Nordlys Kjølesenter", ok=False)
    assert "No DPA was written" in reply.text
    assert 'Kjølesenter AS\'s postal address (party set "Kjølesenter AS" address=...)' in reply.text
    assert "categories of personal data processed for 'Fakturering'" in reply.text
    assert "categories of data subjects processed for 'Fakturering'" in reply.text
    assert "where Nytt Firma AS processes the data" in reply.text
    with registry.reading():
        assert registry.all(Agreement) == []
    assert not services.out.exists() or not list(services.out.iterdir())


def test_an_invalid_transfer_mechanism_is_never_written_as_valid(pair, registry):
    pair('party add "Old Cloud Inc." country=US')
    pair('subprocessor add Kjølesenter "Old Cloud" service="Backup" countries=US')
    pair('transfer add Kjølesenter "Old Cloud" country=US mechanism=privacy-shield')
    reply = pair("dpa generate Nordlys Kjølesenter", ok=False)
    assert "EU-US Privacy Shield, invalid since 2020-07-16" in reply.text
    assert "Data Privacy Framework" in reply.text  # the fix says what to use instead
    pair('transfer add Kjølesenter "Old Cloud" country=US mechanism=scc-2021 module=3 tia=2026-02-01')
    assert pair("dpa generate Nordlys Kjølesenter").ok


def test_a_third_country_sub_processor_without_a_recorded_transfer_is_refused(pair):
    pair('party add "Cheap Support Pvt Ltd" country=IN')
    pair('subprocessor add Kjølesenter "Cheap Support" service="Support" countries=IN')
    reply = pair("dpa generate Nordlys Kjølesenter", ok=False)
    assert "Cheap Support Pvt Ltd processes data in IN" in reply.text


def test_no_processing_no_dpa(pair):
    reply = pair("dpa generate Kjølesenter Nordlys", ok=False)
    assert "no processing by Nordlys Eiendomsdrift AS for Kjølesenter AS" in reply.text
    assert "cannot have a DPA with itself" in pair("dpa generate Nordlys Nordlys", ok=False).text


def test_json_output_names_the_file_written(pair, services):
    reply = pair("dpa generate Nordlys Kjølesenter")
    assert reply.data["file"] == str(services.out.resolve() / "nordlys-eiendomsdrift-kjolesenter-2026-11-21-v1.docx")
    assert reply.to_json()["data"]["file"] == reply.data["file"]


def test_in_slack_the_document_is_an_attachment_and_nothing_is_written_locally(pair, services):
    reply = pair("dpa generate Nordlys Kjølesenter", local=False)
    assert reply.file is not None and reply.file.name.endswith("-v1.docx")
    assert Document(io.BytesIO(reply.file.content)).core_properties.version == "1"
    assert not services.out.exists()


def test_concurrent_generation_gives_distinct_versions(pair, registry):
    replies = []

    def generate() -> None:
        replies.append(pair("dpa generate Nordlys Kjølesenter"))

    threads = [threading.Thread(target=generate) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with registry.reading():
        versions = sorted(a.version for a in registry.all(Agreement))
    assert versions == [1, 2, 3, 4]
    assert len({Path(r.data["file"]).name for r in replies}) == 4


def test_libreoffice_opens_and_converts_both_languages_to_pdf(pair, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed; `make test` installs it (.ci/install-libreoffice)"
    files = [pair(f"dpa generate Nordlys Kjølesenter lang={lang}").data["file"] for lang in ("nb", "en")]
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # no clash with a running LibreOffice
    for target, folder in (("pdf", "pdf"), ("txt:Text", "txt")):
        done = subprocess.run(
            [soffice, profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path / folder), *files],
            capture_output=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
    for file in files:
        pdf = (tmp_path / "pdf" / Path(file).with_suffix(".pdf").name).read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5  # the agreement and its annexes: several pages
        text = (tmp_path / "txt" / Path(file).with_suffix(".txt").name).read_text(encoding="utf-8-sig")
        assert "Kjølesenter AS" in text and "Twilio Inc." in text and "{{" not in text


# -- dpa signed / dpa list ----------------------------------------------------------------------------------


def test_signing_the_draft_clears_the_no_dpa_flag_and_supersedes_the_old_version(pair, registry):
    assert any(f.code == "no-dpa" for f in review(registry, today=registry.clock().date()))
    pair("dpa generate Nordlys Kjølesenter")
    pair("dpa generate Nordlys Kjølesenter")
    reply = pair('dpa signed Nordlys Kjølesenter "date=i dag"')
    assert "Recorded version 2" in reply.text and "review due 2027-11-21" in reply.text
    with registry.reading():
        states = sorted((a.version, a.status, a.signed and a.signed.isoformat()) for a in registry.all(Agreement))
    assert states == [(1, "superseded", None), (2, "signed", "2026-11-21")]
    assert not any(f.code == "no-dpa" for f in review(registry, today=registry.clock().date()))
    listing = pair("dpa list")
    assert "Nordlys Eiendomsdrift AS ↔ Kjølesenter AS: v2 signed 2026-11-21, review due 2027-11-21" in listing.text


def test_signing_dates_are_checked(pair, registry):
    pair("dpa generate Nordlys Kjølesenter")
    assert "in the future" in pair("dpa signed Nordlys Kjølesenter date=2026-12-01", ok=False).text
    assert "must be after" in pair("dpa signed Nordlys Kjølesenter date=2026-11-21 review=2026-01-01", ok=False).text
    assert "was only written on 2026-11-21" in pair("dpa signed Nordlys Kjølesenter date=2026-11-01", ok=False).text
    assert "date= is required" in pair("dpa signed Nordlys Kjølesenter", ok=False).text
    with registry.reading():
        assert [a.status for a in registry.all(Agreement)] == ["draft"]


def test_an_agreement_signed_outside_the_bot_can_be_recorded_and_corrected(pair, registry):
    reply = pair("dpa signed Nordlys Kjølesenter date=01.06.2025 review=2026-06-01")
    assert reply.data["action"] == "new" and "signed outside the bot" in reply.text
    reply = pair("dpa signed Nordlys Kjølesenter date=2025-06-02")
    assert reply.data["action"] == "corrected" and "review due 2026-06-02" in reply.text
    listing = pair("dpa list Kjølesenter")
    assert "v1 signed 2025-06-02, review was due 2026-06-02" in listing.text


def no_dpa_reasons(registry, *, later: int = 0) -> list[str]:
    today = registry.clock().date() + timedelta(days=later)
    return [f.reason for f in review(registry, today=today) if f.code == "no-dpa"]


def test_a_draft_is_sent_signed_and_terminated_and_the_review_follows_each_step(pair, registry):
    pair("dpa generate Nordlys Kjølesenter")
    assert "only a draft is on record" in no_dpa_reasons(registry)[0]

    reply = pair("dpa sent Nordlys Kjølesenter")
    assert reply.data["action"] == "sent" and "as sent for signing on 2026-11-21" in reply.text
    assert "only a version sent for signing is on record" in no_dpa_reasons(registry)[0]
    assert "v1 sent 2026-11-21" in pair("dpa list").text
    assert pair('dpa sent Nordlys Kjølesenter "date=i dag"').data["action"] == "corrected"

    pair("dpa signed Nordlys Kjølesenter date=2026-11-21")
    assert no_dpa_reasons(registry) == []

    reply = pair("dpa terminated Nordlys Kjølesenter")
    assert "terminated on 2026-11-21" in reply.text
    # The processing is still on record: the reply says how to end it, and the review flags it again.
    assert "still processes 'Alarmsentral for kjøleanlegg'" in reply.text
    assert "end=2026-11-21" in reply.text and 'for="Nordlys Eiendomsdrift AS"' in reply.text
    assert no_dpa_reasons(registry) == []  # a DPA ended today still covers today
    assert "the last one was terminated on 2026-11-21" in no_dpa_reasons(registry, later=1)[0]
    assert "v1 terminated 2026-11-21, ended 2026-11-21" in pair("dpa list").text

    # Following the reply's advice ends the processing, and with it the flag.
    pair(reply.text.split("If it has stopped: ")[1])
    assert no_dpa_reasons(registry, later=1) == []


def test_sending_and_terminating_are_refused_when_there_is_nothing_to_send_or_end(pair, registry):
    assert "no unsigned DPA between" in pair("dpa sent Nordlys Kjølesenter", ok=False).text
    assert "no signed DPA between" in pair("dpa terminated Nordlys Kjølesenter", ok=False).text
    pair("dpa generate Nordlys Kjølesenter")
    assert "in the future" in pair("dpa sent Nordlys Kjølesenter date=2026-12-01", ok=False).text
    assert "was only written on 2026-11-21" in pair("dpa sent Nordlys Kjølesenter date=2026-11-01", ok=False).text
    assert "no signed DPA between" in pair("dpa terminated Nordlys Kjølesenter", ok=False).text
    pair("dpa signed Nordlys Kjølesenter date=2026-11-21")
    assert "no unsigned DPA between" in pair("dpa sent Nordlys Kjølesenter", ok=False).text
    assert "in the future" in pair('dpa terminated Nordlys Kjølesenter "date=i morgen"', ok=False).text
    with registry.reading():
        assert [(a.status, a.sent, a.ended) for a in registry.all(Agreement)] == [("signed", None, None)]


def test_a_sent_version_cannot_be_signed_before_it_was_sent(pair, registry):
    with registry.reading():
        nordlys, kjol = registry.find_party("Nordlys").id, registry.find_party("Kjølesenter").id
    with registry.change(Actor("U_DPO", "test")) as w:  # written and sent earlier in the month
        w.insert(
            Agreement(
                controller=nordlys, processor=kjol, status="sent", created=date(2026, 11, 1), sent=date(2026, 11, 10)
            )
        )
    assert "was only sent on 2026-11-10" in pair("dpa signed Nordlys Kjølesenter date=2026-11-05", ok=False).text
    pair("dpa signed Nordlys Kjølesenter date=2026-11-12")
    assert "v1 signed 2026-11-12" in pair("dpa list").text


def test_a_sent_version_is_superseded_when_a_later_one_is_signed(pair, registry):
    pair("dpa generate Nordlys Kjølesenter")
    pair("dpa sent Nordlys Kjølesenter")
    pair("dpa generate Nordlys Kjølesenter")  # the partner asked for changes
    pair("dpa signed Nordlys Kjølesenter date=2026-11-21")
    with registry.reading():
        assert sorted((a.version, a.status) for a in registry.all(Agreement)) == [(1, "superseded"), (2, "signed")]


def test_dpa_list_when_empty_says_how_to_make_one(run):
    assert "dpa generate CONTROLLER PROCESSOR" in run("dpa list").text


def _split_like_word(source: Path, target: Path) -> None:
    """Copy a template with every run cut into runs of at most three characters, as Word's editing history,
    spell-checking and formatting changes cut text (the known trap for placeholders)."""
    document = Document(str(source))
    parts = [document.element.body, *(s.footer._element for s in document.sections)]
    for part in parts:
        for r in list(part.iter(qn("w:r"))):
            texts = r.findall(qn("w:t"))
            if len(texts) != 1 or len(r) != 1 + (r.find(qn("w:rPr")) is not None) or len(texts[0].text or "") < 2:
                continue
            text = texts[0].text
            for i in range(0, len(text), 3):
                piece = copy.deepcopy(r)
                piece.find(qn("w:t")).text = text[i : i + 3]
                piece.find(qn("w:t")).set(qn("xml:space"), "preserve")
                r.addprevious(piece)
            r.getparent().remove(r)
    document.save(str(target))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_templates_cut_into_tiny_runs_fill_exactly_the_same(pair, registry, services, tmp_path, lang):
    source = services.templates / f"dpa.{lang}.docx"
    split = tmp_path / f"split.{lang}.docx"
    _split_like_word(source, split)
    assert len(Document(str(split)).paragraphs[0].runs) > len(Document(str(source)).paragraphs[0].runs)
    with registry.reading():
        controller, processor = registry.find_party("Nordlys"), registry.find_party("Kjølesenter")
    facts = gather(registry, controller, processor, today=registry.clock().date(), settings=ReviewSettings())
    filled = values(facts, DpaOptions(lang=lang), today=registry.clock().date())
    normal = Document(io.BytesIO(render(source.read_bytes(), filled)))
    cut = Document(io.BytesIO(render(split.read_bytes(), filled)))
    assert _all_text(cut) == _all_text(normal)
    assert "Kjølesenter AS" in _all_text(cut) and not PLACEHOLDER.search(_all_text(cut))
    footer = "".join(p.text for p in cut.sections[0].footer.paragraphs)
    assert "Nordlys Eiendomsdrift AS" in footer and "{{" not in footer
