"""The Registry: typed reads and audited, rule-checked writes over the store.

Every write runs in one store transaction together with its audit event, so a change and its evidence land
together or not at all (the event in the journal beside the file, see registry/journal.py). The name index and the reference index are kept in step with our own writes and
rebuilt only when the store reloads (another process committed, or a transaction rolled back); when the store
caught up with another process document by document (PostgreSQL's change feed), they follow those documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from tinydb.table import Document

from registry.errors import Conflict, RegistryError
from registry.models import (
    RECORD_TYPES,
    RELATIONS,
    Agreement,
    AuditEvent,
    Breach,
    DeliveryRoute,
    Engagement,
    Party,
    Record,
    SubprocessorLink,
    Transfer,
)
from registry.names import NameIndex, names_clash
from registry.store import Store

R = TypeVar("R", bound=Record)
T = TypeVar("T")
Clock = Callable[[], datetime]

# Fields of each relation that hold party ids.
PARTY_FIELDS: dict[type[Record], tuple[str, ...]] = {
    Engagement: ("processor", "controllers"),
    SubprocessorLink: ("processor", "sub"),
    Transfer: ("exporter", "importer"),
    Agreement: ("controller", "processor"),
    Party: ("dpo_of",),
    DeliveryRoute: ("party",),
    Breach: ("processor", "about", "tell"),  # the Art. 33(5) documentation keeps naming them
}
_KIND_ORDER = {cls: i for i, cls in enumerate((*RELATIONS, Party, DeliveryRoute, Breach))}
CHANGES = "changes"  # the counter that numbers changes (AuditEvent.change)
WITHHELD, DELETED = "(withheld)", "(deleted)"  # in the audit log, in place of personal data
_TYPED = "=\"'“”‘’«»"  # a word of a command line holding one of these carries a value someone typed


@dataclass(frozen=True)
class Actor:
    """Who is making a change and with which command, for the audit log."""

    user: str
    command: str


def party_ids(record: Record) -> set[int]:
    """The parties a record refers to."""
    ids: set[int] = set()
    for name in PARTY_FIELDS.get(type(record), ()):
        value = getattr(record, name)
        if isinstance(value, list):
            ids.update(value)
        elif value is not None:
            ids.add(value)
    return ids


class Registry:
    """The registry of parties and their relations, over a Store."""

    def __init__(self, store: Store, *, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._generation = -1
        self._names = NameIndex()
        # party id -> records that refer to it, as (record class, id)
        self._refs: dict[int, set[tuple[type[Record], int]]] = {}
        self._cache: dict[str, tuple[Any, Any]] = {}
        # Counts our writes to relations, and to parties a relation refers to: see relations_version().
        self._relation_writes = 0
        # Records made once per table and then kept in step with our own writes (see materialised()).
        self._records: dict[type[Record], dict[int, Record]] = {}
        # Nesting of change() and the number of the outermost one's change (taken at its first audit event), which
        # ties together the audit events of one transaction. Only the thread holding the store's lock uses them.
        self._depth = 0
        self._change: int | None = None

    # -- reading ----------------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Registry]:
        """Hold a consistent view for a read (see Store.read)."""
        with self.store.read():
            self._sync()
            yield self

    def cached(self, key: str, build: Callable[[], T], *, version: Any = None) -> T:
        """A value derived from the registry (call inside reading()), rebuilt only after a change; or, given
        `version`, only when that has changed (e.g. relations_version())."""
        version = self.store.version if version is None else version
        hit = self._cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = build()
        self._cache[key] = (version, value)
        return value

    def relations_version(self) -> tuple[int, int]:
        """Changes whenever a relation changes, or a party that a relation refers to (call inside reading()).

        What follows from the relations alone (the review's flags) stays true while this stays the same: an
        inquiry, a proposal, or a party that nothing refers to yet cannot change it. A reload (another
        process's commit, or a rollback) counts as a change.
        """
        self._sync()
        return self._generation, self._relation_writes

    def get(self, cls: type[R], record_id: int) -> R:
        found = self.find(cls, record_id)
        if found is None:
            raise RegistryError(f"{cls.__name__} {record_id} no longer exists; someone may just have removed it.")
        return found

    def find(self, cls: type[R], record_id: int) -> R | None:
        """The record with this id, or None when there is none (call inside reading())."""
        doc = self._documents(cls).get(str(record_id))
        return None if doc is None else cls.from_doc(doc, record_id)

    def all(self, cls: type[R]) -> list[R]:
        return [cls.from_doc(doc, int(doc_id)) for doc_id, doc in self._documents(cls).items()]

    def where(self, cls: type[R], **values: Any) -> list[R]:
        """The records of `cls` whose stored fields hold these values, by id (call inside reading())."""
        return [
            cls.from_doc(doc, int(key))
            for key, doc in self._documents(cls).items()
            if all(doc.get(name) == value for name, value in values.items())
        ]

    def audit_log(self, *, newest_first: bool = False) -> Iterator[AuditEvent]:
        """The audit events one at a time (call inside reading()): history and undo read the newest few without
        making an object of every event in a long log."""
        events = self.store.audit_events()
        for key in reversed(events) if newest_first else events:
            yield AuditEvent.from_doc(events[key], key)

    def _documents(self, cls: type[Record]) -> dict[str, Any]:
        """The stored documents of a record type, by id (shared: never changed here). The audit log is a journal
        beside the file, not one of its tables."""
        if cls is AuditEvent:
            return {str(key): event for key, event in self.store.audit_events().items()}
        return self.store.tables().get(cls.table, {})

    def materialised(self, cls: type[R]) -> list[R]:
        """Every record of `cls`, by id (call inside reading()). Made from the stored documents once, then kept
        up to date by our own writes, so rules over the whole registry do not remake tens of thousands of records
        after each change; a commit by another process starts afresh. The records are shared: do not change them.
        """
        self._sync()
        table = self._records.get(cls)
        if table is None:
            table = {int(key): cls.from_doc(doc, int(key)) for key, doc in self._documents(cls).items()}
            self._records[cls] = table
        return sorted(table.values(), key=lambda r: r.id or 0)  # type: ignore[return-value]

    def count(self, cls: type[Record]) -> int:
        return len(self.store.audit_events()) if cls is AuditEvent else len(self._documents(cls))

    def find_party(self, name: str) -> Party:
        """The party a user means by `name` (name or alias, legal form ignored, unique prefix)."""
        self._sync()
        return self.get(Party, self._names.resolve(name))

    def party_named(self, name: str) -> Party | None:
        """Like find_party, but None when no party has that name (Ambiguous still raised)."""
        self._sync()
        found = self._names.find(name)
        return None if found is None else self.get(Party, found)

    def self_party(self) -> Party | None:
        found = next(((key, d) for key, d in self._documents(Party).items() if d.get("is_self") is True), None)
        return None if found is None else Party.from_doc(found[1], int(found[0]))

    def references(self, party_id: int) -> list[Record]:
        """Every record that refers to the party, grouped by kind in a stable order."""
        self._sync()
        refs = sorted(self._refs.get(party_id, ()), key=lambda r: (_KIND_ORDER[r[0]], r[1]))
        return [self.get(cls, rid) for cls, rid in refs]

    def related(self, party_id: int, cls: type[R]) -> list[R]:
        """The records of one kind that refer to the party, by id."""
        self._sync()
        ids = sorted(rid for kind, rid in self._refs.get(party_id, ()) if kind is cls)
        return [self.get(cls, rid) for rid in ids]

    def reference_count(self, party_id: int) -> int:
        self._sync()
        return len(self._refs.get(party_id, ()))

    def name_of(self, party_id: int) -> str:
        doc = self._documents(Party).get(str(party_id))
        return doc["name"] if doc else f"(removed party {party_id})"

    # -- writing ----------------------------------------------------------------------------------------

    @contextmanager
    def change(self, actor: Actor) -> Iterator[Writer]:
        """One atomic, audited change: every insert/update/remove in the block commits together."""
        with self.store.transaction():
            if self._depth == 0:
                self._change = None
            self._depth += 1
            try:
                self._sync()
                yield Writer(self, actor)
            finally:
                self._depth -= 1

    # -- indexes ----------------------------------------------------------------------------------------

    def _sync(self) -> None:
        if self._generation == self.store.load_generation:
            return
        caught_up = self.store.caught_up
        if caught_up is not None and caught_up[0] == self._generation + 1:
            # Another process's changes, applied document by document: the indexes follow them.
            for table, key, before, after in caught_up[1]:
                self._follow(table, int(key), before, after)
            self._generation = caught_up[0]
            return
        # Built from the stored documents directly: making 40,000 records first tripled the cost.
        self._names = NameIndex()
        self._refs = {}
        self._records = {}
        for cls in PARTY_FIELDS:
            for key, doc in self._documents(cls).items():
                self._index_doc(cls, int(key), doc, add=True)
        self._generation = self.store.load_generation

    def _follow(self, table: str, record_id: int, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Keep the indexes and the materialised records in step with one document another process changed."""
        cls = RECORD_TYPES.get(table)
        if cls is None or cls is AuditEvent:
            return
        if before is not None:
            self._index_doc(cls, record_id, before, add=False)
        if after is not None:
            self._index_doc(cls, record_id, after, add=True)
        records = self._records.get(cls)
        if records is not None:
            if after is None:
                records.pop(record_id, None)
            else:
                records[record_id] = cls.from_doc(after, record_id)

    def _index(self, record: Record, *, add: bool) -> None:
        assert record.id is not None
        if type(record) in RELATIONS or (type(record) is Party and self._refs.get(record.id)):
            self._relation_writes += 1
        doc = record.to_doc()
        self._index_doc(type(record), record.id, doc, add=add)
        table = self._records.get(type(record))
        if table is not None:
            if add:
                table[record.id] = type(record).from_doc(doc, record.id)  # a copy the caller cannot change
            else:
                table.pop(record.id, None)

    def _index_doc(self, cls: type[Record], record_id: int, doc: dict[str, Any], *, add: bool) -> None:
        if cls is Party:
            (self._names.add if add else self._names.remove)(record_id, doc.get("name", ""), doc.get("aliases") or [])
        for name in PARTY_FIELDS.get(cls, ()):
            value = doc.get(name)
            for pid in value if isinstance(value, list) else ([] if value is None else [value]):
                refs = self._refs.setdefault(pid, set())
                if add:
                    refs.add((cls, record_id))
                else:
                    refs.discard((cls, record_id))

    def name_owners(self, name: str) -> set[int]:
        self._sync()
        return self._names.owners(name)


class Writer:
    """Inserts, updates and removes records inside one transaction, auditing each and keeping indexes."""

    def __init__(self, registry: Registry, actor: Actor) -> None:
        self.registry = registry
        self.actor = actor

    def insert(self, record: R) -> R:
        self._check_references(record)
        record.id = self.registry.store.table(record.table).insert(record.to_doc())
        self.registry._index(record, add=True)
        self._audit(record, "add", None, record.to_doc())
        return record

    def update(self, record: R, changes: dict[str, Any]) -> R:
        """Apply `changes` (field -> new value) to a stored record; one that changes nothing is neither written nor
        audited."""
        assert record.id is not None
        before = record.to_doc()
        updated = type(record).from_doc({**before, **_stored(type(record), changes)}, record.id)
        if updated.to_doc() == before:
            return updated
        self._check_references(updated)
        self.registry._index(record, add=False)
        self.registry.store.table(record.table).update(updated.to_doc(), doc_ids=[record.id])
        self.registry._index(updated, add=True)
        self._audit(updated, "change", before, updated.to_doc())
        return updated

    def restore(self, record: R) -> R:
        """Put back a removed record under its old id (undo); refused by the store when the id is taken."""
        assert record.id is not None
        self.registry.store.table(record.table).insert(Document(record.to_doc(), doc_id=record.id))
        self.registry._index(record, add=True)
        self._audit(record, "add", None, record.to_doc())
        return record

    def remove(self, record: Record) -> None:
        assert record.id is not None
        if isinstance(record, Party):
            referring = self.registry._refs.get(record.id, set()) - {(Party, record.id)}
            if referring:
                raise Conflict(
                    f"{record.name} is referred to by {len(referring)} other record(s), so it was not removed. "
                    "Nothing was changed."
                )
        self.registry.store.table(record.table).remove(doc_ids=[record.id])
        self.registry._index(record, add=False)
        self._audit(record, "remove", record.to_doc(), None)

    def _check_references(self, record: Record) -> None:
        """Inside the transaction, against what is committed now: every party the record names still exists.
        A command looks its parties up before it writes, and another process may remove one in between."""
        parties = self.registry.store.tables().get(Party.table, {})
        gone = sorted(pid for pid in party_ids(record) if str(pid) not in parties)
        if gone:
            raise Conflict(
                f"A party this change refers to (id {', '.join(map(str, gone))}) was removed a moment ago, so "
                "nothing was changed. Check `party list` and try again."
            )

    def redact_history(
        self, cls: type[Record], ids: set[int], fields: tuple[str, ...], *, people: frozenset[str] = frozenset()
    ) -> None:
        """Delete personal data from the audit log's copies of these records, the one change the log allows: the
        values of `fields` in each event's before and after, and the values typed on its command line (from the
        first key=value or quoted word on: `inquiry close 3 note="..."` becomes `inquiry close 3 [deleted]`)."""
        if not ids:
            return
        self.registry.store.compact()  # the journal's earlier lines hold the records as they were written
        rewritten: dict[int, dict[str, Any]] = {}
        for key, event in self.registry.store.audit_events().items():
            if event.get("kind") != cls.table or event.get("record") not in ids:
                continue
            changes: dict[str, Any] = {}
            if event.get("action") == "add" and event.get("who") in people:  # who handed it in: theirs too
                changes["who"] = DELETED
            command = redacted(event.get("command") or "")
            if command != event.get("command"):
                changes["command"] = command
            for side in ("before", "after"):
                state = event.get(side)
                if state and any(state.get(k) not in (None, "", WITHHELD, DELETED) for k in fields):
                    changes[side] = {
                        k: (DELETED if k in fields and v not in (None, "", WITHHELD) else v) for k, v in state.items()
                    }
            if changes:
                rewritten[key] = {**event, **changes}
        self.registry.store.rewrite_audit(rewritten)

    def _audit(self, record: Record, action: str, before: Any, after: Any) -> None:
        assert record.id is not None
        before, after = _withhold(record, before), _withhold(record, after)
        if self.registry._change is None:
            self.registry._change = self.registry.store.take_id(CHANGES)
        event = AuditEvent(
            at=self.registry.clock().isoformat(timespec="seconds"),
            who=self.actor.user,
            command=self.actor.command,
            kind=record.table,
            record=record.id,
            action=action,
            before=before,
            after=after,
            change=self.registry._change,
        )
        self.registry.store.audit(event.to_doc())


def _withhold(record: Record, state: dict[str, Any] | None) -> dict[str, Any] | None:
    if state is None or not record.private_fields:
        return state
    return {k: (WITHHELD if k in record.private_fields and v else v) for k, v in state.items()}


def redacted(command: str, mark: str = "[deleted]") -> str:
    """The command line without what was typed as values: kept up to its first key=value or quoted word."""
    words = command.split()
    for i, word in enumerate(words):
        if any(c in word for c in _TYPED):
            return " ".join([*words[:i], mark])
    return command


def _stored(cls: type[Record], changes: dict[str, Any]) -> dict[str, Any]:
    """Field values in their stored form (dates as ISO text)."""
    return {k: (v.isoformat() if k in cls.date_fields and v is not None else v) for k, v in changes.items()}


def check_unique_names(registry: Registry, names: list[str], *, except_id: int | None = None) -> None:
    """Refuse a name or alias that another party already answers to (see names.names_clash)."""
    for n, candidate in enumerate(names):  # names[0] is the party's name, the rest its aliases
        for other_id in registry.name_owners(candidate) - {except_id}:
            other = registry.get(Party, other_id)
            theirs = [(other.name, False), *((a, True) for a in other.aliases)]
            if any(names_clash(candidate, name, alias=n > 0 or is_alias) for name, is_alias in theirs):
                raise Conflict(
                    f"{candidate!r} is already used by {other.name}. "
                    f'Use `party set "{other.name}" ...` to change that party instead.'
                )
