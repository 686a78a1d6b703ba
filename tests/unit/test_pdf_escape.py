"""The canvas escapes PDF string bytes exactly as ReportLab does, only faster."""
from reportlab.lib.rl_accel import escapePDF

from booklet.render import Canvas

_escape = Canvas.__new__(Canvas)._escape    # no document needed to escape


def test_every_byte_is_escaped_as_reportlab_escapes_it():
    every = bytes(range(256))
    assert _escape(every) == escapePDF(every)
    assert _escape(b"f(x) = \\alpha") == "f\\(x\\) = \\\\alpha"


def test_text_is_escaped_too():
    assert _escape("(é)") == escapePDF("(é)")
