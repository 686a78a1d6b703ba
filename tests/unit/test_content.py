"""content/ → Conference: the happy path, and every bad input with its exact message."""
from __future__ import annotations

import datetime as dt
import textwrap

import pytest

# ---------------------------------------------------------------------------
# happy path
# ---------------------------------------------------------------------------


@pytest.fixture
def tiny(tiny_project, load):
    conference, diagnostics = load(tiny_project)
    assert diagnostics == []
    return conference


def test_tiny_project_loads_without_diagnostics(tiny_project, load):
    conference, diagnostics = load(tiny_project)
    assert conference is not None
    assert diagnostics == []


def test_conference_fields_are_read(tiny):
    assert tiny.title == "Tiny Test Conference 2025"
    assert (tiny.start, tiny.end) == (dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert tiny.language == "en"
    assert tiny.organisers == ("Test Organisers",)


def test_sessions_and_contributions_keep_source_order(tiny):
    assert [s.id for s in tiny.sessions] == ["morning"]
    assert [c.id for c in tiny.contributions] == ["engines", "machines"]


def test_session_day_times_and_kind_are_typed(tiny):
    session = tiny.sessions[0]
    assert session.kind == "talks"
    assert session.day == dt.date(2025, 3, 4)
    assert (session.start, session.end) == (dt.time(9, 0), dt.time(10, 30))


def test_chairs_are_resolved_to_persons(tiny):
    assert [p.name for p in tiny.sessions[0].chairs] == ["Grace Hopper"]


def test_speakers_resolve_to_the_same_person_object_everywhere(tiny):
    engines, machines = tiny.contributions
    alan_as_coauthor = engines.coauthors[0].person
    alan_as_speaker = machines.speakers[0].person
    assert alan_as_coauthor is alan_as_speaker
    assert alan_as_speaker in tiny.people


def test_speakers_present_and_authors_are_coauthors(tiny):
    engines = tiny.contributions[0]
    assert [(a.person.id, a.presenting) for a in engines.authors] == [("ada", True), ("alan", False)]
    assert [a.person.id for a in engines.speakers] == ["ada"]
    assert [a.person.id for a in engines.coauthors] == ["alan"]


def test_registry_affiliations_are_used_by_default(tiny):
    assert tiny.contributions[1].speakers[0].affiliations == ("Bletchley Park", "NPL")


def test_person_title_is_kept_apart_from_the_name(tiny):
    ada = tiny.contributions[0].speakers[0].person
    assert (ada.name, ada.title) == ("Ada Lovelace", "Dr.")


def test_inline_abstract_is_kept_with_its_location(tiny):
    engines = tiny.contributions[0]
    assert engines.abstract == "Engines can weave algebraic patterns."
    assert engines.abstract_loc.path == "content/programme.yaml"


def test_abstract_file_is_read_relative_to_content(tiny):
    machines = tiny.contributions[1]
    assert machines.abstract == "Can machines think?\n\nWe ask."
    assert str(machines.abstract_loc) == "content/abstracts/machines.md:1"


def test_people_are_listed_in_first_appearance_order(tiny):
    # the chair comes before the speakers of the session's contributions
    assert [p.id for p in tiny.people] == ["grace", "ada", "alan"]


def test_registered_people_who_never_appear_are_not_listed(make_project, load, tiny_people):
    people = tiny_people + [{"id": "nobody", "name": "No Body"}]
    programme = [{"session": "S", "contributions": [{"title": "T", "speakers": ["ada"]}]}]
    conference, diagnostics = load(make_project(people=people, programme=programme))
    assert diagnostics == []
    assert [p.id for p in conference.people] == ["ada"]


def test_slug_is_derived_from_short(tiny):
    assert tiny.slug == "ttc-2025"


def test_slug_is_derived_from_title_without_short(make_project, load):
    conference, _ = load(make_project(conference={"title": "Tagung für Übersee 2025",
                                                  "dates": {"start": "2025-01-01"}}))
    assert conference.slug == "tagung-fur-ubersee-2025"


def test_explicit_slug_wins(make_project, load):
    conference, _ = load(make_project(conference={"title": "T", "short": "S 1", "slug": "mine",
                                                  "dates": {"start": "2025-01-01"}}))
    assert conference.slug == "mine"


def test_end_date_defaults_to_start_date(make_project, load):
    conference, diagnostics = load(make_project(conference={"title": "T", "dates": {"start": "2025-01-01"}}))
    assert diagnostics == []
    assert conference.end == conference.start == dt.date(2025, 1, 1)


def test_language_defaults_to_english(make_project, load):
    conference, _ = load(make_project(conference={"title": "T", "dates": {"start": "2025-01-01"}}))
    assert conference.language == "en"


@pytest.fixture
def one_contribution(make_project, load, tiny_people):
    """one_contribution(mapping, people=tiny people) -> (Contribution, Conference), asserting no diagnostics."""

    def read(contribution: dict, people=None):
        programme = [{"session": "S", "id": "s", "contributions": [contribution]}]
        conference, diagnostics = load(make_project(people=tiny_people if people is None else people,
                                                    programme=programme))
        assert diagnostics == []
        return conference.contributions[0], conference

    return read




def test_affiliations_override_applies_to_this_contribution_only(make_project, load, tiny_people):
    programme = [{"session": "S", "contributions": [
        {"id": "one", "title": "T", "speakers": [{"person": "alan", "affiliations": ["Cambridge"]}]},
        {"id": "two", "title": "U", "speakers": ["alan"]},
    ]}]
    conference, diagnostics = load(make_project(people=tiny_people, programme=programme))
    assert diagnostics == []
    one, two = conference.contributions
    assert one.speakers[0].affiliations == ("Cambridge",)
    assert two.speakers[0].affiliations == ("Bletchley Park", "NPL")
    assert one.speakers[0].person is two.speakers[0].person
    assert one.speakers[0].person.affiliations == ("Bletchley Park", "NPL")


def test_person_reference_without_affiliations_keeps_the_registry_ones(one_contribution):
    contribution, _ = one_contribution({"title": "T", "speakers": [{"person": "alan"}]})
    assert contribution.speakers[0].affiliations == ("Bletchley Park", "NPL")


def test_empty_affiliations_override_hides_them(one_contribution):
    contribution, _ = one_contribution({"title": "T", "speakers": [{"person": "alan", "affiliations": []}]})
    assert contribution.speakers[0].affiliations == ()


def test_inline_person_mapping_needs_no_registry_entry(one_contribution):
    contribution, conference = one_contribution(
        {"title": "T", "speakers": [{"name": "Claude Shannon", "title": "Dr.", "affiliations": ["Bell Labs"]}]},
        people=[])
    claude = contribution.speakers[0]
    assert (claude.person.id, claude.person.name, claude.person.title) == ("claude-shannon", "Claude Shannon", "Dr.")
    assert claude.affiliations == ("Bell Labs",)
    assert [p.id for p in conference.people] == ["claude-shannon"]


def test_inline_person_named_twice_is_one_person(make_project, load):
    programme = [{"session": "S", "contributions": [
        {"id": "one", "title": "T", "speakers": [{"name": "Claude Shannon"}]},
        {"id": "two", "title": "U", "authors": [{"name": "Claude Shannon"}]},
    ]}]
    conference, diagnostics = load(make_project(programme=programme))
    assert diagnostics == []
    one, two = conference.contributions
    assert one.authors[0].person is two.authors[0].person
    assert len(conference.people) == 1


def test_single_speaker_may_be_written_without_a_list(one_contribution):
    contribution, _ = one_contribution({"title": "T", "speakers": "ada"})
    assert [a.person.id for a in contribution.speakers] == ["ada"]


def test_speaker_also_listed_as_author_counts_once_as_speaker(one_contribution):
    contribution, _ = one_contribution({"title": "T", "speakers": ["ada"], "authors": ["ada"]})
    assert [(a.person.id, a.presenting) for a in contribution.authors] == [("ada", True)]


def test_contribution_without_id_is_named_after_its_session(one_contribution):
    contribution, _ = one_contribution({"title": "T"})
    assert contribution.id == "s-1"


def test_family_defaults_to_the_last_word_of_the_name(one_contribution):
    contribution, _ = one_contribution({"title": "T", "speakers": ["ada"]})
    assert contribution.speakers[0].person.family == "Lovelace"


def test_family_of_several_words_and_given_name(one_contribution):
    people = [{"id": "gc", "name": "Gabriel Crespo López-Urrutia", "family": "Crespo López-Urrutia"}]
    contribution, _ = one_contribution({"title": "T", "speakers": ["gc"]}, people=people)
    person = contribution.speakers[0].person
    assert (person.family, person.given) == ("Crespo López-Urrutia", "Gabriel")
    assert person.index_name == "Crespo López-Urrutia, Gabriel"


def test_people_files_may_be_split(make_project, load):
    project = make_project(
        programme=[{"session": "S", "contributions": [{"title": "T", "speakers": ["ada", "bob"]}]}],
        raw={"content/people.yaml": "- id: ada\n  name: Ada Lovelace\n",
             "content/people-extra.yaml": "- id: bob\n  name: Bob Kahn\n"})
    conference, diagnostics = load(project)
    assert diagnostics == []
    assert [p.id for p in conference.people] == ["ada", "bob"]


# ---------------------------------------------------------------------------
# bad input: exact messages with file and line
# ---------------------------------------------------------------------------


@pytest.fixture
def check_programme(make_project, load, tiny_people):
    """check_programme(yaml_text) -> [str(diagnostic)] for content/programme.yaml = yaml_text."""

    def check(text: str) -> list[str]:
        project = make_project(people=tiny_people,
                               raw={"content/programme.yaml": textwrap.dedent(text)})
        _, diagnostics = load(project)
        return diagnostics

    return check


def test_unknown_contribution_field_is_reported_at_its_line_with_a_hint(check_programme):
    diagnostics = check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
              speeker: [ada]
        """)
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("content/programme.yaml:5: error: contribution ")
    assert diagnostics[0].endswith(": unknown field 'speeker'\n  hint: did you mean 'speakers'?")


def test_unknown_contribution_field_names_the_contribution_by_its_id(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
              speeker: [ada]
        """) == ["content/programme.yaml:5: error: contribution 'x': unknown field 'speeker'\n"
                 "  hint: did you mean 'speakers'?"]


