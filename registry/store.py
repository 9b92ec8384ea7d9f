"""The registry store: a TinyDB JSON file made crash-safe, concurrency-safe and fast to read and write.

TinyDB's own JSONStorage rewrites the file in place and re-parses it on every read. This store keeps the data in
memory and serialises every read-modify-write under one lock (a thread lock plus an flock on a side file, so the
bot and a console can write at once). A transaction commits as one fsynced line appended to the journal beside
the file (registry/journal.py: its changes and its audit events); the file itself is a checkpoint, replaced
atomically and durably (temp file, fsync, rename, folder fsync) only once the journal has grown past it. Another
process's commits are picked up by replaying the lines it appended, or by reading its new checkpoint.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage
from tinydb.table import Document, Table

from registry import disk, journal
from registry.errors import SaveError, StoreError
from registry.integrity import damaged, not_ours
from registry.journal import Journal
from registry.schema import AUDIT_TABLE, JOBS_TABLE, META_TABLE, SCHEMA_VERSION, empty_database, migrate, schema_version
from registry.serial import Serialiser

CHECKPOINT_MIN_BYTES = 1 << 20


def checkpoint_due(tail: int, file_size: int) -> bool:
    """Whether the journal has grown far enough past the checkpoint (by `tail` bytes) to write the file again: by
    more than the file's own size, and at least CHECKPOINT_MIN_BYTES. Rewriting the file then costs the commits at
    most as many bytes again as they wrote themselves, spread over them, and opening the registry replays at most
    about as many bytes as it reads from the file."""
    return tail > max(CHECKPOINT_MIN_BYTES, file_size)


Data = dict[str, dict[str, Any]]


class _SharedStorage(Storage):
    """TinyDB's storage contract over the store's in-memory copy; writes stay in memory until commit."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def read(self) -> Data:
        return self._store._data

    def write(self, data: Data) -> None:
        self._store._note_write(data)

    def close(self) -> None:
        pass


class _Table(Table):
    """A TinyDB table over the store's shared data, through TinyDB's public API only: every method that changes
    data is overridden to refuse a write outside the calling thread's transaction before anything is touched
    (TinyDB changes the documents it read in place before it calls the storage's write).

    Inserting documents, and updating or removing documents by id, work on the shared data directly, with ids from
    the store's counters (never reused); TinyDB's own path rebuilds the whole table twice per write and scans every
    id for the next one, which dominated the cost of a write at 10,000 parties. Anything else (changes by query,
    upsert, truncate) goes to TinyDB's public method after the check.
    """

    def __init__(self, store: Store, name: str) -> None:
        super().__init__(store._storage, name, cache_size=0)
        self._store = store

    def _writing(self) -> None:
        self._store._check_writable()
        self._store._table_changed(self.name)

    def insert(self, document: Mapping[str, Any]) -> int:
        if isinstance(document, Document):  # a document with its own id (a record put back under it)
            self._writing()
            return super().insert(document)
        self._store._check_writable()
        table = self._store._data.setdefault(self.name, {})
        doc_id = self._store._next_id(self.name)
        key = str(doc_id)
        table[key] = dict(document)
        self._store._appended(self.name, key, table[key])
        return doc_id

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        return [self.insert(document) for document in documents]

    def update(self, fields: Any, cond: Any = None, doc_ids: Iterable[int] | None = None) -> list[int]:
        if cond is not None or doc_ids is None or not isinstance(fields, Mapping):
            self._writing()
            return super().update(fields, cond=cond, doc_ids=doc_ids)
        self._store._check_writable()
        table = self._store._data.get(self.name, {})
        done = [i for i in doc_ids if str(i) in table]
        for doc_id in done:
            table[str(doc_id)].update(fields)
        self._store._table_changed(self.name, keys=[str(i) for i in done])
        return done

    def update_multiple(self, updates: Any) -> list[int]:
        self._writing()
        return super().update_multiple(updates)

    def upsert(self, document: Mapping[str, Any], cond: Any = None) -> list[int]:
        self._writing()
        return super().upsert(document, cond=cond)

    def remove(self, cond: Any = None, doc_ids: Iterable[int] | None = None) -> list[int]:
        if cond is not None or doc_ids is None:
            self._writing()
            return super().remove(cond=cond, doc_ids=doc_ids)
        self._store._check_writable()
        table = self._store._data.get(self.name, {})
        done = [i for i in doc_ids if table.pop(str(i), None) is not None]
        self._store._table_changed(self.name, keys=[str(i) for i in done])
        return done

    def truncate(self) -> None:
        self._writing()
        super().truncate()


