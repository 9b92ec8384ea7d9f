"""Acting once on what Slack may deliver more than once.

Slack retries an event it thinks we missed (same event_id, with X-Slack-Retry-Num), a signed request can be
replayed by whoever saw it within its five minutes, and two people (or one double click) can send the same
message to the privacy team. Each of these is acted on once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import BoltRequest, BoltResponse

from inquiries.tracking import Intake
from registry.delivery_records import from_message
from registry.models import Inquiry
from registry.registry import Registry

log = logging.getLogger(__name__)

# Slack retries an event about 1 minute and 5 minutes after the first try; an hour is ample.
EVENT_TTL = 3600.0
# Far more deliveries than one company's Slack sends in an hour; each key costs ~200 bytes.
MAX_KEYS = 10_000


class RecentKeys:
    """The keys seen in the last `ttl` seconds, at most `size` of them (the oldest go first); thread-safe."""

    def __init__(self, *, ttl: float, size: int = MAX_KEYS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._size = size
        self._clock = clock
        self._seen: OrderedDict[Hashable, float] = OrderedDict()  # key -> when first seen, oldest first
        self._lock = threading.Lock()

    def first(self, key: Hashable) -> bool:
        """True the first time `key` is seen within the ttl (it is remembered); False for a repeat."""
        now = self._clock()
        with self._lock:
            while self._seen:
                oldest, when = next(iter(self._seen.items()))
                if now - when < self._ttl and len(self._seen) < self._size:
                    break
                del self._seen[oldest]
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


def once_per_event(seen: RecentKeys) -> Callable[..., BoltResponse | None]:
    """Bolt middleware: an event whose event_id was already handled is acknowledged and dropped."""

    def middleware(body: dict[str, Any], request: BoltRequest, next_: Callable[[], None]) -> BoltResponse | None:
        event_id = body.get("event_id")
        if isinstance(event_id, str) and not seen.first(event_id):
            retry = (request.headers.get("x-slack-retry-num") or ["-"])[0]
            log.info("Event %s delivered again (retry %s): already handled, dropped", event_id, retry)
            return BoltResponse(status=200, body="")
        next_()
        return None

    return middleware


class MessageIntakes:
    """One inquiry per Slack message (channel and ts): a second shortcut on it, at once or a year later, or a
    DM Slack delivers again after a restart, finds the inquiry already on record."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[tuple[str | None, str], tuple[threading.Lock, int]] = {}

    @contextmanager
    def holding(self, registry: Registry, intake: Intake) -> Iterator[Inquiry | None]:
        """While held, nobody else takes in the same message; yields the inquiry made from it earlier, if any."""
        if not intake.message_ts:
            yield None
            return
        key = (intake.channel, intake.message_ts)
        with self._lock:
            lock, users = self._held.get(key, (threading.Lock(), 0))
            self._held[key] = (lock, users + 1)
        try:
            with lock:
                yield _from_message(registry, key)
        finally:
            with self._lock:
                lock, users = self._held[key]
                if users == 1:
                    del self._held[key]
                else:
                    self._held[key] = (lock, users - 1)


def _from_message(registry: Registry, key: tuple[str | None, str]) -> Inquiry | None:
    with registry.reading():
        delivery = from_message(registry, *key)
        return registry.find(Inquiry, delivery.inquiry) if delivery else None
