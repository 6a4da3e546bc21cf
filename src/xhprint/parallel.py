"""Run independent pipeline steps in worker processes (`xhprint build --jobs N`).

Each task is a zero-argument callable whose result is picklable (bytes, findings).
Workers are forked, so a task may close over the laid-out pages, font book and
other in-memory state without pickling them; only results cross the pipe. A task
runs the same code whether in a worker or not, so the outputs are the same bytes
for any N. Where fork is unavailable, or N ≤ 1, tasks run in this process in order.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

AUTO = 0  # `--jobs auto`: chosen_jobs decides
AUTO_MIN_PAGES = 8  # measured (make bench, 2 CPUs): 8 pages build ~4 % faster with two
# processes; 2 pages are no faster (forking and sending the digital edition back cost
# what its ~30 ms of work saves)


def chosen_jobs(jobs: int, pages: int) -> int:
    """`jobs` as asked, or for AUTO: two processes when the issue has at least
    AUTO_MIN_PAGES pages and this process may run on two CPUs, else one."""
    if jobs != AUTO:
        return jobs
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 if (cpus or 1) >= 2 and pages >= AUTO_MIN_PAGES else 1


class WorkerError(RuntimeError):
    """A task failed in a worker process; carries the worker's traceback text."""


def _child(task: Callable[[], Any], conn: Any) -> None:
    try:
        conn.send((True, task()))
    except BaseException as e:  # reported to the parent, which re-raises
        conn.send((False, (e, traceback.format_exc())))
    finally:
        conn.close()


def run_tasks(tasks: Sequence[Callable[[], T]], jobs: int = 1) -> list[T]:
    """Results of `tasks` in order, running up to `jobs` of them at once in forked workers.

    The first task always runs in this process (while the others run in workers), so
    N tasks need N − 1 forks.
    """
    if jobs <= 1 or len(tasks) <= 1:
        return [t() for t in tasks]
    # imported here: the default `--jobs 1` build never forks (~6 ms of start-up)
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        return [t() for t in tasks]
    ctx = mp.get_context("fork")
    results: dict[int, T] = {}
    pending = list(range(1, len(tasks)))
    running: list[tuple[int, Any, Any]] = []

    def start_workers() -> None:
        while pending and len(running) < jobs - 1:
            i = pending.pop(0)
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(tasks[i], send), daemon=True)
            proc.start()
            send.close()
            running.append((i, proc, recv))

    def collect(i: int, proc: Any, recv: Any) -> None:
        try:
            ok, value = recv.recv()
        except EOFError:
            proc.join()
            raise WorkerError(f"worker for task {i} died (exit {proc.exitcode})") from None
        proc.join()
        recv.close()
        if not ok:
            exc, text = value
            if isinstance(exc, Exception) and not isinstance(exc, WorkerError):
                raise exc
            raise WorkerError(text)
        results[i] = value

    start_workers()
    results[0] = tasks[0]()
    while running:
        i, proc, recv = running.pop(0)
        collect(i, proc, recv)
        start_workers()
    return [results[i] for i in range(len(tasks))]
