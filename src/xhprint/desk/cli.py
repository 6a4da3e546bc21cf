"""The desk's commands on the command line: `serve`, `stories`, `new` (issue 12).

Their arguments and handlers (DESK_COMMANDS), kept beside cli.py so cli.py only names
them. Every message is in the reader's language: `--lang`, else LC_ALL / LC_MESSAGES /
LANG.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from xhprint.i18n import Lang, Message, Translations, msg

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
    # its own dest: the `--lang` before the command (the messages' language) shares `lang`
    n.add_argument("--lang", dest="issue_lang", choices=ISSUE_LANGS, default="zh-Hant",
                   help=t(msg("the issue's language (default zh-Hant); also the messages'")))
    return [s, r]


def run_serve(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint serve`: the desk until Ctrl-C."""
    from xhprint import commands

    return commands.serve(args.issue_dir, host=args.host, port=args.port, lang=lang)


def run_stories(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint stories`: the table of stories and the rows they need."""
    from xhprint import commands

    return commands.stories(args.issue_dir, lang=lang)


def run_new(args: argparse.Namespace, lang: Lang, translations: Translations) -> int:
    """`xhprint new`: a starter issue (its `--lang` is the issue's, default zh-Hant)."""
    from xhprint import commands

    return commands.new_issue(args.issue_dir, args.template, args.issue_lang, lang=lang)


#: the desk's commands by name, with the handler signature of commands.COMMANDS; they run
#: in the reader's language `lang` (cli.py chose it)
DESK_COMMANDS: dict[str, Callable[[argparse.Namespace, Lang, Translations], int]] = {
    "serve": run_serve,
    "stories": run_stories,
    "new": run_new,
}
