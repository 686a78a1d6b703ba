"""`booklet check` and `booklet build` through cli.main: exit codes, output, and out/ left alone on failure."""
from __future__ import annotations

import io
import sys

import pytest

from booklet.cli import main

BAD_PROGRAMME = "- session: Talks\n  kindd: talks\n"
BAD_MESSAGE = "content/programme.yaml:2: error: session 'talks': unknown field 'kindd'\n  hint: did you mean 'kind'?"


@pytest.fixture
def bad_project(make_project):
    return make_project(raw={"content/programme.yaml": BAD_PROGRAMME})


# -- check -----------------------------------------------------------------------

def test_check_of_a_good_project_returns_0_and_prints_counts(tiny_project, capsys):
    assert main(["check", str(tiny_project)]) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 1 session, 2 contributions, 3 persons\n"
    assert err == ""


def test_check_of_a_bad_project_returns_1_with_the_message_on_stderr(bad_project, capsys):
    assert main(["check", str(bad_project)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"Content error: 1 problem found:\n{BAD_MESSAGE}\n"


def test_check_reports_problems_sorted_by_file_and_line(make_project, capsys):
    project = make_project(raw={"content/programme.yaml": "- session: Talks\n  day: 2025-02-30\n  kind: talk\n"})
    assert main(["check", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content error: 2 problems found:\n")
    assert err.index("programme.yaml:2:") < err.index("programme.yaml:3:")


def test_check_without_a_content_folder_returns_1_without_traceback(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "content: error: no content folder here" in err
    assert "Traceback" not in err


def test_check_of_an_empty_conference_yaml_returns_1_with_a_content_error(make_project, capsys):
    project = make_project(raw={"content/conference.yaml": "# to be written\n"})
    assert main(["check", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content error: ")
    assert "content/conference.yaml" in err


def test_list_layouts_names_the_shipped_a5(tiny_project, capsys):
    assert main(["list-layouts", str(tiny_project)]) == 0
    assert "a5" in capsys.readouterr().out.split()


EDITIONS = ["ttc-2025-imposed.pdf", "ttc-2025-print.pdf", "ttc-2025.html", "ttc-2025.ics", "ttc-2025.pdf"]   # .ics: its sessions have times
WRITTEN = [*EDITIONS, "versions"]   # versions/: the programme's snapshot (content/snapshot.py)


# -- build -----------------------------------------------------------------------

def test_build_of_a_tiny_project_writes_out_slug_pdf(tiny_project, capsys):
    assert main(["build", str(tiny_project)]) == 0
    pdf = tiny_project / "out" / "ttc-2025.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in (tiny_project / "out").iterdir()) == WRITTEN
    assert capsys.readouterr().out.startswith(f"wrote {pdf} (")


def test_failed_build_returns_1_and_creates_no_out_folder(bad_project, capsys):
    assert main(["build", str(bad_project)]) == 1
    out, err = capsys.readouterr()
    assert err == f"Content error: 1 problem found:\n{BAD_MESSAGE}\n"
    assert "Traceback" not in err
    assert not (bad_project / "out").exists()


@pytest.fixture
def built_project(tiny_project, capsys):
    """The tiny project after one good build: (project, pdf path, pdf bytes, mtime_ns)."""
    assert main(["build", str(tiny_project)]) == 0
    capsys.readouterr()
    pdf = tiny_project / "out" / "ttc-2025.pdf"
    return tiny_project, pdf, pdf.read_bytes(), pdf.stat().st_mtime_ns


def test_failed_build_leaves_the_previous_pdf_untouched(built_project, capsys):
    project, pdf, before, mtime = built_project
    (project / "content" / "programme.yaml").write_text(BAD_PROGRAMME, encoding="utf-8")
    assert main(["build", str(project)]) == 1
    assert BAD_MESSAGE in capsys.readouterr().err
    assert pdf.read_bytes() == before
    assert pdf.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in (project / "out").iterdir()) == WRITTEN


def test_build_with_an_unknown_layout_fails_and_leaves_the_previous_pdf(built_project, capsys):
    project, pdf, before, _ = built_project
    assert main(["build", str(project), "--layout", "a55"]) == 1
    err = capsys.readouterr().err
    assert err == "Layout error: 1 problem found:\nerror: unknown layout 'a55'\n  hint: did you mean 'a5'?\n"
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in (project / "out").iterdir()) == WRITTEN


@pytest.fixture
def project_with_undrawable_character(built_project):
    """The built tiny project with an emoji in a title: no font the a5 layout ships can draw it,
    which is a warning (an error under --strict). Line 10 of programme.yaml is the 'engines' mapping."""
    programme = built_project[0] / "content" / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("On engines", "On engines \U0001F600"),
                         encoding="utf-8")
    return built_project


def test_strict_build_stopped_by_a_warning_leaves_the_previous_pdf(project_with_undrawable_character, capsys):
    project, pdf, before, _ = project_with_undrawable_character
    assert main(["build", str(project), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "content/programme.yaml:10: " in err
    assert "contribution 'engines': no font in the layout can show \U0001F600 (U+1F600)" in err
    assert "Traceback" not in err
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in (project / "out").iterdir()) == WRITTEN


def test_warning_does_not_stop_a_normal_build(project_with_undrawable_character, capsys):
    project, pdf, before, _ = project_with_undrawable_character
    assert main(["build", str(project)]) == 0
    out, err = capsys.readouterr()
    assert "warning: contribution 'engines': no font in the layout can show" in err
    assert out.startswith("wrote ")
    assert pdf.read_bytes() != before


def test_strict_build_reports_a_content_warning_as_a_content_error(project_with_undrawable_character, capsys):
    project = project_with_undrawable_character[0]
    assert main(["build", str(project), "--strict"]) == 1
    assert capsys.readouterr().err.startswith("Content error: 1 problem found:\ncontent/programme.yaml:10: ")


# -- progress and stage times -------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_build_writes_no_progress_when_stderr_is_not_a_terminal(tiny_project, capsys):
    assert main(["build", str(tiny_project), "--edition", "email"]) == 0
    assert capsys.readouterr().err == ""


def test_build_on_a_terminal_shows_progress_and_clears_it_before_the_summary(tiny_project, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stderr", FakeTerminal())
    assert main(["build", str(tiny_project), "--edition", "email"]) == 0
    shown = sys.stderr.getvalue()
    assert "\rbooklet: laying out abstracts" in shown
    assert shown.endswith(" \r")
    assert capsys.readouterr().out.startswith("wrote ")


def test_quiet_build_on_a_terminal_shows_no_progress(tiny_project, monkeypatch):
    monkeypatch.setattr(sys, "stderr", FakeTerminal())
    assert main(["build", str(tiny_project), "--edition", "email", "-q"]) == 0
    assert sys.stderr.getvalue() == ""


def test_failed_build_on_a_terminal_prints_its_message_on_a_clean_line(bad_project, monkeypatch):
    monkeypatch.setattr(sys, "stderr", FakeTerminal())
    assert main(["build", str(bad_project)]) == 1
    progress, message = sys.stderr.getvalue().rsplit("\r", 1)
    assert progress.startswith("\rbooklet: loading content")
    assert message == f"Content error: 1 problem found:\n{BAD_MESSAGE}\n"


def test_verbose_build_prints_each_stage_and_section_time(tiny_project, capsys):
    assert main(["build", str(tiny_project), "--edition", "email", "-v"]) == 0
    lines = capsys.readouterr().out.splitlines()
    total = float(lines[1].split()[2])              # built in 0.53 s (..)
    stages = {line.split()[0]: float(line.split()[1]) for line in lines[2:]}
    assert list(stages)[:3] == ["load", "layout", "render"]
    assert {"compose:abstracts", "section:abstracts", "render:save"} <= set(stages)
    assert total == pytest.approx(sum(s for name, s in stages.items() if ":" not in name), abs=0.05)


def test_build_takes_jobs_as_a_whole_number_of_one_or_more(tiny_project, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["build", str(tiny_project), "-j", "0"])
    assert stopped.value.code == 2 and "whole number of 1 or more, not '0'" in capsys.readouterr().err
    assert main(["build", str(tiny_project), "--edition", "email", "-j", "1"]) == 0


def test_check_finds_what_build_finds_before_layout(project_with_undrawable_character, capsys):
    """A character no font has is found when texts are converted, which `check` now does too:
    `check --strict` fails where `build --strict` fails, with the same located message."""
    project = project_with_undrawable_character[0]
    assert main(["check", str(project)]) == 0
    assert "contribution 'engines': no font in the layout can show \U0001F600" in capsys.readouterr().err
    assert main(["check", str(project), "--strict"]) == 1
    check_err = capsys.readouterr().err
    assert main(["build", str(project), "--strict"]) == 1
    build_err = capsys.readouterr().err
    assert check_err == build_err and "content/programme.yaml:10: " in check_err


def test_check_of_an_unknown_layout_fails_as_build_does(tiny_project, capsys):
    assert main(["check", str(tiny_project), "--layout", "nonesuch"]) == 1
    assert "nonesuch" in capsys.readouterr().err
