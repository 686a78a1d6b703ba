"""The sponsors of conference.yaml: a grid of logos per tier, in the tiers' order.

The first tier's logos are the largest (`COLUMNS`: logos per row by tier); every logo is
fitted into its box without distortion and links to the sponsor's site. A sponsor
without a logo is shown by name.
"""
from __future__ import annotations

from reportlab.platypus import KeepTogether, Table, TableStyle

from ..text.escape import attribute
from ..typeset.figures import Logo
from ..typeset.flowables import Paragraph
from .common import section_title, svg_fonts

COLUMNS = (2, 3, 4)    # logos per row in the first, second and later tiers
BOX_RATIO = 0.5        # a logo's box is half as high as it is wide
GAP = 0.08             # of a box's width, between logos


def build(ctx) -> list:
    sponsors = ctx.conference.sponsors
    if not sponsors:
        return []
    tiers: dict[str, list] = {}
    for sponsor in sponsors:
        tiers.setdefault(sponsor.tier, []).append(sponsor)
    out = [section_title(ctx, "sponsors")]
    for rank, (tier, members) in enumerate(tiers.items()):
        heading = [Paragraph(ctx.texts.plain(tier), ctx.styles["sponsor tier"])] if tier else []
        out.append(KeepTogether(heading + [_grid(ctx, members, COLUMNS[min(rank, len(COLUMNS) - 1)])]))
    return out


def _grid(ctx, sponsors: list, columns: int) -> Table:
    cell = ctx.text_width / columns
    box_w = cell * (1 - GAP)
    box_h = box_w * BOX_RATIO
    cells = [_logo(ctx, s, box_w, box_h) for s in sponsors]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[cell] * columns, rowHeights=[box_h + cell * GAP] * len(rows), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), ctx.fonts.resolve("sans"), 8),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _logo(ctx, sponsor, width: float, height: float):
    if sponsor.logo is None:
        name = ctx.texts.plain(sponsor.name)
        if sponsor.url:
            name = f"<a href={attribute(sponsor.url)}>{name}</a>"
        return Paragraph(name, ctx.styles["sponsor name"])
    return Logo(str(sponsor.logo.path), sponsor.logo.pixels, width, height, sponsor.url, svg_fonts(ctx))
