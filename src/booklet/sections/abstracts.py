"""Abstracts of every contribution outside poster sessions, grouped by session.

Breaks, meals and social events appear only with the contributions that have
an abstract (a talk at the conference dinner, say); the rest of them has
nothing to print here.
"""
from __future__ import annotations

from .common import MAX_TOC_SESSIONS, contribution_block, section_title, session_heading

QUIET_KINDS = ("break", "meal", "social")


def build(ctx) -> list:
    sessions = [(s, _shown(s)) for s in ctx.conference.sessions if s.kind != "posters"]
    sessions = [(s, shown) for s, shown in sessions if shown]
    if not sessions:
        return []
    out = [section_title(ctx, "abstracts")]
    for session, contributions in sessions:
        heading = session_heading(ctx, session, anchor=True, toc=len(sessions) <= MAX_TOC_SESSIONS)
        for i, contribution in enumerate(contributions):
            out.extend(contribution_block(ctx, contribution, level=2, lead=heading if i == 0 else []))
    return out


def has_abstract_page(session, contribution) -> bool:
    """Whether the contribution gets a block of its own in the abstracts or posters section."""
    return session.kind not in QUIET_KINDS or bool(contribution.abstract)


def _shown(session) -> tuple:
    if session.kind in QUIET_KINDS:
        return tuple(c for c in session.contributions if c.abstract)
    return session.contributions
