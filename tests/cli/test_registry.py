"""Adding a command is one function, one view and one declaration (docs/architecture.md).

The example of the architecture page, applied at test time: the lines its diff adds to
``cmd_agenda.py``, ``view_agenda.py`` and ``registry.py`` are run as written (one
Command, one function, one typed option, a table of formats), and every front end (the
fast path, the Typer application, shell completion) runs it and prints its help, in
every language, without any other edit: nothing is generated, nothing to regenerate.
"""

from __future__ import annotations

import json
import types
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest

from rcmcli import i18n
from rcmcli.cli import app as cli
from rcmcli.cli import cmd_agenda, fastpath, registry, view_agenda
from rcmcli.cli.registry import Opt

ARCHITECTURE = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def _added(path: str) -> str:
    """The lines the page's 'Adding a command' diff adds to ``path``."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text[text.index("## Adding a command") :]
    block = block[block.index("```diff\n") + 8 :]
    block = block[: block.index("\n```")]
    lines = []
    for line in block[block.index(f"+++ b/{path}\n") :].split("\n")[1:]:
        if line.startswith("--- "):
            break
        if line.startswith("+"):
            lines.append(line[1:])
    return "\n".join(lines)


def _example() -> tuple[dict, registry.Command]:
    """The view's new names and the command's declaration (with its function), from the page."""
    view: dict = dict(vars(view_agenda))
    exec(_added("src/rcmcli/cli/view_agenda.py"), view)
    command: dict = dict(vars(cmd_agenda))
    exec(_added("src/rcmcli/cli/cmd_agenda.py"), command)
    names = {k: view[k] for k in ("Count", "count_text", "count_json", "COUNT_FORMATS")}
    declared = _added("src/rcmcli/cli/registry.py").strip().removesuffix(",")
    namespace = {**vars(registry), "cmd_agenda": types.SimpleNamespace(agenda_count=command["agenda_count"])}
    return names, eval(declared, namespace)


FRONT_ENDS = {"fast path": fastpath.dispatch, "typer": cli.main}


@pytest.fixture
def with_example(monkeypatch: pytest.MonkeyPatch):
    names, example = _example()
    for name, value in names.items():
        monkeypatch.setattr(view_agenda, name, value, raising=False)
    monkeypatch.setattr(registry, "COMMANDS", (*registry.COMMANDS, example))
    monkeypatch.setattr(registry, "BY_PATH", {**registry.BY_PATH, example.path: example})
    monkeypatch.setattr(cli, "app", cli.build())
    monkeypatch.setenv("COLUMNS", "100")


def _run(capsys, func, argv):
    code = func(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("front", FRONT_ENDS)
def test_a_new_command_runs_through_every_front_end(with_example, capsys, monkeypatch, front, lang):
    monkeypatch.setenv("RCM_LANG", lang)
    code, out, err = _run(capsys, FRONT_ENDS[front], ["agenda", "count", "-f", "json", "--first", "2"])
    assert (code, err) == (0, "")
    assert json.loads(out) == {"meetings": 3, "first": ["followup-ii-2021", "plenary-ii-2021"]}  # the bundled catalog's ids


def test_the_typed_option_has_its_default_converted(with_example, capsys):
    for func in FRONT_ENDS.values():
        out = _run(capsys, func, ["agenda", "count", "-f", "json"])[1]
        assert json.loads(out) == {"meetings": 3, "first": ["followup-ii-2021", "plenary-ii-2021", "plenary-iii-2022"]}


def test_the_example_table_format(with_example, capsys):
    for func in FRONT_ENDS.values():
        assert _run(capsys, func, ["agenda", "count", "--first", "1"]) == (0, "3 meetings: followup-ii-2021\n", "")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_new_command_has_the_same_help_on_both_front_ends(with_example, capsys, monkeypatch, lang):
    if not version("typer").startswith(fastpath.TYPER_RELEASE):
        pytest.skip(f"the fast path renders the help of Typer {fastpath.TYPER_RELEASE}x; Typer {version('typer')} prints its own")
    monkeypatch.setenv("RCM_LANG", lang)
    fast = _run(capsys, fastpath.dispatch, ["agenda", "count", "--help"])
    typer_ = _run(capsys, cli.main, ["agenda", "count", "--help"])
    assert fast[0] == 0 and fast == typer_
    with i18n.language(lang):
        options, default = i18n._("Options"), i18n._("default: {default}").format(default="100")
    assert "Usage: rcm agenda count [OPTIONS]" in fast[1]
    assert "Count the meetings in the catalog." in fast[1]  # no translation yet: the English text
    assert f"\n{options}:\n" in fast[1] and "--first N" in fast[1] and f"[{default}]" in " ".join(fast[1].split())
    # ... and the group lists it, on both front ends
    group = [_run(capsys, func, ["agenda", "--help"]) for func in FRONT_ENDS.values()]
    assert group[0] == group[1] and "  count " in group[0][1]


@pytest.mark.parametrize("value", ["0", "x", "1.5", "1001", "²"])
def test_a_bad_typed_value_is_one_line_naming_option_and_value(with_example, capsys, value):
    assert fastpath.dispatch(["agenda", "count", "--first", value]) is None  # Typer reports it
    code, out, err = _run(capsys, cli.main, ["agenda", "count", "--first", value])
    assert (code, out) == (2, "")
    assert err == f"rcm: error: --first: '{value}' is not a number from 1 to 1000\n"


def _complete(capsys, monkeypatch, words: str) -> str:
    """zsh completion through the Typer application (what ``rcm --install-completion`` installs)."""
    monkeypatch.setenv("_RCM_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", words)
    assert fastpath.dispatch([]) is None  # completion is Typer's
    assert cli.main([]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_new_command_completes(with_example, capsys, monkeypatch, lang):
    monkeypatch.setenv("RCM_LANG", lang)
    assert "count" in _complete(capsys, monkeypatch, "rcm agenda cou")
    options = _complete(capsys, monkeypatch, "rcm agenda count --")
    assert '"--first":"Name only the first N meetings."' in options and '"--format":' in options
    assert "json" in _complete(capsys, monkeypatch, "rcm agenda count -f ")


def test_declarations_are_well_formed():
    seen: set[tuple[str, ...]] = set()
    for cmd in registry.COMMANDS:
        assert cmd.path not in seen and cmd.path[:-1] in registry.GROUPS, cmd.path
        seen.add(cmd.path)
        assert cmd.help and cmd.func.__module__.startswith("rcmcli.cli"), cmd.path
        names = [o.name for o in cmd.options]
        flags = [f for o in cmd.options for f in o.flags]
        assert len(names) == len(set(names)) and len(flags) == len(set(flags)), cmd.path
        assert all(o.kind in ("str", "flag", "path", *registry.KINDS) for o in cmd.options), cmd.path


def test_an_unknown_kind_is_refused_where_it_is_declared():
    with pytest.raises(ValueError, match="'number'"):
        Opt("n", ("--n",), "A number.", kind="number")


def test_every_typed_default_converts():
    """A typed option's default is written as typed; it must be a value of its kind."""
    for cmd in registry.COMMANDS:
        for opt in cmd.options:
            if opt.kind in registry.KINDS and opt.default is not None:
                opt.convert(opt.default)
            if opt.kind in registry.KINDS and opt.example is not None:
                opt.convert(opt.example)


