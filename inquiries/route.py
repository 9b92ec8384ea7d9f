"""Who must answer an inquiry: the parties it is about, our role for that data, and what decided it.

If we are the controller, our DPO answers. If we only process the data for someone else, the controller
answers and we must forward promptly without answering ourselves (Art. 28(3)(e); 2021/915 Clause 8). Joint
controllers both receive it. A group DPO (`dpo-of`) receives for the subsidiary. When the text does not
settle it, the privacy team gets the candidates and what would settle it, never a confident guess.

The evidence, strongest first (inquiries/route_evidence.py reads it from the text): an organisation the
sender says they are a customer of; org numbers, e-mail domains, names and aliases; processings named by
distinctive words. Every route says which evidence decided it. Call `route` inside registry.reading().
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inquiries.route_evidence import CUSTOMER, PROCESSING, Evidence, Reading
from inquiries.route_evidence import Known as Known  # re-exported: callers read the text with it
from inquiries.route_evidence import find_mentions as find_mentions
from inquiries.route_evidence import named_by_dpo as named_by_dpo
from registry.models import Engagement, Party
from registry.registry import Registry

ALONE = 1.8  # rare-word weight of two or more distinctive words for a processing to decide by itself
VERY_RARE = 2.5  # ... or of one word (Zipf 1 or less: a product name, a term nobody uses in everyday text)
WITH_NAME = 0.5  # ... when an organisation the text names takes part in it
PARTY = 2.0  # what each named organisation taking part adds to a processing's score
TIE = 0.75  # processings scoring within this of the best are too close to choose between
SHOWN = 5  # candidates listed by name
SETTLE = (
    "Which company's customer is the sender, or which service is it about? Ask the sender if need be, then "
    "`inquiry forward {id} to=NAME` for another controller; if it is ours, answer it."
)
_RANK = {"org number": 3, "e-mail domain": 3, "named by the DPO": 3, "name": 2, "alias": 2}  # typos: 1


@dataclass
class Route:
    role: str  # controller (we answer), processor (forward), joint, other (someone else's processing), unclear
    to: list[int]  # the parties that must answer, first is the main one
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    settle: str = ""  # what would settle an unclear case; {id} stands for the inquiry's number
    must_not_answer: bool = False
    decided_by: list[str] = field(default_factory=list)  # the evidence that decided, as shown to people

    def to_json(self, registry: Registry) -> dict[str, Any]:
        return {
            "to": registry.name_of(self.to[0]) if self.to else None,
            "to_all": [registry.name_of(p) for p in self.to],
            "role": self.role,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "candidates": self.candidates,
            "settle": self.settle,
            "must_not_answer": self.must_not_answer,
        }


def describe(registry: Registry, ev: Evidence) -> str:
    """One piece of evidence as people read it: "org number 921 183 739 (Septer AS)"."""
    name = registry.name_of(ev.party_id)
    if ev.how == PROCESSING and ev.engagement_id is not None:
        purpose = registry.get(Engagement, ev.engagement_id).purpose
        return f"processing '{purpose}' by the words {', '.join(ev.words)}"
    if ev.how == CUSTOMER:
        return f"customer of {name} ('{ev.matched}')"
    if ev.how in ("name", "alias"):
        return f"{ev.how} '{ev.matched}' ({name})"
    if ev.how.startswith("name (spelt"):
        return f"name '{name}' (spelt '{ev.matched}')"
    if ev.how == "named by the DPO":
        return f"named by the privacy team: {name}"
    return f"{ev.how} {ev.matched} ({name})"


def route(registry: Registry, evidence: list[Evidence]) -> Route:
    """Decide who must answer from what the text says; call inside registry.reading()."""
    me = registry.self_party()
    evidence = [e for e in evidence if _still_there(registry, e)]
    if me is None:
        return Route(
            "unclear",
            [],
            "Our own organisation is not marked in the registry (party set NAME self=yes).",
            evidence,
            settle="Mark our organisation with self=yes.",
        )
    assert me.id is not None
    reading = Reading.of(evidence)
    customers = {e.party_id: e for e in reading.customers}
    if len(customers) == 1:
        return _as_customer(registry, me, next(iter(customers.values())), evidence)
    if customers:
        return _unclear(
            registry,
            me,
            evidence,
            [registry.name_of(p) for p in customers],
            why="The sender says they are a customer of more than one organisation we know.",
            seen=[describe(registry, ev) for ev in customers.values()],
        )
    named = _strongest_parties(reading.parties)
    chosen = _processings(registry, me, reading.processings, {e.party_id for e in named})
    if chosen:
        decisions = [_decide(registry, me, eng, evidence, because) for eng, because in chosen]
        involved = {p for eng, _ in chosen for p in (eng.processor, *eng.controllers)}
        decisions += [_by_party(registry, me, ev) for ev in named if ev.party_id not in involved | {me.id}]
        if len({(d.role, tuple(d.to)) for d in decisions}) == 1:
            return decisions[0]
        uncovered = [ev for ev in named if ev.party_id not in involved | {me.id}]
        return _unclear(
            registry,
            me,
            evidence,
            [_describe(registry, eng) for eng, _ in chosen] + [registry.name_of(ev.party_id) for ev in uncovered],
            why="The text points to processings with different controllers.",
            seen=[because for _, because in chosen] + [describe(registry, ev) for ev in uncovered],
        )
    others = [ev for ev in named if ev.party_id != me.id]
    if not others:
        return _nothing_named(registry, me, evidence, named)
    by_party: dict[int, Route] = {}
    for ev in others:
        by_party.setdefault(ev.party_id, _by_party(registry, me, ev))
    if len({(d.role, tuple(d.to)) for d in by_party.values()}) == 1:
        return next(iter(by_party.values()))
    return _unclear(
        registry,
        me,
        evidence,
        [registry.name_of(p) for p in by_party],
        why="The text names organisations that would route it differently.",
        seen=[describe(registry, ev) for ev in others],
    )


def _still_there(registry: Registry, ev: Evidence) -> bool:
    """Whether the party and engagement the evidence names still exist (the text was read outside the lock)."""
    if registry.find(Party, ev.party_id) is None:
        return False
    return ev.engagement_id is None or registry.find(Engagement, ev.engagement_id) is not None


def _strongest_parties(parties: list[Evidence]) -> list[Evidence]:
    """One piece of evidence per named organisation, its strongest, keeping only the strongest kind found
    (an org number or e-mail domain outweighs a name mentioned in passing)."""
    best: dict[int, Evidence] = {}
    for ev in parties:
        if ev.party_id not in best or _RANK.get(ev.how, 1) > _RANK.get(best[ev.party_id].how, 1):
            best[ev.party_id] = ev
    top = max((_RANK.get(ev.how, 1) for ev in best.values()), default=0)
    return [ev for ev in best.values() if _RANK.get(ev.how, 1) == top]


def _processings(
    registry: Registry, me: Party, processings: list[Evidence], named: set[int]
) -> list[tuple[Engagement, str]]:
    """The processings the text is about, with what shows it: ones its distinctive words describe (less is
    needed when it names an organisation taking part), and ones linking two organisations it names (HubSpot
    and Septer: HubSpot's processing for Septer). Only the best, or those too close to them to choose."""
    scored: dict[int, tuple[float, Engagement, str]] = {}
    for ev in processings:
        assert ev.engagement_id is not None
        eng = registry.get(Engagement, ev.engagement_id)
        taking_part = named & {eng.processor, *eng.controllers}
        alone = (ev.distinct >= 2 and ev.score >= ALONE) or ev.rarest >= VERY_RARE
        if alone or (taking_part and ev.score >= WITH_NAME):
            because = describe(registry, ev) + "".join(
                f", with {registry.name_of(p)} named" for p in sorted(taking_part - {me.id})
            )
            scored[eng.id or 0] = (ev.score + PARTY * len(taking_part), eng, because)
    for party_id in named:
        for eng in registry.related(party_id, Engagement):
            if eng.id in scored or eng.in_house:
                continue
            linked = named & {eng.processor} and named & set(eng.controllers)
            if linked:
                processor = registry.name_of(eng.processor)
                controllers = " and ".join(registry.name_of(c) for c in eng.controllers)
                because = (
                    f"the names of {processor} and {controllers}: {processor} does the processing "
                    f"'{eng.purpose}' for {controllers}"
                )
                scored[eng.id or 0] = (PARTY * len(named & {eng.processor, *eng.controllers}), eng, because)
    best = max((score for score, _, _ in scored.values()), default=0.0)
    return [(eng, because) for score, eng, because in scored.values() if score > best - TIE]


def _role_for(me: int | None, eng: Engagement) -> str:
    if me in eng.controllers:
        return "joint" if len(eng.controllers) > 1 else "controller"
    if eng.processor == me:
        return "processor"
    return "other"


def _decide(registry: Registry, me: Party, eng: Engagement, evidence: list[Evidence], because: str) -> Route:
    role = _role_for(me.id, eng)
    decided_by = [because]
    if role == "controller":
        return Route(
            "controller",
            [me.id or 0],
            f"We are the controller. Decided by {because}.",
            evidence,
            [],
            "",
            False,
            decided_by,
        )
    if role == "joint":
        others = [c for c in eng.controllers if c != me.id]
        return Route(
            "joint",
            [me.id or 0, *others],
            f"We are joint controllers with {', '.join(registry.name_of(c) for c in others)}. Decided by "
            f"{because}. Both must be able to answer (Art. 26(3)).",
            evidence,
            decided_by=decided_by,
        )
    controllers = " and ".join(registry.name_of(c) for c in eng.controllers)
    if role == "processor":
        return Route(
            "processor",
            list(eng.controllers),
            f"We only process this data for {controllers} ('{eng.purpose}'). Decided by {because}. Forward "
            "it; the controller answers (Art. 28(3)(e)).",
            evidence,
            must_not_answer=True,
            decided_by=decided_by,
        )
    return Route(
        "other",
        list(eng.controllers),
        f"This is {controllers}'s processing ('{eng.purpose}'), not ours. Decided by {because}. Point the "
        "sender to them.",
        evidence,
        must_not_answer=True,
        decided_by=decided_by,
    )


def _as_customer(registry: Registry, me: Party, ev: Evidence, evidence: list[Evidence]) -> Route:
    """The sender is a customer of an organisation: its data, unless it is ours."""
    because = describe(registry, ev)
    name = registry.name_of(ev.party_id)
    if ev.party_id == me.id:
        return Route(
            "controller", [me.id or 0], f"We are the controller. Decided by {because}.", evidence, decided_by=[because]
        )
    for eng in registry.related(ev.party_id, Engagement):
        if eng.processor == me.id and ev.party_id in eng.controllers:
            return _decide(registry, me, eng, evidence, because)
    return Route(
        "other",
        [ev.party_id],
        f"{name} is the controller of its own customers' data, not us. Decided by {because}. Point the sender to them.",
        evidence,
        must_not_answer=True,
        decided_by=[because],
    )


def _by_party(registry: Registry, me: Party, ev: Evidence) -> Route:
    """Route by a named organisation: our controller (we process for it), our processor, or someone else."""
    how = describe(registry, ev)
    for eng in registry.related(ev.party_id, Engagement):
        if eng.processor == me.id and ev.party_id in eng.controllers:
            return _decide(registry, me, eng, [ev], how)
    for eng in registry.related(ev.party_id, Engagement):
        if eng.processor == ev.party_id and me.id in eng.controllers:
            return _decide(registry, me, eng, [ev], f"{how}, which processes '{eng.purpose}' for us")
    return Route(
        "other",
        [ev.party_id],
        f"Not part of our processing as far as the registry knows. Decided by {how}. Point the sender to them.",
        [ev],
        must_not_answer=True,
        decided_by=[how],
    )


def _nothing_named(registry: Registry, me: Party, evidence: list[Evidence], named: list[Evidence]) -> Route:
    """No other organisation and no processing named: ours, unless we also process for others, whose
    customers write to us too (a processor must not answer them, Art. 28(3)(e))."""
    because = describe(registry, named[0]) if named else ""
    ours = f"it names only us ({because})" if named else "it names no organisation and no processing we know"
    for_whom = sorted(
        {c for eng in registry.related(me.id or 0, Engagement) if eng.processor == me.id for c in eng.controllers}
        - {me.id}
    )
    if not for_whom:
        return Route(
            "controller",
            [me.id or 0],
            f"Treated as our own processing: {ours}.",
            evidence,
            decided_by=[because] if because else [],
        )
    return _unclear(
        registry,
        me,
        evidence,
        [f"{me.name} (ours)", *(registry.name_of(c) for c in for_whom)],
        why=f"Unclear: {ours}, and we also process data for others as their processor.",
        seen=[],
    )


def _unclear(
    registry: Registry, me: Party, evidence: list[Evidence], candidates: list[str], *, why: str, seen: list[str]
) -> Route:
    """The privacy team decides: the candidates, the evidence that pointed to each, and how to settle it."""
    unique = list(dict.fromkeys(candidates))
    shown = unique[:SHOWN] + ([f"and {len(unique) - SHOWN} more"] if len(unique) > SHOWN else [])
    seen = list(dict.fromkeys(seen))
    reason = why + (f" Found: {'; '.join(seen)}." if seen else "")
    return Route("unclear", [me.id or 0], reason, evidence, shown, SETTLE, decided_by=seen)


def _describe(registry: Registry, eng: Engagement) -> str:
    controllers = " and ".join(registry.name_of(c) for c in eng.controllers)
    if eng.in_house:
        return f"{controllers}'s own processing '{eng.purpose}'"
    return f"{registry.name_of(eng.processor)}'s processing '{eng.purpose}' for {controllers}"
