"""The start-up fast path (rcmcli.cli.fastpath) against the Typer application (rcmcli.cli.app).

Every command line the fast path answers must give the same standard output,
standard error and exit code as Typer; every command line it is unsure of must be
left to Typer (``dispatch`` returns None). Both read the same declarations
(rcmcli.cli.registry); the help of every command in every language is compared in
test_help.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rcmcli.cli import app as cli
from rcmcli.cli import fastpath, registry
from rcmcli.cli.registry import Opt
from rcmcli.core.catalog import bundled_dir

II = "plenary-ii-2021"
DATA = str(bundled_dir())
MEETINGS = str(bundled_dir() / "meetings")


def _help_of_this_typer() -> bool:
    from importlib.metadata import version

    return version("typer").startswith(fastpath.TYPER_RELEASE)


def _skip_help_under_another_typer(argv: list[str]) -> None:
    if "--help" in argv or argv in ([], ["agenda"]):
        if not _help_of_this_typer():
            from importlib.metadata import version

            pytest.skip(
                f"the fast path renders the help of Typer {fastpath.TYPER_RELEASE}x and leaves it to "
                f"Typer {version('typer')}, installed here, which words it differently"
            )


def _run(capsys: pytest.CaptureFixture[str], func, argv: list[str]):
    code = func(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("RCM_TODAY", "2021-09-01")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _lines_for(cmd: registry.Command) -> list[list[str]]:
    """Command lines that exercise every option of a command, built from its declaration."""
    lines = [[*cmd.path, "--help"]]
    required = []
    for opt in cmd.options:
        if opt.required:
            required += _sample(opt, cmd)
    for opt in cmd.options:
        if opt.required:
            continue
        for sample in _samples(opt):
            lines.append([*cmd.path, *required, *sample])
    if not any(o.required for o in cmd.options):
        lines.append([*cmd.path])
    return lines


def _samples(opt: Opt) -> list[list[str]]:
    if opt.argument:
        return [[opt.example]] if opt.example else []
    if opt.kind == "flag":
        return [[opt.flags[0]]]
    if opt.choices:
        return [[opt.flags[0], c] for c in opt.choices] + [[f"{opt.flags[0]}={opt.choices[0]}"]]
    if opt.example:
        return [[opt.flags[0], opt.example]]
    return []


def _sample(opt: Opt, cmd: registry.Command) -> list[str]:
    value = {"meeting": II, "roster": "ROSTER", "output": "OUTDIR"}.get(opt.name, opt.example or "x")
    return [value] if opt.argument else [opt.flags[0], value]


FROM_REGISTRY = [line for cmd in registry.COMMANDS for line in _lines_for(cmd)]


@pytest.mark.parametrize("argv", FROM_REGISTRY, ids=lambda a: " ".join(a))
def test_every_declared_option_runs_the_same_both_ways(argv, capsys, terminal, tmp_path, monkeypatch):
    _skip_help_under_another_typer(argv)
    monkeypatch.chdir(tmp_path)
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,country\nAna,ana@gob.mx,MX\n", encoding="utf-8")
    argv = [str(roster) if a == "ROSTER" else a for a in argv]
    results = []
    for name, func in (("fast", fastpath.dispatch), ("typer", cli.main)):
        line = [str(tmp_path / name) if a == "OUTDIR" else a for a in argv]
        if "--organizer" not in line and "invite" in line:
            line += ["--organizer", "RCM <es@example.org>"]
        code, out, err = _run(capsys, func, line)
        results.append((code, out.replace(str(tmp_path / name), "OUT"), err.replace(str(tmp_path / name), "OUT")))
    assert results[0][0] is not None, "the fast path should answer this command line"
    assert results[0] == results[1]


HANDLED = [
    [],
    ["--help"],
    ["--debug", "--help"],
    ["agenda"],
    ["agenda", "--help"],
    ["agenda", "show", "--help"],
    ["agenda", "ics", "--help"],
    ["agenda", "invite", "--help"],
    ["agenda", "validate", "--help"],
    ["members", "--help"],
    ["agenda", "show", II, "--tz", "Buenos_Aires", "--help"],
    ["--version"],
    ["--tzdb", "system", "--version"],
    ["--tzdb=tzdata", "--version"],
    ["--tzdb", "bogus", "agenda", "show", II],
    ["agenda", "show", II, "--tz", "Buenos_Aires", "-f", "json"],
    ["agenda", "show", II, "--tz=Buenos_Aires", "--format=json"],
    ["agenda", "show", "--tz", "Buenos_Aires", "--tz", "GMT-6", "-f", "json", II],
    ["agenda", "show", II, "--lang", "es", "-f", "markdown"],
    ["agenda", "show", II, "--tz", "Santiago", "-f", "csv"],
    ["agenda", "show", II, "--tz", "Buenos_Aires"],
    ["agenda", "show", "-f", "json"],
    ["--no-color", "--data", DATA, "agenda", "show", II, "-f", "json"],
    ["agenda", "show", II, "--tz", "Buenos_Aries"],
    ["agenda", "show", "no-such-meeting"],
    ["agenda", "times", II, "-f", "json"],
    ["agenda", "times", II, "--org", "sacm"],
    ["agenda", "list", "-f", "json"],
    ["agenda", "list"],
    ["members", "--org", "rcm", "-f", "json"],
    ["agenda", "validate", MEETINGS, "-f", "json"],
    ["agenda", "validate", "-f", "parsable", "--no-suppress", "--select", "P"],
    ["agenda", "validate", MEETINGS, "--strict", "--ignore", "P001,F", "-f", "text"],
    ["--data", "/no/such/folder", "agenda", "list"],
    ["agenda", "ics", II],
    ["agenda", "ics", II, "--include-breaks", "--lang", "es"],
    ["agenda", "ics", "followup-ii-2021", "-o", "/no/such/folder/x.ics"],
]


@pytest.mark.parametrize("argv", HANDLED, ids=lambda a: " ".join(a) or "(none)")
def test_fast_path_matches_typer(argv, capsys, terminal):
    _skip_help_under_another_typer(argv)
    fast = _run(capsys, fastpath.dispatch, argv)
    assert fast[0] is not None, "the fast path should answer this command line"
    typer_ = _run(capsys, cli.main, argv)
    assert fast == typer_


LEFT_TO_TYPER = [
    ["--debug"],
    ["--bogus"],
    ["bogus"],
    ["agenda", "bogus"],
    ["agenda", "--help", "show"],
    ["agenda", "show", "--bogus"],
    ["agenda", "show", "-fjson"],
    ["agenda", "show", "--lang", "de"],  # not a language rcm speaks: Typer says so
    ["agenda", "show", "--lang", "es", "--lang", "en"],
    ["agenda", "show", II, "extra"],
    ["agenda", "show", "--tz"],
    ["agenda", "show", "--tz", "-03:00"],
    ["agenda", "show", "--", II],
    ["agenda", "show", "--no-color"],
    ["--version", "agenda", "list"],
    ["agenda", "invite", II, "-o", "out"],  # --roster is required: Typer says so
]


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=lambda a: " ".join(a))
def test_unsure_command_lines_go_to_typer(argv, terminal):
    assert fastpath.dispatch(argv) is None


def test_narrow_terminal_help_goes_to_typer(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")  # click wraps help to 58 columns: not the stored text
    assert fastpath.dispatch(["--help"]) is None


def test_shell_completion_goes_to_typer(monkeypatch):
    monkeypatch.setenv("_RCM_COMPLETE", "bash_source")
    assert fastpath.dispatch(["--help"]) is None


def test_environment_defaults(monkeypatch, capsys, terminal):
    monkeypatch.setenv("RCM_TZDB", "system")
    monkeypatch.setenv("RCM_DATA", DATA)
    for argv in (["--version"], ["agenda", "show", II, "-f", "json"]):
        assert _run(capsys, fastpath.dispatch, argv) == _run(capsys, cli.main, argv)


@pytest.mark.parametrize(
    "argv, absent",
    [
        (["--help"], ("typer", "rich", "yaml")),
        (["agenda", "show", II, "--tz", "Buenos_Aires", "-f", "json"], ("typer", "rich", "icalendar", "rcmcli.lint.engine")),
        (["agenda", "validate", MEETINGS, "-f", "json"], ("typer", "rich")),
    ],
)
def test_imports_only_what_the_command_needs(argv, absent):
    _skip_help_under_another_typer(argv)
    code = (
        "import sys; from rcmcli.cli.entry import main; rc = main(sys.argv[1:]);"
        f"loaded = [m for m in {absent!r} if m in sys.modules]; print('LOADED', loaded); sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("LOADED []")


ORGANIZER = "Technical Secretariat <secretariat@example.org>"


@pytest.mark.parametrize("command", ["ics", "invite"])
def test_file_outputs_match_typer(command, tmp_path, capsys, terminal, monkeypatch):
    """Files written by the fast path and by Typer are byte-identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,country\nAna,ana@gob.mx,MX\nBea,bea@gob.ar,AR\n", encoding="utf-8")
    results = []
    for name, func in (("fast", fastpath.dispatch), ("typer", cli.main)):
        target = tmp_path / name
        if command == "ics":
            argv = ["agenda", "ics", II, "-o", str(target)]
        else:
            argv = ["agenda", "invite", II, "--roster", str(roster), "-o", str(target), "--organizer", ORGANIZER]
        code, out, err = _run(capsys, func, argv)
        files = [target] if target.is_file() else sorted(target.iterdir())
        written = [(f.relative_to(target).as_posix() if f != target else "", f.read_bytes()) for f in files]
        results.append((code, out.replace(str(target), "OUT"), err.replace(str(target), "OUT"), written))
    assert results[0][0] == 0 and results[0][3]
    assert results[0] == results[1]