def test_unknown_session_field_is_reported_with_a_hint(check_programme):
    diagnostics = check_programme("""\
        - session: Talks
          id: t
          romm: main
        """)
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("content/programme.yaml:3: error: session ")
    assert diagnostics[0].endswith(": unknown field 'romm'\n  hint: did you mean 'room'?")


def test_unknown_session_field_names_the_session_by_its_id(check_programme):
    assert check_programme("""\
        - session: Talks
          id: t
          romm: main
        """) == ["content/programme.yaml:3: error: session 't': unknown field 'romm'\n"
                 "  hint: did you mean 'room'?"]


def test_unknown_person_id_gets_did_you_mean(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
              speakers: [adaa]
        """) == ["content/programme.yaml:5: error: contribution 'x': speakers item 1: unknown person 'adaa'\n"
                 "  hint: did you mean 'ada'?"]


def test_unknown_person_without_a_near_id_points_to_people_yaml(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
              speakers: [ada]
              authors:
                - zzzzzz
        """) == ["content/programme.yaml:7: error: contribution 'x': authors item 1: unknown person 'zzzzzz'\n"
                 "  hint: define it in people.yaml"]


def test_unknown_chair_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          chairs: [grase]
        """) == ["content/programme.yaml:2: error: session 'talks': chairs item 1: unknown person 'grase'\n"
                 "  hint: did you mean 'grace'?"]


def test_missing_title_is_reported_at_the_contribution(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              speakers: [ada]
        """) == ["content/programme.yaml:3: error: contribution 'x': 'title' is missing\n"
                 "  hint: add a line like `title: On the shape of things`"]


