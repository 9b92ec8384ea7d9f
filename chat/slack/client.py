"""The Slack Web API client the bot uses: one that waits and retries when Slack is busy or briefly down."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler, RetryHandler
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

# Slack answers 429 with Retry-After when a method's rate limit is hit, and occasionally 5xx; both pass.
RETRIES = 4


def retry_handlers(retries: int = RETRIES) -> list[RetryHandler]:
    return [
        ConnectionErrorRetryHandler(max_retry_count=retries),
        RateLimitErrorRetryHandler(max_retry_count=retries),  # waits as long as Retry-After says
        ServerErrorRetryHandler(max_retry_count=retries),  # 500/503, with exponential backoff from 0.5 s
    ]


def make_client(token: str | None, *, base_url: str | None = None, retries: int = RETRIES) -> WebClient:
    return WebClient(token=token, base_url=base_url or WebClient.BASE_URL, retry_handlers=retry_handlers(retries))
