#!/usr/bin/env bash
# bf16 mixed precision against fp32, in our engine (--precision bf16: bfloat16 convolutions and
# linear layers as TorchScript kernels, fp32 master weights) and in PyTorch (CPU autocast), on the
# configurations of run.sh, channels-last. Usage:
#   [ONLY="model..."] bench/train-throughput/bf16.sh [threads=2] [steps=12] [rounds=1]
# Each round runs the four cases of a configuration one after the other; a cell is the median of
# the rounds (images/s).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/train-throughput/common.sh
bench_init "$@"
echo "CPU bf16 support: $(grep -o -m1 -wE 'avx512_bf16|amx_bf16' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
row='%-20s %-8s %-5s %-9s %-6s %5s | %-9s %-9s %-7s | %-10s %-10s %-7s | %-9s\n'
# shellcheck disable=SC2059
printf "$row" model block width stem input batch "ours fp32" "ours bf16" "gain" "torch fp32" "torch bf16" "gain" "bf16 ratio"
ours_fp32() { ours_run "$@" --precision fp32; }
ours_bf16() { ours_run "$@" --precision bf16; }
torch_fp32() { torch_run "$@" --precision fp32; }
torch_bf16() { torch_run "$@" --precision bf16; }
for cfg in "${CONFIGS[@]}"; do
  config_opts "$cfg" || continue
  read -r of ob tf tb <<<"$(four_medians ours_fp32 ours_bf16 torch_fp32 torch_bf16 "${OPTS[@]}" --channels-last)"
  python3 - "$row" "$model" "$block" "$width" "$stem" "${side}px" "$batch" "$of" "$ob" "$tf" "$tb" <<'PY'
import sys
row, model, block, width, stem, side, batch = sys.argv[1:8]
of, ob, tf, tb = map(float, sys.argv[8:12])
print(row.replace("\\n", "") % (model, block, width, stem, side, batch, of, ob, "%.2fx" % (ob / of),
      tf, tb, "%.2fx" % (tb / tf), "%.2fx" % (ob / tb)))
PY
done
