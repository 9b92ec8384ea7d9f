"""Serving Slack's HTTP requests (Events API, interactivity, slash commands) at /slack/events.

Bolt's own `app.start()` is a single-threaded development server bound to every interface; this one
handles requests on threads and binds where it is told (127.0.0.1 behind a reverse proxy).

Whoever can reach the port can send anything, so a request is checked before Bolt sees it: its size is
judged from Content-Length before a byte of the body is read (413 when too large), then the signature and
its timestamp (401 when they are not Slack's, with nothing about the body logged), then whether the same
signed request came before (a replay is acknowledged and dropped). Bolt still checks the signature too.
Slack's certificate check (ssl_check=1, unsigned) is answered here, as Bolt would, and goes no further.

`GET /healthz` is for a load balancer in front of several bot processes, which cannot sign: unsigned, it says
only whether this process's registry answers (200 and a short JSON), or why not (503), and nothing of its data.
A bot that many workspaces install also serves Bolt's two OAuth pages (unsigned: a browser asks for them).
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterable
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from chat.slack.dedup import RecentKeys
from registry.store import Store

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)
PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's largest requests are message events: at most 40,000 characters of text, sent twice (as text and
# as rich-text blocks), up to 4 bytes a character, ~320 KB with the envelope. A modal submission is smaller.
MAX_BODY = 512 * 1024
# Slack signs each request with its time; an older (or later) one is refused, as Slack's documentation says.
WINDOW = 300
# Seconds a client may take to send its request (a slow sender holds a thread while it trickles).
READ_TIMEOUT = 10
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    timeout = READ_TIMEOUT

    def log_message(self, format: str, *args: object) -> None:
        log.debug("http %s", format % args)


class SlackGate:
    """The WSGI app: checks each request's size, signature and freshness, then hands it to Bolt."""

    def __init__(self, app: App, *, signing_secret: str, store: Store | None = None) -> None:
        self._store = store
        self._bolt = SlackRequestHandler(app, path=PATH)
        self._verifier = SignatureVerifier(signing_secret)
        self._replays = RecentKeys(ttl=2 * WINDOW)  # a timestamp may be up to WINDOW ahead of our clock

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and environ.get("PATH_INFO") == HEALTH_PATH:
            answer = health(self._store, start_response)
            return [] if environ["REQUEST_METHOD"] == "HEAD" else answer
        if self._is_oauth_page(environ):
            return self._bolt(environ, start_response)
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != PATH:
            return _answer(start_response, 404, "Not Found")
        try:
            body = _read_body(environ)
        except TimeoutError:
            return _answer(start_response, 408, f"The request did not arrive within {READ_TIMEOUT} seconds.")
        if body is None:
            return _answer(
                start_response, 413, f"Request too large: Slack's requests are under {MAX_BODY // 1024} KiB."
            )
        if _is_ssl_check(environ, body):
            return _answer(start_response, 200, "")  # Slack checking our certificate: unsigned, nothing to do
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""
        signature = environ.get("HTTP_X_SLACK_SIGNATURE") or ""
        if not self._signed_by_slack(body, timestamp, signature):
            log.info("Refused a request not signed by Slack in the last %d seconds", WINDOW)
            return _answer(start_response, 401, "Not signed by Slack in the last 5 minutes.")
        if not self._replays.first((timestamp, signature)):
            log.info("Dropped a signed request that came before (timestamp %s)", timestamp)
            return _answer(start_response, 200, "")
        return self._bolt({**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}, start_response)

    def _is_oauth_page(self, environ: WSGIEnvironment) -> bool:
        """With many workspaces: "Add to Slack" (GET /slack/install) and Slack's redirect back with the code
        (GET /slack/oauth_redirect), which Bolt's OAuth flow answers; their state is checked there."""
        flow = self._bolt.app.oauth_flow
        paths = (flow.install_path, flow.redirect_uri_path) if flow is not None else ()
        return environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO") in paths

    def _signed_by_slack(self, body: bytes, timestamp: str, signature: str) -> bool:
        if not _TIMESTAMP.fullmatch(timestamp):
            return False
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return False  # Slack sends UTF-8; nothing else was signed by it
        return self._verifier.is_valid(text, timestamp, signature)


def health(store: Store | None, start_response: StartResponse) -> list[bytes]:
    """The answer to a load balancer's health check: 200 when the registry answers (within ~2 seconds), else
    503 with the reason; and whether changes are refused. Nothing else about the registry."""
    problem = store.health() if store is not None else None
    answer: dict[str, object] = {"status": "ok" if problem is None else "unavailable"}
    if store is not None:
        answer["read_only"] = store.read_only is not None
    if problem is not None:
        log.warning("Health check: %s", problem)
        answer["reason"] = problem
    data = json.dumps(answer).encode()
    status = "200 OK" if problem is None else "503 Service Unavailable"
    start_response(
        status,
        [("Content-Type", "application/json"), ("Content-Length", str(len(data))), ("Cache-Control", "no-store")],
    )
    return [data]


def _read_body(environ: WSGIEnvironment) -> bytes | None:
    """The body, or None when it is over MAX_BODY: judged from Content-Length before reading when it is given,
    and never read past MAX_BODY when it is not."""
    declared = environ.get("CONTENT_LENGTH") or ""
    stream = environ["wsgi.input"]
    if declared.isascii() and declared.isdigit():
        return stream.read(int(declared)) if int(declared) <= MAX_BODY else None
    body = stream.read(MAX_BODY + 1)
    return body if len(body) <= MAX_BODY else None


def _is_ssl_check(environ: WSGIEnvironment, body: bytes) -> bool:
    form = (environ.get("CONTENT_TYPE") or "").startswith("application/x-www-form-urlencoded")
    return form and parse_qs(body.decode("latin-1")).get("ssl_check") == ["1"]


def _answer(start_response: StartResponse, status: int, text: str) -> list[bytes]:
    reasons = {200: "OK", 401: "Unauthorized", 404: "Not Found", 408: "Request Timeout", 413: "Content Too Large"}
    data = text.encode()
    start_response(
        f"{status} {reasons[status]}",
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))],
    )
    return [data]


def make_http_server(app: App, *, signing_secret: str, host: str, port: int, store: Store | None = None) -> WSGIServer:
    """A server for `app` on host:port (port 0 picks a free one: see server.server_port); /healthz checks `store`
    (without one it says only that the process serves)."""
    gate = SlackGate(app, signing_secret=signing_secret, store=store)
    return make_server(host, port, gate, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
