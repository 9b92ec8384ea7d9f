"""What an inquiry's text says about who it concerns: the evidence routing decides on.

Strongest first: an organisation the sender says they are a customer of ("jeg er kunde hos Septer"); org
numbers, e-mail domains, names and aliases (a typo tolerated); and last a processing described in words. A
processing's words count by how rare they are in everyday Norwegian and English (text/rarity.py): "ved",
"svar" or "markedsføring" say nothing, "nøkkelkortnummer" or "VARN" say a lot. A word counts only in its own
forms: "regnskapssystemet" is not "regnskap".

Reading the text works on a Known taken from the registry under the lock and runs outside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from registry.models import Engagement, Party
from registry.registry import Registry
from registry.validate import orgnr_checksum_ok
from text import mentions, rarity
from text.normalise import fold, forms, normalise, words
from text.patterns import email_addresses

# Free mail providers say nothing about which organisation a message is about.
FREE_MAIL = frozenset(
    "gmail.com hotmail.com outlook.com live.com yahoo.com icloud.com online.no getmail.no me.com msn.com "
    "protonmail.com proton.me gmx.de web.de hotmail.no yahoo.no".split()
)
_ORGNR = re.compile(r"(?<!\d)(\d{3})\s?(\d{3})\s?(\d{3})(?!\d)")
# A term of a processing or a text: letters and digits, hyphenated parts kept together ("a-melding").
_TERM = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# "I am a customer of X", "jeg er kunde hos X", "your customer X", "på vegne av X" (nb, nn, en, sv, da):
# the organisation named right after says whose data it is.
_CUSTOMER_OF = re.compile(
    r"\b(?:(?:kunde|kund|customer|client)\s+(?:hos|av|af|til|till|of|at|with)"
    r"|(?:your|deres|dykkar|din|ditt|jeres)\s+(?:customer|client|kunde|kund)"
    r"|på\s+vegne(?:r)?\s+(?:av|af)|på\s+uppdrag\s+av|on\s+behalf\s+of|i\s+egenskap\s+av\s+kunde\s+(?:hos|av))\s+",
    re.IGNORECASE,
)
CUSTOMER = "customer of"
PROCESSING = "processing"
NAMES = ("name", "alias")
TYPO_CUTOFF = 0.85  # difflib ratio for a name typed with a typo ("Netsecurty")
TYPO_MIN = 5  # letters in a word read as a typo'd name
NAME_MIN = 3  # letters in a name or alias looked for
NAME_EVERYDAY = 4.0  # a name that is also an everyday word ("Slack") counts only when capitalised
MAX_PARTS = 6  # parts of a hyphenated term looked at ("HMS-kort-listen")
SHARED = 3  # processings using a word for it to tell none of them apart
NAME_WORD = 1.0  # a party's name inside a processing's description ("Adgangskortlogg for Semacs kontorer")
NEAR = 0.5  # rare-word weight a processing needs to be evidence at all (routing asks more; see route.py)


@dataclass(frozen=True)
class Evidence:
    party_id: int
    how: str  # customer of, org number, e-mail domain, name, alias, processing, named by the DPO
    matched: str  # what in the text showed it: the words, the number, the domain
    engagement_id: int | None = None
    score: float = 0.0  # for processings: the rare-word weight of the words shared
    words: tuple[str, ...] = ()  # for processings: the distinctive words shared
    distinct: int = 0  # ... how many of them are not names
    rarest: float = 0.0  # ... the weight of the rarest


@dataclass(frozen=True)
class Known:
    """The parties and engagements a text is matched against, taken under the lock and read outside it."""

    parties: list[Party]
    engagements: list[Engagement]

    @classmethod
    def load(cls, registry: Registry) -> Known:
        """Call inside registry.reading(); the records are shared with the registry: do not change them."""
        return cls(registry.materialised(Party), registry.materialised(Engagement))

    @cached_property
    def names(self) -> mentions.Names[int]:
        return mentions.Names((p.id, [p.name, *p.aliases]) for p in self.parties if p.id is not None)

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Words of names and aliases: in a processing's text ("Semacs kontorer") they count NAME_WORD, and
        only beside distinctive words, not by their rarity (a name is already evidence of its own)."""
        return frozenset(w for key in self.names.known() for w in key.split())

    @cached_property
    def vocabularies(self) -> list[tuple[Engagement, dict[str, float]]]:
        """Each processing's distinctive words. A word that SHARED or more processings use ("navn",
        "kontaktinformasjon") tells none of them apart, however rare it is in the language."""
        words = [(eng, _vocabulary(eng.purpose, tuple(eng.data), tuple(eng.subjects))) for eng in self.engagements]
        used: dict[str, int] = {}
        for _, vocabulary in words:
            for word in vocabulary:
                used[word] = used.get(word, 0) + 1
        return [(eng, {w: v for w, v in vocabulary.items() if used[w] < SHARED}) for eng, vocabulary in words]


def named_by_dpo(party: Party) -> list[Evidence]:
    """The evidence when the DPO says which organisation an inquiry concerns (about=)."""
    assert party.id is not None
    return [Evidence(party.id, "named by the DPO", party.name)]


def find_mentions(known: Known, text: str) -> list[Evidence]:
    """Everything the text says about whom it concerns, strongest kind first. Needs no lock."""
    found = _orgnrs(known, text) + _domains(known, text)
    names = _names(known, text)
    found += _customers(text, names) + [ev for _, ev in names] + _typos(known, text, names)
    found += _processings(known, text)
    unique: dict[tuple[int, int | None, str], Evidence] = {}
    for ev in found:
        unique.setdefault((ev.party_id, ev.engagement_id, ev.how if ev.how == CUSTOMER else ""), ev)
    return list(unique.values())


