"""The registry's error hierarchy: business errors a user can act on, as opposed to bugs."""

from __future__ import annotations

from collections.abc import Iterable


class RegistryError(Exception):
    """A command did not proceed for a reason the user can fix; nothing was changed."""


class InputError(RegistryError):
    """A value the user gave is not acceptable; says what was given and what would be."""

    def __init__(self, problem: str, *, value: object = None, accepted: str = "") -> None:
        self.problem = problem
        self.value = value
        self.accepted = accepted
        text = problem if value is None else f"{problem}: {value!r}"
        if accepted:
            text += f". Accepted: {accepted}"
        super().__init__(text)


class NotFound(RegistryError):
    """No party (or link) matches the name given."""

    def __init__(
        self, what: str, name: str, *, candidates: Iterable[str] = (), exact: bool = False, hint: str = ""
    ) -> None:
        self.name = name
        self.candidates = list(candidates)
        # exact: a number or key that is simply not there ("No inquiry #99"), not a name that matched nothing.
        text = f"No {what} {name}" if exact else f"No {what} matches {name!r}"
        if self.candidates:
            text += ". Did you mean: " + ", ".join(self.candidates) + "?"
        else:
            text += ". " + (hint or "`party list` shows every party.")
        super().__init__(text)


class Ambiguous(RegistryError):
    """A name matches more than one party; lists them so the user can be precise."""

    def __init__(self, name: str, candidates: Iterable[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        super().__init__(
            f"{name!r} matches more than one party: {', '.join(self.candidates)}. "
            "Use the full name (in quotes if it has spaces)."
        )


class Conflict(RegistryError):
    """The change would break the registry's rules (duplicate, cycle, or still referenced)."""


class StoreError(Exception):
    """The registry file cannot be opened or written safely; the bot must not continue with it."""


class SaveError(RegistryError, StoreError):
    """A change could not be written to disk (disk full, folder read-only). It was undone and the file is as it
    was: a command gets it as its reply and the bot goes on; at start-up it stops the bot like any StoreError."""
