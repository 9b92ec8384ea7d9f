"""What the store checks in a file before it uses it: that the file is a registry of ours, and that every record
in it has the shape its class describes, so that a damaged record is refused at open, by name, rather than
crashing whichever command first reads it.

The check runs over the parsed JSON at every load. It looks at a table column by column, with the work done
in C (map, set), and only when a column holds something it should not does it go record by record to name the
damaged ones.
"""

from __future__ import annotations

import types
from collections import deque
from dataclasses import fields
from datetime import date
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple, Union, get_args, get_origin, get_type_hints

from registry.models import RECORD_TYPES, Record
from registry.schema import META_TABLE

Data = dict[str, dict[str, Any]]
TINYDB_DEFAULT = "_default"  # the table TinyDB makes in every file; ours never holds documents in it

_KIND_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a decimal number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}
_TYPE_NAMES = {**_KIND_NAMES, type(None): "null"}


def not_ours(data: Any) -> str | None:
    """Why `data` (parsed JSON) is not a registry this bot wrote or can adopt, or None when it is.

    Ours: an object of tables (objects) that carries our schema record, or, without it (a plain TinyDB file,
    adopted and migrated), whose tables all have names of our records, TinyDB's default table left empty.
    """
    if not isinstance(data, dict):
        return f"it holds {_TYPE_NAMES.get(type(data), 'something else')}, not an object of tables"
    not_tables = [name for name, table in data.items() if not isinstance(table, dict)]
    if not_tables:
        return f"{_name(not_tables[0])} is not a table (an object of records)"
    if META_TABLE in data:
        return None
    unknown = [name for name, table in data.items() if name not in RECORD_TYPES and (name != TINYDB_DEFAULT or table)]
    if unknown:
        shown = ", ".join(_name(n) for n in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        return f"no schema record, and tables this bot does not keep: {shown}"
    return None


def damaged(data: Data) -> str | None:
    """The first record that cannot be read, named by table and id with what is wrong (and how many more
    records are damaged); None when every record of a known table is sound."""
    problems: list[str] = []
    meta = data.get(META_TABLE)
    if meta is not None:
        problem = _meta_problem(meta)
        if problem:
            problems.append(f"{META_TABLE} #1: {problem}")
    for name, table in data.items():
        record_type = RECORD_TYPES.get(name)
        if record_type is None:
            continue
        checks = _fields(record_type)
        if _table_sound(table, checks):
            continue
        for key, document in table.items():
            problem = _record_problem(key, document, checks)
            if problem:
                problems.append(
                    f"{name} #{key}: {problem}" if _is_id(key) else f"{name} record {_name(key)}: {problem}"
                )
    if not problems:
        return None
    more = len(problems) - 1
    return problems[0] + (f" (and {more} more damaged record{'s' if more > 1 else ''})" if more else "")


class _Missing:
    """What a field a document does not have reads as: false, like an empty value, and a type of its own."""

    def __bool__(self) -> bool:
        return False


_MISSING = _Missing()


class _Field(NamedTuple):
    """What one stored field of a record may hold, read from its type annotation."""

    name: str
    kinds: tuple[type, ...]  # the JSON types of a value (a date is text)
    nullable: bool
    item: type | None  # the type of each item of a list (None: any)
    is_date: bool  # text holding an ISO date
    required: bool  # must be present and not empty
    shown: bool  # a wrong value may be quoted in the message (not personal data)
    column: frozenset[type]  # every type its column may hold: _Missing for a field left out (its default fills it)


@cache
def _fields(cls: type[Record]) -> tuple[_Field, ...]:
    hints = get_type_hints(cls)
    out = []
    for f in fields(cls):
        if f.name == "id":
            continue
        hint = hints[f.name]
        options = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
        nullable = type(None) in options
        kinds: list[type] = []
        item: type | None = None
        for option in options:
            origin = get_origin(option) or option
            if option is type(None) or option is Any:
                continue
            if origin is list:
                inner = get_args(option)[0]
                item = get_origin(inner) or inner
                item = None if item is Any else item
            kinds += [float, int] if origin is float else [str if origin is date else origin]  # JSON: 1 is a number too
        required = f.name in cls.required
        column = {*kinds, *([] if required else [_Missing]), *([type(None)] if nullable and not required else [])}
        shown = f.name not in cls.private_fields
        out.append(_Field(f.name, tuple(kinds), nullable, item, date in options, required, shown, frozenset(column)))
    return tuple(out)


def _table_sound(table: dict[str, Any], checks: tuple[_Field, ...]) -> bool:
    """Whether every record of the table passes _record_problem, decided a column at a time (a fast path that
    is exactly as strict: any record it would not pass, _record_problem names)."""
    if not (all(map(str.isdigit, table)) and all(map(str.isascii, table))):
        return False
    documents = list(table.values())
    if not set(map(type, documents)) <= {dict}:
        return False
    for check in checks:
        try:
            values = map(itemgetter(check.name), documents)
            if check.required or check.is_date or check.item is not None:
                values = list(values)
            types = set(map(type, values))
        except KeyError:  # some records were written before the field existed: their default fills it
            values = [document.get(check.name, _MISSING) for document in documents]
            types = set(map(type, values))
        if not types <= check.column or (check.required and not all(values)):
            return False
        if check.is_date:
            if "" in values:
                return False
            try:
                deque(map(date.fromisoformat, filter(None, values)), maxlen=0)
            except ValueError:
                return False
        elif check.item is not None and not set(map(type, chain.from_iterable(filter(None, values)))) <= {check.item}:
            return False
    return True


def _record_problem(key: str, document: Any, checks: tuple[_Field, ...]) -> str | None:
    if not _is_id(key):
        return "its id is not a number"
    if type(document) is not dict:
        return f"it is {_TYPE_NAMES.get(type(document), 'something else')}, not a record (an object of fields)"
    for check in checks:
        name, value = check.name, document.get(check.name, _MISSING)
        if value is _MISSING or value is None:
            if check.required or (value is None and not check.nullable):
                return f"{name} is missing" if value is _MISSING else f"{name} is null"
            continue
        if type(value) not in check.kinds:
            accepted = "a date (YYYY-MM-DD)" if check.is_date else " or ".join(_KIND_NAMES[k] for k in check.kinds)
            return f"{name} must be {accepted}, not {_TYPE_NAMES.get(type(value), 'something else')}"
        if check.required and not value:
            return f"{name} is empty"
        if check.is_date:
            try:
                date.fromisoformat(value)
            except ValueError:
                return f"{name} is not a date (YYYY-MM-DD): {_name(value) if check.shown else '(withheld)'}"
        elif check.item is not None:
            wrong = next((v for v in value if type(v) is not check.item), _MISSING)
            if wrong is not _MISSING:
                return f"{name} must hold {_KIND_NAMES[check.item]} only, not {_TYPE_NAMES.get(type(wrong), 'something else')}"
    return None


def _meta_problem(meta: dict[str, Any]) -> str | None:
    record = meta.get("1")
    if type(record) is not dict:
        return "the schema record is missing or not an object"
    if type(record.get("schema")) is not int or record["schema"] < 0:
        return "schema must be a whole number"
    counters = record.get("next_ids", {})
    if type(counters) is not dict or not all(type(n) is int and n >= 1 for n in counters.values()):
        return "next_ids must map table names to whole numbers from 1"
    state = record.get("journal", {"epoch": 1, "bytes": 0})
    if (
        type(state) is not dict
        or type(state.get("epoch")) is not int
        or type(state.get("bytes")) is not int
        or state["epoch"] < 1
        or state["bytes"] < 0
    ):
        return "journal must hold the audit log's epoch (a whole number from 1) and its length in bytes"
    return None


def _is_id(key: str) -> bool:
    return key.isascii() and key.isdigit()


def _name(text: str) -> str:
    return repr(_short(text))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
