"""Classifies a privacy inquiry by the data subject rights it invokes (GDPR Chapter III), its language and dates."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import islice

from inquiries import model
from inquiries.classify_gates import (
    AUTO_REPLY,
    BULK_MAIL,
    DPA_TALK,
    DPA_TALK_CUE,
    FIRST_PERSON,
    INVOICE,
    MASKS,
    QUESTION_CUE,
    QUESTION_TOPIC,
)
from inquiries.classify_phrases import claimed_deadline, received_phrase
from inquiries.classify_rules import RULES, THRESHOLD
from inquiries.corrections import Decided, Memory
from text.language import detect as detect_language

TYPES = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "portability",
    "objection",
    "withdraw-consent",
    "automated-decision",
    "complaint",
    "reminder",
    "question",
    "not-a-request",
    "foi",
)
# Types a person exercises a GDPR right with (a reminder follows one up): these get the Art. 12(3) deadline.
RIGHTS = frozenset(TYPES[:8]) | {"reminder"}
# Below this confidence the privacy team is asked to confirm the type. Chosen by grouped cross-validation
# (bench/bench_classify.py): above it, the primary type was right about four times in five (the SVM's softmax
# is sharper than a logistic regression's, hence the high number).
NEEDS_A_LOOK = 0.8

# A complaint or a reminder wraps whatever right it is about, so it is the main ask ("a reminder about an
# access request" is a reminder first).
_WRAPPERS = ("complaint", "reminder")
# When both are asked, the key is the main ask whatever the order: erasing the data ends marketing and
# consent-based use; marketing sent on consent ends by withdrawing it; restriction is what one asks for
# while accuracy is contested; a correction or an Art. 22 challenge is the point of a letter that also
# wants a copy.
_OUTRANKS: dict[str, frozenset[str]] = {
    "erasure": frozenset({"withdraw-consent", "objection"}),
    "restriction": frozenset({"rectification"}),
    "rectification": frozenset({"access"}),
    "automated-decision": frozenset({"access", "objection"}),
    "withdraw-consent": frozenset({"objection"}),
}
_EXCERPT_MAX = 80
_WORD = re.compile(r"\w+")
# Only the start of a text is read: the ask sits at the top of a message, and in a forwarded thread the
# newest message comes first. Keeps the cost of a pasted 200 KB thread to a fraction of a second.
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Classification:
    """What an inquiry asks for. `evidence` maps each type found to the phrase that showed it; dates are
    reported as written (the statutory deadline is computed from the receipt date elsewhere)."""

    types: tuple[str, ...]
    primary: str
    language: str
    evidence: dict[str, str] = field(default_factory=dict)
    claimed_deadline: str | None = None
    received_phrase: str | None = None
    confidence: float = 1.0
    likely: tuple[tuple[str, float], ...] = ()  # the most probable types, most probable first
    precedent: int | None = None  # the inquiry whose type, set by the privacy team, decided this one's


@dataclass
class _Finding:
    score: int = 0
    position: int = 0
    phrase: str = ""
    phrase_weight: int = 0


def rule_judgment(text: str) -> Classification:
    """What the hand-written rules find: every type the text asks for, primary first; ("not-a-request",) when
    it asks for none. The trained model takes these as features and shows their phrases as evidence."""
    text = unicodedata.normalize("NFC", (text or "")[:MAX_CHARS])
    language = detect_language(text)
    deadline = claimed_deadline(text)
    received = received_phrase(text)

    def result(types: tuple[str, ...], evidence: dict[str, str]) -> Classification:
        return Classification(types, types[0], language, evidence, deadline, received)

    not_inquiry = _not_an_inquiry(text)
    if not text.strip() or not_inquiry is not None:
        return result(("not-a-request",), {"not-a-request": not_inquiry} if not_inquiry else {})

    findings = _find(text)
    found = {t: f for t, f in findings.items() if f.score >= THRESHOLD}
    # A reminder about a course or an invoice is no privacy reminder: it needs a request or a privacy topic.
    if set(found) == {"reminder"} and not QUESTION_TOPIC.search(text):
        del found["reminder"]
    if not found:
        question = _question(text, masked=_masked_everywhere(text))
        if question is not None:
            return result(("question",), {"question": question})
        # Say why when a look-alike (a freedom-of-information request) was set aside.
        masked = next((m for mask in MASKS if mask.whole_text and (m := mask.pattern.search(text))), None)
        return result(("not-a-request",), {"not-a-request": _excerpt(text, m.start(), m.end())} if masked else {})
    primary = _primary(found)
    rest = tuple(t for t in TYPES if t in found and t != primary)
    return result((primary, *rest), {t: found[t].phrase for t in (primary, *rest)})


def _find(text: str) -> dict[str, _Finding]:
    """Scores each type by the rules whose phrases occur (each rule counts once), outside masked spans."""
    everywhere = _masked_everywhere(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    for mask in MASKS:
        if not mask.whole_text:
            for m in mask.pattern.finditer(text):
                for t in mask.types:
                    spans.setdefault(t, []).append(m.span())
    findings: dict[str, _Finding] = {}
    for rule in RULES:
        if rule.type in everywhere:
            continue
        for m in rule.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in spans.get(rule.type, ())):
                continue
            if rule.near and not rule.near.search(text, max(0, m.start() - rule.window), m.end() + rule.window):
                continue
            if rule.unless and rule.unless.search(text, _sentence_start(text, m.start()), m.end()):
                continue
            finding = findings.get(rule.type)
            if finding is None:
                finding = findings[rule.type] = _Finding(position=m.start())
            finding.score += rule.weight
            finding.position = min(finding.position, m.start())
            if rule.weight > finding.phrase_weight:
                finding.phrase, finding.phrase_weight = _excerpt(text, m.start(), m.end()), rule.weight
            break
    return findings


def _masked_everywhere(text: str) -> set[str]:
    return {t for mask in MASKS if mask.whole_text and mask.pattern.search(text) for t in mask.types}


def _primary(found: dict[str, _Finding]) -> str:
    for wrapper in _WRAPPERS:
        if wrapper in found:
            return wrapper
    outranked = {loser for winner, losers in _OUTRANKS.items() if winner in found for loser in losers}
    candidates = [t for t in found if t not in outranked] or list(found)
    # Otherwise the ask a letter makes first is its main one ("update the register, and delete the phone number").
    return min(candidates, key=lambda t: found[t].position)


def _not_an_inquiry(text: str) -> str | None:
    """The phrase showing that the text is an auto-reply, invoice, mailing or DPA negotiation, if it is one."""
    if m := AUTO_REPLY.search(text):
        return _excerpt(text, m.start(), m.end())
    if (m := DPA_TALK.search(text)) and DPA_TALK_CUE.search(text):
        return _excerpt(text, m.start(), m.end())
    if FIRST_PERSON.search(text):
        return None
    invoice = list(INVOICE.finditer(text))
    if len({m.group(0).lower() for m in invoice}) >= 2:
        return _excerpt(text, invoice[0].start(), invoice[0].end())
    if m := BULK_MAIL.search(text):
        return _excerpt(text, m.start(), m.end())
    return None


def _question(text: str, *, masked: set[str]) -> str | None:
    """The sentence asking a general privacy question, if the text asks one."""
    if "question" in masked or not QUESTION_TOPIC.search(text):
        return None
    cue = QUESTION_CUE.search(text)
    if cue is None:
        return None
    start = _sentence_start(text, cue.start())
    return _excerpt(text, start, cue.end())


def _sentence_start(text: str, position: int) -> int:
    return max(text.rfind(stop, 0, position) for stop in ".!?\n") + 1


def _excerpt(text: str, start: int, end: int) -> str:
    """The matched phrase, widened by a few words when it is a single word, on one line, at most 80 chars."""
    if not re.search(r"\s", text[start:end]):
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        words = list(islice(_WORD.finditer(text, end, line_end), 3))
        end = words[-1].end() if words else end
    phrase = " ".join(text[start:end].split())
    return phrase if len(phrase) <= _EXCERPT_MAX else phrase[: _EXCERPT_MAX - 1].rstrip() + "…"


def classify(text: str, decided: list[Decided] | tuple[Decided, ...] = ()) -> Classification:
    """What the text asks for: the trained model's judgment from its words and the rules' findings (see
    `decide`), unless it reads almost like an inquiry whose type the privacy team set (`decided`): then the
    team's types, with that inquiry as the precedent."""
    text = own_words(text or "")
    judged = rule_judgment(text)
    if not text.strip():
        return judged
    trained = model.load()
    vector = trained.vector(model.features(text, judged.types, judged.language))
    result = decide(judged, trained.scores(vector))
    precedent = _MEMORY.nearest(vector, list(decided)) if decided else None
    if precedent is None:
        return result
    evidence = {t: judged.evidence[t] for t in precedent.types if t in judged.evidence}
    return replace(
        result,
        types=precedent.types,
        primary=precedent.types[0],
        evidence=evidence,
        confidence=precedent.similarity,
        precedent=precedent.inquiry_id,
    )


