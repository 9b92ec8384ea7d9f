"""Reading a privacy policy (personvernerklæring) into proposed registry facts, each with the sentence it came from.

Patterns and vocabulary only (policies/extract_vocab.py): the organisation and its contacts
(extract_party, extract_contacts), its roles (extract_roles) and processors (extract_processors), the transfer grounds it claims
(extract_transfers), retention periods, the answer deadline and
legal bases (extract_terms). What is a guess is marked "unsure"; nothing is made up.
"""

from __future__ import annotations

import re
from typing import Any

from policies.extract_contacts import contacts, dpos
from policies.extract_doc import KINDS, RANK, Doc, Found, Item
from policies.extract_party import party
from policies.extract_processors import subprocessors
from policies.extract_roles import roles
from policies.extract_terms import deadlines, legal_bases, retention
from policies.extract_transfers import transfers

__all__ = ["KINDS", "Item", "extract_policy"]


MAX_RUN = 200
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def extract_policy(text: str) -> list[Item]:
    """The facts a privacy policy states, in the order of KINDS, each kind in document order.

    Value shapes: party {name, orgnr, address, country}; contact {email, purpose}; dpo {email, name, of};
    role {role, what, for}; subprocessor {name, service, countries, of}; transfer {importer, country, mechanism,
    claim}; retention {what, period, min_months, max_months}; deadline {days, months, extendable_months, text};
    legal-basis {article, for}.
    """
    # No word in a policy is hundreds of characters long; such a run (pasted data, a broken export) would make
    # the name patterns backtrack for minutes, so it is cut.
    doc = Doc(_LONG_RUN.sub(lambda m: m.group(0)[:MAX_RUN], text or ""))
    if not doc.units:
        return []
    found: list[Found] = []
    for step in (party, subprocessors, contacts, dpos, roles, transfers, retention, deadlines, legal_bases):
        found.extend(step(doc))
    return _ordered(found)


def _ordered(found: list[Found]) -> list[Item]:
    best: dict[tuple[Any, ...], Found] = {}
    first: dict[tuple[Any, ...], int] = {}
    for f in found:
        key = (f.item.kind, *f.key)
        first[key] = min(first.get(key, f.at), f.at)
        held = best.get(key)
        if held is None or RANK[f.item.confidence] < RANK[held.item.confidence]:
            best[key] = f
    order = sorted(best, key=lambda k: (KINDS.index(k[0]), first[k]))
    return [best[k].item for k in order]
