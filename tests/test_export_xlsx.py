"""`export xlsx` and the Excel-friendly `export csv` as the DPO uses them, through the console (`python bot.py`
as a subprocess): the workbook opened with openpyxl, as Excel would."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from test_console import console

from registry.export import XLSX_HEADINGS, XLSX_SHEETS

HOSTILE = "=cmd|' /C calc'!A0"


def _export(tmp_path: Path, *lines: str) -> list[dict]:
    commands = "demo\n" + "\n".join(lines) + "\n"
    result = console(commands, "--json", "--db", "r.json", cwd=tmp_path)
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(r["ok"] for r in replies), result.stdout
    return replies


def test_export_xlsx_is_the_art30_record_in_two_sheets(tmp_path: Path) -> None:
    replies = _export(
        tmp_path,
        f'party add "{HOSTILE}" country=NO',
        f'engage "{HOSTILE}" for=Septer purpose="{HOSTILE}"',
        "export xlsx art30.xlsx",
    )
    assert replies[-1]["data"]["file"].endswith("art30.xlsx")
    book = load_workbook(tmp_path / "art30.xlsx")
    assert book.sheetnames == [*XLSX_SHEETS, "Breaches Art. 33(5)"]  # the third: the breach register (empty)
    for sheet in book.worksheets[:2]:  # the breach register is empty here (tests/test_breaches.py fills it)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.max_row > 1
        assert all(cell.alignment.wrap_text for cell in sheet[2])
        assert all(10 <= sheet.column_dimensions[c.column_letter].width <= 60 for c in sheet[1])
    controller = book[XLSX_SHEETS[0]]
    headings = [c.value for c in controller[1]]
    assert XLSX_HEADINGS["third_country_transfers"] in headings
    assert XLSX_HEADINGS["security_measures"] in headings
    assert XLSX_HEADINGS["dpa_review"] in headings and XLSX_HEADINGS["tia"] in headings
    column = {h: i for i, h in enumerate(headings)}
    rows = [[c.value or "" for c in row] for row in controller.iter_rows(min_row=2)]

    transfers = [r[column[XLSX_HEADINGS["third_country_transfers"]]] for r in rows]
    spelled = [t for t in transfers if "Standard contractual clauses 2021 (Decision (EU) 2021/914)" in t]
    assert spelled, transfers
    assert any("United States (US)" in t for t in transfers)
    for cell in transfers:
        parts = [p for p in cell.split("; ") if p]
        assert len(parts) == len(set(parts)), cell  # no transfer twice
        assert not any(p.endswith(": scc-2021") or p.endswith(": dpf") for p in parts)  # no codes
    assert any(r[column[XLSX_HEADINGS["security_measures"]]] for r in rows)
    assert any(r[column[XLSX_HEADINGS["dpa"]]][:1].isalpha() and "20" in r[column[XLSX_HEADINGS["dpa"]]] for r in rows)
    assert any(r[column[XLSX_HEADINGS["dpa_review"]]] for r in rows)

    hostile = [c for row in controller.iter_rows(min_row=2) for c in row if c.value == HOSTILE]
    assert hostile  # as it reads, no quote added
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)  # text, never a formula
    processor = book[XLSX_SHEETS[1]]
    assert processor["A1"].value == XLSX_HEADINGS["processor"]
    assert any(c.value == HOSTILE and c.data_type == "s" for row in processor.iter_rows(min_row=2) for c in row)


def test_export_xlsx_without_file_goes_to_out(tmp_path: Path) -> None:
    replies = _export(tmp_path, "export xlsx")
    path = Path(replies[-1]["data"]["file"])
    assert path.parent.name == "out" and path.suffix == ".xlsx" and path.exists()


def test_export_csv_has_a_bom_and_takes_semicolons(tmp_path: Path) -> None:
    _export(tmp_path, "export csv comma.csv", "export csv semi.csv sep=;")
    comma = (tmp_path / "comma.csv").read_bytes()
    semi = (tmp_path / "semi.csv").read_bytes()
    assert comma.startswith(b"\xef\xbb\xbf") and semi.startswith(b"\xef\xbb\xbf")
    assert comma[3:].split(b"\r\n", 1)[0].startswith(b"controller,controller_contact,")
    assert semi[3:].split(b"\r\n", 1)[0].startswith(b"controller;controller_contact;")