def _vector(text: str) -> dict[str, float]:
    """How the model sees a text (what `classify` compares with the team's decisions)."""
    text = own_words(text)
    judged = rule_judgment(text)
    return model.load().vector(model.features(text, judged.types, judged.language))


_MEMORY = Memory(_vector)


def decide(judged: Classification, probabilities: dict[str, float]) -> Classification:
    """The primary type is the model's most probable one, with its probability as the confidence, except when
    the model reads a text as no request at all but the rules found a right in it that the model gives a fair
    chance: then the right wins (a missed request misses a legal deadline; a false one costs a look); and a
    reminder of the request the model saw is a reminder first. A request carries the other rights the rules found as secondary types, with the phrases that showed them;
    a question, a look-alike or a freedom-of-information request exercises none."""
    ranked = sorted(probabilities.items(), key=lambda kv: kv[1], reverse=True)
    primary = ranked[0][0]
    ruled = judged.primary
    if ruled in REQUESTS and primary not in REQUESTS and probabilities.get(ruled, 0.0) >= RULE_RESCUE:
        primary = ruled
    elif ruled == "reminder" and primary in judged.types:
        primary = ruled  # a reminder wraps the request it follows up (the rules saw both): +1 point in grouped CV
    confidence = probabilities.get(primary, 0.0)
    rest = () if primary in _NOT_RIGHTS else tuple(t for t in judged.types if t != primary and t not in _NOT_RIGHTS)
    types = (primary, *rest)
    evidence = {t: judged.evidence[t] for t in types if t in judged.evidence}
    if primary == "foi" and "not-a-request" in judged.evidence:
        evidence["foi"] = judged.evidence["not-a-request"]  # the rules set it aside as a look-alike: say why
    return replace(
        judged,
        types=types,
        primary=primary,
        evidence=evidence,
        confidence=round(confidence, 3),
        likely=tuple((t, round(p, 3)) for t, p in ranked[:3]),
    )


def own_words(text: str) -> str:
    """The text without the lines it quotes ("> ..."), unless it is nothing but quotes: a reply's ask is in
    its own words, and a long quoted thread would drown it."""
    lines = text.splitlines()
    own = [line for line in lines if not line.lstrip().startswith(">")]
    return "\n".join(own) if any(line.strip() for line in own) else text


_NOT_RIGHTS = frozenset({"question", "not-a-request", "foi"})
# What a data subject asks of us and the law gives a deadline for: a right, a complaint, a reminder of one.
REQUESTS = frozenset(TYPES) - _NOT_RIGHTS
# How probable the model must find a right the rules saw for it to outrank the model's "no request".
# Chosen by grouped cross-validation (bench/bench_classify.py): at 0.2, 18 of 127 real requests are still
# read as none (26 without it) at the same primary accuracy; lower values cost more accuracy than they save.
# (Letting the rules' precedence pick the primary among several rights cost 2 points and was dropped.)
RULE_RESCUE = 0.2
