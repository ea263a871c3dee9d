"""The translation catalogs are complete and safe to format.

A message added in code (``_``, ``N_``, ``ngettext``) must be translated in every
shipped language before the suite passes: the messages are extracted with Babel from
src/rcmcli into a temporary template, exactly as ``pybabel extract`` does with the
configuration in pyproject.toml, and compared with each ``.po``. Each translation
must keep the original's placeholders (``%(name)s`` and ``{name}``), or formatting it
would raise or drop a value at run time.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from rcmcli import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "rcmcli" / "locale"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != "en"]
PERCENT = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrx]")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    """The messages in the code now: ``pybabel extract`` into a temporary .pot."""
    out = tmp_path_factory.mktemp("pot") / "rcm.pot"
    previous = os.getcwd()
    os.chdir(ROOT)  # the [tool.babel.*] paths are relative to the repository root
    try:
        CommandLineInterface().run(["pybabel", "--quiet", "extract", "--output-file", str(out)])
    finally:
        os.chdir(previous)
    with out.open("rb") as f:
        return read_po(f)


def _catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "rcm.po").open("rb") as f:
        return read_po(f, locale=lang)


def test_extraction_finds_the_messages(template):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    # One message from each kind of mark, in the files this issue wrapped.
    assert "unknown timezone %(name)s; did you mean %(zones)s?" in ids  # _ in core/zones.py
    assert "Show an agenda in one or more time zones." in ids  # N_ in cli/registry.py
    assert "%(n)d file checked, no problems" in ids  # ngettext in lint/formats.py


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(template, lang):
    catalog = _catalog(lang)
    missing = []
    for msg in template:
        if not msg.id:
            continue
        found = catalog.get(msg.id)
        forms = () if found is None else (found.string if isinstance(found.string, tuple) else (found.string,))
        if found is None or found.fuzzy or not forms or not all(forms):
            missing.append(msg.id if isinstance(msg.id, str) else msg.id[0])
    assert not missing, (
        f"{len(missing)} message(s) without a {lang} translation (pybabel extract; pybabel update; "
        f"translate src/rcmcli/locale/{lang}/LC_MESSAGES/rcm.po; docs/languages.md): {missing}"
    )


def _placeholders(text: str) -> tuple[set[str], set[str]]:
    """``%(name)s`` names and ``{name}`` names (str.format) of a text."""
    braces = {field.split("!")[0].split(":")[0] for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    return set(PERCENT.findall(text)), braces


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    wrong = []
    for msg in _catalog(lang):
        if not msg.id or not msg.string:
            continue
        ids = (msg.id,) if isinstance(msg.id, str) else msg.id
        forms = (msg.string,) if isinstance(msg.string, str) else msg.string
        originals = [_placeholders(i) for i in ids]
        for n, form in enumerate(forms):
            if not form:
                continue
            got = _placeholders(form)
            # Form 0 of a plural may follow the singular, the others follow the plural.
            allowed = [originals[0]] if len(ids) == 1 else ([originals[0], originals[1]] if n == 0 else [originals[1]])
            if got not in allowed:
                wrong.append((ids[0], form))
    assert not wrong, f"{lang}: placeholders differ from the original: {wrong}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_format_without_error(lang):
    """What the code does with each translation: ``% {...}`` or ``.format(...)``."""
    for msg in _catalog(lang):
        if not msg.id or not msg.string:
            continue
        ids = (msg.id,) if isinstance(msg.id, str) else msg.id
        forms = (msg.string,) if isinstance(msg.string, str) else msg.string
        percent, braces = _placeholders(ids[-1])
        for form in forms:
            if percent or "python-format" in msg.flags:
                form % {name: 1 for name in percent}  # raises on a broken %( ) or a stray %
            if braces and _formats(ids[-1], braces):  # '{minutes: 15}' in a YAML example is not a placeholder
                form.format(**{name: "x" for name in braces})


def _formats(text: str, names: set) -> bool:
    """Does the English text itself take ``.format()``? Literal braces (YAML shown to the
    user) do not, and the code never formats those messages."""
    try:
        text.format(**{name: "x" for name in names})
    except (ValueError, KeyError, IndexError):
        return False
    return True


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_headers(lang):
    catalog = _catalog(lang)
    assert str(catalog.locale) == lang
    assert not catalog.fuzzy, "a fuzzy header makes msgfmt and Babel skip the whole catalog"
