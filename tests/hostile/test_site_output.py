"""`rcm site build` on hostile ground: where it writes, and what it builds.

The build replaces the output folder whole, by renaming a fresh folder into place,
so it refuses an output it cannot or must not replace (a symbolic link, the current
folder or one above it, a folder holding what the build reads, a folder rcm did not
build), and a catalog with a broken meeting unless --skip-broken is given. Every
refusal and failure leaves the parent folder as it was: no `.X.new-*` or `.X.old-*`
folder behind. docs/site.md states these rules; the cases come from issue 20.

Positions are counted by hand in the texts below (line 1 is `id:`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rcmcli.core.errors import OutputError
from rcmcli.export import site

pytestmark = pytest.mark.slow  # builds sites, some in subprocesses: `-m "not slow"` leaves it out

# A small valid meeting (tests/hostile/gen.py's BASE, with its own id).
MEETING = """\
id: {id}
title: {{en: Hostile base meeting}}
kind: plenary
conferences: [rcm, sacm]
sources:
  - file: 000_cbb0f7d76216ba28.txt
dates: {{start: 2022-05-31, end: 2022-05-31}}
reference_zone:
  label: GMT-6
  offset: GMT-6
days:
  - date: 2022-05-31
    weekday: Tuesday
    slots:
      - start: "9:00"
        end: "9:15"
        kind: opening
        title: {{en: Opening}}
