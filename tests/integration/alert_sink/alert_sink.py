#!/usr/bin/env python3
"""Where central's budget alerts go in the alert tests: an SMTP sink and a webhook receiver.

SMTP (--smtp-port, 0 = any): EHLO/HELO, AUTH PLAIN (with or without an initial response) and
AUTH LOGIN when --smtp-auth is given, MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET, NOOP, QUIT.
Every message is kept with its envelope and the credentials it authenticated with.

HTTP (--http-port, 0 = any): every POST is a webhook delivery, kept with its path, headers and
body, and answered with the next status of --statuses (comma-separated, e.g. "500,500"), then
200 once they are used up. Each delivery's HMAC signature is checked here, independently of
costgate, against --secret: "signature_ok" is true, false, or null (no --secret given).
GET /__sink/received answers {"mails":[...], "webhooks":[...]}.

Prints {"http_port": N, "smtp_port": N} on stdout once both listen.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class State:
    def __init__(self, statuses, secret, smtp_auth):
        self.lock = threading.Lock()
        self.statuses = list(statuses)
        self.secret = secret
        self.smtp_auth = smtp_auth
        self.mails = []
        self.webhooks = []

    def next_status(self):
        with self.lock:
            return self.statuses.pop(0) if self.statuses else 200


STATE = None


class WebhookHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("alert_sink http: " + (fmt % args) + "\n")

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/__sink/received":
            with STATE.lock:
                self.reply(200, {"mails": STATE.mails, "webhooks": STATE.webhooks})
            return
        self.reply(404, {"error": "no such path"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        signature_ok = None
        if STATE.secret is not None:
            expected = "sha256=" + hmac.new(STATE.secret.encode(), body,
                                            hashlib.sha256).hexdigest()
            signature_ok = hmac.compare_digest(expected,
                                               self.headers.get("X-Costgate-Signature", ""))
        status = STATE.next_status()
        with STATE.lock:
            STATE.webhooks.append({
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "signature_ok": signature_ok,
                "status": status,
            })
        self.reply(status, {"received": True})


class SmtpHandler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def read_line(self):
        line = self.rfile.readline()
        if not line:
            raise EOFError
        return line.decode("utf-8", "replace").rstrip("\r\n")

    def handle(self):
        mail = {"from": None, "to": [], "auth": None, "data": None}
        try:
            self.send("220 alert-sink ESMTP")
            while True:
                line = self.read_line()
                verb = line.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    if STATE.smtp_auth:
                        self.send("250-alert-sink")
                        self.send("250-AUTH PLAIN LOGIN")
                    self.send("250 8BITMIME")
                elif verb == "HELO":
                    self.send("250 alert-sink")
                elif verb == "AUTH":
                    mail["auth"] = self.authenticate(line.split(" ")[1:])
                    self.send("235 2.7.0 Authentication successful")
                elif verb == "MAIL":
                    mail["from"] = line[len("MAIL FROM:"):].split(" ")[0]
                    self.send("250 OK")
                elif verb == "RCPT":
                    mail["to"].append(line[len("RCPT TO:"):].split(" ")[0])
                    self.send("250 OK")
                elif verb == "DATA":
                    self.send("354 End data with <CR><LF>.<CR><LF>")
                    lines = []
                    while True:
                        raw = self.rfile.readline()
                        if not raw or raw in (b".\r\n", b".\n"):
                            break
                        if raw.startswith(b".."):
                            raw = raw[1:]
                        lines.append(raw)
                    mail["data"] = b"".join(lines).decode("utf-8", "replace")
                    with STATE.lock:
                        STATE.mails.append(dict(mail))
                    mail = {"from": None, "to": [], "auth": mail["auth"], "data": None}
                    self.send("250 OK queued")
                elif verb in ("RSET", "NOOP"):
                    self.send("250 OK")
                elif verb == "QUIT":
                    self.send("221 Bye")
                    return
                else:
                    self.send("502 Command not implemented")
        except (EOFError, ConnectionError):
            return

    def authenticate(self, args):
        mechanism = args[0].upper() if args else ""
        if mechanism == "PLAIN":
            encoded = args[1] if len(args) > 1 else None
            if encoded is None:
                self.send("334 ")
                encoded = self.read_line()
            _, user, password = base64.b64decode(encoded).decode().split("\0")
            return {"mechanism": "PLAIN", "user": user, "password": password}
        if mechanism == "LOGIN":
            if len(args) > 1:
                user = base64.b64decode(args[1]).decode()
            else:
                self.send("334 VXNlcm5hbWU6")
                user = base64.b64decode(self.read_line()).decode()
            self.send("334 UGFzc3dvcmQ6")
            password = base64.b64decode(self.read_line()).decode()
            return {"mechanism": "LOGIN", "user": user, "password": password}
        return {"mechanism": mechanism, "user": None, "password": None}


class SmtpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def exit_on_stdin_eof():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    global STATE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http-port", type=int, default=0)
    parser.add_argument("--smtp-port", type=int, default=0)
    parser.add_argument("--statuses", default="", help="webhook answers before 200s, e.g. 500,500")
    parser.add_argument("--secret", default=None, help="the webhooks' HMAC secret, to check")
    parser.add_argument("--smtp-auth", action="store_true", help="offer AUTH PLAIN LOGIN")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin reaches EOF (the parent test process is gone)")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=exit_on_stdin_eof, daemon=True).start()
    statuses = [int(s) for s in args.statuses.split(",") if s]
    STATE = State(statuses, args.secret, args.smtp_auth)
    http = ThreadingHTTPServer(("127.0.0.1", args.http_port), WebhookHandler)
    http.daemon_threads = True
    smtp = SmtpServer(("127.0.0.1", args.smtp_port), SmtpHandler)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    print(json.dumps({"http_port": http.server_address[1], "smtp_port": smtp.server_address[1]}),
          flush=True)
    http.serve_forever()


if __name__ == "__main__":
    main()
