"""The compose demo's mock Gemini API: answers every POST with a recorded generateContent
response over TLS. Its certificate comes from a CA made at start in /mock-ca (a volume the
costgate sidecar reads as COSTGATE_GEMINI_CA_FILE), so the proxy verifies it as it would
Google's. Also the mock of scripts/test-image.sh (MOCK_* settings, on loopback)."""
import http.server
import ipaddress
import os
import ssl
import subprocess

CA_DIR = os.environ.get("MOCK_CA_DIR", "/mock-ca")
HOST = os.environ.get("MOCK_HOSTNAME", "mock-upstream")
BIND = os.environ.get("MOCK_BIND", "0.0.0.0")
PORT = int(os.environ.get("MOCK_PORT", "8443"))
BODY = open(os.environ.get("MOCK_RESPONSE", "/demo/response.json"), "rb").read()


def subject_alt_name():
    try:
        ipaddress.ip_address(HOST)
        return f"IP:{HOST}"
    except ValueError:
        return f"DNS:{HOST}"


def make_certificate():
    key, cert = f"{CA_DIR}/key.pem", f"{CA_DIR}/ca.pem.tmp"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-days", "30", "-subj", f"/CN={HOST}",
                    "-addext", f"subjectAltName={subject_alt_name()}", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    os.rename(cert, f"{CA_DIR}/ca.pem")  # readers never see half a file
    return f"{CA_DIR}/ca.pem", key


class Gemini(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)


cert, key = make_certificate()
server = http.server.ThreadingHTTPServer((BIND, PORT), Gemini)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
