"""The background jobs in Slack mode: every few minutes, deliver inquiries Slack did not take when they came in,
and work out the day's review ahead of the DPO (at start, on a new day, after changes); daily, delete inquiry
texts past their retention (and redact the bot's Slack copies of them, also at start), then send the privacy team its
digest of inquiries overdue or due within a week."""

from __future__ import annotations

import logging
import threading
import time as clock
from datetime import datetime, time, timedelta

from slack_sdk import WebClient

from chat.slack.on_inquiries import post_digest, redeliver, show_closed
from chat.slack.retention import redact_expired
from chat.slack.services import SlackServices
from inquiries.deadlines import OSLO
from inquiries.tracking import purge
from registry.registry import Actor
from registry.review import review

log = logging.getLogger(__name__)
DAILY_AT = time(8, 0)  # Norwegian time
REDELIVER_EVERY = 300.0  # seconds between attempts to deliver what Slack did not take


def run_daily(slack: SlackServices, client: WebClient, *, retention_months: int) -> None:
    deleted = purge(
        slack.services.registry, Actor("bot", "daily: delete expired inquiry texts"), months=retention_months
    )
    if deleted:
        log.info("Deleted the text of %d inquiries past retention", len(deleted))
    redact_expired(slack, client)
    post_digest(slack, client)


def warm_review(slack: SlackServices) -> None:
    """Today's review, so that App Home and `review` answer at once (at 10,000 parties the first review after
    start or on a new day takes about a second; afterwards it is kept and only changes are worked out)."""
    services = slack.services
    review(services.registry, today=services.registry.clock().date(), settings=services.review)


def seconds_until_next(now: datetime, at: time = DAILY_AT) -> float:
    local = now.astimezone(OSLO)
    target = datetime.combine(local.date(), at, tzinfo=OSLO)
    if target <= local:
        target = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=OSLO)
    return (target - local).total_seconds()


def start(slack: SlackServices, client: WebClient, *, retention_months: int, stop: threading.Event) -> threading.Thread:
    """Redeliver every few minutes and run the daily job at 08:00 Oslo time, until `stop` is set."""

    def loop() -> None:
        daily = clock.monotonic() + seconds_until_next(datetime.now(OSLO))
        _redact(slack, client)  # what the purge at start (bot.py) deleted, and what was left last time
        _warm(slack)
        while not stop.wait(min(REDELIVER_EVERY, max(0.0, daily - clock.monotonic()))):
            try:
                redeliver(slack, client)
                show_closed(slack, client)  # inquiries closed at the console
            except Exception:
                log.exception("Redelivering inquiries or updating closed cards failed; trying again in a few minutes")
            _warm(slack)
            if clock.monotonic() >= daily:
                try:
                    run_daily(slack, client, retention_months=retention_months)
                except Exception:
                    log.exception("The daily inquiry job failed; it runs again tomorrow")
                daily = clock.monotonic() + seconds_until_next(datetime.now(OSLO))

    thread = threading.Thread(target=loop, name="background-jobs", daemon=True)
    thread.start()
    return thread


def _redact(slack: SlackServices, client: WebClient) -> None:
    try:
        redact_expired(slack, client)
    except Exception:
        log.exception("Redacting expired inquiries in Slack failed; it runs again tomorrow")


def _warm(slack: SlackServices) -> None:
    try:
        warm_review(slack)
    except Exception:
        log.exception("Working out the review in the background failed; it is worked out when asked for")
