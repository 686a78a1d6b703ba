"""Derived paragraph styles (list indents) belong to their base style."""
from reportlab.lib.styles import ParagraphStyle

from booklet.sections.common import _indented


def test_two_layouts_with_same_style_names_do_not_share_variants():
    small = ParagraphStyle("abstract list", leftIndent=10, bulletIndent=0, fontSize=9)
    large = ParagraphStyle("abstract list", leftIndent=20, bulletIndent=0, fontSize=12)
    assert _indented(small, 20).fontSize == 9
    assert _indented(large, 20).fontSize == 12
    assert _indented(small, 20) is _indented(small, 20)