def _orgnrs(known: Known, text: str) -> list[Evidence]:
    found = []
    for match in _ORGNR.finditer(text):
        digits = "".join(match.groups())
        if orgnr_checksum_ok(digits):
            found += [Evidence(p.id, "org number", match.group(0)) for p in known.parties if p.orgnr == digits]
    return found


def _domains(known: Known, text: str) -> list[Evidence]:
    domains = {address.rsplit("@", 1)[1] for address in email_addresses(text)} - FREE_MAIL
    found = []
    for p in known.parties:
        own = {a.split("@")[1].lower() for a in (p.email, p.dpo) if a and "@" in a}
        found += [Evidence(p.id, "e-mail domain", domain) for domain in sorted(domains & own)]
    return found


def _names(known: Known, text: str) -> list[tuple[mentions.Mention[int], Evidence]]:
    """Names and aliases named word for word. One that is also an everyday word counts only capitalised."""
    aliases = {p.id: {mentions.name_key(a) for a in p.aliases} for p in known.parties}
    found = []
    for m in mentions.find(text, known.names):
        if len(m.name.replace(" ", "")) < NAME_MIN:
            continue
        if " " not in m.name and rarity.zipf(m.name) >= NAME_EVERYDAY and not m.typed[:1].isupper():
            continue
        how = "alias" if m.name in aliases.get(m.key, ()) else "name"
        found.append((m, Evidence(m.key, how, m.typed)))
    return found


def _typos(known: Known, text: str, names: list[tuple[mentions.Mention[int], Evidence]]) -> list[Evidence]:
    """Single-word names typed with a typo, among the text's words that are not everyday words."""
    named = {m.name for m, _ in names}
    keys: dict[str, list[str]] = {}
    for key in known.names.known():
        if " " not in key and len(key) >= TYPO_MIN and key not in named:
            keys.setdefault(key[0], []).append(key)
    found = []
    for word in {w for w in words(fold(text)) if len(w) >= TYPO_MIN}:
        if rarity.zipf(word) >= rarity.EVERYDAY - 0.5:
            continue
        for _, key in mentions.close(word, keys.get(word[0], []), TYPO_CUTOFF):
            if key != word:
                found += [Evidence(pid, f"name (spelt '{word}')", word) for pid in sorted(known.names.owners(key))]
    return found


def _customers(text: str, names: list[tuple[mentions.Mention[int], Evidence]]) -> list[Evidence]:
    """Organisations the sender says they are a customer of, or writes on behalf of."""
    starts: dict[int, list[mentions.Mention[int]]] = {}
    for m, _ in names:
        starts.setdefault(m.start, []).append(m)
    found = []
    for match in _CUSTOMER_OF.finditer(normalise(text)):
        for m in starts.get(match.end(), []):
            phrase = " ".join(match.group().split())
            found.append(Evidence(m.key, CUSTOMER, f"{phrase} {m.typed}"))
    return found


def _pieces(term: str) -> set[str]:
    """A hyphenated term and each run of its parts: "hms-kort-listen" -> hms-kort-listen, hms-kort, kort-listen,
    hms, kort, listen."""
    parts = term.split("-")[:MAX_PARTS]
    return {term, *("-".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))}


@lru_cache(maxsize=4096)
def _vocabulary(purpose: str, data: tuple[str, ...], subjects: tuple[str, ...]) -> dict[str, float]:
    """The distinctive words of a processing (purpose, data, data subjects) with their rare-word weight."""
    out = {}
    for term in _TERM.findall(fold(" ".join([purpose, *data, *subjects]))):
        for word in _pieces(term):
            if len(word) >= 2 and (weight := rarity.weight(word)) > 0:
                out[word] = weight
    return out


def _processings(known: Known, text: str) -> list[Evidence]:
    """Processings whose distinctive words the text uses, in one of their forms, with the weight shared."""
    said: set[str] = set()
    for term in _TERM.findall(fold(text)):
        for word in _pieces(term):
            said |= forms(word)
    found = []
    for eng, vocabulary in known.vocabularies:
        shared = [w for w in vocabulary if forms(w) & said]  # in the order the registry describes it
        names = [w for w in shared if forms(w) & known.name_words]
        weights = [vocabulary[w] for w in shared if w not in names]
        score = sum(weights)
        if score >= NEAR:  # a name inside the description adds to distinctive words, never stands alone
            score += NAME_WORD * len(names)
            found += [
                Evidence(
                    c, PROCESSING, ", ".join(shared), eng.id, round(score, 2), tuple(shared), len(weights), max(weights)
                )
                for c in eng.controllers
            ]
    return found


@dataclass
class Reading:
    """Evidence sorted by kind, for routing."""

    customers: list[Evidence] = field(default_factory=list)
    parties: list[Evidence] = field(default_factory=list)
    processings: list[Evidence] = field(default_factory=list)

    @classmethod
    def of(cls, evidence: list[Evidence]) -> Reading:
        reading = cls()
        for ev in evidence:
            if ev.how == CUSTOMER:
                reading.customers.append(ev)
            elif ev.engagement_id is not None:
                reading.processings.append(ev)
            else:
                reading.parties.append(ev)
        return reading
