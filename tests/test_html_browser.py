"""The HTML edition in a real browser (issue 18): the default booklet, examples/three-day and the
adversarial corpus (tests/corpus/nasty), each opened in headless Chromium at a phone's width (360 px)
and a laptop's (1280 px), checked with axe-core against WCAG 2.1 A and AA, for sideways scrolling,
for a grid that scrolls inside its own box, and for a visible keyboard focus.

`.ci/run` installs Chromium, chromedriver and axe-core and sets BOOKLET_BROWSER_TESTS=required, so
these tests fail there, never skip, when a piece is missing (tests/chromium.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from booklet import build

from .chromium import axe_violations, chromium, describe
from .html_screenshots import FOSDEM, PROJECTS, shoot

WIDTHS = (360, 1280)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Each project's HTML edition, built once for the module."""
    out = {}
    for name, project in PROJECTS.items():
        out[name] = build(project, out_dir=tmp_path_factory.mktemp(name), edition="html").files["html"]
    return out


@pytest.fixture(scope="module", params=WIDTHS)
def browser(request):
    """One browser per width, shared by the module's tests (starting Chromium takes a second)."""
    with chromium(request.param, 800) as driver:
        driver.booklet_width = request.param
        yield driver


@pytest.mark.parametrize("name", list(PROJECTS))
def test_no_wcag_21_aa_violations(browser, pages, name):
    browser.get(pages[name].as_uri())
    violations = axe_violations(browser)
    assert violations == [], f"{name} at {browser.booklet_width} px:\n{describe(violations)}"


@pytest.mark.parametrize("name", list(PROJECTS))
def test_the_page_never_scrolls_sideways(browser, pages, name):
    """Readable at 360 px without sideways scrolling: whatever is wider (the grid, a table, a long
    address) scrolls or wraps inside its own box."""
    browser.get(pages[name].as_uri())
    width = browser.booklet_width
    scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{name} at {width} px is {scroll_width} px wide"
    # every box ends inside the window (a box may be wider than it only when it is clipped by a scroller)
    wide = browser.execute_script("""
        const w = document.documentElement.clientWidth, out = [];
        for (const e of document.querySelectorAll('body *')) {
          const r = e.getBoundingClientRect();
          if (r.right > w + 0.5 && !e.closest('.grid, .table, pre')) out.push(e.tagName + '.' + e.className);
        }
        return out.slice(0, 5);""")
    assert wide == [], f"{name} at {width} px: boxes past the window's edge: {wide}"


def test_the_wide_grid_scrolls_inside_its_own_box(browser, pages):
    """examples/three-day's six rooms do not fit a phone: the grid's box scrolls sideways, keeps the
    times in view, and can be scrolled from the keyboard (a focusable region with a name)."""
    browser.get(pages["three-day"].as_uri())
    grid = browser.find_element("css selector", ".grid")
    box = browser.execute_script(
        "const g = arguments[0]; return {scroll: g.scrollWidth, client: g.clientWidth,"
        " right: g.getBoundingClientRect().right, tab: g.tabIndex, label: g.getAttribute('aria-label')}", grid)
    assert box["right"] <= browser.booklet_width
    assert box["tab"] == 0 and "schedule" in box["label"]
    if browser.booklet_width == 360:
        assert box["scroll"] > box["client"] * 2, box      # six rooms: far wider than the phone
        browser.execute_script("arguments[0].scrollLeft = 300", grid)
        assert browser.execute_script("return arguments[0].scrollLeft", grid) == 300
        time_cell = browser.find_element("css selector", ".grid tbody th")
        left = browser.execute_script("return arguments[0].getBoundingClientRect().left - "
                                      "arguments[1].getBoundingClientRect().left", time_cell, grid)
        assert -1 <= left <= 2, "the time column scrolled away with the rooms"


