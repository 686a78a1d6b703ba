"""Cross-references: anchor names, and the page each anchor landed on.

Rendering runs until the page of every anchor is known and stable (see
render.py); until then a page number prints as a placeholder of similar width.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Contribution, Session

PLACEHOLDER = "00"


def contribution_anchor(c: Contribution) -> str:
    return f"c-{c.id}"


def session_anchor(s: Session) -> str:
    return f"s-{s.id}"


def programme_session_anchor(s: Session) -> str:
    """The session in the detailed programme (grid blocks and abstracts link here)."""
    return f"p-{s.id}"


def section_anchor(name: str) -> str:
    return f"section-{name}"


@dataclass
class PageRefs:
    """What the previous layout pass found: anchor → printed page, and the
    table-of-contents entries as (text, level, anchor) in reading order."""

    pages: dict[str, int] = field(default_factory=dict)
    toc: tuple[tuple[str, int, str], ...] = ()

    def page(self, anchor: str) -> str:
        number = self.pages.get(anchor)
        return str(number) if number is not None else PLACEHOLDER

    def link(self, anchor: str, text: str | None = None) -> str:
        """Markup for a clickable page number (or `text`) leading to `anchor`.

        Only anchors the previous pass placed are linked: a link to a target that is not
        in the document would make the PDF invalid (ReportLab refuses to write it)."""
        shown = text if text is not None else self.page(anchor)
        return f'<a href="#{anchor}">{shown}</a>' if anchor in self.pages else shown

    def known(self, anchor: str) -> bool:
        """Whether `anchor` was placed, or nothing is known yet (the first pass)."""
        return not self.pages or anchor in self.pages
