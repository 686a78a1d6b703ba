"""The errata sheet (`<slug>-changes.pdf`): one sheet, both sides, to slip into printed booklets.

It holds what the booklet's "Changes since version N" section lists (changes.py, without links or
page numbers: the printed booklet is the earlier version) and the schedule grid of every day a
change touches, at the layout's page size, what changed marked in them (the grid's highlights:
a talk's stretch of its block, or a whole session). When that does not fit two pages, the grids are drawn
smaller; then the last days' grids are left out, then the last changes; what is left out is said
at the top of the sheet and in a warning, never dropped in silence.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reportlab.platypus import KeepTogether

from ..content.compare import SESSION_KINDS
from ..errors import Diagnostics
from ..text.escape import esc
from ..typeset import document
from ..typeset.flowables import Paragraph
from ..typeset.grid import Highlight
from . import changes, glance

MAX_PAGES = 2                       # one sheet, printed on both sides
GRID_FACTORS = (1.0, 0.75, 0.55, 0.45)   # the grids' scale, as tried, before any is left out (0.45: two A5 days share a page)
NAME = "errata"
FILL = 0.85                         # the first grid is drawn this much smaller, at most, to go below the list


@dataclass(frozen=True)
class Sheet:
    pdf: bytes
    pages: int
    left_out: str                   # what the sheet could not hold, in words ("" when it holds all)


def render(ctx, diag: Diagnostics, *, metadata: dict) -> Sheet:
    """The errata sheet of `ctx.changes`, shrunk as far as needed to fit MAX_PAGES pages."""
    entries = list(ctx.changes.entries)
    days = _grid_days(ctx)
    metadata = dict(metadata, Title=f"{ctx.conference.title}: {changes.heading_text(ctx)}")
    for factor in GRID_FACTORS:
        attempt = _attempt(ctx, entries, days, factor, metadata)
        if attempt[0].pages <= MAX_PAGES:
            return _keep(attempt, diag)
    smallest = GRID_FACTORS[-1]
    kept = _most(lambda k: _attempt(ctx, entries, days[:k], smallest, metadata), len(days) - 1)
    if kept is None:
        kept = _most(lambda k: _attempt(ctx, entries[:k], [], smallest, metadata), len(entries) - 1)
    if kept is None:  # not even the heading fits: a page too small for anything
        kept = _attempt(ctx, [], [], smallest, metadata)
    return _keep(kept, diag)


def _keep(attempt: tuple, diag: Diagnostics) -> Sheet:
    sheet, warnings = attempt
    for warning in warnings:
        diag.warn(warning.loc, warning.message, warning.hint)
    if sheet.left_out:
        diag.warn(None, f"the errata sheet leaves out {sheet.left_out}: two pages cannot hold them",
                  "the e-mail edition lists every change; a layout with a larger page holds more")
    return sheet


def _most(attempt, most: int):
    """The attempt with the most items (0 to `most`) that fits MAX_PAGES, by halving; None if none."""
    low, high, best = 0, most, None
    while low <= high:
        middle = (low + high) // 2
        tried = attempt(middle)
        if tried[0].pages <= MAX_PAGES:
            best, low = tried, middle + 1
        else:
            high = middle - 1
    return best


def _attempt(ctx, entries: list, days: list, factor: float, metadata: dict) -> tuple[Sheet, list]:
    """The sheet with `entries` and the grids of `days` at `factor`, and the warnings its layout gave."""
    left_out = _left_out(ctx, len(ctx.changes.entries) - len(entries),
                         [d for d in _grid_days(ctx) if d not in days])
    layout = dataclasses.replace(ctx.layout, sections=(NAME,), start_on_right=())
    sheet_ctx = dataclasses.replace(ctx, layout=layout, highlights=changed_stretches(ctx))
    scratch = Diagnostics()

    def flowables(ctx) -> list:
        out = [Paragraph(ctx.texts.plain(ctx.conference.title), ctx.styles["title page kicker"]),
               Paragraph(ctx.texts.plain(changes.heading_text(ctx)), ctx.styles["section title"]),
               Paragraph(changes.intro(ctx), ctx.styles["body"])]
        if left_out:
            out.append(Paragraph(esc(ctx.labels["changes_left_out"].format(
                what=left_out, version=ctx.changes.now.version)), ctx.styles["changes note"]))
        out += changes.entries(ctx, entries, links=False)
        left = ctx.text_height - _height(ctx, out)    # below the list on the first page, if it ends there
        for i, day in enumerate(days):
            grid = glance.sheet_grid(ctx, day, factor=factor, room=ctx.text_height)
            if i == 0 and 0 < _height(ctx, grid) * FILL <= left:   # a little smaller, it goes below the list
                grid = glance.sheet_grid(ctx, day, factor=factor, room=left)
            out += grid
        return out

    body = document.render(sheet_ctx, {NAME: (flowables, "plain")}, scratch, metadata=metadata, jobs=1)
    return Sheet(body.pdf, body.pages, left_out), scratch.warnings


def _grid_days(ctx) -> list:
    """The days a change touches that have a grid (timed sessions)."""
    return [d for d in ctx.changes.days if any(s.timed and s.day == d for s in ctx.conference.sessions)]


def _height(ctx, flowables: list) -> float:
    """How tall `flowables` are, one after the other, their spaces counted in full (an upper bound)."""
    return sum(_height(ctx, f._content) if isinstance(f, KeepTogether)   # measured without a canvas
               else f.wrap(ctx.text_width, ctx.text_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in flowables)


def changed_stretches(ctx) -> dict[str, tuple[Highlight, ...]]:
    """session id → the stretches of its block the grids mark: the session, when it changed itself;
    else its talks that were added, moved, retitled or have other speakers (where they are now)."""
    sessions = {c.id for c in ctx.changes.entries if c.kind in SESSION_KINDS and c.new is not None}
    talks = {c.id for c in ctx.changes.entries if c.kind not in SESSION_KINDS and c.new is not None}
    marks = {}
    for s in ctx.conference.sessions:
        if not s.timed:
            continue
        if s.id in sessions:
            marks[s.id] = (Highlight(*s.span),)
            continue
        stretches = tuple(Highlight(s.minute_of(c.start), s.minute_of(c.end) if c.end else s.span[1], contribution=c.id)
                          if c.start else Highlight(*s.span, contribution=c.id)
                          for c in s.contributions if c.id in talks)
        if stretches:
            marks[s.id] = stretches
    return marks


def _left_out(ctx, changes_left_out: int, days: list) -> str:
    parts = []
    if days:
        parts.append(ctx.labels["changes_grids"].format(days=", ".join(ctx.day_names[d] for d in days)))
    if changes_left_out:
        parts.append(ctx.labels["changes_more"].format(n=changes_left_out))
    return "; ".join(parts)
