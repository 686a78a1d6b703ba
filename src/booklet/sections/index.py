"""The index of persons: everyone who speaks, co-authors or chairs, with links.

Sorted by family name in the content language's alphabetical order (see
text/collation.py); name particles (van der, de, von) sort as the layout says;
people with the same name are told apart by affiliation; page numbers in bold
where the person presents.
"""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate

from ..content.model import Conference, Person
from ..layout.templating import markup
from ..text.collation import Collation
from ..text.escape import esc
from ..text.people import family_first
from ..typeset.crossref import programme_session_anchor
from ..typeset.flowables import Later, LeaveHeader, Paragraph
from .abstracts import printed_at
from .committees import committee_anchor
from .common import section_title

PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le", "ten",
             "ter", "zu", "dos", "das", "do", "af", "av", "bin", "ibn", "al", "el"}


def split_particles(family: str) -> tuple[str, str]:
    """("van der", "Berg") for "van der Berg"; particles are the leading lower-case words."""
    words = family.split()
    n = 0
    while n < len(words) - 1 and words[n] in PARTICLES:
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def entry_name(person: Person, particles: str) -> tuple[str, str]:
    """(what the entry sorts by, what it shows): with particles "ignore", van der Berg files under B
    as "Berg, Jan van der"; with "keep" under V as "van der Berg, Jan". A name written family name
    first (张伟, 山田太郎) files and shows as written."""
    if family_first(person.name):
        return person.name, person.name
    particle, main = split_particles(person.family)
    if particles == "ignore" and particle:
        given = f"{person.given} {particle}".strip()
        return main, f"{main}, {given}"
    return person.family, person.index_name


def sort_key(person: Person, collation: Collation, particles: str = "keep") -> tuple:
    family, _ = entry_name(person, particles)
    return (collation.key(family), collation.key(person.given), person.id)


def indexed_people(ctx) -> list[Person]:
    """Everyone in the programme, and the committees' members when the layout lists them too."""
    people = list(ctx.conference.people)
    if ctx.layout.index_committees:
        known = {p.id for p in people}
        for committee in ctx.conference.committees:
            for member in committee.members:
                if member.person.id not in known:
                    known.add(member.person.id)
                    people.append(member.person)
    return people


def committee_appearances(ctx, found: dict) -> dict[str, list[tuple[str, bool]]]:
    """`found` with each committee member's committee, when the layout indexes them."""
    if ctx.layout.index_committees:
        for number, committee in enumerate(ctx.conference.committees):
            for member in committee.members:
                found.setdefault(member.person.id, []).append((committee_anchor(number), False))
    return found


def appearances(conference: Conference, layout=None) -> dict[str, list[tuple[str, bool]]]:
    """person id → [(anchor, presents)] in programme order. A contribution that has no block of
    its own in `layout` (a lunch; a talk without abstract the layout leaves out) is found at its
    session in the programme."""
    found: dict[str, list[tuple[str, bool]]] = {p.id: [] for p in conference.people}
    for session in conference.sessions:
        for chair in session.chairs:  # chairs are named in the programme's session line
            found[chair.id].append((programme_session_anchor(session), False))
        for c in session.contributions:
            anchor = printed_at(session, c, layout)
            for author in c.authors:
                found[author.person.id].append((anchor, author.presenting))
    return found


def page_links(ctx, refs: list[tuple[str, bool]]) -> str:
    """"3, <b>7</b>, 12": one link per page, bold where the person presents there."""
    by_page: dict[str, tuple[str, bool]] = {}
    for anchor, presents in refs:
        if not ctx.refs.known(anchor):  # the layout leaves out the section it is in
            continue
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
    people = indexed_people(ctx)
    if not people:
        return []
    head = [section_title(ctx, "index"), Paragraph(esc(ctx.labels["index_note"]), ctx.styles["index note"]),
            NextPageTemplate("index:recto"), LeaveHeader()]
    # The order is found now; the entries are made when layout reaches the index, every page they
    # name known by then (in a booklet laid out in two parts, that is when part 1 is done).
    ordered, found = order(ctx, people), committee_appearances(ctx, appearances(ctx.conference, ctx.layout))
    return head + [Later(lambda: entries(ctx, ordered, found))]


def order(ctx, people: list[Person] | None = None) -> list[tuple[str | None, Person, str, bool]]:
    """(letter heading or None, person, name as shown, told apart by affiliation) in index order."""
    people = ctx.conference.people if people is None else people
    collation = Collation(ctx.conference.language, texts=(p.name for p in people))
    particles = ctx.layout.index_particles
    names = {p.id: entry_name(p, particles) for p in people}
    shown_twice = _homonyms(names.values())
    out, letter = [], None
    for person in sorted(people, key=lambda p: sort_key(p, collation, particles)):
        sorts_by, shown = names[person.id]
        heading = collation.letter(sorts_by)
        out.append((heading if heading != letter else None, person, shown,
                    shown in shown_twice and bool(person.affiliations)))
        letter = heading
    return out


def entries(ctx, ordered: list[tuple[str | None, Person, str, bool]], found: dict[str, list]) -> list:
    """The index's paragraphs, in `ordered` order, with the pages of each person's appearances (`found`)."""
    out = []
    for letter, person, shown, homonym in ordered:
        if letter is not None:
            out.append(Paragraph(ctx.texts.plain(letter), ctx.styles["index letter"]))
        entry = ctx.templates.line(
            "index_entry.j2", name=markup(ctx.texts.plain(shown)), pages=markup(page_links(ctx, found[person.id])),
            affiliation=markup(ctx.texts.plain(", ".join(person.affiliations))) if homonym else "")
        out.append(Paragraph(entry, ctx.styles["index entry"]))
    return out


def _homonyms(names) -> set[str]:
    seen, twice = set(), set()
    for _, shown in names:
        (twice if shown in seen else seen).add(shown)
    return twice
