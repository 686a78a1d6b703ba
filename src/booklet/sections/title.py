"""The title page, worded by the layout's title.j2 template."""
from __future__ import annotations

from reportlab.platypus import Paragraph, Spacer


def build(ctx) -> list:
    return template_flowables(ctx, "title.j2")


def template_flowables(ctx, name: str) -> list:
    c = ctx.conference
    blocks = ctx.templates.blocks(name, conference=c, dates=ctx.dates, labels=ctx.labels, version=ctx.version,
                                  contributions=len(c.contributions), people=len(c.people))
    return [Spacer(0, value) if role is None else Paragraph(value, ctx.styles[role]) for role, value in blocks]
