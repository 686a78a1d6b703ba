"""At a glance: one schedule grid per day, rooms across and time down.

Sessions become blocks as tall as they last. Sessions without a room (a
keynote, a break) span every column; one at a place outside the rooms (a
dinner in town) has a lane of its own, after the rooms. A day taller than a page continues on the
next page, cut where no block is running if possible; more rooms than the
layout's `glance.max_columns` split over facing pages (left page first).
A handout's context may carry highlights (`SectionContext.highlights`): a personal
agenda's grid marks its talks at their times, their lines in bold, and its clashes.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from ..content.model import Room, Session, clock
from ..errors import LayoutError
from ..text.escape import plain
from ..text.hyphenation import dictionary_for, hyphenator
from ..typeset.crossref import programme_session_anchor
from ..typeset.flowables import Mark, Paragraph, StartOn, anchored
from ..typeset.grid import Block, GridPiece, GridStyle, Highlight, TextLine, Timeline, tint
from .common import section_title

SAFETY = 6.0   # points kept free below a grid piece for rounding in the frame


def build(ctx) -> list:
    days = timed_days(ctx.conference)
    if not days:
        return []
    title = section_title(ctx, "glance")
    out: list = []
    used = _height(title, ctx)
    for number, (day, sessions) in enumerate(days.items()):
        day_flowables = _day(ctx, day, sessions, first=number == 0, used=used)
        if number == 0:  # the section title goes on the day's first page, after any break to a left page
            position = 1 if isinstance(day_flowables[0], StartOn) else 0
            day_flowables.insert(position, title)
        out += day_flowables
        used = 0.0
    return out


def timed_days(conference) -> dict:
    days: dict = {}
    for session in conference.sessions:
        if session.timed:
            days.setdefault(session.day, []).append(session)
    return dict(sorted(days.items()))


def _height(flowable, ctx) -> float:
    return flowable.wrap(ctx.text_width, ctx.text_height)[1] + flowable.getSpaceAfter()


def _day(ctx, day, sessions: list[Session], *, first: bool, used: float) -> list:
    spec = ctx.layout.grid
    all_columns = day_columns(ctx.conference, sessions)
    name = ctx.day_names[day]
    heading = anchored(ctx.texts.plain(name), ctx.styles["grid day"], Mark(anchor=f"glance-{day}", outline=(name, 1)))
    spans = [s.span for s in sessions]   # a night session's end is past 24:00: the day runs on
    t0, t1 = _bounds(spans, spec)
    timeline = axis_timeline(spans, spec)
    # Every page keeps room for the track legend: the day's last page, which carries it,
    # is not known before the cuts are.
    page = ctx.text_height - spec.header - SAFETY - _legend_height(ctx, sessions)
    first_room = page - used - _height(heading, ctx)
    scale = _natural_scale(spans, spec)
    ranges = _cuts(spans, t0, t1, scale, first_room, page, spec.time_step, timeline)
    # Stretch the day to use the pages it needs anyway, as long as it needs no more of them.
    for factor in (2.5, 2.0, 1.6, 1.3, 1.15):
        stretched = _cuts(spans, t0, t1, scale * factor, first_room, page, spec.time_step, timeline)
        if len(stretched) == len(ranges):
            scale, ranges = scale * factor, stretched
            break
    style = grid_style(ctx)
    out: list = []
    for k, (a, b) in enumerate(ranges):
        piece_scale = _filling(scale, first_room if k == 0 else page, timeline.at(b) - timeline.at(a))
        columns = _used_columns(all_columns, sessions, a, b, spec.max_columns)
        groups = [columns[i:i + spec.max_columns] for i in range(0, len(columns), spec.max_columns)]
        if len(groups) > 1:  # the groups of one time range face each other
            out.append(StartOn("verso"))
        elif k or not first:
            out.append(PageBreak())
        if k == 0:
            out.append(heading)
        for g, group in enumerate(groups):
            if g:
                out.append(PageBreak())
            blocks = [blk for s in sessions for blk in session_blocks(ctx, s, group, columns)]
            headers = [room.name if room else "" for room in group]
            out.append(GridPiece(headers, a, b, piece_scale, blocks, style, spec.axis, spec.header,
                                 spec.time_step, _short_day(ctx, day), timeline))
    legend = _legend(ctx, sessions)
    return out + legend


def sheet_grid(ctx, day, *, factor: float, room: float) -> list:
    """One day's grid for the errata sheet (errata.py): all its rooms side by side on one piece,
    at the booklet's scale times `factor` but no taller than `room`, heading and legend included."""
    sessions = [s for s in ctx.conference.sessions if s.timed and s.day == day]
    if not sessions:
        return []
    spec = ctx.layout.grid
    spans = [s.span for s in sessions]
    t0, t1 = _bounds(spans, spec)
    timeline = axis_timeline(spans, spec)
    heading = Paragraph(ctx.texts.plain(ctx.day_names[day]), ctx.styles["grid day"])
    tail = _legend(ctx, sessions) or [Spacer(0, spec.min_size * 1.5)]   # the last time's label clear of what follows
    space = room - spec.header - SAFETY - _height(heading, ctx) - sum(_height(flowable, ctx) for flowable in tail)
    scale = min(_natural_scale(spans, spec) * factor, space / max(timeline.at(t1) - timeline.at(t0), 1))
    columns = day_columns(ctx.conference, sessions)
    blocks = [blk for s in sessions for blk in session_blocks(ctx, s, columns, columns)]
    piece = GridPiece([c.name if c else "" for c in columns], t0, t1, scale, blocks, grid_style(ctx), spec.axis,
                      spec.header, spec.time_step, _short_day(ctx, day), timeline)
    return [KeepTogether([heading, piece, *tail])]


