"""An agenda text missing one of the languages the meeting declares in ``languages``.

Delegates read the agenda in their own language; a text without it falls back to
English. Checked: the meeting's title and subtitle, day labels, slot titles,
topics, guiding questions, key concept terms and definitions. Option ``also``
adds more texts: ``organizers``, ``objectives``, ``participant-profile``,
``methodology``, ``notes``, ``reference-zone``, ``moderators``, ``participants``,
``speaker-roles``. Without ``languages``, nothing is checked.

Failing (no Spanish topic)::

    languages: [es, en]
    ...
      - start: "9:00"
        end: "10:00"
        title: {en: Opening, es: Apertura, translated: [es]}
        topics: [{en: Welcome}]

Passing::

    languages: [es, en]
    ...
      - start: "9:00"
        end: "10:00"
        title: {en: Opening, es: Apertura, translated: [es]}
        topics: [{en: Welcome, es: Bienvenida, translated: [es]}]
"""

from __future__ import annotations

from rcmcli.core.errors import one_line
from rcmcli.i18n import N_, _
from rcmcli.lint.problem import Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterator

    from rcmcli.core.model import Meeting, Text

CODE = "L001"
NAME = "missing-language"
SEVERITY = "warning"
OPTIONS: dict = {"also": []}

EXTRA = (
    "organizers",
    "objectives",
    "participant-profile",
    "methodology",
    "notes",
    "reference-zone",
    "moderators",
    "participants",
    "speaker-roles",
)

# (what the message calls it, the text, the object holding it, its field there)
Item = tuple  # tuple[str, Text, Located, str]


def validate_option(name: str, value) -> str | None:
    if name == "also":
        unknown = [v for v in value if v not in EXTRA]
        if unknown:
            return _("unknown texts %(unknown)s; choose from: %(choices)s") % {"unknown": repr(unknown), "choices": ", ".join(EXTRA)}
    return None


def _agenda(mt: Meeting) -> Iterator[Item]:
    """The texts every delegate reads: titles, labels, topics, questions, key concepts."""
    yield N_("title"), mt.title, mt, "title"
    if mt.subtitle is not None:
        yield N_("subtitle"), mt.subtitle, mt, "subtitle"
    for day in mt.days:
        if day.label is not None:
            yield N_("day label"), day.label, day, "label"
        for s in day.slots:
            yield N_("slot title"), s.title, s, "title"
            for t in s.topics:
                yield N_("topic"), t, s, "topics"
            for q in s.guiding_questions:
                yield N_("guiding question"), q, s, "guiding_questions"
            for k in s.key_concepts:
                yield N_("key concept term"), k.term, k, "term"
                if k.definition is not None:
                    yield N_("key concept definition"), k.definition, k, "definition"


def _extra(mt: Meeting, also: list[str]) -> Iterator[Item]:
    """The texts chosen with option ``also``."""
    if "organizers" in also:
        yield from ((N_("organizer"), t, mt, "organizers") for t in mt.organizers)
    if "objectives" in also and mt.objectives is not None:
        for t in [*mt.objectives.general, *mt.objectives.specific]:
            yield N_("objective"), t, mt.objectives, "general"
    for key, what, obj in (
        ("participant-profile", N_("participant profile"), mt.participant_profile),
        ("methodology", N_("methodology"), mt.methodology),
    ):
        if key in also and obj is not None and obj.text is not None:
            yield what, obj.text, obj, "text"
    if "notes" in also:
        yield from ((N_("note"), n.text, n, "text") for n in mt.notes)
    ref = mt.reference_zone
    if "reference-zone" in also and ref is not None and ref.meaning is not None:
        yield N_("reference zone meaning"), ref.meaning, ref, "meaning"
    for s in mt.slots:
        if "moderators" in also and s.moderator is not None:
            yield N_("moderator"), s.moderator, s, "moderator"
        if "participants" in also:
            yield from ((N_("participant"), p, s, "participants") for p in s.participants)
        if "speaker-roles" in also:
            yield from ((N_("speaker role"), sp.role, sp, "role") for sp in s.speakers if sp.role is not None)


def _quote(text: Text) -> str:
    words = one_line(text.get("en"))
    return words if len(words) <= 60 else words[:57] + "..."


def check(ctx, opts):
    mt = ctx.meeting
    if mt is None or not mt.languages:
        return
    wanted = list(dict.fromkeys(mt.languages))
    declared = ", ".join(wanted)
    for what, text, owner, key in [*_agenda(mt), *_extra(mt, opts["also"])]:
        missing = [lang for lang in wanted if not text.has(lang)]
        if missing:
            where = text.at or owner.where(key) or mt.at
            yield Problem.at(
                where,
                # TRANSLATORS: %(what)s is a kind of text ("slot title", "topic"); %(missing)s language codes (es, pt)
                _("%(what)s '%(text)s' has no %(missing)s text (the meeting's languages: %(declared)s)")
                % {"what": _(what), "text": _quote(text), "missing": ", ".join(missing), "declared": declared},
            )
