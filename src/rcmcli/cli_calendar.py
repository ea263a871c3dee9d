"""Calendar commands (ics, invite): registered on the agenda group.

Both write through :func:`rcmcli.ics.write_output` (temporary file, then rename).
``SOURCE_DATE_EPOCH`` is read here and handed to the core, which never reads the
environment or the clock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from rcmcli.cli import Lang, _catalog, _pick, _say, agenda_app, handled


@agenda_app.command("ics")
@handled
def agenda_ics(
    meeting: Optional[str] = typer.Argument(
        None, help="Catalog id or path to a meeting YAML file (default: next upcoming)."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    include_breaks: bool = typer.Option(False, "--include-breaks", help="Also export breaks (as free time)."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles and descriptions."),
    previous: Optional[Path] = typer.Option(
        None,
        "--previous",
        help="An earlier export of this meeting: bump SEQUENCE of changed events, cancel removed ones.",
    ),
) -> int:
    """Export a meeting as an iCalendar (.ics) file: one event per slot, times in UTC."""
    from rcmcli import ics

    catalog = _catalog()
    mt, note = _pick(catalog, meeting)
    options = ics.Options(lang.value, include_breaks, os.environ.get("SOURCE_DATE_EPOCH"))
    data = ics.export(mt, catalog.members, options, previous)
    if note:
        sys.stderr.write(f"rcm: exporting {mt.id}, {note}\n")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        ics.write_output(output, data, [Path(mt.path)])
    return 0


@agenda_app.command("invite")
@handled
def agenda_invite(
    meeting: str = typer.Argument(..., help="Catalog id or path to a meeting YAML file."),
    roster: Path = typer.Option(
        ..., "--roster", help="Participants: YAML or CSV with name, email, country, role, language."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the invite files (created if missing)."),
    organizer: Optional[str] = typer.Option(
        None, "--organizer", help="ORGANIZER as 'Name <email>' (default: the meeting's secretariat)."
    ),
) -> int:
    """Write one invitation (.ics, METHOD:REQUEST) per participant, with times in their capital."""
    from rcmcli import ics

    catalog = _catalog()
    mt, _ = _pick(catalog, meeting)
    options = ics.Options(source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"))
    files = ics.invites(mt, roster, catalog.members, options, organizer)
    for path in ics.write_invites(output, files, [Path(mt.path), roster]):
        _say(str(path))
    return 0
