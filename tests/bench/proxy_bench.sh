#!/usr/bin/env bash
# Proxy benchmark: wrk -> {direct | costgate | nginx} -> nginx TLS upstream serving a fixed Gemini
# generateContent response, all on 127.0.0.1. See tests/bench/README.md.
#
# Usage: tests/bench/proxy_bench.sh [path/to/costgate]
# Knobs (environment): BENCH_RUNS (3), BENCH_DURATION (10, seconds), BENCH_WARMUP (2, seconds),
#   BENCH_WRK_THREADS (2), BENCH_CONNECTIONS (32), BENCH_PROXY_THREADS (2: costgate
#   listen.threads and nginx proxy worker_processes), BENCH_KEEP_TMP (0; 1 keeps the temp dir),
#   BENCH_CENTRAL (off): off = no shipper; ship = receipts shipped to a separate `costgate
#   central`, preflight off; lease = the same plus one hard budget covering every call and
#   preflight.mode lease. Proxy CPU counts the proxy process only, never central's.
#
# Pid lists are passed as unquoted $(...) on purpose: one word per pid.
# shellcheck disable=SC2046
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)

runs=${BENCH_RUNS:-3}
duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
wrk_threads=${BENCH_WRK_THREADS:-2}
connections=${BENCH_CONNECTIONS:-32}
proxy_threads=${BENCH_PROXY_THREADS:-2}
keep_tmp=${BENCH_KEEP_TMP:-0}
central_mode=${BENCH_CENTRAL:-off}

api_path="/v1beta/models/gemini-2.0-flash-001:generateContent"
fixture_dir="$repo_root/tests/fixtures/gemini"
response_fixture="$fixture_dir/ddtrace-gemini-2.0-flash-generateContent-gzip.response.json"
request_fixture="$fixture_dir/ddtrace-gemini-2.0-flash-generateContent-gzip.request.json"
lua_script="$script_dir/generate_content.lua"
clk_tck=$(getconf CLK_TCK)

die() {
  echo "proxy_bench: $*" >&2
  exit 1
}

loud() {
  echo "!!!!!!!! $* !!!!!!!!"
}

# ---------------------------------------------------------------------------------------------
# Preconditions

costgate_bin=${1:-$repo_root/build/release/daemon/costgate}
if [[ ! -x "$costgate_bin" ]]; then
  die "no costgate executable at '$costgate_bin'.
Build it first (from $repo_root):
  cmake --preset release && cmake --build --preset release
or pass the path of an existing Release build: tests/bench/proxy_bench.sh path/to/costgate"
fi
costgate_bin=$(cd "$(dirname "$costgate_bin")" && pwd)/$(basename "$costgate_bin")

nginx_bin=$(command -v nginx || true)
[[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
[[ -n "$nginx_bin" ]] || die "nginx not found (apt-get install nginx-light)"
for tool in wrk openssl curl sqlite3 awk pgrep timeout; do
  command -v "$tool" >/dev/null || die "'$tool' not found"
done
for f in "$response_fixture" "$request_fixture" "$lua_script"; do
  [[ -r "$f" ]] || die "missing $f"
done
case "$central_mode" in off | ship | lease) ;; *) die "BENCH_CENTRAL must be off, ship or lease (got '$central_mode')" ;; esac
for n in "$runs" "$duration" "$warmup" "$wrk_threads" "$connections" "$proxy_threads"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "BENCH_* knobs must be positive integers (got '$n')"
done

# A stray COSTGATE_* variable would silently override the generated config.
while read -r var; do
  unset "$var"
done < <(compgen -e | grep '^COSTGATE_' || true)

# ---------------------------------------------------------------------------------------------
# Process bookkeeping and cleanup

receipt_problems=0
wrk_problems=0
body_problems=0
tmp=$(mktemp -d /tmp/costgate-bench.XXXXXX)
# nginx workers drop root to "nobody" and must read the docroot; keys stay 0600 (master reads).
chmod 0755 "$tmp"
started_pids=()

