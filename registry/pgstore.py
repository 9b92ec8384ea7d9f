"""The registry store on PostgreSQL: the same API and behaviour as the file store (registry/store.py), for a
registry that several machines share.

The data is held in memory as the file store holds it (the Registry and TinyDB's tables work on that dict); it is
loaded from PostgreSQL at open and again whenever another process has committed since. A transaction is one
PostgreSQL transaction: a transaction-scoped advisory lock serialises writers, the commit counter tells whether
another process wrote since we read (then we reload before the change is made, so nothing is lost), the
documents the transaction changed are written, its audit events appended, and the counter bumped, all or none.

Tables (in the connection's current schema): `dpa_meta` (the layout version of these tables and the commit
counter), `dpa_docs` (every registry document as JSON, by table and id; the file's schema record is the
document 1 of `_meta`, so the registry's own schema migrations run as the file's do) and `dpa_audit` (the audit
log, one row an event: only appended, except the redaction that `rewrite_audit` makes).

Several bot processes (replicas) share one registry. Each read asks the server for the commit counter (one
indexed row, ~0.1 ms on loopback) and, when another process has committed since, applies only what changed: every
row of dpa_docs and dpa_audit carries `rev`, the commit that wrote it, and a removed document leaves a tombstone
in `dpa_gone`, so catching up reads the rows with a rev above ours (a commit that replaced whole tables, a restore,
or a layout or schema migration sets `whole`, and a process behind it reads everything). The check on every read
is what makes another replica's change visible "at once", with no race; the documents caught up with are handed
to the registry (Store.caught_up), whose indexes follow them instead of being rebuilt. A read after another
replica's one change at 2,000 parties then takes ~1.6 ms, where reading everything again and rebuilding took
~190 ms (bench/bench_change_feed.py). A LISTEN/NOTIFY listener thread was left out on purpose: it could only move
that small catch-up ahead of the next read, at the cost of a connection and a thread per process that must
reconnect and be stopped. Background jobs run once across the processes:
`job_lock` is a session advisory lock.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

import orjson
import psycopg
from psycopg import sql
from psycopg.types.json import Json
from psycopg_pool import ConnectionPool, PoolTimeout

from registry.errors import SaveError, StoreError
from registry.schema import META_TABLE, SCHEMA_VERSION, empty_database, migrate, schema_version
from registry.store import Data, Store, _take_audit_table

log = logging.getLogger(__name__)

#: The layout of the dpa_* tables themselves; each step in _LAYOUT brings a database up by one.
LAYOUT_VERSION = 2
_LAYOUT = {
    1: [
        "CREATE TABLE IF NOT EXISTS dpa_docs (tbl text NOT NULL, id bigint NOT NULL, doc json NOT NULL, "
        "PRIMARY KEY (tbl, id))",
        "CREATE TABLE IF NOT EXISTS dpa_audit (id bigint PRIMARY KEY, doc json NOT NULL)",
    ],
    # The change feed: each row carries the commit that wrote it, a removed document leaves a tombstone, and
    # `whole` is the last commit that replaced whole tables (a replica behind it reads everything again).
    2: [
        "ALTER TABLE dpa_docs ADD COLUMN IF NOT EXISTS rev bigint NOT NULL DEFAULT 0",
        "CREATE INDEX IF NOT EXISTS dpa_docs_rev ON dpa_docs (rev)",
        "ALTER TABLE dpa_audit ADD COLUMN IF NOT EXISTS rev bigint NOT NULL DEFAULT 0",
        "CREATE INDEX IF NOT EXISTS dpa_audit_rev ON dpa_audit (rev)",
        "CREATE TABLE IF NOT EXISTS dpa_gone (tbl text NOT NULL, id bigint NOT NULL, rev bigint NOT NULL, "
        "PRIMARY KEY (tbl, id))",
        "CREATE INDEX IF NOT EXISTS dpa_gone_rev ON dpa_gone (rev)",
        "INSERT INTO dpa_meta VALUES ('whole', 0) ON CONFLICT (key) DO NOTHING",
    ],
}
_UPSERT = (
    "INSERT INTO dpa_docs (tbl, id, doc, rev) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (tbl, id) DO UPDATE SET doc = EXCLUDED.doc, rev = EXCLUDED.rev"
)
_ADD_EVENT = "INSERT INTO dpa_audit (id, doc, rev) VALUES (%s, %s, %s)"
_COUNTERS = "SELECT key, value FROM dpa_meta WHERE key IN ('commits', 'whole')"


# Two int4 keys (schema, job): a key space apart from the one bigint key of the writers' transaction lock.
#: Seconds a command waits for a connection before it is refused: a command holds one for milliseconds, so a longer
#: wait means the server is down or stuck, and the user should hear so soon (Slack shows nothing meanwhile).
WAIT = 10.0
_JOB_LOCK = "SELECT pg_try_advisory_lock(hashtext(coalesce(%s, current_schema())), hashtext(%s))"
_JOB_UNLOCK = "SELECT pg_advisory_unlock(hashtext(coalesce(%s, current_schema())), hashtext(%s))"


def shown_url(url: str) -> str:
    """The URL for messages, without its password (up to the last @, which a password may itself contain) or a
    password= parameter."""
    scheme, sep, rest = url.partition("://")
    user, at, host = rest.rpartition("@")
    if sep and at and ":" in user:
        url = f"{scheme}://{user.split(':', 1)[0]}:***@{host}"
    return re.sub(r"(?i)(password=)[^&]*", r"\1***", url)


def _passwords(url: str) -> list[str]:
    """The password in `url` as written and decoded, for taking out of the server's and the driver's messages."""
    _, _, rest = url.partition("://")
    user, at, _ = rest.rpartition("@")
    found = [user.split(":", 1)[1]] if at and ":" in user else []
    found += re.findall(r"(?i)password=([^&]*)", url)
    # A driver that splits the URL at the first @ takes what follows it in the password for the host: its pieces too.
    forms = {f for raw in found for f in (raw, unquote(raw)) if f}
    forms |= {piece for f in forms for piece in f.split("@") if len(piece) > 2}
    return sorted(forms, key=len, reverse=True)


class PgStore(Store):
    """A Store whose data lives in PostgreSQL at `url` (postgresql://user:password@host:port/database)."""

    def __init__(
        self, url: str, *, schema: str | None = None, pool: ConnectionPool | None = None, create: bool = True
    ) -> None:
        """`schema`: the PostgreSQL schema that holds this registry (created on first use unless `create` is
        False), for one of many registries in one database; None uses the URL's own search path. `pool`: a
        connection pool shared with other stores of this process (it stays open when this store closes); None
        opens one of our own."""
        super().__init__(None)
        self.url = url
        self._create = create
        self.schema = _valid_schema(schema) if schema is not None else None
        where = f" (schema {schema})" if schema is not None else ""
        self.path = shown_url(url) + where  # type: ignore[assignment]  # for messages: where the registry is
        self._counter = -1  # the commit counter our data in memory reflects
        self._conn: psycopg.Connection | None = None  # the connection of the open transaction
        self._pool: ConnectionPool | None = None
        self._own_pool = pool is None
        try:
            # One connection of our own first: a wrong URL or a server that is down is named at once, with the
            # server's reason, rather than after the pool's time-out.
            with psycopg.connect(url, connect_timeout=10) if pool is None else pool.connection() as conn:
                self._create_schema(conn)
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
                self._create_layout(conn)
                self._load_all(conn)
                if schema_version(self._data) < SCHEMA_VERSION:
                    self._migrate_data(conn)
            self._pool = pool or ConnectionPool(
                url, min_size=1, max_size=4, open=True, timeout=WAIT, check=ConnectionPool.check_connection
            )
        except (psycopg.Error, PoolTimeout) as exc:
            self.close()
            raise StoreError(f"Cannot open the registry at {self.path}: {_reason(exc, url)}.") from exc
        except BaseException:
            self.close()
            raise

    def _create_schema(self, conn: psycopg.Connection) -> None:
        """Our schema, created if missing (two processes creating it at once wait for each other), made the
        search path of the connection's transaction: it reverts at commit or rollback, so a shared pool's
        connection never carries one registry's schema into another's use."""
        if self.schema is None:
            return
        conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))
        # Asked first: CREATE SCHEMA IF NOT EXISTS needs the right to create even when the schema is there, and a
        # user that may only read has none.
        if not conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (self.schema,)).fetchone():
            if not self._create:
                raise StoreError(
                    f"There is no registry {self.schema} in the database at {shown_url(self.url)} (a workspace's is "
                    "made when it installs the app); nothing was created. Check the id."
                )
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(self.schema)))
        self._enter_schema(conn)

    def _enter_schema(self, conn: psycopg.Connection) -> None:
        """Every checkout of a connection for this store: its transaction's search path is our schema. A SET, not
        a query, so that the transaction may still choose its isolation level after it."""
        if self.schema is not None:
            conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(self.schema)))

    # -- the file store's hooks, on PostgreSQL -------------------------------------------------------------

    def _acquire_file_lock(self) -> None:
        assert self._pool is not None
        try:
            conn = self._pool.getconn()
        except (psycopg.Error, PoolTimeout) as exc:
            raise self._unreachable(exc) from exc
        try:
            self._enter_schema(conn)
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
        except BaseException as exc:
            self._pool.putconn(conn)  # the pool rolls it back, or drops it when broken
            if isinstance(exc, psycopg.Error):
                raise self._unreachable(exc) from exc
            raise
        self._conn = conn

    def _release_file_lock(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            if conn.info.transaction_status == psycopg.pq.TransactionStatus.INTRANS:
                with contextlib.suppress(psycopg.Error):  # nothing was committed: let go of the lock
                    conn.rollback()
            assert self._pool is not None
            self._pool.putconn(conn)  # the pool drops a broken connection

    def _refresh(self, *, shared: bool) -> None:
        assert self._pool is not None
        try:
            if self._conn is not None:
                self._enter_schema(self._conn)  # again: a rollback ended the transaction that had it
                self._reload_if_behind(self._conn)
                return
            with self._pool.connection() as conn:
                self._enter_schema(conn)
                self._reload_if_behind(conn)
        except (psycopg.Error, PoolTimeout) as exc:
            raise self._unreachable(exc) from exc

    def _unreachable(self, exc: Exception) -> SaveError:
        """The server could not be asked (down, restarted, the network): the command is refused, the bot goes
        on, and the next command tries again."""
        log.warning("Could not reach the registry at %s: %s", self.path, _reason(exc))
        return SaveError(
            "The registry's database cannot be reached just now. Nothing was changed; try again in a few minutes "
            "(the bot's log says why)."
        )

    def _committed_events(self) -> dict[int, dict[str, Any]]:
        return self._events

    def _commit(self) -> None:
        self.version += 1
        if self.read_only:
            raise SaveError(
                f"Could not save the registry to {self.path}: {self.read_only}. Nothing was changed; grant the "
                "database user INSERT, UPDATE and DELETE on the dpa_ tables, then try again."
            )
        conn = self._conn
        assert conn is not None
        try:
            with conn.cursor() as cur:
                # Writers hold the registry's lock (see _acquire_file_lock): the counter is ours until we commit.
                cur.execute("UPDATE dpa_meta SET value = value + 1 WHERE key = 'commits' RETURNING value")
                row = cur.fetchone()
                rev = row[0] if row else self._counter + 1
                whole = self._write_documents(cur, rev)
                whole = self._write_audit(cur, rev) or whole
                if whole:
                    cur.execute("UPDATE dpa_meta SET value = %s WHERE key = 'whole'", (rev,))
        except psycopg.Error as exc:
            log.warning("A change to the registry at %s was refused by the database: %s", self.path, _reason(exc))
            raise SaveError(
                "The registry's database refused the change. Nothing was changed; try again in a few minutes (the "
                "bot's log says why)."
            ) from exc
        try:
            conn.commit()
        except psycopg.Error as exc:  # the server may have committed before the connection broke: not known
            log.warning("The registry at %s did not confirm a commit: %s", self.path, _reason(exc))
            raise SaveError(
                "The registry's database stopped answering while saving, so it is not known whether the change was "
                "saved. Look it up (or see `history`) before you try again."
            ) from exc
        self._counter = rev
        if self._new_journal is not None or self._rewritten:
            self._events = self.audit_events()
        else:
            self._events.update((event["id"], event) for event in self._pending)
        vacuum = self._compact
        self._forget_transaction()
        if vacuum:
            self._vacuum()

    def _rollback(self) -> None:
        self._forget_transaction()
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):  # a broken connection has nothing left to roll back
                self._conn.rollback()
        self._counter = -1  # read everything again: the data in memory holds the abandoned change
        self._refresh(shared=False)

    @contextmanager
    def job_lock(self, name: str) -> Iterator[bool]:
        """On PostgreSQL the job's lock is a session advisory lock, keyed by the registry's schema and the job's
        name, on a pooled connection kept for the block and unlocked after: every bot process on this registry
        asks the same server, so one of them runs the job and the others skip it. A connection that breaks
        while the job runs lets go of the lock with its session."""
        assert self._pool is not None
        with contextlib.ExitStack() as held:
            try:
                conn = held.enter_context(self._pool.connection())
                row = conn.execute(_JOB_LOCK, (self.schema, name)).fetchone()
                conn.commit()
            except (psycopg.Error, PoolTimeout) as exc:
                raise self._unreachable(exc) from exc
            got = bool(row and row[0])
            try:
                yield got
            finally:
                if got:
                    with contextlib.suppress(psycopg.Error):  # a broken session has let go of it already
                        conn.execute(_JOB_UNLOCK, (self.schema, name))

    def health(self, timeout: float = 2.0) -> str | None:
        """Whether the database answers `SELECT 1` through the pool within `timeout` seconds (None: it does)."""
        if self._pool is None:
            return "the registry is closed"
        return ping(self._pool, str(self.path), timeout)

    def checkpoint(self) -> None:
        """Nothing to do: every commit is whole in the database."""

    def close(self, *, checkpoint: bool = True) -> None:
        if self._pool is not None and self._own_pool:
            self._pool.close()
        self._pool = None
        super().close(checkpoint=False)

    # -- internals ----------------------------------------------------------------------------------------

    def _vacuum(self) -> None:
        """After a commit that deleted personal data (compact(), the retention purge): the dpa tables written
        anew (VACUUM FULL), since the row versions an update or delete leaves behind keep the old text in the
        table's files until then, and a plain VACUUM only marks their space free. It holds each table for a
        moment (the registry's tables are a few MB at 10,000 parties); a failure is logged, the change stands."""
        assert self._pool is not None
        try:
            with self._pool.connection() as conn:
                conn.autocommit = True  # VACUUM refuses to run inside a transaction
                try:
                    # Bounded: while it waits for a table, every other reader of that table waits behind it.
                    conn.execute("SET lock_timeout = '5s'")
                    for table in ("dpa_docs", "dpa_audit", "dpa_gone"):  # in our schema: autocommit has no SET LOCAL
                        name = sql.Identifier(self.schema, table) if self.schema else sql.Identifier(table)
                        conn.execute(sql.SQL("VACUUM FULL {}").format(name))
                finally:
                    with contextlib.suppress(psycopg.Error):
                        conn.execute("RESET lock_timeout")
                    conn.autocommit = False
        except (psycopg.Error, PoolTimeout) as exc:
            log.warning("The registry's tables could not be vacuumed after a purge: %s", _reason(exc))

    def _create_layout(self, conn: psycopg.Connection) -> None:
        self.read_only = _missing_rights(conn)
        if self.read_only:  # a user that may only read: nothing to create or upgrade, or nothing to open
            row = conn.execute("SELECT value FROM dpa_meta WHERE key = 'layout'").fetchone()
            if row is None or row[0] != LAYOUT_VERSION:
                raise StoreError(
                    f"The registry at {self.path} has table layout {row[0] if row else 0}, and this bot needs "
                    f"{LAYOUT_VERSION}, but {self.read_only}. Start the bot once as a user who may change the "
                    "tables (or the bot of the same version); the database was not changed."
                )
            return
        lay_out(conn, "dpa_meta", _LAYOUT, whose=f"The registry at {self.path} has", counters=("commits",))
        count = conn.execute("SELECT count(*) FROM dpa_docs WHERE tbl = %s", (META_TABLE,)).fetchone()
        if not count or not count[0]:
            rev = _bump(conn)
            rows = [
                (name, int(key), _json(doc), rev)
                for name, table in empty_database().items()
                for key, doc in table.items()
            ]
            with conn.cursor() as cur:
                cur.executemany(_UPSERT, rows)

    def _migrate_data(self, conn: psycopg.Connection) -> None:
        """A registry written by an older bot brought up to today's schema, as the file's is, in one transaction."""
        version = schema_version(self._data)
        self._refuse_newer(version, f"The registry at {self.path}", "Upgrade the bot; the database was not changed.")
        if self.read_only:
            raise StoreError(
                f"The registry at {self.path} was written by an older bot (schema {version}) and must be brought up "
                f"to date, but {self.read_only}. Start the bot once as a user who may change the tables; the "
                "database was not changed."
            )
        data = migrate(self._data, version)
        events = _take_audit_table(data)
        self._replace_data(data)
        rev = _bump(conn)
        conn.execute("DELETE FROM dpa_docs")
        rows = [(name, int(key), _json(doc), rev) for name, table in data.items() for key, doc in table.items()]
        with conn.cursor() as cur:
            cur.executemany(_UPSERT, rows)
            cur.executemany(_ADD_EVENT, [(e["id"], _json(e), rev) for e in events])
        self._counter = rev
        self._events.update((event["id"], event) for event in events)

    def _reload_if_behind(self, conn: psycopg.Connection) -> None:
        """Catch up with the commits of other processes. Outside a transaction, in one snapshot (REPEATABLE
        READ from the counters on), so that what is read is whole commits up to the counter read first; inside
        one, the registry's lock keeps every other writer out already."""
        own = conn is self._conn
        query = _COUNTERS if own else f"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; {_COUNTERS}"
        cur = conn.execute(query)  # type: ignore[arg-type]  # (two statements: one round trip)
        if not own:
            cur.nextset()
        counters = dict(cur.fetchall())
        commits, whole = counters.get("commits", 0), counters.get("whole", 0)
        if commits != self._counter:
            # Everything again after a whole-table commit, or when the counter went back (a database put back
            # from a dump older than what we hold).
            if self._counter < 0 or whole > self._counter or commits < self._counter:
                self._load_all(conn)
            else:
                self._load_since(conn, commits)
        if not own and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.commit()

    def _load_since(self, conn: psycopg.Connection, commits: int) -> None:
        """The documents and events other processes wrote or removed since our counter, applied to what we hold."""
        since = self._counter
        changed: dict[str, dict[str, Any]] = {}
        for name, key in conn.execute("SELECT tbl, id FROM dpa_gone WHERE rev > %s", (since,)):
            changed.setdefault(name, {})[str(key)] = None
        for name, key, doc in conn.execute("SELECT tbl, id, doc FROM dpa_docs WHERE rev > %s ORDER BY id", (since,)):
            changed.setdefault(name, {})[str(key)] = doc  # a document put back after its tombstone is kept
        events = conn.execute("SELECT id, doc FROM dpa_audit WHERE rev > %s ORDER BY id", (since,)).fetchall()
        delta = [
            (name, key, self._data.get(name, {}).get(key), doc)
            for name, docs in changed.items()
            for key, doc in docs.items()
        ]
        self._apply({"set": changed})
        self._events.update(events)
        self._counter = commits
        self.load_generation += 1
        self.version += 1
        self.caught_up = (self.load_generation, delta)

    def _load_all(self, conn: psycopg.Connection) -> None:
        """Every document and event as the database holds them now."""
        row = conn.execute("SELECT value FROM dpa_meta WHERE key = 'commits'").fetchone()
        data: Data = {}
        for name, key, doc in conn.execute("SELECT tbl, id, doc FROM dpa_docs ORDER BY tbl, id"):
            data.setdefault(name, {})[str(key)] = doc
        for name in empty_database():
            data.setdefault(name, {})
        self._refuse_newer(schema_version(data), f"The registry at {self.path}", "Upgrade the bot.")
        self._replace_data(data)
        self._events = {key: doc for key, doc in conn.execute("SELECT id, doc FROM dpa_audit ORDER BY id")}
        self._counter = row[0] if row else 0

    def _write_documents(self, cur: psycopg.Cursor, rev: int) -> bool:
        """The documents the transaction wrote or removed, as commit `rev`; whether it replaced whole tables."""
        if self._new_journal is not None:  # a restore brings every table, and only those
            cur.execute("DELETE FROM dpa_docs")
            self._whole.update(self._data)
        for name in self._whole:
            cur.execute("DELETE FROM dpa_docs WHERE tbl = %s", (name,))
            rows = [(name, int(key), _json(doc), rev) for key, doc in self._data.get(name, {}).items()]
            cur.executemany(_UPSERT, rows)
        for name, keys in self._changes.items():
            if name in self._whole:
                continue
            table = self._data.get(name, {})
            gone = [int(key) for key in keys if key not in table]
            if gone:
                cur.execute("DELETE FROM dpa_docs WHERE tbl = %s AND id = ANY(%s)", (name, gone))
                cur.executemany(
                    "INSERT INTO dpa_gone VALUES (%s, %s, %s) ON CONFLICT (tbl, id) DO UPDATE SET rev = EXCLUDED.rev",
                    [(name, key, rev) for key in gone],
                )
            rows = [(name, int(key), _json(table[key]), rev) for key in keys if key in table]
            if rows:
                cur.executemany(_UPSERT, rows)
        meta = {k: v for k, v in self._data.get(META_TABLE, {}).get("1", {}).items() if k != "journal"}
        cur.execute(_UPSERT, (META_TABLE, 1, _json(meta), rev))
        return bool(self._whole)

    def _write_audit(self, cur: psycopg.Cursor, rev: int) -> bool:
        """The transaction's audit events, and the events it rewrote, as commit `rev`; whether it replaced the log."""
        if self._new_journal is not None:  # a restore into an empty registry: its log is the backup's
            cur.execute("DELETE FROM dpa_audit")
            cur.executemany(_ADD_EVENT, [(e["id"], _json(e), rev) for e in self._new_journal])
        for key, event in self._rewritten.items():
            cur.execute("UPDATE dpa_audit SET doc = %s, rev = %s WHERE id = %s", (_json(event), rev, key))
        if self._pending:
            cur.executemany(_ADD_EVENT, [(e["id"], _json(self._rewritten.get(e["id"], e)), rev) for e in self._pending])
        return self._new_journal is not None


