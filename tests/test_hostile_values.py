"""Hostile values in every field end up harmlessly in Slack messages and in Word documents.

Names, aliases, addresses, purposes, services, notes and inquiry texts carrying Slack markup (<!channel>, <@U123>,
links), mrkdwn, XML special characters, control, zero-width and right-to-left characters, emoji and very long
text: no mention the user typed reaches Slack as markup, every message is valid Block Kit within Slack's
limits, and a DPA carrying them opens in python-docx and converts in LibreOffice.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from agreements.template import PLACEHOLDER
from chat import Context, Services, dispatch
from chat.cmd_parties import party_changes
from chat.dashboard import summary
from chat.questions import answer
from chat.reply import Reply
from chat.slack.blocks import home_dpo, inquiry_message, reply_messages
from chat.slack.on_inquiries import delivery_message, post_digest
from chat.slack.rights import DpoRights
from chat.slack.services import SlackServices
from registry.errors import InputError
from registry.models import Inquiry
from registry.registry import Registry
from registry.store import Store

FIXED_NOW = datetime.fromisoformat("2026-11-21T12:00:00+00:00")
TEAM = "<@U0DPO>, <!subteam^S0DPO>"  # how the Slack adapter names the privacy team
# The only markup the bot itself adds: the privacy team, and the Slack user who handed in an inquiry.
ALLOWED_MARKUP = {"<@U0DPO>", "<!subteam^S0DPO>", "<@U_DPO>"}

HOSTILE = {
    "channel": "<!channel>",
    "here": "<!here> <!everyone>",
    "user": "<@U123> <@W9|boss>",
    "group": "<!subteam^S123|team> <#C123|general>",
    "link": "<https://evil.example|click here> <mailto:x@evil.example|mail>",
    "mrkdwn": "*bold* _it_ ~gone~ `code` > quote",
    "fence": "``` ```",
    "entities": "&<> &amp; &lt;!channel&gt; &#60;",
    "xml": "<w:t>x</w:t> ]]> <![CDATA[x]]> \"'&",
    "placeholder": "{{ controller.name }} {{each x}}",
    "control": "".join(chr(c) for c in range(32)) + "\x7f",
    "zero-width": "Z\u200bW\u200c\u200d\ufeffJ",
    "rtl": "\u202eevil\u202c \u2066x\u2069",
    "noncharacters": "\ufffe\uffff",
    "emoji": "😀 👩‍👩‍👧 🇳🇴",
    "long": "<!here>😀 " * 1200,  # 10,800 characters
}
# How much of a value each field holds (the limits validate.text enforces); the full value goes where the
# grammar takes any length (inquiry texts) and into refused commands.
NAME, FIELD = 150, 250


def q(text: str) -> str:
    """A value quoted for the command line."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- Slack: what a message may hold ---------------------------------------------------------------------------

MARKUP = re.compile(r"<[^<>]*>?")


def assert_harmless_text(text: str, where: str) -> None:
    found = set(MARKUP.findall(text))
    assert found <= ALLOWED_MARKUP, f"markup typed by a user reached Slack in {where}: {sorted(found)[:5]}"
    assert not re.search(r"&(?!amp;|lt;|gt;)", text), f"a bare & (or a cut entity) in {where}"


def assert_valid_message(message: dict[str, Any]) -> None:
    """Block Kit within Slack's limits, and no markup but the bot's own."""
    assert isinstance(message["text"], str) and 0 < len(message["text"]) <= 40_000
    assert_harmless_text(message["text"], "the message text")
    blocks = message["blocks"]
    assert 1 <= len(blocks) <= 50
    for block in blocks:
        kind = block["type"]
        if kind == "section":
            assert block["text"]["type"] == "mrkdwn"
            assert 0 < len(block["text"]["text"]) <= 3000, len(block["text"]["text"])
            assert_harmless_text(block["text"]["text"], "a section")
        elif kind == "header":
            assert block["text"]["type"] == "plain_text" and 0 < len(block["text"]["text"]) <= 150
        elif kind == "context":
            assert 1 <= len(block["elements"]) <= 10
            for element in block["elements"]:
                assert len(element["text"]) <= 3000
                assert_harmless_text(element["text"], "a context block")
        elif kind == "actions":
            assert 1 <= len(block["elements"]) <= 25
            for element in block["elements"]:
                if element["type"] == "static_select":  # Slack's limits for a menu
                    assert len(element["placeholder"]["text"]) <= 150 and 1 <= len(element["options"]) <= 100
                    for option in element["options"]:
                        assert len(option["text"]["text"]) <= 75 and len(option["value"]) <= 150
                else:
                    assert len(element["text"]["text"]) <= 75 and len(element.get("value", "")) <= 2000
        else:
            assert kind in ("divider",), kind


