"""Serving Slack's HTTP requests (Events API, interactivity, slash commands) at /slack/events.

Bolt's own `app.start()` is a single-threaded development server bound to every interface; this one
handles requests on threads and binds where it is told (127.0.0.1 behind a reverse proxy).
"""

from __future__ import annotations

import logging
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger(__name__)
PATH = "/slack/events"


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("http %s", format % args)


def make_http_server(app: App, *, host: str, port: int) -> WSGIServer:
    """A server for `app` on host:port (port 0 picks a free one: see server.server_port)."""
    return make_server(
        host, port, SlackRequestHandler(app, path=PATH), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )
