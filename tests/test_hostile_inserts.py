"""Inserted PDFs are placed, not trusted (issue 19, items 8 and 9): crafted files from
tests/corpus/hostile/make.py, built into the default booklet and read back with pypdf."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from booklet import build

from .conftest import REPO

_spec = importlib.util.spec_from_file_location("hostile_make", REPO / "tests" / "corpus" / "hostile" / "make.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return hostile.make(tmp_path_factory.mktemp("hostile"))


def project_with_insert(root: Path, pdf: Path, *, label: str = "Map") -> Path:
    shutil.copytree(REPO / "content", root / "content")
    folder = root / "layouts" / "mine"
    (folder / "inserts").mkdir(parents=True)
    shutil.copy(pdf, folder / "inserts" / pdf.name)
    (folder / "layout.yaml").write_text(
        f"extends: a5\ninserts:\n  - {{file: inserts/{pdf.name}, after: title, label: {label}}}\n",
        encoding="utf-8")
    return root


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
    uris = []
    for page in pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            assert annot["/Subtype"] == "/Link"
            action = annot["/A"].get_object()
            assert set(action) <= {"/S", "/URI", "/Type"}, action      # no /Next, no /F, no /JS
            assert action["/S"] == "/URI"
            assert "/AA" not in annot
            uris.append(str(action["/URI"]))
    assert sorted(uris) == sorted(hostile.KEPT)
    everything = actions_anywhere(PdfReader(result.files["email"]))
    assert not [a for a in everything if "/A" in a and a["/A"].get_object().get("/S") not in ("/URI", "/GoTo", None)]
    text = result.files["email"].read_bytes()
    for word in (b"app.alert", b"calc.exe", b"/etc/passwd", b"/Launch", b"/JavaScript", b"evil"):
        assert word not in text
    assert any("links" in str(w) and "left out" in str(w) for w in result.warnings)
