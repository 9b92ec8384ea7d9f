"""Special categories (Art. 9), criminal-offence data (Art. 10) and national ID numbers per engagement, and the
review's DPIA flags (issue 19 item 6), as the DPO meets them through the console commands: a real registry, the
`run` fixture of conftest (memory and file stores)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from chat import Context, Services, dispatch
from registry.export import XLSX_HEADINGS, XLSX_SHEETS, export_json
from registry.registry import Registry
from registry.review_dpia import REFERENCE
from registry.store import Store

PAIR = 'engage "Journal AS" for="Klinikk AS" purpose="pasientjournal"'


@pytest.fixture
def clinic(run):
    run('party add "Klinikk AS" country=NO')
    run('party add "Journal AS" country=NO')
    return run


def _flags(run, code: str = "dpia-needed") -> list[dict]:
    return [f for f in run("review").data["flags"] if f["code"] == code]


def _engagement(run) -> dict:
    return run(PAIR).data["engagement"]


def test_health_data_about_patients_is_flagged_with_the_reference_and_a_dpia_date_clears_it(clinic):
    reply = clinic(f'{PAIR} data="navn, journal" subjects="pasienter" special=health')
    assert reply.data["engagement"]["special_categories"] == ["health"]
    [flag] = _flags(clinic)
    assert flag["severity"] == "medium"
    assert flag["reference"].startswith(REFERENCE)
    assert "special categories (Art. 9): data concerning health" in flag["reason"]
    assert "vulnerable data subjects (pasienter)" in flag["reason"]
    assert flag["fix"].startswith("Carry out a DPIA before the processing starts, or record why none is needed")
    assert "dpia=DATE" in flag["fix"]
    assert "dpia-needed" in clinic("review").text

    clinic(f"{PAIR} dpia=2026-10-01")
    assert _flags(clinic) == []
    assert _engagement(clinic)["dpia"] == "2026-10-01"


def test_a_dpia_older_than_three_years_is_a_low_note(clinic):
    clinic(f'{PAIR} subjects="pasienter" special=health dpia=2022-01-15')
    assert _flags(clinic) == []
    [note] = _flags(clinic, "dpia-review")
    assert note["severity"] == "low" and "2022-01-15" in note["reason"]


def test_dpia_not_needed_needs_a_reason_and_then_clears_the_flag(clinic):
    clinic(f'{PAIR} subjects="ansatte" special=helse')
    assert len(_flags(clinic)) == 1
    refused = clinic(f"{PAIR} dpia=not-needed", ok=False)
    assert "reason=" in refused.text
    refused = clinic(f"{PAIR} dpia=2030-01-01", ok=False)
    assert "in the future" in refused.text
    assert len(_flags(clinic)) == 1
    clinic(f'{PAIR} dpia=not-needed reason="Få ansatte, kun sykefravær i lønnssystemet"')
    assert _flags(clinic) == []
    assert _engagement(clinic)["dpia_not_needed"].startswith("Få ansatte")


def test_norwegian_words_are_accepted(clinic):
    reply = clinic(f"{PAIR} special=helse,biometri,straffedommer national-id=ja")
    engagement = reply.data["engagement"]
    assert engagement["special_categories"] == ["biometric", "health"]
    assert engagement["criminal"] is True and engagement["national_id"] is True
    assert engagement["special"] is None  # the annex words the categories itself
    who = clinic('who "Journal AS"').text
    assert "Art. 9: biometric, health; Art. 10: criminal-offence data; national ID numbers" in who
    # Biometric data with another criterion: on Datatilsynet's list.
    [flag] = _flags(clinic)
    assert "biometric data for identification" in flag["reference"]

    engagement = clinic(f"{PAIR} special=fødselsnummer criminal=nei").data["engagement"]
    assert engagement["special_categories"] == [] and engagement["national_id"] is True
    assert engagement["criminal"] is False
    engagement = clinic(f"{PAIR} special=nei").data["engagement"]
    assert engagement["special"] == "no" and engagement["special_categories"] == []


def test_a_description_is_kept_as_text_and_read_for_categories(clinic):
    engagement = clinic(f'{PAIR} special="helseopplysninger om pasienter"').data["engagement"]
    assert engagement["special"] == "helseopplysninger om pasienter"
    assert engagement["special_categories"] == ["health"]


def _registry_json(services: Services) -> str:
    with services.registry.reading():
        return json.dumps(export_json(services.registry), sort_keys=True, default=str)


def test_an_unknown_category_is_refused_with_the_list_and_nothing_changes(clinic, services):
    clinic(f"{PAIR} special=health")
    before = _registry_json(services)
    for bad in ("special=helse,lønn", "special=salary", "criminal=kanskje", "special=criminal criminal=no"):
        reply = clinic(f"{PAIR} {bad}", ok=False)
        assert reply.text
    reply = clinic(f"{PAIR} special=helse,lønn", ok=False)
    assert "'lønn'" in reply.text and "health" in reply.text and "biometric" in reply.text
    assert "fødselsnummer" in reply.text
    assert _registry_json(services) == before


def test_data_that_mentions_fodselsnummer_warns_but_is_recorded(clinic):
    reply = clinic(f'{PAIR} data="navn, fødselsnummer, diagnose"')
    assert "⚠ data= mentions 'fødselsnummer': record national-id=yes, or national-id=no if not." in reply.text
    assert "⚠ data= mentions 'diagnose': record special=health, or special=no if not." in reply.text
    assert reply.data["engagement"]["data"] == ["navn", "fødselsnummer", "diagnose"]
    quiet = clinic(f'{PAIR} data="navn, fødselsnummer, diagnose" special=health national-id=yes')
    assert quiet.data["warnings"] == []
    contradicted = clinic(f"{PAIR} special=no")
    assert "data= mentions 'diagnose', but special= does not say so" in contradicted.text


def test_exports_have_the_new_columns(clinic, services, tmp_path: Path):
    clinic(f'{PAIR} subjects="pasienter" special=helse,genetisk criminal=no national-id=yes')
    clinic('engage "Journal AS" for="Klinikk AS" purpose="timebestilling"')
    reply = clinic(f"export xlsx {tmp_path / 'art30.xlsx'}")
    book = load_workbook(Path(reply.data["file"]))
    sheet = book[XLSX_SHEETS[0]]
    headings = [c.value for c in sheet[1]]
    for key in ("special_categories", "criminal_offence_data", "national_id_numbers"):
        assert XLSX_HEADINGS[key] in headings
    assert "Special categories (Art. 9)" in headings and "Criminal-offence data (Art. 10)" in headings
    rows = {row[headings.index(XLSX_HEADINGS["purpose"])]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    journal = rows["pasientjournal"]
    assert journal[headings.index(XLSX_HEADINGS["special_categories"])] == "genetic data; data concerning health"
    assert journal[headings.index(XLSX_HEADINGS["criminal_offence_data"])] == "no"
    assert journal[headings.index(XLSX_HEADINGS["national_id_numbers"])] == "yes"
    assert rows["timebestilling"][headings.index(XLSX_HEADINGS["special_categories"])] is None  # not recorded

    text = clinic(f"export csv {tmp_path / 'art30.csv'}")
    rows = list(csv.DictReader(io.StringIO(Path(text.data["file"]).read_text(encoding="utf-8-sig"))))
    journal = next(r for r in rows if r["purpose"] == "pasientjournal")
    assert journal["special_categories"] == "genetic data; data concerning health"
    assert journal["national_id_numbers"] == "yes"


def _annex(run, lang: str) -> str:
    reply = run(f'dpa generate "Klinikk AS" "Journal AS" lang={lang} draft=yes')
    document = Document(io.BytesIO(Path(reply.data["file"]).read_bytes()))
    return "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_the_dpa_annex_words_recorded_categories_in_its_language(clinic):
    for name, orgnr in (("Klinikk AS", "923609016"), ("Journal AS", "933000001")):
        clinic(f'party set "{name}" address="Gata 1, 0150 Oslo" email=personvern@example.no orgnr={orgnr}')
    clinic('party set "Journal AS" measures="kryptering; tilgangsstyring"')
    clinic(f'{PAIR} data="navn, journal" subjects="pasienter" special=helse,straffedommer')
    assert "Ja: helseopplysninger, opplysninger om straffedommer og lovovertredelser" in _annex(clinic, "nb")
    english = _annex(clinic, "en")
    assert "Yes: data concerning health, personal data relating to criminal convictions and offences" in english
    clinic(f"{PAIR} special=no")
    assert "Nei" in _annex(clinic, "nb")


def test_an_old_file_without_the_fields_opens_and_reviews(tmp_path: Path, fixed_now):
    path = tmp_path / "registry.json"
    store = Store(path)
    registry = Registry(store, clock=lambda: fixed_now)
    services = Services(registry=registry, out=tmp_path / "out")

    def run(line: str):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, local=True), line)
        assert reply.ok, reply.text
        return reply

    run('party add "Klinikk AS" country=NO')
    run('party add "Journal AS" country=NO')
    run(f'{PAIR} subjects="pasienter" special="helseopplysninger om pasienter"')
    store.close()
    # As a registry written before these fields existed keeps an engagement.
    content = json.loads(path.read_text(encoding="utf-8"))
    for record in content["engagements"].values():
        for name in ("special_categories", "criminal", "national_id", "dpia", "dpia_not_needed"):
            del record[name]
    path.write_text(json.dumps(content), encoding="utf-8")

    store = Store(path)
    registry = Registry(store, clock=lambda: fixed_now)
    services = Services(registry=registry, out=tmp_path / "out")
    engagement = run(PAIR).data["engagement"]
    assert engagement["special_categories"] is None and engagement["dpia"] is None
    flags = [f for f in run("review").data["flags"] if f["code"] == "dpia-needed"]
    assert len(flags) == 1 and "data concerning health" in flags[0]["reason"]  # read from the old text
    assert "Art. 9: health" in run('who "Journal AS"').text
    store.close()


def test_health_data_sent_outside_the_eea_is_a_second_criterion(clinic):
    clinic('party add "Cloudy Inc." country=US')
    clinic('subprocessor add "Journal AS" "Cloudy Inc." service="hosting" countries=US')
    clinic(f'{PAIR} data="navn" subjects="kunder" special=health')
    [flag] = _flags(clinic)
    assert "transferred outside the EEA (US)" in flag["reason"]
    clinic(f"{PAIR} special=no")
    assert _flags(clinic) == []


def test_a_processors_own_transfer_outside_its_chain_is_not_the_engagements(clinic):
    """The processor sends its own CRM to the US; nothing ties that to the clinic's health data."""
    clinic('party add "Crm Inc." country=US')
    clinic('transfer add "Journal AS" "Crm Inc." country=US mechanism=dpf')
    clinic(f'{PAIR} data="navn" subjects="kunder" special=health')
    assert _flags(clinic) == []
