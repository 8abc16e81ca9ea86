"""The preview server: standard-library `http.server`, one thread per request.

It only reads. It answers GET and HEAD for: its own pages (`/`, `/topic/<id>`), its
own script and styles (`/_/...`, kept in memory), the version stream (`/events`), and
the outputs of the topics it serves (`/files/<id>/<name>`, where `<name>` must be an
output of the registry or one of its page images, inside `OUT/<id>/`, and no link).
Everything else, `..` in any form included, is refused. Its pages load nothing from
elsewhere (Content-Security-Policy), and requests naming another host are refused
(a web page elsewhere cannot reach it through DNS rebinding). A request that stops
sending is closed after REQUEST_SECONDS; one cut off by the other side ends quietly.
"""

from __future__ import annotations

import re
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from generator.authoring.pages import FILES, index_page, topic_page
from generator.authoring.session import Session
from generator.exporters import EXPORTERS
from generator.paths import TEMPLATES_DIR

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'"
)
FILE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
"""An output shown in a frame: its own inline styles and images, never a script."""
TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
    ".apkg": "application/octet-stream",
}
KEEPALIVE_SECONDS = 10.0
REQUEST_SECONDS = 5.0
"""A request whose bytes stop coming for this long is closed (it held a thread)."""
_PAGE_IMAGE = re.compile(r"(.+)-page-[1-9][0-9]{0,3}\.png")


def static_files() -> dict[str, tuple[bytes, str]]:
    """The server's own files, read once: path -> (content, type)."""
    here = TEMPLATES_DIR / "preview"
    return {
        "/_/live.js": ((here / "live.js").read_bytes(), "text/javascript; charset=utf-8"),
        "/_/preview.css": ((here / "preview.css").read_bytes(), "text/css; charset=utf-8"),
        "/_/card.css": (
            (TEMPLATES_DIR / "anki" / "card.css").read_bytes(),
            "text/css; charset=utf-8",
        ),
    }


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], session: Session) -> None:
        self.session = session
        self.static = static_files()
        super().__init__(address, Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A request cut off by the other side (a page closed or reloaded while it
        loaded, a client that stopped sending) ends quietly; anything else is a bug of
        ours and is printed as `socketserver` does."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = REQUEST_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for build messages."""

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        """Answer, counted by the session's readers: a save's rebuild waits for the
        pages it told to fetch themselves before it builds the rest."""
        readers = self.server.session.readers
        path = unquote(urlsplit(self.path).path)
        if path == "/events":
            with readers.listening():
                self._answer(head)
        else:
            with readers.answering(page=path == "/" or path.startswith("/topic/")):
                self._answer(head)

    def _answer(self, head: bool) -> None:
        if not self._host_allowed():
            self._refuse(HTTPStatus.FORBIDDEN, "this server answers only its own address")
            return
        raw = urlsplit(self.path).path
        path = unquote(raw)
        if ".." in raw or ".." in path or "\\" in path or "\x00" in path:
            self._refuse(HTTPStatus.BAD_REQUEST, "paths with '..' are refused")
            return
        session = self.server.session
        if path == "/events":
            self._events()
        elif path in self.server.static:
            content, kind = self.server.static[path]
            self._send(content, kind, PAGE_POLICY, head)
        elif path == "/" and len(session.topics) == 1:
            self._redirect(f"/topic/{next(iter(session.topics))}")
        elif path == "/":
            self._send(index_page(session).encode(), TYPES[".html"], PAGE_POLICY, head)
        elif path.startswith("/topic/") and (state := session.topics.get(path[7:])):
            self._send(topic_page(session, state).encode(), TYPES[".html"], PAGE_POLICY, head)
        elif path.startswith(FILES + "/"):
            self._output(path[len(FILES) + 1 :], head)
        else:
            self._refuse(HTTPStatus.NOT_FOUND, "no such page")

    def _host_allowed(self) -> bool:
        host = self.headers.get("Host", "")
        port = self.server.server_address[1]
        return host in {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}

    def _output(self, rest: str, head: bool) -> None:
        """`<id>/<name>`: an output of a served topic, or one of its page images."""
        key, _, name = rest.partition("/")
        state = self.server.session.topics.get(key)
        if state is None or not _is_output_name(key, name):
            self._refuse(HTTPStatus.NOT_FOUND, "no such file")
            return
        folder = self.server.session.out_dir(state)
        target = folder / name
        try:
            if folder.is_symlink() or target.is_symlink() or target.resolve().parent != folder:
                raise FileNotFoundError(name)
            content = target.read_bytes()
        except OSError:
            self._refuse(HTTPStatus.NOT_FOUND, "no such file (not built yet?)")
            return
        kind = TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
        self._send(content, kind, FILE_POLICY, head)

    def _events(self) -> None:
        """Server-sent events: the version now, then each new version as it comes, each
        with its news (`Session.news`)."""
        session = self.server.session
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while not session.stopping:
                version, news = session.wait_for_change(seen, KEEPALIVE_SECONDS)
                if session.stopping:
                    break
                message = f"data: {news}\n\n" if version != seen else ": still here\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = version
        except OSError:  # the page was closed
            pass

    def _send(self, content: bytes, kind: str, policy: str, head: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self._common_headers(policy)
        self.end_headers()
        if not head:
            self.wfile.write(content)

    def _common_headers(self, policy: str) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self._common_headers(PAGE_POLICY)
        self.end_headers()

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        body = f"{status.value} {status.phrase}: {why}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self._common_headers(PAGE_POLICY)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _is_output_name(key: str, name: str) -> bool:
    """Whether `name` is a file the build or `preview` writes for topic `key`: an
    output of the registry, or the image of a page of one of its PDFs."""
    outputs = {exporter.filename(key) for exporter in EXPORTERS}
    image = _PAGE_IMAGE.fullmatch(name)
    return name in outputs or (image is not None and f"{image.group(1)}.pdf" in outputs)


def serve(server: PreviewServer) -> threading.Thread:
    """Serve on a thread (tests and the benchmark); `server.shutdown()` stops it."""
    thread = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    thread.start()
    return thread
