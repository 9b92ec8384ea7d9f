"""Whether a message to the bot tells of a personal data breach ("I sent the payroll list to the wrong customer",
"a laptop with patient data was stolen"), so that it is offered the breach report instead of an answer.

The trained model (the shared linear text classifier, with the signs of breaches/signs.py and the language as
extra features) decides; the signs it found are the evidence shown. Its weights are recognise_model.json.gz,
rebuilt by tools/train_breach_model.py; bench/bench_breaches.py measures it by grouped cross-validation.

    recognise("mistet PC-en med kundefiler på toget")
    -> Recognition(is_breach=True, sure=True, confidence=0.976, evidence=("mistet PC-en",), language="nb")

`sure`: offer the report at once. `is_breach` but not `sure`: ask ("Is this a personal data breach?").
Neither: answer the message as before."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from breaches import signs
from text import classifier
from text.language import detect

MODEL_FILE = Path(__file__).with_name("recognise_model.json.gz")
BREACH = "breach"
# Thresholds on the model's probability of "breach", chosen by grouped cross-validation (bench/bench_breaches.py,
# BENCHMARKS.md). SURE: of the real public texts above it, all were breaches (18 of 18, model trained without
# them), and 2 of the 812 employee questions reached it. MAYBE is low because a missed breach costs more than a
# question: at 0.3 recall was 0.93 on our examples and 0.94 on the real texts, with 26 of the 812 questions (3%)
# asked "is this a breach?"; at 0.4 recall fell to 0.88 and 0.87 for 9 fewer questions asked.
SURE = 0.8
MAYBE = 0.3


@dataclass(frozen=True)
class Recognition:
    is_breach: bool  # a breach, surely or maybe: offer the report (ask first when not sure)
    sure: bool  # confident enough to offer the report without asking
    confidence: float  # the model's probability that the message tells of a breach, 0-1
    evidence: tuple[str, ...]  # the phrases that showed it, as written ("sendt til feil mottaker", "mistet PC-en")
    language: str  # "nb", "nn" or "en"


def features(text: str, found: list[signs.Found], language: str) -> list[str]:
    """The message's words, the signs found in it and its language (nynorsk read as bokmål)."""
    extra = [*("s " + f.sign for f in found), "l " + ("en" if language == "en" else "nb")]
    return classifier.features(text, extra)


def recognise(text: str, lang: str | None = None) -> Recognition:
    """Whether `text` tells of a personal data breach. `lang` is the reader's language (a hint, e.g. the Slack
    locale); the text's own language decides when it can."""
    language = detect(text[: signs.MAX_CHARS], among=("nb", "nn", "en"), hint=lang)
    found = signs.find(text)
    if not text.strip():
        return Recognition(False, False, 0.0, (), language)
    probability = classifier.load(MODEL_FILE).probabilities(features(text, found, language))[BREACH]
    evidence = tuple(f.phrase for f in found if f.shown) if probability >= MAYBE else ()
    return Recognition(probability >= MAYBE, probability >= SURE, round(probability, 3), evidence, language)
