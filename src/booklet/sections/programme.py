"""The detailed programme: per day, per session, each contribution with a page reference.

Sessions are in time order where the programme is timed (day, start, room
order) and in source order otherwise. Each contribution shows its time when
given, title, speakers and a clickable "p. N" to its abstract; posters are
listed by board number. Grid blocks link to the sessions here. A session of a
few rows is kept whole; a longer one keeps its first rows with its heading and
may then break over pages, under its title and "(continued)".

With `programme: {qr_codes: true}` in the layout, a row whose contribution (or
single-item session) has a `url:` carries a QR code of it at the right of its
text, before the page reference, which is also a link to it; other rows are as
they are without the option.
"""
from __future__ import annotations

import datetime as dt

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from ..content.model import Session
from ..text.escape import esc
from ..text.people import people_line
from ..typeset.continuation import Continued
from ..typeset.crossref import contribution_anchor, programme_contribution_anchor, programme_session_anchor
from ..typeset.flowables import Mark, Paragraph, anchored
from .abstracts import has_abstract_page
from .common import column_width, description_flowables, page_number_sample, section_title, session_meta
from .posters import board_order


def build(ctx) -> list:
    sessions = ordered(ctx.conference.sessions)
    if not sessions:
        return []
    out = [section_title(ctx, "programme")]
    page_width = column_width(ctx.styles["programme page"], f"{ctx.labels['page']}\u00a0{page_number_sample(ctx)}")
    day = None
    several_days = len(ctx.conference.days) > 1
    for session in sessions:
        lead = []
        if several_days and session.day and session.day != day:
            day = session.day
            name = ctx.day_names[day]
            lead.append(anchored(ctx.texts.plain(name), ctx.styles["grid day"],
                                 Mark(anchor=f"programme-{day}", outline=(name, 1))))
        heading = [anchored(ctx.texts.titles[session.id], ctx.styles["session title"],
                            Mark(anchor=programme_session_anchor(session)))]
        meta = session_meta(ctx, session, with_day=False)   # a heading names the day (when there are several)
        if meta:
            heading.append(Paragraph(meta, ctx.styles["session meta"]))
        heading += description_flowables(ctx, session)
        rows = _rows(ctx, session)
        if not rows:
            out.append(KeepTogether(lead + heading))
            continue
        first, *more = _tables(ctx, rows, page_width, timed=any(c.start for c in session.contributions))
        # The rows after the first few may break over pages: a page that begins inside them says
        # whose rows they are.
        continued = Paragraph(f"{ctx.texts.titles[session.id]} ({esc(ctx.labels['continued'])})",
                              _continued_style(ctx))
        out.append(KeepTogether(lead + heading + [Continued(first, continued, continues=False)]))
        out += [Continued(table, continued, continues=True) for table in more]
    return out


def _continued_style(ctx) -> ParagraphStyle:
    title = ctx.styles["session title"]
    return ParagraphStyle("session continued", parent=title, spaceBefore=0, spaceAfter=title.spaceAfter + 2,
                          keepWithNext=0)


def ordered(sessions) -> list[Session]:
    """Timed sessions by day, start and room; untimed ones keep their place after their day's timed ones."""
    if not any(s.timed for s in sessions):
        return list(sessions)
    room_order = {}
    for s in sessions:
        for r in s.rooms:
            room_order.setdefault(r.id, len(room_order))

    def key(item):
        position, s = item
        return (s.day or dt.date.max, 0 if s.timed else 1, s.start or dt.time.max,
                min((room_order[r.id] for r in s.rooms), default=-1), position)

    return [s for _, s in sorted(enumerate(sessions), key=key)]


