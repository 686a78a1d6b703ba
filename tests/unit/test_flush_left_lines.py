"""A paragraph set flush left never runs past its measure (issue 15, "text outside the frame"):
ReportLab lets a line be longer by 5 % of its spaces, which only justified lines take back."""
from __future__ import annotations

from booklet.typeset.flowables import Paragraph

AFFILIATIONS = "; ".join(f"<super>{n}</super>\u00a0{place}" for n, place in enumerate([
    "Institut für Geowissenschaften, Boğaziçi Üniversitesi", "Institute for Medical Image Computing, Politecnico "
    "di Milano", "Universitat Politècnica de Catalunya", "Instytut Fizyki, Vilniaus universitetas", "Center for "
    "Imaging Science, Karolinska Institutet", "Institut für Physik, Boğaziçi Üniversitesi", "Departamento de "
    "Física Aplicada, Institut Pasteur", "Institut für Physik, Đại học Bách khoa Thành phố Hồ Chí Minh"], 1))


def test_flush_left_lines_fit_their_measure_at_every_width(a5):
    found, _ = a5
    style = found["affiliations"]
    assert style.alignment == 0    # flush left in the default layout
    for width in range(200, 400, 3):
        paragraph = Paragraph(AFFILIATIONS, style)
        paragraph.wrap(width, 10_000)
        longest = max(width - line.extraSpace for line in paragraph.blPara.lines)
        assert longest <= width + 1e-6, (width, longest)


def test_justified_lines_may_still_shrink_their_spaces(a5):
    found, _ = a5
    assert found["abstract"].spaceShrinkage > 0 and found["affiliations"].spaceShrinkage == 0


def test_an_affiliation_list_is_drawn_inside_its_measure(a5, tmp_path):
    """Measured and drawn agree for the marks that open each affiliation: ReportLab measures the space
    after a word of several fragments in its first fragment's size (text/people.WORD_START)."""
    from types import SimpleNamespace

    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    from booklet.text.people import affiliation_list

    found, _ = a5
    places = ["Institut für Geowissenschaften, Boğaziçi Üniversitesi", "Politecnico di Milano", "CEITEC",
              "Departamento de Física Aplicada, Institut Pasteur", "Đại học Bách khoa", "Masaryk University",
              "Fraunhofer-Institut für Integrierte Schaltungen IIS", "Ústav přístrojové techniky"]
    markup = affiliation_list(SimpleNamespace(affiliations={p: p for p in places}),
                              {p: n for n, p in enumerate(places, 1)})
    worst = -1.0
    for width in range(150, 330):
        path = tmp_path / f"{width}.pdf"
        canvas = Canvas(str(path), pagesize=(400, 300))
        paragraph = Paragraph(markup, found["affiliations"])
        _, height = paragraph.wrap(width, 1000)
        paragraph.drawOn(canvas, 0, 290 - height)
        canvas.save()
        text = pdfium.PdfDocument(str(path))[0].get_textpage()
        right = max(text.get_charbox(i, loose=True)[2] for i in range(text.count_chars())
                    if text.get_text_range(i, 1).strip())
        worst = max(worst, right - width)
    assert worst <= 0.05, worst
