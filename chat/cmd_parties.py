"""Commands on parties: party add / set / show / list / remove."""

from __future__ import annotations

from typing import Any

from chat.args import Args, page_number
from chat.commands import TABLE, Context
from chat.render import party_data, party_line, party_view_data, party_view_text
from chat.reply import Reply, sentence
from registry import validate
from registry.dates import past_date
from registry.law import SECTORS
from registry.models import Party
from registry.parties import CHANNEL, add_party, remove_party, update_party
from registry.views import ROLES, list_parties, party_view, roles_of

PARTY_KEYS = (
    "orgnr",
    "country",
    "address",
    "email",
    "dpo",
    "dpo-of",
    "channel",
    "aliases",
    "self",
    "dpf",
    "dpf-checked",
    "sector",
    "gdpr-applies",
    "measures",
    "contact",
    "locations",
)
PAGE_SIZE = 50


def party_changes(ctx: Context, options: dict[str, str], *, current: Party | None) -> dict[str, Any]:
    """Typed field values from key=value options; an empty value clears an optional field."""
    changes: dict[str, Any] = {}
    if "country" in options:
        changes["country"] = validate.country(options["country"]) if options["country"].strip() else None
    country = changes.get("country", current.country if current else None)
    for key, raw in options.items():
        value = raw.strip()
        if key == "country":
            continue
        if key == "name":
            changes["name"] = validate.text(raw, key="name", limit=200)
        elif key == "self":
            changes["is_self"] = validate.yes_no(value, key="self")
        elif not value:
            changes[_FIELD.get(key, key)] = [] if key in ("aliases", "measures", "locations") else None
        elif key == "orgnr":
            changes["orgnr"] = validate.org_id(value, country=country)
            if country is None:
                changes["country"] = "NO"  # a valid Norwegian organisation number says where the party is
        elif key == "address":
            changes["address"] = validate.text(raw, key="address", limit=300)
        elif key in ("email", "dpo"):
            changes[key] = validate.email(value)
        elif key == "dpo-of":
            changes["dpo_of"] = ctx.registry.find_party(value).id
        elif key == "channel":
            changes[CHANNEL] = validate.channel(value)
        elif key == "aliases":
            changes["aliases"] = validate.text_list(raw, key="aliases")
        elif key == "dpf":
            changes["dpf"] = validate.yes_no(value, key="dpf")
        elif key == "dpf-checked":
            changes["dpf_checked"] = past_date(value, today=ctx.today, key="dpf-checked")
        elif key == "measures":
            changes["measures"] = validate.text_list(raw, key="measures", separator=";")
        elif key == "contact":
            changes["contact"] = validate.text(raw, key="contact", limit=300)
        elif key == "locations":
            changes["locations"] = validate.countries(value)
        elif key == "sector":
            changes["sector"] = validate.choice(value, key="sector", options=SECTORS)
        elif key == "gdpr-applies":
            changes["gdpr_applies"] = validate.yes_no(value, key="gdpr-applies")
    return changes


_FIELD = {"dpo-of": "dpo_of", "dpf-checked": "dpf_checked", "gdpr-applies": "gdpr_applies"}


@TABLE.register(
    "party add",
    "party add NAME [orgnr=] [country=] [address=] [email=] [dpo=] [dpo-of=PARTY] [channel=] "
    '[aliases="A, B"] [self=yes] [dpf=yes|no] [dpf-checked=DATE] '
    "[sector=commercial|public|non-profit|international] [gdpr-applies=yes|no] "
    '[measures="A; B"] [contact="..."] [locations=NO,SE]',
    keys=PARTY_KEYS,
    words=(1, 1),
    writes=True,
)
def party_add(ctx: Context, args: Args) -> Reply:
    """Add an organisation to the registry.

    orgnr is the Norwegian organisation number (checked), or any id for a foreign party (set country= too).
    email is the privacy contact; dpo the data protection officer's e-mail; dpo-of the group company whose
    DPO serves this party; channel the Slack channel that receives its inquiries; self=yes marks our own
    organisation; dpf says whether it is certified under the EU-US Data Privacy Framework; sector whether it is a
    commercial, public or non-profit body or an international organisation (adequacy decisions differ in whom
    they cover; a transfer to an international organisation is one wherever it sits); gdpr-applies=yes that it
    is subject to the GDPR itself though established outside the EEA (Art. 3(2)); measures the
    technical and organisational security measures it takes as a processor (Art. 32), separated by ';', for the
    annex of the DPAs it signs; contact the named contact person for its DPAs (name, role, e-mail); locations the
    countries where it processes personal data itself as a processor, printed in the DPA's Annex A (without them
    the DPA gives its country of establishment and the reply says so).
    """
    name = validate.text(args.words[0], key="name", limit=200)
    with ctx.registry.reading():
        fields = party_changes(ctx, args.options, current=None)
    channel = fields.pop(CHANNEL, None)
    party = add_party(ctx.registry, ctx.actor, Party(name=name, **fields), channel=channel)
    with ctx.registry.reading():
        data = party_data(ctx.registry, party)
    return Reply(sentence(f"Added {party.name}"), data={"party": data})


