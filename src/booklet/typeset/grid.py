"""The schedule grid as a flowable: time down the page, rooms across.

`GridPiece` draws one page's worth of one day (a time range and a group of
room columns). Block text is fitted, never clipped: it is set at its style's size,
or at the layout's minimum when a block's time and title need it (two sizes a
page, never more); it wraps, then drops the least important lines (a list of
contributions ends in "+2 more"), then ends in an ellipsis. Every block links to
its session in the programme. A long stretch with nothing on is drawn short, with
a break in the time axis (`Timeline`). A handout may mark stretches of blocks
(`Highlight`: a personal agenda's chosen talks, its clashes) with a tint and a frame.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from ..content.model import clock
from .canvas_line import ELLIPSIS, draw_text, text_width
from .canvas_line import fit as fit_line

PAD = 2.2          # inner padding of a block
GAP = 0.8          # white gap between neighbouring blocks


@dataclass(frozen=True)
class TextLine:
    text: str
    role: str            # "title", "text" or "time": which style draws it
    priority: int        # lower is dropped last
    item: int | None = None   # lines of one listed contribution share a number: they go together,
                              # and the dropped ones are counted ("+2 more")


@dataclass(frozen=True)
class Timeline:
    """Where a day's minutes go down the page. Each of `breaks`, (a, b) minutes with nothing
    on, is drawn `kept` minutes tall, with a break in the axis; all else is to scale."""

    breaks: tuple[tuple[int, int], ...] = ()
    kept: int = 15

    def at(self, minute: float) -> float:
        """The drawn minute of `minute`: minutes since the day's start, less what the breaks save."""
        drawn = minute
        for a, b in self.breaks:
            if minute >= b:
                drawn -= b - a - self.kept
            elif minute > a:
                drawn -= (minute - a) * (1 - self.kept / (b - a))
        return drawn

    def minute_at(self, drawn: float) -> float:
        """The minute drawn at `drawn` (the inverse of `at`)."""
        minute = drawn
        for a, b in self.breaks:
            if minute <= a:
                break
            if minute < a + self.kept:
                return a + (minute - a) * (b - a) / self.kept
            minute += b - a - self.kept
        return minute

    def inside_break(self, minute: int) -> bool:
        return any(a < minute < b for a, b in self.breaks)


@dataclass(frozen=True)
class Highlight:
    """A stretch of a block a handout marks: minutes as the block's (start, end), drawn tinted and
    framed; a `clash` (it overlaps another marked stretch) in the clash colour, its frame dashed, so
    that it also reads in greyscale."""

    start: int
    end: int
    clash: bool = False
    contribution: str | None = None   # the contribution marked, whose line in the block is set bold


@dataclass
class Block:
    first: int                    # first room column (index within the piece's group)
    last: int                     # last room column, inclusive
    start: int                    # minutes since midnight
    end: int
    lines: list[TextLine]
    fill: object                  # reportlab colour
    bar: object | None = None     # track colour, drawn as a bar on the left edge
    anchor: str | None = None     # link target
    italic: bool = False
    continued_from_above: bool = False
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True)
class GridStyle:
    title_font: str
    title_italic_font: str
    text_font: str
    max_title: float
    max_text: float
    min_size: float
    text_colour: object
    muted_colour: object
    line_colour: object
    header_font: str
    header_size: float
    hyphenate: object = None      # word → (head, tail) pairs, or None
    fallbacks: object = None      # text.markdown.Fallbacks: fonts for characters the grid fonts lack
    more: str = "+{n}"            # the line that counts the listed contributions left out
    highlight: object = None      # colour of a Highlight (its frame; the fill is a tint of it)
    clash: object = None          # colour of a Highlight that clashes


def wrap(text: str, font: str, size: float, width: float, hyphenate=None, fallbacks=None) -> list[str]:
    """Greedy line breaking at spaces. A word wider than the line is hyphenated where
    `hyphenate` (word → (head, tail) pairs) allows, else cut between characters.

    A line's width is the sum of its words' and spaces' widths, so each word is measured
    once (and the font remembers it), not every line again with each word added."""
    space = text_width(" ", font, size, fallbacks)
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        word_width = text_width(word, font, size, fallbacks)
        wanted = used + space + word_width if current else word_width
        if wanted <= width:
            current, used = (f"{current} {word}" if current else word), wanted
            continue
        if current:
            lines.append(current)
        while word_width > width and len(word) > 1:
            head, word = _break_word(word, font, size, width, hyphenate, fallbacks)
            lines.append(head)
            word_width = text_width(word, font, size, fallbacks)
        current, used = word, word_width
    if current:
        lines.append(current)
    return lines


