"""Two questions that need more than one thing found: "may I share data D with Y?" and "how long do we keep D?".

share: the recipient Y is a party the question names; the data D is what is left, matched against the processing
recorded in the registry. Yes only when Y processes D for us under a signed DPA and none of its transfers has a
high review flag; the yes names the processing, the DPA and its date. Anything short of that says what is
missing and whom to ask. retention: the recorded retention (lagringstid) of the processing D names.
"""

from __future__ import annotations

from chat.questions_facts import Answer, Ask, Sources, best_agreement, engagement_facts, sub_chain
from chat.questions_match import ACTIVITY_MIN, NEAR, SAME, best_activities, is_generic, registry_words
from chat.questions_text import FRAME_WORDS, Subject, base_word, clean, subject_of
from registry.models import Agreement, Engagement, Party, Transfer
from registry.review import review
from text import mentions

# Words that frame a share question, not the data or the recipient (folded).
SHARE_WORDS = frozenset(
    """share shared sharing send sende senda sendt forward forwarde videresende give gi provide disclose hand over
    upload laste lasta opp paste lime post poste legge leggje ut export eksportere eksportera oversende mail maile
    email epost e post pipe put into onto allowed allow lov lova ok okay greit greitt grei fine permitted permit
    may might can kan kunne eg jeg bare berre just dele dela deler deles del ann gar gjer it okey safe trygt is
    list lista liste listen lister oversikt oversikten file fil fila filen csv copy kopi excel spreadsheet them dem
    dei him her han ho they if hvis viss om when nar ask asks asked spor spurt ber bedt want vil ville wants
    new ny nye full whole hele heile all alle alt some few a an the over""".split()
)
# Words before the recipient: "til Mailchimp", "with Netsecurity", "into M365".
_TO = frozenset("til to with med into in i inn hos for".split())
_FROM = frozenset("from fra frå".split())
_ONWARD = frozenset("til to into".split())  # words that can only point at a recipient
# Words that frame a retention question (folded).
RETENTION_WORDS = frozenset(
    """how long lenge many much keep keeps keeping kept retain retains retained retention period storage
    limitation store stored lagringstid lagringstida lagringsperiode slettefrist slettes slettast slette delete
    deleted deletion erase erased beholde beholder beholdes oppbevare oppbevarer oppbevares lagrer lagres lagra
    lagrast lagret tar ta tek vare ta ligger ligg liggende blir bli supposed documented recorded policy actual
    actually lov allowed may we vi me sure after etter til until when nar skal should must ma r keeping long
    spor spurt asks asked folk people egentlig eigentleg really record records material stuff files
    documents""".split()
)


