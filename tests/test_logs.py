"""What reaches the log: libraries' lines without their details, exceptions without their messages."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from chat.logs import keep_private_text_out

ROOT = Path(__file__).resolve().parents[1]
NIN = "15076500565"
TEXT = f"Hei, jeg vil ha innsyn. Fødselsnummer {NIN}. Mvh Kari"


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG, with the bot's safeguard on (and off again afterwards)."""
    before = logging.getLogRecordFactory()
    keep_private_text_out()
    keep_private_text_out()  # a second call changes nothing
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield out
    root.removeHandler(handler)
    root.setLevel(level)
    logging.setLogRecordFactory(before)


def test_bolts_refusal_keeps_its_words_not_the_body(log):
    # Bolt's own logger takes the root's level when an app is made: a name of the same family stays at DEBUG.
    logging.getLogger("slack_bolt.middleware.request_verification").info(
        f"Invalid request signature detected (signature: v0=abc, timestamp: 1, body: text={TEXT})"
    )
    assert (
        log.getvalue()
        == "INFO slack_bolt.middleware.request_verification: Invalid request signature detected [details withheld]\n"
    )


def test_slack_sdk_and_listener_loggers_lose_their_details(log):
    logging.getLogger("slack_sdk.web.base_client").debug(f"Sending a request - url: https://x, body_params: {TEXT!r}")
    logging.getLogger("app.py:on_message").warning("%s", TEXT)
    logging.getLogger("urllib3").debug("%s: %s", "Kari", NIN)
    lines = log.getvalue().splitlines()
    assert lines == [
        "DEBUG slack_sdk.web.base_client: Sending a request - url [details withheld]",
        "WARNING app.py:on_message: Hei [details withheld]",
        "DEBUG urllib3: Kari [details withheld]",
    ]
    assert NIN not in log.getvalue()


def test_our_lines_pass_as_written(log):
    logging.getLogger("chat.slack.on_inquiries").warning("Inquiry #%s recorded but not delivered (%s)", 7, "OSError")
    assert log.getvalue() == "WARNING chat.slack.on_inquiries: Inquiry #7 recorded but not delivered (OSError)\n"


def test_an_exception_keeps_its_traceback_but_not_its_message(log):
    """A SlackApiError's message holds Slack's whole answer, with the message that was posted."""
    answer = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": "msg_too_long", "message": {"text": TEXT}},
        headers={},
        status_code=200,
    )

    def post() -> None:
        try:
            raise KeyError(TEXT)
        except KeyError as exc:
            raise SlackApiError("The request to the Slack API failed.", answer) from exc

    try:
        post()
    except SlackApiError:
        logging.getLogger("chat.slack.app").exception("Unhandled error ref=%s", "abc123")
    logged = log.getvalue()
    assert NIN not in logged and "Kari" not in logged
    assert logged.startswith("ERROR chat.slack.app: Unhandled error ref=abc123\nTraceback (most recent call last):\n")
    assert "builtins.KeyError: [details withheld]\n\nThe above exception was the direct cause" in logged
    assert 'raise SlackApiError("The request to the Slack API failed.", answer) from exc' in logged
    assert logged.endswith("slack_sdk.errors.SlackApiError: [details withheld]\n")


def test_an_unknown_log_level_is_refused_at_start(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), "--console", "--db", str(tmp_path / "r.json")],
        env={"PATH": "", "PYTHONPATH": str(ROOT), "DPA_LOG_LEVEL": "verbose"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DPA_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, not 'verbose'." in result.stderr
