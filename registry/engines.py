"""Which store engine a registry address selects: a postgresql:// (or postgres://) URL opens the registry in
PostgreSQL (registry/pgstore.py), anything else is the path of the registry file (registry/store.py), the
one-machine default."""

from __future__ import annotations

from registry.store import Store


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def open_store(db: str) -> Store:
    if is_postgres_url(db):
        from registry.pgstore import PgStore  # psycopg is imported only by a bot that uses PostgreSQL

        return PgStore(db)
    return Store(db)
