"""Paragraph styles by role, made from the layout's style specs and fonts.

The only module that builds ReportLab styles: sections ask for `styles["byline"]`
and never name a font or a size themselves.
"""
from __future__ import annotations

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..errors import Diagnostics, LayoutError
from ..text.hyphenation import dictionary_for, hyphenator
from .definition import Layout
from .fonts import FontSet

# A web address that overflows a line breaks (text.hyphenation.address_breaks) unless the line is
# already this full (ReportLab's uriWasteReduce: the share of a line it may leave empty rather than
# break one): moving the whole address down would leave the line looser than any break does.
ADDRESS_WASTE = 0.001

_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}

# Roles the booklet's sections use; a layout must define each.
REQUIRED_ROLES = (
    "body", "title page title", "title page short", "title page line", "title page kicker", "colophon",
    "section title", "contents section", "contents entry", "contents page", "session title", "session meta",
    "programme title", "programme people", "programme time", "programme page", "contribution title",
    "poster board", "byline", "coauthors", "affiliations", "abstract", "abstract next", "abstract list",
    "abstract heading", "abstract code", "no abstract", "index letter", "index entry", "index note",
    "running head", "folio", "grid day", "grid header", "grid title", "grid break", "grid text",
)


class Styles(dict):
    """role → ParagraphStyle; a missing role is a layout error naming it."""

    def __missing__(self, role: str):
        raise LayoutError(f"the layout has no style '{role}'")


def build(layout: Layout, fonts: FontSet, language: str, diag: Diagnostics) -> Styles:
    styles = Styles()
    hyphenate = hyphenator(dictionary_for(language))
    for role in REQUIRED_ROLES:
        if role not in layout.styles:
            diag.error(layout.loc, f"layout '{layout.name}' has no style '{role}'", "add it under styles:")
    for role, spec in layout.styles.items():
        if spec.font not in fonts:
            diag.error(spec.loc, f"style '{role}': unknown font '{spec.font}'",
                       "use a family from fonts: with an optional face, e.g. serif, sans-bold, serif-italic")
            continue
        styles[role] = ParagraphStyle(
            role, fontName=fonts.resolve(spec.font), fontSize=spec.size, leading=spec.leading,
            # list numbers in the text's own face and size (ReportLab's default: Helvetica, not embedded, 10 pt)
            bulletFontName=fonts.resolve(spec.font), bulletFontSize=spec.size,
            alignment=_ALIGN[spec.align], textColor=colors.HexColor(spec.colour),
            spaceBefore=spec.space_before, spaceAfter=spec.space_after,
            leftIndent=spec.indent, firstLineIndent=spec.first_indent,
            keepWithNext=int(spec.keep_with_next), textTransform="uppercase" if spec.upper else None,
            hyphenationLang=hyphenate if spec.hyphenate else "", embeddedHyphenation=1,
            uriWasteReduce=ADDRESS_WASTE, allowWidows=0, allowOrphans=0, splitLongWords=1,
            # ReportLab lets a line run long by 5 % of its spaces, which a justified line takes back
            # by shrinking them; a line set flush left kept it and ran up to 2 pt past the margin.
            spaceShrinkage=rl_config.spaceShrinkage if spec.align == "justify" else 0,
        )
    diag.raise_if_errors(LayoutError)
    return styles
