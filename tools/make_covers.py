"""Draw the shipped layouts' cover artwork: layouts/{a5,a4,half-letter}/covers/{front,back}.pdf.

The artwork carries no words: booklet prints the conference's title over the
front cover at build time (layout.yaml, covers.text_top). Each page is the trim
size plus 3 mm of bleed on every side (the layouts' `print: bleed:`), with its
TrimBox and BleedBox set: the background runs off the trimmed edge, and booklet
crops it at the trim for the email edition. Run again after changing the design:

    python tools/make_covers.py
"""
from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import inch, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
DEEP, MID, LIGHT, PALE = HexColor("#07384f"), HexColor("#0a5a7c"), HexColor("#3d8fb0"), HexColor("#c9e3ee")
BLEED = 3 * mm
SIZES = {"a5": A5, "a4": A4, "half-letter": (5.5 * inch, 8.5 * inch)}


class Cover:
    """One layout's covers; lengths are drawn for A5 and scaled with the page width."""

    def __init__(self, size: tuple[float, float]):
        self.w, self.h = size
        self.s = self.w / A5[0]

    def rings(self, c: Canvas, cx: float, cy: float, count: int, colour, width: float) -> None:
        """Concentric rings, like a diffraction pattern, fading outwards."""
        c.setStrokeColor(colour)
        for i in range(1, count + 1):
            c.setStrokeAlpha(max(0.08, 0.6 - i * 0.035))
            c.setLineWidth(width * (1 + (i % 3) * 0.4) * self.s)
            c.circle(cx, cy, i * 6.5 * mm * self.s, stroke=1, fill=0)
        c.setStrokeAlpha(1)

    def detector(self, c: Canvas, x0: float, y0: float, cols: int, rows: int) -> None:
        """A field of pixels whose brightness follows a smooth signal."""
        pitch = 4.2 * mm * self.s
        for i in range(cols):
            for j in range(rows):
                v = 0.5 + 0.5 * math.sin(i * 0.55) * math.cos(j * 0.42 + i * 0.13)
                c.setFillColor(PALE)
                c.setFillAlpha(0.05 + 0.35 * v * v)
                c.rect(x0 + i * pitch, y0 + j * pitch, pitch * 0.78, pitch * 0.78, stroke=0, fill=1)
        c.setFillAlpha(1)

    def background(self, c: Canvas) -> None:
        """Two colour fields, drawn out to the bleed edge."""
        c.setFillColor(DEEP)
        c.rect(-BLEED, -BLEED, self.w + 2 * BLEED, self.h + 2 * BLEED, stroke=0, fill=1)
        c.setFillColor(MID)
        c.rect(-BLEED, -BLEED, self.w + 2 * BLEED, self.h * 0.42 + BLEED, stroke=0, fill=1)

    def page(self, c: Canvas) -> None:
        """Start a page: boxes set, origin moved to the trim's lower-left corner."""
        w, h = self.w + 2 * BLEED, self.h + 2 * BLEED
        c.setTrimBox((BLEED, BLEED, BLEED + self.w, BLEED + self.h))
        c.setBleedBox((0, 0, w, h))
        c.translate(BLEED, BLEED)

    def front(self, c: Canvas) -> None:
        s, w, h = self.s, self.w, self.h
        self.page(c)
        self.background(c)
        self.rings(c, w * 0.82, h * 0.18, 22, LIGHT, 0.6)
        self.detector(c, 14 * mm * s, 14 * mm * s, 12, 9)
        c.setFillColor(PALE)
        c.rect(14 * mm * s, h - 58 * mm * s, 22 * mm * s, 1.6 * mm * s, stroke=0, fill=1)  # bar above the title
        c.showPage()
        self.page(c)
        c.showPage()  # inside front cover: left white

    def back(self, c: Canvas) -> None:
        s, w, h = self.s, self.w, self.h
        self.page(c)
        c.showPage()  # inside back cover: left white
        self.page(c)
        self.background(c)
        self.rings(c, w * 0.18, h * 0.82, 18, LIGHT, 0.6)
        self.detector(c, w - 14 * mm * s - 8 * 4.2 * mm * s, 14 * mm * s, 8, 5)
        c.showPage()


def main() -> None:
    # The artwork has no text, but a canvas names a start font on every page:
    # make it an embedded one, so no non-embedded Helvetica reaches the print shop.
    pdfmetrics.registerFont(TTFont("NotoSans-Regular", str(ROOT / "fonts" / "NotoSans-Regular.ttf")))
    for layout, size in SIZES.items():
        out = ROOT / "layouts" / layout / "covers"
        out.mkdir(parents=True, exist_ok=True)
        cover = Cover(size)
        for name in ("front", "back"):
            path = out / f"{name}.pdf"
            c = Canvas(str(path), pagesize=(size[0] + 2 * BLEED, size[1] + 2 * BLEED), invariant=1,
                       initialFontName="NotoSans-Regular")
            c.setTitle(f"booklet {layout} cover ({name})")
            getattr(cover, name)(c)
            c.save()
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
