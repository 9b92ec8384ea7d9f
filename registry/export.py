"""Exports: the whole registry as JSON (a complete backup, read back by restore_json), and an Art. 30-style
record of processing as CSV or as an Excel workbook (the controller's and the processor's record)."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict, deque
from typing import Any

import orjson
from babel import Locale

from registry.errors import StoreError
from registry.export_breaches import BREACH_COLUMNS, BREACH_HEADINGS, BREACH_SHEET
from registry.law import MECHANISMS
from registry.models import Agreement, AuditEvent, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Actor, Registry
from registry.schema import JOBS_TABLE, META_TABLE, SCHEMA_VERSION
from registry.snapshot import Snapshot, snapshot
from registry.special import as_cells
from registry.views import implied_transfers, since_note

ART30_COLUMNS = (
    "controller",
    "controller_contact",
    "controller_dpo",
    "processor",
    "purpose",
    "data_subjects",
    "personal_data",
    "special_categories",
    "criminal_offence_data",
    "national_id_numbers",
    "recipients",
    "third_country_transfers",
    "retention",
    "legal_basis",
    "start",
    "end",
    "dpa",
    "dpa_review",
    "tia",
    "security_measures",
)

CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte order mark: how Excel knows the file is UTF-8

PROCESSOR_COLUMNS = (
    "processor",
    "processor_contact",
    "processor_dpo",
    "controller",
    "controller_contact",
    "controller_dpo",
    "categories_of_processing",
    "start",
    "sub_processors",
    "third_country_transfers",
    "security_measures",
    "dpa",
    "dpa_review",
    "tia",
)

# The workbook's two sheets: name, columns, and each column's heading, as in Datatilsynet's template for a
# record of processing activities (protokoll over behandlingsaktiviteter).
XLSX_SHEETS = ("Controller Art. 30(1)", "Processor Art. 30(2)")
XLSX_HEADINGS = {
    "controller": "Controller (behandlingsansvarlig)",
    "controller_contact": "Controller's contact",
    "controller_dpo": "Controller's DPO (personvernombud)",
    "processor": "Processor (databehandler)",
    "processor_contact": "Processor's contact",
    "processor_dpo": "Processor's DPO",
    "purpose": "Purpose of the processing",
    "data_subjects": "Categories of data subjects",
    "personal_data": "Categories of personal data",
    "special_categories": "Special categories (Art. 9)",
    "criminal_offence_data": "Criminal-offence data (Art. 10)",
    "national_id_numbers": "National ID numbers (fødselsnummer)",
    "recipients": "Recipients",
    "third_country_transfers": "Transfers to third countries (recipient, country: mechanism)",
    "retention": "Retention (erasure time limit)",
    "legal_basis": "Legal basis",
    "start": "Start",
    "end": "End",
    "dpa": "DPA status and date signed",
    "dpa_review": "DPA review date",
    "tia": "TIA date",
    "security_measures": "Technical and organisational security measures (Art. 32)",
    "categories_of_processing": "Categories of processing carried out for the controller",
    "sub_processors": "Sub-processors (service, since when)",
}
_WIDE_BREACH = {"nature", "consequences", "measures", "risk_reason", "delay_reason"}
XLSX_NUMBERS = {"id", "people", "records"}  # columns a spreadsheet should sum and sort as numbers
_WIDE = {"purpose", "recipients", "third_country_transfers", "security_measures", "categories_of_processing"}


def export_json(registry: Registry) -> dict[str, Any]:
    """Every table the registry file holds (parties, relations, agreements, proposals, inquiries with their text,
    the audit log), every record with its id, as stored; and the next id of each table, so that a restored
    registry never gives a removed record's id to another (the audit log refers to records by id)."""
    tables = registry.store.tables()
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "next_ids": dict(tables.get(META_TABLE, {}).get("1", {}).get("next_ids", {})),
    }
    for name, table in tables.items():
        if name not in (META_TABLE, JOBS_TABLE):
            out[name] = [{"id": int(key), **document} for key, document in sorted(table.items(), key=_by_id)]
    out[AuditEvent.table] = list(registry.store.audit_events().values())  # from the journal, oldest first
    return out


