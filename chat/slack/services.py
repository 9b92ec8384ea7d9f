"""What the Slack listeners share: the command services, who the privacy team is, and users' languages."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from chat.commands import Context, Services
from chat.slack.dedup import MessageIntakes
from chat.slack.rights import DpoRights

LOCALE_TTL = 3600.0


@dataclass
class SlackServices:
    """What the Slack listeners share: the command services, who the privacy team is, user languages, and
    the messages being taken in as inquiries."""

    services: Services
    dpo: DpoRights
    intakes: MessageIntakes = field(default_factory=MessageIntakes)
    _locales: dict[str, tuple[float, str]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def context(self, client: WebClient, *, user: str, line: str, shared: bool = False) -> Context:
        return Context(
            shared=shared,
            services=self.services,
            user=user,
            line=line,
            local=False,
            is_dpo=self.dpo.is_dpo(user, client),
            privacy_team=self.dpo.mentions(),
        )

    def language(self, client: WebClient, user: str) -> str:
        """'nb' or 'en' from the user's Slack locale (cached); English when Slack does not say."""
        with self._lock:
            cached = self._locales.get(user)
        if cached and time.monotonic() - cached[0] < LOCALE_TTL:
            return cached[1]
        try:
            locale = client.users_info(user=user, include_locale=True)["user"].get("locale") or "en-US"
        except SlackApiError:
            locale = "en-US"
        lang = "nb" if locale.split("-")[0] in ("nb", "nn", "no") else "en"
        with self._lock:
            self._locales[user] = (time.monotonic(), lang)
        return lang
