"""What a question is about: a party (name, alias, prefix, typo) or a processing activity described in words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from chat.questions_glossary import GLOSSARY
from chat.questions_text import FRAME_WORDS, Subject, base_word, fold, words
from registry.errors import Ambiguous, NotFound, RegistryError
from registry.models import Engagement, Party
from registry.names import LEGAL_FORMS, normalise
from registry.registry import Registry
from text import mentions

# A question word also matches the words of the general glossary groups it is in (nb <-> en): the registry's own
# text may be in either language. Phrases ("time tracking") are matched as one word.
_GROUPS: dict[str, frozenset[str]] = {}
for _group in GLOSSARY:
    for _word in _group:
        _GROUPS[_word] = _GROUPS.get(_word, frozenset()) | frozenset(_group)
_GENERIC = frozenset(w for g in GLOSSARY if g[0] in ("name", "email", "phone", "address", "contact", "list") for w in g)
_GROUP_WORDS = tuple(w for w in _GROUPS if len(w) >= 5)
_PHRASES: frozenset[str] = frozenset(w for w in _GROUPS if " " in w)
_PARTS = frozenset(w for w in _GROUPS if " " not in w and len(w) >= 3)  # what a compound is split into
# Compound tails that say only that something is a list or a file of what the head names ("kundelista").
_GENERIC_PARTS = frozenset("list liste lister oversikt register registrering registry fil file mappe".split())
# Compound tails that add nothing to what is meant: "kundedata" is about customers ("kunde").
_TAILS = ("data", "opplysninger", "opplysningar", "informasjon", "info")
_SUFFIXES = ("ene", "ane", "ings", "ing", "ies", "ers", "es", "er", "en", "et", "ar", "ed", "s", "a", "e")
PURPOSE_WEIGHT, DETAIL_WEIGHT = 1.0, 0.85
ACTIVITY_MIN = 0.6  # mean per-word match an engagement needs to count as what the question describes
NEAR = 0.4  # ... to be suggested ("did you mean") when nothing matches well enough
STRONG = 0.75  # ... to win over a typo'd party name, or to narrow a named party to one of its activities
TIE = 0.15  # matches this close to the best are too close to choose between
SAME = 0.05
PART_WEIGHT = 0.85  # a match on a part of a compound ("logg" of "stemplingsloggen"), against 1.0 for the word
PART = "+"  # marks a form that is a compound's part
GLOSS = "="  # marks a form that is a glossary word of what was typed
COVERED = 0.3  # a purpose covered this much more by the words wins among equal matches  # ... and this close, practically the same
FUZZY_NAME = 0.8  # difflib ratio for a typo'd party name
MAX_WORDS = 12  # subject words looked at for typos and activities (a long message is not a name)
MAX_NAME_WORDS = 5  # words in the longest party name looked for
SURE = 0.95  # an activity this well described needs no look for typo'd names


@dataclass
class PartyTarget:
    party: Party
    typed: str = ""
    fuzzy: bool = False  # the name was typed with a typo and read as this party
    whole: bool = True  # the subject's words are the name and nothing else


@dataclass
class ActivityTarget:
    engagement: Engagement
    others: list[Engagement] = field(default_factory=list)  # equally good matches, not ours


@dataclass
class Unresolved:
    reason: str  # "missing" (no subject), "unknown" (nothing matches), "ambiguous" (several match)
    phrase: str = ""
    candidates: list[str] = field(default_factory=list)  # party names
    engagements: list[Engagement] = field(default_factory=list)  # or processing activities


Target = PartyTarget | ActivityTarget | Unresolved


def resolve(registry: Registry, subject: Subject, *, me: Party | None) -> Target:
    """The party or activity the subject's words name, or why there is none (call inside registry.reading())."""
    if not subject.words:
        if subject.we and me is not None:
            return PartyTarget(me)
        return Unresolved("missing")
    phrase = subject.phrase
    ambiguous: list[str] = []
    suggestions: list[str] = []
    try:
        return PartyTarget(registry.find_party(" ".join(mentions.unpossessive(w) for w in subject.words)), phrase)
    except Ambiguous as exc:
        ambiguous = exc.candidates
    except NotFound as exc:
        suggestions = exc.candidates
    except RegistryError:
        pass
    engagements = registry.all(Engagement)
    named = _named_party(registry, subject)
    if named is not None:
        party, leftover = named
        if isinstance(party, list):
            return Unresolved("ambiguous", phrase, party)
        return _party_or_its_activity(party, leftover, engagements, phrase, me=me, fuzzy=False)
    found, known = _best_activities(subject.words, engagements, me=me, floor=NEAR)
    best = found[0][0] if found else 0.0
    if best < SURE and not ambiguous:
        typo = _typoed_party(registry, subject.words, known, suggestions)
        if typo is not None:
            party, quality, leftover = typo
            if isinstance(party, list):
                return Unresolved("ambiguous", phrase, party)
            if best < max(STRONG, quality):  # an activity described at least as well as the name was typed wins
                return _party_or_its_activity(party, leftover, engagements, phrase, me=me, fuzzy=True)
    if best >= (STRONG if ambiguous else ACTIVITY_MIN):
        return _pick(found, phrase, me=me)
    if ambiguous:
        return Unresolved("ambiguous", phrase, ambiguous)
    if suggestions:
        return Unresolved("unknown", phrase, suggestions)
    return Unresolved("unknown", phrase, engagements=[e for _, e in found[:2]])


