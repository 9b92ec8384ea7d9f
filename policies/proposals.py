"""Proposals: what an import read, stored until the DPO applies or discards it, and how each item reads."""

from __future__ import annotations

from typing import Any

from registry.errors import InputError, NotFound
from registry.law import MECHANISMS
from registry.models import Proposal
from registry.registry import Actor, Registry

KINDS = ("party", "contact", "dpo", "role", "subprocessor", "transfer", "retention", "deadline", "legal-basis")
CONFIDENCES = ("high", "medium", "unsure")


def save_proposal(registry: Registry, actor: Actor, *, items: list[dict[str, Any]], source: str, kind: str) -> Proposal:
    subject = next((i["value"]["name"] for i in items if i["kind"] == "party"), None) if kind == "policy" else None
    proposal = Proposal(
        source=source,
        kind=kind,
        subject=subject,
        items=items,
        created=registry.clock().date(),
        by=actor.user,
    )
    with registry.change(actor) as w:
        return w.insert(proposal)


def get_proposal(registry: Registry, raw: str) -> Proposal:
    """The proposal numbered `raw` (call inside reading())."""
    number = raw.lstrip("#")
    if not (number.isdecimal() and len(number) <= 18):  # int() refuses '²' (a digit to isdigit) and 5,000 digits
        raise InputError("A proposal is named by its number", value=raw, accepted="import apply 3")
    found = registry.find(Proposal, int(number))
    if found is None:
        raise NotFound("proposal", raw, candidates=[])
    return found


def open_proposals(registry: Registry) -> list[Proposal]:
    return sorted((p for p in registry.all(Proposal) if p.status == "open"), key=lambda p: p.id or 0)


def discard(registry: Registry, actor: Actor, proposal: Proposal) -> None:
    with registry.change(actor) as w:
        w.update(registry.get(Proposal, proposal.id or 0), {"status": "discarded", "items": []})


def chosen(proposal: Proposal, only: str | None) -> list[int]:
    """Item numbers to apply: those listed in only=, else every item not marked unsure."""
    total = len(proposal.items)
    if only is None:
        return [n for n, item in enumerate(proposal.items, 1) if item.get("confidence") != "unsure"]
    numbers = []
    for part in only.replace(" ", "").split(","):
        low, _, high = part.partition("-")
        if not _short_number(low) or (high and not _short_number(high)):
            raise InputError("only= takes item numbers", value=only, accepted="only=1,3,5 or only=2-6")
        first, last = int(low), int(high or low)
        # Checked before counting: only=1-99999999999 would otherwise list every number up to it.
        wrong = [n for n in (first, last) if not 1 <= n <= total]
        if wrong:
            raise InputError(
                f"Proposal #{proposal.id} has items 1 to {total}", value=wrong[0], accepted=f"numbers 1-{total}"
            )
        numbers += range(first, last + 1)
    return sorted(set(numbers))


def _short_number(text: str) -> bool:
    return text.isdecimal() and len(text) <= 18  # int() refuses '²' (a digit to isdigit) and 5,000 digits


def item_text(item: dict[str, Any]) -> str:
    """One line for a person: the kind, what it says, and how sure the reading is."""
    v = item["value"]
    kind = item["kind"]
    if kind == "party":
        text = ", ".join(x for x in (v.get("name"), _orgnr(v.get("orgnr")), v.get("address"), v.get("country")) if x)
    elif kind == "contact":
        text = f"{v['email']} ({'privacy contact' if v.get('purpose') == 'privacy' else 'general contact'})"
    elif kind == "dpo":
        text = " ".join(x for x in (v.get("name"), v.get("email")) if x) or "a DPO"
        if v.get("of"):
            text += f", DPO of the group company {v['of']}"
    elif kind == "role":
        whom = f" for {v['for']}" if v.get("for") else ""
        text = f"{v['role']}{whom}: {v.get('what') or 'not said for what'}"
    elif kind == "subprocessor":
        where = ", ".join(v.get("countries") or []) or "countries not said"
        text = f"{v['name']}{' (sub-processor of ' + v['of'] + ')' if v.get('of') else ''}: {v.get('service') or 'service not said'}; {where}"
    elif kind == "transfer":
        mechanism = MECHANISMS[v["mechanism"]].label if v.get("mechanism") in MECHANISMS else v.get("mechanism")
        text = f"to {v.get('importer') or 'an importer not named'} in {v.get('country') or 'a country not named'}: {mechanism}"
    elif kind == "retention":
        text = f"{v.get('what') + ': ' if v.get('what') else ''}{v.get('period')}"
    elif kind == "deadline":
        text = f"answers within {v.get('text')}"
    else:
        text = f"Art. {v.get('article')}{' for ' + v['for'] if v.get('for') else ''}"
    party = f"[{v['party']}] " if v.get("party") else ""
    sure = " (unsure)" if item.get("confidence") == "unsure" else ""
    return f"{kind}: {party}{text}{sure}"


def _orgnr(orgnr: str | None) -> str | None:
    return f"org. nr. {orgnr}" if orgnr else None
