"""Booklet sections: each a function from a `SectionContext` to flowables.

A section with nothing to show returns []. The layout decides which sections
appear and in which order; `SECTIONS` maps each name to its builder and the
page family (plain, body, index) its pages use.
"""
from __future__ import annotations

from ..typeset.context import SectionContext
from . import abstracts, colophon, glance, index, posters, programme, title, toc

# name → (builder, page family); typeset.document lays them out in the layout's order.
SECTIONS = {
    "title": (title.build, "plain"),
    "colophon": (colophon.build, "plain"),
    "contents": (toc.build, "body"),
    "glance": (glance.build, "body"),
    "programme": (programme.build, "body"),
    "abstracts": (abstracts.build, "body"),
    "posters": (posters.build, "body"),
    "index": (index.build, "index-first"),
}

__all__ = ["SECTIONS", "SectionContext"]
