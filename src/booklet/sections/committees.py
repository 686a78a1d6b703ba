"""The committees of conference.yaml, each with its members in the registry's spelling and
with their affiliations (template committee_member.j2)."""
from __future__ import annotations

from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import BalancedColumns

from ..layout.templating import markup
from ..typeset.flowables import Mark, Paragraph, anchored
from .common import section_title

COLUMNS_FROM = 8   # a committee of this many members or more is set in two columns


def build(ctx) -> list:
    committees = ctx.conference.committees
    if not committees:
        return []
    out = [section_title(ctx, "committees")]
    for number, committee in enumerate(committees):
        heading = anchored(ctx.texts.plain(committee.name), ctx.styles["committee name"],
                           Mark(anchor=committee_anchor(number)))
        members = [Paragraph(ctx.templates.line(
            "committee_member.j2", name=markup(_name(ctx, m.person)), title=markup(ctx.texts.plain(m.person.title or "")),
            affiliations=markup([ctx.texts.plain(a) for a in m.affiliations])), ctx.styles["committee member"])
            for m in committee.members]
        if len(members) >= COLUMNS_FROM:
            out += [heading, BalancedColumns(members, nCols=2, innerPadding=ctx.layout.index_gap, leftPadding=0,
                                             rightPadding=0, topPadding=0, bottomPadding=0)]
        else:
            out.append(KeepTogether([heading] + members))
    return out


def committee_anchor(number: int) -> str:
    """The committee's heading: the index links its members here (layout `index: {committees: true}`)."""
    return f"committee-{number + 1}"


def _name(ctx, person) -> str:
    return ctx.texts.names.get(person.id) or ctx.texts.plain(person.name)
