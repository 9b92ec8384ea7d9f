"""End-to-end benchmarks for bench_all.py: Slack (Bolt) requests, inquiry intake, DPA generation, cold start
and resident memory. Each comes with a baseline measured in the same run (see each function)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dpa import build as build_dpa
from bench_dpa import generate_dpa
from bench_sizes import NOW, Row, run, sample
from slack_fake import FakeSlack
from slack_requests import signed_request, slash_command

from chat import Context, Services, dispatch
from chat.slack.app import build_app
from chat.slack.rights import DpoRights
from chat.slack.services import SlackServices
from inquiries.classify import classify
from registry.registry import Registry
from registry.store import Store

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret"
DPO, EMPLOYEE = "U_DPO", "U_EMP"
CORPUS = ROOT / "tests" / "data" / "inquiries.jsonl"


def demo_registry(folder: Path, name: str) -> tuple[Store, Registry]:
    """A file-backed registry with the demo loaded by the `demo` command."""
    store = Store(folder / name)
    registry = Registry(store, clock=lambda: NOW)
    run(Services(registry=registry), "demo")
    return store, registry


def bolt_who(registry: Registry, names: list[str], runs: int) -> list[float]:
    """Signed `/dpa who NAME` requests through the real Bolt app (process_before_response=True, as the tests
    build it), timed from app.dispatch until the fake Slack API has recorded the response_url POST."""
    with FakeSlack() as fake:
        slack = SlackServices(services=Services(registry=registry), dpo=DpoRights.from_setting(DPO))
        app = build_app(
            slack, token="xoxb-test", signing_secret=SECRET, client=fake.client(), process_before_response=True
        )
        out = []
        for i in range(runs + 2):  # two warm-ups: Bolt calls auth.test on its first request
            name = names[(i * 7919) % len(names)]
            request = signed_request(
                slash_command(f'who "{name}"', user_id=EMPLOYEE, response_url=fake.response_url), secret=SECRET
            )
            fake.clear()
            started = time.perf_counter_ns()
            response = app.dispatch(request)
            [reply] = fake.wait_for("response_url")
            elapsed = (time.perf_counter_ns() - started) / 1e6
            assert response.status == 200 and name in reply.params["text"], reply.params
            if i >= 2:
                out.append(elapsed)
    return out


def bench_bolt(folder: Path, registry: Registry, names: list[str], runs: int) -> Row:
    """Bolt `who` on the N-party registry; baseline: the same requests on the demo registry (6 parties)."""
    ours = bolt_who(registry, names, runs)
    store, demo = demo_registry(folder, "bolt-demo.json")
    try:
        base = bolt_who(demo, ["IWMAC", "Septer", "Bouvet"], runs)
    finally:
        store.close()
    return Row("Bolt: signed /dpa who NAME to response_url", ours, base, "same on the demo registry", target_ms=100.0)


def bench_inquiries(folder: Path, passes: int) -> tuple[Row, dict[str, float]]:
    """`inquiry new TEXT` for every corpus item, through dispatch, into a file-backed demo registry;
    baseline: classify() alone on the same texts (the part that is not the registry write)."""
    items = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [item["text"] for item in items]
    store, registry = demo_registry(folder, "inquiries.json")
    services = Services(registry=registry)
    try:
        run(services, "inquiry new " + texts[0])  # warm-up (dateparser's first call)
        ours: list[float] = []
        refused = 0
        started = time.perf_counter()
        for _ in range(passes):
            for text in texts:
                line = "inquiry new " + text
                t0 = time.perf_counter_ns()
                reply = dispatch(Context(services=services, user=DPO, line=line), line)
                ours.append((time.perf_counter_ns() - t0) / 1e6)
                refused += not reply.ok  # e.g. a receipt date the bot cannot read: it asks instead
        wall = time.perf_counter() - started
    finally:
        store.close()
    base = [t for _ in range(passes) for text in texts for t in sample(lambda text=text: classify(text), 1, budget_s=0)]
    facts = {"items": len(texts), "calls": len(ours), "per_second": len(ours) / wall, "refused": refused}
    facts["classify_per_second"] = len(base) / (sum(base) / 1000)
    return Row("inquiry new (corpus) through dispatch", ours, base, "classify() alone"), facts


def bench_dpa(runs: int) -> list[Row]:
    """DPA generation (bench_dpa.py's registry) with 50 sub-processors; baseline: with none."""

    def times(subs: int, lang: str) -> list[float]:
        registry, controller, processor = build_dpa(subs)

        def make() -> None:
            generate_dpa(registry, controller, processor, lang)

        make()  # warm-up
        return sample(make, runs, budget_s=60)

    return [
        Row(f"DPA generate, 50 sub-processors ({lang})", times(50, lang), times(0, lang), "no sub-processors", 300.0)
        for lang in ("nb", "en")
    ]


def bot_env() -> dict[str, str]:
    """The environment without Slack tokens or a registry path, so bot.py runs the console on --db."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DPA_"))}


def first_reply_ms(db: Path, line: str) -> float:
    """Start `bot.py --console --db DB`, pipe one command; ms until its first reply line is printed."""
    started = time.perf_counter_ns()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bot.py"), "--console", "--db", str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=bot_env(),
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line.encode() + b"\n")
    proc.stdin.close()
    reply = proc.stdout.readline()
    elapsed = (time.perf_counter_ns() - started) / 1e6
    proc.stdout.read()
    proc.wait(timeout=120)
    assert reply, f"no reply from bot.py for {line!r}"
    return elapsed


def process_ms(code: str) -> float:
    started = time.perf_counter_ns()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=bot_env(), check=True)
    return (time.perf_counter_ns() - started) / 1e6


def bench_cold_start(folder: Path, db: Path, name: str, runs: int) -> list[Row]:
    """Process start to first printed reply, on an N-party registry and on an empty one (a new file each
    run); baselines: a bare interpreter, and importing bot.py (no registry)."""
    copy = folder / "cold-start.json"
    shutil.copyfile(db, copy)
    empty = [folder / f"cold-empty-{i}" / "registry.json" for i in range(runs)]
    for path in empty:
        path.parent.mkdir()
    bare, imports, full, blank = [], [], [], []
    for path in empty:  # interleaved, so that other work on the machine weighs on all four alike
        bare.append(process_ms("pass"))
        imports.append(process_ms("import bot"))
        full.append(first_reply_ms(copy, f'who "{name}"'))
        blank.append(first_reply_ms(path, "who Nobody"))
    size = f"{int(db.stem.split('-')[-1]):,}"
    return [
        Row(f"cold start: `who` on {size} parties", full, imports, "python -c 'import bot'"),
        Row("cold start: `who` on an empty registry", blank, bare, "python -c pass"),
    ]


def bench_rss(db: Path, name: str) -> dict[str, float]:
    """VmRSS (MiB) of a fresh process at each stage (bench_rss.py): import, open, who, review."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_rss.py"), str(db), name],
        cwd=ROOT,
        env=bot_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)
