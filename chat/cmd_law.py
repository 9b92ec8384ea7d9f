"""The law the bot applies, as it stands in registry/law.py: rules, adequacy decisions, and what is pending."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chat.args import Args
from chat.commands import TABLE, Context
from chat.reply import Reply
from registry.law import ADEQUACY_LIST, MECHANISMS, PENDING, RULES


@TABLE.register("law", "law", words=(0, 0))
def law(ctx: Context, args: Args) -> Reply:
    """Every review rule and adequacy decision the bot applies, with its reference, the day it was last checked
    against a source, and what is pending (court cases, proposals, EEA incorporation). Read-only; anyone may ask.
    """
    lines = ["Review rules (code: what it checks; reference; checked on):"]
    lines += [f"• {r.code}: {r.what}; {r.reference}; checked {r.checked.isoformat()}" for r in RULES]
    lines.append("Adequacy decisions (what it covers; dates applied; checked on):")
    for a in ADEQUACY_LIST:
        scope = f" — {a.scope}" if a.scope else ""
        until = f", until {a.expires.isoformat()}" if a.expires else ""
        lines.append(f"• {a.key}: {a.decision}{scope}; {a.dates}{until}; checked {a.checked.isoformat()}")
    lines.append("Transfer mechanisms:")
    for m in MECHANISMS.values():
        state = "valid" if m.valid else "not valid"
        lines.append(f"• {m.code}: {m.label} ({state}); {m.reference}; checked {m.checked.isoformat()}")
    lines.append("Pending (not applied until decided):")
    lines += [f"• {p.what}: {p.status}; checked {p.checked.isoformat()}" for p in PENDING]
    data: dict[str, Any] = {
        "rules": [_plain(asdict(r)) for r in RULES],
        "adequacy": [_plain(asdict(a)) for a in ADEQUACY_LIST],
        "mechanisms": [_plain(asdict(m)) for m in MECHANISMS.values()],
        "pending": [_plain(asdict(p)) for p in PENDING],
    }
    return Reply("\n".join(lines), data=data)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text, tuples as lists: what a JSON reply holds."""
    return {
        k: v.isoformat() if hasattr(v, "isoformat") else list(v) if isinstance(v, tuple) else v
        for k, v in values.items()
    }
