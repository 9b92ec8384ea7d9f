"""A local fake of the Slack Web API that records every call, for end-to-end tests."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_sdk import WebClient

TEAM_ID = "T123"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
DM_CHANNEL = "D123"

Body = dict[str, Any] | Callable[["Call"], dict[str, Any]]


@dataclass(frozen=True)
class Call:
    """One request the fake received: the API method (or "upload" / "response_url"), parsed body and raw bytes."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    raw: bytes
    answer: dict[str, Any] = field(default_factory=dict, compare=False)  # what the fake answered, when JSON

    def json(self, name: str) -> Any:
        """A param that Slack takes as JSON (blocks, view, files...), decoded whether sent as a string or as JSON."""
        value = self.params.get(name)
        return json.loads(value) if isinstance(value, str) else value

    @property
    def token(self) -> str | None:
        auth = self.headers.get("authorization", "")
        return auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else self.params.get("token")


@dataclass
class _Override:
    body: Body
    status: int
    headers: dict[str, str]
    times: int | None


@dataclass
class _State:
    calls: list[Call] = field(default_factory=list)
    overrides: dict[str, list[_Override]] = field(default_factory=dict)
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    hosted: dict[str, bytes] = field(default_factory=dict)  # files users shared, by download path
    cond: threading.Condition = field(default_factory=threading.Condition)


def conversation_id(channel: str) -> str:
    """The id Slack answers with for a message posted to `channel`: a user id means the DM with the bot
    ("D..."), a "#name" the channel's id ("C..."); an id stays itself. chat.update takes only ids."""
    if channel[:1] in ("U", "W"):
        return "D" + channel[1:]
    if channel.startswith("#"):
        return "C_" + channel[1:].upper()
    return channel


def _parse_body(raw: bytes, content_type: str) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        return json.loads(raw or b"{}")
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    return {}


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")


