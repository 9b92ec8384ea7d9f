"""A DPO's day in the console (`python bot.py` as a subprocess, as issue 19 asks): an existing vendor entered with
its real history, a mistaken DPA record refused, corrected and removed, and the Art. 30 record exported as a
workbook that opens with its two sheets and their columns."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from test_console import console

from registry.export import ART30_COLUMNS, PROCESSOR_COLUMNS, XLSX_HEADINGS, XLSX_SHEETS

DAY = [
    'party add "Havbris AS" self=yes orgnr=921183739 country=NO address="Strandkaien 4, 5013 Bergen" '
    "email=personvern@havbris.no",
    'party add "Tripletex AS" orgnr=962299385 country=NO email=personvern@tripletex.no',
    'party add "Amazon Web Services, Inc." aliases="AWS" country=US dpf=yes dpf-checked="i går"',
    'party add "Microsoft Corporation" aliases="Microsoft" country=US dpf=yes dpf-checked="i går"',
    # An existing vendor with its real history: processing since 2019, DPA of 2021, hosting since 2020.
    'engage Tripletex for=Havbris purpose="Regnskap og lønn" data="navn, kontonummer, fødselsnummer" '
    'subjects="ansatte" start=2019-06-01 special=no national-id=yes',
    "dpa signed Havbris Tripletex date=2021-03-01",
    'subprocessor add Tripletex AWS service="Drift og lagring" countries=US since=2020-01-15',
    "transfer add Tripletex AWS country=US mechanism=dpf since=2020-01-15",
    "review Tripletex",
    # Mistakes: a DPA for a pair with no processing, a wrong date, a DPA entered for the wrong vendor.
    'dpa signed Havbris Microsoft date="i går"',
    "dpa signed Havbris Tripletex date=2026-11-30",
    "undo",
    "undo yes",
    'engage Microsoft for=Havbris purpose="E-post og dokumenter" data="navn, e-post" subjects="ansatte"',
    'dpa signed Havbris Microsoft date="3 dager siden"',
    "dpa remove Havbris Microsoft",
    "dpa list",
    "export xlsx art30.xlsx",
]


def test_a_dpo_enters_history_corrects_mistakes_and_exports_the_record(tmp_path: Path) -> None:
    result = console("\n".join(DAY) + "\n", "--json", "--db", "r.json", cwd=tmp_path, DPA_CLOCK="2026-12-05T10:00:00")
    replies = dict(zip(DAY, (json.loads(line) for line in result.stdout.splitlines()), strict=True))
    failed = [line for line, r in replies.items() if not r["ok"]]
    assert failed == ['dpa signed Havbris Microsoft date="i går"'], failed

    review = replies["review Tripletex"]["text"]
    assert "after the DPA" not in review and "subprocessor-after-dpa" not in review
    assert "subprocessor-start-unknown" not in review
    refused = replies['dpa signed Havbris Microsoft date="i går"']["text"]
    assert "no processing by Microsoft Corporation for Havbris AS" in refused and "engage" in refused

    preview = replies["undo"]["text"]
    assert "2026-11-30 → 2021-03-01" in preview and "Nothing is changed yet" in preview
    assert "Undone" in replies["undo yes"]["text"]
    assert "Removed" in replies["dpa remove Havbris Microsoft"]["text"]
    listing = replies["dpa list"]["text"]
    assert "Microsoft" not in listing
    assert "signed 2021-03-01" in listing

    book = load_workbook(tmp_path / "art30.xlsx")
    assert book.sheetnames[:2] == list(XLSX_SHEETS)
    for sheet, columns in zip(book.worksheets[:2], (ART30_COLUMNS, PROCESSOR_COLUMNS), strict=True):
        assert [c.value for c in sheet[1]] == [XLSX_HEADINGS[c] for c in columns]
    controller = book[XLSX_SHEETS[0]]
    rows = [dict(zip(ART30_COLUMNS, (c.value or "" for c in row), strict=True)) for row in controller.iter_rows(2)]
    tripletex = next(r for r in rows if r["processor"].startswith("Tripletex"))
    assert "Data Privacy Framework" in tripletex["third_country_transfers"]
    assert "2021-03-01" in tripletex["dpa"]
    assert tripletex["national_id_numbers"]
