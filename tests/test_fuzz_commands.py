"""Fuzzing the grammar: any line, and every command with generated words, quotes and options, against the demo.

For every input: nothing escapes `dispatch` (it returns a Reply), a failed reply says what was wrong, a failed
command leaves the registry exactly as it was (not even an audit event), and the reply can be sent to Slack.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chat import TABLE, Context, Services, dispatch
from chat.reply import Reply
from chat.slack.blocks import MESSAGE_BLOCKS, SECTION_LIMIT, reply_messages
from registry.demo import load_demo
from registry.demo_data import PARTIES
from registry.export import export_json
from registry.registry import Actor, Registry
from registry.store import Store

FIXED_NOW = datetime.fromisoformat("2026-11-21T12:00:00+00:00")
COMMANDS = sorted(TABLE.commands)
ALL_KEYS = sorted({k for c in TABLE.commands.values() for k in c.keys} | {"name", "colour", "x", "page", "Key"})

NAMES = sorted(
    {p["name"] for p in PARTIES.values()}
    | {a for p in PARTIES.values() for a in p.get("aliases") or []}
    | {"Nordlys", "Septer", "IWMAC", "Semac", "HubSpot", "AWS", "N", "S", "1", "#1", "2"}
)
HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<@U123|boss>",
    "<#C123|general>",
    "<https://evil.example|click>",
    "<mailto:a@b.no|a@b.no>",
    "*bold*",
    "_it_",
    "~s~",
    "```",
    "`",
    "&<>",
    "&amp;lt;",
    "<w:t>x</w:t>",
    "]]>",
    "{{ controller.name }}",
    "{{each x}}",
    "\x00",
    "\x07\x1b[31m",
    "\x0b\x0c\r",
    "\u200b\u200d\ufeff",
    "\u202eevil\u202c",
    "\ud800",
    "\uffff\ufffe",
    "😀👩‍👩‍👧",
    "\\",
    "'",
    '"',
    "“unclosed",
    "«x»",
    "\n",
    "\t",
    "ÆØÅ",
    "..",
    "/",
    "-",
    "=",
    "a=b",
    "%s%n",
    "${x}",
]
DATES = [
    "2025-02-30",
    "2025-13-01",
    "0000-00-00",
    "9999-12-31",
    "99999-01-01",
    "0001-01-01",
    "31.02.2025",
    "32.13.2025",
    "1.1.0",
    "00.00.00",
    "15. mars 2025",
    "32. mars 2025",
    "i dag",
    "i morgen",
    "i går",
    "3 dager siden",
    "999999999 dager siden",
    "99999999999999999999 days ago",
    "1e9 weeks ago",
    "-1 days ago",
    "2 weeks ago",
    "yesterday",
    "tomorrow",
    "in 5000 years",
    "10000 years ago",
    "someday",
    "2025",
    "12",
    "",
    " ",
]
NUMBERS = [
    "0",
    "-1",
    "1",
    "4",
    "5",
    "30",
    "48",
    "72",
    "73",
    "365",
    "366",
    "1000",
    "1001",
    "99999999999999999999",
    "9" * 5000,
    "1" + "0" * 4400,
    "²",
    "³",
    "١٢",
    "٣",
    "𝟗",
    "1_000",
    " 5 ",
    "0x10",
    "1.5",
    "+3",
    "1e3",
    "NaN",
    "inf",
    "",
]
WORDS = [
    "yes",
    "no",
    "ja",
    "general",
    "specific",
    "scc",
    "scc-2021",
    "dpf",
    "adequacy",
    "privacy-shield",
    "none",
    "json",
    "csv",
    "nb",
    "en",
    "fr",
    "controller",
    "processor",
    "subprocessor",
    "high",
    "medium",
    "low",
    "open",
    "overdue",
    "due-soon",
    "all",
    "US",
    "NO",
    "SE",
    "XX",
    "us,ie",
    ",,",
    "commercial",
    "public",
    "dpa",
    "module 3",
    "innsyn",
    "1,3",
    "2-6",
    "1-99999999999",
    "0",
]

# Characters from everywhere, surrogates and control characters included.
any_char = st.characters(exclude_categories=())
short_text = st.text(any_char, max_size=12)
LONG = ["A", "é", "<!here>", "😀 ", "a b\n"]
long_text = st.sampled_from([3_001, 10_000, 40_001]).flatmap(
    lambda n: st.sampled_from(LONG).map(lambda s: s * (n // len(s)))
)
# The policy extractor takes seconds to minutes on one capitalised 'word' of thousands of letters (its
# organisation-name pattern backtracks; reported, not ours to change): left out of free text to keep this quick.
long_free_text = st.sampled_from([3_001, 10_000, 40_001]).flatmap(
    lambda n: st.sampled_from(LONG[1:]).map(lambda s: s * (n // len(s)))
)
plain = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(HOSTILE),
    st.sampled_from(DATES),
    st.sampled_from(NUMBERS),
    st.sampled_from(WORDS),
    short_text,
)
short_values = [
    plain,
    plain,
    plain,
    st.lists(plain, min_size=2, max_size=3).map(" ".join),
    st.lists(plain, min_size=2, max_size=3).map(",".join),
]
value = st.one_of(*short_values, long_text)  # one value in six: very long
free_value = st.one_of(*short_values, long_free_text)


def quote(text: str, open_quote: bool) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}' if open_quote else f'"{body}"'


@st.composite
def token(draw: st.DrawFn, keys: tuple[str, ...], free: bool = False) -> str:
    values = free_value if free else value
    kind = draw(st.sampled_from(["word", "quoted", "option", "option", "raw"]))
    open_quote = draw(st.integers(0, 19)) == 0  # now and then a quote left open
    if kind == "word":
        return draw(plain)
    if kind == "raw":
        return draw(short_text)
    if kind == "quoted":
        return quote(draw(values), open_quote)
    key = draw(st.sampled_from(keys) if keys and draw(st.booleans()) else st.sampled_from(ALL_KEYS))
    text = draw(values)
    if draw(st.booleans()):
        return f"{key}={quote(text, open_quote)}"
    return f"{key}={text}"


@st.composite
def command_line(draw: st.DrawFn, name: str) -> str:
    command = TABLE.commands[name]
    typed = draw(st.sampled_from([name, name.upper(), name.title(), "  ".join(name.split())]))
    tokens = draw(st.lists(token(command.keys, command.raw), max_size=6))
    return " ".join([typed, *tokens])


# --- the registry each example runs against ------------------------------------------------------------------

SETUP = [
    "inquiry new Hei, jeg ber om innsyn i opplysningene Septer har om meg. Mvh Ola Nordmann",
    "import policy Septer AS (org.nr. 913 442 857) er behandlingsansvarlig. Vi bruker HubSpot som databehandler "
    "i USA. Kontakt personvern@septer.no.",
]


def fresh_registry(path: Path | None) -> Registry:
    """The demo registry with an open inquiry and a waiting proposal, so ids 1 exist for those commands."""
    registry = Registry(Store(path), clock=lambda: FIXED_NOW)
    load_demo(registry, Actor("setup", "demo"))
    services = Services(registry=registry, out=Path("out"))
    for line in SETUP:
        assert dispatch(Context(services=services, user="U_DPO", line=line), line).ok
    return registry


def snapshot(registry: Registry) -> str:
    with registry.reading():
        return json.dumps(export_json(registry), sort_keys=True, default=str)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder to run in: `export json FILE` and the console's DPAs write relative to it."""
    folder = tmp_path_factory.mktemp("fuzz")
    with contextlib.chdir(folder):
        yield folder


