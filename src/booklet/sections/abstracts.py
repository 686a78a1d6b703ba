"""Abstracts of every contribution outside poster sessions, grouped by session."""
from __future__ import annotations

from .common import MAX_TOC_SESSIONS, contribution_block, section_title, session_heading


def build(ctx) -> list:
    sessions = [s for s in ctx.conference.sessions if s.kind != "posters" and s.contributions]
    if not sessions:
        return []
    out = [section_title(ctx, "abstracts")]
    for session in sessions:
        heading = session_heading(ctx, session, anchor=True, toc=len(sessions) <= MAX_TOC_SESSIONS)
        for i, contribution in enumerate(session.contributions):
            out.extend(contribution_block(ctx, contribution, level=2, lead=heading if i == 0 else []))
    return out