def _party_or_its_activity(
    party: Party,
    leftover: tuple[str, ...],
    engagements: list[Engagement],
    phrase: str,
    *,
    me: Party | None,
    fuzzy: bool,
) -> Target:
    """A named party, or one of its activities when the other words describe it ("Septer's CRM")."""
    own = [e for e in engagements if party.id in e.controllers or e.processor == party.id]
    found = _best_activities(leftover, own, me=me)[0] if leftover else []
    if found and found[0][0] >= STRONG:
        return _pick(found, phrase, me=me)
    return PartyTarget(party, phrase, fuzzy=fuzzy, whole=not leftover)


# -- parties --------------------------------------------------------------------------------------------


def _named_party(registry: Registry, subject: Subject) -> tuple[Party | list[str], tuple[str, ...]] | None:
    """A party whose name or alias the question contains word for word (longest first), and the subject words
    left over. The whole question is searched: a name may contain words that usually frame a question."""
    every = list(subject.all_words)

    def frame(word: str) -> bool:
        return base_word(word) in FRAME_WORDS or len(base_word(word)) < 2

    found = mentions.find_words(every, registry.name_owners, max_words=MAX_NAME_WORDS, ignore=frame)
    if not found:
        return None
    first, last = min(((m.first, m.last) for m in found), key=lambda span: (span[0] - span[1], span[0]))
    owners = {m.key for m in found if (m.first, m.last) == (first, last)}
    if len(owners) > 1:
        return sorted(registry.name_of(o) for o in owners), ()
    rest = tuple(w for k, w in enumerate(every) if subject.kept[k] and not first <= k < last)
    return registry.get(Party, owners.pop()), _leftover(rest)


