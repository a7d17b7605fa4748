#!/usr/bin/env python3
"""A network fault between the shipper and central, for the delivery tests.

Relays HTTP/1.1 requests to the real central (--target host:port) and injects faults by
request number, so every run fails the same requests:
  pass               relay everything
  fail-every-other   odd-numbered requests get 500 without reaching central
  drop-every-other   odd-numbered requests reach central (which stores them), but the answer is
                     thrown away and the client gets 502: the shipper must resend, and central
                     must answer "duplicate"
GET /__relay/stats answers {"requests":N,"relayed":N,"failed":N,"dropped":N}.
Prints {"port": N} on stdout once listening.
"""
import argparse
import http.client
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-connection", "host", "content-length", "expect"}


class State:
    def __init__(self, mode, target):
        self.mode = mode
        self.target = target
        self.lock = threading.Lock()
        self.stats = {"requests": 0, "relayed": 0, "failed": 0, "dropped": 0}

    def next_number(self):
        with self.lock:
            self.stats["requests"] += 1
            return self.stats["requests"]

    def count(self, key):
        with self.lock:
            self.stats[key] += 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, fmt, *args):
        sys.stderr.write("fault_relay: " + (fmt % args) + "\n")

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/__relay/stats":
            with self.state.lock:
                stats = dict(self.state.stats)
            self.reply(200, stats)
            return
        self.relay(b"")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.relay(self.rfile.read(length))

    def relay(self, body):
        state = self.state
        number = state.next_number()
        odd = number % 2 == 1
        if state.mode == "fail-every-other" and odd:
            state.count("failed")
            self.reply(500, {"error": {"code": "injected", "message": "fault_relay: injected 500"}})
            return
        host, port = state.target.rsplit(":", 1)
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
        except OSError as e:
            state.count("failed")
            self.reply(502, {"error": {"code": "relay", "message": str(e)}})
            return
        finally:
            conn.close()
        if state.mode == "drop-every-other" and odd:
            state.count("dropped")
            self.reply(502, {"error": {"code": "injected", "message": "fault_relay: answer lost"}})
            return
        state.count("relayed")
        self.send_response(answer.status)
        for k, v in answer.getheaders():
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def exit_on_stdin_eof():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="central host:port")
    parser.add_argument("--mode", default="pass",
                        choices=["pass", "fail-every-other", "drop-every-other"])
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin reaches EOF (the parent test process is gone)")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=exit_on_stdin_eof, daemon=True).start()
    Handler.state = State(args.mode, args.target)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
