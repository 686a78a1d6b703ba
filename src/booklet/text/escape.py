"""Escaping for paragraph markup: every word that comes from content or a layout goes through
`esc` (or `attribute`) before it meets ReportLab's parser, which would otherwise drop unknown
tags and corrupt `&`."""
from __future__ import annotations

import html
import re


def esc(text: str) -> str:
    """`text` safe inside paragraph markup: &, < and > as entities. (Not xml.sax.saxutils: importing
    it imports urllib and http, a thirtieth of a second at every start.)"""
    return html.escape(text, quote=False)


def attribute(value: str) -> str:
    """`value` as a quoted attribute in paragraph markup (a link's target)."""
    return '"' + html.escape(value) + '"'


def plain(markup: str) -> str:
    """The text of paragraph markup: what a reader sees, without tags (for outlines and running heads)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
