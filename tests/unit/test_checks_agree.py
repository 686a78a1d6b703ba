"""Issue 19, item 13 (the content side): empty titles, ids made from titles, control characters."""
from __future__ import annotations

PEOPLE = [{"id": "ada", "name": "Ada Lovelace"}]


def test_a_whitespace_only_session_title_is_empty_at_its_line(make_project, load):
    project = make_project(people=PEOPLE, raw={"content/programme.yaml": (
        "- session: Fine\n  contributions: []\n- session: '   '\n  contributions:\n"
        "    - {id: t1, title: A talk, speakers: [ada]}\n")})
    _, diagnostics = load(project)
    assert diagnostics == ["content/programme.yaml:3: error: session 2: session title is empty\n"
                           "  hint: write the session's title after `session:`, e.g. `session: Keynote`"]


def test_a_made_session_id_that_clashes_with_a_written_contribution_id_says_where_it_came_from(make_project, load):
    project = make_project(people=PEOPLE, raw={"content/programme.yaml": (
        "- session: Keynote\n"
        "- session: Keynote\n"
        "- session: Talks\n  contributions:\n    - {id: keynote-2, title: A talk, speakers: [ada]}\n")})
    _, diagnostics = load(project)
    assert diagnostics == [
        "content/programme.yaml:5: error: contribution id 'keynote-2' is already used by a session at "
        "content/programme.yaml:2\n  hint: the session at content/programme.yaml:2 has no `id:`; 'keynote-2' was "
        "made from its title 'Keynote'; give that session an `id:` of its own, or rename this one"]


def test_control_characters_in_titles_are_a_located_warning_and_left_out(make_project, load):
    project = make_project(people=PEOPLE, raw={"content/programme.yaml": (
        '- session: "Open\\u0007ing"\n  contributions:\n'
        '    - id: t1\n      title: "Bell\\u0007 and escape\\u001b[31m"\n      speakers: [ada]\n')})
    conference, diagnostics = load(project)
    assert diagnostics == [
        "content/programme.yaml:1: warning: session 'opening': 'session' has control characters (U+0007); "
        "they are left out\n  hint: remove them from the title; they are not printable",
        "content/programme.yaml:4: warning: contribution 't1': 'title' has control characters (U+0007, U+001B); "
        "they are left out\n  hint: remove them from the title; they are not printable"]
    assert conference.sessions[0].title == "Opening"
    assert conference.contributions[0].title == "Bell and escape[31m"


def test_a_multi_line_title_is_not_a_control_character(make_project, load):
    project = make_project(people=PEOPLE, raw={"content/programme.yaml": (
        "- session: Talks\n  contributions:\n    - id: t1\n      title: \"Two\\nlines\\tand a tab\"\n"
        "      speakers: [ada]\n")})
    _, diagnostics = load(project)
    assert diagnostics == []