def _typoed_party(
    registry: Registry, typed: tuple[str, ...], known: set[str], suggestions: list[str]
) -> tuple[Party | list[str], float, tuple[str, ...]] | None:
    """A party whose name was typed with a typo, among the words that are not the registry's own vocabulary."""
    typed = typed[:MAX_WORDS]
    strange = [base_word(w) not in known and len(base_word(w)) >= 4 for w in typed]
    if not any(strange):
        return None
    names: dict[str, set[int]] = {}
    if len(typed) == 1:  # find_party already compared the whole phrase with every name: its suggestions suffice
        for name in suggestions:
            names.setdefault(" ".join(words(fold(normalise(name)))), set()).update(registry.name_owners(name))
    else:
        for party in registry.all(Party):
            assert party.id is not None
            for name in {party.name, *party.aliases}:
                key = words(fold(normalise(name)))
                # a long name may be typed by its first word only ("Bergfjel" for "Bergfjell Datasenter")
                for text in {" ".join(key), key[0]} if len(key) > 1 and len(key[0]) >= 5 else {" ".join(key)}:
                    names.setdefault(text, set()).add(party.id)
    best: dict[int, tuple[float, int, int]] = {}
    for n in (3, 2, 1):
        for i in range(len(typed) - n + 1):
            if not all(strange[i : i + n]):
                continue
            gram = " ".join(base_word(w) for w in typed[i : i + n])
            for ratio, text in _close(gram, names):
                for pid in names[text]:
                    if ratio > best.get(pid, (0.0,))[0]:
                        best[pid] = (ratio, i, i + n)
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda b: -b[1][0])
    top = ranked[0][1][0]
    close = [pid for pid, b in ranked if b[0] >= top - 0.03]
    if len(close) > 1:
        return sorted(registry.name_of(pid) for pid in close), top, ()
    pid, (ratio, start, end) = ranked[0]
    return registry.get(Party, pid), ratio, _leftover(typed[:start] + typed[end:])


def _close(word: str, candidates: Iterable[str]) -> list[tuple[float, str]]:
    return mentions.close(word, candidates, FUZZY_NAME)


def _leftover(typed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in typed if base_word(w) not in LEGAL_FORMS and len(base_word(w)) > 1)


# -- activities -----------------------------------------------------------------------------------------


def _query_forms(word: str) -> set[str]:
    """A question word, its stems, its glossary words and those of the parts of a compound, folded:
    'recordings' -> recordings, recording, record, opptak; 'besøksloggen' -> ..., besok, visitor, logg, log."""
    w = base_word(word)
    forms = _stems(w)
    for form in list(forms):
        forms.update(PART + p for p in _compound_parts(form))
    for form in list(forms):
        if form.startswith(PART):
            forms.update(PART + GLOSS + g for g in _group(form[1:]))
        else:
            forms.update(GLOSS + g for g in _group(form))
    if len(forms) == len(_stems(w)) and len(w) >= 5:  # no glossary word: perhaps one typed with a typo
        for _, near in _close(w, _GROUP_WORDS):
            forms.update(GLOSS + g for g in _GROUPS[near])
    return forms


def _stems(w: str) -> set[str]:
    forms = {w}
    for tail in _TAILS:
        if w.endswith(tail) and len(w) - len(tail) >= 3:
            forms.add(w[: -len(tail)])
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            forms.add(w[: -len(suffix)])
    if w.endswith("ies") and len(w) >= 6:  # "salaries" -> "salary"
        forms.add(w[:-3] + "y")
    if w.endswith("s") and 3 <= len(w) <= 4:  # "CVs" -> "cv", "logs" -> "log"
        forms.add(w[:-1])
    return forms


def _group(form: str) -> frozenset[str]:
    """The glossary words of a form, also when it lost a final e to stemming ('kantin' is 'kantine')."""
    return _GROUPS.get(form, frozenset()) | _GROUPS.get(form + "e", frozenset())


def _known_part(text: str) -> str | None:
    for form in sorted(_stems(text), key=len, reverse=True):
        if len(form) >= 4 and (form in _PARTS or form + "e" in _PARTS) and form not in _GENERIC_PARTS:
            return form
    return None


def _compound_parts(w: str) -> set[str]:
    """The glossary words a Norwegian compound is made of: 'kundelista' -> kunde; 'adgangskortlogg' -> adgangskort,
    logg. Only splits where both sides are glossary words (a linking s or e allowed); generic tails are dropped."""
    found: set[str] = set()
    if len(w) < 8 or " " in w:  # both parts at least 4 letters: "payroll" is not "pay" + "rolle"
        return found
    for i in range(4, len(w) - 3):
        head, tail = w[:i], w[i:]
        first = _known_part(head)
        if first is None or len(first) < 3:
            continue
        rests = [tail] + ([tail[1:]] if tail[0] in "se" and len(tail) > 3 else [])
        for rest in rests:
            second = _known_part(rest)
            if second is not None or rest in _GENERIC_PARTS or any(f in _GENERIC_PARTS for f in _stems(rest)):
                found.add(first)
                if second is not None:
                    found.add(second)
                break
    return found


