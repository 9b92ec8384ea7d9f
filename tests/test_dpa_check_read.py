"""Reading a DPA as it arrives (agreements.check_read): .pdf through the same reader and limits as every other
file, hard-wrapped .txt, markdown and HTML markup, and a hostile file refused within bounded time."""

from __future__ import annotations

import io
import shutil
import subprocess
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from agreements.check import check_text
from agreements.check_read import MAX_CHARACTERS, document_text, unmarked
from chat import Context, Services, dispatch
from registry.errors import InputError
from registry.registry import Registry
from registry.store import Store

DATA = Path(__file__).parent / "data" / "dpa"
OURS = (DATA / "complete_en.txt").read_text(encoding="utf-8")


def verdicts(text: str) -> dict[str, bool]:
    return {r.element.key: r.present for r in check_text(text)}


def wrapped(text: str, width: int, *, blank_lines: bool) -> str:
    """`text` as a .txt saved with hard line breaks: each paragraph wrapped at `width`."""
    paragraphs = [textwrap.fill(line, width) for line in text.splitlines() if line.strip()]
    return ("\n\n" if blank_lines else "\n").join(paragraphs)


@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("blank_lines", [True, False])
def test_a_wrapped_txt_of_our_dpa_reads_as_the_unwrapped(width: int, blank_lines: bool) -> None:
    text = wrapped(OURS, width, blank_lines=blank_lines)
    assert max(len(line) for line in text.splitlines()) <= width
    assert verdicts(document_text(text.encode(), "dpa.txt")) == verdicts(OURS)
    assert all(verdicts(OURS).values())


def test_wrapped_lines_starting_in_upper_case_are_joined() -> None:
    lines = [
        "This Data Processing Agreement sets out the terms under which the Processor handles personal",
        "data for the Controller. The Processor shall ensure that all persons authorised to process the",
        "Personal Data have committed themselves to confidentiality or are under an appropriate statutory",
        "Obligation of confidentiality. The Processor shall notify the Controller without undue delay after",
        "Becoming aware of a personal data breach. The parties have signed this agreement on the date below",
        "And it is governed by Norwegian law, with Oslo District Court as the agreed venue for any dispute.",
    ]
    results = {r.element.key: r.evidence for r in check_text("\n".join(lines))}
    assert results["confidentiality"] and "statutory Obligation" in results["confidentiality"]
    assert results["breach"] and "after Becoming aware" in results["breach"]


def test_markdown_emphasis_inside_a_sentence_no_longer_hides_elements() -> None:
    marked = (
        "The _Processor_ shall not _Process_ _Personal Data_ other than on the _Controller_'s documented "
        "**written instructions**, including with regard to transfers to a *third country*.\n"
        "The __Processor__ shall ensure that persons authorised to process the _Personal Data_ have committed "
        "themselves to *confidentiality*.\n"
    )
    plain = marked.replace("__", "").replace("**", "").replace("_", "").replace("*", "")
    assert verdicts(marked) == verdicts(plain)
    assert verdicts(marked)["instructions"] and verdicts(marked)["confidentiality"]


def test_markup_is_removed_but_blank_fields_are_kept() -> None:
    text = (
        "## 4. Sub-processors\n"
        "* The processor uses [these sub-processors](https://example.com/subs) <span>only</span>.\n"
        "> Quoted &amp; kept\n"
        "Purpose: ______ and [insert purpose] and {{purpose}} and snake_case_name\n"
        "3.1. **Confidentiality.** The processor keeps it secret.\n"
    )
    assert unmarked(text).splitlines() == [
        "4. Sub-processors",
        "- The processor uses these sub-processors only.",
        "Quoted & kept",
        "Purpose: ______ and [insert purpose] and {{purpose}} and snake_case_name",
        "3.1. Confidentiality: The processor keeps it secret.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # nn, da, sv: markup is removed whatever the language, and the words are kept as written
        "Databehandlaren skal _berre_ handsame personopplysningar etter **dokumenterte** instruksar.",
        "Databehandleren må *kun* behandle personoplysninger efter __dokumenteret__ instruks.",
        "Personuppgiftsbiträdet får _endast_ behandla personuppgifter enligt **dokumenterade** instruktioner.",
    ],
)
def test_markup_is_removed_in_other_nordic_languages(text: str) -> None:
    assert "_" not in unmarked(text) and "*" not in unmarked(text)
    assert unmarked(text).split()[0] == text.split()[0]


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_pdf_dpa_is_read_and_checked_in_the_console(tmp_path: Path) -> None:
    source = tmp_path / "dpa.docx"
    source.write_bytes(_docx(OURS))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "dpa.pdf"
    start = time.perf_counter()
    store = Store(None)
    line = f"dpa check {pdf}"
    reply = dispatch(
        Context(
            services=Services(registry=Registry(store, clock=lambda: datetime(2026, 12, 5, tzinfo=UTC))),
            user="U_DPO",
            line=line,
            local=True,
        ),
        line,
    )
    store.close()
    assert time.perf_counter() - start < 5
    assert reply.data["missing"] == []
    assert reply.text.startswith("dpa.pdf: all")


def test_a_hostile_big_file_is_refused_in_bounded_time() -> None:
    # 19 MB of one endless "sentence" of contract words: far more text than any DPA.
    words = "processor shall notify controller personal data breach sub-processor audit delete return "
    content = (words * (19 * 1024 * 1024 // len(words))).encode()
    start = time.perf_counter()
    with pytest.raises(InputError, match="more than any DPA"):
        document_text(content, "hostile.txt")
    assert time.perf_counter() - start < 5


def test_the_longest_text_accepted_is_checked_within_the_budget() -> None:
    text = ("_x_ *y* [a](b) <span>" * 10 + "processor shall notify the\n") * (MAX_CHARACTERS // 400)
    text = text[:MAX_CHARACTERS]
    start = time.perf_counter()
    check_text(document_text(text.encode(), "long.md"))
    assert time.perf_counter() - start < 5


def test_a_damaged_pdf_is_refused_with_the_reason() -> None:
    with pytest.raises(InputError, match="Cannot read this PDF") as raised:
        document_text(b"%PDF-1.4 not really", "scan.pdf")
    assert raised.value.value == "scan.pdf"