def assert_reply_harmless(reply: Reply) -> None:
    assert reply.text.strip()
    for message in reply_messages(reply):
        assert_valid_message(message)


# --- the registry, filled with one hostile value everywhere ----------------------------------------------------


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest) -> str:
    return HOSTILE[request.param]


Run = Callable[..., Reply]


def runner(registry: Registry, out: Path) -> Run:
    services = Services(registry=registry, out=out)

    def run(line: str, *, ok: bool | None = True, local: bool = True) -> Reply:
        ctx = Context(services=services, user="U_DPO", line=line, local=local, privacy_team=TEAM)
        reply = dispatch(ctx, line)
        if ok is not None:
            assert reply.ok is ok, reply.text[:500]
        assert_reply_harmless(reply)
        return reply

    return run


def fill(run: Run, value: str) -> None:
    """A complete controller and processor pair (as in test_dpa_generate), with `value` in every free-text field.
    The parties are also known by plain aliases: Ctrl, Proc, Host, Cloud."""
    v, f = value[:NAME], value[:FIELD]
    run(
        f"party add {q(v + ' Behandlingsansvarlig AS')} aliases={q('Ctrl, ' + v + ' alias')} orgnr=925813745 "
        f"address={q(f + ' gate 1, 0104 Oslo')} email=personvern@nordlys.example dpo=ombud@nordlys.example "
        "self=yes"
    )
    run(
        f"party add {q(v + ' Prosessor AS')} aliases=Proc orgnr=921183739 address={q(f + ' Brugata 7')} "
        f"email=privacy@kjol.example dpo=dpo@kjol.example measures={q('Kryptering ' + f + '; Tilgangskontroll ' + f)}"
    )
    run(f"party add {q(v + ' Hosting AS')} aliases=Host country=NO address={q(f + ' vei 2, 5035 Bergen')}")
    run(
        f"party add {q(v + ' Cloud Inc.')} aliases=Cloud country=US orgnr={q(f + ' 123')} "
        f"address={q(f + ' Market St')} email=privacy@cloud.example"
    )
    run(
        f"engage Proc for=Ctrl purpose={q(f + ' alarmsentral')} data={q(f + ', navn, telefon')} "
        f"subjects={q(f + ', kunder')} retention={q(f + ' 90 dager')} basis={q(f + ' art. 6(1)(b)')} "
        "start=2024-03-01"
    )
    run(f"engage Ctrl for=Cloud purpose={q(f + ' kundeservice')} data={q(f + ', e-post')} subjects=kunder")
    run(f"subprocessor add Proc Host service={q(f + ' drift')} countries=NO")
    run(f"subprocessor add Proc Cloud service={q(f + ' SMS')} countries=US")
    run(f"transfer add Proc Cloud country=US mechanism=scc-2021 module=3 tia=2026-01-15 note={q(f + ' note')}")
    contact = value[:NAME].replace('"', "")
    run(f'inquiry new {value} Jeg ber om innsyn i alt dere har om meg. {value} from="{contact} Ola"')
    run(f"inquiry new about=Cloud Jeg ber om sletting av mine opplysninger. {value}")


@pytest.fixture
def filled(registry: Registry, tmp_path: Path, hostile: str) -> tuple[Registry, Run, str]:
    run = runner(registry, tmp_path / "out")
    fill(run, hostile)
    return registry, run, hostile


READS = [
    "who Ctrl",
    "who Proc",
    "party show Cloud",
    "party show Host",
    "party list",
    "party list role=processor",
    "review",
    "review Proc",
    "chain Ctrl",
    "chain Proc",
    "dpa list",
    "history",
    "history Proc limit=200",
    "inquiry list all",
    "inquiry show 1",
    "inquiry show 2",
    "import list",
    "export csv",
    "export json",
    "help",
]


def test_every_reply_shows_hostile_values_harmlessly(filled):
    _, run, value = filled
    for line in READS:
        run(line)
        run(line, local=False)
    run(f"inquiry extend 1 reason={q(value[:900] + ' mange saker')}")
    run(f"inquiry close 2 note={q(value[:900] + ' sendt videre')}")
    run("dpa generate Ctrl Proc")
    run("dpa generate Ctrl Proc lang=en", local=False)
    run(f"dpa signed Ctrl Proc date=2026-11-21 review={q(value)}", ok=False)
    run("dpa signed Ctrl Proc date=2026-11-21")
    run("dpa list")
    proposal = run(f"import policy {value} AS (org.nr. 913 442 857) bruker {value} som databehandler i USA.", ok=None)
    if proposal.ok:
        run("import show 1")
        run("import apply 1", ok=None)
    for line in READS:
        run(line)