def test_missing_title_drops_the_contribution(make_project, load):
    project = make_project(programme=[{"session": "S", "contributions": [{"id": "x"}, {"id": "y", "title": "T"}]}])
    conference, _ = load(project)
    assert [c.id for c in conference.contributions] == ["y"]


def test_impossible_date_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          day: 2025-02-30
        """) == ["content/programme.yaml:2: error: session 'talks': 'day' must be a date written YYYY-MM-DD, "
                 "got '2025-02-30'"]


def test_date_in_another_notation_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          day: 23.09.2021
        """) == ["content/programme.yaml:2: error: session 'talks': 'day' must be a date written YYYY-MM-DD, "
                 "got '23.09.2021'"]


def test_time_with_a_letter_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          start: 9h30
        """) == ["content/programme.yaml:2: error: session 'talks': 'start' must be a time written HH:MM "
                 "(24-hour), got '9h30'\n  hint: e.g. \"09:30\""]


def test_time_written_with_a_dot_is_an_error_on_its_line(check_programme):
    diagnostics = check_programme("""\
        - session: Talks
          end: 9.30
        """)
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("content/programme.yaml:2: error: session 'talks': 'end' must be a time "
                                     "written HH:MM (24-hour), got ")


def test_time_written_with_a_dot_is_quoted_as_written(check_programme):
    assert check_programme("""\
        - session: Talks
          end: 9.30
        """) == ["content/programme.yaml:2: error: session 'talks': 'end' must be a time written HH:MM "
                 "(24-hour), got '9.30'\n  hint: e.g. \"09:30\""]


def test_hour_out_of_range_is_reported(check_programme):
    diagnostics = check_programme("""\
        - session: Talks
          start: 25:00
        """)
    assert diagnostics == ["content/programme.yaml:2: error: session 'talks': 'start' must be a time written "
                           "HH:MM (24-hour), got '25:00'\n  hint: e.g. \"09:30\""]


def test_end_before_start_is_reported_at_end(check_programme):
    assert check_programme("""\
        - session: Talks
          day: 2025-03-04
          start: 10:00
          end: 09:30
        """) == ["content/programme.yaml:4: error: session 'talks': 'end' 09:30 is before start 10:00\n"
                 "  hint: an end before the start is read as the next morning only up to 06:00 (`day_ends:` in "
                 "conference.yaml); otherwise fix the end"]


def test_end_equal_to_start_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          day: 2025-03-04
          start: 10:00
          end: 10:00
        """) == ["content/programme.yaml:4: error: session 'talks': 'end' 10:00 is not after start 10:00"]


