"""Hostile ground: inputs that are not plain files, unreadable files and folders, names
that are not UTF-8, symbolic links out of a folder, folders with nothing to check.

None of these fits a file in cases/ (a FIFO, a device, a permission, a name, a link
cannot be committed as an input), so each is made here at test time. The answer is
always the same: exit 2 at once with one line naming the path, never a hang, never
exit 3 (a bug), never a quiet "0 files checked".
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from samples import MINIMAL_MEETING

from rcmcli.cli.entry import main

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices, permissions and byte names are POSIX")
ORGANIZER = "RCM Secretariat <secretariat@example.org>"
ROSTER = "name,email,country\nAna Pérez,ana@example.org,MX\n"


# --- running rcm -----------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_") and k != "GITHUB_ACTIONS"}
    # Strict UTF-8 output: a name that cannot be written must be escaped, not crash.
    env.update(NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8", PYTHONUTF8="1")
    env.update(extra)
    return env


def rcm(args: list, cwd: Path, timeout: float = 60, prefix: list[str] | None = None, **env: str):
    """``python -m rcmcli ARGS`` (arguments may be bytes: names that are not UTF-8)."""
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "rcmcli", *args],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        timeout=timeout,
    )


def err(proc) -> str:
    return proc.stderr.decode("utf-8", "replace")


def out(proc) -> str:
    return proc.stdout.decode("utf-8", "replace")


def refused(proc, *names: str, usage: bool = False) -> str:
    """Exit 2 with one 'rcm: error:' line naming each of ``names``; no bug, no traceback.

    ``usage``: a click usage error is as good (Typer checks that a path option it owns is
    readable before rcm sees it: "Invalid value for '--roster': Path '...' is not readable").
    """
    text = err(proc)
    assert proc.returncode == 2, f"exit {proc.returncode}: {text[-800:]}"
    assert "Traceback" not in text and "internal error" not in text, text
    assert text.startswith("rcm: error: ") or (usage and "Error: Invalid value for" in text), text
    for name in names:
        assert name in text, f"{name!r} not named in {text!r}"
    return text


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    """A working folder with one valid meeting (m.yaml) and a roster; no configuration above it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return tmp_path


# --- 1. inputs that are not plain files --------------------------------------------

# Every place rcm reads a file a user names: the agenda of each command, a roster,
# an earlier export and a configuration file.
PLACES = {
    "validate": lambda p: ["agenda", "validate", p],
    "show": lambda p: ["agenda", "show", p],
    "times": lambda p: ["agenda", "times", p],
    "ics": lambda p: ["agenda", "ics", p],
    "ics --previous": lambda p: ["agenda", "ics", "m.yaml", "--previous", p],
    "invite --roster": lambda p: ["agenda", "invite", "m.yaml", "--roster", p, "-o", "out", "--organizer", ORGANIZER],
    "validate --config": lambda p: ["agenda", "validate", "--config", p, "m.yaml"],
}


def _make(kind: str, folder: Path, stack) -> tuple[str, str]:
    """A path of the kind, and the words rcm must use for it."""
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(folder / "pipe.yaml")
        return "pipe.yaml", "a FIFO"
    if kind == "socket":
        if not hasattr(socket, "AF_UNIX"):
            pytest.skip("no Unix sockets here")
        sock = socket.socket(socket.AF_UNIX)
        sock.bind("sock.yaml")  # relative: socket paths are limited to ~100 bytes
        stack.append(sock)
        return "sock.yaml", "a socket"
    if not os.path.exists(kind):
        pytest.skip(f"no {kind} here")
    return kind, "a character device"


def in_under_a_second(args: list[str]) -> int:
    """``rcm ARGS`` in this process, failing if it has not returned after one second."""
    result: dict = {}
    thread = threading.Thread(target=lambda: result.setdefault("code", main(args)), daemon=True)
    thread.start()
    thread.join(1.0)
    assert not thread.is_alive(), f"rcm {' '.join(args)} still running after one second"
    return result["code"]


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom", "socket"])
@pytest.mark.parametrize("place", list(PLACES))
def test_a_file_that_is_not_regular_is_refused_at_once_everywhere(kind: str, place: str, work: Path, capsys):
    main(PLACES[place]("missing.yaml"))  # imports done before the clock starts: it times the refusal
    capsys.readouterr()
    stack: list = []
    try:
        path, words = _make(kind, work, stack)
        code = in_under_a_second(PLACES[place](path))
    finally:
        for sock in stack:
            sock.close()
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert captured.err == f"rcm: error: {path}: not a regular file ({words})\n"


