"""Files the console reads for the user (a command's FILE, through the one reader in text.files, within its
limits) and writes (exports and generated DPAs)."""

from __future__ import annotations

import os
from pathlib import Path

from registry.errors import InputError, RegistryError
from registry.registry import Registry
from text.files import plain_text, read_path
from text.limits import FileRefused


def is_file(path: Path) -> bool:
    """Whether `path` names a file; False for what cannot be a file name (too long, or one the system refuses)."""
    try:
        return path.is_file()
    except OSError:
        return False


def read_file(path: Path) -> bytes:
    """The bytes of a console command's FILE; InputError when it cannot be read or is larger than the limit."""
    try:
        return read_path(path)
    except FileRefused as exc:
        raise InputError(exc.problem, value=str(path), accepted=exc.accepted) from exc


def decode_text(content: bytes, name: str) -> str:
    """The text of a plain-text file (a vendor list, an inquiry), in whichever encoding Windows or a Mac saved it."""
    try:
        return plain_text(content)
    except FileRefused as exc:
        raise InputError(exc.problem, value=name, accepted=exc.accepted) from exc


def writable_path(registry: Registry, path: Path) -> Path:
    """`path`, resolved, unless writing there would destroy the registry or it is a folder."""
    registry_file = registry.store.real_path  # the file itself when --db is a symbolic link
    resolved = path.expanduser().resolve()
    if (
        registry_file is not None
        and resolved.parent == registry_file.parent
        and resolved.name.startswith(registry_file.name)
    ):
        raise InputError(
            "That is the registry's own file; exporting over it would destroy it",
            value=str(path),
            accepted="another file name, e.g. export json backup.json",
        )
    if resolved.is_dir():
        raise InputError("That is a folder", value=str(path), accepted="a file name, e.g. out/registry.json")
    return resolved


def write_file(path: Path, content: bytes) -> None:
    """Write all of `content` or nothing: a half-written file never carries the final name. Readable by its owner
    only, as the registry file is: exports and backups hold inquiries, breaches and the audit log."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.unlink(missing_ok=True)  # a leftover of a crash, perhaps with wider rights
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        raise RegistryError(f"Could not write {path}: {exc.strerror}.") from exc
