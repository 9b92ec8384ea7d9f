"""The daily job in Slack mode: delete inquiry texts past their retention, then send the privacy team its
digest of inquiries overdue or due within a week."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, time, timedelta

from slack_sdk import WebClient

from chat.slack.on_inquiries import post_digest
from chat.slack.services import SlackServices
from inquiries.deadlines import OSLO
from inquiries.tracking import purge
from registry.registry import Actor

log = logging.getLogger(__name__)
DAILY_AT = time(8, 0)  # Norwegian time


def run_daily(slack: SlackServices, client: WebClient, *, retention_months: int) -> None:
    deleted = purge(
        slack.services.registry, Actor("bot", "daily: delete expired inquiry texts"), months=retention_months
    )
    if deleted:
        log.info("Deleted the text of %d inquiries past retention", len(deleted))
    post_digest(slack, client)


def seconds_until_next(now: datetime, at: time = DAILY_AT) -> float:
    local = now.astimezone(OSLO)
    target = datetime.combine(local.date(), at, tzinfo=OSLO)
    if target <= local:
        target = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=OSLO)
    return (target - local).total_seconds()


def start(slack: SlackServices, client: WebClient, *, retention_months: int, stop: threading.Event) -> threading.Thread:
    """Run the daily job at 08:00 Oslo time until `stop` is set."""

    def loop() -> None:
        while not stop.wait(seconds_until_next(datetime.now(OSLO))):
            try:
                run_daily(slack, client, retention_months=retention_months)
            except Exception:
                log.exception("The daily inquiry job failed; it runs again tomorrow")

    thread = threading.Thread(target=loop, name="daily-inquiries", daemon=True)
    thread.start()
    return thread