def _startup(args: list[str], cwd: Path) -> float:
    """How long the same command takes to refuse a missing file: imports and start-up."""
    start = time.monotonic()
    rcm(args, cwd)
    return time.monotonic() - start


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("place", ["validate", "show"])
def test_a_fifo_or_dev_zero_returns_in_under_a_second_in_a_real_process(kind: str, place: str, work: Path):
    """The issue's reproductions: `validate` on a FIFO hung, on /dev/zero it grew past 2.7 GB.

    The subprocess gets the command's own start-up (measured on a missing file) plus
    one second, and is killed (the test fails) after that; one retry absorbs a load spike.
    """
    path, words = _make(kind, work, [])
    budget = _startup(PLACES[place]("missing.yaml"), work) + 1.0
    for attempt in (1, 2):
        try:
            proc = rcm(PLACES[place](path), work, timeout=budget)
            break
        except subprocess.TimeoutExpired:
            if attempt == 2:
                pytest.fail(f"rcm agenda {place} {path} still running after {budget:.1f} s")
    refused(proc, path, words)


@posix_only
def test_a_fifo_inside_a_folder_or_a_catalog_is_named(work: Path, capsys):
    (work / "agendas").mkdir()
    os.mkfifo(work / "agendas" / "pipe.yaml")
    assert in_under_a_second(["agenda", "validate", "agendas"]) == 2
    assert capsys.readouterr().err == f"rcm: error: {Path('agendas', 'pipe.yaml')}: not a regular file (a FIFO)\n"
    assert in_under_a_second(["--data", "agendas", "agenda", "list"]) == 2
    assert "pipe.yaml: not a regular file (a FIFO)" in capsys.readouterr().err


# --- 2. permissions -----------------------------------------------------------------

DROP = ["--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def unprivileged(tmp_path_factory) -> list[str]:
    """A command prefix under which permission bits stop reads (docs/decisions.md).

    As root (CI), chmod 000 does not stop a read: util-linux setpriv drops
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so root obeys
    the bits (switching to an unprivileged user is not possible: the interpreter lives
    under /root). As any other user chmod is enough. Skipped only when neither works,
    which a probe on a chmod 000 file decides.
    """
    if os.name != "posix":
        pytest.skip("permission bits are POSIX")
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without util-linux setpriv: chmod 000 cannot stop a read")
        prefix = [setpriv, *DROP]
    probe = tmp_path_factory.mktemp("probe") / "locked"
    probe.write_text("secret", encoding="utf-8")
    probe.chmod(0)
    done = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe)!r}).read()"], capture_output=True)
    probe.chmod(0o600)
    if done.returncode == 0:
        pytest.skip("cannot drop the right to read unreadable files here")
    return prefix


@pytest.fixture
def locked(work: Path):
    """chmod 000 on paths for one test, restored after (pytest must be able to delete them)."""
    done: list[Path] = []

    def lock(path: Path) -> Path:
        path.chmod(0)
        done.append(path)
        return path

    yield lock
    for path in done:
        path.chmod(0o700)


