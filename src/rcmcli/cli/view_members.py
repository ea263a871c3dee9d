"""What ``rcm members`` writes: the member states as a table, JSON, Markdown or CSV.

Rich is imported inside the table's function, so the machine formats never pay for it.
"""

from __future__ import annotations

from collections import namedtuple

from rcmcli.cli.layout import csv_text, md_escape, md_table
from rcmcli.export.showjson import as_json
from rcmcli.i18n import _
from rcmcli.timefmt import iso_offset

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from datetime import datetime

    from rcmcli.core.model import Country
    from rcmcli.timefmt import Formatter

    MemberRow = tuple[Country, tuple[str, ...], int]  # its conferences, its UTC offset in minutes


class Members(namedtuple("Members", "rows now_offsets at now lang tf width")):
    """What ``members`` shows: a row per member state with its UTC offset at ``at``, its
    offset now (JSON keeps both), and ``now``: ``at`` is now, not a ``--date``."""

    __slots__ = ()


def members_json(v: Members) -> str:
    rows, lang, now_offsets = v.rows, v.lang, v.now_offsets
    at = None if v.now else v.at
    out = []
    for i, (c, orgs, off) in enumerate(rows):
        item = {"country": c.code, "iso3": c.iso3, "name": c.name.get(lang), "capital": c.capital.get(lang),
                "zone": c.zone, "conferences": list(orgs), "utc_offset_now": iso_offset(now_offsets[i] if now_offsets else off)}
        if at is not None:
            item.update({"utc_offset": iso_offset(off), "at": at.isoformat()})
        out.append(item)
    return as_json(out)


def members_csv(v: Members) -> str:
    rows, lang, at = v.rows, v.lang, v.at
    head = ["country", "iso3", "name", "capital", "zone", "conferences", "utc_offset", "at"]
    body = [[c.code, c.iso3, c.name.get(lang), c.capital.get(lang), c.zone, " ".join(orgs), iso_offset(off), at.isoformat()] for c, orgs, off in rows]
    return csv_text(head, body)


def members_markdown(v: Members) -> str:
    rows, tf, at, now = v.rows, v.tf, v.at, v.now
    lang = tf.lang
    head = [_("Code"), _("Country"), _("Capital"), _("Zone"), _("Conf."), _("UTC offset")]
    body = [[c.code, c.name.get(lang), c.capital.get(lang), c.zone, "/".join(o.upper() for o in orgs), tf.offset(off, "iso")] for c, orgs, off in rows]
    return "\n".join(["## " + md_escape(_members_title(at, tf, now)), "", *md_table(head, body)]) + "\n"


def _members_title(at: datetime, tf: Formatter, now: bool = False) -> str:
    if now:
        return _("Member states \u00b7 UTC offsets now (%(time)s UTC)") % {"time": f"{at.date()} {tf.hm(at)}"}
    return _("Member states \u00b7 UTC offsets on %(day)s") % {"day": tf.day(at.date())}


# --- terminal table -----------------------------------------------------------------


def members_table(v: Members):
    from rich.console import Group

    from rcmcli.cli.layout import Col, filled, plain

    rows, tf, at, width, now = v.rows, v.tf, v.at, v.width, v.now
    lang = tf.lang
    offsets = [tf.offset(off) for _c, _o, off in rows]
    cols = [
        Col("code", _("Code"), [c.code for c, _o, _f in rows]),
        Col("country", _("Country"), [c.name.get(lang) for c, _o, _f in rows], shrink="words", give=1),
        Col("capital", _("Capital"), [c.capital.get(lang) for c, _o, _f in rows], shrink="words", give=1),
        Col("zone", _("Zone"), [c.zone for c, _o, _f in rows], shrink="fold", floor=14, give=1),
        Col("conf", _("Conf."), ["/".join(o.upper() for o in orgs) for _c, orgs, _f in rows]),
        Col("offset", _("UTC offset"), offsets),
    ]
    return Group(plain(_members_title(at, tf, now), "bold"), plain(""), filled(cols, width))


MEMBERS_FORMATS = {"table": members_table, "json": members_json, "csv": members_csv, "markdown": members_markdown}
