"""`xhprint serve ISSUE_DIR [--port N] [--host H]`: the desk until Ctrl-C or SIGTERM.

Binds 127.0.0.1 unless a --host is given (then warns when it is not this computer
only), prints the URL, serves on a thread and rebuilds on the main one: a poll every
0.1 s (incremental.Watcher.changed), a rebuild when something changed. A port already
in use is said so and exits 2, before anything is built.
"""

from __future__ import annotations

import errno
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from xhprint.i18n import Lang, Message, tr
from xhprint.serve import words
from xhprint.serve.desk import Desk, DeskBuilder
from xhprint.serve.http import DeskServer, desk_page, is_loopback
from xhprint.serve.words import ui_translations

if TYPE_CHECKING:
    from xhprint.session import BuildSettings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8040
#: how often the issue's files are looked at: a save is noticed within this
POLL_S = 0.1


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(issue_dir: Path, *, lang: Lang, host: str | None = None, port: int = DEFAULT_PORT,
          settings: BuildSettings | None = None, out: TextIO | None = None,
          err: TextIO | None = None) -> int:
    """Serve the desk of `issue_dir` until interrupted; the exit status (0, or 2 when the
    folder or the address cannot be used)."""
    from xhprint.serve.words import page_words
    from xhprint.session import BuildSettings

    out = out or sys.stdout
    err = err or sys.stderr
    translations = ui_translations(lang)

    def say(text: str, stream: TextIO = out) -> None:
        print(tr(text, translations), file=stream, flush=True)

    if not issue_dir.is_dir():
        say(words.not_a_folder(str(issue_dir)), err)
        return 2
    bind = host or DEFAULT_HOST
    desk = Desk()
    page = desk_page(page_words(translations), lang, issue_dir.resolve().name)
    if not is_loopback(bind):
        say(words.exposed(bind), err)
    server = _open_server(bind, port, desk, page)
    if not isinstance(server, DeskServer):
        say(server, err)
        return 2
    say(words.serving(str(issue_dir), url_of(bind, server.port)))
    build_settings = settings or BuildSettings()
    _serve_until_stopped(server, lambda: DeskBuilder(
        issue_dir, build_settings, desk, translations,
        say=lambda line: print(line, file=out, flush=True)))
    say(words.stopped())
    return 0


def _open_server(host: str, port: int, desk: Desk, page: bytes) -> DeskServer | Message:
    """The server bound to host:port, or why it cannot be (the port is taken, …): said
    before anything is built, so a second desk on the same port costs nothing."""
    try:
        return DeskServer((host, port), desk, page)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            return words.port_in_use(host, port)
        return words.cannot_bind(host, port, e.strerror or str(e))


def _serve_until_stopped(server: DeskServer, builder: Callable[[], DeskBuilder]) -> None:
    """Serve on a thread and rebuild on this one until Ctrl-C or SIGTERM, then close the
    streams and the server. The builder is made inside the loop's guard: Ctrl-C while the
    first build runs stops as cleanly as later."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="desk-http", daemon=True)
    thread.start()
    restore = _stop_on_sigterm()
    try:
        rebuilds = builder()
        while True:
            if not rebuilds.step():
                time.sleep(POLL_S)
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        server.desk.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _stop_on_sigterm() -> Callable[[], None]:
    """SIGTERM (a service manager, `kill`) stops the desk as Ctrl-C does; the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _interrupt)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
