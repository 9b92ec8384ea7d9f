"""Commands that record who processes for whom: engage, sub-processors, transfers."""

from __future__ import annotations

from datetime import date

from chat.args import Args
from chat.commands import TABLE, Context
from chat.reply import Reply, sentence
from registry import special, validate
from registry.dates import parse_date, past_date
from registry.errors import Ambiguous, InputError
from registry.law import MECHANISMS, SCC_MODULES
from registry.models import Engagement, SubprocessorLink, Transfer
from registry.parties import describe
from registry.relations import (
    add_subprocessor,
    add_transfer,
    engage,
    find_engagements,
    find_subprocessor,
    remove_engagement,
    remove_subprocessor,
    remove_transfer,
)

ENGAGEMENT_DPA_KEYS = (
    "nature",
    "special",
    "duration",
    "purpose.en",
    "nature.en",
    "special.en",
    "duration.en",
    "retention.en",
    "data.en",
    "subjects.en",
)
NO_SPECIAL = special.NO_WORDS


def _dpa_fields(o: dict[str, str]) -> dict[str, object]:
    """The engagement's fields for the DPA's annex, validated; a key not given is left out (kept on update)."""
    out: dict[str, object] = {}
    for key in ENGAGEMENT_DPA_KEYS:
        raw = o.get(key, "")
        if not raw.strip() or key == "special":  # special=: with criminal= and national-id=, _special_fields
            continue
        name = key.replace(".", "_")
        if key in ("data.en", "subjects.en"):
            out[name] = validate.text_list(raw, key=key)
        elif key == "special.en" and raw.strip().casefold() in NO_SPECIAL:
            out[name] = "no"
        else:
            out[name] = validate.text(raw, key=key, limit=300)
    return out


NOT_NEEDED = ("not-needed", "not needed", "ikke-nødvendig", "ikke nødvendig", "none")


def _special_fields(o: dict[str, str], today: date) -> tuple[dict[str, object], tuple[str, ...]]:
    """The engagement's Art. 9, Art. 10, national-id and DPIA fields from special=, criminal=, national-id=,
    dpia= and reason=, and the fields among them that replace a stored value even when empty."""
    out: dict[str, object] = {}
    listed = special.Special(None, None, None)
    if o.get("special", "").strip():
        listed, text = special.parse(o["special"])
        if text is None:  # a list of categories: the annex words them; an older description would contradict
            out["special"] = None
            if not o.get("special.en", "").strip():
                out["special_en"] = None
        else:
            out["special"] = validate.text(text, key="special", limit=300)
        out["special_categories"] = None if listed.categories is None else list(listed.categories)
    for key, field, said in (
        ("criminal", "criminal", listed.criminal),
        ("national-id", "national_id", listed.national_id),
    ):
        given = validate.yes_no(o[key], key=key) if o.get(key, "").strip() else None
        if given is not None and said is not None and given != said:
            raise InputError(f"special= and {key}= disagree", value=o[key], accepted=f"one of them, e.g. {key}=yes")
        if given is not None or said is not None:
            out[field] = given if given is not None else said
    raw_dpia, reason = o.get("dpia", "").strip(), o.get("reason", "").strip()
    if reason and raw_dpia.casefold() not in NOT_NEEDED:
        raise InputError("reason= goes with dpia=not-needed", value=reason, accepted='dpia=not-needed reason="..."')
    if raw_dpia.casefold() in NOT_NEEDED:
        if not reason:
            raise InputError("dpia=not-needed needs reason=", accepted='dpia=not-needed reason="why no DPIA is needed"')
        out |= {"dpia": None, "dpia_not_needed": validate.text(reason, key="reason", limit=1000)}
    elif raw_dpia:
        out |= {"dpia": past_date(raw_dpia, today=today, key="dpia"), "dpia_not_needed": None}
    return out, tuple(out)


