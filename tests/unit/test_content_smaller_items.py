"""Issue 19, item 14 (the content side): a BOM, doi: links, a broken people.yaml said once."""
from __future__ import annotations

from booklet.text.markdown import Fallbacks, RichText

PEOPLE = [{"id": "ada", "name": "Ada Lovelace"}]


def _rich() -> RichText:
    covered = set(range(32, 0x250))
    return RichText(Fallbacks(covered, []), code_font="Courier", link_colour="#0a5a7c")


def test_a_doi_link_becomes_an_https_doi_org_link():
    markup = _rich().inline("See [the handbook](doi:10.1000/182).")
    assert 'href="https://doi.org/10.1000/182"' in markup and "doi:10" not in markup
    assert "the handbook</a>" in markup


def test_a_bom_at_the_start_of_an_abstract_file_is_ignored(make_project, load):
    programme = [{"session": "Talks", "id": "talks", "contributions": [
        {"id": "t1", "title": "A talk", "speakers": ["ada"], "abstract_file": "abstracts/a.md"}]}]
    project = make_project(people=PEOPLE, programme=programme)
    (project / "content" / "abstracts").mkdir()
    (project / "content" / "abstracts" / "a.md").write_bytes("\ufeff# Heading\n\n**Bold** start.\n".encode("utf-8"))
    conference, diagnostics = load(project)
    assert diagnostics == []
    assert conference.contributions[0].abstract == "# Heading\n\n**Bold** start."


def test_a_bom_at_the_start_of_a_page_is_ignored(make_project, load):
    project = make_project(files={"content/pages/welcome.md": "\ufeff---\ntitle: Welcome\nplace: front\n---\nHello.\n"})
    conference, diagnostics = load(project)
    assert diagnostics == [] and [p.title for p in conference.pages] == ["Welcome"]


def test_one_syntax_error_in_people_yaml_is_not_buried_under_unknown_persons(make_project, load):
    programme = [{"session": f"S{i}", "id": f"s{i}", "contributions": [
        {"id": f"t{i}", "title": "A talk", "speakers": ["ada"], "authors": ["bob"]}]} for i in range(40)]
    project = make_project(programme=programme,
                           raw={"content/people.yaml": "- id: ada\n  name: Ada Lovelace\n- id: bob\n  name: [Bob\n"})
    _, diagnostics = load(project)
    assert len(diagnostics) == 1, diagnostics
    assert diagnostics[0].startswith("content/people.yaml:") and "YAML syntax" in diagnostics[0]
