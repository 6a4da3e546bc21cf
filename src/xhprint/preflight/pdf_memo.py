"""Preflight results that depend only on bytes, reused between checks and builds.

Two costs of checking our own editions repeat from build to build although their
inputs do not change:

* parsing a page's content stream: a watch rebuild re-checks every page, and a page
  the edit did not touch has byte-identical content (Type 0 codes are code points,
  images are named by digest), so its parse is looked up by the stream's sha256;
* the TAC of a placed CMYK photo (JPEG decode plus a histogram, ~0.1 s a photo): the
  prepared photo's stream is the same bytes in every build, so its `TacResult` is
  looked up by the sha256 of the encoded stream, the stream entries that decide how
  it decodes, the bounds that decide how it is measured and the pypdf and Pillow
  versions. The TAC results are kept in the store's `tac` space (store.py), so a fresh
  `xhprint build` process reuses them.

A `PreflightMemo` belongs to one build, or to a watch session (incremental.py); it
is never module-level state. Parses are kept in memory only, for the streams the
last build used (`end_build`), so a long session does not grow without bound.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xhprint.i18n import from_data, to_data
from xhprint.libversion import pypdf_version
from xhprint.preflight.pdf_bounds import PdfBounds
from xhprint.preflight.pdf_images import TacResult
from xhprint.preflight.pdf_pagememo import PAGE_CHECK_VERSION, PageRecord, code_digest
from xhprint.store import Store, open_store, recipe_key

if TYPE_CHECKING:
    from xhprint.preflight.pdf_tokens import Operation

#: bump when pdf_images.image_tac changes what it measures for the same image
MEMO_VERSION = 4  # 2: integer outlier count; JPEG decoded once; 3: messages; 4: in the store
#: the stream entries that decide how an image decodes (PDF 32000 §8.9.5, Table 89)
#: the store space of content-stream parses (bump when pdf_tokens changes its output)
OPS_VERSION = 1
DECODE_ENTRIES = ("/Filter", "/DecodeParms", "/Width", "/Height", "/BitsPerComponent",
                  "/Decode", "/ColorSpace", "/ImageMask")  # fmt: skip


def _resolved(value: Any, depth: int = 0) -> Any:
    """A plain, comparable form of a PDF value (indirect objects followed, 4 levels)."""
    if depth > 4:
        return "…"
    value = value.get_object() if hasattr(value, "get_object") else value
    if hasattr(value, "get_data") and hasattr(value, "keys"):  # a stream (an ICC profile)
        return ["stream", hashlib.sha256(value.get_data()).hexdigest(),
                {str(k): _resolved(v, depth + 1) for k, v in sorted(value.items())}]  # fmt: skip
    if isinstance(value, dict):
        return {str(k): _resolved(v, depth + 1) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_resolved(v, depth + 1) for v in value]
    return str(value)


def image_key(xobj: Any, bounds: PdfBounds) -> str | None:
    """The memo key of an image XObject's TAC, or None when its bytes cannot be read."""
    from PIL import __version__ as pillow_version

    from xhprint.render.compat import encoded_bytes

    raw = encoded_bytes(xobj)  # the encoded stream: hashing needs no decode
    if raw is None:
        return None
    entries = {k: _resolved(xobj[k]) for k in DECODE_ENTRIES if k in xobj}
    return recipe_key(pypdf_version(), pillow_version, bounds.max_image_pixels,
                      bounds.analysis_pixels, json.dumps(entries, sort_keys=True),
                      hashlib.sha256(raw).hexdigest())


def pack_operations(ops: list[Operation]) -> bytes | None:
    """A parse as marshal bytes (names as plain strings: the tokenizer makes every other
    string a byte string), or None when an operand is of another kind (pypdf's fallback
    parser's objects), which is then parsed again next time."""
    try:
        return marshal.dumps([(_plain(operands), op) for operands, op in ops])
    except ValueError:
        return None


