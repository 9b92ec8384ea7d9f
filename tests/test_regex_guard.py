"""A guard against regular expressions that take quadratic (or worse) time on hostile text.

Every compiled pattern the product holds (module-level, inside module-level collections, and inside the
vocabulary objects modules build) and every pattern written inline as `re.search(r"...", ...)` is run over
100 KB inputs made of its own characters: runs of one character it repeats ("aaaa..."), two alternating
("a-a-a-..."), and a walk through its atoms repeated. A linear pattern needs milliseconds; one that rescans
from every position needs seconds or hours. The bound is generous: this is a tripwire, not a benchmark.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import re._constants as sre  # the parser is the only reader of a pattern's structure
import re._parser as sre_parse
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

PACKAGES = ("chat", "inquiries", "policies", "agreements", "registry", "text")
SIZE = 100_000  # characters of hostile input
BOUND = 1.0  # seconds for one pass over one input
MAX_INPUTS = 10  # per pattern, to keep the whole guard well under a minute
# Characters an attacker would try for each kind of class, most telling first.
_ALPHABET = "a1 -.@_/:,;'\"()[]<>+*&#%=?!\n\tzæøåAZ0É"


class TooSlow(Exception):
    pass


def _modules(package: str) -> list[Any]:
    root = importlib.import_module(package)
    found = [root]
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        found.append(importlib.import_module(info.name))
    return found


def _ours(obj: object) -> bool:
    return type(obj).__module__.split(".")[0] in PACKAGES


def _walk(obj: object, seen: set[int]) -> Iterator[re.Pattern[str]]:
    """Patterns in a value: itself, inside collections, inside objects of our own classes (vocabularies)."""
    if id(obj) in seen or isinstance(obj, (str, bytes, int, float, type, type(None))) or inspect.ismodule(obj):
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        yield obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _walk(key, seen)
            yield from _walk(value, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for value in obj:
            yield from _walk(value, seen)
    elif _ours(obj) and not callable(obj):
        fields = vars(obj).values() if hasattr(obj, "__dict__") else ()
        slots = [getattr(obj, s, None) for s in getattr(type(obj), "__slots__", ())]
        for value in [*fields, *slots]:
            yield from _walk(value, seen)


# Where each function of `re` takes its flags, counting the pattern as 0.
_RE_CALLS = {
    "compile": 1,
    "search": 2,
    "match": 2,
    "fullmatch": 2,
    "findall": 2,
    "finditer": 2,
    "sub": 4,
    "subn": 4,
    "split": 3,
}


def _tree(module: Any) -> ast.Module:
    return ast.parse(inspect.getsource(module))


def _defined(tree: ast.Module) -> list[str]:
    """The names a module assigns at its top level (those it imports are walked where they are defined)."""
    names = []
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            names += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    return names


def _inline(module: Any, tree: ast.Module) -> Iterator[tuple[str, re.Pattern[str]]]:
    """Patterns written in a call such as `re.search(r"...", text, re.I)`, when the pattern is a constant (or
    made of the module's string constants)."""
    names = vars(module)

    def value(node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return names.get(node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
            return getattr(re, node.attr, None)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.BitOr)):
            left, right = value(node.left), value(node.right)
            if isinstance(left, str) and isinstance(right, str) and isinstance(node.op, ast.Add):
                return left + right
            if isinstance(left, re.RegexFlag) and isinstance(right, re.RegexFlag) and isinstance(node.op, ast.BitOr):
                return left | right
        return None

    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.func.attr in _RE_CALLS):
            continue
        if not node.args:
            continue
        pattern = value(node.args[0])
        if not isinstance(pattern, str):
            continue
        flag_node = next((k.value for k in node.keywords if k.arg == "flags"), None)
        position = _RE_CALLS[node.func.attr]
        if flag_node is None and len(node.args) > position:
            flag_node = node.args[position]
        flags = value(flag_node) if flag_node is not None else 0
        yield f"{module.__name__}:{node.lineno}", re.compile(pattern, flags if isinstance(flags, int) else 0)


def product_patterns(package: str) -> list[tuple[str, re.Pattern[str]]]:
    """Every distinct pattern of a package, with where it was found (module.NAME or module:line)."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    seen: set[int] = set()
    for module in _modules(package):
        tree = _tree(module)
        for name in _defined(tree):
            for pattern in _walk(vars(module).get(name), seen):
                found.setdefault((pattern.pattern, pattern.flags), (f"{module.__name__}.{name}", pattern))
        for where, pattern in _inline(module, tree):
            found.setdefault((pattern.pattern, pattern.flags), (where, pattern))
    return list(found.values())


# -- hostile inputs ----------------------------------------------------------------------------------------


def _atoms(parsed: Any, *, repeated: bool = False) -> Iterator[tuple[Any, Any, bool]]:
    """The pattern's character atoms in order, each with whether a repeat multiplies it."""
    for op, arg in parsed:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _atoms(arg[2], repeated=repeated or arg[1] > 1)
        elif op is sre.SUBPATTERN:
            yield from _atoms(arg[-1], repeated=repeated)
        elif op is sre.ATOMIC_GROUP:
            yield from _atoms(arg, repeated=repeated)
        elif op is sre.BRANCH:
            for branch in arg[1]:
                yield from _atoms(branch, repeated=repeated)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _atoms(arg[1], repeated=repeated)
        elif op is sre.GROUPREF_EXISTS:
            for branch in arg[1:]:
                if branch is not None:
                    yield from _atoms(branch, repeated=repeated)
        elif op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            yield op, arg, repeated


