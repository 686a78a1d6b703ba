"""Door signs: for each room, one PDF with a page per day on which it has sessions.

Large type, to be read from a couple of metres: the room's name, the date, then each session in
time order (with the sessions for every room, a keynote or a break, among them) with its times,
title and speakers, and the talks of a session under it. A day that does not fit its page goes on
over the next, and the page that stops says what comes next in the room and that it goes on.
With `programme: {qr_codes: true}` in the layout, a session with a `url:` carries its QR code.
Sizes, margins and the font are the layout's `sheets: door:` block.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepInFrame, Table, TableStyle

from ..content.model import Session, clock
from ..layout.sheet_settings import SheetSpec
from ..sections.programme import QrCode
from ..text.escape import esc, plain
from ..typeset.canvas_line import draw_text, fit
from ..typeset.flowables import Paragraph
from .shades import track_fills
from .sheets import Sheet, font, new_canvas, sessions_of, unique_part

GAP = 8            # points between a session's time and its text, and between rows
BAR = 5            # the track's colour at the left of a session's heading
LEADING = 1.18     # of the type size
WITHOUT_TALKS = ("posters", "break", "meal")   # a poster session's boards do not belong on a door


@dataclass
class Row:
    """One line block of a sign: a session's heading, or one talk under it."""

    table: Table
    next_line: str            # "14:00 Title": what the page before says comes next
    keep_with_next: bool = False
    continued: str = ""       # a talk's: its session's title, said above it when it opens a page


def make(ctx, spec: SheetSpec) -> list[Sheet]:
    conference = ctx.conference
    sheets, taken = [], set()
    for room in conference.rooms:
        days = [(day, sessions) for day in conference.days if (sessions := sessions_of(conference, room, day))]
        if not days:
            continue
        canvas, buffer = new_canvas(ctx, spec, f"{room.name}, {ctx.labels.get('door_sign', 'door sign')}")
        pages = 0
        for day, sessions in days:
            for page in _day_pages(ctx, spec, room, day, sessions):
                _draw_page(ctx, spec, canvas, page)
                pages += 1
        canvas.save()
        sheets.append(Sheet(f"door-{unique_part(room.id, taken)}.pdf", buffer.getvalue(), pages))
    return sheets


def _styles(ctx, spec: SheetSpec, factor: float = 1.0) -> dict[str, ParagraphStyle]:
    """The sign's styles; `factor` scales the sessions' type (never the room's name or the date)."""
    regular, bold = font(ctx, spec), font(ctx, spec, "bold")
    text, muted = (colors.HexColor(ctx.layout.colours[name]) for name in ("text", "muted"))
    sizes = {role: size * (1 if role in ("room", "date") else factor) for role, size in spec.sizes.items()}

    def style(name, size, face=regular, colour=text):
        return ParagraphStyle(f"door {name}", fontName=face, fontSize=size, leading=size * LEADING,
                              textColor=colour, bulletFontName=face)
    return {"room": style("room", sizes["room"], bold), "date": style("date", sizes["date"], regular, muted),
            "time": style("time", sizes["time"], bold), "end": style("end", sizes["note"], regular, muted),
            "title": style("title", sizes["title"], bold), "talk": style("talk", sizes["talk"], bold),
            "talk time": style("talk time", sizes["talk"], bold, muted),
            "speakers": style("speakers", sizes["speakers"]), "note": style("note", sizes["note"], regular, muted),
            "continued": style("continued", sizes["talk"], bold, muted)}


@dataclass
class Page:
    """One page of a room's day: its header, the talks' session named again when they go on from
    the page before (`lead`), its rows, and what the next page begins with."""

    styles: dict
    header: list
    lead: Paragraph | None
    rows: list[Row]
    next_line: str | None
    full: float                # how much of the page's room its rows take, 0 to 1


TIGHTER = (0.94, 0.88)   # the sessions' type may shrink this much to save a page that holds little
LITTLE = 0.35            # a day's last page this full, or less, is worth saving


def _day_pages(ctx, spec: SheetSpec, room, day, sessions: list[Session]) -> list[Page]:
    """`room`'s sign for `day`, over as many pages as it needs: at the layout's sizes, or a little
    smaller when that saves a page that would hold only the last row or two."""
    pages = _paginate(ctx, spec, _styles(ctx, spec), room, day, sessions)
    if len(pages) > 1 and pages[-1].full <= LITTLE:
        for factor in TIGHTER:
            tighter = _paginate(ctx, spec, _styles(ctx, spec, factor), room, day, sessions)
            if len(tighter) < len(pages):
                return tighter
    return pages


