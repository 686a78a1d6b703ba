"""layout.yaml loading: the shipped a5, project layouts that extend it, and located layout errors."""
from __future__ import annotations

import textwrap

import pytest
from reportlab.lib.units import mm

from booklet.errors import Diagnostics, LayoutError
from booklet.layout import definition


def load_layout(project, name="a5", language="en"):
    """(Layout, [str(diagnostic)]); LayoutError propagates."""
    diag = Diagnostics()
    layout = definition.load(name, project, language, diag)
    return layout, [str(d) for d in diag.items]


def layout_errors(project, name="mine", language="en") -> list[str]:
    with pytest.raises(LayoutError) as caught:
        definition.load(name, project, language, Diagnostics())
    return [str(d) for d in caught.value.diagnostics]


@pytest.fixture
def project(tmp_path):
    return tmp_path


def write_layout(project, text: str, name: str = "mine"):
    folder = project / "layouts" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "layout.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


# -- the shipped a5 -------------------------------------------------------------------

@pytest.fixture
def a5(project):
    layout, diagnostics = load_layout(project)
    assert diagnostics == []
    return layout


def test_shipped_a5_page_is_148_by_210_mm(a5):
    width, height = a5.page_size
    assert width == pytest.approx(148 * mm, abs=0.5)
    assert height == pytest.approx(210 * mm, abs=0.5)


def test_shipped_a5_margins_are_read_in_mm(a5):
    assert a5.margins.inner == pytest.approx(18 * mm)
    assert a5.margins.outer == pytest.approx(14 * mm)


def test_shipped_a5_has_every_section_in_reading_order(a5):
    assert a5.sections == ("title", "colophon", "changes", "committees", "contents", "glance", "programme", "abstracts",
                           "posters", "index", "sponsors")


def test_shipped_a5_resolves_colour_names_in_styles(a5):
    assert a5.styles["body"].colour == "#1a1a1a"
    assert a5.styles["body"].size == 9.0


def test_shipped_a5_labels_are_english_by_default(a5):
    assert a5.labels["contents"] == "Contents"
    assert a5.labels["index"] == "Index of persons"


def test_shipped_a5_labels_are_german_for_de(project):
    layout, diagnostics = load_layout(project, language="de")
    assert diagnostics == []
    assert layout.labels["contents"] == "Inhalt"
    assert layout.labels["index"] == "Personenverzeichnis"


def test_language_with_region_uses_the_language_labels(project):
    layout, _ = load_layout(project, language="de-AT")
    assert layout.labels["contents"] == "Inhalt"


def test_language_without_labels_falls_back_to_english_with_a_warning(project):
    layout, diagnostics = load_layout(project, language="fr")
    assert layout.labels["contents"] == "Contents"
    assert len(diagnostics) == 1
    assert ": warning: no labels for language 'fr'; English words are used\n" in diagnostics[0]


def test_shipped_a5_covers_are_found(a5):
    assert set(a5.covers) == {"front", "back"}
    assert all(path.is_file() for path in a5.covers.values())


# -- a project layout extending a5 ------------------------------------------------------

@pytest.fixture
def mine(project):
    write_layout(project, """\
        extends: a5
        styles:
          body:
            size: 10
        """)
    layout, diagnostics = load_layout(project, "mine")
    assert diagnostics == []
    return layout


def test_extending_layout_overrides_the_one_field_it_sets(mine):
    assert mine.styles["body"].size == 10.0


def test_extending_layout_keeps_the_other_fields_of_that_style(mine):
    body = mine.styles["body"]
    assert (body.font, body.leading, body.align, body.colour) == ("serif", 11.5, "justify", "#1a1a1a")


def test_extending_layout_keeps_the_other_styles(mine, a5):
    assert set(mine.styles) == set(a5.styles)
    assert mine.styles["folio"] == a5.styles["folio"]


