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
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import orjson
import psycopg
from psycopg import sql
from psycopg.types.json import Json
from psycopg_pool import ConnectionPool, PoolTimeout

from registry.errors import SaveError, StoreError
from registry.schema import META_TABLE, SCHEMA_VERSION, empty_database, migrate, schema_version
from registry.store import Data, Store, _take_audit_table

#: The layout of the dpa_* tables themselves; each step in _LAYOUT brings a database up by one.
LAYOUT_VERSION = 1
_LAYOUT = {
    1: [
        "CREATE TABLE IF NOT EXISTS dpa_docs (tbl text NOT NULL, id bigint NOT NULL, doc json NOT NULL, "
        "PRIMARY KEY (tbl, id))",
        "CREATE TABLE IF NOT EXISTS dpa_audit (id bigint PRIMARY KEY, doc json NOT NULL)",
    ],
}


def shown_url(url: str) -> str:
    """The URL for messages, without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class PgStore(Store):
    """A Store whose data lives in PostgreSQL at `url` (postgresql://user:password@host:port/database)."""

    def __init__(self, url: str, *, schema: str | None = None, pool: ConnectionPool | None = None) -> None:
        """`schema`: the PostgreSQL schema that holds this registry (created on first use), for one of many
        registries in one database; None uses the URL's own search path. `pool`: a connection pool shared with
        other stores of this process (it stays open when this store closes); None opens one of our own."""
        super().__init__(None)
        self.url = url
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
                url, min_size=1, max_size=4, open=True, timeout=30, check=ConnectionPool.check_connection
            )
        except (psycopg.Error, PoolTimeout) as exc:
            self.close()
            raise StoreError(f"Cannot open the registry at {self.path}: {_reason(exc)}.") from exc
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
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self.schema)))
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
        return SaveError(
            f"Could not reach the registry at {self.path}: {_reason(exc)}. Nothing was changed; check the database "
            "server, then try again."
        )

    def _committed_events(self) -> dict[int, dict[str, Any]]:
        return self._events

    def _commit(self) -> None:
        self.version += 1
        conn = self._conn
        assert conn is not None
        try:
            with conn.cursor() as cur:
                self._write_documents(cur)
                self._write_audit(cur)
                cur.execute("UPDATE dpa_meta SET value = value + 1 WHERE key = 'commits' RETURNING value")
                row = cur.fetchone()
            conn.commit()
        except psycopg.Error as exc:
            raise SaveError(
                f"Could not save the registry to {self.path}: {_reason(exc)}. Nothing was changed; check the "
                "database server, then try again."
            ) from exc
        self._counter = row[0] if row else self._counter + 1
        if self._new_journal is not None or self._rewritten:
            self._events = self.audit_events()
        else:
            self._events.update((event["id"], event) for event in self._pending)
        self._forget_transaction()

    def _rollback(self) -> None:
        self._forget_transaction()
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):  # a broken connection has nothing left to roll back
                self._conn.rollback()
        self._counter = -1  # read everything again: the data in memory holds the abandoned change
        self._refresh(shared=False)

    def checkpoint(self) -> None:
        """Nothing to do: every commit is whole in the database."""

    def close(self, *, checkpoint: bool = True) -> None:
        if self._pool is not None and self._own_pool:
            self._pool.close()
        self._pool = None
        super().close(checkpoint=False)

    # -- internals ----------------------------------------------------------------------------------------

    def _create_layout(self, conn: psycopg.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS dpa_meta (key text PRIMARY KEY, value bigint NOT NULL)")
        conn.execute("INSERT INTO dpa_meta VALUES ('layout', 0), ('commits', 0) ON CONFLICT (key) DO NOTHING")
        row = conn.execute("SELECT value FROM dpa_meta WHERE key = 'layout'").fetchone()
        layout = row[0] if row else 0
        if layout > LAYOUT_VERSION:
            raise StoreError(
                f"The registry at {self.path} has table layout {layout}, made by a newer version of this bot (this "
                f"one reads up to {LAYOUT_VERSION}). Upgrade the bot; the database was not changed."
            )
        for step in range(layout + 1, LAYOUT_VERSION + 1):
            for statement in _LAYOUT[step]:
                conn.execute(statement)  # type: ignore[arg-type]
        conn.execute("UPDATE dpa_meta SET value = %s WHERE key = 'layout'", (LAYOUT_VERSION,))
        count = conn.execute("SELECT count(*) FROM dpa_docs WHERE tbl = %s", (META_TABLE,)).fetchone()
        if not count or not count[0]:
            rows = [
                (name, int(key), _json(doc)) for name, table in empty_database().items() for key, doc in table.items()
            ]
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO dpa_docs VALUES (%s, %s, %s)", rows)
            conn.execute("UPDATE dpa_meta SET value = value + 1 WHERE key = 'commits'")

    def _migrate_data(self, conn: psycopg.Connection) -> None:
        """A registry written by an older bot brought up to today's schema, as the file's is, in one transaction."""
        version = schema_version(self._data)
        self._refuse_newer(version, f"The registry at {self.path}", "Upgrade the bot; the database was not changed.")
        data = migrate(self._data, version)
        events = _take_audit_table(data)
        self._replace_data(data)
        conn.execute("DELETE FROM dpa_docs")
        rows = [(name, int(key), _json(doc)) for name, table in data.items() for key, doc in table.items()]
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO dpa_docs VALUES (%s, %s, %s)", rows)
            cur.executemany("INSERT INTO dpa_audit VALUES (%s, %s)", [(e["id"], _json(e)) for e in events])
        row = conn.execute("UPDATE dpa_meta SET value = value + 1 WHERE key = 'commits' RETURNING value").fetchone()
        self._counter = row[0] if row else -1
        self._events.update((event["id"], event) for event in events)

    def _reload_if_behind(self, conn: psycopg.Connection) -> None:
        row = conn.execute("SELECT value FROM dpa_meta WHERE key = 'commits'").fetchone()
        if row is None or row[0] != self._counter:
            self._load_all(conn)
        if conn is not self._conn and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.commit()

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

    def _write_documents(self, cur: psycopg.Cursor) -> None:
        upsert = "INSERT INTO dpa_docs VALUES (%s, %s, %s) ON CONFLICT (tbl, id) DO UPDATE SET doc = EXCLUDED.doc"
        if self._new_journal is not None:  # a restore brings every table
            self._whole.update(self._data)
        for name in self._whole:
            cur.execute("DELETE FROM dpa_docs WHERE tbl = %s", (name,))
            rows = [(name, int(key), _json(doc)) for key, doc in self._data.get(name, {}).items()]
            cur.executemany(upsert, rows)
        for name, keys in self._changes.items():
            if name in self._whole:
                continue
            table = self._data.get(name, {})
            gone = [int(key) for key in keys if key not in table]
            if gone:
                cur.execute("DELETE FROM dpa_docs WHERE tbl = %s AND id = ANY(%s)", (name, gone))
            rows = [(name, int(key), _json(table[key])) for key in keys if key in table]
            if rows:
                cur.executemany(upsert, rows)
        meta = {k: v for k, v in self._data.get(META_TABLE, {}).get("1", {}).items() if k != "journal"}
        cur.execute(upsert, (META_TABLE, 1, _json(meta)))

    def _write_audit(self, cur: psycopg.Cursor) -> None:
        if self._new_journal is not None:  # a restore into an empty registry: its log is the backup's
            cur.execute("DELETE FROM dpa_audit")
            cur.executemany("INSERT INTO dpa_audit VALUES (%s, %s)", [(e["id"], _json(e)) for e in self._new_journal])
        for key, event in self._rewritten.items():
            cur.execute("UPDATE dpa_audit SET doc = %s WHERE id = %s", (_json(event), key))
        if self._pending:
            cur.executemany(
                "INSERT INTO dpa_audit VALUES (%s, %s)",
                [(e["id"], _json(self._rewritten.get(e["id"], e))) for e in self._pending],
            )


#: A registry's own schema: lower-case letters, digits and underscores, as chat/slack/tenants.py names them.
_SCHEMA = re.compile(r"[a-z][a-z0-9_]{0,62}")


def _valid_schema(name: str) -> str:
    if not _SCHEMA.fullmatch(name) or name.startswith("pg_"):
        raise StoreError(f"{name!r} cannot name a registry's schema: use lower-case letters, digits and _.")
    return name


def _json(doc: Any) -> Json:
    """A document for a json column. Not jsonb: that refuses the character NUL (\\u0000), which a pasted value
    may hold and the file keeps."""
    return Json(doc, dumps=lambda value: orjson.dumps(value).decode())


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
