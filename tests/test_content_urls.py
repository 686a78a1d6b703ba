"""`url:` on contributions and sessions (issue 17, item 4): a web address, http or https; anything
else is a content error at its file and line, with a hint."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from booklet.content import loader
from booklet.errors import Diagnostics


def load(tmp_path: Path, talk_url, session_url=None):
    content = tmp_path / "content"
    content.mkdir()
    (content / "conference.yaml").write_text(yaml.safe_dump(
        {"title": "Link Conference", "dates": {"start": "2026-06-15", "end": "2026-06-15"}, "language": "en"}))
    (content / "people.yaml").write_text(yaml.safe_dump([{"id": "ada", "name": "Ada Lovelace"}]))
    session = {"session": "Talks", "id": "s1", "contributions": [
        {"id": "t1", "title": "First", "speakers": ["ada"], "url": talk_url},
        {"id": "t2", "title": "Second", "speakers": ["ada"]}]}
    if session_url is not None:
        session["url"] = session_url
    (content / "programme.yaml").write_text(yaml.safe_dump([session], sort_keys=False))
    diag = Diagnostics()
    return loader.load(content, diag, root=tmp_path), diag


def test_a_web_address_is_kept_on_contribution_and_session(tmp_path):
    conference, diag = load(tmp_path, "https://example.org/talk/1?lang=en#top", "http://example.org/s/1")
    assert not diag.errors
    [session] = conference.sessions
    assert session.url == "http://example.org/s/1"
    assert [c.url for c in session.contributions] == ["https://example.org/talk/1?lang=en#top", None]


@pytest.mark.parametrize("url", ["ftp://x", "javascript:alert(1)", "example.org/talk", "https://", "https://a b",
                                 "mailto:ada@example.org", "https://user:pw@example.org/"])
def test_anything_but_a_web_address_is_a_located_error(tmp_path, url):
    conference, diag = load(tmp_path, url)
    [error] = diag.errors
    text = str(error)
    assert "content/programme.yaml:" in text
    line = int(text.split("programme.yaml:")[1].split(":")[0])
    source = (tmp_path / "content" / "programme.yaml").read_text().splitlines()
    assert source[line - 1].strip().startswith("url:")
    assert "contribution 't1'" in text and "'url' must be a web address" in text
    assert "https://" in (error.hint or "")


def test_a_session_url_is_checked_too(tmp_path):
    _, diag = load(tmp_path, "https://example.org/1", "javascript:alert(1)")
    [error] = diag.errors
    assert "session 's1'" in str(error) and "'url'" in str(error)


def test_a_url_too_long_for_a_qr_code_is_an_error(tmp_path):
    _, diag = load(tmp_path, "https://example.org/" + "a" * 1000)
    [error] = diag.errors
    assert "more than 1,000" in str(error)
