"""Importers keep the web addresses the sources give their events, contributions and session
blocks, as `url:` (issue 17, item 4: a layout may print them as QR codes). An address carrying
an API key or a signature loses those parameters; one that is not http or https is left out."""
from __future__ import annotations

import json

import pytest

from .fixtures.importers.support import SHARED_DATA, fixture, run_import


def test_pretalx_json_talk_urls_become_contribution_urls(tmp_path):
    _, project = run_import(fixture("pretalx.json"), tmp_path / "p")
    urls = {c["title"]: c.get("url") for c in project.contributions}
    assert urls["Focused hardware"] == "https://pretalx.example.org/democon/talk/G9JGWY/"
    assert urls["Workshop on things"] == "https://pretalx.example.org/democon/talk/KQ3MZP/"
    conference = project.assert_checks()
    assert {c.url for c in conference.contributions} >= {"https://pretalx.example.org/democon/talk/G9JGWY/"}


def _indico_with_urls(tmp_path):
    data = json.loads(fixture("indico-sessions.json").read_text(encoding="utf-8"))
    event = data["results"][0]
    block = event["sessions"][0]
    block["url"] = "https://indico.example.org/event/4242/session/1/?slotId=0"
    first, second = block["contributions"][:2]
    first["url"] = "https://indico.example.org/event/4242/contribution/7"
    second["url"] = "https://indico.example.org/event/4242/contribution/8?apikey=0000-1111&signature=beef"
    event["sessions"][1]["contributions"][0]["url"] = "ftp://indico.example.org/poster.pdf"
    event["contributions"][0]["url"] = "https://indico.example.org/event/4242/contribution/1"
    source = tmp_path / "indico.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    return run_import(source, tmp_path / "p")


def test_indico_contribution_and_session_block_urls_are_kept_without_secrets(tmp_path):
    report, project = _indico_with_urls(tmp_path)
    urls = {c["title"]: c.get("url") for c in project.contributions}
    assert urls["Designing a conditions database"] == "https://indico.example.org/event/4242/contribution/7"
    # the API key and signature are cut, the address kept
    assert [u for t, u in urls.items() if t.startswith("Trigger")] == [
        "https://indico.example.org/event/4242/contribution/8"]
    assert urls["A poster on tracking"] is None                    # ftp: not a web page
    assert urls["Welcome address"] == "https://indico.example.org/event/4242/contribution/1"
    block = project.session("Track 1 Session: #1 (Data acquisition)")
    assert block["url"] == "https://indico.example.org/event/4242/session/1/?slotId=0"
    plain, _ = run_import(fixture("indico-sessions.json"), tmp_path / "plain")
    secrets = "secret-looking parameters in URLs (passwords, tokens, keys)"
    assert report.count_of("dropped", secrets) == plain.count_of("dropped", secrets) + 1
    assert report.count_of("dropped", "URLs that are not web addresses (http, https), or are too long") == 1
    text = project.all_text()
    assert "apikey" not in text and "signature=" not in text and "ftp://" not in text
    project.assert_checks()


def test_a_source_without_urls_writes_none(tmp_path):
    _, project = run_import(fixture("pentabarf.xml"), tmp_path / "p")
    assert all("url" not in c for c in project.contributions)
    assert all("url" not in s for s in project.sessions)


# file in ../shared/data → (contributions with a url, sessions with a url)
REAL = {
    "debconf23-frab-xml/debconf23.xml": (117, 0),
    "democon-pretalx-json/pretalx-democon.json": (36, 0),
    "indico-trigger-meeting-2015-json/cern-434972.json": (4, 0),
    "chep2015-indico-json/cern-304944.json": (308, 53),
    "fosdem2021-pentabarf-xml/fosdem_2021.xml": (0, 0),    # links to videos and feedback, no event page
    "lswt2019-frab-xml/schedule.xml": (0, 0),
    "newline2018-pentabarf-xml/pentabarf.xml": (0, 0),
}


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not here")
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_exports_keep_their_urls(name, tmp_path):
    _, project = run_import(SHARED_DATA / name, tmp_path / "p")
    conference = project.assert_checks()
    with_url = [c.url for c in conference.contributions if c.url]
    sessions = [s.url for s in conference.sessions if s.url]
    assert (len(with_url), len(sessions)) == REAL[name]
    assert all(u.startswith(("https://", "http://")) for u in with_url + sessions)
    assert "apikey" not in project.all_text()
    if name.startswith("indico-trigger"):
        assert sorted(with_url) == [f"https://indico.cern.ch/event/434972/contribution/{n}" for n in (0, 1, 2, 5)]


def test_a_csv_url_column_becomes_the_contribution_url(tmp_path):
    source = tmp_path / "talks.csv"
    source.write_text("Title,Speaker,Link\n"
                      "On maps,Ada Lovelace,https://example.org/talks/maps\n"
                      "On links,Alan Turing,javascript:alert(1)\n"
                      "On nothing,Grace Hopper,\n", encoding="utf-8")
    report, project = run_import(source, tmp_path / "p")
    urls = {c["title"]: c.get("url") for c in project.contributions}
    assert urls == {"On maps": "https://example.org/talks/maps", "On links": None, "On nothing": None}
    assert report.count_of("dropped", "URLs that are not web addresses (http, https), or are too long") == 1
    assert "javascript" not in project.all_text()
    project.assert_checks()
