"""`booklet import`: the sub-command, the output folder rules, and a round trip through a build."""
from __future__ import annotations

import argparse

import pytest

from booklet.importers import ImporterError, main, register

from .fixtures.importers.support import Project, fixture, run_import


def _parser():
    parser = argparse.ArgumentParser(prog="booklet")
    register(parser.add_subparsers(required=True))
    return parser


def test_register_adds_the_import_subcommand(tmp_path, capsys):
    args = _parser().parse_args(["import", str(fixture("pentabarf.xml")), "-o", str(tmp_path / "p")])
    assert (args.format, args.force, args.mapping) == (None, False, None)
    assert args.run(args) == 0
    out = capsys.readouterr().out
    assert "imported" in out and "3 sessions, 3 contributions, 1 persons" in out
    assert "merged:" in out and "Jörg Müller = Joerg Mueller" in out
    assert (tmp_path / "p" / "import-report.txt").read_text(encoding="utf-8").startswith("imported ")
    Project(tmp_path / "p").assert_checks()


def test_an_existing_folder_is_kept_without_force(tmp_path, capsys):
    out = tmp_path / "p"
    (out / "content").mkdir(parents=True)
    (out / "content" / "conference.yaml").write_text("title: Mine\n")
    assert main([str(fixture("pentabarf.xml")), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Import error: ") and "not empty" in err and "--force" in err
    assert (out / "content" / "conference.yaml").read_text() == "title: Mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]     # no temporary folder left behind


def test_force_replaces_only_what_an_import_writes_and_backs_it_up(tmp_path, capsys):
    out = tmp_path / "p"
    for sub in ("content/abstracts", "content/inserts", "layouts/mine", "out"):
        (out / sub).mkdir(parents=True)
    (out / "content" / "abstracts" / "mine.md").write_text("my own abstract")
    (out / "content" / "inserts" / "map.pdf").write_bytes(b"%PDF-1.4 map")
    (out / "content" / "notes.txt").write_text("call the caterer")
    (out / "content" / "conference.yaml").write_text("title: Mine\n")        # the import writes this one
    (out / "layouts" / "mine" / "layout.yaml").write_text("extends: a5\n")
    (out / "out" / "old.pdf").write_bytes(b"%PDF")
    assert main([str(fixture("pentabarf.xml")), "-o", str(out), "--force", "-q"]) == 0
    err = capsys.readouterr().err
    [backup] = (out / "import-backup").iterdir()
    assert str(backup) in err and str(backup) in (out / "import-report.txt").read_text(encoding="utf-8")
    # the user's own files are where they were, untouched
    assert (out / "content" / "abstracts" / "mine.md").read_text() == "my own abstract"
    assert (out / "content" / "inserts" / "map.pdf").read_bytes() == b"%PDF-1.4 map"
    assert (out / "content" / "notes.txt").read_text() == "call the caterer"
    assert (out / "layouts" / "mine" / "layout.yaml").read_text() == "extends: a5\n"
    assert (out / "out" / "old.pdf").exists()
    # the replaced file's previous version is in the backup
    assert (backup / "content" / "conference.yaml").read_text() == "title: Mine\n"
    assert "Imported by" in (out / "content" / "conference.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]     # no temporary folder left behind


def test_a_second_forced_import_moves_files_the_first_wrote_and_the_second_does_not(tmp_path):
    out = tmp_path / "p"
    run_import(fixture("frab-schedule.xml"), out)                  # several days: content/programme/*.yaml
    first = sorted(p.relative_to(out).as_posix() for p in (out / "content").rglob("*") if p.is_file())
    assert any(rel.startswith("content/programme/") for rel in first)
    (out / "content" / "extra.md").write_text("mine")
    report, project = run_import(fixture("pentabarf.xml"), out, force=True)
    stale = [rel for rel in first if rel not in report.written]
    assert stale and not any((out / rel).exists() for rel in stale)   # an old day file would double the sessions
    backup = next((out / "import-backup").iterdir())
    assert report.backup == str(backup)
    for rel in first:                                              # nothing the first import wrote is lost
        assert (backup / rel).is_file(), rel
    # nor its merge base: put back with those files, an --update has its base again
    assert "frab" in (backup / "import" / "origin.yaml").read_text(encoding="utf-8").lower()
    assert (backup / "import" / "base" / "content" / "conference.yaml").is_file()
    assert "pentabarf" in (out / ".booklet" / "import" / "origin.yaml").read_text(encoding="utf-8").lower()
    assert (out / "content" / "extra.md").read_text() == "mine"
    project.assert_checks()
    # a third import: a new dated folder, the second's files in it
    report3, _ = run_import(fixture("pentabarf.xml"), out, force=True)
    assert len(list((out / "import-backup").iterdir())) == 2 and report3.backup != report.backup


def test_format_can_be_forced_and_is_checked(tmp_path):
    with pytest.raises(ImporterError, match="unknown format 'ical'"):
        run_import(fixture("pentabarf.xml"), tmp_path / "a", fmt="ical")
    with pytest.raises(ImporterError, match="malformed JSON"):
        run_import(fixture("pentabarf.xml"), tmp_path / "b", fmt="frab-json")
    report, _ = run_import(fixture("pentabarf.xml"), tmp_path / "c", fmt="pentabarf")
    assert report.format == "pentabarf XML"
    odd = tmp_path / "odd.json"
    odd.write_text('{"items": []}')
    with pytest.raises(ImporterError, match="neither a frab/pretalx schedule nor an Indico export"):
        run_import(odd, tmp_path / "d")
    with pytest.raises(ImporterError, match="cannot read"):
        run_import(tmp_path / "missing.xml", tmp_path / "e")
    assert not any((tmp_path / x).exists() for x in "abde")


def test_round_trip_import_edit_build(tmp_path):
    """Import, change a title by hand in the YAML, build: the PDF shows the new title."""
    from booklet.build import build

    from .pdfread import Booklet, squash

    out = tmp_path / "p"
    run_import(fixture("frab-schedule.xml"), out)
    day = out / "content" / "programme" / "2024-09-24.yaml"
    text = day.read_text(encoding="utf-8")
    assert text.count("title: 'Hands-on: parsing schedules'") == 1
    day.write_text(text.replace("title: 'Hands-on: parsing schedules'", "title: 'Hands-on: reading timetables'"),
                   encoding="utf-8")
    try:
        result = build(out, edition="email")
    except TypeError:                       # a build() without editions
        result = build(out)
    pages = " ".join(squash(t) for t in Booklet.open(result.pdf).texts)
    assert "Hands-on: reading timetables" in pages
    assert "Hands-on: parsing schedules" in pages          # the session title was not edited
    assert "Opening keynote: Maps & Territories" in pages
