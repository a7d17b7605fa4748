#!/usr/bin/env python3
"""Mock Gemini upstream for costgate integration tests.

An independent HTTP/1.1 + TLS server (Python standard library only, no costgate code) that
replays the recorded fixtures in tests/fixtures/<provider>/ (the --fixtures folder and its
sibling provider folders). Prints one JSON line {"port": N, "tarpit_port": M} on stdout once both
listeners are ready.

Request headers that drive it:
  x-mock-fixture: <fixture base name>   which recording to replay; the request method and
                                        path+query (key= ignored) must match the recording
  x-mock-body: <folder>/<file>          a recorded response body without a recorded exchange
                                        (tests/fixtures/elevenlabs/*.json): 200, JSON
  x-mock-behavior: a,b,...              gate:NAME | reset-after:N | reset-before-head |
                                        delay-head-ms:N | stall-after:N | close | length |
                                        pace-ms:N (waits N ms before each chunk after the first)
  x-mock-usage: prompt=N,output=M       without x-mock-fixture, a generateContent answer
                                        reporting that usage (default_routes.py)
Without x-mock-fixture, an SDK call is answered by default_routes.py (a fixture or a synthetic
response shaped like the real API, chosen by method and path).
Control endpoints (same port): GET /__mock/requests, POST /__mock/reset,
POST /__mock/release/NAME.
"""

import argparse
import fcntl
import hashlib
import http.server
import itertools
import json
import os
import re
import select
import socket
import ssl
import struct
import sys
import termios
import threading
import time
import urllib.parse

import default_routes

MAX_WAIT_S = 30.0
GZIP_PIECE_BYTES = 97
CONTROL_PREFIX = "/__mock/"
# Framing and hop-by-hop headers: the mock writes its own, matching the bytes it sends.
DROPPED_HEADERS = {"content-length", "transfer-encoding", "content-encoding", "connection",
                   "keep-alive"}
SSE_EVENT_END = re.compile(rb"\r\n\r\n|\n\n|\r\r")


class Fixture:
    def __init__(self, name, meta, fixtures_dir):
        request, response = meta["request"], meta["response"]
        self.name = name
        self.method = request["method"].upper()
        self.path, self.query = split_target(request["uri"])
        # {"code": 200, "message": "OK"} in the Gemini recordings, a bare 200 in others.
        status = response["status"]
        self.status = status["code"] if isinstance(status, dict) else int(status)
        self.reason = status.get("message", "") if isinstance(status, dict) else ""
        recorded = [(k, v) for k, values in response["headers"].items()
                    for v in (values if isinstance(values, list) else [values])]
        lowered = {k.lower(): v for k, v in recorded}
        self.chunked = "chunked" in lowered.get("transfer-encoding", "").lower()
        self.gzip = ("gzip" in lowered.get("content-encoding", "").lower()
                     and "raw_gzip_file" in response)
        self.headers = [(k, v) for k, v in recorded if k.lower() not in DROPPED_HEADERS]
        # The decoded body (the recorded body when it was not gzip), for identity().
        self.identity_body = (read_bytes(fixtures_dir, response["body_file"])
                              if response.get("body_file") else b"")
        if self.gzip:
            self.headers.append(("Content-Encoding", "gzip"))
            body = read_bytes(fixtures_dir, response["raw_gzip_file"])
            self.chunks = [body[i:i + GZIP_PIECE_BYTES]
                           for i in range(0, len(body), GZIP_PIECE_BYTES)]
        elif response.get("body_file", "").endswith(".sse"):
            self.chunks = split_sse(self.identity_body)
        else:
            self.chunks = [self.identity_body] if self.identity_body else []

    def identity(self):
        """The same answer without Content-Encoding, for a client that did not accept gzip."""
        headers = [(k, v) for k, v in self.headers if k.lower() != "content-encoding"]
        body = self.identity_body
        return default_routes.Reply(self.name, self.status, headers, [body] if body else [],
                                    self.chunked)


def read_bytes(directory, name):
    with open(os.path.join(directory, name), "rb") as f:
        return f.read()


