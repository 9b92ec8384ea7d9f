"""A party's processing chain as a tree: its processors and sub-processors at every depth, each with the
countries, transfer mechanisms and review flags that belong to it, and the flags further down."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry.models import Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.review import SEVERITIES, Flag


@dataclass
class ChainNode:
    party: Party
    relation: str  # "root", "processor" (engaged by the root as controller) or "sub-processor"
    service: str = ""
    countries: list[str] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)  # recorded from the parent to this party
    flags: list[Flag] = field(default_factory=list)  # about the link into this party, or its transfers
    children: list[ChainNode] = field(default_factory=list)
    loops_back: bool = False  # this party is already above it in the chain: not expanded again

    def below(self) -> list[Flag]:
        """Flags anywhere under this node, each once, most severe first."""
        seen: dict[int, Flag] = {}
        stack = list(self.children)
        while stack:
            node = stack.pop()
            for f in node.flags:
                seen.setdefault(id(f), f)
            stack.extend(node.children)
        return sorted(seen.values(), key=lambda f: SEVERITIES.index(f.severity))

    def to_json(self) -> dict[str, Any]:
        return {
            "party": self.party.name,
            "relation": self.relation,
            "service": self.service,
            "countries": self.countries,
            "mechanisms": [t.mechanism for t in self.transfers],
            "flags": [f.to_json() for f in self.flags],
            "flags_below": [f.code for f in self.below()],
            "loops_back": self.loops_back,
            "children": [c.to_json() for c in self.children],
        }


def build_chain(registry: Registry, party: Party, flags: list[Flag]) -> ChainNode:
    """The tree under `party`; call inside registry.reading()."""
    by_subject: dict[tuple[str, int], list[Flag]] = {}
    for f in flags:
        by_subject.setdefault(f.subject, []).append(f)
    used: set[tuple[str, int]] = set()
    root = ChainNode(party=party, relation="root")
    processors = [e for e in registry.related(party.id, Engagement) if party.id in e.controllers and not e.in_house]
    for e in processors:
        processor = registry.get(Party, e.processor)
        child = ChainNode(party=processor, relation="processor", service=e.purpose)
        _attach(registry, child, parent=party.id, subject=("engagement", e.id or 0), by_subject=by_subject, used=used)
        root.children.append(child)
        _expand(registry, child, path={party.id, processor.id}, by_subject=by_subject, used=used)
    _expand(registry, root, path={party.id}, by_subject=by_subject, used=used)
    root.flags = [f for f in flags if party.id in f.party_ids and f.subject not in used]
    return root


def _expand(
    registry: Registry,
    node: ChainNode,
    *,
    path: set[int],
    by_subject: dict[tuple[str, int], list[Flag]],
    used: set[tuple[str, int]],
) -> None:
    pid = node.party.id
    for link in registry.related(pid, SubprocessorLink):
        if link.processor != pid:
            continue
        sub = registry.get(Party, link.sub)
        child = ChainNode(party=sub, relation="sub-processor", service=link.service, countries=list(link.countries))
        _attach(registry, child, parent=pid, subject=("link", link.id or 0), by_subject=by_subject, used=used)
        node.children.append(child)
        if sub.id in path:
            child.loops_back = True
        else:
            _expand(registry, child, path=path | {sub.id}, by_subject=by_subject, used=used)


def _attach(
    registry: Registry,
    node: ChainNode,
    *,
    parent: int | None,
    subject: tuple[str, int],
    by_subject: dict[tuple[str, int], list[Flag]],
    used: set[tuple[str, int]],
) -> None:
    """Give the node the flags about the relation into it and the transfers its parent makes to it."""
    node.transfers = [t for t in registry.related(node.party.id, Transfer) if t.exporter == parent]
    subjects = [subject, *(("transfer", t.id or 0) for t in node.transfers)]
    for s in subjects:
        node.flags.extend(by_subject.get(s, []))
        used.add(s)
