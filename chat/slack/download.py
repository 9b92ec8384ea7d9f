"""Downloading a file a user shared in Slack, with the bot's token. The token goes to Slack's file servers only:
https on the standard port, or exactly the Web API's own origin (a local fake Slack in tests). A redirect is
followed only to such an address, and the token only to the address it was first sent to."""

from __future__ import annotations

import urllib.request
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient

from registry.errors import InputError, RegistryError
from text.files import check_size
from text.limits import MAX_BYTES, FileRefused

SLACK_FILES = "https://files.slack.com"
_PORTS = {"https": 443, "http": 80}
Origin = tuple[str, str, int | None]


def download(client: WebClient, shared: dict[str, Any]) -> bytes:
    """The file's bytes, at most the reader's size limit; RegistryError when it cannot or must not be fetched."""
    name = shared.get("name") or "file"
    try:
        check_size(shared.get("size") or 0)  # as Slack gives it, before anything is fetched
    except FileRefused as exc:
        raise InputError(exc.problem, value=name, accepted=exc.accepted) from exc
    url = shared.get("url_private_download") or shared.get("url_private") or ""
    allowed = {origin(SLACK_FILES), origin(client.base_url)}
    if origin(url) not in allowed:
        raise RegistryError(
            f"Slack gave no download address for {name} on its file servers ({SLACK_FILES}); try sending it again."
        )
    request = urllib.request.Request(url)
    request.add_unredirected_header("Authorization", f"Bearer {client.token}")  # never copied to a redirect
    opener = urllib.request.build_opener(_SlackRedirects(allowed))
    try:
        with opener.open(request, timeout=30) as response:
            content = response.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RegistryError(f"Could not fetch {name} from Slack ({exc}); try sending it again.") from exc
    try:
        check_size(len(content))
    except FileRefused as exc:
        raise InputError(exc.problem, value=name, accepted=exc.accepted) from exc
    return content


def origin(url: str) -> Origin:
    """Scheme, host and port (the scheme's default when none is given); a malformed address has port None."""
    parts = urlsplit(url)
    try:
        port = parts.port or _PORTS.get(parts.scheme)
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _SlackRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an allowed origin; carries the token along only within the same origin."""

    def __init__(self, allowed: set[Origin]) -> None:
        self.allowed = allowed

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if origin(newurl) not in self.allowed:
            raise RegistryError(
                f"Slack sent the download elsewhere ({origin(newurl)[1] or 'no host'}); I fetch files only from "
                f"{SLACK_FILES}. Try sending the file again."
            )
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        token = req.unredirected_hdrs.get("Authorization")
        if new is not None and token and origin(newurl) == origin(req.full_url):
            new.add_unredirected_header("Authorization", token)
        return new
