"""Finding a meeting by id outside the catalog (docs/decisions.md, "Finding a meeting by id")."""

from __future__ import annotations

from pathlib import Path

import pytest

from rcmcli.core.catalog import Catalog, bundled_dir, files_with_id
from rcmcli.core.errors import UsageError

DATA = Path(__file__).resolve().parents[2] / "data" / "meetings"
FOLLOWUP = (DATA / "followup-ii-2021.yaml").read_text(encoding="utf-8")


def with_id(text: str, new_id: str) -> str:
    return text.replace("id: followup-ii-2021", f"id: {new_id}", 1)


def test_top_level_id_lines_in_the_folder_and_agendas(tmp_path: Path) -> None:
    (tmp_path / "agendas" / "deeper").mkdir(parents=True)
    (tmp_path / "a.yaml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "agendas" / "b.yml").write_text("# c\nid: 'x'  # note\n", encoding="utf-8")
    (tmp_path / "agendas" / "deeper" / "c.yaml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text("meeting:\n  id: x\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text("id: x\n", encoding="utf-8")
    found = files_with_id("x", tmp_path)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == ["a.yaml", "agendas/b.yml"]
    assert files_with_id("y", tmp_path) == []


def test_catalog_first_then_the_working_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agendas").mkdir()
    (tmp_path / "agendas" / "copy.yaml").write_text(FOLLOWUP, encoding="utf-8")
    (tmp_path / "agendas" / "mine.yaml").write_text(with_id(FOLLOWUP, "mine-2026"), encoding="utf-8")
    catalog = Catalog(bundled_dir())
    # The catalog's id wins over a local copy with the same id.
    assert Path(catalog.find("followup-ii-2021").path).parent == bundled_dir() / "meetings"  # installed or checkout
    mine = catalog.find("mine-2026")
    assert mine.id == "mine-2026" and Path(mine.path).name == "mine.yaml"
    (tmp_path / "other.yaml").write_text(with_id(FOLLOWUP, "mine-2026"), encoding="utf-8")
    with pytest.raises(UsageError, match="several files .* 'mine-2026'"):
        catalog.find("mine-2026")
    with pytest.raises(UsageError, match=r"nor in \./ or \./agendas/"):
        catalog.find("nobody-2026")
