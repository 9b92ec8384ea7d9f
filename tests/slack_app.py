"""The Bolt app as the end-to-end tests build it: a demo registry in a file, signed requests, a fake Slack API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from slack_bolt import App
from slack_requests import signed_request
from slack_sdk import WebClient

from chat import Services
from chat.slack.app import build_app
from chat.slack.rights import DpoRights
from chat.slack.services import SlackServices
from registry.demo import load_demo
from registry.registry import Actor, Registry
from registry.store import Store

SECRET = "test-signing-secret"
DPO, EMPLOYEE = "U_DPO", "U_EMP"
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def demo_registry(folder: Path, clock: Callable[[], datetime] = lambda: NOW) -> Iterator[Registry]:
    """A registry file in `folder` holding the demo, on a fixed clock; closed afterwards (use with yield from)."""
    store = Store(folder / "registry.json")
    registry = Registry(store, clock=clock)
    load_demo(registry, Actor("setup", "demo"))
    yield registry
    store.close()


def slack_services(registry: Registry, *, dpo: str = DPO, out: Path | None = None) -> SlackServices:
    services = Services(registry=registry) if out is None else Services(registry=registry, out=out)
    return SlackServices(services=services, dpo=DpoRights.from_setting(dpo))


def bolt_app(slack: SlackServices, client: WebClient) -> App:
    """The real app with request signing on, answering inline so tests see its calls at once."""
    return build_app(slack, token="xoxb-test", signing_secret=SECRET, client=client, process_before_response=True)


def send(app: App, body: str, **kwargs):
    return app.dispatch(signed_request(body, secret=SECRET, **kwargs))
