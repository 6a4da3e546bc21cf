"""Our content-stream tokenizer against pikepdf's (qpdf's), same bytes, same process.

    python tools/bench_tokenizer.py [--runs 7] [--keep DIR] [--pdf FILE ...]

pikepdf is not a dependency of xhprint; this script needs it installed for measuring
only (`.venv/bin/pip install pikepdf`, or a throwaway venv holding both). Without it,
it says so and exits 0.

It builds issues/2023-40 and a generated 8-page issue (tools/make_big_issue.py) with
`xhprint build` (fresh cache), then takes their print and digital PDFs and the PDF
adverts under issues/*/ads. For each PDF it collects what the preflight walker parses
(pdf_content.ContentWalker): each page's content streams decoded and joined by a line
feed, and every form XObject reached from a page. Decoding is done once, beforehand,
by pypdf, so both sides get the same bytes and only tokenizing is timed:

* ours: `pdf_tokens.operations` (the fast tokenizer, pypdf for what it leaves), no memo;
* pikepdf: `pikepdf.parse_content_stream` on a `pikepdf.Stream` holding the bytes, plus
  the conversion of its result into the `(operands, operator)` list the walker reads
  (names as pypdf NameObjects, strings as bytes, reals as float, inline images as
  pypdf's {"settings", "data"}) — timed with and without that conversion;
* pikepdf, reading only each instruction's operands and operator (no conversion): what
  a walker rewritten to take pikepdf's objects as they are would pay at the least;
* pypdf's own ContentStream (the fallback), for scale;
* a parse-memo hit, for scale: sha256 of the bytes + unmarshal of the stored parse
  (pdf_memo.unpack_operations), without the store's disk read.

Each figure is the median of --runs passes over all streams of a file. It then checks
that both parsers give the same operators and operands on every stream, and on a
handful of synthetic streams that exercise the syntax the real files may lack (names
with #xx, escapes, inline images, dictionaries, comments, .5 and -.0), and prints the
cost side: wheel sizes, `import pikepdf` time in a fresh process, qpdf on Debian.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as md
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

WHITE_SPACE = (b"\x00", b"\t", b"\n", b"\x0c", b"\r", b" ")
SYNTHETIC: dict[str, bytes] = {
    "numbers": b"1 0 0 1 .5 -.0 cm +3 -2. 0.000 4.25 Td 10 -.75 TD",
    "literal strings": b"BT (a\\(b\\) \\\\ \\n \\101 \\0 \\\nx) Tj (nested (paren) ok) Tj ET",
    "hex strings": b"BT <48 65 6c6C6f> Tj <414> Tj [<00 41> -120 (x)] TJ ET",
    "names with #xx": b"/A#20B gs /Sep#2fOne cs /F#31 12 Tf",
    "comments": b"% a comment\nq % another\n1 0 0 RG Q%end",
    "arrays and dicts": (b"/Span <</ActualText (x) /MCID 3 /K [1 true null /N]>> BDC EMC "
                         b"/OC /oc1 BDC [1 [2 3] 4] 0 d EMC"),
    "inline image": b"q 2 0 0 1 0 0 cm BI /W 2 /H 1 /CS /G /BPC 8 ID \x01\x02 EI Q",
    "inline image, filter": (b"BI /W 4 /H 1 /CS /RGB /BPC 8 /F /AHx ID "
                             b"ff0000ff00ff0000ff00ff00> EI"),
}


def pdfs_to_measure(work: Path, extra: list[Path]) -> list[tuple[str, Path]]:
    """Our two editions of 2023-40 and of an 8-page issue, the adverts, and `extra`."""
    from make_big_issue import make_issue

    env = dict(os.environ, XHPRINT_CACHE_DIR=str(work / "cache"))
    big = work / "big8"
    if not big.exists():
        make_issue(big, 8)
    out: list[tuple[str, Path]] = []
    for name, issue in (("2023-40", ROOT / "issues" / "2023-40"), ("8-page", big)):
        dest = work / f"out-{name}"
        if not (dest / "print" / "issue.pdf").exists():
            print(f"building {name} …", flush=True)
            subprocess.run([sys.executable, "-m", "xhprint", "build", str(issue), "-o",
                            str(dest)], env=env, check=False, stdout=subprocess.DEVNULL)
        for edition in ("print", "digital"):
            out.append((f"{name} {edition}", dest / edition / "issue.pdf"))
    for ad in sorted(ROOT.glob("issues/*/ads/*.pdf")):
        out.append((f"ad {ad.parent.parent.name}/{ad.name}", ad))
    out += [(p.name, p) for p in extra]
    return [(n, p) for n, p in out if p.exists()]


def streams_of(path: Path) -> tuple[Any, list[bytes]]:
    """(pypdf reader, the decoded content the walker parses: pages, then forms)."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    out: list[bytes] = []
    seen: set[object] = set()

    def forms(resources: Any) -> Iterator[Any]:
        try:
            xobjects = resources.get_object()["/XObject"].get_object()
        except (KeyError, TypeError, AttributeError):
            return
        for ref in xobjects.values():
            x = ref.get_object()
            key = getattr(ref, "idnum", id(x))
            if key in seen or x.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            yield x
            yield from forms(x.get("/Resources"))

    for page in reader.pages:
        contents = page.get("/Contents")
        if contents is None:
            continue
        contents = contents.get_object()
        parts = list(contents) if isinstance(contents, list) else [contents]
        out.append(b"\n".join(p.get_object().get_data() for p in parts))
        out += [x.get_data() for x in forms(page.get("/Resources"))]
    return reader, out


