"""The foyer poster: the whole conference at a glance on one A2, A1 or A0 page.

The conference's title and dates at the top, then every day's grid (the day sheets' grid, day.py),
the days side by side or stacked: `arrange: auto` takes whichever gives the rooms' columns and
the sessions' times the more room, so type can be larger. Type is set at the layout's sizes
(`sheets: poster:`), scaled down for narrow columns to `min_size`; a programme with too many rooms
for that on the chosen paper is still one page, with a warning naming a larger size. Drawn as
vectors with the layout's fonts embedded, so it prints sharp at any size.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors

from ..layout.sheet_settings import POSTER_SIZES, SheetSpec
from ..sections import glance
from ..typeset.canvas_line import draw_text, fit
from . import day as day_sheet
from .shades import track_fills
from .sheets import Sheet, font, new_canvas

GAP_EMS = 1.5        # between the days, in ems of the day's name
CRAMPED = 0.6        # columns this share of the width that suits min_size: titles lose most of their words


@dataclass(frozen=True)
class Arrangement:
    name: str                 # "side_by_side" or "stacked"
    cell: tuple[float, float]  # width, height of one day's grid, its name above it included
    scale: float              # of the type sizes: what the room columns allow, at most 1
    legibility: float         # the smaller of what the columns and the times allow: more is better


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
    for k, (day, sessions) in enumerate(days.items()):
        x = spec.margins + (k * (cell_w + gap) if side_by_side else 0)
        y_top = top - (0 if side_by_side else k * (cell_h + gap))
        _draw_day_name(ctx, spec, canvas, ctx.day_names[day], x, y_top - spec.sizes["day"], cell_w)
        columns = glance.day_columns(ctx.conference, sessions)
        piece = day_sheet.grid(ctx, spec, sessions, columns, columns, arrangement.scale, cell_w, cell_h - label,
                               fills, "", [s.span for s in every_session] if side_by_side else None)
        piece.wrapOn(canvas, cell_w, cell_h - label)
        piece.drawOn(canvas, x, y_top - cell_h)
    canvas.showPage()
    canvas.save()
    return [Sheet(f"poster-{spec.size_name}.pdf", buffer.getvalue(), 1)]


def _arrange(ctx, spec: SheetSpec, days: dict, width: float, height: float) -> Arrangement:
    """The layout's arrangement, or (auto) the more legible one."""
    n = len(days)
    gap = GAP_EMS * spec.sizes["day"]
    rooms = max(len(glance.day_columns(ctx.conference, sessions)) for sessions in days.values())
    minutes = max(_drawn_minutes(ctx, sessions) for sessions in days.values())
    label = spec.sizes["day"] * 1.4
    options = []
    for name, cell in (("side_by_side", ((width - (n - 1) * gap) / n, height)),
                       ("stacked", (width, (height - (n - 1) * gap) / n))):
        comfortable = day_sheet.COMFORTABLE * spec.sizes["title"]
        column = (cell[0] - day_sheet.axis_width(ctx, spec, spec.min_size)) / rooms
        by_columns = column / comfortable
        # a half-hour session holds three lines of title at the full size, comfortably
        by_times = (cell[1] - label) / minutes * 30 / (3 * spec.sizes["title"] * 1.2)
        options.append(Arrangement(name, cell, min(1.0, by_columns), min(by_columns, by_times)))
    if spec.arrange != "auto":
        return next(o for o in options if o.name == spec.arrange)
    return max(options, key=lambda o: o.legibility)


def _drawn_minutes(ctx, sessions) -> float:
    spans = [s.span for s in sessions]
    timeline = glance.axis_timeline(spans, ctx.layout.grid)
    return max(1.0, timeline.at(max(b for _, b in spans)) - timeline.at(min(a for a, _ in spans)))


def _warn_if_cramped(ctx, spec: SheetSpec, days: dict, arrangement: Arrangement, diag) -> None:
    if spec.sizes["title"] * arrangement.scale >= CRAMPED * spec.min_size:
        return
    rooms = max(len(glance.day_columns(ctx.conference, sessions)) for sessions in days.values())
    larger = [size for size in POSTER_SIZES if POSTER_SIZES.index(size) > POSTER_SIZES.index(spec.size_name)] \
        if spec.size_name in POSTER_SIZES else []
    diag.warn(spec.loc or ctx.layout.loc, f"sheets: poster: {rooms} rooms a day leave the poster's columns on {spec.size_name} too "
                                     f"narrow for {spec.min_size:g}pt type: titles are cut short",
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
