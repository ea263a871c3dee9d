"""The revision loop: `rcm agenda diff` and `rcm agenda invite` (updates, mail, sending).

Command functions only: they load, call the core (:mod:`rcmcli.core.diff`,
:mod:`rcmcli.export.ics`, :mod:`rcmcli.export.mail`, :mod:`rcmcli.export.send`) and
render. Heavy modules are imported inside the functions: the registry imports this
module on every run.
"""

from __future__ import annotations

import os
import sys

from rcmcli.cli import runtime
from rcmcli.cli.runtime import Globals
from rcmcli.core.errors import InputError, OutputError, UsageError, quote
from rcmcli.i18n import LANGUAGES, N_, _

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import IO, Optional

    from rcmcli.core.catalog import Catalog
    from rcmcli.core.model import Meeting
    from rcmcli.core.yamltree import Limits

DIFF_LANGS = LANGUAGES  # the notice is translated like every other text


def _langs(value: str) -> list[str]:
    """'es,en' -> ['es', 'en']; each must be a language rcm writes notices in."""
    langs = [x.strip() for x in (value or "en").split(",") if x.strip()]
    bad = [x for x in langs if x not in DIFF_LANGS]
    if bad or not langs:
        raise UsageError(
            _("--lang %(value)s: use one or more of %(languages)s, like 'es,en'") % {"value": quote(value), "languages": ", ".join(LANGUAGES)}
        )
    return langs


# --- loading one side of a diff ------------------------------------------------------


GIT_SECONDS = 60  # for git show, which reads the local object store


def git_show(spec: str, max_bytes: int) -> bytes:
    """``git show REV:PATH`` (a list argv, no shell); exit 2 with git's reason when it fails.

    The blob is read as a file is (:func:`rcmcli.core.loader.read_bytes`): at most
    ``max_bytes + 1`` bytes, then git is stopped and the revision refused, so a huge
    blob never sits in memory whole. git's stderr goes to a temporary file: a pipe
    left unread could fill and stall git while its stdout is read.
    """
    import subprocess
    import tempfile
    import threading

    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(["git", "show", spec], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, bufsize=0)
        except FileNotFoundError:
            raise UsageError(_("%(spec)s looks like REV:PATH, but git is not installed") % {"spec": quote(spec)}) from None
        expired: list[bool] = []

        def expire() -> None:  # a read on a pipe cannot time out by itself
            expired.append(True)
            proc.kill()

        timer = threading.Timer(GIT_SECONDS, expire)
        timer.start()
        try:
            assert proc.stdout is not None
            data = _read_at_most(proc.stdout, max_bytes + 1)
            if len(data) > max_bytes:
                proc.kill()  # git may be writing the rest: nothing more is read
            returncode = proc.wait()
        finally:
            timer.cancel()
            timer.join()  # no thread left behind: rcm's quick exit needs none
            if proc.poll() is None:  # Ctrl-C or an error while reading
                proc.kill()
                proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()
        if expired:
            raise InputError(_("git show took more than 60 s"), spec)
        if len(data) > max_bytes:
            from rcmcli.core.loader import TooLarge

            raise TooLarge(spec, None, max_bytes)
        if returncode != 0:
            errors.seek(0)
            reason = errors.read(4096).decode("utf-8", "replace").strip().splitlines()
            why = reason[0] if reason else _("exit %(code)d") % {"code": returncode}
            raise InputError(_("git show failed: %(reason)s") % {"reason": quote(why)}, spec)
    return data


def _read_at_most(stream: IO[bytes], most: int) -> bytes:
    """Up to ``most`` bytes of a pipe, a megabyte at a time."""
    parts: list[bytes] = []
    left = most
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def meeting_from_bytes(data: bytes, name: str, limits: Limits | None = None) -> Meeting:
    """A meeting read from bytes (a git revision), checked like a catalog file, with its limits."""
    from rcmcli.core.errors import InvalidDocument
    from rcmcli.core.loader import MEETING, Loaded, fail_on_errors, read_text
    from rcmcli.core.model import Meeting
    from rcmcli.core.yamltree import DEFAULT_LIMITS, decode
    from rcmcli.lint.integrity import integrity_problems

    text, problem = decode(data)
    del data  # the text is what is kept, as read_document does
    loaded = read_text(text, name, MEETING, limits or DEFAULT_LIMITS) if text is not None else Loaded(name, "", None, [problem] if problem else [])
    fail_on_errors(loaded)
    problems = integrity_problems(loaded)
    if problems:
        raise InvalidDocument(name, problems)
    assert isinstance(loaded.value, Meeting)
    return loaded.value


