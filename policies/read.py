"""The text of a privacy policy or vendor list as received: plain text, Word, a saved web page or a PDF."""

from __future__ import annotations

from registry.errors import InputError
from text import files
from text.limits import FileRefused

KINDS = (files.PLAIN, files.DOCX, files.HTML, files.PDF)


def policy_text(content: bytes, name: str) -> str:
    """The document's text, one paragraph a line."""
    try:
        return files.document_text(content, name, KINDS)
    except FileRefused as exc:
        raise InputError(exc.problem, value=name, accepted=exc.accepted) from exc