@TABLE.register(
    "engage",
    'engage PROCESSOR for=CONTROLLER[,CONTROLLER] purpose="..." [data="..."] [subjects="..."] '
    '[retention="..."] [basis=...] [start=DATE] [end=DATE] [nature="..."] [special=no|"..."] [duration="..."] '
    '[purpose.en="..."] [nature.en=...] [special.en=...] [duration.en=...] [retention.en=...] [data.en=...] '
    '[subjects.en=...] [criminal=yes|no] [national-id=yes|no] [dpia=DATE|not-needed reason="..."]',
    keys=(
        "for",
        "purpose",
        "data",
        "subjects",
        "retention",
        "basis",
        "start",
        "end",
        *ENGAGEMENT_DPA_KEYS,
        "criminal",
        "national-id",
        "dpia",
        "reason",
    ),
    words=(1, 1),
    writes=True,
)
def engage_cmd(ctx: Context, args: Args) -> Reply:
    """Record that a processor processes personal data for one or more controllers.

    Two or more controllers are joint controllers (Art. 26). A party engaged for itself (engage X for=X) is
    controller for processing it does in-house. data= and subjects= are comma-separated categories. The same
    processor, controllers and purpose again updates that engagement. start= is when the processing really
    started (an engagement's since=; sub-processors and transfers take since=); left out, it is unknown.

    For the DPA's description of the processing (Annex A): nature= the processing operations (what the processor
    does with the data); special= whether special categories (Art. 9) or criminal-offence data (Art. 10) are
    processed: no, or which ("helseopplysninger"); duration= how long the processing lasts, in real terms. Each
    text may also be given in English for English DPAs: purpose.en=, nature.en=, special.en=, duration.en=,
    retention.en=, data.en= and subjects.en= (the last two comma-separated, like data= and subjects=).

    special= may also list the special categories (Art. 9): racial-ethnic, political, religious, trade-union,
    genetic, biometric, health, sex-life (Norwegian words too: helse, biometri...), with criminal and
    national-id, e.g. special=health,biometric. criminal=yes|no: criminal-offence data (Art. 10);
    national-id=yes|no: fødselsnummer or d-nummer (personopplysningsloven § 12). dpia=DATE records the data
    protection impact assessment (Art. 35), dpia=not-needed reason="..." why none is needed; the review flags
    engagements that likely need one.
    """
    if "for" not in args.options or "purpose" not in args.options:
        raise InputError("for= and purpose= are required", accepted='engage PROCESSOR for=CONTROLLER purpose="..."')
    with ctx.registry.reading():
        processor = ctx.registry.find_party(args.words[0])
        controllers = [ctx.registry.find_party(n).id for n in args.options["for"].split(",") if n.strip()]
    o = args.options
    engagement = Engagement(
        processor=processor.id,
        controllers=list(dict.fromkeys(controllers)),
        purpose=validate.text(o["purpose"], key="purpose", limit=300),
        data=validate.text_list(o["data"], key="data") if o.get("data", "").strip() else [],
        subjects=validate.text_list(o["subjects"], key="subjects") if o.get("subjects", "").strip() else [],
        retention=validate.text(o["retention"], key="retention", limit=300) if o.get("retention") else None,
        basis=validate.text(o["basis"], key="basis", limit=300) if o.get("basis") else None,
        start=parse_date(o["start"], today=ctx.today) if o.get("start") else None,
        end=parse_date(o["end"], today=ctx.today) if o.get("end") else None,
    )
    sensitive, replace = _special_fields(o, ctx.today)
    for key, value in {**_dpa_fields(o), **sensitive}.items():
        setattr(engagement, key, value)
    if engagement.start and engagement.end and engagement.end < engagement.start:
        raise InputError("end= is before start=", value=o["end"], accepted="an end date on or after the start")
    saved, new = engage(ctx.registry, ctx.actor, engagement, replace=replace)
    with ctx.registry.reading():
        text = describe(ctx.registry, saved)
    warnings = special.data_warnings(saved)
    if saved.special and saved.special != "no" and special.recorded(saved) == special.Special(None, None, None):
        warnings.append(
            "special= names no category the review knows, so it counts as not recorded: list them "
            "(e.g. special=health,criminal) or say special=no."
        )
    body = sentence(f"{'Recorded' if new else 'Updated'} {text}") + "".join(f"\n⚠ {w}" for w in warnings)
    return Reply(body, data={"engagement": {"id": saved.id, **saved.to_doc()}, "warnings": warnings})


