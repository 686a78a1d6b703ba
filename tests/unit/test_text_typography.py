"""Typography of the text stage (issue 15): dollar signs that are money, maths operator names,
date ranges, and names whose family name comes first."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from booklet.content.model import Person
from booklet.errors import Loc
from booklet.sections.index import entry_name, sort_key
from booklet.text import dates, maths
from booklet.text.collation import Collation
from booklet.text.markdown import Fallbacks, RichText
from booklet.text.people import family_first


@pytest.fixture(scope="module")
def rich():
    covered = set(range(32, 0x250)) | set(range(0x370, 0x400)) | set(range(0x2000, 0x2300))
    return RichText(Fallbacks(covered, []), code_font="Courier", link_colour="#0a5a7c")


def both_paths(rich: RichText, text: str) -> str:
    """The markup of `text` as a title and as an abstract (and an abstract with figures): all alike."""
    title = rich.inline(text)
    assert rich.blocks(text)[0].markup == title
    assert rich.page_blocks(text)[0].markup == title
    return title


# -- 1. dollar amounts are not maths (Pandoc's tex_math_dollars rule) ---------------------------
@pytest.mark.parametrize("text", [
    "US$1,200 vs. US$1,850",
    "Costs of $1,200 vs. $1,850 per seat",
    "from $5 to $10",
    "between $x $ and $ y$ there is none",     # space inside a delimiter: dollar signs
    "a price of $ 5$",
])
def test_dollar_signs_that_pandoc_reads_as_money_print_as_written(rich, text):
    assert both_paths(rich, text) == text


def test_an_amount_followed_by_maths_stays_money_and_the_maths_stays_maths(rich):
    # The second $ used to open maths that the space before "$O" closed: "US<i>1,850lastyear,and</i>O(N…)$".
    markup = both_paths(rich, r"It cost US$1,200 vs. US$1,850 last year, and $O(N \log N)$ time.")
    assert markup.startswith("It cost US$1,200 vs. US$1,850 last year, and <i>O</i>(<i>N</i>")
    assert markup.endswith(") time.") and markup.count("$") == 2


@pytest.mark.parametrize("text, markup", [
    ("$x$", "<i>x</i>"),
    ("$x$ is 2", "<i>x</i> is 2"),              # the plugin looked at the text's last character here
    ("a $x$, then $y$.", "a <i>x</i>, then <i>y</i>."),
    (r"cost \$5 and $x$", "cost $5 and <i>x</i>"),
    (r"$a\$b$", "<i>a</i>$<i>b</i>"),            # an escaped $ inside maths does not close it
    ("$$a+b$$ and $$5", "<i>a</i>\u2005+\u2005<i>b</i> and $$5"),
    ("[see $x$](https://example.org)", '<a href="https://example.org" color="#0a5a7c">see <i>x</i></a>'),
])
def test_maths_between_dollars_is_still_maths(rich, text, markup):
    assert both_paths(rich, text) == markup


# -- 2. function names: upright, a thin space from their operands, none before a bracket ---------
@pytest.mark.parametrize("source, markup", [
    (r"O(N \log N)", "<i>O</i>(<i>N</i>\u2009log\u2009<i>N</i>)"),
    (r"\sin(x)", "sin(<i>x</i>)"),
    (r"\exp\left(x\right)", "exp(<i>x</i>)"),
    (r"\max_i x_i", "max<sub><i>i</i></sub>\u2009<i>x</i><sub><i>i</i></sub>"),
    (r"\log_2 n", "log<sub>2</sub>\u2009<i>n</i>"),
    (r"\sin^2 x + \cos^2 x = 1",
     "sin<super>2</super>\u2009<i>x</i>\u2005+\u2005cos<super>2</super>\u2009<i>x</i>\u2005=\u20051"),
    (r"x \sin y", "<i>x</i>\u2009sin\u2009<i>y</i>"),
    (r"2\pi \sin \theta", "2π\u2009sin\u2009θ"),
    (r"\log\log n", "log\u2009log\u2009<i>n</i>"),
    (r"N\,\log N", "<i>N</i>\u2009log\u2009<i>N</i>"),   # a written \, is the space, not one more
    (r"\lim_{n \to \infty} a_n", "lim<sub><i>n</i>→∞</sub>\u2009<i>a</i><sub><i>n</i></sub>"),
    (r"\max = 3", "max\u2005=\u20053"),
    (r"\log -x", "log\u2009−<i>x</i>"),                 # a sign after an operator name is a sign
])
def test_function_names_are_upright_with_a_thin_space_from_their_operands(source, markup):
    assert maths.to_markup(source) == (markup, [])


@pytest.mark.parametrize("source, markup", [
    ("(-x)", "(−<i>x</i>)"),
    ("a = -b", "<i>a</i>\u2005=\u2005−<i>b</i>"),
    ("f(x, -y)", "<i>f</i>(<i>x</i>,\u2009−<i>y</i>)"),
    ("a - b", "<i>a</i>\u2005−\u2005<i>b</i>"),
    ("-x", "−<i>x</i>"),
    ("e^{-x}", "<i>e</i><super>−<i>x</i></super>"),
])
def test_a_sign_after_a_bracket_relation_or_comma_is_not_set_as_a_binary_operator(source, markup):
    assert maths.to_markup(source) == (markup, [])


# -- a small booklet, built once, read back as a reader sees it ----------------------------------
PEOPLE = [
    {"id": "ada", "name": "Ada Lovelace", "affiliations": ["Analytical Society"]},
    {"id": "zhang", "name": "张伟", "family": "张", "affiliations": ["清华大学"]},
    {"id": "yamada", "name": "山田太郎", "family": "山田"},
    {"id": "li", "name": "李 小龙", "family": "李"},
    {"id": "bo", "name": "Bo Zeta"},
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import pypdfium2 as pdfium

    from booklet import build

    project = tmp_path_factory.mktemp("typography")
    (project / "content").mkdir()
    conference = {"title": "Typography Meeting 2026", "short": "TM 2026", "language": "en",
                  "dates": {"start": "2026-09-10", "end": "2026-09-11"}, "venue": "Online"}
    programme = [{"session": "Talks", "id": "talks", "kind": "talks", "day": "2026-09-10", "start": "09:00",
                  "end": "10:00", "contributions": [
                      {"id": "sorting", "title": r"Sorting in $O(N \log N)$ for US$1,200", "speakers": ["ada"],
                       "authors": ["zhang", "yamada", "li", "bo"],
                       "abstract": r"It cost US$1,200 vs. US$1,850 last year, and $O(N \log N)$ time."}]}]
    for name, data in (("conference", conference), ("people", PEOPLE), ("programme", programme)):
        (project / "content" / f"{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project, out_dir=project / "out", edition="email", jobs=1)
    doc = pdfium.PdfDocument(str(result.pdf))
    pages = [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    doc.close()
    return pages


def test_a_built_booklet_prints_the_spaces_of_n_log_n_and_the_dollars(built):
    text = " ".join(built)
    assert "O(N log N)" in text and "NlogN" not in text
    assert "It cost US$1,200 vs. US$1,850 last year, and O(N log N) time." in text


# -- 3. date ranges as the language writes them (CLDR interval formats) --------------------------
@pytest.mark.parametrize("language, start, end, shown", [
    ("en", "2026-09-10", "2026-09-11", "10–11 September 2026"),
    ("de", "2026-09-10", "2026-09-11", "10.–11. September 2026"),
    ("en", "2026-09-30", "2026-10-02", "30 September – 2 October 2026"),
    ("de", "2026-09-30", "2026-10-02", "30. September – 2. Oktober 2026"),
    ("en", "2026-12-30", "2027-01-02", "30 December 2026 – 2 January 2027"),
    ("de", "2026-12-30", "2027-01-02", "30. Dezember 2026 – 2. Januar 2027"),
    ("en-US", "2026-09-10", "2026-09-11", "September 10–11, 2026"),
    ("fr", "2026-09-30", "2026-10-02", "30 septembre – 2 octobre 2026"),
    ("zh", "2026-09-30", "2026-10-02", "2026年9月30日 – 10月2日"),     # no month name to write in full
    ("en", "2026-09-10", "2026-09-10", "Thursday, 10 September 2026"),   # one day: in full, as before
    ("de", "2026-09-10", "2026-09-10", "Donnerstag, 10. September 2026"),
])
def test_a_date_range_is_written_as_the_language_writes_a_range(language, start, end, shown):
    assert dates.date_range(dt.date.fromisoformat(start), dt.date.fromisoformat(end), language) == shown


def test_a_built_booklet_prints_the_conference_dates_as_a_range(built):
    cover, title = built[0], built[2]
    assert "10–11 September 2026" in cover and "10–11 September 2026" in title
    assert not any("10 September – 11 September" in page for page in built)


# -- 4. names written family name first are printed as written ----------------------------------
def person(name: str, family: str | None = None) -> Person:
    return Person(id=name, name=name, family=family or name.split()[-1], title=None, affiliations=(),
                  loc=Loc("content/people.yaml", 1))


@pytest.mark.parametrize("name, family", [
    ("张伟", "张"), ("山田太郎", "山田"), ("김민준", "김"), ("李 小龙", "李"), ("佐々木 希", "佐々木"),
    ("タナカ・ハナコ", "タナカ"), ("王芳", None),
])
def test_a_name_written_family_name_first_is_indexed_as_written(name, family):
    p = person(name, family)
    assert family_first(name)
    assert entry_name(p, "keep") == (name, name) == entry_name(p, "ignore")


@pytest.mark.parametrize("name, family, shown", [
    ("Ada Lovelace", None, "Lovelace, Ada"),
    ("Zhang Wei", "Zhang", "Zhang, Wei"),            # a Chinese name in Latin letters: as before
    ("Ōno Yōko", "Ōno", "Ōno, Yōko"),
    ("Jan van der Berg", "van der Berg", "van der Berg, Jan"),
])
def test_a_name_in_latin_letters_is_indexed_family_name_first_with_a_comma_as_before(name, family, shown):
    assert not family_first(name)
    assert entry_name(person(name, family), "keep")[1] == shown


def test_names_written_family_name_first_sort_by_their_written_form():
    people = [person("张伟", "张"), person("Bo Zeta"), person("张三", "张"), person("山田太郎", "山田"),
              person("Ada Lovelace"), person("张 伟", "张")]
    collation = Collation("en", texts=(p.name for p in people))
    ordered = [entry_name(p, "keep")[1] for p in sorted(people, key=lambda p: sort_key(p, collation))]
    assert ordered[:2] == ["Lovelace, Ada", "Zeta, Bo"]
    assert ordered[2:] == sorted(ordered[2:], key=collation.key)
    assert set(ordered[2:]) == {"张伟", "张三", "山田太郎", "张 伟"}


def test_a_built_index_of_persons_prints_chinese_and_japanese_names_as_written(built):
    index = next(page for page in built if page.startswith("Index of persons"))
    assert "Lovelace, Ada 7" in index and "Zeta, Bo 7" in index
    assert "张伟 7" in index and "山田太郎 7" in index and "李 小龙 7" in index
    assert "张, 伟" not in index and "山田, 太郎" not in index and "," not in index.split("Zeta, Bo")[1]
