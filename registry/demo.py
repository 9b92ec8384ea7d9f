"""A demo registry built from the facts of the five seed privacy policies, plus a fictional company of our own.

The five seed companies (Semac, SE-gruppen, Septer, IWMAC, Netsecurity) appear with the contacts, roles,
retention and legal bases their policies state. Where a policy is silent, the field says so rather than
guessing. Around them sits "Nordlys Eiendomsdrift AS", a fictional property manager that uses them as
suppliers, so that every kind of relation (and every review situation) has an example: processors for us,
in-house processing, joint controllers, a sub-processor chain of depth two, valid and invalid transfer
mechanisms, and agreements that are current, due for review, in draft or missing.

Parties marked "fictional" below are invented for the demo; so are all of Nordlys's dealings with the five.
Dates are fixed so that the demo is the same on every run.
"""

from __future__ import annotations

from typing import Any

from registry.demo_data import AGREEMENTS, ENGAGEMENTS, PARTIES, ROUTES, SUBPROCESSORS, TRANSFERS
from registry.errors import Conflict
from registry.models import Agreement, DeliveryRoute, Engagement, Party, Record, SubprocessorLink, Transfer
from registry.registry import PARTY_FIELDS, Actor, Registry, check_unique_names
from registry.relations import check_transfer


def load_demo(registry: Registry, actor: Actor) -> dict[str, int]:
    """Fill an empty registry with the demo, in one audited transaction; returns how many of each kind.

    Refuses (Conflict) if the registry already holds any party, so the demo never mixes with real data.
    """
    counts = {"parties": 0, "engagements": 0, "subprocessors": 0, "transfers": 0, "agreements": 0}
    with registry.change(actor) as w:
        existing = registry.count(Party)
        if existing:
            noun = "party" if existing == 1 else "parties"
            raise Conflict(
                f"The demo only loads into an empty registry, and this one already has {existing} {noun}. "
                "Nothing was changed; start with a new registry file to try the demo."
            )
        ids: dict[str, int] = {}
        for key, spec in PARTIES.items():
            party = _build(Party, spec, ids)
            check_unique_names(registry, [party.name, *party.aliases])
            inserted = w.insert(party)
            assert inserted.id is not None
            ids[key] = inserted.id
            counts["parties"] += 1
        for table, cls, specs in (
            ("engagements", Engagement, ENGAGEMENTS),
            ("subprocessors", SubprocessorLink, SUBPROCESSORS),
            ("transfers", Transfer, TRANSFERS),
            ("agreements", Agreement, AGREEMENTS),
        ):
            for spec in specs:
                record = _build(cls, spec, ids)
                if isinstance(record, Transfer):
                    check_transfer(record)
                w.insert(record)
                counts[table] += 1
        for spec in ROUTES:
            w.insert(_build(DeliveryRoute, spec, ids))
    return counts


def _build(cls: type[Record], spec: dict[str, Any], ids: dict[str, int]) -> Any:
    """A fresh record from its spec, with party keys replaced by the ids the inserts returned."""
    # Copy the lists too: the module-level specs must stay untouched for the next load.
    values = {k: list(v) if isinstance(v, list) else v for k, v in spec.items()}
    for name in PARTY_FIELDS.get(cls, ()):
        value = values.get(name)
        if isinstance(value, list):
            values[name] = [ids[key] for key in value]
        elif value is not None:
            values[name] = ids[value]
    return cls(**values)