class Store:
    """A TinyDB database held in memory and, unless `path` is None, in a file on disk.

    Use `with store.read():` around reads and `with store.transaction():` around changes; inside either,
    `store.table(name)` is a TinyDB table. A transaction commits once, atomically, when its block ends, and
    discards every change if the block raises.

    The audit log is not a table of the file but lives in the journal beside it (registry/journal.py), with the
    changes of every commit since the file's checkpoint: `store.audit(event)` adds an event inside a transaction,
    and `store.audit_events()` reads them, parsed only when first asked for.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        #: The path as given, for messages; every file operation uses `real_path`, the file it names once every
        #: symbolic link is followed (resolved once, here). Renaming over a link would replace the link with a
        #: local file, and the link and its target would be locked through different lock files.
        self.path = Path(path) if path is not None else None
        self.real_path = _real_path(self.path) if self.path is not None else None
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread running the current transaction
        self._dirty = False
        self._data: Data = {}
        self._serialiser = Serialiser()
        self._next_ids: dict[str, int] = {}
        self._signature: tuple[int, int, int] | None = None
        self._held: int | None = None  # descriptor of the file version `_signature` describes, see _hold
        self._committed = b""
        self._lock_file: Any = None
        self._storage = _SharedStorage(self)
        self._journal = Journal(self.real_path)
        self._pending: list[dict[str, Any]] = []  # audit events of the open transaction, with their ids
        self._rewritten: dict[int, dict[str, Any]] = {}  # committed events the open transaction replaces, by id
        self._new_journal: list[dict[str, Any]] | None = None  # a whole journal the open transaction brings in
        self._compact = False  # the open transaction writes the journal anew: see compact()
        self._events: dict[int, dict[str, Any]] = {}  # the committed events parsed so far, by id
        self._events_at = (0, 0)  # the journal epoch and the byte length that `_events` covers
        self._at = 0  # the journal bytes (of the checkpoint's epoch) that the data in memory holds: whole lines
        self._short = False  # the journal lacks bytes the checkpoint counts: the next commit starts a new epoch
        #: The documents the open transaction wrote or removed, by table, in the order first touched (a replay
        #: inserts new documents in that order, which keeps a table in the order of its ids, as TinyDB keeps it).
        self._changes: dict[str, dict[str, None]] = {}
        self._whole: set[str] = set()  # tables the open transaction changed other than by id
        #: Bumped whenever the in-memory data is replaced wholesale (opened, reloaded, rolled back), so that
        #: callers holding indexes over it know to rebuild them.
        self.load_generation = 0
        #: Bumped on every commit and every reload: anything derived from the data may be cached against it.
        self.version = 0
        #: When the last bump of load_generation applied another process's changes document by document (the
        #: change feed of registry/pgstore.py): that generation, and each document changed as (table, id, before,
        #: after), None for a document absent; so an index over the data can follow without being rebuilt.
        self.caught_up: tuple[int, list[tuple[str, str, Any, Any]]] | None = None
        self.read_only: str | None = None  # why the registry can only be read, when it can
        self._job_locks: dict[str, threading.Lock] = {}  # the background jobs' locks in memory: see job_lock
        if self.path is None:
            self._replace_data(empty_database())
            self._committed = orjson.dumps(self._data)
        else:
            try:
                self._open_file()
            except BaseException:
                self.close()
                raise

    # -- public API -------------------------------------------------------------------------------------

    def table(self, name: str) -> Table:
        """A TinyDB table over the current data (no query cache: the data can change under it)."""
        if name == AUDIT_TABLE:
            raise RuntimeError("the audit log is a journal, not a table: Store.audit, audit_events, rewrite_audit")
        return _Table(self, name)

    def audit(self, event: Mapping[str, Any]) -> int:
        """Add an event to the audit log, committed with the transaction it is part of; returns its id (ids are
        never reused)."""
        self._check_writable()
        event_id = self._next_id(AUDIT_TABLE)
        self._pending.append({"id": event_id, **{k: v for k, v in event.items() if k != "id"}})
        self._dirty = True
        return event_id

    def audit_events(self) -> dict[int, dict[str, Any]]:
        """Every audit event by id, oldest first, each a document with its `id` (call inside read(), or inside a
        transaction, which sees its own events too; the documents are shared: do not change them). Parsed from the
        journal at the first call; later calls parse only what was committed since."""
        events = self._committed_events()
        if not (self._pending or self._rewritten or self._new_journal is not None):
            return dict(events)
        if self._new_journal is not None:
            events = {event["id"]: event for event in self._new_journal}
        out = {key: self._rewritten.get(key, event) for key, event in events.items()}
        for event in self._pending:
            out[event["id"]] = self._rewritten.get(event["id"], event)
        return out

    def rewrite_audit(self, events: Mapping[int, dict[str, Any]]) -> None:
        """Replace these audit events (whole documents, by id) at the commit: the one change the log allows,
        personal data deleted. The whole journal is written anew, so the old text is gone from the disk."""
        self._check_writable()
        if events:
            self._rewritten.update({key: {**event, "id": key} for key, event in events.items()})
            self._dirty = True

    def compact(self) -> None:
        """At the commit, write the journal anew (audit events only) beside a fresh checkpoint: the earlier lines
        carry whole documents as they were written, so personal data deleted from a record (the retention purge)
        is gone from the disk only once they are."""
        self._check_writable()
        self._compact = True
        self._dirty = True

    @contextmanager
    def read(self) -> Iterator[Store]:
        """Hold the data steady for a read, after picking up any change another process committed."""
        with self._lock:
            if self._depth == 0:
                self._refresh(shared=True)
            yield self

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Serialise a read-modify-write against every other thread and process, and commit it durably."""
        with self._lock:
            outermost = self._depth == 0
            if outermost:
                self._acquire_file_lock()
                self._owner = threading.get_ident()
            self._depth += 1
            try:
                if outermost:
                    self._refresh(shared=False)
                yield self
                if outermost and self._dirty:
                    self._commit()
            except BaseException:
                # A transaction that failed before writing anything (a refused command) has nothing to undo.
                if outermost and self._dirty:
                    self._rollback()
                raise
            finally:
                self._depth -= 1
                if outermost:
                    self._dirty = False
                    self._owner = None
                    self._release_file_lock()

    def tables(self) -> Data:
        """Every table as stored, by name, each an object of documents by id (call inside read(); shared: do
        not change it)."""
        return self._data

    def restore(self, data: Data, *, source: str) -> None:
        """Fill an empty registry with `data` (a backup's tables with their schema record, its audit log as the
        table "audit"), checked as a file is when it is opened, and commit it (inside a caller's transaction, with
        the caller's other changes)."""
        with self.transaction():
            held = {n: len(table) for n, table in self._data.items() if table and n not in (META_TABLE, JOBS_TABLE)}
            if self.audit_events():
                held[AUDIT_TABLE] = len(self.audit_events())
            if held:
                raise StoreError(
                    f"The registry at {self.path} is not empty ({', '.join(f'{n} {t}' for t, n in held.items())}), "
                    "so nothing was restored. Restore into a new file (a new --db), or move this one away first."
                )
            problem = damaged(data)
            if problem:
                raise StoreError(f"The backup {source} has a damaged record: {problem}. Nothing was restored.")
            version = schema_version(data)
            self._refuse_newer(version, f"The backup {source}", "Nothing was restored.")
            epoch, length = self._journal_state()
            data = migrate(data, version)
            events = _take_audit_table(data)
            self._replace_data(data)
            self._set_journal_state(epoch, length)
            self._new_journal = events
            self._dirty = True

    def bulk_load(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        """Insert many documents per table in one transaction (used for large imports and benchmarks)."""
        with self.transaction():
            for name, docs in tables.items():
                if name == AUDIT_TABLE:
                    for doc in docs:
                        self.audit(doc)
                else:
                    self.table(name).insert_multiple(docs)

    @contextmanager
    def job_lock(self, name: str) -> Iterator[bool]:
        """Whether this process may run the background job `name` now: True when it holds the job's lock for the
        block, False when another process (or thread) is running that job this moment and this one should skip
        it. Several bot processes on one registry then run each job once, not once each. In memory, a thread
        lock; on a file, an flock on a lock file beside it, never waited for (a registry folder we cannot write
        to takes no lock: the job runs, as it would alone)."""
        if self.real_path is None:
            lock = self._job_locks.setdefault(name, threading.Lock())
            got = lock.acquire(blocking=False)
            try:
                yield got
            finally:
                if got:
                    lock.release()
            return
        try:
            # Opened anew each time: an flock conflicts with every other open of the file, in this process too.
            handle = open(self.real_path.with_name(f".{self.real_path.name}.job-{name}.lock"), "a+b")  # noqa: SIM115
        except OSError:
            yield True
            return
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True  # closing the file lets go of the lock

    def health(self, timeout: float = 2.0) -> str | None:
        """Why the registry cannot answer now, or None when it can (for a load balancer's health check): open,
        not waiting more than `timeout` seconds behind a change, and readable as it is on disk."""
        if self.real_path is not None and self._lock_file is None and not self.read_only:
            return "the registry is closed"
        if not self._lock.acquire(timeout=timeout):
            return f"the registry did not answer within {timeout:g} seconds"
        try:
            with self.read():
                pass
        except (StoreError, SaveError) as exc:
            return str(exc)
        finally:
            self._lock.release()
        return None

    def take_id(self, name: str) -> int:
        """A number never handed out before for `name` (inside a transaction), from the counters that number each
        table's documents: for numbering that is not a table of its own (the changes the audit log records)."""
        self._check_writable()
        return self._next_id(name)

    def checkpoint(self) -> None:
        """Write the registry file anew with every commit so far, so that opening it replays nothing (commits do
        this by themselves once the journal has grown past the file)."""
        with self.transaction():
            if self.path is not None:
                self._refuse_read_only_file()
                self._checkpoint()

    def close(self, *, checkpoint: bool = True) -> None:
        """Let go of the files, after a checkpoint when the journal holds commits the file does not: a registry
        closed cleanly is whole in its file alone (one file write per process, not per change)."""
        if checkpoint and self._lock_file is not None and self._depth == 0 and self._at > self._journal_state()[1]:
            with contextlib.suppress(SaveError, StoreError, OSError):
                self.checkpoint()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
        if self._held is not None:
            os.close(self._held)
            self._held = None
        self._journal.release()

    # -- internals ----------------------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self._depth == 0 or self._owner != threading.get_ident():
            raise RuntimeError("registry write outside a transaction")

    def _note_write(self, data: Data) -> None:
        self._check_writable()
        self._data = data
        self._dirty = True

    def _table_changed(self, name: str, *, keys: list[str] | None = None) -> None:
        """`name` changed: the documents `keys` (written or removed by id), or any of it (keys None)."""
        self._dirty = True
        self._serialiser.changed(name)
        if keys is None:
            self._next_ids.pop(name, None)
            self._whole.add(name)
        else:
            self._changes.setdefault(name, {}).update(dict.fromkeys(keys))

    def _appended(self, name: str, key: str, document: Any) -> None:
        self._dirty = True
        self._serialiser.appended(name, key, document)
        self._changes.setdefault(name, {})[key] = None

    def _next_id(self, name: str) -> int:
        """Ids are never reused, even after the highest was removed and the file reopened: the next id of
        each table is kept in the schema record (the audit log refers to records by id)."""
        counters = self._data.setdefault(META_TABLE, {}).setdefault("1", {}).setdefault("next_ids", {})
        if name not in self._next_ids:
            highest = max((int(k) for k in self._data.get(name, {})), default=0)
            self._next_ids[name] = max(highest + 1, counters.get(name, 1))
        doc_id = self._next_ids[name]
        self._next_ids[name] = counters[name] = doc_id + 1
        self._serialiser.changed(META_TABLE)
        return doc_id

    def _journal_state(self) -> tuple[int, int]:
        """The journal's epoch, and the offset up to which the checkpoint (the registry file) holds its changes."""
        state = self._data.get(META_TABLE, {}).get("1", {}).get("journal") or {}
        return state.get("epoch", 1), state.get("bytes", 0)

    def _set_journal_state(self, epoch: int, length: int) -> None:
        self._data.setdefault(META_TABLE, {}).setdefault("1", {})["journal"] = {"epoch": epoch, "bytes": length}
        self._serialiser.changed(META_TABLE)

    def _committed_events(self) -> dict[int, dict[str, Any]]:
        """The committed audit events, parsing only the journal's lines committed since the last call (all of
        them after a rewrite, or when the journal shrank: cut short from outside)."""
        epoch = self._journal_state()[0]
        if self._events_at[0] != epoch or self._events_at[1] > self._at:
            self._events, self._events_at = {}, (epoch, 0)
        start = self._events_at[1]
        if start < self._at:
            commits, used = self._parse_journal(epoch, start, self._at)
            self._events.update((event["id"], event) for event in journal.events(commits))
            self._events_at = (epoch, start + used)
        return self._events

    def _parse_journal(self, epoch: int, start: int, end: int) -> tuple[list[dict[str, Any]], int]:
        try:
            return journal.parse(self._journal.read(epoch, start, end), start)
        except journal.Damaged as exc:
            raise StoreError(
                f"The journal of the registry at {self.path} ({self._journal_name(epoch)}) has a damaged line at byte "
                f"{exc.offset}, with whole lines after it. It was left untouched: restore the registry and its "
                "journal from a backup."
            ) from exc

    def _journal_name(self, epoch: int) -> str:
        return self._journal.path(epoch).name if self.real_path is not None else "in memory"

    def _replay(self) -> int:
        """Apply the journal's whole lines past those the data holds (another process's commits, or those since
        the checkpoint); how many there were. A journal shorter than the checkpoint counts (cut from outside)
        loses only audit events, and the next commit starts a new epoch with those that are left."""
        epoch, checkpoint = self._journal_state()
        size = self._journal.size(epoch)
        if size < checkpoint:
            self._short = True
            return 0
        commits, used = self._parse_journal(epoch, self._at, size)
        for commit in commits:
            self._apply(commit)
        self._at += used
        return len(commits)

    def _apply(self, commit: dict[str, Any]) -> None:
        """One commit's changes, applied to the data in memory."""
        for name, table in commit.get("tables", {}).items():
            self._data[name] = table
            self._serialiser.changed(name)
        for name, documents in commit.get("set", {}).items():
            table = self._data.setdefault(name, {})
            for key, document in documents.items():
                if document is None:
                    table.pop(key, None)
                else:
                    table[key] = document
            self._serialiser.changed(name)
        if "meta" in commit:
            meta = self._data.setdefault(META_TABLE, {})
            meta["1"] = {**commit["meta"], "journal": meta.get("1", {}).get("journal")}
            self._serialiser.changed(META_TABLE)
        self._next_ids.clear()

    def _commit_line(self) -> bytes:
        """The open transaction as one journal line: its events, the documents it wrote (a removed one as null),
        the tables it changed other than by id whole, and the counters."""
        commit: dict[str, Any] = {}
        if self._pending:
            commit["audit"] = self._pending
        if self._whole:
            commit["tables"] = {name: self._data.get(name, {}) for name in self._whole}
        changed = {
            name: {key: self._data.get(name, {}).get(key) for key in keys}
            for name, keys in self._changes.items()
            if name not in self._whole and keys
        }
        if changed:
            commit["set"] = changed
        commit["meta"] = {k: v for k, v in self._data.get(META_TABLE, {}).get("1", {}).items() if k != "journal"}
        return journal.line(commit)

    def _append_commit(self) -> None:
        """A commit: its line appended to the journal and fsynced (cut back if that fails), then a checkpoint
        when the journal has grown past the last one by more than its size."""
        epoch, checkpoint = self._journal_state()
        start = self._at
        try:
            self._at = self._journal.append(epoch, start, self._commit_line())
        except OSError as exc:
            raise SaveError(
                f"Could not save the registry to {self.path} (its journal, beside it): {exc.strerror}. Nothing was "
                "changed; free disk space or make the folder writable, then try again."
            ) from exc
        if self._events_at == (epoch, start):  # keep the parsed events in step without reading back what we wrote
            self._events.update((event["id"], event) for event in self._pending)
            self._events_at = (epoch, self._at)
        if self.path is None:
            self._committed = b"".join(self._serialiser.payload(self._data))
        elif checkpoint_due(self._at - checkpoint, self._signature[2] if self._signature else 0):
            # The change is durable in the journal already: a checkpoint that fails is tried again next time.
            with contextlib.suppress(SaveError):
                self._checkpoint()

    def _checkpoint(self) -> None:
        """The registry file written anew (atomically, durably), holding the journal's changes up to its end."""
        before, signature = self._journal_state(), self._signature
        self._set_journal_state(before[0], self._at)
        try:
            self._write_file(self._serialiser.payload(self._data))
        except SaveError:
            if self._signature == signature:  # not in place: the file still says what it said
                self._set_journal_state(*before)
            raise

    def _commit_new_epoch(self) -> None:
        """A commit that rewrites the audit log (a redaction, a restore, a journal cut short from outside): every
        event written to a new epoch and made durable, then the checkpoint that names it, then the old epoch
        deleted (it may hold personal data the rewrite deleted)."""
        everything = list(self.audit_events().values())
        before = self._journal_state()
        epoch = before[0] + 1
        try:
            length = self._journal.create(epoch, journal.event_lines(everything))
        except OSError as exc:
            raise SaveError(
                f"Could not save the registry to {self.path} (its journal, beside it): {exc.strerror}. Nothing was "
                "changed; free disk space or make the folder writable, then try again."
            ) from exc
        self._set_journal_state(epoch, length)
        if self.path is None:
            self._committed = b"".join(self._serialiser.payload(self._data))
        else:
            try:
                self._write_file(self._serialiser.payload(self._data))
            except SaveError:
                self._set_journal_state(*before)
                raise
        self._at = length
        self._short = False
        self._events = {event["id"]: event for event in everything}
        self._events_at = (epoch, length)
        self._journal.hold(epoch)
        self._journal.remove_others(epoch)

    def _forget_transaction(self) -> None:
        self._compact = False
        self._pending = []
        self._rewritten = {}
        self._new_journal = None
        self._changes = {}
        self._whole = set()

    def _replace_data(self, data: Data) -> None:
        self._data = data
        self._serialiser.reset()
        self._next_ids.clear()
        self.load_generation += 1
        self.version += 1

    def _acquire_file_lock(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_EX)

    def _release_file_lock(self) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def _shared_lock(self, wanted: bool) -> Iterator[None]:
        """Read another process's commit only once it is whole and durable: its writer holds the exclusive lock
        until then."""
        if not wanted or self._lock_file is None:
            yield
            return
        fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)

    def _open_file(self) -> None:
        assert self.path is not None and self.real_path is not None
        try:
            self.real_path.parent.mkdir(parents=True, exist_ok=True)
            self._lock_file = open(self.real_path.with_name(self.real_path.name + ".lock"), "a+b")  # noqa: SIM115
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and self.real_path.is_file():
                # A registry on a read-only disk or folder can still be read: answers work, changes are refused.
                self.read_only = exc.strerror or "read-only"
                self._load(check_schema=True)
                return
            raise StoreError(f"Cannot open the registry at {self.path}: {exc.strerror}.") from exc
        self._acquire_file_lock()
        try:
            self._remove_stale_temp_files()
            if not self.real_path.exists():
                self._replace_data(empty_database())
                # A journal left by a registry file that was deleted is not this registry's.
                self._journal.create(self._journal_state()[0], b"")
                self._write_file(orjson.dumps(self._data))
                self._at = 0
            else:
                self._load(check_schema=True)
            # A journal epoch the registry does not name was replaced, or written by a commit that crashed.
            self._journal.remove_others(self._journal_state()[0])
        finally:
            self._release_file_lock()

    def _load(self, *, check_schema: bool = False) -> None:
        """Read the checkpoint and replay the journal after it (at open and after another process replaced it)."""
        assert self.real_path is not None
        for _ in range(3):
            try:
                fd = os.open(self.real_path, os.O_RDONLY)
            except OSError as exc:
                raise StoreError(f"Cannot read the registry at {self.path}: {exc.strerror}.") from exc
            try:
                self._load_from(fd, check_schema=check_schema)
            finally:
                if self._held != fd:
                    os.close(fd)
            # Another process may have rewritten the journal, and deleted the epoch this version names, between
            # our reading the file and opening the journal: then the file has been replaced too; read it again.
            if self._journal.holds_file() or not self._replaced():
                return

    def _replaced(self) -> bool:
        assert self.real_path is not None
        try:
            return disk.signature(os.stat(self.real_path)) != self._signature
        except FileNotFoundError:
            return True

    def _load_from(self, fd: int, *, check_schema: bool) -> None:
        assert self.path is not None
        try:
            signature = disk.signature(os.fstat(fd))
            with open(fd, "rb", closefd=False) as f:
                raw = f.read()
        except OSError as exc:
            raise StoreError(f"Cannot read the registry at {self.path}: {exc.strerror}.") from exc
        data = _parse(raw, self.path)
        version = schema_version(data)
        self._refuse_newer(version, f"The registry at {self.path}", "Upgrade the bot; the file was not changed.")
        if version < SCHEMA_VERSION:
            if not check_schema:
                raise StoreError(f"The registry at {self.path} was replaced by an older file (schema {version}).")
            self._migrate(data, version)
            return
        self._replace_data(data)
        self._hold(fd, signature)
        self._at, self._short = self._journal_state()[1], False
        self._replay()

    def _migrate(self, data: Data, version: int) -> None:
        """An older file brought up to date, its old self kept beside it. Its audit events (a table inside it,
        or a journal of schema 3, one bare event a line) go to a new epoch in today's line format, durable before
        the checkpoint that names it."""
        assert self.real_path is not None
        backup = self.real_path.with_name(f"{self.real_path.name}.schema{version}.bak")
        shutil.copy2(self.real_path, backup)
        self._replace_data(data)
        epoch, length = self._journal_state()
        events = journal.legacy_events(self._journal.read(epoch, 0, length)) if version == 3 else []
        data = migrate(data, version)
        events += _take_audit_table(data)
        self._replace_data(data)
        length = self._journal.create(epoch + 1, journal.event_lines(events))
        self._set_journal_state(epoch + 1, length)
        self._write_file(orjson.dumps(self._data))
        self._at = length
        self._short = False
        self._journal.hold(epoch + 1)

    @staticmethod
    def _refuse_newer(version: int, what: str, then: str) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{what} has schema version {version}, made by a newer version of this bot "
                f"(this one reads up to {SCHEMA_VERSION}). {then}"
            )

    def _refresh(self, *, shared: bool) -> None:
        """Pick up the commits made by another process since we last read or wrote: a new checkpoint (the file
        replaced) is read whole; new journal lines are replayed on what we hold. `shared`: take the shared lock
        for that (a reader; a transaction already holds the exclusive one)."""
        if self.real_path is None:
            return
        try:
            current = disk.signature(os.stat(self.real_path))
        except FileNotFoundError as exc:
            raise StoreError(f"The registry file {self.path} has disappeared.") from exc
        if current != self._signature:
            with self._shared_lock(shared):
                self._load()
            return
        epoch = self._journal_state()[0]
        if self._short or self._journal.size(epoch) == self._at:  # (a torn tail past our lines is read again)
            return
        with self._shared_lock(shared):
            if self._journal.size(epoch) < self._at:  # cut short from outside: start again from the checkpoint
                self._signature = None
                self._load()
            elif self._replay():
                self.load_generation += 1
                self.version += 1

    def _commit(self) -> None:
        self.version += 1
        if self.read_only:
            # Opened without its lock (the folder or disk refused it): appending, even where a file lets us,
            # would race another writer.
            raise SaveError(
                f"Could not save the registry to {self.path}: {self.read_only}. Nothing was changed; make the "
                "folder writable, then try again."
            )
        if self.path is not None:
            self._refuse_read_only_file()  # before the journal too: nothing of a refused change is written
        if self._new_journal is not None or self._rewritten or self._short or self._compact:
            self._commit_new_epoch()
        else:
            self._append_commit()
        self._forget_transaction()

    def _rollback(self) -> None:
        self._forget_transaction()
        if self.path is None:
            self._replace_data(orjson.loads(self._committed))
        else:
            self._signature = None
            self._load()

    def _write_file(self, payload: bytes | list[bytes]) -> None:
        """Atomic and durable: temp file in the same folder, fsync, rename over, fsync the folder."""
        assert self.real_path is not None
        real = self.real_path
        self._refuse_read_only_file()
        tmp = real.with_name(f".{real.name}.{os.getpid()}.tmp")
        fd = -1
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            disk.write_all(fd, [payload] if isinstance(payload, bytes) else payload)
            os.fsync(fd)
            os.replace(tmp, real)
        except OSError as exc:
            if fd >= 0:
                os.close(fd)
            with contextlib.suppress(OSError):  # a read-only disk refuses the unlink too; the file is untouched
                tmp.unlink(missing_ok=True)
            raise SaveError(
                f"Could not save the registry to {self.path}: {exc.strerror}. Nothing was changed; free disk space "
                "or make the folder writable, then try again."
            ) from exc
        self._hold(fd, disk.signature(os.fstat(fd)))
        try:
            disk.fsync_dir(real.parent)
        except OSError as exc:
            # The new file is in place and every reader sees it; only its survival of a power cut is in doubt.
            raise SaveError(
                f"The change was saved to {self.path}, but the folder could not be synced to disk "
                f"({exc.strerror}): it is in place now, yet a power cut could undo it. Check the disk."
            ) from exc

    def _refuse_read_only_file(self) -> None:
        assert self.real_path is not None
        real = self.real_path
        if real.exists() and not stat.S_IMODE(real.stat().st_mode) & 0o222:
            # Made read-only on purpose (chmod a-w): replacing it by rename would ignore that, even as root.
            raise SaveError(
                f"The registry file {self.path} is read-only, so nothing was changed. Make it writable to change it."
            )

    def _hold(self, fd: int, signature: tuple[int, int, int]) -> None:
        """Remember the file version we now hold, and keep it open. While it is open, its inode number cannot be
        given to a later version (ext4 reuses freed inode numbers at once), so a version another process commits
        always shows a different signature, even when the clock is too coarse to tell the mtimes apart (one
        tick, 1-10 ms, before Linux 6.13) and the size is the same. Without this, two quick commits by another
        process could bring back our inode, mtime and size, and our next transaction would lose them."""
        if self._held is not None:
            os.close(self._held)
        self._held = fd
        self._signature = signature

    def _remove_stale_temp_files(self) -> None:
        """A writer killed mid-write leaves its temp file behind; the real file is untouched by it."""
        assert self.real_path is not None
        # Called under the file lock, and writers only create temp files while holding it: any left is stale.
        for tmp in self.real_path.parent.glob(f".{self.real_path.name}.*.tmp"):
            tmp.unlink(missing_ok=True)