def share(ask: Ask, question_text: str) -> Answer:
    """May I share data D with Y? Yes only on a signed DPA covering D and sound transfers; else what is missing."""
    question = clean(question_text)
    subject = subject_of(question, also=SHARE_WORDS)
    registry = ask.registry
    sources = Sources(ask)
    recipient, data = _recipient_and_data(ask, subject)
    phrase = " ".join(data)
    facts: dict[str, object] = {"recipient": recipient.name if recipient else None, "data": phrase, "verdict": "ask"}
    if recipient is None:
        what = ask.tr(f" {ask.quote(phrase)}", f" {ask.quote(phrase)}") if phrase else ""
        text = ask.tr(
            f"I can't find who you want to share{what} with in the registry, so I can't say it is allowed. "
            "Sharing personal data with anyone not recorded as our processor needs a legal basis and usually a "
            f"DPA: ask {ask.dpo()} first.",
            f"Jeg finner ikke mottakeren i registeret, så jeg kan ikke si at det er lov å dele{what}. "
            "Å dele personopplysninger med noen som ikke er registrert som databehandler for oss krever "
            f"behandlingsgrunnlag og som regel en databehandleravtale: spør {ask.dpo()} først.",
        )
        return Answer([text], sources, answered=False, facts={**facts, "missing": "recipient"})
    sources.add(recipient)
    assert recipient.id is not None
    if not data:
        text = ask.tr(
            f"Which data do you want to share with {recipient.name}? Say what it is (e.g. “the visitor log”), "
            f"or ask {ask.dpo()}.",
            f"Hvilke opplysninger vil du dele med {recipient.name}? Si hva det er (f.eks. «besøksloggen»), "
            f"eller spør {ask.dpo()}.",
        )
        return Answer([text], sources, answered=False, facts={**facts, "missing": "data"})
    engagements = registry.all(Engagement)
    mine = ask.me.id if ask.me is not None else None
    theirs = [e for e in engagements if e.processor == recipient.id and not e.in_house and mine in e.controllers]
    data = registry_words(data, engagements)  # what the rest of a rambling question says is not the data
    found = best_activities(data, theirs, me=ask.me, floor=NEAR) if data else []
    if found and any(not is_generic(w) for w in data):
        partly = found[0][0] < ACTIVITY_MIN  # some of the data is not part of what the recipient does for us
        return _verdict(ask, recipient, found[0][1], sources, {**facts, "partly": partly})
    if found:  # only names, e-mails or phone numbers: which data is it, and for what?
        sources.add(found[0][1])
        text = ask.tr(
            f"{recipient.name} processes {ask.title(found[0][1])} for us, but I can't tell from “{phrase}” that "
            f"what you want to share belongs to it. Say what the data is, or ask {ask.dpo()}.",
            f"{recipient.name} behandler {ask.title(found[0][1])} for oss, men jeg kan ikke se av «{phrase}» at det "
            f"du vil dele hører til den. Si hva opplysningene er, eller spør {ask.dpo()}.",
        )
        return Answer([text], sources, answered=False, facts={**facts, "missing": "data"})
    # Not something the recipient processes for us: say what the registry does hold.
    anywhere = best_activities(data, engagements, me=ask.me) if data else []
    lines = [
        ask.tr(
            f"No, not on the registry's word: {recipient.name} is not recorded as processing {ask.quote(phrase)} "
            "for us.",
            f"Nei, ikke ut fra registeret: {recipient.name} er ikke registrert som databehandler for "
            f"{ask.quote(phrase)} for oss.",
        )
    ]
    if anywhere:
        e = anywhere[0][1]
        sources.add(e)
        if recipient.id in e.controllers and mine is not None and e.processor == mine:
            lines.append(
                ask.tr(
                    f"It is {recipient.name}'s own data: we process {ask.title(e)} for them, so hand it over as "
                    "our DPA with them says.",
                    f"Det er {recipient.name} sine egne opplysninger: vi behandler {ask.title(e)} for dem, så "
                    "lever dem slik databehandleravtalen med dem sier.",
                )
            )
        else:
            lines.append(ask.tr(f"It is recorded as {ask.title(e)}.", f"Det er registrert som {ask.title(e)}."))
    elif theirs:
        sources.add(*theirs[:3])
        listed = ask.capped([ask.quote(e.purpose) for e in theirs], 3)
        lines.append(
            ask.tr(
                f"For us, {recipient.name} processes {listed}; I can't find {ask.quote(phrase)} in the registry.",
                f"For oss behandler {recipient.name} {listed}; jeg finner ikke {ask.quote(phrase)} i registeret.",
            )
        )
    lines.append(_ask_first(ask))
    return Answer(lines, sources, facts={**facts, "verdict": "no", "missing": "processing"})


