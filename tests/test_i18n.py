"""Choosing the language and loading its catalog (dates and times: tests/test_timefmt.py).

Every expected string is written by hand. Those marked CLDR are what the Unicode
CLDR data says for that locale (full date format, short time format, GMT format);
the others are rcm's own translations, as the delegates should read them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rcmcli import i18n
from rcmcli.cli import app as cli
from rcmcli.cli import fastpath, runtime
from rcmcli.core.errors import UsageError
from rcmcli.lint import formats
from rcmcli.lint.engine import Report

II = "plenary-ii-2021"
ROOT = Path(__file__).resolve().parent.parent

# --- which language ------------------------------------------------------------------


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, "en"),
        ({"LANG": "pt_BR.UTF-8"}, "pt"),
        ({"LANG": "fr_CA"}, "fr"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language rcm does not speak: English
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "es_CL.UTF-8"}, "es"),
        ({"LANG": "es_AR.UTF-8", "LC_MESSAGES": "fr_FR", "LC_ALL": "pt_PT.UTF-8"}, "pt"),
        ({"LANG": "es_AR.UTF-8", "LC_ALL": "pt_PT.UTF-8", "LANGUAGE": "fr"}, "fr"),
        ({"LANGUAGE": "de:fr:es"}, "fr"),  # the first of the list rcm speaks
        ({"LANGUAGE": "", "LANG": "es_CO.UTF-8"}, "es"),  # empty means unset
        ({"LANG": "fr_FR.ISO-8859-1@euro"}, "fr"),
    ],
)
def test_posix_locale(environ, expected):
    assert i18n.choose(None, environ) == expected


def test_order_option_then_rcm_lang_then_locale():
    env = {"RCM_LANG": "fr", "LANG": "pt_BR.UTF-8"}
    assert i18n.choose("es", env) == "es"
    assert i18n.choose(None, env) == "fr"
    assert i18n.choose(None, {"LANG": "pt_BR.UTF-8"}) == "pt"


@pytest.mark.parametrize("option, environ, source", [("de", {}, "--lang"), (None, {"RCM_LANG": "pt_BR"}, "RCM_LANG")])
def test_unknown_language_is_an_error_listing_the_languages(option, environ, source):
    with pytest.raises(i18n.LanguageError) as err:
        i18n.choose(option, environ)
    value = option or environ["RCM_LANG"]
    assert str(err.value) == f"unknown language '{value}' (from {source}); use one of: en, es, pt, fr"
    # i18n imports nothing of rcm: its error is not an RcmError; the command line makes it exit 2.
    assert not isinstance(err.value, UsageError)
    if option:
        assert runtime.setup(runtime.Globals(lang=option)) == 2


def test_an_unknown_language_inside_a_command_is_a_usage_error(capsys):
    def command(opts):
        with i18n.language("xx"):  # a roster's language column, say
            return 0

    assert runtime.run(command, runtime.Globals()) == 2
    assert "unknown language 'xx'" in capsys.readouterr().err


# --- the catalogs --------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "unknown timezone 'Santiaog'"),
        ("es", "zona horaria desconocida 'Santiaog'"),
        ("pt", "fuso horário desconhecido 'Santiaog'"),
        ("fr", "fuseau horaire inconnu 'Santiaog'"),
    ],
)
def test_messages_in_each_language(lang, expected):
    i18n.use(lang)
    assert i18n._("unknown timezone %(name)s") % {"name": "'Santiaog'"} == expected  # the code quotes the value


@pytest.mark.parametrize(
    "lang, one, three",
    [
        ("en", "\u2714 1 file checked, no problems", "\u2714 3 files checked, no problems"),
        ("es", "\u2714 1 archivo revisado, sin problemas", "\u2714 3 archivos revisados, sin problemas"),
        ("pt", "\u2714 1 arquivo verificado, nenhum problema", "\u2714 3 arquivos verificados, nenhum problema"),
        ("fr", "\u2714 1 fichier vérifié, aucun problème", "\u2714 3 fichiers vérifiés, aucun problème"),
    ],
)
def test_lint_summary_plural(lang, one, three):
    i18n.use(lang)
    assert formats.summary(Report(files=1)) == one
    assert formats.summary(Report(files=3)) == three


def _copy_catalog(tmp_path: Path, lang: str) -> Path:
    folder = tmp_path / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "src" / "rcmcli" / "locale" / lang / "LC_MESSAGES" / "rcm.po", folder / "rcm.po")
    return folder


def _mo_saying(path: Path, lang: str, text: str) -> None:
    """A compiled catalog whose only translation of 'interrupted' is ``text``."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=lang)
    catalog.add("interrupted", text)
    with path.open("wb") as f:
        write_mo(f, catalog)


def test_source_checkout_without_mo_compiles_the_po_in_memory(tmp_path, monkeypatch):
    folder = _copy_catalog(tmp_path, "es")
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    i18n.use("es")
    assert i18n._("interrupted") == "interrumpido"
    assert not (folder / "rcm.mo").exists(), "nothing is written at run time"


def test_current_mo_is_read_and_a_newer_po_wins(tmp_path, monkeypatch):
    folder = _copy_catalog(tmp_path, "es")
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    mo = folder / "rcm.mo"
    _mo_saying(mo, "es", "FROM THE MO")
    os.utime(folder / "rcm.po", (1_000_000, 1_000_000))  # the .po is older: the build is current
    i18n.use("es")
    assert i18n._("interrupted") == "FROM THE MO"
    os.utime(mo, (1_000, 1_000))  # the .po was edited after the build: read it
    i18n.use("es")
    assert i18n._("interrupted") == "interrumpido"