def test_unknown_session_kind_gets_a_hint(check_programme):
    assert check_programme("""\
        - session: Talks
          kind: talk
        """) == ["content/programme.yaml:2: error: session 'talks': 'kind' must be one of keynote, plenary, "
                 "talks, posters, workshop, panel, break, meal, social; got 'talk'\n"
                 "  hint: did you mean 'talks'?"]


def test_unknown_room_gets_a_hint(make_project, load):
    conference = {"title": "T", "dates": {"start": "2025-01-01"}, "rooms": [{"id": "main", "name": "Main hall"}]}
    project = make_project(conference=conference, raw={"content/programme.yaml": "- session: Talks\n  room: mian\n"})
    [message] = load(project)[1]
    assert message.startswith("content/programme.yaml:2: error: session 'talks': ")
    assert message.endswith("unknown room 'mian'\n  hint: did you mean 'main'?")


def test_duplicate_contribution_id_names_both_places(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
            - id: x
              title: U
        """) == ["content/programme.yaml:5: error: contribution id 'x' is already used by a contribution at "
                 "content/programme.yaml:3\n  hint: ids must be unique across sessions and contributions"]


def test_duplicate_session_id_names_both_places(check_programme):
    assert check_programme("""\
        - session: Morning
          id: s
        - session: Evening
          id: s
        """) == ["content/programme.yaml:3: error: session id 's' is already used by a session at "
                 "content/programme.yaml:1\n  hint: ids must be unique across sessions and contributions"]


def test_two_sessions_with_the_same_title_and_no_id_both_load(check_programme):
    assert check_programme("""\
        - session: Coffee break
          kind: break
        - session: Coffee break
          kind: break
        """) == []


def test_invalid_contribution_id_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x y
              title: T
        """) == ["content/programme.yaml:3: error: contribution 'x y': 'id' must be letters, digits, "
                 "'-', '_' or '.', got 'x y'"]


