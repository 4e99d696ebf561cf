"""parallel_map: the results of every item, in the items' order, however the work was shared."""

from __future__ import annotations

import os
import time

import pytest

from lingbi_cli import parallel
from lingbi_cli.parallel import parallel_map


def whose(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_items_are_shared_between_processes_and_come_back_in_order(tmp_path):
    me = os.getpid()

    def shared(item: int) -> tuple[int, int]:
        (tmp_path / str(os.getpid())).touch()
        deadline = time.monotonic() + 30
        # every process waits until this one and a child have each taken an item, so that
        # both surely work whichever starts first
        while not ((tmp_path / str(me)).exists() and len(list(tmp_path.iterdir())) >= 2):
            assert time.monotonic() < deadline, "the work was not shared"
            time.sleep(0.001)
        return whose(item)

    items = list(range(40))
    results = parallel_map(shared, items, workers=3, cost=lambda i: i % 7)
    assert [square for square, _ in results] == [i * i for i in items]
    assert me in {pid for _, pid in results} and len({pid for _, pid in results}) >= 2


def test_without_fork_everything_runs_here(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    done: list[int] = []
    results = parallel_map(whose, [3, 1, 2], workers=4, progress=done.append)
    assert results == [(9, os.getpid()), (1, os.getpid()), (4, os.getpid())]
    assert done == [1, 2, 3]


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_a_child_that_dies_leaves_its_items_to_this_process():
    me = os.getpid()

    def dies_in_a_child(item: int) -> int:
        if os.getpid() != me:
            os._exit(3)  # a child killed in the middle of its work
        return item + 100

    assert parallel_map(dies_in_a_child, list(range(10)), workers=2) == list(range(100, 110))


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_an_error_is_raised_here():
    def fails(item: int) -> int:
        raise ValueError(f"bad item {item}")

    with pytest.raises(ValueError, match="bad item"):
        parallel_map(fails, [1, 2, 3, 4], workers=2)


@pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")
def test_progress_ends_at_the_number_of_items():
    done: list[int] = []
    parallel_map(whose, list(range(12)), workers=2, progress=done.append)
    assert done[-1] == 12 and done == sorted(done)
