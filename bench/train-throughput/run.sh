#!/usr/bin/env bash
# Training throughput: our engine (DJL/libtorch) against PyTorch eager on the same network, recipe,
# batch size (128) and thread count. Usage: bench/train-throughput/run.sh [threads] [steps]
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/train-throughput/common.sh
# Both engines run with the allocator settings training processes ship with (GLIBC_TUNABLES in
# ./inception); set GLIBC_TUNABLES to compare others ("" = glibc's defaults).
if [[ -z "${GLIBC_TUNABLES+set}" ]]; then
  GLIBC_TUNABLES=$(shipped_tunables)
  export GLIBC_TUNABLES
fi
THREADS=${1:-2}
STEPS=${2:-12}
WARMUP=3
bench_setup "$THREADS"
printf '%-14s %-8s %-6s | %-12s %-12s | %-12s %-12s | %-8s %-8s\n' model block width "ours NCHW" "ours CL" "torch NCHW" "torch CL" "ratio" "ratio CL"
for cfg in "googlenet-tv reduced 0.25" "googlenet-tv naive 0.25" "googlenet reduced 0.25"; do
  set -- $cfg
  ours=$(ours_run "$1" "$2" "$3" "$THREADS" "$STEPS" "$WARMUP" false)
  ourscl=$(ours_run "$1" "$2" "$3" "$THREADS" "$STEPS" "$WARMUP" true)
  torch=$(torch_run --model "$1" --block "$2" --width "$3" --threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP")
  torchcl=$(torch_run --model "$1" --block "$2" --width "$3" --threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP" --channels-last)
  best_ours=$(python3 -c "print(max($ours,$ourscl))")
  best_torch=$(python3 -c "print(max($torch,$torchcl))")
  printf '%-14s %-8s %-6s | %-12s %-12s | %-12s %-12s | %-8s %-8s\n' "$1" "$2" "$3" "$ours" "$ourscl" "$torch" "$torchcl" \
    "$(python3 -c "print('%.2fx' % ($ours/$torch))")" "$(python3 -c "print('%.2fx' % ($best_ours/$best_torch))")"
done
