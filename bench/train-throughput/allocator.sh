#!/usr/bin/env bash
# Our engine's training throughput with glibc's default allocator against the settings training
# processes ship with (TrainingEnvironment.GLIBC_TUNABLES, read here from the launcher), channels-last,
# alternating the two for `rounds` rounds so that drift in the VM's speed hits both alike.
# Usage: bench/train-throughput/allocator.sh [rounds=3] [steps=12] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
STEPS=${2:-12}
THREADS=${3:-2}
source bench/train-throughput/tunables.sh
TUNED=$(shipped_tunables)
mvn -q -o -B -pl worker compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
CP="worker/target/classes:$(cat worker/target/bench-cp.txt)"
CORES=$(seq -s, 0 $((THREADS - 1)))
# images/s of one run; $1 is the GLIBC_TUNABLES value ("" = glibc's defaults)
run() {
  local tunables=$1; shift
  env GLIBC_TUNABLES="$tunables" taskset -c "$CORES" java -Dai.djl.offline=true -cp "$CP" \
    bench/train-throughput/ThroughputBench.java "$@" "$THREADS" "$STEPS" 3 true 2>/dev/null |
    python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["imagesPerSec"])'
}
echo "GLIBC_TUNABLES=$TUNED"
printf '%-14s %-8s %-6s | %-22s | %-22s | %s\n' model block round "glibc defaults img/s" "tuned img/s" ratio
for cfg in "googlenet-tv reduced 0.25" "googlenet-tv naive 0.25" "googlenet reduced 0.25"; do
  set -- $cfg
  logsum=0
  for r in $(seq "$ROUNDS"); do
    a=$(run "" "$1" "$2" "$3")
    b=$(run "$TUNED" "$1" "$2" "$3")
    logsum=$(python3 -c "import math; print($logsum + math.log($b / $a))")
    printf '%-14s %-8s %-6s | %-22s | %-22s | %s\n' "$1" "$2" "$r" "$a" "$b" "$(python3 -c "print('%.2fx' % ($b / $a))")"
  done
  printf '%-14s %-8s %-6s | %-22s | %-22s | %s\n' "$1" "$2" "geomean" "" "" "$(python3 -c "import math; print('%.2fx' % math.exp($logsum / $ROUNDS))")"
done