def _similarities(forms: set[str], vocabulary: set[str]) -> dict[str, float]:
    """How well a question word (in any of its forms) matches each registry word, compounds included."""
    found: dict[str, float] = {}
    for typed in forms:
        form = typed.lstrip(PART + GLOSS)
        part = PART in typed[: len(typed) - len(form)]  # a part of a compound says less than the whole word
        top = PART_WEIGHT if part else 1.0
        if " " in form:  # a phrase matches when every word of it is the registry's ("time tracking")
            parts = form.split()
            hits = [[w for w in vocabulary if w == p or (len(p) >= 4 and w.startswith(p))] for p in parts]
            if all(hits):
                found.update({w: max(found.get(w, 0.0), top) for h in hits for w in h})
            continue
        for word in vocabulary:
            if form == word or (len(form) >= 4 and form in word):  # "alarm" in "alarmsentral"
                found[word] = max(found.get(word, 0.0), top)
            elif len(word) >= 4 and word in form:  # the question has the longer compound
                found[word] = max(found.get(word, 0.0), top * len(word) / len(form))
        if len(form) >= 5 and form == typed:  # a typo (of what was typed, not of its glossary words or parts)
            for ratio, word in _close(form, (w for w in vocabulary if len(w) >= 5)):
                found[word] = max(found.get(word, 0.0), top * ratio)
    return found


def _engagement_words(e: Engagement, *, kept: bool = False) -> dict[str, float]:
    """The words of an engagement's purpose, data and subjects (and, asked how long data is kept, the longer
    words of its retention: "Passeringslogg 3 måneder"), with the weight a match on each counts."""
    weighted = {w: DETAIL_WEIGHT for text in (*e.data, *e.subjects) for w in words(fold(text))}
    if kept and e.retention:
        retained = (w for w in words(fold(e.retention)) if len(w) >= 6 and w.isalpha())
        weighted.update({w: DETAIL_WEIGHT for w in retained if w not in weighted})
    weighted.update({w: PURPOSE_WEIGHT for w in words(fold(e.purpose))})
    return weighted


def _best_activities(
    typed: tuple[str, ...],
    engagements: list[Engagement],
    *,
    me: Party | None,
    floor: float = ACTIVITY_MIN,
    kept: bool = False,
) -> tuple[list[tuple[float, Engagement]], set[str]]:
    """Engagements that the words describe, best first (those scoring at least `floor`), and which of the
    words (folded) are the registry's own vocabulary."""
    used = _phrased([w for w in typed[:MAX_WORDS] if len(base_word(w)) > 1])
    if not used or not engagements:
        return [], set()
    docs = [(e, _engagement_words(e, kept=kept)) for e in engagements]
    vocabulary = set().union(*(d for _, d in docs))
    matches = [_similarities(_query_forms(w), vocabulary) for w in used]
    known = {
        part
        for w, m in zip(used, matches, strict=True)
        if any(v >= SURE for v in m.values())
        for part in base_word(w).split()
    }
    scored = []
    for e, weights in docs:
        total = sum(max((s * weights[w] for w, s in m.items() if w in weights), default=0.0) for m in matches)
        if total / len(matches) >= floor:
            scored.append((total / len(matches), e))
    scored = _by_coverage(scored, matches, me=me)
    mine = me.id if me is not None else None
    # best first; among equals, ours first, then the oldest record
    scored.sort(key=lambda s: (-round(s[0], 3), mine not in s[1].controllers, s[1].id or 0))
    return scored, known


