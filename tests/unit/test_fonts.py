"""Faces are checked when registered, read when first used, and keep their family for <b> and <i>."""
from __future__ import annotations

import shutil
import textwrap
import uuid
from pathlib import Path

import pytest
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.pdfbase import pdfmetrics

from booklet.errors import Diagnostics, FontError
from booklet.layout import definition, fonts
from booklet.layout.resources import builtin_dir

FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}


def project_with_family(tmp_path, damaged: str | None = None):
    """A project whose serif family is a copy of Noto Serif under names no other test registers.

    `damaged`: a face whose copy has no character map (its table renamed), so only a full read fails."""
    stem = f"Lazy{uuid.uuid4().hex[:8]}"
    (tmp_path / "fonts").mkdir(parents=True)
    for face, suffix in FACES.items():
        data = bytearray((builtin_dir("fonts") / f"NotoSerif-{suffix}.ttf").read_bytes())
        if face == damaged:
            at = data.index(b"cmap")
            data[at:at + 4] = b"cmaq"
        (tmp_path / "fonts" / f"{stem}-{suffix}.ttf").write_bytes(data)
    folder = tmp_path / "layouts" / "mine"
    folder.mkdir(parents=True)
    faces = ", ".join(f"{face}: {stem}-{suffix}.ttf" for face, suffix in FACES.items())
    (folder / "layout.yaml").write_text(textwrap.dedent(f"""\
        extends: a5
        fonts:
          serif: {{{faces}}}
        """), encoding="utf-8")
    diag = Diagnostics()
    layout = definition.load("mine", tmp_path, "en", diag)
    return layout, stem


def test_faces_are_read_only_when_first_asked_for(tmp_path):
    layout, stem = project_with_family(tmp_path)
    font_set = fonts.register(layout, tmp_path, Diagnostics())
    assert font_set.resolve("serif-bold") == f"{stem}-Bold"
    assert f"{stem}-Bold" not in pdfmetrics.getRegisteredFontNames()
    bold = pdfmetrics.getFont(f"{stem}-Bold")
    assert bold.face.charToGlyph and f"{stem}-Bold" in pdfmetrics.getRegisteredFontNames()
    assert f"{stem}-BoldItalic" not in pdfmetrics.getRegisteredFontNames()
    assert pdfmetrics.stringWidth("Helmholtz", f"{stem}-Italic", 10) > 0     # measuring reads a face too


def test_a_face_read_later_still_belongs_to_its_family(tmp_path):
    """ReportLab makes each font it registers a family of its own; bold inside italic must stay bold italic."""
    layout, stem = project_with_family(tmp_path)
    fonts.register(layout, tmp_path, Diagnostics())
    for suffix in FACES.values():
        pdfmetrics.getFont(f"{stem}-{suffix}")
    family, bold, italic = ps2tt(f"{stem}-Bold")
    assert (family, bold, italic) == (f"{stem}-Regular".lower(), 1, 0)
    assert tt2ps(family, 1, 1) == f"{stem}-BoldItalic"


def test_a_file_that_is_no_truetype_font_fails_when_registered(tmp_path):
    layout, stem = project_with_family(tmp_path)
    shutil.copy(tmp_path / "layouts" / "mine" / "layout.yaml", tmp_path / "fonts" / f"{stem}-Italic.ttf")
    with pytest.raises(FontError) as caught:
        fonts.register(layout, tmp_path, Diagnostics())
    assert f"cannot use font file '{stem}-Italic.ttf'" in str(caught.value)


def test_a_face_that_fails_only_when_read_in_full_names_its_file(tmp_path):
    layout, stem = project_with_family(tmp_path, damaged="bold")
    fonts.register(layout, tmp_path, Diagnostics())
    with pytest.raises(FontError) as caught:
        pdfmetrics.getFont(f"{stem}-Bold")
    message = str(caught.value)
    assert f"{stem}-Bold.ttf" in message and "cannot use font file" in message and "hint:" in message


def test_a_name_not_read_yet_follows_the_latest_file_registered_under_it(tmp_path):
    first, stem = project_with_family(tmp_path / "a")
    fonts.register(first, tmp_path / "a", Diagnostics())
    later = tmp_path / "b" / "fonts"
    later.mkdir(parents=True)
    for suffix in FACES.values():     # the same names, another face: the Sans
        (later / f"{stem}-{suffix}.ttf").write_bytes((builtin_dir("fonts") / f"NotoSans-{suffix}.ttf").read_bytes())
    fonts.register(first, tmp_path / "b", Diagnostics())
    assert pdfmetrics.getFont(f"{stem}-Regular").face.name.startswith(b"NotoSans")


def test_a_face_that_fails_inside_a_flowable_is_reported_where_the_layout_names_it(tmp_path):
    """ReportLab re-raises an error inside a kept-together block with its own words around it."""
    from booklet import build

    _, stem = project_with_family(tmp_path, damaged="italic")
    shutil.copytree(Path(__file__).parents[2] / "content", tmp_path / "content")
    with pytest.raises(FontError) as caught:
        build(tmp_path, layout="mine", out_dir=tmp_path / "out", edition="email", jobs=1)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"layouts/mine/layout.yaml:3: error: cannot use font file '{stem}-Italic.ttf': it has no 'cmap' table\n"
        f"  hint: {fonts._FONT_HINT}"]
    assert "raised by" not in str(caught.value)
    assert not (tmp_path / "out").exists()
