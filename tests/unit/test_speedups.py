"""speedups: ReportLab's text measuring, faster and to the byte the same, beside its C accelerator."""

from reportlab.lib import rl_accel
from reportlab.pdfgen import textobject

from booklet.typeset import speedups

def test_reportlabs_c_accelerator_is_the_one_loaded():
    """rl-accel is a dependency: number formatting, escaping and font widths run in C."""
    assert {"fp_str", "escapePDF", "sameFrag", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)
    assert rl_accel.fp_str.__module__ == "_rl_accel"
    assert textobject.fp_str is rl_accel.fp_str


def test_installed_where_reportlab_measures_text():
    from reportlab.platypus import paragraph

    speedups.install()
    assert textobject.pdfmetrics_stringWidth is speedups.string_width
    assert paragraph.sameFrag is speedups.same_frag


def test_widths_are_remembered_and_forgotten_when_a_font_is_registered():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph

    from booklet.layout.fonts import TranslatingTTFont
    from booklet.layout.resources import builtin_dir

    speedups.install()
    assert paragraph.stringWidth is speedups.string_width
    fonts = builtin_dir("fonts")
    pdfmetrics.registerFont(TranslatingTTFont("SpeedupsProbe", str(fonts / "NotoSans-Regular.ttf")))
    width = paragraph.stringWidth("Wissenschaft", "SpeedupsProbe", 10)
    assert width == pdfmetrics.getFont("SpeedupsProbe").stringWidth("Wissenschaft", 10)
    assert paragraph.getAscentDescent("SpeedupsProbe", 10) == speedups._ascent_descent("SpeedupsProbe", 10)
    assert ("Wissenschaft", "SpeedupsProbe", 10) in speedups._widths
    # a Type 1 font may be registered again under its name, meaning another font: nothing stale is kept
    pdfmetrics.registerFont(TranslatingTTFont("SpeedupsProbe2", str(fonts / "NotoSerif-Bold.ttf")))
    assert not speedups._widths and not speedups._heights


WEB_ADDRESSES = ["https://example.org/a/b/c", "http://[::1]:8080/x", "ftp://192.168.0.1/file", "www.example.org/a",
                 "://host.example/path", "HTTPS://Bücher.example/ä", "mailto:someone@example.org", "word",
                 "a-very-long-hyphenated-word", b"https://example.org/bytes/path"]


def test_the_web_address_pattern_is_compiled_on_first_use_and_matches_as_reportlab_compiles_it():
    """In a fresh interpreter: here, something may have imported ReportLab's paragraph module first."""
    import subprocess
    import sys

    check = f"""
import re, sys
import booklet
paragraph = sys.modules["reportlab.platypus.paragraph"]
assert type(paragraph.uri_pat).__name__ == "_CompiledOnFirstUse", type(paragraph.uri_pat)
assert re.compile.__module__ == "re"      # put back after the import
compiled = re.compile(paragraph.uri_pat._pattern, paragraph.uri_pat._flags)
for address in {WEB_ADDRESSES!r}:
    text = address.decode() if isinstance(address, bytes) else address
    found, expected = paragraph.uri_pat.match(text), compiled.match(text)
    assert (found and found.groups()) == (expected and expected.groups()), address
"""
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_web_addresses_are_split_where_booklet_breaks_them():
    """ReportLab asks booklet's address_breaks (tests/unit/test_markup_hyphenation.py has the rules)."""
    import sys

    from booklet.text.hyphenation import address_breaks
    speedups.install()
    pairs = sys.modules["reportlab.platypus.paragraph"]._uri_split_pairs
    for address in WEB_ADDRESSES:
        text = address.decode() if isinstance(address, bytes) else address
        assert pairs(address) == address_breaks(text), address
    assert pairs("https://example.org/abc/def") == [("https://example.org/abc/", "def"),
                                                   ("https://example.org/", "abc/def"),
                                                   ("https://example.", "org/abc/def"),
                                                   ("https://", "example.org/abc/def")]


def test_fragments_compare_as_reportlab_compares_them():
    """As ReportLab's Python sameFrag does, where a missing attribute equals None. (The C
    accelerator's sameFrag tells them apart, so it would merge fewer fragments than ReportLab
    without it; ours keeps the output the same either way.)"""
    from reportlab.lib import colors
    from reportlab.lib.abag import ABag
    base = dict(fontName="NotoSerif-Regular", fontSize=9, textColor=colors.HexColor("#1a1a1a"), rise=0,
                link=None)
    variants = [{}, {"fontName": "NotoSerif-Bold"}, {"fontSize": 9.0}, {"textColor": colors.HexColor("#1a1a1a")},
                {"textColor": colors.black}, {"rise": 2}, {"link": [("#c-1", None)]}, {"nobr": 1},
                {"backColor": None}, {"lineBreak": 1}, {"cbDefn": object()}, {"text": "other words"}]
    frags = [ABag(**{**base, **change}) for change in variants]

    def reference(f, g):   # ReportLab's Python sameFrag (reportlab/lib/rl_accel.py), restated
        looks = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
        if any(k in vars(x) for k in ("cbDefn", "lineBreak") for x in (f, g)):
            return False
        return [vars(f).get(k) for k in looks] == [vars(g).get(k) for k in looks]

    for f in frags:
        for g in frags:
            assert bool(speedups.same_frag(f, g)) == bool(reference(f, g)), (vars(f), vars(g))
    speedups.install()
    import reportlab.platypus.paragraph as paragraph
    assert paragraph.sameFrag is speedups.same_frag


def test_a_frame_copies_as_deepcopy_would():
    import copy

    from booklet.typeset.document import _Frame
    frame = _Frame(0, 0, 100, 200, id="column0")
    frame._frameBGs = [("background", [1, 2])]
    clone = copy.deepcopy(frame)
    assert vars(clone) == vars(frame) and clone is not frame
    assert clone._frameBGs == frame._frameBGs and clone._frameBGs is not frame._frameBGs
    assert clone._frameBGs[0][1] is not frame._frameBGs[0][1]
    clone._y = 5
    assert frame._y != 5