def unpack_operations(data: bytes) -> list[Operation]:
    return [(_named(operands), op) for operands, op in marshal.loads(data)]


def _plain(value: Any) -> Any:
    from pypdf.generic import NameObject

    if isinstance(value, NameObject):
        return str.__str__(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, bytes)) and type(value) in (
            bool, int, float, bytes):
        return value
    raise ValueError(f"not a plain operand: {type(value).__name__}")


def _named(value: Any) -> Any:
    from pypdf.generic import NameObject

    if type(value) is str:
        return NameObject(value)
    if isinstance(value, list):
        return [_named(v) for v in value]
    if isinstance(value, dict):
        return {_named(k): _named(v) for k, v in value.items()}
    return value


class PreflightMemo:
    """Content-stream parses (memory) and image TAC results (memory, optionally disk)."""

    def __init__(self, store: Store | Path | None = None):
        self._tac_space = open_store(store).space("tac", MEMO_VERSION)
        self._ops_space = open_store(store).space("ops", OPS_VERSION)
        self._page_space = open_store(store).space("pagecheck", PAGE_CHECK_VERSION)
        self._code: str | None = None
        self._ops: dict[bytes, list[Operation]] = {}
        self._used: set[bytes] = set()
        self.parse_hits = 0
        self.tac_hits = 0
        self.page_hits = 0

    def page_key(self, *recipe: object) -> str:
        """The key of a page check's record (pdf_pagememo.py): the checks' code, the pypdf
        version and `recipe`."""
        if self._code is None:
            self._code = code_digest()
        return self._page_space.key(self._code, pypdf_version(), *recipe)

    def page_record(self, key: str) -> PageRecord | None:
        """The kept record of a page check, or None (absent, or not a record: a miss)."""
        found = self._page_space.get(key)
        if found is None:
            return None
        try:
            return PageRecord.from_bytes(found)
        except ValueError:
            return None

    def keep_page(self, key: str, record: PageRecord) -> None:
        self._page_space.put(key, record.to_bytes())

    def operations(self, data: bytes, parse: Callable[[], list[Operation]]) -> list[Operation]:
        """The parse of decoded content `data`, made by `parse` only when not seen before.

        The walker only reads the operations it gets, so one list can serve many checks.
        """
        key = hashlib.sha256(data).digest()
        self._used.add(key)
        ops = self._ops.get(key)
        if ops is not None:
            self.parse_hits += 1
            return ops
        stored = self._ops_space.key(key.hex())
        found = self._ops_space.get(stored)
        if found is not None:
            try:
                ops = self._ops[key] = unpack_operations(found)
                self.parse_hits += 1
                return ops
            except (ValueError, EOFError, TypeError):
                pass  # an entry of another shape: parse again
        ops = self._ops[key] = parse()
        packed = pack_operations(ops)
        if packed is not None:
            self._ops_space.put(stored, packed)
        return ops

    def end_build(self) -> None:
        """Forget the parses the build just finished did not use."""
        self._ops = {k: v for k, v in self._ops.items() if k in self._used}
        self._used = set()

    def image_tac(self, xobj: Any, bounds: PdfBounds,
                  measure: Callable[[], TacResult]) -> TacResult:  # fmt: skip
        """The TAC of an image XObject, measured by `measure` only when not known."""
        key = image_key(xobj, bounds)
        if key is None:
            return measure()
        key = self._tac_space.key(key)
        found = self._tac_space.get(key)
        if found is not None:
            try:
                d = json.loads(found)
                tac = None if d["tac"] is None else float(d["tac"])
                self.tac_hits += 1
                return TacResult(tac, from_data(d["skipped"]), bool(d["over_bounds"]))
            except (ValueError, KeyError, TypeError):
                pass  # an entry of another shape: measure again
        res = measure()
        self._tac_space.put(key, json.dumps({"tac": res.tac, "skipped": to_data(res.skipped),
                                             "over_bounds": res.over_bounds}).encode("utf-8"))
        return res