def _bounds(spans: list[tuple[int, int]], spec) -> tuple[int, int]:
    """The day's first and last minute on the grid, on time lines."""
    return (min(a for a, _ in spans) // spec.time_step * spec.time_step,
            -(-max(b for _, b in spans) // spec.time_step) * spec.time_step)


def _natural_scale(spans: list[tuple[int, int]], spec) -> float:
    """Points per minute: the layout's, or more when the shortest session needs it to be legible."""
    return max(spec.minute, spec.min_block / max(min(b - a for a, b in spans), 1))


MAX_PAGE_STRETCH = 1.3   # a page's grid may be drawn this much taller than the day's scale to fill it


def _filling(scale: float, room: float, minutes: float) -> float:
    """The scale of one page of a day: the day's, or up to MAX_PAGE_STRETCH times it when the page
    would otherwise end with empty space below (a day cut after lunch)."""
    return max(scale, min(scale * MAX_PAGE_STRETCH, room / max(minutes, 1)))


def axis_timeline(spans: list[tuple[int, int]], spec) -> Timeline:
    """Stretches of `spec.axis_break` minutes or more with nothing on (from one time line to
    another) are drawn one time step tall, with a break in the axis."""
    if not spec.axis_break:
        return Timeline()
    breaks, busy_until, step = [], None, spec.time_step
    for a, b in sorted(spans):
        if busy_until is not None and a > busy_until:
            first, last = -(-busy_until // step) * step, a // step * step
            if last - first >= spec.axis_break and last - first > step:
                breaks.append((first, last))
        busy_until = b if busy_until is None else max(busy_until, b)
    return Timeline(tuple(breaks), kept=step)


def _used_columns(columns: list, sessions: list[Session], a: int, b: int, most: int) -> list:
    """The rooms with a session between minutes a and b: a page shows no empty column. A time
    range with only sessions for every room shows all the day's rooms when they fit on a page,
    so that a block across them does not read as one room's."""
    if columns == [None]:
        return columns
    running = [s for s in sessions if s.span[0] < b and s.span[1] > a]
    busy = {room.id for s in running for room in lanes(s)}
    used = [room for room in columns if room.id in busy]
    if any(not lanes(s) for s in running) and all(room.id.startswith(LANE) for room in used):
        rooms = [room for room in columns if not room.id.startswith(LANE)]
        used = (rooms if len(rooms) + len(used) <= most else [VENUE]) + used
    return used or columns[:1]


def day_columns(conference, sessions: list[Session]) -> list:
    """The day's rooms in the conference's order; one unnamed column when no session has a room."""
    used = {room.id for s in sessions for room in s.rooms}
    rooms = [room for room in conference.rooms if room.id in used]
    places = []
    for s in sessions:
        if s.location and _lane(s.location) not in places:
            places.append(_lane(s.location))
    if places and not rooms:
        rooms = [VENUE]   # the column of the sessions without a room, beside the places' lanes
    return rooms + places or [None]


LANE = "\x00location:"   # the id of a place's lane begins so; no room id written in YAML does


VENUE = Room("\x00venue", "", "")   # the one unnamed column, when other columns are places' lanes


def lanes(session: Session) -> tuple:
    """The columns a session takes: its rooms, or the lane of its place; () for every room."""
    return session.rooms or ((_lane(session.location),) if session.location else ())


def _lane(location: str) -> Room:
    name = location.split(",")[0]   # the place without its address: a column header is narrow
    return Room(f"{LANE}{location}", name, name)


def _cuts(spans, t0: int, t1: int, scale: float, first_room: float, room: float, step: int,
          timeline: Timeline) -> list:
    """Time ranges, one per page. A page ends where an axis break begins when one is in its
    second half (the next page starts after it); else where no session runs, on a time line,
    as far down the page as can be."""
    ranges, start, available = [], t0, first_room
    while start < t1:
        limit = int(timeline.minute_at(timeline.at(start) + available / scale))
        if limit >= t1:
            ranges.append((start, t1))
            break
        limit = max(limit, start + 5)
        half = start + (limit - start) // 2
        gap = next(((a, b) for a, b in reversed(timeline.breaks) if half <= a <= limit), None)
        if gap:
            ranges.append((start, gap[0]))
            start, available = gap[1], room
            continue
        clean = [t for t in range(limit - limit % 5, start, -5)
                 if not any(a < t < b for a, b in spans) and not timeline.inside_break(t)]
        choice = ([t for t in clean if t % step == 0 and t >= half] or [t for t in clean if t >= half]
                  or [t for t in range(limit - limit % step, start, -step)] or [limit - limit % 5])
        ranges.append((start, choice[0]))
        start, available = choice[0], room
    return ranges


def session_blocks(ctx, session: Session, group: list, columns: list) -> list[Block]:
    """The blocks `session` makes in one group of columns: one per run of adjacent rooms."""
    fill, bar = _colours(ctx, session)
    anchor = programme_session_anchor(session) if "programme" in ctx.layout.sections else None
    marks = ctx.highlights.get(session.id, ())
    return [Block(first, last, *session.span, _lines(ctx, session, marks), fill, bar,
                  anchor, italic=session.kind in ("break", "meal"), highlights=marks)
            for first, last in runs(session, group, columns)]


def runs(session: Session, group: list, columns: list) -> list[tuple[int, int]]:
    """(first, last) column of each run of adjacent columns `session` takes in `group`."""
    if columns == [None]:
        out = [(0, len(group) - 1)]
    elif not lanes(session):   # every room: not the lanes of places outside the venue, which come last
        rooms = [i for i, column in enumerate(group) if not column.id.startswith(LANE)]
        out = [(0, rooms[-1])] if rooms else []
    else:
        indexes = sorted(group.index(r) for r in lanes(session) if r in group)
        out = []
        for i in indexes:
            if out and out[-1][1] == i - 1:
                out[-1] = (out[-1][0], i)
            else:
                out.append((i, i))
    return out


def _lines(ctx, session: Session, marks: tuple[Highlight, ...] = ()) -> list[TextLine]:
    """What a block says, most important first: the time, the title, the kind and track, the
    contributions (with their speakers in a keynote or a short session), then the chairs.
    A highlighted block (a handout's) says "Clash" under its time when a mark clashes, and sets
    its marked contributions in bold, kept before the others."""
    labels, texts = ctx.labels, ctx.texts
    lines = [TextLine(f"{clock(session.span[0])}–{clock(session.span[1])}", "time", 2)]
    if any(mark.clash for mark in marks):
        lines.append(TextLine(labels["clash"], "title", 1))
    lines.append(TextLine(plain(texts.titles[session.id]), "title", 0))
    marked = {mark.contribution for mark in marks}
    meta = []
    kind = labels.get(session.kind, session.kind)
    if session.kind not in ("talks", "break", "meal") and kind.casefold() != session.title.casefold():
        meta.append(kind)
    if session.track:
        meta.append(session.track.name)
    if meta:
        lines.append(TextLine(" · ".join(meta), "text", 3))   # the track has its colour, too
    if session.chairs and ctx.layout.grid.show_chairs:
        label = labels["chairs" if len(session.chairs) > 1 else "chair"]
        lines.append(TextLine(f"{label}: " + ", ".join(p.name for p in session.chairs), "text", 5))
    if session.single_item:
        speakers = _speakers(session.contributions[0])
        if speakers:
            lines.append(TextLine(speakers, "text", 3))
    elif ctx.layout.grid.list_contributions:
        with_speakers = session.kind in ("keynote", "plenary") or len(session.contributions) <= 2
        for number, c in enumerate(session.contributions):
            when = f"{c.start:%H:%M} " if c.start else ""
            chosen = c.id in marked
            lines.append(TextLine(f"{when}{plain(texts.titles[c.id])}", "title" if chosen else "text",
                                  1 if chosen else 4, item=number))
            speakers = _speakers(c) if with_speakers else ""
            if speakers:
                lines.append(TextLine(speakers, "time", 4, item=number))
    return lines


def _speakers(c) -> str:
    return ", ".join(a.person.name for a in c.speakers)


def _colour(ctx, name: str):
    try:
        return colors.HexColor(ctx.layout.colours[name])
    except KeyError:
        raise LayoutError(f"layout '{ctx.layout.name}' has no colour '{name}'",) from None


def _colours(ctx, session: Session):
    """(fill, bar): the track's colour where there is one, else a colour by kind."""
    if session.track and session.track.colour:
        return tint(session.track.colour, 0.22), colors.HexColor(session.track.colour)
    if session.kind in ("break", "meal", "social"):
        return _colour(ctx, "grid break"), None
    if session.kind in ("keynote", "plenary"):
        return _colour(ctx, "grid plenary"), None
    return _colour(ctx, "grid session"), None


def grid_style(ctx) -> GridStyle:
    styles, spec = ctx.styles, ctx.layout.grid
    return GridStyle(
        title_font=styles["grid title"].fontName, title_italic_font=styles["grid break"].fontName,
        text_font=styles["grid text"].fontName, max_title=styles["grid title"].fontSize,
        max_text=styles["grid text"].fontSize, min_size=spec.min_size, text_colour=styles["grid title"].textColor,
        muted_colour=styles["grid text"].textColor, line_colour=_colour(ctx, "rule"),
        header_font=styles["grid header"].fontName, header_size=styles["grid header"].fontSize,
        hyphenate=hyphenator(dictionary_for(ctx.conference.language)), fallbacks=ctx.texts.rich.fallbacks,
        more=ctx.labels["grid_more"],
        # a booklet's grid marks nothing: its layout need not name these colours
        highlight=_colour(ctx, "highlight") if ctx.highlights else None,
        clash=_colour(ctx, "clash") if ctx.highlights else None)


def _short_day(ctx, day) -> str:
    return ctx.short_day_names.get(day, "")


def _tracks(sessions: list[Session]) -> list:
    tracks = []
    for s in sessions:
        if s.track and s.track.colour and s.track not in tracks:
            tracks.append(s.track)
    return tracks


def _legend_height(ctx, sessions: list[Session]) -> float:
    return sum(_height(flowable, ctx) for flowable in _legend(ctx, sessions))


def _legend(ctx, sessions: list[Session]) -> list:
    tracks = _tracks(sessions)
    if not tracks:
        return []
    cells, commands = [], [("FONT", (0, 0), (-1, -1), ctx.styles["grid text"].fontName, 7),
                           ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                           ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, track in enumerate(tracks):
        row, col = divmod(i, 3)
        while len(cells) <= row:
            cells.append(["", ""] * 3)
        cells[row][2 * col] = ""
        cells[row][2 * col + 1] = Paragraph(ctx.texts.plain(track.name), ctx.styles["grid text"])
        commands.append(("BACKGROUND", (2 * col, row), (2 * col, row), colors.HexColor(track.colour)))
    swatch = 7.0
    name_width = (ctx.text_width - 3 * (swatch + 4)) / 3
    table = Table(cells, colWidths=[swatch, name_width] * 3, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return [Spacer(0, ctx.layout.grid.min_size * 1.5), table]  # clear of the last time label
