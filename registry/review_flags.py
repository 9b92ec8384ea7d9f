"""A review flag, how one is made from a finding, and the memo that keeps flags between reviews: shared by the
review and its rule modules (registry/review.py, review_dpia.py, review_breaches.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from registry.review_transfers import Finding
from registry.snapshot import Snapshot


class Flag(NamedTuple):
    """One problem the DPO should act on (a tuple: a large registry has tens of thousands)."""

    code: str
    severity: str
    party_ids: tuple[int, ...]
    parties: tuple[str, ...]
    reason: str
    reference: str
    fix: str
    # What the flag is about, e.g. ("transfer", 3), ("link", 5): lets `chain` place it in the tree.
    subject: tuple[str, int] = ("registry", 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "parties": list(self.parties),
            "reason": self.reason,
            "reference": self.reference,
            "fix": self.fix,
        }


class Memo:
    """The flags each subject (a transfer, an engagement, an agreement) got in the last review, with what they
    were made from. A subject whose inputs are equal gets the same flags without its rule running again: after
    a change, only what it touched is worked out anew. Inputs are records and parties, which are replaced and
    never changed in place, so the comparison mostly finds the very same objects. Each review makes a new memo
    from the last, so subjects that are gone are dropped."""

    def __init__(self, previous: Memo | None = None) -> None:
        self._old = previous._new if previous is not None else {}
        self._new: dict[tuple[str, int], tuple[tuple[Any, ...], list[Flag]]] = {}

    def flags(
        self, subject: tuple[str, int], inputs: tuple[Any, ...], make: Callable[..., list[Flag]], *args: Any
    ) -> list[Flag]:
        """The subject's flags: the last review's when `inputs` are equal, else make(*args)."""
        hit = self._old.get(subject)
        if hit is None or hit[0] != inputs:
            hit = (inputs, make(*args))
        self._new[subject] = hit
        return hit[1]


def make_flag(snap: Snapshot, finding: Finding, party_ids: tuple[int, ...], subject: tuple[str, int]) -> Flag:
    ids = tuple(dict.fromkeys(party_ids))
    return Flag(
        code=finding.code,
        severity=finding.severity,
        party_ids=ids,
        parties=tuple(map(snap.names.__getitem__, ids)),
        reason=finding.reason,
        reference=finding.reference,
        fix=finding.fix,
        subject=subject,
    )
