"""The organiser's own pages (content/pages/*.md), each a section of its own.

A page is set like every other section: its title opens it (link target, outline entry,
contents entry unless `contents: false`, running head), and its body is Markdown in the
layout's "page ..." styles: headings, paragraphs, lists, quotes, pipe tables, images
and rules, in one column or two. `sections.running_order` places the pages among the
layout's sections.
"""
from __future__ import annotations

import re

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import BalancedColumns, HRFlowable

from ..content.model import Page
from ..typeset.conversion import page_column
from ..typeset.crossref import section_anchor
from ..typeset.figures import Figure, natural_width, requested_width
from ..typeset.flowables import Mark, Paragraph, anchored
from ..typeset.speedups import string_width
from .common import _indented, _variant, svg_fonts

PREFIX = "page:"   # a page's section name is "page:" and its file's stem
CELL_PADDING = 3   # points left and right of a table cell's text
FRAME_SLACK = 12   # points a figure leaves free of a whole page's height (its space before, rounding)


def section_name(page: Page) -> str:
    return PREFIX + page.name


def builder(page: Page):
    """The section builder of one page."""
    return lambda ctx: build(ctx, page)


def build(ctx, page: Page) -> list:
    title = anchored(ctx.texts.plain(page.title), ctx.styles["section title"],
                     Mark(anchor=section_anchor(section_name(page)), outline=(page.title, 0), section=page.title,
                          toc=page.contents))
    body = body_flowables(ctx, page, ctx.texts.pages.get(page.name, []))
    if page.columns > 1 and body:
        return [title, BalancedColumns(body, nCols=page.columns, innerPadding=ctx.layout.index_gap, leftPadding=0,
                                       rightPadding=0, topPadding=0, bottomPadding=0, endSlack=0.1)]
    return [title] + body


def body_flowables(ctx, page: Page, blocks) -> list:
    styles, out = ctx.styles, []
    column = page_column(ctx.layout, page.columns)
    for block in blocks:
        if block.kind == "heading":
            out.append(Paragraph(block.markup, styles["page heading" if block.level <= 2 else "page subheading"]))
        elif block.kind in ("bullet", "number"):
            style = styles["page list"]
            indent = style.leftIndent * (block.depth + 1)
            out.append(Paragraph(block.markup, _indented(style, indent), bulletText=block.label or None))
        elif block.kind == "quote":
            style = styles["page quote"]
            out.append(Paragraph(block.markup, _variant(style, f"quote {block.depth}",
                                                        leftIndent=style.leftIndent * block.depth)))
        elif block.kind == "code":
            out.append(Paragraph(block.markup, styles["abstract code"]))
        elif block.kind == "table":
            out.append(table(ctx, block, column))
        elif block.kind == "image":
            out += figure(ctx, page, block, column)
        elif block.kind == "rule":
            out.append(HRFlowable(width="100%", thickness=0.4, color=colors.HexColor(ctx.layout.colours["rule"]),
                                  spaceBefore=4, spaceAfter=6))
        else:
            style = styles["page text"]
            if page.columns > 1:   # a narrow column justified opens wide gaps between words
                style = _variant(style, "ragged", alignment=TA_LEFT)
            out.append(Paragraph(block.markup, style))
    return out


def figure(ctx, page: Page, block, column: float) -> list:
    """The image, with its alt text as caption below; its alt text alone when the file is unknown
    (a web address, which booklet does not fetch)."""
    image = page.images.get(block.src)
    caption = Paragraph(block.markup, ctx.styles["page caption"]) if block.markup else None
    width = requested_width(block.width, column, natural_width(image)) if image else None
    if image is None or width is None:
        return [caption] if caption else []
    return [Figure(str(image.path), image.pixels, width, caption, max_height=ctx.text_height - FRAME_SLACK,
                   space_before=4, space_after=caption.style.spaceAfter if caption else 8,
                   font=svg_fonts(ctx))]


_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


def table(ctx, block, available: float) -> Table:
    """A pipe table: a bold header row, a rule under each row, columns as wide as their text
    needs, the widest ones sharing what is left when that is more than the column."""
    head, body = ctx.styles["page table head"], ctx.styles["page table"]
    ncols = max(len(row) for row in block.rows)
    aligns = list(block.aligns) + [""] * ncols

    def cell(markup: str, r: int, c: int) -> Paragraph:
        style = head if r == 0 else body
        if aligns[c] in _ALIGN:
            style = _variant(style, aligns[c], alignment=_ALIGN[aligns[c]])
        return Paragraph(markup, style)

    rows = [[cell(row[c] if c < len(row) else "", r, c) for c in range(ncols)] for r, row in enumerate(block.rows)]
    natural = [max(_text_width(row[c] if c < len(row) else "", head if r == 0 else body)
                   for r, row in enumerate(block.rows)) + 2 * CELL_PADDING for c in range(ncols)]
    widths = _share(natural, available)
    t = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
    rule = colors.HexColor(ctx.layout.colours["rule"])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, rule),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, rule),
    ]))
    t.spaceBefore, t.spaceAfter = 4, 8
    return t


def _share(natural: list[float], available: float) -> list[float]:
    """Column widths: the natural ones when they fit; else columns narrower than an equal share
    keep theirs and the wider ones divide the rest in proportion to what they need."""
    if sum(natural) <= available:
        return natural
    fair = available / len(natural)
    narrow = sum(w for w in natural if w <= fair)
    wide = sum(w for w in natural if w > fair)
    return [w if w <= fair else (available - narrow) * w / wide for w in natural]


def _text_width(markup: str, style) -> float:
    text = re.sub(r"<[^>]*>", "", markup)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
    return string_width(text.replace("&amp;", "&"), style.fontName, style.fontSize)

