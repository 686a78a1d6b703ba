"""What is on a personal agenda, and its pages: the chosen items in time order with their clashes,
and the PDF of them in the booklet's typography (`booklet agenda`, handouts/agenda.py).

An item is a contribution, or a whole session (contribution None); for a person's agenda, with the
parts they have in it (chair, presents, co-author). Two items that overlap in time clash, unless one
is the whole session the other is part of. Times are minutes from the start of the session's day
(`Session.minute_of`), so a night session past midnight stays on its day.

The pages: a title and a line saying whose agenda of which conference it is, the items by day, each
with its time, room, session, speakers and the reader's part, what it clashes with said under it
and marked by a bar; then each day's grid at a glance (sections/glance.py, the booklet's own), with
the items marked at their times (`SectionContext.highlights`), laid out by typeset.document and made
the booklet's e-mail edition (metadata, language, page labels).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import Spacer, Table, TableStyle

from ..content.model import Conference, Contribution, Person, Session, clock
from ..content.schema import closest
from ..errors import ContentError, Diagnostic, Diagnostics, Loc
from ..output import assemble, editions
from ..sections import glance
from ..sections.common import column_width, where
from ..text.escape import esc, plain
from ..text.people import people_line
from ..typeset import document
from ..typeset.continuation import Continued
from ..typeset.crossref import PageRefs
from ..typeset.flowables import Mark, Paragraph, anchored
from ..typeset.grid import Highlight
from ..typeset.progress import Laps

BAR = 5                     # points left of the times: a clash's bar is drawn there
LISTED = 12                 # a whole session lists this many of its contributions, then "+N more"
ROLES = ("chair", "presents", "coauthor")   # a person's parts, in the order an item names them


@dataclass(frozen=True)
class Item:
    """One thing on an agenda: a contribution, or a whole session (contribution None); for a
    person's agenda, the parts they have in it."""

    session: Session
    contribution: Contribution | None
    roles: tuple[str, ...] = ()

    @property
    def span(self) -> tuple[int, int] | None:
        """(start, end) in minutes from the beginning of its session's day; None when untimed."""
        return span_of(self.session, self.contribution)


@dataclass(frozen=True)
class Entry:
    item: Item
    clashes: tuple[Item, ...]   # the other items it overlaps


@dataclass(frozen=True)
class Agenda:
    name: str                   # the file's name, without .pdf
    title: str                  # plain text
    entries: tuple[Entry, ...]

    @property
    def clashes(self) -> int:
        return sum(1 for e in self.entries if e.clashes)


# -- what is on an agenda, and when ----------------------------------------------------------------------

def span_of(session: Session, c: Contribution | None) -> tuple[int, int] | None:
    """When an item runs: a timed contribution from its start for its duration (else until the
    next timed contribution of its session, else to the session's end); a contribution without a
    time (a poster) or a whole session, the session's time."""
    if not session.timed:
        return None
    first, last = session.span
    if c is None or c.start is None:
        return first, last
    start = session.minute_of(c.start)
    if c.duration:
        return start, start + c.duration
    later = [m for m in (session.minute_of(o.start) for o in session.contributions if o.start) if m > start]
    return start, min(later, default=max(last, start))


def plan(items: list[Item]) -> tuple[Entry, ...]:
    """The items in time order (untimed ones last, in programme order), each with its clashes."""
    timed = [i for i in items if i.span]
    ordered = sorted(timed, key=lambda i: (i.session.day, i.span[0], i.contribution is not None, i.span[1])) \
        + [i for i in items if not i.span]   # at one time, a whole session before talks, shorter talks first
    return tuple(Entry(i, tuple(o for o in timed if o is not i and _clash(i, o))) for i in ordered)


def _clash(a: Item, b: Item) -> bool:
    """Two items overlap in time, and neither is the whole session the other is part of."""
    if a.session.day != b.session.day or not (a.span and b.span):   # a day's untimed session: no times to clash
        return False
    (a0, a1), (b0, b1) = a.span, b.span
    if not (a0 < b1 and b0 < a1):
        return False
    return a.session is not b.session or (a.contribution is not None and b.contribution is not None)


def person_items(conference: Conference) -> dict[str, list[Item]]:
    """person id → what they chair, present or co-author, in programme order; one pass for all."""
    out: dict[str, list[Item]] = {}
    for session in conference.sessions:
        for person in dict.fromkeys(session.chairs):
            out.setdefault(person.id, []).append(Item(session, None, ("chair",)))
        for c in session.contributions:
            parts_of: dict[str, list[str]] = {}
            for author in c.authors:
                parts_of.setdefault(author.person.id, []).append("presents" if author.presenting else "coauthor")
            for pid, roles in parts_of.items():
                out.setdefault(pid, []).append(Item(session, c, tuple(r for r in ROLES if r in roles)))
    return out


