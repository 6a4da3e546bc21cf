"""Command line: argument parsing, the reader's language and exit codes only (outputs.md
"Commands").

Every user error is printed as `file:line:col: error[check]: message — hint` on stderr
with exit status 2; a Python traceback is shown only with --debug. Everything printed is
in the reader's language: `--lang` (before or after the command), else LC_ALL /
LC_MESSAGES / LANG. argparse's own words ("usage:", "the following arguments are
required") come from our catalogues too: while `main` runs, argparse's gettext functions
are our language's (and are put back when it returns).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from xhprint.desk.cli import DESK_COMMANDS, add_desk_commands
from xhprint.i18n import (
    Lang,
    Translations,
    default_translations,
    language_from_env,
    msg,
    tr,
)
from xhprint.i18n import parse_language as _parse_language
from xhprint.model import Finding, InputError
from xhprint.parallel import AUTO
from xhprint.preflight.report import Report

LANG_OPTION = "--lang"


def _lang_type(translations: Translations) -> Callable[[str], Lang]:
    def lang(value: str) -> Lang:
        found = _parse_language(value)
        if found is None:
            raise argparse.ArgumentTypeError(tr(
                msg("{value!r} is not a language: use zh-Hant, zh-Hans or en", value=value),
                translations))
        return found
    return lang


def _whole_number(translations: Translations) -> Callable[[str], int]:
    def number(value: str) -> int:
        if value == "auto":
            return AUTO
        try:
            return int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(tr(
                msg("{value!r} is not a whole number", value=value), translations)) from None
    return number


def _parser(translations: Translations = None) -> argparse.ArgumentParser:
    """The parser, its help in the language of `translations` (argparse's own words follow
    the gettext functions `_speaking` installs)."""
    def t(text: str) -> str:
        return tr(text, translations)

    lang_help = t(msg("language of the messages: zh-Hant, zh-Hans or en (default: from "
                      "LC_ALL, LC_MESSAGES or LANG)"))
    issue_dir = t(msg("ISSUE_DIR"))
    out_help = t(msg("output folder (default build/<issue>)"))
    out_var = t(msg("OUT"))
    p = argparse.ArgumentParser(prog="xhprint", description=t(msg("Chinese newspaper page layout.")),
                                allow_abbrev=False)
    p.add_argument("--debug", action="store_true", help=t(msg("show tracebacks of internal errors")))
    p.add_argument(LANG_OPTION, type=_lang_type(translations), default=None, help=lang_help,
                   metavar="{zh-Hant,zh-Hans,en}")
    sub = p.add_subparsers(dest="command", required=True, metavar=t(msg("COMMAND")))

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)
        c.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help=t(msg("show tracebacks of internal errors")))
        return c

    b = command("build", t(msg("lay out an issue and write print/digital PDFs and the report")))
    b.add_argument("issue_dir", type=Path, metavar=issue_dir)
    b.add_argument("-o", "--out", type=Path, default=None, help=out_help, metavar=out_var)
    b.add_argument("--proof", action="store_true", help=t(msg("also write proof PNGs and proof.pdf")))
    b.add_argument("--jobs", type=_whole_number(translations), default=1, metavar="N",
                   help=t(msg("worker processes, or auto: two for an issue of 8 pages or "
                              "more on a machine with two CPUs (same bytes for any N)")))
    b.add_argument("--json", action="store_true", help=t(msg("print the report as JSON on stdout")))
    b.add_argument("--watch", action="store_true", help=t(msg("rebuild when the issue's files change")))

    f = command("preflight", t(msg("check an issue (ISSUE_DIR) or any PDF (FILE.pdf)")))
    f.add_argument("target", type=Path, metavar=t(msg("ISSUE_DIR|FILE.pdf")))
    f.add_argument("--profile", choices=["newsprint", "digital", "ad"], default=None,
                   help=t(msg("how to judge a PDF (default: digital for our digital/issue.pdf, "
                              "else newsprint)")))
    f.add_argument("--trim", default=None, help=t(msg("expected trim size in mm, e.g. 70x90")),
                   metavar=t(msg("WxH")))
    f.add_argument("--json", action="store_true", help=t(msg("print the report as JSON on stdout")))

    r = command("proof", t(msg("PNG previews of an issue")))
    r.add_argument("issue_dir", type=Path, metavar=issue_dir)
    r.add_argument("-o", "--out", type=Path, default=None, help=out_help, metavar=out_var)
    r.add_argument("--grid", action="store_true", help=t(msg("draw columns, rows, boxes, overset marks")))

    s = command("publish", t(msg("add an issue's website to a site folder of many issues")))
    s.add_argument("issue_dir", type=Path, metavar=issue_dir)
    s.add_argument("site_dir", type=Path, metavar=t(msg("SITE_DIR")))

    g = command("suggest", t(msg("boxes for the stories that have none (automatic placement), "
                                 "as YAML; --write puts them in issue.yaml")))
    g.add_argument("issue_dir", type=Path, metavar=issue_dir)
    g.add_argument("--write", action="store_true",
                   help=t(msg("write the boxes into issue.yaml, keeping its comments and "
                              "formatting")))

    desk = add_desk_commands(command, t, issue_dir)

    c = command("fonts", t(msg("which font file and face each role uses")))
    c.add_argument("issue_dir", type=Path, nargs="?", metavar=issue_dir)
    for parser, text in ((b, lang_help), (f, lang_help), (r, lang_help), (s, lang_help),
                         (g, lang_help), *((d, lang_help) for d in desk),
                         (c, t(msg("zh-Hant or zh-Hans: the fonts to list (default: the issue's, "
                                   "else zh-Hant) and the language of the messages; en: "
                                   "messages in English")))):
        parser.add_argument(LANG_OPTION, type=_lang_type(translations), default=argparse.SUPPRESS,
                            help=text, metavar="{zh-Hant,zh-Hans,en}")
    return p


def requested_language(argv: Sequence[str], environ: dict[str, str] | os._Environ[str]) -> Lang:
    """The reader's language: the last valid `--lang X` / `--lang=X` anywhere in `argv`
    (before or after the command), else the locale (LC_ALL, LC_MESSAGES, LANG).

    Read before parsing, so argparse's own help and errors are in that language too.
    """
    found: Lang | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == LANG_OPTION and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(LANG_OPTION + "="):
            value = arg.split("=", 1)[1]
        if value is not None:
            found = _parse_language(value) or found
    return found or language_from_env(environ)


@contextmanager
def _speaking(translations: Translations) -> Iterator[None]:
    """argparse's words ("usage:", "error:") in our language while the command runs.

    argparse calls the `_` and `ngettext` bound in its module; they are ours for the
    duration and put back afterwards, so nothing outlives this call.
    """
    if translations is None:
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = translations.gettext  # type: ignore[attr-defined]
    argparse.ngettext = translations.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _print_loading_errors(findings: Sequence[Finding], as_json: bool, lang: Lang,
                          translations: Translations) -> None:
    for f in findings:
        print(f.describe(translations), file=sys.stderr)
    if as_json:
        report = Report(tuple(findings), lang=lang, translations=translations)
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))


def _run(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """Run the command's handler (commands.COMMANDS; the desk's: desk/cli.DESK_COMMANDS);
    the exit status. commands.py is imported only now: `--help` and a mistyped argument
    do not load the pipeline."""
    from xhprint.commands import COMMANDS

    return (COMMANDS | DESK_COMMANDS)[args.command](args, lang, translations)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = requested_language(argv, os.environ)
    translations = default_translations(lang)
    with _speaking(translations):
        args = _parser(translations).parse_args(argv)
        debug = getattr(args, "debug", False)
        as_json = getattr(args, "json", False)
        try:
            return _run(args, lang, translations)
        except InputError as e:
            _print_loading_errors(e.findings, as_json, lang, translations)
            return 2
        except BrokenPipeError:  # `xhprint fonts | head`: the reader left; nothing to report
            sys.stderr.close()
            return 0
        except KeyboardInterrupt:
            print(tr(msg("interrupted; previous outputs are untouched"), translations),
                  file=sys.stderr)
            return 130
        except Exception as e:  # an internal bug: say so plainly, no traceback unless asked
            if debug:
                traceback.print_exc()
            else:
                print(tr(msg("xhprint: internal error: {kind}: {error} (run with --debug for "
                             "details and report it)", kind=type(e).__name__, error=str(e)),
                         translations), file=sys.stderr)
            return 3
