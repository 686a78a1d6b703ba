"""The index of persons: everyone who speaks, co-authors or chairs, with links.

Sorted by family name with the Unicode Collation Algorithm (pyuca), so Ö files
with O and Ł with L; page numbers in bold where the person presents.
"""
from __future__ import annotations

import functools
import unicodedata

from reportlab.platypus import FrameBreak, NextPageTemplate, Paragraph

from ..crossref import contribution_anchor, session_anchor
from ..model import Conference, Person
from ..text import esc
from .common import section_title

# Letters whose base form Unicode decomposition does not reveal.
_BASE_LETTER = str.maketrans({"Ł": "L", "ł": "L", "Ø": "O", "ø": "O", "Đ": "D", "đ": "D", "Æ": "A", "æ": "A",
                              "Œ": "O", "œ": "O", "ß": "S", "Þ": "T", "þ": "T"})


@functools.lru_cache(maxsize=1)
def _collator():
    import pyuca  # loading the collation table takes ~0.2 s: only when an index is built

    return pyuca.Collator()


def sort_key(person: Person) -> tuple:
    collate = _collator().sort_key
    return (collate(person.family), collate(person.given), person.id)


def heading_letter(person: Person) -> str:
    first = person.family.translate(_BASE_LETTER)[:1]
    base = unicodedata.normalize("NFKD", first)[:1].upper()
    return base if base.isalpha() else "#"


def appearances(conference: Conference) -> dict[str, list[tuple[str, bool]]]:
    """person id → [(anchor, presents)] in programme order."""
    found: dict[str, list[tuple[str, bool]]] = {p.id: [] for p in conference.people}
    for session in conference.sessions:
        for chair in session.chairs:
            found[chair.id].append((session_anchor(session), False))
        for c in session.contributions:
            for author in c.authors:
                found[author.person.id].append((contribution_anchor(c), author.presenting))
    return found


def page_links(ctx, refs: list[tuple[str, bool]]) -> str:
    """"3, <b>7</b>, 12": one link per page, bold where the person presents there."""
    by_page: dict[str, tuple[str, bool]] = {}
    for anchor, presents in refs:
        page = ctx.refs.page(anchor)
        known = by_page.get(page)
        by_page[page] = (known[0] if known else anchor, presents or bool(known and known[1]))
    ordered = sorted(by_page.items(), key=lambda item: int(item[0]) if item[0].isdigit() else 0)
    links = []
    for page, (anchor, presents) in ordered:
        link = ctx.refs.link(anchor, page)
        links.append(f"<b>{link}</b>" if presents else link)
    return ", ".join(links)


def build(ctx) -> list:
    people = ctx.conference.people
    if not people:
        return []
    found = appearances(ctx.conference)
    out = [section_title(ctx, "index"), Paragraph(esc(ctx.labels["index_note"]), ctx.styles["index note"]),
           NextPageTemplate("index:recto"), FrameBreak()]
    letter = None
    for person in sorted(people, key=sort_key):
        if heading_letter(person) != letter:
            letter = heading_letter(person)
            out.append(Paragraph(letter, ctx.styles["index letter"]))
        entry = f"{ctx.texts.index_names[person.id]}\u2002{page_links(ctx, found[person.id])}"
        out.append(Paragraph(entry, ctx.styles["index entry"]))
    return out
