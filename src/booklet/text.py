"""Turning model values into ReportLab paragraph markup, escaped.

Every piece of content passes through `esc` before it meets ReportLab's
paragraph parser: `AT&T`, `a<b` and `</para>` must print, not break a page.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from .model import Author, Contribution, Person

_BLANK_LINE = re.compile(r"\n\s*\n")


def esc(text: str) -> str:
    return escape(text)


def paragraphs(source: str) -> list[str]:
    """Abstract text → one escaped markup string per paragraph (blank lines separate them)."""
    return [esc(" ".join(block.split())) for block in _BLANK_LINE.split(source.strip()) if block.strip()]


def person_name(person: Person, *, with_title: bool) -> str:
    name = esc(person.name)
    return f"{esc(person.title)} {name}" if with_title and person.title else name


def affiliation_numbers(contribution: Contribution) -> dict[str, int]:
    """Affiliations numbered 1, 2, … in order of first appearance among the authors."""
    numbers: dict[str, int] = {}
    for author in contribution.authors:
        for affiliation in author.affiliations:
            numbers.setdefault(affiliation, len(numbers) + 1)
    return numbers


def author_markup(author: Author, numbers: dict[str, int], *, with_title: bool) -> str:
    marks = ",".join(str(numbers[a]) for a in author.affiliations)
    name = person_name(author.person, with_title=with_title)
    return f"{name}<super>{marks}</super>" if marks and len(numbers) > 0 else name


def affiliation_list(numbers: dict[str, int]) -> str:
    return "; ".join(f"<super>{n}</super>\u00a0{esc(a)}" for a, n in numbers.items())


def short_people(authors: tuple[Author, ...]) -> str:
    """Speakers for a programme line: "Ada Lovelace (Cambridge), Alan Turing"."""
    parts = []
    for a in authors:
        aff = f" ({esc(', '.join(a.affiliations))})" if a.affiliations else ""
        parts.append(f"{esc(a.person.name)}{aff}")
    return ", ".join(parts)


def fill(label: str, **values: str) -> str:
    """A layout label with {placeholders} filled by escaped values."""
    return esc(label).format(**{k: esc(v) for k, v in values.items()})
