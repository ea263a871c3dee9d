"""Adding a command is one declaration and one function (docs/architecture.md).

The example of the architecture page, applied at test time: a trivial command is
added to the registry and both front ends (the Typer application and the fast path)
run it, with help, without any other edit.
"""

from __future__ import annotations

import pytest

from rcmcli.cli import app as cli, fastpath, registry
from rcmcli.cli.registry import Command, Opt


def agenda_count(opts, fmt: str = "table") -> int:
    """The example command's function: how many meetings the catalog holds."""
    from rcmcli.core.catalog import Catalog, data_dir

    n = len(Catalog(data_dir(opts.data)).meetings())
    print(f'{{"meetings": {n}}}' if fmt == "json" else f"{n} meetings")
    return 0


EXAMPLE = Command(
    ("agenda", "count"),
    agenda_count,
    "Count the meetings in the catalog.",
    (Opt("fmt", ("--format", "-f"), "Output format.", default="table", choices=("table", "json")),),
)


@pytest.fixture
def with_example(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(registry, "COMMANDS", (*registry.COMMANDS, EXAMPLE))
    monkeypatch.setattr(registry, "BY_PATH", {**registry.BY_PATH, EXAMPLE.path: EXAMPLE})
    monkeypatch.setattr(cli, "app", cli.build())
    monkeypatch.setenv("COLUMNS", "100")


def test_a_new_command_runs_through_both_front_ends(with_example, capsys):
    assert cli.main(["agenda", "count", "-f", "json"]) == 0
    typer_out = capsys.readouterr().out
    assert fastpath.dispatch(["agenda", "count", "-f", "json"]) == 0
    assert capsys.readouterr().out == typer_out == '{"meetings": 3}\n'


def test_a_new_command_has_help_and_usage_errors(with_example, capsys):
    assert cli.main(["agenda", "count", "--help"]) == 0
    assert "Count the meetings in the catalog." in capsys.readouterr().out
    assert cli.main(["agenda", "count", "-f", "xml"]) == 2
    assert "xml" in capsys.readouterr().err
    assert fastpath.dispatch(["agenda", "count", "-f", "xml"]) is None  # Typer owns usage errors


def test_declarations_are_well_formed():
    seen: set[tuple[str, ...]] = set()
    for cmd in registry.COMMANDS:
        assert cmd.path not in seen and cmd.path[:-1] in registry.GROUPS, cmd.path
        seen.add(cmd.path)
        assert cmd.help and cmd.func.__module__.startswith("rcmcli.cli"), cmd.path
        names = [o.name for o in cmd.options]
        flags = [f for o in cmd.options for f in o.flags]
        assert len(names) == len(set(names)) and len(flags) == len(set(flags)), cmd.path
        assert all(o.kind in ("str", "flag", "path") for o in cmd.options), cmd.path
