"""The privacy team's daily digest: inquiries overdue and due within a week, and texts due for deletion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inquiries.tracking import select
from registry.models import Inquiry
from registry.registry import Registry


@dataclass(frozen=True)
class Digest:
    overdue: list[Inquiry]
    due_soon: list[Inquiry]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon)

    def text(self) -> str:
        if self.empty:
            return "Privacy inquiries: nothing overdue, nothing due in the next 7 days."
        lines = ["Privacy inquiries that need you:"]
        for title, items in (("Overdue", self.overdue), ("Due within 7 days", self.due_soon)):
            if items:
                lines.append(f"{title}:")
                lines += [
                    f"• #{i.id} {i.primary}, due {i.current_due.isoformat() if i.current_due else '?'}, "
                    f"{i.status} → {', '.join(i.route.get('to_all') or [])}"
                    for i in items
                ]
        lines.append("`/dpa inquiry show ID` for one, `/dpa inquiry list` for all.")
        return "\n".join(lines)


def digest(registry: Registry, *, today: date) -> Digest:
    with registry.reading():
        return Digest(
            overdue=select(registry, "overdue", today=today), due_soon=select(registry, "due-soon", today=today)
        )
