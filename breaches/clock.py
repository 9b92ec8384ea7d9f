"""The 72-hour clock of a personal data breach (Art. 33(1)), counted in real hours from awareness.

The deadline is awareness + 72 hours computed in UTC, so a change to or from summer time in between neither
adds nor takes an hour; it is shown in Norwegian time with the zone's abbreviation (CET or CEST).

For the scheduler (part B of issue 21): `reminders_due(breach, now)` is pure and says which of the reminders at
24, 48 and 66 hours are due and not yet sent; after sending, `breaches.register.reminders_sent` records them on
the breach, so each fires once. A breach stops counting when its clock is stopped (see `stopped`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from registry.dates import oslo_time
from registry.law import BREACH_AUTHORITY_HOURS, BREACH_REMINDER_HOURS
from registry.models import Breach


def aware_at(breach: Breach) -> datetime:
    return datetime.fromisoformat(breach.aware)


def deadline(breach: Breach) -> datetime:
    """When the authority must have been notified: awareness + 72 real hours, in UTC."""
    return aware_at(breach).astimezone(UTC) + timedelta(hours=BREACH_AUTHORITY_HOURS)


def hours_since(breach: Breach, now: datetime) -> float:
    return (now.astimezone(UTC) - aware_at(breach).astimezone(UTC)).total_seconds() / 3600


def hours_left(breach: Breach, now: datetime) -> float:
    """Hours until the deadline (negative once it has passed)."""
    return (deadline(breach) - now.astimezone(UTC)).total_seconds() / 3600


def stopped(breach: Breach) -> str | None:
    """Why the clock no longer matters, or None while it runs: closed, the authority notified, no risk found,
    or (as processor) every controller told, which leaves the authority to them."""
    if breach.status == "closed":
        return "closed"
    if breach.authority_notified:
        return "the authority was notified"
    if breach.risk == "none":
        return "assessed as unlikely to result in a risk: no notification needed"
    if breach.role != "controller" and breach.tell and _all_told(breach):
        return "every controller was told; they notify the authority"
    return None


def _all_told(breach: Breach) -> bool:
    told = {n.get("party") for n in breach.controllers_notified}
    return set(breach.tell) <= told


def reminders_due(breach: Breach, now: datetime) -> list[int]:
    """The reminder hours (24, 48, 66) reached at `now` whose reminder was not sent yet; none once the clock has
    stopped. Several can be due at once (the bot was down): send the latest, record them all."""
    if stopped(breach):
        return []
    elapsed = hours_since(breach, now)
    return [h for h in BREACH_REMINDER_HOURS if elapsed >= h and h not in breach.reminders_sent]


def is_late(breach: Breach, at: datetime) -> bool:
    return at.astimezone(UTC) > deadline(breach)


def clock_line(breach: Breach, now: datetime) -> str:
    """One line for people: the deadline in Norwegian time and the hours left (or why the clock stopped)."""
    due = oslo_time(deadline(breach))
    why = stopped(breach)
    if why:
        return f"72-hour deadline {due}; clock stopped: {why}."
    if breach.role != "controller":  # Art. 33(2): the 72 hours are the controller's, from when it is told
        since = hours_since(breach, now)
        return (
            f"Aware for {_hours(max(since, 0))}: tell the controller without undue delay (Art. 33(2)); its 72 hours "
            "run from when it is told."
        )
    left = hours_left(breach, now)
    if left < 0:
        return f"72-hour deadline {due}: passed {_hours(-left)} ago. Notify now, with the reasons for the delay."
    return f"72-hour deadline {due}: {_hours(left)} left."


def _hours(value: float) -> str:
    whole = int(value)
    if whole >= 96:  # past four days, hours stop meaning much to a reader
        return f"{whole // 24} days"
    return f"{whole} hour{'s' if whole != 1 else ''}" if whole else "less than an hour"
