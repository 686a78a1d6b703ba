"""Draw the default layout's cover artwork: layouts/a5/covers/{front,back}.pdf.

The artwork carries no words: booklet prints the conference's title over the
front cover at build time (layout.yaml, covers.text_top). Run again after
changing the design:  python tools/make_covers.py
"""
from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "layouts" / "a5" / "covers"
DEEP, MID, LIGHT, PALE = HexColor("#07384f"), HexColor("#0a5a7c"), HexColor("#3d8fb0"), HexColor("#c9e3ee")
W, H = A5


def rings(c: Canvas, cx: float, cy: float, count: int, step: float, colour, width: float) -> None:
    """Concentric rings, like a diffraction pattern, fading outwards."""
    c.setStrokeColor(colour)
    for i in range(1, count + 1):
        c.setStrokeAlpha(max(0.08, 0.6 - i * 0.035))
        c.setLineWidth(width * (1 + (i % 3) * 0.4))
        c.circle(cx, cy, i * step, stroke=1, fill=0)
    c.setStrokeAlpha(1)


def detector(c: Canvas, x0: float, y0: float, cols: int, rows: int, pitch: float) -> None:
    """A field of pixels whose brightness follows a smooth signal."""
    for i in range(cols):
        for j in range(rows):
            v = 0.5 + 0.5 * math.sin(i * 0.55) * math.cos(j * 0.42 + i * 0.13)
            c.setFillColor(PALE)
            c.setFillAlpha(0.05 + 0.35 * v * v)
            c.rect(x0 + i * pitch, y0 + j * pitch, pitch * 0.78, pitch * 0.78, stroke=0, fill=1)
    c.setFillAlpha(1)


def background(c: Canvas) -> None:
    c.setFillColor(DEEP)
    c.rect(0, 0, W, H, stroke=0, fill=1)
    c.setFillColor(MID)
    c.rect(0, 0, W, H * 0.42, stroke=0, fill=1)


def front(c: Canvas) -> None:
    background(c)
    rings(c, W * 0.82, H * 0.18, 22, 6.5 * mm, LIGHT, 0.6)
    detector(c, 14 * mm, 14 * mm, 12, 9, 4.2 * mm)
    c.setFillColor(PALE)
    c.rect(14 * mm, H - 58 * mm, 22 * mm, 1.6 * mm, stroke=0, fill=1)   # accent bar above the title
    c.showPage()
    c.showPage()  # inside front cover: left white


def back(c: Canvas) -> None:
    c.showPage()  # inside back cover: left white
    background(c)
    rings(c, W * 0.18, H * 0.82, 18, 6.5 * mm, LIGHT, 0.6)
    detector(c, W - 14 * mm - 8 * 4.2 * mm, 14 * mm, 8, 5, 4.2 * mm)
    c.showPage()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # The artwork has no text, but a canvas names a start font on every page:
    # make it an embedded one, so no non-embedded Helvetica reaches the print shop.
    pdfmetrics.registerFont(TTFont("NotoSans-Regular", str(ROOT / "fonts" / "NotoSans-Regular.ttf")))
    for name, draw in (("front", front), ("back", back)):
        c = Canvas(str(OUT / f"{name}.pdf"), pagesize=A5, invariant=1, initialFontName="NotoSans-Regular")
        c.setTitle(f"booklet default cover ({name})")
        draw(c)
        c.save()
        print(f"wrote {OUT / name}.pdf")


if __name__ == "__main__":
    main()
