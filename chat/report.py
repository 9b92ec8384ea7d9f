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
    missing = [r for r in results if not r.present]
    if missing:
        head = (
            f"{name}: {len(missing)} of the {len(results)} elements GDPR Art. 28 requires "
            f"{'is' if len(missing) == 1 else 'are'} missing."
        )
    else:
        head = f"{name}: all {len(results)} elements GDPR Art. 28 requires are present."
    lines = [head]
    for r in missing:
        lines.append(f"✗ {r.element.label} ({r.element.reference}): not found")
    for r in results:
        if r.present:
            lines.append(f"✓ {r.element.label} ({r.element.reference}): “{r.evidence}”")
    data = {
        "file": name,
        "missing": [r.element.key for r in missing],
        "elements": [
            {
                "key": r.element.key,
                "label": r.element.label,
                "label_nb": r.element.label_nb,
                "reference": r.element.reference,
                "present": r.present,
                "evidence": r.evidence,
            }
            for r in results
        ],
    }
    return Reply("\n".join(lines), data=data)