def find_person(conference: Conference, wanted: str) -> Person:
    """A person by id, or by their name as printed (any case); else an error with the closest id."""
    by_id = {p.id: p for p in conference.people}
    if wanted in by_id:
        return by_id[wanted]
    named = [p for p in conference.people if p.name.casefold() == " ".join(wanted.split()).casefold()]
    if len(named) == 1:
        return named[0]
    guess = closest(wanted, by_id) or closest(wanted, {p.name: p for p in conference.people})
    if guess in by_id:
        hint = f"did you mean '{guess}' ({by_id[guess].name})?"
    elif guess:
        hint = f"did you mean '{guess}'?"
    else:
        hint = "give a person's id from people.yaml (or their name as printed), or `all`"
    what = f"{len(named)} persons are named '{wanted[:80]}'" if named else f"no person has the id '{wanted[:80]}'"
    raise ContentError("", (Diagnostic("error", Loc("--person"), what, hint),))


# -- the pages ----------------------------------------------------------------------------------------------

def render(ctx, agenda: Agenda, diag: Diagnostics) -> tuple[bytes, int]:
    """The agenda's PDF and its number of pages."""
    grid_ctx = dataclasses.replace(
        ctx, conference=grid_conference(ctx.conference, agenda.entries, ctx.layout.grid.max_columns),
        layout=dataclasses.replace(ctx.layout, sections=("agenda", "glance"), start_on_right=()),
        highlights=highlights(agenda.entries), refs=PageRefs())
    builders = {"agenda": (lambda c: agenda_list(c, agenda), "body"), "glance": (glance.build, "body")}
    conference = ctx.conference
    metadata = {"Title": f"{agenda.title} · {conference.short or conference.title}",
                "Subject": f"{ctx.labels['agenda']} · {conference.title}",
                "Author": ", ".join(conference.organisers) or conference.title,
                "Creator": f"booklet {ctx.version}", "Keywords": conference.short or ""}
    # Laid out as document.render lays out a booklet in one part, but without its gc.freeze(): done
    # for every one of thousands of agendas in a process, that grew its memory by 150 KB an agenda.
    part = document.lay_out(grid_ctx, builders, grid_ctx.layout.sections, metadata, Laps())
    body, count, _ = document.join(part, None, ctx.layout.page_size)
    # the booklet's e-mail edition of those pages: metadata, language, page labels, outline shown
    pages = assemble.sequence(count, assemble.Covers((), ()), [], ctx.labels.get("insert", "Insert"))
    (made,) = editions.make(("email",), pages, body, grid_ctx, back_covers=0, metadata=metadata,
                            language=conference.language, diag=diag)
    return made.data, count


def grid_conference(conference: Conference, entries: tuple[Entry, ...], max_columns: int) -> Conference:
    """The sessions the agenda's grids show: on each day with a timed item, those running between
    its first item's start and its last one's end; of a day with more rooms than a page holds,
    only those in the items' rooms (and those for every room)."""
    keep: set[str] = set()
    days: dict[dt.date, list[Item]] = {}
    for entry in entries:
        if entry.item.span:
            days.setdefault(entry.item.session.day, []).append(entry.item)
    for day, items in days.items():
        first, last = min(i.span[0] for i in items), max(i.span[1] for i in items)
        running = [s for s in conference.sessions if s.timed and s.day == day
                   and (s.span[0] < last and s.span[1] > first or any(i.session is s for i in items))]
        if len({lane.id for s in running for lane in glance.lanes(s)}) > max_columns:
            mine = {lane.id for i in items for lane in glance.lanes(i.session)}
            running = [s for s in running if not glance.lanes(s) or mine & {lane.id for lane in glance.lanes(s)}]
        keep.update(s.id for s in running)
    return dataclasses.replace(conference, sessions=tuple(s for s in conference.sessions if s.id in keep))


def highlights(entries: tuple[Entry, ...]) -> dict[str, tuple[Highlight, ...]]:
    """session id → the stretches its grid block marks."""
    out: dict[str, tuple[Highlight, ...]] = {}
    for entry in entries:
        item = entry.item
        if item.span:
            mark = Highlight(*item.span, clash=bool(entry.clashes),
                             contribution=item.contribution.id if item.contribution else None)
            out[item.session.id] = out.get(item.session.id, ()) + (mark,)
    return out


