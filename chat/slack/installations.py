"""Slack installations and OAuth states in PostgreSQL, for the bot that many workspaces install ("Add to Slack").

Bolt's OAuth flow keeps each workspace's installation (its bot token, who installed it) in an installation store
and the `state` of each install attempt in a state store. slack_sdk ships stores for SQLite, files and SQLAlchemy;
these two are written with psycopg on the database the registries live in, on the process's one connection pool:
two small tables do not justify SQLAlchemy as a dependency.

Tables (in the database's default schema, beside the registries' own schemas), created if missing and versioned
in `dpa_slack_meta`: `dpa_slack_installations` (one row per workspace or organisation and installing user, the
installation as JSON), `dpa_slack_bots` (the workspace's current bot, as JSON) and `dpa_slack_states` (each state
until it is used or expires).

The bot tokens in these rows are secrets: nothing here logs or shows an installation, only which workspace it is.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import Any

import orjson
import psycopg
from psycopg.types.json import Json
from psycopg_pool import ConnectionPool
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation, InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from registry.errors import StoreError
from registry.pgstore import _reason, lay_out

log = logging.getLogger(__name__)

#: The layout of the dpa_slack_* tables; each step brings a database up by one.
_LAYOUT = {
    1: [
        "CREATE TABLE IF NOT EXISTS dpa_slack_installations (client_id text NOT NULL, enterprise_id text NOT NULL, "
        "team_id text NOT NULL, user_id text NOT NULL, installed_at double precision NOT NULL, doc json NOT NULL, "
        "PRIMARY KEY (client_id, enterprise_id, team_id, user_id))",
        "CREATE TABLE IF NOT EXISTS dpa_slack_bots (client_id text NOT NULL, enterprise_id text NOT NULL, "
        "team_id text NOT NULL, is_enterprise_install boolean NOT NULL, installed_at double precision NOT NULL, "
        "doc json NOT NULL, PRIMARY KEY (client_id, enterprise_id, team_id))",
        "CREATE TABLE IF NOT EXISTS dpa_slack_states (state text PRIMARY KEY, expires_at timestamptz NOT NULL)",
    ],
}
MANIFEST = Path(__file__).resolve().parents[2] / "manifest.json"
STATE_SECONDS = 600  # an install attempt must come back from Slack within ten minutes


def bot_scopes(manifest: Path = MANIFEST) -> list[str]:
    """The bot scopes "Add to Slack" asks for: the app manifest's, so that both ask for the same."""
    return list(json.loads(manifest.read_text())["oauth_config"]["scopes"]["bot"])


def oauth_settings(
    installations: PgInstallationStore, *, client_secret: str, redirect_uri: str | None = None
) -> OAuthSettings:
    """Bolt's OAuth for "Add to Slack": installations and install states in this database, the manifest's scopes.
    Each request is authorised from its workspace's installation, so a workspace that uninstalled the app or had
    its token revoked is refused at once; what auth.test said about a bot token is kept, so that a request does
    not cost one more call to Slack."""
    settings = OAuthSettings(
        client_id=installations.client_id,
        client_secret=client_secret,
        scopes=bot_scopes(),
        redirect_uri=redirect_uri,
        installation_store=installations,
        installation_store_bot_only=True,  # the bot's token is all a request needs: one query to find it
        state_store=PgOAuthStateStore(installations.pool),
    )
    settings.authorize.cache_enabled = True  # type: ignore[attr-defined]  # Bolt's InstallationStoreAuthorize
    return settings


def create_tables(pool: ConnectionPool) -> None:
    """The installation tables, created or brought up to _LAYOUT's last step (several processes at once wait in turn)."""
    try:
        _create_tables(pool)
    except psycopg.Error as exc:
        raise StoreError(f"Cannot create the tables of Slack installations: {_reason(exc)}.") from exc


def _create_tables(pool: ConnectionPool) -> None:
    with pool.connection() as conn:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('dpa_slack_meta'))")
        lay_out(conn, "dpa_slack_meta", _LAYOUT, whose="The Slack installations have")


