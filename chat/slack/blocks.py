"""Block Kit builders: pure functions from our data to Slack's JSON, unit-tested without Slack."""

from __future__ import annotations

import json
import re
from typing import Any

from chat.reply import Reply
from inquiries.classify import TYPES
from inquiries.deadlines import EXTENDED_RULE

SECTION_LIMIT = 3000  # characters of text in one section block
MESSAGE_BLOCKS = 50  # blocks in one message
PARTY_MODAL = "party_add_modal"
DPA_MODAL = "dpa_generate_modal"
OPTIONS_LIMIT = 100  # options in a static select

Block = dict[str, Any]


def escape(text: str) -> str:
    """Make user-entered text inert in mrkdwn: no @channel pings, no links or mentions smuggled in."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Refusals name the privacy team as <@U…> / <!subteam^S…>; those are the only markup let through, never
# <!channel>, <!here>, <!everyone> or links.
_PERSON = re.compile(r"&lt;(@[UW][A-Z0-9_]+|!subteam\^S[A-Z0-9_]+)&gt;")
_USER_ID = re.compile(r"[UW][A-Z0-9_]+")


def escape_keeping_mentions(text: str) -> str:
    return _PERSON.sub(r"<\1>", escape(text))


def _cut_at(text: str, limit: int) -> int:
    """Where to cut `text` at most `limit` characters in: not inside an entity (&amp;, &lt;, &gt;) escape made."""
    amp = text.rfind("&", max(0, limit - 4), limit)
    return amp if amp > 0 and ";" not in text[amp:limit] else limit


def _cut(text: str, limit: int) -> str:
    return text[: _cut_at(text, limit)] if len(text) > limit else text


def chunks(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split text at line breaks into pieces Slack accepts; a single overlong line is split at spaces."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else _cut_at(line, limit)
            pieces.extend([current] if current else [])
            current = ""
            pieces.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current or not pieces:
        pieces.append(current)
    return pieces


def reply_messages(reply: Reply) -> list[dict[str, Any]]:
    """A Reply as one or more messages (text + blocks), split so nothing is cut off mid-way."""
    shown = reply.text if reply.ok else f":warning: {reply.text}"
    # Only a refusal's text is wholly the bot's (it names the privacy team); in any other reply a <@U…> came
    # from a name or text someone typed, and must not ping anyone.
    refusal = not reply.ok and bool((reply.data or {}).get("refused"))
    text = escape_keeping_mentions(shown) if refusal else escape(shown)
    sections = [{"type": "section", "text": {"type": "mrkdwn", "text": piece or " "}} for piece in chunks(text)]
    messages = []
    for start in range(0, len(sections), MESSAGE_BLOCKS):
        blocks = sections[start : start + MESSAGE_BLOCKS]
        messages.append({"text": _cut(blocks[0]["text"]["text"], 300), "blocks": blocks})
    return messages


HAND_IN_ACTION = "question_hand_in"  # the button under an answer to "someone asked me for their data"
_VALUE_LIMIT = 2000  # Slack's limit on a button's value


def hand_in_button(lang: str, *, text: str, channel: str, ts: str, source: str, author: str | None) -> Block:
    """A button that hands the asker's message in as an inquiry; its value carries the message (cut to fit)."""
    packed = pack_value({"c": channel, "ts": ts, "s": source, "u": author, "t": text})
    label = "Send til personvernteamet" if lang == "nb" else "Send to privacy team"
    button = {"type": "button", "action_id": HAND_IN_ACTION, "text": _plain(label), "style": "primary", "value": packed}
    return {"type": "actions", "block_id": HAND_IN_ACTION, "elements": [button]}


def pack_value(value: dict[str, Any]) -> str:
    """A button's value as JSON, its text ("t") cut so that it fits Slack's limit."""
    packed = json.dumps(value, ensure_ascii=False)
    while len(packed) > _VALUE_LIMIT:
        value["t"] = value["t"][: len(value["t"]) - (len(packed) - _VALUE_LIMIT) - 1]
        packed = json.dumps(value, ensure_ascii=False)
    return packed


CONFIRM_ACTION = "confirm_command"  # the button under a reply that asks to confirm a command (`undo`)


def confirm_button(line: str) -> Block:
    """A Confirm button that runs `line` (the command the reply asked to confirm) as the one who presses it."""
    button = {
        "type": "button",
        "action_id": CONFIRM_ACTION,
        "text": _plain("Confirm"),
        "style": "danger",
        "value": line,
    }
    return {"type": "actions", "block_id": CONFIRM_ACTION, "elements": [button]}


