"""Inserted PDFs are placed, not trusted (issue 19, items 8 and 9): crafted files from
tests/corpus/hostile/make.py, built into the default booklet and read back with pypdf."""
from __future__ import annotations

import importlib.util
import random
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from booklet import build
from booklet.errors import AssemblyError, Diagnostics
from booklet.output.artwork import read_artwork

from .conftest import REPO

A5 = (419.528, 595.276)

_spec = importlib.util.spec_from_file_location("hostile_make", REPO / "tests" / "corpus" / "hostile" / "make.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return hostile.make(tmp_path_factory.mktemp("hostile"))


def project_with_insert(root: Path, pdf: Path, *, label: str = "Map", cover: bool = False) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    folder = root / "layouts" / "mine"
    (folder / "inserts").mkdir(parents=True)
    shutil.copy(pdf, folder / "inserts" / pdf.name)
    placed = (f"covers:\n  front: inserts/{pdf.name}\n" if cover
              else f"inserts:\n  - {{file: inserts/{pdf.name}, after: title, label: {label}}}\n")
    (folder / "layout.yaml").write_text(f"extends: a5\n{placed}", encoding="utf-8")
    return root


def insert_text(result, label: str = "Map") -> str:
    return "\n".join(page.extract_text() for page in insert_pages(result.files["email"], label))


def insert_pages(pdf: Path, label: str = "Map") -> list:
    reader = PdfReader(pdf)
    return [page for page, shown in zip(reader.pages, reader.page_labels) if shown.startswith(label)]


def actions_anywhere(reader: PdfReader) -> list:
    """Every annotation dictionary of every page, resolved."""
    out = []
    for page in reader.pages:
        annots = page.get("/Annots")
        for ref in (annots.get_object() if annots is not None else []):
            out.append(ref.get_object())
    return out


def test_only_web_and_mail_links_reach_the_email_edition(corpus, tmp_path):
    result = build(project_with_insert(tmp_path, corpus["links.pdf"]), layout="mine", edition="email")
    pages = insert_pages(result.files["email"])
    uris, jumps = [], []
    ids = [page.indirect_reference.idnum for page in pages]
    for number, page in enumerate(pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            assert annot["/Subtype"] == "/Link"
            if "/Dest" in annot:
                assert "/A" not in annot and "/AA" not in annot
                jumps.append((number, ids.index(annot["/Dest"][0].idnum)))
                continue
            action = annot["/A"].get_object()
            assert set(action) <= {"/S", "/URI", "/Type"}, action      # no /Next, no /F, no /JS
            assert action["/S"] == "/URI"
            assert "/AA" not in annot
            uris.append(str(action["/URI"]))
    assert sorted(uris) == sorted(hostile.KEPT)
    assert jumps == hostile.JUMPS
    everything = actions_anywhere(PdfReader(result.files["email"]))
    assert not [a for a in everything if "/A" in a and a["/A"].get_object().get("/S") not in ("/URI", "/GoTo", None)]
    text = result.files["email"].read_bytes()
    for word in (b"app.alert", b"calc.exe", b"/etc/passwd", b"/Launch", b"/JavaScript", b"evil"):
        assert word not in text
    assert any("links" in str(w) and "left out" in str(w) for w in result.warnings)


# -- item 9: inserts look as they do in a viewer -----------------------------------------------

def test_malformed_annotations_are_skipped_with_a_warning(corpus, tmp_path):
    result = build(project_with_insert(tmp_path, corpus["malformed-annots.pdf"]), layout="mine", edition="email")
    uris = [str(ref.get_object()["/A"]["/URI"]) for page in insert_pages(result.files["email"])
            for ref in page.get("/Annots") or []]
    assert uris == ["https://example.org/good"]
    warnings = "\n".join(map(str, result.warnings))
    assert "malformed-annots.pdf: warning: page 1: 3 malformed annotations" in warnings
    assert "malformed-annots.pdf: warning: page 2: its annotation list (/Annots) is not an array" in warnings


def test_an_a4_page_cropped_to_a5_is_an_a5_page_showing_what_the_crop_shows(corpus, tmp_path):
    result = build(project_with_insert(tmp_path, corpus["cropped.pdf"]), layout="mine")
    for edition in ("email", "print"):
        pages = insert_pages(result.files[edition])
        assert pages
        if edition == "email":
            assert [round(float(v)) for v in pages[0].mediabox] == [0, 0, 420, 595]
    assert "HOSTILE 1" in insert_text(result)


@pytest.mark.parametrize("name", ["encrypted-aes256.pdf", "encrypted-aes128.pdf", "encrypted-rc4.pdf"])
def test_an_encrypted_insert_a_viewer_opens_without_a_password_is_read(corpus, tmp_path, name):
    result = build(project_with_insert(tmp_path, corpus[name]), layout="mine", edition="email")
    assert "HOSTILE 1" in insert_text(result)


def test_an_insert_that_needs_a_password_says_so(corpus, tmp_path):
    with pytest.raises(AssemblyError) as caught:
        build(project_with_insert(tmp_path, corpus["password.pdf"]), layout="mine")
    assert "password.pdf: error: the insert PDF is protected by a password" in str(caught.value)


def test_a_cover_whose_content_cannot_be_decoded_is_an_error(corpus, tmp_path):
    with pytest.raises(AssemblyError) as caught:
        build(project_with_insert(tmp_path, corpus["broken-content.pdf"], cover=True), layout="mine")
    assert "broken-content.pdf: error: page 1: its content cannot be decoded" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_pypdf_log_lines_are_warnings_naming_the_file(corpus, tmp_path, capfd):
    result = build(project_with_insert(tmp_path, corpus["bad-xref.pdf"]), layout="mine", edition="email")
    assert any("bad-xref.pdf: warning: pypdf: incorrect startxref" in str(w) for w in result.warnings)
    assert "startxref" not in capfd.readouterr().err
    assert "HOSTILE 1" in insert_text(result)


def test_layers_that_are_off_stay_off(corpus, tmp_path):
    result = build(project_with_insert(tmp_path, corpus["layers.pdf"]), layout="mine")
    text = insert_text(result)
    assert "ALWAYS THERE" in text and "SHOWN LAYER" in text and "FORM SHOWS" in text
    for hidden in ("HIDDENLAYER", "HIDDENNESTED", "HIDDENFORM", "HIDDENINFORM", "HIDDENNOTE"):
        assert hidden not in text


def test_annotations_with_appearances_are_drawn_hidden_ones_are_not(corpus, tmp_path):
    result = build(project_with_insert(tmp_path, corpus["annotated.pdf"]), layout="mine")
    text = insert_text(result)
    assert "NOTETEXT" in text and "FIELDVALUE" in text
    assert "HIDDENANNOT" not in text
    print_text = "\n".join(p.extract_text() for p in insert_pages(result.files["print"]))
    assert "NOTETEXT" in print_text


def test_damaged_copies_of_the_corpus_are_read_or_located_errors_never_exceptions(corpus, tmp_path, capfd):
    """Bytes of each crafted file overwritten at random (seeded): read_artwork reports what it cannot
    read as an error naming the file; pypdf prints nothing of its own."""
    rng = random.Random(19)
    for name, path in corpus.items():
        data = path.read_bytes()
        for attempt in range(12):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                damaged[rng.randrange(len(damaged))] = rng.choice(b"0123456789 /<>[]()Rnull" + bytes([rng.randrange(256)]))
            target = tmp_path / f"{attempt}-{name}"
            target.write_bytes(damaged)
            diag = Diagnostics()
            pages = read_artwork(target, A5, 8.5, target.name, diag, what="insert")
            assert pages or diag.errors, target
            assert all(str(d.loc) == target.name for d in diag.items)
    assert capfd.readouterr().err == ""
