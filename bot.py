"""Entry point: read settings, open the registry, then run Slack or the local console."""

from __future__ import annotations

import argparse
import gc
import getpass
import logging
import os
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from breaches.register import DETAIL_MONTHS as BREACH_DETAIL_MONTHS
from breaches.register import purge as purge_breaches
from chat import Services
from chat.console import run as run_console
from chat.logs import keep_private_text_out
from inquiries.tracking import RETENTION_MONTHS, purge
from registry.engines import is_postgres_url, open_store
from registry.errors import SaveError, StoreError
from registry.export import restore_json
from registry.law import OBJECTION_NOTICE_DAYS, TIA_REVIEW_MONTHS
from registry.registry import Actor, Clock, Registry
from registry.review import ReviewSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from slack_bolt import App
    from slack_sdk import WebClient

    from chat.slack.http import Checked
    from chat.slack.services import SlackServices
    from chat.slack.tenants import Tenants

TIMEZONE = ZoneInfo("Europe/Oslo")
SLACK_HINT = (
    "set SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode, or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET with --http"
)
WHICH_WORKSPACE = (
    "this bot serves many workspaces (SLACK_CLIENT_ID is set), each with a registry of its own. Name the one to open "
    "or restore into with --workspace T0123ABCD (E... for an organisation that installed the app org-wide)."
)
MANY_HINT = (
    "a bot that many workspaces install needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET, --http, "
    "and DPA_DB set to a postgresql:// URL"
)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once from the command line and the environment."""

    db: str  # a registry file's path, or a postgresql:// URL (registry/engines.py)
    restore: Path | None
    json: bool
    clock_override: str | None
    slack_bot_token: str | None
    slack_app_token: str | None
    slack_signing_secret: str | None
    slack_api_url: str | None
    slack_client_id: str | None
    slack_client_secret: str | None
    slack_redirect_uri: str | None
    dpo_users: str | None
    review: ReviewSettings
    retention_months: int
    breach_detail_months: int
    log_level: str | None
    http: bool
    port: int
    host: str
    console: bool
    workspace: str | None  # with many workspaces: the Slack id whose registry the console or --restore opens

    @classmethod
    def load(cls, argv: list[str], env: dict[str, str]) -> Settings:
        parser = argparse.ArgumentParser(description="DPA Registry Bot")
        parser.add_argument(
            "--db", help="registry file, or a postgresql:// URL (default: $DPA_DB or ./data/registry.json)"
        )
        parser.add_argument(
            "--restore", metavar="FILE", help="fill a new, empty registry (--db) from a backup made by `export json`"
        )
        parser.add_argument("--json", action="store_true", help="console: print each reply as one JSON line")
        parser.add_argument("--console", action="store_true", help="run the local console even if Slack tokens are set")
        parser.add_argument(
            "--workspace",
            metavar="ID",
            help="with many workspaces: the console (or --restore) on this Slack workspace's or organisation's registry",
        )
        parser.add_argument("--http", action="store_true", help="serve Slack's HTTP requests instead of Socket Mode")
        parser.add_argument("--port", type=int, default=int(env.get("PORT") or 3000), help="port for --http")
        parser.add_argument("--host", default=env.get("HOST") or "0.0.0.0", help="address for --http")
        args = parser.parse_args(argv)
        return cls(
            db=args.db or env.get("DPA_DB") or "data/registry.json",
            restore=Path(args.restore) if args.restore else None,
            json=args.json,
            clock_override=env.get("DPA_CLOCK") or None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_api_url=env.get("SLACK_API_URL") or None,
            slack_client_id=env.get("SLACK_CLIENT_ID") or None,
            slack_client_secret=env.get("SLACK_CLIENT_SECRET") or None,
            slack_redirect_uri=env.get("SLACK_REDIRECT_URI") or None,
            dpo_users=env.get("DPA_DPO_USERS") or None,
            review=ReviewSettings(
                tia_months=_positive(env, "DPA_TIA_MONTHS", TIA_REVIEW_MONTHS),
                notice_days=_positive(env, "DPA_NOTICE_DAYS", OBJECTION_NOTICE_DAYS),
            ),
            retention_months=_positive(env, "DPA_INQUIRY_RETENTION_MONTHS", RETENTION_MONTHS),
            breach_detail_months=_positive(env, "DPA_BREACH_DETAIL_MONTHS", BREACH_DETAIL_MONTHS),
            log_level=_log_level(env),
            http=args.http,
            port=args.port,
            host=args.host,
            console=args.console,
            workspace=args.workspace,
        )

    def console_reason(self) -> str:
        if self.console:
            return "--console was given"
        if self.workspace:
            return "--workspace was given"
        if not (self.slack_bot_token or self.slack_app_token or self.slack_signing_secret):
            return f"no Slack tokens found ({SLACK_HINT})"
        return f"the Slack settings are incomplete ({SLACK_HINT})"

    def slack_mode(self) -> str | None:
        """'socket' or 'http' when the tokens for it are set, 'workspaces' when an OAuth client is; None means the
        console."""
        if self.console or self.workspace:
            return None
        if self.slack_client_id or self.slack_client_secret:
            return "workspaces"
        if not self.slack_bot_token:
            return None
        if self.http:
            return "http" if self.slack_signing_secret else None
        return "socket" if self.slack_app_token else None

    def workspaces_missing(self) -> list[str]:
        """What a bot that many workspaces install lacks to start (nothing when it can)."""
        missing = [f"{name} is not set" for name, value in self._oauth_values() if not value]
        if not self.http:
            missing.append("--http is not given (Slack sends each workspace's requests over HTTP)")
        if not is_postgres_url(self.db):
            missing.append(f"DPA_DB (or --db) is {self.db}, not a postgresql:// URL")
        if self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN is set: each workspace's token comes from its installation, unset it")
        return missing

    def _oauth_values(self) -> list[tuple[str, str | None]]:
        return [
            ("SLACK_CLIENT_ID", self.slack_client_id),
            ("SLACK_CLIENT_SECRET", self.slack_client_secret),
            ("SLACK_SIGNING_SECRET", self.slack_signing_secret),
        ]

    def clock(self) -> Clock:
        """Norwegian local time; DPA_CLOCK (ISO date-time) pins it, for demos and tests."""
        if self.clock_override:
            fixed = datetime.fromisoformat(self.clock_override)
            fixed = fixed if fixed.tzinfo else fixed.replace(tzinfo=TIMEZONE)
            return lambda: fixed
        return lambda: datetime.now(TIMEZONE)


def _positive(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"{name} must be a whole number of at least 1, not {raw!r}.")
    return int(raw)


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _log_level(env: dict[str, str]) -> str | None:
    """DPA_LOG_LEVEL; unset means WARNING for the console and INFO for Slack."""
    raw = (env.get("DPA_LOG_LEVEL") or "").strip().upper()
    if raw and raw not in LOG_LEVELS:
        raise SystemExit(f"DPA_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {env['DPA_LOG_LEVEL']!r}.")
    return raw or None


# The cycle collector's thresholds for a bot that keeps a large registry in memory (Python's are 700, 10, 10).
# With those, a review at 10,000 parties, which makes ~300,000 small objects, set off ~360 collections, one or
# two of them walking every object in memory (~180 ms each): a third of its time. Fewer, later collections
# cost the same memory in practice: records and flags are freed by reference counting, not by the collector.
COLLECTOR_THRESHOLDS = (50_000, 20, 10)


def tune_collector() -> None:
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def main(argv: list[str] | None = None) -> int:
    tune_collector()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    keep_private_text_out()
    settings = Settings.load(sys.argv[1:] if argv is None else argv, dict(os.environ))
    if settings.log_level:
        logging.getLogger().setLevel(settings.log_level)
    if (settings.slack_client_id or settings.slack_client_secret) and settings.workspace is None:
        if settings.restore is not None or settings.console:  # the database's default schema is no one's registry
            print(f"Cannot start: {WHICH_WORKSPACE}", file=sys.stderr)
            return 2
        return run_workspaces(settings)
    try:
        # A workspace's registry is made when it installs the app, or by a restore: a mistyped id opens nothing.
        store = open_store(
            settings.db, schema=workspace_schema(settings.workspace), create=settings.restore is not None
        )
    except StoreError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    if store.read_only:
        print(f"The registry can only be read ({store.read_only}): answers work, changes are refused.", file=sys.stderr)
    services = Services(registry=Registry(store, clock=settings.clock()), review=settings.review)
    if settings.restore is not None:
        try:
            return restore(settings.restore, services.registry, db=str(store.path))
        finally:
            store.close()
    purge_at_start(services.registry, settings)
    mode = settings.slack_mode()
    if mode is not None:
        try:
            return run_slack(settings, services, mode)
        finally:
            store.close()
    print(
        f"Running the local console: {settings.console_reason()}. Registry: {store.path}", file=sys.stderr, flush=True
    )
    try:
        return run_console(
            services, user=f"console:{getpass.getuser()}", json_mode=settings.json, stdin=sys.stdin, stdout=sys.stdout
        )
    except StoreError as exc:  # the file became unsafe to go on with (replaced, damaged): stop, saying why
        print(f"Stopped: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()


def workspace_schema(workspace: str | None) -> str | None:
    """The schema of a workspace's registry (chat/slack/tenants.py), for --workspace; None without it."""
    if workspace is None:
        return None
    from chat.slack.tenants import schema_for

    return schema_for(workspace)


