#!/usr/bin/env python3
"""A typographic audit of a built booklet (or of any PDF of running text): issue 15.

    python tools/typo_audit.py out/hi-2021.pdf [more.pdf ...] [--layout a5] [--margins T,O,B,I]

prints a short report per file and exits 1 when a check fails its threshold. From Python (or a
test): `audit(path, ...) -> AuditResult`, whose `.checks` hold the figures and the offending pages.
Everything is read from the PDF as a reader's tools see it: PDFium's characters and their boxes
(pypdfium2), the outline (bookmarks) and the page labels. Nothing of booklet is needed, except
the layout's margins when they are asked for (see "The frame").

What is measured, and how
-------------------------
Pages. Only body pages are audited: pages with a numeric page label (booklet labels its covers
C1-C4 and inserted pages "Map 1"... so those are left out), or every page when the PDF has no
labels. A page is a right-hand one (recto) when its number is odd (by label, else by position).
On a page whose TrimBox is smaller than its MediaBox (the print edition), text wholly outside
the trimmed page (the slug line) is not the page's and is left out. The print edition has no
bookmarks, so checks 2, 3 and 5 need the e-mail edition; the summary says how many headings
were found for how many bookmarks.

Lines. PDFium's characters, in content order, are grouped into lines: a character joins the line
being built when its baseline is within 0.2 em of the line's, or within 0.75 em (a superscript,
a subscript) when it also follows the previous character closely; a jump back to the left or a
new baseline starts a new line. PDFium's own line breaks (CR/LF) are ignored, since it breaks at
every superscript. Space characters (also those PDFium generates for a gap) separate words.
A line's size is the font size most of its characters have (FPDFText_GetFontSize).

The frame. The text frame of a page is the page's TrimBox (else CropBox) minus the layout's
margins, mirrored on left-hand pages; with `--layout NAME` (or automatically: the first of
booklet's shipped layouts whose page size is the PDF's) the margins and the running-head and
folio baselines are read from the layout, with `--margins` they are given in millimetres, and
when neither is known the frame is the page minus 12 mm on every side (FALLBACK_MARGIN).
Running heads and folios live outside the frame: a line lying wholly above or below the frame is
a running line when its baseline is within 2 pt of the layout's head or foot baseline (or, without
a layout, anywhere in those margins), and it stays inside the frame's left and right edges and at
least 5 mm from the page's edge.

1. Loose lines. For every line of eight words or more, the mean gap between words: the next
   word's left edge minus this word's right edge, from PDFium's *loose* character boxes (origin
   to origin + advance, so glyph side bearings do not count and the gap is the space's advance plus
   the justification), divided by the line's font size: em. Only justified body text counts, and
   the last line of a paragraph (ragged, normal spacing) does not: a line counts when its right
   edge is within 1 pt of a column's right edge. Column edges are found from the line extents:
   per page side and page width, the right edges (to 0.5 pt) of all lines of eight words or more
   are counted over the whole document, and an edge at which at least 2 lines and 5 % of those
   lines end is a column edge (a justified column ends all its full lines at one x; ragged lines
   scatter), except on a page where lines ending more than 4 pt further right share its column
   (start left of it): there it is a ragged end that happens to repeat. (Closer edges are kept:
   Typst lets a line-end hyphen protrude into the margin, 1.5 pt past the other lines.) Two-column pages and other page widths get their own edges.
   A ragged line that ends within 1 pt of the edge by chance is counted; its gaps are natural. Reported: the share
   of counted lines whose mean gap exceeds 0.9 em and 1.0 em. Threshold: share > 0.9 em at most
   2.2 % (the Typst reference of the same meeting).

2. Heading-only pages. Headings are found from the outline, not from fonts: every section,
   session and contribution heading has a bookmark whose destination is /XYZ with the heading's
   top. On the bookmark's page, the heading is the first line at or below that y (within 3 pt
   above it) whose text begins the bookmark's title, and the lines after it while their text is
   still part of the title (a heading on two lines); when no line matches the title, the nearest
   line below the destination. A page whose body text (everything but running lines) consists of
   headings only is reported, and so is a page of headings and one line more (a section's title
   and its note, a session's title and its meta line: the entries start overleaf) unless the page
   shows a figure (an image, or 10 drawn paths or more: a map with its caption). So is a page
   that carries a running head but no body text at all (a page left empty by accident; a
   deliberate blank page has nothing, or a folio alone). Threshold: 0.

3. Stranded headings. A heading whose top (the destination's y) lies in the lowest 15 % of the
   frame, with fewer than 2 lines of its own below it on that page: lines below the heading, in
   the same column, above the next bookmark on the page that is not its descendant (a child
   heading and its text are the heading's own). Threshold: 0.

4. Text outside the frame. A character is outside when its advance box leaves the frame by more
   than 0.5 pt sideways or its glyph (ink) box leaves it by more than 0.5 pt at the top or bottom,
   unless it is part of a running line (see The frame). Threshold: 0.

5. Raw markup. The text of the at-a-glance grid pages (from the outline: the top-level bookmark
   titled "At a glance" in any language booklet ships, up to the next top-level bookmark) and
   every bookmark title are searched for Markdown and LaTeX that should have been typeset:
   `*word*`, `**`, `_word_`, a backtick, `$...$`, `\\command`, `[text](url)`. Threshold: 0.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pr

MM = 72 / 25.4
FALLBACK_MARGIN = 12 * MM
LOOSE_EM = (0.9, 1.0)
LOOSE_LIMIT = 0.022                 # share of justified lines with a mean gap > 0.9 em (Typst: 2.2 %)
MIN_WORDS = 8
EDGE_TOLERANCE = 1.0                # pt: a line reaching a column's right edge
RAGGED = 4.0                        # pt: an edge this far left of another in its column is a ragged end
FOOT_ZONE = 0.15                    # the lowest 15 % of the frame
OWN_LINES = 2                       # lines a heading needs below it on its page
LONE_LINES = 1                      # a heading and this many lines, no figure: a heading-only page
OUTSIDE_TOLERANCE = 0.5             # pt
OVERHANG = 0.2                      # em: how far a glyph's ink may pass its advance
FIGURE_PATHS = 10                   # drawn paths that make a figure on a page
SAFE_EDGE = 5 * MM                  # running lines keep this far from the page's edge
RUNNING_BASELINE = 2.0              # pt
GLANCE_TITLES = {"at a glance", "auf einen blick"}    # extended from booklet's layouts when importable

SPACES = {0x20, 0xA0, 0x2002, 0x2003, 0x2009, 0x202F}
BREAKS = {0x0D, 0x0A}


@dataclass(frozen=True)
class Margins:
    """Page margins in points, as a booklet layout gives them; head and foot are the running
    head's and folio's baselines from the top and bottom edges (None: not known)."""
    top: float
    outer: float
    bottom: float
    inner: float
    head: float | None = None
    foot: float | None = None
    source: str = "given"


@dataclass
class Char:
    text: str
    x0: float       # advance box (PDFium's loose box)
    x1: float
    y0: float
    y1: float
    ix0: float      # glyph box (ink)
    ix1: float
    iy0: float
    iy1: float
    base: float     # baseline (origin y)
    size: float
    ox: float = 0.0  # origin x: where the typesetter put the character


@dataclass
class Line:
    chars: list[Char]
    words: list[list[Char]]
    base: float
    running: bool = False

    @property
    def left(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def right(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return max(c.y1 for c in self.chars)

    @property
    def bottom(self) -> float:
        return min(c.y0 for c in self.chars)

    @property
    def size(self) -> float:
        return Counter(round(c.size, 2) for c in self.chars).most_common(1)[0][0] or 1.0

    @property
    def text(self) -> str:
        return " ".join("".join(c.text for c in w) for w in self.words)

    def gaps_em(self) -> list[float]:
        size = self.size
        return [(b[0].x0 - max(c.x1 for c in a)) / size for a, b in zip(self.words, self.words[1:])]


@dataclass
class Page:
    index: int
    label: str
    recto: bool
    box: tuple[float, float, float, float]          # trim (or crop) box: left, bottom, right, top
    frame: tuple[float, float, float, float]        # text frame: left, bottom, right, top
    lines: list[Line] = field(default_factory=list)
    figure: bool = False                            # an image or a drawing on the page (known on short pages)

    @property
    def body(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.running]


@dataclass
class Bookmark:
    title: str
    level: int
    page: int | None            # page index
    y: float | None             # destination top (None: not /XYZ with a top)


@dataclass
class Finding:
    page: str                   # the page's label (its printed number)
    index: int                  # 0-based page index in the PDF
    what: str

    def __str__(self) -> str:
        return f"p. {self.page} (index {self.index}): {self.what}"


@dataclass
class Check:
    name: str
    value: float
    limit: float
    findings: list[Finding] = field(default_factory=list)
    detail: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.value <= self.limit


@dataclass
class AuditResult:
    path: str
    pages: int                  # pages in the PDF
    body_pages: int             # pages audited
    frame_source: str
    checks: dict[str, Check]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks.values())

    @property
    def loose(self) -> Check:
        return self.checks["loose_lines"]

    def summary(self) -> str:
        lines = [f"{self.path}: {self.pages} pages, {self.body_pages} audited, frame from {self.frame_source}"]
        for c in self.checks.values():
            mark = "ok  " if c.ok else "FAIL"
            if c.name == "loose_lines":
                d = c.detail
                lines.append(f"  {mark} loose lines: {d['lines']} justified lines of {MIN_WORDS}+ words; "
                             f"mean gap > 0.9 em: {d['share_0.9'] * 100:.1f} % ({d['over_0.9']}), "
                             f"> 1.0 em: {d['share_1.0'] * 100:.1f} % ({d['over_1.0']}); "
                             f"limit {c.limit * 100:.1f} % at 0.9 em")
            else:
                note = ""
                if "headings_found" in c.detail:
                    note = f"; headings found for {c.detail['headings_found']} of {c.detail['bookmarks']} bookmarks"
                if "grid_pages" in c.detail:
                    note = f"; {c.detail['grid_pages']} grid pages and the bookmarks searched"
                lines.append(f"  {mark} {c.name.replace('_', ' ')}: {int(c.value)} (limit {int(c.limit)}){note}")
            for f in c.findings[:8]:
                lines.append(f"       {f}")
            if len(c.findings) > 8:
                lines.append(f"       ... and {len(c.findings) - 8} more")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"path": self.path, "pages": self.pages, "body_pages": self.body_pages, "ok": self.ok,
                "frame_source": self.frame_source,
                "checks": {k: {**asdict(c), "ok": c.ok} for k, c in self.checks.items()}}


# -- reading the PDF ----------------------------------------------------------------------------

def _chars(textpage) -> list[Char | None]:
    """The page's characters in content order; None stands for a space (a word break)."""
    tp = textpage.raw
    out: list[Char | None] = []
    rect = pr.FS_RECTF()
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(pr.FPDFText_CountChars(tp)):
        u = pr.FPDFText_GetUnicode(tp, i)
        if u in BREAKS:
            continue
        if u in SPACES:
            if out and out[-1] is not None:
                out.append(None)
            continue
        if not pr.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(rect)):
            continue
        pr.FPDFText_GetCharBox(tp, i, ctypes.byref(l), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t))
        pr.FPDFText_GetCharOrigin(tp, i, ctypes.byref(ox), ctypes.byref(oy))
        size = pr.FPDFText_GetFontSize(tp, i)
        if rect.right - rect.left <= 0 and r.value - l.value <= 0:
            continue
        out.append(Char(chr(u) if u < 0x110000 else "?", rect.left, rect.right, rect.bottom, rect.top,
                        l.value, r.value, b.value, t.value, oy.value, size, ox.value))
    return out


