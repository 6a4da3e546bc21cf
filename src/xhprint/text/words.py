"""Word boundaries of a headline, so that it breaks where a reader would.

`WordBreaks(cache_dir)(text)` returns the offsets inside `text` where one word ends
and the next begins, from the jieba segmenter (imported lazily: loading its
dictionary costs about a second) with the project's user dictionary of local names
(data/userdict.txt: 徐匯, 漕河涇, 模速空間 … in both scripts). Traditional text is
segmented through its character-by-character simplified form (jieba's dictionary is
simplified; the offsets are the same). Results are kept per text in memory and, with
a cache folder, on disk (words/segments-KEY.json, KEY naming the jieba installation and the
user dictionary), so a warm build never loads jieba.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
from importlib import resources
from pathlib import Path

from xhprint.atomicfile import write_atomic

FORMAT = 1  # bump when the offsets a text maps to change for the same jieba and dictionary


def _user_dict() -> bytes:
    return resources.files("xhprint").joinpath("data/userdict.txt").read_bytes()


def _jieba_stamp() -> str:
    """Which jieba (its code and dictionary files by size and mtime), without importing
    it or reading package metadata (~35 ms, more than a warm headline lookup)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return "none"
    pkg = Path(spec.origin).parent
    out = []
    for name in ("__init__.py", "dict.txt"):
        try:
            st = (pkg / name).stat()
        except OSError:
            continue
        out.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return ",".join(out)


@functools.lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 (jieba has no type hints)
    """One initialised jieba tokenizer per process, whichever cache folder asks: its
    dictionary is immutable data and loading it costs ~0.6 s CPU (its own marshal cache
    saves under 0.05 s of that, so it stays where jieba puts it)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for line in _user_dict().decode("utf-8").splitlines():
        parts = line.split()
        if parts:
            tk.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None,
                        parts[2] if len(parts) > 2 else None)
    return tk


@functools.lru_cache(maxsize=1)
def _to_simplified():  # noqa: ANN202
    from opencc import OpenCC

    return OpenCC("t2s").convert


def segment_words(text: str) -> tuple[int, ...]:
    """Offsets (0 < k < len(text)) between two words of `text`, by jieba."""
    convert = _to_simplified()
    simple = "".join(c if len(s := convert(c)) != 1 else s for c in text)
    out: list[int] = []
    k = 0
    for word in _tokenizer().cut(simple, HMM=True):
        k += len(word)
        if 0 < k < len(text):
            out.append(k)
    return tuple(out)


class WordBreaks:
    """Word boundaries by text, memoised in memory and (with a cache folder) on disk."""

    def __init__(self, cache_dir: Path | None = None):
        self._dir = cache_dir / "words" if cache_dir is not None else None
        self._memo: dict[str, tuple[int, ...]] = {}
        self._loaded = False
        self._path: Path | None = None
        self._identity: str | None = None

    def identity(self) -> str:
        """A string that changes whenever the boundaries of some text could: the format,
        the jieba installation and the user dictionary (looked at once per instance)."""
        if self._identity is None:
            self._identity = hashlib.sha256(
                f"{FORMAT}\0{_jieba_stamp()}\0".encode() + _user_dict()).hexdigest()
        return self._identity

    def _disk(self) -> Path | None:
        if self._dir is None:
            return None
        if self._path is None:
            self._path = self._dir / f"segments-{self.identity()[:16]}.json"
        return self._path

    def _load(self) -> None:
        self._loaded = True
        path = self._disk()
        if path is None or not path.exists():
            return
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return  # a torn or foreign file: segment again, and rewrite it
        if isinstance(data, dict):
            for text, offs in data.items():
                if isinstance(offs, list) and all(isinstance(o, int) for o in offs):
                    self._memo.setdefault(text, tuple(offs))

    def __call__(self, text: str) -> frozenset[int]:
        if not self._loaded:
            self._load()
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = segment_words(text)
            path = self._disk()
            if path is not None:
                body = json.dumps(dict(sorted(self._memo.items())), ensure_ascii=False)
                write_atomic(path, body.encode("utf-8"))
        return frozenset(found)
