"""Cross-references: anchor names, and the page each anchor lands on.

The booklet is laid out once. A page number that looks back (the index, an
abstract's "Programme p. 4") is written when layout reaches it, from the pages
found so far; one that looks forward (the contents, the programme's "p. N") is
drawn as a PDF form that is filled in when the document ends (flowables.PageForms).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import Contribution, Session
from .flowables import PageForms, PageNumber

PLACEHOLDER = "00"


def contribution_anchor(c: Contribution) -> str:
    return f"c-{c.id}"


def session_anchor(s: Session) -> str:
    return f"s-{s.id}"


def programme_session_anchor(s: Session) -> str:
    """The session in the detailed programme (grid blocks and abstracts link here)."""
    return f"p-{s.id}"


def programme_contribution_anchor(c: Contribution) -> str:
    """A contribution's row in the programme: what the index leads to when it has no abstract."""
    return f"pc-{c.id}"


def section_anchor(name: str) -> str:
    return f"section-{name}"


@dataclass
class PageRefs:
    """anchor → printed page, filled in while the document is laid out; the contents'
    entries as (text, level, anchor); and the anchors the story will place."""

    pages: dict[str, int] = field(default_factory=dict)
    toc: tuple[tuple[str, int, str], ...] = ()
    placed: set[str] = field(default_factory=set)
    forms: PageForms = None

    def __post_init__(self):
        if self.forms is None:
            self.forms = PageForms(self.pages, self.placed)

    def page(self, anchor: str) -> str:
        number = self.pages.get(anchor)
        return str(number) if number is not None else PLACEHOLDER

    def number(self, anchor: str, style, prefix: str = "") -> PageNumber:
        """A flowable with the page of `anchor`, wherever that anchor is (before or after)."""
        return PageNumber(anchor, style, self.forms, prefix)

    def link(self, anchor: str, text: str | None = None) -> str:
        """Markup for a clickable page number (or `text`) leading to `anchor`, which layout
        has already placed (use `number` for what comes later). Only placed anchors are linked:
        a link to a target that is not in the document would make the PDF invalid."""
        shown = text if text is not None else self.page(anchor)
        return f'<a href="#{anchor}">{shown}</a>' if anchor in self.pages else shown

    def known(self, anchor: str) -> bool:
        """Whether the story places `anchor` (a layout may leave out the section it was in)."""
        return anchor in self.placed
