#!/bin/bash
# The image's HEALTHCHECK: GET /readyz on loopback and exit 0 only on a 200, with bash's /dev/tcp
# (no curl in the image). The port is the role's: COSTGATE_HEALTH_PORT, else the proxy's
# COSTGATE_LISTEN_PORT, else 8787; central alone sets COSTGATE_HEALTH_PORT=8788.
port=${COSTGATE_HEALTH_PORT:-${COSTGATE_LISTEN_PORT:-8787}}
host=${COSTGATE_HEALTH_HOST:-127.0.0.1}
exec 3<>"/dev/tcp/$host/$port" || exit 1
printf 'GET /readyz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$host" >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ $status == "HTTP/1.1 200"* ]]