def _probe(op: Any, arg: Any, flags: int) -> re.Pattern[str]:
    """The atom alone, as a pattern that tells whether it matches one character."""
    if op is sre.ANY:
        source = "."
    elif op in (sre.LITERAL, sre.NOT_LITERAL):
        source = ("[^" if op is sre.NOT_LITERAL else "[") + re.escape(chr(arg)) + "]"
    else:
        negate, parts = False, []
        for kind, value in arg:
            if kind is sre.NEGATE:
                negate = True
            elif kind is sre.LITERAL:
                parts.append(re.escape(chr(value)))
            elif kind is sre.RANGE:
                parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
            elif kind is sre.CATEGORY:
                parts.append(_CATEGORIES[value])
        source = "[" + ("^" if negate else "") + "".join(parts) + "]"
    return re.compile(source, flags & (re.IGNORECASE | re.DOTALL))


_CATEGORIES = {
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}


def _characters(pattern: re.Pattern[str]) -> tuple[list[str], str]:
    """One character for each way the pattern's atoms can treat a character (those a repeat multiplies first),
    and a walk through its atoms (one character each, in order)."""
    atoms = list(_atoms(sre_parse.parse(pattern.pattern, pattern.flags)))
    probes = [(_probe(op, arg, pattern.flags), op, repeated) for op, arg, repeated in atoms]
    own = [chr(arg) for op, arg, _ in atoms if op is sre.LITERAL]
    candidates = list(dict.fromkeys([*own, *_ALPHABET]))
    # Characters are told apart by the classes that take them (the letters of a long alternation of words
    # behave alike); those that repeated classes take come first: runs of them are what costs time.
    counted = [(p, repeated) for p, op, repeated in probes if op is not sre.LITERAL]
    kinds: dict[tuple[bool, ...], str] = {}
    for char in candidates:
        kinds.setdefault(tuple(bool(p.fullmatch(char)) for p, _ in counted), char)

    def weight(kind: tuple[bool, ...]) -> tuple[int, int]:
        return -sum(hit for hit, (_, repeated) in zip(kind, counted, strict=True) if repeated), -sum(kind)

    ordered = sorted(kinds.items(), key=lambda item: weight(item[0]))
    walk = "".join(next((c for c in candidates if p.fullmatch(c)), "") for p, _, _ in probes)
    return [char for _, char in ordered], walk


def hostile_inputs(pattern: re.Pattern[str]) -> list[str]:
    """100 KB texts built from the pattern's own characters, most likely to hurt first."""
    chars, walk = _characters(pattern)
    units = [*chars[:4], *(a + b for i, a in enumerate(chars[:5]) for b in chars[i + 1 : 5]), walk]
    inputs = []
    for unit in dict.fromkeys(u for u in units if u):
        inputs.append((unit * (SIZE // len(unit) + 1))[:SIZE])
    return inputs[:MAX_INPUTS]


def seconds(pattern: re.Pattern[str], text: str, *, bound: float = BOUND) -> float:
    """Time to find every match in `text`; stops (returning more than `bound`) once the bound has passed."""

    def stop(*_: object) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, bound * 1.5)
    start = time.perf_counter()
    try:
        for _ in pattern.finditer(text):
            pass
    except TooSlow:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


def slowest(pattern: re.Pattern[str], *, bound: float = BOUND) -> tuple[float, str]:
    """The slowest hostile input for a pattern, stopping at the first that passes the bound."""
    worst = (0.0, "")
    for text in hostile_inputs(pattern):
        worst = max(worst, (seconds(pattern, text, bound=bound), text[:12]))
        if worst[0] > bound:
            break
    return worst


# -- the guard -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("package", PACKAGES)
def test_every_pattern_is_fast_on_hostile_input(package):
    slow = []
    for where, pattern in product_patterns(package):
        took, sample = slowest(pattern)
        if took > BOUND:
            slow.append(f"{where} {pattern.pattern[:80]!r}: {took:.1f} s on {sample!r}...")
    assert not slow, "Patterns too slow on 100 KB of hostile text:\n" + "\n".join(slow)


def test_the_guard_catches_a_quadratic_email_pattern():
    # The e-mail pattern inquiries used before issue 13: every start inside a long run rescans the run.
    took, sample = slowest(re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"))
    assert took > BOUND, (took, sample)


def test_the_guard_sees_the_vocabularies_and_inline_patterns():
    from agreements.check import VOCABULARY
    from inquiries.classify_rules import RULES

    def found(package: str) -> set[str]:
        return {pattern.pattern for _, pattern in product_patterns(package)}

    # Inside Rule objects, and inside the Art. 28 checker's Vocabulary, Rule and Group objects.
    assert {rule.pattern.pattern for rule in RULES} <= found("inquiries")
    groups = [g for v in VOCABULARY.values() for r in v.rules for g in r.groups]
    assert {regex.pattern for g in groups for _, regex in g.alternatives} <= found("agreements")
    assert any(":" in where for where, _ in product_patterns("policies"))  # inline: re.search(r"...", text, re.I)