"""
# Line 3, column 6: the value after "url: " (5 characters).
BAD_URL = MEETING.replace("kind: plenary\n", "url: 'javascript:alert(5)'\n", 1)
# The slot ends (8:00) before it starts (9:00): its times are undefined (an integrity rule).
BAD_END = MEETING.replace('end: "9:15"', 'end: "8:00"')


def rcm(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rcmcli", *args], check=False, capture_output=True, text=True, cwd=cwd, env={**os.environ, "COLUMNS": "200"})


def listing(folder: Path) -> dict[str, object]:
    """Every entry under ``folder`` (hidden ones too), a link by its target, a file by its bytes."""
    out: dict[str, object] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            key = str(path.relative_to(folder))
            if path.is_symlink():
                out[key] = ("link", os.readlink(path))
            elif path.is_file():
                out[key] = path.read_bytes()
            else:
                out[key] = "dir"
    return out


def catalog(folder: Path, **meetings: str) -> Path:
    folder.mkdir()
    for name, text in meetings.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return catalog(tmp_path / "agendas", good=MEETING.format(id="good"))


def built(cwd: Path, data: Path, out: str) -> Path:
    result = rcm(cwd, "--data", str(data), "site", "build", "-o", out)
    assert result.returncode == 0, result.stderr
    return cwd / out


# --- 1. a symbolic link as -o ---------------------------------------------------------


def test_symlink_to_a_folder_is_refused(tmp_path: Path, data: Path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link2").symlink_to("real")
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", str(data), "site", "build", "-o", "link2")
    assert result.returncode == 2
    assert result.stderr == (
        f"rcm: error: link2: is a symbolic link (to 'real'); give the folder itself (-o {tmp_path.resolve() / 'real'}): "
        "the build replaces the output folder whole, and would replace the link instead\n"
    )
    assert listing(tmp_path) == before  # the link is still a link; no .link2.old-* folder


def test_symlink_to_a_built_site_is_refused(tmp_path: Path, data: Path):
    built(tmp_path, data, "real")
    (tmp_path / "link2").symlink_to("real")
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", str(data), "site", "build", "-o", "link2/")
    assert result.returncode == 2
    assert "link2: is a symbolic link (to 'real'); give the folder itself" in result.stderr
    assert listing(tmp_path) == before


def test_dangling_symlink_is_refused(tmp_path: Path, data: Path):
    (tmp_path / "dangling").symlink_to("nowhere")
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", str(data), "site", "build", "-o", "dangling")
    assert result.returncode == 2
    assert result.stderr.startswith("rcm: error: dangling: is a symbolic link (to 'nowhere'), not a folder")
    assert listing(tmp_path) == before


def test_a_link_on_the_way_is_followed(tmp_path: Path, data: Path):
    """Only the last part of -o must be a folder: a link to the parent is ordinary."""
    (tmp_path / "www").mkdir()
    (tmp_path / "pub").symlink_to("www")
    built(tmp_path, data, "pub/site")
    assert (tmp_path / "www" / "site" / "en" / "good.html").is_file()
    assert sorted(os.listdir(tmp_path / "www")) == ["site"]


# --- 2. the current folder, the catalog, the inputs -----------------------------------


def test_current_folder_is_refused(tmp_path: Path, data: Path):
    site_dir = built(tmp_path, data, "site")
    before = listing(tmp_path)
    result = rcm(site_dir, "--data", str(data), "site", "build", "-o", ".")
    assert result.returncode == 2
    assert result.stderr.startswith("rcm: error: .: is the current folder or a folder above it; the build replaces the output folder whole")
    assert f"run rcm from outside it (from {tmp_path.resolve()}, for example)" in result.stderr
    assert "busy" not in result.stderr
    assert listing(tmp_path) == before


@pytest.mark.parametrize("out", ["..", "../..", "../site/.."])
def test_a_folder_above_the_current_one_is_refused(tmp_path: Path, data: Path, out: str):
    site_dir = built(tmp_path, data, "site")
    before = listing(tmp_path)
    result = rcm(site_dir, "--data", str(data), "site", "build", "-o", out)
    assert result.returncode == 2
    assert f"rcm: error: {out}: is the current folder or a folder above it" in result.stderr
    assert listing(tmp_path) == before


def test_the_catalog_folder_is_refused(tmp_path: Path, data: Path):
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", "agendas", "site", "build", "-o", "agendas")
    assert result.returncode == 2
    assert result.stderr == (
        "rcm: error: agendas: holds 'agendas', which this build reads; "
        "the build replaces the output folder whole, so give the site a new folder of its own\n"
    )
    assert listing(tmp_path) == before


def test_a_built_site_holding_the_catalog_is_refused(tmp_path: Path):
    """The marker says rcm built the folder, not that everything in it may go."""
    work = tmp_path / "work"
    work.mkdir()
    out = built(work, catalog(tmp_path / "agendas", good=MEETING.format(id="good")), "../pub")
    os.rename(tmp_path / "agendas", out / "agendas")
    before = listing(tmp_path)
    result = rcm(work, "--data", "../pub/agendas", "site", "build", "-o", "../pub")
    assert result.returncode == 2
    assert "rcm: error: ../pub: holds '../pub/agendas', which this build reads" in result.stderr
    assert listing(tmp_path) == before


def test_a_folder_holding_a_named_meeting_is_refused(tmp_path: Path, data: Path):
    out = built(tmp_path, data, "site")
    (out / "draft.yaml").write_text(MEETING.format(id="draft"), encoding="utf-8")
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", str(data), "site", "build", "site/draft.yaml", "-o", "site")
    assert result.returncode == 2
    assert "rcm: error: site: holds 'site/draft.yaml', which this build reads" in result.stderr
    assert listing(tmp_path) == before


def test_a_folder_rcm_did_not_build_is_refused(tmp_path: Path, data: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "keep.txt").write_text("mine")
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", str(data), "site", "build", "-o", "docs")
    assert result.returncode == 2
    assert result.stderr.startswith("rcm: error: docs: is a folder with files rcm did not build; give a new or empty folder")
    assert listing(tmp_path) == before


def test_a_path_through_dot_dot_is_replaced_whole(tmp_path: Path, data: Path):
    """'x/y/../y' names x/y; renaming by that spelling fails once x/y has moved away."""
    (tmp_path / "x" / "y").mkdir(parents=True)
    for _ in range(2):  # the first build fills the empty folder, the second replaces a built one
        result = rcm(tmp_path, "--data", str(data), "site", "build", "-o", "x/y/../y")
        assert result.returncode == 0, result.stderr
        assert result.stderr == "rcm: wrote 9 pages and 24 files to x/y/../y\n"
        assert os.listdir(tmp_path / "x") == ["y"]


# --- failures after the fresh folder exists ---------------------------------------------


def _spec(data: Path) -> site.Site:
    from rcmcli.core.catalog import Catalog

    cat = Catalog(str(data))
    return site.Site(cat.meetings(), cat.members)


def test_a_failed_swap_puts_the_old_site_back(tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch):
    out = built(tmp_path, data, "site")
    before = listing(tmp_path)
    real_replace = os.replace

    def replace(src, dst):
        if ".new-" in str(src):  # the fresh site moving into place
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(site.os, "replace", replace)
    with pytest.raises(OutputError, match="cannot write: No space left on device"):
        site.build(_spec(data), out)
    assert listing(tmp_path) == before


def test_a_failed_render_leaves_nothing(tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch):
    out = built(tmp_path, data, "site")
    before = listing(tmp_path)

    def broken(*args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(site, "_meeting_files", broken)
    with pytest.raises(OutputError, match="cannot write: Permission denied"):
        site.build(_spec(data), out)
    assert listing(tmp_path) == before


# --- 3. broken meetings and empty catalogs ----------------------------------------------


def test_a_broken_meeting_stops_the_build(tmp_path: Path):
    out = built(tmp_path, catalog(tmp_path / "ok", good=MEETING.format(id="good")), "site")  # the published site
    catalog(tmp_path / "agendas", good=MEETING.format(id="good"), bad=BAD_URL.format(id="bad"))
    before = listing(tmp_path)
    result = rcm(tmp_path, "--data", "agendas", "site", "build", "-o", "site")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "rcm: error: agendas/bad.yaml:3:6: 'javascript:alert(5)' is not a URL (http or https, no spaces) [Y005]",
        (
            "rcm: error: 1 meeting cannot be built, so nothing was written; fix it ('rcm agenda validate' shows every problem) "
            "or pass --skip-broken to build the others"
        ),
    ]
    assert listing(tmp_path) == before  # the published site is untouched
    assert (out / "en" / "good.html").is_file()


def test_every_broken_meeting_is_named(tmp_path: Path):
    catalog(tmp_path / "agendas", a=BAD_URL.format(id="a"), b=BAD_END.format(id="b"), good=MEETING.format(id="good"))
    result = rcm(tmp_path, "--data", "agendas", "site", "build", "-o", "site")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("rcm: error: agendas/a.yaml:3:6: 'javascript:alert(5)'")
    assert lines[1].startswith("rcm: error: agendas/b.yaml:1") and "[T0" in lines[1]  # line 15 or 16: issue 20 moves it
    assert lines[2].startswith("rcm: error: 2 meetings cannot be built, so nothing was written")
    assert sorted(os.listdir(tmp_path)) == ["agendas"]


def test_skip_broken_builds_the_rest_and_names_what_it_skipped(tmp_path: Path):
    catalog(tmp_path / "agendas", good=MEETING.format(id="good"), bad=BAD_URL.format(id="bad"))
    result = rcm(tmp_path, "--data", "agendas", "site", "build", "-o", "site", "--skip-broken")
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        (
            "rcm: warning: agendas/bad.yaml:3:6: 'javascript:alert(5)' is not a URL (http or https, no spaces) [Y005]; "
            "meeting skipped (--skip-broken)"
        ),
        "rcm: wrote 9 pages and 24 files to site",  # pages: root, 4 indexes, 4 of the meeting; + 2 assets, marker, 4 x (.ics, .json, slot .ics)
    ]
    assert sorted(p.name for p in (tmp_path / "site" / "en").glob("*.html")) == ["good.html", "index.html"]
    assert sorted(os.listdir(tmp_path)) == ["agendas", "site"]


def test_skip_broken_with_nothing_left_writes_nothing(tmp_path: Path):
    catalog(tmp_path / "agendas", bad=BAD_URL.format(id="bad"))
    result = rcm(tmp_path, "--data", "agendas", "site", "build", "-o", "site", "--skip-broken")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "rcm: error: no meeting can be built, so nothing was written; 'rcm agenda validate' shows every problem"
    assert sorted(os.listdir(tmp_path)) == ["agendas"]


def test_a_named_broken_meeting_is_refused(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text(BAD_URL.format(id="bad"), encoding="utf-8")
    result = rcm(tmp_path, "site", "build", "bad.yaml", "-o", "site")
    assert result.returncode == 2
    assert result.stderr.startswith("rcm: error: bad.yaml:3:6: 'javascript:alert(5)' is not a URL")
    assert sorted(os.listdir(tmp_path)) == ["bad.yaml"]


def test_an_empty_catalog_says_where_rcm_looked(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    result = rcm(tmp_path, "--data", "empty", "site", "build", "-o", "site")
    assert result.returncode == 2
    assert result.stderr == (
        "rcm: error: no meetings to build: no .yaml or .yml file in the catalog empty "
        "(rcm reads the files in it, or in its meetings/ subfolder, not deeper; give the folder with --data)\n"
    )
    assert sorted(os.listdir(tmp_path)) == ["empty"]


def test_an_empty_meetings_folder_says_where_rcm_looked(tmp_path: Path):
    (tmp_path / "cat" / "meetings").mkdir(parents=True)
    (tmp_path / "cat" / "old.yaml").write_text(MEETING.format(id="old"), encoding="utf-8")  # not read: meetings/ exists
    result = rcm(tmp_path, "--data", "cat", "site", "build", "-o", "site")
    assert result.returncode == 2
    assert result.stderr == "rcm: error: no meetings to build: no .yaml or .yml file in cat/meetings, the meetings folder of the catalog cat\n"
    assert sorted(os.listdir(tmp_path)) == ["cat"]
