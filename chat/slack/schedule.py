"""The background jobs in Slack mode: at start and every few minutes, remind the privacy team of the 72-hour clock
of open breaches (24, 48 and 66 hours, each once), deliver inquiries and breach cards Slack did not take,
and work out the day's review ahead of the DPO (at start, on a new day, after changes); daily, delete inquiry
texts and breach details past their retention (and redact the bot's Slack copies of them, also at start), then send the privacy team its
digest of inquiries overdue or due within a week.

Several bot processes (replicas) may share one registry: each job that writes or posts takes the registry's job
lock (Store.job_lock), so one process runs it while the others skip it, and the daily job records the day it ran
(registry/jobs.py), so a process that comes to it after another finished does not run it again."""

from __future__ import annotations

import logging
import threading
import time as clock
from datetime import datetime, time, timedelta

from slack_sdk import WebClient

from breaches.register import DETAIL_MONTHS
from breaches.register import purge as purge_breaches
from chat.slack.on_breaches import redact_purged, send_reminders
from chat.slack.on_breaches import redeliver as redeliver_breaches
from chat.slack.on_inquiries import post_digest, redeliver, show_closed
from chat.slack.retention import redact_expired
from chat.slack.services import SlackServices
from chat.slack.tenants import OneWorkspace, Tenants
from inquiries.deadlines import OSLO
from inquiries.tracking import purge
from registry.jobs import last_run, record_run
from registry.registry import Actor
from registry.review import review

log = logging.getLogger(__name__)
DAILY_AT = time(8, 0)  # Norwegian time
REDELIVER_EVERY = 300.0  # seconds between attempts to deliver what Slack did not take


def run_daily(
    slack: SlackServices, client: WebClient | None, *, retention_months: int, breach_months: int = DETAIL_MONTHS
) -> None:
    """The daily job, once a day across every bot process on the registry: skipped while another runs it, and
    after one has finished it today. Without a client (a workspace that uninstalled the app, its registry kept)
    only the retention purge runs: personal data is deleted on time whether or not Slack can be reached."""
    registry = slack.services.registry
    with registry.store.job_lock("daily") as mine:
        today = registry.clock().astimezone(OSLO).date()
        if not mine or last_run(registry.store, "daily") == today:
            log.info("The daily job runs in another bot process, or has run today; skipped here")
            return
        _daily(slack, client, retention_months=retention_months, breach_months=breach_months)
        record_run(registry.store, "daily", today)


def _daily(slack: SlackServices, client: WebClient | None, *, retention_months: int, breach_months: int) -> None:
    deleted = purge(
        slack.services.registry, Actor("bot", "daily: delete expired inquiry texts"), months=retention_months
    )
    if deleted:
        log.info("Deleted the text of %d inquiries past retention", len(deleted))
    purged = purge_breaches(
        slack.services.registry, Actor("bot", "daily: delete expired breach details"), months=breach_months
    )
    if purged:
        log.info("Deleted the details of %d breaches past retention", len(purged))
    if client is not None:
        redact(slack, client)
        post_digest(slack, client)


def run_often(slack: SlackServices, client: WebClient) -> None:
    """Every few minutes and at start: the breach clock's reminders first, then what Slack did not take. One bot
    process at a time: each sends only what the one before it has not recorded as sent."""
    with slack.services.registry.store.job_lock("often") as mine:
        if not mine:
            return
        send_reminders(slack, client)
        redeliver_breaches(slack, client)
        redeliver(slack, client)
        show_closed(slack, client)  # inquiries closed at the console


def warm_review(slack: SlackServices) -> None:
    """Today's review, so that App Home and `review` answer at once (at 10,000 parties the first review after
    start or on a new day takes about a second; afterwards it is kept and only changes are worked out). Every bot
    process warms its own: the review is kept in the process's memory and writes nothing, so unlike the other jobs
    it takes no job lock (one process skipping it would leave its own App Home slow)."""
    services = slack.services
    review(services.registry, today=services.registry.clock().date(), settings=services.review)


def seconds_until_next(now: datetime, at: time = DAILY_AT) -> float:
    local = now.astimezone(OSLO)
    target = datetime.combine(local.date(), at, tzinfo=OSLO)
    if target <= local:
        target = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=OSLO)
    return (target - local).total_seconds()


def start(
    slack: SlackServices | Tenants,
    client: WebClient | None,
    *,
    retention_months: int,
    stop: threading.Event,
    breach_months: int = DETAIL_MONTHS,
) -> threading.Thread:
    """Send the breach reminders and redeliver at start and every few minutes, and run the daily job at 08:00
    Oslo time, until `stop` is set: for the one company (`slack` and its `client`), or for every workspace that
    has the app installed (`slack` is then the Workspaces, each with its own bot token; `client` is None)."""
    tenants = OneWorkspace(slack, client) if isinstance(slack, SlackServices) else slack

    def often(slack: SlackServices, client: WebClient) -> None:
        try:
            run_often(slack, client)
        except Exception:
            log.exception("Breach reminders, redelivery or closed cards failed; trying again in a few minutes")

    def daily_job(slack: SlackServices, client: WebClient | None) -> None:
        try:
            run_daily(slack, client, retention_months=retention_months, breach_months=breach_months)
        except Exception:
            log.exception("The daily inquiry job failed; it runs again tomorrow")

    def loop() -> None:
        daily = clock.monotonic() + seconds_until_next(datetime.now(OSLO))
        for slack, client in _workspaces(tenants):
            _redact(slack, client)  # what the purge at start (bot.py) deleted, and what was left last time
            often(slack, client)
            _warm(slack)
        while not stop.wait(min(REDELIVER_EVERY, max(0.0, daily - clock.monotonic()))):
            due = clock.monotonic() >= daily
            for slack, client in _workspaces(tenants):
                often(slack, client)
                _warm(slack)
                if due:
                    daily_job(slack, client)
            if due:
                for slack in _left(tenants):
                    daily_job(slack, None)
                daily = clock.monotonic() + seconds_until_next(datetime.now(OSLO))

    thread = threading.Thread(target=loop, name="background-jobs", daemon=True)
    thread.start()
    return thread


def redact(slack: SlackServices, client: WebClient) -> None:
    """The bot's Slack copies of what the retention purge deleted become stubs; one bot process at a time."""
    with slack.services.registry.store.job_lock("redact") as mine:
        if mine:
            redact_expired(slack, client)
            redact_purged(slack, client)


def _workspaces(tenants: Tenants) -> list[tuple[SlackServices, WebClient]]:
    """The workspaces to run the jobs for now (an installation since the last run included)."""
    try:
        return tenants.each()
    except Exception:
        log.exception("Could not list the installed workspaces; the jobs run again in a few minutes")
        return []


def _left(tenants: Tenants) -> list[SlackServices]:
    """The kept registries of workspaces that uninstalled the app."""
    try:
        return tenants.left()
    except Exception:
        log.exception("Could not list the registries of uninstalled workspaces; their purge runs again tomorrow")
        return []


def _redact(slack: SlackServices, client: WebClient) -> None:
    try:
        redact(slack, client)
    except Exception:
        log.exception("Redacting expired inquiries in Slack failed; it runs again tomorrow")


def _warm(slack: SlackServices) -> None:
    try:
        warm_review(slack)
    except Exception:
        log.exception("Working out the review in the background failed; it is worked out when asked for")