def test_missing_abstract_file_is_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
              abstract_file: abstracts/nope.md
        """) == ["content/programme.yaml:5: error: contribution 'x': 'abstract_file' cannot read "
                 "'abstracts/nope.md': no such file\n"
                 "  hint: paths are relative to the content folder, e.g. abstracts/x.md"]


def test_abstract_file_that_is_not_utf8_is_reported(make_project, load):
    project = make_project(raw={"content/programme.yaml": "- session: Talks\n  contributions:\n"
                                                          "    - id: x\n      title: T\n"
                                                          "      abstract_file: abstracts/x.md\n"})
    (project / "content" / "abstracts").mkdir()
    (project / "content" / "abstracts" / "x.md").write_bytes(b"J\xf6rg")
    assert load(project)[1] == ["content/programme.yaml:5: error: contribution 'x': 'abstract_file' cannot read "
                                "'abstracts/x.md': not UTF-8 text\n"
                                "  hint: paths are relative to the content folder, e.g. abstracts/x.md"]


def test_abstract_and_abstract_file_together_are_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: T
              abstract: Inline text.
              abstract_file: abstracts/x.md
        """) == ["content/programme.yaml:6: error: contribution 'x': 'abstract_file' is given together "
                 "with 'abstract'\n  hint: keep one of the two"]


def test_non_list_programme_file_is_reported(check_programme):
    assert check_programme("""\
        session: Talks
        kind: talks
        """) == ["content/programme.yaml:1: error: expected a list of sessions, got a mapping\n"
                 "  hint: start each entry with '- '"]


def test_session_that_is_not_a_mapping_is_reported(check_programme):
    assert check_programme("""\
        - Talks
        """) == ["content/programme.yaml:1: error: session 1: expected a mapping, got 'Talks'"]


def test_contributions_as_a_mapping_are_reported(check_programme):
    assert check_programme("""\
        - session: Talks
          contributions:
            id: x
            title: T
        """) == ["content/programme.yaml:3: error: session 'talks': 'contributions' must be a list, "
                 "got a mapping\n  hint: start each item with '- '"]


def test_syntax_error_in_a_programme_file_is_reported(check_programme):
    diagnostics = check_programme("""\
        - session: Talks
          contributions:
            - id: x
              title: Colon: inside
        """)
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("content/programme.yaml:4: error: YAML syntax: ")


def test_all_problems_of_one_file_are_reported_in_one_run(check_programme):
    diagnostics = check_programme("""\
        - session: Talks
          kind: talk
          day: 2025-02-30
          start: 25:00
          contributions:
            - id: x
              speakers: [ada]
            - id: y
              title: U
              speakers: [bob]
        - session: Posters
          kind: posters
          contributions:
            - id: y
              title: V
        """)
    firsts = sorted(d.split("\n")[0] for d in diagnostics)
    assert firsts == sorted([
        "content/programme.yaml:2: error: session 'talks': 'kind' must be one of keynote, plenary, talks, "
        "posters, workshop, panel, break, meal, social; got 'talk'",
        "content/programme.yaml:3: error: session 'talks': 'day' must be a date written YYYY-MM-DD, "
        "got '2025-02-30'",
        "content/programme.yaml:4: error: session 'talks': 'start' must be a time written HH:MM (24-hour), "
        "got '25:00'",
        "content/programme.yaml:6: error: contribution 'x': 'title' is missing",
        "content/programme.yaml:10: error: contribution 'y': speakers item 1: unknown person 'bob'",
        "content/programme.yaml:14: error: contribution id 'y' is already used by a contribution at "
        "content/programme.yaml:8",
    ])