def _paginate(ctx, spec: SheetSpec, styles, room, day, sessions: list[Session]) -> list[Page]:
    width, height = spec.page
    inner = width - 2 * spec.margins
    fills = track_fills(ctx.conference.tracks)
    rows = [row for s in sessions for row in _rows(ctx, spec, styles, s, inner, fills)]
    footer = styles["note"].fontSize * LEADING * 2 + GAP
    pages: list[Page] = []
    while rows:
        header = _header(ctx, styles, room, day, continued=bool(pages))
        room_left = height - 2 * spec.margins - footer - _height(header, inner, height) - 1.5 * GAP
        lead = None
        if rows[0].continued:   # a session's talks go on from the page before
            lead = Paragraph(rows[0].continued, styles["continued"])
            room_left -= lead.wrap(inner, height)[1] + GAP / 2
        placed = _take(rows, inner, room_left)
        used = sum(row.table.wrap(inner, height)[1] for row in placed)
        pages.append(Page(styles, header, lead, placed, rows[0].next_line if rows else None, used / room_left))
    return pages


def _height(flowables: list, width: float, height: float) -> float:
    return sum(f.wrap(width, height)[1] for f in flowables)


def _draw_page(ctx, spec: SheetSpec, canvas, page: Page) -> None:
    width, height = spec.page
    inner = width - 2 * spec.margins
    y = height - spec.margins
    for paragraph in page.header:
        y -= paragraph.wrap(inner, height)[1]
        paragraph.drawOn(canvas, spec.margins, y)
    y -= GAP
    canvas.setStrokeColor(colors.HexColor(ctx.layout.colours["accent"]))
    canvas.setLineWidth(2.5)
    canvas.line(spec.margins, y, width - spec.margins, y)
    y -= GAP / 2
    if page.lead:
        y -= page.lead.wrap(inner, height)[1] + GAP / 2
        page.lead.drawOn(canvas, spec.margins, y)
    for row in page.rows:
        y -= row.table.wrap(inner, height)[1]
        row.table.drawOn(canvas, spec.margins, y)
    _draw_footer(ctx, spec, page.styles, canvas, page.next_line)
    canvas.showPage()


def _take(rows: list[Row], width: float, room: float) -> list[Row]:
    """Remove from `rows` and return those that fit `room`; a session's heading goes only with
    its first talk, and a page always takes at least one row (shrunk if it is taller than a page)."""
    taken, used = [], 0.0
    while rows:
        own = rows[0].table.wrap(width, room)[1]
        needs = own + (rows[1].table.wrap(width, room)[1] if rows[0].keep_with_next and len(rows) > 1 else 0)
        if used + needs > room and taken:
            break
        if not taken and own > room:   # a title of hundreds of words: as large as fits on its own page
            _shrink(rows[0], width, room)
        taken.append(rows.pop(0))
        used += taken[-1].table.wrap(width, room)[1]
    return taken


def _shrink(row: Row, width: float, room: float) -> None:
    shrunk = KeepInFrame(width, room, [row.table], mode="shrink")
    row.table = Table([[shrunk]], colWidths=[width], style=_PADLESS)
    row.keep_with_next = False


_PADLESS = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]


def _rows(ctx, spec: SheetSpec, styles, session: Session, width: float, fills: dict) -> list[Row]:
    """The session's heading row, and a row for each of its talks (none for a single talk, whose
    title is the session's, or for posters and breaks)."""
    texts, labels = ctx.texts, ctx.labels
    time_width = _time_width(styles)
    single = session.single_item or not session.contributions
    talks = [] if single or session.kind in WITHOUT_TALKS else list(session.contributions)
    url = session.url or (session.contributions[0].url if session.single_item else None)
    qr = QrCode(url, spec.qr_size, ctx.layout.colours["text"]) if url and ctx.layout.qr_codes else None

    when, end = "", ""
    if session.timed:
        when, end = clock(session.span[0]), f"–{clock(session.span[1])}"
    time_cell = [Paragraph(esc(when), styles["time"]), Paragraph(esc(end), styles["end"])] if when else ""
    body = [Paragraph(texts.titles[session.id], styles["title"])]
    if single and session.contributions and _speakers(ctx, session.contributions[0]):
        body.append(Paragraph(_speakers(ctx, session.contributions[0]), styles["speakers"]))
    meta = _meta(ctx, session)
    if meta:
        body.append(Paragraph(meta, styles["note"]))
    heading = _table(ctx, [time_cell, body], time_width, width, qr, rule=not talks, track=session.track,
                     fill=fills.get(session.track.id) if session.track else None)
    rows = [Row(heading, f"{when} {plain(texts.titles[session.id])}".strip(), keep_with_next=bool(talks))]
    for n, c in enumerate(talks):
        start = f"{c.start:%H:%M}" if c.start else ""
        cell = [Paragraph(texts.titles[c.id], styles["talk"])]
        if _speakers(ctx, c):
            cell.append(Paragraph(_speakers(ctx, c), styles["speakers"]))
        table = _table(ctx, [Paragraph(esc(start), styles["talk time"]), cell], time_width, width, None,
                       rule=n == len(talks) - 1, indent=True)
        rows.append(Row(table, f"{start} {plain(texts.titles[c.id])}".strip(),
                        continued=f"{texts.titles[session.id]} ({esc(labels.get('continued', 'continued'))})"))
    return rows


