"""Every content string converted to paragraph markup once, before layout.

Converting titles, names and abstracts before composition keeps sections simple
and reports each problem once, at the place in the content where it is: maths
commands booklet does not know, characters no font in the layout can show.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import Diagnostics, Loc
from .fonts import FontSet
from .layouts import Layout
from .model import Conference
from .richtext import Block, Fallbacks, RichText


@dataclass(frozen=True)
class Texts:
    rich: RichText
    titles: dict[str, str]              # contribution or session id → markup
    abstracts: dict[str, list[Block]]   # contribution id → blocks
    names: dict[str, str]               # person id → markup of the display name
    affiliations: dict[str, str]        # affiliation as written → markup

    def plain(self, text: str) -> str:
        return self.rich.plain(text)


def prepare(conference: Conference, fonts: FontSet, layout: Layout, diag: Diagnostics) -> Texts:
    rich = RichText(Fallbacks(fonts.covered(), fonts.fallback_fonts()), code_font=fonts.resolve("sans"),
                    link_colour=layout.colours.get("link") or layout.colours.get("accent") or "#000000")
    titles, abstracts = {}, {}
    for session in conference.sessions:
        titles[session.id] = _checked(rich, rich.inline, session.title, session.loc, f"session '{session.id}'", diag)
        for c in session.contributions:
            what = f"contribution '{c.id}'"
            titles[c.id] = _checked(rich, rich.inline, c.title, c.loc, what, diag)
            if c.abstract:
                abstracts[c.id] = _checked(rich, rich.blocks, c.abstract, c.abstract_loc or c.loc, what, diag)
    names, affiliations = {}, {}
    for person in conference.people:
        names[person.id] = _checked(rich, rich.plain, person.name, person.loc, f"person '{person.id}'", diag)
        for affiliation in person.affiliations:
            affiliations.setdefault(affiliation, rich.plain(affiliation))
    for c in conference.contributions:
        for author in c.authors:
            for affiliation in author.affiliations:
                affiliations.setdefault(affiliation, rich.plain(affiliation))
    return Texts(rich, titles, abstracts, names, affiliations)


def _checked(rich: RichText, convert, text: str, loc: Loc, what: str, diag: Diagnostics):
    """Convert `text`, reporting what cannot be shown as written."""
    rich.problems.clear()
    result = convert(text)
    for problem in rich.problems:
        diag.warn(loc, f"{what}: {problem}")
    missing = rich.fallbacks.missing(text)
    if missing:
        shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in sorted(missing)[:10])
        diag.warn(loc, f"{what}: no font in the layout can show {shown}",
                  "add a font that has these characters to the layout's fallback_fonts, or write them differently")
    return result