def _take_audit_table(data: Data) -> list[dict[str, Any]]:
    """Take the audit table out of `data` (a file or a backup from before the journal), as journal events by id,
    and make sure the next event id follows the highest."""
    table = data.pop(AUDIT_TABLE, None) or {}
    events = [{"id": int(key), **event} for key, event in sorted(table.items(), key=lambda item: int(item[0]))]
    if events:
        counters = data.setdefault(META_TABLE, {}).setdefault("1", {}).setdefault("next_ids", {})
        counters[AUDIT_TABLE] = max(counters.get(AUDIT_TABLE, 1), events[-1]["id"] + 1)
    return events


def _real_path(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links raises RuntimeError before Python 3.13
        raise StoreError(f"Cannot open the registry at {path}: {exc}.") from exc


def _parse(raw: bytes, path: Path) -> Data:
    """The file's tables, once it is known to be a registry of ours whose every record can be read."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreError(
            f"The registry at {path} is not valid JSON ({exc}). It was left untouched: restore it from a "
            "backup, or move it away to start with an empty registry."
        ) from exc
    reason = not_ours(data)
    if reason:
        raise StoreError(
            f"{path} is not a DPA registry file: {reason}. It was left untouched: check that --db / DPA_DB "
            "points at the registry."
        )
    problem = damaged(data)
    if problem:
        raise StoreError(
            f"The registry at {path} has a damaged record: {problem}. It was left untouched: correct that record "
            "in the file, or restore the registry from a backup."
        )
    return data
