"""Review flags from the breach register (GDPR Art. 33), read from the Breach records directly: the rules of
breaches/ sit above registry/, so the two facts needed here (the 72-hour deadline, the processor) are read as
stored.

- an open breach past its 72 hours with neither a risk assessment nor a notification (high);
- two or more breaches at one processor or sub-processor within 12 months (medium): time to look at its
  security and at our DPA with it (Art. 28(1), 32).

These depend on the clock's hour and on breaches, not on relations: review() adds them to its cached flags
every time it is asked.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from registry.dates import add_months
from registry.law import BREACH_AUTHORITY_HOURS
from registry.models import Breach
from registry.registry import Registry
from registry.review_flags import Flag

REPEAT_COUNT = 2
REPEAT_MONTHS = 12


def breach_flags(registry: Registry, now: datetime) -> list[Flag]:
    """Call inside registry.reading()."""

    flags = []
    breaches = registry.all(Breach)
    me = registry.self_party()
    mine = (me.id,) if me is not None and me.id is not None else ()
    for b in breaches:
        aware = datetime.fromisoformat(b.aware)
        if b.status != "open" or now.astimezone(UTC) <= aware.astimezone(UTC) + timedelta(hours=BREACH_AUTHORITY_HOURS):
            continue
        ids = (b.processor,) if b.processor is not None else mine
        if b.role != "controller":  # we process the data: the controller must be told, whatever the risk
            told = {n.get("party") for n in b.controllers_notified}
            untold = [p for p in b.tell if p not in told]
            if b.tell and not untold:
                continue
            names = ", ".join(registry.name_of(p) for p in untold) or "the controller (not named yet)"
            flags.append(
                Flag(
                    "breach-controller-not-told",
                    "high",
                    (*untold, *ids),
                    tuple(registry.name_of(i) for i in (*untold, *ids)),
                    f"Breach #{b.id}: more than 72 hours since we became aware of a breach of data we process for "
                    f"others, and {names} is not recorded as told.",
                    "GDPR Art. 33(2), 33(5)",
                    f"Tell it now (breach draft {b.id} controller=NAME), then record it (breach notified {b.id} "
                    "controller=NAME at=DATE-TIME); name it first if needed (breach set ID about=NAME)",
                    ("breach", b.id or 0),
                )
            )
            continue
        if b.risk is None and not b.authority_notified:
            flags.append(
                Flag(
                    "breach-past-72h",
                    "high",
                    ids,
                    tuple(registry.name_of(i) for i in ids),
                    f"Breach #{b.id}: more than 72 hours since we became aware, and neither a risk assessment nor "
                    "a notification is recorded.",
                    "GDPR Art. 33(1), 33(2), 33(5)",
                    f'Assess it (breach assess {b.id} risk=none|risk|high reason="...") and notify now, with the '
                    "reasons for the delay",
                    ("breach", b.id or 0),
                )
            )
    since = add_months(now.date(), -REPEAT_MONTHS)
    at: dict[int, list[Breach]] = defaultdict(list)
    for b in breaches:
        if b.processor is not None and datetime.fromisoformat(b.aware).date() >= since:
            at[b.processor].append(b)
    for pid, found in sorted(at.items()):
        if len(found) >= REPEAT_COUNT:
            numbers = ", ".join(f"#{b.id}" for b in sorted(found, key=lambda b: b.aware))
            flags.append(
                Flag(
                    "repeated-breaches",
                    "medium",
                    (pid,),
                    (registry.name_of(pid),),
                    f"{len(found)} breaches at {registry.name_of(pid)} in the last {REPEAT_MONTHS} months ({numbers}).",
                    "GDPR Art. 28(1), 32",
                    "Ask the processor what it has changed, review its security measures and our DPA with it",
                    ("party", pid),
                )
            )
    return flags
