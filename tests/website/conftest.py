"""Built websites to test: the sample issue's (and the 4-page issue's), written to disk."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ISSUES = {"2023-40": REPO / "issues" / "2023-40", "2024-12": REPO / "issues" / "2024-12"}
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def write_site(files: dict[str, bytes], out: Path, prefix: str = "site/") -> Path:
    for name, data in files.items():
        if name.startswith(prefix):
            path = out / name[len(prefix):]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return out


class _Lazy(dict):
    """name → value, made on first use (a test of one issue builds only that issue)."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, name):
        self[name] = value = self._make(name)
        return value


@pytest.fixture(scope="session")
def issue_builds(sample_build, session_cache):
    """BuildResult per issue name: the session's sample build, issues/2024-12 built once."""
    if not NOTO.exists():
        pytest.skip("Debian fonts not installed (make setup)")
    from xhprint.build import build_issue
    from xhprint.session import BuildSettings

    def build(name):
        if name == "2023-40":
            return sample_build
        return build_issue(ISSUES[name], BuildSettings(cache_dir=session_cache))

    return _Lazy(build)


@pytest.fixture(scope="session")
def sites(issue_builds, tmp_path_factory) -> dict[str, Path]:
    """Each issue's site/ folder as build writes it."""
    return _Lazy(lambda name: write_site(issue_builds[name].files,
                                         tmp_path_factory.mktemp(f"site-{name}")))


@pytest.fixture(params=sorted(ISSUES))
def issue_name(request) -> str:
    return request.param
