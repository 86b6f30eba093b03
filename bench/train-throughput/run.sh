#!/usr/bin/env bash
# Training throughput: our engine (DJL/libtorch) against PyTorch eager on the same network, recipe,
# batch and thread count, for every family, with the share of the machine's measured GEMM peak each
# reaches. Usage: [ONLY="model..."] bench/train-throughput/run.sh [threads=2] [steps=12] [rounds=1]
# Each round runs the four cases of a configuration one after the other; a cell is the median of
# the rounds (images/s).
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/train-throughput/common.sh
bench_init "$@"
read -r PEAK_OURS PEAK_TORCH <<<"$(gemm_peaks 2048 "$THREADS")"
PEAK=$(python3 -c "print(max($PEAK_OURS, $PEAK_TORCH))")
echo "GEMM 2048x2048 fp32 on $THREADS threads: ours $PEAK_OURS GFLOP/s, torch $PEAK_TORCH GFLOP/s; peak = $PEAK"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
row='%-20s %-8s %-5s %-9s %-7s %5s | %-9s %-9s | %-10s %-10s | %-6s %-8s | %-7s %-7s\n'
# shellcheck disable=SC2059
printf "$row" model block width stem input batch "ours NCHW" "ours CL" "torch NCHW" "torch CL" ratio "ratio CL" "% peak" "torch %"
ours_cl() { ours_run "$@" --channels-last; }
torch_cl() { torch_run "$@" --channels-last; }
for cfg in "${CONFIGS[@]}"; do
  config_opts "$cfg" || continue
  read -r ours ourscl torch torchcl <<<"$(four_medians ours_run ours_cl torch_run torch_cl "${OPTS[@]}")"
  # training FLOPs per image ~ 3 x the forward pass's 2 x MACs (aux heads included when trained)
  auxflag=$([[ "$aux" != 0 ]] && echo --aux || true)
  macs=$(./inception flops --model "$model" --block "$block" --width "$width" --stem "$stem" \
    --input "1x${side}x${side}" --classes 10 --json $auxflag |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["macs"] + d["auxMacs"])')
  python3 - "$row" "$model" "$block" "$width" "$stem" "${side}px" "$batch" "$ours" "$ourscl" "$torch" "$torchcl" "$macs" "$PEAK" <<'PY'
import sys
row, model, block, width, stem, side, batch = sys.argv[1:8]
ours, ourscl, torch, torchcl, macs, peak = map(float, sys.argv[8:14])
share = lambda ips: "%.1f%%" % (100 * ips * 6 * macs / (peak * 1e9))
print(row.replace("\\n", "") % (model, block, width, stem, side, batch, ours, ourscl, torch, torchcl,
      "%.2fx" % (ours / torch), "%.2fx" % (max(ours, ourscl) / max(torch, torchcl)),
      share(max(ours, ourscl)), share(max(torch, torchcl))))
PY
done
