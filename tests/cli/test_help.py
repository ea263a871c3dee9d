"""Help is declared once: the fast path's, rendered at run time, is Typer's.

The fast path prints ``--help`` without importing Typer, from the registry's
declarations and texts (rcmcli.cli.fastpath.render_help); nothing is generated or
committed. These tests are the drift check: for every group and command, in every
language, at 80 and 120 columns, the fast path's help and exit code are those of the
real Typer application. Under a Typer release other than the one the renderer
reproduces, the fast path leaves help to Typer, and the comparison is skipped.
"""

from __future__ import annotations

from importlib.metadata import version

import pytest

from rcmcli import i18n
from rcmcli.cli import app as cli
from rcmcli.cli import fastpath, registry

PATHS = [*registry.GROUPS, *registry.BY_PATH]


def _skip_under_another_typer() -> None:
    installed = version("typer")
    if not installed.startswith(fastpath.TYPER_RELEASE):
        pytest.skip(
            f"the fast path renders the help of Typer {fastpath.TYPER_RELEASE}x; Typer {installed} is installed, "
            "words its help differently, and prints it itself"
        )


def _both(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[tuple, tuple]:
    fast = (fastpath.dispatch(list(argv)), *capsys.readouterr())
    typer_ = (cli.main(list(argv)), *capsys.readouterr())
    return fast, typer_


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "rcm")
def test_every_help_is_typers_in_every_language(path, lang, columns, capsys, monkeypatch):
    _skip_under_another_typer()
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("RCM_LANG", lang)
    fast, typer_ = _both(capsys, [*path, "--help"])
    assert fast[0] == 0, "the fast path should print this help"
    assert fast == typer_
    assert "Usage: rcm" in fast[1] and not fast[2]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_help_follows_the_command_line_language(lang, capsys, monkeypatch):
    """A command's own --lang chooses its help's language, on both front ends."""
    _skip_under_another_typer()
    monkeypatch.setenv("COLUMNS", "80")
    fast, typer_ = _both(capsys, ["agenda", "show", "--lang", lang, "--help"])
    assert fast[0] == 0 and fast == typer_
    with i18n.language(lang):
        assert i18n._("Output format.") in fast[1]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("argv", [[], ["agenda"], ["site"]], ids=lambda a: " ".join(a) or "(none)")
def test_a_group_without_a_command_shows_its_help_on_stderr(argv, lang, capsys, monkeypatch):
    _skip_under_another_typer()
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("RCM_LANG", lang)
    fast, typer_ = _both(capsys, argv)
    assert fast[0] == 2 and not fast[1] and fast[2].startswith("Usage: rcm")
    assert fast == typer_


def test_words_typer_does_not_translate_stay_english(capsys, monkeypatch):
    _skip_under_another_typer()
    monkeypatch.setenv("COLUMNS", "80")
    assert fastpath.dispatch(["--lang", "fr", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Usage: rcm [OPTIONS] COMMAND [ARGS]...\n")
    assert "Show this message and exit." in out and "Install completion for the current shell." in out
    assert "\nOptions :\n" in out or "\nOptions:\n" in out  # Typer's section titles go through rcm's catalog


@pytest.mark.parametrize("columns", ["79", "60", "40"])
def test_narrow_terminals_leave_help_to_typer(columns, monkeypatch):
    """click wraps help to the terminal below 80 columns: Typer prints it."""
    monkeypatch.setenv("COLUMNS", columns)
    assert fastpath.dispatch(["agenda", "show", "--help"]) is None


def test_another_typer_release_leaves_help_to_typer(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(fastpath, "TYPER_RELEASE", "0.1.")
    assert fastpath.dispatch(["--help"]) is None
    assert fastpath.dispatch(["agenda", "show", "--help"]) is None


@pytest.mark.parametrize("text", ["Two lines.\nOf help.", " Leading space.", "A\ttab.", ""])
def test_help_texts_it_does_not_model_are_left_to_typer(text, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setitem(registry.GROUPS, ("site",), text)
    assert fastpath.render_help(("site",), "en") is None


def test_wrapping_cuts_a_word_longer_than_the_line_as_click_does():
    """Hand-checked: click puts as much of an over-long word as fits, then goes on."""
    assert fastpath._wrap("ab " + "x" * 12, 8) == "ab xxxxx\nxxxxxxx"
    assert fastpath._wrap("one two three four", 9, "> ", "  ") == "> one two\n  three\n  four"


@pytest.mark.parametrize(
    "text, limit, short",
    [
        ("List the meetings in the catalog.", 40, "List the meetings in the catalog."),
        # "Check agendas like a linter:" is 28 characters, 31 with "...": one word less
        ("Check agendas like a linter: exit 0 clean, 1 problems found.", 30, "Check agendas like a..."),
        ("First sentence. Second one is long.", 20, "First sentence."),
        ("Short", 45, "Short"),
    ],
)
def test_the_listing_shortens_help_as_click_does(text, limit, short):
    assert fastpath._short_help(text, limit) == short