def _break_word(word: str, font: str, size: float, width: float, hyphenate, fallbacks) -> tuple[str, str]:
    """The longest head of `word` that fits: after a hyphen the word has ("phase-|contrast"), else
    hyphenated where the dictionary allows, else cut."""
    at_hyphens = [word[:i + 1] for i, char in enumerate(word[:-1]) if char in "-‐"
                  and text_width(word[:i + 1], font, size, fallbacks) <= width]
    if at_hyphens:
        return at_hyphens[-1], word[len(at_hyphens[-1]):]
    if hyphenate:
        fitting = [(head, tail) for head, tail in hyphenate(word)
                   if text_width(head + "-", font, size, fallbacks) <= width]
        if fitting:
            head, tail = max(fitting, key=lambda pair: len(pair[0]))
            return head + "-", tail
    cut = max(1, _fitting_prefix(word, font, size, width, fallbacks))
    return word[:cut], word[cut:]


def _fitting_prefix(word: str, font: str, size: float, width: float, fallbacks) -> int:
    n = 0
    while n < len(word) and text_width(word[: n + 1], font, size, fallbacks) <= width:
        n += 1
    return n


def ellipsize(text: str, font: str, size: float, width: float, fallbacks=None) -> str:
    return fit_line(text, font, size, width, fallbacks)


