"""Booklet sections: each a function from a `SectionContext` to flowables.

A section with nothing to show returns []. The layout decides which sections
appear and in which order; `SECTIONS` maps each name to its builder and the
page family (plain, body, index) its pages use.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..crossref import PageRefs
from ..fonts import FontSet
from ..layouts import Layout
from ..model import Conference
from ..styles import Styles
from ..templating import Templates
from ..texts import Texts


@dataclass(frozen=True)
class SectionContext:
    conference: Conference
    layout: Layout
    styles: Styles
    fonts: FontSet
    labels: dict[str, str]
    templates: Templates
    dates: str                 # the conference dates, formatted for its language
    day_names: dict            # date → "Thursday, 23 September 2021"
    short_day_names: dict      # date → "Thu 23"
    version: str
    refs: PageRefs
    texts: "Texts"             # content strings as markup, converted once

    @property
    def text_width(self) -> float:
        m = self.layout.margins
        return self.layout.page_size[0] - m.inner - m.outer

    @property
    def text_height(self) -> float:
        m = self.layout.margins
        return self.layout.page_size[1] - m.top - m.bottom

    def with_refs(self, refs: PageRefs) -> "SectionContext":
        return dataclasses.replace(self, refs=refs)


from . import abstracts, colophon, contents, glance, index, posters, programme, title  # noqa: E402

SECTIONS = {
    "title": (title.build, "plain"),
    "colophon": (colophon.build, "plain"),
    "contents": (contents.build, "body"),
    "glance": (glance.build, "body"),
    "programme": (programme.build, "body"),
    "abstracts": (abstracts.build, "body"),
    "posters": (posters.build, "body"),
    "index": (index.build, "index-first"),
}
