"""The nasty-content corpus (tests/corpus/nasty) builds, and every word of it is printed."""
from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest

from booklet import build

from .pdfread import Booklet

CORPUS = Path(__file__).parent / "corpus" / "nasty"
RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    result = build(CORPUS, out_dir=tmp_path_factory.mktemp("nasty"), edition="email")
    return result, Booklet.open(result.pdf)


def dense(text: str) -> str:
    """Text without white space, hyphens or pdfium's line-end hyphen marks: survives any line breaking."""
    return re.sub(r"[\s\-\u2010\u00ad\ufffe]+", "", text)


def test_it_builds_with_exactly_the_expected_warnings(corpus):
    result, _ = corpus
    messages = sorted(str(w).split("\n")[0] for w in result.warnings)
    assert messages == [
        "content/abstracts/maths.md:1: warning: contribution 'maths': unknown maths command \\foo in $\\foo{bar}$ "
        "is printed as written",
        "content/programme.yaml:74: warning: contribution 'emoji': no font in the layout can show 🔬 (U+1F52C)",
        "content/programme.yaml:78: warning: contribution 'emoji': no font in the layout can show 🔬 (U+1F52C)",
    ]


def test_every_word_of_every_abstract_is_printed_in_order(corpus):
    result, booklet = corpus
    from booklet.content import loader
    from booklet.errors import Diagnostics

    conference = loader.load(CORPUS / "content", Diagnostics(), root=CORPUS)
    start = next(i for i in range(len(booklet.texts)) if booklet.flat(i).startswith("Abstracts"))
    printed = dense(" ".join(booklet.texts[start:]))
    texts = _texts(conference)
    for c in conference.contributions:
        position = 0
        for block in texts.abstracts.get(c.id, []):
            words = html.unescape(re.sub(r"<[^>]+>", " ", block.markup)).split()
            for word in words:
                if RTL.search(word) or word == "🔬":
                    continue  # right-to-left runs are drawn in visual order; the emoji has no glyph
                found = printed.find(dense(word), position)
                assert found >= 0, f"{c.id}: {word!r} is missing or out of order"
                position = found


def _texts(conference, diag=None, jobs: int = 1):
    from booklet.errors import Diagnostics
    from booklet.layout import definition, fonts
    from booklet.typeset import conversion

    diag = diag if diag is not None else Diagnostics()
    layout = definition.load("a5", CORPUS, "en", diag)
    return conversion.prepare(conference, fonts.register(layout, CORPUS, diag), layout, diag, jobs)


def test_texts_converted_in_two_processes_are_those_of_one(monkeypatch):
    """Every title, abstract, name and warning the same, the warnings in the same order."""
    from booklet.content import loader
    from booklet.errors import Diagnostics
    from booklet.typeset import conversion, parts

    conference = loader.load(CORPUS / "content", Diagnostics(), root=CORPUS)
    one_diag, two_diag = Diagnostics(), Diagnostics()
    one = _texts(conference, one_diag, jobs=1)
    monkeypatch.setattr(conversion, "MIN_PARALLEL_CHARACTERS", 0)
    monkeypatch.setattr(parts, "can_fork", lambda: True)
    forks = []
    monkeypatch.setattr(parts, "forked", lambda work, fork=parts.forked: forks.append(1) or fork(work))
    two = _texts(conference, two_diag, jobs=2)
    assert len(forks) == 1
    # The fallback fonts the second half's markup names (CJK, Arabic, Hebrew) are known here as well.
    # Names and affiliations are left out: converting them here would load those fonts anyway.
    sessions_only = SimpleNamespace(sessions=conference.sessions, people=(), contributions=(), pages=(),
                                    sponsors=())
    loaded = [font.loaded for font in _texts(sessions_only, Diagnostics(), jobs=1).rich.fallbacks.fallbacks]
    two_loaded = [font.loaded for font in _texts(sessions_only, Diagnostics(), jobs=2).rich.fallbacks.fallbacks]
    assert two_loaded == loaded and sum(loaded) >= 3
    assert (two.titles, two.abstracts, two.names, two.affiliations) == \
           (one.titles, one.abstracts, one.names, one.affiliations)
    assert list(two.titles) == list(one.titles) and list(two.abstracts) == list(one.abstracts)
    assert [str(d) for d in two_diag.items] == [str(d) for d in one_diag.items]
    assert len(one_diag.warnings) == 3


def test_markup_characters_print_literally(corpus):
    _, booklet = corpus
    text = " ".join(booklet.flat(i) for i in range(len(booklet.texts)))
    for literal in ('<script>alert("x")</script>', "<font size=80>big</font>", "stray </para> tag", "p < 0.05",
                    "a<b, x > y and AT&T, Q&A, M&Ms", "AT&T, a<b, p < 0.05 and </para> in a title",
                    "Nasty & Unusual <Content> Workshop 2027", "Money like $5 and $10 stays money"):
        assert literal in text, literal


def test_links_lead_to_the_full_url_and_to_doi(corpus):
    _, booklet = corpus
    uris = {a.get_object()["/A"]["/URI"] for page in booklet.reader.pages for a in page.get("/Annots", []) or []
            if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]}
    assert "https://doi.org/10.1234/abcd.5678" in uris
    assert "https://doi.org/10.5555/xyz-12" in uris
    assert any(u.startswith("https://example.org/segment00") and u.endswith("x" * 40) for u in uris)


def test_no_text_runs_past_the_margins(corpus):
    result, booklet = corpus
    document = pdfium.PdfDocument(str(result.pdf))
    for index in range(2, len(document) - 2):  # the body, covers aside
        page = document[index]
        width = page.get_width()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, _, right, _ = text.get_charbox(i)
            assert right <= width - 14 * 72 / 25.4 + 2.0 and left >= 14 * 72 / 25.4 - 2.0, \
                f"page {index}: {text.get_text_range(i, 1)!r} at x={left:.0f}..{right:.0f}"


def test_index_files_names_as_a_reader_expects(corpus):
    _, booklet = corpus
    index = " ".join(booklet.flat(i) for i in booklet.pages_containing("Index of persons")[-1:] +
                     [booklet.pages_containing("Index of persons")[-1] + 1])
    order = [index.find(name) for name in ("Ångström, Anders", "Crespo López-Urrutia, Gabriel",
                                           "Łukasiewicz, Jan", "Nguyễn", "Öztürk, Ayşe", "Šćekić, Vuk",
                                           "van der Berg, Jan")]
    assert -1 not in order and order == sorted(order)
    assert "Nowak, Jan (Politechnika Wrocławska)" in index and "Nowak, Jan (Uniwersytet Jagielloński)" in index
