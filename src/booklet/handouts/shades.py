"""Track colours as greyscale-safe shades for the printed handouts.

A block's fill keeps its track's hue but takes a lightness of its own, spread evenly from light to
darker in the conference's order of tracks, so that tracks stay apart when a sheet is printed or
copied in grey, and dark text stays readable on every fill (contrast of at least 7:1, WCAG AAA).
The track's own colour is kept for the bar at the block's edge and the legend's swatch.
"""
from __future__ import annotations

from reportlab.lib import colors

LIGHTEST, DARKEST = 88.0, 68.0   # CIE L* of the first and the last track's fill: darker than the grid's
                                 # untracked sessions (L* 95); dark text on 68 still has 7:1


def track_fills(tracks) -> dict[str, colors.Color]:
    """track id → the fill of its blocks, for the tracks that have a colour."""
    coloured = [t for t in tracks if t.colour]
    if not coloured:
        return {}
    steps = max(1, len(coloured) - 1)
    return {t.id: with_lightness(colors.HexColor(t.colour), LIGHTEST - (LIGHTEST - DARKEST) * i / steps
                                 if len(coloured) > 1 else (LIGHTEST + DARKEST) / 2)
            for i, t in enumerate(coloured)}


def with_lightness(colour: colors.Color, lightness: float) -> colors.Color:
    """`colour` mixed with white (or, when it is lighter than asked, with black) to CIE L* `lightness`."""
    target = _luminance_of_lightness(lightness)
    other = colors.white if luminance(colour) <= target else colors.black
    # The further towards `other`, the nearer its luminance: bisect for the share that meets the target.
    near, far = 0.0, 1.0
    for _ in range(30):
        middle = (near + far) / 2
        short = luminance(_towards(colour, other, middle)) - target
        if (short < 0) == (other is colors.white):
            near = middle
        else:
            far = middle
    return _towards(colour, other, (near + far) / 2)


def _towards(colour: colors.Color, other: colors.Color, amount: float) -> colors.Color:
    return colors.Color(*(c + (o - c) * amount for c, o in ((colour.red, other.red), (colour.green, other.green),
                                                            (colour.blue, other.blue))))


def luminance(colour: colors.Color) -> float:
    """Relative luminance (WCAG 2) of an sRGB colour."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) + 0.0722 * linear(colour.blue)


def lightness(colour: colors.Color) -> float:
    """CIE L* (0 black … 100 white): how light the colour prints in grey."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def contrast(a: colors.Color, b: colors.Color) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def _luminance_of_lightness(l_star: float) -> float:
    return ((l_star + 16) / 116) ** 3 if l_star > 8 else l_star * 27 / 24389
