#!/usr/bin/env bash
# Training throughput: our engine (DJL/libtorch) against PyTorch eager on the same network, recipe,
# batch size (128) and thread count. Usage: bench/train-throughput/run.sh [threads] [steps]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Both engines run with the allocator settings training processes ship with (GLIBC_TUNABLES in
# ./inception); set GLIBC_TUNABLES to compare others ("" = glibc's defaults).
if [[ -z "${GLIBC_TUNABLES+set}" ]]; then
  source bench/train-throughput/tunables.sh
  GLIBC_TUNABLES=$(shipped_tunables)
  export GLIBC_TUNABLES
fi
THREADS=${1:-2}
STEPS=${2:-12}
WARMUP=3
mvn -q -o -B -pl worker compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
CP="worker/target/classes:$(cat worker/target/bench-cp.txt)"
CORES=$(seq -s, 0 $((THREADS - 1)))
java_run() { taskset -c "$CORES" java -Dai.djl.offline=true -cp "$CP" bench/train-throughput/ThroughputBench.java "$@" 2>/dev/null; }
py_run() { taskset -c "$CORES" /usr/bin/python3 bench/train-throughput/torch_googlenet.py "$@"; }
printf '%-14s %-8s %-6s | %-12s %-12s | %-12s %-12s | %-8s %-8s\n' model block width "ours NCHW" "ours CL" "torch NCHW" "torch CL" "ratio" "ratio CL"
for cfg in "googlenet-tv reduced 0.25" "googlenet-tv naive 0.25" "googlenet reduced 0.25"; do
  set -- $cfg
  ours=$(java_run "$1" "$2" "$3" "$THREADS" "$STEPS" "$WARMUP" false | python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["imagesPerSec"])')
  ourscl=$(java_run "$1" "$2" "$3" "$THREADS" "$STEPS" "$WARMUP" true | python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["imagesPerSec"])')
  torch=$(py_run --model "$1" --block "$2" --width "$3" --threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP" | python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["imagesPerSec"])')
  torchcl=$(py_run --model "$1" --block "$2" --width "$3" --threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP" --channels-last | python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["imagesPerSec"])')
  best_ours=$(python3 -c "print(max($ours,$ourscl))")
  best_torch=$(python3 -c "print(max($torch,$torchcl))")
  printf '%-14s %-8s %-6s | %-12s %-12s | %-12s %-12s | %-8s %-8s\n' "$1" "$2" "$3" "$ours" "$ourscl" "$torch" "$torchcl" \
    "$(python3 -c "print('%.2fx' % ($ours/$torch))")" "$(python3 -c "print('%.2fx' % ($best_ours/$best_torch))")"
done
