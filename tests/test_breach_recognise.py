"""A DM that tells of a personal data breach is recognised as one (to be offered the breach report), with the
phrases that showed it; questions and requests are not. The reports here are written for this test and are in
no training data."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from breaches import recognise as recognise_module
from breaches.recognise import MAYBE, SURE, Recognition, recognise
from text import classifier

FRESH_REPORTS = [
    ("nb", "noen stjal sekken min på trikken, jobb-PC-en med kundekontrakter lå i den", "stjal"),
    ("nb", "jeg sendte regnearket med overtidstimer og navn til feil leverandør i morges", "til feil leverandør"),
    ("nn", "eg mista telefonen med kundelista på ferja", "mista telefonen"),
    (
        "en",
        "the shared folder with customer ID scans was public to anyone with the link for two weeks",
        "anyone with the link",
    ),
    (
        "en",
        "our cleaning company says their system was hit by ransomware and our staff access card list was taken",
        "ransomware",
    ),
    (
        "nb",
        "kollegaen min klikket på en phishing-lenke og nå er e-postkontoen hans hacket, den har søknader fra kandidater",
        "phishing",
    ),
]

NOT_BREACHES = [
    "har vi databehandleravtale med Tripletex?",
    "hvor lang frist har vi for å melde avvik?",
    "what do I do if I lose my work laptop?",
    "Jeg vil ha innsyn i alle opplysninger dere har om meg",
    "please delete my account and everything you have on me",
    "skriveren på kontoret virker ikke",
    "who is our DPO?",
    "can I send a candidate's CV to the hiring manager?",
]


@pytest.mark.parametrize(("lang", "text", "phrase"), FRESH_REPORTS)
def test_a_fresh_breach_report_is_recognised_with_its_evidence(lang, text, phrase):
    result = recognise(text)
    assert isinstance(result, Recognition)
    assert result.is_breach, result
    assert MAYBE <= result.confidence <= 1
    assert any(phrase in shown for shown in result.evidence), result.evidence
    assert all(shown.casefold() in text.casefold() for shown in result.evidence)  # phrases as the user wrote them
    assert result.language in (lang, "nb" if lang == "nn" else lang)


def test_a_plain_report_is_offered_at_once_and_a_sure_one_is_also_a_breach():
    result = recognise("Laptopen min med lønnsdata for alle ansatte ble stjålet fra bilen i natt.")
    assert result.is_breach and result.sure and result.confidence >= SURE


@pytest.mark.parametrize("text", NOT_BREACHES)
def test_questions_and_requests_are_not_taken_for_breaches(text):
    result = recognise(text, lang="nb")
    assert not result.is_breach and not result.sure, result
    assert result.evidence == ()  # nothing to show for a message answered as before
    assert 0 <= result.confidence < MAYBE


def test_empty_and_blank_messages_are_not_breaches():
    for text in ("", "   \n "):
        result = recognise(text, lang="en")
        assert (result.is_breach, result.sure, result.confidence, result.evidence) == (False, False, 0.0, ())


def test_a_100_kb_message_is_answered_in_bounded_time():
    hostile = ("jeg sendte " + "a " * 40 + "til feil kunde! ") * 2000 + "x" * 30_000 + "(" * 5_000
    assert len(hostile) > 100_000
    recognise("warm up")  # the model is read once per process
    started = time.perf_counter()
    result = recognise(hostile)
    assert time.perf_counter() - started < 5
    assert isinstance(result.is_breach, bool)


def test_the_model_file_is_gzip_json_and_loads_without_unpickling():
    raw = recognise_module.MODEL_FILE.read_bytes()
    data = json.loads(gzip.decompress(raw))  # plain JSON: nothing to unpickle or execute
    assert set(data["classes"]) == {"breach", "not-breach"}
    assert len(raw) < 400_000  # small enough to commit
    assert classifier.load(recognise_module.MODEL_FILE).classes == tuple(data["classes"])
