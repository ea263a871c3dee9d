"""The one reader of input files (core.loader.read_bytes) and the one folder walk (core.walk).

Hostile ground: a FIFO blocks open() and read() forever, /dev/zero and /dev/urandom
never end, a socket cannot be opened, a folder is not a file. Each must be refused at
once with an InputError naming the path (exit 2), and a file over the limit must be
refused after reading at most the limit plus one byte.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import threading
from pathlib import Path

import pytest

from rcmcli.core.errors import InputError
from rcmcli.core.loader import MEETING, TooLarge, read_bytes, read_document
from rcmcli.core.walk import is_yaml_name, tidy, yaml_files
from rcmcli.core.yamltree import Limits

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and /dev are POSIX")


def within_a_second(call):
    """Run ``call`` in a thread and fail if it has not returned after one second.

    A regression (a FIFO opened blocking, /dev/zero read to the end) would hang the
    test run; the daemon thread is left behind instead and the test fails.
    """
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(1.0)
    assert not thread.is_alive(), "still reading after one second"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "agenda.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path, monkeypatch) -> Path:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this system")
    monkeypatch.chdir(tmp_path)  # a relative name: socket paths are limited to ~100 bytes
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("s.yaml")
    yield tmp_path / "s.yaml"
    sock.close()


# --- not a regular file ------------------------------------------------------------


@posix_only
def test_a_fifo_is_refused_at_once_naming_it(fifo: Path):
    with pytest.raises(InputError) as caught:
        within_a_second(lambda: read_bytes(fifo))
    assert str(caught.value) == f"{fifo}: not a regular file (a FIFO)"


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_character_device_is_refused_at_once(device: str):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(InputError) as caught:
        within_a_second(lambda: read_bytes(Path(device)))
    assert str(caught.value) == f"{device}: not a regular file (a character device)"


@posix_only
def test_a_socket_is_refused(unix_socket: Path):
    with pytest.raises(InputError, match=r"not a regular file \(a socket\)"):
        within_a_second(lambda: read_bytes(unix_socket))


def test_a_folder_is_refused(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        read_bytes(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder, not a file"


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        read_bytes(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: no such file"


@posix_only
def test_the_validator_refuses_a_fifo_before_parsing(fifo: Path):
    """read_document (validate, show, the catalog) goes through the same reader."""
    with pytest.raises(InputError, match="a FIFO"):
        within_a_second(lambda: read_document(fifo, MEETING))


# --- the byte limit ----------------------------------------------------------------


def test_a_file_at_the_limit_is_read(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, 100) == b"x" * 100


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path, monkeypatch):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"x" * 1000)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(TooLarge) as caught:
        read_bytes(path, 100)
    assert reads == []  # fstat gave the size: nothing read
    assert caught.value.size == 1000
    assert str(caught.value) == (
        f"{path}: file is 1,000 bytes, over the limit of 100; refused (raise [tool.rcm.limits] max_bytes to allow it)"
    )


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_a_file_whose_size_is_unknown_is_read_only_to_the_limit_plus_one(monkeypatch):
    """/proc files report size 0 and hold more: the limit is enforced while reading."""
    path = Path("/proc/self/status")
    assert os.stat(path).st_size == 0
    got: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: got.append(len(chunk := real_read(fd, n))) or chunk)
    with pytest.raises(TooLarge) as caught:
        read_bytes(path, 100)
    assert sum(got) == 101
    assert caught.value.size is None and "more than 100 bytes" in str(caught.value)


def test_the_validator_reports_a_large_file_as_y006(tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"# " + b"x" * 200 + b"\n")
    loaded = read_document(path, MEETING, Limits(max_bytes=50))
    assert [(d.code, d.pos) for d in loaded.diagnostics] == [("Y006", (1, 1))]
    assert "203 bytes, over the limit of 50" in loaded.diagnostics[0].message


# --- the folder walk ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "yaml"),
    [("a.yaml", True), ("a.yml", True), ("A.YAML", True), ("b.Yml", True), ("a.yaml.bak", False), ("yaml", False)],
)
def test_yaml_names_in_any_case(name: str, yaml: bool):
    assert is_yaml_name(name) is yaml


def test_the_walk_finds_upper_case_suffixes_and_skips_hidden_names(tmp_path: Path):
    for name in ("a.yaml", "B.YAML", "c.Yml", "notes.txt", ".hidden.yaml"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.YML").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.yaml").write_text("x: 1\n", encoding="utf-8")
    found = yaml_files(tmp_path)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == ["B.YAML", "a.yaml", "c.Yml", "sub/d.YML"]
    assert found.skipped_links == []
    flat = yaml_files(tmp_path, recursive=False)
    assert [Path(p).name for p in flat.files] == ["B.YAML", "a.yaml", "c.Yml"]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_the_walk_follows_links_only_to_files_inside_the_folder(tmp_path: Path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    root = tmp_path / "agendas"
    (root / "sub").mkdir(parents=True)
    (root / "real.yaml").write_text("x: 1\n", encoding="utf-8")
    (root / "inside.yaml").symlink_to("real.yaml")  # stays in the folder: followed
    (root / "passwd.yaml").symlink_to(outside)  # out of it: skipped
    (root / "sub" / "up.yaml").symlink_to("../../secret.yaml")  # out of it through '..': skipped
    (root / "dangling.yaml").symlink_to("nowhere.yaml")  # leads nowhere: skipped
    (root / "loop").symlink_to(".", target_is_directory=True)  # a folder: never walked into
    found = yaml_files(root)
    assert [Path(p).relative_to(root).as_posix() for p in found.files] == ["inside.yaml", "real.yaml"]
    assert [Path(p).relative_to(root).as_posix() for p in found.skipped_links] == [
        "dangling.yaml",
        "loop",
        "passwd.yaml",
        "sub/up.yaml",
    ]


@posix_only
def test_the_walk_lists_a_fifo_so_that_the_reader_names_it(fifo: Path):
    found = yaml_files(fifo.parent)
    assert found.files == [str(fifo)]
    assert stat.S_ISFIFO(os.stat(found.files[0]).st_mode)


@pytest.mark.parametrize(
    "typed",
    ["agendas/x.yaml", "./agendas/x.yaml", "agendas//x.yaml", "agendas/./x.yaml", "agendas/x.yaml/", "/tmp/../a", ".", "./", "", "/", "//a//b"],
)
def test_tidy_writes_a_path_as_pathlib_does(typed: str):
    from pathlib import PurePosixPath

    expected = str(PurePosixPath(typed)) if not typed.startswith("//") else "/a/b"  # POSIX keeps a leading '//'; rcm does not
    assert tidy(typed.replace("/", os.sep)) == expected.replace("/", os.sep)


def test_a_recursive_walk_orders_files_folder_by_folder(tmp_path: Path):
    """'a/x.yaml' before 'a-b.yaml', as pathlib orders paths (a string sort puts '-' first)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "a-b.yaml").write_text("x: 1\n", encoding="utf-8")
    found = yaml_files(tmp_path)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == ["a/x.yaml", "a-b.yaml"]
