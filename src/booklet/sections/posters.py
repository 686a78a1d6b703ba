"""Posters, ordered by board number where boards are given, with their abstracts."""
from __future__ import annotations

import re

from .common import MAX_TOC_SESSIONS, contribution_block, section_title, session_heading


def build(ctx) -> list:
    sessions = [s for s in ctx.conference.sessions if s.kind == "posters" and s.contributions]
    if not sessions:
        return []
    out = [section_title(ctx, "posters")]
    # One poster session named like the section needs no heading of its own.
    single = len(sessions) == 1 and sessions[0].title.casefold() == ctx.labels["posters"].casefold()
    for session in sessions:
        heading = [] if single else session_heading(ctx, session, anchor=True, toc=len(sessions) <= MAX_TOC_SESSIONS)
        for i, poster in enumerate(sorted(session.contributions, key=board_order)):
            out.extend(contribution_block(ctx, poster, level=1 if single else 2, lead=heading if i == 0 else [],
                                          poster=True))
    return out


def board_order(poster) -> tuple:
    """Natural order of board numbers ("2" before "10", "A3" before "B1"); posters without one keep theirs."""
    if poster.board is None:
        return (1,)
    parts = re.split(r"(\d+)", poster.board)
    return (0,) + tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p)
