"""The poster's grid turned: rooms as rows, time running across, for programmes of many rooms.

A day of 88 rooms leaves a room column of a poster a finger wide, but a row of it a line or two
tall and a half hour as wide as a short title: each session is a horizontal bar as long as it
lasts. `RowsPiece` is the day sheets' grid (day.grid: the same blocks, fitted text, track shades
and time axis breaks) with its geometry turned; `readable_size` is how foyer.py tells which way
round a programme reads larger.
"""
from __future__ import annotations

import statistics
from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..content.model import clock
from ..typeset.canvas_line import draw_text
from ..typeset.grid import GAP, LEADING, PAD, GridPiece, ellipsize, tint

LABEL_SHARE = 0.14   # a room's name takes at most this share of the day's width
AXIS_LINES = 1.6     # the time axis above the rows, in its type size
STRIPE = 0.12       # every other row: the rule colour at this strength
TIME_PRIORITY = 3    # a bar's time line is dropped with its kind and track, before its talks (grid.py)
LONG_WORD = 12       # characters: a line narrower than this breaks words


class RowsPiece(GridPiece):
    """One day: rooms `headers` down the left, minutes [t0, t1) across, a row each."""

    @classmethod
    def turned(cls, piece: GridPiece, label_width: float, axis_height: float) -> RowsPiece:
        """`piece` (a day sheet's grid of those rooms and sessions) with rooms as rows."""
        return cls(piece.headers, piece.t0, piece.t1, 1.0, piece.blocks, piece.style, label_width,
                   axis_height, piece.step, "", piece.timeline)

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height
        drawn = max(1.0, self.timeline.at(self.t1) - self.timeline.at(self.t0))
        self.scale = (self.width - self.axis) / drawn       # points a minute, across
        return self.width, self.height

    # geometry -------------------------------------------------------------
    def row_height(self) -> float:
        return (self.height - self.header_height) / max(1, len(self.headers))

    def x_of(self, minute: int) -> float:
        return self.axis + (self.timeline.at(minute) - self.timeline.at(self.t0)) * self.scale

    def rect_of(self, block):
        row = self.row_height()
        left, right = self.x_of(max(block.start, self.t0)), self.x_of(min(block.end, self.t1))
        top = self.height - self.header_height - block.first * row
        rows = block.last - block.first + 1
        return left + GAP / 2, top - rows * row + GAP / 2, right - left - GAP, rows * row - GAP

    def label_size(self) -> float:
        """The rooms' names: the header size, or as large as a row holds, never below the minimum."""
        return row_label_size(self.style.header_size, self.style.min_size, self.row_height())

    def _draw_block(self, canvas, block):
        """As the grid draws it, the title first: the bar's place on the axis tells its time, so the
        time line comes after the title, and goes first when the row is short."""
        titles = [line for line in block.lines if line.role == "title"]
        times = [replace(line, priority=max(line.priority, TIME_PRIORITY)) for line in block.lines
                 if line.role == "time" and line.item is None]
        rest = [line for line in block.lines if line not in titles and not (line.role == "time" and line.item is None)]
        super()._draw_block(canvas, replace(block, lines=titles + times + rest))

    def _highlight_rect(self, block, mark):
        return None      # a poster marks nothing

    # drawing ----------------------------------------------------------------
    def draw(self):
        self._draw_stripes(self.canv)
        super().draw()

    def _draw_stripes(self, canvas):
        """Every other row tinted, so that the eye keeps to a row across the poster."""
        row, top = self.row_height(), self.height - self.header_height
        canvas.saveState()
        canvas.setFillColor(tint(self.style.line_colour, STRIPE))
        for i in range(1, len(self.headers), 2):
            canvas.rect(0, top - (i + 1) * row, self.width, row, stroke=0, fill=1)
        canvas.restoreState()

    def _draw_axis(self, canvas):
        """A line at each time step down every row, its time above the rows; full hours bolder."""
        s = self.style
        bottom, top = 0.0, self.height - self.header_height
        size = min(s.min_size, self.header_height / AXIS_LINES)     # the grid's axis size
        per_label = stringWidth("00:00", s.title_font, size) * 1.3
        every = self.step
        while every * self.scale < per_label and every < 24 * 60:    # labels too close: fewer of them
            every += self.step
        first = -(-self.t0 // self.step) * self.step
        for minute in range(first, self.t1 + 1, self.step):
            if self.timeline.inside_break(minute):
                continue
            x = self.x_of(minute)
            full_hour = minute % 60 == 0
            canvas.setStrokeColor(s.line_colour)
            canvas.setLineWidth(0.5 if full_hour else 0.25)
            canvas.line(x, bottom, x, top + 3)
            if (minute - first) % every == 0 or (full_hour and every <= 60 and every % 60 == 0):
                canvas.setFont(s.title_font if full_hour else s.text_font, size)
                canvas.setFillColor(s.text_colour if full_hour else s.muted_colour)
                label_x = min(max(x, self.axis + per_label / 2), self.width - per_label / 2)
                canvas.drawCentredString(label_x, top + 4, clock(minute))
        for a, b in self.timeline.breaks:
            self._draw_break(canvas, self.x_of(a), self.x_of(b))

    def _draw_break(self, canvas, left: float, right: float):
        canvas.setStrokeColor(self.style.line_colour)
        canvas.setLineWidth(0.6)
        middle, y = (left + right) / 2, self.height - self.header_height + 2
        for dx in (-1.6, 1.6):
            canvas.line(middle + dx - 1.5, y - 4, middle + dx + 1.5, y + 4)

    def _draw_header(self, canvas):
        """Each room's name at the left of its row, and a rule between the rows."""
        s = self.style
        row, size = self.row_height(), self.label_size()
        top = self.height - self.header_height
        canvas.setStrokeColor(s.line_colour)
        canvas.setLineWidth(0.25)
        for i, name in enumerate(self.headers):
            y = top - (i + 1) * row
            canvas.line(0, y, self.width, y)
            canvas.setFillColor(s.text_colour)
            text = ellipsize(name, s.header_font, size, self.axis - 2 * PAD, s.fallbacks)
            draw_text(canvas, 0, y + (row - size * 0.72) / 2, text, s.header_font, size, s.fallbacks)


def row_label_size(header: float, smallest: float, row: float) -> float:
    return min(header, max(smallest, (row - GAP) / LEADING))


def label_width(names: list[str], font: str, size: float, width: float) -> float:
    """Room for the widest room name at `size`, at most `LABEL_SHARE` of `width`."""
    widest = max((stringWidth(name, font, size) for name in names if name), default=0.0)
    return min(widest + 3 * PAD, width * LABEL_SHARE)


def readable_size(width: float, height: float, largest: float, smallest: float, typical: tuple[int, float]) -> float:
    """The largest type size, from `largest` down to `smallest`, at which a block of `width` ×
    `height` (a half-hour session's) shows a typical title whole; `typical` is (characters of a
    title, their mean width in ems). When not even `smallest` will do, less than it: `smallest`
    times the share of the title that shows. The same measure for either way round of the grid,
    so that they compare."""
    characters, em = typical
    size = largest
    while size >= smallest:
        if _shown(width, height, size, em) >= characters:
            return size
        size -= 0.25
    return smallest * _shown(width, height, smallest, em) / characters


def _shown(width: float, height: float, size: float, em: float) -> int:
    """How many characters of a title a block shows at `size`: none when its lines are narrower
    than a long word, which would be broken (hyphenated, or cut) rather than read."""
    lines = max(0, int((height - 2 * PAD) // (size * LEADING)))
    per_line = int((width - 2 * PAD) // (size * em))
    return lines * per_line if per_line >= LONG_WORD else 0


def typical_title(titles: list[str], font: str) -> tuple[int, float]:
    """(the median title's characters, the mean width of a title's character in ems of `font`)."""
    titles = [t for t in titles if t] or ["A session"]
    joined = "".join(titles)
    return int(statistics.median(len(t) for t in titles)), stringWidth(joined, font, 1.0) / len(joined)
