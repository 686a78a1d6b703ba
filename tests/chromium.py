"""A real browser for tests: Debian's headless Chromium, driven by Selenium through chromedriver,
and axe-core (from npm, in tests/axe/) to check pages against WCAG 2.1 AA.

`.ci/run` installs the browser and axe-core and sets BOOKLET_BROWSER_TESTS=required, so that in
CI a missing piece fails the test instead of skipping it. Elsewhere such tests skip, saying what
to install.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = os.environ.get("BOOKLET_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BOOKLET_CHROMEDRIVER", "/usr/bin/chromedriver")
AXE = Path(os.environ.get("BOOKLET_AXE", Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
REQUIRED = os.environ.get("BOOKLET_BROWSER_TESTS") == "required"

# The rule sets axe-core calls WCAG 2.1 A and AA (2.0's rules are part of them).
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Without these Chromium reaches for Google's hosts at start, and a closed network refuses it.
QUIET_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-default-apps", "--disable-extensions")


def missing() -> str | None:
    """What a browser test lacks on this machine, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not Path(path).is_file():
            return f"{path} is missing (apt-get install {package})"
    return None


def require_browser() -> None:
    """Skip the calling test when the browser is missing, or fail it when CI requires the browser."""
    reason = missing()
    if reason:
        if REQUIRED:
            pytest.fail(f"BOOKLET_BROWSER_TESTS=required but {reason}")
        pytest.skip(f"no browser: {reason}")


def axe_source() -> str:
    """axe-core's script, to inject into a page; skips or fails like `require_browser`."""
    if not AXE.is_file():
        message = f"{AXE} is missing (npm ci --prefix tests/axe)"
        if REQUIRED:
            pytest.fail(f"BOOKLET_BROWSER_TESTS=required but {message}")
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator["object"]:
    """A Selenium WebDriver on headless Chromium with a window of `width` × `height` CSS pixels,
    its own empty profile, and no network beyond what the page asks for."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="booklet-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in QUIET_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        driver.set_window_size(width, height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def axe_violations(driver, rules: list[str] = WCAG_21_AA) -> list[dict]:
    """Run axe-core on the page loaded in `driver`; its violations of the given rule tags."""
    driver.execute_script(axe_source())
    driver.set_script_timeout(120)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        "  .then(r => done(r.violations), e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        rules)
    return result


def describe(violations: list[dict]) -> str:
    """axe's violations as lines a reader can act on: rule, what it wants, the first elements."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']}: {v.get('help', '')} ({len(v.get('nodes', []))} elements)")
        for node in v.get("nodes", [])[:3]:
            lines.append(f"    {node.get('target')}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)