def _agenda_folder(work: Path) -> Path:
    folder = work / "agendas"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    (folder / "sub" / "b.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    return folder


def test_an_unreadable_file_argument_is_exit_2_naming_it(work: Path, locked, unprivileged):
    locked(work / "m.yaml")
    for command in (["agenda", "validate", "m.yaml"], ["agenda", "show", "m.yaml"]):
        assert refused(rcm(command, work, prefix=unprivileged), "m.yaml").endswith("m.yaml: permission denied\n")


def test_an_unreadable_file_inside_a_folder_is_exit_2_naming_it(work: Path, locked, unprivileged):
    folder = _agenda_folder(work)
    locked(folder / "sub" / "b.yaml")
    refused(rcm(["agenda", "validate", "agendas"], work, prefix=unprivileged), str(Path("agendas", "sub", "b.yaml")))


def test_an_unreadable_subfolder_is_exit_2_naming_it(work: Path, locked, unprivileged):
    folder = _agenda_folder(work)
    locked(folder / "sub")
    text = refused(rcm(["agenda", "validate", "agendas"], work, prefix=unprivileged), str(Path("agendas", "sub")))
    assert "cannot list the folder" in text


def test_an_unreadable_folder_is_not_zero_files_checked(work: Path, locked, unprivileged):
    """Before: '0 files checked, no problems' and exit 0 for a folder nothing could be read from."""
    locked(_agenda_folder(work))
    proc = rcm(["agenda", "validate", "agendas"], work, prefix=unprivileged)
    refused(proc, "agendas")
    assert "checked" not in out(proc)


def test_an_unreadable_file_in_the_data_catalog_is_exit_2_naming_it(work: Path, locked, unprivileged):
    catalog = work / "catalog" / "meetings"
    catalog.mkdir(parents=True)
    (catalog / "a.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    (catalog / "b.yaml").write_text(MINIMAL_MEETING.replace("test-meeting", "other"), encoding="utf-8")
    locked(catalog / "b.yaml")
    name = str(Path("catalog", "meetings", "b.yaml"))
    refused(rcm(["--data", "catalog", "agenda", "list"], work, prefix=unprivileged), name)
    refused(rcm(["--data", "catalog", "agenda", "validate"], work, prefix=unprivileged), name)
    locked(catalog)
    refused(rcm(["--data", "catalog", "agenda", "list"], work, prefix=unprivileged), "meetings")


@pytest.mark.parametrize("place", ["ics --previous", "invite --roster", "validate --config"])
def test_an_unreadable_roster_previous_export_or_configuration_is_exit_2_naming_it(
    place: str, work: Path, locked, unprivileged
):
    path = work / "input.csv"
    path.write_text(ROSTER, encoding="utf-8")
    locked(path)
    refused(rcm(PLACES[place]("input.csv"), work, prefix=unprivileged), "input.csv", usage=place != "validate --config")


# --- 2. nothing to check ------------------------------------------------------------


def test_a_folder_with_no_yaml_file_is_exit_2_with_the_reason(work: Path):
    (work / "empty").mkdir()
    (work / "docs").mkdir()
    (work / "docs" / "notes.txt").write_text("not an agenda\n", encoding="utf-8")
    proc = rcm(["agenda", "validate", "empty", "docs"], work)
    assert refused(proc) == "rcm: error: nothing to check: no .yaml or .yml file in 'empty', 'docs'\n"
    assert out(proc) == ""


# --- 2. names that are not UTF-8 ----------------------------------------------------


@pytest.fixture
def byte_name(work: Path) -> bytes:
    """A meeting file whose name holds the Latin-1 byte 0xE9 (not valid UTF-8)."""
    name = b"caf\xe9.yaml"
    try:
        with open(os.path.join(os.fsencode(work), name), "wb") as f:
            f.write(MINIMAL_MEETING.encode("utf-8"))
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return name


@posix_only
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_file_name_that_is_not_utf8_is_validated_and_printed_escaped(fmt: str, work: Path, byte_name: bytes):
    bad = os.path.join(os.fsencode(work), byte_name)
    with open(bad, "ab") as f:
        f.write(b"      - start: 9:30\n        end: 9:00\n        title: Backwards\n")  # a finding, to print the name
    proc = rcm(["agenda", "validate", "-f", fmt, byte_name], work)
    assert proc.returncode == 1, err(proc)
    assert b"\xe9" not in proc.stdout  # never the raw byte
    if fmt == "json":
        assert {p["path"] for p in json.loads(out(proc))} == {"caf\\udce9.yaml"}
    else:
        assert "caf\\udce9.yaml" in out(proc)  # the byte shown as an escape


@posix_only
@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "show", "-f", "json"],
        ["agenda", "times", "-f", "json"],
        ["agenda", "show", "-f", "csv"],
        ["agenda", "ics"],
    ],
)
def test_a_file_name_that_is_not_utf8_works_for_every_command(args: list[str], work: Path, byte_name: bytes):
    proc = rcm([*args, byte_name], work)
    assert proc.returncode == 0, err(proc)
    assert b"\xe9" not in proc.stdout


@posix_only
def test_a_folder_of_files_named_in_latin1(work: Path, byte_name: bytes):
    os.mkdir(os.path.join(os.fsencode(work), b"d\xe9p\xf4t"))
    os.rename(os.path.join(os.fsencode(work), byte_name), os.path.join(os.fsencode(work), b"d\xe9p\xf4t", byte_name))
    proc = rcm(["agenda", "validate", b"d\xe9p\xf4t"], work)
    assert proc.returncode == 0, err(proc)
    assert out(proc) == "\u2714 1 file checked, no problems\n"


@posix_only
def test_invites_into_a_folder_named_in_latin1_are_listed_escaped(work: Path):
    args = ["agenda", "invite", "m.yaml", "--roster", "roster.csv", "-o", b"d\xe9p\xf4t", "--organizer", ORGANIZER]
    proc = rcm(args, work)
    assert proc.returncode == 0, err(proc)
    assert out(proc).startswith("d\\udce9p\\udcf4t/MX-")
    assert os.listdir(os.path.join(os.fsencode(work), b"d\xe9p\xf4t"))