_counter = itertools.count()
_cached: dict[str, tuple[Registry, str]] = {}


@contextlib.contextmanager
def demo_registry(kind: str, folder: Path) -> Iterator[Registry]:
    """The demo registry over a memory or file store. One is built per kind and reused while the examples
    leave it as built (every failed one must); an example that changed it gets a fresh one next time."""
    if kind not in _cached:
        registry = fresh_registry(folder / f"registry-{next(_counter)}.json" if kind == "file" else None)
        _cached[kind] = (registry, snapshot(registry))
    registry, built = _cached[kind]
    try:
        yield registry
    finally:
        if snapshot(registry) != built:
            registry.store.close()
            del _cached[kind]


def check(registry: Registry, line: str, *, local: bool = True, is_dpo: bool = True) -> Reply:
    """Run one line and assert the invariants; returns the reply."""
    services = Services(registry=registry, out=Path("out"))
    before = snapshot(registry)
    ctx = Context(services=services, user="U_DPO", line=line, local=local, is_dpo=is_dpo, privacy_team="<@U0DPO>")
    try:
        reply = dispatch(ctx, line)
    except Exception as exc:  # the point: nothing may escape
        raise AssertionError(f"dispatch raised {type(exc).__name__}: {str(exc)[:300]} for {line[:300]!r}") from exc
    assert isinstance(reply, Reply), line
    if not reply.ok:
        assert reply.text.strip(), f"a failure without a message for {line[:300]!r}"
        assert snapshot(registry) == before, (
            f"a failed command changed the registry: {line[:300]!r} -> {reply.text[:300]!r}"
        )
    messages = reply_messages(reply)
    assert messages
    for message in messages:
        assert 1 <= len(message["blocks"]) <= MESSAGE_BLOCKS
        assert len(message["text"]) <= 40_000
        for block in message["blocks"]:
            assert 0 < len(block["text"]["text"]) <= SECTION_LIMIT
    return reply


