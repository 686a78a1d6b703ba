"""The words on the front cover, drawn as a transparent page that assemble lays
over the layout's cover artwork: the artwork stays the designer's, the title
and dates come from the content."""
from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from ..pdf.join import retagged
from ..typeset.flowables import Paragraph


def render(ctx) -> bytes | None:
    layout, styles, c = ctx.layout, ctx.styles, ctx.conference
    if layout.cover_text_top is None or "front" not in layout.covers:
        return None
    width, height = layout.page_size
    m = layout.margins
    story = []
    if c.short:
        story.append(Paragraph(ctx.texts.plain(c.short), styles["cover short"]))
    story.append(Paragraph(ctx.texts.plain(c.title), styles["cover title"]))
    story.append(Paragraph(ctx.texts.plain(ctx.dates), styles["cover line"]))
    if c.venue:
        story.append(Paragraph(ctx.texts.plain(c.venue), styles["cover line"]))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=layout.page_size, invariant=1, initialFontName=ctx.fonts.resolve("sans"))
    frame = Frame(m.outer, m.bottom, width - 2 * m.outer, height - layout.cover_text_top - m.bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    frame.addFromList(story, canvas)
    canvas.showPage()
    canvas.save()
    return retagged(buffer.getvalue(), b"Y")   # its font subsets meet the body's in one file
