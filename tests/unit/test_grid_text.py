"""Grid text is broken and shortened as if every line were measured whole."""
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from booklet.layout.fonts import TranslatingTTFont
from booklet.layout.resources import builtin_dir
from booklet.typeset.canvas_line import ELLIPSIS, fit
from booklet.typeset.grid import wrap

FONT = "NotoSans-Regular"
TEXTS = ["Opening keynote", "X-ray & Synchrotron Imaging: from photons to physiology in one afternoon",
         "Electron microscopy of frozen-hydrated specimens", "Pneumonoultramicroscopicsilicovolcanoconiosis",
         "a b c d e f g h i j k l m n o p q r s t u v w x y z", ""]


def font():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TranslatingTTFont(FONT, str(builtin_dir("fonts") / f"{FONT}.ttf")))


@pytest.fixture(scope="module", autouse=True)
def registered_font():
    font()


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


def _cases(fitting: bool) -> list[tuple[str, float]]:
    """(text, width) where every word fits the line (`fitting`), or where one does not."""
    font()   # the parameters are measured at collection time
    return [(text, width) for text in TEXTS for width in (40, 61.5, 90, 200)
            if all(stringWidth(word, FONT, 7) <= width for word in text.split()) == fitting]


@pytest.mark.parametrize("text, width", _cases(fitting=True))
def test_lines_are_those_of_measuring_each_whole_line(text, width):
    assert wrap(text, FONT, 7, width) == measured_whole(text, width)


@pytest.mark.parametrize("text, width", _cases(fitting=False))
def test_a_word_wider_than_the_line_is_cut_and_nothing_is_lost(text, width):
    lines = wrap(text, FONT, 7, width)
    assert all(stringWidth(line, FONT, 7) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [0, 12, 40, 90, 1000])
def test_a_shortened_text_keeps_the_longest_head_that_fits(text, width):
    shortened = fit(text, FONT, 7, width, None)
    if shortened == text:
        assert stringWidth(text, FONT, 7) <= width
        return
    fitting = [n for n in range(len(text) + 1) if stringWidth(text[:n] + ELLIPSIS, FONT, 7) <= width]
    assert shortened == text[:max(fitting, default=0)].rstrip() + ELLIPSIS