# --- the typed kinds: one converter each, hand-checked values -----------------------------


@pytest.mark.parametrize(
    "kind, text, value",
    [
        ("int", "1", 1),
        ("int", " 12 ", 12),
        ("int", "1000", 1000),
        ("float", "30", 30.0),
        ("float", "0.5", 0.5),
        ("float", "1e3", 1000.0),
        ("duration", "2h", 120),
        ("duration", "90m", 90),
        ("duration", "1h30m", 90),
        ("duration", "1:30", 90),
        ("interval", "1w", 7),
        ("interval", "2w", 14),
        ("interval", "3d", 3),
        ("date", "2021-09-09", date(2021, 9, 9)),
        ("date", "2024-02-29", date(2024, 2, 29)),
    ],
)
def test_a_kind_converts_what_people_type(kind, text, value):
    converted = Opt("x", ("--x",), "X.", kind=kind).convert(text)
    assert converted == value and type(converted) is type(value)


@pytest.mark.parametrize(
    "kind, text, words",
    [
        ("int", "0", "is not a number from 1 to 1000"),
        ("int", "1001", "is not a number from 1 to 1000"),
        ("int", "-1", "is not a number from 1 to 1000"),
        ("int", "2.0", "is not a number from 1 to 1000"),
        ("int", "٣", "is not a number from 1 to 1000"),  # an Arabic-Indic 3: a digit to isdigit(), not to rcm
        ("float", "0", "is not a number above 0"),
        ("float", "-2", "is not a number above 0"),
        ("float", "nan", "is not a number above 0"),
        ("float", "inf", "is not a number above 0"),
        ("float", "fast", "is not a number above 0"),
        ("duration", "2 hours", "is not a duration like 2h"),
        ("duration", "25h", "between 1 minute and 24 hours"),
        ("interval", "0w", "is not an interval like 1w"),
        ("interval", "1m", "is not an interval like 1w"),
        ("date", "9/9/2021", "is not a date; write it as YYYY-MM-DD"),
        ("date", "2021-02-29", "is not a real date"),
        ("date", "1800-01-01", "year 1800 is outside"),
    ],
)
def test_a_kind_refuses_a_bad_value_quoting_it(kind, text, words):
    with pytest.raises(ValueError) as caught:
        Opt("x", ("--x",), "X.", kind=kind).convert(text)
    assert words in str(caught.value) and f"'{text}'" in str(caught.value)


