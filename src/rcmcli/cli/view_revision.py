"""What `rcm agenda diff` shows: text for a terminal, Markdown for a pull request, JSON, a notice.

The report (text, Markdown) is for the person running rcm: its sentences go
through :func:`rcmcli.i18n._`. The notice is a document addressed to delegates,
possibly in two languages at once (``--lang es,en``), so its sentences
(:data:`NOTICE`, str.format placeholders) are translated in each language in turn
(``rcmcli.i18n.language``), like the calendar's labels (docs/decisions.md).
Dates and times a person reads are written by the run's formatter
(:mod:`rcmcli.timefmt`), in the language of the text; JSON keeps ISO values.

The command hands a :class:`Report` to the formats of :data:`DIFF_FORMATS`; the notice
(``--notice``) is a document of its own, not a format of the report.
"""

from __future__ import annotations

import json
from collections import namedtuple
from datetime import date

from rcmcli.core.diff import Change, ClockGroup, Diff, SlotInfo
from rcmcli.core.model import Members
from rcmcli.i18n import N_, _, language, ngettext
from rcmcli.timefmt import iso_utc

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from rcmcli.timefmt import Formatter


class Report(namedtuple("Report", "diff members old_name new_name tf width")):
    """What ``agenda diff`` reports: the changes between two revisions named as typed;
    the text wraps to ``width`` (a terminal's) when it is not None."""

    __slots__ = ()


def span(info: SlotInfo, tf: Formatter) -> str:
    """'September 10, 2021 09:00–10:00': the published date and times in the reference zone."""
    return f"{tf.day(info.date, 'long')} {tf.span(info.start, info.end)}"


KIND_WORDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "moved": N_("moved"),
    "lengthened": N_("lengthened"),
    "shortened": N_("shortened"),
    "renumbered": N_("renumbered"),
    "retitled": N_("retitled"),
    "leads": N_("lead countries"),
    "speakers": N_("speakers"),
    "moderator": N_("moderator"),
    "dates": N_("dates"),
    "reference_zone": N_("reference zone"),
    "platform": N_("platform"),
    "location": N_("location"),
}


def places(codes: tuple[str, ...], members: Members, lang: str) -> str:
    return ", ".join(members.countries[c].capital.get(lang) for c in codes)


def group_text(group: ClockGroup, published: date, members: Members, tf: Formatter) -> str:
    """'10:30–11:30 in Mexico City, Bogotá' (with the local date where it is not the published one)."""
    values = {"start": tf.hm(group.start), "end": tf.hm(group.end), "places": places(group.countries, members, tf.lang)}
    if group.start.date() != published:
        values["date"] = tf.day(group.start.date(), "long")
        return _("%(start)s–%(end)s on %(date)s in %(places)s") % values
    return _("%(start)s–%(end)s in %(places)s") % values


def flag_texts(change: Change, members: Members, lang: str) -> list[str]:
    out = []
    for why, sentence in (
        ("midnight", _("moves across local midnight in %(places)s")),
        ("outside_hours", _("now outside working hours in %(places)s")),
    ):
        codes = tuple(f.country for f in change.flags if f.why == why)
        everyone = {code for g in change.groups for code in g.countries}
        if codes and set(codes) == everyone:
            out.append(sentence % {"places": _("every capital")})
        elif codes:
            out.append(sentence % {"places": places(codes, members, lang)})
    return out


