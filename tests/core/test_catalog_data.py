"""The bundled catalog (data/) against the source documents (shared/seeds/).

Every expected value is copied by hand from the documents; the seed files are read
only to check that the hand-made tables quote them, and those checks are skipped
when the seeds are not beside the repository (CI clones shared/ to ../shared).
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from rcmcli.core.catalog import Catalog, bundled_dir

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")

# 000: "The RCM is made up of 11 countries: Canada, the United States, Mexico, Guatemala,
# Belize, El Salvador, Honduras, Nicaragua, Costa Rica, Panama, and the Dominican Republic."
RCM_MEMBERS = {
    "CA": "Canada",
    "US": "United States",
    "MX": "Mexico",
    "GT": "Guatemala",
    "BZ": "Belize",
    "SV": "El Salvador",
    "HN": "Honduras",
    "NI": "Nicaragua",
    "CR": "Costa Rica",
    "PA": "Panama",
    "DO": "Dominican Republic",
}
# 000: "The SACM Member Countries are Argentina, Bolivia, Brazil, Chile, Colombia, Ecuador,
# Guyana, Paraguay, Peru, Suriname, Uruguay, and Venezuela."
SACM_MEMBERS = {
    "AR": "Argentina",
    "BO": "Bolivia",
    "BR": "Brazil",
    "CL": "Chile",
    "CO": "Colombia",
    "EC": "Ecuador",
    "GY": "Guyana",
    "PY": "Paraguay",
    "PE": "Peru",
    "SR": "Suriname",
    "UY": "Uruguay",
    "VE": "Venezuela",
}
# 003: "The following countries participate as observers: Argentina, Colombia, Ecuador,
# Jamaica and Peru"
RCM_OBSERVERS = {"AR": "Argentina", "CO": "Colombia", "EC": "Ecuador", "JM": "Jamaica", "PE": "Peru"}

# The IANA zone of each capital (Ottawa, Brasília, Quito and La Paz are not IANA
# city names: they are in America/Toronto, America/Sao_Paulo, America/Guayaquil and
# America/La_Paz).
CAPITAL_ZONES = {
    "BZ": "America/Belize",
    "CA": "America/Toronto",
    "CR": "America/Costa_Rica",
    "DO": "America/Santo_Domingo",
    "SV": "America/El_Salvador",
    "GT": "America/Guatemala",
    "HN": "America/Tegucigalpa",
    "MX": "America/Mexico_City",
    "NI": "America/Managua",
    "PA": "America/Panama",
    "US": "America/New_York",
    "AR": "America/Argentina/Buenos_Aires",
    "BO": "America/La_Paz",
    "BR": "America/Sao_Paulo",
    "CL": "America/Santiago",
    "CO": "America/Bogota",
    "EC": "America/Guayaquil",
    "GY": "America/Guyana",
    "PY": "America/Asuncion",
    "PE": "America/Lima",
    "SR": "America/Paramaribo",
    "UY": "America/Montevideo",
    "VE": "America/Caracas",
    "JM": "America/Jamaica",
}

GMT_MINUS_6 = timezone(timedelta(hours=-6))
GMT_MINUS_5 = timezone(timedelta(hours=-5))

# 002, "Schedule (GMT-6)": the eleven slots of the II Plenary.
II_PLENARY_SLOTS = [
    ("2021-09-09", "9:00", "9:30"),  # Opening session
    ("2021-09-09", "9:30", "9:50"),  # Migration trends in the Americas
    ("2021-09-09", "9:50", "10:50"),  # Session 1
    ("2021-09-09", "10:50", "11:10"),  # Break
    ("2021-09-09", "11:10", "12:10"),  # Session 2
    ("2021-09-09", "12:10", "13:15"),  # Session 3
    ("2021-09-10", "9:00", "10:00"),  # Session 4
    ("2021-09-10", "10:00", "11:00"),  # Session 5
    ("2021-09-10", "11:00", "11:15"),  # Break
    ("2021-09-10", "11:15", "12:00"),  # Session 6
    ("2021-09-10", "12:00", "13:00"),  # Closure session
]
# 004, "(Mexico Time, GMT-5)", October 1st, 2021.
FOLLOWUP_SLOTS = [
    ("2021-10-01", "10:00", "10:10"),
    ("2021-10-01", "10:10", "10:20"),
    ("2021-10-01", "10:20", "11:50"),
    ("2021-10-01", "11:50", "12:00"),
]
# 000, "Schedule (GMT-6)", 31 May 2022.
III_PLENARY_SLOTS = [
    ("2022-05-31", "9:00", "9:15"),
    ("2022-05-31", "9:15", "10:00"),
    ("2022-05-31", "10:00", "10:45"),
    ("2022-05-31", "10:45", "11:00"),
]


def aware(day: str, hm: str, tz: timezone) -> datetime:
    y, mo, d = (int(p) for p in day.split("-"))
    h, m = (int(p) for p in hm.split(":"))
    return datetime(y, mo, d, h, m, tzinfo=tz)


def seed(name_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{name_prefix}_*.txt")
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(bundled_dir())


@pytest.fixture(scope="module")
def members(catalog):
    return catalog.members


# --- conferences and countries -------------------------------------------------------------


def test_rcm_has_the_11_members_of_the_documents(members):
    listed = members.conferences["rcm"].members
    assert len(listed) == 11
    assert set(listed) == set(RCM_MEMBERS)


def test_sacm_has_the_12_members_of_the_documents(members):
    listed = members.conferences["sacm"].members
    assert len(listed) == 12
    assert set(listed) == set(SACM_MEMBERS)


def test_rcm_observers(members):
    assert sorted(members.conferences["rcm"].observers) == sorted(RCM_OBSERVERS)


def test_every_member_and_observer_is_a_country(members):
    codes = set(RCM_MEMBERS) | set(SACM_MEMBERS) | set(RCM_OBSERVERS)
    assert codes <= set(members.countries)


@pytest.mark.parametrize("code, name", sorted({**RCM_MEMBERS, **SACM_MEMBERS, **RCM_OBSERVERS}.items()))
def test_country_english_names(members, code, name):
    assert members.countries[code].name.en == name


@needs_seeds
def test_hand_lists_quote_the_documents():
    doc000, doc003 = seed("000"), seed("003")
    rcm_sentence = doc000.split("The RCM is made up of 11 countries:")[1].split(".")[0]
    sacm_sentence = doc000.split("The SACM Member Countries are")[1].split(".")[0]
    observers_sentence = doc003.split("participate as observers:")[1].split(", and the")[0]
    assert all(name in rcm_sentence for name in RCM_MEMBERS.values())
    assert all(name in sacm_sentence for name in SACM_MEMBERS.values())
    assert all(name in observers_sentence for name in RCM_OBSERVERS.values())


@pytest.mark.parametrize("code, zone", sorted(CAPITAL_ZONES.items()))
def test_capital_zones(members, code, zone):
    assert members.countries[code].zone == zone


def test_every_country_zone_exists_in_the_tz_database(members):
    # Checked with the standard library's view of the database, not rcm's.
    known = zoneinfo.available_timezones()
    assert {c.zone for c in members.countries.values()} <= known


# --- sources ---------------------------------------------------------------------------------


def _source_names(node) -> list[str]:
    """Every document file named in a raw YAML tree: source, datasheet_source, sources."""
    names: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("source", "datasheet_source") and isinstance(value, str):
                names.append(value)
            elif key == "sources" and isinstance(value, list):
                names += [v if isinstance(v, str) else v.get("file") for v in value]
            names += _source_names(value)
    elif isinstance(node, list):
        for item in node:
            names += _source_names(item)
    return names


DATA_FILES = sorted([DATA / "members.yaml", *(DATA / "meetings").glob("*.yaml")])


@needs_seeds
@pytest.mark.parametrize("path", DATA_FILES, ids=[p.name for p in DATA_FILES])
def test_every_source_names_an_existing_document(path):
    names = _source_names(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert names, f"{path.name} cites no source"
    missing = sorted({n for n in names if not (SEEDS / str(n)).is_file()})
    assert missing == []


# --- meetings -----------------------------------------------------------------------------------


def slot_times(meeting) -> list[tuple[datetime, datetime]]:
    return [(s.starts, s.ends) for s in meeting.slots]


def expected_times(table, tz) -> list[tuple[datetime, datetime]]:
    return [(aware(day, start, tz), aware(day, end, tz)) for day, start, end in table]


def test_ii_plenary_slots_match_the_agenda(catalog):
    meeting = catalog.find("plenary-ii-2021")
    assert slot_times(meeting) == expected_times(II_PLENARY_SLOTS, GMT_MINUS_6)
    assert all(s.starts.utcoffset() == timedelta(hours=-6) for s in meeting.slots)


def test_ii_plenary_is_published_in_gmt_minus_6(catalog):
    assert catalog.find("plenary-ii-2021").reference_zone.offset == "GMT-6"


def test_ii_plenary_session_leads_match_the_agenda(catalog):
    # 002: "Lead panelist countries: Panama and Costa Rica", "Chile and Venezuela",
    # "Peru", "United States", "Mexico", "Argentina".
    leads = {s.session: set(s.leads) for s in catalog.find("plenary-ii-2021").slots if s.kind == "session"}
    assert leads == {1: {"PA", "CR"}, 2: {"CL", "VE"}, 3: {"PE"}, 4: {"US"}, 5: {"MX"}, 6: {"AR"}}


def test_ii_plenary_records_the_agendas_start_time_claims(catalog):
    # 002: "09:00 am Central America / 10:00 am Mexico City, Panama City & Lima /
    # 11:00 am Washington DC, Ottawa, Santo Domingo, Santiago & Caracas / 12:00 pm Buenos Aires",
    # stated for both days.
    expected = {
        "09:00": ["Central America"],
        "10:00": ["Mexico City", "Panama City", "Lima"],
        "11:00": ["Washington DC", "Ottawa", "Santo Domingo", "Santiago", "Caracas"],
        "12:00": ["Buenos Aires"],
    }
    published = catalog.find("plenary-ii-2021").published_times
    assert [str(p.date) for p in published] == ["2021-09-09", "2021-09-10"]
    for day in published:
        assert {f"{c.time:%H:%M}": c.places for c in day.claims} == expected


def test_followup_is_10_to_12_gmt_minus_5_on_1_october_2021(catalog):
    meeting = catalog.find("followup-ii-2021")
    assert len(meeting.slots) == 4
    assert slot_times(meeting) == expected_times(FOLLOWUP_SLOTS, GMT_MINUS_5)
    assert meeting.slots[0].starts == aware("2021-10-01", "10:00", GMT_MINUS_5)
    assert meeting.slots[-1].ends == aware("2021-10-01", "12:00", GMT_MINUS_5)
    assert meeting.reference_zone.offset == "GMT-5"


def test_iii_plenary_is_9_to_11_gmt_minus_6(catalog):
    meeting = catalog.find("plenary-iii-2022")
    assert len(meeting.slots) == 4
    assert slot_times(meeting) == expected_times(III_PLENARY_SLOTS, GMT_MINUS_6)
    assert meeting.slots[0].starts == aware("2022-05-31", "9:00", GMT_MINUS_6)
    assert meeting.slots[-1].ends == aware("2022-05-31", "11:00", GMT_MINUS_6)
    assert meeting.reference_zone.offset == "GMT-6"


@needs_seeds
@pytest.mark.parametrize(
    "prefix, table",
    [("002", II_PLENARY_SLOTS), ("004", FOLLOWUP_SLOTS), ("000", III_PLENARY_SLOTS)],
)
def test_slot_tables_quote_the_documents(prefix, table):
    # The documents write ranges with an en dash, sometimes without spaces ("10:10-10:20").
    text = seed(prefix).replace(" \u2013 ", "-").replace("\u2013", "-")
    for _, start, end in table:
        assert f"{start}-{end}" in text


# --- languages -----------------------------------------------------------------------------------
#
# The documents are in English; the catalog gives agenda texts in Spanish too, and titles
# in Portuguese and French. Every text that is not quoted from a document is marked as a
# translation. The only non-English text quoted from a document is the RCM's Spanish
# name, the page header of 002 ("Conferencia Regional sobre Migración").

QUOTED_NON_ENGLISH = {("members.yaml", "es", "Conferencia Regional sobre Migración")}


def _texts(obj, where: str = ""):
    """Every Text in a model object, with a path naming where it is."""
    from rcmcli.core.model import Located, Text, fields

    if isinstance(obj, Text):
        yield where, obj
    elif isinstance(obj, Located):
        for name, value in fields(obj).items():
            yield from _texts(value, f"{where}.{name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{where}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _texts(item, f"{where}.{key}")


def _catalog_texts(catalog):
    yield from (("members.yaml", path, t) for path, t in _texts(catalog.members))
    for mt in catalog.meetings():
        yield from ((Path(mt.path).name, path, t) for path, t in _texts(mt))


def _agenda_texts(meeting):
    """The texts L001 checks: title, subtitle, day labels, slot titles, topics, questions, key concepts."""
    yield "title", meeting.title
    if meeting.subtitle is not None:
        yield "subtitle", meeting.subtitle
    for day in meeting.days:
        if day.label is not None:
            yield f"{day.date} label", day.label
        for s in day.slots:
            yield f"{s.start:%H:%M} title", s.title
            yield from ((f"{s.start:%H:%M} topic", t) for t in s.topics)
            yield from ((f"{s.start:%H:%M} question", q) for q in s.guiding_questions)
            for k in s.key_concepts:
                yield f"{s.start:%H:%M} term", k.term
                if k.definition is not None:
                    yield f"{s.start:%H:%M} definition", k.definition


MEETING_IDS = ["plenary-ii-2021", "followup-ii-2021", "plenary-iii-2022"]


def test_every_text_not_quoted_from_a_document_is_marked_translated(catalog):
    unmarked = {
        (name, lang, t.get(lang))
        for name, _path, t in _catalog_texts(catalog)
        for lang in ("es", "pt", "fr")
        if t.has(lang) and not t.is_translation(lang)
    }
    assert unmarked == QUOTED_NON_ENGLISH


def test_english_is_never_marked_as_a_translation(catalog):
    # The documents are in English: no English text in the catalog is a translation.
    marked = [(name, path) for name, path, t in _catalog_texts(catalog) if t.is_translation("en")]
    assert marked == []


@needs_seeds
def test_the_quoted_spanish_is_in_its_document():
    assert "Conferencia Regional sobre Migración" in seed("002")


@pytest.mark.parametrize("mid", MEETING_IDS)
def test_meetings_declare_spanish_and_english(catalog, mid):
    assert catalog.find(mid).languages == ["es", "en"]


@pytest.mark.parametrize("mid", MEETING_IDS)
def test_every_agenda_text_has_a_marked_spanish_translation(catalog, mid):
    missing = [what for what, t in _agenda_texts(catalog.find(mid)) if not (t.has("en") and t.is_translation("es"))]
    assert missing == []


@pytest.mark.parametrize("mid", MEETING_IDS)
def test_titles_have_portuguese_and_french_translations(catalog, mid):
    meeting = catalog.find(mid)
    titles = [("title", meeting.title), *(("subtitle", t) for t in [meeting.subtitle] if t is not None)]
    titles += [(f"{s.start:%H:%M}", s.title) for s in meeting.slots]
    missing = [(what, lang) for what, t in titles for lang in ("pt", "fr") if not t.is_translation(lang)]
    assert missing == []


def test_meeting_titles_name_the_conferences_as_they_call_themselves(catalog):
    # Spanish: "Conferencia Regional sobre Migración (CRM)", "Conferencia Suramericana sobre
    # Migraciones (CSM)"; Portuguese "Conferência Sul-Americana sobre Migrações"; French
    # "Conférence régionale sur les migrations", "Conférence sud-américaine sur les migrations".
    for mid in ("plenary-ii-2021", "plenary-iii-2022"):
        title = catalog.find(mid).title
        assert "Conferencia Regional sobre Migración (CRM)" in title.es
        assert "Conferencia Suramericana sobre Migraciones (CSM)" in title.es
        assert "Conferência Regional sobre Migração (CRM)" in title.pt
        assert "Conferência Sul-Americana sobre Migrações (CSM)" in title.pt
        assert "Conférence régionale sur les migrations (CRM)" in title.fr
        assert "Conférence sud-américaine sur les migrations (CSM)" in title.fr


def test_conference_names_in_four_languages(members):
    rcm, sacm = members.conferences["rcm"].name, members.conferences["sacm"].name
    assert (rcm.en, rcm.es, rcm.pt, rcm.fr) == (
        "Regional Conference on Migration",
        "Conferencia Regional sobre Migración",
        "Conferência Regional sobre Migração",
        "Conférence régionale sur les migrations",
    )
    assert rcm.translated == ("pt", "fr")  # the Spanish is quoted from 002
    assert (sacm.en, sacm.es, sacm.pt, sacm.fr) == (
        "South American Conference on Migration",
        "Conferencia Suramericana sobre Migraciones",
        "Conferência Sul-Americana sobre Migrações",
        "Conférence sud-américaine sur les migrations",
    )
    assert sacm.translated == ("es", "pt", "fr")


# Standard names, written by hand: (country es, pt, fr), (capital es, pt, fr).
NAMES = {
    "PA": (("Panamá", "Panamá", "Panama"), ("Ciudad de Panamá", "Cidade do Panamá", "Panama")),
    "BR": (("Brasil", "Brasil", "Brésil"), ("Brasilia", "Brasília", "Brasilia")),
    "PY": (("Paraguay", "Paraguai", "Paraguay"), ("Asunción", "Assunção", "Asuncion")),
    "US": (("Estados Unidos", "Estados Unidos", "États-Unis"), ("Washington D. C.", "Washington, D.C.", "Washington")),
    "MX": (("México", "México", "Mexique"), ("Ciudad de México", "Cidade do México", "Mexico")),
    "DO": (("República Dominicana", "República Dominicana", "République dominicaine"), ("Santo Domingo", "São Domingos", "Saint-Domingue")),
    "EC": (("Ecuador", "Equador", "Équateur"), ("Quito", "Quito", "Quito")),
    "GY": (("Guyana", "Guiana", "Guyana"), ("Georgetown", "Georgetown", "Georgetown")),
    "UY": (("Uruguay", "Uruguai", "Uruguay"), ("Montevideo", "Montevidéu", "Montevideo")),
    "JM": (("Jamaica", "Jamaica", "Jamaïque"), ("Kingston", "Kingston", "Kingston")),
}


@pytest.mark.parametrize("code", sorted(NAMES))
def test_country_and_capital_names_in_spanish_portuguese_french(members, code):
    c = members.countries[code]
    (names, capitals) = NAMES[code]
    assert (c.name.es, c.name.pt, c.name.fr) == names
    assert (c.capital.es, c.capital.pt, c.capital.fr) == capitals


def test_every_country_and_capital_is_named_in_four_languages_marked_translated(members):
    incomplete = [
        (c.code, what)
        for c in members.countries.values()
        for what, t in (("name", c.name), ("capital", c.capital))
        if not (t.has("en") and all(t.is_translation(lang) for lang in ("es", "pt", "fr")))
    ]
    assert incomplete == []
def test_bundled_meetings_are_published_with_sources():
    # docs/decisions.md, "Drafts and sources:": provenance matters in the bundled catalog.
    for meeting in Catalog(bundled_dir()).meetings():
        assert meeting.status == "published" and meeting.sources, meeting.id


def test_a_draft_is_refused_inside_the_bundled_catalog(tmp_path, monkeypatch):
    from rcmcli.core import catalog as catalog_module
    from rcmcli.core.errors import InputError

    (tmp_path / "meetings").mkdir()
    draft = tmp_path / "meetings" / "d.yaml"
    text = (DATA / "meetings" / "followup-ii-2021.yaml").read_text(encoding="utf-8")
    draft.write_text(text.replace("\nsources:", "\nstatus: draft\nsources:", 1), encoding="utf-8")
    from rcmcli.cli.runtime import usable

    assert usable(Catalog(tmp_path), draft).status == "draft"  # a folder of one's own may hold drafts
    monkeypatch.setattr(catalog_module, "bundled_folder", lambda: str(tmp_path))
    with pytest.raises(InputError, match="bundled catalog"):
        usable(Catalog(tmp_path), draft)