def test_a_repeatable_typed_option_converts_every_value():
    assert Opt("x", ("--x",), "X.", kind="int", multiple=True).convert(["1", "2"]) == [1, 2]


BAD_VALUES = [
    (["agenda", "times", "plenary-ii-2021", "--day", "one"], "--day: 'one' is not a number from 1 to 1000"),
    (["agenda", "times", "plenary-ii-2021", "--date", "9/9/2021"], "--date: '9/9/2021' is not a date"),
    (["members", "--date", "2021-13-01"], "--date: '2021-13-01' is not a real date"),
    (["plan", "2026-12-03", "--duration", "2 hours"], "--duration: '2 hours' is not a duration"),
    (["plan", "2026-12-03", "-d", "0m"], "--duration: duration '0m' must be between 1 minute and 24 hours"),
    (["plan", "2026-12-03", "--top", "0"], "--top: '0' is not a number from 1 to 1000"),
    (["plan", "2026-12-03", "--series", "x"], "--series: 'x' is not a number from 1 to 1000"),
    (["plan", "2026-12-03", "--series", "3", "--every", "1m"], "--every: '1m' is not an interval like 1w"),
    (["agenda", "invite", "plenary-ii-2021", "--roster", "r.csv", "-o", "out", "--rate", "fast"], "--rate: 'fast' is not a number above 0"),
]


@pytest.mark.parametrize("argv, line", BAD_VALUES, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_every_typed_option_of_the_commands_refuses_a_bad_value_in_one_line(argv, line, capsys):
    assert fastpath.dispatch(argv) is None  # left to Typer, which reports it
    code, out, err = _run(capsys, cli.main, argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"rcm: error: {line}") and err.count("\n") == 1


def test_a_typed_value_arrives_typed_on_both_front_ends(capsys, monkeypatch):
    """The command function receives the converted value, whichever front end parsed it."""
    seen = []
    cmd = registry.BY_PATH[("agenda", "times")]
    monkeypatch.setattr(cmd, "func", lambda opts, **kw: seen.append((kw["day"], kw["on"])) or 0)
    monkeypatch.setattr(cli, "app", cli.build())
    for func in FRONT_ENDS.values():
        assert func(["agenda", "times", "--day", "2"]) == 0
        assert func(["agenda", "times", "--date", "2021-09-10"]) == 0
    assert seen == [(2, None), (None, date(2021, 9, 10))] * 2
