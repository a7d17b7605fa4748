#!/usr/bin/env bash
# On-demand test of the container image (not in ctest: it needs root, podman and, cold, the
# project's whole build inside the build stage). As ../shared/CONTAINERS.md describes: podman with
# this sandbox's settings, debian:bookworm made locally with debootstrap (once), then
#   build docker/Dockerfile (--isolation chroot --format docker, the host's CA bundle for npm),
#   run it with the host network, a volume on /var/lib/costgate and a mock Gemini upstream
#   (docker/demo/mock_upstream.py on loopback, its own throwaway CA: no internet needed),
#   wait for /readyz, `podman healthcheck run`, one call through the proxy, `podman stop`
#   -> exit 0 after the drain, the receipt in the volume's outbox.
# Prints the figures: build time, image size, start to ready, RSS.
# Usage: scripts/test-image.sh    (root; scripts/install-deps.sh --container first)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${COSTGATE_IMAGE_TEST_DIR:-/var/tmp/costgate-image-test}
image=${COSTGATE_IMAGE:-localhost/costgate:test}
mkdir -p "$work"
die() { echo "FAIL $*" >&2; exit 1; }

source scripts/lib/podman-sandbox.sh
podman_sandbox "$work"

# The Dockerfile's bases, made locally: there is no Docker Hub here. debian:bookworm is
# debootstrap's minbase; debian:bookworm-slim is that made slim as Docker Hub's is (debuerreotype's
# slimify: no apt lists or cached .debs, dpkg told to skip docs, man pages and locales, those
# removed), so the runtime stage's size is the size it has on Docker Hub's base.
if ! podman image exists docker.io/library/debian:bookworm; then
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources | head -1)
  rm -rf "$work/rootfs"
  echo "debootstrap bookworm (about a minute, once)"
  debootstrap --variant=minbase bookworm "$work/rootfs" "${mirror:-http://deb.debian.org/debian}" \
    >"$work/debootstrap.log"
  tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - localhost/debian:bookworm >/dev/null
  podman tag localhost/debian:bookworm docker.io/library/debian:bookworm
  rm -rf "$work/rootfs"
fi
if ! podman image exists docker.io/library/debian:bookworm-slim; then
  slim=$work/rootfs-slim
  rm -rf "$slim"
  cp -a "$(podman image mount docker.io/library/debian:bookworm)" "$slim"
  podman image unmount docker.io/library/debian:bookworm >/dev/null
  cat >"$slim/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
DPKG
  find "$slim/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$slim/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$slim"/usr/share/{man,groff,info,lintian,linda,locale}/* "$slim"/var/lib/apt/lists/* \
    "$slim"/var/cache/apt/*.bin "$slim"/var/cache/apt/archives/*.deb
  tar -C "$slim" -c . | podman import --change 'CMD ["/bin/bash"]' - localhost/debian:bookworm-slim >/dev/null
  podman tag localhost/debian:bookworm-slim docker.io/library/debian:bookworm-slim
  rm -rf "$slim"
fi

echo "building $image"
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
fixture=tests/fixtures/gemini/ddtrace-gemini-2.0-flash-generateContent-gzip
api_path=/v1beta/models/gemini-2.0-flash-001:generateContent
upstream_port=$(free_port)
MOCK_CA_DIR=$tmp MOCK_HOSTNAME=127.0.0.1 MOCK_BIND=127.0.0.1 MOCK_PORT=$upstream_port \
  MOCK_RESPONSE=$repo/$fixture.response.json python3 docker/demo/mock_upstream.py >"$tmp/upstream.log" 2>&1 &
upstream_pid=$!
for _ in $(seq 50); do [[ -s $tmp/ca.pem ]] && break; sleep 0.1; done
[[ -s $tmp/ca.pem ]] || die "the mock upstream did not start: $(cat "$tmp/upstream.log")"
chmod 644 "$tmp/ca.pem"

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