def pikepdf_converter() -> tuple[Callable[[bytes], Any], Callable[[Any], list[Any]]]:
    """(parse bytes with qpdf, convert its instructions into our (operands, op) list)."""
    import pikepdf
    from pypdf.generic import NameObject

    scratch = pikepdf.new()
    Name, String, Array, Dictionary = pikepdf.Name, pikepdf.String, pikepdf.Array, \
        pikepdf.Dictionary  # fmt: skip
    names: dict[str, NameObject] = {}

    def value(v: Any) -> Any:
        t = type(v)
        if t is int or t is bool or v is None:
            return v
        if t is Decimal:
            return float(v)
        if isinstance(v, Name):
            s = str(v)
            n = names.get(s)
            if n is None:
                n = names[s] = NameObject(s)
            return n
        if isinstance(v, String):
            return bytes(v)
        if isinstance(v, Array):
            return [value(x) for x in v]
        if isinstance(v, Dictionary):
            return {value(Name(k)): value(x) for k, x in v.items()}
        return v

    def parse(data: bytes) -> Any:
        return pikepdf.parse_content_stream(pikepdf.Stream(scratch, data))

    def convert(instructions: Any) -> list[Any]:
        ops: list[Any] = []
        for ins in instructions:
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                image = ins.iimage
                raw = list(image._image_object)  # the BI operands as written (/W, /CS …)
                settings = {value(raw[i]): value(raw[i + 1]) for i in range(0, len(raw), 2)}
                data = image.read_raw_bytes()
                if data[-1:] in WHITE_SPACE:
                    data = data[:-1]  # qpdf keeps the white space before EI; pypdf does not
                # pypdf's shape: the operands are the dict itself, not a list holding it
                ops.append(({"settings": settings, "data": data}, b"INLINE IMAGE"))
            else:
                ops.append(([value(o) for o in ins.operands], bytes(ins.operator)))
        return ops

    return parse, convert


METHODS = ("ours", "pike", "pike_read", "pike_only", "memo", "pypdf")


