"""`/dpa engage ... special=helse` in Slack, end to end: real Bolt, signed requests, a real registry file, the fake
Slack API (issue 19 item 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import DPO, bolt_app, demo_registry, slack_services
from slack_app import send as send_signed
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import slash_command

from registry.models import Engagement
from registry.registry import Registry
from registry.review import review


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


@pytest.fixture
def app(fake: FakeSlack, registry: Registry, tmp_path: Path) -> App:
    return bolt_app(slack_services(registry, out=tmp_path / "out"), fake.client())


def command(app: App, fake: FakeSlack, text: str) -> str:
    response = send_signed(app, slash_command(text, user_id=DPO, response_url=fake.response_url))
    assert response.status == 200
    return fake.calls("response_url")[-1].params.get("text", "")


def test_engage_with_special_helse_records_health_and_warns_of_fodselsnummer(app, fake, registry):
    text = command(
        app,
        fake,
        'engage Septer for=Nordlys purpose="Pasientvarsling" data="navn, fødselsnummer" subjects=pasienter '
        "special=helse",
    )
    assert text.startswith("Recorded engagement: Septer")
    assert "data= mentions 'fødselsnummer': record national-id=yes, or national-id=no if not." in text
    with registry.reading():
        [engagement] = [e for e in registry.all(Engagement) if e.purpose == "Pasientvarsling"]
    assert engagement.special_categories == ["health"] and engagement.national_id is None

    flags = [f for f in review(registry, today=registry.clock().date()) if f.code == "dpia-needed"]
    assert [f.parties for f in flags] == [("Nordlys Eiendomsdrift AS", "Septer AS")]
    assert "vulnerable data subjects (pasienter)" in flags[0].reason

    refused = command(app, fake, 'engage Septer for=Nordlys purpose="Pasientvarsling" special=helse,lønn')
    assert "Unknown special category" in refused and "'lønn'" in refused
