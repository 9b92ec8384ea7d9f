"""Block Kit for personal data breaches: the report form, the privacy team's card with its buttons and their
small forms, and the offer under a direct message that tells of a breach. Pure functions, unit-tested."""

from __future__ import annotations

from typing import Any

from chat.slack.blocks import SECTION_LIMIT, Block, _cut, _input, _plain, chunks, escape, pack_value, person

REPORT_MODAL = "breach_report_modal"
ASSESS_MODAL = "breach_assess_modal"
NOTIFIED_MODAL = "breach_notified_modal"
REPORT_ACTION = "breach_report_open"  # "Report it" under a DM: opens the report form
QUESTION_ACTION = "breach_not_a_breach"  # "No, it's a question": answered as one
CARD_ACTIONS = ("breach_assess", "breach_notified", "breach_draft", "breach_close")
TEXT_LIMIT = 3000  # Slack's limit on a text input

_LABELS = {
    "en": {
        "title": "Report a data breach",
        "submit": "Report",
        "close": "Cancel",
        "intro": "Personal data lost, stolen, sent to the wrong person, changed or made unavailable? Say what you "
        "know; the privacy team takes it from here. Only they see the report.",
        "what": "What happened?",
        "discovered": "When was it discovered?",
        "discovered_hint": "Leave it empty if it was just now.",
        "data": "Which personal data?",
        "subjects": "Whose data? (customers, employees, ...)",
        "people": "Roughly how many people?",
        "done": "What has been done so far?",
        "company": "A customer's data, or a supplier's breach? Name the company",
        "company_hint": "Optional: the customer we process the data for, or the supplier where it happened.",
    },
    "nb": {
        "title": "Meld et avvik",
        "submit": "Meld",
        "close": "Avbryt",
        "intro": "Er personopplysninger mistet, stjålet, sendt til feil mottaker, endret eller utilgjengelige? "
        "Fortell det du vet; personvernteamet tar det videre. Bare de ser meldingen.",
        "what": "Hva skjedde?",
        "discovered": "Når ble det oppdaget?",
        "discovered_hint": "La feltet stå tomt hvis det var nettopp.",
        "data": "Hvilke personopplysninger?",
        "subjects": "Hvem gjelder det? (kunder, ansatte, ...)",
        "people": "Omtrent hvor mange personer?",
        "done": "Hva er gjort så langt?",
        "company": "Gjelder det en kundes data, eller skjedde det hos en leverandør? Navn på selskapet",
        "company_hint": "Valgfritt: kunden vi behandler opplysningene for, eller leverandøren der det skjedde.",
    },
}


def _text(action_id: str, *, multiline: bool = False, initial: str | None = None) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": action_id, "max_length": TEXT_LIMIT}
    if multiline:
        element["multiline"] = True
    if initial:
        element["initial_value"] = initial[:TEXT_LIMIT]
    return element


def _mrkdwn(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_LIMIT)}}


def _modal(callback: str, title: str, submit: str, blocks: list[Block], metadata: str, close: str = "Cancel") -> Block:
    return {
        "type": "modal",
        "callback_id": callback,
        "private_metadata": metadata,
        "title": _plain(title[:24]),
        "submit": _plain(submit),
        "close": _plain(close),
        "blocks": blocks,
    }


def report_modal(lang: str, *, text: str = "", metadata: str = "") -> Block:
    """The report form; the block ids are the fields, so a refusal lands on the field it is about. `text`
    pre-fills what happened (the message the shortcut was used on, or the direct message)."""
    t = _LABELS["nb" if lang == "nb" else "en"]
    discovered = {"type": "datetimepicker", "action_id": "discovered"}
    blocks = [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(t["intro"])}]},
        _input("what", t["what"], _text("what", multiline=True, initial=text), optional=False),
        _input("discovered", t["discovered"], discovered, hint=t["discovered_hint"]),
        _input("data", t["data"], _text("data")),
        _input("subjects", t["subjects"], _text("subjects")),
        _input("people", t["people"], _text("people")),
        _input("done", t["done"], _text("done", multiline=True)),
        _input("company", t["company"], _text("company"), hint=t["company_hint"]),
    ]
    return _modal(REPORT_MODAL, t["title"], t["submit"], blocks, metadata, t["close"])


def offer(lang: str, *, sure: bool, value: dict[str, Any]) -> list[Block]:
    """Under a direct message that tells of a breach: a button to report it (the form opens filled in; nothing
    is recorded without the click), and when the bot is not sure, a second to have it answered as a question."""
    nb = lang == "nb"
    if sure:
        text = (
            "Dette høres ut som et avvik (brudd på personopplysningssikkerheten). Meld det til personvernteamet: "
            "de har 72 timer på seg til å melde fra til Datatilsynet."
            if nb
            else "This sounds like a personal data breach. Report it to the privacy team: they have 72 hours to "
            "notify Datatilsynet."
        )
    else:
        text = "Er dette et avvik (brudd på personopplysningssikkerheten)?" if nb else "Is this a personal data breach?"
    packed = pack_value(dict(value))
    buttons = [
        {
            "type": "button",
            "action_id": REPORT_ACTION,
            "text": _plain("Meld avviket" if nb else "Report it"),
            "style": "primary",
            "value": packed,
        }
    ]
    if not sure:
        label = "Nei, det er et spørsmål" if nb else "No, it's a question"
        buttons.append({"type": "button", "action_id": QUESTION_ACTION, "text": _plain(label), "value": packed})
    return [_mrkdwn(escape(text)), {"type": "actions", "block_id": "breach_offer", "elements": buttons}]


