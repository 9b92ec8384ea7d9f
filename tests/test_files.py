"""Files people send, read through the one reader (text.files) within its limits: zip bombs, PDFs and web pages
built to burn memory or CPU are refused with a clear answer, through the console and through Slack, without the
bot's memory growing; and the bot's token goes to Slack's file servers only."""

from __future__ import annotations

import io
import json
import random
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from slack_app import EMPLOYEE, bolt_app, demo_registry, slack_services
from slack_app import send as send_signed
from slack_bolt import App
from slack_fake import FakeSlack
from slack_requests import dm_message, event_callback

from agreements.check import check_text
from chat import Context, Services, dispatch
from chat.reply import Reply
from registry.registry import Registry
from registry.store import Store

DPA_TEXT = "The Processor shall notify the Controller of a personal data breach without undue delay."


def base_docx() -> bytes:
    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(DPA_TEXT)
    document.save(out)
    return out.getvalue()


def rebuilt(extra: Iterable[tuple[str, bytes]] = (), *, padding_mb: int = 0) -> bytes:
    """The base .docx again, its document part padded with `padding_mb` MB of blanks (valid XML), plus `extra`."""
    source = zipfile.ZipFile(io.BytesIO(base_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml" and padding_mb:
                head, tail = data.split(b"<w:body>")
                with archive.open(info.filename, "w", force_zip64=True) as part:
                    part.write(head + b"<w:body>")
                    for _ in range(padding_mb):
                        part.write(b" " * 1024 * 1024)
                    part.write(tail)
            else:
                archive.writestr(info.filename, data)
        for name, data in extra:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A .docx of ~100 KB whose document part unpacks to 100 MB (the review's 1.5 MB one unpacked to 1.5 GB)."""
    return rebuilt(padding_mb=100)


@pytest.fixture
def run(tmp_path: Path):
    store = Store(None)
    services = Services(registry=Registry(store, clock=lambda: datetime(2026, 11, 21, 12, 0, tzinfo=UTC)))

    def run(line: str) -> Reply:
        return dispatch(Context(services=services, user="U_DPO", line=line, local=True), line)

    yield run
    store.close()


@pytest.fixture(autouse=True, scope="module")
def _checker_compiled() -> None:
    """The first DPA check compiles the checker's vocabulary (~20 MB); done here, it is not counted below."""
    check_text(DPA_TEXT)


def peak_allocated(action) -> tuple[object, int]:
    """What `action()` returns, and the most memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


MB = 1024 * 1024


# -- zip bombs --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["dpa check", "import policy"])
def test_a_zip_bomb_docx_is_refused_in_the_console_before_it_is_unpacked(run, tmp_path, bomb, command):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    reply, peak = peak_allocated(lambda: run(f"{command} {path}"))
    assert not reply.ok
    assert "This file unpacks to more than 50 MB" in reply.text and "bomb.docx" in reply.text
    assert "at most 1,000 parts" in reply.text  # says what would be read
    assert peak < 5 * MB  # the file itself is 0.1 MB; unpacked it would be 100 MB


def test_the_reader_still_reads_a_real_docx(run, tmp_path):
    path = tmp_path / "dpa.docx"
    path.write_bytes(rebuilt())
    reply = run(f"dpa check {path}")
    assert reply.ok and f"“{DPA_TEXT}”" in reply.text


def test_a_docx_of_too_many_parts_is_refused(run, tmp_path):
    path = tmp_path / "parts.docx"
    path.write_bytes(rebuilt((f"extra/part{n}.xml", b"") for n in range(1_500)))
    reply = run(f"dpa check {path}")
    assert not reply.ok and "This file has more than 1,000 parts" in reply.text


def test_a_part_packed_like_a_bomb_is_refused_even_under_the_total(run, tmp_path):
    path = tmp_path / "dense.docx"
    path.write_bytes(rebuilt(padding_mb=15))  # 15 MB of blanks in 15 KB: 1000 to 1
    reply = run(f"dpa check {path}")
    assert not reply.ok and "as zip bombs are" in reply.text


def lying(content: bytes, member: str, declared: int) -> bytes:
    """`content` with the directory saying `member` unpacks to `declared` bytes."""
    data = bytearray(content)
    at = data.index(b"PK\x01\x02")  # the first entry of the central directory
    while True:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        extra_length = int.from_bytes(data[at + 30 : at + 32], "little")
        comment_length = int.from_bytes(data[at + 32 : at + 34], "little")
        if data[at + 46 : at + 46 + name_length] == member.encode():
            data[at + 24 : at + 28] = declared.to_bytes(4, "little")
            return bytes(data)
        at += 46 + name_length + extra_length + comment_length


def test_a_docx_whose_directory_lies_about_sizes_is_unpacked_no_further_than_it_says(run, tmp_path):
    """The directory says the document part is 40 KB; it is 5 MB. Reading stops at 40 KB and refuses the file."""
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(rebuilt())) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (5 * MB))
            out.writestr(info.filename, data)
    path = tmp_path / "lying.docx"
    path.write_bytes(lying(packed.getvalue(), "word/document.xml", 40_000))
    reply, peak = peak_allocated(lambda: run(f"dpa check {path}"))
    assert not reply.ok and "Cannot open this file as a Word document" in reply.text
    assert peak < 2 * MB


# -- PDFs and web pages built to burn CPU -------------------------------------------------------------------------


def pdf(content: bytes, *, pages: int = 1, page_extra: bytes = b"") -> bytes:
    """A PDF whose pages all show one shared, deflated content stream."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + n) for n in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        *[
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 4 0 R %s >>" % page_extra
        ]
        * pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_operators(count: int) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * count + b"ET"


def import_file(run, tmp_path: Path, name: str, content: bytes) -> tuple[Reply, float]:
    path = tmp_path / name
    path.write_bytes(content)
    started = time.monotonic()
    reply = run(f"import policy {path}")
    return reply, time.monotonic() - started


def test_a_pdf_with_text_is_read(run, tmp_path):
    content = b"BT /F1 12 Tf 72 720 Td (Septer AS, org.nr. 921 183 739, er behandlingsansvarlig.) Tj ET"
    reply, _ = import_file(run, tmp_path, "policy.pdf", pdf(content))
    assert reply.ok, reply.text
    assert reply.data["subject"] == "Septer AS"


def test_ten_pages_sharing_one_large_content_stream_are_refused_quickly(run, tmp_path):
    """The review's PDF: 10 KB on disk, 5 MB of text operators read once per page (246 s before)."""
    content = pdf(text_operators(714_000), pages=10)
    assert len(content) < 20_000
    reply, seconds = import_file(run, tmp_path, "policy.pdf", content)
    assert not reply.ok and "This PDF is too large or complex to read" in reply.text
    assert "save it as .txt or .docx" in reply.text
    assert seconds < 60  # about 2 s; the limit is what is tested, not the machine's speed


def test_a_pdf_too_slow_for_pypdfs_limits_is_stopped_by_the_time_budget(run, tmp_path, monkeypatch):
    monkeypatch.setattr("text.sandbox.MAX_SECONDS", 2)
    content = pdf(text_operators(200_000), pages=200)  # each page under pypdf's limits, all of them minutes
    reply, seconds = import_file(run, tmp_path, "policy.pdf", content)
    assert not reply.ok and "Reading this file took longer than 2 seconds" in reply.text
    assert seconds < 30


def test_a_web_page_that_makes_htmlparser_quadratic_is_stopped_by_the_time_budget(run, tmp_path, monkeypatch):
    monkeypatch.setattr("text.sandbox.MAX_SECONDS", 2)
    reply, seconds = import_file(run, tmp_path, "policy.html", b"<a " * 100_000)  # minutes in Python 3.11
    assert not reply.ok and "Reading this file took longer than 2 seconds" in reply.text
    assert seconds < 30


def test_a_pdf_that_reaches_a_pypdf_limit_is_answered_not_crashed(run, tmp_path):
    huge_array = b"/Junk [" + b"0 " * 150_000 + b"]"  # pypdf allows 100,000 elements and raises LimitReachedError
    reply, _ = import_file(run, tmp_path, "policy.pdf", pdf(b"BT ET", page_extra=huge_array))
    assert not reply.ok and "This PDF is too large or complex to read" in reply.text


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n" + random.Random(8).randbytes(3000),
        pdf(b"BT /F1 12 Tf (Septer AS) Tj ET")[:300],
        pdf(b"BT /F1 12 Tf (Septer AS) Tj ET").replace(b"/FlateDecode", b"/LZWDecode"),
        b"not a pdf",
    ],
    ids=["random", "truncated", "wrong-filter", "not-a-pdf"],
)
def test_damaged_pdfs_are_answered_not_crashed(run, tmp_path, content):
    reply, _ = import_file(run, tmp_path, "policy.pdf", content)
    assert not reply.ok and "PDF" in reply.text and "Accepted:" in reply.text


