"""The HTML edition links a contribution's own page (`url:`) by its title, and a booklet built
with `--only` says what it holds under the title, as the PDF's title page does."""
from __future__ import annotations

import yaml

from booklet import build

from .conftest import REPO
from .test_html_edition import parse, tag, text


def _page(root, **options) -> bytes:
    result = build(root, out_dir=root / "out", edition="html", **options)
    return result.files["html"].read_bytes()


def test_a_contribution_with_a_url_links_its_page_by_its_title(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "conference.yaml").write_text("title: Link Test 2026\ndates: {start: 2026-03-02}\n")
    (content / "people.yaml").write_text("- {id: ada, name: Ada Lovelace}\n")
    (content / "programme.yaml").write_text(yaml.safe_dump([{"session": "Talks", "contributions": [
        {"id": "t1", "title": "On *engines*", "speakers": ["ada"], "abstract": "Text.",
         "url": "https://example.org/talk/1?x=1&y=2"},
        {"id": "t2", "title": "Without a page", "speakers": ["ada"], "abstract": "Text."}]}]))
    root = parse(_page(tmp_path))
    links = [a for a in root.iter() if tag(a) == "a" and a.get("href", "").startswith("https://example.org")]
    assert [(a.get("href"), text(a)) for a in links] == [("https://example.org/talk/1?x=1&y=2",
                                                          "On the web: On engines")]
    article = next(e for e in root.iter() if tag(e) == "article" and e.get("id", "").endswith("t2"))
    assert not [a for a in article.iter() if tag(a) == "a"]


def test_a_filtered_booklet_says_what_it_holds_under_its_title(tmp_path):
    project = REPO / "examples" / "three-day"
    root = parse(build(project, out_dir=tmp_path, edition="html", only=["day=2026-06-16"]).files["html"].read_bytes())
    header = next(e for e in root.iter() if tag(e) == "header")
    assert "Tuesday, 16 June 2026" in text(header)
    whole = parse(build(project, out_dir=tmp_path / "all", edition="html").files["html"].read_bytes())
    assert not [e for e in whole.iter() if tag(e) == "p" and e.get("class") == "selection"]
