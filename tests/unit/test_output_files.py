"""out/ as a set of editions, and operating-system errors as messages (issue 19, items 11, 12, 14)."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from booklet.cli import main

BOOKLET = [sys.executable, "-c", "import sys; from booklet.cli import main; sys.exit(main())"]
EDITIONS = ["ttc-2025-imposed.pdf", "ttc-2025-print.pdf", "ttc-2025.html", "ttc-2025.ics", "ttc-2025.pdf"]   # .ics: its sessions have times


@pytest.fixture
def built(tiny_project, capsys):
    """The tiny project after one good build, its conference retitled: (project, {name: bytes})."""
    assert main(["build", "-q", str(tiny_project)]) == 0
    capsys.readouterr()
    out = tiny_project / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}   # and versions/ (snapshot.py)
    assert sorted(before) == EDITIONS
    conference = tiny_project / "content" / "conference.yaml"
    conference.write_text(conference.read_text(encoding="utf-8").replace("Tiny Test", "Retitled Test"),
                          encoding="utf-8")
    return tiny_project, before


def out_files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}


def assert_user_error(err: str, *words: str) -> None:
    assert "Internal error" not in err and "Traceback" not in err and "bug in booklet" not in err, err
    for word in words:
        assert word in err, err


# -- item 11: editions as a set -----------------------------------------------------------

@pytest.mark.parametrize("failure, status", [(OSError(errno.EIO, "Input/output error"), 1),
                                             (KeyboardInterrupt(), 130)])
def test_a_failure_renaming_one_edition_leaves_all_the_previous_ones(built, capsys, monkeypatch, failure, status):
    project, before = built
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith("-print.pdf") and Path(src).name.endswith((".tmp", ".booklet-new")):   # the new file
            raise failure
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["build", "-q", str(project)]) == status
    err = capsys.readouterr().err
    assert_user_error(err, "ttc-2025-print.pdf" if status == 1 else "previous booklet is unchanged")
    assert out_files(project) == before           # all three of the previous build, nothing else


def test_all_editions_are_replaced_together_when_the_build_succeeds(built, capsys):
    project, before = built
    assert main(["build", "-q", str(project)]) == 0
    after = out_files(project)
    assert sorted(after) == EDITIONS
    assert all(after[name] != before[name] for name in EDITIONS)


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tiny_project, capsys):
    out = tiny_project / "out"
    out.mkdir()
    leftovers = [".ttc-2025.pdf.k1l2d3.booklet-new", ".ttc-2025-print.pdf.1234.booklet-old",
                 ".ttc-2025-imposed.pdf.a8x_9q.tmp"]
    for name in leftovers:
        (out / name).write_bytes(b"%PDF-1.4 half")
    others = [".keep", "notes.txt", ".report.pdf.x1y2.tmp", ".editor.swp.tmp", ".other.pdf.99.booklet-old"]
    for name in others:   # another program's files, or another booklet's: -o may name a shared folder
        (out / name).write_text("mine")
    assert main(["build", "-q", str(tiny_project)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(others + EDITIONS + ["versions"])


# -- item 12: operating-system errors are user errors --------------------------------------

def test_a_full_disk_is_a_message_naming_the_file_and_out_keeps_the_previous_build(built, capsys, monkeypatch):
    project, before = built
    real = os.fdopen

    class Full:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real(fd, *a, **k)))
    assert main(["build", "-q", str(project)]) == 1
    err = capsys.readouterr().err
    assert_user_error(err, "disk is full", str(project / "out"))
    assert out_files(project) == before


def test_out_being_a_file_is_a_message(tiny_project, capsys):
    (tiny_project / "out").write_text("not a folder")
    assert main(["build", "-q", str(tiny_project)]) == 1
    assert_user_error(capsys.readouterr().err, str(tiny_project / "out"), "is a file, not a folder")


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied")])
def test_an_unwritable_out_folder_is_a_message_naming_it(tiny_project, tmp_path, capsys, monkeypatch, code, words):
    target = tmp_path / "elsewhere"

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert main(["build", "-q", str(tiny_project), "-o", str(target)]) == 1
    assert_user_error(capsys.readouterr().err, str(target / "ttc-2025.pdf"), words)


def test_an_out_folder_that_cannot_be_made_is_a_message(tiny_project, tmp_path, capsys):
    (tmp_path / "a-file").write_text("x")
    assert main(["build", "-q", str(tiny_project), "-o", str(tmp_path / "a-file" / "out")]) == 1
    assert_user_error(capsys.readouterr().err, str(tmp_path / "a-file"))


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*BOOKLET, *args], check=False, cwd=cwd, capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_a_path_stdout_cannot_encode_is_printed_escaped(tiny_project, tmp_path):
    target = tmp_path / "ausgabe-für-prüfung"
    done = run("build", str(tiny_project), "-o", str(target), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"ausgabe-f\\xfcr-pr\\xfcfung" in done.stdout
    assert (target / "ttc-2025.pdf").is_file()


# -- item 14: the command line's smaller items -------------------------------------------------

def test_a_source_date_epoch_that_is_not_a_number_is_a_clear_error(tiny_project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    assert main(["build", "-q", str(tiny_project)]) == 1
    assert_user_error(capsys.readouterr().err, "SOURCE_DATE_EPOCH", "'abc'", "whole number")
    assert not (tiny_project / "out").exists()


def test_list_fonts_into_a_closed_pipe_exits_quietly(tiny_project):
    process = subprocess.Popen([*BOOKLET, "list-fonts", str(tiny_project)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()                # `| head` that has read enough: writing to it fails
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert err == b""


@pytest.mark.parametrize("command", ["build", "check"])
def test_running_inside_content_suggests_the_folder_above(tiny_project, command):
    done = run(command, cwd=tiny_project / "content")
    assert done.returncode == 1
    assert f"booklet {command} ..".encode() in done.stderr
    assert b"Internal error" not in done.stderr


def test_a_folder_where_an_edition_goes_is_a_message_and_nothing_is_written(built, capsys):
    project, before = built
    (project / "out" / "ttc-2025-print.pdf").unlink()
    (project / "out" / "ttc-2025-print.pdf").mkdir()
    assert main(["build", "-q", str(project)]) == 1
    assert_user_error(capsys.readouterr().err, "ttc-2025-print.pdf", "folder of that name")
    left = {p.name: p.read_bytes() for p in (project / "out").iterdir() if p.is_file()}
    assert left == {name: data for name, data in before.items() if name != "ttc-2025-print.pdf"}
    assert (project / "out" / "ttc-2025-print.pdf").is_dir()


def test_a_programme_that_lost_its_times_leaves_no_calendar_of_the_previous_build(built, capsys):
    project, before = built
    programme = project / "content" / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    untimed = "\n".join(line for line in text.splitlines() if not line.strip().startswith(("start:", "end:", "day:")))
    programme.write_text(untimed + "\n", encoding="utf-8")
    assert "start:" in text and main(["build", "-q", str(project)]) == 0, capsys.readouterr().err
    assert sorted(out_files(project)) == [name for name in EDITIONS if not name.endswith(".ics")]