stop_pid() {  # pid, seconds to wait after SIGTERM before SIGKILL
  local pid=$1 grace=$2 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$? pid child children=()
  trap - EXIT INT TERM
  for pid in "${started_pids[@]}"; do
    # nginx workers: remember them so a master that dies first cannot orphan them.
    while read -r child; do
      [[ -n "$child" ]] && children+=("$child")
    done < <(pgrep -P "$pid" 2>/dev/null || true)
  done
  for pid in "${started_pids[@]}"; do
    stop_pid "$pid" 5
  done
  for pid in "${children[@]}"; do
    stop_pid "$pid" 2
  done
  for pid in "${started_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ "$keep_tmp" == 1 || $rc -ne 0 || $((wrk_problems + receipt_problems + body_problems)) -ne 0 ]]; then
    echo "proxy_bench: logs and configs kept in $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local p i
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 40000))
    port_in_use "$p" || {
      echo "$p"
      return 0
    }
  done
  die "could not find a free port"
}

wait_http_ok() {  # name, pid, curl args... : until the URL answers 200 (10 s max)
  local name=$1 pid=$2 deadline=$((SECONDS + 10))
  shift 2
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited during startup (logs in $tmp)"
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$@" || true) == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  die "$name did not answer within 10 s (logs in $tmp)"
}

# ---------------------------------------------------------------------------------------------
# 1. Throwaway CA and server certificate for 127.0.0.1

cd "$tmp"
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -keyout ca.key -out ca.pem -subj "/CN=costgate bench CA" \
  -addext keyUsage=critical,keyCertSign,cRLSign >openssl.log 2>&1 || die "CA generation failed"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout server.key -out server.csr -subj "/CN=127.0.0.1" >>openssl.log 2>&1 ||
  die "server key generation failed"
# DNS:127.0.0.1 too: nginx's proxy_ssl_verify checks the name with X509_check_host only.
printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:127.0.0.1' 'basicConstraints=CA:FALSE' \
  'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.pem >>openssl.log 2>&1 || die "server cert signing failed"
chmod 0644 ca.pem server.pem

# ---------------------------------------------------------------------------------------------
# 2. Upstream: nginx over TLS, one worker, serving the fixture for POST generateContent

upstream_port=$(pick_port)
mkdir -p upstream/tmp "docroot/v1beta/models"
cp "$response_fixture" "docroot$api_path"
chmod -R a+rX docroot
cat >upstream/nginx.conf <<EOF
worker_processes 1;
daemon off;
master_process on;
pid $tmp/upstream/nginx.pid;
error_log $tmp/upstream/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 75s;
  client_body_temp_path $tmp/upstream/tmp/body;
  proxy_temp_path $tmp/upstream/tmp/proxy;
  fastcgi_temp_path $tmp/upstream/tmp/fastcgi;
  uwsgi_temp_path $tmp/upstream/tmp/uwsgi;
  scgi_temp_path $tmp/upstream/tmp/scgi;
  server {
    listen 127.0.0.1:$upstream_port ssl;
    ssl_certificate $tmp/server.pem;
    ssl_certificate_key $tmp/server.key;
    ssl_session_cache shared:upstream:1m;
    root $tmp/docroot;
    types { }
    default_type application/json;
    etag off;
    # The static handler refuses POST with 405; error_page re-runs the URI as GET, status 200,
    # so the response body is the fixture file byte for byte.
    location = $api_path {
      error_page 405 =200 \$uri;
    }
  }
}
EOF
"$nginx_bin" -p "$tmp/upstream/" -c "$tmp/upstream/nginx.conf" -e "$tmp/upstream/error.log" \
  >"$tmp/upstream/stdout.log" 2>&1 &
upstream_pid=$!
started_pids+=("$upstream_pid")

curl_post() {  # url, output file, extra curl args... -> prints the HTTP status
  local url=$1 out=$2
  shift 2
  curl -sS --max-time 5 -o "$out" -w '%{http_code}' -X POST \
    -H 'content-type: application/json' -H 'x-goog-api-key: bench-key' \
    --data-binary "@$request_fixture" "$@" "$url" || true
}

upstream_url="https://127.0.0.1:$upstream_port$api_path"
wait_http_ok "upstream nginx" "$upstream_pid" --cacert ca.pem -X POST \
  --data-binary "@$request_fixture" "$upstream_url"

# ---------------------------------------------------------------------------------------------
# 3a. BENCH_CENTRAL=ship|lease: a separate central (its CPU is not the proxy's), a ship key, and
# for lease one hard budget over the whole organisation, far larger than the run can spend.

