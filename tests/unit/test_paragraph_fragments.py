"""booklet's Paragraph joins fragments that only ReportLab's parser told apart, so that
ReportLab takes its one-fragment path, and draws a link target where `<a name/>` would."""
import io

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as ReportLabParagraph
from reportlab.platypus.paraparser import ParaParser

from booklet.typeset.flowables import Mark, Paragraph, anchored

STYLE = ParagraphStyle("test", fontSize=10, leading=13, leftIndent=5, firstLineIndent=3)


def texts(paragraph) -> list[str]:
    return [frag.text for frag in paragraph.frags]


def test_entities_do_not_split_the_text():
    para = Paragraph("R&amp;D in 3 &lt; 4 steps", STYLE)
    assert texts(para) == ["R&D in 3 < 4 steps"]


def test_a_link_keeps_its_own_fragment_and_its_entities_join_it():
    para = Paragraph('See <a href="https://x.org">Q&amp;A</a> &amp; more', STYLE)
    assert texts(para) == ["See ", "Q&A", " & more"]
    assert para.frags[1].link and not para.frags[0].link


def test_superscripts_fonts_and_line_breaks_stay_apart():
    para = Paragraph("Ada<super>1,2</super> &amp; <b>Alan</b><br/>Grace", STYLE)
    assert texts(para) == ["Ada", "1,2", " & ", "Alan", "", "Grace"]
    assert para.frags[1].rise and para.frags[4].lineBreak


def test_callbacks_are_never_joined():
    para = Paragraph('a <index item="x"/>b', STYLE)
    assert len(para.frags) == 3 and hasattr(para.frags[1], "cbDefn")


def test_an_anchored_paragraph_is_one_fragment():
    assert texts(anchored("At a glance", STYLE, Mark(anchor="glance"))) == ["At a glance"]


def _target(paragraph, name: str) -> tuple[float, float]:
    canvas = Canvas(io.BytesIO())
    paragraph.wrapOn(canvas, 200, 500)
    paragraph.drawOn(canvas, 30, 100)
    xyz = canvas._destinations[name].fmt
    return xyz.left, xyz.top


@pytest.mark.parametrize("alignment", [TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY])
@pytest.mark.parametrize("text", ["A title long enough to take two lines at this narrow width", "Short <b>bold</b>"])
def test_the_link_target_is_where_reportlab_puts_an_inline_anchor(alignment, text):
    style = ParagraphStyle("aligned", parent=STYLE, alignment=alignment)
    inline = ReportLabParagraph(f'<a name="t"/>{text}', style)
    assert _target(anchored(text, style, Mark(anchor="t")), "t") == pytest.approx(_target(inline, "t"))


def test_a_split_paragraph_keeps_its_target_on_the_first_part():
    para = anchored("word " * 80, STYLE, Mark(anchor="t"))
    para.wrap(200, 1000)
    first, rest = para.split(200, 30)
    assert first.anchor == "t" and rest.anchor is None


@pytest.mark.parametrize("text", ["Plain words", "  two\n   lines, (with) 'quotes' > 3 ", "ünïcødé · 日本"])
@pytest.mark.parametrize("transform", [None, "uppercase"])
def test_text_without_markup_gets_the_fragment_the_parser_makes(text, transform):
    style = ParagraphStyle("plain", parent=STYLE, textTransform=transform, fontName="Times-Roman")
    ours, parsed = Paragraph(text, style), ReportLabParagraph(text, style)
    assert [f.__dict__ for f in ours.frags] == [f.__dict__ for f in parsed.frags]
    assert ours.text == parsed.text


def test_text_without_markup_is_not_parsed(monkeypatch):
    Paragraph("warm the style's fragment", STYLE)
    monkeypatch.setattr(ParaParser, "parse", lambda *args: pytest.fail("parsed"))
    assert texts(Paragraph("Plain words", STYLE)) == ["Plain words"]


# -- fragments from a parse of the markup's shape (flowables.shaped) ----------------------------------------------
SHAPED = [
    'Müller, Jörg <a href="#c-1">12</a>, <b><a href="#c-2">34</a></b>',
    'Berg, Jan van der (Utrecht &amp; Delft) <b><a href="#c-9">7</a></b>',
    'x<sup>2</sup> &lt; y<sub>i</sub> and <i>italic <b>bold</b></i>',
    'See <a href="https://doi.org/10.1/x?a=1&amp;b=2">doi</a>.<br/>Next line',
    '<font name="Helvetica-Bold" size="12">big</font> small &quot;quoted&quot; it&#39;s',
]


@pytest.mark.parametrize("markup", SHAPED)
def test_fragments_from_a_shape_are_those_the_parser_makes(markup):
    from booklet.typeset.flowables import joined, shaped
    made = shaped(markup, STYLE)
    assert made is not None
    _, frags, _ = ParaParser().parse(markup, STYLE)
    assert [f.__dict__ for f in joined(made)] == [f.__dict__ for f in joined(frags)]


def test_a_shape_is_parsed_once_and_filled_with_each_markups_texts_and_targets():
    from booklet.typeset import flowables
    first = flowables.shaped('Ada <a href="#c-1">3</a>', STYLE)
    second = flowables.shaped('Grace <a href="#c-22">45</a>', STYLE)
    assert [f.text for f in second] == ["Grace ", "45"] and second[1].link == [(second[1].link[0][0], "#c-22")]
    assert first[1].link[0][1] == "#c-1"          # the first is not changed by the second
    assert list(flowables._SHAPES[STYLE]).count(('\ue000<a href="\ue001">\ue000</a>', 1)) == 1


@pytest.mark.parametrize("markup", ["a &nbsp; b", "<seq id='x'/> item", "\ue000 placeholder", "<para>x</para>"])
def test_markup_a_shape_cannot_stand_for_is_parsed_as_it_is(markup):
    from booklet.typeset.flowables import shaped
    assert shaped(markup, STYLE) is None
    assert Paragraph(markup, STYLE).frags      # and the paragraph is still made, by the parser
