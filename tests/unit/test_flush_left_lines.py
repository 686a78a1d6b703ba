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
