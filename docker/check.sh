#!/usr/bin/env bash
# Checks of docker/ that need no Docker engine (this machine has a Docker client only):
#   1. the shell scripts: syntax, shellcheck when installed;
#   2. entrypoint.sh: which `--cluster-host` it adds, run with a stand-in `java` that prints its args;
#   3. compose.yaml: resolved and validated by a Compose client (`docker compose` v2, else the
#      Python `docker-compose` v1 from Debian, installed with apt-get when missing and we are root),
#      then the resolved topology asserted (services, replicas, ports, volume, GPU reservation);
#      a broken copy must be rejected, so the validator is known to be live;
#   4. the Dockerfiles: every COPY source exists, non-root USER, HEALTHCHECK, the token is kept out of
#      the build context; lint with hadolint, else dockerfilelint (npm), when one is installed or
#      installs (INCEPTION_CHECK_INSTALL=0 forbids installing anything);
#   5. when backend/target/inception.jar exists: entrypoint.sh starts the real application;
#   6. when that jar has the cluster roles: compose.yaml's coordinator and worker commands, taken from
#      the resolved file, started through entrypoint.sh as two JVMs on 127.0.0.1 (free ports): the
#      worker joins (2 members), healthcheck.sh passes with the token and fails without the right one,
#      and /api/workers lists the worker.
# INCEPTION_CHECK_APP: the folder with inception.jar and lib/ to use (default backend/target).
# Not checked here: building the images and running containers (no engine).
# Ends with the line "N passed, N failed, N skipped"; exit status 1 when anything failed.
# shellcheck disable=SC2016 # the single-quoted bash -c scripts expand their own "$1" on purpose
set -uo pipefail

DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DOCKER_DIR")"
INSTALL="${INCEPTION_CHECK_INSTALL:-1}"
PY=/usr/bin/python3
TMP="$(mktemp -d)"
APP="${INCEPTION_CHECK_APP:-$ROOT/backend/target}"
started=()
cleanup() { # stop what this script started (by PID), then remove its files
  local p
  for p in "${started[@]}"; do kill "$p" 2> /dev/null; done
  for p in "${started[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2> /dev/null || break; sleep 1; done
    kill -9 "$p" 2> /dev/null
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
passed=0 failed=0 skipped=0

pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP  $*"; }
check() { # check "description" command...
  local what="$1" out
  shift
  if out="$("$@" 2>&1)"; then pass "$what"; else fail "$what"; printf '%s\n' "$out" | sed 's/^/      /'; fi
}
can_install() { [[ "$INSTALL" != 0 && $(id -u) -eq 0 ]]; }

# ---- 1. shell scripts -------------------------------------------------------------------------------
for s in entrypoint.sh healthcheck.sh; do
  check "$s: POSIX sh syntax" sh -n "$DOCKER_DIR/$s"
  check "$s: executable" test -x "$DOCKER_DIR/$s"
done
check "check.sh: bash syntax" bash -n "$DOCKER_DIR/check.sh"
if command -v shellcheck > /dev/null; then
  check "shellcheck: entrypoint.sh healthcheck.sh check.sh" \
    shellcheck "$DOCKER_DIR/entrypoint.sh" "$DOCKER_DIR/healthcheck.sh" "$DOCKER_DIR/check.sh"
else
  skip "shellcheck: not installed (apt-get install shellcheck)"
fi

# ---- 2. entrypoint.sh argument handling ----------------------------------------------------------
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$*"\n' > "$TMP/bin/java"
chmod +x "$TMP/bin/java"
entry() { # entry [VAR=value...] -- args...: the java command line entrypoint.sh would run
  local envs=()
  while [[ "$1" != -- ]]; do envs+=("$1"); shift; done
  shift
  env PATH="$TMP/bin:$PATH" INCEPTION_APP=/opt/x "${envs[@]}" sh "$DOCKER_DIR/entrypoint.sh" "$@"
}
expect_line() { # expect_line "description" expected actual
  if [[ "$2" == "$3" ]]; then pass "$1"; else fail "$1"; echo "      expected: $2"; echo "      actual:   $3"; fi
}
base="-Dai.djl.offline=true -Dinception.home=/opt/x -jar /opt/x/inception.jar"
expect_line "entrypoint: a worker gets --cluster-host from INCEPTION_CLUSTER_HOST" \
  "$base worker --cluster-members coordinator --cluster-host 10.1.2.3" \
  "$(entry INCEPTION_CLUSTER_HOST=10.1.2.3 -- worker --cluster-members coordinator)"
expect_line "entrypoint: serve --cluster gets --cluster-host too" \
  "$base serve --cluster --cluster-members c --cluster-host 10.1.2.3" \
  "$(entry INCEPTION_CLUSTER_HOST=10.1.2.3 -- serve --cluster --cluster-members c)"
expect_line "entrypoint: an explicit --cluster-host is kept, none added" \
  "$base worker --cluster-host=h1 --cluster-members c" \
  "$(entry INCEPTION_CLUSTER_HOST=10.1.2.3 -- worker --cluster-host=h1 --cluster-members c)"
expect_line "entrypoint: embedded serve and other commands are passed through unchanged" \
  "$base serve --host 0.0.0.0" "$(entry INCEPTION_CLUSTER_HOST=10.1.2.3 -- serve --host 0.0.0.0)"
expect_line "entrypoint: INCEPTION_JAVA_OPTS go before -jar, split into options" \
  "-Xmx1g -Dx=1 $base models --json" "$(entry INCEPTION_JAVA_OPTS='-Xmx1g -Dx=1' -- models --json)"
own="$(hostname -i 2> /dev/null | awk '{print $1}')"
if [[ -n "$own" ]]; then
  expect_line "entrypoint: without INCEPTION_CLUSTER_HOST the container's own address is used" \
    "$base worker --cluster-members c --cluster-host $own" "$(entry -- worker --cluster-members c)"
else
  skip "entrypoint: own address (hostname -i answers nothing here)"
fi

# ---- 3. compose.yaml --------------------------------------------------------------------------------
compose=()
if docker compose version > /dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose > /dev/null; then
  compose=(docker-compose)
elif can_install && command -v apt-get > /dev/null; then
  echo "      installing Debian's docker-compose (client-side validator) ..."
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose > "$TMP/apt.log" 2>&1 \
    || { apt-get update -qq > /dev/null 2>&1 \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose > "$TMP/apt.log" 2>&1; }; then
    compose=(docker-compose)
  else
    tail -3 "$TMP/apt.log" | sed 's/^/      /'
  fi
fi
if ((${#compose[@]} == 0)); then
  skip "compose.yaml: no Compose client (docker compose v2 or Debian's docker-compose)"
elif ! "$PY" -c 'import yaml' 2> /dev/null; then
  skip "compose.yaml: $PY has no PyYAML (python3-yaml) to read the resolved file"
else
  # A copy with the example env file as inception.env: the user's token is never read.
  mkdir -p "$TMP/ctx/docker"
  cp "$DOCKER_DIR/compose.yaml" "$TMP/ctx/docker/"
  cp "$DOCKER_DIR/inception.env.example" "$TMP/ctx/docker/inception.env"
  resolve() { (cd "$TMP/ctx/docker" && env -u INCEPTION_PUBLISH -u INCEPTION_CPU_WORKERS "$@"); }
  if resolve "${compose[@]}" -f compose.yaml config > "$TMP/default.yaml" 2> "$TMP/err" \
    && resolve "${compose[@]}" -f compose.yaml --profile gpu config > "$TMP/gpu.yaml" 2>> "$TMP/err" \
    && resolve INCEPTION_CPU_WORKERS=5 INCEPTION_PUBLISH=0.0.0.0:9090 "${compose[@]}" -f compose.yaml \
      config > "$TMP/scaled.yaml" 2>> "$TMP/err"; then
    pass "compose.yaml: valid for ${compose[*]} (default, --profile gpu, and with variables set)"
    check "compose.yaml: the resolved topology is the documented one" "$PY" - "$TMP" << 'EOF'
import sys, yaml
tmp = sys.argv[1]
load = lambda n: yaml.safe_load(open(f"{tmp}/{n}.yaml"))["services"]
default, gpu, scaled = load("default"), load("gpu"), load("scaled")
errors = []
def need(cond, msg):
    if not cond:
        errors.append(msg)
def ports(svc):  # published ports as (host_ip, published, target), v1 and v2 spellings
    out = []
    for p in svc.get("ports", []):
        if isinstance(p, str):
            parts = p.split("/")[0].split(":")
            out.append((":".join(parts[:-2]) or None, parts[-2] if len(parts) > 1 else None, parts[-1]))
        else:
            out.append((p.get("host_ip"), str(p.get("published")), str(p.get("target"))))
    return out
def arg(cmd, flag):
    return cmd[cmd.index(flag) + 1] if flag in cmd else None
# v1 `config` lists services of every profile, v2 only the active ones: compare those without one.
plain = sorted(n for n, svc in default.items() if not svc.get("profiles"))
need(plain == ["coordinator", "worker"], f"services without a profile: {plain}")
need(gpu["gpu-worker"].get("profiles") == ["gpu"], "gpu-worker is not under the 'gpu' profile")
need(set(gpu) == {"coordinator", "worker", "gpu-worker"}, f"--profile gpu services: {sorted(gpu)}")
c = default["coordinator"]["command"]
need(c[0] == "serve" and "--cluster" in c, f"coordinator command: {c}")
need(arg(c, "--host") == "0.0.0.0" and arg(c, "--data-dir") == "/data", f"coordinator binds/data: {c}")
need(arg(c, "--workers") == "0", "coordinator runs no local worker")
need(default["coordinator"].get("environment", {}).get("INCEPTION_TOKEN"), "coordinator has no INCEPTION_TOKEN")
need(ports(default["coordinator"]) == [("127.0.0.1", "8080", "8080")],
     f"coordinator publishes {ports(default['coordinator'])}, expected only 127.0.0.1:8080")
need(ports(scaled["coordinator"]) == [("0.0.0.0", "9090", "8080")],
     f"INCEPTION_PUBLISH=0.0.0.0:9090 gives {ports(scaled['coordinator'])}")
need(int(default["worker"]["deploy"]["replicas"]) == 2, "default CPU worker replicas != 2")
need(int(scaled["worker"]["deploy"]["replicas"]) == 5, "INCEPTION_CPU_WORKERS=5 not applied")
for name, svc in gpu.items():
    cmd = svc["command"]
    need(not [p for p in ports(svc) if p[2] in ("5701", "7701")], f"{name} publishes a cluster port")
    vols = [v if isinstance(v, str) else f"{v.get('source')}:{v.get('target')}" for v in svc.get("volumes", [])]
    need(any(v.startswith("inception-data:/data") for v in vols), f"{name} lacks the shared volume at /data")
    members = arg(cmd, "--cluster-members")
    need(members is not None, f"{name} has no --cluster-members")
    for m in (members or "").split(","):
        need(m in gpu and ":" not in m, f"{name}: member '{m}' is not a service name without port")
    if name != "coordinator":
        need(cmd[0] == "worker", f"{name} is not a worker: {cmd}")
        need(svc.get("depends_on", {}).get("coordinator", {}).get("condition") == "service_healthy",
             f"{name} does not wait for a healthy coordinator")
devs = gpu["gpu-worker"]["deploy"]["resources"]["reservations"]["devices"]
need(any(d.get("driver") == "nvidia" and "gpu" in d.get("capabilities", []) for d in devs),
     f"gpu-worker device reservation: {devs}")
need(gpu["gpu-worker"]["build"]["dockerfile"].endswith("Dockerfile.gpu"), "gpu-worker is not built from Dockerfile.gpu")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
EOF
  else
    fail "compose.yaml: rejected by ${compose[*]}"
    sed 's/^/      /' "$TMP/err"
  fi
  sed 's/^\(\( *\)replicas:\).*/\1 two/' "$TMP/ctx/docker/compose.yaml" > "$TMP/ctx/docker/broken.yaml"
  if resolve "${compose[@]}" -f broken.yaml config > /dev/null 2>&1; then
    fail "compose.yaml: the validator accepted 'replicas: two' (it validates nothing)"
  else
    pass "compose.yaml: the validator rejects a broken copy ('replicas: two')"
  fi
fi

# ---- 4. Dockerfiles ---------------------------------------------------------------------------------
for df in Dockerfile Dockerfile.gpu; do
  f="$DOCKER_DIR/$df"
  missing=""
  # COPY sources from the build context (the repository root); --from= copies are from stages.
  while read -r src; do
    [[ -e "$ROOT/$src" ]] || missing+=" $src"
  done < <(grep -E '^COPY ' "$f" | grep -v -- '--from=' \
    | sed -E 's/^COPY( --[a-z]+=[^ ]+)* //' | awk '{for (i = 1; i < NF; i++) print $i}')
  expect_line "$df: every COPY source exists in the repository" "" "$missing"
  user="$(grep -E '^USER ' "$f" | tail -1 | awk '{print $2}')"
  check "$df: runs as a non-root USER ($user), set before ENTRYPOINT" \
    bash -c '[[ -n "$1" && "$1" != root && "$1" != 0 ]] \
      && (( $(grep -n "^USER " "$2" | tail -1 | cut -d: -f1) < $(grep -n "^ENTRYPOINT" "$2" | cut -d: -f1) ))' \
    _ "$user" "$f"
  check "$df: has a HEALTHCHECK" grep -q "^HEALTHCHECK " "$f"
  check "$df: starts with the BuildKit syntax line (cache mounts, COPY --chmod)" \
    bash -c 'head -1 "$1" | grep -qx "# syntax=docker/dockerfile:1"' _ "$f"
  check "$df.dockerignore: keeps the token file, .git and build outputs out of the context" \
    bash -c 'for p in docker/inception.env .git "**/target" "**/node_modules"; do grep -qxF "$p" "$1" || exit 1; done' \
    _ "$f.dockerignore"
done

lint=()
if command -v hadolint > /dev/null; then
  lint=(hadolint)
else
  dfl_dir="${XDG_CACHE_HOME:-$HOME/.cache}/inception-check"
  if command -v dockerfilelint > /dev/null; then
    lint=(dockerfilelint)
  elif [[ -x "$dfl_dir/node_modules/.bin/dockerfilelint" ]]; then
    lint=("$dfl_dir/node_modules/.bin/dockerfilelint")
  elif [[ "$INSTALL" != 0 ]] && command -v npm > /dev/null; then
    echo "      installing dockerfilelint from npm into $dfl_dir ..."
    mkdir -p "$dfl_dir"
    if npm install --prefix "$dfl_dir" --no-audit --no-fund --silent dockerfilelint@1.8.0 > "$TMP/npm.log" 2>&1; then
      lint=("$dfl_dir/node_modules/.bin/dockerfilelint")
    else
      tail -3 "$TMP/npm.log" | sed 's/^/      /'
    fi
  fi
fi
if ((${#lint[@]} == 0)); then
  skip "Dockerfile lint: neither hadolint nor dockerfilelint installed"
else
  # dockerfilelint reads docker/.dockerfilelintrc (next to the Dockerfiles).
  check "Dockerfile lint (${lint[0]##*/}): Dockerfile Dockerfile.gpu" \
    bash -c 'cd "$1" && shift && "$@" Dockerfile Dockerfile.gpu' _ "$DOCKER_DIR" "${lint[@]}"
fi

# ---- 5. the entrypoint starts the real application ---------------------------------------------------
jar="$APP/inception.jar"
if [[ -f "$jar" ]] && command -v java > /dev/null; then
  check "entrypoint.sh runs the built jar: models --json lists googlenet" bash -c '
    out="$(INCEPTION_APP="$1" sh "$2" models --json)" || exit 1
    printf "%s" "$out" | grep -q "\"googlenet\"" || { printf "%s\n" "$out" | head -5; exit 1; }' \
    _ "$APP" "$DOCKER_DIR/entrypoint.sh"
else
  skip "entrypoint.sh with the real jar: $jar not built"
fi

# ---- 6. compose.yaml's cluster commands as JVMs on 127.0.0.1 -----------------------------------------
compose_args() { # compose_args SERVICE HTTP_PORT HZ_PORT DATA: its resolved command, one arg a line
  "$PY" - "$TMP/default.yaml" "$@" << 'EOF'
import sys, yaml
path, svc, http, hz, data = sys.argv[1:]
cmd = [str(a) for a in yaml.safe_load(open(path))["services"][svc]["command"]]
for flag, value in (("--cluster-members", "127.0.0.1"), ("--port", http), ("--data-dir", data)):
    if flag in cmd:
        cmd[cmd.index(flag) + 1] = value
print("\n".join(cmd + ["--cluster-port", hz]))
EOF
}
wait_for() { # wait_for SECONDS command...: until the command succeeds
  local end=$((SECONDS + $1))
  shift
  until "$@" > /dev/null 2>&1; do
    ((SECONDS < end)) || return 1
    sleep 2
  done
}
cluster_smoke() {
  local http hz token=check-token-1234 coord worker id url
  read -r http hz <<< "$("$PY" -c 'import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')"
  mapfile -t cargs < <(compose_args coordinator "$http" "$hz" "$TMP/data")
  mapfile -t wargs < <(compose_args worker "$http" "$hz" "$TMP/data")
  INCEPTION_APP="$APP" INCEPTION_CLUSTER_HOST=127.0.0.1 INCEPTION_TOKEN="$token" \
    sh "$DOCKER_DIR/entrypoint.sh" "${cargs[@]}" > "$TMP/coordinator.log" 2>&1 &
  coord=$!
  started+=("$coord")
  if ! wait_for 120 grep -q "serving on" "$TMP/coordinator.log"; then
    fail "cluster: the coordinator (compose's command) did not start"
    tail -5 "$TMP/coordinator.log" | sed 's/^/      /'
    return
  fi
  INCEPTION_APP="$APP" INCEPTION_CLUSTER_HOST=127.0.0.1 \
    sh "$DOCKER_DIR/entrypoint.sh" "${wargs[@]}" > "$TMP/worker.log" 2>&1 &
  worker=$!
  started+=("$worker")
  if wait_for 120 grep -q "joined the cluster (2 members)" "$TMP/worker.log"; then
    pass "cluster: compose's worker command joins compose's coordinator (2 members)"
  else
    fail "cluster: the worker did not join a 2-member cluster"
    tail -5 "$TMP/worker.log" | sed 's/^/      /'
    return
  fi
  url="http://127.0.0.1:$http/api/models"
  if wait_for 90 env INCEPTION_HEALTH_PID="$coord" INCEPTION_HEALTH_URL="$url" \
    INCEPTION_TOKEN="$token" sh "$DOCKER_DIR/healthcheck.sh"; then
    pass "cluster: healthcheck.sh passes on the coordinator with the token"
  else
    fail "cluster: healthcheck.sh never passed on the coordinator"
  fi
  if env INCEPTION_HEALTH_PID="$coord" INCEPTION_HEALTH_URL="$url" INCEPTION_TOKEN=wrong \
    sh "$DOCKER_DIR/healthcheck.sh" > /dev/null 2>&1; then
    fail "cluster: healthcheck.sh passed with a wrong token"
  else
    pass "cluster: healthcheck.sh fails with a wrong token (the API is guarded on 0.0.0.0)"
  fi
  id="$(sed -n 's/^worker \([^ ]*\) joined.*/\1/p' "$TMP/worker.log")"
  check "cluster: /api/workers lists the worker ($id)" bash -c \
    'curl -fsS --max-time 10 -H "Authorization: Bearer $1" "$2" | grep -q "\"$3\""' \
    _ "$token" "http://127.0.0.1:$http/api/workers" "$id"
}
if [[ ! -f "$jar" ]] || ! java -Dai.djl.offline=true -jar "$jar" --help 2> /dev/null | grep -q '^  worker '; then
  skip "cluster: $jar has no 'worker' command (yet)"
elif [[ ! -s "$TMP/default.yaml" ]]; then
  skip "cluster: no resolved compose.yaml (no Compose client)"
else
  cluster_smoke
fi

echo
echo "docker/check.sh: $passed passed, $failed failed, $skipped skipped"
((failed == 0))
