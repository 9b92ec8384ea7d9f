"""Resident memory of a bot process, stage by stage; run by bench_e2e.py in a fresh interpreter.

    python bench/bench_rss.py REGISTRY_FILE NAME

Imports the bot (bot.py and the Slack app), opens the registry file, answers `who NAME` and `review` through
the dispatcher, and prints one JSON object: VmRSS (MiB) after each stage, and VmHWM (the peak) at the end.
Read from /proc/self/status; nothing is imported before the first reading but the standard library.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def status(key: str) -> float:
    """A /proc/self/status memory line (VmRSS, VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def main(argv: list[str]) -> int:
    db, name = Path(argv[0]), argv[1]
    out = {"interpreter": status("VmRSS")}
    import bot  # (the bot's own imports: registry, chat, inquiries, agreements, ...)
    import chat.slack.app  # noqa: F401  (and the Slack app it runs)
    from chat import Context, Services, dispatch
    from registry.registry import Registry
    from registry.store import Store

    out["imported the bot"] = status("VmRSS")
    store = Store(db)
    registry = Registry(store, clock=bot.Settings.load([], {}).clock())
    services = Services(registry=registry)
    out["opened the registry"] = status("VmRSS")
    for line in (f'who "{name}"', "review"):
        reply = dispatch(Context(services=services, user="U0BENCH", line=line), line)
        assert reply.ok, reply.text
        out[f"answered {line.split()[0]}"] = status("VmRSS")
    out["peak (VmHWM)"] = status("VmHWM")
    store.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
