"""The sponsors' logos on the outside back cover, when the layout asks for them
(`sponsors: {back_cover: true}`): a transparent page that assemble lays over the cover
artwork, with the logos in rows on a panel of the layout's "cover panel" colour."""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from ..pdf.join import retagged
from ..typeset.figures import Logo

PER_ROW = 4          # logos in a row
BOX_RATIO = 0.5      # a logo's box is half as high as it is wide
GAP = 0.12           # of a box's width: around each logo, inside the panel


def render(ctx) -> bytes | None:
    layout, sponsors = ctx.layout, [s for s in ctx.conference.sponsors if s.logo]
    if not (layout.sponsors_on_back_cover and sponsors and "back" in layout.covers):
        return None
    width, height = layout.page_size
    m = layout.margins
    cell = (width - 2 * m.outer) / PER_ROW
    box_w = cell * (1 - GAP)
    box_h = box_w * BOX_RATIO
    rows = [sponsors[i:i + PER_ROW] for i in range(0, len(sponsors), PER_ROW)]
    panel_h = len(rows) * (box_h + cell * GAP) + cell * GAP
    buffer = io.BytesIO()
    font = f"{ctx.fonts.resolve('sans')}|{ctx.fonts.resolve('sans-bold')}"
    canvas = Canvas(buffer, pagesize=layout.page_size, invariant=1, initialFontName=ctx.fonts.resolve("sans"))
    canvas.setFillColor(colors.HexColor(layout.colours.get("cover panel", layout.colours["cover text"])))
    canvas.roundRect(m.outer, m.bottom, width - 2 * m.outer, panel_h, cell * GAP / 2, stroke=0, fill=1)
    for r, row in enumerate(rows):
        y = m.bottom + panel_h - cell * GAP - (r + 1) * box_h - r * cell * GAP
        x0 = m.outer + (width - 2 * m.outer - len(row) * cell) / 2     # a short last row is centred
        for c, sponsor in enumerate(row):
            logo = Logo(str(sponsor.logo.path), sponsor.logo.pixels, box_w, box_h, None, font)
            logo.drawOn(canvas, x0 + c * cell + (cell - box_w) / 2, y)
    canvas.showPage()
    canvas.save()
    return retagged(buffer.getvalue(), b"U")   # its font subsets (an SVG logo's text) meet the body's
