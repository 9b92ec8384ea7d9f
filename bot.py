"""Entry point: read settings, open the registry, then run Slack or the local console."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from chat import Services
from chat.console import run as run_console
from registry.errors import StoreError
from registry.registry import Clock, Registry
from registry.store import Store

TIMEZONE = ZoneInfo("Europe/Oslo")
SLACK_HINT = (
    "set SLACK_BOT_TOKEN and SLACK_APP_TOKEN for Socket Mode, or SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET with --http"
)


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once from the command line and the environment."""

    db: Path
    json: bool
    clock_override: str | None
    slack_bot_token: str | None
    slack_app_token: str | None
    slack_signing_secret: str | None

    @classmethod
    def load(cls, argv: list[str], env: dict[str, str]) -> Settings:
        parser = argparse.ArgumentParser(description="DPA Registry Bot")
        parser.add_argument("--db", help="registry file (default: $DPA_DB or ./data/registry.json)")
        parser.add_argument("--json", action="store_true", help="console: print each reply as one JSON line")
        args = parser.parse_args(argv)
        return cls(
            db=Path(args.db or env.get("DPA_DB") or "data/registry.json"),
            json=args.json,
            clock_override=env.get("DPA_CLOCK") or None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        )

    def clock(self) -> Clock:
        """Norwegian local time; DPA_CLOCK (ISO date-time) pins it, for demos and tests."""
        if self.clock_override:
            fixed = datetime.fromisoformat(self.clock_override)
            fixed = fixed if fixed.tzinfo else fixed.replace(tzinfo=TIMEZONE)
            return lambda: fixed
        return lambda: datetime.now(TIMEZONE)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.load(sys.argv[1:] if argv is None else argv, dict(os.environ))
    try:
        store = Store(settings.db)
    except StoreError as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    services = Services(registry=Registry(store, clock=settings.clock()))
    print(
        f"Running the local console: no Slack tokens found ({SLACK_HINT}). Registry: {settings.db}",
        file=sys.stderr,
        flush=True,
    )
    try:
        return run_console(
            services, user=f"console:{getpass.getuser()}", json_mode=settings.json, stdin=sys.stdin, stdout=sys.stdout
        )
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