def _input(block_id: str, label: str, element: Block, *, optional: bool = True, hint: str | None = None) -> Block:
    block: Block = {"type": "input", "block_id": block_id, "label": _plain(label), "element": element}
    block["optional"] = optional
    if hint:
        block["hint"] = _plain(hint)
    return block


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:150], "emoji": True}


def _text_input(action_id: str, placeholder: str | None = None) -> Block:
    element: Block = {"type": "plain_text_input", "action_id": action_id}
    if placeholder:
        element["placeholder"] = _plain(placeholder)
    return element


def _option(label: str, value: str) -> Block:
    return {"text": _plain(label[:75]), "value": value[:150]}


PARTY_FIELDS = (
    ("name", "Name", "IWMAC AS", False, None),
    ("orgnr", "Organisation number", "921 183 739", True, "Checked for Norwegian parties; free text for others."),
    ("country", "Country (ISO code)", "NO", True, None),
    ("email", "Privacy contact e-mail", "privacy@example.no", True, None),
    ("dpo", "DPO e-mail", "personvernombud@example.no", True, None),
    ("aliases", "Other names (comma-separated)", "Brand, product", True, None),
    ("address", "Address", None, True, None),
)


def party_modal() -> dict[str, Any]:
    """The form for adding a party; block ids equal the command's keys so errors land on the right field."""
    blocks = [
        _input(key, label, _text_input(key, placeholder), optional=optional, hint=hint)
        for key, label, placeholder, optional, hint in PARTY_FIELDS
    ]
    blocks.append(
        _input(
            "channel",
            "Slack channel for its inquiries",
            {"type": "conversations_select", "action_id": "channel", "filter": {"include": ["public", "private"]}},
        )
    )
    return {
        "type": "modal",
        "callback_id": PARTY_MODAL,
        "title": _plain("Add a party"),
        "submit": _plain("Add"),
        "close": _plain("Cancel"),
        "blocks": blocks,
    }


def dpa_modal(parties: list[tuple[int, str]], *, total: int) -> dict[str, Any]:
    """The form for generating a DPA: controller and processor from the registry, the language, and how the
    controller authorises sub-processors (Art. 28(2))."""
    options = [_option(name, str(pid)) for pid, name in parties[:OPTIONS_LIMIT]]
    note = []
    if total > OPTIONS_LIMIT:
        note = [
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": f"Showing the first {OPTIONS_LIMIT} of {total} parties; "
                        "use `/dpa dpa generate CONTROLLER PROCESSOR` for the others.",
                    }
                ],
            }
        ]
    language = {
        "type": "radio_buttons",
        "action_id": "lang",
        "initial_option": _option("Norsk (bokmål)", "nb"),
        "options": [_option("Norsk (bokmål)", "nb"), _option("English", "en")],
    }
    general = _option("General: told in advance, may object", "general")
    authorisation = {
        "type": "radio_buttons",
        "action_id": "authorisation",
        "initial_option": general,
        "options": [general, _option("Specific: approves each one", "specific")],
    }
    return {
        "type": "modal",
        "callback_id": DPA_MODAL,
        "title": _plain("Generate a DPA"),
        "submit": _plain("Generate"),
        "close": _plain("Cancel"),
        "blocks": [
            _input(
                "controller",
                "Controller",
                {"type": "static_select", "action_id": "controller", "options": options},
                optional=False,
            ),
            _input(
                "processor",
                "Processor",
                {"type": "static_select", "action_id": "processor", "options": options},
                optional=False,
            ),
            _input("lang", "Language", language, optional=False),
            _input("authorisation", "Sub-processors", authorisation, optional=False),
            *note,
        ],
    }