def restore_json(registry: Registry, actor: Actor, content: bytes, *, source: str) -> dict[str, int]:
    """Fill an empty registry from an `export json` file, ids and audit log included, and audit the restore.
    Returns how many records each table got. Refused with StoreError, changing nothing, when the registry is
    not empty or the file is not a sound export."""
    try:
        backup = orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise StoreError(f"The backup {source} is not valid JSON ({exc}). Nothing was restored.") from exc
    if (
        not isinstance(backup, dict)
        or type(backup.get("schema")) is not int
        or type(backup.get("next_ids")) is not dict
    ):
        raise StoreError(f"{source} is not a registry backup made by `export json`. Nothing was restored.")
    data: dict[str, dict[str, Any]] = {META_TABLE: {"1": {"schema": backup["schema"], "next_ids": backup["next_ids"]}}}
    for name, records in backup.items():
        if name in ("schema", "next_ids"):
            continue
        if name == META_TABLE or not isinstance(records, list):
            raise StoreError(f"The backup {source}: {name!r} is not a list of records. Nothing was restored.")
        table = data[name] = {}
        for record in records:
            record_id = record.get("id") if isinstance(record, dict) else None
            if type(record_id) is not int or record_id < 1 or str(record_id) in table:
                raise StoreError(
                    f"The backup {source}: a record of {name} has no id, or an id used twice. Nothing was restored."
                )
            table[str(record_id)] = {k: v for k, v in record.items() if k != "id"}
    restored = {name: len(table) for name, table in data.items() if name != META_TABLE}
    store = registry.store
    with store.transaction():
        store.restore(data, source=source)
        event = AuditEvent(
            at=registry.clock().isoformat(timespec="seconds"),
            who=actor.user,
            command=actor.command,
            kind="registry",
            action="restore",
        )
        store.audit(event.to_doc())
    return restored


def _by_id(item: tuple[str, Any]) -> int:
    return int(item[0])


def art30_rows(registry: Registry) -> list[dict[str, str]]:
    """One row per controller and engagement: the items GDPR Art. 30(1) asks a controller to record."""
    return art30_records(registry)[0]


