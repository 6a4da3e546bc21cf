"""Every word the desk shows in the browser or prints on the terminal, in one place.

The page's words are made with `msg` here and translated by the server into the
reader's language before the page is sent (`page_words`): the JavaScript only looks
them up. A word with a placeholder the browser fills in (`{col}`) is made with that
placeholder as its own argument, so the English text and every translation keep it.
"""

from __future__ import annotations

import gettext

from xhprint.i18n import Lang, Message, default_translations, msg, nmsg, tr
from xhprint.model import Finding

Translations = gettext.NullTranslations | None

#: key → the page's word (desk.js looks them up by key)
PAGE_WORDS: dict[str, Message] = {
    "title": msg("Editor's desk"),
    "plan": msg("Pages"),
    "findings": msg("Findings"),
    "no_findings": msg("No findings: nothing to fix."),
    "grid": msg("Grid"),
    "boxes": msg("Boxes"),
    "zoom_in": msg("Zoom in"),
    "zoom_out": msg("Zoom out"),
    "fit": msg("Fit width"),
    "actual": msg("100 %"),
    "page": msg("page {n}", n="{n}"),
    "pointer": msg("col {col}, row {row}", col="{col}", row="{row}"),
    "pointer_gutter": msg("gutter, row {row}", row="{row}"),
    "status_error": msg("errors"),
    "status_warning": msg("warnings"),
    "status_ready": msg("ready"),
    "error": msg("error"),
    "warning": msg("warning"),
    "automatic": msg("size chosen by xhprint"),
    "load_error": msg("The issue cannot be laid out; the last good pages stay on show. "
                      "Fix this and save:"),
    "building": msg("Laying out the issue…"),
    "checking": msg("checking…"),
    "offline": msg("The desk's server has stopped: start `xhprint serve` again."),
    "updated": msg("updated {time}", time="{time}"),
}


def ui_translations(lang: Lang) -> Translations:
    """The reader's catalogue; English when the language has none installed yet."""
    try:
        return default_translations(lang)
    except OSError:
        return None


def page_words(translations: Translations) -> dict[str, str]:
    """The page's words in the reader's language, for the HTML page to embed."""
    return {key: tr(word, translations) for key, word in PAGE_WORDS.items()}


def cannot_lay_out(errors: int) -> Message:
    """The status line while the issue cannot be laid out (the pages shown are older)."""
    return nmsg("CANNOT BE LAID OUT: {n} error", "CANNOT BE LAID OUT: {n} errors", errors,
                n=errors)


def verdict(errors: int, warnings: int) -> Message:
    """The status line of a build, as the terminal report's verdict says it."""
    if errors:
        return nmsg("NOT READY: {n} error, {w} warnings", "NOT READY: {n} errors, {w} warnings",
                    errors, n=errors, w=warnings)
    return nmsg("READY FOR PRESS ({w} warning)", "READY FOR PRESS ({w} warnings)", warnings,
                w=warnings)


def serving(issue: str, url: str) -> Message:
    return msg("serving {issue} at {url} — open it in a browser; Ctrl-C stops", issue=issue,
               url=url)


def exposed(host: str) -> Message:
    return msg("warning: serving on {host}, not only this computer: anyone who can reach "
               "it can read the issue (leave out --host to serve on 127.0.0.1 only)",
               host=host)


def port_in_use(host: str, port: int) -> Message:
    return msg("port {port} on {host} is already in use (another xhprint serve?): stop it, "
               "or choose another with --port", port=port, host=host)


def cannot_bind(host: str, port: int, reason: str) -> Message:
    return msg("cannot serve on {host} port {port}: {reason}", host=host, port=port,
               reason=reason)


def not_a_folder(path: str) -> Message:
    return msg("{path} is not a folder: give the issue folder (the one with issue.yaml)",
               path=path)


def shown(pages: tuple[int, ...], seconds: float) -> Message:
    numbers = ", ".join(str(n) for n in pages)
    return nmsg("page {pages} on screen in {s:.2f} s", "pages {pages} on screen in {s:.2f} s",
                len(pages), pages=numbers, s=seconds)


def nothing_changed() -> Message:
    return msg("no page changed")


def checked(seconds: float, verdict_text: Message) -> Message:
    return msg("checked in {s:.2f} s: {verdict}", s=seconds, verdict=verdict_text)


def load_failed() -> Message:
    return msg("could not lay out the issue; the last good pages stay on show:")


def internal_error(e: Exception) -> Message:
    return msg("xhprint: internal error: {kind}: {error} (run `xhprint build --debug` on the "
               "issue for details and report it)", kind=type(e).__name__, error=str(e))


def stopped() -> Message:
    return msg("stopped")


def describe(f: Finding, translations: Translations) -> str:
    """`where: severity[check]: message — hint`, as Finding.describe, in the reader's words."""
    place = str(f.where) if f.where else (f.pdf or "")
    head = f"{place}: " if place else ""
    hint = f" — {tr(f.hint, translations)}" if f.hint else ""
    return f"{head}{f.severity}[{f.check}]: {tr(f.message, translations)}{hint}"
