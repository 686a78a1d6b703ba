"""Render stage: section flowables → the booklet's body PDF (bytes).

`BookletDoc` is a ReportLab document with facing pages: every page family
(plain, body, index) exists as a recto and a verso variant with mirrored
margins, chosen by page parity. The booklet is laid out once: page numbers
that look back are written when layout reaches them, those that look forward
are PDF forms filled in at the end (see crossref.py).
"""
from __future__ import annotations

import copy
import functools
import gc
import io
import zlib
from dataclasses import dataclass, field
from typing import Callable, Mapping

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import FrameActionFlowable, _ktAllow

from ..content.model import Session
from ..errors import Diagnostics
from ..layout.definition import Layout
from ..pdf import join as pdf_join
from ..pdf.join import OutlineEntry, Place
from ..text import dates
from ..text.escape import plain
from . import parts, speedups
from .canvas_line import draw_text, fit, text_width
from .context import SectionContext
from .crossref import PageRefs, contribution_anchor, programme_session_anchor, session_anchor
from .flowables import AtEnd, KeepWithNext, Later, Mark, StartOn, WriteForms
from .progress import Laps, Progress


@dataclass(frozen=True, slots=True)
class Rendered:
    pdf: bytes
    pages: int
    refs: PageRefs
    timings: dict[str, float] = field(default_factory=dict)   # "compose:<s>", "section:<s>", "render:save", ...


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the body as laid out (the whole body, or one of two; see parts.py). Pages are
    numbered from the part's first page, which is the booklet's page 1 for the first part."""
    pdf: bytes
    pages: int
    anchors: dict[str, int]                           # anchor → page
    places: dict[str, tuple[int, float, float]]       # anchor → (page, left, top) of its destination
    outline: list[OutlineEntry]
    named: set[str]                                   # anchors the part links to by name (in the other part)
    toc: list[tuple[str, int, str]]                   # contents entries, as laid out
    timings: dict[str, float]
    planned_toc: list[tuple[str, int, str]]           # contents entries the story carries
    loose_fonts: frozenset = frozenset()              # fonts the part names without embedding (none, we hope)


# name → (builder, page family): the booklet's sections (booklet.sections.SECTIONS), handed in
# so that this engine never imports the sections it lays out.
Sections = Mapping[str, tuple[Callable[[SectionContext], list], str]]

CONTENTS = "contents"  # composed last: it lists the headings the other sections carry

# Binary (Flate-only) streams: ASCII85 around them only made files larger and saving slower.
rl_config.useA85 = 0
speedups.install()   # exact, faster number formatting and string escaping in ReportLab


def render(ctx: SectionContext, builders: Sections, diag: Diagnostics, *, metadata: dict,
           progress: Progress | None = None, jobs: int = 1) -> Rendered:
    """Lay the sections of `builders` out, in the layout's order, once, in one part or, with `jobs` of 2 and enough work, in two at once
    (parts.py); join the parts into the body PDF with its outline (pdf/join.py). Each section's
    composing and laying out is timed (`Rendered.timings`) and reported to `progress`."""
    laps = Laps(progress)
    names = tuple(ctx.layout.sections)
    cut = parts.choose_cut(ctx, jobs)
    second = None
    # What exists now (content, texts, fonts, styles) lives to the end of the build: the garbage
    # collector need not scan it again and again while layout makes and drops flowables, and a
    # forked part 2 then shares those memory pages with this process instead of copying them.
    gc.freeze()
    try:
        if cut is None:
            first = lay_out(ctx, builders, names, metadata, laps)
        else:
            at = names.index(cut)
            link, stop = parts.start_second(lambda link: lay_out(ctx, builders, names[at:], metadata, Laps(), link))
            try:
                first = lay_out(ctx, builders, names[:at], metadata, laps, link)
                laps.start("render:wait")
                second = link.result()
            finally:
                stop()
    finally:
        gc.unfreeze()
    laps.start("render:join")
    pdf, pages, anchors = join(first, second, ctx.layout.page_size)
    laps.start(None)
    toc = first.toc + (second.toc if second else [])
    refs = PageRefs(pages=anchors, toc=tuple(toc))
    if toc != first.planned_toc + (second.planned_toc if second else []):
        diag.warn(None, "the contents list other headings than the booklet prints; please report this")
    loose = first.loose_fonts | (second.loose_fonts if second else frozenset())
    if loose:
        diag.warn(None, f"the booklet names fonts it does not embed ({', '.join(sorted(loose))}); a print shop's "
                        "preflight rejects that", "please report this: a font of the layout should be named there")
    timings = dict(laps.timings)
    if second:
        timings.update({(f"{k}-part2" if k.startswith("render:") else k): v for k, v in second.timings.items()})
    return Rendered(pdf, pages, refs, timings)


def join(first: Part, second: Part | None, page_size) -> tuple[bytes, int, dict[str, int]]:
    """The body PDF, its pages and the page of every anchor, from one or two laid-out parts."""
    offset = parts.second_part_offset(first.pages) if second else first.pages
    gap = offset - first.pages                  # the blank page before part 2, if any
    anchors = dict(first.anchors)
    places = {a: Place(page - 1, left, top) for a, (page, left, top) in first.places.items()}
    outline, named = list(first.outline), set(first.named)
    if second:
        anchors.update({a: page + offset for a, page in second.anchors.items()})
        places.update({a: Place(offset + page - 1, left, top) for a, (page, left, top) in second.places.items()})
        outline += second.outline
        named |= second.named
    pdf = pdf_join.join(first.pdf, second.pdf if second else None, gap=gap, outline=outline, places=places,
                       named=named, page_size=page_size)
    return pdf, offset + second.pages if second else first.pages, anchors


def lay_out(ctx: SectionContext, builders: Sections, names: tuple[str, ...], metadata: dict, laps: Laps,
            link: parts.Link | None = None) -> Part:
    """Compose `names` and lay them out: the whole booklet, or one part of it when `link` leads to
    the process laying out the other part. The contents are composed last, from the headings the
    other sections (of both parts) carry; page numbers are written as layout finds them (crossref)."""
    refs = PageRefs(pages=link.pages if link else {})
    ctx = ctx.with_refs(refs)
    sections = {name: _compose_section(ctx, builders, name, laps) for name in names if name != CONTENTS}
    own = set(anchors(flowable for part in sections.values() for flowable in part))
    toc = tuple(toc_entries(flowable for part in sections.values() for flowable in part))
    other_toc, other_anchors = (), set()
    if link:
        if not link.first:
            link.send("composed", (toc, own))
        other_toc, other_anchors = link.composed()
    refs.toc = toc + other_toc
    refs.placed.update(own | other_anchors)
    if CONTENTS in names:
        sections[CONTENTS] = _compose_section(ctx, builders, CONTENTS, laps)
        own.update(anchors(sections[CONTENTS]))
        refs.placed.update(own)
    laps.start(None)
    story = compose(ctx, builders, names, sections)
    planned = list(toc_entries(story))   # the contents' own heading too, in reading order
    if link and link.first:
        link.send("composed", (tuple(planned), own))
    buffer = io.BytesIO()
    doc = BookletDoc(buffer, ctx, metadata, laps, link=link, first_family=builders[names[0]][1])
    story += _ending(refs, link, doc)
    del sections  # from here only the story holds the flowables, and layout lets go of them page by page
    doc.build(story, canvasmaker=functools.partial(BookletCanvas, local=own if link else None))
    laps.start(None)
    canvas = doc.canv
    return Part(buffer.getvalue(), doc.page, dict(link.pages.own if link else refs.pages), canvas.places,
                doc.outline, canvas.named, doc.toc, dict(laps.timings), planned, unembedded_fonts(canvas))


def unembedded_fonts(canvas) -> frozenset:
    """The fonts a canvas's document names that ReportLab does not embed: its standard fonts
    (Helvetica, say), which a canvas, table cell or paragraph style falls back on when nothing
    names a font of the layout. A print shop's preflight rejects a file naming one."""
    return frozenset(name for name in canvas._doc.fontMapping
                     if getattr(pdfmetrics.getFont(name).face, "builtIn", False))


