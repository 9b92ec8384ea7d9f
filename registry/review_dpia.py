"""Processing that likely needs a data protection impact assessment (GDPR Art. 35), as far as the registry shows it.

The registry does not know the scale of a processing, nor how it is done; it knows the data, the data subjects,
the purpose and where the data goes. An engagement is flagged when it holds Art. 9 or Art. 10 data together with
at least one other criterion of the EDPB's guidelines (WP248 rev.01) that those fields show, or when it matches an
item of Datatilsynet's list of processing that always requires a DPIA (Art. 35(4)) that the fields can show. A
DPIA on record (`dpia=DATE`), or the DPO's reasons why none is needed (`dpia=not-needed reason=...`), clears it;
a DPIA older than DPIA_REVIEW_YEARS is a low note to review it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from registry.countries import is_third_country
from registry.models import Engagement
from registry.review_flags import Flag, Memo, make_flag
from registry.review_transfers import Finding
from registry.snapshot import Snapshot
from registry.special import BY_CODE, Special, first_mention, from_text, recorded

REFERENCE = "GDPR Art. 35; Datatilsynet's list of processing that always requires a DPIA (Art. 35(4))"
DPIA_REVIEW_YEARS = 3
DPIA_FIX = "Carry out a DPIA before the processing starts, or record why none is needed"

# Words (ascii-folded starts of words) that show a criterion in the engagement's subjects, data or purpose.
VULNERABLE = (
    "pasient",
    "patient",
    "barn",
    "child",
    "elev",
    "pupil",
    "ansatt",
    "employee",
    "arbeidstaker",
    "eldre",
    "elderly",
    "asylsoker",
    "asylum",
    "beboer",
)
EMPLOYEES = ("ansatt", "employee", "arbeidstaker", "medarbeider", "staff")
MONITORING = ("overvak", "monitor", "kamera", "camera", "cctv", "sporing", "tracking", "videoovervak")
LOCATION = ("lokasjon", "location", "posisjon", "position", "gps", "geolok", "geoloc")


class ListItem(NamedTuple):
    """An item of Datatilsynet's list that the registry can see, in our words, and how it is seen."""

    code: str
    nb: str
    en: str
    detected: str  # which recorded fields show it


DATATILSYNET_LIST: tuple[ListItem, ...] = (
    ListItem(
        "biometric",
        "Biometriske opplysninger for identifikasjon, sammen med minst ett annet kriterium",
        "biometric data for identification, with at least one other criterion",
        "special=biometric and one other criterion",
    ),
    ListItem(
        "genetic",
        "Genetiske opplysninger, sammen med minst ett annet kriterium",
        "genetic data, with at least one other criterion",
        "special=genetic and one other criterion",
    ),
    ListItem(
        "employee-monitoring",
        "Systematisk overvåking av ansatte",
        "systematic monitoring of employees",
        "subjects= employees, and purpose= or nature= about monitoring",
    ),
    ListItem(
        "location-sensitive",
        "Lokasjonsdata sammen med særlige kategorier av personopplysninger",
        "location data together with special categories of personal data",
        "data= location, and Art. 9 data",
    ),
)
_ITEMS = {item.code: item for item in DATATILSYNET_LIST}


class DpiaFacts(NamedTuple):
    """What the rule needs of one engagement (a tuple, compared by the review's memo)."""

    engagement: Engagement
    abroad: tuple[str, ...]  # third countries the data goes to, through the processor or its chain


def criteria(facts: DpiaFacts) -> tuple[list[str], list[ListItem]]:
    """The criteria the engagement meets (in words), and the items of Datatilsynet's list it matches. The first
    criterion is the Art. 9 or Art. 10 data, when there is any."""
    e = facts.engagement
    special = _special(e)
    data, subjects = ", ".join(e.data), ", ".join(e.subjects)
    met: list[str] = []
    if special.categories:
        names = ", ".join(BY_CODE[c].en for c in special.categories if c in BY_CODE)
        met.append(f"special categories (Art. 9): {names}")
    if special.criminal:
        met.append("criminal-offence data (Art. 10)")
    sensitive = len(met)
    monitoring = first_mention(MONITORING, f"{e.purpose}, {e.nature or ''}")
    if not sensitive and not monitoring:
        return [], []  # neither half of any combination below: the common case, decided cheaply
    vulnerable = first_mention(VULNERABLE, subjects)
    if vulnerable:
        met.append(f"vulnerable data subjects ({vulnerable})")
    if special.national_id and special.sensitive:
        met.append("national identity numbers with special categories (personopplysningsloven § 12)")
    if facts.abroad and special.sensitive:
        met.append(f"transferred outside the EEA ({', '.join(facts.abroad)})")
    if monitoring:
        met.append(f"systematic monitoring ({monitoring})")
    location = first_mention(LOCATION, data)
    if location:
        met.append(f"location data ({location})")
    items = []
    others = len(met) - (1 if sensitive else 0)  # a second kind of sensitive data is another criterion too
    for code in ("biometric", "genetic"):
        if code in (special.categories or ()) and others >= 1:
            items.append(_ITEMS[code])
    if monitoring and first_mention(EMPLOYEES, subjects):
        items.append(_ITEMS["employee-monitoring"])
    if location and special.categories:
        items.append(_ITEMS["location-sensitive"])
    if not (sensitive and others >= 1) and not items:
        return [], []
    return met, items