class FakeSlack:
    """Fake Slack Web API on 127.0.0.1:<random port>; use as a context manager or start()/stop()."""

    def __init__(self) -> None:
        self.locales: dict[str, str] = {}  # user id -> locale for users.info (default "en-US")
        self.usergroups: dict[str, list[str]] = {}  # usergroup id -> user ids for usergroups.users.list
        self._codes: dict[str, dict[str, Any]] = {}  # OAuth code -> oauth.v2.access answer (see install())
        self._bots: dict[str, dict[str, Any]] = {}  # bot token -> its workspace, for auth.test
        self._state = _State()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fake-slack", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Root URL of the server, e.g. http://127.0.0.1:54321."""
        assert self._server is not None, "FakeSlack is not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """Web API base URL for WebClient(base_url=...); slack_sdk appends the method name."""
        return f"{self.url}/api/"

    @property
    def response_url(self) -> str:
        """A fresh response_url on this server; POSTs to it are recorded as method "response_url"."""
        return f"{self.url}/response/{next(self._ids)}"

    def client(self, token: str = "xoxb-test") -> WebClient:
        return WebClient(token=token, base_url=self.base_url)

    # -- inspecting calls --------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._state.cond:
            return [c for c in self._state.calls if method is None or c.method == method]

    def last(self, method: str) -> Call:
        found = self.calls(method)
        if not found:
            raise AssertionError(f"no {method} call; recorded: {self.methods()}")
        return found[-1]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls()]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5) -> list[Call]:
        """Block until at least `count` calls of `method` were recorded; return them all."""
        deadline = time.monotonic() + timeout
        with self._state.cond:
            while (n := sum(c.method == method for c in self._state.calls)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"waited {timeout}s for {count} {method} call(s), got {n}; recorded: {self.methods()}"
                    )
                self._state.cond.wait(left)
        return self.calls(method)

    def clear(self) -> None:
        """Forget recorded calls (overrides stay; see reset())."""
        with self._state.cond:
            self._state.calls.clear()

    def reset(self) -> None:
        """Forget recorded calls and response overrides."""
        with self._state.cond:
            self._state.calls.clear()
            self._state.overrides.clear()

    # -- scripting responses -----------------------------------------------------------------

    def host_file(self, name: str, content: bytes) -> dict[str, Any]:
        """A file a user shared, as Slack describes it in a message event; downloadable with the bot token."""
        file_id = f"F{next(self._ids):04d}"
        path = f"/files-pri/{TEAM_ID}-{file_id}/download/{name}"
        with self._state.cond:
            self._state.hosted[path] = content
        return {"id": file_id, "name": name, "size": len(content), "url_private_download": self.url + path}

    def respond(
        self,
        method: str,
        body: Body,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        times: int | None = None,
    ) -> None:
        """Answer `method` with `body` (a dict, or a function of the Call) instead of the default.

        Overrides queue up per method: one with `times=n` is used n times, then the next (or the default) applies;
        `times=None` stays for good. Example: respond("chat.postMessage", {"ok": False, "error": "ratelimited"},
        status=429, headers={"Retry-After": "1"}, times=1).
        """
        with self._state.cond:
            self._state.overrides.setdefault(method, []).append(_Override(body, status, headers or {}, times))

    def install(
        self, code: str, *, team_id: str, user_id: str, enterprise_id: str | None = None, org_wide: bool = False
    ) -> str:
        """Script one "Add to Slack": oauth.v2.access with `code` (good once) answers as Slack does for a workspace
        (or, `org_wide`, an Enterprise Grid organisation) that `user_id` installed the app into; auth.test then
        answers for its bot token with that workspace. Returns the bot token."""
        token = f"xoxb-{(enterprise_id if org_wide else team_id) or ''}-{next(self._ids)}"
        workspace = {"team_id": None if org_wide else team_id, "enterprise_id": enterprise_id, "org_wide": org_wide}
        answer = {
            "ok": True,
            "app_id": "A123",
            "authed_user": {"id": user_id},
            "scope": "commands,chat:write",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": BOT_USER_ID,
            "team": None if org_wide else {"id": team_id, "name": f"Team {team_id}"},
            "enterprise": {"id": enterprise_id, "name": f"Org {enterprise_id}"} if enterprise_id else None,
            "is_enterprise_install": org_wide,
        }
        with self._state.cond:
            self._codes[code] = answer
            self._bots[token] = workspace
        return token

    # -- request handling (runs on server threads) -------------------------------------------

    def _record(self, call: Call) -> None:
        with self._state.cond:
            self._state.calls.append(call)
            self._state.cond.notify_all()

    def _override(self, method: str) -> _Override | None:
        with self._state.cond:
            queue = self._state.overrides.get(method) or []
            if not queue:
                return None
            first = queue[0]
            if first.times is not None:
                first.times -= 1
                if first.times <= 0:
                    queue.pop(0)
            return first

    def _handle(self, path: str, params: dict[str, Any], headers: dict[str, str], raw: bytes):
        """Record the request and return (status, headers, body); a dict body is sent as JSON, anything else as text."""
        if path.startswith("/upload/"):
            method, params = "upload", {"file_id": path.removeprefix("/upload/")}
        elif path.startswith("/files-pri/"):
            method = "file_download"
        elif path.startswith("/response/"):
            method = "response_url"
        else:
            method = path.removeprefix("/api/")
        call = Call(method, params, headers, raw)
        self._record(call)
        status, extra, body = self._answer(call, path)
        if isinstance(body, dict):
            call.answer.update(body)
        return status, extra, body

    def _answer(self, call: Call, path: str) -> tuple[int, dict[str, str], Any]:
        method, params = call.method, call.params
        override = self._override(method)
        if override is not None:
            body = override.body(call) if callable(override.body) else override.body
            return override.status, override.headers, body
        if method == "upload":
            with self._state.cond:
                self._state.uploads.setdefault(params["file_id"], {})["size"] = len(call.raw)
            return 200, {}, f"OK - {len(call.raw)}"
        if method == "response_url":
            return 200, {}, "ok"
        if method == "file_download":
            # Like Slack: without the bot token the answer is a login page, not the file.
            with self._state.cond:
                content = self._state.hosted.get(path)
            if content is None or call.token != "xoxb-test":
                return 200, {}, "<html>Sign in to Slack</html>"
            return 200, {"Content-Type": "application/octet-stream"}, content
        if not path.startswith("/api/"):
            return 404, {}, {"ok": False, "error": "not_found"}
        if method == "oauth.v2.access":  # authenticated by the app's client id and secret, not a token
            return 200, {}, self._oauth_access(call)
        if call.token is None:
            return 200, {}, {"ok": False, "error": "not_authed"}
        handler = _DEFAULTS.get(method)
        if handler is None:
            return 200, {}, {"ok": False, "error": "unknown_method"}
        return 200, {}, handler(self, call)

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ids):06d}"

    # -- default answers ---------------------------------------------------------------------

    def _oauth_access(self, call: Call) -> dict[str, Any]:
        with self._state.cond:
            answer = self._codes.pop(call.params.get("code", ""), None)  # a code is good once
        return answer or {"ok": False, "error": "invalid_code"}

    def _auth_test(self, call: Call) -> dict[str, Any]:
        with self._state.cond:
            installed = self._bots.get(call.token or "")
        if installed is not None:
            return {
                "ok": True,
                "url": "https://installed.slack.com/",
                "team": "Installed",
                "user": "dpa-bot",
                "team_id": installed["team_id"],
                "enterprise_id": installed["enterprise_id"],
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "is_enterprise_install": installed["org_wide"],
            }
        return {
            "ok": True,
            "url": "https://dpa-test.slack.com/",
            "team": "DPA Test",
            "user": "dpa-bot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _post_message(self, call: Call) -> dict[str, Any]:
        ts = self._next_ts()
        message = {"type": "message", "text": call.params.get("text", ""), "user": BOT_USER_ID, "bot_id": BOT_ID}
        return {
            "ok": True,
            "channel": conversation_id(call.params.get("channel", "")),
            "ts": ts,
            "message": {**message, "ts": ts},
        }

    def _post_ephemeral(self, call: Call) -> dict[str, Any]:
        ts = self._next_ts()
        return {"ok": True, "channel": call.params.get("channel"), "ts": ts, "message_ts": ts}

    def _chat_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        return {"ok": True, "channel": p.get("channel"), "ts": p.get("ts"), "text": p.get("text", "")}

    def _view(self, call: Call) -> dict[str, Any]:
        view = dict(call.json("view") or {})
        view_id = call.params.get("view_id") or f"V{next(self._ids):04d}"
        view.update(id=view_id, team_id=TEAM_ID, app_id="A123", bot_id=BOT_ID, state={"values": {}}, hash="1.abc")
        return {"ok": True, "view": view}

    def _conversations_open(self, call: Call) -> dict[str, Any]:
        return {"ok": True, "channel": {"id": DM_CHANNEL}}

    def _users_info(self, call: Call) -> dict[str, Any]:
        """Like Slack, `locale` is only present when the caller asks with include_locale=true."""
        user_id = call.params.get("user", "")
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": user_id.lower(),
            "real_name": f"User {user_id}",
            "tz": "Europe/Oslo",
            "tz_label": "Central European Time",
            "tz_offset": 3600,
            "is_bot": False,
        }
        if _truthy(call.params.get("include_locale")):
            user["locale"] = self.locales.get(user_id, "en-US")
        return {"ok": True, "user": user}

    def _usergroup_users(self, call: Call) -> dict[str, Any]:
        group = call.params.get("usergroup", "")
        if group not in self.usergroups:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(self.usergroups[group])}

    def _get_upload_url(self, call: Call) -> dict[str, Any]:
        file_id = f"F{next(self._ids):04d}"
        with self._state.cond:
            self._state.uploads[file_id] = {"name": call.params.get("filename"), "length": call.params.get("length")}
        return {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, call: Call) -> dict[str, Any]:
        files = []
        for f in call.json("files") or []:
            with self._state.cond:
                info = self._state.uploads.get(f["id"])
            if info is None:
                return {"ok": False, "error": "file_not_found"}
            files.append(
                {"id": f["id"], "title": f.get("title") or info["name"], "name": info["name"], "size": info.get("size")}
            )
        return {"ok": True, "files": files}

    def _ok(self, call: Call) -> dict[str, Any]:
        return {"ok": True}


_DEFAULTS: dict[str, Callable[[FakeSlack, Call], dict[str, Any]]] = {
    "auth.test": FakeSlack._auth_test,
    "chat.postMessage": FakeSlack._post_message,
    "chat.postEphemeral": FakeSlack._post_ephemeral,
    "chat.update": FakeSlack._chat_update,
    "views.open": FakeSlack._view,
    "views.update": FakeSlack._view,
    "views.push": FakeSlack._view,
    "views.publish": FakeSlack._view,
    "conversations.open": FakeSlack._conversations_open,
    "users.info": FakeSlack._users_info,
    "usergroups.users.list": FakeSlack._usergroup_users,
    "files.getUploadURLExternal": FakeSlack._get_upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
    "reactions.add": FakeSlack._ok,
}


class _Handler(BaseHTTPRequestHandler):
    owner: FakeSlack

    def do_POST(self) -> None:
        self._serve(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def do_GET(self) -> None:
        self._serve(b"")

    def _serve(self, raw: bytes) -> None:
        url = urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            if not url.path.startswith("/upload/"):  # uploads are raw file bytes, whatever the content-type says
                params.update(_parse_body(raw, headers.get("content-type", "")))
            status, extra_headers, body = self.owner._handle(url.path, params, headers, raw)
        except Exception as exc:  # a broken fake must fail loudly, not hang the client
            status, extra_headers, body = 500, {}, {"ok": False, "error": f"fake_error: {exc!r}"}
        if isinstance(body, bytes):
            data, content_type = body, "application/octet-stream"
        elif isinstance(body, dict):
            data, content_type = json.dumps(body).encode("utf-8"), "application/json; charset=utf-8"
        else:
            data, content_type = str(body).encode("utf-8"), "text/plain; charset=utf-8"
        self.send_response(status)
        extra_headers = dict(extra_headers)
        self.send_header("Content-Type", extra_headers.pop("Content-Type", content_type))
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass
