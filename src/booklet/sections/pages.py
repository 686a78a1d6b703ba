"""The organiser's own pages (content/pages/*.md), each a section of its own.

A page is set like every other section: its title opens it (link target, outline entry,
contents entry unless `contents: false`, running head), and its body is Markdown in the
layout's "page ..." styles: headings, paragraphs, lists, quotes, pipe tables, images
and rules, in one column or two. `sections.running_order` places the pages among the
layout's sections.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.platypus.flowables import BalancedColumns, HRFlowable

from ..content.model import Page
from ..typeset.conversion import page_column
from ..typeset.crossref import section_anchor
from ..typeset.flowables import Mark, Paragraph, anchored
from .common import _indented, _variant, figure, table

PREFIX = "page:"   # a page's section name is "page:" and its file's stem


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
            out += figure(ctx, page.images.get(block.src), block, column)
        elif block.kind == "rule":
            out.append(HRFlowable(width="100%", thickness=0.4, color=colors.HexColor(ctx.layout.colours["rule"]),
                                  spaceBefore=4, spaceAfter=6))
        else:
            style = styles["page text"]
            if page.columns > 1:   # a narrow column justified opens wide gaps between words
                style = _variant(style, "ragged", alignment=TA_LEFT)
            out.append(Paragraph(block.markup, style))
    return out
