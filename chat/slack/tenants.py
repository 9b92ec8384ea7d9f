"""Which registry a Slack request works on: the one company's (one token), or, for a bot that many workspaces
install, the registry of the workspace the request comes from (of the Enterprise Grid organisation, when the app
is installed org-wide).

Every listener asks `tenants.slack(context)` for the services of the request's workspace, and the background jobs
run over `tenants.each()`: each installed workspace's services with a client holding that workspace's bot token.
Nothing a listener holds belongs to another workspace, so one workspace's commands, questions, inquiries, App Home
and exports can never reach another's registry.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from slack_bolt import BoltContext
from slack_sdk import WebClient

from chat.commands import Services
from chat.slack.client import make_client
from chat.slack.rights import DpoRights
from chat.slack.services import SlackServices
from registry.engines import open_store
from registry.errors import StoreError
from registry.registry import Clock, Registry
from registry.review import ReviewSettings

if TYPE_CHECKING:  # psycopg is imported only by a bot that uses PostgreSQL
    from psycopg_pool import ConnectionPool

    from chat.slack.installations import PgInstallationStore

log = logging.getLogger(__name__)

RIGHTS_TTL = 300.0  # seconds before who installed the app is asked again (a new installer joins the privacy team)
_WORKSPACE = re.compile(r"[TE][A-Z0-9]{1,40}")


class Tenants(Protocol):
    def slack(self, context: BoltContext) -> SlackServices:
        """The services of the workspace the request comes from."""
        ...

    def each(self) -> list[tuple[SlackServices, WebClient]]:
        """Every installed workspace's services, with a client holding its bot token (for background jobs)."""
        ...

    def left(self) -> list[SlackServices]:
        """The registries kept of workspaces that uninstalled the app: no token, but their retention still runs."""
        ...


@dataclass
class OneWorkspace:
    """The single-company set-up: one token, one registry, whatever workspace a request names."""

    one: SlackServices
    client: WebClient | None = None

    def slack(self, context: BoltContext) -> SlackServices:
        return self.one

    def each(self) -> list[tuple[SlackServices, WebClient]]:
        return [(self.one, self.client)] if self.client is not None else []

    def left(self) -> list[SlackServices]:
        return []


def workspace_key(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> str:
    """The organisation's id when the app is installed org-wide, else the workspace's."""
    return (enterprise_id if is_enterprise_install else team_id) or ""


def for_workspace(dpo_users: str | None, key: str) -> str:
    """The DPA_DPO_USERS entries that count in workspace `key`: `T0123ABCD:U0456EFGH` in that workspace only, a
    plain `U0456EFGH` in every workspace (the consultancy's own privacy staff)."""
    entries = (dpo_users or "").replace(";", ",").replace(" ", ",").split(",")
    kept = []
    for entry in entries:
        workspace, _, user = entry.strip().rpartition(":")
        if user and (not workspace or workspace == key):
            kept.append(user)
    return ",".join(kept)


def schema_for(key: str) -> str:
    """The PostgreSQL schema of a workspace's (or organisation's) registry, e.g. dpa_t0123abc."""
    if not _WORKSPACE.fullmatch(key):
        raise StoreError(f"{key!r} is not a Slack workspace or organisation id (T... or E..., capitals and digits).")
    return "dpa_" + key.lower()


@dataclass
class _Open:
    lock: threading.Lock = field(default_factory=threading.Lock)
    slack: SlackServices | None = None
    rights_at: float = 0.0


class Workspaces:
    """One registry per installed workspace, each in its own schema of the database at `url`, all on one pool;
    opened on first use, kept open, safe to ask from many threads.

    The privacy team of a workspace: whoever installed the app there first, plus the DPA_DPO_USERS entries for it
    (`dpo_users`, see for_workspace: on Enterprise Grid a user has one id in every workspace of the organisation,
    so an entry meant for one workspace names it)."""

    def __init__(
        self,
        *,
        url: str,
        pool: ConnectionPool,
        installations: PgInstallationStore,
        clock: Clock,
        review: ReviewSettings,
        dpo_users: str | None = None,
        api_url: str | None = None,
        on_open: Callable[[Registry], None] | None = None,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url, self._pool, self._installations = url, pool, installations
        self._clock, self._review, self._dpo_users = clock, review, dpo_users
        self._api_url, self._on_open, self._timer = api_url, on_open, timer
        self._open: dict[str, _Open] = {}
        self._lock = threading.Lock()

    def slack(self, context: BoltContext) -> SlackServices:
        return self.workspace(context.enterprise_id, context.team_id, bool(context.is_enterprise_install))

    def workspace(self, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool) -> SlackServices:
        key = workspace_key(enterprise_id, team_id, is_enterprise_install)
        schema = schema_for(key)  # refuses a request that names no workspace
        with self._lock:
            entry = self._open.setdefault(key, _Open())
        with entry.lock:  # one workspace opening does not hold up requests of the others
            if entry.slack is None:
                registry = Registry(open_store(self._url, schema=schema, pool=self._pool), clock=self._clock)
                if self._on_open is not None:
                    self._on_open(registry)
                entry.slack = SlackServices(
                    services=Services(registry=registry, review=self._review), dpo=DpoRights(())
                )
                log.info("Opened the registry of workspace %s", key)
            if self._timer() - entry.rights_at >= RIGHTS_TTL or not entry.rights_at:
                installers = self._installations.installers(
                    enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
                )
                entry.slack.dpo = DpoRights.from_setting(for_workspace(self._dpo_users, key), also=installers)
                entry.rights_at = self._timer()
            return entry.slack

    def each(self) -> list[tuple[SlackServices, WebClient]]:
        found = []
        for bot in self._installations.bots():
            try:
                slack = self.workspace(bot.enterprise_id, bot.team_id, bool(bot.is_enterprise_install))
            except StoreError as exc:  # one workspace's registry cannot be opened: the others go on
                log.error("The registry of workspace %s cannot be opened: %s", bot.enterprise_id or bot.team_id, exc)
                continue
            found.append((slack, make_client(bot.bot_token, base_url=self._api_url)))
        return found

    def left(self) -> list[SlackServices]:
        installed = {
            workspace_key(bot.enterprise_id, bot.team_id, bool(bot.is_enterprise_install))
            for bot in self._installations.bots()
        }
        with self._pool.connection() as conn:  # every registry schema in the database, with its tables laid out
            rows = conn.execute(
                "SELECT nspname FROM pg_namespace n WHERE nspname LIKE 'dpa\\_%' AND EXISTS "
                "(SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'dpa_meta')"
            ).fetchall()
        found = []
        for (schema,) in rows:
            key = schema.removeprefix("dpa_").upper()
            if key in installed or not _WORKSPACE.fullmatch(key):
                continue
            try:
                if key.startswith("E"):
                    found.append(self.workspace(key, None, True))
                else:
                    found.append(self.workspace(None, key, False))
            except StoreError as exc:
                log.error("The registry of workspace %s cannot be opened: %s", key, exc)
        return found

    read_only: str | None = None  # for /healthz: each registry's own rights are found when it opens

    def health(self) -> str | None:
        """For /healthz: whether the database of every workspace's registry answers (None: it does)."""
        from registry.pgstore import ping, shown_url

        return ping(self._pool, shown_url(self._url))

    def close(self) -> None:
        with self._lock:
            opened, self._open = self._open, {}
        for entry in opened.values():
            if entry.slack is not None:
                entry.slack.services.registry.store.close()