def split_sse(body):
    """One piece per event, separator included, so the pieces concatenate to the exact body."""
    pieces, start = [], 0
    for match in SSE_EVENT_END.finditer(body):
        pieces.append(body[start:match.end()])
        start = match.end()
    if start < len(body):
        pieces.append(body[start:])
    return pieces


def split_target(uri_or_target):
    """(decoded path, query pairs without key=) of a URI or request target."""
    parts = urllib.parse.urlsplit(uri_or_target)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
             if k != "key"]
    return urllib.parse.unquote(parts.path), query


def load_fixtures(directory):
    """The fixtures of `directory` and of its sibling provider folders (names are unique)."""
    fixtures = {}
    root = os.path.dirname(os.path.abspath(directory))
    first = os.path.abspath(directory)
    siblings = sorted(os.path.join(root, d) for d in os.listdir(root))
    folders = [first] + [d for d in siblings if os.path.isdir(d) and d != first]
    for folder in folders:
        for entry in sorted(os.listdir(folder)):
            if entry.endswith(".meta.json"):
                name = entry[:-len(".meta.json")]
                with open(os.path.join(folder, entry), encoding="utf-8") as f:
                    fixtures[name] = Fixture(name, json.load(f), folder)
            elif entry.startswith("jsgenai-rec-") and entry.endswith(".json"):
                with open(os.path.join(folder, entry), encoding="utf-8") as f:
                    interactions = json.load(f)["interactions"]
                for index, interaction in enumerate(interactions):
                    name = entry[:-len(".json")] + (f".{index}" if len(interactions) > 1 else "")
                    fixtures[name] = js_genai_fixture(name, interaction)
    return fixtures


def js_genai_fixture(name, interaction):
    """A js-genai test recording (test/system/recordings): real status and headers, but the
    body only as parsed JSON segments, so the mock sends each segment re-serialized."""
    request, response = interaction["request"], interaction["response"]
    headers = [(k, v) for k, v in response["headers"].items() if k.lower() not in DROPPED_HEADERS]
    chunks = [json.dumps(segment).encode() for segment in response["bodySegments"]]
    fixture = default_routes.Reply(name, response["statusCode"], headers, chunks, False)
    fixture.method = request["method"].upper()
    fixture.path, fixture.query = split_target(request["url"])
    return fixture


class Behaviors:
    def __init__(self, header_value):
        self.gate = None
        self.reset_after = None
        self.reset_before_head = False
        self.delay_head_s = 0.0
        self.pace_s = 0.0
        self.stall_after = None
        self.close = False
        self.length = False
        for item in filter(None, (s.strip() for s in header_value.split(","))):
            name, _, arg = item.partition(":")
            if name == "gate":
                self.gate = arg
            elif name == "reset-after":
                self.reset_after = int(arg)
            elif name == "reset-before-head":
                self.reset_before_head = True
            elif name == "delay-head-ms":
                self.delay_head_s = int(arg) / 1000.0
            elif name == "pace-ms":
                self.pace_s = int(arg) / 1000.0
            elif name == "stall-after":
                self.stall_after = int(arg)
            elif name == "close":
                self.close = True
            elif name == "length":
                self.length = True
            else:
                raise ValueError(f"unknown x-mock-behavior item {item!r}")


class State:
    def __init__(self, fixtures, fixtures_root):
        self.fixtures = fixtures
        self.fixtures_root = fixtures_root
        self.lock = threading.Lock()
        self.requests = []
        self.gates = {}
        self.connection_ids = itertools.count(1)

    def gate(self, name):
        with self.lock:
            return self.gates.setdefault(name, threading.Event())

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def snapshot(self):
        with self.lock:
            return json.dumps(self.requests).encode()

    def reset(self):
        with self.lock:
            self.requests = []
            self.gates = {}