def test_problems_in_several_files_are_reported_together(make_project, load):
    project = make_project(raw={
        "content/people.yaml": "- id: ada\n  nmae: Ada Lovelace\n",
        "content/programme.yaml": "- session: Talks\n  kind: talk\n",
        "content/conference.yaml": "title: T\ndates: {start: 2025-01-01}\nlanguage: English\n",
    })
    files = {d.split(":")[0] for d in load(project)[1]}
    assert files == {"content/people.yaml", "content/programme.yaml", "content/conference.yaml"}


# -- people -----------------------------------------------------------------------


@pytest.fixture
def check_people(make_project, load):
    def check(text: str) -> list[str]:
        return load(make_project(raw={"content/people.yaml": textwrap.dedent(text)}))[1]

    return check


def test_duplicate_person_id_names_both_places(check_people):
    assert check_people("""\
        - id: ada
          name: Ada Lovelace
        - id: bob
          name: Bob Kahn
        - id: ada
          name: Ada Byron
        """) == ["content/people.yaml:5: error: person 'ada' is defined twice\n"
                 "  hint: the first is at content/people.yaml:1"]


def test_person_without_id_is_reported(check_people):
    assert check_people("""\
        - name: Ada Lovelace
        """) == ["content/people.yaml:1: error: person 1: 'id' is missing\n"
                 "  hint: add a line like `id: ada-lovelace`"]


def test_person_without_name_is_reported(check_people):
    assert check_people("""\
        - id: ada
          affiliations: [X]
        """) == ["content/people.yaml:1: error: person 1: 'name' is missing\n"
                 "  hint: add a line like `name: Ada Lovelace`"]


def test_unknown_person_field_gets_a_hint(check_people):
    assert check_people("""\
        - id: ada
          name: Ada Lovelace
          affiliation: [X]
        """) == ["content/people.yaml:3: error: person 1: unknown field 'affiliation'\n"
                 "  hint: did you mean 'affiliations'?"]


def test_family_that_is_not_part_of_the_name_is_reported(check_people):
    assert check_people("""\
        - id: ada
          name: Ada Lovelace
          family: Byron
        """) == ["content/people.yaml:3: error: person 1: 'family' 'Byron' is not part of the name "
                 "'Ada Lovelace'\n  hint: family names the part of 'name' the index sorts by"]


def test_non_list_people_file_is_reported(check_people):
    assert check_people("""\
        id: ada
        name: Ada Lovelace
        """) == ["content/people.yaml:1: error: expected a list of persons, got a mapping\n"
                 "  hint: start each entry with '- '"]


# -- conference.yaml and the content folder --------------------------------------


def test_missing_conference_yaml_is_reported(make_project, load):
    project = make_project()
    (project / "content" / "conference.yaml").unlink()
    conference, diagnostics = load(project)
    assert conference is None
    assert diagnostics == ["content: error: content/conference.yaml is missing\n"
                           "  hint: it names the event: title, dates, language (see README)"]


def test_missing_content_folder_is_reported(tmp_path, load):
    conference, diagnostics = load(tmp_path)
    assert conference is None
    assert diagnostics == ["content: error: no content folder here\n"
                           "  hint: a booklet project is a folder with content/conference.yaml; "
                           "try `booklet build PROJECT_DIR`"]


@pytest.fixture
def check_conference(make_project, load):
    def check(text: str):
        return load(make_project(raw={"content/conference.yaml": textwrap.dedent(text)}))

    return check


def test_missing_dates_is_reported(check_conference):
    conference, diagnostics = check_conference("""\
        title: T
        """)
    assert conference is None
    assert diagnostics == ["content/conference.yaml:1: error: conference: 'dates' is missing\n"
                           "  hint: add a line like `dates: {start: 2025-05-04, end: 2025-05-06}`"]


def test_missing_dates_hint_shows_the_expected_form(check_conference):
    _, diagnostics = check_conference("title: T\n")
    assert "start:" in diagnostics[0].split("hint:")[1]


def test_bad_conference_date_is_reported(check_conference):
    assert check_conference("""\
        title: T
        dates:
          start: 2025/03/05
        """)[1] == ["content/conference.yaml:3: error: conference dates: 'start' must be a date written "
                    "YYYY-MM-DD, got '2025/03/05'"]


