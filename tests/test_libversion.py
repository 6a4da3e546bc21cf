"""Library versions read for store keys without importing the library."""

from __future__ import annotations

import subprocess
import sys


def test_pypdf_version_is_pypdfs_own_and_leaves_it_unimported() -> None:
    script = ("import sys; from xhprint.libversion import pypdf_version; v = pypdf_version(); "
              "loaded = 'pypdf' in sys.modules; import pypdf; "
              "print(v == pypdf.__version__, loaded)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["True", "False"]


def test_fonttools_and_jieba_versions_are_their_own() -> None:
    import fontTools
    import jieba

    from xhprint.libversion import fonttools_version, library_version

    assert fonttools_version() == fontTools.version
    assert library_version("jieba") == jieba.__version__
    assert library_version("no_such_package_here") is None
