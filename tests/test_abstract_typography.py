"""Abstracts and posters as a typesetter would set them (issue 15, items 4-6): lists stand apart
from the paragraphs around them, their numbers in the text's face and size; a subscript keeps
clear of the line below; a poster's board number opens its own entry; the programme does not
repeat the date its day heading gives."""
from __future__ import annotations

import textwrap

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from booklet import build

from .pdfread import Booklet

ABSTRACT = textwrap.dedent("""\
    We did three things, and this opening paragraph is long enough to wrap over two lines of the text.

    1. First we measured the reverberation time T$_{60}$ of the hall, which took the whole morning long.
    2. Then we *modelled* it.
    3. Finally we compared.

    The paragraph after the list starts here and continues for a while so that it wraps as well.
    """)


@pytest.fixture(scope="module")
def booklet(tmp_path_factory):
    root = tmp_path_factory.mktemp("abstracts")
    content = root / "content"
    content.mkdir()
    (content / "conference.yaml").write_text("title: Abstract Test 2026\ndates: {start: 2026-03-02}\n")
    (content / "people.yaml").write_text("- {id: ada, name: Ada Lovelace, affiliations: [Analytical Engines]}\n"
                                         "- {id: alan, name: Alan Turing, affiliations: [Bletchley Park]}\n")
    abstract = textwrap.indent(ABSTRACT, " " * 8)
    (content / "programme.yaml").write_text(textwrap.dedent("""\
        - session: Talks
          contributions:
            - id: t1
              title: On lists
              speakers: [ada]
              abstract: |
        """) + abstract + textwrap.dedent("""\
        - session: Posters
          kind: posters
          contributions:
            - {id: p1, title: First poster, speakers: [ada], board: "1", abstract: "A short poster text."}
            - {id: p2, title: Second poster, speakers: [alan], board: "2", abstract: "Another poster text."}
        """))
    result = build(root, edition="email")
    return Booklet.open(result.pdf)


def _lines(path, index: int) -> list[tuple[str, float, float, float, str]]:
    """(text without spaces, bottom, top, font size, font of its first character) of each line on a
    page, top down."""
    page = pdfium.PdfDocument(str(path))[index]
    text = page.get_textpage()
    rows: dict[float, list] = {}
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        left, bottom, right, top = text.get_charbox(i)
        origin = pdfium_c.ctypes.c_double(), pdfium_c.ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text.raw, i, origin[0], origin[1])
        buffer = pdfium_c.ctypes.create_string_buffer(64)
        pdfium_c.FPDFText_GetFontInfo(text.raw, i, buffer, 64, None)
        size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
        y = origin[1].value
        row = next((key for key in rows if abs(key - y) < 4), y)   # a sub- or superscript joins its line
        rows.setdefault(row, []).append((left, char, bottom, top, size, buffer.value.decode()))
    out = []
    for _, chars in sorted(rows.items(), reverse=True):
        chars.sort()
        out.append(("".join(c[1] for c in chars), min(c[2] for c in chars), max(c[3] for c in chars),
                    max(c[4] for c in chars), chars[0][5]))
    return out


def _abstract_page(booklet: Booklet) -> int:
    return [i for i in booklet.pages_containing("Finally we compared") if "Abstracts" in booklet.texts[i]][0]


def test_a_list_has_air_above_and_below_and_its_numbers_in_the_texts_face_and_size(booklet):
    lines = _lines(booklet.path, _abstract_page(booklet))
    texts = [line[0] for line in lines]
    first = next(i for i, t in enumerate(texts) if t.startswith("1."))
    last = next(i for i, t in enumerate(texts) if t.startswith("3."))
    within = lines[first + 2][1] - lines[first + 3][1]        # baseline to baseline of two items
    above = lines[first - 1][1] - lines[first][1]
    below = lines[last][1] - lines[last + 1][1]
    assert above > within + 2 and below > within + 2, (above, within, below)
    number = lines[first + 2]
    assert number[4] == "NotoSerif-Regular" and texts[first + 2].startswith("2.")
    body_size = lines[first - 1][3]
    assert abs(number[3] - body_size) < 0.01


def test_a_subscript_keeps_clear_of_the_line_below(booklet):
    lines = _lines(booklet.path, _abstract_page(booklet))
    texts = [line[0] for line in lines]
    with_sub = next(i for i, t in enumerate(texts) if "reverberation" in t)
    assert "T60" in texts[with_sub]
    assert lines[with_sub][1] > lines[with_sub + 1][2] + 1.0, (lines[with_sub], lines[with_sub + 1])


def test_a_board_number_opens_its_posters_entry(booklet):
    page = [i for i in booklet.pages_containing("Board 2") if "Second poster" in booklet.texts[i]][0]
    lines = _lines(booklet.path, page)
    texts = [line[0] for line in lines]
    board = texts.index("Board2")
    above = lines[board - 1][1] - lines[board][2]     # from the previous poster's last line
    below = lines[board][1] - lines[board + 1][2]     # to its own title
    assert above > 3 * max(below, 1), (above, below)


def test_the_programme_does_not_repeat_the_day_its_heading_gives(tmp_path):
    from .conftest import REPO
    result = build(REPO / "examples" / "three-day", out_dir=tmp_path, edition="email")
    booklet = Booklet.open(result.pdf)
    outline = {item.title: booklet.reader.get_destination_page_number(item)
               for item in booklet.reader.outline if not isinstance(item, list)}
    first, end = outline["Programme"], outline["Abstracts"]
    text = " ".join(booklet.flat(i) for i in range(first, end))
    assert "Talks · Monday, 15 June 2026" not in text and "Talks · 10:30–12:30" in text


def test_no_page_ends_with_a_board_number(tmp_path):
    """three-day's P04 has no abstract: its block fitted the page foot but for half a point, and
    "Board P04" stayed behind while its title went overleaf."""
    from .conftest import REPO
    booklet = Booklet.open(build(REPO / "examples" / "three-day", out_dir=tmp_path, edition="email").pdf)
    for index, text in enumerate(booklet.texts):
        lines = [line for line in text.splitlines() if line.strip()]
        body = lines[:-1] if lines and lines[-1].strip().isdigit() else lines   # the folio last
        assert not (body and body[-1].startswith("Board ")), (index, body[-1])
