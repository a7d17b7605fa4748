#!/usr/bin/env bash
# Offline checks of docker/ (ctest docker_files, well under a second); the image itself is
# built and run on demand by scripts/test-image.sh. What a typo would otherwise hide until
# someone runs the image:
#   - the Dockerfiles build FROM debian:bookworm(-slim) only (README; CONTAINERS.md makes
#     exactly those names locally);
#   - the runtime stage installs every library of the Debian package's Depends that a slim
#     base lacks (the list the README gives);
#   - every COSTGATE_* variable in compose.yaml and the Dockerfile is one the daemon reads
#     (config/env_overrides.cpp) or the image's own (COSTGATE_CONFIG, COSTGATE_HEALTH_PORT);
#   - every file the Dockerfiles COPY from the context exists and is not in .dockerignore;
#   - compose.yaml has the services and the sidecar wiring the README describes.
# Usage: check_docker_files.sh SOURCE_DIR
set -euo pipefail
cd "$1"
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

for dockerfile in docker/Dockerfile docker/demo/Dockerfile; do
  while read -r base; do
    [[ $base == docker.io/library/debian:bookworm || $base == docker.io/library/debian:bookworm-slim ]] ||
      fail "$dockerfile: FROM $base (only debian:bookworm and bookworm-slim)"
  done < <(sed -n 's/^FROM \([^ ]*\).*/\1/p' "$dockerfile")
  while read -r source; do
    [[ -e $source ]] || fail "$dockerfile: COPY $source: no such file"
    while read -r pattern; do
      [[ -z $pattern || $pattern == \#* ]] && continue
      # shellcheck disable=SC2053  # a glob on purpose: .dockerignore's patterns
      [[ $source == ${pattern%/} || $source == ${pattern%/}/* ]] && fail "$dockerfile: COPY $source is in .dockerignore ($pattern)"
    done <.dockerignore
  done < <(sed -n '/^COPY --from/d; s/^COPY \(.*\) [^ ]*$/\1/p' "$dockerfile" | tr ' ' '\n' | grep -v '^\.$')
done

depends=$(sed -n '/^The package depends only on/,/zlib1g)/p' README.md | tr '\n' ' ' |
  sed 's/.*dpkg-shlibdeps: *//; s/).*//' | tr -d ',')
[[ -n $depends ]] || fail "README: no Depends list in \"systemd and the Debian package\""
runtime=$(awk '/^FROM .*bookworm-slim/{r=1} r' docker/Dockerfile)
for package in $depends; do
  case $package in libc6 | libgcc-s1 | libstdc++6) continue ;; esac  # in every Debian base
  grep -qw -- "$package" <<<"$runtime" || fail "docker/Dockerfile: runtime stage lacks $package (a Depends)"
done

known=$(grep -o '"COSTGATE_[A-Z_]*"' config/env_overrides.cpp | tr -d '"')
for file in docker/compose.yaml docker/Dockerfile docker/healthcheck.sh; do
  for variable in $(grep -oP '(?<!-D)COSTGATE_[A-Z_]*' "$file" | sort -u); do
    case $variable in COSTGATE_CONFIG | COSTGATE_HEALTH_PORT | COSTGATE_HEALTH_HOST) continue ;; esac
    grep -qx "$variable" <<<"$known" || fail "$file: $variable is not an env override the daemon reads"
  done
done

compose=docker/compose.yaml
for service in central-key central demo-proxy demo-app mock-upstream; do
  grep -q "^  $service:$" "$compose" || fail "$compose: no service $service"
done
grep -q 'network_mode: service:demo-proxy' "$compose" || fail "$compose: demo-app does not share the sidecar's network"
grep -q 'GOOGLE_GEMINI_BASE_URL: http://127.0.0.1:8787' "$compose" || fail "$compose: demo-app's SDK base URL is not the sidecar"
grep -q 'COSTGATE_SHIPPER_URL: http://central:8788' "$compose" || fail "$compose: the sidecar does not ship to central"
grep -q 'COSTGATE_CENTRAL_LISTEN_ADDRESS: 0.0.0.0' "$compose" || fail "$compose: central is not reachable by other containers"
grep -q 'COSTGATE_HEALTH_PORT: "8788"' "$compose" || fail "$compose: central's health check probes the proxy's port"

[[ $failures -eq 0 ]] || exit 1
echo "docker/ files consistent"