def test_refusals_quoting_hostile_values_are_harmless(filled):
    _, run, value = filled
    for line in [
        f"who {q(value)}",
        f"party show {q(value + 'x')}",
        f"party add {q(value[:NAME] + ' Prosessor AS')}",
        f"party add {q(value)} orgnr={q(value)}",
        f"party add X country={q(value)}",
        f"party add X email={q(value)}",
        f"party add X channel={q(value)}",
        f"party add X dpf-checked={q(value)}",
        "party remove Proc",
        "dpa generate Ctrl Cloud",
        f"dpa generate Ctrl Proc template={q(value)}",
        f"dpa generate Ctrl Proc notice={q(value)}",
        f"transfer add Proc Cloud country=US mechanism={q(value)}",
        f"engage Proc for={q(value)} purpose=x",
        f"review {q(value)}",
        f"inquiry show {q(value)}",
        f"inquiry new received={q(value)} Jeg ber om innsyn.",
        f"import apply {q(value)}",
        f"{value}",
        f"party {q(value)}",
    ]:
        run(line, ok=False)
    run(f"party add {q('A' * 10_000)}", ok=False)  # a 10,000-character name is refused, and says so briefly
    run(f"who {q('A' * 10_000)}", ok=False)


def test_a_refusal_names_only_the_privacy_team(registry, tmp_path):
    """The bot's own mentions (the privacy team) stay mentions; nothing else does."""
    services = Services(registry=registry, out=tmp_path)
    line = "party add " + q("<@U123> <!channel>")
    ctx = Context(services=services, user="U_X", line=line, is_dpo=False, privacy_team=TEAM)
    reply = dispatch(ctx, line)
    assert not reply.ok
    text = "\n".join(b["text"]["text"] for m in reply_messages(reply) for b in m["blocks"])
    assert "<@U0DPO>" in text and "<!subteam^S0DPO>" in text


def test_questions_about_hostile_names_are_answered_harmlessly(filled):
    registry, _, value = filled
    for question in [
        f"who is the controller for {value[:200]} alarmsentral?",
        f"har vi databehandleravtale med {value[:200]} Prosessor?",
        "which sub-processors does Proc use?",
        "overfører Proc data ut av EØS?",
        f"hvem er {value[:200]}?",
        value,
    ]:
        for lang in ("nb", "en"):
            assert_reply_harmless(answer(registry, question, lang_hint=lang))


def _inquiries(registry: Registry) -> list[Inquiry]:
    with registry.reading():
        return registry.all(Inquiry)


def test_inquiry_delivery_and_app_home_show_hostile_values_harmlessly(filled):
    registry, _, _ = filled
    for inquiry in _inquiries(registry):
        message, _ = delivery_message(registry, inquiry)
        assert_valid_message(message)
    home = home_dpo(summary(registry))
    assert home["type"] == "home" and len(home["blocks"]) <= 100
    assert_valid_message({"text": "home", "blocks": home["blocks"]})


def test_a_long_inquiry_for_several_controllers_keeps_its_buttons():
    """40,000 characters (Slack's most) to forward to three controllers: more than 50 blocks of text."""
    data = {
        "id": 9,
        "route": {"to_all": ["A", "B", "C"], "role": "processor", "reason": "<!here>"},
        "received": "2026-11-20",
        "due": "2026-12-21",
        "extension_notice_due": "2026-12-21",
        "extended_due": "2027-02-22",
        "text": "<!here> slett meg " * 2200,
        "needs_a_look": True,
        "likely": [["erasure", 0.4], ["objection", 0.3], ["question", 0.2]],
    }
    forwards = [(name, f"{name}@x.example", f"Til {name}: " + data["text"]) for name in "ABC"]
    message = inquiry_message(data, types="erasure", judgment="Needs a look", no_deadline=None, forwards=forwards)
    assert_valid_message(message)
    assert [b["type"] for b in message["blocks"][-3:]] == ["context", "actions", "actions"]
    assert message["blocks"][-2]["block_id"] == "inquiry_type_9"  # the type buttons survive too
    assert "`/dpa inquiry show 9` has it all" in message["blocks"][-3]["elements"][0]["text"]


def test_app_home_names_only_slack_users_as_mentions(registry):
    """The inquiry's sender becomes a mention only when it is a Slack user id (the console records a name)."""
    data = {
        "counts": {"parties": 0, "engagements": 0, "agreements": 0},
        "flags": [],
        "inquiries": [
            {"id": 1, "due": "2026-12-01", "overdue": False, "sender": "U0DPO"},
            {"id": 2, "due": "2026-12-01", "overdue": False, "sender": "x> <!channel"},
        ],
        "reviews": [],
        "waiting": [],
    }
    assert_valid_message({"text": "home", "blocks": home_dpo(data)["blocks"]})


