"""Output safety: atomic writes, Ctrl-C, unwritable targets, never over an input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcmcli.cli.app import app
from rcmcli.core import fileio
from rcmcli.core.errors import OutputError

II = "plenary-ii-2021"


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def test_write_replaces_the_whole_file(tmp_path: Path):
    target = tmp_path / "out.ics"
    target.write_bytes(b"old")
    fileio.write_atomic(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert os.listdir(tmp_path) == ["out.ics"]


def test_interrupted_write_keeps_the_previous_file_and_no_temporary(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.ics"
    target.write_bytes(b"previous")
    monkeypatch.setattr(fileio.os, "fsync", _interrupt)
    with pytest.raises(KeyboardInterrupt):
        fileio.write_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["out.ics"]


def test_ctrl_c_during_export_exits_130_and_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "plenary.ics"
    monkeypatch.setattr(fileio.os, "fsync", _interrupt)
    result = CliRunner().invoke(app, ["agenda", "ics", II, "-o", str(target)])
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert os.listdir(tmp_path) == []


def test_missing_output_folder_is_a_clear_error(tmp_path: Path):
    target = tmp_path / "no" / "such" / "folder" / "x.ics"
    result = CliRunner().invoke(app, ["agenda", "ics", II, "-o", str(target)])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr and str(target) in result.stderr


def test_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch):
    # Root ignores permission bits, so the refusal of the file system is simulated.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(app, ["agenda", "ics", II, "-o", str(tmp_path / "x.ics")])
    assert result.exit_code == 2
    assert "cannot write: Permission denied" in result.stderr
    assert os.listdir(tmp_path) == []


def test_a_folder_as_target_is_refused(tmp_path: Path):
    with pytest.raises(OutputError, match="is a folder"):
        fileio.write_atomic(tmp_path, b"x")


def test_an_input_file_is_never_overwritten(tmp_path: Path):
    source = tmp_path / "agenda.yaml"
    source.write_text("id: x\n")
    with pytest.raises(OutputError, match="input file"):
        fileio.write_atomic(source, b"BEGIN:VCALENDAR", inputs=[source])
    assert source.read_text() == "id: x\n"


def test_write_new_writes_once_and_never_overwrites(tmp_path):
    target = tmp_path / "draft.yaml"
    fileio.write_new(target, b"one\n")
    assert target.read_bytes() == b"one\n"
    with pytest.raises(OutputError, match="already exists"):
        fileio.write_new(target, b"two\n")
    assert target.read_bytes() == b"one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]  # no temporary file left


def test_write_new_loses_a_race_without_overwriting(tmp_path, monkeypatch):
    target = tmp_path / "draft.yaml"
    real_link = os.link

    def someone_else_first(src, dst):
        Path(dst).write_bytes(b"theirs\n")
        return real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(OutputError, match="already exists"):
        fileio.write_new(target, b"ours\n")
    assert target.read_bytes() == b"theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.yaml"]


def test_write_new_interrupted_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", _interrupt)
    with pytest.raises(KeyboardInterrupt):
        fileio.write_new(tmp_path / "draft.yaml", b"x")
    assert list(tmp_path.iterdir()) == []
