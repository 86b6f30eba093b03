#!/bin/sh
# Docker HEALTHCHECK of the Inception Lab images.
# Coordinator (`serve`): GET INCEPTION_HEALTH_URL (default http://127.0.0.1:8080/api/models) must
# answer 2xx; the access token INCEPTION_TOKEN is sent when set (the API asks for it whenever the
# server is bound to a non-loopback address). Any other role has no HTTP port: the JVM is PID 1, so a
# container that is still running is healthy.
set -eu
# INCEPTION_HEALTH_PID: the application's process (PID 1 in the container; tests point it elsewhere).
if tr '\0' '\n' < "/proc/${INCEPTION_HEALTH_PID:-1}/cmdline" | grep -qx serve; then
  if [ -n "${INCEPTION_TOKEN:-}" ]; then
    exec curl -fsS -o /dev/null --max-time 8 -H "Authorization: Bearer ${INCEPTION_TOKEN}" \
      "${INCEPTION_HEALTH_URL:-http://127.0.0.1:8080/api/models}"
  fi
  exec curl -fsS -o /dev/null --max-time 8 "${INCEPTION_HEALTH_URL:-http://127.0.0.1:8080/api/models}"
fi
exit 0
