"""Changes since version N (`booklet build --changes-since N`): what moved, went or came.

The list compares this build's programme with an earlier version's snapshot (content/compare.py),
grouped by kind: talks added, cancelled, moved, retitled, with other speakers; sessions added,
cancelled, moved, renamed, with other chairs. Each entry names the talk or session, says what
changed ("Tue 16, 10:30, Room 1 → Wed 17, 14:00, Room 2") and, in the booklet, links to where it
is printed now, with its page. The errata sheet (errata.py) sets the same entries without links.
With nothing changed the section says so in one line.
"""
from __future__ import annotations

import datetime as dt

from reportlab.platypus import Table, TableStyle

from ..content.compare import SESSION_KINDS, TALK_KINDS, Change
from ..text import dates
from ..text.escape import esc
from ..typeset.crossref import programme_session_anchor, section_anchor
from ..typeset.flowables import LaterParagraph, Mark, Paragraph, anchored
from .abstracts import printed_at
from .common import column_width, page_number_sample

ARROW = "\u2002→\u2002"


def build(ctx) -> list:
    if ctx.changes is None:
        return []
    text = heading_text(ctx)
    title = anchored(ctx.texts.plain(text), ctx.styles["section title"],
                     Mark(anchor=section_anchor("changes"), outline=(text, 0), section=text))
    return [title, Paragraph(intro(ctx), ctx.styles["body"])] + entries(ctx, ctx.changes.entries, links=True)


def heading_text(ctx) -> str:
    return ctx.labels["changes"].format(version=ctx.changes.since.version)


def intro(ctx) -> str:
    """"Programme version 3 of 4 December 2026, compared with version 1 of …: 6 changes." (markup)"""
    changes, labels, language = ctx.changes, ctx.labels, ctx.conference.language
    if not changes.entries:
        return esc(labels["changes_none"].format(since=changes.since.version))
    count = labels["changes_one"] if len(changes) == 1 else labels["changes_count"].format(n=len(changes))
    return esc(labels["changes_intro"].format(
        version=changes.now.version, date=dates.long_date(changes.now.date, language),
        since=changes.since.version, since_date=dates.long_date(changes.since.date, language), count=count))


def entries(ctx, chosen, *, links: bool) -> list:
    """The `chosen` changes under a heading per kind, in the order of kinds; with `links`, each
    entry leads to where the booklet prints it now, and shows its page."""
    out = []
    for kind in TALK_KINDS + SESSION_KINDS:
        of_kind = [c for c in chosen if c.kind == kind]
        if not of_kind:
            continue
        group = Paragraph(esc(ctx.labels["changes_" + kind.replace(" ", "_")]), ctx.styles["changes group"])
        rows = [_row(ctx, change, links) for change in of_kind]
        out += [group, _table(ctx, rows, links)]
    return out


def _table(ctx, rows: list, links: bool) -> Table:
    page = column_width(ctx.styles["programme page"], f"{ctx.labels['page']}\u00a0{page_number_sample(ctx)}") \
        if links else 0
    table = Table(rows, colWidths=[ctx.text_width - page, page], hAlign="LEFT", splitByRow=1)
    entry = ctx.styles["changes entry"]
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), entry.fontName, entry.fontSize),   # not Helvetica
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _row(ctx, change: Change, links: bool) -> list:
    title = _title(ctx, change)
    anchor = _target(ctx, change) if links else None
    if anchor:
        first = LaterParagraph(lambda: Paragraph(_linked(ctx, title, anchor), ctx.styles["changes entry"]))
    else:
        first = Paragraph(title, ctx.styles["changes entry"])
    cell = [first, Paragraph(detail(ctx, change), ctx.styles["changes detail"])]
    page = ctx.refs.number(anchor, ctx.styles["programme page"], f"{ctx.labels['page']}\u00a0") if anchor else ""
    return [cell, page]


def _linked(ctx, title: str, anchor: str) -> str:
    """The title as a link to `anchor` once layout knows the booklet prints it (a layout may leave its
    section out), and when the title holds no link of its own."""
    if ctx.refs.known(anchor) and "<a " not in title:
        return f'<a href="#{anchor}">{title}</a>'
    return title


def _target(ctx, change: Change) -> str | None:
    """Where the booklet prints the contribution or session now; None when it is gone."""
    if change.new is None:
        return None
    conference = ctx.conference
    if change.kind in SESSION_KINDS:
        session = next((s for s in conference.sessions if s.id == change.id), None)
        return programme_session_anchor(session) if session and "programme" in ctx.layout.sections else None
    for session in conference.sessions:
        for c in session.contributions:
            if c.id == change.id:
                return printed_at(session, c, ctx.layout)
    return None


def _title(ctx, change: Change) -> str:
    """The title as printed now (markup), or as it was for what is gone."""
    if change.new is not None and change.id in ctx.texts.titles:
        return ctx.texts.titles[change.id]
    return _inline(ctx, change.record["title"])


def _inline(ctx, source: str) -> str:
    """A title of the earlier version (Markdown), as markup; as plain text should it not convert."""
    try:
        return ctx.texts.rich.inline(source)
    except Exception:   # a title this version no longer has: never worth failing the build for
        return ctx.texts.plain(source)


def detail(ctx, change: Change) -> str:
    """What changed, as markup: where it is (or was: which of two talks of one title), and old → new."""
    old, new, kind = change.old, change.new, change.kind.removeprefix("session ")
    was, arrow = f"{esc(ctx.labels['changes_was'])}: ", ctx.texts.plain(ARROW)
    now = _where(ctx, new, ctx.changes.new_rooms) if new else ""
    if kind == "added":
        return _joined(now, _people(ctx, new, change))
    if kind == "cancelled":
        then = _where(ctx, old, ctx.changes.old_rooms)
        return _joined(was + then if then else "", _people(ctx, old, change))
    if kind == "moved":
        return (_where(ctx, old, ctx.changes.old_rooms) or "–") + arrow + (now or "–")
    if kind == "retitled":
        return _joined(now, was + _inline(ctx, old["title"]))
    key = "speakers" if kind == "speakers" else "chairs"
    return _joined(now, _names(ctx, old[key]) + arrow + _names(ctx, new[key]))


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _people(ctx, record: dict, change: Change) -> str:
    people = record.get("chairs" if change.kind in SESSION_KINDS else "speakers") or []
    return ", ".join(ctx.texts.plain(p) for p in people)


def _names(ctx, names: list[str]) -> str:
    return ", ".join(ctx.texts.plain(n) for n in names) if names else esc(ctx.labels["changes_nobody"])


def _where(ctx, record: dict, rooms: dict[str, str]) -> str:
    """"Tue 16 June, 10:30–10:55, Room 1" (the day when the conference has several)."""
    parts = []
    day = dt.date.fromisoformat(record["day"]) if record.get("day") else None
    if day and (len(ctx.conference.days) > 1 or ctx.changes.days != [day]):
        parts.append(dates.short_day(day, ctx.conference.language))
    if record.get("start"):
        parts.append(record["start"] + (f"–{record['end']}" if record.get("end") else ""))
    place = ", ".join(rooms.get(r, r) for r in record.get("rooms") or ()) or record.get("location")
    if place:
        parts.append(place)
    return ctx.texts.plain(", ".join(parts))
