"""The breach register (Art. 33(5)): report, correct, assess, record notifications, close, and purge the
personal details a set time after closing.

API for the chat layer and the Slack side (part B of issue 21): every write takes the registry and an Actor
(whose command line should carry no typed values: see registry.registry.redacted) and runs in one audited
transaction; business errors are InputError or RegistryError, and change nothing.

- `report(registry, actor, Report(...))` -> Breach: anyone may report (the shortcut, the modal, a DM, the
  command); the reply to the reporter is a receipt, never the register.
- `get`, `select(registry, "open"|"all")`, `against(registry, party_id)` (breaches at one processor),
  `open_breaches(registry)` (for App Home: open ones, soonest deadline first).
- `set_facts`, `correct_awareness`, `assess`, `notify_authority`, `notify_subjects`, `notify_controller`,
  `close`, `missing_to_close`.
- `reminders_sent(registry, actor, id, hours)` after the scheduler sent what `breaches.clock.reminders_due` gave.
- `purge(registry, actor, months=DETAIL_MONTHS)`: what the daily job calls; deletes the report's text and the
  reporter of breaches closed `months` ago (in the record and in the audit log), keeping the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from breaches import clock, route
from registry.dates import OSLO, add_months, oslo_time
from registry.errors import InputError, NotFound, RegistryError
from registry.models import Breach
from registry.registry import Actor, Registry

# How long the personal details of a closed breach (the report as written, who reported it) are kept: the
# general limitation period for claims (foreldelsesloven § 2, three years), so a complaint or a claim for
# damages (Art. 82) can still be answered from them. The facts are kept as documentation (Art. 33(5)).
DETAIL_MONTHS = 36
DETAILS = ("text", "reported_by", "origin")
RISKS = ("none", "risk", "high")
KINDS = ("confidentiality", "integrity", "availability")
SOURCES = ("console", "command", "shortcut", "dm", "modal")
# Facts `set_facts` may change, and the words people use for them.
FACTS = ("nature", "kinds", "data", "subjects", "people", "records", "consequences", "measures", "discovered")


@dataclass
class Report:
    """What the reporter says. discovered/aware are aware datetimes; aware defaults to discovered, else now."""

    text: str
    reported_by: str
    source: str = "command"
    discovered: datetime | None = None
    aware: datetime | None = None
    data: str | None = None
    subjects: str | None = None
    people: int | None = None
    measures: str | None = None
    processor: int | None = None
    about: list[int] = field(default_factory=list)
    origin: dict[str, Any] | None = None  # the Slack message it was reported from: channel, ts, author


def report(registry: Registry, actor: Actor, intake: Report) -> Breach:
    text = intake.text.strip()
    if not text:
        raise InputError("The report has no text: what happened?", accepted="breach new TEXT...")
    if intake.source not in SOURCES:
        raise InputError("Not a source", value=intake.source, accepted=", ".join(SOURCES))
    now = registry.clock()
    aware = intake.aware or intake.discovered or now
    if intake.discovered is not None and aware < intake.discovered:
        raise InputError(
            "We cannot have become aware before the breach was discovered",
            value=oslo_time(aware),
            accepted=f"aware= at or after discovered= ({oslo_time(intake.discovered)})",
        )
    with registry.change(actor) as w:
        decision = route.decide(registry, processor=intake.processor, about=intake.about)
        breach = Breach(
            text=text,
            reported_by=intake.reported_by,
            source=intake.source,
            reported=_iso(now),
            discovered=_iso(intake.discovered) if intake.discovered else None,
            aware=_iso(aware),
            data=intake.data,
            subjects=intake.subjects,
            people=intake.people,
            measures=intake.measures,
            processor=intake.processor,
            about=list(intake.about),
            role=decision.role,
            tell=decision.tell,
            origin=intake.origin,
        )
        return w.insert(breach)


def get(registry: Registry, breach_id: str | int) -> Breach:
    text = str(breach_id).strip().lstrip("#")
    if not (text.isdecimal() and len(text) <= 18):
        raise InputError("Not a breach number", value=breach_id, accepted="the number shown by breach list, e.g. 3")
    found = registry.store.table(Breach.table).get(doc_id=int(text))
    if found is None:
        raise NotFound("breach", f"#{int(text)}", exact=True, hint="`breach list all` shows every breach.")
    return Breach.from_doc(found, found.doc_id)


def select(registry: Registry, which: str) -> list[Breach]:
    """open (soonest deadline first) or all (open first, then the newest)."""
    everything = registry.all(Breach)
    if which == "open":
        return sorted((b for b in everything if b.status == "open"), key=clock.deadline)
    return sorted(everything, key=lambda b: (b.status != "open", -(b.id or 0)))


def open_breaches(registry: Registry) -> list[Breach]:
    with registry.reading():
        return select(registry, "open")


def against(registry: Registry, party_id: int) -> list[Breach]:
    """Breaches that happened at this processor or sub-processor, oldest first."""
    return sorted((b for b in registry.all(Breach) if b.processor == party_id), key=lambda b: b.aware)


def against_lines(registry: Registry, party_id: int) -> list[str]:
    """For `who`: the breaches at a processor, by number, awareness time, status and risk; no details."""
    return [
        f"#{b.id} aware {oslo_time(b.aware)} · {b.status} · risk: {b.risk or 'not assessed'}"
        for b in against(registry, party_id)
    ]


def set_facts(
    registry: Registry,
    actor: Actor,
    breach_id: str | int,
    changes: dict[str, Any],
    *,
    parties: tuple[int | None, list[int]] | None = None,
) -> tuple[Breach, route.Decision | None]:
    """Correct or add facts; `parties` (the processor it happened at, None for us; the controllers it concerns)
    routes the breach anew."""
    unknown = set(changes) - set(FACTS)
    if unknown:
        raise InputError(f"Not a fact of a breach: {', '.join(sorted(unknown))}", accepted=", ".join(FACTS))
    with registry.change(actor) as w:
        breach = _open(get(registry, breach_id))
        decision = None
        if parties is not None:
            processor, about = parties
            decision = route.decide(registry, processor=processor, about=about)
            changes = {**changes, "processor": processor, "about": about, "role": decision.role, "tell": decision.tell}
        if not changes:
            raise InputError("Nothing to change", accepted="breach set ID key=value ...")
        return w.update(breach, changes), decision


def correct_awareness(registry: Registry, actor: Actor, breach_id: str | int, *, at: datetime, reason: str) -> Breach:
    """A new awareness time, with the reason (the old one stays in the audit log). Reminders already sent stay
    sent; the deadline moves with it."""
    with registry.change(actor) as w:
        breach = _open(get(registry, breach_id))
        if breach.discovered and at < datetime.fromisoformat(breach.discovered):
            raise InputError(
                "We cannot have become aware before the breach was discovered",
                value=oslo_time(at),
                accepted=f"at or after {oslo_time(breach.discovered)} (breach set ID discovered=... to correct that)",
            )
        return w.update(breach, {"aware": _iso(at), "aware_reason": reason})


def assess(registry: Registry, actor: Actor, breach_id: str | int, *, risk: str, reason: str) -> Breach:
    if risk not in RISKS:
        raise InputError("Not a risk level", value=risk, accepted="none (unlikely to result in a risk), risk, high")
    with registry.change(actor) as w:
        breach = _controllers_own(_open(get(registry, breach_id)), "assess its risk")
        when = _iso(registry.clock())
        return w.update(breach, {"risk": risk, "risk_reason": reason, "risk_by": actor.user, "risk_at": when})


def _controllers_own(breach: Breach, what: str) -> Breach:
    """Refuse what only the controller does (Art. 33(1), 34) on a breach of data we process for others: as
    processor we tell the controller, whatever the risk (Art. 33(2)), and it decides and notifies."""
    if breach.role != "controller":
        raise RegistryError(
            f"Breach #{breach.id} concerns data we process for a controller: the controller must {what}, not we. "
            f"Tell it without undue delay, whatever the risk (Art. 33(2)): breach draft {breach.id} controller=NAME, "
            f"then breach notified {breach.id} controller=NAME at=DATE-TIME."
        )
    return breach


def notify_authority(
    registry: Registry, actor: Actor, breach_id: str | int, *, at: datetime, reference: str | None, delay: str | None
) -> Breach:
    """Datatilsynet was notified at `at`; after the 72 hours only with the reasons for the delay (Art. 33(1))."""
    with registry.change(actor) as w:
        breach = _controllers_own(_open(get(registry, breach_id)), "notify Datatilsynet")
        _after_awareness(breach, at, "The authority cannot have been notified")
        if clock.is_late(breach, at) and not delay:
            raise InputError(
                f"Notified {oslo_time(at)}, after the 72-hour deadline {oslo_time(clock.deadline(breach))}: "
                "Art. 33(1) requires the reasons for the delay",
                accepted='delay="why it took longer"',
            )
        changes = {"authority_notified": _iso(at), "authority_reference": reference, "delay_reason": delay or None}
        return w.update(breach, changes)


def notify_subjects(
    registry: Registry, actor: Actor, breach_id: str | int, *, on: date | None, not_needed: str | None
) -> Breach:
    """The data subjects were told on `on` (Art. 34(1)), or are not, for the reason given (Art. 34(3))."""
    with registry.change(actor) as w:
        breach = _controllers_own(_open(get(registry, breach_id)), "tell the data subjects")
        if on is not None and on < clock.aware_at(breach).astimezone(OSLO).date():
            raise InputError(
                f"The data subjects cannot have been told before we were aware of the breach ({oslo_time(clock.aware_at(breach))})",
                value=on.isoformat(),
                accepted="the day they were told",
            )
        return w.update(breach, {"subjects_notified": on, "subjects_not_needed": None if on else not_needed})


def notify_controller(registry: Registry, actor: Actor, breach_id: str | int, *, party: int, at: datetime) -> Breach:
    with registry.change(actor) as w:
        breach = _open(get(registry, breach_id))
        if party not in breach.tell:
            names = ", ".join(registry.name_of(p) for p in breach.tell) or "none"
            raise InputError(
                f"{registry.name_of(party)} is not a controller to tell of breach #{breach.id} (to tell: {names})",
                accepted=f"one of them, or first name the controller whose data it is: breach set {breach.id} about=NAME",
            )
        _after_awareness(breach, at, "The controller cannot have been told")
        kept = [n for n in breach.controllers_notified if n.get("party") != party]
        return w.update(breach, {"controllers_notified": [*kept, {"party": party, "at": _iso(at)}]})


def missing_to_close(registry: Registry, breach: Breach) -> list[str]:
    """What the documentation still lacks before the breach may be closed, each with the command that records it
    (call inside registry.reading() or a change)."""
    i = breach.id
    missing = []
    if not breach.nature:
        missing.append(f'what happened, in words without names (breach set {i} nature="...")')
    if breach.role == "controller":
        if breach.risk is None:
            missing.append(f'the risk assessment (breach assess {i} risk=none|risk|high reason="...")')
        elif breach.risk in ("risk", "high") and not breach.authority_notified:
            missing.append(f"the notification to Datatilsynet (breach notified {i} authority=DATE-TIME)")
        if (
            breach.authority_notified
            and clock.is_late(breach, datetime.fromisoformat(breach.authority_notified))
            and not breach.delay_reason
        ):  # late since awareness was corrected to an earlier time
            missing.append(
                f"the reasons the notification came after the 72 hours, Art. 33(1) (breach notified {i} "
                'authority=DATE-TIME delay="...")'
            )
        if breach.risk == "high" and not (breach.subjects_notified or breach.subjects_not_needed):
            missing.append(
                f"the communication to the data subjects (breach notified {i} subjects=DATE, or subjects=not-needed "
                'reason="...")'
            )
    told = {n.get("party") for n in breach.controllers_notified}
    for pid in breach.tell:
        if pid not in told:
            name = registry.name_of(pid)
            missing.append(f'that {name} was told (breach notified {i} controller="{name}" at=DATE-TIME)')
    return missing


def close(registry: Registry, actor: Actor, breach_id: str | int, *, note: str | None) -> Breach:
    with registry.change(actor) as w:
        breach = _open(get(registry, breach_id))
        missing = missing_to_close(registry, breach)
        if missing:
            raise RegistryError(f"Breach #{breach.id} cannot be closed yet. Missing: " + "; ".join(missing) + ".")
        changes = {"status": "closed", "closed": _iso(registry.clock()), "closed_by": actor.user, "close_note": note}
        return w.update(breach, changes)


def reminders_sent(registry: Registry, actor: Actor, breach_id: int, hours: list[int]) -> None:
    with registry.change(actor) as w:
        breach = get(registry, breach_id)
        new = sorted(set(breach.reminders_sent) | set(hours))
        if new != breach.reminders_sent:
            w.update(breach, {"reminders_sent": new})


def purge(registry: Registry, actor: Actor, *, months: int = DETAIL_MONTHS) -> list[int]:
    """Delete the report's text and who reported it from breaches closed more than `months` ago, in the record
    and in the audit log; the facts stay as the Art. 33(5) documentation. Safe to run again; returns the ids."""
    today = registry.clock().date()
    with registry.change(actor) as w:
        due = [
            b
            for b in registry.all(Breach)
            if b.status == "closed"
            and b.closed
            and (b.text or b.reported_by)
            and add_months(datetime.fromisoformat(b.closed).date(), months) <= today
        ]
        for breach in due:
            changes = {"text": "", "reported_by": "", "origin": None}
            w.update(breach, {**changes, "details_deleted": breach.details_deleted or today})
        ids = {b.id for b in due if b.id is not None}
        w.redact_history(Breach, ids, DETAILS, people=frozenset(b.reported_by for b in due if b.reported_by))
        return sorted(ids)


def record_posted(registry: Registry, actor: Actor, breach_id: int, posted: list[dict[str, str]]) -> None:
    """Note the bot's Slack messages that show the report, so they are redacted when its details are deleted."""
    with registry.change(actor) as w:
        breach = get(registry, breach_id)
        w.update(breach, {"posted": [*breach.posted, *posted]})