def _verdict(ask: Ask, recipient: Party, e: Engagement, sources: Sources, facts: dict[str, object]) -> Answer:
    """The recipient processes the data for us: yes if the DPA is signed and its transfers are sound."""
    registry = ask.registry
    assert recipient.id is not None and ask.me is not None and ask.me.id is not None
    sources.add(e)
    facts = {**facts, **engagement_facts(ask, e), "engagement": e.id}
    agreements = [a for a in registry.related(recipient.id, Agreement) if a.processor == recipient.id]
    agreement = best_agreement([a for a in agreements if a.controller == ask.me.id])
    title = ask.title(e)
    if agreement is None or agreement.status != "signed":
        if agreement is None:
            state = ask.tr("there is no DPA with it on record", "det er ingen databehandleravtale med dem registrert")
        else:
            sources.add(agreement)
            state = ask.tr(
                f"the DPA with it is only {ask.status(agreement.status)}, not signed",
                f"databehandleravtalen med dem er bare {ask.status(agreement.status)}, ikke signert",
            )
        text = ask.tr(
            f"Not yet: {recipient.name} processes {title} for us, but {state}.",
            f"Ikke ennå: {recipient.name} behandler {title} for oss, men {state}.",
        )
        missing = "dpa" if agreement is None else "signature"
        return Answer([text, _ask_first(ask)], sources, facts={**facts, "verdict": "no", "missing": missing})
    sources.add(agreement)
    signed = ask.date(agreement.signed) if agreement.signed else ask.tr("(date not recorded)", "(dato ikke registrert)")
    problems = _transfer_problems(ask, recipient)
    if problems:
        text = ask.tr(
            f"Not yet: {recipient.name} processes {title} for us under the DPA signed {signed}, but its transfers "
            f"have a problem: {problems[0]}",
            f"Ikke ennå: {recipient.name} behandler {title} for oss under databehandleravtalen signert {signed}, "
            f"men overføringene har et problem: {problems[0]}",
        )
        return Answer([text, _ask_first(ask)], sources, facts={**facts, "verdict": "no", "missing": "transfer"})
    if facts.get("partly"):
        text = ask.tr(
            f"Perhaps: {recipient.name} processes {title} for us under the DPA signed {signed}, but I can't tell "
            f"that all of {ask.quote(str(facts['data']))} is part of that processing.",
            f"Kanskje: {recipient.name} behandler {title} for oss under databehandleravtalen signert {signed}, men "
            f"jeg kan ikke se at alt i {ask.quote(str(facts['data']))} hører til den behandlingen.",
        )
        return Answer([text, _ask_first(ask)], sources, facts={**facts, "verdict": "ask", "missing": "processing"})
    lines = [
        ask.tr(
            f"Yes, as far as the registry goes: {recipient.name} processes {title} for us, under the DPA signed "
            f"{signed}.",
            f"Ja, så langt registeret viser: {recipient.name} behandler {title} for oss, under "
            f"databehandleravtalen signert {signed}.",
        ),
        ask.tr(
            "Share only what that processing needs, through the agreed channel.",
            "Del bare det behandlingen trenger, på den avtalte måten.",
        ),
    ]
    if agreement.review is not None and agreement.review < ask.today:
        lines.append(
            ask.tr(
                f"Note: the DPA was due for review on {ask.date(agreement.review)}.",
                f"Merk: avtalen skulle vært gjennomgått {ask.date(agreement.review)}.",
            )
        )
    transfers = [t for t in registry.related(recipient.id, Transfer) if recipient.id in (t.exporter, t.importer)]
    sources.add(*transfers[:2])
    return Answer(lines, sources, facts={**facts, "verdict": "yes", "agreement": agreement.id})


def _transfer_problems(ask: Ask, recipient: Party) -> list[str]:
    """The high review flags on transfers by the recipient or its sub-processors, as their reasons."""
    assert recipient.id is not None
    chain = {recipient.id, *(link.sub for _, link in sub_chain(ask.registry, recipient.id))}
    flags = review(ask.registry, today=ask.today)
    return [
        f.reason
        for f in flags
        if f.severity == "high" and f.subject[0] in ("transfer", "link") and chain & set(f.party_ids)
    ]


def _ask_first(ask: Ask) -> str:
    return ask.tr(f"Don't share it until {ask.dpo()} has said yes.", f"Ikke del det før {ask.dpo()} har sagt ja.")


def _mentions(ask: Ask, subject: Subject) -> list[mentions.Mention[int]]:
    """The parties the question names (not ourselves), in text order."""

    def frame(word: str) -> bool:
        w = base_word(word)
        return w in FRAME_WORDS or w in SHARE_WORDS or w in RETENTION_WORDS or len(w) < 2

    found = mentions.find_words(list(subject.all_words), ask.registry.name_owners, ignore=frame)
    mine = ask.me.id if ask.me is not None else None
    return [m for m in found if m.key != mine]


def _rest(subject: Subject, found: list[mentions.Mention[int]]) -> tuple[str, ...]:
    """The subject's words outside the names found, without the little words that point at a recipient."""
    every = subject.all_words
    return tuple(
        w
        for k, w in enumerate(every)
        if subject.kept[k] and not any(m.first <= k < m.last for m in found) and base_word(w) not in _TO | _FROM
    )


def _named(ask: Ask, subject: Subject) -> tuple[Party | None, tuple[str, ...]]:
    """The one party a question names (None if none or several), and the other words."""
    found = _mentions(ask, subject)
    keys = {m.key for m in found}
    party = ask.registry.get(Party, keys.pop()) if len(keys) == 1 else None
    return party, _rest(subject, found)


def _recipient_and_data(ask: Ask, subject: Subject) -> tuple[Party | None, tuple[str, ...]]:
    """The party the question sends to (named after 'to/til/with/med' if several are named), and the words
    left for the data."""
    every = subject.all_words
    named = _mentions(ask, subject)

    def before(m: mentions.Mention[int]) -> set[str]:
        return {base_word(w) for w in every[max(0, m.first - 2) : m.first]}

    chosen = [m for m in named if before(m) & _TO] or [m for m in named if not before(m) & _FROM]
    if not chosen and not _sent_elsewhere(subject, named):
        chosen = named  # "en fra Netsecurity ringte og ville ha besøkslista": the one who asks
    recipient = ask.registry.get(Party, chosen[-1].key) if chosen else None
    return recipient, _rest(subject, named)