def test_conference_ending_before_it_starts_is_reported(check_conference):
    assert check_conference("""\
        title: T
        dates: {start: 2025-03-05, end: 2025-03-04}
        """)[1] == ["content/conference.yaml:2: error: conference dates: 'end' 2025-03-04 is before "
                    "start 2025-03-05"]


def test_unknown_conference_field_gets_a_hint(check_conference):
    assert check_conference("""\
        title: T
        dates: {start: 2025-03-05}
        venu: Berlin
        """)[1] == ["content/conference.yaml:3: error: conference: unknown field 'venu'\n"
                    "  hint: did you mean 'venue'?"]


def test_bad_language_code_is_reported(check_conference):
    assert check_conference("""\
        title: T
        dates: {start: 2025-03-05}
        language: English
        """)[1] == ["content/conference.yaml:3: error: conference: 'language' must be a language code such "
                    "as 'en' or 'de', got 'English'"]


def test_conference_yaml_that_is_a_list_is_reported(check_conference):
    conference, diagnostics = check_conference("""\
        - title: T
        """)
    assert conference is None
    assert diagnostics == ["content/conference.yaml:1: error: expected a mapping of event fields, got a list\n"
                           "  hint: conference.yaml starts with lines like `title: ...` and `dates: {start: ...}`"]


def test_programme_is_still_checked_when_conference_lacks_dates(make_project, load):
    project = make_project(conference={"title": "T"},
                           raw={"content/programme.yaml": "- session: Talks\n  kind: talk\n"})
    files = sorted(d.split(":")[0] for d in load(project)[1])
    assert files == ["content/conference.yaml", "content/programme.yaml"]


def test_programme_is_still_checked_when_conference_yaml_is_broken(make_project, load):
    project = make_project(raw={"content/conference.yaml": "title: a: b\n",
                                "content/programme.yaml": "- session: Talks\n  kind: talk\n"})
    files = sorted(d.split(":")[0] for d in load(project)[1])
    assert files == ["content/conference.yaml", "content/programme.yaml"]


def test_empty_conference_yaml_is_reported(make_project, load):
    project = make_project(raw={"content/conference.yaml": "# to be written\n"})
    conference, diagnostics = load(project)
    assert conference is None
    assert any(d.startswith("content/conference.yaml") and ": error: " in d for d in diagnostics)


def test_slug_with_a_path_separator_is_reported(check_conference):
    conference, diagnostics = check_conference("""\
        title: T
        dates: {start: 2025-03-05}
        slug: ../escaped
        """)
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("content/conference.yaml:3: error: conference: 'slug' ")


def test_inline_people_are_one_person_by_name_and_affiliation(make_project, load):
    ada = {"name": "Ada Lovelace", "affiliations": ["Analytical Society"]}
    other_ada = {"name": "Ada Lovelace", "affiliations": ["Elsewhere"]}
    conference, diagnostics = load(make_project(programme=[{"session": "S", "contributions": [
        {"id": "a", "title": "A", "speakers": [ada]},
        {"id": "b", "title": "B", "speakers": [dict(ada)]},
        {"id": "c", "title": "C", "speakers": [other_ada]}]}]))
    assert diagnostics == []
    a, b, c = (x.speakers[0].person for x in conference.contributions)
    assert a is b and a is not c
    assert (a.id, c.id) == ("ada-lovelace", "ada-lovelace-2")


def test_a_session_has_a_location_or_a_room_and_a_markdown_description(make_project, load):
    programme = [{"session": "Dinner", "id": "dinner", "kind": "social", "day": "2025-03-04", "start": "19:00",
                  "end": "22:00", "location": "Uppsala Castle", "description": "Buses at *18:30*."},
                 {"session": "Boat", "id": "boat", "kind": "social", "room": "main", "location": "The river"}]
    conference = {"title": "T", "dates": {"start": "2025-03-04"}, "rooms": [{"id": "main", "name": "Main"}]}
    found, messages = load(make_project(conference=conference, programme=programme))
    assert any("session 'boat': 'location' is given together with 'room'" in m for m in messages)
    dinner = found.sessions[0]
    assert (dinner.location, dinner.rooms, dinner.description) == ("Uppsala Castle", (), "Buses at *18:30*.")
    assert dinner.description_loc.line == 8


