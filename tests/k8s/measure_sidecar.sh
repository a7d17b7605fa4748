#!/usr/bin/env bash
# How the sidecar's resource requests and limits in docker/k8s were sized (on demand, not in
# CTest): `costgate proxy` as the sidecar runs it (one thread, the outbox in a temp dir) in front
# of an nginx TLS mock serving a Gemini generateContent fixture; RSS (VmRSS, VmHWM) and CPU time
# (utime+stime from /proc/PID/stat) after start, after 10 s idle, and over a load of wrk
# connections for a few seconds. Usage: tests/k8s/measure_sidecar.sh [costgate] [connections]
# [seconds]. Needs nginx, wrk, openssl, curl.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
costgate=$(realpath "${1:-$repo/build/release/daemon/costgate}")
connections=${2:-4}
seconds=${3:-5}
tmp=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
while read -r var; do unset "$var"; done < <(compgen -e | grep '^COSTGATE_' || true)
cd "$tmp"
api_path=/v1beta/models/gemini-2.0-flash-001:generateContent
fixtures=$repo/tests/fixtures/gemini/ddtrace-gemini-2.0-flash-generateContent-gzip
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -keyout key.pem \
  -out cert.pem -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
mkdir -p up/tmp "docroot/v1beta/models"
cp "$fixtures.response.json" "docroot$api_path"
chmod 755 "$tmp" && chmod -R a+rX docroot  # nginx workers run as nobody
cat >up/nginx.conf <<EOF
worker_processes 1; daemon off; pid $tmp/up/nginx.pid; error_log $tmp/up/error.log warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $tmp/up/tmp;
  server { listen 127.0.0.1:18443 ssl; ssl_certificate $tmp/cert.pem; ssl_certificate_key $tmp/key.pem;
    root $tmp/docroot; types { } default_type application/json;
    location = $api_path { error_page 405 =200 \$uri; } } }
EOF
/usr/sbin/nginx -p "$tmp/up/" -c "$tmp/up/nginx.conf" -e "$tmp/up/error.log" &
pids+=($!)
mkdir state
COSTGATE_THREADS=1 COSTGATE_LISTEN_PORT=18787 COSTGATE_GEMINI_URL=https://127.0.0.1:18443 \
  COSTGATE_GEMINI_CA_FILE=$tmp/cert.pem COSTGATE_RECEIPTS_PATH=$tmp/state/receipts.db \
  COSTGATE_POD=ns/pod COSTGATE_HOST=node-1 COSTGATE_LOG_LEVEL=warn "$costgate" proxy 2>proxy.log &
proxy=$!
pids+=($proxy)
for _ in $(seq 100); do curl -sf http://127.0.0.1:18787/readyz >/dev/null && break; sleep 0.05; done
report() {
  local stat rss hwm
  read -r -a stat <"/proc/$proxy/stat"
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$proxy/status")
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$proxy/status")
  echo "$1: rss ${rss} KiB, peak ${hwm} KiB, cpu $(( (stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK) )) ms"
}
curl -s -o /dev/null -w "check: HTTP %{http_code}\n" -H "content-type: application/json" -H "x-goog-api-key: k" --data-binary "@$fixtures.request.json" "http://127.0.0.1:18787$api_path"; grep -m3 . proxy.log || true
report "started"
sleep 10
report "idle 10 s"
before=$(awk '{print $14 + $15}' "/proc/$proxy/stat")
BENCH_BODY_FILE=$fixtures.request.json wrk -t1 -c"$connections" -d"${seconds}s" \
  -s "$repo/tests/bench/generate_content.lua" "http://127.0.0.1:18787$api_path" | grep -E 'Requests/sec|BENCH'
after=$(awk '{print $14 + $15}' "/proc/$proxy/stat")
report "after load"
echo "load: $(( (after - before) * 100 / $(getconf CLK_TCK) / seconds ))% of one core over ${seconds} s"
sleep 2
echo "receipts: $(sqlite3 state/receipts.db 'select count(*) from receipts' 2>/dev/null || echo '?'), host/pod: $(sqlite3 state/receipts.db 'select distinct host, pod from receipts' 2>/dev/null || echo '?')"
report "idle 2 s after"
