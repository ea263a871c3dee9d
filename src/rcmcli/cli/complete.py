"""Shell completion of option values: meeting ids, zone names and capitals.

Typer calls these while the shell completes (``rcm --install-completion``); the
registry says which option completes what (``Opt.complete``). Choices complete
themselves. Completion must never fail loudly: a broken catalog gives no candidates.

Each function takes Typer's context (``ctx``, found by its name: annotating it as a
Context would import Typer here), so the catalog is the one ``--data`` names on the
command line being completed, else ``RCM_DATA``, else the bundled one.

Typer keeps the candidates that start with what was typed (case-sensitive). Bash
inserts a candidate as it is given, so a value with a space (``Buenos Aires``) would
become two words: :func:`bash_word` escapes it as the shell reads it
(``Buenos\\ Aires``); :mod:`rcmcli.cli.app` applies it to bash's output only, after
Typer's filter, so typing ``Buenos\\ A`` still finds it. zsh and fish quote
candidates themselves.
"""

from __future__ import annotations

import os
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, Iterable, Optional

    from rcmcli.cli.registry import Opt

LIMIT = 200  # candidates; a shell lists them all


def _folder(ctx: Any) -> Optional[str]:
    """``--data`` of the command line being completed, if any (else RCM_DATA, else bundled)."""
    try:
        value = ctx.find_root().params.get("data")
    except Exception:
        return None
    return value if isinstance(value, str) and value else None


_UNSAFE = re.compile(r"[^\w@%+=:,./-]")


def bash_word(value: str) -> str:
    """``value`` as one bash word: a backslash before each character bash would read."""
    return _UNSAFE.sub(lambda m: "\\" + m.group(0), value)


def _starts(names: Iterable[str], incomplete: str) -> list[str]:
    """The names that start with what was typed, sorted, at most :data:`LIMIT`."""
    return sorted(n for n in set(names) if n.startswith(incomplete))[:LIMIT]


def meetings(ctx: object, incomplete: str) -> list[str]:
    """Meeting ids of the catalog, and of the drafts in ./ and ./agendas/ (as ``agenda show`` finds them)."""
    from rcmcli.core.catalog import data_dir, local_ids, meeting_files, stem

    ids: set[str] = set()
    try:
        ids.update(stem(p) for p in meeting_files(data_dir(_folder(ctx))))
    except Exception:  # completion must never break the shell
        pass
    try:
        ids.update(local_ids(os.getcwd()))
    except Exception:
        pass
    return _starts(ids, incomplete)


def _members(ctx: Any) -> Any:
    from rcmcli.core.catalog import Catalog, data_dir

    return Catalog(data_dir(_folder(ctx))).members


def capitals(ctx: object, incomplete: str) -> list[str]:
    """Member capitals and countries, in every language the catalog names them (``--capital``)."""
    try:
        names: set[str] = set()
        for country in _members(ctx).countries.values():
            for text in (country.capital, country.name):
                names.update(n for n in (text.en, text.es, text.pt, text.fr) if n)
    except Exception:
        return []
    return _starts(names, incomplete)


def zones(ctx: object, incomplete: str) -> list[str]:
    """IANA zone names and member capitals (``--tz``, ``--ref``)."""
    from rcmcli.core import zones as z

    try:
        names = set(z.available_zones())
        for country in _members(ctx).countries.values():
            capital = country.capital
            names.update(n for n in (capital.en, capital.es, capital.pt, capital.fr) if n)
    except Exception:
        return []
    return _starts(names, incomplete)


_BY_KIND: dict[str, Callable[..., list[str]]] = {"meeting": meetings, "zone": zones, "capital": capitals}


def for_option(opt: Opt) -> Optional[Callable[..., list[str]]]:
    return _BY_KIND.get(opt.complete or "")
