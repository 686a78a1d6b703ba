"""parts.forked: work done in a forked process comes back as its result or its failure, and the
process never outlives the block that started it."""
import multiprocessing
import os
import time

import pytest

from booklet.errors import Diagnostic, LayoutError, Loc
from booklet.typeset import parts

pytestmark = pytest.mark.skipif(not parts.can_fork(), reason="needs fork")


def test_the_result_comes_back_from_another_process():
    with parts.forked(lambda: (os.getpid(), {"titles": ["x" * 10_000] * 50})) as result:
        pid, value = result()
    assert pid != os.getpid() and value == {"titles": ["x" * 10_000] * 50}
    assert multiprocessing.active_children() == []


def test_a_booklet_error_there_is_raised_here_with_its_diagnostics():
    def work():
        raise LayoutError("1 problem found:", (Diagnostic("error", Loc("layout.yaml", 3), "no such style"),))
    with pytest.raises(LayoutError) as caught, parts.forked(work) as result:
        result()
    assert str(caught.value) == "1 problem found:\nlayout.yaml:3: error: no such style"


def test_any_other_failure_there_is_part_failed_with_its_traceback():
    def work():
        raise ZeroDivisionError("the helper divided by zero")
    with pytest.raises(parts.PartFailed, match="ZeroDivisionError: the helper divided by zero"), \
            parts.forked(work) as result:
        result()


def test_a_result_that_cannot_be_sent_is_a_failure_too():
    with pytest.raises(parts.PartFailed, match="pickle"), parts.forked(lambda: (lambda: "a function")) as result:
        result()


def test_the_process_is_ended_when_the_caller_fails_before_asking():
    started = time.monotonic()
    with pytest.raises(RuntimeError), parts.forked(lambda: time.sleep(60)):
        raise RuntimeError("the caller's own half failed")
    assert multiprocessing.active_children() == [] and time.monotonic() - started < 10
