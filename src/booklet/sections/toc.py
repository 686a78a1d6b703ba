"""Table of contents: sections and their sessions, with linked page numbers.

The entries are the headings the composed story carries, read before layout;
their page numbers are filled in when the booklet is laid out.
"""
from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from ..typeset.crossref import section_anchor
from ..typeset.flowables import Paragraph
from .common import column_width, page_number_sample, section_title


def build(ctx) -> list:
    own = section_anchor("contents")
    entries = [e for e in ctx.refs.toc if e[2] != own]
    rows = []
    for text, level, anchor in entries:
        style = ctx.styles["contents section" if level == 0 else "contents entry"]
        link = f'<a href="#{anchor}">{ctx.texts.plain(text)}</a>'
        rows.append([Paragraph(link, style), ctx.refs.number(anchor, ctx.styles["contents page"])])
    if not rows:  # only while the headings are being collected (typeset.document.toc_entries)
        rows = [["", ""]]
    page_width = column_width(ctx.styles["contents page"], page_number_sample(ctx))
    table = Table(rows, colWidths=[ctx.text_width - page_width, page_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 8),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return [section_title(ctx, "contents"), table]