def _lines(chars: list[Char | None]) -> list[Line]:
    lines: list[Line] = []
    cur: Line | None = None
    space = False
    for c in chars:
        if c is None:
            space = True
            continue
        if cur is not None:
            last = cur.chars[-1]
            ref = max(last.size, c.size, 1.0)
            dy, dx = abs(c.base - cur.base), c.x0 - last.x1
            same = (dy <= 0.2 * ref and -0.5 * ref <= dx <= 4 * ref) or \
                   (dy <= 0.75 * ref and -0.5 * ref <= dx <= 1.0 * ref)
            if same:
                cur.chars.append(c)
                if space:
                    cur.words.append([c])
                else:
                    cur.words[-1].append(c)
                space = False
                continue
        cur = Line([c], [[c]], c.base)
        lines.append(cur)
        space = False
    return lines


def _raw_label(pdf, index: int) -> str:
    n = pr.FPDF_GetPageLabel(pdf.raw, index, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    pr.FPDF_GetPageLabel(pdf.raw, index, buf, n)
    return buf.raw[:n - 2].decode("utf-16-le", errors="replace")


def _outline(pdf) -> list[Bookmark]:
    out = []
    for b in pdf.get_toc(max_depth=64):
        dest = b.get_dest()
        page = y = None
        if dest is not None:
            page = dest.get_index()
            mode, pos = dest.get_view()
            if mode == pr.PDFDEST_VIEW_XYZ and len(pos) >= 2 and pos[1] == pos[1]:
                y = pos[1]
        out.append(Bookmark(b.get_title() or "", b.level, page, y))
    return out


# -- the frame ------------------------------------------------------------------------------------

def layout_margins(name: str = "a5", project: str | Path | None = None) -> tuple[Margins, tuple[float, float]]:
    """A booklet layout's margins and page size (needs booklet importable)."""
    from booklet.errors import Diagnostics
    from booklet.layout import definition

    root = Path(project) if project else Path(__file__).resolve().parent.parent
    lay = definition.load(name, root, "en", Diagnostics())
    m = lay.margins
    return (Margins(m.top, m.outer, m.bottom, m.inner, lay.head, lay.foot, source=f"layout {name}"),
            tuple(lay.page_size))


def _shipped_margins(size: tuple[float, float]) -> tuple[Margins | None, str]:
    """The margins of booklet's shipped layout of this page size, or None and why not."""
    try:
        for name in ("a5", "a4", "half-letter"):
            margins, page = layout_margins(name)
            if abs(page[0] - size[0]) < 1 and abs(page[1] - size[1]) < 1:
                return margins, ""
    except Exception as exc:   # noqa: BLE001 - booklet not importable: fall back, and say so
        return None, f"booklet's layouts not readable: {type(exc).__name__}: {exc}"[:160]
    return None, "no shipped layout has this page size"


def _glance_titles() -> set[str]:
    titles = set(GLANCE_TITLES)
    try:
        import yaml
        root = Path(__file__).resolve().parent.parent / "layouts"
        for f in root.glob("*/layout.yaml"):
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            for words in (data.get("labels") or {}).values():
                if isinstance(words, dict) and words.get("glance"):
                    titles.add(str(words["glance"]).casefold())
    except Exception:   # noqa: BLE001 - without PyYAML or the layouts: the built-in titles
        return titles
    return titles


def _has_figure(page) -> bool:
    """Whether the page shows an image or a drawing (FIGURE_PATHS drawn paths or more; a running
    head's rule is one)."""
    paths = 0
    for obj in page.get_objects(max_depth=4):
        if obj.type == pr.FPDF_PAGEOBJ_IMAGE:
            return True
        if obj.type == pr.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= FIGURE_PATHS:
                return True
    return False


def _beyond(line: Line, box) -> bool:
    """Whether the line lies wholly outside the trimmed page (a print edition's slug line)."""
    left, bottom, right, top = box
    return line.right <= left or line.left >= right or line.top <= bottom or line.bottom >= top


def _frame(box, margins: Margins, recto: bool) -> tuple[float, float, float, float]:
    left, bottom, right, top = box
    if recto:
        return left + margins.inner, bottom + margins.bottom, right - margins.outer, top - margins.top
    return left + margins.outer, bottom + margins.bottom, right - margins.inner, top - margins.top


def _mark_running(page: Page, margins: Margins) -> None:
    fl, fb, fr, ft = page.frame
    _, bb, _, bt = page.box
    for ln in page.lines:
        above = ln.bottom >= ft - OUTSIDE_TOLERANCE and min(c.iy0 for c in ln.chars) >= ft - OUTSIDE_TOLERANCE
        below = ln.top <= fb + OUTSIDE_TOLERANCE and max(c.iy1 for c in ln.chars) <= fb + OUTSIDE_TOLERANCE
        if not (above or below):
            continue
        if above and margins.head is not None and abs(ln.base - (bt - margins.head)) > RUNNING_BASELINE:
            continue
        if below and margins.foot is not None and abs(ln.base - (bb + margins.foot)) > RUNNING_BASELINE:
            continue
        inside = (ln.left >= fl - OUTSIDE_TOLERANCE and ln.right <= fr + OUTSIDE_TOLERANCE
                  and min(c.iy0 for c in ln.chars) >= bb + SAFE_EDGE
                  and max(c.iy1 for c in ln.chars) <= bt - SAFE_EDGE)
        ln.running = inside


# -- the checks ----------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold().replace("\ufffe", "").replace("\x02", ""))


def _column_edges(pages: list[Page]) -> dict[tuple[bool, int], list[float]]:
    """Right edges (to 0.5 pt) at which at least 2 and 5 % of the long lines of the document's
    pages of one side and width end: the candidates for a justified column's edge."""
    counts: dict[tuple[bool, int], Counter] = {}
    for p in pages:
        key = (p.recto, round(p.box[2] - p.box[0]))
        for ln in p.body:
            if len(ln.words) >= MIN_WORDS:
                counts.setdefault(key, Counter())[round(ln.right * 2) / 2] += 1
    edges = {}
    for key, c in counts.items():
        total = sum(c.values())
        edges[key] = sorted((x for x, n in c.items() if n >= 2 and n >= 0.05 * total), reverse=True)
    return edges


def _page_edges(page: Page, candidates: list[float]) -> list[float]:
    """The candidates that are a column's edge on this page: not one that lines of this page
    ending further right start left of (those share its column, so it is a repeated ragged end)."""
    long = [ln for ln in page.body if len(ln.words) >= MIN_WORDS]
    accepted: list[float] = []
    for x in candidates:                    # right to left
        if not any(e - x > RAGGED and abs(ln.right - e) <= EDGE_TOLERANCE and ln.left < x
                   for e in accepted for ln in long):
            accepted.append(x)
    return accepted


def check_loose(pages: list[Page]) -> Check:
    edges = _column_edges(pages)
    counted, over = 0, {t: [] for t in LOOSE_EM}
    worst: list[tuple[float, Finding]] = []
    for p in pages:
        mine = _page_edges(p, edges.get((p.recto, round(p.box[2] - p.box[0])), []))
        for ln in p.body:
            if len(ln.words) < MIN_WORDS or not any(abs(ln.right - e) <= EDGE_TOLERANCE for e in mine):
                continue
            counted += 1
            gaps = ln.gaps_em()
            mean = sum(gaps) / len(gaps)
            for t in LOOSE_EM:
                if mean > t:
                    over[t].append(mean)
            if mean > LOOSE_EM[0]:
                worst.append((mean, Finding(p.label, p.index, f"mean gap {mean:.2f} em: {ln.text[:70]!r}")))
    share = {t: (len(over[t]) / counted if counted else 0.0) for t in LOOSE_EM}
    worst.sort(key=lambda x: -x[0])
    detail = {"lines": counted}
    for t in LOOSE_EM:
        detail[f"over_{t}"] = len(over[t])
        detail[f"share_{t}"] = share[t]
    return Check("loose_lines", share[LOOSE_EM[0]], LOOSE_LIMIT, [f for _, f in worst], detail)


def _heading_lines(page: Page, mark: Bookmark) -> list[Line]:
    """The lines of `mark`'s heading on its page (see the module's docstring)."""
    body = sorted(page.body, key=lambda ln: -ln.top)
    below = [ln for ln in body if ln.top <= mark.y + 3 + 0.5 * ln.size]
    if not below:
        return []
    title = _norm(mark.title)
    start = None
    for i, ln in enumerate(below):
        t = _norm(ln.text)
        if t and title and (title.startswith(t) or t.startswith(title[:20])):
            start = i
            break
        if ln.top < mark.y - 60:     # three or four lines below: not this heading
            break
    if start is None:
        return [below[0]]
    out, seen = [below[start]], _norm(below[start].text)
    for ln in below[start + 1:]:
        t = _norm(ln.text)
        if not t or not title.startswith(seen + t) or seen + t == seen:
            break
        out.append(ln)
        seen += t
    return out


def _x_overlap(a: Line, b: Line) -> bool:
    return a.left < b.right and b.left < a.right


def check_headings(pages: list[Page], outline: list[Bookmark], by_index: dict[int, Page]) -> tuple[Check, Check]:
    found: dict[int, list[Line]] = {}       # bookmark number -> its heading's lines
    for k, mark in enumerate(outline):
        page = by_index.get(mark.page) if mark.page is not None else None
        if page is not None and mark.y is not None:
            lines = _heading_lines(page, mark)
            if lines:
                found[k] = lines
    heading_lines: dict[int, set[int]] = {}
    for k, lines in found.items():
        heading_lines.setdefault(outline[k].page, set()).update(id(ln) for ln in lines)
    stranded: list[Finding] = []
    for k, lines in found.items():
        mark = outline[k]
        page = by_index[mark.page]
        _, fb, _, ft = page.frame
        if mark.y > fb + FOOT_ZONE * (ft - fb):
            continue
        # the next bookmark on this page that is not a descendant of this one ends its own text
        stop = float("-inf")
        for j in range(k + 1, len(outline)):
            if outline[j].level <= mark.level:
                if outline[j].page == mark.page and j in found:
                    stop = found[j][0].base
                break
        last, mine = lines[-1], heading_lines[mark.page]
        own = [ln for ln in page.body if id(ln) not in mine - {id(x) for x in _descendants(found, outline, k)}
               and ln.base < last.base - 0.5 and ln.base > stop + 0.5 and _x_overlap(ln, lines[0])]
        if len(own) < OWN_LINES:
            stranded.append(Finding(page.label, page.index,
                                    f"heading {mark.title[:60]!r} at {100 * (mark.y - fb) / (ft - fb):.0f} % of the "
                                    f"frame's height, {len(own)} line(s) of its own below"))
    only: list[Finding] = []
    for p in pages:
        body = p.body
        mine = heading_lines.get(p.index, set())
        rest = [ln for ln in body if id(ln) not in mine]
        if body and len(rest) < len(body) and (not rest or (len(rest) <= LONE_LINES and not p.figure)):
            what = "only a heading" if not rest else f"only a heading and {len(rest)} line"
            only.append(Finding(p.label, p.index, f"{what}: " + " / ".join(ln.text[:50] for ln in body)))
        elif not body and any(ln.running and not ln.text.strip().isdigit() for ln in p.lines):
            only.append(Finding(p.label, p.index, "a running head and no text: "
                                + " / ".join(ln.text[:50] for ln in p.lines)))
    seen = {"bookmarks": len(outline), "headings_found": len(found)}
    return (Check("heading_only_pages", len(only), 0, only, dict(seen)),
            Check("stranded_headings", len(stranded), 0, stranded, dict(seen)))


def _descendants(found: dict[int, list[Line]], outline: list[Bookmark], k: int) -> list[Line]:
    """The heading lines of bookmark k's descendants: a child heading is its parent's own text."""
    out = []
    for j in range(k + 1, len(outline)):
        if outline[j].level <= outline[k].level:
            break
        out += found.get(j, [])
    return out


def _outside(c: Char, frame) -> tuple[str, float] | None:
    """Which edge of `frame` the character `c` crosses, and by how much; None when inside."""
    fl, fb, fr, ft = frame
    tol = OUTSIDE_TOLERANCE
    if c.ox < fl - tol:
        return "left", fl - c.ox
    # PDFium's loose box is the advance joined with the glyph's ink: where the ink sets its right
    # edge (an 'f', an italic) the glyph may overhang its advance by up to OVERHANG em
    right_tol = tol if c.x1 > c.ix1 + 0.01 else max(tol, OVERHANG * c.size)
    if c.x1 > fr + right_tol:
        return "right", c.x1 - fr
    if c.iy0 < fb - tol:
        return "bottom", fb - c.iy0
    if c.iy1 > ft + tol:
        return "top", c.iy1 - ft
    return None


def check_outside(pages: list[Page]) -> Check:
    found = []
    for p in pages:
        for ln in p.lines:
            if ln.running:
                continue
            bad = [c for c in ln.chars if _outside(c, p.frame)]
            if bad:
                c = bad[0]
                side, by = _outside(c, p.frame)
                found.append(Finding(p.label, p.index, f"{len(bad)} character(s) past the {side} edge "
                                                       f"(by {by:.1f} pt): {ln.text[:60]!r}"))
    return Check("text_outside_frame", len(found), 0, found)


MARKUP = [
    ("**", re.compile(r"\*\*")),
    ("*word*", re.compile(r"(?<![\w*])\*[^\s*][^*]*?\*(?![\w*])")),
    ("_word_", re.compile(r"(?<![0-9A-Za-z_])_[^\s_][^_]*?_(?![0-9A-Za-z_])")),
    ("`", re.compile(r"`")),
    ("$...$", re.compile(r"\$(?:[^$\s]|[^$\s][^$]*?[^$\s])\$")),
    ("\\command", re.compile(r"\\[A-Za-z]+")),
    ("[text](url)", re.compile(r"\[[^\]]+\]\([^)\s]+\)")),
]


def raw_markup(text: str) -> list[str]:
    """The raw Markdown or LaTeX markers in `text`: [(kind: match), ...]."""
    return [f"{kind} {m.group(0)[:40]!r}" for kind, rx in MARKUP for m in rx.finditer(text)]


def check_markup(pages: list[Page], outline: list[Bookmark], by_index: dict[int, Page],
                 labels: list[str]) -> Check:
    found = []
    for mark in outline:
        for hit in raw_markup(mark.title):
            i = mark.page if mark.page is not None else -1
            found.append(Finding(labels[i] if 0 <= i < len(labels) else "?", i,
                                 f"bookmark {mark.title[:60]!r}: {hit}"))
    titles = _glance_titles()
    grid: list[int] = []
    tops = [b for b in outline if b.level == 0 and b.page is not None]
    for k, b in enumerate(tops):
        if b.title.strip().casefold() in titles:
            end = next((n.page for n in tops[k + 1:] if n.page > b.page), b.page + 1)
            grid += list(range(b.page, max(end, b.page + 1)))
    for i in grid:
        p = by_index.get(i)
        if p is None:
            continue
        for ln in p.body:
            for hit in raw_markup(ln.text):
                found.append(Finding(p.label, p.index, f"grid: {hit} in {ln.text[:60]!r}"))
    return Check("raw_markup", len(found), 0, found, {"grid_pages": len(grid)})


# -- the audit -----------------------------------------------------------------------------------

def audit(path: str | Path, margins: Margins | None = None, layout: str | None = None,
          project: str | Path | None = None) -> AuditResult:
    """Audit one PDF. `margins` (points) win over `layout` (a booklet layout name, read from
    `project` or booklet's own layouts); with neither, a shipped layout of the PDF's page size is
    used when booklet is importable, else FALLBACK_MARGIN on every side."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        labels = [_raw_label(pdf, i) for i in range(len(pdf))]
        numbered = any(lb for lb in labels)
        first = pdf[0]
        box0 = first.get_trimbox()
        size = (box0[2] - box0[0], box0[3] - box0[1])
        if margins is None and layout:
            margins, _ = layout_margins(layout, project)
        why = ""
        if margins is None:
            margins, why = _shipped_margins(size)
        if margins is None:
            f = FALLBACK_MARGIN
            margins = Margins(f, f, f, f, source=f"fallback ({f / MM:.0f} mm; {why})")
        pages: list[Page] = []
        for i in range(len(pdf)):
            label = labels[i]
            if numbered and not label.isdigit():
                continue
            number = int(label) if label.isdigit() else i + 1
            page = pdf[i]
            box = page.get_trimbox()
            recto = number % 2 == 1
            tp = page.get_textpage()
            lines = _lines(_chars(tp))
            if tuple(box) != tuple(page.get_mediabox()):   # the print edition: leave out the slug line
                lines = [ln for ln in lines if not _beyond(ln, box)]
            p = Page(i, label or str(i + 1), recto, tuple(box), _frame(box, margins, recto), lines)
            _mark_running(p, margins)
            if len(p.body) <= 6:
                p.figure = _has_figure(page)
            tp.close()
            page.close()
            pages.append(p)
        outline = _outline(pdf)
    finally:
        pdf.close()
    by_index = {p.index: p for p in pages}
    only, stranded = check_headings(pages, outline, by_index)
    checks = [check_loose(pages), only, stranded, check_outside(pages),
              check_markup(pages, outline, by_index, labels)]
    return AuditResult(str(path), len(labels), len(pages), margins.source, {c.name: c for c in checks})


def _parse_margins(text: str) -> Margins:
    try:
        top, outer, bottom, inner = (float(x) * MM for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("give four lengths in mm: top,outer,bottom,inner") from None
    return Margins(top, outer, bottom, inner, source=f"--margins {text} mm")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdf", nargs="+", type=Path)
    ap.add_argument("--layout", help="booklet layout whose margins give the text frame (default: the shipped "
                                     "layout of the PDF's page size)")
    ap.add_argument("--project", type=Path, help="project folder the layout is found in")
    ap.add_argument("--margins", type=_parse_margins, help="top,outer,bottom,inner in mm, instead of a layout")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    results = [audit(p, args.margins, args.layout, args.project) for p in args.pdf]
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=1))
    else:
        print("\n\n".join(r.summary() for r in results))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