def home_dpo(summary: dict[str, Any]) -> dict[str, Any]:
    """App Home for the DPO: the registry at a glance, what needs attention, and the common actions."""
    counts = summary["counts"]
    lines = [
        f"*{counts['parties']}* parties · *{counts['engagements']}* engagements · "
        f"*{counts['agreements']}* agreements on record"
    ]
    blocks: list[Block] = [
        {"type": "header", "text": _plain("Privacy registry")},
        {"type": "section", "text": {"type": "mrkdwn", "text": lines[0]}},
        {
            "type": "actions",
            "block_id": "home_actions",
            "elements": [
                {"type": "button", "action_id": "open_party_modal", "text": _plain("Add a party"), "style": "primary"},
                {"type": "button", "action_id": "open_dpa_modal", "text": _plain("Generate a DPA")},
                {"type": "button", "action_id": "list_parties", "text": _plain("List parties")},
            ],
        },
        {"type": "divider"},
    ]
    breaches = [
        f"#{b['id']} {b['role']}: {b['clock']}" + (" *Overdue.*" if b["overdue"] else "")
        for b in summary.get("breaches", [])
    ]
    if breaches:
        blocks += _home_section("Open personal data breaches", [escape(b) for b in breaches], "", escaped=True)
    blocks += _home_section("Open review flags", summary["flags"], "No open flags.")
    inquiries = [
        f"#{i['id']} due {i['due']}{' (overdue)' if i['overdue'] else ''}, from {person(i['sender'])}"
        for i in summary["inquiries"]
    ]
    blocks += _home_section("Inquiries due soon", inquiries, "No open inquiries.", escaped=True)
    blocks += _home_section("DPAs up for review", summary["reviews"], "No DPA is due for review in the next 30 days.")
    blocks += _home_section("DPAs waiting for a signature", summary["waiting"], "No DPA is out for signing.")
    return {"type": "home", "blocks": blocks[:100]}


def person(user: str) -> str:
    # A Slack user id becomes a mention; the console records a name, which must stay text.
    return f"<@{user}>" if _USER_ID.fullmatch(user) else escape(user)


def _home_section(title: str, items: list[str], empty: str, *, escaped: bool = False) -> list[Block]:
    shown = items[:10] if escaped else [escape(i) for i in items[:10]]
    text = "\n".join(f"• {i}" for i in shown) if shown else f"_{empty}_"
    if len(items) > len(shown):
        text += (
            f"\n…and {len(items) - len(shown)} more (`/dpa review`)"
            if title.startswith("Open review")
            else (f"\n…and {len(items) - len(shown)} more")
        )
    return [{"type": "section", "text": {"type": "mrkdwn", "text": _cut(f"*{title}*\n{text}", SECTION_LIMIT)}}]


def home_user(dpo_mentions: str, examples: list[str]) -> dict[str, Any]:
    """App Home for everyone else: what the bot can do for them, with example questions about this registry."""
    text = (
        "*Privacy questions?* Mention me or send me a direct message, in Norwegian or English:\n"
        + "".join(f"• _{escape(q)}_\n" for q in examples)
        + "\n"
        "*Got a privacy request* (someone wants their data, or wants it deleted)? Use the message menu "
        "(⋯) → *Send to privacy team*. Don't answer it yourself: the privacy team makes sure the right "
        "company answers in time.\n\n*Personal data lost, stolen or sent to the wrong person?* Use *Report a data "
        "breach* (the message menu ⋯, or the shortcuts menu), or just tell me in a direct message. The privacy "
        f"team has 72 hours to notify Datatilsynet.\n\nThe privacy team: {dpo_mentions}"
    )
    return {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def inquiry_message(
    data: dict[str, Any],
    *,
    types: str,
    judgment: str,
    no_deadline: str | None,
    forwards: list[tuple[str, str | None, str]],
    refusal: str | None = None,
) -> dict[str, Any]:
    """An inquiry delivered to whoever must answer it: what it asks and who decided that, who answers, the
    deadlines (or why there are none), on an access request when it may be refused (Art. 12(5)), the text, the
    text to forward to an external controller, buttons to acknowledge, extend or close, and, when the
    classifier is unsure, one button per likely type."""
    route = data["route"]
    head = f"Privacy inquiry #{data['id']}: {types}"
    facts = [escape(judgment)] if judgment else []
    if data.get("primary") != "foi":  # a request to a public body for documents is no one's GDPR duty
        facts += [
            f"*Goes to:* {escape(', '.join(route.get('to_all') or []))} ({route.get('role')})",
            f"*Why:* {escape(route.get('reason') or '')}",
        ]
    if no_deadline is None:
        facts.append(
            f"*Received* {data['received']} · *answer due* {data['due']} · *extension must be told by* "
            f"{data['extension_notice_due']} · *extended due* {data['extended_due']} ({EXTENDED_RULE})"
        )
        if refusal:
            facts.append(escape(refusal))
    else:
        facts.append(f"*Received* {data['received']} · {escape(no_deadline)}")
    if data.get("forward_by"):
        facts.append(f"*Forward by* {data['forward_by']}; we must not answer it ourselves (Art. 28(3)(e)).")
    if data.get("claimed_deadline"):
        facts.append(f"The text claims “{escape(data['claimed_deadline'])}”; the law's deadline above applies.")
    if route.get("candidates"):
        facts.append("*Candidates:* " + escape("; ".join(route["candidates"])))
        if route.get("settle"):
            facts.append("*To settle it:* " + escape(route["settle"]))
    if data.get("linked_to"):
        facts.append(f"*Reminder of inquiry #{data['linked_to']}.*")
    facts.append(f"*Handed in by* {handed_in(data)}")
    quoted = "\n".join(f"> {line}" for line in escape(data.get("text") or "").splitlines()) or "> (no text)"
    body: list[Block] = [
        {"type": "header", "text": _plain(head)},
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut("\n".join(facts), SECTION_LIMIT)}},
        *({"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in chunks(quoted)),
    ]
    for label, email, text in forwards:
        to = f" to {escape(email)}" if email else " (no contact address on record: find one)"
        body.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*Ready to send{to}* ({escape(label)}):"}})
        body += [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"```{piece}```"}}
            for piece in chunks(escape(text), SECTION_LIMIT - 6)
        ]
    value = str(data["id"])
    buttons = [type_buttons(value, data["likely"])] if data.get("needs_a_look") else []
    if len(body) > MESSAGE_BLOCKS - 1 - len(buttons):
        # A long text forwarded to several controllers: the buttons below must survive Slack's 50 blocks.
        cut = {
            "type": "mrkdwn",
            "text": f"…cut here: too long for one message. `/dpa inquiry show {value}` has it all.",
        }
        body = [*body[: MESSAGE_BLOCKS - 2 - len(buttons)], {"type": "context", "elements": [cut]}]
    if data.get("status") == "closed":
        by = person(data["closed_by"]) if data.get("closed_by") else "someone (not recorded)"
        on = (data.get("closed") or "")[:10]
        body.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"*Closed* by {by} on {on}."}]})
        return {"text": f"{head} (closed)", "blocks": body}
    body += buttons
    body.append(
        {
            "type": "actions",
            "block_id": f"inquiry_{value}",
            "elements": [
                {
                    "type": "button",
                    "action_id": "inquiry_ack",
                    "text": _plain("Acknowledge"),
                    "value": value,
                    "style": "primary",
                },
                {"type": "button", "action_id": "inquiry_extend", "text": _plain("Extend"), "value": value},
                {
                    "type": "button",
                    "action_id": "inquiry_close",
                    "text": _plain("Close"),
                    "value": value,
                    "style": "danger",
                },
            ],
        }
    )
    return {"text": head, "blocks": body}