def _special(e: Engagement) -> Special:
    """What is recorded; where nothing is, what the data categories name (they are evidence too)."""
    have = recorded(e)
    said = from_text(", ".join(e.data))
    return Special(
        have.categories if have.categories is not None else said.categories,
        have.criminal if have.criminal is not None else said.criminal,
        have.national_id if have.national_id is not None else said.national_id,
    )


def assess(facts: DpiaFacts, *, today: date, command: str) -> list[Finding]:
    """The DPIA finding of one engagement: none when no criterion combination is met, or a DPIA or the reason for
    none is recorded; a low note when the DPIA is older than DPIA_REVIEW_YEARS."""
    e = facts.engagement
    if e.dpia_not_needed or (e.end is not None and e.end < today):
        return []
    met, items = criteria(facts)
    if not met:
        return []
    what = "; ".join(met)
    if e.dpia is not None:
        if _years_between(e.dpia, today) < DPIA_REVIEW_YEARS:
            return []
        return [
            Finding(
                "dpia-review",
                "low",
                f"The DPIA of '{e.purpose}' was carried out on {e.dpia.isoformat()}, over {DPIA_REVIEW_YEARS} years "
                f"ago ({what}).",
                "GDPR Art. 35(11)",
                f"Review the DPIA against the processing as it is now, and record the date: {command} dpia=DATE",
            )
        ]
    listed = "; ".join(item.en for item in items)
    return [
        Finding(
            "dpia-needed",
            "medium",
            f"'{e.purpose}' likely needs a data protection impact assessment: {what}."
            + (f" On Datatilsynet's list: {listed}." if listed else ""),
            REFERENCE + (f": {listed}" if listed else ""),
            f'{DPIA_FIX}: {command} dpia=DATE (or dpia=not-needed reason="...").',
        )
    ]


def _years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def abroad(snap: Snapshot, e: Engagement, sent: dict[int, set[tuple[int, str]]]) -> tuple[str, ...]:
    """Third countries the engagement's data reaches: where the processor is established, where its sub-processors
    process, and the transfers within the processor's chain (`sent`: importer and country by exporter). A transfer
    of the processor to someone outside its chain is its own processing (the registry ties no transfer to an
    engagement), so it does not count."""
    countries: list[str] = []
    processor = snap.parties.get(e.processor)
    if processor and processor.country and not e.in_house:
        countries.append(processor.country)
    chain = snap.chain(e.processor)
    for link in chain:
        sub = snap.parties.get(link.sub)
        countries += link.countries or ([sub.country] if sub and sub.country else [])
    inside = {link.sub for link in chain}
    for sender in {e.processor, *inside}:
        countries += [country for importer, country in sent.get(sender, ()) if importer in inside]
    return tuple(sorted({c for c in countries if is_third_country(c)}))


def dpia_flags(snap: Snapshot, today: date, memo: Memo) -> list[Flag]:
    """The DPIA flags of every engagement (see the module); each engagement's worked out anew only when its facts
    changed (`memo`)."""
    flags: list[Flag] = []
    sent: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for t in snap.transfers:
        sent[t.exporter].add((t.importer, t.country))
    for e in snap.engagements:
        # Where the data goes matters only with Art. 9 or Art. 10 data: worked out only then.
        facts = DpiaFacts(e, abroad(snap, e, sent) if _special(e).sensitive else ())
        inputs = (facts, *(snap.parties.get(i) for i in (e.processor, *e.controllers)))
        flags += memo.flags(("dpia", e.id or 0), inputs, _flags, snap, facts, today)
    return flags


def _flags(snap: Snapshot, facts: DpiaFacts, today: date) -> list[Flag]:
    e = facts.engagement
    command = (
        f'engage "{snap.name(e.processor)}" for="{",".join(snap.name(c) for c in e.controllers)}" purpose="{e.purpose}"'
    )
    ids = (*e.controllers, e.processor)
    return [make_flag(snap, f, ids, ("engagement", e.id or 0)) for f in assess(facts, today=today, command=command)]
