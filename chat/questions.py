"""Questions employees ask the bot in Slack (a mention or a DM), in Norwegian or English, answered from the registry.

`answer` is pure: no Slack. It reads the question's language and intent, finds what it is about (a party, or a
processing activity described in words), and answers in a few lines that name their sources. What it cannot
answer gets a short "I don't know" that says who to ask, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chat import (
    questions_dpa,
    questions_lists,
    questions_roles,
    questions_share,
    questions_summary,
    questions_transfers,
)
from chat.questions_facts import Answer, Ask, Sources
from chat.questions_intent import intent as intent_of
from chat.questions_intent import names_party
from chat.questions_match import ActivityTarget, PartyTarget, Target, Unresolved, resolve
from chat.questions_text import clean, subject_of
from chat.reply import Reply, sentence
from registry.models import Engagement, Party
from registry.registry import Registry
from text.language import detect

Handler = Callable[[Ask, PartyTarget | ActivityTarget], Answer]
HANDLERS: dict[str, Handler] = {
    "controller": questions_roles.controller,
    "processor": questions_roles.processor,
    "subprocessors": questions_roles.subprocessors,
    "dpa": questions_dpa.dpa,
    "transfers": questions_transfers.transfers,
    "summary": questions_summary.summary,
    "dpo": questions_summary.dpo,
}
# Intents answered from the question's text as a whole: lists over the registry, what to do, and those that need
# more than one thing found (data and recipient).
LISTS: dict[str, Callable[[Ask, str], Answer]] = {
    **questions_lists.LISTS,
    "share": questions_share.share,
    "retention": questions_share.retention,
}
INTENTS = (*HANDLERS, *LISTS, "help")  # every intent answer() can report, besides "unknown"

# One example per intent, shown by help and when the subject is missing.
EXAMPLES: dict[str, tuple[str, str]] = {
    "controller": (
        "who is the controller for the alarm-centre recordings?",
        "hvem er behandlingsansvarlig for alarmsentral-opptakene?",
    ),
    "processor": ("who processes visitor registration for us?", "hvem er databehandler for besøksregistreringen?"),
    "dpa": ("do we have a DPA with IWMAC?", "har vi databehandleravtale med IWMAC?"),
    "subprocessors": ("which sub-processors does HubSpot use?", "hvilke underdatabehandlere bruker HubSpot?"),
    "transfers": ("does HubSpot transfer data outside the EEA?", "overfører HubSpot data ut av EØS?"),
    "summary": ("what do we know about Netsecurity?", "hva vet vi om Netsecurity?"),
    "dpo": ("who should I contact about privacy?", "hvem er personvernombudet vårt?"),
    "missing-dpa": ("which vendors have no DPA?", "hvilke leverandører mangler databehandleravtale?"),
    "review-due": ("which agreements are due for review soon?", "hvilke avtaler må fornyes snart?"),
    "vendors-abroad": ("which vendors transfer data to the US?", "hvilke leverandører har vi utenfor EØS?"),
    "request-help": (
        "someone asked us to delete their data, what do I do?",
        "en kunde vil ha innsyn i opplysningene sine, hva gjør jeg?",
    ),
}
_EXAMPLE_VENDORS = ("IWMAC", "HubSpot", "Netsecurity")  # the demo's, replaced by one of this registry's vendors


def _example(ask: Ask, intent: str) -> str:
    """The example question for an intent, naming one of this registry's own vendors (call inside reading)."""
    text = EXAMPLES[intent][ask.lang == "nb"]
    vendor = _a_vendor(ask)
    if vendor is None:
        return text
    for demo_name in _EXAMPLE_VENDORS:
        text = text.replace(demo_name, vendor)
    return text


def _a_vendor(ask: Ask) -> str | None:
    """A processor of ours by its shortest name (an alias if it has one), or None without one."""
    if ask.me is None:
        return None
    for engagement in ask.registry.all(Engagement):
        if ask.me.id in engagement.controllers and engagement.processor != ask.me.id:
            party = ask.registry.get(Party, engagement.processor)
            return min([party.name, *party.aliases], key=len)
    return None


