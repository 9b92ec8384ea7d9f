"""Language detectors side by side on labelled inquiries: accuracy overall, per language, on short texts, speed.

    python bench/bench_language.py [--corpus FILE ...] [--only NAME ...] [--markdown]

Every file is JSON lines with `text` and `lang` (or `language`). The default files are the real corpus in
../shared, the extra real texts in ../corpus-extra when present, and the repository's own labelled texts.
A candidate whose library is not installed is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LANGS = ("nb", "nn", "en", "sv", "da", "de", "fr")
SHORT = 60  # characters: a one-liner
DEFAULT_FILES = (
    ROOT / ".." / "shared" / "corpus" / "inquiries" / "corpus.jsonl",
    ROOT / ".." / "corpus-extra" / "inquiries-extra.jsonl",
    ROOT / "tests" / "data" / "inquiries.jsonl",
    ROOT / "tests" / "data" / "inquiries_ours.jsonl",
)

Detector = Callable[[str], str]


def load(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [(r["text"], r.get("lang") or r["language"]) for r in rows]


def candidates() -> dict[str, Callable[[], Detector]]:
    """Each candidate is built lazily, so its load time can be measured and a missing library skipped."""

    def ours() -> Detector:
        from text.language import detect

        return detect

    def py3langid_all() -> Detector:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        return lambda t: {"no": "nb"}.get(lang := ident.classify(t)[0], lang)

    def py3langid_seven() -> Detector:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        ident.set_languages(["no", "nn", "en", "sv", "da", "de", "fr"])
        return lambda t: {"no": "nb"}.get(lang := ident.classify(t)[0], lang)

    def lingua(low: bool) -> Callable[[], Detector]:
        def build() -> Detector:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            codes = {"nb": "NB", "nn": "NN", "en": "EN", "sv": "SV", "da": "DA", "de": "DE", "fr": "FR"}
            languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c)) for c in codes.values()]
            builder = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models()
            detector = (builder.with_low_accuracy_mode() if low else builder).build()
            back = {getattr(IsoCode639_1, c).name: ours for ours, c in codes.items()}

            def detect(t: str) -> str:
                found = detector.detect_language_of(t)
                return back[found.iso_code_639_1.name] if found else "nb"

            return detect

        return build

    return {
        "ours": ours,
        "py3langid (all 97)": py3langid_all,
        "py3langid (7 languages)": py3langid_seven,
        "lingua (7, high accuracy)": lingua(low=False),
        "lingua (7, low accuracy)": lingua(low=True),
    }


def measure(detect: Detector, rows: list[tuple[str, str]]) -> dict[str, object]:
    times, right, per, short = [], [], {}, []
    for text, lang in rows:
        start = time.perf_counter()
        got = detect(text)
        times.append((time.perf_counter() - start) * 1000)
        ok = got == lang
        right.append(ok)
        per.setdefault(lang, []).append(ok)
        if len(text) < SHORT:
            short.append(ok)
    return {
        "all": (sum(right), len(right)),
        "short": (sum(short), len(short)),
        "per": {lang: (sum(v), len(v)) for lang, v in per.items()},
        "ms": statistics.median(times),
        "ms_mean": statistics.fmean(times),
    }


def cell(pair: tuple[int, int]) -> str:
    right, n = pair
    return f"{right / n:.2f} ({right}/{n})" if n else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--only", nargs="*", help="candidate names to run (default: all)")
    args = parser.parse_args(argv)
    files = [(p, load(p)) for p in args.corpus if p.exists()]
    for p in args.corpus:
        if not p.exists():
            print(f"(not here: {p})")
    heads = ["detector", "load ms", "RSS +MiB", "ms/text (median)", "all", "< 60 chars", *LANGS]
    for name, build in candidates().items():
        if args.only and name not in args.only:
            continue
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        try:
            detect = build()
            detect("warm up")
        except ImportError as e:
            print(f"{name}: not installed ({e})")
            continue
        load_ms = (time.perf_counter() - start) * 1000
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(f"\n### {name}: loaded in {load_ms:.0f} ms, peak RSS +{grown:.0f} MiB\n")
        print("| " + " | ".join(["file", "ms/text", "all", "< 60 chars", *LANGS]) + " |")
        print("|" + " --- |" * (4 + len(LANGS)))
        for path, rows in files:
            m = measure(detect, rows)
            per = m["per"]
            assert isinstance(per, dict)
            langs = [cell(per.get(lang, (0, 0))) for lang in LANGS]
            print(
                f"| {path.name} | {m['ms']:.3f} | {cell(m['all'])} | {cell(m['short'])} | " + " | ".join(langs) + " |"
            )
    del heads
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
