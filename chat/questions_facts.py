"""Pieces every answer to a question uses: the asker's context, wording in two languages, and cited sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chat.questions_match import ActivityTarget
from registry.models import RELATIONS, Agreement, Engagement, Party, Record, SubprocessorLink, Transfer
from registry.registry import Registry

MAX_ITEMS = 5  # list items shown in one answer before "and N more"
MAX_SOURCES = 4  # sources named in the text (all of them go in the data)
_STATUS_NB = {
    "draft": "utkast",
    "sent": "sendt",
    "signed": "signert",
    "terminated": "avsluttet",
    "superseded": "erstattet",
}
_STATUS_RANK = {"signed": 3, "sent": 2, "draft": 1, "terminated": 0}
_KIND_WORDS = {
    "party": ("party", "part"),
    "engagement": ("engagement", "behandling"),
    "subprocessor": ("sub-processor link", "underdatabehandler"),
    "transfer": ("transfer", "overføring"),
    "agreement": ("DPA", "databehandleravtale"),
}


@dataclass
class Ask:
    """One question being answered: the registry, the asker's language, our own party and today's date."""

    registry: Registry
    lang: str
    me: Party | None
    today: date
    we: bool = False  # the question speaks of "we/us/our"

    def tr(self, en: str, nb: str) -> str:
        return nb if self.lang == "nb" else en

    def name(self, party_id: int) -> str:
        """A party's name, marked when it is our own organisation."""
        name = self.registry.name_of(party_id)
        return f"{name} ({self.tr('us', 'oss')})" if self.is_me(party_id) else name

    def is_me(self, party_id: int) -> bool:
        return self.me is not None and party_id == self.me.id

    def join(self, items: Iterable[str]) -> str:
        """'A', 'A and B', 'A, B and C' (og in Norwegian)."""
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + self.tr(" and ", " og ") + items[-1]

    def names(self, party_ids: Iterable[int]) -> str:
        return self.join(self.name(p) for p in party_ids)

    def date(self, d: date) -> str:
        return d.isoformat() if self.lang == "en" else d.strftime("%d.%m.%Y")

    def quote(self, text: str) -> str:
        return f"'{text}'" if self.lang == "en" else f"«{text}»"

    def title(self, e: Engagement) -> str:
        """An engagement as people know it: its purpose, and who processes for whom."""
        controllers = self.join(self.registry.name_of(c) for c in e.controllers)
        if e.in_house:
            return f"{self.quote(e.purpose)} ({controllers}, {self.tr('in-house', 'internt')})"
        return f"{self.quote(e.purpose)} ({self.registry.name_of(e.processor)} for {controllers})"

    def status(self, status: str) -> str:
        return _STATUS_NB.get(status, status) if self.lang == "nb" else status

    def dpo(self) -> str:
        """Who to ask: our DPO with the address on record, else the privacy team."""
        email = dpo_email(self.registry, self.me)
        if email:
            return self.tr(f"the DPO ({email})", f"personvernombudet ({email})")
        return self.tr("the privacy team", "personvernombudet")

    def bullets(self, items: list[str], *, indent: str = "") -> list[str]:
        lines = [f"{indent}• {item}" for item in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            lines.append(
                f"{indent}  " + self.tr(f"… and {len(items) - MAX_ITEMS} more", f"… og {len(items) - MAX_ITEMS} til")
            )
        return lines

    def capped(self, items: list[str], limit: int) -> str:
        """'A, B and C', or 'A, B and 3 more' past the limit."""
        if len(items) <= limit:
            return self.join(items)
        rest = len(items) - limit
        return ", ".join(items[:limit]) + self.tr(f" and {rest} more", f" og {rest} til")


def dpo_email(registry: Registry, me: Party | None) -> str | None:
    """Our DPO's e-mail: our own, else that of the group DPO who serves us."""
    if me is None:
        return None
    if me.dpo:
        return me.dpo
    if me.dpo_of is not None:
        group = registry.find(Party, me.dpo_of)
        return group.dpo if group else None
    return None


@dataclass
class Sources:
    """The registry records an answer rests on, cited in the text and listed in the reply's data."""

    ask: Ask
    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, *records: Record) -> None:
        for record in records:
            kind, label = self._describe(record)
            if not any(i["kind"] == kind and i["id"] == record.id for i in self.items):
                self.items.append({"kind": kind, "id": record.id, "label": label})

    def line(self) -> str:
        if not self.items:
            return ""
        ask = self.ask
        head = ask.tr("Source", "Kilde") if len(self.items) == 1 else ask.tr("Sources", "Kilder")
        shown = [f"{ask.tr(*_KIND_WORDS[i['kind']])} {i['label']}" for i in self.items[:MAX_SOURCES]]
        extra = len(self.items) - MAX_SOURCES
        more = ask.tr(f" and {extra} more", f" og {extra} til") if extra > 0 else ""
        return f"_{head}: {'; '.join(shown)}{more}_"

    def _describe(self, record: Record) -> tuple[str, str]:
        ask, name = self.ask, self.ask.registry.name_of
        if isinstance(record, Party):
            return "party", record.name
        if isinstance(record, Engagement):
            return "engagement", ask.title(record)
        if isinstance(record, SubprocessorLink):
            return "subprocessor", f"{name(record.processor)} → {name(record.sub)} ({record.service})"
        if isinstance(record, Transfer):
            return "transfer", f"{name(record.exporter)} → {name(record.importer)}, {record.country}"
        if isinstance(record, Agreement):
            return "agreement", f"{name(record.controller)} ↔ {name(record.processor)}, {ask.status(record.status)}"
        raise TypeError(f"not a registry record: {record!r}")


