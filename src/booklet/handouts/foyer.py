"""The foyer poster: the whole conference at a glance on one A2, A1 or A0 page.

The conference's title and dates at the top, then every day's grid (the day sheets' grid, day.py),
the days side by side or stacked: `arrange: auto` takes whichever gives the rooms' columns and
the sessions' times the more room, so type can be larger. A programme of many rooms (FOSDEM's 88
a day) reads larger turned, rooms as rows and time across (rows.py): auto turns it when that sets
a typical title twice as large (`arrange: rows` or `columns` decides it). Type is set at the
layout's sizes (`sheets: poster:`), scaled down for narrow columns (short rows) to `min_size`; a
programme with too many rooms for that on the chosen paper is still one page, with a warning
naming a larger size. Drawn as
vectors with the layout's fonts embedded, so it prints sharp at any size.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors

from ..layout.sheet_settings import POSTER_SIZES, SheetSpec
from ..sections import glance
from ..typeset.canvas_line import draw_text, fit
from . import day as day_sheet
from .rows import (
    AXIS_LINES,
    RowsPiece,
    label_width,
    readable_size,
    row_label_size,
    typical_title,
)
from .shades import track_fills
from .sheets import Sheet, font, new_canvas

GAP_EMS = 1.5        # between the days, in ems of the day's name
CRAMPED = 0.6        # columns this share of the width that suits min_size: titles lose most of their words
TURN_FOR = 2.0       # rooms as rows only when a typical title is this much larger so: the columns are
                     # the booklet's own grid, which readers know


@dataclass(frozen=True)
class Arrangement:
    name: str                 # "side_by_side" or "stacked"
    cell: tuple[float, float]  # width, height of one day's grid, its name above it included
                               # (rooms as rows: the room for them; a day takes its rows' height)
    scale: float              # of the type sizes: what the room columns allow, at most 1
    legibility: float         # the smaller of what the columns and the times allow: more is better
    rows: bool = False        # rooms as rows, time across
    row: float = 0.0          # then the height of a room's row
    readable: float = 0.0     # points: a half-hour block shows a typical title whole at this size
                              # (columns: at most the size their width sets)


def make(ctx, spec: SheetSpec, diag) -> list[Sheet]:
    days = glance.timed_days(ctx.conference)
    fills = track_fills(ctx.conference.tracks)
    inner = spec.page[0] - 2 * spec.margins
    canvas, buffer = new_canvas(ctx, spec, f"poster {spec.size_name}")
    top = _draw_title(ctx, spec, canvas)
    every_session = [s for sessions in days.values() for s in sessions]
    bottom = spec.margins + day_sheet.draw_legend(ctx, spec, canvas, every_session, fills, 1.0)
    arrangement = _arrange(ctx, spec, days, inner, top - bottom)
    _warn_if_cramped(ctx, spec, days, arrangement, diag)
    gap = GAP_EMS * spec.sizes["day"]
    cell_w, cell_h = arrangement.cell
    label = spec.sizes["day"] * 1.4
    side_by_side = arrangement.name == "side_by_side"   # then the days share one time axis, and line up
    all_spans = [s.span for s in every_session]
    y_top = top
    for k, (day, sessions) in enumerate(days.items()):
        x = spec.margins + (k * (cell_w + gap) if side_by_side else 0)
        columns = glance.day_columns(ctx.conference, sessions)
        height = cell_h
        if arrangement.rows:        # a row the same height on every day; a day of fewer rooms ends sooner
            height = label + _axis_height(spec) + len(columns) * arrangement.row
        _draw_day_name(ctx, spec, canvas, ctx.day_names[day], x, y_top - spec.sizes["day"], cell_w)
        # rooms as rows: every day on the one time axis, so that 10:00 is below 10:00
        piece = day_sheet.grid(ctx, spec, sessions, columns, columns, arrangement.scale, cell_w, height - label,
                               fills, "", all_spans if side_by_side or arrangement.rows else None)
        if arrangement.rows:
            size = row_label_size(piece.style.header_size, piece.style.min_size, arrangement.row)
            names = [getattr(c, "name", "") for c in columns]
            piece = RowsPiece.turned(piece, label_width(names, piece.style.header_font, size, cell_w),
                                     _axis_height(spec))
        piece.wrapOn(canvas, cell_w, height - label)
        piece.drawOn(canvas, x, y_top - height)
        if not side_by_side:
            y_top -= height + gap
    canvas.showPage()
    canvas.save()
    return [Sheet(f"poster-{spec.size_name}.pdf", buffer.getvalue(), 1)]


def _arrange(ctx, spec: SheetSpec, days: dict, width: float, height: float) -> Arrangement:
    """The layout's arrangement, or (auto) the more legible one: rooms as columns unless a typical
    title reads `TURN_FOR` times larger with rooms as rows."""
    n = len(days)
    gap = GAP_EMS * spec.sizes["day"]
    rooms = [len(glance.day_columns(ctx.conference, sessions)) for sessions in days.values()]
    minutes = max(_drawn_minutes(ctx, sessions) for sessions in days.values())
    label = spec.sizes["day"] * 1.4
    title = spec.sizes["title"]
    typical = typical_title([s.title for sessions in days.values() for s in sessions], font(ctx, spec, "bold"))
    every_minute = _drawn_minutes(ctx, [s for sessions in days.values() for s in sessions])
    columns, rows = [], []
    for name, cell in (("side_by_side", ((width - (n - 1) * gap) / n, height)),
                       ("stacked", (width, (height - (n - 1) * gap) / n))):
        comfortable = day_sheet.COMFORTABLE * title
        column = (cell[0] - day_sheet.axis_width(ctx, spec, spec.min_size)) / max(rooms)
        by_columns = column / comfortable
        # a half-hour session holds three lines of title at the full size, comfortably
        by_times = (cell[1] - label) / minutes * 30 / (3 * title * 1.2)
        # the columns set type at their own width's size (day.grid), which may be smaller still
        readable = min(title * by_columns,
                       readable_size(column, (cell[1] - label) / minutes * 30, title, spec.min_size, typical))
        columns.append(Arrangement(name, cell, min(1.0, by_columns), min(by_columns, by_times), readable=readable))
        rows.append(_rows_option(ctx, spec, name, width, height, rooms, every_minute, typical))
    if spec.arrange in ("side_by_side", "stacked"):
        return next(o for o in columns if o.name == spec.arrange)
    by_columns = max(columns, key=lambda o: o.legibility)
    by_rows = max(rows, key=lambda o: o.readable)
    # (>=: when neither shows a typical title, 0 against 0, the rows' longer lines show more of it)
    if spec.arrange == "rows" or (spec.arrange == "auto" and by_rows.readable >= TURN_FOR * by_columns.readable):
        return by_rows
    return by_columns


def _rows_option(ctx, spec: SheetSpec, name: str, width: float, height: float, rooms: list[int], minutes: float,
                 typical) -> Arrangement:
    """Rooms as rows, the days side by side (a row's height is the busiest day's) or stacked (every
    room of every day a row of the one height)."""
    n = len(rooms)
    gap = GAP_EMS * spec.sizes["day"]
    overhead = spec.sizes["day"] * 1.4 + _axis_height(spec)      # the day's name, the time axis
    if name == "side_by_side":
        cell = ((width - (n - 1) * gap) / n, height)
        row = (height - overhead) / max(rooms)
    else:
        cell = (width, height)
        row = (height - n * overhead - (n - 1) * gap) / sum(rooms)
    names = [room.name for room in ctx.conference.rooms]
    size = row_label_size(spec.sizes["header"], spec.min_size, row)
    across = cell[0] - label_width(names, font(ctx, spec, "bold"), size, cell[0])
    readable = readable_size(across / minutes * 30, row, spec.sizes["title"], spec.min_size, typical)
    scale = max(readable, spec.min_size) / spec.sizes["title"]
    return Arrangement(name, cell, min(1.0, scale), scale, rows=True, row=row, readable=readable)


def _axis_height(spec: SheetSpec) -> float:
    """Room above a day's rows for its times, set at the grid's axis size (day.grid) at most."""
    return AXIS_LINES * max(spec.min_size, spec.sizes["text"] * 0.85)


def _drawn_minutes(ctx, sessions) -> float:
    spans = [s.span for s in sessions]
    timeline = glance.axis_timeline(spans, ctx.layout.grid)
    return max(1.0, timeline.at(max(b for _, b in spans)) - timeline.at(min(a for a, _ in spans)))


def _warn_if_cramped(ctx, spec: SheetSpec, days: dict, arrangement: Arrangement, diag) -> None:
    if arrangement.rows:
        cramped = arrangement.readable < CRAMPED * spec.min_size    # less than this share of a title shows
        where = "a half-hour session's bar"
    else:
        cramped = spec.sizes["title"] * arrangement.scale < CRAMPED * spec.min_size
        where = "the poster's columns"
    if not cramped:
        return
    rooms = max(len(glance.day_columns(ctx.conference, sessions)) for sessions in days.values())
    larger = [size for size in POSTER_SIZES if POSTER_SIZES.index(size) > POSTER_SIZES.index(spec.size_name)] \
        if spec.size_name in POSTER_SIZES else []
    diag.warn(spec.loc or ctx.layout.loc, f"sheets: poster: {rooms} rooms a day leave {where} on {spec.size_name} "
                                          f"too narrow for {spec.min_size:g}pt type: titles are cut short",
              f"print it larger (--size {larger[-1]})" if larger else
              "the day sheets (--kind day) split the rooms over pages and stay legible")


def _draw_title(ctx, spec: SheetSpec, canvas) -> float:
    """The conference's title, then its dates and venue; returns where the days begin."""
    width, height = spec.page
    inner = width - 2 * spec.margins
    fallbacks = ctx.texts.rich.fallbacks
    bold, regular = font(ctx, spec, "bold"), font(ctx, spec)
    size, line = spec.sizes["heading"], spec.sizes["day"]
    y = height - spec.margins - size
    canvas.setFillColor(colors.HexColor(ctx.layout.colours["accent"]))
    draw_text(canvas, spec.margins, y, fit(ctx.conference.title, bold, size, inner, fallbacks), bold, size, fallbacks)
    y -= line * 1.5
    canvas.setFillColor(colors.HexColor(ctx.layout.colours["muted"]))
    words = " · ".join(part for part in (ctx.dates, ctx.conference.venue) if part)
    draw_text(canvas, spec.margins, y, fit(words, regular, line, inner, fallbacks), regular, line, fallbacks)
    return y - line * 1.5


def _draw_day_name(ctx, spec: SheetSpec, canvas, name: str, x: float, y: float, width: float) -> None:
    bold = font(ctx, spec, "bold")
    size = spec.sizes["day"]
    canvas.setFillColor(colors.HexColor(ctx.layout.colours["accent"]))
    text = fit(name, bold, size, width, ctx.texts.rich.fallbacks)
    draw_text(canvas, x, y, text, bold, size, ctx.texts.rich.fallbacks)