start_bench_central() {
  central_port=$(pick_port)
  cat >central.yaml <<EOF
central:
  listen: {address: 127.0.0.1, port: $central_port, threads: 1}
  store: sqlite:$tmp/central.db
log:
  level: warn
EOF
  "$costgate_bin" keys create --config central.yaml --name bench --source-app bench \
    --scopes ship | head -1 >ship.key || die "costgate keys create failed"
  if [[ "$central_mode" == lease ]]; then
    "$costgate_bin" budgets create --config central.yaml --name bench-everything \
      --period monthly --amount-usd 1000000 --hard >budget.log 2>&1 ||
      die "costgate budgets create failed: $(cat budget.log)"
  fi
  "$costgate_bin" central --config "$tmp/central.yaml" >central.stdout.log 2>central.log &
  central_pid=$!
  started_pids+=("$central_pid")
  wait_http_ok "central" "$central_pid" "http://127.0.0.1:$central_port/v1/health"
}

# ---------------------------------------------------------------------------------------------
# 3b. costgate, production defaults except the listen port/threads, the upstream and file paths

cat >costgate.yaml <<EOF
listen:
  address: 127.0.0.1
  port: 0
  threads: $proxy_threads
timeouts:
  drain_ms: 3000   # bounds the benchmark's own shutdown; no request is in flight by then
upstreams:
  gemini:
    url: https://127.0.0.1:$upstream_port
    ca_file: $tmp/ca.pem
receipts:
  path: $tmp/receipts.db
log:
  level: info
  access_log: true
EOF
if [[ "$central_mode" != off ]]; then
  start_bench_central
  cat >>costgate.yaml <<EOF
shipper:
  url: http://127.0.0.1:$central_port
  api_key_file: $tmp/ship.key
preflight:
  mode: $([[ "$central_mode" == lease ]] && echo lease || echo off)
EOF
fi
"$costgate_bin" check-config costgate.yaml >costgate-check.log 2>&1 ||
  die "costgate check-config failed: $(cat costgate-check.log)"
"$costgate_bin" proxy --config "$tmp/costgate.yaml" >costgate.stdout.log 2>costgate.log &
costgate_pid=$!
started_pids+=("$costgate_pid")
costgate_port=""
for ((i = 0; i < 100; i++)); do
  kill -0 "$costgate_pid" 2>/dev/null || die "costgate exited during startup: $(tail -5 costgate.log)"
  costgate_port=$(grep -m1 '"msg":"listening"' costgate.log |
    sed -n 's/.*"port":\([0-9][0-9]*\).*/\1/p' || true)
  [[ -n "$costgate_port" ]] && break
  sleep 0.1
done
[[ -n "$costgate_port" ]] || die "costgate logged no \"listening\" line within 10 s"
costgate_url="http://127.0.0.1:$costgate_port$api_path"
wait_http_ok "costgate" "$costgate_pid" "http://127.0.0.1:$costgate_port/healthz"

# ---------------------------------------------------------------------------------------------
# 3c. nginx as the reference proxy: same thread count, TLS to the same upstream, verified

proxy_port=$(pick_port)
mkdir -p nginx-proxy/tmp
cat >nginx-proxy/nginx.conf <<EOF
worker_processes $proxy_threads;
daemon off;
master_process on;
pid $tmp/nginx-proxy/nginx.pid;
error_log $tmp/nginx-proxy/error.log warn;
events { worker_connections 4096; }
http {
  # Like costgate's access log, which batches lines per worker and writes every 100 ms.
  access_log $tmp/nginx-proxy/access.log combined buffer=16k flush=100ms;
  keepalive_requests 10000000;
  client_body_temp_path $tmp/nginx-proxy/tmp/body;
  proxy_temp_path $tmp/nginx-proxy/tmp/proxy;
  fastcgi_temp_path $tmp/nginx-proxy/tmp/fastcgi;
  uwsgi_temp_path $tmp/nginx-proxy/tmp/uwsgi;
  scgi_temp_path $tmp/nginx-proxy/tmp/scgi;
  upstream gemini {
    server 127.0.0.1:$upstream_port;
    keepalive 64;
    keepalive_requests 10000000;
  }
  server {
    listen 127.0.0.1:$proxy_port;
    location / {
      proxy_pass https://gemini;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host 127.0.0.1:$upstream_port;
      proxy_ssl_verify on;
      proxy_ssl_trusted_certificate $tmp/ca.pem;
      proxy_ssl_name 127.0.0.1;
      proxy_ssl_server_name on;
      proxy_ssl_session_reuse on;
    }
  }
}
EOF
"$nginx_bin" -p "$tmp/nginx-proxy/" -c "$tmp/nginx-proxy/nginx.conf" \
  -e "$tmp/nginx-proxy/error.log" >"$tmp/nginx-proxy/stdout.log" 2>&1 &