# -- through Slack -------------------------------------------------------------------------------------------------


@pytest.fixture
def app(fake: FakeSlack, tmp_path: Path) -> Iterator[App]:
    for registry in demo_registry(tmp_path):
        yield bolt_app(slack_services(registry), fake.client())


def share(app: App, fake: FakeSlack, name: str, content: bytes, **file: object) -> str:
    """An employee sends `content` in a DM with `dpa check`; the bot's answer."""
    event = dm_message("dpa check", user=EMPLOYEE)
    event.update(subtype="file_share", files=[{**fake.host_file(name, content), **file}])
    assert send_signed(app, event_callback(event)).status == 200
    post = fake.last("chat.postMessage")
    return post.params.get("text", "") + json.dumps(post.json("blocks") or [], ensure_ascii=False)


def test_a_zip_bomb_sent_in_a_dm_is_refused_before_it_is_unpacked(app, fake, bomb):
    answer, peak = peak_allocated(lambda: share(app, fake, "bomb.docx", bomb))
    assert "This file unpacks to more than 50 MB" in answer
    assert peak < 5 * MB


def test_a_file_slack_says_is_too_large_is_not_downloaded(app, fake):
    answer = share(app, fake, "big.docx", b"x", size=25 * MB)
    assert "The file is too large (25.0 MB)" in answer and "files up to 20 MB" in answer
    assert not fake.calls("file_download")


