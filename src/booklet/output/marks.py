"""What the print editions draw themselves, with ReportLab: crop marks, the slug
line, fold marks on imposed sheets, and notes pages that pad the body.

Each function returns a small PDF (bytes) that the editions lay over or between
the booklet's pages with pypdf, so the render stage never has to know about
print. Every drawing starts from the layout's own embedded font (a canvas
names a start font on every page), never a non-embedded Helvetica. Marks are
stroked in the registration colour (Separation /All): they print on every plate.
"""
from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ..layout.print_settings import PrintSpec
from ..pdf.join import retagged
from ..text.escape import esc

REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")
SLUG_SIZE = 5.0   # points: the job line under each print-edition page


def corner_marks(c: Canvas, box: tuple[float, float, float, float], offset: float, length: float) -> None:
    """Eight short lines continuing the trim's edges outwards, `offset` away from each corner."""
    x0, y0, x1, y1 = box
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            c.line(x + dx * offset, y, x + dx * (offset + length), y)      # horizontal, along the top/bottom edge
            c.line(x, y + dy * offset, x, y + dy * (offset + length))      # vertical, along the side edge


def crop_marks(labels: list[str], trim: tuple[float, float], spec: PrintSpec, font: str, slug: str) -> bytes:
    """One overlay page per print-edition page: crop marks around the trim, and a slug line naming the
    job and the page, in the margin outside the bleed."""
    m, (w, h) = spec.margin, trim
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(w + 2 * m, h + 2 * m), invariant=1, initialFontName=font)
    for label in labels:
        c.setStrokeColor(REGISTRATION)
        c.setFillColor(REGISTRATION)
        if spec.marks:
            c.setLineWidth(spec.marks.weight)
            corner_marks(c, (m, m, m + w, m + h), spec.mark_offset, spec.marks.length)
        if m - spec.bleed >= 1.5 * SLUG_SIZE:        # room below the bleed (none without marks)
            c.setFont(font, SLUG_SIZE)
            c.drawString(m + spec.mark_offset, (m - spec.bleed - SLUG_SIZE) / 2, f"{slug} · {label}")
        c.showPage()
    c.save()
    return retagged(buffer.getvalue(), b"X")   # its font subsets meet the body's on each page


def sheet_marks(sides: int, sheet: tuple[float, float], spread: tuple[float, float, float, float],
                spec: PrintSpec, font: str) -> bytes | None:
    """Crop marks around the spread and fold marks at its spine, on a sheet larger than the spread;
    None when the sheet leaves no room for them (A5 on A4 fits exactly)."""
    if spec.marks is None:
        return None
    x0, y0, x1, y1 = spread
    room = min(x0, y0, sheet[0] - x1, sheet[1] - y1)
    offset, length = spec.mark_offset, spec.marks.length
    if room < offset + length:
        return None
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=sheet, invariant=1, initialFontName=font)
    spine = (x0 + x1) / 2
    for _ in range(sides):
        c.setStrokeColor(REGISTRATION)
        c.setLineWidth(spec.marks.weight)
        corner_marks(c, spread, offset, length)
        c.setDash(2, 1.5)
        c.line(spine, y0 - offset, spine, y0 - offset - length)
        c.line(spine, y1 + offset, spine, y1 + offset + length)
        c.setDash()
        c.showPage()
    c.save()
    return retagged(buffer.getvalue(), b"W")


def notes_pages(numbers: list[int], ctx) -> bytes:
    """Pages for notes that pad the body: the layout's word for "Notes", ruled lines, the folio where the
    body pages have it (outer corner; odd numbers are right-hand pages)."""
    layout, styles = ctx.layout, ctx.styles
    (w, h), m = layout.page_size, layout.margins
    heading = styles["section title"]
    rule_gap = 2 * styles["body"].leading
    folio = styles["folio"]
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(w, h), invariant=1, initialFontName=folio.fontName)
    for number in numbers:
        recto = number % 2 == 1
        left = m.inner if recto else m.outer
        right = w - (m.outer if recto else m.inner)
        title = Paragraph(esc(ctx.labels.get("notes", "Notes")), heading)
        _, th = title.wrap(right - left, h)
        top = h - m.top
        title.drawOn(c, left, top - th)
        c.setStrokeColor(colors.HexColor(layout.colours["rule"]))
        c.setLineWidth(0.4)
        y = top - th - heading.spaceAfter - rule_gap
        while y >= m.bottom:
            c.line(left, y, right, y)
            y -= rule_gap
        c.setFont(folio.fontName, folio.fontSize)
        c.setFillColor(folio.textColor)
        if recto:
            c.drawRightString(right, layout.foot, str(number))
        else:
            c.drawString(left, layout.foot, str(number))
        c.showPage()
    c.save()
    return retagged(buffer.getvalue(), b"V")