def _rows(ctx, session: Session) -> list[list]:
    styles, refs, labels = ctx.styles, ctx.refs, ctx.labels
    contributions = session.contributions
    if session.kind == "posters":
        contributions = sorted(contributions, key=board_order)
    rows = []
    for c in contributions:
        title = ctx.texts.titles[c.id]
        if session.kind == "posters" and c.board:
            title = f"<b>{esc(c.board)}</b>\u2002{title}"
        printed = has_abstract_page(session, c, ctx.layout)
        if printed:
            cell = [Paragraph(title, styles["programme title"])]
        else:   # the index leads here: the row is the target
            cell = [anchored(title, styles["programme title"], Mark(anchor=programme_contribution_anchor(c)))]
            cell[0].records_page = True
        # only co-authors are left out for "et al.": every speaker (a panel's too) is named
        people = people_line(ctx.texts, c.authors, limit=max(ctx.layout.et_al, len(c.speakers)),
                             et_al=labels["et_al"])
        if people:
            cell.append(Paragraph(people, styles["programme people"]))
        page = ""
        if printed:
            page = refs.number(contribution_anchor(c), styles["programme page"], f"{labels['page']}\u00a0")
        when = Paragraph(f"{c.start:%H:%M}" if c.start else "", styles["programme time"])
        url = c.url or (session.url if session.single_item else None)
        qr = QrCode(url, ctx.layout.qr_size, ctx.layout.colours["text"]) if url and ctx.layout.qr_codes else None
        rows.append([when, cell, page, qr])
    return rows


class QrCode(Flowable):
    """A QR code of `url`: ReportLab's QR widget (error correction M) lays out its dark modules,
    drawn here as one vector path, with a quiet zone of 4 modules inside `size`, and a link to
    `url` over it. (Not through renderPDF, which would name its default font, Helvetica, in the
    page: a font the booklet does not embed.)"""

    BORDER = 4   # modules of quiet zone: what the QR standard asks for around the symbol

    def __init__(self, url: str, size: float, colour: str):
        super().__init__()
        self.url, self.size, self.colour = url, size, HexColor(colour)
        widget = QrCodeWidget(url, barLevel="M", barWidth=size, barHeight=size, barBorder=self.BORDER)
        self.modules = [(r.x, r.y, r.width, r.height) for r in widget.draw().contents
                        if getattr(r, "fillColor", None) is not None]

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.colour)
        path = canvas.beginPath()
        for x, y, w, h in self.modules:
            path.rect(x, y, w, h)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
        canvas.linkURL(self.url, (0, 0, self.size, self.size), relative=1, thickness=0)


QR_GAP = 4   # points between a row's text and its QR code


def _with_qr(cell: list, qr: QrCode, width: float, font: str) -> Table:
    """The title cell's text with the QR code to its right: the text wraps in what is left."""
    inner = Table([[cell, qr]], colWidths=[width - qr.size - QR_GAP, qr.size + QR_GAP], hAlign="LEFT")
    inner.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8),     # a table names its font even with nothing to write in it
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (1, 0), (1, 0), QR_GAP),
    ]))
    return inner


TITLE_RIGHT_PADDING = 4   # points between a row's text and its page reference

ROWS_PER_TABLE = 12   # ReportLab splits a table by re-measuring all its rows: thousands of posters in one
                      # table made a day's programme quadratic in its length


KEPT_WHOLE = 6        # a session of this many rows or fewer is never broken over pages
KEPT_WITH_HEADING = 3  # a longer one keeps this many under its heading, and may break after them


def _tables(ctx, rows: list[list], page_width: float, *, timed: bool) -> list[Table]:
    """The session's rows as consecutive tables that read as one: a rule under every row but the last.
    The first table is what stays with the session's heading."""
    first = len(rows) if len(rows) <= KEPT_WHOLE else KEPT_WITH_HEADING
    chunks = [rows[:first]] + [rows[i:i + ROWS_PER_TABLE] for i in range(first, len(rows), ROWS_PER_TABLE)]
    return [_table(ctx, chunk, page_width, timed=timed, last=i == len(chunks) - 1) for i, chunk in enumerate(chunks)]


def _table(ctx, rows: list[list], page_width: float, *, timed: bool, last: bool) -> Table:
    time_width = column_width(ctx.styles["programme time"], "00:00") if timed else 0
    widths = [time_width, ctx.text_width - page_width - time_width, page_width]
    text_width = widths[1] - TITLE_RIGHT_PADDING
    font = ctx.fonts.resolve("sans")
    rows = [[when, _with_qr(cell, qr, text_width, font) if qr else cell, page] for when, cell, page, qr in rows]
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=0)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, -1), TITLE_RIGHT_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -2 if last else -1), 0.3, ctx.layout.colours["rule"]),
    ]))
    return table