proxy_pid=$!
started_pids+=("$proxy_pid")
proxy_url="http://127.0.0.1:$proxy_port$api_path"
wait_http_ok "nginx proxy" "$proxy_pid" -X POST --data-binary "@$request_fixture" "$proxy_url"

# ---------------------------------------------------------------------------------------------
# Every side must return the fixture byte for byte before anything is timed.

check_side() {  # side, url, curl args...
  local side=$1 url=$2 status
  shift 2
  status=$(curl_post "$url" "check-$side.body" "$@")
  if [[ "$status" != 200 ]] || ! cmp -s "check-$side.body" "$response_fixture"; then
    loud "$side: status $status, body $(wc -c <"check-$side.body" 2>/dev/null || echo 0) bytes," \
      "expected 200 and the $(wc -c <"$response_fixture")-byte fixture"
    return 1
  fi
  echo "check: $side returns 200 and the exact fixture body"
}
check_side direct "$upstream_url" --cacert ca.pem || die "the upstream itself is broken"
check_side costgate "$costgate_url" || body_problems=$((body_problems + 1))
check_side nginx "$proxy_url" || body_problems=$((body_problems + 1))

# ---------------------------------------------------------------------------------------------
# Measurements

cpu_ticks() {  # pids... -> utime+stime summed (clock ticks; whole thread group per pid)
  local total=0 pid stat fields
  for pid in "$@"; do
    stat=$(<"/proc/$pid/stat") || return 1
    read -ra fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

status_kib() {  # pid, field (VmRSS | VmHWM)
  awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"
}

nginx_pids() {  # master pid -> master and workers
  echo "$1" $(pgrep -P "$1" || true)
}

receipt_counts() {  # -> "rows success_rows"
  local out
  out=$(sqlite3 -readonly -cmd '.timeout 5000' "$tmp/receipts.db" \
    "SELECT count(*), coalesce(sum(outcome = 'success'), 0) FROM receipts;" 2>/dev/null || true)
  [[ -n "$out" ]] || out="0|0"
  echo "${out/|/ }"
}

receipts_settled() {  # waits until the row count stops moving (15 s max) -> "rows success_rows"
  local prev="" cur i
  for ((i = 0; i < 75; i++)); do
    cur=$(receipt_counts)
    if [[ "$cur" == "$prev" ]]; then
      echo "$cur"
      return 0
    fi
    prev=$cur
    sleep 0.2
  done
  echo "$cur"
}

field() {  # key, "BENCH k=v ..." line
  sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $2"
}

run_wrk() {  # url, seconds, log file -> the BENCH line (wrk's full output goes to the log)
  local url=$1 secs=$2 log=$3
  BENCH_BODY_FILE="$request_fixture" timeout $((secs + 30)) \
    wrk -t"$wrk_threads" -c"$connections" -d"${secs}s" -s "$lua_script" "$url" >"$log" 2>&1 || {
    loud "wrk failed against $url: $(tail -3 "$log")"
    return 1
  }
  grep -m1 '^BENCH ' "$log" || {
    loud "wrk printed no summary: $(tail -3 "$log")"
    return 1
  }
}

declare -A samples  # "side metric" -> space-separated per-run values
add_sample() {
  samples["$1 $2"]="${samples["$1 $2"]:-} $3"
}

median() {  # values... (empty -> "n/a")
  printf '%s\n' "$@" | sort -g | awk 'NF { v[++n] = $1 } END {
    if (n == 0) { print "n/a"; exit }
    print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }'
}

hwm_max=0

