"""``rcmcli.core.model.Text``: four languages, fallback that renderers can see, translation marks."""

from __future__ import annotations

import copy
import pickle

import pytest

from rcmcli.core.errors import Pos
from rcmcli.core.model import LANGUAGES, Text

TITLE = Text(
    en="Opening session",
    es="Sesión de apertura",
    pt="Sessão de abertura",
    translated=("es", "pt"),
)


def test_the_four_languages():
    assert LANGUAGES == ("en", "es", "pt", "fr")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ("Opening session", "en")),
        ("es", ("Sesión de apertura", "es")),
        ("pt", ("Sessão de abertura", "pt")),
        ("fr", ("Opening session", "en")),  # no French: English, and the caller can tell
        ("de", ("Opening session", "en")),  # not a language of rcm: English
    ],
)
def test_lookup_says_which_language_it_used(lang, expected):
    assert TITLE.lookup(lang) == expected
    assert TITLE.get(lang) == expected[0]


def test_without_english_the_fallback_is_spanish_then_portuguese_then_french():
    assert Text(es="Hola", fr="Salut").lookup("pt") == ("Hola", "es")
    assert Text(pt="Olá", fr="Salut").lookup("en") == ("Olá", "pt")
    assert Text(fr="Salut").get("es") == "Salut"


def test_an_empty_text_counts_as_missing():
    assert Text(en="", es="Hola").lookup("en") == ("Hola", "es")
    assert Text("").lookup("en") == ("", None)
    assert Text().get() == ""
    assert not Text(en="").has("en")


def test_has_languages_and_translation_marks():
    assert [TITLE.has(lang) for lang in LANGUAGES] == [True, True, True, False]
    assert TITLE.languages == ("en", "es", "pt")
    assert [TITLE.is_translation(lang) for lang in LANGUAGES] == [False, True, True, False]
    assert not Text("Plain").is_translation("en")


def test_marks_are_kept_in_language_order_whatever_they_are_given_as():
    assert Text("a", "b", fr="c", translated=["fr", "es"]).translated == ("es", "fr")
    assert Text("a", "b", translated={"es"}) == Text("a", "b", translated=("es",))


def test_equality_and_hash_ignore_the_position():
    a = Text("Hello", "Hola", at=Pos(3, 5))
    b = Text("Hello", "Hola", at=Pos(9, 1))
    assert a == b and hash(a) == hash(b)
    assert a != Text("Hello", "Hola", translated=("es",))
    assert a != Text("Hello")
    assert len({a, b}) == 1


def test_str_repr_and_positional_arguments():
    assert str(TITLE) == "Opening session"
    assert repr(Text("Hello", "Hola")) == "Text(en='Hello', es='Hola')"
    assert repr(Text(es="Hola", translated=())) == "Text(es='Hola')"
    assert repr(TITLE) == (
        "Text(en='Opening session', es='Sesión de apertura', pt='Sessão de abertura', translated=('es', 'pt'))"
    )


def test_immutable_and_copies_survive():
    with pytest.raises(AttributeError):
        TITLE.en = "x"  # type: ignore[misc]
    t = Text("Hello", "Hola", translated=("es",), at=Pos(1, 1))
    assert pickle.loads(pickle.dumps(t)) == t
    assert copy.deepcopy(t) == t and copy.deepcopy(t).at == Pos(1, 1)
