"""A vendor list from a spreadsheet (CSV) read into proposal items, one party with its relations per row.

Columns are found by their heading in English or Norwegian, in any order; only the name is required. A row
with a bad value is left out and reported with its row number; the other rows are proposed.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from registry import validate
from registry.countries import is_third_country
from registry.errors import InputError
from registry.law import MECHANISMS

# Column -> the headings people use for it (compared without case, spaces, '-' and '_').
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "navn", "vendor", "leverandør", "supplier", "company", "selskap", "firma"),
    "orgnr": ("orgnr", "org number", "organisation number", "organization number", "organisasjonsnummer", "org no"),
    "country": ("country", "land", "established", "etablert i"),
    "contact": ("contact", "email", "e-mail", "e-post", "epost", "kontakt", "privacy contact"),
    "role": ("role", "rolle"),
    "service": ("service", "tjeneste", "purpose", "formål", "description", "beskrivelse"),
    "processor_for": ("processor for", "processor-for", "databehandler for", "behandler for", "controller"),
    "subprocessor_of": ("sub-processor of", "subprocessor of", "underdatabehandler for", "underleverandør for"),
    "countries": ("countries", "behandlingsland", "processing countries", "data location", "lokasjon", "location"),
    "mechanism": ("mechanism", "transfer mechanism", "overføringsgrunnlag", "transfer basis", "grunnlag"),
}
MAX_ROWS = 20_000


def _key(heading: str) -> str:
    return "".join(c for c in heading.casefold() if c.isalnum())


_HEADINGS = {_key(h): column for column, headings in COLUMNS.items() for h in headings}


def vendor_items(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The proposal items of a vendor list, and one problem line per row left out."""
    rows = list(csv.reader(io.StringIO(text), dialect=_dialect(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError("The file has no rows", accepted="a CSV file with a heading row: name, orgnr, country, ...")
    header = [_HEADINGS.get(_key(h)) for h in rows[0]]
    if "name" not in header:
        raise InputError(
            "No name column in the heading row",
            value=", ".join(rows[0])[:200],
            accepted="a heading row with name (or navn, vendor, leverandør) and any of: "
            + ", ".join(c for c in COLUMNS if c != "name"),
        )
    if len(rows) - 1 > MAX_ROWS:
        raise InputError(f"The list has {len(rows) - 1} rows", accepted=f"at most {MAX_ROWS:,} per import")
    items: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            column: row[i].strip() for i, column in enumerate(header) if column and i < len(row) and row[i].strip()
        }
        try:
            items += _row_items(cells, number)
        except InputError as exc:
            problems.append(f"row {number}: {exc}")
    return items, problems


def _row_items(cells: dict[str, str], number: int) -> list[dict[str, Any]]:
    if "name" not in cells:
        raise InputError("no name")
    name = validate.text(cells["name"], key="name", limit=200)
    country = validate.country(cells["country"]) if "country" in cells else None
    orgnr = validate.org_id(cells["orgnr"], country=country) if "orgnr" in cells else None
    countries = validate.countries(cells["countries"]) if "countries" in cells else []
    mechanism = validate.mechanism(cells["mechanism"]) if "mechanism" in cells else None
    evidence = f"row {number}: " + "; ".join(f"{k}={v}" for k, v in cells.items())
    out = [_item("party", {"name": name, "orgnr": orgnr, "country": country or ("NO" if orgnr else None)}, evidence)]
    if "contact" in cells:
        out.append(
            _item("contact", {"party": name, "email": validate.email(cells["contact"]), "purpose": "privacy"}, evidence)
        )
    service = cells.get("service")
    if "processor_for" in cells:
        out.append(
            _item(
                "role", {"party": name, "role": "processor", "what": service, "for": cells["processor_for"]}, evidence
            )
        )
    if "subprocessor_of" in cells:
        out.append(
            _item(
                "subprocessor",
                {
                    "party": cells["subprocessor_of"],
                    "name": name,
                    "service": service,
                    "countries": countries,
                    "of": cells["subprocessor_of"],
                },
                evidence,
            )
        )
    if mechanism:
        third = [c for c in countries or ([country] if country else []) if is_third_country(c)]
        if not third:
            raise InputError(
                f"mechanism {mechanism} but no country outside the EEA", accepted="countries= with the third country"
            )
        for c in third:
            claim = f"{MECHANISMS[mechanism].label} (from the vendor list)"
            out.append(
                _item(
                    "transfer",
                    {"party": name, "importer": name, "country": c, "mechanism": mechanism, "claim": claim},
                    evidence,
                )
            )
    return out


def _item(kind: str, value: dict[str, Any], evidence: str) -> dict[str, Any]:
    return {"kind": kind, "value": value, "evidence": evidence, "confidence": "high"}


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters=",;\t")
    except csv.Error:
        return csv.excel
