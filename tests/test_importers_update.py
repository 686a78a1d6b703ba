"""`booklet import --update DIR [SOURCE]` from files: what the project remembers, the report,
the backup and its restore commands, and an update that fails half-way."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from booklet.cli import main
from booklet.importers import update as update_module

from .fixtures.importers.support import fixture

SOURCE = fixture("indico-sessions.json")


def imported(tmp_path):
    project = tmp_path / "p"
    assert main(["import", str(SOURCE), "-o", str(project), "-q"]) == 0
    return project


def changed_source(tmp_path, title: str):
    """The fixture with its first contribution retitled."""
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    data["results"][0]["contributions"][0]["title"] = title
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_project_remembers_its_source_and_base(tmp_path):
    project = imported(tmp_path)
    origin = yaml.safe_load((project / ".booklet/import/origin.yaml").read_text())
    assert origin["source"] == str(SOURCE) and origin["format"] == "indico-json"
    base = project / ".booklet/import/base/content"
    assert sorted(p.name for p in base.rglob("*.yaml")) == sorted(p.name for p in (project / "content").rglob("*.yaml"))


def test_update_reports_restores_and_builds_the_same_check(tmp_path, capsys):
    project = imported(tmp_path)
    capsys.readouterr()
    newer = changed_source(tmp_path, "Opening address")
    assert main(["import", "--update", str(project), str(newer)]) == 0
    out = capsys.readouterr().out
    assert 'contribution c90: title "Welcome address" → "Opening address"' in out
    assert main(["check", str(project)]) == 0
    assert "Opening address" in (project / "content/programme/2015-04-13.yaml").read_text()
    # the source given is remembered; the report file holds the whole report
    assert yaml.safe_load((project / ".booklet/import/origin.yaml").read_text())["source"] == str(newer)
    assert "Opening address" in (project / "import-update-report.txt").read_text()
    # the printed commands restore the project as it was
    undo = next(line.strip() for line in out.splitlines() if line.strip().startswith("rm -r "))
    subprocess.run(undo, shell=True, check=True)
    assert "Welcome address" in (project / "content/programme/2015-04-13.yaml").read_text()
    assert "Welcome address" in (project / ".booklet/import/base/content/programme/2015-04-13.yaml").read_text()


def test_a_dry_run_reports_and_changes_nothing(tmp_path, capsys):
    project = imported(tmp_path)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["import", "--update", str(project), str(changed_source(tmp_path, "Opening address")),
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert 'contribution c90: title "Welcome address" → "Opening address"' in out
    assert "nothing was changed (--dry-run)" in out
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_nothing_to_merge_changes_nothing(tmp_path, capsys):
    project = imported(tmp_path)
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert main(["import", "--update", str(project)]) == 0
    assert "content/ is unchanged (nothing to merge)" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()} == before
    assert not (project / "import-backup").exists()


def test_a_failure_half_way_leaves_content_as_it_was(tmp_path, capsys, monkeypatch):
    project = imported(tmp_path)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}

    def broken(*args):
        raise OSError(28, "No space left on device", str(project / "content/people.yaml"))
    monkeypatch.setattr(update_module, "_check_staged", broken)
    assert main(["import", "--update", str(project), str(changed_source(tmp_path, "Opening address"))]) == 1
    err = capsys.readouterr().err
    assert "No space left on device; content/ is unchanged" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".content")] == []


def test_a_linked_folder_in_content_is_never_written_through(tmp_path, capsys):
    """content/programme as a link to a folder elsewhere: the merge would read it as deleted and
    write outside the project before its check; the update says so and changes nothing."""
    project = imported(tmp_path)
    elsewhere = tmp_path / "shared-programme"
    shutil.move(project / "content" / "programme", elsewhere)
    (project / "content" / "programme").symlink_to(elsewhere, target_is_directory=True)
    before = {p: p.read_bytes() for p in elsewhere.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main(["import", "--update", str(project), str(changed_source(tmp_path, "Opening address"))]) == 1
    err = capsys.readouterr().err
    assert "content/programme: a link to" in err and "hint:" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in elsewhere.rglob("*") if p.is_file()} == before
    assert (project / "content" / "programme").is_symlink()


@pytest.mark.parametrize("argv, message", [
    (["--update", "{p}", "-o", "{p}"], "leave out -o and --force"),
    (["--update", "{tmp}/nowhere"], "no content/ folder here"),
    (["--update", "{hand}"], "the project does not remember an import"),
    (["{p}/x.json", "-o", "{tmp}/new", "--dry-run"], "--dry-run and --take-source go with --update DIR"),
])
def test_update_misuse_is_one_clear_message(tmp_path, capsys, argv, message):
    project = imported(tmp_path)
    hand = tmp_path / "hand"
    shutil.copytree(project / "content", hand / "content")
    args = [a.format(p=project, tmp=tmp_path, hand=hand) for a in argv]
    assert main(["import", *args]) == 1
    assert message in capsys.readouterr().err


def test_the_merged_project_builds_with_both_sides_changes(tmp_path, capsys):
    from booklet import build

    from .pdfread import Booklet
    project = imported(tmp_path)
    files = sorted((project / "content").rglob("*.yaml"))
    edited = next(f for f in files if "Designing a conditions database" in f.read_text())
    edited.write_text(edited.read_text().replace("Designing a conditions database", "Conditions, by design"))
    assert main(["import", "--update", str(project), str(changed_source(tmp_path, "Opening address"))]) == 0
    result = build(project, edition="email", out_dir=tmp_path / "out")
    text = " ".join(Booklet.open(result.files["email"]).flat(i) for i in range(result.pages))
    assert "Conditions, by design" in text and "Opening address" in text
    assert "Designing a conditions database" not in text and "Welcome address" not in text


def test_a_base_that_cannot_be_saved_after_the_merge_names_the_backup(tmp_path, capsys, monkeypatch):
    project = imported(tmp_path)
    capsys.readouterr()

    def full(*args, **kwargs):
        raise update_module.ImporterError(f"{project}/.booklet/import: cannot write: No space left on device")
    monkeypatch.setattr(update_module, "remember", full)
    assert main(["import", "--update", str(project), str(changed_source(tmp_path, "Opening address"))]) == 1
    err = capsys.readouterr().err
    [backup] = (project / "import-backup").iterdir()
    assert "No space left on device" in err and f"{backup / 'content'}" in err and "Traceback" not in err
    assert "Welcome address" in (backup / "content/programme/2015-04-13.yaml").read_text()
