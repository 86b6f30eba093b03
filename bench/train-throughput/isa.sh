#!/usr/bin/env bash
# ATen's kernels compiled for AVX2 against those for AVX-512 (ATEN_CPU_CAPABILITY), in both engines,
# on the configurations of run.sh, channels-last, fp32. Only on a CPU with AVX-512 (F, DQ, BW, VL):
# ATen does not check the variable against the CPU. Usage:
#   [ONLY="model..."] bench/train-throughput/isa.sh [threads=2] [steps=12] [rounds=1]
# Each round runs the four cases of a configuration one after the other; a cell is the median of
# the rounds (images/s). Both engines run ThroughputBench / torch_train.py directly, so `unset` is
# ATen's own choice (AVX2 on the README's Zen 4 VM, although that CPU has AVX-512).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/train-throughput/common.sh
for f in avx512f avx512dq avx512bw avx512vl; do
  grep -qw "$f" /proc/cpuinfo || { echo "isa.sh: this CPU has no $f" >&2; exit 2; }
done
bench_init "$@"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
row='%-20s %-8s %-5s %-9s %-6s %5s | %-11s %-11s %-6s | %-11s %-11s %-6s | %-9s %-9s\n'
# shellcheck disable=SC2059
printf "$row" model block width stem input batch "ours unset" "ours avx512" gain "torch unset" "torch avx512" gain \
  "ratio" "ratio 512"
ours_unset() { (unset ATEN_CPU_CAPABILITY && ours_run "$@"); }
ours_avx512() { ATEN_CPU_CAPABILITY=avx512 ours_run "$@"; }
torch_unset() { (unset ATEN_CPU_CAPABILITY && torch_run "$@"); }
torch_avx512() { ATEN_CPU_CAPABILITY=avx512 torch_run "$@"; }
for cfg in "${CONFIGS[@]}"; do
  config_opts "$cfg" || continue
  read -r od ox td tx <<<"$(four_medians ours_unset ours_avx512 torch_unset torch_avx512 "${OPTS[@]}" --channels-last)"
  python3 - "$row" "$model" "$block" "$width" "$stem" "${side}px" "$batch" "$od" "$ox" "$td" "$tx" <<'PY'
import sys
row, model, block, width, stem, side, batch = sys.argv[1:8]
od, ox, td, tx = map(float, sys.argv[8:12])
print(row.replace("\\n", "") % (model, block, width, stem, side, batch, od, ox, "%.2fx" % (ox / od),
      td, tx, "%.2fx" % (tx / td), "%.2fx" % (od / td), "%.2fx" % (ox / tx)))
PY
done
