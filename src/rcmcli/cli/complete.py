"""Shell completion of option values: meeting ids, zone names and capitals.

Typer calls these while the shell completes (``rcm --install-completion``); the
registry says which option completes what (``Opt.complete``). Choices complete
themselves. Completion must never fail loudly: a broken catalog gives no candidates.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Optional

    from rcmcli.cli.registry import Opt


def meetings(incomplete: str) -> list[str]:
    """Meeting ids of the catalog (``--data`` cannot be seen here: ``RCM_DATA`` or the bundled one)."""
    from rcmcli.core.catalog import data_dir, meeting_files, stem

    try:
        ids = [stem(p) for p in meeting_files(data_dir(None))]
    except Exception:  # completion must never break the shell
        return []
    return [i for i in ids if i.startswith(incomplete)]


def zones(incomplete: str) -> list[str]:
    """IANA zone names and member capitals that start with what was typed (case-insensitive)."""
    from rcmcli.core import zones as z
    from rcmcli.core.catalog import Catalog, data_dir

    try:
        names = set(z.available_zones())
        members = Catalog(data_dir(os.environ.get("RCM_DATA"))).members
        for country in members.countries.values():
            names.update(n for n in (country.capital.en, country.capital.es) if n)
    except Exception:
        return []
    low = incomplete.lower()
    found = sorted(n for n in names if n.lower().startswith(low) or n.rsplit("/", 1)[-1].lower().startswith(low))
    return found[:200]


_BY_KIND: dict[str, Callable[[str], list[str]]] = {"meeting": meetings, "zone": zones}


def for_option(opt: Opt) -> Optional[Callable[[str], list[str]]]:
    return _BY_KIND.get(opt.complete or "")
