"""Who is the privacy team: users listed in DPA_DPO_USERS, directly or through a Slack user group."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

GROUP_TTL = 300.0  # seconds a user group's members are cached


class DpoRights:
    """Slack user ids (U..., W...) and user group ids (S...) whose members may change the registry."""

    def __init__(self, ids: Iterable[str], *, clock: Callable[[], float] = time.monotonic) -> None:
        ids = [i.strip() for i in ids if i.strip()]
        self.users = frozenset(i for i in ids if not i.startswith("S"))
        self.groups = tuple(i for i in ids if i.startswith("S"))
        self._clock = clock
        self._cache: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_setting(cls, value: str | None, *, also: Iterable[str] = ()) -> DpoRights:
        """DPA_DPO_USERS's ids, and `also` (in a workspace that installed the app: whoever installed it)."""
        return cls([*(value or "").replace(";", ",").replace(" ", ",").split(","), *also])

    def is_dpo(self, user_id: str, client: WebClient) -> bool:
        return user_id in self.users or any(user_id in self._members(g, client) for g in self.groups)

    def members(self, client: WebClient) -> list[str]:
        """Every user of the privacy team (for private notices)."""
        found = set(self.users)
        for group in self.groups:
            found |= self._members(group, client)
        return sorted(found)

    def mentions(self) -> str:
        """How to name the privacy team in a message."""
        names = [f"<@{u}>" for u in sorted(self.users)] + [f"<!subteam^{g}>" for g in self.groups]
        return ", ".join(names) if names else "the data protection officer (no one is listed in DPA_DPO_USERS yet)"

    def _members(self, group: str, client: WebClient) -> frozenset[str]:
        with self._lock:
            cached = self._cache.get(group)
            if cached and self._clock() - cached[0] < GROUP_TTL:
                return cached[1]
        try:
            users = frozenset(client.usergroups_users_list(usergroup=group).get("users", []))
        except SlackApiError:
            # Without the usergroups:read scope or with a wrong id, the group grants nothing (fail closed).
            users = frozenset()
        with self._lock:
            self._cache[group] = (self._clock(), users)
        return users