def _ending(refs: PageRefs, link: parts.Link | None, doc: "BookletDoc") -> list:
    """What ends a part's story: page-number forms, once every page they need is known."""
    if link is None:
        return [Lap("render:save"), WriteForms(refs.forms)]

    def laid_out(canvas) -> None:
        if not link.first:
            doc.write_folios(canvas, link.offset())
        link.laid_out(canvas.getPageNumber())
    return [Lap("render:wait"), AtEnd(laid_out), WriteForms(refs.forms), Lap("render:save")]


def _compose_section(ctx: SectionContext, builders: Sections, name: str, laps: Laps) -> list:
    laps.start(f"compose:{name}")
    return builders[name][0](ctx)


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
        yield from _marks(_inside(flowable))


def _inside(flowable) -> list:
    """The flowables a flowable holds: a group kept together, a `Continued`'s rows, a table's cells
    (a programme row is a link target too)."""
    inner = list(getattr(flowable, "_content", None) or ())
    if getattr(flowable, "content", None) is not None and hasattr(flowable.content, "wrap"):
        inner.append(flowable.content)
    for row in getattr(flowable, "_cellvalues", None) or ():
        for cell in row:
            inner += cell if isinstance(cell, (list, tuple)) else [cell] if hasattr(cell, "wrap") else []
    return inner


