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
from .sheets import Sheet, file_part, font, new_canvas, sessions_of

GAP = 8            # points between a session's time and its text, and between rows
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
    styles = _styles(ctx, spec)
    sheets = []
    for room in conference.rooms:
        days = [(day, sessions) for day in conference.days if (sessions := sessions_of(conference, room, day))]
        if not days:
            continue
        canvas, buffer = new_canvas(ctx, spec, f"{room.name}, {ctx.labels.get('door_sign', 'door sign')}")
        pages = sum(_day_pages(ctx, spec, styles, canvas, room, day, sessions) for day, sessions in days)
        canvas.save()
        sheets.append(Sheet(f"door-{file_part(room.id)}.pdf", buffer.getvalue(), pages, f"door sign of {room.name}"))
    return sheets


def _styles(ctx, spec: SheetSpec) -> dict[str, ParagraphStyle]:
    regular, bold = font(ctx, spec), font(ctx, spec, "bold")
    text, muted = (colors.HexColor(ctx.layout.colours[name]) for name in ("text", "muted"))
    sizes = spec.sizes

    def style(name, size, face=regular, colour=text):
        return ParagraphStyle(f"door {name}", fontName=face, fontSize=size, leading=size * LEADING,
                              textColor=colour, bulletFontName=face)
    return {"room": style("room", sizes["room"], bold), "date": style("date", sizes["date"], regular, muted),
            "time": style("time", sizes["time"], bold), "end": style("end", sizes["note"], regular, muted),
            "title": style("title", sizes["title"], bold), "talk": style("talk", sizes["talk"], bold),
            "talk time": style("talk time", sizes["talk"], bold, muted),
            "speakers": style("speakers", sizes["speakers"]), "note": style("note", sizes["note"], regular, muted),
            "continued": style("continued", sizes["talk"], bold, muted)}


def _day_pages(ctx, spec: SheetSpec, styles, canvas, room, day, sessions: list[Session]) -> int:
    """Draw `room`'s sign for `day` on as many pages as it needs; returns how many."""
    width, height = spec.page
    inner = width - 2 * spec.margins
    rows = [row for s in sessions for row in _rows(ctx, spec, styles, s, inner)]
    footer = styles["note"].fontSize * LEADING * 2 + GAP
    pages = 0
    while rows:
        y = _draw_header(ctx, styles, canvas, spec, room, day, continued=pages > 0)
        if rows[0].continued:   # a session's talks go on from the page before
            lead = Paragraph(rows[0].continued, styles["continued"])
            y -= lead.wrap(inner, height)[1] + GAP / 2
            lead.drawOn(canvas, spec.margins, y)
        placed = _take(rows, inner, y - spec.margins - footer)
        for row in placed:
            _, h = row.table.wrap(inner, height)
            y -= h
            row.table.drawOn(canvas, spec.margins, y)
        _draw_footer(ctx, spec, styles, canvas, rows[0].next_line if rows else None)
        canvas.showPage()
        pages += 1
    return pages


def _take(rows: list[Row], width: float, room: float) -> list[Row]:
    """Remove from `rows` and return those that fit `room`; a session's heading goes only with
    its first talk, and a page always takes at least one row (shrunk if it is taller than a page)."""
    taken, used = [], 0.0
    while rows:
        h = rows[0].table.wrap(width, room)[1]
        if rows[0].keep_with_next and len(rows) > 1:
            h += rows[1].table.wrap(width, room)[1]
        if used + h > room and taken:
            break
        if not taken and h > room:   # a title of hundreds of words: as large as fits on its own page
            rows[0].table.hAlign = "LEFT"
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


def _rows(ctx, spec: SheetSpec, styles, session: Session, width: float) -> list[Row]:
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
    heading = _table(ctx, [time_cell, body], time_width, width, qr, rule=not talks)
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
    return stringWidth("00:00", s.fontName, s.fontSize) + GAP


def _table(ctx, cells: list, time_width: float, width: float, qr, *, rule: bool, indent: bool = False) -> Table:
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
                ("LEFTPADDING", (2, 0), (2, 0), GAP)]
    if rule:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.HexColor(ctx.layout.colours["rule"])))
    table.setStyle(TableStyle(commands))
    return table


def _draw_header(ctx, styles, canvas, spec: SheetSpec, room, day, *, continued: bool) -> float:
    """The room's name and the date at the top; returns where the rows may begin."""
    width, height = spec.page
    inner = width - 2 * spec.margins
    y = height - spec.margins
    name = Paragraph(ctx.texts.plain(room.name), styles["room"])
    date = ctx.day_names[day] + (f" ({ctx.labels.get('continued', 'continued')})" if continued else "")
    for paragraph in (name, Paragraph(ctx.texts.plain(date), styles["date"])):
        _, h = paragraph.wrap(inner, height)
        y -= h
        paragraph.drawOn(canvas, spec.margins, y)
    y -= GAP
    canvas.setStrokeColor(colors.HexColor(ctx.layout.colours["accent"]))
    canvas.setLineWidth(2.5)
    canvas.line(spec.margins, y, width - spec.margins, y)
    return y - GAP / 2


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
