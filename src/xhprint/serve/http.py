"""The desk's HTTP server (standard library): the page, its JSON, page PNGs and the pushes.

    GET /               the desk page (static/desk.html with the reader's words filled in)
    GET /desk.css, /desk.js
    GET /api/issue      the state (state.py)
    GET /api/events     Server-Sent Events: `event: issue` with the state after every change
    GET /pages/NAME.png a page picture (its name changes with its content: cached forever)

On a loopback address, a request whose Host header names another machine is refused:
a web page elsewhere cannot reach the desk by pointing a name of its own at 127.0.0.1.
"""

from __future__ import annotations

import html
import ipaddress
import json
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from xhprint.serve.desk import Desk

#: how often an idle event stream sends a comment, so a dead connection is noticed
KEEPALIVE_S = 15.0
STATIC = {"/desk.css": ("desk.css", "text/css; charset=utf-8"),
          "/desk.js": ("desk.js", "text/javascript; charset=utf-8")}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def static_text(name: str) -> str:
    return resources.files("xhprint.serve").joinpath("static", name).read_text("utf-8")


def desk_page(words: dict[str, str], lang: str, issue_name: str) -> bytes:
    """The page with the reader's words in it: the title, and all of them as JSON for desk.js."""
    blob = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
    text = (static_text("desk.html").replace("{{lang}}", html.escape(lang))
            .replace("{{title}}", html.escape(f"{words['title']} — {issue_name}"))
            .replace("{{words}}", blob))
    return text.encode("utf-8")


def is_loopback(host: str) -> bool:
    """Whether `host` is this computer only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class DeskServer(ThreadingHTTPServer):
    """A threading HTTP server holding the desk and the page it serves."""

    daemon_threads = True  # a stream still open does not keep the process alive

    def __init__(self, address: tuple[str, int], desk: Desk, page: bytes):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.desk = desk
        self.page = page
        self.assets = {path: (static_text(name).encode("utf-8"), kind)
                       for path, (name, kind) in STATIC.items()}
        self.check_host = is_loopback(address[0])
        super().__init__(address, DeskHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class DeskHandler(BaseHTTPRequestHandler):
    """One request; the routes are in the module docstring."""

    server: DeskServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        """Requests are not logged: the terminal shows the rebuilds."""

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if not self._host_allowed():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"not this host\n", "text/plain")
            return
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self.server.page, "text/html; charset=utf-8")
        elif path in self.server.assets:
            body, kind = self.server.assets[path]
            self._send(HTTPStatus.OK, body, kind)
        elif path == "/api/issue":
            _version, data = self.server.desk.state()
            self._send(HTTPStatus.OK, data, "application/json; charset=utf-8")
        elif path == "/api/events":
            self._events()
        elif path.startswith("/pages/") and path.endswith(".png"):
            picture = self.server.desk.image(path[len("/pages/"):])
            if picture is None:
                self._send(HTTPStatus.NOT_FOUND, b"no such page picture\n", "text/plain")
            else:
                self._send(HTTPStatus.OK, picture, "image/png",
                           {"Cache-Control": "max-age=31536000, immutable"})
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _host_allowed(self) -> bool:
        if not self.server.check_host:
            return True
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.strip("[]") in LOOPBACK_NAMES or is_loopback(name.strip("[]"))

    def _send(self, status: HTTPStatus, body: bytes, kind: str,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        extra = {"Cache-Control": "no-cache"} | (extra or {})
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """The state now, then again after every change, until the client or server leaves."""
        desk = self.server.desk
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        version, data = desk.state()
        desk.listening(+1)
        try:
            self._event(data)
            while not desk.closed:
                got = desk.wait(version, KEEPALIVE_S)
                if got is None:
                    if desk.closed:
                        return
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    continue
                version, data = got
                self._event(data)
        except (BrokenPipeError, ConnectionResetError):
            return
        finally:
            desk.listening(-1)

    def _event(self, data: bytes) -> None:
        self.wfile.write(b"event: issue\ndata: " + data + b"\n\n")
        self.wfile.flush()
