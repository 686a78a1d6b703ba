"""Grid text is broken and shortened as if every line were measured whole."""
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from booklet.canvastext import ELLIPSIS, fit
from booklet.fonts import MeasuredTTFont
from booklet.grid import wrap
from booklet.resources import builtin_dir

FONT = "NotoSans-Regular"
TEXTS = ["Opening keynote", "X-ray & Synchrotron Imaging: from photons to physiology in one afternoon",
         "Electron microscopy of frozen-hydrated specimens", "Pneumonoultramicroscopicsilicovolcanoconiosis",
         "a b c d e f g h i j k l m n o p q r s t u v w x y z", ""]


@pytest.fixture(scope="module", autouse=True)
def font():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(MeasuredTTFont(FONT, str(builtin_dir("fonts") / f"{FONT}.ttf")))


def measured_whole(text: str, width: float) -> list[str]:
    """The definition: add words to a line while the whole line, measured, fits."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, FONT, 7) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [line for line in lines + [current] if line]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [40, 61.5, 90, 200])
def test_lines_are_those_of_measuring_each_whole_line(text, width):
    if any(stringWidth(word, FONT, 7) > width for word in text.split()):
        pytest.skip("a word wider than the line is cut, which the definition leaves out")
    assert wrap(text, FONT, 7, width) == measured_whole(text, width)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [0, 12, 40, 90, 1000])
def test_a_shortened_text_keeps_the_longest_head_that_fits(text, width):
    shortened = fit(text, FONT, 7, width, None)
    if shortened == text:
        assert stringWidth(text, FONT, 7) <= width
        return
    fitting = [n for n in range(len(text) + 1) if stringWidth(text[:n] + ELLIPSIS, FONT, 7) <= width]
    assert shortened == text[:max(fitting, default=0)].rstrip() + ELLIPSIS
