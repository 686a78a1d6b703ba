"""Markup for people and affiliations: bylines, affiliation lists, "et al.".

Content strings are converted once, before layout (typeset/conversion.py: Markdown,
maths, fallback fonts); this module puts those pieces together into bylines and lists.
"""
from __future__ import annotations

import re

from ..content.model import Author, Contribution, Person
from .escape import esc

# Letters of the scripts whose names are written family name first: Han (with 々, the iteration
# mark of 佐々木), Hiragana, Katakana (ー included) and Hangul.
_FAMILY_FIRST_LETTER = re.compile(
    "[\u1100-\u11ff\u3005\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]")


def family_first(name: str) -> bool:
    """Whether `name` is written in a script that puts the family name first (张伟, 山田太郎, 김민준):
    such a name is printed as written everywhere, the index of persons too, never "Family, Given"."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(_FAMILY_FIRST_LETTER.match(c) for c in letters)


def person_name(texts, person: Person, *, with_title: bool) -> str:
    name = texts.names[person.id]
    return f"{esc(person.title)} {name}" if with_title and person.title else name


def affiliation_numbers(contribution: Contribution) -> dict[str, int]:
    """Affiliations numbered 1, 2, … in order of first appearance among the authors."""
    numbers: dict[str, int] = {}
    for author in contribution.authors:
        for affiliation in author.affiliations:
            numbers.setdefault(affiliation, len(numbers) + 1)
    return numbers


def author_markup(texts, author: Author, numbers: dict[str, int], *, with_title: bool) -> str:
    marks = ",".join(str(numbers[a]) for a in author.affiliations)
    name = person_name(texts, author.person, with_title=with_title)
    return f"{name}<super>{marks}</super>" if marks else name


# Zero-width, in the text's own size, before a mark that opens a word: ReportLab measures the space
# after a word of several fragments in the size of the word's first one, so "³\u00a0CEITEC" left
# the next space 0.39 pt short and the line could run past the margin.
WORD_START = "\u200d"


def affiliation_list(texts, numbers: dict[str, int]) -> str:
    return "; ".join(f"{WORD_START}<super>{n}</super>\u00a0{texts.affiliations[a]}" for a, n in numbers.items())


def people_line(texts, authors: tuple[Author, ...], *, limit: int, et_al: str) -> str:
    """A programme line: "Ada Lovelace (Cambridge), Alan Turing", the first `limit` and "et al."."""
    parts = []
    for a in authors[:limit]:
        aff = f" ({', '.join(texts.affiliations[x] for x in a.affiliations)})" if a.affiliations else ""
        parts.append(f"{texts.names[a.person.id]}{aff}")
    line = ", ".join(parts)
    return f"{line} {esc(et_al)}" if len(authors) > limit else line
