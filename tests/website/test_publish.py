"""`xhprint publish`: issues side by side in one site folder, an archive index, same bytes
when published again, nothing written when the folder holds something it cannot read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys

import pytest

from website.sitecheck import by_class, check_links, parse
from xhprint.model import InputError
from xhprint.site.issue_site import site_files
from xhprint.site.publish import ARCHIVE_HREF, issue_id, publish_site
from xhprint.store import Store

from .conftest import REPO


def _files(result, cache, **changes):
    issue = dataclasses.replace(result.issue, **changes) if changes else result.issue
    return site_files(issue, result.layout.pages, result.files["digital/issue.pdf"], None,
                      Store(cache), archive_href=ARCHIVE_HREF)


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_issues_an_archive_and_the_same_bytes_again(sample_build, tmp_path):
    site, cache = tmp_path / "www", tmp_path / "cache"
    older = dt.date(2022, 12, 26)
    publish_site(site, issue_id(older), _files(sample_build, cache, date=older, number=52))
    publish_site(site, issue_id(sample_build.issue.date), _files(sample_build, cache))
    first = _snapshot(site)
    assert {p.name for p in site.iterdir()} == {"2022-12-26", "2023-10-02", "index.html",
                                                 "style.css"}
    index = parse(site / "index.html")
    (latest,) = by_class(index, "latest")
    assert "2023年10月2日" in latest.text()
    years = [n.text() for n in index.find_all(lambda n: n.tag == "h3")]
    assert years == ["2023年", "2022年"]
    # every page of both issues is reached from the archive, and 往期 leads back to it
    reached, broken = check_links(site)
    assert broken == []
    for ident in ("2022-12-26", "2023-10-02"):
        pages = {p.resolve() for p in (site / ident).rglob("*.html")}
        assert pages <= reached
    article = parse(site / "2023-10-02" / "articles" / "garden.html")
    (archive,) = by_class(article, "archive")
    assert archive.attrs["href"] == "../../index.html"
    # publishing the same issue again replaces it with the same bytes
    publish_site(site, issue_id(sample_build.issue.date), _files(sample_build, cache))
    assert _snapshot(site) == first


def test_an_unreadable_issue_json_stops_before_anything_is_written(sample_build, tmp_path):
    site, cache = tmp_path / "www", tmp_path / "cache"
    (site / "2020-01-06").mkdir(parents=True)
    (site / "2020-01-06" / "issue.json").write_text("{not json", "utf-8")
    with pytest.raises(InputError) as err:
        publish_site(site, issue_id(sample_build.issue.date), _files(sample_build, cache))
    (finding,) = err.value.findings
    assert "2020-01-06/issue.json" in finding.message and finding.hint
    assert sorted(p.name for p in site.iterdir()) == ["2020-01-06"]


def test_an_issue_with_errors_is_not_published(tmp_path):
    from xhprint import commands
    from xhprint.session import BuildSettings

    data = REPO / "tests" / "data"
    root = tmp_path / "project"
    (root / "fonts").mkdir(parents=True)
    (root / "fonts" / "fonts.yaml").write_bytes((data / "fonts-box.yaml").read_bytes())
    (root / "fonts" / "boxfont.ttf").symlink_to(data / "boxfont.ttf")
    (root / "layouts").symlink_to(data / "jumps" / "layouts")
    settings = BuildSettings(project_root=root, cache_dir=tmp_path / "cache")
    report, folder = commands.publish(data / "jumps" / "overset", tmp_path / "www", settings)
    assert folder is None and [f.check for f in report.errors] == ["overset"]
    assert not (tmp_path / "www").exists()


def test_cli_publish(tmp_path):
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "xhprint", "publish",
                           str(REPO / "issues/2023-40"), str(tmp_path / "www")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "www/2023-10-02/articles/ai-cluster.html").is_file()
    assert "published" in proc.stderr and "Traceback" not in proc.stderr
    bad = tmp_path / "www2"
    bad.write_text("a file", "utf-8")
    proc = subprocess.run([sys.executable, "-m", "xhprint", "publish",
                           str(REPO / "issues/2023-40"), str(bad)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 2 and "is a file, not a folder" in proc.stderr
    assert "Traceback" not in proc.stderr
