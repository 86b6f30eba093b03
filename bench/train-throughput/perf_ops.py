#!/usr/bin/env python3
"""CPU time a timed step spends where, in each engine, from `perf record` samples (no profiler).

    perf_ops.py OURS.perf.data TORCH.perf.data STEPS [--hz 999]

Both files are `perf record -e cpu-clock -F HZ --control fifo:FIFO -D -1` of a bench run given
`--perf-control FIFO` (perf_ops.sh does this), so they hold the timed steps only. A sample is
1/HZ s of one thread's CPU; the table gives CPU ms a step (both threads together) by where the
sample fell:
- oneDNN: its generated kernels (anonymous executable memory: "[JIT]" without a Java name) and
  its library (`dnnl::` symbols in DJL's libtorch_cpu.so, Debian's separate libdnnl.so);
- ATen: the rest of libtorch (and libc10); ours' is split by kernel (its symbols are kept),
  Debian's libtorch is stripped, so PyTorch's shows as one row;
- OpenMP (libgomp: mostly threads waiting at a barrier), libc (malloc, memcpy), the kernel (page
  faults), BLAS, and the runtime: the JVM's JIT compiler threads (still compiling in a short
  run), its GC and VM threads, the JVM on the training threads, Java code (named through the
  JVM's perf map), DJL's JNI library; Python and torch's bindings.
"""
import collections
import re
import subprocess
import sys

# (row, pattern on the symbol) for our libtorch_cpu.so; the first match wins
ATEN_KERNELS = [
    ("batch norm backward", r"batch_norm.*backward"),
    ("batch norm statistics", r"batch_norm.*collect_stats|batch_norm.*var_mean|welford"),
    ("batch norm forward", r"batch_norm"),
    ("ReLU backward (threshold)", r"threshold_kernel"),
    ("ReLU forward (clamp_min)", r"clamp_min|relu"),
    ("avg pool backward", r"avg_pool.*backward"),
    ("avg pool forward", r"avg_pool"),
    ("max pool backward", r"max_pool.*backward"),
    ("max pool forward", r"max_pool"),
    ("concatenation", r"\bcat_|cat_serial|_cat\b|CatArray"),
    ("copy", r"copy_kernel|copy_"),
    ("add (gradient sums, optimizer)", r"add_kernel|addcmul|add_stub"),
    ("mul, fill, other elementwise", r"mul_kernel|fill_kernel|div_|sub_|VectorizedLoop2d|vectorized_loop"),
    ("loss (log_softmax, nll)", r"softmax|nll_loss"),
    ("autograd engine", r"torch::autograd"),
    ("TorchScript interpreter", r"torch::jit"),
]


# perf report's column separator: a character no DSO or symbol name holds (names have spaces)
SEPARATOR = "\x1f"


def samples(path):
    """{(thread name, dso, symbol): samples} of one perf.data file."""
    out = subprocess.run(["perf", "report", "-i", path, "--stdio", "--no-children", "-g", "none",
                          "--sort", "comm,dso,sym", "-F", "sample,comm,dso,sym", "-t", SEPARATOR],
                         capture_output=True, text=True, check=True, errors="replace").stdout
    counts = collections.Counter()
    for line in out.splitlines():
        fields = line.split(SEPARATOR)
        if len(fields) == 4 and fields[0].strip().isdigit():
            symbol = re.sub(r"^\[.\]\s*", "", fields[3].strip())
            counts[(fields[1].strip(), fields[2].strip(), symbol)] += int(fields[0])
    return counts


def row(thread, dso, sym):
    if thread.startswith(("C1 Compiler", "C2 Compiler")):
        return "runtime: JVM JIT compilers"
    if thread.startswith(("G1 ", "GC ", "VM ")):
        return "runtime: JVM GC, VM threads"
    if dso.startswith("[JIT]") or dso.startswith("//anon") or dso == "[unknown]":
        # generated code: the JVM's compiled methods carry names from its perf map, oneDNN's none
        return "oneDNN generated kernels" if sym.startswith("0x") else "runtime: Java code (ours, DJL)"
    if "dnnl" in dso or sym.startswith("dnnl") or "dnnl::" in sym[:40]:
        return "oneDNN library"
    if "openblas" in dso or sym.startswith("mkl_"):
        return "BLAS (MKL, OpenBLAS)"
    if dso.startswith("libtorch_python") or dso.startswith("python") or dso.startswith("libpython"):
        return "runtime: Python"
    if dso.startswith("libtorch") or dso.startswith("libc10"):
        if sym.startswith("0x"):
            return "ATen (stripped, not split)"
        for name, pattern in ATEN_KERNELS:
            if re.search(pattern, sym):
                return "ATen: " + name
        return "ATen: other"
    if "gomp" in dso:
        return "OpenMP (libgomp)"
    if dso.startswith("libc.so") or dso.startswith("libstdc++") or dso.startswith("ld-linux"):
        return "libc, libstdc++"
    if dso.startswith("[kernel") or dso == "[vdso]":
        return "kernel (page faults, system calls)"
    if dso.startswith("libjvm"):
        return "runtime: JVM (interpreter, stubs, JNI)"
    if "djl_torch" in dso:
        return "runtime: DJL's JNI library"
    return "other"


ATEN = "ATen (libtorch's kernels, dispatch, autograd)"


def table(counts, steps, hz):
    rows = collections.Counter()
    for key, n in counts.items():
        rows[row(*key)] += n
    return {name: n * 1000.0 / hz / steps for name, n in rows.items()}


def main():
    args = sys.argv[1:]
    hz = 999
    if "--hz" in args:
        i = args.index("--hz")
        hz = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    ours, torch = (table(samples(p), int(args[2]), hz) for p in args[:2])
    aten = lambda t: sum(v for k, v in t.items() if k.startswith("ATen"))
    merged = [{k: v for k, v in t.items() if not k.startswith("ATen")} | {ATEN: aten(t)}
              for t in (ours, torch)]
    print("| where | ours CPU ms a step | PyTorch CPU ms a step | ours − PyTorch |")
    print("|---|---:|---:|---:|")
    o, t = merged
    for k in sorted(set(o) | set(t), key=lambda k: -(o.get(k, 0) + t.get(k, 0))):
        a, b = o.get(k, 0.0), t.get(k, 0.0)
        print(f"| {k} | {a:.1f} | {b:.1f} | {a - b:+.1f} |")
    for label, prefix in (("oneDNN together", "oneDNN"), ("runtime together", "runtime")):
        a = sum(v for k, v in ours.items() if k.startswith(prefix))
        b = sum(v for k, v in torch.items() if k.startswith(prefix))
        print(f"| *{label}* | {a:.1f} | {b:.1f} | {a - b:+.1f} |")
    to, tt = sum(ours.values()), sum(torch.values())
    print(f"| **all** | {to:.1f} | {tt:.1f} | {to - tt:+.1f} |")
    print()
    print(f"{ATEN}, by kernel (a stripped libtorch, as Debian's, cannot be split):")
    print()
    print("| ATen kernel | ours CPU ms a step | PyTorch CPU ms a step |")
    print("|---|---:|---:|")
    kernels = [k for k in set(ours) | set(torch) if k.startswith("ATen")]
    for k in sorted(kernels, key=lambda k: -(ours.get(k, 0) + torch.get(k, 0))):
        name = k[len("ATen: "):] if k.startswith("ATen: ") else k
        print(f"| {name} | {ours.get(k, 0.0):.1f} | {torch.get(k, 0.0):.1f} |")


if __name__ == "__main__":
    main()
