# shellcheck shell=bash
# Sourced by this folder's scripts, run from the repository root: what run.sh and allocator.sh share.

# The GLIBC_TUNABLES value training processes ship with, read from the launcher (a test keeps it
# equal to TrainingEnvironment.GLIBC_TUNABLES).
shipped_tunables() {
  local t
  t=$(sed -n "s/^ *export GLIBC_TUNABLES='\(.*\)'$/\1/p" inception)
  [[ -n "$t" ]] || { echo "no GLIBC_TUNABLES in ./inception" >&2; return 1; }
  echo "$t"
}

# The PyTorch peer's command line, before its options.
# shellcheck disable=SC2034
TORCH=(/usr/bin/python3 bench/train-throughput/torch_train.py)

# Compiles the worker and sets CP (its class path), OURS (our engine's command line, before its
# options; JVM flags go in JAVA_TOOL_OPTIONS) and CORES (the first $1 cores, for taskset).
bench_setup() {
  mvn -q -o -B -pl worker compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
  CP="worker/target/classes:$(cat worker/target/bench-cp.txt)"
  OURS=(java -Dai.djl.offline=true -cp "$CP" bench/train-throughput/ThroughputBench.java)
  CORES=$(seq -s, 0 $(($1 - 1)))
}

# images/s of one run of our engine; arguments: ThroughputBench's options (torch_train.py's).
ours_run() {
  taskset -c "$CORES" "${OURS[@]}" "$@" 2>/dev/null | json_field imagesPerSec
}

# images/s of one run of the PyTorch peer; arguments: torch_train.py's options.
torch_run() {
  taskset -c "$CORES" "${TORCH[@]}" "$@" | json_field imagesPerSec
}

# The medians over ROUNDS rounds of four cases: the functions $1..$4, each given a configuration's
# options ($5...), run one after the other in every round so that drift in the VM's speed hits
# all four alike. Prints "median1 median2 median3 median4" (images/s).
four_medians() {
  local -a c1=() c2=() c3=() c4=()
  local r
  for ((r = 0; r < ROUNDS; r++)); do
    c1+=("$("$1" "${@:5}")")
    c2+=("$("$2" "${@:5}")")
    c3+=("$("$3" "${@:5}")")
    c4+=("$("$4" "${@:5}")")
  done
  echo "$(median "${c1[@]}") $(median "${c2[@]}") $(median "${c3[@]}") $(median "${c4[@]}")"
}

# GFLOP/s of $1 x $1 float32 matrix products: "ours torch", on the bench's cores.
gemm_peaks() {
  local ours torch
  ours=$(taskset -c "$CORES" "${OURS[@]}" gemm "$1" "$2" 2>/dev/null | json_field gflops)
  torch=$(taskset -c "$CORES" /usr/bin/python3 bench/train-throughput/gemm.py "$1" "$2" | json_field gflops)
  echo "$ours $torch"
}

# The median of the arguments, to one decimal.
median() { python3 -c 'import statistics,sys; print("%.1f" % statistics.median(map(float, sys.argv[1:])))' "$@"; }

json_field() { python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# Both engines run with the allocator settings training processes ship with (GLIBC_TUNABLES in
# ./inception); set GLIBC_TUNABLES to compare others ("" = glibc's defaults).
use_shipped_tunables() {
  if [[ -z "${GLIBC_TUNABLES+set}" ]]; then
    GLIBC_TUNABLES=$(shipped_tunables)
    export GLIBC_TUNABLES
  fi
}

# model block width stem input-side batch aux-weight. The small stem's peers are our twins
# (bench/train-throughput/twins), the ImageNet stem's torchvision's own googlenet and inception_v3
# (whose aux head needs a 299 px input, so it trains without).
# shellcheck disable=SC2034
CONFIGS=(
  "googlenet-tv reduced 0.25 small 28 128 0.3"
  "googlenet-tv naive 0.25 small 28 128 0.3"
  "googlenet reduced 0.25 small 28 128 0.3"
  "googlenet-tv reduced 1.0 imagenet 96 64 0.3"
  "bn-inception reduced 0.25 small 28 128 0"
  "inception-v3 reduced 1.0 imagenet 139 16 0"
  "inception-v4 reduced 0.25 small 28 64 0"
  "inception-resnet-v2 reduced 0.25 small 28 64 0"
)

# What run.sh and bf16.sh start with: THREADS STEPS ROUNDS (their arguments, defaults 2 12 1) and
# WARMUP, the shipped allocator settings, the compiled worker (CP, CORES).
# shellcheck disable=SC2034
bench_init() {
  THREADS=${1:-2}
  STEPS=${2:-12}
  ROUNDS=${3:-1}
  WARMUP=3
  use_shipped_tunables
  bench_setup "$THREADS"
}

# Reads configuration $1 (a CONFIGS line) into model block width stem side batch aux and OPTS (the
# options both engines take for it); fails (returns 1) when ONLY names other models.
# shellcheck disable=SC2034
config_opts() {
  read -r model block width stem side batch aux <<<"$1"
  [[ -n "${ONLY:-}" && " $ONLY " != *" $model "* ]] && return 1
  OPTS=(--model "$model" --block "$block" --width "$width" --stem "$stem" --image-size "$side"
    --batch-size "$batch" --aux-weight "$aux" --threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP")
}
