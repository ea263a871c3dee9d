"""Translation of what people read: gettext catalogs, one language per run.

The language is chosen once at the boundary (``--lang``, ``RCM_LANG``, the POSIX
locale, else English) with :func:`use`; code everywhere marks text with :func:`_`
(``_("unknown timezone %(name)s") % {"name": ...}``: named placeholders, so
translators can reorder them) or :func:`ngettext`, and texts declared before the
language is known with :func:`N_`, translated where they are shown.

Imports nothing heavy: English needs no catalog at all.
"""

from __future__ import annotations

import gettext as _gettext

LANGUAGES = ("en", "es", "pt", "fr")
DOMAIN = "rcm"

_active: dict = {"lang": "en", "translation": _gettext.NullTranslations()}


def N_(message: str) -> str:
    """Mark a text for extraction; translate it later with :func:`_`."""
    return message


def _(message: str) -> str:
    """The text in the active language."""
    return _active["translation"].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural, in the active language."""
    return _active["translation"].ngettext(singular, plural, n)


def current() -> str:
    """The active language code."""
    return _active["lang"]


def use(lang: str) -> None:
    """Make ``lang`` the language of this run (English: no catalog is read)."""
    if lang == "en":
        _active["lang"], _active["translation"] = "en", _gettext.NullTranslations()
        return
    _active["lang"] = lang
    _active["translation"] = _gettext.NullTranslations()  # the catalogs arrive with the languages issue
