"""Screenshots of the HTML edition in headless Chromium, at a phone's and a laptop's width.

    python -m tests.html_screenshots docs/figures/html

builds the HTML editions of the default booklet, examples/three-day and (when ../shared/data has
it) the FOSDEM 2021 import, and writes the few screenshots the README shows: each a window's
view scrolled to one part of the page, as a palette PNG small enough to keep in git.
tests/test_html_browser.py takes the same screenshots to check they show something."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .chromium import chromium
from .conftest import REPO

PROJECTS = {"default": REPO, "three-day": REPO / "examples" / "three-day",
            "nasty": REPO / "tests" / "corpus" / "nasty"}
FOSDEM = Path("/work/shared/data/fosdem2021-pentabarf-xml/fosdem_2021.xml")

# (file stem, project, window width, the part of the page scrolled to the top, scroll inside it)
FIGURES = [
    ("phone-title", "default", 360, "h1", None),
    ("phone-grid", "three-day", 360, ".grid", (0, 0)),
    ("laptop-programme", "three-day", 1280, "#section-programme", None),
    ("phone-fosdem-grid", "fosdem", 360, ".grid", (1500, 1200)),
]


def shoot(driver, page: Path, folder: Path, stem: str, selectors, inside=None) -> list[Path]:
    """Open `page`, and for each CSS selector scroll its first element to the top of the window (and
    its content by `inside` = (down, across) pixels) and save the window as `<stem>-<n>.png`."""
    driver.get(page.as_uri())
    shots = []
    for number, selector in enumerate(selectors):
        element = driver.find_element("css selector", selector)
        driver.execute_script("arguments[0].scrollIntoView(true)", element)
        if inside:
            driver.execute_script("arguments[0].scrollTop = arguments[1]; arguments[0].scrollLeft = arguments[2]",
                                  element, *inside)
        shot = folder / f"{stem}-{number}.png"
        driver.get_screenshot_as_file(str(shot))
        shots.append(shot)
    return shots


def _build(name: str, work: Path) -> Path | None:
    from booklet import build

    project = PROJECTS.get(name)
    if name == "fosdem":
        if not FOSDEM.is_file():
            return None
        from booklet.cli import main
        project = work / "fosdem"
        if not project.exists() and main(["import", str(FOSDEM), "-o", str(project)]) != 0:
            return None
    return build(project, out_dir=work / f"out-{name}", edition="html").files["html"]


def _small_png(shot: Path, target: Path) -> None:
    """The screenshot with at most 64 colours: text on flat colours loses nothing one can see."""
    from PIL import Image

    with Image.open(shot) as image:
        image.convert("RGB").quantize(64, dither=Image.Dither.NONE).save(target, optimize=True)


def main(folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        built = {}
        for stem, name, width, selector, inside in FIGURES:
            if name not in built:
                built[name] = _build(name, work)
            if built[name] is None:
                print(f"skipped {stem}: {FOSDEM} is not here")
                continue
            with chromium(width, 800) as driver:
                [shot] = shoot(driver, built[name], work, stem, [selector], inside)
            _small_png(shot, target / f"{stem}.png")
            print(f"wrote {target / f'{stem}.png'} ({(target / f'{stem}.png').stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/figures/html")
