"""Block Kit builders as pure functions: what Slack will be asked to show."""

from __future__ import annotations

from datetime import date

from chat.cmd_parties import PARTY_KEYS
from chat.reply import Reply, error
from chat.slack import blocks


def test_hostile_text_cannot_ping_or_link():
    reply = Reply("<!channel> <!here> <https://evil.example|click> & <@U123> <!subteam^S1>")
    text = blocks.reply_messages(reply)[0]["blocks"][0]["text"]["text"]
    assert "<!channel>" not in text and "<!here>" not in text and "<https://" not in text
    assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert "<@U123>" not in text and "<!subteam^S1>" not in text  # a name someone typed pings no one
    refusal = error("Sorry, only the privacy team can do that: <@U123>, <!subteam^S1>. <!channel>", refused=True)
    text = blocks.reply_messages(refusal)[0]["blocks"][0]["text"]["text"]
    assert "<@U123>" in text and "<!subteam^S1>" in text  # the privacy team may be named
    assert "<!channel>" not in text


def test_long_replies_are_split_at_line_breaks_never_cut():
    lines = [f"• Party number {i:05d} AS (NO): processor" for i in range(3000)]
    messages = blocks.reply_messages(Reply("\n".join(lines)))
    sections = [b["text"]["text"] for m in messages for b in m["blocks"]]
    assert all(len(s) <= blocks.SECTION_LIMIT for s in sections)
    assert all(len(m["blocks"]) <= blocks.MESSAGE_BLOCKS for m in messages)
    assert "\n".join(sections).split("\n") == lines


def test_a_single_overlong_line_is_split_at_spaces():
    word_soup = " ".join(["personopplysninger"] * 400)
    pieces = blocks.chunks(word_soup)
    assert all(len(p) <= blocks.SECTION_LIMIT for p in pieces)
    assert " ".join(pieces).split() == word_soup.split()


def test_errors_are_marked():
    message = blocks.reply_messages(Reply("No party matches 'x'", ok=False))[0]
    assert message["text"].startswith(":warning:")


def test_party_modal_fields_are_command_keys():
    view = blocks.party_modal()
    ids = [b["block_id"] for b in view["blocks"]]
    assert ids[0] == "name" and set(ids[1:]) <= set(PARTY_KEYS)
    assert view["callback_id"] == blocks.PARTY_MODAL
    assert [b for b in view["blocks"] if not b["optional"]] == [view["blocks"][0]]


def test_dpa_modal_caps_options_and_says_so():
    parties = [(i, f"Party {i}") for i in range(250)]
    view = blocks.dpa_modal(parties, total=250)
    assert len(view["blocks"][0]["element"]["options"]) == blocks.OPTIONS_LIMIT
    assert "first 100 of 250" in view["blocks"][-1]["elements"][0]["text"]
    small = blocks.dpa_modal(parties[:3], total=3)
    assert small["blocks"][-1]["block_id"] == "authorisation"  # no note when every party fits


def test_home_views():
    summary = {
        "counts": {"parties": 3, "engagements": 2, "agreements": 1},
        "flags": ["HubSpot → AWS (US) relies on EU-US Privacy Shield: <invalid>"],
        "inquiries": [{"id": 4, "due": date(2026, 12, 21), "overdue": False, "sender": "U9"}],
        "reviews": [],
        "waiting": [],
    }
    view = blocks.home_dpo(summary)
    texts = "\n".join(b["text"]["text"] for b in view["blocks"] if b["type"] == "section")
    assert "*3* parties" in texts and "&lt;invalid&gt;" in texts
    assert "#4 due 2026-12-21, from <@U9>" in texts
    assert "No DPA is due for review" in texts
    user = blocks.home_user("<@U1>", ["Which sub-processors does <Acme> use?"])
    assert "Send to privacy team" in user["blocks"][0]["text"]["text"]
    assert "• _Which sub-processors does &lt;Acme&gt; use?_" in user["blocks"][0]["text"]["text"]


def test_inquiry_message_quotes_inertly_and_offers_the_actions():
    data = {
        "id": 7,
        "route": {"to_all": ["Borettslaget Fjordgløtt"], "role": "processor", "reason": "matched 'nøkkelkort'"},
        "received": "2026-11-20",
        "due": "2026-12-21",
        "extension_notice_due": "2026-12-21",
        "extended_due": "2027-02-22",
        "forward_by": "2026-11-24",
        "claimed_deadline": "innen 14 dager",
        "text": "Slett meg <!channel>\nMvh Ola",
    }
    message = blocks.inquiry_message(
        data,
        types="erasure (Art. 17)",
        judgment="Classifier: 91% sure (“Slett meg”).",
        no_deadline=None,
        forwards=[("Borettslaget Fjordgløtt", "styret@x.example", "Til ...")],
    )
    text = "\n".join(b["text"]["text"] for b in message["blocks"] if b["type"] == "section")
    assert message["text"] == "Privacy inquiry #7: erasure (Art. 17)"
    assert "> Slett meg &lt;!channel&gt;\n> Mvh Ola" in text
    assert "*Forward by* 2026-11-24" in text and "innen 14 dager" in text and "the law's deadline" in text
    assert "*Ready to send to styret@x.example*" in text and "Classifier: 91% sure" in text
    actions = message["blocks"][-1]["elements"]
    assert [a["action_id"] for a in actions] == ["inquiry_ack", "inquiry_extend", "inquiry_close"]
    assert {a["value"] for a in actions} == {"7"}


def test_extend_modal_asks_for_the_reason():
    view = blocks.extend_modal("7|C1|123.4")
    assert view["private_metadata"] == "7|C1|123.4"
    assert view["blocks"][0]["block_id"] == "reason" and view["blocks"][0]["optional"] is False
