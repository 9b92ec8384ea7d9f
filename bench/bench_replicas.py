"""Replicas on PostgreSQL under load, beside one process on the registry file (issue 22's measurement).

    python bench/bench_replicas.py [--quick] [--commands 2000] [--clients 20] [--workspaces 20]
                                   [--out BENCHMARKS.md | --no-write] [--show N] [--commit TEXT]

Everything runs on this machine, on loopback: a throwaway PostgreSQL (tests/pg_server.py, or DPA_TEST_PG),
the fake Slack Web API (tests/slack_fake.py) in a process of its own, the bots as `python bot.py --http`
processes, and the load generator (this process): N concurrent clients, each in a Slack workspace, sending signed
slash commands (tests/slack_requests.py) through a tiny load balancer (round robin over the live replicas; a
replica that refuses or drops a connection is marked down and the request goes to the next one, as a real
balancer's retry would; GET /healthz, when the bot has it, takes a replica out and back in). Each command's
response_url points at a server in this process, one path per command: latency is from sending the request
until the bot's answer arrives there.

Each client sends the same cycle of ten commands: three writes, each unique (`party add` of a party named
for the client and its sequence number, twice, and `engage` of the first one), and seven reads (`who` of the
party just added, which may reach the other replica, `review`, `party list`, `who IWMAC`, `dpa list`, and a
question in English and in Norwegian). A command fails when the balancer gets no 200, when no answer reaches
its response_url within 10 s, or when the answer is not the one expected (an error reply).

On PostgreSQL the registries are either 20 installed workspaces (the default: each installed through the
installation store the bot reads, its own bot token, its installer its privacy team, its registry in its own
schema; client c in workspace c) or, with --workspaces 1, one registry and one bot token, as one company runs it.

Runs, on the same load: the file registry with one process (the one-machine default); PostgreSQL with one
replica; PostgreSQL with two; PostgreSQL with two and one of them killed with SIGKILL when half the commands
are sent. After each run every workspace's registry is opened through the store API and every write looked up:
a write answered as recorded must be there exactly once (else it is lost or duplicated), no write may be there
twice or in another workspace's registry, and after the kill the survivor must have answered every command.
The section written to BENCHMARKS.md is that mode's own; the exit status is 1 when any of these checks fails.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pg_server
from bench_store import machine
from slack_requests import TEAM_ID, slash_command
from slack_sdk.signature import SignatureVerifier

from registry.demo import load_demo
from registry.engines import open_store
from registry.models import Engagement, Party
from registry.registry import Actor, Registry
from registry.store import Store

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-replicas-secret"
CLIENT_ID = "1111.2222"  # the OAuth client the many-workspace bots are started with
DPO, EMPLOYEE = "DPO", "EMP"  # roles: each client has a user of each, in its own workspace
CONTROLLER = "Nordlys Eiendomsdrift AS"  # a controller of the demo registry: the engagements' other side
STAGGER = 0.025  # seconds between the clients' first commands: 20 people do not press Enter in the same instant
ANSWER_WITHIN = 10.0  # seconds from sending to the answer at response_url; later is a failure
SECTION = "## Replicas on PostgreSQL beside one process on the file: {mode}"  # one section per mode
MARKER = re.compile(r"^## ", re.MULTILINE)


# -- what the clients send -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One slash command of the plan, what a right answer starts with (or contains), and the write it makes."""

    kind: str
    text: str
    role: str  # DPO (the workspace's privacy team) or EMPLOYEE
    expect: Callable[[str], bool]
    write: tuple[str, str] | None = None  # ("party", name) or ("engagement", name of the processor)


def party_name(client: int, n: int, suffix: str) -> str:
    return f"Bench C{client:02d} N{n:03d}{suffix} AS"


def cycle(client: int, n: int) -> list[Command]:
    """The ten commands a client sends in its n-th round: three unique writes, seven reads."""
    first, second = party_name(client, n, "a"), party_name(client, n, "b")
    return [
        Command("party add", f'party add "{first}" country=NO', DPO, _is(f"Added {first}."), ("party", first)),
        Command("who (new party)", f'who "{first}"', EMPLOYEE, _starts(first)),
        Command("review", "review", DPO, _has("open flag")),
        Command(
            "engage",
            f'engage "{first}" for="{CONTROLLER}" purpose="Bench client {client} round {n}"',
            DPO,
            _starts(f"Recorded engagement: {first} processes for {CONTROLLER}"),
            ("engagement", first),
        ),
        Command("ask (en)", "ask who is the controller for the alarm-centre recordings?", EMPLOYEE, _has("controller")),
        Command("party list", "party list", EMPLOYEE, _has(" parties")),
        Command("who IWMAC", "who IWMAC", EMPLOYEE, _starts("IWMAC AS")),
        Command("party add", f'party add "{second}" country=NO', DPO, _is(f"Added {second}."), ("party", second)),
        Command("dpa list", "dpa list", EMPLOYEE, _has("DPAs on record")),
        Command(
            "ask (nb)", "ask hvem er behandlingsansvarlig for alarmsentralen?", EMPLOYEE, _has("behandlingsansvarlig")
        ),
    ]


def _is(text: str) -> Callable[[str], bool]:
    return lambda reply: reply == text


def _starts(text: str) -> Callable[[str], bool]:
    return lambda reply: reply.startswith(text)


def _has(text: str) -> Callable[[str], bool]:
    return lambda reply: text in reply


