"""Abstracts of every contribution outside poster sessions, grouped by session.

Breaks, meals and social events appear only with the contributions that have
an abstract (a talk at the conference dinner, say); the rest of them has
nothing to print here. A talk without an abstract is left out too, unless the
layout asks for its entry with a note (`abstracts: {without_abstract: note}`);
the programme and the index then lead to its session in the programme.
"""
from __future__ import annotations

from ..typeset.crossref import contribution_anchor, programme_contribution_anchor, programme_session_anchor
from .common import MAX_TOC_SESSIONS, contribution_block, section_title, session_heading

QUIET_KINDS = ("break", "meal", "social")


def build(ctx) -> list:
    sessions = [(s, _shown(s, ctx.layout)) for s in ctx.conference.sessions if s.kind != "posters"]
    sessions = [(s, shown) for s, shown in sessions if shown]
    if not sessions:
        return []
    out = [section_title(ctx, "abstracts")]
    for session, contributions in sessions:
        heading = session_heading(ctx, session, anchor=True, toc=len(sessions) <= MAX_TOC_SESSIONS)
        for i, contribution in enumerate(contributions):
            out.extend(contribution_block(ctx, contribution, level=2, lead=heading if i == 0 else []))
    return out


def has_abstract_page(session, contribution, layout) -> bool:
    """Whether the contribution gets a block of its own in the abstracts or posters section: a
    poster always, a break's or a meal's contribution with an abstract, any other with an abstract
    or, when the layout notes those without one, without."""
    if session.kind == "posters" or (contribution.abstract or "").strip():
        return True
    if session.kind in QUIET_KINDS:
        return False
    return layout.without_abstract == "note"


def printed_at(session, contribution, layout) -> str:
    """The anchor where `layout` prints the contribution: its own block, or its row in the
    programme, or (a lunch, say, without the programme's rows) its session in the programme."""
    if has_abstract_page(session, contribution, layout):
        return contribution_anchor(contribution)
    if "programme" in layout.sections:
        return programme_contribution_anchor(contribution)
    return programme_session_anchor(session)


def _shown(session, layout) -> tuple:
    return tuple(c for c in session.contributions if has_abstract_page(session, c, layout))
