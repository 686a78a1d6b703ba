"""Index of persons: family names sort and group as a reader expects, whatever their diacritics."""
from __future__ import annotations

import pytest

from booklet.errors import Loc
from booklet.model import Person
from booklet.sections.index import heading_letter, sort_key


def person(name: str, family: str | None = None) -> Person:
    family = family or name.split()[-1]
    return Person(id=name.lower().replace(" ", "-"), name=name, family=family, title=None,
                  affiliations=(), loc=Loc("content/people.yaml", 1))


def families_in_order(*people: Person) -> list[str]:
    return [p.family for p in sorted(people, key=sort_key)]


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
    assert [p.given for p in sorted([person("Zoe Smith"), person("Adam Smith")], key=sort_key)] == ["Adam", "Zoe"]


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