@posix_only
def test_an_organizer_with_a_latin1_byte_is_exit_2_naming_the_option(work: Path):
    organizer = b"Jos\xe9 <j@example.org>"
    proc = rcm(["agenda", "invite", "m.yaml", "--roster", "roster.csv", "-o", "out", "--organizer", organizer], work)
    text = refused(proc, "--organizer")
    assert text == (
        "rcm: error: --organizer 'Jos\\udce9 <j@example.org>' is not UTF-8 text (byte 0xE9); "
        "give it in UTF-8 (check the terminal's or the script's encoding)\n"
    )
    assert not (work / "out").exists() or not list((work / "out").iterdir())


# --- 2. symbolic links out of the folder ---------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_validate_does_not_follow_a_link_out_of_the_folder(work: Path):
    """Before: `ln -s /etc/passwd dir/passwd.yaml` printed the whole of /etc/passwd in a finding."""
    secret = work / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET-LINE:/root:/bin/bash\n", encoding="utf-8")
    folder = work / "agendas"
    folder.mkdir()
    (folder / "m.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    (folder / "passwd.yaml").symlink_to(secret)
    (folder / "same.yml").symlink_to("m.yaml")  # inside the folder: followed
    text = rcm(["agenda", "validate", "agendas"], work)
    assert text.returncode == 0, err(text)
    assert "TOP-SECRET" not in out(text) + err(text)
    assert out(text) == "\u2714 2 files checked, no problems, 1 symbolic link skipped\n"
    as_json = rcm(["agenda", "validate", "-f", "json", "agendas"], work)
    assert json.loads(out(as_json)) == []  # json stays a list of problems


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_a_folder_of_only_links_out_is_nothing_to_check(work: Path):
    folder = work / "agendas"
    folder.mkdir()
    (folder / "passwd.yaml").symlink_to(work / "m.yaml")  # the working folder is outside 'agendas'
    proc = rcm(["agenda", "validate", "agendas"], work)
    assert refused(proc) == (
        "rcm: error: nothing to check: no .yaml or .yml file in 'agendas'; "
        "1 symbolic link skipped (rcm follows a link only to a file inside the folder)\n"
    )


def test_upper_case_suffixes_are_validated_and_found_in_the_catalog(work: Path):
    catalog = work / "catalog"
    catalog.mkdir()
    (catalog / "MEETING.YAML").write_text(MINIMAL_MEETING, encoding="utf-8")
    proc = rcm(["agenda", "validate", "catalog"], work)
    assert (proc.returncode, out(proc)) == (0, "\u2714 1 file checked, no problems\n"), err(proc)
    listed = rcm(["--data", "catalog", "agenda", "list", "-f", "json"], work)
    assert [m["id"] for m in json.loads(out(listed))] == ["test-meeting"], err(listed)


@posix_only
def test_an_ascii_terminal_gets_escapes_not_a_crash(work: Path):
    """LANG=C without Python's UTF-8 mode: stdout is ASCII; the summary's ✔/✖ and JSON's é are escaped."""
    env = {k: v for k, v in _env().items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")

    def run(*args: str):
        return subprocess.run([sys.executable, "-m", "rcmcli", *args], cwd=work, env=env, capture_output=True)

    checked = run("agenda", "validate", "m.yaml")
    assert (checked.returncode, checked.stdout) == (0, b"\\u2714 1 file checked, no problems\n"), checked.stderr
    (work / "m.yaml").write_text(MINIMAL_MEETING.replace("title: Test\n", "title: Caf\u00e9\n"), encoding="utf-8")
    shown = run("agenda", "show", "-f", "json", "m.yaml")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["meeting"]["title"] == "Caf\u00e9"


def test_a_text_file_given_as_an_agenda_is_quoted_only_in_part(work: Path):
    """/etc/passwd given on purpose is one long plain scalar: the finding quotes 200 characters of it."""
    lines = [f"user{i}:x:{i}:{i}:LINE-{i}-OF-THE-SECRET-FILE:/home/u{i}:/bin/sh" for i in range(50)]
    (work / "passwd").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = rcm(["agenda", "validate", "-f", "parsable", "passwd"], work)
    assert proc.returncode == 1, err(proc)
    folded = " ".join(lines)  # YAML folds the lines of a plain scalar with spaces
    quoted = f"'{folded[:200]}\u2026' ({len(folded):,} characters)"
    assert out(proc) == f"passwd:1:1: error Y005 expected a mapping (a meeting), got {quoted}\n"
