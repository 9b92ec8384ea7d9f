"""Who must answer an inquiry: the parties it is about, our role for that data, and why.

If we are the controller, our DPO answers. If we only process the data for someone else, the controller
answers and we must forward promptly without answering ourselves (Art. 28(3)(e); 2021/915 Clause 8). Joint
controllers both receive it. A group DPO (`dpo-of`) receives for the subsidiary. When the text does not
settle it, the DPO gets the candidates and what would settle it.

Reading the text (find_mentions) works on a Known taken from the registry and runs outside the store's lock;
only the decision (route), which looks up a few records, runs inside it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from registry.models import Engagement, Party
from registry.names import normalise
from registry.registry import Registry
from registry.validate import orgnr_checksum_ok
from text.patterns import email_addresses

# Free mail providers say nothing about which organisation a message is about.
FREE_MAIL = frozenset(
    "gmail.com hotmail.com outlook.com live.com yahoo.com icloud.com online.no getmail.no me.com msn.com "
    "protonmail.com proton.me gmx.de web.de hotmail.no yahoo.no".split()
)
_ORGNR = re.compile(r"(?<!\d)(\d{3})\s?(\d{3})\s?(\d{3})(?!\d)")
_WORD = re.compile(r"[a-z0-9æøå]+")
_STOP = frozenset(
    """og i på for til av fra hos der når hva hvor sitt sin sine seg oss deres eller men også bare
    med som er det den de en et om at vi dere jeg meg min mitt mine deg din ditt dine har
    ikke kan vil skal all alle data the and of to in for with on is are my me we you your our this that from
    have has not can will all any please hei hello dear mvh regards kind opplysninger personopplysninger
    information personal""".split()
)


@dataclass(frozen=True)
class Evidence:
    party_id: int
    how: str  # name, alias, e-mail domain, org number, service
    matched: str  # the words in the text
    engagement_id: int | None = None
    score: int = 0  # for services: how strongly the words match


@dataclass
class Route:
    role: str  # controller (we answer), processor (forward), joint, other (someone else's processing), unclear
    to: list[int]  # the parties that must answer, first is the main one
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    settle: str = ""  # what would settle an unclear case
    must_not_answer: bool = False

    def to_json(self, registry: Registry) -> dict[str, Any]:
        return {
            "to": registry.name_of(self.to[0]) if self.to else None,
            "to_all": [registry.name_of(p) for p in self.to],
            "role": self.role,
            "reason": self.reason,
            "candidates": self.candidates,
            "settle": self.settle,
            "must_not_answer": self.must_not_answer,
        }


def named_by_dpo(party: Party) -> list[Evidence]:
    """The evidence when the DPO says which organisation an inquiry concerns (about=)."""
    assert party.id is not None
    return [Evidence(party.id, "named by the DPO", party.name)]


def route(registry: Registry, evidence: list[Evidence]) -> Route:
    """Decide who must answer from what the text names; call inside registry.reading()."""
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
    services = _strongest(registry, evidence)
    if services:
        # The processing named in words says most about whose data it is.
        engagements = {e.engagement_id: registry.get(Engagement, e.engagement_id) for e in services}
        options = {(_role_for(me.id, eng), tuple(eng.controllers)) for eng in engagements.values()}
        if len(options) == 1:
            eng = next(iter(engagements.values()))
            why = next(e for e in services if e.engagement_id == eng.id)
            return _decide(
                registry, me, eng, evidence, because=f"matched '{why.matched}' to {_describe(registry, eng)}"
            )
        return _unclear(registry, me, evidence, [_describe(registry, e) for e in engagements.values()])
    parties = [e for e in evidence if e.party_id != me.id]
    if not parties:
        because = "it names only us" if evidence else "it names no other organisation"
        return Route("controller", [me.id], f"Treated as our own processing: {because}.", evidence)
    decisions = {}
    for ev in parties:
        decisions.setdefault(ev.party_id, _by_party(registry, me, ev))
    answers = {(d.role, tuple(d.to)) for d in decisions.values()}
    if len(answers) == 1:
        return next(iter(decisions.values()))
    return _unclear(registry, me, evidence, [registry.name_of(p) for p in decisions])


def _still_there(registry: Registry, ev: Evidence) -> bool:
    """Whether the party and engagement the evidence names still exist (the text was read outside the lock)."""
    if registry.store.table(Party.table).get(doc_id=ev.party_id) is None:
        return False
    return ev.engagement_id is None or registry.store.table(Engagement.table).get(doc_id=ev.engagement_id) is not None


def _strongest(registry: Registry, evidence: list[Evidence]) -> list[Evidence]:
    """Service matches, keeping those clearly ahead once organisations the text names count in too."""
    named = {e.party_id for e in evidence if e.engagement_id is None}
    scored = []
    for ev in evidence:
        if ev.engagement_id is None:
            continue
        eng = registry.get(Engagement, ev.engagement_id)
        scored.append((ev.score + 2 * len(named & {eng.processor, *eng.controllers}), ev))
    best = max((score for score, _ in scored), default=0)
    return [ev for score, ev in scored if score * 1.5 > best]


def _role_for(me: int, eng: Engagement) -> str:
    if me in eng.controllers:
        return "joint" if len(eng.controllers) > 1 else "controller"
    if eng.processor == me:
        return "processor"
    return "other"


def _decide(registry: Registry, me: Party, eng: Engagement, evidence: list[Evidence], *, because: str) -> Route:
    role = _role_for(me.id, eng)
    if role == "controller":
        return Route("controller", [me.id], f"We are the controller: {because}.", evidence)
    if role == "joint":
        others = [c for c in eng.controllers if c != me.id]
        return Route(
            "joint",
            [me.id, *others],
            f"We are joint controllers with "
            f"{', '.join(registry.name_of(c) for c in others)}: {because}. Both must be able to answer "
            "(Art. 26(3)).",
            evidence,
        )
    if role == "processor":
        return Route(
            "processor",
            list(eng.controllers),
            f"We only process this data for "
            f"{' and '.join(registry.name_of(c) for c in eng.controllers)}: {because}. Forward it; the "
            "controller answers (Art. 28(3)(e)).",
            evidence,
            must_not_answer=True,
        )
    return Route(
        "other",
        list(eng.controllers),
        f"This is {' and '.join(registry.name_of(c) for c in eng.controllers)}"
        f"'s processing, not ours: {because}. Point the sender to them.",
        evidence,
        must_not_answer=True,
    )


def _by_party(registry: Registry, me: Party, ev: Evidence) -> Route:
    """Route by a named organisation: our controller (we process for it), our processor, or someone else."""
    how = f"{ev.how} '{ev.matched}' points to {registry.name_of(ev.party_id)}"
    for eng in registry.related(ev.party_id, Engagement):
        if eng.processor == me.id and ev.party_id in eng.controllers:
            return _decide(registry, me, eng, [ev], because=how)
    for eng in registry.related(ev.party_id, Engagement):
        if eng.processor == ev.party_id and me.id in eng.controllers:
            return _decide(registry, me, eng, [ev], because=f"{how}, which processes '{eng.purpose}' for us")
    return Route(
        "other",
        [ev.party_id],
        f"{how}, which is not part of our processing as far as the registry knows. Point the sender to them.",
        [ev],
        must_not_answer=True,
    )


def _unclear(registry: Registry, me: Party, evidence: list[Evidence], candidates: list[str]) -> Route:
    return Route(
        "unclear",
        [me.id],
        "The text points to more than one processing with different controllers.",
        evidence,
        candidates=sorted(set(candidates)),
        settle="Ask the sender which service or company the request concerns, or run `inquiry show ID` and "
        "re-route with `inquiry forward ID to=NAME`.",
    )


def _describe(registry: Registry, eng: Engagement) -> str:
    controllers = " and ".join(registry.name_of(c) for c in eng.controllers)
    if eng.in_house:
        return f"{controllers}'s own processing '{eng.purpose}'"
    return f"{registry.name_of(eng.processor)}'s engagement '{eng.purpose}' for {controllers}"


# -- finding what the text is about ------------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The parties and engagements a text is matched against, taken under the lock and read outside it."""

    parties: list[Party]
    engagements: list[Engagement]

    @classmethod
    def load(cls, registry: Registry) -> Known:
        """Call inside registry.reading(); the records are shared with the registry: do not change them."""
        return cls(registry.materialised(Party), registry.materialised(Engagement))


