"""Command line: argument parsing and exit codes only (outputs.md "Commands").

Every user error is printed as `file:line:col: error[check]: message — hint` on stderr
with exit status 2; a Python traceback is shown only with --debug.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from xhprint.model import Finding, InputError
from xhprint.preflight.report import Report


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="xhprint", description="Chinese newspaper page layout.")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="lay out an issue and write print/digital PDFs and the report")
    b.add_argument("issue_dir", type=Path)
    b.add_argument("-o", "--out", type=Path, default=None, help="output folder (default build/<issue>)")
    b.add_argument("--proof", action="store_true", help="also write proof PNGs and proof.pdf")
    b.add_argument("--jobs", type=int, default=1, help="worker processes (same bytes for any N)")
    b.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    b.add_argument("--watch", action="store_true", help="rebuild when the issue's files change")
    b.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    f = sub.add_parser("preflight", help="check an issue (ISSUE_DIR) or any PDF (FILE.pdf)")
    f.add_argument("target", type=Path)
    f.add_argument("--profile", choices=["newsprint", "digital", "ad"], default="newsprint")
    f.add_argument("--trim", default=None, help="expected trim size in mm, e.g. 70x90")
    f.add_argument("--json", action="store_true")
    f.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    r = sub.add_parser("proof", help="PNG previews of an issue")
    r.add_argument("issue_dir", type=Path)
    r.add_argument("-o", "--out", type=Path, default=None)
    r.add_argument("--grid", action="store_true", help="draw columns, rows, boxes, overset marks")
    r.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    s = sub.add_parser("publish", help="add an issue's website to a site folder of many issues")
    s.add_argument("issue_dir", type=Path)
    s.add_argument("site_dir", type=Path)
    s.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    t = sub.add_parser("fonts", help="which font file and face each role uses")
    t.add_argument("issue_dir", type=Path, nargs="?")
    t.add_argument("--lang", default=None, help="zh-Hant or zh-Hans (default: the issue's, else zh-Hant)")
    t.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
    _desk_parsers(sub)
    return p


def _desk_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """serve, stories and new: the editor's desk (issue 12)."""
    from xhprint.desk.cli import add_desk_commands

    add_desk_commands(sub)


def _print_loading_errors(findings: Sequence[Finding], as_json: bool) -> None:
    for f in findings:
        print(f.describe(), file=sys.stderr)
    if as_json:
        print(json.dumps(Report(tuple(findings)).to_json(), ensure_ascii=False, indent=1))


def _emit_report(report: Report, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        print(report.table().splitlines()[-1], file=sys.stderr)
    else:
        print(report.table())
    return report.exit_status


def _run(args: argparse.Namespace) -> int:
    from xhprint import commands

    if args.command == "build":
        if args.watch:
            return commands.watch(args.issue_dir, args.out, jobs=args.jobs)
        report = commands.build(args.issue_dir, args.out, proof=args.proof, jobs=args.jobs)
        out = commands.default_out(args.issue_dir, args.out)
        if not args.json:
            print(f"wrote {out}/print/issue.pdf, {out}/digital/issue.pdf, {out}/site/index.html, "
                  f"{out}/report.json",
                  file=sys.stderr)
        return _emit_report(report, args.json)
    if args.command == "preflight":
        if args.target.is_dir():
            report = commands.preflight_issue(args.target)
        else:
            report = commands.preflight_file(args.target, args.profile, args.trim)
        return _emit_report(report, args.json)
    if args.command == "proof":
        paths = commands.proof(args.issue_dir, args.out, grid=args.grid)
        for p in paths:
            print(p)
        return 0
    if args.command == "publish":
        report, folder = commands.publish(args.issue_dir, args.site_dir)
        print(report.table())
        if folder is None:
            print(f"not published: {len(report.errors)} errors — fix them (xhprint preflight "
                  f"{args.issue_dir}) and publish again", file=sys.stderr)
            return 1
        print(f"published {folder}/ and {args.site_dir}/index.html", file=sys.stderr)
        return 0
    if args.command in ("serve", "stories", "new"):
        from xhprint.desk.cli import run_desk_command

        return run_desk_command(args)
    if args.command == "fonts":
        text, status = commands.fonts(args.issue_dir, args.lang)
        print(text)
        return status
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    debug = getattr(args, "debug", False)
    as_json = getattr(args, "json", False)
    try:
        return _run(args)
    except InputError as e:
        _print_loading_errors(e.findings, as_json)
        return 2
    except BrokenPipeError:  # `xhprint fonts | head`: the reader left; nothing to report
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted; previous outputs are untouched", file=sys.stderr)
        return 130
    except Exception as e:  # an internal bug: say so plainly, no traceback unless asked
        if debug:
            traceback.print_exc()
        else:
            print(f"xhprint: internal error: {type(e).__name__}: {e} "
                  "(run with --debug for details and report it)", file=sys.stderr)
        return 3