def purge_at_start(registry: Registry, settings: Settings) -> None:
    """Inquiry texts and breach details past their retention are deleted at every start (with many workspaces: when
    a workspace's registry is first opened), and daily while Slack runs."""
    try:
        purge(registry, Actor("bot", "start: delete expired inquiry texts"), months=settings.retention_months)
        purge_breaches(
            registry, Actor("bot", "start: delete expired breach details"), months=settings.breach_detail_months
        )
    except SaveError as exc:
        logging.warning("Expired inquiry texts or breach details could not be deleted at start: %s", exc)


def restore(backup: Path, registry: Registry, *, db: str) -> int:
    """Restore a backup into the registry just opened, which must be empty, and stop."""
    actor = Actor(f"console:{getpass.getuser()}", f"bot.py --restore {backup.name}")
    try:
        restored = restore_json(registry, actor, backup.read_bytes(), source=str(backup))
    except OSError as exc:
        print(f"Cannot restore: cannot read {backup}: {exc.strerror}.", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"Cannot restore: {exc}", file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {table}" for table, n in restored.items())
    print(f"Restored {summary} from {backup} into {db}. Start the bot without --restore to use it.")
    return 0


def run_slack(settings: Settings, services: Services, mode: str) -> int:
    from chat.slack.app import build_app
    from chat.slack.client import make_client
    from chat.slack.rights import DpoRights
    from chat.slack.services import SlackServices

    logging.getLogger().setLevel(settings.log_level or logging.INFO)
    assert settings.slack_bot_token is not None
    client = make_client(settings.slack_bot_token, base_url=settings.slack_api_url)
    slack = SlackServices(services=services, dpo=DpoRights.from_setting(settings.dpo_users))
    if not slack.dpo.users and not slack.dpo.groups:
        logging.warning("DPA_DPO_USERS is empty: nobody can change the registry from Slack.")
    app = build_app(
        slack,
        token=settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret if mode == "http" else None,
        client=client,
    )
    if mode == "http":
        return serve_http(app, settings, services.registry.store, lambda: start_jobs(slack, client, settings))
    start_jobs(slack, client, settings)
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    SocketModeHandler(app, settings.slack_app_token).start()
    return 0


def start_jobs(slack: SlackServices | Tenants, client: WebClient | None, settings: Settings) -> None:
    """The background jobs (chat/slack/schedule.py), for the one company or for every installed workspace."""
    from chat.slack import schedule

    schedule.start(
        slack,
        client,
        retention_months=settings.retention_months,
        breach_months=settings.breach_detail_months,
        stop=threading.Event(),
    )


def serve_http(app: App, settings: Settings, checked: Checked, start: Callable[[], None]) -> int:
    """Serve Slack's requests, calling `start` (the background jobs) once the port is ours; /healthz asks
    `checked` (the registry's store, or the workspaces' database)."""
    from chat.slack.http import PATH, make_http_server

    assert settings.slack_signing_secret is not None
    try:
        server = make_http_server(
            app, signing_secret=settings.slack_signing_secret, host=settings.host, port=settings.port, store=checked
        )
    except (OSError, OverflowError) as exc:  # a port in use or out of range, a host name that does not resolve
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(
            f"Cannot serve Slack's requests at {settings.host} port {settings.port}: {reason}. Give a free port "
            "(1-65535) with --port and an address of this machine with --host.",
            file=sys.stderr,
        )
        return 2
    start()
    where = f"http://{settings.host}:{server.server_port}"
    print(f"Serving Slack requests at {where}{PATH}", file=sys.stderr, flush=True)
    if app.oauth_flow is not None:
        print(f"Add to Slack at {where}{app.oauth_flow.install_path}", file=sys.stderr, flush=True)
    server.serve_forever()
    return 0


def run_workspaces(settings: Settings) -> int:
    """The bot that many workspaces install: each gets its own registry in the database, its own privacy team
    (who installed the app, and DPA_DPO_USERS), and its own bot token from its installation."""
    missing = settings.workspaces_missing()
    if missing:
        print(f"Cannot start for many workspaces: {'; '.join(missing)}. ({MANY_HINT}.)", file=sys.stderr)
        return 2
    from chat.slack.app import build_app
    from chat.slack.client import make_client
    from chat.slack.installations import PgInstallationStore, create_tables, oauth_settings
    from chat.slack.tenants import Workspaces
    from registry.engines import open_pool

    logging.getLogger().setLevel(settings.log_level or logging.INFO)
    assert settings.slack_client_id and settings.slack_client_secret and settings.slack_signing_secret
    try:
        pool = open_pool(settings.db)
    except StoreError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    try:
        create_tables(pool)
        installations = PgInstallationStore(pool, client_id=settings.slack_client_id)
        oauth = oauth_settings(
            installations, client_secret=settings.slack_client_secret, redirect_uri=settings.slack_redirect_uri
        )
        workspaces = Workspaces(
            url=settings.db,
            pool=pool,
            installations=installations,
            clock=settings.clock(),
            review=settings.review,
            dpo_users=settings.dpo_users,
            api_url=settings.slack_api_url,
            on_open=lambda registry: purge_at_start(registry, settings),
        )
        client = make_client(None, base_url=settings.slack_api_url)
        app = build_app(
            workspaces, token=None, signing_secret=settings.slack_signing_secret, client=client, oauth_settings=oauth
        )
        return serve_http(app, settings, workspaces, lambda: start_jobs(workspaces, None, settings))
    except StoreError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    finally:
        pool.close()


if __name__ == "__main__":
    sys.exit(main())
