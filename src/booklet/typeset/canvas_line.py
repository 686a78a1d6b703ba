"""One line of text drawn straight on the canvas (running heads, grid blocks), where there is no
paragraph markup to switch fonts: characters the font lacks are drawn in a fallback font, and
right-to-left runs in visual order."""
from __future__ import annotations

from ..text.markdown import visual_order
from .speedups import string_width

ELLIPSIS = "…"


def draw_text(canvas, x: float, y: float, text: str, font: str, size: float, fallbacks) -> None:
    """One line in `font`, with runs of characters it lacks in a fallback font, right-to-left runs
    in visual order (the canvas has no markup to do this for us)."""
    if fallbacks is None or fallbacks.covers(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    for run_font, run in _runs(visual_order(text), font, fallbacks):
        canvas.setFont(run_font, size)
        canvas.drawString(x, y, run)
        x += string_width(run, run_font, size)


def _runs(text: str, font: str, fallbacks):
    current, run = None, []
    for char in text:
        chosen = font if ord(char) in fallbacks.covered or char.isspace() else (fallbacks.font_for(char) or font)
        if chosen != current and run:
            yield current, "".join(run)
            run = []
        current = chosen
        run.append(char)
    if run:
        yield current, "".join(run)


def text_width(text: str, font: str, size: float, fallbacks) -> float:
    if fallbacks is None or fallbacks.covers(text):
        return string_width(text, font, size)
    return sum(string_width(run, run_font, size) for run_font, run in _runs(visual_order(text), font, fallbacks))


def fit(text: str, font: str, size: float, width: float, fallbacks) -> str:
    """`text`, shortened with an ellipsis until it fits `width`."""
    if text_width(text, font, size, fallbacks) <= width:
        return text
    # A longer head is never narrower: bisect for the longest that fits beside the ellipsis.
    fits, too_long = 0, len(text)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if text_width(text[:middle] + ELLIPSIS, font, size, fallbacks) <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits].rstrip() + ELLIPSIS
