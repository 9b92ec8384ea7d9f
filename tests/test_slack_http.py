"""The HTTP front door as an attacker and as Slack's retries meet it: the real server on loopback, the real
Bolt app behind it, a registry file and the fake Slack API."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from slack_app import EMPLOYEE, SECRET, bolt_app, demo_registry, slack_services
from slack_fake import FakeSlack
from slack_requests import app_mention, dm_message, event_callback, message_shortcut, slash_command
from slack_sdk.signature import SignatureVerifier

from chat.slack.http import MAX_BODY, PATH, make_http_server
from chat.slack.services import SlackServices
from registry.registry import Registry

INQUIRY = "Hei, jeg vil ha innsyn i alle opplysninger dere har om meg. Mvh Kari Nordmann"


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    yield from demo_registry(tmp_path)


class Server:
    """make_http_server as bot.py runs it, on a free loopback port, in a thread."""

    def __init__(self, slack: SlackServices, fake: FakeSlack) -> None:
        self.server = make_http_server(bolt_app(slack, fake.client()), signing_secret=SECRET, host="127.0.0.1", port=0)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}{PATH}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def server(fake: FakeSlack, registry: Registry) -> Iterator[Server]:
    running = Server(slack_services(registry), fake)
    yield running
    running.stop()


def signed(body: str, *, timestamp: str | None = None, secret: str = SECRET, **extra: str) -> dict[str, str]:
    ts = timestamp or str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body) or ""
    kind = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    return {"content-type": kind, "x-slack-request-timestamp": ts, "x-slack-signature": signature, **extra}


def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body.encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def raw_exchange(port: int, head: bytes, body: bytes) -> bytes:
    """Send `head` and `body` on one connection, keep it open and read the answer.

    The server may close without reading the rest (the kernel then resets the connection): what it answered
    before that is still read.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(head + body)
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
        return answer


def inquiries(registry: Registry) -> list[dict]:
    with registry.reading():
        return registry.store.table("inquiries").all()


def to_privacy_team(fake: FakeSlack) -> list:
    return [c for c in fake.calls("chat.postMessage") if c.params["channel"] == "#personvern"]


# -- size ----------------------------------------------------------------------------------------------------


def test_a_huge_declared_body_is_refused_before_it_is_read(server, fake):
    """An attacker claims 300 MB and sends a little: the answer comes at once, without waiting for the rest."""
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\nX-Slack-Signature: v0=bogus\r\n"
        f"Content-Length: {300 * 1024 * 1024}\r\n\r\n"
    ).encode()
    answer = raw_exchange(server.port, head, b"text=" + b"x" * 65536)
    assert answer.startswith(b"HTTP/1.0 413 ")
    assert b"under 512 KiB" in answer
    assert fake.calls("response_url") == []


def test_a_body_without_length_is_read_only_up_to_the_cap(server):
    """With no Content-Length the server reads one byte past the cap and answers (it does not wait for more)."""
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\nX-Slack-Signature: v0=bogus\r\n\r\n"
    ).encode()
    answer = raw_exchange(server.port, head, b"x" * (MAX_BODY + 1))
    assert answer.startswith(b"HTTP/1.0 413 ")


def test_a_signed_request_near_the_cap_is_served(server, fake):
    text = "who IWMAC " + " " * (MAX_BODY - 2000)
    body = slash_command(text, response_url=fake.response_url)
    assert len(body) < MAX_BODY
    assert post(server.url, body, signed(body))[0] == 200
    assert fake.wait_for("response_url")


# -- signature and timestamp ------------------------------------------------------------------------------


@pytest.mark.parametrize("timestamp", ["abc", "", "1e9", "²³", "-5", "99999999999999999999"])
def test_a_timestamp_that_is_not_a_number_of_seconds_is_refused(server, fake, timestamp):
    body = slash_command("party add Sneaky AS", response_url=fake.response_url)
    headers = {**signed(body), "x-slack-request-timestamp": timestamp}
    status, text = post(server.url, body, headers)
    assert status == 401 and "Not signed by Slack" in text
    assert fake.calls("response_url") == []


def test_stale_forged_and_unsigned_requests_are_refused(server, fake):
    body = slash_command("party add Sneaky AS", response_url=fake.response_url)
    assert post(server.url, body, signed(body, timestamp=str(int(time.time()) - 6 * 60)))[0] == 401
    assert post(server.url, body, signed(body, secret="forged"))[0] == 401
    assert post(server.url, body, {"content-type": "application/x-www-form-urlencoded"})[0] == 401
    assert post(server.url, "payload=not-json", signed("payload=not-json", secret="forged"))[0] == 401
    assert fake.calls("response_url") == []


def test_slacks_certificate_check_is_answered_and_goes_no_further(server, fake):
    body = "ssl_check=1&token=legacy-verification-token"
    assert post(server.url, body, {"content-type": "application/x-www-form-urlencoded"}) == (200, "")
    assert fake.calls("response_url") == [] and fake.calls("chat.postMessage") == []