# -- lang: the language of a session or contribution other than the conference's ------------------

def test_lang_of_a_contribution_and_its_session_is_read_and_inherited(make_project, load, tiny_people):
    programme = [{"session": "Sesión en español", "id": "es", "lang": "es", "contributions": [
        {"id": "inherits", "title": "Hola", "speakers": ["ada"]},
        {"id": "own", "title": "Olá", "speakers": ["ada"], "lang": "pt-BR"}]},
        {"session": "Plain", "id": "plain", "contributions": [{"id": "none", "title": "Hello", "speakers": ["ada"]}]}]
    conference, diagnostics = load(make_project(people=tiny_people, programme=programme))
    assert diagnostics == []
    sessions = {s.id: s for s in conference.sessions}
    talks = {c.id: c for c in conference.contributions}
    assert (sessions["es"].lang, sessions["plain"].lang) == ("es", None)
    assert (talks["inherits"].lang, talks["own"].lang, talks["none"].lang) == ("es", "pt-BR", None)


@pytest.mark.parametrize("tag", ["de", "pt-BR", "zh-Hant-TW", "sr-Latn", "de-CH-1996", "es-419", "x-klingon"])
def test_well_formed_language_tags_are_accepted(one_contribution, tag):
    contribution, _ = one_contribution({"id": "x", "title": "T", "speakers": ["ada"], "lang": tag})
    assert contribution.lang == tag


def test_a_lang_that_is_not_a_language_tag_is_an_error_at_its_line(check_programme):
    assert check_programme("""\
        - session: Talks
          lang: Deutsch
          contributions:
            - id: x
              title: T
              lang: pt_BR
        """) == ["content/programme.yaml:2: error: session 'talks': 'lang' must be a language tag such as 'de' or "
                 "'pt-BR', got 'Deutsch'\n"
                 "  hint: a BCP 47 language tag, e.g. `lang: de`, `lang: pt-BR` or `lang: zh-Hant`",
                 "content/programme.yaml:6: error: contribution 'x': 'lang' must be a language tag such as 'de' or "
                 "'pt-BR', got 'pt_BR'\n"
                 "  hint: write it with hyphens: `lang: pt-BR`"]


# -- online: where the editions are published -----------------------------------------------------

def conference_with(online) -> dict:
    return {"title": "Test Conference 2025", "short": "TC 2025", "dates": {"start": "2025-03-04"}, "online": online}


def test_online_as_a_folder_names_each_edition_by_the_slug(make_project, load):
    conference, diagnostics = load(make_project(conference=conference_with("https://example.org/tc")))
    assert diagnostics == []
    assert conference.online.items() == [("pdf", "https://example.org/tc/tc-2025.pdf"),
                                         ("html", "https://example.org/tc/tc-2025.html"),
                                         ("ics", "https://example.org/tc/tc-2025.ics")]


def test_online_by_edition_keeps_each_address_as_written(make_project, load):
    online = {"ics": "https://cal.example.org/tc.ics", "pdf": "https://example.org/programme.pdf"}
    conference, diagnostics = load(make_project(conference=conference_with(online)))
    assert diagnostics == []
    assert conference.online.items() == [("pdf", "https://example.org/programme.pdf"),
                                         ("ics", "https://cal.example.org/tc.ics")]


def test_no_online_is_no_edition_online(tiny):
    assert tiny.online.items() == []


def test_online_that_is_not_a_web_address_is_an_error_at_its_line(make_project, load):
    _, diagnostics = load(make_project(conference=conference_with("ftp://example.org/")))
    assert diagnostics == ["content/conference.yaml:5: error: conference: 'online' must be a web address starting "
                           "with https:// or http://, got 'ftp://example.org/'\n"
                           '  hint: write the whole address, e.g. `online: "https://example.org/ec-2027/"`']
