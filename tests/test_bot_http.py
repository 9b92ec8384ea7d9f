"""`python bot.py --http` as a user starts it: a real process serving signed Slack requests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from slack_fake import FakeSlack
from slack_requests import dm_message, event_callback, slash_command
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
SECRET = "http-test-secret"


def post(url: str, body: str, *, secret: str, timestamp: str | None = None) -> int:
    timestamp = timestamp or str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    request = urllib.request.Request(
        url,
        data=body.encode(),
        headers={
            "content-type": "application/json" if body.startswith("{") else "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature or "",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def bot_environ(fake: FakeSlack, folder: Path, **env: str) -> dict[str, str]:
    """bot.py's environment for HTTP mode against `fake`, with its registry in `folder`."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    environ.update(
        PYTHONPATH=str(ROOT),
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake.base_url,
        DPA_DPO_USERS="U_DPO",
        DPA_DB=str(folder / "registry.json"),
        **env,
    )
    return environ


def http_bot(port: str) -> list[str]:
    return [sys.executable, str(ROOT / "bot.py"), "--http", "--host", "127.0.0.1", "--port", port]


@contextmanager
def bot(fake: FakeSlack, folder: Path, log: Path, **env: str) -> Iterator[str]:
    """bot.py --http on a free loopback port, its log (stderr) written to `log`; yields its URL."""
    with open(log, "w") as stderr:
        proc = subprocess.Popen(http_bot("0"), env=bot_environ(fake, folder, **env), stderr=stderr)
        try:
            yield _url_from(log)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _url_from(log: Path) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if "Serving Slack requests at" in line:
                return line.split(" at ")[1].strip()
        time.sleep(0.1)
    raise AssertionError(f"bot.py did not start:\n{log.read_text(errors='replace')}")


@pytest.mark.slow
def test_http_mode_serves_signed_requests_and_rejects_forged_ones(tmp_path):
    with FakeSlack() as fake, bot(fake, tmp_path, tmp_path / "bot.log") as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/slack/events")

        body = slash_command('party add "Via HTTP AS"', user_id="U_DPO", response_url=fake.response_url)
        assert post(url, body, secret=SECRET) == 200
        [reply] = fake.wait_for("response_url")
        assert reply.params["text"] == "Added Via HTTP AS."

        assert post(url, body, secret="forged") == 401
        assert post(url.replace("/slack/events", "/elsewhere"), body, secret=SECRET) == 404

        # The load balancer's check asks the registry itself: gone, the replica is reported unavailable.
        health = url.replace("/slack/events", "/healthz")
        with urllib.request.urlopen(health, timeout=10) as response:
            assert json.loads(response.read()) == {"status": "ok", "read_only": False}
        (tmp_path / "registry.json").unlink()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(health, timeout=10)
        assert refused.value.code == 503


# A Norwegian national identity number (fødselsnummer, 11 digits) in messages people send.
NIN = "15076500565"
INQUIRY = f"Hei! Jeg vil ha innsyn i alt dere har lagret om meg. Fødselsnummer {NIN}. Mvh Kari Nordmann"


@pytest.mark.slow
def test_no_request_or_message_text_reaches_the_log_even_at_debug(tmp_path):
    log = tmp_path / "bot.log"
    with FakeSlack() as fake, bot(fake, tmp_path, log, DPA_LOG_LEVEL="DEBUG") as url:
        # Genuine requests that fail verification: late (clock skew, slow delivery), wrongly signed, odd timestamp.
        late = str(int(time.time()) - 10 * 60)
        command = slash_command(f"inquiry new {INQUIRY}", user_id="U_DPO", response_url=fake.response_url)
        assert post(url, command, secret=SECRET, timestamp=late) == 401
        dm = event_callback(dm_message(INQUIRY, user="U_EMP", ts="1763719200.000300"))
        assert post(url, dm, secret="rotated-secret") == 401
        assert post(url, dm, secret=SECRET, timestamp="soon") == 401
        # Requests that succeed: a DM inquiry (delivered to the privacy team), a slash command answering by
        # response_url with the inquiry's text.
        assert post(url, dm, secret=SECRET) == 200
        delivered = fake.wait_for("chat.postMessage", count=2)
        assert any(NIN in str(call.params) for call in delivered)
        show = slash_command("inquiry show 1", user_id="U_DPO", response_url=fake.response_url)
        assert post(url, show, secret=SECRET) == 200
        [reply] = fake.wait_for("response_url")
        assert NIN in str(reply.params)
    logged = log.read_text(errors="replace")
    for private in (NIN, "Kari", "Nordmann", "innsyn", "Fødselsnummer"):
        assert private not in logged, f"{private!r} was logged"
    assert "Sending a request" in logged and "Refused a request not signed by Slack" in logged  # DEBUG was on


@pytest.mark.parametrize("port", ["80000", "taken"])
def test_a_port_that_cannot_be_served_is_named_without_a_traceback(tmp_path, port):
    with FakeSlack() as fake, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        number = str(taken.getsockname()[1]) if port == "taken" else port
        environ = bot_environ(fake, tmp_path)
        done = subprocess.run(http_bot(number), env=environ, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"Cannot serve Slack's requests at 127.0.0.1 port {number}" in done.stderr
    assert "Give a free port (1-65535) with --port" in done.stderr
