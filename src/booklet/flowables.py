"""Small flowables and markers that carry booklet's metadata through ReportLab.

Sections attach what the document template must know (an anchor, an outline
entry, a running-head text) to the flowables themselves; `render.BookletDoc`
reads it in `afterFlowable`, when the flowable's page is known.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph


@dataclass(frozen=True, slots=True)
class Mark:
    anchor: str | None = None          # records the page; the paragraph holds <a name="…"/>
    outline: tuple[str, int] | None = None   # (text, level) bookmark in the PDF outline
    toc: bool = True                   # the outline entry also appears in the table of contents
    section: str | None = None         # running head text from here on
    block: str | None = None           # a contribution starts: "(continued)" cue if it crosses a page


def anchored(markup: str, style, mark: Mark) -> Paragraph:
    """A paragraph that is a link target and carries `mark` for the document."""
    prefix = f'<a name="{mark.anchor}"/>' if mark.anchor else ""
    para = Paragraph(prefix + markup, style)
    para.booklet_mark = mark
    return para


class BlockEnd(Flowable):
    """Zero-size marker: the contribution that began with a `block` mark ends here."""

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass
