"""The parsed-tree cache (rcmcli.treecache): same trees, same models, never stale.

The expected trees come from parsing the text afresh with rcmcli.yamlsrc, and are
compared through a dump written here, independent of the cache's own encoding.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

import pytest

from rcmcli import treecache
from rcmcli.catalog import bundled_dir
from rcmcli.loader import MEETING, MEMBERS, read_document
from rcmcli.yamlsrc import DEFAULT_LIMITS, YMap, YScalar, YSeq, parse_shared

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    p for folder in (ROOT / "data", ROOT / "tests") for p in folder.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")
)


def dump(node) -> object:
    """A tree as plain data, positions included."""
    if isinstance(node, YScalar):
        return ("scalar", node.raw, node.plain, tuple(node.pos))
    if isinstance(node, YMap):
        return ("map", tuple(node.pos), node.size, [(k, tuple(p), dump(v)) for k, (p, v) in node.items.items()])
    assert isinstance(node, YSeq)
    return ("seq", tuple(node.pos), node.size, [dump(v) for v in node.items])


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_round_trip_gives_the_parsed_tree(path):
    text = _text(path)
    if text is None:
        pytest.skip("not UTF-8 (an encoding case of the hostile corpus)")
    node, diagnostics, shared = parse_shared(text, DEFAULT_LIMITS)
    if node is None or diagnostics or shared:
        pytest.skip("not cached: the cache keeps only clean parses without aliases")
    fresh, _, _ = parse_shared(text, DEFAULT_LIMITS)
    assert dump(treecache.decode(treecache.encode(node))) == dump(fresh)


def _model(path: Path, spec, cache: bool):
    loaded = read_document(path, spec, cache=cache)
    return asdict(loaded.value) if loaded.value is not None else None, loaded.diagnostics


@pytest.mark.parametrize("name", ["members.yaml", "meetings/plenary-ii-2021.yaml", "meetings/followup-ii-2021.yaml"])
def test_models_from_the_cache_equal_parsed_ones(name):
    path = bundled_dir() / name
    spec = MEMBERS if name == "members.yaml" else MEETING
    parsed = _model(path, spec, cache=False)
    first = _model(path, spec, cache=True)  # a miss: parses and stores
    assert treecache._entry(str(path)).is_file()
    second = _model(path, spec, cache=True)  # a hit
    assert parsed == first == second


MEETING_TEXT = (bundled_dir() / "meetings" / "followup-ii-2021.yaml").read_text(encoding="utf-8")


def test_an_edited_file_is_never_read_from_the_cache(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MEETING_TEXT, encoding="utf-8")
    read_document(path, MEETING, cache=True)
    edited = MEETING_TEXT.replace("id: followup-ii-2021", "id: edited-meeting", 1)
    assert edited != MEETING_TEXT
    path.write_text(edited, encoding="utf-8")
    os.utime(path, (0, 0))  # an old mtime too: the check is on the text itself
    assert read_document(path, MEETING, cache=True).value.id == "edited-meeting"


def test_a_damaged_entry_is_ignored_and_replaced(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MEETING_TEXT, encoding="utf-8")
    expected = _model(path, MEETING, cache=False)
    entry = treecache._entry(str(path))
    entry.parent.mkdir(parents=True, exist_ok=True)
    for junk in (b"", b"\x00garbage", b"\xe3" + b"x" * 50):
        entry.write_bytes(junk)
        assert _model(path, MEETING, cache=True) == expected
    assert treecache._load(entry, MEETING_TEXT, DEFAULT_LIMITS) is not None  # rewritten whole


def test_entries_are_kept_per_version_and_limits(tmp_path, monkeypatch):
    path = tmp_path / "m.yaml"
    path.write_text(MEETING_TEXT, encoding="utf-8")
    read_document(path, MEETING, cache=True)
    entry = treecache._entry(str(path))
    assert treecache._load(entry, MEETING_TEXT, DEFAULT_LIMITS) is not None
    monkeypatch.setattr(treecache, "__version__", "0.0.0-other")
    assert treecache._load(entry, MEETING_TEXT, DEFAULT_LIMITS) is None


def test_no_cache_and_unwritable_folders(tmp_path, monkeypatch):
    path = tmp_path / "m.yaml"
    path.write_text(MEETING_TEXT, encoding="utf-8")
    expected = _model(path, MEETING, cache=False)
    monkeypatch.setenv("RCM_NO_CACHE", "1")
    assert treecache._entry(str(path)) is None
    assert _model(path, MEETING, cache=True) == expected
    monkeypatch.delenv("RCM_NO_CACHE")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("RCM_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert _model(path, MEETING, cache=True) == expected


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("RCM_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert treecache.cache_dir() == tmp_path / "rcm"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert treecache.cache_dir() == tmp_path / "home" / ".cache" / "rcm"


def test_no_home_folder_means_no_cache(monkeypatch):
    monkeypatch.delenv("RCM_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(treecache.os.path, "expanduser", lambda p: p)  # '~' not expandable
    assert treecache.cache_dir() is None


def test_large_files_and_bad_documents_are_not_cached(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    assert read_document(bad, MEETING, cache=True).diagnostics
    assert not treecache._entry(str(bad)).exists()
    big = tmp_path / "big.yaml"
    big.write_text(MEETING_TEXT + "#" * treecache.MAX_TEXT, encoding="utf-8")
    read_document(big, MEETING, cache=True)
    assert not treecache._entry(str(big)).exists()


def test_show_does_not_import_yaml_once_cached(tmp_path):
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    env["RCM_CACHE_DIR"] = str(tmp_path)
    code = "import sys; from rcmcli.entry import main; rc = main(sys.argv[1:]); print('YAML', 'yaml' in sys.modules)"
    argv = [sys.executable, "-c", code, "agenda", "show", "plenary-ii-2021", "-f", "json"]
    runs = [subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout.rstrip().endswith("YAML True")
    assert runs[1].stdout.rstrip().endswith("YAML False")
    assert runs[0].stdout == runs[1].stdout.replace("YAML False", "YAML True")


def test_an_entry_of_the_wrong_shape_is_ignored(tmp_path):
    """Valid JSON, right header and text, but a tree rcm did not write: parse instead."""
    import json

    path = tmp_path / "m.yaml"
    path.write_text(MEETING_TEXT, encoding="utf-8")
    expected = _model(path, MEETING, cache=False)
    read_document(path, MEETING, cache=True)
    entry = treecache._entry(str(path))
    header, text, tree = json.loads(entry.read_bytes())
    id_value = tree[4][0][3]  # the first key of the root mapping is 'id'
    assert tree[4][0][0] == "id" and id_value[0] == "followup-ii-2021"
    for bad in (12345, None, ["x"]):
        damaged = json.loads(json.dumps(tree))
        damaged[4][0][3][0] = bad
        entry.write_text(json.dumps([header, text, damaged]), encoding="utf-8")
        assert _model(path, MEETING, cache=True) == expected
    for bad_tree in ([2, 1, 1, 1, []], [0, "1", 1, 1, []], [0, 1, 1, 1, [[7, 1, 1, ["a", True, 1, 1]]]]):
        entry.write_text(json.dumps([header, text, bad_tree]), encoding="utf-8")
        assert _model(path, MEETING, cache=True) == expected


def test_a_changed_parser_does_not_read_old_entries(tmp_path, monkeypatch):
    path = tmp_path / "m.yaml"
    path.write_text(MEETING_TEXT, encoding="utf-8")
    read_document(path, MEETING, cache=True)
    entry = treecache._entry(str(path))
    assert treecache._load(entry, MEETING_TEXT, DEFAULT_LIMITS) is not None
    monkeypatch.setattr(treecache, "_code_stamp", lambda: [1, 2, 3, 4])  # yamlsrc.py edited
    assert treecache._load(entry, MEETING_TEXT, DEFAULT_LIMITS) is None


@pytest.mark.parametrize("value, on", [("1", False), ("yes", False), ("0", True), ("false", True), ("", True)])
def test_rcm_no_cache_values(monkeypatch, value, on):
    monkeypatch.setenv("RCM_NO_CACHE", value)
    assert (treecache.cache_dir() is not None) is on
