"""Build hook: compile the translation catalogs (``.po`` -> ``.mo``) with Babel.

The ``.mo`` files are build products, never committed (``.gitignore``):

- wheel: compiled into a temporary folder and added to the wheel at
  ``rcmcli/locale/<lang>/LC_MESSAGES/rcm.mo`` (the ``.po`` sources stay out of it);
- editable install: compiled next to their ``.po`` in ``src/``, where the editable
  install reads them (``rcmcli.i18n`` prefers the ``.po`` while it is newer).

Fuzzy entries are left out, as ``pybabel compile`` does. Declared in pyproject.toml
(``[tool.hatch.build.hooks.custom]``); Babel is in ``[build-system] requires``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src", "rcmcli", "locale")


def compile_catalog(po: Path, mo: Path) -> None:
    """Write ``mo`` from ``po`` (Babel's reader and writer: no msgfmt needed)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as f:
        write_mo(f, catalog)


def catalogs(root: Path) -> list[Path]:
    """Every ``<lang>/LC_MESSAGES/rcm.po`` under the locale folder."""
    return sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po"))


class CustomBuildHook(BuildHookInterface):
    """Compile every catalog before the wheel (or the editable wheel) is assembled."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            for po in catalogs(root):
                compile_catalog(po, po.with_suffix(".mo"))
            return
        self._out = tempfile.TemporaryDirectory(prefix="rcm-mo-")
        for po in catalogs(root):
            relative = po.relative_to(root / LOCALE).with_suffix(".mo")
            mo = Path(self._out.name, relative)
            compile_catalog(po, mo)
            build_data["force_include"][str(mo)] = f"rcmcli/locale/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            out.cleanup()
