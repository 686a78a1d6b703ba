"""Build progress: the terminal status line (against a fake terminal and a fake clock), the render
stage's laps, and what build() tells a progress callback."""
from __future__ import annotations

import io

import pytest

import booklet
from booklet.cli import StatusLine, describe, on_terminal
from booklet.typeset.progress import Laps


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def terminal():
    return FakeTerminal()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def status(terminal, clock):
    return StatusLine(terminal, clock=clock)


def test_describe_names_stages_and_parts():
    assert describe("load") == "loading content"
    assert describe("section:abstracts") == "laying out abstracts"
    assert describe("compose:index") == "composing index"
    assert describe("render:save") == "saving the PDF"
    assert describe("something new") == "something new"


def test_the_line_names_the_stage_and_the_pages_done(status, terminal):
    status("load")
    status("section:programme", 1)
    status("section:abstracts", 1234)
    assert terminal.getvalue().split("\r")[1:] == ["booklet: loading content", "booklet: laying out programme, 1 page",
                                                   "booklet: laying out abstracts, 1,234 pages"]


def test_page_updates_within_the_interval_are_skipped(status, terminal, clock):
    status("section:abstracts", 10)
    clock.now += 0.05
    status("section:abstracts", 11)
    assert terminal.getvalue() == "\rbooklet: laying out abstracts, 10 pages"
    clock.now += 0.06
    status("section:abstracts", 12)
    assert terminal.getvalue().endswith("\rbooklet: laying out abstracts, 12 pages")


def test_a_new_stage_shows_at_once(status, terminal, clock):
    status("section:posters", 20)
    clock.now += 0.01
    status("section:index", 21)
    assert terminal.getvalue().endswith("\rbooklet: laying out index, 21 pages  ")   # spaces cover "posters"


def test_a_shorter_line_covers_the_longer_one_with_spaces(status, terminal):
    status("editions")
    status("load")
    assert terminal.getvalue().endswith("\r" + "booklet: loading content".ljust(len("booklet: writing editions")))


def test_the_line_is_cut_to_the_terminal_width(terminal, clock):
    narrow = StatusLine(terminal, clock=clock)
    narrow.width = 20
    narrow("section:abstracts", 5)
    assert terminal.getvalue() == "\rbooklet: laying out "


def test_clear_blanks_the_line_and_returns_to_its_start(status, terminal):
    status("assemble")
    shown = len("booklet: assembling")
    status.clear()
    assert terminal.getvalue().endswith("\r" + " " * shown + "\r")
    status.clear()
    assert terminal.getvalue().count("\r") == 3


def test_nothing_shown_nothing_cleared(status, terminal):
    status.clear()
    assert terminal.getvalue() == ""


def test_on_terminal_shows_progress_and_clears_it_on_the_way_out(terminal):
    with on_terminal(terminal) as status:
        status("load")
    assert terminal.getvalue() == "\rbooklet: loading content\r" + " " * 24 + "\r"


def test_on_terminal_clears_the_line_when_the_build_fails(terminal):
    with pytest.raises(RuntimeError), on_terminal(terminal) as status:
        status("load")
        raise RuntimeError
    assert terminal.getvalue().endswith(" \r")


@pytest.mark.parametrize("stream, quiet", [(io.StringIO(), False), (FakeTerminal(), True)])
def test_no_progress_off_a_terminal_or_when_quiet(stream, quiet):
    with on_terminal(stream, quiet=quiet) as status:
        assert status is None
    assert stream.getvalue() == ""


# -- the render stage's laps, and build() ----------------------------------------------------------

def test_laps_time_each_part_and_report_parts_and_pages():
    heard = []
    laps = Laps(lambda stage, pages: heard.append((stage, pages)))
    laps.start("section:title")
    laps.page_done(1)
    laps.start("section:abstracts")
    laps.page_done(2)
    laps.start("section:title")   # a part met again adds to its time
    laps.start(None)
    laps.page_done(3)             # after the last part: counted, not reported
    assert heard == [("section:title", 0), ("section:title", 1), ("section:abstracts", 1), ("section:abstracts", 2),
                     ("section:title", 2)]
    assert list(laps.timings) == ["section:title", "section:abstracts"]
    assert all(seconds >= 0 for seconds in laps.timings.values())


def test_build_reports_stages_in_order_and_times_each_section(tiny_project, tmp_path):
    heard = []
    result = booklet.build(tiny_project, out_dir=tmp_path, edition="email",
                           progress=lambda stage, pages: heard.append((stage, pages)))
    stages = list(dict.fromkeys(stage for stage, _ in heard))
    assert stages[:3] == ["load", "layout", "render"]
    assert stages[-4:] == ["render:save", "render:join", "assemble", "editions"]
    assert stages.index("compose:abstracts") < stages.index("section:abstracts")
    pages = [n for stage, n in heard if ":" in stage]   # counted while the render stage runs
    assert pages == sorted(pages) and pages[-1] == result.body_pages
    parts = [key for key in result.timings if ":" in key]
    assert set(parts) == set(stages) - {"load", "layout", "render", "assemble", "editions"}
    assert sum(result.timings[key] for key in parts) <= result.timings["render"]