def compose(ctx: SectionContext, builders: Sections, names: tuple[str, ...], sections: dict[str, list]) -> list:
    """The sections' flowables in the order of `names`, each starting on a new page of its family."""
    story: list = []
    for name in names:
        flowables = sections.get(name)
        if not flowables:
            continue
        first = not story
        story += [Lap(f"section:{name}"), NextPageTemplate(f"{builders[name][1]}:recto")]
        if name in ctx.layout.start_on_right:
            story.append(StartOn("recto"))
        elif not first:
            story.append(PageBreak())
        story.extend(flowables)
    return story


class Lap(ActionFlowable):
    """Zero-size and never drawn: layout has reached the start of `part` (a section, the final save)."""

    def __init__(self, part: str):
        super().__init__(("lap", part))


class BookletCanvas(Canvas):
    """ReportLab's canvas, remembering where each link target is (for the outline and for links
    between parts), and linking by name to targets that are not in its own part (`local`)."""

    def __init__(self, *args, local: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.local = local                # None: the whole booklet is drawn here
        self.places: dict[str, tuple[int, float, float]] = {}
        self.named: set[str] = set()

    def showPage(self):
        """End the page, its content compressed now rather than when the PDF is saved: the same
        bytes, without every page's uncompressed drawing held in memory until the end."""
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.stream and page.compression and not rl_config.useA85:
            content = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}),
                                zlib.compress(page.stream.encode("utf8")))
            content.__Comment__ = "page stream"
            page.Contents, page.stream = content, None

    def bookmarkHorizontalAbsolute(self, key, top, left=0, fit="XYZ", **kw):
        self.places[key] = (self.getPageNumber(), left, top)
        return super().bookmarkHorizontalAbsolute(key, top, left, fit, **kw)

    def linkRect(self, contents, destinationname, Rect=None, addtopage=1, name=None, relative=1, thickness=0,
                 color=None, dashArray=None, **kw):
        if self.local is None or destinationname in self.local:
            if contents or thickness or color or dashArray or kw:
                return super().linkRect(contents, destinationname, Rect, addtopage, name, relative, thickness, color,
                                        dashArray, **kw)
            link = _Link(self._absRect(Rect, relative), self._bookmarkReference(destinationname))
            return self._addAnnotation(link, name, addtopage)
        self.named.add(destinationname)   # a named destination, written when the parts are joined
        link = PDFDictionary({"Type": PDFName("Annot"), "Subtype": PDFName("Link"), "Border": PDFArray([0, 0, 0]),
                              "Rect": PDFArray(self._absRect(Rect, relative)), "Contents": PDFString(contents),
                              "Dest": PDFName(destinationname)})
        return self._addAnnotation(link, name, addtopage)


class _Link(PDFObject):
    """A borderless link to a destination in this PDF, the bytes ReportLab's LinkAnnotation makes,
    formatted directly: ReportLab builds and formats a dictionary of objects for each, and booklets
    have a few links per contribution (a third of the time to save one)."""

    def __init__(self, rect, destination):
        self.rect, self.destination = rect, destination

    def format(self, document) -> bytes:
        return (b"<<\n/Border [ 0 0 0 ] /Contents () /Dest " + pdf_format(self.destination, document)
                + b" /Rect [ " + fp_str(*self.rect).encode() + b" ] /Subtype /Link /Type /Annot\n>>")


