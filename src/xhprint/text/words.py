"""Word boundaries of a headline, so that it breaks where a reader would.

`WordBreaks(store)(text)` returns the offsets inside `text` where one word ends
and the next begins, from the jieba segmenter (imported lazily: loading its
dictionary costs about a second) with the project's user dictionary of local names
(data/userdict.txt: 徐匯, 漕河涇, 模速空間 … in both scripts). Traditional text is
segmented through its character-by-character simplified form (jieba's dictionary is
simplified; the offsets are the same). Each text's offsets are an entry of the store's
`words` space (store.py), its recipe the jieba version and installation, the user
dictionary's content and the text, so a warm build never loads jieba.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
from importlib import resources
from pathlib import Path

from xhprint.libversion import library_version
from xhprint.store import Store, open_store

FORMAT = 1  # bump when the offsets a text maps to change for the same jieba and dictionary


def _user_dict() -> bytes:
    return resources.files("xhprint").joinpath("data/userdict.txt").read_bytes()


def _jieba_stamp() -> str:
    """Which jieba: its `__version__`, and its code and dictionary files by size and
    mtime, without importing it or reading package metadata (~35 ms, more than a warm
    headline lookup)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return "none"
    pkg = Path(spec.origin).parent
    out = [library_version("jieba") or "?"]
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
    """Word boundaries by text, memoised in memory and kept in the store's `words` space
    (`store` a Store, a folder opened as one, or None: memory only)."""

    def __init__(self, store: Store | Path | None = None):
        self._space = open_store(store).space("words", FORMAT)
        self._memo: dict[str, tuple[int, ...]] = {}
        self._identity: str | None = None

    def identity(self) -> str:
        """A string that changes whenever the boundaries of some text could: the format,
        the jieba installation and the user dictionary (looked at once per instance)."""
        if self._identity is None:
            self._identity = hashlib.sha256(
                f"{FORMAT}\0{_jieba_stamp()}\0".encode() + _user_dict()).hexdigest()
        return self._identity

    def _key(self, text: str) -> str:
        return self._space.key(self.identity(), text)

    def __call__(self, text: str) -> frozenset[int]:
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = self._stored(text)
        return frozenset(found)

    def _stored(self, text: str) -> tuple[int, ...]:
        """The offsets from the store, else from jieba (and then kept)."""
        key = self._key(text)
        data = self._space.get(key)
        if data is not None:
            try:
                offsets = tuple(int(o) for o in data.split(b",")) if data else ()
            except ValueError:
                offsets = None  # an entry of another shape: segment again
            if offsets is not None and all(0 < o < len(text) for o in offsets):
                return offsets
        offsets = segment_words(text)
        self._space.put(key, ",".join(map(str, offsets)).encode("ascii"))
        return offsets
