"""`booklet serve`: the live preview, as a person uses it.

The server runs as a real process (`python -m booklet serve --port 0`) on a copy of the starter
project; the tests edit its files and watch the page's state change, over HTTP and in headless
Chromium (tests/chromium.py), then end it with Ctrl-C (SIGINT) and check the port is free.
"""
from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from booklet import starter
from booklet.serve import Booklet, changed_pages, describe_pages

from .chromium import chromium
from .pdfread import squash

OLD_TITLE = "Tracking thousands of fish in three dimensions with two cameras"   # in the starter's programme.yaml
NEW_TITLE = "Following shoals of perch through a murky lake"
TIMEOUT = 30.0       # s for any one thing to happen; each is awaited, never slept for


class Server:
    """A `booklet serve` process and the lines it prints."""

    def __init__(self, project: Path, *extra: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "booklet", "serve", str(project), "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)          # its own process group, as in a terminal of its own
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        first = self.next_line()
        match = re.search(r"http://[\d.]+:\d+/", first)
        assert match, first
        self.url = match.group(0)
        self.port = int(self.url.rstrip("/").rpartition(":")[2])

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"booklet serve printed nothing more; so far: {''.join(self.output)}") from None

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=TIMEOUT) as response:
            return response.read()

    def state(self) -> dict:
        return json.loads(self.get("/state"))

    def wait_for_state(self, test, what: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            state = self.state()
            if test(state):
                return state
            time.sleep(0.05)
        raise AssertionError(f"waited {TIMEOUT} s for {what}; the state: {self.state()}")

    def interrupt(self) -> str:
        """Ctrl-C, as a terminal sends it: to the server's whole process group (its build process
        too); the whole output once it has ended."""
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        return "".join(self.output)

    def stop(self) -> None:
        """After a failed test: the server and its build process, killed."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@contextmanager
def served(project: Path, *extra: str):
    server = Server(project, *extra)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "proj"
    starter.create(folder)
    return folder


def programme(project: Path) -> Path:
    return project / "content" / "programme.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_yaml(project: Path) -> int:
    """An unclosed bracket in the programme; the line the error names."""
    path = programme(project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "title: Welcome to Konstanz" in line)
    lines[number] = lines[number].replace("title: ", "title: [Welcome ")
    path.write_text("".join(lines), encoding="utf-8")
    return number + 2      # YAML notices the missing bracket on the next line


def build_error(project: Path, tmp_path: Path) -> str:
    """What `booklet build` prints for the project's content error."""
    done = subprocess.run([sys.executable, "-m", "booklet", "build", str(project), "--edition", "email",
                           "-o", str(tmp_path / "cli-out")], check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    return done.stderr.strip()


def port_is_free(port: int) -> bool:
    """Nothing listens on `port`, and a new server may listen on it (as booklet serve binds: with
    SO_REUSEADDR, so the closed connections' TIME_WAIT does not count)."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen()
        except OSError:
            return False
    return True


def pages_with(pdf: bytes, needle: str) -> list[int]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [i for i in range(len(document))
                if squash(needle) in squash(document[i].get_textpage().get_text_range())]
    finally:
        document.close()


# --- the page digests that mark changed pages ---------------------------------------------------


def test_a_changed_title_changes_the_digests_of_the_pages_that_print_it_and_no_others(project, tmp_path):
    from booklet import build

    before = build(project, out_dir=tmp_path / "a", edition="email").pdf.read_bytes()
    again = build(project, out_dir=tmp_path / "b", edition="email").pdf.read_bytes()
    edit(programme(project), OLD_TITLE, NEW_TITLE)
    after = build(project, out_dir=tmp_path / "c", edition="email").pdf.read_bytes()

    first, second, third = (Booklet(pdf, "x.pdf", describe_pages(pdf)) for pdf in (before, again, after))
    assert [p.label for p in first.pages][:3] == ["C1", "C2", "1"]
    assert changed_pages(None, first) == []
    assert changed_pages(first, second) == []          # the same content: no page marked
    changed = changed_pages(second, third)
    printing_it = pages_with(after, NEW_TITLE)
    assert printing_it and set(printing_it) <= set(changed)
    assert len(changed) < len(third.pages) / 2, changed   # the pages that print it, not the whole booklet


# --- the server over HTTP ----------------------------------------------------------------------


def test_serve_rebuilds_on_save_shows_errors_and_stops_on_ctrl_c(project, tmp_path):
    with served(project) as server:
        first = server.wait_for_state(lambda s: s["generation"] == 1, "the first build")
        assert first["error"] is None and first["warnings"] == [] and first["changed"] == []
        assert server.get("/").startswith(b"<!DOCTYPE html>")
        png = server.get(f"/pages/0.png?digest={first['pages'][0]['digest']}")
        assert png.startswith(b"\x89PNG")
        assert server.get("/booklet.pdf").startswith(b"%PDF-")

        edit(programme(project), OLD_TITLE, NEW_TITLE)
        second = server.wait_for_state(lambda s: s["generation"] == 2, "the rebuild after a save")
        pdf = server.get("/booklet.pdf")
        assert pages_with(pdf, NEW_TITLE) and not pages_with(pdf, OLD_TITLE)
        assert set(pages_with(pdf, NEW_TITLE)) <= set(second["changed"])

        (project / "layouts").mkdir()                  # outside content/: a new build process, new pictures
        (project / "layouts" / "notes.txt").write_text("a layout to come\n", encoding="utf-8")
        third = server.wait_for_state(lambda s: s["generation"] == 3, "the rebuild after a save in layouts/")
        assert third["changed"] == []                  # the same booklet
        assert not {p["digest"] for p in third["pages"]} & {p["digest"] for p in second["pages"]}
        second = third

        line = break_yaml(project)
        broken = server.wait_for_state(lambda s: s["error"], "the content error")
        assert f"content/programme.yaml:{line}: error: YAML syntax" in broken["error"]
        assert broken["error"] == build_error(project, tmp_path)      # the words `booklet build` prints
        assert broken["generation"] == 3 and broken["pages"] == second["pages"]   # the last good booklet
        assert server.get("/booklet.pdf") == pdf

        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(server.url, headers={"Host": "booklet.example.com"}))
        assert refused.value.code == 403
        with pytest.raises(urllib.error.HTTPError) as missing:
            server.get("/pages/999.png")
        assert missing.value.code == 404

        output = server.interrupt()
    assert server.process.returncode == 0, output
    assert "Traceback" not in output and "booklet serve: stopped" in output
    assert "built in" in output and f"programme.yaml:{line}" in output
    assert port_is_free(server.port)
    assert not (project / "out").exists()          # a preview writes no edition


def test_the_build_process_ends_when_the_server_is_killed(project):
    """Killed (not stopped with Ctrl-C), the server leaves no build process waiting for it."""
    server = Server(project)
    try:
        server.wait_for_state(lambda s: s["generation"] == 1, "the first build")
        children = subprocess.run(["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True,
                                  check=False).stdout.split()
        assert children, "no build process found"
        server.process.kill()
        server.process.wait(timeout=TIMEOUT)
        deadline = time.monotonic() + TIMEOUT
        while any(Path(f"/proc/{pid}").exists() and "Z" not in _state_of(pid) for pid in children):
            assert time.monotonic() < deadline, f"build process {children} still runs"
            time.sleep(0.05)
    finally:
        server.stop()


def _state_of(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_serve_names_a_folder_without_content(tmp_path):
    done = subprocess.run([sys.executable, "-m", "booklet", "serve", str(tmp_path), "--port", "0"],
                          check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "no content/ folder" in done.stderr and "booklet new" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_on_a_port_in_use_says_so_with_a_hint(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "booklet", "serve", str(project), "--port", str(port)],
                              check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr and "--port 0" in done.stderr
    assert "Traceback" not in done.stderr


# --- in a real browser -------------------------------------------------------------------------


# Every page picture in the window has arrived (they load lazily, as the reader scrolls).
IN_VIEW_LOADED = """return [...document.querySelectorAll('figure.page img')].filter(img => {
    const r = img.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight;
}).every(img => img.complete && img.naturalWidth > 0)"""


def near(position: float, expected: float) -> bool:
    """Where the reader is, to within a few pixels: under load, Chromium's scroll anchoring may
    settle a picture's rounding a pixel or three away (seen once: 5003 for 5000), which no reader
    notices; a lost place is a page or more away."""
    return abs(position - expected) <= 8


def test_serve_in_chromium(project, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    with served(project) as server, chromium(1000, 800) as driver:
        wait = WebDriverWait(driver, TIMEOUT, poll_frequency=0.05)
        driver.get(server.url)
        wait.until(lambda d: d.execute_script("return document.body.dataset.generation") == "1")
        figures = driver.find_elements("css selector", "figure.page")
        assert len(figures) == len(server.state()["pages"]) > 10
        wait.until(lambda d: d.execute_script("return document.querySelector('figure.page img').naturalWidth"))

        driver.execute_script("window.scrollTo(0, 5000)")
        scrolled = driver.execute_script("return window.scrollY")
        assert scrolled > 0
        wait.until(lambda d: d.execute_script(IN_VIEW_LOADED))

        edit(programme(project), OLD_TITLE, NEW_TITLE)
        wait.until(lambda d: d.execute_script("return document.body.dataset.generation") == "2")
        wait.until(lambda d: d.execute_script(IN_VIEW_LOADED))
        assert near(driver.execute_script("return window.scrollY"), scrolled)  # the reader stays where they were
        changed = [int(f.get_attribute("id").removeprefix("page-")) - 1
                   for f in driver.find_elements("css selector", "figure.page.changed")]
        pdf = server.get("/booklet.pdf")
        assert set(pages_with(pdf, NEW_TITLE)) <= set(changed) and changed
        assert "changed" in driver.find_element("id", "changes").text

        driver.refresh()                                                      # a reload keeps the place too
        wait.until(lambda d: d.execute_script("return document.body.dataset.generation") == "2")
        wait.until(lambda d: near(d.execute_script("return window.scrollY"), scrolled))

        driver.find_element("id", "next").click()                            # jump to the first change
        first = driver.find_element("id", f"page-{changed[0] + 1}")
        wait.until(lambda d: d.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight", first))
        wait.until(lambda d: d.execute_script("return arguments[0].querySelector('img').naturalWidth", first))
        shown = driver.execute_script("return arguments[0].querySelector('img').getAttribute('src')", first)
        assert server.state()["pages"][changed[0]]["digest"] in shown

        line = break_yaml(project)
        wait.until(lambda d: d.find_element("id", "error").is_displayed())
        error = driver.find_element("id", "error-text").text
        assert f"content/programme.yaml:{line}: error: YAML syntax" in error and "hint:" in error
        assert error == build_error(project, tmp_path)
        assert driver.execute_script("return document.body.dataset.generation") == "2"
        assert len(driver.find_elements("css selector", "figure.page img[src]")) == len(figures)
        assert "last booklet that built" in driver.find_element("id", "error-note").text

        output = server.interrupt()
    assert server.process.returncode == 0 and "Traceback" not in output
    assert port_is_free(server.port)


def test_serve_on_an_address_not_of_this_computer_says_so_with_a_hint(project):
    done = subprocess.run([sys.executable, "-m", "booklet", "serve", str(project), "--host", "192.0.2.1",
                           "--port", "0"], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "cannot serve on 192.0.2.1:0" in done.stderr and "give --host an address of this computer" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_refuses_a_port_that_is_not_one(project):
    done = subprocess.run([sys.executable, "-m", "booklet", "serve", str(project), "--port", "70000"],
                          check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "port number from 0 to 65535" in done.stderr
