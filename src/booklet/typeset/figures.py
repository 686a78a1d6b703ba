"""Images on a page: the width an organiser asks for, and a flowable that never leaves its frame.

A width is written after the image, `![Map](images/map.png){width=60%}`: a share of the
column, or a length ("6cm", "50mm"). Without one an image is as wide as its pixels at
300 dpi, and never wider than the column. An image is never taller than the frame it
is placed in: it is scaled down, keeping its proportions, to fit.
"""
from __future__ import annotations

import re

from reportlab.platypus import Flowable

from ..layout.units import parse_length

PRINT_DPI = 300          # an image without a width is set at this resolution
SHRINK_AT_MOST = 0.85    # an image is shrunk this much at most to stay on its page, rather than moved on
LOW_DPI = 200            # below this at its printed size, a raster image gets a warning
_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def requested_width(spec: str, column: float, pixels: tuple[int, int]) -> float | None:
    """The printed width in points for `spec` in a column `column` wide; None when `spec` is
    not a width. Never wider than the column."""
    if not spec:
        return min(column, pixels[0] / PRINT_DPI * 72)
    share = _SHARE.match(spec)
    if share:
        return min(column, column * float(share[1]) / 100)
    length = parse_length(spec)
    if length is None or length <= 0:
        return None
    return min(column, length)


def effective_dpi(pixels: tuple[int, int], width: float) -> float:
    return pixels[0] / (width / 72)


class Figure(Flowable):
    """An image file at `width` points (its height in proportion), centred in its frame, and
    scaled down when the frame is not tall enough for it."""

    def __init__(self, path: str, pixels: tuple[int, int], width: float, space_before: float = 0,
                 space_after: float = 0):
        super().__init__()
        self.path, self.pixels, self.target = path, pixels, width
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.hAlign = "CENTER"

    def wrap(self, available_width, available_height):
        w = min(self.target, available_width)
        h = w * self.pixels[1] / self.pixels[0]
        self._frame_height = available_height
        self.drawWidth, self.drawHeight = w, h
        self.width, self.height = w, h
        return w, h

    def split(self, available_width, available_height):
        """Never cut in two: shrunk to fit when little is missing, or once it has been moved to a
        new page (ReportLab marks it `_postponed`) and is taller than the whole frame; else moved on."""
        w, h = self.wrap(available_width, available_height)
        if available_height > 0 and (getattr(self, "_postponed", 0) or available_height >= SHRINK_AT_MOST * h):
            return [Figure(self.path, self.pixels, w * min(1.0, available_height / h), self.spaceBefore,
                           self.spaceAfter)]
        return []

    def draw(self):
        self.canv.drawImage(self.path, 0, 0, self.drawWidth, self.drawHeight, mask="auto")


class Logo(Flowable):
    """An image fitted into a `width` × `height` box without distortion, centred in it, and a link
    to `url` over it when one is given (the e-mail edition keeps links; print has no use for them)."""

    def __init__(self, path: str, pixels: tuple[int, int], width: float, height: float, url: str | None = None):
        super().__init__()
        self.path, self.pixels, self.url = path, pixels, url
        self.width, self.height = width, height
        scale = min(width / pixels[0], height / pixels[1])
        self.drawWidth, self.drawHeight = pixels[0] * scale, pixels[1] * scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        x, y = (self.width - self.drawWidth) / 2, (self.height - self.drawHeight) / 2
        self.canv.drawImage(self.path, x, y, self.drawWidth, self.drawHeight, mask="auto")
        if self.url:
            self.canv.linkURL(self.url, (x, y, x + self.drawWidth, y + self.drawHeight), relative=1, thickness=0)
