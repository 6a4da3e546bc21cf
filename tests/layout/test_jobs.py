"""`--jobs N`: the same bytes for any N (outputs.md "Commands"), and the task runner."""

from __future__ import annotations

import json
import os

import pytest

from layout.jump_readback import JUMPS
from xhprint.build import build_issue
from xhprint.parallel import WorkerError, run_tasks


def _without_timings(report: bytes) -> dict:
    doc = json.loads(report)
    doc.pop("timings_s", None)
    return doc


@pytest.mark.parametrize("name", ["three-hop", "overset"])
def test_outputs_are_the_same_bytes_for_any_jobs(box_settings, name):
    runs = {n: build_issue(JUMPS / name, box_settings, proof=True, jobs=n).files
            for n in (1, 2, 3)}
    names = set(runs[1])
    assert {"print/issue.pdf", "digital/issue.pdf", "digital/articles.json",
            "proof/proof.pdf", "report.json"} <= names
    for n in (2, 3):
        assert set(runs[n]) == names
        for f in names - {"report.json"}:
            assert runs[n][f] == runs[1][f], (n, f)
        # report.json differs only in its measured timings
        assert _without_timings(runs[n]["report.json"]) == _without_timings(runs[1]["report.json"])


def test_run_tasks_keeps_order_and_runs_in_other_processes():
    tasks = [lambda k=k: (k, os.getpid()) for k in range(5)]
    got = run_tasks(tasks, jobs=3)
    assert [k for k, _pid in got] == list(range(5))
    assert got[0][1] == os.getpid()
    assert {pid for _k, pid in got[1:]} - {os.getpid()}  # the rest ran in workers
    assert [k for k, _ in run_tasks(tasks, jobs=1)] == list(range(5))
    assert {pid for _k, pid in run_tasks(tasks, jobs=1)} == {os.getpid()}


def test_run_tasks_raises_a_workers_exception():
    def boom() -> int:
        raise ValueError("bad page")

    with pytest.raises(ValueError, match="bad page"):
        run_tasks([lambda: 1, boom], jobs=2)


def test_run_tasks_reports_a_dead_worker():
    with pytest.raises(WorkerError, match="died"):
        run_tasks([lambda: 1, lambda: os._exit(3)], jobs=2)


def test_auto_jobs_fork_only_for_an_issue_of_eight_pages_or_more(monkeypatch):
    from xhprint.parallel import AUTO, AUTO_MIN_PAGES, chosen_jobs

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    assert chosen_jobs(AUTO, AUTO_MIN_PAGES) == 2
    assert chosen_jobs(AUTO, AUTO_MIN_PAGES - 1) == 1
    assert chosen_jobs(3, 2) == 3 and chosen_jobs(1, 24) == 1  # a number is taken as given
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0})
    assert chosen_jobs(AUTO, 24) == 1  # one CPU: never fork


def test_jobs_auto_on_the_command_line(box_settings, tmp_path):
    from xhprint.cli import _parser
    from xhprint.parallel import AUTO

    args = _parser().parse_args(["build", "x", "--jobs", "auto"])
    assert args.jobs == AUTO
    auto = build_issue(JUMPS / "three-hop", box_settings, jobs=AUTO).files
    one = build_issue(JUMPS / "three-hop", box_settings, jobs=1).files
    assert {f: b for f, b in auto.items() if f != "report.json"} == \
        {f: b for f, b in one.items() if f != "report.json"}