bench_side() {  # rep, side, url, proxy pids ("" for direct)...
  local rep=$1 side=$2 url=$3 line requests errs rps p50 p99 bytes_per_req
  shift 3
  local pids=("$@") up_before up_after px_before=0 px_after=0 rc_before rc_after
  local wrk_log="$tmp/wrk-$side-$rep.log"
  run_wrk "$url" "$warmup" "$tmp/wrk-$side-$rep-warmup.log" >/dev/null || true
  [[ "$side" == costgate ]] && rc_before=$(receipts_settled)
  up_before=$(cpu_ticks $(nginx_pids "$upstream_pid"))
  ((${#pids[@]})) && px_before=$(cpu_ticks "${pids[@]}")
  line=$(run_wrk "$url" "$duration" "$wrk_log") || {
    wrk_problems=$((wrk_problems + 1))
    return 0
  }
  up_after=$(cpu_ticks $(nginx_pids "$upstream_pid"))
  ((${#pids[@]})) && px_after=$(cpu_ticks "${pids[@]}")

  requests=$(field requests "$line")
  rps=$(awk -v r="$requests" -v d="$(field duration_us "$line")" 'BEGIN { printf "%.1f", r / (d / 1e6) }')
  p50=$(awk -v u="$(field p50_us "$line")" 'BEGIN { printf "%.2f", u / 1000 }')
  p99=$(awk -v u="$(field p99_us "$line")" 'BEGIN { printf "%.2f", u / 1000 }')
  bytes_per_req=$(awk -v b="$(field bytes "$line")" -v r="$requests" 'BEGIN { printf "%.0f", r ? b / r : 0 }')
  errs="connect $(field connect_errors "$line"), read $(field read_errors "$line"), write $(field write_errors "$line"), non-2xx $(field status_errors "$line"), timeout $(field timeouts "$line")"
  add_sample "$side" rps "$rps"
  add_sample "$side" p50 "$p50"
  add_sample "$side" p99 "$p99"
  local up_cpu px_cpu=""
  up_cpu=$(awk -v t=$((up_after - up_before)) -v r="$requests" -v hz="$clk_tck" \
    'BEGIN { printf "%.1f", r ? t * 1e6 / hz / r : 0 }')
  add_sample "$side" upcpu "$up_cpu"
  printf '[run %d/%d] %-8s %9s req/s  p50 %6s ms  p99 %6s ms  %7d req  %4d B/req  upstream CPU %6s us/req' \
    "$rep" "$runs" "$side" "$rps" "$p50" "$p99" "$requests" "$bytes_per_req" "$up_cpu"
  if ((${#pids[@]})); then
    px_cpu=$(awk -v t=$((px_after - px_before)) -v r="$requests" -v hz="$clk_tck" \
      'BEGIN { printf "%.1f", r ? t * 1e6 / hz / r : 0 }')
    add_sample "$side" cpu "$px_cpu"
    printf '  proxy CPU %6s us/req' "$px_cpu"
  fi
  echo
  echo "           errors: $errs"
  if [[ "$errs" != "connect 0, read 0, write 0, non-2xx 0, timeout 0" ]]; then
    loud "$side run $rep: wrk reported errors ($errs); see $wrk_log"
    wrk_problems=$((wrk_problems + 1))
  fi
  if [[ "$side" == costgate ]]; then
    local rss hwm rows success
    rss=$(status_kib "$costgate_pid" VmRSS)
    hwm=$(status_kib "$costgate_pid" VmHWM)
    ((hwm > hwm_max)) && hwm_max=$hwm
    add_sample costgate rss "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')"
    rc_after=$(receipts_settled)
    rows=$((${rc_after% *} - ${rc_before% *}))
    success=$((${rc_after#* } - ${rc_before#* }))
    printf '           costgate RSS %.1f MiB (HWM %.1f MiB); receipts +%d rows (%d success) for %d wrk requests\n' \
      "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$hwm" 'BEGIN { print k / 1024 }')" \
      "$rows" "$success" "$requests"
    # wrk abandons up to $connections in-flight requests at the end (receipts: cancelled).
    if ((rows * 100 < requests * 98)); then
      loud "RECEIPTS MISSING: only $rows rows for $requests requests in costgate run $rep"
      receipt_problems=$((receipt_problems + 1))
    fi
    kill -0 "$costgate_pid" 2>/dev/null || die "costgate died during run $rep: $(tail -5 costgate.log)"
  fi
}

echo
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo));" \
  "load average before: $load_before"
echo "setup: wrk -t$wrk_threads -c$connections, ${warmup}s warm-up + ${duration}s timed, $runs runs per side;" \
  "upstream nginx 1 worker (TLS); costgate threads $proxy_threads; nginx proxy workers $proxy_threads;" \
  "BENCH_CENTRAL=$central_mode"
echo "costgate: $costgate_bin ($("$costgate_bin" --version 2>/dev/null || echo '?'))"
echo

for ((rep = 1; rep <= runs; rep++)); do
  bench_side "$rep" direct "https://127.0.0.1:$upstream_port$api_path"
  bench_side "$rep" costgate "$costgate_url" "$costgate_pid"
  bench_side "$rep" nginx "$proxy_url" $(nginx_pids "$proxy_pid")
done

# ---------------------------------------------------------------------------------------------
# 4. Summary table

med() {  # side metric
  # shellcheck disable=SC2086
  median ${samples["$1 $2"]:-}
}

ratio() {  # a b
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

verdict() {  # value op limit
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "n/a") { print "n/a"; exit }
    ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print ok ? "PASS" : "FAIL" }'
}

cg_cpu=$(med costgate cpu)
ng_cpu=$(med nginx cpu)
cg_rps=$(med costgate rps)
ng_rps=$(med nginx rps)
cpu_ratio=$(ratio "$cg_cpu" "$ng_cpu")
rps_ratio=$(ratio "$cg_rps" "$ng_rps")

echo
echo "==== proxy benchmark: medians of $runs runs (wrk -t$wrk_threads -c$connections, ${duration}s each) ===="
printf '%-30s | %12s | %12s | %12s\n' "" direct costgate nginx
printf '%-30s-+-%12s-+-%12s-+-%12s\n' "------------------------------" "------------" "------------" "------------"
printf '%-30s | %12s | %12s | %12s\n' "req/s" "$(med direct rps)" "$cg_rps" "$ng_rps"
printf '%-30s | %12s | %12s | %12s\n' "p50 latency (ms)" "$(med direct p50)" "$(med costgate p50)" "$(med nginx p50)"
printf '%-30s | %12s | %12s | %12s\n' "p99 latency (ms)" "$(med direct p99)" "$(med costgate p99)" "$(med nginx p99)"
printf '%-30s | %12s | %12s | %12s\n' "proxy CPU (us/req)" "-" "$cg_cpu" "$ng_cpu"
printf '%-30s | %12s | %12s | %12s\n' "upstream CPU (us/req)" "$(med direct upcpu)" "$(med costgate upcpu)" "$(med nginx upcpu)"
printf '%-30s | %12s | %12s | %12s\n' "RSS MiB (median after run)" "-" "$(med costgate rss)" "-"
printf '%-30s | %12s | %12s | %12s\n' "peak RSS MiB (VmHWM)" "-" "$(awk -v k="$hwm_max" 'BEGIN { printf "%.1f", k / 1024 }')" "-"
echo
echo "acceptance: costgate CPU/req / nginx CPU/req = $cpu_ratio (must be <= 1.5): $(verdict "$cpu_ratio" '<=' 1.5)"
echo "acceptance: costgate req/s / nginx req/s     = $rps_ratio (must be >= 0.7): $(verdict "$rps_ratio" '>=' 0.7)"
echo
echo "caveat: this machine has $(nproc) cores; wrk ($wrk_threads threads), the upstream nginx (1 worker)"
echo "  and the proxy under test ($proxy_threads threads/workers) all share them, unpinned, so absolute"
echo "  figures understate what a proxy does on its own cores; compare the columns, not the numbers."
echo "  Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
if ((wrk_problems)); then
  loud "$wrk_problems run(s) had wrk errors or failed; see the per-run lines above"
fi
if ((body_problems)); then
  loud "$body_problems proxy(ies) did not return the exact fixture body; see the check lines above"
fi
if ((receipt_problems)); then
  loud "$receipt_problems costgate run(s) wrote far fewer receipts than requests"
fi
