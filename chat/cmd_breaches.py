"""The breach commands: anyone reports a personal data breach; the privacy team routes it, assesses the risk,
records the notifications against the 72-hour clock, drafts the notices, and closes it (GDPR Arts. 33-34).

Every command line here that carries typed values is written to the audit log without them (the facts of a breach
may name people): `breach assess 3 (text withheld)`; the record's before and after show what changed, its
free text withheld.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from breaches import clock, drafts, register, route
from breaches.register import Report
from breaches.route import Recipient, recipients
from chat.args import Args, whole_number
from chat.commands import TABLE, Context
from chat.reply import Reply
from registry import validate
from registry.dates import oslo_time, past_date, past_datetime
from registry.errors import InputError
from registry.models import Breach
from registry.registry import Actor, Registry, redacted
from text.language import detect

LISTS = ("open", "all")
TEXT_LIMIT = 4000
ROLE_LINES = {
    "controller": "Our own data: we are the controller. The privacy team assesses the risk (Art. 33(1), 34(1)).",
    "processor": "Data we process for a controller: tell the controller without undue delay (Art. 33(2)); it "
    "assesses the risk and notifies Datatilsynet.",
    "sub-processor": "A breach at our sub-processor, of data we process for controllers: we must in turn tell them "
    "without undue delay (Art. 33(2)).",
}
RISK_WORDS = {"none": "unlikely to result in a risk", "risk": "a risk", "high": "a high risk"}


def _actor(ctx: Context) -> Actor:
    return Actor(user=ctx.user, command=redacted(ctx.line, "(text withheld)"))


def _text(args: Args, key: str, limit: int = 2000) -> str | None:
    value = args.get(key)
    return validate.text(value, key=key, limit=limit) if value else None


def _count(args: Args, key: str) -> int | None:
    raw = args.get(key)
    return None if raw is None else count(raw, key)


MOST = 10_000_000_000  # people or records in one breach: beyond every register on earth, so a typo


def count(raw: str, key: str) -> int:
    """A number of people or records, as people write it ("ca. 120", "~40")."""
    number = whole_number(raw.replace(" ", "").lstrip("~ca.").strip())
    if number is None:
        raise InputError(f"{key}= is a number (roughly is fine)", value=raw, accepted=f"{key}=120")
    if number > MOST:
        raise InputError(f"{key}= is more than anyone holds", value=raw, accepted=f"a number up to {MOST:,}")
    return number


@TABLE.register(
    "breach new",
    'breach new TEXT... [discovered=DATETIME] [aware=DATETIME] [data="..."] [subjects="..."] [people=N] '
    '[done="..."] [processor=NAME] [about=NAME]',
    keys=("discovered", "aware", "data", "subjects", "people", "done", "processor", "about"),
    words=(0, 1),
    writes=True,
    private=True,
    raw=True,
    everyone=True,
)
def breach_new(ctx: Context, args: Args) -> Reply:
    """Report a personal data breach: what happened, in your own words. Anyone may report one.

    discovered= is when it was discovered (e.g. "i går 14:30"; default: now); aware= when we became aware, from
    which the 72 hours count (default: discovered=). data= and subjects= say which data and whose, people= roughly
    how many, done= what has been done. processor= names the processor or sub-processor at which it happened;
    about= the controller whose data it is, when we process it for someone else. You get a receipt with what to
    do now; the report itself is seen only by the privacy team.
    """
    if not args.words:
        raise InputError("What happened? The report has no text", accepted=f"breach new TEXT... ({_USAGE_NEW})")
    text = validate.text(args.words[0], key="text", limit=TEXT_LIMIT)
    now = ctx.registry.clock()
    discovered = (
        past_datetime(args.options["discovered"], now=now, key="discovered") if args.get("discovered") else None
    )
    aware = past_datetime(args.options["aware"], now=now, key="aware") if args.get("aware") else None
    with ctx.registry.reading():
        processor = _processor(ctx, args.options["processor"]) if args.get("processor") else None
        about = _parties(ctx, args.options["about"]) if args.get("about") else []
    intake = Report(
        text=text,
        reported_by=ctx.user,
        source="console" if ctx.local else "command",
        discovered=discovered,
        aware=aware,
        data=_text(args, "data"),
        subjects=_text(args, "subjects"),
        people=_count(args, "people"),
        measures=_text(args, "done"),
        processor=processor,
        about=about,
    )
    breach = register.report(ctx.registry, ctx.actor, intake)
    lang = detect(text, among=("nb", "en"))
    receipt = receipt_text(breach, ctx.privacy_team, lang)
    if not ctx.is_dpo:
        return Reply(receipt, data={"breach": {"id": breach.id, "status": breach.status}, "receipt": receipt})
    return _summary(ctx, breach, with_text=False)


_USAGE_NEW = 'e.g. breach new "I sent the payroll list to the wrong customer" discovered="i dag 09:15"'


def receipt_text(breach: Breach, privacy_team: str, lang: str = "en") -> str:
    """What the reporter is told: the number, what happens next and what to do now; nothing of the register."""
    if lang == "nb":
        return (
            f"Takk. Avviket er meldt som #{breach.id} og er nå hos personvernteamet ({privacy_team}), som vurderer "
            "det. Loven gir oss 72 timer til å melde fra til Datatilsynet, så de kan ta kontakt med deg snart.\n"
            "Gjør dette nå:\n"
            "• Begrens skaden om du kan: be feil mottaker slette meldingen, sperr kontoen, bytt passord, meld fra om "
            "tapt utstyr.\n"
            "• Ta vare på bevisene: ikke slett e-post, logger eller filer om det som skjedde.\n"
            "• Ikke varsle de berørte selv; personvernteamet avgjør hvem som skal varsles.\n"
            f"• Får du vite mer, si fra til personvernteamet og oppgi #{breach.id}."
        )
    return (
        f"Thank you. Breach report #{breach.id} is with the privacy team ({privacy_team}), who will assess it. The "
        "law gives us 72 hours to notify Datatilsynet, so they may contact you soon.\n"
        "What to do now:\n"
        "• Contain it if you can: ask the wrong recipient to delete the message, lock the account, change "
        "passwords, report a lost device.\n"
        "• Keep the evidence: do not delete e-mails, logs or files about what happened.\n"
        "• Do not tell the people affected yourself; the privacy team decides who is told.\n"
        f"• If you learn more, tell the privacy team and quote #{breach.id}."
    )


def _processor(ctx: Context, name: str) -> int | None:
    """processor=: the party at which it happened; us/none: in our own systems."""
    if name.strip().lower() in ("us", "none", "oss", "vi"):
        return None
    party = ctx.registry.find_party(name)
    return None if party.is_self else party.id


def _parties(ctx: Context, names: str) -> list[int]:
    if names.strip().lower() == "none":
        return []
    found = [ctx.registry.find_party(n).id for n in validate.text_list(names, key="about")]
    return [pid for pid in dict.fromkeys(found) if pid is not None]


def _summary(ctx: Context, breach: Breach, *, with_text: bool) -> Reply:
    now = ctx.registry.clock()
    with ctx.registry.reading():
        data = breach_json(ctx, breach, with_text=with_text)
        found = recipients(ctx.registry, breach)
        missing = register.missing_to_close(ctx.registry, breach)
        i = breach.id
        lines = [
            f"Breach #{i} · {breach.status} · our role: {breach.role}",
            f"Aware {oslo_time(breach.aware)}"
            + (f" · discovered {oslo_time(breach.discovered)}" if breach.discovered else "")
            + f" · reported {oslo_time(breach.reported)} ({breach.source})",
            clock.clock_line(breach, now),
            *route_lines(ctx.registry, breach, found),
        ]
        if breach.status == "open":
            notes = route.decide(ctx.registry, processor=breach.processor, about=breach.about).notes
            lines += [f"⚠ {n}" for n in notes]
        if breach.role == "controller" or breach.risk:
            lines.append(_risk_line(breach))
        if breach.authority_notified:
            ref = f" (reference {breach.authority_reference})" if breach.authority_reference else ""
            late = f"; late, because: {breach.delay_reason}" if breach.delay_reason else ""
            lines.append(f"Datatilsynet notified {oslo_time(breach.authority_notified)}{ref}{late}.")
        elif breach.risk in ("risk", "high"):
            lines.append(f"Notify Datatilsynet: breach draft {i} authority gives the text for its form.")
        if breach.subjects_notified:
            lines.append(f"Data subjects told {breach.subjects_notified.isoformat()}.")
        elif breach.subjects_not_needed:
            lines.append(f"Data subjects not told: {breach.subjects_not_needed}")
        elif breach.risk == "high":
            lines.append(f"A high risk: tell the data subjects (Art. 34); breach draft {i} subjects drafts it.")
        lines.append("Facts: " + _facts(breach))
        if breach.status == "open" and missing:
            lines.append("Before closing: " + "; ".join(missing))
        if breach.status == "closed":
            lines.append(
                f"Closed {oslo_time(breach.closed or '')}" + (f": {breach.close_note}" if breach.close_note else "")
            )
        if with_text:
            if breach.details_deleted:
                lines.append(f"\nReport: (deleted {breach.details_deleted.isoformat()} under the retention rule)")
            else:
                lines.append(f"\nReport by {breach.reported_by}:\n{breach.text}")
    return Reply("\n".join(lines), data={"breach": data, "missing": missing})


def route_lines(registry: Registry, breach: Breach, found: list[Recipient]) -> list[str]:
    """Our role, where it happened, and each controller to tell with its contact, the hours our DPA gives and
    by when (inside registry.reading(); `found` is route.recipients of the breach)."""
    lines = [ROLE_LINES[breach.role]]
    if breach.processor is not None:
        lines.append(f"It happened at {registry.name_of(breach.processor)} (recorded against it: who, review).")
    for r in found:
        told = f" · told {oslo_time(r.told)}" if r.told else f" · tell by {oslo_time(r.by(clock.aware_at(breach)))}"
        lines.append(
            f"• {r.party.name} — contact: {r.contact or '(none on record)'} — DPA: {r.hours_text()}{told}. "
            f'Draft: breach draft {breach.id} controller="{r.party.name}" lang=nb|en'
        )
    return lines


def _risk_line(breach: Breach) -> str:
    if not breach.risk:
        return f'Risk: not assessed yet — breach assess {breach.id} risk=none|risk|high reason="..."'
    return f"Risk: {RISK_WORDS[breach.risk]} ({breach.risk_by}, {oslo_time(breach.risk_at or breach.aware)}): {breach.risk_reason}"


def _facts(breach: Breach) -> str:
    parts = [
        f"{label}: {value}"
        for label, value in (
            ("what", breach.nature),
            ("kind", ", ".join(breach.kinds)),
            ("data", breach.data),
            ("whose", breach.subjects),
            ("people", breach.people),
            ("records", breach.records),
            ("consequences", breach.consequences),
            ("measures", breach.measures),
        )
        if value not in (None, "")
    ]
    return " · ".join(parts) if parts else f"none recorded yet (breach set {breach.id} nature=... data=...)"


def breach_json(ctx: Context, breach: Breach, *, with_text: bool) -> dict[str, Any]:
    """The breach as data for the Slack side (call inside registry.reading())."""
    now = ctx.registry.clock()
    out: dict[str, Any] = {"id": breach.id, **breach.to_doc()}
    del out["text"], out["reported_by"], out["origin"], out["posted"], out["undelivered"]
    out["deadline"] = clock.deadline(breach).astimezone(clock.aware_at(breach).tzinfo).isoformat(timespec="seconds")
    out["deadline_text"] = oslo_time(clock.deadline(breach))
    out["hours_left"] = round(clock.hours_left(breach, now), 1)
    out["clock_stopped"] = clock.stopped(breach)
    out["reminders_due"] = clock.reminders_due(breach, now)
    out["processor"] = ctx.registry.name_of(breach.processor) if breach.processor is not None else None
    out["tell"] = [
        {
            "party": r.party.name,
            "contact": r.contact,
            "hours": r.hours,
            "hours_recorded": r.hours_recorded,
            "agreement": r.agreement,
            "told": r.told,
        }
        for r in recipients(ctx.registry, breach)
    ]
    out["about"] = [ctx.registry.name_of(p) for p in breach.about]
    out["controllers_notified"] = [
        {"party": ctx.registry.name_of(n["party"]), "at": n.get("at")} for n in breach.controllers_notified
    ]
    if with_text:
        out["text"] = breach.text or None
        out["reported_by"] = breach.reported_by or None
        out["origin"] = breach.origin
    return out


@TABLE.register("breach list", "breach list [open|all]", words=(0, 1), private=True)
def breach_list(ctx: Context, args: Args) -> Reply:
    """The breach register: open breaches, soonest deadline first (the default), or all."""
    which = validate.choice(args.words[0], key="list", options=LISTS) if args.words else "open"
    now = ctx.registry.clock()
    with ctx.registry.reading():
        found = register.select(ctx.registry, which)
        items = [breach_json(ctx, b, with_text=False) for b in found]
        lines = []
        for b in found:
            at = f" at {ctx.registry.name_of(b.processor)}" if b.processor is not None else ""
            risk = b.risk or "not assessed"
            what = (b.nature or "(facts not recorded)")[:80]
            lines.append(f"#{b.id} {b.status} · {b.role}{at} · risk: {risk} · {what}\n    {clock.clock_line(b, now)}")
    if not found:
        return Reply("No open breaches." if which == "open" else "No breaches recorded.", data={"breaches": []})
    head = f"{len(found)} {'open ' if which == 'open' else ''}breach{'es' if len(found) != 1 else ''}:"
    return Reply(head + "\n" + "\n".join(lines), data={"breaches": items})


@TABLE.register("breach show", "breach show ID", words=(1, 1), private=True)
def breach_show(ctx: Context, args: Args) -> Reply:
    """Everything about one breach, the report as written included (for the privacy team)."""
    with ctx.registry.reading():
        breach = register.get(ctx.registry, args.words[0])
    return _summary(ctx, breach, with_text=True)


SET_KEYS = (*register.FACTS, "processor", "about")


@TABLE.register(
    "breach set",
    'breach set ID [nature="..."] [kinds=confidentiality,integrity,availability] [data="..."] [subjects="..."] '
    '[people=N] [records=N] [consequences="..."] [measures="..."] [discovered=DATETIME] [processor=NAME|us] '
    "[about=NAME,...|none]",
    keys=SET_KEYS,
    words=(1, 1),
    writes=True,
    private=True,
)
def breach_set(ctx: Context, args: Args) -> Reply:
    """Record or correct the facts of a breach (the Art. 33(5) documentation), in words without names.

    nature= what happened; kinds= confidentiality, integrity and/or availability; data= and subjects= the
    categories; people= and records= the approximate numbers; consequences= the likely effects; measures= what
    was done or is proposed. processor= (the party at which it happened; us: our own systems) and about= (the
    controllers whose data it is) route it anew: who must be told follows from the registry.
    """
    o = args.options
    changes: dict[str, Any] = {}
    for key in ("nature", "data", "subjects", "consequences", "measures"):
        if key in o:
            changes[key] = validate.text(o[key], key=key) if o[key].strip() else None
    for key in ("people", "records"):
        if key in o:
            changes[key] = _count(args, key)
    if "kinds" in o:
        kinds = [k.lower() for k in validate.text_list(o["kinds"], key="kinds")]
        for k in kinds:
            validate.choice(k, key="kinds", options=register.KINDS)
        changes["kinds"] = list(dict.fromkeys(kinds))
    if "discovered" in o:
        changes["discovered"] = past_datetime(o["discovered"], now=ctx.registry.clock(), key="discovered").isoformat(
            timespec="seconds"
        )
    parties = None
    with ctx.registry.reading():
        current = register.get(ctx.registry, args.words[0])
        if "processor" in o or "about" in o:
            processor = _processor(ctx, o["processor"]) if "processor" in o else current.processor
            about = _parties(ctx, o["about"]) if "about" in o else current.about
            parties = (processor, about)
    breach, _ = register.set_facts(ctx.registry, _actor(ctx), args.words[0], changes, parties=parties)
    return _summary(ctx, breach, with_text=False)


@TABLE.register(
    "breach aware",
    'breach aware ID at=DATETIME reason="..."',
    keys=("at", "reason"),
    words=(1, 1),
    writes=True,
    private=True,
)
def breach_aware(ctx: Context, args: Args) -> Reply:
    """Correct when we became aware of the breach, with the reason: the 72 hours count from it (Art. 33(1)).

    The earlier time stays in the audit log.
    """
    if not args.get("at") or not args.get("reason"):
        raise InputError("at= and reason= are both required", accepted='breach aware ID at="i går 14:30" reason="..."')
    at = past_datetime(args.options["at"], now=ctx.registry.clock(), key="at")
    reason = validate.text(args.options["reason"], key="reason", limit=1000)
    breach = register.correct_awareness(ctx.registry, _actor(ctx), args.words[0], at=at, reason=reason)
    return _summary(ctx, breach, with_text=False)


@TABLE.register(
    "breach assess",
    'breach assess ID risk=none|risk|high reason="..."',
    keys=("risk", "reason"),
    words=(1, 1),
    writes=True,
    private=True,
)
def breach_assess(ctx: Context, args: Args) -> Reply:
    """Record the risk assessment and its reasoning: none (unlikely to result in a risk: documented, not
    notified), risk (notify Datatilsynet within 72 hours) or high (also tell the data subjects, Art. 34)."""
    if not args.get("risk") or not args.get("reason"):
        raise InputError(
            "risk= and reason= are both required: the decision is documented with its reasoning",
            accepted='breach assess ID risk=none|risk|high reason="..."',
        )
    risk = validate.choice(args.options["risk"].lower(), key="risk", options=register.RISKS)
    reason = validate.text(args.options["reason"], key="reason", limit=2000)
    breach = register.assess(ctx.registry, _actor(ctx), args.words[0], risk=risk, reason=reason)
    return _summary(ctx, breach, with_text=False)


@TABLE.register(
    "breach notified",
    'breach notified ID authority=DATETIME [reference=...] [delay="..."] | subjects=DATE|not-needed '
    '[reason="..."] | controller=NAME at=DATETIME',
    keys=("authority", "reference", "delay", "subjects", "reason", "controller", "at"),
    words=(1, 1),
    writes=True,
    private=True,
)
def breach_notified(ctx: Context, args: Args) -> Reply:
    """Record a notification: to Datatilsynet (authority=, when; after the 72 hours only with delay=, the reasons
    for the delay), to the data subjects (subjects=, the date; or subjects=not-needed with reason=, an Art. 34(3)
    exception), or to a controller whose data it is (controller= and at=)."""
    o = args.options
    given = [k for k in ("authority", "subjects", "controller") if k in o]
    if len(given) != 1:
        raise InputError(
            "Say which notification: one of authority=, subjects= or controller=",
            accepted='authority=DATETIME | subjects=DATE|not-needed reason="..." | controller=NAME at=DATETIME',
        )
    stray = [
        k
        for k in o
        if k
        not in {
            "authority": ("authority", "reference", "delay"),
            "subjects": ("subjects", "reason"),
            "controller": ("controller", "at"),
        }[given[0]]
    ]
    if stray:
        raise InputError(
            f"{stray[0]}= does not go with {given[0]}=", accepted=f"usage: {TABLE.commands['breach notified'].usage}"
        )
    now = ctx.registry.clock()
    actor = _actor(ctx)
    if given[0] == "authority":
        at = past_datetime(o["authority"], now=now, key="authority")
        reference = validate.text(o["reference"], key="reference", limit=200) if o.get("reference") else None
        delay = validate.text(o["delay"], key="delay", limit=2000) if o.get("delay") else None
        breach = register.notify_authority(ctx.registry, actor, args.words[0], at=at, reference=reference, delay=delay)
    elif given[0] == "subjects":
        if o["subjects"].strip().lower() == "not-needed":
            if not o.get("reason"):
                raise InputError(
                    "Why are the data subjects not told? reason= is required (Art. 34(3): the data was "
                    "unintelligible to others, later measures removed the high risk, or telling each would take "
                    "disproportionate effort and a public notice is made instead)",
                    accepted='subjects=not-needed reason="..."',
                )
            reason = validate.text(o["reason"], key="reason", limit=2000)
            breach = register.notify_subjects(ctx.registry, actor, args.words[0], on=None, not_needed=reason)
        else:
            if o.get("reason"):
                raise InputError("reason= is for subjects=not-needed", accepted="subjects=DATE")
            on = past_date(o["subjects"], today=ctx.today, key="subjects", what="when the data subjects were told")
            breach = register.notify_subjects(ctx.registry, actor, args.words[0], on=on, not_needed=None)
    else:
        if not o.get("at"):
            raise InputError("When was the controller told? at= is required", accepted="controller=NAME at=DATETIME")
        at = past_datetime(o["at"], now=now, key="at")
        with ctx.registry.reading():
            party = ctx.registry.find_party(o["controller"])
        breach = register.notify_controller(ctx.registry, actor, args.words[0], party=party.id or 0, at=at)
    return _summary(ctx, breach, with_text=False)


@TABLE.register(
    "breach draft",
    "breach draft ID [authority|controller=NAME|subjects] [lang=nb|en]",
    keys=("controller", "lang"),
    words=(1, 2),
    private=True,
)
def breach_draft(ctx: Context, args: Args) -> Reply:
    """Draft a notification from what is recorded, marking what is missing: Datatilsynet's, section by section,
    to paste into its form (authority, the default for our own data); our notice to a controller with the
    content of Art. 33(3) (controller=NAME, the default when we are its processor); or the communication to the
    data subjects (subjects). lang= nb (the default) or en."""
    lang = validate.choice(args.get("lang") or "nb", key="lang", options=drafts.LANGS)
    which = args.words[1].lower() if len(args.words) > 1 else None
    if which is not None and which not in ("authority", "subjects"):
        raise InputError("Not a kind of draft", value=args.words[1], accepted="authority, controller=NAME or subjects")
    if which and args.get("controller"):
        raise InputError("Give one kind of draft", accepted="authority, controller=NAME or subjects")
    with ctx.registry.reading():
        breach = register.get(ctx.registry, args.words[0])
        if args.get("controller"):
            party = ctx.registry.find_party(args.options["controller"])
            recipient = drafts.recipient_for(ctx.registry, breach, party.id or 0)
            if recipient is None:
                names = ", ".join(ctx.registry.name_of(p) for p in breach.tell) or "none"
                raise InputError(
                    f"{party.name} is not among the controllers this breach must be told to",
                    accepted=f"one of: {names} (breach set {breach.id} about=NAME to add one)",
                )
            texts = [drafts.controller_notice(ctx.registry, breach, recipient, lang)]
        elif which in ("subjects", "authority") and breach.role != "controller":
            raise InputError(
                f"Breach #{breach.id} concerns data we process for a controller: the controller notifies Datatilsynet "
                "and the data subjects, not we",
                accepted=f"breach draft {breach.id} controller=NAME (our notice to it, Art. 33(2))",
            )
        elif which == "subjects":
            texts = [drafts.subjects_draft(ctx.registry, breach, lang)]
        elif which == "authority" or breach.role == "controller" or not breach.tell:
            texts = [drafts.authority_draft(ctx.registry, breach, lang)]
        else:
            texts = [drafts.controller_notice(ctx.registry, breach, r, lang) for r in recipients(ctx.registry, breach)]
    text = "\n\n———\n\n".join(texts)
    return Reply(text, data={"breach": breach.id, "lang": lang, "drafts": texts})


@TABLE.register("breach close", 'breach close ID [note="..."]', keys=("note",), words=(1, 1), writes=True, private=True)
def breach_close(ctx: Context, args: Args) -> Reply:
    """Close a breach once its documentation is complete: the facts, the risk assessment, and the notifications
    it calls for (says what is missing). The personal details are deleted after the retention period; the
    documentation stays."""
    note = validate.text(args.options["note"], key="note", limit=1000) if args.get("note") else None
    breach = register.close(ctx.registry, _actor(ctx), args.words[0], note=note)
    return replace(_summary(ctx, breach, with_text=False), text=f"Breach #{breach.id} closed.")