class BookletDoc(BaseDocTemplate):
    def __init__(self, target, ctx: SectionContext, metadata: dict, laps: Laps, *, link: parts.Link | None = None,
                 first_family: str = "plain"):
        layout = ctx.layout
        self.ctx, self.laps, self.link = ctx, laps, link   # laps times the sections and counts the pages
        self.page_of = ctx.refs.pages   # filled in as anchors are placed
        self.toc: list[tuple[str, int, str]] = []
        self.outline: list[OutlineEntry] = []
        super().__init__(target, pagesize=layout.page_size, invariant=1, initialFontName=ctx.fonts.resolve("serif"),
                         leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, **metadata)
        # anchor → (its session, whether it is the session's heading): the running head's day
        self._sessions: dict[str, tuple[Session, bool]] = {}
        for session in ctx.conference.sessions:
            self._sessions[programme_session_anchor(session)] = self._sessions[session_anchor(session)] = \
                (session, True)
            self._sessions.update({contribution_anchor(c): (session, False) for c in session.contributions})
        self._variants = {t.id: t for t in self._page_templates(layout)}
        self.addPageTemplates(list(self._variants.values()))
        self._firstPageTemplateIndex = list(self._variants).index(f"{first_family}:recto")

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
        self.carried_session, self.page_sessions, self.page_has_text = self.session_running, [], False
        super().handle_pageBegin()

    def afterPage(self):
        self.laps.page_done(self.page)
        if self.link:
            self.link.pages.flush()

    def handle_flowable(self, flowables):
        if self.link and isinstance(flowables[0], Later):   # slow to make: let the other part have our pages
            self.link.pages.flush()
        super().handle_flowable(flowables)

    def handle_lap(self, part: str):  # what a Lap in the story asks for
        self.laps.start(part)

    def handle_block_end(self):  # what a BlockEnd in the story asks for
        self.block = None

    def handle_keepWithNext(self, flowables):
        """ReportLab's keep-with-next, grouping the headings with what they introduce also when
        that is a block kept together (a contribution, a programme session), which ReportLab leaves
        out of the group: the heading would then stay at a page foot while the block moves on.
        The group (flowables.KeepWithNext) moves a heading with at least its first real lines."""
        first = flowables[0]
        if isinstance(first, KeepTogether) and type(first) is not KeepWithNext and first._content:
            # A block kept together ends there: its last line (a rowless session's meta line) does
            # not pull what follows the block onto its page once the block is laid out line by line.
            first._content[-1].__dict__["keepWithNext"] = 0
        n = 0
        while n < len(flowables) and flowables[n].getKeepWithNext() and _ktAllow(flowables[n]):
            n += 1
        if not n:
            return
        if n < len(flowables) and (_ktAllow(flowables[n]) or type(flowables[n]) is not KeepWithNext
                                   and isinstance(flowables[n], KeepTogether)):
            n += 1
        group = KeepWithNext(flowables[:n])
        for flowable in group._content[:-1]:
            flowable.__dict__["keepWithNext"] = 0
        del flowables[:n]
        flowables.insert(0, group)

    def beforeDocument(self):
        self.section, self.block, self.carried_block, self.opens_section = "", None, None, False
        self.session_running, self.carried_session, self.page_sessions, self.page_has_text = None, None, [], False

    # -- what the flowables tell us ------------------------------------------
    def afterFlowable(self, flowable):
        mark: Mark | None = getattr(flowable, "booklet_mark", None)
        if mark is None:
            if not isinstance(flowable, (ActionFlowable, FrameActionFlowable)):
                self.page_has_text = True
            return
        self._follow_session(mark)
        if mark.anchor:
            self.page_of.setdefault(mark.anchor, self.page)
            if mark.outline:
                text, level = mark.outline
                self.outline.append(OutlineEntry(text, level, mark.anchor, closed=level >= 1))
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
        if self.link and not self.link.first:   # part 2: its page numbers are known at its end
            canvas.saveState()
            canvas.translate(outer_x, layout.foot)
            canvas.doForm(f"Folio{self.page}")
            canvas.restoreState()
        else:
            self._draw_folio(canvas, side, outer_x, layout.foot, self.page)
        if layout.foot_version and self.ctx.stamp:
            self._draw_version(canvas, side)
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

    def write_folios(self, canvas, offset: int) -> None:
        """The folio forms of part 2, now that `offset`, the pages before it, is known: one for each
        page so far, the last one included, whose folio is drawn after this."""
        size = self.ctx.styles["folio"].fontSize
        for page in range(1, canvas.getPageNumber() + 1):
            canvas.beginForm(f"Folio{page}", lowerx=-size * 6, lowery=-size, upperx=size * 6, uppery=size * 1.5)
            self._draw_folio(canvas, "recto" if page % 2 else "verso", 0, 0, page + offset)
            canvas.endForm()

    def _draw_folio(self, canvas, side: str, x: float, y: float, number: int) -> None:
        """A page number at (x, y): ending there on a right-hand page, starting there on a left-hand one."""
        folio = self.ctx.styles["folio"]
        canvas.setFont(folio.fontName, folio.fontSize)
        canvas.setFillColor(folio.textColor)
        draw = canvas.drawRightString if side == "recto" else canvas.drawString
        draw(x, y, str(number))

    def _draw_version(self, canvas, side: str) -> None:
        """The programme's version and date at the foot's inner end (`running_foot: {version: true}`)."""
        layout, style, stamp = self.ctx.layout, self.ctx.styles["running head"], self.ctx.stamp
        text = self.ctx.labels["foot_version"].format(
            version=stamp.version, date=dates.long_date(stamp.date, self.ctx.conference.language))
        width, m, fallbacks = layout.page_size[0], layout.margins, self.ctx.texts.rich.fallbacks
        text = fit(text, style.fontName, style.fontSize, (width - m.inner - m.outer) * 0.6, fallbacks)
        x = m.inner if side == "recto" else width - m.inner - text_width(text, style.fontName, style.fontSize,
                                                                         fallbacks)
        canvas.setFillColor(style.textColor)
        draw_text(canvas, x, layout.foot, text, style.fontName, style.fontSize, fallbacks)

    def _follow_session(self, mark: Mark) -> None:
        """Which sessions a page shows: the one running when it began, and those beginning on it."""
        if mark.section is not None:
            self.session_running = None
        session, heading = self._sessions.get(mark.anchor, (None, False))
        if session is None:
            return
        if heading and not self.page_has_text:   # the page begins with this heading: nothing carried in
            self.carried_session = None
        if session is not self.session_running or heading:
            if session is not self.carried_session and session not in self.page_sessions:
                self.page_sessions.append(session)
        self.session_running = session
        self.page_has_text = True

    def _running_head(self, side: str) -> str:
        """The open block ("… (continued)"), the session or the section, after the day(s) of the
        sessions on the page: the programme and the abstracts say which day a reader is in."""
        sessions = ([self.carried_session] if self.carried_session else []) + self.page_sessions
        if self.opens_section and not self.carried_block:
            return ""
        if self.carried_block:
            what = f"{self.carried_block} ({self.ctx.labels['continued']})"
        elif sessions:
            what = plain(self.ctx.texts.titles[sessions[0].id])
        else:
            what = self.section if side == "recto" else (self.ctx.conference.short or self.ctx.conference.title)
        days = self._days(sessions)
        return f"{days} · {what}" if days else what

    def _days(self, sessions: list[Session]) -> str:
        """"Tuesday, 16 June 2026" for the day of `sessions`, "16–17 June 2026" when they span days."""
        found = sorted({d for d in (self._day_of(s) for s in sessions) if d})
        if not found:
            return ""
        language = self.ctx.conference.language
        if len(found) == 1:
            return self.ctx.day_names.get(found[0]) or dates.day_name(found[0], language)
        return dates.date_range(found[0], found[-1], language)

    def _day_of(self, session: Session):
        conference = self.ctx.conference
        return session.day or (conference.start if conference.start == conference.end else None)


_ATOMIC = (int, float, str, bool, type(None))


class _Frame(Frame):
    """ReportLab's Frame, copied faster: ReportLab deep-copies the frame each time it measures a
    group kept together (a contribution block), 2,500 times at 1,000 contributions, and deepcopy
    visited each of its 20-odd attributes. They are numbers and strings, which a copy may share;
    anything else (a list of frame backgrounds) is still deep-copied."""

    def __deepcopy__(self, memo):
        clone = memo[id(self)] = copy.copy(self)   # what refers back to the frame gets the copy, as in deepcopy
        for name, value in vars(self).items():
            if not isinstance(value, _ATOMIC):
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone


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
        frames.append(_Frame(left, m.bottom + text_height - header, text_width, header, id="header",
                            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0))
    frames += [_Frame(left + i * (column + gap), m.bottom, column, text_height - header, id=f"column{i}",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for i in range(columns)]
    return frames

