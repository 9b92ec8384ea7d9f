"""Shared fixtures: a store over memory and over a file, and a registry on it with a fixed clock."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# `pytest` run from anywhere imports the `registry` package from this checkout (no install needed).
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pg_server  # noqa: E402
from slack_fake import FakeSlack  # noqa: E402

from chat import Context, Services, dispatch  # noqa: E402
from registry.engines import open_store  # noqa: E402
from registry.registry import Registry  # noqa: E402
from registry.store import Store  # noqa: E402

FIXED_NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def fixed_now() -> datetime:
    return FIXED_NOW


@pytest.fixture(scope="session")
def postgres() -> Iterator[tuple[str | None, str]]:
    """A PostgreSQL server's URL for the session (tests/pg_server.py), or None and why there is none here."""
    with pg_server.server() as found:
        yield found


@pytest.fixture
def pg_url(postgres: tuple[str | None, str]) -> str:
    """A URL to a fresh, empty registry in PostgreSQL (the test is skipped when there is no server)."""
    url, why = postgres
    if url is None:
        pytest.skip(why)
    return pg_server.fresh_registry(url)


@pytest.fixture(params=["memory", "file", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, empty store: in memory, in `tmp_path/registry.json`, then in PostgreSQL (when a server is here)."""
    if request.param == "postgresql":
        s = open_store(request.getfixturevalue("pg_url"))
    else:
        s = Store(None if request.param == "memory" else tmp_path / "registry.json")
    yield s
    s.close()


@pytest.fixture
def registry(store: Store, fixed_now: datetime) -> Registry:
    return Registry(store, clock=lambda: fixed_now)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    """A fake Slack Web API on 127.0.0.1, recording every call the bot makes."""
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def services(registry: Registry, tmp_path: Path) -> Services:
    """The bot's services on the test registry; generated files go to tmp_path/out."""
    return Services(registry=registry, out=tmp_path / "out")


@pytest.fixture
def run(services: Services):
    """Runs one console command as the privacy team and checks whether it succeeded."""

    def run(line: str, *, ok: bool = True, local: bool = True):
        reply = dispatch(Context(services=services, user="U_DPO", line=line, local=local), line)
        assert reply.ok is ok, reply.text
        return reply

    return run
