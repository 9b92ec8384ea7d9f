"""Many workspaces on one bot: each installs it through "Add to Slack", gets a registry of its own in PostgreSQL,
and can never see or change another's: commands, questions, inquiries, App Home, exports, buttons and forms.

The real Bolt app with OAuth and request signing, served over HTTP for the install pages, a fake Slack Web API
(oauth.v2.access answers with a bot token per workspace), and a database of its own per test."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from slack_app import NOW, SECRET, send
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import (
    app_home_opened,
    app_mention,
    block_actions,
    event_callback,
    message_shortcut,
    slash_command,
    text_input,
    view_submission,
)
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from chat.slack import schedule
from chat.slack.app import build_app
from chat.slack.blocks import PARTY_MODAL
from chat.slack.http import make_http_server
from chat.slack.installations import PgInstallationStore, create_tables, oauth_settings
from chat.slack.tenants import Workspaces, for_workspace
from inquiries import tracking
from inquiries.tracking import Intake
from registry.demo import load_demo
from registry.engines import open_pool, open_store
from registry.errors import StoreError
from registry.export import export_json
from registry.models import Party
from registry.parties import add_party
from registry.registry import Actor, Registry
from registry.review import ReviewSettings

ROOT = Path(__file__).resolve().parents[1]
TEAM_A, TEAM_B = "T0AAA1", "T0BBB2"
DPO_A, DPO_B, EMPLOYEE_A = "U0ADPO", "U0BDPO", "U0AEMP"
_databases = itertools.count(1)


@pytest.fixture
def database(postgres: tuple[str | None, str]) -> Iterator[str]:
    """A URL to a database of its own (workspaces' schemas are named by team id, so tests must not share one)."""
    url, why = postgres
    if url is None:
        pytest.skip(why)
    name = f"dpa_ws_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(url)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@dataclass
class Bot:
    """The bot as a consultancy runs it: Bolt with OAuth behind our HTTP server, its workspaces and stores."""

    app: App
    url: str
    fake: FakeSlack
    workspaces: Workspaces
    installations: PgInstallationStore

    def page(self, path: str, *, cookie: str | None = None) -> tuple[int, str, str | None]:
        """GET a page as a browser does: (status, body, the Set-Cookie header)."""
        request = urllib.request.Request(self.url + path, headers={"Cookie": cookie} if cookie else {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode(), response.headers.get("Set-Cookie")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), exc.headers.get("Set-Cookie")

    def start_install(self) -> tuple[str, str]:
        """The "Add to Slack" page: the state in its link, and the browser cookie that goes with it."""
        status, body, cookie = self.page("/slack/install")
        assert status == 200 and "slack.com/oauth/v2/authorize" in body
        state = re.search(r"state=([\w-]+)", body)
        assert state and cookie
        return state.group(1), cookie.split(";")[0]

    def install(self, team: str, installer: str) -> str:
        """Workspace `team` installs the app end to end; returns its bot token."""
        state, cookie = self.start_install()
        token = self.fake.install(f"code-{team}", team_id=team, user_id=installer)
        status, body, _ = self.page(f"/slack/oauth_redirect?code=code-{team}&state={state}", cookie=cookie)
        assert status == 200, body
        return token

    def command(self, team: str, user: str, text: str) -> str:
        """A signed /dpa from `user` in workspace `team`; the text of its answer."""
        self.fake.clear()
        response = send(self.app, slash_command(text, user_id=user, team_id=team, response_url=self.fake.response_url))
        assert response.status == 200
        return "\n".join(str(call.params) for call in self.fake.calls("response_url"))

    def registry(self, team: str):
        return self.workspaces.workspace(None, team, False).services.registry


@pytest.fixture
def bot(database: str, fake: FakeSlack) -> Iterator[Bot]:
    pool = open_pool(database, size=4)
    create_tables(pool)
    installations = PgInstallationStore(pool, client_id="111.222")
    oauth = oauth_settings(installations, client_secret="client-secret")
    workspaces = Workspaces(
        url=database,
        pool=pool,
        installations=installations,
        clock=lambda: NOW,
        review=ReviewSettings(),
        api_url=fake.base_url,
    )
    app = build_app(
        workspaces,
        token=None,
        signing_secret=SECRET,
        client=WebClient(base_url=fake.base_url),
        process_before_response=True,
        oauth_settings=oauth,
    )
    server = make_http_server(app, signing_secret=SECRET, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Bot(app, f"http://127.0.0.1:{server.server_port}", fake, workspaces, installations)
    finally:
        server.shutdown()
        server.server_close()
        workspaces.close()
        pool.close()


@pytest.fixture
def two(bot: Bot) -> tuple[str, str]:
    """Workspaces A and B installed; A holds the demo registry, B one party of its own. Their bot tokens."""
    tokens = bot.install(TEAM_A, DPO_A), bot.install(TEAM_B, DPO_B)
    load_demo(bot.registry(TEAM_A), Actor("setup", "demo"))
    assert "Added Beta Lønn AS." in bot.command(TEAM_B, DPO_B, 'party add "Beta Lønn AS"')
    return tokens


def names(bot: Bot, team: str) -> list[str]:
    registry = bot.registry(team)
    with registry.reading():
        return [party.name for party in registry.all(Party)]


def tokens_used(fake: FakeSlack, method: str) -> set[str | None]:
    return {call.token for call in fake.calls(method)}


# -- installing -----------------------------------------------------------------------------------------------


def test_add_to_slack_installs_each_workspace_with_its_installer_as_its_privacy_team(bot):
    token_a = bot.install(TEAM_A, DPO_A)
    token_b = bot.install(TEAM_B, DPO_B)
    found = bot.installations.find_installation(enterprise_id=None, team_id=TEAM_A)
    assert found is not None and found.bot_token == token_a and found.user_id == DPO_A
    assert bot.installations.find_bot(enterprise_id=None, team_id=TEAM_B).bot_token == token_b
    assert [call.params["code"] for call in bot.fake.calls("oauth.v2.access")] == [f"code-{TEAM_A}", f"code-{TEAM_B}"]
    # The installer may change the registry in their workspace, and only there.
    assert "Added Alpha AS." in bot.command(TEAM_A, DPO_A, 'party add "Alpha AS"')
    refused = bot.command(TEAM_A, DPO_B, 'party add "Intruder AS"')
    assert "only the privacy team can change the registry" in refused and f"<@{DPO_A}>" in refused
    assert names(bot, TEAM_A) == ["Alpha AS"]
    assert names(bot, TEAM_B) == []


def test_installing_again_does_not_make_anyone_else_a_member_of_the_privacy_team(bot, two):
    state, cookie = bot.start_install()
    bot.fake.install("code-again", team_id=TEAM_A, user_id=EMPLOYEE_A)  # an employee whom Slack lets install apps
    assert bot.page(f"/slack/oauth_redirect?code=code-again&state={state}", cookie=cookie)[0] == 200
    assert bot.installations.installers(enterprise_id=None, team_id=TEAM_A, is_enterprise_install=False) == [DPO_A]
    refused = bot.command(TEAM_A, EMPLOYEE_A, 'party add "Selvutnevnt AS"')
    assert "only the privacy team can change the registry" in refused


def test_dpa_dpo_users_entries_naming_a_workspace_count_only_there():
    setting = "T0AAA1:U0ADPO, U0CONSULT; T0BBB2:U0BDPO"
    assert for_workspace(setting, "T0AAA1").split(",") == ["U0ADPO", "U0CONSULT"]
    assert for_workspace(setting, "T0BBB2").split(",") == ["U0CONSULT", "U0BDPO"]
    assert for_workspace(setting, "T0CCC3") == "U0CONSULT"
    assert for_workspace(None, "T0AAA1") == ""


def test_a_forged_or_reused_state_installs_nothing(bot):
    state, cookie = bot.start_install()
    bot.fake.install("code-1", team_id=TEAM_A, user_id=DPO_A)
    forged, _ = bot.start_install()  # a state of ours, but not the one this browser was given
    status, _, _ = bot.page(f"/slack/oauth_redirect?code=code-1&state={forged}", cookie=cookie)
    assert status >= 400
    assert bot.installations.find_installation(enterprise_id=None, team_id=TEAM_A) is None
    # The state this browser was given works once; used again (a replayed redirect) it is refused.
    assert bot.page(f"/slack/oauth_redirect?code=code-1&state={state}", cookie=cookie)[0] == 200
    bot.fake.install("code-2", team_id=TEAM_B, user_id=DPO_B)
    status, _, _ = bot.page(f"/slack/oauth_redirect?code=code-2&state={state}", cookie=cookie)
    assert status >= 400
    assert bot.installations.find_installation(enterprise_id=None, team_id=TEAM_B) is None
    assert bot.page("/slack/oauth_redirect?code=code-2&state=made-up", cookie="slack-app-oauth-state=made-up")[0] >= 400
    assert bot.installations.find_installation(enterprise_id=None, team_id=TEAM_B) is None


def test_a_request_from_a_workspace_that_never_installed_is_refused_politely(bot, two):
    answer = bot.command("T0CCC3", "U0CUSER", "who HubSpot")
    assert "install this app" in answer.lower() and "HubSpot" not in answer


# -- one workspace never sees or changes another's ---------------------------------------------------------------


def test_commands_answer_from_the_workspace_s_own_registry(bot, two):
    assert "HubSpot, Inc." in bot.command(TEAM_A, EMPLOYEE_A, "who HubSpot")
    assert "HubSpot, Inc." not in bot.command(TEAM_B, DPO_B, "who HubSpot")
    assert "Beta Lønn AS" not in bot.command(TEAM_A, DPO_A, "who Beta")
    assert "privacy-shield" in bot.command(TEAM_A, DPO_A, "review")
    review_b = bot.command(TEAM_B, DPO_B, "review")
    assert "privacy-shield" not in review_b and "HubSpot" not in review_b
    engaged = bot.command(TEAM_B, DPO_B, 'engage "Beta Lønn AS" for="Beta Lønn AS" purpose="Lønn"')
    assert "Beta Lønn AS" in engaged
    assert "Beta Lønn AS" not in names(bot, TEAM_A)
    # Every answer went back by the request's own response_url: no Web API call with any token was needed.
    assert bot.fake.calls("chat.postMessage") == []


def test_questions_are_answered_from_the_asker_s_workspace_with_its_token(bot, two):
    token_a, token_b = two
    bot.fake.clear()
    send(bot.app, event_callback(app_mention("<@UBOT> who is HubSpot?", user=EMPLOYEE_A), team_id=TEAM_A))
    [answer_a] = bot.fake.calls("chat.postMessage")
    assert answer_a.token == token_a and "HubSpot" in json.dumps(answer_a.params)
    bot.fake.clear()
    send(bot.app, event_callback(app_mention("<@UBOT> who is HubSpot?", user=DPO_B), team_id=TEAM_B))
    [answer_b] = bot.fake.calls("chat.postMessage")
    assert answer_b.token == token_b and "HubSpot, Inc." not in json.dumps(answer_b.params)


def test_an_inquiry_goes_to_its_own_workspace_s_privacy_team_only(bot, two):
    token_a, _ = two
    bot.fake.clear()
    message = {"user": "U0ACUST", "ts": "1763719200.000100", "text": "Slett alle opplysninger om meg. Mvh Ola"}
    body = message_shortcut(
        "send_to_privacy_team", message, user_id=EMPLOYEE_A, team_id=TEAM_A, response_url=bot.fake.response_url
    )
    assert send(bot.app, body).status == 200
    cards = bot.fake.calls("chat.postMessage")
    assert [c.params["channel"] for c in cards] == ["#personvern"]  # A's privacy channel, from A's registry
    assert tokens_used(bot.fake, "chat.postMessage") == {token_a}
    assert "Sent to the privacy team as inquiry #1" in bot.fake.last("response_url").params["text"]
    with bot.registry(TEAM_A).reading():
        assert len(bot.registry(TEAM_A).store.table("inquiries").all()) == 1
    with bot.registry(TEAM_B).reading():
        assert bot.registry(TEAM_B).store.table("inquiries").all() == []
    assert "no inquiry" in bot.command(TEAM_B, DPO_B, "inquiry show 1").lower()


def test_app_home_shows_each_workspace_only_its_own_registry(bot, two):
    token_a, token_b = two
    bot.fake.clear()
    send(bot.app, event_callback(app_home_opened(DPO_A), team_id=TEAM_A))
    home_a = bot.fake.last("views.publish")
    assert home_a.token == token_a and "HubSpot" in json.dumps(home_a.json("view"))
    bot.fake.clear()
    send(bot.app, event_callback(app_home_opened(DPO_B), team_id=TEAM_B))
    home_b = bot.fake.last("views.publish")
    assert home_b.token == token_b and "HubSpot" not in json.dumps(home_b.json("view"))
    assert "Privacy registry" in json.dumps(home_b.json("view"))  # B's installer sees B's dashboard


def test_an_export_holds_only_the_workspace_s_own_data_and_goes_with_its_token(bot, two):
    token_a, token_b = two
    for team, user, token, ours, theirs in (
        (TEAM_A, DPO_A, token_a, "HubSpot", "Beta Lønn"),
        (TEAM_B, DPO_B, token_b, "Beta Lønn", "HubSpot"),
    ):
        assert "Sent to you in a direct message." in bot.command(team, user, "export json")
        [upload] = bot.fake.calls("upload")
        content = upload.raw.decode()
        assert ours in content and theirs not in content
        assert tokens_used(bot.fake, "files.getUploadURLExternal") == {token}
        assert tokens_used(bot.fake, "files.completeUploadExternal") == {token}


def test_buttons_and_forms_carrying_b_s_team_cannot_act_on_a_s_records(bot, two):
    _, token_b = two
    message = {"user": "U0ACUST", "ts": "1763719200.000100", "text": "Slett alle opplysninger om meg. Mvh Ola"}
    body = message_shortcut(
        "send_to_privacy_team", message, user_id=EMPLOYEE_A, team_id=TEAM_A, response_url=bot.fake.response_url
    )
    send(bot.app, body)
    container = {"type": "message", "channel_id": "C_PRIV", "message_ts": "1763719300.000200"}
    bot.fake.clear()
    # B's privacy team presses "Close" on inquiry #1 (A's): the payload is B's, so it is B's registry that is asked.
    send(bot.app, block_actions("inquiry_close", "1", user_id=DPO_B, team_id=TEAM_B, container=container))
    assert tokens_used(bot.fake, "chat.postEphemeral") == {token_b}
    assert bot.fake.last("chat.postEphemeral").params["text"].startswith("No inquiry #1.")  # B has none
    # A's own privacy team in a payload carrying B's team is not B's privacy team.
    send(bot.app, block_actions("inquiry_close", "1", user_id=DPO_A, team_id=TEAM_B, container=container))
    assert "only the privacy team" in bot.fake.last("chat.postEphemeral").params["text"].lower()
    with bot.registry(TEAM_A).reading():
        assert bot.registry(TEAM_A).store.table("inquiries").get(doc_id=1)["status"] == "new"
    # The party form submitted with B's team adds to B, never to A.
    state = {"name": {"name": text_input("Skjema AS")}}
    response = send(bot.app, view_submission(PARTY_MODAL, state, user_id=DPO_B, team_id=TEAM_B))
    assert response.status == 200 and "errors" not in (response.body or "")
    assert "Skjema AS" not in names(bot, TEAM_A)
    assert "Skjema AS" in names(bot, TEAM_B)


# -- uninstalling --------------------------------------------------------------------------------------------


def test_uninstalling_removes_the_installation_keeps_the_registry_and_refuses_politely(bot, two):
    response = send(bot.app, event_callback({"type": "app_uninstalled", "event_ts": "1.2"}, team_id=TEAM_B))
    assert response.status == 200
    assert bot.installations.find_installation(enterprise_id=None, team_id=TEAM_B) is None
    assert bot.installations.find_bot(enterprise_id=None, team_id=TEAM_B) is None
    answer = bot.command(TEAM_B, DPO_B, "who Beta")
    assert "install this app" in answer.lower() and "Beta Lønn" not in answer
    assert [b.team_id for b in bot.installations.bots()] == [TEAM_A]  # the background jobs skip B
    assert [slack.services.registry for slack, _ in bot.workspaces.each()] == [bot.registry(TEAM_A)]
    assert names(bot, TEAM_B) == ["Beta Lønn AS"]  # B's registry is kept: a reinstall finds it as it was
    assert "HubSpot, Inc." in bot.command(TEAM_A, EMPLOYEE_A, "who HubSpot")  # A goes on


def test_an_uninstalled_workspace_s_kept_registry_still_deletes_personal_data_on_time(bot, two):
    """No token is left to reach its Slack, but inquiry texts past retention are still deleted from its registry."""
    registry = bot.registry(TEAM_B)
    intake = Intake(text="Slett alle opplysninger om meg. Mvh Ola Uinstallert", received=NOW, sender="U0X")
    inquiry = tracking.open_inquiry(registry, Actor("U0X", "test"), intake)
    closed = tracking.close(registry, Actor(DPO_B, "test"), inquiry.id or 0, note=None)
    with registry.change(Actor("U0X", "test")) as w:
        w.update(closed, {"closed": "2022-01-03"})  # closed four years ago: past 36 months
    with registry.reading():
        assert "Ola Uinstallert" in json.dumps(registry.store.table("inquiries").get(doc_id=inquiry.id))
    assert send(bot.app, event_callback({"type": "app_uninstalled", "event_ts": "1.3"}, team_id=TEAM_B)).status == 200
    left = bot.workspaces.left()
    assert [slack.services.registry for slack in left] == [bot.registry(TEAM_B)]  # A is installed: not listed
    bot.fake.clear()
    schedule.run_daily(left[0], None, retention_months=36)
    with registry.reading():
        assert "Ola Uinstallert" not in json.dumps(registry.store.table("inquiries").get(doc_id=inquiry.id))
    assert bot.fake.calls() == []  # nothing sent: the workspace is gone from Slack


# -- background jobs ------------------------------------------------------------------------------------------


def test_background_jobs_run_for_every_installed_workspace_with_its_own_token(bot, two):
    token_a, token_b = two
    for team in (TEAM_A, TEAM_B):  # an inquiry each that Slack did not take: the job delivers it
        registry = bot.registry(team)
        intake = Intake(text="Slett alle opplysninger om meg. Mvh Ola", received=NOW, sender="U0X")
        inquiry = tracking.open_inquiry(registry, Actor("U0X", "test"), intake)
        tracking.set_undelivered(registry, Actor("bot", "test"), inquiry.id or 0, undelivered=True)
    bot.fake.clear()
    stop = threading.Event()
    thread = schedule.start(bot.workspaces, None, retention_months=36, stop=stop)
    try:
        cards = bot.fake.wait_for("chat.postMessage", count=2, timeout=30)
    finally:
        stop.set()
        thread.join(10)
    assert {(card.token, card.params["channel"]) for card in cards} == {(token_a, "#personvern"), (token_b, DPO_B)}
    for team in (TEAM_A, TEAM_B):
        assert tracking.undelivered(bot.registry(team)) == []


# -- an organisation-wide installation ---------------------------------------------------------------------------


def test_installed_org_wide_the_organisation_s_workspaces_share_one_registry(bot):
    state, cookie = bot.start_install()
    token = bot.fake.install("code-org", team_id=None, enterprise_id="E0ORG1", user_id="W0ODPO", org_wide=True)
    assert bot.page(f"/slack/oauth_redirect?code=code-org&state={state}", cookie=cookie)[0] == 200

    def org_command(team: str, text: str) -> str:
        bot.fake.clear()
        body = slash_command(text, user_id="W0ODPO", team_id=team, response_url=bot.fake.response_url)
        body = body.replace("is_enterprise_install=false", "is_enterprise_install=true") + "&enterprise_id=E0ORG1"
        assert send(bot.app, body).status == 200
        return str(bot.fake.last("response_url").params)

    assert "Added Konsern AS." in org_command("T0ORGX", 'party add "Konsern AS"')
    assert "Konsern AS" in org_command("T0ORGY", "who Konsern")  # another workspace of the same organisation
    assert bot.workspaces.workspace("E0ORG1", None, True).services.registry.store.schema == "dpa_e0org1"
    assert [(b.enterprise_id, b.bot_token) for b in bot.installations.bots()] == [("E0ORG1", token)]


# -- starting ------------------------------------------------------------------------------------------------


def start_bot(env: dict[str, str], log: Path) -> subprocess.Popen:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    environ.update(PYTHONPATH=str(ROOT), **env)
    command = [sys.executable, str(ROOT / "bot.py"), "--http", "--host", "127.0.0.1", "--port", "0"]
    with open(log, "w") as stderr:
        return subprocess.Popen(command, env=environ, stderr=stderr)


def test_without_what_many_workspaces_need_the_bot_refuses_to_start_and_says_what_is_missing(tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    environ.update(PYTHONPATH=str(ROOT), SLACK_CLIENT_ID="111.222", DPA_DB=str(tmp_path / "registry.json"))
    done = subprocess.run(
        [sys.executable, str(ROOT / "bot.py")], env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    said = done.stderr
    assert "Cannot start for many workspaces" in said
    for missing in ("SLACK_CLIENT_SECRET is not set", "SLACK_SIGNING_SECRET is not set", "--http is not given"):
        assert missing in said
    assert f"DPA_DB (or --db) is {tmp_path / 'registry.json'}, not a postgresql:// URL" in said
    assert "SLACK_CLIENT_ID is not set" not in said and not (tmp_path / "registry.json").exists()


@pytest.mark.parametrize("args", [["--console"], ["--restore", "backup.json"]])
def test_the_console_or_a_restore_asks_which_workspace_when_the_bot_serves_many(tmp_path, args):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    environ.update(PYTHONPATH=str(ROOT), SLACK_CLIENT_ID="111.222", DPA_DB="postgresql://dpa@127.0.0.1:1/dpa")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), *args], env=environ, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Name the one to open or restore into with --workspace T0123ABCD" in done.stderr


@pytest.mark.slow
def test_bot_py_serves_add_to_slack_and_each_installed_workspace(database, fake, tmp_path):
    log = tmp_path / "bot.log"
    env = {
        "SLACK_CLIENT_ID": "111.222",
        "SLACK_CLIENT_SECRET": "client-secret-not-to-log",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.base_url,
        "DPA_DB": database,
        "DPA_LOG_LEVEL": "DEBUG",  # even then, no token or secret is logged
    }
    proc = start_bot(env, log)
    try:
        deadline = time.monotonic() + 30
        while "Add to Slack at" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.1)
        root = re.search(r"Add to Slack at (http://[^/\s]+)", log.read_text())
        assert root, log.read_text()
        with urllib.request.urlopen(root.group(1) + "/healthz", timeout=10) as health:  # the database answers
            assert json.loads(health.read()) == {"status": "ok", "read_only": False}
        with urllib.request.urlopen(root.group(1) + "/slack/install", timeout=10) as page:
            state = re.search(r"state=([\w-]+)", page.read().decode())
            cookie = page.headers["Set-Cookie"].split(";")[0]
        token = fake.install("code-a", team_id=TEAM_A, user_id=DPO_A)
        redirect = urllib.request.Request(
            f"{root.group(1)}/slack/oauth_redirect?code=code-a&state={state.group(1)}", headers={"Cookie": cookie}
        )
        with urllib.request.urlopen(redirect, timeout=10) as done:
            assert done.status == 200
        body = slash_command('party add "Via OAuth AS"', user_id=DPO_A, team_id=TEAM_A, response_url=fake.response_url)
        assert post(root.group(1) + "/slack/events", body) == 200
        [reply] = fake.wait_for("response_url")
        assert reply.params["text"] == "Added Via OAuth AS."
        assert fake.last("auth.test").token == token
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    logged = log.read_text()
    assert token not in logged and "client-secret-not-to-log" not in logged


def post(url: str, body: str) -> int:
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)
    headers = {"x-slack-request-timestamp": timestamp, "x-slack-signature": signature or ""}
    request = urllib.request.Request(url, data=body.encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_the_console_and_restore_open_one_workspace_s_registry(bot, two, database, tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    environ.update(PYTHONPATH=str(ROOT), DPA_DB=database)

    def console(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(ROOT / "bot.py"), *args]
        return subprocess.run(command, env=environ, input=stdin, capture_output=True, text=True, timeout=60)

    shown = console("--workspace", TEAM_B, stdin="who Beta\nwho HubSpot\n")
    assert "Beta Lønn AS" in shown.stdout and "HubSpot, Inc." not in shown.stdout
    assert "(schema dpa_t0bbb2)" in shown.stderr
    backup = tmp_path / "a.json"
    with bot.registry(TEAM_A).reading():
        backup.write_text(json.dumps(export_json(bot.registry(TEAM_A)), default=str))
    restored = console("--workspace", "T0CCC3", "--restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "HubSpot, Inc." in console("--workspace", "T0CCC3", stdin="who HubSpot\n").stdout
    refused = console("--workspace", "t0ccc3; DROP SCHEMA x")
    assert refused.returncode == 2
    assert "is not a Slack workspace or organisation id (T... or E..., capitals and digits)" in refused.stderr
    mistyped = console("--workspace", "T0ZZZ9", stdin="party list\n")  # no such workspace: nothing is made
    assert mistyped.returncode == 2 and "There is no registry dpa_t0zzz9 in the database" in mistyped.stderr
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'dpa_t0zzz9'").fetchone() is None


def test_twenty_workspaces_share_one_pool_of_connections(bot, database):
    teams = [f"T0W{n:03d}" for n in range(20)]
    for team in teams:
        bot.fake.install(f"code-{team}", team_id=team, user_id=f"U0{team}")
        state, cookie = bot.start_install()
        assert bot.page(f"/slack/oauth_redirect?code=code-{team}&state={state}", cookie=cookie)[0] == 200
        assert f"Added {team} AS." in bot.command(team, f"U0{team}", f'party add "{team} AS"')
    for team in teams:
        assert names(bot, team) == [f"{team} AS"]
    with psycopg.connect(database) as conn:
        schemas = conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'dpa_t0w%'").fetchone()[0]
        others = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    assert schemas == 20
    assert others <= 4  # the bot's one pool (size 4 here, 8 by default), not a connection per workspace


def test_revoked_bot_tokens_are_forgotten_and_the_workspace_is_refused(bot, two):
    revoked = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}, "event_ts": "1.3"}
    assert send(bot.app, event_callback(revoked, team_id=TEAM_A)).status == 200
    assert bot.installations.find_bot(enterprise_id=None, team_id=TEAM_A) is None
    assert "install this app" in bot.command(TEAM_A, DPO_A, "who HubSpot").lower()
    assert "Beta Lønn AS" in bot.command(TEAM_B, DPO_B, "who Beta")  # B is untouched


def test_a_request_costs_no_call_to_slack_to_authorise_it_once_the_token_is_known(bot, two):
    token_a, _ = two
    bot.command(TEAM_A, DPO_A, "help")  # the first request asks Slack about A's token
    assert [call.token for call in bot.fake.calls("auth.test")] == [token_a]
    bot.fake.clear()
    for text in ("who HubSpot", "who Septer", "review"):
        body = slash_command(text, user_id=DPO_A, team_id=TEAM_A, response_url=bot.fake.response_url)
        assert send(bot.app, body).status == 200
    assert len(bot.fake.calls("response_url")) == 3
    assert bot.fake.calls("auth.test") == []


def test_concurrent_requests_from_many_workspaces_each_change_only_their_own_registry(bot):
    teams = [f"T0C{n:03d}" for n in range(5)]
    for team in teams:
        bot.fake.install(f"code-{team}", team_id=team, user_id=f"U0{team}")
        state, cookie = bot.start_install()
        assert bot.page(f"/slack/oauth_redirect?code=code-{team}&state={state}", cookie=cookie)[0] == 200
    failures: list[BaseException] = []

    def client(n: int) -> None:
        team = teams[n % len(teams)]
        try:
            for k in range(6):
                line = f'party add "{team} P{n}-{k}"'
                body = slash_command(line, user_id=f"U0{team}", team_id=team, response_url=bot.fake.response_url)
                assert send(bot.app, body).status == 200
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failures == []
    answers = [call.params["text"] for call in bot.fake.calls("response_url")]
    assert len(answers) == 60 and all(text.startswith("Added T0C") for text in answers)
    for i, team in enumerate(teams):
        expected = sorted(f"{team} P{n}-{k}" for n in (i, i + 5) for k in range(6))
        assert sorted(names(bot, team)) == expected


def test_installation_tables_of_a_newer_bot_are_refused_unchanged(bot, database):
    with psycopg.connect(database) as conn:
        conn.execute("UPDATE dpa_slack_meta SET value = 99 WHERE key = 'layout'")
    with pytest.raises(StoreError, match="table layout 99, made by a newer version of this bot"):
        create_tables(bot.installations.pool)
    with psycopg.connect(database) as conn:
        assert conn.execute("SELECT value FROM dpa_slack_meta WHERE key = 'layout'").fetchone()[0] == 99


# -- the store underneath --------------------------------------------------------------------------------------


def test_registries_in_their_own_schemas_share_a_pool_and_never_see_each_other(database):
    pool = open_pool(database, size=2)
    try:
        one, two_, default = (
            Registry(open_store(database, schema="dpa_t1", pool=pool), clock=lambda: NOW),
            Registry(open_store(database, schema="dpa_t2", pool=pool), clock=lambda: NOW),
            Registry(open_store(database, pool=pool), clock=lambda: NOW),
        )
        for registry, name in ((one, "One AS"), (two_, "Two AS"), (default, "Default AS")):
            add_party(registry, Actor("U1", "test"), Party(name=name))
        one.store.close()  # a store on a shared pool leaves the pool open for the others
        for registry, name in ((two_, "Two AS"), (default, "Default AS")):
            with registry.reading():
                assert [p.name for p in registry.all(Party)] == [name]
        again = Registry(open_store(database, schema="dpa_t1", pool=pool), clock=lambda: NOW)
        with again.reading():
            assert [p.name for p in again.all(Party)] == ["One AS"]
        with pytest.raises(StoreError, match="cannot name a registry's schema"):
            open_store(database, schema='dpa_x"; DROP SCHEMA public; --', pool=pool)
        with pytest.raises(StoreError, match="Only a PostgreSQL registry can be one of many"):
            open_store("registry.json", schema="dpa_t1")
    finally:
        pool.close()
