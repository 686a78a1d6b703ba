"""Timed programmes: rooms, tracks, contribution times and the checks across sessions."""
from __future__ import annotations

import textwrap

import pytest

CONFERENCE = textwrap.dedent("""\
    title: Timed Test 2025
    dates: {start: 2025-03-04, end: 2025-03-05}
    rooms:
      - {id: a, name: Room A, capacity: 120}
      - {id: b, name: Room B}
    tracks:
      - {id: ml, name: Machine learning, colour: "#2b6cb0"}
    """)
PEOPLE = "- {id: ada, name: Ada Lovelace}\n- {id: alan, name: Alan Turing}\n"


@pytest.fixture
def check(make_project, load):
    def run(programme: str):
        project = make_project(raw={"content/conference.yaml": CONFERENCE, "content/people.yaml": PEOPLE,
                                    "content/programme.yaml": textwrap.dedent(programme)})
        return load(project)
    return run


def test_rooms_tracks_and_contribution_times_load(check):
    conference, diagnostics = check("""\
        - session: Morning
          day: 2025-03-04
          start: "09:00"
          end: "10:00"
          room: [a, b]
          track: ml
          contributions:
            - {id: t1, title: One, speakers: [ada], start: "09:00", duration: 20, track: ml}
        """)
    assert diagnostics == []
    session = conference.sessions[0]
    assert [r.name for r in session.rooms] == ["Room A", "Room B"]
    assert conference.rooms[0].capacity == 120
    assert session.track.name == "Machine learning" and session.track.colour == "#2b6cb0"
    contribution = session.contributions[0]
    assert (contribution.start.isoformat(), contribution.duration, contribution.end.isoformat()) == \
        ("09:00:00", 20, "09:20:00")


def test_two_sessions_in_one_room_at_once_is_an_error(check):
    _, diagnostics = check("""\
        - {session: First, id: first, day: 2025-03-04, start: "09:00", end: "10:00", room: a}
        - {session: Second, id: second, day: 2025-03-04, start: "09:30", end: "10:30", room: [b, a]}
        - {session: Elsewhere, id: elsewhere, day: 2025-03-05, start: "09:30", end: "10:30", room: a}
        """)
    assert diagnostics == [
        "content/programme.yaml:2: error: session 'second' (09:30–10:30) overlaps session 'first' "
        "(09:00–10:00) in room 'Room A' on 2025-03-04\n  hint: move one of them to another room or time"]


def test_a_speaker_in_two_places_at_once_is_a_warning(check):
    _, diagnostics = check("""\
        - session: A
          id: sa
          day: 2025-03-04
          start: "09:00"
          end: "10:00"
          room: a
          contributions:
            - {id: x, title: X, speakers: [ada], start: "09:00", duration: 30}
        - session: B
          id: sb
          day: 2025-03-04
          start: "09:00"
          end: "10:00"
          room: b
          contributions:
            - {id: y, title: Y, speakers: [ada], start: "09:15", duration: 30}
            - {id: z, title: Z, speakers: [alan], start: "09:45", duration: 15}
        """)
    assert diagnostics == ["content/programme.yaml:16: warning: contribution 'y': ada also speaks in 'x' at the "
                           "same time (2025-03-04, 09:15–09:45)"]


def test_a_contribution_outside_its_session_is_an_error(check):
    _, diagnostics = check("""\
        - session: A
          id: sa
          day: 2025-03-04
          start: "09:00"
          end: "10:00"
          contributions:
            - {id: late, title: Late, speakers: [ada], start: "09:45", duration: 30}
        """)
    assert diagnostics == ["content/programme.yaml:7: error: contribution 'late': 09:45–10:15 is outside its "
                           "session 'sa' (09:00–10:00)\n  hint: check start and duration"]


def test_unknown_room_and_track_get_hints(check):
    _, diagnostics = check("""\
        - {session: A, id: sa, day: 2025-03-04, start: "09:00", end: "10:00", room: c, track: mll}
        """)
    assert diagnostics == [
        "content/programme.yaml:1: error: session 'sa': unknown room 'c'\n  hint: define it in rooms in conference.yaml",
        "content/programme.yaml:1: error: session 'sa': unknown track 'mll'\n  hint: did you mean 'ml'?"]


def test_end_before_start_and_a_missing_end_are_errors(check):
    _, diagnostics = check("""\
        - {session: A, id: sa, day: 2025-03-04, start: "10:00", end: "09:00"}
        - {session: B, id: sb, day: 2025-03-04, start: "10:00"}
        """)
    assert diagnostics == [
        "content/programme.yaml:1: error: session 'sa': 'end' 09:00 is before start 10:00\n"
        "  hint: an end before the start is read as the next morning only up to 06:00 (`day_ends:` in "
        "conference.yaml); otherwise fix the end",
        "content/programme.yaml:2: error: session 'sb': 'end' is missing\n"
        "  hint: a session with a start time needs an end time too"]


def test_a_day_outside_the_conference_is_an_error(check):
    _, diagnostics = check("""\
        - {session: A, id: sa, day: 2025-04-01, start: "10:00", end: "11:00"}
        """)
    assert diagnostics == ["content/programme.yaml:1: error: session 'sa': 'day' 2025-04-01 is outside the "
                           "conference dates 2025-03-04 – 2025-03-05"]


def test_untimed_programmes_need_no_times(check):
    conference, diagnostics = check("""\
        - session: Keynote
          kind: keynote
          contributions:
            - {id: k, title: K, speakers: [ada]}
        """)
    assert diagnostics == [] and not conference.sessions[0].timed


def test_a_timed_session_without_a_room_overlapping_a_rooms_session_is_a_double_booking(check):
    _, diagnostics = check("""\
        - {session: Talks, id: talks, day: 2025-03-04, start: "09:00", end: "10:00", room: b}
        - {session: Plenary, id: plenary, day: 2025-03-04, start: "09:30", end: "10:30"}
        - {session: Excursion, id: trip, day: 2025-03-04, start: "09:30", end: "10:30", location: Castle}
        - {session: Lunch, id: lunch, day: 2025-03-04, start: "10:30", end: "11:30"}
        """)
    assert diagnostics == [
        "content/programme.yaml:2: warning: session 'plenary' (09:30–10:30) overlaps session 'talks' "
        "(09:00–10:00) in room 'Room B' on 2025-03-04 (a session without a room spans all rooms)\n"
        "  hint: give the session its room, or `location:` when it is elsewhere"]
