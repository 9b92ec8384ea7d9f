"""The reply to `dpa check`: each Art. 28 element present (with its evidence) or missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chat.reply import Reply

if TYPE_CHECKING:
    from agreements.check import Result


def check_file(content: bytes, name: str) -> Reply:
    """`dpa check` on a file's bytes (.pdf, .docx, .txt or .md), read by agreements.check_read within its limits."""
    # Imported when first used: compiling the checker's vocabulary is a fifth of the bot's start-up.
    from agreements.check import check_text
    from agreements.check_read import document_text

    return check_report(name, check_text(document_text(content, name)))


def check_report(name: str, results: list[Result]) -> Reply:
    """The verdicts as a gap list a DPO can send as is: missing, weak and by-reference first, each with why,
    then what is present with the sentence that carries it."""
    missing = [r for r in results if r.verdict == "missing"]
    weak = [r for r in results if r.verdict == "weak"]
    by_reference = [r for r in results if r.verdict == "by-reference"]
    gaps = len(missing) + len(weak) + len(by_reference)
    if gaps:
        parts = [
            f"{len(group)} {word}"
            for group, word in ((missing, "missing"), (weak, "weak"), (by_reference, "only by reference"))
            if group
        ]
        head = (
            f"{name}: {gaps} of the {len(results)} elements GDPR Art. 28 requires need attention ({', '.join(parts)})."
        )
    else:
        head = f"{name}: all {len(results)} elements GDPR Art. 28 requires are present."
    lines = [head]
    for r in missing:
        lines.append(f"✗ {r.element.label} ({r.element.reference}): not found" + (f" — {r.why}" if r.why else ""))
    for r in weak:
        lines.append(f"⚠ {r.element.label} ({r.element.reference}): weak — {r.why}: “{r.evidence}”")
    for r in by_reference:
        quoted = f": “{r.evidence}”" if r.evidence else ""
        lines.append(f"↪ {r.element.label} ({r.element.reference}): by reference only — {r.why}{quoted}")
    for r in results:
        if r.present:
            lines.append(f"✓ {r.element.label} ({r.element.reference}): “{r.evidence}”")
    data = {
        "file": name,
        "missing": [r.element.key for r in missing],
        "weak": [r.element.key for r in weak],
        "by_reference": [r.element.key for r in by_reference],
        "elements": [
            {
                "key": r.element.key,
                "label": r.element.label,
                "label_nb": r.element.label_nb,
                "reference": r.element.reference,
                "present": r.present,
                "verdict": r.verdict,
                "evidence": r.evidence,
                "why": r.why,
            }
            for r in results
        ],
    }
    return Reply("\n".join(lines), data=data)