_VIA = {
    "shortcut": "with Report a data breach on a message",
    "modal": "with the Report a data breach form",
    "dm": "in a direct message",
    "command": "with /dpa breach new",
    "console": "at the console",
}


def card(data: dict[str, Any], *, route: list[str], clock: str) -> Block:
    """The privacy team's card for a breach: who reported it and how, the report as written, the facts given,
    who must be told (or that the risk is ours to assess), the 72-hour deadline in Norwegian time, and the
    buttons (Assess, Mark authority notified, Draft, Close) while it is open."""
    head = f"Personal data breach #{data['id']}"
    reporter = person(data["reported_by"]) if data.get("reported_by") else "(deleted after the retention period)"
    via = _VIA.get(data.get("source") or "", "")
    lines = [f"*Reported by* {reporter}" + (f" ({via})" if via else "")]
    origin = data.get("origin") or {}
    if origin.get("channel"):
        author = f" by {person(origin['author'])}" if origin.get("author") else ""
        lines.append(f"*From a message*{author} in <#{origin['channel']}> (ts {origin.get('ts')})")
    lines.append(f"*Aware* {data['aware_text']} · *{escape(clock)}*")
    facts = [
        ("Discovered", data.get("discovered_text")),
        ("Which data", data.get("data")),
        ("Whose", data.get("subjects")),
        ("People", data.get("people")),
        ("Done so far", data.get("measures")),
        ("Risk", data.get("risk")),
    ]
    lines += [f"*{label}:* {escape(str(value))}" for label, value in facts if value not in (None, "")]
    quoted = "\n".join(f"> {line}" for line in escape(data.get("text") or "").splitlines())
    body: list[Block] = [
        {"type": "header", "text": _plain(head)},
        _mrkdwn("\n".join(lines)),
        *(_mrkdwn(piece) for piece in chunks(quoted or "> (the report's text was deleted after the retention period)")),
        _mrkdwn("*Route:* " + escape("\n".join(route))),
    ]
    if data.get("status") == "closed":
        by = person(data["closed_by"]) if data.get("closed_by") else "someone (not recorded)"
        closed = {"type": "mrkdwn", "text": f"*Closed* by {by} on {(data.get('closed') or '')[:10]}."}
        return {"text": f"{head} (closed)", "blocks": [*body, {"type": "context", "elements": [closed]}]}
    value = str(data["id"])
    labels = ("Assess", "Mark authority notified", "Draft", "Close")
    buttons = [
        {"type": "button", "action_id": action, "text": _plain(label), "value": value}
        for action, label in zip(CARD_ACTIONS, labels, strict=True)
    ]
    buttons[0]["style"] = "primary"
    body.append({"type": "actions", "block_id": f"breach_{value}", "elements": buttons})
    return {"text": f"{head}: {clock}", "blocks": body}


def stub(breach_id: int) -> Block:
    """What a card becomes once the report's details are deleted (the register keeps the facts)."""
    return {
        "text": f"Personal data breach #{breach_id}: the report's details were deleted after the retention period.",
        "blocks": [],
    }


def assess_modal(metadata: str) -> Block:
    risk = {
        "type": "radio_buttons",
        "action_id": "risk",
        "options": [
            {"text": _plain("None: unlikely to result in a risk (documented, not notified)"), "value": "none"},
            {"text": _plain("Risk: notify Datatilsynet within 72 hours"), "value": "risk"},
            {"text": _plain("High risk: also tell the data subjects (Art. 34)"), "value": "high"},
        ],
    }
    blocks = [
        _input("risk", "Risk to people's rights and freedoms", risk, optional=False),
        _input("reason", "Why (the reasoning is documented)", _text("reason", multiline=True), optional=False),
    ]
    return _modal(ASSESS_MODAL, "Assess the risk", "Save", blocks, metadata)


def notified_modal(metadata: str, *, deadline: str, subjects: bool) -> Block:
    """When Datatilsynet was notified, its reference, and after the deadline the reasons for the delay; for a
    high risk, also when the data subjects were told."""
    blocks = [
        _input("at", "When was Datatilsynet notified?", {"type": "datetimepicker", "action_id": "at"}, optional=False),
        _input("reference", "Datatilsynet's reference", _text("reference")),
        _input(
            "delay",
            "Reasons for the delay",
            _text("delay", multiline=True),
            hint=f"Required when notified after the 72-hour deadline ({deadline}), Art. 33(1).",
        ),
    ]
    if subjects:
        told = {"type": "datepicker", "action_id": "subjects"}
        blocks.append(_input("subjects", "When were the data subjects told? (Art. 34)", told))
    return _modal(NOTIFIED_MODAL, "Authority notified", "Save", blocks, metadata)
