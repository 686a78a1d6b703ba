"""parts.run_forked: work done in a forked process comes back as its result or its failure."""
import os

import pytest

from booklet import parts
from booklet.errors import Diagnostic, LayoutError, Loc

pytestmark = pytest.mark.skipif(not parts.can_fork(), reason="needs fork")


def test_the_result_comes_back_from_another_process():
    result = parts.run_forked(lambda: (os.getpid(), {"titles": ["x" * 10_000] * 50}))
    pid, value = result()
    assert pid != os.getpid() and value == {"titles": ["x" * 10_000] * 50}


def test_a_booklet_error_there_is_raised_here_with_its_diagnostics():
    def work():
        raise LayoutError("1 problem found:", (Diagnostic("error", Loc("layout.yaml", 3), "no such style"),))
    with pytest.raises(LayoutError) as caught:
        parts.run_forked(work)()
    assert str(caught.value) == "1 problem found:\nlayout.yaml:3: error: no such style"


def test_any_other_failure_there_is_part_failed_with_its_traceback():
    def work():
        raise ZeroDivisionError("the helper divided by zero")
    with pytest.raises(parts.PartFailed, match="ZeroDivisionError: the helper divided by zero"):
        parts.run_forked(work)()