FUZZ = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.mark.parametrize("name", COMMANDS)
@FUZZ
@given(data=st.data())
def test_every_command_with_generated_arguments(workdir, name, data):
    local = data.draw(st.booleans(), label="local")
    is_dpo = data.draw(st.integers(0, 4), label="dpo") > 0
    line = data.draw(command_line(name), label="line")
    with demo_registry("memory", workdir) as registry:
        check(registry, line, local=local, is_dpo=is_dpo)


@settings(FUZZ, max_examples=150)
@given(line=st.one_of(st.text(any_char, max_size=80), st.lists(plain, max_size=6).map(" ".join)))
def test_any_line(workdir, line):
    with demo_registry("memory", workdir) as registry:
        check(registry, line)


@settings(FUZZ, max_examples=40)
@given(lines=st.lists(st.sampled_from(COMMANDS).flatmap(command_line), min_size=1, max_size=4))
def test_command_sequences_on_a_file_store(workdir, lines):
    """Several commands one after the other on the file store: each failure leaves the file as it was."""
    with demo_registry("file", workdir) as registry:
        for line in lines:
            check(registry, line)


@pytest.mark.parametrize("kind", ["memory", "file"])
@FUZZ
@given(
    options=st.lists(
        st.tuples(st.sampled_from(["lang", "authorisation", "notice", "breach-hours", "template"]), value), max_size=4
    )
)
def test_dpa_generate_options(workdir, kind, options):
    """The one pair in the demo the registry holds enough about, with generated options."""
    line = 'dpa generate Nordlys "Septer AS" ' + " ".join(f"{k}={quote(v, False)}" for k, v in options)
    with demo_registry(kind, workdir) as registry:
        check(registry, line)


def test_known_failures_change_nothing(workdir):
    """Failing commands that get far into their handler (past the parser) before they are refused."""
    lines = [
        "demo",
        'party add "Septer AS"',
        "party remove Septer",
        "subprocessor add Septer Septer service=x",
        "dpa generate Nordlys IWMAC",
        "import apply 1 only=99",
        "inquiry extend 1",
        "history limit=²",
        "party list page=²",
        "dpa generate Nordlys Septer notice=²",
        "dpa signed Nordlys Septer date=" + "9" * 5000,
        "engage Septer for=Nordlys purpose=x start=999999999-01-01",
        "import apply 1 only=1-99999999999",
        "import apply 1 only=99999999999",
        "import show " + "9" * 5000,
        "inquiry show ²",
        "inquiry close " + "9" * 5000,
        "transfer add Septer HubSpot country=US mechanism=scc-2021 module=²",
        "review page=" + "1" * 5000,
        'party add "Broken \ud800 AS"',
        "inquiry new Jeg ber om innsyn \udcff",
    ]
    for kind in ("memory", "file"):
        with demo_registry(kind, workdir) as registry:
            for line in lines:
                assert not check(registry, line).ok, line