def test_extending_layout_keeps_page_sections_and_labels(mine, a5):
    assert mine.page_size == a5.page_size
    assert mine.sections == a5.sections
    assert mine.labels == a5.labels


def test_extending_layout_searches_its_own_folder_first(mine, project, a5):
    assert mine.name == "mine"
    assert mine.dirs == (project / "layouts" / "mine", *a5.dirs)


def test_extending_layout_may_replace_the_section_list(project):
    write_layout(project, """\
        extends: a5
        sections: [title, programme]
        """)
    layout, _ = load_layout(project, "mine")
    assert layout.sections == ("title", "programme")


def test_project_layouts_are_listed_with_the_shipped_ones(mine, project):
    assert {"a5", "mine"} <= set(definition.available(project))


# -- layout errors --------------------------------------------------------------------

def test_style_field_typo_is_reported_at_its_line(project):
    write_layout(project, """\
        extends: a5
        styles:
          body:
            sise: 9
        """)
    assert layout_errors(project) == ["layouts/mine/layout.yaml:4: error: style 'body': unknown field 'sise'\n"
                                      "  hint: did you mean 'size'?"]


def test_unknown_colour_name_in_a_style_gets_a_hint(project):
    write_layout(project, """\
        extends: a5
        styles:
          body:
            colour: accnet
        """)
    assert layout_errors(project) == ["layouts/mine/layout.yaml:4: error: style 'body': 'colour' unknown colour "
                                      "'accnet'\n  hint: did you mean 'accent'?"]


def test_bad_length_is_reported(project):
    write_layout(project, """\
        extends: a5
        styles:
          body:
            size: 9 points
        """)
    assert layout_errors(project) == ["layouts/mine/layout.yaml:4: error: style 'body': 'size' must be a length "
                                      "such as 9pt, 4mm or 0.5in, got '9 points'"]


def test_unknown_layout_name_suggests_a_close_one(project):
    assert layout_errors(project, "a55") == ["error: unknown layout 'a55'\n  hint: did you mean 'a5'?"]


def test_unknown_layout_name_lists_the_known_ones(project):
    write_layout(project, "extends: a5\n", name="mine")
    [message] = layout_errors(project, "zzzzz")
    assert message.startswith("error: unknown layout 'zzzzz'\n  hint: expected one of: ")
    assert "'a5'" in message and "'mine'" in message


def test_unknown_extends_target_is_reported_at_the_extends_line(project):
    write_layout(project, """\
        description: mine
        extends: a55
        """)
    assert layout_errors(project) == ["layouts/mine/layout.yaml:2: error: unknown layout 'a55'\n"
                                      "  hint: did you mean 'a5'?"]


def test_unknown_section_name_gets_did_you_mean(project):
    write_layout(project, """\
        extends: a5
        sections:
          - title
          - programe
          - index
        """)
    assert layout_errors(project) == ["layouts/mine/layout.yaml:4: error: layout 'mine': unknown section "
                                      "'programe'\n  hint: did you mean 'programme'?"]


def test_layout_extending_itself_is_reported(project):
    write_layout(project, "extends: mine\n")
    assert layout_errors(project) == ["layouts/mine/layout.yaml:1: error: layout 'mine' extends itself in a loop"]


def test_unknown_page_size_lists_the_known_sizes(project):
    write_layout(project, """\
        extends: a5
        page:
          size: A6
        """)
    assert layout_errors(project) == ["layouts/mine/layout.yaml:3: error: page: 'size' must be one of A4, A5, "
                                      "letter, half-letter or [width, height], got 'A6'\n"
                                      "  hint: expected one of: 'A4', 'A5', 'half-letter', 'letter'"]


def test_all_layout_problems_are_reported_together(project):
    write_layout(project, """\
        extends: a5
        sections: [title, programe]
        styles:
          body:
            sise: 9
          folio:
            align: centre
        """)
    lines = sorted(int(message.split(":")[1]) for message in layout_errors(project))
    assert lines == [2, 5, 7]
