"""The text of a PDF, page by page. Runs in the reading child process (text.sandbox), which bounds its time and
memory; pypdf's own limits are lowered to what a policy or DPA never needs."""

from __future__ import annotations

import io

from text.limits import MB, FileRefused

ACCEPTED = "a PDF with a text layer that is not damaged or encrypted; else save it as .txt or .docx"
# Any stream, once decoded: a page of text is tens of KB; 75 MB (pypdf's default) lets one page cost seconds.
_MAX_STREAM = 10 * MB
# Operators and operands in one page's content: a dense page of text has tens of thousands (default 2,000,000).
_MAX_TOKENS = 500_000


def pdf_text(content: bytes) -> str:
    """Each page's text, pages one a line. FileRefused for any PDF pypdf cannot read, or that breaks its limits."""
    from pypdf import PdfReader, apply_configuration  # imported here: only the reading child needs pypdf
    from pypdf.errors import LimitReachedError

    limits = {
        "maximum_declared_stream_length": _MAX_STREAM,
        "array_based_stream_maximum_output_length": _MAX_STREAM,
        "zlib_maximum_output_length": _MAX_STREAM,
        "lzw_maximum_output_length": _MAX_STREAM,
        "run_length_maximum_output_length": _MAX_STREAM,
        "brotli_maximum_output_length": _MAX_STREAM,
        "stream_parsing_work_maximum_count": _MAX_TOKENS,
    }
    try:
        with apply_configuration(**limits):
            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    except (LimitReachedError, MemoryError, RecursionError) as exc:
        raise FileRefused("This PDF is too large or complex to read", ACCEPTED) from exc
    except Exception as exc:  # a crafted PDF makes pypdf raise anything; each is a damaged file
        raise FileRefused("Cannot read this PDF; it may be damaged or encrypted", ACCEPTED) from exc
