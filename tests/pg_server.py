"""A throwaway PostgreSQL for the tests: `DPA_TEST_PG` (a URL) when set, else a cluster of its own started from
`initdb` and `pg_ctl` in a temporary folder on a free port, and stopped (and deleted) at the end of the session.
As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from registry.engines import open_store
from registry.store import Store

_PG_BINS = [Path("/usr/lib/postgresql") / v / "bin" for v in ("17", "16", "15", "14")]
_schemas = itertools.count(1)


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in _PG_BINS:
        if (folder / name).exists():
            return str(folder / name)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server() -> Iterator[tuple[str | None, str]]:
    """(a URL to the server's database, or None), and why there is none."""
    given = os.environ.get("DPA_TEST_PG")
    if given:
        yield given, ""
        return
    initdb, pg_ctl = _tool("initdb"), _tool("pg_ctl")
    if not (initdb and pg_ctl):
        yield None, "no PostgreSQL: set DPA_TEST_PG or install postgresql (initdb, pg_ctl)"
        return
    as_user: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            yield None, "running as root without runuser to start PostgreSQL as postgres"
            return
        as_user = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="dpa-pg-"))
    data = folder / "data"
    if as_user:
        shutil.chown(folder, "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True, "cwd": folder}
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"], **run)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"], **run
        )
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        yield None, f"could not start PostgreSQL: {exc.stderr.decode(errors='replace').strip()[-300:]}"
        return
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres", ""
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, cwd=folder)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_registry(url: str) -> str:
    """A URL to an empty registry of its own on the server: a new schema, made the connection's search path."""
    import psycopg

    name = f"t{os.getpid()}_{next(_schemas)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{name}"


def another_store(store: Store) -> Store | None:
    """A second store on the same registry, as another process opens it (None for a store in memory)."""
    url = getattr(store, "url", None)
    if url is not None:
        return open_store(url)
    return Store(store.path) if store.path is not None else None