def fit(lines: list[TextLine], width: float, height: float, style: GridStyle, italic: bool):
    """[(text, font, size, colour, leading)] that fits width × height. The style's sizes, or the
    minimum size when the time and title (and kind) need it: two sizes, so a page reads evenly."""
    laid = []
    for title_size, text_size in ((style.max_title, style.max_text), (style.min_size, style.min_size)):
        # A list too long for the block at one row a line is not worth wrapping (a poster session
        # lists thousands of posters in one block): it is cut to what can show.
        rows = int(height // (min(title_size, text_size) * LEADING)) + 1
        laid = _lay(_first_rows(lines, rows), width, style, title_size, text_size, italic)
        if sum(item[4] for item in laid if item[5] <= ESSENTIAL) <= height:
            break
    return _trim(laid, height, style, width, _items(lines))


ESSENTIAL = 2   # the time and the title: whether they fit at the style's size decides the block's size
LEADING = 1.18   # of the font size


def _items(lines: list[TextLine]) -> int:
    return len({line.item for line in lines if line.item is not None})


def _first_rows(lines: list[TextLine], rows: int) -> list[TextLine]:
    """`lines` without the listed contributions past the first `rows` lines."""
    kept, listed = [], 0
    for line in lines:
        if line.item is not None:
            listed += 1
            if listed > rows:
                continue
        kept.append(line)
    return kept


def _lay(lines, width, style, title_size, text_size, italic):
    laid = []
    for line in lines:
        if line.role == "title":
            font = style.title_italic_font if italic else style.title_font
            size, colour = title_size, style.text_colour
        else:
            font, size = style.text_font, text_size
            colour = style.muted_colour if line.role == "time" else style.text_colour
        for text in wrap(line.text, font, size, width, style.hyphenate or None, style.fallbacks):
            laid.append([text, font, size, colour, size * LEADING, line.priority, line.item])
    return laid


def _trim(laid, height, style, width, items: int):
    """Drop the least important lines until the rest fits: the highest priority number first, the
    last first; a listed contribution goes whole, and those left out are counted in a "+N more"
    line. One line of the title stays; a kind of line that lost rows ends in an ellipsis."""
    listed = {row[6] for row in laid if row[6] is not None}
    left_out = items - len(listed)        # cut before laying out: too many to show at all
    text_size = max((row[2] for row in laid if row[6] is not None), default=style.min_size)
    more_height = text_size * LEADING
    total = sum(row[4] for row in laid)
    titles = sum(1 for row in laid if row[5] == 0)
    dropped: set[int] = set()
    for i in sorted(range(len(laid)), key=lambda i: (laid[i][5], i), reverse=True):
        counted = more_height if 0 < left_out < items else 0
        if total + counted <= height or (laid[i][5] == 0 and titles == 1):
            break
        if i in dropped:
            continue
        item = laid[i][6]
        rows = [j for j, row in enumerate(laid) if row[6] == item] if item is not None else [i]
        dropped.update(rows)
        total -= sum(laid[j][4] for j in rows)
        left_out += item is not None
        titles -= laid[i][5] == 0
    shortened = {laid[i][5] for i in dropped if laid[i][6] is None}
    laid = [row for i, row in enumerate(laid) if i not in dropped]
    for priority in shortened:
        same = [row for row in laid if row[5] == priority]
        if same:
            same[-1][0] = ellipsize(same[-1][0] + ELLIPSIS, same[-1][1], same[-1][2], width, style.fallbacks)
    if 0 < left_out < items and total + more_height <= height:   # "+3 more" under no list reads oddly
        laid.append([style.more.format(n=left_out), style.text_font, text_size, style.muted_colour,
                     more_height, 4, None])
        total += more_height
    if laid and total > height:
        laid = laid[:1]  # one line, as much of it as fits
        laid[0][0] = ellipsize(laid[0][0], laid[0][1], laid[0][2], width, style.fallbacks)
    return [tuple(row[:5]) for row in laid]


class GridPiece(Flowable):
    """One page of the grid: rooms `headers` across, minutes [t0, t1) down."""

    def __init__(self, headers: list[str], t0: int, t1: int, scale: float, blocks: list[Block], style: GridStyle,
                 axis: float, header: float, step: int, day_label: str, timeline: Timeline = Timeline()):
        super().__init__()
        self.headers, self.t0, self.t1, self.scale = headers, t0, t1, scale
        self.blocks, self.style, self.axis, self.header_height = blocks, style, axis, header
        self.step, self.day_label = step, day_label
        self.timeline = Timeline(tuple((a, b) for a, b in timeline.breaks if t0 <= a and b <= t1), timeline.kept)

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.header_height + self.y_of(self.t0)
        return self.width, self.height

    # geometry -------------------------------------------------------------
    def column_width(self) -> float:
        return (self.width - self.axis) / max(1, len(self.headers))

    def y_of(self, minute: int) -> float:
        return (self.timeline.at(self.t1) - self.timeline.at(minute)) * self.scale

    def rect_of(self, block: Block) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a block within this piece, gaps included."""
        w = self.column_width()
        top = self.y_of(max(block.start, self.t0))
        bottom = self.y_of(min(block.end, self.t1))
        x = self.axis + block.first * w
        return x + GAP / 2, bottom + GAP / 2, (block.last - block.first + 1) * w - GAP, top - bottom - GAP

    # drawing ----------------------------------------------------------------
    def draw(self):
        canvas = self.canv
        canvas.saveState()
        self._draw_axis(canvas)
        self._draw_header(canvas)
        for block in self.blocks:
            self._draw_block(canvas, block)
        canvas.restoreState()

    def _draw_axis(self, canvas):
        s = self.style
        grid_top = self.y_of(self.t0)
        first = -(-self.t0 // self.step) * self.step
        for minute in range(first, self.t1 + 1, self.step):
            if self.timeline.inside_break(minute):
                continue
            y = self.y_of(minute)
            full_hour = minute % 60 == 0
            canvas.setStrokeColor(s.line_colour)
            canvas.setLineWidth(0.5 if full_hour else 0.25)
            canvas.line(self.axis - 3, y, self.width, y)
            canvas.setFont(s.text_font if not full_hour else s.title_font, s.min_size)
            canvas.setFillColor(s.text_colour if full_hour else s.muted_colour)
            # centred on its line; the top one below it, clear of the day's name in the header
            baseline = y - s.min_size * (0.9 if y >= grid_top - 0.01 else 0.35)
            canvas.drawRightString(self.axis - 4, baseline, clock(minute))   # past midnight: 00:00 again
        for a, b in self.timeline.breaks:
            self._draw_break(canvas, self.y_of(a), self.y_of(b))

    def _draw_break(self, canvas, top: float, bottom: float):
        """Two short slanted strokes across the axis between the times either side of a break."""
        canvas.setStrokeColor(self.style.line_colour)
        canvas.setLineWidth(0.6)
        middle, x = (top + bottom) / 2, self.axis - 2
        for dy in (-1.6, 1.6):
            canvas.line(x - 4, middle + dy - 1.5, x + 4, middle + dy + 1.5)

    def _draw_header(self, canvas):
        s = self.style
        w = self.column_width()
        base = self.y_of(self.t0)
        canvas.setFillColor(s.text_colour)
        canvas.setFont(s.header_font, s.header_size)
        draw_text(canvas, 0, base + 4, ellipsize(self.day_label, s.header_font, s.header_size, self.axis - 2,
                                                 s.fallbacks), s.header_font, s.header_size, s.fallbacks)
        for i, name in enumerate(self.headers):
            lines = wrap(name, s.header_font, s.header_size, w - 2 * PAD, s.hyphenate or None, s.fallbacks)
            if len(lines) > 2:
                lines = [lines[0], ellipsize(" ".join(lines[1:]), s.header_font, s.header_size, w - 2 * PAD,
                                             s.fallbacks)]
            for k, text in enumerate(lines):  # top line first, so text extraction reads in order
                y = base + 4 + (len(lines) - 1 - k) * s.header_size * 1.15
                draw_text(canvas, self.axis + i * w + PAD, y, text, s.header_font, s.header_size, s.fallbacks)

    def _draw_block(self, canvas, block: Block):
        x, y, w, h = self.rect_of(block)
        if h <= 0:
            return
        canvas.setFillColor(block.fill)
        canvas.rect(x, y, w, h, stroke=0, fill=1)
        marked = [self._highlight_rect(block, mark) for mark in block.highlights]
        for mark, rect in zip(block.highlights, marked):
            if rect:
                canvas.setFillColor(tint(self._mark_colour(mark), HIGHLIGHT_TINT))
                canvas.rect(*rect, stroke=0, fill=1)
        inner_x = x + PAD
        if block.bar is not None:
            canvas.setFillColor(block.bar)
            canvas.rect(x, y, 2.4, h, stroke=0, fill=1)
            inner_x += 1.6
        for mark, rect in zip(block.highlights, marked):
            if rect:
                self._draw_frame(canvas, mark, rect, whole=rect[1] <= y + 0.5 and rect[1] + rect[3] >= y + h - 0.5)
        inner_w = x + w - PAD - inner_x
        lines = block.lines
        if block.start < self.t0:
            lines = [TextLine(f"{lines_title(block)} (cont.)", "title", 0)]
        laid = fit(lines, inner_w, h - 2 * PAD + 1, self.style, block.italic)
        cursor = y + h - PAD
        for text, font, size, colour, leading in laid:
            cursor -= size
            canvas.setFillColor(colour)
            draw_text(canvas, inner_x, cursor, text, font, size, self.style.fallbacks)
            cursor -= leading - size
        if block.anchor:
            canvas.linkRect("", block.anchor, (x, y, x + w, y + h), relative=1, thickness=0)


    def _highlight_rect(self, block: Block, mark: Highlight):
        """(x, y, width, height) of a highlight within its block and this piece, or None when it
        falls outside them."""
        x, _, w, _ = self.rect_of(block)
        top = self.y_of(max(mark.start, block.start, self.t0))
        bottom = self.y_of(min(mark.end, block.end, self.t1))
        if top - bottom - GAP <= 0:
            return None
        return x, bottom + GAP / 2, w, top - bottom - GAP

    def _mark_colour(self, mark: Highlight):
        return (self.style.clash if mark.clash else self.style.highlight) or self.style.text_colour

    def _draw_frame(self, canvas, mark: Highlight, rect, *, whole: bool) -> None:
        """A frame round a highlight that covers its whole block; for a stretch of a block (one
        talk of a session) only its sides, in the block's margins: the block's text runs on
        regardless of the times, and a line across it would strike a word through."""
        x, y, w, h = rect
        inset = FRAME / 2
        canvas.saveState()
        canvas.setStrokeColor(self._mark_colour(mark))
        canvas.setLineWidth(FRAME)
        if mark.clash:
            canvas.setDash(2.5, 1.5)
        if whole:
            canvas.rect(x + inset, y + inset, w - FRAME, h - FRAME, stroke=1, fill=0)
        else:
            sides = canvas.beginPath()
            for side in (x + inset, x + w - inset):
                sides.moveTo(side, y)
                sides.lineTo(side, y + h)
            canvas.drawPath(sides, stroke=1, fill=0)
        canvas.restoreState()


HIGHLIGHT_TINT = 0.3   # a highlight's fill: its colour mixed with this much of itself, the rest white
FRAME = 1.4            # points: the width of a highlight's frame


def lines_title(block: Block) -> str:
    return next((line.text for line in block.lines if line.role == "title"), "")


def tint(colour, amount: float):
    """`colour` ("#rrggbb" or a ReportLab colour) mixed with white: amount 0 is white, 1 the colour itself."""
    c = colour if isinstance(colour, colors.Color) else colors.HexColor(colour)
    return colors.Color(1 - (1 - c.red) * amount, 1 - (1 - c.green) * amount, 1 - (1 - c.blue) * amount)
