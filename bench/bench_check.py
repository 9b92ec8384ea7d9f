"""How well `dpa check` reads real DPAs: scored on the shared, hand-labelled set (../shared/corpus/dpas).

    python bench/bench_check.py [--corpus DIR] [--verbose]

Each file is read the way `dpa check` reads it (the file reader with its limits, then the checker) and every
labelled element is compared with the label:
- present/missing, per element, overall and for the Norwegian files: precision and recall of "present" and of
  "missing". A "weak" verdict counts as present (the element is there, below what the law expects) and is also
  reported on its own; so is "by-reference" (the labels count a reference or a blank field as present, marked
  `[ref]` / `[placeholder]`), which is scored as present too.
- the quote: for each element rightly found present, whether the quoted sentence is the one the label's evidence
  quotes (its words, or one of its "..." fragments, found in the quote, or most of them shared).
- time: the slowest file, reading and checking (no file may take over 5 s).

The labels' element names are coarser than the checker's: "subject_duration" is present when the checker finds
the subject-matter or the duration, "nature_purpose" the nature or the purpose, and "d_subprocessors" needs both
the authorisation and the flow-down. The exit status is 0 when scored, 2 when the set is absent (skipped).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "dpas"
MAX_SECONDS = 5.0

# Label element -> the checker's elements, and whether any of them (or all) make it present.
ELEMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "subject_duration": ("any", ("subject_matter", "duration")),
    "nature_purpose": ("any", ("nature", "purpose")),
    "data_types": ("any", ("data_types",)),
    "data_subjects": ("any", ("data_subjects",)),
    "a_instructions": ("any", ("instructions",)),
    "b_confidentiality": ("any", ("confidentiality",)),
    "c_security": ("any", ("security",)),
    "d_subprocessors": ("all", ("subprocessors", "flow_down")),
    "e_dsr_assist": ("any", ("data_subject_requests",)),
    "f_art32_36_assist": ("any", ("assistance",)),
    "g_delete_return": ("any", ("deletion_return",)),
    "h_audit_info": ("any", ("audits",)),
    "infringing_instruction_notice": ("any", ("unlawful_instruction",)),
    "breach_notice_controller": ("any", ("breach",)),
}
# Verdicts from best to worst; any other kind the checker may add is reported by name and counted as present.
RANK = {"present": 0, "weak": 1, "by-reference": 2, "missing": 3}
PRESENT_KINDS = {"present", "weak", "by-reference"}


def verdict(result: object) -> str:
    """The kind of a checker Result: its `verdict` when it has one ("present", "weak", "by-reference",
    "missing"), else present or missing."""
    kind = getattr(result, "verdict", None)
    if kind is None:
        return "present" if getattr(result, "present", False) else "missing"
    kind = getattr(kind, "value", kind)  # an Enum
    return str(kind).strip().lower().replace("_", "-").replace(" ", "-")


def combined(how: str, kinds: list[str]) -> str:
    ranked = sorted(kinds, key=lambda k: RANK.get(k, 1))
    return ranked[0] if how == "any" else ranked[-1]


def read_and_check(path: Path) -> list[object]:
    """The checker's Results for a file, read as `dpa check` reads it."""
    from agreements import check, check_read

    reader = getattr(check_read, "document_text", None) or check.document_text
    return check.check_text(reader(path.read_bytes(), path.name))


_WORD = re.compile(r"[^\W_]+")
_TAGS = re.compile(r"^\s*\[[^\]]*\]\s*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def quote_agrees(evidence: str, label: str) -> bool | None:
    """Whether the checker's quote is the sentence the label quotes; None when the label quotes nothing."""
    label = _TAGS.sub("", label)
    fragments = [f for f in (" ".join(_words(part)) for part in re.split(r"\.\.\.|…", label)) if f]
    if not fragments:
        return None
    quoted = " ".join(_words(evidence))
    for fragment in fragments:
        if len(fragment.split()) >= 3 and (fragment in quoted or (quoted and quoted in fragment)):
            return True
    label_words, quote_words = set(_words(label)), set(quoted.split())
    smaller = min(len(label_words), len(quote_words)) or 1
    return len(label_words & quote_words) / smaller >= 0.6


class Score:
    def __init__(self) -> None:
        self.n: Counter[tuple[int, bool]] = Counter()  # (label, found present) -> count

    def add(self, label: int, found: bool) -> None:
        self.n[label, found] += 1

    def line(self) -> str:
        tp, fp, fn, tn = self.n[1, True], self.n[0, True], self.n[1, False], self.n[0, False]
        return (
            f"present P {_ratio(tp, tp + fp)} R {_ratio(tp, tp + fn)} | "
            f"missing P {_ratio(tn, tn + fn)} R {_ratio(tn, tn + fp)} | tp {tp} fp {fp} fn {fn} tn {tn}"
        )


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list every disagreement with the labels")
    args = parser.parse_args()
    labels_file = args.corpus / "labels.tsv"
    if not labels_file.is_file():
        print(f"SKIPPED: the labelled DPA set is not there ({labels_file}); it is in ../shared/corpus/dpas")
        return 2

    with labels_file.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_file: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_file[row["file"]].append(row)

    overall, norwegian = Score(), Score()
    per_element: dict[str, Score] = defaultdict(Score)
    kinds: Counter[str] = Counter()
    quotes: Counter[bool] = Counter()
    wrong: list[str] = []
    slowest = (0.0, "")
    for name, file_rows in sorted(by_file.items()):
        start = time.perf_counter()
        try:
            results = read_and_check(args.corpus / name)
        except Exception as exc:  # a file the checker cannot read scores as all missing
            print(f"{name}: not read ({exc})")
            results = []
        seconds = time.perf_counter() - start
        slowest = max(slowest, (seconds, name))
        found = {r.element.key: r for r in results}  # type: ignore[attr-defined]
        for row in file_rows:
            how, keys = ELEMENTS[row["element"]]
            parts = [found[k] for k in keys if k in found]
            kind = combined(how, [verdict(r) for r in parts]) if parts else "missing"
            kinds[kind] += 1
            label, present = int(row["present"]), kind in PRESENT_KINDS or kind not in RANK
            for score in (overall, per_element[row["element"]]) + ((norwegian,) if name.startswith("nb_") else ()):
                score.add(label, present)
            evidence = " / ".join(getattr(r, "evidence", None) or "" for r in parts if verdict(r) != "missing")
            if label and present:
                agrees = quote_agrees(evidence, row["evidence"])
                if agrees is not None:
                    quotes[agrees] += 1
                    if not agrees:
                        wrong.append(f"  quote  {name} {row['element']}: “{evidence[:140]}”")
            elif label != present:
                wrong.append(f"  {kind:<7} {name} {row['element']} (label {label}): {row['evidence'][:100]}")

    files = len(by_file)
    print(f"dpa check on the labelled set: {files} files, {len(rows)} labelled elements ({args.corpus})")
    print(f"overall    {overall.line()}")
    print(f"Norwegian  {norwegian.line()}")
    print("verdicts: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: RANK.get(kv[0], 1))))
    total = quotes[True] + quotes[False]
    print(f"quote is the labelled sentence: {quotes[True]}/{total} ({_ratio(quotes[True], total)})")
    print(f"slowest file: {slowest[1]} {slowest[0]:.2f} s (limit {MAX_SECONDS:.0f} s)")
    print("per element:")
    for element in ELEMENTS:
        print(f"  {element:<30} {per_element[element].line()}")
    if args.verbose and wrong:
        print("disagreements:")
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
