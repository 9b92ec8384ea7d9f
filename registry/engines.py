"""Which store engine a registry address selects: a postgresql:// (or postgres://) URL opens the registry in
PostgreSQL (registry/pgstore.py), anything else is the path of the registry file (registry/store.py), the
one-machine default.

Many registries in one database (one per Slack workspace) each live in a schema of their own and share one
connection pool per process (`open_pool`), so that the connections a process needs do not grow with them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.errors import StoreError
from registry.store import Store

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

#: Connections one process keeps to the database for all its registries: a transaction holds one while it
#: writes; reads of an up-to-date registry hold one for a single query.
POOL_SIZE = 8


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def open_store(db: str, *, schema: str | None = None, pool: ConnectionPool | None = None, create: bool = True) -> Store:
    """The registry at `db`; `schema` (PostgreSQL only) one of many registries in the database, made on first use
    unless `create` is False (then a schema that is not there is refused)."""
    if is_postgres_url(db):
        from registry.pgstore import PgStore  # psycopg is imported only by a bot that uses PostgreSQL

        return PgStore(db, schema=schema, pool=pool, create=create)
    if schema is not None or pool is not None:
        raise StoreError(f"Only a PostgreSQL registry can be one of many in a database, not {db}.")
    return Store(db)


def open_pool(url: str, *, size: int = POOL_SIZE) -> ConnectionPool:
    """One pool of connections to the database at `url`, for every registry (and Slack installation) a process
    keeps there; the server's refusal (a wrong URL, a server that is down) is named at once."""
    import psycopg
    from psycopg_pool import ConnectionPool

    from registry.pgstore import WAIT, _reason, shown_url

    try:  # one connection first, so that the server's reason is named rather than the pool's time-out
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        raise StoreError(f"Cannot open the database at {shown_url(url)}: {_reason(exc, url)}.") from exc
    return ConnectionPool(
        url, min_size=1, max_size=size, open=True, timeout=WAIT, check=ConnectionPool.check_connection
    )