def _missing_rights(conn: psycopg.Connection) -> str | None:
    """Why the connection's user cannot change the registry's tables, when it cannot (None: it can, or they are
    not there yet and it will create them)."""
    rows = conn.execute(
        "SELECT t FROM unnest(%s::text[]) AS t WHERE NOT (has_table_privilege(to_regclass(t), 'INSERT') "
        "AND has_table_privilege(to_regclass(t), 'UPDATE') AND has_table_privilege(to_regclass(t), 'DELETE'))",
        (["dpa_meta", "dpa_docs", "dpa_audit", "dpa_gone"],),
    ).fetchall()
    if not rows:
        return None
    return f"the database user may not change {', '.join(row[0] for row in rows)} (INSERT, UPDATE and DELETE needed)"


def _bump(conn: psycopg.Connection) -> int:
    """A commit that replaces what a replica holds wholesale (a new registry, a migration): its counter value,
    also noted as `whole`, so that every process reads everything again."""
    row = conn.execute("UPDATE dpa_meta SET value = value + 1 WHERE key = 'commits' RETURNING value").fetchone()
    rev = row[0] if row else 0
    conn.execute("UPDATE dpa_meta SET value = %s WHERE key = 'whole'", (rev,))
    return rev


#: A registry's own schema: lower-case letters, digits and underscores, as chat/slack/tenants.py names them.
_SCHEMA = re.compile(r"[a-z][a-z0-9_]{0,62}")


