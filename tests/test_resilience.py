"""The bot under adverse conditions: Slack rate limits and errors, Slack down while an inquiry comes in, and a
registry that cannot be written (disk full, read-only folder)."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_app import EMPLOYEE, bolt_app, demo_registry, slack_services
from slack_app import send as send_signed
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import dm_message, event_callback, message_shortcut

from chat.slack import schedule
from chat.slack.client import make_client
from chat.slack.on_inquiries import redeliver
from chat.slack.services import SlackServices
from registry.delivery_records import delivery_of
from registry.models import Inquiry
from registry.registry import Registry

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


def make(fake: FakeSlack, registry: Registry, *, retries: int) -> tuple[App, SlackServices]:
    slack = slack_services(registry)
    return bolt_app(slack, make_client("xoxb-test", base_url=fake.base_url, retries=retries)), slack


def send(app: App, body: str) -> None:
    assert send_signed(app, body).status == 200


def test_rate_limits_and_server_errors_are_waited_out(fake, registry):
    app, _ = make(fake, registry, retries=4)
    fake.respond(
        "chat.postMessage", {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"}, times=1
    )
    fake.respond("chat.postMessage", {"ok": False, "error": "internal_error"}, status=503, times=1)
    send(app, event_callback(dm_message("who is IWMAC?", user=EMPLOYEE)))
    calls = fake.calls("chat.postMessage")
    assert len(calls) == 3  # refused twice, then delivered
    assert "IWMAC" in json.dumps(calls[-1].json("blocks"))


def test_an_inquiry_is_kept_when_slack_is_down_and_delivered_when_it_is_back(fake, registry):
    app, slack = make(fake, registry, retries=1)
    fake.respond("chat.postMessage", {"ok": False, "error": "service_unavailable"}, status=503)  # down for good
    message = {
        "ts": "1700000000.000100",
        "user": "U_KARI",
        "text": "Hei, jeg ber om innsyn i alle opplysninger dere har om meg.",
    }
    body = message_shortcut("send_to_privacy_team", message, user_id=EMPLOYEE, response_url=fake.response_url)
    send(app, body)
    [confirmation] = fake.calls("response_url")
    assert "Slack is not answering right now" in confirmation.params["text"]
    with registry.reading():
        [inquiry] = registry.all(Inquiry)
        delivery = delivery_of(registry, inquiry.id)
    assert delivery and delivery.undelivered and "innsyn" in inquiry.text
    fake.reset()  # Slack is back
    assert redeliver(slack, slack_client(app)) == 1
    delivered = fake.calls("chat.postMessage")
    assert delivered and "innsyn" in json.dumps(delivered[0].json("blocks"), ensure_ascii=False)
    with registry.reading():
        assert not delivery_of(registry, inquiry.id).undelivered
    assert redeliver(slack, slack_client(app)) == 0  # delivered once, not again


def slack_client(app: App):
    return app.client


def test_a_registry_file_made_read_only_is_not_replaced(tmp_path):
    db = tmp_path / "registry.json"
    assert _console(db, ["demo"]).returncode == 0
    db.chmod(0o444)
    before = db.read_bytes()
    done = _console(db, ['party add "Nytt Selskap AS"', "who IWMAC"])
    assert done.stdout.startswith("✗ The registry file") and "is read-only" in done.stdout
    assert "IWMAC AS" in done.stdout and db.read_bytes() == before


# -- a registry that cannot be written ------------------------------------------------------------------------


def _console(db: Path, lines: list[str], *, file_limit: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        if file_limit is not None:
            # Writes past this size fail with EFBIG, as they would with ENOSPC on a full disk.
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    env = {**os.environ, "DPA_CLOCK": "2026-11-21T12:00:00"}
    env.pop("SLACK_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "--console", "--db", str(db)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,
        timeout=120,
    )


def test_a_full_disk_gives_a_clear_error_changes_nothing_and_the_bot_goes_on(tmp_path):
    db = tmp_path / "registry.json"
    assert _console(db, ["demo"]).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    big = "x" * 200
    done = _console(
        db,
        [f'party add "Nytt Selskap AS" address="{big}"', "who IWMAC"],
        file_limit=db.stat().st_size + 100,
    )
    out = done.stdout.splitlines()
    assert out[0].startswith("✗ Could not save the registry") and "Nothing was changed" in out[0]
    assert any(line.startswith("IWMAC AS") for line in out[1:])  # the next command still works
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob(".registry.json.*.tmp"))
    assert "Nytt Selskap" not in _console(db, ["party list"]).stdout


def test_a_read_only_file_system_gives_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True).returncode:
        pytest.skip("cannot mount a file system here (needs root)")
    try:
        db = folder / "registry.json"
        assert _console(db, ["demo"]).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        done = _console(db, ['party add "Nytt Selskap AS"', "who IWMAC"])
        out = done.stdout.splitlines()
        assert out[0].startswith("✗ Could not save the registry") and "Read-only file system" in out[0]
        assert any(line.startswith("IWMAC AS") for line in out[1:])  # reading goes on
        assert "can only be read" in done.stderr and "Traceback" not in done.stderr
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_the_review_is_worked_out_in_the_background_before_anyone_asks(fake, registry):
    slack = slack_services(registry)
    today, settings = registry.clock().date(), slack.services.review

    def worked_out() -> bool:
        with registry.reading():
            return (today, settings) in registry.cached("review-flags", dict, version=registry.relations_version())

    assert not worked_out()
    stop = threading.Event()
    thread = schedule.start(slack, make_client("xoxb-test", base_url=fake.base_url), retention_months=36, stop=stop)
    deadline = time.monotonic() + 30
    while not worked_out() and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(10)
    assert worked_out()
