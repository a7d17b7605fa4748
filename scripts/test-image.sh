#!/usr/bin/env bash
# On-demand test of the container image (not in ctest: it needs root, podman and, cold, the
# project's whole build inside the build stage). As ../shared/CONTAINERS.md describes: podman with
# this sandbox's settings, debian:bookworm made locally with debootstrap (once), then
#   build docker/Dockerfile (--isolation chroot --format docker, the host's CA bundle for npm),
#   run it with the host network, a volume on /var/lib/costgate and a mock Gemini upstream
#   (Python's HTTPS server on loopback, its own throwaway CA: no internet needed),
#   wait for /readyz, `podman healthcheck run`, one call through the proxy, `podman stop`
#   -> exit 0 after the drain, the receipt in the volume's outbox.
# Prints the figures: build time, image size, start to ready, RSS.
# Usage: scripts/test-image.sh    (root; scripts/install-deps.sh --container first)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${COSTGATE_IMAGE_TEST_DIR:-/var/tmp/costgate-image-test}
image=${COSTGATE_IMAGE:-localhost/costgate:test}
mkdir -p "$work/conf"
die() { echo "FAIL $*" >&2; exit 1; }

# The sandbox's podman settings (CONTAINERS.md): runc, cgroupfs, limits within the shell's own,
# overlay storage when this kernel mounts it, else vfs.
driver=vfs
probe=$(mktemp -d)
mkdir -p "$probe"/{l,u,w,m}
if mount -t overlay overlay -o "lowerdir=$probe/l,upperdir=$probe/u,workdir=$probe/w" "$probe/m" 2>/dev/null; then
  umount "$probe/m"
  driver=overlay
fi
rm -rf "$probe"
cat >"$work/conf/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
network_backend = "netavark"
CONF
cat >"$work/conf/storage.conf" <<CONF
[storage]
driver = "$driver"
runroot = "$work/storage/run"
graphroot = "$work/storage/graph"
CONF
export CONTAINERS_CONF=$work/conf/containers.conf CONTAINERS_STORAGE_CONF=$work/conf/storage.conf

# The Dockerfile's bases, made locally: there is no Docker Hub here.
if ! podman image exists docker.io/library/debian:bookworm; then
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources | head -1)
  rm -rf "$work/rootfs"
  echo "debootstrap bookworm (about a minute, once)"
  debootstrap --variant=minbase bookworm "$work/rootfs" "${mirror:-http://deb.debian.org/debian}" \
    >"$work/debootstrap.log"
  tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - localhost/debian:bookworm >/dev/null
  podman tag localhost/debian:bookworm docker.io/library/debian:bookworm docker.io/library/debian:bookworm-slim
  rm -rf "$work/rootfs"
fi

echo "building $image (storage: $driver)"
start=$(date +%s)
nice -n 19 podman build --pull=never --isolation chroot --format docker -f docker/Dockerfile \
  -v /etc/ssl/certs/ca-certificates.crt:/ci-ca.crt:ro --build-arg NODE_EXTRA_CA_CERTS=/ci-ca.crt \
  -t "$image" . >"$work/build.log" 2>&1 || { tail -30 "$work/build.log"; die "podman build (log: $work/build.log)"; }
echo "     build: $(($(date +%s) - start)) s"
size=$(podman image inspect -f '{{.Size}}' "$image")
echo "     image size: $((size / 1000000)) MB ($size bytes)"
[[ $size -lt 120000000 ]] || die "image is $size bytes, more than 120 MB"

# The mock upstream: Gemini's generateContent answered with a recorded response, over TLS.
tmp=$(mktemp -d)
name=costgate-image-test-$$
volume=$name
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  [[ -n ${upstream_pid:-} ]] && kill "$upstream_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$tmp/key.pem" -out "$tmp/ca.pem" 2>/dev/null
chmod 644 "$tmp/ca.pem"
fixture=tests/fixtures/gemini/ddtrace-gemini-2.0-flash-generateContent-gzip
api_path=/v1beta/models/gemini-2.0-flash-001:generateContent
upstream_port=$(free_port)
python3 - "$upstream_port" "$tmp" "$repo/$fixture.response.json" <<'PY' >"$tmp/upstream.log" 2>&1 &
import http.server, ssl, sys
port, tmp, body = int(sys.argv[1]), sys.argv[2], open(sys.argv[3], "rb").read()
class Gemini(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Gemini)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(f"{tmp}/ca.pem", f"{tmp}/key.pem")
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
PY
upstream_pid=$!

port=$(free_port)
podman volume create "$volume" >/dev/null
start_ms=$(date +%s%3N)
podman run -d --name "$name" --network host -v "$volume:/var/lib/costgate" \
  -v "$tmp/ca.pem:/etc/costgate/mock-upstream-ca.pem:ro" \
  -e COSTGATE_LISTEN_PORT="$port" -e COSTGATE_SOURCE_APP=image-test \
  -e COSTGATE_GEMINI_URL="https://127.0.0.1:$upstream_port" \
  -e COSTGATE_GEMINI_CA_FILE=/etc/costgate/mock-upstream-ca.pem \
  "$image" >/dev/null
ready=
for _ in $(seq 100); do
  if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/readyz" 2>/dev/null; then ready=1; break; fi
  sleep 0.1
done
[[ -n $ready ]] || { podman logs "$name" | tail -20; die "no /readyz within 10 s"; }
echo "ok   /readyz: $(($(date +%s%3N) - start_ms)) ms from podman run"
podman healthcheck run "$name" || die "podman healthcheck run"
echo "ok   podman healthcheck run (HEALTHCHECK kept by --format docker)"
[[ $(podman image inspect -f '{{.Config.User}}' "$image") == 10001:10001 ]] || die "image user is not 10001"
echo "ok   runs as uid $(podman exec "$name" id -u)"

status=$(curl -sS --max-time 10 -o "$tmp/answer.json" -w '%{http_code}' -X POST \
  -H 'content-type: application/json' -H 'x-goog-api-key: image-test-key' \
  --data-binary "@$fixture.request.json" "http://127.0.0.1:$port$api_path")
[[ $status == 200 ]] || die "call through the proxy: HTTP $status: $(head -c 300 "$tmp/answer.json")"
cmp -s "$tmp/answer.json" "$fixture.response.json" || die "the answer is not the upstream's"
echo "ok   one Gemini call through the image to the mock upstream: 200, the upstream's bytes"
pid=$(podman inspect -f '{{.State.Pid}}' "$name")
echo "     RSS after one call: $(($(ps -o rss= -p "$pid") / 1024)) MiB"

start_ms=$(date +%s%3N)
podman stop -t 40 "$name" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "$name")
[[ $code == 0 ]] || { podman logs "$name" | tail -20; die "exit code $code after SIGTERM"; }
echo "ok   podman stop: exit 0 after the drain, $(($(date +%s%3N) - start_ms)) ms"
outbox=$(podman volume inspect -f '{{.Mountpoint}}' "$volume")/costgate-receipts.db
receipts=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("select count(*) from receipts").fetchone()[0])' "$outbox") ||
  die "no outbox in the volume ($outbox)"
[[ $receipts -ge 1 ]] || die "no receipt in the volume's outbox"
echo "ok   $receipts receipt(s) in the volume's outbox (/var/lib/costgate/costgate-receipts.db)"
echo "all checks passed"
