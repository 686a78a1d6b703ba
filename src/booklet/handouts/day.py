"""Day sheets: each day's schedule grid, every room, on one A3 (or A4) landscape page.

The grid is the booklet's own (sections/glance.py makes the blocks, typeset/grid.py `GridPiece`
draws them), laid out for the sheet: the day's time runs down the whole page, axis breaks
included, and the rooms share its width. Type is set at the layout's sizes (`sheets: day:`) when
the rooms leave a column wide enough, and scaled down with narrower columns to `min_size`; when
even that is too large, the rooms go over two (or more) pages of equal width, each with the time
axis. Track colours are greyscale-safe shades (shades.py), named in a legend.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..layout.sheet_settings import SheetSpec
from ..sections import glance
from ..typeset.canvas_line import draw_text, fit
from ..typeset.grid import GridPiece, Timeline
from .shades import track_fills
from .sheets import Sheet, font, new_canvas

COMFORTABLE = 11.0   # ems of the title size: a room column this wide takes the layout's full sizes
HEADER_LINES = 2     # a room's name may wrap onto two lines
GAP = 6.0


@dataclass(frozen=True)
class Plan:
    """How one day's grid is cut into pages: the room columns of each, and the type scale."""

    groups: list[list]        # room columns, a list per page
    scale: float              # of the layout's type sizes, 1 or less (never below min_size)


def make(ctx, spec: SheetSpec) -> list[Sheet]:
    sheets = []
    fills = track_fills(ctx.conference.tracks)
    for day, sessions in glance.timed_days(ctx.conference).items():
        canvas, buffer = new_canvas(ctx, spec, ctx.day_names[day])
        width, height = spec.page
        inner = width - 2 * spec.margins
        columns = glance.day_columns(ctx.conference, sessions)
        plan = plan_columns(ctx, spec, columns, inner)
        for number, group in enumerate(plan.groups):
            top = height - spec.margins
            top = _draw_heading(ctx, spec, canvas, day, number, len(plan.groups), columns, group, top)
            bottom = spec.margins + draw_legend(ctx, spec, canvas, sessions, fills, plan.scale)
            piece = grid(ctx, spec, sessions, columns, group, plan.scale, inner, top - bottom, fills, "")
            piece.wrapOn(canvas, inner, top - bottom)
            piece.drawOn(canvas, spec.margins, bottom)
            canvas.showPage()
        canvas.save()
        sheets.append(Sheet(f"day-{day.isoformat()}.pdf", buffer.getvalue(), len(plan.groups)))
    return sheets