def test_installed_wheel_has_only_the_mo(tmp_path, monkeypatch):
    folder = tmp_path / "pt" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    _mo_saying(folder / "rcm.mo", "pt", "interrompido (mo)")
    monkeypatch.setattr(i18n, "LOCALE_DIR", str(tmp_path))
    i18n.use("pt")
    assert i18n._("interrupted") == "interrompido (mo)"


def _loaded_after(code: str, *argv: str) -> list[str]:
    """Which of babel / gettext a fresh interpreter imported after ``code``."""
    probe = f"{code}\nimport sys; print('LOADED', sorted(m for m in ('babel', 'gettext') if m in sys.modules))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    env.update(LANG="C.UTF-8", RCM_TODAY="2021-09-01")
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return eval(proc.stdout.rsplit("LOADED", 1)[1])


def test_english_reads_no_catalog_and_imports_neither_gettext_nor_babel():
    run = "import sys; from rcmcli.cli.entry import main; rc = main(sys.argv[1:]); assert rc == 0"
    assert _loaded_after(run, "agenda", "show", II, "-f", "json") == []
    from importlib.metadata import version

    from rcmcli.cli.fastpath import TYPER_RELEASE

    if not version("typer").startswith(TYPER_RELEASE):
        pytest.skip(f"--help is Typer {version('typer')}'s here (the fast path renders Typer {TYPER_RELEASE}x's), and Typer imports gettext")
    assert _loaded_after(run, "--help") == []


def test_a_built_catalog_does_not_import_babel():
    mo, po = (ROOT / "src" / "rcmcli" / "locale" / "es" / "LC_MESSAGES" / f"rcm.{ext}" for ext in ("mo", "po"))
    installed = Path(i18n.catalog_path("es", "mo"))
    if installed != mo:
        mo = installed  # a non-editable install: the wheel's .mo, no .po next to it
    elif not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        pytest.skip("the .mo is missing or older than the .po: run `pybabel compile` (docs/languages.md)")
    run = "import sys; from rcmcli.cli.entry import main; rc = main(sys.argv[1:]); assert rc == 0"
    assert _loaded_after(run, "--lang", "es", "agenda", "show", II, "-f", "json") == ["gettext"]


# --- the command line ----------------------------------------------------------------


def _both(capsys, argv):
    """Exit code, stdout, stderr of the fast path and of Typer, which must agree."""
    results = []
    for func in (fastpath.dispatch, cli.main):
        code = func(list(argv))
        out, err = capsys.readouterr()
        results.append((code, out, err))
    fast, typer_ = results
    if fast[0] is not None:
        assert fast == typer_
    return typer_


@pytest.mark.parametrize(
    "argv, expected",
    [
        (
            ["--lang", "es", "agenda", "show", II, "--tz", "Santiaog"],
            "rcm: error: zona horaria desconocida 'Santiaog'; ¿quiso decir 'America/Santiago'?\n",
        ),
        (
            ["--lang", "pt", "agenda", "show", II, "--tz", "Santiaog"],
            "rcm: error: fuso horário desconhecido 'Santiaog'; você quis dizer 'America/Santiago'?\n",
        ),
        (
            ["--lang", "fr", "agenda", "show", II, "--tz", "Santiaog"],
            "rcm: error: fuseau horaire inconnu 'Santiaog' ; vouliez-vous dire 'America/Santiago' ?\n",
        ),
        (
            ["agenda", "show", II, "--tz", "Santiaog"],
            "rcm: error: unknown timezone 'Santiaog'; did you mean 'America/Santiago'?\n",
        ),
        # A command's own --lang overrides the global one, for that command.
        (
            ["--lang", "fr", "agenda", "show", II, "--lang", "es", "--tz", "Santiaog"],
            "rcm: error: zona horaria desconocida 'Santiaog'; ¿quiso decir 'America/Santiago'?\n",
        ),
    ],
)
def test_unknown_zone_in_the_chosen_language(argv, expected, capsys):
    code, out, err = _both(capsys, argv)
    assert (code, out, err) == (2, "", expected)


def test_language_from_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "pt_BR.UTF-8")
    assert _both(capsys, ["agenda", "show", II, "--tz", "Santiaog"])[2].startswith("rcm: error: fuso horário desconhecido")
    monkeypatch.setenv("RCM_LANG", "fr")
    assert _both(capsys, ["agenda", "show", II, "--tz", "Santiaog"])[2].startswith("rcm: error: fuseau horaire inconnu")


def test_bad_rcm_lang_is_a_usage_error_naming_the_languages(capsys, monkeypatch):
    monkeypatch.setenv("RCM_LANG", "de")
    code, out, err = _both(capsys, ["agenda", "list"])
    assert code == 2
    assert "'de' is not one of 'en', 'es', 'pt', 'fr'" in err


def test_help_in_the_chosen_language(capsys, monkeypatch):
    from importlib.metadata import version

    from rcmcli.cli.fastpath import TYPER_RELEASE

    if not version("typer").startswith(TYPER_RELEASE):
        pytest.skip(f"the fast path renders the help of Typer {TYPER_RELEASE}x; Typer {version('typer')} words its own differently")
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = _both(capsys, ["--lang", "es", "agenda", "--help"])
    assert code == 0
    assert "  list      Listar las reuniones del catálogo.\n" in out
    code, out, _ = _both(capsys, ["agenda", "show", "--lang", "fr", "--help"])
    assert "Format de sortie." in out
    assert "\nArguments:\n" in out and "\nOptions:\n" in out  # Typer's words, the same in French
    assert "[par défaut : table]" in out
    monkeypatch.setenv("RCM_LANG", "pt")
    code, out, _ = _both(capsys, ["members", "--help"])
    assert "\nOpções:\n" in out and "[padrão: all]" in out