def _meta(ctx, session: Session) -> str:
    """The kind of session (when its title does not say it), its track, its chairs; in words."""
    labels, parts = ctx.labels, []
    kind = labels.get(session.kind, session.kind)
    if session.kind not in ("talks",) and kind.casefold() not in session.title.casefold():
        parts.append(ctx.texts.plain(kind))
    if session.track:
        parts.append(ctx.texts.plain(session.track.name))
    if session.chairs:
        label = labels["chairs" if len(session.chairs) > 1 else "chair"]
        parts.append(f"{esc(label)}: " + ", ".join(ctx.texts.names[p.id] for p in session.chairs))
    if session.kind == "posters" and session.contributions:
        parts.append(esc(f"{len(session.contributions)} {labels.get('posters', 'posters').lower()}"))
    return " · ".join(parts)


def _speakers(ctx, contribution) -> str:
    return ", ".join(ctx.texts.names[a.person.id] for a in contribution.speakers)


def _time_width(styles) -> float:
    s = styles["time"]
    return stringWidth("00:00", s.fontName, s.fontSize) + GAP + BAR + 3


def _table(ctx, cells: list, time_width: float, width: float, qr, *, rule: bool, indent: bool = False,
           track=None, fill=None) -> Table:
    """One row: time, text (and a QR code). A session's heading of a track is shaded in the track's
    greyscale-safe shade (shades.py), with a bar of its own colour at the left."""
    widths = [time_width, width - time_width]
    if qr is not None:
        widths = [time_width, width - time_width - qr.size - GAP, qr.size + GAP]
        cells = [*cells, qr]
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    commands = [("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 10),   # a table names a font even when empty
                ("VALIGN", (0, 0), (-1, -1), "TOP"), *_PADLESS,
                ("TOPPADDING", (0, 0), (-1, -1), GAP * (0.4 if indent else 0.9)),
                ("BOTTOMPADDING", (0, 0), (-1, -1), GAP * (0.4 if indent else 0.9) + (GAP * 0.5 if rule else 0)),
                ("LEFTPADDING", (1, 0), (1, 0), GAP * (2.5 if indent else 0)),
                ("LEFTPADDING", (0, 0), (0, 0), BAR + 3),
                ("LEFTPADDING", (2, 0), (2, 0), GAP)]
    if fill is not None:
        commands += [("BACKGROUND", (0, 0), (-1, 0), fill),
                     ("LINEBEFORE", (0, 0), (0, 0), BAR, colors.HexColor(track.colour))]
    if rule:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.HexColor(ctx.layout.colours["rule"])))
    table.setStyle(TableStyle(commands))
    return table


def _header(ctx, styles, room, day, *, continued: bool) -> list[Paragraph]:
    """The room's name and the date, "(continued)" after it on the day's later pages."""
    date = ctx.day_names[day] + (f" ({ctx.labels.get('continued', 'continued')})" if continued else "")
    return [Paragraph(ctx.texts.plain(room.name), styles["room"]), Paragraph(ctx.texts.plain(date), styles["date"])]


def _draw_footer(ctx, spec: SheetSpec, styles, canvas, next_line: str | None) -> None:
    """The conference's name; on a page the day goes on from, what comes next and where."""
    width = spec.page[0]
    inner = width - 2 * spec.margins
    note = styles["note"]
    fallbacks = ctx.texts.rich.fallbacks
    y = spec.margins
    canvas.setFillColor(note.textColor)
    draw_text(canvas, spec.margins, y, fit(ctx.conference.title, note.fontName, note.fontSize, inner, fallbacks),
              note.fontName, note.fontSize, fallbacks)
    if next_line:
        bold = styles["talk time"].fontName
        words = (f"{ctx.labels.get('next_in_room', 'Next in this room')}: {next_line}",
                 ctx.labels.get("continued_overleaf", "continued on the next page") + " →")
        canvas.setFillColor(styles["title"].textColor)
        tail = fit(words[1], bold, note.fontSize, inner, fallbacks)
        draw_text(canvas, spec.margins, y + note.fontSize * LEADING,
                  fit(words[0], bold, note.fontSize, inner - _width(tail, bold, note.fontSize) - GAP, fallbacks),
                  bold, note.fontSize, fallbacks)
        draw_text(canvas, width - spec.margins - _width(tail, bold, note.fontSize), y + note.fontSize * LEADING,
                  tail, bold, note.fontSize, fallbacks)


def _width(text: str, font_name: str, size: float) -> float:
    return stringWidth(text, font_name, size)