def test_other_paths_and_methods_are_not_found(server):
    body = slash_command("who IWMAC")
    assert post(server.url.replace(PATH, "/elsewhere"), body, signed(body))[0] == 404
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(server.url, timeout=20)
    assert caught.value.code == 404


# -- acting once ------------------------------------------------------------------------------------------


def test_a_replayed_request_is_acted_on_once(server, fake, registry):
    body = event_callback(dm_message(INQUIRY, user=EMPLOYEE, ts="1763719200.000300"))
    headers = signed(body)
    assert post(server.url, body, headers)[0] == 200
    assert post(server.url, body, headers)[0] == 200  # the same bytes again, within the five minutes
    assert len(inquiries(registry)) == 1
    assert len(to_privacy_team(fake)) == 1


def retry(body: str) -> dict[str, str]:
    """Slack's retry of an event: the same body signed anew (a later timestamp), saying it is a retry."""
    return signed(
        body, timestamp=str(int(time.time()) + 1), **{"x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    )


def test_slack_retrying_an_event_acts_once(server, fake):
    question = app_mention("<@UBOT> who is the controller for the alarm-centre recordings?", user=EMPLOYEE)
    body = event_callback(question)
    assert post(server.url, body, signed(body))[0] == 200
    assert post(server.url, body, retry(body))[0] == 200
    assert len(fake.calls("chat.postMessage")) == 1


def test_slack_retrying_a_dm_records_one_inquiry(server, fake, registry):
    body = event_callback(dm_message(INQUIRY, user=EMPLOYEE, ts="1763719200.000300"))
    assert post(server.url, body, signed(body))[0] == 200
    assert post(server.url, body, retry(body))[0] == 200
    assert len(inquiries(registry)) == 1
    assert len(to_privacy_team(fake)) == 1
    assert len([c for c in fake.calls("chat.postMessage") if c.params["channel"] == "D123"]) == 1  # one "Thanks"


def test_a_dm_delivered_again_after_a_restart_records_one_inquiry(fake, registry):
    """The first process recorded it; the next one (no memory of event ids) finds it in the registry."""
    body = event_callback(dm_message(INQUIRY, user=EMPLOYEE, ts="1763719200.000300"))
    for _ in range(2):
        running = Server(slack_services(registry), fake)
        try:
            assert post(running.url, body, signed(body))[0] == 200
        finally:
            running.stop()
    assert len(inquiries(registry)) == 1
    assert len(to_privacy_team(fake)) == 1


def shortcut(fake: FakeSlack, user: str) -> str:
    message = {"type": "message", "user": "U_CUSTOMER", "ts": "1763719200.000100", "text": INQUIRY}
    return message_shortcut(
        "send_to_privacy_team", message, user_id=user, channel_id="C_SUPPORT", response_url=fake.response_url
    )


def test_the_shortcut_twice_on_one_message_records_it_once(server, fake, registry):
    body = shortcut(fake, EMPLOYEE)
    assert post(server.url, body, signed(body))[0] == 200
    second = shortcut(fake, "U_OTHER")
    assert post(server.url, second, signed(second))[0] == 200
    first_reply, second_reply = (c.params["text"] for c in fake.calls("response_url"))
    assert "Sent to the privacy team as inquiry #1" in first_reply
    assert second_reply.startswith("This message is already with the privacy team as inquiry #1.")
    assert len(inquiries(registry)) == 1
    assert len(to_privacy_team(fake)) == 1


def test_the_shortcut_at_the_same_moment_from_several_people_records_it_once(server, fake, registry):
    bodies = [shortcut(fake, f"U_{n}") for n in range(4)]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda body: post(server.url, body, signed(body))[0], bodies))
    assert statuses == [200] * 4
    assert len(inquiries(registry)) == 1
    assert len(to_privacy_team(fake)) == 1
    replies = sorted(c.params["text"].split(" as inquiry")[0] for c in fake.calls("response_url"))
    assert replies == ["Thanks! Sent to the privacy team"] + ["This message is already with the privacy team"] * 3


def test_the_shortcut_on_a_message_already_sent_by_dm_says_so_in_norwegian(server, fake, registry):
    fake.locales[EMPLOYEE] = "nb-NO"
    dm = event_callback(dm_message(INQUIRY, user=EMPLOYEE, channel="D123", ts="1763719200.000300"))
    assert post(server.url, dm, signed(dm))[0] == 200
    message = {"type": "message", "user": EMPLOYEE, "ts": "1763719200.000300", "text": INQUIRY}
    body = message_shortcut(
        "send_to_privacy_team", message, user_id=EMPLOYEE, channel_id="D123", response_url=fake.response_url
    )
    assert post(server.url, body, signed(body))[0] == 200
    [reply] = fake.calls("response_url")
    assert reply.params["text"].startswith("Denne meldingen er allerede hos personvernteamet som henvendelse #1.")
    assert len(inquiries(registry)) == 1
    assert json.dumps(inquiries(registry)[0]["source"]) == '"dm"'