def test_a_redirect_to_another_host_never_gets_the_token(app, fake):
    with FakeSlack() as elsewhere:
        target = elsewhere.host_file("stolen.txt", DPA_TEXT.encode())["url_private_download"]
        fake.respond("file_download", "", status=302, headers={"Location": target.replace("127.0.0.1", "localhost")})
        answer = share(app, fake, "draft.txt", DPA_TEXT.encode())
        assert fake.last("file_download").token == "xoxb-test"  # Slack itself got the token
        assert not elsewhere.calls()
    assert "Slack sent the download elsewhere (localhost)" in answer


def test_a_redirect_within_slack_is_followed_with_the_token(app, fake):
    moved = fake.host_file("moved.txt", DPA_TEXT.encode())["url_private_download"]
    fake.respond("file_download", "", status=302, headers={"Location": moved}, times=1)
    answer = share(app, fake, "draft.txt", b"")
    assert [call.token for call in fake.calls("file_download")] == ["xoxb-test", "xoxb-test"]
    assert "draft.txt:" in answer and "breach" in answer.lower()


@pytest.mark.parametrize(
    "url",
    [
        "http://files.slack.com/files-pri/T123-F1/download/dpa.txt",
        "https://files.slack.com:8443/files-pri/T123-F1/download/dpa.txt",
        "https://files.slack.com.attacker.example/files-pri/T123-F1/download/dpa.txt",
    ],
    ids=["http", "other-port", "lookalike-host"],
)
def test_downloads_only_over_https_from_slacks_file_host(app, fake, url):
    answer = share(app, fake, "dpa.txt", b"x", url_private_download=url)
    assert "Slack gave no download address for dpa.txt on its file servers (https://files.slack.com)" in answer
    assert not fake.calls("file_download")


def test_the_api_host_on_another_port_gets_no_token(app, fake):
    with FakeSlack() as elsewhere:  # same host as the Web API (127.0.0.1), another port
        url = elsewhere.host_file("dpa.txt", DPA_TEXT.encode())["url_private_download"]
        answer = share(app, fake, "dpa.txt", b"x", url_private_download=url)
        assert not elsewhere.calls()
    assert "no download address" in answer
