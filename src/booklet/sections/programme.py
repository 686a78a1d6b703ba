"""The programme in order: each session and its contributions with a page reference.

For an untimed programme (like the default content) this is the ordered list of
blocks; with times it adds a time column. The time × room grid is a section of
its own.
"""
from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Table, TableStyle

from ..crossref import contribution_anchor
from ..text import esc, short_people
from .common import section_title, session_heading

PAGE_COLUMN = 11 * 72 / 25.4   # wide enough for "p. 999"


def build(ctx) -> list:
    sessions = ctx.conference.sessions
    if not sessions:
        return []
    out = [section_title(ctx, "programme")]
    day = None
    for session in sessions:
        if session.day != day and len(ctx.day_names) > 1:
            day = session.day
            out.append(Paragraph(esc(ctx.day_names[day]), ctx.styles["contents section"]))
        heading = session_heading(ctx, session, anchor=False)
        rows = _rows(ctx, session)
        if not rows:
            out.extend(heading)
            continue
        table = _table(ctx, rows)
        out.append(KeepTogether(heading + [table]))
    return out


def _rows(ctx, session) -> list[list]:
    styles, refs = ctx.styles, ctx.refs
    rows = []
    for c in session.contributions:
        people = short_people(c.speakers)
        cell = [Paragraph(esc(c.title), styles["programme title"])]
        if people:
            cell.append(Paragraph(people, styles["programme people"]))
        page = Paragraph(f"{esc(ctx.labels['page'])}\u00a0{refs.link(contribution_anchor(c))}",
                         styles["programme page"])
        rows.append([cell, page])
    return rows


def _table(ctx, rows: list[list]) -> Table:
    widths = [ctx.text_width - PAGE_COLUMN, PAGE_COLUMN]
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, ctx.layout.colours.get("rule", "#aaaaaa")),
    ]))
    return table