# How an inquiry reached the bot, after who handed it in.
_VIA = {
    "shortcut": "with Send to privacy team",
    "dm": "in a direct message",
    "mention": "in a mention",
    "command": "with inquiry new",
}


def handed_in(data: dict[str, Any]) -> str:
    """Who gave the inquiry to the bot, and how: a Slack user as a mention, a console user as text."""
    sender = data.get("sender")
    if not sender:
        return "unknown (not recorded)"
    via = _VIA.get(data.get("source") or "")
    return person(sender) + (f" ({via})" if via else "")


TYPE_ACTION = "inquiry_type"  # the action ids of the type buttons start with this


def type_buttons(inquiry_id: str, likely: list[list[Any]]) -> Block:
    """One click sets the type: a button for each likely type, and a menu with every other."""

    def option(t: str) -> dict[str, Any]:
        return {"text": _plain(t), "value": f"{inquiry_id}:{t}"}

    elements: list[dict[str, Any]] = [
        {
            "type": "button",
            "action_id": f"{TYPE_ACTION}_{i}",
            "text": _plain(f"{t} ({p:.0%})"),
            "value": f"{inquiry_id}:{t}",
        }
        for i, (t, p) in enumerate(likely)
    ]
    others = [option(t) for t in TYPES if t not in {t for t, _ in likely}]
    elements.append(
        {
            "type": "static_select",
            "action_id": f"{TYPE_ACTION}_other",
            "placeholder": _plain("Another type"),
            "options": others,
        }
    )
    return {"type": "actions", "block_id": f"{TYPE_ACTION}_{inquiry_id}", "elements": elements}


def extend_modal(metadata: str) -> dict[str, Any]:
    """Asks why the deadline is extended: the data subject must be told the reasons (Art. 12(3))."""
    return {
        "type": "modal",
        "callback_id": "inquiry_extend_modal",
        "private_metadata": metadata,
        "title": _plain("Extend the deadline"),
        "submit": _plain("Extend"),
        "close": _plain("Cancel"),
        "blocks": [
            _input(
                "reason",
                "Why (this is told to the data subject)",
                {"type": "plain_text_input", "action_id": "reason", "multiline": True},
                optional=False,
                hint="Two more months are allowed for complex or numerous requests, told within the first month.",
            )
        ],
    }
