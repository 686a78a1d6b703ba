"""Booklet sections: each a function from a `SectionContext` to flowables.

A section with nothing to show returns []. The layout decides which sections
appear and in which order; `SECTIONS` maps each name to its builder and the
page family (plain, body, index) its pages use. The organiser's own pages
(content/pages/*.md) are sections too, one per page, placed among the layout's
by `running_order`.
"""
from __future__ import annotations

import dataclasses

from ..content.inserts import SECTION_NAMES
from ..content.model import Conference, Page
from ..layout.definition import Layout
from ..typeset.context import SectionContext
from . import abstracts, changes, colophon, committees, glance, index, pages, posters, programme, sponsors, title, toc

# name → (builder, page family); typeset.document lays them out in the layout's order.
SECTIONS = {
    "title": (title.build, "plain"),
    "colophon": (colophon.build, "plain"),
    "changes": (changes.build, "body"),
    "committees": (committees.build, "body"),
    "contents": (toc.build, "body"),
    "glance": (glance.build, "body"),
    "programme": (programme.build, "body"),
    "abstracts": (abstracts.build, "body"),
    "posters": (posters.build, "body"),
    "index": (index.build, "index-first"),
    "sponsors": (sponsors.build, "body"),
}

FRONT_MATTER = ("title", "colophon", "changes")   # `place: front` is after these, before everything else


def running_order(layout: Layout, conference: Conference) -> tuple[Layout, dict]:
    """The layout with the organiser's pages placed among its sections (and those that open on a
    right-hand page added to its start_on_right), and the builders of all of them."""
    if not conference.pages:
        return layout, SECTIONS
    names = list(layout.sections)
    slots = sorted(((_slot(page, names), page.order, page.name), page) for page in conference.pages)
    order: list[str] = []
    for i in range(len(names) + 1):
        order += [pages.section_name(page) for (slot, _, _), page in slots if slot[0] == i]
        if i < len(names):
            order.append(names[i])
    right = tuple(layout.start_on_right) + tuple(pages.section_name(p) for p in conference.pages if p.start_right)
    builders = dict(SECTIONS)
    builders.update({pages.section_name(p): (pages.builder(p), "body") for p in conference.pages})
    return dataclasses.replace(layout, sections=tuple(order), start_on_right=right), builders


def _slot(page: Page, names: list[str]) -> tuple[int, int]:
    """(the index in `names` the page goes before, and among pages there: after-pages first)."""
    if page.place == "front":
        lead = 0
        while lead < len(names) and names[lead] in FRONT_MATTER:
            lead += 1
        return lead, 1
    if page.place == "back":
        return len(names), 2
    after = page.place == "after"
    if page.section in names:
        return names.index(page.section) + (1 if after else 0), 0 if after else 1
    # a section this layout leaves out: where it would be, before the next one the layout has
    later = SECTION_NAMES[SECTION_NAMES.index(page.section) + 1:]
    return next((names.index(s) for s in later if s in names), len(names)), 0 if after else 1


__all__ = ["SECTIONS", "SectionContext", "running_order"]