class PgInstallationStore(InstallationStore):
    """Bolt's installation store on PostgreSQL: what SQLite3InstallationStore does, with psycopg."""

    def __init__(self, pool: ConnectionPool, *, client_id: str) -> None:
        self.pool = pool
        self.client_id = client_id

    @property
    def logger(self) -> logging.Logger:
        return log

    def save(self, installation: Installation) -> None:
        enterprise, team = _keys(installation.enterprise_id, installation.team_id, installation.is_enterprise_install)
        with self.pool.connection() as conn:
            conn.execute(
                "INSERT INTO dpa_slack_installations VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (client_id, "
                "enterprise_id, team_id, user_id) DO UPDATE SET installed_at = EXCLUDED.installed_at, doc = EXCLUDED.doc",
                (
                    self.client_id,
                    enterprise,
                    team,
                    installation.user_id or "",
                    installation.installed_at,
                    _doc(installation),
                ),
            )
            if installation.bot_token is not None:
                self._save_bot(conn, installation.to_bot())
        log.info("Saved the installation of workspace %s", installation.enterprise_id or installation.team_id)

    def save_bot(self, bot: Bot) -> None:
        with self.pool.connection() as conn:
            self._save_bot(conn, bot)

    def _save_bot(self, conn: psycopg.Connection, bot: Bot) -> None:
        enterprise, team = _keys(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        conn.execute(
            "INSERT INTO dpa_slack_bots VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (client_id, enterprise_id, team_id) "
            "DO UPDATE SET is_enterprise_install = EXCLUDED.is_enterprise_install, installed_at = EXCLUDED.installed_at, "
            "doc = EXCLUDED.doc",
            (self.client_id, enterprise, team, bool(bot.is_enterprise_install), bot.installed_at, _doc(bot)),
        )

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        enterprise, team = _keys(enterprise_id, team_id, is_enterprise_install)
        with self.pool.connection() as conn:
            row = conn.execute(
                "SELECT doc FROM dpa_slack_bots WHERE client_id = %s AND enterprise_id = %s AND team_id = %s",
                (self.client_id, enterprise, team),
            ).fetchone()
        return Bot(**row[0]) if row else None

    def find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The latest installation of the workspace (or organisation), or that user's."""
        enterprise, team = _keys(enterprise_id, team_id, is_enterprise_install)
        query = "SELECT doc FROM dpa_slack_installations WHERE client_id = %s AND enterprise_id = %s AND team_id = %s"
        params: list[Any] = [self.client_id, enterprise, team]
        if user_id is not None:
            query += " AND user_id = %s"
            params.append(user_id)
        with self.pool.connection() as conn:
            row = conn.execute(query + " ORDER BY installed_at DESC LIMIT 1", params).fetchone()
        if row is None:
            return None
        installation = Installation(**row[0])
        # The bot is the workspace's current one, whoever installed last; none once its token was revoked.
        bot = self.find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install)
        for name in ("bot_token", "bot_id", "bot_user_id", "bot_refresh_token", "bot_token_expires_at"):
            setattr(installation, name, getattr(bot, name) if bot is not None else None)
        installation.bot_scopes = bot.bot_scopes if bot is not None else []
        return installation

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        with self.pool.connection() as conn:
            conn.execute(
                "DELETE FROM dpa_slack_bots WHERE client_id = %s AND enterprise_id = %s AND team_id = %s",
                (self.client_id, enterprise_id or "", team_id or ""),
            )

    def delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        query = "DELETE FROM dpa_slack_installations WHERE client_id = %s AND enterprise_id = %s AND team_id = %s"
        params: list[Any] = [self.client_id, enterprise_id or "", team_id or ""]
        if user_id is not None:
            query += " AND user_id = %s"
            params.append(user_id)
        with self.pool.connection() as conn:
            conn.execute(query, params)

    def delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """The app was uninstalled (or its tokens revoked): its tokens go; the workspace's registry stays."""
        super().delete_all(enterprise_id=enterprise_id, team_id=team_id)
        # Installed org-wide, the organisation's rows are kept under no team.
        if team_id:
            super().delete_all(enterprise_id=enterprise_id, team_id=None)
        log.info("Removed the installation of workspace %s", enterprise_id or team_id)

    def installers(self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool) -> list[str]:
        """The user who installed the app in the workspace (or organisation) first, as a list (empty when it is not
        installed). Only the first: anyone a workspace lets install apps could otherwise make themselves a member
        of its privacy team by installing again."""
        enterprise, team = _keys(enterprise_id, team_id, is_enterprise_install)
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT user_id FROM dpa_slack_installations WHERE client_id = %s AND enterprise_id = %s "
                "AND team_id = %s AND user_id <> '' ORDER BY installed_at LIMIT 1",
                (self.client_id, enterprise, team),
            ).fetchall()
        return [row[0] for row in rows]

    def bots(self) -> list[Bot]:
        """The bot of every workspace (or organisation) that has the app installed now."""
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT doc FROM dpa_slack_bots WHERE client_id = %s ORDER BY enterprise_id, team_id", (self.client_id,)
            ).fetchall()
        return [Bot(**row[0]) for row in rows]


class PgOAuthStateStore(OAuthStateStore):
    """The `state` of each install attempt: issued with the "Add to Slack" link, good once, for ten minutes."""

    def __init__(self, pool: ConnectionPool, *, expiration_seconds: int = STATE_SECONDS) -> None:
        self._pool = pool
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        return log

    def issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(24)
        with self._pool.connection() as conn:
            conn.execute("DELETE FROM dpa_slack_states WHERE expires_at < now()")
            conn.execute(
                "INSERT INTO dpa_slack_states VALUES (%s, now() + make_interval(secs => %s))",
                (state, self.expiration_seconds),
            )
        return state

    def consume(self, state: str) -> bool:
        """Whether the state was issued here and is still good; it is used up either way."""
        with self._pool.connection() as conn:
            row = conn.execute(
                "DELETE FROM dpa_slack_states WHERE state = %s RETURNING expires_at > now()", (state,)
            ).fetchone()
        return bool(row and row[0])


def _keys(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> tuple[str, str]:
    """The row keys: an organisation-wide installation is kept under its enterprise with no team."""
    return enterprise_id or "", "" if is_enterprise_install or team_id is None else team_id


def _doc(installation: Installation | Bot) -> Json:
    """As JSON, its times as ISO text: what Installation(**doc) and Bot(**doc) read back."""
    return Json(installation.to_dict_for_copying(), dumps=lambda value: orjson.dumps(value).decode())
