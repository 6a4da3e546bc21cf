"""The desk's commands on the command line: `serve`, `stories`, `new` (issue 12).

Their arguments and dispatch, kept beside cli.py so cli.py only names them. Every
message is in the reader's language: `--lang`, else LC_ALL / LC_MESSAGES / LANG.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from xhprint.i18n import Lang, Message, msg

TEMPLATES = ("broadsheet", "tabloid")
ISSUE_LANGS = ("zh-Hant", "zh-Hans")


def add_desk_commands(command: Callable[[str, str], argparse.ArgumentParser],
                      t: Callable[[Message], str], issue_dir: str
                      ) -> list[argparse.ArgumentParser]:
    """serve, stories and new, made with cli.py's `command` (translated help, --debug);
    returns the parsers that take cli.py's message `--lang` (`new` has its own)."""
    s = command("serve", t(msg("the editor's desk: the issue's pages live in the browser, "
                               "rebuilt on every save")))
    s.add_argument("issue_dir", type=Path, metavar=issue_dir)
    s.add_argument("--port", type=int, default=None, metavar="N",
                   help=t(msg("port to serve on (default 8040; 0: any free port)")))
    s.add_argument("--host", default=None,
                   help=t(msg("address to serve on (default 127.0.0.1, this computer only)")))

    r = command("stories", t(msg("the issue's stories: characters, photos, where placed, rows "
                                 "needed at 1…N columns")))
    r.add_argument("issue_dir", type=Path, metavar=issue_dir)

    n = command("new", t(msg("write a starter issue that builds ready for press")))
    n.add_argument("issue_dir", type=Path, metavar=issue_dir)
    n.add_argument("--template", choices=TEMPLATES, required=True,
                   help=t(msg("the layout template: broadsheet or tabloid")))
    n.add_argument("--lang", choices=ISSUE_LANGS, default=argparse.SUPPRESS,
                   help=t(msg("the issue's language (default zh-Hant); also the messages'")))
    return [s, r]


def run_desk_command(args: argparse.Namespace, lang: Lang) -> int:
    """Run serve, stories or new in the reader's language `lang` (cli.py chose it)."""
    from xhprint import commands

    if args.command == "serve":
        return commands.serve(args.issue_dir, host=args.host, port=args.port, lang=lang)
    if args.command == "stories":
        return commands.stories(args.issue_dir, lang=lang)
    if args.command == "new":
        return commands.new_issue(args.issue_dir, args.template,
                                  getattr(args, "lang", "zh-Hant"), lang=lang)
    raise AssertionError(args.command)
