"""Benchmark of DPA generation: one controller, one processor with 50 sub-processors (some outside the EEA).

    python bench/bench_dpa.py [--subs 50] [--runs 30]

Times `agreements.generate.generate` end to end (registry facts, review flags, filling the real template,
saving the .docx bytes, recording the draft) for each language, after one warm-up, and prints p50/p99 in ms.
Target: under 300 ms with 50 sub-processors (p99); the exit status is 1 when it is missed.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import machine, stats

from agreements.generate import Generated, generate
from agreements.values import DpaOptions
from registry.models import Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Actor, Registry
from registry.review import ReviewSettings
from registry.store import Store

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 300.0
COUNTRIES = ["NO", "SE", "IE", "DE", "US", "GB", "IN"]


def build(subs: int) -> tuple[Registry, Party, Party]:
    registry = Registry(Store(None), clock=lambda: datetime(2026, 11, 22, 12, tzinfo=UTC))
    actor = Actor("bench", "build")
    with registry.change(actor) as w:
        controller = w.insert(
            Party(name="Kunde AS", orgnr="925813745", country="NO", address="Storgata 1, 0155 Oslo", email="p@kunde.no")
        )
        processor = w.insert(
            Party(
                name="Leverandør AS",
                orgnr="921183739",
                country="NO",
                address="Brugata 7, 2380 Brumunddal",
                email="privacy@lev.no",
                dpo="dpo@lev.no",
                measures=[f"Measure {i}" for i in range(12)],
            )
        )
        w.insert(
            Engagement(
                processor=processor.id or 0,
                controllers=[controller.id or 0],
                purpose="Drift av kundeportal",
                data=["navn", "e-post", "telefon", "adresse"],
                subjects=["kunder", "ansatte"],
                start=date(2024, 1, 1),
            )
        )
        for i in range(subs):
            country = COUNTRIES[i % len(COUNTRIES)]
            sub = w.insert(Party(name=f"Underleverandør {i:02d} Ltd", country=country, address=f"Street {i}"))
            w.insert(
                SubprocessorLink(
                    processor=processor.id or 0,
                    sub=sub.id or 0,
                    service=f"Service {i}",
                    countries=[country],
                    authorisation="general",
                    added=date(2024, 1, 1),
                )
            )
            if country in ("US", "IN"):
                w.insert(
                    Transfer(
                        exporter=processor.id or 0,
                        importer=sub.id or 0,
                        country=country,
                        mechanism="scc-2021",
                        module=3,
                        tia=date(2026, 1, 10),
                    )
                )
            elif country == "GB":
                w.insert(Transfer(exporter=processor.id or 0, importer=sub.id or 0, country="GB", mechanism="adequacy"))
    return registry, controller, processor


def generate_dpa(registry: Registry, controller: Party, processor: Party, lang: str) -> Generated:
    """One `dpa generate` as the command runs it, with the repository's templates."""
    return generate(
        registry,
        Actor("bench", "dpa generate"),
        controller,
        processor,
        options=DpaOptions(lang=lang),
        templates=ROOT / "templates",
        settings=ReviewSettings(),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subs", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    registry, controller, processor = build(args.subs)
    print(f"machine: {machine()}")
    print(f"DPA with {args.subs} sub-processors, {args.runs} runs per language after one warm-up")
    worst = 0.0
    for lang in ("nb", "en"):
        samples, size = [], 0
        for i in range(args.runs + 1):
            start = time.perf_counter()
            made = generate_dpa(registry, controller, processor, lang)
            if i:
                samples.append((time.perf_counter() - start) * 1000)
            size = len(made.content)
        s = stats(samples)
        worst = max(worst, s["p99"])
        print(f"  {lang}: p50 {s['p50']:.0f} ms, p99 {s['p99']:.0f} ms, max {s['max']:.0f} ms; {size / 1024:.0f} KiB")
    met = worst < TARGET_MS
    print(f"target p99 < {TARGET_MS:.0f} ms: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
