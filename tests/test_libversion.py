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
