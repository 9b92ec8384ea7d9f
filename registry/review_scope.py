"""Which review flags lie beneath a party (`review NAME`): those about its own relations and about the chain
below it, never those of another processor that happens to share a sub-processor with it.

Beneath a party lie its processors (when it is a controller), its sub-processors, and theirs, at every depth.
A flag is about the relation it names (its subject): an engagement or agreement the party is in, a
sub-processor link made by the party or by someone beneath it, a transfer made or received by the party or
between two parties beneath it, or the link that makes the party a sub-processor. A flag that measures a link against one
DPA also needs both parties of that DPA to be the party, beneath it or above it: a fellow controller of a
shared processor, or another processor using the same sub-processor, has its own DPA, and its own review.
"""

from __future__ import annotations

from collections import defaultdict

from registry.models import Agreement, Engagement, SubprocessorLink, Transfer
from registry.review import DPA_LINK_CODES, Flag
from registry.snapshot import Snapshot


class Scope:
    """What lies beneath one party, worked out once from the snapshot, to test flags against."""

    def __init__(self, snap: Snapshot, party_id: int) -> None:
        self.party = party_id
        self.beneath = _beneath(snap, party_id)
        self.above = _above(snap, party_id)
        self._records: dict[str, dict[int, object]] = {
            "engagement": {e.id or 0: e for e in snap.engagements},
            "agreement": {a.id or 0: a for a in snap.agreements},
            "link": {x.id or 0: x for x in snap.links},
            "transfer": {t.id or 0: t for t in snap.transfers},
        }

    def holds(self, flag: Flag) -> bool:
        kind, record_id = flag.subject
        record = self._records.get(kind, {}).get(record_id)
        if record is None:  # a loop in the chain, or a rule with no single relation: by the parties it names
            return bool(self.beneath & set(flag.party_ids))
        if not self._holds_record(record):
            return False
        if flag.code in DPA_LINK_CODES:
            return all(p in self.beneath or p in self.above for p in flag.party_ids[:2])
        return True

    def _holds_record(self, record: object) -> bool:
        me = self.party
        if isinstance(record, Engagement):
            return me == record.processor or me in record.controllers
        if isinstance(record, Agreement):
            return me in (record.controller, record.processor)
        if isinstance(record, SubprocessorLink):
            return record.processor in self.beneath or record.sub == me
        if isinstance(record, Transfer):
            # A processor's transfer to someone outside the chain is its own processing (e.g. its own staff chat),
            # not the party's data: the registry does not say otherwise.
            return me in (record.exporter, record.importer) or {record.exporter, record.importer} <= self.beneath
        return False


def flags_beneath(snap: Snapshot, party_id: int, flags: list[Flag]) -> list[Flag]:
    """The flags about `party_id` and what lies beneath it, in their order."""
    scope = Scope(snap, party_id)
    return [f for f in flags if scope.holds(f)]


def _beneath(snap: Snapshot, party_id: int) -> set[int]:
    """The party, its processors (as controller) and every sub-processor below it or them."""
    out = {party_id, *snap.below(party_id)}
    for processor in snap.processors_of.get(party_id, ()):
        out |= {processor, *snap.below(processor)}
    return out


def _above(snap: Snapshot, party_id: int) -> set[int]:
    """Everyone the party lies beneath: the processors that engage it, their controllers, and so up."""
    up: dict[int, set[int]] = defaultdict(set)
    for link in snap.links:
        up[link.sub].add(link.processor)
    for processor, controller in snap.processes_for:
        up[processor].add(controller)
    seen: set[int] = set()
    stack = list(up.get(party_id, ()))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(up.get(current, ()))
    return seen
