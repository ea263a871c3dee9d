"""Calendar commands (ics, invite): registered on the agenda group.

The work is in :func:`rcmcli.commands.agenda_ics` and :func:`rcmcli.commands.agenda_invite`;
both write through :mod:`rcmcli.fileio` (temporary file, then rename). ``SOURCE_DATE_EPOCH``
is read there and handed to the core, which never reads the environment or the clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from rcmcli import commands
from rcmcli.cli import Lang, _run, agenda_app


@agenda_app.command("ics")
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
) -> None:
    """Export a meeting as an iCalendar (.ics) file: one event per slot, times in UTC."""
    _run(commands.agenda_ics, meeting=meeting, output=output, include_breaks=include_breaks, lang=lang.value, previous=previous)


@agenda_app.command("invite")
def agenda_invite(
    meeting: str = typer.Argument(..., help="Catalog id or path to a meeting YAML file."),
    roster: Path = typer.Option(
        ..., "--roster", help="Participants: YAML or CSV with name, email, country, role, language."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the invite files (created if missing)."),
    organizer: Optional[str] = typer.Option(
        None, "--organizer", help="ORGANIZER as 'Name <email>' (default: the meeting's secretariat)."
    ),
) -> None:
    """Write one invitation (.ics, METHOD:REQUEST) per participant, with times in their capital."""
    _run(commands.agenda_invite, meeting=meeting, roster=roster, output=output, organizer=organizer)