def _sent_elsewhere(subject: Subject, named: list[mentions.Mention[int]]) -> bool:
    """Whether the question sends to something it does not name as a party ("fra SuperOffice til byrået")."""
    every = subject.all_words
    return any(
        base_word(w) in _ONWARD and k + 1 < len(every) and not any(m.first <= k + 1 < m.last for m in named)
        for k, w in enumerate(every)
    )


def retention(ask: Ask, question_text: str) -> Answer:
    """How long do we keep D? The retention recorded for the processing D names (of the party named, if one
    is), with its source."""
    question = clean(question_text)
    subject = _without_how_much_time(subject_of(question, also=RETENTION_WORDS))
    sources = Sources(ask)
    registry = ask.registry
    party, typed = _named(ask, subject)
    mine = ask.me.id if ask.me is not None else None
    engagements = registry.all(Engagement)
    if party is not None:
        own = [e for e in engagements if party.id == e.processor or party.id in e.controllers]
        own.sort(key=lambda e: (mine not in e.controllers, e.id or 0))
    else:
        own = []
    data = registry_words(typed, engagements, kept=True)
    found = []
    if own:  # the words that say something about the named party's processing
        theirs = registry_words(typed, own, kept=True)
        found = best_activities(theirs, own, me=ask.me, kept=True) if theirs else []
    found = found or (best_activities(data, engagements, me=ask.me, kept=True) if data else [])
    if found:
        best = found[0][0]
        close = [e for score, e in found if score >= best - SAME]
        return _retention_of(ask, close[:3], sources)
    if own and not data:
        return _retention_of(ask, own[:3], sources)
    phrase = " ".join(typed) or (party.name if party else "")
    if party is not None and not own:
        sources.add(party)
        text = ask.tr(
            f"The registry records no processing by {party.name}, so no retention either. Ask {ask.dpo()}.",
            f"Registeret har ingen behandling hos {party.name}, og derfor ingen lagringstid. Spør {ask.dpo()}.",
        )
    elif not phrase:
        text = ask.tr(
            f"Which data do you mean? For example: “how long do we keep CVs?” Or ask {ask.dpo()}.",
            f"Hvilke opplysninger mener du? For eksempel: «hvor lenge beholder vi CV-er?» Eller spør {ask.dpo()}.",
        )
    else:
        text = ask.tr(
            f"I can't find “{phrase}” in the registry, so I can't say how long it is kept. Ask {ask.dpo()}.",
            f"Jeg finner ikke «{phrase}» i registeret, så jeg kan ikke si hvor lenge det lagres. Spør {ask.dpo()}.",
        )
    return Answer([text], sources, answered=False, facts={"retention": None})


def _without_how_much_time(subject: Subject) -> Subject:
    """'How many time we keep ...': the time asked about, not time tracking."""
    every = subject.all_words
    kept = tuple(
        k and not (base_word(w) in ("time", "times") and i > 0 and base_word(every[i - 1]) in ("many", "much"))
        for i, (w, k) in enumerate(zip(every, subject.kept, strict=True))
    )
    return Subject(every, kept, subject.we)


def _retention_of(ask: Ask, engagements: list[Engagement], sources: Sources) -> Answer:
    sources.add(*engagements)
    recorded = [e for e in engagements if e.retention]
    lines = []
    for e in engagements:
        if e.retention:
            lines.append(ask.tr(f"{ask.title(e)}: {e.retention}.", f"{ask.title(e)}: {e.retention}."))
        else:
            lines.append(
                ask.tr(
                    f"{ask.title(e)}: no retention is recorded.", f"{ask.title(e)}: ingen lagringstid er registrert."
                )
            )
    if len(engagements) == 1:
        lines[0] = ask.tr("Recorded retention for ", "Registrert lagringstid for ") + lines[0]
    if not recorded:
        lines.append(
            ask.tr(f"Ask {ask.dpo()} how long it should be kept.", f"Spør {ask.dpo()} hvor lenge det skal lagres.")
        )
    facts = {"retention": [e.retention for e in engagements], "engagements": [e.id for e in engagements]}
    return Answer(lines, sources, answered=bool(recorded), facts=facts)
