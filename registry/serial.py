"""Serialising the database for each commit without re-serialising, or even copying, what did not change.

The file is rewritten whole on every commit (that is what keeps the atomic replace simple), but its bytes
come from cached fragments per table: a table is serialised again only when it changed, a table that only
grew (the audit log, mostly) gets the new documents as extra fragments, and the fragments go to the file
with one writev, without being joined first. Joined, they are byte for byte orjson.dumps(data).
"""

from __future__ import annotations

from typing import Any

import orjson

Data = dict[str, dict[str, Any]]
COMPACT_AT = 256  # fragments per table before they are joined into one


class Serialiser:
    def __init__(self) -> None:
        # table -> fragments that join to the table's JSON object without its closing brace
        self._tables: dict[str, list[bytes]] = {}

    def reset(self) -> None:
        """Forget everything cached (the data was replaced wholesale)."""
        self._tables.clear()

    def changed(self, table: str) -> None:
        """`table` changed other than by appending: serialise it again at the next payload."""
        self._tables.pop(table, None)

    def appended(self, table: str, doc_id: str, document: Any) -> None:
        fragments = self._tables.get(table)
        if fragments is None:
            return
        separator = b"," if len(fragments) > 1 or len(fragments[0]) > 1 else b""
        fragments.append(separator + orjson.dumps(doc_id) + b":" + orjson.dumps(document))
        if len(fragments) > COMPACT_AT:
            self._tables[table] = [b"".join(fragments)]

    def payload(self, data: Data) -> list[bytes]:
        """The database as a list of byte fragments, in order."""
        out = [b"{"]
        for index, (name, table) in enumerate(data.items()):
            fragments = self._tables.get(name)
            if fragments is None:
                fragments = self._tables[name] = [orjson.dumps(table)[:-1]]
            out += [b"," if index else b"", orjson.dumps(name), b":", *fragments, b"}"]
        for gone in set(self._tables) - set(data):
            del self._tables[gone]
        out.append(b"}")
        return out
