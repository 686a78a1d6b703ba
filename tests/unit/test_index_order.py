"""Index of persons: family names sort and group as a reader expects, whatever their diacritics."""
from __future__ import annotations

import pytest

from booklet.content.model import Person
from booklet.errors import Loc
from booklet.sections.index import entry_name, sort_key
from booklet.text.collation import Collation

ENGLISH = Collation("en")


def heading_letter(p: Person, language: str = "en") -> str:
    return Collation(language).letter(p.family)


def person(name: str, family: str | None = None) -> Person:
    family = family or name.split()[-1]
    return Person(id=name.lower().replace(" ", "-"), name=name, family=family, title=None,
                  affiliations=(), loc=Loc("content/people.yaml", 1))


def families_in_order(*people: Person, language: str = "en") -> list[str]:
    collation = Collation(language)
    return [p.family for p in sorted(people, key=lambda p: sort_key(p, collation))]


def test_o_umlaut_files_with_o_not_after_z():
    # a code-point sort would put both Ö names after Zeta
    assert families_in_order(person("Bob Zeta"), person("Ali Öztürk"), person("Max Otto"), person("Eva Ölz"),
                             person("Otto Meyer"), person("Ma Ross")) == \
        ["Meyer", "Ölz", "Otto", "Öztürk", "Ross", "Zeta"]


def test_l_with_stroke_files_with_l():
    assert families_in_order(person("Anne Mai"), person("Jan Łukasiewicz"), person("Lea Loo"), person("Ida Lyon"),
                             person("Anna Lang")) == \
        ["Lang", "Loo", "Łukasiewicz", "Lyon", "Mai"]


def test_s_with_caron_files_with_s():
    assert families_in_order(person("Tom Smith"), person("Petr Šimek"), person("Sue Sims"), person("Bob Zeta"),
                             person("Ma Ross")) == \
        ["Ross", "Šimek", "Sims", "Smith", "Zeta"]


def test_family_of_several_words_files_under_its_first_word():
    gabriel = person("Gabriel Crespo López-Urrutia", "Crespo López-Urrutia")
    assert families_in_order(person("Carl Cruz"), gabriel, person("Zoe Crespo"), person("Lea Loo")) == \
        ["Crespo", "Crespo López-Urrutia", "Cruz", "Loo"]
    assert heading_letter(gabriel) == "C"


def test_sorting_ignores_case_of_family_names():
    assert families_in_order(person("Ann van Dyck", "van Dyck"), person("Bo Baker"), person("Cy Young")) == \
        ["Baker", "van Dyck", "Young"]


def test_same_family_sorts_by_given_name():
    assert [p.given for p in sorted([person("Zoe Smith"), person("Adam Smith")], key=lambda p: sort_key(p, ENGLISH))] == ["Adam", "Zoe"]


@pytest.mark.parametrize("name, letter", [
    ("Ali Öztürk", "O"),
    ("Jan Łukasiewicz", "L"),
    ("Lars Øberg", "O"),
    ("Petr Šimek", "S"),
    ("Ana Ávila", "A"),
    ("Ada Lovelace", "L"),
])
def test_heading_letter_is_the_base_letter(name, letter):
    assert heading_letter(person(name)) == letter


def test_heading_letter_is_upper_case():
    assert heading_letter(person("Ann van Dyck", "van Dyck")) == "V"


def test_heading_letter_for_a_non_letter_is_hash():
    assert heading_letter(person("Gerard 'tHooft")) == "#"


MIXED = [person("Anders Ångström"), person("Ali Öztürk"), person("Jan Łukasiewicz"), person("Vuk Šćekić"),
         person("Eva Ölz"), person("Max Otto"), person("Lea Lund"), person("Sam Smith"), person("Bob Zeta"),
         person("Ada Andersson"), person("Ewa Ąbel")]


def test_a_german_reader_files_umlauts_and_rings_with_their_base_letter():
    assert families_in_order(*MIXED, language="de") == [
        "Ąbel", "Andersson", "Ångström", "Łukasiewicz", "Lund", "Ölz", "Otto", "Öztürk", "Šćekić", "Smith", "Zeta"]


def test_a_swedish_reader_puts_a_ring_a_umlaut_and_o_umlaut_after_z():
    assert families_in_order(*MIXED, language="sv") == [
        "Ąbel", "Andersson", "Łukasiewicz", "Lund", "Otto", "Šćekić", "Smith", "Zeta", "Ångström", "Ölz", "Öztürk"]
    assert heading_letter(person("Anders Ångström"), "sv") == "Å"
    assert heading_letter(person("Ali Öztürk"), "sv") == "Ö"


def test_a_polish_reader_gives_letters_with_ogonek_and_stroke_their_own_place():
    assert families_in_order(*MIXED, language="pl") == [
        "Andersson", "Ångström", "Ąbel", "Lund", "Łukasiewicz", "Ölz", "Otto", "Öztürk", "Šćekić", "Smith", "Zeta"]
    assert heading_letter(person("Jan Łukasiewicz"), "pl") == "Ł"
    assert heading_letter(person("Jan Łukasiewicz"), "de") == "L"


def test_particles_file_under_the_particle_or_the_name_as_the_layout_says():
    berg = person("Jan van der Berg", "van der Berg")
    assert entry_name(berg, "keep") == ("van der Berg", "van der Berg, Jan")
    assert entry_name(berg, "ignore") == ("Berg", "Berg, Jan van der")
    assert entry_name(person("Ada Lovelace"), "ignore") == ("Lovelace", "Lovelace, Ada")


@pytest.mark.parametrize("language", ["en", "sv", "pl", "de"])
def test_a_collation_told_its_texts_sorts_exactly_as_the_whole_table(language):
    names = ["Øster", "Zoë Ångström", "Łukasz Ćwik", "van der Berg", "Müller-Lüdenscheidt", "O'Neil", "Ðorđe",
             "Æsir", "Şahin", "straße", "Strasse", "Đặng Thị"]
    told, whole = Collation(language, texts=names[:-1]), Collation(language)
    assert told._alphabet is not None
    # the last name has letters the smaller table lacks: it must still sort by the whole table
    assert [told.key(n) for n in names] == [whole.key(n) for n in names]
