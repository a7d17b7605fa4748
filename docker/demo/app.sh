#!/bin/sh
# The compose demo's application: calls Gemini through its costgate sidecar every few seconds,
# as an SDK would with its base URL pointed at the sidecar (GOOGLE_GEMINI_BASE_URL).
set -u
while :; do
  curl -sS -o /dev/null -w "generateContent through the sidecar: HTTP %{http_code}\n" \
    -X POST -H 'content-type: application/json' -H "x-goog-api-key: ${GEMINI_API_KEY}" \
    --data-binary @/demo/request.json \
    "${GOOGLE_GEMINI_BASE_URL}/v1beta/models/gemini-2.0-flash-001:generateContent" || true
  sleep "${DEMO_INTERVAL_SECONDS:-5}"
done
