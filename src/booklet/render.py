"""Render stage: section flowables → the booklet's body PDF (bytes).

`BookletDoc` is a ReportLab document with facing pages: every page family
(plain, body, index) exists as a recto and a verso variant with mirrored
margins, chosen by page parity. The booklet is laid out once: page numbers
that look back are written when layout reaches them, those that look forward
are PDF forms filled in at the end (see crossref.py).
"""
from __future__ import annotations

import io
import time
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

from .canvastext import draw_text, fit, text_width
from . import speedups
from .crossref import PageRefs
from .errors import Diagnostics
from .flowables import BlockEnd, Mark, StartOn, WriteForms
from .layouts import Layout
from .progress import Progress
from .sections import SECTIONS, SectionContext


@dataclass(frozen=True, slots=True)
class Rendered:
    pdf: bytes
    pages: int
    refs: PageRefs
    timings: dict[str, float] = field(default_factory=dict)   # "compose:<section>", "section:<section>", "render:save"


CONTENTS = "contents"  # composed last: it lists the headings the other sections carry

# Binary (Flate-only) streams: ASCII85 around them only made files larger and saving slower.
rl_config.useA85 = 0
speedups.install()   # exact, faster number formatting and string escaping in ReportLab


def render(ctx: SectionContext, diag: Diagnostics, *, metadata: dict, progress: Progress | None = None) -> Rendered:
    """Lay the booklet out once. The sections are composed first, the contents last, from the
    headings the others carry; page numbers are then written as layout finds them (see crossref).
    Each section's composing and laying out is timed (`Rendered.timings`) and reported to `progress`."""
    refs = PageRefs()
    ctx = ctx.with_refs(refs)
    laps = Laps(progress)
    sections = {name: _compose_section(ctx, name, laps) for name in ctx.layout.sections if name != CONTENTS}
    refs.toc = tuple(toc_entries(flowable for part in sections.values() for flowable in part))
    refs.placed.update(anchors(flowable for part in sections.values() for flowable in part))
    if CONTENTS in ctx.layout.sections:
        sections[CONTENTS] = _compose_section(ctx, CONTENTS, laps)
        refs.placed.update(anchors(sections[CONTENTS]))
    laps.start(None)
    story = compose(ctx, sections)
    refs.toc = tuple(toc_entries(story))  # the contents' own heading too, in reading order
    buffer = io.BytesIO()
    doc = BookletDoc(buffer, ctx, metadata, laps)
    story += [Lap("render:save"), WriteForms(refs.forms)]
    del sections  # from here only the story holds the flowables, and layout lets go of them page by page
    doc.build(story)
    laps.start(None)
    if tuple(doc.toc) != refs.toc:
        diag.warn(None, "the contents list other headings than the booklet prints; please report this")
    return Rendered(buffer.getvalue(), doc.page, refs, laps.timings)


def _compose_section(ctx: SectionContext, name: str, laps: Laps) -> list:
    laps.start(f"compose:{name}")
    return SECTIONS[name][0](ctx)


def toc_entries(story: list):
    """(text, level, anchor) of every heading that goes into the contents, in reading order."""
    for mark in _marks(story):
        if mark.anchor and mark.outline and mark.toc:
            yield (mark.outline[0], mark.outline[1], mark.anchor)


def anchors(story: list):
    for mark in _marks(story):
        if mark.anchor:
            yield mark.anchor


def _marks(story: list):
    for flowable in story:
        mark = getattr(flowable, "booklet_mark", None)
        if mark:
            yield mark
        inner = getattr(flowable, "_content", None)
        if inner:
            yield from _marks(inner)


def compose(ctx: SectionContext, sections: dict[str, list]) -> list:
    """The sections' flowables in the layout's order, each starting on a new page of its family."""
    story: list = []
    for name in ctx.layout.sections:
        flowables = sections.get(name)
        if not flowables:
            continue
        first = not story
        story += [Lap(f"section:{name}"), NextPageTemplate(f"{SECTIONS[name][1]}:recto")]
        if name in ctx.layout.start_on_right:
            story.append(StartOn("recto"))
        elif not first:
            story.append(PageBreak())
        story.extend(flowables)
    return story


class Laps:
    """Wall time of the named parts of the render stage, each part ending where the next starts;
    tells `progress` which part runs and how many pages are done."""

    def __init__(self, progress: Progress | None = None):
        self.timings: dict[str, float] = {}
        self.progress, self.pages = progress, 0
        self.part: str | None = None
        self.since = 0.0

    def start(self, part: str | None) -> None:
        """End the running part, if any, and start `part` (None: only end it)."""
        now = time.perf_counter()
        if self.part:
            self.timings[self.part] = self.timings.get(self.part, 0.0) + now - self.since
        self.part, self.since = part, now
        if part and self.progress:
            self.progress(part, self.pages)

    def page_done(self, page: int) -> None:
        self.pages = page
        if self.part and self.progress:
            self.progress(self.part, page)


class Lap(ActionFlowable):
    """Zero-size and never drawn: layout has reached the start of `part` (a section, the final save)."""

    def __init__(self, part: str):
        super().__init__(("lap", part))