def find_mentions(known: Known, text: str) -> list[Evidence]:
    """Organisations and processing the text names: org numbers, e-mail domains, names and aliases (typos
    tolerated), and the services of engagements (purpose, data, data subjects). Needs no lock."""
    found: list[Evidence] = []
    parties = known.parties
    for match in _ORGNR.finditer(text):
        digits = "".join(match.groups())
        if orgnr_checksum_ok(digits):
            found += [Evidence(p.id, "org number", match.group(0)) for p in parties if p.orgnr == digits]
    domains = {address.rsplit("@", 1)[1] for address in email_addresses(text)} - FREE_MAIL
    for p in parties:
        own = {a.split("@")[1].lower() for a in (p.email, p.dpo) if a and "@" in a}
        for domain in domains & own:
            found.append(Evidence(p.id, "e-mail domain", domain))
    found += _names(parties, text)
    found += _services(known.engagements, text)
    unique: dict[tuple[int, int | None], Evidence] = {}
    for ev in found:
        unique.setdefault((ev.party_id, ev.engagement_id), ev)
    return list(unique.values())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return text.replace("-", " ")


def _names(parties: list[Party], text: str) -> list[Evidence]:
    words = _fold(text).split()
    words = [w.strip(".,;:!?()[]«»\"'") for w in words]
    grams = {" ".join(words[i : i + n]) for n in (1, 2, 3, 4) for i in range(len(words) - n + 1)}
    keys: dict[str, list[tuple[int, str]]] = {}
    for p in parties:
        for label, how in [(p.name, "name"), *((a, "alias") for a in p.aliases)]:
            key = normalise(label)
            if len(key) >= 3:
                keys.setdefault(key, []).append((p.id, how))
    found = []
    for gram in grams:
        key = normalise(gram)
        for pid, how in keys.get(key, []):
            found.append(Evidence(pid, how, gram))
    # Typos: single words of five letters or more, against keys starting with the same letter.
    hit_keys = {normalise(g) for g in grams} & set(keys)
    by_letter: dict[str, list[str]] = {}
    for key in keys:
        by_letter.setdefault(key[0], []).append(key)
    for word in {w for w in words if len(w) >= 5 and w not in _STOP}:
        for key in difflib.get_close_matches(word, by_letter.get(word[0], []), n=2, cutoff=0.85):
            if key not in hit_keys:
                found += [Evidence(pid, f"{how} (spelt '{word}')", word) for pid, how in keys[key]]
    return found


def _tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(_fold(text)) if len(w) >= 3 and w not in _STOP}


def _same_word(a: str, b: str) -> bool:
    """Equal, or inflections/compounds of each other: 'alarmsentralen' ~ 'alarmsentral' (a long shared start)."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 6:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(6, int(0.8 * shorter) + 1) or (shorter >= 8 and (a in b or b in a))


def _services(engagements: list[Engagement], text: str) -> list[Evidence]:
    """Engagements whose purpose or data the text talks about ('alarmsentralen', 'besøksregistrering', 'CRM');
    only those that match clearly better than the rest."""
    words = _tokens(text)
    scored = []
    for eng in engagements:
        vocabulary = _tokens(" ".join([eng.purpose, *eng.data]))
        hits = sorted(v for v in vocabulary if any(_same_word(v, w) for w in words))
        score = sum(2 if len(h) >= 8 or len(h) <= 4 else 1 for h in hits)
        if score >= 2:
            scored.append((score, eng, hits))
    if not scored:
        return []
    best = max(score for score, _, _ in scored)
    return [
        Evidence(controller, "service", ", ".join(hits[:3]), eng.id, score)
        for score, eng, hits in scored
        if score * 1.5 > best
        for controller in eng.controllers
    ]
