"""2-up saddle-stitch imposition: the print edition's pages, two to a sheet side.

For n pages (n a multiple of 4, covers included) the outermost sheet carries,
on its front, the last page on the left and page 1 on the right, and on its back
page 2 on the left and the second-to-last on the right; each further sheet nests
inside the previous one. This is the order a print shop's own imposition uses for
a saddle-stitched booklet. Print the file double-sided, flipping on the short
edge, fold the stack in the middle and staple along the fold.

Pages are placed at their trim size, centred on the sheet (A5 pairs fill an A4
exactly, half-letter pairs a US Letter); where the sheet leaves room, crop marks
and fold marks are added around the spread. Sheets carry no links: a link's
destination would still point at the unimposed page.
"""
from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from ..layout.print_settings import PrintSpec
from .artwork import Artwork
from .assemble import BookPage
from .marks import sheet_marks
from .placing import Placer


def saddle_order(n: int) -> list[tuple[int, int]]:
    """(left, right) page indices, 0-based, for each sheet side: front of sheet 1, back of sheet 1, ..."""
    if n % 4:
        raise ValueError(f"a saddle-stitched booklet has a multiple of 4 pages, not {n}")
    return [pair for s in range(n // 4) for pair in ((n - 1 - 2 * s, 2 * s), (2 * s + 1, n - 2 - 2 * s))]


def impose(pages: list[BookPage], trim: tuple[float, float], spec: PrintSpec, font: str) -> tuple[PdfWriter, int]:
    """A writer holding the imposed sheet sides (labels and metadata are the caller's), and the sheet count."""
    sheet = spec.sheet
    w, h = trim
    x0, y0 = (sheet[0] - 2 * w) / 2, (sheet[1] - h) / 2
    order = saddle_order(len(pages))
    overlay = sheet_marks(len(order), sheet, (x0, y0, x0 + 2 * w, y0 + h), spec, font)
    marks = PdfReader(io.BytesIO(overlay)).pages if overlay else None
    writer = PdfWriter()
    placer = Placer(writer)
    for side, (left, right) in enumerate(order):
        placed = placer.art(pages[left].art, trim, (x0, y0)) + placer.art(pages[right].art, trim, (x0 + w, y0))
        if marks:
            placed += placer.art(Artwork(marks[side], (0.0, 0.0), 0.0), sheet, (0.0, 0.0))
        placer.page(sheet, placed, boxes={"/TrimBox": (x0, y0, x0 + 2 * w, y0 + h)})
    return writer, len(order) // 2


def side_labels(sheets: int) -> list[str]:
    return [f"Sheet {s + 1} {face}" for s in range(sheets) for face in ("front", "back")]