def sentence(change: Change, zone: str, tf: Formatter) -> str:
    """One line saying what happened to a slot or to the meeting."""
    either = change.new or change.old
    slot = either.label() if either else ""
    old, new = change.old, change.new
    values = {"slot": slot, "before": change.before or "–", "after": change.after or "–", "zone": zone}
    if old is not None:
        values["old"] = span(old, tf)
        values["old_minutes"] = str(int((old.end_utc - old.start_utc).total_seconds() // 60))
    if new is not None:
        values["new"] = span(new, tf)
        values["new_minutes"] = str(int((new.end_utc - new.start_utc).total_seconds() // 60))
    templates = {
        "added": _("%(slot)s added: %(new)s %(zone)s"),
        "removed": _("%(slot)s removed (was %(old)s %(zone)s)"),
        "moved": _("%(slot)s moved from %(old)s to %(new)s %(zone)s"),
        "lengthened": _("%(slot)s lengthened from %(old_minutes)s to %(new_minutes)s minutes: %(new)s %(zone)s"),
        "shortened": _("%(slot)s shortened from %(old_minutes)s to %(new_minutes)s minutes: %(new)s %(zone)s"),
        "renumbered": _("%(slot)s renumbered (was session %(before)s)"),
        "retitled": _("%(slot)s retitled (was “%(before)s”)"),
        "leads": _("%(slot)s: lead countries %(before)s → %(after)s"),
        "speakers": _("%(slot)s: speakers changed (%(after)s)"),
        "moderator": _("%(slot)s: moderator %(before)s → %(after)s"),
        "dates": _("Meeting dates %(before)s → %(after)s"),
        "reference_zone": _("Reference zone %(before)s → %(after)s"),
        "platform": _("Platform %(before)s → %(after)s"),
        "location": _("Location %(before)s → %(after)s"),
    }
    return templates[change.kind] % values


def _zone(diff: Diff) -> str:
    ref = diff.new.reference_zone
    return ref.label if ref else ""


def headline(diff: Diff, old_name: str, new_name: str) -> str:
    n = len(diff.changes)
    if not n:
        return _("%(meeting)s: no changes between %(old)s and %(new)s") % {"meeting": diff.new.id, "old": old_name, "new": new_name}
    text = ngettext("%(meeting)s: %(n)d change from %(old)s to %(new)s", "%(meeting)s: %(n)d changes from %(old)s to %(new)s", n)
    return text % {"meeting": diff.new.id, "n": n, "old": old_name, "new": new_name}


def text(v: Report) -> str:
    """The terminal report: a headline, then per change its word, sentence, the capitals by clock, flags.

    Wrapped to ``width`` (a terminal's) if given; one clock group per line.
    """
    diff, members, tf, old_name, new_name, width = v.diff, v.members, v.tf, v.old_name, v.new_name, v.width
    lines = _wrap("", headline(diff, old_name, new_name), "  ", width)
    words = max((len(_(KIND_WORDS[c.kind])) for c in diff.changes), default=0)
    pad = " " * (words + 4)
    for change in diff.changes:
        lines += _wrap(f"  {_(KIND_WORDS[change.kind]).ljust(words)}  ", sentence(change, _zone(diff), tf), pad, width)
        if change.groups:
            assert change.new is not None
            lines.append(pad + _("now, on %(date)s:") % {"date": tf.day(change.new.date, "long")})
            for g in change.groups:
                lines += _wrap(pad + "  ", group_text(g, change.new.date, members, tf), pad + "    ", width)
        for flag in flag_texts(change, members, tf.lang):
            lines += _wrap(pad + "! ", flag, pad + "  ", width)
    return "\n".join(lines) + "\n"


def _wrap(first: str, body: str, rest: str, width: int | None) -> list[str]:
    if not width:
        return [first + body]
    import textwrap

    return textwrap.wrap(body, width=max(width, 40), initial_indent=first, subsequent_indent=rest, break_on_hyphens=False) or [first]


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(v: Report) -> str:
    """A pull-request comment: a heading and one table row per change."""
    diff, members, tf, old_name, new_name = v.diff, v.members, v.tf, v.old_name, v.new_name
    lang = tf.lang
    title = diff.new.title.get(lang)
    out = [f"### {_cell(headline(diff, f'`{old_name}`', f'`{new_name}`'))}", ""]
    if not diff.changes:
        return "\n".join(out)
    out.append(f"*{_cell(title)}*" + (f" — {_cell(_('times in %(zone)s') % {'zone': _zone(diff)})}" if _zone(diff) else ""))
    out.append("")
    head = (_("Change"), _("Slot"), _("Before"), _("After"), _("In the capitals"))
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for c in diff.changes:
        info = c.new or c.old
        before = span(c.old, tf) if c.old and c.kind not in _VALUE_KINDS else c.before
        after = span(c.new, tf) if c.new and c.kind not in _VALUE_KINDS else c.after
        effect = "<br>".join([group_text(g, c.new.date, members, tf) for g in c.groups] if c.new else [])
        flags = flag_texts(c, members, lang)
        if flags:
            effect += ("<br>" if effect else "") + "<br>".join(f"⚠ {f}" for f in flags)
        row = (_(KIND_WORDS[c.kind]), info.label(lang) if info else "", before, after, effect)
        out.append("| " + " | ".join(_cell(x) if "<br>" not in x else x.replace("|", "\\|") for x in row) + " |")
    return "\n".join(out) + "\n"


_VALUE_KINDS = ("renumbered", "retitled", "leads", "speakers", "moderator")


def _info_json(info: SlotInfo | None) -> dict[str, Any] | None:
    if info is None:
        return None
    return {
        "key": info.key,
        "session": info.session,
        "kind": info.kind,
        "title": info.title.get("en"),
        "date": info.date.isoformat(),
        "start": info.start,
        "end": info.end,
        "start_utc": iso_utc(info.start_utc),
        "end_utc": iso_utc(info.end_utc),
    }


def as_json(v: Report) -> str:
    """Machine output: keys never change with the language."""
    diff, old_name, new_name = v.diff, v.old_name, v.new_name
    changes = []
    for c in diff.changes:
        item: dict[str, Any] = {"kind": c.kind, "key": c.key or None, "old": _info_json(c.old), "new": _info_json(c.new)}
        if c.before or c.after:
            item["before"], item["after"] = c.before, c.after
        if c.groups:
            item["capitals"] = [
                {"start": g.start.isoformat(), "end": g.end.isoformat(), "countries": list(g.countries)} for g in c.groups
            ]
        if c.flags:
            item["flags"] = [{"country": f.country, "why": f.why, "start": f.start.isoformat()} for f in c.flags]
        changes.append(item)
    out = {"meeting": diff.new.id, "old": old_name, "new": new_name, "changed": bool(diff.changes), "changes": changes}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


DIFF_FORMATS = {"text": text, "markdown": markdown, "json": as_json}


# --- the notice to delegates -----------------------------------------------------------

NOTICE: dict[str, Any] = {
    "greeting": N_("Dear delegates,"),
    "intro": N_("The agenda of “{title}” has changed (revision {revision}). Times are in {zone}."),
    "moved": N_("{slot} now takes place on {date}, {start}–{end} (previously {old_date}, {old_start}–{old_end})."),
    "resized": N_("{slot} now runs {start}–{end} on {date} (previously {old_start}–{old_end})."),
    "removed": N_("{slot} ({old_date}, {old_start}–{old_end}) has been cancelled."),
    "added": N_("{slot} has been added on {date}, {start}–{end}."),
    "retitled": N_("{slot} has a new title (previously “{before}”)."),
    "renumbered": N_("{slot} was previously session {before}."),
    "people": N_("{slot}: the lead countries, speakers or moderator have changed."),
    "meeting": N_("The meeting's {what} changed: {before} → {after}."),
    "capitals": N_("In the capitals: {groups}."),
    "group": N_("{start}–{end} in {places}"),
    "group_day": N_("{start}–{end} on {date} in {places}"),
    "closing": N_("Updated invitations follow. Thank you."),
    # TRANSLATORS: what changed, put in "The meeting's {what} changed"; give the words the article that sentence needs
    "what": {
        "dates": N_("dates"),
        "reference_zone": N_("reference time zone"),
        "platform": N_("platform"),
        "location": N_("location"),
    },
}


def notice(diff: Diff, members: Members, langs: list[str], tf: Formatter) -> str:
    """A short change notice for delegates, in each language of ``langs``, separated by a rule."""
    parts = []
    for lang in langs:
        with language(lang):
            parts.append(_notice(diff, members, tf.for_language(lang)))
    return "\n\n---\n\n".join(parts) + "\n"


def _notice(diff: Diff, members: Members, tf: Formatter) -> str:
    lang = tf.lang
    t: dict[str, Any] = {key: _(text) if isinstance(text, str) else {k: _(v) for k, v in text.items()} for key, text in NOTICE.items()}
    new = diff.new
    lines = [t["greeting"], "", t["intro"].format(title=new.title.get(lang), revision=new.revision, zone=_zone(diff)), ""]
    seen: set[tuple[str, str]] = set()
    for c in diff.changes:
        item = _notice_item(c, t, tf)
        if item and (c.key, item) not in seen:
            seen.add((c.key, item))
            lines.append(f"- {item}")
            if c.groups:
                groups = "; ".join(_notice_group(g, c, t, members, tf) for g in c.groups)
                lines.append("  " + t["capitals"].format(groups=groups))
    lines += ["", t["closing"]]
    return "\n".join(lines)


def _notice_group(g: ClockGroup, c: Change, t: dict, members: Members, tf: Formatter) -> str:
    assert c.new is not None
    values = {"start": tf.hm(g.start), "end": tf.hm(g.end), "places": places(g.countries, members, tf.lang)}
    if g.start.date() != c.new.date:
        return t["group_day"].format(date=tf.day(g.start.date(), "long"), **values)
    return t["group"].format(**values)


def _notice_item(c: Change, t: dict, tf: Formatter) -> str:
    if c.kind in t["what"]:
        return t["meeting"].format(what=t["what"][c.kind], before=c.before or "–", after=c.after or "–")
    info = c.new or c.old
    assert info is not None
    values: dict[str, Any] = {"slot": info.label(tf.lang), "before": c.before}
    if c.old:
        values.update(old_date=tf.day(c.old.date, "long"), old_start=tf.hm(c.old.start), old_end=tf.hm(c.old.end))
    if c.new:
        values.update(date=tf.day(c.new.date, "long"), start=tf.hm(c.new.start), end=tf.hm(c.new.end))
    key = {"lengthened": "resized", "shortened": "resized", "leads": "people", "speakers": "people", "moderator": "people"}.get(c.kind, c.kind)
    return t[key].format(**values)
