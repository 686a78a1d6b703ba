"""The page behind the title: the booklet's imprint, from colophon.j2."""
from __future__ import annotations

from .title import template_flowables


def build(ctx) -> list:
    return template_flowables(ctx, "colophon.j2", "colophon")
