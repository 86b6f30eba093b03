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
source bench/train-throughput/common.sh
TUNED=$(shipped_tunables)
bench_setup "$THREADS"
# images/s of one channels-last run with GLIBC_TUNABLES=$1 ("" = glibc's defaults) of model $2..$4
run() {
  GLIBC_TUNABLES=$1 ours_run --model "$2" --block "$3" --width "$4" --threads "$THREADS" --steps "$STEPS" \
    --warmup 3 --channels-last
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
