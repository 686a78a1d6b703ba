"""What a section builder is given: the conference, the layout and its styles, fonts and
templates, the words of the layout's language, and the page references found so far."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..content.compare import Changes
from ..content.model import Conference
from ..content.snapshot import Stamp
from ..layout.definition import Layout
from ..layout.fonts import FontSet
from ..layout.styles import Styles
from ..layout.templating import Templates
from .conversion import Texts
from .crossref import PageRefs


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
    selection: str = ""        # what a booklet built with --only holds, for its title page ("" for all)
    highlights: dict = field(default_factory=dict)   # session id → grid.Highlight stretches a handout's
                                                     # grid marks (a personal agenda's talks); {} in a booklet
    stamp: Stamp | None = None           # the programme's version and its date (content/snapshot.py)
    changes: Changes | None = None       # what changed since an earlier version (--changes-since)

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
