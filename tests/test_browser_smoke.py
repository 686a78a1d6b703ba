"""The browser harness itself (tests/chromium.py): Chromium opens the default booklet's HTML
edition from disk and sees its title; axe-core loads and runs in it."""
from __future__ import annotations

from booklet import build

from .chromium import axe_violations, chromium


def test_chromium_opens_the_html_edition_and_runs_axe(tmp_path):
    from .conftest import REPO

    result = build(REPO, out_dir=tmp_path, edition="html")
    with chromium(360, 800) as driver:
        driver.get(result.files["html"].as_uri())
        assert "Helmholtz Imaging" in driver.title
        assert driver.find_element("tag name", "h1").text.strip()
        violations = axe_violations(driver)
        assert isinstance(violations, list) and all("id" in v for v in violations)
