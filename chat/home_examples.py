"""Example questions for an employee's App Home, made from the registry at hand: a processor of ours that has
sub-processors, a vendor to ask about a DPA, a country we transfer to. Generic questions fill in what the
registry cannot (an empty registry gets only those), so no other registry's names ever show."""

from __future__ import annotations

from agreements.values import country_name
from registry.countries import is_third_country
from registry.models import Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry

GENERIC = (
    "Who should I contact about privacy?",
    "Hvilke leverandører mangler databehandleravtale?",
    "Which vendors transfer data outside the EEA?",
)


def example_questions(registry: Registry) -> list[str]:
    """Three questions an employee could ask now, naming this registry's own parties where it has them."""
    with registry.reading():
        me = registry.self_party()
        vendors = [
            registry.get(Party, e.processor)
            for e in registry.all(Engagement)
            if not e.in_house and (me is None or (me.id in e.controllers and e.processor != me.id))
        ]
        links = registry.all(SubprocessorLink)
        engaging = {link.processor for link in links}
        with_subs = next((p for p in vendors if p.id in engaging), None)
        if with_subs is None and links:
            with_subs = registry.get(Party, links[0].processor)
        countries = [t.country for t in registry.all(Transfer) if is_third_country(t.country)]
        countries += [c for link in links for c in link.countries if is_third_country(c)]
    found = []
    if with_subs is not None:
        found.append(f"Which sub-processors does {_short(with_subs)} use?")
    # Another vendor than the one just named, when there is one.
    vendor = next((p for p in vendors if with_subs is None or p.id != with_subs.id), vendors[0] if vendors else None)
    if vendor is not None:
        found.append(f"Har vi databehandleravtale med {_short(vendor)}?")
    if countries:
        found.append(f"Which vendors transfer data to {country_name(max(set(countries), key=countries.count), 'en')}?")
    return found + list(GENERIC[len(found) :])


def _short(party: Party) -> str:
    """The name people use: the shortest of its name and aliases."""
    return min([party.name, *party.aliases], key=len)
