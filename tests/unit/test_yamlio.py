"""Located YAML: narrow implicit typing, duplicate keys, syntax errors, line numbers."""
from __future__ import annotations

import pytest

from booklet.content.yamlio import YList, YMap, load_yaml, parse_yaml
from booklet.errors import Diagnostics, Loc


def parse(text: str):
    """(value, [str(diagnostic)]) for YAML `text` shown as f.yaml."""
    diag = Diagnostics()
    value = parse_yaml(text, "f.yaml", diag)
    return value, [str(d) for d in diag.items]


def value_of(scalar_text: str):
    data, diagnostics = parse(f"v: {scalar_text}\n")
    assert diagnostics == []
    return data["v"]


# -- implicit typing -----------------------------------------------------------

def test_clock_time_stays_the_string_written():
    assert value_of("09:00") == "09:00"


def test_sexagesimal_looking_value_is_not_a_number():
    assert value_of("1:30") == "1:30"


def test_iso_date_stays_a_string():
    assert value_of("2021-09-23") == "2021-09-23"


@pytest.mark.parametrize("word", ["no", "on", "off", "yes", "y", "n", "No", "ON"])
def test_yaml11_boolean_words_stay_strings(word):
    assert value_of(word) == word


@pytest.mark.parametrize("text, expected", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_true_and_false_are_booleans(text, expected):
    assert value_of(text) is expected


def test_quoted_true_is_a_string():
    assert value_of('"true"') == "true"


@pytest.mark.parametrize("text, expected", [("42", 42), ("-7", -7), ("0", 0), ("+3", 3)])
def test_decimal_integers_are_ints(text, expected):
    value = value_of(text)
    assert type(value) is int and value == expected


@pytest.mark.parametrize("text, expected", [("9.5", 9.5), ("-0.25", -0.25), (".5", 0.5), ("1.0e3", 1000.0)])
def test_decimal_floats_are_floats(text, expected):
    value = value_of(text)
    assert isinstance(value, float) and not isinstance(value, bool) and value == expected


@pytest.mark.parametrize("text", ["0o17", "0x1F", "007", "1_000"])
def test_other_number_notations_stay_strings(text):
    assert value_of(text) == text


@pytest.mark.parametrize("text", ["~", "null", ""])
def test_null_forms_are_none(text):
    assert value_of(text) is None


def test_containers_are_ymap_and_ylist():
    data, _ = parse("m: {a: 1}\nl: [x, y]\n")
    assert isinstance(data, YMap) and isinstance(data["m"], YMap) and isinstance(data["l"], YList)
    assert data == {"m": {"a": 1}, "l": ["x", "y"]}


def test_empty_document_is_none_without_diagnostics():
    assert parse("# only a comment\n") == (None, [])


def test_merge_key_copies_the_anchored_mapping():
    data, diagnostics = parse("base: &b\n  x: 1\n  y: 2\nchild:\n  <<: *b\n  z: 3\n")
    assert diagnostics == []
    assert data["child"] == {"x": 1, "y": 2, "z": 3}


def test_key_beside_a_merge_key_overrides_the_merged_value():
    data, diagnostics = parse("base: &b\n  x: 1\n  y: 2\nchild:\n  <<: *b\n  y: 3\n")
    assert diagnostics == []
    assert data["child"] == {"x": 1, "y": 3}


# -- duplicate keys ------------------------------------------------------------

def test_duplicate_key_is_an_error_at_the_second_key_naming_the_first_line():
    data, diagnostics = parse("a: 1\nb: 2\na: 3\n")
    assert diagnostics == ["f.yaml:3: error: 'a' is given twice in this mapping\n"
                           "  hint: the first is on line 1; keep one"]


def test_duplicate_key_keeps_the_first_value():
    data, _ = parse("a: 1\nb: 2\na: 3\n")
    assert data == {"a": 1, "b": 2}


def test_duplicate_key_in_a_nested_mapping_has_its_own_lines():
    _, diagnostics = parse("top:\n  x: 1\n  y: 2\n  x: 3\n")
    assert diagnostics == ["f.yaml:4: error: 'x' is given twice in this mapping\n"
                           "  hint: the first is on line 2; keep one"]


def test_same_key_in_two_sibling_mappings_is_fine():
    assert parse("- a: 1\n- a: 2\n")[1] == []


# -- syntax errors -------------------------------------------------------------

HINT = "  hint: check indentation, and quote values that contain ': ' or start with [ { * & ! | > % @"


def test_syntax_error_names_file_line_and_problem(tmp_path):
    path = tmp_path / "programme.yaml"
    path.write_text("- session: Talks\n  title: a: b\n", encoding="utf-8")
    diag = Diagnostics()
    assert load_yaml(path, "content/programme.yaml", diag) is None
    (message,) = [str(d) for d in diag.items]
    # libyaml says "... in this context", PyYAML's own parser "... here"
    assert message.startswith("content/programme.yaml:2: error: YAML syntax: mapping values are not allowed ")
    assert message.endswith("\n" + HINT)


def test_bad_indentation_is_reported_on_its_line():
    value, diagnostics = parse("a:\n  - x\n y: 2\n")
    assert value is None
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith("f.yaml:3: error: YAML syntax: ")


def test_tab_indentation_is_a_syntax_error_on_its_line():
    _, diagnostics = parse("a: 1\n\tb: 2\n")
    assert len(diagnostics) == 1 and diagnostics[0].startswith("f.yaml:2: error: YAML syntax: ")


def test_a_backslash_in_double_quotes_gets_a_hint_about_quoting_maths():
    _, diagnostics = parse('title: ok\nabstract: "costs $O(n \\log n)$"\n')
    assert diagnostics == ["f.yaml:2: error: YAML syntax: found unknown escape character\n"
                           "  hint: in double quotes a backslash starts an escape: write maths and other "
                           "backslashes in single quotes ('$\\log n$') or as a block (|)"]


def test_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_bytes(b"- name: J\xf6rg\n")
    diag = Diagnostics()
    assert load_yaml(path, "content/people.yaml", diag) is None
    assert [str(d) for d in diag.items] == [
        "content/people.yaml: error: not UTF-8 text (byte 9)\n  hint: save the file as UTF-8"]


# -- locations -------------------------------------------------------------------

LOCATED = """\
title: Example
dates:
  start: 2025-01-01
rooms: [a, b]
sessions:
  - first
  -
    second: 2
"""


@pytest.fixture
def located():
    data, diagnostics = parse(LOCATED)
    assert diagnostics == []
    return data


def test_top_mapping_starts_on_line_1(located):
    assert located.loc == Loc("f.yaml", 1)


def test_key_and_inline_value_share_a_line(located):
    assert located.key_loc("title").line == 1
    assert located.loc_of("title").line == 1


def test_block_value_is_located_where_its_content_starts(located):
    assert located.key_loc("dates").line == 2
    assert located.loc_of("dates").line == 3
    assert located["dates"].loc_of("start").line == 3


def test_flow_list_items_are_on_the_list_line(located):
    assert located["rooms"].loc == Loc("f.yaml", 4)
    assert [located["rooms"].loc_of(i).line for i in range(2)] == [4, 4]


def test_block_list_items_have_their_own_lines(located):
    sessions = located["sessions"]
    assert sessions.loc_of(0).line == 6
    assert sessions[1].loc.line == 8


def test_missing_key_and_index_fall_back_to_the_container(located):
    assert located.loc_of("nope") == located.loc
    assert located.key_loc("nope") == located.loc
    assert located["sessions"].loc_of(5) == located["sessions"].loc
