"""The DPO's dashboard: what needs attention now, as plain lines (rendered by the Slack App Home)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from breaches import clock
from breaches.register import select as select_breaches
from inquiries.tracking import select
from registry.models import Agreement, Breach
from registry.registry import Registry
from registry.review import ReviewSettings, review
from registry.views import counts

REVIEW_HORIZON = timedelta(days=30)


def summary(registry: Registry, settings: ReviewSettings | None = None) -> dict[str, Any]:
    """Counts, open personal data breaches (soonest deadline first), open review flags (most severe first), open inquiries by due date, DPAs due for review, and DPAs
    sent for signing that have not come back (oldest first)."""
    today = registry.clock().date()
    flags = [
        f"{f.severity}: {f.code} — {' / '.join(f.parties)}" for f in review(registry, today=today, settings=settings)
    ]
    with registry.reading():
        name = registry.name_of
        inquiries = [
            {
                "id": i.id,
                "due": i.current_due,
                "overdue": bool(i.current_due and i.current_due < today),
                "sender": i.sender,
            }
            for i in select(registry, "open", today=today)
        ]
        reviews = [
            f"{name(a.controller)} ↔ {name(a.processor)}: review {a.review.isoformat()}"
            + (" (overdue)" if a.review < today else "")
            for a in sorted(registry.all(Agreement), key=lambda a: a.review or today)
            if a.status == "signed" and a.review is not None and a.review <= today + REVIEW_HORIZON
        ]
        waiting = [
            f"{name(a.controller)} ↔ {name(a.processor)}: version {a.version} sent {a.sent.isoformat()} "
            f"({_ago(today - a.sent)})"
            for a in sorted(registry.all(Agreement), key=lambda a: a.sent or today)
            if a.status == "sent" and a.sent is not None
        ]
        now = registry.clock()
        breaches = [
            {"id": b.id, "role": b.role, "clock": clock.clock_line(b, now), "overdue": _overdue(b, now)}
            for b in select_breaches(registry, "open")
        ]
        return {
            "counts": counts(registry),
            "breaches": breaches,
            "flags": flags,
            "inquiries": inquiries,
            "reviews": reviews,
            "waiting": waiting,
        }


def _overdue(breach: Breach, now: datetime) -> bool:
    return not clock.stopped(breach) and clock.hours_left(breach, now) < 0


def _ago(span: timedelta) -> str:
    return {0: "today", 1: "yesterday"}.get(span.days, f"{span.days} days ago")