class BookletDoc(BaseDocTemplate):
    def __init__(self, target, ctx: SectionContext, metadata: dict, laps: Laps):
        layout = ctx.layout
        self.ctx, self.laps = ctx, laps   # times the sections, counts the pages
        self.page_of: dict[str, int] = ctx.refs.pages   # filled in as anchors are placed
        self.toc: list[tuple[str, int, str]] = []
        super().__init__(target, pagesize=layout.page_size, invariant=1, initialFontName=ctx.fonts.resolve("serif"),
                         leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, **metadata)
        self._variants = {t.id: t for t in self._page_templates(layout)}
        self.addPageTemplates(list(self._variants.values()))

    # -- page templates -------------------------------------------------------
    def _page_templates(self, layout: Layout) -> list[PageTemplate]:
        out = []
        columns = layout.index_columns
        families = (("plain", 1, 0.0), ("body", 1, 0.0), ("index-first", columns, layout.index_header),
                    ("index", columns, 0.0))
        for family, n, header in families:
            for side in ("recto", "verso"):
                out.append(PageTemplate(id=f"{family}:{side}", frames=_frames(layout, side, n, header),
                                        onPageEnd=self._decorate, pagesize=layout.page_size))
        return out

    def handle_pageBegin(self):
        family = self.pageTemplate.id.split(":")[0]
        side = "recto" if (self.page + 1) % 2 else "verso"
        self.pageTemplate = self._variants[f"{family}:{side}"]
        self.carried_block = self.block
        self.opens_section = False
        super().handle_pageBegin()

    def afterPage(self):
        self.laps.page_done(self.page)

    def handle_lap(self, part: str):  # what a Lap in the story asks for
        self.laps.start(part)

    def beforeDocument(self):
        self.section, self.block, self.carried_block, self.opens_section = "", None, None, False
        self.canv.showOutline()

    # -- what the flowables tell us ------------------------------------------
    def afterFlowable(self, flowable):
        if isinstance(flowable, BlockEnd):
            self.block = None
            return
        mark: Mark | None = getattr(flowable, "booklet_mark", None)
        if mark is None:
            return
        if mark.anchor:
            self.page_of.setdefault(mark.anchor, self.page)
            if mark.outline:
                text, level = mark.outline
                self.canv.addOutlineEntry(text, mark.anchor, level=level, closed=level >= 1)
                if mark.toc:
                    self.toc.append((text, level, mark.anchor))
        if mark.section is not None:
            self.section, self.opens_section = mark.section, True
        if mark.block is not None:
            self.block = mark.block

    # -- running head and folio -------------------------------------------------
    def _decorate(self, canvas, doc):
        family, side = self.pageTemplate.id.split(":")
        if family == "plain" or self._curPageFlowableCount == 0:  # a title page, or a page left blank
            return
        layout, styles = self.ctx.layout, self.ctx.styles
        width, height = layout.page_size
        m = layout.margins
        outer_x = width - m.outer if side == "recto" else m.outer
        canvas.saveState()
        folio = styles["folio"]
        canvas.setFont(folio.fontName, folio.fontSize)
        canvas.setFillColor(folio.textColor)
        draw = canvas.drawRightString if side == "recto" else canvas.drawString
        draw(outer_x, layout.foot, str(self.page))
        head = self._running_head(side)
        if head:
            style = styles["running head"]
            fallbacks = self.ctx.texts.rich.fallbacks
            canvas.setFillColor(style.textColor)
            y = height - layout.head
            head = fit(head, style.fontName, style.fontSize, width - m.inner - m.outer, fallbacks)
            x = outer_x - (text_width(head, style.fontName, style.fontSize, fallbacks) if side == "recto" else 0)
            draw_text(canvas, x, y, head, style.fontName, style.fontSize, fallbacks)
            canvas.setStrokeColor(colors.HexColor(layout.colours["rule"]))
            canvas.setLineWidth(0.4)
            canvas.line(m.inner if side == "recto" else m.outer, y - 3, outer_x if side == "recto" else width - m.inner,
                        y - 3)
        canvas.restoreState()

    def _running_head(self, side: str) -> str:
        if self.carried_block:
            return f"{self.carried_block} ({self.ctx.labels['continued']})"
        if self.opens_section:
            return ""
        return self.section if side == "recto" else (self.ctx.conference.short or self.ctx.conference.title)


def _frames(layout: Layout, side: str, columns: int, header: float) -> list[Frame]:
    """Text frames of one page: an optional full-width header, then `columns` columns."""
    width, height = layout.page_size
    m = layout.margins
    left = m.inner if side == "recto" else m.outer
    text_width, text_height = width - m.inner - m.outer, height - m.top - m.bottom
    gap = layout.index_gap
    column = (text_width - gap * (columns - 1)) / columns
    frames = []
    if header:
        frames.append(Frame(left, m.bottom + text_height - header, text_width, header, id="header",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))
    frames += [Frame(left + i * (column + gap), m.bottom, column, text_height - header, id=f"column{i}",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for i in range(columns)]
    return frames

