"""The registry loaded once for rules that look at all of it (the review, the Art. 30 export, a DPA's
contents), with the lookups they share: who processes for whom, and each processor's sub-processor chain."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry


class Names(dict[int, str]):
    """Party id -> name; an id with no party (a file edited by hand) still reads as something."""

    def __missing__(self, party_id: int) -> str:
        return f"(missing party {party_id})"


@dataclass
class Snapshot:
    """The registry loaded once, with the lookups the rules need."""

    parties: dict[int, Party]
    engagements: list[Engagement]
    links: list[SubprocessorLink]
    transfers: list[Transfer]
    agreements: list[Agreement]
    subs_of: dict[int, list[SubprocessorLink]] = field(default_factory=lambda: defaultdict(list))
    processes_for: set[tuple[int, int]] = field(default_factory=set)  # (processor, controller)
    processors_of: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # controller -> processors
    sub_pairs: set[tuple[int, int]] = field(default_factory=set)  # (processor, sub) of every link
    _chains: dict[int, list[SubprocessorLink]] = field(default_factory=dict)
    _below: dict[int, set[int]] = field(default_factory=dict)
    names: Names = field(default_factory=lambda: Names())  # flags name their parties thousands of times

    @classmethod
    def load(cls, registry: Registry) -> Snapshot:
        snap = cls(
            parties={p.id: p for p in registry.materialised(Party) if p.id is not None},
            engagements=registry.materialised(Engagement),
            links=registry.materialised(SubprocessorLink),
            transfers=registry.materialised(Transfer),
            agreements=registry.materialised(Agreement),
        )
        snap.names = Names((pid, p.name) for pid, p in snap.parties.items())
        for link in snap.links:
            snap.subs_of[link.processor].append(link)
            snap.sub_pairs.add((link.processor, link.sub))
        for e in snap.engagements:
            for c in e.controllers:
                if c != e.processor:
                    snap.processes_for.add((e.processor, c))
                    snap.processors_of[c].append(e.processor)
        return snap

    def name(self, party_id: int) -> str:
        return self.names[party_id]

    def roles(self, exporter: int, importer: int) -> tuple[str, str]:
        """The exporter's and importer's roles towards each other, from engagements and sub-processor links."""
        if (importer, exporter) in self.processes_for or any(
            importer in self.below(p) for p in self.processors_of.get(exporter, ())
        ):
            # The importer is the exporter's processor, or a sub-processor of one: it acts on the exporter's behalf.
            return "controller", "processor"
        if (exporter, importer) in self.sub_pairs or (importer, exporter) in self.sub_pairs:
            return "processor", "processor"
        if (exporter, importer) in self.processes_for:
            return "processor", "controller"
        return "controller", "controller"

    def chain(self, processor: int) -> list[SubprocessorLink]:
        """Sub-processor links below `processor`, at every depth, each once (loops are cut); computed once."""
        out = self._chains.get(processor)
        if out is None:
            out, seen, stack, subs_of = [], {processor}, [processor], self.subs_of
            while stack:
                for link in subs_of.get(stack.pop(), ()):
                    out.append(link)
                    if link.sub not in seen:
                        seen.add(link.sub)
                        stack.append(link.sub)
            self._chains[processor] = out
        return out

    def below(self, processor: int) -> set[int] | frozenset[int]:
        """The parties in `processor`'s sub-processor chain, at every depth."""
        if not self._below and self.subs_of:
            self._below = _closure(self.subs_of) or {p: {link.sub for link in self.chain(p)} for p in self.subs_of}
        return self._below.get(processor, frozenset())


def _closure(subs_of: dict[int, list[SubprocessorLink]]) -> dict[int, set[int]] | None:
    """Every processor's sub-processors at every depth, in one pass from the bottom of the chains up (each
    party's set is its subs and their sets); None when a chain loops, where a set would be cut short."""
    below: dict[int, set[int]] = {}
    for root in subs_of:
        if root in below:
            continue
        on_path, stack = {root}, [(root, iter(subs_of.get(root, ())))]
        while stack:
            node, todo = stack[-1]
            for link in todo:
                if link.sub in on_path:
                    return None
                if link.sub not in below:
                    on_path.add(link.sub)
                    stack.append((link.sub, iter(subs_of.get(link.sub, ()))))
                    break
            else:
                stack.pop()
                on_path.discard(node)
                found = below[node] = set()
                for link in subs_of.get(node, ()):
                    found.add(link.sub)
                    found |= below[link.sub]
    return below


def snapshot(registry: Registry) -> Snapshot:
    """The registry loaded for rules that look at all of it (call inside reading()); rebuilt after a change."""
    # Also rebuilt after a write inside an open transaction (the store's version moves only at its commit), so
    # flags computed there are never of the state before it.
    version = (registry.store.version, registry.relations_version())
    return registry.cached("review-snapshot", lambda: Snapshot.load(registry), version=version)