def test_keyboard_focus_is_visible(browser, pages):
    """The style sheet has a :focus-visible rule, and the element the Tab key reaches is drawn with
    a solid outline at least 2 px wide in a colour other than the page's background."""
    from selenium.webdriver.common.keys import Keys

    browser.get(pages["default"].as_uri())
    rules = browser.execute_script(
        "return [...document.styleSheets].flatMap(s => [...s.cssRules]).map(r => r.cssText)"
        ".filter(t => t.includes(':focus-visible'))")
    assert any("outline" in rule and "none" not in rule.split("{")[1] for rule in rules), rules
    browser.find_element("tag name", "body").send_keys(Keys.TAB)
    focused = browser.execute_script(
        "const e = document.activeElement, s = getComputedStyle(e);"
        "return {tag: e.tagName, visible: e.matches(':focus-visible'), style: s.outlineStyle,"
        " width: parseFloat(s.outlineWidth), colour: s.outlineColor}")
    assert focused["tag"] == "A" and focused["visible"], focused
    assert focused["style"] == "solid" and focused["width"] >= 2, focused
    assert focused["colour"] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), focused


def test_screenshots_show_the_page(tmp_path, pages, browser):
    """The screenshots docs/figures/html/ is made of (tests/html_screenshots.py) are taken: images
    of the window's width that are not blank."""
    from PIL import Image

    width = browser.booklet_width
    shots = shoot(browser, pages["three-day"], tmp_path, f"three-day-{width}", ("h1", ".grid"))
    for shot in shots:
        with Image.open(shot) as image:
            assert abs(image.width - width) <= 1, (shot, image.size)
            colours = image.convert("L").getextrema()
            assert colours[1] - colours[0] > 100, f"{shot} is blank"


@pytest.mark.skipif(not os.environ.get("BOOKLET_SLOW"), reason="imports and checks FOSDEM 2021 (a minute); set BOOKLET_SLOW=1")
def test_the_fosdem_2021_import_reads_on_a_phone(tmp_path):
    """FOSDEM 2021 (pentabarf XML in ../shared/data: 107 rooms, 773 events) imported and built as a
    web page: no WCAG 2.1 AA violation and no sideways scrolling at 360 px, its first day's grid
    scrolling in its own box with the rooms' row held at its top."""
    from booklet.cli import main

    if not FOSDEM.is_file():
        pytest.skip(f"{FOSDEM} is not here")
    assert main(["import", str(FOSDEM), "-o", str(tmp_path / "fosdem")]) == 0
    page = build(tmp_path / "fosdem", out_dir=tmp_path / "out", edition="html").files["html"]
    with chromium(360, 800) as driver:
        driver.get(page.as_uri())
        violations = axe_violations(driver)
        assert violations == [], describe(violations)
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 360
        grid = driver.find_element("css selector", ".grid")
        driver.execute_script("arguments[0].scrollTop = 1500; arguments[0].scrollLeft = 2000", grid)
        offset = driver.execute_script("return arguments[0].getBoundingClientRect().top - "
                                       "arguments[1].getBoundingClientRect().top",
                                       driver.find_element("css selector", ".grid thead th"), grid)
        assert -1 <= offset <= 2, "the rooms' row scrolled away"


def test_a_calendar_link_downloads_its_one_event(pages, tmp_path):
    """Clicked in Chromium, a programme line's "Add to your calendar" saves `<id>.ics`: a calendar
    icalendar reads, of that one event."""
    import time

    from icalendar import Calendar

    with chromium(360, 800) as driver:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
        driver.get(pages["three-day"].as_uri())
        link = driver.find_element("css selector", "#section-programme a.ics")
        driver.execute_script("arguments[0].scrollIntoView(true)", link)
        link.click()
        saved = tmp_path / link.get_attribute("download")
        for _ in range(100):
            if saved.is_file():
                break
            time.sleep(0.1)
    [event] = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert str(event["UID"]).startswith(saved.stem + ".session@") or str(event["UID"]).startswith(saved.stem + "@")
