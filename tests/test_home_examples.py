"""An employee's App Home asks example questions about the registry at hand (issue 19 item 7d): its own
processors, sub-processors and transfer countries, generic questions when it is empty, never the demo's
parties unless the demo is loaded. Through Slack: app_home_opened -> views.publish on the fake API; each
example is a question the bot then answers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import EMPLOYEE, NOW, bolt_app, demo_registry, send, slack_services
from slack_requests import app_home_opened, event_callback

from chat import Context, Services, dispatch
from chat.home_examples import GENERIC
from chat.questions import answer
from registry.registry import Registry
from registry.store import Store

DEMO_NAMES = ("Septer", "HubSpot", "IWMAC", "Semac", "Netsecurity", "alarm-centre")


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    store = Store(tmp_path / "registry.json")
    yield Registry(store, clock=lambda: NOW)
    store.close()


def home_examples(fake, registry: Registry) -> list[str]:
    app = bolt_app(slack_services(registry), fake.client())
    send(app, event_callback(app_home_opened(EMPLOYEE)))
    published = fake.last("views.publish")
    assert published.params["user_id"] == EMPLOYEE
    text = json.dumps(published.json("view"), ensure_ascii=False)
    for name in DEMO_NAMES:
        assert name not in text
    return re.findall(r"• _(.*?)_", published.json("view")["blocks"][0]["text"]["text"])


def run(registry: Registry, line: str) -> None:
    reply = dispatch(Context(services=Services(registry=registry), user="U_DPO", line=line), line)
    assert reply.ok, reply.text


def test_an_empty_registry_gets_generic_examples(fake, registry):
    assert home_examples(fake, registry) == list(GENERIC)


def test_the_examples_name_this_registrys_parties_and_each_is_answered(fake, registry):
    for line in (
        'party add "Nordlys Eiendomsdrift AS" orgnr=925813745 self=yes',
        'party add "Fjordsky AS" country=NO aliases=Fjordsky',
        'party add "Lønnsbyrået Tall AS" country=NO',
        'party add "Skyvekt Pte Ltd" country=SG',
        'engage Fjordsky for="Nordlys Eiendomsdrift AS" purpose="drift av kundeportalen"',
        'engage "Lønnsbyrået Tall" for="Nordlys Eiendomsdrift AS" purpose="lønn"',
        "subprocessor add Fjordsky Skyvekt service=backup countries=SG",
        "transfer add Fjordsky Skyvekt country=SG mechanism=scc-2021 module=3",
    ):
        run(registry, line)
    examples = home_examples(fake, registry)
    assert examples == [
        "Which sub-processors does Fjordsky use?",
        "Har vi databehandleravtale med Lønnsbyrået Tall AS?",
        "Which vendors transfer data to Singapore?",
    ]
    for question in examples:
        reply = answer(registry, question)
        assert reply.data["answered"], (question, reply.text)
    assert "Skyvekt" in answer(registry, examples[0]).text and "Skyvekt" in answer(registry, examples[2]).text


def test_the_demo_registry_names_the_demos_parties(fake, tmp_path):
    for registry in demo_registry(tmp_path / "demo"):
        app = bolt_app(slack_services(registry), fake.client())
        send(app, event_callback(app_home_opened(EMPLOYEE)))
        text = fake.last("views.publish").json("view")["blocks"][0]["text"]["text"]
        examples = re.findall(r"• _(.*?)_", text)
        assert len(examples) == 3 and examples != list(GENERIC)
