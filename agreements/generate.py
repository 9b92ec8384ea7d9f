"""Writing a DPA: facts from the registry, values in the chosen language, the template filled, the draft recorded."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from agreements.content import DpaFacts, gather
from agreements.template import render
from agreements.values import DpaOptions, properties, values
from registry.errors import InputError, RegistryError
from registry.models import Agreement, Party
from registry.names import LEGAL_FORMS
from registry.registry import Actor, Registry
from registry.review import ReviewSettings

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"
PDF_TIMEOUT = 120  # seconds LibreOffice may take to convert one agreement


class DpaRefused(RegistryError):
    """The registry lacks what the DPA must state, or a transfer in it has no valid mechanism."""

    def __init__(self, facts: DpaFacts, *, no_measures: bool = False) -> None:
        self.facts = facts
        pair = f"{facts.controller.name} and {facts.processor.name}"
        lines = [f"No DPA was written for {pair}; nothing was recorded."]
        if facts.missing:
            lines.append("The registry lacks what the agreement must state:")
            lines += [f"• {m}" for m in facts.missing]
        if facts.refused:
            lines.append(
                "A transfer in this processing has no valid legal ground, and the document would present it as valid:"
            )
            lines += [f"• {f.reason} Fix: {f.fix}" for f in facts.refused]
        if no_measures:
            lines.append(
                "Annex C must state the processor's own security measures. To read the agreement before they "
                "are recorded, add draft=yes: it writes a draft for internal review only, and records nothing."
            )
        super().__init__("\n".join(lines))


@dataclass
class Generated:
    name: str
    content: bytes
    agreement: Agreement | None  # None for an internal draft (draft=yes), which is not recorded
    facts: DpaFacts
    other_language: Agreement | None = None  # the same version's draft in the other language, when there is one


class PdfUnavailable(RegistryError):
    """LibreOffice, which makes the PDF, is not installed or failed."""


def to_pdf(content: bytes, name: str, *, timeout: int = PDF_TIMEOUT) -> bytes:
    """The same agreement as PDF, converted by LibreOffice (soffice --headless) in a temporary directory."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise PdfUnavailable(
            "No PDF: LibreOffice (soffice) is not installed where the bot runs. The Word document was written; "
            "convert it yourself, or install LibreOffice (apt-get install libreoffice-writer)."
        )
    with tempfile.TemporaryDirectory(prefix="dpa-pdf-") as tmp:
        source = Path(tmp) / name
        source.write_bytes(content)
        # A profile of its own, so a LibreOffice the user has open does not swallow the conversion.
        profile = f"-env:UserInstallation=file://{Path(tmp) / 'profile'}"
        try:
            subprocess.run(
                [office, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            raise PdfUnavailable(f"No PDF: LibreOffice took more than {timeout} seconds to convert {name}.") from e
        pdf = source.with_suffix(".pdf")
        if not pdf.is_file():
            raise PdfUnavailable(f"No PDF: LibreOffice could not convert {name}.")
        return pdf.read_bytes()


def generate(
    registry: Registry,
    actor: Actor,
    controller: Party,
    processor: Party,
    *,
    options: DpaOptions,
    templates: Path,
    settings: ReviewSettings,
    save: Callable[[str, bytes], None] | None = None,
) -> Generated:
    """Write the DPA and record it as a draft with its version and SHA-256; `save` stores the file (console).

    Everything happens in one registry transaction, so two DPOs generating at once get consecutive versions and a
    refused or failed generation records nothing. The processor's own security measures must be recorded (the
    document never carries a note asking the parties to fill them in); `options.draft` writes the agreement
    without them as an internal draft for review, which is neither recorded nor superseding anything.
    """
    now = registry.clock()
    today = now.date()
    template = template_path(templates, options.template, options.lang).read_bytes()
    with registry.change(actor) as w:
        facts = gather(registry, controller, processor, today=today, settings=settings)
        no_measures = not facts.processor.measures and not options.draft
        if no_measures:
            facts.missing.append(
                f"the processor {processor.name}'s technical and organisational security measures, which add to the "
                f'standard ones in the annex (party set "{processor.name}" measures="...; ...")'
            )
        if facts.missing or facts.refused:
            raise DpaRefused(facts, no_measures=no_measures)
        version = facts.version_for(options.lang)
        # The other language's draft of this same version: both are one agreement version, neither supersedes.
        other = next((a for a in facts.agreements if a.version == version and a.status == "draft"), None)
        facts.agreements = [a for a in facts.agreements if a.version < version]
        name = file_name(controller, processor, today, version, options.lang, draft=options.draft)
        if other is not None:
            options = replace(options, bilingual=True)
        content = render(
            template, values(facts, options, today=today), properties=properties(facts, options, now=now, name=name)
        )
        if save is not None:
            save(name, content)
        if options.draft:
            return Generated(name=name, content=content, agreement=None, facts=facts)
        for older in facts.agreements:
            if older.status == "draft":
                w.update(older, {"status": "superseded"})
        saved = w.insert(
            Agreement(
                controller=controller.id or 0,
                processor=processor.id or 0,
                status="draft",
                file=name,
                sha256=hashlib.sha256(content).hexdigest(),
                version=version,
                created=today,
                lang=options.lang,
                breach_hours=options.breach_hours,
            )
        )
    return Generated(name=name, content=content, agreement=saved, facts=facts, other_language=other)


def template_path(templates: Path, name: str, lang: str) -> Path:
    path = templates / f"{name}.{lang}.docx"
    if not re.fullmatch(r"[\w-]{1,64}", name) or not path.is_file():  # checked before the file system sees it
        available = sorted({p.name.split(".")[0] for p in templates.glob("*.*.docx")})
        raise InputError(
            f"No template {name!r} in {lang}",
            accepted=f"template= one of {', '.join(available) or '(none found in ' + str(templates) + ')'}",
        )
    return path


def file_name(
    controller: Party, processor: Party, day: date, version: int, lang: str = "nb", *, draft: bool = False
) -> str:
    """nordlys-septer-2026-11-22-v1.docx; an English version adds its language (...-v1-en.docx), an internal draft
    says so (...-v1-internal-draft.docx)."""
    suffix = ("" if lang == "nb" else f"-{lang}") + ("-internal-draft" if draft else "")
    return f"{_slug(controller.name)}-{_slug(processor.name)}-{day.isoformat()}-v{version}{suffix}.docx"


def _slug(name: str) -> str:
    """A file-name-safe short form: 'Nordlys Eiendomsdrift AS' -> 'nordlys-eiendomsdrift'."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text)
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return "-".join(words)[:40].strip("-") or "party"
