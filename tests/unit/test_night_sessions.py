"""Sessions that run past midnight (issue 19, item 3): an end earlier than the start is the
next morning, up to the conference's `day_ends` (06:00 unless set)."""
from __future__ import annotations

import textwrap

import pytest

CONFERENCE = textwrap.dedent("""\
    title: Night Test 2025
    dates: {start: 2025-03-04, end: 2025-03-05}
    rooms:
      - {id: a, name: Room A}
      - {id: b, name: Room B}
    """)
PEOPLE = "- {id: ada, name: Ada Lovelace}\n- {id: alan, name: Alan Turing}\n"


@pytest.fixture
def check(make_project, load):
    def run(programme: str, conference: str = CONFERENCE):
        project = make_project(raw={"content/conference.yaml": conference, "content/people.yaml": PEOPLE,
                                    "content/programme.yaml": textwrap.dedent(programme)})
        return load(project)
    return run


NIGHT = """\
    - session: Night talks
      id: night
      day: 2025-03-04
      start: "23:30"
      end: "01:30"
      room: a
      contributions:
        - {id: late, title: After midnight, speakers: [ada], start: "00:30", duration: 45}
        - {id: early, title: Before midnight, speakers: [alan], start: "23:30", duration: 45}
    """


def test_an_end_before_the_start_is_the_next_morning(check):
    conference, diagnostics = check(NIGHT)
    assert diagnostics == []
    night = conference.sessions[0]
    assert night.overnight and night.span == (23 * 60 + 30, 25 * 60 + 30)
    # the 00:30 talk is inside its session, and comes after the one at 23:30
    assert [c.id for c in night.contributions] == ["early", "late"]
    assert night.minute_of(night.contributions[1].start) == 24 * 60 + 30


def test_a_talk_past_the_night_sessions_end_is_outside_it(check):
    _, diagnostics = check(NIGHT.replace('start: "00:30", duration: 45', 'start: "01:15", duration: 30'))
    assert diagnostics == ["content/programme.yaml:8: error: contribution 'late': 01:15–01:45 is outside its "
                           "session 'night' (23:30–01:30)\n  hint: check start and duration"]


def test_a_night_session_clashes_with_the_next_days_first_session_in_its_room(check):
    _, diagnostics = check(NIGHT.rstrip(" ") + """\
    - {session: Early birds, id: birds, day: 2025-03-05, start: "01:00", end: "02:00", room: a}
    - {session: Elsewhere, id: other, day: 2025-03-05, start: "01:00", end: "02:00", room: b}
    """)
    assert diagnostics == [
        "content/programme.yaml:10: error: session 'birds' (01:00–02:00) overlaps session 'night' "
        "(23:30–01:30) in room 'Room A' on 2025-03-05\n  hint: move one of them to another room or time"]


def test_an_end_later_than_day_ends_is_an_error_with_a_way_out(check):
    programme = '- {session: Long, id: long, day: 2025-03-04, start: "22:00", end: "07:00", room: a}\n'
    _, diagnostics = check(programme)
    assert diagnostics == [
        "content/programme.yaml:1: error: session 'long': 'end' 07:00 is before start 22:00\n"
        "  hint: an end before the start is read as the next morning only up to 06:00 (`day_ends:` in "
        "conference.yaml); otherwise fix the end"]
    conference, diagnostics = check(programme, CONFERENCE + 'day_ends: "08:00"\n')
    assert diagnostics == [] and conference.sessions[0].span == (22 * 60, 31 * 60)


def test_day_ends_must_be_a_morning_time(check):
    _, diagnostics = check(NIGHT, CONFERENCE + 'day_ends: "18:00"\n')
    assert diagnostics == ["content/conference.yaml:6: error: conference: 'day_ends' must be a time of the next "
                           "morning, up to 12:00, got 18:00\n  hint: e.g. day_ends: \"04:00\" for a programme "
                           "that runs until 4 a.m."]


AFTERNOON = """\
    - session: Afternoon
      id: pm
      day: 2025-03-04
      start: "13:30"
      end: "15:00"
      room: a
      contributions:
"""   # a session in room a from 13:30 to 15:00; its contributions follow


def test_talks_are_kept_in_time_order_and_untimed_ones_stay_after_the_one_they_follow(check):
    conference, diagnostics = check(AFTERNOON + """\
        - {id: one, title: One, speakers: [ada], start: "13:30", duration: 30}
        - {id: three, title: Three, speakers: [ada], start: "14:30", duration: 30}
        - {id: discussion, title: Discussion of three, speakers: [alan]}
        - {id: two, title: Two, speakers: [alan], start: "14:00", duration: 30}
    """)
    assert diagnostics == []
    assert [c.id for c in conference.sessions[0].contributions] == ["one", "two", "three", "discussion"]


def test_two_talks_at_once_in_one_session_are_a_warning(check):
    _, diagnostics = check(AFTERNOON + """\
        - {id: one, title: One, speakers: [ada], start: "14:00", duration: 30}
        - {id: two, title: Two, speakers: [alan], start: "14:00", duration: 20}
    """)
    assert diagnostics == [
        "content/programme.yaml:9: warning: contribution 'two' (14:00–14:20) overlaps 'one' (14:00–14:30) in "
        "session 'pm'\n  hint: check its start and duration; the programme shows them in time order"]