class PeerGone(Exception):
    pass


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set in main

    def setup(self):
        # The handshake runs here, in the connection's thread, so a slow client never blocks
        # accept().
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request.settimeout(10)
        self.request.do_handshake()
        self.request.settimeout(None)
        super().setup()
        self.connection_id = next(self.state.connection_ids)

    def do_request(self):
        body = self.read_body()
        if self.path.startswith(CONTROL_PREFIX):
            self.control()
            return
        entry = {
            "method": self.command,
            "target": self.path,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body_len": len(body),
            "body_sha256": hashlib.sha256(body).hexdigest(),
            "client_aborted": False,
            "response_completed": False,
            "connection_id": self.connection_id,
        }
        self.state.record(entry)
        self.log_message("%s %s fixture=%s behavior=%s", self.command, self.path,
                         self.headers.get("x-mock-fixture"), self.headers.get("x-mock-behavior"))
        try:
            self.replay(entry, body)
        except PeerGone:
            entry["client_aborted"] = True
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_request

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = bytearray()
            while True:
                size = int(self.rfile.readline(65537).split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(body)
                body += self.rfile.read(size)
                self.rfile.readline(65537)
        length = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(length) if length else b""

    def control(self):
        action = self.path[len(CONTROL_PREFIX):]
        if self.command == "GET" and action == "requests":
            self.send_simple(200, "application/json", self.state.snapshot())
        elif self.command == "POST" and action == "reset":
            self.state.reset()
            self.send_simple(200, "application/json", b"{}")
        elif self.command == "POST" and action.startswith("release/"):
            self.state.gate(action[len("release/"):]).set()
            self.send_simple(200, "application/json", b"{}")
        else:
            self.send_simple(404, "text/plain", f"mock: no control endpoint {self.path}\n".encode())

    def replay(self, entry, body):
        name = self.headers.get("x-mock-fixture")
        fixture = self.state.fixtures.get(name) if name else None
        if name is None:
            # No recorded exchange named: a recorded body, or the default answer of an SDK call.
            body_file = self.headers.get("x-mock-body")
            fixture = (self.recorded_body(body_file) if body_file is not None else
                       default_routes.default_reply(self.command, self.path, self.headers, body,
                                                    self.state.fixtures))
            if fixture is not None:
                entry["default_reply"] = fixture.name
                entry["response_completed"] = self.send_fixture(fixture, Behaviors(""))
                return
        if fixture is None:
            message = f"mock: unknown fixture {name!r}" if name else "mock: no x-mock-fixture"
            error = {"error": {"code": 404, "message": message, "status": "NOT_FOUND"}}
            self.send_simple(404, "application/json", json.dumps(error).encode())
            entry["response_completed"] = True
            return
        mismatch = self.check_request(fixture)
        if mismatch:
            self.send_simple(400, "text/plain", mismatch.encode())
            entry["response_completed"] = True
            return
        try:
            behaviors = Behaviors(self.headers.get("x-mock-behavior", ""))
        except ValueError as e:
            self.send_simple(400, "text/plain", f"mock: {e}\n".encode())
            entry["response_completed"] = True
            return
        entry["response_completed"] = self.send_fixture(fixture, behaviors)

    def recorded_body(self, relative):
        """200 JSON with the bytes of tests/fixtures/<relative>; None outside that folder."""
        root = os.path.realpath(self.state.fixtures_root)
        path = os.path.realpath(os.path.join(root, relative))
        if not path.startswith(root + os.sep) or not os.path.isfile(path):
            return None
        headers = [("Content-Type", "application/json")]
        return default_routes.Reply(relative, 200, headers, [read_bytes(root, path)], False)

    def check_request(self, fixture):
        path, query = split_target(self.path)
        if self.command == fixture.method and path == fixture.path and query == fixture.query:
            return None
        expected = fixture.path + ("?" + urllib.parse.urlencode(fixture.query)
                                   if fixture.query else "")
        return (f"mock: fixture {fixture.name} expects {fixture.method} {expected} "
                f"(key= ignored), got {self.command} {self.path}\n")

    def send_fixture(self, fixture, behaviors):
        """Writes the recorded response; False when a behavior cut it short."""
        if behaviors.delay_head_s and self.wait(None, behaviors.delay_head_s) == "aborted":
            raise PeerGone()
        if behaviors.reset_before_head:
            self.reset_connection()
            return False
        chunked = fixture.chunked and not behaviors.length
        head = [f"HTTP/1.1 {fixture.status} {fixture.reason}"]
        head += [f"{k}: {v}" for k, v in fixture.headers]
        if chunked:
            head.append("Transfer-Encoding: chunked")
        else:
            head.append(f"Content-Length: {sum(len(c) for c in fixture.chunks)}")
        if behaviors.close:
            head.append("Connection: close")
            self.close_connection = True
        self.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        for index, chunk in enumerate(fixture.chunks):
            if self.interrupt_at(index, behaviors):
                return False
            if index > 0 and behaviors.pace_s and self.wait(None, behaviors.pace_s) == "aborted":
                raise PeerGone()
            self.write(b"%X\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            if index == 0 and behaviors.gate is not None:
                self.wait_gate(behaviors.gate)
        if not fixture.chunks and behaviors.gate is not None:
            self.wait_gate(behaviors.gate)
        if self.interrupt_at(len(fixture.chunks), behaviors):
            return False
        if chunked:
            self.write(b"0\r\n\r\n")
        return True

    def interrupt_at(self, index, behaviors):
        """Applies reset-after / stall-after before chunk `index`; True when the reply ends."""
        if behaviors.reset_after == index:
            self.reset_connection()
            return True
        if behaviors.stall_after == index:
            if self.wait(None, MAX_WAIT_S) == "aborted":
                raise PeerGone()
            self.close_connection = True
            return True
        return False

    def wait_gate(self, name):
        outcome = self.wait(self.state.gate(name), MAX_WAIT_S)
        if outcome == "aborted":
            raise PeerGone()
        if outcome == "timeout":
            self.log_message("gate %s not released within %.0f s", name, MAX_WAIT_S)

    def wait(self, event, timeout_s):
        """Waits for `event` (or just `timeout_s`), watching whether the peer hangs up."""
        deadline = time.monotonic() + timeout_s
        while True:
            if event is not None and event.is_set():
                return "released"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout"
            readable, _, _ = select.select([self.connection], [], [], min(0.02, remaining))
            if readable and self.peer_closed():
                return "aborted"

    def peer_closed(self):
        self.connection.settimeout(0.0)
        try:
            data = self.connection.recv(1)
        except (ssl.SSLWantReadError, BlockingIOError):
            return False
        except OSError:
            return True
        finally:
            self.connection.settimeout(None)
        if data:
            self.log_message("unexpected byte from peer while replying")
        return not data

    def write(self, data):
        try:
            self.wfile.write(data)
        except OSError as e:
            raise PeerGone() from e

    def reset_connection(self):
        # SO_LINGER 0 turns close() into an RST, which discards whatever is still queued: wait
        # until the peer has acknowledged the chunks already written. Closing the SSL socket
        # without unwrap() sends no close_notify, so the peer sees an abrupt transport failure.
        deadline = time.monotonic() + 2.0
        while self.unacknowledged_bytes() > 0 and time.monotonic() < deadline:
            time.sleep(0.001)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.rfile.close()  # drops the last reference to the fd: the real close happens here
        self.close_connection = True

    def unacknowledged_bytes(self):
        queued = fcntl.ioctl(self.connection.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
        return struct.unpack("i", queued)[0]

    def send_simple(self, status, content_type, body):
        head = (f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n")
        self.write(head.encode("latin-1") + body)

    def log_message(self, fmt, *args):
        sys.stderr.write(f"mock[{getattr(self, 'connection_id', '-')}] {fmt % args}\n")


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128

    def handle_error(self, request, client_address):
        sys.stderr.write(f"mock: connection from {client_address} failed: {sys.exc_info()[1]}\n")


def run_tarpit(listener):
    held = []  # accepted and never answered: a TLS handshake against it can only time out
    while True:
        connection, _ = listener.accept()
        held.append(connection)


def exit_on_stdin_eof():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin reaches EOF (the parent test process is gone)")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=exit_on_stdin_eof, daemon=True).start()

    Handler.state = State(load_fixtures(args.fixtures),
                          os.path.dirname(os.path.abspath(args.fixtures)))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    context.set_alpn_protocols(["http/1.1"])
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    tarpit = socket.create_server(("127.0.0.1", 0), backlog=128)
    threading.Thread(target=run_tarpit, args=(tarpit,), daemon=True).start()

    ports = {"port": server.server_address[1], "tarpit_port": tarpit.getsockname()[1]}
    print(json.dumps(ports), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