@TABLE.register(
    "engagement remove",
    'engagement remove PROCESSOR for=CONTROLLER [purpose="..."]',
    keys=("for", "purpose"),
    words=(1, 1),
    writes=True,
)
def engagement_remove(ctx: Context, args: Args) -> Reply:
    """Remove an engagement recorded by mistake (purpose= picks one when there are several)."""
    if "for" not in args.options:
        raise InputError("for= is required", accepted="engagement remove PROCESSOR for=CONTROLLER")
    with ctx.registry.reading():
        processor = ctx.registry.find_party(args.words[0])
        controller = ctx.registry.find_party(args.options["for"])
        found = find_engagements(ctx.registry, processor, controller, args.get("purpose"))
        if len(found) > 1:
            raise Ambiguous(args.get("purpose") or "that pair", [f'purpose="{e.purpose}"' for e in found])
        text = describe(ctx.registry, found[0])
    remove_engagement(ctx.registry, ctx.actor, found[0])
    return Reply(sentence(f"Removed {text}"), data={"removed": {"id": found[0].id, **found[0].to_doc()}})


@TABLE.register(
    "subprocessor add",
    'subprocessor add PROCESSOR SUBPROCESSOR service="..." [service.en="..."] [countries=US,IE] '
    "[authorisation=general|specific] [notified=DATE] [since=DATE]",
    keys=("service", "service.en", "countries", "authorisation", "notified", "since"),
    words=(2, 2),
    writes=True,
)
def subprocessor_add(ctx: Context, args: Args) -> Reply:
    """Record that a processor engages a sub-processor (Art. 28(2), 28(4)); chains may be any depth.

    service.en= is the service in English, for English DPAs. countries= are where the sub-processor processes the data; one outside the EEA is a transfer.
    authorisation= is the controller's prior written authorisation (general or specific); notified= when
    the controller was told (general) or approved it (specific). since= is when the sub-processor really started
    (not today unless it did): the review compares it with the DPA's signing date; left out, it is unknown.
    The same pair again updates the link (give since= to an existing one this way).
    """
    o = args.options
    processor, sub = ctx.pair(args)
    if "service" not in o:
        with ctx.registry.reading():
            existing = find_subprocessor(ctx.registry, processor, sub)
        if existing is None:
            raise InputError("service= is required for a new sub-processor", accepted='service="hosting"')
        o = {**o, "service": existing.service}
    link = SubprocessorLink(
        processor=processor.id,
        sub=sub.id,
        service=validate.text(o["service"], key="service", limit=300),
        service_en=validate.text(o["service.en"], key="service.en", limit=300) if o.get("service.en") else None,
        countries=validate.countries(o["countries"]) if o.get("countries", "").strip() else [],
        authorisation=validate.authorisation(o["authorisation"]) if o.get("authorisation") else None,
        notified=past_date(o["notified"], today=ctx.today, key="notified") if o.get("notified") else None,
        since=past_date(o["since"], today=ctx.today, key="since") if o.get("since") else None,
    )
    saved, new = add_subprocessor(
        ctx.registry, ctx.actor, link, cleared=_cleared(o, ("notified", "since", "service.en"))
    )
    with ctx.registry.reading():
        text = describe(ctx.registry, saved)
    return Reply(
        sentence(f"{'Recorded' if new else 'Updated'} {text}"),
        data={"subprocessor": {"id": saved.id, **saved.to_doc()}},
    )


def _cleared(options: dict[str, str], keys: tuple[str, ...]) -> tuple[str, ...]:
    """The fields of these options given with nothing after `key=`: emptied on an existing record."""
    return tuple(k.replace(".", "_") for k in keys if k in options and not options[k].strip())