@dataclass
class Answer:
    """What an intent handler found: lines of text, the sources, and whether it really answered."""

    lines: list[str]
    sources: Sources
    answered: bool = True
    facts: dict[str, Any] = field(default_factory=dict)


def no_data(ask: Ask, party: Party) -> Answer:
    """The registry knows the party but nothing about its processing."""
    sources = Sources(ask)
    sources.add(party)
    text = ask.tr(
        f"The registry has nothing recorded about {party.name}'s processing yet, so I can't say. Ask {ask.dpo()}.",
        f"Registeret har ikke noe registrert om behandlingen hos {party.name} ennå, så det kan jeg ikke svare på. "
        f"Spør {ask.dpo()}.",
    )
    return Answer([text], sources, answered=False)


def has_processing(registry: Registry, party_id: int) -> bool:
    """Whether any engagement, sub-processor link, transfer or agreement names the party."""
    return any(isinstance(r, RELATIONS) for r in registry.references(party_id))


def sub_chain(registry: Registry, party_id: int) -> list[tuple[int, SubprocessorLink]]:
    """The sub-processors below a processor at any depth, as (depth, link), depth-first; cycles cut."""
    out: list[tuple[int, SubprocessorLink]] = []
    seen = {party_id}

    def walk(pid: int, depth: int) -> None:
        for link in registry.related(pid, SubprocessorLink):
            if link.processor != pid or link.sub in seen:
                continue
            seen.add(link.sub)
            out.append((depth, link))
            walk(link.sub, depth + 1)

    walk(party_id, 1)
    return out


def upstream(registry: Registry, party_id: int) -> list[tuple[SubprocessorLink, Engagement]]:
    """For a sub-processor: the engagements it ultimately serves, with the link it serves them through."""
    out: list[tuple[SubprocessorLink, Engagement]] = []
    seen = {party_id}
    todo = [link for link in registry.related(party_id, SubprocessorLink) if link.sub == party_id]
    while todo:
        link = todo.pop(0)
        if link.processor in seen:
            continue
        seen.add(link.processor)
        for record in registry.related(link.processor, Engagement):
            if record.processor == link.processor and not record.in_house:
                out.append((link, record))
        todo.extend(s for s in registry.related(link.processor, SubprocessorLink) if s.sub == link.processor)
    return out


def best_agreement(agreements: list[Agreement]) -> Agreement | None:
    """The agreement that says most: signed over sent over draft over terminated, then the newest."""
    if not agreements:
        return None
    return max(agreements, key=lambda a: (_STATUS_RANK.get(a.status, -1), a.version, a.signed or date.min))


def also_matched(ask: Ask, target: ActivityTarget, sources: Sources) -> list[str]:
    """Other processing that matched the question as well as ours did: named, so nothing is silently chosen."""
    if not target.others:
        return []
    sources.add(*target.others)
    titles = "; ".join(ask.title(e) for e in target.others[:2])
    return [ask.tr(f"(I took ours; also recorded: {titles}.)", f"(Jeg svarte om vår; registrert er også: {titles}.)")]


def engagement_facts(ask: Ask, e: Engagement) -> dict[str, object]:
    name = ask.registry.name_of
    return {
        "purpose": e.purpose,
        "controllers": [name(c) for c in e.controllers],
        "processor": name(e.processor),
        "in_house": e.in_house,
    }


def purposes(ask: Ask, engagements: list[Engagement]) -> str:
    return ask.capped([ask.quote(e.purpose) for e in engagements], 3)
