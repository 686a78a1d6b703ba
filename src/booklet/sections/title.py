"""The title page, worded by the layout's title.j2 template."""
from __future__ import annotations

from ..layout.templating import IMAGE, markup
from ..text import dates
from ..typeset.crossref import section_anchor
from ..typeset.flowables import Mark, Paragraph, anchored
from .common import block_flowable


def build(ctx) -> list:
    return template_flowables(ctx, "title.j2", "title")


def template_flowables(ctx, template: str, section: str) -> list:
    """The paragraphs a template writes; the first is the section's anchor (inserts are placed by it)."""
    c = ctx.conference
    plain = ctx.texts.plain
    event = {"title": markup(plain(c.title)), "short": markup(plain(c.short)) if c.short else "",
             "venue": markup(plain(c.venue)) if c.venue else "", "organisers": markup([plain(o) for o in c.organisers])}
    blocks = ctx.templates.blocks(template, conference=c, event=event, dates=markup(plain(ctx.dates)),
                                  selection=markup(plain(ctx.selection)) if ctx.selection else "", labels=ctx.labels,
                                  version=ctx.version, contributions=len(c.contributions), people=len(c.people),
                                  stamp=_stamp(ctx))
    out, anchored_yet = [], False
    for role, value in blocks:
        if role is None or role == IMAGE:
            out.append(block_flowable(ctx, template, role, value))
        elif not anchored_yet:
            out.append(anchored(value, ctx.styles[role], Mark(anchor=section_anchor(section))))
            anchored_yet = True
        else:
            out.append(Paragraph(value, ctx.styles[role]))
    return out


def _stamp(ctx) -> dict | None:
    """The programme's version for a template: {"version": "3", "date": "4 December 2026"}."""
    if ctx.stamp is None:
        return None
    return {"version": ctx.stamp.version, "date": dates.long_date(ctx.stamp.date, ctx.conference.language)}


def selection_line(selection, labels: dict[str, str], language: str) -> str:
    """What a booklet built with `--only` holds, for its title page: "Monday, 15 June 2026 · Track:
    Machine learning · Room: Hall Semper"; several values of one filter are "A / B". "" for the
    whole programme. `selection` is a content.selection.Selection."""
    parts = []
    if selection.days:
        parts.append(" / ".join(dates.day_name(day, language) for day in selection.days))
    for items, one, several in ((selection.tracks, "track", "tracks"), (selection.rooms, "room", "rooms")):
        if items:
            word = labels.get(one, one.title()) if len(items) == 1 else labels.get(several, several.title())
            parts.append(f"{word}: " + " / ".join(item.name for item in items))
    return " · ".join(parts)