@TABLE.register("subprocessor remove", "subprocessor remove PROCESSOR SUBPROCESSOR", words=(2, 2), writes=True)
def subprocessor_remove(ctx: Context, args: Args) -> Reply:
    """Remove a sub-processor link."""
    processor, sub = ctx.pair(args)
    link = remove_subprocessor(ctx.registry, ctx.actor, processor, sub)
    return Reply(f"Removed: {processor.name} no longer uses {sub.name}.", data={"removed": {"id": link.id}})


@TABLE.register(
    "transfer add",
    "transfer add EXPORTER IMPORTER country=CC mechanism=MECHANISM [module=1-4] [tia=DATE] [regular=yes|no] "
    '[note="..."] [since=DATE]',
    keys=("country", "mechanism", "module", "tia", "regular", "note", "since"),
    words=(2, 2),
    writes=True,
)
def transfer_add(ctx: Context, args: Args) -> Reply:
    """Record a transfer of personal data to an importer outside the EEA, and its legal mechanism.

    mechanism= is one of: adequacy, dpf, scc-2021 (with module=1-4), scc-unknown (clauses whose version is not
    stated; plain "scc" means this), scc-2010, bcr, art49, privacy-shield, safe-harbor, none. Invalid mechanisms are recorded as claimed, so they can be flagged for review.
    tia= is the date of the transfer impact assessment; regular= whether the transfer is regular (yes) or
    occasional (no), which an Art. 49 derogation needs to know; note= what the parties claim, in their words;
    since= when the transfer really started (left out, it is unknown). Repeating the command for the same exporter, importer and country updates the transfer.
    """
    o = args.options
    if "country" not in o or "mechanism" not in o:
        raise InputError(
            "country= and mechanism= are required",
            accepted=f"mechanism= one of {', '.join(MECHANISMS)}; e.g. country=US mechanism=dpf",
        )
    exporter, importer = ctx.pair(args)
    transfer = Transfer(
        exporter=exporter.id,
        importer=importer.id,
        country=validate.country(o["country"]),
        mechanism=validate.mechanism(o["mechanism"]),
        module=validate.scc_module(o["module"]) if o.get("module") else None,
        tia=past_date(o["tia"], today=ctx.today, key="tia") if o.get("tia") else None,
        regular=validate.yes_no(o["regular"], key="regular") if o.get("regular") else None,
        note=validate.text(o["note"], key="note", limit=1000) if o.get("note") else None,
        since=past_date(o["since"], today=ctx.today, key="since") if o.get("since") else None,
    )
    saved, new = add_transfer(
        ctx.registry, ctx.actor, transfer, cleared=_cleared(o, ("tia", "since", "note", "module"))
    )
    with ctx.registry.reading():
        text = describe(ctx.registry, saved)
    warnings = []
    if not MECHANISMS[saved.mechanism].valid:
        warnings.append(
            f"{MECHANISMS[saved.mechanism].label} is not a valid transfer mechanism "
            f"({MECHANISMS[saved.mechanism].reference}); it is recorded as claimed, for review."
        )
    if saved.mechanism == "scc-2021" and saved.module is None:
        modules = "; ".join(f"{n} {label}" for n, label in SCC_MODULES.items())
        warnings.append(f"No SCC module recorded; add module= ({modules}).")
    body = sentence(f"{'Recorded' if new else 'Updated'} {text}") + "".join(f"\n⚠ {w}" for w in warnings)
    return Reply(body, data={"transfer": {"id": saved.id, **saved.to_doc()}, "warnings": warnings})


@TABLE.register(
    "transfer remove", "transfer remove EXPORTER IMPORTER country=CC", keys=("country",), words=(2, 2), writes=True
)
def transfer_remove(ctx: Context, args: Args) -> Reply:
    """Remove a recorded transfer."""
    if "country" not in args.options:
        raise InputError("country= is required", accepted="transfer remove EXPORTER IMPORTER country=US")
    country = validate.country(args.options["country"])
    exporter, importer = ctx.pair(args)
    removed = remove_transfer(ctx.registry, ctx.actor, exporter, importer, country)
    return Reply(
        f"Removed the transfer from {exporter.name} to {importer.name} in {country}.",
        data={"removed": {"id": removed.id}},
    )