# Words that only say which detail of a DPO is wanted ("the DPO's e-mail").
_DPO_DETAILS = frozenset("contact contacts kontakt email mail epost post address adresse adressa".split())


def answer(registry: Registry, text: str, *, lang_hint: str | None = None) -> Reply:
    """Answer one question. `lang_hint` (the asker's Slack locale, e.g. "nb-NO") only breaks a language tie.

    Always ok=True: an answer, or a polite "I don't know" (data["answered"] False). data also holds the
    language, the intent and the sources the answer rests on.
    """
    question = clean(text)
    lang = detect(question, among=("nb", "en"), hint=lang_hint)
    with registry.reading():
        judged = intent_of(question, lang, named=names_party(registry, question))
        intent, certain = judged.name, judged.sure
        subject = subject_of(question, also=_DPO_DETAILS if intent == "dpo" else frozenset())
        ask = Ask(registry, lang, registry.self_party(), registry.clock().date(), we=subject.we)
        if (intent == "help" and certain) or not question:
            return _help(ask)
        if intent in LISTS and certain:
            return _reply(ask, intent, LISTS[intent](ask, question))
        if intent == "dpo" and certain and not subject.words:
            # "who is our DPO?", "who should I contact about privacy?": ours, and how to reach the privacy team.
            return _reply(ask, intent, questions_lists.our_dpo(ask, question))
        target: Target | None = None
        if intent not in HANDLERS or not certain:
            # "IWMAC?", "who is Semac?", "hva er CRM?": a summary, but only of something the registry holds.
            target = resolve(registry, subject, me=ask.me) if subject.words else None
            if _plainly_named(target, subject.words, loose=intent == "summary"):
                intent = "summary"
            else:
                return _reply(ask, "unknown", _dont_know(ask, judged.likely))
        if target is None:
            target = resolve(registry, subject, me=ask.me)
        if isinstance(target, Unresolved) and intent == "dpo" and not target.candidates:
            # "who is our DPO now that Kari has left?": no other party named, so ours.
            return _reply(ask, intent, questions_lists.our_dpo(ask, question))
        if isinstance(target, Unresolved):
            return _reply(ask, intent, _unresolved(ask, intent, target))
        result = HANDLERS[intent](ask, target)
        if isinstance(target, PartyTarget) and target.fuzzy:
            name, typed = target.party.name, target.typed
            read = ask.tr(f"I read “{typed}” as {name}", f"Jeg tolket «{typed}» som {name}")
            result.lines.append(f"({sentence(read)})")
        return _reply(ask, intent, result, target)


def _plainly_named(target: Target | None, typed: tuple[str, ...], *, loose: bool) -> bool:
    """Whether a question without a clear intent names something the registry holds, and nothing else."""
    if isinstance(target, PartyTarget):
        return loose or (target.whole and not target.fuzzy)
    if isinstance(target, ActivityTarget):
        return loose or len(typed) <= 3
    return False


def _reply(ask: Ask, intent: str, result: Answer, target: Target | None = None) -> Reply:
    lines = [*result.lines]
    cited = result.sources.line()
    if cited and result.answered:
        lines.append(cited)
    data: dict[str, Any] = {
        **result.facts,
        "language": ask.lang,
        "intent": intent,
        "answered": result.answered,
        "sources": result.sources.items,
        "target": _target_data(target),
    }
    return Reply(text="\n".join(lines), ok=True, data=data)


def _target_data(target: Target | None) -> dict[str, Any] | None:
    if isinstance(target, PartyTarget):
        return {"kind": "party", "id": target.party.id, "label": target.party.name}
    if isinstance(target, ActivityTarget):
        return {"kind": "engagement", "id": target.engagement.id, "label": target.engagement.purpose}
    return None


