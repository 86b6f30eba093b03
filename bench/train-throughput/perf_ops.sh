#!/usr/bin/env bash
# CPU time a timed step spends where, ours against PyTorch, from perf samples rather than a
# profiler (libtorch 2.7.1's profiler changes how our process takes memory, see the README).
# Usage:
#   bench/train-throughput/perf_ops.sh [OUT_DIR=target/perf-ops] OPTION...
# OPTION... are both engines' options (ThroughputBench.java's = torch_train.py's), for example
#   bench/train-throughput/perf_ops.sh target/perf-ops --model inception-v4 --width 0.25 \
#     --batch-size 64 --aux-weight 0 --channels-last --threads 2 --steps 12 --warmup 3
# Each engine runs once under `perf record -e cpu-clock`, which the bench enables at the first timed
# step and disables after the last (--perf-control); perf_ops.py prints the table. Needs perf
# (Debian's linux-perf) and permission to sample (kernel.perf_event_paranoid ≤ 1, or root).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/train-throughput/common.sh
OUT=target/perf-ops
if [[ $# -gt 0 && "$1" != --* ]]; then
  OUT=$1
  shift
fi
[[ " $* " == *" --steps "* ]] || { echo "perf_ops.sh: give --steps (the table divides by it)" >&2; exit 2; }
STEPS=$(sed -n 's/.*--steps \([0-9]*\).*/\1/p' <<<"$*")
THREADS=$(sed -n 's/.*--threads \([0-9]*\).*/\1/p' <<<"$*")
HZ=999
mkdir -p "$OUT"
use_shipped_tunables
bench_setup "${THREADS:-2}"

# Runs $1 (ours|torch) under perf record into $OUT/$1.perf.data; prints the bench's JSON line.
record() {
  local fifo="$OUT/$1.control"
  rm -f "$fifo"
  mkfifo "$fifo"
  local -a engine=("${TORCH[@]}")
  [[ $1 == ours ]] && engine=("${OURS[@]}")
  # the perf map names the JIT-compiled Java methods, so they count as runtime, not oneDNN
  JAVA_TOOL_OPTIONS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" \
    taskset -c "$CORES" perf record -q -e cpu-clock -F "$HZ" --control "fifo:$fifo" -D -1 \
    -o "$OUT/$1.perf.data" -- "${engine[@]}" "${@:2}" --perf-control "$fifo" 2>"$OUT/$1.log" | tail -n 1
  rm -f "$fifo"
}

echo "ours:    $(record ours "$@")"
echo "PyTorch: $(record torch "$@")"
python3 bench/train-throughput/perf_ops.py "$OUT/ours.perf.data" "$OUT/torch.perf.data" "$STEPS" --hz "$HZ"
