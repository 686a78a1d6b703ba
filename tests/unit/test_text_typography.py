"""Typography of the text stage (issue 15): dollar signs that are money, maths operator names,
date ranges, and names whose family name comes first."""
from __future__ import annotations

import pytest

from booklet.text.markdown import Fallbacks, RichText


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