# What help shows: the kinds of question, each with its examples (one line each, so help stays short).
_HELP_GROUPS: tuple[tuple[tuple[str, str], tuple[str, ...]], ...] = (
    (("Roles", "Roller"), ("controller", "processor", "subprocessors")),
    (("DPAs", "Databehandleravtaler"), ("dpa", "missing-dpa", "review-due")),
    (("Transfers", "Overføringer"), ("transfers", "vendors-abroad")),
    (("Overview", "Oversikt"), ("summary",)),
    (("Privacy contact", "Personvernkontakt"), ("dpo",)),
    (("Requests for data", "Innsyn og sletting"), ("request-help",)),
)


def _help(ask: Ask) -> Reply:
    examples = [_example(ask, i) for i in EXAMPLES]
    lines = [
        ask.tr(
            "I answer questions about our privacy registry, in English or Norwegian. For example:",
            "Jeg svarer på spørsmål om personvernregisteret vårt, på norsk eller engelsk. For eksempel:",
        )
    ]
    for label, intents in _HELP_GROUPS:
        shown = [ask.quote(_example(ask, i)) for i in intents if i in EXAMPLES]
        lines.append(f"• {ask.tr(*label)}: {', '.join(shown)}")
    lines.append(ask.tr(f"For anything else, ask {ask.dpo()}.", f"Spør {ask.dpo()} om alt annet."))
    data = {
        "language": ask.lang,
        "intent": "help",
        "answered": True,
        "sources": [],
        "target": None,
        "examples": examples,
    }
    return Reply(text="\n".join(lines), ok=True, data=data)


def _dont_know(ask: Ask, likely: tuple[tuple[str, float], ...] = ()) -> Answer:
    """An honest "I don't know", with the kinds of question it may have been, as examples to ask again."""
    text = ask.tr(
        "Sorry, I'm not sure what you're asking. I answer questions about our privacy registry; type *help* for "
        f"examples. For anything else, ask {ask.dpo()}.",
        "Beklager, jeg er ikke sikker på hva du spør om. Jeg svarer på spørsmål om personvernregisteret; skriv "
        f"*hjelp* for eksempler. Spør ellers {ask.dpo()}.",
    )
    lines = [text]
    examples = [_example(ask, i) for i, _ in likely if i in EXAMPLES][:2]
    if examples:
        lines.append(
            ask.tr("Did you mean something like: ", "Mente du noe som: ") + " / ".join(f"“{e}”" for e in examples)
        )
    return Answer(lines, Sources(ask), answered=False)


def _unresolved(ask: Ask, intent: str, target: Unresolved) -> Answer:
    phrase = target.phrase
    if target.reason == "missing":
        example = _example(ask, intent if intent in EXAMPLES else "summary")
        text = ask.tr(
            f"Which party or processing do you mean? For example: “{example}” Or ask {ask.dpo()}.",
            f"Hvilken part eller behandling mener du? For eksempel: «{example}» Eller spør {ask.dpo()}.",
        )
    elif target.reason == "ambiguous":
        options = target.candidates + [ask.title(e) for e in target.engagements]
        listed = ask.join(options[:6]) + ("…" if len(options) > 6 else "")
        text = ask.tr(
            f"“{phrase}” could mean several things: {listed}. Which one do you mean? Or ask {ask.dpo()}.",
            f"«{phrase}» kan bety flere ting: {listed}. Hvilken mener du? Eller spør {ask.dpo()}.",
        )
    else:
        text = ask.tr(
            f"I can't find “{phrase}” in the registry, so I can't answer that.",
            f"Jeg finner ikke «{phrase}» i registeret, så det kan jeg ikke svare på.",
        )
        options = target.candidates[:4] + [ask.quote(e.purpose) for e in target.engagements]
        if options:
            maybe = ask.tr(" or ", " eller ").join(options)
            text += ask.tr(f" Did you mean {maybe}?", f" Mente du {maybe}?")
        text += ask.tr(f" Ask {ask.dpo()} if it should be there.", f" Spør {ask.dpo()} hvis det burde vært der.")
    candidates = target.candidates + [e.purpose for e in target.engagements]
    return Answer([text], Sources(ask), answered=False, facts={"candidates": candidates})