def _valid_schema(name: str) -> str:
    if not _SCHEMA.fullmatch(name) or name.startswith("pg_"):
        raise StoreError(f"{name!r} cannot name a registry's schema: use lower-case letters, digits and _.")
    return name


def lay_out(
    conn: psycopg.Connection,
    meta: str,
    steps: dict[int, list[str]],
    *,
    whose: str,
    counters: tuple[str, ...] = (),
) -> None:
    """Tables made or brought up to the last of `steps` (each step's statements bring a database up by one), their
    layout version kept in table `meta` beside `counters` (starting at 0); a layout newer than ours is refused,
    `whose` naming what ("The registry at ... has")."""
    version = max(steps)
    table = sql.Identifier(meta)
    conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (key text PRIMARY KEY, value bigint NOT NULL)").format(table))
    for key in ("layout", *counters):
        conn.execute(sql.SQL("INSERT INTO {} VALUES (%s, 0) ON CONFLICT (key) DO NOTHING").format(table), (key,))
    row = conn.execute(sql.SQL("SELECT value FROM {} WHERE key = 'layout'").format(table)).fetchone()
    layout = row[0] if row else 0
    if layout > version:
        raise StoreError(
            f"{whose} table layout {layout}, made by a newer version of this bot (this one reads up to {version}). "
            "Upgrade the bot; the database was not changed."
        )
    for step in range(layout + 1, version + 1):
        for statement in steps[step]:
            conn.execute(statement)  # type: ignore[arg-type]
    conn.execute(sql.SQL("UPDATE {} SET value = %s WHERE key = 'layout'").format(table), (version,))


def ping(pool: ConnectionPool, where: str, timeout: float = 2.0) -> str | None:
    """Whether the database answers `SELECT 1` through `pool` within `timeout` seconds (None: it does; else why not,
    naming `where`, the URL without its password)."""
    try:
        with pool.connection(timeout=timeout) as conn:
            conn.execute("SELECT set_config('statement_timeout', %s, true)", (f"{int(timeout * 1000)}ms",))
            conn.execute("SELECT 1")
    except (psycopg.Error, PoolTimeout) as exc:
        log.warning("Health check: the database at %s did not answer: %s", where, _reason(exc))
        return f"the database did not answer within {timeout:g} seconds"  # no address: anyone may ask /healthz
    return None


def _json(doc: Any) -> Json:
    """A document for a json column. Not jsonb: that refuses the character NUL (\\u0000), which a pasted value
    may hold and the file keeps."""
    return Json(doc, dumps=lambda value: orjson.dumps(value).decode())


def _reason(exc: Exception, url: str | None = None) -> str:
    """The first line of the error, without the password of `url` (psycopg quotes a URL it cannot parse)."""
    text = str(exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    for password in _passwords(url) if url else []:
        line = line.replace(password, "***")
    return line
