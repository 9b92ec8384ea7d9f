"""DPAs in Slack, end to end: real Bolt, signed requests, a real registry file, the fake Slack API."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from shared_seeds import seed
from slack_app import DPO, EMPLOYEE, bolt_app, demo_registry, slack_services
from slack_app import send as send_signed
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import (
    dm_message,
    event_callback,
    radio_buttons,
    slash_command,
    static_select,
    view_submission,
)

from chat.slack.blocks import DPA_MODAL
from registry.models import Agreement, Party, Proposal
from registry.registry import Registry


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


@pytest.fixture
def app(fake: FakeSlack, registry: Registry, tmp_path: Path) -> App:
    return bolt_app(slack_services(registry, out=tmp_path / "out"), fake.client())


def send(app: App, body: str):
    response = send_signed(app, body)
    assert response.status == 200
    return response


def command(app: App, fake: FakeSlack, text: str, *, user: str = DPO) -> list[str]:
    send(app, slash_command(text, user_id=user, response_url=fake.response_url))
    return [c.params.get("text", "") for c in fake.calls("response_url")]


def uploaded_docx(fake: FakeSlack) -> Document:
    return Document(io.BytesIO(fake.last("upload").raw))


def test_slash_command_sends_the_dpa_to_the_users_dm(app, fake, registry, tmp_path):
    assert command(app, fake, "dpa generate Nordlys Septer") == ["Sent to you in a direct message."]
    assert "Wrote the DPA between Nordlys Eiendomsdrift AS" in fake.last("chat.postMessage").params["text"]
    complete = fake.last("files.completeUploadExternal")
    assert complete.params["channel_id"] == "D123"
    assert complete.json("files")[0]["title"] == "nordlys-eiendomsdrift-septer-2026-11-21-v1.docx"
    document = uploaded_docx(fake)
    assert document.core_properties.title == "Databehandleravtale: Nordlys Eiendomsdrift AS og Septer AS"
    assert not (tmp_path / "out").exists()  # Slack gets the file; the server keeps only its hash
    with registry.reading():
        [agreement] = [a for a in registry.all(Agreement) if a.file and a.file.endswith(".docx")]
    assert agreement.file == "nordlys-eiendomsdrift-septer-2026-11-21-v1.docx" and agreement.sha256


def test_employees_cannot_generate_dpas(app, fake, registry):
    texts = command(app, fake, "dpa generate Nordlys Septer", user=EMPLOYEE)
    assert any("only the privacy team" in t for t in texts)
    assert not fake.calls("upload")


def test_a_refusal_lists_what_is_missing_and_uploads_nothing(app, fake):
    texts = command(app, fake, "dpa generate Nordlys IWMAC")
    assert any("IWMAC AS's postal address" in t for t in texts)
    assert not fake.calls("upload")


def _submit(app: App, registry: Registry) -> None:
    with registry.reading():
        ids = {p.name: str(p.id) for p in registry.all(Party)}
    state = {
        "controller": {"controller": static_select(ids["Nordlys Eiendomsdrift AS"])},
        "processor": {"processor": static_select(ids["Septer AS"])},
        "lang": {"lang": radio_buttons("en")},
        "authorisation": {"authorisation": radio_buttons("specific")},
    }
    send(app, view_submission(DPA_MODAL, state, user_id=DPO))


def test_the_dpa_form_generates_with_the_chosen_language_and_authorisation(app, fake, registry):
    command(app, fake, "dpa")
    view = fake.last("views.open").json("view")
    assert [b["block_id"] for b in view["blocks"][:4]] == ["controller", "processor", "lang", "authorisation"]
    _submit(app, registry)
    assert fake.last("files.completeUploadExternal").params["channel_id"] == "D123"
    text = "\n".join(p.text for p in uploaded_docx(fake).paragraphs)
    assert "Data Processing Agreement" in text and "specific" in text.lower()


def test_the_dpa_form_from_app_home_delivers_to_the_users_dm(app, fake, registry):
    _submit(app, registry)
    assert fake.last("conversations.open").params["users"] == DPO
    assert fake.last("files.completeUploadExternal").params["channel_id"] == "D123"


# -- checking a DPA sent in a DM ----------------------------------------------------------------------------


def file_share(fake: FakeSlack, name: str, content: bytes, *, text: str = "dpa check") -> dict:
    event = dm_message(text, user=EMPLOYEE)
    event.update(subtype="file_share", files=[fake.host_file(name, content)])
    return event


def test_a_dpa_sent_in_a_dm_is_downloaded_with_the_bot_token_and_checked(app, fake):
    command(app, fake, "dpa generate Nordlys Septer lang=en")
    ours = fake.last("upload").raw
    send(app, event_callback(file_share(fake, "partner-dpa.docx", ours)))
    download = fake.last("file_download")
    assert download.token == "xoxb-test"
    text = json.dumps(fake.last("chat.postMessage").json("blocks") or fake.last("chat.postMessage").params["text"])
    assert "partner-dpa.docx: all 18 elements GDPR Art. 28 requires are present" in text


def test_a_partner_draft_missing_clauses_is_reported(app, fake):
    draft = (
        b"Data Processing Agreement. The Supplier processes personal data only on documented instructions from the "
        b"Customer. The Supplier ensures that its employees are bound by confidentiality."
    )
    send(app, event_callback(file_share(fake, "draft.txt", draft, text="")))
    text = json.dumps(fake.last("chat.postMessage").json("blocks"), ensure_ascii=False)
    assert "draft.txt:" in text and "missing" in text
    assert "Breach" in text or "breach" in text


def test_files_that_cannot_be_checked_get_a_clear_answer(app, fake):
    send(app, event_callback(file_share(fake, "scan.tiff", b"II*\x00")))
    assert (
        "I can check .pdf, .docx and plain-text (.txt, .md) DPAs; scan.tiff is none of them."
        in fake.last("chat.postMessage").params["text"]
    )
    # The bot's token is sent only to Slack: a download address anywhere else is not fetched.
    event = file_share(fake, "evil.docx", b"x")
    event["files"][0]["url_private_download"] = "https://attacker.example/steal"
    send(app, event_callback(event))
    assert "no download address" in fake.last("chat.postMessage").params["text"]
    assert not fake.calls("file_download")
    # A PDF is read (by the same reader, within its limits); a damaged one is refused with the reason.
    send(app, event_callback(file_share(fake, "scan.pdf", b"%PDF-1.4")))
    assert "Cannot read this PDF" in fake.last("chat.postMessage").params["text"]


def test_a_message_with_a_file_and_other_text_is_not_taken_for_a_check(app, fake):
    send(app, event_callback(file_share(fake, "notes.txt", b"hello", text="here are my notes")))
    assert not fake.calls("file_download")


def test_dpa_check_as_a_slash_command_says_to_send_the_file_in_a_dm(app, fake):
    texts = command(app, fake, "dpa check partner.docx")
    assert any("send me the document in a direct message" in t for t in texts)


# -- importing a policy or vendor list sent in a DM -------------------------------------------------------------

SEPTER = "002_9f72d7fa25a67a03.txt"


def test_the_privacy_team_imports_a_policy_sent_in_a_dm(app, fake, registry):
    event = dm_message("import policy", user=DPO)
    event.update(subtype="file_share", files=[fake.host_file("septer.txt", seed(SEPTER).read_bytes())])
    send(app, event_callback(event))
    text = json.dumps([c.json("blocks") for c in fake.calls("chat.postMessage")], ensure_ascii=False)
    assert "about Septer AS" in text and "import apply" in text
    with registry.reading():
        assert any(p.status == "open" for p in registry.all(Proposal))


def test_employees_cannot_import_by_dm(app, fake, registry):
    event = dm_message("import csv", user=EMPLOYEE)
    event.update(subtype="file_share", files=[fake.host_file("vendors.csv", b"name\nAcme AS\n")])
    send(app, event_callback(event))
    assert "Only the privacy team can import" in fake.last("chat.postMessage").params["text"]
    assert not fake.calls("file_download")
    with registry.reading():
        assert registry.all(Proposal) == []
