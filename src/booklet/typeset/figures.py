"""Images on a page: the width an organiser asks for, and a flowable that never leaves its frame.

A width is written after the image, `![Map](images/map.png){width=60%}`: a share of the
column, or a length ("6cm", "50mm"). Without one an image is as wide as its pixels at
300 dpi, and never wider than the column. An image is never taller than the frame it
is placed in: it is scaled down, keeping its proportions, to fit; its caption stays with it.
"""
from __future__ import annotations

import os
import re

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import STATE_DEFAULTS, String
from reportlab.platypus import Flowable

from ..layout.units import parse_length

PRINT_DPI = 300          # an image without a width is set at this resolution
SHRINK_AT_MOST = 0.85    # an image is shrunk this much at most to stay on its page, rather than moved on
LOW_DPI = 200            # below this at its printed size, a raster image gets a warning
_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def natural_width(image) -> float:
    """An image's width in points when no width is asked for: a raster image's pixels at
    PRINT_DPI, an SVG's own width."""
    return image.pixels[0] if image.kind == "svg" else image.pixels[0] / PRINT_DPI * 72


def requested_width(spec: str, column: float, natural: float) -> float | None:
    """The printed width in points for `spec` in a column `column` wide (`natural`: without a
    spec); None when `spec` is not a width. Never wider than the column."""
    if not spec:
        return min(column, natural)
    share = _SHARE.match(spec)
    if share:
        return min(column, column * float(share[1]) / 100)
    length = parse_length(spec)
    if length is None or length <= 0:
        return None
    return min(column, length)


def vector(path: str, font: str | None = None):
    """The drawing of an SVG file (svglib), as vectors; None when svglib cannot read it. Its text
    is set in `font` ("regular|bold", fonts the booklet embeds): svglib would use Helvetica, which
    is not embedded."""
    key = (path, font, _stamp(path))
    if key not in _DRAWINGS:
        from svglib.svglib import svg2rlg
        try:
            drawing = svg2rlg(path)
        except Exception:   # svglib raises what lxml and its own parser raise
            drawing = None
        if drawing is not None and font:
            _set_font(drawing, font)
        _DRAWINGS[key] = drawing
    return _DRAWINGS[key]


def _set_font(node, font: str) -> None:
    """`font` is "regular|bold": svglib's bold faces become the bold one."""
    if isinstance(node, String):
        regular, _, bold = font.partition("|")
        node.fontName = bold if bold and "Bold" in node.fontName else regular
    for child in getattr(node, "contents", ()):
        _set_font(child, font)


_DRAWINGS: dict = {}


def opaque(path: str):
    """The image to draw for a PNG or JPEG: the file itself, or, when it has transparency, the
    image laid on white, which print-shop preflights accept (a soft mask they reject)."""
    key = (path, _stamp(path))
    if key not in _OPAQUE:
        from PIL import Image
        from reportlab.lib.utils import ImageReader
        with Image.open(path) as img:
            alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
            if alpha:
                rgba = img.convert("RGBA")
                flat = Image.new("RGB", rgba.size, "white")
                flat.paste(rgba, mask=rgba.getchannel("A"))
        _OPAQUE[key] = ImageReader(flat) if alpha else path
    return _OPAQUE[key]


_OPAQUE: dict = {}


def _stamp(path: str) -> tuple[int, int]:
    """What tells a changed file from the one read before (the caches above live as long as the process)."""
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size


def draw_image(canvas, path: str, x: float, y: float, width: float, height: float, font: str | None) -> None:
    """A PNG or JPEG as an image, an SVG as vectors (no image XObject), `width` × `height` at (x, y)."""
    if not path.lower().endswith(".svg"):
        canvas.drawImage(opaque(path), x, y, width, height)
        return
    drawing = vector(path, font)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width / drawing.width, height / drawing.height)
    default = STATE_DEFAULTS["fontName"]   # the renderer sets it before any text: Helvetica, not embedded
    STATE_DEFAULTS["fontName"] = font.partition("|")[0] if font else default
    try:
        renderPDF.draw(drawing, canvas, 0, 0)
    finally:
        STATE_DEFAULTS["fontName"] = default
    canvas.restoreState()


def effective_dpi(pixels: tuple[int, int], width: float) -> float:
    return pixels[0] / (width / 72)


class Figure(Flowable):
    """An image file `width` points wide (its height in proportion), centred in its column, with
    an optional caption (a Paragraph) under it; one piece that is never cut in two.

    It is never taller than `max_height` (the frame's): a larger image is scaled down, keeping its
    proportions. Where the space left on a page is a little short, it shrinks to fit (down to
    SHRINK_AT_MOST); otherwise it moves on to the next page."""

    def __init__(self, path: str, pixels: tuple[int, int], width: float, caption=None, *, max_height: float,
                 gap: float = 3, space_before: float = 0, space_after: float = 0, font: str | None = None):
        super().__init__()
        self.font = font   # an SVG's text is set in it
        self.path, self.pixels, self.target, self.caption = path, pixels, width, caption
        self.max_height, self.gap = max_height, gap
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def _measure(self, available_width: float, limit: float) -> tuple[float, float, float]:
        """(image width, image height, caption height) for a column `available_width` wide, the
        whole no taller than `limit`."""
        caption = self.caption.wrap(available_width, limit)[1] + self.gap if self.caption else 0.0
        w = min(self.target, available_width)
        h = w * self.pixels[1] / self.pixels[0]
        if h + caption > limit:
            h = max(limit - caption, 1.0)
            w = h * self.pixels[0] / self.pixels[1]
        return w, h, caption

    def wrap(self, available_width, available_height):
        self.drawWidth, self.drawHeight, self.captionHeight = self._measure(available_width, self.max_height)
        self.width, self.height = available_width, self.drawHeight + self.captionHeight
        return self.width, self.height

    def split(self, available_width, available_height):
        """Never cut in two: shrunk to what is left when little is missing, or once it has been moved
        to a new page (ReportLab marks it `_postponed`); else [] (it moves to the next page)."""
        self.wrap(available_width, available_height)
        if available_height <= self.captionHeight or not (
                getattr(self, "_postponed", 0) or available_height >= SHRINK_AT_MOST * self.height):
            return []
        return [Figure(self.path, self.pixels, self.target, self.caption, gap=self.gap, space_before=self.spaceBefore,
                       space_after=self.spaceAfter, max_height=available_height - self.spaceBefore - 1,
                       font=self.font)]  # 1: rounding

    def draw(self):
        x = (self.width - self.drawWidth) / 2
        draw_image(self.canv, self.path, x, self.captionHeight, self.drawWidth, self.drawHeight, self.font)
        if self.caption:
            self.caption.drawOn(self.canv, 0, 0)


class Logo(Flowable):
    """An image fitted into a `width` × `height` box without distortion, centred in it, and a link
    to `url` over it when one is given (the e-mail edition keeps links; print has no use for them)."""

    def __init__(self, path: str, pixels: tuple[int, int], width: float, height: float, url: str | None = None,
                 font: str | None = None):
        super().__init__()
        self.font = font
        self.path, self.pixels, self.url = path, pixels, url
        self.width, self.height = width, height
        scale = min(width / pixels[0], height / pixels[1])
        self.drawWidth, self.drawHeight = pixels[0] * scale, pixels[1] * scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        x, y = (self.width - self.drawWidth) / 2, (self.height - self.drawHeight) / 2
        draw_image(self.canv, self.path, x, y, self.drawWidth, self.drawHeight, self.font)
        if self.url:
            self.canv.linkURL(self.url, (x, y, x + self.drawWidth, y + self.drawHeight), relative=1, thickness=0)
