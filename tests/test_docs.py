"""Every command of the grammar is in `help` and in README.md."""

from __future__ import annotations

from pathlib import Path

from chat import TABLE, Context, Services, dispatch
from registry.registry import Registry

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

GRAMMAR = [
    "help",
    "party add",
    "party set",
    "party show",
    "party list",
    "party remove",
    "engage",
    "engagement remove",
    "subprocessor add",
    "subprocessor remove",
    "transfer add",
    "transfer remove",
    "who",
    "history",
    "export",
    "demo",
]


def test_grammar_is_implemented():
    assert set(GRAMMAR) <= set(TABLE.commands)


def test_every_command_is_in_help_and_readme(registry: Registry):
    listing = dispatch(Context(services=Services(registry=registry), user="t", line="help"), "help")
    for command in TABLE.commands.values():
        assert command.usage in listing.text, command.name
        assert command.usage in README, f"README lacks `{command.usage}`"
        assert command.summary, f"{command.name} has no help text"


def test_readme_starts_with_the_two_commands():
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert block.strip().splitlines()[0].startswith("make run")
    assert block.strip().splitlines()[1].startswith("make test")


def test_readme_console_example_runs(run):
    """The first console session the README shows a newcomer works as written (`make demo` loads the demo)."""
    block = README.split("```sh\nmake demo\n", 1)[1].split("```", 1)[0]
    lines = [line.removeprefix("dpa> ") for line in block.strip().splitlines()]
    assert lines, "README's `make demo` example is empty"
    run("demo")
    for line in lines:
        reply = run(line)
        assert reply.text.strip(), line