def test_the_digest_shows_hostile_names_harmlessly(filled, fake):
    """The daily digest (posted as the text of a message) names the controller each inquiry goes to."""
    registry, _, _ = filled
    slack = SlackServices(services=Services(registry=registry), dpo=DpoRights.from_setting("U0DPO"))
    later = Registry(registry.store, clock=lambda: FIXED_NOW.replace(year=2027))
    post_digest(SlackServices(services=Services(registry=later), dpo=slack.dpo), fake.client())
    [posted] = fake.calls("chat.postMessage")
    assert "Privacy inquiries" in posted.params["text"]
    assert_harmless_text(posted.params["text"], "the digest")


# --- Word -----------------------------------------------------------------------------------------------------


def _document_text(content: bytes) -> tuple[str, str]:
    """The body's text, and the title and keywords Word shows under File > Info."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    props = document.core_properties
    return "\n".join(parts), f"{props.title}\n{props.keywords}"


# What of each value the document shows: markup as typed; control, zero-width and direction characters dropped.
IN_DOCUMENT = {
    "channel": "<!channel> Behandlingsansvarlig AS",
    "here": "<!here> <!everyone> Prosessor AS",
    "user": "<@U123> <@W9|boss>",
    "group": "<!subteam^S123|team> <#C123|general>",
    "link": "<https://evil.example|click here>",
    "mrkdwn": "*bold* _it_ ~gone~ `code` > quote",
    "fence": "``` ``` Prosessor AS",
    "entities": "&<> &amp; &lt;!channel&gt; &#60;",
    "xml": "<w:t>x</w:t> ]]> <![CDATA[x]]>",
    "placeholder": "{ { controller.name }} { {each x}}",
    "control": "\nBehandlingsansvarlig AS",
    "zero-width": "ZWJ Prosessor AS",
    "rtl": "evil x Prosessor AS",
    "noncharacters": "\nProsessor AS",
    "emoji": "😀",
    "long": "<!here>😀 <!here>😀 <!here>😀",
}


@pytest.fixture
def documents(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """One DPA per hostile value, each from its own registry, written by `dpa generate` in the console."""
    made = {}
    for key, value in HOSTILE.items():
        store = Store(None)
        registry = Registry(store, clock=lambda: FIXED_NOW)
        run = runner(registry, tmp_path / "out" / key)
        fill(run, value)
        written = Path(run("dpa generate Ctrl Proc lang=en").data["file"])
        made[key] = written.rename(tmp_path / f"{key}-{written.name}")  # names without the hostile part are alike
        store.close()
    yield made


def test_dpas_with_hostile_values_open_in_word_and_convert_in_libreoffice(documents, tmp_path):
    for key, path in documents.items():
        text, properties = _document_text(path.read_bytes())
        assert not PLACEHOLDER.search(text), key  # a value's {{ }} is never read as a placeholder
        assert "Behandlingsansvarlig AS" in properties  # cut at Word's 255 characters when the names are long
        assert IN_DOCUMENT[key] in text, key  # shown as typed (XML escaped), or without what cannot be shown
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed; `make test` installs it (.ci/install-libreoffice)"
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # no clash with a running LibreOffice
    files = [str(p) for p in documents.values()]
    done = subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *files],
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    for key, path in documents.items():
        pdf = tmp_path / "pdf" / path.with_suffix(".pdf").name
        assert pdf.is_file(), f"LibreOffice did not convert the DPA with {key} values"
        assert pdf.read_bytes().startswith(b"%PDF")


# --- text that is not text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        'party add "Broken \ud800 AS"',
        "party add Broken email=\udcff@x.example",
        "who \udcc3\udca6",
        "inquiry new Jeg ber om innsyn i alt dere har om meg. \udcff",
        "import policy Septer AS (org.nr. 913 442 857) bruker HubSpot \ud800",
    ],
)
def test_bytes_that_are_not_utf8_are_refused_not_a_crash(registry, tmp_path, line):
    """The console reads bytes that are not UTF-8 as lone surrogates, which the registry file cannot hold."""
    reply = runner(registry, tmp_path)(line, ok=False)
    assert "not valid text" in reply.text


def test_the_party_form_refuses_control_characters_in_an_e_mail_address(registry):
    """The Slack form's fields go through party_changes, not the command line."""
    ctx = Context(services=Services(registry=registry), user="U_DPO", line="form: add a party")
    for email in ("a\ud800@x.example", "a\x00b@x.example"):
        with registry.reading(), pytest.raises(InputError):
            party_changes(ctx, {"email": email}, current=None)
    with registry.reading():
        changes = party_changes(ctx, {"country": "US", "orgnr": "EIN\x00 12-\ud8003"}, current=None)
    assert changes["orgnr"] == "EIN 12-3"
