"""The desk's commands on the command line: `serve`, `stories`, `new` (issue 12).

Their arguments and dispatch, kept beside cli.py so cli.py only names them. Every
message is in the reader's language: `--lang`, else LC_ALL / LC_MESSAGES / LANG.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from xhprint.i18n import Lang, language_from_env, msg, parse_language

TEMPLATES = ("broadsheet", "tabloid")
ISSUE_LANGS = ("zh-Hant", "zh-Hans")


def _language(value: str) -> Lang:
    found = parse_language(value)
    if found is None:
        raise argparse.ArgumentTypeError(
            msg("{value!r} is not a language: use zh-Hant, zh-Hans or en", value=value))
    return found


def add_desk_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    lang_help = msg("language of the messages and of the desk page: zh-Hant, zh-Hans or en "
                    "(default: from LC_ALL, LC_MESSAGES or LANG)")

    s = sub.add_parser("serve", help=msg("the editor's desk: the issue's pages live in the "
                                         "browser, rebuilt on every save"))
    s.add_argument("issue_dir", type=Path)
    s.add_argument("--port", type=int, default=None,
                   help=msg("port to serve on (default 8040; 0: any free port)"))
    s.add_argument("--host", default=None,
                   help=msg("address to serve on (default 127.0.0.1, this computer only)"))
    s.add_argument("--lang", type=_language, default=argparse.SUPPRESS, help=lang_help)
    s.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    t = sub.add_parser("stories", help=msg("the issue's stories: characters, photos, where "
                                           "placed, rows needed at 1…N columns"))
    t.add_argument("issue_dir", type=Path)
    t.add_argument("--lang", type=_language, default=argparse.SUPPRESS, help=lang_help)
    t.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)

    n = sub.add_parser("new", help=msg("write a starter issue that builds ready for press"))
    n.add_argument("issue_dir", type=Path)
    n.add_argument("--template", choices=TEMPLATES, required=True,
                   help=msg("the layout template: broadsheet or tabloid"))
    n.add_argument("--lang", choices=ISSUE_LANGS, default=argparse.SUPPRESS,
                   help=msg("the issue's language (default zh-Hant); also the messages'"))
    n.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)


def reader_language(args: argparse.Namespace) -> Lang:
    """--lang if given, else the locale's."""
    given = getattr(args, "lang", None)
    found = parse_language(given) if given else None
    return found or language_from_env(os.environ)


def run_desk_command(args: argparse.Namespace) -> int:
    from xhprint import commands

    lang = reader_language(args)
    if args.command == "serve":
        return commands.serve(args.issue_dir, host=args.host, port=args.port, lang=lang)
    if args.command == "stories":
        return commands.stories(args.issue_dir, lang=lang)
    if args.command == "new":
        return commands.new_issue(args.issue_dir, args.template,
                                  getattr(args, "lang", "zh-Hant"), lang=lang)
    raise AssertionError(args.command)