WARM_UP = [
    ("who IWMAC", _starts("IWMAC AS")),
    ("review", _has("open flag")),
    ("ask who is the controller for the alarm-centre recordings?", _has("controller")),
]


def plan(clients: int, commands: int) -> list[list[Command]]:
    """Each client's commands, `commands` in all, spread evenly."""
    per_client = [commands // clients + (c < commands % clients) for c in range(clients)]
    out = []
    for c, count in enumerate(per_client):
        mine = [cmd for n in range(count // 10 + 1) for cmd in cycle(c, n)]
        out.append(mine[:count])
    return out


# -- where the answers arrive ----------------------------------------------------------------------------------


@dataclass
class Answer:
    at: float  # perf_counter when the first message arrived
    texts: list[str] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # not the default 5: the bots post answers all at once, and must not wait on us


class Answers:
    """An HTTP server on loopback taking the bots' response_url POSTs, one path per command: /r/<number>."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._got: dict[int, Answer] = {}
        self._numbers = itertools.count(1)
        answers = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                now = time.perf_counter()
                answers._arrived(self.path, raw, now)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def path(self) -> tuple[int, str]:
        """A new command's number and the response_url it gives the bot."""
        number = next(self._numbers)
        return number, f"{self.url}/r/{number}"

    def _arrived(self, path: str, raw: bytes, now: float) -> None:
        match = re.fullmatch(r"/r/(\d+)", path)
        if not match:
            return
        try:
            text = json.loads(raw or b"{}").get("text") or ""
        except ValueError:
            text = ""
        with self._lock:
            answer = self._got.setdefault(int(match[1]), Answer(now))
            answer.texts.append(text)
            self._lock.notify_all()

    def wait(self, number: int, deadline: float) -> Answer | None:
        with self._lock:
            while number not in self._got:
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self._lock.wait(left)
            return self._got[number]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


# -- the load balancer -----------------------------------------------------------------------------------------


@dataclass
class Replica:
    name: str
    host: str
    port: int
    proc: subprocess.Popen[bytes]
    up: bool = True


class Balancer:
    """Round robin over the replicas that are up, as a load balancer in front of the bots does.

    Passive check: a connection refused, reset or dropped before an HTTP answer marks the replica down at once,
    and the request goes to the next one. Active check: GET /healthz on each replica every 0.2 s (a bot without
    the endpoint answers 404, which counts as alive: it took the connection); three failed checks in a row mark
    it down, one good check up again. With every replica down, each is tried anyway before a request fails."""

    FALL = 3

    def __init__(self, replicas: list[Replica]) -> None:
        self.replicas = replicas
        self._turn = itertools.count()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.retries = 0  # requests sent again to another replica after a connection error
        self.health: dict[str, int] = {}  # replica -> the status its /healthz last answered
        self.errors = Counter[str]()  # connection errors by kind, as the balancer met them
        self._checker = threading.Thread(target=self._check, daemon=True)
        self._checker.start()

    def post(self, body: bytes, headers: dict[str, str]) -> tuple[int, str | None]:
        """(HTTP status, the replica that answered); (0, None) when no replica took the request."""
        tried: set[str] = set()
        while True:
            replica = self._next(tried)
            if replica is None:
                return 0, None
            tried.add(replica.name)
            try:
                return _post(replica, body, headers), replica.name
            except (OSError, http.client.HTTPException) as exc:
                replica.up = False
                with self._lock:
                    self.retries += 1
                    self.errors[type(exc).__name__] += 1

    def _next(self, tried: set[str]) -> Replica | None:
        untried = [r for r in self.replicas if r.name not in tried]
        live = [r for r in untried if r.up] or untried
        if not live:
            return None
        return live[next(self._turn) % len(live)]

    def _check(self) -> None:
        failed = Counter[str]()
        while not self._stop.wait(0.2):
            for replica in self.replicas:
                try:
                    conn = http.client.HTTPConnection(replica.host, replica.port, timeout=2)
                    conn.request("GET", "/healthz")
                    status = conn.getresponse().status
                    conn.close()
                except (OSError, http.client.HTTPException):
                    status = 0
                self.health[replica.name] = status
                failed[replica.name] = failed[replica.name] + 1 if status in (0, 503) else 0
                if failed[replica.name] >= self.FALL:
                    replica.up = False
                elif failed[replica.name] == 0:
                    replica.up = True

    def close(self) -> None:
        self._stop.set()
        self._checker.join(timeout=5)


def _post(replica: Replica, body: bytes, headers: dict[str, str]) -> int:
    conn = http.client.HTTPConnection(replica.host, replica.port, timeout=ANSWER_WITHIN)
    try:
        conn.request("POST", "/slack/events", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def signed(body: str) -> tuple[bytes, dict[str, str]]:
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)
    return body.encode(), {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature or "",
    }


# -- one run ---------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    client: int
    command: Command
    sent: float
    status: int
    replica: str | None
    answer: Answer | None

    @property
    def latency_ms(self) -> float | None:
        return None if self.answer is None else (self.answer.at - self.sent) * 1000

    @property
    def failure(self) -> str | None:
        if self.status != 200:
            return "no replica took it" if self.status == 0 else f"HTTP {self.status}"
        if self.answer is None:
            return f"no answer in {ANSWER_WITHIN:.0f} s"
        if not self.command.expect(self.answer.texts[0]):
            return "error reply"
        return None

    @property
    def recorded(self) -> bool:
        """A write whose answer said it was recorded."""
        return self.command.write is not None and self.failure is None


@dataclass
class Run:
    label: str
    outcomes: list[Outcome]
    wall_s: float
    retries: int
    killed_at: float | None = None  # perf_counter of the SIGKILL
    killed: str | None = None
    health: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)  # connection errors the balancer met, by kind
    check: dict[str, Any] = field(default_factory=dict)  # what the registry holds afterwards
    overflows: int | None = None  # connections dropped on this machine because a listen queue was full
    busy: float | None = None  # share of the machine's CPU time in use during the run
    peak_mib: list[float] = field(default_factory=list)  # each surviving bot's peak resident memory


def drive(
    label: str, setup: Setup, balancer: Balancer, answers: Answers, work: list[list[Command]], *, kill: Replica | None
) -> Run:
    """Every client sends its commands one after the other, waiting for each answer (or 10 s)."""
    total = sum(len(w) for w in work)
    sent = itertools.count(1)
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    half = threading.Event()
    killed: list[float] = []

    def client(c: int) -> None:
        team = setup.teams[c]
        time.sleep(c * STAGGER)
        for command in work[c]:
            number, response_url = answers.path()
            body = slash_command(
                command.text,
                user_id=user_id(command.role, c),
                team_id=team,
                response_url=response_url,
                trigger_id=f"{number}.bench",
            )
            data, headers = signed(body)
            if next(sent) == total // 2:
                half.set()
            started = time.perf_counter()
            status, replica = balancer.post(data, headers)
            answer = answers.wait(number, started + ANSWER_WITHIN) if status == 200 else None
            with lock:
                outcomes.append(Outcome(c, command, started, status, replica, answer))

    def killer() -> None:
        half.wait()
        if kill is not None:
            os.kill(kill.proc.pid, signal.SIGKILL)
            killed.append(time.perf_counter())

    threads = [threading.Thread(target=client, args=(c,)) for c in range(len(work))]
    stopper = threading.Thread(target=killer, daemon=True)
    stopper.start()
    overflows, cpu = listen_overflows(), cpu_times()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    after, cpu_after = listen_overflows(), cpu_times()
    return Run(
        label,
        outcomes,
        wall,
        balancer.retries,
        killed_at=killed[0] if killed else None,
        killed=kill.name if kill is not None else None,
        health=dict(balancer.health),
        errors=dict(balancer.errors),
        overflows=None if overflows is None or after is None else after - overflows,
        busy=_busy(cpu, cpu_after),
    )


def cpu_times() -> tuple[int, int] | None:
    """(busy, all) clock ticks of every CPU since boot, from /proc/stat."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and waiting for I/O
    return sum(fields) - idle, sum(fields)


def _busy(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    if before is None or after is None or after[1] == before[1]:
        return None
    return (after[0] - before[0]) / (after[1] - before[1])


def listen_overflows() -> int | None:
    """The kernel's count of connections dropped because a listening socket's queue was full (TcpExt
    ListenOverflows in /proc/net/netstat): the client's SYN is retried after 1 s, which then shows in latency."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split()[1:], values.split()[1:], strict=False))
            return int(table["ListenOverflows"]) if "ListenOverflows" in table else None
    return None


def peak_rss_mib(pid: int) -> float | None:
    """A live process's peak resident memory (VmHWM), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def user_id(role: str, client: int) -> str:
    return f"U{client:02d}{role}"


# -- the processes ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def fake_slack(folder: Path) -> Iterator[str]:
    """tests/slack_fake.py in a process of its own (it answers the bots' Web API calls: auth.test, users.info,
    ...), so its work does not share this process's interpreter lock with the clients; yields its API URL."""
    code = (
        "import sys; sys.path.insert(0, 'tests'); from http.server import ThreadingHTTPServer; "
        "ThreadingHTTPServer.request_queue_size = 128; from slack_fake import FakeSlack; "
        "fake = FakeSlack().start(); print(fake.base_url, flush=True); sys.stdin.read()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bot_env(setup: Setup, api_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}
    env.update(PYTHONPATH=str(ROOT), SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api_url, DPA_DB=setup.db, **setup.env)
    return env


@contextlib.contextmanager
def replicas(count: int, env: dict[str, str], folder: Path) -> Iterator[list[Replica]]:
    """`count` bot.py --http processes on free loopback ports, all started before any is waited for."""
    started = []
    for i in range(count):
        log = folder / f"replica-{i + 1}-{time.monotonic_ns()}.log"
        command = [sys.executable, str(ROOT / "bot.py"), "--http", "--host", "127.0.0.1", "--port", "0"]
        with open(log, "w") as stderr:
            proc = subprocess.Popen(command, env=env, cwd=ROOT, stderr=stderr, stdout=subprocess.DEVNULL)
        started.append((f"replica {i + 1}", proc, log))
    try:
        out = []
        for name, proc, log in started:
            url = urlsplit(_served_at(log, proc))
            assert url.hostname is not None and url.port is not None
            out.append(Replica(name, url.hostname, url.port, proc))
        yield out
    finally:
        for _, proc, _ in started:
            if proc.poll() is None:
                proc.terminate()
        for _, proc, _ in started:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _served_at(log: Path, proc: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if "Serving Slack requests at" in line:
                return line.split(" at ")[1].strip()
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError(f"bot.py did not start:\n{log.read_text(errors='replace')[-2000:]}")


# -- the registries before and after ---------------------------------------------------------------------------


@dataclass
class Setup:
    """The registries of a run, which workspace each client is in, and the Slack settings that tell the bots."""

    label: str
    db: str  # a registry file, or a postgresql:// URL
    teams: list[str]  # each client's workspace (team id)
    env: dict[str, str]  # SLACK_BOT_TOKEN and DPA_DPO_USERS, or the OAuth client's id and secret
    schemas: dict[str, str | None]  # a workspace's registry's schema (None: the one registry of the URL or file)

    def open(self, team: str) -> Store:
        schema = self.schemas[team]
        return open_store(self.db) if schema is None else open_store(self.db, schema=schema)

    def seed(self) -> None:
        """The demo registry in each workspace's registry, as each privacy team would load it."""
        for team in self.schemas:
            store = self.open(team)
            try:
                load_demo(Registry(store, clock=lambda: datetime.now(UTC)), Actor("bench", "demo"))
            finally:
                store.close()


def one_registry(db: str, clients: int) -> Setup:
    """One company: one bot token, one registry, every client in the same workspace (one privacy team member
    each, all named in DPA_DPO_USERS)."""
    dpo = ",".join(user_id(DPO, c) for c in range(clients))
    env = {"SLACK_BOT_TOKEN": "xoxb-bench", "DPA_DPO_USERS": dpo}
    return Setup("one registry", db, [TEAM_ID] * clients, env, {TEAM_ID: None})


def many_workspaces(server: str, clients: int, workspaces: int) -> Setup:
    """A new database on the server with `workspaces` workspaces installed (each its own bot token, its installer
    its privacy team) through the installation store the bot reads, each with its registry in its own schema;
    client c is in workspace c mod `workspaces`."""
    from slack_sdk.oauth.installation_store import Installation

    from chat.slack.installations import PgInstallationStore, create_tables
    from chat.slack.tenants import schema_for
    from registry.engines import open_pool

    db = new_database(server)
    teams = [f"TBENCH{c % workspaces:02d}" for c in range(clients)]
    pool = open_pool(db)
    try:
        create_tables(pool)
        installations = PgInstallationStore(pool, client_id=CLIENT_ID)
        for c in range(min(clients, workspaces)):
            installations.save(
                Installation(
                    app_id="A123",
                    team_id=teams[c],
                    user_id=user_id(DPO, c),
                    bot_token=f"xoxb-bench-{teams[c].lower()}",
                    bot_id="BBOT",
                    bot_user_id="UBOT",
                    bot_scopes=["commands", "chat:write"],
                )
            )
    finally:
        pool.close()
    env = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": "bench-client-secret"}
    label = f"{len(set(teams))} workspaces"
    return Setup(label, db, teams, env, {team: schema_for(team) for team in dict.fromkeys(teams)})


_databases = itertools.count(1)


def new_database(server: str) -> str:
    """A URL to a new, empty database on the server (many workspaces' tables live in one database)."""
    import psycopg

    name = f"bench_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    head, _, _ = server.rpartition("/")
    return f"{head}/{name}"


READER = "bench_reader"  # a database user that may only read the registries' tables


def reader_url(setup: Setup) -> str | None:
    """The set-up's URL as READER, a user granted SELECT on each registry's tables and nothing else of them (and
    CREATE on the database, which a workspace's store asks for before it opens its schema): the check afterwards
    cannot change what it checks. None for the file, or a server whose URL names a user with a password."""
    import psycopg

    parts = urlsplit(setup.db)
    if parts.scheme not in ("postgresql", "postgres") or parts.password or "@" not in parts.netloc:
        return None
    with psycopg.connect(setup.db, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER,)).fetchone():
            conn.execute(f"CREATE ROLE {READER} LOGIN")
        conn.execute(f"GRANT CREATE ON DATABASE {parts.path.lstrip('/')} TO {READER}")
        for schema in setup.schemas.values():
            schema = schema or re.search(r"search_path%3D(\w+)", setup.db)[1]  # type: ignore[index]
            conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {READER}")
            conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {READER}")
    return parts._replace(netloc=f"{READER}@{parts.netloc.split('@', 1)[1]}").geturl()


def stored_writes(setup: Setup, team: str, url: str | None) -> tuple[Counter[str], Counter[str]]:
    """How many times each party name, and each processor's engagement for the controller, is in a workspace's
    registry: read through the store API, as another process opens it (as READER at `url` when given, which the
    store opens read-only; the file is closed without a checkpoint, so nothing is written either)."""
    schema = setup.schemas[team]
    store = setup.open(team) if url is None else open_store(url, **({"schema": schema} if schema else {}))
    if url is not None and not store.read_only:
        store.close()
        raise RuntimeError(f"The registry of {team} opened as {READER} is not read-only")
    try:
        registry = Registry(store, clock=lambda: datetime.now(UTC))
        with registry.reading():
            parties = Counter(p.name for p in registry.all(Party))
            engagements = Counter(
                registry.name_of(e.processor)
                for e in registry.all(Engagement)
                if CONTROLLER in {registry.name_of(c) for c in e.controllers}
            )
    finally:
        store.close(checkpoint=False)
    return parties, engagements


def check(run: Run, setup: Setup) -> None:
    """Every write looked up in its workspace's registry: answered as recorded and there once; lost; duplicated;
    and whether any reached another workspace's registry."""
    found = {}
    url = reader_url(setup)
    for team in setup.schemas:
        parties, engagements = stored_writes(setup, team, url)
        found[team] = {"party": parties, "engagement": engagements}
    lost, duplicated = [], []
    unrecorded = Counter[tuple[bool, bool]]()  # writes not answered as recorded: (an error reply?, stored?)
    for o in run.outcomes:
        if o.command.write is None:
            continue
        kind, name = o.command.write
        n = found[setup.teams[o.client]][kind][name]
        if n > 1:
            duplicated.append(name)
        elif o.recorded and n == 0:
            lost.append(name)
        elif not o.recorded:
            unrecorded[(o.failure == "error reply", n == 1)] += 1
    sent = {(setup.teams[o.client], o.command.write) for o in run.outcomes if o.command.write is not None}
    strays = [
        name
        for team, tables in found.items()
        for name in tables["party"]
        if name.startswith("Bench C") and (team, ("party", name)) not in sent
    ]
    after_kill = [o for o in run.outcomes if run.killed_at is not None and o.sent > run.killed_at]
    run.check = {
        "read only": url is not None,
        "writes": sum(o.command.write is not None for o in run.outcomes),
        "recorded": sum(o.recorded for o in run.outcomes),
        "lost": lost,
        "duplicated": sorted(set(duplicated)),
        "no answer, stored": unrecorded[(False, True)],
        "no answer, not stored": unrecorded[(False, False)],
        "error reply, stored": unrecorded[(True, True)],  # e.g. sent again after the replica that made it died
        "strays": strays,  # in a registry where no client sent it: another workspace's, or nobody's
        "after kill": len(after_kill),
        "after kill unanswered": sum(o.failure not in (None, "error reply") for o in after_kill),
        "after kill error replies": sum(o.failure == "error reply" for o in after_kill),
        # error replies about a party whose `party add` the killed replica took and never made: right answers
        "after kill on a dropped write": sum(o.failure == "error reply" and _dropped(o, run) for o in after_kill),
        "after kill by the killed": sum(o.replica == run.killed for o in after_kill),
    }


def _dropped(o: Outcome, run: Run) -> bool:
    """Whether `o` names a party whose `party add`, earlier from the same client, got no answer."""
    earlier = [p for p in run.outcomes if p.client == o.client and p.sent < o.sent and p.failure is not None]
    names = [p.command.write[1] for p in earlier if p.command.write and p.command.write[0] == "party"]
    return any(f'"{name}"' in o.command.text for name in names)


# -- the runs --------------------------------------------------------------------------------------------------


def run_bots(
    label: str,
    setup: Setup,
    folder: Path,
    api_url: str,
    answers: Answers,
    work: list[list[Command]],
    *,
    count: int,
    kill: bool,
) -> Run:
    """`count` bots on the set-up's registries under the clients' load (one killed half-way when `kill`), then
    every write checked in the registries."""
    setup.seed()
    with replicas(count, bot_env(setup, api_url), folder) as started:
        warm_up(started, setup, answers)
        balancer = Balancer(started)
        try:
            run = drive(label, setup, balancer, answers, work, kill=started[-1] if kill else None)
        finally:
            balancer.close()
        run.peak_mib = [mib for r in started if (mib := peak_rss_mib(r.proc.pid)) is not None]
    check(run, setup)
    return run


def warm_up(started: list[Replica], setup: Setup, answers: Answers) -> None:
    """A few reads through each replica in each workspace before the clock starts: Bolt's first auth.test, the
    registry's opening, the first review, the question model's loading."""
    for replica in started:
        for team in setup.schemas:
            c = setup.teams.index(team)
            for text, expect in WARM_UP:
                number, response_url = answers.path()
                body = slash_command(text, user_id=user_id(DPO, c), team_id=team, response_url=response_url)
                data, headers = signed(body)
                began = time.perf_counter()
                answer = answers.wait(number, began + 30) if _post(replica, data, headers) == 200 else None
                if answer is None or not expect(answer.texts[0]):
                    said = answer.texts[0][:300] if answer else "nothing"
                    raise RuntimeError(f"{replica.name} answered its warm-up `{text}` in {team} with {said}")


# -- the report ------------------------------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def ms(x: float) -> str:
    return "–" if x != x else f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def summary(run: Run) -> dict[str, Any]:
    latencies = [o.latency_ms for o in run.outcomes if o.latency_ms is not None]
    reads = [o.latency_ms for o in run.outcomes if o.latency_ms is not None and o.command.write is None]
    writes = [o.latency_ms for o in run.outcomes if o.latency_ms is not None and o.command.write is not None]
    failures = Counter(f for o in run.outcomes if (f := o.failure) is not None)
    return {
        "n": len(run.outcomes),
        "per_s": len(run.outcomes) / run.wall_s,
        "all": (quantile(latencies, 0.5), quantile(latencies, 0.99)),
        "reads": (quantile(reads, 0.5), quantile(reads, 0.99)),
        "writes": (quantile(writes, 0.5), quantile(writes, 0.99)),
        "failures": failures,
    }


def table(runs: list[Run]) -> list[str]:
    out = [
        "| run | commands | per second | all p50 / p99 | reads p50 / p99 | writes p50 / p99 | failed | "
        "writes recorded | lost | duplicated | listen queue overflows | CPU busy | bot peak RSS (MiB) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        s, c = summary(run), run.check
        failed = sum(s["failures"].values())
        why = ", ".join(f"{n} {what}" for what, n in s["failures"].most_common())
        out.append(
            f"| {run.label} | {s['n']:,} | {s['per_s']:.0f} | {ms(s['all'][0])} / {ms(s['all'][1])} | "
            f"{ms(s['reads'][0])} / {ms(s['reads'][1])} | {ms(s['writes'][0])} / {ms(s['writes'][1])} | "
            f"{failed}{f' ({why})' if why else ''} | {c['recorded']:,} of {c['writes']:,} | {len(c['lost'])} | "
            f"{len(c['duplicated'])} | {'–' if run.overflows is None else f'{run.overflows:,}'} | "
            f"{'–' if run.busy is None else f'{run.busy:.0%}'} | "
            f"{', '.join(f'{mib:.0f}' for mib in run.peak_mib) or '–'} |"
        )
    return out


def read_after_write(run: Run) -> tuple[int, int]:
    """Of the `who` each client sends right after its recorded `party add`: how many another replica answered
    than the one that made the add, and how many of those found the party."""
    other = found = 0
    for c in {o.client for o in run.outcomes}:
        mine = sorted((o for o in run.outcomes if o.client == c), key=lambda o: o.sent)
        for add, who in itertools.pairwise(mine):
            after_add = add.recorded and add.command.kind == "party add" and who.command.kind == "who (new party)"
            if after_add and who.replica is not None and who.replica != add.replica:
                other += 1
                found += who.failure is None
    return other, found


def seen_lines(runs: list[Run]) -> list[str]:
    out = []
    for run in runs:
        other, found = read_after_write(run)
        if other and run.killed is None:
            verdict = "is seen by the other at once" if found == other else "is NOT always seen by the other at once"
            out.append(
                f'A change made through one replica {verdict}: in "{run.label}", {found} of the {other} `who` of '
                "a party just added that the other replica answered found it."
            )
    return out


def by_kind(runs: list[Run]) -> list[str]:
    """p50 / p99 of each kind of command, one column a run."""
    kinds = list(dict.fromkeys(o.command.kind for o in runs[0].outcomes))
    out = ["| command | " + " | ".join(r.label for r in runs) + " |", "| --- |" + " --- |" * len(runs)]
    for kind in sorted(kinds, key=lambda k: [c.kind for c in cycle(0, 0)].index(k)):
        cells = []
        for run in runs:
            times = [o.latency_ms for o in run.outcomes if o.command.kind == kind and o.latency_ms is not None]
            cells.append(f"{ms(quantile(times, 0.5))} / {ms(quantile(times, 0.99))}")
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    return out


def failure_samples(run: Run, most: int = 5) -> list[str]:
    """A few failed commands with the start of their answer, to see why (the bench's own data only)."""
    out = []
    for o in run.outcomes:
        if o.failure is not None and len(out) < most:
            said = o.answer.texts[0][:160] if o.answer else ""
            out.append(f"  {o.failure}: {o.command.text[:60]!r} via {o.replica}: {said!r}")
    return out


def kill_lines(run: Run) -> list[str]:
    c = run.check
    killed_at = run.killed_at or 0.0
    first = min(o.sent for o in run.outcomes)
    dropped = [o for o in run.outcomes if o.replica == run.killed and o.sent <= killed_at and o.failure]
    errors = ", ".join(f"{n} {kind}" for kind, n in sorted(run.errors.items())) or "none"
    health = ", ".join(f"{name}: {status or 'no connection'}" for name, status in sorted(run.health.items()))
    out = [
        f"- {run.killed} got SIGKILL {killed_at - first:.1f} s into the run, when half the commands were sent. The "
        f"balancer met {sum(run.errors.values())} connection errors ({errors}) and sent each of those requests to "
        f"the other replica; the health checks last saw {health or 'nothing'}.",
        f"- The survivor took {c['after kill'] - c['after kill by the killed']:,} of the {c['after kill']:,} "
        f"commands sent after the kill and left {c['after kill unanswered']} unanswered; "
        + (
            f"{c['after kill error replies']} of its answers were errors, {c['after kill on a dropped write']} of "
            "them rightly (`who` or `engage` of a party whose `party add` the killed replica had taken and never "
            "made)."
            if c["after kill error replies"]
            else "none of its answers was an error."
        ),
    ]
    if dropped:
        writes = sum(o.command.write is not None for o in dropped)
        out.append(
            "- The bot acknowledges a slash command (HTTP 200) before working on it, as Slack wants within 3 s: "
            f"{len(dropped)} commands the killed replica had acknowledged died with it unanswered ({writes} of them "
            f"writes; of all unanswered writes {c['no answer, stored']} had been committed, "
            f"{c['no answer, not stored']} not). Slack does not send an acknowledged command again: its user sees "
            "no answer and types it again. The clients' 10 s waits for these answers lower the run's rate."
        )
    if c["error reply, stored"]:
        out.append(
            f"- {c['error reply, stored']} writes were committed by the killed replica before it could answer the "
            "HTTP request; the balancer sent them again to the survivor, which answered that the party or "
            "engagement was already there: each is in the registry once. (A balancer that does not resend a POST it "
            "has sent, as nginx by default, would leave these unanswered instead.)"
        )
    return [
        *out,
        f"- In the registries afterwards: {len(c['lost'])} writes answered as recorded are missing, "
        f"{len(c['duplicated'])} are there twice, and {len(c['strays'])} parties are in a registry whose "
        "workspace never sent them.",
    ]


def fsync_ms(folder: Path) -> float:
    """The median time of a 1 KB write and fsync in `folder`: what a durable commit costs this disk at least."""
    path = folder / "fsync.probe"
    times = []
    with open(path, "wb") as f:
        for _ in range(50):
            f.write(b"x" * 1024)
            began = time.perf_counter()
            os.fsync(f.fileno())
            times.append((time.perf_counter() - began) * 1000)
    path.unlink()
    return quantile(times, 0.5)


def report(runs: list[Run], args: argparse.Namespace, facts: dict[str, Any]) -> list[str]:
    kill = next((r for r in runs if r.killed), None)
    lines = [
        SECTION.format(mode=facts["workspaces"]),
        "",
        f"Written by `make bench` (`python bench/bench_replicas.py`) on {facts['when']:%Y-%m-%d %H:%M} UTC, at "
        f"commit {facts['commit']}.",
        "",
        f"- Machine: {facts['machine']}; {os.cpu_count()} cores, shared by everything below (load average "
        f"{facts['load'][0]} at start, {facts['load'][1]} at end).",
        f"- Load: {args.commands:,} signed `/dpa` slash commands per run from {args.clients} concurrent clients "
        f"(started {STAGGER * 1000:.0f} ms apart), each sending its next command when the answer to its last has "
        "arrived (or after 10 s). 30% writes, each "
        "unique (`party add` of a party named for the client and round, twice a round, and `engage` of it), 70% "
        "reads (`who` of the party just added, `review`, `party list`, `who IWMAC`, `dpa list`, `ask` in English "
        "and in Norwegian). Every registry holds the demo at the start.",
        f"- Registries on PostgreSQL: **{facts['workspaces']}**"
        + (
            " (installed through the installation store the bot reads, each with its own bot token, the installer "
            "its privacy team; client c in workspace c, each registry in its own schema)."
            if facts["workspaces"] != "one registry"
            else " (one bot token, every client in the same workspace)."
        )
        + " The file run is the one-machine default: one process, one registry file.",
        f"- On loopback, on this machine: PostgreSQL {facts['pg_version']} from `tests/pg_server.py` "
        f"({facts['pg_note']}); the bots as `bot.py --http` processes; the fake Slack Web API "
        "(`tests/slack_fake.py`) in a process of its own; and in the bench's process the clients, a round-robin "
        "balancer (a connection error marks a replica down and the request goes to the other; `GET /healthz` "
        "every 0.2 s, three failures mark it down) and the server that receives each command's response_url POST.",
        "- Latency in ms: from sending the request to its answer arriving at its response_url. Failed: the "
        "balancer got no 200 from any replica, no answer came within 10 s, or the answer is not the expected one "
        "(an error reply). Writes recorded: answered as recorded. Lost: answered as recorded but not in the "
        "registry afterwards; duplicated: there twice (each write looked up after the run in its workspace's "
        "registry, through the store API, as a database user that may only read: the store opens it read-only). Listen queue overflows: connections the kernel dropped because a bot's "
        "listen queue was full (TcpExt ListenOverflows; the client retries after 1 s). CPU busy: of both cores. "
        "Bot peak RSS: VmHWM of each bot process still running at the end.",
        "",
        *table(runs),
        "",
        *seen_lines(runs),
        "",
        "Each kind of command, p50 / p99 in ms:",
        "",
        *by_kind(runs),
        "",
    ]
    if kill is not None:
        lines += ["The kill:", "", *kill_lines(kill), ""]
    return [*lines, "What the numbers mean:", "", *meaning(runs, facts)]


def meaning(runs: list[Run], facts: dict[str, Any]) -> list[str]:
    out = []
    overflowed = [r for r in runs if r.overflows]
    if overflowed:
        out.append(
            "- A p99 near 1,000 ms is the kernel, not the registry: when more clients connect at once than a bot's "
            "listen queue holds (`request_queue_size` in `chat/slack/http.py`), the kernel drops the excess and the "
            "client tries again 1 s later (overflows: "
            + "; ".join(f"{r.label} {r.overflows}" for r in overflowed)
            + ")."
            + (
                " Now and then such a connection is reset instead, and with one process there is no other replica "
                'to send it to: the command fails ("no replica took it").'
                if any(o.status == 0 for r in runs for o in r.outcomes)
                else ""
            )
        )
    busy = "; ".join(f"{r.label} {r.busy:.0%}" for r in runs if r.busy is not None)
    out += [
        "- The runs on PostgreSQL do more work per command than the file: every read asks the database whether "
        "another process has committed since (one round trip), and each write is a PostgreSQL transaction under an "
        "advisory lock. A second replica adds capacity only as far as the cores have time left (CPU busy: "
        f"{busy}).",
        f"- The file registry fsyncs each commit ({facts['fsync_ms']:.2f} ms for a 1 KB write and fsync on this "
        f"disk at p50); the throwaway PostgreSQL runs with {facts['pg_note']}, which on a disk this fast changes "
        "little; a production server on a slower disk pays its WAL flush on each write.",
        "- The load generator, the fake Slack API and PostgreSQL share the two cores with the bots: the numbers "
        "are what this one machine does with all of it at once, not a server's capacity. Other work shared the "
        "machine too (the load average above): the same run minutes later moves p50 by up to a third and can swap "
        "the order of the two PostgreSQL rows without a kill; compare within one table.",
    ]
    return out


def write_section(path: Path, lines: list[str]) -> None:
    """Replace this bench's section of BENCHMARKS.md for the same mode (its heading is the first line), or add it
    at the end; the other sections stay."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = "\n".join(lines) + "\n"
    heading = lines[0]
    start = text.find(heading + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        following = MARKER.search(text, start + len(heading))
        end = following.start() if following else len(text)
        text = text[:start] + section + ("\n" + text[end:] if following else "")
    path.write_text(text, encoding="utf-8")


def commit() -> str:
    """The checkout's commit, marked when files differ from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(  # BENCHMARKS.md is what the bench writes: not a change to what it measures
            ["git", "status", "--porcelain", "--", ".", ":!BENCHMARKS.md"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    name = head.stdout.strip() or "unknown (not a git checkout)"
    return name + (" with changes not committed" if dirty.stdout.strip() else "")


def pg_facts(url: str) -> tuple[str, str]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        fsync = conn.execute("SHOW fsync").fetchone()
    return (version[0] if version else "?"), f"fsync={fsync[0] if fsync else '?'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commands", type=int, help="slash commands per run (default 2000; --quick 200)")
    parser.add_argument("--clients", type=int, help="concurrent clients (default 20; --quick 5)")
    parser.add_argument("--quick", action="store_true", help="a smaller run, printed, BENCHMARKS.md left alone")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md", help="where the section is written")
    parser.add_argument("--show", type=int, default=5, help="failed commands to print per run (to stderr)")
    parser.add_argument(
        "--workspaces",
        type=int,
        help="workspaces on PostgreSQL, each installed with its own registry (default 20, "
        "--quick 5); 1: one bot token and one registry, as one company runs it",
    )
    parser.add_argument("--commit", help="what code was measured, when not this checkout's commit")
    parser.add_argument("--no-write", action="store_true", help="print the section only")
    args = parser.parse_args(argv)
    args.commands = args.commands or (200 if args.quick else 2000)
    args.clients = args.clients or (5 if args.quick else 20)
    args.workspaces = args.workspaces or args.clients
    if args.clients < 1 or args.commands < 2 * args.clients:
        parser.error("--commands must be at least twice --clients, and --clients at least 1")
    if not 1 <= args.workspaces <= args.clients:
        parser.error("--workspaces must be from 1 to the number of clients")
    if args.workspaces > 1 and not (ROOT / "chat" / "slack" / "installations.py").exists():
        parser.error("this checkout has no many-workspace mode (chat/slack/installations.py): use --workspaces 1")
    work = plan(args.clients, args.commands)
    facts: dict[str, Any] = {"when": datetime.now(UTC), "machine": machine(), "commit": args.commit or commit()}
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="bench-replicas-"))
    answers = Answers()
    runs = []
    try:
        with fake_slack(folder) as api_url, pg_server.server() as (url, why):
            if url is None:
                print(f"No PostgreSQL here: {why}", file=sys.stderr)
                return 2
            facts["pg_version"], facts["pg_note"] = pg_facts(url)
            facts["fsync_ms"] = fsync_ms(folder)
            server = url

            def postgres() -> Setup:
                if args.workspaces == 1:
                    return one_registry(pg_server.fresh_registry(server), args.clients)
                return many_workspaces(server, args.clients, args.workspaces)

            file = one_registry(str(folder / "registry.json"), args.clients)
            facts["workspaces"] = postgres().label  # (an empty database, to name the mode)
            for label, setup, count, kill in (
                ("file, one process", file, 1, False),
                ("PostgreSQL, one replica", postgres(), 1, False),
                ("PostgreSQL, two replicas", postgres(), 2, False),
                ("PostgreSQL, two replicas, one killed half-way", postgres(), 2, True),
            ):
                print(f"... {label}, {setup.label}", file=sys.stderr, flush=True)
                runs.append(run_bots(label, setup, folder, api_url, answers, work, count=count, kill=kill))
                print("\n".join(table(runs[-1:]) + failure_samples(runs[-1], args.show)), file=sys.stderr, flush=True)
                print(f"  balancer: {runs[-1].errors}", file=sys.stderr, flush=True)
    except RuntimeError as exc:  # a bot that did not start or answer its warm-up: its log is kept in `folder`
        print(f"Stopped: {exc}\nThe bots' logs are in {folder}.", file=sys.stderr)
        return 2
    finally:
        answers.close()
    shutil.rmtree(folder, ignore_errors=True)
    facts["load"] = tuple("/".join(f"{x:.1f}" for x in load) for load in (load_before, os.getloadavg()))
    lines = report(runs, args, facts)
    print("\n".join(lines))
    if not (args.quick or args.no_write):
        write_section(args.out, lines)
    bad = [r.label for r in runs if r.check["lost"] or r.check["duplicated"] or r.check["strays"]]
    bad += [
        r.label
        for r in runs
        if r.killed
        and (
            r.check["after kill unanswered"]
            or r.check["after kill error replies"] > r.check["after kill on a dropped write"]
        )
    ]
    if bad:
        print(f"Lost, duplicated or unanswered after the kill: {', '.join(bad)}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
