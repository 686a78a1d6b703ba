"""The committees of conference.yaml, each with its members in the registry's spelling and
with their affiliations (template committee_member.j2)."""
from __future__ import annotations

from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import BalancedColumns

from ..layout.templating import markup
from ..typeset.flowables import Paragraph
from .common import section_title

COLUMNS_FROM = 8   # a committee of this many members or more is set in two columns


def build(ctx) -> list:
    committees = ctx.conference.committees
    if not committees:
        return []
    out = [section_title(ctx, "committees")]
    for committee in committees:
        heading = Paragraph(ctx.texts.plain(committee.name), ctx.styles["committee name"])
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


def _name(ctx, person) -> str:
    return ctx.texts.names.get(person.id) or ctx.texts.plain(person.name)