def art30_records(registry: Registry) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The controller's record (Art. 30(1): one row per controller and engagement, ART30_COLUMNS) and the
    processor's record (Art. 30(2): one row per processor and controller it processes for, PROCESSOR_COLUMNS).

    Built from the review's snapshot of the registry (loaded once, cached until the next change), so a large
    registry costs one pass, not a lookup per engagement and sub-processor."""
    with registry.reading():
        snap = snapshot(registry)
    name = snap.name
    by_exporter: dict[int, list[Transfer]] = defaultdict(list)
    for t in snap.transfers:
        by_exporter[t.exporter].append(t)
    latest: dict[tuple[int, int], Agreement] = {}
    for a in snap.agreements:
        key = (a.controller, a.processor)
        if key not in latest or (a.version, a.id or 0) > (latest[key].version, latest[key].id or 0):
            latest[key] = a
    rows, processor_rows = [], []
    for engagement in sorted(snap.engagements, key=lambda e: (name(e.controllers[0]).casefold(), e.id)):
        chain = _chain(snap, engagement.processor)
        subs = [_sub(snap, s) for s in chain]
        recipients = ([] if engagement.in_house else [name(engagement.processor)]) + subs
        for controller_id in engagement.controllers:
            controller = snap.parties[controller_id]
            transfers = _transfers(snap, by_exporter, controller_id, engagement, chain)
            agreement = None if engagement.in_house else latest.get((controller_id, engagement.processor))
            rows.append(
                {
                    "controller": controller.name,
                    "controller_contact": controller.email or "",
                    "controller_dpo": _dpo(snap, controller),
                    "processor": "(in-house)" if engagement.in_house else name(engagement.processor),
                    "purpose": engagement.purpose,
                    "data_subjects": "; ".join(engagement.subjects),
                    "personal_data": "; ".join(engagement.data),
                    **as_cells(engagement),
                    "recipients": "; ".join(recipients),
                    "third_country_transfers": "; ".join(text for text, _ in transfers),
                    "retention": engagement.retention or "",
                    "legal_basis": engagement.basis or "",
                    "start": engagement.start.isoformat() if engagement.start else "",
                    "end": engagement.end.isoformat() if engagement.end else "",
                    "dpa": "" if engagement.in_house else _dpa(agreement),
                    "dpa_review": agreement.review.isoformat() if agreement and agreement.review else "",
                    "tia": "; ".join(tia for _, tia in transfers if tia),
                    "security_measures": "; ".join(_measures(snap, engagement, controller)),
                }
            )
            if not engagement.in_house:
                processor = snap.parties[engagement.processor]
                row = rows[-1]
                processor_rows.append(
                    {
                        "processor": processor.name,
                        "processor_contact": processor.email or processor.contact or "",
                        "processor_dpo": _dpo(snap, processor),
                        "controller": controller.name,
                        "controller_contact": row["controller_contact"],
                        "controller_dpo": row["controller_dpo"],
                        "categories_of_processing": "; ".join(x for x in (engagement.purpose, engagement.nature) if x),
                        "start": row["start"],
                        "sub_processors": "; ".join(subs),
                        "third_country_transfers": row["third_country_transfers"],
                        "security_measures": row["security_measures"],
                        "dpa": row["dpa"],
                        "dpa_review": row["dpa_review"],
                        "tia": row["tia"],
                    }
                )
    processor_rows.sort(key=lambda r: (r["processor"].casefold(), r["controller"].casefold()))
    return rows, processor_rows


def export_csv(rows: list[dict[str, str]], *, sep: str = ",") -> str:
    """The rows as CSV, every cell safe to open in a spreadsheet (see spreadsheet_safe), `sep` between cells
    (`;` for a Norwegian Excel, whose list separator is the semicolon). Lines end in CRLF, as RFC 4180 has it:
    the writer quotes a cell holding any character of the line ending, so a CR inside a cell cannot start a new
    row whose first cell a spreadsheet would run. The file is written as UTF-8 with a byte order mark
    (CSV_ENCODING), without which Excel reads it as the local code page and garbles æ, ø and å."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ART30_COLUMNS, lineterminator="\r\n", delimiter=sep)
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def export_xlsx(
    controller_rows: list[dict[str, str]],
    processor_rows: list[dict[str, str]],
    breach_rows: list[dict[str, str]] | None = None,
) -> bytes:
    """The controller's and the processor's record as an Excel workbook, a sheet each, and the breach register
    (Art. 33(5)) when given: headings in bold, the heading row frozen, filters on every column, widths to fit,
    text wrapped. A cell a spreadsheet would run as a formula (spreadsheet_safe) is stored as text, as it reads."""
    from openpyxl import Workbook  # only export xlsx needs it
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheets = [
        (XLSX_SHEETS[0], ART30_COLUMNS, controller_rows, XLSX_HEADINGS),
        (XLSX_SHEETS[1], PROCESSOR_COLUMNS, processor_rows, XLSX_HEADINGS),
    ]
    if breach_rows is not None:
        sheets.append((BREACH_SHEET, BREACH_COLUMNS, breach_rows, BREACH_HEADINGS))
    for title, columns, rows, headings in sheets:
        sheet = book.create_sheet(title)
        sheet.append([headings[c] for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = wrap
        for row in rows:
            sheet.append([None] * len(columns))
            for index, column in enumerate(columns, start=1):
                value = ILLEGAL_CHARACTERS_RE.sub("", row.get(column, ""))
                cell = sheet.cell(row=sheet.max_row, column=index)
                cell.value = int(value) if column in XLSX_NUMBERS and value.isdecimal() else value or None
                if value and spreadsheet_safe(value) != value:
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True
                cell.alignment = wrap
        for index, column in enumerate(columns, start=1):
            longest = max((len(line) for r in rows for line in r.get(column, "").splitlines()), default=0)
            limit = 60 if column in _WIDE or column in _WIDE_BREACH else 30
            sheet.column_dimensions[get_column_letter(index)].width = max(12, min(limit, max(longest, 10) + 2))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# A cell a spreadsheet would run as a formula (OWASP, CSV injection): one that starts with = + - @ (or their
# full-width forms, which some spreadsheets take as the same), after any leading spaces, or with a tab or CR.
_FORMULA_START = re.compile(r"\A(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])")  # anchored: linear on blanks
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def spreadsheet_safe(value: str) -> str:
    """`value`, with a leading single quote when a spreadsheet would otherwise read it as a formula, so that it
    shows as text ('=HYPERLINK(...), '+47 22 33 44 55). A plain signed number (-5, +1.5) is left as it is: it
    cannot be a formula."""
    if _FORMULA_START.match(value) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _dpo(snap: Snapshot, party: Party) -> str:
    if party.dpo:
        return party.dpo
    if party.dpo_of is not None and party.dpo_of in snap.parties:
        group = snap.parties[party.dpo_of]
        return f"{group.dpo or group.email or ''} ({group.name})".strip()
    return ""


def _chain(snap: Snapshot, processor_id: int) -> list[SubprocessorLink]:
    """The processor's sub-processors at every depth, nearest first."""
    out, seen, queue = [], {processor_id}, deque([processor_id])
    while queue:
        current = queue.popleft()
        for link in snap.subs_of.get(current, ()):
            if link.sub not in seen:
                seen.add(link.sub)
                out.append(link)
                queue.append(link.sub)
    return out


def _sub(snap: Snapshot, link: SubprocessorLink) -> str:
    """'Amazon Web Services, Inc. (hosting, since 2024-06-01)': the date when it is known."""
    return f"{snap.name(link.sub)} ({link.service}{since_note(link.since)})"


def _transfers(
    snap: Snapshot,
    by_exporter: dict[int, list[Transfer]],
    controller_id: int,
    engagement: Engagement,
    chain: list[SubprocessorLink],
) -> list[tuple[str, str]]:
    """Each transfer out of the EEA in the engagement's chain, spelled out with its mechanism, once (the same
    importer, country and mechanism recorded from two exporters is one line), with its TIA's date, if any."""
    involved = {controller_id, engagement.processor, *(s.sub for s in chain)}
    out, covered, seen = [], set(), set()
    for party_id in sorted(involved):
        for t in by_exporter.get(party_id, ()):
            if t.importer in involved:
                covered.add((t.importer, t.country))
                text = f"{snap.name(t.importer)}, {_country(t.country)}: {_mechanism(t)}"
                tia = f"{snap.name(t.importer)}, {_country(t.country)}: {t.tia.isoformat()}" if t.tia else ""
                if text not in seen:
                    seen.add(text)
                    out.append((text, tia))
    for link in chain:
        for country in implied_transfers(link):
            text = f"{snap.name(link.sub)}, {_country(country)}: no transfer mechanism recorded"
            if (link.sub, country) not in covered and text not in seen:
                seen.add(text)
                out.append((text, ""))
    return out


_ENGLISH = Locale("en")


def _country(code: str) -> str:
    """'United States (US)'; the code alone when it is no country babel knows."""
    name = _ENGLISH.territories.get(code.upper())
    return f"{name} ({code.upper()})" if name else code


def _mechanism(t: Transfer) -> str:
    """'Standard contractual clauses 2021 (Decision (EU) 2021/914), module 2'; the code when it is unknown."""
    known = MECHANISMS.get(t.mechanism)
    text = f"{known.label} ({known.reference})" if known else t.mechanism
    if known and not known.valid:
        text += ", no longer valid"
    return text + (f", module {t.module}" if t.module else "")


def _measures(snap: Snapshot, engagement: Engagement, controller: Party) -> list[str]:
    """The security measures (Art. 32) recorded for whoever does the processing: the processor, or the controller
    itself for in-house processing."""
    party = controller if engagement.in_house else snap.parties.get(engagement.processor)
    return list(party.measures) if party else []


def _dpa(latest: Agreement | None) -> str:
    if latest is None:
        return "none on record"
    signed = f" {latest.signed.isoformat()}" if latest.signed else ""
    return f"{latest.status}{signed}"