@TABLE.register(
    "party set",
    "party set NAME key=value ...",
    keys=(*PARTY_KEYS, "name"),
    words=(1, 1),
    writes=True,
)
def party_set(ctx: Context, args: Args) -> Reply:
    """Change a party's details; `key=` with nothing after it clears that detail.

    Accepts the keys of `party add`, and name= to rename.
    """
    with ctx.registry.reading():
        party = ctx.registry.find_party(args.words[0])
        changes = party_changes(ctx, args.options, current=party)
    updated = update_party(ctx.registry, ctx.actor, party, changes)
    what = ", ".join(sorted(args.options))
    with ctx.registry.reading():
        data = party_data(ctx.registry, updated)
    return Reply(f"Updated {updated.name}: {what}.", data={"party": data})


@TABLE.register("party show", "party show NAME", words=(1, 1))
def party_show(ctx: Context, args: Args) -> Reply:
    """Show a party's details and everything it is involved in (the same as `who`)."""
    with ctx.registry.reading():
        view = party_view(ctx.registry, ctx.registry.find_party(args.words[0]))
        return Reply(party_view_text(ctx.registry, view), data=party_view_data(ctx.registry, view))


@TABLE.register(
    "party list",
    "party list [role=controller|processor|subprocessor] [country=CC] [page=N]",
    keys=("role", "country", "page"),
)
def party_list(ctx: Context, args: Args) -> Reply:
    """List parties by name, optionally only those playing a role or in a country, 50 to a page."""
    role = validate.choice(args.options["role"], key="role", options=ROLES) if "role" in args.options else None
    country = validate.country(args.options["country"]) if "country" in args.options else None
    with ctx.registry.reading():
        parties = list_parties(ctx.registry, role=role, country=country)
        total = len(parties)
        page = page_number(args.get("page"), total=total, size=PAGE_SIZE)
        shown = parties[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        lines = [party_line(p, roles_of(ctx.registry, p)) for p in shown]
        items = [{"id": p.id, "name": p.name, "country": p.country, "roles": roles_of(ctx.registry, p)} for p in shown]
    filters = " ".join(f"{k}={v}" for k, v in (("role", role), ("country", country)) if v)
    if not total:
        return Reply(f"No parties{' with ' + filters if filters else ''}.", data={"parties": [], "total": 0})
    head = f"{total} part{'y' if total == 1 else 'ies'}{' with ' + filters if filters else ''}"
    if total > PAGE_SIZE:
        first = (page - 1) * PAGE_SIZE + 1
        head += f", showing {first}–{first + len(shown) - 1}"
        if page * PAGE_SIZE < total:
            head += f" (`party list {filters + ' ' if filters else ''}page={page + 1}` for more)"
    return Reply(head + ":\n" + "\n".join(lines), data={"parties": items, "total": total, "page": page})


@TABLE.register("party remove", "party remove NAME", words=(1, 1), writes=True)
def party_remove(ctx: Context, args: Args) -> Reply:
    """Remove a party. Refused while anything refers to it; the reply says what does."""
    with ctx.registry.reading():
        party = ctx.registry.find_party(args.words[0])
    remove_party(ctx.registry, ctx.actor, party)
    return Reply(sentence(f"Removed {party.name}"), data={"removed": {"id": party.id, "name": party.name}})
