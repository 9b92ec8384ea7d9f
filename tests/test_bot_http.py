"""`python bot.py --http` as a user starts it: a real process serving signed Slack requests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from slack_fake import FakeSlack
from slack_requests import slash_command
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
SECRET = "http-test-secret"


def post(url: str, body: str, *, secret: str) -> int:
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    request = urllib.request.Request(
        url,
        data=body.encode(),
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.slow
def test_http_mode_serves_signed_requests_and_rejects_forged_ones(tmp_path):
    with FakeSlack() as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
        env.update(
            PYTHONPATH=str(ROOT),
            SLACK_BOT_TOKEN="xoxb-test",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.base_url,
            DPA_DPO_USERS="U_DPO",
            DPA_DB=str(tmp_path / "registry.json"),
        )
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bot.py"), "--http", "--host", "127.0.0.1", "--port", "0"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stderr is not None
            line = proc.stderr.readline()
            while line and "Serving Slack requests at" not in line:
                line = proc.stderr.readline()
            url = line.split(" at ")[1].strip()
            assert url.startswith("http://127.0.0.1:") and url.endswith("/slack/events")

            body = slash_command('party add "Via HTTP AS"', user_id="U_DPO", response_url=fake.response_url)
            assert post(url, body, secret=SECRET) == 200
            [reply] = fake.wait_for("response_url")
            assert reply.params["text"] == "Added Via HTTP AS."

            assert post(url, body, secret="forged") == 401
            assert post(url.replace("/slack/events", "/elsewhere"), body, secret=SECRET) == 404
        finally:
            proc.terminate()
            proc.wait(timeout=10)
