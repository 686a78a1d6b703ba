"""Markup for people and affiliations, and escaping for words that come from the layout.

Content strings are converted once in texts.py (Markdown, maths, fallback
fonts); this module puts those pieces together into bylines and lists. Labels
from the layout go through `esc` before they meet ReportLab's parser.
"""
from __future__ import annotations

import html
import re

from .model import Author, Contribution, Person


def esc(text: str) -> str:
    """`text` safe inside paragraph markup: &, < and > as entities. (Not xml.sax.saxutils: importing
    it imports urllib and http, a thirtieth of a second at every start.)"""
    return html.escape(text, quote=False)


def attribute(value: str) -> str:
    """`value` as a quoted attribute in paragraph markup (a link's target)."""
    return '"' + html.escape(value) + '"'


def plain(markup: str) -> str:
    """The text of paragraph markup: what a reader sees, without tags (for outlines and running heads)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


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


def affiliation_list(texts, numbers: dict[str, int]) -> str:
    return "; ".join(f"<super>{n}</super>\u00a0{texts.affiliations[a]}" for a, n in numbers.items())


def people_line(texts, authors: tuple[Author, ...], *, limit: int, et_al: str) -> str:
    """A programme line: "Ada Lovelace (Cambridge), Alan Turing", the first `limit` and "et al."."""
    parts = []
    for a in authors[:limit]:
        aff = f" ({', '.join(texts.affiliations[x] for x in a.affiliations)})" if a.affiliations else ""
        parts.append(f"{texts.names[a.person.id]}{aff}")
    line = ", ".join(parts)
    return f"{line} {esc(et_al)}" if len(authors) > limit else line
