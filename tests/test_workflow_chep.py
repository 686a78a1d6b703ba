"""Issue 16's done-when, end to end on a real programme: CHEP 2015 imported over HTTP and built
as version 1; a title edited locally; the source changes (two talks moved, one cancelled, a
speaker renamed) merged with `import --update`; version 2 built with `--changes-since 1`. The
changes section and the errata sheet are read back from the PDFs. Needs ../shared/data beside
the project (about 7 s: two e-mail builds of a 330-page booklet)."""
from __future__ import annotations

import json

import pytest

from booklet import build
from booklet.cli import main

from .fixtures.importers import changed_export
from .fixtures.importers.support import SHARED_DATA
from .pdfread import Booklet, squash
from .test_importers_remote import CHEP, server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")


def test_print_version_1_update_from_the_source_and_send_the_errata(server, tmp_path, capsys):  # noqa: F811
    project = tmp_path / "chep"
    assert main(["import", server.url(f"/data/{CHEP}"), "-o", str(project), "-q"]) == 0
    first = build(project, edition="email")
    assert first.stamp.version == "1"

    monday = project / "content/programme/2015-04-13.yaml"
    monday.write_text(monday.read_text().replace("title: Future plan of KEK", "title: KEK's next ten years"))
    changed, _ = changed_export.changed(json.loads((SHARED_DATA / CHEP).read_text(encoding="utf-8")))
    server.routes[f"/data/{CHEP}"] = ("application/json", json.dumps(changed).encode())
    assert main(["import", "--update", str(project), "-q"]) == 0
    capsys.readouterr()

    second = build(project, edition="email", changes_since="1")
    booklet = Booklet.open(second.pdf)
    section = next(i for i in range(len(booklet.texts)) if "Changes since version 1" in booklet.flat(i)
                   and "Contents" not in booklet.flat(i))
    text = booklet.flat(section)
    for says in ("Cancelled", "Dell Inc.", "Moved", "Computing at the Belle-II experiment",
                 "Mon 13, 11:00–11:45 → Tue 14, 12:45–13:30", "KEK's next ten years", "was: Future plan of KEK",
                 "Wahid BHIMJI → Wahid J. BHIMJI"):
        assert squash(says) in text, says

    errata = Booklet.open(second.files["changes"])
    sheet = " ".join(errata.flat(i) for i in range(len(errata.texts)))
    assert len(errata.texts) <= 2 and squash("Dell Inc.") in sheet
    # both changed days' grids are on the one sheet, two to a page at A5 if need be
    assert "Monday, 13 April 2015" in sheet and "Tuesday, 14 April 2015" in sheet
    assert "Not on this sheet" not in sheet
