#!/usr/bin/env bash
# Test accuracy on Fashion-MNIST reached by the default small GoogLeNet and BN-Inception within a
# number of epochs, with the CPU time it took. Target: ≥ 94% (the Fashion-MNIST benchmark lists
# GoogLeNet at 93.7%).
# Usage: [MODELS="googlenet bn-inception"] bench/fashion-accuracy/run.sh [epochs=3] [threads=2] [extra train options...]
set -euo pipefail
cd "$(dirname "$0")/../.."
EPOCHS=${1:-3}
THREADS=${2:-2}
shift $(($# > 2 ? 2 : $#))
mkdir -p bench/results
printf '%-14s %-6s %6s %10s %10s %9s %12s %10s %10s\n' model width epochs "test top1" "best val" target "vs target" "wall min" "CPU min"
for model in ${MODELS:-googlenet bn-inception}; do
  out=bench/results/fashion-accuracy-$model.json
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o bench/results/fashion-accuracy-$model.time \
    ./inception train --model "$model" --stem small --width 0.25 --dataset fashion-mnist \
      --epochs "$EPOCHS" --threads "$THREADS" --json "$@" > "$out" 2> bench/results/fashion-accuracy-$model.log
  end=$(date +%s.%N)
  python3 - "$out" "$model" "$EPOCHS" "$start" "$end" bench/results/fashion-accuracy-$model.time <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
user, sys_ = map(float, open(sys.argv[6]).read().split()[-2:])
acc = r["testAccuracy"]
print("%-14s %-6s %6s %9.2f%% %9.2f%% %8.1f%% %11.3fx %10.1f %10.1f" % (
    sys.argv[2], "0.25", sys.argv[3], 100 * acc, 100 * r["bestValAccuracy"], 94.0, acc / 0.94,
    (float(sys.argv[5]) - float(sys.argv[4])) / 60, (user + sys_) / 60))
PY
done