def _by_coverage(
    scored: list[tuple[float, Engagement]], matches: list[dict[str, float]], *, me: Party | None
) -> list[tuple[float, Engagement]]:
    """Among equally good matches of the same side (ours, or others'), the one whose purpose the words cover most
    clearly wins: "payroll" is «Lønn og lønnsslipper» rather than «Kantinedrift og kantinetrekk i lønn». The
    others of that side are set just below."""
    if len(scored) < 2:
        return scored
    best = max(score for score, _ in scored)
    mine = me.id if me is not None else None
    ours = any(mine in e.controllers for score, e in scored if score >= best - TIE)
    tied = [(score, e) for score, e in scored if score >= best - TIE and (mine in e.controllers) == ours]
    if len(tied) < 2:
        return scored
    hit = {w for m in matches for w, v in m.items() if v >= SURE}

    def coverage(e: Engagement) -> float:
        content = [w for w in words(fold(e.purpose)) if len(w) > 3]
        return sum(w in hit for w in content) / len(content) if content else 0.0

    ranked = sorted(((coverage(e), e) for _, e in tied), key=lambda c: -c[0])
    if ranked[0][0] - ranked[1][0] < COVERED:
        return scored
    winner = ranked[0][1]
    losers = {id(e) for _, e in tied if e is not winner}
    return [(score - TIE - 0.01 if id(e) in losers else score, e) for score, e in scored]


def _phrased(typed: list[str]) -> list[str]:
    """The words, two that make a glossary phrase joined into one ("time", "tracking" -> "time tracking")."""
    out: list[str] = []
    i = 0
    while i < len(typed):
        pair = f"{base_word(typed[i])} {base_word(typed[i + 1])}" if i + 1 < len(typed) else ""
        if pair in _PHRASES:
            out.append(pair)
            i += 2
        else:
            out.append(typed[i])
            i += 1
    return out


def registry_words(typed: tuple[str, ...], engagements: list[Engagement], *, kept: bool = False) -> tuple[str, ...]:
    """The words (two-word glossary phrases joined) that match something the registry records about these
    engagements, directly, through the glossary or with a typo: what a rambling question says about the data."""
    vocabulary = set().union(*(_engagement_words(e, kept=kept) for e in engagements)) if engagements else set()
    out = []
    for w in _phrased([w for w in typed if len(base_word(w)) > 1]):
        found = _similarities(_query_forms(w), vocabulary)
        if found and max(found.values()) >= FUZZY_NAME * PART_WEIGHT:
            out.append(w)
    return tuple(out)


def best_activities(
    typed: tuple[str, ...],
    engagements: list[Engagement],
    *,
    me: Party | None,
    kept: bool = False,
    floor: float = ACTIVITY_MIN,
) -> list[tuple[float, Engagement]]:
    """The engagements the words describe at least `floor` well, best first (kept: also by their retention's
    words)."""
    return _best_activities(typed, engagements, me=me, kept=kept, floor=floor)[0]


def is_generic(word: str) -> bool:
    """Whether a word names only who someone is (a name, an e-mail, a phone number), which nearly every
    processing holds: a match on it alone does not say which processing is meant."""
    return any(f.lstrip(PART + GLOSS) in _GENERIC for f in _query_forms(word))


def _pick(found: list[tuple[float, Engagement]], phrase: str, *, me: Party | None) -> Target:
    """One engagement from the best matches: the best, or ours among equals, or ask which one."""
    best = found[0][0]
    tied = [e for score, e in found if score >= best - TIE]
    if len(tied) == 1:
        return ActivityTarget(tied[0])
    ours = [(score, e) for score, e in found if score >= best - SAME and me is not None and me.id in e.controllers]
    if len(ours) == 1:
        # Among equals, ours is what colleagues mean; the others are named in the answer, not hidden.
        mine, chosen = ours[0]
        return ActivityTarget(chosen, [e for score, e in found if e is not chosen and score >= mine - SAME])
    return Unresolved("ambiguous", phrase, engagements=tied)
