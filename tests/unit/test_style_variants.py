"""Derived paragraph styles (list indents, unhyphenated paragraphs) belong to their base style."""
from reportlab.lib.styles import ParagraphStyle

from booklet.sections.common import _indented, unbreakable_safe


def test_two_layouts_with_same_style_names_do_not_share_variants():
    small = ParagraphStyle("abstract list", leftIndent=10, bulletIndent=0, fontSize=9)
    large = ParagraphStyle("abstract list", leftIndent=20, bulletIndent=0, fontSize=12)
    assert _indented(small, 20).fontSize == 9
    assert _indented(large, 20).fontSize == 12
    assert _indented(small, 20) is _indented(small, 20)


def test_a_long_word_in_markup_gets_the_unhyphenated_variant_of_its_own_style():
    a5 = ParagraphStyle("abstract", fontSize=9, hyphenationLang="en_GB")
    a4 = ParagraphStyle("abstract", fontSize=10, hyphenationLang="en_GB")
    markup = '<a href="https://x.org">https://example.org/' + "x" * 60 + "</a>"
    assert unbreakable_safe(a5, markup).fontSize == 9 and unbreakable_safe(a4, markup).fontSize == 10
    assert unbreakable_safe(a5, markup).hyphenationLang == ""
    assert unbreakable_safe(a5, "plain words only") is a5