def load_side(catalog: Catalog, spec: str) -> Meeting:
    """A file, a catalog id, or ``REV:PATH`` read from git."""
    from pathlib import Path

    if Path(spec).exists() or ":" not in spec:
        return runtime.usable(catalog, catalog.path_of(spec))
    rev, _colon, path = spec.partition(":")  # not `_`: that is the translation function
    if not rev or not path:
        raise UsageError(_("%(spec)s is neither a file, a catalog id, nor REV:PATH like 'HEAD~1:agendas/iv.yaml'") % {"spec": quote(spec)})
    if rev.startswith("-") or path.startswith("-"):  # '-...' would reach git as an option
        raise UsageError(_("%(spec)s: a revision or path that starts with '-' is refused (git would read it as an option)") % {"spec": quote(spec)})
    if any(ord(c) < 32 or ord(c) == 127 for c in spec):  # NUL cannot be an argument; CR/LF would forge lines
        raise UsageError(_("%(spec)s: a revision or path may not hold control characters or line breaks") % {"spec": quote(spec)})
    return meeting_from_bytes(git_show(spec, catalog.limits.max_bytes), spec, catalog.limits)


# --- rcm agenda diff --------------------------------------------------------------------


def agenda_diff(opts: Globals, old: str, new: str, fmt: str = "text", langs: Optional[str] = None, notice: bool = False) -> int:
    """Exit 0 no change, 1 changes, 2 trouble (as diff(1))."""
    import shutil

    from rcmcli.cli import view_revision
    from rcmcli.core.diff import compare
    from rcmcli.i18n import current, use

    # The notice's wording exists in English and Spanish; other languages get English.
    chosen = _langs(langs) if langs else [current() if current() in DIFF_LANGS else "en"]
    use(chosen[0])
    catalog = runtime.catalog(opts)
    before, after = load_side(catalog, old), load_side(catalog, new)
    diff = compare(before, after, catalog.members)
    tf = opts.tf.for_language(chosen[0])
    if notice:  # a document for delegates, not a format of the report
        if diff:
            runtime.write(view_revision.notice(diff, catalog.members, chosen, tf))
        return 1 if diff else 0
    width = shutil.get_terminal_size().columns - 1 if sys.stdout.isatty() else None
    runtime.emit(opts, view_revision.DIFF_FORMATS, fmt, view_revision.Report(diff, catalog.members, old, new, tf, width))
    return 1 if diff else 0


# --- rcm agenda invite --------------------------------------------------------------------


