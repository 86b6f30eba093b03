#!/bin/sh
# Container entry point of the Inception Lab images: runs `inception <command> [options]`.
#
# For the cluster roles (`serve --cluster`, `worker`) it adds `--cluster-host` when the command does
# not give one: INCEPTION_CLUSTER_HOST, else this container's own address, so that every replica of
# a scaled worker service advertises itself and not a name shared with its siblings.
# INCEPTION_JAVA_OPTS adds JVM options (as for the ./inception launcher), e.g. -Xmx8g;
# INCEPTION_APP is the folder holding inception.jar and lib/ (default /app).
set -eu

cluster_role=false
has_host=false
if [ "${1:-}" = worker ]; then cluster_role=true; fi
for arg in "$@"; do
  case "$arg" in
    --cluster) if [ "${1:-}" = serve ]; then cluster_role=true; fi ;;
    --cluster-host | --cluster-host=*) has_host=true ;;
  esac
done

if [ "$cluster_role" = true ] && [ "$has_host" = false ]; then
  host="${INCEPTION_CLUSTER_HOST:-}"
  if [ -z "$host" ]; then
    host="$(hostname -i | awk '{print $1}')"
  fi
  if [ -z "$host" ]; then
    echo "entrypoint: cannot find this container's address; set INCEPTION_CLUSTER_HOST" >&2
    exit 2
  fi
  set -- "$@" --cluster-host "$host"
fi

app="${INCEPTION_APP:-/app}"
# shellcheck disable=SC2086 # INCEPTION_JAVA_OPTS is a list of options, split on purpose
exec java ${INCEPTION_JAVA_OPTS:-} -Dai.djl.offline=true -Dinception.home="$app" \
  -jar "$app/inception.jar" "$@"
