"""How much the bot will read of a file someone sent, and the refusal when a file asks for more.

A real DPA, privacy policy or vendor list is far inside every limit; a zip bomb or a PDF built to burn CPU is far
outside. A refusal says what was wrong and what would be read."""

from __future__ import annotations

MB = 1024 * 1024
MAX_BYTES = 20 * MB  # the file as sent; a 100-page DPA with its logos is under 2 MB
# A .docx is a zip archive: limits read from its directory before anything is unpacked, and again while unpacking.
MAX_MEMBERS = 1_000  # Word writes 10-30 parts, a few hundred with many images
MAX_MEMBER_UNPACKED = 20 * MB  # one part; the text of a 300-page contract is under 10 MB of XML
MAX_UNPACKED = 50 * MB  # all parts together; images are stored as compressed as they came
MAX_RATIO = 100  # Word's XML packs at most ~30:1; zeros pack ~1000:1
RATIO_FROM = 1 * MB  # small parts (styles, settings) may pack tighter; they cannot make a bomb
# Parsers that can be made slow (PDF, HTML) run in a child process with a time and memory budget.
MAX_SECONDS = 30  # a 300-page PDF reads in a few seconds
MAX_MEMORY = 512 * MB  # the child's whole address space; reading a 20 MB PDF takes a fraction of it
MAX_CHARACTERS = 5_000_000  # text out of one file: about 2,500 pages


class FileRefused(Exception):
    """The file was not read: `problem` says why, `accepted` what would be read."""

    def __init__(self, problem: str, accepted: str) -> None:
        self.problem = problem
        self.accepted = accepted
        super().__init__(f"{problem}. Accepted: {accepted}")