def agenda_invite(
    opts: Globals,
    meeting: str,
    roster: Path,
    output: Path,
    organizer: Optional[str] = None,
    previous: Optional[Path] = None,
    per_slot: bool = False,
    eml: bool = False,
    send: Optional[str] = None,
    yes: bool = False,
    rate: Optional[float] = None,
    resend_unknown: bool = False,
) -> int:
    """Write the invitations (and messages); with --send, list (dry run: write nothing) or send them."""
    from pathlib import Path

    from rcmcli.export import ics

    if yes and not send:
        raise UsageError(_("--yes confirms --send; give --send smtp://HOST:PORT too"))
    if resend_unknown and not send:
        raise UsageError(_("--resend-unknown applies to --send"))
    server = _server(send, rate)
    catalog = runtime.catalog(opts)
    mt, _note = runtime.pick(catalog, meeting)
    options = ics.Options(source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"), max_bytes=catalog.limits.max_bytes, clock=opts.clock)
    run = ics.invite_run(mt, roster, catalog.members, options, organizer, per_slot, previous)
    mails = _mails(mt, run, organizer, previous) if (eml or send) else []
    if server is not None and not yes:
        return _dry_run(server, run, mails, output, resend_unknown)
    inputs = [Path(mt.path), roster]
    for path in ics.write_invite_run(output, run, inputs, previous):
        runtime.say(str(path))
    if mails:
        ics.write_invites(output, {m.name: m.data for m in mails}, inputs)
    sys.stderr.write(invite_summary(run, output, len(mails)) + "\n")
    if server is None:
        return 0
    return _send(server, mails, output, mt, organizer, resend_unknown)


def _server(send: Optional[str], rate: Optional[float]):
    """(server, rate) for --send, checked before anything is read or written; None without --send."""
    from rcmcli.export import send as s

    if rate is not None and not send:
        raise UsageError(_("--rate applies to --send"))
    if not send:
        return None
    server = s.parse_server(send)
    s.timeouts(os.environ)  # a bad RCM_SMTP_TIMEOUT_* is refused now, not after the files are written
    return server, s.DEFAULT_RATE if rate is None else rate  # --rate arrives as a number above 0


def _mails(mt: Meeting, run: list, organizer: Optional[str], previous: Optional[Path]) -> list:
    """A message per invitation; an unchanged one keeps the earlier run's message, byte for byte."""
    from rcmcli.export import ics, mail

    org = ics.organizer_for(mt, organizer)
    out = []
    for invite in run:
        earlier = previous / (invite.name[: -len(".ics")] + ".eml") if previous is not None else None
        if invite.status == "unchanged" and earlier is not None and earlier.is_file():
            out.append(mail.kept(invite, earlier.read_bytes()))
        else:
            out.append(mail.build(invite, org))
    return out


def invite_summary(run: list, output: Path, messages: int = 0, dry: bool = False) -> str:
    """'rcm: invitations in out/: 2 written, 3 unchanged, 1 updated, 1 cancelled' (stderr)."""
    from rcmcli.i18n import _, ngettext

    counts = {k: sum(1 for i in run if i.status == k) for k in ("new", "unchanged", "updated", "cancelled")}
    if dry:
        text = _("rcm: dry run: invitations for %(folder)s: %(written)d new, %(unchanged)d unchanged, %(updated)d updated, %(cancelled)d cancelled")
    else:
        text = _("rcm: invitations in %(folder)s: %(written)d written, %(unchanged)d unchanged, %(updated)d updated, %(cancelled)d cancelled")
    line = text % {"folder": output, "written": counts["new"], **{k: counts[k] for k in ("unchanged", "updated", "cancelled")}}
    if messages and not dry:
        line += "\n" + ngettext("rcm: %(n)d message (.eml) written in %(folder)s", "rcm: %(n)d messages (.eml) written in %(folder)s", messages) % {
            "n": messages, "folder": output}
    return line


def _dry_run(server_rate: tuple, run: list, mails: list, output: Path, resend_unknown: bool) -> int:
    """List what --yes would write and send; write nothing (not even the folder or sent.json)."""
    from rcmcli.export import send as s
    from rcmcli.i18n import _, ngettext

    server, _rate = server_rate
    files = {output / i.name: i.data for i in run} | {output / m.name: m.data for m in mails}
    changed = [path for path, data in files.items() if not (path.is_file() and path.read_bytes() == data)]
    for path in changed:
        runtime.say(f"{_(SEND_WORDS['would-write'])}\t{path}")
    results = s.plan(mails, s.load_state(output) if output.is_dir() else s.State(), resend_unknown)
    for r in results:
        runtime.say(_send_line(r))
    sys.stderr.write(invite_summary(run, output, dry=True) + "\n")
    wrote = ngettext(
        "rcm: dry run: nothing written; %(n)d file would be written, %(same)d already as it would be",
        "rcm: dry run: nothing written; %(n)d files would be written, %(same)d already as they would be",
        len(changed),
    )
    sys.stderr.write(wrote % {"n": len(changed), "same": len(files) - len(changed)} + "\n")
    todo = sum(1 for r in results if r.outcome == "would-send")
    message = ngettext(
        "rcm: dry run: %(n)d message would be sent to %(server)s; add --yes to send it",
        "rcm: dry run: %(n)d messages would be sent to %(server)s; add --yes to send them",
        todo,
    )
    sys.stderr.write(message % {"n": todo, "server": server} + "\n")
    _held(results)
    return 0


def _held(results: list) -> None:
    """Why messages whose outcome is unknown were not sent again."""
    from rcmcli.i18n import ngettext

    held = sum(1 for r in results if r.outcome == "unknown" and r.earlier)
    if held:
        text = ngettext(
            "rcm: %(n)d message not sent again: an earlier run does not know whether the server delivered it; add --resend-unknown to send it anyway",
            "rcm: %(n)d messages not sent again: an earlier run does not know whether the server delivered them; add --resend-unknown to send them anyway",
            held,
        )
        sys.stderr.write(text % {"n": held} + "\n")


def _send(server_rate: tuple, mails: list, output: Path, mt: Meeting, organizer: Optional[str], resend_unknown: bool) -> int:
    """Send (--yes); exit 0 only when every message is sent or was sent before."""
    from rcmcli.export import ics
    from rcmcli.export import send as s
    from rcmcli.i18n import _, ngettext

    server, rate = server_rate
    sender = ics.organizer_for(mt, organizer).email
    results = s.deliver(mails, server, sender, output, rate, resend_unknown=resend_unknown, warn=lambda text: sys.stderr.write(text + "\n"))
    for r in results:
        runtime.say(_send_line(r))
    count = {k: sum(1 for r in results if r.outcome == k) for k in SEND_WORDS}
    summary = _("rcm: sent: %(sent)d, already sent: %(before)d, refused: %(refused)d, left for retry: %(retry)d, unknown: %(unknown)d, not attempted: %(skipped)d")
    sys.stderr.write(summary % {"sent": count["sent"], "before": count["already-sent"], "refused": count["refused"], "retry": count["retry"],
                                "unknown": count["unknown"], "skipped": count["not-attempted"]} + "\n")
    _held(results)
    failed = [r for r in results if r.outcome not in ("sent", "already-sent")]
    if failed:
        first = failed[0]
        text = ngettext("%(n)d message not sent (first: %(to)s: %(why)s)", "%(n)d messages not sent (first: %(to)s: %(why)s)", len(failed))
        raise OutputError(text % {"n": len(failed), "to": first.mail.to, "why": first.detail or _(SEND_WORDS[first.outcome])})
    return 0


SEND_WORDS = {
    "sent": N_("sent"),
    "already-sent": N_("already sent"),
    "would-send": N_("would send"),
    "would-write": N_("would write"),
    "refused": N_("refused"),
    "retry": N_("retry"),
    "unknown": N_("unknown"),
    "not-attempted": N_("not attempted"),
}


def _send_line(r) -> str:
    """'would send  REQUEST seq 2  ana.perez@gob.mx  Updated invitation: …'."""
    from rcmcli.i18n import _

    m = r.mail
    detail = f"  ({r.detail})" if r.detail else ""
    return f"{_(SEND_WORDS[r.outcome])}\t{m.method} {m.sequence}\t{m.to}\t{m.subject}{detail}"