def set_undelivered(registry: Registry, actor: Actor, breach_id: int, *, undelivered: bool) -> None:
    with registry.change(actor) as w:
        breach = get(registry, breach_id)
        if breach.undelivered != undelivered:
            w.update(breach, {"undelivered": undelivered})


def undelivered(registry: Registry) -> list[Breach]:
    """Breaches whose card Slack did not take, oldest first."""
    with registry.reading():
        return sorted((b for b in registry.all(Breach) if b.undelivered), key=lambda b: b.id or 0)


def to_redact(registry: Registry) -> list[tuple[Breach, list[dict[str, str]]]]:
    """Breaches whose details were deleted, with the bot's Slack messages that still show them."""
    with registry.reading():
        return [(b, list(b.posted)) for b in registry.all(Breach) if b.details_deleted and b.posted]


def forget_posted(registry: Registry, actor: Actor, breach_id: int, done: list[dict[str, str]]) -> None:
    with registry.change(actor) as w:
        breach = get(registry, breach_id)
        w.update(breach, {"posted": [m for m in breach.posted if m not in done]})


def _after_awareness(breach: Breach, at: datetime, what: str) -> None:
    if at < clock.aware_at(breach):
        raise InputError(
            f"{what} before we were aware of the breach",
            value=oslo_time(at),
            accepted=f"at or after {oslo_time(breach.aware)}",
        )


def _open(breach: Breach) -> Breach:
    if breach.status == "closed":
        raise RegistryError(f"Breach #{breach.id} is closed; its documentation stays as it is.")
    return breach


def _iso(moment: datetime) -> str:
    """Stored as Norwegian time with its offset, to the second."""
    return moment.astimezone(OSLO).isoformat(timespec="seconds")