def measure(reader: Any, streams: list[bytes], runs: int, parse: Callable[[bytes], Any],
            convert: Callable[[Any], list[Any]]) -> dict[str, float]:  # fmt: skip
    """Median seconds of each method over all `streams`, the methods taking turns in
    every pass (so that a busy moment of a shared machine hits them all alike)."""
    from xhprint.preflight.pdf_memo import pack_operations, unpack_operations
    from xhprint.preflight.pdf_tokens import operations, pypdf_operations

    packed = [p for p in (pack_operations(operations(s, reader)) for s in streams) if p]
    work: dict[str, Callable[[], object]] = {
        "ours": lambda: [operations(s, reader) for s in streams],
        "pike": lambda: [convert(parse(s)) for s in streams],
        # the floor of any use of qpdf's parse from Python: reading each instruction
        "pike_read": lambda: [[(i.operands, i.operator) for i in parse(s)] for s in streams],
        "pike_only": lambda: [parse(s) for s in streams],
        # a memo hit without the store's disk read: the key, then unmarshal
        "memo": lambda: ([hashlib.sha256(s).digest() for s in streams],
                         [unpack_operations(p) for p in packed]),
        "pypdf": lambda: [pypdf_operations(s, reader) for s in streams],
    }  # fmt: skip
    times: dict[str, list[float]] = {k: [] for k in work}
    for _ in range(runs):
        for k, fn in work.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def row(t: dict[str, float]) -> str:
    return (f"{t['ours'] * 1e3:>7.1f} {t['pike'] * 1e3:>9.1f} {t['pike_read'] * 1e3:>9.1f} "
            f"{t['pike_only'] * 1e3:>9.1f} "
            f"{t['pike'] / t['ours']:>6.2f} {t['memo'] * 1e3:>8.1f} {t['pypdf'] * 1e3:>7.0f}")


def canonical(v: Any) -> Any:
    """A form both parsers' results can be compared in (numbers by value, names as str)."""
    from pypdf.generic import NameObject

    if isinstance(v, NameObject):
        return ("name", str(v))
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bytes):
        return round(float(v), 6)
    if hasattr(v, "original_bytes"):  # pypdf's TextStringObject: a string as written
        return bytes(v.original_bytes)
    if isinstance(v, bytes):
        return bytes(v)
    if isinstance(v, dict):
        return sorted((canonical(k), canonical(x)) for k, x in v.items())
    if isinstance(v, list):
        return [canonical(x) for x in v]
    if type(v).__name__ in ("BooleanObject",):
        return bool(v)
    if type(v).__name__ == "NullObject":
        return None
    return repr(v)


def same_ops(a: list[Any], b: list[Any]) -> str | None:
    """None when the two parses agree, else the first difference."""
    for i, ((oa, opa), (ob, opb)) in enumerate(zip(a, b, strict=False)):
        if opa != opb or canonical(oa) != canonical(ob):
            return f"op {i}: ours {opb!r} {canonical(ob)!r:.120} ≠ pikepdf {opa!r} " \
                   f"{canonical(oa)!r:.120}"  # fmt: skip
    if len(a) != len(b):
        return f"{len(b)} operations (ours) ≠ {len(a)} (pikepdf)"
    return None


def import_time(module: str, runs: int) -> float:
    """Median seconds of `import module` in a fresh process (bytecode already cached)."""
    code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return statistics.median(float(subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
    ).stdout) for _ in range(runs))  # fmt: skip


def installed_size(dist: str) -> int:
    files = md.distribution(dist).files or []
    return sum(f.locate().stat().st_size for f in files if f.locate().exists())


def debian(packages: list[str]) -> str:
    """`package candidate` for each, from apt-cache policy (this machine's Debian)."""
    try:
        text = subprocess.run(["apt-cache", "policy", *packages], capture_output=True,
                              text=True, check=False).stdout
    except OSError:
        return "apt-cache not available"
    found, name = [], ""
    for line in text.splitlines():
        if not line.startswith(" "):
            name = line.rstrip(":")
        elif line.strip().startswith("Candidate:"):
            found.append(f"{name} {line.split(':', 1)[1].strip()}")
    return ", ".join(found) or "none of " + " ".join(packages)


