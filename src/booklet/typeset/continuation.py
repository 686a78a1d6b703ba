"""Rows that say where they belong when a page breaks inside their entry, and are cut
inside a row only when that row is taller than a page.

A long session in the programme runs on over pages; the rows that begin a page
carry the session's title and "(continued)" above them, so a reader who turns
the page, or opens the booklet there, knows whose talks these are.
"""
from __future__ import annotations

from reportlab.platypus import Flowable


class Continued(Flowable):
    """`content` (a table of rows, or a part of one) with `heading` drawn above it when it
    begins a frame and `continues` its entry. The frame says whether it is at its top: it
    sets `_frame` on a flowable before wrapping or splitting it."""

    def __init__(self, content: Flowable, heading: Flowable, continues: bool):
        super().__init__()
        self.content, self.heading, self.continues = content, heading, continues
        self.hAlign = getattr(content, "hAlign", "LEFT")
        self._headed, self._heading_height = False, 0.0

    def _frame_is_empty(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and frame._atTop)

    def _at_top(self) -> bool:
        return self.continues and self._frame_is_empty()

    def _measure_heading(self, width: float, height: float) -> float:
        self._headed = self._at_top()
        if not self._headed:
            return 0.0
        _, h = self.heading.wrap(width, height)
        return h + self.heading.getSpaceAfter()

    def wrap(self, available_width, available_height):
        self._heading_height = self._measure_heading(available_width, available_height)
        width, height = self.content.wrap(available_width, available_height - self._heading_height)
        self.width, self.height = width, height + self._heading_height
        self._content_height = height
        return self.width, self.height

    def split(self, available_width, available_height):
        heading = self._measure_heading(available_width, available_height)
        parts = self.content.split(available_width, available_height - heading)
        if not parts and self._frame_is_empty() and getattr(self.content, "splitInRow", 1) == 0:
            # One row is taller than a whole page (a panel of hundreds): only then is a row cut.
            self.content.splitInRow = 1
            parts = self.content.split(available_width, available_height - heading)
        if not parts:
            return []
        first, *rest = parts
        return [Continued(first, self.heading, self.continues)] + [Continued(p, self.heading, True) for p in rest]

    def draw(self):
        if self._headed:   # first, so that text extraction reads it first
            self.heading.drawOn(self.canv, 0, self._content_height + self.heading.getSpaceAfter())
        self.content.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):
        return self.content.getSpaceBefore()

    def getSpaceAfter(self):
        return self.content.getSpaceAfter()
