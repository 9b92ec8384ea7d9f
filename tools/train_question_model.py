"""Trains the question intent model from tests/data/questions.jsonl and writes chat/intent_model.json.gz; also
the grouped cross-validation bench/bench_questions.py reports.

    python tools/train_question_model.py

The questions are our own, written in groups of one style each (`group`); cross-validation holds out whole
groups, so a style the model has not seen is what it is measured on. Needs scikit-learn (requirements-dev.txt).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import training  # noqa: E402  (tools/)

from chat import Context, Services, dispatch  # noqa: E402
from chat.questions_intent import MODEL_FILE, features, names_party  # noqa: E402
from registry.demo import load_demo  # noqa: E402
from registry.registry import Actor, Registry  # noqa: E402
from registry.store import Store  # noqa: E402

QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
OTHER_COMPANY = ROOT / "tests" / "data" / "other_company.txt"  # console commands building a second registry
C = 10.0  # inverse regularisation, chosen by grouped cross-validation (3, 10, 30 tried)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    lang: str
    intent: str
    group: str
    registry: str  # which registry it is about: demo, other or any


def read(path: Path = QUESTIONS) -> list[Question]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [Question(r["id"], r["text"], r["lang"], r["intent"], r["group"], r["registry"]) for r in rows]


def registries() -> dict[str, Registry]:
    """The two registries the questions are about: the demo and the other company's."""
    clock = lambda: datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)  # noqa: E731  (the questions' "today")
    demo = Registry(Store(None), clock=clock)
    load_demo(demo, Actor("training", "demo"))
    other = Registry(Store(None), clock=clock)
    services = Services(registry=other)
    for line in OTHER_COMPANY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            dispatch(Context(services=services, user="training", line=line, is_dpo=True), line)
    return {"demo": demo, "other": other}


def featurise(questions: list[Question]) -> list[list[str]]:
    """The features answer() computes: the language as it reads it (nynorsk is answered in bokmål), and whether
    the question names a party of the registry it is about."""
    known = registries()
    out = []
    for q in questions:
        about = list(known.values()) if q.registry == "any" else [known[q.registry]]
        named = False
        for registry in about:
            with registry.reading():
                named = named or names_party(registry, q.text)
        out.append(features(q.text, "en" if q.lang == "en" else "nb", names_party=named))
    return out


def cross_validate(questions: list[Question], *, folds: int = 6, c: float = C) -> list[dict[str, float]]:
    """Each question's intent probabilities from a model that saw none of its group."""
    feats = featurise(questions)
    out: list[dict[str, float]] = [{} for _ in questions]
    for train, test in training.grouped_folds([q.group for q in questions], folds):
        model = training.fit([feats[i] for i in train], [questions[i].intent for i in train], c=c)
        for i in test:
            out[i] = model.probabilities(feats[i])
    return out


def main() -> int:
    questions = read()
    model = training.fit(featurise(questions), [q.intent for q in questions], c=C)
    model.save(MODEL_FILE)
    print(f"{MODEL_FILE}: {len(model.weights)} features, {len(model.classes)} intents, from {len(questions)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