def agenda_list(ctx, agenda: Agenda) -> list:
    """The title, a line saying whose agenda of which conference it is, then the items by day."""
    styles, labels = ctx.styles, ctx.labels
    conference = ctx.conference
    out = [anchored(esc(agenda.title), styles["section title"],
                    Mark(anchor="agenda", outline=(agenda.title, 0), section=agenda.title))]
    about = [labels["agenda"], conference.title, ctx.dates]
    out.append(Paragraph(ctx.texts.plain(" · ".join(part for part in about if part)), styles["agenda meta"]))
    if agenda.clashes:
        out.append(Paragraph(esc(labels["agenda_clashes"].format(n=agenda.clashes)), styles["agenda clash"]))
    out.append(Spacer(0, styles["agenda meta"].leading))
    days: dict[dt.date | None, list[Entry]] = {}
    for entry in agenda.entries:
        days.setdefault(entry.item.session.day if entry.item.span else None, []).append(entry)
    for day, entries in days.items():
        name = ctx.day_names[day] if day else labels["agenda_untimed"]
        out.append(anchored(ctx.texts.plain(name), styles["grid day"],
                            Mark(anchor=f"agenda-{day or 'untimed'}", outline=(name, 1))))
        # a page that begins inside a day's rows says which day they are on
        continued = Paragraph(f"{ctx.texts.plain(name)} ({esc(labels['continued'])})", styles["grid day"])
        out.append(Continued(_table(ctx, entries), continued, continues=False))
    return out


def _table(ctx, entries: list[Entry]) -> Table:
    styles = ctx.styles
    time_width = column_width(styles["agenda time"], "00:00–00:00")
    rows, commands = [], [
        ("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), BAR), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (1, 0), (1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, ctx.layout.colours["rule"]),
    ]
    clash = HexColor(ctx.layout.colours["clash"])
    for number, entry in enumerate(entries):
        span = entry.item.span
        when = f"{clock(span[0])}–{clock(span[1])}" if span else ""
        rows.append([Paragraph(when, styles["agenda time"]), _cell(ctx, entry)])
        if entry.clashes:   # a bar beside the row, the words in the row: it also reads in greyscale
            commands.append(("LINEBEFORE", (0, number), (0, number), BAR / 2, clash))
    table = Table(rows, colWidths=[time_width + BAR, ctx.text_width - time_width - BAR], hAlign="LEFT",
                  splitInRow=0)
    table.setStyle(TableStyle(commands))
    table.spaceAfter = 6
    return table


def _cell(ctx, entry: Entry) -> list:
    """An item's title, where and what it is (and the reader's part in it), its speakers or chairs,
    a whole session's contributions, and what it clashes with."""
    styles, labels, texts = ctx.styles, ctx.labels, ctx.texts
    item = entry.item
    session, c = item.session, item.contribution
    title = texts.titles[c.id if c else session.id]
    if c is not None and c.board:
        title = f"{esc(labels['board'])} {esc(c.board)}\u2002{title}"
    out = [Paragraph(title, styles["agenda title"])]
    meta = [labels[_ROLE_LABELS[role]] for role in item.roles]
    meta.append(where(session))
    if c is None or not session.single_item:
        meta.append(plain(texts.titles[session.id]) if c is not None else labels.get(session.kind, session.kind))
    out.append(Paragraph(texts.plain(" · ".join(part for part in meta if part)), styles["agenda meta"]))
    if c is not None:
        people = people_line(texts, c.authors, limit=max(ctx.layout.et_al, len(c.speakers)), et_al=labels["et_al"])
    else:
        people = ", ".join(texts.names[p.id] for p in session.chairs)
        people = f"{esc(labels['chairs' if len(session.chairs) > 1 else 'chair'])}: {people}" if people else ""
    if people:
        out.append(Paragraph(people, styles["programme people"]))
    if c is None and not session.single_item:
        out += _listed(ctx, session)
    for other in entry.clashes:
        span = other.span
        what = texts.titles[other.contribution.id if other.contribution else other.session.id]
        out.append(Paragraph(f"{esc(labels['agenda_clash_with'])} {clock(span[0])}–{clock(span[1])} {what}",
                             styles["agenda clash"]))
    return out


_ROLE_LABELS = {"chair": "chair", "presents": "agenda_presents", "coauthor": "agenda_coauthor"}


def _listed(ctx, session: Session) -> list:
    """A whole session's contributions, at most LISTED, then how many more."""
    out = []
    for c in session.contributions[:LISTED]:
        when = f"{c.start:%H:%M}\u2002" if c.start else ""
        speakers = ", ".join(ctx.texts.names[a.person.id] for a in c.speakers)
        out.append(Paragraph(f"{when}{ctx.texts.titles[c.id]}" + (f" · <i>{speakers}</i>" if speakers else ""),
                             ctx.styles["agenda meta"]))
    if len(session.contributions) > LISTED:
        more = ctx.labels["grid_more"].format(n=len(session.contributions) - LISTED)
        out.append(Paragraph(esc(more), ctx.styles["agenda meta"]))
    return out
