"""Translation of what people read: gettext catalogs, one language per run, CLDR dates.

The language is chosen once at the boundary (:func:`choose`: ``--lang``, ``RCM_LANG``,
the POSIX locale, else English) and made active with :func:`use`; code everywhere
marks text with :func:`_` (``_("unknown timezone %(name)s") % {"name": ...}``: named
placeholders, so translators can reorder them) or :func:`ngettext`, and texts
declared before the language is known with :func:`N_`, translated where they are
shown. Dates and times a person reads are written by :mod:`rcmcli.timefmt` (CLDR,
through Babel), in the CLDR locale :func:`cldr_locale` names.

Catalogs: ``rcmcli/locale/<lang>/LC_MESSAGES/rcm.po`` in the repository, compiled to
``rcm.mo`` by the build (``hatch_build.py``). A source checkout without a build (or
whose ``.po`` is newer than its ``.mo``) compiles the ``.po`` in memory with Babel:
slower, never wrong. docs/languages.md says how to add a language.

Imports nothing heavy, and nothing else of rcm: every other module may import this one.
English reads no catalog and never imports Babel for messages; Babel is imported
only by :func:`cldr_locale` and the ``.po`` fallback. A language rcm does not speak
is a :class:`LanguageError`, which the command line reports as a usage error (exit 2).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from gettext import GNUTranslations
    from typing import Mapping, Optional

# Adding a language: one line here and one catalog file (docs/languages.md).
LANGUAGES = ("en", "es", "pt", "fr")
DOMAIN = "rcm"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
CLOCKS = ("12", "24")

# The CLDR locale of each language when the POSIX locale names no region of it: Latin
# American Spanish (the conferences' members), Brazilian Portuguese ("pt" in CLDR),
# French and US English as CLDR defines them.
CLDR_DEFAULT = {"en": "en", "es": "es_419", "pt": "pt", "fr": "fr"}
POSIX_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# English is the text in the code: no catalog, and not even the gettext module (it imports
# re: ~5 ms of every start-up).
_active: dict = {"lang": "en", "translation": None, "region": None}


class LanguageError(ValueError):
    """A language rcm does not speak (``--lang``, ``RCM_LANG``, a roster's column): a usage
    error at the command line. Defined here, not in ``core.errors``, so that this module,
    which every other imports, imports none of them."""


def N_(message: str) -> str:
    """Mark a text for extraction; translate it later with :func:`_`."""
    return message


def _(message: str) -> str:
    """The text in the active language."""
    translation = _active["translation"]
    return message if translation is None else translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural, in the active language."""
    translation = _active["translation"]
    if translation is None:
        return singular if n == 1 else plural
    return translation.ngettext(singular, plural, n)


def current() -> str:
    """The active language code."""
    return _active["lang"]


def use(lang: str, environ: Optional[Mapping[str, str]] = None) -> None:
    """Make ``lang`` the language of this run (English: no catalog is read).

    The POSIX locale's region (``es_AR`` in ``LANG=es_AR.UTF-8``) refines dates and
    times when its language is ``lang`` (:func:`cldr_locale`). The clock is not a
    language's: it belongs to the run's :class:`rcmcli.timefmt.Formatter`.
    """
    if lang not in LANGUAGES:
        raise _unknown(lang, "")
    translation = None if lang == "en" else load(lang)
    region = _posix_tag(os.environ if environ is None else environ)
    _active.update(lang=lang, translation=translation, region=region)


class language:
    """``with language("es"): ...``: text in another language for a while (a participant's
    invitation, a calendar in the language of a page), the run's language restored after.

    Only the messages switch; the POSIX region stays the run's.
    Catalogs are read once per language and kept (:data:`_catalogs`).
    """

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise _unknown(lang, "")
        self.lang = lang
        self.saved: Optional[tuple] = None

    def __enter__(self) -> language:
        self.saved = (_active["lang"], _active["translation"])
        if self.lang != _active["lang"]:
            _active.update(lang=self.lang, translation=_catalog(self.lang))
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.saved is not None
        _active.update(lang=self.saved[0], translation=self.saved[1])


_catalogs: dict = {}


def _catalog(lang: str) -> Optional[GNUTranslations]:
    """The catalog of ``lang`` (None for English), read on first use only."""
    if lang == "en":
        return None
    if lang not in _catalogs:
        _catalogs[lang] = load(lang)
    return _catalogs[lang]


def reset() -> None:
    """English: the state before any :func:`use`."""
    _active.update(lang="en", translation=None, region=None)


# --- choosing the language -----------------------------------------------------------


def choose(option: Optional[str] = None, environ: Optional[Mapping[str, str]] = None) -> str:
    """The language of this run: ``option`` (--lang), then RCM_LANG, then the POSIX locale, then English.

    An explicit choice (option or RCM_LANG) that rcm does not speak is an error listing
    the languages it does; a POSIX locale in another language means English.
    """
    env = os.environ if environ is None else environ
    if option:
        if option not in LANGUAGES:
            raise _unknown(option, "--lang")
        return option
    chosen = env.get("RCM_LANG")
    if chosen:
        if chosen not in LANGUAGES:
            raise _unknown(chosen, "RCM_LANG")
        return chosen
    return posix_language(env)


def posix_language(environ: Mapping[str, str]) -> str:
    """The language of the POSIX locale: ``pt_BR.UTF-8`` -> pt, ``C``/``POSIX`` -> en.

    Like Python's gettext, the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set
    decides; LANGUAGE may list several (``fr:en``), the first rcm speaks wins.
    """
    for name in POSIX_VARIABLES:
        value = environ.get(name)
        if not value:
            continue
        for item in value.split(":"):
            tag = _tag(item)
            if tag in ("C", "POSIX"):
                return "en"
            code = tag.replace("-", "_").split("_")[0].lower()
            if code in LANGUAGES:
                return code
        return "en"
    return "en"


def _tag(item: str) -> str:
    """``pt_BR.UTF-8@euro`` -> ``pt_BR``."""
    return item.split(".")[0].split("@")[0].strip()


def _posix_tag(environ: Mapping[str, str]) -> Optional[str]:
    """The first locale tag with a region (``es_AR``) in the POSIX variables, if any."""
    for name in POSIX_VARIABLES:
        value = environ.get(name)
        if value:
            for item in value.split(":"):
                tag = _tag(item).replace("-", "_")
                if "_" in tag:
                    return tag
            return None
    return None


def _unknown(value: str, source: str) -> LanguageError:
    values = {"value": value, "languages": ", ".join(LANGUAGES), "source": source}
    if source:
        return LanguageError(_("unknown language '%(value)s' (from %(source)s); use one of: %(languages)s") % values)
    return LanguageError(_("unknown language '%(value)s'; use one of: %(languages)s") % values)


# --- catalogs --------------------------------------------------------------------------


def catalog_path(lang: str, ext: str = "po") -> str:
    """``rcmcli/locale/<lang>/LC_MESSAGES/rcm.<ext>``."""
    return os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.{ext}")


def load(lang: str) -> GNUTranslations:
    """The compiled catalog of ``lang``; the ``.po`` compiled in memory if there is no
    current ``.mo`` (a source checkout that was never built, or an edited ``.po``)."""
    mo, po = catalog_path(lang, "mo"), catalog_path(lang, "po")
    try:
        mo_time = os.stat(mo).st_mtime
    except OSError:
        mo_time = None
    if mo_time is not None:
        from gettext import GNUTranslations

        try:
            stale = os.stat(po).st_mtime > mo_time
        except OSError:  # an installed wheel ships the .mo only
            stale = False
        if not stale:
            with open(mo, "rb") as f:
                return GNUTranslations(f)
    return _from_po(po)


def _from_po(po: str) -> GNUTranslations:
    import io
    from gettext import GNUTranslations

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # leaves fuzzy entries out, like the build
    buffer.seek(0)
    return GNUTranslations(buffer)


# --- the CLDR locale of dates and times (rcmcli.timefmt writes them) ----------------------


def cldr_locale(lang: Optional[str] = None) -> str:
    """The CLDR locale for ``lang``: the POSIX locale's own (``es_AR``) when it is in that
    language and CLDR knows it, else the language's default (:data:`CLDR_DEFAULT`)."""
    lang = lang or current()
    region = _active["region"]
    if region and region.split("_")[0].lower() == lang:
        from babel import localedata

        if localedata.exists(region):  # CLDR has data for it (es_AR, fr_CA), not just a parent
            return region
    return CLDR_DEFAULT.get(lang, "en")