def cost_side(runs: int) -> None:
    import pikepdf

    print("\ncost of pikepdf")
    needs = [r.split(";")[0] for r in md.requires("pikepdf") or [] if "extra ==" not in r]
    print(f"  pikepdf {pikepdf.__version__} (libqpdf {pikepdf.__libqpdf_version__} bundled in "
          f"the wheel) requires {', '.join(needs)}")
    for dist in ("pikepdf", "lxml", "pypdf"):
        try:
            print(f"  {dist} installed: {installed_size(dist) / 1e6:.1f} MB")
        except md.PackageNotFoundError:
            pass
    for module in ("pikepdf", "pypdf"):
        print(f"  `import {module}` in a fresh process (median of {runs}): "
              f"{import_time(module, runs) * 1000:.0f} ms")
    print("  Debian: " + debian(["python3-pikepdf", "libqpdf29", "qpdf"]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: temp)")
    ap.add_argument("--pdf", type=Path, action="append", default=[], help="another PDF")
    args = ap.parse_args()
    try:
        import pikepdf
    except ImportError:
        print("pikepdf is not installed: it is not a dependency of xhprint, only of this "
              "measurement.\nInstall it for measuring:  .venv/bin/pip install pikepdf\n"
              "(or in a throwaway venv: python -m venv /tmp/pk && /tmp/pk/bin/pip install "
              "-e . pikepdf)")
        return 0
    import pypdf

    from xhprint.preflight.pdf_tokens import fast_operations, operations, pypdf_operations

    work = args.keep or Path(tempfile.mkdtemp(prefix="xhprint-tok-"))
    work.mkdir(parents=True, exist_ok=True)
    parse, convert = pikepdf_converter()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
          f"python {sys.version.split()[0]}, pypdf {pypdf.__version__}, "
          f"pikepdf {pikepdf.__version__} (qpdf {pikepdf.__libqpdf_version__}); "
          f"median of {args.runs} passes; ms per file (all its streams)")
    print(f"{'file':<30} {'streams':>7} {'KB':>5} {'fallbk':>6} {'ours':>7} "
          f"{'pike+conv':>9} {'pike+read':>9} {'pike only':>9} {'×ours':>6} {'memo hit':>8} {'pypdf':>7}  same?")
    totals = dict.fromkeys(METHODS, 0.0)
    differences = 0
    files = pdfs_to_measure(work, args.pdf)
    measure(*streams_of(files[0][1]), 3, parse, convert)  # warm-up, not counted
    for label, path in files:
        reader, streams = streams_of(path)
        t = measure(reader, streams, args.runs, parse, convert)
        bad = [d for d in (same_ops(convert(parse(s)), operations(s, reader)) for s in streams)
               if d]  # fmt: skip
        differences += len(bad)
        for k in METHODS:
            totals[k] += t[k]
        size = sum(map(len, streams)) / 1000
        fallbacks = sum(fast_operations(s) is None for s in streams)
        print(f"{label:<30} {len(streams):>7} {size:>5.0f} {fallbacks:>6} {row(t)}  "
              f"{'yes' if not bad else f'{len(bad)} differ: ' + bad[0]}")
    print(f"{'all files':<30} {'':>7} {'':>5} {'':>6} {row(totals)}")

    print("\nsyntax cases (ours = fast tokenizer, or pypdf where it hands over)")
    for name, data in SYNTHETIC.items():
        fast = fast_operations(data)
        ours_ops = fast if fast is not None else pypdf_operations(data, None)
        diff = same_ops(convert(parse(data)), ours_ops)
        differences += diff is not None
        print(f"  {name:<22} {'fast' if fast is not None else 'pypdf':<6} "
              f"{'same' if diff is None else 'DIFFERENT: ' + diff}")
    cost_side(args.runs)
    print(f"\n{differences} stream(s) parsed differently")
    return 0


if __name__ == "__main__":
    sys.exit(main())
