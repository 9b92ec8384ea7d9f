"""What an employee's question asks: the trained intent model (the shared linear text classifier, with what the
hand-written intent patterns find and the language as extra features). Its weights are intent_model.json.gz,
rebuilt from tests/data/questions.jsonl by tools/train_question_model.py; bench/bench_questions.py measures it by
grouped cross-validation (whole groups of questions, each written in one style, held out)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chat.questions_text import FRAME_WORDS, detect_intent, rule_intents
from registry.registry import Registry
from text import classifier, mentions

MODEL_FILE = Path(__file__).with_name("intent_model.json.gz")
INTENTS = (
    "controller",
    "processor",
    "dpa",
    "share",
    "transfers",
    "vendors-abroad",
    "missing-dpa",
    "review-due",
    "retention",
    "summary",
    "subprocessors",
    "dpo",
    "request-help",
    "help",
    "out-of-scope",
)
# Below this probability the intent is a guess: the question is answered only if it plainly names something the
# registry holds (as a summary), else with "I don't know". Chosen by grouped cross-validation: above it (75% of
# the questions) the intent was right 93% of the time, below it 55%.
SURE = 0.3


@dataclass(frozen=True)
class Intent:
    name: str
    confidence: float
    likely: tuple[tuple[str, float], ...]
    sure: bool  # confident enough, or the intent patterns say the same: +7 right, +2 wrong of 812 in grouped CV


def features(question: str, lang: str, *, names_party: bool) -> list[str]:
    """The question's words, what the intent patterns find, its language, and whether it names a party on
    record: "which vendors are in the US" lists, "is Slack in the US" asks about one."""
    extra = [*("r " + i for i in rule_intents(question)), "l " + lang, *(["e party"] if names_party else [])]
    return classifier.features(question, extra)


def names_party(registry: Registry, question: str) -> bool:
    """Whether the question names a party of the registry (by name or alias). Call inside registry.reading()."""
    return bool(mentions.find(question, registry.name_owners, ignore=FRAME_WORDS.__contains__))


def intent(question: str, lang: str, *, named: bool) -> Intent:
    probabilities = classifier.load(MODEL_FILE).probabilities(features(question, lang, names_party=named))
    ranked = sorted(probabilities.items(), key=lambda kv: kv[1], reverse=True)
    name, confidence = ranked[0]
    ruled, certain = detect_intent(question)
    sure = confidence >= SURE or (certain and ruled == name)
    return Intent(name, round(confidence, 3), tuple((i, round(p, 3)) for i, p in ranked[:3]), sure)