def plan_columns(ctx, spec: SheetSpec, columns: list, width: float) -> Plan:
    """As many rooms to a page as keep the type at `min_size` or more; the fewest pages, rooms
    shared evenly; the type as large as the column width allows, up to the layout's sizes."""
    title = spec.sizes["title"]
    comfortable = COMFORTABLE * title
    narrowest = comfortable * min(1.0, spec.min_size / title)
    room = width - axis_width(ctx, spec, spec.min_size)
    per_page = max(1, int(room // narrowest))
    pages = math.ceil(len(columns) / per_page)
    per_page = math.ceil(len(columns) / pages)
    groups = [columns[i:i + per_page] for i in range(0, len(columns), per_page)]
    scale = min(1.0, (width - axis_width(ctx, spec, spec.min_size)) / per_page / comfortable)
    return Plan(groups, scale)


def sizes(spec: SheetSpec, scale: float) -> dict[str, float]:
    """The layout's type sizes at `scale`, none below `min_size`."""
    return {role: max(spec.min_size, size * scale) for role, size in spec.sizes.items()}


def axis_width(ctx, spec: SheetSpec, size: float) -> float:
    return stringWidth("00:00", font(ctx, spec, "bold"), size) + 8


def grid(ctx, spec: SheetSpec, sessions, columns: list, group: list, scale: float, width: float, height: float,
         fills: dict, day_label: str, axis_spans: list | None = None) -> GridPiece:
    """The day's grid for the room columns of `group`, all of its time filling `height`; the time
    axis runs over `axis_spans` (other days' too, so that days side by side line up) or its own."""
    sized = sizes(spec, scale)
    axis_size = max(spec.min_size, sized["text"] * 0.85)
    header = sized["header"] * 1.15 * HEADER_LINES + 6
    spans = axis_spans or [s.span for s in sessions]
    step = ctx.layout.grid.time_step
    t0 = min(a for a, _ in spans) // step * step
    t1 = -(-max(b for _, b in spans) // step) * step
    timeline = glance.axis_timeline(spans, ctx.layout.grid)
    minute = (height - header) / max(1, timeline.at(t1) - timeline.at(t0))
    style = replace(glance.grid_style(ctx), title_font=font(ctx, spec, "bold"),
                    title_italic_font=_italic_bold(ctx, spec), text_font=font(ctx, spec),
                    header_font=font(ctx, spec, "bold"), max_title=sized["title"], max_text=sized["text"],
                    min_size=axis_size, header_size=sized["header"])
    blocks = []
    for session in sessions:
        for block in glance.session_blocks(ctx, session, group, columns):
            block.anchor = None                       # no programme in this file to lead to
            if session.track and session.track.id in fills:
                block.fill, block.bar = fills[session.track.id], colors.HexColor(session.track.colour)
            blocks.append(block)
    headers = [room.name if room else "" for room in group]
    return GridPiece(headers, t0, t1, minute, blocks, style, axis_width(ctx, spec, axis_size), header, step,
                     day_label, Timeline(timeline.breaks, timeline.kept))


def _italic_bold(ctx, spec: SheetSpec) -> str:
    role = f"{spec.font}-bold_italic"
    return ctx.fonts.resolve(role) if role in ctx.fonts else font(ctx, spec, "bold")


def _draw_heading(ctx, spec: SheetSpec, canvas, day, number: int, pages: int, columns: list, group: list,
                  top: float) -> float:
    """The day's name at the top left, the conference's at the right; on a day of several pages,
    which rooms this page holds. Returns the height left below it."""
    width = spec.page[0]
    inner = width - 2 * spec.margins
    size, small = spec.sizes["heading"], max(spec.min_size, spec.sizes["header"])
    bold, regular = font(ctx, spec, "bold"), font(ctx, spec)
    fallbacks = ctx.texts.rich.fallbacks
    baseline = top - size
    title = ctx.day_names[day]
    if pages > 1:
        first, last = columns.index(group[0]) + 1, columns.index(group[-1]) + 1
        title += f" · {ctx.labels.get('rooms', 'Rooms')} {first}–{last} / {len(columns)}"
    canvas.setFillColor(colors.HexColor(ctx.layout.colours["accent"]))
    title = fit(title, bold, size, inner * 0.7, fallbacks)
    draw_text(canvas, spec.margins, baseline, title, bold, size, fallbacks)
    name = fit(ctx.conference.title, regular, small, inner - stringWidth(title, bold, size) - 2 * GAP, fallbacks)
    canvas.setFillColor(colors.HexColor(ctx.layout.colours["muted"]))
    draw_text(canvas, width - spec.margins - stringWidth(name, regular, small), baseline, name, regular, small,
              fallbacks)
    return baseline - size * 0.5 - GAP


MAX_LEGEND = 16   # more tracks than this (a track per room) are named in their blocks only


def draw_legend(ctx, spec: SheetSpec, canvas, sessions, fills: dict, scale: float) -> float:
    """The day's tracks at the foot of the page, each a swatch of its shade and its name, in
    rows; returns the height used (0 without tracks, or with too many to list)."""
    tracks = [t for t in ctx.conference.tracks if t.id in fills and any(s.track == t for s in sessions)]
    if not tracks or len(tracks) > MAX_LEGEND:
        return 0.0
    size = sizes(spec, scale)["text"]
    regular = font(ctx, spec)
    fallbacks = ctx.texts.rich.fallbacks
    inner = spec.page[0] - 2 * spec.margins
    row, x, rows = size * 1.6, 0.0, [[]]
    for track in tracks:
        name = fit(track.name, regular, size, inner / 3, fallbacks)
        used = size * 1.4 + stringWidth(name, regular, size) + 2 * GAP
        if x + used > inner and rows[-1]:
            rows.append([])
            x = 0.0
        rows[-1].append((x, track, name))
        x += used
    for k, placed in enumerate(rows):
        y = spec.margins + (len(rows) - 1 - k) * row
        for x, track, name in placed:
            left = spec.margins + x
            canvas.setFillColor(fills[track.id])
            canvas.rect(left, y, size * 1.1, size * 1.1, stroke=0, fill=1)
            canvas.setFillColor(colors.HexColor(track.colour))
            canvas.rect(left, y, size * 0.3, size * 1.1, stroke=0, fill=1)
            canvas.setFillColor(colors.HexColor(ctx.layout.colours["text"]))
            draw_text(canvas, left + size * 1.4, y + size * 0.15, name, regular, size, fallbacks)
    return len(rows) * row + GAP
